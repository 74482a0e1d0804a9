"""Say in words why no allocation meets the policy, and how close one can get.

First, lots that nobody can win (no offer at all, or none eligible) are named. Otherwise the
rules in force are reduced to a smallest set that still cannot be met together (a rule is left
out whenever the rest still conflict), and for each rule in that set the optimiser finds the
best value that rule could have under the others: the highest SME share attainable, the lowest
cap that works, the lowest total price, and so on. Ratios (shares of value) are optimised
exactly by Dinkelbach's method: a few MILPs whose objective is numerator − λ·denominator.

Every solve of one explanation shares one allowance of time, the user's time limit (``Clock``):
before, each of its solves had the whole limit, and 40 lots × 80 suppliers under a 600 s limit
spent 1,970 s explaining. A figure the allowance stopped says it is not proved; a solve the
allowance leaves no time for is not run, and its figure is left out with a word saying why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import polars as pl
import pulp

from tendereval.allocation.model import AllocationModel
from tendereval.allocation.policy import (
    RULES,
    Policy,
    percent_as_asked,
    percent_attainable,
)
from tendereval.allocation.preprocess import PENCE, Prepared
from tendereval.allocation.solvers import SolverRun
from tendereval.wording import counted, listed, pounds

RULE_NAMES = {
    "award_all_lots": "awarding every lot",
    "budget": "the budget",
    "supplier_max_lots": "the suppliers' limits on lots",
    "supplier_max_value": "the suppliers' limits on value",
    "supplier_max_volume": "the suppliers' capacity",
    "cap": "the lot cap",
    "sme_share": "the SME share",
    "vcse_share": "the VCSE share",
    "min_suppliers": "the minimum number of suppliers",
    "max_supplier_share": "the maximum supplier share",
}


def lots_nobody_can_win(prepared: Prepared, policy: Policy) -> list[str]:
    """A sentence for each lot that no eligible offer covers (none: every lot can be won)."""
    coverable = set(prepared.offers.get_column("lots").explode().to_list())
    excluded = prepared.excluded.explode("lots")
    lines = []
    for lot in prepared.lots:
        if lot in coverable:
            continue
        reasons = excluded.filter(pl.col("lots") == lot)
        if reasons.is_empty():
            lines.append(f"Lot {lot} cannot be awarded: no offer covers it.")
        else:
            detail = "; ".join(
                f"{offer} ({reason})"
                for offer, reason in reasons.select("offer_id", "reason").iter_rows()
            )
            lines.append(f"Lot {lot} cannot be awarded: none of its offers is eligible: {detail}.")
    return lines


class Clock:
    """The time left of one allowance shared by every solve of an explanation (none: no
    limit), so the explanation as a whole takes at most about the allowance."""

    def __init__(self, allowance: float | None):
        self.ends = None if allowance is None else time.monotonic() + allowance

    def left(self) -> float | None:
        """Seconds left (at least 0), or None for no limit."""
        return None if self.ends is None else max(0.0, self.ends - time.monotonic())

    def out(self) -> bool:
        return self.left() == 0.0


# What a solve the allowance left no time for "found".
NO_TIME = SolverRun("not_solved", None, None, 0.0)


def explain_infeasible(
    prepared: Prepared,
    policy: Policy,
    solver: str,
    time_limit: float | None,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Sentences saying which rules cannot be met together and the best each could reach.

    ``time_limit`` is the allowance for the whole explanation (every solve in it shares it);
    ``progress`` is told of each step with its time, as ``allocate``'s is."""
    say = progress or _silent
    rules = [rule for rule in RULES if rule in policy.rules()]
    if prepared.offers.is_empty():
        return [
            "No offer can be awarded (none is eligible), so "
            + listed([RULE_NAMES[rule] for rule in rules], none="nothing")
            + " cannot be met."
        ]
    model = AllocationModel(prepared.offers, policy, solver)
    clock = Clock(time_limit)

    def feasible(active: list[str]) -> bool | None:
        model.set_rules(active)
        outcome = NO_TIME if clock.out() else model.feasible(solver, clock.left())
        return {"optimal": True, "feasible": True, "infeasible": False}.get(outcome.status)

    core = list(rules)
    undecided = []  # rules the allowance stopped the check of: kept, perhaps not needed
    for rule in rules:
        trial = [kept for kept in core if kept != rule]
        started = time.perf_counter()
        say(f"  is {RULE_NAMES[rule]} part of the conflict?")
        needed = feasible(trial)
        if needed is False:
            core = trial  # the others conflict without it: it is not needed to explain
        elif needed is None:
            undecided.append(rule)
        say(f"    {_answer(needed)} in {_seconds(started)}")
    if len(core) == 1:
        undecided = []  # every rule together cannot be met, so a rule left alone is needed
    lines = []
    if len(core) > 1:
        lines.append(
            "These rules cannot all be met at once: "
            + listed([RULE_NAMES[rule] for rule in core], none="nothing")
            + _not_checked(undecided)
            + "."
        )
    measure = _Measures(model, policy, solver, clock)
    for rule in core:
        if rule in undecided:
            continue  # "it cannot be met" is not known of a rule that may not be needed
        started = time.perf_counter()
        say(f"  the best {RULE_NAMES[rule]} could reach…")
        # ``context`` reads after "the most attainable" (with its own leading space).
        others = [kept for kept in rules if kept != rule]
        if not others:
            base, context = others, ""
        elif feasible(others):
            base, context = others, " under the other rules"
        else:
            base = [kept for kept in core if kept != rule]
            names = listed([RULE_NAMES[kept] for kept in base], none="nothing")
            context = f" under {names} alone" if base else " even with no other rule"
        lines.append(measure.sentence(rule, base, context))
        say(f"    {measure.how()} in {_seconds(started)}")
    return lines


