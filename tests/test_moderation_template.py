"""The moderation workbook made once the evaluators have scored shows the panel what it
moderates from: each row's evaluators' scores, and the rows whose scores are far apart.

Before, it listed 292 blank rows for the homecare example and 24 for the carers example,
and the panel found the rows it had to moderate in the report's Flags sheet; the carers
example's chair typed the scores into the reason ("Scores were 4, 1 and 4").
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from polars.testing import assert_frame_equal

import tendereval
from tendereval import layout
from tendereval.cli import cli
from tests.example_copies import example_with

EXAMPLE = Path(__file__).parent.parent / "examples" / "carers-short-breaks"
SCORES_SHOWN = "Evaluators' scores (when this sheet was made)"
FAR_APART = "Scores far apart: to moderate"


def _rows(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path)[layout.MODERATION_SHEET]
    header = [cell.value for cell in sheet[layout.TABLE_HEADER_ROW]]
    return [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=layout.TABLE_HEADER_ROW + 1, values_only=True)
        if row[0] is not None
    ]


def _tender_without_moderation(tmp_path: Path) -> Path:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLE, folder)
    (folder / "scores" / "moderation.xlsx").unlink()
    return folder


def test_the_panel_sees_each_rows_scores_and_the_rows_to_moderate(tmp_path: Path) -> None:
    folder = _tender_without_moderation(tmp_path)
    made = tendereval.template("moderation", folder, tmp_path / "moderation.xlsx")
    assert made.scores_shown and made.to_moderate == 1
    rows = _rows(made.path)
    assert len(rows) == 6 * 4  # six bids, four questions
    hop = next(
        r for r in rows if r["Supplier"] == "Hop Garden Respite CIC" and r["Question"] == "Q1"
    )
    # The example's scores, as the evaluators' sheets give them (in the result's order).
    # The service-user panel's score is its own share of Q1 (25%), kept beside a consensus.
    assert hop[SCORES_SHOWN] == (
        "Carers' Reference Group panel 4 (the group's own 25%: not moderated); Helen Marsh 4; "
        "Priya Shah 4; Tom Okafor 1"
    )
    # The officers' 4 − 1 = 3 points apart, more than 40% of the 0–5 scale (2): moderate it.
    assert hop[FAR_APART] == "yes: from 1 to 4, more than 40% of the 0–5 scale"
    assert [r for r in rows if r[FAR_APART]] == [hop]
    # A question the panel group does not score lists the staff evaluators alone.
    hop_q2 = next(
        r for r in rows if r["Supplier"] == "Hop Garden Respite CIC" and r["Question"] == "Q2"
    )
    assert hop_q2[SCORES_SHOWN] == "Helen Marsh 3; Priya Shah 3; Tom Okafor 3"
    # The panel types only the consensus: those cells, and no others, are open to it.
    sheet = load_workbook(made.path)[layout.MODERATION_SHEET]
    first = layout.TABLE_HEADER_ROW + 1
    assert [sheet.cell(first, c).protection.locked for c in range(1, 9)] == [
        True, True, True, False, False, False, True, True,
    ]  # fmt: skip


def test_the_workbook_filled_in_gives_the_examples_own_result(tmp_path: Path) -> None:
    """The columns shown for the panel are never read back: the workbook filled in with the
    example's consensus gives exactly the example's result, with no problem of its own."""
    folder = _tender_without_moderation(tmp_path)
    path = tendereval.template("moderation", folder, tmp_path / "moderation.xlsx").path
    agreed = {
        row[:3]: row[3:6]
        for row in load_workbook(EXAMPLE / "scores" / "moderation.xlsx")[
            layout.MODERATION_SHEET
        ].iter_rows(min_row=layout.TABLE_HEADER_ROW + 1, values_only=True)
        if row[3] is not None
    }
    assert len(agreed) > 1  # the example's panel agreed more than the one far-apart row
    book = load_workbook(path)
    sheet = book[layout.MODERATION_SHEET]
    for row in sheet.iter_rows(min_row=layout.TABLE_HEADER_ROW + 1):
        for cell, value in zip(
            row[3:6], agreed.get(tuple(c.value for c in row[:3]), ()), strict=False
        ):
            cell.value = value
    book.save(folder / "scores" / "moderation.xlsx")
    ours = tendereval.score(folder, sensitivity=False)
    example = tendereval.score(EXAMPLE, sensitivity=False)
    assert [str(p) for p in ours.problems] == [str(p) for p in example.problems]
    assert_frame_equal(ours.results, example.results)
    # The same consensus scores, each read from its own row of this workbook (the template
    # lists the rows in its own order): the same file, another cell.
    assert_frame_equal(ours.moderation.drop("cell"), example.moderation.drop("cell"))


def test_before_any_score_is_in_the_workbook_is_as_it_was(tmp_path: Path) -> None:
    folder = _tender_without_moderation(tmp_path)
    for sheet in (folder / "scores").iterdir():
        sheet.unlink()
    made = tendereval.template("moderation", folder, tmp_path / "moderation.xlsx")
    assert not made.scores_shown
    header = [c.value for c in load_workbook(made.path)[layout.MODERATION_SHEET][4]]
    assert header == [c.header for c in layout.MODERATION_COLUMNS if c.read]


def test_the_command_says_how_many_rows_to_moderate(tmp_path: Path) -> None:
    folder = _tender_without_moderation(tmp_path)
    result = CliRunner().invoke(
        cli, ["template", "moderation", "--tender", str(folder), "-o", str(tmp_path / "m.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "It shows each row's evaluators' scores as they are now, and marks 'yes' the 1 row "
        "whose scores are far apart: each needs a consensus score and the reason the panel "
        "agreed." in " ".join(result.output.split())
    )


def test_a_consensus_already_recorded_is_said(tmp_path: Path) -> None:
    made = tendereval.template("moderation", EXAMPLE, tmp_path / "again.xlsx")
    (hop,) = [r for r in _rows(made.path) if r[FAR_APART]]
    assert hop[FAR_APART].endswith("; a consensus score of 3 is already recorded")
    # Marked, but not waiting for the panel: its consensus is in.
    assert (made.to_moderate, made.moderated) == (0, 1)


def test_rows_with_a_consensus_already_are_not_counted_as_needing_one(tmp_path: Path) -> None:
    """Found by the red team: the command said it marked 'yes' the 15 rows far apart, "each
    needs a consensus score", where 3 had one already (the rows said so) and score counted
    12. Here Tom Okafor's Hop Garden Q2 is 0 (Helen Marsh and Priya Shah gave 3): 3 points
    apart, more than 40% of the 0-5 scale, with no consensus; Hop Garden Q1 (4, 4, 1) is far
    apart too, with the example's consensus of 3. Two rows marked: one to moderate, one
    moderated already."""
    folder = example_with(
        tmp_path, "carers-short-breaks", "scores/tom-okafor.xlsx", "Scores!F10", 0
    )
    made = tendereval.template("moderation", folder, tmp_path / "m.xlsx")
    assert (made.to_moderate, made.moderated) == (1, 1)
    marked = {r["Question"]: r[FAR_APART] for r in _rows(made.path) if r[FAR_APART]}
    assert marked == {
        "Q1": "yes: from 1 to 4, more than 40% of the 0–5 scale; a consensus score of 3 is "
        "already recorded",
        "Q2": "yes: from 0 to 3, more than 40% of the 0–5 scale",
    }
    title = load_workbook(made.path)[layout.MODERATION_SHEET]["A3"].value
    assert title.endswith(
        "Marked 'yes' in the last column, where the evaluators' scores are far apart: 1 row to "
        "moderate and 1 row with a consensus score already."
    )
    said = CliRunner().invoke(
        cli, ["template", "moderation", "--tender", str(folder), "-o", str(tmp_path / "c.xlsx")]
    )
    assert (
        "and marks 'yes' the 2 rows whose scores are far apart: 1 row needs a consensus score "
        "and the reason the panel agreed, and 1 row has one already (the row says so)."
        in " ".join(said.output.split())
    )
    # The one score counts as waiting for a consensus.
    scored = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "0"])
    assert "with no consensus yet, on 1 question: Hop Garden Respite CIC, lot CSB, Q2." in (
        " ".join(scored.output.split())
    )


def test_hop_gardens_summary_gives_the_panels_share_beside_the_consensus(tmp_path: Path) -> None:
    """What the bidder reads: Q1 scored 3.25 (the officers' agreed 3 at 75%, the service-user
    panel's 4 at 25%), explained by the consensus reason and then the panel's, under award
    criteria that say a consensus takes the other evaluators' place."""
    # (A copy: summaries notes in the tender's reports/ where it wrote them.)
    tender = shutil.copytree(EXAMPLE, tmp_path / "tender", ignore=shutil.ignore_patterns("reports"))
    written = tendereval.summaries(tender, tmp_path / "summaries")
    (hop,) = [p for p in written.paths if "hop-garden" in p.name]
    book = load_workbook(hop)
    rows = [r for r in book["Lot CSB"].iter_rows(values_only=True) if r[0] == "Q1"]
    own = rows[0]  # its own tender first, then the most advantageous tender's
    assert own[2] == "3.25"  # as the summary writes a score on its scale
    assert own[5].startswith("Scores were 4, 1 and 4.")
    assert own[5].endswith(
        "Agreed 3: a workable model with an uncommitted urgent route. Panel members liked "
        "being able to book online or through someone they know."
    )
    criteria = " ".join(
        str(v) for r in book["Award criteria"].iter_rows(values_only=True) for v in r if v
    )
    assert (
        "the agreed score takes the place of the other evaluators' scores, and a group's keep "
        "their share beside it" in criteria
    )


def test_score_points_to_the_moderation_workbook_while_a_consensus_is_wanting(
    tmp_path: Path,
) -> None:
    folder = _tender_without_moderation(tmp_path)
    result = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "0"])
    text = " ".join(result.output.split())
    assert (
        "Evaluators' scores are far apart, with no consensus yet, on 1 question: Hop Garden "
        "Respite CIC, lot CSB, Q1. The moderation workbook lists every bid's questions with the "
        "evaluators' scores, and marks these: tendereval template moderation --tender "
        f"{folder} -o moderation.xlsx" in text
    )
    # Once the panel has agreed its consensus, nothing more is said.
    done = CliRunner().invoke(cli, ["score", str(EXAMPLE), "--no-report", "--samples", "0"])
    assert "no consensus yet" not in done.output


def test_a_withdrawn_tenders_rows_are_neither_listed_nor_counted(tmp_path: Path) -> None:
    folder = _tender_without_moderation(tmp_path)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Hop Garden Respite CIC"\nwithdrawn_on = 2026-03-04\n'
        'recorded_by = "Procurement Officer"\nnote = "Email, 4 March 2026"\n',
        encoding="utf-8",
    )
    made = tendereval.template("moderation", folder, tmp_path / "moderation.xlsx")
    assert made.scores_shown and made.to_moderate == 0
    assert not [r for r in _rows(made.path) if r["Supplier"] == "Hop Garden Respite CIC"]
    result = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--samples", "0"])
    assert "no consensus yet" not in result.output


def test_the_command_says_when_no_row_needs_moderating(tmp_path: Path) -> None:
    homecare = EXAMPLE.parent / "homecare-districts"
    result = CliRunner().invoke(
        cli, ["template", "moderation", "--tender", str(homecare), "-o", str(tmp_path / "m.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "It shows each row's evaluators' scores as they are now; none are far enough apart to "
        "need moderating." in " ".join(result.output.split())
    )
