"""What suppliers type in a bid return's price table besides rates, as a red team found them
filled in: notes and totals under the table, "Not bidding" for a lot not bid for, a merged
rate, a number typed as text that reads two ways, a share quoted as the cell shows it, a
commitment for lot "All". Each starts from the real template filled in (see
test_reshaped_returns.py): rows 5 to 8 price L1 and L2 (hours, visits)."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.io.tender import load_tender

from ..example_copies import example_copy
from .test_reshaped_returns import FILLED, _rates, _tender


def _problems(tender) -> list[tuple[str, str, bool]]:
    """The bid's problems (not the tender's: a lot left with no bid in a one-bid tender)."""
    return [(p.code, p.where, p.is_error) for p in tender.problems if p.code != "lot.no_bids"]


def _edit(path, cells: dict[str, object], sheet: str = "Prices") -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def test_a_note_under_the_price_table_is_a_warning_naming_its_cell(tmp_path):
    """G10 = "All rates exclude VAT": the bid was invalid in every lot ("a unit rate is given
    with no lot", at the blank A10, found a blank cell), never naming G10 or the note."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G10": "All rates exclude VAT"})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.note_row", "bids/dover.xlsx › Prices › G10", False)]
    [note] = tender.problems
    assert note.found == "'All rates exclude VAT'"
    assert "read as a note, not as a rate" in note.message
    assert _rates(tender) == FILLED


def test_a_total_labelled_in_the_volume_column_is_a_totals_row(tmp_path):
    """F9 "Total", G9 104.5 (21.5 + 30 + 22 + 31): the label was in the volume column, so
    the row was "a unit rate given with no lot" and the bid invalid in both lots."""
    folder, path = _tender(tmp_path)
    _edit(path, {"F9": "Total", "G9": 104.5})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.total_row", "bids/dover.xlsx › Prices › F9", False)]
    assert _rates(tender) == FILLED


def test_a_figure_with_no_lot_is_an_error_at_the_figure_quoting_it(tmp_path):
    """A number with no lot and no label stays an error in every lot, but at the cell holding
    it, quoting it (it was at the blank Lot cell, "found a blank cell")."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G10": 326.8})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.no_lot", "bids/dover.xlsx › Prices › G10", True)]
    [error] = tender.problems
    assert error.found == "326.8"
    assert error.message == "a unit rate is given with no lot (A10 is blank)"
    assert (error.supplier, error.lot) == ("Dover Carers Trust", None)


def test_a_lot_merged_over_its_rows_is_still_an_error_saying_so(tmp_path):
    """A5:A6 merged: Excel shows L1 on both rows, but A6 is blank in the file. The rate in
    G6 has no lot read, an error saying why (not taken for a note)."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"].merge_cells("A5:A6")
    book.save(path)
    tender = load_tender(folder)
    errors = [p for p in tender.problems if p.code == "price.no_lot"]
    assert [p.where for p in errors] == ["bids/dover.xlsx › Prices › G6"]
    assert errors[0].message.startswith(
        "a unit rate is given with no lot (A6 is blank: A6 is merged into A5 (A5:A6)"
    )
    assert errors[0].found == "30"


@pytest.mark.parametrize("word", ["Not bidding", "N/A", "n/a", "-", "No bid"])
def test_a_lot_whose_rates_all_say_not_bidding_is_not_bid_for(tmp_path, word):
    """G7 and G8 (lot L2) both "Not bidding": L2 was an invalid tender holding the award."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G7": word, "G8": word})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.not_bid_in_words", "bids/dover.xlsx › Prices › G7", False)]
    [warning] = [p for p in tender.problems if p.code == "price.not_bid_in_words"]
    assert warning.message == (
        f"every unit rate for lot L2 is blank or says the lot is not bid for ('{word}' in G7, "
        f"'{word}' in G8): the lot is read as not bid for"
    )
    assert tender.bids.get_column("lot").to_list() == ["L1"]
    assert _rates(tender) == FILLED[:2]


def test_one_not_bidding_word_and_a_blank_is_not_bid_for(tmp_path):
    folder, path = _tender(tmp_path)
    _edit(path, {"G7": None, "G8": "N/A"})
    tender = load_tender(folder)
    assert _problems(tender) == [("price.not_bid_in_words", "bids/dover.xlsx › Prices › G8", False)]
    assert tender.bids.get_column("lot").to_list() == ["L1"]


def test_not_bidding_beside_a_real_rate_stays_an_error_in_the_lot(tmp_path):
    """A supplier cannot leave a lot it priced by writing N/A in one of its rates."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G8": "N/A"})
    tender = load_tender(folder)
    assert _problems(tender) == [("money.placeholder", "bids/dover.xlsx › Prices › G8", True)]
    assert (tender.problems[0].supplier, tender.problems[0].lot) == ("Dover Carers Trust", "L2")
    assert tender.bids.get_column("lot").to_list() == ["L1", "L2"]


