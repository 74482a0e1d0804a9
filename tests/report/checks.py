"""Assertions shared by the hand-built and the end-to-end report tests."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import polars as pl
import pytest

from tendereval.scoring.result import ScoreResult

POINTS = {7: "price_score", 8: "quality_score", 9: "social_value_score", 10: "total"}


def assert_clean_run(done) -> None:
    """LibreOffice exited 0 and said nothing about an error."""
    assert done.returncode == 0, done.stderr
    errors = [
        line
        for line in done.stderr.splitlines()
        if "error" in line.lower() and "javaldx" not in line
    ]
    assert not errors, done.stderr


def assert_parts_parse(path: Path) -> None:
    """Every XML part of the package is well-formed and the zip is sound."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))


def assert_ranking_matches(report: Path, recalculated: Path, result: ScoreResult) -> int:
    """Every formula cell of Ranking, as LibreOffice computed it, equals scoring's number.

    Returns how many formula cells were checked."""
    formulas = openpyxl.load_workbook(report)["Ranking"]
    values = openpyxl.load_workbook(recalculated, data_only=True)["Ranking"]
    bids = {(r["lot"], r["supplier"]): r for r in result.results.iter_rows(named=True)}
    weights = sum(result.plan.pillar_weight(p) for p in ("price", "quality", "social_value"))
    checked = 0
    for row in formulas.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                continue
            if cell.coordinate == "J3":
                expected = weights
            else:
                bid = bids[
                    (
                        formulas.cell(row=cell.row, column=1).value,
                        formulas.cell(row=cell.row, column=2).value,
                    )
                ]
                expected = bid["rank"] if cell.column == 11 else (bid[POINTS[cell.column]] or 0.0)
            got = values[cell.coordinate].value
            assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), cell.coordinate
            checked += 1
    ranked = result.results.filter(pl.col("status") == "ranked").height
    assert checked == 1 + 5 * ranked  # J3, then 3 points + total + rank per ranked bid
    return checked


def workbook_values(path: Path) -> list[object]:
    """Every value a reader of the workbook could see: properties, sheet names, cells."""
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    return [
        props.title,
        props.creator,
        props.description,
        props.subject,
        props.keywords,
        *wb.sheetnames,
        *(
            c.value
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        ),
    ]


def sheet_table(ws, *headers: str) -> list[dict[str, object]]:
    """The rows of the table on ``ws`` whose header row starts with ``headers``, as dicts by
    header, down to the first row with a blank first cell."""
    top = next(
        r
        for r in range(1, ws.max_row + 1)
        if tuple(ws.cell(row=r, column=c + 1).value for c in range(len(headers))) == headers
    )
    names = [ws.cell(row=top, column=c).value for c in range(1, ws.max_column + 1)]
    rows = []
    for r in range(top + 1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value is None:
            break
        rows.append({n: ws.cell(row=r, column=c).value for c, n in enumerate(names, start=1) if n})
    return rows


def assert_no_leaks(result: ScoreResult, summaries: dict[str, Path]) -> None:
    """No summary shows another supplier's name, price, scores or reasons, except the most
    advantageous tender of a lot the supplier bid for."""
    winners = {
        r["lot"]: r["supplier"]
        for r in result.results.filter(pl.col("rank") == 1).iter_rows(named=True)
    }
    everyone = set(result.results["supplier"].drop_nulls())
    for supplier, path in summaries.items():
        own_lots = result.results.filter(pl.col("supplier") == supplier)["lot"].to_list()
        visible = {(lot, winners[lot]) for lot in own_lots if lot in winners}
        visible |= {(lot, supplier) for lot in own_lots}
        shown = pl.DataFrame(
            sorted(visible, key=str), schema={"lot": pl.String, "supplier": pl.String}, orient="row"
        )
        hidden = result.results.join(shown, on=["lot", "supplier"], how="anti", nulls_equal=True)
        names = {s for s in everyone if s not in {s for _, s in visible}}
        numbers = {
            v
            for col in (
                "evaluated_price",
                "total",
                "price_score",
                "quality_score",
                "social_value_score",
            )
            for v in hidden[col].drop_nulls().to_list()
        }
        texts = names | {f"£{v:,.2f}" for v in hidden["evaluated_price"].drop_nulls()}
        # Nor where another bid's figures came from: its file names (a supplier's own file,
        # shared by its bids for other lots, is not a leak).
        files = {
            f
            for frame in (result.results, result.price_breakdown, result.social_value)
            for f in frame.join(hidden.select("lot", "supplier"), on=["lot", "supplier"])[
                "source"
            ].drop_nulls()
        }
        texts |= files - set(
            result.results.filter(pl.col("supplier") == supplier)["source"].drop_nulls()
        )
        reasons = set(
            result.criteria.join(hidden.select("lot", "supplier"), on=["lot", "supplier"])[
                "reason"
            ].drop_nulls()
        )
        # A reason a visible bid shares word for word (two bids praised alike) is not a leak.
        reasons -= set(result.criteria.join(shown, on=["lot", "supplier"])["reason"].drop_nulls())
        for value in workbook_values(path):
            if isinstance(value, str):
                leaks = [t for t in texts if t in value]
                assert not leaks, f"{supplier}'s summary shows {leaks} in {value!r}"
                assert value not in reasons, f"{supplier}'s summary shows {value!r}"
            elif isinstance(value, float):
                assert value not in numbers, f"{supplier}'s summary shows {value}"
