"""Invariants over generated tenders (hypothesis): no bid is lost or counted twice, the result
does not depend on the order of files on disk, and mangled workbooks never crash the loaders.

Workbooks are built once per variant and copied, so each example costs only a load and a
score; example counts are bounded so the whole file runs in seconds.
"""

from __future__ import annotations

import contextlib
import functools
import io
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import IllegalCharacterError

from tendereval.io.tender import load_tender
from tendereval.report.excel import build_report
from tendereval.scoring.combine import score
from tests.io.builders import bid_workbook, score_rows, score_workbook, write_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "carers-short-breaks"
NAMES = ("Acme Care Ltd", "Bright Futures CIC", "Carers First", "Dovetail Homecare")
STATES = {"ranked", "disqualified", "invalid"}
RATE_CELLS = (("L1", "hours"), ("L1", "visits"), ("L2", "hours"), ("L2", "visits"))
DEFECTS = ("none", "garbage", "no_prices_sheet", "no_organisation_sheet")
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# ---- Building bids once, copying them many times ----------------------------------------

# A rate cell is filled (20.0), a placeholder ("TBC") or left blank (None).
rate = st.sampled_from([20.0, 35.5, "TBC", None])
bid_spec = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(DEFECTS),
    st.tuples(*[rate] * len(RATE_CELLS)),
)


@functools.cache
def _bid_bytes(name: str, defect: str, rates: tuple) -> bytes:
    if defect == "garbage":
        return b"PK\x03\x04" + bytes(range(256)) * 3
    leave_out = {"no_prices_sheet": ("Prices",), "no_organisation_sheet": ("Organisation",)}
    with tempfile.TemporaryDirectory() as folder:
        path = bid_workbook(
            Path(folder) / "bid.xlsx",
            name,
            rates=dict(zip(RATE_CELLS, rates, strict=True)),
            leave_out=leave_out.get(defect, ()),
        )
        return path.read_bytes()


@functools.cache
def _scores_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return score_workbook(Path(folder) / "ann.xlsx", score_rows(NAMES)).read_bytes()


def _expected_lots(defect: str, rates: tuple) -> set[str | None]:
    """The lots a bid file appears in: each lot with any rate cell filled in (a placeholder
    counts: the bid is for that lot, and invalid there); one row with no lot when nothing
    usable was read."""
    if defect in ("garbage", "no_prices_sheet"):
        return {None}
    lots = {lot for (lot, _), value in zip(RATE_CELLS, rates, strict=True) if value is not None}
    return lots or {None}


def _tender(folder: Path, specs: list[tuple]) -> dict[str, tuple]:
    write_plan(folder)
    (folder / "bids").mkdir()
    (folder / "scores").mkdir()
    (folder / "scores" / "ann.xlsx").write_bytes(_scores_bytes())
    files = {}
    for index, spec in enumerate(specs):
        label = f"bids/file{index:02d}.xlsx"
        (folder / label).write_bytes(_bid_bytes(*spec))
        files[label] = spec
    return files


# ---- Conservation ------------------------------------------------------------------------


