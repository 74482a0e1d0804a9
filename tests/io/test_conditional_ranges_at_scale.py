"""A conditional format costs what it holds. A 42 KB bid return with one conditional format
on its Prices sheet (1,000 one-cell ranges in column Z, away from the table, and 100 rules
drawing text white) took 45 to 200 seconds to validate: every cell read was tested against
every rule, and every rule against each of its ranges (10^8 tests for 1,000 rows). The
cells a rule covers are now found from its ranges (io/appearance.py ``Places``), once for
the rules of one block, and each answer is as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.appearance import Appearance, Conditional, Places
from tendereval.io.fonts import Differential, Font, Looks
from tendereval.io.raw import Cell
from tendereval.io.unseen import conditionally_hidden
from tendereval.io.xlsx import column_letter
from tests.cpu_time import cpu_seconds

WHITE = Differential(Font("FFFFFF", None), None, None)  # white text: lost on a white cell
STRUCK = Differential(Font(None, None, struck=True), None, None)  # seen, but crossed out
LOOKS = Looks(differential=(WHITE, STRUCK))


def _covers(ranges: tuple[tuple[int, int, int, int], ...], row: int, column: int) -> bool:
    """Whether a rule's ranges cover a cell, as it was tested before for each cell read."""
    return any(r1 <= row <= r2 and c1 <= column <= c2 for r1, c1, r2, c2 in ranges)


_SPAN = st.tuples(st.integers(1, 30), st.integers(0, 6)).map(lambda s: (s[0], s[0] + s[1]))
_RANGE = st.tuples(_SPAN, st.tuples(st.integers(1, 8), st.integers(0, 3))).map(
    lambda r: (r[0][0], r[1][0], r[0][1], r[1][0] + r[1][1])
)
_PLACE = st.tuples(st.integers(1, 40), st.integers(1, 12))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLACE, max_size=60), st.lists(_RANGE, max_size=12))
def test_the_cells_ranges_cover_are_those_each_cell_was_found_in(places, ranges):
    """Random cells (some at the same place) and ranges (overlapping, touching, apart):
    the cells found from the ranges are those that testing each cell against each range
    finds, in order, each once."""
    ranges = tuple(ranges)
    expected = [at for at, (row, column) in enumerate(places) if _covers(ranges, row, column)]
    assert Places(places).covered(ranges) == expected


def _rows(first: int, last: int) -> list[dict[str, Cell]]:
    """A table's rows as read: the lot (A), item (C), units (F), rate (G) and uplift (H)."""
    return [
        {
            "lot": Cell("CSB", "bid.xlsx", "Prices", f"A{row}"),
            "item": Cell(f"item {row}", "bid.xlsx", "Prices", f"C{row}"),
            "units": Cell(1.0, "bid.xlsx", "Prices", f"F{row}"),
            "rate": Cell(float(row), "bid.xlsx", "Prices", f"G{row}"),
            "uplift": Cell(0.0, "bid.xlsx", "Prices", f"H{row}"),
        }
        for row in range(first, last + 1)
    ]


def _rules(sqrefs: list[str], dxfs: list[int]) -> tuple[Conditional, ...]:
    rules = []
    for sqref, dxf in zip(sqrefs, dxfs, strict=True):
        ranges = []
        for ref in sqref.split():
            first, _, last = ref.partition(":")
            last = last or first
            ranges.append((_row(first), _column(first), _row(last), _column(last)))
        rules.append(Conditional(tuple(ranges), sqref, dxf, ""))
    return tuple(rules)


def _row(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _column(ref: str) -> int:
    column = 0
    for letter in ref.rstrip("0123456789"):
        column = column * 26 + ord(letter) - 64
    return column


def test_a_thousand_ranges_by_a_hundred_rules_cost_what_they_hold():
    """The red team's file, as read: 1,000 rows of the table (A, C, F, G, H) and one block of
    100 rules drawing text white on 1,000 cells of column Z, none of them read. No cell read
    is covered, so there is nothing to say; it was 5 * 10^8 tests (45 s and more), and is
    now 1,000 look-ups for the block (a few milliseconds)."""
    sqref = " ".join(f"Z{row}" for row in range(1000, 2000))
    looks = Appearance(conditional=_rules([sqref] * 100, [0] * 100))
    rows = _rows(8, 1007)
    started = cpu_seconds()
    problems = conditionally_hidden(rows, looks, LOOKS, "bid.xlsx", "Prices")
    spent = cpu_seconds() - started
    assert problems == []
    assert spent < 1.0, f"{spent:.1f} s for rules that cover no cell read"


def test_one_cell_read_among_the_thousand_ranges_is_found():
    """The same block with G500 among its ranges: the rate there is the one cell read that a
    rule can hide, named with the block's ranges; the first rule hides it, and the next 99
    (the same) add nothing."""
    sqref = " ".join(f"Z{row}" for row in range(1000, 1999)) + " G500"
    looks = Appearance(conditional=_rules([sqref] * 100, [0] * 100))
    problems = conditionally_hidden(_rows(8, 1007), looks, LOOKS, "bid.xlsx", "Prices")
    assert [(p.code, p.cell) for p in problems] == [("cell.conditionally_hidden", "G500")]
    assert "'500' in G500, under a conditional format on Z1000 Z1001" in problems[0].found


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_RANGE, min_size=1, max_size=4), st.sampled_from([0, 1])),
        min_size=1,
        max_size=6,
    )
)
def test_each_cell_is_said_as_the_first_rule_over_it_says(blocks):
    """Random rules, each hiding (white text) or striking through, on random ranges over a
    table of 4 rows (A, C, F, G, H: 20 cells, each named): a cell is hidden when any rule
    covering it hides it, and struck through when one strikes it and none hides it; the
    range named is that of the first rule over it that says so, as each cell tested against
    each rule in turn found."""
    sqrefs = [
        " ".join(f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}" for r1, c1, r2, c2 in ranges)
        for ranges, _ in blocks
    ]
    rules = _rules(sqrefs, [dxf for _, dxf in blocks])
    rows = _rows(1, 4)
    problems = conditionally_hidden(rows, Appearance(conditional=rules), LOOKS, "b", "Prices")
    hidden, struck = {}, {}
    for row in rows:
        for cell in row.values():
            row_number, column = _row(cell.ref), _column(cell.ref)
            over = [rule for rule in rules if _covers(rule.ranges, row_number, column)]
            hides = next((rule for rule in over if rule.dxf == 0), None)
            strikes = next((rule for rule in over if rule.dxf == 1), None)
            if hides is not None:
                hidden[cell.ref] = hides.sqref
            elif strikes is not None:
                struck[cell.ref] = strikes.sqref
    said = {(p.code, p.cell): p.found for p in problems}
    expected = {("cell.conditionally_hidden", ref): sqref for ref, sqref in hidden.items()}
    expected |= {("cell.conditionally_struck", ref): sqref for ref, sqref in struck.items()}
    assert set(said) == set(expected)
    for key, sqref in expected.items():
        assert said[key].endswith(f"under a conditional format on {sqref}")
