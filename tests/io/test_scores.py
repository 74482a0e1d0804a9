"""Score sheets and moderation: the evaluator's work is checked against the plan and bids.

Score rows from builders.score_rows: Acme L1 Q1/Q2/SV1 in rows 5–7, Acme L2 in rows 8–10,
Bright in rows 11–16; the score is column F, the reason column G.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tendereval import layout
from tendereval.errors import Severity
from tendereval.io import cells

from .builders import good_tender, moderation_workbook, score_rows, score_workbook
from .conftest import load, only

SUPPLIERS = ("Acme Care Ltd", "Bright Futures CIC")


def rescore(tender_dir, **kwargs):
    kwargs.setdefault("rows", score_rows(SUPPLIERS))
    score_workbook(tender_dir / "scores" / "ann.xlsx", **kwargs)
    return load(tender_dir)


def test_score_outside_the_scale(tender_dir):
    tender = rescore(tender_dir, cells={"Scores!F8": 7})
    problem = only(tender, "score.out_of_scale")
    assert problem.where == "scores/ann.xlsx › Scores › F8"
    assert problem.message == "a score the scale for Q1 does not allow"
    assert (problem.found, problem.expected) == ("7", "0/1/2/3/4/5")
    assert problem.supplier is None  # the evaluator's slip does not invalidate the bid
    kept = tender.scores.filter(cell="Scores › F8")
    assert kept["score"].to_list() == [None]


@pytest.mark.parametrize("typed", ["٤", "４"])
def test_a_score_typed_in_digits_of_another_script_is_refused_at_its_cell(tender_dir, typed):
    """'٤' (Arabic-Indic four) or '４' (full-width) as text was read as a score of 4."""
    tender = rescore(tender_dir, cells={"Scores!F8": typed})
    problem = only(tender, "number.other_digits")
    assert (problem.where, problem.found) == ("scores/ann.xlsx › Scores › F8", repr(typed))
    assert tender.scores.filter(cell="Scores › F8")["score"].to_list() == [None]


@pytest.mark.parametrize("typed", ["1.500", "3.000"])
def test_a_score_typed_as_text_that_reads_two_ways_is_refused_at_its_cell(tender_dir, typed):
    """A score on a known scale typed as text '3.000' was read as 3 (and '1.500' as 1.5),
    where units or a rate so typed are number.ambiguous: three decimal places, or a thousand
    and more as European Excel writes it. A score follows the same rule."""
    tender = rescore(tender_dir, cells={"Scores!F8": typed})
    problem = only(tender, "number.ambiguous")
    assert (problem.where, problem.found) == ("scores/ann.xlsx › Scores › F8", repr(typed))
    assert problem.message.startswith("score: a figure typed as text that reads two ways")
    # (An evaluator typed it, not a supplier: the message says neither.)
    assert problem.message.endswith("which was meant is not in the file")
    assert "(1.205 is 1.205 to one reader and 1,205 to another)" in problem.expected
    assert tender.scores.filter(cell="Scores › F8")["score"].to_list() == [None]
    assert [p.code for p in tender.problems if p.is_error] == ["number.ambiguous"]


def test_half_point_not_on_a_stepped_scale(tender_dir):
    problem = only(rescore(tender_dir, cells={"Scores!F5": 2.5}), "score.out_of_scale")
    assert problem.found == "2.5"


def test_score_for_a_question_not_in_the_plan(tender_dir):
    problem = only(rescore(tender_dir, cells={"Scores!C6": "Q9"}), "score.unknown_question")
    assert problem.where == "scores/ann.xlsx › Scores › C6"
    assert problem.message == "a question that is not in the plan"
    assert problem.expected == "Q1, Q2, SV1"


@pytest.mark.parametrize(
    ("typed", "criterion", "message"),
    [
        (
            "SV2",
            "SV2",
            "SV2 (Social value commitments) is scored from the bids' social value commitments, "
            "not by evaluators, so no score is recorded for it; this one is not used",
        ),
        (
            "Price",
            "price",
            "price is scored from the bids' prices, not by evaluators, so no score is recorded "
            "for it; this one is not used",
        ),
    ],
)
def test_a_score_for_a_criterion_evaluators_do_not_score_says_so(
    tender_dir, typed, criterion, message
):
    """Found by the red team: a score typed for SV2 (the plan's commitments question) or for
    price was "a question that is not in the plan"; both are in the plan, scored from the
    bids. The row is left out, as it was."""
    tender = rescore(tender_dir, cells={"Scores!C6": typed})
    problem = only(tender, "score.not_a_question")
    assert not [p for p in tender.problems if p.code == "score.unknown_question"]
    assert (problem.where, problem.message, problem.found) == (
        "scores/ann.xlsx › Scores › C6",
        message,
        typed,
    )
    assert problem.expected == (
        f"no row for {criterion}, or a question evaluators score: Q1, Q2, SV1"
    )
    assert problem.is_error
    assert tender.scores.height == 11  # 2 suppliers x 2 lots x 3 questions, less this one


def test_a_consensus_score_for_the_commitments_question_says_so(tender_dir):
    """A consensus score typed for SV2 was called "a question that is not in the plan"."""
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [
            {
                "supplier": "Acme Care Ltd",
                "lot": "L1",
                "question": "sv2",
                "score": 5,
                "reason": "Agreed 5 for the commitments",
                "moderator": "Chair",
            }
        ],
    )
    tender = load(tender_dir)
    problem = only(tender, "score.not_a_question")
    assert problem.where == "scores/moderation.xlsx › Moderation › C5"
    assert problem.message == (
        "SV2 (Social value commitments) is scored from the bids' social value commitments, "
        "not by evaluators, so no consensus score is recorded for it; this one is not used"
    )
    assert tender.moderation.is_empty()


def test_score_for_a_lot_not_in_the_plan(tender_dir):
    problem = only(rescore(tender_dir, cells={"Scores!B6": "Lot 3"}), "score.unknown_lot")
    assert problem.where == "scores/ann.xlsx › Scores › B6"
    assert problem.found == "Lot 3"


def test_score_for_a_supplier_that_did_not_bid(tender_dir):
    tender = rescore(tender_dir, cells={"Scores!A5": "Zenith Homecare"})
    problem = only(tender, "score.unknown_supplier")
    assert problem.where == "scores/ann.xlsx › Scores › A5"
    assert problem.message == "a score for a supplier that did not submit a bid"
    assert problem.expected == "Acme Care Ltd, Bright Futures CIC"
    assert tender.scores.height == 11  # 2 suppliers × 2 lots × 3 questions, less the bad one


def test_supplier_names_in_scores_match_ignoring_case_and_spaces(tender_dir):
    tender = rescore(tender_dir, cells={"Scores!A5": "  acme   CARE ltd"})
    assert tender.problems == []
    assert tender.scores["supplier"].unique().sort().to_list() == list(SUPPLIERS)


@pytest.mark.parametrize(("typed", "found"), [(12345, "12345"), (True, "TRUE")])
def test_a_number_or_true_as_the_evaluator_name_is_an_error_at_its_cell(tender_dir, typed, found):
    """Declaration › B4 holding 12345 or TRUE was "No problems found", and the report credited
    the evaluator's scores to "12345" or "True"."""
    tender = rescore(tender_dir, evaluator=typed)
    problem = only(tender, "name.not_text")
    assert (problem.where, problem.found, problem.is_error) == (
        "scores/ann.xlsx › Declaration › B4",
        found,
        True,
    )
    assert problem.expected == "a name, typed as text"
    assert not [p for p in tender.problems if p.code == "declaration.missing"]  # said once
    assert tender.scores["evaluator"].unique().to_list() == ["ann"]  # the file's name


def test_a_number_as_the_moderator_is_an_error_at_its_cell(tender_dir):
    row = {"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1", "score": 3}
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [{**row, "reason": "Agreed at the panel", "moderator": 12345}],
    )
    problem = only(load(tender_dir), "name.not_text")
    column = next(i for i, c in enumerate(layout.MODERATION_COLUMNS) if c.key == "moderator")
    where = f"scores/moderation.xlsx › Moderation › {'ABCDEFGHIJ'[column]}5"
    assert (problem.where, problem.found, problem.message) == (
        where,
        "12345",
        "moderator: a number, not a name",
    )


