"""A supplier's bid returns each for other lots: together, its tenders, one for each lot.

In a tender of several lots each lot's bid is a tender of its own, and e-tendering portals
often take one response a lot. A supplier may so send the bid return once for each lot it
bids for (Ashford in one workbook, Canterbury in another). That is not two bid returns for one
tender, between which the buyer must choose: each file is the supplier's tender for the lots it
prices. Before, both were invalid "until the buyer decides which one stands", when there was
nothing to decide and no way forward but to merge or drop a supplier's submission.

Returns whose lots overlap are two tenders for one lot, and stay the buyer's to decide
(:func:`tendereval.io.tender._bid_again`). So do returns whose organisation details differ in
what the evaluation reads (its registration numbers, its size and type, which decide whether
it is an SME or a VCSE): which is right is for the supplier to confirm, not for the order of
file names to decide.

A supplier may write its name another way in one of them: in capitals ("WYE VALLEY CARERS
CIC"), or with its legal form in full ("Community Interest Company"). Returns whose names are
one as Companies House compares names, and whose supplier keys are equal (capitals and spacing
aside) or whose company or charity numbers are, are the one supplier's (:func:`one_spelling`):
each is read under the name its first file (by file name) gives, the file whose details are
shown, so no order of reading decides it, and the warning names every spelling.
"""

from __future__ import annotations

from dataclasses import replace

from tendereval.award.recorded import ReturnsSetAside
from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import CheckedBid
from tendereval.io.lookalike import registered_form
from tendereval.io.one_organisation import IDENTIFIERS, registered_number
from tendereval.io.other_registration import give_two_registrations
from tendereval.wording import listed, number_word

# The organisation details two returns must give alike: who the supplier is and the size and
# type the SME and VCSE flags are made from. Its address and contact may differ (a bid manager
# for each lot); the first return's (by file name) are shown.
SAME_IN_EVERY_RETURN = (
    "legal_name",
    "company_number",
    "charity_number",
    "org_type",
    "staff",
    "turnover",
    "balance_sheet",
    "sme",
    "vcse",
)


def returns_per_lot(same: list[CheckedBid]) -> tuple[CheckedBid | None, list[Problem]]:
    """The supplier's returns ``same`` (in file-name order) as one bid when each prices
    other lots, with a warning saying so; else (None, the error when only their details stop
    it, or none when their lots overlap)."""
    first = same[0]
    lots = [bid.lots for bid in same]
    every = [lot for each in lots for lot in each]
    if any(bid.supplier != first.supplier for bid in same) or not all(lots):
        return None, []
    if len(every) != len(set(every)):
        return None, []  # two tenders for one lot: the buyer's to decide
    files = [bid.source for bid in same]
    differing = _details_differing(same)
    if differing:
        return None, [
            Problem(
                f"{first.supplier} sent {number_word(len(same))} bid returns, each for other "
                f"lots ({listed(files)}), whose organisation details differ, so none is "
                "evaluated until the supplier confirms which are right",
                file=first.source,
                found="; ".join(differing),
                expected="the same organisation details in every return: if they cannot be "
                "reconciled, reject the tenders (decisions.toml, [[rejection]])",
                code="bid.returns_differ",
                supplier=first.supplier,
            )
        ]
    merged = CheckedBid(
        first.supplier, first.key, first.source, fingerprint=first.fingerprint, parts=tuple(same)
    )
    merged.rows["suppliers"] = list(first.rows["suppliers"])
    for bid in same:
        own = bid.lots
        for name in ("bids", "prices", "packages"):
            merged.rows[name].extend(bid.rows[name])
        # "Every lot bid", in one return of several, is every lot that return bids for.
        merged.rows["supply_chain"].extend(
            {**row, "lots": row.get("lots") or list(own)} for row in bid.rows["supply_chain"]
        )
        merged.rows["commitments"].extend(
            {**row, "lot": lot}
            for row in bid.rows["commitments"]
            for lot in ([row["lot"]] if row.get("lot") is not None else own)
        )
        merged.problems.extend(_of_its_lots(bid.problems, own))
    by_lot = "; ".join(f"{', '.join(bid.lots)} in {bid.source}" for bid in same)
    merged.problems.append(
        Problem(
            f"{first.supplier} sent {number_word(len(same))} bid returns, each for other lots"
            f"{_spellings(same)}: each is its tender for the lots it prices",
            file=first.source,
            found=by_lot,
            expected="one bid return per supplier (as the template asks), or one for each lot",
            code="bid.returns_per_lot",
            severity=Severity.WARNING,
            supplier=first.supplier,
        )
    )
    return merged, []


def without_lots(bid: CheckedBid, lots: list[str]) -> CheckedBid:
    """``bid`` without its tenders for ``lots``: lots the buyer records this return withdrawn
    for, the supplier having priced them again in a later return. What it gives for every lot
    (a commitment or subcontractor with no lot) is for the lots it still prices; a package
    offer for a withdrawn lot goes with it; its problems for those lots are returned apart."""
    out = CheckedBid(bid.supplier, bid.key, bid.source, fingerprint=bid.fingerprint)
    gone = set(lots)
    left = [lot for lot in bid.lots if lot not in gone]
    out.rows["suppliers"] = list(bid.rows["suppliers"])
    for name in ("bids", "prices", "commitments"):
        out.rows[name] = [row for row in bid.rows[name] if row.get("lot") not in gone]
    out.rows["packages"] = [row for row in bid.rows["packages"] if not gone & set(row["lots"])]
    out.rows["supply_chain"] = [
        {**row, "lots": kept}
        for row in bid.rows["supply_chain"]
        if (kept := [lot for lot in (row.get("lots") or left) if lot not in gone])
    ]
    out.problems = [p for p in bid.problems if p.lot not in gone]
    return out


