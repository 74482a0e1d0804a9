"""The buyer's own in-house team is a comparator, not a tender.

The carers example's council in-house team sends a bid return (Organisation › Type of
organisation "in-house team") so that the committee sees the market beside its own cost. Before,
it was ranked as a tender: with its rates lowered to £10, £50 and £30 it was the lowest price,
moved every tender's price score (Weald's 28.14 to 12.42) and was proposed for award, told its
tender was the most advantageous, and published as the supplier the council awarded its own
contract to; and in the unchanged example the award notice counted it among the 6 bids received
for 5 suppliers' tenders. A contracting authority cannot award a contract to itself
(Procurement Act 2023 s.19 awards to a supplier). Now its status is ``comparator``: scored on the
same criteria, never in the pool the relative formulas read, never ranked nor awarded, given no
assessment summary, and no bid in the OCDS release.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.ocds.publish import publish
from tests.example_copies import IN_HOUSE_RETURN, example_copy, in_house_as_public_body

IN_HOUSE = "Example County Council Short Breaks Service"
TENDERS = [
    "Weald Carers Trust",
    "Brightwater Care Services Ltd",
    "Meridian Care Group plc",
    "Hop Garden Respite CIC",
]
STOUR = "Stour Valley Homecare Ltd"
# The evaluated prices (3 years, 2% a year uplift: 1 + 1.02 + 1.0404 = 3.0604 times a year's).
MERIDIAN_PRICE = 2_273_877.20  # the tenders' lowest
WEALD_PRICE = 3_231_866.75
IN_HOUSE_PRICE = 3_383_578.24
# The in-house rates lowered to £10, £50 and £30 (the red team's repro):
# (18,000 × 10 + 1,400 × 50 + 2,600 × 30) × 3.0604 = 328,000 × 3.0604.
LOW_IN_HOUSE_PRICE = 1_003_811.20
STANDSTILL = (
    "[standstill]\nsummaries_sent_on = 2026-12-01\nstarts_on = 2026-12-06\nends_on = 2026-12-17\n"
)


def _low_in_house(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    path = folder / IN_HOUSE_RETURN
    book = openpyxl.load_workbook(path)
    for row in book["Prices"].iter_rows():
        for cell in row:
            cell.value = {28.9: 10, 225: 50, 104: 30}.get(cell.value, cell.value)
    book.save(path)
    (folder / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    return folder


def _row(result: tendereval.ScoreResult, supplier: str) -> dict:
    return result.results.filter(pl.col("supplier") == supplier).row(0, named=True)


@pytest.fixture(scope="module")
def example() -> tendereval.ScoreResult:
    return tendereval.score(Path(__file__).parents[2] / "examples/carers-short-breaks")


def test_the_example_in_house_team_is_the_comparator_and_the_tenders_are_ranked_without_it(
    example,
) -> None:
    comparator = _row(example, IN_HOUSE)
    assert comparator["status"] == "comparator"
    assert comparator["rank"] is None and comparator["margin_to_next"] is None
    # Its price scored against the tenders' lowest, Meridian's: 40 × 2,273,877.20 / 3,383,578.24.
    assert comparator["price_score"] == pytest.approx(40 * MERIDIAN_PRICE / IN_HOUSE_PRICE)
    assert round(comparator["price_score"], 4) == 26.8813
    # Its total, 62.7238, is below all four ranked tenders' (the lowest, Hop Garden's, 71.4228).
    assert comparator["reasons"][0] == (
        "the buyer's own in-house team (a comparator, not a tender): it is scored on the same "
        "criteria, against the tenders' own lowest price and best social value, and sets "
        "neither; it is not ranked or awarded; had it been a tender its total would have "
        "ranked 5th (4 of the 4 ranked tenders score more)"
    )
    ranked = example.results.filter(pl.col("status") == "ranked")
    assert ranked.get_column("supplier").to_list() == TENDERS
    assert ranked.get_column("rank").to_list() == [1, 2, 3, 4]
    # The tenders' scores are as before: the comparator neither had the lowest price nor the
    # best social value offer, so it set no reference. Weald: 40 × 2,273,877.20 / 3,231,866.75.
    weald = _row(example, "Weald Carers Trust")
    assert round(weald["price_score"], 4) == round(40 * MERIDIAN_PRICE / WEALD_PRICE, 4) == 28.1432
    assert round(weald["total"], 4) == 76.1227
    assert example.award.winner("CSB") == "Weald Carers Trust"
    # The median the abnormally low test reads is the tenders' (four compliant prices):
    # (3,037,118.34 + 3,126,065.25) / 2 = 3,081,591.795; before it took in the in-house
    # price as a fifth, and was Hop Garden's 3,126,065.25.
    median = example.flags.filter(
        (pl.col("code") == "abnormally_low.median")
        & (pl.col("supplier") == "Meridian Care Group plc")
    )
    assert "(£3,081,591.795)" in median.get_column("message").item()
    # Nothing the award makes is said of it: no close call, no rank reversal, no win chance.
    assert example.flags.filter(pl.col("supplier") == IN_HOUSE).is_empty()
    assert example.win_probability.filter(pl.col("supplier") == IN_HOUSE).is_empty()


def test_a_public_body_may_tender_and_is_ranked(tmp_path: Path) -> None:
    """A council-owned company ("public body") may lawfully bid: only an in-house team is the
    comparator."""
    folder = in_house_as_public_body(example_copy(tmp_path))
    result = tendereval.score(folder, sensitivity=False)
    assert _row(result, IN_HOUSE)["status"] == "ranked"
    assert _row(result, IN_HOUSE)["rank"] == 5


def test_a_low_in_house_cost_is_not_awarded_and_moves_no_tender(tmp_path: Path) -> None:
    folder = _low_in_house(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    comparator = _row(result, IN_HOUSE)
    assert comparator["evaluated_price"] == pytest.approx(LOW_IN_HOUSE_PRICE)
    # Cheaper than every tender, it scores the full 40 price points (as if it alone had joined
    # the tenders), and would have been first: 40 + 25.8667 quality points + its social value.
    assert comparator["status"] == "comparator"
    assert comparator["price_score"] == pytest.approx(40.0)
    ahead = sum(
        round(_row(result, name)["total"], 4) > round(comparator["total"], 4) for name in TENDERS
    )
    assert comparator["reasons"][0].endswith(
        f"would have ranked {ahead + 1}{'st' if ahead == 0 else 'nd'} ({ahead} of the 4 ranked "
        "tenders score more)"
    )
    # Every tender's price score is worked out against the tenders' lowest, Meridian's, as in
    # the unchanged example (before: against the in-house £1,003,811.20, Weald's 12.42).
    weald = _row(result, "Weald Carers Trust")
    assert round(weald["price_score"], 2) == 28.14
    assert round(40 * LOW_IN_HOUSE_PRICE / WEALD_PRICE, 2) == 12.42  # what it was
    assert result.award.winner("CSB") == "Weald Carers Trust"


def test_every_output_agrees_the_comparator_is_no_tender(tmp_path: Path) -> None:
    """score, summaries, publish and allocate, on the in-house team that would have won."""
    folder = _low_in_house(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.lots["CSB"].supplier == "Weald Carers Trust"

    done = tendereval.summaries(result, tmp_path / "summaries")
    assert done.comparators == [IN_HOUSE]
    assert done.withdrawn == []
    assert len(done.paths) == 5  # four ranked tenders and Stour Valley's, disqualified
    assert not [p for p in done.paths if "example-county" in p.name.lower()]
    assert any("No summary for the in-house comparator" in line for line in done.lines())

    published = publish(
        result,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 12, 18, 9, tzinfo=dt.UTC),
        internal=True,
    )
    assert published.written, published.blockers
    release = json.loads(published.path.read_text(encoding="utf-8"))["releases"][0]
    assert release["awards"][0]["suppliers"][0]["name"] == "Weald Carers Trust"
    stats = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    assert (stats["bids"], stats["validBids"], stats["finalStageBids"]) == (5, 4, 5)
    assert IN_HOUSE not in json.dumps(release)  # no bid, no party

    allocated = tendereval.allocate(folder)
    assert allocated.award is not None and allocated.award.winner("CSB") == "Weald Carers Trust"
    assert IN_HOUSE not in allocated.allocation.awarded.get_column("supplier").to_list()
    assert allocated.allocation.awarded.get_column("supplier").to_list() == ["Weald Carers Trust"]


def test_the_writers_show_the_comparator_marked_and_count_only_the_tenders(
    example, tmp_path: Path
) -> None:
    from tendereval.report.excel import write_report
    from tendereval.scoring.output import csv_text, render, to_json

    text = render(example)
    assert "5 bids (4 ranked, 1 disqualified) and the in-house comparator" in text
    line = next(x for x in text.splitlines() if IN_HOUSE in x)
    assert line.split()[0] == "-" and "comparator" in line  # no rank
    ranking = to_json(example)["lots"][0]["ranking"]
    (mine,) = [r for r in ranking if r["supplier"] == IN_HOUSE]
    assert (mine["status"], mine["rank"], round(mine["total"], 4)) == ("comparator", None, 62.7238)
    assert f"CSB,{IN_HOUSE},comparator," in csv_text(example)

    internal = openpyxl.load_workbook(write_report(example, tmp_path / "report.xlsx"))
    summary = [list(r) for r in internal["Summary"].iter_rows(values_only=True)]
    header = next(r for r in summary if r and r[0] == "Lot")
    csb = next(r for r in summary if r and r[0] == "CSB")
    assert csb[header.index("Valid bids")] == 4
    ranking = [list(r) for r in internal["Ranking"].iter_rows(values_only=True)]
    assert any(r[1] == IN_HOUSE and r[2] == "comparator" for r in ranking if len(r) > 2)

    public = openpyxl.load_workbook(write_report(example, tmp_path / "public.xlsx", public=True))
    scores = [list(r) for r in public["Scores"].iter_rows(values_only=True)]
    bidders = [r[1] for r in scores if r and r[0] == "CSB"]
    # The tenders numbered 2 to 5 after the winner; the comparator named as what it is.
    assert bidders == [
        "Weald Carers Trust",
        "Bidder 2",
        "Bidder 3",
        "Bidder 4",
        "In-house comparator",
        "Bidder 5",
    ]
    row = next(r for r in scores if r and r[1] == "In-house comparator")
    assert row[2] == "comparator (not a tender)"


def test_an_in_house_return_that_cannot_be_scored_is_still_the_comparator(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / IN_HOUSE_RETURN)
    book["Prices"]["G5"] = None  # the sitting-hours rate left blank
    book.save(folder / IN_HOUSE_RETURN)
    result = tendereval.score(folder, sensitivity=False)
    comparator = _row(result, IN_HOUSE)
    assert (comparator["status"], comparator["total"]) == ("comparator", None)
    assert comparator["reasons"][0] == (
        "the buyer's own in-house team (a comparator, not a tender): it could not be scored"
    )
    assert "Prices › G5" in comparator["reasons"][1]
    assert result.award.winner("CSB") == "Weald Carers Trust"
    # Not one of the bids received, nor one that could not be assessed.
    assert tendereval.summaries(result, tmp_path / "summaries").not_assessed == []


def _in_house_rate_left_blank(tmp_path: Path) -> Path:
    """The carers example with the in-house team's sitting-hours rate left blank (an error in
    the comparator's own return) and the standstill recorded, ready to publish."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / IN_HOUSE_RETURN)
    book["Prices"]["G5"] = None
    book.save(folder / IN_HOUSE_RETURN)
    (folder / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    return folder


COMPARATOR_ERROR = (
    f"the in-house comparator, {IN_HOUSE}, has 1 error in {IN_HOUSE_RETURN} not yet put right; "
    "the award does not wait on it, as the comparator is the buyer's own team, never ranked or "
    "awarded, and sets no tender's score, but its scores are not complete until it is put "
    "right and the folder is scored again"
)


def test_an_error_in_the_comparators_own_return_holds_nothing_back(tmp_path: Path) -> None:
    """Putting the in-house team's blank rate right cannot change the award (it is never
    ranked, and sets no tender's score). Before, the award was 'not to be made yet: the inputs
    have 1 error', the summaries were not to be sent and publish wrote nothing."""
    from click.testing import CliRunner

    from tendereval.cli import cli

    folder = _in_house_rate_left_blank(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    award = result.award
    [error] = [p for p in result.problems if p.is_error]  # still an error in the inputs
    assert (error.file, error.cell, error.code) == (IN_HOUSE_RETURN, "G5", "cell.blank")
    assert award.held_back is None and award.blockers == [] and award.summaries_ready
    assert (award.input_errors, award.input_error_files) == (0, ())
    assert award.comparator_errors == (("CSB", IN_HOUSE, ((IN_HOUSE_RETURN, 1),)),)
    assert award.comparator_not_put_right("CSB") == [("CSB", COMPARATOR_ERROR)]
    assert award.waiting() == [] and award.caveats() == [f"Lot CSB: {COMPARATOR_ERROR}."]
    assert award.to_dict()["comparator_errors"] == [
        {"lot": "CSB", "supplier": IN_HOUSE, "files": {IN_HOUSE_RETURN: 1}}
    ]

    # score: the award stands, the comparator's error named as its; still exit 1, as for any
    # error in the inputs (README: exit codes), with the error listed under its file.
    scored = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert scored.exit_code == 1, scored.output
    lines = scored.output.splitlines()
    at = lines.index(
        "  Proposed award: Weald Carers Trust (the most advantageous tender: ranked first)."
    )
    assert lines[at + 1] == f"  ! {COMPARATOR_ERROR[:1].upper()}{COMPARATOR_ERROR[1:]}."
    assert "not to be made" not in scored.output
    assert f"{IN_HOUSE_RETURN} — 1 error" in scored.output

    # summaries: ready to send, the comparator's error said beside its missing summary.
    done = tendereval.summaries(result, tmp_path / "summaries")
    assert done.ready and len(done.paths) == 5
    assert f"Lot CSB: {COMPARATOR_ERROR}." in done.lines()
    sent = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "cli")])
    assert sent.exit_code == 0, sent.output
    assert "NOT TO BE SENT" not in sent.output and "not ready" not in sent.output

    # publish: written, with Weald awarded and the comparator nowhere in it.
    published = publish(
        result,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 12, 18, 9, tzinfo=dt.UTC),
    )
    assert published.written and published.blockers == []
    release = json.loads(published.path.read_text(encoding="utf-8"))["releases"][0]
    assert release["awards"][0]["suppliers"][0]["name"] == "Weald Carers Trust"
    assert IN_HOUSE not in json.dumps(release)
    out = tmp_path / "cli-award.json"
    cli_published = CliRunner().invoke(
        cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123", "-o", str(out)]
    )
    assert cli_published.exit_code == 0, cli_published.output
    assert out.exists()


