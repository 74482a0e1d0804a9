"""Every evaluator scored Weald Carers Trust's SV1 and none wrote a reason: ``score`` warned
(``score.no_reason``) once a sheet, and nothing more. ``summaries`` exited 0 with every summary
ready to send, each giving the winner's SV1 score 4 with an empty explanation, and ``publish``
wrote the award. An assessment summary gives a score for each criterion and an explanation of
it (Procurement Regulations 2024 reg 31), so the award decision now says the summaries are not
to be sent while an assessed tender's score has no explanation at all, and every output reads
it. One evaluator's reason left blank beside another's is explanation enough: a warning only.

Acted out on copies of the carers example (Weald Carers Trust ranked first, Stour Valley
Homecare Ltd disqualified).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy, example_with

WEALD = "Weald Carers Trust"
EVALUATORS = ("helen-marsh", "priya-shah", "tom-okafor")
PANEL = "carers-reference-group-panel"
# What follows a lot's tenders and questions in the sentence, wherever it is given.
WHY = (
    ": neither a consensus reason nor, with no consensus recorded, a reason from an evaluator "
    "whose score counted; the assessment summaries are not to be sent yet, as they would show "
    "{which} unexplained: the evaluators add their reasons in the score sheets, or the panel "
    "records a consensus with its reason in the moderation workbook, and the folder is scored "
    "again"
)
WEALD_SV1 = f"Weald Carers Trust's score for SV1 has no explanation{WHY.format(which='that score')}"


def _blank_reasons(folder: Path, supplier: str, question: str, sheets=EVALUATORS) -> None:
    """Leave ``supplier``'s reason for ``question`` blank on each evaluator's score sheet."""
    for name in sheets:
        path = folder / "scores" / f"{name}.xlsx"
        book = openpyxl.load_workbook(path)
        scores = book["Scores"]
        for row in scores.iter_rows(min_row=5):
            if row[0].value == supplier and row[2].value == question:
                row[6].value = None
        book.save(path)


@pytest.fixture
def unexplained(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    _blank_reasons(folder, WEALD, "SV1")
    return folder


def test_a_score_no_evaluator_explained_holds_the_summaries_back(unexplained: Path) -> None:
    result = tendereval.score(unexplained, sensitivity=False)
    award = result.award
    assert award.unexplained == (("CSB", WEALD, ("SV1",)),)
    assert award.not_explained("CSB") == [("CSB", WEALD_SV1)]
    assert award.blockers == [f"Lot CSB: {WEALD_SV1}"]
    assert not award.summaries_ready
    # The award itself is not in doubt: the scores are the same with or without a reason.
    assert award.winner("CSB") == WEALD and award.held_back is None
    assert award.to_dict()["unexplained"] == [
        {"lot": "CSB", "supplier": WEALD, "questions": ["SV1"]}
    ]
    # The rule reads the explanation the summaries give: the criterion's reason is blank.
    [reason] = (
        result.criteria.filter(
            (result.criteria["supplier"] == WEALD) & (result.criteria["criterion"] == "SV1")
        )
        .get_column("reason")
        .to_list()
    )
    assert reason == ""


def test_every_command_says_so(unexplained: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    scored = runner.invoke(cli, ["score", str(unexplained), "-o", str(tmp_path / "report.xlsx")])
    lines = scored.output.splitlines()
    at = lines.index(
        "  Proposed award: Weald Carers Trust (the most advantageous tender: ranked first)."
    )
    assert lines[at + 1] == f"  ! {WEALD_SV1}."
    summary = openpyxl.load_workbook(tmp_path / "report.xlsx")["Summary"]
    notes = [row[0] for row in summary.iter_rows(max_col=1, values_only=True)]
    assert f"Lot CSB: {WEALD_SV1}." in notes
    # The notes are above the table, whose header is not written over them.
    assert notes[notes.index(f"Lot CSB: {WEALD_SV1}.") + 1] == "Lot"

    sent = runner.invoke(cli, ["summaries", str(unexplained)])
    assert sent.exit_code == 1
    assert f"  - Lot CSB: {WEALD_SV1}" in sent.output
    for path in (unexplained / "reports" / "summaries").glob("*.xlsx"):
        assert "NOT TO BE SENT YET" in str(openpyxl.load_workbook(path)["Summary"]["A3"].value)

    published = runner.invoke(cli, ["publish", str(unexplained), "--ocid-prefix", "ocds-abc123"])
    assert published.exit_code == 1
    assert "Nothing was written" in published.output and WEALD_SV1 in published.output
    assert not list((unexplained / "reports").glob("*ocds*"))


def test_allocate_is_not_held_by_a_score_that_stops_only_the_summaries(unexplained: Path):
    """Found by a red team: allocate DIR exited 1 and never said why. The award is not held
    back for an unexplained score (docs/award.md), only the summaries that must explain it."""
    done = tendereval.allocate(unexplained)
    assert done.award.held_back is None and done.award.award_blockers == []
    assert done.award.blockers == [f"Lot CSB: {WEALD_SV1}"]
    assert done.ok
    run = CliRunner().invoke(cli, ["allocate", str(unexplained)])
    assert run.exit_code == 0, run.output


def test_one_evaluators_blank_reason_beside_anothers_is_a_warning_only(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    _blank_reasons(folder, WEALD, "SV1", sheets=("helen-marsh", "tom-okafor"))
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.unexplained == ()
    assert result.award.blockers == []
    warned = [p for p in result.problems if p.code == "score.no_reason"]
    assert len(warned) == 2 and not any(p.is_error for p in warned)


def test_a_consensus_with_its_reason_explains_the_score(unexplained: Path) -> None:
    book = openpyxl.load_workbook(unexplained / "scores" / "moderation.xlsx")
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == WEALD and row[2].value == "SV1":
            row[3].value, row[4].value = 4, "Specific local commitments with a named lead."
            row[5].value = "Priya Shah (chair)"
    book.save(unexplained / "scores" / "moderation.xlsx")
    award = tendereval.score(unexplained, sensitivity=False).award
    assert award.unexplained == ()
    assert award.blockers == []


def test_several_tenders_in_a_lot_are_named_in_one_sentence(unexplained: Path) -> None:
    """A disqualified tender's summary gives its scores too. Meridian's Q1 is scored by the
    carers' reference group as well, whose share counts: it explains Q1 until it too is
    blank."""
    _blank_reasons(unexplained, "Stour Valley Homecare Ltd", "SV1")
    _blank_reasons(unexplained, "Meridian Care Group plc", "SV1")
    _blank_reasons(unexplained, "Meridian Care Group plc", "Q1")
    assert tendereval.score(unexplained, sensitivity=False).award.unexplained[0] == (
        "CSB",
        "Meridian Care Group plc",
        ("SV1",),
    )
    _blank_reasons(unexplained, "Meridian Care Group plc", "Q1", sheets=(PANEL,))
    award = tendereval.score(unexplained, sensitivity=False).award
    assert award.unexplained == (
        ("CSB", "Meridian Care Group plc", ("Q1", "SV1")),
        ("CSB", "Stour Valley Homecare Ltd", ("SV1",)),
        ("CSB", WEALD, ("SV1",)),
    )
    assert award.blockers == [
        "Lot CSB: 3 tenders have a score with no explanation (Meridian Care Group plc (Q1 and "
        "SV1), Stour Valley Homecare Ltd (SV1) and Weald Carers Trust (SV1))"
        + WHY.format(which="those scores")
    ]


def test_a_tender_that_could_not_be_assessed_is_not_asked_for_explanations(
    tmp_path: Path,
) -> None:
    """Meridian's bid is invalid (a unit rate typed as TBC): its summary gives no scores, and
    the error holds everything back already."""
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )
    _blank_reasons(folder, "Meridian Care Group plc", "SV1")
    award = tendereval.score(folder, sensitivity=False).award
    assert award.not_put_right == (("CSB", "Meridian Care Group plc"),)
    assert award.unexplained == ()
    assert [b for b in award.blockers if "explanation" in b] == []


def test_many_tenders_and_questions_are_named_up_to_five_then_counted(tmp_path: Path) -> None:
    award = tendereval.score(example_copy(tmp_path), sensitivity=False).award
    questions = tuple(f"Q{n}" for n in range(1, 8))
    one = dataclasses.replace(award, unexplained=(("CSB", WEALD, questions),))
    [(_, said)] = one.not_explained()
    assert said.startswith(
        "Weald Carers Trust's scores for Q1, Q2, Q3, Q4, Q5 and 2 other questions have no "
        "explanation: neither"
    )
    seven = dataclasses.replace(
        award, unexplained=tuple(("CSB", f"Supplier {n}", ("SV1",)) for n in range(1, 8))
    )
    [(_, said)] = seven.not_explained()
    assert said.startswith(
        "7 tenders have a score with no explanation (Supplier 1 (SV1), Supplier 2 (SV1), "
        "Supplier 3 (SV1), Supplier 4 (SV1), Supplier 5 (SV1) and 2 others): neither"
    )


def _reasons_typed(folder: Path, supplier: str, question: str, typed: str) -> None:
    """``supplier``'s reason for ``question`` on each evaluator's score sheet as ``typed``, in
    the sheet's XML (a control character as Excel stores it: ``_x0001_``)."""
    import os
    import zipfile

    for name in EVALUATORS:
        path = folder / "scores" / f"{name}.xlsx"
        book = openpyxl.load_workbook(path)
        for row in book["Scores"].iter_rows(min_row=5):
            if row[0].value == supplier and row[2].value == question:
                row[6].value = "PLACEHOLDER-REASON"
        book.save(path)
        patched = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(patched, "w") as new:
            for info in old.infolist():
                data = old.read(info)
                if info.filename.endswith(".xml"):
                    data = data.replace(b"PLACEHOLDER-REASON", typed.encode())
                new.writestr(info, data)
        os.replace(patched, path)


