"""A supplier withdraws its tender before the award: ``[[withdrawal]]`` in decisions.toml.

Before, there was no way to record it. An officer could delete the bid file (nothing then
said the tender had ever been received, nor when it was withdrawn), or leave it in, where it
stayed ranked, could be awarded, set the others' relative price scores, and was sent an
assessment summary. Now the withdrawal is recorded with its date; scoring sets the tender
aside before any score is worked out, so every other tender's scores are those it would have
had had the withdrawn tender never been submitted; it stays in every output as ``withdrawn``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import Decisions, RecordedWithdrawal
from tendereval.cli import cli
from tendereval.io.nearest import NEAREST_LOOKED_UP
from tests.cpu_time import cpu_seconds
from tests.example_copies import EXAMPLES, example_with
from tests.ocds.ocds_schema import all_problems

MERIDIAN = "Meridian Care Group plc"
WEALD = "Weald Carers Trust"
BRIGHTWATER = "Brightwater Care Services Ltd"
IN_HOUSE = "Example County Council Short Breaks Service"
WITHDRAWAL = """
[[withdrawal]]
supplier = "{supplier}"
{lot}withdrawn_on = 2026-03-04
recorded_by = "Procurement Officer"
note = "Email from its managing director, 4 March 2026"
"""
COMPARED = [
    "lot",
    "supplier",
    "status",
    "rank",
    "total",
    "price_score",
    "quality_score",
    "social_value_score",
    "evaluated_price",
    "reasons",
    "flags",
]


def _copy(tmp_path: Path, example: str = "carers-short-breaks") -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder, ignore=shutil.ignore_patterns("reports"))
    return folder


def _withdraw(folder: Path, supplier: str = MERIDIAN, lot: str | None = None) -> None:
    text = WITHDRAWAL.format(supplier=supplier, lot=f'lot = "{lot}"\n' if lot else "")
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write(text)


def _bid(result: tendereval.ScoreResult, supplier: str, lot: str = "CSB") -> dict:
    mine = result.results.filter((pl.col("supplier") == supplier) & (pl.col("lot") == lot))
    return mine.row(0, named=True)


def test_a_withdrawn_tender_sets_no_other_tenders_score(tmp_path: Path) -> None:
    """Worked by hand: Meridian's £2,273,877.20 was the lowest price, so it set every other
    price score (40 × lowest ÷ own). Withdrawn, Brightwater's £3,037,118.34 is the lowest."""
    folder = _copy(tmp_path)
    before = tendereval.score(folder, sensitivity=False)
    assert _bid(before, BRIGHTWATER)["price_score"] == pytest.approx(
        40 * 2_273_877.20 / 3_037_118.34
    )
    _withdraw(folder)
    result = tendereval.score(folder, sensitivity=False)
    assert _bid(result, BRIGHTWATER)["price_score"] == pytest.approx(40.0)
    weald = _bid(result, WEALD)
    assert weald["price_score"] == pytest.approx(40 * 3_037_118.34 / 3_231_866.75)
    assert weald["total"] == pytest.approx(weald["price_score"] + 34.0 + 13.98, abs=0.01)
    meridian = _bid(result, MERIDIAN)
    assert meridian["status"] == "withdrawn"
    assert meridian["reasons"] == [
        "withdrawn by the supplier on 2026-03-04 (decisions.toml › withdrawal[0])"
    ]
    # Not evaluated at all: no price, score, rank or flag of its own is reported.
    assert [meridian[c] for c in ("rank", "total", "price_score", "evaluated_price")] == [None] * 4
    assert meridian["flags"] == []
    assert result.criteria.filter(pl.col("supplier") == MERIDIAN).is_empty()
    assert result.award.winner("CSB") == WEALD
    assert result.award.blockers == [] and result.award.summaries_ready
    assert result.award.to_dict()["withdrawn"] == [
        {"supplier": MERIDIAN, "lot": None, "withdrawn_on": "2026-03-04"}
    ]
    assert result.award.withdrawal_of(MERIDIAN.upper(), "CSB").where == "withdrawal[0]"


