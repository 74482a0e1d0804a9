"""Files from suppliers and evaluators that the first hostile corpus did not imagine: found by
a red-team round on the files a tender folder holds (bids/, scores/). Each test plants one such
file in an otherwise clean tender and checks the rule of the project it broke: a clear problem
naming file › sheet › cell, exit code 1 (not 3), and every bid still in the results."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from tendereval import layout
from tendereval.cli import main
from tendereval.scoring.combine import score
from tendereval.terminal import printable

from ..io.builders import bid_workbook, good_tender
from ..io.conftest import load, only


@pytest.fixture
def tender_dir(tmp_path: Path) -> Path:
    return good_tender(tmp_path / "tender")


def test_two_sheets_read_as_one_name_are_refused_not_one_read(tender_dir: Path) -> None:
    """A workbook with a 'Prices' sheet and a 'Prices ' sheet (a trailing space: Excel allows
    it) was read from whichever came first, with no word: one price in Excel's visible sheet,
    another scored. Both names are matched as 'Prices', so the workbook cannot be read one way
    only, and it is refused naming both sheets."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    real = book[layout.BID_PRICES]
    decoy = book.copy_worksheet(real)
    decoy.title = "PRICES "  # case and a trailing space: the loader matches it to 'Prices'
    book.move_sheet(decoy, -(len(book.sheetnames) - 1))  # first, so it would win
    for row in range(layout.TABLE_HEADER_ROW + 1, decoy.max_row + 1):
        decoy[f"G{row}"] = 1  # far below the real rates
    book.save(path)

    tender = load(tender_dir)
    problem = only(tender, "file.unreadable")
    assert problem.file == "bids/acme.xlsx"
    assert "'PRICES '" in problem.found and "'Prices'" in problem.found
    # Never scored: the bid stays in the results as an invalid one, with the reason.
    assert "bids/acme.xlsx" in tender.bids["source"].to_list()
    assert tender.prices.filter(tender.prices["supplier"] == "Acme Care Ltd").is_empty()


@pytest.mark.parametrize(
    "name",
    [
        ".bright.xlsx",  # a leading dot: hidden on a Mac or Linux, yet a bid
        "bright.xlsx ",  # a trailing space, kept by a portal download on Linux
        "bright.xlsx.",  # a trailing dot
        "bright.xlsx.part",  # a download a browser had not finished
        "bright.xlsx.crdownload",
    ],
)
def test_a_bid_named_oddly_is_still_a_bid(tender_dir: Path, name: str) -> None:
    """A bid return whose name starts with a dot was skipped without a word, and one whose
    name ends in a space or a dot, or carries a browser's half-downloaded suffix, was only a
    warning 'not a workbook': either way the bid was not in the results, and with no score
    sheet yet `validate` exited 0. Each is read as the submission it is."""
    bids = tender_dir / "bids"
    (bids / "bright.xlsx").rename(bids / name)
    tender = load(tender_dir)
    assert f"bids/{name}" in tender.bids["source"].to_list()
    assert "Bright Futures CIC" in tender.bids["supplier"].to_list()
    assert not [p for p in tender.problems if p.code == "file.ignored"]


def test_lock_files_and_mac_metadata_stay_skipped(tender_dir: Path) -> None:
    """Excel's and LibreOffice's lock files and the Mac's '._' metadata twins are not bids."""
    bids = tender_dir / "bids"
    (bids / "~$bright.xlsx").write_bytes(b"\x0cAnn Evans" + b" " * 150)
    (bids / ".~lock.bright.xlsx#").write_bytes(b",Ann Evans,host,01.10.2026 10:00,file:///")
    (bids / "._bright.xlsx").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    tender = load(tender_dir)
    assert sorted(tender.bids["source"].unique().to_list()) == [
        "bids/acme.xlsx",
        "bids/bright.xlsx",
    ]
    assert tender.problems == []


def test_a_second_bids_folder_differing_in_capitals_is_an_error(tender_dir: Path) -> None:
    """On Linux or a Mac with a case-sensitive disk 'bids/' and 'Bids/' are two folders; only
    one was read and the bids in the other vanished without a word."""
    late = tender_dir / "Bids"
    late.mkdir()
    bid_workbook(late / "cole.xlsx", "Cole Homecare Ltd")
    (tender_dir / "SCORES").mkdir()
    (tender_dir / "SCORES" / "bob.xlsx").write_bytes(b"")
    tender = load(tender_dir)
    found = {p.file: p for p in tender.problems if p.code == "file.subfolder"}
    assert set(found) == {"Bids/", "SCORES/"}
    assert found["Bids/"].is_error
    assert found["Bids/"].message == (
        "the folder Bids/ is not read (bids/ is), and it holds 1 file(s)"
    )


