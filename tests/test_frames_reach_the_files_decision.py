"""A tender built from frames reaches the decision the same data reaches from files.

Found by the red team (docs/python.md: "Scoring keeps the loaders' rules for the values in a
frame, as for a cell of a workbook"): a measure id in lower case counted for nothing and
changed the winner, a bid made invalid by a blank unit rate passed the award to the runner-up
with no error, a tender of frames without its proxy value table valued every commitment at £0,
and NaN in a suppliers frame's ``sme`` made a supplier an SME. Each now reaches what the files
reach, or is refused with a UsageError or a problem naming the frame, column and row.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES
from tests.example_copies import example_copy

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD = pl.col("supplier") == "Weald Carers Trust"


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    assert not tender.errors
    # The folder's plan copied in Python: frames around the plan file's own are held
    # (tender.changed_in_python), and the award's errors here are the frames' alone.
    plan = dataclasses.replace(tender.plan)
    return plan, {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}


def _scored(plan, frames, **changed: pl.DataFrame):
    tender = tendereval.Tender.from_frames(plan, **{**frames, **changed})
    return tendereval.score(tender, sensitivity=False)


def _errors(result) -> list:
    return [p for p in result.problems if p.is_error]


@pytest.mark.parametrize("spelt", [str.lower, lambda m: f" {m.lower()}  "])
def test_a_measure_in_other_capitals_or_spacing_is_the_tables_measure(loaded, spelt) -> None:
    plan, frames = loaded
    commitments = frames["commitments"].with_columns(
        pl.when(WEALD)
        .then(pl.col("measure").map_elements(spelt, return_dtype=pl.String))
        .otherwise("measure")
        .alias("measure")
    )
    result = _scored(plan, frames, commitments=commitments)
    weald = result.social_value.filter(WEALD).sort("measure")
    assert weald.select("measure", "amount").rows() == [
        ("SV-JOB-LOCAL", 3 * 32_500.0),
        ("SV-SPEND-VCSE", 180_000 * 0.25),
        ("SV-TRAIN", 400 * 18.0),
        ("SV-VOL", 1_200 * 17.0),
    ]
    # 97,500 + 45,000 + 7,200 + 20,400: as from the bid return, and the same winner.
    amount = result.results.filter(WEALD).item(0, "social_value_amount")
    assert amount == pytest.approx(170_100.0)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert not result.flags.filter(pl.col("code") == "social_value.no_proxy").height


def test_a_null_unit_rate_holds_the_award_as_a_blank_rate_cell_does(loaded) -> None:
    """From files the blank rate is an error and Weald 'could win once put right'; from a
    frame the bid was invalid with no error, and Brightwater's award was ready to publish."""
    plan, frames = loaded
    day = WEALD & (pl.col("item") == "day_sessions")
    prices = frames["prices"].with_columns(
        pl.when(day).then(None).otherwise("unit_rate").alias("unit_rate")
    )
    row = frames["prices"].with_row_index("n", offset=1).filter(day).item(0, "n")
    result = _scored(plan, frames, prices=prices)
    [error] = _errors(result)
    assert (error.code, error.file, error.cell) == ("cell.blank", "prices frame", f"row {row}")
    assert "unit_rate column" in error.message and "day_sessions" in error.message
    assert error.expected == "a unit rate for day_sessions (yearly volume 2600)"
    assert (error.supplier, error.lot) == ("Weald Carers Trust", "CSB")
    assert result.award.not_put_right == (("CSB", "Weald Carers Trust"),)
    assert not result.award.summaries_ready


def test_a_price_item_with_no_row_is_the_loaders_error(loaded) -> None:
    plan, frames = loaded
    day = WEALD & (pl.col("item") == "day_sessions")
    result = _scored(plan, frames, prices=frames["prices"].filter(~day))
    [error] = _errors(result)
    assert error.code == "price.missing_item"
    assert (
        error.message
        == "Weald Carers Trust's bid for lot CSB has no row for price item day_sessions"
    )
    assert result.award.not_put_right == (("CSB", "Weald Carers Trust"),)


