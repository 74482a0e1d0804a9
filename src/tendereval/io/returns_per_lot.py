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
"""

from __future__ import annotations

from dataclasses import replace

from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import CheckedBid
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
            f"{first.supplier} sent {number_word(len(same))} bid returns, each for other lots: "
            "each is its tender for the lots it prices",
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


def _details_differing(same: list[CheckedBid]) -> list[str]:
    """Each detail of :data:`SAME_IN_EVERY_RETURN` the returns give differently, with what
    each file gives ("staff: 40 in bids/a.xlsx, 45 in bids/b.xlsx")."""
    rows = [(bid.source, next(iter(bid.rows["suppliers"]), {})) for bid in same]
    said = []
    for field in SAME_IN_EVERY_RETURN:
        values = [(source, row.get(field)) for source, row in rows]
        if len({value for _, value in values}) > 1:
            given = ", ".join(f"{_shown(value)} in {source}" for source, value in values)
            said.append(f"{field.replace('_', ' ')}: {given}")
    return said


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
