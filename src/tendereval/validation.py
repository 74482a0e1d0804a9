"""Validate a tender folder: the plan, then every input. The library side of ``validate``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tendereval.atomic import write_text
from tendereval.errors import Problem, no_tender_folder, path_argument
from tendereval.plan import Plan
from tendereval.shown import brief


@dataclass
class ValidationReport:
    folder: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    bid_files: int = 0
    score_files: int = 0

    def __repr__(self) -> str:
        return brief(self)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def validate_folder(folder: str | Path) -> ValidationReport:
    """Load everything in ``folder`` and return every problem found.

    Raises TenderNotFound when the folder does not exist.
    """
    folder = path_argument("folder", folder, "a tender folder (text or pathlib.Path)")
    if not folder.is_dir():
        raise no_tender_folder(folder)
    from tendereval.io.tender import load_tender
    from tendereval.ocds.check import check_folder_against_notice

    tender = load_tender(folder)
    kinds = tender.inputs.get_column("kind").to_list() if tender.inputs.height else []
    return ValidationReport(
        folder=folder,
        plan=tender.plan,
        # With a plan the tender's problems hold the notice's differences already; without
        # one, the plan as written is compared so a weight changed away from it is named.
        problems=[
            *tender.problems,
            *(check_folder_against_notice(folder, None) if tender.plan is None else []),
        ],
        bid_files=kinds.count("bid"),
        score_files=kinds.count("scores") + kinds.count("moderation"),
    )


def validate(folder: str | Path) -> ValidationReport:
    """Check the tender in ``folder``: the plan, then every bid and score sheet; every
    problem is in the report (``report.errors`` for the errors). Raises TenderNotFound.

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> report = tendereval.validate("examples/carers-short-breaks")
        >>> report.bid_files, report.errors
        (6, [])
    """
    return validate_folder(folder)


def write_problems_json(report: ValidationReport, path: str | Path) -> None:
    """Write the problems for machines: ``{"folder", "errors", "warnings", "problems": [...]}``."""
    data = {
        "folder": str(report.folder),
        "tender": report.plan.tender_id if report.plan else None,
        "errors": len(report.errors),
        "warnings": len(report.problems) - len(report.errors),
        "problems": [p.to_dict() for p in report.problems],
    }
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
