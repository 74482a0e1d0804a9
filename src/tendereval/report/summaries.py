"""Assessment summaries: one workbook per supplier (Procurement Act 2023 s.50; Procurement
Regulations 2024 reg 31).

Each summary holds the award criteria (title, relative importance, how scored, scores
available); for every lot the supplier bid for, its score for each criterion and sub-criterion
with the explanation, sub-totals for each pillar and each sub-criterion grouping others, and
its total; the same for the most advantageous tender of that lot; and for an unsuccessful
supplier any further reason. Nothing about any other supplier appears — only the most
advantageous tender of a lot the supplier bid for: another bidder named in an explanation or a
reason is "another bidder" there (report/redact.py).
"""

from __future__ import annotations

import datetime as dt
import glob
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tendereval.atomic import Together, written_together
from tendereval.award.recorded import Standstill, uk_moment
from tendereval.award.return_that_stands import returns_to_choose_between
from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.errors import path_argument, progress_argument
from tendereval.inputs import never_over_the_tender
from tendereval.io.frames import supplier_key
from tendereval.io.keys import numbered_slugs
from tendereval.layout import SENDING_MARK, SUPERSEDED
from tendereval.plan import Criterion, Plan
from tendereval.regimes import summaries_counted, terms
from tendereval.report import styles
from tendereval.report.book import Workbook, Worksheet
from tendereval.report.cells import (
    Col,
    atomic_save,
    put,
    write_heading,
    write_pairs,
    write_table,
    write_title,
)
from tendereval.report.redact import OtherBidders, Redactor
from tendereval.report.summaries_written import RunsBySending, runs_by_sending, sent_candidates
from tendereval.report.views import (
    FIXED_TIME,
    PILLAR_LABELS,
    SCORE_COLUMNS,
    lot_name,
    overall_minimum,
    present_pillars,
    price_method_note,
    run_time,
    scale_text,
    stated_weight_text,
)
from tendereval.scoring.quality import group_shares
from tendereval.scoring.result import ScoreResult, one_output
from tendereval.terminal import as_seen
from tendereval.wording import figure, in_words, pounds

if TYPE_CHECKING:
    from tendereval.award.decision import AwardDecision

CRITERIA_COLUMNS = (
    Col("Criterion", 12),
    Col("Title", 40, wrap=True),
    Col("Type", 13),
    Col("Relative importance (points of 100)", 14, styles.POINTS),
    Col("Weight as stated in the plan", 22, wrap=True),
    Col("How it was scored", 60, wrap=True),
    Col("Scores available (points)", 12, styles.POINTS),
)
SCORE_TABLE = (
    Col("Criterion", 12),
    Col("Title", 40, wrap=True),
    Col("Score on its scale", 14),
    Col("Points awarded", 11, styles.POINTS),
    Col("Points available", 11, styles.POINTS),
    Col("Explanation", 70, wrap=True),
)
SUMMARY_SUFFIX = "-assessment-summary.xlsx"  # every summary's file name ends so
# Across the top of every summary written while the award decision says none may be sent yet:
# it looks like one that may, and a summary sent is what its supplier holds.
DRAFT_TITLE = " (not to be sent yet)"  # the end of such a summary's title (its properties)
NOT_READY = (
    "NOT TO BE SENT YET: the award is not settled, so what this summary says may change. "
    "tendereval summaries lists what must be settled first; send the summaries it writes once "
    "it says they are ready."
)


def summary_files(suppliers: list[str]) -> dict[str, str]:
    """Supplier → file name, unique even when two names give the same slug (numbered as the
    OCDS ids are: :func:`~tendereval.io.keys.numbered_slugs`)."""
    return {
        supplier: f"{name}{SUMMARY_SUFFIX}" for supplier, name in numbered_slugs(suppliers).items()
    }


def summary_file_names(result: ScoreResult, *, withdrawn: bool = False) -> dict[str, str]:
    """Supplier → the file name of its summary, for each supplier given one (``withdrawn``:
    for each given none, every tender of its withdrawn: the name its summary had). Named
    among every bidder, so a withdrawal never renames another supplier's summary."""
    every = result.results.get_column("supplier").drop_nulls().unique().to_list()
    names = summary_files(every)
    given = set(summarised(result))
    return {s: name for s, name in names.items() if (s in given) != withdrawn}


def named_in_summaries(result: ScoreResult) -> dict[str, str]:
    """Each supplier given a summary, as its summary names it (the Summary sheet's Supplier
    cell) → its summary's file name: to know whose a summary sent under another name is."""
    return {_seen(supplier) or "": name for supplier, name in summary_file_names(result).items()}


def sent_elsewhere(folder: Path, aside: Path, day: dt.date, result: ScoreResult) -> list[Path]:
    """The summaries sent on ``day`` under a name no supplier's summary has now (a withdrawn
    supplier's keeps its own, under any name: :func:`of_withdrawn`): in ``folder``, then in
    ``aside`` (superseded/) kept under a name saying they were sent that day, the latest
    first. Drafts left out: none was sent. Only these are looked in: what else is on the disk
    is no summary sent."""
    every = set(summary_file_names(result).values())
    every |= set(summary_file_names(result, withdrawn=True).values())
    in_folder = sorted(path for path in folder.glob(f"*{SUMMARY_SUFFIX}") if path.name not in every)
    kept = sorted(
        (
            path
            for path in aside.glob(f"*{sent_mark(day)}*{SUMMARY_SUFFIX}")
            if name_when_sent(path, day) not in every
        ),
        key=lambda path: path.stat().st_mtime_ns,
        reverse=True,
    )
    withdrawn = of_withdrawn(result)
    return [
        path
        for path in [*in_folder, *kept]
        if path.is_file()
        and not path.is_symlink()
        and not marked_not_to_send(path)
        and not withdrawn(path, day)
    ]


def of_withdrawn(result: ScoreResult) -> Callable[[Path, dt.date | None], bool]:
    """Whether a summary (in the folder, or kept as sent on the day given: None, any day) is
    that of a supplier every tender of which is withdrawn: under the name its summary has,
    or under a name no supplier's summary has now (an earlier version spelled the name
    otherwise, or it was corrected since) naming that supplier at its top, or giving its
    Companies House or charity number and no supplier's with a summary (the name corrected
    before the withdrawal: the summary sent names it as it was). Such a summary was taken
    for one replaced: to be sent again, the standstill period starting again, and publish
    held back, though nothing new goes to a supplier that has withdrawn."""
    from tendereval.report.sent import whose

    names = summary_file_names(result, withdrawn=True)
    files = set(names.values())
    named = {_seen(supplier) for supplier in names}
    given = summary_file_names(result)
    registered = _registrations(result)
    theirs = set().union(*map(registered, names))
    others = set().union(*map(registered, given))
    given_named = {_seen(supplier) for supplier in given}

    def withdrawn(path: Path, day: dt.date | None) -> bool:
        name = name_when_sent(path, day)
        if name in files:
            return True
        # (Read only when its name is no supplier's: one sent under its own name is not.)
        if not named or name in given.values():
            return False
        supplier, numbers = whose(path)
        if supplier in named:
            return True
        return supplier not in given_named and bool(numbers & theirs) and not numbers & others

    return withdrawn


