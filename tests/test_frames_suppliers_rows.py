"""A suppliers or supply_chain frame is checked against the bids, as a bid return's own rows.

Found by the red team (session 40): a suppliers frame's org_type of "In-House Team" (the
loader's in-house team: case is ignored in the cell) or "in house team" (the loader's
``choice.invalid``) made the buyer's own in-house team a ranked tender, without a word; and a
suppliers row renamed ("Example County Council Short Breaks", a CRM extract's spelling) was
ignored, so the comparator was ranked, and a bidder's renamed row lost it its SME status and
PPON, silently.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES
from tests.example_copies import example_copy

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
COUNCIL = "Example County Council Short Breaks Service"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    # A plan of Python's (no file's fingerprint): frames around the folder's own plan are held
    # (tender.changed_in_python), which would hold every award here whatever the rows say.
    plan = dataclasses.replace(tender.plan)
    return plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


def _scored(plan, frames, **changed):
    tender = tendereval.Tender.from_frames(plan, **{**frames, **changed})
    return tendereval.score(tender, sensitivity=False)


def _council(result) -> tuple:
    return result.results.filter(pl.col("supplier") == COUNCIL).select("status", "rank").row(0)


def _renamed(frame: pl.DataFrame, old: str, new: str) -> pl.DataFrame:
    named = pl.when(pl.col("supplier") == old).then(pl.lit(new)).otherwise("supplier")
    return frame.with_columns(named.alias("supplier"))


def _typed(frame: pl.DataFrame, org_type: str) -> pl.DataFrame:
    typed = pl.when(pl.col("supplier") == COUNCIL).then(pl.lit(org_type)).otherwise("org_type")
    return frame.with_columns(typed.alias("org_type"))


@pytest.mark.parametrize(
    "org_type", ["in-house team", "In-House Team", " in-house  TEAM ", "In House"]
)
def test_an_in_house_team_typed_as_the_cell_would_be_is_the_comparator(loaded, org_type) -> None:
    plan, frames = loaded
    result = _scored(plan, frames, suppliers=_typed(frames["suppliers"], org_type))
    assert _council(result) == ("comparator", None)
    assert not [p for p in result.problems if p.is_error]


def test_a_type_of_organisation_that_is_no_choice_is_the_loaders_error_at_the_row(loaded) -> None:
    plan, frames = loaded
    row = frames["suppliers"].get_column("supplier").to_list().index(COUNCIL) + 1
    result = _scored(plan, frames, suppliers=_typed(frames["suppliers"], "in house team"))
    [problem] = [p for p in result.problems if p.code == "choice.invalid"]
    assert problem.is_error and (problem.file, problem.cell) == ("suppliers frame", f"row {row}")
    assert problem.found == "'in house team'" and "in-house team" in problem.expected
    assert COUNCIL in problem.message
    # As from the bid return: ranked (its type unknown), and the award held by the error.
    assert _council(result) == ("ranked", 5)
    assert result.award.award_blockers


def test_a_suppliers_row_naming_no_bidder_is_an_error_naming_the_nearest(loaded) -> None:
    plan, frames = loaded
    suppliers = _renamed(frames["suppliers"], COUNCIL, "Example County Council Short Breaks")
    result = _scored(plan, frames, suppliers=suppliers)
    [unknown] = [p for p in result.problems if p.code == "suppliers.unknown_supplier"]
    assert unknown.is_error and unknown.found == "Example County Council Short Breaks"
    assert COUNCIL in unknown.expected and unknown.file == "suppliers frame"
    [no_row] = [p for p in result.problems if p.code == "suppliers.no_row"]
    assert not no_row.is_error and no_row.message.startswith(COUNCIL)
    assert result.award.award_blockers


def test_a_supply_chain_row_naming_no_bidder_is_an_error(loaded) -> None:
    plan, frames = loaded
    chain = frames["supply_chain"]
    assert chain.height, "the example has a supply chain"
    bidder = chain.item(0, "supplier")
    result = _scored(plan, frames, supply_chain=_renamed(chain, bidder, bidder + " Ltd"))
    found = [p for p in result.problems if p.code == "supply_chain.unknown_supplier"]
    assert found and all(p.is_error and p.found == bidder + " Ltd" for p in found)
    assert all(bidder in p.expected for p in found)


def test_the_frames_as_loaded_give_none_of_these(loaded) -> None:
    plan, frames = loaded
    result = _scored(plan, frames)
    codes = {p.code for p in result.problems}
    assert not codes & {"choice.invalid", "suppliers.unknown_supplier", "suppliers.no_row"}
    assert "supply_chain.unknown_supplier" not in codes


def test_a_bid_file_that_could_not_be_read_is_not_warned_of_as_having_no_row(tmp_path) -> None:
    """The loader gives a file it cannot read a bids row and no suppliers row; its own error
    says why, and the folder as read gets no warning of a missing row."""
    folder = example_copy(tmp_path, "carers-short-breaks")
    (folder / "bids" / "weald-carers-trust.xlsx").write_text("not a workbook", encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.file == "bids/weald-carers-trust.xlsx"]
    assert not [p for p in result.problems if p.code == "suppliers.no_row"]