def test_folders_named_in_capitals_are_recorded_as_they_are_on_disk(tender_dir: Path) -> None:
    """A tender folder made on Windows ("Bids/", "Scores/") is read, and every output recorded
    its files as bids/acme.xlsx and scores/ann.xlsx: on a case-sensitive disk no such file
    exists, so the audit trail named files no one could find to check their hashes. A record
    typed "bids/…" still names the file: the folder's capitals do not matter there."""
    (tender_dir / "bids").rename(tender_dir / "Bids")
    (tender_dir / "scores").rename(tender_dir / "Scores")
    (tender_dir / "Bids" / "acme (1).xlsx").write_bytes(
        (tender_dir / "Bids/acme.xlsx").read_bytes()
    )
    (tender_dir / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/bright.xlsx"\nwithdrawn_on = 2026-09-16\n',
        encoding="utf-8",
    )
    tender = load(tender_dir)
    recorded = {
        path: kind for path, kind in tender.inputs.select("path", "kind").iter_rows()
        if kind != "proxies"  # (the table packaged with tendereval)
    }  # fmt: skip
    assert recorded == {
        "Bids/acme (1).xlsx": "bid",
        "Bids/acme.xlsx": "bid",
        "Bids/bright.xlsx": "bid",
        "Scores/ann.xlsx": "scores",
        "decisions.toml": "decisions",
        "tender.toml": "plan",
    }
    assert all((tender_dir / path).is_file() for path in recorded)
    assert sorted(tender.bids["source"].unique()) == ["Bids/acme.xlsx", "Bids/bright.xlsx"]
    # The copy is still one return downloaded twice, and the withdrawal still names its file.
    assert [p.code for p in tender.problems] == ["bid.copy"]
    assert tender.problems[0].file == "Bids/acme.xlsx"
    result = score(tender, sensitivity=False)
    withdrawn = result.results.filter(pl.col("supplier") == "Bright Futures CIC")
    assert set(withdrawn["status"]) == {"withdrawn"}


def test_nothing_is_written_into_folders_of_inputs_named_in_capitals(tender_dir: Path) -> None:
    """bids/ and scores/ were protected from outputs by those names only: a report written
    into Bids/ (made on Windows) was refused on no case-sensitive disk, and would be read as
    a bid return next time."""
    from tendereval.errors import UsageError
    from tendereval.inputs import never_over_the_tender

    (tender_dir / "bids").rename(tender_dir / "Bids")
    for output in ("Bids/report.xlsx", "Bids/acme.xlsx", "Bids"):
        with pytest.raises(UsageError, match="inputs"):
            never_over_the_tender(tender_dir, tender_dir / output)
    never_over_the_tender(tender_dir, tender_dir / "reports" / "report.xlsx")  # allowed


