"""The rules a bid must keep, applied to a raw bid from any form of input.

:func:`check_bid` turns a :class:`~tendereval.io.raw.RawBid` (from a bid-return workbook or
from the consolidated matrix) into rows for the ``suppliers``, ``supply_chain``, ``bids``,
``prices``, ``packages`` and ``commitments`` frames, plus problems.

Who a problem is attributed to (``Problem.supplier``/``lot``) says what it makes unusable:

* price, package and social value commitment problems, a missing name and an unreadable file
  carry the supplier (and the lot, where one lot is affected), so scoring can mark that bid
  invalid. A package problem carries the package name as its ``lot``.
* organisation and supply-chain details are reported, never scored (scoring is provider-blind),
  so their problems name the file and cell but no supplier: they must be fixed, but they do
  not by themselves make a bid unscorable.

Decisions: the yearly volume is always the plan's (a different volume in the sheet is a
warning); a lot whose rates are all blank was not bid for; a lot with some rates filled in must
have a rate for every item with a volume above zero; a package must name at least two plan lots,
and a package including a lot the supplier did not also bid for on its own is a warning (the
package can still be awarded whole).
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import PurePath
from typing import Any

import polars as pl

from tendereval import layout
from tendereval.award.return_that_stands import SEND_AGAIN, sent_again
from tendereval.errors import Problem, Severity
from tendereval.io.cells import (
    Parsed,
    money_from_text,
    no_name_found,
    not_a_name,
    other_digits,
    parse_choice,
    parse_count,
    parse_list,
    parse_money,
    parse_name,
    parse_number,
    parse_person_name,
    parse_share,
    parse_text,
    parse_yes_no,
    show,
)
from tendereval.io.checking import (
    ERROR_EXPECTED,
    ERROR_MESSAGE,
    Checker,
    PlanIndex,
    fold,
    missing_field,
    name_of,
    noted_blanks,
    shown_rounded,
    shown_share,
    text_of,
)
from tendereval.io.files import Fingerprint
from tendereval.io.keys import supplier_key
from tendereval.io.nearest import Choices
from tendereval.io.numformat import displayed
from tendereval.io.ppon import (
    EMAIL_EXPECTED,
    PPON_EXPECTED,
    quoted,
    read_email,
    read_ppon,
)
from tendereval.io.price_notes import price_notes
from tendereval.io.proxies import counted_in_pounds, table_measure
from tendereval.io.raw import Cell, RawBid, Row, StandIn
from tendereval.io.registrations import parse_charity_number, parse_company_number
from tendereval.io.unseen import BlankNotes
from tendereval.io.xlsx import CellError
from tendereval.plan import Lot, Plan, SmeDefinition, sme_against_figures, turnover_too_low
from tendereval.same_lots import same_lots
from tendereval.slips import TIMES_ESTIMATE
from tendereval.template_marks import BID_RETURN, mark_problems
from tendereval.terminal import cut
from tendereval.wording import counted, pounds

NOT_ENTERPRISES = ("in-house team", "public body")

ORG_TYPE_ALIASES = {
    "cic": "community interest company",
    "company": "private company",
    "limited company": "private company",
    "ltd": "private company",
    # The legal forms as Companies House and the Charity Commission name them. A "private
    # company" is one of the private sector, whatever its liability: Meridian Care Group plc
    # is one (a public limited company is no public body, which would make it neither SME
    # nor large), and so is a company limited by guarantee (whether it is a VCSE is the VCSE
    # question's to say).
    "private limited company": "private company",
    "private company limited by shares": "private company",
    "company limited by shares": "private company",
    "company limited by guarantee": "private company",
    "private company limited by guarantee": "private company",
    "private limited company by guarantee without share capital": "private company",
    "public limited company": "private company",
    "plc": "private company",
    "unlimited company": "private company",
    "private unlimited company": "private company",
    "charitable incorporated organisation": "charity",
    "cio": "charity",
    "scottish charitable incorporated organisation": "charity",
    "scio": "charity",
    "charitable company": "charity",
    # Welsh: Cyfyngedig (Cyf) is Limited.
    "cwmni cyfyngedig": "private company",
    "cyfyngedig": "private company",
    "cyf": "private company",
    "registered charity": "charity",
    "in house": "in-house team",
    "in-house": "in-house team",
    "local authority": "public body",
    "nhs": "public body",
}
ROLE_ALIASES = {
    "subcontract": "subcontractor",
    "sub-contractor": "subcontractor",
    "member": "consortium member",
}
_FIELDS = {f.key: f for f in layout.ORGANISATION_FIELDS}
_PERCENT = "a percentage between 0 and 100"
# A type of organisation as a bid return's cell is read: case and spacing ignored, the aliases
# taken. The one reading for a bid return, the consolidated form and a suppliers frame.
read_org_type = partial(parse_choice, choices=layout.ORG_TYPES, aliases=ORG_TYPE_ALIASES)
_parse_org_type = read_org_type
_parse_role = partial(parse_choice, choices=layout.SUPPLY_CHAIN_ROLES, aliases=ROLE_ALIASES)


# The words of problems the frame rules give too (io/frame_rules.py), for what a bid return's
# rows name that the plan does not have.
PRICES_UNKNOWN_LOT = "prices for a lot that is not in the plan"
PRICE_UNKNOWN_ITEM = "a price item that is not in the plan"
COMMITMENT_UNKNOWN_LOT = "a commitment for a lot that is not in the plan"
COMMITMENT_LOT_NOT_BID = "a commitment for a lot this supplier did not bid for"
LOTS_UNKNOWN = "lots that are not in the plan"
# The package offer rules' words: (message, expected) by code.
PACKAGE_RULES = {
    "package.no_name": ("a package offer has no name", "a name for the package"),
    "package.duplicate": (
        "two package offers have the same name",
        "a different name for each package",
    ),
    "package.too_few_lots": (
        "a package must combine at least two lots",
        "two or more lot ids separated by ;",
    ),
    # A bid's own evaluated price of £0 makes it invalid; a package for nothing would win
    # every lot it names.
    "package.price_not_positive": (
        "a package price must be above zero",
        "the whole-contract price for the package, above £0",
    ),
    "package.lot_not_bid": (
        "the package includes lots this supplier did not also bid for on their own; the "
        "package can only be awarded whole",
        "a price for each of these lots on the Prices sheet as well",
    ),
}


def package_rule(code: str) -> dict[str, str]:
    """A package offer rule's words, as a problem takes them."""
    message, expected = PACKAGE_RULES[code]
    return {"message": message, "expected": expected, "code": code}


def priced_at_nothing(price: float) -> bool:
    """Whether a package price is £0.00 to the penny, as every output shows it: below half a
    penny (money rounds half away from zero, comparison.pence), a price of nothing, as a bid's
    own evaluated price of £0.00 is. A package of £0.004 won three lots in allocate."""
    return price < 0.005


@dataclass
class CheckedBid:
    """One bid's frame rows (by frame name) and its problems."""

    supplier: str
    key: str
    source: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)
    fingerprint: Fingerprint | None = None  # of the file's bytes, for the audit trail
    # The returns this bid is made of, when a supplier sent one for each lot it bids for
    # (io/returns_per_lot.py); empty for a bid read from one file.
    parts: tuple[CheckedBid, ...] = ()
    # Whether ``supplier`` is the file's name, the bid giving none (unreadable, or its legal
    # name left blank): how evaluators write the supplier's name is then no misspelling of it.
    named_by_file: bool = False
    # What the file is when it is no bid return (RawBid.not_a_bid): the loader leaves it out.
    not_a_bid: str = ""

    @property
    def lots(self) -> list[str]:
        return [row["lot"] for row in self.rows["bids"] if row["lot"] is not None]


@dataclass(frozen=True)
class _Schedule:
    """One lot's price schedule in the plan, for each of the plan's price items."""

    lot: Lot
    volumes: dict[str, float]  # item id → yearly volume, 0 when the plan gives none
    needed: tuple[str, ...]  # the items with a volume above zero (a rate is required), in order
    rate_expected: dict[str, str]  # item id → what a missing unit rate should have been
    years: int  # the contract's length, to set the rates against the lot's estimated value
    plan_file: str  # where the volumes come from
    volume_cells: dict[str, str]  # item id → where the plan sets its volume (Lot.volume_cell)


@dataclass(frozen=True)
class _PlanLookups:
    """What the rules look up in the plan for every bid, worked out once per plan."""

    index: PlanIndex
    schedules: tuple[_Schedule, ...]  # in plan order
    commitments_scored: bool
    sheets: tuple[str, ...]  # the optional sheets of this plan's bid return (layout)

    @classmethod
    def of(cls, plan: Plan) -> _PlanLookups:
        schedules = []
        for lot in plan.lots:
            volumes = {i.id: lot.volume(i.id) or 0.0 for i in plan.price.items}
            needed = tuple(i.id for i in plan.price.items if volumes[i.id] > 0)
            expected = {item: rate_expected(item, volume) for item, volume in volumes.items()}
            places = {item: lot.volume_cell(item) for item in volumes}
            schedules.append(
                _Schedule(lot, volumes, needed, expected, plan.contract_years, plan.source, places)
            )
        commitments_scored = any(c.kind == "commitments" for c in plan.leaves)
        return cls(
            index=PlanIndex.of(plan),
            schedules=tuple(schedules),
            commitments_scored=commitments_scored,
            sheets=layout.optional_bid_sheets(len(plan.lots), commitments_scored),
        )


# The lookups of the plan last checked against: a tender's bids are all checked against one
# plan, so they are worked out once. The plan is held weakly and matched by identity, so another
# plan (even one made later at the same address) always gets lookups of its own.
_last_lookups: tuple[weakref.ref[Plan], _PlanLookups] | None = None


def _lookups(plan: Plan) -> _PlanLookups:
    global _last_lookups
    last = _last_lookups
    if last is not None and last[0]() is plan:
        return last[1]
    lookups = _PlanLookups.of(plan)
    _last_lookups = (weakref.ref(plan), lookups)
    return lookups