def _registrations(result: ScoreResult) -> Callable[[str], frozenset[str]]:
    """Each supplier's Companies House and charity numbers, as its summary gives them: under
    its own name, else under its name as compared (as its summary finds its details)."""
    from tendereval.report.sent import registered_as

    by_name: dict[str, frozenset[str]] = {}
    by_key: dict[str, frozenset[str]] = {}
    if {"supplier", "supplier_key", "company_number", "charity_number"} <= set(
        result.suppliers.columns
    ):
        for supplier, key, company, charity in result.suppliers.select(
            "supplier", "supplier_key", "company_number", "charity_number"
        ).iter_rows():
            by_name.setdefault(supplier, registered_as(company, charity))
            by_key.setdefault(key, registered_as(company, charity))

    def registered(supplier: str) -> frozenset[str]:
        found = by_name.get(supplier)
        return found if found is not None else by_key.get(supplier_key(supplier), frozenset())

    return registered


@one_output
def write_summaries(
    result: ScoreResult,
    outdir: str | Path,
    redact: Redactor | None = None,
    others: OtherBidders | None = None,
    steps: Callable[[str], None] | None = None,
    together: Together | None = None,
) -> list[Path]:
    """Write one assessment summary workbook per supplier into ``outdir``; returns the paths in
    supplier order. ``redact`` keeps evaluators' names out, ``others`` other bidders' (each
    made from ``result`` if not given); ``steps`` is told how many are written as they are
    (a tenth at a time: a thousand summaries take about ten seconds). While the award decision
    says none may be sent, each says so across its top (:data:`NOT_READY`). An ``outdir`` in
    the tender's inputs (its bids/ folder) is a UsageError: what was written there would be
    read as bids next time. Given ``together``, the summaries are only written aside into that
    set, for the caller to put in place (once compared with the summaries sent)."""
    # (A number or None failed inside pathlib, naming neither the argument nor the function.)
    outdir = path_argument("outdir", outdir, "the folder to write the summaries into")
    steps = progress_argument("steps", steps)
    never_over_the_tender(result.folder, outdir)
    files = summary_file_names(result)
    when = run_time(result) or FIXED_TIME
    redact = redact or Redactor.of(result)
    others = others or OtherBidders.of(result)
    read = _Read(result)
    paths: list[Path] = []
    started, every = time.perf_counter(), max(1, -(-len(files) // 10))
    if steps is not None:
        steps(f"Writing {summaries_counted(len(files), result.plan.regime)}…")
    # One set, sent together: put in place all or none, so a run stopped part-way (a summary
    # open in Excel, Ctrl-C) never leaves this run's summaries beside an earlier run's.
    with nullcontext(together) if together is not None else written_together() as together:
        for supplier in sorted(files, key=lambda s: files[s]):
            summary = build_summary(result, supplier, redact, others, read)
            path = outdir / files[supplier]
            paths.append(atomic_save(summary, path, when=when, together=together))
            if steps is not None and (len(paths) % every == 0 or len(paths) == len(files)):
                took = time.perf_counter() - started
                steps(f"  {len(paths):,} of {len(files):,} written ({took:.1f} s)")
    return paths


class FinalSummaries:
    """Each supplier's summary as it would be sent, without the line saying it may not be
    yet: what a summary already sent is compared with. What they read from the result is
    worked out once, on the first (each summary working it out again made comparing every
    supplier's grow with the square of the suppliers: 200 took 18 s, 400 over two minutes)."""

    def __init__(self, result: ScoreResult, redact: Redactor, others: OtherBidders):
        self.result, self.redact, self.others = result, redact, others
        self._read: _Read | None = None

    def saved(self, supplier: str, path: Path) -> Path:
        """``supplier``'s summary saved at ``path``."""
        if self._read is None:
            self._read = _Read(self.result, draft=False)
        summary = build_summary(self.result, supplier, self.redact, self.others, self._read)
        return atomic_save(summary, path, when=run_time(self.result) or FIXED_TIME)


def summarised(result: ScoreResult) -> list[str]:
    """The suppliers given an assessment summary: every one with a tender it did not withdraw
    (a withdrawn tender is no longer in the competition; assessed for nothing, it is owed no
    summary), in the order of the results. The buyer's own in-house team is owed none: its
    return is the comparator, not a tender (Procurement Act 2023 s.50 is about suppliers)."""
    return (
        # (A return set aside beside its supplier's tender is not one of its tenders.)
        result.results.filter(~ANOTHER_RETURN)
        .filter(~pl.col("status").is_in(["withdrawn", "comparator"]))
        .get_column("supplier")
        .drop_nulls()
        .unique(maintain_order=True)
        .to_list()
    )


class _Read:
    """What the summaries read from one result, worked out once for all of them: the award,
    each lot's bids in order, each bid's criteria and each supplier's details. Each summary
    used to filter every bid, criterion and supplier again, and read the award (checked
    against the results each time) a hundred times: 1,000 suppliers took 70 s."""

    def __init__(self, result: ScoreResult, draft: bool | None = None):
        self.result, self.plan, self.award = result, result.plan, result.award
        # Written while no summary may be sent (``draft`` None: as the award decision says).
        self.draft = not self.award.summaries_ready if draft is None else draft
        self.lot_ids = result.lot_ids()
        self.plan_identity = result.plan_identity or None  # (each read filters the inputs)
        # The score table's rows and weights are the plan's: worked out once, not again for
        # each of the 3,000 tables the summaries of 200 suppliers hold.
        self.table = [
            (pillar, _in_table_order(self.plan, pillar)) for pillar in present_pillars(self.plan)
        ]
        self.pillar_weights = {pillar: self.plan.pillar_weight(pillar) for pillar, _ in self.table}
        self.total_weight = sum(c.effective_weight for c in self.plan.leaves)
        # Each bid's row, the first of a supplier's in its lot as lot_results orders them.
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        for lot, bids in result.results_by_lot().items():
            for row in bids.iter_rows(named=True):
                self.rows.setdefault((lot, row["supplier"]), row)
        # A supplier's other return for a lot (one it replaced) is not another tender: the
        # lot's outcome is given once, the one that stands.
        named = result.results.filter(pl.col("supplier").is_not_null() & ~ANOTHER_RETURN)
        self.own = {
            key[0]: frame
            for key, frame in named.partition_by(
                "supplier", as_dict=True, maintain_order=True
            ).items()
        }
        self.criteria: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for row in result.criteria.iter_rows(named=True):
            scores = self.criteria.setdefault((row["lot"], row["supplier"]), {})
            scores.setdefault(row["criterion"], row)  # the first, as a dict of them kept it
        # Each bid's sub-totals of the sub-criteria that group others, as scoring gave them.
        self.sub_totals: dict[tuple[str, str], dict[str, float | None]] = {}
        for lot, supplier, criterion, weighted in result.sub_totals.select(
            "lot", "supplier", "criterion", "weighted"
        ).iter_rows():
            self.sub_totals.setdefault((lot, supplier), {}).setdefault(criterion, weighted)
        # Suppliers whose returns wait on which stands: the details read are one return's.
        self.unsettled = returns_to_choose_between(result.problems)
        self.details_by_name: dict[str, dict[str, Any]] = {}
        self.details_by_key: dict[str, dict[str, Any]] = {}
        for row in result.suppliers.iter_rows(named=True) if result.suppliers.width else ():
            self.details_by_name.setdefault(row.get("supplier"), row)
            self.details_by_key.setdefault(row.get("supplier_key"), row)

    def own_bids(self, supplier: str) -> pl.DataFrame:
        """``supplier``'s bids, in the order of the results."""
        return self.own.get(supplier, self.result.results.clear())


def build_summary(
    result: ScoreResult,
    supplier: str,
    redact: Redactor | None = None,
    others: OtherBidders | None = None,
    read: _Read | None = None,
) -> Workbook:
    """One supplier's assessment summary workbook (``redact``, ``others``, ``read``: made once
    for many)."""
    plan = result.plan
    redact = redact or Redactor.of(result)
    others = others or OtherBidders.of(result)
    read = read or _Read(result)
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    wb.properties.title = f"{plan.tender_id} {terms(plan.regime).a_summary}" + (
        DRAFT_TITLE if read.draft else ""
    )
    wb.properties.creator = plan.buyer or "tendereval"
    wb.properties.output = "assessment summary"  # (what kind of output: the same under PCR)
    wb.properties.sending = recorded_sending(read.award.standstill) or NO_SENDING
    own = read.own_bids(supplier)
    _write_front(ws, read, supplier, own, redact, others)
    _write_criteria(wb.create_sheet("Award criteria"), result)
    titles: set[str] = set()
    bid_lots = set(own.filter(pl.col("status") != "withdrawn").get_column("lot").to_list())
    for lot in [lot for lot in read.lot_ids if lot in bid_lots]:
        _write_lot(
            wb.create_sheet(_sheet_title(f"Lot {lot}", titles)),
            read,
            supplier,
            lot,
            _Hide(redact, others, shown_to(read.award, supplier, lot)),
        )
    unreadable = own.filter(pl.col("lot").is_null())
    if unreadable.height:
        sheet = wb.create_sheet(_sheet_title("Not assessed", titles))
        write_title(sheet, "Why your submission could not be assessed")
        hide = _Hide(redact, others, {supplier})
        write_pairs(sheet, 3, [("Reason", hide(r)) for r in _reasons(unreadable)])
        styles.set_widths(sheet, {1: 20, 2: 90})
    return wb


def shown_to(award: AwardDecision, supplier: str, lot: str) -> set[str]:
    """The bidders ``supplier``'s summary may name for ``lot`` under the ``award``: itself, and
    the tender the lot is awarded to (the most advantageous, or the one the lot-cap mechanism
    awards it to)."""
    lot_award = award.lots.get(lot)
    awarded = lot_award is not None and lot_award.awarded
    return {supplier} | ({lot_award.supplier} if awarded else set())


class _Hide:
    """Text from evaluators, the officer's records and problems as one summary may show it:
    as it is seen (no control character or character drawn as nothing: a direction override
    would show it reversed, a name inside the override read backwards by the redaction), no
    evaluator named, and no bidder but those in ``shown``."""

    def __init__(self, redact: Redactor, others: OtherBidders, shown: set[str]):
        self.redact, self.others, self.shown = redact, others, shown

    def __call__(self, text: str | None) -> str | None:
        return self.others(self.redact(as_seen(text) if text else text), self.shown)


def _write_front(
    ws: Worksheet,
    read: _Read,
    supplier: str,
    own: pl.DataFrame,
    redact: Redactor,
    others: OtherBidders,
) -> None:
    plan = read.plan
    details = _supplier_details(read, supplier)
    said = terms(plan.regime)
    write_title(ws, f"{said.summary} — {plan.title or plan.tender_id}", said.summary_basis)
    if read.draft:  # row 3, empty in a summary that may be sent: the figures keep their rows
        put(ws.cell(row=3, column=1), NOT_READY)
        ws.cell(row=3, column=1).font = styles.WARNING_FONT
    # The supplier's own words as it is seen, as every other text a summary quotes: a
    # direction override in an address showed the rest of the line reversed.
    row = write_pairs(
        ws,
        4,
        [
            ("Supplier", _seen(supplier)),
            *_contact_pairs(details),
            # Registrations the supplier gave, each under its own name: neither is the
            # unique identifier reg 31 asks for. Every row always, blank when not given, so
            # a number put right since a summary was sent moves no figure below it.
            ("Company number", _seen(details.get("company_number"))),
            ("Charity number", _seen(details.get("charity_number"))),
            ("Contracting authority", plan.buyer),
            ("Tender", plan.tender_id),
            # Which version of the plan the assessment was made under, as the report's Audit.
            ("Evaluation plan", read.plan_identity),
            *_standstill_pair(read),
        ],
    )
    row = write_heading(ws, row + 1, "Outcome by lot")
    outcome = []
    bids = list(own.iter_rows(named=True))
    for lot in read.lot_ids:
        for bid in (bid for bid in bids if bid["lot"] == lot):
            text, *figures = _outcome(read, bid)
            # (The outcome quotes a bid's reasons, an officer's record of a disregard among
            # them: "Ann Evans checked its explanation" names an evaluator as a score would.)
            hide = _Hide(redact, others, shown_to(read.award, supplier, lot))
            outcome.append([lot, lot_name(plan, lot), hide(text), *figures])
    write_table(
        ws,
        row,
        (
            Col("Lot", 8),
            Col("Lot name", 28, wrap=True),
            Col("Outcome", 60, wrap=True),
            Col("Your total (points of 100)", 14, styles.TOTAL),
            Col("Your position", 10),
        ),
        outcome,
        set_widths=False,
    )
    styles.set_widths(ws, {1: 24, 2: 40, 3: 60, 4: 14, 5: 10})
    styles.print_landscape(ws)


def _standstill_pair(read: _Read) -> list[tuple[str, str]]:
    """Under PCR 2015 the summary is the award decision notice, which states precisely when
    the standstill period is expected to end (reg 86(2)(d)), as decisions.toml records it (the
    award decision holds the summaries back until it does). Under the Procurement Act the
    standstill follows the contract award notice (s.51): the assessment summary gives none."""
    ends = read.award.standstill.ends_on
    if read.plan.regime != "PCR2015" or ends is None or not read.award.contract_to_award:
        return []
    return [
        (
            "Standstill period",
            f"The standstill period is expected to end at midnight at the end of "
            f"{in_words(ends)} (Public Contracts Regulations 2015 regulation 87): the contracting "
            "authority will not enter into the contract before then.",
        )
    ]


# Points are kept exact and shown to 2 decimal places, so shown figures can be a hundredth
# away from the shown total; a bidder adding them up is told why, where the total is. The
# total is shown to the 4 places tenders are compared in, so a bidder ranked below a total
# that reads the same at 2 places sees the difference.
ROUNDING = (
    "Worked out from the unrounded points. Points are shown to 2 decimal places, so the "
    "figures above may not add up to this total exactly. Totals are compared, and shown, to "
    "4 decimal places."
)
# ({best}: the regime's term for the tender awarded, regimes.Terms.best.)
TIED_FIRST = (
    "Your tender tied for first place with one or more other tenders and the tie is not yet "
    "resolved, so the {best} has not been decided."
)
TIED_OTHERS = (
    "First place is tied between two or more tenders and the tie is not yet resolved, so the "
    "{best} has not been decided."
)


NOT_ASSESSED = (
    "Your tender was not assessed against the award criteria, so it has no scores; the "
    "reasons are given below."
)
UNDECIDED_OTHERS = (
    "The award of this lot has not yet been decided under the published rules, so no tender "
    "is named here."
)


def _outcome(read: _Read, bid: dict[str, Any]) -> list[Any]:
    """The outcome in words as the award decision has it, the bid's total and position."""
    result = read.result
    award = read.award.lots.get(bid["lot"])
    supplier, rank = bid["supplier"], bid["rank"]
    if bid["status"] == "disqualified":
        return ["Your tender was disqualified: " + "; ".join(_reasons_of(bid)), bid["total"], None]
    if bid["status"] == "withdrawn":
        withdrawal = read.award.withdrawal_of(supplier, bid["lot"], bid["source"])
        when = f" on {withdrawal.withdrawn_on}" if withdrawal else ""
        return [f"You withdrew this tender{when}, so it was not assessed.", None, None]
    if bid["status"] != "ranked":
        rejected = read.award.rejection_of(supplier, bid["lot"], bid["source"])
        # The recorded reason may name staff: it stays in the evaluation record, as a tie's.
        when = f" on {rejected.decided_on}" if rejected and rejected.decided_on else ""
        # Disregarded on a ground, the reasons give the ground already.
        settled = (
            f". The contracting authority rejected it{when}."
            if rejected and rejected.ground is None
            else ""
        )
        text = "Your tender could not be assessed: " + "; ".join(_reasons_of(bid)) + settled
        return [text, None, None]
    if award is not None and award.not_to_award:
        return [
            f"The contracting authority decided{_decided_on(result, award.lot)} not to award "
            "this lot, so no tender is awarded it.",
            bid["total"],
            rank,
        ]
    if award is not None and award.supplier == supplier:
        return [_awarded_text(result, award), bid["total"], rank]
    said = terms(read.plan.regime)
    if award is not None and award.outcome == "undecided" and supplier in award.tied:
        tied = TIED_FIRST.format(best=said.best)
        return [tied if award.tied == award.first else UNDECIDED_OTHERS, bid["total"], rank]
    if award is not None and supplier in award.passed_over:
        limit = read.award.cap.limit
        # An undecided lot is not "not awarded": its award waits (the reasons say on what).
        goes = (
            "goes to another tender"
            if award.awarded
            else "goes to another tender once its award is decided"
            if award.outcome == "undecided"
            else "is not awarded"
        )
        return [
            f"Your tender was ranked {rank}, but you are to be awarded the maximum of {limit} "
            f"lot{'s' * (limit != 1)} one supplier may win in other lots; under the published "
            f"lot-cap mechanism this lot {goes}.",
            bid["total"],
            rank,
        ]
    if award is not None and award.outcome == "undecided":
        return [UNDECIDED_OTHERS, bid["total"], rank]
    if award is not None and award.basis == "tie_decision" and supplier in award.tied:
        # Level with the awarded tender: "another tender was more advantageous" is untrue.
        return [
            f"Your tender tied for first place with the {said.best}; the "
            f"contracting authority resolved the tie{_decided_on(result, award.lot)} under its "
            "published rules.",
            bid["total"],
            rank,
        ]
    if award is not None and supplier in award.level:
        return [
            f"Your tender's total equalled the {said.best}'s; the published "
            f"tie-break ({_tie_rule(result)}) placed that tender first.",
            bid["total"],
            rank,
        ]
    return [f"Another tender was {said.better}.", bid["total"], rank]


def _tie_rule(result: ScoreResult) -> str:
    return result.plan.tie_break_text()


def _decided_on(result: ScoreResult, lot: str) -> str:
    """ " on <date>" of the buyer's recorded decision for ``lot``: its own wording may name its
    staff or the other tied bidders, so only the date is given."""
    decisions = result.award.decisions
    record = decisions.for_lot(lot) or decisions.no_award_for(lot)
    return f" on {record.decided_on}" if record is not None and record.decided_on else ""


def _awarded_text(result: ScoreResult, award: Any) -> str:
    best = terms(result.plan.regime).best
    if award.basis == "tie_decision":
        return (
            f"Your tender was the {best}: it tied for first place and the "
            f"contracting authority resolved the tie{_decided_on(result, award.lot)} under its "
            "published rules."
        )
    if award.basis in ("lot_cap", "recorded"):
        # Placed first itself (level with the tender passed over), it was not outranked.
        other = (
            "a tender ranked level with yours belongs to a supplier that"
            if award.supplier in award.first
            else "a higher-ranked tender's supplier"
        )
        return (
            f"Your tender is to be awarded this lot under the published lot-cap mechanism: "
            f"{other} is to be awarded the maximum number of lots one supplier may win."
        )
    if award.level:
        return (
            f"Your tender was the {best}: its total equalled another "
            f"tender's, and the published tie-break ({_tie_rule(result)}) placed it first."
        )
    return f"Your tender was the {best}."


def _write_criteria(ws: Worksheet, result: ScoreResult) -> None:
    plan = result.plan
    top = write_title(
        ws,
        "Award criteria",
        "Relative importance is each criterion's share of the "
        "whole evaluation; the scores available are those points.",
        # Reg 31(2)(d)(ii): where the criteria are summarised, where to find them in full.
        "This is a summary: the award criteria in full are those published in the tender "
        f"documents for {plan.tender_id}.",
        _how_evaluators_scores_combine(plan),
        *price_method_note(plan),
        *overall_minimum(plan),
    )
    rows = [
        [
            c.id,
            c.title,
            PILLAR_LABELS.get(c.pillar, c.pillar),
            c.effective_weight,
            stated_weight_text(plan, c.id),
            scale_text(plan, c.id),
            c.effective_weight,
        ]
        for c in plan.walk()
    ]
    write_table(ws, top, CRITERIA_COLUMNS, rows)
    styles.freeze_below(ws, top)
    styles.print_landscape(ws, repeat_rows=(top, top))


def _how_evaluators_scores_combine(plan: Plan) -> str:
    """How a question's score is formed from the evaluators' (reg 31(2)(d)(i)): a score of 3.67
    on a whole-number scale is otherwise unexplained."""
    rules = plan.evaluation
    text = (
        f"A question scored by evaluators gets the {rules.aggregate} of their scores (which can "
        "fall between the scale's steps)"
    )
    every = tuple(q.id for q in plan.questions())
    for questions, split in _group_splits(plan).items():
        which = "every question" if questions == every else _and(list(questions))
        text += f"; on {which} {split}"
    if rules.groups:
        return text + (
            ". Where a group gave no score for a tender, the evaluators who did carry the "
            "question in proportion to their shares. Where the evaluators met and agreed a "
            "score (moderation), the agreed score takes the place of the other evaluators' "
            "scores, and a group's keep their share beside it."
        )
    return text + (
        ". Where the evaluators met and agreed a score (moderation), the agreed score is used "
        "instead."
    )


def _group_splits(plan: Plan) -> dict[tuple[str, ...], str]:
    """The questions an evaluator group has its own share of, those with the same split
    together, each with how its score is split as the plan's shares make it (scoring's
    group_shares): "the Carers' panel's scores carry 25%, the Young carers' panel's 30% and
    the other evaluators' 45%". Two groups on one question leave the others less than either
    would alone."""
    names = {group.id: group.name for group in plan.evaluation.groups}
    split: dict[str, list[tuple[str, float]]] = {}
    for question, component, share in group_shares(plan).iter_rows():
        split.setdefault(question, []).append((component, share))
    said: dict[str, list[str]] = {}
    for question, parts in split.items():
        groups = [(names[c], share) for c, share in parts if c]
        if not groups:
            continue
        others = next(share for c, share in parts if not c)
        (first, first_share), *more = groups
        words = [
            f"the {first}'s scores carry {first_share:g}%",
            *(f"the {name}'s {share:g}%" for name, share in more),
            f"the other evaluators' {others:g}%",
        ]
        said.setdefault(_and(words), []).append(question)
    return {tuple(questions): text for text, questions in said.items()}


def _and(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _write_lot(ws: Worksheet, read: _Read, supplier: str, lot: str, hide: _Hide) -> None:
    plan = read.plan
    own = read.rows[(lot, supplier)]
    award = read.award.lots.get(lot)
    awarded = award is not None and award.awarded
    planned = plan.lot(lot)
    heading = planned.heading() if planned else f"Lot {lot}"
    write_title(ws, heading, hide(_outcome(read, own)[0]))
    row = write_heading(ws, 4, "Your tender")
    if own["status"] == "invalid":
        # Scores its evaluators recorded were not used in any decision: shown beside "could
        # not be assessed" as points awarded, they would read as an assessment that was not.
        row = write_pairs(ws, row, [("Scores", NOT_ASSESSED)])
    else:
        row = _score_table(ws, row, read, own, hide)
    mine = awarded and award.supplier == supplier
    if not mine and award is not None and award.outcome == "undecided":
        # No tender is the most advantageous until the award is decided: none is named.
        tie = award.tied and award.tied == award.first
        tied = TIED_OTHERS.format(best=terms(plan.regime).best)
        row = write_heading(ws, row + 1, tied if tie else UNDECIDED_OTHERS)
    elif not mine and awarded:
        best = read.rows[(lot, award.supplier)]
        label = (
            f"The {terms(plan.regime).best}"
            if award.basis in ("ranked_first", "tie_decision")
            else "The tender to be awarded this lot (under the published lot-cap mechanism)"
        )
        row = write_heading(ws, row + 1, f"{label}: {_seen(best['supplier'])}")
        top = row
        row = write_pairs(ws, row, _contact_pairs(_supplier_details(read, best["supplier"])))
        for label in range(top, row):  # (column A is the narrow Criterion column here)
            ws.cell(row=label, column=1).alignment = styles.WRAP
        row = _score_table(ws, row + 1, read, best, hide)
    if not mine:
        row = write_heading(ws, row + 1, "Further reasons")
        reasons = _reasons_of(own) or (
            [_outcome(read, own)[0]] if own["status"] == "ranked" else []
        )
        write_pairs(ws, row, [("Reason", hide(reason)) for reason in reasons])
    styles.set_widths(ws, {i: c.width for i, c in enumerate(SCORE_TABLE, start=1)})
    styles.print_landscape(ws)


def _score_table(ws: Worksheet, top: int, read: _Read, bid: dict[str, Any], hide: _Hide) -> int:
    """Each leaf criterion's score with its explanation, after the leaves of a sub-criterion
    that groups others its sub-total (reg 31: a score for each criterion and sub-criterion),
    a sub-total per pillar and the total."""
    scores = read.criteria.get((bid["lot"], bid["supplier"]), {})
    sub_totals = read.sub_totals.get((bid["lot"], bid["supplier"]), {})
    rows: list[list[Any]] = []
    for pillar, criteria in read.table:
        for criterion in criteria:
            if not criterion.is_leaf:
                rows.append(
                    [
                        criterion.id,
                        f"Sub-total: {criterion.title}",
                        None,
                        sub_totals.get(criterion.id),
                        criterion.effective_weight,
                        None,
                    ]
                )
                continue
            score = scores.get(criterion.id, {})
            rows.append(
                [
                    criterion.id,
                    criterion.title,
                    _raw(criterion.kind, score.get("raw_score")),
                    score.get("weighted"),
                    criterion.effective_weight,
                    hide(score.get("reason")),  # nor who scored them, nor who else bid
                ]
            )
        rows.append(
            [
                "",
                f"Sub-total: {PILLAR_LABELS[pillar]}",
                None,
                bid[SCORE_COLUMNS[pillar]],
                read.pillar_weights[pillar],
                None,
            ]
        )
    rows.append(["", "Total", None, bid["total"], read.total_weight, ROUNDING])
    first, last = write_table(ws, top, SCORE_TABLE, rows, set_widths=False)
    for r in range(first, last + 1):
        if str(ws.cell(row=r, column=2).value).startswith(("Sub-total", "Total")):
            for col in range(1, len(SCORE_TABLE) + 1):
                ws.cell(row=r, column=col).font = styles.LABEL_FONT
    # The total to the places it is compared in: beside the most advantageous tender's, two
    # totals ranked apart never both read 69.14.
    ws.cell(row=last, column=4).number_format = styles.TOTAL
    return last + 1


def _in_table_order(plan: Plan, pillar: str) -> list[Criterion]:
    """The pillar's leaves in the plan's order, each criterion the plan gives a sub-total of
    its own (:meth:`Plan.sub_totalled`) just after its last leaf."""
    totalled = {c.id for c in plan.sub_totalled()}

    def listed(criterion: Criterion) -> list[Criterion]:
        if criterion.is_leaf:
            return [criterion]
        inside = [c for child in criterion.children for c in listed(child)]
        return inside + ([criterion] if criterion.id in totalled else [])

    return [c for top in plan.criteria if top.pillar == pillar for c in listed(top)]


def _raw(kind: str, value: float | None) -> str | None:
    """The score on the criterion's own scale, in words: £ for price and commitments (to the
    penny as the report shows them, £100.125 as £100.13)."""
    if value is None:
        return None
    if kind in ("price", "commitments"):
        return pounds(value)
    # To the 4 places the report's Quality sheet shows (3.6667, not 3.66667).
    return figure(value, 4)


def _reasons_of(bid: dict[str, Any]) -> list[str]:
    return [r for r in (bid.get("reasons") or []) if r]


def _reasons(frame: pl.DataFrame) -> list[str]:
    return [r for bid in frame.iter_rows(named=True) for r in _reasons_of(bid)] or [
        "The submission could not be read."
    ]


def _supplier_details(read: _Read, supplier: str) -> dict[str, Any]:
    """The supplier's details under its own name, else under its name as compared; none
    while the buyer has yet to record which of its bid returns stands. The loader read the
    first return's (by file name) for every return under the name: a draft gave one
    return's PPON and email beside the other's outcome, each return under another spelling
    of the name the other's details."""
    if supplier_key(supplier) in read.unsettled:
        return dict.fromkeys(DETAIL_KEYS, UNSETTLED_DETAILS)
    found = read.details_by_name.get(supplier)
    return found or read.details_by_key.get(supplier_key(supplier)) or {}


def _seen(text: str | None) -> str | None:
    """A bidder's own text (its name, address, email, numbers) as :func:`as_seen` shows it."""
    return as_seen(text) if text else text


# Reg 31(2)(b)-(c) (and (3)(a) for the supplier's own tender): what a summary gives of the
# supplier and of the most advantageous tender's, under the names the regulation gives them,
# as the bid return gave them (a return left blank is a warning when it is read).
CONTACT_LABELS = ("Contact postal address", "Contact email address", "Unique identifier")


CONTACT_KEYS = ("address", "contact_email", "unique_identifier")
# Every detail a summary gives of a supplier: its contact details and its registrations.
DETAIL_KEYS = (*CONTACT_KEYS, "company_number", "charity_number")
# In each of them while the supplier's returns wait on the buyer's record of which stands.
UNSETTLED_DETAILS = "not shown until it is settled which of your bid returns stands"


def _contact_pairs(details: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The supplier's postal address, email address and unique identifier, labelled."""
    return [
        (label, _seen(details.get(key)))
        for label, key in zip(CONTACT_LABELS, CONTACT_KEYS, strict=True)
    ]


def _sheet_title(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet title, whatever the lot id in it: at most 31 characters as Excel
    counts them (UTF-16 units), none of []:*?/\\ nor a control character, and no apostrophe
    at either end (Excel refuses such a name: a lot id "L1'" stopped the summaries)."""
    base = _fit(re.sub(r"[\[\]:*?/\\\x00-\x1f\x7f]", "-", wanted), 31) or "Lot"
    title, n = base, 1
    while title.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        title = _fit(base, 31 - len(suffix)) + suffix
    taken.add(title.casefold())
    return title


def _fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-16 units, without an apostrophe at either end."""
    while len(text.encode("utf-16-le")) > 2 * limit:
        text = text[:-1]
    return text.strip("'")


# The part of a workbook that records when it was written, and its title.
_WHEN_WRITTEN = "docProps/core.xml"


def plan_changed_since(
    sent_on: dt.date | None,
    plans: Iterable[tuple[str, str]],
    regime: str,
    *,
    headed_otherwise: bool = False,
) -> str:
    """The warning that the plan file has changed since the summaries were sent, naming the
    plan each names (``plans``: (plan sent, plan now)), when nothing else in them has
    (``headed_otherwise``: nothing but how they are headed, said in a warning of its own)."""
    said = "; ".join(f"they name {sent}, and it is now {now}" for sent, now in sorted(plans))
    nothing_else = "Nothing else in them differs" + (
        " but how they are headed (below)" if headed_otherwise else ""
    )
    return (
        f"The evaluation plan has changed since the {terms(regime).summaries} were sent on "
        f"{sent_on}: {said}. {nothing_else} (no criterion, weight, score or "
        "explanation), so the summaries sent stand: check the change to the plan was meant, "
        "and keep the plan they name with the evaluation record."
    )


def marked_not_to_send(path: Path) -> bool:
    """Whether the summary at ``path`` was written while none could be sent (its title says
    so): read from its properties part alone."""
    try:
        if not path.is_file():
            return False
        with zipfile.ZipFile(path) as book:
            info = book.getinfo(_WHEN_WRITTEN)
            if info.file_size > 1_000_000:  # ours are a few hundred bytes
                return False
            return DRAFT_TITLE.encode() in book.read(info)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def sent_mark(day: dt.date) -> str:
    """What the name of a summary kept as sent on ``day`` carries ("-sent-2026-03-03")."""
    return f"-sent-{day.isoformat()}"


# What a summary written while decisions.toml recorded no sending carries (SENDING_MARK).
NO_SENDING = "none"
_CREATED = re.compile(rb"<dcterms:created[^>]*>([0-9T:-]+)Z?</dcterms:created>")
_SENDING = re.compile(
    rb'name="' + re.escape(SENDING_MARK.encode()) + rb'"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>'
)


def recorded_sending(standstill: Standstill) -> str:
    """The sending ``decisions.toml`` records, as text: the moment when a time is given
    (``2026-12-07T16:00:00``), else the day (``2026-12-07``); "" when none is recorded."""
    if standstill.summaries_sent_at is not None:
        return standstill.summaries_sent_at.isoformat()
    return standstill.summaries_sent_on.isoformat() if standstill.summaries_sent_on else ""


def _part(path: Path, name: str) -> bytes:
    """A small part of the workbook at ``path`` (b"" when it has none, or is no workbook)."""
    try:
        with zipfile.ZipFile(path) as book:
            info = book.getinfo(name)
            return book.read(info) if info.file_size <= 1_000_000 else b""
    except (OSError, KeyError, zipfile.BadZipFile):
        return b""


def sending_when_written(path: Path) -> str | None:
    """The sending ``decisions.toml`` recorded when the summary at ``path`` was written
    (:func:`recorded_sending`; :data:`NO_SENDING` when none was): None when the summary does
    not say (an earlier version of tendereval wrote it)."""
    found = _SENDING.search(_part(path, "docProps/custom.xml"))
    return found[1].decode() if found else None


def written_at(path: Path) -> dt.datetime | None:
    """When the summary at ``path`` was written, in UK time (its created time: the moment the
    tender was scored). None when it does not say, or gives the fixed time a result scored
    without one is written with: that is not when it was written."""
    found = _CREATED.search(_part(path, _WHEN_WRITTEN))
    try:
        moment = dt.datetime.fromisoformat(found[1].decode()) if found else None
    except ValueError:
        return None
    if moment is None or moment == FIXED_TIME:
        return None
    return uk_moment(moment.replace(tzinfo=dt.UTC))


def of_another_sending(place: Path, standstill: Standstill, regime: str) -> bool:
    """Whether the summary at ``place`` was written while ``decisions.toml`` recorded another
    sending than it records now. Under PCR 2015 the day the award decision notices go is
    recorded before they are written (docs/award.md), so a notice written while another day
    was recorded (or the day alone, a time recorded since) may be one sent then, not now.
    Under the Procurement Act the day is recorded once they are sent, after they were
    written: the summaries in the folder are those sent on the day recorded now."""
    when = sending_when_written(place)
    now = recorded_sending(standstill)
    return regime == "PCR2015" and bool(when and now) and when not in (NO_SENDING, now)


def written_before_sending(place: Path, standstill: Standstill) -> bool:
    """Whether the summary at ``place`` was written before the moment the summaries are
    recorded as sent (``summaries_sent_on`` with a time): then it is one of those sent at that
    moment, and the summaries it replaced (kept in superseded/ under the same day) had left
    the folder before, sent earlier that day."""
    at, written = standstill.summaries_sent_at, written_at(place)
    return at is not None and written is not None and written <= at


def written_after_sending(
    place: Path, standstill: Standstill, regime: str, runs: RunsBySending | None = None
) -> bool:
    """Whether the summary at ``place`` was written after the sending ``decisions.toml``
    records, so is none of the summaries sent then, whatever it says (review 41: one written
    once those sent were gone from the folder was taken for them, and a changed award for the
    one sent). ``runs``: what the record of runs says of that sending
    (report/summaries_written.runs_by_sending). Where ``summaries`` wrote some by the day
    sent, one written (scored) on a later day, or after the moment recorded (a time given), is
    not one of them; under the Procurement Act (the day is recorded once they have gone), nor
    is one written while that very sending was already recorded, unless it was recorded
    first after all. A summary that does not say when it was written (an earlier version
    wrote it), or a sending the record knows nothing of, leaves it taken as it was."""
    runs = runs or RunsBySending()
    day = standstill.summaries_sent_on
    if day is None:
        return False
    written, at = written_at(place), standstill.summaries_sent_at
    later = written is not None and (written.date() > day or (at is not None and written > at))
    if runs.written_by_then and later:
        return True
    if runs.recorded_first or regime == "PCR2015":
        return False
    return sending_when_written(place) == recorded_sending(standstill)


def day_sent(place: Path, standstill: Standstill, regime: str, today: dt.date) -> dt.date | None:
    """The day the summary at ``place``, about to be set aside, was sent, as tendereval knows
    it: under PCR 2015 the day recorded when it was written (the notices sent on 1 December,
    set aside once the day of the new ones, 7 December, is recorded before writing them, as
    the order of steps asks, were sent on 1 December); otherwise the day recorded now. None
    when that day is still to come: it was not sent then, and no day it was sent is known."""
    when = sending_when_written(place) if regime == "PCR2015" else None
    if when and when != NO_SENDING:
        day = dt.date.fromisoformat(when[:10])
    elif standstill.summaries_sent_on is not None:
        day = standstill.summaries_sent_on
    else:
        return None
    return day if day <= today else None


def day_kept_as_sent(kept: Path) -> dt.date | None:
    """The day a summary kept in superseded/ as sent was sent, as its name says (None: its
    name says of no day: it was not kept as sent)."""
    found = re.search(r"-sent-(\d{4}-\d{2}-\d{2})(-\d+)?$", kept.name.removesuffix(SUMMARY_SUFFIX))
    try:
        return dt.date.fromisoformat(found[1]) if found else None
    except ValueError:
        return None


def name_when_sent(kept: Path, day: dt.date | None) -> str:
    """The name a summary kept as sent on ``day`` had in the folder: its name without
    :func:`sent_mark` and the number a second one kept under that name is given
    ("weald-sent-2026-03-03-2-assessment-summary.xlsx" had "weald-assessment-summary.xlsx");
    ``day`` None: kept as sent on any day."""
    stem = kept.name.removesuffix(SUMMARY_SUFFIX)
    mark = re.escape(sent_mark(day)) if day else r"-sent-\d{4}-\d{2}-\d{2}"
    return re.sub(rf"{mark}(-\d+)?$", "", stem) + SUMMARY_SUFFIX


@dataclass(frozen=True)
class SentAgainstAward:
    """The summaries recorded as sent compared with those the award gives now, supplier by
    supplier (:func:`sent_against_award`): what the award decision says of them."""

    # Kept in superseded/ as sent, unlike the award now, its own summary in the folder in
    # their place: the new ones are to be sent, and the standstill period starts again.
    replaced: tuple[Path, ...] = ()
    # Summaries in the folder unlike the award now, and no summary sent like it: the award
    # changed since they were written (run ``summaries``).
    out_of_date: tuple[str, ...] = ()
    # Summaries sent that give the award now (a change undone), with others in the folder in
    # their place: ``summaries`` puts back those sent.
    not_in_place: tuple[str, ...] = ()
    # The folder the summaries sent were judged in (report/summaries_written.sent_candidates:
    # of several, the one that decided).
    looked_in: Path | None = None
    # That folder holds no summary at all (gone, or never written there): the summaries sent
    # could not be compared with the award, so nothing is said of them as standing.
    unchecked: bool = False
    # Whether that folder is the one ``summaries`` writes to unless told another (the tender's
    # reports/summaries): else the messages name it, and the ``-o`` that writes there.
    by_default: bool = True
    # The latest day before the one recorded on which summaries kept in superseded/ were
    # sent: those recorded now were sent again, and the standstill starts again with them.
    sent_earlier: dt.date | None = None
    # Summaries in that folder written after the sending recorded (written_after_sending),
    # with no summary sent kept for their suppliers: none of them is one sent, so they leave
    # the summaries sent ``unchecked`` (review 41: taken as sent, they hid a changed award).
    written_since: tuple[str, ...] = ()


def kept_as_sent(place: Path, day: dt.date) -> list[Path]:
    """The summaries of ``place``'s name kept in its superseded/ as sent on ``day``, the
    latest first; drafts left out (none was sent)."""
    stem = place.name.removesuffix(SUMMARY_SUFFIX)
    copies = [
        path
        for path in (place.parent / SUPERSEDED).glob(f"{glob.escape(stem)}-sent-*{SUMMARY_SUFFIX}")
        if name_when_sent(path, day) == place.name
        and path.is_file()
        and not path.is_symlink()
        and not marked_not_to_send(path)
    ]
    return sorted(copies, key=lambda path: path.stat().st_mtime_ns, reverse=True)


def sent_against_award(
    result: ScoreResult, day: dt.date, folder: Path | None = None
) -> SentAgainstAward:
    """Each supplier's summary sent on ``day`` compared, as the supplier reads it
    (report/sent.py same_summary), with the summary the award gives it now, and the summary
    in ``folder`` too (default: each folder ``summaries`` wrote them to by that day,
    report/summaries_written.sent_candidates, and they stand only if every one gives the
    award; with no record, reports/summaries). The summary sent
    is the one kept in superseded/ as sent (``summaries`` moved it there when it wrote another
    in its place: any of them, as ``summaries`` puts back any that is alike), else the one in
    the folder. A folder holding no summary at all is ``unchecked``: nothing to compare.
    Judged against the award, not by what is on the disk alone: a score changed and
    changed back leaves the summaries sent standing. Suppliers with no summary sent in
    either place are left to ``summaries`` and ``publish`` (one sent under another name, one
    missing)."""
    import tempfile

    if folder is None and result.folder is None:
        return SentAgainstAward()
    regime = result.plan.regime if result.plan else ""
    sending = recorded_sending(result.award.standstill)
    folders = (
        [folder]
        if folder is not None
        else sent_candidates(Path(result.folder), day, regime, sending)
    )
    # (A tender from frames has no record of runs: its summaries are taken as they are.)
    runs = (
        runs_by_sending(Path(result.folder), day, regime, sending)
        if result.folder is not None
        else RunsBySending()
    )
    with tempfile.TemporaryDirectory() as scratch:
        given = _GivenNow(result, Path(scratch))
        return _together([_sent_against_award_in(result, day, one, given, runs) for one in folders])


class _GivenNow:
    """Each supplier's summary as this award gives it, written aside once however many
    folders it is compared with."""

    def __init__(self, result: ScoreResult, scratch: Path) -> None:
        from tendereval.report.redact import OtherBidders, Redactor

        self.final = FinalSummaries(result, Redactor.of(result), OtherBidders.of(result))
        self.scratch = scratch
        self.made: dict[str, Path] = {}

    def __call__(self, supplier: str, name: str) -> Path:
        if name not in self.made:
            self.made[name] = self.final.saved(supplier, self.scratch / name)
        return self.made[name]


def _together(found: list[SentAgainstAward]) -> SentAgainstAward:
    """The summaries sent judged in every folder that may hold them (review 37): they stand
    only if each gives the award. The first that differs decides (out of date, then
    replaced), then one holding none (unchecked: the folder they were sent from may be the
    one gone); else the last written, or one with others in place of those sent."""
    for wanted in (
        lambda one: one.out_of_date,
        lambda one: one.replaced,
        lambda one: one.unchecked,
        lambda one: one.not_in_place,
    ):
        deciding = [one for one in found if wanted(one)]
        if deciding:
            return deciding[0]
    return found[-1]


def _sent_against_award_in(
    result: ScoreResult, day: dt.date, folder: Path, given: _GivenNow, runs: RunsBySending
) -> SentAgainstAward:
    """:func:`sent_against_award` in one ``folder``. A summary there written after the
    sending recorded (:func:`written_after_sending`, as the record of ``runs`` tells it) is
    none of those sent: with none kept as sent for its supplier, nothing says what that
    supplier was sent, and the summaries sent are ``unchecked``."""
    from tendereval.report.sent import same_summary

    by_default = _by_default(result, folder)
    if not holds_summaries(folder):
        return SentAgainstAward(looked_in=folder, unchecked=True, by_default=by_default)
    replaced: list[Path] = []
    out_of_date: list[str] = []
    not_in_place: list[str] = []
    written_since: list[str] = []
    standstill, regime = result.award.standstill, result.plan.regime if result.plan else ""
    for supplier, name in sorted(summary_file_names(result).items(), key=lambda x: x[1]):
        place = folder / name
        kept = kept_as_sent(place, day)
        in_place = place.is_file() and not place.is_symlink()
        if in_place and written_before_sending(place, standstill):
            kept = []  # set aside before the moment recorded: sent earlier that day
        if not kept and in_place and written_after_sending(place, standstill, regime, runs):
            written_since.append(name)  # (a copy written after they went: not one sent)
            continue
        if not kept and not (in_place and not marked_not_to_send(place)):
            continue  # (a draft is no summary sent)
        now = given(supplier, name)
        here = in_place and same_summary(now, place).same
        if not kept and not here and of_another_sending(place, standstill, regime):
            # A PCR 2015 notice of an earlier sending, unlike this award: the new ones,
            # their day recorded first, are still to be written.
            continue
        sent = any(same_summary(now, copy).same for copy in kept) if kept else here
        if sent and not here:
            not_in_place.append(name)
        elif not sent and kept and here:
            replaced.append(kept[0])
        elif not sent:
            out_of_date.append(name)
    earlier = [
        found
        for path in (folder / SUPERSEDED).glob(f"*-sent-*{SUMMARY_SUFFIX}")
        if (found := day_kept_as_sent(path)) is not None and found < day
    ]
    return SentAgainstAward(
        tuple(replaced),
        tuple(out_of_date),
        tuple(not_in_place),
        folder,
        bool(written_since) and not (replaced or out_of_date),
        by_default,
        sent_earlier=max(earlier, default=None),
        written_since=tuple(written_since),
    )


def _by_default(result: ScoreResult, folder: Path) -> bool:
    from tendereval.outputs import same_file
    from tendereval.report.summaries_written import default_folder

    if result.folder is None:
        return False
    default = default_folder(Path(result.folder))
    return same_file(folder, default)


def holds_summaries(folder: Path) -> bool:
    """Whether ``folder`` holds an assessment summary, or one kept in its superseded/ as sent:
    any supplier's, under any name (an earlier version spelled some names otherwise)."""
    try:
        return any(folder.glob(f"*{SUMMARY_SUFFIX}")) or any(
            (folder / SUPERSEDED).glob(f"*-sent-*{SUMMARY_SUFFIX}")
        )
    except OSError:
        return False


def sent_and_replaced(
    kept: Iterable[Path], day: dt.date | None, result: ScoreResult
) -> tuple[list[Path], list[Path]]:
    """The summaries sent on ``day`` (None: any day) and kept aside since (their names carry
    :func:`sent_mark`), split in two: those replaced by a summary with other figures, which
    must be sent again; and those of suppliers that have withdrawn since (in ``result``, every
    tender withdrawn), to whom nothing new goes. A summary with no successor for another
    reason (a supplier's name corrected) is replaced. A draft (marked not to be sent yet) is
    in neither: an earlier version of tendereval filed drafts as sent."""
    withdrawn = of_withdrawn(result)
    replaced: list[Path] = []
    gone: list[Path] = []
    for path in kept:
        if marked_not_to_send(path):
            continue  # a draft is never a summary sent, whatever name it was kept under
        (gone if withdrawn(path, day) else replaced).append(path)
    return replaced, gone
