"""Red team, round 2: commissioners' offers tables written carelessly.

An offers table is typed or pasted by a commissioner. A warning about the workbook (a hidden
sheet, macros) must not stop the allocation; a lot or a supplier written two ways (``ash`` and
``ASH``, ``ACME  LTD`` and ``Acme Ltd``) must not become two lots (one lot awarded twice) or two
suppliers (the lot cap escaped), as bid returns already match them.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import tendereval
from tendereval.allocation import read_offers
from tendereval.cli import cli

HEADER = ["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"]
ROWS = [
    ["A1", "Acme Ltd", "L1", "100", "80", "yes", "no"],
    ["A2", "Acme Ltd", "L2", "100", "70", "yes", "no"],
    ["B1", "Big plc", "L1", "90", "75", "no", "no"],
    ["B2", "Big plc", "L2", "90", "79", "no", "no"],
]


def workbook_with_a_hidden_sheet(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Offers"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    notes = workbook.create_sheet("Notes")
    notes["A1"] = "working notes"
    notes.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_a_workbook_with_only_a_warning_is_allocated_and_the_warning_shown(tmp_path: Path):
    # Before: the hidden-sheet warning alone stopped the run ("The inputs cannot be used, so
    # nothing was allocated ... no errors, 1 warning"), exit 1.
    path = workbook_with_a_hidden_sheet(tmp_path / "offers.xlsx")
    done = tendereval.allocate(path)
    assert done.allocation.status == "optimal"
    assert sorted(done.allocation.awarded.get_column("offer_id").to_list()) == ["A1", "B2"]
    assert [p.code for p in done.problems] == ["sheet.hidden"]
    assert done.ok
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 0, result.output
    assert "the sheet 'Notes' is hidden" in result.output
    assert "nothing was allocated" not in result.output
    assert "L1  A1  Acme Ltd" in result.output


def write_csv(tmp_path: Path, rows: list[list[str]]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "offers.csv"
    path.write_text("\n".join(",".join(row) for row in [HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def winners(done) -> dict[str, str]:
    return {
        lot: offer
        for offer, lots in done.allocation.awarded.select("offer_id", "lots").iter_rows()
        for lot in lots
    }


def test_a_lot_written_in_other_case_or_spacing_is_the_same_lot(tmp_path: Path):
    # Before: 'l1' was a lot of its own, so lot L1 was awarded twice, and 'L1;l1' was a
    # package of two lots.
    path = write_csv(
        tmp_path,
        [
            ["A1", "Acme Ltd", "L1", "100", "80", "yes", "no"],
            ["B1", "Big plc", "l1", "90", "85", "no", "no"],
            ["D1", "Dee Ltd", "L1;l1", "90", "99", "no", "no"],
        ],
    )
    offers, problems = read_offers(path)
    found = [(p.code, p.cell, p.severity.value) for p in problems]
    assert found == [
        ("offers.lot_respelled", "row 3, column lots", "warning"),
        ("offers.repeated_lot", "row 4, column lots", "error"),
    ]
    assert problems[0].found == "'l1'"
    assert "'L1'" in problems[0].message and "row 2" in problems[0].message
    assert offers.get_column("lots").explode().unique().to_list() == ["L1"]
    path = write_csv(
        tmp_path,
        [
            ["A1", "Acme Ltd", "L1", "100", "80", "yes", "no"],
            ["B1", "Big plc", "l1", "90", "85", "no", "no"],
            ["B2", "Big plc", " L2 ", "90", "85", "no", "no"],
            ["A2", "Acme Ltd", "L2", "100", "80", "yes", "no"],
        ],
    )
    done = tendereval.allocate(path)
    assert winners(done) == {"L1": "B1", "L2": "B2"}
    assert [p.code for p in done.problems] == ["offers.lot_respelled"]
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 0, result.output
    assert "'l1'" in result.output and "Lots awarded" in result.output


def test_a_lot_id_that_only_looks_like_another_is_an_error(tmp_path: Path):
    # A zero-width space or a Cyrillic letter: the same on screen, another lot to a computer.
    for spelling, character in (("L\u200b2", "U+200B ZERO WIDTH SPACE"), ("\u04272", None)):
        path = write_csv(
            tmp_path,
            [
                ["A1", "Acme Ltd", "L2", "100", "80", "yes", "no"],
                ["B1", "Big plc", spelling, "90", "85", "no", "no"],
            ],
        )
        _, problems = read_offers(path)
        if character is None:  # a Cyrillic Ч is not drawn like an L: another lot, no problem
            assert problems == []
            continue
        (problem,) = problems
        assert (problem.code, problem.cell, problem.is_error) == (
            "offers.lot_lookalike",
            "row 3, column lots",
            True,
        )
        assert character in problem.found and "'L2'" in problem.message


def test_a_supplier_written_in_other_case_or_spacing_is_one_supplier_under_the_cap(
    tmp_path: Path,
):
    # Before: three spellings of Acme won three lots under a cap of one lot per supplier.
    path = write_csv(
        tmp_path,
        [
            ["A1", "Acme Ltd", "L1", "100", "80", "yes", "no"],
            ["A2", "ACME  LTD", "L2", "100", "80", "yes", "no"],
            ["A3", "acme ltd", "L3", "100", "80", "yes", "no"],
            ["B1", "Big plc", "L1", "90", "75", "no", "no"],
            ["B2", "Big plc", "L2", "90", "75", "no", "no"],
            ["B3", "Big plc", "L3", "90", "75", "no", "no"],
        ],
    )
    done = tendereval.allocate(path, max_lots_per_supplier=1)
    assert done.allocation.status == "optimal"
    awarded = done.allocation.awarded.get_column("supplier").to_list()
    assert sorted(awarded) == ["Acme Ltd", "Big plc"]  # one lot each; the third unawarded
    assert sorted((p.code, p.cell) for p in done.problems) == [
        ("offers.supplier_respelled", "row 3, column supplier"),
        ("offers.supplier_respelled", "row 4, column supplier"),
    ]
    assert not any(p.is_error for p in done.problems)


def test_supplier_names_one_as_companies_house_compares_them_are_pointed_out(tmp_path: Path):
    path = write_csv(
        tmp_path,
        [
            ["A1", "Acme Care Ltd", "L1", "100", "80", "yes", "no"],
            ["A2", "Acme Care Limited", "L2", "100", "80", "yes", "no"],
            ["A3", "\u0410cme Care Ltd", "L3", "100", "80", "yes", "no"],
        ],
    )
    offers, problems = read_offers(path)
    assert offers.height == 3  # two suppliers or one: for the buyer to find out, not to guess
    assert [(p.code, p.cell, p.is_error) for p in problems] == [
        ("offers.same_registered_name", "row 3, column supplier", False),
        ("offers.lookalike_names", "row 4, column supplier", False),
    ]
    assert "U+0410 CYRILLIC CAPITAL LETTER A" in problems[1].found


def respell(name: str, how: int) -> str:
    """``name`` in another case or with other spacing around and inside its words."""
    return [name.lower(), name.upper(), f"  {name} ", name.replace(" ", "  "), name.swapcase()][how]


@settings(max_examples=25, deadline=None)
@given(
    offers=st.lists(
        st.tuples(
            st.sampled_from(["Acme Care Ltd", "Big plc", "Core CIC"]),
            st.lists(st.sampled_from(["ASH", "CAN", "Dov"]), min_size=1, max_size=2, unique=True),
            st.integers(50, 150),
            st.integers(40, 90),
            st.integers(0, 4),
            st.integers(0, 4),
        ),
        min_size=1,
        max_size=8,
    ),
    cap=st.sampled_from([None, 1, 2]),
)
def test_respelled_lots_and_suppliers_change_nothing(tmp_path_factory, offers, cap) -> None:
    """The allocation of a table whose later rows respell lots and suppliers is the allocation
    of the table written one way, and each respelling is a warning, never an error."""
    folder = tmp_path_factory.mktemp("respelled")
    status = {"Acme Care Ltd": "yes", "Big plc": "no", "Core CIC": "no"}
    plain, respelled = [], []
    for number, (supplier, lots, price, score, how_s, how_l) in enumerate(offers):
        row = [f"O{number}", supplier, ";".join(lots), str(price), str(score), status[supplier]]
        plain.append([*row, "no"])
        if number:  # the first row fixes the spelling of what it names
            row[1] = respell(supplier, how_s)
            row[2] = ";".join(respell(lot, (how_l + i) % 5) for i, lot in enumerate(lots))
        respelled.append([*row, "no"])
    first = tendereval.allocate(write_csv(folder / "a", plain), max_lots_per_supplier=cap)
    second = tendereval.allocate(write_csv(folder / "b", respelled), max_lots_per_supplier=cap)
    assert not any(p.is_error for p in second.problems)
    # A lot keeps the spelling of the first row naming it.
    assert upper(winners(second)) == upper(winners(first))
    assert second.allocation.total_score == first.allocation.total_score


def upper(won: dict[str, str]) -> dict[str, str]:
    return {lot.upper(): offer for lot, offer in won.items()}


def test_a_policy_naming_a_supplier_or_lot_in_another_case_applies_to_it(tmp_path: Path):
    # Before: '--supplier-max-lots "acme ltd=0"' was warned about ("no offer is from a supplier
    # called 'acme ltd'") and not applied, and '--min-quality l1=79' made a phantom lot 'l1'
    # ("Lot l1 cannot be awarded") while L1 went to an offer below the minimum.
    path = write_csv(tmp_path, ROWS)
    done = tendereval.allocate(path, supplier_max_lots={"acme ltd": 0})
    assert winners(done) == {"L1": "B1", "L2": "B2"}
    assert done.problems == []
    done = tendereval.allocate(path, min_quality_per_lot={"l1": 81, " L2 ": 75})
    assert winners(done) == {"L2": "B2"}  # no offer for L1 reaches 81; only B2 reaches 75
    assert done.allocation.unawarded_lots == ["L1"]
    assert done.problems == []
    result = CliRunner().invoke(
        cli, ["allocate", str(path), "--lot-budget", "l2=80", "--supplier-max-value", "BIG PLC=1"]
    )
    assert result.exit_code == 0, result.output
    assert "no offer" not in result.output  # neither is taken for a name of its own
    assert "L2  not awarded" in result.output  # both offers cost more than £80
    # ... which is said, of L2 as the offers write it
    assert "policy › lot_budgets[L2]: warning: the budget for lot L2, £80.00" in result.output


def test_a_package_priced_at_nothing_is_a_problem_at_its_cell_and_the_rest_is_allocated(
    tmp_path: Path,
):
    # Before: validate accepted a package price of 0, and allocate then stopped with a usage
    # error (exit 2) naming "row 8, column price" of a table the officer never saw.
    import csv

    from tests.award.red_team_tenders import Bid, tender_folder

    bids = [Bid("Ash Care", lot, 10, 3) for lot in "AB"] + [Bid("Birch Care", "B", 9, 3)]
    folder = tender_folder(tmp_path / "tender", ["A", "B"], bids)
    with (folder / "evaluation" / "packages.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["supplier", "package", "lots", "price"])
        writer.writerow(["Ash Care", "Both", "A;B", "0"])
    problems = tendereval.validate(folder).problems
    (problem,) = [p for p in problems if p.is_error]
    assert (problem.file, problem.cell, problem.code) == (
        "evaluation/packages.csv",
        "row 2, column price",
        "package.price_not_positive",
    )
    result = CliRunner().invoke(cli, ["allocate", str(folder)])
    assert result.exit_code == 1, result.output
    assert "Usage" not in result.output
    assert "A  " in result.output and "Birch Care" in result.output


def offers_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "offers.csv"
    path.write_text(",".join(HEADER) + "\n" + text, encoding="utf-8")
    return path


def test_a_quote_opened_in_one_name_and_closed_in_the_next_is_an_error_losing_no_offer(
    tmp_path: Path,
):
    """Polars read the offers file: a quote opened in A2's supplier and closed in B1's took
    the line between into A2's name ('Acme Ltd,L2,100,70,yes,no' and 'B1,Big plc'), so B1
    vanished without a word and A2 became an offer for L1 at B1's price of 90. Now the offers
    file is read by the rules of every CSV table of a tender: an error at A2's row, and
    nothing allocated on a file that has lost rows."""
    path = offers_file(
        tmp_path,
        "A1,Acme Ltd,L1,100,80,yes,no\n"
        'A2,"Acme Ltd,L2,100,70,yes,no\n'
        'B1,Big plc",L1,90,75,no,no\n'
        "B2,Big plc,L2,90,79,no,no\n",
    )
    offers, problems = read_offers(path)
    assert [(p.code, p.cell, p.is_error) for p in problems] == [
        ("csv.swallowed_rows", "row 3, column supplier", True)
    ]
    assert problems[0].found == "'B1,Big plc\",L1,90,75,no,no'"
    assert offers["offer_id"].to_list() == ["A1", "B2"]
    result = CliRunner().invoke(cli, ["allocate", str(path)])
    assert result.exit_code == 1, result.output
    assert "nothing was allocated" in result.output


def test_an_unquoted_thousands_separator_or_an_open_quote_names_its_row(tmp_path: Path):
    """Polars refused the whole file with its own words ('found more fields than defined in
    Schema', 'could not parse ...'), naming no row. Now each is an error at its row, as in
    a score sheet's CSV, and the other rows are read and checked."""
    path = offers_file(
        tmp_path,
        "A1,Acme Ltd,L1,1,100,80,yes,no\nA2,Acme Ltd,L2,100,70,yes,no\n"
        'B1,"Big plc,L1,90,75,no,no\nB2,Big plc,L2,90,79,no,no\n',
    )
    offers, problems = read_offers(path)
    assert [(p.code, p.cell) for p in problems] == [
        ("csv.too_many_values", "row 2"),
        ("csv.unclosed_quote", "row 4, column supplier"),
    ]
    assert "the row has 8 values where the header row names 7 columns" in problems[0].message
    assert offers["offer_id"].to_list() == ["A2"]


def test_an_offers_file_with_a_quoted_comma_or_a_name_over_two_lines_is_read(tmp_path: Path):
    """What the stricter reading must still take: a price quoted with its thousands separator,
    a name written over two lines in quotes (Excel's Alt+Enter), a trailing empty value."""
    path = offers_file(
        tmp_path,
        'A1,Acme Ltd,L1,"1,100",80,yes,no,\nB1,"Big\nplc",L1,1000,75,no,no\n',
    )
    offers, problems = read_offers(path)
    assert problems == []
    assert offers.select("offer_id", "supplier", "price").rows() == [
        ("A1", "Acme Ltd", 1100.0),
        ("B1", "Big\nplc", 1000.0),
    ]
