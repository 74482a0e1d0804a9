"""One lot, supplier or exclusive group written two ways in an offers table.

Bid returns match lot ids and supplier names ignoring case and spacing; an offers table typed or
pasted by a commissioner is matched the same way. Otherwise ``ash`` beside ``ASH`` is another
lot (one lot awarded twice, a package ``ASH;ash`` of "two" lots), ``ACME  LTD`` beside
``Acme Ltd`` another supplier (the lot cap escaped), and group ``a`` beside ``A`` no longer
excludes. The first spelling in the table is used for every row, and each other spelling is
pointed out where it first appears.

What the spelling rule cannot settle is pointed out too. A lot id that only *looks* like
another (a zero-width space, a Cyrillic letter) is an error: which lot the offer is for cannot
be known. Supplier names that look alike, or are one name as Companies House compares names
("Acme Care Ltd" and "Acme Care Limited"), are warnings, as for bids: whether they are one
organisation is for the buyer to find out.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tendereval.errors import Severity
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import registered_form, skeleton, unusual_characters


@dataclass(frozen=True)
class Finding:
    """A spelling to point out, at the first row naming it, in ``column``."""

    row: int
    column: str
    found: str
    message: str
    expected: str
    code: str
    severity: Severity = Severity.WARNING


def one_spelling(parsed: pl.DataFrame) -> tuple[pl.DataFrame, list[Finding]]:
    """``parsed`` (the offers table as read: ``_row``, ``supplier``, ``lots_list``, ``group``)
    with every lot, supplier and group written as first written, and what was pointed out
    (errors at the rows naming a lot that only looks like another)."""
    findings: list[Finding] = []
    lots = _first_rows(
        parsed.select("_row", pl.col("lots_list").alias("name")).explode("name").drop_nulls()
    )
    lot_spelling, respelled = _by_first(lots, "lots", "Lot", "lot id", "offers.lot_respelled")
    findings += respelled
    findings += _lookalike_lots(parsed, lots, lot_spelling)
    suppliers = _first_rows(parsed.select("_row", pl.col("supplier").alias("name")).drop_nulls())
    supplier_spelling, respelled = _by_first(
        suppliers, "supplier", "Supplier", "supplier's name", "offers.supplier_respelled"
    )
    findings += respelled + _alike_suppliers(suppliers, supplier_spelling)
    groups = _first_rows(parsed.select("_row", pl.col("group").alias("name")).drop_nulls())
    group_spelling, respelled = _by_first(
        groups, "group", "Group", "group", "offers.group_respelled"
    )
    findings += respelled
    parsed = parsed.with_columns(
        pl.col("lots_list").list.eval(pl.element().replace(lot_spelling)),
        pl.col("supplier").replace(supplier_spelling),
        pl.col("group").replace(group_spelling),
    )
    return parsed, sorted(findings, key=lambda f: (f.row, f.column))


def _first_rows(names: pl.DataFrame) -> list[tuple[str, int]]:
    """Each distinct spelling (``name``) with the first row naming it, in table order."""
    first = names.group_by("name").agg(pl.col("_row").min()).sort("_row", "name")
    return [(name, row) for name, row in first.iter_rows()]


def _by_first(
    spellings: list[tuple[str, int]], column: str, thing: str, what: str, code: str
) -> tuple[dict[str, str], list[Finding]]:
    """Each spelling equal to an earlier one but for case and spacing, mapped to the earlier;
    a warning for each."""
    first: dict[str, tuple[str, int]] = {}
    mapping: dict[str, str] = {}
    findings: list[Finding] = []
    for name, row in spellings:
        key = supplier_key(name)
        if key not in first:
            first[key] = (name, row)
            continue
        earlier, earlier_row = first[key]
        mapping[name] = earlier
        findings.append(
            Finding(
                row,
                column,
                f"'{name}'",
                f"{thing} '{name}' is taken to be '{earlier}' (so written first in row "
                f"{earlier_row}): case and spacing make no difference, as in bid returns",
                f"one spelling of each {what}, such as '{earlier}'",
                code,
            )
        )
    return mapping, findings


def _lookalike_lots(
    parsed: pl.DataFrame, spellings: list[tuple[str, int]], mapping: dict[str, str]
) -> list[Finding]:
    """An error at every row naming a lot id that looks like an earlier one but is written
    with other characters."""
    first: dict[str, str] = {}
    clashes: dict[str, str] = {}
    for name, _ in spellings:
        if name in mapping:
            continue
        earlier = first.setdefault(skeleton(name), name)
        if earlier != name:
            clashes[name] = earlier
    if not clashes:
        return []
    naming = (
        parsed.select("_row", pl.col("lots_list").alias("name"))
        .explode("name")
        .filter(pl.col("name").is_in(list(clashes)))
        .unique(maintain_order=True)
        .sort("_row")
    )
    return [
        Finding(
            row,
            "lots",
            f"'{name}', with {unusual_characters(name) or 'only plain characters'}",
            f"Lot '{name}' looks like lot '{clashes[name]}' but is written with other "
            "characters, so it would be another lot",
            f"the lot id written in plain characters, as '{clashes[name]}'",
            "offers.lot_lookalike",
            Severity.ERROR,
        )
        for row, name in naming.iter_rows()
    ]


def _alike_suppliers(spellings: list[tuple[str, int]], mapping: dict[str, str]) -> list[Finding]:
    """A warning for each supplier name that looks like an earlier one, or is one name with it
    as Companies House compares names: counted apart under a lot cap, whatever they are."""
    looks: dict[str, str] = {}
    registered: dict[str, str] = {}
    findings: list[Finding] = []
    for name, row in spellings:
        if name in mapping:
            continue
        same_look = looks.setdefault(skeleton(name), name)
        same_name = registered.setdefault(registered_form(name) or supplier_key(name), name)
        if same_look != name:
            findings.append(
                Finding(
                    row,
                    "supplier",
                    "; ".join(
                        f"'{n}' has {unusual_characters(n) or 'only plain letters'}"
                        for n in (same_look, name)
                    ),
                    f"'{name}' and '{same_look}' look the same but are written with different "
                    "characters, so they are two suppliers, counted apart under a lot cap",
                    "each supplier's name as registered, in plain letters: check whether they "
                    "are one organisation, and correct the name",
                    "offers.lookalike_names",
                )
            )
        elif same_name != name:
            findings.append(
                Finding(
                    row,
                    "supplier",
                    f"'{name}' and '{same_name}'",
                    f"'{name}' and '{same_name}' are one name as Companies House compares "
                    "names (the legal form, '&' for 'and', punctuation and spacing set aside), "
                    "yet they are two suppliers, counted apart under a lot cap",
                    "each supplier's name as registered, the same on every row: check whether "
                    "they are one organisation, and correct the name",
                    "offers.same_registered_name",
                )
            )
    return findings
