"""The award decision: who is proposed for each lot, made once and read by every output.

``decide(result)`` (also attached by ``score`` as ``result.award``) settles each lot from the
ranking, the plan's tie-break and lot cap, and the buyer's recorded decisions
(``decisions.toml``); :mod:`tendereval.award.cap` applies the published lot-cap mechanism.
"""

from tendereval.award.decision import AwardDecision, CapOutcome, LotAward, decide
from tendereval.award.recorded import (
    DECISIONS_FILE,
    Decisions,
    RecordedAward,
    RecordedChallenge,
    RecordedClarification,
    RecordedExplanation,
    RecordedNoAward,
    RecordedRejection,
    RecordedWithdrawal,
    Standstill,
    load_decisions,
)

__all__ = [
    "DECISIONS_FILE",
    "AwardDecision",
    "CapOutcome",
    "Decisions",
    "LotAward",
    "RecordedAward",
    "RecordedChallenge",
    "RecordedClarification",
    "RecordedExplanation",
    "RecordedNoAward",
    "RecordedRejection",
    "RecordedWithdrawal",
    "Standstill",
    "decide",
    "load_decisions",
]
