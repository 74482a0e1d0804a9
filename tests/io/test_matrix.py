"""The consolidated form (evaluation.xlsx or evaluation/ of CSV files) loads to the same frames
as the folder of bid returns and score sheets, under the same rules."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval import layout

from .builders import LOTS, QUESTIONS, matrix_workbook, write_plan
from .conftest import load, only

SUPPLIERS = [
    {
        "supplier": "Acme Care Ltd",
        "org_type": "private company",
        "vcse": "no",
        "staff": 45,
        "turnover": 2500000,
        "balance_sheet": 900000,
        "contact_email": "bids@acme.example",
        "unique_identifier": "PTST-1234-BCDG",
    },
    {
        "supplier": "Bright Futures CIC",
        "org_type": "CIC",
        "vcse": "yes",
        "staff": 12,
        "turnover": 400000,
        "balance_sheet": 80000,
        "contact_email": "bids@bright.example",
        "unique_identifier": "PTST-5678-BCDG",
    },
]
PRICES = [
    {"supplier": s, "lot": lot, "item": item, "unit_rate": rate}
    for s in ("Acme Care Ltd", "Bright Futures CIC")
    for lot, item, rate in (("L1", "hours", 20), ("L2", "hours", 21), ("L2", "visits", 35))
]
SCORES = [
    {
        "evaluator": "Ann Evans",
        "supplier": s,
        "lot": lot,
        "question": q,
        "score": 3,
        "reason": "sound",
    }
    for s in ("Acme Care Ltd", "Bright Futures CIC")
    for lot in ("L1", "L2")
    for q in QUESTIONS
]
DECLARATIONS = [{"evaluator": "Ann Evans", "declared_on": "2026-10-01", "conflict": "none"}]


def test_matrix_workbook_loads_like_the_folder_form(tmp_path):
    write_plan(tmp_path)
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {
            "Suppliers": SUPPLIERS,
            "Prices": PRICES,
            "Scores": SCORES,
            "Declarations": DECLARATIONS,
            "SocialValue": [{"supplier": "Bright Futures CIC", "measure": "SV-APP", "units": 52}],
        },
    )
    tender = load(tmp_path)
    assert tender.problems == []
    assert tender.bids.select("supplier", "lot").rows() == [
        ("Acme Care Ltd", "L1"),
        ("Acme Care Ltd", "L2"),
        ("Bright Futures CIC", "L1"),
        ("Bright Futures CIC", "L2"),
    ]
    assert tender.suppliers["org_type"].to_list() == [
        "private company",
        "community interest company",
    ]
    assert tender.prices.filter(supplier="Acme Care Ltd", lot="L2").select(
        "item", "volume", "unit_rate", "cell"
    ).rows() == [("hours", 500.0, 21.0, "Prices › D3"), ("visits", 20.0, 35.0, "Prices › D4")]
    assert tender.scores.height == 12
    assert tender.inputs.select("path", "kind").rows()[-1] == ("evaluation.xlsx", "matrix")


def test_the_consolidated_form_carries_what_the_summaries_give_of_a_supplier(tmp_path):
    """Its Suppliers sheet has the bid return's contact_email and unique_identifier columns
    (reg 31(2)(b)-(c): every assessment summary gives them). A cell of either left blank is
    warned of there, as in a bid return; a Suppliers table without the columns (a form made
    before they were asked for) is warned of at each supplier's name, for each detail, as a
    bid return without the row is on its sheet: the summaries lack them all the same."""
    write_plan(tmp_path)
    blank = [{**SUPPLIERS[0], "contact_email": None}, SUPPLIERS[1]]
    tables = {"Prices": PRICES, "Scores": SCORES, "Declarations": DECLARATIONS}
    matrix_workbook(tmp_path / "evaluation.xlsx", {"Suppliers": blank, **tables})
    tender = load(tmp_path)
    assert tender.suppliers["unique_identifier"].to_list() == ["PTST-1234-BCDG", "PTST-5678-BCDG"]
    assert [(p.code, p.where, p.is_error) for p in tender.problems] == [
        ("bid.summary_details_missing", "evaluation.xlsx › Suppliers › L2", False)
    ]
    old = tmp_path / "old"
    write_plan(old)
    path = matrix_workbook(old / "evaluation.xlsx", {"Suppliers": SUPPLIERS, **tables})
    book = openpyxl.load_workbook(path)
    book["Suppliers"].delete_cols(12, 2)  # contact_email, unique_identifier
    book.save(path)
    tender = load(old)
    assert [(p.code, p.where, p.supplier, p.found, p.is_error) for p in tender.problems] == [
        (
            "bid.summary_details_missing",
            f"evaluation.xlsx › Suppliers › A{row}",
            supplier,
            found,
            False,
        )
        for row, supplier in ((2, SUPPLIERS[0]["supplier"]), (3, SUPPLIERS[1]["supplier"]))
        for found in ("no column 'contact_email'", "no column 'unique_identifier'")
    ]
    assert tender.problems[0].message.startswith(
        f"{SUPPLIERS[0]['supplier']}'s bid return gives no contact email: each assessment "
        "summary must give a contact email address"
    )
    assert tender.suppliers["unique_identifier"].to_list() == [None, None]


def test_matrix_uses_the_same_rules(tmp_path):
    write_plan(tmp_path)
    prices = [dict(row) for row in PRICES]
    prices[1]["unit_rate"] = "TBC"
    matrix_workbook(
        tmp_path / "evaluation.xlsx", {"Suppliers": SUPPLIERS, "Prices": prices, "Scores": SCORES}
    )
    tender = load(tmp_path)
    problem = only(tender, "money.placeholder")
    assert problem.where == "evaluation.xlsx › Prices › D3"
    assert (problem.supplier, problem.lot) == ("Acme Care Ltd", "L2")
    # no Declarations sheet: Ann's scores have no declaration, as with a score sheet
    assert only(tender, "declaration.missing").file == "evaluation.xlsx"


def test_matrix_missing_required_sheet(tmp_path):
    write_plan(tmp_path)
    matrix_workbook(tmp_path / "evaluation.xlsx", {"Suppliers": SUPPLIERS, "Scores": SCORES})
    problem = only(load(tmp_path), "sheet.missing")
    assert problem.message == "the workbook has no 'Prices' sheet"


def test_matrix_row_for_a_supplier_not_listed(tmp_path):
    write_plan(tmp_path)
    prices = [*PRICES, {"supplier": "Ghost Ltd", "lot": "L1", "item": "hours", "unit_rate": 9}]
    matrix_workbook(
        tmp_path / "evaluation.xlsx", {"Suppliers": SUPPLIERS, "Prices": prices, "Scores": SCORES}
    )
    problem = only(load(tmp_path), "matrix.unknown_supplier")
    assert problem.where == "evaluation.xlsx › Prices › A8"


def test_a_number_as_an_evaluator_on_the_consolidated_form_is_no_evaluator(tmp_path):
    """Scores › A2 holding 12345 credited the row's score to an evaluator "12345"."""
    write_plan(tmp_path)
    scores = [{**SCORES[0], "evaluator": 12345}, *SCORES[1:]]
    tables = {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": scores}
    matrix_workbook(tmp_path / "evaluation.xlsx", {**tables, "Declarations": DECLARATIONS})
    tender = load(tmp_path)
    problem = only(tender, "score.no_evaluator")
    assert (problem.where, problem.found, problem.is_error) == (
        "evaluation.xlsx › Scores › A2",
        "12345, a number, not a name",
        True,
    )
    assert "12345" not in tender.scores["evaluator"].to_list()


def _csv(folder: Path, name: str, rows: list[list[str]], delimiter: str, encoding: str) -> None:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    (folder / name).write_bytes(text.encode(encoding))


def test_csv_folder_with_semicolons_cp1252_and_decimal_commas(tmp_path):
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    nbsp = "\u00a0"
    _csv(
        folder,
        "Suppliers.CSV",
        [
            ["supplier", "org_type", "vcse", "staff", "turnover"],
            ["Café Care Ltd", "private company", "no", "30", f"£1{nbsp}234{nbsp}567,00"],
        ],
        ";",
        "cp1252",
    )
    _csv(
        folder,
        "prices.csv",
        [
            ["supplier", "lot", "item", "unit_rate", "uplift"],
            ["Café Care Ltd", "L1", "hours", f"£1{nbsp}234,50", "2,5%"],
            ["Café Care Ltd", "L2", "hours", "£19,75", ""],
            ["Café Care Ltd", "L2", "visits", "TBC", ""],
        ],
        ";",
        "cp1252",
    )
    _csv(
        folder,
        "scores.csv",
        [
            ["evaluator", "supplier", "lot", "question", "score", "reason"],
            ["Zoë Ward", "café care ltd", "L1", "Q1", "4", "good"],
        ],
        ";",
        "cp1252",
    )
    tender = load(tmp_path)
    assert tender.suppliers.select("supplier", "turnover").rows() == [("Café Care Ltd", 1234567.0)]
    assert tender.prices.select("lot", "item", "unit_rate", "uplift").rows() == [
        ("L1", "hours", 1234.5, 0.025),
        ("L2", "hours", 19.75, 0.0),
        ("L2", "visits", None, 0.0),
    ]
    problem = only(tender, "money.placeholder")
    assert problem.where == "evaluation/prices.csv › row 4, column unit_rate"
    assert tender.scores.select("evaluator", "supplier", "score").rows() == [
        ("Zoë Ward", "Café Care Ltd", 4.0)
    ]
    assert tender.inputs.filter(kind="matrix")["path"].to_list() == [
        "evaluation/Suppliers.CSV",
        "evaluation/prices.csv",
        "evaluation/scores.csv",
    ]


def test_csv_folder_utf8_with_bom_and_commas(tmp_path):
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_bytes("\ufeffsupplier,staff\nAcme Care Ltd,45\n".encode())
    (folder / "prices.csv").write_text(
        'supplier,lot,item,unit_rate\nAcme Care Ltd,L1,hours,"£1,234.50"\n', encoding="utf-8"
    )
    (folder / "scores.csv").write_text("evaluator,supplier,lot,question,score\n", encoding="utf-8")
    tender = load(tmp_path)
    assert tender.prices["unit_rate"].to_list() == [1234.5]
    assert tender.suppliers["staff"].to_list() == [45.0]


def test_both_forms_present_is_an_error(tender_dir):
    matrix_workbook(tender_dir / "evaluation.xlsx", {"Suppliers": SUPPLIERS})
    tender = load(tender_dir)
    problem = only(tender, "tender.two_forms")
    assert problem.file == "evaluation.xlsx"
    assert "remove evaluation.xlsx" in problem.expected
    assert tender.bids.height == 0
    assert isinstance(tender.bids, pl.DataFrame)


def test_csv_table_missing_a_required_column_is_left_out_whole(tmp_path):
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text("lot,item,unit_rate\nL1,hours,12\n", encoding="utf-8")
    (folder / "scores.csv").write_text("evaluator;supplier\n", encoding="utf-8")
    tender = load(tmp_path)
    missing = [p.where for p in tender.problems if p.code == "table.missing_column"]
    assert missing[0] == "evaluation/prices.csv › row 1"
    found = [p.found for p in tender.problems if p.code == "table.missing_column"]
    assert found[0] == "the headers 'lot', 'item', 'unit_rate'"
    assert "evaluation/scores.csv › row 1" in missing
    assert tender.prices.height == 0
    assert only(tender, "bid.no_prices").supplier == "Acme Care Ltd"


def test_a_second_declaration_or_one_with_no_evaluator_is_reported(tmp_path):
    """Both were ignored without a word: a conflict declared on the second row, or on a row
    naming no evaluator, was lost and the conflicted scores counted."""
    write_plan(tmp_path)
    declarations = [
        *DECLARATIONS,
        {"evaluator": "ann evans", "declared_on": "2026-10-02", "conflict": "declared",
         "conflicted_suppliers": "Acme Care Ltd"},
        {"declared_on": "2026-10-02", "conflict": "declared",
         "conflicted_suppliers": "Bright Futures CIC"},
    ]  # fmt: skip
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": SCORES,
         "Declarations": declarations},
    )  # fmt: skip
    tender = load(tmp_path)
    duplicate = only(tender, "declaration.duplicate")
    assert duplicate.is_error
    assert duplicate.where == "evaluation.xlsx › Declarations › A3"
    assert duplicate.message == "a second declaration for ann evans; the first (A2) was used"
    nameless = only(tender, "declaration.no_evaluator")
    assert nameless.is_error and nameless.where == "evaluation.xlsx › Declarations › A4"
    assert nameless.found == "a blank cell"
    assert tender.declarations.select("evaluator", "conflict").rows() == [("Ann Evans", "none")]


