"""notice.json is read once: the SHA-256 recorded and the check of the plan against it are of
the same bytes, as for every other input (README: "each input is read once; the hash and the
parse use those bytes").

Before, the loader hashed the notice, then the check against the plan read the file again, and
``publish`` read it a third time for the ocid and a fourth to check it: a notice replaced in
between (a newer download saved over it) had the plan checked against one file while the
record named another. A plan differing from the notice hashed was scored without an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

import tendereval
import tendereval.io.files as files
import tendereval.io.tender as io_tender

from .tenders import Bid, Supplier, tender_from_notice

SUPPLIERS = [Supplier("Alder Care Ltd", company_number="01234567")]
PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def _folder(tmp_path: Path) -> Path:
    return tender_from_notice(tmp_path / "t", [Bid("Alder Care Ltd", "1", 500_000)], SUPPLIERS)


def _reweighted(notice: bytes) -> bytes:
    """``notice`` with lot 1's price published at 45% and its service model at 25% (the
    plan, built from the notice, has 40 and 30)."""
    data = json.loads(notice)
    for criterion in data["releases"][0]["tender"]["lots"][0]["awardCriteria"]["criteria"]:
        weights = {"Price": 45, "Service delivery model": 25}
        if criterion["name"] in weights:
            criterion["numbers"][0]["number"] = weights[criterion["name"]]
    return json.dumps(data, indent=2).encode()


def _reads_of_the_notice(monkeypatch: pytest.MonkeyPatch, then: bytes | None = None) -> list[str]:
    """Every read of notice.json from now on, listed; each followed by the file being replaced
    with ``then`` when given (the moment after it was read)."""
    real = files.read_input
    reads: list[str] = []

    def read_input(path, label, *args):
        read = real(path, label, *args)
        if label == "notice.json":
            reads.append(label)
            if then is not None:
                Path(path).write_bytes(then)
        return read

    monkeypatch.setattr(files, "read_input", read_input)
    monkeypatch.setattr(io_tender, "read_input", read_input)
    return reads


def test_the_plan_is_checked_against_the_notice_hashed_when_it_is_swapped_mid_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    matching = (folder / "notice.json").read_bytes()
    differing = _reweighted(matching)
    (folder / "notice.json").write_bytes(differing)
    reads = _reads_of_the_notice(monkeypatch, then=matching)

    tender = tendereval.load_tender(folder)

    [row] = tender.inputs.filter(pl.col("kind") == "notice").rows(named=True)
    assert row["sha256"] == hashlib.sha256(differing).hexdigest()
    assert (folder / "notice.json").read_bytes() == matching  # really swapped
    differences = [p for p in tender.problems if p.code == "notice.weight"]
    assert [(p.cell, p.found, p.is_error) for p in differences] == [
        ("criteria[1].questions[0].weight_of_total", "30 points of 100 in the plan", True),
        ("criteria[0].weight_of_total", "40 points of 100 in the plan", True),
    ]
    assert reads == ["notice.json"]


def test_publish_reads_the_notice_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    reads = _reads_of_the_notice(monkeypatch)
    done = tendereval.publish(result, tmp_path / "award.json", published_at=PUBLISHED_AT)
    assert done.written, done.blockers
    assert done.ocid == "ocds-h6vhtk-05f1a2"
    assert reads == ["notice.json"]


def test_a_notice_changed_since_scoring_is_not_published_against(tmp_path: Path) -> None:
    """Even one saying the same in other bytes (downloaded again, laid out otherwise): the
    results record the SHA-256 of another file than the one the award notice would follow."""
    folder = _folder(tmp_path)
    result = tendereval.score(folder, sensitivity=False)
    before = (folder / "notice.json").read_bytes()
    after = json.dumps(json.loads(before), indent=4).encode()
    (folder / "notice.json").write_bytes(after)

    done = tendereval.publish(result, tmp_path / "award.json", published_at=PUBLISHED_AT)

    assert not done.written
    assert done.blockers == [
        "notice.json: this file has changed since the results were scored (they record it as "
        f"SHA-256 {hashlib.sha256(before).hexdigest()[:12]}…; it is SHA-256 "
        f"{hashlib.sha256(after).hexdigest()[:12]}… now); expected the files the results were "
        "scored from: score the tender again (tendereval.score on the folder), then write from "
        "the new results"
    ]
    # Scored again, it is the notice of the record.
    again = tendereval.publish(folder, tmp_path / "award.json", published_at=PUBLISHED_AT)
    assert again.written, again.blockers