def test_no_conflict_declaration(tender_dir):
    tender = rescore(tender_dir, conflict=None)
    problem = only(tender, "declaration.missing")
    assert problem.severity is Severity.WARNING
    assert problem.where == "scores/ann.xlsx › Declaration"
    assert problem.message == (
        "no conflict-of-interest declaration (conflict of interest answer missing) for Ann Evans"
    )
    assert tender.declarations["conflict"].to_list() == [""]


def test_a_relabelled_conflict_row_says_which_row_and_what_it_holds(tender_dir):
    """A8 retyped 'Any conflict of interest?' over B8 'none': the warning said 'conflict of
    interest answer missing' and 'found nothing', at no cell, though the answer is there."""
    tender = rescore(tender_dir, cells={"Declaration!A8": "Any conflict of interest?"})
    problem = only(tender, "declaration.missing")
    assert problem.where == "scores/ann.xlsx › Declaration › A8"
    assert problem.message == (
        "no conflict-of-interest declaration (no row labelled 'Conflict of interest': row 8, "
        "where it belongs, is labelled otherwise, so its answer is not read) for Ann Evans"
    )
    assert problem.found == "A8 labelled 'Any conflict of interest?', B8 holding 'none'"
    assert problem.expected == (
        "the evaluator's name, the date and 'none' or 'declared', on a row labelled "
        "'Conflict of interest' in column A: put the template's label back in A8 if B8 "
        "answers it"
    )
    assert tender.declarations["conflict"].to_list() == [""]  # not read: as before


def test_a_relabelled_row_is_found_below_a_row_the_evaluator_inserted(tender_dir):
    """A row inserted above the form moves every row down one: the conflict's row is A9."""
    import openpyxl

    path = score_workbook(
        tender_dir / "scores" / "ann.xlsx",
        score_rows(SUPPLIERS),
        cells={"Declaration!A8": "Conflict?"},
    )
    book = openpyxl.load_workbook(path)
    book["Declaration"].insert_rows(5)
    book.save(path)
    problem = only(load(tender_dir), "declaration.missing")
    assert problem.where == "scores/ann.xlsx › Declaration › A9"
    assert problem.found == "A9 labelled 'Conflict?', B9 holding 'none'"


def test_a_relabelled_name_row_names_the_row(tender_dir):
    tender = rescore(tender_dir, cells={"Declaration!A4": "Name"})
    problem = only(tender, "declaration.missing")
    assert problem.where == "scores/ann.xlsx › Declaration › A4"
    assert problem.message.startswith(
        "no conflict-of-interest declaration (no row labelled 'Evaluator name': row 4,"
    )
    assert problem.found == "A4 labelled 'Name', B4 holding 'Ann Evans'"


def test_a_relabelled_date_row_is_at_its_row_not_a_blank_cell_nowhere(tender_dir):
    """A7 retyped 'Date': 'date of declaration is missing (found a blank cell)' was listed
    under (general), with no file, sheet or cell, though B7 holds the date."""
    tender = rescore(tender_dir, cells={"Declaration!A7": "Date"})
    problem = only(tender, "form.missing_field")
    assert problem.where == "scores/ann.xlsx › Declaration › A7"
    assert problem.severity is Severity.WARNING
    assert problem.found == "A7 labelled 'Date', B7 holding '01/10/2026'"
    assert problem.message == (
        "the field 'Date of declaration' is missing from the form: row 7, where it belongs, "
        "is labelled otherwise, so its answer is not read"
    )
    assert [p.code for p in tender.problems] == ["form.missing_field"]


