"""``summaries``: one assessment summary workbook per supplier, and whether they may be sent."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tendereval.api.sources import TenderSource, scored
from tendereval.atomic import Together, written_together
from tendereval.award.decision import AwardDecision, sent_check
from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.errors import Problem, UsageError, path_argument, progress_argument
from tendereval.folder_lock import only_run
from tendereval.inputs import from_here, never_over_the_tender
from tendereval.layout import REPORTS_FOLDER, SUPERSEDED
from tendereval.regimes import summaries_counted, terms
from tendereval.report.summaries_written import RunsBySending, runs_by_sending
from tendereval.scored_from import hold_if_changed
from tendereval.scoring.result import ScoreResult, one_output
from tendereval.shown import brief
from tendereval.terminal import as_seen
from tendereval.wording import counted

if TYPE_CHECKING:
    from tendereval.award.recorded import Standstill
    from tendereval.report.redact import OtherBidders, Redactor
    from tendereval.report.sent import Likeness

# The suppliers named on the terminal whose bids could not be assessed; the rest are counted.
NAMES_SHOWN = 10


@dataclass
class SummariesResult:
    """What ``summaries`` wrote and what the officer must know before sending them.

    ``ready`` is the award decision's word: False while a lot is undecided, a recorded
    decision does not fit, or the inputs have errors (``award.blockers`` says which).
    """

    outdir: Path
    paths: list[Path]  # the summaries in the folder: those written and any kept as sent
    award: AwardDecision
    redacted: int  # explanations that named an evaluator ("an evaluator" in the summaries)
    not_assessed: list[str]  # suppliers with a bid that could not be assessed
    # explanations and reasons that named another bidder ("another bidder" in the summaries)
    other_bidders_named: int = 0
    problems: list[Problem] = field(default_factory=list)
    # explanations that, once redacted, still hold an evaluator's first name on its own
    # ("Ruth thought…"): not replaced, since a first name can be a word too
    first_names_left: int = 0
    # explanations that, once redacted, still hold an evaluator's surname on its own starting
    # a sentence ("Strong safeguarding…" for Tom Strong) or beside another capitalised word
    # ("Romney Marsh"): not replaced, it can be a word or part of a place's name there
    surnames_left: int = 0
    # explanations and reasons that still hold another bidder's name of one word on its own
    # starting a sentence ("Strong safeguarding…" for Strong Ltd): not replaced, it can be an
    # ordinary word there
    other_bidders_left: int = 0
    # summaries an earlier run left in the folder that this one did not write (a supplier
    # renamed, a bid withdrawn), moved into its superseded/ folder: where they are now
    superseded: list[Path] = field(default_factory=list)
    not_set_aside: list[Path] = field(default_factory=list)  # the same, that could not be moved
    # The summaries already sent (decisions.toml records the day), moved into superseded/
    # before this run wrote over them: the record of what each supplier was sent is kept.
    sent_kept: list[Path] = field(default_factory=list)
    # Those of them whose suppliers have withdrawn since: nothing new is sent to them.
    sent_withdrawn: list[Path] = field(default_factory=list)
    sent_on: dt.date | None = None
    # Of ``paths``, the summaries sent that hold the same as those written now: put back, the
    # very bytes sent (this run wrote none of them).
    kept_as_sent: list[Path] = field(default_factory=list)
    # (the plan they name, the plan now) for summaries sent that differ only in the evaluation
    # plan they name: the plan file has changed since (nothing a supplier reads has).
    plan_since_sent: list[tuple[str, str]] = field(default_factory=list)
    # What differs, by the name each summary sent is kept under in superseded/: the first
    # cell of each said (sheet › cell, as sent and now).
    sent_unlike: dict[str, Likeness] = field(default_factory=dict)
    # Summaries sent kept as they were that differ from those written now only in how they
    # are headed (the tender's title): by name, with what differs.
    sent_worded_otherwise: dict[str, Likeness] = field(default_factory=dict)
    # Suppliers given no summary: every tender of theirs was withdrawn ([[withdrawal]]).
    withdrawn: list[str] = field(default_factory=list)
    # summaries with nothing in the folder to compare with though a day sent is recorded
    sent_missing: list[Path] = field(default_factory=list)
    # Summaries sent under another file name than their supplier's summary has now, the same
    # as the one written now, kept as sent under the name now: name now → name sent.
    sent_renamed: dict[str, str] = field(default_factory=dict)
    # outputs an earlier run left in reports/ that no longer match this award (warnings)
    out_of_date: list[str] = field(default_factory=list)
    # The buyer's own in-house team: its return is the comparator, not a tender, so no summary.
    comparators: list[str] = field(default_factory=list)
    # A warning when where they were written could not be recorded (report/summaries_written)
    not_recorded: str = ""

    def __repr__(self) -> str:
        return brief(self)

    def _sent_kept(self) -> list[str]:
        """What became of the summaries sent: those replaced by others (other figures, or
        other wording), to be sent again; and those of suppliers that have withdrawn since,
        with nothing in their place."""
        from tendereval.report.sent import differs_in, sent_otherwise

        gone = self.sent_withdrawn
        replaced = [path for path in self.sent_kept if path not in gone]
        out = []
        if replaced:
            # Kept under the day each was sent: under PCR 2015 the day of the new notices is
            # recorded before they are written, so those replaced went on an earlier day.
            sent = (
                f"decisions.toml records the summaries as sent on {self.sent_on}, and "
                f"{self._counted(replaced)} sent then "
                if _days_sent(replaced, self.sent_on) == str(self.sent_on)
                else f"{self._counted(replaced)} sent on {_days_sent(replaced, self.sent_on)} "
            )
            # What they differ in, figures or wording (an explanation reworded, no figure).
            kinds = [differs_in(self.sent_unlike.get(path.name)) for path in replaced]
            out.append(
                sent
                + ("differs" if len(replaced) == 1 else "differ")
                + f" from those written now: kept in {from_here(replaced[0].parent)} "
                f"({names_in_brief(replaced)}). {sent_otherwise(kinds)}"
                # Not while nothing may be sent: these are marked so (NOT TO BE SENT YET).
                + ("" if self.ready else " once they may be sent (below)")
                + ", and the standstill period starts again."
            )
        if gone:
            out.append(
                f"{self._counted(gone)} sent on {_days_sent(gone, self.sent_on)} "
                + ("has" if len(gone) == 1 else "have")
                + f" none in {'its' if len(gone) == 1 else 'their'} place now, the supplier "
                f"having withdrawn: kept in {from_here(gone[0].parent)} "
                f"({names_in_brief(gone)}). Nothing new is sent to "
                f"{'it' if len(gone) == 1 else 'them'}."
            )
        if self.sent_missing:
            # Review red team, session 33: a sent summary deleted, then the figures changed,
            # and the fresh one written in its place without a word; publish then went ahead.
            out.append(
                f"warning: decisions.toml records the summaries as sent on {self.sent_on}, but "
                f"no summary sent then is in {from_here(self.sent_missing[0].parent)} for "
                f"{names_in_brief(self.sent_missing)}: the "
                + ("one" if len(self.sent_missing) == 1 else "ones")
                + " written now could not be compared with what was sent. Put back the "
                "summary sent that day (from what was sent) and run summaries again: if it "
                "differs, the supplier must be sent this one, and the standstill period starts "
                "again."
            )
        if self.sent_renamed:
            said = "; ".join(
                f"sent as {sent}; now written as {now}" for now, sent in self.sent_renamed.items()
            )
            out.append(
                f"{self._counted(list(self.sent_renamed))} sent on {self.sent_on} "
                + ("is" if len(self.sent_renamed) == 1 else "are")
                + f" kept as sent under the file name written now ({said}): the file name "
                "changed (an earlier version spelled some suppliers' names otherwise, or the "
                "supplier's name was corrected), not what it says, and the standstill period "
                "does not start again."
            )
        if self.sent_unlike:
            from tendereval.report.sent import first_differences

            out.append(
                f"What differs, the first cell of each: {first_differences(self.sent_unlike)}."
            )
        return out

    def _counted(self, paths: list[Path]) -> str:
        """So many of the regime's summaries: "3 award decision notices" under PCR 2015."""
        return summaries_counted(len(paths), self.award.regime)

    def _written(self, marked: str) -> str:
        """How many summaries this run wrote, and how many it kept as they were sent: a
        summary sent that holds the same as the one written now is put back, its bytes
        untouched."""
        kept = self.kept_as_sent
        written = [path for path in self.paths if path not in kept]
        where = from_here(self.outdir)
        one = terms(self.award.regime).a_summary
        if not written and not kept:  # (every supplier withdrew, say: named below)
            return f"Wrote no {one}: no supplier is given one"
        if not kept:
            return f"Wrote {self._counted(written)} to {where}{marked}"
        as_sent = f"as sent on {self.sent_on}, byte for byte: what they say is unchanged"
        if not written:
            return f"Wrote no {one}: kept the {self._counted(kept)} in {where} {as_sent}"
        return (
            f"Wrote {self._counted(written)} to {where}{marked}; kept "
            f"{counted(len(kept), 'other')} there {as_sent}"
        )

    @property
    def ready(self) -> bool:
        return self.award.summaries_ready

    @property
    def details_missing(self) -> list[Problem]:
        """The warnings on a supplier given a summary whose bid return gives no contact email
        address or unique identifier (reg 31(2)(b)-(c)): its summaries went out with the row
        blank, while ``summaries`` said nothing of it."""
        from tendereval.io.bid_rules import SUMMARY_DETAILS_MISSING

        return [
            p
            for p in self.problems
            if p.code == SUMMARY_DETAILS_MISSING and p.supplier not in self.withdrawn
        ]

    def closing(self) -> list[str]:
        """What ``summaries`` ends with, after the problems: the award in the words ``score``
        ends with (:meth:`AwardDecision.verdict`), every blocker listed. With no lot awarded,
        what the buyer owes instead (the verdict gives it unless something must be settled
        first) and, under the Procurement Act, that the summaries written are not owed."""
        said = self.award.verdict(listed=None)
        if not self.award.nothing_awarded:
            return said
        if not self.ready:
            return [*said, self.award.owed_instead]
        # (Every tender withdrawn, no summary was written to say anything.)
        if self.award.regime == "PCR2015" or not self.paths:
            return said
        return [
            *said,
            "The summaries written tell each supplier its scores and that no lot is awarded: "
            "they may be sent, but are not owed.",
        ]

    def lines(self) -> list[str]:
        """What the officer reads: where the summaries went, whose bids could not be assessed
        and what was kept out of them. Names from the bids are made safe to print."""
        from tendereval.errors import SHOWN_ON_A_TERMINAL, line_room
        from tendereval.terminal import terminal_line

        marked = (
            ""
            if self.ready
            else (
                ", each marked NOT TO BE SENT YET at its top: what must be settled first is below"
            )
        )
        out = [self._written(marked)]
        # Each problem as the problem lines show it: a supplier's name cut, the advice whole.
        out += [
            f"warning: {p.where}: "
            + p.describe(SHOWN_ON_A_TERMINAL, room=line_room(f"warning: {p.where}: "))
            for p in (
                *self.award.price_not_explained,
                # (A recorded date goes out in the summaries.)
                *self.award.dated_after_the_run,
                *self.details_missing,
            )
        ]
        if self.plan_since_sent:
            from tendereval.report.summaries import plan_changed_since

            headed = bool(self.sent_worded_otherwise)
            out.append(
                plan_changed_since(
                    self.sent_on, self.plan_since_sent, self.award.regime, headed_otherwise=headed
                )
            )
        if self.sent_worded_otherwise:
            from tendereval.report.sent import wording_changed_since

            out.append(
                wording_changed_since(self.sent_on, self.sent_worded_otherwise, self.award.regime)
            )
        out += self._sent_kept()
        if self.superseded:
            out.append(
                f"Moved {self._counted(self.superseded)} from an earlier run, which this run did "
                f"not write, to {from_here(self.superseded[0].parent)} "
                f"({names_in_brief(self.superseded)}): "
                + ("it does" if len(self.superseded) == 1 else "they do")
                + " not give these results, and the folder now holds only the summaries to send."
            )
        if self.not_set_aside:
            out.append(
                f"The folder also holds {self._counted(self.not_set_aside)} from an earlier run, "
                "which this run did not write and could not move "
                f"({names_in_brief(self.not_set_aside)}): remove "
                + ("it" if len(self.not_set_aside) == 1 else "them")
                + " before sending the folder."
            )
        if self.withdrawn:
            out.append(
                "No summary for these suppliers, who withdrew their tenders (decisions.toml): "
                + names_in_brief(self.withdrawn)
            )
        if self.comparators:
            out.append(
                "No summary for the in-house comparator (the buyer's own team, not a supplier "
                "with a tender): " + names_in_brief(self.comparators)
            )
            # Its errors stop no summary: said as the comparator's, beside the errors listed.
            out += [f"Lot {lot}: {why}." for lot, why in self.award.comparator_not_put_right()]
        # Nor do those of a tender disqualified whatever they are put right to.
        out += [f"Lot {lot}: {why}." for lot, why in self.award.disqualified_not_put_right()]
        if self.not_assessed:
            # Ten names, then how many more: a thousand made one unreadable line.
            out.append(
                "These suppliers have bids that could not be assessed (their summaries give the "
                "reasons): " + names_in_brief(self.not_assessed)
            )
        if self.redacted:
            out.append(
                f"{counted(self.redacted, 'explanation')} named an evaluator; the summaries say "
                "'an evaluator' instead. Read them before sending: a name written another way "
                "(a nickname, initials) is not caught."
            )
        if self.first_names_left:
            held = counted(self.first_names_left, "explanation holds", "explanations hold")
            out.append(
                f'{held} a word that is an evaluator\'s first name ("Ruth thought…"). It is '
                "not replaced, as a first name can be an ordinary word too: read them and "
                "reword any that name an evaluator before sending."
            )
        if self.surnames_left:
            held = counted(self.surnames_left, "explanation holds", "explanations hold")
            out.append(
                f"{held} a word that is an evaluator's surname on its own, starting a sentence "
                'or beside another capitalised word ("Okafor thought…", "Romney Marsh"). It is '
                'not replaced, as there it can be an ordinary word ("Strong", "Young") or part '
                "of a place's name: read them and reword any that name an evaluator before "
                "sending."
            )
        if self.other_bidders_named:
            named = counted(
                self.other_bidders_named, "explanation or reason", "explanations or reasons"
            )
            out.append(
                f"{named} named another bidder; a summary names no bidder but its reader and "
                "the tender awarded the lot, and says 'another bidder' instead. Read them before "
                "sending: a name written another way (a short form, a nickname) is not caught."
            )
        if self.other_bidders_left:
            held = counted(
                self.other_bidders_left,
                "explanation or reason holds",
                "explanations or reasons hold",
            )
            out.append(
                f"{held} a word that is another bidder's name on its own, starting a sentence "
                '("Strong safeguarding…" for Strong Ltd). It is not replaced, as there it can be '
                "an ordinary word: read them and reword any that name another bidder before "
                "sending."
            )
        out += [f"warning: {stale}" for stale in self.out_of_date]
        out += [self.not_recorded] if self.not_recorded else []
        return [terminal_line(line) for line in out]


