"""Score sheets and moderation workbooks reshaped the way busy evaluators do: sheets copied,
columns added, scores typed in other ways. Each starts from a sheet as the template lays it
out (tests/io/builders.py), then reshaped with openpyxl as Excel would save it. What the
officer sees in Excel is what is scored, or a problem at file › sheet › cell says why not.

Score rows from builders.score_rows: Acme L1 Q1/Q2/SV1 in rows 5–7, Acme L2 in rows 8–10,
Bright in rows 11–16; the score is column F, the reason column G. On the moderation sheet the
consensus score is column D and the reason column E.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .builders import (
    PLAN,
    QUESTIONS,
    moderation_workbook,
    score_rows,
    score_workbook,
    write_plan,
)
from .conftest import load

SUPPLIERS = ("Acme Care Ltd", "Bright Futures CIC")


def _sheet(tender_dir: Path, score: float = 3) -> Path:
    return score_workbook(tender_dir / "scores" / "ann.xlsx", score_rows(SUPPLIERS, score))


def _scored(tender, cell: str) -> list[float | None]:
    return tender.scores.filter(cell=cell)["score"].to_list()


def _copy(path: Path, sheet: str, title: str, cells: dict[str, object]) -> None:
    """Copy ``sheet`` as Excel's Move or Copy does, then type ``cells`` on the copy."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book[sheet])
    copy.title = title
    for ref, value in cells.items():
        copy[ref] = value
    book.save(path)


@pytest.mark.parametrize(
    "title", ["Scores (2)", "Scores - revised", "Copy of Scores", "Priya Shah", "Sheet1"]
)
def test_a_copied_scores_sheet_giving_other_scores_is_an_error_naming_both(tender_dir, title):
    """An evaluator copied the Scores sheet and revised a score on the copy after moderation
    notes: only 'Scores' was read, and the copy (which the officer may open first) went
    without a word. A copy is known by its header row, whatever it is called: a second
    evaluator's scores merged in as a sheet 'Priya Shah' were passed over, and not counted."""
    path = _sheet(tender_dir)
    _copy(path, "Scores", title, {"F8": 1})
    tender = load(tender_dir)
    problems = [p for p in tender.problems if p.code.startswith("sheet.copy")]
    assert [(p.code, p.where, p.is_error) for p in problems] == [
        ("sheet.copy_differs", f"scores/ann.xlsx › {title} › F8", True)
    ]
    assert "1 in F8" in problems[0].found and "3 in F8" in problems[0].found
    assert problems[0].supplier is None  # the evaluator's sheet, not a bid, is in question
    assert _scored(tender, "Scores › F8") == [3.0]  # 'Scores' is what is read, as the problem says


def test_a_copied_scores_sheet_with_a_reason_rewritten_is_an_error(tender_dir):
    path = _sheet(tender_dir)
    _copy(path, "Scores", "Scores (2)", {"G11": "Reworded after moderation"})
    problem = next(p for p in load(tender_dir).problems if p.code == "sheet.copy_differs")
    assert problem.where == "scores/ann.xlsx › Scores (2) › G11"


@pytest.mark.parametrize("title", ["Scores (2)", "Backup"])
def test_a_copy_of_the_scores_sheet_with_the_same_scores_is_a_warning(tender_dir, title):
    path = _sheet(tender_dir)
    _copy(path, "Scores", title, {})
    tender = load(tender_dir)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("sheet.copy", f"scores/ann.xlsx › {title}", False)
    ]
    assert tender.scores.height == 12


@pytest.mark.parametrize("title", ["Moderation (2)", "Agreed at the panel"])
def test_a_copied_moderation_sheet_giving_another_consensus_is_an_error(tender_dir, title):
    path = moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [
            {
                "supplier": "Acme Care Ltd",
                "lot": "L1",
                "question": "Q1",
                "score": 4,
                "reason": "Agreed at moderation",
            }
        ],
    )
    _copy(path, "Moderation", title, {"D5": 2})
    tender = load(tender_dir)
    problems = [p for p in tender.problems if p.code.startswith("sheet.copy")]
    assert [(p.code, p.where) for p in problems] == [
        ("sheet.copy_differs", f"scores/moderation.xlsx › {title} › D5")
    ]
    assert tender.moderation["score"].to_list() == [4.0]