def check_bid(
    raw: RawBid,
    plan: Plan,
    measures: dict[str, str] | None,
    proxy_values: str | None = None,
    table_sound: bool = True,
    units: dict[str, str] | None = None,
) -> CheckedBid:
    """Apply every bid rule to ``raw``.

    ``measures`` maps folded measure ids to the proxy table's ids; None when there is no proxy
    table (measures are then not checked: the missing table is its own problem).
    ``proxy_values``: the digest of the proxy values now (template_marks.proxy_values_digest),
    to compare with those the bid return showed. ``table_sound``: whether the proxy table was
    read without errors (a measure missing from a table read only in part may be in the part
    not read: such a commitment cannot be valued, rather than counting for nothing).
    ``units``: each measure's unit in the proxy table (None: no table), so a commitment to a
    measure counted in pounds is read as money is ('£180,000').
    """
    lookups = _lookups(plan)
    index = lookups.index
    name = parse_name(raw.name.value) if raw.name is not None else None
    supplier = name or raw.fallback_name
    check = Checker(supplier=supplier, notes=raw.blank_notes)
    check.problems.extend(_attributed(raw.problems, supplier))
    # A warning about the whole bid, so it carries the supplier as the checker's do.
    marked = mark_problems(raw.mark, plan, raw.source, BID_RETURN, proxy_values)
    check.problems.extend(replace(p, supplier=supplier) for p in marked)
    bid = CheckedBid(
        supplier,
        supplier_key(supplier),
        raw.source,
        fingerprint=raw.fingerprint,
        named_by_file=not name,
        not_a_bid=raw.not_a_bid,
    )
    if raw.readable and not name:
        _no_name(raw, check)
    if raw.readable:
        bid.rows["suppliers"].append(_organisation(raw, supplier, bid.key, plan, check))
        bid.rows["supply_chain"].extend(_supply_chain(raw, supplier, plan, check))
        prices, lots = _prices(raw, supplier, plan, lookups, check)
        if not raw.tables:  # a bid return, not the consolidated form: its template's cells
            price_notes(raw, plan, index, check)
        bid.rows["prices"].extend(prices)
        bid.rows["bids"].extend(
            {"supplier": supplier, "lot": lot, "source": raw.source} for lot in lots
        )
        packages = _packages(raw, supplier, index, lots, check)
        bid.rows["packages"].extend(packages)
        bid.rows["commitments"].extend(
            _commitments(
                raw, supplier, plan, lookups, lots, measures, check, table_sound, units or {}
            )
        )
        for sheet in lookups.sheets:
            if sheet in raw.absent:
                _sheet_absent(raw, sheet, raw.absent[sheet], check)
        if (
            not lots
            and not packages
            # Not when the sheet (missing, or renamed) or its table could not be read, or its
            # rates are on rows of no item of the plan: those problems say why.
            and layout.BID_PRICES not in raw.absent
            and not any(
                p.code in ("sheet.missing", "price.unknown_item", "price.no_item")
                or (p.code.startswith("table.") and p.is_error)
                for p in check.problems
            )
        ):
            check.add(
                None,
                # Named: in the consolidated form prices.csv holds every supplier's rates.
                f"{supplier} filled in no unit rate for any lot",
                code="bid.no_prices",
                expected="a unit rate for every item of each lot bid for",
                **raw.at(layout.BID_PRICES),
            )
    if raw.readable and not name and _nothing_filled_in(bid):
        _blank_return(check, raw.source)
    if not bid.rows["bids"]:
        # Nothing usable was read: keep one row so the bid is never silently lost.
        bid.rows["bids"].append({"supplier": supplier, "lot": None, "source": raw.source})
    bid.problems = _corrected_beside(noted_blanks(check.problems, raw.blank_notes), raw.source)
    return bid


def _corrected_beside(problems: list[Problem], source: str) -> list[Problem]:
    """``problems`` of the bid return ``source``, each asking the supplier to send the file
    again saying where the corrected file goes and what to record about this one: saved
    beside it unrecorded, the corrected file was a second bid return, whose error asked for
    a record that left this one standing, and this error asking for the file again."""
    if not layout.in_folder(source, layout.BIDS_FOLDER):
        return problems  # the consolidated form: the officer types the bid in again
    return [
        replace(p, expected=p.expected + sent_again(source))
        if p.file == source and p.is_error and (p.expected or "").endswith(SEND_AGAIN)
        else p
        for p in problems
    ]


def _no_name(raw: RawBid, check: Checker) -> None:
    """The error for a bid return whose legal name is not read, so its file names it."""
    if raw.name is None and (row := raw.relabelled.get("legal_name")) is not None:
        # The label of the name's row deleted or retyped ('Legal name'): the name beside it
        # is not read, as no answer on a row labelled otherwise is (it may answer another
        # question). Said at the label, not as "a blank cell" on the sheet.
        words = missing_field(_FIELDS["legal_name"].label, row)
        check.add(
            row.label,
            f"{words.pop('message')}; the file name is used instead",
            **words,
            code="bid.no_name",
        )
        return
    error = raw.name.value if _error(raw.name) else None  # type: ignore[union-attr]
    # A number or TRUE in the cell (a company number typed a row too high) is no name.
    other = raw.name is not None and not_a_name(raw.name.value)
    check.add(
        raw.name,
        f"the supplier's legal name is {'not a name' if error or other else 'missing'}; "
        "the file name is used instead"
        + (f": {ERROR_MESSAGE.format(error=error)}" if error else ""),
        found=error or no_name_found(None if raw.name is None else raw.name.value),
        expected=ERROR_EXPECTED if error else "the organisation's legal name",
        code="cell.error" if error else "bid.no_name",
        **raw.at(layout.BID_ORGANISATION),
    )


# (detail_cells is where the form has each detail a summary gives, not a detail typed.)
_OWN_DETAILS = ("supplier", "supplier_key", "source", "detail_cells")
# What a blank return's many errors say, each of one empty cell: said once, as one error.
_BLANKS = frozenset({"bid.no_name", "cell.blank", "bid.no_prices"})


def _nothing_filled_in(bid: CheckedBid) -> bool:
    """Whether a bid return read whole holds nothing its supplier types: no organisation
    detail, no unit rate, package, commitment or subcontractor."""
    details = all(
        value is None
        for row in bid.rows["suppliers"]
        for field, value in row.items()
        if field not in _OWN_DETAILS
    )
    return details and not any(
        bid.rows[name] for name in ("prices", "bids", "packages", "commitments", "supply_chain")
    )


def _blank_return(check: Checker, source: str) -> None:
    """One error for a bid return with nothing filled in, in place of an error for each of
    its empty cells: it is the blank template, sent by a supplier in place of its bid, or
    saved in bids/ by the buyer, and eight errors of missing cells said neither."""
    check.problems[:] = [p for p in check.problems if p.code not in _BLANKS]
    check.add(
        None,
        "nothing in this bid return is filled in (no name, no organisation details, no unit "
        "rate): it is the blank template",
        found="a blank bid return",
        expected="the supplier's completed bid return. If it is the template saved in bids/, "
        "move it out of the tender folder; if a supplier sent it in place of its bid (a bid "
        "cannot be completed after the deadline), record it as rejected in decisions.toml "
        '([[rejection]], supplier = "bids/<its file>.xlsx")',
        code="bid.blank",
        file=source,
    )


def _error(cell: Cell | None) -> bool:
    """Whether a cell holds an error its formula gave (#N/A), not a value."""
    return cell is not None and cell.value.__class__ is CellError


# A bid's organisation and supply-chain details: the bid return's sheets, and the
# consolidated form's (io/matrix.py), as sheets of evaluation.xlsx or as CSV files named after
# them in any case (suppliers.csv).
DETAILS_SHEETS = frozenset({layout.BID_ORGANISATION, layout.BID_SUPPLY_CHAIN})
_FORM_DETAILS_SHEETS = frozenset({"Suppliers", "SupplyChain"})
_FORM_DETAILS_FILES = frozenset(f"{sheet.lower()}.csv" for sheet in _FORM_DETAILS_SHEETS)
_DETAILS_FRAMES = frozenset({"suppliers frame", "supply_chain frame"})


def _attributed(problems: list[Problem], supplier: str) -> list[Problem]:
    """Reading errors (unreadable file, missing Prices sheet or column) make the whole bid
    unusable; those on the organisation and supply-chain sheets do not (see module doc)."""
    return [
        replace(p, supplier=supplier) if p.is_error and p.sheet not in DETAILS_SHEETS else p
        for p in problems
    ]


def in_details(problem: Problem) -> bool:
    """Whether ``problem`` is an error in a bid's organisation or supply-chain details (a
    bid return's sheets, the consolidated form's, or a frame's): such an error is no bid's
    (:func:`_attributed`), so it makes none invalid, but a share of the work in error counts
    toward no SME or VCSE share, and a status that cannot be read is unknown."""
    return (
        problem.is_error
        and problem.supplier is None
        and (
            problem.sheet in DETAILS_SHEETS | _FORM_DETAILS_SHEETS
            or problem.file in _DETAILS_FRAMES
            or PurePath(problem.file).name.lower() in _FORM_DETAILS_FILES
            or problem.code.startswith("supply_chain.")
        )
    )


# ---- Organisation ----------------------------------------------------------------------------


def _missing_field(raw: RawBid, spec: layout.Field, check: Checker) -> None:
    """The error for a required field whose label is not on the Organisation form, at the
    row where it belongs when that row is labelled otherwise, else on the sheet."""
    row = raw.relabelled.get(spec.key)
    check.add(
        row.label if row else None,
        **missing_field(spec.label, row),
        code="form.missing_field",
        attribute=False,
        **({} if row else raw.at(layout.BID_ORGANISATION)),
    )


def _organisation(
    raw: RawBid, supplier: str, key: str, plan: Plan, check: Checker
) -> dict[str, Any]:
    form = raw.organisation
    required = set(raw.required_fields)

    def get(field_key: str, parse, expected: str = "", severity: Severity = Severity.ERROR) -> Any:
        spec = _FIELDS[field_key]
        return check.value(
            form.get(field_key),
            parse,
            what=spec.label,
            # A field whose label is not on the form is reported once, below, with the sheet;
            # a blank legal name has its own problem (bid.no_name).
            required=field_key in required and field_key in form and field_key != "legal_name",
            expected=expected,
            attribute=False,
            severity=severity,
            # An optional detail blank under a merge is harmless: the form's details are
            # reported, never scored, and a merge down column B spans two questions, so what
            # Excel shows over the blank answer is the other question's answer.
            merge_harmless=True,
        )

    # In the form's order, not a set's: the same bid must give the same problems, in order.
    # With no Organisation sheet (deleted, or renamed: sheet.missing or sheet.renamed says
    # so) no field is missing from the form on its own: the renamed sheet holds them all, and
    # six errors said they were absent (review red team, session 33).
    missing = [
        k
        for k in raw.required_fields
        if k not in form and k != "legal_name" and layout.BID_ORGANISATION not in raw.absent
    ]
    for field_key in missing:
        _missing_field(raw, _FIELDS[field_key], check)
    staff = get("staff", parse_count, "the number of staff, e.g. 45")
    turnover = get("turnover", parse_money)
    balance = get("balance_sheet", parse_money)
    org_type = get("org_type", _parse_org_type)
    vcse = get("vcse", parse_yes_no)
    sme = sme_status(plan.sme, org_type, staff, turnover, balance)
    if org_type in NOT_ENTERPRISES:
        # The SME test is for enterprises: an in-house team or a public body is neither SME
        # nor large, so its status is left blank rather than counted on either side.
        sme, vcse = None, _not_a_vcse(form.get("vcse"), vcse, org_type, check)
    elif _type_unknown(form, org_type, required):
        sme, vcse = None, None
    slip = turnover_too_low(staff, turnover)
    if slip is not None:
        check.add(
            form.get("turnover"),
            slip.pop("message"),
            **slip,
            code="bid.turnover_scale",
            severity=Severity.WARNING,
            attribute=False,
        )
    return {
        "supplier": supplier,
        "supplier_key": key,
        "source": raw.source,
        # An error in the name is reported once, with the name (see check_bid).
        # A name that shows nothing is none here too (the supplier is named by its file).
        "legal_name": None if _error(form.get("legal_name")) else get("legal_name", name_of),
        # A number or TRUE is not read as a trading name (it would be matched against the
        # score sheets' supplier names, and struck out of every summary): a warning, as the
        # trading name is never scored and the bid stands under its legal name.
        "trading_name": get("trading_name", parse_person_name, severity=Severity.WARNING),
        "address": get("address", text_of),
        "org_type": org_type,
        "vcse": vcse,
        "staff": staff,
        "turnover": turnover,
        "balance_sheet": balance,
        "sme": sme,
        "contact_name": get("contact_name", text_of),
        **_identity(raw, get, org_type, plan, check),
    }


