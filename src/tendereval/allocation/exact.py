"""Every answer a solver returns, checked exactly against the rules in force before it is used.

A solver reads each row in floating point and takes an offer within 1e-6 of 0 for none of it:
beside £100 offers, a £5bn offer's row weight is tens of millions of units, so a millionth of it
(£5,000) can pass a share rule the allocation misses by pounds. The rows of money (the budget,
a supplier's most value, the SME and VCSE shares, the most supplier share) are therefore checked
here from the offers' whole pence, shares as the decimals the buyer wrote (0.3 is exactly
3/10); every other row (each lot once, a supplier's exclusive offers, awarding every lot, the
lot caps, a supplier's most lots or volume, the fewest suppliers, something awarded under a
share rule) has whole-number weights, which the solver's own row states exactly. One pass over
the offers chosen and the rows in force: linear in offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import pulp

from tendereval.allocation.policy import percent
from tendereval.comparison import whole_pence
from tendereval.wording import pounds

if TYPE_CHECKING:
    from tendereval.allocation.model import AllocationModel

# Rows whose weights are money: checked from whole pence, never from the row's floats.
MONEY_ROWS = ("budget", "maxvalue_", "sme_share", "vcse_share", "share_")
# Rows that are no rule of the policy: fixing a level (checked in whole units by the model),
# asking for a different allocation (find_ties), ruling out one that broke a rule, the
# objective's placeholder, the explanation's measures, the awarded value the most supplier
# share's rows weigh against (that rule is checked in whole pence above).
NOT_RULES = ("fix_", "differ_", "cut_", "nothing", "cap_measure_", "largest_", "awarded_value")


@dataclass(frozen=True)
class Broken:
    """A rule an allocation breaks: the model's row, by how much in the row's own units (to
    tighten it by), and in words for a procurement officer (money in pounds)."""

    row: pulp.LpConstraint
    excess: float
    words: str


def broken_rules(model: AllocationModel, chosen: Iterable[int]) -> list[Broken]:
    """Each rule in force that the offers at ``chosen`` break, checked exactly."""
    chosen = sorted(set(chosen))
    found = _money_broken(model, chosen)
    values = model._values_of(chosen)
    rows = _whole_rows(model)
    taken = [0.0] * len(model.variable_position)
    for var, value in values.items():
        if id(var) in model.variable_position:  # (not the total value: a row of money)
            taken[model.variable_position[id(var)]] = value
    for row, items in rows:
        activity = sum(weight * taken[i] for i, weight in items)
        low, high = row.getLb(), row.getUb()
        if (low is not None and activity < low - 1e-9) or (
            high is not None and activity > high + 1e-9
        ):
            excess = activity - high if high is not None and activity > high else low - activity
            found.append(Broken(row, excess, _whole_row_words(row.name or "")))
    return found


def _whole_rows(model: AllocationModel) -> list[tuple[pulp.LpConstraint, list[tuple[int, float]]]]:
    """The model's rows of whole-number weights, each as (variable's position, weight) pairs:
    read once per model, so a check sums numbers without looking a variable up."""
    if model.whole_rows is None:
        variables = [*model.x, *model.supplier_used.values()]
        model.variable_position = {id(var): i for i, var in enumerate(variables)}
        model.whole_rows = [
            (row, [(model.variable_position[id(var)], w) for var, w in row.items()])
            for row in model.prob.constraints()
            if not (row.name or "").startswith(MONEY_ROWS + NOT_RULES)
        ]
    return model.whole_rows


def _money_broken(model: AllocationModel, chosen: list[int]) -> list[Broken]:
    """The money rules in force that ``chosen`` breaks, in whole pence."""
    policy, active, rows = model.policy, model.active, model.named_rows
    price = model.column("price_units")
    suppliers = model.column("supplier")
    value = sum(price[i] for i in chosen)
    found: list[Broken] = []

    def over(row_name: str, excess: Fraction, words: str) -> None:
        if excess > 0:
            found.append(Broken(rows[row_name], float(excess) / model.money, words))

    if "budget" in active and policy.budget is not None:
        budget = whole_pence(policy.budget)
        over(
            "budget",
            Fraction(value - budget),
            f"the total price {_money(value)} is "
            f"{_money(value - budget)} over the budget of {_money(budget)}",
        )
    won: dict[str, int] = {}
    for i in chosen:
        won[suppliers[i]] = won.get(suppliers[i], 0) + price[i]
    numbers = {supplier: n for n, supplier in enumerate(sorted(set(suppliers)))}
    if "supplier_max_value" in active:
        for supplier, limit in policy.supplier_max_value.items():
            mine, most = won.get(supplier, 0), whole_pence(limit)
            if supplier in numbers:
                over(
                    f"maxvalue_{numbers[supplier]}",
                    Fraction(mine - most),
                    f"{supplier} wins {_money(mine)}, {_money(mine - most)} over its most "
                    f"value of {_money(most)}",
                )
    if "max_supplier_share" in active and policy.max_supplier_share is not None:
        most = _decimal(policy.max_supplier_share)
        for supplier, mine in won.items():
            over(
                f"share_{numbers[supplier]}",
                # the row is q × a supplier's value − p × the total, for the share p/q
                most.denominator * (mine - most * value),
                f"{supplier} wins {_money(mine)} of {_money(value)}, "
                f"{_money(mine - most * value)} over the most share of "
                f"{percent(policy.max_supplier_share)}",
            )
    for rule, share, flag in (
        ("sme_share", policy.min_sme_share, "sme"),
        ("vcse_share", policy.min_vcse_share, "vcse"),
    ):
        if rule not in active or not share:
            continue
        weights = model.participation_weights(flag, f"{flag}_subcontract_share")
        counted = sum((_decimal(weights[i]) * price[i] for i in chosen), Fraction(0))
        short = _decimal(share) * value - counted
        over(
            rule,
            short,
            f"the {flag.upper()} share is {_money(counted)} of {_money(value)}, "
            f"{_money(short)} short of {percent(share)}",
        )
    return found


def _whole_row_words(name: str) -> str:
    """A whole-number rule the model names ``name``, in words."""
    for start, words in (
        ("lot_", "a lot awarded more than once"),
        ("group_", "two offers of one supplier's exclusive group both awarded"),
        ("award_", "a lot left unawarded where every lot must be awarded"),
        ("cap_", "a supplier over the lot cap"),
        ("follows_", "a lot passed down the ranking while a supplier above is under the cap"),
        ("maxlots_", "a supplier over its most lots"),
        ("maxvolume_", "a supplier over its capacity"),
        ("nonempty", "nothing awarded under a share rule"),
        ("min_suppliers", "fewer suppliers winning than the minimum"),
    ):
        if name.startswith(start):
            return words
    return f"the model's row {name}"


def _decimal(share: float) -> Fraction:
    """A share as the decimal the buyer wrote: 0.3 is exactly 3/10, not the nearest float."""
    return Fraction(str(share))


def _money(amount_pence: Fraction | int) -> str:
    """Pence, exactly, in pounds for a reader (to the penny, rounded up from a part of one)."""
    whole = Fraction(amount_pence)
    return pounds(float(-((-whole) // 1)) / 100)
