"""The contracting authority's recorded decisions: ``decisions.toml`` in the tender folder.

Some awards are not settled by the plan alone: a tie for first place that the plan's
tie-break does not break, or a lot cap whose published mechanism is only words. The authority
decides those (by the rule it published), and records each decision here with its reason, so
the decision is part of the evaluation record, hashed in every report like the other inputs.
The same file records the standstill dates that the award notice publishes::

    [[decision]]
    lot = "CSB"
    award_to = "Hop Garden Care CIC"
    reason = "Tie resolved by drawing lots, witnessed by the Head of Legal Services"
    decided_by = "Head of Commissioning"
    decided_on = 2026-03-02

    [standstill]
    summaries_sent_on = 2026-03-03
    starts_on = 2026-03-04
    ends_on = 2026-03-13

A tender the inputs make invalid (a price left as "TBC", a form field missing) holds the award
back until it is put right, or until the authority records that it stays rejected::

    [[rejection]]
    supplier = "Meridian Care Group plc"
    lot = "CSB"            # leave out for every lot of its bid
    reason = "Care hours not priced (Prices › G5); ITT 4.2 allows no clarification of price"
    decided_by = "Head of Commissioning"
    decided_on = 2026-03-05

A tender the plan ranks may be disregarded only on a ground the law gives (its price abnormally
low once the supplier has been asked to explain it, an excluded supplier, the conditions of
participation or the requirements not met, a procedural requirement breached): the rejection
then names its ``ground``, and is applied when scoring, before any relative score is worked
out (the tender is disqualified, with the ground and reason, and sets no other score)::

    [[rejection]]
    supplier = "Meridian Care Group plc"
    ground = "abnormally_low"
    queried_on = 2026-03-02   # when the supplier was asked to explain its price
    reason = "Its explanation of 4 March did not account for care hours priced below the
              National Living Wage"
    decided_by = "Head of Commissioning"
    decided_on = 2026-03-09

A supplier may withdraw its tender before the award. The buyer records the withdrawal, and the
tender is set aside before any score is worked out: it sets no other tender's relative price
score, is not ranked and gets no assessment summary, but stays in every output as withdrawn::

    [[withdrawal]]
    supplier = "Brightwater Care Services Ltd"
    lot = "CSB"            # leave out for every lot of its bid
    withdrawn_on = 2026-03-04
    recorded_by = "Procurement Officer"
    note = "Email from its managing director, 4 March 2026, 09:12"

The buyer may decide not to award a lot at all (every tender above the budget, the need gone);
the lot is then not awarded whoever is ranked first, and the others are awarded as if it had
never been offered (the lot cap counts only the lots awarded)::

    [[no_award]]
    lot = "TUN"
    reason = "Every tender is above the approved budget of £1.2m; the lot will be re-procured"
    decided_by = "Head of Commissioning"
    decided_on = 2026-03-05

A supplier may bring proceedings against the decision to award. The buyer records when it was
notified of them, and when the court lifted the suspension or the proceedings ended, and the
award decision says whether the contract may be entered into (award/suspension.py)::

    [[challenge]]
    notified_on = 2026-12-16        # the day you were notified the claim form was issued
    lots = ["ASH"]                  # leave out for every lot awarded
    suspension_ends_on = 2027-01-20 # the court lifted it, or the proceedings ended
    note = "Claim by X Ltd, KB-2026-000123"

Reading checks the file's shape: a section it does not take, or a key a record that changes
the award does not take, is an error, and a record with an error is not applied (the error
holds the award back instead). Whether each decision fits the scores (the supplier named must
be one the rules leave open) is checked by the award decision.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PureWindowsPath
from typing import Any

from tendereval.award.decisions_text import ORDER
from tendereval.award.working_days import PCR_STANDSTILL_DAYS, pcr_standstill_ends, working_days
from tendereval.errors import Problem, Problems, Severity, UsageError
from tendereval.io.cells import parse_date
from tendereval.io.keys import supplier_key
from tendereval.io.misnamed import Wanted, files_not_read
from tendereval.io.nearest import Choices
from tendereval.layout import BIDS_FOLDER, in_folder, names_a_submission
from tendereval.limits import LATEST_RECORDED_YEAR
from tendereval.ocds.formats import uk_offset_at
from tendereval.plan import PLAN_FILE
from tendereval.regimes import terms
from tendereval.terminal import shows_nothing
from tendereval.tomlread import NOTHING, TomlReader, parse_toml_file
from tendereval.wording import in_words, with_weekday

DECISIONS_FILE = "decisions.toml"
# What the record and its problems call decisions given in Python (AwardDecision.decisions_from).
DECISIONS_IN_PYTHON = "the decisions set in Python"
# The keys each table takes: those decisions_text writes, in its order (one list for both).
DECISION_KEYS = set(ORDER["decision"])
STANDSTILL_KEYS = set(ORDER["standstill"])
STANDSTILL_DATES = ("summaries_sent_on", "starts_on", "ends_on")
REJECTION_KEYS = set(ORDER["rejection"])
# The grounds on which a tender the plan ranks may be disregarded, in the words a supplier
# reads (Procurement Act 2023 s.19 and s.26; PCR 2015 regs 57 and 69 likewise).
GROUNDS = {
    # (Not "its explanation did not show": the record holds when the supplier was asked, not
    # that it answered.)
    "abnormally_low": "its price is abnormally low, and the supplier did not show the "
    "contracting authority that it can perform the contract for that price",
    "excluded_supplier": "the supplier is an excluded supplier",
    "excludable_supplier": "the supplier is an excludable supplier",
    "conditions_of_participation": "the supplier does not satisfy the conditions of participation",
    "requirements_not_met": "the tender does not satisfy the contracting authority's requirements",
    "procedural_breach": "the tender breaches a procedural requirement of the tender documents",
}
WITHDRAWAL_KEYS = set(ORDER["withdrawal"])
NO_AWARD_KEYS = set(ORDER["no_award"])
EXPLANATION_KEYS = set(ORDER["price_explanation"])
CLARIFICATION_KEYS = set(ORDER["clarification"])
CHALLENGE_KEYS = set(ORDER["challenge"])
# The statuses a clarification may give, for an SME? or VCSE? answer the supplier left blank
# (io/answered_status.py): never scored, only counted in the SME and VCSE shares.
CLARIFIED_STATUSES = ("sme", "vcse")
# The sections decisions.toml takes, as an officer writes each. Anything else in the file is
# an error: a section typed [[withdrawals]], or a record's key written above its section, would
# otherwise leave a withdrawal or a rejection out, or applied to every lot, with a warning only.
SECTIONS = {
    "decision": "[[decision]]",
    "rejection": "[[rejection]]",
    "withdrawal": "[[withdrawal]]",
    "no_award": "[[no_award]]",
    "price_explanation": "[[price_explanation]]",
    "clarification": "[[clarification]]",
    "challenge": "[[challenge]]",
    "standstill": "[standstill]",
}
STANDSTILL_WORKING_DAYS = 8  # Procurement Act 2023 s.51(2)
EXAMPLE = 'decisions.toml: [[decision]] lot = "A", award_to = "…", reason = "…"'


@dataclass(frozen=True)
class RecordedAward:
    """One lot's award as the authority decided it, with why, who and when."""

    lot: str
    award_to: str
    reason: str
    decided_by: str = ""
    decided_on: str = ""
    where: str = ""  # decision[0], for messages


def record_file(decisions: Decisions | None) -> str:
    """The file the buyer's record was read from, as problems name it."""
    return (decisions.source if decisions is not None else "") or DECISIONS_FILE


def tenderer(name: Any) -> Any:
    """The supplier a rejection, withdrawal or price explanation names. A bid file that could
    not be read has no supplier's name: the results give it the file's (``late-arrival``),
    and show the file as ``bids/late-arrival.xlsx`` (or ``.xls``, ``.csv``: whatever was
    sent), which is how an officer names it. Either way it is the same tender; no supplier's
    name ends in .xlsx."""
    if isinstance(name, str) and names_a_submission(name.strip()):
        return PureWindowsPath(name.strip()).stem  # either slash, as copied from any machine
    return name


def bid_file(name: Any) -> str:
    """The bid file a record names, with forward slashes (``bids/weald-v1.xlsx``), or "" when
    it names a supplier."""
    if isinstance(name, str) and names_a_submission(name.strip()):
        return PureWindowsPath(name.strip()).as_posix().removeprefix("./")
    return ""


def same_file(named: str, source: str | None) -> bool:
    """Whether a file a record names (``weald-v1.xlsx``, ``bids/weald-v1.xlsx`` or a whole
    path copied from the shared drive) is the bid file ``source`` (``bids/weald-v1.xlsx``, as
    the results give it): the one ends the other, whole names apart, in any case and
    whichever way an accent is stored (:func:`as_compared`). Which of two files so alike a
    record means is :func:`files_meant`'s to say."""
    if not named or not source:
        return False
    return _ends_the_other(as_compared(named), as_compared(source))


