"""Reading OFFERS.csv / .xlsx: every bad cell is a Problem with its place, never an exception."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
import pytest
from openpyxl import Workbook

from tendereval.allocation import OFFER_SCHEMA, offers_from_frame, read_offers

HEADER = "offer_id,supplier,lots,price,score,sme,vcse,group\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "offers.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.cell) for p in problems]


def test_a_good_file_reads_into_the_offer_schema(tmp_path):
    path = write(
        tmp_path,
        'O1,Acme Care,ASH; CAN,"£1,234.50",72.5,Yes,no,east\nO2,Beta,DOV,999,60,N,TRUE,\n',
    )
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.schema == pl.Schema(OFFER_SCHEMA)
    first = frame.row(0, named=True)
    assert first["lots"] == ["ASH", "CAN"]
    assert first["price"] == 1234.5
    assert first["sme"] is True and first["vcse"] is False
    assert first["group"] == "east"
    assert frame.row(1, named=True)["group"] is None
    assert frame.get_column("sme_subcontract_share").to_list() == [0.0, 0.0]


def test_every_bad_cell_is_a_problem_with_its_row_and_column(tmp_path):
    path = write(
        tmp_path,
        "O1,Acme,ASH,abc,70,yes,no,\n"  # row 2: price not a number
        "O2,Acme,CAN,100,70,maybe,no,\n"  # row 3: sme not yes/no
        "O1,Beta,DOV,100,70,no,no,\n"  # row 4: duplicate offer_id
        "O4,Beta,,100,70,no,no,\n"  # row 5: no lots
        "O5,Beta,DOV,-5,x,no,no,\n"  # row 6: negative price, score not a number
        'O6,Beta,"DOV,FOL",100,70,no,no,\n'  # row 7: comma between lots
        "O7,Cole,TUN,100,70,no,no,\n",  # row 8: good
    )
    frame, problems = read_offers(path)
    assert codes(problems) == [
        ("offers.price_not_a_number", "row 2, column price"),
        ("offers.not_yes_no", "row 3, column sme"),
        ("offers.duplicate_offer_id", "row 4, column offer_id"),
        ("offers.no_lots", "row 5, column lots"),
        ("offers.price_not_positive", "row 6, column price"),
        ("offers.score_not_a_number", "row 6, column score"),
        ("offers.lots_separator", "row 7, column lots"),
    ]
    assert problems[0].found == "abc"
    assert problems[0].file == str(path)
    assert "price" in problems[0].describe()
    # Only the good rows are returned (the first O1 is bad for its price).
    assert frame.get_column("offer_id").to_list() == ["O7"]


def test_a_missing_column_is_one_problem_per_column(tmp_path):
    path = write(tmp_path, "O1,Acme,ASH,100,70\n", header="offer_id,supplier,lots,price,score\n")
    frame, problems = read_offers(path)
    assert frame.is_empty()
    assert [p.code for p in problems] == ["offers.missing_column"] * 2
    assert "sme" in problems[0].message and "vcse" in problems[1].message


def test_headers_are_matched_loosely_and_money_and_shares_parse(tmp_path):
    path = write(
        tmp_path,
        "O1,Acme,ASH,GBP 2500,70,y,n,,25%\n",
        header="Offer ID,Supplier,Lots,Price,Score,SME,VCSE,Group,SME subcontract share\n",
    )
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.row(0, named=True)["price"] == 2500
    assert frame.row(0, named=True)["sme_subcontract_share"] == 0.25


def test_a_supplier_marked_sme_on_one_row_and_not_another(tmp_path):
    path = write(tmp_path, "O1,Acme,ASH,100,70,yes,no,\nO2,Acme,CAN,100,70,no,no,\n")
    frame, problems = read_offers(path)
    assert codes(problems) == [("offers.inconsistent_status", "row 3, column sme")]
    assert frame.get_column("offer_id").to_list() == ["O1"]


def test_missing_or_wrongly_named_files(tmp_path):
    _, problems = read_offers(tmp_path / "nope.csv")
    assert problems[0].code == "offers.no_file"
    other = tmp_path / "offers.json"
    other.write_text("{}")
    _, problems = read_offers(other)
    assert problems[0].code == "offers.bad_file_type"


def test_an_excel_sheet_reads_with_cell_references(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Offers"
    sheet.append(["offer_id", "supplier", "lots", "price", "score", "sme", "vcse", "group"])
    sheet.append(["O1", "Acme", "ASH;CAN", 1500, 70, True, "no", None])
    sheet.append(["O2", "Beta", "DOV", "lots", 70, "yes", "no", None])
    path = tmp_path / "offers.xlsx"
    workbook.save(path)
    frame, problems = read_offers(path)
    assert codes(problems) == [("offers.price_not_a_number", "D3")]
    assert problems[0].sheet == "Offers"
    assert frame.row(0, named=True)["sme"] is True
    assert frame.row(0, named=True)["price"] == 1500


def test_offers_from_a_typed_frame():
    frame = pl.DataFrame(
        {
            "offer_id": ["B1", "B2"],
            "supplier": ["Acme", "Beta"],
            "lots": [["ASH"], ["CAN", "DOV"]],
            "price": [100.0, 250.0],
            "score": [70.0, -1.0],
            "sme": [True, False],
            "vcse": [False, False],
        }
    )
    checked, problems = offers_from_frame(frame)
    assert codes(problems) == [("offers.score_negative", "row 2, column score")]
    assert checked.get_column("offer_id").to_list() == ["B1"]
    assert checked.schema == pl.Schema(OFFER_SCHEMA)


@pytest.mark.parametrize("given", [[1.0, 0.0], [1, 0], [True, False]])
def test_yes_and_no_as_floats_are_read_as_whole_numbers_are(given):
    """sme and vcse of 1.0 and 0.0 (a float column) were refused as neither yes nor no,
    while 1 and 0 were read."""
    frame = pl.DataFrame(
        {
            "offer_id": ["B1", "B2"],
            "supplier": ["Acme", "Beta"],
            "lots": [["ASH"], ["CAN"]],
            "price": [100.0, 250.0],
            "score": [70.0, 60.0],
            "sme": given,
            "vcse": given[::-1],
        }
    )
    checked, problems = offers_from_frame(frame)
    assert problems == []
    assert checked.select("sme", "vcse").rows() == [(True, False), (False, True)]


def test_nan_for_sme_is_neither_yes_nor_no():
    frame = pl.DataFrame(
        {
            "offer_id": ["B1"],
            "supplier": ["Acme"],
            "lots": [["ASH"]],
            "price": [100.0],
            "score": [70.0],
            "sme": [float("nan")],
            "vcse": [0.0],
        }
    )
    _, problems = offers_from_frame(frame)
    assert codes(problems) == [("offers.not_yes_no", "row 1, column sme")]


@pytest.mark.parametrize("text", ["maybe", "", "2"])
def test_yes_no_values_that_are_not_understood(tmp_path, text):
    path = write(tmp_path, f"O1,Acme,ASH,100,70,no,{text},\n")
    _, problems = read_offers(path)
    assert [p.code for p in problems] == ["offers.not_yes_no"]


def test_an_offers_workbook_goes_through_the_bid_return_safety_checks(tmp_path):
    # A workbook with an entity declaration is refused before any XML parser sees it.
    workbook = Workbook()
    workbook.active.append(["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"])
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    crafted = tmp_path / "offers.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(crafted, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "b">]>'
                    + data.split(b"?>", 1)[-1]
                )
            target.writestr(info, data)
    frame, problems = read_offers(crafted)
    assert [p.code for p in problems] == ["offers.unreadable"]
    assert "entity declarations" in problems[0].found
    assert frame.is_empty()


def test_prices_read_as_they_do_in_a_bid_return(tmp_path):
    """The offers file used to strip every comma and space from a price, so a decimal comma
    (1234,50) read as 123450 and a slip (1 2 3) as 123. It now reads money as bids do."""
    path = write(
        tmp_path,
        'O1,Acme,ASH,"1234,50",70,yes,no,\n'
        'O2,Acme,CAN,"1 234,50",70,yes,no,\n'
        "O3,Beta,DOV,1 2 3,70,no,no,\n"
        'O4,Beta,FOL,"1,2,3",70,no,no,\n'
        "O5,Cole,TUN,2000000000000,70,no,no,\n"
        'O6,Cole,ASH,"£1,000,000,000,000","7,5",no,no,\n',
    )
    frame, problems = read_offers(path)
    assert codes(problems) == [
        ("offers.price_not_a_number", "row 4, column price"),
        ("offers.price_not_a_number", "row 5, column price"),
        ("offers.price_implausible", "row 6, column price"),
        # £1,000,000,000,000 for ASH against £1,234.50.
        ("offers.price_far_above_others", "row 7, column price"),
    ]
    prices = dict(zip(frame.get_column("offer_id"), frame.get_column("price"), strict=True))
    assert prices == {"O1": 1234.5, "O2": 1234.5, "O6": 1e12}
    assert frame.filter(pl.col("offer_id") == "O6").get_column("score").item() == 7.5


def test_a_figure_in_another_scripts_digits_is_refused_in_the_bid_returns_words(tmp_path):
    """'৪.50' looks like 8.50 and Python reads it as 4.50. The offers file refused it (it
    shares the bid returns' readers) but said only "The price is not an amount of money"."""
    header = HEADER.replace("\n", ",quality,sme_subcontract_share\n")
    path = write(
        tmp_path,
        "O1,Acme,ASH,৪.50,70,yes,no,,60,\n"  # row 2: Bengali four
        "O2,Acme,CAN,100,١٢,yes,no,,60,\n"  # row 3: Arabic-Indic twelve
        "O3,Beta,DOV,100,70,no,no,,６０,\n"  # row 4: full-width sixty
        "O4,Beta,FOL,100,70,no,no,,60,০.২৫\n"  # row 5: a Bengali share
        "O5,Cole,TUN,100,70,no,no,,60,\n",  # row 6: good
        header,
    )
    frame, problems = read_offers(path)
    assert codes(problems) == [
        ("money.other_digits", "row 2, column price"),
        ("number.other_digits", "row 3, column score"),
        ("number.other_digits", "row 4, column quality"),
        ("share.other_digits", "row 5, column sme_subcontract_share"),
    ]
    price = problems[0]
    assert price.is_error
    assert price.message.startswith(
        "price: it holds digits of another script, not 0-9 ('৪' is the Bengali digit four)"
    )
    assert price.found == "৪.50"
    assert "reads '4.50'" in price.expected
    assert "'١' is the Arabic-Indic digit one" in problems[1].message
    assert "reads '12'" in problems[1].expected
    assert "reads '60'" in problems[2].expected
    assert frame.get_column("offer_id").to_list() == ["O5"]


@pytest.mark.parametrize(
    ("encoding", "separator"), [("cp1252", ","), ("utf-16", ";"), ("utf-8-sig", "\t")]
)
def test_offers_in_any_encoding_excel_saves_keep_their_names(tmp_path, encoding, separator):
    """Read as lossy UTF-8, "Café Care" and "Cafè Care" in a Windows file both became
    "Caf� Care": one supplier, so a lot cap of 1 left a lot unawarded."""
    rows = [
        ["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"],
        ["O1", "Café Care", "ASH", "1234,50" if separator == ";" else "1234.50", "70", "yes", "no"],
        ["O2", "Cafè Care", "CAN", "999", "60", "yes", "no"],
    ]
    path = tmp_path / "offers.csv"
    path.write_bytes("\n".join(separator.join(r) for r in rows).encode(encoding))
    frame, problems = read_offers(path)
    assert problems == []
    assert frame.get_column("supplier").to_list() == ["Café Care", "Cafè Care"]
    assert frame.get_column("price").to_list() == [1234.5, 999.0]


def test_a_column_named_twice_is_refused_not_a_crash_or_a_silent_choice(tmp_path):
    """'offer_id' and 'Offer ID' crashed with polars' DuplicateError; two 'price' columns in
    a workbook kept the second without a word, and in a CSV file the first."""
    clash = write(tmp_path, "O1,Acme,ASH,100,70,no,no,,O9\n", HEADER.strip() + ",Offer ID\n")
    frame, problems = read_offers(clash)
    (problem,) = problems
    assert frame.is_empty() and problem.code == "offers.repeated_column"
    assert problem.message == "The offers table has 2 columns headed offer_id"
    assert problem.found == "'offer_id' in column 1, 'Offer ID' in column 9"

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Offers"
    sheet.append(["offer_id", "supplier", "lots", "price", "score", "sme", "vcse", "Price"])
    sheet.append(["O1", "Acme", "ASH", 1500, 70, "no", "no", 9])
    path = tmp_path / "offers.xlsx"
    workbook.save(path)
    frame, problems = read_offers(path)
    (problem,) = problems
    assert frame.is_empty() and problem.sheet == "Offers"
    assert problem.found == "'price' in column D, 'Price' in column H"


def test_one_supplier_written_two_ways_is_one_supplier_under_the_cap(tmp_path):
    """'Bob' and 'bob ' were two suppliers: with a cap of one lot each, Bob won both lots.
    The second spelling now takes the first's, with a warning at its cell, so the cap holds:
    Bob keeps the lot where it scores 90 and Carl (50) wins the other."""
    from tendereval import allocate

    path = write(
        tmp_path,
        "A1,Bob,ASH,100,90,no,no,\nA2,BOB ,DOV,100,90,no,no,\n"
        "A3,Carl,ASH,100,50,no,no,\nA4,Carl,DOV,100,50,no,no,\n",
    )
    frame, problems = read_offers(path)
    assert frame.get_column("supplier").to_list() == ["Bob", "Bob", "Carl", "Carl"]
    (problem,) = problems
    assert (problem.code, problem.cell, problem.is_error) == (
        "offers.supplier_respelled",
        "row 3, column supplier",
        False,
    )
    assert problem.message.startswith("Supplier 'BOB' is taken to be 'Bob'")
    done = allocate(path, max_lots_per_supplier=1)
    assert done.ok and [p.code for p in done.problems] == ["offers.supplier_respelled"]
    winners = done.allocation.awarded.select("offer_id", "supplier").sort("offer_id").rows()
    assert winners == [("A1", "Bob"), ("A4", "Carl")]


def test_a_price_that_reads_two_ways_is_read_as_the_file_writes_decimals(tmp_path):
    """'1.234' in a file that writes 19,75 is £1,234 (European Excel's thousands separator),
    not £1.23; in a file that also writes 50.5 it is refused at its cell."""
    header = HEADER.replace(",", ";")
    path = write(tmp_path, "A1;Bob;ASH;1.234;90;no;no;\nA2;Carl;ASH;19,75;50;no;no;\n", header)
    frame, problems = read_offers(path)
    assert frame.get_column("price").to_list() == [1234.0, 19.75]
    # Read so, £1,234 is 62 times Carl's £19.75 for the same lot: the officer is told.
    assert [p.code for p in problems] == ["offers.price_far_above_others"]
    path = write(tmp_path, "A1;Bob;ASH;1.234;90;no;no;\nA2;Carl;ASH;19,75;50.5;no;no;\n", header)
    frame, problems = read_offers(path)
    assert frame.get_column("offer_id").to_list() == ["A2"]
    assert codes(problems) == [("offers.price_not_a_number", "row 2, column price")]
    assert problems[0].found.startswith("1.234 (reads two ways")


def test_two_names_companies_house_would_not_register_side_by_side_are_pointed_out(tmp_path):
    """'Acme Care Ltd' and 'Acme Care Limited' are one registered name: as two suppliers the
    cap counts them apart. Not merged (which is right is the buyer's to find out); a warning
    at the second's first row, as bids get (bid.same_registered_name)."""
    path = write(
        tmp_path,
        "A1,Acme Care Ltd,ASH,100,90,no,no,\nA2,Acme Care Limited,DOV,100,90,no,no,\n"
        "A3,Acme Care Limited,ASH,100,80,no,no,\nA4,Beta,DOV,100,50,no,no,\n",
    )
    frame, problems = read_offers(path)
    assert frame.height == 4
    assert codes(problems) == [("offers.same_registered_name", "row 3, column supplier")]
    assert problems[0].found == "'Acme Care Limited' and 'Acme Care Ltd'"
    assert not problems[0].is_error


def test_an_offer_priced_far_above_the_others_for_its_lot_is_warned_of(tmp_path):
    """C's price for ASH typed in pence: it never won, and nobody was told. Packages are not
    compared; the offer is still read, and a price of 5 times the median is not a slip."""
    path = write(
        tmp_path,
        "O1,Acme,ASH,100000,70,no,no,\n"
        "O2,Beta,ASH,120000,70,no,no,\n"
        "O3,Cedar,ASH,11000000,70,no,no,\n"
        "O4,Acme,CAN,100000,70,no,no,\n"
        "O5,Beta,CAN,500000,70,no,no,\n"
        "O6,Cedar,ASH;CAN,9000000,140,no,no,\n",  # a package's score: its lots' summed
    )
    frame, problems = read_offers(path)
    assert frame.height == 6
    [warning] = problems
    assert (warning.code, warning.cell, warning.is_error, warning.supplier) == (
        "offers.price_far_above_others",
        "row 4, column price",
        False,
        "Cedar",
    )
    assert warning.message == (
        "Cedar's price for lot ASH is 92 times the median of the lot's offers (£120,000.00): "
        "check it (typed in pence, or for a whole contract among yearly prices?)"
    )


def test_blank_rows_of_a_csv_are_skipped_and_later_rows_keep_their_numbers(tmp_path):
    # Before: two blank lines at the end of a file, or the ",,,,,,,," Excel saves for an empty
    # row it has formatting for, were each an offer with no offer_id, supplier, lots, price,
    # score, sme or vcse (7 errors a row), and nothing was allocated. The offers workbook, and
    # the bid readers' CSV files, skip such rows.
    path = write(
        tmp_path,
        "O1,Acme,ASH,100,70,yes,no,\n"  # row 2
        "\n"  # row 3: an empty line
        ",,,,,,,\n"  # row 4: Excel's empty row
        " , ,\t, ,,,,\n"  # row 5: only spaces
        "O2,Beta,CAN,abc,60,no,no,\n"  # row 6: the price is not a number
        "O3,Beta,DOV,90,65,no,no,\n"  # row 7
        "\n\n",
    )
    frame, problems = read_offers(path)
    assert codes(problems) == [("offers.price_not_a_number", "row 6, column price")]
    assert frame.get_column("offer_id").to_list() == ["O1", "O3"]


def test_a_row_with_only_a_column_the_reader_does_not_use_is_not_blank(tmp_path):
    # A note in a column of the commissioner's own is something written on the row: it is
    # read, and the offer it lacks is an error, not a row skipped unseen.
    path = write(
        tmp_path, "O1,Acme,ASH,100,70,yes,no,,\n,,,,,,,,see email\n", HEADER[:-1] + ",note\n"
    )
    frame, problems = read_offers(path)
    assert ("offers.offer_id_blank", "row 3, column offer_id") in codes(problems)
    assert frame.get_column("offer_id").to_list() == ["O1"]


def test_a_score_with_its_decimal_point_left_out_is_warned_of(tmp_path):
    """Config red team: 744 for 74.4 won its lot under the score objective, no word said. A
    package's score (its lots' added up, 150 here) is compared with none."""
    path = write(
        tmp_path,
        "O1,Acme,ASH,100,744,no,no,\nO2,Beta,ASH,100,80,no,no,\nO3,Beta,CAN,90,70,no,no,\n"
        "O4,Beta,ASH;CAN,180,150,no,no,\n",
    )
    frame, problems = read_offers(path)
    assert codes(problems) == [("offers.score_past_the_others", "row 2, column score")]
    assert not problems[0].is_error and frame.height == 4
    assert problems[0].found == "744"
    fine = write(tmp_path, "O1,Acme,ASH,100,74.4,no,no,\nO2,Beta,ASH;CAN,100,150,no,no,\n")
    assert read_offers(fine)[1] == []


@pytest.mark.parametrize("typed", ["AHS", "ASK", "ASHH", "SAH"])
def test_a_lot_id_mistyped_into_a_lot_of_its_own_is_warned_of(tmp_path, typed):
    """Config red team: HC-001's lot typed AHS made a thirteenth lot, awarded to its one offer
    and its price added to the total, without a word."""
    path = write(
        tmp_path,
        f"O1,Acme,{typed},100,70,no,no,\nO2,Beta,ASH,100,80,no,no,\nO3,Beta,CAN,90,70,no,no,\n"
        "O4,Gamma,ASH,100,60,no,no,\n",
    )
    _, problems = read_offers(path)
    assert codes(problems) == [("offers.lot_like_another", "row 2, column lots")]
    assert problems[0].message.startswith(f"lot {typed} is named by this offer alone, and reads")
    assert problems[0].expected.startswith("ASH")


def test_lots_alike_that_several_offers_name_are_not_warned_of(tmp_path):
    # L1 and L2, or ASH and ASK, are both real when more than one offer names each; and a lot
    # only one offer bids for, spelt like no other, is common.
    path = write(
        tmp_path,
        "O1,Acme,L1,100,70,no,no,\nO2,Beta,L1,100,80,no,no,\nO3,Acme,L2,90,70,no,no,\n"
        "O4,Beta,L2,90,70,no,no,\nO5,Gamma,DOVER,90,70,no,no,\n",
    )
    assert read_offers(path)[1] == []


def test_numbered_lots_are_not_taken_for_each_other(tmp_path):
    """Review red team: L12, bid for by one supplier, read as 'L1 mistyped' (a digit added);
    numbered lots differ in their numbers, each a lot of its own."""
    path = write(
        tmp_path,
        "O1,Acme,L1,100,70,no,no,\nO2,Beta,L1,100,80,no,no,\nO3,Acme,L12,90,70,no,no,\n"
        "O4,Beta,D001,90,70,no,no,\nO5,Acme,D001,90,70,no,no,\nO6,Gamma,D011,90,70,no,no,\n",
    )
    assert read_offers(path)[1] == []


def test_short_lot_ids_are_not_taken_for_each_other(tmp_path):
    path = write(
        tmp_path,
        "O1,Acme,A,100,70,no,no,\nO2,Beta,A,100,80,no,no,\nO3,Acme,B,90,70,no,no,\n"
        "O4,Beta,NE,90,70,no,no,\nO5,Acme,NE,90,70,no,no,\nO6,Gamma,N,90,70,no,no,\n",
    )
    assert read_offers(path)[1] == []


def test_a_package_scored_as_the_average_of_its_lots_is_warned_of(tmp_path):
    """Found by a red team: Delta's package of L1-L3 scored 85 (an average) where the docs ask
    for the sum of its lots' scores; far cheaper (£150 against £300), it lost to three
    single-lot offers of 80 each (240) without a word. 85 is no more than one lot can score
    (100), and 85 / 3 = 28.33 a lot is less than every single-lot offer for L1-L3 (80)."""
    singles = "A1,Alpha Ltd,L1,100,80,no,no,\nA2,Beta Ltd,L2,100,80,no,no,\n"
    singles += "A3,Gamma Ltd,L3,100,80,no,no,\n"
    _, problems = read_offers(write(tmp_path, singles + "P1,Delta Ltd,L1;L2;L3,150,85,no,no,\n"))
    assert codes(problems) == [("offers.package_scored_as_average", "row 5, column score")]
    assert problems[0].severity.value == "warning"
    assert problems[0].message.startswith(
        "Delta Ltd's package of 3 lots scores 85, no more than one lot can, or 28.33 a lot, "
        "less than every single-lot offer for its lots (lowest 80)"
    )
    assert problems[0].expected.startswith("the sum of Delta Ltd's scores in lots L1, L2, L3")
    # The sum (3 lots at about 85: 255) is silent, and so is a weak honest package over one
    # lot's 100 (3 lots at 40: 120).
    for total in ("255", "120"):
        _, problems = read_offers(
            write(tmp_path, singles + f"P1,Delta,L1;L2;L3,150,{total},no,no,\n")
        )
        assert problems == [], total


def test_a_package_scoring_less_than_its_suppliers_own_lots_together_is_warned_of(tmp_path):
    """Alpha's own single-lot offers score 80 (L1) and 70 (L2): its L1+L2 package, scored as
    the sum, is 150; 75 (their average) is less than 150, whatever the market. An honest
    package can never score less than some of its own lots together."""
    body = "A1,Alpha,L1,100,80,no,no,\nA2,Alpha,L2,100,70,no,no,\nB1,Beta,L1,90,60,no,no,\n"
    _, problems = read_offers(write(tmp_path, body + "A3,Alpha,L1;L2,170,75,no,no,\n"))
    assert codes(problems) == [("offers.package_scored_as_average", "row 5, column score")]
    assert "less than its own single-lot offers for L1, L2 score together (150)" in (
        problems[0].message
    )
    _, problems = read_offers(write(tmp_path, body + "A3,Alpha,L1;L2,170,150,no,no,\n"))
    assert problems == []


def test_one_suppliers_offers_for_the_same_lots_are_named_copy_and_note(tmp_path):
    """Found by a red team: A3 an exact copy of A1, and A2 a second price for the same lot
    (an old price left in after a correction?) passed with "No problems found"; the
    allocation quietly took A2 at £900. Now: a warning at A3 naming A1, and a note at A2's
    price naming A1's; the file is still read whole."""
    path = write(
        tmp_path,
        "A1,Alpha Ltd,L1,1000,80,no,no,\nA2,Alpha Ltd,L1,900,85,no,no,\n"
        "A3,Alpha Ltd,L1,1000,80,no,no,\nB1,Beta Ltd,L1,950,82,yes,no,\n",
    )
    frame, problems = read_offers(path)
    assert frame.height == 4
    assert codes(problems) == [
        ("offers.same_lots_twice", "row 3, column price"),
        ("offers.offer_copied", "row 4, column offer_id"),
    ]
    assert not any(p.is_error for p in problems)
    note, copy = problems
    assert note.message.startswith(
        "Alpha Ltd has another offer for the same lots (L1): offer A1 (row 2, column "
        "offer_id) at £1,000.00, score 80, and offer A2 at £900.00, score 85"
    )
    assert copy.message.startswith(
        "offer A3 is a copy of offer A1 (row 2, column offer_id): the same supplier "
        "(Alpha Ltd), lots (L1), price and score"
    )


def test_a_package_is_the_same_lots_in_any_order_and_other_suppliers_are_not_repeats(
    tmp_path,
):
    path = write(
        tmp_path,
        "A1,Alpha,L1;L2,180,150,no,no,\nA2,Alpha,L2;L1,180,150,no,no,\n"
        "B1,Beta,L1;L2,180,150,no,no,\nA3,Alpha,L1,100,80,no,no,\n",
    )
    _, problems = read_offers(path)
    assert codes(problems) == [("offers.offer_copied", "row 3, column offer_id")]


def test_a_score_too_large_to_compare_is_a_slip_at_its_cell(tmp_path):
    """A score of 1e15 passed the offers check and stopped allocate with an internal error
    (1/10,000 points overflowed 64 bits); one of 999999999999999999 was refused at the row
    before it as "not a number (found 1e+18)". Each is now a slip at its own cell, quoted as
    typed, as a quality or a volume past any contract is."""
    header = HEADER.replace("\n", ",quality,volume\n")
    path = write(
        tmp_path,
        "O1,Acme,ASH,100,70,no,no,,60,\n"
        "O2,Acme,CAN,100,1000000000000000,no,no,,60,\n"  # row 3
        "O3,Beta,DOV,100,999999999999999999,no,no,,60,\n"  # row 4
        "O4,Beta,FOL,100,70,no,no,,10000000000000000,\n"  # row 5
        "O5,Cole,TUN,100,70,no,no,,60,100000000000000000000\n"  # row 6
        "O6,Cole,ASH,100,1000000000000,no,no,,1000000000000,1000000000\n",  # at the limits: read
        header,
    )
    frame, problems = read_offers(path)
    assert [(p.code, p.cell, p.found) for p in problems if p.is_error] == [
        ("offers.score_implausible", "row 3, column score", "1000000000000000"),
        ("offers.score_implausible", "row 4, column score", "999999999999999999"),
        ("offers.quality_implausible", "row 5, column quality", "10000000000000000"),
        ("offers.volume_implausible", "row 6, column volume", "100000000000000000000"),
    ]
    assert frame.get_column("offer_id").to_list() == ["O1", "O6"]


def test_a_frame_with_a_score_too_large_says_so_with_the_figure_in_full():
    """From Python, a float score of 1e18 became the text "1e+18", refused as not a number."""
    frame = pl.DataFrame(
        {
            "offer_id": ["O1", "O2"],
            "supplier": ["Acme", "Beta"],
            "lots": [["ASH"], ["ASH"]],
            "price": [100.0, 100.0],
            "score": [1e18, 0.0000001],
            "sme": [False, False],
            "vcse": [False, False],
        }
    )
    checked, problems = offers_from_frame(frame)
    assert [(p.code, p.cell, p.found) for p in problems] == [
        ("offers.score_implausible", "row 1, column score", "1000000000000000000"),
    ]
    assert checked.get_column("score").to_list() == [0.0000001]


def test_validate_and_allocate_agree_on_a_score_too_large(tmp_path):
    from click.testing import CliRunner

    from tendereval.cli import cli

    path = write(tmp_path, "O1,Acme,ASH,100,70,no,no,\nO2,Beta,ASH,100,1000000000000000,no,no,\n")
    for command in ("validate", "allocate"):
        run = CliRunner().invoke(cli, [command, str(path)])
        assert run.exit_code == 1, run.output  # was 0 for validate, 3 (internal error) for allocate
        assert "row 3, column score" in run.output and "1000000000000000" in run.output
