"""The buyer's record after scoring, read the same way by every command.

The homecare example with one of each: a tender withdrawn (the first-ranked in lot ASH, for
that lot only), a supplier disregarded as excluded in every lot it bid for, and a lot (TUN) not
to be awarded. ``score`` (JSON and the report), ``summaries``, ``publish`` and ``allocate``
must give every lot the same supplier, or none, and account for every tender the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import polars as pl
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import EXAMPLES

DECISIONS = """
[[withdrawal]]
supplier = "Wye Valley Carers CIC"
lot = "ASH"
withdrawn_on = 2026-03-04

[[rejection]]
supplier = "Greenleaf Community Care Ltd"
ground = "excluded_supplier"
reason = "Debarment list entry of 2 March 2026"
decided_on = 2026-03-03

[[no_award]]
lot = "TUN"
reason = "Over the approved budget"
decided_on = 2026-03-05
"""


def test_every_command_reads_the_record_the_same_way(tmp_path: Path) -> None:
    folder = tmp_path / "homecare"
    shutil.copytree(
        EXAMPLES / "homecare-districts", folder, ignore=shutil.ignore_patterns("reports")
    )
    before = tendereval.score(folder, sensitivity=False).award
    assert before.winner("ASH") == "Wye Valley Carers CIC"
    assert "Greenleaf Community Care Ltd" in {a.supplier for a in before.lots.values()}
    (folder / "decisions.toml").write_text(DECISIONS, encoding="utf-8")

    out = CliRunner().invoke(
        cli,
        ["score", str(folder), "--no-sensitivity", "--json", str(tmp_path / "r.json"),
         "-o", str(tmp_path / "r.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    winners = {lot["lot"]: lot["award"]["supplier"] for lot in data["lots"]}
    assert winners["TUN"] is None
    assert winners["ASH"] not in (None, "Wye Valley Carers CIC")
    assert "Greenleaf Community Care Ltd" not in winners.values()
    statuses = {
        (lot["lot"], bid["supplier"]): bid["status"]
        for lot in data["lots"]
        for bid in lot["ranking"]
    }
    assert statuses[("ASH", "Wye Valley Carers CIC")] == "withdrawn"
    assert statuses[("CAN", "Wye Valley Carers CIC")] == "ranked"  # its other tender stands
    assert {s for (_, who), s in statuses.items() if who == "Greenleaf Community Care Ltd"} == {
        "disqualified"
    }

    report = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    recommended = {r[0]: r[2] for r in report.iter_rows(min_row=5, values_only=True) if r[0]}
    for lot, supplier in winners.items():
        if supplier is None:
            assert recommended[lot].startswith("not to be awarded")
        else:
            assert recommended[lot].startswith(supplier)

    result = tendereval.score(folder, sensitivity=False)
    sent = tendereval.summaries(result, tmp_path / "summaries")
    assert sent.ready and sent.withdrawn == []  # Wye Valley still bids for other lots
    published = tendereval.publish(
        result,
        tmp_path / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
    )
    release = published.package["releases"][0]
    notice = {
        award["relatedLots"][0]: (award.get("suppliers") or [{"name": None}])[0]["name"]
        for award in release["awards"]
    }
    assert notice == winners
    bid_status = {
        (bid["relatedLots"][0], bid["tenderers"][0]["name"]): bid["status"]
        for bid in release["bids"]["details"]
    }
    assert bid_status[("ASH", "Wye Valley Carers CIC")] == "withdrawn"

    allocated = tendereval.allocate(folder)
    published_column = {row["lot"]: row["published"] for row in allocated.comparison.to_dicts()}
    for lot, supplier in winners.items():
        assert published_column[lot] == (supplier or "not to be awarded")
    chosen = dict(allocated.allocation.winners.select("lot", "supplier").rows())
    assert "TUN" not in chosen and "Greenleaf Community Care Ltd" not in chosen.values()
    assert allocated.allocation.winners.filter(
        (pl.col("lot") == "ASH") & (pl.col("supplier") == "Wye Valley Carers CIC")
    ).is_empty()
