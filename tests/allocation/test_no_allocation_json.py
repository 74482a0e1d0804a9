"""An allocation that does not exist has no figures in the JSON either.

Found by the red team: for a policy no allocation meets (``--min-sme-share 1`` with no SME
offers) the terminal printed ``-`` and the workbook left the column blank, but ``--json`` wrote
``total_price: 0.0``, ``total_score: 0.0``, ``lots_awarded: 0``, ``awarded: []`` and every lot
in ``unawarded_lots``, which a JSON reader takes as real figures of a real allocation; and for a
tender the lot-by-lot comparison said the optimiser left every lot ``not awarded``.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tendereval.cli import cli
from tests.award.red_team_tenders import Bid, tender_folder

HEADER = "offer_id,supplier,lots,price,score,sme,vcse,group\n"
NO_SME = HEADER + "A1,Alpha,A,100,80,no,no,\nB1,Beta,B,120,70,no,no,\n"

FIGURES = (
    "total_price",
    "total_score",
    "contract_management_cost",
    "total_cost",
    "contracts",
    "lots_awarded",
    "suppliers",
    "sme_share",
    "vcse_share",
    "participation",
    "objective_value",
)
LISTS = ("awarded", "unawarded_lots", "lots_per_supplier")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["allocate", *args])
    return result.exit_code, result.output


def test_an_infeasible_policy_writes_null_figures_not_zeros(tmp_path: Path) -> None:
    offers, out = tmp_path / "offers.csv", tmp_path / "a.json"
    offers.write_text(NO_SME, encoding="utf-8")
    code, output = run(str(offers), "--min-sme-share", "1", "--json", str(out))
    assert code == 1, output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "infeasible"
    for key in FIGURES + LISTS:
        assert data[key] is None, key
    assert data["tie_break"]["complete"] is None
    assert data["cost_of_policy"] is None
    # The unconstrained answer exists: its figures are real (both offers win).
    free = data["unconstrained"]
    assert free["status"] == "optimal"
    assert (free["total_price"], free["total_score"], free["lots_awarded"]) == (220.0, 150.0, 2)
    assert [o["offer_id"] for o in free["awarded"]] == ["A1", "B1"]


def test_an_unconstrained_answer_that_does_not_exist_has_null_figures(tmp_path: Path) -> None:
    """Every lot must be awarded and nobody bid for lot C (named by the lot budget): neither
    answer exists."""
    offers, out = tmp_path / "offers.csv", tmp_path / "a.json"
    offers.write_text(NO_SME, encoding="utf-8")
    code, output = run(str(offers), "--award-all-lots", "--lot-budget", "C=50", "--json", str(out))
    assert code == 1, output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["status"], data["unconstrained"]["status"]) == ("infeasible", "infeasible")
    for answer in (data, data["unconstrained"]):
        for key in FIGURES + LISTS:
            assert answer[key] is None, key


def test_a_tender_compares_the_published_award_with_no_allocation_not_with_no_award(
    tmp_path: Path,
) -> None:
    folder = tender_folder(
        tmp_path / "tender",
        ["A", "B"],
        [Bid("Xavier Care", "A", 10), Bid("Yew Care", "B", 12)],
    )
    out = tmp_path / "a.json"
    code, output = run(str(folder), "--min-suppliers", "3", "--json", str(out))
    assert code == 1, output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "infeasible"
    assert [row["optimiser"] for row in data["comparison"]] == ["no allocation (infeasible)"] * 2
    assert not any(row["same"] for row in data["comparison"])
    assert "not awarded" not in output
    assert data["differences"] is None