def test_a_zero_rate_says_how_to_record_a_lot_not_bid_for(tmp_path):
    folder, path = _tender(tmp_path)
    _edit(path, {"G7": 0, "G8": 0})
    tender = load_tender(folder)
    zeros = [p for p in tender.problems if p.code == "price.zero_rate"]
    assert [p.where for p in zeros] == [
        "bids/dover.xlsx › Prices › G7",
        "bids/dover.xlsx › Prices › G8",
    ]
    assert '[[withdrawal]], supplier = "Dover Carers Trust", lot = "L2"' in zeros[0].expected


@pytest.mark.parametrize(
    "value, number_format, shown",
    [(15, "0.0%", "1500.0%"), (1.5, "0%", "150%"), (150, "General", "150%")],
)
def test_a_share_out_of_range_is_quoted_as_the_cell_shows_it(tmp_path, value, number_format, shown):
    """15 pasted into the template's 0.0% share cell (Excel shows 1500.0%) was quoted as
    "found 15", as if 15% were out of range."""
    folder, path = _tender(tmp_path)
    book = openpyxl.load_workbook(path)
    chain = book["Supply chain"]
    for column, cell in zip("ABCDEFGH", ["Kent Minibus Ltd", "subcontractor", "09876543", 12,
                                          400000, "yes", "no", value], strict=True):  # fmt: skip
        chain[f"{column}5"] = cell
    chain["H5"].number_format = number_format
    book.save(path)
    tender = load_tender(folder)
    [problem] = [p for p in tender.problems if p.code == "share.out_of_range"]
    assert (problem.where, problem.found) == ("bids/dover.xlsx › Supply chain › H5", shown)


@pytest.mark.parametrize("text", ["1.205", "£1.205", "30.500"])
def test_a_rate_typed_as_text_that_reads_two_ways_is_refused_in_its_lot(tmp_path, text):
    """Text "1.205" in a rate was read as £1.205 with no word (it won the lot in the red
    team's test), though the consolidated CSV reader refuses the form as ambiguous."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G8": text})
    tender = load_tender(folder)
    assert _problems(tender) == [("number.ambiguous", "bids/dover.xlsx › Prices › G8", True)]
    [error] = tender.problems
    assert (error.supplier, error.lot, error.found) == ("Dover Carers Trust", "L2", repr(text))
    assert error.message.startswith("unit rate: a figure typed as text that reads two ways")
    assert _rates(tender) == [*FILLED[:3], ("L2", "visits", None)]


@pytest.mark.parametrize("value", [1.205, "1.25", "1,205.50", "31", "1,205", "£1,205"])
def test_a_rate_that_reads_one_way_is_read(tmp_path, value):
    """A number held as a number is never ambiguous, nor is text with two decimals; "1,205"
    is read as a thousand and more, as in a CSV file whose numbers do not show their mark
    (the form British programs write a thousand in)."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G8": value})
    tender = load_tender(folder)
    assert [p for p in tender.problems if p.is_error] == []
    rate = {"1.25": 1.25, "1,205.50": 1205.5, "31": 31.0, "1,205": 1205.0, "£1,205": 1205.0}
    rate = rate.get(value, value)
    assert _rates(tender) == [*FILLED[:3], ("L2", "visits", rate)]


