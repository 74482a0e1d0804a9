"""Bid returns: each malformed input is named by file › sheet › cell with a clear message."""

from __future__ import annotations

import openpyxl
import pytest

import tendereval
from tendereval.award.return_that_stands import sent_again
from tendereval.errors import Severity
from tendereval.io.checking import PlanIndex
from tendereval.plan import load_plan

from ..example_copies import example_copy
from .builders import PLAN, bid_workbook, write_plan
from .conftest import load, only

ACME = "bids/acme.xlsx"


def spoil(tender_dir, **kwargs):
    """Rewrite Acme's bid with one change and load the tender."""
    bid_workbook(tender_dir / "bids" / "acme.xlsx", **kwargs)
    return load(tender_dir)


def test_clean_bid_has_no_problems_and_plan_volumes(tender_dir):
    tender = load(tender_dir)
    assert tender.problems == []
    acme = tender.prices.filter(supplier="Acme Care Ltd", lot="L2")
    # L2 in the plan: hours 500, visits 20; rates 20 and 35 (whole-life price 2 × 18,700)
    assert acme.select("item", "volume", "unit_rate").rows() == [
        ("hours", 500.0, 20.0),
        ("visits", 20.0, 35.0),
    ]
    assert tender.suppliers.filter(supplier="Bright Futures CIC")["org_type"].item() == (
        "community interest company"
    )
    assert tender.suppliers["sme"].to_list() == [True, True]  # 45 staff, £2.5m turnover


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("TBC", "money.placeholder", "unit rate: 'TBC' is a placeholder, not a price"),
        (-18.5, "money.negative", "unit rate: an amount of money cannot be negative"),
        ("eighteen pounds", "money.not_a_number", "unit rate: not an amount of money"),
    ],
)
def test_bad_unit_rate_names_the_cell_and_the_lot(tender_dir, value, code, message):
    tender = spoil(tender_dir, cells={"Prices!G7": value})
    problem = only(tender, code)
    assert problem.where == "bids/acme.xlsx › Prices › G7"
    assert problem.message == message
    assert (problem.supplier, problem.lot) == ("Acme Care Ltd", "L2")
    assert problem.is_error
    row = tender.prices.filter(supplier="Acme Care Ltd", lot="L2", item="hours")
    assert row["unit_rate"].to_list() == [None]


def test_blank_rate_in_a_lot_that_was_bid_for(tender_dir):
    problem = only(spoil(tender_dir, cells={"Prices!G8": None}), "cell.blank")
    assert problem.where == "bids/acme.xlsx › Prices › G8"
    assert problem.message == "unit rate is missing"
    assert problem.expected == "a unit rate for visits (yearly volume 20)"
    assert problem.lot == "L2"


def test_blank_rate_for_an_item_with_no_volume_is_fine(tender_dir):
    tender = spoil(tender_dir, cells={"Prices!G6": None})  # L1 visits: volume 0
    assert tender.problems == []


def test_all_rates_blank_means_not_bid(tender_dir):
    tender = spoil(tender_dir, rates={("L1", "hours"): 19, ("L1", "visits"): 30})
    # no problem with the bid; the evaluator's scores for Acme on L2 are set aside
    assert {p.code for p in tender.problems} == {"score.lot_not_bid"}
    assert tender.bids.filter(supplier="Acme Care Ltd")["lot"].to_list() == ["L1"]
    assert tender.prices.filter(supplier="Acme Care Ltd", lot="L2").height == 0


def test_formula_with_no_saved_value(tender_dir):
    problem = only(spoil(tender_dir, cells={"Prices!G7": "=18+2"}), "cell.formula_unsaved")
    assert problem.where == "bids/acme.xlsx › Prices › G7"
    assert problem.message == (
        "cell G7 holds a formula whose result is not in the file — the file was written by a "
        "program that does not calculate (it saved no result, or a placeholder and asks Excel "
        "to work every formula out on opening); open it in Excel and save it again"
    )
    assert problem.lot == "L2"


def test_uplift_as_text(tender_dir):
    problem = only(spoil(tender_dir, cells={"Prices!H5": "inflation"}), "share.not_a_number")
    assert problem.where == "bids/acme.xlsx › Prices › H5"
    assert problem.message == "yearly uplift: not a percentage"
    assert problem.found == "'inflation'"


@pytest.mark.parametrize(
    ("typed", "uplift", "code"),
    [(None, 0.0, None), ("TBC", None, "share.not_a_number"), (150, None, "price.uplift_range")],
)
def test_a_blank_uplift_is_none_and_one_that_cannot_be_read_is_not_taken_as_0(
    tender_dir, typed, uplift, code
):
    """'TBC' or 150% was reported, and the price then worked out as if the uplift were 0: an
    invalid bid was shown on a whole-life price it never offered. A blank cell is no uplift."""
    tender = spoil(tender_dir, cells={"Prices!H5": typed})
    row = tender.prices.filter(supplier="Acme Care Ltd", lot="L1", item="hours").row(0, named=True)
    assert row["uplift"] == uplift
    assert row["uplift_cell"] == "Prices › H5"
    assert [p.code for p in tender.errors] == ([code] if code else [])