def test_names_that_show_nothing_are_no_names_in_the_consolidated_form(tmp_path):
    """A supplier or an evaluator named only by a zero-width space looks unnamed: it was read
    as the supplier (or evaluator) "\u200b". Each is reported as a row with no name."""
    write_plan(tmp_path)
    suppliers = [*SUPPLIERS, {**SUPPLIERS[0], "supplier": "\u200b"}]
    scores = [*SCORES, {**SCORES[0], "evaluator": "\u2060"}]
    declarations = [*DECLARATIONS, {**DECLARATIONS[0], "evaluator": "\u200b"}]
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": suppliers, "Prices": PRICES, "Scores": scores,
         "Declarations": declarations},
    )  # fmt: skip
    tender = load(tmp_path)
    nameless = only(tender, "bid.no_name")
    assert nameless.where == "evaluation.xlsx › Suppliers › A4"
    assert nameless.found == "'\\u200b', which shows nothing"
    unnamed = only(tender, "score.no_evaluator")
    assert unnamed.found == "'\\u2060', which shows nothing"
    undeclared = only(tender, "declaration.no_evaluator")
    assert undeclared.where == "evaluation.xlsx › Declarations › A3"
    # What the cell holds, as for the supplier's name (before, "a blank cell").
    assert undeclared.found == "'\\u200b', which shows nothing"
    assert tender.suppliers["supplier"].to_list() == ["Acme Care Ltd", "Bright Futures CIC"]
    assert tender.scores["evaluator"].unique().to_list() == ["Ann Evans"]


def test_csv_table_naming_a_column_twice_is_left_out_whole(tmp_path):
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text(
        "supplier,lot,item,unit_rate,Unit Rate\nAcme Care Ltd,L1,hours,12,9\n", encoding="utf-8"
    )
    tender = load(tmp_path)
    problem = only(tender, "table.repeated_column")
    assert problem.where == "evaluation/prices.csv › row 1"
    assert problem.found == "'unit_rate' in column 4, 'Unit Rate' in column 5"
    assert tender.prices.height == 0


