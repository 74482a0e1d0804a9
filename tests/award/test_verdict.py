"""``score`` ends with the award in a sentence, after the problems (AwardDecision.verdict).

Found by a red team: on a tender of 75 lots ``score`` printed 838 lines ending with five
"nobody bid for lot …" warnings, and never said whether the award could go ahead, how many lots
were proposed for award, or that two had no award because of the lot cap: those were found only
by searching the lot tables. ``summaries`` now ends with the same words, and ``publish`` heads
what it waits on as they do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder

EXAMPLES = Path(__file__).parents[2] / "examples"
LOTS = [f"L{n:02}" for n in range(1, 21)]

# A cap of 3 taken in lot order: Alpha is cheapest in L01-L03 (Beta dearer) and the only
# bidder in L04-L05, which it may no longer win.
CAP = f"""
[participation]
max_lots_per_supplier = 3
cap_rule = "lot_order"
cap_lot_order = {LOTS}
"""

DECISIONS = """
[[withdrawal]]
supplier = "Gone Ltd"
lot = "L12"
withdrawn_on = 2026-09-25
recorded_by = "Procurement Officer"

[[no_award]]
lot = "L19"
reason = "Every tender is above the approved budget; the lot will be re-procured"
decided_by = "Head of Commissioning"
decided_on = 2026-09-28
"""


def twenty_lots(folder: Path, *, tie: bool = False) -> Path:
    """20 lots: 10 proposed for award (L01-L03 to Alpha, L06-L11 and L20 each to its only
    bidder); L04-L05 none, Alpha holding the cap; L12 none, its one bid withdrawn; L13-L18
    nobody bid for; L19 not to be awarded by the buyer's record. ``tie``: two tenders level
    in L20, which is then undecided."""
    bids = [Bid("Alpha Care", lot, 10.0) for lot in LOTS[:5]]
    bids += [Bid("Beta Care", lot, 12.0) for lot in LOTS[:3]]
    bids += [Bid(f"Single {lot} Ltd", lot, 11.0) for lot in LOTS[5:11]]
    bids += [Bid("Gone Ltd", "L12", 11.0), Bid("Closed Ltd", "L19", 11.0)]
    bids += [Bid("Twenty Ltd", "L20", 11.0)]
    if tie:
        bids.append(Bid("Twin Ltd", "L20", 11.0))
    tender_folder(folder, LOTS, bids, extra=CAP)
    (folder / "decisions.toml").write_text(DECISIONS, encoding="utf-8")
    return folder


def run(*args: str | Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


READY = (
    "10 of 20 lots proposed for award; 2 with no award under the lot cap (L04, L05); "
    "1 not to be awarded by the buyer's recorded decision (L19); "
    "6 with no bids (L13, L14, L15, L16, L17 and 1 more); "
    "1 with no tender that could be ranked (L12); the assessment summaries may be sent."
)


def test_score_ends_with_the_lots_proposed_and_why_the_others_are_not(tmp_path: Path) -> None:
    folder = twenty_lots(tmp_path / "t")
    code, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert code == 0
    # Last, after the problems (the six "nobody bid" warnings), a blank line before it.
    assert lines[-3].endswith("expected at least one bid per lot") and lines[-2] == ""
    assert lines[-1] == READY
    # The lot tables say the same, lot by lot.
    text = "\n".join(lines)
    assert text.count("  No award: every ranked tender's supplier holds the cap") == 2
    assert text.count("  Proposed award: ") == 10


def test_summaries_end_with_the_same_words(tmp_path: Path) -> None:
    folder = twenty_lots(tmp_path / "t")
    code, lines = run("summaries", folder, "-o", tmp_path / "out")
    assert code == 0 and lines[-2:] == ["", READY]


def test_a_tie_holds_the_award_and_is_named_as_summaries_and_publish_name_it(
    tmp_path: Path,
) -> None:
    folder = twenty_lots(tmp_path / "t", tie=True)
    tie = (
        "  - Lot L20: 2 tenders are level at rank 1 (Twenty Ltd; Twin Ltd) and the plan's "
        "tie-break does not separate them"
    )
    said = (
        "9 of 20 lots proposed for award; 1 undecided (L20); 2 with no award under the lot cap "
        "(L04, L05); 1 not to be awarded by the buyer's recorded decision (L19); "
        "6 with no bids (L13, L14, L15, L16, L17 and 1 more); 1 with no tender that could be "
        "ranked (L12); the award is not to be made yet, nor the assessment summaries sent, "
        "until this is settled:"
    )
    _, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert lines[-2] == said and lines[-1].startswith(tie)
    code, lines = run("summaries", folder, "-o", tmp_path / "out")
    assert code == 1 and lines[-2] == said and lines[-1].startswith(tie)
    code, lines = run("publish", folder, "--ocid-prefix", "ocds-abc123", "-o", tmp_path / "p.json")
    assert code == 1
    assert lines[0] == "Nothing was written: the award cannot be published until this is settled:"
    assert lines[1].startswith(tie)


def test_a_one_lot_tender_ends_with_one_line(tmp_path: Path) -> None:
    folder = shutil.copytree(EXAMPLES / "carers-short-breaks", tmp_path / "carers")
    code, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert code == 0 and lines[-2] == ""
    assert lines[-1] == (
        "The lot is proposed for award to Weald Carers Trust; the assessment summaries may be sent."
    )
    assert lines[-3].startswith("  Proposed award: Weald Carers Trust")


def test_every_lot_awarded_is_said_so(tmp_path: Path) -> None:
    folder = shutil.copytree(EXAMPLES / "homecare-districts", tmp_path / "homecare")
    code, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert code == 0
    assert lines[-1] == "All 12 lots proposed for award; the assessment summaries may be sent."


def test_an_error_not_put_right_holds_the_award_and_is_named_first(tmp_path: Path) -> None:
    folder = twenty_lots(tmp_path / "t")
    prices = folder / "evaluation" / "prices.csv"
    prices.write_text(
        prices.read_text(encoding="utf-8").replace(
            "Twenty Ltd,L20,hours,11.0", "Twenty Ltd,L20,hours,TBC"
        ),
        encoding="utf-8",
    )
    code, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert code == 1
    assert lines[-2] == (
        "9 of 20 lots proposed for award; 2 with no award under the lot cap (L04, L05); "
        "1 not to be awarded by the buyer's recorded decision (L19); "
        "6 with no bids (L13, L14, L15, L16, L17 and 1 more); "
        "2 with no tender that could be ranked (L12, L20); "
        "the award is not to be made yet, nor the assessment summaries sent, "
        "until this is settled:"
    )
    assert lines[-1].startswith("  - The inputs have 1 error in evaluation/prices.csv")


def test_summaries_recorded_as_sent_are_not_said_to_be_sendable(tmp_path: Path) -> None:
    """Once decisions.toml records the day the summaries went out, the sentence says so: it
    said they "may be sent" (verdict9's left-alone)."""
    folder = shutil.copytree(EXAMPLES / "carers-short-breaks", tmp_path / "carers")
    run("summaries", folder)  # (with none to compare, the sentence says they could not be)
    (folder / "decisions.toml").write_text(
        "[standstill]\nsummaries_sent_on = 2026-11-30\n", encoding="utf-8"
    )
    _, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert lines[-1] == (
        "The lot is proposed for award to Weald Carers Trust; the assessment summaries were "
        "sent on 30 November 2026."
    ), lines[-6:]


def test_the_blockers_not_shown_are_counted_as_more_not_mores(tmp_path: Path) -> None:
    """Three withdrawals with a mistyped key ("lots"): three blockers, the first shown and the
    other two counted. The line read "… and 2 mores" (a red team's finding 8)."""
    folder = shutil.copytree(EXAMPLES / "carers-short-breaks", tmp_path / "carers")
    (folder / "decisions.toml").write_text(
        "".join(
            f'[[withdrawal]]\nsupplier = "{supplier}"\nwithdrawn_on = 2026-03-04\nlots = "CSB"\n\n'
            for supplier in (
                "Weald Carers Trust",
                "Meridian Care Group plc",
                "Hop Garden Respite CIC",
            )
        ),
        encoding="utf-8",
    )
    _, lines = run("score", folder, "--no-report", "--no-sensitivity")
    assert lines[-1] == "  … and 2 more (`tendereval summaries` lists every one)", lines[-4:]