def test_uplift_percent_rules(tender_dir):
    tender = spoil(tender_dir, uplifts={"L1": 3, "L2": "2.5%"})
    uplift = dict(
        tender.prices.filter(supplier="Acme Care Ltd", item="hours").select("lot", "uplift").rows()
    )
    assert uplift == {"L1": pytest.approx(0.03), "L2": pytest.approx(0.025)}


def test_prices_for_a_lot_not_in_the_plan(tender_dir):
    problem = only(spoil(tender_dir, cells={"Prices!A5": "L9"}), "price.unknown_lot")
    assert problem.where == "bids/acme.xlsx › Prices › A5"
    assert problem.message == "prices for a lot that is not in the plan"
    assert (problem.found, problem.expected) == ("L9", "L1, L2")


def test_a_lot_written_by_its_name_is_that_lot(tender_dir):
    """The template shows each lot's id beside its name; a supplier who typed the name
    ("South", as the plan names lot L2) in the id column lost the lot without a word: "prices
    for a lot that is not in the plan". A name is read as the lot it names, as an item's
    description is read as its item."""
    tender = spoil(tender_dir, cells={"Prices!A7": "south", "Prices!A8": "South "})
    assert tender.problems == []
    rates = tender.prices.filter(supplier="Acme Care Ltd", lot="L2")
    assert rates.select("item", "unit_rate", "cell").rows() == [
        ("hours", 20.0, "Prices › G7"),
        ("visits", 35.0, "Prices › G8"),
    ]


def test_a_name_two_lots_share_or_another_lots_id_is_not_read_as_a_name(tmp_path):
    """A name is read only when it names one lot and is no lot's id: the id always wins."""

    def index(plan_text: str) -> PlanIndex:
        plan, problems = load_plan(write_plan(tmp_path / "t", plan_text))
        assert plan is not None, problems
        return PlanIndex.of(plan)

    assert index(PLAN.replace('name = "South"', 'name = "L1"')).lot("L1") == "L1"
    assert index(PLAN.replace('name = "South"', 'name = "North"')).lot("North") is None
    assert index(PLAN).lot("Lot South") == "L2"
    # "Lot L1" is lot L1, whatever lot is named "Lot L1".
    assert index(PLAN.replace('name = "South"', 'name = "Lot L1"')).lot("Lot L1") == "L1"


def test_price_item_not_in_the_plan(tender_dir):
    problem = only(spoil(tender_dir, cells={"Prices!C5": "nights"}), "price.unknown_item")
    assert problem.where == "bids/acme.xlsx › Prices › C5"
    assert problem.expected == "hours, visits"


def test_volume_different_from_the_plan_is_a_warning_and_the_plan_wins(tender_dir):
    tender = spoil(tender_dir, cells={"Prices!F7": 450})
    problem = only(tender, "price.volume_differs")
    assert problem.severity is Severity.WARNING
    assert problem.where == "bids/acme.xlsx › Prices › F7"
    assert (
        tender.prices.filter(supplier="Acme Care Ltd", lot="L2", item="hours")["volume"].item()
        == 500.0
    )


def test_package_with_an_unknown_lot(tender_dir):
    tender = spoil(tender_dir, packages=[{"package": "Both", "lots": "L1; L7", "price": 30000}])
    problem = only(tender, "lot.unknown")
    assert problem.where == "bids/acme.xlsx › Packages › B5"
    assert problem.message == "lots that are not in the plan"
    assert (problem.found, problem.lot) == ("L7", "Both")
    assert tender.packages.height == 0


def test_package_needs_two_lots(tender_dir):
    problem = only(
        spoil(tender_dir, packages=[{"package": "One", "lots": "L1", "price": 9}]),
        "package.too_few_lots",
    )
    assert problem.where == "bids/acme.xlsx › Packages › B5"


@pytest.mark.parametrize(("price", "shown"), [(0.004, "£0.00"), (1e-300, "£0.00"), (0, "£0.00")])
def test_a_package_for_nothing_to_the_penny_is_refused(tender_dir, price, shown):
    """Review, session 33: a package of £0.004 (£0.00 to the penny, as every output shows it)
    passed validate and won three lots in allocate at £0.00; 1E-300 stopped allocate with a
    usage error about its own table. A bid's own price of £0.00 is a price of nothing."""
    tender = spoil(tender_dir, packages=[{"package": "Both", "lots": "L1; L2", "price": price}])
    problem = only(tender, "package.price_not_positive")
    assert (problem.where, problem.found) == ("bids/acme.xlsx › Packages › C5", shown)
    assert tender.packages.height == 0


def test_a_package_of_half_a_penny_is_a_price(tender_dir):
    tender = spoil(tender_dir, packages=[{"package": "Both", "lots": "L1; L2", "price": 0.005}])
    assert "package.price_not_positive" not in [p.code for p in tender.problems]
    assert tender.packages.get_column("price").to_list() == [0.005]


def test_good_package_is_loaded(tender_dir):
    tender = spoil(tender_dir, packages=[{"package": "Both", "lots": "l1;L2", "price": "£55,000"}])
    assert tender.problems == []
    assert tender.packages.select("package", "lots", "price").rows() == [
        ("Both", ["L1", "L2"], 55000.0)
    ]