def test_a_bid_for_a_lot_in_other_capitals_is_an_error_naming_its_row(loaded) -> None:
    plan, frames = loaded
    bids = frames["bids"].with_columns(
        pl.when(WEALD).then(pl.lit("csb")).otherwise("lot").alias("lot")
    )
    row = frames["bids"].with_row_index("n", offset=1).filter(WEALD).item(0, "n")
    result = _scored(plan, frames, bids=bids)
    [error] = _errors(result)
    assert (error.code, error.file, error.cell) == ("lot.unknown", "bids frame", f"row {row}")
    assert (error.found, error.expected) == ("csb", "CSB")
    assert "lot column" in error.message
    # Weald's tender is held for, not passed over: no award goes out until it is put right.
    assert not result.award.summaries_ready


def test_a_bid_for_a_null_lot_is_an_error_naming_its_row(loaded) -> None:
    """Red team, session 33: a null lot raised nothing (``is_in`` of a null is null, and the
    filter for faulty rows dropped it), so Weald's bid was invalid with no error and the award
    went to Brightwater, ready to publish. docs/python.md: a row naming no lot is bid.no_lot."""
    plan, frames = loaded
    bids = frames["bids"].with_columns(
        pl.when(WEALD).then(pl.lit(None, pl.String)).otherwise("lot").alias("lot")
    )
    row = frames["bids"].with_row_index("n", offset=1).filter(WEALD).item(0, "n")
    result = _scored(plan, frames, bids=bids)
    [error] = _errors(result)
    assert (error.code, error.file, error.cell) == ("bid.no_lot", "bids frame", f"row {row}")
    assert (error.found, error.expected) == ("null", "CSB")
    assert not result.award.summaries_ready


def test_a_bids_row_given_twice_is_an_error_naming_both_rows(loaded) -> None:
    plan, frames = loaded
    bids = pl.concat([frames["bids"], frames["bids"].filter(WEALD)])
    first = frames["bids"].with_row_index("n", offset=1).filter(WEALD).item(0, "n")
    result = _scored(plan, frames, bids=bids)
    [error] = _errors(result)
    assert (error.code, error.file, error.cell) == ("bid.repeated", "bids frame", "row 7")
    assert f"(the first is row {first})" in error.message
    assert (error.supplier, error.lot) == ("Weald Carers Trust", "CSB")
    assert result.award.not_put_right == (("CSB", "Weald Carers Trust"),)


@pytest.mark.parametrize("given", ["uplift_cell named", "no uplift_cell"])
def test_a_null_uplift_with_its_cell_named_is_an_error_else_none(loaded, given) -> None:
    """A null uplift with its cell named is an unknown price (as for an uplift cell the
    loader refused): the bids were invalid with no error, and no lot was awarded, ready to go
    out. With no cell named it is no uplift at all, as a blank uplift cell is."""
    plan, frames = loaded
    prices = frames["prices"].with_columns(uplift=pl.lit(None, pl.Float64))
    if given == "no uplift_cell":
        prices = prices.with_columns(uplift_cell=pl.lit(None, pl.String))
    result = _scored(plan, frames, prices=prices)
    weald = result.results.filter(WEALD).row(0, named=True)
    if given == "no uplift_cell":
        assert not _errors(result)
        # 18,000 × £27.50 + 1,400 × £215 + 2,600 × £98 = £1,050,800 a year over the plan's 3
        # years (not discounted), as a bid return with its uplift cells left blank is priced.
        assert (weald["status"], weald["evaluated_price"]) == ("ranked", 3 * 1_050_800)
        return
    errors = _errors(result)
    assert {e.code for e in errors} == {"price.uplift_unknown"}
    # One for each of the six bids, at its first row (each bid has three rows).
    assert len(errors) == 6 and {e.file for e in errors} == {"prices frame"}
    [own] = [e for e in errors if e.supplier == "Weald Carers Trust"]
    first = frames["prices"].with_row_index("n", offset=1).filter(WEALD).item(0, "n")
    assert own.cell == f"row {first}" and "uplift column and 2 more of its rows" in own.message
    assert weald["status"] == "invalid"
    assert not result.award.summaries_ready
    assert ("CSB", "Weald Carers Trust") in result.award.not_put_right