def _hop_garden_uplifts(tmp_path, text: str):
    """The carers example with Hop Garden's three yearly uplifts (Prices › H5:H7) typed as
    text, scored."""
    folder = example_copy(tmp_path)
    path = folder / "bids" / "hop-garden-respite-cic.xlsx"
    _edit(path, {f"H{row}": text for row in (5, 6, 7)})
    return tendereval.score(folder, sensitivity=False)


def test_an_uplift_typed_0_comma_025_percent_is_a_fortieth_of_a_percent(tmp_path):
    """'0,025%' was read as 25% a year, silently: Hop Garden's price went from £3,126,065.25
    to £3,875,025.00. A leading 0 is never a group of thousands: it is 0.025% a year.
    By hand: a year is 18,000 × £26.80 + 1,400 × £205 + 2,600 × £95 = £1,016,400, over three
    years × (1 + 1.00025 + 1.00025²) = 3.0007500625: £3,049,962.36."""
    result = _hop_garden_uplifts(tmp_path, "0,025%")
    assert [p for p in result.problems if p.is_error] == []
    hop = result.results.filter(supplier="Hop Garden Respite CIC")
    assert hop["evaluated_price"].to_list() == [pytest.approx(1_016_400 * 3.0007500625)]
    assert round(hop["evaluated_price"][0], 2) == 3_049_962.36


def test_an_uplift_typed_0_comma_025_is_refused_as_0_025_is(tmp_path):
    """'0,025' with no % sign is 0.025, which in the uplift column is 2.5% or 0.025%."""
    result = _hop_garden_uplifts(tmp_path, "0,025")
    refused = [p for p in result.problems if p.code == "share.ambiguous"]
    assert [p.where for p in refused] == [
        f"bids/hop-garden-respite-cic.xlsx › Prices › H{row}" for row in (5, 6, 7)
    ]
    assert refused[0].expected == "the percentage with its % sign: 2.5% or 0.025%"
    hop = result.results.filter(supplier="Hop Garden Respite CIC")
    assert hop["status"].to_list() == ["invalid"]


def test_a_rate_typed_0_comma_125_is_pence_not_pounds(tmp_path):
    """'0,125' in a rate was £125; it is £0.125, as '27,50' is £27.50."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G8": "0,125"})
    tender = load_tender(folder)
    assert [p for p in tender.problems if p.is_error] == []
    assert _rates(tender) == [*FILLED[:3], ("L2", "visits", 0.125)]


def test_a_rate_typed_in_bengali_digits_is_an_error_at_its_cell(tmp_path):
    """G5 = "৪.50" as text (the Bengali four looks like an 8): it was scored as £4.50 with
    no problem; now the bid is invalid until the supplier says which figure they mean."""
    folder, path = _tender(tmp_path)
    _edit(path, {"G5": "৪.50"})
    tender = load_tender(folder)
    assert _problems(tender) == [("money.other_digits", "bids/dover.xlsx › Prices › G5", True)]
    [problem] = [p for p in tender.problems if p.code == "money.other_digits"]
    assert problem.found == "'৪.50'"
    assert "'৪' is the Bengali digit four" in problem.message
    assert "reads '4.50'" in problem.expected


def test_words_qualifying_the_prices_outside_the_rate_cells_are_warnings_at_their_cells(tmp_path):
    """The red team's qualifications, typed where nothing is read: the unit of L1 hours made
    "per visit (2 hours min.)", a condition added to L2's visits description, L2's lot name
    retyped, "All prices INCLUDE VAT at 20%" under the table, the template's second note
    overtyped and a note beside the title. Nothing was said; the rates were scored as rates
    per hour, excluding VAT. Each is now a warning at its cell quoting it; the rates are read
    as before. The template's own words retyped in other capitals (E7 "HOUR") stay silent."""
    folder, path = _tender(tmp_path)
    _edit(
        path,
        {
            "E5": "per visit (2 hours min.)",
            "D8": "Home visits - weekdays only; weekends +30%",
            "B7": "South (excluding Deal)",
            "E7": "HOUR",
            "A10": "All prices INCLUDE VAT at 20%",
            "A2": "Our rates include VAT.",
            "D1": "Subject to contract",
        },
    )
    tender = load_tender(folder)
    at = "bids/dover.xlsx › Prices › "
    assert _problems(tender) == [
        ("price.template_text_changed", at + "E5", False),
        ("price.template_text_changed", at + "B7", False),
        ("price.template_text_changed", at + "D8", False),
        ("price.note_outside_table", at + "D1", False),
    ]
    unit, lot_name, description, notes = tender.problems
    assert unit.lot == "L1" and description.lot == "L2"
    assert unit.found == "'per visit (2 hours min.)', where the template shows 'hour'"
    assert "evaluated as a rate per hour" in unit.message
    assert lot_name.found == "'South (excluding Deal)', where the template shows 'South'"
    assert "ask the sender whether these change their bid" in description.expected
    assert notes.found == (
        "'Subject to contract' in D1; 'Our rates include VAT.' in A2; "
        "'All prices INCLUDE VAT at 20%' in A10"
    )
    assert _rates(tender) == FILLED


