"""The report recalculated by LibreOffice: every formula gives scoring's number, the files open
cleanly, and editing a weight recomputes totals and ranks (the officer's what-if).

All the workbooks go through one LibreOffice run (starting it is the slow part)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tendereval.report.cells import atomic_save
from tendereval.report.excel import build_report, write_report
from tendereval.report.summaries import write_summaries
from tendereval.scoring.combine import score

from .builders import ALDEBARAN, BETELGEUSE, DENEB, build_result
from .checks import assert_clean_run, assert_parts_parse, assert_ranking_matches
from .libreoffice import recalculate
from .test_red_team_numbers import level_totals

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def converted(tmp_path_factory, lo_profile):
    """Report, what-if copy, public report and summaries, each recalculated by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    result = build_result(folder)
    report = write_report(result, folder / "report.xlsx")
    wb = openpyxl.load_workbook(report)
    wb["Ranking"]["G3"], wb["Ranking"]["I3"] = 60, 0  # price 60 points, social value none
    wb.save(folder / "what-if.xlsx")
    # The same report with every cached result wrong: only a real recalculation can fix it.
    workbook, cached = build_report(result)
    stale = {sheet: dict.fromkeys(cells, -1.0) for sheet, cells in cached.items()}
    atomic_save(workbook, folder / "stale.xlsx", when=dt.datetime(2026, 3, 1), cached=stale)
    public = write_report(result, folder / "public.xlsx", public=True)
    summaries = write_summaries(result, folder / "summaries")
    # Totals equal to 4 decimals but not in their last binary digits (test_red_team_numbers).
    level = score(level_totals(folder / "level"), sensitivity=False)
    write_report(level, folder / "level.xlsx")
    _, done = recalculate(
        report,
        folder,
        lo_profile,
        folder / "what-if.xlsx",
        folder / "stale.xlsx",
        folder / "level.xlsx",
        public,
        *summaries,
    )
    written = [report, public, *summaries]
    return result, folder, done, written


def _after(folder: Path, name: str) -> Path:
    return folder / "recalculated" / name


def test_libreoffice_opens_every_workbook_without_complaint(converted):
    _, folder, done, written = converted
    assert_clean_run(done)
    for path in written:
        assert_parts_parse(path)
        assert_parts_parse(_after(folder, path.name))
        openpyxl.load_workbook(_after(folder, path.name))


def test_every_ranking_formula_recalculates_to_scorings_value(converted):
    result, folder, _, _ = converted
    report, recalculated = folder / "report.xlsx", _after(folder, "report.xlsx")
    assert assert_ranking_matches(report, recalculated, result) == 1 + 5 * 5
    values = openpyxl.load_workbook(recalculated, data_only=True)["Ranking"]
    # The hostile supplier name is still text after LibreOffice has recalculated everything.
    assert values["B7"].value == DENEB


def test_libreoffice_really_recalculates(converted):
    result, folder, _, _ = converted
    stale = openpyxl.load_workbook(folder / "stale.xlsx", data_only=True)["Ranking"]
    assert stale["J5"].value == -1  # what a viewer that does not recalculate would show
    assert_ranking_matches(folder / "stale.xlsx", _after(folder, "stale.xlsx"), result)


def test_editing_a_weight_recomputes_totals_and_ranks(converted):
    _, folder, _, _ = converted
    ws = openpyxl.load_workbook(_after(folder, "what-if.xlsx"), data_only=True)["Ranking"]
    rows = {ws.cell(row=r, column=2).value: r for r in (5, 6, 7)}
    # By hand: Aldebaran 1.0×60 + 0.7×40 = 88; Betelgeuse (412,345.67 ÷ 453,580.24)×60 +
    # 0.9×40 = 90.5454…; Deneb (412,345.67 ÷ 498,765.43)×60 + 0.4×40 = 65.6039…
    assert ws[f"J{rows[ALDEBARAN]}"].value == pytest.approx(88.0)
    assert ws[f"J{rows[BETELGEUSE]}"].value == pytest.approx(412_345.67 / 453_580.24 * 60 + 36)
    assert ws[f"J{rows[DENEB]}"].value == pytest.approx(412_345.67 / 498_765.43 * 60 + 16)
    assert ws["J3"].value == 100
    assert [ws[f"K{rows[s]}"].value for s in (ALDEBARAN, BETELGEUSE, DENEB)] == [2, 1, 3]
    # The tool's own rank (a value, from the approved plan) does not move.
    assert ws[f"L{rows[ALDEBARAN]}"].value == 1


def test_the_live_rank_excel_computes_is_the_one_stored_for_totals_equal_to_4_decimals(converted):
    _, folder, _, _ = converted
    stored = openpyxl.load_workbook(folder / "level.xlsx", data_only=True)["Ranking"]
    after = openpyxl.load_workbook(_after(folder, "level.xlsx"), data_only=True)["Ranking"]
    live = [after[f"K{r}"].value for r in (5, 6, 7)]
    assert live == [stored[f"K{r}"].value for r in (5, 6, 7)] == [1, 1, 3]
