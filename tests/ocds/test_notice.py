"""Reading a published tender notice: Find a Tender's shape, the other ways weights are
published, and files that are broken or hostile (a problem naming the place, never a crash)."""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.errors import Problems
from tendereval.ocds import notice as notice_mod
from tendereval.ocds.notice import notice_from_data, read_notice

from .tenders import NOTICE

FIXTURE = json.loads(NOTICE.read_text(encoding="utf-8"))
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"


def _read(data, tmp_path: Path):
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_notice(path)


def _lot(criteria: list[dict], lot_id: str = "1") -> dict:
    return {"id": lot_id, "title": f"Lot {lot_id}", "awardCriteria": {"criteria": criteria}}


def _release(*lots: dict, **tender) -> dict:
    return {
        "ocid": "ocds-h6vhtk-000001",
        "tag": ["tender"],
        "tender": {"lots": list(lots), **tender},
    }


def test_find_a_tenders_notice_is_read_as_published() -> None:
    notice, problems = read_notice(NOTICE)
    assert problems == []
    assert (notice.ocid, notice.tender_id) == ("ocds-h6vhtk-05f1a2", "ECC-HC-2026-01")
    assert notice.buyer == "Example County Council" and notice.regime == "PA2023"
    assert notice.max_lots_per_supplier == 2
    assert notice.url == "https://www.find-tender.service.gov.uk/Notice/004512-2026"
    assert [(lot.id, lot.title, lot.value) for lot in notice.lots] == [
        ("1", "Ashford", 1_650_000),
        ("2", "Canterbury", 2_100_000),
        ("3", "Dover", 1_240_000),
    ]
    lot = notice.lots[0]
    assert (lot.suitable_for_sme, lot.suitable_for_vcse) == (True, True)
    assert lot.contract_days == 365 + 366 + 365  # 1 July 2026 to 30 June 2029, both included
    assert [(c.name, c.type, c.weight) for c in lot.criteria] == [
        ("Service delivery model", "quality", 30),
        ("Safeguarding, workforce and quality assurance", "quality", 20),
        ("Social value", "quality", 10),
        ("Price", "price", 40),
    ]
    assert dict(notice.buyer_party)["identifier"] == (
        ("scheme", "GB-PPON"),
        ("id", "PXYZ-1234-ABCD"),
    )


def test_a_single_release_and_a_record_package_read_the_same() -> None:
    release = FIXTURE["releases"][0]
    record = {"records": [{"ocid": release["ocid"], "compiledRelease": release}]}
    for data in (release, record):
        notice = notice_from_data(copy.deepcopy(data), "n.json", Problems())
        assert [_criteria(lot) for lot in notice.lots] == [
            _criteria(lot) for lot in read_notice(NOTICE)[0].lots
        ]


def _criteria(lot) -> list[tuple]:
    return [(c.name, c.type, c.weight, c.minimum) for c in lot.criteria]


