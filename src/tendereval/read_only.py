"""Mappings and lists that cannot be changed in place: what a plan holds.

A plan is frozen, but the dicts inside it were not: ``tender.plan.scales["five_point"] =
Scale(...)`` in a notebook was scored as the approved plan (another winner, nothing changed as
far as the tender or the result could tell, the summaries and the award notice sent naming the
plan file's SHA-256), and ``plan.raw`` edited in place was listed in the Audit sheet beside that
SHA-256. Refused at the edit, with the way to try another plan instead.

They are a ``dict`` and a ``list`` still (every reader, ``json.dumps`` and ``isinstance`` take
them as before), they pickle and copy (a result is cached that way), and a copy made with
``dict(...)`` or ``list(...)`` is an ordinary one to change.
"""

from __future__ import annotations

from typing import Any, NoReturn

from tendereval.errors import UsageError

REFUSED = (
    "a plan cannot be changed in place: it is the plan the tender was read with, and its "
    "results name that plan's file. To see the bids under another plan, make one with "
    "dataclasses.replace (plan = dataclasses.replace(tender.plan, scales={**tender.plan.scales, "
    '"five_point": Scale(...)})), give it to the tender (tender.plan = plan) and score the '
    "tender; to award under it, change tender.toml and score the folder again"
)


def _refused(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise UsageError(REFUSED)


class ReadOnlyDict(dict):  # type: ignore[type-arg]
    """A dict whose entries cannot be set, removed or replaced (a UsageError saying why)."""

    __setitem__ = __delitem__ = __ior__ = _refused
    clear = pop = popitem = setdefault = update = _refused

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


class ReadOnlyList(list):  # type: ignore[type-arg]
    """A list whose items cannot be set, added, removed or reordered."""

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refused
    append = extend = insert = pop = remove = clear = sort = reverse = _refused

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (list(self),))


def read_only(value: Any) -> Any:
    """``value`` with every dict and list in it, at any depth, made read-only (a TOML
    document's tables and arrays); anything else as it is."""
    if isinstance(value, dict):
        return ReadOnlyDict({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list):
        return ReadOnlyList(read_only(item) for item in value)
    return value
