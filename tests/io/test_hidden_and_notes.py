"""What a bid return hides or annotates, so that the officer who opens it in Excel sees
something other than what is read: hidden columns, merged cells, answers typed in the Notes
column. Each starts from the real template filled in (see test_reshaped_returns.py), then
changed with openpyxl as Excel would save it."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from openpyxl.comments import Comment

from tendereval import layout
from tendereval.io import xlsx
from tendereval.io.appearance import PLAIN
from tendereval.io.tender import load_tender
from tests.cpu_time import cpu_seconds

from .builders import good_tender, score_rows, score_workbook
from .test_reshaped_returns import FILLED, _rates, _tender


def _problems(tender) -> list[tuple[str, str, bool]]:
    return [(p.code, p.where, p.is_error) for p in tender.problems]


@pytest.mark.parametrize("how", ["hidden", "grouped", "too narrow"])
def test_figures_in_a_column_excel_does_not_show_are_read_with_a_warning(tmp_path, how):
    """The supplier hid the uplift column with 3% in it: the officer opening the file sees
    no uplift, yet 3% a year is read and scored. Still read (it is the bid), with a warning
    naming the column and its header (table.hidden_columns)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    for row in (5, 6, 7, 8):
        prices[f"H{row}"] = 0.03
    if how == "hidden":
        prices.column_dimensions["H"].hidden = True
    elif how == "grouped":  # G and H hidden in one <col min="7" max="8">
        prices.column_dimensions.group("G", "H", hidden=True)
    else:  # dragged narrow by hand: Excel shows nothing of it (openpyxl drops a width of 0)
        prices.column_dimensions["H"].width = 0.2
    book.save(path)
    tender = load_tender(folder)
    hidden = [p for p in tender.problems if p.code == "table.hidden_columns"]
    first = "G4" if how == "grouped" else "H4"  # the first hidden column's header
    assert [(p.where, p.is_error) for p in hidden] == [
        (f"bids/dover.xlsx › Prices › {first}", False)
    ]
    if how == "grouped":
        assert "columns G ('Unit rate (£)') and H ('Yearly uplift (%)')" in hidden[0].message
        assert hidden[0].found == "'£21.50' in G5 and 3 more"
    else:
        assert "column H ('Yearly uplift (%)') of the table is hidden" in hidden[0].message
        assert hidden[0].found == "'3.0%' in H5 and 3 more"  # as Excel would show it
    assert _problems(tender) == [(p.code, p.where, p.is_error) for p in hidden]
    assert _rates(tender) == FILLED


def test_a_hidden_column_holding_nothing_read_is_no_problem(tmp_path):
    """Hidden columns beside the table (the supplier's working) or an empty uplift column
    hidden: nothing the officer would miss."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    prices["K5"] = "our margin 12%"
    prices.column_dimensions["K"].hidden = True
    prices.column_dimensions["H"].hidden = True  # the uplift column, left empty
    book.save(path)
    tender = load_tender(folder)
    # K is beside the table, not in it: the warning about notes beside the table, as ever.
    assert _problems(tender) == [("table.unheaded_column", "bids/dover.xlsx › Prices › K5", False)]
    assert _rates(tender) == FILLED


def test_columns_the_template_fills_in_only_to_be_seen_may_be_hidden(tmp_path):
    """A supplier hiding the template's Lot name and Unit columns (to fit the rates on one
    page), or greying out their text, was told that what they hold "is read and counts":
    nothing reads them. The columns that are read still say so."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    headers = {cell.value: cell.column_letter for cell in prices[layout.TABLE_HEADER_ROW]}
    for header in ("Lot name", "Unit"):
        prices.column_dimensions[headers[header]].hidden = True
        prices[f"{headers[header]}5"].font = openpyxl.styles.Font(color="FFFFFF")
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == []
    assert _rates(tender) == FILLED
    # The rate column, hidden too, is read: still a warning naming it alone.
    prices.column_dimensions[headers["Unit rate (£)"]].hidden = True
    book.save(path)
    (hidden,) = [p for p in load_tender(folder).problems if p.code == "table.hidden_columns"]
    assert "column G ('Unit rate (£)') of the table is hidden" in hidden.message


