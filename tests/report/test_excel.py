"""The evaluation report: sheets, formats, formulas with cached values, chart, determinism."""

from __future__ import annotations

import dataclasses
import math

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.report import styles
from tendereval.report.excel import SHEETS, default_report_path, write_report

from ..example_copies import example_copy
from .builders import ALDEBARAN, BETELGEUSE, DENEB, bid_file
from .checks import sheet_table

RUN_TIME_LABEL = "Time of the run (UTC)"


@pytest.fixture
def report(result, tmp_path):
    return write_report(result, tmp_path / "reports" / "report.xlsx")


def test_every_sheet_is_there_in_order(report):
    # Sub-totals only for a plan grouping questions under a sub-criterion (this one does not).
    assert openpyxl.load_workbook(report).sheetnames == [s for s in SHEETS if s != "Sub-totals"]
    assert openpyxl.load_workbook(report).sheetnames == [
        "Summary",
        "Ranking",
        "Price",
        "Price build-up",
        "Quality",
        "Social value",
        "Social value commitments",
        "Evaluator scores",
        "Flags",
        "Sensitivity",
        "Probability of winning",
        "Rank reversal",
        "Audit",
    ]


def test_default_path_is_in_the_reports_folder(tmp_path):
    assert default_report_path(tmp_path, "KCC/2026/017") == (
        tmp_path / "reports" / "kcc-2026-017-evaluation.xlsx"
    )


def test_summary_names_the_winner_of_each_lot_with_its_scores(report, result):
    ws = openpyxl.load_workbook(report)["Summary"]
    assert [ws.cell(row=4, column=c).value for c in (1, 3, 4, 10, 11, 12, 13, 14, 15)] == [
        "Lot",
        "Recommended supplier",
        "Total (points of 100)",
        "Valid bids",
        "Disqualified bids",
        "Invalid bids",
        "Withdrawn bids",
        "SME bids (reported, not scored)",
        "VCSE bids (reported, not scored)",
    ]
    # Lot L1, worked by hand: Aldebaran earns 40 (lowest price) + 0.8×20 + 0.6×20 (quality)
    # + 0.8×10 + 1.0×10 (social value) = 86; 3 valid bids, Capella disqualified, none invalid;
    # SME bids: Betelgeuse and Deneb; VCSE: Betelgeuse.
    row = [ws.cell(row=5, column=c).value for c in range(1, 17)]
    assert row[:3] == ["L1", "East Kent", ALDEBARAN]
    assert row[3] == pytest.approx(86.0)
    assert row[4:7] == pytest.approx([40.0, 28.0, 18.0])
    assert row[7] == 412_345.67
    assert row[9:15] == [3, 1, 0, 0, 2, 1]
    assert row[15] == "discrepancy"
    assert ws.cell(row=6, column=3).value == BETELGEUSE  # lot L2


def test_summary_has_a_stacked_bar_chart_per_lot(report):
    ws = openpyxl.load_workbook(report)["Summary"]
    charts = ws._charts
    assert len(charts) == 2
    chart = charts[0]
    assert chart.grouping == "stacked" and chart.overlap == 100
    assert [s.tx.strRef.f if s.tx.strRef else s.tx.v for s in chart.series] == [
        "Price",
        "Quality",
        "Social value",
    ]
    assert chart.series[0].val.numRef.f == "'Ranking'!$G$5:$G$7"


def test_number_formats_and_frozen_headers(report):
    wb = openpyxl.load_workbook(report)
    summary, ranking, price = wb["Summary"], wb["Ranking"], wb["Price"]
    assert summary["H5"].number_format == styles.MONEY == '"£"#,##0.00'
    # The total to the 4 places it is compared in, points to 2.
    assert summary["D5"].number_format == styles.TOTAL == "0.0000"
    assert summary["E5"].number_format == styles.POINTS
    assert ranking["D5"].number_format == styles.SHARE_OF_MARKS  # 99.99% never "100.00%"
    assert price["D5"].number_format == styles.MONEY
    for ws in wb.worksheets:
        if ws.title != "Audit":
            assert ws.freeze_panes is not None and ws.freeze_panes[1:] == "5", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        # One page wide: fitToWidth 1 is the file format's default, so it may be left out.
        assert ws.page_setup.fitToWidth in (None, 1) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToHeight == 0, ws.title
    assert ranking.column_dimensions["B"].width == 32


def test_flags_are_conditionally_formatted(report):
    wb = openpyxl.load_workbook(report)
    for title in ("Summary", "Ranking", "Price", "Flags"):
        rules = [r for cf in wb[title].conditional_formatting for r in cf.rules]
        assert rules, title


def test_ranking_formulas_point_at_the_weight_cells(report):
    ws = openpyxl.load_workbook(report)["Ranking"]
    assert [ws[c].value for c in ("G3", "H3", "I3")] == [40, 40, 20]
    assert ws["J3"].value == "=SUM(G3:I3)"
    assert ws["G5"].value == "=D5*G$3"
    assert ws["J5"].value == "=SUM(G5:I5)"
    # Totals compared rounded to 4 decimals, as the tool ranks them (test_red_team_numbers).
    assert ws["K5"].value == "=1+SUMPRODUCT(--(ROUND($J$5:$J$7,4)>ROUND(J5,4)))"
    # lot L2 ranks within its own rows
    assert ws["K9"].value == "=1+SUMPRODUCT(--(ROUND($J$9:$J$10,4)>ROUND(J9,4)))"


