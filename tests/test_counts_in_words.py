"""Counts agree with their nouns: "a cap of 1 lot", "1 offer was not eligible".

Found by the red team: allocation, scenarios and score output wrote counts with a fixed plural
("A cap of 1 lots per supplier cannot be met", "No supplier may win more than 1 lots",
"1 offers were not eligible", "Solver: highs, 1 runs", "1 more cells read on this sheet show
nothing", a notebook's "<1 problem, 1 errors>"). Every count now goes through one rule,
``tendereval.wording.counted``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import polars as pl
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.cli import cli
from tendereval.errors import Problem, Severity
from tendereval.io.tender import load_tender
from tendereval.plan import load_plan
from tendereval.shown import short
from tendereval.templates import _bid_instructions
from tendereval.wording import counted
from tests.award.red_team_tenders import Bid, tender_folder
from tests.io.test_reshaped_returns import _tender

# A count of one followed by a plural noun, in any output.
ONE_WITH_A_PLURAL = re.compile(
    r"\b1 (?:more )?(lots|offers|runs|bids|suppliers|cells|samples|units|errors|problems|"
    r"steps|price samples|potential suppliers|frontier steps|rows|columns)\b"
)
HEADER = "offer_id,supplier,lots,price,score,sme,vcse,group\n"
CAP_PLAN = '\n[participation]\nmax_lots_per_supplier = 1\ncap_rule = "descending_value"\n'


@given(st.integers(min_value=0, max_value=10**7))
@settings(max_examples=40, deadline=None)
def test_a_count_takes_the_singular_only_for_one(n: int) -> None:
    text = counted(n, "lot")
    assert text == (f"{n:,} lot" if n == 1 else f"{n:,} lots")
    assert counted(n, "offer was", "offers were").endswith("was" if n == 1 else "were")


def test_a_cap_of_one_lot_is_written_in_the_singular(tmp_path: Path) -> None:
    """One supplier offers both lots, every lot must be awarded, and the cap is 1: no allocation
    meets it; the lowest cap that works is 2 lots."""
    offers, out = tmp_path / "offers.csv", tmp_path / "a.json"
    offers.write_text(HEADER + "A1,Alpha,A,100,80,no,no,\nB1,Alpha,B,120,70,no,no,\n")
    run = CliRunner().invoke(
        cli,
        [
            "allocate", str(offers), "--award-all-lots", "--max-lots-per-supplier", "1",
            "--supplier-max-lots", "Alpha=2", "--json", str(out),
        ],
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    text = " ".join((run.output + out.read_text(encoding="utf-8")).split())  # unwrapped
    assert "A cap of 1 lot per supplier cannot be met" in text
    assert "the lowest cap that works under the other rules is 2 lots." in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rules_in_force"]["max_lots_per_supplier"].startswith(
        "No supplier may win more than 1 lot (a package counts"
    )
    assert data["rules_in_force"]["supplier_max_lots[Alpha]"] == "Alpha can take at most 2 lots"
    assert not ONE_WITH_A_PLURAL.search(text), ONE_WITH_A_PLURAL.search(text)


def test_one_offer_set_aside_is_one_offer(tmp_path: Path) -> None:
    offers = tmp_path / "offers.csv"
    offers.write_text(HEADER + "A1,Alpha,A,100,80,no,no,\nB1,Beta,A,90,50,no,no,\n")
    run = CliRunner().invoke(cli, ["allocate", str(offers), "--min-quality", "60", "--json", "-"])
    assert run.exit_code == 0, run.output
    assert "1 offer was not eligible (it is listed with the reason)." in run.output
    assert not ONE_WITH_A_PLURAL.search(run.output), ONE_WITH_A_PLURAL.search(run.output)


def test_the_bid_return_and_the_audit_say_a_cap_of_one_lot(tmp_path: Path) -> None:
    folder = tender_folder(
        tmp_path / "tender",
        ["A", "B"],
        [Bid("Xavier Care", "A", 10), Bid("Xavier Care", "B", 12)],
        extra=CAP_PLAN,
    )
    plan, _ = load_plan(folder / "tender.toml")
    instructions = " ".join(
        line if isinstance(line, str) else " ".join(line)
        for line in _bid_instructions(plan, [], False)
    )
    assert "No supplier will be awarded more than 1 lot. " in instructions
    report = tmp_path / "report.xlsx"
    run = CliRunner().invoke(cli, ["score", str(folder), "-o", str(report)])
    assert report.exists(), run.output
    audit = openpyxl.load_workbook(report)["Audit"]
    cells = [str(c.value) for row in audit.iter_rows() for c in row if c.value is not None]
    assert any(c.startswith("1 lot per supplier; binds:") for c in cells), cells
    assert not any(ONE_WITH_A_PLURAL.search(c) for c in cells)


def test_twenty_one_cells_hidden_by_their_format_end_with_one_more_cell(tmp_path: Path) -> None:
    """The price table's cells that are read (A, C, D, F and G; Lot name and Unit are only
    shown) in rows 5 to 8, and one uplift, formatted ';;;': 21 filled cells, 20 named one by
    one and the last counted."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["H8"] = 0.03
    for ref in [f"{col}{row}" for row in (5, 6, 7, 8) for col in "ACDFG"] + ["H8"]:
        book["Prices"][ref].number_format = ";;;"
    book.save(path)
    found = [p for p in load_tender(folder).problems if p.code == "cell.shows_nothing"]
    assert len(found) == 21
    assert found[-1].message.startswith("1 more cell read on this sheet shows nothing in Excel")


def test_a_notebook_shows_one_error_and_one_row_in_the_singular() -> None:
    problems = [Problem("bad", code="x"), Problem("odd", severity=Severity.WARNING)]
    assert short(problems) == "<2 problems, 1 error>"
    assert short(pl.DataFrame({"a": [1]})) == "<frame: 1 row × 1 column>"


def test_a_supplier_that_can_take_one_lot_is_said_to() -> None:
    from tendereval.allocation import Policy

    rules = dict(Policy(supplier_max_lots={"Alpha": 1}).describe())
    assert rules["supplier_max_lots[Alpha]"] == "Alpha can take at most 1 lot"


def test_lists_and_small_counts_read_as_a_sentence() -> None:
    from tendereval.wording import listed, number_word

    assert listed([]) == "" and listed([], none="nothing") == "nothing"
    assert listed(["a"]) == "a"
    assert listed(["a", "b"]) == "a and b"
    assert listed(["a", "b", "c"]) == "a, b and c"
    assert [number_word(n) for n in (2, 3, 9, 10, 1_200)] == ["two", "three", "nine", "10", "1,200"]