def files_meant(named: str, files: Iterable[str]) -> list[str]:
    """The files of ``files`` (bid files, as the results give them) that a record naming the
    file ``named`` means: those :func:`same_file` finds. Where that is two or more (names
    differing only in capitals, or in how an accent is stored: a Linux disk or a shared drive
    holds both), the one named letter for letter; where none is, or several are, every file
    it could mean, and the record does not say which."""
    meant = [file for file in dict.fromkeys(files) if same_file(named, file)]
    exact = [file for file in meant if _ends_the_other(named, file)]
    return exact if len(meant) > 1 and exact else meant


def _ends_the_other(a: str, b: str) -> bool:
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


class ReturnsSetAside:
    """The bid returns withdrawals and rejections name by file, looked up by a file's name:
    the loader, the scoring and the award each ask which records name a file, of thousands of
    bids, and which of a supplier's returns each sets aside (:meth:`aside`: the one rule).

    ``files`` are every bid file of the tender (as the results give them: each file once is
    enough), so that a record names the one file it means (:func:`files_meant`). A record
    that could mean two or more names none of them (:meth:`unclear`): applied to all, one
    withdrawal of a supplier's first return withdrew its revised one too."""

    def __init__(
        self, records: Iterable[RecordedWithdrawal | RecordedRejection], files: Iterable[str]
    ):
        sent: dict[str, list[str]] = {}
        for file in dict.fromkeys(files):
            if file and in_folder(file, BIDS_FOLDER):  # (evaluation.xlsx holds every bid)
                sent.setdefault(file_name(file), []).append(file)
        self._by_file: dict[str, list[RecordedWithdrawal | RecordedRejection]] = {}
        self._unclear: dict[int, list[str]] = {}
        for record in records:
            if not record.file:
                continue
            meant = files_meant(record.file, sent.get(file_name(record.file), ()))
            if len(meant) > 1:
                self._unclear[id(record)] = meant
                continue
            for file in meant:
                self._by_file.setdefault(file, []).append(record)

    def __bool__(self) -> bool:
        return bool(self._by_file)

    def naming(self, source: str | None) -> list[RecordedWithdrawal | RecordedRejection]:
        """The records naming the bid return ``source``, in the order given (every caller
        gives the withdrawals first, each kind in the order recorded). Only a file in bids/
        is one: the consolidated form (evaluation.xlsx) holds every bid."""
        return list(self._by_file.get(source, ())) if source else []

    def unclear(self, record: RecordedWithdrawal | RecordedRejection) -> list[str]:
        """The files ``record`` could mean, when it names two or more and does not say which
        (it names none of them); [] otherwise."""
        return self._unclear.get(id(record), [])

    def aside(
        self, returns: Iterable[tuple[str, Iterable[str | None]]]
    ) -> dict[tuple[str, str | None], RecordedWithdrawal | RecordedRejection]:
        """Of one supplier's bid returns (each file and the lots it prices), each (file, lot)
        that is not its supplier's tender, and the record that sets it aside.

        A return withdrawn by its file is set aside, always: its supplier withdrew it (the
        tender, when it was its only return). A return rejected by its file (a revised return
        that came in after the deadline, or one the supplier sent again corrected at the
        buyer's request) is set aside only beside a return for the lot that stands: the buyer
        has chosen which one is the tender. A return no lot could be read from (its prices on
        a renamed sheet) is a return for every lot the supplier's others price, and they for
        it: rejected beside a corrected return, it is set aside, and the corrected one is the
        tender. Without one, the rejection is of the supplier's tender, which that return
        makes, and is applied as one naming the supplier would be; where every return left is
        rejected, the first by file name is the tender and the others are set aside."""
        rejected: dict[str | None, list[tuple[str, RecordedRejection | None]]] = {}
        out: dict[tuple[str, str | None], RecordedWithdrawal | RecordedRejection] = {}
        for source, lots in sorted(returns, key=lambda r: r[0].casefold()):
            named = self.naming(source)
            for lot in list(lots) or [None]:
                covering = [r for r in named if r.covers(lot)]
                withdrawal = next((r for r in covering if isinstance(r, RecordedWithdrawal)), None)
                if withdrawal is not None:
                    out[(source, lot)] = withdrawal
                    continue
                rejection = next((r for r in covering if isinstance(r, RecordedRejection)), None)
                rejected.setdefault(lot, []).append((source, rejection))
        every = [entry for left in rejected.values() for entry in left]
        for lot, left in rejected.items():
            # The returns it is chosen among: those for the lot and those for no lot read.
            rivals = every if lot is None else [*left, *rejected.get(None, ())]
            if all(record is not None for _, record in rivals):
                tender = min((source for source, _ in rivals), key=str.casefold)
                left = [(source, record) for source, record in left if source != tender]
            for source, record in left:
                if record is not None:
                    out[(source, lot)] = record
        return out


def as_compared(path: str) -> str:
    """A file's path as names are compared: in any case, and with each accented letter in
    one form. A Mac stores "é" in a file name as "e" and a combining accent (and its zips
    give it so); typed in decisions.toml it is one character. The two look the same."""
    return unicodedata.normalize("NFC", path).casefold()


def in_name_order(path: str) -> tuple[str, str, str]:
    """Where a file comes in a list of files, the same on every machine: by its path as names
    are compared (:func:`as_compared`), then as written in one form, then as stored. Sorted
    as stored, "Élan.xlsx" came first where a Mac stored it (as "E" and a combining accent)
    and last elsewhere."""
    return as_compared(path), unicodedata.normalize("NFC", path), path


def file_name(path: str) -> str:
    """The name of the file at ``path`` (without its folders), as names are compared."""
    return as_compared(path.rsplit("/", 1)[-1])


class _OfATender:
    """A record naming one supplier's tender: for ``lot``, or every lot it bid for (None).
    The supplier is named as the results name it (:func:`tenderer`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "supplier", tenderer(self.supplier))  # type: ignore[attr-defined]

    def covers(self, lot: str | None) -> bool:
        return self.lot is None or self.lot == lot  # type: ignore[attr-defined]


class _OfAReturn(_OfATender):
    """A record that may name a bid return by its file (``supplier = "bids/weald-v1.xlsx"``):
    ``file`` is then that name and ``supplier`` the file's stem, as for a file that could not
    be read."""

    def __post_init__(self) -> None:
        if not self.file:  # type: ignore[has-type]
            object.__setattr__(self, "file", bid_file(self.supplier))  # type: ignore[attr-defined]
        super().__post_init__()

    @property
    def named(self) -> str:
        """What the record names, as an officer wrote it: the file, or the supplier."""
        return self.file or self.supplier  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RecordedRejection(_OfAReturn):
    """A tender the authority rejects: ``lot`` None for every lot the supplier bid for.
    Without a ``ground`` it confirms the invalidity its input errors make, never makes one: a
    rejection of a tender that is not invalid is an error (award/set_aside.py). With one of
    :data:`GROUNDS` it disregards the tender whatever its scores, and is applied when scoring
    (scoring/combine.py); ``queried_on`` is when a supplier whose price seemed abnormally low
    was asked to explain it (ISO date).

    Named by its file, it rejects that bid return: beside another return of its supplier for
    the lot (a revised return that came in after the deadline, the first one standing), the
    return is set aside and the other is the tender (:meth:`ReturnsSetAside.aside`); a
    supplier's only return is its tender, rejected as it would be by the supplier's name."""

    supplier: str
    reason: str
    lot: str | None = None
    decided_by: str = ""
    decided_on: str = ""
    where: str = ""  # rejection[0], for messages
    ground: str | None = None
    queried_on: str = ""
    file: str = ""  # the bid return rejected, when the record names a file


@dataclass(frozen=True)
class RecordedWithdrawal(_OfAReturn):
    """A tender its supplier withdrew before the award: ``lot`` None for every lot the supplier
    bid for. Scoring sets it aside before any score is worked out (scoring/combine.py), so it
    changes the others' relative scores exactly as if it had never been submitted.

    Named by its file (``supplier = "bids/weald-v1.xlsx"``), it withdraws that bid return
    only: one the supplier replaced with a later return before the deadline, which stays in
    bids/ and in the results (``withdrawn``) while the later one is evaluated. ``file`` is
    then that name and ``supplier`` the file's stem, as for a file that could not be read."""

    supplier: str
    withdrawn_on: str  # ISO date
    lot: str | None = None
    recorded_by: str = ""
    note: str = ""
    where: str = ""  # withdrawal[0], for messages
    file: str = ""  # the bid return withdrawn, when the record names a file


@dataclass(frozen=True)
class RecordedExplanation(_OfATender):
    """A price flagged as abnormally low that the supplier was asked to explain, and whose
    explanation the buyer accepted: ``lot`` None for every lot the supplier bid for. The flag
    stays (the price is as low as it was), saying so in place of "ask the supplier". An
    explanation not accepted is a ``[[rejection]]`` on the ground ``abnormally_low``."""

    supplier: str
    queried_on: str  # ISO date
    accepted_on: str  # ISO date
    lot: str | None = None
    decided_by: str = ""
    note: str = ""
    where: str = ""  # price_explanation[0], for messages