def test_the_price_table_of_a_return_made_before_the_schedule_changed_is_not_compared(tmp_path):
    """A return made before the plan renamed an item's unit shows the old unit: the template's
    mark says the schedule changed (template.plan_changed), not each row the supplier's edit."""
    folder, _ = _tender(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(plan.read_text().replace('unit = "visit"', 'unit = "home visit"'), "utf-8")
    tender = load_tender(folder)
    assert [code for code, _, _ in _problems(tender)] == ["template.plan_changed"]


def _weald_commitments(tmp_path, cells: dict[str, object]):
    """The carers example with Weald Carers Trust's Social value cells set, loaded."""
    folder = example_copy(tmp_path)
    _edit(folder / "bids" / "weald-carers-trust.xlsx", cells, sheet="Social value")
    return load_tender(folder)


def test_a_commitment_to_a_measure_counted_in_pounds_is_read_as_money_is(tmp_path):
    """SV-SPEND-VCSE is counted in '£ spent': Weald's 180000 typed as '£180,000' (as every
    price cell accepts it) was "units committed: not a number", and the winning tender was
    invalid. It is 180,000 units (£180,000 spent, worth 180,000 × £0.25 = £45,000)."""
    tender = _weald_commitments(tmp_path, {"C6": "£180,000"})
    assert [p for p in tender.problems if p.is_error] == []
    weald = tender.commitments.filter(pl.col("supplier") == "Weald Carers Trust")
    assert dict(weald.select("measure", "units").rows())["SV-SPEND-VCSE"] == 180_000


def test_a_commitment_with_words_beside_its_figure_says_what_to_drop(tmp_path):
    """'3 FTE' for SV-JOB-LOCAL (counted in FTE years) and '£1,200' for SV-VOL (hours) stay
    errors; each now says the figure alone is wanted and what to drop."""
    tender = _weald_commitments(tmp_path, {"C5": "3 FTE", "C7": "£1,200"})
    errors = {p.cell: p.expected for p in tender.problems if p.is_error}
    assert errors == {
        "C5": "the number of units (FTE year) alone, 3: drop 'FTE', which is not read",
        "C7": "the number of units (hour) alone, 1,200: drop '£', which is not read",
    }


@pytest.mark.parametrize(
    ("text", "price", "read_as"),
    [
        # A year is 18,000 x £26.80 + 1,400 x £205 + 2,600 x £95 = £1,016,400.
        ("N/A", 1_016_400 * 3, "0% a year (no uplift)"),
        ("nil", 1_016_400 * 3, "0% a year (no uplift)"),
        # Over three years x (1 + 1.03 + 1.03²) = 3.0909: £3,141,590.76.
        ("3% p.a.", 3_141_590.76, "3% a year"),
        ("+3%", 3_141_590.76, "3% a year"),
    ],
)
def test_an_uplift_of_none_in_words_or_a_yearly_percentage_is_read_with_a_warning(
    tmp_path, text, price, read_as
):
    """'N/A', 'nil' (or '-', 'None') in the optional uplift, meaning none, and '3% p.a.' or
    '+3%' made Hop Garden's bid invalid ("yearly uplift: not a percentage"). A blank is 0%:
    the words for none are 0% and the yearly percentage is that percentage, each a warning
    at its cell quoting it."""
    result = _hop_garden_uplifts(tmp_path, text)
    assert [p for p in result.problems if p.is_error] == []
    said = [p for p in result.problems if p.code == "price.uplift_in_words"]
    assert [p.cell for p in said] == ["H5", "H6", "H7"]
    assert said[0].message == f"the yearly uplift {text!r} is read as {read_as}"
    hop = result.results.filter(supplier="Hop Garden Respite CIC")
    assert hop["evaluated_price"].to_list() == [pytest.approx(price, abs=0.005)]


def test_other_words_in_an_uplift_stay_an_error_that_says_a_blank_is_no_uplift(tmp_path):
    result = _hop_garden_uplifts(tmp_path, "to be agreed")
    refused = [p for p in result.problems if p.cell == "H5"]
    assert [p.code for p in refused] == ["share.not_a_number"]
    assert refused[0].expected.endswith("or the cell left blank for no uplift (0%)")


def _ashford_lots(tmp_path, package: str, supply_chain: str):
    """The homecare example with Ashford Home Companions offering an 'East Kent' package of
    the lots ``package`` at £9,000,000 and a subcontractor working on ``supply_chain``."""
    folder = example_copy(tmp_path, "homecare-districts")
    path = folder / "bids" / "ashford-home-companions-ltd.xlsx"
    _edit(path, {"A5": "East Kent", "B5": package, "C5": 9_000_000}, sheet="Packages")
    row = ["Kent Respite CIC", "subcontractor", None, 12, 400_000, "yes", "no", 0.2, supply_chain]
    _edit(path, {f"{col}5": v for col, v in zip("ABCDEFGHI", row, strict=True)}, "Supply chain")
    return load_tender(folder)


def test_lots_separated_by_a_comma_slash_or_plus_are_read_when_each_is_a_plan_lot(tmp_path):
    """'ASH, CAN' on Packages › B5 and 'ASH/CAN' on Supply chain › I5 were 'lots that are not
    in the plan (found ASH, CAN)', expecting 'ASH, CAN, …': the package was invalid. Every
    part a plan lot, they are read as ASH; CAN, with a warning at the cell."""
    tender = _ashford_lots(tmp_path, "ASH, CAN", "ASH/CAN")
    assert [p for p in tender.problems if p.is_error] == []
    said = {p.where: p for p in tender.problems if p.code == "lot.separated_otherwise"}
    package = said["bids/ashford-home-companions-ltd.xlsx › Packages › B5"]
    assert package.message == "the lots are separated by ',', not by ;, and are read as ASH; CAN"
    assert "'/'" in said["bids/ashford-home-companions-ltd.xlsx › Supply chain › I5"].message
    east_kent = tender.packages.filter(pl.col("supplier") == "Ashford Home Companions Ltd")
    assert east_kent["lots"].to_list() == [["ASH", "CAN"]]


def test_lots_separated_otherwise_with_one_not_in_the_plan_say_to_separate_them_by_semicolons(
    tmp_path,
):
    tender = _ashford_lots(tmp_path, "ASH + KENT", "ASH; CAN")
    [unknown] = [p for p in tender.problems if p.code == "lot.unknown"]
    assert unknown.cell == "B5" and unknown.found == "ASH + KENT"
    assert unknown.expected.endswith("; separate lots with ;, not '+'")


def test_a_social_value_sheet_without_its_units_column_is_the_bids_error(tmp_path):
    """The "Units committed" header (C4) retitled "Notes": every command stopped with an
    internal error (KeyError 'units') for every bidder. Now the commitments have no units, an
    error of Weald's return naming the sheet (once, not as a blank cell in each row), and the
    other bids load as before."""
    tender = _weald_commitments(tmp_path, {"C4": "Notes"})
    errors = [p for p in tender.problems if p.is_error]
    assert [p.code for p in errors] == ["table.missing_column", "table.unknown_column"]
    assert all(p.where.startswith("bids/weald-carers-trust.xlsx › Social value ›") for p in errors)
    assert tender.bids.height == load_tender(example_copy(tmp_path / "as-given")).bids.height