@one_output(scores_a_source=True)  # given a folder or a Tender, it scores it
def summaries(
    source: TenderSource | ScoreResult,
    outdir: str | Path | None = None,
    *,
    steps: Callable[[str], None] | None = None,
) -> SummariesResult:
    """Score the tender (unless given a result) and write every supplier's assessment
    summary to ``outdir`` (default: ``<folder>/reports/summaries``). ``steps`` receives a
    line of text as each step starts and as the summaries are written. One run at a time
    writes to a folder: a run started while another is writing there changes nothing and
    raises ``OutputNotWritten`` (``FolderInUse``).

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> sent = tendereval.summaries("examples/carers-short-breaks", "out/summaries")
        >>> len(sent.paths), sent.ready
        (5, True)
    """
    from tendereval.earlier_outputs import out_of_date
    from tendereval.report.redact import OtherBidders, Redactor, explanations
    from tendereval.report.summaries import (
        named_in_summaries,
        sent_and_replaced,
        sent_elsewhere,
        summarised,
        write_summaries,
    )

    steps = progress_argument("steps", steps)
    result = scored(source, progress=steps)
    # Scored from files that have changed since, the summaries would not be the award's, and
    # those sent (recorded since) would be written over with no copy kept.
    hold_if_changed(result)
    target = path_argument("outdir", outdir) if outdir is not None else _default_outdir(result)
    # Before any earlier summary is set aside: summaries moved about in bids/ would be bids.
    never_over_the_tender(result.folder, target)
    redact, others = Redactor.of(result), OtherBidders.of(result)
    sent_on = result.award.standstill.summaries_sent_on
    sending = _Sending.of(result) if sent_on is not None else None
    # One run at a time: two at once moved each other's sent summaries about and lost them.
    with only_run(target):
        # Written aside, compared with those sent, and only then put in place, all or none: a
        # run stopped part-way leaves every summary sent where it was.
        with written_together() as together:
            paths = write_summaries(result, target, redact, others, steps, together)
            compared = _Compared()
            if sent_on is not None:
                if steps is not None:
                    steps(f"Comparing the summaries written with those sent on {sent_on}…")
                elsewhere = sent_elsewhere(target, target / SUPERSEDED, sent_on, result)
                compared = _compared(
                    together,
                    sent_on,
                    _as_sent(result, redact, others),
                    _SentElsewhere(elsewhere, named_in_summaries(result)),
                    sending,
                )
        # Once sent, a summary is the record of what its supplier was told: never deleted.
        moved, not_set_aside = _set_aside(target, paths, sending)
    not_recorded = _record_written(result, target)
    superseded = [path for _, path in moved if not _kept_as_sent(path)]
    # A summary sent under another name that differs from its supplier's now, set aside just
    # now under a name saying it was sent: what differs is said under that name.
    compared.unlike |= {
        path.name: compared.unlike_by_name_sent[name]
        for name, path in moved
        if name in compared.unlike_by_name_sent
    }
    compared.differing += [path for _, path in moved if _kept_as_sent(path)]
    # (A return set aside beside the tender its supplier's summary assesses is not its bid.)
    not_assessed = (
        result.results.filter(~ANOTHER_RETURN)
        .filter(pl.col("status") == "invalid")
        .get_column("supplier")
        .drop_nulls()
        .unique()
        .sort()
        .to_list()
    )
    given = set(summarised(result))
    # (A supplier's other return for a lot, under another spelling, is no other supplier's.)
    returns = result.results.filter(~ANOTHER_RETURN)
    comparators = returns.filter(pl.col("status") == "comparator").get_column("supplier")
    bidders = returns.filter(pl.col("status") != "comparator").get_column("supplier")
    withdrawn = sorted({name for name in bidders.drop_nulls() if name not in given})
    quoted = [as_seen(text) for text in explanations(result)]  # as the summaries quote them
    readers = _texts_and_readers(result)
    # The summaries sent judged against the award afresh, now that they are written, in the
    # folders they may have been sent from (report/summaries_written.sent_candidates), as
    # score and publish judge them. A tender built from frames has no record: the folder
    # written to is the one.
    folder = target if result.folder is None else None
    award = replace(result.award, sent_check=sent_check(result, folder))
    return SummariesResult(
        outdir=target,
        withdrawn=withdrawn,
        comparators=sorted(set(comparators.drop_nulls())),
        paths=paths,
        award=award,
        redacted=redact.names_in(quoted),
        not_assessed=not_assessed,
        other_bidders_named=others.names_in(readers),
        other_bidders_left=others.left_in(readers),
        problems=[*result.problems, *result.award.problems],
        first_names_left=redact.first_names_in(quoted),
        surnames_left=redact.surnames_left_in(quoted),
        superseded=superseded,
        not_set_aside=not_set_aside,
        sent_kept=compared.differing,
        sent_withdrawn=(sent_and_replaced(compared.differing, None, result)[1] if sent_on else []),
        sent_on=sent_on,
        kept_as_sent=compared.kept,
        plan_since_sent=sorted(compared.plans),
        sent_unlike=compared.unlike,
        sent_worded_otherwise=compared.worded,
        # (Before the day recorded, these are the summaries to be sent that day: PCR 2015's
        # order of steps records the day first, and on that day they may be still to write.
        # Under the Procurement Act a day recorded as today is one they went on. The day is
        # the UK's, as for every date rule.)
        sent_missing=compared.unmatched if sending is not None and sending.sent_already() else [],
        sent_renamed=compared.renamed,
        out_of_date=out_of_date(result),
        not_recorded=not_recorded,
    )


