"""The tidy tables every loader produces and every later step consumes.

This module is the contract between reading (bid returns, score sheets, the consolidated
matrix, CSV folders) and scoring: whichever form a tender arrives in, it loads to these frames
with exactly these columns and types. ``source`` is the file (relative to the tender folder)
and ``cell`` the cell a value came from (``Prices › G7``), so every number stays traceable.

Suppliers are matched across files on ``supplier_key``: the name folded to lower case with
runs of spaces (including non-breaking spaces) collapsed, so "Acme Care  Ltd" and "acme care
ltd" are recognised as the same organisation (and reported when they collide).
"""

from __future__ import annotations

from operator import itemgetter

import polars as pl

from tendereval.io.keys import supplier_key

__all__ = ["SCHEMAS", "conform", "empty", "frame", "supplier_key"]

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    # One row per supplier (bidding organisation or consortium lead).
    "suppliers": {
        "supplier": pl.String,  # display name: the legal name as written in the bid
        "supplier_key": pl.String,  # matching key, see supplier_key()
        "source": pl.String,
        "legal_name": pl.String,
        "trading_name": pl.String,
        "company_number": pl.String,
        "charity_number": pl.String,
        "address": pl.String,
        "org_type": pl.String,  # private company, charity, CIC, mutual, public body, in-house team
        "vcse": pl.Boolean,
        "staff": pl.Float64,
        "turnover": pl.Float64,
        "balance_sheet": pl.Float64,
        "sme": pl.Boolean,  # from the plan's SME definition; null when undecidable
        "contact_name": pl.String,
        "contact_email": pl.String,
        # The supplier's unique identifier from the Central Digital Platform (its PPON): what
        # the assessment summaries give (reg 31(2)(c)) and the award notice names it by.
        "unique_identifier": pl.String,
    },
    # Consortium members and named subcontractors (second tier).
    "supply_chain": {
        "supplier": pl.String,
        "name": pl.String,
        "role": pl.String,  # "consortium member" or "subcontractor"
        "company_number": pl.String,
        "staff": pl.Float64,
        "turnover": pl.Float64,
        "sme": pl.Boolean,
        "vcse": pl.Boolean,
        "share": pl.Float64,  # share of the work, 0..1
        "lots": pl.List(pl.String),  # empty list: all the supplier's lots
        "source": pl.String,
        "cell": pl.String,
    },
    # One row per supplier × lot the supplier bid for. A file that could not be read at all
    # has one row with lot null, so it is never lost.
    "bids": {
        "supplier": pl.String,
        "lot": pl.String,
        "source": pl.String,
    },
    # The price schedule: one row per supplier × lot × item. ``source`` and ``cell`` are where
    # the unit rate is; the uplift is on the same row of the same file.
    "prices": {
        "supplier": pl.String,
        "lot": pl.String,
        "item": pl.String,
        "volume": pl.Float64,  # yearly quantity, from the plan
        "unit_rate": pl.Float64,  # null when missing or unreadable (a problem says why)
        "uplift": pl.Float64,  # a share (0.03 = 3%); 0 or null when none given
        "source": pl.String,
        "cell": pl.String,
        # Null when the form has no uplift column (0 is used). An uplift_cell with a null uplift
        # is a cell that could not be read: the item, and the bid, then have no price.
        "uplift_cell": pl.String,
        "volume_source": pl.String,  # the file the volume came from: the plan (tender.toml)
        "volume_cell": pl.String,  # its place there: ``lots › L2 › volumes.hours``
    },
    # Package offers: a whole-life price for a set of lots together.
    "packages": {
        "supplier": pl.String,
        "package": pl.String,
        "lots": pl.List(pl.String),
        "price": pl.Float64,
        "source": pl.String,
        "cell": pl.String,
    },
    # Quantitative social value commitments: measure × units, per lot (lot null: every lot bid).
    "commitments": {
        "supplier": pl.String,
        "lot": pl.String,
        "measure": pl.String,
        "units": pl.Float64,
        "description": pl.String,
        "source": pl.String,
        "cell": pl.String,
    },
    # One row per evaluator (score sheet).
    "declarations": {
        "evaluator": pl.String,
        "group": pl.String,  # evaluator group id; "" for the main evaluators
        "declared_on": pl.String,
        "conflict": pl.String,  # "none", "declared", or "" when the declaration is missing
        "conflicted_suppliers": pl.List(pl.String),
        "source": pl.String,
    },
    # Individual evaluators' scores: one row per evaluator × supplier × lot × question.
    "scores": {
        "evaluator": pl.String,
        "group": pl.String,
        "supplier": pl.String,
        "lot": pl.String,
        "question": pl.String,
        "score": pl.Float64,  # null when missing or unusable (a problem says why)
        "reason": pl.String,
        "source": pl.String,
        "cell": pl.String,
        # A score set aside when read (not on its scale, not a number, a second score from one
        # evaluator for the same row): the value as typed, and why it does not count. Null
        # for a score that counts, or a cell left blank. Such a row is listed, never counted.
        "found": pl.String,
        "set_aside_because": pl.String,
    },
    # Moderated consensus scores with their written reasons.
    "moderation": {
        "supplier": pl.String,
        "lot": pl.String,
        "question": pl.String,
        "score": pl.Float64,
        "reason": pl.String,
        "moderator": pl.String,
        "source": pl.String,
        "cell": pl.String,
    },
    # Social value proxy values (£ per unit), versioned and replaceable by the user.
    "proxies": {
        "measure": pl.String,
        "theme": pl.String,
        "description": pl.String,
        "unit": pl.String,
        "proxy_value": pl.Float64,
        "version": pl.String,
    },
    # Every input file read, with its SHA-256, for the audit trail.
    "inputs": {
        "path": pl.String,
        "kind": pl.String,  # plan, bid, scores, moderation, matrix, proxies, misplaced …
        "sha256": pl.String,
        "bytes": pl.Int64,
    },
}


def empty(name: str) -> pl.DataFrame:
    """An empty frame with the named schema."""
    return pl.DataFrame(schema=SCHEMAS[name])


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    """Build the named frame from row dicts; missing keys become null, columns in schema order."""
    schema = SCHEMAS[name]
    if not rows:
        return empty(name)
    if set(map(type, rows)) == {dict}:  # plain dicts: a missing key raises, never inserts
        columns = {col: _column(rows, col) for col in schema}
    else:
        columns = {col: [row.get(col) for row in rows] for col in schema}
    return pl.DataFrame(columns, schema=schema)


def _column(rows: list[dict], col: str) -> list:
    """The column's value in each row, in C when every row has it (most columns); null
    where a row leaves it out."""
    try:
        return list(map(itemgetter(col), rows))
    except KeyError:
        return [row.get(col) for row in rows]


def conform(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """Cast and order ``df`` to the named schema, adding any missing column as null."""
    schema = SCHEMAS[name]
    return df.select(
        [
            (pl.col(col) if col in df.columns else pl.lit(None)).cast(dtype).alias(col)
            for col, dtype in schema.items()
        ]
    )