def test_a_tenders_error_still_holds_the_award_beside_the_comparators(tmp_path: Path) -> None:
    """Only the comparator's own errors are set apart: Weald's blank rate beside it still holds
    the award back (Weald could win once it is put right), counted alone."""
    folder = _in_house_rate_left_blank(tmp_path)
    weald = folder / "bids/weald-carers-trust.xlsx"
    book = openpyxl.load_workbook(weald)
    book["Prices"]["G5"] = None
    book.save(weald)
    award = tendereval.score(folder, sensitivity=False).award
    assert award.input_errors == 1
    assert award.input_error_files == (("bids/weald-carers-trust.xlsx", 1),)
    assert award.not_put_right == (("CSB", "Weald Carers Trust"),)
    assert award.held_back is not None and not award.summaries_ready
    assert award.comparator_errors == (("CSB", IN_HOUSE, ((IN_HOUSE_RETURN, 1),)),)


def test_a_comparators_error_in_a_frame_holds_nothing_back() -> None:
    """From frames the error names the frame and the supplier, not the return: the same."""
    tender = tendereval.load_tender(Path(__file__).parents[2] / "examples/carers-short-breaks")
    frames = {name: getattr(tender, name) for name in tendereval.tender.FRAME_NAMES}
    day = (pl.col("supplier") == IN_HOUSE) & (pl.col("item") == "day_sessions")
    frames["prices"] = frames["prices"].with_columns(
        pl.when(day).then(None).otherwise("unit_rate").alias("unit_rate")
    )
    del frames["inputs"]
    result = tendereval.score(
        # (The plan copied in Python: frames around the plan file's own are held as changed.)
        tendereval.Tender.from_frames(dataclasses.replace(tender.plan), **frames),
        sensitivity=False,
    )
    [error] = [p for p in result.problems if p.is_error]
    assert (error.file, error.supplier) == ("prices frame", IN_HOUSE)
    assert result.award.held_back is None and result.award.summaries_ready
    assert result.award.comparator_errors == (("CSB", IN_HOUSE, (("prices frame", 1),)),)


