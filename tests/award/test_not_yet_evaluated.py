"""A tender that arrived after the score sheets were made has no scores: it came out
"invalid" (no usable score for every question) and the lot was awarded to the tender ranked
first, with no word that one tender had never been evaluated; the summaries were ready to
send and the award ready to publish. It could have won. Now the award decision holds every
output back (score says so under the lot, the report's Summary sheet, summaries, publish and
allocate) until the tender is scored or the panel records a consensus.

Acted out on a copy of the carers example: a seventh bid, copied from Weald Carers Trust's
with its own name and company number, put in bids/ after the five score sheets went out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import EXAMPLES, in_house_as_public_body

LATE = "Late Arrival Care Ltd"
WHY = (
    "the evaluation is not complete: Late Arrival Care Ltd's tender has no usable score for "
    "Q1, Q2, Q3 and SV1 (no evaluator's score counted and no consensus), so it is not ranked; "
    "its evaluators score it, or the panel records a consensus, and the tender is scored again"
)


@pytest.fixture
def late(tmp_path: Path) -> Path:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    book = openpyxl.load_workbook(folder / "bids" / "weald-carers-trust.xlsx")
    sheet = book["Organisation"]
    sheet["B4"], sheet["B6"], sheet["B7"] = LATE, "99999999", None
    sheet["B16"] = "PLTA-9999-CARE"  # its own PPON: one copied is one organisation
    book.save(folder / "bids" / "late-arrival-care-ltd.xlsx")
    return folder


def test_the_award_is_held_back_while_a_tender_is_not_evaluated(late: Path) -> None:
    result = tendereval.score(late, sensitivity=False)
    award = result.award
    assert award.unscored == (("CSB", LATE, ("Q1", "Q2", "Q3", "SV1")),)
    assert award.blockers == [f"Lot CSB: {WHY}"]
    assert not award.summaries_ready
    # The ranking is as it was: the late tender is listed, not ranked, with its reasons.
    assert award.winner("CSB") == "Weald Carers Trust"
    assert award.to_dict()["unscored"] == [
        {"lot": "CSB", "supplier": LATE, "questions": ["Q1", "Q2", "Q3", "SV1"]}
    ]


def test_every_command_says_so(late: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    scored = runner.invoke(cli, ["score", str(late), "-o", str(tmp_path / "report.xlsx")])
    assert f"  ! {WHY[:1].upper()}{WHY[1:]}." in scored.output
    summary = openpyxl.load_workbook(tmp_path / "report.xlsx")["Summary"]
    texts = [c for row in summary.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(WHY in text for text in texts)
    assert any(text.startswith("The evaluation is not complete in lot CSB") for text in texts)
    # The lot's award, as the Summary sheet and the public report state it.
    assert "Weald Carers Trust, not yet: the evaluation of another tender is not complete" in (
        texts
    )
    for argv in (["summaries", str(late)], ["allocate", str(late)]):
        done = runner.invoke(cli, argv)
        assert done.exit_code == 1, argv
        assert WHY in " ".join(done.output.split()), argv
    published = runner.invoke(cli, ["publish", str(late), "--ocid-prefix", "ocds-abc123"])
    assert published.exit_code == 1
    assert "Nothing was written" in published.output
    assert not list((late / "reports").glob("*ocds*"))


def test_a_consensus_for_each_question_completes_the_evaluation(late: Path) -> None:
    book = openpyxl.load_workbook(late / "scores" / "moderation.xlsx")
    sheet = book["Moderation"]
    for question in ("Q1", "Q2", "Q3", "SV1"):
        sheet.append([LATE, "CSB", question, 3, "Agreed by the panel on 9 March", "The panel"])
    book.save(late / "scores" / "moderation.xlsx")
    result = tendereval.score(late, sensitivity=False)
    assert result.award.unscored == ()
    assert result.award.blockers == []
    ranked = result.results.filter(result.results["supplier"] == LATE)
    assert ranked.get_column("status").to_list() == ["ranked"]


def test_a_tender_invalid_for_an_input_error_is_held_back_by_that_error_alone(
    late: Path,
) -> None:
    """Its evaluators may rightly not score a tender whose file is in error; the error's own
    blocker holds the award back, and no second blocker says the evaluation is incomplete."""
    book = openpyxl.load_workbook(late / "bids" / "late-arrival-care-ltd.xlsx")
    book["Prices"]["G5"] = "TBC"
    book.save(late / "bids" / "late-arrival-care-ltd.xlsx")
    award = tendereval.score(late, sensitivity=False).award
    assert award.unscored == ()
    assert any(b.startswith("The inputs have 1 error") for b in award.blockers)


def test_a_tender_scored_before_any_score_sheet_is_in_says_so_once_a_lot(tmp_path: Path) -> None:
    """Six tenders with no scores at all: one sentence for the lot (a thousand tenders were a
    thousand blockers), naming five and counting the rest; each is in ``unscored``. (The
    in-house team a public body, a sixth tender: as the comparator it holds back no award.)"""
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    in_house_as_public_body(folder)
    for sheet in (folder / "scores").glob("*.xlsx"):
        sheet.unlink()
    award = tendereval.score(folder, sensitivity=False).award
    assert len(award.unscored) == 6
    assert award.blockers == [
        "Lot CSB: the evaluation is not complete: 6 tenders have no usable score for a question "
        "(Brightwater Care Services Ltd, Example County Council Short Breaks Service, Hop Garden "
        "Respite CIC, Meridian Care Group plc, Stour Valley Homecare Ltd and 1 other) (no "
        "evaluator's score counted and no consensus), so they are not ranked; their evaluators "
        "score them, or the panel records a consensus, and the tender is scored again"
    ]


def test_the_score_sheet_says_which_bids_it_lists(tmp_path: Path) -> None:
    """The cause of a late bid left unscored: a score sheet lists the bids in when it is made."""
    made = tendereval.template(
        "score-sheet", EXAMPLES / "carers-short-breaks", tmp_path / "sheet.xlsx"
    )
    assert made.bids_listed == 6
    said = CliRunner().invoke(
        cli,
        ["template", "score-sheet", "--tender", str(EXAMPLES / "carers-short-breaks"), "-o",
         str(tmp_path / "again.xlsx")],
    ).output  # fmt: skip
    assert "It lists the 6 bids in bids/ now, a row for each question: a bid that arrives " in (
        said
    )


@pytest.mark.parametrize(
    "record",
    [
        'reason = "Received after the deadline of 12:00 on 2 March (ITT 3.4)"',
        'ground = "excluded_supplier"\nreason = "On the debarment list"',
    ],
    ids=["late, rejected", "excluded, disregarded"],
)
def test_a_tender_the_buyer_rejects_or_disregards_unscored_is_not_waited_for(
    late: Path, record: str
) -> None:
    """A bid that came in after the deadline is rejected, and an excluded supplier's tender is
    disregarded, without being evaluated. Recorded so, it still held every output back: "the
    evaluation is not complete …; its evaluators score it", for a tender never to be scored."""
    (late / "decisions.toml").write_text(
        f'[[rejection]]\nsupplier = "{LATE}"\n{record}\ndecided_on = 2026-03-03\n',
        encoding="utf-8",
    )
    result = tendereval.score(late, sensitivity=False)
    award = result.award
    assert award.unscored == () and award.blockers == []
    # Nor is any evaluator told they gave it no score.
    assert not [p for p in result.problems if p.code == "scores.incomplete"]
    assert award.winner("CSB") == "Weald Carers Trust"
    assert award.rejection_of(LATE, "CSB") is not None
    # Still invalid (it has no scores); disregarded, its reasons give the ground, once.
    (row,) = result.results.filter(pl.col("supplier") == LATE).iter_rows(named=True)
    assert row["status"] == "invalid"
    ground = (
        "disregarded by the contracting authority on 2026-03-03 because the supplier is an "
        "excluded supplier: On the debarment list"
    )
    assert (ground in row["reasons"]) == ("ground" in record)
    out = CliRunner().invoke(cli, ["score", str(late), "--no-report", "--no-sensitivity"])
    said = "rejected by the contracting authority on 2026-03-03 (rejection[0])"
    assert (said in out.output) == ("ground" not in record)
