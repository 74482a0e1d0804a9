"""Red team (session 38, report repro_2): under a lot cap taken lot by lot, the award's margin
and its close call were measured to a tender the lot could never go to.

homecare-districts with one lot per supplier: lots are taken in descending value, and ASH
(taken after SWA) went to Ashford, 0.8201 points ahead of Greenleaf, which already held SWA:
the cap passes Greenleaf over in ASH whatever its score there, so the Summary sheet's margin,
margin_to_next and the close-call flags described a race Greenleaf was not in. The margin is
now to the next tender the lot would go to: Harbourside, 3.3318 points behind.

The small tender here (price 60 by lowest price ratio, quality 40: Q1 on 0-5, 8 points a
step; one lot per supplier; lot A worth more than lot B) has Ash alone in A, so Ash holds the
cap once A is taken. In B:

* Birch: £10, Q1 4: 60 + 32 = 92, ranked first;
* Ash: £10.05, Q1 4: 60 x 10/10.05 + 32 = 91.7015 (to 4 places), ranked second;
* Cedar: £10, Q1 3: 60 + 24 = 84, ranked third.

B is taken after A, so it would go next to Cedar, not Ash: Birch's margin is 92 - 84 = 8, no
close call (before: 92 - 91.7015 = 0.2985, a close call between Birch and Ash). The cap never
binds here: the order it takes the lots in still decides who could have B.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tests.award.red_team_tenders import Bid, tender_folder

CAP = """
[participation]
max_lots_per_supplier = 1
cap_rule = "{rule}"
cap_mechanism = "One lot per supplier; a supplier holding it is passed over."
{order}"""

VALUES = {"A": 900, "B": 899}


def capped(folder: Path, bids: list[Bid], rule: str, order: str = "") -> Path:
    extra = CAP.format(rule=rule, order=f"cap_lot_order = {order}\n" if order else "")
    tender_folder(folder, ["A", "B"], bids, extra=extra)
    plan = (folder / "tender.toml").read_text(encoding="utf-8")
    for lot, value in VALUES.items():
        plan = plan.replace(
            f'name = "Lot {lot}"\n', f'name = "Lot {lot}"\nestimated_value = {value}\n'
        )
    (folder / "tender.toml").write_text(plan, encoding="utf-8")
    return folder


def bids(cedar: Bid) -> list[Bid]:
    return [
        Bid("Ash Care", "A", 10, 5),
        Bid("Birch Care", "B", 10, 4),
        Bid("Ash Care", "B", 10.05, 4),
        cedar,
    ]


def close_calls(result: tendereval.ScoreResult) -> pl.DataFrame:
    return result.flags.filter((pl.col("lot") == "B") & (pl.col("code") == "close_call"))


@pytest.mark.parametrize(
    ("rule", "order", "margin"),
    [
        # A is taken first (worth more, or listed first): Ash holds the cap when B is taken.
        ("descending_value", "", 8.0),
        ("lot_order", '["A", "B"]', 8.0),
        # B is taken first: Ash has room then, and would have B were Birch not there.
        ("lot_order", '["B", "A"]', 0.2985),
        # A combination rule takes no lot before another: a tender whose supplier holds the
        # cap with another lot could overtake the proposed one and take this lot, the other
        # going to someone else, so the margin stays to the tender ranked next.
        ("highest_total_score", "", 0.2985),
    ],
)
def test_the_margin_is_to_the_next_tender_the_lot_would_go_to_under_the_cap(
    tmp_path: Path, rule: str, order: str, margin: float
) -> None:
    folder = capped(tmp_path / "tender", bids(Bid("Cedar Care", "B", 10, 3)), rule, order)
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.winner("A") == "Ash Care"
    assert result.award.winner("B") == "Birch Care"
    assert result.award.margin(result.results, "B") == pytest.approx(margin, abs=1e-12)
    lot_b = result.results.filter(pl.col("lot") == "B")
    assert dict(lot_b.select("supplier", "margin_to_next").rows()) == {
        "Birch Care": pytest.approx(margin, abs=1e-12),
        "Ash Care": None,
        "Cedar Care": None,
    }
    flagged = sorted(close_calls(result).get_column("supplier"))
    assert flagged == ([] if margin == 8.0 else ["Ash Care", "Birch Care"])


def test_a_close_call_past_a_tender_holding_the_cap_names_the_tender_it_passes_over(
    tmp_path: Path,
) -> None:
    """Cedar bids £10.10, Q1 4: 60 x 10/10.10 + 32 = 91.4059 (to 4 places), 0.5941 behind
    Birch: still a close call, between Birch and Cedar, and the flag says why Ash (0.2985
    behind Birch) is not the tender it is measured to."""
    cedar = Bid("Cedar Care", "B", 10.10, 4)
    result = tendereval.score(
        capped(tmp_path / "tender", bids(cedar), "descending_value"), sensitivity=False
    )
    assert result.award.margin(result.results, "B") == pytest.approx(0.5941, abs=1e-12)
    close = close_calls(result)
    assert sorted(close.get_column("supplier")) == ["Birch Care", "Cedar Care"]
    assert set(close.get_column("message")) == {
        "the tender ranked first and the next tender the lot would go to are 0.5941 points "
        "apart, within the close-call margin of 1 (the lot cap passes over the tenders ranked "
        "between them: Ash Care holds the maximum of 1 lot already)"
    }


def test_a_supplier_that_may_yet_hold_the_cap_is_still_measured_to(tmp_path: Path) -> None:
    """Ash and Dart tie for first in A (Q1 5, £10: 100 each) and the tie-break cannot part
    them, so A is undecided: Ash may or may not hold the cap when B is taken, so B could go
    to Ash next, and the margin stays Birch's 0.2985 over Ash (the smaller one)."""
    tender = [*bids(Bid("Cedar Care", "B", 10, 3)), Bid("Dart Care", "A", 10, 5)]
    result = tendereval.score(
        capped(tmp_path / "tender", tender, "descending_value"), sensitivity=False
    )
    assert result.award.lots["A"].outcome == "undecided"
    assert result.award.margin(result.results, "B") == pytest.approx(0.2985, abs=1e-12)
