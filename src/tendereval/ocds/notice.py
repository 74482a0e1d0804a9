"""Reading a published tender notice: an OCDS release, release package or record package, as
Find a Tender serves it.

Find a Tender publishes every notice as an OCDS 1.1 release with the lots, award criteria,
suitability, bid and UK extensions. A tender notice (UK4) holds what the plan must follow: its
lots with their values, and each lot's award criteria (``tender.lots[].awardCriteria.criteria``:
``type`` price / cost / quality, ``name``, and ``numbers`` giving the weight, usually
``percentageExact``, and any ``minimumScore`` threshold). A later release (a tender update or
amendment, a lot's cancellation) may give only what changed, so the file's releases are merged
by the OCDS merge routine (:mod:`~tendereval.ocds.compiled`) and :func:`read_notice` reads the
compiled release, the procurement as it now stands, into a :class:`Notice`. The file comes
from outside, so nothing in it is trusted to be well formed:
every gap or wrong type is a problem naming its place in the file, text is cleaned of control
characters, and a file far larger than any notice is refused unread.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tendereval.errors import Problem, Problems, Severity
from tendereval.io.numformat import as_shown
from tendereval.layout import NOTICE_FILE
from tendereval.limits import MAX_CONTRACT_YEARS, MAX_LOTS, MAX_MONEY, MAX_NOTICE_BYTES
from tendereval.ocds.compiled import OMITTED, WHOLE_LISTS, Compiled, compile_releases
from tendereval.ocds.formats import CAP_WORDS, instant, uk_date
from tendereval.ocds.json_numbers import NumberReader, as_written, found_shown, places_of
from tendereval.ocds.own_words import (
    CriterionSaid,
    OverallMinimum,
    criterion_said,
    overall_minimum_said,
)
from tendereval.regimes import REGIMES
from tendereval.terminal import name_text
from tendereval.wording import counted, in_words

if TYPE_CHECKING:
    from tendereval.io.files import InputFile

MAX_TEXT = 500  # a criterion or lot title longer than this is cut (it is a title, not a text)
# The tender's title and its lots' are read whole up to this (the award notice publishes the
# plan's, and one cut by init contradicted the tender notice, unseen by the check).
MAX_TITLE = 20_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# JSON can spell half of a UTF-16 pair on its own ("\ud800"), which no file can be written in.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
TENDER_TAGS = ("tender", "tenderUpdate", "tenderAmendment")
# A lot's status (the tenderStatus codelist) once the buyer has taken it out of the tender: no
# bid for it is evaluated, and nothing is awarded under it.
LOT_ENDED = {"cancelled": "cancelled", "withdrawn": "withdrawn"}
# A lot whose procurement is over (tenderStatus): awarded already, or ended with no award, as
# tendereval's own award notice publishes a lot. An award published on top of it is said.
LOT_OVER = {"complete": "awarded already", "unsuccessful": "ended with no award"}
# The tenderStatus codelist, which OCDS closes: a status is one of these, written so.
TENDER_STATUSES = ("planning", "planned", "active", "cancelled", "unsuccessful", "complete",
                   "withdrawn")  # fmt: skip
# The UK legislation a notice names as its legal basis (tender.legalBasis.id).
# Notices under the Public Contracts Regulations 2015 made from the older forms name the EU
# directive the Regulations implement, by its CELEX number (in Scotland, the Public Contracts
# (Scotland) Regulations 2015 implement the same directive).
LEGAL_BASES = {"2023/54": "PA2023", "2015/102": "PCR2015", "32014L0024": "PCR2015"}
# Regulations of the same era tendereval does not model, each read as the regime nearest it,
# with a warning: they too award on the most economically advantageous tender under the EU
# directives of 2014, and the Procurement Act 2023 does not apply in Scotland at all (a
# Scottish procurement of 2024 was written as under the Act).
NEAREST_BASES = {
    "2015/446": ("PCR2015", "the Public Contracts (Scotland) Regulations 2015"),
    "2016/274": ("PCR2015", "the Utilities Contracts Regulations 2016"),
    "32014L0025": ("PCR2015", "the EU utilities directive 2014/25/EU, as the Utilities "
                   "Contracts Regulations 2016 implement it"),
}  # fmt: skip
# The Procurement Act 2023 applies to procurements begun on or after this day; one begun before
# stays under the Public Contracts Regulations 2015 to its end.
ACT_IN_FORCE = dt.date(2025, 2, 24)
# The award criterion type codelist (OCDS lots extension); price and cost are price criteria.
CRITERION_TYPES = ("price", "cost", "quality")
PRICE_TYPES = ("price", "cost")
_NAMED_PRICE = re.compile(r"\b(?:price|cost)s?\b")
# Weight codes (criterionWeight codelist): how to turn each into points of 100. Points are
# scaled to 100 over the lot's criteria; an order of importance gives no weight at all.
PERCENT_WEIGHTS = {
    "percentageExact": (1.0, ""),
    "percentageRangeMiddle": (1.0, "the middle of the published range"),
    "decimalExact": (100.0, "published as a fraction of 1"),
    "decimalRangeMiddle": (100.0, "the middle of the published range, as a fraction of 1"),
}
POINTS_WEIGHTS = {"pointsExact": "", "pointsRangeMiddle": "the middle of the published range"}
WEIGHT_CODES = (*PERCENT_WEIGHTS, *POINTS_WEIGHTS, "order")
THRESHOLD_CODES = ("minimumScore", "maximumBids")  # the criterionThreshold codelist
# Notices made from the older (TED) forms, as Find a Tender and Public Contracts Scotland publish
# procurements under the Public Contracts Regulations 2015, give no ``numbers``: the weighting is
# the criterion's whole description ("60", "30%", "15-40%").
_DESCRIBED_WEIGHT = re.compile(
    r"\s*(?P<low>\d{1,4}(?:\.\d+)?)\s*%?\s*(?:[-\u2013]\s*(?P<high>\d{1,4}(?:\.\d+)?)\s*%?)?\s*",
    re.ASCII,  # the digits 0-9 only: float() would read "٦٠" as 60 too
)


@dataclass(frozen=True)
class NoticeCriterion:
    """One published award criterion: ``weight`` in points of 100 (None when the notice gives
    none that can be read), ``minimum`` its ``minimumScore`` threshold, ``note`` how the weight
    was read when it was not published as an exact percentage, ``importance`` its place in the
    published order of importance (1 the most important) when the notice gives an order."""

    name: str
    type: str
    weight: float | None
    minimum: float | None = None
    description: str = ""
    where: str = ""
    note: str = ""
    importance: float | None = None
    # Published with no type, and named as price or cost is ("Price", "Whole-life cost").
    named_price: bool = False
    # What a description in tendereval's own words (ocds.own_words) says: the plan's id for
    # the criterion and its pillar ("" when it does not say), and the rest of it.
    said: CriterionSaid | None = None

    @property
    def priced(self) -> bool:
        """Whether ``init --from-notice`` writes it as the price criterion: published as price
        or cost, or with no type and named so (with a warning when read)."""
        return self.type in PRICE_TYPES or self.named_price


@dataclass(frozen=True)
class NoticeLot:
    id: str
    title: str
    value: float | None = None
    currency: str = ""
    suitable_for_sme: bool | None = None
    suitable_for_vcse: bool | None = None
    criteria: tuple[NoticeCriterion, ...] = ()
    contract_days: float | None = None  # the contract period's length, when published
    # A period the notice gives two ways that disagree (its dates, its durationInDays), each in
    # days: the plan may be evaluated over the years of either, until the officer settles it.
    contract_days_either: tuple[float, ...] = ()
    # Why the lot's contract period cannot be settled from the notice, in words ("" when it can).
    period_problem: str = ""
    status: str = ""  # tender.lots[].status as published ("" when not given)
    # Where the notice ends the whole procurement (releases[1].tender.status), when the lot is
    # ended with it rather than by a status of its own ("" otherwise).
    ended_with_tender: str = ""
    value_gross: bool = False  # the value is amountGross (with VAT): no net amount was given
    # A value the notice gives that is not read ("1,650,000", no number), as found; and whether
    # it was not read for being a number no lot's value can be (0, or over £1 trillion).
    value_unread: str = ""
    value_out_of_range: bool = False
    where: str = ""  # the lot's place in the notice file: releases[0].tender.lots[2]
    # The award criteria's own description (awardCriteria.description, the UK extension's), and
    # the overall quality minimum it states in tendereval's words (ocds.own_words), if any.
    criteria_text: str = ""
    overall_minimum: OverallMinimum | None = None

    @property
    def ended(self) -> bool:
        """Whether the notice takes this lot out of the tender (cancelled or withdrawn)."""
        return self.status in LOT_ENDED

    @property
    def status_place(self) -> str:
        """Where in the file the lot's status is given: its own, or the whole procurement's."""
        return self.ended_with_tender or f"{self.where}.status"


@dataclass(frozen=True)
class Notice:
    """What a published tender notice says, as far as the evaluation plan is concerned."""

    ocid: str
    tender_id: str  # tender.id ("" when the notice gives none)
    title: str
    buyer: str
    currency: str
    lots: tuple[NoticeLot, ...]
    # Lots published with no usable id (none, "", true, 1.5): matched with the plan's by name.
    unnumbered_lots: tuple[NoticeLot, ...] = ()
    regime: str | None = None  # PA2023 / PCR2015 from the notice's legal basis
    # The whole procurement's status (tender.status) as a tenderStatus code, in any capitals
    # ("" when not given, or not one), and where in the file it is given.
    status: str = ""
    status_place: str = ""
    # The UK day the procurement began, as the file shows it (the earliest its tender notices
    # were published), when the regime is read from it for want of a legal basis.
    begun_on: dt.date | None = None
    # The tags of a file holding only changes to a tender notice ("tenderAmendment"), not the
    # notice itself, whose dates are not when the procurement began ("" for any other file).
    changes_only: str = ""
    # For such a file, the day its earliest change was published: the procurement began no
    # later (None otherwise).
    begun_by: dt.date | None = None
    legal_basis: str = ""  # tender.legalBasis as published ("CELEX 32014L0025"), for messages
    # A legal basis given that is no regime tendereval knows (so the regime is read from when
    # the procurement began), or the name of the regulations it names that tendereval does
    # not model (so the regime is the nearest it does, NEAREST_BASES).
    basis_unknown: bool = False
    basis_nearest: str = ""
    max_lots_per_supplier: int | None = None  # tender.lotDetails.maximumLotsAwardedPerSupplier
    # A cap the notice gives that is no whole number of lots, 1 or more (2.5, true, 0), as found.
    cap_unread: str = ""
    cap_text: str = ""  # tender.lotDetails.awardCriteriaDetails
    buyer_party: tuple[tuple[str, Any], ...] = ()  # id, name, identifier, address
    url: str = ""  # the notice's page on Find a Tender
    source: str = ""  # the file, as messages name it
    # The latest release of the file merged into the compiled release read (releases[3]):
    # where its values differ from earlier releases', they are the ones read.
    release_where: str = ""

    def lot(self, lot_id: str) -> NoticeLot | None:
        return next((lot for lot in self.lots if lot.id == lot_id), None)

    @property
    def regime_basis(self) -> str:
        """Why the notice is under its regime, in words: "legal basis CELEX 32014L0024", or for
        a notice naming none (or one tendereval does not know), when the procurement began:
        before the Procurement Act 2023 took effect (so PCR 2015), or since (so the Act)."""
        if self.basis_nearest:
            return (
                f"legal basis {self.legal_basis}: {self.basis_nearest}, which tendereval does "
                f"not model; {self.regime} is the nearest regime it does"
            )
        if self.legal_basis and not self.basis_unknown:
            return f"legal basis {self.legal_basis}"
        named = (
            f"the notice's legal basis ({self.legal_basis}) is not one tendereval knows"
            if self.basis_unknown
            else "the notice names no legal basis"
        )
        if self.begun_on is None and self.begun_by and self.begun_by < ACT_IN_FORCE:
            return (
                f"{named}, and the file holds only a change to the tender notice "
                f"({self.changes_only}), published on {in_words(self.begun_by)}: the procurement "
                "began before then, so before the Procurement Act 2023 took effect on "
                f"{in_words(ACT_IN_FORCE)}"
            )
        if self.begun_on is None and self.changes_only:
            return (
                f"{named}, and the file holds only a change to the "
                f"tender notice ({self.changes_only}), which does not say when the procurement "
                "began (its date is when the change was published)"
            )
        if self.begun_on is None:
            if self.basis_unknown:
                return f"{named}, and the file shows no date the procurement began"
            return "the notice names no legal basis, nor a date the procurement began"
        began = (
            f"{named}, and the procurement began on "
            f"{in_words(self.begun_on)} (when its tender notice was first published)"
        )
        if self.begun_on < ACT_IN_FORCE:
            return (
                f"{began}, before the Procurement Act 2023 took effect on {in_words(ACT_IN_FORCE)}"
            )
        return f"{began}, once the Procurement Act 2023 had taken effect ({in_words(ACT_IN_FORCE)})"


def read_notice(path: str | Path, label: str | None = None) -> tuple[Notice | None, list[Problem]]:
    """Read the notice at ``path``. Returns the notice (None when it cannot be used) and every
    problem found, each naming the file (``label``, default the file name) and the place."""
    from tendereval.io.files import read_input

    path = Path(path)
    label = label or name_text(path.name)
    return notice_read(read_input(path, label, MAX_NOTICE_BYTES, "notice"), label)


def notice_read(read: InputFile | Problem, label: str) -> tuple[Notice | None, list[Problem]]:
    """The notice in bytes read already (``read``: those the audit trail hashed, or the
    problem that stopped them being read), as :func:`read_notice` gives it."""
    if isinstance(read, Problem):
        return None, [read]
    problems = Problems()
    parsed = _parse_json(read.data, label, problems)
    if problems.errors:  # (a file holding JSON null parses, to None: it is no notice either)
        return None, problems.items
    return notice_from_data(parsed, label, problems), problems.items


def notice_from_data(data: Any, label: str, problems: Problems) -> Notice | None:
    """The notice in parsed OCDS ``data`` (a release, release package or record package): its
    releases merged into the compiled release, the procurement as it now stands."""
    merged = _releases_to_merge(data, label, problems)
    if merged is None:
        return None
    compiled = _compiled(data, merged, label, problems)
    if compiled is None:
        return None
    _unreadable_dates(_releases(data), label, problems)
    reader = _Reader(label, problems, compiled.place)
    release = compiled.release
    tender = reader.obj(release, "tender", "")
    changes = _changes_only(merged)
    _not_the_tender_notice(merged, compiled, changes, label, problems)
    warned = _lot_ids_twice(merged, reader)
    lot_specs = reader.items(tender, "lots", "tender")
    # Read once, so a period every lot takes from the tender is warned of once; and only when
    # a lot takes it: a fault in a period no lot is evaluated over changes nothing read.
    takes_it = not lot_specs or any(
        isinstance(spec, dict) and not _own_period(spec) for _, spec in lot_specs
    )
    tender_period = _period(reader, tender, "tender") if takes_it else _Period()
    shared = _criteria(reader, tender.get("awardCriteria"), "tender.awardCriteria")
    currency = _text(_obj(tender.get("value")).get("currency")) or "GBP"
    built = [
        _lot(reader, spec, at, shared, currency, tender, tender_period)
        for at, spec in lot_specs
        if isinstance(spec, dict)
    ]
    if not lot_specs:
        # A notice without lots is one lot: the whole tender.
        built = [_lot(reader, tender, "tender", shared, currency, tender, tender_period, True)]
    lots = _ended_with_tender(
        _first_of_each_id([lot for lot in built if lot is not None and lot.id], warned, reader),
        _tender_ended(merged, compiled),
    )
    # A lot published with no usable id is kept apart: nothing can name it by id (the award
    # notice's relatedLots), but it is still a published lot, matched by its name.
    unnumbered = tuple(lot for lot in built if lot is not None and not lot.id)
    details = _obj(tender.get("lotDetails"))
    buyer_name, party = _buyer(release)
    cap, cap_unread = _cap(reader, details.get("maximumLotsAwardedPerSupplier"), len(lots))
    basis = _obj(tender.get("legalBasis"))
    legal_basis = " ".join(filter(None, (_text(basis.get(k)) for k in ("scheme", "id"))))
    regime = LEGAL_BASES.get(_text(basis.get("id")))
    nearest = NEAREST_BASES.get(_text(basis.get("id")))
    regime = regime or (nearest[0] if nearest else None)
    status = _text(tender.get("status")).casefold()  # as the tender's end is read, below
    status = status if status in TENDER_STATUSES else ""
    # A legal basis tendereval does not know says nothing of the regime: the day the
    # procurement began does (before, the Act was written for a procurement of 2024).
    begun_on = None if regime else _begun_on(data, bool(changes))
    # A change published before the Act took effect shows the procurement began before it.
    begun_by = _begun_on(data) if changes and not (regime or begun_on) else None
    notice = Notice(
        ocid=_ocid(release),
        tender_id=_ident(tender.get("id")),
        title=_text(tender.get("title"), limit=MAX_TITLE),
        buyer=buyer_name,
        currency=currency,
        lots=tuple(lots),
        unnumbered_lots=unnumbered,
        regime=regime or _regime_by_date(begun_on or begun_by),
        status=status,
        status_place=compiled.place("tender.status") if status else "",
        begun_on=begun_on,
        changes_only=changes,
        begun_by=begun_by,
        legal_basis=legal_basis,
        basis_unknown=bool(legal_basis) and regime is None,
        basis_nearest=nearest[1] if nearest else "",
        max_lots_per_supplier=cap,
        cap_unread=cap_unread,
        # (tendereval's own award notice words it "Lot cap: …": read back, the wording alone)
        cap_text=_text(details.get("awardCriteriaDetails"), limit=4000).removeprefix(CAP_WORDS),
        buyer_party=party,
        url=_notice_url(tender),
        source=label,
        release_where=compiled.place(""),
    )
    _basis_not_modelled(notice, compiled.place("tender.legalBasis"), problems)
    return notice


# ---- Finding the tender in the file ---------------------------------------------------------


def _parse_json(data: bytes, label: str, problems: Problems) -> Any:
    """The JSON in ``data``, or None with a problem saying why it cannot be read."""
    twice: list[tuple[dict, list[tuple[str, Any]]]] = []
    numbers = NumberReader()
    try:
        parsed = json.loads(
            data.decode("utf-8-sig"),
            object_pairs_hook=_keeping_twice(twice),
            parse_float=numbers.parse_float,
            parse_constant=numbers.parse_constant,
        )
        if numbers.unreadable and _numbers_unreadable(parsed, numbers, label, problems):
            return None
        _keys_twice(parsed, twice, label, problems)
        return parsed
    except UnicodeDecodeError:
        problems.add(
            "the notice is not UTF-8 text",
            file=label,
            expected="the JSON file as Find a Tender serves it",
            code="notice.encoding",
        )
    except json.JSONDecodeError as exc:
        problems.add(
            "the notice is not valid JSON",
            file=label,
            cell=f"line {exc.lineno}, column {exc.colno}",
            found=exc.msg,
            expected="the JSON file as Find a Tender serves it (an OCDS release package)",
            code="notice.syntax",
        )
    except ValueError:
        # Valid JSON Python will not read: a whole number of more than 4,300 digits (its guard
        # against conversions that take quadratic time).
        problems.add(
            "the notice holds a number too long to read",
            file=label,
            found="a whole number of more than 4,300 digits",
            expected="the JSON file as Find a Tender serves it (amounts of at most 15 digits)",
            code="notice.syntax",
        )
    except RecursionError:
        _too_deep(label, problems)
    return None


# Keys given twice with different values named one by one; the rest are counted.
MANY_KEYS_SHOWN = 20


def _numbers_unreadable(parsed: Any, numbers: NumberReader, label: str, problems: Problems) -> bool:
    """An error for each number of the notice no float holds (1e400, NaN), naming its place
    and the number as written, and whether there was one (a key given twice may have dropped
    it): the notice is refused, as one holding a whole number too long to read is. Read on, a
    lot's value of 1e400 was "Infinity", which the file does not say, and such a number can be
    no value, weight, duration or cap."""
    found = places_of(parsed, numbers.unreadable, _join)
    for where, number in found[:MANY_KEYS_SHOWN]:
        problems.add(
            f"the notice holds {number.what}: no value, weight, duration or cap can be it",
            file=label,
            cell=where,
            found=as_written(number),
            expected="the JSON file as Find a Tender serves it (amounts of at most 15 digits): "
            "ask the buyer who published it for the number meant",
            code="notice.syntax",
        )
    if len(found) > MANY_KEYS_SHOWN:
        problems.add(
            f"{len(found) - MANY_KEYS_SHOWN:,} more numbers cannot be read",
            file=label,
            expected="the JSON file as Find a Tender serves it",
            code="notice.syntax",
        )
    return bool(found)


def _keeping_twice(twice: list[tuple[dict, list[tuple[str, Any]]]]) -> Callable[[list], dict]:
    """A json object_pairs_hook building each object as json.loads does (the last of a key
    given twice is its value), keeping each object that gives a key twice with its pairs."""

    def build(pairs: list[tuple[str, Any]]) -> dict:
        built = dict(pairs)
        if len(built) != len(pairs):  # cheap: a key given twice makes the dict shorter
            twice.append((built, pairs))
        return built

    return build


def _keys_twice(
    parsed: Any, twice: list[tuple[dict, list[tuple[str, Any]]]], label: str, problems: Problems
) -> None:
    """A warning for each key an object gives twice with different values ("number": 30,
    "number": 50): JSON readers differ in which they keep (Python keeps the last, as here), so
    the weight read may not be the one the buyer meant, as a column headed twice is not
    guessed at. Twice with the same value changes nothing and is not mentioned."""
    clashes = [
        (built, key, values)
        for built, pairs in twice
        for key, values in _values_by_key(pairs).items()
        if len(values) > 1
    ]
    if not clashes:
        return
    places = _places(parsed, {id(built) for built, _, _ in clashes[:MANY_KEYS_SHOWN]})
    for built, key, values in clashes[:MANY_KEYS_SHOWN]:
        shown = " and ".join(json.dumps(v, default=str)[:30] for v in values)
        problems.add(
            f"the key {json.dumps(key)} is given twice with different values; the last is read",
            file=label,
            cell=_join(places.get(id(built), ""), key) or key,
            found=_text(shown, limit=80),
            expected="each key once (ask the publisher which value is meant)",
            code="notice.key_twice",
            severity=Severity.WARNING,
        )
    if len(clashes) > MANY_KEYS_SHOWN:
        problems.add(
            f"{len(clashes) - MANY_KEYS_SHOWN:,} more keys are given twice with different "
            "values; the last of each is read",
            file=label,
            expected="each key once",
            code="notice.key_twice",
            severity=Severity.WARNING,
        )


def _values_by_key(pairs: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Each key's different values, in the order given."""
    values: dict[str, list[Any]] = {}
    for key, value in pairs:
        given = values.setdefault(key, [])
        # By kind as well: true and 1 are equal in Python, not in the notice.
        if (type(value), value) not in [(type(v), v) for v in given]:
            given.append(value)
    return values