def _without(tender: tendereval.Tender, suppliers: set[str]) -> tendereval.Tender:
    """``tender`` as if ``suppliers`` had never bid: their rows gone from every frame."""
    gone = pl.col("supplier").is_in(sorted(suppliers))
    frames = {
        field.name: getattr(tender, field.name).filter(~gone)
        for field in dataclasses.fields(tender)
        if isinstance(getattr(tender, field.name), pl.DataFrame)
        and "supplier" in getattr(tender, field.name).columns
    }
    return dataclasses.replace(tender, **frames)


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_withdrawn_tenders_leave_the_others_as_if_never_submitted(carers, data) -> None:
    """The invariant: for any set of withdrawn tenders, every other tender's status, scores,
    rank, reasons and flags are those of scoring the tender without them."""
    # Of the tenders: the in-house team's return is the comparator, which none withdraws.
    suppliers = sorted(set(carers.bids.get_column("supplier")) - {IN_HOUSE})
    withdrawn = data.draw(st.sets(st.sampled_from(suppliers), min_size=1, max_size=4))
    records = tuple(
        RecordedWithdrawal(name, "2026-03-04", where=f"withdrawal[{i}]")
        for i, name in enumerate(sorted(withdrawn))
    )
    recorded = dataclasses.replace(carers, decisions=Decisions(withdrawals=records))
    result = tendereval.score(recorded, sensitivity=False)
    reference = tendereval.score(_without(carers, withdrawn), sensitivity=False)
    others = result.results.filter(pl.col("status") != "withdrawn")
    assert set(result.results.filter(pl.col("status") == "withdrawn")["supplier"]) == withdrawn
    assert others.select(COMPARED).equals(reference.results.select(COMPARED))
    assert result.award.lots["CSB"].supplier == reference.award.lots["CSB"].supplier


def test_a_withdrawn_tenders_own_errors_do_not_hold_the_award_back(tmp_path: Path) -> None:
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )
    assert not tendereval.score(folder, sensitivity=False).award.summaries_ready
    _withdraw(folder, "MERIDIAN care group plc")  # names are matched as bids' names are
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.blockers == []
    assert _bid(result, MERIDIAN)["status"] == "withdrawn"
    # The error is still reported, as every problem in the inputs is.
    assert any(p.supplier == MERIDIAN and p.is_error for p in result.problems)


def test_a_withdrawal_naming_no_tender_holds_the_award_back(tmp_path: Path) -> None:
    """A name typed wrongly leaves the tender the buyer meant ranked, and it could be
    awarded: an error at the withdrawal's key, never a silent no-op."""
    folder = _copy(tmp_path)
    _withdraw(folder, "Meridian Care Group")
    _withdraw(folder, WEALD, lot="XYZ")
    (folder / "decisions.toml").write_text(
        (folder / "decisions.toml").read_text(encoding="utf-8")
        + '\n[[withdrawal]]\nsupplier = "Brightwater Care Services Ltd"\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    problems = {(p.cell, p.code) for p in [*result.problems, *result.award.problems] if p.is_error}
    assert problems == {
        ("withdrawal[0].supplier", "decisions.withdrawal_unknown"),
        ("withdrawal[1].lot", "decisions.unknown_lot"),
        ("withdrawal[2].withdrawn_on", "decisions.date"),
    }
    assert not result.award.summaries_ready
    assert any("Meridian Care Group, who has no tender" in b for b in result.award.blockers)
    assert _bid(result, MERIDIAN)["status"] == "ranked"  # nothing was set aside
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report"])
    assert out.exit_code == 1


def test_decide_refuses_withdrawals_the_result_was_not_scored_with(tmp_path: Path) -> None:
    result = tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)
    assert tendereval.decide(result, result.decisions).problems == ()
    award = tendereval.decide(
        result, Decisions(withdrawals=(RecordedWithdrawal(MERIDIAN, "2026-03-04"),))
    )
    assert [(p.code, p.cell, p.found) for p in award.problems] == [
        ("decisions.not_scored", "withdrawal", MERIDIAN)
    ]
    assert not award.summaries_ready
    # The same withdrawals as scored, passed again, are no problem.
    folder = _copy(tmp_path)
    _withdraw(folder)
    withdrawn = tendereval.score(folder, sensitivity=False)
    assert tendereval.decide(withdrawn, withdrawn.decisions).problems == ()
    assert tendereval.decide(withdrawn, Decisions()).problems[0].code == ("decisions.not_scored")


