"""Frames handed to the library keep the loaders' rules for the same data.

Found by the red team: a score of 3.7 (or 9) on a 0-5 scale of whole points, a yearly uplift of
300% or -50%, and a declaration answering 'declared' that names no supplier (or 'none' that
names some) are each reported by the loader at its cell, and the score or uplift left out; the
same values in a frame (``Tender.from_frames``, or ``tender.scores = …`` in a notebook) were
scored without a word: the 3.7 counted, the bid was ranked on a price worked out with a 300%
uplift. Scoring now applies the loader's own rules (io.frame_rules): the same scores, the
same invalid bids and the same problems, however the values arrive.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.errors import Severity
from tendereval.io.frame_rules import as_loaded
from tendereval.tender import FRAME_NAMES
from tendereval.validation import validate
from tests.award.red_team_tenders import Bid, tender_folder
from tests.example_copies import example_copy, example_with
from tests.io.builders import bid_workbook, score_rows, score_workbook, write_plan

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
WEALD = pl.col("supplier") == "Weald Carers Trust"
FIRST = pl.int_range(pl.len()) == 0


@pytest.fixture(scope="module")
def loaded() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    assert not tender.errors
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES}


def _scored(plan, frames, **changed: pl.DataFrame):
    tender = tendereval.Tender.from_frames(plan, **{**frames, **changed})
    return tender, tendereval.score(tender, sensitivity=False)


def _codes(result, code: str):
    return [p for p in result.problems if p.code == code]


def _totals(result) -> list[tuple]:
    return result.results.select("supplier", "lot", "status", "total").sort("supplier").rows()


@pytest.mark.parametrize("score", [3.7, 9.0, -1.0, 2.5])
def test_a_score_off_its_scale_is_left_out_with_the_loaders_problem(loaded, score) -> None:
    plan, frames = loaded
    q1 = WEALD & (pl.col("question") == "Q1") & (pl.col("evaluator") == "Helen Marsh")
    assert frames["scores"].filter(q1).height == 1
    given = frames["scores"].with_columns(pl.when(q1).then(score).otherwise("score").alias("score"))
    tender, result = _scored(plan, frames, scores=given)
    [problem] = _codes(result, "score.out_of_scale")
    assert problem.message == "a score the scale for Q1 does not allow"
    assert problem.found == f"{score:g}" and problem.expected.startswith("0/1/2/3/4/5")
    assert problem.is_error and problem.supplier is None
    # Scored as the loader would give it: the score left out (null), the others counting.
    left_out = frames["scores"].with_columns(
        pl.when(q1).then(None).otherwise("score").alias("score")
    )
    assert _totals(result) == _totals(_scored(plan, frames, scores=left_out)[1])
    # The caller's tender is not changed.
    assert tender.scores.filter(q1).item(0, "score") == score


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_a_loaded_tender_keeps_every_rule_already(example) -> None:
    """What the loaders give passes unchanged: the rules are theirs."""
    tender = tendereval.load_tender(ROOT / "examples" / example)
    assert as_loaded(tender) is tender


def test_the_same_frames_handed_in_give_the_same_answer(loaded) -> None:
    plan, frames = loaded
    _, result = _scored(plan, frames)
    assert _totals(result) == _totals(tendereval.score(CARERS, sensitivity=False))


def test_a_second_score_for_the_same_question_is_left_out(loaded) -> None:
    """The loader keeps an evaluator's first score for a supplier, lot and question; the
    frame's second one (a 0 for Helen Marsh's Q1, written again in other capitals) was
    averaged in."""
    plan, frames = loaded
    q1 = WEALD & (pl.col("question") == "Q1") & (pl.col("evaluator") == "Helen Marsh")
    again = frames["scores"].filter(q1).with_columns(evaluator=pl.lit("HELEN  MARSH"), score=0.0)
    _, result = _scored(plan, frames, scores=pl.concat([frames["scores"], again]))
    [problem] = _codes(result, "score.duplicate")
    assert (
        problem.message
        == "HELEN  MARSH has already scored Weald Carers Trust, lot CSB, question Q1"
    )
    assert problem.found.startswith("a second score, 0, where the first, ")
    assert _totals(result) == _totals(_scored(plan, frames)[1])


def test_a_second_score_for_the_supplier_in_other_capitals_is_left_out(loaded) -> None:
    """Scoring reads "WEALD CARERS TRUST" as Weald Carers Trust, but the check for a second
    score compared the names as written: Helen Marsh's second Q1 score, a 0, was averaged in,
    and Weald fell from first (76.12) to second (73.72) without a word. The same for a
    second consensus score."""
    plan, frames = loaded
    q1 = WEALD & (pl.col("question") == "Q1") & (pl.col("evaluator") == "Helen Marsh")
    again = (
        frames["scores"].filter(q1).with_columns(supplier=pl.lit("WEALD CARERS TRUST"), score=0.0)
    )
    consensus = frames["moderation"].head(1)
    consensus = consensus.with_columns(supplier=pl.col("supplier").str.to_uppercase(), score=0.0)
    _, result = _scored(
        plan,
        frames,
        scores=pl.concat([frames["scores"], again]),
        moderation=pl.concat([frames["moderation"], consensus]),
    )
    [problem] = _codes(result, "score.duplicate")
    assert problem.message.startswith("Helen Marsh has already scored WEALD CARERS TRUST")
    assert len(_codes(result, "moderation.duplicate")) == 1
    assert _totals(result) == _totals(_scored(plan, frames)[1])
    assert result.award.winner("CSB") == "Weald Carers Trust"


def test_a_second_consensus_score_is_left_out(loaded) -> None:
    plan, frames = loaded
    again = frames["moderation"].head(1).with_columns(score=0.0)
    _, result = _scored(plan, frames, moderation=pl.concat([frames["moderation"], again]))
    assert len(_codes(result, "moderation.duplicate")) == 1
    assert _totals(result) == _totals(_scored(plan, frames)[1])


HOP_GARDEN_Q1 = (pl.col("supplier") == "Hop Garden Respite CIC") & (pl.col("question") == "Q1")


@pytest.mark.parametrize("score", [3.5, 7, -1])
def test_a_consensus_score_off_its_scale_gets_the_workbooks_problems(
    loaded, tmp_path: Path, score: float
) -> None:
    """A consensus of 3.5 in a moderation frame was also "the panel's consensus reason is there
    and its consensus score is not (found a blank consensus score cell beside the reason)":
    the score was there, and the same 3.5 in the moderation workbook gets the first error only."""
    plan, frames = loaded
    consensus = frames["moderation"].with_columns(
        pl.when(HOP_GARDEN_Q1).then(float(score)).otherwise("score").alias("score")
    )
    _, result = _scored(plan, frames, moderation=consensus)
    folder = example_with(
        tmp_path, "carers-short-breaks", "scores/moderation.xlsx", "Moderation!D9", score
    )
    read = tendereval.score(folder, sensitivity=False)
    assert _said_at("D9", result) == _said_at("D9", read)
    assert [code for _, code, _, _ in _said_at("D9", result)] == ["score.out_of_scale"]
    # A frame built by hand (no file or cell) has the one problem too, at its row.
    by_hand = consensus.with_columns(source=None, cell=None)
    _, result = _scored(plan, frames, moderation=by_hand)
    codes = [p.code for p in result.problems if p.file == "moderation frame"]
    assert codes == ["score.out_of_scale"]


def _said_at(cell: str, result) -> list[tuple]:
    problems = result.problems
    return [(p.where, p.code, p.message, p.found) for p in problems if p.where.endswith(cell)]


@pytest.mark.parametrize(("uplift", "shown"), [(3.0, "300%"), (-0.5, "-50%")])
def test_an_uplift_out_of_range_makes_the_bid_invalid_as_the_loader_does(
    loaded, uplift, shown
) -> None:
    plan, frames = loaded
    given = frames["prices"].with_columns(
        pl.when(WEALD & (pl.col("item") == "sitting_hours"))
        .then(uplift)
        .otherwise("uplift")
        .alias("uplift")
    )
    _, result = _scored(plan, frames, prices=given)
    [problem] = _codes(result, "price.uplift_range")
    assert (problem.supplier, problem.found) == ("Weald Carers Trust", shown)
    weald = result.results.filter(WEALD).row(0, named=True)
    assert weald["status"] == "invalid" and weald["evaluated_price"] is None
    # The other bids are as without the change.
    status = result.results.filter(~WEALD).select("supplier", "status").sort("supplier")
    _, before = _scored(plan, frames)
    assert status.equals(
        before.results.filter(~WEALD).select("supplier", "status").sort("supplier")
    )


@pytest.mark.parametrize(
    ("conflict", "named", "code"),
    [
        ("declared", [], "declaration.no_suppliers"),
        ("none", ["Weald Carers Trust"], "declaration.contradiction"),
    ],
)
def test_a_declaration_that_contradicts_itself_is_reported(loaded, conflict, named, code) -> None:
    plan, frames = loaded
    given = frames["declarations"].with_columns(
        pl.when(pl.col("evaluator") == "Helen Marsh")
        .then(pl.lit(conflict))
        .otherwise("conflict")
        .alias("conflict"),
        pl.when(pl.col("evaluator") == "Helen Marsh")
        .then(pl.lit(named, dtype=pl.List(pl.String)))
        .otherwise("conflicted_suppliers")
        .alias("conflicted_suppliers"),
    )
    _, result = _scored(plan, frames, declarations=given)
    [problem] = _codes(result, code)
    assert problem.message.startswith("Helen Marsh: ")


def test_a_declaration_the_loader_reported_is_not_reported_twice(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("Xavier Care", "A", 10)])
    (folder / "evaluation" / "declarations.csv").write_text(
        "evaluator,declared_on,conflict\nAnn Evans,2026-09-20,declared\n", encoding="utf-8"
    )
    tender = tendereval.load_tender(folder)
    assert len(_codes(tender, "declaration.no_suppliers")) == 1
    result = tendereval.score(tender, sensitivity=False)
    assert len(_codes(result, "declaration.no_suppliers")) == 1


def test_a_second_score_spelt_the_same_is_left_out_too(loaded) -> None:
    """The same evaluator's name twice, written alike: found by the hashed check (each key's
    text hashed), which lets the frame through untouched only when no two rows meet."""
    plan, frames = loaded
    q1 = WEALD & (pl.col("question") == "Q1") & (pl.col("evaluator") == "Helen Marsh")
    again = frames["scores"].filter(q1).with_columns(score=0.0)
    _, result = _scored(plan, frames, scores=pl.concat([frames["scores"], again]))
    assert len(_codes(result, "score.duplicate")) == 1
    assert _totals(result) == _totals(_scored(plan, frames)[1])


_TEXT = st.sampled_from(["a", "b", "ab", "", None])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT), max_size=12))
def test_the_hashed_check_says_one_of_each_exactly_when_it_is(rows) -> None:
    """Rows with a key left blank are never duplicates; the same text in another key (a, b
    against b, a) is no match."""
    from tendereval.io.frame_rules import _surely_one_of_each

    frame = pl.DataFrame(rows, schema=["x", "y", "z"], orient="row")
    complete = [r for r in rows if None not in r]
    assert _surely_one_of_each(frame, ["x", "y", "z"], {}) == (len(set(complete)) == len(complete))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT), max_size=12), st.booleans())
def test_the_numbered_check_says_one_of_each_exactly_when_it_is(rows, dense) -> None:
    """The same check on each key's rows numbered (as scoring numbers the scores' text
    columns), by a table of every combination or, beyond its size, by a hash table."""
    from tendereval.io import frame_rules
    from tendereval.scoring.canonical import encode

    frame = pl.DataFrame(rows, schema=["x", "y", "z"], orient="row")
    numbers = [e.numbers for e in encode(frame, "x", "y", "z").values()]
    complete = [r for r in rows if None not in r]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frame_rules, "EVERY_COMBINATION", 1 << 24 if dense else 0)
        found = frame_rules._surely_one_of_each(frame, ["x", "y", "z"], {}, numbers=numbers)
    assert found == (len(set(complete)) == len(complete))


_EVALUATOR = st.sampled_from(["Helen Marsh", "helen  marsh", "Tom Okafor", None])
_SUPPLIER = st.sampled_from(["Weald Carers Trust", "WEALD CARERS TRUST", "Nobody Ltd", None])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            _EVALUATOR,
            _SUPPLIER,
            st.sampled_from(["CSB", "XX", None]),
            st.sampled_from(["Q1", "Q2", None]),
            st.sampled_from([1.0, 2.0, None]),
            st.booleans(),
        ),
        max_size=10,
    )
)
def test_the_scores_numbered_by_scoring_give_what_their_texts_give(loaded, rows) -> None:
    """Scoring hands the loaders' rules each row's number in the scores' text columns, which
    find a second score without hashing a million texts: the same scores left out, the same
    problems, as the texts give; a score the loader set aside already is never a repeat."""
    from tendereval.scoring.canonical import encode

    plan, frames = loaded
    scores = pl.concat(
        [
            frames["scores"],
            pl.DataFrame(
                [
                    {
                        "evaluator": e,
                        "supplier": s,
                        "lot": lot,
                        "question": q,
                        "score": v,
                        "set_aside_because": "a second score" if aside else None,
                        "source": "scores frame",
                        "cell": f"Scores › F{row}",
                    }
                    for row, (e, s, lot, q, v, aside) in enumerate(rows)
                ],
                schema={
                    "evaluator": pl.String,
                    "supplier": pl.String,
                    "lot": pl.String,
                    "question": pl.String,
                    "score": pl.Float64,
                    "set_aside_because": pl.String,
                    "source": pl.String,
                    "cell": pl.String,
                },
            ),
        ],
        how="diagonal_relaxed",
    )
    tender = tendereval.Tender.from_frames(plan, **{**frames, "scores": scores})
    encoded = encode(tender.scores, "supplier", "lot", "question", "evaluator")
    by_text = as_loaded(tender)
    by_number = as_loaded(
        tender,
        {name: e.values for name, e in encoded.items()},
        {name: e.numbers for name, e in encoded.items()},
    )
    assert by_number.problems == by_text.problems
    assert by_number.scores.equals(by_text.scores)


@pytest.mark.parametrize(("conflict", "error"), [("declared", True), ("none", False)])
def test_a_conflict_with_a_supplier_that_did_not_bid_is_the_loaders_problem(
    loaded, conflict, error
) -> None:
    """Tom Okafor declares a conflict with "Weald Carers" (the bid is Weald Carers Trust's).
    From his workbook the loader makes it an error at the declaration's cell; handed in as a
    frame it was scored without a word, and his scores for Weald Carers Trust counted."""
    plan, frames = loaded
    tom = pl.col("evaluator") == "Tom Okafor"
    declarations = frames["declarations"].with_columns(
        conflict=pl.when(tom).then(pl.lit(conflict)).otherwise("conflict"),
        conflicted_suppliers=pl.when(tom)
        .then(pl.lit(["Weald Carers"]))
        .otherwise("conflicted_suppliers"),
    )
    _, result = _scored(plan, frames, declarations=declarations)
    [problem] = _codes(result, "declaration.unknown_supplier")
    assert problem.is_error is error and problem.found == "Weald Carers"
    assert "Weald Carers Trust" in problem.expected
    assert problem.message.startswith("Tom Okafor: a conflict is declared with a supplier")
    if error:  # ('none' naming a supplier is an error of its own, as the loader has it)
        assert not result.award.summaries_ready


def test_the_loaders_own_report_of_it_is_not_repeated(tmp_path) -> None:
    import shutil

    import openpyxl

    folder = tmp_path / "tender"
    shutil.copytree(CARERS, folder)
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Declaration"].iter_rows():
        label = str(row[0].value or "")
        if label.startswith("Conflict of interest"):
            row[1].value = "declared"
        elif label.startswith("Suppliers you have a conflict"):
            row[1].value = "Weald Carers"
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    assert len(_codes(result, "declaration.unknown_supplier")) == 1


def test_a_score_for_a_supplier_lot_or_question_not_there_is_the_loaders_problem(loaded) -> None:
    """A score for "Weald Carers" (the bid is Weald Carers Trust's), for a question Q9 or a lot
    ZZZ the plan does not have: the loader reports each at its cell; handed in as a frame each
    was left out of scoring without a problem, the bid losing the evaluator's score in silence.
    """
    plan, frames = loaded
    extra = (
        frames["scores"]
        .head(3)
        .with_columns(
            supplier=pl.Series(["Weald Carers", "Weald Carers Trust", "Weald Carers Trust"]),
            question=pl.Series(["Q1", "Q9", "Q1"]),
            lot=pl.Series(["CSB", "CSB", "ZZZ"]),
            source=pl.lit(None, pl.String),
            cell=pl.lit(None, pl.String),
        )
    )
    _, result = _scored(plan, frames, scores=pl.concat([frames["scores"], extra]))
    found = {p.code: p for p in result.problems}
    assert set(found) == {
        "score.unknown_supplier",
        "score.unknown_question",
        "score.unknown_lot",
        "tender.changed_in_python",  # the example's scores, with three rows added
    }
    supplier = found["score.unknown_supplier"]
    assert supplier.found == "Weald Carers" and "Weald Carers Trust" in supplier.expected
    assert supplier.file == "scores frame" and supplier.is_error
    assert found["score.unknown_question"].found == "Q9"
    assert found["score.unknown_lot"].expected == "CSB"
    # The same scores as before: each is left out, as it always was.
    assert _totals(result) == _totals(_scored(plan, frames)[1])


def test_a_frames_score_for_a_criterion_evaluators_do_not_score_is_the_loaders_problem(
    loaded,
) -> None:
    """A score (and a consensus score) for SV2, the carers plan's commitments question, in a
    frame: named as the loader names it, not as "a question that is not in the plan"."""
    plan, frames = loaded
    here = {"source": pl.lit(None, pl.String), "cell": pl.lit(None, pl.String)}
    extra = frames["scores"].head(1).with_columns(question=pl.lit("SV2"), **here)
    consensus = frames["moderation"].head(1).with_columns(question=pl.lit("SV2"), **here)
    _, result = _scored(
        plan,
        frames,
        scores=pl.concat([frames["scores"], extra]),
        moderation=pl.concat([frames["moderation"], consensus]),
    )
    assert not _codes(result, "score.unknown_question")
    said = {p.file: p.message for p in _codes(result, "score.not_a_question")}
    assert said == {
        "scores frame": "SV2 (Quantified social value commitments) is scored from the bids' "
        "social value commitments, not by evaluators, so no score is recorded for it; this "
        "one is not used",
        "moderation frame": "SV2 (Quantified social value commitments) is scored from the "
        "bids' social value commitments, not by evaluators, so no consensus score is "
        "recorded for it; this one is not used",
    }
    assert _totals(result) == _totals(_scored(plan, frames)[1])


def test_a_loaded_score_sheets_unknown_supplier_is_reported_once(tmp_path) -> None:
    import shutil

    import openpyxl

    folder = tmp_path / "tender"
    shutil.copytree(CARERS, folder)
    path = folder / "scores" / "tom-okafor.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    for row in sheet.iter_rows(min_row=5):
        if row[0].value == "Weald Carers Trust":
            row[0].value = "Weald Carers"
            break
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    assert len(_codes(result, "score.unknown_supplier")) == 1


def test_a_rate_for_a_lot_or_item_not_in_the_plan_is_the_loaders_problem(loaded) -> None:
    """A unit rate for lot ZZZ, or for an item "typo_item" the plan does not price: from a bid
    return the loader makes each an error that makes the bid's lot invalid; from a frame the
    rate was left out of the price without a word."""
    plan, frames = loaded
    brightwater = frames["prices"].filter(pl.col("supplier") == "Brightwater Care Services Ltd")
    extra = brightwater.head(2).with_columns(
        lot=pl.Series(["ZZZ", "CSB"]),
        item=pl.Series(["sitting_hours", "typo_item"]),
        source=pl.lit(None, pl.String),
        cell=pl.lit(None, pl.String),
    )
    _, result = _scored(plan, frames, prices=pl.concat([frames["prices"], extra]))
    lot, item = _codes(result, "price.unknown_lot"), _codes(result, "price.unknown_item")
    assert [(p.found, p.lot, p.file) for p in lot] == [("ZZZ", "ZZZ", "prices frame")]
    assert [(p.found, p.lot) for p in item] == [("typo_item", "CSB")]
    assert item[0].expected == "sitting_hours, respite_nights, day_sessions"
    statuses = dict(result.results.select("supplier", "status").iter_rows())
    assert statuses["Brightwater Care Services Ltd"] == "invalid"  # as from its bid return


HOMECARE = ROOT / "examples" / "homecare-districts"


@pytest.fixture(scope="module")
def homecare() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(HOMECARE)
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES}


def _one_lot_bidder(frames: dict[str, pl.DataFrame]) -> tuple[str, str, str]:
    """A supplier that bid for one lot, that lot, and a lot of the plan it did not bid for."""
    lots = frames["bids"].group_by("supplier").agg("lot").filter(pl.col("lot").list.len() == 1)
    supplier, (lot,) = lots.sort("supplier").row(0)
    other = next(x for x in frames["bids"].get_column("lot").unique().sort() if x != lot)
    return supplier, lot, other


def test_a_score_for_a_lot_its_supplier_did_not_bid_for_is_the_loaders_warning(
    homecare,
) -> None:
    """An evaluator's score (or the panel's consensus score) for a lot the supplier did not
    bid for: the loader warns at its cell that it is ignored; handed in as a frame it was
    ignored without a word."""
    plan, frames = homecare
    supplier, lot, other = _one_lot_bidder(frames)
    mine = pl.col("supplier") == supplier
    extra = frames["scores"].filter(mine).head(1).with_columns(lot=pl.lit(other))
    consensus = frames["scores"].filter(mine).head(1).select(
        "supplier", lot=pl.lit(other), question="question", score="score", reason="reason",
        source=pl.lit(None, pl.String), cell=pl.lit(None, pl.String),
    )  # fmt: skip
    _, result = _scored(
        plan,
        frames,
        scores=pl.concat([frames["scores"], extra]),
        moderation=pl.concat([frames["moderation"], consensus], how="diagonal_relaxed"),
    )
    score = _codes(result, "score.lot_not_bid")
    assert [(p.found, p.expected, p.is_error) for p in score] == [(f"lot {other}", lot, False)]
    assert score[0].file == extra.item(0, "source") and score[0].cell == extra.item(0, "cell")
    assert supplier in score[0].message
    consensus_found = _codes(result, "moderation.lot_not_bid")
    assert [(p.found, p.file) for p in consensus_found] == [(f"lot {other}", "moderation frame")]
    # Ignored, as before: the same totals.
    assert _totals(result) == _totals(_scored(plan, frames)[1])


def test_a_loaded_score_for_a_lot_not_bid_is_warned_of_once(tmp_path) -> None:
    folder = tender_folder(
        tmp_path / "t", ["L1", "L2"], [Bid("Acme Ltd", "L1", 20), Bid("Bravo Ltd", "L2", 21)]
    )
    scores = folder / "evaluation" / "scores.csv"
    with scores.open("a", encoding="utf-8") as handle:
        handle.write("Ann Evans,Acme Ltd,L2,Q1,4,Ann's reason\n")
    result = tendereval.score(folder, sensitivity=False)
    assert len(_codes(result, "score.lot_not_bid")) == 1


def _score_row_added(folder: Path, sheet: str, row: tuple) -> None:
    """``row`` (supplier, lot, question, title, scale, score, reason) added below the last row of
    the Scores sheet of ``scores/<sheet>.xlsx`` in ``folder``."""
    path = folder / "scores" / f"{sheet}.xlsx"
    book = openpyxl.load_workbook(path)
    book["Scores"].append(row)
    book.save(path)


@pytest.mark.parametrize(
    ("example", "sheet", "row", "code"),
    [
        (  # the Carers' Reference Group panel scores Q1 and Q3 only
            "carers-short-breaks",
            "carers-reference-group-panel",
            ("Hop Garden Respite CIC", "CSB", "Q2", None, None, 2, "Worried by safeguarding."),
            "score.group_question",
        ),
        (  # White Cliffs Home Care Ltd bid for Dover alone
            "homecare-districts",
            "gareth-lewis",
            ("White Cliffs Home Care Ltd", "ASH", "Q1", None, None, 2, "A fair answer."),
            "score.lot_not_bid",
        ),
    ],
)
def test_a_score_sheets_warning_is_given_once_by_validate_and_score(
    tmp_path, example, sheet, row, code
) -> None:
    """Found by the red team: a score a group does not give (or for a lot its supplier did not
    bid for) on a workbook was warned of once by load_tender and validate, twice by score (the
    terminal, the JSON, the Flags sheet): the frame's rules compared the loader's cell F17 with
    the frame's Scores › F17, so never found the loader's warning."""
    folder = example_copy(tmp_path, example)
    _score_row_added(folder, sheet, row)
    loaded = tendereval.load_tender(folder)
    at = [p.where for p in loaded.problems if p.code == code]
    assert len(at) == 1 and at[0].startswith(f"scores/{sheet}.xlsx › Scores › F")
    assert [p.where for p in validate(folder).problems if p.code == code] == at
    result = tendereval.score(loaded, sensitivity=False)
    assert [p.where for p in result.problems if p.code == code] == at


def test_a_commitment_the_loader_would_not_count_is_its_problem(loaded, homecare) -> None:
    """A social value commitment for lot ZZZ, or from "Weald Carers" (the bid is Weald Carers
    Trust's): each counted for nothing without a word when handed in as a frame."""
    plan, frames = loaded
    commitments = frames["commitments"]
    assert commitments.height  # the carers example commits to social value
    extra = commitments.head(2).with_columns(
        supplier=pl.Series(["Weald Carers Trust", "Weald Carers"]),
        lot=pl.Series(["ZZZ", None], dtype=pl.String),
        source=pl.lit(None, pl.String),
        cell=pl.lit(None, pl.String),
    )
    _, result = _scored(plan, frames, commitments=pl.concat([commitments, extra]))
    lot, supplier = (
        _codes(result, c) for c in ("commitments.unknown_lot", "commitments.unknown_supplier")
    )
    assert [(p.found, p.is_error, p.file) for p in lot] == [("ZZZ", True, "commitments frame")]
    assert [(p.found, p.is_error) for p in supplier] == [("Weald Carers", True)]
    assert "Weald Carers Trust" in supplier[0].expected
    # As the loader makes it: whose lot the commitment counts in is not known, so no lot's
    # social value score is, and Weald Carers Trust's bid is invalid (it stayed ranked).
    assert (lot[0].supplier, lot[0].lot) == ("Weald Carers Trust", None)
    weald = result.results.filter(pl.col("supplier") == "Weald Carers Trust")
    assert set(weald["status"]) == {"invalid"}
    others = [row for row in _totals(result) if row[0] != "Weald Carers Trust"]
    assert others == [
        row for row in _totals(_scored(plan, frames)[1]) if row[0] != "Weald Carers Trust"
    ]

    plan, frames = homecare
    bidder, own, other = _one_lot_bidder(frames)
    promised = pl.DataFrame(
        {"supplier": [bidder, bidder], "lot": [other, own], "measure": ["apprentice_weeks"] * 2,
         "units": [10.0, 5.0]},
    )  # fmt: skip
    _, result = _scored(
        plan,
        frames,
        commitments=pl.concat([frames["commitments"], promised], how="diagonal_relaxed"),
    )
    warned = _codes(result, "commitments.lot_not_bid")
    assert [(p.found, p.expected, p.is_error) for p in warned] == [(other, own, False)]


BRIGHTWATER = pl.col("supplier") == "Brightwater Care Services Ltd"


def test_a_unit_rate_given_twice_makes_the_bid_invalid_as_the_loader_does(loaded) -> None:
    """A prices row pasted twice (here with the supplier's name in capitals, which scoring
    reads as the same supplier) doubled Brightwater's sitting hours: its price rose from
    £3.04m to £4.48m and it fell from second to fourth, without a word. From a bid return the
    loader leaves the second rate out with an error, and the bid's lot is invalid."""
    plan, frames = loaded
    again = frames["prices"].filter(BRIGHTWATER).head(1)
    again = again.with_columns(supplier=pl.col("supplier").str.to_uppercase())
    _, result = _scored(plan, frames, prices=pl.concat([frames["prices"], again]))
    [problem] = _codes(result, "price.duplicate_item")
    first = f"{again.item(0, 'source')} › {again.item(0, 'cell')}"
    assert problem.message == f"item sitting_hours appears twice for lot CSB (first at {first})"
    assert (problem.found, problem.is_error, problem.lot) == ("sitting_hours", True, "CSB")
    brightwater = result.results.filter(BRIGHTWATER).row(0, named=True)
    assert brightwater["status"] == "invalid"
    assert problem.message in brightwater["reasons"][0]
    # Priced from the first rate only, as the loader gives it.
    _, before = _scored(plan, frames)
    price = before.results.filter(BRIGHTWATER).item(0, "evaluated_price")
    assert brightwater["evaluated_price"] == price
    others = result.results.filter(~BRIGHTWATER).select("supplier", "status").sort("supplier")
    assert others.equals(
        before.results.filter(~BRIGHTWATER).select("supplier", "status").sort("supplier")
    )


def test_a_commitment_given_twice_is_the_loaders_warning_and_both_count(loaded) -> None:
    """A commitments row pasted twice raised Brightwater's social value from £284,470 to
    £479,470 without a word; from a bid return both lines count and the loader warns."""
    plan, frames = loaded
    commitments = frames["commitments"]
    again = commitments.filter(BRIGHTWATER).head(1)
    _, result = _scored(plan, frames, commitments=pl.concat([commitments, again]))
    [problem] = _codes(result, "commitments.repeated")
    place = f"{again.item(0, 'source')} › {again.item(0, 'cell')}"
    assert problem.where == place and problem.severity.name == "WARNING"
    measure = again.item(0, "measure")
    assert problem.message == (
        f"measure {measure} is committed again (first at {place}); both lines are counted"
    )
    assert problem.supplier is None  # the bid is sound: the officer is asked to check
    _, before = _scored(plan, frames)
    amount = before.results.filter(BRIGHTWATER).item(0, "social_value_amount")
    assert result.results.filter(BRIGHTWATER).item(0, "social_value_amount") > amount


def test_a_loaded_repeated_commitment_is_warned_of_once(tmp_path) -> None:
    bid = "bids/brightwater-care-services-ltd.xlsx"
    folder = example_with(tmp_path, "carers-short-breaks", bid, "Social value!B6", "SV-JOB-LOCAL")
    tender = tendereval.load_tender(folder)
    assert len([p for p in tender.problems if p.code == "commitments.repeated"]) == 1
    assert as_loaded(tender) is tender


def test_a_measure_listed_twice_in_the_proxies_is_the_loaders_error(loaded) -> None:
    """A proxies frame with SV-JOB-LOCAL again (in small letters, at ten times the value):
    from the table's file the loader makes it an error and uses the first; from a frame it
    was passed over without a word."""
    plan, frames = loaded
    proxies = frames["proxies"]
    again = proxies.head(1).with_columns(
        measure=pl.col("measure").str.to_lowercase(), proxy_value=pl.col("proxy_value") * 10
    )
    _, result = _scored(plan, frames, proxies=pl.concat([proxies, again]))
    [problem] = _codes(result, "proxies.duplicate")
    assert (problem.found, problem.file, problem.is_error) == (
        "sv-job-local",
        "proxies frame",
        True,
    )
    assert problem.message == "a measure is listed twice in the proxy value table"
    amounts = result.results.select("supplier", "social_value_amount").sort("supplier")
    _, before = _scored(plan, frames)
    assert amounts.equals(before.results.select("supplier", "social_value_amount").sort("supplier"))


def test_a_share_of_the_work_out_of_range_is_the_loaders_error(loaded) -> None:
    """A supply chain frame giving Meridian's subcontractor a share of 30 (for 30%): it
    counted as all the work in the second-tier SME and VCSE shares (clipped to 100%). The
    loader makes it an error and counts the share as unknown; and shares adding up to more
    than the whole of a lot are its error too."""
    plan, frames = loaded
    chain = frames["supply_chain"]
    meridian = pl.col("supplier") == "Meridian Care Group plc"
    given = chain.with_columns(share=pl.when(meridian).then(30.0).otherwise("share"))
    _, result = _scored(plan, frames, supply_chain=given)
    [problem] = _codes(result, "share.out_of_range")
    assert (problem.found, problem.is_error) == ("3000%", True)
    assert problem.file == chain.filter(meridian).item(0, "source")
    assert result.supply_chain.filter(meridian).item(0, "share") is None
    assert _totals(result) == _totals(_scored(plan, frames)[1])

    more = pl.concat([chain, chain.filter(meridian).with_columns(share=pl.lit(0.95))])
    _, result = _scored(plan, frames, supply_chain=more)
    [problem] = _codes(result, "supply_chain.over_100")
    assert problem.found == "105%" and problem.message.endswith("for lot CSB")
    # Which of Meridian's shares is wrong is not known: none counts (as from a bid return).
    assert result.supply_chain.filter(meridian)["share"].to_list() == [None, None]
    others = result.supply_chain.filter(~meridian)["share"]
    assert others.equals(chain.filter(~meridian)["share"])


def test_a_supply_chain_entry_for_a_lot_not_in_the_plan_is_the_loaders_error(loaded) -> None:
    plan, frames = loaded
    chain = frames["supply_chain"].with_columns(lots=pl.lit(["CSB", "ZZZ"], pl.List(pl.String)))
    _, result = _scored(plan, frames, supply_chain=chain)
    problems = _codes(result, "lot.unknown")
    assert [(p.found, p.is_error) for p in problems] == [("ZZZ", True)] * chain.height
    assert problems[0].message == "lots that are not in the plan"
    assert problems[0].expected == "CSB"  # the plan's one lot


def test_a_volume_that_is_not_the_plans_is_said_to_come_from_the_frame(loaded) -> None:
    """Day sessions doubled in a notebook's prices frame are priced (a frame may try other
    volumes), but the price breakdown, the report and the JSON said the 5,200 came from
    tender.toml › lots › CSB › volumes.day_sessions, where the plan says 2,600."""
    plan, frames = loaded
    sessions = pl.col("item") == "day_sessions"
    doubled = frames["prices"].with_columns(
        volume=pl.when(sessions).then(pl.col("volume") * 2).otherwise("volume")
    )
    _, result = _scored(plan, frames, prices=doubled)
    [problem] = _codes(result, "price.volume_from_frame")
    assert problem.severity.name == "WARNING" and problem.file == "prices frame"
    assert problem.message == (
        "the yearly volume of day_sessions in lot CSB is the frame's, not the plan's, for 6 "
        "bids: the frame's is priced"
    )
    assert problem.expected.startswith(
        "2600, the plan's (tender.toml › lots › CSB › volumes.day_sessions)"
    )
    rows = result.price_breakdown.filter(sessions)
    assert set(rows["volume"]) == {5200.0}
    assert set(rows["volume_source"]) == {"prices frame"} and rows["volume_cell"].is_null().all()
    others = result.price_breakdown.filter(~sessions)
    assert set(others["volume_source"]) == {"tender.toml"}
    # Priced at the frame's volume, as before.
    weald = result.results.filter(WEALD).item(0, "evaluated_price")
    assert weald > _scored(plan, frames)[1].results.filter(WEALD).item(0, "evaluated_price")


HELEN = pl.col("evaluator") == "Helen Marsh"


def test_a_group_the_plan_does_not_declare_is_the_loaders_error(loaded) -> None:
    """Helen Marsh's scores put in group "service_user" (the plan's is service_users): her
    scores counted as the main panel's, without a word. The loader makes it an error."""
    plan, frames = loaded
    given = frames["scores"].with_columns(
        group=pl.when(HELEN).then(pl.lit("service_user")).otherwise("group")
    )
    _, result = _scored(plan, frames, scores=given)
    [problem] = _codes(result, "declaration.unknown_group")
    assert (problem.found, problem.is_error) == ("service_user", True)
    assert problem.expected == "service_users or blank for the main panel"
    assert problem.file == "scores/helen-marsh.xlsx"


def test_a_score_a_group_does_not_give_is_the_loaders_warning(loaded) -> None:
    """Helen Marsh's scores put in the service-user panel, which scores Q1 and Q3: her Q2 and
    SV1 scores are not counted (as before), now with the loader's warning at each cell."""
    plan, frames = loaded
    given = frames["scores"].with_columns(
        group=pl.when(HELEN).then(pl.lit("service_users")).otherwise("group")
    )
    _, result = _scored(plan, frames, scores=given)
    warned = _codes(result, "score.group_question")
    outside = given.filter(HELEN & pl.col("question").is_in(["Q2", "SV1"]))
    assert sorted(p.cell for p in warned) == sorted(outside["cell"])
    assert {p.found for p in warned} == {"Q2", "SV1"} and not warned[0].is_error
    assert warned[0].expected == "Q1, Q3"
    counted = result.evaluator_scores.filter(HELEN & pl.col("question").is_in(["Q2", "SV1"]))
    assert not counted["counted"].any()


# ---- One declaration per evaluator ---------------------------------------------------------


def _helen_declares_weald(frames, source: str | None) -> pl.DataFrame:
    """The declarations with a second row for Helen Marsh (written in other capitals and
    spacing), declaring a conflict with Weald Carers Trust, from ``source``."""
    again = (
        frames["declarations"]
        .filter(pl.col("evaluator") == "Helen Marsh")
        .with_columns(
            evaluator=pl.lit("HELEN  marsh"),
            conflict=pl.lit("declared"),
            conflicted_suppliers=pl.lit(["Weald Carers Trust"]),
            source=pl.lit(source, pl.String),
        )
    )
    return pl.concat([frames["declarations"], again])


def _weald_flags(result) -> list[str]:
    return result.results.filter(WEALD).item(0, "flags").to_list()


def test_a_second_declaration_in_one_table_is_the_consolidated_forms_error(loaded) -> None:
    """Two rows for one evaluator naming no file, the second declaring a conflict: as from the
    consolidated form's Declarations table, the first is used and the second is an error. Both
    were applied without a word (the same rows answering 'none' and 'declared')."""
    plan, frames = loaded
    handmade = {
        **frames,
        "declarations": frames["declarations"].with_columns(source=pl.lit(None, pl.String)),
    }
    given = _helen_declares_weald(handmade, None)
    _, result = _scored(plan, handmade, declarations=given)
    [problem] = _codes(result, "declaration.duplicate")
    assert problem.is_error and problem.file == "declarations frame"
    assert problem.message == (
        "a second declaration for HELEN  marsh; the first (row 2 of the declarations frame) "
        "was used"
    )
    assert problem.found == (
        "declarations in row 2 of the declarations frame and row 5 of the declarations frame"
    )
    # Scored on the first: Helen's scores for Weald count, as with no second row at all.
    assert "evaluator.conflict" not in _weald_flags(result)
    assert _totals(result) == _totals(_scored(plan, handmade)[1])
    assert not result.award.summaries_ready


def test_the_consolidated_form_gives_the_same_error_and_scores(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["A"], [Bid("Xavier Care", "A", 10)])
    (folder / "evaluation" / "declarations.csv").write_text(
        "evaluator,declared_on,conflict,conflicted_suppliers\n"
        "Ann Evans,2026-09-20,none,\nANN EVANS,2026-09-20,declared,Xavier Care\n",
        encoding="utf-8",
    )
    tender = tendereval.load_tender(folder)
    [loaded_problem] = _codes(tender, "declaration.duplicate")
    result = tendereval.score(tender, sensitivity=False)
    assert len(_codes(result, "declaration.duplicate")) == 1  # not reported again
    # The same rows handed in as a frame naming no file: the same rule, the same scores.
    handmade = tender.declarations.with_columns(source=pl.lit(None, pl.String))
    assert handmade.height == 1  # the loader kept the first only
    rows = pl.concat(
        [
            handmade,
            handmade.with_columns(
                conflict=pl.lit("declared"), conflicted_suppliers=pl.lit(["Xavier Care"])
            ),
        ]
    )
    frames = {name: getattr(tender, name) for name in FRAME_NAMES}
    _, from_frames = _scored(tender.plan, frames, declarations=rows)
    [problem] = _codes(from_frames, "declaration.duplicate")
    assert problem.code == loaded_problem.code and problem.is_error
    assert _totals(from_frames) == _totals(result)


def test_a_declaration_from_another_file_is_applied_with_the_loaders_warning(loaded) -> None:
    """A second declaration for Helen Marsh from another file: both apply (her scores for Weald
    are left out), with the score sheets' warning that two files name one evaluator."""
    plan, frames = loaded
    given = _helen_declares_weald(frames, "scores/helen-marsh-again.xlsx")
    _, result = _scored(plan, frames, declarations=given)
    [problem] = _codes(result, "declaration.same_evaluator")
    assert not problem.is_error and problem.file == "scores/helen-marsh-again.xlsx"
    # As the score sheets' reader says it: the name written another way counts as hers.
    assert problem.message == (
        "HELEN  marsh is also the evaluator named Helen Marsh in scores/helen-marsh.xlsx (one "
        "person's name written another way), and the scores count under Helen Marsh"
    )
    assert "evaluator.conflict" in _weald_flags(result)
    assert not _codes(result, "declaration.duplicate")


def test_two_score_sheets_for_one_evaluator_are_warned_of_once(tmp_path: Path) -> None:
    import shutil

    from tests.example_copies import sent_again

    folder = tmp_path / "tender"
    shutil.copytree(CARERS, folder)
    sent_again(folder / "scores" / "helen-marsh.xlsx", folder / "scores" / "helen-marsh-2.xlsx")
    tender = tendereval.load_tender(folder)
    assert len(_codes(tender, "declaration.same_evaluator")) == 1
    result = tendereval.score(tender, sensitivity=False)
    assert len(_codes(result, "declaration.same_evaluator")) == 1


def test_a_declaration_naming_no_evaluator_is_an_error(loaded) -> None:
    """A conflict declared on a row naming nobody applies to no one."""
    plan, frames = loaded
    nameless = (
        frames["declarations"]
        .head(1)
        .with_columns(
            evaluator=pl.lit(None, pl.String),
            conflict=pl.lit("declared"),
            conflicted_suppliers=pl.lit(["Weald Carers Trust"]),
            source=pl.lit(None, pl.String),
        )
    )
    given = pl.concat([frames["declarations"], nameless])
    _, result = _scored(plan, frames, declarations=given)
    [problem] = _codes(result, "declaration.no_evaluator")
    assert problem.is_error and problem.file == "declarations frame"
    assert problem.found == "a blank evaluator name (row 5 of the declarations frame)"
    # On its own, too.
    _, result = _scored(plan, frames, declarations=nameless)
    [problem] = _codes(result, "declaration.no_evaluator")
    assert problem.found == "a blank evaluator name (row 1 of the declarations frame)"


def test_a_declaration_naming_an_evaluator_that_shows_nothing_is_an_error(loaded) -> None:
    """An evaluator's name of one zero-width space, typed in a notebook, looks blank and names
    no one, as the loader reads such a cell: before, it was taken as a name ("\u200b"), so the
    conflict it declared with Weald applied to an evaluator who scored nothing."""
    plan, frames = loaded
    invisible = (
        frames["declarations"]
        .head(1)
        .with_columns(
            evaluator=pl.lit("\u200b"),
            conflict=pl.lit("declared"),
            conflicted_suppliers=pl.lit(["Weald Carers Trust"]),
            source=pl.lit(None, pl.String),
        )
    )
    _, result = _scored(plan, frames, declarations=invisible)
    [problem] = _codes(result, "declaration.no_evaluator")
    assert problem.is_error and problem.file == "declarations frame"
    assert problem.found == (
        r"the evaluator '\u200b', which shows nothing (row 1 of the declarations frame)"
    )


def test_a_turnover_in_millions_in_a_suppliers_frame_is_the_loaders_warning(loaded, tmp_path):
    """Brightwater's £9,480,000 turnover edited to 9.48 in a notebook: the bid loader warns of
    it at its cell; the frame gets the same warning, once, naming the supplier."""
    plan, frames = loaded
    brightwater = pl.col("supplier") == "Brightwater Care Services Ltd"
    given = frames["suppliers"].with_columns(
        turnover=pl.when(brightwater).then(9.48).otherwise("turnover")
    )
    _, result = _scored(plan, frames, suppliers=given)
    [warning] = _codes(result, "bid.turnover_scale")
    assert not warning.is_error and warning.found == "9.48"
    assert warning.message.startswith(
        "Brightwater Care Services Ltd: a yearly turnover of £9.48 for 180 staff"
    )
    # From the bid return itself: the loader's warning only, not a second from the frame.
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/brightwater-care-services-ltd.xlsx",
        "Organisation!B12", 9.48,
    )  # fmt: skip
    assert len(_codes(tendereval.score(folder, sensitivity=False), "bid.turnover_scale")) == 1


def test_rates_far_above_the_estimate_in_a_prices_frame_are_the_loaders_warning(
    loaded, tmp_path
) -> None:
    """Weald's £27.50 an hour edited to 2,750 (pence): 18,000 hours × £2,750 × 3 years and the
    other rates come to about £150.2m, 48 times the lot's £3.1m. The bid loader warns of it at
    the rate; the frame gets the same warning, once."""
    plan, frames = loaded
    hours = WEALD & (pl.col("item") == "sitting_hours")
    assert frames["prices"].filter(hours).item(0, "unit_rate") == 27.5
    given = frames["prices"].with_columns(
        unit_rate=pl.when(hours).then(2750.0).otherwise("unit_rate")
    )
    _, result = _scored(plan, frames, prices=given)
    [warning] = _codes(result, "price.far_above_estimate")
    assert (warning.file, warning.cell, warning.lot, warning.is_error) == (
        "bids/weald-carers-trust.xlsx",
        "Prices › G5",
        "CSB",
        False,
    )
    assert warning.message.startswith(
        "the rates for lot CSB come to about £150.2m over the contract, 48 times its "
        "estimated value of £3.1m"
    )
    assert warning.found == "2750, the rate that adds most (sitting_hours)"
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/weald-carers-trust.xlsx", "Prices!G5", 2750
    )
    assert len(_codes(tendereval.score(folder, sensitivity=False), "price.far_above_estimate")) == 1