def test_package_of_lots_not_bid_separately_is_a_warning(tender_dir):
    tender = spoil(
        tender_dir,
        rates={("L1", "hours"): 19},
        packages=[{"package": "Both", "lots": "L1;L2", "price": 55000}],
    )
    problem = only(tender, "package.lot_not_bid")
    assert problem.severity is Severity.WARNING and problem.found == "L2"
    assert tender.packages.height == 1


def test_measure_not_in_the_proxy_table(tender_dir):
    """A warning, and the commitment kept, to count for nothing when scored
    (docs/scoring.md): one unknown commitment does not make the whole tender invalid."""
    tender = spoil(tender_dir, commitments=[{"measure": "SV-MOON", "units": 3}])
    problem = only(tender, "commitments.unknown_measure")
    assert problem.where == "bids/acme.xlsx › Social value › B5"
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "a social value measure that is not in the proxy value table, so this commitment "
        "counts for nothing"
    )
    assert "SV-APP" in problem.expected
    assert ("SV-MOON", 3.0) in tender.commitments.select("measure", "units").rows()


def test_negative_commitment(tender_dir):
    problem = only(
        spoil(tender_dir, commitments=[{"measure": "sv-app", "units": -2}]), "commitments.negative"
    )
    assert problem.where == "bids/acme.xlsx › Social value › C5"


def test_supply_chain_shares_over_100_percent(tender_dir):
    chain = [
        {"name": "Small Co", "role": "subcontractor", "sme": "yes", "vcse": "no", "share": 70},
        {
            "name": "Help Trust",
            "role": "consortium member",
            "sme": "yes",
            "vcse": "yes",
            "share": "40%",
            "lots": "L2",
        },
    ]
    tender = spoil(tender_dir, supply_chain=chain)
    problem = only(tender, "supply_chain.over_100")
    assert problem.where == "bids/acme.xlsx › Supply chain"
    assert "lot L2" in problem.message and problem.found == "110%"
    assert problem.supplier is None  # reported, never scored: the bid stays scorable
    # Which share is wrong is not known: both count in none (70% + 40% in L2 counted as the
    # whole of L2 going to SMEs), Small Co's in L1 too, as one share of one entry.
    assert tender.supply_chain["share"].to_list() == [None, None]


def test_shares_over_100_percent_in_one_lot_leave_the_others_counted(tender_dir):
    """Only the entries in a lot over 100% are left unknown: 60% + 50% in L2 (110%), and 20%
    in L1 alone, which stays."""
    chain = [
        {"name": "A Co", "role": "subcontractor", "sme": "yes", "vcse": "no", "share": 60,
         "lots": "L2"},
        {"name": "B Co", "role": "subcontractor", "sme": "yes", "vcse": "no", "share": 50,
         "lots": "L2"},
        {"name": "C Co", "role": "subcontractor", "sme": "yes", "vcse": "no", "share": 20,
         "lots": "L1"},
    ]  # fmt: skip
    tender = spoil(tender_dir, supply_chain=chain)
    assert only(tender, "supply_chain.over_100").found == "110%"
    assert tender.supply_chain["share"].to_list() == [None, None, pytest.approx(0.2)]


@pytest.mark.parametrize(
    ("answer", "staff", "turnover", "says"),
    [
        ("yes", 5000, 300_000_000, "5,000 staff and a turnover of £300,000,000 make it not an SME"),
        ("no", 12, 400_000, "12 staff and a turnover of £400,000 make it an SME"),
    ],
)
def test_a_subcontractors_sme_answer_against_its_own_figures_is_a_warning(
    tender_dir, answer, staff, turnover, says
):
    """Mega Care plc, 5,000 staff and £300m turnover, answering SME? yes for 40% of the work
    was counted as SME work without a word. The plan's SME definition (the Act: fewer than 250
    staff and turnover ≤ £44m) applied to its own figures says otherwise: a warning at F5."""
    chain = [
        {"name": "Mega Care plc", "role": "subcontractor", "staff": staff,
         "turnover": turnover, "sme": answer, "vcse": "no", "share": 40},
    ]  # fmt: skip
    tender = spoil(tender_dir, supply_chain=chain)
    problem = only(tender, "supply_chain.sme_against_figures")
    assert problem.where == "bids/acme.xlsx › Supply chain › F5"
    assert problem.severity == Severity.WARNING
    assert says in problem.message
    # The declared answer still counts, until the buyer clarifies it.
    assert tender.supply_chain["sme"].to_list() == [answer == "yes"]