# Reasons that show as nothing: control characters (as Excel stores them), a zero-width
# space, a direction override, a word joiner beside a no-break space, an ideographic space.
SHOWING_NOTHING = ["_x0001_", "_x001B_", "\u200b", "\u202e", "\u00a0\u2060", "\u3000\u200b"]


@pytest.mark.parametrize("typed", SHOWING_NOTHING)
def test_a_reason_that_shows_nothing_explains_nothing(tmp_path: Path, typed: str) -> None:
    """Found by a red team: reasons of '\\x01', '\\u200b' and '\\x1b' gave no score.no_reason
    warning and summaries 'ready' to send with blank explanations (a reason of a no-break
    space alone was already caught). Every command reads such a reason as none."""
    folder = example_copy(tmp_path)
    _reasons_typed(folder, WEALD, "SV1", typed)
    result = tendereval.score(folder, sensitivity=False)
    warned = [p for p in result.problems if p.code == "score.no_reason"]
    assert len(warned) == 3, [p.found for p in result.problems]
    assert all(p.found.endswith("which shows nothing") for p in warned)
    assert result.award.unexplained == (("CSB", WEALD, ("SV1",)),)
    assert not result.award.summaries_ready
    sent = tendereval.summaries(result, tmp_path / "summaries")
    assert not sent.ready


