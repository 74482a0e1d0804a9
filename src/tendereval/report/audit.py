"""The Audit sheet: what a challenge needs to reproduce the result — the plan as loaded, the
effective weights, who approved them, the SHA-256 of every input file, the versions of the tool
and its dependencies, any sampling seed and the time of the run."""

from __future__ import annotations

from typing import Any

import polars as pl

from tendereval import provenance
from tendereval.award.decision import NOT_NEEDED, AwardDecision, LotAward
from tendereval.award.recorded import (
    CLARIFIED_STATUSES,
    RecordedChallenge,
    in_name_order,
    spent_text,
)
from tendereval.award.suspension import lifted, suspends
from tendereval.provenance import Provenance
from tendereval.regimes import terms
from tendereval.report import styles
from tendereval.report.book import Worksheet
from tendereval.report.cells import Col, write_heading, write_pairs, write_table, write_title
from tendereval.report.views import RUN_TIME_KEYS, flatten, run_time
from tendereval.scoring.result import ScoreResult
from tendereval.wording import counted

SHEET = "Audit"
RUN_TIME_LABEL = "Time of the run (UTC)"
PACKAGES = ("tendereval", "polars", "xlsxwriter", "openpyxl", "pulp", "click")
WEIGHT_COLUMNS = (
    Col("Criterion", 14),
    Col("Title", 40, wrap=True),
    Col("Pillar", 13),
    Col("Kind", 12),
    Col("Parent", 12),
    Col("Weight as stated", 11, styles.NUMBER),
    Col("Stated as", 11),
    Col("Effective weight (points of 100)", 14, styles.POINTS),
    Col("Scored (leaf)", 9),
)
INPUT_COLUMNS = (Col("File"), Col("Kind"), Col("SHA-256"), Col("Bytes", fmt=styles.COUNT))
PLAN_COLUMNS = (Col("Plan key"), Col("Value"))


def versions() -> dict[str, str]:
    """Installed versions of the tool and the libraries that shape its results."""
    return provenance.versions(PACKAGES)


def record_pairs(record: Provenance) -> list[tuple[str, Any]]:
    """A run's record (what it was given, the solver, its version, time limit and gap, the
    versions, the settings that change its answer) as label and value, for any workbook."""
    return [
        ("Given", record.given),
        *solver_pairs(record),
        *(
            (f"Setting: {key}", "not set" if value is None else _shown(value))
            for key, value in flatten(record.settings)
        ),
    ]


def solver_pairs(record: Provenance) -> list[tuple[str, Any]]:
    """The solver with its version, the time limit and gap, and the versions, as label and
    value."""
    return [
        ("Solver", f"{record.solver} {record.solver_version}"),
        ("Time limit", record.time_limit_words),
        ("Gap the solver may stop within", record.gap_words),
        *((f"Version of {name}", version) for name, version in record.versions.items()),
    ]


def write_inputs(ws: Worksheet, top: int, inputs: pl.DataFrame) -> int:
    """The Input files table (file, kind, SHA-256, bytes) under a heading; its last row."""
    row = write_heading(ws, top, "Input files")
    # (In name order as files are read, the same whether a disk stores "é" in one form or two.)
    rows = sorted(
        inputs.select("path", "kind", "sha256", "bytes").rows(), key=lambda r: in_name_order(r[0])
    )
    _, last = write_table(ws, row, INPUT_COLUMNS, rows, set_widths=False)
    return max(last, row)