def test_a_suppliers_frame_without_sme_gets_the_plans_sme_definition(loaded) -> None:
    """A notebook's suppliers frame with staff, turnover and balance sheet but no ``sme``
    column: every status was unknown and the report counted no SME bid, without a word. The
    plan's SME definition now decides it as the loaders do: Brightwater (180 staff, £9.48m)
    an SME, Meridian (3,000 staff) not, the in-house team neither (unknown)."""
    plan, frames = loaded
    tender, result = _scored(plan, frames, suppliers=frames["suppliers"].drop("sme"))
    status = dict(tender.suppliers.select("supplier", "sme").rows())
    assert status == dict(frames["suppliers"].select("supplier", "sme").rows())
    assert status["Brightwater Care Services Ltd"] is True
    assert status["Meridian Care Group plc"] is False
    assert status["Example County Council Short Breaks Service"] is None
    assert _codes(result, "supplier.sme_against_figures") == []


def test_a_given_sme_that_its_figures_contradict_is_kept_with_a_warning(loaded) -> None:
    """Meridian (3,000 staff, £150m) given ``sme = True`` in the frame: kept as given, with a
    warning naming what the plan's definition makes of its figures."""
    plan, frames = loaded
    meridian = pl.col("supplier") == "Meridian Care Group plc"
    given = frames["suppliers"].with_columns(sme=pl.when(meridian).then(True).otherwise("sme"))
    tender, result = _scored(plan, frames, suppliers=given)
    assert tender.suppliers.filter(meridian).item(0, "sme") is True
    [problem] = _codes(result, "supplier.sme_against_figures")
    assert problem.severity == Severity.WARNING
    # The words of the one rule a bid's supply chain is warned by: the figures named.
    assert problem.message.startswith(
        "Meridian Care Group plc: the frame's sme is True, but its 3,000 staff"
    )
    assert problem.message.endswith(
        "make it not an SME under the plan's SME definition (Procurement Act 2023); the "
        "frame's sme is used"
    )


