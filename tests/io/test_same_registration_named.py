"""Bids giving one company number: each is told of the others, the first five by name.

Found by a red team (finding 4): each of k bids giving one company number had an error naming
all k - 1 others, so the messages grew as k squared. 800 bid returns with the number the
portal's template pre-filled: 800 messages of 41,000 characters, 34 MB on the terminal and in
the report, 1.09 GB and 115 s. Now each names the first five others and counts the rest; every
bid still carries the error, with the number, so each bid sharing it is named in one."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.bid_rules import CheckedBid
from tendereval.io.same_registration import same_registrations_in_frame
from tendereval.io.tender import _same_registration
from tests.cpu_time import cpu_seconds

from .builders import bid_workbook
from .conftest import load

END = "none is evaluated until the buyer decides whether they are one organisation"


def bids_giving(number: str, count: int) -> list[CheckedBid]:
    bids = []
    for i in range(count):
        bid = CheckedBid(f"Supplier {i} Ltd", f"supplier {i} ltd", f"bids/s{i}.xlsx")
        bid.rows["suppliers"] = [{"company_number": number, "charity_number": None}]
        bids.append(bid)
    return bids


def test_eight_bids_of_one_number_each_name_five_others_and_count_two(tender_dir: Path) -> None:
    for i in range(8):
        bid_workbook(
            tender_dir / "bids" / f"care-{i}.xlsx",
            f"Care {i} Ltd",
            organisation={"company_number": "07654321"},
        )
    found = [p for p in load(tender_dir).problems if p.code == "bid.same_registration"]
    assert sorted(p.supplier for p in found) == [f"Care {i} Ltd" for i in range(8)]
    assert all(p.is_error and p.found == "07654321" for p in found)
    first = next(p for p in found if p.supplier == "Care 0 Ltd")
    assert first.message == (
        "Care 0 Ltd gives the same company number as Care 1 Ltd (bids/care-1.xlsx); "
        "Care 2 Ltd (bids/care-2.xlsx); Care 3 Ltd (bids/care-3.xlsx); "
        "Care 4 Ltd (bids/care-4.xlsx); Care 5 Ltd (bids/care-5.xlsx) and 2 other bids, "
        f"each with this error; {END}"
    )


def test_seven_bids_name_all_six_others_rather_than_count_one() -> None:
    found = _same_registration(bids_giving("01234567", 7))
    assert len(found) == 7
    assert found[6].message == (
        "Supplier 6 Ltd gives the same company number as "
        + "; ".join(f"Supplier {i} Ltd (bids/s{i}.xlsx)" for i in range(6))
        + f"; {END}"
    )


def test_two_bids_still_say_neither() -> None:
    first, second = _same_registration(bids_giving("01234567", 2))
    assert first.message == (
        "Supplier 0 Ltd gives the same company number as Supplier 1 Ltd (bids/s1.xlsx); "
        "neither is evaluated until the buyer decides whether they are one organisation"
    )
    assert second.found == "01234567"


def test_a_thousand_bids_of_one_number_make_a_thousand_short_messages() -> None:
    """Before: 1,000 messages of 999 names each, about 30 MB of text."""
    bids = bids_giving("12345678", 1000)
    start = cpu_seconds()
    found = _same_registration(bids)
    spent = cpu_seconds() - start
    assert [p.supplier for p in found] == [bid.supplier for bid in bids]
    assert found[500].message.startswith(
        "Supplier 500 Ltd gives the same company number as Supplier 0 Ltd (bids/s0.xlsx); "
    )
    assert " and 994 other bids, each with this error; none is evaluated" in found[500].message
    assert max(len(p.message) for p in found) < 500
    assert spent < 1, f"{spent:.1f} processor seconds"


PPONS = ("PXJN-9565-JTJH", "PHDZ-9983-EKDF", "PZCJ-3562-BTJY")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from((*PPONS, None)), min_size=2, max_size=8),
    st.randoms(use_true_random=False),
)
def test_a_suppliers_frame_holds_every_supplier_sharing_a_ppon_whatever_its_order(
    ppons: list[str | None], random
) -> None:
    """Each supplier giving a PPON another supplier's row gives has the error, and no other,
    however the frame's rows are ordered (bid.same_registration, as the loader's)."""
    rows = [(f"Supplier {i} Ltd", ppon) for i, ppon in enumerate(ppons)]
    shared = {p for p in ppons if p is not None and ppons.count(p) > 1}
    expected = sorted((name, ppon) for name, ppon in rows if ppon in shared)
    random.shuffle(rows)
    frame = pl.DataFrame(rows, schema=["supplier", "unique_identifier"], orient="row")
    found = same_registrations_in_frame(frame)
    assert sorted((p.supplier, p.found) for p in found) == expected
    assert all(p.file == "suppliers frame" and p.is_error for p in found)