def test_every_release_is_merged_in_date_order_a_planning_or_award_release_among_them(
    tmp_path,
) -> None:
    """The releases are merged into the compiled release, in date order (docs/ocds.md): a
    planning release before the tender notice, and an award release after its update, change
    nothing the update gives. Before, the latest tender release was read alone, and a test
    here said so (an award release copying the whole tender section was not read)."""
    tender = FIXTURE["releases"][0]
    update = copy.deepcopy(tender)
    update.update(id="004999-2026", tag=["tenderUpdate"], date="2026-02-02T10:00:00Z")
    update["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["number"] = 25
    award = {
        "ocid": tender["ocid"],
        "id": "009999-2026",
        "tag": ["award"],
        "date": "2026-06-01T10:00:00Z",
        "awards": [{"id": "1", "status": "pending", "relatedLots": ["1"]}],
    }
    planning = {"ocid": tender["ocid"], "tag": ["planning"], "date": "2025-11-01T10:00:00Z"}
    notice, problems = _read({"releases": [planning, update, tender, award]}, tmp_path)
    assert notice.release_where == "releases[3]"  # the latest merged: the award
    assert [lot.criteria[0].weight for lot in notice.lots] == [25, 30, 30]
    assert [p.code for p in problems] == []


def test_weights_published_as_fractions_points_ranges_or_an_order(tmp_path) -> None:
    def crit(name: str, number: float, weight: str) -> dict:
        return {"type": "quality", "name": name, "numbers": [{"number": number, "weight": weight}]}

    notice, _ = _read(
        _release(
            _lot([crit("A", 0.6, "decimalExact"), crit("B", 0.4, "decimalExact")], "1"),
            _lot([crit("A", 30, "pointsExact"), crit("B", 20, "pointsExact")], "2"),
            _lot([crit("A", 60, "percentageRangeMiddle"), crit("B", 40, "percentageExact")], "3"),
            _lot([crit("A", 1, "order"), crit("B", 2, "order")], "4"),
        ),
        tmp_path,
    )
    weights = [[(c.weight, c.note) for c in lot.criteria] for lot in notice.lots]
    assert weights[0] == [
        (60, "published as a fraction of 1"),
        (40, "published as a fraction of 1"),
    ]
    assert weights[1] == [
        (60, "published as 30 of 50 points"),
        (40, "published as 20 of 50 points"),
    ]
    assert weights[2] == [(60, "the middle of the published range"), (40, "")]
    assert weights[3] == [
        (None, "the notice gives only its order of importance (1)"),
        (None, "the notice gives only its order of importance (2)"),
    ]


def test_a_minimum_score_and_tender_level_criteria(tmp_path) -> None:
    criteria = [
        {
            "type": "quality",
            "name": "Quality",
            "numbers": [
                {"number": 60, "weight": "percentageExact"},
                {"number": 50, "threshold": "minimumScore"},
            ],
        }
    ]
    notice, _ = _read(
        _release({"id": "1"}, {"id": "2"}, awardCriteria={"criteria": criteria}), tmp_path
    )
    assert [(c.weight, c.minimum) for lot in notice.lots for c in lot.criteria] == [(60, 50)] * 2


def test_the_core_award_criteria_code_is_not_criteria(tmp_path) -> None:
    notice, problems = _read(_release(_lot([]), awardCriteria="ratedCriteria"), tmp_path)
    assert problems == [] and notice.lots[0].criteria == ()


def test_a_notice_without_lots_is_one_lot(tmp_path) -> None:
    notice, _ = _read(
        {"ocid": "ocds-h6vhtk-000002", "tender": {"title": "Meals", "value": {"amount": 9e5}}},
        tmp_path,
    )
    assert [(lot.id, lot.title, lot.value) for lot in notice.lots] == [("1", "Meals", 900_000)]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"releases": [', "notice.syntax"),
        (b"\xff\xfe\x00{", "notice.encoding"),
        (b"[" * 100_000 + b"]" * 100_000, "notice.syntax"),
        (b'{"hello": "world"}', "notice.no_tender"),
        (b"[1, 2, 3]", "notice.no_tender"),
        (b"null\n", "notice.no_tender"),  # an API's answer for a notice it cannot find
        (
            json.dumps(
                {
                    "releases": [
                        {"ocid": "ocds-h6vhtk-000001", "tender": {"id": "A"}},
                        {"ocid": "ocds-h6vhtk-000002", "tender": {"id": "B"}},
                    ]
                }
            ).encode(),
            "notice.several",
        ),
    ],
    ids=["truncated", "not-utf8", "nested-deep", "no-tender", "a-list", "null", "two-procurements"],
)
def test_a_file_that_is_not_one_notice_is_a_problem_not_a_crash(tmp_path, data, code) -> None:
    path = tmp_path / "notice.json"
    path.write_bytes(data)
    notice, problems = read_notice(path)
    assert notice is None
    assert [p.code for p in problems] == [code]
    assert problems[0].file == "notice.json"


