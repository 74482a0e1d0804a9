"""``summaries``: one assessment summary workbook per supplier, and whether they may be sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tendereval.api.sources import TenderSource, scored
from tendereval.award.decision import AwardDecision
from tendereval.errors import Problem, UsageError
from tendereval.layout import REPORTS_FOLDER
from tendereval.scoring.result import ScoreResult


@dataclass
class SummariesResult:
    """What ``summaries`` wrote and what the officer must know before sending them.

    ``ready`` is the award decision's word: False while a lot is undecided, a recorded
    decision does not fit, or the inputs have errors (``award.blockers`` says which).
    """

    outdir: Path
    paths: list[Path]
    award: AwardDecision
    redacted: int  # explanations that named an evaluator ("an evaluator" in the summaries)
    not_assessed: list[str]  # suppliers with a bid that could not be assessed
    problems: list[Problem] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.award.summaries_ready


def summaries(
    source: TenderSource | ScoreResult, outdir: str | Path | None = None
) -> SummariesResult:
    """Score the tender (unless given a result) and write every supplier's assessment
    summary to ``outdir`` (default: ``<folder>/reports/summaries``)."""
    from tendereval.report.redact import Redactor, explanations
    from tendereval.report.summaries import write_summaries

    result = scored(source)
    target = Path(outdir) if outdir is not None else _default_outdir(result)
    redact = Redactor.of(result)
    paths = write_summaries(result, target, redact)
    not_assessed = (
        result.results.filter(pl.col("status") == "invalid")
        .get_column("supplier")
        .drop_nulls()
        .unique()
        .sort()
        .to_list()
    )
    return SummariesResult(
        outdir=target,
        paths=paths,
        award=result.award,
        redacted=redact.names_in(explanations(result)),
        not_assessed=not_assessed,
        problems=[*result.problems, *result.award.problems],
    )


def _default_outdir(result: ScoreResult) -> Path:
    if result.folder is None:
        raise UsageError("give outdir: a tender built from frames has no folder to write to")
    return result.folder / REPORTS_FOLDER / "summaries"