def _with_cell(path: Path, cell_xml: str, element_tree: bool) -> None:
    """The bid return at ``path`` with its Prices cell G5 (the L1 hours rate) written as
    ``cell_xml``; read by ElementTree rather than the plain-shape reader when asked (a comment
    in the sheet sends it there)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    [name] = [n for n, data in parts.items() if n.startswith("xl/worksheets/") and b'"G5"' in data]
    sheet, count = re.subn(rb'<c r="G5".*?</c>', cell_xml.encode(), parts[name], count=1)
    assert count == 1
    if element_tree:
        sheet = sheet.replace(b"<sheetData>", b"<sheetData><!-- from another program -->")
    parts[name] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


@pytest.mark.parametrize("element_tree", [False, True], ids=["plain shape", "ElementTree"])
@pytest.mark.parametrize(
    ("cell_xml", "found"),
    [
        # Python reads these as 27; no spreadsheet program does (Excel would show another figure).
        ('<c r="G5"><v>2_7</v></c>', "cell G5 holds '2_7' saved as a number, which is not one"),
        ('<c r="G5"><v>٢٧</v></c>', "cell G5 holds '٢٧' saved as a number, which is not one"),
        ('<c r="G5"><v>２７</v></c>', "cell G5 holds '２７' saved as a number, which is not one"),
        ('<c r="G5"><v>NaN</v></c>', "cell G5 holds 'NaN' saved as a number, which is not one"),
        (
            '<c r="G5" t="b"><v>true</v></c>',
            "cell G5 holds 'true' saved as true/false, which is neither 1 nor 0",
        ),
        (
            '<c r="G5" t="s"><v>999</v></c>',
            "cell G5 holds shared text number '999', which the workbook does not have",
        ),
        # int() read these as shared text 2 or 10, or as true: another text than Excel shows.
        (
            '<c r="G5" t="s"><v>٢</v></c>',
            "cell G5 holds shared text number '٢', which is not a number as a workbook saves one",
        ),
        (
            '<c r="G5" t="s"><v>1_0</v></c>',
            "cell G5 holds shared text number '1_0', which is not a number as a workbook saves one",
        ),
        (
            '<c r="G5" t="s"><v> 1 </v></c>',
            "cell G5 holds shared text number ' 1 ', which is not a number as a workbook saves one",
        ),
        (
            '<c r="G5" t="b"><v>١</v></c>',
            "cell G5 holds '١' saved as true/false, which is neither 1 nor 0",
        ),
        (
            '<c r="G5" s="٢"><v>27</v></c>',
            "cell G5 holds the style '٢', which is not a number",
        ),
        (
            '<c r="G5" t="d"><v>next week</v></c>',
            "cell G5 holds 'next week' saved as a date, which is not a date written as ISO 8601",
        ),
        # int() reads the Arabic-Indic year as 2026: a date saved so is no date either.
        (
            '<c r="G5" t="d"><v>٢٠٢٦-03-01</v></c>',
            "cell G5 holds '٢٠٢٦-03-01' saved as a date, which is not a date written as ISO 8601",
        ),
        # One cell, two values: openpyxl reads the first, LibreOffice the last.
        (
            '<c r="G5"><v>27.5</v><v>2.75</v></c>',
            "cell G5 holds two values ('27.5' and '2.75') where programs write one, and "
            "programs differ on which they show",
        ),
        (
            '<c r="G5" t="inlineStr"><is><t>27.5</t></is><is><t>2.75</t></is></c>',
            "cell G5 holds two values ('27.5' and '2.75') where programs write one, and "
            "programs differ on which they show",
        ),
        # One text in two pieces: openpyxl reads '7.5', LibreOffice '27.5'.
        (
            '<c r="G5" t="inlineStr"><is><t>2</t><t>7.5</t></is></c>',
            "cell G5 holds a text written in two pieces ('2' and '7.5') where programs write "
            "one, and programs differ on what they show",
        ),
        (
            '<c r="G5" t="inlineStr"><is><r><t>2</t><t>7.5</t></r></is></c>',
            "cell G5 holds a text written in two pieces ('2' and '7.5') where programs write "
            "one, and programs differ on what they show",
        ),
    ],
)
def test_a_cell_no_program_writes_is_named_by_its_place(
    tender_dir: Path, cell_xml: str, found: str, element_tree: bool
) -> None:
    """A crafted or damaged cell made the sheet 'damaged' with Python's words for why
    ("invalid literal for int() with base 10") and no cell; and Python's int() read '2_7' or
    Arabic and full-width digits as 27, a figure Excel would not show. Now the cell is
    refused, the problem naming it and what it holds, and the other bids still load."""
    _with_cell(tender_dir / "bids" / "acme.xlsx", cell_xml, element_tree)
    tender = load(tender_dir)
    problem = only(tender, "sheet.unreadable")
    assert problem.file == "bids/acme.xlsx"
    assert problem.message == "the sheet 'Prices' is damaged and could not be read"
    assert problem.found == found
    assert "bids/acme.xlsx" in tender.bids["source"].to_list()
    assert set(tender.prices["supplier"].to_list()) == {"Bright Futures CIC"}


def test_a_damaged_cell_exits_1_with_the_cell_named(tender_dir: Path, capsys) -> None:
    _with_cell(tender_dir / "bids" / "acme.xlsx", '<c r="G5"><v>NaN</v></c>', False)
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(tender_dir)])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert stopped.value.code == 1
    assert "cell G5 holds 'NaN'" in out and "Traceback" not in out


def test_a_shared_text_table_that_cannot_be_read_is_not_blamed_on_a_cell(
    tender_dir: Path,
) -> None:
    """The note names the table, not the first cell that asked for a text from it."""
    path = tender_dir / "bids" / "acme.xlsx"
    _with_cell(path, '<c r="G5" t="s"><v>0</v></c>', element_tree=False)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/sharedStrings.xml"] = b"<sst xmlns='x'><si><t>unclosed</si></sst>"
    with zipfile.ZipFile(path, "w") as target:
        for part, data in parts.items():
            target.writestr(part, data)
    tender = load(tender_dir)
    problem = only(tender, "sheet.unreadable")
    assert problem.found == "the workbook's table of text (xl/sharedStrings.xml) cannot be read"


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e"])
def test_an_invisible_character_in_a_sheet_name_is_shown(
    tender_dir: Path, capsys, invisible: str
) -> None:
    """A sheet named 'Pri\\u200bces' (a zero-width space pasted in) is not the Prices sheet,
    but the terminal showed "no 'Prices' sheet (found …, Prices, …)": the officer sees the
    sheet that is said to be missing. Invisible characters are shown escaped, as control and
    bidirectional characters already were."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book[layout.BID_PRICES].title = f"Pri{invisible}ces"
    book.save(path)
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(tender_dir)])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert stopped.value.code == 1
    assert invisible not in out
    assert "Pri" + printable(invisible) + "ces" in out
    assert printable(invisible) in ("\\xad", f"\\u{ord(invisible):04x}")