@dataclass(frozen=True)
class RecordedClarification(_OfAReturn):
    """A warning in a supplier's bid that the buyer asked the supplier about, and the answer:
    a rate whose format rounds it, a figure struck through, a comment on a cell. Nothing is
    scored differently (a clarification cannot change a tender after the deadline); the warning
    says what was asked and answered, in every output. ``cell`` is where the warning is, as
    ``score`` lists it ("Prices › G5"; "" for a warning naming no cell); the supplier may be
    named by its bid file. ``sme`` or ``vcse`` (None: not given) is the answer to an SME? or
    VCSE? question of the supply chain the supplier left blank or unreadable: counted in the
    SME and VCSE shares, which are never scored (io/answered_status.py)."""

    supplier: str
    answer: str
    answered_on: str  # ISO date
    cell: str = ""
    asked_on: str = ""  # ISO date
    recorded_by: str = ""
    sme: bool | None = None
    vcse: bool | None = None
    where: str = ""  # clarification[0], for messages
    file: str = ""  # the bid return, when the record names a file
    lot: str | None = None  # (every lot: a warning is in a bid return, not a lot's tender)


@dataclass(frozen=True)
class RecordedNoAward:
    """A lot the buyer decided not to award, with why, who and when."""

    lot: str
    reason: str
    decided_by: str = ""
    decided_on: str = ""
    where: str = ""  # no_award[0], for messages


@dataclass(frozen=True)
class RecordedChallenge:
    """Proceedings brought against the decision to award (a claim form issued), as the buyer
    records them: ``notified_on`` the day the contracting authority was notified of them (ISO
    date); ``lots`` the lots they concern (None: every lot awarded); ``suspension_ends_on``
    the day the court lifted the suspension or the proceedings ended ("": it holds still);
    ``note`` the buyer's words (the claimant, the claim number). Whether the contract for a lot
    is suspended is the award decision's to say (award/suspension.py)."""

    notified_on: str
    lots: tuple[str, ...] | None = None
    suspension_ends_on: str = ""
    note: str = ""
    where: str = ""  # challenge[0], for messages

    def __post_init__(self) -> None:
        if isinstance(self.lots, list):  # (given in Python as a list: kept as a tuple)
            object.__setattr__(self, "lots", tuple(self.lots))
        elif isinstance(self.lots, str):
            # One lot given as text, as decisions.toml takes it (lots = "CSB"): read letter by
            # letter, it was lots C, S and B, and the challenge was not applied.
            object.__setattr__(self, "lots", (self.lots,))

    def covers(self, lot: str) -> bool:
        """Whether the proceedings concern ``lot``."""
        return self.lots is None or lot in self.lots


@dataclass(frozen=True)
class Standstill:
    """When the assessment summaries went out and the standstill period runs (None: not yet
    recorded). A date may be given as text, as decisions.toml takes it (``"2026-12-18"``,
    ``"18/12/2026"``): it is read as a date. Text that is no date is kept as given, and is an
    error (``decisions.date``) when the decisions are checked, as in the file. ``exemption``
    says, in the buyer's words, why the Procurement Act 2023's standstill does not bind this
    contract ("a light touch contract, s.51(3)"): a standstill shorter than s.51's is then a
    warning quoting it, not an error ("": none recorded)."""

    summaries_sent_on: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    # The moment the summaries were sent, in UK time, when summaries_sent_on gives a time as
    # well (``2026-12-07T16:00:00``): summaries sent again the same day as others are told
    # from them by it (report/summaries.sent_against_award). None: a day alone is recorded.
    summaries_sent_at: dt.datetime | None = None
    exemption: str = ""

    def __post_init__(self) -> None:
        sent = self.summaries_sent_on
        if isinstance(sent, dt.datetime) and self.summaries_sent_at is None:
            object.__setattr__(self, "summaries_sent_at", uk_moment(sent))
        for key in STANDSTILL_DATES:
            value = getattr(self, key)
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                continue
            text, problem = parse_date(value)
            if problem is None:
                object.__setattr__(self, key, dt.date.fromisoformat(text) if text else None)


@dataclass(frozen=True)
class Decisions:
    """Everything recorded in ``decisions.toml`` (empty when there is no such file)."""

    awards: tuple[RecordedAward, ...] = ()
    standstill: Standstill = field(default_factory=Standstill)
    source: str = ""
    rejections: tuple[RecordedRejection, ...] = ()
    withdrawals: tuple[RecordedWithdrawal, ...] = ()
    no_awards: tuple[RecordedNoAward, ...] = ()
    price_explanations: tuple[RecordedExplanation, ...] = ()
    clarifications: tuple[RecordedClarification, ...] = ()
    challenges: tuple[RecordedChallenge, ...] = ()

    def no_award_for(self, lot: str) -> RecordedNoAward | None:
        return next((record for record in self.no_awards if record.lot == lot), None)

    def for_lot(self, lot: str) -> RecordedAward | None:
        """The decision standing for ``lot``: one naming a tender set aside since is spent."""
        return next((award for award in self.standing_awards if award.lot == lot), None)

    @property
    def standing_awards(self) -> tuple[RecordedAward, ...]:
        """The decisions the award follows: each but those :meth:`spent_by` a later record."""
        cache = self.__dict__  # worked out once: asked for each lot, of thousands of records
        if "_standing" not in cache:
            cache["_standing"] = tuple(a for a in self.awards if self.spent_by(a) is None)
        return cache["_standing"]

    def spent_by(self, award: RecordedAward) -> RecordedWithdrawal | RecordedRejection | None:
        """The withdrawal (or disregard on a ground) of the very tender ``award`` gives its
        lot to. The tie or cap the decision resolved is then no longer there: it stays on the
        record, and the lot is decided without it (a new tie needs a decision of its own)."""
        if "_set_aside" not in self.__dict__:
            index: dict[str, list[RecordedWithdrawal | RecordedRejection]] = {}
            for record in (*self.withdrawals, *self.disregards):
                index.setdefault(supplier_key(record.supplier), []).append(record)
            self.__dict__["_set_aside"] = index
        records = self.__dict__["_set_aside"].get(supplier_key(award.award_to), ())
        return next((record for record in records if record.covers(award.lot)), None)

    @property
    def disregards(self) -> tuple[RecordedRejection, ...]:
        """The rejections that disregard a tender on a ground: applied when scoring."""
        return tuple(r for r in self.rejections if r.ground is not None)

    def to_toml(self) -> str:
        """These decisions as ``decisions.toml`` text, which reads back to the same
        decisions: what a notebook tried goes on the record as it was tried."""
        from tendereval.award.decisions_text import decisions_toml

        return decisions_toml(self)


# A decisions file under another name: an error, as what it records (a withdrawal, a tie
# broken, a lot not to be awarded) may change the award and was not applied.
_NEAR_MISS = Wanted(
    DECISIONS_FILE,
    "the buyer's recorded decisions",
    "nothing recorded in it (a withdrawal, a rejection, a tie broken, a lot award, the "
    "standstill dates) was applied",
    "decisions.misnamed",
    also=("decision.toml",),
)


@dataclass(frozen=True)
class LoadedDecisions:
    decisions: Decisions
    problems: list[Problem]
    input_row: dict[str, Any] | None  # for the inputs frame: path, kind, sha256, bytes


def load_decisions(
    folder: str | Path, lot_ids: list[str], regime: str = "PA2023", approved_on: str = ""
) -> LoadedDecisions:
    """Read ``folder/decisions.toml`` if it is there; every bad entry is a problem naming its
    key, and the good entries are kept. ``regime`` (the plan's) sets the shortest standstill
    the law allows; ``approved_on`` (the plan's approval date, ISO) is the earliest day a
    record or the standstill can be dated. A file named almost as it is ("decisions (1).toml",
    "decision.toml") is an error whether or not it is there, as what it records is not
    applied; a copy of it byte for byte is a warning."""
    path = Path(folder) / DECISIONS_FILE
    there = path.exists() or path.is_symlink()
    # "decisions (1).toml" holding the winner's withdrawal, beside decisions.toml or not.
    misnamed = files_not_read(Path(folder), _NEAR_MISS, path if there else None)
    if not there:
        return LoadedDecisions(Decisions(), misnamed, None)
    problems = Problems()
    raw, fingerprint = parse_toml_file(
        path, DECISIONS_FILE, "the decisions file", EXAMPLE, "decisions", problems
    )
    # A file that could not be read is still listed, with no hash (as every input is).
    row = {
        "path": DECISIONS_FILE,
        "kind": "decisions",
        "sha256": fingerprint.sha256 if fingerprint is not None else None,
        "bytes": fingerprint.size if fingerprint is not None else None,
    }
    if raw is None:
        return LoadedDecisions(Decisions(source=DECISIONS_FILE), [*misnamed, *problems], row)
    decisions = _read(raw, lot_ids, regime, DECISIONS_FILE, problems, approved_on)
    return LoadedDecisions(decisions, [*misnamed, *problems], row)


