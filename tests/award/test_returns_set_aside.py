"""Which of a supplier's bid returns records naming files set aside: the one rule the loader,
the scoring and the award share (:meth:`ReturnsSetAside.aside`), worked by hand and checked
for any returns and records.

A withdrawal sets its return aside, always. A rejection sets its return aside only beside a
return for the lot that stands: otherwise it is of the supplier's tender, which that return
makes, and a rejection confirms an invalidity but never makes one. So a lot of a supplier is
left with no tender only by withdrawals.
"""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tendereval.award.recorded import RecordedRejection, RecordedWithdrawal, ReturnsSetAside
from tendereval.award.set_aside import ANOTHER_RETURN

FIRST, LATE, FINAL = "bids/acme.xlsx", "bids/acme-late.xlsx", "bids/acme-final.xlsx"


def _rejected(file: str, lot: str | None = None) -> RecordedRejection:
    return RecordedRejection(file, "Received after the deadline", lot)


def _withdrawn(file: str, lot: str | None = None) -> RecordedWithdrawal:
    return RecordedWithdrawal(file, "2026-03-02", lot)


def _aside(records, returns):
    """What ``records`` set aside of ``returns`` (file, lots), the bid files being those."""
    return ReturnsSetAside(records, [file for file, _ in returns]).aside(returns)


def test_a_late_return_beside_the_first_is_set_aside_for_the_lots_both_price() -> None:
    late = _rejected(LATE)
    returns = ReturnsSetAside([late], [FIRST, LATE])
    assert returns.aside([(FIRST, ["A", "B"]), (LATE, ["A"])]) == {(LATE, "A"): late}
    # A lot only the late return prices is the supplier's tender for it: not set aside here
    # (the rejection is of that tender, and must confirm an invalidity or give a ground).
    assert returns.aside([(FIRST, ["A"]), (LATE, ["A", "C"])]) == {(LATE, "A"): late}
    # Alone, it is the tender.
    assert returns.aside([(LATE, ["A"])]) == {}


def test_a_rejection_for_one_lot_sets_aside_that_lot_only() -> None:
    late = _rejected(LATE, "B")
    assert _aside([late], [(FIRST, ["A", "B"]), (LATE, ["A", "B"])]) == {(LATE, "B"): late}


def test_the_first_withdrawn_leaves_the_late_one_as_the_tender() -> None:
    first, late = _withdrawn(FIRST), _rejected(LATE)
    assert _aside([first, late], [(FIRST, ["A"]), (LATE, ["A"])]) == {(FIRST, "A"): first}


def test_every_return_rejected_leaves_the_first_by_file_name_as_the_tender() -> None:
    records = [_rejected(FIRST), _rejected(LATE), _rejected(FINAL)]
    aside = _aside(records, [(FIRST, ["A"]), (LATE, ["A"]), (FINAL, ["A"])])
    # acme-final.xlsx, acme-late.xlsx, acme.xlsx: '-' sorts before '.'.
    assert aside == {(LATE, "A"): records[1], (FIRST, "A"): records[0]}


def test_a_file_that_could_not_be_read_prices_no_lot() -> None:
    late = _rejected("bids/acme-late.xls")
    assert _aside([late], [("bids/acme-late.xls", [])]) == {}
    withdrawn = _withdrawn("bids/acme-late.xls")
    assert _aside([withdrawn], [("bids/acme-late.xls", [])]) == {
        ("bids/acme-late.xls", None): withdrawn
    }


FILES = [f"bids/acme-{n}.xlsx" for n in range(4)]
LOTS = ["A", "B", "C"]


@st.composite
def supplier_returns(draw):
    files = draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=4, unique=True))
    returns = [(f, draw(st.lists(st.sampled_from(LOTS), min_size=1, unique=True))) for f in files]
    records = []
    for file in files:
        for kind in draw(st.lists(st.sampled_from(["withdrawal", "rejection"]), max_size=2)):
            lot = draw(st.sampled_from([None, *LOTS]))
            records.append(_withdrawn(file, lot) if kind == "withdrawal" else _rejected(file, lot))
    return returns, records


@given(supplier_returns())
def test_only_withdrawals_leave_a_lot_without_a_tender(drawn) -> None:
    returns, records = drawn
    aside = _aside(records, returns)
    for lot in LOTS:
        pricing = [file for file, lots in returns if lot in lots]
        standing = [file for file in pricing if (file, lot) not in aside]
        withdrawn = [
            file
            for file in pricing
            if any(isinstance(r, RecordedWithdrawal) and r.covers(lot) for r in records
                   if r.file == file)
        ]  # fmt: skip
        # Every return is set aside by a record that names it and covers the lot.
        for file in pricing:
            if (file, lot) in aside:
                assert aside[(file, lot)].file == file and aside[(file, lot)].covers(lot)
        # A withdrawn return is set aside, always. The returns no record names stand; with
        # none, the first by file name of those rejected is the tender the rejections name.
        assert all((file, lot) in aside for file in withdrawn)
        unnamed = [file for file in pricing if not _named(records, file, lot)]
        rejected = sorted((f for f in pricing if f not in withdrawn), key=str.casefold)
        assert sorted(standing) == sorted(unnamed or rejected[:1])


def _named(records, file: str, lot: str) -> bool:
    return any(r.file == file and r.covers(lot) for r in records)


def test_a_suppliers_returns_are_one_tender_under_any_spelling_the_loader_matches() -> None:
    """ "STRASSE CARE" and "Straße Care" are one supplier to the loader (supplier_key folds
    case fully): its two returns for a lot are one tender in every count, not two bids."""
    results = pl.DataFrame(
        {
            "lot": ["A", "A", "A", "B"],
            "supplier": ["Straße Care", "STRASSE  CARE", "Other Ltd", "Straße Care"],
            "status": ["invalid", "invalid", "ranked", "ranked"],
            "reasons": [["twice"], ["twice"], [], []],
        }
    )
    assert results.filter(~ANOTHER_RETURN).get_column("supplier").to_list() == [
        "Straße Care",
        "Other Ltd",
        "Straße Care",
    ]
