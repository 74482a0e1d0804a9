"""Workbook helpers shared by the templates and the reports."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

from tendereval.sheets import LINE_HEIGHT, fit_row_heights


def test_wrapped_text_gets_the_height_its_lines_need() -> None:
    # Column B is 20 wide (about 24 characters a line): 100 characters need 5 lines.
    wb = Workbook()
    ws = wb.active
    ws.column_dimensions["B"].width = 20
    ws["A1"] = "Q1"
    ws["B1"] = "x" * 100
    ws["B1"].alignment = Alignment(wrap_text=True)
    ws["B2"] = "short"
    ws["B2"].alignment = Alignment(wrap_text=True)
    ws["B3"] = "y" * 100
    ws["B3"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[3].height = 30  # set by the writer on purpose: left alone
    fit_row_heights(ws)
    assert ws.row_dimensions[1].height == 5 * LINE_HEIGHT
    assert ws.row_dimensions[2].height is None  # one line: the default height
    assert ws.row_dimensions[3].height == 30
    # In the taller row every cell reads from the top, wrapped or not.
    assert ws["A1"].alignment.vertical == "top"
    assert ws["B1"].alignment.vertical == "top" and ws["B1"].alignment.wrap_text


def test_line_breaks_count_as_lines_and_merged_cells_use_their_whole_width() -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "one\ntwo\nthree"
    ws["A1"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:D2")  # about 4 × 8.43 × 1.2 ≈ 40 characters a line
    ws["A2"] = "z" * 80
    ws["A2"].alignment = Alignment(wrap_text=True)
    fit_row_heights(ws)
    assert ws.row_dimensions[1].height == 3 * LINE_HEIGHT
    assert ws.row_dimensions[2].height == 2 * LINE_HEIGHT


# ---- validations over many cells (red team, session 13) -----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402


def test_a_validation_over_many_cells_takes_time_in_proportion_to_them() -> None:
    """openpyxl's own add compares each new cell with every range the rule covers: the score
    sheet for 1,000 bid returns (48,000 rows) took 452 s to build, now 11 s."""
    import time

    from tendereval.sheets import Validations

    validations = Validations(Workbook().active)
    start = time.process_time()
    for row in range(5, 20_005):
        validations.number(f"D{row}")
    assert time.process_time() - start < 2.0  # about 0.1 s; minutes when compared each time
    (rule,) = validations.rules.values()
    assert len(rule.sqref.ranges) == 20_000


_REFS = st.lists(
    st.one_of(
        st.builds(lambda c, r: f"{c}{r}", st.sampled_from("BCD"), st.integers(1, 6)),
        st.builds(
            lambda c, r, n: f"{c}{r}:{c}{r + n}",
            st.sampled_from("BCD"),
            st.integers(1, 6),
            st.integers(0, 3),
        ),
    ),
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(_REFS)
def test_a_validation_covers_the_cells_openpyxls_own_add_would(refs: list[str]) -> None:
    from tendereval.sheets import Validations

    validations = Validations(Workbook().active)
    theirs = DataValidation(type="decimal")
    for ref in refs:
        validations.number(ref)
        theirs.add(ref)
    ours = list(validations.rules.values())
    assert str(ours[0].sqref if ours else "") == str(theirs.sqref)
