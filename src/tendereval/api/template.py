"""``template``: an Excel template built from a tender's evaluation plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tendereval.errors import (
    PlanError,
    Problem,
    UsageError,
    no_tender_folder,
    path_argument,
    progress_argument,
    workbook_path,
)
from tendereval.inputs import never_a_second_form, never_over_the_tender

if TYPE_CHECKING:
    from tendereval.tender import Tender

KINDS = ("bid-return", "score-sheet", "moderation", "matrix")


@dataclass(frozen=True)
class Template:
    """The template written: its kind and path; ``bidders_listed`` False when a score or
    moderation sheet has blank supplier cells because no bids are in yet; ``problems`` the
    plan's warnings, to settle before the template goes out (what it prints comes from the
    plan: a placeholder buyer, a slip in a lot's figures)."""

    kind: str
    path: Path
    bidders_listed: bool = True
    problems: tuple[Problem, ...] = ()
    # How many bids (supplier and lot) a score or moderation sheet lists a row for: one that
    # arrives after it is made is not on it, and stays unscored until a sheet is made for it.
    bids_listed: int = 0
    # How many bids were left off it as withdrawn by their suppliers ([[withdrawal]]).
    bids_withdrawn: int = 0
    # The tender reference the workbook records it was made for, with the version of the plan
    # (tendereval/template_marks.py); None while the plan's reference is the placeholder.
    marked_for: str | None = None
    # A moderation workbook made once the evaluators have scored shows their scores beside
    # each row, and marks the rows whose scores are far apart: how many must be moderated,
    # and how many (marked too) have a consensus score recorded already.
    scores_shown: bool = False
    to_moderate: int = 0
    moderated: int = 0


def template(
    kind: str,
    tender: str | Path,
    output: str | Path,
    *,
    evaluator: str | None = None,
    group: str | None = None,
    steps: Callable[[str], None] | None = None,
) -> Template:
    """Write the ``kind`` template (one of :data:`KINDS`) for the tender folder ``tender`` to
    ``output`` (an .xlsx file). ``steps`` receives a line of text as each step starts (a score
    sheet for a thousand bidders reads their bids and writes 48,000 rows: about ten seconds).

    Raises ``TenderNotFound``, ``PlanError`` (the plan cannot be used) or ``UsageError`` (an
    unknown kind or evaluator group, an output that is not .xlsx, or one that would replace
    one of the tender's inputs: a bid, a score sheet, the plan; a score sheet or moderation
    workbook for a plan with no questions for evaluators).

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> made = tendereval.template(
        ...     "bid-return", "examples/carers-short-breaks", "out/bid-return.xlsx"
        ... )
        >>> made.path.name, made.bidders_listed
        ('bid-return.xlsx', True)
    """
    from tendereval import templates
    from tendereval.plan import load_plan
    from tendereval.template_marks import COMMAND_KINDS, TemplateMark

    output = workbook_path(output, "output")
    tender = path_argument("tender", tender, "a tender folder (text or pathlib.Path)")
    steps = progress_argument("steps", steps)
    for name, value in (("evaluator", evaluator), ("group", group)):
        if value is not None and not isinstance(value, str):
            # A number was written as a number where the evaluator's name goes.
            raise UsageError(f"{name} must be text, such as a name (got {value!r:.60})")
    if kind not in KINDS:
        raise UsageError(f"there is no template called '{kind}'; choose one of {', '.join(KINDS)}")
    if not tender.is_dir():
        raise no_tender_folder(tender, f"; make one with: tendereval init {tender}")
    # A blank template written over a supplier's bid or a filled-in score sheet would lose it;
    # a new one in scores/ is how a panel's moderation workbook is set up. A blank bid return
    # has no place among the inputs at all: in bids/ it was read as a bid.
    never_over_the_tender(tender, output, existing_only=kind != "bid-return")
    never_a_second_form(output)
    plan, problems = load_plan(tender)
    if plan is None:
        raise PlanError(problems)
    warnings = tuple(problems)  # (a plan with errors was refused above)
    if group and group not in {g.id for g in plan.evaluation.groups}:
        known = ", ".join(g.id for g in plan.evaluation.groups) or "none declared"
        raise UsageError(
            f"the plan declares no evaluator group '{group}' (groups in the plan: {known})"
        )
    if kind in ("score-sheet", "moderation") and not plan.questions():
        # A sheet of no rows looked like one to send out, and a panel waited on it.
        raise UsageError(
            f"the plan has no questions for evaluators to score (every criterion is price or "
            f"a measured commitment), so no {kind} template is needed: the bids are scored "
            "from their bid returns alone"
        )
    marked = TemplateMark.of(plan, COMMAND_KINDS[kind], group if kind == "score-sheet" else None)
    made = partial(Template, kind, output, problems=warnings, marked_for=marked and marked.tender)
    if kind == "bid-return":
        templates.build_bid_return(plan, output, templates.find_proxies(plan, tender))
        return made()
    if kind == "matrix":
        templates.build_matrix(plan, output, templates.find_proxies(plan, tender))
        return made()
    tell = steps or (lambda _text: None)
    tell(f"Reading the bids in {tender} to list a row for each bid…")
    read = _read(tender)
    bidders, withdrawn = templates.known_bidders(tender, read)
    bids = sum(len(lots) for lots in bidders.values()) if bidders else 0
    notes = None
    if kind == "moderation" and bidders and read is not None and not read.scores.is_empty():
        # The panel moderates from the evaluators' scores, and from which of them scoring
        # flags as far apart: the decision is scoring's, the workbook only shows it.
        from tendereval.scoring.combine import score

        tell("Reading the evaluators' scores to show them beside each row…")
        notes = templates.panel_notes(score(read, sensitivity=False))
    if bidders:
        tell(f"Writing the {kind} template: {bids:,} bids, a row for each question…")
    if kind == "score-sheet":
        templates.build_score_sheet(plan, output, bidders, evaluator, group=group)
    else:
        templates.build_moderation_sheet(plan, output, bidders, notes)
    far = templates.rows_far_apart(plan, bidders, notes)
    return made(
        bidders_listed=bidders is not None,
        bids_listed=bids,
        bids_withdrawn=withdrawn,
        scores_shown=notes is not None,
        to_moderate=far.to_moderate,
        moderated=far.moderated,
    )


def _read(tender: Path) -> Tender | None:
    """The tender folder read, when it has bids (None before any are in)."""
    from tendereval.io.tender import load_tender
    from tendereval.layout import BIDS_FOLDER

    return load_tender(tender) if (tender / BIDS_FOLDER).is_dir() else None