@pytest.mark.parametrize(
    ("name", "number"),
    [("Bright Futures CIC", None), ("bright futures community interest company", None),
     ("Bright Start", "BF123456")],
)  # fmt: skip
def test_a_subcontractor_that_bids_itself_has_the_sme_status_its_own_return_gives(
    tender_dir, name, number
):
    """Acme names Bright Futures CIC, a bidder here, as its SME subcontractor for 40% of the
    work; Bright Futures' own return (900 staff, £31m turnover) makes it not an SME. It was
    counted as SME work at the second tier without a word. One organisation has one SME status
    in the tender: the one its own return establishes, with a warning at the SME? answer.
    Found by its name (as Companies House compares names) or by its company number."""
    from .builders import bid_workbook

    bid_workbook(
        tender_dir / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes", "staff": 900,
                      "turnover": 31_000_000, "company_number": "BF123456"},
    )  # fmt: skip
    chain = [
        {"name": name, "role": "subcontractor", "company_number": number, "sme": "yes",
         "vcse": "yes", "share": 40},
    ]  # fmt: skip
    tender = spoil(tender_dir, supply_chain=chain)
    problem = only(tender, "supply_chain.sme_against_own_bid")
    assert problem.where == "bids/acme.xlsx › Supply chain › F5"
    assert problem.severity == Severity.WARNING
    assert problem.message == (
        f"{name}, named as a subcontractor with the SME? answer yes, is the bidder Bright "
        "Futures CIC, whose own bid return (bids/bright.xlsx) makes it not an SME; one "
        "organisation has one SME status in the tender, so its share counts as not SME work"
    )
    assert tender.suppliers.filter(supplier="Bright Futures CIC")["sme"].to_list() == [False]
    assert tender.supply_chain.select("supplier", "sme", "share").rows() == [
        ("Acme Care Ltd", False, pytest.approx(0.4))
    ]


def test_a_subcontractor_named_like_a_bidder_with_another_number_is_another_organisation(
    tender_dir,
):
    """Same name, but a company number that is not the bidder's: two organisations; its own
    answer counts."""
    chain = [
        {"name": "Bright Futures CIC", "role": "subcontractor", "company_number": "09999999",
         "staff": 900, "sme": "no", "vcse": "yes", "share": 40},
    ]  # fmt: skip
    tender = spoil(tender_dir, supply_chain=chain)
    assert not [p for p in tender.problems if p.code == "supply_chain.sme_against_own_bid"]
    assert tender.supply_chain["sme"].to_list() == [False]


def test_a_subcontractors_figures_that_cannot_decide_give_no_warning(tender_dir):
    """A turnover over £44m with no balance sheet (the Supply chain sheet asks for none) does
    not decide the status: no warning."""
    chain = [
        {"name": "Mid Care Ltd", "role": "subcontractor", "staff": 100,
         "turnover": 50_000_000, "sme": "yes", "vcse": "no", "share": 40},
    ]  # fmt: skip
    assert spoil(tender_dir, supply_chain=chain).problems == []


def test_blank_legal_name_falls_back_to_the_file_name(tender_dir):
    tender = spoil(tender_dir, legal_name="  ")
    problem = only(tender, "bid.no_name")
    assert problem.where == "bids/acme.xlsx › Organisation › B4"
    assert problem.supplier == "acme"
    assert "acme" in tender.suppliers["supplier"].to_list()


@pytest.mark.parametrize(
    ("label", "found", "labelled"),
    [
        (None, "A4 blank, B4 holding 'Acme Care Ltd'", "has no label"),
        (
            "Legal name",
            "A4 labelled 'Legal name', B4 holding 'Acme Care Ltd'",
            "is labelled otherwise",
        ),
    ],
)
def test_a_legal_name_beside_no_label_is_said_at_the_label(tender_dir, label, found, labelled):
    """The label 'Legal name of the organisation' deleted (or retyped) beside the name in B4
    was "the supplier's legal name is missing" on the sheet, found "a blank cell", while B4
    held the name. The name is still not read, as no answer on a row labelled otherwise is;
    the error is at the label, saying what is there and to put the label back."""
    tender = spoil(tender_dir, cells={"Organisation!A4": label})
    problem = only(tender, "bid.no_name")
    assert problem.where == "bids/acme.xlsx › Organisation › A4"
    assert problem.message == (
        "the field 'Legal name of the organisation' is missing from the form: row 4, where it "
        f"belongs, {labelled}, so its answer is not read; the file name is used instead"
    )
    assert problem.found == found
    assert problem.expected == (
        "a row labelled 'Legal name of the organisation' in column A: put the template's "
        "label back in A4 if B4 answers it"
    )
    assert problem.is_error and problem.supplier == "acme"
    assert "acme" in tender.suppliers["supplier"].to_list()
    assert not [p for p in tender.problems if p.code == "form.missing_field"]


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff\u00ad", " \u3164 "])
def test_a_legal_name_that_shows_nothing_is_no_name(tender_dir, invisible):
    """A legal name of only a zero-width space (pasted from a web form: the cell looks blank)
    was the supplier "\u200b": its summaries never finished, as the redaction looked for an
    empty name in every other bidder's reasons. It is no name, as a blank cell is."""
    tender = spoil(tender_dir, legal_name=invisible)
    problem = only(tender, "bid.no_name")
    assert problem.where == "bids/acme.xlsx › Organisation › B4"
    assert problem.found.endswith(", which shows nothing")
    assert problem.supplier == "acme"
    assert "acme" in tender.suppliers["supplier"].to_list()
    # Nor is it the legal name its details give (the award notice's legalName).
    assert tender.suppliers.filter(supplier="acme")["legal_name"].to_list() == [None]