def _identity(raw: RawBid, get, org_type: str | None, plan: Plan, check: Checker) -> dict:
    """The supplier's registrations, unique identifier and contact email. A registration is
    never scored: one that cannot be read is a warning, not an error. A company or charity
    number typed with its scheme in the unique identifier's cell (GB-COH-11402259) is read
    as that number when its own cell gives none."""
    form = raw.organisation
    numbers = {
        "company_number": _registration(form, "company_number", parse_company_number, get, check),
        "charity_number": _registration(form, "charity_number", parse_charity_number, get, check),
    }
    typed = get("unique_identifier", text_of)
    identifier = read_ppon(typed)
    if identifier.other and numbers[identifier.other[0]] is None:
        field_key, number = identifier.other
        numbers[field_key] = number
        said = f"{identifier.said}; it is read as the {field_key.replace('_', ' ')}"
        identifier = replace(identifier, said=said)
    email = get("contact_email", text_of)
    return {
        **numbers,
        "contact_email": _summary_detail(
            raw, "contact_email", email, *read_detail("contact_email", email), org_type, plan, check
        ),
        "unique_identifier": _summary_detail(
            raw, "unique_identifier", typed, identifier.ppon, identifier.said, org_type, plan, check
        ),
        # Where the return gives each detail a summary gives, for a clarification of one left
        # blank to fill it in (io/answered_details.py), and its registrations, for an error
        # that two returns of one name give two to point at (io/other_registration.py); no
        # column of the frame.
        "detail_cells": {
            key: (cell.file, cell.sheet, cell.ref)
            for key in (*SUMMARY_DETAILS, *numbers)
            if (cell := form.get(key)) is not None
        },
    }


SUMMARY_DETAILS_MISSING = "bid.summary_details_missing"
SUMMARIES_WITHOUT = "its summaries would go out with none"
# Characters of the supplier's name the warning gives: a name can fill a cell (32,767), and
# the warning is said once for each detail (the problem's supplier holds it whole).
_NAME_SHOWN = 200
# What each assessment summary must give of the supplier (the Procurement Regulations 2024
# reg 31(2)(b)-(c), and (3)(a) for the supplier's own tender), that a return may leave blank.
SUMMARY_DETAILS = {
    "contact_email": ("a contact email address", "reg 31(2)(b)"),
    "unique_identifier": (
        "its unique identifier from the Central Digital Platform (its PPON)",
        "reg 31(2)(c)",
    ),
}

# The form each detail takes, as the warnings on its cell say it.
_FORM_OF = {"contact_email": EMAIL_EXPECTED, "unique_identifier": PPON_EXPECTED}


def _summary_detail(
    raw: RawBid,
    field_key: str,
    typed: str | None,
    value: str | None,
    said: str,
    org_type: str | None,
    plan: Plan,
    check: Checker,
) -> str | None:
    """A detail every assessment summary gives of its supplier, with a warning at its cell
    (at the sheet, in a return made before the template asked for it) when the return gives
    none under the Procurement Act: the summaries went out with it blank and nothing said so.
    Text that is not one (a placeholder such as "TBC" or "N/A", a company number in the
    unique identifier's cell, an email address with no @) is none, with the same warning
    quoting it (:mod:`tendereval.io.ppon`); under PCR 2015, a warning that it is left out.
    A warning, not an error: it is never scored, and the buyer can have it from the supplier
    or from the supplier's registration on the Central Digital Platform. An in-house team is
    owed no summary; under PCR 2015 the notice gives neither. The consolidated form (whose
    ``raw.tables`` place its sheets) is warned of at a cell of its column left blank, and at
    the supplier's name when it has no such column (a form made before the column was asked
    for): the summaries go out without the detail all the same. A return naming no supplier
    (the blank template sent back) or with no form read is not: its own problems say what it
    lacks. ``typed`` is the cell's text, ``value`` what is read from it, ``said`` why that is
    not all of it ("is not a PPON")."""
    cell = raw.organisation.get(field_key)
    named = raw.name
    owed = summary_detail_owed(plan.regime, org_type) and not (
        layout.BID_ORGANISATION in raw.absent
        or not raw.organisation
        or named is None
        or named.blank
    )
    if said and (value is not None or not owed):
        check.add(
            cell,
            **detail_not_read(field_key, typed, said, left_out=value is None),
            severity=Severity.WARNING,
            attribute=False,
        )
    if value is not None or not owed:
        return value
    if cell is not None:
        place, found = cell, "left blank"
    elif raw.tables:  # the consolidated form without the column: at the supplier's row
        place, found = named, f"no column '{field_key}'"
    else:  # a return from before the template asked for it: on its sheet
        place, found = None, f"no row labelled '{_FIELDS[field_key].label}'"
    check.add(
        place,
        **detail_missing(check.supplier, field_key, typed, said, found=found),
        severity=Severity.WARNING,
        **({} if place is not None else raw.at(layout.BID_ORGANISATION)),
    )
    return value


def summary_detail_owed(regime: str, org_type: str | None) -> bool:
    """Whether each assessment summary must give the supplier's contact email and unique
    identifier: under the Procurement Act, to a supplier that is not the buyer's own in-house
    team (owed no summary)."""
    return regime == "PA2023" and org_type != "in-house team"


def read_detail(field_key: str, typed: Any) -> tuple[str | None, str]:
    """The contact email or unique identifier ``typed`` holds (``field_key`` says which),
    and why the text is not one, or what was left out to read it ("" when it is all of it,
    or blank): the one rule for a bid return's cell, a ``suppliers`` frame's value and a
    supplier's answer to the buyer (:mod:`tendereval.io.ppon`)."""
    if field_key == "unique_identifier":
        identifier = read_ppon(typed)
        return identifier.ppon, identifier.said
    return read_email(typed)


def detail_not_read(
    field_key: str, typed: Any, said: str, *, left_out: bool, where: str = "the cell"
) -> dict[str, str]:
    """The words of the warning that the text given for a summary detail is not one, or is
    more than one (``said``, from :func:`read_detail`); ``left_out``: nothing could be read
    from it, so it counts as blank. ``where``: where the text was given."""
    return {
        "message": f"{_FIELDS[field_key].label}: {where} {said}"
        + ("; it is left out, as if blank" if left_out else ""),
        "found": quoted(typed),
        "expected": PPON_EXPECTED if field_key == "unique_identifier" else EMAIL_EXPECTED,
        "code": f"bid.{field_key}",
    }


def detail_missing(
    supplier: str,
    field_key: str,
    typed: Any,
    said: str,
    *,
    found: str = "left blank",
    given_by: str = "bid return",
    where: str = "its cell",
) -> dict[str, str]:
    """The words of the warning that a supplier owed an assessment summary gives no contact
    email or unique identifier (reg 31(2)(b)-(c)): none at all (``found`` says how), or text
    that is not one (``typed``, and ``said`` why, given ``where``)."""
    what, regulation = SUMMARY_DETAILS[field_key]
    short = _FIELDS[field_key].label.split(" (")[0].lower()
    given = f" ({quoted(typed)} in {where} {said})" if said else ""
    return {
        "message": f"{cut(supplier, _NAME_SHOWN)}'s {given_by} gives no {short}{given}: each "
        f"assessment summary must give {what} for the supplier (the Procurement Regulations "
        f"2024 {regulation}), and {SUMMARIES_WITHOUT}",
        "found": quoted(typed) if said else found,
        # What the detail looks like first: "expected ask the supplier for it" told an officer
        # whose cell held 'P86F-7E43-7FAA' neither what a PPON is nor how to read that sentence.
        "expected": f"{_FORM_OF[field_key]}; ask the supplier for it, or take it from the "
        "supplier's registration on the Central Digital Platform (Find a Tender), and give it "
        "in the summaries before they are sent",
        "code": SUMMARY_DETAILS_MISSING,
    }


def sme_status(
    definition: SmeDefinition,
    org_type: str | None,
    staff: float | None,
    turnover: float | None,
    balance: float | None,
) -> bool | None:
    """A supplier's SME status under the plan's SME ``definition``: None for an in-house team
    or a public body (neither SME nor large) and when its figures cannot decide. The one rule
    for a bid return, the consolidated form and a ``suppliers`` frame given without ``sme``."""
    if org_type in NOT_ENTERPRISES:
        return None
    return definition.is_sme(staff, turnover, balance)


def suppliers_sme(definition: SmeDefinition, suppliers: Any) -> list[bool | None]:
    """:func:`sme_status` of each row of a ``suppliers`` frame (``org_type``, ``staff``,
    ``turnover``, ``balance_sheet``; any left out counts as not given)."""
    columns = ("org_type", "staff", "turnover", "balance_sheet")
    present = [c for c in columns if c in suppliers.columns]
    # A column left out is a figure not given (with none of them, nothing decides).
    if not present:
        return [None] * suppliers.height
    rows = suppliers.select(present).iter_rows(named=True)
    # (The type as the loader reads it: "In-House Team" is neither SME nor large either.)
    return [
        sme_status(
            definition, read_org_type(row.get("org_type"))[0], *(row.get(c) for c in columns[1:])
        )
        for row in rows
    ]


def _type_unknown(form: dict[str, Cell], org_type: str | None, required: set[str]) -> bool:
    """Whether the type of organisation was asked but could not be read ("NHS Foundation
    Trust", or left blank): it may be a public body, so SME and VCSE status are unknown
    rather than worked out from its figures as if it were a company."""
    if org_type is not None:
        return False
    cell = form.get("org_type")
    return "org_type" in required or (cell is not None and not cell.blank)


