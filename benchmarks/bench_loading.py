"""Loading at scale: 1,000 bid-return workbooks → tidy frames, against the raw-parse floor.

    python benchmarks/bench_loading.py            # 1,000 bid returns
    python benchmarks/bench_loading.py --quick    # 100 bid returns

The bids are made once per size and cached under the system temp folder: the template is
built from the plan of the homecare example (12 lots, two price items) with
:func:`tendereval.templates.build_bid_return` and filled in once with openpyxl; each copy then
gets its own supplier name and unit rates by rewriting those values in the XML, so
generating 1,000 workbooks takes seconds, not minutes. They come in two forms:

* ``template``: as the template writer and openpyxl save them, every text in its cell;
* ``excel``: as Excel saves them, every text once in a shared strings table, each bid's
  styles slightly different from every other's (a supplier's Excel adds its own), and in
  every sheet the cell its supplier last selected, so no two bids share a sheet's bytes
  (the loader remembers parts it has seen: here it never sees one again, as with real
  returns, whose suppliers each save their own).

Three readers are timed on the same files:

* ``load_tender`` — the real loader: file checks, reading, every rule, frames; on every core
  (the pool started when the measured cost of the files repays it) and on one;
* the *floor* — the fastest raw parse available of the same cells, with no checking: the
  worksheet XML read straight from the zip with ``xml.etree.ElementTree.iterparse`` (and
  ``python-calamine`` when installed), timed single-process and over both cores;
* the *naive loop* — ``openpyxl.load_workbook`` in full mode, every cell of every sheet read.

``load_tender`` on both and calamine on one core are timed as medians of alternating runs,
and the lines starting ``TARGET`` give the issue's ratios: loading within 2x python-calamine
on one core, and two cores never slower than one (on 1,000 bids, and on 100, the issue's case).
Figures are printed, never asserted. ``run(quick)`` is what ``benchmarks/run.py`` calls.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock
from xml.etree.ElementTree import iterparse

from tendereval import layout

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "homecare-districts" / "tender.toml"
SEED = 20261122
# Placeholders typed into the one filled workbook and replaced in each copy's XML.
NAME_MARK = "Bench Supplier NAME0000"
# Replaced by each bid's own company number: one number on two bids is one organisation
# bidding twice (io/tender.py), which the loader reports.
NUMBER_MARK = "NUMBER00"
RATE_MARK = 9_990_000  # unit rates are written as RATE_MARK + n, n = 0, 1, 2, …
_RATE = re.compile(rb"<v>999(\d{4})</v>")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NUMBER_FORMATS = re.compile(rb"<numFmts[^>]*>")
FORMS = ("template", "excel")


# ---- Generating the bid returns ----------------------------------------------------------------


def base_workbook(folder: Path) -> Path:
    """One bid return built from the plan by the real template writer and filled in."""
    from openpyxl import load_workbook

    from tendereval import sheets, templates
    from tendereval.plan import load_plan

    plan, problems = load_plan(PLAN.parent)
    if plan is None:
        raise RuntimeError(f"the example plan does not load: {problems}")
    path = templates.build_bid_return(plan, folder / "base.xlsx")
    wb = load_workbook(path)
    organisation = {
        "legal_name": NAME_MARK,
        "company_number": NUMBER_MARK,
        "address": "1 High Street, Ashford, Kent",
        "org_type": "private company",
        "vcse": "no",
        "staff": 120,
        "turnover": 4_500_000,
        "balance_sheet": 1_200_000,
        "contact_name": "Tender Manager",
        "contact_email": "tenders@example.org",
    }
    form = wb[layout.BID_ORGANISATION]
    for offset, field in enumerate(layout.ORGANISATION_FIELDS):
        if field.key in organisation:
            sheets.put(
                form.cell(row=layout.FORM_FIRST_ROW + offset, column=2), organisation[field.key]
            )
    prices = wb[layout.BID_PRICES]
    keys = [c.key for c in layout.PRICE_COLUMNS]
    rate_col, uplift_col = keys.index("unit_rate") + 1, keys.index("uplift") + 1
    n = 0
    for row in range(layout.TABLE_HEADER_ROW + 1, prices.max_row + 1):
        if prices.cell(row=row, column=1).value is None:
            continue
        prices.cell(row=row, column=rate_col).value = RATE_MARK + n
        prices.cell(row=row, column=uplift_col).value = 0.03
        n += 1
    return sheets.save(wb, path)


def _rates(rng: random.Random) -> Callable[[re.Match[bytes]], bytes]:
    """Care hours around £26, waking nights around £175 (items alternate in the template)."""
    base = rng.uniform(25.2, 28.4)

    def rate(match: re.Match[bytes]) -> bytes:
        n = int(match.group(1))
        value = base + rng.uniform(-0.45, 0.45) if n % 2 == 0 else rng.uniform(158, 198)
        return f"<v>{value:.2f}</v>".encode()

    return rate


def excel_saved(path: Path) -> Path:
    """The workbook with its text in a shared strings table, as Excel saves it (the same
    rewriting the reader's tests use: ``tests/io/excel_like.py``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.io.excel_like import with_shared_strings

    target = with_shared_strings(path, path.with_name("excel.xlsx"))
    path.unlink()
    return target


def _own_styles(styles: bytes, i: int) -> bytes:
    """styles.xml with one number format of this bid's own (unused, as Excel keeps formats a
    supplier tried and dropped), so its bytes differ from every other bid's."""
    own = f'<numFmt numFmtId="{300 + i % 100}" formatCode="&quot;bid {i}&quot;0" />'.encode()
    return _NUMBER_FORMATS.sub(lambda m: m.group(0) + own, styles, count=1)


def _own_view(sheet: bytes, i: int) -> bytes:
    """A sheet with the cell this bid's supplier last selected in it (Excel saves it in every
    sheet), so no sheet of this bid has the same bytes as another bid's, as with real
    returns: a sheet the supplier never filled in still differs from bid to bid."""
    cell = f"C{5 + i}".encode()
    return sheet.replace(
        b'activeCell="A1" sqref="A1"', b'activeCell="%s" sqref="%s"' % (cell, cell)
    )


def make_bids(folder: Path, count: int, seed: int = SEED, form: str = "template") -> list[Path]:
    """``count`` bid returns in ``folder/bids`` (a tender folder with the example's plan), in
    the ``template`` or ``excel`` form (see the module's docstring)."""
    bids = folder / layout.BIDS_FOLDER
    bids.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLAN, folder / "tender.toml")
    base = base_workbook(folder)
    if form == "excel":
        base = excel_saved(base)
    with zipfile.ZipFile(base) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    base.unlink()
    rng = random.Random(seed)
    mark, number_mark = NAME_MARK.encode(), NUMBER_MARK.encode()
    paths = []
    for i in range(count):
        name = f"Bench Supplier {i:04d} Ltd".encode()
        number = f"{i:08d}".encode()
        rate = _rates(rng)
        path = bids / f"supplier-{i:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in members:
                if info.filename.startswith("xl/worksheets/"):
                    data = _RATE.sub(rate, data.replace(mark, name).replace(number_mark, number))
                    if form == "excel":
                        data = _own_view(data, i)
                elif info.filename == "xl/sharedStrings.xml":
                    data = data.replace(mark, name).replace(number_mark, number)
                elif info.filename == "xl/styles.xml" and form == "excel":
                    data = _own_styles(data, i)
                out.writestr(info, data)
        paths.append(path)
    return paths