def test_no_summary_goes_to_a_supplier_that_withdrew(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    out = tmp_path / "summaries"
    before = tendereval.summaries(folder, out)
    assert len(before.paths) == 5  # (none for the in-house comparator)
    _withdraw(folder)
    sent = tendereval.summaries(folder, out)
    assert sent.ready and len(sent.paths) == 4
    assert "meridian-care-group-plc-assessment-summary.xlsx" not in {p.name for p in sent.paths}
    assert sent.withdrawn == [MERIDIAN]
    assert (
        "No summary for these suppliers, who withdrew their tenders (decisions.toml): "
        "Meridian Care Group plc"
    ) in sent.lines()
    # The first run's summary for it is moved aside, never left to be sent with the rest.
    assert [p.name for p in sent.superseded] == ["meridian-care-group-plc-assessment-summary.xlsx"]


def test_a_tender_withdrawn_from_one_lot_is_told_so_beside_its_other_lots(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "homecare-districts")
    supplier = "Oasthouse Care Group Ltd"
    before = tendereval.score(folder, sensitivity=False)
    lots = sorted(before.results.filter(pl.col("supplier") == supplier)["lot"])
    assert "TUN" in lots and len(lots) > 1
    _withdraw(folder, supplier, lot="TUN")
    out = tmp_path / "summaries"
    sent = tendereval.summaries(folder, out)
    statuses = dict(
        sent.award
        and tendereval.score(folder, sensitivity=False)
        .results.filter(pl.col("supplier") == supplier)
        .select("lot", "status")
        .iter_rows()
    )
    assert statuses["TUN"] == "withdrawn"
    assert {s for lot, s in statuses.items() if lot != "TUN"} <= {"ranked", "disqualified"}
    book = openpyxl.load_workbook(out / "oasthouse-care-group-ltd-assessment-summary.xlsx")
    assert "Lot TUN" not in book.sheetnames and "Lot ASH" in book.sheetnames
    outcome = {
        row[0]: row[2] for row in book["Summary"].iter_rows(values_only=True) if row[0] == "TUN"
    }
    assert outcome == {"TUN": "You withdrew this tender on 2026-03-04, so it was not assessed."}


def test_every_output_counts_the_withdrawn_tender_as_received(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _withdraw(folder)
    out = CliRunner().invoke(
        cli,
        ["score", str(folder), "--json", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.xlsx")],
    )
    assert out.exit_code == 0, out.output
    assert (
        "5 bids (3 ranked, 1 disqualified, 1 withdrawn) and the in-house comparator" in out.output
    )
    assert "- withdrawn by the supplier on 2026-03-04 (decisions.toml › withdrawal[0])" in (
        out.output
    )
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    header = [c.value for c in summary[4]]
    row = dict(zip(header, [c.value for c in summary[5]], strict=True))
    assert [row[f"{kind} bids"] for kind in ("Valid", "Disqualified", "Invalid", "Withdrawn")] == [
        3,
        1,
        0,
        1,
    ]
    public = CliRunner().invoke(
        cli, ["score", str(folder), "--public", "-o", str(tmp_path / "p.xlsx")]
    )
    assert public.exit_code == 0, public.output
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["Summary"]
    header = [c.value for c in sheet[4]]
    row = dict(zip(header, [c.value for c in sheet[5]], strict=True))
    assert (row["Bids received"], row["Valid bids"]) == (5, 3)  # (the comparator is no bid)
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["lots"][0]["ranking"][-1]["status"] == "withdrawn"

    published = tendereval.publish(
        folder,
        tmp_path / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
    )
    package = published.package
    assert all_problems(package) == []
    release = package["releases"][0]
    details = {b["tenderers"][0]["name"]: b for b in release["bids"]["details"]}
    assert details[MERIDIAN]["status"] == "withdrawn"
    assert details[MERIDIAN]["statusDetails"].startswith("withdrawn by the supplier on 2026-03-04")
    assert "value" not in details[MERIDIAN]  # its price was never evaluated
    measures = {s["measure"]: s for s in release["bids"]["statistics"]}
    # (The in-house comparator is no bid.)
    assert measures["bids"]["value"] == 5
    assert measures["bids"]["notes"] == "1 of them withdrawn by the supplier"
    assert (measures["validBids"]["value"], measures["disqualifiedBids"]["value"]) == (3, 1)
    assert measures["finalStageBids"]["value"] == 4


def test_the_decisions_file_round_trips_through_python(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _withdraw(folder, lot="CSB")
    result = tendereval.score(folder, sensitivity=False)
    (record,) = result.decisions.withdrawals
    assert record == RecordedWithdrawal(
        MERIDIAN,
        "2026-03-04",
        "CSB",
        recorded_by="Procurement Officer",
        note="Email from its managing director, 4 March 2026",
        where="withdrawal[0]",
    )
    # Passed back to decide, checked as the file is: the same award, no problem.
    again = tendereval.decide(result, result.decisions)
    assert again.problems == () and again.withdrawn == result.award.withdrawn


def test_a_score_sheet_made_after_a_withdrawal_leaves_the_tender_out(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _withdraw(folder)
    out = CliRunner().invoke(
        cli, ["template", "score-sheet", "--tender", str(folder), "-o", str(tmp_path / "s.xlsx")]
    )
    assert out.exit_code == 0, out.output
    assert "It lists the 5 bids in bids/ now" in out.output
    assert "It leaves out the 1 bid decisions.toml records as withdrawn." in (out.output)
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    cells = {c for ws in book for row in ws.iter_rows(values_only=True) for c in row}
    assert WEALD in cells and MERIDIAN not in cells


def test_validate_names_a_withdrawal_or_rejection_of_nobody_with_the_nearest_name(
    tmp_path: Path,
) -> None:
    """validate checks files before scoring: it said "No problems found" for a withdrawal
    naming a supplier with no bid, which scoring then reported as an error."""
    folder = _copy(tmp_path)
    _withdraw(folder, "Meridian Care Group")
    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write('\n[[rejection]]\nsupplier = "Weald Carers"\nlot = "CSB"\nreason = "x"\n')
    report = tendereval.validate(folder)
    found = {(p.cell, p.code, p.expected.rsplit(": ", 1)[-1]) for p in report.errors}
    assert found == {
        ("withdrawal[0].supplier", "decisions.withdrawal_unknown", "Meridian Care Group plc?"),
        ("rejection[0].supplier", "decisions.rejection_unknown", "Weald Carers Trust?"),
    }
    # Scoring reports the same errors, word for word.
    result = tendereval.score(folder, sensitivity=False)
    assert {p.describe() for p in report.errors} == {
        p.describe() for p in result.award.problems if p.code.endswith("_unknown")
    }


def test_a_withdrawal_after_the_summaries_went_out_keeps_what_was_sent(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    _withdraw(folder)
    again = tendereval.summaries(folder, out)
    # Meridian's price set every other price score: all five summaries sent differ now.
    assert len(again.sent_kept) == 5 and len(again.paths) == 4
    kept = out / "superseded" / "meridian-care-group-plc-sent-2026-03-03-assessment-summary.xlsx"
    assert kept in again.sent_kept
    assert again.lines()[1].startswith(
        "decisions.toml records the summaries as sent on 2026-03-03, and 4 assessment "
        "summaries sent then differ from those written now"
    )
    assert again.lines()[2] == (
        "1 assessment summary sent on 2026-03-03 has none in its place now, the supplier "
        f"having withdrawn: kept in {kept.parent} ({kept.name}). Nothing new is sent to it."
    )
    # Four suppliers hold other figures than the award's: publishing waits for them.
    held = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123",
                              sent_summaries=out)  # fmt: skip
    assert not held.written
    assert any("replaced since by others for 4 suppliers" in b for b in held.blockers)


def test_a_withdrawal_after_the_summaries_went_out_that_changes_no_other_summary(
    tmp_path: Path,
) -> None:
    """Stour Valley, disqualified, withdraws after the summaries went out: every other
    supplier's summary is unchanged, and only Stour Valley's is kept aside, with nothing in its
    place. publish said the summaries sent "were replaced since by others for 1 supplier: send
    the new ones … the standstill period starts again", with no new one to send: the award
    could never be published. The summaries said the standstill starts again too."""
    folder = _copy(tmp_path)
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    _withdraw(folder, "Stour Valley Homecare Ltd")
    again = tendereval.summaries(folder, out)
    assert [p.name for p in again.sent_kept] == [
        "stour-valley-homecare-ltd-sent-2026-03-03-assessment-summary.xlsx"
    ]
    assert not any("standstill period starts again" in line for line in again.lines())
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123",
                                   sent_summaries=out)  # fmt: skip
    assert published.written, published.blockers
    assert published.award.winner("CSB") == WEALD


@pytest.mark.parametrize("before", ["summaries", "publish"])
def test_a_withdrawn_suppliers_summary_sent_under_an_old_name_is_one_of_a_withdrawn_tender(
    tmp_path: Path, before: str
) -> None:
    """Stour Valley's summary was sent under the name an earlier version gave it
    (stour-valley-homecare-assessment-summary.xlsx), then Stour Valley withdrew. Its summary
    was known as a withdrawn supplier's only under the name its summary has now: under the
    old one, summaries held it as replaced ("A supplier sent ... must be sent these, and the
    standstill period starts again") and publish as replaced since by others for 1 supplier,
    so the award could never be published. Its summary names Stour Valley at its top: it is
    the summary of a withdrawn tender, with nothing in its place, whether summaries has run
    since (and set it aside) or not."""
    folder = _copy(tmp_path)
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    old = out / "stour-valley-homecare-assessment-summary.xlsx"
    (out / "stour-valley-homecare-ltd-assessment-summary.xlsx").rename(old)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-03-03\n", encoding="utf-8"
    )
    _withdraw(folder, "Stour Valley Homecare Ltd")
    if before == "summaries":
        again = tendereval.summaries(folder, out)
        kept = out / "superseded" / "stour-valley-homecare-sent-2026-03-03-assessment-summary.xlsx"
        assert again.sent_kept == [kept] and again.sent_withdrawn == [kept]
        assert again.lines()[1] == (
            "1 assessment summary sent on 2026-03-03 has none in its place now, the supplier "
            f"having withdrawn: kept in {kept.parent} ({kept.name}). Nothing new is sent to it."
        )
        assert not any("standstill period starts again" in line for line in again.lines())
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123",
                                   sent_summaries=out)  # fmt: skip
    assert published.written, published.blockers


def _name_in_return(folder: Path, name: str, bid: str = "hop-garden-respite-cic.xlsx") -> None:
    path = folder / "bids" / bid
    book = openpyxl.load_workbook(path)
    book["Organisation"]["B4"] = name
    book.save(path)


@pytest.mark.parametrize("before", ["summaries", "publish"])
def test_a_summary_sent_before_its_suppliers_name_was_corrected_is_one_of_a_withdrawn_tender(
    tmp_path: Path, before: str
) -> None:
    """Hop Garden's return named it "Hopgarden Respite CIC" when the summaries went out on
    1 December (hopgarden-respite-cic-assessment-summary.xlsx, that name at its top); the name
    was corrected to "Hop Garden Respite CIC", then it withdrew. Known only by the name at its
    top, its summary was no withdrawn supplier's: summaries said "1 assessment summary sent
    then differs ... the standstill period starts again" and publish held the award ("replaced
    since by others for 1 supplier"), while score said the summaries sent stood. The company
    number its summary gives (12650384) is the withdrawn supplier's, and no other's: it is the
    summary of a withdrawn tender, with nothing in its place, and every command says so."""
    folder = _copy(tmp_path)
    _name_in_return(folder, "Hopgarden Respite CIC")
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    assert (out / "hopgarden-respite-cic-assessment-summary.xlsx").is_file()
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-12-01\n", encoding="utf-8"
    )
    _name_in_return(folder, "Hop Garden Respite CIC")
    _withdraw(folder, "Hop Garden Respite CIC")
    if before == "summaries":
        again = tendereval.summaries(folder, out)
        kept = out / "superseded" / "hopgarden-respite-cic-sent-2026-12-01-assessment-summary.xlsx"
        assert again.sent_kept == [kept] and again.sent_withdrawn == [kept]
        assert not any("standstill period starts again" in line for line in again.lines())
        assert again.award.summaries_ready
    scored = tendereval.score(folder)
    assert scored.award.summaries_ready and not scored.award.sent_against_award.replaced
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123",
                                   sent_summaries=out)  # fmt: skip
    assert published.written, published.blockers


