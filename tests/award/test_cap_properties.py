"""The lot-cap rules against an independent brute force, on random small tenders (hypothesis).

Price-only plans keep every total on paper: points = 100 × lowest rate ÷ rate. For each
generated tender and cap, every award the decision makes is checked:

* no supplier wins more lots than the cap, and every winner has a ranked bid in its lot;
* a lot goes to a lower-ranked bid only when every higher-ranked bidder holds the cap, and a
  lot is left unawarded only when every ranked bidder does;
* the sequential rules award what taking the lots one by one gives (a few lines here);
* the combination rules award the best of every such award, found by trying them all; a lot
  the decision calls undecided is one two equally good awards give to different bidders.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendereval.award.cap import taking_order
from tendereval.scoring.combine import score

from ..scoring.builders import make_plan, tender

PRICE_ONLY = '\n[[criteria]]\nid = "price"\ntype = "price"\nweight_of_total = 100\n'
LOTS = ["A", "B", "C", "D"]
SUPPLIERS = ["P", "Q", "R", "S"]


@st.composite
def tenders(draw, rule: str):
    n_lots = draw(st.integers(2, 4))
    values = draw(st.lists(st.integers(1, 5), min_size=n_lots, max_size=n_lots))
    rates = {}
    for lot in LOTS[:n_lots]:
        bidders = draw(st.lists(st.sampled_from(SUPPLIERS), min_size=1, max_size=4, unique=True))
        for supplier in bidders:
            rates[(supplier, lot)] = float(draw(st.integers(10, 14)))
    limit = draw(st.integers(1, 2))
    order = draw(st.permutations(LOTS[:n_lots]))
    return n_lots, values, rates, rule, limit, order


def build(n_lots, values, rates, rule, limit, order):
    lots = "".join(
        f'\n[[lots]]\nid = "{lot}"\nname = "{lot}"\nestimated_value = {value * 100_000}\n'
        "volumes = { hours = 100 }\n"
        for lot, value in zip(LOTS[:n_lots], values, strict=True)
    )
    extra = f'\n[participation]\nmax_lots_per_supplier = {limit}\ncap_rule = "{rule}"\n'
    if rule == "lot_order":
        extra += "cap_lot_order = [" + ", ".join(f'"{lot}"' for lot in order) + "]\n"
    plan = make_plan(extra, PRICE_ONLY, lots=lots)
    return plan, score(tender(plan, rates=rates), sensitivity=False)


def ranked(result) -> dict[str, list[tuple[str, int, float, float]]]:
    """Per lot: (supplier, rank, total, evaluated price), best first."""
    out: dict[str, list] = {}
    for row in result.results.sort("lot", "rank").iter_rows(named=True):
        if row["status"] == "ranked":
            out.setdefault(row["lot"], []).append(
                (row["supplier"], row["rank"], row["total"], row["evaluated_price"])
            )
    return out


def stable(assignment: dict[str, str | None], bids, limit: int) -> bool:
    """Within the cap, and a lot goes lower (or to nobody) only past bidders at the cap."""
    held: dict[str, int] = {}
    for supplier in assignment.values():
        if supplier is not None:
            held[supplier] = held.get(supplier, 0) + 1
    if any(n > limit for n in held.values()):
        return False
    for lot, ladder in bids.items():
        winner = assignment.get(lot)
        rank = next((r for s, r, _, _ in ladder if s == winner), None)
        for supplier, r, _, _ in ladder:
            if (rank is None or r < rank) and held.get(supplier, 0) < limit:
                return False
    return True


def all_stable(bids, limit: int):
    lots = sorted(bids)
    choices = [[None, *[s for s, *_ in bids[lot]]] for lot in lots]
    for combo in itertools.product(*choices):
        assignment = dict(zip(lots, combo, strict=True))
        if stable(assignment, bids, limit):
            yield assignment


def units(assignment, bids) -> tuple[int, int, int]:
    """Lots awarded, total points (1/10,000), total price (pence) as the optimiser counts them."""
    lots = points = pence = 0
    for lot, supplier in assignment.items():
        for s, _, total, price in bids[lot]:
            if s == supplier:
                lots += 1
                points += round(total * 10_000)
                pence += round(price * 100)
    return lots, points, pence


def sequential(bids, limit: int, order) -> dict[str, str | None]:
    held: dict[str, int] = {}
    out: dict[str, str | None] = {}
    for lot in order:
        out[lot] = next((s for s, *_ in bids.get(lot, []) if held.get(s, 0) < limit), None)
        if out[lot] is not None:
            held[out[lot]] = held.get(out[lot], 0) + 1
    return out


RULES = ["descending_value", "lot_order", "highest_total_score", "lowest_total_cost"]


def key_of(rule: str, bids):
    """What the combination rules compare, in the optimiser's units: the plan's tie-break
    (quality, then price) follows the objective; quality is 0 here."""

    def key(assignment):
        lots, points, pence = units(assignment, bids)
        return (points, -pence) if rule == "highest_total_score" else (lots, -pence, points)

    return key


@pytest.mark.parametrize("rule", RULES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_cap_rules_against_a_brute_force(rule: str, data) -> None:
    case = data.draw(tenders(rule))
    plan, result = build(*case)
    limit = case[4]
    decision = result.award
    bids = ranked(result)
    decided = {lot: a.supplier for lot, a in decision.lots.items() if a.outcome != "undecided"}
    held: dict[str, int] = {}
    for supplier in decided.values():
        if supplier is not None:
            held[supplier] = held.get(supplier, 0) + 1
    assert all(n <= limit for n in held.values())
    combination = rule in ("highest_total_score", "lowest_total_cost")
    if decision.undecided and combination and decision.cap.binds:
        key = key_of(rule, bids)
        best = max(key(a) for a in all_stable(bids, limit))
        optima = [a for a in all_stable(bids, limit) if key(a) == best]
        for lot in decision.undecided:
            assert len({a[lot] for a in optima}) > 1, f"lot {lot} is undecided but not tied"
        return
    if decision.undecided:
        # A sequential rule (or no binding cap) leaves a lot open only for bids level in it.
        assert any(
            len({r for _, r, _, _ in bids.get(lot, [])}) < len(bids.get(lot, []))
            for lot in decision.lots
        )
        return
    assert stable(decided, bids, limit)
    if not decision.cap.binds:
        assert decided == {lot: (bids[lot][0][0] if lot in bids else None) for lot in decided}
    elif not combination:
        assert decided == sequential(bids, limit, taking_order(plan, list(decision.lots)))
    else:
        key = key_of(rule, bids)
        best = max(key(a) for a in all_stable(bids, limit))
        assert key(decided) == best
        optima = [a for a in all_stable(bids, limit) if key(a) == best]
        assert all(a == decided for a in optima), "several best awards, yet none undecided"