def one_spelling(returns: list[CheckedBid], set_aside: ReturnsSetAside) -> list[CheckedBid]:
    """``returns`` with each supplier's returns each for other lots under one spelling of its
    name, when they give it two ways (see the module's docstring): each under the name of the
    first file by name. Returns for one lot, or whose details differ, or that a record sets
    aside by file, are left as they are, for the buyer to decide on as before."""
    out = list(returns)
    for group in _one_organisation(returns):
        same = [returns[i] for i in group]
        first = same[0]
        if (
            all(bid.supplier == first.supplier for bid in same)
            or len({bid.source for bid in same}) < len(same)  # rows of one workbook
            or any(set_aside.naming(bid.source) for bid in same)
            or not _each_for_other_lots(same)
            or _details_differing(same)
            or give_two_registrations(same)
        ):
            continue
        for i in group:
            if returns[i].supplier != first.supplier:
                out[i] = _renamed(returns[i], first)
    return out


def _one_organisation(returns: list[CheckedBid]) -> list[list[int]]:
    """The places in ``returns`` of each organisation's returns, when more than one, in
    file-name order: one name as Companies House compares names, and one supplier key or one
    company (or charity) number or PPON."""
    groups: dict[int, list[int]] = {}
    first: dict[tuple[str, ...], int] = {}
    for i in sorted(range(len(returns)), key=lambda i: returns[i].source.casefold()):
        bid = returns[i]
        form = registered_form(bid.supplier) or bid.key
        keys = [("key", bid.key)] + [
            ("number", form, field, number)
            for field, _ in IDENTIFIERS
            if (number := registered_number(bid, field))
        ]
        found = next((first[key] for key in keys if key in first), None)
        if found is None:
            groups[i] = [i]
            found = i
        else:
            groups[found].append(i)
        for key in keys:
            first.setdefault(key, found)
    return [group for group in groups.values() if len(group) > 1]


def _each_for_other_lots(same: list[CheckedBid]) -> bool:
    lots = [bid.lots for bid in same]
    every = [lot for each in lots for lot in each]
    return all(lots) and len(every) == len(set(every))


def _renamed(bid: CheckedBid, first: CheckedBid) -> CheckedBid:
    """``bid`` under the supplier name (and key) of ``first``, its problems too; the legal
    name it gives is kept on its details, as its file gives it."""
    out = CheckedBid(first.supplier, first.key, bid.source, fingerprint=bid.fingerprint)
    for name, rows in bid.rows.items():
        out.rows[name] = [
            {**row, "supplier": first.supplier}
            | ({"supplier_key": first.key} if "supplier_key" in row else {})
            if "supplier" in row
            else row
            for row in rows
        ]
    out.problems = [
        replace(p, supplier=first.supplier) if p.supplier == bid.supplier else p
        for p in bid.problems
    ]
    return out


def _spellings(same: list[CheckedBid]) -> str:
    """The ways the returns write the supplier's name, when more than one: ", its name
    written 'Acme Care Ltd' in bids/a.xlsx and 'ACME CARE LTD' in bids/b.xlsx"."""
    given: dict[str, list[str]] = {}
    for bid in same:
        name = next(iter(bid.rows["suppliers"]), {}).get("legal_name")
        if name:
            given.setdefault(name, []).append(bid.source)
    if len(given) < 2:
        return ""
    ways = [f"'{name}' in {listed(files)}" for name, files in given.items()]
    return f", its name written {listed(ways)} (shown as the first file writes it)"


def _details_differing(same: list[CheckedBid]) -> list[str]:
    """Each detail of :data:`SAME_IN_EVERY_RETURN` the returns give differently, with what
    each file gives ("staff: 40 in bids/a.xlsx, 45 in bids/b.xlsx"). The legal name is
    compared as Companies House compares names: "WYE VALLEY CARERS CIC" is the name of Wye
    Valley Carers CIC."""
    rows = [(bid.source, _details(bid)) for bid in same]
    said = []
    for field in SAME_IN_EVERY_RETURN:
        values = [(source, row.get(field)) for source, row in rows]
        compared = (
            {registered_form(value) if value else value for _, value in values}
            if field == "legal_name"
            else {value for _, value in values}
        )
        if len(compared) > 1:
            given = ", ".join(f"{_shown(value)} in {source}" for source, value in values)
            said.append(f"{field.replace('_', ' ')}: {given}")
    return said


def _details(bid: CheckedBid) -> dict:
    """The organisation details a return gives (its ``suppliers`` row)."""
    return next(iter(bid.rows["suppliers"]), {})


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def _of_its_lots(problems: list[Problem], lots: list[str]) -> list[Problem]:
    """A return's problems, each error naming no lot made one for each lot it bids for: it
    makes that return's tenders invalid, not the tenders the supplier's other returns make."""
    out: list[Problem] = []
    for problem in problems:
        if problem.is_error and problem.supplier and problem.lot is None:
            out.extend(replace(problem, lot=lot) for lot in lots)
        else:
            out.append(problem)
    return out