def test_a_megabyte_of_slips_in_decisions_toml_against_a_thousand_bidders_is_quick(
    tmp_path: Path,
) -> None:
    """decisions.toml is typed by people, and may be generated: 1 MB of withdrawals and
    rejections naming nobody, against 1,000 bidders, each matched by a scan of the other (and
    each name compared with every bidder's for a suggestion) took minutes. Now a lookup each,
    and a suggestion for the first few only (io/nearest.py's bound)."""

    from tests.award.red_team_tenders import Bid, tender_folder

    bids = [Bid(f"Supplier {n:04d} Ltd", "A", 10 + n / 1000) for n in range(1000)]
    folder = tender_folder(tmp_path / "big", ["A"], bids)
    entries, size = [], 0
    while size < 1_000_000:
        n = len(entries)
        entry = (
            f'[[withdrawal]]\nsupplier = "Suppliers {n} Limited"\nwithdrawn_on = 2026-03-04\n'
            f'[[rejection]]\nsupplier = "Supplier {n} Ltd."\nreason = "x"\n'
        )
        entries.append(entry)
        size += len(entry.encode())
    (folder / "decisions.toml").write_text("".join(entries), encoding="utf-8")
    started = cpu_seconds()
    result = tendereval.score(folder, sensitivity=False)
    problems = [p for p in result.award.problems if p.code.endswith("_unknown")]
    checked = tendereval.validate(folder)
    seconds = cpu_seconds() - started
    assert len(problems) == 2 * len(entries) == len(checked.errors)
    # A suggestion for the first names of each kind, as every unknown name gets one.
    assert sum("?" in p.expected for p in problems) == 2 * NEAREST_LOOKED_UP
    assert seconds < 20, seconds


