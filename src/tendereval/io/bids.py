"""Reading a bid return: one workbook per supplier, laid out as :mod:`tendereval.layout` says.

:func:`read_bid` reads the workbook into a :class:`~tendereval.io.raw.RawBid` (values and
cell addresses, unchecked); :func:`load_bid` also applies the rules of
:mod:`tendereval.io.bid_rules`. The Organisation and Prices sheets are required; Supply chain,
Packages and Social value may be left empty, and one the plan needs that is left out, or is
there under another name, is a problem (the rules say which).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tendereval import layout
from tendereval.io.raw import RawBid, StandIn
from tendereval.io.workbook import (
    MAX_BID_ROWS,
    Book,
    Header,
    copied_form,
    copied_tables,
    copy_problems,
    form_stand_ins,
    headers_for,
    open_book_read,
    renamed_sheet,
    stand_ins,
)
from tendereval.io.xlsx import fold_name

if TYPE_CHECKING:  # the rules pull in polars, which a worker reading bids does not need
    from tendereval.io.bid_rules import CheckedBid
    from tendereval.plan import Plan

_REQUIRED_FIELDS = tuple(f.key for f in layout.ORGANISATION_FIELDS if f.required)
# Each table's headers are made once, not once per bid (a thousand bids, four tables each).
_TABLES = tuple(
    (attribute, sheet, tuple(headers_for(columns)), required)
    for attribute, sheet, columns, required in (
        ("supply_chain", layout.BID_SUPPLY_CHAIN, layout.SUPPLY_CHAIN_COLUMNS, False),
        ("prices", layout.BID_PRICES, layout.PRICE_COLUMNS, True),
        ("packages", layout.BID_PACKAGES, layout.PACKAGE_COLUMNS, False),
        ("commitments", layout.BID_SOCIAL_VALUE, layout.SOCIAL_VALUE_COLUMNS, False),
    )
)
_PRICES_HEADERS = next(headers for _, sheet, headers, _ in _TABLES if sheet == layout.BID_PRICES)


def read_bid(path: Path, label: str) -> RawBid:
    """The raw contents of one bid return; ``label`` is how the file is named in problems."""
    raw = RawBid(source=label, fallback_name=Path(label).stem, required_fields=_REQUIRED_FIELDS)
    book, problems, raw.fingerprint = open_book_read(path, label)
    raw.problems.extend(problems)
    if book is None:
        raw.readable = False
        return raw
    with book:
        kind = book.made_from()
        if kind not in (None, "bid"):  # a score sheet or the consolidated form, put here
            raw.problems.append(book.in_the_wrong_folder(kind, "a bid return"))
            raw.not_a_bid = book.what_it_is(kind)
            raw.readable = False
            return raw
        _read_book(book, raw)
    raw.blank_notes = book.blank_notes
    if book.problems:  # a sheet was damaged: nothing read from this file can be trusted
        raw.problems.extend(book.problems)
        raw.readable = False
    return raw


def bid_in(book: Book, label: str) -> RawBid:
    """What the open workbook ``book`` holds, read as a bid return (whatever its sheets say
    it is), unchecked: a workbook kept where nothing is read, asked whether anything in it
    is filled in (io/held_workbooks.py)."""
    raw = RawBid(source=label, fallback_name=Path(label).stem, required_fields=_REQUIRED_FIELDS)
    _read_book(book, raw)
    return raw


def renamed_in(book: Book) -> bool:
    """Whether the loader would read ``book`` as a bid return whose Organisation or Prices
    sheet is there under another name ("Supplier details", "Pricing schedule"), by its
    name, the labels in its column A or its header row, holding some of it: in bids/ the
    bid is invalid until the sheet is renamed. Asked of a workbook kept where nothing is
    read with neither sheet nor the template's mark (io/held_workbooks.py): a late return
    re-typed or exported by another program is still a return."""
    if book.find_sheet(layout.BID_ORGANISATION) is None and any(
        other.holds_some for other in _organisation_stand_ins(book)
    ):
        return True
    return book.find_sheet(layout.BID_PRICES) is None and any(
        other.holds_some for other in _table_stand_ins(book, layout.BID_PRICES, _PRICES_HEADERS)
    )


def laid_out_as_a_return(book: Book) -> bool:
    """Whether ``book`` has the bid return's sheets laid out as the template lays them out:
    both its Organisation and Prices sheets, or one of them holding the return's own cells
    (the Organisation form's labels in column A; the Prices table's header row). A sheet's
    name alone says little: a supplier's "Organisation chart.xlsx" has a sheet named
    Organisation (roles and names), a "Cost build-up.xlsx" one named Prices, and each, kept
    where nothing is read, was taken for a late bid holding the award (io/held_workbooks.py)."""
    organisation = book.find_sheet(layout.BID_ORGANISATION)
    prices = book.find_sheet(layout.BID_PRICES)
    if organisation is not None and prices is not None:
        return True
    if organisation is not None:
        answers, _, _ = book.form(organisation, layout.ORGANISATION_FIELDS)
        if answers:
            return True
    if prices is not None:
        _, problems = book.table(prices, _PRICES_HEADERS, max_rows=MAX_BID_ROWS)
        return not any(problem.code == "table.no_header" for problem in problems)
    return False


def _organisation_stand_ins(book: Book) -> list[StandIn]:
    return form_stand_ins(book, layout.BID_ORGANISATION, layout.ORGANISATION_FIELDS, _READ)


def _table_stand_ins(book: Book, name: str, headers: tuple[Header, ...]) -> list[StandIn]:
    return stand_ins(book, name, headers, MAX_BID_ROWS, _READ)


def _read_book(book: Book, raw: RawBid) -> None:
    raw.mark = book.template_mark()
    _read_contents(book, raw)


def _read_contents(book: Book, raw: RawBid) -> None:
    sheet = book.find_sheet(layout.BID_ORGANISATION)
    if sheet is None:
        # Renamed ('Organization') or copied and the original deleted ('Organisation (2)'):
        # the sheet holding the answers is named; else the sheet is missing.
        others = _organisation_stand_ins(book)
        raw.absent[layout.BID_ORGANISATION] = others  # (its fields are not each missing)
        raw.problems.extend(
            renamed_sheet(book, layout.BID_ORGANISATION, others, _ORGANISATION_GIVES, _ASK_SUPPLIER)
            or [book.missing_sheet(layout.BID_ORGANISATION, _ORGANISATION_GIVES)]
        )
    else:
        raw.organisation, problems, raw.relabelled = book.form(sheet, layout.ORGANISATION_FIELDS)
        raw.problems.extend(problems)
        raw.name = raw.organisation.get("legal_name")
        copies = copied_form(book, sheet, layout.ORGANISATION_FIELDS, raw.organisation, _READ)
        raw.problems.extend(copy_problems(book, sheet, copies, "answers", _ASK_THE_SUPPLIER))
    for attribute, name, headers, required in _TABLES:
        sheet = book.find_sheet(name)
        if sheet is None:
            if required:  # renamed ('Prices (2)', 'Pricing'): the sheet is named, as a form's
                others = raw.absent[name] = _table_stand_ins(book, name, headers)
                raw.problems.extend(
                    renamed_sheet(book, name, others, _PRICES_GIVE, _ASK_SUPPLIER, form=False)
                    or [book.missing_sheet(name, _PRICES_GIVE)]
                )
            else:  # renamed ('Social value commitments') or deleted: the rules say which
                raw.absent[name] = _table_stand_ins(book, name, headers)
            continue
        rows, problems = book.table(sheet, headers, max_rows=MAX_BID_ROWS, added_columns=True)
        setattr(raw, attribute, rows)
        raw.problems.extend(problems)
        if name == layout.BID_PRICES:
            raw.prices_titles = book.title_cells(sheet)
        copies = copied_tables(book, sheet, headers, rows, MAX_BID_ROWS, skip=_READ)
        raw.problems.extend(
            copy_problems(book, sheet, copies, _WHAT_IT_GIVES[name], _ASK_THE_SUPPLIER)
        )


# What each table gives, as a copy's problem words it: a copy of any ("Prices (2)",
# "Organisation (2)") may hold what the supplier means.
_WHAT_IT_GIVES = {
    layout.BID_SUPPLY_CHAIN: "entries",
    layout.BID_PRICES: "figures",
    layout.BID_PACKAGES: "figures",
    layout.BID_SOCIAL_VALUE: "figures",
}
_ASK_THE_SUPPLIER = "ask the supplier which sheet is their bid"
_ASK_SUPPLIER = "ask the supplier"
_ORGANISATION_GIVES = "the supplier's organisation details"
_PRICES_GIVE = "the pricing schedule"
_READ = {fold_name(name) for name in (layout.BID_ORGANISATION, *(t[1] for t in _TABLES))}


def load_bid(path: Path, label: str, plan: Plan, measures: dict[str, str] | None) -> CheckedBid:
    """One bid return read and checked: frame rows and problems (never raises for bad input)."""
    from tendereval.io.bid_rules import check_bid

    return check_bid(read_bid(path, label), plan, measures)