@pytest.mark.parametrize(
    ("held", "shown"),
    [
        (dt.datetime(2026, 11, 3), "3 November 2026"),
        (dt.date(2026, 1, 9), "9 January 2026"),
        (dt.datetime(2026, 11, 3, 14, 30), "3 November 2026 14:30"),
    ],
)
def test_a_date_in_a_relabelled_row_is_shown_as_the_officer_types_it(tender_dir, held, shown):
    """A7 retyped 'Date', B7 holding a date Excel keeps as a date-time: the warning said 'B7
    holding 2026-11-03T00:00:00', which is neither what the evaluator typed nor what the cell
    shows."""
    tender = rescore(tender_dir, declared_on=held, cells={"Declaration!A7": "Date"})
    problem = only(tender, "form.missing_field")
    assert problem.found == f"A7 labelled 'Date', B7 holding {shown}"


def test_a_conflict_row_cleared_whole_is_still_nothing_found(tender_dir):
    """Label and answer both cleared: nothing is there to point at."""
    tender = rescore(tender_dir, cells={"Declaration!A8": None, "Declaration!B8": None})
    problem = only(tender, "declaration.missing")
    assert (problem.where, problem.found) == ("scores/ann.xlsx › Declaration", "nothing")


def test_missing_declaration_sheet_uses_the_file_name(tender_dir):
    tender = rescore(tender_dir, leave_out=("Declaration",))
    problem = only(tender, "declaration.missing")
    assert problem.message == "no conflict-of-interest declaration (declaration missing) for ann"
    assert tender.scores["evaluator"].unique().to_list() == ["ann"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200b \u2060", "\u034f"])
def test_an_evaluator_name_that_shows_nothing_is_no_name(tender_dir, invisible):
    """A name cell holding only a zero-width space looks blank: it was taken as the evaluator
    "\u200b", and the summaries' redaction then put "an evaluator" between every two words
    of every explanation. It is no name: the file's name is used, and the warning at the
    cell says what it holds."""
    tender = rescore(tender_dir, evaluator=invisible)
    problem = only(tender, "declaration.missing")
    assert problem.where == "scores/ann.xlsx › Declaration › B4"
    assert problem.message == (
        "no conflict-of-interest declaration (evaluator name missing) for ann"
    )
    assert problem.found.endswith(", which shows nothing")
    assert tender.scores["evaluator"].unique().to_list() == ["ann"]


def test_declared_conflict_names_suppliers(tender_dir):
    tender = rescore(
        tender_dir, conflict="declared", cells={"Declaration!B9": "bright futures cic; Nobody Ltd"}
    )
    assert tender.declarations["conflicted_suppliers"].to_list() == [
        ["Bright Futures CIC", "Nobody Ltd"]
    ]
    assert only(tender, "declaration.unknown_supplier").where == (
        "scores/ann.xlsx › Declaration › B9"
    )


def test_unknown_evaluator_group(tender_dir):
    problem = only(rescore(tender_dir, group="carers panel"), "declaration.unknown_group")
    assert problem.where == "scores/ann.xlsx › Declaration › B6"
    assert problem.expected == "service_users or blank for the main panel"


def test_group_scoring_a_question_outside_its_remit(tender_dir):
    tender = rescore(tender_dir, group="Service_Users")
    outside = [p for p in tender.problems if p.code == "score.group_question"]
    assert len(outside) == 8  # Q2 and SV1 for two suppliers on two lots
    assert tender.declarations["group"].to_list() == ["service_users"]


def test_the_group_labelled_as_the_consolidated_form_heads_it_is_read(tender_dir):
    """'Evaluator group' is the group's label as the consolidated form reads it (one alias
    table, layout's): the score sheet's form reads it too, not as a missing group."""
    tender = rescore(tender_dir, group="service_users", cells={"Declaration!A6": "Evaluator group"})
    assert tender.declarations["group"].to_list() == ["service_users"]


def test_same_evaluator_scores_the_same_thing_twice(tender_dir):
    rows = [
        *score_rows(SUPPLIERS),
        {"supplier": "Acme Care Ltd", "lot": "L1", "question": "q1", "score": 4, "reason": "again"},
    ]
    problem = only(rescore(tender_dir, rows=rows), "score.duplicate")
    assert problem.where == "scores/ann.xlsx › Scores › F17"
    assert problem.message == "Ann Evans has already scored Acme Care Ltd, lot L1, question Q1"
    assert "scores/ann.xlsx › Scores › F5" in problem.found


def test_duplicate_scores_across_two_sheets_of_the_same_evaluator(tender_dir):
    score_workbook(tender_dir / "scores" / "ann-again.xlsx", score_rows(SUPPLIERS[:1]))
    tender = load(tender_dir)
    duplicates = [p for p in tender.problems if p.code == "score.duplicate"]
    assert len(duplicates) == 6
    assert duplicates[0].file == "scores/ann.xlsx"  # ann-again.xlsx sorts first and is kept


def test_a_sheet_whose_every_score_is_a_duplicate_is_not_said_to_hold_none(tender_dir):
    """Tom's sheet carrying Priya's name: each of its scores is a second score of Priya's,
    left out with its error; "the score sheet of Priya Shah holds no scores" was said of a
    sheet holding 24."""
    score_workbook(
        tender_dir / "scores" / "bob.xlsx", score_rows(SUPPLIERS[:1]), evaluator="Ann Evans"
    )
    codes = [(p.code, p.file) for p in load(tender_dir).problems]
    assert ("score.duplicate", "scores/bob.xlsx") in codes
    assert ("scores.none", "scores/bob.xlsx") not in codes


def test_score_with_no_reason_is_a_warning(tender_dir):
    problem = only(rescore(tender_dir, cells={"Scores!G9": None}), "score.no_reason")
    assert problem.severity is Severity.WARNING
    assert problem.where == "scores/ann.xlsx › Scores › G9"


def test_sheet_with_no_scores(tender_dir):
    score_workbook(tender_dir / "scores" / "bob.xlsx", [], evaluator="Bob Hale")
    problem = only(load(tender_dir), "scores.none")
    assert problem.message == "the score sheet of Bob Hale holds no scores"
    assert problem.where == "scores/bob.xlsx › Scores"


def test_consensus_score_with_no_reason(tender_dir):
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [
            {
                "supplier": "Acme Care Ltd",
                "lot": "L1",
                "question": "Q1",
                "score": 4,
                "reason": "Agreed: strong model",
                "moderator": "Chair",
            },
            {"supplier": "Bright Futures CIC", "lot": "L1", "question": "Q1", "score": 3},
        ],
    )
    tender = load(tender_dir)
    problem = only(tender, "moderation.no_reason")
    assert problem.where == "scores/moderation.xlsx › Moderation › E6"
    assert problem.message == "a consensus score with no written reason"
    assert problem.is_error
    assert tender.moderation.select("supplier", "score", "reason").rows() == [
        ("Acme Care Ltd", 4.0, "Agreed: strong model"),
        ("Bright Futures CIC", None, None),
    ]
    assert tender.inputs.filter(kind="moderation")["path"].to_list() == ["scores/moderation.xlsx"]