@pytest.mark.parametrize(
    ("withdrawn", "excluded", "why"),
    [
        # The council's in-house team, withdrawn or rejected here, is the comparator: no bid,
        # and no record sets it aside (before, its withdrawal made it a sixth bid withdrawn).
        (6, 0, "its 5 bids were all withdrawn by their suppliers"),
        (3, 3, "of its 5 bids, 3 were disqualified and 2 were withdrawn by their suppliers"),
        (1, 5, "of its 5 bids, 4 were disqualified and 1 was withdrawn by its supplier"),
    ],
)
def test_a_lot_whose_tenders_were_all_withdrawn_says_so(
    carers, withdrawn: int, excluded: int, why: str
) -> None:
    """Found by withdrawing every tender: the lot said "no bid was received for it"."""
    from tendereval.award.recorded import RecordedRejection

    names = sorted(carers.bids.get_column("supplier").unique())
    decisions = Decisions(
        withdrawals=tuple(RecordedWithdrawal(n, "2026-03-04") for n in names[:withdrawn]),
        rejections=tuple(
            RecordedRejection(n, "x", ground="excluded_supplier") for n in names[withdrawn:]
        ),
    )
    result = tendereval.score(dataclasses.replace(carers, decisions=decisions), sensitivity=False)
    assert result.award.lots["CSB"].reasons == (f"no tender in this lot could be ranked: {why}",)


