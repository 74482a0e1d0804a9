"""A notice that is not the tender notice: a planning notice (Find a Tender's pipeline,
preliminary market engagement and planned procurement notices), an award or contract notice,
or a cancelled tender's. Before, ``init --from-notice`` drafted a plan from a preliminary
market engagement notice without a word, and every command then reported the plan as matching
"the published notice": the tender notice's lots and criteria can differ from a planning
notice's. Each is now a warning where the notice is read (init, and every command that
checks the plan against notice.json)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problems
from tendereval.ocds.notice import notice_from_data

from .tenders import NOTICE

FIXTURE = json.loads(NOTICE.read_text(encoding="utf-8"))


def _read(tag: list[str] | None = None, status: str | None = None) -> list:
    release = copy.deepcopy(FIXTURE["releases"][0])
    if tag is None:
        del release["tag"]
    else:
        release["tag"] = tag
    if status is not None:
        release["tender"]["status"] = status
    problems = Problems()
    assert notice_from_data({"releases": [release]}, "notice.json", problems) is not None
    return problems.items


@pytest.mark.parametrize(
    ("tag", "what"),
    [
        (["planning"], "a planning notice (a pipeline, preliminary market engagement or planned "
         "procurement notice)"),
        (["planningUpdate"], "a planning notice (a pipeline, preliminary market engagement or "
         "planned procurement notice)"),
        (["award"], "an award notice"),
        (["contract", "contractUpdate"], "a contract notice"),
    ],
)  # fmt: skip
def test_a_notice_of_another_stage_is_named_for_what_it_is(tag: list[str], what: str) -> None:
    [problem] = _read(tag)
    assert (problem.code, problem.cell, problem.found, problem.is_error) == (
        "notice.not_tender_notice",
        "releases[0].tag",
        ", ".join(tag),
        False,
    )
    assert problem.message == (
        f"this is {what}, not the tender notice: the lots and award criteria the plan follows "
        "are those the tender notice publishes, and may differ from these"
    )
    published = " once it is published" if tag[0].startswith("planning") else ""
    assert problem.expected == (
        "the tender notice (UK4) as Find a Tender serves it (tag tender), as notice.json in the "
        f"tender folder{published}"
    )


@pytest.mark.parametrize("tag", [["tender"], ["compiled"], [], None])
def test_the_tender_notice_or_a_compiled_record_is_not_warned_of(tag) -> None:
    """A record's compiled release is the tender as it now stands; a release with no tag
    makes no claim to be anything else."""
    assert _read(tag) == []


@pytest.mark.parametrize(
    ("tag", "status", "cell", "found"),
    [
        (["tenderCancellation"], None, "releases[0].tag", "tenderCancellation"),
        (["tender"], "cancelled", "releases[0].tender.status", "cancelled"),
    ],
)
def test_a_cancelled_tender_is_warned_of(tag, status, cell, found) -> None:
    [problem] = _read(tag, status)
    assert (problem.code, problem.cell, problem.found) == ("notice.cancelled", cell, found)


def test_every_command_reading_the_folders_notice_says_so(tmp_path: Path) -> None:
    """The plan matches this notice; the notice is a preliminary market engagement notice."""
    folder = tmp_path / "tender"
    made = tendereval.init_from_notice(folder, _written(tmp_path, ["planning"]))
    assert [p.code for p in made.problems] == ["notice.not_tender_notice"]
    report = tendereval.validate(folder)
    assert "notice.not_tender_notice" in [p.code for p in report.problems]


def _written(tmp_path: Path, tag: list[str]) -> Path:
    release = copy.deepcopy(FIXTURE["releases"][0])
    release["tag"] = tag
    path = tmp_path / "pin.json"
    path.write_text(json.dumps({"releases": [release]}), encoding="utf-8")
    return path