def check_decisions(
    decisions: Decisions, lot_ids: list[str], regime: str = "PA2023", approved_on: str = ""
) -> tuple[Decisions, list[Problem]]:
    """Decisions a caller built in Python, checked as ``decisions.toml`` is: an unknown lot, a
    second decision for a lot, a missing reason or a date that is not one is a problem, and
    only the good entries are kept, so ``decide`` reaches the answer the file would give.
    Raises UsageError when ``decisions`` is not a :class:`Decisions` of
    :class:`RecordedAward`."""
    if not isinstance(decisions, Decisions):
        raise UsageError(
            "decisions must be a Decisions of RecordedAward (tendereval.award), "
            f"not {decisions!r:.60}"
        )
    kinds = (
        ("awards", RecordedAward),
        ("rejections", RecordedRejection),
        ("withdrawals", RecordedWithdrawal),
        ("no_awards", RecordedNoAward),
        ("price_explanations", RecordedExplanation),
        ("clarifications", RecordedClarification),
        ("challenges", RecordedChallenge),
    )
    for name, kind in kinds:
        records = getattr(decisions, name)
        if not isinstance(records, (tuple, list)) or not all(isinstance(r, kind) for r in records):
            raise UsageError(
                f"decisions.{name} must be a tuple of {kind.__name__}, not {records!r:.60}"
            )
    if not isinstance(decisions.standstill, Standstill):
        raise UsageError(
            f"decisions.standstill must be a Standstill, not {decisions.standstill!r:.60}"
        )
    awards, rejections = decisions.awards, decisions.rejections
    withdrawals, no_awards = decisions.withdrawals, decisions.no_awards
    fields = ("lot", "award_to", "reason", "decided_by", "decided_on")

    def written(record: Any, keys: tuple[str, ...]) -> dict[str, Any]:
        # A blank is left out, as a key missing from the file is; but a lot given blank is
        # kept, refused as in the file: left out, the record would be for every lot.
        return {
            key: value
            for key in keys
            if (value := getattr(record, key)) is not None and (value != "" or key == "lot")
        }

    raw = {
        "decision": [written(a, fields) for a in awards],
        # One naming a file is written with it, as the officer named it.
        "rejection": [
            written(r, tuple(sorted(REJECTION_KEYS))) | ({"supplier": r.file} if r.file else {})
            for r in rejections
        ],
        "withdrawal": [
            written(w, tuple(sorted(WITHDRAWAL_KEYS))) | ({"supplier": w.file} if w.file else {})
            for w in withdrawals
        ],
        "no_award": [written(n, tuple(sorted(NO_AWARD_KEYS))) for n in no_awards],
        "price_explanation": [
            written(e, tuple(sorted(EXPLANATION_KEYS))) for e in decisions.price_explanations
        ],
        "clarification": [
            written(c, tuple(sorted(CLARIFICATION_KEYS))) | ({"supplier": c.file} if c.file else {})
            for c in decisions.clarifications
        ],
        "challenge": [
            written(c, tuple(sorted(CHALLENGE_KEYS)))
            # (Anything but a tuple of lots, a number say, is refused as in the file.)
            | (
                {"lots": list(c.lots) if isinstance(c.lots, tuple) else c.lots}
                if c.lots is not None
                else {}
            )
            for c in decisions.challenges
        ],
        "standstill": {
            key: value
            for key in sorted(STANDSTILL_KEYS)
            if (value := getattr(decisions.standstill, key)) not in (None, "")
        },
    }
    # Built in Python, they were read from no file: named so, not as decisions.toml.
    source = decisions.source or DECISIONS_IN_PYTHON
    problems = Problems()
    return _read(raw, lot_ids, regime, source, problems, approved_on), list(problems)


def _read(
    raw: dict[str, Any],
    lot_ids: list[str],
    regime: str,
    source: str,
    problems: Problems,
    approved_on: str = "",
) -> Decisions:
    reader = TomlReader(source, problems, "decisions", "the decisions file")
    _unknown_sections(reader, raw)
    # Read first: a decision giving a lot to a tender withdrawn or disregarded is spent.
    set_aside = Decisions(
        rejections=_rejections(reader, raw, lot_ids),
        withdrawals=_withdrawals(reader, raw, lot_ids),
    )
    _disregarded_and_withdrawn(reader, set_aside)
    awards = _awards(reader, raw, lot_ids, set_aside)
    standing = replace(set_aside, awards=awards).standing_awards
    standstill = _standstill(reader, raw, regime)
    decisions = replace(
        set_aside,
        awards=awards,
        standstill=standstill,
        source=source,
        no_awards=_no_awards(reader, raw, lot_ids, standing),
        price_explanations=_explanations(reader, raw, lot_ids, set_aside.disregards),
        clarifications=_clarifications(reader, raw),
        challenges=_challenges(reader, raw, lot_ids, standstill, regime),
    )
    if approved_on:
        _dated_before_approval(reader, decisions, approved_on)
    return decisions


# The records of what was done, with their dates, as decisions.toml names them. The
# standstill's dates are not among them: they are planned ahead.
DATED = (
    # (Decisions' records, their section, what one is called, its dates.)
    ("awards", "decision", "decision", ("decided_on",)),
    ("rejections", "rejection", "rejection", ("queried_on", "decided_on")),
    ("withdrawals", "withdrawal", "withdrawal", ("withdrawn_on",)),
    ("no_awards", "no_award", "decision not to award the lot", ("decided_on",)),
    ("price_explanations", "price_explanation", "price explanation", ("queried_on", "accepted_on")),
    ("clarifications", "clarification", "clarification", ("asked_on", "answered_on")),
    # (Not suspension_ends_on: a court may order the suspension lifted from a day to come.)
    ("challenges", "challenge", "challenge", ("notified_on",)),
)


def _dated_before_approval(reader: TomlReader, decisions: Decisions, approved_on: str) -> None:
    """A problem at each date before the plan's approval: nothing is received, evaluated,
    decided or sent before the award criteria and weights are approved, so the year is
    most likely typed wrong (2016 for 2026). A record's date is a warning and the record is
    applied as it stands, as one dated after the day scored is: the award compares no record's
    date with the plan's. A standstill date is an error, which holds the award back: the
    contract award notice publishes the standstill period, and the summaries the day they
    were sent, and a period ten years gone, published as running, tells every bidder the time
    to challenge the award is over."""
    approval = f"{PLAN_FILE} › approval.approved_on"
    for kind, section, noun, keys in DATED:
        for record in getattr(decisions, kind):
            for key in keys:
                # (ISO dates, compared as text: "" is none recorded.)
                day = getattr(record, key)
                if not day or day >= approved_on:
                    continue
                reader.bad(
                    f"{record.where or section}.{key}",
                    f"the {noun} is dated before the plan was approved, {approved_on}: "
                    "nothing is decided before then (a year typed wrong?); it is applied as "
                    "it stands",
                    f"{key} = {day}",
                    f"the day it was done, on or after {approved_on} ({approval}); check both "
                    "dates",
                    "decisions.dated_before_approval",
                    Severity.WARNING,
                )
    for key in sorted(STANDSTILL_DATES):
        day = getattr(decisions.standstill, key)
        if not isinstance(day, dt.date) or day.isoformat() >= approved_on:
            continue
        reader.bad(
            f"standstill.{key}",
            f"the standstill is dated before the plan was approved, {approved_on} (a year "
            "typed wrong?): the award notice and the summaries would give this date",
            f"{key} = {day}",
            f"a date on or after {approved_on} ({approval}); check both dates",
            "decisions.dated_before_approval",
        )


def _unknown_sections(reader: TomlReader, raw: dict[str, Any]) -> None:
    """An error for each name at the top of the file that is none of :data:`SECTIONS`: what
    it holds is not applied, and a withdrawal or rejection left out changes the award, as
    does a record's key written above its heading (the record is then for every lot)."""
    sections = Choices(SECTIONS, "sections")
    taken = ", ".join(SECTIONS.values())
    for name, value in raw.items():
        if name in SECTIONS:
            continue
        near = sections.nearest(name)
        if isinstance(value, dict) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            found = f"[{name}]" if isinstance(value, dict) else f"[[{name}]]"
            message = "the decisions file has a section tendereval does not read (a typo?)"
        else:
            found = f"{name} = …"
            message = (
                "the decisions file has a key above its first section, where no record reads it"
            )
        reader.bad(
            name,
            f"{message}, so it was not applied; putting it right could change the award",
            found,
            (f"{SECTIONS[near]} (the nearest section it takes); " if near else "")
            + f"decisions.toml takes only {taken}, each record's keys below its heading",
            "decisions.unknown_section",
        )


class _Entry:
    """One record being read: whether reading it has found an error so far."""

    def __init__(self, reader: TomlReader) -> None:
        self._problems = reader.problems.items
        self._mark = len(self._problems)

    @property
    def in_error(self) -> bool:
        return any(p.is_error for p in self._problems[self._mark :])


