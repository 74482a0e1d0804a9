"""A name that matches no bidder: the problem says what it should have been without listing a
thousand names. With 1,000 bidders each such line was 19,000 characters (every bidder's
name), the answer lost among them. A list longer than a line now gives way to the nearest
names and a count; the same for lot and question ids."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

import tendereval
from tendereval.io.nearest import LISTED_UP_TO, NEAREST_LOOKED_UP, Choices, bidder_names
from tests.award.red_team_tenders import Bid, tender_folder

SUPPLIERS = [f"Supplier {i:04d} Ltd" for i in range(60)]


def test_a_misspelt_supplier_on_a_score_sheet_is_told_its_nearest_bidders(tmp_path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], [Bid(s, "L1", 20) for s in SUPPLIERS])
    with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as handle:
        handle.write("Ann Evans,Suplier 0019 Ltd,L1,Q1,4,reason\n")
    (problem,) = [p for p in tendereval.load_tender(folder).problems if p.is_error]
    assert problem.code == "score.unknown_supplier" and problem.found == "Suplier 0019 Ltd"
    assert problem.expected.startswith("one of the 60 bidders' names (the nearest: ")
    assert "Supplier 0019 Ltd" in problem.expected and len(problem.expected) < 200


def test_the_same_from_a_frame(tmp_path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], [Bid(s, "L1", 20) for s in SUPPLIERS])
    tender = tendereval.load_tender(folder)
    extra = tender.scores.head(1).with_columns(
        supplier=pl.lit("Supplier 0042 Limited"), source=pl.lit(None, pl.String)
    )
    tender.scores = pl.concat([tender.scores, extra])
    result = tendereval.score(tender, sensitivity=False)
    (problem,) = [p for p in result.problems if p.code == "score.unknown_supplier"]
    assert "(the nearest: Supplier 0042 Ltd" in problem.expected


def test_a_short_list_is_given_whole_and_nothing_near_is_said_plainly() -> None:
    few = bidder_names(SUPPLIERS[:5])
    assert few.expected("anything") == ", ".join(SUPPLIERS[:5])
    assert bidder_names([]).expected("x") == "a bidder"
    assert len(", ".join(SUPPLIERS)) > LISTED_UP_TO
    assert bidder_names(SUPPLIERS).expected("Zebra Holdings") == (
        "one of the 60 bidders' names (Supplier 0000 Ltd, Supplier 0001 Ltd, Supplier 0002 Ltd, …)"
    )
    # Lot ids in the plan's order; a dozen fit on a line.
    lots = [f"L{i:03d}" for i in range(300, 0, -1)]
    assert Choices(lots[:12], "lots of the plan").expected("L9") == ", ".join(lots[:12])
    assert Choices(lots, "lots of the plan").expected("l13") == (
        "one of the 300 lots of the plan (the nearest: L013, L103, L113)"
    )


def test_thousands_of_different_unknown_names_cost_a_bounded_time() -> None:
    names = bidder_names(f"Supplier {i:04d} Ltd" for i in range(1_000))
    start = time.process_time()
    found = [names.expected(f"Suplier {i:05d} Ltd") for i in range(3_000)]
    # Each of the first names looked up among 1,000 alike takes about 17 ms; the rest are
    # counted, not compared (3,000 lookups would be about 50 s).
    assert time.process_time() - start < 5
    assert sum("the nearest" in text for text in found) == NEAREST_LOOKED_UP
    assert all(len(text) < 200 for text in found)


def test_the_terminal_line_stays_short(tmp_path: Path) -> None:
    from tendereval.console import format_problems

    folder = tender_folder(tmp_path / "t", ["L1"], [Bid(s, "L1", 20) for s in SUPPLIERS])
    with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as handle:
        handle.write("Ann Evans,Nobody Ltd,L1,Q1,4,reason\n")
    # (Not the warnings that the form gives no contact email nor unique identifier.)
    problems = tendereval.load_tender(folder).problems
    lines = format_problems([p for p in problems if p.code != "bid.summary_details_missing"])
    assert max(len(line) for line in lines) < 300


def test_a_consolidated_form_row_for_a_supplier_not_listed_names_the_nearest(tmp_path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], [Bid(s, "L1", 20) for s in SUPPLIERS])
    with (folder / "evaluation" / "prices.csv").open("a", encoding="utf-8") as handle:
        handle.write("Supplier 0019 Limited,L1,hours,20,0\n")
    problems = tendereval.load_tender(folder).problems
    (problem,) = [p for p in problems if p.code == "matrix.unknown_supplier"]
    assert problem.expected.startswith("one of the 60 suppliers listed (the nearest: ")
    assert "Supplier 0019 Ltd" in problem.expected


def test_a_lot_mistyped_among_many_names_the_nearest(tmp_path) -> None:
    lots = [f"L{i:03d}" for i in range(1, 121)]
    folder = tender_folder(tmp_path / "t", lots, [Bid("Acme Ltd", "L001", 20)])
    with (folder / "evaluation" / "prices.csv").open("a", encoding="utf-8") as handle:
        handle.write("Acme Ltd,L1O2,hours,20,0\n")
    (problem,) = [
        p for p in tendereval.load_tender(folder).problems if p.code == "price.unknown_lot"
    ]
    assert problem.expected.startswith("one of the 120 lots of the plan (the nearest: ")
    assert "L102" in problem.expected  # (typed with the letter O)


def test_a_name_shown_as_the_nearest_is_cut_short() -> None:
    long = "Acme " + "Care " * 10_000 + "Ltd"
    names = bidder_names([long, *SUPPLIERS])
    shown = names.expected("Acme Care Ltd")
    assert len(shown) < 400 and shown.count("…") >= 1


def test_a_cell_of_20000_characters_is_cut_on_the_terminal_and_kept_elsewhere() -> None:
    from tendereval.console import format_problems
    from tendereval.errors import Problem
    from tendereval.terminal import LINE_SHOWN_UP_TO

    problem = Problem(
        "a score for a supplier that did not submit a bid",
        file="evaluation/scores.csv",
        cell="row 4, column supplier",
        found="X" * 20_000,
        expected="Y" * 5_000,
        code="score.unknown_supplier",
    )
    for line in (str(problem), *format_problems([problem])):
        assert len(line) <= LINE_SHOWN_UP_TO
    assert "X… (20,000 characters)" in str(problem)
    # Advice that is mostly what a file gave keeps its first and last words (errors.py).
    assert str(problem).endswith("YYY")
    assert "; expected YYY" in str(problem) and "characters not shown) …YYY" in str(problem)
    assert problem.describe().count("X") == 20_000  # reports and JSON keep all of it


def test_the_advice_is_shown_whole_on_the_terminal() -> None:
    # Red team: the advice on a supplier's two returns (about 420 characters) was cut at 300
    # on the terminal, mid-way through the decisions.toml lines to write.
    from tendereval.console import format_problems
    from tendereval.errors import Problem

    advice = (
        "one bid return from each supplier: record the return the supplier replaced as "
        'withdrawn in decisions.toml ([[withdrawal]] supplier = "bids/old.xlsx", '
        "withdrawn_on = the day it was replaced), or one that came in after the deadline as "
        'rejected: [[rejection]] supplier = "bids/late.xlsx", ground = "late", '
        'reason = "received after the deadline"'
    )
    assert 300 < len(advice) < 1_200
    problem = Problem("sent two bid returns", file="bids/a.xlsx", found="X" * 400, expected=advice)
    for shown in (str(problem), "\n".join(format_problems([problem]))):
        assert advice in shown
        assert "X… (400 characters)" in shown