def test_no_proxies_frame_under_a_plan_naming_a_table_is_the_loaders_error(loaded) -> None:
    """From files a missing proxy value table is an error; from frames every commitment was
    worth £0 with only warnings, and the summaries were ready."""
    plan, frames = loaded
    assert plan.social_value.proxy_table == "social-value-proxies-2026.csv"
    without = {name: frame for name, frame in frames.items() if name != "proxies"}
    result = tendereval.score(tendereval.Tender.from_frames(plan, **without), sensitivity=False)
    [error] = _errors(result)
    assert (error.code, error.file) == ("proxies.missing", "proxies frame")
    assert "social-value-proxies-2026.csv" in error.message
    assert not result.award.summaries_ready
    # Given the table, the same frames are ready, as the files are.
    assert _scored(plan, frames).award.summaries_ready


def _as_floats(suppliers: pl.DataFrame, nan_for: str | None = None) -> pl.DataFrame:
    """The suppliers frame with sme and vcse as a float column holds them (1.0, 0.0), and NaN
    for ``nan_for``: how a notebook's frame says "unknown"."""
    return suppliers.with_columns(
        pl.when(pl.col("supplier") == nan_for)
        .then(float("nan"))
        .otherwise(pl.col(column).cast(pl.Float64))
        .alias(column)
        for column in ("sme", "vcse")
    )


def test_nan_in_sme_or_vcse_is_a_usage_error_naming_the_supplier(loaded) -> None:
    """NaN was cast to True: Meridian became an SME and a VCSE in the results, the
    allocation and the published award."""
    plan, frames = loaded
    suppliers = _as_floats(frames["suppliers"], nan_for="Meridian Care Group plc")
    with pytest.raises(tendereval.UsageError) as raised:
        tendereval.Tender.from_frames(plan, **{**frames, "suppliers": suppliers})
    message = str(raised.value)
    assert message.startswith("suppliers: column 'vcse' holds a value that is neither yes nor no")
    assert "(found NaN for 'Meridian Care Group plc')" in message


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: pl.col(c).cast(pl.Float64),  # 1.0 / 0.0
        lambda c: pl.col(c).cast(pl.Int64),  # 1 / 0
        lambda c: pl.when(pl.col(c)).then(pl.lit("Yes")).when(~pl.col(c)).then(pl.lit("no")),
        lambda c: pl.when(pl.col(c)).then(pl.lit("y")).when(~pl.col(c)).then(pl.lit("N")),
    ],
    ids=["floats", "whole numbers", "yes/no", "y/n"],
)
def test_sme_and_vcse_are_read_as_a_workbook_cell_is(loaded, typed) -> None:
    plan, frames = loaded
    suppliers = frames["suppliers"].with_columns(typed(c).alias(c) for c in ("sme", "vcse"))
    tender = tendereval.Tender.from_frames(plan, **{**frames, "suppliers": suppliers})
    assert tender.suppliers.select("supplier", "sme", "vcse").equals(
        frames["suppliers"].select("supplier", "sme", "vcse")
    )


@pytest.mark.parametrize("value", [0.5, 2.0, "maybe"])
def test_an_sme_that_is_neither_yes_nor_no_is_a_usage_error(loaded, value) -> None:
    plan, frames = loaded
    suppliers = frames["suppliers"].with_columns(
        pl.when(WEALD)
        .then(pl.lit(value))
        .otherwise(pl.lit(0 if value != "maybe" else "no"))
        .alias("sme")
    )
    with pytest.raises(tendereval.UsageError, match="column 'sme' holds a value that is neither"):
        tendereval.Tender.from_frames(plan, **{**frames, "suppliers": suppliers})


def test_a_score_typed_as_a_category_is_scored_as_its_number(loaded) -> None:
    plan, frames = loaded
    scores = frames["scores"].with_columns(pl.col("score").cast(pl.String).cast(pl.Categorical))
    tender = tendereval.Tender.from_frames(plan, **{**frames, "scores": scores})
    assert tender.scores.get_column("score").equals(frames["scores"].get_column("score"))