def _records(
    reader: TomlReader, raw: dict[str, Any], kind: str, known: set[str]
) -> Iterator[tuple[str, dict[str, Any], _Entry]]:
    """Each ``[[kind]]`` table, where it is (``withdrawal[0]``) and its :class:`_Entry`, the
    keys it does not take already errors.

    A record with an error is not applied: the error holds the award back instead. Applied,
    a key typed wrong (``lots = "ASH"``) or a lot that is not text (``lot = ["ASH"]``) would
    leave the record for every lot, withdrawing or disqualifying the supplier in lots it is
    winning."""
    keys = Choices(sorted(known), "keys")
    for where, spec in reader.array(raw, kind, SECTIONS[kind]):
        entry = _Entry(reader)
        _unknown_keys(reader, spec, kind, keys, where)
        yield where, spec, entry


# What each record is called in a message, where its section's name does not read as English.
_RECORD_NOUNS = {"no_award": "decision not to award the lot"}


def _unknown_keys(
    reader: TomlReader, spec: dict[str, Any], kind: str, keys: Choices, where: str
) -> None:
    """An error at each key of a record that it does not take, naming the nearest it does."""
    for key in spec:
        if key in keys.values:
            continue
        near = keys.nearest(key)
        noun = _RECORD_NOUNS.get(kind, kind.replace("_", " "))
        reader.bad(
            f"{where}.{key}",
            f"the {noun} has a key tendereval does not read (a typo?), so it was not "
            "applied; putting it right could change the award",
            key,
            (f"{near} (the nearest key it takes); " if near else "")
            + f"a {SECTIONS[kind]} takes only {', '.join(keys.values)} "
            "(anything else goes in a # comment)",
            "decisions.unknown_key",
        )


def _clarifications(reader: TomlReader, raw: dict[str, Any]) -> tuple:
    clarifications: list[RecordedClarification] = []
    for where, spec in reader.array(raw, "clarification", "[[clarification]]"):
        reader.unknown(spec, CLARIFICATION_KEYS, where)
        supplier = reader.text(spec, "supplier", f"{where}.supplier", required=True)
        # What the supplier said is the record: without it there is nothing to go on.
        answer = reader.text(spec, "answer", f"{where}.answer", required=True)
        if spec.get("answered_on") in (None, ""):
            reader.bad(
                f"{where}.answered_on",
                "the clarification does not say when the supplier answered",
                NOTHING,
                "the date of the supplier's answer, such as answered_on = 2026-03-03",
                "decisions.date",
            )
        answered = _date(reader, spec, "answered_on", where)
        asked = _date(reader, spec, "asked_on", where)
        statuses = {key: _status(reader, spec, key, where) for key in CLARIFIED_STATUSES}
        if supplier is None or answer is None or answered is None:
            continue
        if _NOT_A_FLAG in statuses.values():  # (its error says so)
            continue
        if asked is not None and answered < asked:
            reader.bad(
                f"{where}.answered_on",
                "the clarification is recorded as answered before the supplier was asked",
                answered.isoformat(),
                f"a date on or after asked_on ({asked})",
                "decisions.clarification_order",
            )
            continue
        clarifications.append(
            RecordedClarification(
                supplier,
                answer,
                answered.isoformat(),
                cell=reader.text(spec, "cell", f"{where}.cell") or "",
                asked_on=asked.isoformat() if asked else "",
                recorded_by=reader.text(spec, "recorded_by", f"{where}.recorded_by") or "",
                where=where,
                **statuses,
            )
        )
    return tuple(clarifications)


def _challenges(
    reader: TomlReader,
    raw: dict[str, Any],
    lot_ids: list[str],
    standstill: Standstill,
    regime: str,
) -> tuple:
    """The ``[[challenge]]`` records: proceedings against the award, each with the day the
    buyer was notified of them. Whether each suspends a lot's contract is the award
    decision's to say (award/suspension.py); here only what the record itself gets wrong."""
    challenges: list[RecordedChallenge] = []
    for where, spec, entry in _records(reader, raw, "challenge", CHALLENGE_KEYS):
        # Without the day notified, nothing says whether the contract is suspended.
        if spec.get("notified_on") in (None, ""):
            reader.bad(
                f"{where}.notified_on",
                "the challenge does not say when the contracting authority was notified of "
                "the proceedings",
                NOTHING,
                "the day you were notified that the claim form was issued, such as "
                "notified_on = 2026-12-16",
                "decisions.date",
            )
        notified = _date(reader, spec, "notified_on", where)
        ends = _date(reader, spec, "suspension_ends_on", where)
        lots = _challenged_lots(reader, spec, where, lot_ids)
        note = reader.text(spec, "note", f"{where}.note") or ""
        if notified is None or lots is False:
            continue
        if ends is not None and ends < notified:
            reader.bad(
                f"{where}.suspension_ends_on",
                "the suspension is recorded as ending before the contracting authority was "
                "notified of the proceedings",
                ends.isoformat(),
                f"a date on or after notified_on ({notified}); leave it out while the "
                "suspension holds",
                "decisions.challenge_order",
            )
            continue
        sent = standstill.summaries_sent_on
        if sent is not None and notified < sent:
            reader.bad(
                f"{where}.notified_on",
                f"the challenge is recorded as notified before the {terms(regime).summaries} "
                f"were sent, {sent}: proceedings against the award follow the decision (a "
                "year typed wrong?); it is applied as it stands",
                f"notified_on = {notified}",
                f"the day you were notified of the proceedings, on or after {sent}",
                "decisions.challenge_order",
                Severity.WARNING,
            )
        if entry.in_error:
            continue
        challenges.append(
            RecordedChallenge(
                notified.isoformat(),
                lots,
                ends.isoformat() if ends else "",
                note,
                where,
            )
        )
    return tuple(challenges)


def _challenged_lots(
    reader: TomlReader, spec: dict[str, Any], where: str, lot_ids: list[str]
) -> tuple[str, ...] | bool | None:
    """The lots a challenge concerns: None (the key left out) for every lot awarded; False
    when the key holds something else than the plan's lots (an error at it says what). One
    lot written as text (``lots = "ASH"``) is read as that lot."""
    value = spec.get("lots")
    if value is None:
        return None
    key = f"{where}.lots"
    given = [value] if isinstance(value, str) else value
    if not isinstance(given, list) or not all(isinstance(lot, str) for lot in given):
        reader.bad(
            key,
            "the challenge's lots must be a list of lot ids in quotes",
            value,
            f'lots = ["{lot_ids[0] if lot_ids else "A"}"]; or leave the key out for every lot '
            "awarded",
            "decisions.not_text",
        )
        return False
    lots = tuple(dict.fromkeys(lot.strip() for lot in given if not shows_nothing(lot)))
    if not lots:
        reader.bad(
            key,
            "the challenge's lots are left blank, so it was not applied: only a challenge "
            "without lots is for every lot awarded",
            NOTHING,
            f"the lot ids it concerns (of {', '.join(lot_ids)}), or leave the key out for "
            "every lot awarded",
            "decisions.blank_lot",
        )
        return False
    unknown = [lot for lot in lots if lot not in lot_ids]
    if unknown:
        reader.bad(
            key,
            "the challenge is for a lot the plan does not have",
            ", ".join(unknown),
            "lots of " + ", ".join(lot_ids) + ", or leave the key out for every lot awarded",
            "decisions.unknown_lot",
        )
        return False
    return lots


_NOT_A_FLAG = object()  # a status given as something other than true or false


def _status(reader: TomlReader, spec: dict[str, Any], key: str, where: str) -> Any:
    """A clarification's ``sme`` or ``vcse``: True, False, None when left out, and an error
    (the record not applied) for anything else: "yes" in quotes is not read as true."""
    value = spec.get(key)
    if value is None or isinstance(value, bool):
        return value
    reader.bad(
        f"{where}.{key}",
        f"the clarification's {key} must be true or false (the supplier's answer), so it was "
        "not applied",
        value,
        f"{key} = true or {key} = false, without quotes; or leave {key} out",
        "decisions.not_a_flag",
    )
    return _NOT_A_FLAG


def _explanations(
    reader: TomlReader, raw: dict[str, Any], lot_ids: list[str], disregards: tuple
) -> tuple:
    explained: list[RecordedExplanation] = []
    # Looked up, not searched: a file of thousands of each must read in seconds.
    disregarded: dict[str, list[RecordedRejection]] = {}
    for r in disregards:
        if r.ground == "abnormally_low":
            disregarded.setdefault(supplier_key(r.supplier), []).append(r)
    for where, spec, entry in _records(reader, raw, "price_explanation", EXPLANATION_KEYS):
        supplier = reader.text(spec, "supplier", f"{where}.supplier", required=True)
        lot = _lot_or_every(reader, spec, where, lot_ids, "price explanation")
        # Both days are the record: asked, then satisfied, never the other way round.
        days = {}
        for key, what in (("queried_on", "the supplier was asked to explain its price"),
                          ("accepted_on", "its explanation was accepted")):  # fmt: skip
            if spec.get(key) in (None, ""):
                reader.bad(
                    f"{where}.{key}",
                    f"the price explanation does not say when {what}",
                    NOTHING,
                    f"a date such as {key} = 2026-03-02",
                    "decisions.date",
                )
            days[key] = _date(reader, spec, key, where)
        queried, accepted = days["queried_on"], days["accepted_on"]
        if supplier is None or queried is None or accepted is None:
            continue
        if lot is not None and _unknown_lot(reader, where, lot, lot_ids, "price explanation"):
            continue
        if accepted < queried:
            reader.bad(
                f"{where}.accepted_on",
                "the explanation is recorded as accepted before the supplier was asked for it",
                accepted.isoformat(),
                f"a date on or after queried_on ({queried})",
                "decisions.explanation_order",
            )
            continue
        record = RecordedExplanation(
            supplier,
            queried.isoformat(),
            accepted.isoformat(),
            lot,
            decided_by=reader.text(spec, "decided_by", f"{where}.decided_by") or "",
            note=reader.text(spec, "note", f"{where}.note") or "",
            where=where,
        )
        # Accepted and disregarded for the same price: one of the two records is wrong.
        clash = next(
            (
                r
                for r in disregarded.get(supplier_key(record.supplier), ())
                if r.lot is None or record.lot is None or r.lot == record.lot
            ),
            None,
        )
        if clash is not None:
            reader.bad(
                f"{where}.supplier",
                f"the explanation of {record.supplier}'s price is recorded as accepted, and "
                f"its tender as disregarded for that price at {clash.where}",
                record.supplier,
                "one of the two: the explanation accepted, or the tender disregarded",
                "decisions.explanation_conflict",
            )
            continue
        if not entry.in_error:
            explained.append(record)
    return tuple(explained)


