"""Turning what a caller hands over (a folder, a loaded tender, a scored result) into a scored
tender: the opening every tender command shares, written once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tendereval.errors import no_tender_folder, path_argument
from tendereval.inputs import from_here
from tendereval.scoring.result import ScoreResult
from tendereval.tender import Tender

TenderSource = str | Path | Tender


def load(source: TenderSource) -> Tender:
    """A loaded tender from a folder (or the tender itself). Raises ``TenderNotFound``."""
    if isinstance(source, Tender):
        return source
    from tendereval.io.tender import load_tender

    where = path_argument(
        "source", source, "a tender folder (text or pathlib.Path), a Tender or a scored result"
    )
    if not where.is_dir():
        raise no_tender_folder(where)
    from tendereval.not_a_tender import file_to_give_instead

    instead = file_to_give_instead(where)
    if instead is not None:
        raise instead
    return load_tender(source)


def scored(
    source: TenderSource | ScoreResult,
    *,
    progress: Callable[[str], None] | None = None,
) -> ScoreResult:
    """The tender scored without the sensitivity analysis (the award does not need it).
    Raises ``TenderNotFound``, ``PlanError`` or ``NoBids``."""
    if isinstance(source, ScoreResult):
        return source
    from tendereval.scoring.combine import score

    tender = load(source)
    if progress is not None and tender.folder is not None:
        progress(f"Scoring the bids in {from_here(tender.folder)}…")
    return score(tender, sensitivity=False)
