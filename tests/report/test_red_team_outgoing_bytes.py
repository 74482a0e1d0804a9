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
from tendereval.report.redact import OtherBidders, Redactor
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


def cell_values(path: Path) -> str:
    """The sheet XML and shared strings of a workbook, entities undone, as one text."""
    return "\n".join(t for n, t in parts(path).items() if n.startswith("xl/"))


def shown(value: float) -> list[str]:
    """The ways a figure can sit in a part: as stored, rounded as shown, with commas."""
    return [repr(value), f"{value:.2f}", f"{value:,.2f}", repr(round(value, 2))]


def public_report(folder: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["score", str(folder), "--public", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    return cell_values(out)


def test_the_awarded_tenders_price_points_do_not_give_away_the_lowest_price(
    tmp_path: Path,
) -> None:
    """Lot B goes to Bartholomew under the lot cap (Zephyrine holds its one lot). The public
    report showed Bartholomew's evaluated price, £250,864.38 (the award notice publishes it too),
    with its price points, 58.35 of 60: P_min = 58.35 × 250,864.38 / 60 = £243,965, Zephyrine's
    price (£243,975.30) to within £11. A winner that is not the cheapest now shows neither its
    price points nor its total (from which, less its quality and social value points, they
    follow); its quality points and the other bids' ranks and totals stay."""
    text = public_report(hostile_tender(tmp_path / "tender"), tmp_path / "public.xlsx")
    assert "250864.38" in text  # the awarded tender's own price is published
    for figure in ("58.35", "90.35", repr(58.35231769452483), repr(90.35231769452483)):
        assert f"<v>{figure}</v>" not in text
    # Zephyrine won lot A as the cheapest: its full price marks give nothing away.
    assert "<v>246915.78</v>" in text and "<v>60</v>" in text
    assert "Bidder 1" in text  # Zephyrine in lot B, ranked first, unnamed


def test_under_a_price_only_plan_the_other_bids_totals_are_not_published(tmp_path: Path) -> None:
    """Price carries all 100 points, so a bid's total is its price points: Bidder 2's 94.16 with
    the winner's published price (the lowest, full marks) gives 100 × 246,915.78 / 94.16 =
    £262,229, Beta's price (£262,222.22) to within £7. Its rank is shown, its total not."""
    plan = PLAN.replace("weight_of_total = 60", "weight_of_total = 100").replace(
        "weight_of_total = 40", "weight_of_total = 0"
    )
    bids = [Bid("Alpha Ltd", "A", 123.45789), Bid("Beta Ltd", "A", 131.11111),
            Bid("Gamma Ltd", "A", 140.22222)]  # fmt: skip
    folder = tender_folder(tmp_path / "tender", ["A"], bids, plan=plan)
    text = public_report(folder, tmp_path / "public.xlsx")
    assert "<v>246915.78</v>" in text
    for total in (94.16279825561695, 88.04445543652068):
        assert not any(f"<v>{form}</v>" in text for form in shown(total))
    assert "Bidder 2" in text and "Bidder 3" in text


APOSTROPHES = ["'", "\u2019", "\u2018", "\u02bc"]


@pytest.mark.parametrize("in_name", APOSTROPHES)
@pytest.mark.parametrize("in_text", APOSTROPHES)
def test_a_name_is_found_whichever_apostrophe_either_side_typed(in_name: str, in_text: str):
    """A bid return typed in Excel gives "St Mary's Care Ltd"; the evaluator's reason, pasted
    from Word, "St Mary’s Care" (or the other way round). The names were looked for with the
    apostrophe as written, so the other bidder's name, or an evaluator's, reached the summary."""
    others = OtherBidders([(f"St Mary{in_name}s Care Ltd", "bids/st-marys.xlsx"), ("Me Ltd", None)])
    text = f"Weaker than St Mary{in_text}s Care on staffing."
    assert others(text, {"Me Ltd"}) == "Weaker than another bidder on staffing."
    # The reader's own name, however its apostrophe is typed, is its own to see.
    assert others(text, {f"St Mary{in_name}s Care Ltd"}) == text
    redact = Redactor([f"Sean O{in_name}Neill"])
    assert redact(f"Sean O{in_text}Neill and O{in_text}Neill agreed.") == (
        "An evaluator and an evaluator agreed."
    )


def test_a_summary_holds_no_other_bidder_named_with_the_other_apostrophe(tmp_path: Path) -> None:
    """End to end, read from the winner's summary's shared strings: the runner-up's name as its
    bid gives it (curly apostrophe) and as the evaluator typed it (straight)."""
    ash, oaks = "Ash Care Ltd", "Oak\u2019s Lodge Ltd"
    bids = [Bid(ash, "A", 20.0, 4), Bid(oaks, "A", 21.0, 3)]
    folder = tender_folder(tmp_path / "tender", ["A"], bids)
    scores = folder / "evaluation" / "scores.csv"
    scores.write_text(
        scores.read_text(encoding="utf-8").replace("Ann's reason", "Clearer than Oak's Lodge"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = everything(parts(out / "ash-care-ltd-assessment-summary.xlsx"))
    assert "Clearer than another bidder" in text and "Lodge" not in text


# Who each summary may name: itself, and the tender awarded each lot it bid for (A Zephyrine,
# B Bartholomew under the cap, C Cassiopeia by the buyer's decision).
MAY_NAME = {
    "zephyrine-quokka-ltd": {ZEPHYRINE, BARTHOLOMEW},
    "bartholomew-xylo-plc": {ZEPHYRINE, BARTHOLOMEW, CASSIOPEIA},
    "cassiopeia-wombat-cic": {ZEPHYRINE, CASSIOPEIA},
    "delphine-narwhal-llp": {DELPHINE, BARTHOLOMEW, CASSIOPEIA},
}


def forms(supplier: str) -> list[str]:
    """A bidder's name as any part could hold it: in full, without its legal form, its file."""
    short = supplier.rsplit(" ", 1)[0]
    return [supplier, short, short.upper(), short.replace(" ", "-").lower()]


def test_no_part_of_any_summary_names_an_evaluator_or_a_bidder_it_may_not(
    summaries: dict[str, dict[str, str]],
) -> None:
    """Every part (sheets, shared strings, docProps, workbook.xml's defined names) of every
    summary, and the file names."""
    assert {name.removesuffix("-assessment-summary.xlsx") for name in summaries} == set(MAY_NAME)
    for name, book in summaries.items():
        reader = name.removesuffix("-assessment-summary.xlsx")
        others = {ZEPHYRINE, BARTHOLOMEW, CASSIOPEIA, DELPHINE} - MAY_NAME[reader]
        for part, text in book.items():
            folded = text.casefold()
            for evaluator in ("Gwendolyn", "Pzazz", "Ann Evans", "Evans"):
                assert evaluator.casefold() not in folded, (name, part, evaluator)
            for other in others:
                for form in forms(other):
                    assert form.casefold() not in folded, (name, part, form)