def _no_awards(reader: TomlReader, raw: dict[str, Any], lot_ids: list[str], awards: tuple) -> tuple:
    no_awards: list[RecordedNoAward] = []
    # Each lot's first decision, looked up: a file may hold thousands.
    taken = {a.lot: a.where for a in reversed(awards)}
    for where, spec, entry in _records(reader, raw, "no_award", NO_AWARD_KEYS):
        lot = reader.text(spec, "lot", f"{where}.lot", required=True)
        # Not awarding a lot the tenders were invited for is explained to every bidder.
        reason = reader.text(spec, "reason", f"{where}.reason", required=True)
        if lot is None or reason is None:
            continue
        if _unknown_lot(reader, where, lot, lot_ids, "decision"):
            continue
        earlier = taken.get(lot)
        if earlier is not None:
            reader.bad(
                f"{where}.lot",
                f"lot {lot} already has a decision at {earlier}, so this one was not applied",
                lot,
                "one decision per lot: an award or no award",
                "decisions.twice",
            )
            continue
        record = RecordedNoAward(lot, reason, **_who_and_when(reader, spec, where))
        if entry.in_error:
            continue
        no_awards.append(record)
        taken[lot] = where
    return tuple(no_awards)


def _rejections(reader: TomlReader, raw: dict[str, Any], lot_ids: list[str]) -> tuple:
    rejections: list[RecordedRejection] = []
    for where, spec, entry in _records(reader, raw, "rejection", REJECTION_KEYS):
        supplier = reader.text(spec, "supplier", f"{where}.supplier", required=True)
        # Rejecting a tender without its reason cannot be explained to the supplier or a court.
        reason = reader.text(spec, "reason", f"{where}.reason", required=True)
        lot = _lot_or_every(reader, spec, where, lot_ids, "rejection")
        ground = _ground(reader, spec, where)
        if supplier is None or reason is None or ground is False:
            continue
        if lot is not None and _unknown_lot(reader, where, lot, lot_ids, "rejection"):
            continue
        who = _who_and_when(reader, spec, where)
        queried = _date(reader, spec, "queried_on", where)
        if not _queried_first(reader, where, ground, queried, who["decided_on"]):
            continue
        _time_to_explain(reader, where, queried, who["decided_on"])
        if entry.in_error:
            continue
        if ground == "excluded_supplier" and lot is not None:
            lot = _excluded_from_every_lot(reader, where, supplier, lot)
        rejections.append(
            RecordedRejection(
                supplier,
                reason,
                lot,
                **who,
                ground=ground,
                queried_on=queried.isoformat() if queried else "",
            )
        )
    return tuple(rejections)


def _excluded_from_every_lot(reader: TomlReader, where: str, supplier: str, lot: str) -> None:
    """None (every lot), with a warning, for a rejection of ``supplier``'s tender for ``lot``
    on the ground that it is an excluded supplier: exclusion is of the supplier, from the
    procurement (Procurement Act 2023 s.57; PCR 2015 reg 57), and every tender of an excluded
    supplier is disregarded (s.26(1)). Applied to one lot, the supplier was proposed, told it
    won and published as the winner of another with no word of it."""
    reader.bad(
        f"{where}.lot",
        f"the rejection records {supplier} as an excluded supplier for lot {lot}: an "
        "excluded supplier is excluded from the procurement, not from a lot, so its tender "
        "is disregarded for every lot of its bid",
        f'lot = "{lot}" with ground = "excluded_supplier"',
        "no lot for an excluded supplier (Procurement Act 2023 s.26(1) and s.57; PCR 2015 "
        "reg 57); where only an associated person relied on for that lot is excluded and the "
        "supplier replaced it (s.28), the supplier is not excluded: take the record out",
        "decisions.excluded_for_every_lot",
        Severity.WARNING,
    )


def _ground(reader: TomlReader, spec: dict[str, Any], where: str) -> str | bool | None:
    """The rejection's ground (None when it gives none), or False when it is not one."""
    ground = reader.text(spec, "ground", f"{where}.ground")
    if ground is None or ground in GROUNDS:
        return ground
    reader.bad(
        f"{where}.ground",
        "the rejection's ground is not one tendereval knows, so it was not applied",
        ground,
        "one of " + ", ".join(GROUNDS),
        "decisions.rejection_ground",
    )
    return False


def _queried_first(
    reader: TomlReader,
    where: str,
    ground: str | None,
    queried: dt.date | None,
    decided_on: str,
) -> bool:
    """Whether a tender disregarded as abnormally low was queried first: the law lets the
    buyer disregard it only after the supplier has had the chance to explain its price."""
    if ground != "abnormally_low":
        return True
    if queried is None:
        reader.bad(
            f"{where}.queried_on",
            "the rejection disregards a tender as abnormally low without saying when the "
            "supplier was asked to explain its price, so it was not applied",
            NOTHING,
            "the date the supplier was asked, such as queried_on = 2026-03-02: an abnormally "
            "low tender is queried before it is disregarded, never rejected outright",
            "decisions.rejection_not_queried",
        )
        return False
    if decided_on and queried.isoformat() > decided_on:
        reader.bad(
            f"{where}.queried_on",
            "the supplier was asked to explain its price after the tender was disregarded, "
            "so the rejection was not applied",
            queried.isoformat(),
            f"a date on or before decided_on ({decided_on})",
            "decisions.rejection_not_queried",
        )
        return False
    return True


def _time_to_explain(
    reader: TomlReader, where: str, queried: dt.date | None, decided_on: str
) -> None:
    """A warning when a tender is disregarded as abnormally low on the day its supplier was
    asked to explain its price: the supplier must first be given a reasonable opportunity to
    show it can perform the contract for that price (Procurement Act 2023 s.34; PCR 2015 reg
    69), and a day is none. Applied still: the buyer may know better (an answer by return)."""
    if queried is None or queried.isoformat() != decided_on:
        return
    reader.bad(
        f"{where}.queried_on",
        "the tender was disregarded as abnormally low on the day its supplier was asked to "
        "explain its price, so the supplier was given no time to explain it",
        f"queried_on and decided_on both {decided_on}",
        "a reasonable opportunity for the supplier to explain its price before the tender is "
        "disregarded (Procurement Act 2023 s.34; PCR 2015 reg 69): decided_on the day the "
        "contracting authority considered its explanation, or the end of the time it was given",
        "decisions.no_time_to_explain",
        Severity.WARNING,
    )


def _withdrawals(reader: TomlReader, raw: dict[str, Any], lot_ids: list[str]) -> tuple:
    withdrawals: list[RecordedWithdrawal] = []
    for where, spec, entry in _records(reader, raw, "withdrawal", WITHDRAWAL_KEYS):
        supplier = reader.text(spec, "supplier", f"{where}.supplier", required=True)
        lot = _lot_or_every(reader, spec, where, lot_ids, "withdrawal")
        # When is part of the record: a withdrawal after the summaries went out changes them.
        if spec.get("withdrawn_on") in (None, ""):
            reader.bad(
                f"{where}.withdrawn_on",
                "the withdrawal does not say when the supplier withdrew",
                NOTHING,
                "the date of the supplier's withdrawal, such as withdrawn_on = 2026-03-04",
                "decisions.date",
            )
            continue
        withdrawn_on = _date(reader, spec, "withdrawn_on", where)
        if supplier is None or withdrawn_on is None:
            continue
        if lot is not None and _unknown_lot(reader, where, lot, lot_ids, "withdrawal"):
            continue
        record = RecordedWithdrawal(
            supplier,
            withdrawn_on.isoformat(),
            lot,
            recorded_by=reader.text(spec, "recorded_by", f"{where}.recorded_by") or "",
            note=reader.text(spec, "note", f"{where}.note") or "",
            where=where,
        )
        if not entry.in_error:
            withdrawals.append(record)
    _withdrawn_twice(reader, withdrawals)
    return tuple(withdrawals)


