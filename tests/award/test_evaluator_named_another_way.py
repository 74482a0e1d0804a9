"""An evaluator is one person however their Declaration writes the name, in every comparison.

Found by the red team. The summaries' redaction read "Marsh, Helen", "Dr Helen Marsh", "Helen
Marsh MBE" and "MARSH Helen" as Helen Marsh, but two other checks compared the Declaration's
name as written:

- a revised score sheet saved beside her first, its Declaration naming her "Marsh, Helen",
  counted as a second evaluator's: her judgement averaged in twice, the award moved, and
  nothing was said (named "Helen Marsh", it gave ``declaration.same_evaluator`` and
  ``score.duplicate`` errors that hold the award);
- a conflicted evaluator whose Declaration says "Dr Priya Shah" was not recognised in
  "Moderated by: Priya Shah (chair)": her consensus was used (only a warning asking to name
  the moderator in full, who was named in full), where "Priya Shah" was refused.

And a consensus recorded by an evaluator with no valid declaration, whose own scores the plan
sets aside under ``missing_declaration = "exclude"``, was used everywhere, with no word.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.person_names import first_and_surname, person_words
from tendereval.validation import validate_folder
from tests.example_copies import example_copy

BRIGHTWATER = "Brightwater Care Services Ltd"
HELEN_FORMS = ["Marsh, Helen", "Dr Helen Marsh", "Helen Marsh MBE", "MARSH Helen"]


@pytest.mark.parametrize(
    "name", ["Helen Marsh", *HELEN_FORMS, "helen  marsh", "Helen Marsh, PhD, FCIPS"]
)
def test_every_form_of_a_name_is_one_person(name: str) -> None:
    assert person_words(name) == ("helen", "marsh")
    assert first_and_surname(name) == ("helen", "marsh")


def test_other_names_are_other_people() -> None:
    assert person_words("H. Marsh") != person_words("Helen Marsh")
    assert person_words("Helen Rose Marsh") == ("helen", "marsh", "rose")
    assert first_and_surname("SHAH Priya Rani") == ("priya", "shah")
    assert first_and_surname("Priya") is None


# -- 1. a revised sheet whose Declaration writes her name another way


def _revised_beside_the_first(tmp_path: Path, name: str) -> Path:
    """The carers example with Helen Marsh's sheet saved again as helen-marsh-revised.xlsx,
    its Declaration naming her ``name`` and her Brightwater Q3 revised from 3 to 5."""
    folder = example_copy(tmp_path)
    scores = folder / "scores"
    book = openpyxl.load_workbook(scores / "helen-marsh.xlsx")
    book["Declaration"]["B4"] = name
    ws = book["Scores"]
    assert (ws["A15"].value, ws["C15"].value, ws["F15"].value) == (BRIGHTWATER, "Q3", 3)
    ws["F15"] = 5
    book.save(scores / "helen-marsh-revised.xlsx")
    return folder


@pytest.mark.parametrize("name", ["Helen Marsh", *HELEN_FORMS])
def test_a_revised_sheet_naming_her_another_way_is_hers(tmp_path: Path, name: str) -> None:
    folder = _revised_beside_the_first(tmp_path, name)
    result = tendereval.score(folder, sensitivity=False)
    # One evaluator, as with her name written alike: the sheets are read in order of their
    # file names, so the revised sheet's scores stand and the first's are second scores.
    # Brightwater Q3 is the officers' 5 (Helen, revised), 3 (Tom) and 3 (Priya) at 75% and the
    # carers' panel's 3 at 25%: 0.75 × 11/3 + 0.25 × 3 = 3.5, not 0.75 × 14/4 + 0.75 = 3.375
    # with her counted twice.
    row = result.criteria.filter(supplier=BRIGHTWATER, criterion="Q3").row(0, named=True)
    assert (row["raw_score"], row["basis"]) == (pytest.approx(3.5), "mean + group share")
    assert sorted(result.evaluator_scores.get_column("evaluator").unique()) == sorted(
        {name, "Tom Okafor", "Priya Shah", "Carers' Reference Group panel"}
    )
    (warning,) = [p for p in result.problems if p.code == "declaration.same_evaluator"]
    assert warning.where == "scores/helen-marsh.xlsx › Declaration › B4"
    if name != "Helen Marsh":
        assert warning.message == (
            f"Helen Marsh is also the evaluator named {name} in "
            "scores/helen-marsh-revised.xlsx (one person's name written another way), and the "
            f"scores count under {name}"
        )
    duplicates = [p for p in result.problems if p.code == "score.duplicate"]
    # Of her 24 rows, the panel's consensus replaces the officers' scores on the 5 it
    # moderated (outside the carers' group): there a second score cannot change the award,
    # and is a warning saying so; validate says the same of each (one rule for both).
    replaced = [p for p in duplicates if not p.is_error]
    assert len(duplicates) == 24 and len(replaced) == 5
    assert all("consensus" in p.message and "cannot change" in p.message for p in replaced)
    assert result.award.held_back is not None
    checked = [p for p in validate_folder(folder).problems if p.code == "score.duplicate"]
    assert [(p.where, p.message, p.severity) for p in checked] == [
        (p.where, p.message, p.severity) for p in duplicates
    ]


# -- 2. a conflicted moderator whose Declaration writes her name another way


def _chaired_by(tmp_path: Path, declared: str, others: dict[str, str] | None = None) -> Path:
    """The carers example with Priya Shah, declared as ``declared``, conflicted with Brightwater,
    and a Q1 consensus of 5 for it that "Priya Shah (chair)" recorded (as she records every
    consensus of the example, Brightwater's Q2 of 4 among them). ``others``: other evaluators'
    sheets (file stem → the name their Declaration gives)."""
    folder = example_copy(tmp_path)
    scores = folder / "scores"
    book = openpyxl.load_workbook(scores / "priya-shah.xlsx")
    form = book["Declaration"]
    form["B4"], form["B8"], form["B9"] = declared, "declared", BRIGHTWATER
    book.save(scores / "priya-shah.xlsx")
    for stem, name in (others or {}).items():
        book = openpyxl.load_workbook(scores / f"{stem}.xlsx")
        book["Declaration"]["B4"] = name
        book.save(scores / f"{stem}.xlsx")
    book = openpyxl.load_workbook(scores / "moderation.xlsx")
    ws = book["Moderation"]
    assert (ws["A13"].value, ws["C13"].value, ws["F14"].value) == (
        BRIGHTWATER,
        "Q1",
        "Priya Shah (chair)",
    )
    ws["D13"], ws["E13"], ws["F13"] = (
        5,
        "Agreed 5: an excellent booking model.",
        "Priya Shah (chair)",
    )
    book.save(scores / "moderation.xlsx")
    return folder


@pytest.mark.parametrize(
    "declared",
    ["Priya Shah", "Dr Priya Shah", "Priya Shah MBE", "Priya Rani Shah", "Shah, Mrs Priya"],
)
def test_her_consensus_is_refused_however_her_declaration_names_her(
    tmp_path: Path, declared: str
) -> None:
    folder = _chaired_by(tmp_path, declared)
    result = tendereval.score(folder, sensitivity=False)
    # Q1: the officers' 4 and 4 (hers set aside) at 75%, the carers' panel's 3 at 25%:
    # 0.75 × 4 + 0.25 × 3 = 3.75, not 0.75 × 5 + 0.25 × 3 = 4.5 with her consensus.
    row = result.criteria.filter(supplier=BRIGHTWATER, criterion="Q1").row(0, named=True)
    assert (row["raw_score"], row["basis"]) == (3.75, "mean + group share")
    errors = [p for p in result.problems if p.code == "moderation.conflicted_moderator"]
    assert [p.where for p in errors] == [
        "scores/moderation.xlsx › Moderation › D13",
        "scores/moderation.xlsx › Moderation › D14",
    ]
    assert f"with that supplier, {declared} (scores/priya-shah.xlsx)" in errors[0].message
    assert not result.flags.filter(code="moderation.moderator_unclear").height
    assert result.award.held_back is not None
    assert [p.where for p in validate_folder(folder).errors] == [p.where for p in errors]


def test_a_middle_name_is_not_enough_when_another_evaluator_shares_first_name_and_surname(
    tmp_path: Path,
) -> None:
    """ "Priya Shah (chair)" is Priya Rani Shah only when no other evaluator is a Priya Shah:
    with Tom Okafor's sheet declared by a Priya Shah too, it may be either, so the consensus
    stands, flagged as unclear (the other Priya Shah declared no conflict)."""
    folder = _chaired_by(tmp_path, "Priya Rani Shah", {"tom-okafor": "Priya Shah"})
    result = tendereval.score(folder, sensitivity=False)
    assert not [p for p in result.problems if p.code == "moderation.conflicted_moderator"]
    unclear = result.flags.filter(code="moderation.moderator_unclear", supplier=BRIGHTWATER)
    assert unclear.height == 2


# -- 3. a consensus recorded by an evaluator with no valid declaration


def _chaired_undeclared(tmp_path: Path, rule: str | None = None) -> Path:
    """The carers example with Priya Shah, who records every consensus ("Priya Shah (chair)"),
    answering her conflict question "yes - see email": no valid declaration."""
    folder = example_copy(tmp_path)
    sheet = folder / "scores" / "priya-shah.xlsx"
    book = openpyxl.load_workbook(sheet)
    book["Declaration"]["B8"] = "yes - see email"
    book.save(sheet)
    if rule is not None:
        plan = folder / "tender.toml"
        text = plan.read_text(encoding="utf-8")
        assert 'missing_declaration = "exclude"' in text
        plan.write_text(text.replace('missing_declaration = "exclude"', rule), encoding="utf-8")
    return folder


CONSENSUS_CELLS = [f"scores/moderation.xlsx › Moderation › D{row}" for row in (7, 9, 14, 17, 22)]


def test_a_consensus_recorded_by_an_undeclared_evaluator_is_refused(tmp_path: Path) -> None:
    folder = _chaired_undeclared(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    # Brightwater Q2: Helen Marsh's 4 and Tom Okafor's 3 (hers set aside): 3.5, not her
    # consensus of 4.
    row = result.criteria.filter(supplier=BRIGHTWATER, criterion="Q2").row(0, named=True)
    assert (row["raw_score"], row["basis"]) == (3.5, "mean")
    errors = [p for p in result.problems if p.code == "moderation.undeclared_moderator"]
    assert [p.where for p in errors] == CONSENSUS_CELLS
    assert all(p.is_error for p in errors)
    assert errors[2].message == (
        f"the consensus score for {BRIGHTWATER}, lot CSB, Q2 was recorded by an evaluator who "
        "gave no valid declaration of conflicts of interest, Priya Shah: the plan sets their "
        'scores aside (missing_declaration = "exclude"), so the consensus was not used, and the '
        "award waits until the question is moderated again"
    )
    assert errors[2].expected.endswith(
        "or Priya Shah's declaration completed ('none' or 'declared', naming the suppliers), "
        "if they declare no conflict with this supplier"
    )
    assert result.award.held_back is not None and not result.award.summaries_ready
    assert [p.where for p in validate_folder(folder).errors] == CONSENSUS_CELLS
    runner = CliRunner()
    run = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert run.exit_code == 1 and "Moderation › D14: error: the consensus score" in run.output
    run = runner.invoke(cli, ["summaries", str(folder)])
    assert run.exit_code == 1 and "NOT TO BE SENT YET" in run.output
    run = runner.invoke(cli, ["validate", str(folder)])
    assert run.exit_code == 1


def test_under_flag_the_undeclared_evaluator_s_consensus_is_used_and_flagged(
    tmp_path: Path,
) -> None:
    """With missing_declaration = "flag" her own scores count too, and so does her consensus:
    each bid it is for is flagged."""
    folder = _chaired_undeclared(tmp_path, 'missing_declaration = "flag"')
    result = tendereval.score(folder, sensitivity=False)
    row = result.criteria.filter(supplier=BRIGHTWATER, criterion="Q2").row(0, named=True)
    assert (row["raw_score"], row["basis"]) == (4.0, "consensus")
    flags = result.flags.filter(code="moderation.undeclared_moderator")
    assert flags.get_column("severity").to_list() == ["warning"] * 5
    assert not [p for p in result.problems if p.code == "moderation.undeclared_moderator"]
    assert not validate_folder(folder).errors
