"""The award in a sentence: how many lots are proposed for award, why the others are not, and
whether the assessment summaries may be sent or what must be settled first.

``score`` ends with it, after the problems, and ``summaries`` with the same words: on a tender
of 75 lots the lots not awarded, and whether anything holds the award back, were to be found
only by searching the lot tables. Every word and count is read from the award decision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tendereval.award.decision import UNDECIDED
from tendereval.award.recorded import DECISIONS_FILE
from tendereval.regimes import terms
from tendereval.wording import counted, in_words

if TYPE_CHECKING:
    from tendereval.award.decision import AwardDecision, LotAward
    from tendereval.report.summaries import SentAgainstAward

# Lots named in each part of the sentence before the rest are counted ("D001, … and 12 more").
LOTS_NAMED = 5

# Why a lot has no award (or none yet), in the order the sentence gives them: (the words for
# several lots, the words for a tender's only lot).
NOT_AWARDED = {
    "undecided": ("undecided", "The lot is undecided"),
    "lot_cap": ("with no award under the lot cap", "The lot has no award under the lot cap"),
    "not_to_award": (
        "not to be awarded by the buyer's recorded decision",
        "The lot is not to be awarded by the buyer's recorded decision",
    ),
    "no_bids": ("with no bids", "The lot has no bids"),
    # (Only in a plan of several lots: in a plan of one, such a return is a bid for its lot.)
    "unplaced": (
        "with no bid placed in it, as bid returns received could not be read and placed in any lot",
        "The lot has no bid placed in it, as bid returns received could not be read",
    ),
    "none_ranked": (
        "with no tender that could be ranked",
        "The lot has no tender that could be ranked",
    ),
}


def verdict(decision: AwardDecision, listed: int | None = 1) -> list[str]:
    """The award in a sentence, then what must be settled first, if anything: the first
    ``listed`` of :attr:`AwardDecision.blockers` (every one when None), each on a line of its
    own, and how many more there are. [] for a tender with no lots."""
    if not decision.lots:
        return []
    said = _lots(decision)
    blockers = decision.blockers
    # Proceedings against the award bar the contract, not the summaries (sent already, most
    # likely): said after, whatever else holds the award.
    suspended = decision.suspension_texts()
    if not blockers:
        if decision.nothing_awarded:
            return [f"{said}. {decision.owed_instead}"]
        return [f"{said}; {_summaries_sent(decision)}", *(f"{s}." for s in suspended)]
    summaries = terms(decision.regime).summaries
    what = (
        f"the award is not to be made yet, nor the {summaries} sent"
        if decision.award_blockers
        else f"the {summaries} are not to be sent yet"
    )
    these = "this is" if len(blockers) == 1 else "these are"
    shown = blockers if listed is None else blockers[:listed]
    lines = [f"{said}; {what}, until {these} settled:", *(f"  - {b}" for b in shown)]
    if len(blockers) > len(shown):
        lines.append(
            f"  … and {len(blockers) - len(shown):,} more (`tendereval summaries` lists every one)"
        )
    return lines + [f"{s}." for s in suspended]


def _summaries_sent(decision: AwardDecision) -> str:
    """What is to become of the assessment summaries, nothing holding them back: sent on the
    day recorded, to be sent on a day still to come, written again (the award changed since
    those in the folder were), or, those sent having been replaced since by others, to be sent
    again (:attr:`AwardDecision.summaries_sent`, judged against this award)."""
    state, sent = decision.summaries_sent, decision.standstill.summaries_sent_on
    summaries = terms(decision.regime).summaries
    if state is None or sent is None:
        return f"the {summaries} may be sent."
    on = in_words(sent)
    # Dates of the standstill of summaries sent earlier, never this award's.
    before = decision.standstill_before_sending
    stale = f" But {before}" if before else ""
    if state == "to_be_sent":
        return f"the {summaries} may be sent: they are to be sent on {on}.{stale}"
    if state == "replaced":
        replaced = len(decision.sent_replaced)
        return (
            f"the {summaries} sent on {on} were replaced since by others for "
            f"{counted(replaced, 'supplier')}: send {'it' if replaced == 1 else 'them'} the "
            f"new ones and {record_the_sending(decision)}; the standstill period starts again."
        )
    found = decision.sent_against_award
    if state == "unchecked":
        # Those there written after the sending recorded are none of those sent (review 41).
        since = len(found.written_since)
        none = f"there are none in {_folder(found)}"
        if since:
            there = f"the {since:,} there were" if since > 1 else "the one there was"
            none += f" ({there} written after that sending was recorded)"
        return (
            f"the {summaries} recorded as sent on {on} could not be compared with "
            f"this award: {none}. Put back the summaries sent there "
            "and score again; until then check by hand that the award gives every supplier the "
            "figures its summary gave (publish --summaries FOLDER checks it against those in "
            "another folder)."
        )
    # The folder and the command that writes there, when it is not reports/summaries.
    folder, run = ("the summaries folder", "tendereval summaries")
    if not found.by_default:
        folder, run = _folder(found), f"tendereval summaries -o {_typed(found)}"
    if state == "out_of_date":
        differ = len(found.out_of_date)
        return (
            f"the {summaries} sent on {on} differ from this award for "
            f"{counted(differ, 'supplier')}, and those in {folder} are out of date "
            f"with it: run {run} to write the new ones, send them and "
            f"{record_the_sending(decision)}; the standstill period starts again."
        )
    if found.not_in_place:
        others = len(found.not_in_place)
        return (
            f"the {summaries} were sent on {on} and give this award, but "
            f"{folder} holds others in their place for {counted(others, 'supplier')}: "
            f"run {run}, which puts back those sent (the standstill period does "
            f"not start again).{stale}"
        )
    return f"the {summaries} were sent on {on}.{stale}"


def record_the_sending(decision: AwardDecision) -> str:
    """What to record once summaries are sent again: the day, with its time when those they
    replace were sent the same day (told apart by it), and a new standstill period in place
    of the one recorded, which ran for those sent before."""
    standstill, sent = decision.standstill, decision.standstill.summaries_sent_on
    timed = (
        " with the time they went when that is the day recorded now (as "
        f"{sent.isoformat()}T16:00:00), for those sent earlier that day are told from them by it"
        if sent is not None and decision.made_on is not None and sent >= decision.made_on
        else ""
    )
    said = f"record the day in {DECISIONS_FILE} ([standstill] summaries_sent_on{timed})"
    if standstill.starts_on or standstill.ends_on:
        said += (
            " and the new standstill period in place of the one recorded (starts_on, ends_on), "
            "which ran for those sent before"
        )
    return said


def _lots(decision: AwardDecision) -> str:
    """How many lots are proposed for award, and how many are not for each reason, naming
    them; for a tender of one lot, what becomes of it."""
    awards = list(decision.lots.values())
    if len(awards) == 1:
        (award,) = awards
        if award.awarded:
            return f"The lot is proposed for award to {award.supplier}"
        return NOT_AWARDED[_why_not(award)][1]
    kinds: dict[str, list[str]] = {}
    for award in awards:
        if not award.awarded:
            kinds.setdefault(_why_not(award), []).append(award.lot)
    awarded = len(awards) - sum(len(lots) for lots in kinds.values())
    of = "All" if awarded == len(awards) else f"{awarded:,} of"
    parts = [f"{of} {len(awards):,} lots proposed for award"]
    parts += [
        f"{len(lots):,} {NOT_AWARDED[kind][0]} ({_named(lots)})"
        for kind in NOT_AWARDED
        if (lots := kinds.get(kind))
    ]
    return "; ".join(parts)


def _why_not(award: LotAward) -> str:
    """Why a lot is not awarded (undecided, or no award), as a key of :data:`NOT_AWARDED`."""
    if award.outcome == UNDECIDED:
        return "undecided"
    if award.not_to_award:
        return "not_to_award"
    if award.passed_over:
        return "lot_cap"
    if award.unplaced:
        return "unplaced"
    return "no_bids" if award.no_bids else "none_ranked"


def _named(lots: list[str]) -> str:
    """The lots by id, the first :data:`LOTS_NAMED` of them and how many more."""
    more = len(lots) - LOTS_NAMED
    return ", ".join(lots[:LOTS_NAMED]) + (f" and {more:,} more" if more > 0 else "")


def _folder(found: SentAgainstAward) -> str:
    """The folder the summaries sent were looked for in, as the officer gave it."""
    from tendereval.inputs import from_here

    return str(from_here(found.looked_in)) if found.looked_in else "the summaries folder"


def _typed(found: SentAgainstAward) -> str:
    """That folder as it is typed after ``-o`` ("Sent summaries" is one argument)."""
    import shlex

    return shlex.quote(_folder(found))
