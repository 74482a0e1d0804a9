"""``init --force`` in a tender folder whose bids and score sheets are in replaced its approved
plan (the one the templates were made from and the bids are scored under) with a preset, and
kept nothing of it. It now refuses while the folder holds any input; in a folder with none it
overwrites the draft plan, as --force says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
