"""A lot with no name of its own is headed "Lot L1" wherever a lot is headed (the terminal,
the assessment summary, the award notice), never "Lot L1 — L1" or "Lot 1 — Lot 1"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.io.keys import slug
from tendereval.ocds.release import release_package
from tendereval.plan import lot_heading
from tendereval.report.summaries import SUMMARY_SUFFIX, write_summaries
from tendereval.scoring import score
from tendereval.scoring.output import render
from tests.example_copies import example_copy
from tests.scoring.builders import LOTS, make_plan, tender


@pytest.mark.parametrize(
    ("lot_id", "name", "heading"),
    [
        ("2", "Ashford", "Lot 2 — Ashford"),
        ("2", "2", "Lot 2"),
        ("2", "Lot 2", "Lot 2"),
        ("2", " lot 2 ", "Lot 2"),
        ("L1", "L1", "Lot L1"),
        ("2", "Lot 2 Ashford", "Lot 2 — Lot 2 Ashford"),  # a name of its own, said in full
    ],
)
def test_heading(lot_id: str, name: str, heading: str) -> None:
    assert lot_heading(lot_id, name) == heading


def test_an_untitled_lot_is_headed_once_on_the_terminal() -> None:
    unnamed = make_plan(lots=LOTS.format(volume=1000).replace('name = "Lot one"\n', ""))
    assert unnamed.lot("L1").name == "L1"  # the plan names it by its id
    text = render(score(tender(unnamed, rates={"A": 10, "B": 11}), sensitivity=False))
    assert "\nLot L1: 2 bids" in text
    assert "L1 — L1" not in text
    named = render(score(tender(make_plan(), rates={"A": 10, "B": 11}), sensitivity=False))
    assert "\nLot L1 — Lot one: 2 bids" in named


def test_an_untitled_lot_is_headed_once_in_the_summary_and_the_award_notice(
    tmp_path: Path,
) -> None:
    folder = example_copy(tmp_path / "tender")
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            'name = "Carers\' short breaks (county-wide)"', 'name = "Lot CSB"', 1
        ),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    write_summaries(result, tmp_path / "out")
    book = openpyxl.load_workbook(
        tmp_path / "out" / f"{slug('Weald Carers Trust')}{SUMMARY_SUFFIX}"
    )
    assert book["Lot CSB"]["A1"].value == "Lot CSB"
    package = release_package(
        result, ocid="ocds-abc123-T-1", published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    assert [a["title"] for a in package["releases"][0]["awards"]] == ["Lot CSB"]
