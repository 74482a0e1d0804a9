"""The loader's warning for an evaluator whose scores are in a frame but who has no declaration.

A score sheet without its Declaration sheet is the loader's warning ``declaration.missing``;
the same evaluator's scores in a ``scores`` frame with no row of theirs in ``declarations``
(or no ``declarations`` frame at all, as the page's own ``from_frames(plan, bids=…, prices=…,
scores=…)`` recipe builds it) had every score set aside by the plan's ``missing_declaration``
rule, or flagged, without a word: every bid invalid, "no usable score", and no problem.
"""

from __future__ import annotations

import difflib

import polars as pl

from tendereval.errors import Problem, Severity
from tendereval.tender import Tender
from tendereval.terminal import shows_nothing

# What the plan's missing_declaration rule does with the scores of an evaluator with none.
_RULE_DOES = {
    "exclude": 'their scores are set aside (the plan\'s missing_declaration = "exclude")',
    "flag": 'their scores count, flagged (the plan\'s missing_declaration = "flag")',
}


def evaluator_key(name: str) -> str:
    """An evaluator's name as scoring matches it between scores and declarations (ignoring
    case and spaces: ``scoring.common.evaluator_key``)."""
    return " ".join(name.split()).lower()


def evaluators_not_declared(
    tender: Tender, declarations: pl.DataFrame, distinct: dict[str, pl.Series] | None = None
) -> list[Problem]:
    """A warning (``declaration.missing``) for each evaluator named in ``scores`` with no row
    in ``declarations``, naming the declaration nearest to their name (``T. Okafor`` for
    ``Tom Okafor``). One the loader warned of for the file their scores came from is not
    warned of again. (A row with a blank answer: ``frame_rules._declarations_answered``.)"""
    plan, scores = tender.plan, tender.scores
    if plan is None or scores.is_empty():
        return []
    named = distinct["evaluator"] if distinct is not None else scores.get_column("evaluator")
    evaluators = [e for e in named.drop_nulls().unique().sort().to_list() if not shows_nothing(e)]
    declared = {
        evaluator_key(e): e
        for e in declarations.get_column("evaluator").drop_nulls().to_list()
        if not shows_nothing(e)
    }
    missing = [e for e in evaluators if evaluator_key(e) not in declared]
    if not missing:
        return []
    warned = {p.file for p in tender.problems if p.code == "declaration.missing"}
    sources = (
        scores.filter(pl.col("evaluator").is_in(missing))
        .group_by("evaluator")
        .agg(pl.col("source").drop_nulls().unique())
    )
    came_from = dict(sources.iter_rows())
    rule = _RULE_DOES.get(plan.evaluation.missing_declaration, "")
    problems = []
    for evaluator in missing:
        if warned & set(came_from.get(evaluator) or []):
            continue  # the loader's warning for the sheet their scores are on
        near = difflib.get_close_matches(evaluator, list(declared.values()), n=1, cutoff=0.5)
        asked = (
            f" (is {near[0]!r} the same evaluator? write the name as the scores do)" if near else ""
        )
        problems.append(
            Problem(
                f"no conflict-of-interest declaration (no row in the declarations frame) for "
                f"{evaluator}" + (f": {rule}" if rule else ""),
                found="no row" if declarations.height else "no declarations frame",
                expected=f"a row of the declarations frame for {evaluator}, answering 'none' "
                "or 'declared'" + (asked if near else ""),
                code="declaration.missing",
                severity=Severity.WARNING,
                file="declarations frame",
            )
        )
    return problems