def test_the_scales_sheet_is_not_taken_for_a_copy_of_scores(tender_dir):
    """'Scales' and 'Instructions' beside 'Scores' in every template: no copy of anything."""
    path = _sheet(tender_dir)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Scales")["A4"] = "Scale"
    book.create_sheet("Scores notes")["A1"] = "Panel met on 3 March"
    book.save(path)
    assert [str(p) for p in load(tender_dir).problems] == []


@pytest.mark.parametrize("header", ["2nd marker", "Score (draft)"])
def test_scores_in_a_column_the_evaluator_added_are_pointed_out(tender_dir, header):
    """A second marker's scores, or the evaluator's draft scores, typed in a column added
    beside the table were not read, without a word: the officer sees two columns of scores
    and cannot tell which counted."""
    path = _sheet(tender_dir)
    book = openpyxl.load_workbook(path)
    scores = book["Scores"]
    scores["H4"] = header
    scores["H5"], scores["H6"] = 5, 2
    book.save(path)
    tender = load(tender_dir)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("table.unknown_column", "scores/ann.xlsx › Scores › H5", False)
    ]
    problem = tender.problems[0]
    assert header in problem.message and problem.found == "5 in H5; 2 in H6"
    assert "bid" not in problem.expected  # an evaluator's sheet is not a bid
    assert _scored(tender, "Scores › F5") == [3.0]


def test_a_column_added_to_the_moderation_sheet_is_pointed_out(tender_dir):
    path = moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [{"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1"}],
    )
    book = openpyxl.load_workbook(path)
    book["Moderation"]["G4"] = "Score agreed (draft)"
    book["Moderation"]["G5"] = 4
    book.save(path)
    tender = load(tender_dir)
    assert [(p.code, p.where) for p in tender.problems] == [
        ("table.unknown_column", "scores/moderation.xlsx › Moderation › G5")
    ]


# -- scores typed as Excel shows them, not as they are held

HUNDRED = ("[scales.five]\nvalues = [0, 1, 2, 3, 4, 5]", "[scales.five]\nlow = 0\nhigh = 100")


def _formatted(
    tender_dir: Path, cells: dict[str, tuple[object, str]], plan: str = PLAN, score: float = 3
) -> Path:
    """The sheet (every other score ``score``) with each cell of ``cells`` holding a value
    under a number format."""
    write_plan(tender_dir, plan)
    path = _sheet(tender_dir, score)
    book = openpyxl.load_workbook(path)
    for ref, (value, number_format) in cells.items():
        book["Scores"][ref] = value
        book["Scores"][ref].number_format = number_format
    book.save(path)
    return path


def test_a_score_shown_as_a_percentage_on_a_hundred_point_scale_is_not_read_as_a_fraction(
    tender_dir,
):
    """60% typed into a cell Excel formats as a percentage is kept as 0.6: the officer saw 60
    of 100 and the bid was scored 0.6 of 100, without a word."""
    _formatted(tender_dir, {"F5": (0.6, "0%")}, PLAN.replace(*HUNDRED))
    tender = load(tender_dir)
    problem = next(p for p in tender.problems if p.code == "score.shown_as_percent")
    assert (problem.where, problem.is_error) == ("scores/ann.xlsx › Scores › F5", True)
    assert "60%" in problem.found and "0.6" in problem.found
    assert problem.supplier is None
    assert _scored(tender, "Scores › F5") == [None]


def test_a_percentage_on_a_scale_of_fractions_is_what_it_shows(tender_dir):
    """On a 0–1 scale 60% and 0.6 are the same score: nothing to say."""
    plan = PLAN.replace(HUNDRED[0], "[scales.five]\nlow = 0\nhigh = 1")
    _formatted(tender_dir, {"F5": (0.6, "0%")}, plan, score=0.5)
    tender = load(tender_dir)
    assert [str(p) for p in tender.problems] == []
    assert _scored(tender, "Scores › F5") == [0.6]


