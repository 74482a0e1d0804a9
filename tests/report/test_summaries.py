"""Assessment summaries: one per supplier, reg 31 contents, and nothing about other suppliers
except the most advantageous tender of a lot the supplier bid for."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest

from tendereval.io.keys import slug
from tendereval.report.summaries import (
    NOT_ASSESSED,
    build_summary,
    summary_files,
    write_summaries,
)

from .builders import ALDEBARAN, BETELGEUSE, CAPELLA, DENEB, ERIDANI, SUPPLIERS
from .checks import assert_no_leaks


@pytest.fixture
def summaries(result, tmp_path):
    paths = write_summaries(result, tmp_path / "summaries")
    return {openpyxl.load_workbook(p)["Summary"]["B4"].value: p for p in paths}


def test_one_summary_per_supplier(summaries, tmp_path):
    assert sorted(summaries) == sorted(SUPPLIERS)
    assert len(list((tmp_path / "summaries").iterdir())) == len(SUPPLIERS)


def test_no_summary_mentions_another_supplier_except_the_winner(result, summaries):
    assert_no_leaks(result, summaries)


def _sheet(path, title):
    ws = openpyxl.load_workbook(path)[title]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_losing_supplier_sees_its_scores_the_winners_and_a_further_reason(result, summaries):
    rows = _sheet(summaries[ALDEBARAN], "Lot L2")
    flat = [v for row in rows for v in row if v is not None]
    assert "Your tender" in flat
    assert f"The most advantageous tender: {BETELGEUSE}" in flat
    assert "Further reasons" in flat and "Another tender was more advantageous." in flat
    # Its own Q1 line, worked by hand: 3 on the 0–5 scale = 0.6 × 20 points = 12.
    q1 = next(row for row in rows if row[0] == "Q1")
    assert q1[2] == "3" and q1[3] == pytest.approx(12.0) and q1[4] == 20
    assert q1[5].startswith(f"{ALDEBARAN} L2 Q1")
    totals = [row for row in rows if row[1] == "Total"]
    own_total = result.results.filter((pl.col("lot") == "L2") & (pl.col("supplier") == ALDEBARAN))[
        "total"
    ].item()
    assert [t[3] for t in totals] == pytest.approx([own_total, 88.0])
    subtotals = [row[1] for row in rows if str(row[1]).startswith("Sub-total")]
    assert subtotals == ["Sub-total: Price", "Sub-total: Quality", "Sub-total: Social value"] * 2


def test_winner_has_no_other_section(summaries):
    flat = [v for row in _sheet(summaries[ALDEBARAN], "Lot L1") for v in row if v]
    assert not any(str(v).startswith("The most advantageous tender") for v in flat)
    assert "Further reasons" not in flat
    assert "Your tender was the most advantageous tender." in flat


def test_disqualified_and_invalid_suppliers_get_the_reason(summaries):
    l1 = [v for row in _sheet(summaries[CAPELLA], "Lot L1") for v in row if v]
    assert "Q1 scored 1, below the minimum of 2 (disqualifies)" in l1
    l2 = [v for row in _sheet(summaries[CAPELLA], "Lot L2") for v in row if v]
    assert "the unit rate for care_hours is not a number" in l2


def test_an_invalid_tender_is_not_shown_with_points_it_was_never_awarded(result, summaries):
    """'Your tender could not be assessed' stood above a table of points awarded for each
    question (the evaluators' marks, used in no decision). Its own table now says it was not
    assessed; the proposed tender's scores and the reasons follow as for any other."""
    rows = _sheet(summaries[CAPELLA], "Lot L2")
    flat = [v for row in rows for v in row if v]
    assert "Your tender" in flat
    assert [row[1] for row in rows if row[0] == "Scores"] == [NOT_ASSESSED]
    best = next(i for i, v in enumerate(flat) if str(v).startswith("The most advantageous"))
    own = flat[:best]
    assert not any(str(v).startswith(("Sub-total", "Total")) for v in own)
    assert not any(v == "Q1" for v in own)
    assert "Further reasons" in flat and "the unit rate for care_hours is not a number" in flat
    unread = [v for row in _sheet(summaries[ERIDANI], "Not assessed") for v in row if v]
    assert "the file could not be opened: it is password-protected" in unread


def test_award_criteria_table_has_importance_method_and_marks(summaries):
    rows = _sheet(summaries[DENEB], "Award criteria")
    q1 = next(row for row in rows if row[0] == "Q1")
    assert q1[1:5] == ["Service delivery model", "Quality", 20, "50% of Quality"]
    assert "0/1/2/3/4/5" in q1[5] and "minimum score 2 (a lower score disqualifies)" in q1[5]
    assert q1[5].endswith(
        ". Points awarded = points available × score ÷ 5, so 0 earns none and 5 earns them all."
    )
    assert q1[6] == 20
    price = next(row for row in rows if row[0] == "price")
    assert price[4] == "40 points of 100" and "W × P_min / P_i" in price[5]


def test_supplier_details_and_legal_basis(summaries):
    rows = _sheet(summaries[BETELGEUSE], "Summary")
    pairs = {row[0]: row[1] for row in rows if row[0]}
    # Under the names reg 31(2)(b)-(c) gives them; the company number under its own name.
    assert pairs["Contact postal address"] == "2 High Street, Maidstone"
    assert pairs["Company number"] == "02123456"
    assert "Identifier" not in pairs and "Address" not in pairs
    assert "section 50" in rows[1][0] and "regulation 31" in rows[1][0]


def test_file_names_are_safe_and_never_collide():
    names = summary_files(["Acme Care Ltd", "ACME care ltd.", "../../etc/passwd", "Ünïcode ★"])
    assert sorted(names.values()) == [
        "acme-care-ltd-2-assessment-summary.xlsx",
        "acme-care-ltd-assessment-summary.xlsx",
        "etc-passwd-assessment-summary.xlsx",
        "unicode-assessment-summary.xlsx",
    ]
    assert slug("★★★") == ""
    assert summary_files(["★"]) == {"★": "supplier-assessment-summary.xlsx"}


def test_sheet_titles_stay_valid_for_odd_lot_ids(result):
    odd = result.results.with_columns(
        pl.col("lot").replace({"L1": "L1/East: [a very long lot identifier here]"})
    )
    crit = result.criteria.with_columns(
        pl.col("lot").replace({"L1": "L1/East: [a very long lot identifier here]"})
    )
    import dataclasses

    wb = build_summary(dataclasses.replace(result, results=odd, criteria=crit), ALDEBARAN)
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in wb.sheetnames)


