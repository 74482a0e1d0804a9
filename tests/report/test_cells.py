"""Safe text, table writing and atomic saving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.report import cells
from tendereval.report.book import Workbook
from tendereval.report.cells import atomic_save, put, safe_text

WHEN = dt.datetime(2026, 3, 1, 10, 0, 0)
HOSTILE = '=HYPERLINK("http://x","y")'


def _round_trip(tmp_path: Path, value: str) -> openpyxl.cell.Cell:
    wb = Workbook()
    safe_text(wb.active["A1"], value)
    atomic_save(wb, tmp_path / "t.xlsx", when=WHEN)
    return openpyxl.load_workbook(tmp_path / "t.xlsx").active["A1"]


def test_a_supplier_named_like_a_formula_stays_text(tmp_path):
    cell = _round_trip(tmp_path, HOSTILE)
    assert cell.value == HOSTILE
    assert cell.data_type == "s"


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30).map(
        lambda s: "=" + s
    )
)
def test_any_text_starting_with_equals_comes_back_unchanged(tmp_path_factory, text):
    cell = _round_trip(tmp_path_factory.mktemp("t"), text)
    expected = cells.ILLEGAL_CHARACTERS_RE.sub("", text)
    # XML turns every line ending into a line feed; everything else is kept as written.
    assert cell.value == expected.replace("\r\n", "\n").replace("\r", "\n")
    assert cell.data_type == "s"


def test_control_characters_are_dropped_not_fatal(tmp_path):
    assert _round_trip(tmp_path, "Acme\x00 Care\x07").value == "Acme Care"


def test_put_writes_booleans_lists_and_skips_missing():
    ws = Workbook().active
    put(ws["A1"], True)
    put(ws["A2"], ["a", None, "b"])
    put(ws["A3"], float("nan"))
    put(ws["A4"], None)
    put(ws["A5"], 1234.5, '"£"#,##0.00')
    assert [ws[f"A{i}"].value for i in range(1, 6)] == ["yes", "a; b", None, None, 1234.5]
    assert ws["A5"].number_format == '"£"#,##0.00'


def test_put_formula_refuses_anything_but_a_formula():
    ws = Workbook().active
    with pytest.raises(ValueError):
        cells.put_formula(ws["A1"], "SUM(A2:A3)")


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "report.xlsx"
    wb = Workbook()
    put(wb.active["A1"], "first")
    atomic_save(wb, target, when=WHEN)
    before = target.read_bytes()

    def fail(*args, **kwargs):
        # The temporary file exists by now: the failure comes mid-write.
        temps = list(tmp_path.glob(".report.xlsx.*.tmp"))
        assert len(temps) == 1
        raise OSError("disk full")

    monkeypatch.setattr(cells, "_finish_package", fail)
    put(wb.active["A1"], "second")
    with pytest.raises(OSError, match="disk full"):
        atomic_save(wb, target, when=WHEN)
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]


def test_the_same_workbook_saves_to_the_same_bytes(tmp_path):
    def save(name: str) -> bytes:
        wb = Workbook()
        put(wb.active["A1"], "same")
        return atomic_save(wb, tmp_path / name, when=WHEN).read_bytes()

    assert save("a.xlsx") == save("b.xlsx")


def test_cached_values_are_stored_for_formula_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet & co"
    put(ws["A1"], 2)
    put(ws["A2"], 3)
    cells.put_formula(ws["A3"], "=A1*A2")
    atomic_save(wb, tmp_path / "t.xlsx", when=WHEN, cached={"Sheet & co": {"A3": 6.0}})
    assert openpyxl.load_workbook(tmp_path / "t.xlsx", data_only=True).active["A3"].value == 6
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").active["A3"].value == "=A1*A2"


def test_a_cached_value_for_a_cell_without_a_formula_is_a_bug(tmp_path):
    wb = Workbook()
    put(wb.active["A1"], 1)
    with pytest.raises(ValueError, match="no formula cell"):
        atomic_save(wb, tmp_path / "t.xlsx", when=WHEN, cached={"Sheet": {"A1": 1.0}})
    assert not (tmp_path / "t.xlsx").exists()