def test_a_half_point_shown_rounded_says_what_the_cell_shows(tender_dir):
    """2.5 in a column formatted to show whole numbers: Excel shows 3 (it rounds halves up),
    the evaluator and officer see a 3 on the scale, and the problem only said 'found 2.5'."""
    _formatted(tender_dir, {"F5": (2.5, "0")})
    problem = next(p for p in load(tender_dir).problems if p.code == "score.out_of_scale")
    assert problem.where == "scores/ann.xlsx › Scores › F5"
    assert problem.found == "2.5 (the cell shows 3)"


def test_a_score_shown_rounded_on_a_hundred_point_scale_is_a_warning_naming_both(tender_dir):
    """72.4 on a 0–100 scale in a column formatted '0': the sheet shows 72, the bid is scored
    72.4. Both are allowed scores, so the score stands, and the officer is told which."""
    _formatted(tender_dir, {"F5": (72.4, "0")}, PLAN.replace(*HUNDRED))
    tender = load(tender_dir)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("score.shown_rounded", "scores/ann.xlsx › Scores › F5", False)
    ]
    assert tender.problems[0].found == "shows 72, holds 72.4"
    assert _scored(tender, "Scores › F5") == [72.4]


@pytest.mark.parametrize(
    "value, number_format", [(4, "0"), (4, "0.0"), (72.5, "0.0"), (3, "General")]
)
def test_a_score_shown_as_it_is_held_is_no_problem(tender_dir, value, number_format):
    _formatted(tender_dir, {"F5": (value, number_format)}, PLAN.replace(*HUNDRED))
    assert [str(p) for p in load(tender_dir).problems] == []


# -- declarations


@pytest.mark.parametrize("answer", ["yes", "declared", "Yes "])
def test_a_conflict_declared_with_nobody_named_is_an_error_as_its_scores_all_count(
    tender_dir, answer
):
    """'yes' with the suppliers left blank was a warning and validate exited 0: every score
    the evaluator gave counted, the conflicted supplier's among them, whoever it is. A name
    that matches no bidder is an error for the same reason (declaration.unknown_supplier)."""
    score_workbook(tender_dir / "scores" / "ann.xlsx", score_rows(SUPPLIERS), conflict=answer)
    tender = load(tender_dir)
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("declaration.no_suppliers", "scores/ann.xlsx › Declaration › B8", True)
    ]
    assert "still count" in tender.problems[0].message


# -- moderation


def test_a_consensus_for_a_question_no_evaluator_scored_is_flagged_and_listed(tender_dir):
    """The panel recorded a consensus for Acme's L1 Q1 where the evaluator's score and reason
    were both blank: the bid was scored on the consensus alone with no word, and the report's
    moderation table (evaluators' scores beside the consensus) left the row out."""
    from tendereval.scoring.combine import score

    rows = score_rows(SUPPLIERS)
    rows[0] |= {"score": None, "reason": None}
    score_workbook(tender_dir / "scores" / "ann.xlsx", rows)
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [
            {
                "supplier": "Acme Care Ltd",
                "lot": "L1",
                "question": "Q1",
                "score": 5,
                "reason": "Agreed at the panel meeting",
            }
        ],
    )
    result = score(load(tender_dir), sensitivity=False)
    flags = result.flags.filter(code="moderation.consensus_alone")
    assert flags.select("lot", "supplier").rows() == [("L1", "Acme Care Ltd")]
    assert flags["message"].to_list() == [
        "the consensus score 5 for Q1 stands alone: no evaluator's score for it counted, so "
        "the panel's reason is the only record of how it was scored"
    ]
    listed = result.moderation.filter(supplier="Acme Care Ltd", lot="L1", question="Q1")
    assert listed.select("evaluators", "consensus", "final").rows() == [(0, 5.0, 5.0)]


# -- one evaluator's sheet, twice


def _own_reasons(evaluator: str, score: float = 3) -> list[dict[str, object]]:
    """A full set of scores whose reasons are the evaluator's own words."""
    return [
        row | {"reason": f"{row['reason']} (in {evaluator}'s words)"}
        for row in score_rows(SUPPLIERS, score)
    ]


