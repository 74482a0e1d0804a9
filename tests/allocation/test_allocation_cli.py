"""``tendereval allocate``: exit codes, the summary, JSON keys, Excel, and no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pulp
import pytest
from click.testing import CliRunner

from tendereval.allocation.offers import OFFER_SCHEMA
from tendereval.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"
HEADER = "offer_id,supplier,lots,price,score,sme,vcse,group\n"
SMALL = (
    HEADER + "BIG-A,Big,A,100,80,no,no,\nBIG-B,Big,B,100,80,no,no,\n"
    "SMALL-A,=Small(),A,60,70,yes,no,\n"
)


def invoke(*args: str):
    return CliRunner().invoke(cli, ["allocate", *args])


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "offers.csv"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_the_worked_example_solves_and_writes_json_and_excel(tmp_path: Path):
    out, book = tmp_path / "result.json", tmp_path / "allocation.xlsx"
    result = invoke(
        str(EXAMPLE),
        "--max-lots-per-supplier",
        "4",
        "--min-sme-share",
        "0.3",
        "--json",
        str(out),
        "-o",
        str(book),
    )
    assert result.exit_code == 0, result.output
    assert "Status: optimal" in result.stdout
    assert "Unconstrained" in result.stdout and "Cost of the policy" in result.stdout
    assert "Winners per lot:" in result.stdout
    data = json.loads(out.read_text())
    for key in (
        "status",
        "total_score",
        "total_price",
        "sme_share",
        "vcse_share",
        "gap",
        "awarded",
        "unconstrained",
        "cost_of_policy",
        "policy",
        "tie_break",
        "solver",
    ):
        assert key in data, key
    assert set(data["awarded"][0]) >= {"offer_id", "supplier", "lots", "price", "score"}
    for key in ("status", "total_score", "total_price", "sme_share", "vcse_share", "gap"):
        assert key in data["unconstrained"]
    assert data["sme_share"] >= 0.3
    assert all(row["lots"] <= 4 for row in data["lots_per_supplier"])
    assert book.exists()


def test_options_in_words_and_money(small: Path, tmp_path: Path):
    out = tmp_path / "r.json"
    result = invoke(
        str(small),
        "--objective",
        "cost",
        "--award-all-lots",
        "--budget",
        "£1k",
        "--lot-budget",
        "A=90",
        "--contract-cost",
        "0.01k",
        "--min-sme-share",
        "30%",
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["policy"]["budget"] == 1000
    assert data["policy"]["lot_budgets"] == {"A": 90}
    assert data["policy"]["contract_management_cost"] == 10
    assert data["policy"]["min_sme_share"] == 0.3
    assert [row["offer_id"] for row in data["awarded"]] == ["BIG-B", "SMALL-A"]


def test_an_infeasible_policy_exits_1_with_the_explanation(small: Path):
    result = invoke(str(small), "--award-all-lots", "--min-sme-share", "0.5")
    assert result.exit_code == 1
    assert "Status: infeasible" in result.stdout
    assert "An SME share of 50% cannot be reached" in result.stdout
    assert "37.5%" in result.stdout


def test_problems_in_the_offers_file_exit_1_with_their_cells(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "O1,Acme,A,lots of money,70,yes,no,\n", encoding="utf-8")
    result = invoke(str(path))
    assert result.exit_code == 1
    assert "row 2, column price" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--min-sme-share", "1.5"],
        ["--max-lots-per-supplier", "0"],
        ["--budget", "lots"],
        ["--lot-budget", "A"],
        ["--objective", "fastest"],
        ["-o", "result.csv"],
    ],
)
def test_usage_errors_exit_2(small: Path, args: list[str]):
    result = invoke(str(small), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_a_folder_without_a_plan_is_named_not_a_traceback(tmp_path: Path):
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert "there is no evaluation plan" in result.output


def test_highs_missing_is_a_usage_error_not_a_traceback(small: Path, monkeypatch):
    monkeypatch.setattr(pulp.HiGHS, "available", lambda self: False)
    result = invoke(str(small), "--solver", "highs")
    assert result.exit_code == 2
    assert "highspy" in result.output


def test_json_to_the_terminal(small: Path):
    result = invoke(str(small), "--json", "-")
    assert result.exit_code == 0
    text = result.stdout[result.stdout.index("{") :]
    assert json.loads(text)["status"] == "optimal"


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["allocate", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "tendereval allocate examples/offers/homecare-offers.csv" in result.output


def test_the_plans_second_tier_rule_can_be_overridden_either_way(tmp_path: Path):
    """`--count-second-tier` could only switch counting on: with the plan counting the second
    tier (homecare-districts does) there was no way to see the allocation without it."""
    folder = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts"
    counted = {}
    for option in ([], ["--no-count-second-tier"], ["--count-second-tier"]):
        out = tmp_path / "allocation.json"
        result = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(out), *option])
        assert result.exit_code in (0, 1), result.output
        counted[tuple(option)] = json.loads(out.read_text())["policy"]["count_second_tier"]
    assert counted == {(): True, ("--no-count-second-tier",): False, ("--count-second-tier",): True}


def test_the_plans_published_cap_mechanism_is_shown_beside_the_rule_applied(tmp_path: Path):
    """Found by an audit: the plan publishes a greedy, by-value lot-cap mechanism and the
    optimiser applied its own rule without a word; with a binding cap the two can award a lot
    to different suppliers, and the buyer must apply the one it published. The plan's rule is
    now applied (the award decision) and the optimiser's allocation is shown beside it."""
    folder = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts"
    out = tmp_path / "allocation.json"
    result = CliRunner().invoke(cli, ["allocate", str(folder), "--json", str(out)])
    assert (
        "The award under the plan's published rules (lot cap 4, applied by the plan's rule "
        "(descending_value)), beside the optimiser's:" in result.output
    )
    data = json.loads(out.read_text())
    assert data["published_award"]["lot_cap"]["rule"] == "descending_value"
    assert {row["lot"] for row in data["comparison"]} == {
        lot["lot"] for lot in data["published_award"]["lots"]
    }