def _registration(form: dict, field_key: str, parse, get, check: Checker) -> str | None:
    """The company or charity number, read in the digits 0-9 (bids from one organisation are
    matched by it, whatever script it was typed in), with a warning at a cell typing it in
    digits of another script: its reader may see another number (the Bengali four is drawn
    like an 8), which is for the supplier to confirm."""
    number = get(field_key, parse, severity=Severity.WARNING)
    cell = form.get(field_key)
    typed = cell.value if number is not None and cell is not None else None
    if isinstance(typed, str) and (refused := other_digits(typed, "registration")):
        _, problem = refused
        check.add(
            cell,
            f"{_FIELDS[field_key].label}: {problem.message}; it is read as {number}",
            found=problem.found,
            expected=problem.expected,
            code=problem.code,
            severity=Severity.WARNING,
            attribute=False,
        )
    return number


def _not_a_vcse(cell: Cell | None, vcse: bool | None, org_type: str, check: Checker) -> bool:
    """A VCSE is non-governmental: an in-house team or a public body is not one, whatever it
    answered. Answering "yes" is said at the cell, as it is not counted."""
    if vcse:
        check.add(
            cell,
            f"a {org_type} is not counted as a VCSE (a VCSE is non-governmental)",
            found="yes",
            expected="no, for an in-house team or a public body; or the right type of "
            "organisation, if it is not one",
            code="bid.vcse_not_enterprise",
            severity=Severity.WARNING,
            attribute=False,
        )
    return False


# ---- Supply chain ----------------------------------------------------------------------------


def _lots_list(
    cell: Cell | None,
    index: PlanIndex,
    check: Checker,
    attribute: bool,
    what: str,
    lot: str | None = None,
) -> list[str] | None:
    """Plan lot ids from a ``;``-separated cell (none when it is left blank); None (with a
    problem) if any is unknown, or the cell is blank under a merge showing lots."""
    if check.left_blank(cell, what=what, lot=lot, attribute=attribute):
        return []
    if cell.blank:  # type: ignore[union-attr]
        return None  # Excel shows another row's lots over it: said (Checker.left_blank)
    named = parse_list(cell.value)
    unknown = [text for text in named if index.lot(text) is None]
    if unknown and (parts := _separated_otherwise(unknown, index)):
        # "ASH, CAN", "ASH/CAN", "ASH + CAN": every part a plan lot, so which lots are meant
        # is not in doubt; refused, a package of them was invalid for a comma.
        named = [part for text in named for part in parts.get(text, [text])]
        check.add(
            cell,
            f"the lots are separated by {separators_in(unknown)}, not by ;, and are read as "
            + "; ".join(dict.fromkeys(index.lot(text) or text for text in named)),
            found=show(cell.value),
            expected="lot ids separated by ; (nothing to do if these are the lots meant)",
            code="lot.separated_otherwise",
            severity=Severity.WARNING,
            attribute=attribute,
            lot=lot,
        )
    elif unknown:
        other = separators_in(unknown)
        check.add(
            cell,
            LOTS_UNKNOWN,
            found=", ".join(unknown),
            expected=index.lot_choices.expected(unknown[0])
            + (f"; separate lots with ;, not {other}" if other else ""),
            code="lot.unknown",
            attribute=attribute,
            lot=lot,
        )
        return None
    return list(dict.fromkeys(index.lot(text) for text in named))


# What people separate lots with instead of the template's ";": a comma, slash, plus,
# ampersand or the word "and".
_OTHER_SEPARATORS = re.compile(r"\s*(?:,|/|\+|&|\band\b)\s*", re.IGNORECASE)


def _separated_otherwise(texts: list[str], index: PlanIndex) -> dict[str, list[str]] | None:
    """Each of ``texts`` (none of them a plan lot) split at another separator, when every
    part of every one is a plan lot; None when any is not (a lot not in the plan is then an
    error, as it was)."""
    return separated_otherwise(texts, index.lot)


def separated_otherwise(
    texts: list[str], lot_of: Callable[[str], str | None]
) -> dict[str, list[str]] | None:
    """Each of ``texts`` (none of them a lot) split at another separator than ";" (a comma,
    slash, plus, ampersand or "and"), when every part of every one is a lot (``lot_of`` gives
    its id, or None); None when any is not. The one rule for a bid return's cell and a
    frame's list of lots (frame_rules)."""
    split = {text: [p for p in _OTHER_SEPARATORS.split(text) if p] for text in texts}
    if all(len(parts) > 1 and all(lot_of(p) for p in parts) for parts in split.values()):
        return split
    return None


def separators_in(texts: list[str]) -> str:
    """The other separators ``texts`` use, quoted ("',' and '/'"); "" when none."""
    found = dict.fromkeys(
        m.group().strip().lower() for t in texts for m in _OTHER_SEPARATORS.finditer(t)
    )
    return " and ".join(f"'{sep}'" for sep in found)


def _supply_chain(raw: RawBid, supplier: str, plan: Plan, check: Checker) -> list[dict[str, Any]]:
    index = _lookups(plan).index
    rows: list[dict[str, Any]] = []
    for row in raw.supply_chain:

        def get(key: str, parse, what: str, required: bool = False, row: Row = row) -> Any:
            # An optional detail (company number, staff, turnover) blank under a merge is
            # harmless: reported, never scored nor counted (the allocation counts the SME? and
            # VCSE? answers and the share, which are required).
            return check.value(
                row.get(key),
                parse,
                what=what,
                required=required,
                attribute=False,
                merge_harmless=True,
            )

        share_cell = row.get("share")
        share = get(
            "share",
            lambda v, c=share_cell: parse_share(v, c.number_format),
            "share of the work",
            required=True,
        )
        if share is not None and not 0 <= share <= 1:
            found = shown_share(share_cell, share)
            check.add(share_cell, **share_out_of_range(), found=found, attribute=False)
            share = None
        lots_cell = row.get("lots")
        lots = _lots_list(lots_cell, index, check, False, "lots of the organisation's share")
        if lots is None:
            # A lot not in the plan (reported), or blank under a merge showing another entry's
            # lots: which lots the work is in is not known, so its share counts in none, where
            # an empty list read it into every lot ("L9" put a 30% SME share in each).
            share = None
        anchor = next(iter(row.values()))
        # Read in the columns' order, so the problems come in it.
        name = get("name", text_of, "the organisation's name", required=True)
        entry = {
            "supplier": supplier,
            "name": name,
            "role": get("role", _parse_role, "role", required=True),
            "company_number": get("company_number", text_of, "company number"),
            "staff": get("staff", parse_count, "staff headcount"),
            "turnover": get("turnover", parse_money, "turnover"),
            "sme": _partner_status(row.get("sme"), "SME", name, check),
            "vcse": _partner_status(row.get("vcse"), "VCSE", name, check),
            "share": share,
            "lots": lots or [],
            "source": anchor.file,
            "cell": anchor.where,
            # Where the SME? and VCSE? answers are, for a warning across bids
            # (io/one_organisation.py): not columns of the frame.
            "sme_cell": row["sme"].ref if "sme" in row else None,
            "vcse_cell": row["vcse"].ref if "vcse" in row else None,
        }
        _sme_against_figures(row.get("sme"), entry, plan, check)
        rows.append(entry)
    _check_share_totals(rows, index, raw, supplier, check)
    return shares_over_100_count_in_none(rows, index.lots.values())


def _partner_status(
    cell: Cell | None, status: str, name: str | None, check: Checker
) -> bool | None:
    """A consortium member's or subcontractor's answer to SME? or VCSE? (``status``). One
    that cannot be read, or is left blank, is a warning at its cell saying the entry counts
    as not an SME (not a VCSE) in the second-tier shares until the supplier says which, as
    the allocation counts it (allocation/from_tender.py counts an unknown status so, and
    says so): it counted so without a word. A warning, not an error: the answer is never
    scored, and the bid stands."""
    start = len(check.problems)
    answer = check.value(
        cell,
        parse_yes_no,
        what=f"{status}?",
        required=True,
        attribute=False,
        severity=Severity.WARNING,
    )
    who = name or "the organisation"
    check.problems[start:] = [
        replace(
            p,
            message=f"{p.message}; {status_unknown(who, status)}",
            expected=f"yes or no: ask the supplier whether {who} is {_A_STATUS[status]}, and "
            "record the answer with its status ([[clarification]] with "
            f"{status.lower()} = true or false)",
        )
        for p in check.problems[start:]
    ]
    return answer


_A_STATUS = {"SME": "an SME", "VCSE": "a VCSE"}


def status_unknown(who: str, status: str) -> str:
    """How an SME? or VCSE? answer (``status``) left blank or unreadable is counted, as its
    warning says it."""
    return (
        f"{who} is counted as not {_A_STATUS[status]} in the second-tier {status} shares "
        "until the supplier says which"
    )


def status_answered(who: str, status: str, answer: bool) -> str:
    """How such an answer is counted once the supplier's answer is recorded
    (io/answered_status.py): what the warning says in place of :func:`status_unknown`."""
    counted = _A_STATUS[status] if answer else f"not {_A_STATUS[status]}"
    return (
        f"{who} is counted as {counted} in the second-tier {status} shares, as the supplier "
        "answered"
    )


def _sme_against_figures(
    cell: Cell | None, entry: dict[str, Any], plan: Plan, check: Checker
) -> None:
    """A warning at the SME? answer of a consortium member or subcontractor when its own
    staff and turnover, under the plan's SME definition, say otherwise (5,000 staff and a
    £300m turnover answering "yes" was counted as SME work without a word). The answer is
    what counts, as the supplier declared it; the buyer is to clarify it."""
    answer = entry["sme"]
    against = sme_against_figures(answer, plan.sme, entry["staff"], entry["turnover"])
    if against is None:
        return
    check.add(
        cell,
        f"the SME? answer is {'yes' if answer else 'no'}, but {against} under the plan's SME "
        f"definition ({plan.sme.name}); its share counts as the answer says until clarified",
        found="yes" if answer else "no",
        expected=f"{'no' if answer else 'yes'}, or the figures corrected (clarify with the "
        "supplier)",
        code="supply_chain.sme_against_figures",
        severity=Severity.WARNING,
        attribute=False,
    )


def _check_share_totals(
    rows: list[dict[str, Any]], index: PlanIndex, raw: RawBid, supplier: str, check: Checker
) -> None:
    """Shares given to others cannot add up to more than the whole of any lot's work."""
    for lot, total in shares_over_100(rows, index.lots.values()):
        check.add(
            None,
            **share_totals_over_100(lot, total, supplier),
            attribute=False,
            **raw.at(layout.BID_SUPPLY_CHAIN),
        )


def shares_over_100(rows: list[dict[str, Any]], lots: Iterable[str]) -> list[tuple[str, float]]:
    """(lot, total) for each lot whose shares of the work in one bid's supply chain ``rows``
    (``share``, ``lots``: none for every lot) add up to more than the whole."""
    found = []
    for lot in lots:
        total = sum(r["share"] or 0.0 for r in rows if not r["lots"] or lot in r["lots"])
        if total > 1 + 1e-9:
            found.append((lot, total))
    return found


