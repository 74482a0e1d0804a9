"""A quick allocation to start the solver from: greedy, then improved by exchanges.

The solver proves the best allocation by closing the gap between the best allocation it has
found and a bound on what any allocation could reach. On package bids (a combinatorial
auction) its own heuristics can take seconds to find a good allocation; a greedy one takes
milliseconds. Offers are taken best first, by value per square root of the lots they cover
(the rule of Lehmann, O'Callaghan and Shoham for package auctions, which neither favours
packages for their size nor penalises them for it), passing over any that overlaps one already
taken, shares its exclusive group, or would take its supplier or the tender past a limit; then
exchanges (take one more offer, drop those in its way) are made while they improve the total.
Where the level is a cost to minimise and every lot must be awarded, offers are taken
cheapest per lot first and no exchange is tried.

The result is only a start: ``AllocationModel`` checks it against every row of the model
(``row_holds``) before handing it to the solver, and the solver decides what is optimal.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress

import pulp


def row_holds(row: pulp.LpConstraint, values: Mapping[pulp.LpVariable, float]) -> bool:
    """Whether ``row`` holds for ``values`` (a variable not named is 0), to within 1e-9."""
    activity = sum(coefficient * values.get(var, 0.0) for var, coefficient in row.items())
    low, high = row.getLb(), row.getUb()
    return (low is None or activity >= low - 1e-9) and (high is None or activity <= high + 1e-9)


@dataclass
class Limits:
    """The limits the greedy allocation keeps to, per offer position where per supplier.

    ``lots_per_supplier`` and the others map a supplier to its limit (absent: none);
    ``budget`` is in the same units as ``price``.
    """

    lots_per_supplier: Mapping[str, float] = field(default_factory=dict)
    value_per_supplier: Mapping[str, float] = field(default_factory=dict)
    volume_per_supplier: Mapping[str, float] = field(default_factory=dict)
    budget: float | None = None


@dataclass
class Offers:
    """What the greedy allocation needs to know of each offer, by position."""

    weight: Sequence[float]  # the level's value
    lots: Sequence[Sequence[str]]
    group: Sequence[tuple[str, str] | None]  # (supplier, group) of an exclusive group
    supplier: Sequence[str]
    n_lots: Sequence[int]
    price: Sequence[float]
    volume: Sequence[float]


def greedy(
    offers: Offers,
    limits: Limits,
    maximise: bool,
    guide: Sequence[float] | None = None,
    passes: int = 5,
) -> list[int]:
    """Positions of a greedy allocation for one level (see the module docstring).

    ``guide``, when given, is each offer's value in the linear relaxation of the model:
    offers are then taken in descending order of it, merit breaking ties (the relaxation
    already weighs every rule, so its choices make a better first pass than merit alone).
    """
    state = _State(offers, limits)
    pairs = list(zip(offers.weight, offers.lots, strict=True))
    first = [-round(g, 6) for g in guide] if guide is not None else [0.0] * len(pairs)
    if maximise:
        merit = [weight / math.sqrt(len(lots)) for weight, lots in pairs]
        order = sorted(range(len(merit)), key=lambda i: (first[i], -merit[i], i))
        order = [i for i in order if offers.weight[i] > 0]
    else:
        merit = [weight / len(lots) for weight, lots in pairs]
        order = sorted(range(len(merit)), key=lambda i: (first[i], merit[i], i))
    for i in order:
        if not state.in_the_way(i) and state.fits(i, ()):
            state.take(i)
    if not maximise:
        return sorted(state.taken)
    place = {i: n for n, i in enumerate(order)}
    by_lot: dict[str, list[int]] = {}
    for i in order:
        for lot in offers.lots[i]:
            by_lot.setdefault(lot, []).append(i)
    refill = _Refill(by_lot, place, _most_per_lot(offers, order))
    for _ in range(passes):
        improved = False
        for i in order:
            if i not in state.taken and _exchange(state, i, refill):
                improved = True
        if not improved:
            break
    return sorted(state.taken)


def _exchange(state: _State, i: int, refill: _Refill) -> bool:
    """Take offer ``i``, dropping the offers in its way and filling the lots they free with
    the best offers that fit; keep the change only if the total improves."""
    weight = state.offers.weight
    dropped = state.in_the_way(i)
    if not state.fits(i, dropped):
        return False
    gain = weight[i] - sum(weight[j] for j in dropped)
    freed = {lot for j in dropped for lot in state.offers.lots[j]} - set(state.offers.lots[i])
    if gain <= 0 and not freed:
        return False  # nothing to refill: it can only lose (most single-lot exchanges)
    for j in dropped:
        state.drop(j)
    state.take(i)
    added = []
    for c in refill.offers(state, freed, gain):
        state.take(c)
        added.append(c)
        gain += weight[c]
    if gain > 0:
        return True
    for c in added:
        state.drop(c)
    state.drop(i)
    for j in dropped:
        state.take(j)
    return False


def _most_per_lot(offers: Offers, order: Sequence[int]) -> dict[str, float] | None:
    """For each lot, the most any offer of ``order`` brings per lot it covers (its weight over
    its number of lots); None unless every weight is a whole number (the model's levels are
    always whole units), which :meth:`_Refill.cannot_gain` relies on."""
    if not all(float(offers.weight[i]).is_integer() for i in order):
        return None
    most: dict[str, float] = {}
    for i in order:
        share = offers.weight[i] / len(offers.lots[i])
        for lot in offers.lots[i]:
            if share > most.get(lot, 0.0):
                most[lot] = share
    return most


@dataclass
class _Refill:
    """Finds the offers that fill the lots an exchange frees, doing only the work that can
    change the answer.

    ``by_lot`` lists each lot's offers in the greedy order (``place``). Two things end the
    search without changing its result: once every freed lot is held again, every offer not
    yet reached covers one of them, so none could be taken; and when even the most every lot
    still open could bring (``most_per_lot`` for each: an offer that fits lies wholly in
    them) would not make up the loss so far, the exchange cannot be kept whatever is found.
    A supplier bidding every package of 12 lots made each search 4,000 offers long without
    them, the whole greedy start 16 million checks.
    """

    by_lot: dict[str, list[int]]
    place: dict[int, int]
    most_per_lot: dict[str, float] | None

    def cannot_gain(self, gain: float, open_lots: set[str]) -> bool:
        """Whether filling ``open_lots`` could not bring ``gain`` above 0.

        With whole-number weights the final gain is a whole number no greater than ``gain``
        plus the most the open lots can bring, so it is 0 or less when that sum is below 1.
        The margin covers the rounding of a sum of floats (far below a millionth of it)."""
        if self.most_per_lot is None:
            return False
        most = sum(map(self.most_per_lot.__getitem__, open_lots))
        return gain + most < 1 - 1e-9 * (abs(gain) + most + 1)

    def offers(self, state: _State, freed: set[str], gain: float) -> Iterator[int]:
        """The offers that fill the ``freed`` lots, best first: each offer covering a freed
        lot, in the greedy order, that overlaps nothing taken and fits every limit when its
        turn comes (the caller takes each before the next is looked at)."""
        empty = set(freed)
        open_lots = self.by_lot.keys() - state.owner.keys()  # freed, or held by nobody
        if self.cannot_gain(gain, open_lots):
            return
        weight, lots = state.offers.weight, state.offers.lots
        covering = set().union(*(self.by_lot.get(lot, ()) for lot in freed))
        ordered = sorted(covering, key=self.place.__getitem__)
        # Those overlapping nothing taken, checked as each comes (the view follows every
        # take) without a Python step for the many that overlap.
        free = map(state.owner.keys().isdisjoint, map(state.holds.__getitem__, ordered))
        for c in compress(ordered, free):
            if state.fits(c, ()):
                yield c
                gain += weight[c]
                empty.difference_update(lots[c])
                open_lots.difference_update(lots[c])
                if not empty or self.cannot_gain(gain, open_lots):
                    return


class _State:
    """The offers taken so far, with what they use of each lot, group and limit."""

    def __init__(self, offers: Offers, limits: Limits):
        self.offers, self.limits = offers, limits
        self.taken: set[int] = set()
        self.owner: dict[str, int] = {}  # lot or exclusive group -> the offer holding it
        self.lots: dict[str, float] = {}
        self.value: dict[str, float] = {}
        self.volume: dict[str, float] = {}
        self.total_price = 0.0
        # What each offer holds while taken: its lots, and its exclusive group if any.
        self.holds = [
            (*lots, *([group] if group is not None else []))
            for lots, group in zip(offers.lots, offers.group, strict=True)
        ]

    def in_the_way(self, i: int) -> set[int]:
        """The offers taken that offer ``i`` overlaps (a lot, or its exclusive group)."""
        if self.owner.keys().isdisjoint(self.holds[i]):
            return set()
        return {self.owner[key] for key in self.holds[i] if key in self.owner}

    def fits(self, i: int, dropped) -> bool:
        """Whether taking ``i`` (after dropping ``dropped``) keeps every limit."""
        o, limits, supplier = self.offers, self.limits, self.offers.supplier[i]
        mine = [j for j in dropped if o.supplier[j] == supplier]
        for used, limit, amount in (
            (self.lots, limits.lots_per_supplier, o.n_lots),
            (self.value, limits.value_per_supplier, o.price),
            (self.volume, limits.volume_per_supplier, o.volume),
        ):
            most = limit.get(supplier)
            total = used.get(supplier, 0.0) - sum(amount[j] for j in mine) + amount[i]
            if most is not None and total > most:
                return False
        if limits.budget is not None:
            total = self.total_price - sum(o.price[j] for j in dropped) + o.price[i]
            if total > limits.budget:
                return False
        return True

    def take(self, i: int) -> None:
        self._count(i, +1)
        self.taken.add(i)
        for key in self.holds[i]:
            self.owner[key] = i

    def drop(self, i: int) -> None:
        self._count(i, -1)
        self.taken.discard(i)
        for key in self.holds[i]:
            del self.owner[key]

    def _count(self, i: int, sign: int) -> None:
        o, supplier = self.offers, self.offers.supplier[i]
        self.lots[supplier] = self.lots.get(supplier, 0.0) + sign * o.n_lots[i]
        self.value[supplier] = self.value.get(supplier, 0.0) + sign * o.price[i]
        self.volume[supplier] = self.volume.get(supplier, 0.0) + sign * o.volume[i]
        self.total_price += sign * o.price[i]