def test_a_csv_table_over_the_row_limit_is_refused_whole_as_a_workbook_table_is(tmp_path):
    """The CSV reader kept the first rows up to the limit and scored them as if they were the
    whole table, while the same table in a workbook was refused: the two forms now agree.
    Blank rows do not count, in either."""
    from openpyxl import Workbook

    from tendereval.io.csvfile import read_csv
    from tendereval.io.matrix import _headers
    from tendereval.io.workbook import open_book

    header = ["supplier", "lot", "item", "unit_rate"]
    data = [["Acme Care Ltd", "L1", f"item{i}", 10 + i] for i in range(12)]
    lines = [",".join(header)] + [",".join(map(str, row)) + "\n" for row in data[:10]]
    (tmp_path / "ten.csv").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    (tmp_path / "twelve.csv").write_text(
        "\n".join([",".join(header)] + [",".join(map(str, row)) for row in data]) + "\n",
        encoding="utf-8",
    )
    wb = Workbook()
    wb.active.title = "Prices"
    for row in [header, *data]:
        wb["Prices"].append(row)
    wb.save(tmp_path / "twelve.xlsx")
    headers = _headers("Prices")

    rows, problems, _ = read_csv(tmp_path / "ten.csv", "ten.csv", headers, max_rows=10)
    assert len(rows) == 10 and problems == []
    rows, problems, _ = read_csv(tmp_path / "twelve.csv", "twelve.csv", headers, max_rows=10)
    book, _ = open_book(tmp_path / "twelve.xlsx", "twelve.xlsx")
    with book:
        book_rows, book_problems = book.table("Prices", headers, max_rows=10)
    assert rows == [] and book_rows == []
    assert [p.code for p in problems] == [p.code for p in book_problems] == ["table.too_many_rows"]
    assert problems[0].where == "twelve.csv › row 12"
    assert problems[0].message == book_problems[0].message
    assert book_problems[0].where == "twelve.xlsx › Prices › row 12"


def _prices_read(tmp_path, rates: list[str], delimiter: str, quote: bool = False):
    """The unit rates of one supplier's CSV prices (L1 hours, L2 hours, L2 visits) as read."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir(exist_ok=True)
    _csv(folder, "suppliers.csv", [["supplier"], ["Acme Care Ltd"]], delimiter, "utf-8")
    items = (("L1", "hours"), ("L2", "hours"), ("L2", "visits"))
    rows = [["supplier", "lot", "item", "unit_rate"]] + [
        ["Acme Care Ltd", lot, item, f'"{rate}"' if quote else rate]
        for (lot, item), rate in zip(items, rates, strict=True)
    ]
    _csv(folder, "prices.csv", rows, delimiter, "utf-8")
    tender = load(tmp_path)
    numbers = [p for p in tender.problems if p.code.startswith(("number.", "money."))]
    return tender.prices.get_column("unit_rate").to_list(), numbers


def test_a_number_that_reads_two_ways_is_read_as_the_files_other_numbers_write_decimals(
    tmp_path,
):
    """European Excel saves 1234 with a thousands separator as "1.234" and one and a bit as
    "1,234": read on their own they were one and a bit and 1234, a thousand times out, and
    nothing was said. The file's other numbers (19,75 or 19.75) say which mark it uses."""
    # Decimal commas shown (19,75): "1.234" is 1234 and "1,234" is 1.234.
    rates, problems = _prices_read(tmp_path / "eu", ["1.234", "19,75", "1,234"], ";")
    assert rates == [1234.0, 19.75, 1.234] and problems == []
    # Decimal points shown (19.75): as British Excel writes them.
    rates, problems = _prices_read(tmp_path / "uk", ["1,234", "19.75", "1.234"], ",", quote=True)
    assert rates == [1234.0, 19.75, 1.234] and problems == []
    # Nothing shows the mark: the separator gives the likely reading, and only the form that
    # reading writes for thousands is read ("1.234" in a ";" file, "1,234" in a "," file);
    # the other could be three decimal places or, from LibreOffice (which separates by ","
    # in every language), a thousand and more: refused at its cell.
    rates, problems = _prices_read(tmp_path / "semi", ["1.234", "20", "£2.500"], ";")
    assert rates == [1234.0, 20.0, 2500.0] and problems == []
    rates, problems = _prices_read(tmp_path / "semi2", ["20", "21", "1,250"], ";")
    assert rates == [20.0, 21.0, None]
    assert [p.code for p in problems] == ["number.ambiguous"]
    rates, problems = _prices_read(tmp_path / "comma", ["20", "21", "2,500"], ",", quote=True)
    assert rates == [20.0, 21.0, 2500.0] and problems == []
    rates, problems = _prices_read(tmp_path / "comma2", ["20", "21", "3.000"], ",")
    assert rates == [20.0, 21.0, None]
    assert [(p.code, p.found) for p in problems] == [("number.ambiguous", "3.000")]
    assert "no other number showing whether its decimal mark" in problems[0].message


def test_a_number_that_reads_two_ways_in_a_file_with_both_marks_is_refused(tmp_path):
    rates, problems = _prices_read(tmp_path, ["19,75", "20.50", "1.234"], ";")
    assert rates == [19.75, 20.5, None]
    ambiguous = [p for p in problems if p.code == "number.ambiguous"]
    assert [p.where for p in ambiguous] == ["evaluation/prices.csv › row 4, column unit_rate"]
    assert ambiguous[0].is_error and ambiguous[0].found == "1.234"


def test_the_consolidated_form_s_problems_come_in_the_order_of_its_rows(tmp_path) -> None:
    """The form's rows are checked supplier by supplier, as bid returns are: an officer
    correcting prices.csv read rows 7, 4, 3, 5, 6. Each file's problems now come by row."""
    from tests.award.red_team_tenders import Bid, tender_folder

    folder = tender_folder(
        tmp_path / "t",
        ["L1", "L2"],
        [
            Bid("Acme Ltd", "L1", 20),
            Bid("Bravo Ltd", "L1", "q"),
            Bid("Acme Ltd", "L2", "y"),
            Bid("Bravo Ltd", "L2", "z"),
            Bid("Cobalt Ltd", "L1", "w"),
            Bid("Acme Ltd", "L3", "v"),
        ],
    )
    # (Its suppliers.csv has no contact_email nor unique_identifier column: each supplier's
    # warnings of it come first, at its row there, and are not what is looked at here.)
    problems = [p for p in load(folder).problems if p.code != "bid.summary_details_missing"]
    assert [(p.file, p.cell.split(",")[0]) for p in problems] == [
        ("evaluation/prices.csv", "row 3"),
        ("evaluation/prices.csv", "row 4"),
        ("evaluation/prices.csv", "row 5"),
        ("evaluation/prices.csv", "row 6"),
        ("evaluation/prices.csv", "row 7"),
        ("evaluation/scores.csv", "row 7"),
    ]


def test_a_problem_s_place_reads_as_row_then_column() -> None:
    from tendereval.io.tender import _place

    assert _place("row 12, column unit_rate") == (12, 0)
    assert [_place(c) for c in ("C12", "AA3", "", None)] == [(12, 3), (3, 27), (0, 0), (0, 0)]


def test_a_withdrawal_naming_the_consolidated_workbook_withdraws_no_bid(tmp_path):
    """A withdrawal naming a file withdraws that bid return: evaluation.xlsx holds every
    bid, and is no one's return. Named there, it is an error and nothing is set aside."""
    import tendereval

    write_plan(tmp_path)
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": SCORES, "Declarations": DECLARATIONS},
    )
    (tmp_path / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "evaluation.xlsx"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    result = tendereval.score(tmp_path, sensitivity=False)
    assert set(result.results["status"]) == {"ranked"}
    assert [p.code for p in result.award.problems] == ["decisions.withdrawal_unknown"]


def test_a_supplier_on_two_rows_of_the_consolidated_form_is_told_so(tmp_path):
    """It said "Acme Care Ltd sent two bid returns (evaluation.xlsx and evaluation.xlsx)",
    and to record one as withdrawn by its bid file, which the consolidated form has none of."""
    write_plan(tmp_path)
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {
            "Suppliers": [*SUPPLIERS, SUPPLIERS[0]],
            "Prices": PRICES,
            "Scores": SCORES,
            "Declarations": DECLARATIONS,
        },
    )
    twice = only(load(tmp_path), "bid.twice")
    assert twice.message == (
        "Acme Care Ltd is given twice in evaluation.xlsx; neither is evaluated until only one stays"
    )
    assert twice.expected.startswith("one row for each supplier on the Suppliers sheet")