def shares_over_100_count_in_none(
    rows: list[dict[str, Any]], lots: Iterable[str]
) -> list[dict[str, Any]]:
    """``rows`` with the share of each entry in a lot whose shares add up to more than the
    whole (:func:`shares_over_100`) left unknown, so it counts in no lot, as an entry whose
    lots are unknown does: which of the shares is wrong is not known. (60% and 50% for two
    SME subcontractors counted as 100% of the work going to SMEs.)"""
    over = {lot for lot, _ in shares_over_100(rows, lots)}
    return [
        {**row, "share": None} if over and (not row["lots"] or over & set(row["lots"])) else row
        for row in rows
    ]


def share_totals_over_100(lot: str, total: float, supplier: str) -> dict[str, str]:
    """The problem's words for :func:`shares_over_100` (a bid return's, or a supply chain
    frame's: io/frame_rules.py), naming the supplier: in the consolidated form one table
    holds every supplier's supply chain."""
    return {
        "message": f"the shares of the work {supplier} gives to consortium members and "
        f"subcontractors add up to more than 100% for lot {lot}",
        "found": f"{total * 100:g}%",
        "expected": "100% or less in total",
        "code": "supply_chain.over_100",
    }


def share_out_of_range() -> dict[str, str]:
    """The problem's words for a share of the work outside 0% to 100%."""
    return {
        "message": "a share of the work must be between 0% and 100%",
        "expected": _PERCENT,
        "code": "share.out_of_range",
    }


# ---- Prices ----------------------------------------------------------------------------------


def _prices(
    raw: RawBid, supplier: str, plan: Plan, lookups: _PlanLookups, check: Checker
) -> tuple[list[dict[str, Any]], list[str]]:
    """Price rows of the lots bid for, and those lots in plan order."""
    index = lookups.index
    by_lot: dict[str, list[tuple[Row, str]]] = defaultdict(list)
    filled_lots: set[str] = set()  # the lots with a rate filled in on a row of a plan item
    # The lots with a rate filled in on a row whose item cannot be read (blank, or no item
    # of the plan): bid for, though no rate can be placed (the error at its cell says why).
    unread_item_lots: set[str] = set()
    rates_with_no_lot = False  # a rate filled in on a row with no lot (an error at it)
    unknown_lots: dict[str, Cell] = {}
    # A lot's rates saying it is not bid for ("Not bidding", "N/A"), by lot.
    not_bid_words: dict[str, list[Cell]] = defaultdict(list)
    for row in raw.prices:
        lot_cell = row.get("lot")
        rate_cell = row.get("unit_rate")
        filled = rate_cell is not None and (not rate_cell.blank or rate_cell.unsaved_formula)
        lot_text = parse_text(lot_cell.value) if lot_cell else None
        lot = index.lot(lot_text)
        if lot is None:
            if filled and (total := _total_label(row, _LABELS)):
                _total_row(total, check)
            elif filled and _repeats_the_header(row):
                check.add(
                    lot_cell,
                    "the table's header row is repeated here; the row is not read",
                    found=lot_text,
                    expected="the header once, above the table (the repeat can stay)",
                    code="price.header_row",
                    severity=Severity.WARNING,
                    attribute=False,
                )
            elif lot_text is None and filled and _a_note(row, index, raw.blank_notes):
                _note_row(rate_cell, check)
            elif lot_text is None and filled:
                _no_lot(rate_cell, lot_cell, index, raw.blank_notes, check)
                rates_with_no_lot = True
            elif lot_text is not None and filled and fold(lot_text) not in unknown_lots:
                unknown_lots[fold(lot_text)] = lot_cell
                check.add(
                    lot_cell,
                    PRICES_UNKNOWN_LOT,
                    found=lot_text,
                    expected=index.lot_choices.expected(lot_text),
                    code="price.unknown_lot",
                    lot=lot_text,
                )
            continue
        item_cell = row.get("item")
        item_text = parse_text(item_cell.value) if item_cell else None
        item = index.item(item_text)
        if item is None and filled and (total := _total_label(row, ("item", "description"))):
            _total_row(total, check)
        elif item is None and filled and item_cell is not None:
            unread_item_lots.add(lot)
            # (An Item cell blank under a merge showing an item is its own error, at the cell.)
            if item_text or check.left_blank(item_cell, what="price item", lot=lot):
                _not_a_plan_item(item_cell, item_text, rate_cell, plan, lot, check)
        # With no Item column at all, its own error names the column and where its items may
        # be: an error for each row would say so again, at no cell.
        if item is not None:
            by_lot[lot].append((row, item))
            if filled and says_not_bid(rate_cell.value):
                not_bid_words[lot].append(rate_cell)
            elif filled:
                filled_lots.add(lot)
    rows: list[dict[str, Any]] = []
    lots_bid: list[str] = []
    for schedule in lookups.schedules:
        lot = schedule.lot.id
        if lot not in filled_lots:
            if lot in unread_item_lots:
                # Rates filled in for the lot, none on a row of an item (the Item cells
                # cleared): a bid for it, invalid by the errors at those cells. Read as no
                # bid for it, the tender was in no lot and the lot was awarded past it.
                lots_bid.append(lot)
            elif lot in not_bid_words:
                # Every rate blank, or saying so in words: not bid for.
                _not_bid_in_words(lot, not_bid_words[lot], check)
            else:
                _uplifts_without_rates(lot, by_lot[lot], check)
            continue
        lots_bid.append(lot)
        rows.extend(_lot_prices(raw, supplier, schedule, by_lot[lot], check))
    if not lots_bid and rates_with_no_lot and len(lookups.schedules) == 1:
        # Rates with no lot in a tender of one lot can only be for it: the bid is there,
        # invalid by the error at each rate, not in no lot.
        lots_bid.append(lookups.schedules[0].lot.id)
    return rows, lots_bid


def _not_a_plan_item(
    item_cell: Cell, item_text: str | None, rate_cell: Cell, plan: Plan, lot: str, check: Checker
) -> None:
    """The error for a unit rate on a row whose item is none of the plan's: another item, or
    none at all (the Item cell cleared), which is what is wrong with such a bid, not that it
    filled in no rate."""
    items = ", ".join(i.id for i in plan.price.items)
    if item_text is None:
        check.add(
            item_cell,
            "a unit rate with no price item: the item of its row is blank",
            found=f"a blank cell, beside the rate {show(rate_cell.value)} in {rate_cell.ref}",
            expected=f"the row's price item, one of {items} (the bid return's template fills "
            "it in): ask the sender to restore it and send the file again",
            code="price.no_item",
            lot=lot,
        )
        return
    check.add(
        item_cell,
        PRICE_UNKNOWN_ITEM,
        found=item_text,
        expected=items,
        code="price.unknown_item",
        lot=lot,
    )


def _lot_prices(
    raw: RawBid,
    supplier: str,
    schedule: _Schedule,
    entries: list[tuple[Row, str]],
    check: Checker,
) -> list[dict[str, Any]]:
    lot = schedule.lot.id
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    cells: dict[str, Cell] = {}
    for row, item in entries:
        rate_cell = row["unit_rate"]
        if item in seen:
            words = duplicate_item(item, lot)
            check.add(row.get("item") or rate_cell, words.pop("message"), **words, lot=lot)
            continue
        seen.add(item)
        cells[item] = rate_cell
        volume = schedule.volumes[item]
        rate = check.value(
            rate_cell,
            parse_money,
            what="unit rate",
            required=volume > 0,
            expected=schedule.rate_expected[item],
            lot=lot,
            # An item the lot buys none of needs no rate (a blank one is no problem): a rate
            # shown over it by a merge but not in the file is said, and changes no price.
            merged_severity=Severity.WARNING if volume == 0 else None,
        )
        if rate is not None:
            _shown_rounded(rate_cell, "unit rate", "rate", rate, lot, check)
        uplift_cell = row.get("uplift")
        rows.append(
            {
                "supplier": supplier,
                "lot": lot,
                "item": item,
                "volume": volume,
                "unit_rate": rate,
                "uplift": _uplift(uplift_cell, lot, check),
                # The rate's own file: in the consolidated CSV form that is prices.csv, not the
                # suppliers.csv the bid is filed under.
                "source": rate_cell.file,
                "cell": rate_cell.where,
                "uplift_cell": uplift_cell.where if uplift_cell is not None else None,
                # The volume is always the plan's (a different one in the bid is a warning).
                "volume_source": schedule.plan_file,
                "volume_cell": schedule.volume_cells[item],
            }
        )
        _check_volume(row.get("volume"), volume, lot, item, check)
        if rate == 0 and volume > 0:
            check.add(
                rate_cell,
                f"a unit rate of £0 for {item}, which has a yearly volume of {volume:g}: the "
                "item would be provided free",
                found=0,
                expected="the supplier's rate, or a clarification that £0 is meant; if the "
                f"supplier meant it does not bid for lot {lot} (0 typed for 'no bid'), record "
                f'that in decisions.toml ([[withdrawal]], supplier = "{supplier}", '
                f'lot = "{lot}")',
                code="price.zero_rate",
                lot=lot,
                severity=Severity.WARNING,
            )
    _check_against_estimate(schedule, rows, cells, check)
    for item_id in schedule.needed:
        if item_id not in seen:
            words = missing_item(supplier, lot, item_id)
            check.add(
                None,
                words.pop("message"),
                **words,
                lot=lot,
                **(_table_of(entries) or raw.at(layout.BID_PRICES)),
            )
    return rows


# A line the supplier added to add up the rates ("Total", "L1 subtotal", "Sub-total for
# North", "TOTAL (£):"), in whichever of these columns it is labelled. The word ends the
# label, or is followed by "for"/"of" and what it adds up: an item named "Total care package"
# or "Total hours at weekends" is an item not in the plan, as any other added item is.
# As one pattern, \b(?:grand |sub[- ]?)?totals?\b(?:\s+(?:for|of)\b.*|[^A-Za-z]*)$, each
# "total of" read on to the line's end: a label of "total of " 4,000 times then a line break
# took 0.36 processor-seconds, four times as long for each doubling, for every row's label.
# Now "for"/"of" is found alone, and what follows it need only be on the label's last line.
_TOTAL = r"\b(?:grand |sub[- ]?)?totals?\b"
_TOTAL_ENDS = re.compile(_TOTAL + r"[^A-Za-z]*$", re.IGNORECASE)
_TOTAL_OF = re.compile(_TOTAL + r"\s+(?:for|of)\b", re.IGNORECASE)


def _says_total(label: str) -> bool:
    """Whether ``label`` labels a totals row (see _TOTAL_ENDS and _TOTAL_OF)."""
    if _TOTAL_ENDS.search(label):
        return True
    last_break = label.rfind("\n", 0, len(label) - 1)  # ("$" is before a last line break too)
    return any(found.end() > last_break for found in _TOTAL_OF.finditer(label))


