"""Frames a notebook hands to a Tender (red team round 5, surface S). Before, a frame missing a
column scoring needs was filled with nulls without a word: scores without ``evaluator`` or
``score``, prices without ``unit_rate``, made every bid invalid; a moderation frame without its
``score``, or commitments without ``units``, were dropped, and the totals changed with no
problem and no error. A frame set on a Tender after it was made (``tender.scores = …``) was not
checked at all, and failed deep inside polars; a misspelt frame name was a TypeError."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES, REQUIRED

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES}


NEEDED = [(name, column) for name, columns in REQUIRED.items() for column in columns]


@pytest.mark.parametrize(("name", "column"), NEEDED)
def test_a_frame_without_a_column_scoring_needs_names_it(loaded, name, column) -> None:
    plan, frames = loaded
    given = frames[name].drop(column)
    with pytest.raises(
        tendereval.UsageError, match=rf"^{name}: there is no '{column}' column \(found "
    ) as missing:
        tendereval.Tender.from_frames(plan, **{**frames, name: given})
    assert ", ".join(REQUIRED[name]) in str(missing.value)  # what is expected


KEPT = {"scores": ["group"], "suppliers": ["org_type"]}


def test_columns_scoring_can_go_without_may_be_left_out(loaded) -> None:
    """Only the columns that carry a figure or a key are needed: without where each came from
    (source, cell) or the reasons, the ranking is the folder's. (The scores keep their
    evaluator group: the example's service-user panel has its own share of Q1 and Q3, which a
    consensus does not take away, so without it the panel's 4 for Hop Garden on Q1 would be
    one more officer's score, moderated away. And the suppliers keep their type of
    organisation: it tells the council's in-house team, the comparator, from the tenders;
    without it every return is a supplier's tender.)"""
    plan, frames = loaded
    expected = tendereval.score(CARERS, sensitivity=False).results.select(
        "supplier", "status", "rank", "total"
    )
    lean = {name: frames[name].select(*REQUIRED[name], *KEPT.get(name, [])) for name in REQUIRED}
    tender = tendereval.Tender.from_frames(plan, **{**frames, **lean})
    got = tendereval.score(tender, sensitivity=False).results
    assert got.select("supplier", "status", "rank", "total").equals(expected)


def test_a_misspelt_frame_is_a_usage_error(loaded) -> None:
    plan, frames = loaded
    with pytest.raises(tendereval.UsageError, match=r"^there is no frame called 'bidz'; .*bids"):
        tendereval.Tender.from_frames(plan, bidz=frames["bids"])


def test_a_frame_set_on_a_tender_is_checked_as_from_frames_checks_it(loaded) -> None:
    plan, frames = loaded
    tender = tendereval.Tender.from_frames(plan, **frames)
    with pytest.raises(tendereval.UsageError, match=r"^scores: there is no 'evaluator' column"):
        tender.scores = frames["scores"].drop("evaluator")
    with pytest.raises(tendereval.UsageError, match=r"^scores: column 'score' must hold"):
        tender.scores = frames["scores"].with_columns(pl.lit("four").alias("score"))
    with pytest.raises(tendereval.UsageError, match=r"^bids must be a polars DataFrame"):
        tender.bids = frames["bids"].lazy()
    with pytest.raises(tendereval.UsageError, match=r"^plan must be a Plan"):
        tender.plan = "tender.toml"
    with pytest.raises(tendereval.UsageError, match=r"^folder must be"):
        tender.folder = 5
    # Nothing was changed by a refused frame, and a good one is taken as the loader gives it.
    assert tender.scores.equals(frames["scores"])
    tender.scores = frames["scores"].with_columns(pl.col("score").cast(pl.String))
    assert tender.scores.equals(frames["scores"])
    assert tendereval.score(tender, sensitivity=False).results.equals(
        tendereval.score(CARERS, sensitivity=False).results
    )


@pytest.mark.parametrize("bad", [None, 5, b"examples", ""])
def test_load_tender_and_load_plan_name_their_argument(bad) -> None:
    """load_tender(None) was pathlib's TypeError; load_plan("") read the current folder."""
    with pytest.raises(tendereval.UsageError, match=r"^folder must be .* \(got "):
        tendereval.load_tender(bad)
    with pytest.raises(tendereval.UsageError, match=r"^path must be .* \(got "):
        tendereval.load_plan(bad)


WEALD = pl.col("supplier") == "Weald Carers Trust"
NOT_FIGURES = [
    # Before: Weald's total NaN, ranked first and awarded the contract.
    ("commitments", "units", float("nan"), "NaN"),
    ("proxies", "proxy_value", float("nan"), "NaN"),
    ("prices", "unit_rate", float("inf"), "inf"),
    ("scores", "score", float("-inf"), "-inf"),
    # Before: scored, lowering Weald's social value points (the loader refuses it at its cell).
    ("commitments", "units", -100.0, "-100.0"),
]


@pytest.mark.parametrize(("name", "column", "value", "shown"), NOT_FIGURES)
def test_a_figure_no_workbook_could_hold_is_refused(loaded, name, column, value, shown) -> None:
    plan, frames = loaded
    if "supplier" in frames[name].columns:
        changed = pl.when(WEALD).then(value).otherwise(pl.col(column))
    else:
        changed = pl.lit(value)
    given = frames[name].with_columns(changed.alias(column))
    with pytest.raises(tendereval.UsageError, match=rf"^{name}: column '{column}' holds ") as bad:
        tendereval.Tender.from_frames(plan, **{**frames, name: given})
    assert f"(found {shown}" in str(bad.value)


def test_a_figure_changed_in_place_is_refused_when_scored(loaded) -> None:
    """A frame checked when set can still be edited in place; score() checks it again."""
    plan, frames = loaded
    tender = tendereval.Tender.from_frames(plan, **frames)
    tender.commitments[0, "units"] = float("nan")
    with pytest.raises(
        tendereval.UsageError, match=r"^commitments: column 'units' holds 1 value .*found NaN"
    ):
        tendereval.score(tender, sensitivity=False)


def test_two_rows_for_one_supplier_that_disagree_on_its_status_are_refused(loaded) -> None:
    """A suppliers frame with Brightwater twice, once an SME and once not (frames joined in a
    notebook): the results, the report and the published award reported one of them and the
    SME-share policies counted it, without a word about the other. Rows that agree, or one
    row per supplier as the loaders give, pass."""
    plan, frames = loaded
    suppliers = frames["suppliers"]
    brightwater = suppliers.filter(pl.col("supplier") == "Brightwater Care Services Ltd")
    again = brightwater.with_columns(supplier=pl.lit("BRIGHTWATER CARE SERVICES LTD"), sme=False)
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.Tender.from_frames(
            plan, **{**frames, "suppliers": pl.concat([suppliers, again])}
        )
    assert str(refused.value) == (
        "suppliers: 2 rows for 'Brightwater Care Services Ltd' and "
        "'BRIGHTWATER CARE SERVICES LTD' disagree on sme (found true, false); expected one row "
        "per supplier, as load_tender makes it (names are matched ignoring case and spaces)"
    )
    tender = tendereval.Tender.from_frames(
        plan, **{**frames, "suppliers": pl.concat([suppliers, brightwater])}
    )
    # Changed in place after it was set: refused when scored.
    tender.suppliers[tender.suppliers.height - 1, "vcse"] = True
    with pytest.raises(tendereval.UsageError, match="disagree on vcse"):
        tendereval.score(tender, sensitivity=False)