def _declaration_row(key: str) -> int:
    keys = [field.key for field in layout.DECLARATION_FIELDS]
    return layout.FORM_FIRST_ROW + keys.index(key)


def test_a_conflict_with_a_name_that_matches_no_bidder_is_an_error(tmp_path):
    """Names separated by commas, or misspelt, matched nobody: the conflict was dropped with a
    warning and the evaluator's scores for that supplier still counted."""
    from tendereval.io.tender import load_tender

    folder = good_tender(tmp_path / "tender")
    row = _declaration_row("conflicted_suppliers")
    score_workbook(
        folder / "scores" / "ann.xlsx",
        score_rows(("Acme Care Ltd", "Bright Futures CIC")),
        conflict="declared",
        cells={f"Declaration!B{row}": "Acme Care Ltd, Bright Futures CIC"},
    )
    tender = load_tender(folder)
    (problem,) = [p for p in tender.problems if p.code == "declaration.unknown_supplier"]
    assert problem.is_error
    assert "would still count" in problem.message
    assert problem.cell == f"B{row}"


def test_a_workbook_with_both_scores_and_moderation_is_refused_not_half_read(tmp_path):
    """A Moderation sheet added to an evaluator's workbook made it read as the moderation
    workbook: all of that evaluator's scores vanished and validate said nothing."""
    from openpyxl import load_workbook

    from tendereval.io.tender import load_tender

    folder = good_tender(tmp_path / "tender")
    path = folder / "scores" / "ann.xlsx"
    wb = load_workbook(path)
    wb.create_sheet(layout.MODERATION_SHEET)
    wb.save(path)
    tender = load_tender(folder)
    (problem,) = [p for p in tender.problems if p.code == "file.scores_and_moderation"]
    assert problem.is_error and problem.file == "scores/ann.xlsx"


def test_a_whole_number_too_large_for_a_float_is_not_a_finite_number_not_a_crash():
    """A cell can save a 400-digit whole number; float() of it raised OverflowError."""
    huge = 10**400
    for parse in (cells.parse_number, cells.parse_money, cells.parse_count):
        value, problem = parse(huge)
        assert value is None and problem is not None, parse
    assert cells.parse_share(huge)[1].code == "share.not_a_number"


def test_a_missing_required_column_is_one_error_not_one_per_row(tender_dir):
    """Without the Supplier column every row also said 'supplier is missing', 24 errors with
    no file or cell, and the sheet was said to hold no scores."""
    tender = rescore(tender_dir, cells={"Scores!A4": "Bidder"})
    (problem,) = tender.problems
    assert problem.code == "table.missing_column"
    assert problem.where == "scores/ann.xlsx › Scores › row 4"
    assert tender.scores.height == 0


def test_a_consensus_table_missing_a_required_column_is_one_error(tender_dir):
    rescore(tender_dir)
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [{"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1", "score": 4, "reason": "ok"}],
    )
    from openpyxl import load_workbook

    path = tender_dir / "scores" / "moderation.xlsx"
    wb = load_workbook(path)
    wb[layout.MODERATION_SHEET]["C4"] = "Criterion"  # the Question header
    wb.save(path)
    tender = load(tender_dir)
    assert [p.code for p in tender.problems] == ["table.missing_column"]
    assert tender.moderation.height == 0


def test_a_score_saved_with_floating_point_noise_counts_as_the_scale_value(tender_dir):
    """4.0000000001 (a sum Excel saved) was accepted as 4 but used unrounded in the totals."""
    tender = rescore(tender_dir, cells={"Scores!F5": 4.0000000001, "Scores!F6": 2.9999999999})
    assert tender.problems == []
    scores = dict(tender.scores.select("cell", "score").rows())
    assert scores["Scores › F5"] == 4.0 and scores["Scores › F6"] == 3.0


def test_a_consensus_score_for_a_lot_not_bid_is_reported_not_dropped_silently(tender_dir):
    from .builders import bid_workbook

    bid_workbook(
        tender_dir / "bids" / "bright.xlsx", "Bright Futures CIC", rates={("L1", "hours"): 22}
    )
    rescore(
        tender_dir,
        rows=score_rows(("Acme Care Ltd",)) + score_rows(("Bright Futures CIC",), lots=("L1",)),
    )
    moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [{"supplier": "Bright Futures CIC", "lot": "L2", "question": "Q1", "score": 4,
          "reason": "agreed"}],
    )  # fmt: skip
    problem = only(load(tender_dir), "moderation.lot_not_bid")
    assert problem.severity is Severity.WARNING
    assert problem.where == "scores/moderation.xlsx › Moderation › D5"
    assert problem.message == (
        "a consensus score for Bright Futures CIC on lot L2, which they did not bid for; "
        "it is ignored"
    )
    assert problem.expected == "L1"