def _disregarded_and_withdrawn(reader: TomlReader, set_aside: Decisions) -> None:
    """A warning at each withdrawal of a tender the record also disregards on a ground: the
    withdrawal is applied (the tender is ``withdrawn`` in every output, and gets no
    assessment summary), so the disregard, a decision the buyer took after assessing it, is
    seen in no output but the record. One of the two is likely wrong, or the order matters:
    a tender disregarded before its supplier withdrew it was assessed."""
    disregards: dict[str, list[RecordedRejection]] = {}
    for rejection in set_aside.disregards:
        disregards.setdefault(supplier_key(rejection.supplier), []).append(rejection)
    if not disregards:
        return
    for withdrawal in set_aside.withdrawals:
        clash = next(
            (
                r
                for r in disregards.get(supplier_key(withdrawal.supplier), ())
                if r.file == withdrawal.file
                and (r.lot is None or withdrawal.lot is None or r.lot == withdrawal.lot)
            ),
            None,
        )
        if clash is None:
            continue
        on = f" on {clash.decided_on}" if clash.decided_on else ""
        reader.bad(
            f"{withdrawal.where}.supplier" if withdrawal.where else "withdrawal",
            f"{withdrawal.file or withdrawal.supplier}'s tender is recorded as withdrawn on "
            f"{withdrawal.withdrawn_on} and as disregarded by the contracting authority{on} "
            f"because {GROUNDS[clash.ground or '']} ({clash.where or 'rejection'}): it is shown "
            "as withdrawn, and the disregard is in no output but this record",
            withdrawal.file or withdrawal.supplier,
            "one of the two: a tender disregarded before its supplier withdrew it was "
            "assessed, and its assessment summary says why it was not successful (take the "
            "withdrawal out); a tender withdrawn before it was disregarded needs no disregard "
            "(take the rejection out)",
            "decisions.disregarded_and_withdrawn",
            Severity.WARNING,
        )


def _withdrawn_twice(reader: TomlReader, withdrawals: list[RecordedWithdrawal]) -> None:
    """A warning at each withdrawal recorded again for the same supplier (or file) and lot:
    one tender is withdrawn once, and two records of it (two days, say) leave the record
    saying two things, the Audit sheet listing both."""
    first: dict[tuple[str, str | None], RecordedWithdrawal] = {}
    for record in withdrawals:
        earlier = first.setdefault((supplier_key(record.supplier), record.lot), record)
        if earlier is record:
            continue
        which = f"lot {record.lot}" if record.lot is not None else "every lot"
        days = (
            f"on {earlier.withdrawn_on} there and on {record.withdrawn_on} here"
            if earlier.withdrawn_on != record.withdrawn_on
            else f"on {record.withdrawn_on} both times"
        )
        reader.bad(
            f"{record.where}.withdrawn_on",
            f"the withdrawal of {record.supplier} ({which}) is recorded twice: at "
            f"{earlier.where} too, {days}",
            record.withdrawn_on,
            "one record of each withdrawal: keep the one giving the day the supplier withdrew "
            "and remove the other",
            "decisions.withdrawal_twice",
            Severity.WARNING,
        )


def _lot_or_every(
    reader: TomlReader, spec: dict[str, Any], where: str, lot_ids: list[str], what: str
) -> str | None:
    """The lot a record is for, None for every lot of the bid. Only a record without the key
    is for every lot: ``lot = ""`` (or spaces) is an error at the key, and the record is not
    applied. Read as no lot, a withdrawal meant for one lot would withdraw the supplier from
    every lot it is winning, each going to someone else without a word."""
    value = spec.get("lot")
    if isinstance(value, str) and shows_nothing(value):
        reader.bad(
            f"{where}.lot",
            f"the {what}'s lot is left blank, so it was not applied: only a {what} without "
            "a lot is for every lot of the bid",
            NOTHING,
            f"a lot id (one of {', '.join(lot_ids)}), or leave the key out for every lot",
            "decisions.blank_lot",
        )
        return None
    return reader.text(spec, "lot", f"{where}.lot")


def _unknown_lot(reader: TomlReader, where: str, lot: str, lot_ids: list[str], what: str) -> bool:
    """Whether ``lot`` is not the plan's (a problem at its key says so)."""
    if lot in lot_ids:
        return False
    every = ", or no lot for every lot of the bid" if what != "decision" else ""
    reader.bad(
        f"{where}.lot",
        f"the {what} is for a lot the plan does not have",
        lot,
        "one of " + ", ".join(lot_ids) + every,
        "decisions.unknown_lot",
    )
    return True


def _who_and_when(reader: TomlReader, spec: dict[str, Any], where: str) -> dict[str, str]:
    """Who recorded a decision, when, and where in the file (for messages)."""
    decided_on = _date(reader, spec, "decided_on", where)
    return {
        "decided_by": reader.text(spec, "decided_by", f"{where}.decided_by") or "",
        "decided_on": decided_on.isoformat() if decided_on else "",
        "where": where,
    }


def _awards(
    reader: TomlReader, raw: dict[str, Any], lot_ids: list[str], set_aside: Decisions
) -> tuple:
    awards: list[RecordedAward] = []
    standing: dict[str, RecordedAward] = {}  # each lot's decision that is not spent
    for where, spec, entry in _records(reader, raw, "decision", DECISION_KEYS):
        lot = reader.text(spec, "lot", f"{where}.lot", required=True)
        award_to = reader.text(spec, "award_to", f"{where}.award_to", required=True)
        # A decision without its reason cannot be explained to the bidders or a court.
        reason = reader.text(spec, "reason", f"{where}.reason", required=True)
        if lot is None or award_to is None or reason is None:
            continue
        if _unknown_lot(reader, where, lot, lot_ids, "decision"):
            continue
        award = RecordedAward(lot, award_to, reason, **_who_and_when(reader, spec, where))
        if entry.in_error:
            continue
        spent = set_aside.spent_by(award)
        if spent is not None:
            _spent(reader, award, spent)
            awards.append(award)  # on the record, and read back the same, but not followed
            continue
        earlier = standing.get(lot)
        if earlier is not None:
            reader.bad(
                f"{where}.lot",
                f"lot {lot} already has a decision at {earlier.where}",
                lot,
                "one decision per lot",
                "decisions.twice",
            )
            continue
        awards.append(award)
        standing[lot] = award
    return tuple(awards)


def spent_text(by: RecordedWithdrawal | RecordedRejection) -> str:
    """What became of the tender a spent decision gave its lot to, and where it is recorded:
    "was withdrawn by the supplier on 2026-10-02 (withdrawal[0])"."""
    what = (
        f"was withdrawn by the supplier on {by.withdrawn_on}"
        if isinstance(by, RecordedWithdrawal)
        else "was disregarded by the contracting authority"
        + (f" on {by.decided_on}" if by.decided_on else "")
    )
    return f"{what} ({by.where})" if by.where else what


def _spent(
    reader: TomlReader, award: RecordedAward, by: RecordedWithdrawal | RecordedRejection
) -> None:
    """A warning that ``award`` no longer applies: the tender it gives the lot to is out."""
    reader.bad(
        f"{award.where}.award_to",
        f"the decision for lot {award.lot} gives it to a tender that {spent_text(by)}, so "
        "it no longer applies: the lot is decided without it",
        award.award_to,
        f"nothing to change (the decision stays on the record); if lot {award.lot} is left "
        "undecided without it, a [[decision]] of its own",
        "decisions.spent",
        Severity.WARNING,
    )


def _standstill(reader: TomlReader, raw: dict[str, Any], regime: str) -> Standstill:
    spec = reader.table(raw, "standstill")
    reader.unknown(spec, STANDSTILL_KEYS, "standstill")
    dates = {key: _date(reader, spec, key, "standstill") for key in sorted(STANDSTILL_DATES)}
    sent = spec.get("summaries_sent_on")
    at = uk_moment(sent) if isinstance(sent, dt.datetime) and dates["summaries_sent_on"] else None
    exemption = reader.text(spec, "exemption", "standstill.exemption") or ""
    standstill = Standstill(**dates, summaries_sent_at=at, exemption=exemption)
    if exemption and regime == "PCR2015":
        _exemption_not_read(reader, exemption)
    if standstill.starts_on and standstill.ends_on and standstill.ends_on < standstill.starts_on:
        reader.bad(
            "standstill.ends_on",
            "the standstill period ends before it starts",
            standstill.ends_on.isoformat(),
            f"a date on or after {standstill.starts_on}",
            "decisions.standstill",
        )
    if (
        standstill.summaries_sent_on
        and standstill.starts_on
        and standstill.starts_on < standstill.summaries_sent_on
    ):
        # Procurement Act 2023 s.51: standstill starts when the contract award notice is
        # published, which follows the assessment summaries (s.50); PCR 2015 reg 87: when
        # the award decision notices are sent.
        reader.bad(
            "standstill.starts_on",
            f"the standstill period starts before the {terms(regime).summaries} were sent",
            standstill.starts_on.isoformat(),
            f"a date on or after {standstill.summaries_sent_on}",
            "decisions.standstill",
            Severity.WARNING,
        )
    if standstill.ends_on and not (
        standstill.starts_on and standstill.ends_on < standstill.starts_on
    ):
        _check_length(reader, standstill, regime)
    return standstill