def _csv_form(folder: Path, scores: str) -> Path:
    """A CSV-form tender of Acme and Bright for lot L1, whose scores.csv is ``scores`` below
    its header row, as typed (quotes and all)."""
    write_plan(folder)
    evaluation = folder / "evaluation"
    evaluation.mkdir()
    (evaluation / "suppliers.csv").write_text(
        "supplier\nAcme Care Ltd\nBright Futures CIC\n", encoding="utf-8"
    )
    (evaluation / "prices.csv").write_text(
        "supplier,lot,item,unit_rate\nAcme Care Ltd,L1,hours,20\nBright Futures CIC,L1,hours,21\n",
        encoding="utf-8",
    )
    (evaluation / "scores.csv").write_text(
        "evaluator,group,supplier,lot,question,score,reason\n" + scores, encoding="utf-8"
    )
    (evaluation / "declarations.csv").write_text(
        "evaluator,declared_on,conflict\nAnn,2026-10-01,none\nBen,2026-10-01,none\n",
        encoding="utf-8",
    )
    return folder


def _tom_declared_as(tmp_path: Path, declared: str) -> Path:
    """A CSV-form tender scored by Tom Okafor and Ann, Tom declaring as ``declared``."""
    folder = _csv_form(
        tmp_path,
        "Tom Okafor,,Acme Care Ltd,L1,Q1,4,clear\nTom Okafor,,Bright Futures CIC,L1,Q1,2,thin\n"
        "Ann,,Acme Care Ltd,L1,Q1,3,fair\nAnn,,Bright Futures CIC,L1,Q1,3,fair\n",
    )
    (folder / "evaluation" / "declarations.csv").write_text(
        f'evaluator,declared_on,conflict\nAnn,2026-10-01,none\n"{declared}",2026-10-01,none\n',
        encoding="utf-8",
    )
    return folder


def test_a_declaration_naming_the_evaluator_surname_first_is_theirs(tmp_path):
    """declarations.csv naming "Okafor, Tom" against scores under "Tom Okafor": every one of
    Tom's scores was left out (missing_declaration = "exclude", the award could flip), with
    a warning that he had no declaration and one that "the score sheet of Okafor, Tom holds
    no scores", of a form that has no sheets. The names have the same words, as the
    conflicted-moderator check reads them: his declaration is his, with a warning."""
    tender = load(_tom_declared_as(tmp_path, "Okafor, Tom"))
    problems = [p for p in tender.problems if p.code != "lot.no_bids"]  # (L2: nobody bid)
    assert [(p.code, p.where, p.is_error) for p in problems] == [
        ("declaration.name_order", "evaluation/declarations.csv › row 3, column evaluator", False)
    ]
    assert problems[0].message == (
        "read as the declaration of Tom Okafor, as the scores name them "
        "(evaluation/scores.csv › row 2, column evaluator): the two are one person's name "
        "written another way (in another order, or with a title or letters after it), and the "
        "scores count under this declaration's name"
    )
    result = tendereval.score(tender, sensitivity=False)
    toms = result.evaluator_scores.filter(evaluator="Okafor, Tom")
    assert toms.select("supplier", "score", "counted").rows() == [
        ("Acme Care Ltd", 4.0, True),
        ("Bright Futures CIC", 2.0, True),
    ]


@pytest.mark.parametrize("declared", ["Dr Tom Okafor", "Tom Okafor MBE", "OKAFOR Tom"])
def test_a_declaration_with_a_title_or_letters_after_the_name_is_theirs(tmp_path, declared):
    """The name as the summaries' redaction reads it (tendereval.person_names): a title before
    it or letters after it are no part of whose name it is. "Dr Tom Okafor" on
    declarations.csv left Tom Okafor's scores undeclared and out (missing_declaration =
    "exclude"), with a warning that Dr Tom Okafor holds no scores."""
    tender = load(_tom_declared_as(tmp_path, declared))
    problems = [p for p in tender.problems if p.code != "lot.no_bids"]  # (L2: nobody bid)
    assert [(p.code, p.found) for p in problems] == [("declaration.name_order", declared)]
    result = tendereval.score(tender, sensitivity=False)
    toms = result.evaluator_scores.filter(evaluator=declared)
    assert toms.select("supplier", "score", "counted").rows() == [
        ("Acme Care Ltd", 4.0, True),
        ("Bright Futures CIC", 2.0, True),
    ]


def test_a_second_declaration_naming_him_another_way_is_a_second_declaration(tmp_path):
    """ "Dr Tom Okafor" below "Tom Okafor" on declarations.csv is his second declaration (an
    error: the conflict it declares would be lost), not a declaration of someone with no
    scores (a warning, the conflict lost all the same)."""
    folder = _tom_declared_as(tmp_path, "Tom Okafor")
    (folder / "evaluation" / "declarations.csv").write_text(
        "evaluator,declared_on,conflict,conflicted_suppliers\nAnn,2026-10-01,none,\n"
        "Tom Okafor,2026-10-01,none,\nDr Tom Okafor,2026-10-01,declared,Acme Care Ltd\n",
        encoding="utf-8",
    )
    tender = load(folder)
    problems = [p for p in tender.problems if p.code != "lot.no_bids"]  # (L2: nobody bid)
    assert [(p.code, p.where, p.is_error) for p in problems] == [
        ("declaration.duplicate", "evaluation/declarations.csv › row 4, column evaluator", True)
    ]


def test_a_declaration_naming_someone_with_no_scores_says_so_plainly(tmp_path):
    """ "T. Okafor" is not Tom Okafor by the words of the name: his scores have no declaration
    (the plan's missing_declaration rule), and the declaration is said to name an evaluator
    with no scores, at its name, not "the score sheet of T. Okafor holds no scores"."""
    tender = load(_tom_declared_as(tmp_path, "T. Okafor"))
    said = {p.code: (p.where, p.message) for p in tender.problems}
    assert said["scores.none"] == (
        "evaluation/declarations.csv › row 3, column evaluator",
        "the declaration of T. Okafor names an evaluator with no scores: no row of "
        "evaluation/scores.csv names T. Okafor",
    )
    assert said["declaration.missing"][1] == (
        "no conflict-of-interest declaration (declaration missing) for Tom Okafor"
    )


def test_a_quote_never_closed_in_a_csv_file_is_an_error_at_the_row_it_opens(tmp_path):
    """A reason typed '"Adequate staffing plan' with no closing quote took every line after it
    into that reason: Ben's 0 for Bright vanished, the award went to Bright, and Acme's
    assessment summary quoted Bright's row as Ben's reason. Nothing was said."""
    folder = _csv_form(
        tmp_path,
        "Ann,,Acme Care Ltd,L1,Q1,3,Adequate\n"
        "Ann,,Bright Futures CIC,L1,Q1,4,Good\n"
        'Ben,,Acme Care Ltd,L1,Q1,3,"Adequate staffing plan\n'
        "Ben,,Bright Futures CIC,L1,Q1,0,No safeguarding answer\n",
    )
    tender = load(folder)
    problem = only(tender, "csv.unclosed_quote")
    assert problem.is_error
    assert problem.where == "evaluation/scores.csv › row 4, column reason"
    assert problem.found == "'\"Adequate staffing plan…'"
    assert "the rest of the file (1 more line after line 4)" in problem.message
    # The row the quote opens in is not read either: its reason is the rest of the file.
    assert tender.scores.select("evaluator", "supplier", "reason").rows() == [
        ("Ann", "Acme Care Ltd", "Adequate"),
        ("Ann", "Bright Futures CIC", "Good"),
    ]