def cached_tender(count: int, form: str = "template") -> Path:
    """A tender folder of ``count`` bids under the temp folder, made once per size, form and
    seed (and again whenever this generator's code, or the template code it uses, changes)."""
    from tendereval import sheets, template_marks, templates

    code = b"".join(
        Path(module.__file__).read_bytes() for module in (templates, template_marks, sheets)
    )
    stamp = hashlib.sha256(Path(__file__).read_bytes() + code).hexdigest()[:10]
    folder = Path(tempfile.gettempdir()) / f"tendereval-bench-{count}-{form}-{SEED}-{stamp}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        make_bids(folder, count, form=form)
        done.touch()
    return folder


# ---- The readers -------------------------------------------------------------------------------


def raw_parse(path: Path) -> int:
    """The floor: every cell value of every sheet, straight from the zip's XML, unchecked.

    Returns how many values were read (so the work cannot be optimised away)."""
    values = 0
    with zipfile.ZipFile(path) as archive:
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            with archive.open("xl/sharedStrings.xml") as stream:
                shared = [e.text for _, e in iterparse(stream) if e.tag == f"{_NS}t"]
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            with archive.open(name) as stream:
                for _, element in iterparse(stream):
                    if element.tag == f"{_NS}c":
                        values += 1
                        element.clear()
    return values + len(shared)


