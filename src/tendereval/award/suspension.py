"""Whether the contract for an awarded lot may be entered into while proceedings against the
award are pending: the automatic suspension, one rule read by every output.

Procurement Act 2023 s.101: proceedings brought in respect of a decision to award, that the
contracting authority is notified of during the standstill period (and before the contract is
entered into), bar it from entering into the contract; the court may lift that (s.102), and it
ends with the proceedings. Proceedings notified after the standstill ended suspend nothing
automatically. PCR 2015 reg 95: a claim form the authority has become aware of at any time
before the contract is entered into bars it; the court may end that (reg 96). tendereval does
not know when a contract was entered into, so under PCR 2015 every challenge recorded suspends.

A suspension ends on the day recorded as ``suspension_ends_on`` (the day the court lifted it
or the proceedings ended): on that day and after, the contract may be entered into. The day
asked about is the award decision's (``score`` and ``summaries``: the day it was made) or the
day the award notice is published (``publish``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tendereval.award.recorded import Decisions, RecordedChallenge, Standstill, record_file
from tendereval.errors import Problem, Severity
from tendereval.regimes import terms
from tendereval.wording import in_words, listed

if TYPE_CHECKING:
    from tendereval.award.decision import LotAward

# The warnings the award decision gives on a challenge recorded: publish repeats them.
NOT_AWARDED = "decisions.challenge_not_awarded"
AFTER_STANDSTILL = "decisions.challenge_after_standstill"
STANDSTILL_UNKNOWN = "decisions.challenge_standstill_unknown"
BEFORE_STANDSTILL = "decisions.challenge_before_standstill"
CODES = frozenset({NOT_AWARDED, AFTER_STANDSTILL, STANDSTILL_UNKNOWN, BEFORE_STANDSTILL})


@dataclass(frozen=True)
class Suspension:
    """The contract for ``lots`` may not be entered into: ``challenge`` suspends it under
    ``regime``'s law. :attr:`text` says so in a sentence."""

    lots: tuple[str, ...]
    challenge: RecordedChallenge
    regime: str

    @property
    def text(self) -> str:
        """ "The contract for lot ASH must not be entered into: proceedings against the award
        notified on 16 December 2026 (Procurement Act 2023 s.101), until the court lifts the
        suspension (s.102) or the proceedings end.\""""
        said = terms(self.regime)
        which = (
            f"contract for lot {self.lots[0]}"
            if len(self.lots) == 1
            else f"contracts for lots {listed(list(self.lots))}"
        )
        notified = in_words(dt.date.fromisoformat(self.challenge.notified_on))
        return (
            f"The {which} must not be entered into: {said.proceedings} notified on {notified} "
            f"({said.suspension_law}), until {said.suspension_lifted}"
        )

    @property
    def where(self) -> str:
        """Where the record is (``challenge[0]``), and the key that ends it."""
        return f"{self.challenge.where or 'challenge'}.suspension_ends_on"


def suspends(challenge: RecordedChallenge, standstill: Standstill, regime: str) -> bool:
    """Whether ``challenge`` suspends the contract at all under ``regime``: under the Act, when
    notified on or before the standstill's recorded end (with no end recorded, taken as in
    it); under PCR 2015, always (before the contract, which tendereval cannot tell)."""
    if regime == "PCR2015" or standstill.ends_on is None:
        return True
    return dt.date.fromisoformat(challenge.notified_on) <= standstill.ends_on


def lifted(challenge: RecordedChallenge, day: dt.date | None) -> bool:
    """Whether the suspension had ended by ``day``: its recorded end is on or before it (with
    no day known, a recorded end is taken as past)."""
    ends = challenge.suspension_ends_on
    return bool(ends) and (day is None or dt.date.fromisoformat(ends) <= day)


def suspended_lots(
    lots: Mapping[str, LotAward],
    challenges: Iterable[RecordedChallenge],
    standstill: Standstill,
    regime: str,
    day: dt.date | None,
) -> dict[str, Suspension]:
    """Each awarded lot whose contract is suspended on ``day``, with the first challenge
    recorded that suspends it."""
    holding = [c for c in challenges if suspends(c, standstill, regime) and not lifted(c, day)]
    found: dict[str, Suspension] = {}
    for challenge in holding:
        covered = tuple(
            lot
            for lot, award in lots.items()
            if award.awarded and challenge.covers(lot) and lot not in found
        )
        for lot in covered:
            found[lot] = Suspension(covered, challenge, regime)
    return found


def challenge_problems(
    decisions: Decisions, lots: Mapping[str, LotAward], regime: str
) -> list[Problem]:
    """A warning at each challenge recorded that concerns a lot not awarded (there is no
    contract to suspend), and, under the Act, at each notified outside the standstill period
    recorded, or with no end of it recorded (then taken as suspending)."""
    problems: list[Problem] = []
    standstill = decisions.standstill
    source = record_file(decisions)

    def warn(challenge: RecordedChallenge, key: str, *said: str) -> None:
        message, found, expected, code = said
        problems.append(
            Problem(
                message,
                file=source,
                cell=f"{challenge.where or 'challenge'}.{key}",
                found=found,
                expected=expected,
                code=code,
                severity=Severity.WARNING,
            )
        )

    for challenge in decisions.challenges:
        named = challenge.lots if challenge.lots is not None else ()
        not_awarded = [lot for lot in named if lot in lots and not lots[lot].awarded]
        if not_awarded or (challenge.lots is None and not any(a.awarded for a in lots.values())):
            which = (
                f"lot {listed(not_awarded)}, which is"
                if len(not_awarded) == 1
                else f"lots {listed(not_awarded)}, which are"
                if not_awarded
                else "every lot awarded, and none is"
            )
            warn(
                challenge,
                "lots",
                f"the challenge concerns {which} not proposed for award: there is no contract "
                "for it to suspend",
                ", ".join(not_awarded) or "no lots",
                "the lots whose award the proceedings concern; check the claim",
                NOT_AWARDED,
            )
        if regime == "PCR2015":
            continue
        notified = dt.date.fromisoformat(challenge.notified_on)
        law = terms(regime).suspension_law
        if standstill.ends_on is None:
            warn(
                challenge,
                "notified_on",
                "no end of the standstill period is recorded, so the challenge is taken as "
                f"suspending the contract ({law}: proceedings notified during the standstill)",
                f"notified_on = {notified}",
                "the standstill period in decisions.toml ([standstill] starts_on and ends_on), "
                "which says whether the proceedings were notified during it",
                STANDSTILL_UNKNOWN,
            )
        elif notified > standstill.ends_on:
            warn(
                challenge,
                "notified_on",
                f"the proceedings were notified on {in_words(notified)}, after the standstill "
                f"period ended ({in_words(standstill.ends_on)}), so the contract is not "
                f"suspended automatically: the suspension of {law} applies only to proceedings "
                "notified during the standstill period; the court may still order it suspended "
                "(s.102)",
                f"notified_on = {notified}",
                "advice before entering into the contract while the proceedings are pending",
                AFTER_STANDSTILL,
            )
        elif standstill.starts_on is not None and notified < standstill.starts_on:
            warn(
                challenge,
                "notified_on",
                f"the proceedings were notified on {in_words(notified)}, before the standstill "
                f"period recorded starts ({in_words(standstill.starts_on)}); they are taken as "
                f"suspending the contract ({law}), as they are still pending when it runs",
                f"notified_on = {notified}",
                "advice on whether the suspension applies; check the dates recorded",
                BEFORE_STANDSTILL,
            )
    return problems
