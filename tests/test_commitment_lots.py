"""A social value commitment whose lot is not one of the plan's: an error that leaves the
commitment out must change the bid's standing (its social value score is not known), or it
misleads; "All" is the supplier's word for every lot, and read so."""

from __future__ import annotations

from pathlib import Path

import pytest

import tendereval

from .example_copies import example_with

HOP = "bids/hop-garden-respite-cic.xlsx"


def _hop(tmp_path: Path, lot: str) -> tuple[dict, list]:
    folder = example_with(tmp_path, "carers-short-breaks", HOP, "Social value!A5", lot)
    result = tendereval.score(folder, sensitivity=False)
    [row] = result.results.filter(result.results["supplier"] == "Hop Garden Respite CIC").rows(
        named=True
    )
    return row, result.problems


def test_a_commitment_for_a_lot_not_in_the_plan_makes_the_bid_invalid(tmp_path):
    """Hop Garden's first commitment (SV-JOB-LOCAL, 4) for lot "North": an error, yet the
    bid stayed ranked with the commitment left out (its social value lower than offered)."""
    row, problems = _hop(tmp_path, "North")
    [error] = [p for p in problems if p.code == "commitments.unknown_lot"]
    assert (error.supplier, error.lot, error.found) == ("Hop Garden Respite CIC", None, "North")
    assert row["status"] == "invalid"


@pytest.mark.parametrize("word", ["All", "all lots", "Every lot"])
def test_a_commitment_for_all_lots_counts_as_one_for_every_lot(tmp_path, word):
    """ "All" is what a blank Lot cell means: read so, with a warning; Hop Garden's social
    value is the example's own (15.03, docs/inputs.md)."""
    row, problems = _hop(tmp_path, word)
    [warning] = [p for p in problems if p.code.startswith("commitments.")]
    assert (warning.code, warning.is_error) == ("commitments.every_lot", False)
    assert warning.where == f"{HOP} › Social value › A5"
    assert row["status"] == "ranked"
    assert (round(row["social_value_score"], 2), row["total"]) == (15.03, pytest.approx(71.422813))