def test_organisation_details_are_checked(tender_dir):
    tender = spoil(tender_dir, organisation={"staff": "lots", "vcse": "perhaps"})
    staff = only(tender, "number.not_a_number")
    assert staff.where == "bids/acme.xlsx › Organisation › B11"
    assert staff.message == "Staff headcount: not a number"
    assert only(tender, "yes_no.invalid").where == "bids/acme.xlsx › Organisation › B10"
    assert tender.suppliers.filter(supplier="Acme Care Ltd")["sme"].item() is None


def test_no_prices_at_all(tender_dir):
    tender = spoil(tender_dir, rates={})
    problem = only(tender, "bid.no_prices")
    assert problem.where == "bids/acme.xlsx › Prices"
    assert tender.bids.filter(supplier="Acme Care Ltd")["lot"].to_list() == [None]


@pytest.mark.parametrize("org_type", ["in-house team", "public body"])
def test_sme_status_is_left_blank_for_bodies_that_are_not_enterprises(tender_dir, org_type):
    # 60 staff and a small turnover would make a company an SME; an in-house team or a public
    # body is not an enterprise, so it is counted on neither side.
    tender = spoil(tender_dir, organisation={"org_type": org_type, "staff": 60})
    assert tender.problems == []
    acme = tender.suppliers.filter(supplier="Acme Care Ltd")
    assert acme["org_type"].item() == org_type
    assert acme["sme"].item() is None


@pytest.mark.parametrize("org_type", ["in-house team", "public body"])
def test_a_body_that_is_not_an_enterprise_answering_vcse_yes_is_not_a_vcse(tender_dir, org_type):
    """A public body answering "VCSE? yes" was counted as a VCSE in the allocation, the score
    CSV and OCDS, though a VCSE is non-governmental (docs/allocation.md: counted as neither)."""
    tender = spoil(tender_dir, organisation={"org_type": org_type, "vcse": "yes", "staff": 60})
    acme = tender.suppliers.filter(supplier="Acme Care Ltd")
    assert (acme["sme"].item(), acme["vcse"].item()) == (None, False)
    problem = only(tender, "bid.vcse_not_enterprise")
    assert problem.severity == Severity.WARNING
    assert problem.where == "bids/acme.xlsx › Organisation › B10"
    assert problem.message == f"a {org_type} is not counted as a VCSE (a VCSE is non-governmental)"


@pytest.mark.parametrize("org_type", ["NHS Foundation Trust", None])
def test_an_unreadable_type_of_organisation_leaves_sme_and_vcse_status_unknown(
    tender_dir, org_type
):
    """A type of organisation that cannot be read may be a public body: SME (45 staff, £2.5m
    turnover: an SME were it a company) and VCSE ("yes") status were still decided from the
    figures as if it were a company."""
    tender = spoil(tender_dir, organisation={"org_type": org_type, "vcse": "yes"})
    assert [p.is_error for p in tender.problems if p.where.endswith("› B9")] == [True]
    acme = tender.suppliers.filter(supplier="Acme Care Ltd")
    assert (acme["sme"].item(), acme["vcse"].item()) == (None, None)


def test_a_headcount_answered_twice_differently_is_an_error_naming_both_cells(tender_dir):
    """A second 'Staff headcount' row (45, then 300) was ignored without a word, yet the
    headcount decides whether the supplier is an SME."""
    from tendereval import layout

    row = layout.FORM_FIRST_ROW + len(layout.ORGANISATION_FIELDS) + 1
    first = layout.FORM_FIRST_ROW + [f.key for f in layout.ORGANISATION_FIELDS].index("staff")
    bid_workbook(
        tender_dir / "bids" / "acme.xlsx",
        organisation={"staff": 45},
        cells={f"Organisation!A{row}": "Staff headcount:", f"Organisation!B{row}": 300},
    )
    tender = load(tender_dir)
    problem = only(tender, "form.repeated_label")
    assert problem.is_error
    assert problem.where == f"bids/acme.xlsx › Organisation › B{row}"
    assert problem.found == f"'45' in B{first} and '300' in B{row}"
    assert tender.suppliers.filter(supplier="Acme Care Ltd")["staff"].to_list() == [45]


def test_a_unit_rate_column_given_twice_makes_the_bid_invalid_naming_both(tender_dir):
    """A supplier added a second 'Unit rate (£)' column (say, a discounted rate): the first
    was read without a word, though nobody could say which the supplier meant."""
    bid_workbook(
        tender_dir / "bids" / "acme.xlsx",
        cells={"Prices!J4": "Unit rate (£)", "Prices!J5": 15, "Prices!J6": 30},
    )
    problem = only(load(tender_dir), "table.repeated_column")
    assert problem.is_error and problem.supplier == "Acme Care Ltd"
    assert problem.where == "bids/acme.xlsx › Prices › row 4"
    assert problem.message == "the column 'Unit rate (£)' appears 2 times"
    assert problem.found == "'Unit rate (£)' in column G, 'Unit rate (£)' in column J"