def test_a_rejected_tender_withdrawn_afterwards_holds_nothing_back(tmp_path: Path) -> None:
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )
    (folder / "decisions.toml").write_text(
        '[[rejection]]\nsupplier = "Meridian Care Group plc"\nreason = "Not priced"\n'
        "decided_on = 2026-03-05\n",
        encoding="utf-8",
    )
    _withdraw(folder)
    result = tendereval.score(folder, sensitivity=False)
    assert _bid(result, MERIDIAN)["status"] == "withdrawn"
    assert result.award.problems == () and result.award.summaries_ready


def test_a_withdrawal_whose_bid_file_was_taken_out_says_the_file_stays(tmp_path: Path) -> None:
    """An officer who records the withdrawal and also deletes the bid file is told the
    withdrawal names nobody; with no near name to suggest, that said nothing of the file."""
    folder = _copy(tmp_path)
    (folder / "bids" / "hop-garden-respite-cic.xlsx").unlink()
    _withdraw(folder, "Hop Garden Respite CIC")
    (problem,) = [
        p
        for p in tendereval.score(folder, sensitivity=False).award.problems
        if p.code == "decisions.withdrawal_unknown"
    ]
    assert problem.expected == (
        "the supplier's name as its bid gives it (case and spacing do not matter); a withdrawn "
        "tender's bid stays in bids/, on the record"
    )
