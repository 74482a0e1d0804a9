"""The allocation MILP: which offers to accept, under the policy's rules, and in what order of
preference.

One binary ``x`` per offer. Each lot is awarded at most once (exactly once when every lot must
be awarded); offers in one exclusive group of a supplier exclude each other; the policy's rules
add rows. Every rule's rows are built once and switched on or off by changing their right-hand
side, so the constrained and the unconstrained answer (and the what-ifs that explain an
infeasible policy) reuse one model.

Preferences are lexicographic and exact (the declared tie-break, see ``Policy.tie_break_text``):
the solver optimises the first level, the value reached is fixed, then the next level is
optimised, and so on. Every level is a whole number of units (pence, 1/10,000 score points,
lots), so a level is fixed to within half of the smallest step it can take, which admits no
other value. No weighted sum of levels is used, so no small secondary weight can ever
outweigh the primary objective; and each stage's answer is checked in whole units against the
levels before it, falling back to the earlier answer (and saying the tie-break is incomplete,
and, where the level is the objective's own, that the answer is only feasible) if solver
tolerances ever let a worse one through. Every answer is also checked exactly against
the rules in force (``exact.broken_rules``, in whole pence) before it is used; one that breaks
a rule is put right or never reported (``_solve_level_exactly``).

The last step of the standard rule, offer order, is not a level: a sum of positions ranks some
different allocations equal (offers 1 and 2 against offer 3), and weights that rank every set
of 14,548 offers apart (powers of two) are beyond a solver's arithmetic. It is settled after
the levels (``settle_by_offer_order``): one more solve shows, nearly always, that no other
allocation is as good; otherwise the offers for the lots in question are decided in offer
order, each taken if an allocation as good can take it beside those already taken (with
HiGHS one search each, guided by the first level and cut off beyond its value, ``_as_good``;
with CBC up to 16 by one solve, with weights 2^15 … 1).

With HiGHS each level starts from an allocation: the first from a greedy one guided by the
linear relaxation (``incumbent.py``), checked against every row here first; each later one from
the answer to the level before, which meets the new fixing row by construction. A start only
gives the solver an allocation to beat; the status is still the solver's proof, and HiGHS's is
checked against its bound (``highs_run``: a start once misled its presolve).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import reduce

import polars as pl
import pulp

from tendereval.allocation.exact import broken_rules
from tendereval.allocation.incumbent import Limits, greedy, row_holds
from tendereval.allocation.incumbent import Offers as GreedyOffers
from tendereval.allocation.policy import Policy
from tendereval.allocation.solvers import GAP_ABSOLUTE, TAKES_A_START, SolverRun, run
from tendereval.comparison import whole_pence

SHARE_RULES = frozenset({"sme_share", "vcse_share", "max_supplier_share"})
# Rules whose rows weigh money: a solver's tolerance on them can hide pounds (see exact.py).
MONEY_RULES = frozenset({"budget", "supplier_max_value", *SHARE_RULES})
# The most solves one level may take when answers must be put right (``_solve_level_exactly``).
EXACT_ROUNDS = 6
# The most a row counting money is divided by: £1,000, so a penny is still 1e-5 of its unit,
# a hundred times the solvers' tolerance of 1e-7 (see ``money_unit``).
LARGEST_MONEY_UNIT = 100_000
# Solvers whose most supplier share rows weigh a supplier's value against one variable, the
# awarded value, rather than against every offer (see ``_most_supplier_share``).
SHARE_OF_AWARDED_VALUE = frozenset({"highs"})
# ... and only where no offer is worth more than this many units of money (£100m where the unit
# is £1,000): beside £bn offers, where a unit of £100 makes them weigh 1e7 and more, HiGHS,
# given the variable, called 4 lots the most a 75% share allows where 5 meet it.
SPREAD = 100_000
# Offers decided by one solve when offer order settles a tie (see ``_earliest_offers``): their
# weights, 2^15 … 1, stay whole numbers far inside a solver's precision.
OFFER_ORDER_BATCH = 16
# The gap a search for an allocation as good as the best may stop at: all of them are (rows
# hold every level), so the first found ends it (see ``_as_good``).
ANY_FOUND = 1e30


@dataclass(frozen=True)
class Level:
    """One level of the lexicographic objective, summed from a whole-unit column of offers."""

    name: str
    column: str
    maximise: bool
    decides_status: bool  # False for pure tie-break levels


# The plan's tie-break keys as levels over a tender's offers (see ``Policy.plan_tie_break``).
PLAN_LEVELS = {
    "quality": Level("total quality points", "quality_units", True, False),
    "price": Level("total evaluated price", "price_units", False, False),
    "social_value": Level("total social value points", "social_value_units", True, False),
    "total_quality_and_social_value": Level(
        "total quality and social value points", "qsv_units", True, False
    ),
}
PREFERRED = Level("the buyer's recorded decisions", "preferred", True, False)


def levels_for(policy: Policy) -> list[Level]:
    """The objective and tie-break levels of ``policy``, most important first."""
    score = Level("total score", "score_units", maximise=True, decides_status=True)
    cost = Level("total cost", "cost_units", maximise=False, decides_status=True)
    # A tie left after these levels is settled by offer order under the standard rule, and
    # reported (never settled) under the plan's: see ``AllocationModel.solve``.
    then = []
    if policy.tie_break == "plan":
        last = PREFERRED
        if policy.follow_published_award:
            last = Level("the published award", "preferred", True, False)
        then = [PLAN_LEVELS[key] for key in policy.plan_tie_break] + [last]
    if policy.objective == "cost":
        levels = [] if policy.award_all_lots else [Level("lots awarded", "n_lots", True, True)]
        return [*levels, cost, Level("total score", "score_units", True, False), *then]
    if policy.tie_break == "plan":
        return [score, *then]
    return [score, Level("total cost", "cost_units", False, False), *then]


@dataclass
class Solution:
    """The outcome of a lexicographic solve.

    ``chosen`` holds the offer_ids accepted. ``status`` is that of the objective levels
    (optimal, feasible, infeasible, not_solved); ``stopped_at`` names the level at which a
    time limit stopped the solver, with that level's ``objective`` and ``bound`` in whole
    units. ``tie_break_complete`` is False when the tie-break could not be finished.
    ``undecided`` and ``ties_checked``: see ``AllocationModel.find_ties``;
    ``by_offer_order``: see ``AllocationModel.settle_by_offer_order``.
    """

    status: str
    chosen: list[str] = field(default_factory=list)
    stopped_at: str | None = None
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    solves: int = 0
    tie_break_complete: bool = True
    # With ``find_ties``: each lot that another allocation, equal on every level, awards
    # otherwise, with every offer that can hold it ("" for no award); and whether that search
    # finished (a time limit can stop it).
    undecided: dict[str, list[str]] = field(default_factory=dict)
    ties_checked: bool = False
    # Under the standard rule: each lot that allocations equal on every level award
    # otherwise, settled by offer order, with the offers found holding it (for progress).
    by_offer_order: dict[str, list[str]] = field(default_factory=dict)
    # Why the answer is not proved (or none is given) when solver rounding broke a rule and
    # could not be put right exactly: the rule and the amount, in pounds.
    unexact: str | None = None


class AllocationModel:
    """The MILP over ``offers`` (prepared, with unit columns) for ``policy``'s rules, to be
    solved by ``solver`` (which decides how the most supplier share is written; any solver
    can solve either form).

    Only lots that some offer covers appear; lots nobody can win are the caller's business.
    """

    def __init__(self, offers: pl.DataFrame, policy: Policy, solver: str | None = None):
        self.offers = offers.sort("rank")
        self.policy = policy
        self.solver = solver
        self.ids: list[str] = self.offers.get_column("offer_id").to_list()
        self.prob = pulp.LpProblem("allocation", pulp.LpMaximize)
        self.x = [
            self.prob.add_variable(f"x{i}", 0, 1, cat=pulp.LpBinary) for i in range(len(self.ids))
        ]
        # rule -> list of (row, right-hand side when in force, right-hand side when not)
        self._rows: dict[str, list[tuple[pulp.LpConstraint, float, float]]] = {}
        self.named_rows: dict[str, pulp.LpConstraint] = {}
        # The rows of the policy's rules as arrays, for the exact check (``exact.py``): made
        # when first needed, after every rule's row is in.
        self.whole_rows: list | None = None
        self.variable_position: dict[int, int] = {}
        self._fixes: dict[str, tuple[pulp.LpConstraint, Level]] = {}
        self.supplier_used: dict[str, pulp.LpVariable] = {}
        # The awarded value, in units of money, under a most supplier share (see
        # ``_most_supplier_share``).
        self.awarded_value: pulp.LpVariable | None = None
        self._differ: list[pulp.LpConstraint] = []  # rows find_ties added (inert after use)
        # The first level and the value it is held at while ties are searched for (the
        # objective that guides those searches, see ``_as_good``); None between solves.
        self._held: tuple[Level, int] | None = None
        # Rows ruling out an allocation that broke a rule, with the bound that makes each
        # inert once its level is settled (``_cut_off``).
        self._cuts: list[tuple[pulp.LpConstraint, int]] = []
        self.money = money_unit(self.column("price_units"))
        # A variable held at 0 in a row of its own: the objective of a pure feasibility check
        # (an objective with no variable at all makes PuLP add a dummy column that breaks
        # later CBC runs of the same problem).
        self._nothing = self.prob.add_variable("nothing", 0, 0)
        self.prob.addConstraint(self._nothing >= 0, "nothing")
        self._build()
        self.set_rules(policy.rules())

    # ----------------------------------------------------------------- building

    def column(self, name: str) -> list:
        return self.offers.get_column(name).to_list()

    def sum_of(self, weights: Iterable[float], indices: Iterable[int] | None = None):
        """Σ weight·x over ``indices`` (all offers by default), as a PuLP expression."""
        weights = list(weights)
        chosen = range(len(self.x)) if indices is None else indices
        return pulp.LpAffineExpression([(self.x[i], weights[i]) for i in chosen if weights[i]])

    def _add(
        self, rule: str | None, row: pulp.LpConstraint, name: str, loose: float | None = None
    ) -> None:
        self.prob.addConstraint(row, name)
        self.named_rows[name] = row
        if rule is not None:
            binding = -row.constant
            self._rows.setdefault(rule, []).append((row, binding, loose))

    def _build(self) -> None:
        policy, offers, rules = self.policy, self.offers, self.policy.rules()
        lots_of = self.column("lots")
        n_lots = self.column("n_lots")
        price = self.column("price_units")
        volume = [v or 0.0 for v in self.column("volume")]
        suppliers = self.column("supplier")
        by_lot: dict[str, list[int]] = {}
        for i, lots in enumerate(lots_of):
            for lot in lots:
                by_lot.setdefault(lot, []).append(i)
        self.by_lot = by_lot
        by_supplier: dict[str, list[int]] = {}
        for i, supplier in enumerate(suppliers):
            by_supplier.setdefault(supplier, []).append(i)
        ones = [1] * len(self.x)

        for number, (_lot, members) in enumerate(sorted(by_lot.items())):
            covered = self.sum_of(ones, members)
            self._add(None, covered <= 1, f"lot_{number}")
            if "award_all_lots" in rules:
                self._add("award_all_lots", covered >= 1, f"award_{number}", loose=0)

        groups = (
            offers.with_row_index("i")
            .filter(pl.col("group").is_not_null())
            .group_by("supplier", "group")
            .agg(pl.col("i"))
            .filter(pl.col("i").list.len() > 1)
            .sort("supplier", "group")
        )
        for number, members in enumerate(groups.get_column("i").to_list()):
            self._add(None, self.sum_of(ones, members) <= 1, f"group_{number}")

        total_price = sum(price)
        # Rows of money are written in units of ``self.money`` pence, not in pence: see
        # ``money_unit``. Every bound keeps its half penny, so a penny over is still over.
        money = [p / self.money for p in price]
        loose = (total_price + 1) / self.money
        if "budget" in rules:
            budget = whole_pence(policy.budget)  # type: ignore[arg-type]
            self._add("budget", self.sum_of(money) <= (budget + 0.5) / self.money, "budget", loose)

        for number, (supplier, members) in enumerate(sorted(by_supplier.items())):
            lots_bid = len({lot for i in members for lot in lots_of[i]})
            supplier_lots = self.sum_of(n_lots, members)
            if "cap" in rules and lots_bid > policy.max_lots_per_supplier:  # type: ignore[operator]
                self._add(
                    "cap", supplier_lots <= policy.max_lots_per_supplier, f"cap_{number}", lots_bid
                )
            limit = policy.supplier_max_lots.get(supplier)
            if limit is not None and lots_bid > limit:
                self._add(
                    "supplier_max_lots", supplier_lots <= limit, f"maxlots_{number}", lots_bid
                )
            value_limit = policy.supplier_max_value.get(supplier)
            if value_limit is not None:
                self._add(
                    "supplier_max_value",
                    self.sum_of(money, members) <= (whole_pence(value_limit) + 0.5) / self.money,
                    f"maxvalue_{number}",
                    loose,
                )
            volume_limit = policy.supplier_max_volume.get(supplier)
            if volume_limit is not None:
                self._add(
                    "supplier_max_volume",
                    self.sum_of(volume, members) <= volume_limit * (1 + 1e-9) + 1e-9,
                    f"maxvolume_{number}",
                    sum(volume) + 1,
                )

        if "cap" in rules and policy.cap_follows_ranking:
            self._cap_follows_ranking(by_lot, by_supplier)

        for rule, share, flag, sub in (
            ("sme_share", policy.min_sme_share, "sme", "sme_subcontract_share"),
            ("vcse_share", policy.min_vcse_share, "vcse", "vcse_subcontract_share"),
        ):
            if rule in rules:
                counts = self.participation_weights(flag, sub)
                weights = [(c - share) * p for c, p in zip(counts, price, strict=True)]
                # Share of awarded value ≥ F  ⇔  Σ (counted − F)·price·x ≥ 0 (linear), in
                # units of money (see money_unit): the share is the same.
                scaled = [w / self.money for w in weights]
                self._add(rule, self.sum_of(scaled) >= -1e-9, rule, -loose - 1)

        if rules & SHARE_RULES:
            # A share of nothing is not a share: something must be awarded.
            self._add("nonempty", self.sum_of(ones) >= 1, "nonempty", 0)

        if "max_supplier_share" in rules:
            self._most_supplier_share(by_supplier, price, loose)

        if "min_suppliers" in rules:
            for number, (supplier, members) in enumerate(sorted(by_supplier.items())):
                used = self.prob.add_variable(f"y{number}", 0, 1, cat=pulp.LpBinary)
                self.supplier_used[supplier] = used
                most = len({lot for i in members for lot in lots_of[i]})
                won = self.sum_of(ones, members)
                self._add(None, won - most * used <= 0, f"used_{number}")
                self._add(None, used - won <= 0, f"won_{number}")
            count = pulp.lpSum(self.supplier_used.values())
            self._add("min_suppliers", count >= policy.min_suppliers, "min_suppliers", 0)

    def _cap_follows_ranking(
        self, by_lot: dict[str, list[int]], by_supplier: dict[str, list[int]]
    ) -> None:
        """A lot goes to a lower-ranked offer only when the supplier of every higher-ranked
        offer holds the cap: cap × (offers below it awarded) ≤ the lots that supplier wins.
        The awarded offers below are at most one (one award per lot), so the row says "if
        anything lower wins this lot, this supplier has its full share elsewhere"."""
        cap = self.policy.max_lots_per_supplier
        ranks = self.column("lot_rank")
        suppliers = self.column("supplier")
        n_lots = self.column("n_lots")
        number = 0
        for _, members in sorted(by_lot.items()):
            ranked = [i for i in members if ranks[i] is not None]
            for i in ranked:
                below = [j for j in ranked if ranks[j] > ranks[i]]
                if not below:
                    continue
                weights = dict.fromkeys(below, float(cap))  # type: ignore[arg-type]
                for j in by_supplier[suppliers[i]]:
                    weights[j] = weights.get(j, 0.0) - n_lots[j]
                row = pulp.LpAffineExpression([(self.x[j], w) for j, w in weights.items() if w])
                self._add("cap", row <= 0, f"follows_{number}", loose=cap)
                number += 1

    def _most_supplier_share(
        self, by_supplier: dict[str, list[int]], price: list[int], loose: float
    ) -> None:
        """No supplier wins more than the share p/q of the awarded value: for each supplier,
        q × its value − p × the awarded value ≤ 0.

        The share is the decimal written (0.6 is exactly 3/5), so in whole pence the row's
        left side is a whole number and "≤ 0" is "≤ half a penny"; in units of ``self.money``
        like every row of money. Written with the awarded value as the sum over every offer,
        each row runs over every offer: 300 suppliers × 14,548 offers, 4.4 million entries,
        on the benchmark's largest tender, 104 s to build and 650 s in all under a 10% share
        that does not bind (load average 9-18). So for HiGHS (``SHARE_OF_AWARDED_VALUE``),
        where no offer is worth more than ``SPREAD`` units, the awarded value is one variable
        (``_awarded_value``) until an answer has to be put right; CBC keeps the sum."""
        within = max(price, default=0) <= SPREAD * self.money
        if self.solver in SHARE_OF_AWARDED_VALUE and within:
            self.awarded_value = self._awarded_value([p / self.money for p in price])
        self._share_rows(by_supplier, price, loose, self.awarded_value, "share_")

    def _share_rows(
        self,
        by_supplier: dict[str, list[int]],
        price: list[int],
        loose: float,
        awarded: pulp.LpVariable | None,
        prefix: str,
    ) -> None:
        """Each supplier's row of the most supplier share, against ``awarded`` or, without
        it, against the sum of every offer's value; named ``share_<number>`` either way."""
        share = Fraction(str(self.policy.max_supplier_share))
        most, whole = share.numerator, share.denominator
        for number, (_, members) in enumerate(sorted(by_supplier.items())):
            if awarded is not None:
                own = self.sum_of([whole * p / self.money for p in price], members)
                row = own - most * awarded <= 0.5 / self.money
            else:
                mine = set(members)
                weights = [
                    ((whole if i in mine else 0) - most) * p / self.money
                    for i, p in enumerate(price)
                ]
                row = self.sum_of(weights) <= 0.5 / self.money
            self._add("max_supplier_share", row, f"{prefix}{number}", loose * whole)
            self.named_rows[f"share_{number}"] = row  # (where exact.py finds it)

    def _awarded_value(self, money: list[float]) -> pulp.LpVariable:
        """The awarded value as a variable held at most the sum of the values taken (one row
        over every offer), for the most supplier share's rows to weigh against.

        It may sit below the sum, never above it, and a lower one only tightens every
        supplier's row, so for whole offers the rows allow exactly the allocations the rule
        does: a supplier's row holds for some value at most the sum if and only if it holds
        for the sum itself. (And every answer is checked in whole pence, ``exact.py``.)
        Beside £bn offers it misleads both solvers. CBC took an £8bn offer at 3e-8 of it
        (£240 of value) for none, and called a 40% share that three £100 lots meet impossible,
        twice; HiGHS took two at 1e-8 for none and called 4 lots the most a 75% share allows
        where 5 meet it (hence ``SPREAD``); and asked to hold every offer within 1e-10 of 0 or
        1 (a strict solve, once an answer had to be put right), called an allocation £892m
        cheaper than the one it had impossible, where it met every row. Held *equal* to the
        sum, HiGHS found nothing when strict. So CBC never has it, and HiGHS not beside £bn
        offers, nor once an answer has to be put right (``_share_of_the_sum``)."""
        awarded = self.prob.add_variable("awarded_value", 0, None)
        self._add(None, self.sum_of(money) - awarded >= 0, "awarded_value")
        return awarded

    def _share_of_the_sum(self) -> None:
        """The most supplier share's rows written against the sum of every offer's value, as
        for CBC, for the strict solves that put an answer right (see ``_awarded_value``): the
        rows against the awarded value stay, loose for good, and the variable is held at 0.
        Once per model, and only when an answer broke a rule or was called impossible."""
        if self.awarded_value is None:
            return
        for row, _, loose in self._rows.pop("max_supplier_share"):
            row.changeRHS(loose)
        self.awarded_value.upBound = 0
        self.awarded_value = None
        price = self.column("price_units")
        by_supplier: dict[str, list[int]] = {}
        for i, supplier in enumerate(self.column("supplier")):
            by_supplier.setdefault(supplier, []).append(i)
        loose = (sum(price) + 1) / self.money
        self._share_rows(by_supplier, price, loose, None, "share_sum_")
        if "max_supplier_share" not in self.active:
            for row, _, loose_rhs in self._rows["max_supplier_share"]:
                row.changeRHS(loose_rhs)

    def participation_weights(self, flag: str, sub: str) -> list[float]:
        """How much of each offer's value counts toward a share: 1 for an SME (VCSE) prime;
        with second tier counted, the subcontracted share for any other prime."""
        primes = self.column(flag)
        if not self.policy.count_second_tier:
            return [1.0 if prime else 0.0 for prime in primes]
        return [
            1.0 if prime else share for prime, share in zip(primes, self.column(sub), strict=True)
        ]

    # ----------------------------------------------------------------- rules

    def set_rules(self, active: Iterable[str]) -> None:
        """Put exactly the rules in ``active`` in force (others become loose rows)."""
        active = set(active)
        if active & SHARE_RULES:
            active.add("nonempty")
        self.active = frozenset(active)
        for rule, rows in self._rows.items():
            for row, binding, loose in rows:
                row.changeRHS(binding if rule in active else loose)

    # ----------------------------------------------------------------- solving

    def level_value(self, level: Level, chosen: Iterable[int]) -> int:
        """The exact whole-unit value of ``level`` for the offers at ``chosen`` positions."""
        values = self.column(level.column)
        return sum(values[i] for i in chosen)

    def chosen_positions(self) -> list[int]:
        return [i for i, var in enumerate(self.x) if (var.varValue or 0) > 0.5]

    def solve(
        self,
        levels: list[Level],
        solver: str,
        time_limit: float | None,
        *,
        progress: Callable[[str], None] | None = None,
    ) -> Solution:
        """Optimise ``levels`` in turn (see the module docstring); rules as currently set.
        Then, under the plan's rule, look for lots another allocation equal on every level
        awards otherwise (:meth:`find_ties`), which stay undecided; under the standard rule,
        settle them by offer order (:meth:`settle_by_offer_order`). ``progress`` is told of
        each step, with its time: the starting allocation, each level, the search for ties."""
        say = progress or _silent
        solution = Solution(status="optimal")
        if not self.x:
            # No offer to choose: only a rule that needs something awarded can fail, and
            # nothing can tie.
            if self.active & {"nonempty", "min_suppliers"}:
                solution.status = "infeasible"
            solution.ties_checked = solution.status == "optimal"
            return solution
        reached: list[int] = []
        best: list[int] | None = None
        lots_known = False  # whether it is known which lots allocations as good award otherwise
        try:
            for number, level in enumerate(levels):
                self.prob.sense = pulp.LpMaximize if level.maximise else pulp.LpMinimize
                self.prob.setObjective(self._objective(self.sum_of(self.column(level.column))))
                # Later levels skip HiGHS's presolve: with the earlier levels held fixed by
                # dense rows, it costs more than it saves (on the 14,548-offer benchmark
                # tender, 2.0-2.1 s against 1.1-1.6 s for the four later levels).
                say(f"level {number + 1} of {len(levels)}, {level.name}…")
                started = time.perf_counter()
                start = self.start_for(level, best if number else None, solver, time_limit)
                if not number and start is not None:
                    say(f"  starting allocation found in {_seconds(started)}")
                outcome, chosen, trouble = self._solve_level_exactly(
                    level, number, start, solver, time_limit, solution
                )
                say(f"  {outcome.status.replace('_', ' ')} in {outcome.seconds:.1f} s")
                if outcome.status in ("infeasible", "not_solved"):
                    if number == 0:
                        solution.status = outcome.status
                        solution.unexact = trouble
                        return solution
                    # A later level cannot make the problem infeasible except by rounding:
                    # keep the answer of the levels already settled.
                    why = _why_unsolved(outcome.status, trouble)
                    _not_proved_at(solution, level, why)
                    break
                values = [self.level_value(earlier, chosen) for earlier in levels[: number + 1]]
                if values[:number] != reached:
                    # rounding let a worse answer in
                    why = "its answer was worse at a level before it, by the solver's rounding"
                    _not_proved_at(solution, level, why)
                    break
                best, reached = chosen, values
                if outcome.status == "feasible":
                    if level.decides_status:
                        solution.status = "feasible"
                        solution.unexact = trouble
                        solution.stopped_at = level.name
                        solution.objective = outcome.objective
                        solution.bound = outcome.bound
                    solution.tie_break_complete = False
                    break
                self._fix(level, values[number])
            else:
                if best is not None:
                    self._held = (levels[0], reached[0])
                if best is not None and self.policy.tie_break == "plan":
                    started = time.perf_counter()
                    say("looking for other allocations exactly as good…")
                    self.find_ties(best, solver, time_limit, solution, by_supplier=True)
                    lots_known = solution.ties_checked
                    self.name_every_holder(solver, time_limit, solution)
                    say(f"  {_ties_found(solution)} in {_seconds(started)}")
                    best = self.prefer_single_lot_offers(best, levels, solver, time_limit, solution)
                elif best is not None:
                    started = time.perf_counter()
                    say("tie-break by offer order…")
                    best = self.settle_by_offer_order(best, levels, solver, time_limit, solution)
                    lots_known = solution.ties_checked
                    say(f"  {_settled(solution)} in {_seconds(started)}")
        finally:
            self._held = None
            self._release_fixes()
        plan = self.policy.tie_break == "plan"
        if solution.status in ("optimal", "feasible") and best is not None and not lots_known:
            # A time limit (or rounding) stopped the objective before it was proved, or a
            # later level or the search for allocations as good before it was known which
            # lots they award otherwise: none of the lots decided here is settled by the rule.
            # Naming the solver's pick as winner, with exit 0, gave a winner the rule had not
            # chosen, and one that changed with the machine's load (under the plan's rule
            # too: the lots the search never reached were named, with a note that others
            # "may be undecided"). The allocation found is still the one shown.
            solution.undecided = self._possibly_tied(best, solution.undecided, by_supplier=plan)
            solution.tie_break_complete = False
        elif plan and solution.undecided and not solution.ties_checked:
            # The tied lots are known, but a time limit stopped the naming of every offer that
            # can hold them: each is listed with every offer that may.
            solution.undecided = self._possibly_tied(
                best or [], solution.undecided, by_supplier=True, lots=set(solution.undecided)
            )
        solution.chosen = [self.ids[i] for i in best or []]
        return solution

    def _solve_level_exactly(
        self,
        level: Level,
        number: int,
        start: dict[pulp.LpVariable, float] | None,
        solver: str,
        time_limit: float | None,
        solution: Solution,
    ) -> tuple[SolverRun, list[int], str | None]:
        """Solve ``level`` and check the answer exactly (``exact.broken_rules``) before it is
        used: the run, the offers chosen and, when no answer could be made exact, why.

        Nearly always one solve, checked. A solver reading a row of money within its
        tolerance can break a rule by pounds, or call rules impossible that an allocation
        meets (CBC on £100 lots beside £bn ones, or on a budget a penny below every offer).
        So an "infeasible" first level, with a rule of money in force, or any "infeasible"
        later level, is solved once more the other way and strictly (``_second_opinion``);
        each broken row is tightened by the exact amount it was broken by, and solved again;
        and once anything was put right, the solver is asked for an allocation better than
        the best exact one (and other than it), until it finds none (then that one is the
        optimum) or ``EXACT_ROUNDS`` solves have been made (then it is only "feasible", with
        a note saying why)."""
        tightened: dict[pulp.LpConstraint, float] = {}
        cuts = len(self._cuts)
        try:
            return self._rounds(level, number, start, solver, time_limit, solution, tightened)
        finally:
            # A row tightened for this level's answers goes back: an exact answer of a later
            # level need not keep away from it (and the level is fixed at its value anyway).
            for row, rhs in tightened.items():
                row.changeRHS(rhs)
            for row, loose in self._cuts[cuts:]:
                row.changeRHS(loose)  # (rows cannot be taken out of a PuLP model)

    def _rounds(
        self,
        level: Level,
        number: int,
        start: dict[pulp.LpVariable, float] | None,
        solver: str,
        time_limit: float | None,
        solution: Solution,
        tightened: dict[pulp.LpConstraint, float],
    ) -> tuple[SolverRun, list[int], str | None]:
        """The solves of ``_solve_level_exactly``; ``tightened`` records each row's bound
        before it was first tightened."""
        first = number == 0

        def solve(presolve: bool, start=None, other_way: bool = False) -> SolverRun:
            outcome = run(
                self.prob,
                solver,
                time_limit,
                gap_abs=GAP_ABSOLUTE,
                presolve=presolve,
                start=start,
                other_way=other_way,
                # a second opinion is strict too: see _second_opinion
                strict=corrected or other_way,
            )
            solution.seconds += outcome.seconds
            solution.solves += 1
            return outcome

        corrected = False
        outcome = solve(first, start)
        trouble: str | None = None
        # A later level is never impossible (the answer to the level before meets its rows),
        # so "infeasible" there is the solver's arithmetic: CBC said so of the total cost
        # under a 40% most supplier share, and the allocation of the level before, £2.1bn
        # dearer than the best, was given as optimal.
        if outcome.status == "infeasible" and (not first or self.active & MONEY_RULES):
            self._share_of_the_sum()
            second = self._second_opinion(solve, first)
            if second.status in ("optimal", "feasible"):
                corrected, outcome = True, second
                trouble = "the rules were first called impossible"

        def restore() -> None:  # every row back to the bound its rule states
            for row, rhs in tightened.items():
                row.changeRHS(rhs)
            tightened.clear()

        best: tuple[SolverRun, list[int], int] | None = None
        exhausted = False
        for _ in range(EXACT_ROUNDS):
            if outcome.status == "infeasible" and tightened:
                # A tightened row (a penny on billions, beyond CBC's arithmetic) may seem to
                # cut off every allocation: a second opinion the other way round, and failing
                # that the rows as the rules state them.
                second = self._second_opinion(solve, first)
                if second.status in ("optimal", "feasible"):
                    outcome = second
                    continue
                restore()
            elif outcome.status not in ("optimal", "feasible"):
                break
            else:
                chosen = self.chosen_positions()
                broken = broken_rules(self, chosen)
                if broken and self.awarded_value is not None:
                    self._share_of_the_sum()  # (for the strict solves to come)
                    broken = broken_rules(self, chosen)
                if broken:
                    corrected, trouble = True, broken[0].words
                    self._cut_off(chosen)
                    for rule in broken:
                        tightened.setdefault(rule.row, -rule.row.constant)
                        self._tighten(rule.row, rule.excess)
                else:
                    value = self.level_value(level, chosen)
                    if best is None or (value > best[2]) == level.maximise:
                        best = (outcome, chosen, value)
                    if not corrected or outcome.status == "feasible":
                        break  # checked (a time limit's answer is not searched beyond)
                    restore()  # a better allocation, under the rules as they stand
                    # and not this one again: a penny better on £23bn is beyond CBC's
                    # arithmetic (it gave the same allocation back until the rounds ran
                    # out), a row of whole numbers is not
                    self._cut_off(chosen)
                    step = reduce(math.gcd, self.column(level.column), 0) or 1
                    most = best[2]
                    self._fix(level, most + step if level.maximise else most - step)
            outcome = solve(False)
        else:
            exhausted = True  # rounds ran out: the last answer is not known to be right
            outcome = replace(outcome, status="not_solved")
        if best is not None:
            found, chosen, _ = best
            if not corrected or (not exhausted and outcome.status != "not_solved"):
                # infeasible: nothing better; optimal or feasible: the answer checked itself
                return found, chosen, None
            if not exhausted:  # the time limit stopped the search for a better one
                return replace(found, status="feasible", bound=None), chosen, None
            note = (
                f"The solver's answers broke a rule by rounding ({trouble}); the allocation "
                "given meets every rule exactly, but could not be proved the best."
            )
            return replace(found, status="feasible", bound=None), chosen, note
        if trouble is not None and (exhausted or outcome.status != "infeasible"):
            # Every answer broke a rule: none is given, and the status says it is unsolved.
            note = (
                f"The solver's answers broke a rule by rounding ({trouble}) and no allocation "
                "meeting every rule exactly could be found."
            )
            return replace(outcome, status="not_solved"), [], note
        return outcome, [], None

    def _cut_off(self, chosen: list[int]) -> None:
        """Rule out exactly the allocation ``chosen`` (one that breaks a rule): it holds
        fewer than all of its offers, or some other. Whole-number weights, which a solver
        reads exactly: a penny over a £10bn budget is beyond its arithmetic, this is not."""
        taken = set(chosen)
        weights = [(x, 1 if i in taken else -1) for i, x in enumerate(self.x)]
        row = pulp.LpAffineExpression(weights) <= len(taken) - 1
        self.prob.addConstraint(row, f"cut_{len(self._cuts)}")
        self._cuts.append((row, len(taken)))

    @staticmethod
    def _second_opinion(solve: Callable[..., SolverRun], presolve: bool) -> SolverRun:
        """The solver run the other way round (``solvers.run``'s ``other_way``), and strict
        (an offer taken only within 1e-10 of 0 or 1); a crash is no answer. Strict because
        CBC, taking an offer of £8bn at 7e-9 of it for none, rounded an allocation 4% over a
        40% most supplier share to one it thought met it, and, rejecting it, called the rules
        impossible, with or without its preprocessing, where three £100 lots met them."""
        try:
            return solve(presolve, other_way=True)
        except pulp.PulpSolverError:
            return SolverRun("not_solved", None, None, 0.0)

    def _tighten(self, row: pulp.LpConstraint, excess: float) -> None:
        """Move ``row``'s bound inwards by ``excess`` (its own units): the amount an answer
        broke it by, which the solver's arithmetic did not see."""
        rhs = -row.constant
        row.changeRHS(rhs - excess if row.sense == pulp.LpConstraintLE else rhs + excess)

    def find_ties(
        self,
        chosen: list[int],
        solver: str,
        time_limit: float | None,
        solution: Solution,
        *,
        by_supplier: bool = False,
    ) -> None:
        """With every level held at its best value, look for allocations that award some lot
        otherwise. Each search asks for an allocation differing in at least one lot not yet
        found undecided; every lot it differs in is undecided; it stops when none is left.
        Fills ``solution.undecided`` and ``solution.ties_checked``.

        ``by_supplier``: a lot is awarded otherwise only when another supplier (or nobody)
        holds it, not when the same supplier holds it by another of its offers (its package
        of the lot at the sum of its single-lot offers): that is no tie the award turns on."""
        lots_of = self.column("lots")
        suppliers = self.column("supplier")
        holder = {lot: i for i in chosen for lot in lots_of[i]}
        holders: dict[str, set[str]] = {}
        open_lots = sorted(self.by_lot)

        def same_holder(lot: str) -> list[int]:  # the offers that hold the lot as it is held
            if not by_supplier:
                return [holder[lot]]
            return [i for i in self.by_lot[lot] if suppliers[i] == suppliers[holder[lot]]]

        def award_of(positions: dict[str, int | None], lot: str) -> object:
            i = positions.get(lot)
            return suppliers[i] if by_supplier and i is not None else i

        while open_lots:
            # d(lot) = 1 − Σ x[offers holding it as now] for a lot awarded now (one offer, or
            # by_supplier every offer of its supplier for it: at most one is taken), Σ x[offers
            # for it] for one not; Σ d ≥ 1 over the open lots asks for a difference in one.
            weights: dict[int, float] = {}
            constant = 0
            for lot in open_lots:
                if lot in holder:
                    for i in same_holder(lot):
                        weights[i] = weights.get(i, 0.0) - 1
                    constant += 1
                else:
                    for i in self.by_lot[lot]:
                        weights[i] = weights.get(i, 0.0) + 1
            row = pulp.LpAffineExpression([(self.x[i], w) for i, w in weights.items() if w])
            differ = row >= 1 - constant
            self.prob.addConstraint(differ, f"differ_{len(self._differ)}")
            self._differ.append(differ)
            try:
                outcome = self._as_good(solver, time_limit)
            finally:
                # Rows cannot be taken out of a PuLP model; one that always holds is inert.
                differ.changeRHS(-constant - 1)
            solution.seconds += outcome.seconds
            solution.solves += 1
            if outcome.status == "infeasible":
                break
            if outcome.status != "optimal":
                solution.undecided = _named(holders, self.ids)
                return  # stopped by the time limit: the search is incomplete
            found = self.chosen_positions()
            other = {lot: i for i in found for lot in lots_of[i]}
            differ = [lot for lot in open_lots if award_of(holder, lot) != award_of(other, lot)]
            if not differ or broken_rules(self, found):
                # solver tolerance let the same award through, or one breaking a rule by
                # rounding (no tie, nor proof there is none): cannot go on
                solution.undecided = _named(holders, self.ids)
                return
            for lot in differ:
                holders.setdefault(lot, set()).update(
                    str(i) if i is not None else "" for i in (holder.get(lot), other.get(lot))
                )
            open_lots = [lot for lot in open_lots if lot not in differ]
        solution.undecided = _named(holders, self.ids)
        solution.ties_checked = True

    def name_every_holder(self, solver: str, time_limit: float | None, solution: Solution) -> None:
        """Each undecided lot with every offer that holds it in some allocation equal on every
        level (held fixed), and "" when one awards it to nobody: ``find_ties`` names the two
        allocations that showed the lot undecided, so with four tenders tied for first place
        it named two. A time limit stopping a solve leaves ``solution.ties_checked`` False.

        Every undecided lot at once: each solve asks for an allocation as good with as many
        holdings not yet seen as it can have (an offer holding a lot it was not seen holding,
        or a lot left unawarded that was not seen so), and every lot's holder in it is
        recorded; the search ends when the most is 0, a proof that no lot has another. Asked
        lot by lot, one solve per offer found and two more per lot, a file of 30 lots where
        every offer tied took 991 solves (136 s); this takes about one per offer a lot can
        have, and gives the same offers (tests/allocation/test_every_holder_at_once.py)."""
        if not solution.ties_checked or not solution.undecided:
            return  # a time limit stopped the search: its lots stay as found
        position = {offer: i for i, offer in enumerate(self.ids)}
        lots = list(solution.undecided)
        found = {
            lot: {position[offer] for offer in named if offer}
            for lot, named in solution.undecided.items()
        }
        nobody = {lot: "" in named for lot, named in solution.undecided.items()}
        while True:
            # Σ over the lots of [offers not yet seen holding it] + [1 − Σ offers for it,
            # where it was not yet seen unawarded]: each bracket is 0 or 1, so the sum counts
            # the new holdings of an allocation.
            weights: dict[int, float] = {}
            constant = 0
            for lot in lots:
                for i in self.by_lot[lot]:
                    if i not in found[lot]:
                        weights[i] = weights.get(i, 0.0) + 1
                if not nobody[lot]:
                    constant += 1
                    for i in self.by_lot[lot]:
                        weights[i] = weights.get(i, 0.0) - 1
            new = pulp.LpAffineExpression([(self.x[i], w) for i, w in weights.items() if w])
            if not len(new) and constant < 1:
                break  # every offer for every lot, and no award, seen already
            row = new >= 1 - constant
            self.prob.addConstraint(row, f"differ_{len(self._differ)}")
            self._differ.append(row)
            try:
                outcome, taken = self.optimise(new, True, solver, time_limit, GAP_ABSOLUTE)
            finally:
                row.changeRHS(sum(min(w, 0) for w in weights.values()) - 1)  # (inert after use)
            solution.seconds += outcome.seconds
            solution.solves += 1
            if outcome.status == "infeasible":
                break
            if outcome.status != "optimal" or broken_rules(self, taken):
                solution.ties_checked = False  # the lists may be short
                break
            held = set(taken)
            for lot in lots:
                holding = [i for i in self.by_lot[lot] if i in held]
                found[lot].update(holding)
                nobody[lot] = nobody[lot] or not holding
        for lot in lots:
            solution.undecided[lot] = sorted(
                [self.ids[i] for i in found[lot]] + ([""] if nobody[lot] else [])
            )

    def prefer_single_lot_offers(
        self,
        chosen: list[int],
        levels: list[Level],
        solver: str,
        time_limit: float | None,
        solution: Solution,
    ) -> list[int]:
        """Among the allocations equal to ``chosen`` on every level (held fixed) that give each
        lot to the same supplier, or to nobody, the one with the most offers, then the one
        offer order puts first: a supplier's single-lot offers rather than its package of the
        same lots at the same price and score. The lots and the money go to the same supplier
        either way, so this is no tie between tenderers (``find_ties(by_supplier=True)``
        reports none); the single-lot offers are what each lot's ranking awards, so the
        allocation names the bids score and publish name. No solve when ``chosen`` is the
        only way (nearly always); ``chosen`` if a time limit stops the choice."""
        lots_of, suppliers = self.column("lots"), self.column("supplier")
        holder = {lot: suppliers[i] for i in chosen for lot in lots_of[i]}
        fits = [
            i
            for i in range(len(self.x))
            if all(holder.get(lot) == suppliers[i] for lot in lots_of[i])
        ]
        if len(fits) == len(chosen):  # (``chosen`` is among them)
            return chosen
        fitting, taken = set(fits), set(chosen)
        others = [var for i, var in enumerate(self.x) if i not in fitting]
        rows = [
            self.sum_of([1] * len(self.x), [i for i in fits if lot in lots_of[i]]) >= 1
            for lot in sorted(holder)
        ]
        try:
            for var in others:
                var.upBound = 0
            for row in rows:
                self.prob.addConstraint(row, f"differ_{len(self._differ)}")
                self._differ.append(row)
            outcome, most = self.optimise(
                self.sum_of([1] * len(self.x), fits), True, solver, time_limit
            )
            solution.seconds += outcome.seconds
            solution.solves += 1
            if outcome.status != "optimal" or broken_rules(self, most):
                solution.tie_break_complete = False
                return chosen
            count = self.sum_of([1] * len(self.x), fits) >= len(most)
            self.prob.addConstraint(count, f"differ_{len(self._differ)}")
            self._differ.append(count)
            rows.append(count)
            tied = {lot for i in fits if i not in taken for lot in lots_of[i]}
            earliest = self._earliest_offers(most, tied, levels, solver, time_limit, solution)
        finally:
            for var in others:
                var.upBound = 1
            for row in rows:
                row.changeRHS(0)  # (rows cannot be taken out of a PuLP model)
        if earliest is None:
            solution.tie_break_complete = False
            return chosen
        return earliest

    def settle_by_offer_order(
        self,
        chosen: list[int],
        levels: list[Level],
        solver: str,
        time_limit: float | None,
        solution: Solution,
    ) -> list[int]:
        """Among the allocations equal to ``chosen`` on every level (held fixed), the one offer
        order puts first: of two, the one that accepts the earliest offer (by position) that
        the other does not. A total order, so the answer is the same whichever solver runs.

        Nearly always one solve shows that no other allocation is as good. Otherwise the lots
        some such allocation awards otherwise are found (:meth:`find_ties`) and recorded in
        ``solution.by_offer_order``, and the offers for them decided in offer order
        (:meth:`_earliest_offers`). A time limit stopping either step leaves those lots
        undecided and the tie-break incomplete."""
        another = self._another_as_good(chosen, levels, solver, time_limit, solution)
        if another == "none":
            solution.ties_checked = True
            return chosen
        if another == "found":
            self.find_ties(chosen, solver, time_limit, solution)
        if another == "stopped" or not solution.ties_checked:
            # Which lots are tied is not known: ``solve`` leaves every lot open.
            solution.tie_break_complete = False
            return chosen
        tied = solution.undecided
        earliest = self._earliest_offers(chosen, set(tied), levels, solver, time_limit, solution)
        if earliest is None:
            solution.tie_break_complete = False  # the lots found stay undecided
            return chosen
        # Name the offer each lot went to as well (a third one can, beyond the two found).
        lots_of = self.column("lots")
        held = {lot: self.ids[i] for i in earliest for lot in lots_of[i]}
        solution.by_offer_order = {
            lot: sorted({*offers, held.get(lot, "")}) for lot, offers in tied.items()
        }
        solution.undecided = {}
        return earliest

    def _possibly_tied(
        self,
        chosen: list[int],
        found: dict[str, list[str]],
        *,
        by_supplier: bool = False,
        lots: set[str] | None = None,
    ) -> dict[str, list[str]]:
        """Every lot decided here (or of ``lots``) that an allocation as good might award
        otherwise, when the search for those was stopped: with the offers that could hold it
        (those found, and every offer for it the solver chose between; "" for no award where
        the allocation in hand, or one found, leaves it unawarded). A lot with only one such
        is certain; ``by_supplier`` (the plan's rule, as ``find_ties``), one whose offers are
        all its holder's."""
        lots_of, suppliers = self.column("lots"), self.column("supplier")
        held = {lot for i in chosen for lot in lots_of[i]}
        order = {offer: i for i, offer in enumerate(self.ids)}
        possibly: dict[str, list[str]] = {}
        for lot, offers in sorted(self.by_lot.items()):
            if lots is not None and lot not in lots:
                continue
            could = {self.ids[i] for i in offers} | set(found.get(lot, []))
            if lot not in held:
                could.add("")
            holders = {suppliers[order[o]] if o and by_supplier else o for o in could}
            if len(holders) > 1:  # in offer order, no award last
                possibly[lot] = sorted(could, key=lambda offer: (not offer, order.get(offer)))
        return possibly

    def _another_as_good(
        self,
        chosen: list[int],
        levels: list[Level],
        solver: str,
        time_limit: float | None,
        solution: Solution,
    ) -> str:
        """Whether an allocation other than ``chosen`` is equal on every level: "none",
        "found" or "stopped" (time limit). One solve (``_as_good``) for an allocation as good
        that keeps fewer than all of ``chosen``'s offers. None means no other allocation is
        as good, unless one holds all of ``chosen`` and more, possible only when some offer is
        worth nothing at every level (a score of 0 for under a penny): then every lot is
        searched.

        (Was: the fewest of ``chosen``'s offers an allocation as good can keep, with no
        objective to guide the proof: on a 75-district market where lots of equal volume
        swap between suppliers at equal cost it ran for minutes; the row and a search guided
        by the cost proved the same in a second.)"""
        values = [self.column(level.column) for level in levels]
        if any(not any(column[i] for column in values) for i in range(len(self.x))):
            return "found"  # (find_ties searches every lot)
        if not chosen:
            return "none"  # any offer would change some level
        row = self.sum_of([1] * len(self.x), chosen) <= len(chosen) - 1
        self.prob.addConstraint(row, f"differ_{len(self._differ)}")
        self._differ.append(row)
        try:
            outcome = self._as_good(solver, time_limit)
        finally:
            row.changeRHS(len(chosen))  # (inert after use)
        solution.seconds += outcome.seconds
        solution.solves += 1
        if outcome.status in ("optimal", "feasible"):
            return "found"
        return "none" if outcome.status == "infeasible" else "stopped"

    def _earliest_offers(
        self,
        chosen: list[int],
        tied: set[str],
        levels: list[Level],
        solver: str,
        time_limit: float | None,
        solution: Solution,
    ) -> list[int] | None:
        """The allocation equal to ``chosen`` on every level that offer order puts first,
        where such allocations differ only in the ``tied`` lots; None if a time limit (or
        solver tolerance) stopped the search.

        An offer holding a lot outside ``tied`` is in every such allocation or in none, so
        only offers all of whose lots are tied are decided, in offer order, each held in
        (``lowBound`` 1) or out (``upBound`` 0) for the rest. The next one is held in at once
        when the allocation in hand holds it; otherwise, with HiGHS, one search for an
        allocation as good holding it (``_as_good``) decides it; with CBC one solve decides it
        and the ``OFFER_ORDER_BATCH`` - 1 after it: among the allocations as good that hold what is
        held, the one offer order puts first over those offers (weights 2^(batch - 1) … 1,
        earliest heaviest: whole numbers, which a solver adds exactly)."""
        lots_of = self.column("lots")
        suppliers, groups = self.column("supplier"), self.column("group")
        reached = [self.level_value(level, chosen) for level in levels]
        group_of = [None if g is None else (s, g) for s, g in zip(suppliers, groups, strict=True)]
        waiting = deque(i for i in range(len(self.x)) if set(lots_of[i]) <= tied)
        current = set(chosen)
        held_lots: set[str] = set()
        held_groups: set[tuple[str, str]] = set()
        bounded: list[pulp.LpVariable] = []

        def possible(i: int) -> bool:  # not ruled out by an offer held
            return not set(lots_of[i]) & held_lots and group_of[i] not in held_groups

        def hold(i: int, taken: bool) -> None:
            bounded.append(self.x[i])
            if not taken:
                self.x[i].upBound = 0
                return
            self.x[i].lowBound = 1
            held_lots.update(lots_of[i])
            if group_of[i] is not None:
                held_groups.add(group_of[i])

        try:
            while waiting:  # (positions are in offer order)
                first = waiting.popleft()
                if not possible(first):
                    continue
                if first in current:
                    hold(first, True)
                    continue
                batch = [first]
                if solver == "highs":
                    # Can an allocation as good hold it beside those held? One search guided
                    # by the first level (``_as_good``): the batch's weights guide nothing,
                    # and one such solve ran 59 s on 75 districts against 2-3 s for each of these.
                    self.x[first].lowBound = 1
                    try:
                        outcome = self._as_good(solver, time_limit)
                    finally:
                        self.x[first].lowBound = 0
                else:
                    while waiting and len(batch) < OFFER_ORDER_BATCH:
                        following = waiting.popleft()
                        if possible(following):
                            batch.append(following)
                    weights = dict.fromkeys(range(len(self.x)), 0)
                    for rank, i in enumerate(batch):
                        weights[i] = 2 ** (len(batch) - 1 - rank)
                    self.prob.sense = pulp.LpMaximize
                    self.prob.setObjective(self.sum_of(weights.values()))
                    start = self._values_of(current) if solver in TAKES_A_START else None
                    outcome = run(
                        self.prob,
                        solver,
                        time_limit,
                        gap_abs=GAP_ABSOLUTE,
                        presolve=False,
                        start=start,
                    )
                solution.seconds += outcome.seconds
                solution.solves += 1
                if outcome.status == "infeasible" and solver == "highs":
                    hold(first, False)  # no allocation as good can hold it
                    continue
                if outcome.status != "optimal":
                    return None
                found = set(self.chosen_positions())
                if [self.level_value(level, found) for level in levels] != reached:
                    return None  # solver tolerance let a worse allocation in
                if broken_rules(self, found):
                    return None  # or one that breaks a rule by rounding
                for i in batch:
                    hold(i, i in found)
                current = found
        finally:
            for var in bounded:
                var.lowBound, var.upBound = 0, 1
        return sorted(current)

    def start_for(
        self,
        level: Level,
        previous: list[int] | None,
        solver: str,
        time_limit: float | None = None,
    ) -> dict[pulp.LpVariable, float] | None:
        """A starting allocation for the solve of ``level``: the answer to the level before
        (the solver's own, so it meets every row, the new fixing row included), or else a
        greedy one; None when the greedy one breaks a row of the model (an SME share, say)."""
        if solver not in TAKES_A_START:
            return None
        if previous is not None:
            return self._values_of(previous)
        if not (level.maximise or "award_all_lots" in self.active):
            return None  # for a cost with no lot required, nothing at all is the greedy answer
        chosen = greedy(
            self._greedy_offers(level),
            self._greedy_limits(),
            level.maximise,
            guide=self._relaxation(solver, time_limit),
        )
        values = self._values_of(chosen)
        if all(row_holds(row, values) for row in self.prob.constraints()):
            return values
        return None

    def _relaxation(self, solver: str, time_limit: float | None) -> list[float] | None:
        """Each offer's value in the linear relaxation of the model as it stands (None if
        the relaxation has no solution: then the greedy allocation goes by merit alone)."""
        outcome = run(self.prob, solver, time_limit, relax=True)
        if outcome.status != "optimal":
            return None
        return [var.varValue or 0.0 for var in self.x]

    def _values_of(self, chosen: Iterable[int]) -> dict[pulp.LpVariable, float]:
        """Every variable's value when the offers at ``chosen`` are taken."""
        chosen = list(chosen)
        values: dict[pulp.LpVariable, float] = {self.x[i]: 1.0 for i in chosen}
        suppliers = self.column("supplier")
        won = {suppliers[i] for i in chosen}
        for supplier, used in self.supplier_used.items():
            values[used] = 1.0 if supplier in won else 0.0
        if self.awarded_value is not None:
            price = self.column("price_units")
            values[self.awarded_value] = sum(price[i] for i in chosen) / self.money
        return values

    def _greedy_offers(self, level: Level) -> GreedyOffers:
        groups = self.column("group")
        suppliers = self.column("supplier")
        return GreedyOffers(
            weight=self.column(level.column),
            lots=self.column("lots"),
            group=[None if g is None else (s, g) for s, g in zip(suppliers, groups, strict=True)],
            supplier=suppliers,
            n_lots=self.column("n_lots"),
            price=self.column("price_units"),
            volume=[v or 0.0 for v in self.column("volume")],
        )

    def _greedy_limits(self) -> Limits:
        """The supplier-wide and tender-wide limits of the rules in force, in model units."""
        policy, active = self.policy, self.active
        suppliers = set(self.column("supplier"))
        lots: dict[str, float] = {}
        for supplier in suppliers:
            limits = []
            if "cap" in active and policy.max_lots_per_supplier is not None:
                limits.append(policy.max_lots_per_supplier)
            if "supplier_max_lots" in active and supplier in policy.supplier_max_lots:
                limits.append(policy.supplier_max_lots[supplier])
            if limits:
                lots[supplier] = min(limits)
        value = {}
        if "supplier_max_value" in active:
            value = {s: v * 100 for s, v in policy.supplier_max_value.items()}
        volume = {}
        if "supplier_max_volume" in active:
            volume = dict(policy.supplier_max_volume)
        budget = policy.budget * 100 if "budget" in active and policy.budget is not None else None
        return Limits(lots, value, volume, budget)

    def optimise(
        self,
        objective: pulp.LpAffineExpression,
        maximise: bool,
        solver: str,
        time_limit: float | None,
        gap_abs: float | None = None,
    ) -> tuple[SolverRun, list[int]]:
        """One plain solve of ``objective`` under the rules in force; the offers chosen.
        ``gap_abs``: as ``solvers.run``'s (a whole-number objective is proved within 0.45)."""
        self.prob.sense = pulp.LpMaximize if maximise else pulp.LpMinimize
        self.prob.setObjective(self._objective(objective))
        outcome = run(self.prob, solver, time_limit, gap_abs=gap_abs)
        return outcome, self.chosen_positions() if outcome.status in ("optimal", "feasible") else []

    def _objective(self, expression: pulp.LpAffineExpression) -> pulp.LpAffineExpression:
        # Every offer may weigh 0 at some level (all scores 0): then any allocation ties.
        return expression if len(expression) else self._nothing + 0

    def _as_good(self, solver: str, time_limit: float | None) -> SolverRun:
        """Whether an allocation meets the rules in force and the rows added since, every level
        held at its best (any one found is optimal): ``feasible``, but guided by the first
        level's own objective and, with HiGHS, cut off beyond the value it is held at, so the
        solver sets aside every branch that cannot reach it as it would for an optimum. With
        no objective it searched blind: proving no other allocation as cheap on a 50-district
        market took 3.6 processor seconds against 0.1. The cut-off is a millionth of the
        value looser than the row holding the level (which alone decides what is as good),
        so no rounding in the solver's bound can set aside an allocation the row admits.
        Any allocation found is as good as the best (the rows hold every level), so the first
        one found ends the search (``ANY_FOUND``: no gap left to close). CBC takes no
        cut-off (and stopped without an answer given that gap): it is asked as before."""
        if self._held is None or solver != "highs":
            return self.feasible(solver, time_limit)
        level, value = self._held
        self.prob.sense = pulp.LpMaximize if level.maximise else pulp.LpMinimize
        self.prob.setObjective(self._objective(self.sum_of(self.column(level.column))))
        step = reduce(math.gcd, self.column(level.column), 0) or 1
        margin = step / 2 + 1e-6 * abs(value)
        cutoff = value - margin if level.maximise else value + margin
        return run(self.prob, solver, time_limit, gap_abs=ANY_FOUND, cutoff=cutoff)

    def feasible(self, solver: str, time_limit: float | None) -> SolverRun:
        """Whether any allocation meets the rules in force (any solution found is optimal)."""
        self.prob.sense = pulp.LpMinimize
        self.prob.setObjective(self._nothing + 0)
        return run(self.prob, solver, time_limit)

    def _fix(self, level: Level, value: int) -> None:
        """Hold ``level`` at ``value``: within half a step, where a step is the greatest common
        divisor of the level's whole-unit weights, so no other reachable value fits. Dividing
        the row by that step keeps it well scaled, so the solver can tell one step apart."""
        weights = self.column(level.column)
        step = reduce(math.gcd, weights, 0) or 1
        target = value / step
        rhs = target - 0.5 if level.maximise else target + 0.5
        key = f"{level.column}:{level.maximise}"
        if key not in self._fixes:
            expression = self.sum_of([w / step for w in weights])
            row = expression >= rhs if level.maximise else expression <= rhs
            self.prob.addConstraint(row, f"fix_{len(self._fixes)}")
            self._fixes[key] = (row, level)
        else:
            self._fixes[key][0].changeRHS(rhs)

    def _release_fixes(self) -> None:
        """Loosen every fixing row so the next solve starts from the rules alone."""
        for row, level in self._fixes.values():
            weights = self.column(level.column)
            step = reduce(math.gcd, weights, 0) or 1
            total = sum(abs(w) for w in weights) / step + 1
            row.changeRHS(-total if level.maximise else total)