def _total_label(row: Row, keys: tuple[str, ...]) -> Cell | None:
    """The cell labelling ``row`` a total, if one of ``keys`` does; asked only of a row that
    is not a plan lot and item, so a plan id with the word in it is never taken for one."""
    for key in keys:
        cell = row.get(key)
        if cell is not None and isinstance(cell.value, str) and _says_total(cell.value):
            return cell
    return None


# The columns a supplier labels a totals row in: every column read but the figures'.
_LABELS = ("lot", "item", "description", "volume")

# What a supplier types in a rate instead of leaving it blank, to say it does not bid for
# the lot. Only these: "TBC" or "see attached" say a price is to come, and 0 is a price.
NOT_BID_WORDS = frozenset(
    fold(w) for w in ("not bidding", "no bid", "not bid", "not bid for", "n/a", "na", "-", "–", "—")
)


def says_not_bid(value: Any) -> bool:
    """Whether a rate cell's text says the lot is not bid for ("Not bidding", "N/A", "-"),
    matched as ids are (case, spacing and non-breaking spaces aside, as _EVERY_LOT is)."""
    return isinstance(value, str) and fold(value) in NOT_BID_WORDS


def _not_bid_in_words(lot: str, cells: list[Cell], check: Checker) -> None:
    """A lot whose every rate is blank or says it is not bid for: read as not bid for, as the
    template asks a supplier to leave it blank. It was an invalid tender in the lot that
    held its award ("could win the lot once its errors are put right"), for a lot the
    supplier never bid for."""
    named = ", ".join(f"{show(c.value)} in {c.ref}" for c in cells[:_NAMED_CELLS])
    more = f" and {len(cells) - _NAMED_CELLS} more" if len(cells) > _NAMED_CELLS else ""
    check.add(
        cells[0],
        f"every unit rate for lot {lot} is blank or says the lot is not bid for ({named}"
        f"{more}): the lot is read as not bid for",
        found=named + more,
        expected="the rates of a lot not bid for left blank (nothing to do if the supplier "
        "does not bid for it; ask the supplier if it may have meant to)",
        code="price.not_bid_in_words",
        severity=Severity.WARNING,
        attribute=False,
    )


_NAMED_CELLS = 5  # cells quoted in one problem; beyond, counted


def _uplifts_without_rates(lot: str, entries: list[tuple[Row, str]], check: Checker) -> None:
    """A warning at the uplifts of a lot whose every rate is blank: the lot is read as not
    bid for, as the template asks, but a supplier who gave yearly uplifts for it (3% beside
    each blank rate) may have meant to bid and left its rates out, or typed them on another
    lot's rows. An uplift of none (blank, 0%, "N/A") says nothing of a bid."""
    given = [
        cell
        for row, _ in entries
        if (cell := row.get("uplift")) is not None
        and (not cell.blank or cell.unsaved_formula)
        and not _says_no_uplift(cell.value)
    ]
    if not given:
        return
    named = ", ".join(f"{_as_shown(c)} in {c.ref}" for c in given[:_NAMED_CELLS])
    more = f" and {len(given) - _NAMED_CELLS} more" if len(given) > _NAMED_CELLS else ""
    check.add(
        given[0],
        f"uplifts given for lot {lot} but no rates ({named}{more}): the lot is read as not bid for",
        found=named + more,
        expected="a unit rate beside each uplift of a lot bid for; ask the supplier whether "
        f"it meant to bid for lot {lot} (its rates cannot be added after the deadline), and "
        "record the answer",
        code="price.uplifts_without_rates",
        severity=Severity.WARNING,
        attribute=False,
    )


def _says_no_uplift(value: Any) -> bool:
    """Whether an uplift cell's value is none: 0, or words for none ("N/A", "nil")."""
    if isinstance(value, str):
        return fold(value) in NO_UPLIFT_WORDS
    return isinstance(value, (int, float)) and value == 0


def _as_shown(cell: Cell) -> str:
    """A cell's value as its number format shows it (0.03 under 0% as 3%)."""
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return repr(displayed(cell.value, cell.number_format).strip())
    return show(cell.value)


def _a_note(row: Row, index: PlanIndex, notes: BlankNotes) -> bool:
    """Whether ``row``, which names no lot, is a note typed under or beside the table ("All
    rates exclude VAT" in the rate column): nothing in it reads as a figure, and it names no
    item of the plan. A Lot cell blank under a merge is a lot Excel shows, not a note."""
    lot_cell = row.get("lot")
    if lot_cell is not None and (lot_cell.sheet, lot_cell.ref) in notes:
        return False
    item_cell = row.get("item")
    if item_cell is not None and index.item(parse_text(item_cell.value)) is not None:
        return False
    return all(
        (cell.blank and not cell.unsaved_formula)
        or (isinstance(cell.value, str) and money_from_text(cell.value) is None)
        for cell in row.values()
    )


def _note_row(cell: Cell, check: Checker) -> None:
    """A note in the rate column of a row with no lot: it is not a rate, and nothing is
    read from it. It made the bid invalid in every lot ("a unit rate is given with no
    lot"), naming the blank Lot cell and never the note."""
    check.add(
        cell,
        f"{cell.ref} holds text, not a figure, on a row with no lot: it is read as a note, "
        "not as a rate",
        found=show(cell.value),
        expected="notes outside the table (the rates are read only from the rows of a lot)",
        code="price.note_row",
        severity=Severity.WARNING,
        attribute=False,
    )


def _no_lot(
    rate: Cell, lot_cell: Cell | None, index: PlanIndex, notes: BlankNotes, check: Checker
) -> None:
    """An error at a rate on a row with no lot, quoting it: whose lot's price it is cannot
    be known, so the bid is invalid in every lot until the buyer decides."""
    where = f" ({lot_cell.ref} is blank" if lot_cell is not None else " (no Lot cell"
    note = notes.get((lot_cell.sheet, lot_cell.ref)) if lot_cell is not None else None
    check.add(
        rate,
        "a unit rate is given with no lot" + where + (note[1] if note else "") + ")",
        found=show(rate.value),
        expected="the lot id in its row's Lot cell, e.g. "
        + next(iter(index.lots.values()), "L1")
        + ", or the figure deleted if it is not a rate",
        code="price.no_lot",
        lot=None,
    )


_HEADERS = {c.key: fold(c.header) for c in layout.PRICE_COLUMNS}


def _repeats_the_header(row: Row) -> bool:
    """Whether the Lot and Unit rate cells of ``row`` hold the template's headers (the header
    row pasted again between the lots)."""
    return all(
        (cell := row.get(key)) is not None
        and isinstance(cell.value, str)
        and fold(cell.value) == _HEADERS[key]
        for key in ("lot", "unit_rate")
    )


def _total_row(cell: Cell, check: Checker) -> None:
    """A supplier's own total line: harmless, as long as nobody thinks it was read."""
    check.add(
        cell,
        "a totals row is not read: the price is worked out from the unit rates",
        found=cell.value,
        expected="only the template's rows (the total can stay)",
        code="price.total_row",
        severity=Severity.WARNING,
        attribute=False,
    )


def _check_against_estimate(
    schedule: _Schedule, rows: list[dict[str, Any]], cells: dict[str, Cell], check: Checker
) -> None:
    """A warning, at the rate that adds most, when a lot's rates come to many times the lot's
    estimated value over the contract (yearly volume × rate × years, before uplifts)."""
    estimate = schedule.lot.estimated_value
    parts = [
        (r["volume"] * r["unit_rate"] * schedule.years, r["item"], r["unit_rate"])
        for r in rows
        if r["unit_rate"] is not None
    ]
    total = sum(part for part, _, _ in parts)
    if not estimate or total <= TIMES_ESTIMATE * estimate:
        return
    _, item, rate = max(parts)
    words = far_above_estimate(schedule.lot.id, total, estimate, item, rate)
    check.add(
        cells[item], words.pop("message"), **words, lot=schedule.lot.id, severity=Severity.WARNING
    )


def lots_without_bids(plan: Plan, bid_for: Iterable[str | None]) -> list[Problem]:
    """A warning for each lot of the plan no bid is for (``bid_for``: the lots the bids are
    for, None for a return no lot could be read from): from bid returns (io/tender.py) or a
    bids frame (io/frame_rules.py) alike. A return of no lot is for the plan's one lot, when it
    has one (Plan.lot_of_any_return); in a plan of several lots, it is in none, and one may be
    for a lot no bid is for: the warning says so, as the lot's award does, never that nobody
    bid."""
    lots = [lot or plan.lot_of_any_return for lot in bid_for]
    found = set(lots)
    unplaced = lots.count(None)
    returns = counted(unplaced, "bid return", "bid returns")
    return [
        Problem(
            f"no bid could be placed in lot {lot.id} ({lot.name}): {returns} received could "
            "not be read and could not be placed in any lot"
            if unplaced
            else f"nobody bid for lot {lot.id} ({lot.name})",
            found="no bid placed in it" if unplaced else "no bids",
            expected="at least one bid per lot"
            + ("; each bid return readable, so the lot it is for can be told" if unplaced else ""),
            code="lot.no_bids",
            severity=Severity.WARNING,
        )
        for lot in plan.lots
        if lot.id not in found
    ]


def far_above_estimate(
    lot: str, total: float, estimate: float, item: str, rate: float
) -> dict[str, str]:
    """The problem's words for a lot's rates coming to ``total`` over the contract, more than
    ``TIMES_ESTIMATE`` times its ``estimate`` (``item`` the one adding most, at ``rate``): on a
    bid return, or in a prices frame (io/frame_rules.py)."""
    return {
        "message": f"the rates for lot {lot} come to about {_pounds(total)} over the contract, "
        f"{total / estimate:,.0f} times its estimated value of {_pounds(estimate)}: check the "
        "unit rates (one typed in pence, or a total typed in a rate cell?)",
        "found": f"{rate:g}, the rate that adds most ({item})",
        "expected": f"rates that come to at most {TIMES_ESTIMATE} times the estimate, or the "
        "supplier's confirmation",
        "code": "price.far_above_estimate",
    }


def _pounds(amount: float) -> str:
    return f"£{amount / 1e6:,.1f}m" if amount >= 1e6 else f"£{amount:,.0f}"


def _table_of(entries: list[tuple[Row, str]]) -> dict[str, str] | None:
    """The file and sheet the lot's price rows are on (a Prices sheet spelled otherwise)."""
    cell = entries[0][0]["unit_rate"] if entries else None
    return {"file": cell.file, "sheet": cell.sheet} if cell is not None else None