def _record_written(result: ScoreResult, target: Path) -> str:
    """Record in the tender's reports/ folder that the summaries were written to ``target``
    today (report/summaries_written.py): the award decision finds those sent there. A
    warning when it cannot be recorded, else ""."""
    from tendereval.atomic import OutputNotWritten
    from tendereval.ocds.formats import uk_today
    from tendereval.report.summaries import recorded_sending
    from tendereval.report.summaries_written import RECORD_FILE, record_written

    if result.folder is None:
        return ""
    # The sending recorded now: summaries written once it was are not those sent then.
    sending = recorded_sending(result.award.standstill)
    try:
        record_written(result.folder, target, uk_today(), sending)
    except OutputNotWritten as exc:
        return (
            f"warning: could not record in {from_here(result.folder / REPORTS_FOLDER)}"
            f"/{RECORD_FILE} that the summaries were written to {from_here(target)} "
            f"({exc.strerror}): once they are sent, score and "
            "publish may not find them there to compare with the award."
        )
    return ""


def _set_aside(
    outdir: Path, written: list[Path], sending: _Sending | None = None
) -> tuple[list[tuple[str, Path]], list[Path]]:
    """Move the summaries an earlier run left in ``outdir`` that this run did not write into
    ``outdir/superseded`` (never deleted: one may be what a supplier was sent), so that the
    folder holds exactly the summaries to send: where each went, and those that could not be
    moved. Before, a supplier renamed or a bid withdrawn left its old summary beside the new
    ones, to be sent with them. Each moved is given with the name it had. ``sending``: the
    summaries were sent, and their names say on what day (``…-sent-2026-03-03-…``,
    :meth:`_Sending.day`): publish holds the award back while the day recorded is still
    theirs. A draft (marked NOT TO BE SENT YET) is never one sent, nor one whose day is still
    to come, and its name says nothing of the kind."""
    from tendereval.report.summaries import SUMMARY_SUFFIX, marked_not_to_send

    kept = {path.name for path in written}
    earlier = sorted(
        path
        for path in outdir.glob(f"*{SUMMARY_SUFFIX}")
        if path.name not in kept and path.is_file() and not path.is_symlink()
    )
    moved: list[tuple[str, Path]] = []
    left: list[Path] = []
    for path in earlier:
        sent = sending.day(path) if sending is not None and not marked_not_to_send(path) else None
        try:
            moved.append((path.name, path.replace(_aside(outdir, path.name, sent))))
        except OSError:  # a read-only folder, a file in the way: said, and left
            left.append(path)
    return moved, left


