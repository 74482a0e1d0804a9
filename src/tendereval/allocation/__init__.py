"""Lot allocation: choose which offers win which lots under a declared, published policy.

The optimiser takes a frame of offers (``read_offers`` or ``offers_from_frame``) and a
``Policy``; ``allocate`` returns an ``AllocationResult`` holding the allocation under the
policy, the unconstrained best-value allocation beside it, and the cost of the difference.
"""

from tendereval.allocation.api import allocate
from tendereval.allocation.offers import OFFER_SCHEMA, offers_from_frame, read_offers
from tendereval.allocation.policy import PARTICIPATION_RULES, Policy
from tendereval.allocation.result import AllocationResult, Totals
from tendereval.allocation.solvers import SOLVERS

__all__ = [
    "OFFER_SCHEMA",
    "PARTICIPATION_RULES",
    "SOLVERS",
    "AllocationResult",
    "Policy",
    "Totals",
    "allocate",
    "offers_from_frame",
    "read_offers",
]