@pytest.mark.parametrize(
    ("number_format", "held", "shown"),
    [
        ("#,##0.00,", 27500, "27.50"),  # a trailing comma shows thousands
        ("0.00,,", 27_500_000, "27.50"),  # two show millions
        ("#,##0,.00", 27500, "27.50"),  # before the decimal point too
        ("£#,##0.00,;(£#,##0.00,)", 27500, "£27.50"),
    ],
)
def test_a_format_that_shows_thousands_is_not_read_silently(
    tender_dir: Path, number_format: str, held: int, shown: str
) -> None:
    """A number format ending in a comma divides what Excel shows by a thousand: a rate cell
    holding 27500 shows '27.50', and 27,500 was scored while the supplier, the officer and a
    court reading the bid see £27.50. Like a format with figures of its own, it is an error
    at the cell quoting what it shows and what it holds."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    cell = book[layout.BID_PRICES]["G5"]
    cell.value = held
    cell.number_format = number_format
    book.save(path)
    problem = only(load(tender_dir), "cell.shown_otherwise")
    assert (problem.file, problem.sheet, problem.cell) == ("bids/acme.xlsx", "Prices", "G5")
    assert problem.found.startswith(f"shows '{shown}', holds {held}")


@pytest.mark.parametrize("number_format", ["#,##0.00", "#,##0", "£#,##0.00;(£#,##0.00)", "0"])
def test_thousands_separators_are_not_scaling(tender_dir: Path, number_format: str) -> None:
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book[layout.BID_PRICES]["G5"].number_format = number_format
    book.save(path)
    assert load(tender_dir).problems == []


@pytest.mark.parametrize(("number_format", "shown"), [("0.0%", "27.5%"), ("0.00%", "27.50%")])
def test_a_rate_under_a_percentage_format_is_not_read_as_pence(
    tender_dir: Path, number_format: str, shown: str
) -> None:
    """27.5 typed into a rate cell formatted as a percentage (copied from the uplift column)
    is kept by Excel as 0.275 and shown as 27.5%: the £27.50 the supplier meant was read as
    27p without a word. An error at the cell, as for any format showing other figures; a
    percentage format on the uplift itself is what the template asks for and stays fine."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book[layout.BID_PRICES]["G5"].value = 0.275
    book[layout.BID_PRICES]["G5"].number_format = number_format
    book[layout.BID_PRICES]["H5"].value = 0.03
    book[layout.BID_PRICES]["H5"].number_format = number_format
    book.save(path)
    problem = only(load(tender_dir), "cell.shown_otherwise")
    assert (problem.sheet, problem.cell) == ("Prices", "G5")
    assert problem.found.startswith(f"shows '{shown}', holds 0.275")


@pytest.mark.parametrize(
    ("number_format", "held", "shown"),
    [
        ("0%%", 0.0003, "3%%"),  # each % multiplies by a hundred: 0.0003 × 100 × 100 = 3
        ("0.0%%", 0.00025, "2.5%%"),
        ("0.0%;0.0%%", -0.00025, "2.5%%"),  # the section a negative uplift is shown in
    ],
)
def test_an_uplift_under_two_percent_signs_is_not_read_silently(
    tender_dir: Path, number_format: str, held: float, shown: str
) -> None:
    """Each % in a number format multiplies what Excel shows by a hundred: an uplift of
    0.0003 under '0%%' shows '3%%', which the supplier, the officer and a court read as 3%,
    while 0.03% was read without a word (a trailing comma, '0.0,%', was already caught). An
    error at the cell, as for any format showing other figures."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book[layout.BID_PRICES]["H5"].value = held
    book[layout.BID_PRICES]["H5"].number_format = number_format
    book.save(path)
    problem = only(load(tender_dir), "cell.shown_otherwise")
    assert (problem.file, problem.sheet, problem.cell) == ("bids/acme.xlsx", "Prices", "H5")
    assert problem.found.startswith(f"shows '{shown}', holds {held}")


@pytest.mark.parametrize("number_format", ['0.0%"%"', "0.0%\\%", "0.0%", '0.0%;"%%"'])
def test_a_percent_sign_written_as_text_is_not_a_second_percentage(
    tender_dir: Path, number_format: str
) -> None:
    """A % in quotes or after a backslash only writes the sign: 0.025 under '0.0%"%"'
    shows 2.5%%, the percentage the cell holds. Only a second % of the format's own scales
    the number again; one % is the percentage the template asks for."""
    path = tender_dir / "bids" / "acme.xlsx"
    book = load_workbook(path)
    book[layout.BID_PRICES]["H5"].value = 0.025
    book[layout.BID_PRICES]["H5"].number_format = number_format
    book.save(path)
    assert load(tender_dir).problems == []