def test_a_sheet_sent_again_under_another_spelling_of_the_name_is_an_error(tender_dir):
    """Ann's sheet saved again as 'ann (1).xlsx', her name typed 'A. Evans' on the copy's
    Declaration: two evaluators as far as the names go, so her scores counted twice in every
    mean, without a word. ('Evans, Ann' is read as Ann Evans by the name: the test below.)"""
    score_workbook(tender_dir / "scores" / "ann.xlsx", _own_reasons("Ann"))
    score_workbook(tender_dir / "scores" / "bo.xlsx", _own_reasons("Bo", 4), evaluator="Bo Li")
    rows = _own_reasons("Ann")
    rows[2]["score"] = 4  # revised on the copy: the reasons are still hers word for word
    score_workbook(tender_dir / "scores" / "ann (1).xlsx", rows, evaluator="A. Evans")
    tender = load(tender_dir)
    problems = [p for p in tender.problems if p.code == "scores.same_reasons"]
    assert [(p.where, p.is_error) for p in problems] == [("scores/ann.xlsx › Scores", True)]
    assert problems[0].message == (
        "Ann Evans gives the same reasons as A. Evans (scores/ann (1).xlsx), word for word, "
        "on all 12 rows they scored: one sheet sent twice, or one evaluator's reasons copied, "
        "counts one evaluator's judgement twice"
    )
    assert [str(p) for p in tender.problems if p.code != "scores.same_reasons"] == []


def test_a_sheet_sent_again_naming_her_surname_first_is_hers(tender_dir):
    """'Evans, Ann' on the copy's Declaration is Ann Evans, as a directory writes her name
    (tendereval.person_names): one evaluator with two sheets, as if the name were written
    alike, her second scores errors and not counted."""
    score_workbook(tender_dir / "scores" / "ann.xlsx", _own_reasons("Ann"))
    score_workbook(tender_dir / "scores" / "bo.xlsx", _own_reasons("Bo", 4), evaluator="Bo Li")
    score_workbook(
        tender_dir / "scores" / "ann (1).xlsx", _own_reasons("Ann"), evaluator="Evans, Ann"
    )
    tender = load(tender_dir)
    codes = [p.code for p in tender.problems]
    assert codes == ["declaration.same_evaluator"] + ["score.duplicate"] * 12
    assert set(tender.scores.get_column("evaluator")) == {"Evans, Ann", "Bo Li"}


def test_evaluators_who_share_some_reasons_are_no_problem(tender_dir):
    """Two evaluators may well write 'No response' for the same answer."""
    ann, bo = _own_reasons("Ann"), _own_reasons("Bo")
    bo[0]["reason"] = ann[0]["reason"]
    score_workbook(tender_dir / "scores" / "ann.xlsx", ann)
    score_workbook(tender_dir / "scores" / "bo.xlsx", bo, evaluator="Bo Li")
    assert [str(p) for p in load(tender_dir).problems] == []


def _revised(rows: list[dict[str, object]], changed: int) -> list[dict[str, object]]:
    """``rows`` sent again: the first ``changed`` rows rescored and reworded, every other
    reason retyped in capitals with a space doubled (still the same words)."""
    again = [dict(row) for row in rows]
    for at, row in enumerate(again):
        if at < changed:
            row |= {"score": 1, "reason": f"On re-reading, row {at} falls short"}
        else:
            row["reason"] = f"  {str(row['reason']).upper().replace(' ', '  ', 1)} "
    return again