def money_unit(price_units: Iterable[int]) -> float:
    """The pence a row of money (the budget, a supplier's most value, the share rules) counts
    as one: the cheapest offer's price, and never more than £1,000.

    Written in pence, a £5bn offer weighs 5e11 in a row: CBC called a 16.66% VCSE target
    infeasible on £4bn lots, and CBC and HiGHS returned allocations billions dearer than the
    cheapest under a most supplier share, as optimal. Divided by the largest weight instead
    (as the SME/VCSE share rule was), a £150 offer beside a £5bn one weighs 3e-8, under the
    solvers' tolerance of 1e-7: HiGHS awarded every lot to non-SMEs under a 50% SME share
    rule, and a share 50p short on £10bn passed. In units of at most £1,000 no weight is above
    1e7 for lots up to £10bn, and a penny is still 1e-5. (A penny either side of a budget of
    £1m or more is one part in 100 million whatever the unit: CBC cannot tell it; HiGHS can.)"""
    cheapest = min((p for p in price_units if p > 0), default=LARGEST_MONEY_UNIT)
    return float(min(cheapest, LARGEST_MONEY_UNIT))


def _named(holders: dict[str, set[str]], ids: list[str]) -> dict[str, list[str]]:
    """Positions (as text, "" for no award) turned into offer ids, sorted."""
    return {
        lot: sorted(ids[int(i)] if i else "" for i in positions)
        for lot, positions in sorted(holders.items())
    }


