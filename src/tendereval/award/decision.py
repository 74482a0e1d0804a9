"""The award decision: who is proposed for each lot, made once, read by every output.

Scoring ranks the bids in each lot. The award follows the ranking, except where the plan's
rules or the buyer's recorded decisions say otherwise:

* **a tie for first place** the plan's tie-break does not break leaves the lot *undecided*
  until the buyer records its decision (``decisions.toml``); nothing settles it by name;
* **a lot cap** (``[participation] max_lots_per_supplier``) that a supplier would exceed is
  applied by the plan's published mechanism (``cap_rule``, :mod:`tendereval.award.cap`); where
  the plan gives the mechanism in words only, the lots it affects stay undecided until the
  buyer records the award.

:func:`decide` builds an :class:`AwardDecision` from a :class:`ScoreResult`; ``score`` attaches
one to every result (``result.award``), and the terminal table, JSON, CSV, the Excel and public
reports, the assessment summaries, ``allocate DIR`` and ``publish`` all read it. Whether the
assessment summaries may be sent is decided here too (:attr:`AwardDecision.blockers`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl

from tendereval.award.clarified import answerable
from tendereval.award.recorded import (
    DATED,
    DECISIONS_FILE,
    DECISIONS_IN_PYTHON,
    Decisions,
    RecordedAward,
    RecordedRejection,
    RecordedWithdrawal,
    ReturnsSetAside,
    Standstill,
    record_file,
)
from tendereval.award.return_that_stands import (
    award_waits_for_a_return,
    by_its_file,
    returns_chosen_by_record,
)
from tendereval.award.set_aside import (
    ANOTHER_RETURN,
    as_score_of,
    comparator_set_aside,
    names_no_tender,
    rejected_tenders,
    set_aside_together,
    withdrawn_tenders,
)
from tendereval.award.suspension import Suspension, challenge_problems, suspended_lots
from tendereval.comparison import POINT_DECIMALS, POINT_UNITS, points_units
from tendereval.errors import Problem, Severity, UsageError, lot_argument
from tendereval.io.keys import supplier_key
from tendereval.layout import NOTICE_FILE
from tendereval.plan import PLAN_FILE
from tendereval.regimes import terms
from tendereval.shown import brief, cut
from tendereval.terminal import SHOWS_NOTHING
from tendereval.wording import counted, figure, listed

if TYPE_CHECKING:
    from tendereval.plan import Plan
    from tendereval.report.summaries import SentAgainstAward
    from tendereval.scoring.result import ScoreResult


class Ranking(Protocol):
    """What a lot's award is made from: the plan and the bids as scored and ranked
    (``results``: lot, supplier, status, rank, total, evaluated_price, quality_score,
    social_value_score), with the lots in order. A :class:`ScoreResult` is one; the
    rank-reversal check makes others, each the tender without one tender."""

    plan: Plan
    results: pl.DataFrame

    def lot_ids(self) -> list[str]: ...


# The plan and the published notice it must follow: an error there is the plan's, not a bid's.
PLAN_FILES = (PLAN_FILE, NOTICE_FILE)

AWARDED, UNDECIDED, NO_AWARD = "awarded", "undecided", "no_award"


# How the proposed supplier was arrived at, in words for reports.
BASIS_TEXT = {
    "ranked_first": "ranked first",
    "tie_decision": "tied for first; the buyer's recorded decision",
    "lot_cap": "the published lot-cap mechanism",
    "recorded": "the buyer's recorded decision under the published lot-cap mechanism",
    "no_award": "the buyer's recorded decision not to award the lot",
    "": "",
}


@dataclass(frozen=True)
class LotAward:
    """One lot's outcome. ``supplier`` is the proposed winner when ``outcome`` is awarded;
    ``tied`` the suppliers level at the place that decides; ``passed_over`` the higher-ranked
    suppliers a lot cap passed over; ``first`` the suppliers ranked first; ``level`` those
    whose total equals the proposed supplier's, placed below it by the plan's tie-break;
    ``no_bids`` that no bid was received for the lot (its outcome no award); ``unplaced``, for
    a lot with no bid, the bid returns received that could not be read and placed in any lot
    (a plan of several lots): one may be for it, so the lot is not one with no bids;
    ``holding_the_cap`` the other ranked suppliers, not passed over, that already hold the
    lot cap when the lot is decided (:func:`tendereval.award.cap.holding_the_cap`): the lot
    would not go to them next either, so the award's margin is not measured to them."""

    lot: str
    name: str
    outcome: str
    supplier: str | None = None
    basis: str = ""
    reasons: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()
    passed_over: tuple[str, ...] = ()
    first: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    no_bids: bool = False
    unplaced: int = 0
    holding_the_cap: tuple[str, ...] = ()

    @property
    def awarded(self) -> bool:
        return self.outcome == AWARDED

    @property
    def tied_first(self) -> bool:
        """Whether first place is shared by tenders the plan's tie-break did not separate
        (undecided, or decided since by the buyer's recorded decision): no tender leads on
        score, so no tipping point is measured against one of them."""
        return len(self.first) > 1

    @property
    def first_not_proposed(self) -> str | None:
        """The one tender ranked first when the award proposes another tender (or none yet):
        a lot cap passed it over. The tipping points measure against it, not against the
        proposed tender, so they are not margins on the proposed award."""
        if len(self.first) == 1 and self.supplier != self.first[0] and not self.not_to_award:
            return self.first[0]
        return None

    @property
    def not_to_award(self) -> bool:
        """Whether the buyer decided not to award the lot ([[no_award]])."""
        return self.basis == "no_award"

    @property
    def by_record(self) -> bool:
        """Whether the award follows the buyer's recorded decision ([[decision]]): a tie, or a
        lot the cap left open, that the rules left to the buyer."""
        return self.basis in RECORDED_BASES

    def to_dict(self) -> dict[str, Any]:
        return {
            "lot": self.lot,
            "name": self.name,
            "outcome": self.outcome,
            "supplier": self.supplier,
            "basis": self.basis,
            "reasons": list(self.reasons),
            "tied": list(self.tied),
            "passed_over": list(self.passed_over),
            "first": list(self.first),
            "level": list(self.level),
        }


@dataclass(frozen=True)
class CapOutcome:
    """How the plan's lot cap was applied: ``binds`` when some supplier is (or could be,
    depending on an unresolved tie) first in more lots than the cap; ``order`` the lots in the
    order a sequential rule took them."""

    limit: int | None = None
    rule: str | None = None
    wording: str = ""
    binds: bool = False
    over: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    # For each supplier over the cap, the lots being awarded it is first (or tied first) in:
    # those the cap counted. A lot the buyer decided not to award is not among them.
    first_in: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def flags(self) -> pl.DataFrame:
        """A ``lot_cap.binds`` flag (lot, supplier, code, message, severity, where) on each
        first place the cap counted for a supplier over it: there the ranking is not the
        award. Made from the award, so a lot not awarded neither counts nor is flagged."""
        rows = [
            {
                "lot": lot,
                "supplier": supplier,
                "code": "lot_cap.binds",
                "message": (
                    f"first in {len(lots)} lots but the plan caps a supplier at {self.limit}: "
                    "the award of this lot follows the plan's published lot-cap mechanism "
                    "(see the proposed award)"
                ),
            }
            for supplier, lots in self.first_in
            for lot in lots
        ]
        return award_flags(rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_lots_per_supplier": self.limit,
            "rule": self.rule,
            "published_mechanism": self.wording,
            "binds": self.binds,
            "suppliers_over_the_cap": list(self.over),
            "order_applied": list(self.order),
        }


