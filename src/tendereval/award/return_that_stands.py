"""What the buyer records when a supplier sent two bid returns for one lot, said in one place.

Which return is the supplier's tender is recorded by naming, by its file, each return that
does not stand (``[[withdrawal]]`` or ``[[rejection]]`` with ``supplier = "bids/<file>"``):
the file's error says so (io/tender.py), the line beside the award that waits on it and the
verdict say so (award/decision.py), and an error asking the supplier to send the file again
says where the corrected file goes and what to record about the first (io/bid_rules.py). A
rejection naming the supplier instead sets aside every return, the one that stands too: the
most advantageous tender thrown out, and the award released to the runner-up.

A return the supplier sent again, corrected at the buyer's request after the deadline (a
sheet renamed back, a header restored), is a clarification of the tender, not a new one: the
file received first stays in ``bids/`` as received, the corrected one is saved beside it, and
the first is recorded as rejected by its file, replaced by the corrected return. Nothing but
what was asked may change in it: the officer checks that, as for any clarification.
"""

from __future__ import annotations

from collections.abc import Iterable

from tendereval.award.recorded import DECISIONS_FILE
from tendereval.errors import Problem
from tendereval.io.keys import supplier_key
from tendereval.layout import BIDS_FOLDER, in_folder

# One supplier's name on returns giving two PPONs or company numbers, whatever lots each
# prices (io/other_registration.py): the only one of these not settled lot by lot.
OTHER_REGISTRATION = "bid.other_registration"

# The errors settled only by recording which of a supplier's returns stands: two returns
# pricing one lot, two names that are one supplier's but for capitals or spaces, or
# OTHER_REGISTRATION. Read by the award (what it waits on) and by scoring (a return set
# aside in Python, after the loader chose between them).
CHOOSE_A_RETURN = frozenset({"bid.twice", "bid.name_collision", OTHER_REGISTRATION})


def returns_to_choose_between(problems: Iterable[Problem]) -> frozenset[str]:
    """The keys of the suppliers (:func:`supplier_key`) whose bid returns wait on the buyer's
    record of which stands (an error of :data:`CHOOSE_A_RETURN` among ``problems``). Until
    then the loader has read one of the returns' details, the first by file name, for the
    supplier: they are that return's, not the supplier's."""
    return frozenset(
        supplier_key(p.supplier) for p in problems if p.code in CHOOSE_A_RETURN and p.supplier
    )


def returns_chosen_by_record(problems: Iterable[Problem]) -> frozenset[str]:
    """The suppliers of :func:`returns_to_choose_between` whose returns are files in bids/:
    the buyer records which stands, by its file (:func:`by_its_file`), and the award waits on
    that record. In the consolidated form a supplier's row given twice is deleted instead,
    as its error says. The award decision reads it of the errors it waits on; a supplier it
    names is always one the summaries (reading :func:`returns_to_choose_between`) show no
    return's details for as the supplier's."""
    return returns_to_choose_between(
        p for p in problems if p.file and in_folder(p.file, BIDS_FOLDER)
    )


# How an error of a bid return ends that asks its supplier for a corrected file.
SEND_AGAIN = "send the file again"

# How the first file is recorded once its corrected return stands (the reason the docs give).
REPLACED = "replaced by its corrected return, sent at our request"


def by_its_file() -> str:
    """What to record about each of a supplier's returns for a lot that does not stand: the
    advice of the file's error."""
    return (
        f"record each return that does not stand in {DECISIONS_FILE}, naming its file and "
        "leaving it in bids/ (one its supplier replaced before the deadline as withdrawn: "
        '[[withdrawal]], supplier = "bids/<its file>.xlsx", withdrawn_on = …; one that came '
        "in after the deadline unasked as rejected: [[rejection]], "
        'supplier = "bids/<its file>.xlsx", reason = …; where one is the return sent again '
        "corrected at the buyer's request, the one it corrects as rejected the same way, "
        f'reason = "{REPLACED}")'
    )


def award_waits_for_a_return(its: str) -> str:
    """The end of the line beside an award that waits on a supplier's two returns (``its``:
    the pronoun of one tender or several): what settles it, as the file's error says."""
    return (
        f"until the buyer records which of {its} bid returns stands: {by_its_file()}; a "
        "rejection naming the supplier would set aside the return that stands too"
    )


def sent_again(source: str) -> str:
    """What follows "send the file again" in an error of the bid return ``source``: where the
    corrected file goes, and what to record about this one, so the corrected one is read as
    the tender and not as a second return beside it."""
    return (
        f"; keep {source} as received, save the corrected file beside it in bids/ under "
        f"another name, and record {source} as rejected in {DECISIONS_FILE} "
        f'([[rejection]], supplier = "{source}", reason = "{REPLACED}"), after checking that '
        "nothing but what was asked changed"
    )