def write_audit(ws: Worksheet, result: ScoreResult) -> None:
    plan = result.plan
    approval = plan.approval
    write_title(
        ws,
        "Audit",
        "Everything needed to reproduce this evaluation and show it followed "
        "the plan approved before bids were opened.",
    )
    row = write_pairs(
        ws,
        4,
        [
            ("Tender", f"{plan.tender_id} — {plan.title}"),
            ("Buyer", plan.buyer),
            ("Procurement regime", plan.regime_name),
            ("Plan approved by", approval.approved_by or "not recorded in the plan"),
            ("Plan approved on", approval.approved_on or "not recorded in the plan"),
            ("Weights set by", approval.weights_set_by or "not recorded in the plan"),
            ("Approval notes", approval.notes or None),
            (RUN_TIME_LABEL, _run_text(result)),
        ],
    )
    settings = [
        (f"Scoring setting: {key}", _shown(value))
        for key, value in flatten(result.settings)
        if key not in (*RUN_TIME_KEYS, "run_seconds")
    ]
    recorded = {key for key, _ in flatten(result.settings)}
    tools = [
        (f"Report writer: {name} version", version)
        for name, version in versions().items()
        if f"versions.{name}" not in recorded
    ]
    row = write_pairs(ws, row, [*settings, *tools])

    row = write_heading(ws, row + 1, "Award criteria and effective weights")
    _, last = write_table(ws, row, WEIGHT_COLUMNS, [list(r.values()) for r in plan.weights_table()])
    last = _declarations(ws, result, last + 2)
    last = _award(ws, result, last + 2)
    last = _standstill(ws, result, last + 2)
    last = _challenges(ws, result, last + 2)
    last = _set_aside(ws, result, last + 2)
    # Decisions set in Python are no file read: listed with their own SHA-256 (award).
    given = result.award.decisions_given
    inputs = result.inputs.select("path", "kind", "sha256", "bytes")
    if given is not None:
        inputs = pl.concat([inputs, pl.DataFrame([given], schema=inputs.schema)])
    last = write_inputs(ws, last + 2, inputs)
    row = write_heading(ws, last + 2, "The plan as loaded")
    write_table(
        ws, row, PLAN_COLUMNS, [(k, _shown(v)) for k, v in flatten(plan.raw)], set_widths=False
    )
    styles.set_widths(ws, {1: 34, 2: 44})
    styles.print_landscape(ws)


DECLARATION_COLUMNS = (
    Col("Evaluator", 24),
    Col("Group", 14),
    Col("Declared on", 12),
    Col("Conflict of interest", 12),
    Col("Suppliers named", 30, wrap=True),
    Col("Scores for them", 16, wrap=True),
    Col("Declaration in", 30),
)


def _declarations(ws: Worksheet, result: ScoreResult, top: int) -> int:
    """Every evaluator's conflict-of-interest declaration and what was done with it
    (Procurement Act 2023 ss.81–83): the record a challenge about conflicts asks for first."""
    row = write_heading(ws, top, "Conflict-of-interest declarations")
    rule = result.plan.evaluation.conflicted_scores
    handling = "left out" if rule == "exclude" else "counted and flagged"
    rows = [
        [
            d["evaluator"],
            d["group"] or "main panel",
            d["declared_on"],
            d["conflict"] or "not declared",
            "; ".join(d["conflicted_suppliers"] or []) or None,
            handling if d["conflicted_suppliers"] else None,
            d["source"],
        ]
        for d in result.declarations.iter_rows(named=True)
    ] or [["no score sheets", *[None] * 6]]
    _, last = write_table(ws, row, DECLARATION_COLUMNS, rows, set_widths=False)
    return last


def award_columns(source: str) -> tuple[Col, ...]:
    """The award table's columns, the recorded decision headed by where it came from
    (``source``: decisions.toml, or the decisions set in Python)."""
    return (
        Col("Lot", 10),
        Col("Outcome", 14, wrap=True),
        Col("Proposed supplier", 30, wrap=True),
        Col("How it was decided", 60, wrap=True),
        Col(f"Recorded decision ({source.removeprefix('the ')})", 50, wrap=True),
    )


def _award(ws: Worksheet, result: ScoreResult, top: int) -> int:
    """The award decision for every lot with its reasons, and the buyer's recorded decisions
    it used, word for word: how each award follows from the ranking and the published rules.
    An award the decision holds back, for the whole tender or for a lot waiting on a tender
    that could still win it, is written as proposed, not awarded, with why beside it."""
    row = write_heading(ws, top, "The award decision")
    held = result.award.held_back
    if held:
        row = write_pairs(
            ws, row, [("Award held back", f"The awards proposed below are {held}; see Flags.")]
        )
        ws.cell(row=row - 1, column=2).font = styles.WARNING_FONT
    rows = []
    decisions = result.award.decisions
    for lot, award in result.award.lots.items():
        record = decisions.for_lot(lot)
        not_to = decisions.no_award_for(lot)
        recorded = (
            f"{record.award_to}: {record.reason} {_by_and_on(record)}" + _not_applied(result, award)
            if record is not None
            else f"not to be awarded: {not_to.reason} {_by_and_on(not_to)}"
            if not_to is not None
            else None
        )
        # A decision spent since (its tender withdrawn or disregarded) stays on the record.
        spent = [
            f"{a.award_to}: {a.reason} {_by_and_on(a)}; no longer applies: that tender "
            f"{spent_text(by)}"
            for a in decisions.awards
            if a.lot == lot and (by := decisions.spent_by(a)) is not None
        ]
        recorded = "\n".join([*([recorded] if recorded else []), *spent]) or None
        rows.append([lot, *_outcome(result, award), recorded])
    columns = award_columns(result.award.decisions_from)
    _, last = write_table(ws, row, columns, rows, set_widths=False)
    cap = result.award.cap
    if cap.limit is not None:
        last = (
            write_pairs(
                ws,
                last + 1,
                [
                    (
                        "Lot cap",
                        f"{counted(cap.limit, 'lot')} per supplier; "
                        f"binds: {'yes' if cap.binds else 'no'}",
                    ),
                    ("Rule applied", cap.rule or "none (the mechanism is given in words only)"),
                    ("Published mechanism", cap.wording or None),
                ],
            )
            - 1
        )
    return last