def test_a_packages_lots_column_of_text_is_a_usage_error(loaded) -> None:
    plan, frames = loaded
    packages = pl.DataFrame(
        {
            "supplier": ["Weald Carers Trust"],
            "package": ["P1"],
            "lots": ["CSB, EAST"],
            "price": [1.0],
        }
    )
    with pytest.raises(tendereval.UsageError) as raised:
        tendereval.Tender.from_frames(plan, **{**frames, "packages": packages})
    message = str(raised.value)
    assert message.startswith("packages: column 'lots' holds String values")
    assert "['CSB, EAST']" in message and '["CSB", "EAST"]' in message


@pytest.mark.parametrize("problems", [["checked by hand"], "checked by hand"])
def test_problems_that_are_not_problems_are_a_usage_error(loaded, problems) -> None:
    """Text was taken, and scoring failed later with AttributeError."""
    plan, frames = loaded
    with pytest.raises(tendereval.UsageError, match="problems must be a list of tendereval"):
        tendereval.Tender.from_frames(plan, problems=problems, **frames)


@pytest.mark.parametrize("answer", ["no", "N", " No conflict ", "nothing to declare"])
def test_a_conflict_answer_is_read_as_a_score_sheets_is(loaded, answer) -> None:
    """A score sheet's 'no' is read as none; a frame's counted as no declaration at all, and
    every evaluator's scores were left out: every bid invalid, no award."""
    plan, frames = loaded
    declarations = frames["declarations"].with_columns(conflict=pl.lit(answer))
    result = _scored(plan, frames, declarations=declarations)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert not result.flags.filter(pl.col("code") == "evaluator.no_declaration").height
    assert _scored(plan, frames).results.equals(result.results)


def test_a_conflict_answer_not_understood_is_the_loaders_warning(loaded) -> None:
    plan, frames = loaded
    helen = pl.col("evaluator") == "Helen Marsh"
    row = frames["declarations"].with_row_index("n", offset=1).filter(helen).item(0, "n")
    declarations = frames["declarations"].with_columns(
        pl.when(helen).then(pl.lit("not sure")).otherwise("conflict").alias("conflict")
    )
    result = _scored(plan, frames, declarations=declarations)
    [warning] = [p for p in result.problems if p.code == "declaration.missing"]
    assert warning.message == (
        "no conflict-of-interest declaration (conflict of interest answer not 'none' or "
        "'declared') for Helen Marsh"
    )
    assert warning.found == "not sure, which is neither 'none' nor 'declared'"
    assert (warning.file, warning.cell, warning.is_error) == (
        "declarations frame",
        f"row {row}",
        False,
    )
    # As from a score sheet: the plan's missing_declaration rule applies to Helen's scores.
    [flag] = result.flags.filter(pl.col("code") == "evaluator.no_declaration").rows(named=True)
    assert "Helen Marsh" in flag["message"]


def test_a_tender_rebuilt_from_frames_into_its_folder_is_held_as_a_change_is(tmp_path) -> None:
    """Rebuilt with from_frames (no inputs frame) around an edited score, a tender escaped the
    changed-in-Python guard: ready, and its summaries and notice went into the folder."""
    folder = example_copy(tmp_path, "carers-short-breaks")
    tender = tendereval.load_tender(folder)
    brightwater_q1 = (pl.col("supplier") == "Brightwater Care Services Ltd") & (
        pl.col("question") == "Q1"
    )
    edited = tender.scores.with_columns(
        pl.when(brightwater_q1).then(5.0).otherwise("score").alias("score")
    )
    frames = {name: getattr(tender, name) for name in FRAME_NAMES if name != "inputs"}
    rebuilt = tendereval.Tender.from_frames(
        tender.plan, folder=tender.folder, **{**frames, "scores": edited}
    )
    result = tendereval.score(rebuilt, sensitivity=False)
    [held] = [p for p in result.problems if p.code == "tender.changed_in_python"]
    assert held.file == f"{folder.name}/" and "Tender.from_frames" in held.message
    assert not result.award.summaries_ready
    published = tendereval.publish(result, ocid_prefix="ocds-b5fd17")
    assert published.blockers and not list((folder / "reports").glob("*ocds*.json"))
    # Built with the loaded tender's own inputs frame, it is held to what the files gave
    # (the documented way): unchanged, it is ready.
    same = tendereval.Tender.from_frames(
        tender.plan, folder=tender.folder, inputs=tender.inputs, **frames
    )
    assert tendereval.score(same, sensitivity=False).award.summaries_ready


