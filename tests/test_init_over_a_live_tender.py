"""``init --force`` in a tender folder whose bids and score sheets are in replaced its approved
plan (the one the templates were made from and the bids are scored under) with a preset, and
kept nothing of it. It now refuses while the folder holds any input; in a folder with none it
overwrites the draft plan, as --force says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tests.example_copies import EXAMPLES

NOTICE = Path(__file__).parent / "ocds" / "fixtures" / "find-a-tender-notice.json"


@pytest.mark.parametrize("force", [True, False])
@pytest.mark.parametrize(
    "make",
    [
        lambda folder, force: tendereval.init(folder, "70-30", force=force),
        lambda folder, force: tendereval.init_from_notice(folder, NOTICE, force=force),
    ],
)
def test_the_plan_of_a_tender_with_its_inputs_in_is_never_replaced(
    tmp_path: Path, make, force: bool
) -> None:
    """Without --force too the officer is told --force will not do: told "to overwrite it use
    --force", they were then refused (red team, docs second pass)."""
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    before = (folder / "tender.toml").read_bytes()
    with pytest.raises(tendereval.UsageError) as raised:
        make(folder, force)
    assert str(raised.value).startswith(
        f"{folder} already holds the tender's inputs (bids/, scores/), which were made from its "
        "plan and are scored under it, so --force will not replace"
    )
    assert (folder / "tender.toml").read_bytes() == before
    assert not (folder / "notice.json").exists()


def test_a_draft_with_no_inputs_yet_is_overwritten_as_asked(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    tendereval.init(folder, "40-40-20")
    tendereval.init(folder, "70-30", force=True)
    assert "preset 70-30" in (folder / "tender.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("inside", "where"),
    [
        ("scores", "is a folder"),
        ("bids/next-year", "is in bids/, a folder"),
        ("evaluation", "is a folder"),
        ("Bids/x", "is in Bids/, a folder"),  # read as bids/, in any capitals
    ],
)
@pytest.mark.parametrize(
    "make",
    [
        lambda folder: tendereval.init(folder, "70-30"),
        lambda folder: tendereval.init_from_notice(folder, NOTICE),
    ],
)
def test_no_tender_is_made_inside_a_tenders_input_folders(
    tmp_path: Path, make, inside: str, where: str
) -> None:
    """``init T/scores`` made a tender there (red team, session 40): the old tender then warned
    on every run of a tender.toml among its score sheets. Refused in the words every writer
    uses, and nothing is made."""
    tender = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", tender)
    before = sorted(p.relative_to(tender) for p in tender.rglob("*"))
    target = tender / inside
    with pytest.raises(tendereval.UsageError) as raised:
        make(target)
    folder = inside.split("/")[0]
    assert str(raised.value) == (
        f"{target} {where} of the tender's inputs, and tendereval never writes there (what it "
        f"wrote would be read as an input next time): choose a place outside {folder}/"
    )
    assert sorted(p.relative_to(tender) for p in tender.rglob("*")) == before


def test_the_command_refuses_init_inside_scores_with_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tendereval.cli import cli

    tender = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", tender)
    ran = CliRunner().invoke(cli, ["init", str(tender / "scores")])
    assert ran.exit_code == 2
    assert "a folder of the tender's inputs, and tendereval never writes there" in ran.output
    assert not (tender / "scores" / "tender.toml").exists()
    # A folder beside the tender's inputs is a tender folder as any other.
    ran = CliRunner().invoke(cli, ["init", str(tender / "reports" / "next-year")])
    assert ran.exit_code == 0, ran.output


@settings(max_examples=40, deadline=None)
@given(
    inside=st.sampled_from(["bids", "scores", "evaluation", "BIDS", "Scores"]),
    below=st.lists(st.from_regex(r"[a-z][a-z0-9 -]{0,8}", fullmatch=True), max_size=3),
)
def test_init_is_refused_at_any_depth_inside_a_tenders_inputs(
    live_tender: Path, inside: str, below: list[str]
) -> None:
    target = live_tender.joinpath(inside, *below)
    with pytest.raises(tendereval.UsageError, match="a folder of the tender's inputs"):
        tendereval.init(target, "70-30")
    assert not target.joinpath("tender.toml").exists()


@pytest.fixture(scope="module")
def live_tender(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("live") / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    return folder
