"""``publish``: the contract award as an OCDS release package, ready to hand to the e-tendering
system or publish as open data (docs/ocds.md).

Publishing reads the award decision (``result.award``) and never decides anything again. It
writes nothing while anything stands in the way of an award notice: a lot still undecided (an
unresolved tie, a lot cap the published mechanism leaves to the buyer), a recorded decision
that does not fit, errors in the inputs, or a plan that differs from the published tender
notice. :attr:`Publication.blockers` says why, in words.

The package's ``ocid`` is the procurement's OCDS id: ``--ocid-prefix`` (or the plan's
``[publication] ocid_prefix``) followed by the tender id; or ``[publication] ocid`` as Find a
Tender gave it with the tender notice; or, failing those, the ``ocid`` of ``notice.json`` in the
tender folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tendereval.api.sources import TenderSource, scored
from tendereval.atomic import write_text
from tendereval.award.decision import NOT_NEEDED, AwardDecision
from tendereval.award.recorded import (
    EXEMPTION_EXAMPLE,
    STANDSTILL_WORKING_DAYS,
    Standstill,
    record_file,
)
from tendereval.award.suspension import CODES as SUSPENSION_WARNINGS
from tendereval.award.working_days import working_days
from tendereval.earlier_outputs import out_of_date
from tendereval.errors import Problem, UsageError, path_argument, progress_argument, yes_or_no
from tendereval.inputs import from_here, never_over_the_tender
from tendereval.layout import NOTICE_FILE, REPORTS_FOLDER
from tendereval.ocds.formats import uk_date
from tendereval.plan import (
    OCID_PATTERN,
    OCID_PREFIX_PATTERN,
    Plan,
    ocid_local_id,
    ocid_with_prefix,
    read_plan,
)
from tendereval.regimes import summaries_counted, terms
from tendereval.scored_from import changed_on_disk
from tendereval.scoring.result import ScoreResult, one_output
from tendereval.shown import brief
from tendereval.tender import Tender
from tendereval.terminal import terminal_line
from tendereval.wording import counted, in_words, pounds

if TYPE_CHECKING:
    from tendereval.ocds.notice import Notice
    from tendereval.report.sent import Likeness


@dataclass
class Publication:
    """What ``publish`` did: ``path`` the package written (None when ``blockers`` stopped it),
    ``package`` its contents, and ``warnings`` to read before handing it on; ``out_of_date``
    the outputs an earlier run left in reports/ that no longer match the award
    (:mod:`tendereval.earlier_outputs`)."""

    ocid: str
    internal: bool
    award: AwardDecision
    path: Path | None = None
    package: dict[str, Any] | None = None
    blockers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Outputs an earlier run left in reports/ that no longer match this award (an evaluation
    # report from other inputs, an award release to another supplier): said written or not.
    out_of_date: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return brief(self)

    @property
    def written(self) -> bool:
        return self.path is not None

    def lines(self) -> list[str]:
        """What the officer reads: the file and each lot's award, or why nothing was written;
        then the warnings. Names from the bids are made safe to print (a terminal never gets
        their control characters)."""
        return [terminal_line(line) for line in self._lines()]

    def _lines(self) -> list[str]:
        if self.package is None:
            # In the words score and summaries end with (AwardDecision.verdict).
            these = "this is" if len(self.blockers) == 1 else "these are"
            heading = (
                "Nothing was written:"
                if self.blockers == [self.award.owed_instead]
                else f"Nothing was written: the award cannot be published until {these} settled:"
            )
            return [
                heading,
                *(f"  - {blocker}" for blocker in self.blockers),
                *(f"warning: {stale}" for stale in self.out_of_date),
            ]
        kind = (
            "internal: every bidder and price, for the buyer's records only"
            if self.internal
            else "publishable: no other bidder's name, price or scores"
        )
        where = (
            f"Wrote {from_here(self.path)}"
            if self.path
            else "Wrote the package to the standard output"
        )
        out = [f"{where} ({kind})", f"ocid {self.ocid}"]
        release = (self.package or {}).get("releases", [{}])[0]
        for award in release.get("awards", []):
            suppliers = "; ".join(s["name"] for s in award.get("suppliers", []))
            value = award.get("value", {}).get("amount")
            shown = f", {pounds(value)}" if value is not None else ""
            out.append(
                f"  {award['title']}: {suppliers or 'not awarded'}{shown} ({award['status']})"
            )
        out += [f"warning: {w}" for w in [*self.warnings, *self.out_of_date]]
        return out

    def closing(self) -> list[str]:
        """What ``publish`` ends with, as ``score`` and ``summaries`` end with the award in a
        sentence: what was written, counted (the lots awarded, with their status, and those
        not awarded), and how many warnings above to read before handing it on; or that
        nothing was, and how many things must be settled first. On a tender of many lots the
        lines above scroll out of sight."""
        if self.package is None:
            # (Only the outputs out of date are said then: the other warnings wait.)
            stale = f"{counted(len(self.out_of_date), 'warning')}" if self.out_of_date else ""
            if self.blockers == [self.award.owed_instead]:
                settle = "no lot is awarded, so there is no award notice to publish"
                settle += f"; {stale} above" if stale else ""
            else:
                settle = f"{counted(len(self.blockers), 'thing')} to settle first"
                settle += (f" and {stale}" if stale else "") + ", listed above"
            return [f"Nothing was written: {settle}."]
        warnings = len(self.warnings) + len(self.out_of_date)
        read = (
            f"read the {counted(warnings, 'warning')} above before handing it on"
            if warnings
            else "no warnings"
        )
        return [f"{self._awards_counted()}; {read}."]

    def _awards_counted(self) -> str:
        """The lots of the release written, counted: those awarded, with their status (pending
        while the standstill period runs, active once it is over: the same for every lot), and
        those not awarded."""
        release = (self.package or {}).get("releases", [{}])[0]
        lots = len(release.get("tender", {}).get("lots", []))
        statuses = [award.get("status") for award in release.get("awards", [])]
        awarded = [status for status in statuses if status in ("pending", "active")]
        status = " and ".join(sorted(set(awarded), reverse=True))
        if lots == 1:
            return f"The award notice awards the lot ({status})"
        of = "all" if len(awarded) == lots else f"{len(awarded):,} of"
        said = f"The award notice awards {of} {lots:,} lots ({status})"
        return said + (f"; {lots - len(awarded):,} not awarded" if lots > len(awarded) else "")


@one_output(scores_a_source=True)  # given a folder or a Tender, it scores it
def publish(
    source: TenderSource | ScoreResult,
    output: str | Path | None = None,
    *,
    internal: bool = False,
    ocid_prefix: str | None = None,
    published_at: dt.datetime | None = None,
    steps: Callable[[str], None] | None = None,
    sent_summaries: str | Path | None = None,
    write: bool = True,
) -> Publication:
    """Score the tender (unless given a result) and write its award release package to
    ``output`` (default ``<folder>/reports/<tender id>-award-ocds.json``, or
    ``…-award-ocds-internal.json`` with ``internal``).

    The default package is publishable: no losing bid's name, price or scores. ``internal``
    adds every bid with its status and reasons, for the buyer's records. ``ocid_prefix``
    overrides the plan's. Nothing is written while :attr:`Publication.blockers` is not empty.
    ``steps`` receives a line of text as each slow step starts (scoring, and checking the
    award against the assessment summaries recorded as sent), for a terminal.
    ``sent_summaries`` is the folder the summaries recorded as sent were written to
    (``tendereval summaries -o``; default ``<folder>/reports/summaries``). ``write=False``
    makes the package without writing it (:attr:`Publication.package`; ``publish -o -``
    prints it), ``output`` then ignored.

    Raises ``UsageError`` when the procurement has no ocid (no prefix anywhere) or the prefix
    is not one or gives another ocid than notice.json's (both before the tender is scored), or
    ``published_at`` has no time zone; ``TenderNotFound``, ``PlanError`` or
    ``NoBids``.

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> import datetime as dt
        >>> award = tendereval.publish(
        ...     "examples/carers-short-breaks",
        ...     "out/award.json",
        ...     ocid_prefix="ocds-abc123",
        ...     published_at=dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC),
        ... )
        >>> award.written, award.ocid
        (True, 'ocds-abc123-CSB-2026-01')
    """
    from tendereval.ocds.release import criteria_not_read_back, release_package

    _check_arguments(ocid_prefix, published_at)
    internal = yes_or_no("internal", internal)
    write = yes_or_no("write", write)
    steps = progress_argument("steps", steps)
    if sent_summaries is not None:
        sent_summaries = path_argument("sent_summaries", sent_summaries)
    _refuse_the_prefix_first(source, ocid_prefix)
    result = scored(source, progress=steps)
    if output is not None:  # (the default, in reports/, is never an input)
        output = path_argument("output", output)
        never_over_the_tender(result.folder, output)
    plan = result.plan
    notice, checked = _the_notice(result)
    ocid = resolve_ocid(plan, ocid_prefix, notice.ocid if notice else "")
    publication = Publication(ocid=ocid, internal=internal, award=result.award)
    # Scored from files that have changed since (a withdrawal recorded, the notice replaced),
    # the award is not the folder's: said alone, as what else holds it is of the old files.
    changed = changed_on_disk(result)
    if changed:
        publication.blockers = [f"{_where(p)}: {p.describe()}" for p in changed]
        return publication
    publication.blockers = [
        *result.award.blockers,
        # A difference the award was decided with is the award's to weigh: its blocker names
        # it, or a record settles it (a lot cancelled in the notice, not to be awarded). Only
        # one the result was not scored with (the notice replaced since) stops publishing here.
        *(
            f"{_where(p)}: {p.describe()}"
            for p in checked
            if p.is_error and p not in result.problems
        ),
    ]
    if result.award.nothing_awarded:
        # No contract, so no contract award notice (nor the summaries and standstill its
        # warnings would ask for): the buyer owes another notice, said instead.
        publication.blockers.append(result.award.owed_instead)
    if not (plan.buyer or plan.publication.publisher):
        publication.blockers.append(
            "The plan names no buyer: fill in [tender] buyer (or [publication] publisher)."
        )
    unlike, unchecked = (
        _unlike_the_summaries_sent(result, steps, sent_summaries)
        if not publication.blockers
        else ([], "")
    )
    publication.blockers += unlike
    # A standstill recorded before the summaries were sent ran for others sent earlier: the
    # award would go out active (or its standstill dates wrong) with none run for it.
    if before := result.award.standstill_before_sending:
        publication.blockers.append(before[:1].upper() + before[1:])
    published_at = published_at or dt.datetime.now(dt.UTC)
    has_notice = _notice_file(result.folder) is not None  # (one it cannot read: an error)
    publication.warnings = _warnings(result, has_notice, checked, published_at)
    publication.warnings += _suspended(result.award, published_at)
    publication.warnings += ocid_respelled(plan, ocid_prefix)
    publication.warnings += criteria_not_read_back(plan)
    publication.warnings += _first_published_active(result, ocid, published_at, output)
    # Short, a blocker as when decisions.toml records the start; a warning for a contract
    # the buyer records as exempt from the Act's standstill (s.51(3)).
    short = _counted_from_publication(result, ocid, published_at, output)
    if result.award.standstill.exemption:
        publication.warnings += short
    else:
        publication.blockers += short
    if unchecked:
        publication.warnings.append(unchecked)
    if publication.blockers:
        publication.out_of_date = out_of_date(result)
        return publication
    package = release_package(
        result,
        ocid=ocid,
        published_at=published_at,
        internal=internal,
        buyer_party=notice.buyer_party if notice else (),
    )
    publication.package = package
    publication.warnings += _without_identifier(package)
    if write:
        path = output if output is not None else default_path(result, internal)
        _keep_first_publication(path, result, ocid, package)
        write_text(path, package_text(package))
        publication.path = path
    publication.out_of_date = out_of_date(result, [publication.path])
    return publication


def _suspended(award: AwardDecision, published_at: dt.datetime) -> list[str]:
    """A warning for each suspension of a contract on the day of publishing, naming its lots
    and its record: the award is published as pending (a challenge does not stop the notice),
    and the contract must not be entered into; then the decision's warnings on the challenges
    recorded (one notified after the standstill, which suspends nothing)."""
    day = uk_date(published_at)
    record = award.decisions_from
    said = [
        f"{s.text} ({record} › {s.challenge.where or 'challenge'}); the award is published "
        "as pending. Record the day the suspension ends there (suspension_ends_on), and "
        "publish again then."
        for s in dict.fromkeys(award.suspensions(day).values())
    ]
    return said + [
        f"{_where(p)}: {p.describe()}" for p in award.problems if p.code in SUSPENSION_WARNINGS
    ]


def _without_identifier(package: dict[str, Any]) -> list[str]:
    """A warning for each awarded supplier the notice names by no identifier: the bid return
    gave no unique identifier, nor a Companies House or charity number that could be read,
    and Find a Tender asks for each supplier's identifier (Procurement Regulations 2024 reg
    27). Before, the party went out with none, and no command said so."""
    return [
        f"The awarded supplier {party['name']} is named in the award notice by no identifier: "
        "its bid return gives no unique identifier (Central Digital Platform), nor a Companies "
        "House or charity number that could be read. Add its unique identifier (its "
        "registration on the Central Digital Platform) when you publish on Find a Tender."
        for release in package.get("releases", [])
        for party in release.get("parties", [])
        if "supplier" in party.get("roles", []) and not party.get("identifier")
    ]


def package_text(package: dict[str, Any]) -> str:
    """The release package as :func:`publish` writes it."""
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def _unlike_the_summaries_sent(
    result: ScoreResult,
    steps: Callable[[str], None] | None = None,
    folder: Path | None = None,
) -> tuple[list[str], str]:
    """(a blocker, or none; a warning, or "") for an award unlike the assessment summaries
    ``decisions.toml`` records as sent: re-scored after they went out (a consensus corrected),
    the award notice would publish figures the suppliers were never told. The summaries this
    award gives are written aside and compared, part by part, with those in ``folder`` (the
    ones sent: by default the folder the award decision judged them in, of those ``summaries``
    wrote to by the day sent; else reports/summaries). A
    summary sent under another name
    than its supplier's summary has now (an earlier version spelled 'Ørsted' rsted) is found
    there as ``summaries`` finds it (report/sent.py sent_under_other_names)."""
    import tempfile

    from tendereval.api.summaries import SUPERSEDED, names_in_brief
    from tendereval.award.decision import sent_check
    from tendereval.report.sent import sent_under_other_names
    from tendereval.report.summaries import (
        holds_summaries,
        named_in_summaries,
        sent_elsewhere,
        write_summaries,
    )
    from tendereval.report.summaries_written import default_folder

    sent_on = result.award.standstill.summaries_sent_on
    if sent_on is None or (result.folder is None and folder is None):
        return [], ""
    summaries = terms(result.plan.regime).summaries
    # By default, where the award decision judged them: of the folders summaries wrote to by
    # the day sent (report/summaries_written.sent_candidates), the one that decided, so
    # publish and score agree.
    looked_in = result.award.sent_against_award.looked_in if folder is None else None
    sent = folder or looked_in or default_folder(result.folder)
    elsewhere = sent_elsewhere(sent, sent / SUPERSEDED, sent_on, result) if sent.is_dir() else []
    # The summaries sent judged against this award (report/summaries.sent_against_award):
    # replaced since by this award's (tendereval summaries keeps those sent aside under names
    # saying so), or alike but others in their place. The award decision holds those of the
    # folder they were written to, as score and summaries say them. Those in the folder out
    # of date with the award are compared below, each named with what differs; so is one
    # kept under a name no summary has now, with its supplier's.
    found = result.award.sent_against_award if folder is None else sent_check(result, sent)(sent_on)
    if found.replaced:
        return [_replaced(sent_on, list(found.replaced), summaries)], ""
    if found.not_in_place:
        return [_not_in_place(sent_on, sent, len(found.not_in_place), summaries)], ""
    if not holds_summaries(sent):
        return [], (
            f"decisions.toml records the {summaries} as sent on {sent_on}, but "
            f"{sent} holds none to check this award against: check by hand that the award "
            "gives every supplier the figures its summary gave, or name the folder they were "
            "sent from (--summaries)."
        )
    if found.unchecked and found.written_since:
        # Written after the sending recorded, they are none of those sent (review 41: they
        # were compared as if sent, and the award went out unlike what the suppliers hold).
        return [], (
            f"decisions.toml records the {summaries} as sent on {sent_on}, but those in "
            f"{sent} for {counted(len(found.written_since), 'supplier')} were written after "
            "that sending was recorded, so none of them is one sent: check by hand that the "
            "award gives every supplier the figures its summary gave, or name the folder they "
            "were sent from (--summaries)."
        )
    if steps is not None:
        steps(f"Checking the award against the {summaries} sent on {sent_on}…")
    with tempfile.TemporaryDirectory() as aside:
        made = {path.name: path for path in write_summaries(result, aside, steps=steps)}
        wanting = {name: path for name, path in made.items() if not (sent / name).is_file()}
        renamed = sent_under_other_names(elsewhere, named_in_summaries(result), wanting)
        in_place = {n: renamed[n] for n in wanting if n in renamed}
        compared = _SentCompared.of(made, sent, in_place, sent_on)
        # Sent under another name, with one under the name now too: the one sent is the
        # record, and if it differs, it was replaced (as summaries keeps it).
        also = {name: path for name, path in renamed.items() if name not in wanting}
        compared.also_sent(made, also, sent_on)
    # Kept as sent under a name no summary has now, and no supplier's: replaced.
    matched = set(renamed.values())
    orphans = [p for p in elsewhere if p.parent != sent and p not in matched]
    replaced = orphans + compared.replaced
    if replaced:
        return [_replaced(sent_on, replaced, summaries)], ""
    if not compared.unlike:
        return [], compared.warning(sent_on, result.plan.regime)
    unlike = compared.unlike
    shown = names_in_brief(list(unlike))
    drafts = compared.drafts
    if drafts:
        return [
            f"The {summaries} recorded as sent on {sent_on} include "
            f"{counted(len(drafts), 'summary', 'summaries')} written while none could be sent "
            f"({names_in_brief(drafts)} in {sent}: each says NOT TO BE SENT YET at its top). "
            "Write the summaries again now (tendereval summaries), send them, record the day "
            "in decisions.toml ([standstill] summaries_sent_on) and publish then: the "
            "standstill period starts again."
        ], ""
    return [
        f"The {summaries} recorded as sent on {sent_on} differ from those this award "
        f"gives, for {counted(len(unlike), 'supplier')} ({shown} in {sent}; what differs: "
        f"{compared.first_differences()}): {compared.why()}. Write the summaries again "
        "(tendereval summaries), send them, record the day in decisions.toml ([standstill] "
        "summaries_sent_on) and publish then: the standstill period starts again."
    ], ""


def _not_in_place(sent_on: dt.date, folder: Path, others: int, summaries: str) -> str:
    return (
        f"The {summaries} recorded as sent on {sent_on} give this award, but {folder} "
        f"holds others in their place for {counted(others, 'supplier')}: run tendereval "
        "summaries, which puts back those sent, and publish then (the standstill period "
        "does not start again)."
    )


def _replaced(sent_on: dt.date, replaced: list[Path], summaries: str) -> str:
    return (
        f"The {summaries} recorded as sent on {sent_on} were replaced since by "
        f"others for {counted(len(replaced), 'supplier')} (those sent are kept in "
        f"{replaced[0].parent}): send the new ones, record the day in decisions.toml "
        "([standstill] summaries_sent_on) and publish then: the standstill period starts "
        "again."
    )


@dataclass
class _SentCompared:
    """The summaries this award gives compared with those sent, by the name written now."""

    alike: dict[str, Likeness]
    # name now → the name sent under, for those sent under another (compared with that one)
    sent_as: dict[str, str] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)  # the sent ones marked NOT TO BE SENT YET
    replaced: list[Path] = field(default_factory=list)  # sent under another name, unlike now

    @classmethod
    def of(
        cls, made: dict[str, Path], sent: Path, renamed: dict[str, Path], sent_on: dt.date
    ) -> _SentCompared:
        """``made`` (name → the summary written now) compared with the summary of that name
        in ``sent``, or with its supplier's sent on ``sent_on`` under another name
        (``renamed``)."""
        from tendereval.report.sent import same_summary
        from tendereval.report.summaries import marked_not_to_send, name_when_sent

        compared = cls(
            {name: same_summary(now, renamed.get(name, sent / name)) for name, now in made.items()},
            {name: name_when_sent(path, sent_on) for name, path in renamed.items()},
        )
        compared.drafts = [
            name for name in compared.unlike if marked_not_to_send(renamed.get(name, sent / name))
        ]
        return compared

    def also_sent(self, made: dict[str, Path], sent: dict[str, Path], sent_on: dt.date) -> None:
        """Summaries sent on ``sent_on`` under another name whose supplier has one under the
        name now too: the same as the one written now, said with it; else replaced since."""
        from tendereval.report.sent import same_summary
        from tendereval.report.summaries import name_when_sent

        for name, path in sent.items():
            if same_summary(made[name], path).same:
                self.sent_as[name] = name_when_sent(path, sent_on)
            else:
                self.replaced.append(path)

    @property
    def unlike(self) -> dict[str, Likeness]:
        return {name: found for name, found in self.alike.items() if not found.same}

    def _named(self, name: str) -> str:
        return f"{name} (sent as {self.sent_as[name]})" if name in self.sent_as else name

    def first_differences(self) -> str:
        from tendereval.report.sent import first_differences

        return first_differences({self._named(n): found for n, found in self.unlike.items()})

    def why(self) -> str:
        """What makes them unlike, each cause once, from what differs (report/sent.py
        why_unlike): "the scores have changed" only when a figure did."""
        from tendereval.report.sent import why_unlike

        causes: list[str] = []
        for found in self.unlike.values():
            cause = why_unlike(found)
            if cause not in causes:
                causes.append(cause)
        return "; ".join(causes)

    def warning(self, sent_on: dt.date, regime: str) -> str:
        """The warnings for summaries sent that hold the same as this award's: the plan they
        name changed, how they are headed, or the name they were sent under."""
        from tendereval.report.sent import wording_changed_since
        from tendereval.report.summaries import plan_changed_since

        alike = self.alike
        # Alike but for the plan they name: the plan file changed since (its [publication]
        # settings filled in, say), and not a figure a supplier was told.
        plans = {(a.plan_sent, a.plan_now) for a in alike.values() if a.plan_sent}
        worded = {name: a for name, a in alike.items() if a.wording}
        warnings = [plan_changed_since(sent_on, plans, regime, headed_otherwise=bool(worded))]
        warnings = warnings if plans else []
        warnings += [wording_changed_since(sent_on, worded, regime)] if worded else []
        renamed = {now: sent for now, sent in self.sent_as.items() if alike[now].same}
        if renamed:
            said = "; ".join(
                f"sent as {sent}; now written as {now}" for now, sent in renamed.items()
            )
            one = len(renamed) == 1
            warnings.append(
                f"{summaries_counted(len(renamed), regime)} sent on "
                f"{sent_on} under another file name than {'its' if one else 'their'} "
                f"supplier's summary is given now {'holds' if one else 'hold'} the same as "
                f"this award gives ({said}): the file name changed (an earlier "
                "version spelled some suppliers' names otherwise, or the supplier's name was "
                "corrected), not what it says, and the standstill period does not start "
                f"again. tendereval summaries keeps {'it' if one else 'them'} as sent under the "
                "name now."
            )
        return " ".join(warnings)


def _check_arguments(ocid_prefix: object, published_at: object) -> None:
    """A notebook's slips, in words before any work: a prefix that is not text failed inside
    re; published_at as text failed with "'str' object has no attribute 'astimezone'"; and a
    datetime without a time zone was read as the machine's local time, so the same call gave a
    different release date and stamp on another machine."""
    if ocid_prefix is not None and not isinstance(ocid_prefix, str):
        raise UsageError(f"ocid_prefix must be text such as 'ocds-h6vhtk' (got {ocid_prefix!r})")
    if published_at is None:
        return
    if not isinstance(published_at, dt.datetime):
        raise UsageError(
            "published_at must be a datetime with its time zone, such as "
            f"datetime.datetime(2026, 3, 20, 9, 30, tzinfo=datetime.UTC) (got {published_at!r:.60})"
        )
    if published_at.utcoffset() is None:
        raise UsageError(
            f"published_at must say its time zone (got {published_at!r}, which has none): "
            "add tzinfo=datetime.UTC, or a zoneinfo.ZoneInfo('Europe/London') for UK time"
        )


def _refuse_the_prefix_first(source: TenderSource | ScoreResult, ocid_prefix: str | None) -> None:
    """The UsageError :func:`resolve_ocid` gives an ``ocid_prefix`` (one that is no OCDS
    prefix, or gives another ocid than the published notice's), before the tender is scored:
    it came once the bids were scored, a thousand suppliers' bids a minute later. Only the
    plan (for the tender id) and notice.json are read. Nothing is said here of a plan or
    notice that cannot be read: scoring says it, in its own words."""
    if ocid_prefix is None or isinstance(source, ScoreResult):
        return  # (a result is scored already: its prefix is refused before anything is written)
    if isinstance(source, Tender):
        plan, folder = source.plan, source.folder
    else:
        folder = path_argument("source", source, "a tender folder")
        plan = read_plan(folder)[0] if folder.is_dir() else None
    if plan is None:
        return
    from tendereval.ocds.notice import read_notice

    notice = _notice_file(folder)
    published = read_notice(notice, NOTICE_FILE)[0] if notice is not None else None
    resolve_ocid(plan, ocid_prefix, published.ocid if published is not None else "")


def resolve_ocid(plan: Plan, ocid_prefix: str | None, notice_ocid: str = "") -> str:
    """The procurement's ocid (see the module's description). Raises ``UsageError``, also for
    an ``ocid_prefix`` giving another ocid than the published notice's (``notice_ocid``): the
    award is published under the procurement the tender notice was."""
    published = notice_ocid if re.fullmatch(OCID_PATTERN, notice_ocid) else ""
    if ocid_prefix is not None:
        if not re.fullmatch(OCID_PREFIX_PATTERN, ocid_prefix):
            raise UsageError(
                f"'{ocid_prefix}' is not an OCDS prefix: it is 'ocds-' and six letters or "
                "digits, as the Open Contracting Partnership registered it (Find a Tender's is "
                "ocds-h6vhtk)"
            )
        ocid = ocid_with_prefix(ocid_prefix, plan.tender_id)
        if published and ocid != published:
            raise UsageError(
                f"the OCDS prefix {ocid_prefix} gives the ocid {ocid}, but the published tender "
                f"notice ({NOTICE_FILE}) is of the procurement {published}: the award is "
                "published under the procurement's own ocid, so leave the prefix out (the "
                f"ocid is then {NOTICE_FILE}'s, or the plan's [publication] ocid)"
            )
        return ocid
    ocid = plan.publication.ocid_of(plan.tender_id)
    if ocid:
        return ocid
    if published:
        return published
    raise UsageError(
        "the procurement has no OCDS id (ocid): give --ocid-prefix (ocid_prefix= from "
        "Python), or set [publication] "
        "ocid_prefix (or ocid, as Find a Tender gave it) in the plan, or keep the published "
        f"tender notice in the tender folder as {NOTICE_FILE}"
    )


def ocid_respelled(plan: Plan, ocid_prefix: str | None) -> list[str]:
    """A warning when the ocid is made from the tender id (an ``ocid_prefix``: the option's,
    else the plan's when it gives no ocid) and does not hold the id as written: another id
    spelled the same ("ASC-2026-01" for "ASC/2026/01") would be published under the same
    ocid, and an ocid names one procurement."""
    prefix = ocid_prefix if ocid_prefix is not None else plan.publication.ocid_prefix
    if not prefix or (ocid_prefix is None and plan.publication.ocid):
        return []
    local = ocid_local_id(plan.tender_id)
    if local == plan.tender_id:
        return []
    return [
        f"The ocid {prefix}-{local} holds the tender id '{plan.tender_id}' as '{local}' (an "
        "ocid made from the tender id spells its letters in plain ASCII and makes any other "
        "run of characters but digits, '.', '_' and '-' one '-'), so a tender whose id is "
        f"'{local}', or another id spelled so, would be published under the same ocid. If "
        "the buyer has such a tender, set [publication] ocid to an ocid of this procurement's "
        "own."
    ]


def default_path(result: ScoreResult, internal: bool) -> Path:
    from tendereval.io.keys import slug

    if result.folder is None:
        raise UsageError("give an output file: a tender built from frames has no folder")
    name = f"{slug(result.plan.tender_id) or 'tender'}-award-ocds"
    return result.folder / REPORTS_FOLDER / f"{name}{'-internal' if internal else ''}.json"


def _notice_file(folder: Path | None) -> Path | None:
    """The tender folder's notice.json when there is one, readable or not (a broken link or a
    pipe so named is one, said by the check against the plan)."""
    path = None if folder is None else folder / NOTICE_FILE
    return path if path is not None and (path.exists() or path.is_symlink()) else None


def _the_notice(result: ScoreResult) -> tuple[Notice | None, list[Problem]]:
    """The published notice in the tender folder (None when there is none, or it cannot be
    read), read once; and every difference between the plan and it (and why it cannot be
    read). One replaced since scoring holds the award first (:func:`changed_on_disk`)."""
    path = _notice_file(result.folder)
    if path is None:
        return None, []
    from tendereval.io.files import read_input
    from tendereval.limits import MAX_NOTICE_BYTES
    from tendereval.ocds.check import check_against_notice
    from tendereval.ocds.notice import notice_read

    read = read_input(path, NOTICE_FILE, MAX_NOTICE_BYTES, "notice")
    notice, problems = notice_read(read, NOTICE_FILE)
    checked = problems + (check_against_notice(result.plan, notice) if notice else [])
    return notice, checked


_MISNAMED = ("notice.misnamed", "decisions.misnamed")


def _warnings(
    result: ScoreResult, has_notice: bool, checked: list[Problem], published_at: dt.datetime
) -> list[str]:
    standstill = result.award.standstill
    day = uk_date(published_at)
    # A notice or decisions file saved under another name is why the warnings below apply;
    # the buyer's record is what this notice publishes (a standstill shorter than the law's).
    recorded = record_file(result.decisions)
    misnamed = [
        p
        for p in result.problems
        if getattr(p, "code", "") in _MISNAMED or getattr(p, "file", "") == recorded
    ]
    # Decisions set on the result in Python are the record too: their warnings, as the file's.
    # A decision the award does not need is the record's too (a tie drawn that is no more).
    unneeded = [p for p in result.award.problems if getattr(p, "code", "") == NOT_NEEDED]
    said = [*checked, *misnamed, *result.award.record_warnings, *unneeded]
    warnings = [
        f"{_where(p)}: {p.describe()}"
        for p in said
        # A standstill with no start is counted here, from the day of publishing.
        if not p.is_error and getattr(p, "code", "") != "decisions.standstill_no_start"
    ]
    # Under PCR 2015 an abnormally low price the supplier was never asked to explain (reg 69).
    warnings += [f"{_where(p)}: {p.describe()}" for p in result.award.price_not_explained]
    if not has_notice:
        warnings.append(
            f"There is no {NOTICE_FILE} in the tender folder, so the plan has not been checked "
            "against the published tender notice (keep the notice there as Find a Tender "
            "serves it)."
        )
    if result.plan is not None and result.plan.regime == "PCR2015":
        return warnings + _pcr_warnings(standstill, day)
    if standstill.summaries_sent_on is None:
        warnings.append(
            "decisions.toml records no date the assessment summaries were sent: they must be "
            "sent before the contract award notice is published (Procurement Act 2023 s.50); "
            "record [standstill] summaries_sent_on."
        )
    elif standstill.summaries_sent_on > day:
        warnings.append(
            f"The assessment summaries are recorded as sent on {standstill.summaries_sent_on}, "
            f"after the day this contract award notice is published ({day}): they must be sent "
            "before it is published (Procurement Act 2023 s.50); check decisions.toml "
            "[standstill] summaries_sent_on."
        )
    if standstill.starts_on is None or standstill.ends_on is None:
        warnings += _period_not_recorded(
            standstill, "the day the contract award notice is first published"
        )
    elif standstill.starts_on < day <= standstill.ends_on:
        # After the standstill this is the award made active, not its first publication.
        warnings.append(
            f"The standstill period is recorded as starting on {standstill.starts_on}, before "
            f"the day this contract award notice is published ({day}): it begins with the day "
            "the notice is first published (Procurement Act 2023 s.51), so if this is its first "
            "publication the recorded period is shorter than the bidders get; check "
            "decisions.toml [standstill] starts_on and ends_on."
        )
    return warnings


def _first_published_active(
    result: ScoreResult, ocid: str, published_at: dt.datetime, output: Path | None
) -> list[str]:
    """A warning when, under the Procurement Act, the award goes out as ``active`` (the recorded
    standstill ended before today) with no earlier publication of it known: the standstill
    begins with the day the contract award notice is published (s.51), so on a first
    publication none has run. Known means a release of this ocid in the file about to be
    written over, or in reports/, dated on or before the recorded end (the notice that started
    it). Under PCR 2015 the contract award notice follows the contract (reg 50), after the
    standstill: ``active`` is its due status there."""
    from tendereval.ocds.release import standstill_over

    award, day = result.award, uk_date(published_at)
    ends = award.standstill.ends_on
    suspended = award.suspensions(day)  # (published as pending: no standstill needed yet)
    if (
        result.plan.regime == "PCR2015"
        or ends is None
        or not standstill_over(award.standstill, published_at)
        or not any(lot.awarded and lot.lot not in suspended for lot in award.lots.values())
    ):
        return []
    awarded = awarded_now(result)
    if any(_published_by(path, ocid, awarded, ends) for path in _releases_kept(result, output)):
        return []
    where = from_here(result.folder / REPORTS_FOLDER) if result.folder is not None else "reports/"
    return [
        f"The standstill period is recorded as ending on {ends}, before the day this contract "
        f"award notice is published ({day}), so the award is published as active. But the "
        "standstill begins with the day the contract award notice is published (Procurement "
        f"Act 2023 s.51), and no earlier publication of this award is known ({where} holds no "
        f"award release of {ocid} dated on or before {ends} that awards "
        f"{_award_in_words(awarded)}): if this is its first publication, no standstill has "
        "run. Record the standstill from the day it is published in decisions.toml "
        "([standstill] starts_on and ends_on), publish it as pending, and enter into the "
        "contract only once that has ended; if it was published before, keep that release in "
        "reports/ (or ignore this)."
    ]


# The name an award release is kept under when one that made the award active replaces it
# (its publication started the standstill, so it is the record that one ran).
FIRST_PUBLISHED = "-published-{day}"


def _releases_kept(result: ScoreResult, output: Path | None) -> list[Path]:
    """The award release packages publish may have written for this tender: the file about to
    be written over, and those in reports/ (the earlier ones kept beside them among them)."""
    kept = [output, *output.parent.glob(f"{output.stem}-published-*.json")] if output else []
    if result.folder is not None:
        kept += sorted((result.folder / REPORTS_FOLDER).glob("*-award-ocds*.json"))
    return kept


def _keep_first_publication(path: Path, result: ScoreResult, ocid: str, package: dict) -> None:
    """Before an award made active is written over the release at ``path`` that was published
    on or before the recorded standstill end (the notice that started it), keep that release
    beside it (``…-published-<day>.json``): the record that a standstill ran, which the next
    publication looks for."""
    from tendereval.ocds.release import standstill_over

    ends = result.award.standstill.ends_on
    stamp = package["releases"][0]["date"]
    now = dt.datetime.fromisoformat(stamp)
    if ends is None or not standstill_over(result.award.standstill, now):
        return
    if not _published_by(path, ocid, awarded_now(result), ends):
        return
    try:
        text = path.read_text(encoding="utf-8")
        first = json.loads(text)["releases"][0]["date"]
        day = uk_date(dt.datetime.fromisoformat(first)).isoformat()
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return
    aside = path.with_name(f"{path.stem}{FIRST_PUBLISHED.format(day=day)}{path.suffix}")
    if not aside.exists():
        # Not kept (a full disk, a name too long), the release is not written over either:
        # OutputNotWritten stops the command with the reason, and nothing is lost.
        write_text(aside, text)


def awarded_now(result: ScoreResult) -> dict[str, str]:
    """Each lot the award decision awards, and the supplier it is awarded to."""
    return {
        lot.lot: lot.supplier
        for lot in result.award.lots.values()
        if lot.awarded and lot.supplier is not None
    }


NAMED_LOTS = 3  # lots named in a warning, with their suppliers


def _award_in_words(awarded: dict[str, str]) -> str:
    if len(awarded) > NAMED_LOTS:  # (hundreds of lots make no sentence)
        return f"each of its {len(awarded):,} lots to the supplier awarded it now"
    return "; ".join(f"lot {lot} to {supplier}" for lot, supplier in awarded.items())


def _published_by(path: Path, ocid: str, awarded: dict[str, str], day: dt.date) -> bool:
    """Whether the release package at ``path`` holds a release of ``awarded`` (for ``ocid``)
    published (UK time) on or before ``day``. A file that cannot be read, or is not one,
    holds none."""
    return any(published <= day for published in _award_days(path, ocid, awarded))


def _award_days(path: Path, ocid: str, awarded: dict[str, str]) -> list[dt.date]:
    """The days (UK time) the releases of this award were published in the release package at
    ``path``: award releases of ``ocid`` that award each lot of ``awarded`` to its supplier.
    A release naming another supplier for a lot (one since withdrawn, say) published another
    award: the standstill of this one begins with its own notice (Procurement Act 2023 s.51).
    A file that cannot be read, or is not one, holds none."""
    from tendereval.own_json import read_own_json

    package = read_own_json(path).data
    try:
        return [
            uk_date(dt.datetime.fromisoformat(release["date"]))
            for release in package.get("releases", ())
            if release.get("ocid") == ocid
            and "award" in release.get("tag", ())
            and _awards(release, awarded)
        ]
    except (ValueError, TypeError, AttributeError, KeyError):
        return []


def _awards(release: dict[str, Any], awarded: dict[str, str]) -> bool:
    """Whether ``release`` awards every lot of ``awarded`` to the same supplier (named as
    the release publishes a name)."""
    from tendereval.ocds.parties import published_text

    awarded = {lot: published_text(supplier) for lot, supplier in awarded.items()}
    given = {
        (lot, supplier.get("name"))
        for award in release.get("awards", ())
        for lot in award.get("relatedLots", ())
        for supplier in award.get("suppliers", ())
    }
    return set(awarded.items()) <= given


_NO_STANDSTILL = (
    "decisions.toml records no standstill period ([standstill] starts_on and ends_on); "
    "the award is published as pending without it."
)


def _period_not_recorded(standstill: Standstill, first_day: str) -> list[str]:
    """What the release publishes of a standstill period recorded in part, or not at all:
    said as it is (the period's end alone is still published)."""
    starts, ends = standstill.starts_on, standstill.ends_on
    if starts is None and ends is None:
        return [_NO_STANDSTILL]
    if starts is None:
        return [
            f"decisions.toml records when the standstill period ends ({ends}) but not when it "
            f"starts ([standstill] starts_on: {first_day}), so the award is published with "
            "the end of its standstill period alone."
        ]
    return [
        f"decisions.toml records when the standstill period starts ({starts}) but not when it "
        "ends ([standstill] ends_on), so the award is published as pending with the start of "
        "its standstill period alone."
    ]


def _counted_from_publication(
    result: ScoreResult, ocid: str, published_at: dt.datetime, output: Path | None
) -> list[str]:
    """Under the Procurement Act, a standstill recorded with an end but no start (which
    decisions.toml's reading cannot count) counted from the day it began: the day the contract
    award notice was first published (s.51), this day or that of an award release of this ocid
    kept in reports/ (or in the file written over). Said when that holds fewer than the
    8 working days of s.51 (a blocker, or a warning for a contract recorded as exempt from
    it). One that ended before this day is for :func:`_first_published_active` to weigh."""
    standstill, day = result.award.standstill, uk_date(published_at)
    ends = standstill.ends_on
    if result.plan.regime == "PCR2015" or standstill.starts_on is not None or ends is None:
        return []
    if ends < day or not any(lot.awarded for lot in result.award.lots.values()):
        return []
    awarded = awarded_now(result)
    known = [d for path in _releases_kept(result, output) for d in _award_days(path, ocid, awarded)]
    starts = min([*known, day])
    counted, holidays = working_days(starts, ends, enough=STANDSTILL_WORKING_DAYS)
    if counted >= STANDSTILL_WORKING_DAYS:
        return []
    begun = (
        f"this day, {in_words(day)}"
        if starts == day
        else f"{in_words(starts)}, as the award release of {ocid} kept from then shows"
    )
    not_counted = "; ".join(f"{in_words(d)}, {name}" for d, name in holidays)
    held = (
        f"it begins with the day the contract award notice is first published (Procurement "
        f"Act 2023 s.51), {begun}, and from then to its recorded end ({in_words(ends)}) holds "
        f"{counted} working day{'s' * (counted != 1)}"
        + (f" (not counted: {not_counted})" if holidays else "")
    )
    record = "record the standstill as it runs from that day in decisions.toml ([standstill] "
    record += "starts_on and ends_on)"
    if exemption := standstill.exemption:
        return [
            f"The standstill period is shorter than the {STANDSTILL_WORKING_DAYS} working days "
            f'of Procurement Act 2023 s.51, from which the contract is recorded as exempt ("'
            f'{exemption}"): {held}. If the exemption does not hold, {record}, and publish again.'
        ]
    return [
        f"The standstill period is shorter than the law requires: {held}, fewer than the "
        f"{STANDSTILL_WORKING_DAYS} the Act requires. {record[:1].upper()}{record[1:]}, or, for "
        "a contract s.51(3) exempts from the standstill, why, in [standstill] as "
        f"{EXEMPTION_EXAMPLE}, and publish again."
    ]


def _pcr_warnings(standstill: Standstill, day: dt.date) -> list[str]:
    """The order of events under PCR 2015, which is not the Act's: the award decision notices
    (reg 86) start the standstill (reg 87), the contract may be entered into only after it ends,
    and the contract award notice (reg 50) follows the contract. The Act's wording (summaries
    before the notice, s.50; a standstill beginning with the notice, s.51) misstated the law."""
    warnings = []
    if standstill.summaries_sent_on is None:
        warnings.append(
            "decisions.toml records no date the award decision notices were sent (PCR 2015 "
            "reg 86): the standstill runs from their sending (reg 87); record [standstill] "
            "summaries_sent_on."
        )
    elif standstill.summaries_sent_on > day:
        warnings.append(
            f"The award decision notices are recorded as sent on {standstill.summaries_sent_on}, "
            f"after the day this contract award notice is published ({day}): under PCR 2015 "
            "they start the standstill (reg 87), which must end before the contract is entered "
            "into and the contract award notice follows it (reg 50); check decisions.toml "
            "[standstill] summaries_sent_on."
        )
    if standstill.starts_on is None or standstill.ends_on is None:
        warnings += _period_not_recorded(
            standstill, "the day after the award decision notices were sent"
        )
    if standstill.ends_on is not None and day <= standstill.ends_on:
        warnings.append(
            f"The standstill period is recorded as ending on {standstill.ends_on}, on or after "
            f"the day this contract award notice is published ({day}): under PCR 2015 the "
            "contract may not be entered into before the standstill ends (reg 87), and the "
            "contract award notice follows the contract (reg 50); the award is published as "
            "pending."
        )
    return warnings


def _where(problem: Problem) -> str:
    return problem.where or problem.file or "the plan"
