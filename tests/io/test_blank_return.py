"""A bid return with nothing filled in: the blank template, sent by a supplier in place of its
bid or saved in bids/ by the buyer. It was eight errors, one for each empty cell ("the
supplier's legal name is missing", "Staff headcount is missing", …), and "the bid file could
not be read", which it could: none of them said what the file was, nor what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

TEMPLATE = "bids/bid-return-template.xlsx"


def _with_template(tmp_path: Path) -> Path:
    """The blank template made outside the tender and saved in bids/ (as a supplier's return
    arrives): tendereval itself never writes a blank bid return there."""
    folder = example_copy(tmp_path)
    blank = tendereval.template("bid-return", folder, tmp_path / "bid-return.xlsx").path
    shutil.copy(blank, folder / TEMPLATE)
    return folder


def test_a_blank_bid_return_is_one_error_saying_it_is_the_template(tmp_path: Path) -> None:
    folder = _with_template(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    (problem,) = result.problems
    assert (problem.code, problem.file, problem.is_error) == ("bid.blank", TEMPLATE, True)
    assert problem.message == (
        "nothing in this bid return is filled in (no name, no organisation details, no unit "
        "rate): it is the blank template"
    )
    assert "move it out of the tender folder" in problem.expected
    assert "[[rejection]]" in problem.expected
    # Never lost: in the results, invalid, a bid for the plan's one lot; the award waits on it.
    (row,) = result.results.filter(source=TEMPLATE).iter_rows(named=True)
    assert (row["lot"], row["status"]) == ("CSB", "invalid")
    assert row["reasons"][0] == (
        "nothing could be read from the bid file to assess; the plan has one lot, so it is a "
        "bid for lot CSB that could not be assessed"
    )
    assert result.award.held_back is not None


def test_the_rejection_it_suggests_settles_it_and_is_shown(tmp_path: Path) -> None:
    folder = _with_template(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[rejection]]\nsupplier = "{TEMPLATE}"\n'
        'reason = "The supplier sent the blank template in place of its bid"\n'
        "decided_on = 2026-03-05\n",
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back is None and result.award.problems == ()
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    # Listed among the lot's bids (the plan has one lot), with the rejection among its reasons.
    assert "        - rejected by the contracting authority on 2026-03-05 (rejection[0])" in (
        out.output.splitlines()
    )


def test_one_detail_filled_in_is_a_bid_with_its_gaps_named(tmp_path: Path) -> None:
    """Only a return with nothing at all typed in is the blank template."""
    folder = _with_template(tmp_path)
    book = openpyxl.load_workbook(folder / TEMPLATE)
    book["Organisation"]["B4"] = "Acme Care Ltd"
    book.save(folder / TEMPLATE)
    codes = {p.code for p in tendereval.validate(folder).problems}
    assert "bid.blank" not in codes and {"cell.blank", "bid.no_prices"} <= codes


def test_two_suppliers_sending_the_blank_template_are_two_bids(tmp_path: Path) -> None:
    """The template is the same bytes for every supplier: two that each sent it back untouched
    are two submissions, not one file downloaded twice. So are two empty files."""
    folder = _with_template(tmp_path)
    shutil.copy(folder / TEMPLATE, folder / "bids/acme-care.xlsx")
    (folder / "bids/bright.xlsx").write_bytes(b"")
    (folder / "bids/cole.xlsx").write_bytes(b"")
    result = tendereval.score(folder, sensitivity=False)
    codes = sorted((p.file, p.code) for p in result.problems)
    assert codes == [
        ("bids/acme-care.xlsx", "bid.blank"),
        (TEMPLATE, "bid.blank"),
        ("bids/bright.xlsx", "file.empty"),
        ("bids/cole.xlsx", "file.empty"),
    ]
    # Four bids for the plan's one lot, each invalid.
    unread = result.results.filter(pl.col("reasons").list.first().str.starts_with("nothing"))
    assert unread["source"].sort().to_list() == [
        "bids/acme-care.xlsx",
        TEMPLATE,
        "bids/bright.xlsx",
        "bids/cole.xlsx",
    ]
    assert set(unread["lot"]) == {"CSB"} and set(unread["status"]) == {"invalid"}