def test_a_quote_closed_rows_later_is_an_error_naming_a_row_it_swallowed(tmp_path):
    """A stray quote closed by the next quote in the file (the opening quote of a later
    reason) took the rows between into one reason; the rows after the closing one are read."""
    folder = _csv_form(
        tmp_path,
        'Ben,,Acme Care Ltd,L1,Q1,3,"Adequate staffing plan\n'
        "Ben,,Bright Futures CIC,L1,Q1,0,No safeguarding answer\n"
        'Ann,,Acme Care Ltd,L1,Q1,3,"Adequate, in the main"\n'
        "Ann,,Bright Futures CIC,L1,Q1,4,Good\n",
    )
    tender = load(folder)
    problem = only(tender, "csv.swallowed_rows")
    assert problem.is_error
    assert problem.where == "evaluation/scores.csv › row 2, column reason"
    assert problem.found == "'Ben,,Bright Futures CIC,L1,Q1,0,No safeguarding answer'"
    assert tender.scores.select("evaluator", "supplier").rows() == [("Ann", "Bright Futures CIC")]


def test_a_quote_opened_in_one_row_and_closed_in_the_next_rows_name_is_an_error(tmp_path):
    """A quote opened in Ben's supplier name and closed in the next row's took the end of
    Ben's row and the start of the next into one name: the value inside the quotes held two
    values of the next line, not a whole row, so it was read without a word. Ben's row then
    read as a score of 0 for "Acme Care Ltd,L1,Q1,3,ok↵Ben,,Bright Futures CIC" and his 0 for
    Bright vanished. Each line is now read on its own, the rest of the row included."""
    folder = _csv_form(
        tmp_path,
        'Ben,,"Acme Care Ltd,L1,Q1,3,ok\n'
        'Ben,,Bright Futures CIC",L1,Q1,0,No safeguarding answer\n'
        "Ann,,Acme Care Ltd,L1,Q1,3,Adequate\n",
    )
    tender = load(folder)
    problem = only(tender, "csv.swallowed_rows")
    assert problem.where == "evaluation/scores.csv › row 2, column supplier"
    assert problem.found == "'Ben,,Bright Futures CIC\",L1,Q1,0,No safeguarding answer'"
    assert tender.scores.select("evaluator", "supplier").rows() == [("Ann", "Acme Care Ltd")]


def test_a_reason_written_over_several_lines_in_a_csv_file_is_read(tmp_path):
    """Quoted line breaks are how Excel saves a reason typed with Alt+Enter: read as they are,
    however many commas a line has, unless a line holds as many values as the table has
    columns (the rule above)."""
    reason = "Strengths: clear plan, good staffing.\nWeaknesses: none, really.\n\nOverall sound."
    folder = _csv_form(
        tmp_path,
        f'Ann,,Acme Care Ltd,L1,Q1,3,"{reason}"\n'
        'Ann,,Bright Futures CIC,L1,Q1,4,"Good, ""very"" good"\n',
    )
    tender = load(folder)
    assert [p.code for p in tender.problems if p.code.startswith("csv.")] == []
    assert tender.scores.select("supplier", "reason").rows() == [
        ("Acme Care Ltd", reason),
        ("Bright Futures CIC", 'Good, "very" good'),
    ]
    # The row after a reason of three lines is row 3 of the table, as a spreadsheet shows it.
    (folder / "evaluation" / "scores.csv").write_text(
        "evaluator,group,supplier,lot,question,score,reason\n"
        f'Ann,,Acme Care Ltd,L1,Q1,3,"{reason}"\n'
        "Ann,,Bright Futures CIC,L1,Q1,9,Good\n",
        encoding="utf-8",
    )
    assert only(load(folder), "score.out_of_scale").cell == "row 3, column score"


def test_a_quote_never_closed_is_caught_in_every_table_of_the_csv_form(tmp_path):
    """The rule is the CSV reader's, not the scores table's: a supplier's rows after a stray
    quote in prices.csv were lost the same way (semicolons too)."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    (folder / "evaluation" / "prices.csv").write_text(
        'supplier;lot;item;unit_rate;uplift\nAcme Care Ltd;L1;hours;20;"2%\n'
        "Bright Futures CIC;L1;hours;21;\n",
        encoding="utf-8",
    )
    problem = only(load(folder), "csv.unclosed_quote")
    assert problem.where == "evaluation/prices.csv › row 2, column uplift"


def test_a_rate_refused_as_reading_two_ways_makes_its_bid_invalid_in_its_lot(tmp_path):
    """A rate refused as reading two ways ("1.234" in a file separated by ",") was blanked
    before the bid rules saw it: the lot read as not bid for, the bid fell out of every lot
    ("no unit rates were filled in for any lot", filed under suppliers.csv), and the refusal
    named no supplier, so a rejection could never settle it. Now it is refused as 'TBC' is:
    at its cell, for the supplier and lot, and the bid stays in its lot as invalid."""
    import tendereval

    rates, _ = _prices_read(tmp_path, ["1.234", "21", "35"], ",")
    assert rates == [None, 21.0, 35.0]
    evaluation = tmp_path / "evaluation"
    (evaluation / "scores.csv").write_text(
        "evaluator,supplier,lot,question,score,reason\n"
        + "".join(f"Ann Evans,Acme Care Ltd,{lot},{q},3,ok\n" for lot in LOTS for q in QUESTIONS),
        encoding="utf-8",
    )
    (evaluation / "declarations.csv").write_text(
        "evaluator,declared_on,conflict\nAnn Evans,2026-10-01,none\n", encoding="utf-8"
    )
    tender = load(tmp_path)
    problem = only(tender, "number.ambiguous")
    assert (problem.supplier, problem.lot) == ("Acme Care Ltd", "L1")
    assert problem.where == "evaluation/prices.csv › row 2, column unit_rate"
    assert problem.message.startswith("unit rate: a number that reads two ways")
    assert problem.found == "1.234"
    # No "no unit rates were filled in for any lot" filed under suppliers.csv.
    assert [p.code for p in tender.problems if p.is_error] == ["number.ambiguous"]
    assert tender.bids.select("supplier", "lot").rows() == [
        ("Acme Care Ltd", "L1"),
        ("Acme Care Ltd", "L2"),
    ]
    held = tendereval.score(tmp_path, sensitivity=False).award.held_back
    assert held is not None and "the inputs have 1 error" in held
    (tmp_path / "decisions.toml").write_text(
        '[[rejection]]\nsupplier = "Acme Care Ltd"\nlot = "L1"\nreason = "Rate unclear"\n'
        'decided_by = "Head of Commissioning"\ndecided_on = 2026-03-05\n',
        encoding="utf-8",
    )
    result = tendereval.score(tmp_path, sensitivity=False)
    assert result.results.filter(lot="L1")["status"].to_list() == ["invalid"]
    assert result.award.held_back is None  # the rejection settles the error


def test_a_problem_about_a_whole_csv_table_is_placed_on_its_file(tmp_path):
    """A price row missing was filed under 'evaluation/suppliers.csv › Prices' naming no
    supplier, an evaluator's missing declaration under 'scores.csv › Declarations', and a
    score sheet with no scores under 'declarations.csv › Scores': each file of the form is
    its own table, with no sheet, and the problem goes on the one it is about (Ben's
    declaration naming no one who scores: at its name, saying so, for the form has no
    sheets)."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L2,Q1,3,ok\nCat,,Acme Care Ltd,L2,Q1,2,ok\n")
    evaluation = folder / "evaluation"
    (evaluation / "prices.csv").write_text(  # lot L2 has visits at 20 a year: no row for them
        "supplier,lot,item,unit_rate\nAcme Care Ltd,L2,hours,20\n", encoding="utf-8"
    )
    (evaluation / "supplychain.csv").write_text(
        "supplier,name,role,sme,vcse,share,lots\n"
        "Acme Care Ltd,Sub A,subcontractor,yes,no,60%,L2\n"
        "Acme Care Ltd,Sub B,subcontractor,yes,no,50%,L2\n",
        encoding="utf-8",
    )
    tender = load(folder)
    placed = {
        p.code: (p.where, p.message, p.supplier)
        for p in tender.problems
        if p.code
        in ("price.missing_item", "bid.no_prices", "declaration.missing", "scores.none",
            "supply_chain.over_100")
    }  # fmt: skip
    assert placed == {
        "price.missing_item": (
            "evaluation/prices.csv",
            "Acme Care Ltd's bid for lot L2 has no row for price item visits",
            "Acme Care Ltd",
        ),
        "bid.no_prices": (
            "evaluation/prices.csv",
            "Bright Futures CIC filled in no unit rate for any lot",
            "Bright Futures CIC",
        ),
        "declaration.missing": (
            "evaluation/declarations.csv",
            "no conflict-of-interest declaration (declaration missing) for Cat",
            None,
        ),
        "scores.none": (
            "evaluation/declarations.csv › row 3, column evaluator",
            "the declaration of Ben names an evaluator with no scores: no row of "
            "evaluation/scores.csv names Ben",
            None,
        ),
        "supply_chain.over_100": (
            "evaluation/supplychain.csv",
            "the shares of the work Acme Care Ltd gives to consortium members and "
            "subcontractors add up to more than 100% for lot L2",
            None,
        ),
    }