def _aside(outdir: Path, name: str, sent_on: dt.date | None) -> Path:
    """A name in ``outdir/superseded`` no file has for the summary named ``name`` (sent on
    ``sent_on``, if given), the folder made: an earlier run's set aside already is kept too."""
    from tendereval.report.summaries import SUMMARY_SUFFIX, sent_mark

    aside = outdir / SUPERSEDED
    aside.mkdir(exist_ok=True)
    stem = name.removesuffix(SUMMARY_SUFFIX) + (sent_mark(sent_on) if sent_on else "")
    target, n = aside / f"{stem}{SUMMARY_SUFFIX}", 1
    while target.exists() or target.is_symlink():
        n += 1
        target = aside / f"{stem}-{n}{SUMMARY_SUFFIX}"
    return target


def _days_sent(kept: list[Path], recorded: dt.date | None) -> str:
    """The days the summaries ``kept`` as sent were sent, as their names say (the day
    ``recorded`` for one whose name says none)."""
    from tendereval.report.summaries import day_kept_as_sent

    return " and ".join(sorted({str(day_kept_as_sent(path) or recorded) for path in kept}))


def _kept_as_sent(path: Path) -> bool:
    from tendereval.report.summaries import day_kept_as_sent

    return day_kept_as_sent(path) is not None


