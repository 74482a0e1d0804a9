"""Dates are read and written in English whatever the process's locale.

Found by a red team: strftime's %B and %A, and strptime's %B and %b, follow the locale. A
notebook that called ``locale.setlocale`` (to cy_GB, or de_DE) made the PCR award decision
notice say "14 Mehefin 2027", and '2 June 2027' in decisions.toml stopped being a date, so the
summaries were held back. Month and day names now come from one table (tendereval.wording).
"""

from __future__ import annotations

import ast
import datetime as dt
import locale
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.award.working_days import pcr_standstill_ends
from tendereval.io.cells import parse_date
from tendereval.wording import in_words, with_weekday
from tests.example_copies import example_copy

SRC = Path(__file__).resolve().parents[1] / "src" / "tendereval"
_BY_LOCALE = ("%a", "%A", "%b", "%B", "%c", "%x", "%X", "%p")


def _formats_in(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each format a date is written or read with in the code: an f-string's format spec
    (``f"{day:%B}"``) and the format given to strftime, strptime or format."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and isinstance(node.format_spec, ast.JoinedStr):
            for part in node.format_spec.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield node.lineno, part.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("strftime", "strptime", "format"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield node.lineno, arg.value
        elif isinstance(node, ast.Tuple):  # a tuple of formats tried in turn
            for item in node.elts:
                if isinstance(item, ast.Constant) and str(item.value).startswith("%"):
                    yield node.lineno, str(item.value)


def test_no_date_is_written_or_read_with_the_locales_names() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}: {text!r}"
        for path in sorted(SRC.rglob("*.py"))
        for line, text in _formats_in(ast.parse(path.read_text(encoding="utf-8")))
        if any(code in text for code in _BY_LOCALE)
    ]
    assert found == []


def test_the_words_are_english() -> None:
    assert in_words(dt.date(2027, 6, 14)) == "14 June 2027"
    assert with_weekday(dt.date(2027, 6, 14)) == "Monday 14 June 2027"
    assert [parse_date(t)[0] for t in ("2 June 2027", "2 jun 2027", "02 JUNE 2027")] == [
        "2027-06-02"
    ] * 3
    assert parse_date("31 June 2027")[0] is None and parse_date("2 Juni 2027")[0] is None


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The de_DE locale, built into a folder of the test's (most machines have only C)."""
    if shutil.which("localedef") is None:
        pytest.skip("localedef is not on this machine")
    folder = tmp_path_factory.mktemp("locale")
    subprocess.run(
        ["localedef", "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
        capture_output=True,
        check=False,
    )
    patch = pytest.MonkeyPatch()
    patch.setenv("LOCPATH", str(folder))
    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
    except locale.Error:
        patch.undo()
        pytest.skip("the de_DE locale could not be built here")
    assert f"{dt.date(2027, 6, 14):%B}" == "Juni"  # the locale is in force
    yield "de_DE.UTF-8"
    locale.setlocale(locale.LC_ALL, before)
    patch.undo()


def test_under_another_locale_the_dates_are_still_english(german: str) -> None:
    assert parse_date("2 June 2027")[0] == "2027-06-02"
    assert with_weekday(dt.date(2027, 6, 14)) == "Monday 14 June 2027"
    # Saturday 12 and Sunday 13 June are passed over, named as days of the week.
    assert pcr_standstill_ends(dt.date(2027, 6, 2)) == (
        dt.date(2027, 6, 14),
        [(dt.date(2027, 6, 12), "Saturday"), (dt.date(2027, 6, 13), "Sunday")],
    )


def test_a_pcr_summary_under_another_locale_says_the_same(german: str, tmp_path: Path) -> None:
    """The red team's case: the sending date typed in words, the end stated in the notice."""
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(plan.read_text().replace('regime = "PA2023"', 'regime = "PCR2015"'))
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = '2 June 2027'\nstarts_on = 2027-06-03\n"
        "ends_on = 2027-06-14\n"
    )
    sent = tendereval.summaries(folder, tmp_path / "out")
    assert sent.ready
    front = openpyxl.load_workbook(sent.paths[0]).worksheets[0]
    rows = front.iter_rows(values_only=True)
    (stated,) = [row[1] for row in rows if row[0] == "Standstill period"]
    assert "at the end of 14 June 2027 (Public Contracts Regulations 2015" in stated