def calamine_parse(path: Path) -> int:
    """The floor with python-calamine (Rust), when installed."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    values = 0
    for name in workbook.sheet_names:
        for row in workbook.get_sheet_by_name(name).to_python():
            values += len(row)
    return values


def naive_load(path: Path) -> int:
    """What a first attempt does: open the whole workbook with openpyxl and read every cell."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True)
    values = sum(1 for ws in workbook for row in ws.iter_rows(values_only=True) for _ in row)
    workbook.close()
    return values


def openpyxl_read_only(path: Path) -> int:
    """openpyxl read-only, ``values_only``: every cell of every sheet."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    values = sum(1 for ws in workbook for row in ws.iter_rows(values_only=True) for _ in row)
    workbook.close()
    return values


def _over_files(reader: Callable[[Path], int], paths: list[Path]) -> int:
    return sum(reader(p) for p in paths)


def _parallel(reader: Callable[[Path], int], paths: list[Path], workers: int) -> int:
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(reader, paths, chunksize=chunk))


def calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


# ---- Timing ------------------------------------------------------------------------------------


def _time(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def run(quick: bool = False) -> dict[str, float]:
    """Print the loading figures for both forms of bid return; returns seconds per reader
    (for the runner and the docs)."""
    count = 100 if quick else 1_000
    figures: dict[str, float] = {}
    for form in FORMS:
        figures |= {f"{name} [{form}]": t for name, t in _run_form(form, count, quick).items()}
    return figures


def _run_form(form: str, count: int, quick: bool) -> dict[str, float]:
    from tendereval.io import parallel, xlsx
    from tendereval.io.tender import load_tender

    workers = parallel.available_cores()
    print(f"\n== Loading: {count:,} bid-return workbooks ({form} form) → tidy frames ==")
    start = time.perf_counter()
    folder = cached_tender(count, form)
    paths = sorted((folder / layout.BIDS_FOLDER).glob("*.xlsx"))
    print(f"{'generate (or reuse the cached) bids':<58} {time.perf_counter() - start:8.2f} s")

    loaded: dict[str, Any] = {}

    def load() -> None:
        loaded["tender"] = load_tender(folder)

    def load_here() -> None:  # every file read in this process
        with mock.patch.object(parallel, "PARALLEL_MIN_FILES", len(paths) + 1):
            load_tender(folder)

    def load_nothing_shared() -> None:  # every file read here, no sheet scan remembered
        with mock.patch.object(xlsx, "SCANNED_KEPT_BYTES", -1):
            load_here()

    repeats = 3 if quick else REPEATS
    targets = {f"load_tender ({workers} cores)": load, "load_tender (1 core)": load_here}
    if form == "template":  # its untouched sheets are the same bytes in every bid
        targets[UNSHARED] = load_nothing_shared
    if calamine_available():
        targets["floor (calamine, 1 core)"] = lambda: _over_files(calamine_parse, paths)
    figures = _medians(targets, repeats)
    tender = loaded["tender"]
    errors = [p for p in tender.problems if p.is_error]
    figures["floor (ElementTree, 1 core)"] = _time(lambda: _over_files(raw_parse, paths))
    figures[f"floor (ElementTree, {workers} cores)"] = _time(
        lambda: _parallel(raw_parse, paths, workers)
    )
    if calamine_available():
        figures[f"floor (calamine, {workers} cores)"] = _time(
            lambda: _parallel(calamine_parse, paths, workers)
        )
    naive = None
    if form == "template":  # the slow readers once: the form makes little difference to them
        figures["openpyxl read-only, values only (1 core)"] = _time(
            lambda: _over_files(openpyxl_read_only, paths)
        )
        naive_paths = paths if not quick else paths[:50]
        naive = _time(lambda: _over_files(naive_load, naive_paths)) * len(paths) / len(naive_paths)
        figures["naive loop: openpyxl full load (1 core)"] = naive
    floor_name = min((k for k in figures if k.startswith("floor")), key=figures.__getitem__)
    floor = figures[floor_name]
    print(
        f"(load_tender and calamine on one core: medians of {repeats} alternating runs; "
        "the other readers once)"
    )
    print(f"{'reader':<46} {'total':>9} {'per workbook':>13} {'vs floor':>9}")
    for name, seconds in figures.items():
        print(
            f"{name:<46} {seconds:8.2f}s {seconds / count * 1000:10.2f} ms {seconds / floor:8.2f}x"
        )
    one, best = figures["load_tender (1 core)"], figures[f"load_tender ({workers} cores)"]
    if calamine_available():
        ratio = one / figures["floor (calamine, 1 core)"]
        print(
            f"TARGET load_tender vs python-calamine, both on one core: {ratio:.2f}x "
            f"(target ≤ 2x: {'met' if ratio <= 2 else 'NOT met'})"
        )
        if UNSHARED in figures:
            print(
                f"  the same with no sheet scan remembered from another bid: "
                f"{figures[UNSHARED] / figures['floor (calamine, 1 core)']:.2f}x"
            )
    print(
        f"TARGET load_tender on {workers} cores vs on one core, {count:,} bids: "
        f"{best / one:.2f}x (target ≤ 1: {'met' if best <= one else 'NOT met'})"
    )
    print(f"load_tender vs the floor ({floor_name}): {best / floor:.1f}x")
    if naive is not None:
        print(f"the naive loop takes {naive / best:.1f}x as long as load_tender")
    python_floor = figures[f"floor (ElementTree, {workers} cores)"]
    print(
        f"load_tender vs the fastest pure-Python parse (ElementTree, {workers} cores): "
        f"{best / python_floor:.1f}x"
    )
    print(
        f"  loaded {tender.bids.height:,} bids, {tender.prices.height:,} price rows, "
        f"{len(errors)} errors"
    )
    if form == "template" and not quick:  # the case: too few files to repay a pool
        small = cached_tender(100, form)
        few = _medians(
            {
                f"{workers} cores": lambda: load_tender(small),
                "1 core": lambda: _serially(load_tender, small),
            },
            REPEATS,
        )
        with mock.patch.object(parallel, "_shared", wraps=parallel._shared) as pool_started:
            load_tender(small)
        # With no pool started both read every file in this process, the same way: what
        # separates the two medians is the machine's noise, not the code.
        verdict = (
            "met: no pool was started, so both read the files here the same way"
            if not pool_started.called
            else ("met" if few[f"{workers} cores"] <= few["1 core"] else "NOT met")
        )
        print(
            f"TARGET load_tender on {workers} cores vs on one core, 100 bids: "
            f"{few[f'{workers} cores']:.3f} s against {few['1 core']:.3f} s, "
            f"{few[f'{workers} cores'] / few['1 core']:.2f}x (target ≤ 1: {verdict}; the pool "
            "is started only when the measured cost of the files repays it)"
        )
        figures |= {f"load_tender 100 bids ({k})": v for k, v in few.items()}
    return figures


REPEATS = 5
UNSHARED = "load_tender (1 core, no sheet remembered)"


def _medians(work: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """The median time of each piece of work over ``repeats`` runs, the pieces alternating so
    that load from outside falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(repeats):
        for name, run_it in work.items():
            times[name].append(_time(run_it))
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def _serially(load: Callable[[Path], Any], folder: Path) -> Any:
    from tendereval.io import parallel

    with mock.patch.object(parallel, "PARALLEL_MIN_FILES", 10**9):
        return load(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 bid returns")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