@dataclass(frozen=True)
class _Sending:
    """The sending decisions.toml records, read to know of a summary in the folder whether it
    is one sent then, and on what day one set aside was sent (report/summaries.py)."""

    standstill: Standstill
    regime: str
    today: dt.date
    # What the record of runs says of that sending (report/summaries_written.runs_by_sending),
    # which tells a summary written after it.
    runs: RunsBySending = field(default_factory=RunsBySending)

    @classmethod
    def of(cls, result: ScoreResult) -> _Sending:
        from tendereval.ocds.formats import uk_today
        from tendereval.report.summaries import recorded_sending

        regime = result.plan.regime if result.plan is not None else ""
        standstill = result.award.standstill
        day = standstill.summaries_sent_on
        runs = (
            runs_by_sending(Path(result.folder), day, regime, recorded_sending(standstill))
            if result.folder is not None and day is not None
            else RunsBySending()
        )
        return cls(standstill, regime, uk_today(), runs)

    def sent_already(self) -> bool:
        """Whether the day recorded means the summaries have gone: a day past, or today
        where the record of runs shows summaries written before it was recorded (the
        Procurement Act's order: recorded once they are sent). Under PCR 2015 the day is
        recorded before the notices are written, so on that day they may be still to write,
        as they may be under the Act when the day was recorded first after all."""
        day = self.standstill.summaries_sent_on
        if day is None:
            return False
        return day < self.today or (day == self.today and not self.runs.recorded_first)

    def written_since(self, place: Path) -> bool:
        """Whether the summary at ``place`` was written after the sending recorded
        (report/summaries.written_after_sending): none of those sent, whatever it says."""
        from tendereval.report.summaries import written_after_sending

        return written_after_sending(place, self.standstill, self.regime, self.runs)

    def day(self, place: Path) -> dt.date | None:
        """The day the summary at ``place`` was sent (None: not sent, as far as is known)."""
        from tendereval.report.summaries import day_sent

        return day_sent(place, self.standstill, self.regime, self.today)

    def copies(self, place: Path) -> list[Path]:
        """The summaries of ``place``'s name kept as sent on the day recorded, but none when
        the one at ``place`` was written before the moment recorded (a time given): those
        had left the folder before, sent earlier that day."""
        from tendereval.report.summaries import kept_as_sent, written_before_sending

        day = self.standstill.summaries_sent_on
        if day is None or (place.is_file() and written_before_sending(place, self.standstill)):
            return []
        return kept_as_sent(place, day)