def test_an_evaluator_hiding_the_question_title_and_scale_columns_is_no_problem(tmp_path):
    folder = good_tender(tmp_path / "tender")
    rows = [
        row | {"title": "Continuity of care", "scale": "0–5"}
        for row in score_rows(("Acme Care Ltd", "Bright Futures CIC"))
    ]
    path = score_workbook(folder / "scores" / "ann.xlsx", rows)
    book = openpyxl.load_workbook(path)
    for column in ("D", "E"):  # Question title, Scale
        book["Scores"].column_dimensions[column].hidden = True
    book.save(path)
    assert [str(p) for p in load_tender(folder).problems] == []


def test_a_hidden_answer_column_of_the_organisation_form_is_a_warning(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Organisation"].column_dimensions["B"].hidden = True
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [
        ("form.hidden_column", "bids/dover.xlsx › Organisation › B4", False)
    ]
    assert "column B" in tender.problems[0].message


def test_a_blank_rate_merged_into_the_rate_above_says_so(tmp_path):
    """G7:G8 merged: Excel shows one rate over L2's two items, and G8 is blank in the file.
    The error was right (the rate is missing) but sent the officer to a cell showing a
    rate."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"].merge_cells("G7:G8")
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.blank", "bids/dover.xlsx › Prices › G8", True)]
    [missing] = tender.problems
    assert missing.found == "a blank cell, merged into G7 (G7:G8)"
    assert missing.message.startswith("unit rate is missing: G8 is merged into G7 (G7:G8)")


def test_a_blank_uplift_merged_into_the_uplift_above_is_an_error_in_its_lot(tmp_path):
    """H5:H6 merged, H5 holding 2.5%: Excel shows 2.5% on both of L1's items, and H6 is
    blank in the file. A blank uplift is no uplift, so H6 was read as 0% without a word (in
    the red team's carers tender the evaluated price fell by £40,383.75). Which uplift the
    supplier offers for L1's visits is not in the file: an error in lot L1."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["H5"] = 0.025
    book["Prices"].merge_cells("H5:H6")
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.merged_blank", "bids/dover.xlsx › Prices › H6", True)]
    [merged] = tender.problems
    assert (merged.supplier, merged.lot) == ("Dover Carers Trust", "L1")
    assert merged.found == "a blank cell, merged into H5 (H5:H6), showing '2.5%'"
    assert merged.message.startswith(
        "yearly uplift: the cell is blank in the file but shows '2.5%' in Excel: H6 is merged"
    )
    assert "Excel shows H5's value over it, but the file holds nothing in H6" in merged.message
    uplifts = tender.prices.select("lot", "item", "uplift").rows()
    assert uplifts == [("L1", "hours", 0.025), ("L1", "visits", None), ("L2", "hours", 0.0),
                       ("L2", "visits", 0.0)]  # fmt: skip


def test_a_blank_answer_merged_into_the_one_above_says_so(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Organisation"].merge_cells("B11:B12")  # staff headcount over turnover
    book.save(path)
    tender = load_tender(folder)
    [missing] = [p for p in tender.problems if p.where == "bids/dover.xlsx › Organisation › B12"]
    assert missing.found == "a blank cell, merged into B11 (B11:B12)"


def test_a_merged_header_or_title_is_no_problem(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"].merge_cells("A1:H1")
    book["Prices"].merge_cells("J5:K8")
    book.save(path)
    tender = load_tender(folder)
    assert _problems(tender) == []
    assert _rates(tender) == FILLED


def test_an_answer_typed_in_the_notes_column_is_pointed_at(tmp_path):
    """The headcount typed in C11 (Notes) instead of B11: the error said only that B11 is
    blank, while the officer sees the answer on the row. It now quotes C11."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    form = book["Organisation"]
    assert form["A11"].value.startswith("Staff headcount")
    form["B11"] = None
    form["C11"] = "8 staff"
    book.save(path)
    tender = load_tender(folder)
    [missing] = [p for p in tender.problems if p.code == "cell.blank"]
    assert missing.where == "bids/dover.xlsx › Organisation › B11"
    assert "C11" in missing.message and "'8 staff'" in missing.message
    assert missing.found == "a blank cell; C11 beside it (Notes) holds '8 staff'"


def test_the_templates_own_note_beside_a_blank_answer_is_not_quoted(tmp_path):
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    form = book["Organisation"]
    assert form["A10"].value.startswith("Voluntary")
    assert form["C10"].value  # the template's note on what a VCSE is
    form["B10"] = None
    book.save(path)
    tender = load_tender(folder)
    [missing] = [p for p in tender.problems if p.where.endswith("Organisation › B10")]
    assert missing.found == "a blank cell"


@pytest.mark.parametrize("path_taken", ["grammar", "elementtree", "streamed"])
def test_every_reading_path_finds_what_a_sheet_hides_and_merges(tmp_path, monkeypatch, path_taken):
    """The plain-shape grammar, ElementTree and the streamed reader (io/xlsx.py) each find
    the hidden columns and merged ranges; so does a sheet read before (the digest caches),
    read here three times over."""
    if path_taken == "elementtree":
        monkeypatch.setattr(xlsx, "SCAN", False)
    elif path_taken == "streamed":
        monkeypatch.setattr(xlsx, "WHOLE_PART_BYTES", 0)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Prices"
    sheet["A1"], sheet["G7"] = "Lot", 22.0
    sheet.column_dimensions.group("B", "C", hidden=True)
    sheet.column_dimensions["E"].width = 0.3
    sheet.column_dimensions["F"].width = 12  # shown
    sheet.merge_cells("G7:G8")
    sheet.merge_cells("A10:A10")  # one cell: nothing merged
    path = tmp_path / "looks.xlsx"
    book.save(path)
    for _ in range(3):
        with xlsx.Workbook(path) as workbook:
            assert workbook.appearance("Prices") is PLAIN  # nothing known before the rows
            list(workbook.rows("Prices"))
            looks = workbook.appearance("Prices")
        assert looks.hidden_columns == ((2, 3), (5, 5))
        assert [m.ref for m in looks.merged] == ["G7:G8"]
        assert [looks.hides(c) for c in range(1, 8)] == [
            False,
            True,
            True,
            False,
            True,
            False,
            False,
        ]


def test_a_sheet_with_nothing_hidden_or_merged_looks_plain(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = 1
    book.active.column_dimensions["B"].width = 30
    path = tmp_path / "plain.xlsx"
    book.save(path)
    with xlsx.Workbook(path) as workbook:
        list(workbook.rows("Sheet"))
        assert workbook.appearance("Sheet") is PLAIN


def _merge_in_the_file(path, refs: list[str]) -> None:
    """Merged ranges written into the Prices sheet's XML, its cells left as they are (openpyxl
    and Excel clear all but the top-left cell when merging; a file made by hand need not)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    part = "xl/worksheets/sheet4.xml"
    assert b"<sheetData>" in parts[part] and b"Unit rate" in parts[part]  # the Prices sheet
    merges = b"".join(b'<mergeCell ref="%s"/>' % ref.encode() for ref in refs)
    parts[part] = parts[part].replace(
        b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_rate_under_a_merge_excel_shows_another_over_is_read_with_a_warning(tmp_path):
    """G7:G8 merged in the file with 31 still saved in G8: Excel shows G7's 22 over both
    rows, and 31 is read and scored for L2 visits. A warning names it (cell.merged_over)."""
    folder, path = _tender(tmp_path)
    _merge_in_the_file(path, ["G7:G8"])
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.merged_over", "bids/dover.xlsx › Prices › G8", False)]
    assert tender.problems[0].message.startswith(
        "G8 is merged into G7 (G7:G8), so Excel shows G7's value there, but G8 holds 31"
    )
    assert _rates(tender) == FILLED


def test_merged_ranges_are_bounded_by_what_is_looked_at(tmp_path):
    """A sheet declaring 20,000 merges, each over the whole table, costs a bounded number of
    looks (io/unseen._MERGE_LOOKS), not merges × rows."""
    folder, path = _tender(tmp_path)
    _merge_in_the_file(path, ["A1:Z5000"] * 20_000)
    started = cpu_seconds()
    tender = load_tender(folder)
    assert cpu_seconds() - started < 5
    assert _rates(tender) == FILLED
    assert [p.code for p in tender.problems] == ["cell.merged_over"]


def test_a_declaration_date_typed_in_the_notes_column_is_pointed_at(tmp_path):
    """The evaluator's declaration: the date typed in C beside a blank B. The warning quotes
    it, as for a bid's Organisation sheet."""
    folder = good_tender(tmp_path / "tender")
    row = layout.FORM_FIRST_ROW + [f.key for f in layout.DECLARATION_FIELDS].index("declared_on")
    score_workbook(
        folder / "scores" / "ann.xlsx",
        score_rows(("Acme Care Ltd", "Bright Futures CIC")),
        declared_on=None,
        cells={f"{layout.SCORE_DECLARATION}!C{row}": "01/10/2026"},
    )
    tender = load_tender(folder)
    [missing] = [p for p in tender.problems if p.cell == f"B{row}"]
    assert missing.found == f"a blank cell; C{row} beside it (Notes) holds '01/10/2026'"


def _commented(path, cells: dict[str, str]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, text in cells.items():
        book["Prices"][ref].comment = Comment(text, "Dover Carers Trust")
    book.save(path)


def _rewrite(path, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_comment_on_a_rate_is_quoted_in_a_warning(tmp_path):
    """'this is per half hour' in a comment on G5: Excel shows it on the rate, and the rate
    was read as an hourly one without a word. A warning quotes it (cell.comment); a comment
    on a cell the table does not read (K5) is not quoted."""
    folder, path = _tender(tmp_path)
    _commented(path, {"G5": "this is per half hour", "K5": "our working"})
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.comment", "bids/dover.xlsx › Prices › G5", False)]
    assert tender.problems[0].message.startswith("G5 has a comment: 'this is per half hour'")
    assert _rates(tender) == FILLED


def test_a_threaded_comment_is_quoted_as_written_not_as_its_copy_for_old_excel(tmp_path):
    folder, path = _tender(tmp_path)
    old = "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment"
    _commented(path, {"G7": old})

    def threaded(parts):
        rels = "xl/worksheets/_rels/sheet4.xml.rels"
        parts[rels] = parts[rels].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdT" Type="http://schemas.microsoft.com/office/2017/10/'
            b'relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>'
            b"</Relationships>",
        )
        parts["xl/threadedComments/threadedComment1.xml"] = (
            b'<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/'
            b'threadedcomments"><threadedComment ref="G7" id="{1}" personId="{2}"><text>'
            b'L2 only if we also win L1</text></threadedComment><threadedComment ref="G7" '
            b'id="{3}" personId="{2}" parentId="{1}"><text>a reply</text></threadedComment>'
            b"</ThreadedComments>"
        )

    _rewrite(path, threaded)
    tender = load_tender(folder)
    assert [p.found for p in tender.problems] == ["'L2 only if we also win L1'"]
    assert tender.problems[0].where == "bids/dover.xlsx › Prices › G7"


def test_comments_that_cannot_be_read_are_said_so_and_the_bid_is_still_read(tmp_path):
    folder, path = _tender(tmp_path)
    _commented(path, {"G5": "per half hour"})

    def damaged(parts):
        [name] = [n for n in parts if n.startswith("xl/comments")]
        parts[name] = parts[name][:-20]

    _rewrite(path, damaged)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.comments_unreadable", "bids/dover.xlsx › Prices", False)]
    assert _rates(tender) == FILLED


@pytest.mark.parametrize(
    "spelled",
    [
        lambda target: target,  # as openpyxl writes it: from the root, with its "/"
        lambda target: target.removeprefix("/"),  # from the root without it, as some write
        lambda target: "../" + target.removeprefix("/xl/"),  # from the sheet's own folder
    ],
    ids=["from-the-root", "from-the-root-without-slash", "relative"],
)
def test_a_comment_is_found_however_the_sheets_relationship_spells_its_part(tmp_path, spelled):
    """A sheet's relationships name its comments as the workbook's name its sheets, and
    are followed by the same rule (io/package.py): a Target from the root without its "/"
    (xl/comments/comment1.xml, from xl/worksheets/ by the rule xl/worksheets/xl/comments/…)
    lost the comment on the rate, with no word of it."""
    folder, path = _tender(tmp_path)
    _commented(path, {"G5": "this is per half hour"})

    def respell(parts: dict[str, bytes]) -> None:
        [rels] = [n for n in parts if n.startswith("xl/worksheets/_rels/")]
        text = re.sub(
            r'Target="([^"]*)"', lambda m: f'Target="{spelled(m.group(1))}"', parts[rels].decode()
        )
        parts[rels] = text.encode()

    _rewrite(path, respell)
    tender = load_tender(folder)
    assert _problems(tender) == [("cell.comment", "bids/dover.xlsx › Prices › G5", False)]
    assert _rates(tender) == FILLED
