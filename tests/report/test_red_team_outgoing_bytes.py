"""What leaves the buyer, read as bytes: every part of each assessment summary and of the public
report unzipped and searched, not only the cell values openpyxl gives back (red team).

The tender: three lots under a cap of one lot per supplier (lot B passes Zephyrine over), a tie
for first in lot C that the buyer resolved by drawing lots (decisions.toml, whose reason names an
evaluator and the other tied bidder), and evaluators whose reasons name other bidders and each
other.
"""

from __future__ import annotations

import csv
import html
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli
from tests.award.red_team_tenders import PLAN, Bid, lots_toml, tender_folder

ZEPHYRINE, BARTHOLOMEW = "Zephyrine Quokka Ltd", "Bartholomew Xylo plc"
CASSIOPEIA, DELPHINE = "Cassiopeia Wombat CIC", "Delphine Narwhal LLP"
EVALUATORS = ("Gwendolyn Pzazz", "Ann Evans")
BIDS = [
    Bid(ZEPHYRINE, "A", 123.45789, 5), Bid(BARTHOLOMEW, "A", 131.11111, 4),
    Bid(CASSIOPEIA, "A", 140.22222, 3),
    Bid(ZEPHYRINE, "B", 121.98765, 5), Bid(BARTHOLOMEW, "B", 125.43219, 4),
    Bid(DELPHINE, "B", 150.77777, 2),
    Bid(CASSIOPEIA, "C", 111.11111, 4), Bid(DELPHINE, "C", 111.11111, 4),
    Bid(BARTHOLOMEW, "C", 170.55555, 1),
]  # fmt: skip
CAP = """
[participation]
max_lots_per_supplier = 1
cap_rule = "descending_value"
cap_mechanism = "Lots in descending value; a supplier holding the cap is passed over."
"""
DECISIONS = f"""
[[decision]]
lot = "C"
award_to = "{CASSIOPEIA}"
reason = "Tie with {DELPHINE} resolved by drawing lots witnessed by Gwendolyn Pzazz"
decided_by = "Gwendolyn Pzazz"
decided_on = 2026-10-02
"""


def hostile_tender(folder: Path) -> Path:
    tender_folder(folder, [], BIDS)
    lots = lots_toml(["A", "B", "C"], {"A": 300_000, "B": 200_000, "C": 100_000})
    (folder / "tender.toml").write_text(PLAN + lots + CAP, encoding="utf-8")
    with (folder / "evaluation" / "scores.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["evaluator", "supplier", "lot", "question", "score", "reason"])
        for bid in BIDS:
            for n, evaluator in enumerate(EVALUATORS):
                reason = (
                    f"Point {n}: clearer than {DELPHINE}'s answer, weaker than Cassiopeia "
                    "Wombat's; Gwendolyn Pzazz and Evans agreed."
                )
                writer.writerow([evaluator, bid.supplier, bid.lot, "Q1", bid.q1, reason])
    with (folder / "evaluation" / "declarations.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [["evaluator", "declared_on", "conflict"]]
            + [[e, "2026-09-20", "none"] for e in EVALUATORS]
        )
    (folder / "decisions.toml").write_text(DECISIONS, encoding="utf-8")
    return folder


def parts(path: Path) -> dict[str, str]:
    """Every part of an .xlsx, XML entities undone (so "Delphine Narwhal LLP&apos;s" is found)."""
    with zipfile.ZipFile(path) as book:
        return {n: html.unescape(book.read(n).decode("utf-8")) for n in book.namelist()}


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = hostile_tender(tmp_path_factory.mktemp("outgoing") / "tender")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return {p.name: parts(p) for p in sorted(out.glob("*.xlsx"))}


def everything(book: dict[str, str]) -> str:
    return "\n".join(book.values())


def test_the_bidder_that_lost_a_tie_drawn_by_lots_is_told_so_not_that_another_was_better(
    summaries: dict[str, dict[str, str]],
) -> None:
    """Delphine tied Cassiopeia for first in lot C (equal totals, equal quality, equal price: the
    plan's tie-break cannot part them) and the buyer drew lots. Delphine's summary said "Another
    tender was more advantageous.": untrue, and it hides the reason reg 31 asks for (why it was
    not awarded the lot)."""
    delphine = everything(summaries["delphine-narwhal-llp-assessment-summary.xlsx"])
    assert (
        "Your tender tied for first place with the most advantageous tender; the contracting "
        "authority resolved the tie on 2026-10-02 under its published rules." in delphine
    )
    # The buyer's own wording (naming an evaluator and the tied bidders) stays in the record.
    assert "drawing lots" not in delphine
