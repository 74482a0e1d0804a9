"""One award decision, read by every output: the three ties found by trying the carers example
with one more bidder (issue "One award decision").

Each case copies ``examples/carers-short-breaks`` and adds a twin of the first-placed bid
(Weald Carers Trust) under another name. Before the award decision existed, ``score`` and
``summaries`` named one winner and ``allocate DIR`` another, or settled a tie by name. Here
``score`` (terminal, JSON, CSV), the Excel report, the public report, the assessment summaries
and ``allocate DIR`` must name the same winner, or all say the lot is undecided.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.comparison import rounded

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
FIRST = "Weald Carers Trust"
TWIN = "Weald Twin Trust"
LOT = "CSB"


def add_twin(folder: Path, *, rate_factor: float = 1.0, raise_question: str | None = None) -> None:
    """A copy of Weald's bid under another name (and numbers), its rates scaled by
    ``rate_factor``, every evaluator's score copied (one point higher on ``raise_question``)."""
    wb = openpyxl.load_workbook(folder / "bids" / "weald-carers-trust.xlsx")
    org = wb["Organisation"]
    org["B4"], org["B6"], org["B7"] = TWIN, "11402260", "1187343"
    org["B16"] = "PXQT-3612-NBHT"  # its own PPON: one copied is one organisation
    prices = wb["Prices"]
    for row in range(5, 8):
        prices.cell(row, 7).value = prices.cell(row, 7).value * rate_factor
    wb.save(folder / "bids" / "weald-twin-trust.xlsx")
    for path in sorted((folder / "scores").glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        sheet = wb["Moderation"] if "Moderation" in wb.sheetnames else wb["Scores"]
        score_column = 4 if sheet.title == "Moderation" else 6
        copies = []
        for row in sheet.iter_rows(min_row=5, values_only=True):
            if row[0] != FIRST:
                continue
            copy = [TWIN, *row[1:]]
            if row[2] == raise_question and copy[score_column - 1] is not None:
                assert copy[score_column - 1] < 5, "the twin's raised score must fit the scale"
                copy[score_column - 1] += 1
            copies.append(copy)
        for copy in copies:
            sheet.append(copy)
        wb.save(path)


def folder_with_twin(tmp_path: Path, **twin) -> Path:
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    add_twin(folder, **twin)
    return folder


def outcome(path: Path) -> str:
    """The outcome a supplier's assessment summary gives for the lot (its Summary sheet)."""
    sheet = openpyxl.load_workbook(path)["Summary"]
    return next(r[2] for r in sheet.iter_rows(values_only=True) if r[0] == LOT)


def row(result, supplier: str) -> dict:
    return result.results.filter(pl.col("supplier") == supplier).row(0, named=True)


def equal_totals_higher_quality(tmp_path: Path) -> Path:
    """The twin scores a point higher on Q2 and charges exactly enough more that the totals
    are equal: the plan's tie-break (higher quality) makes the twin the winner."""
    folder = folder_with_twin(tmp_path / "first", raise_question="Q2")
    scored = tendereval.score(folder, sensitivity=False)
    first, twin = row(scored, FIRST), row(scored, TWIN)
    gain = twin["quality_score"] - first["quality_score"]
    assert gain > 0
    # lowest price ratio: price points = 40 × lowest price ÷ price, so a price higher by the
    # factor below gives up exactly the quality gained.
    factor = first["price_score"] / (first["price_score"] - gain)
    folder = folder_with_twin(tmp_path / "second", raise_question="Q2", rate_factor=factor)
    scored = tendereval.score(folder, sensitivity=False)
    # Equal as the ranking compares totals. The twin's price is scored to the penny, which
    # moves its points by at most 40 × £0.005 ÷ £3.2m, 6e-8 points.
    twin, first = row(scored, TWIN)["total"], row(scored, FIRST)["total"]
    assert abs(twin - first) < 1e-7 and rounded(twin) == rounded(first)
    return folder


def ahead_by_five_millionths(tmp_path: Path) -> Path:
    """The twin is cheaper by just enough to be 0.000005 points ahead."""
    folder = folder_with_twin(tmp_path / "first")
    scored = tendereval.score(folder, sensitivity=False)
    points = row(scored, FIRST)["price_score"]
    folder = folder_with_twin(tmp_path / "second", rate_factor=points / (points + 0.000005))
    scored = tendereval.score(folder, sensitivity=False)
    # (5e-6 to within the 6e-8 points the twin's price to the penny can move.)
    assert row(scored, TWIN)["total"] - row(scored, FIRST)["total"] == pytest.approx(5e-6, abs=1e-7)
    return folder


def exact_copy(tmp_path: Path) -> Path:
    return folder_with_twin(tmp_path)


CASES = {
    "equal totals, the twin has higher quality": (equal_totals_higher_quality, TWIN),
    "an exact copy: a tie the plan cannot break": (exact_copy, None),
    "the twin 0.000005 points ahead": (ahead_by_five_millionths, TWIN),
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("case", list(CASES))
def test_every_output_names_the_same_winner_or_none(tmp_path: Path, case: str) -> None:
    build, winner = CASES[case]
    folder = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()  # (a folder named for an output is not made: a usage error)

    code, text = run("score", str(folder), "--no-sensitivity", "--json", str(out / "r.json"),
                     "--csv", str(out / "r.csv"), "-o", str(out / "report.xlsx"))  # fmt: skip
    assert code == 0
    data = json.loads((out / "r.json").read_text())
    (award,) = data["award"]["lots"]
    csv = pl.read_csv(out / "r.csv").filter(pl.col("award") == "awarded")
    summary = openpyxl.load_workbook(out / "report.xlsx")["Summary"]["C5"].value
    run("score", str(folder), "--no-sensitivity", "--public", "-o", str(out / "public.xlsx"))
    public = openpyxl.load_workbook(out / "public.xlsx")["Summary"]["C5"].value
    summaries_code, _ = run("summaries", str(folder), "-o", str(out / "summaries"))
    allocate_code, allocated = run("allocate", str(folder), "--json", str(out / "a.json"))
    allocation = json.loads((out / "a.json").read_text())
    chosen = {w["supplier"] for w in allocation["awarded"]}
    twin_summary = outcome(out / "summaries" / "weald-twin-trust-assessment-summary.xlsx")

    if winner is None:
        assert award["outcome"] == "undecided" and set(award["tied"]) == {FIRST, TWIN}
        assert "Undecided: 2 tenders tied for first place" in text
        assert csv.is_empty()
        assert summary.startswith("2 tenders tied for first place; the tie is not yet resolved")
        assert public.startswith("2 tenders tied") and FIRST not in public
        assert summaries_code == 1
        assert "tied for first place" in twin_summary
        assert allocate_code == 1 and allocation["undecided_lots"] == [LOT]
        assert allocation["tie_break"]["undecided_lots"][LOT] == sorted(
            [f"{FIRST} / {LOT}", f"{TWIN} / {LOT}"]
        )
    else:
        assert award["outcome"] == "awarded" and award["supplier"] == winner
        assert f"Proposed award: {winner} (" in text
        assert csv.get_column("supplier").to_list() == [winner]
        assert summary == public == winner
        assert summaries_code == 0
        # Placed first by the plan's tie-break on an equal total, the summary says so.
        assert twin_summary.startswith("Your tender was the most advantageous tender")
        assert ("the published tie-break" in twin_summary) == (case.startswith("equal totals"))
        first_summary = openpyxl.load_workbook(
            out / "summaries" / "weald-carers-trust-assessment-summary.xlsx"
        )
        headings = [c.value for c in first_summary[f"Lot {LOT}"]["A"] if c.value]
        assert f"The most advantageous tender: {winner}" in headings
        assert allocate_code == 0 and chosen == {winner}
        assert "The optimiser and the published rules award every lot the same way." in allocated


def test_the_buyers_recorded_decision_settles_the_tie_everywhere(tmp_path: Path) -> None:
    folder = exact_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        f"""[[decision]]
lot = "{LOT}"
award_to = "{TWIN.upper()}"
reason = "Tie resolved by drawing lots, as the ITT says, witnessed by the Head of Legal"
decided_by = "Head of Commissioning"
decided_on = 2026-03-02
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()  # (a folder named for an output is not made: a usage error)
    code, text = run("score", str(folder), "--no-sensitivity", "--json", str(out / "r.json"),
                     "-o", str(out / "report.xlsx"))  # fmt: skip
    assert code == 0
    data = json.loads((out / "r.json").read_text())
    (award,) = data["award"]["lots"]
    assert (award["supplier"], award["basis"]) == (TWIN, "tie_decision")
    assert "awarded by the buyer's decision (recorded by Head of Commissioning on 2026-03-02)" in (
        text
    )
    assert "decisions.toml" in {row["path"] for row in data["inputs"]}
    report = openpyxl.load_workbook(out / "report.xlsx")
    assert (
        report["Summary"]["C5"].value == f"{TWIN} (tied for first; the buyer's recorded decision)"
    )
    # The Audit sheet keeps the decision word for word, with who took it and when.
    audit = [c for r in report["Audit"].iter_rows(values_only=True) for c in r if c]
    assert any(
        str(c).startswith(f"{TWIN.upper()}: Tie resolved by drawing lots")
        and "(Head of Commissioning, 2026-03-02)" in str(c)
        for c in audit
    )
    assert run("summaries", str(folder), "-o", str(out / "summaries"))[0] == 0
    twin = outcome(out / "summaries" / "weald-twin-trust-assessment-summary.xlsx")
    assert "resolved the tie on 2026-03-02" in twin and "Head of Legal" not in twin
    assert run("allocate", str(folder), "--json", str(out / "a.json"))[0] == 0
    allocation = json.loads((out / "a.json").read_text())
    assert {w["supplier"] for w in allocation["awarded"]} == {TWIN}


def test_a_recorded_decision_that_does_not_fit_is_named_and_holds_the_summaries(tmp_path: Path):
    folder = exact_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        f'[[decision]]\nlot = "{LOT}"\naward_to = "Meridian Care Group plc"\nreason = "slip"\n',
        encoding="utf-8",
    )
    code, text = run("score", str(folder), "--no-sensitivity", "--no-report")
    assert code == 1
    assert "decisions.toml — 1 error" in text and "decision[0].award_to: error:" in text
    code, text = run("summaries", str(folder), "-o", str(tmp_path / "s"))
    assert code == 1 and "nor the assessment summaries sent, until these are settled:" in text