def test_no_conflict_yet_suppliers_named_is_a_contradiction(tender_dir):
    """'none' with a supplier named: the scores were left out as conflicted and nobody was
    told the declaration contradicts itself."""
    row = _declaration_row("conflicted_suppliers")
    tender = rescore(tender_dir, conflict="none", cells={f"Declaration!B{row}": "Acme Care Ltd"})
    problem = only(tender, "declaration.contradiction")
    assert problem.is_error and problem.supplier is None
    assert problem.where == f"scores/ann.xlsx › Declaration › B{row}"
    assert problem.found == "Acme Care Ltd"
    assert "treated as conflicted" in problem.message
    assert tender.declarations["conflicted_suppliers"].to_list() == [["Acme Care Ltd"]]


def test_a_declaration_label_answered_twice_differently_is_an_error(tender_dir):
    """A second 'Conflict of interest' row was ignored without a word: which answer is meant?"""
    row = layout.FORM_FIRST_ROW + len(layout.DECLARATION_FIELDS) + 1
    label = next(f.label for f in layout.DECLARATION_FIELDS if f.key == "conflict")
    tender = rescore(
        tender_dir, cells={f"Declaration!A{row}": label, f"Declaration!B{row}": "declared"}
    )
    problem = only(tender, "form.repeated_label")
    assert problem.is_error
    assert problem.where == f"scores/ann.xlsx › Declaration › B{row}"
    first = _declaration_row("conflict")
    assert problem.found == f"'none' in B{first} and 'declared' in B{row}"
    assert tender.declarations["conflict"].to_list() == ["none"]  # the first, as it says


def test_a_label_repeated_with_the_same_answer_or_a_blank_is_not_a_problem(tender_dir):
    row = layout.FORM_FIRST_ROW + len(layout.DECLARATION_FIELDS) + 1
    label = next(f.label for f in layout.DECLARATION_FIELDS if f.key == "conflict")
    same = rescore(tender_dir, cells={f"Declaration!A{row}": label, f"Declaration!B{row}": "None"})
    assert same.problems == []
    blank_first = rescore(
        tender_dir,
        conflict=None,
        cells={f"Declaration!A{row}": label, f"Declaration!B{row}": "none"},
    )
    assert blank_first.problems == []  # the filled-in answer is used
    assert blank_first.declarations["conflict"].to_list() == ["none"]


def test_a_score_column_given_twice_is_one_error_and_no_scores_are_guessed(tender_dir):
    tender = rescore(tender_dir, cells={"Scores!H4": "score", "Scores!H5": 1})
    (problem,) = tender.problems
    assert problem.code == "table.repeated_column"
    assert problem.found == "'Score' in column F, 'score' in column H"
    assert tender.scores.height == 0


def test_a_reason_written_as_an_uncalculated_formula_says_so(tender_dir):
    """The reason cell held a formula never calculated: 'no written reason (found a blank
    cell)' left the evaluator looking at the reason they had typed."""
    problem = only(rescore(tender_dir, cells={"Scores!G9": '=A9&" answered well"'}),
                   "score.no_reason")  # fmt: skip
    assert problem.where == "scores/ann.xlsx › Scores › G9"
    assert problem.found.startswith("a formula with no saved value")


def test_a_workbook_with_neither_scores_nor_moderation_is_one_error(tender_dir):
    """A moderation workbook whose sheet was renamed 'moderation1' was read as an evaluator's
    sheet: no Scores sheet, no declaration for 'moderation' and 'holds no scores'."""
    from openpyxl import load_workbook

    rescore(tender_dir)
    path = moderation_workbook(
        tender_dir / "scores" / "moderation.xlsx",
        [{"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1", "score": 4, "reason": "ok"}],
    )
    wb = load_workbook(path)
    wb[layout.MODERATION_SHEET].title = "moderation1"
    wb.save(path)
    tender = load(tender_dir)
    (problem,) = tender.problems
    assert problem.is_error and problem.file == "scores/moderation.xlsx"
    assert "neither a 'Scores' sheet" in problem.message and problem.found == "moderation1"
    assert tender.declarations["evaluator"].to_list() == ["Ann Evans"]


def test_a_second_sheet_naming_the_same_evaluator_is_pointed_out(tender_dir):
    """Found by a human-error audit: Helen filled in Tom's template, so her scores counted as
    Tom's and Tom's own came out as 24 duplicates on his (correct) file, while the cause,
    the name on Helen's Declaration, was never named."""
    rescore(tender_dir)
    score_workbook(
        tender_dir / "scores" / "bob.xlsx", score_rows(SUPPLIERS[:1]), evaluator="Ann Evans"
    )
    problem = only(load(tender_dir), "declaration.same_evaluator")
    assert problem.severity is Severity.WARNING
    assert problem.where.startswith("scores/bob.xlsx › Declaration › B")
    assert problem.message == "Ann Evans is also the evaluator named in scores/ann.xlsx"


def test_an_evaluator_leaving_out_a_score_is_warned(tender_dir):
    """Found by a human-error audit: a deleted row, or a score and reason both blanked, said
    "No problems found" and the bid was scored on the other evaluators alone."""
    left_out = (SUPPLIERS[1], "L2", "Q2")
    rows = [
        r for r in score_rows(SUPPLIERS) if (r["supplier"], r["lot"], r["question"]) != left_out
    ]
    problem = only(rescore(tender_dir, rows=rows), "scores.incomplete")
    assert problem.severity is Severity.WARNING
    assert problem.where == "scores/ann.xlsx › Scores"
    assert problem.message == (
        "Ann Evans gave no score for 1 of the 12 supplier, lot and question rows they were "
        "expected to score"
    )
    assert problem.found == "Bright Futures CIC, lot L2, Q2"