def _not_applied(result: ScoreResult, award: LotAward) -> str:
    """Why the decision recorded for the lot is not how it was decided, as the award's
    problems say: the plan's rules gave the lot without it (not needed), or it does not fit
    them. Empty when the award follows it."""
    if award.by_record:
        return ""
    if any(
        p.code == NOT_NEEDED and getattr(p, "lot", None) == award.lot for p in result.award.problems
    ):
        return "; not needed, so not applied: the plan's rules award the lot without it"
    return "; not applied: the award does not follow it (see the problems listed)"


def _outcome(result: ScoreResult, award: LotAward) -> tuple[str, str | None, str]:
    """The lot's outcome, proposed supplier and how it was decided, as the award decision
    states them. An award held back (an error not yet put right anywhere in the inputs) or
    waiting on a tender that could still win the lot is only proposed: the Summary sheet
    says "not to be made yet", and so must the record an auditor reads."""
    waiting = [why for _, why in result.award.waiting(award.lot)]
    held = result.award.held_back if award.awarded else None
    outcome = award.outcome.replace("_", " ")
    if award.awarded and (waiting or held):
        outcome = "proposed, not to be made yet"
    how = [
        *award.reasons,
        *waiting,
        *([f"the award is {held}"] if held else []),
    ]
    return outcome, award.supplier, "; ".join(how)


def _standstill(ws: Worksheet, result: ScoreResult, top: int) -> int:
    """The day the summaries went out and the standstill period, as decisions.toml records
    them (or that it does not): the first things a court checks about an award (Procurement
    Act 2023 s.50(3) and s.51; PCR 2015 regs 86 and 87)."""
    standstill = result.award.standstill
    row = write_heading(ws, top, "Standstill")
    # (With the time when recorded: summaries sent again the same day are told apart by it.)
    pairs = [
        (
            terms(result.plan.regime).sent_label,
            standstill.summaries_sent_at or standstill.summaries_sent_on,
        ),
        ("Standstill period starts on", standstill.starts_on),
        ("Standstill period ends on", standstill.ends_on),
    ]
    not_recorded = f"not recorded in {result.award.decisions_from} ([standstill])"
    shown = [(k, v.isoformat() if v else not_recorded) for k, v in pairs]
    if standstill.exemption:  # why the Act's standstill does not bind it (s.51(3))
        shown.append(("Exempt from the standstill (as recorded)", standstill.exemption))
    return write_pairs(ws, row, shown) - 1


def challenge_columns(source: str) -> tuple[Col, ...]:
    """The challenges table's columns, the place of each record headed by where the records
    came from (``source``)."""
    return (
        Col("Lots", 14, wrap=True),
        Col("Notified on", 12),
        Col("Suspension ends on", 14),
        Col("Contract suspended on the day of the run", 40, wrap=True),
        Col("Note", 40, wrap=True),
        Col(f"In {source} at", 18),
    )


def _challenges(ws: Worksheet, result: ScoreResult, top: int) -> int:
    """The proceedings against the award the buyer recorded ([[challenge]]), word for word,
    with whether each suspends a contract on the day of the run, as the award decision says
    (award/suspension.py); nothing when there are none."""
    award = result.award
    suspended = award.suspensions()
    rows = [
        [
            ", ".join(c.lots) if c.lots is not None else "every lot awarded",
            c.notified_on,
            c.suspension_ends_on or "not recorded (it holds)",
            ", ".join(lot for lot, s in suspended.items() if s.challenge is c)
            or _not_suspended(award, c),
            c.note or None,
            c.where or None,
        ]
        for c in award.decisions.challenges
    ]
    if not rows:
        return top - 2
    row = write_heading(ws, top, "Proceedings against the award")
    columns = challenge_columns(award.decisions_from)
    _, last = write_table(ws, row, columns, rows, set_widths=False)
    return last