@pytest.mark.parametrize("answer", ["", "  ", None, "not sure"])
def test_no_evaluator_answering_the_conflict_question_is_scored_not_a_crash(loaded, answer) -> None:
    """Every evaluator's answer blank (as the loaders write a declaration they found none
    on), null or not understood: each evaluator has no declaration and, under the plan's
    missing_declaration = "exclude", no score counts, so no lot is awarded. Before, the
    answers read again became a column of no type and scoring stopped with a SchemaError
    (``tendereval score`` exited 3)."""
    plan, frames = loaded
    declarations = frames["declarations"].with_columns(conflict=pl.lit(answer, pl.String))
    result = _scored(plan, frames, declarations=declarations)
    evaluators = frames["declarations"].get_column("evaluator").unique().sort().to_list()
    flagged = result.flags.filter(pl.col("code") == "evaluator.no_declaration")
    assert sorted({e for e in evaluators if any(e in m for m in flagged["message"])}) == evaluators
    assert result.award.winner("CSB") is None
    warned = [p for p in result.problems if p.code == "declaration.missing"]
    # Each evaluator's, once: a blank or null answer too (frames8: the loader warns of a
    # blank answer on a score sheet; this frame's rows are not the sheets' as read).
    assert len(warned) == len(evaluators)
    assert len({p.cell for p in warned}) == len(evaluators)


def test_a_score_sheet_with_its_conflict_answer_blank_is_scored(tmp_path) -> None:
    """The only score sheet's "Conflict of interest" cell left blank: validate warns once, and
    score warns once and scores (it exited 3: the blank answer was read again as a frame's)."""
    import openpyxl

    from tests.io.builders import good_tender

    folder = good_tender(tmp_path / "t")
    sheet = folder / "scores" / "ann.xlsx"
    book = openpyxl.load_workbook(sheet)
    book["Declaration"]["B8"] = None
    book.save(sheet)
    result = tendereval.score(folder, sensitivity=False)
    [warning] = [p for p in result.problems if p.code == "declaration.missing"]
    assert (warning.file, warning.is_error) == ("scores/ann.xlsx", False)
    assert result.flags.filter(pl.col("code") == "evaluator.no_declaration").height


def test_a_commitment_worth_more_than_any_contract_is_the_files_error(loaded) -> None:
    """1E305 units passed the frame's check (a finite number) and, times £32,500, came to
    infinity: Weald's total was NaN, ranked first and awarded, its summaries ready to send.
    Now the error the bid return's cell gives (tests/award/test_commitment_beyond_any_contract),
    at the place the row names, and the same decision."""
    plan, frames = loaded
    jobs = WEALD & (pl.col("measure") == "SV-JOB-LOCAL")
    commitments = frames["commitments"].with_columns(
        pl.when(jobs).then(1e305).otherwise(pl.col("units")).alias("units")
    )
    result = _scored(plan, frames, commitments=commitments)
    [error] = _errors(result)
    assert (error.code, error.where) == (
        "commitments.beyond_any_contract",
        "bids/weald-carers-trust.xlsx › Social value › C5",
    )
    assert result.results.filter(WEALD).item(0, "status") == "invalid"
    assert result.award.winner("CSB") == "Brightwater Care Services Ltd"
    assert [lot for lot, _ in result.award.errors_waited_on()] == ["CSB"]


def test_rates_that_come_to_nothing_are_the_files_error(loaded) -> None:
    """Rates of 1E-300: an evaluated price of £0.00, as from the bid return's cells."""
    plan, frames = loaded
    meridian = pl.col("supplier") == "Meridian Care Group plc"
    prices = frames["prices"].with_columns(
        pl.when(meridian).then(1e-300).otherwise(pl.col("unit_rate")).alias("unit_rate")
    )
    result = _scored(plan, frames, prices=prices)
    [error] = _errors(result)
    assert (error.code, error.supplier, error.found) == (
        "price.not_above_zero",
        "Meridian Care Group plc",
        "£0.00",
    )
    assert result.results.filter(meridian).item(0, "status") == "invalid"