def test_an_explanation_is_shown_as_it_is_seen(tmp_path):
    """Found by a red team: a reason holding a C1 control (NEL, U+0085) or a direction override
    (U+202E) reached the summary's cell as written, while the report's own cleaning drops only
    the controls a workbook cannot store. A direction override shows the rest of the text
    reversed, and a name inside it reads backwards to the redaction: the summary gives each
    line break as a new line, and leaves out the other controls and the characters drawn as
    nothing (zero-width spaces among them)."""
    from pathlib import Path

    import tendereval
    from tendereval.tender import FRAME_NAMES

    carers = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    tender = tendereval.load_tender(carers)
    frames = {name: getattr(tender, name) for name in FRAME_NAMES}
    q1 = (
        (pl.col("supplier") == "Weald Carers Trust")
        & (pl.col("question") == "Q1")
        & (pl.col("evaluator") == "Helen Marsh")
    )
    typed = "A clear\u202e model\x85of care,\u200b\u2028well\x9b costed.\u2066 As Hop\x01 Garden."
    frames["scores"] = tender.scores.with_columns(
        reason=pl.when(q1).then(pl.lit(typed)).otherwise("reason")
    )
    result = tendereval.score(
        tendereval.Tender.from_frames(tender.plan, **frames), sensitivity=False
    )
    [path] = [
        p
        for p in write_summaries(result, tmp_path / "summaries")
        if p.name.startswith("weald-carers-trust")
    ]
    [q1_row] = [row for row in _sheet(path, "Lot CSB") if row[0] == "Q1"]
    assert "A clear model\nof care,\nwell costed. As another bidder." in q1_row[5]
    assert not any(c in q1_row[5] for c in "\u202e\x85\u200b\u2028\x9b\u2066")
    # The terminal counts what the summaries show: the bidder named once the control is gone.
    # (Scored from a copy: summaries notes in the tender's reports/ where it wrote them, and
    # the repository's example must not name this test's folder to every copy made of it.)
    import shutil

    plain = tendereval.score(shutil.copytree(carers, tmp_path / "carers"), sensitivity=False)
    baseline = tendereval.summaries(plain, tmp_path / "before").other_bidders_named
    assert tendereval.summaries(result, tmp_path / "after").other_bidders_named == baseline + 1


def test_a_bidders_own_details_are_shown_as_they_are_seen(tmp_path):
    """Left over from a red team: the explanations were cleaned, the bidder's own details were
    not. An address with a direction override (U+202E) showed the rest of its line reversed,
    and a name or email with a zero-width space (U+200B) could not be matched by eye or copied
    into a mail program; the winner's name is quoted in every other bidder's summary."""
    from pathlib import Path

    import tendereval
    from tendereval.tender import FRAME_NAMES

    carers = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
    tender = tendereval.load_tender(carers)
    frames = {name: getattr(tender, name) for name in FRAME_NAMES}
    weald = pl.col("supplier") == "Weald Carers Trust"
    frames["suppliers"] = tender.suppliers.with_columns(
        address=pl.when(weald)
        .then(pl.lit("1 Mill\u202e Lane,\u200b Ashford"))
        .otherwise("address"),
        contact_email=pl.when(weald)
        .then(pl.lit("bids@\u200bweald.org.uk"))
        .otherwise("contact_email"),
        company_number=pl.when(weald).then(pl.lit("0123\u20664567")).otherwise("company_number"),
    )
    result = tendereval.score(
        tendereval.Tender.from_frames(tender.plan, **frames), sensitivity=False
    )
    [path] = [
        p
        for p in write_summaries(result, tmp_path / "summaries")
        if p.name.startswith("weald-carers-trust")
    ]
    front = dict(
        (row[0], row[1]) for row in _sheet(path, "Summary")[3:10] if row and row[0] is not None
    )
    assert front["Contact postal address"] == "1 Mill Lane, Ashford"
    assert front["Contact email address"] == "bids@weald.org.uk"
    assert front["Company number"] == "01234567"
