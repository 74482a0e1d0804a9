"""What scoring returns: the contract between scoring and every writer (terminal, JSON, CSV,
the Excel report, the assessment summaries).

Every number a report shows is computed once, here, by scoring; writers never recompute.
Scores are exact internally (floats, never rounded); writers round only for display.

Weighted scores are in *points of 100*: a bid's ``total`` is the sum of its leaves' weighted
points. ``fraction`` is a leaf's score as a share of the marks available (0..1).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, overload

import polars as pl

from tendereval.award.decision import DECIDED_FROM
from tendereval.award.recorded import Decisions
from tendereval.errors import UsageError, lot_argument, made_by, path_argument
from tendereval.inputs import folder_kept, remembered
from tendereval.io import frames as F
from tendereval.plan import Plan
from tendereval.scoring import shares
from tendereval.scoring.as_scored import AsScored, MadeWhenRead
from tendereval.shown import brief

if TYPE_CHECKING:
    from tendereval.award.decision import AwardDecision

P = ParamSpec("P")
T = TypeVar("T")

RESULT_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    # One row per supplier × lot bid for (and one row, lot null, for a file nobody could read).
    "results": {
        "lot": pl.String,
        "supplier": pl.String,
        "status": pl.String,  # "ranked", "comparator", "disqualified", "invalid" or "withdrawn"
        "rank": pl.Int64,  # 1 = most advantageous tender; null unless ranked
        "total": pl.Float64,  # points of 100; null when invalid
        "price_score": pl.Float64,  # weighted points from the price criterion
        "quality_score": pl.Float64,  # weighted points from quality leaves
        "social_value_score": pl.Float64,  # weighted points from social value leaves
        "evaluated_price": pl.Float64,  # whole-life (or NPV) price in £ to the penny, as scored
        # The whole-life price in £ to the penny, undiscounted: the yearly prices with their
        # uplifts over the contract years, what the contract pays (an award's value). The
        # evaluated price unless the plan evaluates npv.
        "whole_life_price": pl.Float64,
        "social_value_amount": pl.Float64,  # £ of quantitative social value committed
        # The proposed tender: points ahead of the next tender the lot would go to (the
        # award's margin, AwardDecision.margins); null on every other row.
        "margin_to_next": pl.Float64,
        "reasons": pl.List(pl.String),  # why disqualified / invalid / withdrawn, in words
        "flags": pl.List(pl.String),  # flag codes raised for this bid (see flags frame)
        "sme": pl.Boolean,  # reported, never scored
        "vcse": pl.Boolean,  # reported, never scored
        "source": pl.String,
    },
    # One row per supplier × lot × leaf criterion.
    "criteria": {
        "lot": pl.String,
        "supplier": pl.String,
        "criterion": pl.String,
        "pillar": pl.String,
        "kind": pl.String,  # price, question, commitments
        "raw_score": pl.Float64,  # on the criterion's own scale (£ for price, points for questions)
        "fraction": pl.Float64,  # 0..1 share of the marks available
        "effective_weight": pl.Float64,  # points of 100
        "weighted": pl.Float64,  # fraction × effective_weight
        # "consensus", "mean", "median" (each may have " + group share"), "formula",
        # "no usable score"
        "basis": pl.String,
        "reason": pl.String,  # the explanation shown in the assessment summary
        "below_minimum": pl.Boolean,
    },
    # One row per supplier × lot × sub-criterion that groups others (Procurement Regulations
    # 2024 reg 31: a score for each sub-criterion, with sub-totals): the plan's
    # ``sub_totalled`` criteria, a pillar's sub-total being the results' pillar score.
    "sub_totals": {
        "lot": pl.String,
        "supplier": pl.String,
        "criterion": pl.String,
        "pillar": pl.String,
        "effective_weight": pl.Float64,  # points of 100 available
        "weighted": pl.Float64,  # the sum of its leaves' points; null when invalid
    },
    # Every individual evaluator score, with whether it counted.
    "evaluator_scores": {
        "lot": pl.String,
        "supplier": pl.String,
        "question": pl.String,
        "evaluator": pl.String,
        "group": pl.String,
        # The number the evaluator gave, counted or not (null when it was not a number).
        "score": pl.Float64,
        # The value as typed, for a score set aside when it was read: "3.5", "4 - Good".
        "found": pl.String,
        "reason": pl.String,
        "counted": pl.Boolean,
        # e.g. "declared conflict of interest", "3.5 is not on the scale 0/1/2/3/4/5"
        "excluded_because": pl.String,
        "source": pl.String,
        "cell": pl.String,
    },
    # One row per supplier × lot × question: spread and moderation.
    "moderation": {
        "lot": pl.String,
        "supplier": pl.String,
        "question": pl.String,
        "evaluators": pl.Int64,
        "lowest": pl.Float64,
        "highest": pl.Float64,
        "spread": pl.Float64,
        "discrepancy": pl.Boolean,
        "aggregate": pl.Float64,  # mean/median (group-weighted) of counted scores
        "consensus": pl.Float64,  # moderated score, null when none
        "consensus_reason": pl.String,
        "moderated_by": pl.String,  # who recorded the consensus, as the moderation sheet says
        "final": pl.Float64,  # the score used
        # Where the panel's consensus was read (as the evaluator scores give each score's):
        # scores/moderation.xlsx › Moderation › D7; null when the panel recorded none.
        "source": pl.String,
        "cell": pl.String,
    },
    # The evaluated price build-up: one row per supplier × lot × item.
    "price_breakdown": {
        "lot": pl.String,
        "supplier": pl.String,
        "item": pl.String,
        "volume": pl.Float64,
        "unit_rate": pl.Float64,
        "uplift": pl.Float64,
        "years": pl.Int64,
        "discount_rate": pl.Float64,  # 0 unless NPV
        "item_price": pl.Float64,  # this item's contribution to the evaluated price
        # Where each figure came from: the rate and the uplift from the bid (``source`` ›
        # ``rate_cell``/``uplift_cell``, e.g. bids/acme.xlsx › Prices › G7; uplift_cell null
        # when the form has no uplift column), the volume from the plan
        # (tender.toml › lots › L2 › volumes.hours).
        "source": pl.String,
        "rate_cell": pl.String,
        "uplift_cell": pl.String,
        "volume_source": pl.String,
        "volume_cell": pl.String,
    },
    # Quantitative social value: commitments × proxy values.
    "social_value": {
        "lot": pl.String,
        "supplier": pl.String,
        "measure": pl.String,
        "units": pl.Float64,
        "proxy_value": pl.Float64,
        "amount": pl.Float64,
        "proxy_version": pl.String,
        "source": pl.String,  # the bid file of the commitment
        "cell": pl.String,  # the units committed: Social value › C5
    },
    # Every flag raised: abnormally low, discrepancy, conflict, close call, rank reversal…
    "flags": {
        "lot": pl.String,
        "supplier": pl.String,
        "code": pl.String,
        "message": pl.String,
        "severity": pl.String,  # "warning" or "error"
        "where": pl.String,  # file › sheet › cell when it came from an input
    },
    # Sensitivity: tipping points — how far a pillar weight must move to change the winner.
    "tipping_points": {
        "lot": pl.String,
        "supplier": pl.String,  # the challenger
        "pillar": pl.String,  # the pillar whose weight moves (others rescaled in proportion)
        "weight_now": pl.Float64,  # points of 100
        "weight_to_win": pl.Float64,  # weight at which this supplier overtakes; null: never
        "change": pl.Float64,  # weight_to_win − weight_now
    },
    # Sensitivity: probability of winning when weights are sampled around the plan.
    "win_probability": {
        "lot": pl.String,
        "supplier": pl.String,
        "probability": pl.Float64,
        "samples": pl.Int64,
        "seed": pl.Int64,
    },
    # Sensitivity: each other ranked tender withdrawn in turn, the award made again.
    "rank_reversal": {
        "lot": pl.String,
        "removed": pl.String,  # the tender withdrawn
        "winner_before": pl.String,  # the proposed award
        "winner_after": pl.String,  # the award without the tender; null unless awarded
        "outcome_after": pl.String,  # "awarded", "undecided" or "no_award"
        "changed": pl.Boolean,  # whether the award would change
    },
}


class DetailFrame:
    """A result frame given either as a frame or as a function that makes it: made the first
    time it is read, then kept. Scoring hands over its two long listings this way (every
    evaluator score; each bid-question's spread and moderation), so a caller that reads only
    the results does not wait for them; every caller that reads one gets the same frame."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, result: object, owner: type | None = None) -> pl.DataFrame:
        if result is None:  # (dataclasses asks for a default: there is none)
            raise AttributeError(self.slot)
        value = result.__dict__[self.slot]
        if callable(value):
            value = result.__dict__[self.slot] = value()
        return value

    def __set__(self, result: object, value: pl.DataFrame | Callable[[], pl.DataFrame]) -> None:
        result.__dict__[self.slot] = value


# Equal only to itself (``==`` is ``is``), and so usable as a dict key: the default ``==``
# compared the frames, and a frame has no single truth value (polars' TypeError). Two runs
# are compared frame by frame (``a.results.equals(b.results)``).
@dataclass(eq=False)
class ScoreResult:
    """Everything scoring found, as frames, with what is needed to reproduce it."""

    plan: Plan
    results: pl.DataFrame
    criteria: pl.DataFrame
    sub_totals: pl.DataFrame
    evaluator_scores: pl.DataFrame = DetailFrame()  # type: ignore[assignment]
    moderation: pl.DataFrame = DetailFrame()  # type: ignore[assignment]
    price_breakdown: pl.DataFrame
    social_value: pl.DataFrame
    flags: pl.DataFrame
    tipping_points: pl.DataFrame
    win_probability: pl.DataFrame
    rank_reversal: pl.DataFrame
    inputs: pl.DataFrame  # from the Tender: path, kind, sha256, bytes
    suppliers: pl.DataFrame  # from the Tender (for summaries: address, identifiers)
    # From the Tender: each evaluator's conflict-of-interest declaration, for the record.
    declarations: pl.DataFrame = field(default_factory=pl.DataFrame)
    # From the Tender, as scoring read it: the package offers it keeps (what allocate offers
    # beside the single lots) and the supply chains (for the second-tier shares).
    packages: pl.DataFrame = field(default_factory=lambda: F.empty("packages"))
    supply_chain: pl.DataFrame = field(default_factory=lambda: F.empty("supply_chain"))
    problems: list[Any] = field(default_factory=list)  # the input problems, carried through
    settings: dict[str, Any] = field(default_factory=dict)  # seed, samples, versions, run time
    # From the Tender: the buyer's recorded decisions (decisions.toml), read by the award.
    decisions: Decisions = field(default_factory=Decisions)
    folder: Path | None = None  # the tender folder, when the tender was loaded from one
    # What scoring gave (_remember_as_scored), None for a result score did not make. Given on to
    # a copy made with dataclasses.replace, which is held to it too: a copy given other
    # results was a way round the hold on an edited result.
    _as_scored: AsScored | None = field(default=None, kw_only=True, repr=False, compare=False)
    # Where each consensus score was read (source, cell) and the tender it is for (supplier,
    # lot): not an output, kept so that the award can tell an error at one as the error of a
    # tender set aside (award/set_aside.as_score_of), as it tells one at an evaluator's score.
    # Every consensus row read: the moderation frame's source and cell are for the bids
    # scored, and a tender withdrawn before scoring is not scored.
    # (A lazy frame: read only when there is such an error, and none of the result's frames.)
    _consensus_cells: pl.LazyFrame | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    # The award decision, made once on first use (never copied by dataclasses.replace, which
    # may change the results it was made from), and what it was made from: the columns of the
    # results it reads (a copy, which an edit in place does not reach), the problems, and what
    # had changed since scoring.
    _award: AwardDecision | None = field(default=None, init=False, repr=False, compare=False)
    _award_from: tuple[pl.DataFrame, tuple[Any, ...], list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    # How many outputs are being written from the result now (see written_out), and whether
    # its frames have been compared with scoring's for them.
    _writing = 0
    _compared_while_writing = False

    def __repr__(self) -> str:
        return brief(self)

    def __setattr__(self, name: str, value: Any) -> None:
        # A frame or setting replaced after the award was made (a notebook trying another
        # decision, a ranking edited by hand) makes it again on next use: an award read from
        # the old results would no longer be the one these results give.
        value = _checked(name, value)  # (not a Plan at all: said as for any other field)
        if name == "folder":
            value = folder_kept(self, value, "result")
        if name == "plan" and "plan" in self.__dict__ and value != self.plan:
            # Every writer reads the weights and rules from the plan and the figures from the
            # results: another plan would put its weights beside figures it did not make.
            raise UsageError(
                "a result's plan is the one it was scored under; to see the bids under "
                "another plan, give the tender that plan and score it again "
                "(tender.plan = plan; tendereval.score(tender))"
            )
        object.__setattr__(self, name, value)
        if name not in _AWARD_CACHE and self.__dict__.get("_award") is not None:
            object.__setattr__(self, "_award", None)

    @property
    def award(self) -> AwardDecision:
        """Who is proposed for each lot, and whether summaries may go out: every output reads
        this (:mod:`tendereval.award`). Made again when the results or the problems have
        changed since it was made, in place too (``result.results[0, "total"] = 99``,
        ``result.problems.append(...)``), and when anything else an output reads has
        changed since scoring (:meth:`changed_since_scored`: the award is then held back)."""
        if self._award is not None and not self._award_made_from_these():
            self._award = None
        if self._award is None:
            from tendereval.award.decision import decide

            _statuses_checked(self.results)  # an edit in place is not seen when it is made

            made_from = (
                self._results_decided_from().clone(),
                tuple(self.problems),
                self.changed_since_scored(),
            )
            self._award = decide(self)
            self._award_from = made_from
            self._mark_compared(self._writing > 0)
        return self._award

    def _remember_as_scored(self) -> ScoreResult:
        """Keep the plan, every frame, the problems and the settings as scoring gave them
        (``score`` calls it), so that an award made after any of them was changed in Python
        is known not to be scoring's."""
        for name in DETAIL_FRAMES:
            made_by = self.__dict__[f"_{name}"]
            if callable(made_by) and not isinstance(made_by, MadeWhenRead):
                self.__dict__[f"_{name}"] = MadeWhenRead(made_by)
        kept = AsScored.of(
            self.plan, self._frames_held(), self.problems, self.settings, self.decisions
        )
        object.__setattr__(self, "_as_scored", kept)
        return self

    def decisions_as_scored(self) -> Decisions:
        """The recorded decisions scoring gave the result (checked then, and their problems
        among the result's): those the decisions set since in Python (``result.decisions =
        …``) are compared with, and checked against, by the award. A result ``score`` did not
        make holds its own."""
        if self._as_scored is None or self._as_scored.decisions is None:
            return self.decisions
        return self._as_scored.decisions

    def inputs_as_scored(self) -> pl.DataFrame:
        """The files scoring read (``path``, ``kind``, ``sha256``, ``bytes``) as it listed
        them, however ``inputs`` was changed in Python since: what the tender folder is
        compared with before anything is written from the result (:mod:`tendereval.
        scored_from`). A result ``score`` did not make lists its own."""
        if self._as_scored is None:
            return self.inputs
        kept = self._as_scored.frames["inputs"]
        return kept if isinstance(kept, pl.DataFrame) else self.inputs

    def changed_since_scored(self) -> list[str]:
        """What was changed in Python since scoring gave it, an edit in place included:
        "plan", the names of the frames (``results``, ``criteria``, ``inputs``, …),
        "problems", "settings". [] when nothing was, or for a result that ``score`` did not
        make. A copy made with ``dataclasses.replace`` is compared with what scoring gave the
        result copied."""
        if self._as_scored is None:
            return []
        return self._as_scored.changed(self.plan, self._frames_held(), self.problems, self.settings)

    def _frames_held(self) -> dict[str, Any]:
        """Every frame by name as the result holds it: a detail frame not read yet is the
        function that makes it (reading it would make it)."""
        held = vars(self)
        return {name: held.get(name, held.get(f"_{name}")) for name in FRAMES}

    @contextmanager
    def written_out(self) -> Iterator[ScoreResult]:
        """While an output is written from the result: nothing else runs to change the result
        meanwhile, so the award compares its frames with scoring's when it is first read, not
        at each of the writer's reads (the report reads it some fifty times, and for a million
        scores a comparison takes up to 0.1 s)."""
        object.__setattr__(self, "_writing", self._writing + 1)
        try:
            yield self
        finally:
            object.__setattr__(self, "_writing", self._writing - 1)
            if not self._writing:
                self._mark_compared(False)

    def _mark_compared(self, compared: bool) -> None:
        """Whether the frames have been compared with scoring's for the output being
        written."""
        object.__setattr__(self, "_compared_while_writing", compared)

    def _results_decided_from(self) -> pl.DataFrame:
        """The columns of the results the award reads (those there are)."""
        return self.results.select(c for c in DECIDED_FROM if c in self.results.columns)

    def _award_made_from_these(self) -> bool:
        """Whether the results and problems are still those the award was made from. Polars
        changes a frame in place by replacing the edited column, which the copy kept does not
        share, so comparing the two finds every edit. Only the columns the award reads are
        compared: about 0.1 ms for 10,000 bids, where the whole frame (its lists of reasons
        and flags) took 7 ms, and the writers read the award once a bid."""
        if self._award_from is None:
            return False
        results, problems, changed = self._award_from
        if len(problems) != len(self.problems) or not all(
            a is b for a, b in zip(problems, self.problems, strict=True)
        ):
            return False
        # Column by column: a select made a query each time (80 µs, where this is 20), and the
        # report's writers read the award some sixty times.
        now = self.results
        return (
            [c for c in DECIDED_FROM if c in now.columns] == results.columns
            and all(
                now.get_column(c).equals(results.get_column(c), check_dtypes=True)
                for c in results.columns
            )
            and self._changed_as_when_decided(changed)
        )

    def _changed_as_when_decided(self, changed: list[str]) -> bool:
        """Whether what has changed since scoring is what had when the award was made (the
        award says so, and is held back for it). Compared once while an output is written
        (:meth:`written_out`), at every read of the award otherwise."""
        if self._compared_while_writing:
            return True
        same = self.changed_since_scored() == changed
        self._mark_compared(self._writing > 0 and same)
        return same

    @property
    def plan_identity(self) -> str:
        """Which plan the result was made under, for every output of the award:
        ``tender.toml, SHA-256 …`` ("" for a plan that was not read from a file)."""
        plans = self.inputs.filter(pl.col("kind") == "plan") if self.inputs.width else None
        if plans is None or plans.is_empty() or plans.item(0, "sha256") is None:
            return ""
        return f"{plans.item(0, 'path')}, SHA-256 {plans.item(0, 'sha256')}"

    def lot_ids(self) -> list[str]:
        """The plan's lots in plan order, then any other lot a bid named, sorted: the order
        every output lists lots in."""
        planned = list(self.plan.lot_ids)
        extra = self.results.get_column("lot").drop_nulls().unique().sort().to_list()
        return planned + [lot for lot in extra if lot not in planned]

    def lot_results(self, lot: str) -> pl.DataFrame:
        """One lot's bids, ranked first (by rank), then disqualified, then invalid."""
        if not isinstance(lot, str) or lot not in self.plan.lot_ids:
            # An empty frame read as "nobody bid for this lot".
            lot_argument(lot, self.lot_ids())
        return _in_listing_order(self.results.filter(pl.col("lot") == lot))

    def pillar_shares(self) -> pl.DataFrame:
        """Each bid's share (0..1) of each pillar's marks: lot, supplier, ``price``,
        ``quality``, ``social_value`` (:func:`tendereval.scoring.shares.pillar_shares`): a
        pillar weighted 0 included, from the criteria's fractions, so that share × any
        weight is the points that weight gives."""
        return shares.pillar_shares(self.plan, self.results, self.criteria)

    def results_by_lot(self) -> dict[str, pl.DataFrame]:
        """{lot: its bids as :meth:`lot_results` gives them} for every lot of :meth:`lot_ids`,
        in that order, made in one pass: a writer listing every lot reads this once, where
        asking for each lot filtered and sorted the whole results again (a dozen polars
        calls per lot on the terminal alone)."""
        parts = _in_listing_order(self.results.filter(pl.col("lot").is_not_null())).partition_by(
            "lot", as_dict=True, maintain_order=True
        )
        none = self.results.clear()
        return {lot: parts.get((lot,), none) for lot in self.lot_ids()}


@overload
def one_output(write: Callable[P, T], /) -> Callable[P, T]: ...
@overload
def one_output(*, scores_a_source: bool) -> Callable[[Callable[P, T]], Callable[P, T]]: ...
def one_output(
    write: Callable[P, T] | None = None, /, *, scores_a_source: bool = False
) -> Callable[P, T] | Callable[[Callable[P, T]], Callable[P, T]]:
    """``write``, which makes an output from the result given as its first argument, with
    the result's frames compared with scoring's once for the whole output
    (:meth:`ScoreResult.written_out`). Given anything else, a UsageError saying what it takes
    (a Tender or a folder passed to ``write_report`` failed deep inside with AttributeError),
    except for a command that scores a tender folder or a Tender given it itself, which says
    so where it is written: ``@one_output(scores_a_source=True)`` (summaries, publish)."""
    if write is None:
        return functools.partial(_one_output, scores_a_source=scores_a_source)
    return _one_output(write, scores_a_source=scores_a_source)


def _one_output(write: Callable[P, T], *, scores_a_source: bool) -> Callable[P, T]:
    # The result may be given by name too (render(result=r), as a notebook completes it).
    first = next(iter(inspect.signature(write).parameters))

    @functools.wraps(write)
    def writing(*args: P.args, **kwargs: P.kwargs) -> T:
        if not args and first not in kwargs:
            return write(*args, **kwargs)  # (Python's own error: a required argument missing)
        result = args[0] if args else kwargs[first]
        if not isinstance(result, ScoreResult):
            if scores_a_source:
                return write(*args, **kwargs)
            made_by(write.__name__, result, ScoreResult, "the result of tendereval.score(...)")
        with result.written_out():
            return write(*args, **kwargs)

    return writing


def _in_listing_order(bids: pl.DataFrame) -> pl.DataFrame:
    """Bids ranked first (by rank), then the in-house comparator, disqualified, invalid and
    withdrawn, each by supplier; bids alike on all three keep the order of the results."""
    return (
        bids.with_columns(pl.col("status").replace_strict(STATUS_ORDER, default=4).alias("_order"))
        .sort(["_order", "rank", "supplier"], nulls_last=True, maintain_order=True)
        .drop("_order")
    )


# The award's cache: setting these is not a change the award must be made again for.
_AWARD_CACHE = frozenset({"_award", "_award_from"})
STATUSES = ("ranked", "comparator", "disqualified", "invalid", "withdrawn")
# The order a lot's bids are listed in, by status.
STATUS_ORDER = {status: i for i, status in enumerate(STATUSES)}
# The frames a result holds besides those scoring makes (from the Tender).
_OTHER_FRAMES = ("inputs", "suppliers", "declarations", "packages", "supply_chain")
# Every frame a result holds, as the outputs read them; those made when first read.
FRAMES = (*RESULT_SCHEMAS, *_OTHER_FRAMES)
DETAIL_FRAMES = ("evaluator_scores", "moderation")
_KINDS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "plan": (Plan, "a Plan (what tendereval.load_plan reads)"),
    "decisions": (Decisions, "Decisions (tendereval.award.Decisions)"),
    "problems": (list, "a list of problems"),
    "settings": (dict, "a dict"),
}


def _checked(name: str, value: Any) -> Any:
    """``value`` when a result can hold it as ``name``, else a UsageError saying what is
    expected: a frame cut down to the columns a notebook wanted to see, a lazy frame or a
    None failed later, deep inside the award or a writer."""
    if name in FRAMES:
        if callable(value) and name in DETAIL_FRAMES:
            return value  # made when first read (DetailFrame)
        if not isinstance(value, pl.DataFrame):
            raise UsageError(
                f"{name} must be a polars DataFrame with the columns scoring gives "
                f"(got {type(value).__name__})"
            )
        if name == "results":
            missing = [c for c in RESULT_SCHEMAS["results"] if c not in value.columns]
            if missing:
                raise UsageError(
                    f"results must have the columns scoring gives; {', '.join(missing)} "
                    "missing. To look at some columns, select them without putting them "
                    'back: result.results.select("supplier", "total")'
                )
            _statuses_checked(value)
        return value
    if name in _KINDS:
        kind, expected = _KINDS[name]
        if not isinstance(value, kind):
            raise UsageError(f"{name} must be {expected} (got {value!r:.60})")
    elif name == "folder" and value is not None:
        # Absolute: a result written after an os.chdir is written into its own tender still.
        value = remembered(
            path_argument("folder", value, "the tender folder (text or pathlib.Path)")
        )
    return value


def _statuses_checked(results: pl.DataFrame) -> None:
    """A UsageError for a status that is not one of :data:`STATUSES`: one typed by hand
    ('winner', 'Ranked') took the bid out of the ranking without a word."""
    odd = results.filter(~pl.col("status").is_in(STATUSES))
    if odd.height:
        row = odd.row(0, named=True)
        raise UsageError(
            f"results: status {row['status']!r:.40} for {row['supplier']!r:.60} (lot "
            f"{row['lot']!r:.20}) is not a status; expected one of {', '.join(STATUSES)}"
        )


def empty_result_frame(name: str) -> pl.DataFrame:
    return pl.DataFrame(schema=RESULT_SCHEMAS[name])