def test_a_revised_sheet_under_another_spelling_of_the_name_is_an_error_naming_both(tender_dir):
    """Tom Okafor's revised sheet, "T. Okafor" on its Declaration, one row changed and 23
    the same: no problem at all, and Tom counted twice in every mean (the exact copy check
    needed every reason word for word). Here 11 of Ann's 12 rows come back, score and reason
    the same but for spaces and capitals, under "A. Evans": the error the exact copy gets, on
    the sheet read second, naming both files and how many rows match."""
    ann = _own_reasons("Ann")
    score_workbook(tender_dir / "scores" / "ann.xlsx", ann)
    score_workbook(tender_dir / "scores" / "bo.xlsx", _own_reasons("Bo", 4), evaluator="Bo Li")
    score_workbook(
        tender_dir / "scores" / "ann-revised.xlsx", _revised(ann, 1), evaluator="A. Evans"
    )
    tender = load(tender_dir)
    problems = [p for p in tender.problems if p.code == "scores.same_reasons"]
    assert [(p.where, p.is_error) for p in problems] == [("scores/ann.xlsx › Scores", True)]
    assert problems[0].message == (
        "Ann Evans gives the same score and the same reason as A. Evans "
        "(scores/ann-revised.xlsx) on 11 of the 12 rows both scored: one sheet sent again "
        "with a row or two revised, or one evaluator's sheet copied, counts one evaluator's "
        "judgement twice"
    )
    assert problems[0].found == (
        "11 of 12 rows the same, score and reason (spaces and capitals aside), in "
        "scores/ann.xlsx and scores/ann-revised.xlsx"
    )
    assert [str(p) for p in tender.problems if p.code != "scores.same_reasons"] == []


def test_two_rows_of_twelve_revised_are_two_evaluators(tender_dir):
    """All rows but one, or 19 in 20, must agree: 10 of 12 is not a copy (the carers
    example's own evaluators agree on 21 of 24)."""
    ann = _own_reasons("Ann")
    score_workbook(tender_dir / "scores" / "ann.xlsx", ann)
    score_workbook(
        tender_dir / "scores" / "ann-revised.xlsx", _revised(ann, 2), evaluator="A. Evans"
    )
    assert [str(p) for p in load(tender_dir).problems] == []


def test_the_same_scores_with_other_reasons_are_two_evaluators(tender_dir):
    """A panel agreeing on every score is no copy: their reasons are their own."""
    score_workbook(tender_dir / "scores" / "ann.xlsx", _own_reasons("Ann"))
    score_workbook(tender_dir / "scores" / "bo.xlsx", _own_reasons("Bo"), evaluator="Bo Li")
    assert [str(p) for p in load(tender_dir).problems] == []


def test_a_copy_is_reported_once_against_the_first_sheet(tender_dir):
    """Three sheets of one judgement: the second and third each against the first, not the
    third against the second as well."""
    ann = _own_reasons("Ann")
    score_workbook(tender_dir / "scores" / "a.xlsx", ann)
    score_workbook(tender_dir / "scores" / "b.xlsx", _revised(ann, 1), evaluator="A. Evans")
    score_workbook(tender_dir / "scores" / "c.xlsx", _revised(ann, 0), evaluator="Ann E.")
    problems = [p for p in load(tender_dir).problems if p.code == "scores.same_reasons"]
    assert [(p.file, p.found) for p in problems] == [
        (
            "scores/b.xlsx",
            "11 of 12 rows the same, score and reason (spaces and capitals aside), in "
            "scores/b.xlsx and scores/a.xlsx",
        ),
        ("scores/c.xlsx", "the same reasons on all 12 rows in scores/c.xlsx and scores/a.xlsx"),
    ]


def _with_reasons(
    rows: list[dict[str, object]], reasons: dict[str, str]
) -> list[dict[str, object]]:
    """``rows`` with each question's reason ``reasons[question]``."""
    return [row | {"reason": reasons[str(row["question"])]} for row in rows]


def _same_reasons(tender_dir: Path) -> list[str]:
    return [str(p) for p in load(tender_dir).problems if p.code == "scores.same_reasons"]


def test_a_panel_writing_no_comment_on_every_row_is_two_judgements(tender_dir):
    """Reasons recorded at moderation, each evaluator wrote "No comment" on every row and
    scored as they judged (Ann 3s, Bo 4s): "the same reasons, word for word, on all 12 rows"
    was an error holding the award. A reason given for every question is no judgement of an
    answer, so it is no sign of a copy."""
    no_comment = dict.fromkeys(QUESTIONS, "No comment on this answer")
    score_workbook(
        tender_dir / "scores" / "ann.xlsx", _with_reasons(score_rows(SUPPLIERS), no_comment)
    )
    bo = _with_reasons(score_rows(SUPPLIERS, 4), no_comment)
    score_workbook(tender_dir / "scores" / "bo.xlsx", bo, evaluator="Bo Li")
    assert _same_reasons(tender_dir) == []