def _places(parsed: Any, wanted: set[int]) -> dict[int, str]:
    """The place in the file (releases[0].tender.lots[1]) of each object in ``wanted`` (by
    id), found by walking the parsed file; only when some key is given twice."""
    found: dict[int, str] = {}
    stack: list[tuple[str, Any]] = [("", parsed)]
    while stack and len(found) < len(wanted):
        where, value = stack.pop()
        if isinstance(value, dict):
            if id(value) in wanted:
                found[id(value)] = where
            stack.extend((_join(where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return found


def _releases(data: Any) -> list[tuple[str, dict]]:
    """Every release in ``data`` with a tender section, with its place in the file, the
    compiled releases of a record package among them."""
    embedded, given = _embedded_and_compiled(data)
    return [(where, release) for where, release in (*given, *embedded) if _tender_of(release)]


def _json_kind(data: Any) -> str:
    """What a file holding no JSON object holds, in words ("" for an object): JSON null is
    what a web service may answer for a notice it cannot find."""
    if isinstance(data, dict):
        return ""
    if data is None or isinstance(data, bool):
        return json.dumps(data)  # null, true or false
    kinds = {list: "a list", str: "text"}
    return next((kind for cls, kind in kinds.items() if isinstance(data, cls)), "a number")


def _releases_to_merge(data: Any, label: str, problems: Problems) -> list[tuple[str, dict]] | None:
    """The releases of the procurement, each with its place in the file, in the order they
    were published: those of a release package, or a record package's releases (its
    compiled release when it gives none with a tender), or a single release. None, with an
    error, when no release has a tender section or the file holds several procurements."""
    embedded, given = _embedded_and_compiled(data)
    if not any(_tender_of(release) for _, release in embedded):
        embedded = given
    with_tender = [(where, release) for where, release in embedded if _tender_of(release)]
    if not with_tender:
        problems.add(
            "the file holds no OCDS release with a tender section",
            file=label,
            found=_json_kind(data),
            expected="a tender notice as Find a Tender serves it: an OCDS release package "
            '({"releases": [{"ocid": …, "tender": {"lots": […]}}]}) or a single release',
            code="notice.no_tender",
        )
        return None
    ocids = sorted({_ocid(r) for _, r in with_tender} - {""})
    if len(ocids) > 1:
        problems.add(
            "the file holds the notices of more than one procurement",
            file=label,
            found=", ".join(ocids[:5]) + (" …" if len(ocids) > 5 else ""),
            expected="the notices of this tender only (one ocid)",
            code="notice.several",
        )
        return None
    # A release with no ocid is taken as this procurement's (a file of one tender).
    ours = [(w, r) for w, r in embedded if _ocid(r) in (*ocids, "")]
    # The merge routine takes releases in date order; releases alike in date keep the file's.
    order = sorted(range(len(ours)), key=lambda i: (*_when(ours[i][1]), i))
    return [ours[i] for i in order]


def _compiled(
    data: Any, merged: list[tuple[str, dict]], label: str, problems: Problems
) -> Compiled | None:
    """The compiled release of ``merged``, with a warning if a record's own compiled release
    differs from it; None, with an error, for a notice nested too deeply to merge (on Python
    3.12 and later the JSON reader may read deeper than Python may call)."""
    try:
        compiled = compile_releases(merged)
        _compiled_given_differs(data, compiled, label, problems)
        _same_moment(merged, label, problems)
    except RecursionError:
        _too_deep(label, problems)
        return None
    return compiled


def _too_deep(label: str, problems: Problems) -> None:
    """The one error for a notice nested deeper than it can be read or merged."""
    problems.add(
        "the notice nests lists or objects too deeply to read",
        file=label,
        expected="an OCDS release package",
        code="notice.syntax",
    )


def _embedded_and_compiled(data: Any) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """The releases in ``data`` with their places in the file, and the compiled releases of
    a record package's records. A record's linked releases (a url and a date, no ocid) hold
    nothing to merge."""
    embedded: list[tuple[str, Any]] = []
    given: list[tuple[str, Any]] = []
    if isinstance(data, dict) and isinstance(data.get("releases"), list):
        embedded = [(f"releases[{i}]", r) for i, r in enumerate(data["releases"])]
    elif isinstance(data, dict) and isinstance(data.get("records"), list):
        for i, record in enumerate(data["records"]):
            record = _obj(record)
            given.append((f"records[{i}].compiledRelease", record.get("compiledRelease")))
            releases = enumerate(_list(record.get("releases")))
            embedded += [(f"records[{i}].releases[{j}]", r) for j, r in releases]
    elif isinstance(data, dict) and isinstance(data.get("tender"), dict):
        embedded = [("release", data)]
    return (
        [(w, r) for w, r in embedded if isinstance(r, dict) and ("ocid" in r or _tender_of(r))],
        [(w, r) for w, r in given if isinstance(r, dict)],
    )


def _compiled_given_differs(data: Any, compiled: Compiled, label: str, problems: Problems) -> None:
    """A warning when a record's own compiled release differs from what its releases give
    merged by the OCDS merge routine: the releases are what was published, so they are read,
    and the place where the two first differ is named for the buyer to look at."""
    embedded, given = _embedded_and_compiled(data)
    if not any(_tender_of(release) for _, release in embedded):
        return  # the record's compiled release is what is read
    ours = {k: v for k, v in compiled.release.items() if k not in OMITTED}
    for where, theirs in given:
        if _ocid(theirs) != _ocid(ours):
            continue
        theirs = {k: v for k, v in theirs.items() if k not in OMITTED}
        differs = _first_difference(theirs, ours, ("", ""))
        if differs is None:
            continue
        their_path, our_path = differs
        problems.add(
            "the record's compiled release differs from its releases merged in date order "
            "(the OCDS merge routine), so the releases are read",
            file=label,
            cell=f"{where}.{their_path}",
            found=_shown_at(theirs, ours, their_path),
            expected=f"{_shown_at(ours, theirs, our_path)}, as the releases give it "
            f"({compiled.place(our_path)})",
            code="notice.compiled_differs",
            severity=Severity.WARNING,
        )


def _same_moment(merged: list[tuple[str, dict]], label: str, problems: Problems) -> None:
    """A warning for releases published at one moment (the same date) that give a field
    different values: the merge routine takes releases in date order, which at one moment has
    none, so the file's order decides (the later in the file is read). The releases are merged
    in the file's order and in the reverse: where the two differ, the order decided."""
    for group in _alike_in_date(merged):
        forward = compile_releases(group)
        backward = compile_releases(reversed(group))
        differs = list(_order_decides(forward.release, backward.release, ("", "", ""), ""))
        if not differs:
            continue
        path, other_path, field = differs[0]
        used, other = forward.place(path), backward.place(other_path)
        more = f" (and {counted(len(differs) - 1, 'other field')})" if len(differs) > 1 else ""
        problems.add(
            f"two releases published at the same moment give different values for {field}{more}: "
            "releases are merged in date order, which gives none for them, so the later in "
            "the file is read",
            file=label,
            cell=used,
            found=f"{_shown(_at_path(forward.release, path))} in release "
            f"{_release_id(group, used)}, {_shown(_at_path(backward.release, other_path))} in "
            f"release {_release_id(group, other)} ({other})",
            expected=f"one value at one moment: the value of release {_release_id(group, used)} "
            "(the later in the file) is used; if the other is right, date its release later",
            code="notice.same_moment",
            severity=Severity.WARNING,
        )


def _alike_in_date(merged: list[tuple[str, dict]]) -> list[list[tuple[str, dict]]]:
    """The runs of releases (in date order) published at one readable moment, two or more."""
    runs: list[list[tuple[str, dict]]] = []
    for (where, release), previous in zip(merged, [None, *merged], strict=False):
        moment = _when(release)
        if previous is not None and moment[0] and moment == _when(previous[1]):
            runs[-1].append((where, release))
        else:
            runs.append([(where, release)])
    return [run for run in runs if len(run) > 1]


def _release_id(group: list[tuple[str, dict]], place: str) -> str:
    """The id of the release giving the value at ``place`` (its place when it has none)."""
    for where, release in group:
        if place == where or place.startswith((f"{where}.", f"{where}[")):
            return repr(_ident(release.get("id"))) if _ident(release.get("id")) else where
    return place


def _order_decides(
    one: Any, other: Any, at: tuple[str, str, str], key: str
) -> Iterator[tuple[str, str, str]]:
    """Each path of ``one`` (a release compiled in one order) whose value differs in ``other``
    (the same releases compiled in another), with the path of that value in ``other`` (an
    object of an array merged by id is matched by its id, so may be at another index there)
    and the path as a message names it (``tender.lots[id 2].title``): objects field by field,
    arrays merged by id object by object, matched by id (their order is the order they were
    added), any other value whole."""
    path, other_path, named = at
    if isinstance(one, dict) and isinstance(other, dict):
        for field in [*one, *(k for k in other if k not in one)]:
            inner = (
                (f"{path}.{field}", f"{other_path}.{field}", f"{named}.{field}")
                if path
                else (field, field, field)
            )
            yield from _order_decides(one.get(field), other.get(field), inner, field)
        return
    if isinstance(one, list) and isinstance(other, list) and len(one) == len(other):
        if key in WHOLE_LISTS or not all(isinstance(item, dict) for item in one):
            for i, (a, b) in enumerate(zip(one, other, strict=True)):
                inner = (f"{path}[{i}]", f"{other_path}[{i}]", f"{named}[{i}]")
                yield from _order_decides(a, b, inner, "")
            return
        theirs = {
            _id_of(item): (j, item)
            for j, item in enumerate(other)
            if isinstance(item, dict) and item.get("id") is not None
        }
        for i, item in enumerate(one):
            found = theirs.get(_id_of(item)) if item.get("id") is not None else None
            if found is not None:  # (an object without an id is added, not matched)
                j, match = found
                inner = (f"{path}[{i}]", f"{other_path}[{j}]", f"{named}[id {_shown(item['id'])}]")
                yield from _order_decides(item, match, inner, "")
        return
    if not (one == other and type(one) is type(other)):
        yield path, other_path, named


def _id_of(item: dict) -> str:
    return json.dumps(item.get("id"), sort_keys=True, default=str)


def _first_difference(theirs: Any, ours: Any, at: tuple[str, str]) -> tuple[str, str] | None:
    """The first place at which two values differ, as its path in each (``tender.lots[2]
    .status``), or None. Objects of an array merged by id (lots, criteria, parties) are
    matched by id, as the merge routine matches them, so the same lots in another order are
    no difference; arrays with other ids, and any other arrays, item by item."""
    path, our_path = at
    if isinstance(theirs, dict) and isinstance(ours, dict):
        for key in [*theirs, *(k for k in ours if k not in theirs)]:
            inner = (f"{path}.{key}", f"{our_path}.{key}") if path else (key, key)
            found = _first_difference(theirs.get(key), ours.get(key), inner)
            if found is not None:
                return found
        return None
    if isinstance(theirs, list) and isinstance(ours, list):
        by_id = _by_id(ours) if _key_of(path) not in WHOLE_LISTS else None
        if (
            by_id is not None
            and _by_id(theirs) is not None
            and by_id.keys() == _by_id(theirs).keys()
        ):
            for i, one in enumerate(theirs):
                j = by_id[_id_of(one)]
                found = _first_difference(one, ours[j], (f"{path}[{i}]", f"{our_path}[{j}]"))
                if found is not None:
                    return found
            return None
        for i, (one, other) in enumerate(zip(theirs, ours, strict=False)):
            found = _first_difference(one, other, (f"{path}[{i}]", f"{our_path}[{i}]"))
            if found is not None:
                return found
        # One list is longer: the first item the other lacks (lots[2], of 3 lots against 2).
        if len(theirs) == len(ours):
            return None
        shorter = min(len(theirs), len(ours))
        return f"{path}[{shorter}]", f"{our_path}[{shorter}]"
    return None if theirs == ours and type(theirs) is type(ours) else (path, our_path)


def _key_of(path: str) -> str:
    """The last key of ``path`` (``lots`` of ``tender.lots``)."""
    return re.split(r"[.\]]", path)[-1]


def _by_id(items: list) -> dict[str, int] | None:
    """Each item's index by its id, when every item is an object with an id and no id is
    given twice; else None (the list is compared item by item)."""
    if not items or not all(
        isinstance(item, dict) and item.get("id") is not None for item in items
    ):
        return None
    found = {_id_of(item): i for i, item in enumerate(items)}
    return found if len(found) == len(items) else None


def _at_path(value: Any, path: str) -> Any:
    """The value at ``path`` (``tender.lots[2].status``) within ``value``; None if not there."""
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if step.startswith("["):
            items, index = _list(value), int(step[1:-1])
            value = items[index] if index < len(items) else None
        else:
            value = _obj(value).get(step)
    return value


def _shown_at(value: Any, other: Any, path: str) -> str:
    """The value at ``path`` in ``value`` as a message shows it; where ``path`` is an item of
    lists of different lengths in the two, with the number of items first ("2 items in lots,
    none at lots[2]"): shown alone, the two lists began alike, and the message showed the
    same text as found and as expected."""
    at = re.fullmatch(r"(?P<list>.*?)(?P<name>[^.\[\]]*)\[(?P<i>\d+)\]", path)
    if at is None:
        return _shown(_at_path(value, path))
    items, others = (_at_path(v, path[: at.start("i") - 1]) for v in (value, other))
    if not (isinstance(items, list) and isinstance(others, list) and len(items) != len(others)):
        return _shown(_at_path(value, path))
    name = at["name"] or "the list"
    count = f"{counted(len(items), 'item')} in {name}"
    item = f"{name}[{at['i']}]"
    if int(at["i"]) >= len(items):
        return f"{count}, none at {item}"
    return f"{count}, {item} being {_shown(items[int(at['i'])])}"


def _shown(value: Any) -> str:
    """A value as a message shows it: text as it is, anything else as JSON, and "nothing"
    for a field not there."""
    if value is None:
        return "nothing"
    return _text(value if isinstance(value, str) else json.dumps(value, default=str), limit=80)


# A release whose date is missing or cannot be read comes before every dated one.
_UNDATED = dt.datetime.min.replace(tzinfo=dt.UTC)


def _when(release: dict) -> tuple[bool, dt.datetime]:
    """When a release was published, to put releases in order: (whether its date can be
    read, the moment in UTC). Dates are compared as moments, not as text: a release dated
    2026-06-03T17:30:00+01:00 is the same moment as one dated 2026-06-03T16:30:00Z, and both
    are after one dated 2026-06-03T17:00:00+01:00. Releases alike in this keep the file's
    order (the later in the file is taken as the later)."""
    moment = instant(_text(release.get("date")))
    return (True, moment) if moment is not None else (False, _UNDATED)


def _unreadable_dates(releases: list[tuple[str, dict]], label: str, problems: Problems) -> None:
    """A warning for each release date (and tender publication date) given but not readable
    as a date: which release is the latest, whether a lot was cancelled after the notice, and
    when the procurement began are read from them."""
    for where, release in releases:
        tender = _tender_of(release)
        given = (
            (f"{where}.date", release.get("date")),
            (f"{where}.tender.datePublished", tender.get("datePublished")),
            (
                f"{where}.tender.tenderPeriod.startDate",
                _obj(tender.get("tenderPeriod")).get("startDate"),
            ),
        )
        for at, value in given:
            if value is None or instant(_text(value)) is not None:
                continue
            problems.add(
                "a date in the notice cannot be read, so it is left out: a release without a "
                "readable date is taken as earlier than every dated one (and of two such, the "
                "later in the file as the later)",
                file=label,
                cell=at,
                found=_text(value if isinstance(value, str) else json.dumps(value), limit=80)
                or "nothing",
                expected="a date and time in ISO 8601 with its offset, as OCDS gives it "
                "(2026-06-03T16:30:00Z, or 2026-06-03T17:30:00+01:00)",
                code="notice.date",
                severity=Severity.WARNING,
            )


# What a release is when none of its tags is a tender notice's (the releaseTag codelist): Find
# a Tender publishes a pipeline, preliminary market engagement or planned procurement notice
# (UK1–UK3) as planning, and award and contract notices (UK6, UK7) as award and contract.
_STAGES = (
    ("planning", "a planning notice (a pipeline, preliminary market engagement or planned "
     "procurement notice)"),
    ("award", "an award notice"),
    ("contract", "a contract notice"),
    ("implementation", "a contract notice"),
)  # fmt: skip


def _changes_only(merged: list[tuple[str, dict]]) -> str:
    """The tags of the changes, when the file holds changes to a tender notice (tenderUpdate,
    tenderAmendment) and not the notice itself (no release tagged tender, nor a record's
    compiled release, nor one with no tag): "" otherwise. A change may give only what
    changed (one lot re-published with new weights)."""
    tags = [[t for t in _list(r.get("tag")) if isinstance(t, str)] for _, r in merged]
    if any(not given or "tender" in given or "compiled" in given for given in tags):
        return ""
    changes = [t for given in tags for t in given if t in TENDER_TAGS]
    return ", ".join(dict.fromkeys(changes))


def _not_the_tender_notice(
    merged: list[tuple[str, dict]],
    compiled: Compiled,
    changes: str,
    label: str,
    problems: Problems,
) -> None:
    """A warning when the file holds no tender notice: the plan is made from, and checked
    against, what it publishes. A planning notice's lots and award criteria may change before
    the tender notice (a plan checked against one was reported as matching the notice); a
    cancelled tender's notice is no tender to evaluate; a change to a tender notice alone
    (``changes``, its tags) may give only what changed. Drafting a plan from a planning notice
    is sound, so these are warnings."""
    where, latest = merged[-1]
    tags = [tag for tag in _list(latest.get("tag")) if isinstance(tag, str)]
    expected = (
        f"the tender notice (UK4) as Find a Tender serves it (tag tender), as {NOTICE_FILE} in "
        "the tender folder"
    )
    ended = _tender_ended(merged, compiled)
    if ended is not None:
        status, place, found = ended
        problems.add(
            f"the notice says the tender was {status}: there is no tender to evaluate under it, "
            "and no award may be made (a procurement that ends without award has no contract "
            "award notice; under the Procurement Act 2023 a procurement termination notice, s.55)",
            file=label,
            cell=place,
            found=found,
            expected=expected,
            code="notice.cancelled",
            severity=Severity.WARNING,
        )
        return
    if changes:
        # Drafted from a change alone, a plan held one lot of three, placeholders for the
        # title and buyer, and the change's date as the day the procurement began.
        problems.add(
            f"this is a change to a tender notice ({changes}), not the tender notice itself: "
            "a change may give only what changed, so lots, award criteria, the title or the "
            "buyer the plan follows may be missing from it (and its date is not the day the "
            "procurement began)",
            file=label,
            cell=f"{where}.tag",
            found=", ".join(tags),
            expected="the tender notice with its changes, as Find a Tender serves the "
            f"procurement's releases (tag tender, then {changes}), as {NOTICE_FILE} in the "
            "tender folder",
            code="notice.not_tender_notice",
            severity=Severity.WARNING,
        )
        return
    for _, release in merged:
        given = [tag for tag in _list(release.get("tag")) if isinstance(tag, str)]
        if not given or "compiled" in given or any(tag in TENDER_TAGS for tag in given):
            return  # a tender notice, or a record's compiled release; no tag, no claim
    what = next(
        (words for stage, words in _STAGES if any(tag.startswith(stage) for tag in tags)), None
    )
    if what is None:
        return
    if what.startswith("a planning"):
        expected += " once it is published"
    problems.add(
        f"this is {what}, not the tender notice: the lots and award criteria the plan follows "
        "are those the tender notice publishes, and may differ from these",
        file=label,
        cell=f"{where}.tag",
        found=", ".join(tags),
        expected=expected,
        code="notice.not_tender_notice",
        severity=Severity.WARNING,
    )


def _tender_ended(
    merged: list[tuple[str, dict]], compiled: Compiled
) -> tuple[str, str, str] | None:
    """Whether the notice ends the whole procurement, as (cancelled or withdrawn, where in the
    file it says so, what it gives there), or None: the tender's own status (the compiled
    release's), else a cancellation notice as the latest release that takes out more than
    some of the lots (Find a Tender tags a cancellation tenderCancellation). Read once, here:
    the warning, each lot's status and so the award decision all follow it."""
    where, latest = merged[-1]
    tender = _tender_of(compiled.release)
    status = _text(tender.get("status"))
    if status.casefold() in LOT_ENDED:  # in other capitals too, as a lot's status is read
        return LOT_ENDED[status.casefold()], compiled.place("tender.status"), status
    tags = [tag for tag in _list(latest.get("tag")) if isinstance(tag, str)]
    if "tenderCancellation" in tags and not _cancels_lots_alone(latest, tender):
        return "cancelled", f"{where}.tag", "tenderCancellation"
    return None


def _ended_with_tender(
    lots: list[NoticeLot], ended: tuple[str, str, str] | None
) -> list[NoticeLot]:
    """Each lot ended with the whole procurement, when the notice ends it: a lot of a
    cancelled tender is as cancelled as one cancelled on its own, so the award waits on the
    same record ([[no_award]]) either way (a lot ended by its own status keeps it)."""
    if ended is None:
        return lots
    status, place, _ = ended
    return [
        lot if lot.ended else replace(lot, status=status, ended_with_tender=place) for lot in lots
    ]


def _cancels_lots_alone(release: dict, tender: dict) -> bool:
    """Whether a cancellation notice takes some lots out of the tender and leaves others in
    it: it gives lots as cancelled or withdrawn, and the tender as it stands has a lot that
    is neither."""
    given = [_obj(lot) for lot in _list(_tender_of(release).get("lots"))]
    return any(_text(lot.get("status")) in LOT_ENDED for lot in given) and any(
        _text(_obj(lot).get("status")) not in LOT_ENDED for lot in _list(tender.get("lots"))
    )


def _lot_ids_twice(merged: list[tuple[str, dict]], reader: _Reader) -> set[str]:
    """A warning for a lot id a release gives twice, and the ids warned of: merging takes
    the two as one lot; given once as a number and once as text (2 and "2"), the merge
    routine keeps two, of which only the first is read (see :func:`_first_of_each_id`)."""
    warned: set[str] = set()
    for where, release in merged:
        seen: dict[str, Any] = {}
        for spec in _list(_tender_of(release).get("lots")):
            given = _obj(spec).get("id")
            lot_id = _ident(given)
            if lot_id in seen:
                _id_twice(reader, f"{where}.tender.lots", seen[lot_id], _obj(spec))
                warned.add(lot_id)
            if lot_id:
                seen.setdefault(lot_id, given)
    return warned


def _id_twice(reader: _Reader, place: str, first: Any, spec: dict) -> None:
    given = spec.get("id")
    if first == given:  # the merge routine merges the two
        reader.warn(place, _TWICE + ": the two are read as one lot", given, "unique ids")
        return
    title = _text(spec.get("title"), limit=60)
    reader.warn(
        place,
        f"{_TWICE}, written two ways: only the first lot given with it is "
        f"read" + (f", not {title}" if title else ""),
        f"{json.dumps(first)} and {json.dumps(given)}",
        "unique ids",
    )


_TWICE = "a lot id is used twice in one release"


def _first_of_each_id(lots: list[NoticeLot], warned: set[str], reader: _Reader) -> list[NoticeLot]:
    """The lots, each id once: of two lots the merge routine keeps apart but tendereval reads
    as one id (1 and "1"), the first. init once wrote both, under one id, which the plan
    refuses, after a warning saying they were read as one lot. Warned of here when not above
    (the two given in different releases)."""
    seen: set[str] = set()
    kept: list[NoticeLot] = []
    for lot in lots:
        if lot.id not in seen:
            seen.add(lot.id)
            kept.append(lot)
        elif lot.id not in warned:
            warned.add(lot.id)
            reader.bad(
                "tender.lots",
                "a lot id is used twice, written two ways: only the first lot given "
                "with it is read",
                lot.id,
                "unique ids",
            )
    return kept


def _tender_of(release: dict) -> dict:
    return _obj(release.get("tender"))


# ---- Lots and their award criteria --------------------------------------------------------


def _lot(
    reader: _Reader,
    spec: dict,
    at: str,
    shared: tuple[NoticeCriterion, ...],
    currency: str,
    tender: dict,
    tender_period: _Period,
    whole: bool = False,
) -> NoticeLot | None:
    lot_id = "1" if whole else _ident(spec.get("id"))
    if not lot_id:
        _no_lot_id(reader, spec, at)
    value = _obj(spec.get("value"))
    # Some notices give only the value with VAT.
    field = "amount" if value.get("amount") is not None else "amountGross"
    amount, unread, out_of_range = _amount(reader, value.get(field), f"{at}.value.{field}", lot_id)
    own = _criteria(reader, spec.get("awardCriteria"), f"{at}.awardCriteria") if not whole else ()
    # (A lot giving no criteria of its own has the tender's, described there.)
    criteria_text = _text(
        _obj(spec.get("awardCriteria") if own else tender.get("awardCriteria")).get("description"),
        limit=2000,
    )
    suitability = _obj(spec.get("suitability")) or _obj(tender.get("suitability"))
    # A whole tender's own status is the notice's (a cancelled tender ends every lot, below).
    status = "" if whole else _status_code(reader, spec.get("status"), f"{at}.status")
    period = _period(reader, spec, at) if not whole and _own_period(spec) else tender_period
    return NoticeLot(
        id=lot_id,
        title=_text(spec.get("title"), limit=MAX_TITLE)
        or (_text(tender.get("title"), limit=MAX_TITLE) if whole else ""),
        value=amount,
        value_gross=field == "amountGross" and amount is not None,
        value_unread=unread,
        value_out_of_range=out_of_range,
        currency=_text(value.get("currency")) or currency,
        suitable_for_sme=_flag(suitability.get("sme")),
        suitable_for_vcse=_flag(suitability.get("vcse")),
        criteria=own or shared,
        contract_days=period.days,
        contract_days_either=period.either,
        period_problem=period.problem,
        status=status,
        where=_lot_place(reader, at, status),
        criteria_text=criteria_text,
        overall_minimum=overall_minimum_said(criteria_text),
    )


def _no_lot_id(reader: _Reader, spec: dict, at: str) -> None:
    """The warning for a lot published with no id tendereval can read, saying what is there."""
    given = spec.get("id")
    title = _text(spec.get("title"))
    reader.bad(
        f"{at}.id",
        "a lot"
        + (f" ({title})" if title else "")
        + " has no id tendereval can read, so the plan made from this notice leaves it out "
        "and the award notice cannot name it",
        '"" (empty text)' if given == "" else _shown(given),
        "the lot's id as text or a whole number, such as 1 (ask the buyer's e-tendering team)",
    )


def _own_period(spec: Any) -> bool:
    """Whether a lot gives a contract period of its own, rather than taking the tender's."""
    return bool(_obj(_obj(spec).get("contractPeriod")))


def _status_code(reader: _Reader, value: Any, at: str) -> str:
    """A lot's status as its tenderStatus code ("" when not given, or not one). A code in
    other capitals ("Cancelled") is read as the code, with a warning: no two codes differ in
    capitals alone, so the publisher can mean no other, and a lot it says is cancelled is
    better held than awarded. Any other value is read as no status (the lot open), with a
    warning: what it would stop cannot be known."""
    status = _text(value)
    if not status or status in TENDER_STATUSES:
        return status
    code = status.casefold()
    if code in TENDER_STATUSES:
        reader.bad(
            at,
            f"a lot's status is not written as OCDS's code, so it is read as {code}",
            status,
            f"{code}, in lower case as the tender status codelist writes it",
        )
        return code
    reader.bad(
        at,
        "a lot's status is not one of OCDS's tender status codes, so it is read as giving no "
        "status (the lot open for tenders)",
        status,
        "one of " + ", ".join(TENDER_STATUSES),
    )
    return ""


def _lot_place(reader: _Reader, at: str, status: str) -> str:
    """The lot's place in the file: the latest release giving it, or, for a lot taken out of
    the tender, the one giving that status (a lot cancelled by a notice of its own shows so
    only there)."""
    if status in LOT_ENDED:
        return reader.place(f"{at}.status").removesuffix(".status")
    return reader.place(at)


# A figure written as text, as some publishers write amounts: digits, and a decimal point.
_NUMBER_AS_TEXT = re.compile(r"\s*\d{1,15}(?:\.\d+)?\s*", re.ASCII)


def _amount(reader: _Reader, amount: Any, at: str, lot_id: str) -> tuple[float | None, str, bool]:
    """A lot's value (None when there is none or it is not read), the value as found when it
    is not read, and whether it was not read for being out of range. OCDS amounts are numbers;
    one written as plain figures ("1650000") can only be that figure, so it is read, with a
    warning. Any other text ("1,650,000", "£1.65m": a comma may be a thousands or a decimal
    separator) is not read, with a warning, and kept as found so that init lists it and the
    check says the plan's value could not be compared. So is a number no lot's value can be,
    which the plan refuses (£0 or less, or over MAX_MONEY): init wrote it into the plan without
    a word, and the plan then named the key as out of range."""
    if amount is None:
        return None, "", False
    as_text = isinstance(amount, str) and _NUMBER_AS_TEXT.fullmatch(amount) is not None
    numeric = isinstance(amount, (int, float)) and not isinstance(amount, bool)
    # (NaN, no number, is not equal to itself; a whole number too large for a float compares.)
    if numeric and amount == amount and not 0 < amount <= MAX_MONEY:
        return _out_of_range(reader, amount, amount, at, lot_id)
    if _is_number(amount):
        return float(amount), "", False
    if as_text:
        figure = float(amount)
        if not 0 < figure <= MAX_MONEY:
            return _out_of_range(reader, amount, figure, at, lot_id)
        reader.bad(
            at,
            f"a lot's value is written as text, not as a number; read as {figures(figure)}",
            json.dumps(amount),
            'a number (OCDS amounts are JSON numbers: 1650000, not "1650000")',
        )
        return figure, "", False
    shown = amount if isinstance(amount, str) else json.dumps(amount, default=str)[:80]
    reader.bad(
        at,
        "a lot's value is not a number, so it is not read: the plan has no estimated value "
        "for the lot from it",
        amount,
        "a number such as 1650000 (OCDS amounts are JSON numbers)",
    )
    return None, _text(shown, limit=80) or "nothing", False


def _out_of_range(
    reader: _Reader, found: Any, value: float, at: str, lot_id: str
) -> tuple[None, str, bool]:
    """A lot's value no lot can have (``value``, given as ``found``), not read, with a warning
    naming the lot: the plan takes an estimated value of more than £0 and at most MAX_MONEY
    (no public contract is worth more), so init writes none, and lists it for the officer to
    write the lot's value. (``value`` is compared, never converted: it may be a whole number
    too large for a float.)"""
    shown = found_shown(found)
    why = (
        f"over {figures(MAX_MONEY)}, more than any public contract is worth"
        if value > 0
        else f"{'0' if value == 0 else 'below 0'}, which no lot's value can be"
    )
    reader.bad(
        at,
        f"lot {lot_id}'s value is {why}, so it is not read: the plan has no estimated value "
        "for the lot from it",
        shown,
        f"the lot's estimated value: more than 0 and at most {figures(MAX_MONEY)}, as the plan "
        "takes it",
    )
    return None, _text(shown, limit=80), True


# A whole number written as text, as some publishers write the lot cap ("2").
_WHOLE_AS_TEXT = re.compile(r"\s*\d{1,4}\s*", re.ASCII)
_CAP_AT = "tender.lotDetails.maximumLotsAwardedPerSupplier"


def _cap(reader: _Reader, cap: Any, lots: int) -> tuple[int | None, str]:
    """The lot cap (None when there is none), and the cap as found when it is no whole number.
    The published cap binds the award (PA2023 s.23(4)), so one dropped without a word let a
    supplier win more lots than it allows: "2" can only be 2, and is read, with a warning, as a
    lot value in figures is; any other value (2.5, true), and a cap of no lot (0, or less: 0
    would bar every supplier from every lot, and a negative cap means nothing), is not read,
    with a warning, and kept as found so that init lists the cap for the officer to settle.
    A cap above the notice's ``lots`` never limits an award, which may be a slip in the
    notice: it is read as published, with a warning, up to MAX_LOTS; a larger one, which the
    plan would refuse, is not read (there is nothing to settle), with a warning."""
    if cap is None:
        return None, ""
    shown = found_shown(cap)
    as_text = isinstance(cap, str) and _WHOLE_AS_TEXT.fullmatch(cap) is not None
    whole = int(cap) if as_text else cap
    if isinstance(whole, bool) or not isinstance(whole, int):
        message = "the lot cap is not a whole number"
    elif whole == 0:
        message = "the lot cap is 0, which would bar every supplier from every lot"
    elif whole < 0:
        message = f"the lot cap is {whole}, a number of lots below 0, which means nothing"
    elif whole > MAX_LOTS:
        # More lots than any tender has, so more than this one's: it never limits an award,
        # and a plan holding it is refused; there is nothing for the officer to settle.
        reader.bad(
            _CAP_AT,
            f"the lot cap is {_cap_shown(whole)}, more lots than any tender has, so it is not "
            "read: it "
            "never limits an award, and the plan has no cap from it",
            shown,
            f"a whole number of lots from 1 to {MAX_LOTS:,} (a plan's cap is at most that), "
            "such as 2 (the most lots one supplier may be awarded)",
        )
        return None, ""
    else:
        if as_text:
            reader.bad(
                _CAP_AT,
                f"the lot cap is written as text, not as a number; read as {whole}",
                shown,
                'a whole number (OCDS gives the cap as a JSON integer: 2, not "2")',
            )
        if whole > lots:
            _cap_above_lots(reader, whole, lots, shown)
        return whole, ""
    reader.bad(
        _CAP_AT, f"{message}, so it is not read: the plan has no cap from it", shown, _CAP_EXPECTED
    )
    return None, _text(shown, limit=80) or "nothing"


def _cap_shown(cap: int) -> str:
    """A cap above MAX_LOTS as the message says it: in figures with commas, or as found when
    long (a whole number of hundreds of digits)."""
    return f"{cap:,}" if cap < 10**30 else found_shown(cap)


_CAP_EXPECTED = (
    "a whole number of lots, 1 or more, such as 2 (the most lots one supplier may be awarded)"
)


def _cap_above_lots(reader: _Reader, cap: int, lots: int, shown: str) -> None:
    """A warning for a cap above the number of lots: no supplier can win that many, so it
    never limits an award. Read all the same (it is what was published, and the plan is
    checked against it); said because it may be a slip (maximumLotsBidPerSupplier, the most
    lots one may bid for, put in its place)."""
    reader.problems.add(
        f"the lot cap is {cap:,}, more lots than the notice publishes ({counted(lots, 'lot')}): "
        "no supplier can be awarded that many, so the cap never limits an award",
        file=reader.label,
        cell=reader.place(_CAP_AT),
        found=shown,
        expected=f"a cap of fewer lots than that ({lots:,}), if it is to limit anything: "
        "check it against your tender documents (the plan holds the cap as published)",
        code="notice.lot_cap_above_lots",
        severity=Severity.WARNING,
    )


def figures(value: float) -> str:
    """An amount as a message shows it: 1,650,000, or 1,650,000.50 when it has pence."""
    if not math.isfinite(value):
        return str(value)
    return f"{as_shown(value, 2):,}".removesuffix(".00")


def _criteria(reader: _Reader, spec: Any, at: str) -> tuple[NoticeCriterion, ...]:
    """A lot's award criteria with weights in points of 100."""
    if spec is None or isinstance(spec, str):  # tender.awardCriteria is also a core code
        return ()
    if not isinstance(spec, dict):
        reader.bad(at, "awardCriteria must be an object", spec, '{"criteria": […]}')
        return ()
    built: list[NoticeCriterion] = []
    points: list[int] = []
    described: list[int] = []
    for where, item in reader.items(spec, "criteria", at):
        if not isinstance(item, dict):
            reader.bad(where, "an award criterion must be an object", item, "type, name, numbers")
            continue
        criterion, kind = _criterion(reader, item, where)
        {"points": points, "described": described}.get(kind, []).append(len(built))
        built.append(criterion)
    # A weighting in a description may be a percentage or points; one over 100 can only be
    # points, and then the lot's described weightings are all points, scaled to 100.
    if any((built[i].weight or 0.0) > 100 for i in described):
        points += described
    if points:
        built = _points_to_percent(built, points)
    return tuple(built)


def _criterion(reader: _Reader, item: dict, where: str) -> tuple[NoticeCriterion, str]:
    """One criterion, and how its weight was published: "points", "described" (the weighting
    is its description) or ""."""
    description = description_as_read(item.get("description"))
    weight: float | None = None
    minimum: float | None = None
    importance: float | None = None
    note = ""
    kind = ""
    # Each weight and minimum read, with its place: two that differ are named (below).
    weights: list[tuple[float, str]] = []
    minimums: list[tuple[float, str]] = []
    for at, number in reader.items(item, "numbers", where):
        number = _obj(number)
        value = _criterion_number(reader, number.get("number"), f"{at}.number")
        if value is None:
            continue
        code = number.get("weight")
        if isinstance(code, str):
            code = _code_of(reader, code, f"{at}.weight", WEIGHT_CODES, "a criterion's weight code")
            if code not in WEIGHT_CODES:
                reader.bad(
                    f"{at}.weight",
                    "a criterion's weight code is not one of OCDS's, so its number is not read "
                    "as a weight",
                    code,
                    "one of " + ", ".join(WEIGHT_CODES),
                )
        elif code is not None:
            # A code from the criterionWeight codelist is text; anything else says nothing
            # about how the number weighs (and cannot be looked up).
            reader.bad(
                f"{at}.weight",
                "a criterion's weight code is not text",
                code,
                'a criterionWeight code such as "percentageExact"',
            )
            code = None
        if code in PERCENT_WEIGHTS:
            factor, note = PERCENT_WEIGHTS[code]
            weight = float(value) * factor
            weights.append((float(value), f"{code}, at {reader.place(at)}"))
        elif code in POINTS_WEIGHTS:
            weight, note, kind = float(value), POINTS_WEIGHTS[code], "points"
            weights.append((float(value), f"{code}, at {reader.place(at)}"))
        elif code == "order":
            importance = float(value)
            note = f"the notice gives only its order of importance ({value:g})"
        threshold = number.get("threshold")
        if isinstance(threshold, str):
            threshold = _code_of(
                reader, threshold, f"{at}.threshold", THRESHOLD_CODES, "a criterion's threshold"
            )
        if threshold == "minimumScore":
            minimum = float(value)
            minimums.append((minimum, reader.place(at)))
    given_name = _text(item.get("name"))
    _given_twice(reader, given_name or description[:120], "weight", weights, where)
    _given_twice(reader, given_name or description[:120], "minimum score", minimums, where)
    described = _DESCRIBED_WEIGHT.fullmatch(description) if weight is None and not note else None
    if described:
        low, high = float(described["low"]), float(described["high"] or described["low"])
        weight = (low + high) / 2
        note = (
            f"read from its description ('{description}'), where notices made from the older "
            "forms give the weighting"
        )
        if described["high"]:
            note += ": the middle of the published range"
        kind, description = "described", ""
    if weight is None and not note:
        note = "the notice gives no weight for it"
    criterion_type = _criterion_type(reader, item.get("type"), f"{where}.type")
    named_price = not criterion_type and bool(
        _NAMED_PRICE.search((given_name or description).casefold())
    )
    if named_price:
        reader.bad(
            f"{where}.type",
            f"the award criterion {given_name or description[:120]!r} is published with no "
            "type, and its name says price or cost: init --from-notice writes it as the price "
            "criterion, and its type is not checked against the plan",
            "nothing",
            'its type, "price", "cost" or "quality": check it against your tender documents '
            "(if it is a quality question, move it under quality in the plan)",
        )
    return (
        NoticeCriterion(
            # A criterion published with no name (the price, often) is named by its type.
            name=given_name or description[:120] or criterion_type.capitalize(),
            type=criterion_type,
            weight=weight,
            minimum=minimum,
            description=description,
            where=reader.place(where),
            note=note,
            importance=importance,
            named_price=named_price,
            said=criterion_said(description),
        ),
        kind,
    )


def _given_twice(
    reader: _Reader, name: str, what: str, given: list[tuple[float, str]], where: str
) -> None:
    """An error when a criterion's ``numbers`` give two different weights (or minimum
    scores): which one the buyer meant cannot be known, and the last, which is read, decides
    what the plan is checked against (and a minimum, who is disqualified)."""
    values = {value for value, _ in given}
    if len(values) < 2:
        return
    cell = reader.place(where)
    both = " and ".join(f"{value:g} ({place.replace(cell + '.', '', 1)})" for value, place in given)
    reader.problems.add(
        f"the award criterion {name!r} is published with {len(given)} different {what}s: "
        "which one was meant cannot be known (the last is read, and the plan checked "
        "against it)",
        file=reader.label,
        cell=cell,
        found=both,
        expected=f"one {what} for the criterion: ask the buyer to correct the notice (a tender "
        "update), and keep the plan to the tender documents",
        code="notice.given_twice",
    )


def _criterion_type(reader: _Reader, value: Any, at: str) -> str:
    """A criterion's type as its award criterion type code ("" when not given): read as no
    code, a price criterion written "Price" became a quality question scored 0-5. Any other
    text is kept as found, for the check to name."""
    return _code_of(reader, _text(value), at, CRITERION_TYPES, "an award criterion's type")


def _code_of(reader: _Reader, given: str, at: str, codes: tuple[str, ...], what: str) -> str:
    """``given`` as the code of ``codes`` it is: a code in other capitals ("Price",
    "PercentageExact") is read as the code, with a warning, as a lot's status is: no two codes
    differ in capitals alone, so the publisher can mean no other. Any other text is returned
    as it is."""
    if not given or given in codes:
        return given
    code = next((c for c in codes if c.casefold() == given.casefold()), None)
    if code is None:
        return given
    reader.bad(
        at,
        f"{what} is not written as OCDS's code, so it is read as {code}",
        given,
        f"{code}, as OCDS's codelist writes it",
    )
    return code


def _criterion_number(reader: _Reader, value: Any, at: str) -> float | None:
    """A criterion's number (a weight or a threshold), or None, with a warning, when it is
    not one. A number written as plain figures ("30") can only be that figure, so it is
    read, with a warning, as a lot's value so written is."""
    if _is_number(value):
        return float(value)
    if isinstance(value, str) and _NUMBER_AS_TEXT.fullmatch(value):
        figure = float(value)
        reader.bad(
            at,
            f"a criterion's number is written as text, not as a number; read as {figure:g}",
            json.dumps(value),
            'a number (OCDS numbers are JSON numbers: 30, not "30")',
        )
        return figure
    if _is_huge(value):
        reader.bad(
            at,
            "a criterion's number is out of range, so it is not read",
            _as_found(value),
            "a number",
        )
        return None
    reader.bad(at, "a criterion's number is not a number", value, "a number")
    return None


def _is_huge(value: Any) -> bool:
    """Whether ``value`` is a number too large to be any weight, value or length (1e300; one
    beyond what a float holds, 1e400, refuses the notice as it is parsed: json_numbers)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15


def _as_found(value: Any) -> str:
    """A number as a message quotes it."""
    return value if isinstance(value, str) else found_shown(value)


def _points_to_percent(built: list[NoticeCriterion], points: list[int]) -> list[NoticeCriterion]:
    """Points become points of 100 when they do not already add up to 100."""
    total = sum(built[i].weight or 0.0 for i in points)
    if total <= 0 or math.isclose(total, 100.0):
        return built
    out = list(built)
    for i in points:
        c = out[i]
        share = (c.weight or 0.0) * 100.0 / total
        note = "; ".join(filter(None, [f"published as {c.weight:g} of {total:g} points", c.note]))
        out[i] = NoticeCriterion(**{**vars(c), "weight": share, "note": note})
    return out


# ---- The buyer, the regime, dates ----------------------------------------------------------


def _buyer(release: dict) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """The buyer's name and its party (id, name, identifier, address) as the notice gives it."""
    reference = _obj(release.get("buyer"))
    parties = [p for p in _list(release.get("parties")) if isinstance(p, dict)]
    party = next((p for p in parties if reference and p.get("id") == reference.get("id")), None)
    if party is None:
        party = next((p for p in parties if "buyer" in _list(p.get("roles"))), {})
    name = _text(reference.get("name")) or _text(party.get("name"))
    kept: list[tuple[str, Any]] = []
    if _ident(party.get("id")):
        kept.append(("id", _ident(party.get("id"))))
    if name:
        kept.append(("name", name))
    for key, fields in (
        ("identifier", ("scheme", "id", "legalName")),
        ("address", ("streetAddress", "locality", "region", "postalCode", "countryName")),
    ):
        # (Its identifier's id published whole, as every id is: _ident.)
        given = _obj(party.get(key))
        part = {f: _text(given.get(f), limit=None if f == "id" else MAX_TEXT) for f in fields}
        part = {f: v for f, v in part.items() if v}
        if part:
            kept.append((key, tuple(part.items())))
    return name, tuple(kept)


def _basis_not_modelled(notice: Notice, place: str, problems: Problems) -> None:
    """A warning for a legal basis that is no regime tendereval models: read as the nearest
    (the Scottish or utilities regulations of the same era, :data:`NEAREST_BASES`), or, for
    one it does not know, from the day the procurement began. The regime decides what each
    summary cites and the standstill, so the officer checks it against the tender documents."""
    if not (notice.basis_nearest or notice.basis_unknown):
        return
    modelled = ", ".join(f"{regime} ({law})" for regime, law in REGIMES.items())
    regime = notice.regime or "PA2023"
    if notice.basis_nearest:
        message = (
            f"the notice's legal basis is {notice.basis_nearest}, a regime tendereval does not "
            f"model: it is read as {regime} ({REGIMES[regime]}), the nearest it does"
        )
    else:
        message = (
            "the notice's legal basis is not one tendereval knows, so the regime is read from "
            f"the day the procurement began: {notice.regime_basis}"
            + ("" if notice.regime else ", so it is taken as PA2023")
        )
    problems.add(
        message,
        file=notice.source,
        cell=place,
        found=notice.legal_basis,
        expected=f"a regime tendereval models: {modelled}; check the plan's regime against your "
        "tender documents (each summary, the standstill and the award notice cite its law)",
        code="notice.legal_basis",
        severity=Severity.WARNING,
    )


def _regime_by_date(begun_on: dt.date | None) -> str | None:
    """PCR2015 for a procurement naming no legal basis but begun before the Act took effect
    (a Contracts Finder notice of January 2025 cannot be a procurement under the Act)."""
    return "PCR2015" if begun_on is not None and begun_on < ACT_IN_FORCE else None


def _begun_on(data: Any, changes_only: bool = False) -> dt.date | None:
    """The UK day the procurement began, as the file shows it: the earliest publication of
    its tender notice, that is the earliest date (``date``, ``tender.datePublished``,
    ``tender.tenderPeriod.startDate``) of its tender releases (tagged tender, tenderUpdate,
    tenderAmendment, or a record's compiled release; of any release with a tender when none
    is). A procurement stays under the law it began under to its end, so a later amendment
    (published after 24 February 2025, say) does not move it under the Act. For a file of
    ``changes_only`` (no tender notice), only what the tender says of itself: a change's own
    ``date`` is when the change was published, not when the procurement began."""
    releases = [release for _, release in _releases(data)]
    tendered = [
        release
        for release in releases
        if any(tag in (*TENDER_TAGS, "compiled") for tag in _list(release.get("tag")))
    ]
    moments = [
        moment
        for release in tendered or releases
        for value in (
            # A release of another stage (an award) is dated when it was published, not when
            # the procurement began: only a tender release's own date, or an untagged one's.
            None if changes_only or _of_another_stage(release, tendered) else release.get("date"),
            _tender_of(release).get("datePublished"),
            _obj(_tender_of(release).get("tenderPeriod")).get("startDate"),
        )
        if (moment := instant(_text(value))) is not None
    ]
    return uk_date(min(moments)) if moments else None


def _of_another_stage(release: dict, tendered: list[dict]) -> bool:
    """Whether ``release`` is tagged, but not as a tender release (award, contract …)."""
    return not any(release is other for other in tendered) and bool(_list(release.get("tag")))


def _notice_url(tender: dict) -> str:
    for document in _list(tender.get("documents")):
        document = _obj(document)
        url = _text(document.get("url"))
        if document.get("noticeType") and url.startswith("https://"):
            return url
    return ""


# A contract period within this share of a year of a whole number of years is that number.
_WHOLE_YEAR = 0.05


def whole_years(days: float) -> tuple[int, ...]:
    """The contract years (1 to 50) a contract period of ``days`` is evaluated over: the whole
    number of years it is, or, for a period between two (30 months), both, the nearer first.
    ``init --from-notice`` writes the first; the check against the notice accepts either."""
    years = days / 365.25
    nearest = round(years)
    if abs(years - nearest) <= _WHOLE_YEAR:
        found = [nearest]
    else:
        found = sorted((math.floor(years), math.ceil(years)), key=lambda y: abs(years - y))
    return tuple(dict.fromkeys(max(1, min(MAX_CONTRACT_YEARS, y)) for y in found))


@dataclass(frozen=True)
class _Period:
    """A contract period as read: its length in days (None when it cannot be settled), the
    lengths its dates and its durationInDays give when they disagree, and why it cannot be
    settled, in words, for init to list."""

    days: float | None = None
    either: tuple[float, ...] = ()
    problem: str = ""


def _period(reader: _Reader, holder: dict, at: str) -> _Period:
    """The contract period of ``holder`` (a lot, or the tender) at ``at``. OCDS gives it as
    dates, a ``durationInDays``, or both, the duration then equal to the time between the
    dates. Both given and giving other contract years (the duration once silently won), or an
    end before the start (once read as no period at all), is a warning naming the place: the
    plan's contract years change every evaluated price, so the officer settles them."""
    period = _obj(holder.get("contractPeriod"))
    where = f"{at}.contractPeriod"
    given = period.get("durationInDays")
    duration = float(given) if _is_number(given) and given > 0 else None
    if given is not None and duration is None:
        reader.bad(
            f"{where}.durationInDays",
            "the contract period's durationInDays is "
            + ("out of range" if _is_huge(given) else "not a number of days above 0")
            + ", so it is not read",
            _as_found(given),
            "the contract's length in days, such as 1095 for three years",
        )
    start, end = (_day(period.get(key)) for key in ("startDate", "endDate"))
    if start is None or end is None:
        return _Period(duration)
    if end < start:
        shown = f"startDate {start.isoformat()}, endDate {end.isoformat()}"
        reader.bad(
            where, "the contract period ends before it starts", shown, "an end after the start"
        )
        if duration is not None:
            return _Period(duration)
        return _Period(problem=f"contract period ends before it starts ({shown})")
    dated = float((end - start).days + 1)  # a period from 1 April to 31 March is a whole year
    if duration is None or set(whole_years(duration)) & set(whole_years(dated)):
        return _Period(duration if duration is not None else dated)
    shown = (
        f"dates {start.isoformat()} to {end.isoformat()} ({_years_of(dated)}); "
        f"durationInDays {duration:.0f} ({_years_of(duration)})"
    )
    reader.bad(
        where,
        "the contract period's durationInDays disagrees with its dates, so neither is taken",
        shown,
        "a durationInDays equal to the days from startDate to endDate (OCDS): contract_years "
        "is the one your tender documents publish",
    )
    return _Period(either=(dated, duration), problem=f"contract period gives {shown}")


def _years_of(days: float) -> str:
    years = whole_years(days)
    if len(years) == 1:
        return counted(years[0], "year")
    return f"{years[0]} or {years[1]} years"


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None


# ---- Reading values that may be anything ---------------------------------------------------


class _Reader:
    """Typed access to the compiled release's objects; a wrong type is a problem naming its
    place in the file (``place`` turns a path in the compiled release into that place)."""

    def __init__(self, label: str, problems: Problems, place: Callable[[str], str]):
        self.label = label
        self.problems = problems
        self.place = place

    def bad(self, where: str, message: str, found: Any, expected: str) -> None:
        """A warning about the value at ``where`` in the compiled release."""
        self.warn(self.place(where), message, found, expected)

    def warn(self, place: str, message: str, found: Any, expected: str) -> None:
        """A warning about the value at ``place`` in the file."""
        shown = found if isinstance(found, str) else found_shown(found)
        self.problems.add(
            message,
            file=self.label,
            cell=place,
            found=_text(shown, limit=80),
            expected=expected,
            code="notice.shape",
            severity=Severity.WARNING,
        )

    def obj(self, parent: dict, key: str, where: str) -> dict:
        value = parent.get(key)
        if value is not None and not isinstance(value, dict):
            self.bad(_join(where, key), f"{key} must be an object", value, "an object")
        return _obj(value)

    def items(self, parent: dict, key: str, where: str) -> list[tuple[str, Any]]:
        value = parent.get(key)
        if value is not None and not isinstance(value, list):
            self.bad(_join(where, key), f"{key} must be a list", value, "a list […]")
        return [(f"{_join(where, key)}[{i}]", v) for i, v in enumerate(_list(value))]


def _join(where: str, key: str) -> str:
    """The path of field ``key`` of the object at ``where`` ("" for the release itself)."""
    return f"{where}.{key}" if where else key


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _is_number(value: Any) -> bool:
    # (Compared, not converted: a whole number of 400 digits is no float, and float() of it
    # stopped reading the notice with a traceback. NaN and infinity are not below the bound.)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e15


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _text(value: Any, limit: int | None = MAX_TEXT) -> str:
    """Text on one line with no control characters (they never reach a terminal or the plan),
    cut at ``limit`` characters (None: whole)."""
    if not isinstance(value, str):
        return ""
    value = _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub(" ", value))
    return " ".join(value.split())[:limit]


# A criterion's description is read up to this many characters (a description, not a text).
DESCRIPTION_LIMIT = 2000


def description_as_read(value: Any) -> str:
    """A criterion's description as it is read: on one line, cut at DESCRIPTION_LIMIT."""
    return _text(value, limit=DESCRIPTION_LIMIT)


def _ocid(release: dict) -> str:
    """A release's ocid, whole as an id is (:func:`_ident`): two procurements' ocids differing
    only past a cut would merge into one."""
    return _text(release.get("ocid"), limit=None)


def _ident(value: Any) -> str:
    """An id written as text or a whole number (some publishers write lot 1 as 1), whole: ids
    are matched and published as given, so one cut short made two lots one (bounded by the
    size of the notice, and of the plan init writes: notice.too_large_for_plan)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value, limit=None)