def _uplift(cell: Cell | None, lot: str, check: Checker) -> float | None:
    """The yearly uplift a price row gives: 0 when the form has no uplift column or the cell
    is left blank (the supplier asked for none); None when the cell holds something that is
    not an uplift, which the checker has reported, or is blank under a merge showing another
    row's uplift (H5:H7 merged, H5 holding 2.5%: read as no uplift, the evaluated price fell
    by £40,383.75 without a word). None, not 0, so an evaluated price is never worked out on
    an uplift the supplier did not offer (the bid is invalid, and shows no price). Words for
    none ("N/A", "nil") are 0%, and a percentage said to be yearly ("3% p.a.", "+3%") is
    that percentage, each with a warning quoting the cell."""
    if cell is None:
        return 0.0
    uplift = _uplift_in_words(cell.value)
    if uplift is not None:
        said = f"{uplift * 100:g}% a year" + (" (no uplift)" if uplift == 0 else "")
        check.add(
            cell,
            f"the yearly uplift {show(cell.value)} is read as {said}",
            found=show(cell.value),
            expected=(
                "the cell left blank for no uplift"
                if uplift == 0
                else f"the uplift as a percentage alone ({uplift * 100:g}%)"
            )
            + f"; nothing to do if {said} is what the supplier means",
            code="price.uplift_in_words",
            lot=lot,
            severity=Severity.WARNING,
        )
    else:
        uplift = check.value(
            cell,
            lambda v: _uplift_share(v, cell.number_format),
            what="yearly uplift",
            lot=lot,
            blank=0.0,
        )
    if uplift is None:
        return None
    if not uplift_allowed(uplift):
        check.add(
            cell, lot=lot, **(uplift_out_of_range(uplift) | {"found": shown_share(cell, uplift)})
        )
        return None
    _shown_rounded(cell, "yearly uplift", "uplift", uplift, lot, check)
    return uplift


# What a supplier types in the optional uplift for none, which the template asks to be left
# blank: read as 0%, with a warning quoting it (as "N/A" in the rates says a lot is not bid).
NO_UPLIFT_WORDS = frozenset(
    fold(w)
    for w in (
        *("n/a", "na", "n.a.", "-", "–", "—", "nil", "none", "no", "nothing"),
        *("no uplift", "not applicable", "nil uplift", "none applied"),
    )
)
# A percentage with a sign or words saying it is yearly ("+3%", "3% p.a.", "2.5% per annum"):
# the template's column is a yearly uplift already.
_YEARLY = re.compile(
    r"^\+?\s*(\d+(?:\.\d+)?)\s*%\s*(?:p\.?\s*a\.?|per\s+annum|per\s+year|a\s+year|each\s+year"
    r"|yearly|annually)?$",
    re.IGNORECASE,
)


def _uplift_in_words(value: Any) -> float | None:
    """The uplift a cell gives in words or with a qualifier ("N/A": 0; "+3%", "3% p.a.":
    0.03), None when it does not (a figure, a blank, other text: read as usual)."""
    if not isinstance(value, str):
        return None
    if fold(value) in NO_UPLIFT_WORDS:
        return 0.0
    text = value.strip()
    found = _YEARLY.match(text)
    if found is None or (text.rstrip().endswith("%") and not text.startswith("+")):
        return None  # "3%" is a percentage as typed: parse_share reads it, no warning
    return float(found.group(1)) / 100.0


def _uplift_share(value: Any, number_format: str) -> Parsed:
    """An uplift read as a percentage, whose problem says that a blank is no uplift."""
    share, problem = parse_share(value, number_format)
    if problem is not None and problem.code == "share.not_a_number":
        problem = replace(
            problem, expected=f"{problem.expected}; or the cell left blank for no uplift (0%)"
        )
    return share, problem


# How each figure of a bid is best shown, for a cell whose number format rounds it.
_SHOWN_WHOLE = {
    "rate": "in a cell showing pounds and pence (Home › Number › Currency)",
    "uplift": "in a cell showing all its decimal places (Home › Number › Percentage, "
    "Decimal places)",
    "number of units": "in a cell showing all its decimal places (Home › Number › Number, Decimal "
    "places, or General)",
}
# The area of each figure's problem code: a price row's, or a social value commitment's.
_ROUNDED_CODE = {
    "rate": "price.shown_rounded",
    "uplift": "price.shown_rounded",
    "number of units": "commitments.shown_rounded",
}


def _shown_rounded(
    cell: Cell, what: str, figure: str, used: float, lot: str | None, check: Checker
) -> None:
    """A warning when a bid's figure (a rate, an uplift, units of social value committed) is
    shown rounded by its number format: the figure used is the one held, and the bid the
    officer opens shows another (26.8 as £27, an uplift of 2.5% as 3%, 2.5 units as 3)."""
    shown = shown_rounded(cell, cell.value, pennies=figure == "rate")
    if shown is None:
        return
    # Written out only for a warning: every price row of every bid asks this question.
    held = f"{used * 100:g}%" if figure == "uplift" else show(used)
    check.add(
        cell,
        f"{what}: the cell shows {shown} but holds {held}, which is the {figure} used: its "
        "number format rounds it",
        found=f"shows {shown}, holds {held}",
        expected=f"the {figure} as the supplier means it, {_SHOWN_WHOLE[figure]}; ask the "
        "supplier which is meant",
        code=_ROUNDED_CODE[figure],
        severity=Severity.WARNING,
        lot=lot,
    )


def uplift_allowed(uplift: float) -> bool:
    """Whether a yearly uplift is one a bid may offer (0% to 100%): the rule for a workbook's
    cell and for a prices frame handed in (io.frame_rules)."""
    return 0 <= uplift <= 1


def uplift_out_of_range(uplift: float) -> dict[str, str]:
    """The problem's words for an uplift :func:`uplift_allowed` refuses."""
    return {
        "message": "a yearly uplift must be between 0% and 100%",
        # As Excel shows it: 3 in a percent cell is "300%", not "3".
        "found": f"{uplift * 100:g}%",
        "expected": _PERCENT,
        "code": "price.uplift_range",
    }


def rate_expected(item: str, volume: float) -> str:
    """What a unit rate left blank should have been (a bid return's cell, or a prices
    frame's null: io.frame_rules)."""
    return f"a unit rate for {item} (yearly volume {volume:g})"


def missing_item(supplier: str, lot: str, item: str) -> dict[str, str]:
    """The error's words for a bid with no row for a price item its lot buys (from a bid
    return, or a prices frame: io.frame_rules)."""
    return {
        # Named: in the consolidated form prices.csv holds every supplier's rates.
        "message": f"{supplier}'s bid for lot {lot} has no row for price item {item}",
        "found": "no row",
        "expected": f"a unit rate for {item}",
        "code": "price.missing_item",
    }


def duplicate_item(item: str, lot: str, first_at: str = "") -> dict[str, str]:
    """The problem's words for a second unit rate for one lot and price item (from a bid
    return's rows, or a prices frame's: io.frame_rules); the second is left out and the bid's
    lot is invalid, since which rate the supplier meant cannot be known."""
    return {
        "message": f"item {item} appears twice for lot {lot}"
        + (f" (first at {first_at})" if first_at else ""),
        "found": item,
        "expected": "one row per lot and item",
        "code": "price.duplicate_item",
    }


def repeated_commitment(measure: str, lot: str | None, first_at: str) -> dict[str, str]:
    """The warning's words for a measure committed again by one supplier for one lot (from a
    bid return's rows, or a commitments frame's: io.frame_rules). Two lines can be two real
    commitments (two apprenticeship schemes) or one pasted twice: both count, and the officer
    is asked to check."""
    return {
        "message": f"measure {measure} is committed again"
        + (f" for lot {lot}" if lot else "")
        + f" (first at {first_at}); both lines are counted",
        "expected": "each commitment once; check with the supplier that both are meant",
        "code": "commitments.repeated",
    }


_PLAIN_NUMBERS = (int, float)  # not bool: True is not a volume, though True == 1


def _check_volume(cell: Cell | None, planned: float, lot: str, item: str, check: Checker) -> None:
    # A volume blank (under a merge or not) is harmless: the plan's volume is always used.
    if cell is None or cell.blank:
        return
    if cell.value.__class__ in _PLAIN_NUMBERS and cell.value == planned:
        return  # the template's own figure, as nearly every row holds: nothing to parse
    stated, problem = parse_number(cell.value)
    if problem is not None or stated is None or abs(stated - planned) > 1e-9 * max(1, planned):
        check.add(
            cell,
            f"the yearly volume for {item} differs from the plan; the plan's volume is used",
            found=cell.value,
            expected=f"{planned:g}",
            code="price.volume_differs",
            lot=lot,
            severity=Severity.WARNING,
            attribute=False,
        )


# ---- Packages --------------------------------------------------------------------------------


