"""A folder holding a scenarios or offers file, given where a tender folder or the scenarios
file goes (red team, session 40): ``validate`` and ``allocate`` said "there is no evaluation
plan; expected a tender.toml file in the tender folder (tendereval init makes one)", steering
the officer to make a tender over a lot-splits folder, and ``scenarios`` said there was no
scenarios file in the folder that holds scenarios.toml. Each now names the file to give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import EXAMPLES

LOT_SPLITS = EXAMPLES / "homecare-lot-splits"
OFFERS = EXAMPLES / "offers"


def test_scenarios_given_the_folder_names_the_file_in_it() -> None:
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.scenarios(LOT_SPLITS, samples=0, steps=1)
    [problem] = raised.value.problems
    assert problem.message == (
        f"this is a folder; give the scenarios file in it: {LOT_SPLITS / 'scenarios.toml'}"
    )
    assert problem.file == str(LOT_SPLITS)


def test_scenarios_given_a_folder_without_one_says_it_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.scenarios(tmp_path, samples=0, steps=1)
    assert raised.value.problems[0].message == "this is a folder, and holds no scenarios file"


@pytest.mark.parametrize(
    ("folder", "file", "kind"),
    [
        (LOT_SPLITS, "scenarios.toml", "a scenarios file (read by tendereval scenarios)"),
        (OFFERS, "homecare-offers.csv", "an offers file (read by tendereval allocate)"),
    ],
)
def test_validate_and_allocate_name_the_file_to_give(folder: Path, file: str, kind: str) -> None:
    said = (
        f"{folder} is not a tender folder (it holds no tender.toml) but holds {kind}: give "
        f"the file itself: {folder / file}; a tender folder holds tender.toml (tendereval init "
        "makes one)"
    )
    for call in (tendereval.validate, tendereval.allocate):
        with pytest.raises(tendereval.TenderNotFound) as raised:
            call(folder)
        assert str(raised.value) == said
    ran = CliRunner().invoke(cli, ["validate", str(folder)])
    assert ran.exit_code == 2
    assert "give the file itself" in ran.output


def test_a_tender_folder_missing_its_plan_is_still_said_to_miss_it(tmp_path: Path) -> None:
    """A folder with bid returns (or a plan saved under another name) is a tender's: the
    loader's own words, naming the missing plan, stand."""
    tender = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", tender)
    (tender / "tender.toml").rename(tender / "tender (1).toml")
    shutil.copy(OFFERS / "homecare-offers.csv", tender / "offers.csv")
    report = tendereval.validate(tender)
    assert "plan.missing" in [p.code for p in report.problems]
