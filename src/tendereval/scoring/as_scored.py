"""What scoring gave a result, kept to tell it from the same result changed in Python since.

Every output reads the award (``ScoreResult.award``), and the award is held back when
anything an output reads is no longer what scoring gave (``result.changed_in_python``): a
total typed over, the criteria filtered down to one bidder, a bid's row dropped from the
inputs (and its SHA-256 with it from the Audit sheet), an error deleted from the problems.

Kept: a copy of every frame (polars shares the columns, so a copy costs nothing, and an edit
in place replaces the edited column, which the copy does not share), the problems, the
settings and the plan. Comparing them all takes about 15 ms for a million scores (up to 0.1 s
once the million evaluator scores have been read, 2 ms for the results alone): it is done
when the award is made, at each read of it outside an output, and once for each output
written (``ScoreResult.written_out``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from tendereval.plan import Plan


class MadeWhenRead:
    """A long listing scoring hands over as the function that makes it (made when first
    read: see ``DetailFrame``), and a copy of what it made, to compare the listing with."""

    def __init__(self, make: Callable[[], pl.DataFrame]) -> None:
        self.make = make
        self.made: pl.DataFrame | None = None

    def __call__(self) -> pl.DataFrame:
        frame = self.make()
        self.made = frame.clone()
        return frame

    def __getstate__(self) -> dict[str, pl.DataFrame]:
        # Pickled or deep-copied with its result (a notebook's cache): the function that makes
        # the listing reads scoring's own frames and cannot be pickled, so the listing is made
        # now and kept, and the copy makes it from that.
        return {"made": self.as_made()}

    def __setstate__(self, state: dict[str, pl.DataFrame]) -> None:
        self.made = state["made"]
        self.make = self.made.clone

    def as_made(self) -> pl.DataFrame:
        """The listing as scoring makes it (made now, for a listing replaced unread)."""
        if self.made is None:
            self()
        assert self.made is not None
        return self.made


@dataclass(frozen=True)
class AsScored:
    """A result's plan, frames, problems and settings as scoring gave them. A detail frame not
    read yet is kept as the function that makes it (:class:`MadeWhenRead`): reading it only
    to keep it would make every caller wait for a million evaluator scores. The decisions too,
    as scoring checked them: others set on the result since are checked by the award."""

    plan: Plan
    frames: dict[str, pl.DataFrame | MadeWhenRead]
    problems: tuple[Any, ...]
    settings: dict[str, Any]
    decisions: Any = None  # a Decisions (frozen: kept as it is)

    @classmethod
    def of(
        cls,
        plan: Plan,
        frames: dict[str, Any],
        problems: Iterable[Any],
        settings: dict[str, Any],
        decisions: Any = None,
    ) -> AsScored:
        """``frames`` by name as the result holds them (a detail frame not read yet is a
        :class:`MadeWhenRead`)."""
        kept = {
            name: frame if isinstance(frame, MadeWhenRead) else frame.clone()
            for name, frame in frames.items()
        }
        return cls(plan, kept, tuple(problems), copy.deepcopy(settings), decisions)

    def changed(
        self, plan: Plan, frames: dict[str, Any], problems: Iterable[Any], settings: dict[str, Any]
    ) -> list[str]:
        """What differs from what scoring gave, in the order the result lists it: "plan",
        the names of the frames, "problems", "settings"."""
        changed = ["plan"] if plan is not self.plan and plan != self.plan else []
        changed += [name for name, kept in self.frames.items() if not _same(frames[name], kept)]
        if tuple(problems) != self.problems:
            changed.append("problems")
        if settings != self.settings:
            changed.append("settings")
        return changed


def _same(now: Any, kept: pl.DataFrame | MadeWhenRead) -> bool:
    """Whether a frame is the one kept, value for value and column for column (the names
    and types too: a column of whole numbers equals its floats to polars)."""
    if isinstance(kept, MadeWhenRead):
        if now is kept:  # not read yet, so not edited
            return True
        kept = kept.as_made()
    if not isinstance(now, pl.DataFrame):  # another function put in a listing's place
        return False
    return now.schema == kept.schema and now.equals(kept)
