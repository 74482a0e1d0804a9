"""What loading a bid does once per row instead of once per cell (issue 17, loading round 7): a
table row's cells are converted in one call (``Workbook.values_at``), and a price row's figures
are written out in words only for a warning. Each reads, and is refused, exactly as before.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval import layout
from tendereval.io import bid_rules
from tendereval.io.bid_rules import check_bid
from tendereval.io.raw import Cell, RawBid
from tendereval.io.workbook import headers_for_keys, open_book
from tendereval.io.xlsx import Workbook
from tendereval.plan import load_plan

from .builders import PLAN as BUILDERS_PLAN
from .builders import write_plan
from .test_scan import AFTER, BEFORE, ROOT, book, plain_rows
from .test_xlsx import Sheet, make_xlsx

EMPTY = (None, "General", False)
# Shared strings as Excel, LibreOffice and openpyxl write them (the sheets drawn name the
# first two), and one in rich text with a run in white, which the reader looks at run by run.
SHARED = ["<t>one</t>", '<t xml:space="preserve"> two </t>', "<t>a &amp; b</t>", "<t>x_x0041_</t>"]
RICH = '<r><t>seen</t></r><r><rPr><color rgb="FFFFFFFF"/></rPr><t> unseen</t></r>'


def _outcome(read: Any) -> Any:
    """What reading gives, or the fault with its words and notes."""
    try:
        return read()
    except Exception as exc:
        return ("refused", type(exc).__name__, str(exc), getattr(exc, "__notes__", None))


def _rows(workbook: Workbook) -> list[tuple[int, dict[int, Any]]]:
    rows = []
    try:
        for number, cells in workbook.rows("Sheet1"):
            rows.append((number, cells))
    except ValueError:
        pass  # a row refused: the rows before it are still read
    return rows


def _one_by_one(workbook: Workbook, cells: dict[int, Any], columns: list[int]) -> Any:
    """The row's values as value() gives them, cell by cell; refused at the first refusal."""
    found = []
    for col in columns:
        outcome = _outcome(lambda col=col: workbook.value(cells[col])) if col in cells else EMPTY
        if outcome[0] == "refused":
            return outcome
        found.append(outcome)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inside=plain_rows(), rich=st.booleans())
def test_a_row_read_at_once_reads_as_each_cell_read_on_its_own(inside: str, rich: bool) -> None:
    sheet = f"{ROOT}{BEFORE}<sheetData>{inside}</sheetData>{AFTER}</worksheet>"
    with tempfile.TemporaryDirectory() as folder:
        path = book(Path(folder), sheet, [RICH, *SHARED] if rich else SHARED, raw=True)
        with Workbook(path) as workbook:  # every cell on its own, as before
            expected = [
                _one_by_one(workbook, cells, [*sorted(cells), 5]) for _, cells in _rows(workbook)
            ]
        with Workbook(path) as workbook:  # at once, the shared strings read or not yet read
            rows = _rows(workbook)
            found = [
                _outcome(lambda cells=cells: workbook.values_at(cells, [*sorted(cells), 5], EMPTY))
                for _, cells in rows
            ]
            again = [
                _outcome(lambda cells=cells: workbook.values_at(cells, [*sorted(cells), 5], EMPTY))
                for _, cells in rows
            ]
    assert found == expected
    assert again == expected


