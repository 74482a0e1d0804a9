"""What the plan file writes, whether or not it could be read: the ids of its lots, price
items and criteria as they stand in the file.

A check that names other entries of the plan (a group's questions, the lots of
``cap_lot_order``, the items of a lot's volumes) looks them up here as well as among the
entries read. An entry refused with an error of its own (a question whose weight key is
mistyped) is still in the file: calling it "not in the plan" as well would have the officer
delete the reference, and once the entry's own error is put right nothing would say that the
reference was gone (a panel's scores for that question silently no longer counted).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tendereval.terminal import shows_nothing


def written_sections(raw: dict[str, Any], *path: str) -> list[Any] | None:
    """The list of sections at ``path`` (``"price", "items"``) as written, read or not; [] when
    the file writes none; None when the list, or a section above it, was refused (written as
    one section, say), its own error given, so what it holds cannot be told."""
    value: Any = raw
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
        if value is None:
            return []
    return value if isinstance(value, list) else None


def written_ids(raw: dict[str, Any], *path: str) -> set[str] | None:
    """The ids of the sections at ``path`` (``"lots"``) as written, read or refused; None as
    for :func:`written_sections`."""
    sections = written_sections(raw, *path)
    return None if sections is None else {shown for spec in sections if (shown := _id_of(spec))}


def written_with(raw: dict[str, Any], key: str, *path: str) -> set[str]:
    """The ids of the sections at ``path`` that write ``key``, whether or not its value could
    be read (a lot's ``estimated_value = "£3.1m"`` is written, and refused)."""
    sections = written_sections(raw, *path) or []
    return {_id_of(spec) for spec in sections if isinstance(spec, dict) and key in spec}


def written_in(raw: dict[str, Any], section: str, key: str) -> bool:
    """Whether ``[section]`` gives ``key`` a value, read or refused (text that shows nothing
    is read as not given, and is no error)."""
    table = raw.get(section)
    value = table.get(key) if isinstance(table, dict) else None
    return value is not None and not (isinstance(value, str) and shows_nothing(value))


def written_criteria(raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every criterion section of the file, at any depth."""
    tops = raw.get("criteria")
    for spec in tops if isinstance(tops, list) else []:
        if isinstance(spec, dict):
            yield from _under(spec)


def refused_criteria(raw: dict[str, Any], read: set[str]) -> set[str]:
    """The ids of the criteria the file writes that were not read (refused with their own
    error, or under a parent that was)."""
    return {shown for spec in written_criteria(raw) if (shown := _id_of(spec))} - read


def refused_pillar(
    raw: dict[str, Any], read: set[str], pillar: str, pillars: tuple[str, ...]
) -> bool:
    """Whether a top-level criterion that may be of ``pillar`` is in the file but was refused:
    the pillar's weight as read may then be short by a weight nobody could read. One typed as
    no pillar of ``pillars`` ("Quality ", "qualty") may be meant for it."""
    tops = raw.get("criteria")
    return any(
        isinstance(spec, dict)
        and _id_of(spec) not in read
        and (spec.get("type") == pillar or spec.get("type") not in pillars)
        for spec in (tops if isinstance(tops, list) else [])
    )


def _under(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield spec
    children = spec.get("questions")
    for child in children if isinstance(children, list) else []:
        if isinstance(child, dict):
            yield from _under(child)


def _id_of(spec: Any) -> str:
    """A section's id as the officer wrote it ("" for none): text as read, or a number
    (``id = 3``, refused as not text) as it would be written in a list of ids."""
    if not isinstance(spec, dict):
        return ""
    value = spec.get("id")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""
