"""``bids``: the bid statistics per lot (published), and every bid (the buyer's records only).

The statistics are counts of the score results, one set per lot of the plan. The buyer's own
in-house team's return (status ``comparator``) is no bid: it is not counted, nor listed among
the bids, and its team is not a party (a contracting authority does not tender to itself).

=====================  =====================================================================
``bids``               every bid received for the lot: ranked, disqualified, invalid or
                       withdrawn (the ``notes`` say how many were withdrawn)
``validBids``          bids that met every requirement and were ranked
``disqualifiedBids``   bids disqualified on a published minimum score, disregarded by the
                       buyer on a ground the law gives, or invalid (could not be assessed);
                       the ``notes`` say how many of each. A bid its supplier
                       withdrew is neither valid nor disqualified
``finalStageBids``     bids assessed against the award criteria: ranked or disqualified (UK)
``smeFinalStageBids``  of those, bids from SMEs as the plan's SME definition finds them (UK)
``vcseFinalStageBids`` of those, bids from VCSEs as the bids declare (UK)
=====================  =====================================================================

``bids``, ``validBids`` are the bid extension's codes (v1.1.5, on which the UK extension
depends); the three final-stage codes are the UK extension's; ``disqualifiedBids`` is the bid
extension's current code for bids found inadmissible (the codelist is open).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.ocds.formats import number
from tendereval.ocds.parties import Bidders, Parties
from tendereval.scoring.combine import DISREGARDED_OPENING
from tendereval.scoring.result import ScoreResult

# The bid extension's bidStatus codes for the results' statuses (an invalid bid could not be
# assessed: "disqualified", the code for a bid that did not qualify to be evaluated).
BID_STATUS = {"ranked": "valid", "withdrawn": "withdrawn"}
# The in-house comparator's rows: no bid, and no bidder.
COMPARATOR = pl.col("status") == "comparator"
MEASURES = (
    "bids",
    "validBids",
    "disqualifiedBids",
    "finalStageBids",
    "smeFinalStageBids",
    "vcseFinalStageBids",
)


def lot_counts(results: pl.DataFrame, lots: list[str]) -> pl.DataFrame:
    """Per lot (every one of ``lots``, in that order): each measure, how many of the
    disqualified bids were ``disqualified`` on a threshold, ``disregarded`` on a ground or
    ``invalid``, and how many bids were ``withdrawn``."""
    status = pl.col("status")
    assessed = status.is_in(["ranked", "disqualified"])
    disregarded = (
        pl.col("reasons")
        .list.eval(pl.element().str.starts_with(DISREGARDED_OPENING))
        .list.any()
        .fill_null(False)
    )
    counts = (
        # A tender each: a supplier's other return for a lot (one it replaced) is not one
        # more bid received.
        results.filter(pl.col("lot").is_in(lots) & ~ANOTHER_RETURN & ~COMPARATOR)
        .group_by("lot")
        .agg(
            bids=pl.len(),
            validBids=(status == "ranked").sum(),
            disqualifiedBids=status.is_in(["disqualified", "invalid"]).sum(),
            finalStageBids=assessed.sum(),
            smeFinalStageBids=(assessed & pl.col("sme").fill_null(False)).sum(),
            vcseFinalStageBids=(assessed & pl.col("vcse").fill_null(False)).sum(),
            disqualified=((status == "disqualified") & ~disregarded).sum(),
            disregarded=((status == "disqualified") & disregarded).sum(),
            invalid=(status == "invalid").sum(),
            invalid_disregarded=((status == "invalid") & disregarded).sum(),
            withdrawn=(status == "withdrawn").sum(),
        )
    )
    every = pl.DataFrame({"lot": lots}, schema={"lot": pl.String})
    return every.join(counts, on="lot", how="left").fill_null(0)


def statistics(result: ScoreResult) -> list[dict[str, Any]]:
    counts = lot_counts(result.results, result.plan.lot_ids)
    sme = f"SMEs as the plan defines them ({result.plan.sme.name})"
    notes = {
        "finalStageBids": "bids assessed against the award criteria (ranked, or disqualified: "
        "on a published minimum score, or disregarded on a ground the law gives)",
        "smeFinalStageBids": f"final-stage bids from {sme}",
        "vcseFinalStageBids": "final-stage bids from voluntary, community or social "
        "enterprises, as each bid declared",
    }
    out = []
    for row in counts.iter_rows(named=True):
        for measure in MEASURES:
            entry: dict[str, Any] = {
                "id": f"{row['lot']}-{measure}",
                "measure": measure,
                "value": int(row[measure]),
                "relatedLot": row["lot"],
            }
            if measure == "disqualifiedBids":
                disregarded = (
                    f"{row['disregarded']} disregarded by the contracting authority on a ground "
                    "the law gives; "
                    if row["disregarded"]
                    else ""
                )
                # A tender that could not be assessed may be disregarded too (a price of
                # nothing, rejected once its explanation was considered): said as such.
                among = (
                    f", {row['invalid_disregarded']} of them disregarded by the contracting "
                    "authority on a ground the law gives"
                    if row["invalid_disregarded"]
                    else ""
                )
                entry["notes"] = (
                    f"{row['disqualified']} disqualified on a published minimum score; "
                    f"{disregarded}{row['invalid']} could not be assessed (invalid){among}"
                )
            elif measure == "bids" and row["withdrawn"]:
                entry["notes"] = f"{row['withdrawn']} of them withdrawn by the supplier"
            elif measure in notes:
                entry["notes"] = notes[measure]
            out.append(entry)
    return out


def details(
    result: ScoreResult, parties: Parties, bidders: Bidders, currency: str
) -> tuple[list[dict], dict]:
    """Every bid with its status and reasons, and the id of each (lot, supplier)'s bid (for an
    award's ``relatedBid``). For the buyer's own records: it names every bidder and price."""
    lots = set(result.plan.lot_ids)
    bids: list[dict[str, Any]] = []
    ids: dict[tuple[str, str], str] = {}
    numbered: dict[str, int] = {}
    for row in result.results.filter(~COMPARATOR).iter_rows(named=True):
        lot = row["lot"] if row["lot"] in lots else None
        place = lot or "unassigned"
        numbered[place] = numbered.get(place, 0) + 1
        bid: dict[str, Any] = {
            "id": f"{place}-bid-{numbered[place]}",
            "status": BID_STATUS.get(row["status"], "disqualified"),
            "statusDetails": _status_details(row, named_lot=row["lot"] if lot is None else None),
        }
        name = _tenderer_name(row)
        bid["tenderers"] = [parties.add_supplier(name, bidders.details(name), "tenderer", True)]
        # What the tender would pay over the contract, as the award's value (never a net
        # present value, the figure it was compared on: its statusDetails and the report's).
        if row["whole_life_price"] is not None:
            bid["value"] = {"amount": number(row["whole_life_price"], 2), "currency": currency}
        if lot is not None:
            bid["relatedLots"] = [lot]
            # The first listed: a return its supplier replaced is listed after the one that
            # stands (withdrawn after every other status), and is not the bid awarded.
            ids.setdefault((lot, name), bid["id"])
        bids.append(bid)
    return bids, ids


def tenderer_names(result: ScoreResult) -> list[str]:
    """The name each tender is published under (:func:`_tenderer_name`), every tender's
    (the in-house comparator's too, as the summaries number their files among them)."""
    rows = result.results.select("supplier", "source").unique().iter_rows(named=True)
    return [_tenderer_name(row) for row in rows]


def _tenderer_name(row: dict[str, Any]) -> str:
    """The name a tender is published under: its supplier's, or its file's when it has none."""
    return row["supplier"] or row["source"] or "unknown"


def _status_details(row: dict[str, Any], named_lot: str | None) -> str:
    """tendereval's status in words: ranked 2; disqualified: why; withdrawn: when; invalid: why
    (and the lot it named, when that is not one of the plan's)."""
    reasons = "; ".join(row["reasons"] or [])
    if row["status"] == "ranked":
        return f"ranked {row['rank']}"
    if row["status"] == "withdrawn":
        return reasons or "withdrawn"  # "withdrawn by the supplier on …"
    if row["status"] == "disqualified":
        return f"disqualified: {reasons}" if reasons else "disqualified"
    text = "invalid (could not be assessed)"
    if named_lot is not None:
        text += f" for lot {named_lot}"
    return f"{text}: {reasons}" if reasons else text