def test_a_reason_that_shows_nothing_in_a_frame_explains_nothing(tmp_path: Path) -> None:
    """The same in a scores frame handed in (no reader to warn): the award reads the
    explanation as none, and the consensus reason of a frame likewise."""
    import polars as pl

    from tendereval.tender import FRAME_NAMES

    tender = tendereval.load_tender(example_copy(tmp_path))
    frames = {name: getattr(tender, name) for name in FRAME_NAMES}
    sv1 = (pl.col("supplier") == WEALD) & (pl.col("question") == "SV1")
    frames["scores"] = tender.scores.with_columns(
        reason=pl.when(sv1).then(pl.lit("\u200b\x01")).otherwise("reason")
    )
    result = tendereval.score(
        tendereval.Tender.from_frames(tender.plan, **frames), sensitivity=False
    )
    assert result.award.unexplained == (("CSB", WEALD, ("SV1",)),)


def test_a_recorded_reason_that_shows_nothing_is_no_reason(tmp_path: Path) -> None:
    """A decision in decisions.toml needs a reason: one of a zero-width space is none."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        '[[rejection]]\nsupplier = "Meridian Care Group plc"\nreason = "\\u200b"\n'
        "decided_on = 2026-03-01\n",
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert any(
        p.is_error and p.where.endswith("reason") and "required" in p.message
        for p in result.problems
    ), [(p.where, p.message) for p in result.problems]


def test_a_consensus_reason_that_shows_nothing_is_no_reason(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Moderation"].iter_rows(min_row=5):
        if row[0].value == WEALD and row[2].value == "Q3":
            row[4].value = "\u200b\u2060"
    book.save(path)
    result = tendereval.score(folder, sensitivity=False)
    [problem] = [p for p in result.problems if p.code == "moderation.no_reason"]
    assert problem.found == "'\\u200b\\u2060', which shows nothing"
