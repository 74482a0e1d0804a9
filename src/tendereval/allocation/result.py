"""What an allocation decided, with every total computed once, here, for every writer to use.

``AllocationResult`` holds the winning offers and their totals (price, score, contract
management cost, SME and VCSE shares by value and by count, first and second tier), how the
solve ended (status, gap, solver, time), the policy and tie-break rule in force, the record of
what it was made from (``provenance``) and, beside it, the unconstrained best-value allocation
and the cost of the policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tendereval.allocation.policy import Policy
from tendereval.comparison import PENCE, POINT_UNITS, pence, points_units, rounded, whole_pence
from tendereval.provenance import Provenance
from tendereval.shown import brief
from tendereval.wording import counted, percent

AWARDED_COLUMNS = [
    "offer_id",
    "supplier",
    "lots",
    "price",
    "score",
    "sme",
    "vcse",
    "sme_subcontract_share",
    "vcse_subcontract_share",
    "second_tier_from",
]


@dataclass
class Totals:
    """The totals of one allocation (any set of winning offers)."""

    total_price: float
    total_score: float
    contract_management_cost: float
    total_cost: float
    contracts: int
    lots_awarded: int
    suppliers: int
    # For "sme" and "vcse": value_first_tier, value_second_tier, share_first_tier,
    # share_second_tier, share_with_second_tier, share_counted (as the policy counts it),
    # contracts, share_by_count.
    participation: dict[str, dict[str, float]]
    # The value awarded to suppliers that are neither SMEs nor VCSEs (first tier).
    value_to_neither: float = 0.0

    @property
    def sme_share(self) -> float | None:
        return self.participation["sme"]["share_counted"] if self.contracts else None

    @property
    def vcse_share(self) -> float | None:
        return self.participation["vcse"]["share_counted"] if self.contracts else None

    def to_dict(self) -> dict[str, object]:
        return {
            "total_price": self.total_price,
            "total_score": self.total_score,
            "contract_management_cost": self.contract_management_cost,
            "total_cost": self.total_cost,
            "contracts": self.contracts,
            "lots_awarded": self.lots_awarded,
            "suppliers": self.suppliers,
            "sme_share": self.sme_share,
            "vcse_share": self.vcse_share,
            "participation": self.participation,
        }


def totals_of(awarded: pl.DataFrame, policy: Policy) -> Totals:
    """Totals of the ``awarded`` offers under ``policy`` (shares are of awarded price)."""
    # Each price in the whole pence it is shown and compared in (the budget and value limits,
    # exact.py), then added: the total is the sum of the amounts shown. Three lots at £100.005
    # each read £100.01 and total £300.03; their floats added and rounded made £300.01.
    price = _pounds(awarded.select(pence(pl.col("price")).sum()).item())
    management = _pounds(whole_pence(policy.contract_management_cost) * awarded.height)
    participation = {}
    for name in ("sme", "vcse"):
        sums = awarded.select(
            pence(pl.col("price")).filter(pl.col(name)).sum().alias("first"),
            (pl.col("price") * pl.col(f"{name}_subcontract_share"))
            .filter(~pl.col(name))
            .sum()
            .alias("second"),
            pl.col(name).sum().alias("count"),
        ).row(0, named=True)
        # First-tier value is a sum of prices, so in pence too: an allocation all to SMEs is a
        # share of exactly 1, not 1.0000000000000002. Second-tier value (price × a share) can
        # hold part of a penny, as the optimiser counts it: rounding it could show a share just
        # under a minimum the allocation meets.
        first, second = _pounds(sums["first"]), float(sums["second"] or 0.0)
        share = lambda value: value / price if price else 0.0  # noqa: E731
        participation[name] = {
            "value_first_tier": first,
            "value_second_tier": second,
            "share_first_tier": share(first),
            "share_second_tier": share(second),
            "share_with_second_tier": share(first + second),
            "share_counted": share(first + second if policy.count_second_tier else first),
            "contracts": int(sums["count"] or 0),
            "share_by_count": (sums["count"] or 0) / awarded.height if awarded.height else 0.0,
        }
    return Totals(
        total_price=price,
        total_score=compared_total(awarded.get_column("score")),
        contract_management_cost=management,
        total_cost=_pounds(whole_pence(price) + whole_pence(management)),
        contracts=awarded.height,
        lots_awarded=int(awarded.get_column("lots").list.len().sum()) if awarded.height else 0,
        suppliers=awarded.get_column("supplier").n_unique() if awarded.height else 0,
        participation=participation,
        value_to_neither=_pounds(
            awarded.select(
                pence(pl.col("price")).filter(~pl.col("sme") & ~pl.col("vcse")).sum()
            ).item()
        ),
    )


def _pounds(pence_: float | None) -> float:
    """A whole number of pence as pounds (nought for an empty sum)."""
    return int(pence_ or 0) / PENCE


def value_in_pence(prices: pl.Expr) -> pl.Expr:
    """The pounds of ``prices`` added as the amounts shown, each in whole pence: what every
    total of an allocation is (the sum of the figures beside it)."""
    return pence(prices).sum() / PENCE


def compared_total(scores: pl.Series) -> float:
    """The sum of ``scores`` each to the 4 places allocations are compared in (a package's
    already its lots' 4-place totals added), as the optimiser adds them: 86 + 97.5537 +
    87.4112 = 270.9649, where the unrounded sum rounded, 270.9648, put an allocation a
    ten-thousandth below an equal one. Added in whole units, so exactly."""
    units = scores.to_frame("score").select(points_units(pl.col("score")).sum()).item()
    return int(units or 0) / POINT_UNITS


# Equal only to itself (``==`` is ``is``), and so usable as a dict key: the default ``==``
# compared the frames, and a frame has no single truth value (polars' TypeError). Two runs
# are compared frame by frame (``a.results.equals(b.results)``).
@dataclass(eq=False)
class AllocationResult:
    """One allocation and how it was reached; ``unconstrained`` is the best-value comparison.

    ``status`` is ``optimal`` (proved best under the policy), ``feasible`` (a time limit
    stopped the solver; ``gap`` says how far from best it might be, relative to the objective
    named in ``gap_on``), ``infeasible`` (no allocation meets the rules; ``explanation`` says
    why), ``not_solved`` (stopped before any allocation was found) or ``no_offers``.
    """

    status: str
    policy: Policy
    awarded: pl.DataFrame
    totals: Totals
    lots: list[str]
    solver: str
    seconds: float
    solves: int = 0
    gap: float | None = None
    gap_on: str | None = None
    bound: float | None = None
    tie_break_complete: bool = True
    explanation: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excluded: pl.DataFrame | None = None
    dominated: pl.DataFrame | None = None
    unconstrained: AllocationResult | None = None
    # With the plan's tie-break: lots another allocation, equal under every published rule,
    # awards otherwise, with the offers that could hold each ("" for no award).
    undecided: dict[str, list[str]] = field(default_factory=dict)
    ties_checked: bool = False
    # What the allocation was made from and how (the offers file by its SHA-256, the versions,
    # the solver's version, the time limit and gap, the policy): every output copies it.
    provenance: Provenance | None = None

    def __repr__(self) -> str:
        return brief(self)

    @property
    def solved(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def objective_value(self) -> float | None:
        """The value of the policy's objective: total score, or total cost."""
        if not self.solved:
            return None
        if self.policy.objective == "score":
            return self.totals.total_score
        return self.totals.total_cost

    # An answer with no allocation (infeasible, not solved, no offers) has no figures: None,
    # as the terminal prints "-" and the workbook a blank, never 0 a reader takes as real.
    @property
    def total_price(self) -> float | None:
        return self.totals.total_price if self.solved else None

    @property
    def total_score(self) -> float | None:
        return self.totals.total_score if self.solved else None

    @property
    def sme_share(self) -> float | None:
        return self.totals.sme_share if self.solved else None

    @property
    def vcse_share(self) -> float | None:
        return self.totals.vcse_share if self.solved else None

    @property
    def unawarded_lots(self) -> list[str]:
        won = set(self.awarded.get_column("lots").explode().to_list())
        return [lot for lot in self.lots if lot not in won]

    @property
    def winners(self) -> pl.DataFrame:
        """One row per awarded lot: lot, offer_id, supplier, package (True for a package)."""
        return (
            self.awarded.select(
                "offer_id", "supplier", pl.col("lots").alias("lot"), pl.col("lots").alias("all")
            )
            .explode("lot")
            .with_columns((pl.col("all").list.len() > 1).alias("package"))
            .drop("all")
            .select("lot", "offer_id", "supplier", "package")
        )

    def undecided_between(self, lot: str) -> str:
        """An undecided lot in words, naming the offers that could hold it and none as its
        winner: which of them the allocation shown holds is the solver's choice, not a rule's."""
        could = [offer or "no award" for offer in self.undecided[lot]]
        return "undecided: " + " or ".join(could)

    @property
    def decided(self) -> pl.DataFrame:
        """The awarded offers none of whose lots is undecided."""
        undecided = list(self.undecided)
        return self.awarded.filter(
            ~pl.col("lots").list.eval(pl.element().is_in(undecided)).list.any()
        )

    @property
    def lots_per_supplier(self) -> pl.DataFrame:
        """supplier, lots, contracts, value, share_of_value; largest value first. Only decided
        lots count: an undecided lot is nobody's yet."""
        total = self.totals.total_price or 1.0
        return (
            self.decided.group_by("supplier")
            .agg(
                pl.col("lots").list.len().sum().alias("lots"),
                pl.len().alias("contracts"),
                value_in_pence(pl.col("price")).alias("value"),
                pl.col("sme").first(),
                pl.col("vcse").first(),
            )
            .with_columns((pl.col("value") / total).alias("share_of_value"))
            .sort(["value", "supplier"], descending=[True, False])
        )

    @property
    def gap_words(self) -> str:
        """The gap as every output writes it: "2.10% on the total score" ("" when none)."""
        if self.gap is None:
            return ""
        gap = percent(self.gap, 2)
        return f"{gap} on the {self.gap_on}" if self.gap_on else gap

    @property
    def solver_words(self) -> str:
        """The solver as every output names it: its version (from the record), the runs and
        their time, and the time limit they ran under."""
        runs = f"{counted(self.solves, 'run')}, {self.seconds:.2f} s in all"
        record = self.provenance
        if record is None:
            return f"{self.solver}, {runs}"
        return f"{record.solver} {record.solver_version}, {runs}; {record.time_limit_words}"

    @property
    def cost_of_policy_proved(self) -> bool:
        """Whether both answers behind the cost of the policy are proved best (else the time
        limit stopped one of them, and the cost is approximate)."""
        free = self.unconstrained
        return free is not None and self.status == "optimal" and free.status == "optimal"

    @property
    def cost_of_policy(self) -> dict[str, float] | None:
        """What the participation policy costs against the unconstrained answer.

        ``price`` and ``total_cost`` are extra £ paid (negative: the policy saves money);
        ``score`` is the score points given up (negative: the policy scores higher).
        """
        free = self.unconstrained
        if free is None or not (self.solved and free.solved):
            return None
        return {
            "price": round(self.totals.total_price - free.totals.total_price, 2),
            "total_cost": round(self.totals.total_cost - free.totals.total_cost, 2),
            "score": rounded(free.totals.total_score - self.totals.total_score),
        }

    def awarded_records(self) -> list[dict[str, object]]:
        """The awarded offers; ``undecided`` is true for one that holds an undecided lot (in
        the allocation shown, which another as good under every rule awards otherwise)."""
        decided = set(self.decided.get_column("offer_id").to_list())
        return [
            {**offer, "undecided": offer["offer_id"] not in decided}
            for offer in self.awarded.select(AWARDED_COLUMNS).sort("offer_id").to_dicts()
        ]

    def to_dict(self, *, include_unconstrained: bool = True) -> dict[str, object]:
        """Everything a machine needs, JSON-ready. An answer with no allocation (infeasible,
        not solved, no offers) writes null for every figure and list of the allocation, as
        the terminal prints "-": zeros and empty lists would read as a real allocation."""
        totals = self.totals.to_dict()
        found = self.solved
        data: dict[str, object] = {
            "status": self.status,
            "objective": self.policy.objective,
            "objective_value": self.objective_value,
            "gap": self.gap,
            "gap_on": self.gap_on,
            "bound": self.bound,
            **(totals if found else dict.fromkeys(totals)),
            "awarded": self.awarded_records() if found else None,
            "unawarded_lots": self.unawarded_lots if found else None,
            "lots_per_supplier": self.lots_per_supplier.to_dicts() if found else None,
            "explanation": self.explanation,
            "notes": self.notes,
            "tie_break": {
                "rule": self.policy.tie_break,
                "text": self.policy.tie_break_text(),
                "complete": self.tie_break_complete if found else None,
                "undecided_lots": self.undecided,
                "ties_checked": self.ties_checked,
            },
            "solver": {"name": self.solver, "seconds": self.seconds, "solves": self.solves},
        }
        if include_unconstrained:
            free = self.unconstrained
            data["unconstrained"] = (
                free.to_dict(include_unconstrained=False) if free is not None else None
            )
            data["unconstrained_means"] = (
                "the best-value allocation under the same policy without its participation "
                "rules (lot cap, SME and VCSE shares, minimum suppliers, maximum supplier share)"
            )
            data["cost_of_policy"] = self.cost_of_policy
            data["policy"] = self.policy.to_dict()
            data["rules_in_force"] = dict(self.policy.describe())
            data["excluded_offers"] = self.excluded.to_dicts() if self.excluded is not None else []
            data["dominated_offers"] = (
                self.dominated.to_dicts() if self.dominated is not None else []
            )
            data["provenance"] = self.provenance.to_dict() if self.provenance else None
        return data