def test_reasons_too_short_to_be_a_judgement_are_no_sign_of_a_copy(tender_dir):
    """Under four words ("Clear plan", "Weak evidence"), one for each question: two
    evaluators may well write the same, and Bo's scores differ from Ann's on every row."""
    short = {"Q1": "Clear plan", "Q2": "Weak evidence given", "SV1": "No local jobs"}
    score_workbook(tender_dir / "scores" / "ann.xlsx", _with_reasons(score_rows(SUPPLIERS), short))
    bo = _with_reasons(score_rows(SUPPLIERS, 4), short)
    score_workbook(tender_dir / "scores" / "bo.xlsx", bo, evaluator="Bo Li")
    assert _same_reasons(tender_dir) == []


def test_the_scale_s_descriptors_as_reasons_are_no_sign_of_a_copy(tender_dir):
    """Each evaluator gave the descriptor of the score as the reason (written as the plan has
    it, with the score before it, or only the words after its label). Ann and Bo agree on
    every score but one: 11 of 12 rows the same, score and reason, was an error."""
    plan = (tender_dir / "tender.toml").read_text(encoding="utf-8")
    write_plan(
        tender_dir,
        plan.replace(
            "[scales.five]\nvalues = [0, 1, 2, 3, 4, 5]\n",
            "[scales.five]\nvalues = [0, 1, 2, 3, 4, 5]\n"
            '[scales.five.descriptors]\n3 = "Satisfactory: meets the requirement"\n'
            '4 = "Good: meets it fully with evidence"\n'
            '5 = "Excellent - exceeds it with strong evidence"\n',
        ),
    )
    described = {
        "Q1": "Satisfactory: meets the requirement.",
        "Q2": "4 - Good: meets it fully with evidence",
        "SV1": "exceeds it with strong evidence",
    }
    scored = {"Q1": 3, "Q2": 4, "SV1": 5}
    ann = [row | {"score": scored[row["question"]]} for row in score_rows(SUPPLIERS)]
    score_workbook(tender_dir / "scores" / "ann.xlsx", _with_reasons(ann, described))
    bo = [dict(row) for row in ann]
    bo[0]["score"] = 2
    score_workbook(
        tender_dir / "scores" / "bo.xlsx", _with_reasons(bo, described), evaluator="Bo Li"
    )
    assert [str(p) for p in load(tender_dir).problems] == []


def test_a_copy_of_a_sheet_of_stock_words_and_reasons_of_its_own_is_an_error(tender_dir):
    """Ann wrote "No comment" on Q2 and SV1 (8 rows) and her own words on Q1 (4 rows); her
    sheet sent again as "A. Evans" is one judgement all the same: the stock words are the
    same as well, and the 4 reasons of her own are enough to judge by. The problem says which
    reasons were the evidence."""
    ann = [
        row if row["question"] == "Q1" else row | {"reason": "No comment"}
        for row in _own_reasons("Ann")
    ]
    score_workbook(tender_dir / "scores" / "ann.xlsx", ann)
    score_workbook(tender_dir / "scores" / "bo.xlsx", _own_reasons("Bo", 4), evaluator="Bo Li")
    score_workbook(tender_dir / "scores" / "ann-again.xlsx", ann, evaluator="A. Evans")
    problems = [p for p in load(tender_dir).problems if p.code == "scores.same_reasons"]
    assert [(p.where, p.is_error) for p in problems] == [("scores/ann.xlsx › Scores", True)]
    assert problems[0].message.startswith(
        "Ann Evans gives the same reasons as A. Evans (scores/ann-again.xlsx), word for word, "
        "on all 12 rows they scored"
    )
    assert problems[0].found == (
        "the same reasons on all 12 rows in scores/ann.xlsx and scores/ann-again.xlsx; 4 of "
        "the 12 reasons in common are the evaluator's own words, the others stock words (given "
        "for another question too, a scale descriptor, under 4 words and saying no more of the "
        "answer than its score, or given by more than 5 evaluators)"
    )


