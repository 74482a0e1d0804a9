"""Figures out of scale: the bound beyond which a figure is taken for a slip, and its words.

A rate typed in pence is 100 times too high, a total typed in a £ millions column a million
times too low: a figure many times the one it should be near is a slip far more often than a
bid, a plan's choice or a market's answer. Every such check (a bid's rates against the lot's
estimate, a price against the lot's other bids, a true cost against the estimate, a scenarios
file's price against the true cost…) uses the one bound here, so they agree on what is far.
Each is a warning or a flag for the officer to confirm the figure, never a change to a score.
"""

from __future__ import annotations

# A figure more than this many times the one it is set against, or less than this part of it.
TIMES_ESTIMATE = 5


def in_scale(figure: float, reference: float) -> bool:
    """Whether ``figure`` is within ``TIMES_ESTIMATE`` times ``reference`` either way."""
    return reference / TIMES_ESTIMATE <= figure <= reference * TIMES_ESTIMATE


def against(figure: float, reference: float) -> str:
    """How a ``figure`` out of scale stands against ``reference``, in words that read before
    "the estimate": "12 times", "less than 1/5 of"."""
    if figure > reference:
        return f"{figure / reference:,.0f} times"
    return f"less than 1/{TIMES_ESTIMATE} of"


# Managing a contract costs the buyer at least this share of a typical contract's value: £25
# a year for a £1m contract is a figure typed in thousands (25k). A bound, not a certainty.
LEAST_CONTRACT_COST_SHARE = 1e-4


def contract_cost_in_thousands(cost: float, typical_value: float) -> bool:
    """Whether a cost of managing a contract (above 0) is so small beside ``typical_value``
    (the value of a typical contract) that it was most likely typed in thousands. With a
    cost objective it decides how many contracts are worth letting: £40 typed for £40k made
    splitting a service into lots look free."""
    return 0 < cost < LEAST_CONTRACT_COST_SHARE * typical_value