def test_a_problem_about_a_whole_table_of_evaluation_xlsx_is_placed_on_its_sheet(tmp_path):
    write_plan(tmp_path)
    prices = [row for row in PRICES if row["item"] != "visits"]
    scores = [*SCORES, {**SCORES[0], "evaluator": "Cat"}]
    matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": prices, "Scores": scores, "Declarations": DECLARATIONS},
    )
    tender = load(tmp_path)
    assert [p.where for p in tender.problems if p.code == "price.missing_item"] == [
        "evaluation.xlsx › Prices",
        "evaluation.xlsx › Prices",
    ]
    assert only(tender, "declaration.missing").where == "evaluation.xlsx › Declarations"
    assert only(tender, "scores.incomplete").where == "evaluation.xlsx › Scores"


def test_every_other_file_in_the_evaluation_folder_is_named(tmp_path):
    """A second evaluator's scores saved as 'scores (1).csv' (or score.csv, Scores.CSV beside
    scores.csv …) were never read, never fingerprinted, and validate said 'No problems
    found.'. A file whose name says it may hold a table is an error, as its rows are not
    counted; any other document a warning, as in bids/ and scores/."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    evaluation = folder / "evaluation"
    second = (
        "evaluator,group,supplier,lot,question,score,reason\nBen,,Bright Futures CIC,L1,Q1,0,x\n"
    )
    names = ["scores (1).csv", "score.csv", "scores-ben.csv", "scores.xlsx", "Scores.CSV",
             "prices.csv.txt", "Social value.csv", "notes.txt", "minutes.docx",
             "~$scores.xlsx", ".DS_Store", "Thumbs.db"]  # fmt: skip
    for name in names:
        (evaluation / name).write_text(second, encoding="utf-8")
    (evaluation / "old").mkdir()
    tender = load(folder)
    named = {p.file: (p.code, p.is_error) for p in tender.problems if p.file not in (
        "evaluation/suppliers.csv", "evaluation/prices.csv", "evaluation/scores.csv",
        "evaluation/declarations.csv", "")}  # fmt: skip
    not_read = ("matrix.table_not_read", True)
    assert named == {
        "evaluation/scores (1).csv": not_read,
        "evaluation/score.csv": not_read,
        "evaluation/scores-ben.csv": not_read,
        "evaluation/scores.xlsx": not_read,
        "evaluation/Scores.CSV": not_read,
        "evaluation/prices.csv.txt": not_read,
        "evaluation/Social value.csv": not_read,
        "evaluation/notes.txt": ("file.ignored", False),
        "evaluation/minutes.docx": ("file.ignored", False),
    }
    problem = next(p for p in tender.problems if p.file == "evaluation/scores (1).csv")
    assert problem.message == (
        "this file is not read, and its name says it may hold scores: only "
        "evaluation/scores.csv is read for them, so any this file holds are not counted"
    )
    # The scores read are scores.csv's alone: Ben's 0 is in none of the tables.
    assert tender.scores.select("evaluator", "supplier").rows() == [("Ann", "Acme Care Ltd")]
    assert tender.inputs.filter(kind="matrix")["path"].to_list() == [
        "evaluation/suppliers.csv",
        "evaluation/prices.csv",
        "evaluation/scores.csv",
        "evaluation/declarations.csv",
    ]


@pytest.mark.parametrize(
    ("name", "holds", "read"),
    [
        ("moderation scores.csv", "consensus scores", "moderation.csv"),
        ("Scores moderated.csv", "consensus scores", "moderation.csv"),
        ("social value scores.csv", "social value commitments", "socialvalue.csv"),
        ("supplier prices.csv", "unit rates", "prices.csv"),
    ],
)
def test_a_file_in_evaluation_is_named_by_the_most_specific_table_its_name_holds(
    tmp_path, name, holds, read
):
    """'moderation scores.csv' was named as a second scores file ('only evaluation/scores.csv
    is read for them'): the first table word in the template's order won. The most specific
    does: moderation (or 'moderated') over scores, social value over scores, prices over
    suppliers."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    (folder / "evaluation" / name).write_text("supplier\n", encoding="utf-8")
    problem = only(load(folder), "matrix.table_not_read")
    assert problem.file == f"evaluation/{name}"
    assert problem.message == (
        f"this file is not read, and its name says it may hold {holds}: only "
        f"evaluation/{read} is read for them, so any this file holds are not counted"
    )


def test_a_sheet_holding_the_scores_table_is_named_by_it_whatever_its_name_says(tmp_path):
    """The evaluators' Scores table copied onto 'Moderation scores' for the panel's meeting:
    its header row is the Scores table's, so it is named as a second Scores table, not as the
    Moderation table its name would say."""
    write_plan(tmp_path)
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": SCORES, "Declarations": DECLARATIONS},
    )
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book["Scores"]).title = "Moderation scores"
    book.save(path)
    problem = only(load(tmp_path), "matrix.table_not_read")
    assert problem.where == "evaluation.xlsx › Moderation scores"
    assert problem.message.startswith(
        "this sheet is not read, and its header row is that table's, so it may hold scores"
    )
    assert problem.expected == (
        "its rows on the sheet 'Scores', and this sheet deleted or moved out of the workbook"
    )


def test_every_table_of_the_consolidated_form_can_be_named_by_a_file_or_sheet():
    from tendereval.io.matrix import _TABLE_WORDS

    assert set(_TABLE_WORDS) == set(layout.MATRIX_SHEETS)