HARBOURSIDE, GREENLEAF = "Harbourside Home Support Ltd", "Greenleaf Community Care Ltd"
# Each bidder names the other (its company number; staff, turnover, SME?, VCSE?, share),
# as a notebook's supply chain frame would, and as a bid return's Supply chain sheet does.
NAMED_BY = {
    HARBOURSIDE: [
        (GREENLEAF, "13344586", 240, 9_200_000, True, True, 0.4),
        ("Village Carers CIC", "87654321", 10, 200_000, True, True, 0.25),
    ],
    GREENLEAF: [(HARBOURSIDE, "14415140", 2400, 75_500_000, True, False, 0.3)],
}


def _second_tier(result) -> dict[str, tuple[list, list]]:
    """{supplier: (its offers' SME, VCSE second-tier shares)} for the two bidders."""
    from tendereval.allocation.from_tender import offers_from_scores

    offers = offers_from_scores(result).sort("supplier", "lots")
    return {
        name: tuple(offers.filter(supplier=name)[f"{s}_subcontract_share"].to_list() for s in
                    ("sme", "vcse"))
        for name in (HARBOURSIDE, GREENLEAF)
    }  # fmt: skip


def test_a_subcontractor_that_bids_itself_counts_as_its_own_row_makes_it(homecare, tmp_path):
    """A supply chain frame: Harbourside names Greenleaf (a bidder: a private company whose
    own row says vcse False) as a VCSE subcontractor for 40% of the work, beside Village
    Carers CIC (a VCSE that does not bid) for 25%; Greenleaf names Harbourside (2,400 staff,
    not an SME by its own row) as an SME subcontractor for 30%. From the frame, each counted
    as answered without a word: Harbourside's offers 0.40 + 0.25 = 0.65 VCSE work, Greenleaf's
    0.30 SME work. The loader's rule applies: 0.25 VCSE (SME stays 0.65, Greenleaf being an
    SME) and 0.0 SME, with the loader's warnings; the bid returns give the same shares."""
    plan, frames = homecare
    assert frames["supply_chain"].is_empty()
    chain = pl.DataFrame(
        [
            {"supplier": bidder, "name": name, "role": "subcontractor", "company_number": number,
             "staff": staff, "turnover": turnover, "sme": sme, "vcse": vcse, "share": share,
             "lots": []}
            for bidder, named in NAMED_BY.items()
            for name, number, staff, turnover, sme, vcse, share in named
        ],
        schema=frames["supply_chain"].drop("source", "cell").schema,  # a notebook's: no cells
    )  # fmt: skip
    _, result = _scored(plan, frames, supply_chain=chain)
    shares = _second_tier(result)
    harbourside, greenleaf = shares[HARBOURSIDE], shares[GREENLEAF]
    assert harbourside[0] == [pytest.approx(0.65)] * len(harbourside[0])
    assert harbourside[1] == [pytest.approx(0.25)] * len(harbourside[1])
    assert greenleaf == ([0.0] * len(greenleaf[0]), [0.0] * len(greenleaf[1]))
    said = [
        (p.code, p.file, p.found, p.is_error)
        for p in result.problems
        if p.code.endswith("_against_own_bid")
    ]
    assert said == [
        ("supply_chain.vcse_against_own_bid", "supply_chain frame", "yes", False),
        ("supply_chain.sme_against_own_bid", "supply_chain frame", "yes", False),
    ]
    [vcse] = _codes(result, "supply_chain.vcse_against_own_bid")
    assert vcse.message == (
        f"{GREENLEAF}, named as a subcontractor with the VCSE? answer yes, is the bidder "
        f"{GREENLEAF}, whose own bid return (bids/greenleaf-community-care-ltd.xlsx) makes it "
        "not a VCSE; one organisation has one VCSE status in the tender, so its share counts "
        "as not VCSE work"
    )

    # The files' decision: the same entries on the bid returns' Supply chain sheets.
    folder = example_copy(tmp_path, "homecare-districts")
    for bidder, named in NAMED_BY.items():
        path = folder / "bids" / f"{bidder.lower().replace(' ', '-')}.xlsx"
        book = openpyxl.load_workbook(path)
        for row, (name, number, staff, turnover, sme, vcse, share) in enumerate(named, 5):
            answers = (name, "subcontractor", number, staff, turnover,
                       "yes" if sme else "no", "yes" if vcse else "no", share)  # fmt: skip
            for column, value in enumerate(answers, 1):
                book["Supply chain"].cell(row, column).value = value
        book.save(path)
    from_files = tendereval.score(folder, sensitivity=False)
    assert _second_tier(from_files) == shares
    assert [p.code for p in from_files.problems if p.code.endswith("_against_own_bid")] == [
        "supply_chain.sme_against_own_bid",
        "supply_chain.vcse_against_own_bid",
    ]