@dataclass
class _Compared:
    """The summaries written now, compared with those sent."""

    differing: list[Path] = field(default_factory=list)  # kept in superseded/, as sent
    kept: list[Path] = field(default_factory=list)  # the same: the one sent stays in place
    # (plan sent, plan now) of those the same but for the evaluation plan they name
    plans: set[tuple[str, str]] = field(default_factory=set)
    # what differs, by the name of each summary: in figures, and only in its heading
    unlike: dict[str, Likeness] = field(default_factory=dict)
    worded: dict[str, Likeness] = field(default_factory=dict)
    # those with no summary in the folder or in superseded/ to compare with
    unmatched: list[Path] = field(default_factory=list)
    # summaries sent under another name kept as sent under the name now: name now → name sent
    renamed: dict[str, str] = field(default_factory=dict)
    # what differs in a summary sent under another name, still in the folder under it (set
    # aside once compared): by that name
    unlike_by_name_sent: dict[str, Likeness] = field(default_factory=dict)


@dataclass(frozen=True)
class _SentElsewhere:
    """The summaries sent under a name no summary written now has (report/summaries.py
    sent_elsewhere), and each supplier as its summary names it → its summary's name now."""

    sent: list[Path] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)


def _compared(
    together: Together,
    sent_on: dt.date,
    as_sent: Callable[[str, Path], Path | None],
    elsewhere: _SentElsewhere | None = None,
    sending: _Sending | None = None,
) -> _Compared:
    """Each summary written now (aside, in ``together``) compared with the one sent on
    ``sent_on``, and ``together`` told what to put in place. One that holds the same as the
    summary sent leaves it in place, or puts it back there from superseded/ (where an
    interrupted run of an earlier version left it): the very bytes sent stay the record. One
    that differs replaces it, the one sent kept in superseded/ under a name saying so. A
    draft in the folder (marked NOT TO BE SENT YET) is no summary sent: written over.
    ``as_sent(name, scratch)``: the summary of that name as it would be sent, when the one
    written is marked not to be sent yet (None when it is not). ``elsewhere``: the summaries
    sent under other names, each compared with the one written now for its supplier
    (:func:`_sent_renamed`)."""
    from tendereval.report.sent import sent_under_other_names

    compared = _Compared()
    elsewhere = elsewhere or _SentElsewhere()
    with tempfile.TemporaryDirectory() as scratch:
        made = [
            (as_sent(place.name, Path(scratch)) or written, place)
            for written, place in together.written()
        ]
        wanting = {place.name: now for now, place in made if not _sent_in_place(place, sending)}
        renamed = (
            sent_under_other_names(elsewhere.sent, elsewhere.named, wanting)
            if elsewhere.sent
            else {}
        )
        for now, place in made:
            _compare_one(together, compared, now, place, sent_on, renamed.get(place.name), sending)
    return compared


