"""What each procurement regime calls things, in one place.

The Procurement Act 2023 awards a contract to the *most advantageous tender* (s.19) and
tells each supplier its *assessment summary* (s.50); the Public Contracts Regulations 2015
award it to the *most economically advantageous tender* (reg 67) and tell each tenderer in an
*award decision notice* (reg 86). A tender under PCR 2015 whose summaries, report or award
notice used the Act's words would cite a law it is not run under; every output that names
one of these terms takes it from here, by the plan's ``regime``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tendereval.wording import counted


@dataclass(frozen=True)
class Terms:
    """One regime's words. ``best`` and ``better`` are written without an article or capital,
    to go inside a sentence: "Another tender was {better}.", "the {best}: ranked first"."""

    law: str  # the regime's name in full
    best: str  # the tender a contract is awarded to
    better: str  # what a tender ranked above another was
    summary: str  # what the document telling each tenderer the outcome is called
    a_summary: str  # the same inside a sentence: "each {a_summary}", "one {a_summary} per …"
    summaries: str  # several of them inside a sentence: "the {summaries} may be sent"
    summary_basis: str  # the law that document is written under
    summary_law: str  # the same in brief, as a sentence cites it
    sent_label: str  # the Audit sheet's label for the day those documents were sent
    criteria_law: str  # the law binding the buyer to the published award criteria
    criteria_law_in_full: str  # the same, as a sentence of init's plan cites it
    criteria_rule: str  # what that law says of the criteria, as a difference cites it
    cap_law: str  # the law binding the buyer to a published lot cap
    # The automatic suspension of the contract when the award is challenged: the law, what
    # brings it (inside a sentence: "{proceedings} notified on …"), and what ends it.
    suspension_law: str
    proceedings: str
    suspension_lifted: str


TERMS = {
    "PA2023": Terms(
        law="Procurement Act 2023",
        best="most advantageous tender",
        better="more advantageous",
        summary="Assessment summary",
        a_summary="assessment summary",
        summaries="assessment summaries",
        summary_basis="Assessment summary under the Procurement Act 2023 section 50 and the "
        "Procurement Regulations 2024 regulation 31.",
        summary_law="Procurement Act 2023 s.50",
        sent_label="Assessment summaries sent on",
        criteria_law="Procurement Act 2023 s.23",
        criteria_law_in_full="the Procurement Act 2023 s.23",
        criteria_rule="Procurement Act 2023 s.23: bids are evaluated on the criteria and "
        "weights published",
        cap_law="Procurement Act 2023 s.23(4)",
        suspension_law="Procurement Act 2023 s.101",
        proceedings="proceedings against the award",
        suspension_lifted="the court lifts the suspension (s.102) or the proceedings end",
    ),
    "PCR2015": Terms(
        law="Public Contracts Regulations 2015",
        best="most economically advantageous tender",
        better="more economically advantageous",
        summary="Award decision notice",
        a_summary="award decision notice",
        summaries="award decision notices",
        summary_basis="Information for the tenderer under the Public Contracts Regulations 2015 "
        "regulations 55 and 86.",
        summary_law="PCR 2015 reg 86",
        # Under PCR 2015 the summaries are the award decision notices (reg 86) that start the
        # standstill (reg 87).
        sent_label="Award decision notices (the summaries) sent on",
        criteria_law="PCR 2015 reg 67",
        criteria_law_in_full="the Public Contracts Regulations 2015 reg 67",
        criteria_rule="PCR 2015 reg 67: bids are evaluated on the criteria and weighting published",
        cap_law="PCR 2015 reg 46(4)",
        suspension_law="PCR 2015 reg 95",
        proceedings="a claim form issued against the award decision",
        suspension_lifted="the court brings the suspension to an end (reg 96) or the "
        "proceedings end",
    ),
}
# The regimes a plan may name, with their names in full.
REGIMES = {regime: terms.law for regime, terms in TERMS.items()}


def summaries_counted(count: int, regime: str) -> str:
    """``count`` of the regime's summaries: "1 assessment summary", "3 award decision
    notices"."""
    said = terms(regime)
    return counted(count, said.a_summary, said.summaries)


def terms(regime: str) -> Terms:
    """The words of ``regime`` (a plan's ``tender.regime``); the Act's for one the plan could
    not name (its error is the plan's)."""
    return TERMS.get(regime, TERMS["PA2023"])