@dataclass(frozen=True)
class AwardDecision:
    """Per lot the proposed award or why there is none, how the lot cap was resolved, and
    whether the assessment summaries may be sent (and what stops them).

    Read-only once made (frozen, ``lots`` a read-only mapping, ``problems`` a tuple): every
    writer reads the decision the plan's rules gave, never one edited in a notebook
    (``result.award.lots["1"] = …``). Another decision is made with :func:`decide`."""

    tender_id: str
    lots: Mapping[str, LotAward]
    cap: CapOutcome = field(default_factory=CapOutcome)
    standstill: Standstill = field(default_factory=Standstill)
    problems: tuple[Problem, ...] = ()
    # The recorded decisions the award follows, as checked (only the good entries): those
    # scoring read, or those set on the result or passed to decide since. Writers read these.
    decisions: Decisions = field(default_factory=Decisions)
    # Whether those were given in Python (set on the result, or passed to decide), not read
    # from decisions.toml when scoring: the record must not name the file for them.
    decisions_in_python: bool = False
    # The warnings checking decisions given in Python found (a standstill shorter than the
    # law's), among the problems: those of decisions.toml are among the result's problems.
    record_warnings: tuple[Problem, ...] = ()
    input_errors: int = 0  # errors in bids, score sheets and other inputs
    # Errors in decisions.toml as read (a date that is not one, a standstill ending before it
    # starts): no bid is invalid for them, and each is named where the award is held back.
    record_errors: tuple[Problem, ...] = ()
    plan_errors: int = 0  # errors in the plan itself (e.g. it differs from the notice)
    # The plan's differences from the published notice (each an error in plan_errors).
    notice_differences: tuple[Problem, ...] = ()
    # An award this close to the next tender is flagged close_call (the plan's
    # [ranking] close_call_margin).
    close_call_margin: float = 1.0
    # Why these results are for exploring only (:data:`EXPLORED`): a tender or plan changed
    # in Python after its files were read. Each is an error in neither count above.
    explored: tuple[Problem, ...] = ()
    # Tenders not yet evaluated: (lot, supplier, the questions with no usable score), each a
    # bid invalid for that alone. Its evaluation is the buyer's to finish, not a fault of the
    # bid: no award may go out while it could still win.
    unscored: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # The tenders the buyer records as rejected for their own errors ([[rejection]] in
    # decisions.toml), which hold the award back no longer (award/set_aside.py).
    rejected: tuple[RecordedRejection, ...] = ()
    # The tenders their suppliers withdrew ([[withdrawal]]), set aside when scoring.
    withdrawn: tuple[RecordedWithdrawal, ...] = ()
    # Every bid file of the results: a record naming a file names the one it means among
    # them (two whose names differ only in capitals are two returns).
    bid_files: tuple[str, ...] = ()
    # Tenders invalid for an error in the inputs nobody has put right, nor recorded as
    # rejected: (lot, supplier). Put right, such a tender could win its lot, so the lot's
    # proposed award says it waits on it (one ranked first now may not stay so).
    not_put_right: tuple[tuple[str, str], ...] = ()
    # Those of them invalid because their supplier sent two bid returns for the lot: settled
    # by recording which return stands, each other by its file (award/return_that_stands.py),
    # never by rejecting the tender by the supplier's name, which sets aside every return.
    returns_to_choose: tuple[tuple[str, str], ...] = ()
    regime: str = "PA2023"  # the plan's: which law the held-back award cites
    # Where the input errors are: each file with how many, in the order found (an error
    # naming no file is counted in input_errors only).
    input_error_files: tuple[tuple[str, int], ...] = ()
    # How many of the input errors make a bid invalid (a bid return's, or one naming its
    # supplier): only those are settled by recording the tender as rejected. An error in a
    # score sheet (an evaluator's declaration) makes no bid invalid, but putting it right
    # could still change the scores.
    invalidating_errors: int = 0
    # How many of the input errors are in a detail of a bid return that is never scored
    # (award/clarified.py ``answerable``): settled by recording the supplier's answer.
    answerable_errors: int = 0
    # Assessed tenders (ranked or disqualified) with a question scored but not explained:
    # (lot, supplier, the questions). Each assessment summary gives a score for each
    # criterion and an explanation of it (Procurement Regulations 2024 reg 31), so the
    # summaries wait until the explanation is recorded.
    unexplained: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # Assessed tenders with a question whose evaluators' scores are far apart (a discrepancy
    # flagged for moderation, ``quality.discrepancy``) and no consensus recorded: (lot,
    # supplier, the questions). The score used is the evaluators' aggregate until the panel
    # moderates it, so the evaluation is not finished: the award, its notice and the
    # summaries wait for the consensus, as for a tender not yet scored.
    unmoderated: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # The buyer's in-house comparator with errors in the inputs that are its alone, not yet
    # put right: (lot, supplier, each file with how many). The comparator is never ranked,
    # awarded nor in the pool the relative formulas read, so putting them right cannot change
    # the award: they are named as the comparator's, and hold nothing back (none is counted
    # in input_errors).
    comparator_errors: tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...] = ()
    # The day the decision was made, in the UK: a day recorded as summaries_sent_on still to
    # come is the day the summaries are to be sent (PCR 2015's order of steps records it
    # first), not one they were sent. None: no day known, the day recorded is taken as past.
    made_on: dt.date | None = None
    # How the summaries recorded as sent compare with those this award gives
    # (report/summaries.sent_against_award), asked the first time it is read: it writes each
    # supplier's summary aside, which reads this decision.
    sent_check: Callable[[dt.date], SentAgainstAward] | None = field(
        default=None, compare=False, repr=False
    )
    # Tenders disqualified on their evaluators' scores with errors in their own bid return
    # not yet put right: (lot, supplier, each file with how many). Put right, the tender is
    # disqualified still (errors_out_of_the_award), so they hold nothing back: said beside
    # the award as the tender's (none is counted in input_errors).
    disqualified_errors: tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...] = ()
    # The plan's reference, name or buyer still as init wrote them (plan_lint.placeholders_left,
    # a warning in the plan's check): a placeholder is not a name, and would go out as the
    # buyer's on every assessment summary and in the award notice, so both wait for it.
    placeholders: tuple[Problem, ...] = ()

    def __post_init__(self) -> None:
        # A copy the caller's dict or list cannot change afterwards, either.
        object.__setattr__(self, "lots", MappingProxyType(dict(self.lots)))
        object.__setattr__(self, "problems", tuple(self.problems))

    def __hash__(self) -> int:
        # A value, as its == says (two decisions saying the same are equal), so hashed by
        # value and usable as a dict key or in a set, as a LotAward is; the dataclass's own
        # hash failed on the read-only mapping of lots ("unhashable type: 'mappingproxy'").
        # The lots are hashed in any order, as == compares them.
        return hash(
            tuple(
                frozenset(self.lots.items()) if f.name == "lots" else getattr(self, f.name)
                for f in fields(self)
                if f.compare
            )
        )

    def __getstate__(self) -> dict[str, Any]:
        # Pickled or deep-copied (a notebook's cache of results): a read-only mapping can be
        # neither, so the lots go as a dict, and the indexes made on first use are left to be
        # made again. The comparison with the summaries recorded as sent is made now (when
        # there is one to make) and goes with the copy, which then reads as the original
        # does: what makes it (sent_check, a function holding the whole result) is not
        # copied, and could not be pickled.
        if self.sent_check is not None:
            _ = self.sent_against_award  # worked out once, and kept (cached_property)
        state = {name: value for name, value in vars(self).items() if not name.startswith("_")}
        return state | {"lots": dict(self.lots), "sent_check": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state | {"lots": MappingProxyType(state["lots"])})

    def __repr__(self) -> str:
        # Who is proposed for each lot (or the lot's outcome): what the reader wants.
        lots = {lot: award.supplier or award.outcome for lot, award in self.lots.items()}
        return brief(self, lots=cut(repr(lots), 600))

    @property
    def differs_from_notice(self) -> bool:
        return bool(self.notice_differences)

    @property
    def undecided(self) -> list[str]:
        return [lot for lot, award in self.lots.items() if award.outcome == UNDECIDED]

    def winner(self, lot: str) -> str | None:
        """The supplier proposed for ``lot``; None when the lot has no award (yet). A lot the
        tender does not have is a UsageError naming its lots: None read as "no award"."""
        award = self.lots[self._known(lot)]
        return award.supplier if award.awarded else None

    def _known(self, lot: object) -> str:
        """``lot`` when the decision has it (a lot of the tender, or one a tender waited on is
        for), else the UsageError ``result.lot_results`` gives."""
        known = self.__dict__.get("_lots_known")
        if known is None:
            waited = (
                at
                for at, *_ in (
                    *self.unscored,
                    *self.not_put_right,
                    *self.comparator_errors,
                    *self.disqualified_errors,
                )
            )
            known = self.__dict__.setdefault("_lots_known", dict.fromkeys([*self.lots, *waited]))
        return lot if isinstance(lot, str) and lot in self.lots else lot_argument(lot, known)

    @property
    def decisions_from(self) -> str:
        """Where the decisions the award follows came from, as the record names it:
        "decisions.toml", or "the decisions set in Python"."""
        return DECISIONS_IN_PYTHON if self.decisions_in_python else DECISIONS_FILE

    @property
    def decisions_given(self) -> dict[str, Any] | None:
        """The decisions given in Python as the Input files table lists a file read
        (``path``, ``kind``, ``sha256``, ``bytes``), of them written as decisions.toml text
        (``decisions.to_toml()``, what recorded would give the same award): an auditor can
        match them to a file recorded later. None when they were read from decisions.toml,
        which is listed with the files read."""
        if not self.decisions_in_python:
            return None
        text = self.decisions.to_toml().encode("utf-8")
        return {
            "path": DECISIONS_IN_PYTHON,
            "kind": "decisions",
            "sha256": hashlib.sha256(text).hexdigest(),
            "bytes": len(text),
        }

    @property
    def blockers(self) -> list[str]:
        """Why the assessment summaries cannot be sent yet ([] when they can)."""
        return self._blockers(summaries=True)

    @property
    def award_blockers(self) -> list[str]:
        """What holds the award itself back: the :attr:`blockers` but a score with no
        explanation, which stops only the summaries that must explain it (``allocate`` reads
        this: its allocation and comparison stand)."""
        return self._blockers(summaries=False)

    def _blockers(self, summaries: bool) -> list[str]:
        blockers = [f"{p.message[:1].upper()}{p.message[1:]}: {p.expected}." for p in self.explored]
        blockers += [f"Lot {lot}: {self.lots[lot].reasons[-1]}" for lot in self.undecided]
        blockers += [f"Lot {lot}: {text}" for lot, text in self.not_evaluated()]
        blockers += [f"Lot {lot}: {text}" for lot, text in self.not_moderated()]
        if summaries:
            blockers += [f"Lot {lot}: {text}" for lot, text in self.not_explained()]
            blockers += self._standstill_blocker()
            blockers += [
                f"{p.where}: {p.describe()}; the {terms(self.regime).summaries} and the "
                "award notice wait until it is filled in"
                for p in self.placeholders
            ]
        blockers += [
            f"{p.where or 'the recorded decisions'}: {p.describe()}"
            for p in self.problems
            if p.is_error
        ]
        # No bid is invalid for these: the plan every bid was scored on is in doubt.
        if self.notice_differences:
            blockers.append(self._notice_blocker())
        others = self.plan_errors - len(self.notice_differences)
        if others:
            blockers.append(
                f"The plan ({PLAN_FILE}) has {_errors(others, 'other ' if blockers else '')}: "
                "the award may not be made on it until it is put right."
            )
        blockers += [f"{p.where}: {p.describe()}" for p in self.record_errors]
        if self.input_errors:
            blockers.append(self._input_blocker())
        return blockers

    def _input_blocker(self) -> str:
        """The input errors not yet put right, with the files they are in, and what settles
        them: a bid made invalid by its own errors may instead be recorded as rejected, but
        an error that makes no bid invalid (a score sheet's) is only settled by putting it
        right."""
        count, invalidating = self.input_errors, self.invalidating_errors
        them = "them" if count > 1 else "it"
        said = f"The inputs have {_errors(count)}{_in_files(self.input_error_files)}"
        answerable = self.answerable_errors
        answer = _answer_settles(answerable, count)
        if not invalidating and answerable == count:
            return f"{said}: no bid is invalid for {them}; {answer}."
        if not invalidating:
            if not answerable:
                return (
                    f"{said}: no bid is invalid for {them}, but putting {them} right could "
                    f"change the scores and the award; put {them} right and score the folder "
                    "again."
                )
            others, it = ("the other", "it") if count - answerable == 1 else ("the others", "them")
            return (
                f"{said}: no bid is invalid for {them}; {answer}; putting {others} right could "
                f"change the scores and the award: put {it} right and score the folder again."
            )
        if invalidating == count:
            which = (
                "the bids they affect are invalid until the errors are put right"
                if count > 1
                else "the bids it affects are invalid until it is put right"
            )
        else:
            makes = (
                "1 of them makes a bid invalid until it is put right"
                if invalidating == 1
                else f"{invalidating:,} of them make the bids they affect invalid until they "
                "are put right"
            )
            left = count - invalidating - answerable
            others = "the other" if left == 1 else "the others"
            which = f"{makes}, and {others} could change the scores" if left else makes
        rejects = (
            "a tender the buyer rejects for its own errors is recorded as rejected in "
            f"{DECISIONS_FILE} ([[rejection]])"
        )
        if self.returns_to_choose:
            # What the file's error says, never a rejection naming the supplier of two returns.
            choose = (
                f"for a supplier that sent two bid returns for a lot, {by_its_file()}; a "
                "rejection naming the supplier would set aside the return that stands too"
            )
            only = set(self.not_put_right) <= set(self.returns_to_choose)
            rejects = choose if only else f"{rejects}; {choose}"
        if answerable:
            rejects = f"{rejects}; {answer}"
        return f"{said}: {which}; {rejects}."

    def rejection_of(
        self, supplier: str, lot: str | None, source: str | None = None
    ) -> RecordedRejection | None:
        """The buyer's recorded rejection of ``supplier``'s tender for ``lot``, if any (or of
        its bid return ``source``, when the record names the file)."""
        named = [r for r in self._returns().naming(source) if r.covers(lot)]
        rejections = [r for r in named if isinstance(r, RecordedRejection)]
        return rejections[0] if rejections else _record_of(self._records("rejected"), supplier, lot)

    def withdrawal_of(
        self, supplier: str, lot: str | None, source: str | None = None
    ) -> RecordedWithdrawal | None:
        """The recorded withdrawal of ``supplier``'s tender for ``lot``, if any (or of its bid
        return ``source``, when the record names the file)."""
        named = [r for r in self._returns().naming(source) if r.covers(lot)]
        withdrawals = [r for r in named if isinstance(r, RecordedWithdrawal)]
        return (
            withdrawals[0] if withdrawals else _record_of(self._records("withdrawn"), supplier, lot)
        )

    def _returns(self) -> ReturnsSetAside:
        # (Indexed once: asked for each of thousands of bids.)
        if "_returns_named" not in self.__dict__:
            self.__dict__["_returns_named"] = ReturnsSetAside(
                (*self.withdrawn, *self.rejected), self.bid_files
            )
        return self.__dict__["_returns_named"]

    def _records(self, kind: str) -> dict[str, list[Any]]:
        """The records of ``kind`` by supplier key, made once: asked for each of thousands of
        bids, a scan of thousands of records each was minutes."""
        cache = self.__dict__.setdefault("_by_supplier", {})
        if kind not in cache:
            index: dict[str, list[Any]] = {}
            for record in getattr(self, kind):
                index.setdefault(supplier_key(record.supplier), []).append(record)
            cache[kind] = index
        return cache[kind]

    def _by_lot(self, kind: str, lot: str | None) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """The tenders of ``kind`` (``unscored``, ``not_put_right``) lot by lot, each without its
        lot (``lot`` only, if given), indexed once: every output asks lot by lot, and a scan of
        200,000 tenders a lot was seconds an output."""
        cache = self.__dict__.setdefault("_lot_index", {})
        if kind not in cache:
            index: dict[str, list[tuple[Any, ...]]] = {}
            for at, *rest in getattr(self, kind):
                index.setdefault(at, []).append(tuple(rest))
            cache[kind] = index
        index = cache[kind]
        if lot is None:
            return list(index.items())
        # ([] for a lot the tender does not have read as "nothing waits".)
        return [(lot, index[lot])] if self._known(lot) in index else []

    def caveats(self) -> list[str]:
        """What stands beside the award, lot by lot, in sentences: each lot undecided and why,
        each lot waiting on a tender that could still win it, and why no award may be made
        yet whoever it names. ``allocate DIR`` prints them under the award and its workbook
        gives them above it."""
        said = [f"Lot {lot} is undecided: {self.lots[lot].reasons[-1]}." for lot in self.undecided]
        said += [f"Lot {lot}: {why}." for lot, why in self.waiting()]
        said += [f"Lot {lot}: {why}." for lot, why in self.not_waited_on()]
        if self.held_back:
            said.append(f"The award is {self.held_back}.")
        said += [f"{text}." for text in self.suspension_texts()]
        return said

    def suspensions(self, on: dt.date | None = None) -> dict[str, Suspension]:
        """Each awarded lot whose contract must not be entered into on the day ``on`` (default:
        the day the decision was made), proceedings against the award recorded in
        decisions.toml ([[challenge]]) suspending it (award/suspension.py: Procurement Act
        2023 s.101, PCR 2015 reg 95). The verdict, the Audit sheet and ``publish`` (on the day
        it publishes) all read it here."""
        day = on or self.made_on
        # (Worked out once a day: publish asks lot by lot, of thousands.)
        cache = self.__dict__.setdefault("_suspensions", {})
        if day not in cache:
            cache[day] = suspended_lots(
                self.lots, self.decisions.challenges, self.standstill, self.regime, day
            )
        return dict(cache[day])

    def suspension(self, lot: str, on: dt.date | None = None) -> Suspension | None:
        """What suspends the contract for ``lot`` on the day ``on`` (:meth:`suspensions`), or
        None when it may be entered into (as far as the record goes)."""
        return self.suspensions(on).get(self._known(lot))

    @property
    def suspended(self) -> list[str]:
        """The lots whose contract must not be entered into on the day the decision was made."""
        return list(self.suspensions())

    def suspension_texts(self, on: dt.date | None = None) -> list[str]:
        """Each suspension on the day ``on`` in a sentence, once for the lots it covers: "The
        contract for lot ASH must not be entered into: proceedings against the award notified
        on 16 December 2026 (Procurement Act 2023 s.101), until …"."""
        return [s.text for s in dict.fromkeys(self.suspensions(on).values())]

    def waiting(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot whose award waits on a tender that could still win it (``lot``
        only, if given; a UsageError for a lot the tender does not have): one not yet
        evaluated, or one invalid for an error not yet put right; or a score not yet moderated
        that could change the ranking. Every output that proposes an award says so beside it."""
        return [*self.not_evaluated(lot), *self.not_moderated(lot), *self.errors_waited_on(lot)]

    def errors_waited_on(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot with a tender invalid for an error in the inputs not yet
        put right or recorded as rejected (``lot`` only, if given: a UsageError when the tender
        has no such lot)."""
        said = []
        choosing = set(self.returns_to_choose)
        for at, tenders in self._by_lot("not_put_right", lot):
            names = [supplier for (supplier,) in tenders]
            # A supplier's two bid returns are settled as their error says; the others may
            # be rejected.
            rejectable = [name for name in names if (at, name) not in choosing]
            chosen = [name for name in names if (at, name) in choosing]
            if rejectable:
                said.append((at, _waited_on(rejectable, rejectable=True)))
            if chosen:
                said.append((at, _waited_on(chosen, rejectable=False)))
        return said

    def not_waited_on(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot with errors not yet put right that the award does not wait
        on, as they cannot change it (``lot`` only, if given): the in-house comparator's own,
        and those in the return of a tender disqualified whatever they are put right to.
        Every output that proposes an award says so beside it."""
        return [*self.comparator_not_put_right(lot), *self.disqualified_not_put_right(lot)]

    def disqualified_not_put_right(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each tender disqualified on its evaluators' scores whose own bid
        return has errors not yet put right (``lot`` only, if given: a UsageError when the
        tender has no such lot): said beside the award, which does not wait on them."""
        return self._not_put_right(
            "disqualified_errors",
            lot,
            lambda supplier, errors, them, are: (
                f"{supplier}'s tender is disqualified on its evaluators' scores, and "
                f"has {errors} not yet put right; the award does not wait on {them}, as the "
                f"tender is disqualified whatever {are} put right to"
            ),
        )

    def comparator_not_put_right(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot whose in-house comparator has errors in the inputs not yet
        put right (``lot`` only, if given: a UsageError when the tender has no such lot): said
        beside the award as the comparator's, which the award does not wait on."""
        return self._not_put_right(
            "comparator_errors",
            lot,
            lambda supplier, errors, them, are: (
                f"the in-house comparator, {supplier}, has {errors} not yet put right; the "
                f"award does not wait on {them}, as the comparator is the buyer's own team, "
                f"never ranked or awarded, and sets no tender's score, but its scores are not "
                f"complete until {are} put right and the folder is scored again"
            ),
        )

    def _not_put_right(
        self, field_name: str, lot: str | None, sentence: Callable[[str, str, str, str], str]
    ) -> list[tuple[str, str]]:
        """(lot, why) for each tender of ``field_name`` (comparator_errors,
        disqualified_errors) whose errors the award does not wait on: ``sentence`` given the
        supplier, its errors in words ("2 errors in bids/x.xlsx") and the pronouns for them."""
        said = []
        for at, tenders in self._by_lot(field_name, lot):
            for supplier, files in tenders:
                count = sum(n for _, n in files)
                them, are = ("them", "they are") if count > 1 else ("it", "it is")
                errors = f"{_errors(count)}{_in_files(files)}"
                said.append((at, sentence(supplier, errors, them, are)))
        return said

    def not_evaluated(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot with a tender not yet evaluated (``lot`` only, if given):
        no award may go out while it could still win, whichever tender is ranked first now.
        One sentence a lot: a tender folder scored before its score sheets are in has every
        tender unscored. A ``lot`` the tender does not have is a UsageError naming its lots."""
        said = []
        for at, tenders in self._by_lot("unscored", lot):
            if len(tenders) == 1:
                ((supplier, questions),) = tenders
                who = f"{supplier}'s tender has no usable score for {listed(questions)}"
                subject, whose, them = "it is", "its", "it"
            else:
                names = [supplier for supplier, _ in tenders]
                who = (
                    f"{counted(len(tenders), 'tender')} have no usable score for a question "
                    f"({listed(_named_first(names))})"
                )
                subject, whose, them = "they are", "their", "them"
            said.append(
                (
                    at,
                    f"the evaluation is not complete: {who} (no evaluator's score counted and "
                    f"no consensus), so {subject} not ranked; {whose} evaluators score {them}, "
                    "or the panel records a consensus, and the tender is scored again",
                )
            )
        return said

    def not_moderated(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot with an assessed tender whose evaluators' scores for a
        question are far apart with no consensus recorded (``lot`` only, if given; a
        UsageError for a lot the tender does not have): the discrepancy is flagged for
        moderation, and until the panel records its consensus the score used is not final,
        so neither is the ranking. One sentence a lot, naming each tender and its questions."""
        said = []
        for at, tenders in self._by_lot("unmoderated", lot):
            if len(tenders) == 1:
                ((supplier, questions),) = tenders
                several = len(questions) > 1
                who = (
                    f"the evaluators' scores for {supplier}'s {_questions(questions)} are far "
                    f"apart and no consensus is recorded (a discrepancy flagged for moderation)"
                )
            else:
                several = True
                named = [f"{supplier} ({_questions(questions)})" for supplier, questions in tenders]
                who = (
                    f"the evaluators' scores are far apart and no consensus is recorded for "
                    f"{counted(len(tenders), 'tender')} (a discrepancy flagged for moderation: "
                    f"{listed(_named_first(named))})"
                )
            said.append(
                (
                    at,
                    f"the evaluation is not complete: {who}, so "
                    f"{'those scores are' if several else 'that score is'} not final, and nor "
                    "is the ranking; the panel moderates and records a consensus score with its "
                    "reason in the moderation workbook, and the folder is scored again",
                )
            )
        return said

    def not_explained(self, lot: str | None = None) -> list[tuple[str, str]]:
        """(lot, why) for each lot with an assessed tender scored on a question with no
        explanation to give beside the score (``lot`` only, if given; a UsageError for a lot
        the tender does not have): the assessment summaries show every score with its
        explanation, so they are not to be sent until one is recorded. One evaluator's reason
        left blank beside another's is explanation enough (a warning only)."""
        said = []
        for at, tenders in self._by_lot("unexplained", lot):
            if len(tenders) == 1:
                ((supplier, questions),) = tenders
                several = len(questions) > 1
                who = (
                    f"{supplier}'s score{'s' if several else ''} for "
                    f"{_questions(questions)} {'have' if several else 'has'} no explanation"
                )
            else:
                several = True
                named = [f"{supplier} ({_questions(questions)})" for supplier, questions in tenders]
                who = (
                    f"{counted(len(tenders), 'tender')} have a score with no explanation "
                    f"({listed(_named_first(named))})"
                )
            said.append(
                (
                    at,
                    f"{who}: neither a consensus reason nor, with no consensus recorded, a "
                    "reason from an evaluator whose score counted; the "
                    f"{terms(self.regime).summaries} are not to be sent yet, as they would show "
                    f"{'those scores' if several else 'that score'} unexplained: the "
                    "evaluators add their reasons in the score sheets, or the panel records a "
                    "consensus with its reason in the moderation workbook, and the folder is "
                    "scored again",
                )
            )
        return said

    @property
    def held_back(self) -> str | None:
        """Why no proposed award may be made yet whoever it names, or None: the plan the bids
        were scored on has errors, the inputs or the buyer's record have errors not yet put
        right (an input error recorded as a tender's rejection is settled), or the results
        are for exploring only. Every output that proposes an award says so beside it."""
        if self.explored:
            return (
                "not to be made: these results come from a tender or a result changed in "
                "Python, for exploring only"
            )
        if not self.plan_errors:
            # A record in error was not applied as meant: a withdrawal naming nobody leaves
            # the withdrawn tender ranked, and it could be the one proposed.
            recorded = len(self.record_errors) + sum(1 for p in self.problems if p.is_error)
            if self.input_errors or recorded:
                # The award waits on them (blockers): put right, they could change it.
                where = [
                    *(
                        [f"the inputs have {_errors(self.input_errors)}"]
                        if self.input_errors
                        else []
                    ),
                    *([f"{self._record_file()} has {_errors(recorded)}"] if recorded else []),
                ]
                them = "them" if self.input_errors + recorded > 1 else "it"
                if not recorded and self.answerable_errors == self.input_errors:
                    return (
                        f"not to be made yet: {where[0]} not yet settled, in details that "
                        f"are not scored (the supplier's answer, recorded as a clarification, "
                        f"settles {them})"
                    )
                return (
                    f"not to be made yet: {' and '.join(where)} not yet put right (putting "
                    f"{them} right could change the award)"
                )
            return None
        if self.notice_differences:
            where = " and ".join(HELD_BACK[kind] for kind in self._differs_in())
            return (
                f"not to be made yet: the plan ({PLAN_FILE}) differs from the published "
                f"notice ({NOTICE_FILE}) in {where}"
            )
        return f"not to be made yet: the plan ({PLAN_FILE}) has {_errors(self.plan_errors)}"

    def _record_file(self) -> str:
        """The file of the buyer's record, as its errors name it."""
        files = [p.file for p in (*self.record_errors, *self.problems) if p.is_error and p.file]
        return files[0] if files else DECISIONS_FILE

    def _differs_in(self) -> list[str]:
        """What the differences are in, in the order an officer reads them (criteria last:
        its words run on)."""
        kinds = {_what_differs(p) for p in self.notice_differences}
        return [kind for kind in HELD_BACK if kind in kinds]

    def _notice_blocker(self) -> str:
        """What differs from the notice (each thing, its key in the plan, both figures), and
        what to do: the notice binds the buyer, so the plan is changed to match it."""
        from tendereval.ocds.check import in_brief

        count = len(self.notice_differences)
        places = "; ".join(in_brief(p) for p in self.notice_differences)
        kinds = self._differs_in()
        said = terms(self.regime)
        law = {"cap": said.cap_law, "criteria": said.criteria_law}
        rules = " ".join(BOUND_BY[kind].format(**law) for kind in kinds if BOUND_BY[kind])
        # A lot ended by the notice is settled by the buyer's record, not by changing the plan.
        remedy = (
            f"Change {PLAN_FILE} to match {NOTICE_FILE}"
            if set(kinds) - set(ENDED_KINDS)
            else "Record each such lot in decisions.toml as not to be awarded ([[no_award]])"
        )
        return (
            f"The plan ({PLAN_FILE}) differs from the published notice ({NOTICE_FILE}) in "
            f"{count} place{'s' if count > 1 else ''}, so no award may be made on it yet: "
            f"{places}. {rules + ' ' if rules else ''}{remedy}, then score again."
        )

    @property
    def summaries_ready(self) -> bool:
        return not self.blockers

    @cached_property
    def sent_against_award(self) -> SentAgainstAward:
        """The summaries recorded as sent compared with those this award gives, supplier by
        supplier (report/summaries.sent_against_award): nothing while no day is recorded, or
        the day is still to come."""
        from tendereval.report.summaries import SentAgainstAward

        sent_on = self.standstill.summaries_sent_on
        if self.sent_check is None or sent_on is None or self._sent_state() == "to_be_sent":
            return SentAgainstAward()
        return self.sent_check(sent_on)

    @property
    def sent_replaced(self) -> tuple[Path, ...]:
        """The summaries sent, kept in superseded/, that this award's replaced since."""
        return self.sent_against_award.replaced

    @property
    def summaries_sent(self) -> str | None:
        """What became of the summaries ``decisions.toml`` records as sent
        (``[standstill] summaries_sent_on``), judged against this award, one of
        :data:`SENT_STATES`: None when it records no day; ``to_be_sent`` while the day is
        still to come; ``out_of_date`` when summaries in the folder differ from this award and
        none sent is like it (the award changed since: run ``summaries``); ``replaced`` when
        ``summaries`` has since replaced some of those sent by this award's (the new ones
        are to be sent, and ``publish`` waits for their day); ``unchecked`` when a folder
        they may have been sent from (report/summaries_written.sent_candidates) holds none
        to compare with this award, so nothing says they stand; else ``sent`` (the summaries
        sent give this award, even if the folder holds others:
        :attr:`SentAgainstAward.not_in_place`). The verdict, the JSON, ``summaries`` and
        ``publish`` all read it here."""
        state = self._sent_state()
        if state != "sent":
            return state
        found = self.sent_against_award
        if found.unchecked:
            return "unchecked"
        if found.out_of_date:
            return "out_of_date"
        return "replaced" if found.replaced else "sent"

    def _sent_state(self) -> str | None:
        sent = self.standstill.summaries_sent_on
        if sent is None:
            return None
        if self.made_on is not None and sent > self.made_on:
            return "to_be_sent"
        return "sent"

    def verdict(self, listed: int | None = 1) -> list[str]:
        """The award in a sentence (how many lots are proposed for award, and why each other
        lot is not), then whether the assessment summaries may be sent or what must be settled
        first: the first ``listed`` :attr:`blockers`, each a line (every one when None), and
        how many more. ``score`` and ``summaries`` end with it."""
        from tendereval.award.verdict import verdict

        return verdict(self, listed)

    @property
    def price_not_explained(self) -> list[Problem]:
        """Under PCR 2015, the warnings on each proposed tender whose price is flagged as
        abnormally low with no explanation recorded (reg 69(1)): ``summaries`` and ``publish``
        repeat them, as ``score`` lists them with the others."""
        return [p for p in self.problems if p.code == PRICE_NOT_EXPLAINED]

    @property
    def dated_after_the_run(self) -> list[Problem]:
        """The warnings on each record in decisions.toml dated after the day the tender was
        scored (a year typed wrong, most likely): ``summaries`` repeats them, as ``score``
        lists them with the others, for the dates go out in the summaries."""
        return [p for p in self.problems if p.code == DATED_AFTER_THE_RUN]

    @property
    def contract_to_award(self) -> bool:
        """Whether any lot is awarded, or may yet be (undecided): else no contract follows the
        evaluation, and no standstill period runs before one."""
        return any(award.outcome != NO_AWARD for award in self.lots.values())

    @property
    def nothing_awarded(self) -> bool:
        """Whether the procurement ends with no contract: no lot is awarded (each decided not
        to be, or with no tender that could be), none waits on a tender that could still win
        it, and nothing holds the award back. Then there is no contract award notice and no
        standstill; :attr:`owed_instead` says what the buyer owes instead."""
        return (
            bool(self.lots)
            and not self.contract_to_award
            and not self.waiting()
            and self.held_back is None
        )

    @property
    def owed_instead(self) -> str:
        """What the buyer owes the suppliers and the public when :attr:`nothing_awarded`, under
        the plan's regime, in a sentence."""
        return NOTHING_AWARDED.get(self.regime, NOTHING_AWARDED["PA2023"])

    def _standstill_blocker(self) -> list[str]:
        """Under PCR 2015 the summaries are the award decision notices, which must state
        precisely when the standstill period is expected to end (reg 86(2)(d)): none may go out
        until decisions.toml records the end. Under the Procurement Act the standstill follows
        the contract award notice (s.51), and the assessment summary does not give it."""
        if self.regime != "PCR2015" or not self.contract_to_award:
            return []
        if self.standstill.ends_on:
            return self._notices_to_send_again()
        return [
            f"{DECISIONS_FILE} › standstill.ends_on: the summaries are the award decision "
            "notices (PCR 2015 reg 86), which must state precisely when the standstill period "
            "is expected to end (reg 86(2)(d)), and no end is recorded. Record it as "
            "[standstill] ends_on (with summaries_sent_on, the day the notices are to be sent, "
            "and starts_on), then write the summaries again."
        ]

    def _notices_to_send_again(self) -> list[str]:
        """Under PCR 2015, award decision notices sent that no longer give this award (a
        winner withdrawn since): the new ones start the standstill again (reg 87) and must
        state when it ends (reg 86(2)(d)), so the day they go, and the end counted from it,
        are recorded before they are written, as for the first (docs/award.md). Written while
        the day of those sent is recorded, they stated that sending's end (11 December, for
        notices sent on 1 December), and were filed as sent that day once sent."""
        from tendereval.award.working_days import pcr_standstill_ends
        from tendereval.wording import in_words

        sent, ends = self.standstill.summaries_sent_on, self.standstill.ends_on
        if sent is None or ends is None:
            return []
        if self.summaries_sent not in ("out_of_date", "replaced"):
            return self._end_of_those_sent_again(sent, ends)
        found = self.sent_against_award
        differ = len(found.out_of_date) + len(found.replaced)
        today = self.made_on or sent
        earliest = pcr_standstill_ends(max(today, sent))[0]
        same_day = (
            f" (sent on {in_words(sent)} too, give the time they go as well, as "
            f"{sent.isoformat()}T16:00:00: those sent earlier that day are told from them by it)"
            if sent >= today
            else ""
        )
        return [
            f"{DECISIONS_FILE} › standstill.summaries_sent_on: the award decision notices sent "
            f"on {in_words(sent)} no longer give this award for {counted(differ, 'supplier')}, "
            "so new ones are to be sent; the standstill period starts again with their sending "
            "(PCR 2015 reg 87), and each must state when it is expected to end (reg 86(2)(d)). "
            "Record the day the new notices are to be sent as [standstill] summaries_sent_on"
            f"{same_day} and the end counted from it as ends_on (no earlier than "
            f"{in_words(earliest)} for notices sent on {in_words(max(today, sent))}), with "
            "starts_on, then write the summaries again."
        ]

    def _end_of_those_sent_again(self, sent: dt.date, ends: dt.date) -> list[str]:
        """Under PCR 2015, notices recorded as sent on a day after others kept as sent (a
        winner withdrawn) with the end recorded for those: shorter than reg 87 allows counted
        from the new sending, it is the old one (11 December for notices sent again on 7
        December, 17 December at the earliest), and the new notices would state it."""
        from tendereval.award.working_days import pcr_standstill_ends
        from tendereval.wording import in_words

        earliest = pcr_standstill_ends(sent)[0]
        if ends >= earliest or self.summaries_sent != "sent":
            return []
        earlier = self.sent_against_award.sent_earlier
        if earlier is None:
            return []
        return [
            f"{DECISIONS_FILE} › standstill.ends_on: the award decision notices sent on "
            f"{in_words(sent)} replace those sent on {in_words(earlier)}, and the standstill "
            "period starts again with their sending (PCR 2015 reg 87), so the end recorded, "
            f"{in_words(ends)}, is that of those sent before: it is to be no earlier than "
            f"{in_words(earliest)}. Record the end counted from their sending as ends_on (and "
            "starts_on), then write the summaries again."
        ]

    @property
    def standstill_before_sending(self) -> str:
        """The standstill period recorded as starting or ending before the day the summaries
        are recorded as sent: the period of summaries sent earlier (sent again since, a winner
        withdrawn), never this award's, whose standstill starts again after they are sent
        (Procurement Act 2023 s.51: with the contract award notice that follows them; PCR 2015
        reg 87: with their sending). ``publish`` is held back by it, and the verdict says it.
        "" when there is none."""
        from tendereval.wording import in_words

        standstill, sent = self.standstill, self.standstill.summaries_sent_on
        before = [
            f"{key} = {day}"
            for key, day in (("starts_on", standstill.starts_on), ("ends_on", standstill.ends_on))
            if sent is not None and day is not None and day < sent
        ]
        if not before:
            return ""
        counted_by = (
            "it runs from the sending of the award decision notices to the end of the tenth "
            "day after at the earliest (PCR 2015 reg 87), and the notices state its end"
            if self.regime == "PCR2015"
            else "it begins with the day the contract award notice is published (Procurement "
            "Act 2023 s.51): leave them out until then, and publish counts it from that day"
        )
        return (
            f"the standstill period recorded in {DECISIONS_FILE} ([standstill] "
            f"{', '.join(before)}) is before the {terms(self.regime).summaries} were sent, on "
            f"{in_words(sent)}: it is the period of summaries sent earlier, and cannot be this "
            "award's. Record the new standstill period in [standstill] (starts_on and ends_on; "
            f"{counted_by})."
        )

    @property
    def frame(self) -> pl.DataFrame:
        """One row per lot: lot, name, outcome, supplier, basis, reason, tied, passed_over."""
        return pl.DataFrame(
            [
                {
                    "lot": a.lot,
                    "name": a.name,
                    "outcome": a.outcome,
                    "supplier": a.supplier,
                    "basis": a.basis,
                    "reason": "; ".join(a.reasons),
                    "tied": list(a.tied),
                    "passed_over": list(a.passed_over),
                }
                for a in self.lots.values()
            ],
            schema={
                "lot": pl.String,
                "name": pl.String,
                "outcome": pl.String,
                "supplier": pl.String,
                "basis": pl.String,
                "reason": pl.String,
                "tied": pl.List(pl.String),
                "passed_over": pl.List(pl.String),
            },
        )

    def margin(self, results: pl.DataFrame, lot: str) -> float | None:
        """Points the proposed tender of ``lot`` is ahead of the next tender ranked at or below
        it (``None`` when the lot is not awarded or no other tender is ranked below it). For
        a lot awarded to the tender ranked first this is its margin over the runner-up; where
        the lot cap passed over higher-ranked tenders, the tenders it passed over do not
        count (nor does one it passed over tied with the proposed tender): the award's
        closeness is to the tender it would otherwise go to next. Nor does a tender ranked
        below it whose supplier already holds the cap when the lot is decided
        (``LotAward.holding_the_cap``): the lot would pass it over too. The margin is the one
        the ranking compares: totals to 4 decimal places (0 for a tie)."""
        return self.margins(results).get(lot)

    def margins(self, results: pl.DataFrame) -> dict[str, float | None]:
        """:meth:`margin` for every lot of the decision, the results read once (a report's
        Summary sheet gives every lot's: four polars calls a lot, one at a time)."""
        ranked: dict[str, list[tuple[str, Any, Any]]] = {}
        shown = results.filter(pl.col("status") == "ranked").select(
            "lot", "supplier", "rank", points_units(pl.col("total")).alias("units")
        )
        for lot, supplier, rank, units in shown.iter_rows():
            ranked.setdefault(lot, []).append((supplier, rank, units))
        found: dict[str, float | None] = {}
        for lot in self.lots:
            supplier = self.winner(lot)
            bids = ranked.get(lot, [])
            mine = next((bid for bid in bids if bid[0] == supplier), None)
            if supplier is None or mine is None or mine[1] is None or not _a_number(mine[2]):
                found[lot] = None
                continue
            # A tender the lot cap passed over is no runner-up, though tied with the winner;
            # nor one the cap would pass over were the winner not there.
            passed = self.lots[lot].passed_over + self.lots[lot].holding_the_cap
            below = [
                units
                for other, rank, units in bids
                if other != supplier
                and other not in passed
                and rank is not None
                and rank >= mine[1]
                and _a_number(units)
            ]
            # As the ranking compares totals (to 4 decimal places), as margin_to_next is.
            found[lot] = (mine[2] - max(below)) / POINT_UNITS if below else None
        return found

    def close_calls(self, results: pl.DataFrame) -> pl.DataFrame:
        """The awards closer than the plan's close-call margin, as flags (lot, supplier, code
        ``close_call``, message, severity): one for the proposed tender and one for each next
        tender ranked below it at the total :meth:`margin` measures to. The award decides
        which tenders are close, not the ranking: where the lot cap passes over the tender
        ranked first, its lead over the second is not the award's; nor is the lead over a
        tender below whose supplier already holds the cap, as the lot would pass it over."""
        from tendereval.award.cap import holders
        from tendereval.scoring.common import fmt

        # Every lot in one pass (a lot at a time cost a pass over the results each: 0.3 s of
        # a 1 s score with 300 lots). The same figures as :meth:`margin`: the proposed
        # tender's total and the best total ranked at or below it, each to 4 places.
        winners = pl.DataFrame(
            [(lot, self.winner(lot)) for lot in self.lots if self.winner(lot) is not None],
            schema={"lot": pl.String, "_winner": pl.String},
            orient="row",
        )
        ranked = (
            results.filter(pl.col("status") == "ranked")
            .select("lot", "supplier", "rank", units=points_units(pl.col("total")))
            .join(winners, on="lot")
        )
        mine = ranked.filter(pl.col("supplier") == pl.col("_winner")).select(
            "lot", _rank=pl.col("rank"), _units=pl.col("units")
        )
        # A tender the lot cap passed over is not the next one the lot would go to, though
        # tied with the proposed tender (same rank), nor is one below whose supplier holds
        # the cap already: leave them out, as :meth:`margin` does.
        passed = pl.DataFrame(
            [
                (lot, s)
                for lot, award in self.lots.items()
                for s in award.passed_over + award.holding_the_cap
            ],
            schema={"lot": pl.String, "supplier": pl.String},
            orient="row",
        )
        below = (
            ranked.join(mine, on="lot")
            .join(passed, on=["lot", "supplier"], how="anti")
            .filter((pl.col("supplier") != pl.col("_winner")) & (pl.col("rank") >= pl.col("_rank")))
        )
        following = below.filter(pl.col("units") == pl.col("units").max().over("lot"))
        apart_by_lot = {
            lot: (ahead - behind) / POINT_UNITS
            for lot, ahead, behind in following.group_by("lot")
            .agg(pl.col("_units").first(), pl.col("units").first())
            .iter_rows()
        }
        next_by_lot: dict[str, list[str]] = {}
        for lot, supplier in following.select("lot", "supplier").iter_rows():
            next_by_lot.setdefault(lot, []).append(supplier)
        between = self._holding_between(ranked, mine, following)
        rows = []
        for lot, award in self.lots.items():
            margin = apart_by_lot.get(lot)
            if margin is None or margin >= self.close_call_margin:
                continue
            # As the margin's cell shows it (Summary, Ranking: 0.0000), noughts and all.
            apart = figure(margin, POINT_DECIMALS, every_place=True)
            within = f"within the close-call margin of {fmt(self.close_call_margin)}"
            if lot in between:
                proposed = "proposed under the lot cap" if award.passed_over else "ranked first"
                message = (
                    f"the tender {proposed} and the next tender the lot would go to are {apart} "
                    f"points apart, {within} (the lot cap passes over the tenders ranked "
                    f"between them: {holders(between[lot], self.cap.limit or 0)})"
                )
            elif award.passed_over:
                message = (
                    f"the tender proposed under the lot cap and the next tender ranked below "
                    f"it are {apart} points apart, {within}"
                )
            else:
                message = f"first and second are {apart} points apart, {within}"
            rows += [
                {"lot": lot, "supplier": supplier, "code": "close_call", "message": message}
                for supplier in (award.supplier, *sorted(next_by_lot[lot]))
            ]
        return award_flags(rows)

    def _holding_between(
        self, ranked: pl.DataFrame, mine: pl.DataFrame, following: pl.DataFrame
    ) -> dict[str, list[str]]:
        """For :meth:`close_calls`: each lot's tenders ranked between the proposed tender and
        the next one the lot would go to, whose suppliers already hold the lot cap."""
        held = [(lot, s) for lot, award in self.lots.items() for s in award.holding_the_cap]
        if not held:
            return {}
        between = (
            ranked.join(mine, on="lot")
            .join(
                pl.DataFrame(held, schema={"lot": pl.String, "supplier": pl.String}, orient="row"),
                on=["lot", "supplier"],
                how="semi",
            )
            .join(following.group_by("lot").agg(_next=pl.col("units").first()), on="lot")
            .filter((pl.col("rank") >= pl.col("_rank")) & (pl.col("units") > pl.col("_next")))
            .sort("lot", "rank", "supplier")
        )
        found: dict[str, list[str]] = {}
        for lot, supplier in between.select("lot", "supplier").iter_rows():
            found.setdefault(lot, []).append(supplier)
        return found

    def bid_outcomes(self, results: pl.DataFrame) -> pl.DataFrame:
        """``results`` (one row per bid and lot) with ``award``: ``awarded`` (the proposed
        supplier), ``undecided`` (one of the bids the undecided lot may go to),
        ``passed_over`` (ranked higher than the proposed supplier, passed over by the lot cap),
        ``comparator`` (the buyer's own in-house team's return: no tender, never awarded) or
        ``not_awarded``."""
        lots = self.frame.select(
            "lot",
            pl.col("outcome").alias("lot_outcome"),
            pl.col("supplier").alias("proposed"),
            "tied",
            "passed_over",
        )
        if not isinstance(results, pl.DataFrame) or not {"lot", "supplier", "status"} <= set(
            results.columns
        ):
            raise UsageError(
                "bid_outcomes needs the results frame (result.results), with its lot, "
                f"supplier and status columns, not {_described(results)}"
            )
        self._lots_of_this_tender(results)
        joined = results.join(lots, on="lot", how="left")
        return joined.with_columns(
            # The proposed supplier's ranked tender: not a return of its supplier replaced.
            award=pl.when(
                (pl.col("lot_outcome") == AWARDED)
                & (pl.col("supplier") == pl.col("proposed"))
                & (pl.col("status") == "ranked")
            )
            .then(pl.lit(AWARDED))
            .when(
                (pl.col("lot_outcome") == UNDECIDED)
                & (pl.col("status") == "ranked")
                & (
                    (pl.col("tied").list.len() == 0)
                    | pl.col("tied").list.contains(pl.col("supplier"))
                )
            )
            .then(pl.lit(UNDECIDED))
            .when(pl.col("passed_over").list.contains(pl.col("supplier")))
            .then(pl.lit("passed_over"))
            .when(pl.col("status") == "comparator")
            .then(pl.lit("comparator"))
            .otherwise(pl.lit("not_awarded"))
        ).drop("lot_outcome", "proposed", "tied", "passed_over")

    def _lots_of_this_tender(self, results: pl.DataFrame) -> None:
        """A UsageError when ``results`` holds lots this award does not have: another
        tender's results had every bid marked ``not_awarded``, its winners too. (A bid placed
        in no lot, a file that could not be read, has none.)"""
        given = results.get_column("lot").drop_nulls().unique().sort().to_list()
        other = [lot for lot in given if lot not in self.lots]
        if other:
            raise UsageError(
                f"bid_outcomes needs this tender's results: {listed(other[:5])}"
                f"{' …' if len(other) > 5 else ''} {'is' if len(other) == 1 else 'are'} not "
                f"lots of it; its lots are {', '.join(self.lots)}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "lots": [award.to_dict() for award in self.lots.values()],
            "lot_cap": self.cap.to_dict(),
            "held_back": self.held_back,
            "summaries_ready": self.summaries_ready,
            "nothing_awarded": self.nothing_awarded,
            "blockers": self.blockers,
            "summaries_sent": self._summaries_sent_dict(),
            "rejected": [
                {
                    "supplier": r.supplier,
                    "lot": r.lot,
                    "decided_on": r.decided_on or None,
                    "ground": r.ground,
                }
                # The bid return, when the record names its file.
                | ({"file": r.file} if r.file else {})
                for r in self.rejected
            ],
            "withdrawn": [
                {"supplier": w.supplier, "lot": w.lot, "withdrawn_on": w.withdrawn_on}
                # The bid return, when the record names its file.
                | ({"file": w.file} if w.file else {})
                for w in self.withdrawn
            ],
            "unscored": [
                {"lot": lot, "supplier": supplier, "questions": list(questions)}
                for lot, supplier, questions in self.unscored
            ],
            "not_put_right": [
                {"lot": lot, "supplier": supplier} for lot, supplier in self.not_put_right
            ],
            "unexplained": [
                {"lot": lot, "supplier": supplier, "questions": list(questions)}
                for lot, supplier, questions in self.unexplained
            ],
            "unmoderated": [
                {"lot": lot, "supplier": supplier, "questions": list(questions)}
                for lot, supplier, questions in self.unmoderated
            ],
            "comparator_errors": [
                {"lot": lot, "supplier": supplier, "files": dict(files)}
                for lot, supplier, files in self.comparator_errors
            ],
            "disqualified_errors": [
                {"lot": lot, "supplier": supplier, "files": dict(files)}
                for lot, supplier, files in self.disqualified_errors
            ],
            # (The time the summaries were sent only when recorded: summaries_sent_at; and so
            # an exemption from the Act's standstill, in the buyer's words.)
            "standstill": {
                name: (value.isoformat() if isinstance(value, dt.date) else value or None)
                for name, value in vars(self.standstill).items()
                if value or name not in ("summaries_sent_at", "exemption")
            },
            "suspended": [
                {
                    "lot": lot,
                    "notified_on": s.challenge.notified_on,
                    "where": s.challenge.where or None,
                    "text": s.text,
                }
                for lot, s in self.suspensions().items()
            ],
            "problems": [p.to_dict() for p in self.problems],
        }

    def _summaries_sent_dict(self) -> dict[str, Any] | None:
        """The day recorded as the summaries' sent on, what became of them
        (:attr:`summaries_sent`) and the summaries sent that were replaced since, by name."""
        state, sent = self.summaries_sent, self.standstill.summaries_sent_on
        if state is None or sent is None:
            return None
        found = self.sent_against_award
        return {
            "on": sent.isoformat(),
            "state": state,
            "replaced": [path.name for path in found.replaced],
            "out_of_date": list(found.out_of_date),
            "not_in_place": list(found.not_in_place),
            "looked_in": str(found.looked_in) if found.looked_in else None,
        }


# What may become of the summaries recorded as sent (AwardDecision.summaries_sent).
SENT_STATES = ("to_be_sent", "sent", "out_of_date", "replaced", "unchecked")


def sent_check(
    result: ScoreResult, folder: Path | None = None
) -> Callable[[dt.date], SentAgainstAward]:
    """What the award decision asks, when first read, to compare the summaries recorded as
    sent with those it gives: report/summaries.sent_against_award for ``folder`` (default:
    every folder ``summaries`` wrote them to by the day sent,
    report/summaries_written.sent_candidates)."""

    def check(sent_on: dt.date) -> SentAgainstAward:
        from tendereval.report.summaries import sent_against_award

        return sent_against_award(result, sent_on, folder)

    return check


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ladder:
    """A lot's ranked bids as places: each place the suppliers sharing that rank;
    ``level_with_first`` the suppliers below first place whose total equals first place's
    (as totals are compared), placed below by the plan's tie-break."""

    lot: str
    places: tuple[tuple[str, ...], ...]
    level_with_first: tuple[str, ...] = ()
    # The lot's bids disqualified, invalid, withdrawn, and invalid as their returns could not
    # be read (counted when none is ranked).
    not_ranked: tuple[int, int, int, int] = (0, 0, 0, 0)
    # The tender's bid returns no lot could be read from, in a plan of several lots: in no
    # lot's count, but received (counted when none of this lot's is ranked).
    unplaced: int = 0

    @property
    def first(self) -> tuple[str, ...]:
        return self.places[0] if self.places else ()

    def nothing_ranked(self) -> tuple[str, ...]:
        """Why the lot has no award when none of its tenders is ranked, saying which case it
        is ("none was bid, or every bid was disqualified or invalid" left the reader to work
        it out from the counts; six bids all withdrawn read "no bid was received")."""
        kinds = [
            (n, several if n > 1 else one)
            for n, (several, one) in zip(self.not_ranked, NOT_RANKED_WORDS, strict=True)
            if n
        ]
        bids = sum(n for n, _ in kinds)
        unread = self.not_ranked[-1]
        if bids == 0 and self.unplaced:
            # Never "no bid was received" when returns were, and could not be read.
            how = (
                "no bid could be placed in it: "
                f"{counted(self.unplaced, 'bid return', 'bid returns')} received could not be "
                "read and could not be placed in any lot"
            )
        elif bids == 0:
            how = "no bid was received for it"
        elif unread == bids:
            returns = "its one bid return" if bids == 1 else f"its {bids:,} bid returns"
            how = f"no bid could be assessed, as {returns} could not be read"
        elif bids == 1:
            how = f"its one bid was {kinds[0][1]}"
        elif len(kinds) == 1:
            how = f"its {bids} bids were all {kinds[0][1]}"
        else:
            how = f"of its {bids} bids, " + listed(
                [f"{n} {'was' if n == 1 else 'were'} {word}" for n, word in kinds]
            )
        return (f"no tender in this lot could be ranked: {how}",)

    def nothing_to_award(self, name: str) -> LotAward:
        """The lot's outcome when none of its tenders is ranked: no award, and why. A lot
        with no bid of its own while returns came that no lot could be read from has not "no
        bids": its reason says so, and so do the verdict and the lot's heading."""
        unplaced = 0 if any(self.not_ranked) else self.unplaced
        return LotAward(
            self.lot,
            name,
            NO_AWARD,
            reasons=self.nothing_ranked(),
            no_bids=not any(self.not_ranked) and not unplaced,
            unplaced=unplaced,
        )


# The statuses of a lot's bids that could not be ranked (Ladder.not_ranked), in words.
# (for several bids, for one)
NOT_RANKED_WORDS = (
    ("disqualified", "disqualified"),
    ("invalid", "invalid"),
    ("withdrawn by their suppliers", "withdrawn by its supplier"),
    ("invalid as their returns could not be read", "invalid as its return could not be read"),
)


# The bases of an award that follows a recorded decision (a tie; a lot the cap left open).
RECORDED_BASES = ("tie_decision", "recorded")


class Recorded:
    """The buyer's recorded decisions, matched to suppliers by name as scoring matches them.

    :meth:`pick` is asked wherever the rules leave a choice; :meth:`check` then reports every
    record that the final award does not follow (it named a supplier the rules leave no room
    for, or a lot the rules decide otherwise)."""

    def __init__(self, decisions: Decisions):
        self.decisions = decisions
        self.consulted: dict[str, tuple[str, ...]] = {}

    def pick(self, lot: str, candidates: tuple[str, ...] | list[str]) -> RecordedAward | None:
        """The recorded award for ``lot`` when it names one of ``candidates`` (with the
        supplier's name as scoring spells it)."""
        record = self.decisions.for_lot(lot)
        if record is None:
            return None
        self.consulted[lot] = tuple(candidates)
        key = supplier_key(record.award_to)
        match = next((s for s in candidates if supplier_key(s) == key), None)
        return None if match is None else RecordedAward(**{**vars(record), "award_to": match})

    def preferred(self, lot: str, supplier: str) -> bool:
        record = self.decisions.for_lot(lot)
        return record is not None and supplier_key(record.award_to) == supplier_key(supplier)

    def check(self, lots: dict[str, LotAward]) -> list[Problem]:
        problems = []
        for record in self.decisions.standing_awards:
            award = lots.get(record.lot)
            if award is None:
                continue
            if award.supplier and supplier_key(award.supplier) == supplier_key(record.award_to):
                if not award.by_record:
                    problems.append(_not_needed(self.decisions, record, award.supplier))
                continue
            candidates = self.consulted.get(record.lot)
            if candidates:
                message = (
                    f"the decision for lot {record.lot} names a supplier the rules leave no "
                    "room for"
                )
                expected = "one of " + "; ".join(candidates)
            else:
                message = (
                    f"the plan's rules decide lot {record.lot} without a recorded decision, "
                    "and this one differs from them"
                )
                expected = (
                    f"no decision for lot {record.lot}, or one naming {award.supplier}"
                    if award.supplier
                    else f"no decision for lot {record.lot}"
                )
            problems.append(
                Problem(
                    message,
                    file=self.decisions.source,
                    cell=f"{record.where}.award_to",
                    found=record.award_to,
                    expected=expected,
                    code="decisions.does_not_fit",
                    lot=record.lot,
                )
            )
        return problems


NOT_NEEDED = "decisions.not_needed"


def _not_needed(decisions: Decisions, record: RecordedAward, supplier: str) -> Problem:
    """A warning that ``record`` decides nothing: the plan's rules give the lot to the same
    tender without it (no tie, no choice the cap leaves), so its reason (a tie drawn by lot,
    say) is not how the lot was decided. A score sheet corrected since the tie was drawn is
    the usual cause."""
    return Problem(
        f"the decision for lot {record.lot} is not needed: the plan's rules award the lot to "
        f"{supplier} without it (no tie, and no choice a lot cap leaves to the buyer), so it "
        "is not applied and its reason is not how the lot was decided",
        file=decisions.source,
        cell=f"{record.where}.award_to",
        found=record.award_to,
        expected=f"no decision for lot {record.lot} (if first place was tied when it was "
        "made, check the scores corrected since)",
        code=NOT_NEEDED,
        lot=record.lot,
        severity=Severity.WARNING,
    )


def recorded_text(record: RecordedAward) -> str:
    who = " by ".join(part for part in ("recorded", record.decided_by) if part)
    when = f" on {record.decided_on}" if record.decided_on else ""
    return f"the buyer's decision ({who}{when}): {record.reason}"


def ladders(result: Ranking) -> dict[str, Ladder]:
    """Every lot's ranked places, in the lots' order (the plan's, then any other)."""
    from tendereval.comparison import points_units

    ranked = (
        result.results.lazy()
        .filter(pl.col("status") == "ranked")
        .select("lot", "rank", "supplier", units=points_units(pl.col("total")))
        .sort("lot", "rank", "supplier")
    )
    # Each lot's places in rank order, each place's suppliers in order, gathered by polars:
    # a row per lot reaches Python, not a row per place (10,000 places: 16 -> 6 ms). The two
    # queries run as one: the award is decided again for each withdrawal that could move it,
    # and each query costs about 0.3 ms however small the tender.
    by_lot, level = pl.collect_all(
        [
            ranked.group_by("lot", "rank", maintain_order=True)
            .agg("supplier")
            .group_by("lot", maintain_order=True)
            .agg(places="supplier"),
            ranked.filter(
                (pl.col("rank") > 1)
                & (
                    pl.col("units")
                    == pl.col("units").filter(pl.col("rank") == 1).first().over("lot")
                )
            )
            .group_by("lot", maintain_order=True)
            .agg("supplier"),
        ]
    )
    places = {lot: [tuple(place) for place in every] for lot, every in by_lot.iter_rows()}
    levels = {lot: tuple(suppliers) for lot, suppliers in level.iter_rows()}
    # The bids that could not be ranked, counted for the lots with none ranked (what their
    # reason says; a pass over the results only when there are such lots).
    lots = result.lot_ids()
    none_ranked = [lot for lot in lots if lot not in places]
    not_ranked: dict[str, tuple[int, int, int, int]] = {}
    unplaced = 0
    if none_ranked:
        from tendereval.scoring.combine import UNREAD_OPENING

        unread = (pl.col("status") == "invalid") & pl.col("reasons").list.first().str.starts_with(
            UNREAD_OPENING
        ).fill_null(False)
        counts = (
            result.results.filter(pl.col("lot").is_in(none_ranked) & ~ANOTHER_RETURN)
            .group_by("lot")
            .agg(
                (pl.col("status") == "disqualified").sum().alias("disqualified"),
                ((pl.col("status") == "invalid") & ~unread).sum().alias("invalid"),
                (pl.col("status") == "withdrawn").sum().alias("withdrawn"),
                unread.sum().alias("unread"),
            )
        )
        not_ranked = {lot: (d, i, w, u) for lot, d, i, w, u in counts.iter_rows()}
        unplaced = result.results.filter(pl.col("lot").is_null()).height
    return {
        lot: Ladder(
            lot,
            tuple(places.get(lot, [])),
            levels.get(lot, ()),
            not_ranked.get(lot, (0, 0, 0, 0)),
            unplaced,
        )
        for lot in lots
    }


def settled_by_tie_break(
    lots: dict[str, LotAward], ladders: dict[str, Ladder], tie_rule: str, best: str
) -> dict[str, LotAward]:
    """The lots proposed to the tender ranked first where its total equals another's: the
    plan's tie-break placed it first, and the reason says so (never naming the others)."""
    out = dict(lots)
    for lot, award in lots.items():
        ladder = ladders.get(lot)
        if (
            ladder is None
            or not ladder.level_with_first
            or not award.awarded
            or award.basis != "ranked_first"
            or award.first != (award.supplier,)
        ):
            continue
        others = len(ladder.level_with_first)
        out[lot] = replace(
            award,
            reasons=(
                f"the {best}: ranked first by the plan's tie-break "
                f"({tie_rule}), its total equal to that of {others} other "
                f"tender{'s' if others > 1 else ''}",
            ),
            level=ladder.level_with_first,
        )
    return out


def first_place(
    ladder: Ladder, name: str, recorded: Recorded, tie_rule: str, best: str
) -> LotAward:
    """The award of a lot that no lot cap affects: the tender ranked first (the ``best``
    tender, as the regime calls it: regimes.Terms.best)."""
    first = ladder.first
    if not first:
        return ladder.nothing_to_award(name)
    if len(first) == 1:
        return LotAward(
            ladder.lot,
            name,
            AWARDED,
            first[0],
            "ranked_first",
            (f"the {best}: ranked first",),
            first=first,
        )
    record = recorded.pick(ladder.lot, first)
    level = (
        f"{len(first)} tenders tied for first place ({'; '.join(first)}) and the plan's "
        f"tie-break ({tie_rule}) does not separate them"
    )
    if record is not None:
        return LotAward(
            ladder.lot,
            name,
            AWARDED,
            record.award_to,
            "tie_decision",
            (f"{level}; awarded by {recorded_text(record)}",),
            tied=first,
            first=first,
        )
    return LotAward(
        ladder.lot,
        name,
        UNDECIDED,
        reasons=(
            f"{level}: the tie is not yet resolved; the buyer decides it under the rules it "
            "published and records the decision in decisions.toml",
        ),
        tied=first,
        first=first,
    )


def over_the_cap_by_record(
    lots: dict[str, LotAward], cap: CapOutcome, decisions: Decisions
) -> list[Problem]:
    """The rules never give a supplier more lots than the cap; recorded awards could."""
    if cap.limit is None:
        return []
    won: dict[str, list[str]] = {}
    for award in lots.values():
        if award.awarded and award.supplier:
            won.setdefault(award.supplier, []).append(award.lot)
    return [
        Problem(
            f"the award gives {supplier} {len(held)} lots ({', '.join(held)}), more than the "
            f"plan's cap of {cap.limit}",
            file=decisions.source,
            found=f"{len(held)} lots",
            expected=f"at most {counted(cap.limit, 'lot')} per supplier",
            code="decisions.over_the_cap",
        )
        for supplier, held in sorted(won.items())
        if len(held) > cap.limit
    ]


# Tenders named in a lot's "not complete" (or "not yet put right") sentence; the others are
# counted (every one is in the results with its reasons, and in the award's ``unscored`` or
# ``not_put_right``).
NAMED_UNSCORED = 5


def _waited_on(names: list[str], rejectable: bool) -> str:
    """Why the award waits on the tenders of ``names``, invalid for errors in the inputs not
    yet put right, and what else settles them: a rejection of the tender (``rejectable``), or,
    for a supplier's two bid returns, which of them stands, as their error says."""
    if len(names) == 1:
        who = f"{names[0]}'s tender is invalid for an error in the inputs not yet put right"
        they, them, its = "it", "it", "its"
    else:
        who = (
            f"{counted(len(names), 'tender')} are invalid for errors in the inputs not "
            f"yet put right ({listed(_named_first(names))})"
        )
        they, them, its = "they", "them", "their"
    until = (
        f"until the buyer records {them} as rejected in {DECISIONS_FILE} ([[rejection]])"
        if rejectable
        else award_waits_for_a_return(its)
    )
    return (
        f"{who}; {they} could win the lot once {its} errors are, so the award waits until "
        f"then, or {until}"
    )


def _named_first(names: list[str]) -> list[str]:
    """The first :data:`NAMED_UNSCORED` names, and a count of the others."""
    rest = len(names) - NAMED_UNSCORED
    return names[:NAMED_UNSCORED] + ([counted(rest, "other")] if rest > 0 else [])


def _questions(questions: tuple[str, ...]) -> str:
    """A tender's questions in a sentence: the first :data:`NAMED_UNSCORED`, then counted."""
    rest = len(questions) - NAMED_UNSCORED
    named = list(questions[:NAMED_UNSCORED])
    return listed(named + ([counted(rest, "other question")] if rest > 0 else []))


def _in_files(files: tuple[tuple[str, int], ...]) -> str:
    """ " in <file>" for errors in one file, " in <file> (2) and <file> (1)" for several (the
    first :data:`NAMED_UNSCORED`, then the others counted); "" when no file is known."""
    if not files:
        return ""
    if len(files) == 1:
        return f" in {files[0][0]}"
    named = [f"{file} ({count:,})" for file, count in files[:NAMED_UNSCORED]]
    rest = files[NAMED_UNSCORED:]
    if rest:
        others = sum(count for _, count in rest)
        named.append(f"{counted(len(rest), 'other file')} ({others:,})")
    return f" in {listed(named)}"


# The columns of ``result.results`` the award is made from (the ladders, the lot cap and its
# tie-break). ``ScoreResult.award`` compares these with the copy it kept to see whether the
# results have changed since: a column read here and missing from this list would let an edit
# to it go unseen (tests/test_api_edited_in_place.py decides from these columns alone).
DECIDED_FROM = (
    "lot",
    "supplier",
    "status",
    "reasons",
    "rank",
    "total",
    "evaluated_price",
    "quality_score",
    "social_value_score",
    # Which bid return an input error is in: whether it made a bid invalid, or is the in-house
    # comparator's alone.
    "source",
)


# The errors scoring gives a tender changed in Python after its files were read: its results
# are for exploring, and no award is made on them whoever they rank first.
EXPLORED = frozenset({"tender.changed_in_python", "plan.not_the_folders"})


def decide(result: ScoreResult, decisions: Decisions | None = None) -> AwardDecision:
    """The award decision for a scored tender, under its plan and the buyer's recorded
    ``decisions`` (default: those the result carries, from the tender folder).

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> result = tendereval.score("examples/carers-short-breaks", sensitivity=False)
        >>> tendereval.decide(result).winner("CSB")
        'Weald Carers Trust'
    """
    from tendereval.award.recorded import check_decisions
    from tendereval.ocds.formats import uk_today
    from tendereval.plan_lint import placeholders_left
    from tendereval.scoring.result import ScoreResult

    if not isinstance(result, ScoreResult):
        raise UsageError(
            f"decide needs a scored tender (what tendereval.score returns), not {result!r:.60}"
        )
    plan = result.plan
    unread: list[Problem] = []
    if decisions is None:
        decisions = result.decisions
    in_python = decisions is not result.decisions_as_scored()
    if in_python:
        # Given in Python (here, or set on the result since scoring: result.decisions = …),
        # checked as the file is, so the answer is the one decisions.toml would give. Those
        # scoring read were checked then, their problems among the result's.
        decisions, unread = check_decisions(
            decisions, plan.lot_ids, plan.regime, plan.approval.approved_on
        )
    recorded = Recorded(decisions)
    lots, cap = lot_awards(result, recorded)
    from tendereval.ocds import DIFFERS_IN

    errors = [p for p in result.problems if getattr(p, "is_error", False)]
    recorded_in = record_file(result.decisions)
    named_nobody = names_no_tender(
        decisions, result.results, (*decisions.price_explanations, *decisions.standing_awards)
    )
    to_the_comparator = awarded_to_the_comparator(decisions, result.results, lots)
    said = {p.cell for p in (*named_nobody, *to_the_comparator)}
    explored = tuple(p for p in errors if p.code in EXPLORED) + _edited_after_scoring(result)
    errors = [p for p in errors if p.code not in EXPLORED]
    # The errors of a tender the buyer records as rejected, or its supplier withdrew, hold
    # the award back no longer. A tender disqualified whatever the errors in its own return
    # are put right to may be rejected for them: the record (made while they held the award
    # back) confirms them still.
    in_error = frozenset(
        (supplier_key(s), lot) for lot, s, _ in _disqualified_errors(result.results, errors)
    )
    rejected, misapplied = rejected_tenders(result.results, decisions, in_error)
    withdrawn, unmatched = withdrawn_tenders(result.results, decisions)
    # A supplier's tenders set aside by records of different kinds (lot A rejected, lot B
    # withdrawn) set aside the whole bid as one kind does.
    set_aside = set_aside_together(result.results, rejected, withdrawn, in_error)
    # Nor do those of a tender in a lot not to be awarded, or one disqualified whatever they
    # are put right to.
    closed = errors_out_of_the_award(result.results, decisions)
    # An error at a score is the error of the tender scored, for what settles it.
    settled_as = (
        as_score_of(errors, result.evaluator_scores, result._consensus_cells)
        if errors and (decisions.withdrawals or decisions.rejections or decisions.no_awards)
        else errors
    )
    standing = [
        (p, scored)
        for p, scored in zip(errors, settled_as, strict=True)
        if not set_aside.settles(scored)
    ]
    out_of_it = [p for p, scored in standing if closed(scored)]
    errors = [p for p, scored in standing if not closed(scored)]
    unscored = not_yet_evaluated(result)
    waited_for = {(lot, supplier) for lot, supplier, _ in unscored}
    bid_errors = [p for p in errors if p.file not in (*PLAN_FILES, recorded_in)]
    # The in-house comparator's own errors can change no award: said as its, held apart.
    about = _the_comparators_alone(result.results, bid_errors)
    bid_errors = [p for p, tenders in about if not tenders]
    waited_on = tuple(
        (lot, supplier)
        for lot, supplier in invalid_tenders(result.results, bid_errors)
        if not decisions.no_award_for(lot)
        and (supplier_key(supplier), lot) not in rejected.tenders
        and (lot, supplier) not in waited_for
    )
    # Suppliers whose two bid returns for a lot wait on which one stands (in the consolidated
    # form a row given twice is deleted, and its error says so).
    choosing = returns_chosen_by_record(bid_errors)
    return AwardDecision(
        tender_id=plan.tender_id,
        lots=lots,
        placeholders=tuple(placeholders_left(plan)),
        cap=cap,
        standstill=decisions.standstill,
        decisions=decisions,
        decisions_in_python=in_python,
        record_warnings=tuple(p for p in unread if not p.is_error),
        problems=unread
        + misapplied
        + unmatched
        + named_nobody
        + to_the_comparator
        + comparator_set_aside(decisions, result.results)
        + _explained_unflagged(result, decisions, {cell.rsplit(".", 1)[0] for cell in said})
        + _not_scored(result, decisions)
        # A decision naming nobody who bid for its lot is said once, as validate says it.
        + [p for p in recorded.check(lots) if p.cell not in said]
        + over_the_cap_by_record(lots, cap, decisions)
        + _price_not_explained(result, decisions, lots)
        + excludable_elsewhere(decisions, lots)
        + dated_after_the_run(decisions, result)
        + challenge_problems(decisions, lots, plan.regime),
        input_errors=len(bid_errors),
        input_error_files=_files_of(bid_errors),
        invalidating_errors=sum(map(_makes_invalid(result.results), bid_errors)),
        answerable_errors=sum(answerable(p, frozenset(plan.lot_ids)) for p in bid_errors),
        unexplained=without_explanation(result),
        # A lot the buyer decided not to award waits on no moderation (as on no scoring).
        unmoderated=tuple(
            (lot, supplier, asked)
            for lot, supplier, asked in not_yet_moderated(result)
            if not decisions.no_award_for(lot)
        ),
        record_errors=tuple(p for p in errors if p.file == recorded_in),
        plan_errors=sum(1 for p in errors if p.file in PLAN_FILES),
        notice_differences=tuple(p for p in errors if p.code in DIFFERS_IN),
        close_call_margin=plan.close_call_margin,
        regime=plan.regime,
        explored=explored,
        # A tender the buyer rejects (one that came in late) or disregards (an excluded
        # supplier's) is not waited for: it will never be scored.
        unscored=tuple(
            (lot, supplier, asked)
            for lot, supplier, asked in unscored
            if not decisions.no_award_for(lot)
            and (supplier_key(supplier), lot) not in rejected.tenders
        ),
        not_put_right=waited_on,
        returns_to_choose=tuple(
            (lot, supplier) for lot, supplier in waited_on if supplier_key(supplier) in choosing
        ),
        rejected=rejected.records,
        withdrawn=withdrawn.records,
        bid_files=tuple(result.results.get_column("source").drop_nulls().unique().sort()),
        comparator_errors=_comparator_errors(about),
        made_on=uk_today(),
        sent_check=sent_check(result),
        disqualified_errors=tuple(
            (lot, supplier, files)
            for lot, supplier, files in _disqualified_errors(result.results, out_of_it)
            if not decisions.no_award_for(lot)
        ),
    )


def lot_awards(ranking: Ranking, recorded: Recorded) -> tuple[dict[str, LotAward], CapOutcome]:
    """Each lot's award from the ranking under the plan's rules (its tie-break, its lot cap
    and the cap's published mechanism) and the buyer's ``recorded`` decisions, and how the
    cap was applied: the award :func:`decide` proposes, before anything that holds it back.
    The rank-reversal check asks it again of the tender without one tender
    (:mod:`tendereval.award.reversal`), so both are the one decision."""
    from tendereval.award.cap import apply_cap

    plan, decisions = ranking.plan, recorded.decisions
    tie_rule = plan.tie_break_text() or "none"
    best = terms(plan.regime).best
    names = {lot.id: lot.name for lot in plan.lots}
    every = ladders(ranking)
    # A lot the buyer decided not to award is out of the award altogether: the lot cap and
    # its mechanism weigh only the lots awarded.
    by_lot = {lot: ladder for lot, ladder in every.items() if not decisions.no_award_for(lot)}
    lots = {
        lot: first_place(ladder, names.get(lot, lot), recorded, tie_rule, best)
        for lot, ladder in by_lot.items()
    }
    lots, cap = apply_cap(ranking, by_lot, lots, recorded)
    lots = settled_by_tie_break(lots, by_lot, tie_rule, best)
    lots = {
        lot: lots[lot] if lot in lots else not_awarded(ladder, names.get(lot, lot), decisions)
        for lot, ladder in every.items()
    }
    return lots, cap


def awarded_to_the_comparator(
    decisions: Decisions, results: pl.DataFrame, lots: Mapping[str, LotAward]
) -> list[Problem]:
    """An error for each decision ([[decision]]) giving its lot to the buyer's own in-house
    team, whose return there is the comparator, not a tender: a contracting authority cannot
    award a contract to itself (Procurement Act 2023 s.19 awards to a supplier). The decision
    is not applied (the comparator is never among the tenders a decision picks from), and
    the error holds the award back until the record is put right."""
    if not decisions.standing_awards:
        return []
    comparators = {
        (supplier_key(supplier), lot)
        for lot, supplier in results.filter(pl.col("status") == "comparator")
        .select("lot", "supplier")
        .iter_rows()
        if supplier is not None
    }
    problems = []
    for record in decisions.standing_awards:
        if (supplier_key(record.award_to), record.lot) not in comparators:
            continue
        proposed = lots[record.lot].supplier if record.lot in lots else None
        problems.append(
            Problem(
                f"the decision for lot {record.lot} awards it to the buyer's own in-house "
                "team, whose return is the comparator, not a tender: a contracting authority "
                "cannot award a contract to itself, so the decision was not applied",
                file=record_file(decisions),
                cell=f"{record.where}.award_to" if record.where else "decision.award_to",
                found=record.award_to,
                expected=f"a supplier with a tender for lot {record.lot}"
                + (f" (the plan's rules propose {proposed})" if proposed else "")
                + ", or no decision: the in-house team's return is scored only so the market "
                "can be compared with it",
                code="decisions.award_to_comparator",
                lot=record.lot,
            )
        )
    return problems


def _record_of(index: dict[str, list[Any]], supplier: str, lot: str | None) -> Any:
    """The first record in ``index`` for ``supplier``'s tender for ``lot`` (or every lot)."""
    return next((r for r in index.get(supplier_key(supplier), ()) if r.covers(lot)), None)


def _described(value: Any) -> str:
    """What was given instead of the results frame, in words (a frame is named by its columns,
    not printed)."""
    if isinstance(value, pl.DataFrame):
        return f"a frame of the columns {', '.join(value.columns) or '(none)'}"
    return type(value).__name__


def not_awarded(ladder: Ladder, name: str, decisions: Decisions) -> LotAward:
    """A lot the buyer decided not to award, whoever is ranked first in it."""
    record = decisions.no_award_for(ladder.lot)
    assert record is not None  # only asked for such a lot
    on = f" on {record.decided_on}" if record.decided_on else ""
    return LotAward(
        ladder.lot,
        name,
        NO_AWARD,
        basis="no_award",
        reasons=(
            f"the contracting authority decided{on} not to award this lot "
            f"({record.where or 'no_award'}): {record.reason}",
        ),
        first=ladder.first,
    )


def errors_out_of_the_award(
    results: pl.DataFrame, decisions: Decisions
) -> Callable[[Problem], bool]:
    """Whether an error can change no award, whatever it is put right to: every tender it is
    an error of (its supplier's in the lot it names; naming no lot, each of its supplier's;
    naming no supplier, each its bid return is) is in a lot the buyer decided not to award,
    or is disqualified in the results with the error in its own bid return. Scoring
    disqualifies a tender in error only when its disqualification reads its evaluators'
    scores alone and every error is in its return (scoring/combine.DISQUALIFIED_ANYWAY):
    put right, the tender is disqualified still, and a disqualified tender sets nobody
    else's price score. An error in a score sheet or the moderation, or naming the tender
    from any other file, is never one: it may change the score that disqualified it. Every
    command reads the award :func:`decide` makes, so this is the one place that says which
    errors hold it back no longer."""
    closed = {record.lot for record in decisions.no_awards}
    source = pl.col("source") if "source" in results.columns else pl.lit(None, pl.String)
    rows = results.filter(pl.col("supplier").is_not_null()).select(
        "lot", "supplier", "status", source.alias("source")
    )
    if not closed:
        # Only the tenders of a supplier, or in a bid return, with one disqualified can be
        # every tender an error is of (read once: a tender of thousands of bids).
        out = rows.filter(pl.col("status") == "disqualified")
        if out.is_empty():
            return lambda _problem: False
        wanted = {supplier_key(name) for name in out.get_column("supplier").unique()}
        names = [n for n in rows.get_column("supplier").unique() if supplier_key(n) in wanted]
        rows = rows.filter(
            pl.col("supplier").is_in(names)
            | pl.col("source").is_in(out.get_column("source").drop_nulls().implode())
        )
    keys: dict[str, str] = {}
    lots_of: dict[str, set[str | None]] = {}
    in_file: dict[str, set[tuple[str, str | None]]] = {}
    disqualified: set[tuple[str, str | None, str | None]] = set()
    for lot, supplier, status, file in rows.iter_rows():
        key = keys.get(supplier) or keys.setdefault(supplier, supplier_key(supplier))
        lots_of.setdefault(key, set()).add(lot)
        if file is not None:
            in_file.setdefault(file, set()).add((key, lot))
        if status == "disqualified" and file is not None:
            disqualified.add((key, lot, file))
    if not closed and not disqualified:
        return lambda _problem: False

    def out_of_the_award(problem: Problem) -> bool:
        if problem.lot in closed:
            return True
        if problem.supplier:
            key = supplier_key(problem.supplier)
            lots = {problem.lot} if problem.lot else lots_of.get(key, set())
            tenders = {(key, lot) for lot in lots}
        else:
            # One naming no supplier (a form field of the Organisation sheet) is an error of
            # every tender its bid return is; of none, when it is in no bid return.
            tenders = in_file.get(problem.file or "", set())
        return bool(tenders) and all(
            lot in closed or (key, lot, problem.file) in disqualified for key, lot in tenders
        )

    return out_of_the_award


def _explained_unflagged(
    result: ScoreResult, decisions: Decisions, said: set[str]
) -> list[Problem]:
    """A warning for each price explanation of a tender whose price is not flagged as
    abnormally low (a lot typed wrongly, or the plan's thresholds changed since): it changes
    nothing. One naming no tender is an error already (``said``: where each is recorded)."""
    if not decisions.price_explanations:
        return []
    flagged: dict[str, set[str]] = {}
    for supplier, lot, code in result.flags.select("supplier", "lot", "code").iter_rows():
        if supplier is not None and code.startswith("abnormally_low"):
            flagged.setdefault(supplier_key(supplier), set()).add(lot)
    return [
        Problem(
            "the price explanation names a tender whose price is not flagged as abnormally "
            "low, so it changes nothing",
            file=record_file(decisions),
            cell=f"{e.where}.supplier" if e.where else "price_explanation",
            found=e.supplier + (f", lot {e.lot}" if e.lot else ""),
            expected="a tender the evaluation flags as abnormally low (see its Flags sheet)",
            code="decisions.explanation_unflagged",
            severity=Severity.WARNING,
        )
        for e in decisions.price_explanations
        if e.where not in said
        and not any(e.covers(lot) for lot in flagged.get(supplier_key(e.supplier), ()))
    ]


PRICE_NOT_EXPLAINED = "decisions.price_not_explained"


def _price_not_explained(
    result: ScoreResult, decisions: Decisions, lots: dict[str, LotAward]
) -> list[Problem]:
    """Under PCR 2015, a warning for each tender proposed for a lot whose price is flagged as
    abnormally low with no explanation of it recorded ([[price_explanation]]): reg 69(1)
    requires the buyer to ask for one. A warning, not a hold: the flag is the plan's rule of
    thumb for a price that *appears* abnormally low, and the buyer may have asked without
    recording it. Under the Procurement Act (s.34) the supplier is asked only before its
    tender is disregarded, so nothing is said."""
    if result.plan.regime != "PCR2015":
        return []
    proposed = {(lot, award.supplier) for lot, award in lots.items() if award.awarded}
    flagged = (
        result.flags.filter(pl.col("code").str.starts_with("abnormally_low"))
        .select("lot", "supplier")
        .unique(maintain_order=True)
        .iter_rows()
    )
    return [
        Problem(
            f"{supplier}'s tender, proposed for lot {lot}, has a price flagged as abnormally "
            "low, and no explanation of it is recorded: the Public Contracts Regulations 2015 "
            "reg 69(1) require the contracting authority to ask the supplier to explain its "
            "price",
            file=record_file(decisions),
            cell="price_explanation",
            found="no [[price_explanation]] for it",
            expected="the supplier asked to explain its price before the award, recorded as a "
            "[[price_explanation]] (queried_on, accepted_on) once its explanation is "
            'accepted, or as a [[rejection]] with ground = "abnormally_low" if it is not',
            code=PRICE_NOT_EXPLAINED,
            severity=Severity.WARNING,
        )
        for lot, supplier in flagged
        if (lot, supplier) in proposed
        and not any(
            e.covers(lot) and supplier_key(e.supplier) == supplier_key(supplier)
            for e in decisions.price_explanations
        )
    ]


EXCLUDABLE_ELSEWHERE = "decisions.excludable_elsewhere"


def excludable_elsewhere(decisions: Decisions, lots: dict[str, LotAward]) -> list[Problem]:
    """A warning for each lot proposed to a supplier whose tender for another lot the buyer
    disregarded as an excludable supplier: the decision to exclude is about the supplier, in
    the procurement (Procurement Act 2023 s.57(2) and s.26(2)), so its award elsewhere is
    most likely an oversight. A warning, not a hold: the buyer may have decided so on
    purpose (an associated person relied on for that lot alone). An excluded supplier's
    rejection covers every lot already (award/recorded.py)."""
    excluded = {
        supplier_key(r.supplier): r
        for r in decisions.disregards
        if r.ground == "excludable_supplier" and r.lot is not None and not r.file
    }
    if not excluded:
        return []
    return [
        Problem(
            f"{award.supplier} is proposed for lot {lot}, but its tender for lot "
            f"{record.lot} was disregarded as an excludable supplier's: the decision to "
            "exclude a supplier is about the supplier, for the procurement",
            file=record_file(decisions),
            cell=f"{record.where}.lot" if record.where else "rejection",
            found=f'lot = "{record.lot}" with ground = "excludable_supplier"',
            expected="the rejection without a lot, to disregard every tender of the supplier "
            "(Procurement Act 2023 s.26(2), s.57(2)), or this lot awarded to it on purpose, "
            "with the reason on the evaluation record",
            code=EXCLUDABLE_ELSEWHERE,
            severity=Severity.WARNING,
        )
        for lot, award in lots.items()
        if award.awarded
        and award.supplier
        and (record := excluded.get(supplier_key(award.supplier))) is not None
        and record.lot != lot
    ]


DATED_AFTER_THE_RUN = "decisions.dated_after_the_run"


def dated_after_the_run(decisions: Decisions, result: ScoreResult) -> list[Problem]:
    """A warning for each date in ``decisions`` of something done (a decision taken, a
    withdrawal, a query answered) that is after the day the tender was scored, in the UK: not
    done yet, so most likely a year typed wrong (2062 for 2026). A warning, not an error: the
    award compares no recorded date with the day it is made (only with each other), so the
    record is applied as it stands; but the date goes out in the assessment summaries and
    the evaluation record. None for a result that does not say when it was scored."""
    from tendereval.ocds.formats import uk_date
    from tendereval.report.views import run_time

    scored_at = run_time(result)
    if scored_at is None:
        return []
    today = uk_date(scored_at.replace(tzinfo=dt.UTC)).isoformat()
    return [
        Problem(
            f"the {noun} is dated after the day the tender was scored, {today}: it records "
            "something not done yet (a year typed wrong?); it is applied as it stands",
            file=record_file(decisions),
            cell=f"{record.where or section}.{key}",
            found=f"{key} = {day}",
            expected=f"the day it was done, on or before {today}",
            code=DATED_AFTER_THE_RUN,
            severity=Severity.WARNING,
        )
        for kind, section, noun, keys in DATED
        for record in getattr(decisions, kind)
        for key in keys
        # (ISO dates, compared as text: "" is none recorded.)
        if (day := getattr(record, key)) and day > today
    ]


def _not_scored(result: ScoreResult, decisions: Decisions) -> list[Problem]:
    """An error when ``decisions`` (passed to :func:`decide`) withdraw or disregard other
    tenders than the result was scored with: those change the others' relative scores, so
    they are applied when scoring, never to a result afterwards."""
    scored = result.decisions_as_scored()

    def applied(records: Decisions) -> dict[tuple[str, ...], str]:
        """Each tender set aside when scoring, as what sets it aside → the supplier named."""
        return {
            **{
                ("withdrawal", supplier_key(w.supplier), w.lot or "", w.withdrawn_on): w.supplier
                for w in records.withdrawals
            },
            **{
                (
                    "rejection",
                    supplier_key(r.supplier),
                    r.lot or "",
                    r.ground or "",
                    r.reason,
                    r.decided_on,
                    r.queried_on,
                ): r.supplier
                # A rejection naming a bid file may set that return aside when scoring.
                for r in records.rejections
                if r.ground is not None or r.file
            },
        }

    given, used = applied(decisions), applied(scored)
    differ = given.keys() ^ used.keys()
    if not differ:
        return []
    names = sorted({{**used, **given}[key] for key in differ})
    return [
        Problem(
            "the decisions withdraw or disregard other tenders than the tender was scored "
            "with, so the scores do not reflect them",
            file=decisions.source or DECISIONS_FILE,
            cell=min(key[0] for key in differ),
            found=", ".join(names),
            expected="a withdrawal, or a rejection on a ground, recorded in decisions.toml "
            "before scoring (it changes the other tenders' relative scores): record it there "
            "and score the folder again",
            code="decisions.not_scored",
        )
    ]


def invalid_tenders(results: pl.DataFrame, errors: list[Problem]) -> list[tuple[str, str]]:
    """(lot, supplier) of each tender in a lot that ``errors`` make invalid, once each (a
    supplier's two bid returns for one lot are one tender), in the order the results list
    them. An error naming no lot makes every tender of its supplier invalid."""
    named = {(supplier_key(p.supplier), p.lot) for p in errors if p.supplier}
    if not named:
        return []
    invalid = (
        results.filter(
            (pl.col("status") == "invalid")
            & pl.col("lot").is_not_null()
            & pl.col("supplier").is_not_null()
        )
        .select("lot", "supplier")
        .unique(maintain_order=True)
        .rows()
    )
    return [
        (lot, supplier)
        for lot, supplier in invalid
        if {(supplier_key(supplier), lot), (supplier_key(supplier), None)} & named
    ]


def not_yet_evaluated(result: ScoreResult) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The tenders invalid only for want of a usable score (each reason is a question with
    none): a late bid the score sheets were made before, or one every evaluator declared a
    conflict with. A tender also invalid for an input error is not one: that error holds
    the award back already."""
    from tendereval.scoring.combine import UNSCORED_OPENING
    from tendereval.scoring.quality import NO_USABLE_SCORE

    results = result.results
    if "reasons" not in results.columns:
        return ()
    waiting = results.filter(
        (pl.col("status") == "invalid")
        & (pl.col("reasons").list.len() > 0)
        & pl.col("reasons").list.eval(pl.element().str.starts_with(UNSCORED_OPENING)).list.all()
    )
    if waiting.is_empty():
        return ()
    # The questions by id, from the criteria (the reasons carry them in words).
    questions = (
        result.criteria.filter(pl.col("basis") == NO_USABLE_SCORE)
        .group_by("lot", "supplier", maintain_order=True)
        .agg("criterion")
    )
    found = waiting.select("lot", "supplier").join(
        questions, on=["lot", "supplier"], how="left", maintain_order="left"
    )
    return tuple((lot, supplier, tuple(asked or ())) for lot, supplier, asked in found.iter_rows())


# A tender scored on every criterion: its assessment summary gives each score with its
# explanation (one could not be assessed gives none).
ASSESSED = ("ranked", "disqualified")


def without_explanation(result: ScoreResult) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The assessed tenders with a question scored and nothing to explain the score: the
    explanation the assessment summaries give beside it (``result.criteria``'s ``reason``:
    the consensus reason, or with no consensus the counted evaluators' reasons) is blank.
    (lot, supplier, the questions), in the order of the criteria. Price and social value
    commitments are explained by their formula, never blank."""
    criteria, results = result.criteria, result.results
    if criteria.is_empty() or "status" not in results.columns:
        return ()
    assessed = results.filter(pl.col("status").is_in(ASSESSED)).select("lot", "supplier")
    blank = criteria.filter(
        (pl.col("kind") == "question")
        & pl.col("raw_score").is_not_null()
        # (Nor is a reason that shows nothing an explanation: "\u200b", "\x01".)
        & pl.col("reason").fill_null("").str.contains(SHOWS_NOTHING)
    ).join(assessed.unique(), on=["lot", "supplier"], how="semi")
    found = blank.group_by("lot", "supplier", maintain_order=True).agg("criterion")
    return tuple((lot, supplier, tuple(asked)) for lot, supplier, asked in found.iter_rows())


def not_yet_moderated(result: ScoreResult) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The assessed tenders (ranked or disqualified, as :func:`without_explanation` reads
    them) with a question flagged as a discrepancy (``quality.discrepancy``: the evaluators'
    counted scores further apart than the plan's share of the scale) and no consensus
    recorded: (lot, supplier, the questions), in the order of the moderation frame. A tender
    set aside (withdrawn; rejected, for its errors or disregarded on a ground) or the in-house
    comparator is out of the award whatever the consensus, so waits on nothing."""
    from tendereval.scoring.combine import DISREGARDED_OPENING

    moderation, results = result.moderation, result.results
    if moderation.is_empty() or "status" not in results.columns:
        return ()
    disregarded = (
        pl.col("reasons").list.eval(pl.element().str.starts_with(DISREGARDED_OPENING)).list.any()
        if "reasons" in results.columns
        else pl.lit(False)
    )
    assessed = results.filter(
        pl.col("status").is_in(ASSESSED) & ~disregarded.fill_null(False)
    ).select("lot", "supplier")
    waiting = moderation.filter(
        pl.col("discrepancy").fill_null(False) & pl.col("consensus").is_null()
    ).join(assessed.unique(), on=["lot", "supplier"], how="semi", maintain_order="left")
    found = waiting.group_by("lot", "supplier", maintain_order=True).agg("question")
    return tuple((lot, supplier, tuple(asked)) for lot, supplier, asked in found.iter_rows())


def _the_comparators_alone(
    results: pl.DataFrame, errors: list[Problem]
) -> list[tuple[Problem, tuple[tuple[str, str], ...]]]:
    """Each of the input ``errors`` with the in-house comparator's tenders (lot, supplier) it
    is about, when it is about no other bid (else ()): an error in a bid return whose every
    row is the comparator, or naming a supplier whose tender in the lot it names (in every
    lot, naming none) is the comparator (a frame's error names its frame, not the return). A
    tender withdrawn is out of the award either way; an error about no bid at all (a score
    sheet's declaration) is about every tender it may change, so never the comparator's
    alone."""
    rows = results.filter(pl.col("lot").is_not_null() & (pl.col("status") != "withdrawn"))
    if not errors or not rows.get_column("status").eq("comparator").any():
        return [(problem, ()) for problem in errors]
    source = pl.col("source") if "source" in rows.columns else pl.lit(None, pl.String)
    # Where an error may point (its file, its supplier and lot, its supplier) → the bids
    # there: a comparator's tender, or None for any other bid.
    bids_at: dict[tuple[str | None, ...], list[tuple[str, str] | None]] = {}
    for lot, supplier, status, file in rows.select(
        "lot", "supplier", "status", source.alias("source")
    ).iter_rows():
        tender = (lot, supplier) if status == "comparator" else None
        key = supplier_key(supplier) if supplier is not None else None
        for place in (("file", file), ("tender", key, lot), ("supplier", key)):
            if None not in place:
                bids_at.setdefault(place, []).append(tender)

    def about(problem: Problem) -> tuple[tuple[str, str], ...]:
        places: list[tuple[str | None, ...]] = [("file", problem.file)]
        if problem.supplier:
            key = supplier_key(problem.supplier)
            places.append(("tender", key, problem.lot) if problem.lot else ("supplier", key))
        bids = [bid for place in places for bid in bids_at.get(place, ())]
        if not bids or None in bids:
            return ()
        return tuple(dict.fromkeys(bid for bid in bids if bid is not None))

    return [(problem, about(problem)) for problem in errors]


def _comparator_errors(
    about: list[tuple[Problem, tuple[tuple[str, str], ...]]],
) -> tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...]:
    """Each comparator's tender with the errors that are its alone (``about``: each input
    error with the comparator's tenders it is about alone, if any), and the files they are in
    (:attr:`AwardDecision.comparator_errors`), in the order the errors were found."""
    found: dict[tuple[str, str], list[Problem]] = {}
    for problem, tenders in about:
        for tender in tenders:
            found.setdefault(tender, []).append(problem)
    return tuple((lot, supplier, _files_of(them)) for (lot, supplier), them in found.items())


def _disqualified_errors(
    results: pl.DataFrame, errors: list[Problem]
) -> tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...]:
    """Each tender disqualified with ``errors`` in its own bid return that are its (naming
    its supplier, and its lot or none; or naming no supplier), and the files they are in
    (:attr:`AwardDecision.disqualified_errors`)."""
    by_file: dict[str, list[Problem]] = {}
    for problem in errors:
        if problem.file:
            by_file.setdefault(problem.file, []).append(problem)
    if not by_file or "source" not in results.columns:
        return ()
    rows = results.filter(
        (pl.col("status") == "disqualified")
        & pl.col("supplier").is_not_null()
        & pl.col("source").is_in(list(by_file))
    ).select("lot", "supplier", "source")
    out = []
    for lot, supplier, file in rows.iter_rows():
        key = supplier_key(supplier)
        its = [
            p
            for p in by_file[file]
            if (not p.supplier or supplier_key(p.supplier) == key) and p.lot in (None, "", lot)
        ]
        if its:
            out.append((lot, supplier, _files_of(its)))
    return tuple(out)


def _files_of(errors: list[Problem]) -> tuple[tuple[str, int], ...]:
    """Each file the errors are in, with how many, in the order found."""
    files: dict[str, int] = {}
    for problem in errors:
        if problem.file:
            files[problem.file] = files.get(problem.file, 0) + 1
    return tuple(files.items())


def _answer_settles(answerable: int, count: int) -> str:
    """What settles the ``answerable`` of ``count`` input errors that are in details never
    scored (award/clarified.py ``answerable``): the supplier's answer, recorded. Putting
    them right cannot change a score, and the supplier's return is not to be edited."""
    if not answerable:
        return ""
    one = answerable == 1
    which = (
        ("it is" if one else "they are")
        if answerable == count
        else f"{answerable:,} of them {'is' if one else 'are'}"
    )
    it = "it" if one else "them"
    return (
        f"{which} in details that are not scored (organisation or supply-chain figures, "
        f"packages, prices for a lot the plan does not have), so putting {it} right cannot "
        f"change a score: ask the supplier and record its answer at {'the' if one else 'each'} "
        f"error's cell in {DECISIONS_FILE} ([[clarification]]), which settles {it}"
    )


def _makes_invalid(results: pl.DataFrame) -> Callable[[Problem], bool]:
    """Whether an input error made a bid invalid, as the results show it: one naming a
    supplier (and lot) whose tender there is invalid, or one in the bid return of an invalid
    bid. An error in a score sheet names neither; one in the moderation workbook may name a
    supplier (a consensus its conflicted moderator recorded) whose tender stays ranked."""
    invalid = results.filter(pl.col("status") == "invalid")
    returns = (
        set(invalid.get_column("source").drop_nulls()) if "source" in invalid.columns else set()
    )
    pairs = {
        (supplier_key(supplier), lot)
        for supplier, lot in invalid.select("supplier", "lot").iter_rows()
        if supplier is not None
    }
    suppliers = {supplier for supplier, _ in pairs}

    def makes_invalid(problem: Problem) -> bool:
        if problem.file in returns:
            return True
        if not problem.supplier:
            return False
        key = supplier_key(problem.supplier)
        return (key, problem.lot) in pairs if problem.lot else key in suppliers

    return makes_invalid


def _edited_after_scoring(result: ScoreResult) -> tuple[Problem, ...]:
    """An error when anything an output reads was changed in Python after scoring (the
    frames, the problems, the settings, the plan): the writers would send out figures no file
    gave (a total typed over, a criterion score blanked, an error deleted), beside the files'
    SHA-256."""
    changed = result.changed_since_scored()
    if not changed:
        return ()
    # A frame named as the tender names its own ("the scores frame"); the results, as they
    # always were, and what is not a frame as it is.
    named = [f"the {n}" if n in _NAMED_AS_THEY_ARE else f"the {n} frame" for n in changed]
    one = len(changed) == 1 and changed[0] not in ("results", "problems", "settings")
    return (
        Problem(
            f"{listed(named)} of the scored tender {'was' if one else 'were'} changed in "
            f"Python after scoring, so {'it is' if one else 'they are'} not what the files "
            "give",
            found=", ".join(changed),
            expected="to award on a change, make it in the files and score the folder again",
            code="result.changed_in_python",
        ),
    )


_NAMED_AS_THEY_ARE = frozenset({"results", "problems", "settings", "plan"})


def _a_number(value: Any) -> bool:
    """A total that can be compared: not missing, not NaN (a notebook's edit)."""
    return value is not None and value == value


# A difference from the notice, by what it is in (ocds.DIFFERS_IN): how the held-back
# award names it, and what the notice binds the buyer to.
# What the buyer owes when no contract is awarded at all, by regime (AwardDecision.owed_instead).
NOTHING_AWARDED = {
    "PA2023": (
        "No lot is to be awarded, so no contract is awarded: there is no contract award notice "
        "to publish, no assessment summary is owed (Procurement Act 2023 s.50) and no standstill "
        "period runs (s.51). The buyer publishes a procurement termination notice instead "
        "(s.55), outside tendereval."
    ),
    "PCR2015": (
        "No lot is to be awarded, so no contract is concluded: there is no contract award "
        "notice to send (PCR 2015 reg 50) and no standstill period (reg 87). Each tenderer must "
        "be told the grounds of the decision not to award the contract (reg 55(1)): its "
        "summary says the lot is not awarded and when, not why (the recorded reason stays in "
        "the evaluation record), so send the grounds with it."
    ),
}
# What a lot the notice ended is in, by how it was ended (the notice's own word).
ENDED_KINDS = ("cancelled", "withdrawn", "procurement cancelled", "procurement withdrawn")
HELD_BACK = {
    "procurement": "the procurement it names (its ocid or tender id)",
    "lots": "its lots",
    "term": "the contract years prices are evaluated over",
    # A lot the notice ended (ocds.check.ended_as), as the notice has it.
    "cancelled": "a lot the notice has cancelled",
    "withdrawn": "a lot the notice has withdrawn",
    "procurement cancelled": "its lots, the notice having cancelled the whole procurement",
    "procurement withdrawn": "its lots, the notice having withdrawn the whole procurement",
    "cap": "its cap on lots per supplier",
    "regime": "its procurement regime (the law the award follows)",
    "criteria": "its award criteria or weights, so the bids were scored on criteria or weights "
    "other than those published",
}
# What the notice binds the buyer to, by what the difference is in, each citing the law of the
# plan's regime ("{cap}", "{criteria}").
BOUND_BY = {
    "procurement": "The award is published under the procurement the notice published.",
    "lots": "The lots, and their estimated values, are those the notice published.",
    "term": "Prices are evaluated over the contract period the notice published.",
    # The difference itself says nothing may be awarded under the lot.
    **dict.fromkeys(ENDED_KINDS, ""),
    "cap": "The cap on lots per supplier is the one the notice published ({cap}).",
    "regime": "The award follows the law the notice was published under.",
    "criteria": "Bids are evaluated on the award criteria and weights the notice published "
    "({criteria}).",
}


def _what_differs(difference: Problem) -> str:
    """What a difference from the notice is in (ocds.DIFFERS_IN, a key of HELD_BACK); a lot
    the notice ended as the notice has it: cancelled or withdrawn, on its own or with the
    whole procurement (a withdrawn tender was once held back as 'a lot the notice has
    cancelled')."""
    from tendereval.ocds import DIFFERS_IN

    kind = DIFFERS_IN.get(difference.code, "criteria")
    if kind != "ended":
        return kind
    from tendereval.ocds.check import ended_as

    status, whole = ended_as(difference)
    return f"procurement {status}" if whole else status


def _errors(count: int, other: str = "") -> str:
    return f"{count} {other}error{'s' if count > 1 else ''}"


def award_flags(rows: list[dict[str, str]]) -> pl.DataFrame:
    """Flags the award raises (lot, supplier, code, message; each a warning at no cell): the
    lot cap binding, a close call."""
    schema = {"lot": pl.String, "supplier": pl.String, "code": pl.String, "message": pl.String}
    return pl.DataFrame(rows, schema=schema).with_columns(
        severity=pl.lit("warning"), where=pl.lit(None, pl.String)
    )
