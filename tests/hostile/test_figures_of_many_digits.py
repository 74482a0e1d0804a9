"""A figure of more digits than Python's decimal arithmetic keeps by default (28): a number of
1e26 or more, or one under a format of 28 decimal places or more (Excel allows 30). Quoting
what such a cell shows stopped every command with an internal error (exit 3); now the cell's
problem is reported (exit 1), or there is none (exit 0), and the other bids are scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tendereval.cli import main
from tendereval.io.numformat import displayed

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "carers-short-breaks"
WEALD = "bids/weald-carers-trust.xlsx"
HELEN = "scores/helen-marsh.xlsx"
PLACES_28 = "0." + "0" * 28


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        # 1e26 as a percentage is 1e28 per cent: a 1 and 28 noughts, to one place.
        (1e26, "0.0%", "1" + "0" * 28 + ".0%"),
        # 0.1 to 28 places as a percentage: 10 per cent and 28 noughts.
        (0.1, PLACES_28 + "%", "10." + "0" * 28 + "%"),
        # 26 fours read as a float keep 16 of them; Excel shows 15, then 11 noughts.
        (44444444444444444444444444.0, "0", "444444444444444" + "0" * 11),
        # 7.25% is held as 0.07249999999999999500…: Excel shows its 15 figures, 7.25000…,
        # rounded to 7.3%, where all 17 round to 7.2%.
        (0.0725, "0.0%", "7.3%"),
        # 0.1 + 0.2 is held as 0.30000000000000004: Excel shows 0.3 and noughts to 17 places.
        (0.1 + 0.2, "0." + "0" * 17, "0.3" + "0" * 16),
        # The largest float, to 30 places, grouped: 309 digits before the point, 15 of them
        # figures (1.79769313486232E+308, as Excel shows it), the rest noughts.
        (1.7976931348623157e308, "#,##0." + "0" * 30, None),
        # A carry at the last digit still rounds halves away from zero.
        (999.5, "0", "1000"),
        (2.675, "0.00", "2.68"),
    ],
)
def test_a_figure_of_many_digits_is_shown_in_full(value: float, code: str, shown: str) -> None:
    found = displayed(value, code)
    if shown is None:
        whole, places = found.split(".")
        assert whole.startswith("179,769,313,486,232,000,000,") and places == "0" * 30
        assert len(whole.replace(",", "")) == 309
    else:
        assert found == shown


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return stopped.value.code, out.out + out.err


def _tender(tmp_path: Path, workbook: str, change: Any) -> Path:
    """The carers example copied, with ``change`` made to one of its workbooks' sheets."""
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    book = openpyxl.load_workbook(folder / workbook)
    change(book)
    book.save(folder / workbook)
    return folder


def _set(sheet: str, ref: str, value: float) -> Any:
    def change(book: Any) -> None:
        book[sheet][ref] = value

    return change


def _formatted(code: str, *ranges: tuple[str, str]) -> Any:
    def change(book: Any) -> None:
        for sheet, cells in ranges:
            for row in book[sheet][cells]:
                for cell in row:
                    cell.number_format = code

    return change


ROUTES = {
    # a bid's percentages (yearly uplift, subcontractors' shares) shown to 28 places
    "percentages to 28 places": (
        WEALD,
        _formatted(PLACES_28 + "%", ("Prices", "H5:H7"), ("Supply chain", "H5:H24")),
        0,
        None,
    ),
    "a yearly uplift of 1e26": (
        WEALD,
        _set("Prices", "H5", 1e26),
        1,
        f"Prices › H5: error: a yearly uplift must be between 0% and 100% (found 1{'0' * 28}.0%)",
    ),
    "a subcontractor's share of 1e30": (
        WEALD,
        _set("Supply chain", "H5", 1e30),
        1,
        "Supply chain › H5: error: a share of the work must be between 0% and 100% "
        f"(found 1{'0' * 32}.0%)",
    ),
    # (Worth more than any public contract since session 33: an error at the cell, the others
    # still scored. C5 is local jobs, counted in FTE years: C6, spend counted in pounds, is
    # read as money is, and 1e24 is refused there as more than any contract is worth.)
    "a social value commitment of 1e24 units": (
        WEALD,
        _set("Social value", "C5", 1e24),
        1,
        "Social value › C5: error: a social value commitment for lot CSB is worth more than "
        "any public contract",
    ),
    "an evaluator's scores to 28 places": (
        HELEN,
        _formatted(PLACES_28, ("Scores", "F5:F40")),
        0,
        None,
    ),
    "a score of 26 fours": (
        HELEN,
        _set("Scores", "F6", 44444444444444444444444444),
        1,
        "Scores › F6: error: a score the scale for Q2 does not allow (found 4.444444444444444e+25)",
    ),
}


@pytest.mark.parametrize("route", ROUTES)
def test_every_command_goes_on_past_a_figure_of_many_digits(route, tmp_path, capsys) -> None:
    workbook, change, exit_code, problem = ROUTES[route]
    tender = _tender(tmp_path, workbook, change)
    results = tmp_path / "results.json"
    for argv in (
        ["validate", str(tender)],
        ["score", str(tender), "--no-sensitivity", "--json", str(results)],
    ):
        code, out = run(argv, capsys)
        assert code == exit_code, (argv, out)
        if problem is not None:
            assert problem in out
    ranking = json.loads(results.read_text(encoding="utf-8"))["lots"][0]["ranking"]
    scored = {row["supplier"] for row in ranking if row["total"] is not None}
    # The four other tenders are scored whatever one return or score sheet holds.
    assert {
        "Brightwater Care Services Ltd",
        "Meridian Care Group plc",
        "Hop Garden Respite CIC",
        "Stour Valley Homecare Ltd",
    } <= scored
    assert (tender / "reports" / "csb-2026-01-evaluation.xlsx").exists()
