"""Frames as a notebook hands them in: a null where a key belongs, a column in other capitals,
True where a number belongs, two rows for one supplier (red team, session 33).

docs/python.md: "Scoring keeps the loaders' rules for the values in a frame". Before, a null
question in the moderation frame, a null measure in commitments or proxies, changed the totals
with the award ready to go out, where the same blank cell in a file is the loader's error; a
``Group`` column was left out and the group's scores counted as the main panel's; True in
``uplift`` was an uplift of 100% a year; a suppliers row with no name failed with a TypeError;
and two suppliers rows with different company numbers published whichever came first.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD = pl.col("supplier") == "Weald Carers Trust"
HOP = pl.col("supplier") == "Hop Garden Respite CIC"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    assert not tender.errors
    # The folder's plan copied in Python: frames around the plan file's own are held
    # (tender.changed_in_python), and the award's errors here are the frames' alone.
    plan = dataclasses.replace(tender.plan)
    return plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


@pytest.fixture(scope="module")
def as_loaded(loaded):
    plan, frames = loaded
    return _scored(plan, frames)


def _scored(plan, frames, **changed: pl.DataFrame):
    tender = tendereval.Tender.from_frames(plan, **{**frames, **changed})
    return tendereval.score(tender, sensitivity=False)


def _first_row(frame: pl.DataFrame, column: str, value: object) -> pl.DataFrame:
    """``frame`` with ``column`` in its first row set to ``value``."""
    first = pl.int_range(pl.len()) == 0
    given = pl.lit(value, frame.schema[column])
    return frame.with_columns(pl.when(first).then(given).otherwise(column).alias(column))


# (frame, column, the bid the error holds back: None for the award as a whole)
KEYS = [
    ("moderation", "question", None),
    ("moderation", "supplier", None),
    ("moderation", "lot", None),
    ("scores", "evaluator", None),
    ("scores", "question", None),
    ("commitments", "measure", "own"),
    ("proxies", "measure", None),
    ("prices", "item", "own"),
    ("supply_chain", "name", "own"),
    ("suppliers", "supplier", None),
]


@pytest.mark.parametrize(("name", "column", "whose"), KEYS)
@pytest.mark.parametrize("blank", [None, "  "])
def test_a_row_with_no_key_is_the_loaders_error_naming_the_frames_row(
    loaded, name, column, whose, blank
) -> None:
    """A blank key in a file is the loader's ``cell.blank`` ("Moderation › C7: error: question
    is missing (found a blank cell)"). From a frame, a null question in the moderation frame
    took Weald from 76.123 to 75.623, a null measure took Brightwater from 75.148 to 69.624,
    with no problem and the summaries ready."""
    plan, frames = loaded
    given = _first_row(frames[name], column, blank)
    result = _scored(plan, frames, **{name: given})
    [error] = [p for p in result.problems if p.code == "cell.blank" and p.file == f"{name} frame"]
    assert error.is_error
    assert (error.cell, error.found) == (
        "row 1",
        "null" if blank is None else "a blank text ('  ')",
    )
    assert f"(the {name} frame's {column} column)" in error.message
    owner = frames[name].item(0, "supplier") if whose else None
    assert error.supplier == owner  # a bid's own row holds that bid back, as the loader does
    assert not result.award.summaries_ready


def test_a_suppliers_row_with_no_name_beside_a_supply_chain_is_an_error_not_a_crash(
    loaded,
) -> None:
    """A name lost in a pandas round trip: the supply chain's members were compared with it
    and scoring failed with ``TypeError: normalize() argument 2 must be str, not None``."""
    plan, frames = loaded
    assert not frames["supply_chain"].is_empty()
    suppliers = _first_row(frames["suppliers"], "supplier", None)
    result = _scored(plan, frames, suppliers=suppliers)
    [error] = [p for p in result.problems if p.file == "suppliers frame" and p.is_error]
    assert (error.code, error.cell) == ("cell.blank", "row 1")
    assert error.message.startswith("supplier name is missing (the suppliers frame's supplier")


def test_a_key_given_in_every_row_adds_no_problem(as_loaded) -> None:
    assert not [p for p in as_loaded.problems if p.code == "cell.blank"]
    assert as_loaded.award.summaries_ready


def test_a_declaration_with_no_answer_is_the_loaders_warning_naming_its_row(loaded) -> None:
    """A null conflict answer changed three totals (the plan's missing_declaration rule) with
    no declaration.missing, which a blank answer on a score sheet gives."""
    plan, frames = loaded
    declarations = _first_row(frames["declarations"], "conflict", None)
    evaluator = declarations.item(0, "evaluator")
    result = _scored(plan, frames, declarations=declarations)
    [warning] = [p for p in result.problems if p.code == "declaration.missing"]
    assert not warning.is_error
    assert (warning.file, warning.cell) == ("declarations frame", "row 1")
    assert evaluator in warning.message


def test_a_unit_rate_for_a_null_lot_is_named_at_its_row(loaded) -> None:
    """The null trap of _bids_as_placed in _prices_for_what_is_not_there: ``~is_in`` of a null
    lot is null, so the filter for rates for a lot not in the plan dropped it. The bid was
    held back by the item it then lacked, with no word of the row that caused it."""
    plan, frames = loaded
    prices = _first_row(frames["prices"], "lot", None)
    supplier = prices.item(0, "supplier")
    result = _scored(plan, frames, prices=prices)
    [error] = [p for p in result.problems if p.file == "prices frame" and p.cell == "row 1"]
    assert (error.code, error.supplier, error.lot) == ("cell.blank", supplier, None)
    assert not [p for p in result.problems if p.code == "price.unknown_lot"]


@pytest.mark.parametrize("spelt", ["Group", " group", "GROUP "])
def test_a_column_in_other_capitals_or_spaces_is_read_as_the_frames(
    loaded, as_loaded, spelt
) -> None:
    """Hop Garden's question Q1 is scored by the consensus and the carers' reference group
    (``consensus + group share``). With the column spelt ``Group`` the group's scores were the
    main panel's: its total fell from 71.4228 to 70.6228 (quality 27.3 to 26.5) without a
    word. Read as ``group``, the result is the loaded tender's."""
    plan, frames = loaded
    result = _scored(plan, frames, scores=frames["scores"].rename({"group": spelt}))
    q1 = result.criteria.filter(HOP & (pl.col("criterion") == "Q1"))
    assert q1.item(0, "basis") == "consensus + group share"
    assert result.results.equals(as_loaded.results)
    assert [str(p) for p in result.problems] == [str(p) for p in as_loaded.problems]


def test_a_column_the_frame_does_not_have_is_a_warning_naming_the_nearest(
    loaded, as_loaded
) -> None:
    plan, frames = loaded
    result = _scored(plan, frames, scores=frames["scores"].rename({"group": "grp"}))
    [warning] = [p for p in result.problems if p.code == "frame.unknown_column"]
    assert not warning.is_error
    assert (warning.file, warning.found) == ("scores frame", "grp")
    assert warning.expected.startswith("'group' if these are its values")
    # Not read: the group's scores count as the main panel's, as the warning says.
    hop = result.results.filter(HOP)
    assert hop.item(0, "quality_score") == pytest.approx(26.5)
    assert hop.item(0, "total") == pytest.approx(
        as_loaded.results.filter(HOP).item(0, "total") - 0.8
    )


def test_two_columns_read_as_one_are_refused(loaded) -> None:
    plan, frames = loaded
    scores = frames["scores"].with_columns(Group=pl.col("group"))
    with pytest.raises(tendereval.UsageError, match=r"'group' and 'Group' are both read as"):
        tendereval.Tender.from_frames(plan, **{**frames, "scores": scores})


def test_a_frame_set_with_its_own_columns_forgets_the_unknown_ones(loaded) -> None:
    plan, frames = loaded
    tender = tendereval.Tender.from_frames(
        plan, **{**frames, "scores": frames["scores"].rename({"group": "grp"})}
    )
    assert tender.unread_columns() == {"scores": ("grp",)}
    tender.scores = frames["scores"]
    assert tender.unread_columns() == {}


# (frame, column, True for whose row)
TRUE_OR_FALSE = [
    ("prices", "uplift"),
    ("prices", "volume"),
    ("commitments", "units"),
    ("scores", "score"),
    ("moderation", "score"),
    ("proxies", "proxy_value"),
    ("suppliers", "turnover"),
    ("scores", "question"),
]


@pytest.mark.parametrize(("name", "column"), TRUE_OR_FALSE)
def test_true_or_false_where_a_number_belongs_is_refused(loaded, name, column) -> None:
    """True was read as 1.0: an uplift of 100% a year took Weald's evaluated price from
    £3.23m to £7.36m; a workbook's TRUE in the uplift cell is the loader's error."""
    plan, frames = loaded
    given = frames[name].with_columns(pl.lit(None, pl.Boolean).alias(column))
    given = _first_row(given, column, True)
    with pytest.raises(
        tendereval.UsageError,
        match=rf"^{name}: column '{column}' holds true/false values, which are not .* \(found "
        r"True in row 1",
    ):
        tendereval.Tender.from_frames(plan, **{**frames, name: given})


def test_a_true_or_false_column_left_all_null_is_no_value(loaded) -> None:
    plan, frames = loaded
    prices = frames["prices"].with_columns(volume=pl.lit(None, pl.Boolean))
    tender = tendereval.Tender.from_frames(plan, **{**frames, "prices": prices})
    assert tender.prices.get_column("volume").null_count() == prices.height


@pytest.mark.parametrize(
    ("column", "other"),
    [("company_number", "00000001"), ("charity_number", "1234567"), ("legal_name", "Weald Ltd")],
)
@pytest.mark.parametrize("first", [True, False])
def test_two_rows_for_one_supplier_that_disagree_on_who_it_is_are_refused(
    loaded, column, other, first
) -> None:
    """The award notice's supplier id is its company number: with a second row for Weald
    giving 00000001, the notice said GB-COH-00000001 or GB-COH-11402259 by the rows' order."""
    plan, frames = loaded
    second = frames["suppliers"].filter(WEALD).with_columns(pl.lit(other).alias(column))
    rows = [second, frames["suppliers"]] if first else [frames["suppliers"], second]
    with pytest.raises(
        tendereval.UsageError,
        match=rf"^suppliers: 2 rows for 'Weald Carers Trust' disagree on {column} \(found ",
    ) as refused:
        tendereval.Tender.from_frames(plan, **{**frames, "suppliers": pl.concat(rows)})
    assert other in str(refused.value)


def test_two_rows_for_one_supplier_giving_one_number_are_one_supplier(loaded) -> None:
    """Spaces around a number, and its capitals, are not a second number."""
    plan, frames = loaded
    weald = frames["suppliers"].filter(WEALD)
    number = weald.item(0, "company_number")
    second = weald.with_columns(company_number=pl.lit(f" {number.lower()} "))
    tender = tendereval.Tender.from_frames(
        plan, **{**frames, "suppliers": pl.concat([frames["suppliers"], second])}
    )
    assert tender.suppliers.height == frames["suppliers"].height + 1


def test_an_sme_column_in_capitals_is_the_suppliers_own_answer(loaded) -> None:
    """``SME`` is the sme column: from_frames gave each supplier the status its figures make
    when no column was spelt ``sme``, and the two were then read as one column."""
    plan, frames = loaded
    suppliers = frames["suppliers"].with_columns(sme=pl.lit(False)).rename({"sme": "SME"})
    tender = tendereval.Tender.from_frames(plan, **{**frames, "suppliers": suppliers})
    assert tender.suppliers.get_column("sme").to_list() == [False] * suppliers.height


def test_a_score_of_a_frame_with_no_source_is_named_by_its_row(loaded) -> None:
    """A scores row with no ``source`` was named "scores frame" with no row, where a bids
    row's problem names its row. The fourth row's question Q9 and a second consensus score
    (the moderation frame's last row, a copy of its first) are named by their rows."""
    plan, frames = loaded
    unplaced = {"source": pl.lit(None, pl.String), "cell": pl.lit(None, pl.String)}
    scores = frames["scores"].with_columns(**unplaced)
    scores = scores.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(pl.lit("Q9"))
        .otherwise("question")
        .alias("question")
    )
    moderation = frames["moderation"].with_columns(**unplaced)
    moderation = pl.concat([moderation, moderation.head(1)])
    result = _scored(plan, frames, scores=scores, moderation=moderation)
    [unknown] = [p for p in result.problems if p.code == "score.unknown_question"]
    assert (unknown.file, unknown.cell) == ("scores frame", "row 4")
    [second] = [p for p in result.problems if p.code == "moderation.duplicate"]
    assert (second.file, second.cell) == ("moderation frame", f"row {moderation.height}")
    assert "moderation frame › row 1" in second.found