def test_a_table_of_numbers_and_shared_strings_is_read_without_a_call_a_cell() -> None:
    shared = ["lot", "item", "unit rate", "L1", "hours"]
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    rows += '<c r="C1" t="s"><v>2</v></c></row>'
    for number in range(2, 22):
        rows += (
            f'<row r="{number}"><c r="A{number}" t="s"><v>3</v></c>'
            f'<c r="B{number}" t="s"><v>4</v></c><c r="C{number}" s="1"><v>{number}.5</v></c>'
            "</row>"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = make_xlsx(
            Path(folder) / "prices.xlsx",
            Sheet("Prices", rows=rows),
            shared=tuple(f"<t>{s}</t>" for s in shared),
            formats={164: '"£"#,##0.00'},
            cell_formats=(0, 164),
        )
        calls: list[Any] = []
        value = Workbook.value

        def counting(self: Workbook, cell: Any) -> Any:
            calls.append(cell)
            return value(self, cell)

        book_read, problems = open_book(path, "prices.xlsx")
        assert book_read is not None, problems
        with book_read, patch.object(Workbook, "value", counting):
            table, problems = book_read.table(
                "Prices", headers_for_keys(["lot", "item", "unit_rate"], ["lot"])
            )
    assert not problems
    assert len(table) == 20
    assert [(r["lot"].value, r["item"].value, r["unit_rate"].value) for r in table[:2]] == [
        ("L1", "hours", 2.5),
        ("L1", "hours", 3.5),
    ]
    assert table[0]["unit_rate"].number_format == '"£"#,##0.00'
    assert table[19]["unit_rate"].ref == "C21"
    # 60 calls before, one a cell; the header row's three are read once each to see that each
    # header shows something (a header of a space heads nothing).
    assert [cell for cell in calls if cell[1] != "1"] == []
    assert len(calls) == 3


# ---- A price row's figures -------------------------------------------------------------------

SOURCE = "bids/acme.xlsx"
# The loader tests' plan, with lot L1 buying visits too.
PLAN = BUILDERS_PLAN.replace(
    "volumes = { hours = 1000, visits = 0 }", "volumes = { hours = 1000, visits = 20 }"
)


def _bid(hours: tuple[Any, str, Any, Any], visits: tuple[Any, str, Any, Any]) -> RawBid:
    """A bid for L1: each item's (rate, rate's number format, uplift, volume)."""
    rows = []
    for number, (item, (rate, rate_format, uplift, volume)) in enumerate(
        (("hours", hours), ("visits", visits)), start=6
    ):
        rows.append(
            {
                "lot": Cell("L1", SOURCE, layout.BID_PRICES, f"A{number}"),
                "item": Cell(item, SOURCE, layout.BID_PRICES, f"C{number}"),
                "volume": Cell(volume, SOURCE, layout.BID_PRICES, f"F{number}"),
                "unit_rate": Cell(rate, SOURCE, layout.BID_PRICES, f"G{number}", rate_format),
                "uplift": Cell(uplift, SOURCE, layout.BID_PRICES, f"H{number}", "0%"),
            }
        )
    return RawBid(
        source=SOURCE,
        fallback_name="acme",
        name=Cell("Acme Care Ltd", SOURCE, layout.BID_ORGANISATION, "B4"),
        prices=rows,
    )


def _checked(folder: Path, bid: RawBid) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    write_plan(folder, PLAN)
    plan, problems = load_plan(folder)
    assert plan is not None, problems
    checked = check_bid(bid, plan, None)
    return checked.rows["prices"], [
        (p.code, f"{p.cell}: {p.message} | {p.found}") for p in checked.problems
    ]


def test_a_price_row_holding_what_it_shows_is_not_written_out_in_words(tmp_path: Path) -> None:
    bid = _bid((21.5, "£#,##0.00", 0.02, 1000), (12, "£#,##0.00", 0.03, 20.0))
    with (
        patch.object(bid_rules, "show", wraps=bid_rules.show) as show,
        patch.object(bid_rules, "parse_number", wraps=bid_rules.parse_number) as parse_number,
    ):
        rows, problems = _checked(tmp_path, bid)
    assert problems == []
    assert [(r["item"], r["unit_rate"], r["uplift"], r["volume"]) for r in rows] == [
        ("hours", 21.5, 0.02, 1000),
        ("visits", 12, 0.03, 20),
    ]
    assert show.call_count == 0  # once a row before: each rate written out, warning or not
    assert parse_number.call_count == 0  # the plan's own volumes: once a row before


def test_figures_shown_otherwise_are_still_said_in_the_same_words(tmp_path: Path) -> None:
    # 26.8 under "£"0 shows £27; 2.5% under 0% shows 3%; a volume of 20.01 is not the plan's
    # 20 (a difference of 0.01 > 20 × 1e-9); True is no volume, though True == 1.
    bid = _bid((26.8, '"£"0', 0.025, True), (12, "£#,##0.00", 0.03, 20.01))
    rows, problems = _checked(tmp_path, bid)
    assert [r["unit_rate"] for r in rows] == [26.8, 12]
    assert problems == [
        (
            "price.shown_rounded",
            "G6: unit rate: the cell shows £27 but holds 26.8, which is the rate used: its "
            "number format rounds it | shows £27, holds 26.8",
        ),
        (
            "price.shown_rounded",
            "H6: yearly uplift: the cell shows 3% but holds 2.5%, which is the uplift used: its "
            "number format rounds it | shows 3%, holds 2.5%",
        ),
        (
            "price.volume_differs",
            "F6: the yearly volume for hours differs from the plan; the plan's volume is used "
            "| True",
        ),
        (
            "price.volume_differs",
            "F7: the yearly volume for visits differs from the plan; the plan's volume is used "
            "| 20.01",
        ),
    ]