@FAST
@given(st.lists(bid_spec, min_size=1, max_size=5))
def test_every_bid_appears_once_per_lot_it_bid_for(specs):
    """Conservation: each bid file is in the results once per lot it bid for, in one of the
    three states — never silently dropped or duplicated. Two files under one supplier name are
    both kept, and every bid of that supplier is invalid until the buyer decides which stands;
    two files of the same bytes are one bid return, read from the first and naming the other
    (io/copies.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = _tender(Path(tmp) / "tender", specs)
        tender = load_tender(Path(tmp) / "tender")
        results = score(tender, sensitivity=False).results

    # (The labels are all of one length: the first by name is read. A file naming no supplier,
    # garbage or with no Organisation sheet, is nobody's copy: two suppliers can send those.)
    read_as: dict[bytes | str, str] = {}
    for label in sorted(files, key=str.casefold):
        names = files[label][1] in ("none", "no_prices_sheet")
        read = read_as.setdefault(_bid_bytes(*files[label]) if names else label, label)
        if read != label:
            assert results.filter(pl.col("source") == label).is_empty()
            assert any(
                p.code == "bid.copy" and p.file == read and label in p.message
                for p in tender.problems
            )
    files_per_name: dict[str, list[str]] = {}
    expected_rows = 0
    for label in sorted(read_as.values(), key=str.casefold):
        name, defect, rates = files[label]
        key = Path(label).stem if defect in ("garbage", "no_organisation_sheet") else name
        files_per_name.setdefault(key, []).append(label)
        mine = results.filter(pl.col("source") == label)
        lots = mine["lot"].to_list()
        assert sorted(lots, key=str) == sorted(_expected_lots(defect, rates), key=str), mine
        assert len(lots) == len(set(lots))  # once per lot
        assert set(mine["status"]) <= STATES
        if None in lots:
            assert mine["status"].to_list() == ["invalid"]
        expected_rows += len(lots)
    assert results.height == expected_rows
    for labels in files_per_name.values():
        if len(labels) > 1:
            twice = results.filter(pl.col("source").is_in(labels))
            assert set(twice["status"]) == {"invalid"}, twice
            assert any(p.code == "bid.twice" and p.file == labels[1] for p in tender.problems)


# ---- Determinism -------------------------------------------------------------------------


def _report_cells(result) -> dict[tuple[str, str], object]:
    """Every cell's value in the evaluation report, except the Audit sheet's run time."""
    wb, _ = build_report(result)
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[(ws.title, cell.coordinate)] = cell.value
    return {
        where: value
        for where, value in cells.items()
        if not (where[0] == "Audit" and _is_run_time(cells, where))
    }


def _is_run_time(cells: dict, where: tuple[str, str]) -> bool:
    """A value on the Audit sheet whose label (column A of its row) names the run time."""
    sheet, coordinate = where
    row = "".join(ch for ch in coordinate if ch.isdigit())
    label = str(cells.get((sheet, f"A{row}"), "")).casefold()
    return label.startswith("time of the run")


def _copy_in_order(source: Path, target: Path, order: list[Path]) -> None:
    """Copy ``source`` into ``target`` creating the files in ``order`` (directory listing
    order on many file systems follows creation order)."""
    target.mkdir(parents=True)
    for path in order:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def _scored(folder: Path, listing: str, monkeypatch: pytest.MonkeyPatch):
    """Score ``folder`` while Path.iterdir lists files in the given ``listing`` order."""
    real = Path.iterdir

    def listed(self):
        items = list(real(self))
        if listing == "reversed":
            return iter(sorted(items, reverse=True))
        if listing == "shuffled":
            random.Random(7).shuffle(items)
        return iter(items)

    monkeypatch.setattr(Path, "iterdir", listed)
    try:
        return score(load_tender(folder), samples=500)
    finally:
        monkeypatch.undo()


def test_results_do_not_depend_on_file_order(tmp_path, monkeypatch):
    files = sorted(
        p
        for p in EXAMPLE.rglob("*")
        if p.is_file() and "reports" not in p.relative_to(EXAMPLE).parts
    )
    runs = {}
    for listing, order in (
        ("sorted", files),
        ("reversed", files[::-1]),
        ("shuffled", random.Random(3).sample(files, len(files))),
    ):
        folder = tmp_path / listing / "tender"
        _copy_in_order(EXAMPLE, folder, order)
        runs[listing] = _scored(folder, listing, monkeypatch)
    first = runs["sorted"]
    assert first.results.height > 0
    for listing, result in runs.items():
        for name in ("results", "criteria", "flags", "win_probability", "tipping_points"):
            assert getattr(result, name).equals(getattr(first, name)), (listing, name)
        assert [str(p) for p in result.problems] == [str(p) for p in first.problems]
    cells = _report_cells(first)
    assert len(cells) > 100
    for listing in ("reversed", "shuffled"):
        assert _report_cells(runs[listing]) == cells, listing


# ---- Robustness --------------------------------------------------------------------------

SHEETS = ("Organisation", "Supply chain", "Prices", "Packages", "Social value")
cell_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.datetimes(),
    st.sampled_from(["TBC", "=1/0", "£1,234.50", "1\u00a0234,5", "-", "yes", "L1", "hours"]),
)
cell_edit = st.tuples(st.sampled_from(SHEETS), st.integers(1, 12), st.integers(1, 10), cell_value)
sheet_edit = st.tuples(
    st.sampled_from(("delete", "rename")), st.sampled_from(SHEETS), st.text(min_size=1, max_size=12)
)
byte_edit = st.one_of(
    st.tuples(
        st.just("flip"),
        st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    ),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
)
part_edit = st.tuples(st.integers(0, 20), st.binary(max_size=200))


@functools.cache
def _good_bid() -> bytes:
    return _bid_bytes(NAMES[0], "none", (20.0, 35.5, 20.0, 35.5))


def _edited(cells: list, sheets: list) -> bytes:
    wb = load_workbook(io.BytesIO(_good_bid()))
    for sheet, row, column, value in cells:
        if sheet in wb.sheetnames:
            if isinstance(value, str):  # control characters as Excel writes them, so they
                # reach the loaders (openpyxl refuses them raw)
                value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
            cell = wb[sheet].cell(row, column)
            kept = cell.value
            try:
                cell.value = value
            except (ValueError, TypeError, IllegalCharacterError):
                cell.value = kept  # openpyxl marks the cell as text before refusing a value
    for action, sheet, new_name in sheets:
        if sheet in wb.sheetnames and len(wb.sheetnames) > 1:
            if action == "delete":
                del wb[sheet]
            else:
                with contextlib.suppress(ValueError):  # a name Excel does not allow
                    wb[sheet].title = new_name
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _bytes_mangled(data: bytes, edit: tuple) -> bytes:
    kind, detail = edit
    if kind == "truncate":
        return data[: int(len(data) * detail)]
    mangled = bytearray(data)
    for where, value in detail:
        mangled[min(int(where * len(mangled)), len(mangled) - 1)] = value
    return bytes(mangled)


def _part_replaced(data: bytes, edit: tuple) -> bytes:
    """One part of the zip (chosen by index) replaced with arbitrary bytes: the zip stays
    valid, so the damage is only found when that part is parsed."""
    index, content = edit
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victim = names[index % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, content if name == victim else source.read(name))
    return out.getvalue()


def _loads_without_raising(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "tender"
        write_plan(folder)
        (folder / "bids").mkdir()
        (folder / "bids" / "mangled.xlsx").write_bytes(data)
        tender = load_tender(folder)  # must not raise, whatever the file holds
        assert tender.bids.filter(pl.col("source") == "bids/mangled.xlsx").height >= 1
        score(tender, sensitivity=False)


@FAST
@given(st.lists(cell_edit, max_size=6), st.lists(sheet_edit, max_size=2))
def test_loaders_survive_cells_of_any_type_and_missing_or_renamed_sheets(cells, sheets):
    _loads_without_raising(_edited(cells, sheets))


@settings(max_examples=40, deadline=None)
@given(byte_edit)
def test_loaders_survive_corrupted_bytes(edit):
    _loads_without_raising(_bytes_mangled(_good_bid(), edit))


@settings(max_examples=30, deadline=None)
@given(part_edit)
def test_loaders_survive_a_damaged_part_inside_a_valid_zip(edit):
    _loads_without_raising(_part_replaced(_good_bid(), edit))