COMPARATOR_DECISION = (
    "the decision for lot CSB awards it to the buyer's own in-house team, whose return is the "
    "comparator, not a tender: a contracting authority cannot award a contract to itself, so "
    "the decision was not applied"
)


def test_a_decision_awarding_the_lot_to_the_comparator_is_an_error_of_its_own(
    tmp_path: Path,
) -> None:
    """Before, it was the catch-all 'the plan's rules decide lot CSB without a recorded
    decision, and this one differs from them', which did not say why it could not stand."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[decision]]\nlot = "CSB"\naward_to = "{IN_HOUSE.upper()}"\n'
        'reason = "Keep the service in house"\ndecided_on = 2026-03-02\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    [error] = [p for p in result.award.problems if p.is_error]  # said once, not twice
    assert (error.file, error.cell, error.code, error.lot) == (
        "decisions.toml",
        "decision[0].award_to",
        "decisions.award_to_comparator",
        "CSB",
    )
    assert error.message == COMPARATOR_DECISION
    assert error.found == IN_HOUSE.upper()
    assert error.expected == (
        "a supplier with a tender for lot CSB (the plan's rules propose Weald Carers Trust), "
        "or no decision: the in-house team's return is scored only so the market can be "
        "compared with it"
    )
    # Not applied: the rules' award stands, held back until the record is put right.
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.held_back is not None and not result.award.summaries_ready
    assert f"decisions.toml › decision[0].award_to: {error.describe()}" in result.award.blockers

    # The same from Python, with the decision tried in a notebook.
    from tendereval.award import Decisions, RecordedAward

    tried = tendereval.decide(
        tendereval.score(example_copy(tmp_path / "again"), sensitivity=False),
        Decisions(awards=(RecordedAward("CSB", IN_HOUSE, "Keep the service in house"),)),
    )
    assert [p.code for p in tried.problems if p.is_error] == ["decisions.award_to_comparator"]
    assert tried.winner("CSB") == "Weald Carers Trust"


def test_validate_reports_a_decision_awarding_the_lot_to_the_comparator(tmp_path: Path) -> None:
    """validate finds the award's error with the award's own rule. Before, it said nothing (exit
    0) of a record every command that decides held the award back for."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[decision]]\nlot = "CSB"\naward_to = "{IN_HOUSE}"\n'
        'reason = "Keep the service in house"\ndecided_on = 2026-03-02\n',
        encoding="utf-8",
    )
    [error] = tendereval.validate(folder).errors
    assert (error.file, error.cell, error.code, error.lot) == (
        "decisions.toml",
        "decision[0].award_to",
        "decisions.award_to_comparator",
        "CSB",
    )
    assert error.message == COMPARATOR_DECISION
    # validate ranks nothing, so it names no award the plan's rules propose.
    assert error.expected == (
        "a supplier with a tender for lot CSB, or no decision: the in-house team's return is "
        "scored only so the market can be compared with it"
    )
    # A council-owned company (a public body) may tender, and be awarded the lot.
    assert tendereval.validate(in_house_as_public_body(folder)).errors == []


