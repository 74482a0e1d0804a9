"""What a value that matches none of those allowed should have been, in words for a problem's
``expected``: every allowed value when there are few, else the nearest to what was found.

With 1,000 bidders, each line naming an unknown supplier listed every bidder's name (19,000
characters), the answer lost among them; a lot id mistyped in a framework of hundreds of lots
listed every lot. A list longer than :data:`LISTED_UP_TO` characters is replaced by the three
values nearest to what was found (difflib's similarity, on the values as they are
matched) and a count.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tendereval.io.keys import supplier_key
from tendereval.terminal import cut

if TYPE_CHECKING:
    from tendereval.plan import Plan

# The allowed values are listed in full while the list is this long at most (a dozen lot ids,
# half a dozen suppliers' names).
LISTED_UP_TO = 300  # characters
# Values found that are given their nearest, in one file or frame: finding them compares the
# value with every allowed one (17 ms among 1,000 names alike), so a sheet of thousands of
# different unknown names is bounded by this, not by its size.
NEAREST_LOOKED_UP = 30


class Choices:
    """The values a cell may hold (``noun``: "lots of the plan"), and what one found should
    have been. ``key`` is how values are matched (the supplier key for names); ``none`` what
    is expected when there are no values at all."""

    def __init__(
        self,
        values: Iterable[str],
        noun: str,
        key: Callable[[str], str] = str.casefold,
        none: str = "",
    ) -> None:
        self.values = list(dict.fromkeys(values))  # in the order given, each once
        self._listed = ", ".join(self.values)
        self.noun, self.key, self.none = noun, key, none
        self._keys: dict[str, list[str]] | None = None
        self._nearest: dict[str, str] = {}
        self._best: dict[str, str | None] = {}

    def expected(self, found: str | None) -> str:
        values = self.values
        if len(self._listed) <= LISTED_UP_TO:
            return self._listed or self.none
        every = f"one of the {len(values):,} {self.noun}"
        key = self.key(found or "")
        if key in self._nearest:
            return self._nearest[key]
        first = f"{every} ({', '.join(_cut(v) for v in values[:3])}, …)"
        if len(self._nearest) >= NEAREST_LOOKED_UP:
            return first
        keys = self._index()
        shown = [value for k in _closest(key, keys) for value in keys[k]][:3]
        nearest = ", ".join(_cut(value) for value in shown)
        self._nearest[key] = f"{every} (the nearest: {nearest})" if shown else first
        return self._nearest[key]

    def nearest(self, found: str) -> str | None:
        """The one value most like ``found`` (None when none is like it, or once
        :data:`NEAREST_LOOKED_UP` values have been looked up): a suggestion ("… plc?") for a
        name typed short, whatever the number of values."""
        key = self.key(found)
        if key not in self._best:
            if len(self._best) >= NEAREST_LOOKED_UP:
                return None
            closest = _closest(key, self._index())
            self._best[key] = self._index()[closest[0]][0] if closest else None
        return self._best[key]

    def _index(self) -> dict[str, list[str]]:
        """The values by their key, made once."""
        if self._keys is None:
            self._keys = {}
            for value in self.values:
                self._keys.setdefault(self.key(value), []).append(value)
        return self._keys


# Each value shown is cut to this many characters: a bidder's name can be a cell's 32,767.
SHOWN_UP_TO = 80


def _cut(value: str) -> str:
    return cut(value, SHOWN_UP_TO)


def _closest(key: str, keys: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """The three keys most like ``key`` (difflib's similarity, at least ``cutoff``), equally
    like ones in alphabetical order: ``get_close_matches`` puts them in reverse ("l13" among
    lot ids gave L213, L193, L183 before L013)."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)  # (what difflib compares against each candidate, prepared once)
    scored = []
    for candidate in keys:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue  # (bounds on the ratio, far cheaper than it)
        ratio = matcher.ratio()
        if ratio >= cutoff:
            scored.append((-ratio, candidate))
    return [candidate for _, candidate in sorted(scored)[:3]]


def bidder_names(names: Iterable[str]) -> Choices:
    """The bidders' names in alphabetical order, matched as suppliers are (by their key)."""
    return Choices(sorted(set(names)), "bidders' names", supplier_key, none="a bidder")


def plan_lots(plan: Plan) -> Choices:
    """The plan's lot ids (matched ignoring case, as lots are)."""
    return Choices(plan.lot_ids, "lots of the plan")


def plan_questions(plan: Plan) -> Choices:
    """The plan's question ids (matched ignoring case, as questions are)."""
    return Choices((q.id for q in plan.questions()), "questions of the plan")