def test_a_renamed_form_label_is_one_problem_with_its_place(tender_dir):
    """'Staff headcount' relabelled 'Number of staff': besides the missing field, a second
    error 'Staff headcount is missing' named no file, sheet or cell. The one error names the
    row where the field belongs, what it now says and what it holds (it named the sheet
    only, and not the row the officer had to look for)."""
    from tendereval import layout

    row = layout.FORM_FIRST_ROW + [f.key for f in layout.ORGANISATION_FIELDS].index("staff")
    assert row == 11
    bid_workbook(
        tender_dir / "bids" / "acme.xlsx", cells={f"Organisation!A{row}": "Number of staff"}
    )
    tender = load(tender_dir)
    assert [p.code for p in tender.problems] == ["form.missing_field"]
    (problem,) = tender.problems
    assert problem.where == "bids/acme.xlsx › Organisation › A11"
    assert problem.message == (
        "the field 'Staff headcount' is missing from the form: row 11, where it belongs, is "
        "labelled otherwise, so its answer is not read"
    )
    assert problem.found == "A11 labelled 'Number of staff', B11 holding 45"
    assert problem.expected == (
        "a row labelled 'Staff headcount' in column A: put the template's label back in A11 "
        "if B11 answers it"
    )


def test_a_form_label_deleted_with_its_row_is_missing_from_the_sheet(tender_dir):
    """Row 11 deleted: the rows below move up and every other label is found, so no row is
    pointed at: the field is missing from the sheet, as before."""
    import openpyxl

    path = bid_workbook(tender_dir / "bids" / "acme.xlsx")
    book = openpyxl.load_workbook(path)
    book["Organisation"].delete_rows(11)
    book.save(path)
    (problem,) = load(tender_dir).problems
    assert problem.code == "form.missing_field"
    assert problem.where == "bids/acme.xlsx › Organisation"
    assert problem.found == ""


def test_one_company_number_on_two_bids_is_one_organisation_bidding_twice(tender_dir):
    """Found by a human-error audit: 'Stour Valley Homecare Ltd' and 'Stour Valley Homecare
    Limited', same company number and address, were two suppliers with no warning."""
    bid_workbook(tender_dir / "bids" / "acme.xlsx", organisation={"company_number": 1234567})
    bid_workbook(
        tender_dir / "bids" / "acme-2.xlsx",
        "Acme Care Limited",
        organisation={"company_number": "01234567"},
    )
    tender = load(tender_dir)
    found = [p for p in tender.problems if p.code == "bid.same_registration"]
    assert {p.supplier for p in found} == {"Acme Care Ltd", "Acme Care Limited"}
    assert all(p.is_error and p.found == "01234567" for p in found)
    assert found[0].message.startswith("Acme Care Limited gives the same company number as")
    # Saved as a number, the company number gets back the zero Excel dropped.
    numbers = dict(tender.suppliers.select("supplier", "company_number").rows())
    assert numbers["Acme Care Ltd"] == "01234567"


def test_a_company_number_in_bengali_digits_is_the_same_company_with_a_warning(tender_dir):
    """'১১৪০২২৫৯' is 11402259 in Bengali digits. It was kept as typed, so the company giving
    it in one return and 11402259 in another was two bidders, with no word of either."""
    bid_workbook(tender_dir / "bids" / "acme.xlsx", organisation={"company_number": 11402259})
    bid_workbook(
        tender_dir / "bids" / "acme-2.xlsx",
        "Acme Care Limited",
        organisation={"company_number": "১১৪০২২৫৯"},
    )
    tender = load(tender_dir)
    same = [p for p in tender.problems if p.code == "bid.same_registration"]
    assert {p.supplier for p in same} == {"Acme Care Ltd", "Acme Care Limited"}
    assert all(p.found == "11402259" for p in same)
    (digits,) = [p for p in tender.problems if p.code == "registration.other_digits"]
    assert digits.severity is Severity.WARNING
    assert digits.where == "bids/acme-2.xlsx › Organisation › B6"
    assert digits.message.startswith("Company number: it holds digits of another script")
    assert "'৪' is the Bengali digit four" in digits.message
    assert digits.message.endswith("it is read as 11402259")
    assert "reads '11402259'" in digits.expected
    numbers = dict(tender.suppliers.select("supplier", "company_number").rows())
    assert numbers["Acme Care Limited"] == "11402259"


def test_a_lot_written_as_lot_and_its_id_is_that_lot(tender_dir):
    """'Lot L1' in the lot column read as a lot not in the plan: "no unit rates were filled in
    for any lot", and the bid was reported as a file that could not be read."""
    bid_workbook(
        tender_dir / "bids" / "acme.xlsx", cells={"Prices!A5": "Lot L1", "Prices!A6": "lot l1"}
    )
    tender = load(tender_dir)
    assert tender.problems == []
    assert set(tender.prices.filter(supplier="Acme Care Ltd")["lot"]) == {"L1", "L2"}