def test_cached_values_are_scorings_numbers(report, result):
    ws = openpyxl.load_workbook(report, data_only=True)["Ranking"]
    expected = {
        r["supplier"]: r
        for r in result.results.filter(
            (pl.col("lot") == "L1") & (pl.col("status") == "ranked")
        ).iter_rows(named=True)
    }
    for row in (5, 6, 7):
        bid = expected[ws.cell(row=row, column=2).value]
        assert ws.cell(row=row, column=7).value == bid["price_score"]
        assert ws.cell(row=row, column=10).value == bid["total"]
        assert ws.cell(row=row, column=11).value == bid["rank"]
    assert ws["J3"].value == 100


def test_bid_text_is_never_a_formula(report):
    wb = openpyxl.load_workbook(report)
    found = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == DENEB]
    assert len(found) >= 4
    assert all(c.data_type == "s" for c in found)


def test_quality_sheet_shows_each_evaluator_spread_and_consensus(report):
    ws = openpyxl.load_workbook(report)["Quality"]
    rows = {
        (
            ws.cell(row=r, column=1).value,
            ws.cell(row=r, column=2).value,
            ws.cell(row=r, column=3).value,
        ): [ws.cell(row=r, column=c).value for c in range(4, 18)]
        for r in range(5, ws.max_row + 1)
    }
    deneb_q1 = rows[("L1", DENEB, "Q1")]
    assert deneb_q1[0] == "Service delivery model"
    assert deneb_q1[1] == "Evaluator Ann Quill: 2; Evaluator Bob Reed: 0"
    assert deneb_q1[2:6] == [0, 2, 2, "no"]
    assert deneb_q1[6:9] == [1, 2, 2]  # mean of counted scores, consensus, score used
    assert deneb_q1[9] == pytest.approx(0.4 * 20)  # weighted points
    assert deneb_q1[11] == f"{DENEB} L1 Q1: agreed"
    assert deneb_q1[12] == "Cara Chair"  # who recorded the consensus: the audit trail's "who"
    # and where: the file and cell the consensus was read from (the result's source and cell)
    assert deneb_q1[13] == "scores/moderation.xlsx › Moderation › D5"
    # A discrepancy shades the whole row, its last column (Consensus from) too.
    (shaded,) = [str(r.sqref) for r in ws.conditional_formatting]
    assert shaded == f"A5:Q{ws.max_row}"
    assert ("L1", ALDEBARAN, "SV1") not in rows  # social value has its own sheet


def test_social_value_sheet_lists_commitments(report):
    ws = openpyxl.load_workbook(report)["Social value commitments"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert ws["A1"].value == "Quantitative social value commitments"
    assert 52_000 in values and "2026 illustrative" in values


def test_price_build_up_gives_file_sheet_and_cell_of_each_rate_uplift_and_volume(report):
    build_up = sheet_table(
        openpyxl.load_workbook(report)["Price build-up"], "Lot", "Supplier", "Item"
    )
    row = next(r for r in build_up if (r["Lot"], r["Supplier"]) == ("L2", ALDEBARAN))
    assert row["Unit rate (£)"] == pytest.approx(333_333.33 / 30_000)
    assert (row["File"], row["Unit rate cell"], row["Uplift cell"]) == (
        bid_file(ALDEBARAN),
        "Prices › G6",
        "Prices › H6",
    )
    assert row["Volume from"] == "tender.toml › lots › L2 › volumes.care_hours"
    assert len(build_up) == 6 and all(r["File"] and r["Unit rate cell"] for r in build_up)


def test_social_value_commitments_give_file_sheet_and_cell(report):
    commitments = sheet_table(
        openpyxl.load_workbook(report)["Social value commitments"], "Lot", "Supplier", "Measure"
    )
    row = next(r for r in commitments if (r["Lot"], r["Supplier"]) == ("L1", BETELGEUSE))
    assert (row["Units"], row["Amount (£)"]) == (26, 26_000)
    assert (row["File"], row["Cell"]) == (bid_file(BETELGEUSE), "Social value › C5")


def test_audit_records_approval_hashes_settings_and_run_time(report):
    ws = openpyxl.load_workbook(report)["Audit"]
    pairs = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
        for r in range(1, ws.max_row + 1)
    }
    assert pairs["Plan approved by"] == "Adult Social Care Cabinet Committee"
    assert pairs["Plan approved on"] == "2026-01-14"
    assert pairs[RUN_TIME_LABEL] == "2026-03-01 10:00:00"
    assert pairs["Scoring setting: seed"] == 42
    assert pairs["bids/aldebaran.xlsx"] == "bid"
    assert "price.method" in pairs and "Report writer: openpyxl version" in pairs
    column_c = [ws.cell(row=r, column=3).value for r in range(1, ws.max_row + 1)]
    assert "b" * 64 in column_c


