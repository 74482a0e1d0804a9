"""An award's value is what the contract pays, not the figure the tenders were compared on.

Under ``evaluation = "npv"`` the award notice gave the discounted net present value as the
award's value: Alpha's £45 an hour for 1,000 hours a year over 3 years pays £135,000, and was
published as £130,486.24. The value is now the whole-life price undiscounted (the yearly prices
with their uplifts), and the description names the net present value it was evaluated on.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.award.red_team_tenders import PLAN, Bid, tender_folder

NPV_PLAN = PLAN.replace("contract_years = 2", "contract_years = 3").replace(
    'method = "lowest_price_ratio"\n',
    'method = "lowest_price_ratio"\nevaluation = "npv"\ndiscount_rate = 0.035\n',
)
BIDS = [Bid("Alpha Ltd", "L1", 45), Bid("Beta Ltd", "L1", 64), Bid("Gamma Ltd", "L1", 80)]


def _award(folder: Path, tmp_path: Path, *options: str) -> dict:
    out = tmp_path / "award.json"
    result = CliRunner().invoke(
        cli, ["publish", str(folder), "-o", str(out), "--ocid-prefix", "ocds-abc123", *options]
    )
    assert out.exists(), result.output
    return json.loads(out.read_text(encoding="utf-8"))["releases"][0]


def _with_uplift(folder: Path, supplier: str, uplift: str) -> None:
    path = folder / "evaluation" / "prices.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["supplier"] == supplier:
            row["uplift"] = uplift
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_npv_award_value_is_what_the_contract_pays(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], BIDS, plan=NPV_PLAN)
    result = tendereval.score(folder, sensitivity=False)
    alpha = result.results.filter(supplier="Alpha Ltd").row(0, named=True)
    # 45 × 1,000 = 45,000 a year. Paid: 3 × 45,000 = 135,000. NPV at 3.5%:
    # 45,000 × (1 + 1/1.035 + 1/1.035²) = 45,000 × 2.8996943 = 130,486.24.
    assert round(alpha["whole_life_price"], 2) == 135_000.00
    assert round(alpha["evaluated_price"], 2) == 130_486.24
    release = _award(folder, tmp_path)
    (award,) = release["awards"]
    assert award["suppliers"][0]["name"] == "Alpha Ltd"
    assert award["value"] == {"amount": 135_000, "currency": "GBP"}
    assert award["description"] == (
        "The most advantageous tender: ranked first under the published award criteria. The "
        "tender was evaluated on its net present value, £130,486.24: its yearly payments over "
        "3 contract years discounted at 3.5% a year (the first year's payments at face value). "
        "The value given is its whole-life price, the same payments undiscounted."
    )


def test_npv_award_value_keeps_the_uplifts_undiscounted(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], BIDS, plan=NPV_PLAN)
    _with_uplift(folder, "Alpha Ltd", "2%")
    # Paid: 45,000 × (1 + 1.02 + 1.0404) = 45,000 × 3.0604 = 137,718.00. NPV:
    # 45,000 × (1 + 1.02/1.035 + 1.0404/1.071225) = 45,000 × 2.9567318 = 133,052.93.
    release = _award(folder, tmp_path, "--internal")
    (award,) = release["awards"]
    assert award["value"]["amount"] == 137_718
    assert "net present value, £133,052.93:" in award["description"]
    # The bid awarded has the same value in the buyer's records.
    bid = next(b for b in release["bids"]["details"] if b["id"] == award["relatedBid"])
    assert bid["value"]["amount"] == 137_718


def test_whole_life_award_value_is_the_evaluated_price(tmp_path: Path) -> None:
    folder = tender_folder(tmp_path / "t", ["L1"], BIDS)
    # Two years at 45 × 1,000: 90,000, evaluated and paid alike; nothing said of discounting.
    (award,) = _award(folder, tmp_path)["awards"]
    assert award["value"]["amount"] == 90_000
    assert "net present value" not in award["description"]
