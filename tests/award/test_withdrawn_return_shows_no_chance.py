"""A bid return replaced by a later one, recorded withdrawn by its file, showed its supplier's
chance of winning (79.2) on the terminal beside "withdrawn", as if the withdrawn return could
win; the report's sheets give it none. The chance is the ranked tender's alone."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tests.example_copies import example_copy


def test_only_the_ranked_return_shows_the_suppliers_chance(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    first = folder / "bids" / "weald-carers-trust-first.xlsx"
    book = openpyxl.load_workbook(folder / "bids" / "weald-carers-trust.xlsx")
    book["Prices"]["G5"] = 45
    book.save(first)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/weald-carers-trust-first.xlsx"\n'
        'withdrawn_on = 2026-03-03\nnote = "replaced by bids/weald-carers-trust.xlsx"\n',
        encoding="utf-8",
    )
    ran = CliRunner().invoke(cli, ["score", str(folder), "--no-report"])
    rows = [
        line.split()
        for line in ran.output.splitlines()
        if line.split()[:4]
        in (["1", "Weald", "Carers", "Trust"], ["-", "Weald", "Carers", "Trust"])
    ]
    ranked = [r for r in rows if r[4] == "ranked"]
    withdrawn = [r for r in rows if r[4] == "withdrawn"]
    assert len(ranked) == 1 and len(withdrawn) == 1, ran.output
    assert ranked[0][-1] == "79.2"  # its chance, as the robustness line gives it
    assert withdrawn[0][-1] == "withdrawn"  # and nothing after it