def _packages(
    raw: RawBid, supplier: str, index: PlanIndex, lots_bid: list[str], check: Checker
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cells: list[Cell] = []  # each row's price cell
    seen: set[str] = set()
    for row in raw.packages:
        name_cell = row.get("package")
        name = parse_text(name_cell.value) if name_cell else None
        label = name or f"package at {next(iter(row.values())).ref}"
        before = len(check.problems)
        if not name:
            check.add(name_cell, **package_rule("package.no_name"), found="a blank cell", lot=label)
        elif fold(name) in seen:
            check.add(name_cell, **package_rule("package.duplicate"), found=name, lot=label)
        seen.add(fold(name or label))
        lots = _lots_list(row.get("lots"), index, check, True, "lots in the package", lot=label)
        if lots is not None and len(lots) < 2:
            check.add(
                row.get("lots"),
                **package_rule("package.too_few_lots"),
                found=", ".join(lots) or "no lots",
                lot=label,
            )
        price = check.value(
            row.get("price"), parse_money, what="package price", required=True, lot=label
        )
        if price is not None and priced_at_nothing(price):
            check.add(
                row.get("price"),
                **package_rule("package.price_not_positive"),
                found=pounds(price),
                lot=label,
            )
        if any(p.is_error for p in check.problems[before:]):
            continue  # an unusable package offer is left out; the errors say why
        not_bid = [lot for lot in lots or [] if lot not in lots_bid]
        if not_bid:
            check.add(
                row.get("lots"),
                **package_rule("package.lot_not_bid"),
                found=", ".join(not_bid),
                lot=label,
                severity=Severity.WARNING,
            )
        rows.append(
            {
                "supplier": supplier,
                "package": name,
                "lots": lots,
                "price": price,
                "source": row["price"].file,
                "cell": row["price"].where,
            }
        )
        cells.append(row["price"])
    refused = same_lots_at_other_prices(
        [(r["supplier"], r["package"], r["lots"], r["price"], r["cell"]) for r in rows]
    )
    for at, words in refused.items():
        check.add(cells[at], **words, lot=rows[at]["package"])
    return [r for at, r in enumerate(rows) if at not in refused]


def same_lots_at_other_prices(
    packages: list[tuple[str, str, list[str], float, str]],
) -> dict[int, dict[str, str]]:
    """The words of an error for each of ``packages`` (supplier, package name, lots, price,
    where it is) that one supplier offers for exactly the lots of another of its packages at
    another price, by its place in the list: which price stands is not in the bid, so
    neither is evaluated (the supplier's prices for each lot are). Which packages are for the
    same lots is tendereval.same_lots's rule, an offers file's too; the same price twice is
    one offer, said nothing of. A bid return's packages, or a packages frame's."""
    if len(packages) < 2:
        return {}
    frame = pl.DataFrame(
        {
            "supplier": [supplier_key(p[0]) for p in packages],
            "lots": [p[2] for p in packages],
            "shown": [pounds(p[3]) for p in packages],
            "_row": range(len(packages)),
        },
        schema={
            "supplier": pl.String,
            "lots": pl.List(pl.String),
            "shown": pl.String,
            "_row": pl.Int64,
        },
    )
    marked = same_lots(frame, ()).filter(pl.col("shown").n_unique().over("supplier", "lot_set") > 1)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for supplier, lot_set, at in marked.select("supplier", "lot_set", "_row").iter_rows():
        groups[(supplier, lot_set)].append(at)
    refused = {}
    for (_, lot_set), places in groups.items():
        for at in places:
            others = "; ".join(
                f"package {show(packages[o][1])} at {pounds(packages[o][3])} in {packages[o][4]}"
                for o in places
                if o != at
            )
            refused[at] = {
                "message": f"package {show(packages[at][1])} is for the same lots "
                f"({lot_set.replace(';', ', ')}) as {others}, at another price: which price "
                "stands is not in the bid, so neither package offer is evaluated",
                "found": pounds(packages[at][3]),
                "expected": "one price for one set of lots; ask the supplier which it offered "
                "and record the answer (a price cannot be chosen after the deadline: these "
                "package offers stay out of the allocation; its prices for each lot are "
                "evaluated as they stand)",
                "code": "package.same_lots_twice",
            }
    return refused


# ---- A sheet the plan needs, renamed or deleted ---------------------------------------------

# What each optional sheet gives, in a problem's words.
_GIVES = {
    layout.BID_SUPPLY_CHAIN: "consortium members or subcontractors",
    layout.BID_PACKAGES: "package offers",
    layout.BID_SOCIAL_VALUE: "social value commitments",
}


def _sheet_absent(raw: RawBid, sheet: str, others: list[StandIn], check: Checker) -> None:
    """A problem for a sheet of the plan's bid return the workbook lacks. Renamed ('Social
    value commitments', 'SV') with rows on it: an error at the first, since what it gives
    would count for nothing (a social value score of 8.00 for 15.03) and only the supplier
    can say the sheet is theirs. Deleted, or renamed and empty: a warning, since a supplier
    may give none of it (an empty sheet says the same), though the template asks that no
    sheet be deleted."""
    gives = _GIVES[sheet]
    filled = [other for other in others if other.rows]
    for other in filled:
        how = "its name" if other.by_name else "its header row"
        plural = "s" if other.rows > 1 else ""
        check.add(
            other.first,
            f"the workbook has no '{sheet}' sheet, but the sheet '{other.sheet}' looks like it "
            f"(by {how}) and holds {other.rows} row{plural} of {gives}, which are not read",
            found=f"{other.rows} row{plural} from {other.first.ref if other.first else '?'} on "
            f"'{other.sheet}'",
            expected=f"the {gives} on a sheet named '{sheet}', as in the template; ask the "
            f"supplier whether the sheet '{other.sheet}' holds their {gives}, and if so to "
            f"rename it '{sheet}' and send the file again",
            code="sheet.renamed",
            file=raw.source,
            sheet=other.sheet,
        )
    if filled:
        return
    empty = "".join(f"; the sheet '{o.sheet}' looks like it but holds none" for o in others)
    check.add(
        None,
        f"the workbook has no '{sheet}' sheet, so the bid is read as giving no {gives}{empty}",
        expected=f"the template's '{sheet}' sheet, left empty when there are no {gives} (its "
        "Instructions ask that no sheet be deleted or renamed); ask the supplier whether they "
        f"meant to give none",
        code="sheet.left_out",
        severity=Severity.WARNING,
        file=raw.source,
    )


# ---- Social value commitments ----------------------------------------------------------------


def _commitments(
    raw: RawBid,
    supplier: str,
    plan: Plan,
    lookups: _PlanLookups,
    lots_bid: list[str],
    measures: dict[str, str] | None,
    check: Checker,
    table_sound: bool = True,
    units: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    index = lookups.index
    if raw.commitments and not lookups.commitments_scored:
        first = next(iter(raw.commitments[0].values()))
        check.add(
            first,
            "social value commitments were given but this plan does not score "
            "them; they are kept for information",
            code="commitments.not_scored",
            severity=Severity.WARNING,
            attribute=False,
        )
    rows: list[dict[str, Any]] = []
    for row in raw.commitments:
        lot_cell = row.get("lot")
        lot_text = parse_text(lot_cell.value) if lot_cell else None
        if not lot_text and not check.left_blank(lot_cell, what="lot of the commitment", lot=None):
            # Blank under a merge showing a lot (A5:A7 merged, EAST in A5): read as blank, the
            # commitment the supplier made for EAST counted in every lot. Whose lot it counts
            # in is not in the file: invalid in every lot, as for a lot not in the plan.
            continue
        lot = index.lot(lot_text)
        if lot_text and lot is None and fold(lot_text) in _EVERY_LOT:
            _every_lot_in_words(lot_cell, check)  # type: ignore[arg-type]
            lot_text = None
        elif lot_text and lot is None:
            # Whose lot it counts in is not known, so no lot's social value score is: the
            # bid is invalid in every lot it bid for, as for a rate with no lot. Named for a
            # lot not in the plan, it made no bid invalid, an error that changed nothing.
            check.add(
                lot_cell,
                COMMITMENT_UNKNOWN_LOT,
                found=lot_text,
                expected=index.lot_choices.expected(lot_text) + ", or blank for every lot",
                code="commitments.unknown_lot",
                lot=None,
            )
            continue
        if lot is not None and lot not in lots_bid:
            check.add(
                lot_cell,
                COMMITMENT_LOT_NOT_BID,
                found=lot,
                expected=", ".join(lots_bid) or "a lot bid for",
                code="commitments.lot_not_bid",
                severity=Severity.WARNING,
                attribute=False,
            )
        if "measure" not in row or "units" not in row:
            # The Measure id or Units committed column is missing (its header retitled): the
            # table's own error says so once, where a blank cell for each row would name no
            # cell, and a commitment with neither counts for nothing.
            continue
        measure = check.value(row["measure"], text_of, what="measure id", required=True, lot=lot)
        if measure is not None and measures is not None:
            known = table_measure(measure, measures)
            if known is None and not table_sound:
                # The table was read only in part (or not at all): the measure may be in what
                # was not read, so the commitment cannot be valued until the table is right.
                check.add(
                    row["measure"],
                    "a social value measure that is not in the proxy value table as read; the "
                    "table has errors, so this commitment cannot be valued until they are put "
                    "right",
                    found=measure,
                    expected=f"the proxy value table, {plan.social_value.proxy_table}, read "
                    "without errors: the errors are the table's, not the bid's (see its "
                    "problems)",
                    code="commitments.unknown_measure",
                    lot=lot,
                )
                continue
            if known is None:
                # Not the tender's fault to reject whole: the commitment has no value to
                # count, so it counts for nothing (scoring flags it on the bid), and the buyer
                # can ask the supplier what it meant.
                check.add(
                    row["measure"],
                    "a social value measure that is not in the proxy value table, so this "
                    "commitment counts for nothing",
                    found=measure,
                    expected=_measures(tuple(sorted(measures.values()))).expected(measure),
                    code="commitments.unknown_measure",
                    lot=lot,
                    severity=Severity.WARNING,
                )
            measure = known or measure
        unit = (units or {}).get(measure or "", "")
        # A measure counted in pounds ('£ spent') is committed as money is priced: '£180,000'.
        in_pounds = counted_in_pounds(unit)
        before = len(check.problems)
        units_committed = check.value(
            row["units"],
            parse_money if in_pounds else parse_number,
            what="units committed",
            required=True,
            lot=lot,
        )
        if units_committed is None and len(check.problems) > before:
            check.problems[-1] = _figure_alone(check.problems[-1], row["units"], unit, in_pounds)
        if units_committed is not None and units_committed < 0:
            check.add(
                row["units"],
                "units committed cannot be negative",
                found=units_committed,
                expected="0 or more",
                code="commitments.negative",
                lot=lot,
            )
            units_committed = None
        if units_committed is not None:
            _shown_rounded(
                row["units"], "units committed", "number of units", units_committed, lot, check
            )
        if measure is None or units_committed is None:
            continue
        first = next((r for r in rows if (r["lot"], r["measure"]) == (lot, measure)), None)
        if first is not None:
            words = repeated_commitment(measure, lot, first["cell"])
            check.add(
                row["units"],
                words.pop("message"),
                **words,
                found=units_committed,
                lot=lot,
                severity=Severity.WARNING,
                attribute=False,
            )
        rows.append(
            {
                "supplier": supplier,
                "lot": lot,
                "measure": measure,
                "units": units_committed,
                # Blank under a merge is harmless here: kept for information, never scored.
                "description": parse_text(row["description"].value)
                if "description" in row
                else None,
                "source": row["units"].file,
                "cell": row["units"].where,
            }
        )
    return rows


# A figure in a commitment's text ("12 FTE", "£180k"): the first run of digits, with its
# thousands separators and decimals.
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _figure_alone(problem: Problem, cell: Cell, unit: str, in_pounds: bool) -> Problem:
    """``problem`` (units committed that are not read as a figure) saying what to drop when
    the text holds a figure and words beside it ('12 FTE', '£180' for a measure counted in
    jobs): the figure alone is what the template asks for. Other problems are as they were."""
    text = cell.value if isinstance(cell.value, str) else ""
    figure = _FIGURE.search(text)
    if not problem.code.endswith(".not_a_number") or figure is None:
        return problem
    rest = (text[: figure.start()] + " " + text[figure.end() :]).split()
    what = f"the amount in pounds ({unit})" if in_pounds else "the number of units"
    unit_said = f" ({unit})" if unit and not in_pounds else ""
    return replace(
        problem,
        expected=f"{what}{unit_said} alone, {figure.group()}: drop {show(' '.join(rest))}, "
        "which is not read",
    )


# A commitment's lot as a supplier writes "every lot", which the template asks to be blank.
_EVERY_LOT = frozenset(fold(w) for w in ("all", "all lots", "every lot", "each lot"))


def _every_lot_in_words(cell: Cell, check: Checker) -> None:
    """A commitment for lot "All": read as for every lot bid for, as a blank lot is."""
    check.add(
        cell,
        "a commitment for every lot, written in words: read as for every lot bid for, as a "
        "blank Lot cell is",
        found=show(cell.value),
        expected="the Lot cell left blank for every lot (nothing to do)",
        code="commitments.every_lot",
        severity=Severity.WARNING,
        attribute=False,
    )


@lru_cache(maxsize=4)
def _measures(names: tuple[str, ...]) -> Choices:
    """The proxy value table's measures, once per table (its nearest names are looked up for
    a bounded number of unknown measures, however many rows name one)."""
    return Choices(names, "measures of the proxy value table")