def _not_suspended(award: AwardDecision, challenge: RecordedChallenge) -> str:
    """Why a challenge recorded suspends no contract on the day of the run."""
    if lifted(challenge, award.made_on):
        return f"none: the suspension ended on {challenge.suspension_ends_on}"
    if not suspends(challenge, award.standstill, award.regime):
        return (
            "none: notified after the standstill period ended "
            f"({terms(award.regime).suspension_law} applies only to proceedings notified "
            "during it)"
        )
    return "none: no lot it concerns is awarded"


def set_aside_columns(source: str) -> tuple[Col, ...]:
    """The set-aside table's columns, the place of each record headed by where the records
    came from (``source``)."""
    return (
        Col("Lot", 10),
        Col("Supplier", 30, wrap=True),
        Col("Recorded as", 24, wrap=True),
        Col("Reason or note", 50, wrap=True),
        Col("By and on", 30, wrap=True),
        Col(f"In {source} at", 18),
    )


def _set_aside(ws: Worksheet, result: ScoreResult, top: int) -> int:
    """The tenders the buyer's record set aside (withdrawn, rejected, disregarded on a
    ground), word for word, as the award applied them; nothing when there are none."""
    award = result.award
    rows = [
        [
            w.lot or "every lot bid for",
            w.named,  # the bid return's file, for a return its supplier replaced
            "bid return withdrawn by the supplier" if w.file else "withdrawn by the supplier",
            w.note or None,
            f"{w.recorded_by or 'by whom not recorded'}, withdrawn on {w.withdrawn_on}",
            w.where or None,
        ]
        for w in award.withdrawn
    ] + [
        [
            r.lot or "every lot bid for",
            r.named,  # the bid return's file, when the record names it
            f"disregarded: {r.ground.replace('_', ' ')}"
            + (f" (queried on {r.queried_on})" if r.queried_on else "")
            if r.ground
            else "rejected for its input errors",
            r.reason,
            _by_and_on(r).strip("()"),
            r.where or None,
        ]
        for r in award.rejected
    ]
    # Set aside none, but the record of what was asked and why the price was accepted.
    rows += [
        [
            e.lot or "every lot bid for",
            e.supplier,
            f"abnormally low price explained: queried on {e.queried_on}, explanation "
            f"accepted on {e.accepted_on}",
            e.note or None,
            e.decided_by or "by whom not recorded",
            e.where or None,
        ]
        for e in result.decisions.price_explanations
    ]
    # And the warnings the suppliers were asked about, with their answers.
    rows += [
        [
            None,  # (a bid return's, not a lot's)
            c.named,
            f"clarified{f' at {c.cell}' if c.cell else ''}: "
            + (f"asked on {c.asked_on}, " if c.asked_on else "")
            + f"answered on {c.answered_on}",
            # With the status it gives, as recorded: counted in the SME and VCSE shares.
            c.answer
            + "".join(
                f" ({key} = {'true' if value else 'false'})"
                for key in CLARIFIED_STATUSES
                if (value := getattr(c, key)) is not None
            ),
            c.recorded_by or "by whom not recorded",
            c.where or None,
        ]
        for c in result.decisions.clarifications
    ]
    if not rows:
        return top - 2
    heading = "Tenders set aside by the buyer's record"
    if result.decisions.price_explanations:
        heading += ", and prices explained"
    if result.decisions.clarifications:
        heading += ", and warnings clarified"
    row = write_heading(ws, top, heading)
    columns = set_aside_columns(result.award.decisions_from)
    _, last = write_table(ws, row, columns, rows, set_widths=False)
    return last


def _by_and_on(record: object) -> str:
    """ "(by whom, on what day)" of a recorded decision, saying where either is missing."""
    by = getattr(record, "decided_by", "") or "by whom not recorded"
    on = getattr(record, "decided_on", "") or "date not recorded"
    return f"({by}, {on})"


def _run_text(result: ScoreResult) -> str:
    """The one cell that differs between two runs on the same inputs."""
    moment = run_time(result)
    text = moment.isoformat(sep=" ") if moment else "not recorded by scoring"
    seconds = result.settings.get("run_seconds")
    return f"{text} (scoring took {seconds} s)" if seconds is not None else text


def _shown(value: Any) -> Any:
    """Numbers and text as they are; anything else as its text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
