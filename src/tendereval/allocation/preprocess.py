"""Make the allocation problem smaller before the solver sees it, without changing its answer.

Four steps, each safe under the declared policy and tie-break rule:

1. *Eligibility*: offers below a lot's minimum quality, or above a lot's budget, are set aside
   with the reason (they could never be awarded).
2. *Dominance*: an offer is dropped only when another offer of the same supplier, for exactly
   the same lots, with the same SME/VCSE standing, in the same exclusive group (or none), is at
   least as good in every respect that any rule in force looks at, and better under the
   objective and tie-break. Any allocation using the dropped offer could then swap in the other
   and be strictly better, so the dropped offer can never be in the answer. While a share rule
   is in force price is not compared (a dearer SME offer can help an SME share by value), so
   only offers with the same price are compared then.
3. *Outbid offers* (``drop_outbid``): an offer is dropped when other offers for lots among its
   own, outside any exclusive group, together rank higher under the objective and tie-break
   (anyone's where no rule looks at who wins; the supplier's own, covering exactly its lots,
   where the rules only count each supplier's lots; never under other rules). On package bids
   this is the reduction that matters: a package dearer than others' offers for its lots.
4. *Independent lots*: lots that no package, exclusive group or supplier-wide rule ties to
   another lot are settled directly, by taking their best offer under the objective and
   tie-break. The rest go to the MILP together. While a rule that adds up over all lots is in
   force (a budget or any share), every lot stays in the MILP.

Money is compared to the penny and scores to four decimal places: those are the units in
which two allocations tie.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from tendereval.allocation.model import Level, levels_for
from tendereval.allocation.policy import GLOBAL_RULES, Policy
from tendereval.comparison import (
    PENCE,
    POINT_UNITS,
    below_minimum,
    pence,
    points_units,
    rounded_expr,
    whole_pence,
)
from tendereval.scoring.common import money

# The units two allocations tie in are those in which scoring ranks two bids equal.
SCORE_UNITS = POINT_UNITS

DOMINATED_SCHEMA = {"offer_id": pl.String, "dominated_by": pl.String, "reason": pl.String}
SAME_SUPPLIER_AND_LOTS = "same supplier and lots, and no better in any respect any rule looks at"
# Rules under which an offer may be replaced by other suppliers' offers for the same lots (no
# rule looks at who wins), and those under which only by its own supplier's offers covering
# exactly its lots (the rules count each supplier's lots, which that keeps the same).
OUTBID_BY_ANYONE = frozenset({"award_all_lots"})
OUTBID_BY_ITS_SUPPLIER = frozenset({"award_all_lots", "cap", "supplier_max_lots", "min_suppliers"})
# A package of more lots than this is not checked (2^lots combinations of its lots).
OUTBID_MOST_LOTS = 12


@dataclass(frozen=True)
class Prepared:
    """The offers the optimiser works with, and what was set aside and why.

    ``offers`` has the offer columns plus exact integer units (``price_units`` in pence,
    ``cost_units`` in pence including contract management cost, ``score_units`` in
    1/10,000 points), ``n_lots``, ``rank`` (position in natural offer_id order, from 1, over
    every offer given) and ``direct`` (True when the offer's lot is settled without the solver).
    ``excluded`` lists ineligible offers (offer_id, supplier, reason); ``dominated`` the
    offers dropped by dominance (offer_id, dominated_by).
    """

    offers: pl.DataFrame
    excluded: pl.DataFrame
    dominated: pl.DataFrame
    lots: list[str]

    @property
    def solver_offers(self) -> pl.DataFrame:
        """Offers the MILP decides between."""
        return self.offers.filter(~pl.col("direct"))

    @property
    def direct_offers(self) -> pl.DataFrame:
        """Offers for lots settled directly, without the solver."""
        return self.offers.filter(pl.col("direct"))


def natural_key(text: str) -> tuple[tuple[tuple[int, int | str], ...], str]:
    """Sort key that puts A2 before A10: the digits 0-9 compare as numbers, the rest as text;
    ids that read the same so (X1 and X01, L1 and L01) then by their text as typed, character
    by character (X01 before X1). A total order: otherwise the row order of the offers file
    decided a tie between X1 and X01, and a set's order the order of lots L1 and L01.
    (isdigit() is true of '²', which int() refuses: an offer id '²' stopped the run; and
    'HC-৪', whose Bengali four is drawn like an 8, sorted as HC-4.)"""
    parts = tuple(
        (0, int(part)) if part.isascii() and part.isdigit() else (1, part)
        for part in re.split(r"([0-9]+)", text)
        if part
    )
    return parts, text


def prepare(
    offers: pl.DataFrame,
    policy: Policy,
    *,
    reduce: bool = True,
    levels: Sequence[Level] | None = None,
) -> Prepared:
    """Eligibility, dominance and lot splitting for ``policy`` (see the module docstring).

    ``levels`` are the objective and tie-break levels the answer is chosen by (by default
    ``levels_for(policy)``): an offer is only dropped as outbid when others beat it on them.

    The result is also valid for ``policy.participation_free()``, which has fewer rules, so
    the constrained and unconstrained answers can share one model. ``reduce=False`` skips
    dominance and splitting (eligibility still applies), to measure what they save.
    """
    ranked = with_units(offers, policy)
    lots = all_lots(offers, policy)
    eligible, excluded = split_eligible(ranked, policy)
    if reduce:
        kept, dominated = drop_dominated(eligible, policy)
        kept, outbid = drop_outbid(kept, policy, levels_for(policy) if levels is None else levels)
        dominated = pl.concat([dominated, outbid]).sort("offer_id")
        direct = independent_lots(kept, policy)
    else:
        kept, direct = eligible, set()
        dominated = pl.DataFrame(schema=DOMINATED_SCHEMA)
    kept = kept.with_columns(
        ((pl.col("n_lots") == 1) & pl.col("lots").list.first().is_in(sorted(direct))).alias(
            "direct"
        )
    ).sort("rank")
    return Prepared(offers=kept, excluded=excluded, dominated=dominated, lots=lots)


def with_units(offers: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """Add exact integer units, the number of lots, a canonical lot key and the offer rank."""
    ids = sorted(offers.get_column("offer_id").to_list(), key=natural_key)
    ranks = pl.DataFrame(
        {"offer_id": ids, "rank": list(range(1, len(ids) + 1))},
        schema={"offer_id": pl.String, "rank": pl.Int64},
    )
    management = whole_pence(policy.contract_management_cost)
    return offers.join(ranks, on="offer_id", how="left").with_columns(
        pence(pl.col("price")).cast(pl.Int64).alias("price_units"),
        (pence(pl.col("price")).cast(pl.Int64) + management).alias("cost_units"),
        points_units(pl.col("score")).cast(pl.Int64).alias("score_units"),
        pl.col("lots").list.len().cast(pl.Int64).alias("n_lots"),
        pl.col("lots").list.sort().list.join(";").alias("lots_key"),
    )


def all_lots(offers: pl.DataFrame, policy: Policy) -> list[str]:
    """Every lot of the tender: the policy's list, else every lot offers or settings name."""
    if policy.lots is not None:
        return sorted(set(policy.lots), key=natural_key)
    named = set(offers.get_column("lots").explode().drop_nulls().to_list())
    named |= set(policy.lot_budgets)
    if isinstance(policy.min_quality_per_lot, Mapping):
        named |= set(policy.min_quality_per_lot)
    return sorted(named, key=natural_key)


def split_eligible(offers: pl.DataFrame, policy: Policy) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Offers that may be awarded, and those set aside (offer_id, supplier, lots, reason).

    Minimum quality uses the ``quality`` column where given, otherwise a single-lot offer's
    total score (a package with no quality is not eligible where a minimum applies); a
    package must reach the highest minimum among its lots. A per-lot budget limits the price
    of a single-lot offer; a package may cost up to the sum of its lots' budgets, and is not
    limited if any of its lots has no budget.
    """
    per_lot = offers.select("offer_id", "lots").explode("lots").rename({"lots": "lot"})
    lots = sorted(set(per_lot.get_column("lot").to_list()))
    minimums = [policy.min_quality_for(lot) for lot in lots]
    budgets = [policy.lot_budgets.get(lot) for lot in lots]
    lot_settings = pl.DataFrame(
        {
            "lot": lots,
            "min_quality": [None if m is None else float(m) for m in minimums],
            "lot_budget": [None if b is None else float(b) for b in budgets],
        },
        schema={"lot": pl.String, "min_quality": pl.Float64, "lot_budget": pl.Float64},
    )
    limits = (
        per_lot.join(lot_settings, on="lot", how="left")
        .group_by("offer_id")
        .agg(
            pl.col("min_quality").max().alias("min_quality"),
            pl.when(pl.col("lot_budget").is_null().any())
            .then(None)
            .otherwise(pence(pl.col("lot_budget")).sum())
            .cast(pl.Int64)
            .alias("budget_units"),
        )
    )
    # Without a quality column a single lot's total score stands in for its quality; a
    # package's score is the sum over its lots, which says nothing about each lot's quality.
    checked = offers.join(limits, on="offer_id", how="left").with_columns(
        pl.when(pl.col("quality").is_not_null())
        .then(pl.col("quality"))
        .when(pl.col("lots").list.len() == 1)
        .then(pl.col("score"))
        .alias("quality_used")
    )
    # Lots outside the tender's lots, where the caller lists them, cannot be awarded: an
    # offer for one was awarded it.
    outside = (
        pl.col("lots").list.set_difference(pl.lit(list(policy.lots), dtype=pl.List(pl.String)))
        if policy.lots is not None
        else pl.lit([], dtype=pl.List(pl.String))
    )
    reason = (
        pl.when(outside.list.len() > 0)
        .then(
            pl.format(
                "lot {} is not among the lots given (lots), so it cannot be awarded",
                outside.list.sort().list.join(", "),
            )
        )
        .when(pl.col("min_quality").is_not_null() & pl.col("quality_used").is_null())
        .then(
            pl.lit(
                "a package's score is the sum over its lots, so it cannot be held to the "
                "minimum quality of each lot: give the package's quality in a quality column"
            )
        )
        # Compared in the 4 places points are compared in (comparison.py), as it is shown:
        # 59.99995 met a minimum of 60, yet was refused as "quality 60.0 below 60.0".
        .when(below_minimum(pl.col("quality_used"), pl.col("min_quality")))
        .then(
            pl.format(
                "quality {} is below the minimum of {} for its lots",
                rounded_expr(pl.col("quality_used")),
                rounded_expr(pl.col("min_quality")),
            )
        )
        .when(pl.col("price_units") > pl.col("budget_units"))
        .then(
            pl.format(
                "price {} is above the budget of {} for its lots",
                money(pl.col("price_units") / PENCE),
                money(pl.col("budget_units") / PENCE),
            )
        )
    )
    checked = checked.with_columns(reason.alias("reason"))
    excluded = checked.filter(pl.col("reason").is_not_null()).select(
        "offer_id", "supplier", "lots", "reason"
    )
    eligible = checked.filter(pl.col("reason").is_null()).drop(
        "min_quality", "budget_units", "quality_used", "reason"
    )
    return eligible, excluded


def drop_dominated(offers: pl.DataFrame, policy: Policy) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Offers that can be in the answer, and those dominated (offer_id, dominated_by)."""
    same = [
        "supplier",
        "lots_key",
        "sme",
        "vcse",
        "sme_subcontract_share",
        "vcse_subcontract_share",
        "volume",  # a capacity counts it: only offers taking the same volume compare
    ]
    shares_in_force = bool(policy.rules() & {"sme_share", "vcse_share", "max_supplier_share"})
    a, b = pl.col("score_units"), pl.col("score_units_b")
    p, p_b = pl.col("price_units"), pl.col("price_units_b")
    r, r_b = pl.col("rank"), pl.col("rank_b")
    # Weakly better wherever a rule looks; then strictly first under objective and tie-break.
    weak_price = (p == p_b) if shares_in_force else (p <= p_b)
    if policy.objective == "score":
        better = (a > b) | ((a == b) & ((p < p_b) | ((p == p_b) & (r < r_b))))
    else:
        better = (p < p_b) | ((p == p_b) & ((a > b) | ((a == b) & (r < r_b))))
    pairs = (
        offers.select("offer_id", "group", "score_units", "price_units", "rank", *same)
        .join(
            offers.select("offer_id", "group", "score_units", "price_units", "rank", *same),
            on=same,
            suffix="_b",
            nulls_equal=True,
        )
        .filter(
            (pl.col("offer_id") != pl.col("offer_id_b"))
            & (pl.col("group").is_null() | (pl.col("group") == pl.col("group_b")))
            & (a >= b)
            & weak_price
            & better
        )
    )
    dominated = (
        pairs.group_by("offer_id_b")
        .agg(pl.col("offer_id").sort_by("rank").first().alias("dominated_by"))
        .rename({"offer_id_b": "offer_id"})
        .with_columns(pl.lit(SAME_SUPPLIER_AND_LOTS).alias("reason"))
        .sort("offer_id")
    )
    kept = offers.join(dominated.select("offer_id"), on="offer_id", how="anti")
    return kept, dominated


def drop_outbid(
    offers: pl.DataFrame, policy: Policy, levels: Sequence[Level]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Offers that other offers for the same lots always beat, dropped (see ``outbid``)."""
    rules = policy.rules()
    if rules <= OUTBID_BY_ANYONE:
        own_supplier_only = False
    elif rules <= OUTBID_BY_ITS_SUPPLIER:
        own_supplier_only = True
    else:
        return offers, pl.DataFrame(schema=DOMINATED_SCHEMA)
    exact = own_supplier_only or "award_all_lots" in rules
    # Offer order, last under the standard rule, prefers the allocation accepting the earliest
    # offer only one of two accepts: between an offer and a set replacing it, the set's
    # earliest offer against the offer. Its value, -position, goes last in ``values``.
    by_order = policy.tie_break == "standard"
    beaten = outbid(
        offer_ids=offers.get_column("offer_id").to_list(),
        suppliers=offers.get_column("supplier").to_list(),
        lots=offers.get_column("lots").to_list(),
        grouped=offers.get_column("group").is_not_null().to_list(),
        values=[
            (
                *(v if level.maximise else -v for v, level in zip(row[1:], levels, strict=True)),
                *((-row[0],) if by_order else ()),
            )
            for row in offers.select("rank", *(level.column for level in levels)).iter_rows()
        ],
        own_supplier_only=own_supplier_only,
        exact=exact,
        by_order=by_order,
    )
    reason = (
        "its lots can be awarded to "
        + ("the same supplier's" if own_supplier_only else "other")
        + " offers that together rank higher under the objective and tie-break"
    )
    dominated = pl.DataFrame(
        {
            "offer_id": list(beaten),
            "dominated_by": ["; ".join(by) for by in beaten.values()],
            "reason": [
                reason if by else "awarding it ranks lower than leaving its lots unawarded"
                for by in beaten.values()
            ],
        },
        schema=DOMINATED_SCHEMA,
    )
    kept = offers.filter(~pl.col("offer_id").is_in(list(beaten)))
    return kept, dominated


def outbid(
    offer_ids: Sequence[str],
    suppliers: Sequence[str],
    lots: Sequence[Sequence[str]],
    grouped: Sequence[bool],
    values: Sequence[tuple[float, ...]],
    own_supplier_only: bool,
    exact: bool,
    by_order: bool = False,
) -> dict[str, list[str]]:
    """Each offer that a set of other offers beats, with that set's offer ids.

    ``values`` holds each offer's value on every level, signed so higher is better. An offer
    is beaten when other offers (outside any exclusive group; of its own supplier when
    ``own_supplier_only``) for lots among its own cover exactly its lots (or, unless ``exact``,
    some of them: a lot may be left unawarded) and their values, added up, are lexicographically
    higher. With ``by_order`` the last value is -position in offer order, and a set's is its
    earliest offer's, not a sum (no set for no offer): equal on the levels, the set beats the
    offer when its earliest offer comes before it, as offer order compares two allocations
    differing in just those offers. Every allocation using the beaten offer can then swap it
    for that set (they only overlap lots it held) and rank strictly higher, so no best
    allocation uses it, and every offer beaten can be dropped at once: repeated swaps only ever
    climb, so they end at an allocation using none. Where no rule looks at who wins, any
    supplier's offers may form the set; where the rules count each supplier's lots, only the
    supplier's own, covering exactly the same lots, so each supplier's count is unchanged.
    """
    zero: tuple[float, ...] = tuple(0 for _ in values[0]) if values else ()
    if by_order and values:
        zero = (*zero[:-1], -math.inf)  # no offer: offer order prefers any offer to none
    # The best single-lot offer for each lot (of each supplier): the only one a set needs.
    best_single: dict[tuple[str, str], int] = {}
    packages: list[int] = []
    for i, offer_lots in enumerate(lots):
        if grouped[i]:
            continue
        if len(offer_lots) == 1:
            key = (suppliers[i] if own_supplier_only else "", offer_lots[0])
            if key not in best_single or values[i] > values[best_single[key]]:
                best_single[key] = i
        else:
            packages.append(i)
    covers = _Covers(lots, values, zero, exact, by_order)
    for i in sorted([*best_single.values(), *packages]):  # in offer order, for ties
        covers.add(suppliers[i] if own_supplier_only else "", i)
    beaten: dict[str, list[str]] = {}
    for i, offer_lots in enumerate(lots):
        owner = suppliers[i] if own_supplier_only else ""
        if len(offer_lots) == 1:
            rival = best_single.get((owner, offer_lots[0]))
            if rival is not None and values[rival] > values[i]:
                beaten[offer_ids[i]] = [offer_ids[rival]]
            elif not exact and zero > values[i]:
                beaten[offer_ids[i]] = []
            continue
        if len(offer_lots) > OUTBID_MOST_LOTS:
            continue
        best = covers.best(owner, covers.mask(offer_lots), skip=i)
        if best is not None and best[0] > values[i]:
            beaten[offer_ids[i]] = sorted(offer_ids[j] for j in best[1])
    return beaten


class _Covers:
    """The best set of offers covering a set of lots, for each owner (a supplier, or "" for
    anyone), remembered per set of lots so packages sharing lots share the search.

    A set of lots is a bit mask over the lots in sorted order. The best cover of a set takes
    its lowest lot either from an offer holding it (and lots only inside the set) with the best
    cover of what is left, or (unless ``exact``) leaves that lot unawarded. Each set is worked
    out once, so a supplier offering every package of 12 lots costs about 3^12 steps, not the
    5^12 of a separate search below each package. With ``by_order`` the last value of a set is
    its best offer's (its earliest), not a sum: a better rest still makes a better set.
    """

    def __init__(
        self,
        lots: Sequence[Sequence[str]],
        values: Sequence[tuple[float, ...]],
        zero: tuple[float, ...],
        exact: bool,
        by_order: bool = False,
    ):
        self.lots, self.values, self.zero, self.exact = lots, values, zero, exact
        self.by_order = by_order
        self.bit = {lot: 1 << n for n, lot in enumerate(sorted({x for ls in lots for x in ls}))}
        self.holding: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (owner, lot bit)
        self.exactly: dict[tuple[str, int], list[int]] = {}  # (owner, mask) -> offers
        self.known: dict[tuple[str, int], tuple[tuple[float, ...], list[int]] | None] = {}

    def mask(self, offer_lots: Sequence[str]) -> int:
        return sum(self.bit[lot] for lot in set(offer_lots))

    def add(self, owner: str, offer: int) -> None:
        mask = self.mask(self.lots[offer])
        self.exactly.setdefault((owner, mask), []).append(offer)
        for lot in set(self.lots[offer]):
            self.holding.setdefault((owner, self.bit[lot]), []).append((mask, offer))

    def best(
        self, owner: str, mask: int, skip: int | None = None
    ) -> tuple[tuple[float, ...], list[int]] | None:
        """The best cover of ``mask`` (added values, offers), not using offer ``skip``."""
        if mask == 0:
            return (self.zero, [])
        if skip is None and (owner, mask) in self.known:
            return self.known[(owner, mask)]
        low = mask & -mask
        options = []
        if not self.exact:
            rest = self.best(owner, mask ^ low)
            if rest is not None:
                options.append(rest)  # leave that lot unawarded
        for piece, j in self._pieces(owner, mask, low):
            if j == skip:
                continue
            rest = self.best(owner, mask ^ piece)  # a smaller set: ``skip`` cannot fit in it
            if rest is not None:
                options.append((self._with(rest[0], self.values[j]), [*rest[1], j]))
        found = max(options, key=lambda option: option[0]) if options else None
        if skip is None:
            self.known[(owner, mask)] = found
        return found

    def _with(self, rest: tuple[float, ...], offer: tuple[float, ...]) -> tuple[float, ...]:
        """The values of a set of offers with one more offer."""
        if not self.by_order:
            return tuple(a + b for a, b in zip(rest, offer, strict=True))
        added = tuple(a + b for a, b in zip(rest[:-1], offer[:-1], strict=True))
        return (*added, max(rest[-1], offer[-1]))

    def _pieces(self, owner: str, mask: int, low: int) -> list[tuple[int, int]]:
        """The offers holding lot ``low`` and no lot outside ``mask``, in offer order: by
        looking up each subset of ``mask`` that holds ``low`` or by reading the offers
        holding ``low``, whichever is fewer."""
        holding = self.holding.get((owner, low), [])
        rest = mask ^ low
        if len(holding) <= 1 << (rest.bit_count()):
            return [(piece, j) for piece, j in holding if piece & mask == piece]
        found = []
        subset = rest
        while True:
            for j in self.exactly.get((owner, subset | low), ()):
                found.append((subset | low, j))
            if subset == 0:
                break
            subset = (subset - 1) & rest
        return sorted(found, key=lambda pair: pair[1])


def independent_lots(offers: pl.DataFrame, policy: Policy) -> set[str]:
    """Lots that nothing links to another lot, so each can be settled on its own.

    Links: a package's lots; the lots of offers in one exclusive group; and the lots of a
    supplier whom a supplier-wide rule (the cap, or its own capacity in value or volume) could
    actually limit.
    A rule that adds up over all lots (budget, shares, minimum suppliers) links everything.
    """
    rules = policy.rules()
    if rules & GLOBAL_RULES or offers.is_empty():
        return set()
    parent: dict[str, str] = {}

    def find(lot: str) -> str:
        while parent.setdefault(lot, lot) != lot:
            parent[lot] = parent[parent[lot]]
            lot = parent[lot]
        return lot

    def link(lots: list[str]) -> None:
        root = find(lots[0])
        for lot in lots[1:]:
            parent[find(lot)] = root

    for lots in offers.get_column("lots").to_list():
        link(lots)
    grouped = offers.filter(pl.col("group").is_not_null()).group_by("supplier", "group")
    for lots in (
        grouped.agg(pl.col("lots").list.explode(keep_nulls=False, empty_as_null=False).unique())
        .get_column("lots")
        .to_list()
    ):
        link(lots)
    limited: set[str] = set()
    for lots in _suppliers_a_rule_can_limit(offers, policy):
        link(lots)
        limited.update(lots)  # even a one-lot supplier's limit must be applied by the MILP
    components: dict[str, list[str]] = {}
    for lot in parent:
        components.setdefault(find(lot), []).append(lot)
    return {
        members[0]
        for members in components.values()
        if len(members) == 1 and members[0] not in limited
    }


def _suppliers_a_rule_can_limit(offers: pl.DataFrame, policy: Policy) -> list[list[str]]:
    """For each supplier a per-supplier rule could bind, the lots it bids for."""
    per_supplier = offers.group_by("supplier").agg(
        pl.col("lots").list.explode(keep_nulls=False, empty_as_null=False).unique().alias("lots"),
        pl.col("price").sum().alias("most_value"),
        pl.col("volume").fill_null(0.0).sum().alias("most_volume"),
    )
    cap = policy.max_lots_per_supplier if "cap" in policy.rules() else None
    limited = []
    for supplier, lots, most_value, most_volume in per_supplier.iter_rows():
        limits = [cap, policy.supplier_max_lots.get(supplier)]
        by_lots = any(limit is not None and len(lots) > limit for limit in limits)
        value_limit = policy.supplier_max_value.get(supplier)
        by_value = value_limit is not None and most_value > value_limit
        volume_limit = policy.supplier_max_volume.get(supplier)
        by_volume = volume_limit is not None and most_volume > volume_limit
        if by_lots or by_value or by_volume:
            limited.append(lots)
    return limited