def test_two_reasons_of_their_own_in_common_are_too_few_to_judge(tender_dir):
    """Two rows of distinctive words the same, every other row "No comment": three are
    needed to call two sheets one."""
    ann = [
        row if at < 2 else row | {"reason": "No comment"}
        for at, row in enumerate(_own_reasons("Ann"))
    ]
    score_workbook(tender_dir / "scores" / "ann.xlsx", ann)
    score_workbook(tender_dir / "scores" / "ann-again.xlsx", ann, evaluator="A. Evans")
    assert _same_reasons(tender_dir) == []


def test_a_supplier_s_rows_pasted_again_with_another_score_say_both_scores(tmp_path):
    """Rows copied below the table and rescored: 'already scored' named the first cell but
    not that the two scores differ, nor which one counts."""
    from .builders import good_tender

    folder = good_tender(tmp_path / "tender")
    rows = [*score_rows(SUPPLIERS), score_rows(SUPPLIERS)[0] | {"score": 1}]
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    tender = load(folder)
    (problem,) = [p for p in tender.problems if p.code == "score.duplicate"]
    assert problem.where == "scores/ann.xlsx › Scores › F17"
    assert problem.found == (
        "a second score, 1, where the first, 3, is at scores/ann.xlsx › Scores › F5 and is the "
        "one used"
    )
    assert _scored(tender, "Scores › F5") == [3.0]


@pytest.mark.parametrize("answer", ["No conflict", "no conflicts", "None declared", "N"])
def test_a_conflict_answer_written_in_words_meaning_none_is_none(tender_dir, answer):
    """'No conflict' was not an allowed choice: the declaration counted as missing and, under
    the plan's default rule, every score the evaluator gave was left out, with two warnings."""
    score_workbook(tender_dir / "scores" / "ann.xlsx", score_rows(SUPPLIERS), conflict=answer)
    tender = load(tender_dir)
    assert [str(p) for p in tender.problems] == []
    assert tender.declarations["conflict"].to_list() == ["none"]


def test_a_conflict_answer_that_is_neither_says_what_it_found(tender_dir):
    """The missing-declaration warning said 'found nothing' over a cell reading 'See note'."""
    score_workbook(tender_dir / "scores" / "ann.xlsx", score_rows(SUPPLIERS), conflict="See note")
    tender = load(tender_dir)
    missing = next(p for p in tender.problems if p.code == "declaration.missing")
    assert missing.found == "'See note', which is neither 'none' nor 'declared'"
    assert "conflict of interest answer not 'none' or 'declared'" in missing.message


def test_a_score_typed_as_3_slash_5_which_excel_made_a_date_says_so(tender_dir):
    """Typing 3/5 in a score cell makes Excel store 3 May; the problem said 'not a number
    (found 2026-05-03T00:00:00)', which is not what the evaluator typed or sees."""
    import datetime as dt

    _formatted(tender_dir, {"F5": (dt.datetime(2026, 5, 3), "d-mmm")})
    problem = next(p for p in load(tender_dir).problems if p.where.endswith("Scores › F5"))
    assert (problem.code, problem.is_error) == ("score.date", True)
    assert problem.found == "the date 3 May 2026"
    assert "3/5" in problem.message and problem.expected.startswith("the score alone")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tenths=st.integers(min_value=0, max_value=1000),
    decimals=st.integers(min_value=0, max_value=2),
)
def test_a_score_under_any_decimal_format_is_read_as_held_or_says_what_it_shows(
    tender_dir, tenths, decimals
):
    """On a 0–100 scale every score is allowed: it is scored as held, with a warning exactly
    when the format shows it rounded, quoting what Excel shows (halves rounded up)."""
    held = tenths / 10
    number_format = "0" + ("." + "0" * decimals if decimals else "")
    _formatted(tender_dir, {"F5": (held, number_format)}, PLAN.replace(*HUNDRED), score=50)
    tender = load(tender_dir)
    shows = Decimal(str(held)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    expected = [] if shows == Decimal(str(held)) else [("score.shown_rounded", f"shows {shows}")]
    assert [(p.code, p.found.split(",")[0]) for p in tender.problems] == expected
    assert _scored(tender, "Scores › F5") == [held]
