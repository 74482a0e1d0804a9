"""Scoring: price, quality and social value into totals, statuses, ranks and sensitivity.

``score(tender_or_folder)`` returns a :class:`~tendereval.scoring.result.ScoreResult`.
"""

from tendereval.scoring.combine import score

__all__ = ["score"]
