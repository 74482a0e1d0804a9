"""A loaded tender: the plan, the tidy frames of everything that came in, and the problems.

This is what the loaders return (:func:`tendereval.io.tender.load_tender`) and what scoring
takes. Build one by hand for tests or notebooks with :meth:`Tender.from_frames`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tendereval.award.recorded import Decisions
from tendereval.errors import Problem
from tendereval.io import frames as F
from tendereval.plan import Plan

FRAME_NAMES = (
    "suppliers",
    "supply_chain",
    "bids",
    "prices",
    "packages",
    "commitments",
    "declarations",
    "scores",
    "moderation",
    "proxies",
    "inputs",
)


@dataclass
class Tender:
    """Everything known about one tender. ``plan`` is None when the plan itself is unusable."""

    plan: Plan | None
    folder: Path | None = None
    suppliers: pl.DataFrame = field(default_factory=lambda: F.empty("suppliers"))
    supply_chain: pl.DataFrame = field(default_factory=lambda: F.empty("supply_chain"))
    bids: pl.DataFrame = field(default_factory=lambda: F.empty("bids"))
    prices: pl.DataFrame = field(default_factory=lambda: F.empty("prices"))
    packages: pl.DataFrame = field(default_factory=lambda: F.empty("packages"))
    commitments: pl.DataFrame = field(default_factory=lambda: F.empty("commitments"))
    declarations: pl.DataFrame = field(default_factory=lambda: F.empty("declarations"))
    scores: pl.DataFrame = field(default_factory=lambda: F.empty("scores"))
    moderation: pl.DataFrame = field(default_factory=lambda: F.empty("moderation"))
    proxies: pl.DataFrame = field(default_factory=lambda: F.empty("proxies"))
    inputs: pl.DataFrame = field(default_factory=lambda: F.empty("inputs"))
    problems: list[Problem] = field(default_factory=list)
    # The buyer's decisions recorded after scoring (decisions.toml): ties, lot-cap awards,
    # standstill dates.
    decisions: Decisions = field(default_factory=Decisions)

    @classmethod
    def from_frames(
        cls,
        plan: Plan | None,
        folder: Path | None = None,
        problems: list[Problem] | None = None,
        decisions: Decisions | None = None,
        **frames: pl.DataFrame,
    ) -> Tender:
        """A tender from frames given by name; each is conformed to its schema, others empty."""
        unknown = set(frames) - set(FRAME_NAMES)
        if unknown:
            raise TypeError(f"unknown frames: {', '.join(sorted(unknown))}")
        conformed = {name: F.conform(name, df) for name, df in frames.items()}
        return cls(
            plan=plan,
            folder=folder,
            problems=list(problems or []),
            decisions=decisions or Decisions(),
            **conformed,
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