def test_a_social_value_commitment_given_twice_is_pointed_out(tender_dir):
    """A second SV-APP line (pasted twice?) raised the supplier's total without a word."""
    bid_workbook(
        tender_dir / "bids" / "bright.xlsx",
        "Bright Futures CIC",
        organisation={"org_type": "CIC", "vcse": "yes"},
        commitments=[{"measure": "SV-APP", "units": 52}, {"measure": "sv-app", "units": 52}],
    )
    problem = only(load(tender_dir), "commitments.repeated")
    assert problem.severity is Severity.WARNING
    assert problem.where == "bids/bright.xlsx › Social value › C6"
    assert "first at Social value › C5" in problem.message


@pytest.mark.parametrize(
    "value, number_format, shown", [(3, "0%", "300%"), (150, "General", "150%")]
)
def test_an_uplift_out_of_range_is_quoted_as_the_sheet_shows_it(
    tender_dir, value, number_format, shown
):
    """3 in a percent-formatted cell (Excel shows 300%) was reported as "found 3"."""
    from openpyxl import load_workbook

    path = bid_workbook(tender_dir / "bids" / "acme.xlsx")
    wb = load_workbook(path)
    wb["Prices"]["H5"] = value
    wb["Prices"]["H5"].number_format = number_format
    wb.save(path)
    problem = only(load(tender_dir), "price.uplift_range")
    assert problem.found == shown