def test_a_notice_json_holding_null_is_an_error_not_no_notice(tmp_path) -> None:
    """notice.json holding JSON null was read as no notice at all: validate said "No problems
    found" without checking the plan against it (s.23), and publish wrote the award saying
    there was no notice.json. It is an error naming the file, saying what it holds, as {} is."""
    from tendereval import publish, validate

    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    (folder / "notice.json").write_text("null\n", encoding="utf-8")
    (problem,) = [p for p in validate(folder).problems if p.file == "notice.json"]
    assert (problem.code, problem.found) == ("notice.no_tender", "null")
    assert problem.is_error
    award = publish(folder, ocid_prefix="ocds-abc123")
    assert not award.written
    assert not any("There is no notice.json" in line for line in award.warnings)


def test_a_file_far_larger_than_a_notice_is_not_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(notice_mod, "MAX_NOTICE_BYTES", 1000)
    notice, problems = _read(FIXTURE, tmp_path)
    assert notice is None and problems[0].code == "file.too_large"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_or_a_broken_link_is_named_and_never_read(tmp_path) -> None:
    from tendereval import validate

    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    os.mkfifo(folder / "notice.json")  # reading it would wait for a writer forever
    problems = [p for p in validate(folder).problems if p.file == "notice.json"]
    assert [p.code for p in problems] == ["file.not_a_file"]
    (folder / "notice.json").unlink()
    (folder / "notice.json").symlink_to(tmp_path / "nowhere.json")
    problems = [p for p in validate(folder).problems if p.file == "notice.json"]
    assert [p.code for p in problems] == ["file.not_a_file"]


def test_wrong_types_are_warned_about_by_place_and_control_characters_dropped(tmp_path) -> None:
    notice, problems = _read(
        _release(
            {
                "id": 7,
                "title": "North\x1b[31m\nlot\u202e",
                "value": {"amount": "a lot"},
                "awardCriteria": {
                    "criteria": [
                        {"name": "Price", "type": "price", "numbers": [{"number": "forty"}]},
                        "quality",
                    ]
                },
            },
            {"id": None},
        ),
        tmp_path,
    )
    (lot,) = notice.lots
    assert (lot.id, lot.title, lot.value) == ("7", "North [31m lot", None)
    assert lot.criteria[0].weight is None
    places = {p.cell for p in problems}
    assert "release.tender.lots[0].awardCriteria.criteria[0].numbers[0].number" in places
    assert "release.tender.lots[0].awardCriteria.criteria[1]" in places
    assert "release.tender.lots[1].id" in places
    assert all(not p.is_error for p in problems)


KEYS = [
    "releases",
    "tender",
    "lots",
    "awardCriteria",
    "criteria",
    "numbers",
    "number",
    "weight",
    "id",
    "ocid",
    "value",
    "amount",
    "buyer",
    "parties",
    "tag",
    "records",
    "compiledRelease",
    "lotDetails",
    "suitability",
    "contractPeriod",
    "name",
    "type",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_reads_to_a_notice_or_problems_never_an_exception(data) -> None:
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    assert notice is not None or problems


def _paths(node, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document, as the keys and indexes that lead to it."""
    places = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            places += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _paths(value, (*prefix, index))
    return places


PLACES = _paths(FIXTURE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), JSON), min_size=1, max_size=3))
def test_the_real_notice_with_anything_anywhere_reads_and_drafts_a_plan(changes) -> None:
    """Random JSON reaches only the top levels of a document; here anything is put at any place
    of Find a Tender's notice (a weight code written as an object once stopped `init`)."""
    from tendereval.ocds.from_notice import plan_text

    data = copy.deepcopy(FIXTURE)
    for place, value in changes:
        node = data
        try:
            for key in place[:-1]:
                node = node[key]
            node[place[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took the place away
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    assert notice is not None or problems
    if notice is not None:
        assert plan_text(notice).text