def test_a_groups_rows_expected_are_those_of_its_questions(tender_dir):
    """Found by the red team: a service-user panel member (the panel scores Q1) who adds one
    Q2 score was told the Q2 rows of every other bid were missing ("4 of the 8 rows"): a
    group's score outside its questions is not counted, so Q2 is not expected of it. Ann
    scores Q1 for 3 of the 4 bids (2 suppliers x 2 lots) and Q2 for Acme L1: 1 of the 4 Q1
    rows is missing, and the Q2 score has its own warning."""
    q1 = [r for r in score_rows(SUPPLIERS) if r["question"] == "Q1"]
    q2 = [r for r in score_rows(SUPPLIERS[:1], lots=("L1",)) if r["question"] == "Q2"]
    tender = rescore(tender_dir, rows=q1[:-1] + q2, group="service_users")
    problem = only(tender, "scores.incomplete")
    assert problem.message == (
        "Ann Evans gave no score for 1 of the 4 supplier, lot and question rows they were "
        "expected to score"
    )
    assert problem.found == "Bright Futures CIC, lot L2, Q1"
    assert only(tender, "score.group_question").found == "Q2"


def test_a_groups_score_outside_its_questions_leaves_no_row_missing(tender_dir):
    """Every Q1 row scored, and one Q2: nothing is missing (the red team's carers panel,
    told 5 of 18 rows were missing)."""
    q1 = [r for r in score_rows(SUPPLIERS) if r["question"] == "Q1"]
    q2 = [r for r in score_rows(SUPPLIERS[:1], lots=("L1",)) if r["question"] == "Q2"]
    tender = rescore(tender_dir, rows=q1 + q2, group="service_users")
    assert [p.code for p in tender.problems] == ["score.group_question"]


@pytest.mark.parametrize(
    ("score", "reason", "at_the_cell"),
    [("4 - Good", "Clear plan", "number.not_a_number"), (None, "Clear plan", "score.missing")],
)
def test_a_row_named_at_its_cell_is_not_also_a_row_left_out(tender_dir, score, reason, at_the_cell):
    """A score typed with its descriptor ("4 - Good") was an error at its cell and also "Ann
    Evans gave no score for 1 of the 12 rows", which she had: a second problem, in other
    words, about the same cell."""
    rows = score_rows(SUPPLIERS)
    rows[0] |= {"score": score, "reason": reason}
    tender = rescore(tender_dir, rows=rows)
    assert [p.code for p in tender.problems] == [at_the_cell]
    assert tender.problems[0].cell == "F5"


def test_questions_an_evaluator_never_scores_and_conflicts_are_not_gaps(tender_dir):
    # Ann scores only Q1 (the panel splits the questions) and declares a conflict with Bright.
    row = _declaration_row("conflicted_suppliers")
    rows = [r for r in score_rows(SUPPLIERS[:1]) if r["question"] == "Q1"]
    tender = rescore(
        tender_dir, rows=rows, conflict="declared", cells={f"Declaration!B{row}": SUPPLIERS[1]}
    )
    assert not [p for p in tender.problems if p.code == "scores.incomplete"]


def test_a_declaration_made_before_the_plan_was_approved_is_pointed_out(tender_dir):
    """The plan's weights approved on 14/09/2026 and an evaluator's declaration (which names
    the bidders, so comes after the bids are opened) on 01/09/2026: either date is wrong, or the
    weights were set once the bids could be seen. Nothing was said. The day of approval, or
    after it, is fine."""
    early = rescore(tender_dir, declared_on="01/09/2026")
    problem = only(early, "declaration.before_approval")
    assert problem.severity is Severity.WARNING
    assert problem.where == f"scores/ann.xlsx › Declaration › B{_declaration_row('declared_on')}"
    # In words, as the other messages give dates (before, 2026-09-14 and 2026-09-01).
    assert problem.message == (
        "the plan records its weights as approved on 14 September 2026, after this evaluator "
        "declared on 1 September 2026"
    )
    assert problem.found == "declared on 1 September 2026"
    assert "Procurement Act 2023 s.23" in problem.expected
    for fine in ("14/09/2026", "01/10/2026"):
        assert rescore(tender_dir, declared_on=fine).problems == []


def test_a_supplier_written_without_its_legal_form_is_read_as_that_bidder(tender_dir):
    """Evaluators type the supplier's name, and often not as registered: "Acme Care" or "Acme
    Care Limited" for the bidder Acme Care Ltd. Each row was an error ("a score for a supplier
    that did not submit a bid") and the score was lost. A name that is one bidder's as
    Companies House compares names is read as that bidder, with one warning per spelling and
    sheet naming both."""
    rows = score_rows(SUPPLIERS)
    for row in rows[:3]:
        row["supplier"] = "Acme Care"
    rows[3]["supplier"] = "ACME CARE LIMITED"
    tender = rescore(tender_dir, rows=rows)
    warnings = [p for p in tender.problems if p.code == "score.supplier_respelled"]
    assert [(p.where, p.found) for p in warnings] == [
        ("scores/ann.xlsx › Scores › A5", "Acme Care"),
        ("scores/ann.xlsx › Scores › A8", "ACME CARE LIMITED"),
    ]
    assert all(not p.is_error and "Acme Care Ltd" in p.message for p in warnings)
    assert [p for p in tender.problems if p.is_error] == []
    acme = tender.scores.filter(supplier="Acme Care Ltd")
    assert acme.height == 6 and acme["score"].null_count() == 0