def _compare_one(
    together: Together,
    compared: _Compared,
    now: Path,
    place: Path,
    sent_on: dt.date,
    renamed: Path | None = None,
    sending: _Sending | None = None,
) -> None:
    """:func:`_compared` for the summary to be put at ``place`` (``now``: as it would be
    sent; ``renamed``: its supplier's summary sent under another name, if any; ``sending``:
    what is recorded of the sending, which says on what day the one in place was sent)."""
    from tendereval.report.sent import same_summary
    from tendereval.report.summaries import kept_as_sent

    in_place = _sent_in_place(place, sending)
    alike = same_summary(now, place) if in_place else None
    # (A summary in place under the name now that differs stands for the one sent.)
    elsewhere = renamed is not None and (alike is None or alike.same)
    if elsewhere and _sent_renamed(together, compared, (now, place, in_place), sent_on, renamed):
        return
    if alike is not None and alike.same:
        together.leave(place)
        _alike(compared, place, alike)
        return
    copies = sending.copies(place) if sending is not None else kept_as_sent(place, sent_on)
    for copy in copies:
        found = same_summary(now, copy)
        if found.same:
            together.move_in(place, copy)
            if _sent_in_place(place):  # written since, never recorded as sent: kept, not as sent
                together.keep_earlier(place, _aside(place.parent, place.name, None))
            _alike(compared, place, found)
            return
    if alike is not None:
        # Kept under the day it was sent; one whose day is still to come was never sent.
        day = sending.day(place) if sending is not None else sent_on
        kept = _aside(place.parent, place.name, day)
        together.keep_earlier(place, kept)
        if day is not None:
            compared.differing.append(kept)
            compared.unlike[kept.name] = alike
    elif not place.exists():
        compared.unmatched.append(place)
    elif sending is not None and _sent_in_place(place) and sending.written_since(place):
        # Written after the sending recorded, so not one sent (review 41: the second run
        # took it for one, and said what was sent was unchanged): kept aside, not as sent,
        # and with none kept as sent, the one sent is still missing.
        together.keep_earlier(place, _aside(place.parent, place.name, None))
        if not copies:
            compared.unmatched.append(place)


