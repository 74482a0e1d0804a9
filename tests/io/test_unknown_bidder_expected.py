"""A name that matches no bidder: the problem says what it should have been without listing a
thousand names. With 1,000 bidders each such line was 19,000 characters (every bidder's
name), the answer lost among them; beyond ten bidders it now names the nearest and counts."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

import tendereval
from tendereval.io.keys import NAMES_LISTED, NEAREST_LOOKED_UP, BidderNames
from tests.award.red_team_tenders import Bid, tender_folder

SUPPLIERS = [f"Supplier {i:04d} Ltd" for i in range(60)]


def test_a_misspelt_supplier_on_a_score_sheet_is_told_its_nearest_bidders(tmp_path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], [Bid(s, "L1", 20) for s in SUPPLIERS])
    with (folder / "evaluation" / "scores.csv").open("a", encoding="utf-8") as handle:
        handle.write("Ann Evans,Suplier 0019 Ltd,L1,Q1,4,reason\n")
    (problem,) = [p for p in tendereval.load_tender(folder).problems if p.is_error]
    assert problem.code == "score.unknown_supplier" and problem.found == "Suplier 0019 Ltd"
    assert problem.expected.startswith("the name of one of the 60 bidders (the nearest: ")
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


def test_few_bidders_are_all_named_and_nothing_near_is_said_plainly() -> None:
    few = BidderNames(SUPPLIERS[:NAMES_LISTED])
    assert few.expected("anything") == ", ".join(SUPPLIERS[:NAMES_LISTED])
    assert BidderNames([]).expected("x") == "a bidder"
    many = BidderNames(SUPPLIERS)
    assert many.expected("Zebra Holdings") == (
        "the name of one of the 60 bidders (Supplier 0000 Ltd, Supplier 0001 Ltd, "
        "Supplier 0002 Ltd, …)"
    )


def test_thousands_of_different_unknown_names_cost_a_bounded_time() -> None:
    names = BidderNames(f"Supplier {i:04d} Ltd" for i in range(1_000))
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
    lines = format_problems(tendereval.load_tender(folder).problems)
    assert max(len(line) for line in lines) < 300