@pytest.mark.parametrize("sent", ["an old .xls file", "a return with no legal name"])
def test_a_bid_named_by_its_file_name_is_not_a_spelling_evaluators_got_wrong(tender_dir, sent):
    """Acme's bid sent as bids/acme-care-ltd.xls, which is not read: every score sheet had
    'read as the bidder acme-care-ltd: the names differ only in what Companies House sets
    aside … expected the name as the bid gives it, acme-care-ltd', though the bid gives no
    name (its file's name stands in for one). Its scores are still its bid's, with no word:
    the bid's own problem says why it gives no name."""
    from tendereval.io.safety import OLE_MAGIC

    from .builders import bid_workbook

    (tender_dir / "bids" / "acme.xlsx").unlink()
    if sent == "an old .xls file":
        (tender_dir / "bids" / "acme-care-ltd.xls").write_bytes(OLE_MAGIC + bytes(504))
    else:
        bid_workbook(tender_dir / "bids" / "acme-care-ltd.xlsx", organisation={"legal_name": None})
    tender = load(tender_dir)
    assert [p.code for p in tender.problems if p.file.startswith("scores/")] == []
    assert [p.file for p in tender.problems if p.is_error] == [
        f"bids/acme-care-ltd.xls{'' if sent == 'an old .xls file' else 'x'}"
    ]
    assert tender.scores.filter(supplier="acme-care-ltd").height == 6


def test_a_name_two_bidders_share_as_registered_stays_an_error_naming_both(tmp_path):
    """ "Acme Care" could be Acme Care Ltd or Acme Care CIC: not guessed."""
    from tendereval.io.tender import load_tender

    from .builders import bid_workbook

    folder = good_tender(tmp_path / "tender")
    bid_workbook(folder / "bids" / "acme-cic.xlsx", legal_name="Acme Care CIC")
    rows = score_rows(SUPPLIERS)
    rows[0]["supplier"] = "Acme Care"
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    tender = load_tender(folder)
    problem = only(tender, "score.unknown_supplier")
    assert problem.is_error and problem.found == "Acme Care"
    assert problem.expected == (
        "one of Acme Care CIC, Acme Care Ltd (each is that name as Companies House compares names)"
    )


def test_a_conflict_with_a_supplier_written_without_its_legal_form_counts(tender_dir):
    """A conflict declared with "Bright Futures" (the bidder Bright Futures CIC) was an error
    and the conflict unmatched; it is now that bidder's conflict, with a warning."""
    tender = rescore(tender_dir, conflict="declared", cells={"Declaration!B9": "Bright Futures"})
    assert tender.declarations["conflicted_suppliers"].to_list() == [["Bright Futures CIC"]]
    problem = only(tender, "score.supplier_respelled")
    assert problem.where == "scores/ann.xlsx › Declaration › B9"
    assert [p for p in tender.problems if p.is_error] == []


def test_a_question_written_by_its_title_is_that_question(tender_dir):
    """The score sheet shows each question's title beside its id; an evaluator who typed the
    title in the id column lost the score ("a question that is not in the plan")."""
    title = "Delivery model"  # Q1's, in tests/io/builders.py's plan
    tender = rescore(tender_dir, cells={"Scores!C5": f" {title.upper()} "})
    assert [p for p in tender.problems if p.is_error] == []
    assert tender.scores.filter(cell="Scores › F5")["question"].to_list() == ["Q1"]


def test_a_score_written_with_words_is_told_what_the_scale_allows(tender_dir):
    problem = only(rescore(tender_dir, cells={"Scores!F5": "4 - Good"}), "number.not_a_number")
    assert problem.where == "scores/ann.xlsx › Scores › F5"
    assert problem.expected == (
        "the score alone, as a number the scale for Q1 allows (0/1/2/3/4/5), without words"
    )


def test_a_copy_of_the_declaration_declaring_a_conflict_is_an_error(tender_dir):
    """'Declaration (2)' declaring a conflict with Bright Futures CIC beside a 'Declaration'
    answering none was never read nor mentioned: the evaluator's scores for the supplier
    they declared a conflict with counted. Now as for copies of a bid's forms: an error
    naming the first answer that differs; an identical copy is a warning."""
    import openpyxl

    path = score_workbook(tender_dir / "scores" / "ann.xlsx", score_rows(SUPPLIERS))
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Declaration"])
    copy.title = "Declaration (2)"
    conflict = _declaration_row("conflict")
    copy[f"B{conflict}"] = "declared"
    copy[f"B{_declaration_row('conflicted_suppliers')}"] = "Bright Futures CIC"
    book.save(path)
    problem = only(load(tender_dir), "sheet.copy_differs")
    assert problem.is_error
    assert problem.where == f"scores/ann.xlsx › Declaration (2) › B{conflict}"
    assert problem.found == (
        f"'declared' in B{conflict} on 'Declaration (2)', 'none' in B{conflict} on "
        "'Declaration' (1 more cell differs)"
    )

    copy[f"B{conflict}"] = "none"
    copy[f"B{_declaration_row('conflicted_suppliers')}"] = None
    book.save(path)
    problem = only(load(tender_dir), "sheet.copy")
    assert not problem.is_error and problem.sheet == "Declaration (2)"


