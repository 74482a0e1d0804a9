"""``==`` between two tenders or two results: before, the dataclass compared their frames and
polars raised "the truth value of a DataFrame is ambiguous" (a TypeError from inside polars).
Each is now equal only to itself: two runs differ at least in when they ran, and a result
edited in Python holds the same inputs as the one scoring gave, so neither the frames nor the
inputs' SHA-256 say "the same result" without surprising someone; the frames are compared with
``.equals``."""

from __future__ import annotations

import copy
from pathlib import Path

import tendereval

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
HOMECARE = ROOT / "examples" / "homecare-districts"
SCENARIOS = ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml"


def _equal_only_to_itself(made: object, again: object) -> None:
    assert made == made
    assert made != again
    assert (made == again) is False
    assert made != copy.copy(made)
    assert made in [again, made] and again not in [made]
    assert len({made, again, made}) == 2  # a dict key or a set member, by identity


def test_two_tenders_read_from_one_folder_are_two_tenders() -> None:
    _equal_only_to_itself(tendereval.load_tender(CARERS), tendereval.load_tender(CARERS))


def test_two_scorings_are_two_results_with_equal_frames() -> None:
    first = tendereval.score(CARERS, sensitivity=False)
    second = tendereval.score(CARERS, sensitivity=False)
    _equal_only_to_itself(first, second)
    assert first.results.equals(second.results)  # the way to compare two runs


def test_allocations_and_lot_splits_compare_without_polars_failing() -> None:
    allocated = tendereval.allocate(HOMECARE)
    _equal_only_to_itself(allocated.allocation, tendereval.allocate(HOMECARE).allocation)
    modelled = tendereval.scenarios(SCENARIOS, samples=0, steps=1)
    _equal_only_to_itself(
        modelled.result, tendereval.scenarios(SCENARIOS, samples=0, steps=1).result
    )
    # What holds them compares them so too: before, polars failed here as well.
    assert allocated != tendereval.allocate(HOMECARE)


def test_what_allocate_and_scenarios_return_are_each_equal_only_to_itself() -> None:
    """python.md says so of "an allocation and a lot-splits result": what ``allocate`` and
    ``scenarios`` return could be no dict key (unhashable), and a copy equalled it."""
    _equal_only_to_itself(tendereval.allocate(HOMECARE), tendereval.allocate(HOMECARE))
    _equal_only_to_itself(
        tendereval.scenarios(SCENARIOS, samples=0, steps=1),
        tendereval.scenarios(SCENARIOS, samples=0, steps=1),
    )