def _sent_in_place(place: Path, sending: _Sending | None = None) -> bool:
    """Whether a summary that may have been sent is at ``place``: a file, not a link, not a
    draft (marked NOT TO BE SENT YET), nor one written after the sending recorded
    (``sending``, when given)."""
    from tendereval.report.summaries import marked_not_to_send

    if not place.is_file() or place.is_symlink() or marked_not_to_send(place):
        return False
    return sending is None or not sending.written_since(place)


def _sent_renamed(
    together: Together,
    compared: _Compared,
    written: tuple[Path, Path, bool],
    sent_on: dt.date,
    sent: Path,
) -> bool:
    """:func:`_compare_one` for a summary whose supplier's summary was sent under another name
    (``sent``, in the folder or kept in superseded/), with none under the name now or one
    that holds the same: the one sent is the record. The same as the one written now, it is
    put in place under the name now, byte for byte (one written since under that name is
    kept aside, not as sent). Otherwise it is the summary sent, and it differs: kept as sent
    in superseded/ and said with what differs, not as missing. Whether it settled the
    summary at ``place`` (``written``: the summary written now, its place, and whether a
    summary not marked as a draft is in that place)."""
    from tendereval.report.sent import same_summary
    from tendereval.report.summaries import name_when_sent

    now, place, in_place = written
    found = same_summary(now, sent)
    if found.same:
        together.move_in(place, sent)
        if in_place:  # written since under the name now, never recorded as sent: kept aside
            together.keep_earlier(place, _aside(place.parent, place.name, None))
        compared.renamed[place.name] = name_when_sent(sent, sent_on)
        _alike(compared, place, found)
        return True
    if in_place:
        return False  # the one in place under the name now stands for the summary sent
    if sent.parent == place.parent:
        compared.unlike_by_name_sent[sent.name] = found  # set aside once compared
    else:
        compared.differing.append(sent)
        compared.unlike[sent.name] = found
    return True


def _alike(compared: _Compared, place: Path, alike: Likeness) -> None:
    compared.kept.append(place)
    if alike.plan_sent:
        compared.plans.add((alike.plan_sent, alike.plan_now))
    if alike.wording:
        compared.worded[place.name] = alike


def _as_sent(
    result: ScoreResult, redact: Redactor, others: OtherBidders
) -> Callable[[str, Path], Path | None]:
    """What :func:`_compared` compares a sent summary with while the award holds every summary
    back: the summary of that name without the line saying so, written in a scratch folder.
    A summary sent is what its supplier was told; one that differs from it only in that line
    tells the supplier nothing new (a record error found since, say, changes no figure)."""
    from tendereval.report.summaries import FinalSummaries, summary_file_names

    if result.award.summaries_ready:
        return lambda _name, _scratch: None
    supplier_of = {name: supplier for supplier, name in summary_file_names(result).items()}
    final = FinalSummaries(result, redact, others)

    def as_sent(name: str, scratch: Path) -> Path | None:
        supplier = supplier_of.get(name)
        if supplier is None:
            return None
        return final.saved(supplier, scratch / name)

    return as_sent


def names_in_brief(items: list[Path] | list[str]) -> str:
    """The first ten names (of files, or suppliers), then how many more."""
    shown = [item.name if isinstance(item, Path) else item for item in items[:NAMES_SHOWN]]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def _texts_and_readers(result: ScoreResult) -> list[tuple[str | None, set[str]]]:
    """Each explanation and reason a summary quotes, with the bidders its own summary may
    name (another bidder's summary, showing the lot's awarded tender, names no more)."""
    from tendereval.report.summaries import shown_to

    award = result.award  # read once: each read checks the results have not changed
    texts = [
        (as_seen(row["reason"]), shown_to(award, row["supplier"], row["lot"]))
        for row in result.criteria.select("lot", "supplier", "reason")
        .drop_nulls("reason")
        .unique()
        .iter_rows(named=True)
    ]
    for bid in result.results.select("lot", "supplier", "reasons").iter_rows(named=True):
        shown = shown_to(award, bid["supplier"], bid["lot"]) if bid["lot"] else {bid["supplier"]}
        texts += [(as_seen(reason), shown) for reason in bid["reasons"] or [] if reason]
    return texts


def _default_outdir(result: ScoreResult) -> Path:
    if result.folder is None:
        raise UsageError("give outdir: a tender built from frames has no folder to write to")
    return result.folder / REPORTS_FOLDER / "summaries"
