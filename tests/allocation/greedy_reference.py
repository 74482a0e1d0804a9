"""The greedy start as it was before its refills were bounded (commit c8b8520), kept only as the
reference the bounded one must agree with: every offer covering a freed lot is looked at."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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
    for _ in range(passes):
        improved = False
        for i in order:
            if i not in state.taken and _exchange(state, i, by_lot, place):
                improved = True
        if not improved:
            break
    return sorted(state.taken)


def _exchange(state: _State, i: int, by_lot: dict[str, list[int]], place: dict[int, int]) -> bool:
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
    candidates = sorted({c for lot in freed for c in by_lot.get(lot, ())}, key=place.__getitem__)
    added = []
    for c in candidates:
        if state.owner.keys().isdisjoint(state.holds[c]) and state.fits(c, ()):
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
