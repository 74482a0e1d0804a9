"""Which bidder a supply-chain row names, looked up in dictionaries made once.

Found by a red team (finding 5): each supply-chain row was matched against every bidder, the
company and charity numbers of each worked out again every time, and ``score`` did it twice
(the loader's ``one_status_each`` and the frames' ``frame_rules._one_status_each``): 2,000
bidders naming 3 subcontractors each took 23 s. The bidders are now found by their numbers
and their names as Companies House compares names (``one_organisation.Bidders``), with the
same answer the search over every bidder gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io import one_organisation
from tendereval.io.bid_rules import CheckedBid
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import registered_form
from tendereval.io.one_organisation import REGISTRATIONS, _number, one_status, one_status_each
from tests.cpu_time import cpu_seconds


def named_by_searching_every_bidder(row: dict, bidders: list[dict]) -> dict | None:
    """one_organisation._bidder_named as first written: every bidder, row by row."""
    own = supplier_key(row.get("supplier") or "")
    others = [other for other in bidders if other["supplier_key"] != own]
    number = _number(row.get("company_number"))
    by_number = [
        other
        for other in others
        if number and number in {_number(other.get(f)) for f, _ in REGISTRATIONS}
    ]
    if by_number:
        return _one(by_number)
    form = registered_form(row.get("name") or "")
    by_name = [
        other
        for other in others
        if form
        and registered_form(other["supplier"]) == form
        and not (number and _number(other.get("company_number")))
    ]
    return _one(by_name)


def _one(found: list[dict]) -> dict | None:
    return found[0] if len({other["supplier_key"] for other in found}) == 1 else None


# Few names and numbers, so that rows and bidders share them: spellings Companies House takes
# for one name ("Ltd", "Limited", "&", capitals), numbers in other digits (full-width, Bengali)
# and with spaces, a charity number that is another's company number, none at all.
NAMES = st.sampled_from(
    [
        "Oast Care Ltd",
        "OAST CARE LIMITED",
        "Oast  Care",
        "Weald & Co",
        "Weald and Co Ltd",
        "Hop Garden CIC",
        "The Hop Garden",
        "★",
        "",
    ]
)
NUMBERS = st.sampled_from(
    [
        None,
        "",
        "  ",
        "01234567",
        "０１２３４５６７",
        "০১২৩৪৫৬৭",
        " 01234567 ",
        "sc123456",
        "SC123456",
        "1100",
    ]
)


@st.composite
def bidder(draw: st.DrawFn) -> dict:
    name = draw(NAMES) or "Unnamed"
    return {
        "supplier": name,
        # A bidder with two returns (each for other lots) is two rows of one key.
        "supplier_key": supplier_key(draw(st.sampled_from([name, name.upper(), "other"]))),
        "company_number": draw(NUMBERS),
        "charity_number": draw(NUMBERS),
        "sme": draw(st.sampled_from([True, False, None])),
    }


@st.composite
def chain_row(draw: st.DrawFn) -> dict:
    return {
        "supplier": draw(NAMES),
        "name": draw(NAMES),
        "company_number": draw(NUMBERS),
        "sme": draw(st.sampled_from([True, False, None])),
    }


@settings(max_examples=400)
@given(st.lists(bidder(), max_size=8), st.lists(chain_row(), max_size=6))
def test_the_bidder_a_row_names_is_the_one_the_search_over_every_bidder_found(bidders, rows):
    found = one_organisation.Bidders(bidders)
    for row in rows:
        assert found.named(row) is named_by_searching_every_bidder(row, bidders), row


def bids_naming_their_own_subcontractors(count: int) -> list[CheckedBid]:
    """``count`` bids, each naming 3 subcontractors of its own (none of them a bidder), as the
    red team's repro made them; bid 0 names bid 1 as its 4th, saying it is no SME."""
    bids = []
    for i in range(count):
        supplier = f"Provider {i:04d} Care Ltd"
        bid = CheckedBid(supplier, supplier_key(supplier), f"bids/p{i}.xlsx")
        bid.rows["suppliers"] = [
            {"company_number": f"{10_000_000 + i:08d}", "charity_number": None, "sme": True}
        ]
        bid.rows["supply_chain"] = [
            {
                "supplier": supplier,
                "name": f"Helper {i:04d}-{j} Ltd",
                "role": "subcontractor",
                "company_number": f"{20_000_000 + 3 * i + j:08d}",
                "sme": True,
                "vcse": False,
            }
            for j in range(3)
        ]
        bids.append(bid)
    bids[0].rows["supply_chain"].append(
        {
            "supplier": bids[0].supplier,
            "name": "Provider 0001 Care Limited",
            "role": "subcontractor",
            "company_number": "10000001",
            "sme": False,
            "vcse": False,
        }
    )
    return bids


def test_two_thousand_bidders_naming_three_subcontractors_each_take_little_time() -> None:
    """2,000 bids, 6,001 supply-chain rows: 12 million steps and 23 s before; now one look-up
    a row, well under the bound on a loaded machine."""
    bids = bids_naming_their_own_subcontractors(2000)
    start = cpu_seconds()
    problems = one_status_each(bids)
    spent = cpu_seconds() - start
    # Provider 0001 is an SME by its own return: the row saying it is not is counted as one.
    assert [p.code for p in problems] == ["supply_chain.sme_against_own_bid"]
    assert bids[0].rows["supply_chain"][3]["sme"] is True
    assert spent < 5, f"{spent:.1f} processor seconds"


def test_the_frames_rule_is_one_look_up_a_row_too() -> None:
    """As frame_rules calls it: every row of the chain at once, the bidders as a list."""
    bids = bids_naming_their_own_subcontractors(2000)
    chain = [row for bid in bids for row in bid.rows["supply_chain"]]
    bidders = [
        {**bid.rows["suppliers"][0], "supplier": bid.supplier, "supplier_key": bid.key}
        for bid in bids
    ]
    start = cpu_seconds()
    rows, problems = one_status(chain, bidders)
    spent = cpu_seconds() - start
    assert len(rows) == 6001 and [p.code for p in problems] == ["supply_chain.sme_against_own_bid"]
    assert spent < 5, f"{spent:.1f} processor seconds"


def test_the_welsh_legal_forms_are_endings_companies_house_ignores() -> None:
    """Gofal Teifi Cyf and Gofal Teifi Ltd cannot both be registered: one organisation. "C.C.C."
    (the Welsh plc with full stops) was left on the name, as "P.L.C." is not."""
    forms = [
        "Gofal Teifi Ltd",
        "Gofal Teifi Cyf",
        "Gofal Teifi Cyf.",
        "GOFAL TEIFI CYFYNGEDIG",
        "Gofal Teifi CCC",
        "Gofal Teifi C.C.C.",
        "Gofal Teifi Cwmni Cyfyngedig Cyhoeddus",
    ]
    assert {registered_form(name) for name in forms} == {"gofalteifi"}
