"""Red team (helper O, round 4): two totals that are ranked apart although they differ by less
than a ten-thousandth of a point.

Price 60, quality 40 (Q1 on 0-5, 8 points a step), lowest price ratio, 1,000 hours a year for
2 years. Cedar bids £1 an hour (the lowest: 60 price points) and scores Q1 0: 60. Ash bids
£1.129 (60 / 1.129 = 53.14437...) and scores 2 (16): 69.14437... Birch bids £1.32907
(60 / 1.32907 = 45.14434...) and scores 3 (24): 69.14434... The totals are 0.0000265 apart
but lie either side of 69.14435, so compared to 4 decimal places (the rule every command ranks
by: tendereval.comparison) they are 69.1444 and 69.1443: Ash is first without the tie-break.

Found by the red team: the margin to the runner-up was the unrounded 0.0000265, shown "0.00" in
the report and "first and second are 0.0 points apart" on the terminal and the Flags sheet,
beside a ranking that did not call them equal. The margin is now the one the ranking compares:
0.0001 points, shown as such everywhere.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.report.excel import write_report
from tendereval.report.summaries import write_summaries
from tests.award.red_team_tenders import PLAN, Bid, tender_folder
from tests.report.test_red_team_numbers import decimals_shown


def straddling_totals(folder: Path) -> Path:
    return tender_folder(
        folder,
        ["A"],
        [
            Bid("Ash Care", "A", 1.129, q1=2),
            Bid("Birch Care", "A", 1.32907, q1=3),
            Bid("Cedar Care", "A", 1.0, q1=0),
        ],
    )


@pytest.fixture(scope="module")
def straddle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tendereval.ScoreResult]:
    folder = straddling_totals(tmp_path_factory.mktemp("straddle"))
    return folder, tendereval.score(folder, sensitivity=False)


def test_the_tender_really_has_totals_ranked_apart_by_less_than_a_ten_thousandth(straddle):
    _, result = straddle
    totals = dict(result.results.select("supplier", "total").rows())
    assert totals["Ash Care"] == pytest.approx(60 / 1.129 + 16)
    assert totals["Birch Care"] == pytest.approx(60 / 1.32907 + 24)
    assert 0 < totals["Ash Care"] - totals["Birch Care"] < 0.00005
    assert round(totals["Ash Care"], 4) == 69.1444 and round(totals["Birch Care"], 4) == 69.1443
    ranks = dict(result.results.select("supplier", "rank").rows())
    assert ranks == {"Ash Care": 1, "Birch Care": 2, "Cedar Care": 3}
    assert result.flags.filter(result.flags["code"].str.starts_with("tie")).is_empty()


def test_the_margin_is_the_one_the_ranking_compares_and_is_never_shown_as_zero(straddle, tmp_path):
    folder, result = straddle
    winner = result.results.filter(result.results["rank"] == 1).row(0, named=True)
    assert winner["margin_to_next"] == pytest.approx(0.0001, abs=1e-12)
    close = result.flags.filter(result.flags["code"] == "close_call")["message"].to_list()
    assert close and all(m.startswith("first and second are 0.0001 points apart") for m in close)

    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    summary = next(r for r in book["Summary"].iter_rows() if r[0].value == "A")
    ranking = {r[1].value: r for r in book["Ranking"].iter_rows() if r[0].value == "A"}
    for cell in (summary[8], ranking["Ash Care"][12]):
        assert cell.value == pytest.approx(0.0001, abs=1e-12)
        assert decimals_shown(cell.number_format) >= 4, cell.number_format

    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert "first and second are 0.0001 points apart" in out.output
    assert "0.0 points apart" not in out.output


def shown(value: float, number_format: str) -> str:
    """``value`` as a number format of digit placeholders shows it: '0.00##' shows 69.14437
    as 69.1444 and 94 as 94.00 (a '0' always shows its digit, a '#' only when not a trailing
    zero). Python's rounding stands in for Excel's: no total here lies near a halfway point."""
    section = number_format.split(";")[0]
    decimals = section.split(".", 1)[1] if "." in section else ""
    text = f"{value:.{len(decimals)}f}"
    keep = len(decimals) - len(decimals.rstrip("#"))
    whole, _, fraction = text.partition(".")
    fraction = fraction[: len(fraction) - keep] + fraction[len(fraction) - keep :].rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def test_shown_reads_number_formats_as_excel_does():
    assert shown(69.14437555, "0.00##") == "69.1444"
    assert shown(94.0, "0.00##") == "94.00"
    assert shown(93.99999999999999, "0.00##") == "94.00"
    assert shown(69.14437555, "0.00") == "69.14"
    assert shown(51.085, "0.0000") == "51.0850" and shown(94.0, "0.0000") == "94.0000"


def test_a_bidder_ranked_below_an_equal_looking_total_sees_the_totals_differ(straddle, tmp_path):
    """Birch's assessment summary showed its total 69.14 and the most advantageous tender's
    69.14, with only "Another tender was more advantageous.": a bidder reads a tie lost with no
    tie-break. Totals are now shown to the 4 decimal places they are compared in, in the
    summaries and in the report."""
    _, result = straddle
    written = write_summaries(result, tmp_path / "summaries")
    book = openpyxl.load_workbook(next(p for p in written if p.name.startswith("birch")))
    outcome = next(r for r in book["Summary"].iter_rows() if r[0].value == "A")
    assert shown(outcome[3].value, outcome[3].number_format) == "69.1443"
    totals = [r[3] for r in book["Lot A"].iter_rows() if r[1].value == "Total"]
    assert [shown(c.value, c.number_format) for c in totals] == ["69.1443", "69.1444"]

    report = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    summary = next(r for r in report["Summary"].iter_rows() if r[0].value == "A")
    assert shown(summary[3].value, summary[3].number_format) == "69.1444"
    ranking = [r[9] for r in report["Ranking"].iter_rows(min_row=5) if r[0].value == "A"]
    assert all(decimals_shown(c.number_format) == 4 for c in ranking)


def test_the_terminal_shows_the_totals_apart_even_with_no_close_call_margin(tmp_path):
    """With ``close_call_margin = 0`` no flag is raised, and the terminal showed Ash 69.14
    first and Birch 69.14 second with nothing to say why. Its Total column now shows a total to
    the 4 decimal places it is compared in, as the report does (60.0000 too)."""
    rule = 'tie_break = ["quality", "price"]'
    plan = PLAN.replace(rule, rule + "\nclose_call_margin = 0")
    folder = tender_folder(
        tmp_path / "tender",
        ["A"],
        [
            Bid("Ash Care", "A", 1.129, q1=2),
            Bid("Birch Care", "A", 1.32907, q1=3),
            Bid("Cedar Care", "A", 1.0, q1=0),
        ],
        plan=plan,
    )
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    table = [line.split() for line in out.output.splitlines() if line[:4].strip().isdigit()]
    rows = {cells[1]: cells[4] for cells in table}
    assert rows == {"Ash": "69.1444", "Birch": "69.1443", "Cedar": "60.0000"}
    assert "points apart" not in out.output


@pytest.fixture(scope="module")
def fiftieth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tendereval.ScoreResult]:
    """Ash bids £14.9995 an hour, £29,999 over 2,000 hours (60 price points), and Birch £15,
    £30,000 (60 × 29,999 / 30,000 = 59.998), both scoring Q1 3 (24): totals 84.0000 and
    83.9980, ranked apart by 0.0020 and both 84.00 at 2 decimal places; Ash, the lowest
    priced, shows its total in public. (Whole pence, as every price scored is.)"""
    folder = tender_folder(
        tmp_path_factory.mktemp("fiftieth"),
        ["A"],
        [Bid("Ash Care", "A", 14.9995, q1=3), Bid("Birch Care", "A", 15.0, q1=3)],
    )
    return folder, tendereval.score(folder, sensitivity=False)


def test_the_public_report_publishes_totals_to_the_places_they_are_compared_in(fiftieth, tmp_path):
    """The public report rounded totals to 2 places: 84.0000 and 83.9980 were published as
    84 and 84 (84.00 and 84.00) beside ranks 1 and 2 (found by the price red team)."""
    _, result = fiftieth
    assert dict(result.results.select("supplier", "rank").rows()) == {
        "Ash Care": 1,
        "Birch Care": 2,
    }
    book = openpyxl.load_workbook(write_report(result, tmp_path / "public.xlsx", public=True))
    scores = {r[1].value: r[7] for r in book["Scores"].iter_rows(min_row=5) if r[0].value == "A"}
    assert [shown(c.value, c.number_format) for c in scores.values()] == ["84.0000", "83.9980"]
    assert scores["Bidder 2"].value == 83.998  # no hidden digits beyond the 4 shown
    summary = next(r for r in book["Summary"].iter_rows() if r[0].value == "A")
    assert shown(summary[3].value, summary[3].number_format) == "84.0000"


def test_a_total_whose_last_place_is_zero_shows_all_four(fiftieth, tmp_path):
    """Format 0.00## showed 83.9980 as 83.998 (and the carers example's 51.0850 as 51.085), and
    the terminal did the same, where the docs say totals show to 4 places. Every total now
    shows all 4 (84.0000 too): no number format can drop only a pair of trailing zeros."""
    folder, result = fiftieth
    report = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    summary = next(r for r in report["Summary"].iter_rows() if r[0].value == "A")
    assert shown(summary[3].value, summary[3].number_format) == "84.0000"
    ranking = [r[9] for r in report["Ranking"].iter_rows(min_row=5) if r[0].value == "A"]
    assert ranking and all(c.number_format == "0.0000" for c in ranking)
    written = write_summaries(result, tmp_path / "summaries")
    birch = openpyxl.load_workbook(next(p for p in written if p.name.startswith("birch")))
    totals = [r[3] for r in birch["Lot A"].iter_rows() if r[1].value == "Total"]
    assert [shown(c.value, c.number_format) for c in totals] == ["83.9980", "84.0000"]

    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    table = [line.split() for line in out.output.splitlines() if line[:4].strip().isdigit()]
    assert {cells[1]: cells[4] for cells in table} == {"Ash": "84.0000", "Birch": "83.9980"}


def test_the_close_call_gives_the_margin_as_its_cells_show_it(tmp_path: Path) -> None:
    """Xavier £8.26 an hour and Q1 0: 60. Yew £13.44 (60 × 8.26 / 13.44 = 36.875) and Q1 3
    (24): 60.875, first by 0.875, which the Summary and Ranking cells show as 0.8750. The
    close call said "0.875 points apart"; as the cells show it, it is 0.8750 (red team)."""
    folder = tender_folder(
        tmp_path / "t",
        ["A"],
        [Bid("Xavier Care", "A", 8.26, q1=0), Bid("Yew Care", "A", 13.44, q1=3)],
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.winner("A") == "Yew Care"
    close = result.flags.filter(result.flags["code"] == "close_call")["message"].to_list()
    assert close
    assert set(close) == {
        "first and second are 0.8750 points apart, within the close-call margin of 1"
    }
    book = openpyxl.load_workbook(write_report(result, tmp_path / "report.xlsx"))
    ranking = {r[1].value: r for r in book["Ranking"].iter_rows(min_row=5) if r[1].value}
    margin = ranking["Yew Care"][12]
    assert margin.value == pytest.approx(0.875) and decimals_shown(margin.number_format) == 4
