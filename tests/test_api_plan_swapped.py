"""A result names the plan it was made under, and an award waits for the folder's own.

Found by swapping plans in a notebook: with ``tender.plan = load_plan(<another folder>)``
(price 60 where the approved plan says 40) the winner changed, yet the result, and so the
report's audit trail, the summaries and the OCDS notice, named the folder's tender.toml by
its SHA-256, as if the approved weights had made it. Setting ``result.plan`` afterwards put
one plan's weights beside another's figures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

import pytest

import tendereval

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
PRICE_40 = 'type = "price"\nweight_of_total = 40'
QUALITY_40 = 'type = "quality"\nweight_of_total = 40'


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path]:
    """The example, and a copy whose plan weighs price 60 and quality 20."""
    root = tmp_path_factory.mktemp("plans")
    own, other = root / "own", root / "other"
    shutil.copytree(EXAMPLE, own)
    shutil.copytree(EXAMPLE, other)
    plan = other / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert PRICE_40 in text and QUALITY_40 in text
    plan.write_text(
        text.replace(PRICE_40, PRICE_40[:-2] + "60").replace(QUALITY_40, QUALITY_40[:-2] + "20"),
        encoding="utf-8",
    )
    return own, other


def test_the_folders_own_plan_is_named_and_nothing_is_held_back(folders):
    own, _ = folders
    tender = tendereval.load_tender(own)
    tender.plan = tendereval.load_plan(own)[0]  # read again: the same bytes
    result = tendereval.score(tender, sensitivity=False)
    assert result.plan_identity == f"tender.toml, SHA-256 {_sha(own / 'tender.toml')}"
    assert not [p for p in result.problems if p.code == "plan.not_the_folders"]
    assert result.award.summaries_ready


def test_a_plan_from_another_file_is_named_by_its_own_fingerprint_and_holds_the_award(
    folders, tmp_path
):
    own, other = folders
    tender = tendereval.load_tender(own)
    before = tendereval.score(tender, sensitivity=False).award.winner("CSB")
    tender.plan = tendereval.load_plan(other)[0]
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") != before  # the other weights were used
    assert result.plan_identity == f"tender.toml, SHA-256 {_sha(other / 'tender.toml')}"
    assert result.inputs.filter(kind="plan").height == 1
    (problem,) = [p for p in result.problems if p.code == "plan.not_the_folders"]
    assert problem.is_error
    assert problem.message == (
        f"the plan scored is not the tender folder's tender.toml (SHA-256 "
        f"{_sha(own / 'tender.toml')}) but another file's (SHA-256 {_sha(other / 'tender.toml')})"
    )
    # Explored, not awarded: neither the summaries nor the notice go out on it.
    assert not result.award.summaries_ready
    published = tendereval.publish(result, tmp_path / "award.json", ocid_prefix="ocds-b5fd17")
    assert not published.written
    assert not (tmp_path / "award.json").exists()


def test_a_plan_changed_in_python_claims_no_file(folders):
    own, _ = folders
    tender = tendereval.load_tender(own)
    tender.plan = dataclasses.replace(tender.plan, close_call_margin=2.0)
    assert tender.plan.fingerprint is None
    result = tendereval.score(tender, sensitivity=False)
    assert result.plan_identity == ""
    (problem,) = [p for p in result.problems if p.code == "plan.not_the_folders"]
    assert problem.message.endswith("but one made or changed in Python, which no file records")
    assert not result.award.summaries_ready


def test_a_tender_of_frames_given_a_plan_read_from_a_file_names_it(folders):
    _, other = folders
    loaded = tendereval.load_tender(other)
    frames = {
        name: getattr(loaded, name)
        for name in ("bids", "prices", "scores", "moderation", "declarations", "suppliers")
    }
    tender = tendereval.Tender.from_frames(tendereval.load_plan(other)[0], **frames)
    result = tendereval.score(tender, sensitivity=False)
    assert result.plan_identity == f"tender.toml, SHA-256 {_sha(other / 'tender.toml')}"
    assert not [p for p in result.problems if p.code == "plan.not_the_folders"]


def test_a_results_plan_cannot_be_swapped_for_another(folders):
    own, other = folders
    result = tendereval.score(own, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match="score it again"):
        result.plan = tendereval.load_plan(other)[0]
    result.plan = tendereval.load_plan(own)[0]  # the same plan, read again, is no change