def _not_checked(undecided: list[str]) -> str:
    """The words saying which rules of the set may not be needed (the time limit stopped the
    check), with their own leading space; none when every rule was checked."""
    if not undecided:
        return ""
    verb = "is" if len(undecided) == 1 else "are"
    names = listed([RULE_NAMES[rule] for rule in undecided], none="nothing")
    return f" (the time limit stopped the check of whether {names} {verb} needed)"


def _answer(needed: bool | None) -> str:
    """The deletion filter's step in a few words, for progress."""
    if needed is None:
        return "not known (the time limit stopped the check)"
    return "no: the others conflict without it" if needed is False else "yes"


def _seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _silent(text: str) -> None:
    pass


class _Measures:
    """The best value a rule's own measure can reach under other rules, in a sentence."""

    def __init__(self, model: AllocationModel, policy: Policy, solver: str, clock: Clock):
        self.model, self.policy, self.solver, self.clock = model, policy, solver, clock
        self.price = model.column("price_units")
        # The rows and objectives measuring money are written in pounds, as the figures are
        # read: in pence a £5bn offer weighs 5e11 and the solver's arithmetic loses pounds. The
        # figures stated come from the whole pence of the offers chosen, never the solver's sum.
        self.pounds = [p / PENCE for p in self.price]
        self.unproved = False  # a figure came from a solve the time limit stopped
        self.stopped = False  # the time limit stopped a solve before it found anything

    def sentence(self, rule: str, base: list[str], context: str) -> str:
        """The rule's sentence; a figure the time limit kept from being proved says so, and
        one it kept from being found is said to be missing for that reason."""
        self.unproved = self.stopped = False
        text = self._sentence(rule, base, context)
        if self.unproved:
            text = text[:-1] + (
                " (found before the time limit stopped the solver: not proved the best)."
            )
        elif self.stopped:
            text = text[:-1] + " (the time limit stopped the solver before it found a figure)."
        return text

    def how(self) -> str:
        """How the last sentence's figure ended, in a few words, for progress."""
        if self.unproved:
            return "found, not proved the best (time limit)"
        return "stopped by the time limit" if self.stopped else "done"

    def _run(self, solve: Callable[[float | None], SolverRun]) -> SolverRun:
        """``solve`` under the time left; not run at all when none is."""
        outcome = NO_TIME if self.clock.out() else solve(self.clock.left())
        self.stopped = self.stopped or outcome.status == "not_solved"
        return outcome

    def _sentence(self, rule: str, base: list[str], context: str) -> str:
        policy = self.policy
        self.model.set_rules(base)
        if rule == "award_all_lots":
            found = self._best(self.model.sum_of(self.model.column("n_lots")), maximise=True)
            if found is None:
                return f"Not every lot can be awarded{context}."
            value, chosen = found
            won = {lot for i in chosen for lot in self.model.column("lots")[i]}
            left = [lot for lot in self._all_lots() if lot not in won]
            return (
                f"Not every lot can be awarded{context}: at most {value:.0f} of "
                f"{counted(len(self._all_lots()), 'lot')} can be (the best found leaves "
                f"{listed(left, none='nothing')} unawarded)."
            )
        if rule == "budget":
            found = self._best(self.model.sum_of(self.pounds), maximise=False)
            lowest = (
                ""
                if found is None
                else f": the lowest total price{context} is "
                + pounds(sum(self.price[i] for i in found[1]) / PENCE)
            )
            return f"A budget of {pounds(policy.budget)} cannot be met{lowest}."
        if rule == "cap":
            found = self._lowest_cap()
            lowest = (
                ""
                if found is None
                else (f": the lowest cap that works{context} is {counted(round(found), 'lot')}")
            )
            return (
                f"A cap of {counted(policy.max_lots_per_supplier, 'lot')} per supplier cannot "
                f"be met{lowest}."
            )
        if rule in ("sme_share", "vcse_share"):
            flag = rule.split("_")[0]
            share = policy.min_sme_share if flag == "sme" else policy.min_vcse_share
            best = self._highest_share(flag, base)
            article = "An" if flag == "sme" else "A"
            most = (
                ""
                if best is None
                else f"; the most attainable{context} is {percent_attainable(best, most=True)}"
            )
            return (
                f"{article} {flag.upper()} share of {percent_as_asked(share)} cannot be "
                f"reached{most}."
            )
        if rule == "min_suppliers":
            found = self._best(pulp.lpSum(self.model.supplier_used.values()), maximise=True)
            most = "" if found is None else f"; the most that can{context} is {found[0]:.0f}"
            return f"At least {policy.min_suppliers} different suppliers cannot win{most}."
        if rule == "max_supplier_share":
            lowest_share = self._lowest_largest_share(base)
            lowest = (
                ""
                if lowest_share is None
                else (
                    f"; the lowest largest share attainable{context} is "
                    f"{percent_attainable(lowest_share, most=False)}"
                )
            )
            return (
                f"A maximum share of {percent_as_asked(policy.max_supplier_share)} of the value "
                f"for any one supplier cannot be met{lowest}."
            )
        what = {"supplier_max_lots": "lots", "supplier_max_value": "the value of work"}.get(
            rule, "the volume of work"
        )
        return f"The suppliers' own limits on {what} they can take cannot all be met{context}."

    def _all_lots(self) -> list[str]:
        return sorted({lot for lots in self.model.column("lots") for lot in lots})

    def _best(self, objective, maximise: bool) -> tuple[float, list[int]] | None:
        chosen: list[int] = []

        def solve(left: float | None) -> SolverRun:
            nonlocal chosen
            outcome, chosen = self.model.optimise(objective, maximise, self.solver, left)
            return outcome

        outcome = self._run(solve)
        if outcome.status not in ("optimal", "feasible"):
            return None
        self.unproved = self.unproved or outcome.status == "feasible"
        return float(outcome.objective or 0.0), chosen

    def _lowest_cap(self) -> float | None:
        model = self.model
        cap = model.prob.add_variable("cap_measure", 0, None)
        suppliers = model.column("supplier")
        members: dict[str, list[int]] = {}
        for i, supplier in enumerate(suppliers):
            members.setdefault(supplier, []).append(i)
        for number, indices in enumerate(members.values()):
            row = model.sum_of(model.column("n_lots"), indices) - cap <= 0
            model.prob.addConstraint(row, f"cap_measure_{number}")
        found = self._best(cap + 0, maximise=False)
        return None if found is None else round(found[0])

    def _highest_share(self, flag: str, base: list[str]) -> float | None:
        """Dinkelbach: maximise Σ counted·price / Σ price over allocations meeting ``base``."""
        model = self.model
        model.set_rules([*base, "nonempty"])
        counted = model.participation_weights(flag, f"{flag}_subcontract_share")
        numerator = [c * p for c, p in zip(counted, self.price, strict=True)]
        ratio = 0.0
        for _ in range(30):
            weights = [(n - ratio * p) / PENCE for n, p in zip(numerator, self.price, strict=True)]
            found = self._best(model.sum_of(weights), maximise=True)
            if found is None:  # after a first step, only the time limit stops one
                self.unproved = self.unproved or ratio != 0.0
                return None if ratio == 0.0 else ratio
            _, chosen = found
            total = sum(self.price[i] for i in chosen)
            gain = sum(numerator[i] for i in chosen) - ratio * total  # in pence
            if gain <= 1e-9 * max(total, 1) or not total:
                return ratio
            ratio = sum(numerator[i] for i in chosen) / total
        return ratio

    def _lowest_largest_share(self, base: list[str]) -> float | None:
        """Dinkelbach for min-max: lowest over allocations of the largest supplier's share
        (none when the time limit stopped the first step)."""
        model = self.model
        model.set_rules([*base, "nonempty"])
        if self._run(lambda left: model.feasible(self.solver, left)).status not in (
            "optimal",
            "feasible",
        ):
            return None
        found = (0.0, model.chosen_positions())
        suppliers = model.column("supplier")

        def largest(chosen: list[int]) -> float:
            values: dict[str, float] = {}
            for i in chosen:
                values[suppliers[i]] = values.get(suppliers[i], 0.0) + self.price[i]
            return max(values.values()) / sum(values.values())

        ratio = largest(found[1])
        figure: float | None = ratio
        members: dict[str, list[int]] = {}
        for i, supplier in enumerate(suppliers):
            members.setdefault(supplier, []).append(i)
        total = model.sum_of(self.pounds)
        loose = sum(self.pounds) + 1
        worst = model.prob.add_variable("largest_measure", None, None)
        rows: list[pulp.LpConstraint] = []
        for step in range(30):
            for row in rows:
                row.changeRHS(loose)  # loosen the previous step's rows
            rows = []
            for number, indices in enumerate(members.values()):
                row = model.sum_of(self.pounds, indices) - ratio * total - worst <= 0
                model.prob.addConstraint(row, f"largest_{step}_{number}")
                rows.append(row)
            found = self._best(worst + 0, maximise=False)
            if found is None:  # the model is feasible: only the time limit stops a step
                # After no step, the allocation is any that meets the rules, not one looked
                # for with a low share (on 30 x 60 under a 2% share, one supplier's 100%):
                # no figure rather than that one (the sentence says the limit stopped it).
                figure = ratio if step else None
                self.unproved = bool(step)
                break
            value, chosen = found
            if value >= -1e-9 * sum(self.pounds[i] for i in chosen) or not chosen:
                break
            ratio = figure = largest(chosen)
        for row in rows:
            row.changeRHS(loose)
        return figure