def test_another_file_in_evaluation_whose_name_is_not_utf8_is_named_escaped(tmp_path):
    """A Windows portal's zip unpacked on Linux leaves '£' as the byte 0xA3: the name is
    shown with that byte as \\xa3, as bids/ and scores/ show it, and the run goes on."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    evaluation = os.fsencode(folder / "evaluation")
    try:
        with open(os.path.join(evaluation, b"scores-\xa3.csv"), "w", encoding="utf-8") as f:
            f.write("evaluator\n")
    except OSError:
        pytest.skip("this file system refuses a name that is not UTF-8")
    tender = load(folder)
    problem = next(p for p in tender.problems if p.code == "matrix.table_not_read")
    assert problem.file == "evaluation/scores-\\xa3.csv"
    problem.file.encode("utf-8")  # valid text for the terminal, the JSON and the report
    assert tender.scores.select("evaluator", "supplier").rows() == [("Ann", "Acme Care Ltd")]


def test_a_folder_inside_the_evaluation_folder_is_named(tmp_path):
    """Ben's scores kept in evaluation/round 2/scores.csv were not read and nothing was said:
    validate found no problems, his 0 for Bright did not count. A sub-folder holding a file
    named as a table is an error, as a bid moved into a sub-folder of bids/ is; one holding
    other documents a warning; an empty one nothing."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    evaluation = folder / "evaluation"
    (evaluation / "round 2" / "ben").mkdir(parents=True)
    (evaluation / "round 2" / "ben" / "scores.csv").write_text(
        "evaluator,group,supplier,lot,question,score,reason\nBen,,Bright Futures CIC,L1,Q1,0,x\n",
        encoding="utf-8",
    )
    (evaluation / "round 2" / "minutes.docx").write_bytes(b"x")
    (evaluation / "papers").mkdir()
    (evaluation / "papers" / "minutes.docx").write_bytes(b"x")
    (evaluation / "papers" / ".DS_Store").write_bytes(b"x")
    (evaluation / "empty").mkdir()
    tender = load(folder)
    found = {p.file: p for p in tender.problems if p.code == "file.subfolder"}
    assert set(found) == {"evaluation/round 2/", "evaluation/papers/"}
    assert found["evaluation/round 2/"].is_error
    assert found["evaluation/round 2/"].message == (
        "the folder evaluation/round 2/ is not read, and it holds ben/scores.csv, whose name "
        "says it holds one of the tables: any scores or prices there are not counted"
    )
    assert not found["evaluation/papers/"].is_error
    assert "holds 1 file(s)" in found["evaluation/papers/"].message
    assert tender.scores.select("evaluator", "supplier").rows() == [("Ann", "Acme Care Ltd")]


@pytest.mark.parametrize("listed", ["in name order", "in reverse"])
def test_the_files_named_in_a_folder_not_read_are_the_same_whatever_the_disks_order(
    tmp_path, monkeypatch, listed
):
    """Red team: evaluation/old/ holding a/ to e/, each with a scores.csv, was said to hold
    "e/scores.csv, d/scores.csv, c/scores.csv and 2 more" on a tmpfs (which lists the newest
    first) and "a/scores.csv, b/scores.csv, c/scores.csv and 2 more" elsewhere: the message,
    validate --json and the report's Flags sheet followed the order the disk listed the files
    in. They are named in name order, however the disk lists them."""
    folder = _csv_form(tmp_path, "Ann,,Acme Care Ltd,L1,Q1,3,ok\n")
    for name in "abcde":
        (folder / "evaluation" / "old" / name).mkdir(parents=True)
        (folder / "evaluation" / "old" / name / "scores.csv").write_text("supplier,lot\n")
    rglob = Path.rglob

    def as_the_disk_lists(self, pattern):
        found = sorted(rglob(self, pattern))
        return iter(found if listed == "in name order" else found[::-1])

    monkeypatch.setattr(Path, "rglob", as_the_disk_lists)
    [problem] = [p for p in load(folder).problems if p.code == "file.subfolder"]
    assert problem.message == (
        "the folder evaluation/old/ is not read, and it holds a/scores.csv, b/scores.csv, "
        "c/scores.csv and 2 more, whose name says it holds one of the tables: any scores or "
        "prices there are not counted"
    )


def test_a_row_with_more_values_than_the_header_is_an_error_not_cut_short(tmp_path):
    """Found by a red team: an unquoted rate 1,234 in a comma-separated prices.csv was read as
    £1 (the 234 dropped without a word) and won the lot; an unquoted reason with commas was
    cut at its first comma. Quoted, both read whole. Empty values past the header's columns
    (a spreadsheet's trailing commas) are nothing."""
    folder = _csv_form(
        tmp_path,
        "Ann,,Acme Care Ltd,L1,Q1,3,Not evidenced, booking model missing\n"
        'Ann,,Bright Futures CIC,L1,Q1,4,"Good, with a named lead",,\n',
    )
    prices = folder / "evaluation" / "prices.csv"
    prices.write_text(
        "supplier,lot,item,unit_rate\n"
        "Acme Care Ltd,L1,hours,20,,\n"
        "Bright Futures CIC,L1,hours,1,234\n",
        encoding="utf-8",
    )
    tender = load(folder)
    split = [p for p in tender.problems if p.code == "csv.too_many_values"]
    assert [(p.where, p.is_error) for p in split] == [
        ("evaluation/prices.csv › row 3", True),
        ("evaluation/scores.csv › row 2", True),
    ]
    assert split[0].found == "Bright Futures CIC,L1,hours,1,234"
    assert split[0].message.startswith("the row has 5 values where the header row names 4")
    # Neither split row is read; the rows with trailing empty values are, whole.
    assert tender.prices.select("supplier", "unit_rate").rows() == [("Acme Care Ltd", 20.0)]
    assert tender.scores.select("supplier", "reason").rows() == [
        ("Bright Futures CIC", "Good, with a named lead")
    ]


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_uplift_with_a_leading_zero_and_a_decimal_comma(tmp_path, delimiter):
    """'0,025%' in a CSV file's uplift was 25% a year in a ',' file and refused as reading
    two ways in a ';' file: a leading 0 is never a group of thousands, so it is 0.025% in
    both, and it shows the file's decimal mark is a comma ('1.234' is then a thousand and
    more)."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    _csv(folder, "suppliers.csv", [["supplier"], ["Acme Care Ltd"]], delimiter, "utf-8")
    _csv(
        folder,
        "prices.csv",
        [
            ["supplier", "lot", "item", "unit_rate", "uplift"],
            ["Acme Care Ltd", "L1", "hours", '"1.234"', '"0,025%"'],
        ],
        delimiter,
        "utf-8",
    )
    _csv(
        folder,
        "scores.csv",
        [["evaluator", "supplier", "lot", "question", "score"]],
        delimiter,
        "utf-8",
    )
    tender = load(tmp_path)
    assert [p for p in tender.problems if p.file.startswith("evaluation/prices")] == []
    assert tender.prices.select("unit_rate", "uplift").rows() == [(1234.0, pytest.approx(0.00025))]


def test_csv_declarations_without_a_date_column_say_where(tmp_path):
    """declarations.csv with no declared_on column: 'date of declaration is missing' was a
    warning with no file, listed under (general)."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text(
        "supplier,lot,item,unit_rate\nAcme Care Ltd,L1,hours,20\n", encoding="utf-8"
    )
    (folder / "scores.csv").write_text(
        "evaluator,supplier,lot,question,score\nAnn Evans,Acme Care Ltd,L1,Q1,3\n", "utf-8"
    )
    (folder / "declarations.csv").write_text("evaluator,conflict\nAnn Evans,none\n", "utf-8")
    problem = only(load(tmp_path), "cell.blank")
    assert (problem.where, problem.message) == (
        "evaluation/declarations.csv",
        "date of declaration is missing",
    )