def test_a_totals_row_is_a_warning_not_an_unknown_lot(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", cells={"Prices!A9": "Total", "Prices!G9": 999})
    problem = only(load(tender_dir), "price.total_row")
    assert problem.severity is Severity.WARNING and problem.supplier is None
    assert problem.where == "bids/acme.xlsx › Prices › A9"


@pytest.mark.parametrize(
    ("first", "second", "numbers", "warned"),
    [
        ("Stour Homecare Ltd", "Stour Homecare Limited", (None, None), True),
        ("Stour Homecare Ltd", "The Stour Homecare Co. Limited", ("01234567", None), True),
        ("Stour & Sons Ltd", "STOUR AND SONS LIMITED.", (None, None), True),
        ("Stour Homecare Ltd", "Stour-Homecare UK Ltd", (None, None), True),
        # Two company numbers: two companies (or one bidding twice: an error of its own).
        ("Stour Homecare Ltd", "Stour Homecare Limited", ("01234567", "07654321"), False),
        ("Stour Homecare Ltd", "Stour Homecarers Ltd", (None, None), False),
        ("Stour Homecare Ltd", "Stour Homecare North Ltd", (None, None), False),
    ],
)
def test_one_registered_name_on_two_bids_is_pointed_out(tender_dir, first, second, numbers, warned):
    """Found by the red team: 'Acme Care Ltd' for some lots and 'Acme Care Limited' for others,
    with no company number, were two suppliers, each within a limit on the lots one supplier
    may win. Companies House would not register both names."""
    for path, name, number in (
        ("first.xlsx", first, numbers[0]),
        ("second.xlsx", second, numbers[1]),
    ):
        # (None leaves the company number blank.)
        bid_workbook(tender_dir / "bids" / path, name, organisation={"company_number": number})
    found = [p for p in load(tender_dir).problems if p.code == "bid.same_registered_name"]
    assert bool(found) == warned
    if warned:
        (problem,) = found
        assert not problem.is_error and problem.file == "bids/second.xlsx"
        assert problem.message.startswith(f"'{second}' and '{first}' (in bids/first.xlsx) are one")
        assert "counts them apart" in problem.message


def test_the_item_header_retyped_is_said_at_its_cells_not_three_times_at_none(tender_dir):
    """C4 'Item' retyped 'Service': besides the missing column and the column not read
    (naming C5 to C8), an error 'a price item that is not in the plan' for each row, with no
    file, sheet or cell, listed under '(general)'."""
    tender = spoil(tender_dir, cells={"Prices!C4": "Service"})
    acme = [p for p in tender.problems if p.supplier == "Acme Care Ltd" or "acme" in p.file]
    assert [(p.code, p.where) for p in acme] == [
        ("table.missing_column", "bids/acme.xlsx › Prices › row 4"),
        ("table.unknown_column", "bids/acme.xlsx › Prices › C5"),
    ]
    assert all(p.file and p.sheet and p.cell for p in tender.problems if p.is_error)


def test_the_item_cells_cleared_are_rates_with_no_item_not_no_rates(tender_dir):
    """C5:C8 cleared under their header: 'a price item that is not in the plan' (found '')
    for each row, then 'Acme Care Ltd filled in no unit rate for any lot', though every rate
    is filled in."""
    cleared = {f"Prices!C{row}": None for row in (5, 6, 7, 8)}
    tender = spoil(tender_dir, cells=cleared)
    acme = [p for p in tender.problems if p.supplier == "Acme Care Ltd"]
    assert [(p.code, p.where, p.lot) for p in acme] == [
        ("price.no_item", f"bids/acme.xlsx › Prices › C{row}", lot)
        for row, lot in ((5, "L1"), (6, "L1"), (7, "L2"), (8, "L2"))
    ]
    first = acme[0]
    assert first.message == "a unit rate with no price item: the item of its row is blank"
    assert first.found == "a blank cell, beside the rate 20 in G5"
    assert first.expected == (
        "the row's price item, one of hours, visits (the bid return's template fills it in): "
        "ask the sender to restore it and send the file again"
    ) + sent_again("bids/acme.xlsx")  # where the corrected file goes, what to record of this


@pytest.mark.parametrize(
    ("cleared", "lots"),
    [((5, 6, 7, 8), ["L1", "L2"]), ((7, 8), ["L2"]), ((5,), ["L1"])],
)
def test_a_bid_whose_item_cells_are_cleared_is_invalid_in_its_lots_not_in_none(
    tender_dir, cleared, lots
):
    """C5:C8 cleared: the bid was in no lot ('no lot could be read from the bid file'), so
    L1 and L2 were awarded past it. Each Lot cell still names its lot: Acme's bid is in
    each lot it priced, invalid there by the error at each cleared Item cell, and the award
    of each waits on it. Only the lots with a rate on a cleared row (C7:C8: L2 alone) are
    bid for that way; a lot with one item left (C5 cleared, C6 'visits') is bid for as it
    was, invalid by its error."""
    tender = spoil(tender_dir, cells={f"Prices!C{row}": None for row in cleared})
    assert tender.bids.filter(supplier="Acme Care Ltd")["lot"].to_list() == ["L1", "L2"]
    result = tendereval.score(tender)
    acme = result.results.filter(supplier="Acme Care Ltd").sort("lot")
    invalid = acme.filter(status="invalid")
    assert invalid["lot"].to_list() == lots
    for lot, reasons in invalid.select("lot", "reasons").iter_rows():
        assert any(r.startswith("a unit rate with no price item") for r in reasons), lot
    assert result.award.not_put_right == tuple((lot, "Acme Care Ltd") for lot in lots)


def test_rates_with_no_lot_in_a_tender_of_one_lot_are_a_bid_for_that_lot(tmp_path):
    """Hop Garden's Lot cells A5:A7 cleared in the carers tender, whose one lot is CSB: the
    bid was in no lot, so CSB was awarded past it. Its rates can only be for CSB: the bid is
    invalid there, by the error at each rate, and the award waits on it."""
    folder = example_copy(tmp_path)
    path = folder / "bids" / "hop-garden-respite-cic.xlsx"
    book = openpyxl.load_workbook(path)
    for row in (5, 6, 7):
        book["Prices"][f"A{row}"] = None
    book.save(path)
    tender = load(folder)
    hop = "Hop Garden Respite CIC"
    assert [(p.code, p.where) for p in tender.problems if p.supplier == hop] == [
        ("price.no_lot", f"bids/hop-garden-respite-cic.xlsx › Prices › G{row}") for row in (5, 6, 7)
    ]
    assert tender.bids.filter(supplier=hop)["lot"].to_list() == ["CSB"]
    result = tendereval.score(tender)
    [bid] = result.results.filter(supplier=hop).iter_rows(named=True)
    assert (bid["lot"], bid["status"]) == ("CSB", "invalid")
    assert bid["reasons"][0].startswith("a unit rate is given with no lot (A5 is blank)")
    assert ("CSB", hop) in result.award.not_put_right


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        (11402259, "11402259, a number, not a name"),
        (True, "TRUE, a true/false value, not a name"),
    ],
)
def test_a_number_or_true_in_the_legal_name_cell_is_no_name(tender_dir, typed, found):
    """A company number typed in the legal name's cell named the supplier "11402259", and every
    score for the supplier was "a score for a supplier that did not submit a bid", at the score
    sheets, never at B4. It is no name, as a blank cell is: one error, at B4."""
    tender = spoil(tender_dir, organisation={"legal_name": typed})
    problem = only(tender, "bid.no_name")
    assert (problem.where, problem.found, problem.is_error) == (
        "bids/acme.xlsx › Organisation › B4",
        found,
        True,
    )
    assert (
        problem.message == "the supplier's legal name is not a name; the file name is used instead"
    )
    assert "acme" in tender.suppliers["supplier"].to_list()
    assert "11402259" not in tender.suppliers["supplier"].to_list()


def test_a_number_as_the_trading_name_is_a_warning_and_not_read(tender_dir):
    tender = spoil(tender_dir, organisation={"trading_name": 11402259})
    problem = only(tender, "name.not_text")
    assert (problem.where, problem.found, problem.is_error) == (
        "bids/acme.xlsx › Organisation › B5",
        "11402259",
        False,
    )
    assert problem.message == "Trading name (if different): a number, not a name"
    acme = tender.suppliers.filter(supplier="Acme Care Ltd")
    assert acme["trading_name"].to_list() == [None]


@pytest.mark.parametrize("written", ["Cyf", "Cyfyngedig", "Cwmni Cyfyngedig"])
def test_a_welsh_limited_company_is_a_private_company(tender_dir, written) -> None:
    """ "Ltd" and "Limited company" were read as a private company and the Welsh forms
    (Cyfyngedig, Cyf: Limited) were refused as not one of the choices."""
    tender = spoil(tender_dir, organisation={"org_type": written})
    assert not [p for p in tender.problems if p.code == "choice.invalid"], tender.problems
    assert tender.suppliers.filter(supplier="Acme Care Ltd")["org_type"].item() == (
        "private company"
    )