def test_highs_is_the_default_when_installed_and_cbc_can_still_be_named(small: Path, tmp_path):
    from tendereval.allocation.solvers import default_solver

    out = tmp_path / "result.json"
    result = invoke(str(small), "--json", str(out))
    assert result.exit_code == 0, result.output
    assert f"Solving with {default_solver().upper()}" in result.output
    default = json.loads(out.read_text())
    assert default["solver"]["name"] == default_solver()
    named = invoke(str(small), "--solver", "cbc", "--json", str(out))
    assert named.exit_code == 0 and "Solving with CBC" in named.output
    cbc = json.loads(out.read_text())
    assert cbc["solver"]["name"] == "cbc"
    # Both award the same offers (the declared tie-break decides between equals).
    assert cbc["awarded"] == default["awarded"]


def test_no_solver_banner_reaches_the_output():
    # HiGHS prints its banner straight to the process's standard output (below Python, so
    # CliRunner cannot see it): run the command as an officer does, on offers the solver
    # must decide (the cap links the lots).
    import subprocess
    import sys

    command = ["allocate", str(EXAMPLE), "--max-lots-per-supplier", "4", "--json", "-"]
    done = subprocess.run(
        [sys.executable, "-m", "tendereval", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Running HiGHS" not in done.stdout + done.stderr
    # With --json -, the standard output is the JSON alone and the summary goes to stderr.
    assert json.loads(done.stdout)["status"] == "optimal"
    assert "\nStatus: optimal" in done.stderr


def test_long_lines_are_wrapped_not_escaped_and_names_from_bids_are_escaped(tmp_path: Path):
    """Escaping the terminal's text after wrapping it showed the tie-break rule with literal
    '\\n' in it; a supplier name with a line break must still not start a line of its own."""
    from tendereval.allocation.policy import Policy
    from tendereval.allocation.result import AllocationResult, totals_of
    from tendereval.report.allocation_text import summary_lines

    policy = Policy()
    awarded = pl.DataFrame(schema=OFFER_SCHEMA)
    result = AllocationResult(
        "infeasible", policy, awarded, totals_of(awarded, policy), ["A"], "cbc", 0.0,
        explanation=["Lot A cannot be awarded: Evil\nStatus: optimal Ltd is out"],
    )  # fmt: skip
    lines = summary_lines(result)
    assert not any("\\n" in line for line in lines if line.startswith(("Tie-break", "  penny")))
    assert all("\n" not in line for line in lines)
    assert not any(line.startswith("Status: optimal") for line in lines)


def test_the_workbook_of_a_tender_opens_on_the_published_award(tmp_path: Path):
    import openpyxl

    folder = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts"
    out = tmp_path / "allocation.xlsx"
    result = CliRunner().invoke(cli, ["allocate", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Published award"
    rows = list(book["Published award"].iter_rows(min_row=5, values_only=True))
    assert len(rows) == 12 and rows[0] == (
        "ASH",
        "Wye Valley Carers CIC",
        "Wye Valley Carers CIC",
        "yes",
    )


def test_offers_not_eligible_are_listed_on_the_terminal_with_the_reason(tmp_path: Path):
    # Before: "2 offers were not eligible (see excluded)." and nothing more: "excluded" is a
    # JSON key, and which offers, and why, were only in the JSON and the workbook.
    path = tmp_path / "offers.csv"
    path.write_text(
        HEADER + "T1,Big Ltd,A,100,80,no,no,\nT3,Big Ltd,A;B,210,165,no,no,\n"
        "T5,Small Co,A,110,78,yes,no,\nT9,Mid Ltd,A,90,80,no,no,\n",
        encoding="utf-8",
    )
    result = invoke(str(path), "--min-quality", "A=79")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # unwrapped
    assert (
        "Offers not eligible (they cannot win): T3 (Big Ltd, lots A;B): a package's score is "
        "the sum over its lots, so it cannot be held to the minimum quality of each lot" in text
    )
    assert "T5 (Small Co, lot A): quality 78.0 is below the minimum of 79.0 for its lots" in text
    assert "Note: 2 offers were not eligible (each is listed with the reason)." in text
    assert "see excluded" not in text


def test_a_long_list_of_offers_not_eligible_shows_the_first_ten_and_counts_the_rest(
    tmp_path: Path,
):
    # 25 offers under a minimum quality of 60: O1 to O10 are shown, 15 more counted, and the
    # JSON still has all 25.
    rows = "".join(f"O{i},Supplier {i},A,{100 + i},{30 + i},no,no,\n" for i in range(1, 26))
    path = tmp_path / "offers.csv"
    path.write_text(HEADER + rows + "OK,Good Ltd,A,100,90,no,no,\n", encoding="utf-8")
    out = tmp_path / "result.json"
    result = invoke(str(path), "--min-quality", "60", "--json", str(out))
    assert result.exit_code == 0, result.output
    listed = result.output.split("Offers not eligible (they cannot win):\n")[1].splitlines()
    assert [line.split(" (")[0] for line in listed[:10]] == [f"  O{i}" for i in range(1, 11)]
    assert (
        listed[1]
        == "  O2 (Supplier 2, lot A): quality 32.0 is below the minimum of 60.0 for its lots"
    )
    assert listed[10].startswith("  and 15 more (every one is listed in the workbook's Policy")
    assert len(json.loads(out.read_text(encoding="utf-8"))["excluded_offers"]) == 25


def _answer(status: str, policy, gap: float | None = None):
    """An allocation of one offer (lot A, £100, 80 points) with ``status``, or none."""
    from tendereval.allocation.result import AllocationResult, totals_of
    from tests.allocation.allocation_helpers import offers

    awarded = offers([("X1", "Big", ["A"], 100.0, 80.0, False, False, None)])
    if status not in ("optimal", "feasible"):
        awarded = awarded.head(0)
    return AllocationResult(
        status, policy, awarded, totals_of(awarded, policy), ["A"], "highs", 0.0,
        gap=gap, gap_on="total score" if gap is not None else None,
    )  # fmt: skip


def test_the_unconstrained_column_says_when_it_is_not_proved_the_best():
    """The red team's 30-lot auction under --time-limit 0.001: the policy's answer not solved,
    the unconstrained one only feasible (gap unknown), shown as the best value with no word
    that it was not proved; the workbook had a Status row, the terminal none."""
    from tendereval.allocation.policy import Policy
    from tendereval.report.allocation_text import summary_lines

    policy = Policy(min_sme_share=0.95, max_lots_per_supplier=2)
    result = _answer("not_solved", policy)
    result.unconstrained = _answer("feasible", policy.participation_free())
    lines = summary_lines(result)
    assert any(line.split() == ["Status", "not", "solved", "feasible"] for line in lines)
    assert any(line.split()[-2:] == ["-", "unknown"] for line in lines if line.startswith("Gap"))
    text = " ".join(lines)
    assert (
        "Unconstrained: feasible (the time limit stopped the solver before it proved this the "
        "best); how much better the best allocation could be is not known (no bound proved)."
    ) in text
    # With a bound: the gap, as the policy's own answer gives it.
    result = _answer("optimal", policy)
    result.unconstrained = _answer("feasible", policy.participation_free(), gap=0.0586)
    lines = summary_lines(result)
    assert any(line.split()[-2:] == ["0.00%", "5.86%"] for line in lines if line.startswith("Gap"))
    assert "gap 5.86% on the total score (the best allocation could be that much better)." in (
        " ".join(lines)
    )
    # Proved optimal: no Status row (the table as the docs show it).
    result.unconstrained = _answer("optimal", policy.participation_free())
    assert not any(
        line.startswith(("Status ", "Gap", "Unconstrained:")) for line in summary_lines(result)
    )