@pytest.mark.parametrize(
    ("table", "named", "holds"),
    [
        ("SocialValue", "Social value", "social value commitments"),
        ("Declarations", "Declaration", "declarations of interest"),
        ("Moderation", "Moderation (agreed)", "consensus scores"),
        ("Packages", "Package offers", "package offers"),
        # Named by the most specific table their names hold: each was named as a second
        # Scores table ("its rows on the sheet 'Scores'"), the first in the template's order.
        ("Moderation", "Moderation scores", "consensus scores"),
        ("Moderation", "Scores moderated", "consensus scores"),
        ("SocialValue", "Social value scores", "social value commitments"),
    ],
)
def test_a_sheet_named_almost_as_a_table_of_evaluation_xlsx_is_an_error(
    tmp_path, table, named, holds
):
    """'Social value' (as the bid return names the sheet) for SocialValue was never read or
    mentioned: every bid's commitments were lost, and second and third swapped, exit 0;
    'Declaration' left every conflict undeclared. The sheet is named, as such a file in
    evaluation/ is (matrix.table_not_read), and the sheet expected with it."""
    write_plan(tmp_path)
    consensus = {"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1", "score": 4}
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {
            "Suppliers": SUPPLIERS,
            "Prices": PRICES,
            "Scores": SCORES,
            "Declarations": DECLARATIONS,
            "SocialValue": [{"supplier": "Bright Futures CIC", "measure": "SV-APP", "units": 52}],
            "Moderation": [consensus | {"reason": "Agreed at moderation"}],
            "Packages": [{"supplier": "Acme Care Ltd", "package": "Both", "lots": "L1;L2"}],
        },
    )
    book = openpyxl.load_workbook(path)
    book[table].title = named
    book.create_sheet("Notes")["A1"] = "Panel met on 12 October"  # a sheet of notes is no table
    book.save(path)
    tender = load(tmp_path)
    problem = only(tender, "matrix.table_not_read")
    assert (problem.is_error, problem.where) == (True, f"evaluation.xlsx › {named}")
    assert problem.message == (
        f"this sheet is not read, and its name says it may hold {holds}: only a sheet named "
        f"'{table}' is read for them, so any this sheet holds are not counted"
    )
    assert problem.expected == (
        f"a sheet named '{table}', as the template names it: rename this sheet '{table}' if it "
        "holds them"
    )


def test_a_second_scores_sheet_beside_scores_in_evaluation_xlsx_is_an_error(tmp_path):
    """Ben's scores on 'Scores (2)' beside Ann's on 'Scores': only 'Scores' is read."""
    write_plan(tmp_path)
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": SCORES, "Declarations": DECLARATIONS},
    )
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book["Scores"]).title = "Scores (2)"
    book.save(path)
    tender = load(tmp_path)
    problem = only(tender, "matrix.table_not_read")
    assert problem.where == "evaluation.xlsx › Scores (2)"
    assert problem.expected == (
        "its rows on the sheet 'Scores', and this sheet deleted or moved out of the workbook"
    )
    assert tender.scores.height == len(SCORES)


def test_a_csv_rate_in_bengali_digits_is_refused_at_its_cell(tmp_path):
    """'৪0' (the Bengali four looks like an 8: '80') was read as a rate of £40."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text(
        "supplier,lot,item,unit_rate\nAcme Care Ltd,L1,hours,৪0\n", encoding="utf-8"
    )
    (folder / "scores.csv").write_text(
        "evaluator,supplier,lot,question,score\nAnn Evans,Acme Care Ltd,L1,Q1,3\n", "utf-8"
    )
    problem = only(load(tmp_path), "money.other_digits")
    assert (problem.where, problem.found, problem.is_error) == (
        "evaluation/prices.csv › row 2, column unit_rate",
        "'৪0'",
        True,
    )


def test_csv_values_under_an_empty_header_are_not_passed_over(tmp_path):
    """Found beside the matrix's headings: in prices.csv a column whose header was lost
    (',,' in the header line) had its values dropped without a word, so uplifts typed there
    read as 0%, as a workbook's column with no header is an error when the table lacks one of
    its columns."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text(
        "supplier,lot,item,unit_rate,\nAcme Care Ltd,L1,hours,20,3%\n", encoding="utf-8"
    )
    (folder / "scores.csv").write_text(
        "evaluator,supplier,lot,question,score\nAnn Evans,Acme Care Ltd,L1,Q1,3\n", "utf-8"
    )
    problem = only(load(tmp_path), "table.unheaded_column")
    assert problem.is_error
    assert (problem.where, problem.found) == (
        "evaluation/prices.csv › row 2, column 5",
        "'3%' in row 2, column 5",
    )
    assert (
        problem.message == "column 5 holds values in 1 row but has no header, so they are not read"
    )


@pytest.mark.parametrize("header", ["\u200b", "\u00a0", '" "'])
def test_csv_values_under_a_header_showing_nothing_are_not_passed_over(tmp_path, header):
    """A header of a zero-width space (or any that shows nothing) is no header: the values
    below it are the same error as under ',,', not a column 'headed' by what nobody sees."""
    write_plan(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    (folder / "suppliers.csv").write_text("supplier\nAcme Care Ltd\n", encoding="utf-8")
    (folder / "prices.csv").write_text(
        f"supplier,lot,item,unit_rate,{header}\nAcme Care Ltd,L1,hours,20,3%\n", encoding="utf-8"
    )
    (folder / "scores.csv").write_text(
        "evaluator,supplier,lot,question,score\nAnn Evans,Acme Care Ltd,L1,Q1,3\n", "utf-8"
    )
    problem = only(load(tmp_path), "table.unheaded_column")
    assert (problem.where, problem.is_error) == ("evaluation/prices.csv › row 2, column 5", True)


@pytest.mark.parametrize("title", ["Sheet1", "Ben"])
def test_a_second_scores_table_under_any_sheet_name_is_an_error(tmp_path, title):
    """Left by the matrix's fixer: a second Scores table on a sheet whose name says nothing
    ('Sheet1', an evaluator's name) was passed over with its scores. Its header row is the
    Scores table's (which also names Moderation's columns: the table needing more is meant)."""
    write_plan(tmp_path)
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {"Suppliers": SUPPLIERS, "Prices": PRICES, "Scores": SCORES, "Declarations": DECLARATIONS},
    )
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book["Scores"]).title = title
    book.create_sheet("Notes")["A1"] = "supplier"  # one column named: a note, not a table
    book.save(path)
    problem = only(load(tmp_path), "matrix.table_not_read")
    assert problem.where == f"evaluation.xlsx › {title}"
    assert problem.message.startswith(
        "this sheet is not read, and its header row is that table's, so it may hold scores"
    )


def test_rates_uplifts_and_units_the_consolidated_form_shows_rounded_are_warned_of(tmp_path):
    """The consolidated form's figures go through the bid return's checks (bid_rules'
    _shown_rounded): 20.456 under '"£"#,##0' shows £20, an uplift of 2.5% under '0%' shows
    3%, 2.5 units under '0' show 3. Each is counted as held, with the warning a bid return
    gives."""
    write_plan(tmp_path)
    prices = [dict(row) for row in PRICES]
    prices[0]["unit_rate"] = 20.456
    prices[1]["uplift"] = 0.025
    path = matrix_workbook(
        tmp_path / "evaluation.xlsx",
        {
            "Suppliers": SUPPLIERS,
            "Prices": prices,
            "Scores": SCORES,
            "Declarations": DECLARATIONS,
            "SocialValue": [{"supplier": "Bright Futures CIC", "measure": "SV-APP", "units": 2.5}],
        },
    )
    book = openpyxl.load_workbook(path)
    book["Prices"]["D2"].number_format = '"£"#,##0'
    book["Prices"]["E3"].number_format = "0%"
    book["SocialValue"]["D2"].number_format = "0"
    book.save(path)
    tender = load(tmp_path)
    assert [(p.code, p.where, p.found, p.is_error) for p in tender.problems] == [
        ("price.shown_rounded", "evaluation.xlsx › Prices › D2", "shows £20, holds 20.456", False),
        ("price.shown_rounded", "evaluation.xlsx › Prices › E3", "shows 3%, holds 2.5%", False),
        (
            "commitments.shown_rounded",
            "evaluation.xlsx › SocialValue › D2",
            "shows 3, holds 2.5",
            False,
        ),
    ]
    assert tender.prices.filter(cell="Prices › D2")["unit_rate"].to_list() == [20.456]