COMPARATOR_RECORDS = {
    "rejection": f'[[rejection]]\nsupplier = "{IN_HOUSE}"\nreason = "Too dear"\n'
    'decided_by = "Head of Commissioning"\ndecided_on = 2026-03-02\n',
    "rejection on a ground": f'[[rejection]]\nsupplier = "{IN_HOUSE}"\n'
    'ground = "requirements_not_met"\nreason = "Too dear"\n'
    'decided_by = "Head of Commissioning"\ndecided_on = 2026-03-02\n',
    "withdrawal": f'[[withdrawal]]\nsupplier = "{IN_HOUSE}"\nwithdrawn_on = 2026-03-02\n',
    "withdrawal of its file": f'[[withdrawal]]\nsupplier = "{IN_HOUSE_RETURN}"\n'
    "withdrawn_on = 2026-03-02\n",
}


@pytest.mark.parametrize("record", list(COMPARATOR_RECORDS))
def test_a_rejection_or_withdrawal_of_the_comparator_is_warned_of_and_not_applied(
    tmp_path: Path, record: str
) -> None:
    """The in-house team's return is no tender: there is none to reject or withdraw. Before, a
    rejection without a ground held the award back as 'names no tender that is invalid'; one
    on a ground was applied (its reasons then said it 'would have been disqualified', for the
    rejection alone); and a withdrawal made it a withdrawn tender, a sixth bid received."""
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(COMPARATOR_RECORDS[record], encoding="utf-8")
    kind = record.split()[0]
    code = f"decisions.{kind}_of_comparator"
    named = IN_HOUSE_RETURN if record.endswith("file") else IN_HOUSE
    message = (
        f"the {kind} of {named} names the buyer's own in-house team, whose return is the "
        f"comparator, not a tender: there is no tender to "
        f"{'reject' if kind == 'rejection' else 'withdraw'}, so it was not applied"
    )

    checked = tendereval.validate(folder)
    assert checked.errors == []
    [warned] = [p for p in checked.problems if p.code == code]
    assert (warned.file, warned.cell, warned.is_error) == (
        "decisions.toml",
        f"{kind}[0].supplier",
        False,
    )
    assert warned.message == message

    result = tendereval.score(folder, sensitivity=False)
    award = result.award
    assert [(p.code, p.is_error, p.message) for p in award.problems] == [(code, False, message)]
    # Not applied: the comparator as in the unchanged example, and the award not held back.
    comparator = _row(result, IN_HOUSE)
    assert comparator["status"] == "comparator" and round(comparator["total"], 4) == 62.7238
    assert len(comparator["reasons"]) == 1 and comparator["reasons"][0].endswith(
        "had it been a tender its total would have ranked 5th (4 of the 4 ranked tenders score "
        "more)"
    )
    assert award.winner("CSB") == "Weald Carers Trust" and award.held_back is None
    assert award.rejected == () and award.withdrawn == ()
    from tendereval.scoring.output import render

    assert "5 bids (4 ranked, 1 disqualified) and the in-house comparator" in render(result)


def test_a_withdrawal_of_an_in_house_return_replaced_by_a_later_one_still_applies(
    tmp_path: Path,
) -> None:
    """Withdrawing the in-house team's first return beside its later one sets no comparator
    aside: it says which return the comparator is, so it applies, without a warning."""
    from tests.example_copies import sent_again

    folder = example_copy(tmp_path)
    sent_again(folder / IN_HOUSE_RETURN, folder / "bids/in-house-v2.xlsx")
    (folder / "decisions.toml").write_text(
        f'[[withdrawal]]\nsupplier = "{IN_HOUSE_RETURN}"\nwithdrawn_on = 2026-03-02\n',
        encoding="utf-8",
    )
    assert not [p for p in tendereval.validate(folder).problems if "comparator" in p.code]
    result = tendereval.score(folder, sensitivity=False)
    rows = result.results.filter(pl.col("supplier") == IN_HOUSE).select("source", "status")
    assert sorted(rows.rows()) == [
        ("bids/example-county-council-short-breaks-service.xlsx", "withdrawn"),
        ("bids/in-house-v2.xlsx", "comparator"),
    ]
    assert result.award.problems == () and len(result.award.withdrawn) == 1
