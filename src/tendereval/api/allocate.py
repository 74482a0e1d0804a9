"""``allocate``: which offers win which lots under a declared policy, and for a tender the
award its published rules give, side by side.

For an offers file (or frame) this is the optimiser under the policy, with the unconstrained
best-value answer beside it (:func:`tendereval.allocation.allocate`). For a tender (a folder or
a loaded :class:`Tender`) the bids are scored first and every ranked bid and package offer
becomes an offer; the plan's lot cap and second-tier rule apply unless overridden, and ties are
broken by the plan's own tie-break and the buyer's recorded decisions, never by name or offer
order. The award under the plan's published rules (the award decision) is what is awarded;
where the optimiser would award differently the two are compared lot by lot, with the
difference in score and price.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import polars as pl

from tendereval.allocation.policy import Policy
from tendereval.allocation.result import AllocationResult, compared_total, value_in_pence
from tendereval.award.decision import NO_AWARD, UNDECIDED, AwardDecision
from tendereval.comparison import rounded
from tendereval.errors import (
    InputError,
    Problem,
    Severity,
    UsageError,
    path_argument,
    progress_argument,
    seconds_limit,
)
from tendereval.provenance import FRAME_OF_OFFERS, Source
from tendereval.scoring.result import ScoreResult
from tendereval.shown import brief
from tendereval.slips import contract_cost_in_thousands
from tendereval.tender import Tender
from tendereval.wording import listed, pounds

POLICY_SETTINGS = frozenset(f.name for f in fields(Policy))


# Equal only to itself (``==`` is ``is``), and so usable as a dict key, as the tender, the
# result and the allocation it holds are: the default ``==`` compared the fields, and a
# copy was equal to it though it is another run's record (docs/python.md).
@dataclass(eq=False)
class TenderAllocation:
    """The optimiser's allocation and, for a tender, the published award beside it."""

    allocation: AllocationResult
    award: AwardDecision | None = None
    result: ScoreResult | None = None
    problems: list[Problem] = field(default_factory=list)

    def __repr__(self) -> str:
        return brief(self)

    @property
    def policy(self) -> Policy:
        return self.allocation.policy

    @property
    def undecided(self) -> list[str]:
        """Lots that cannot be awarded yet: for a tender, those the plan's published rules
        leave undecided (the award decision's, as score says: the award is what is awarded,
        and a lot it decides needs no decision recorded, however the optimiser's equally good
        allocations award it); for an offers file, those the optimiser's tie-break left."""
        if self.award is not None:
            return list(self.award.undecided)
        return list(self.allocation.undecided)

    @property
    def invalid_bids(self) -> pl.DataFrame:
        """The tender's bids their errors made invalid, which make no offer: ``supplier``,
        its ``lots`` (sorted) and ``rejected``, whether the buyer recorded them as rejected
        ([[rejection]] in decisions.toml): their errors then hold the award back no longer, as
        the award decision settles them for score, summaries and publish. ``lots`` is empty
        for a return no lot could be read from (a plan of several lots). Empty for an
        offers file."""
        schema = {"supplier": pl.String, "lots": pl.List(pl.String), "rejected": pl.Boolean}
        if self.result is None or self.award is None:
            return pl.DataFrame(schema=schema)
        results = self.result.results
        source = pl.col("source") if "source" in results.columns else pl.lit(None, pl.String)
        invalid = results.filter(pl.col("status") == "invalid")
        # The award decision's own record of each (a handful of bids, asked one by one).
        rejected = [
            self.award.rejection_of(supplier, lot, file) is not None
            for supplier, lot, file in invalid.select("supplier", "lot", source).iter_rows()
        ]
        return (
            invalid.with_columns(rejected=pl.Series(rejected, dtype=pl.Boolean))
            .group_by("supplier", "rejected", maintain_order=True)
            # (A return no lot could be read from, in a plan of several, is in no lot: none.)
            .agg(lots=pl.col("lot").drop_nulls().sort())
            .sort("rejected", "supplier")
            .select(list(schema))
        )

    @property
    def share_errors(self) -> list[Problem]:
        """The errors in organisation or supply-chain details: they make no bid invalid, but a
        share of the work in error counts toward no SME or VCSE share, and a status that
        cannot be read is unknown (:func:`tendereval.io.bid_rules.in_details`)."""
        from tendereval.io.bid_rules import in_details

        return [p for p in self.problems if in_details(p)]

    @property
    def ok(self) -> bool:
        """Solved (or nothing to allocate, as when every bid was disqualified) and every lot
        decided; for a tender, nothing holds its award back (the award decision's
        award_blockers: input errors not settled by a recorded rejection, a tender still to be
        evaluated …; a score with no explanation stops only the summaries),
        for an offers file no error in it (the command's exit 0)."""
        nothing = self.allocation.status == "no_offers" and not self.policy.award_all_lots
        held = (
            bool(self.award.award_blockers)
            if self.award is not None
            else any(p.is_error for p in self.problems)
        )
        return (self.allocation.solved or nothing) and not self.undecided and not held

    @property
    def comparison(self) -> pl.DataFrame | None:
        """Per lot: the published award, the optimiser's, and whether they agree (tenders
        only)."""
        if self.award is None:
            return None
        return compare(self.award, self.allocation)

    @property
    def differences(self) -> dict[str, float] | None:
        """The optimiser's total score and total price minus the published award's, over the
        lots both decide (None when either has an undecided lot or the solve failed)."""
        if self.award is None or self.result is None or not self.allocation.solved:
            return None
        if self.undecided or self.allocation.undecided:
            return None
        published = published_totals(self.award, self.result)
        totals = self.allocation.totals
        # Each total to the 4 places scores are compared (and shown) in, and the difference of
        # those: a difference of unrounded totals read 1.33 beside totals 1.34 apart.
        score = rounded(published["score"])
        return {
            "score": rounded(rounded(totals.total_score) - score),
            "price": round(totals.total_price - published["price"], 2),
            "published_score": score,
            "published_price": published["price"],
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.allocation.to_dict()
        if self.award is not None:
            comparison = self.comparison
            data["published_award"] = self.award.to_dict()
            data["comparison"] = comparison.to_dicts() if comparison is not None else []
            data["differences"] = self.differences
        record = self.allocation.provenance
        if self.result is not None and record is not None:
            # The plan and bids by SHA-256, as the score JSON lists them, where a tender's
            # record has always given them (``provenance`` holds them for every allocation).
            data["inputs"] = record.inputs.to_dicts()
            data["tendereval_version"] = record.versions["tendereval"]
        data["undecided_lots"] = self.undecided
        # The warnings printed with the allocation (a budget below every offer, a name in a
        # setting that no offer has, a supplier's name spelt two ways) belong to its record.
        data["problems"] = [p.to_dict() for p in self.problems]
        return data


def allocate(
    source: str | Path | Tender | pl.DataFrame,
    *,
    solver: str | None = None,
    time_limit: float | None = None,
    progress: Callable[[str], None] | None = None,
    steps: Callable[[str], None] | None = None,
    **settings: Any,
) -> TenderAllocation:
    """Allocate the lots of ``source``: a tender folder or :class:`Tender`, an offers file
    (CSV or .xlsx), or a frame of offers. ``settings`` are :class:`Policy` fields
    (``max_lots_per_supplier=3``, ``min_sme_share=0.3`` …); a setting given as None is not
    set. ``solver``: "highs" or "cbc" (default HiGHS when installed, else CBC). For a tender,
    the plan's lot cap and ``count_second_tier`` apply unless given. ``progress`` is told
    (a line of text) before slow work starts; ``steps`` of each step of the allocation with
    its time (checking offers, setting aside those that cannot win, each level of the solve),
    for a terminal.

    Raises ``TenderNotFound``, ``PlanError``, ``NoBids``, ``InputError`` (an offers file with
    problems) or ``UsageError`` (a setting or solver that cannot be used).

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> done = tendereval.allocate(
        ...     "examples/offers/homecare-offers.csv", max_lots_per_supplier=4
        ... )
        >>> done.allocation.status, done.allocation.total_price
        ('optimal', 18176400.0)
    """
    from tendereval.allocation import allocate as optimise

    if isinstance(source, ScoreResult):
        # A scored result has lost the package offers and named subcontractors of the bids.
        raise UsageError(
            "allocate needs the tender folder (or the loaded Tender), not a scored result: its "
            "package offers and second-tier shares come from the bids"
        )
    from tendereval.allocation.solvers import default_solver

    solver = solver or default_solver()  # HiGHS when installed, else CBC
    time_limit = seconds_limit("time_limit", time_limit)
    progress = progress_argument("progress", progress)
    steps = progress_argument("steps", steps)
    given = {name: value for name, value in settings.items() if value is not None}
    unknown = sorted(set(given) - POLICY_SETTINGS)
    if unknown:
        raise UsageError(f"not a policy setting: {', '.join(unknown)}")
    # Before the offers are read: a setting given as text failed comparing it with them.
    Policy(**given).must_be_usable()
    if isinstance(source, Tender) or (isinstance(source, (str, Path)) and Path(source).is_dir()):
        return _tender(source, given, solver, time_limit, progress, steps)
    offers, noted, read = _offers(source)
    given, warnings = fit_to_offers(given, offers)
    warnings = [*noted, *warnings]
    if progress is not None:
        progress(f"Solving with {solver.upper()}…")
    policy = Policy(**given)
    allocation = optimise(
        offers, policy, solver=solver, time_limit=time_limit, progress=steps, source=read
    )
    return TenderAllocation(allocation, problems=warnings)


def fit_to_offers(
    given: dict[str, Any], offers: pl.DataFrame, tender_lots: Sequence[str] | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """Settings made concrete for these offers: a minimum quality for "every other lot"
    (``*``) is given to each lot the offers cover; a supplier or lot named in a setting but
    in no offer is warned about (usually a typing slip). For a tender (``tender_lots``, the
    plan's), a lot the tender does not have is a UsageError, as ``lot_results`` makes it."""
    suppliers = set(offers.get_column("supplier").to_list())
    lots = set(offers.get_column("lots").explode().drop_nulls().to_list())
    given = _named_as_in_offers(given, suppliers, lots | set(tender_lots or ()))
    quality = given.get("min_quality_per_lot")
    if isinstance(quality, dict) and "*" in quality:
        rest = {lot: quality["*"] for lot in lots}
        given = {
            **given,
            "min_quality_per_lot": {**rest, **{k: v for k, v in quality.items() if k != "*"}},
        }
    named_suppliers = {*given.get("supplier_max_lots", {}), *given.get("supplier_max_value", {})}
    warnings = [
        Problem(
            f"no offer is from a supplier called '{name}'",
            sheet="policy",
            code="policy.unknown_supplier",
            severity=Severity.WARNING,
        )
        for name in sorted(named_suppliers - suppliers)
    ] + _lots_no_offer_covers(given, lots, tender_lots)
    return given, warnings + _budgets_buying_nothing(given, offers) + _contract_cost(given, offers)


def _lots_no_offer_covers(
    given: dict[str, Any], offered: set[str], tender_lots: Sequence[str] | None
) -> list[Problem]:
    """A warning for each lot a setting names that no offer covers, saying so when it reads
    as another lot mistyped (AHS beside ASH: the budget meant for ASH applies to nothing). A
    lot no one bid for is no slip of itself (the districts TON and TUN, one with no offer), so
    only a tender, whose plan lists its lots, can refuse a lot: one it does not have."""
    from tendereval.allocation.offers import lots_like

    warnings = []
    for key in LOT_KEYED:
        named = given.get(key) if isinstance(given.get(key), Mapping) else {}
        for lot in sorted(set(named) - offered - {"*"}):
            # (A lot the plan has is no slip: for a tender only its other lots can be one.)
            known = set(tender_lots) if tender_lots is not None else offered
            like = lots_like(lot, known) if lot not in known else []
            slip = f"; it reads as {' or '.join(like)} mistyped" if like else ""
            if tender_lots is not None and lot not in tender_lots:
                raise UsageError(
                    f"{_SETTING_WORDS[key]}: the tender has no lot called {lot!r}{slip} (its "
                    f"lots: {', '.join(tender_lots)})"
                )
            warnings.append(
                Problem(
                    f"no offer covers a lot called '{lot}'{slip}: check it",
                    sheet="policy",
                    cell=key,
                    code="policy.unknown_lot",
                    severity=Severity.WARNING,
                )
            )
    return warnings


def _contract_cost(given: dict[str, Any], offers: pl.DataFrame) -> list[Problem]:
    """A warning for a cost of managing a contract under a ten-thousandth of the median
    offer: with ``--objective cost`` it decides how many contracts are worth letting, and
    £25 typed for £25k made splitting look free."""
    cost = given.get("contract_management_cost") or 0.0
    median = offers.get_column("price").median() if not offers.is_empty() else None
    if median is None or not contract_cost_in_thousands(cost, median):
        return []
    return [
        Problem(
            f"the cost of managing a contract, {pounds(cost)}, is under a ten-thousandth of "
            f"the median offer ({pounds(median)}): is it in thousands?",
            sheet="policy",
            cell="contract_management_cost",
            found=pounds(cost),
            expected="the buyer's cost of managing one contract in pounds: 25k or 25000 for "
            "£25,000",
            code="policy.contract_cost_units",
            severity=Severity.WARNING,
        )
    ]


def _budgets_buying_nothing(given: dict[str, Any], offers: pl.DataFrame) -> list[Problem]:
    """A warning for a budget (the total, a lot's, or the most value a supplier may take on,
    unless 0) below the price of every offer it applies to: nothing can be
    awarded under it, and the allocation came back "optimal" with every lot unawarded, under
    the policy and without it (a budget is a rule, not a policy). Usually a figure typed in
    the wrong units: ``--budget 18`` meant for £18m."""

    def buys_nothing(where: str, budget: float, cheapest: dict[str, Any], what: str) -> Problem:
        return Problem(
            f"the {what}, {pounds(budget)}, is below the price of every offer it applies to "
            f"(the cheapest, {cheapest['offer_id']}, is {pounds(cheapest['price'])}), so "
            "nothing can be awarded under it",
            sheet="policy",
            cell=where,
            found=pounds(budget),
            expected="an amount in pounds: 18m or 18000000 for £18 million, 250k for £250,000",
            code="policy.budget_buys_nothing",
            severity=Severity.WARNING,
        )

    if offers.is_empty():
        return []
    by_price = offers.select("offer_id", "lots", "price").sort("price", "offer_id")
    found = []
    budget = given.get("budget")
    if budget is not None and budget < by_price["price"][0]:
        found.append(buys_nothing("budget", budget, by_price.row(0, named=True), "budget"))
    lot_budgets = given.get("lot_budgets") or {}
    if lot_budgets:
        # A lot's budget bounds its single-lot offers (a package may cost its lots' budgets
        # together): a lot offered only in packages is not judged here.
        single = by_price.filter(pl.col("lots").list.len() == 1)
        cheapest = single.explode("lots").unique("lots", keep="first", maintain_order=True)
        for row in cheapest.iter_rows(named=True):
            amount = lot_budgets.get(row["lots"])
            if amount is not None and amount < row["price"]:
                found.append(
                    buys_nothing(
                        f"lot_budgets[{row['lots']}]", amount, row, f"budget for lot {row['lots']}"
                    )
                )
    # A supplier's cap on value below all its offers: it can win nothing. 0 is how a supplier
    # is kept out on purpose; £1 (typed for £1m) is not.
    capped = {name: v for name, v in (given.get("supplier_max_value") or {}).items() if v > 0}
    if capped:
        own = by_price.join(
            offers.select("offer_id", "supplier"), on="offer_id", how="left"
        ).unique("supplier", keep="first", maintain_order=True)
        for row in own.iter_rows(named=True):
            amount = capped.get(row["supplier"])
            if amount is not None and amount < row["price"]:
                found.append(
                    buys_nothing(
                        f"supplier_max_value[{row['supplier']}]",
                        amount,
                        row,
                        f"most value {row['supplier']} can take on",
                    )
                )
    return found


# The settings keyed by a supplier's name, and by a lot id.
SUPPLIER_KEYED = ("supplier_max_lots", "supplier_max_value", "supplier_max_volume")
LOT_KEYED = ("lot_budgets", "min_quality_per_lot")
# Each setting as an officer reads it (the command line's option and the Python keyword).
_SETTING_WORDS = {
    "supplier_max_lots": "The most lots a supplier may win (--supplier-max-lots, "
    "supplier_max_lots)",
    "supplier_max_value": "The most value a supplier may take on (--supplier-max-value, "
    "supplier_max_value)",
    "supplier_max_volume": "The most volume a supplier may take on (supplier_max_volume)",
    "lot_budgets": "A lot's budget (--lot-budget, lot_budgets)",
    "min_quality_per_lot": "A lot's minimum quality (--min-quality, min_quality_per_lot)",
}


def _named_as_in_offers(
    given: dict[str, Any], suppliers: set[str], lots: set[str]
) -> dict[str, Any]:
    """Suppliers and lots named in settings, written as the offers write them: case and
    spacing make no difference, as in the offers themselves (``acme ltd=0`` limits Acme Ltd,
    and a minimum quality for ``l1`` applies to lot L1, not to a lot of its own)."""
    from tendereval.io.keys import supplier_key

    def respelled(key: str, names: dict[str, Any], known: set[str]) -> dict[str, Any]:
        spelling = {supplier_key(name): name for name in sorted(known)}
        out: dict[str, Any] = {}
        typed: dict[str, str] = {}
        for name, value in names.items():
            if not isinstance(name, str):
                # (Lot ids read from a column of whole numbers: 101, not "101".)
                raise UsageError(
                    f"{_SETTING_WORDS[key]}: {name!r} is not a "
                    f"{'lot id' if key in LOT_KEYED else 'supplier name'}: give it as text"
                )
            own = name if name in known else spelling.get(supplier_key(name), name)
            if own in out and out[own] != value:
                # Two spellings of one name with two values: which was meant is the caller's
                # to say (the command line refuses the same; a dict's order decided before).
                raise UsageError(
                    f"{_SETTING_WORDS[key]}: {typed[own]!r} and {name!r} name the same "
                    f"{'lot' if key in LOT_KEYED else 'supplier'} with two values, "
                    f"{out[own]!r} and {value!r}: give it once, with the value meant"
                )
            out[own], typed[own] = value, name
        return out

    given = dict(given)
    for key, known in [*((k, suppliers) for k in SUPPLIER_KEYED), *((k, lots) for k in LOT_KEYED)]:
        if isinstance(given.get(key), Mapping):
            given[key] = respelled(key, dict(given[key]), known | {"*"})
    return given


def _offers(source: str | Path | pl.DataFrame) -> tuple[pl.DataFrame, list[Problem], Source]:
    """The offers, the warnings about them (which do not stop the allocation: a hidden
    sheet, a macro-enabled workbook) and what they were read from, by the SHA-256 of the bytes
    read; an error in any row stops it."""
    from tendereval.allocation.offers import offers_from_frame, read_offers_fingerprinted
    from tendereval.pandas_frames import described, is_pandas_frame

    read = FRAME_OF_OFFERS
    if isinstance(source, pl.DataFrame):
        offers, problems = offers_from_frame(source)
    else:
        expected = "a tender folder, a Tender, an offers file (.csv or .xlsx) or a frame of offers"
        if is_pandas_frame(source):
            # (Its repr is pandas' printed table, cut off: say what it is and how to convert.)
            raise UsageError(f"source must be {expected} in polars, not {described(source)}")
        path = path_argument("source", source, expected)
        offers, problems, fingerprint = read_offers_fingerprinted(path)
        if fingerprint is not None:
            read = Source.file(
                "an offers file", str(path), "offers", fingerprint.sha256, fingerprint.size
            )
    if any(p.is_error for p in problems):
        raise InputError(problems)
    if offers.is_empty():
        # A frame is named as what it is: its repr is a printed table, twice over in a message.
        named = "the frame of offers" if isinstance(source, pl.DataFrame) else str(source)
        raise InputError(
            [
                *problems,
                Problem(
                    f"{named} holds no offers",
                    file="" if isinstance(source, pl.DataFrame) else str(source),
                    code="offers.none",
                ),
            ]
        )
    return offers, problems, read


def _tender(
    source: str | Path | Tender,
    given: dict[str, Any],
    solver: str,
    time_limit: float | None,
    progress: Callable[[str], None] | None,
    steps: Callable[[str], None] | None,
) -> TenderAllocation:
    from tendereval.allocation import allocate as optimise
    from tendereval.allocation.from_tender import (
        offers_from_scores,
        tie_values_from_award,
        unknown_partner_notes,
        unknown_status_notes,
    )
    from tendereval.api.sources import load, scored

    result = scored(load(source), progress=progress)
    plan = result.plan
    offers = offers_from_scores(result)
    # The plan's published lot cap and second-tier rule apply unless the caller overrides
    # them; ties are the plan's to break, never the optimiser's offer order.
    policy = Policy(
        **{
            "max_lots_per_supplier": plan.lot_cap.max_lots_per_supplier,
            "count_second_tier": plan.second_tier_counts,
            # A lot the buyer decided not to award is not the optimiser's to award either.
            "lots": tuple(lot for lot in plan.lot_ids if lot not in _not_to_award(result)),
            **given,
            "tie_break": "plan",
            "plan_tie_break": tuple(plan.tie_break),
            # The optimiser's last ties go as the published award goes (it follows the
            # plan's lot-cap rule and the decisions it applies): a lot the rules settled is
            # not undecided here, nor settled by a decision the award did not apply.
            "follow_published_award": True,
        }
    )
    closed = _not_to_award(result)
    settings, warnings = fit_to_offers(policy_settings(policy), offers, plan.lot_ids)
    policy = Policy(**settings)
    if progress is not None:
        progress(f"Solving with {solver.upper()}…")
    allocation = optimise(
        offers,
        policy,
        solver=solver,
        time_limit=time_limit,
        tie_values=tie_values_from_award(result, offers),
        progress=steps,
        source=Source(_tender_given(result), result.inputs),
    )
    _settled_by_the_award(allocation, result.award)
    allocation.notes.extend(unknown_status_notes(result, offers))
    if policy.count_second_tier:
        allocation.notes.extend(unknown_partner_notes(result, offers))
    if offers.is_empty():
        allocation.notes.append(_nothing_to_allocate(result, plan.lot_ids, closed))
    return TenderAllocation(
        allocation,
        award=result.award,
        result=result,
        problems=[*result.problems, *result.award.problems, *warnings],
    )


def _settled_by_the_award(allocation: AllocationResult, award: AwardDecision) -> None:
    """The note on the optimiser's undecided lots, for a tender: a lot the published award
    decides needs no decision recorded (one would be not needed, or an error if it differs
    from the rules), so only the lots the award leaves undecided too are the buyer's to
    decide. (Differential red team, session 37: under a cap_rule the award decided L2 and L3,
    score exited 0, and allocate exited 1 asking for a decision score would not apply.)"""
    from tendereval.allocation.api import unchecked_note, undecided_note, unproved_note

    lots = list(allocation.undecided)
    settled = [lot for lot in lots if lot not in award.undecided]
    unknown = {unchecked_note(lots), unproved_note(lots)}
    if settled and unknown & set(allocation.notes):
        # Whether these lots tie is not known (a time limit): the award decides them anyway.
        many = len(settled) > 1
        allocation.notes.append(
            f"The award under the plan's published rules decides lot{'s' if many else ''} "
            f"{', '.join(settled)} (below): no decision is needed in decisions.toml"
            + (" for them." if len(settled) < len(lots) else ".")
        )
        return
    note = undecided_note(lots)
    if not settled or note not in allocation.notes:
        return
    many = len(settled) > 1
    notes = [
        f"Equally good: other allocations are exactly as good under every published rule and "
        f"award lot{'s' if many else ''} {', '.join(settled)} otherwise, so the optimiser names "
        f"no supplier for {'them' if many else 'it'}. The award under the plan's published "
        f"rules decides {'them' if many else 'it'} (below): no decision is needed in "
        "decisions.toml."
    ]
    still = [lot for lot in lots if lot not in settled]
    if still:
        notes.insert(0, undecided_note(still))
    at = allocation.notes.index(note)
    allocation.notes[at : at + 1] = notes


def _tender_given(result: ScoreResult) -> str:
    """What the allocation of a tender was given, in words."""
    if result.folder is None:
        return "a tender built in Python (not read from a folder)"
    return f"the tender folder {result.folder}"


def compare(award: AwardDecision, allocation: AllocationResult) -> pl.DataFrame:
    """lot, published (the award decision's supplier, or why none), optimiser (its supplier,
    ``(package)`` marked, or why none) and ``same``: the same supplier, or both leave the
    lot unawarded for the same reason (no award, or undecided)."""
    won = {lot: (supplier, package) for lot, _, supplier, package in allocation.winners.rows()}
    # No allocation (infeasible, not solved, no offers) has no winner and no "not awarded"
    # either, as the workbook's Allocation sheet says; with no offers at all it leaves every
    # lot unawarded, as a published no award does.
    if allocation.solved:
        none_found = None
    else:
        none_found = f"no allocation ({allocation.status.replace('_', ' ')})"
    rows = []
    for lot in [*award.lots, *(lot for lot in allocation.lots if lot not in award.lots)]:
        decided = award.lots.get(lot)
        published = decided.supplier if decided is not None and decided.awarded else None
        supplier, package = won.get(lot, (None, False))
        undecided = lot in allocation.undecided
        if undecided:
            supplier = None
        outcome = decided.outcome if decided is not None else None
        neither = supplier is None and (
            (outcome == NO_AWARD and not undecided) or (outcome == UNDECIDED and undecided)
        )
        if none_found is not None:
            neither = outcome == NO_AWARD and allocation.status == "no_offers"
        rows.append(
            {
                "lot": lot,
                "published": published
                or (
                    (
                        "not to be awarded"
                        if decided.not_to_award
                        else decided.outcome.replace("_", " ")
                    )
                    if decided
                    else "-"
                ),
                "optimiser": (
                    none_found
                    if none_found is not None
                    else "undecided"
                    if lot in allocation.undecided
                    else f"{supplier} (package)"
                    if package
                    else supplier or "not awarded"
                ),
                "same": neither
                or (published is not None and supplier == published and not package),
            }
        )
    return pl.DataFrame(
        rows,
        schema={"lot": pl.String, "published": pl.String, "optimiser": pl.String, "same": bool},
    )


def published_totals(award: AwardDecision, result: ScoreResult) -> dict[str, float]:
    """The total score and total evaluated price of the published award's proposed bids: the
    score each bid's total to 4 places, added, as the optimiser's total is."""
    chosen = award.bid_outcomes(result.results).filter(pl.col("award") == "awarded")
    return {
        "score": compared_total(chosen.get_column("total")),
        # In whole pence, as the allocation's total beside it (allocation.result.totals_of).
        "price": chosen.select(value_in_pence(pl.col("evaluated_price").fill_null(0.0))).item(),
    }


def policy_settings(policy: Policy) -> dict[str, Any]:
    """A policy's settings by name, as ``Policy(**settings)`` takes them back."""
    return {f.name: getattr(policy, f.name) for f in fields(Policy)}


def _nothing_to_allocate(result: ScoreResult, lots: Sequence[str], closed: set[str]) -> str:
    """Why a tender with no offer allocates nothing, as the award decided it: the lots the
    buyer decided not to award ([[no_award]]), the others with no tender that could be
    ranked."""
    if closed >= set(lots):
        why = "The buyer decided not to award any lot ([[no_award]] in decisions.toml)"
    else:
        unranked = "every bid was disqualified or invalid, or none came in"
        why = f"No tender in any lot could be ranked ({unranked})"
        if closed:
            why = (
                f"The buyer decided not to award {_lots_in_words([x for x in lots if x in closed])}"
                f" ([[no_award]] in decisions.toml) and no tender in any other lot could be "
                f"ranked ({unranked})"
            )
    published = ", as the published award says" if result.award.nothing_awarded else ""
    return f"{why}, so there is nothing to allocate: no lot is awarded{published}."


def _lots_in_words(lots: Sequence[str]) -> str:
    return ("lot " if len(lots) == 1 else "lots ") + listed(lots)


def _not_to_award(result: ScoreResult) -> set[str]:
    """The lots the buyer decided not to award ([[no_award]] in decisions.toml)."""
    return {lot for lot, award in result.award.lots.items() if award.not_to_award}
