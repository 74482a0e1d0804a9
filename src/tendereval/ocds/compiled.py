"""The compiled release: the releases of one procurement merged by the OCDS 1.1 merge routine
(https://standard.open-contracting.org/1.1/en/schema/merging/).

OCDS releases are partial: Find a Tender publishes a release per notice, and a tender update or
amendment may give only what changed (a lot's status, one lot's criteria). What the procurement
now says is the *compiled release*, made by merging every release, in date order, into one
object:

* ``id``, ``date`` and ``tag`` of a release are left out (``omitWhenMerged``);
* objects are merged field by field, and a later release's value wins;
* ``null`` removes the field;
* arrays of objects are merged object by object, matched by ``id`` (an object without an
  ``id`` is added), except those merged whole (below);
* any other array, and an array the schema merges whole, is replaced whole.

Alongside the compiled release, :class:`Compiled` keeps where in the file each value was last
given, so that a problem found in the compiled release names the place the buyer can look at.
The compiled release carries no ``id``, ``date`` or ``tag`` of its own: nothing reads them.
Its objects are made afresh as releases are merged into them; a value replaced whole (a list of
award criteria, a title) is the latest release's own, shared, not copied: the compiled release
is read, never written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Arrays of objects replaced whole rather than merged by id, by field name: those the release
# schema and the extensions Find a Tender uses mark ``wholeListMerge``, and those whose objects
# have no ``id`` (a test derives them from the schemas and checks that no array merged by id
# shares a name with one of these).
WHOLE_LISTS = frozenset(
    {
        "additionalClassifications",
        "additionalIdentifiers",
        "buyerClassificationRestrictions",
        "buyerLocationRestrictions",
        "changes",
        "criteria",
        "identifiers",
        "numbers",
        "rationaleClassifications",
    }
)
# A release's own metadata (``omitWhenMerged`` in the release schema).
OMITTED = ("id", "date", "tag")
# The steps of a path in the compiled release: "tender", "lots", "[2]", "status".
_STEPS = re.compile(r"\[\d+\]|[^.\[\]]+")


@dataclass
class _Given:
    """Where in the file a value of the compiled release was last given, and where each
    value within it (by field name, or by index in an array merged by id) was."""

    place: str
    within: dict[str | int, _Given] = field(default_factory=dict)
    by_id: bool = False  # an array merged by id
    # For an array merged by id: each object's index by its id, written as JSON (ids 1, 1.0,
    # "1" and true differ), kept as releases are merged into it.
    ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Compiled:
    """A compiled release, and where in the file each of its values was last given."""

    release: dict[str, Any] = field(default_factory=dict)
    given: _Given = field(default_factory=lambda: _Given(""))

    def place(self, path: str) -> str:
        """Where in the file the value at ``path`` of the compiled release
        (``tender.lots[2].status``; ``""`` for the release itself) was last given
        (``releases[3].tender.lots[0].status``): the place of the nearest enclosing value
        given, and within it the rest of the path (a field no release gives is named within
        the latest object giving its parent)."""
        node = self.given
        steps = _STEPS.findall(path)
        for n, step in enumerate(steps):
            inner = node.within.get(int(step[1:-1]) if step.startswith("[") else step)
            if inner is None:
                return node.place + "".join(s if s[0] == "[" else f".{s}" for s in steps[n:])
            node = inner
        return node.place


def compile_releases(releases: Iterable[tuple[str, dict[str, Any]]]) -> Compiled:
    """The compiled release of ``releases`` (each with its place in the file), which must be of
    one procurement and in the order they were published (the earliest first)."""
    compiled = Compiled()
    for where, release in releases:
        compiled.given.place = where
        given = {key: value for key, value in release.items() if key not in OMITTED}
        _merge_object(compiled.release, given, where, compiled.given)
    return compiled


def _merge_object(out: dict[str, Any], given: dict[str, Any], at: str, node: _Given) -> None:
    for key, value in given.items():
        there = f"{at}.{key}"
        if value is None:
            out.pop(key, None)
            node.within.pop(key, None)
            continue
        by_id = _merged_by_id(key, value)
        inner = node.within.get(key)
        merged_into = inner is not None and (
            (isinstance(value, dict) and isinstance(out[key], dict)) or (by_id and inner.by_id)
        )
        if not merged_into:  # put in place of what was there: the places within start afresh
            inner = _Given(there, by_id=by_id)
            # A value replaced whole (a list of award criteria) is the release's own, not a
            # copy: nothing is ever merged into it, and the compiled release is only read.
            # Copying it cost more than reading the rest of a notice of 200,000 criteria.
            out[key] = {} if isinstance(value, dict) else [] if by_id else value
        node.within[key] = inner
        inner.place = there
        if isinstance(value, dict):
            _merge_object(out[key], value, there, inner)
        elif by_id:
            _merge_by_id(out[key], value, there, inner)


def _merged_by_id(key: str, value: Any) -> bool:
    """Whether an array is merged object by object (identifier merge), not replaced whole."""
    return (
        isinstance(value, list)
        and key not in WHOLE_LISTS
        and all(isinstance(item, dict) for item in value)
    )


def _merge_by_id(
    out: list[dict[str, Any]], given: list[dict[str, Any]], at: str, node: _Given
) -> None:
    for i, item in enumerate(given):
        key = _id_key(item["id"]) if item.get("id") is not None else None
        index = node.ids.get(key) if key is not None else None
        if index is None:  # a new object, or one without an id: added
            out.append({})
            index = len(out) - 1
            if key is not None:
                node.ids[key] = index
        there = f"{at}[{i}]"
        inner = node.within[index] = node.within.get(index) or _Given(there)
        inner.place = there
        _merge_object(out[index], item, there, inner)


def _id_key(ident: Any) -> str:
    return json.dumps(ident, sort_keys=True, default=str)
