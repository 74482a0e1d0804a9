"""Red team, allocation at its extremes: sizes an officer's file can reach."""

from __future__ import annotations

from itertools import combinations

from tendereval.allocation import Policy
from tendereval.allocation.preprocess import prepare
from tests.allocation.allocation_helpers import offers
from tests.cpu_time import cpu_seconds

LOTS = [f"L{n:02d}" for n in range(12)]


def every_package_of_twelve_lots() -> list[tuple]:
    """One supplier offering every combination of 12 lots (4,095 packages), each package of
    k lots for £(100k - k^2) and 10k points, and a small supplier for each lot at £95, 9.5."""
    rows: list[tuple] = []
    for size in range(1, 13):
        for lots in combinations(LOTS, size):
            number = len(rows) + 1
            rows.append(
                (
                    f"P{number}",
                    "Mega Ltd",
                    list(lots),
                    100.0 * size - size * size,
                    10.0 * size,
                    False,
                    False,
                    None,
                )
            )
    rows += [
        (f"S{n}", f"Small {n}", [lot], 95.0, 9.5, True, False, None) for n, lot in enumerate(LOTS)
    ]
    return rows


def test_every_package_of_twelve_lots_is_prepared_in_time_bounded_by_the_file():
    # Before: each package's cover was searched over all 2^k subsets of its lots against every
    # package inside it, Σ C(12,k)·4^k ≈ 5^12 = 244 million steps: 40 s for a 4,107-row file
    # while the solver took under a second. Shared between packages, the search visits each
    # set of lots once.
    frame = offers(every_package_of_twelve_lots())
    started = cpu_seconds()
    prepared = prepare(frame, Policy(award_all_lots=True))
    seconds = cpu_seconds() - started
    assert seconds < 8, f"{seconds:.1f} s to prepare 4,107 offers"
    # A package of k lots costs £(100k - k^2): less than any other cover of its lots at the same
    # score, so none of Mega's offers is outbid; each Small offer (9.5 points) is outbid by
    # Mega's single-lot offer for its lot (10 points).
    dropped = dict(prepared.dominated.select("offer_id", "dominated_by").iter_rows())
    assert dropped == {f"S{n}": f"P{n + 1}" for n in range(12)}
