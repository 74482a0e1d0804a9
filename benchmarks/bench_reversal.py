"""Rank reversal under a lot cap applied by the lowest total cost: processor seconds and how
many withdrawals had the award decided again (award/reversal.py), on random tenders of 12 lots,
a cap of 1 lot and 5, 10, 20 and 40 suppliers each bidding for every lot.

    .venv/bin/python benchmarks/bench_reversal.py [--suppliers 5 10 20 40] [--seed 17]

Built as tests/award/test_reversal_lowest_cost.py builds its tenders (tests/scoring/builders):
price 50, quality 50, one question; rates £10–£16 in pennies and marks 1–5 drawn from the seed,
the first two suppliers marked 5, so they are first in most lots and the cap binds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.award.test_cap_rules import PRICE_AND_QUALITY, cap, lots  # noqa: E402
from tests.scoring.builders import make_plan, tender  # noqa: E402

from tendereval.award import reversal  # noqa: E402
from tendereval.scoring.combine import score  # noqa: E402

LOTS = [f"L{j:02}" for j in range(12)]


def random_tender(n_suppliers: int, seed: int):
    """A tender of 12 lots, a cap of 1, the lowest total cost, ``n_suppliers`` in each lot."""
    draw = random.Random(seed * 1000 + n_suppliers)
    suppliers = [f"S{i:02}" for i in range(n_suppliers)]
    rates = {(s, lot): draw.randint(1000, 1600) / 100 for s in suppliers for lot in LOTS}
    marks = {(s, "Q1"): 5 if i < 2 else draw.randint(1, 5) for i, s in enumerate(suppliers)}
    plan = make_plan(
        cap(1, "lowest_total_cost"), PRICE_AND_QUALITY, lots=lots(dict.fromkeys(LOTS, 100_000))
    )
    return tender(plan, rates=rates, marks=marks)


def measured(n_suppliers: int, seed: int) -> tuple[float, int, int, object]:
    """Processor seconds of rank reversal, withdrawals, withdrawals decided again, frame."""
    spent, decided = [], []
    full, again = reversal.rank_reversal, reversal._award_without

    def timed(result, withdrawals, progress=None):
        before = time.process_time()
        out = full(result, withdrawals, progress)
        spent.append(time.process_time() - before)
        return out

    def counted(*args, **kwargs):
        decided.append(1)
        return again(*args, **kwargs)

    reversal.rank_reversal, reversal._award_without = timed, counted
    try:
        result = score(random_tender(n_suppliers, seed), samples=0)
    finally:
        reversal.rank_reversal, reversal._award_without = full, again
    assert result.award.cap.binds, "the cap does not bind: choose another seed"
    return spent[0], result.rank_reversal.height, len(decided), result.rank_reversal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    print("suppliers  withdrawals  decided again  processor s  changed")
    for n in args.suppliers:
        seconds, rows, decided, frame = measured(n, args.seed)
        changed = int(frame["changed"].sum())
        print(f"{n:>9}  {rows:>11}  {decided:>13}  {seconds:>11.2f}  {changed:>7}")


if __name__ == "__main__":
    main()