def _check_length(reader: TomlReader, standstill: Standstill, regime: str) -> None:
    """A standstill shorter than the law's minimum, which puts the award it protects at risk
    of being set aside: an error, which holds the award (:func:`act_short`; under PCR 2015
    :func:`_check_pcr_length`), but under the Act a warning for a contract the buyer records as
    exempt. Procurement Act 2023 s.51: eight working days from the day the contract award
    notice is published (a working day is a weekday that is not Christmas Day, Good Friday or
    a bank holiday in any part of the UK: award/working_days.py); PCR 2015 reg 87: until
    midnight at the end of the tenth day after the award decision notices were sent, or of the
    next working day when that is not one. With no start recorded, a PCR standstill is counted
    from the sending of the notices; one under the Act cannot be counted until the notice is
    published, which ``publish`` does."""
    starts, ends = standstill.starts_on, standstill.ends_on
    assert ends is not None
    if regime == "PCR2015":
        _check_pcr_length(reader, standstill, starts, ends)
        return
    if starts is None:
        _no_start(reader, ends, standstill.exemption)
        return
    counted, holidays = working_days(starts, ends, enough=STANDSTILL_WORKING_DAYS)
    if counted >= STANDSTILL_WORKING_DAYS:
        return
    found = f"{starts} to {ends}: {counted} working day{'s' * (counted != 1)}"
    if holidays:
        found += (
            " (not counted: "
            + "; ".join(f"{in_words(day)}, {name}" for day, name in holidays)
            + ")"
        )
    message, expected, severity = act_short(standstill.exemption)
    reader.bad(
        "standstill.ends_on", message, found, expected, "decisions.standstill_short", severity
    )


# Procurement Act 2023 s.51(3) lists the contracts with no mandatory standstill (among them
# light touch contracts and contracts awarded under a framework); below-threshold contracts
# have none (Part 6). tendereval cannot tell whether a contract is one: the buyer says why.
EXEMPTION_EXAMPLE = 'exemption = "a light touch contract, s.51(3)"'
_ACT_DAYS = f"{STANDSTILL_WORKING_DAYS} working days (Procurement Act 2023 s.51)"
_COUNTED = (
    "weekdays other than Christmas Day, Good Friday and the bank holidays of any part of the "
    "UK; check for any day proclaimed a bank holiday since"
)


def act_short(exemption: str) -> tuple[str, str, Severity]:
    """What is said of a standstill shorter than the Act's (message, expected, severity): an
    error, whose expected names both ways out, unless ``exemption`` records why s.51 does not
    bind the contract, when it is a warning quoting it (and claims nothing the law requires).
    ``publish``, counting a standstill from the day it publishes, says the same."""
    if exemption:
        return (
            f"the standstill period is shorter than the {_ACT_DAYS}; the contract is recorded "
            f'as exempt from it: "{exemption}"',
            "the exemption to hold for this contract (s.51(3) lists the contracts with no "
            f"mandatory standstill); if it does not, at least {_ACT_DAYS}: {_COUNTED}, and "
            "[standstill] exemption taken out",
            Severity.WARNING,
        )
    return (
        "the standstill period is shorter than the law requires",
        f"at least {_ACT_DAYS}: {_COUNTED}; or, for a contract s.51(3) exempts from the "
        "standstill (a light touch contract, or one awarded under a framework, say), why, "
        f"recorded in [standstill] as {EXEMPTION_EXAMPLE}",
        Severity.ERROR,
    )


def _no_start(reader: TomlReader, ends: dt.date, exemption: str) -> None:
    """A warning that a standstill under the Act recorded with an end but no start cannot be
    counted: it begins with the day the contract award notice is published (s.51), which
    decisions.toml does not record."""
    length = (
        f'the contract is recorded as exempt from its standstill ("{exemption}"), so publish '
        "counts it from the day it publishes and warns if it is shorter"
        if exemption
        else f"the period must hold at least {STANDSTILL_WORKING_DAYS} working days, which "
        "publish counts from the day it publishes"
    )
    reader.bad(
        "standstill.starts_on",
        "the standstill period has an end but no start, so its length cannot be checked "
        "until the contract award notice is published",
        f"ends_on = {ends}, no starts_on",
        "starts_on: the day the contract award notice is published, with which the "
        f"standstill begins (Procurement Act 2023 s.51); {length}",
        "decisions.standstill_no_start",
        Severity.WARNING,
    )


def _exemption_not_read(reader: TomlReader, exemption: str) -> None:
    """A warning that an exemption is not read under PCR 2015: reg 87's standstill applies
    to every contract tendereval evaluates under it."""
    reader.bad(
        "standstill.exemption",
        "an exemption from the standstill is a Procurement Act 2023 rule (s.51(3)); under PCR "
        "2015 the standstill of reg 87 is counted all the same, and a short one is an error",
        exemption,
        "no exemption under PCR 2015: the standstill of reg 87",
        "decisions.standstill_exemption",
        Severity.WARNING,
    )


def _check_pcr_length(
    reader: TomlReader, standstill: Standstill, starts: dt.date | None, ends: dt.date
) -> None:
    """PCR 2015 reg 87, counted from the day the notices were sent (the day before the
    standstill starts when that is not recorded): 2 June to 11 June counted ten days from the
    day of sending, one short, and a standstill ending on a Saturday passed. With neither
    recorded the notices are not yet sent, and there is nothing to count from. Short, it is an
    error, which holds the award back: reg 87 applies to every contract the Regulations'
    award decision notices are sent for, and each notice would state the unlawful end as the
    day before which the contract will not be entered into (reg 86(2)(d))."""
    if standstill.summaries_sent_on is not None:
        sent = standstill.summaries_sent_on
    elif starts is not None:
        # (The calendar's first day has none before it; dated before the plan's approval, it
        # is an error of its own.)
        sent = starts - dt.timedelta(days=1) if starts > dt.date.min else starts
    else:
        return
    earliest, passed = pcr_standstill_ends(sent)
    if ends >= earliest:
        return
    if starts is not None:
        days = (ends - starts).days + 1
        found = f"{starts} to {ends}: {days} day{'s' * (days != 1)}"
    else:
        found = f"an end on {_day(ends)}, no start recorded"
    if standstill.summaries_sent_on:
        found += f", the award decision notices sent on {_day(sent)}"
    tenth = _day(sent + dt.timedelta(days=PCR_STANDSTILL_DAYS))
    # A weekend day is named by its date alone (its weekday says why); a holiday with its name.
    skipped = [_day(day) + (f" ({name})" if day.weekday() < 5 else "") for day, name in passed]
    verb = "is not a working day" if len(skipped) == 1 else "are not working days"
    moved = (
        f"; {' and '.join(skipped)} {verb}, so it ends at the end of the next working day"
        if passed
        else ""
    )
    reader.bad(
        "standstill.ends_on",
        "the standstill period is shorter than the law requires",
        found,
        f"an end on or after {_day(earliest)} (PCR 2015 reg 87: midnight at the end of the "
        f"tenth day after the notices were sent by electronic means, {tenth}{moved}; sent by "
        "other means, longer)",
        "decisions.standstill_short",
    )


def _day(day: dt.date) -> str:
    """``Friday 11 June 2027``: a date an officer checks against a calendar."""
    return with_weekday(day)


def uk_moment(moment: dt.datetime) -> dt.datetime:
    """A date and time as the UK's clocks read it, without an offset: one with an offset is
    moved to UK time, one without is UK time already (as for a date, io/cells.parse_date)."""
    if moment.utcoffset() is None:
        return moment.replace(microsecond=0)
    try:
        utc = moment.astimezone(dt.UTC)
        return (utc + uk_offset_at(utc)).replace(tzinfo=None, microsecond=0)
    except OverflowError:
        # Before the calendar's first day in the UK (0001-01-01T00:30:00+05:00): taken as
        # written, and refused as dated before the plan's approval.
        return moment.replace(tzinfo=None, microsecond=0)


def _date(reader: TomlReader, spec: dict[str, Any], key: str, where: str) -> dt.date | None:
    value = spec.get(key)
    text, problem = parse_date(value)
    if problem is not None:
        reader.bad(
            f"{where}.{key}",
            f"{where}.{key} is not a date",
            value,
            "a date such as 2026-03-02 (no quotes) or '02/03/2026'",
            "decisions.date",
        )
        return None
    if not text:
        return None
    day = dt.date.fromisoformat(text)
    if day.year <= LATEST_RECORDED_YEAR:
        return day
    # Refused: the standstill counted on from 9999-12-31 runs off the calendar.
    reader.bad(
        f"{where}.{key}",
        f"{where}.{key} is a date in {day.year}, far beyond any tender's (a placeholder for a "
        "day not yet known?)",
        value,
        f"the day it happened or will happen, such as {key} = 2026-03-02; while the day is not "
        f"known, leave {key} out",
        "decisions.date",
    )
    return None