def test_a_lot_nobody_bid_for_is_the_loaders_warning_from_frames_too(tmp_path: Path) -> None:
    """Red team (fuzz, part 3): lots A and B, Xavier and Yarrow bid for A only. From the files
    the loader warns "nobody bid for lot B (Lot B)"; the same tender handed in as frames gave
    no such warning. Now both routes give the loader's one warning, and a loaded tender's is
    not given twice."""
    folder = tender_folder(
        tmp_path / "t", ["A", "B"], [Bid("Xavier Care", "A", 10), Bid("Yarrow Care", "A", 11)]
    )
    loaded = tendereval.load_tender(folder)
    assert as_loaded(loaded) is loaded  # the loader's warning is not made again
    from_files = _codes(tendereval.score(folder, sensitivity=False), "lot.no_bids")
    frames = {name: getattr(loaded, name) for name in FRAME_NAMES}
    _, from_frames = _scored(loaded.plan, frames)
    said = _codes(from_frames, "lot.no_bids")
    assert [(p.message, p.found, p.expected, p.severity) for p in said] == [
        ("nobody bid for lot B (Lot B)", "no bids", "at least one bid per lot", Severity.WARNING)
    ]
    assert said == from_files


@pytest.mark.parametrize(
    "withdrawal",
    [
        'supplier = "bids/bright-l2.xlsx"',  # the return for L2, by its file
        'supplier = "Bright Futures CIC"\nlot = "L2"',  # the supplier's tender for L2
    ],
)
def test_a_lot_whose_one_bid_was_withdrawn_was_bid_for_by_either_route(
    tmp_path: Path, withdrawal: str
) -> None:
    """Red team (award8): Acme bids for L1 only; Bright sends one return for L1 and another for
    L2, then withdraws its L2 tender. Scored, L2's one bid is 'withdrawn' however the record
    names it. Before, the loader warned "nobody bid for lot L2 (South)" when the withdrawal
    named the file (it counted only the returns left standing) and said nothing when it named
    the supplier and lot, and frames of the same tender never warned (every row counts). Now a
    bid received counts by both routes, withdrawn or not: no lot.no_bids."""
    folder = tmp_path / "t"
    write_plan(folder)
    l1, l2 = (
        {("L1", "hours"): 20, ("L1", "visits"): 35},
        {("L2", "hours"): 22, ("L2", "visits"): 35},
    )
    bid_workbook(folder / "bids" / "acme.xlsx", "Acme Care Ltd", rates=l1)
    bid_workbook(folder / "bids" / "bright-l1.xlsx", "Bright Futures CIC", rates=l1)
    bid_workbook(folder / "bids" / "bright-l2.xlsx", "Bright Futures CIC", rates=l2)
    score_workbook(
        folder / "scores" / "ann.xlsx", score_rows(("Acme Care Ltd", "Bright Futures CIC"))
    )
    (folder / "decisions.toml").write_text(
        f"[[withdrawal]]\n{withdrawal}\nwithdrawn_on = 2026-03-04\n", encoding="utf-8"
    )
    loaded = tendereval.load_tender(folder)
    from_files = tendereval.score(folder, sensitivity=False)
    l2_rows = from_files.results.filter(pl.col("lot") == "L2")
    assert l2_rows.select("supplier", "status").rows() == [("Bright Futures CIC", "withdrawn")]
    frames = {name: getattr(loaded, name) for name in FRAME_NAMES}
    _, from_frames = _scored(loaded.plan, frames, decisions=loaded.decisions)
    assert _codes(loaded, "lot.no_bids") == []
    assert _codes(from_files, "lot.no_bids") == _codes(from_frames, "lot.no_bids") == []
