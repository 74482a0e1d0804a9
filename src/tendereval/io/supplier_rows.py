"""The ``suppliers`` and ``supply_chain`` frames checked against the bids, as a bid return's own
Organisation and Supply chain sheets would be.

A bid return's type of organisation is read by :func:`bid_rules.read_org_type` (case and
spacing ignored, "In-House Team" is the in-house team; "in house team" is the loader's
``choice.invalid``); from a frame it was compared as typed, and the buyer's own in-house team
with "In-House Team" became a ranked tender that could win. And a bid return cannot give a
suppliers row for a supplier that did not bid, where a frame can: a row whose name matched no
bid was ignored without a word, so the bid it was meant for lost its type of organisation (the
comparator became a tender), its SME status and its unique identifier.
"""

from __future__ import annotations

import polars as pl

from tendereval.errors import Problem, Severity
from tendereval.io.bid_rules import read_org_type
from tendereval.io.keys import supplier_key
from tendereval.io.nearest import bidder_names
from tendereval.tender import Tender


def org_types_as_read(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The suppliers with each ``org_type`` read as the bid loader reads the cell (one of the
    layout's choices as written there), or None when each is already (as a loaded tender's
    are). One that is none of the choices is left out (null, as the loader leaves it), with
    the loader's error ``choice.invalid`` naming the frame's row."""
    suppliers = tender.suppliers
    if suppliers.is_empty():
        return None
    typed = suppliers.get_column("org_type").to_list()
    read = [read_org_type(text) for text in typed]
    if all(value == text for text, (value, _) in zip(typed, read, strict=True)):
        return None
    names = suppliers.get_column("supplier").to_list()
    for n, (supplier, (_, said)) in enumerate(zip(names, read, strict=True), start=1):
        if said is None:
            continue
        problems.append(
            Problem(
                f"{supplier}: the type of organisation (the suppliers frame's org_type column) "
                "is not one of the allowed choices, so it is not known whether the bid is the "
                "buyer's own in-house team",
                found=said.found,
                expected=said.expected,
                code=said.code,
                file="suppliers frame",
                cell=f"row {n}",
            )
        )
    return suppliers.with_columns(
        pl.Series("org_type", [value for value, _ in read], dtype=pl.String)
    )


def rows_for_no_bidder(tender: Tender) -> list[Problem]:
    """An error for each ``suppliers`` or ``supply_chain`` row naming a supplier that did not
    bid (``suppliers.unknown_supplier``, ``supply_chain.unknown_supplier``, naming the nearest
    bidder), as a score for one is (``score.unknown_supplier``); and a warning
    (``suppliers.no_row``) for each bidder the ``suppliers`` frame, when given, has no row
    for: its type of organisation, SME status and unique identifier are then unknown. Names
    are matched as scoring matches them."""
    bidders = tender.bids.get_column("supplier").drop_nulls().unique(maintain_order=True)
    if bidders.is_empty():
        return []
    by_key = {supplier_key(name): name for name in bidders.to_list()}
    names = bidder_names(list(by_key.values()))
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    problems = []
    for frame in ("suppliers", "supply_chain"):
        given = getattr(tender, frame)
        # Found among the distinct names: only the rows of a name no bidder has are looked at.
        # (A row with no supplier: the frame's own check says so.)
        names_given = given.get_column("supplier").drop_nulls().unique().to_list()
        unknown = [name for name in names_given if supplier_key(name) not in by_key]
        if not unknown:
            continue
        rows = given.with_row_index("_row", offset=1).filter(pl.col("supplier").is_in(unknown))
        for row in rows.iter_rows(named=True):
            supplier = row["supplier"]
            where = {"file": row.get("source") or f"{frame} frame", "cell": row.get("cell")}
            if not where["cell"]:
                where = {"file": f"{frame} frame", "cell": f"row {row['_row']}"}
            code = f"{frame}.unknown_supplier"
            if (code, where["file"], supplier) in reported:
                continue
            problems.append(
                Problem(
                    f"a {frame} row for a supplier that did not submit a bid, so it is "
                    "nobody's: the bid it was meant for has no such row",
                    found=supplier,
                    expected=names.expected(supplier),
                    code=code,
                    **where,
                )
            )
    suppliers = tender.suppliers
    if suppliers.is_empty():
        return problems
    listed = {supplier_key(n) for n in suppliers.get_column("supplier").drop_nulls().to_list()}
    unread = _bids_not_read(tender)
    for key, bidder in by_key.items():
        if key in listed or key in unread:
            continue
        if ("suppliers.no_row", "suppliers frame", bidder) in reported:
            continue
        problems.append(
            Problem(
                f"{bidder}: the suppliers frame has no row for this bidder, so its type of "
                "organisation (whether it is the buyer's own in-house team), SME status and "
                "unique identifier are not known",
                found=bidder,
                expected="a row of the suppliers frame for each bidder",
                code="suppliers.no_row",
                severity=Severity.WARNING,
                file="suppliers frame",
            )
        )
    return problems


def _bids_not_read(tender: Tender) -> set[str]:
    """The keys of the bidders whose bid file has an error of the loader's (one that could
    not be read, named by its file): the loader gives such a file no suppliers row, and its
    own error says why."""
    files = {p.file for p in tender.problems if p.is_error and p.file}
    if not files:
        return set()
    bids = tender.bids.filter(pl.col("source").is_in(list(files)))
    return {supplier_key(name) for name in bids.get_column("supplier").drop_nulls().to_list()}