def test_a_supplier_written_by_its_trading_name_is_read_as_that_bidder(tmp_path):
    """An evaluator wrote "Bright Start", the trading name Bright Futures CIC's bid gives:
    each row was an error ("a score for a supplier that did not submit a bid") and the score
    lost, though the bid itself says who that is. Read as that bidder, with one warning."""
    from tendereval.io.tender import load_tender

    from .builders import bid_workbook

    folder = good_tender(tmp_path / "tender")
    bid_workbook(
        folder / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes", "trading_name": "Bright Start"},
    )
    rows = score_rows(SUPPLIERS)
    for row in rows:
        if row["supplier"] == "Bright Futures CIC":
            row["supplier"] = "bright start"
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    tender = load_tender(folder)
    problem = only(tender, "score.supplier_trading_name")
    assert problem.severity is Severity.WARNING and problem.found == "bright start"
    assert problem.message == (
        "read as the bidder Bright Futures CIC: it is the trading name its bid gives"
    )
    assert [p for p in tender.problems if p.is_error] == []
    assert tender.scores.filter(supplier="Bright Futures CIC")["score"].null_count() == 0
    assert tender.scores.filter(supplier="Bright Futures CIC").height == sum(
        row["supplier"] == "bright start" for row in rows
    )

    # Two bidders trading under one name: not guessed.
    bid_workbook(
        folder / "bids" / "acme.xlsx",
        "Acme Care Ltd",
        organisation={"trading_name": "Bright Start"},
    )
    unknown = [p for p in load_tender(folder).problems if p.code == "score.unknown_supplier"]
    assert len(unknown) == 6 and all(p.is_error for p in unknown)
    assert {p.expected for p in unknown} == {
        "one of Acme Care Ltd, Bright Futures CIC (each bid gives it as its trading name)"
    }


@pytest.mark.parametrize(
    ("trading", "written"),
    [
        ("Acme Care", "Acme Care"),
        ("Acme Care", "acme care limited"),
        ("Acme Care Ltd", "Acme Care Ltd"),
    ],
)
def test_a_trading_name_that_is_another_bidders_name_names_both(tmp_path, trading, written):
    """Bright Futures CIC trades as "Acme Care"; Acme Care Ltd bids too. A conflict declared
    with "Acme Care" was read as with Acme Care Ltd (its name as Companies House compares
    names, taken before trading names): the evaluator's scores for Bright Futures CIC, the
    bid they meant, counted. Written exactly as a bid gives its trading name, or as another
    bidder's name matches it, the name is either bidder's: an error naming both."""
    from tendereval.io.tender import load_tender

    from .builders import bid_workbook

    folder = good_tender(tmp_path / "tender")
    bid_workbook(
        folder / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes", "trading_name": trading},
    )
    score_workbook(
        folder / "scores" / "ann.xlsx",
        score_rows(SUPPLIERS),
        conflict="declared",
        cells={f"Declaration!B{_declaration_row('conflicted_suppliers')}": written},
    )
    tender = load_tender(folder)
    problem = only(tender, "declaration.unknown_supplier")
    assert problem.is_error and problem.found == written
    assert problem.message == (
        "a conflict is declared with a name that is more than one bidder's, so the "
        "evaluator's scores for it would still count"
    )
    assert problem.expected == (
        "one of Acme Care Ltd (whose name it is) and Bright Futures CIC (whose bid gives it as "
        "its trading name), separated by ;"
    )
    assert not [p for p in tender.problems if p.code.startswith("score.supplier_")]


def test_a_bidders_own_name_written_exactly_is_that_bidder_beside_a_like_trading_name(tmp_path):
    """Beside a bid trading as "Acme Care", "Acme Care Ltd" written exactly names Acme Care
    Ltd: its own name is the one way to write it that the trading name is not."""
    from tendereval.io.tender import load_tender

    from .builders import bid_workbook

    folder = good_tender(tmp_path / "tender")
    bid_workbook(
        folder / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes", "trading_name": "Acme Care"},
    )
    score_workbook(
        folder / "scores" / "ann.xlsx",
        score_rows(SUPPLIERS),
        conflict="declared",
        cells={f"Declaration!B{_declaration_row('conflicted_suppliers')}": "ACME CARE LTD"},
    )
    tender = load_tender(folder)
    assert tender.problems == []
    assert tender.declarations["conflicted_suppliers"].to_list() == [["Acme Care Ltd"]]


@pytest.mark.parametrize("typed", ["Carers' Reference Group panel", "Service users"])
def test_a_group_written_by_its_name_is_that_group_with_a_warning(tmp_path, typed):
    """The panel's declaration gives the group as the plan names it, not by its id: it was
    an error, and the panel's scores counted as the officers'. Now read as the group."""
    import shutil
    from pathlib import Path

    from openpyxl import load_workbook

    import tendereval

    example = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    folder = tmp_path / "carers"
    shutil.copytree(example, folder)
    path = folder / "scores" / "carers-reference-group-panel.xlsx"
    book = load_workbook(path)
    (cell,) = [row[1] for row in book["Declaration"].iter_rows() if row[1].value == "service_users"]
    cell.value = typed
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    problem = only(tendereval.load_tender(folder), "declaration.group_by_name")
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "read as the evaluator group service_users, which the plan names this way"
    )
    # Scored exactly as the example, whose declaration gives the id.
    assert result.results.equals(tendereval.score(example, sensitivity=False).results)


def test_a_score_for_a_supplier_whose_bid_is_a_pdf_says_the_pdf_was_not_read(tender_dir):
    """Acme's bid sent only as bids/acme-care-ltd.pdf: each of its scores said 'a score for a
    supplier that did not submit a bid', and only a warning on the PDF said it was not read.
    The score's error names the file. A PDF is still no bid (it is often a method statement
    beside one), and one whose name is no supplier's changes nothing."""
    (tender_dir / "bids" / "acme.xlsx").unlink()
    (tender_dir / "bids" / "acme-care-ltd.pdf").write_bytes(b"%PDF-1.7\n")
    (tender_dir / "bids" / "bright-method-statement.pdf").write_bytes(b"%PDF-1.7\n")
    tender = load(tender_dir)
    unknown = [p for p in tender.problems if p.code == "score.unknown_supplier"]
    assert len(unknown) == 6  # 2 lots × 3 questions
    assert {p.message for p in unknown} == {
        "a score for a supplier that did not submit a bid "
        "(bids/acme-care-ltd.pdf was not read: not a workbook)"
    }
    assert tender.bids["supplier"].unique().to_list() == ["Bright Futures CIC"]
    assert [p.file for p in tender.problems if p.code == "file.ignored"] == [
        "bids/acme-care-ltd.pdf",
        "bids/bright-method-statement.pdf",
    ]