def test_workbook_dates_come_from_the_run(report):
    props = openpyxl.load_workbook(report).properties
    assert props.created.isoformat() == props.modified.isoformat() == "2026-03-01T10:00:00"


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def test_two_runs_on_the_same_result_give_the_same_cells(result, tmp_path):
    first = write_report(result, tmp_path / "a.xlsx")
    later = dataclasses.replace(
        result, settings={**result.settings, "run_time": "2026-03-02T09:30:00"}
    )
    second = write_report(later, tmp_path / "b.xlsx")
    a, b = _cells(first), _cells(second)
    differing = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
    assert len(differing) == 1
    ((sheet, coord),) = differing
    assert sheet == "Audit" and a[("Audit", f"A{coord[1:]}")] == RUN_TIME_LABEL
    # With the same run time even the bytes are the same.
    assert first.read_bytes() == write_report(result, tmp_path / "c.xlsx").read_bytes()


def test_a_lot_without_valid_bids_says_so(result, tmp_path):
    no_bids = dataclasses.replace(result, results=result.results.filter(pl.col("lot") != "L2"))
    ws = openpyxl.load_workbook(write_report(no_bids, tmp_path / "r.xlsx"))["Summary"]
    assert ws["C6"].value == "no valid bid"
    assert len(ws._charts) == 1


def test_zero_weight_pillar_does_not_divide_by_zero(result, tmp_path):
    ws = openpyxl.load_workbook(write_report(result, tmp_path / "r.xlsx"))["Ranking"]
    shares = [ws.cell(row=r, column=c).value for r in (5, 6, 7) for c in (4, 5, 6)]
    assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in shares)


def test_flag_codes_are_shown_in_words() -> None:
    from tendereval.report.views import flag_label

    assert flag_label("close_call") == "close call"
    assert flag_label("abnormally_low.median") == "abnormally low (median)"
    assert flag_label("price.award_on_value_guard") == "price (award on value guard)"


def test_the_audit_sheet_records_every_conflict_of_interest_declaration(result, tmp_path):
    """The declarations (who declared what, when, and what was done with the scores) were
    read but never reached the report a committee or a court reads."""
    import dataclasses

    from tendereval.io import frames as F

    declarations = F.frame(
        "declarations",
        [
            {"evaluator": "Ann Quill", "group": "", "declared_on": "2026-03-02",
             "conflict": "declared", "conflicted_suppliers": ["Deneb Care"],
             "source": "scores/ann.xlsx"},
            {"evaluator": "Bob Reed", "group": "", "declared_on": None, "conflict": "",
             "conflicted_suppliers": [], "source": "scores/bob.xlsx"},
        ],
    )  # fmt: skip
    path = write_report(dataclasses.replace(result, declarations=declarations), tmp_path / "r.xlsx")
    rows = [r[:7] for r in openpyxl.load_workbook(path)["Audit"].iter_rows(values_only=True)]
    start = rows.index(("Conflict-of-interest declarations", *[None] * 6))
    assert rows[start + 2] == (
        "Ann Quill", "main panel", "2026-03-02", "declared", "Deneb Care", "left out",
        "scores/ann.xlsx",
    )  # fmt: skip
    assert rows[start + 3][:4] == ("Bob Reed", "main panel", None, "not declared")


def test_the_audit_names_the_versions_importlib_metadata_gives() -> None:
    """The versions are read from the dist-info folders (importing importlib.metadata cost
    30 ms of every score); they must be the same."""
    import importlib.metadata

    from tendereval.report.audit import PACKAGES, versions

    assert versions() == {name: importlib.metadata.version(name) for name in PACKAGES}


def test_price_build_up_says_item_prices_to_the_penny_may_not_add_up_to_the_price(tmp_path):
    """The red team's case (report/repro_3.py): Bluebell's CAN items are shown as
    £13,204,580.81 and £668,136.47, which add up to £13,872,717.28, and its evaluated price,
    their sum unrounded, is shown as £13,872,717.29. The sheet said nothing of it, as the
    Summary sheet does for points; a note under its title now does (a note only: writers
    never recompute)."""
    result = tendereval.score(example_copy(tmp_path, "homecare-districts"), sensitivity=False)
    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    build_up = sheet_table(book["Price build-up"], "Lot", "Supplier", "Item")
    bluebell = [
        round(r["Item price (£)"], 2)
        for r in build_up
        if (r["Lot"], r["Supplier"]) == ("CAN", "Bluebell Homecare Ltd")
    ]
    assert sorted(bluebell) == [668_136.47, 13_204_580.81]
    price = sheet_table(book["Price"], "Lot", "Supplier")
    [evaluated] = [
        r["Evaluated price (£)"]
        for r in price
        if (r["Lot"], r["Supplier"]) == ("CAN", "Bluebell Homecare Ltd")
    ]
    assert round(evaluated, 2) == 13_872_717.29 != round(sum(bluebell), 2) == 13_872_717.28
    notes = " ".join(str(book["Price build-up"].cell(row, 1).value) for row in (2, 3))
    assert "item prices shown to the penny may not add up to the evaluated price" in notes