def _why_unsolved(status: str, trouble: str | None) -> str:
    """Why a later level gave no answer, in words for ``_not_proved_at``."""
    if trouble is not None:
        return f"its answers broke a rule by rounding ({trouble}) and could not be put right"
    if status == "infeasible":
        return (
            "the solver called the rules impossible, twice, where the answer to the level "
            "before meets them"
        )
    return "the solver stopped (time limit or failure) before it found an answer"


def _not_proved_at(solution: Solution, level: Level, why: str) -> None:
    """Keep the answer of the levels before ``level``, which could not be solved exactly:
    the tie-break is incomplete and, where ``level`` is one of the objective's (the total
    cost after the most lots awarded), the answer is only "feasible", with a note naming the
    level. (It was "optimal", with a dearer allocation than the best given as the least cost.)"""
    solution.tie_break_complete = False
    if level.decides_status:
        solution.status = "feasible"
        solution.stopped_at = level.name
        solution.unexact = (
            f"The {level.name} could not be solved exactly ({why}): the allocation given is the "
            "best found before it and meets every rule exactly, but could not be proved the "
            f"best on the {level.name}."
        )


def _silent(text: str) -> None:
    pass


def _seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _settled(solution: Solution) -> str:
    """What settling by offer order did, in a few words, for progress."""
    if not solution.tie_break_complete:
        return "stopped before it finished"
    count = len(solution.by_offer_order)
    if not count:
        return "none found"
    return f"{count} lot{'' if count == 1 else 's'} settled by offer order"


def _ties_found(solution: Solution) -> str:
    """What the search for ties found, in a few words, for progress."""
    if not solution.ties_checked:
        return "search stopped before it finished"
    count = len(solution.undecided)
    return f"{count} lot{'' if count == 1 else 's'} undecided" if count else "none found"
