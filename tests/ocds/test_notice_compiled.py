"""notice.json read as the compiled release: its releases merged by the OCDS 1.1 merge routine.

Before, the reader picked one release (the latest tender release) and read the tender from it
alone. OCDS releases are partial: a tender update listing only lot 3's status was read as the
whole tender notice, so the plan was checked against one lot with no criteria (errors that
were false), and an amendment publishing only one lot's criteria lost the other lots'.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tendereval import init_from_notice, load_plan
from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.compiled import WHOLE_LISTS, compile_releases
from tendereval.ocds.notice import Notice, notice_from_data

from .ocds_schema import release_schema
from .tenders import NOTICE

FIXTURE = json.loads(NOTICE.read_text(encoding="utf-8"))
TENDER_NOTICE = FIXTURE["releases"][0]  # dated 2026-01-28T09:14:03Z; lots 1, 2, 3
WEIGHTS = [
    ("Service delivery model", 30.0),
    ("Safeguarding, workforce and quality assurance", 20.0),
    ("Social value", 10.0),
    ("Price", 40.0),
]


def _later(tag: str, date: str, tender: dict) -> dict:
    """A release after the tender notice giving only ``tender`` (what changed)."""
    return {
        "ocid": TENDER_NOTICE["ocid"],
        "id": f"{tag}-{date}",
        "date": date,
        "tag": [tag],
        "tender": {"id": TENDER_NOTICE["tender"]["id"], **tender},
    }


def _read(*releases: dict) -> tuple[Notice, Problems]:
    problems = Problems()
    notice = notice_from_data({"releases": [copy.deepcopy(r) for r in releases]}, "n", problems)
    assert notice is not None
    return notice, problems


def _weights(notice: Notice) -> dict[str, list[tuple[str, float | None]]]:
    return {lot.id: [(c.name, c.weight) for c in lot.criteria] for lot in notice.lots}


def _plan_from_the_tender_notice(tmp_path: Path):
    made = init_from_notice(tmp_path / "tender", NOTICE)
    plan, problems = load_plan(made.plan)
    assert plan is not None, problems
    return plan


# ---- The merge routine ------------------------------------------------------------------


def test_the_merge_routine_on_the_worked_example_of_the_ocds_docs() -> None:
    """The worked example of OCDS 1.1 "Merging": a tender of $1,000 on 1 January, its
    description expanded on 31 January, its value amended to $2,000 on 5 February, then two
    awards of $750 (1 and 3 March). Worked by hand: each field holds its latest value, the
    awards are merged by id (two awards), and no release's id, date or tag is kept."""
    releases = [
        {
            "ocid": "ocds-213czf-000-00001",
            "id": "r1",
            "date": "2016-01-01T09:30:00Z",
            "tag": ["tender"],
            "initiationType": "tender",
            "tender": {
                "id": "t1",
                "description": "Road works",
                "value": {"amount": 1000, "currency": "USD"},
            },
        },
        {
            "ocid": "ocds-213czf-000-00001",
            "id": "r2",
            "date": "2016-01-31T09:30:00Z",
            "tag": ["tenderUpdate"],
            "tender": {"id": "t1", "description": "Road works and resurfacing"},
        },
        {
            "ocid": "ocds-213czf-000-00001",
            "id": "r3",
            "date": "2016-02-05T09:30:00Z",
            "tag": ["tenderAmendment"],
            "tender": {"id": "t1", "value": {"amount": 2000}},
        },
        {
            "ocid": "ocds-213czf-000-00001",
            "id": "r4",
            "date": "2016-03-01T09:30:00Z",
            "tag": ["award"],
            "awards": [{"id": "1", "value": {"amount": 750}, "suppliers": [{"name": "A"}]}],
        },
        {
            "ocid": "ocds-213czf-000-00001",
            "id": "r5",
            "date": "2016-03-03T09:30:00Z",
            "tag": ["award"],
            "awards": [{"id": "2", "value": {"amount": 750}, "suppliers": [{"name": "B"}]}],
        },
    ]
    compiled = compile_releases((f"releases[{i}]", r) for i, r in enumerate(releases))
    assert compiled.release == {
        "ocid": "ocds-213czf-000-00001",
        "initiationType": "tender",
        "tender": {
            "id": "t1",
            "description": "Road works and resurfacing",
            "value": {"amount": 2000, "currency": "USD"},
        },
        "awards": [
            {"id": "1", "value": {"amount": 750}, "suppliers": [{"name": "A"}]},
            {"id": "2", "value": {"amount": 750}, "suppliers": [{"name": "B"}]},
        ],
    }
    # Where each value was last given.
    assert compiled.place("") == "releases[4]"
    assert compiled.place("tender.value.amount") == "releases[2].tender.value.amount"
    assert compiled.place("tender.value.currency") == "releases[0].tender.value.currency"
    assert compiled.place("tender.description") == "releases[1].tender.description"
    assert (
        compiled.place("awards[1].suppliers[0].name") == "releases[4].awards[0].suppliers[0].name"
    )
    # A field no release gives is named within the latest object giving its parent.
    assert compiled.place("tender.status") == "releases[2].tender.status"


def test_null_removes_arrays_merge_by_id_or_whole_and_other_arrays_are_replaced() -> None:
    first = {
        "ocid": "o",
        "tender": {
            "title": "Care",
            "lots": [
                {"id": "1", "title": "Ashford", "awardCriteria": {"criteria": [{"name": "Q"}] * 2}},
                {"id": "2", "title": "Dover", "value": {"amount": 5}},
            ],
            "submissionMethod": ["electronicSubmission", "written"],
            "documents": [{"url": "a"}],
        },
    }
    second = {
        "ocid": "o",
        "tender": {
            "title": None,  # removed
            "lots": [
                {"id": "2", "value": None, "status": "cancelled"},  # lot 2: merged by id
                {"id": "3", "title": "Deal"},  # a new lot: added
            ],
            "submissionMethod": ["written"],  # not objects: replaced whole
            "documents": [{"url": "b"}],  # objects without an id: added
        },
    }
    third = {"ocid": "o", "tender": {"lots": [{"id": "1", "awardCriteria": {"criteria": []}}]}}
    compiled = compile_releases([("r[0]", first), ("r[1]", second), ("r[2]", third)])
    assert compiled.release["tender"] == {
        "lots": [
            # criteria are merged whole (wholeListMerge): the empty list replaces the two
            {"id": "1", "title": "Ashford", "awardCriteria": {"criteria": []}},
            {"id": "2", "title": "Dover", "status": "cancelled"},
            {"id": "3", "title": "Deal"},
        ],
        "submissionMethod": ["written"],
        "documents": [{"url": "a"}, {"url": "b"}],
    }
    assert compiled.place("tender.lots[0].awardCriteria.criteria") == (
        "r[2].tender.lots[0].awardCriteria.criteria"
    )
    # A value removed is no longer placed where it was given: its parent names it.
    assert compiled.place("tender.lots[1].value.amount") == "r[1].tender.lots[0].value.amount"
    assert compiled.place("tender.lots[2].title") == "r[1].tender.lots[1].title"


def test_the_arrays_merged_whole_are_those_the_schemas_merge_whole() -> None:
    """WHOLE_LISTS names the arrays of objects the release schema with Find a Tender's
    extensions marks wholeListMerge or gives objects with no id; none of those names is
    also an array merged by id somewhere else in the schema."""
    schema = release_schema()
    whole, by_id = _arrays_of_objects(schema, schema["properties"], set())
    assert whole <= WHOLE_LISTS
    assert not WHOLE_LISTS & by_id
    marked = _marked_whole(schema)
    assert marked <= WHOLE_LISTS and "criteria" in marked and "numbers" in marked


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in spec:
        spec = schema["definitions"].get(spec["$ref"].split("/")[-1], {})
    return spec


def _types(spec: dict) -> list[str]:
    kinds = spec.get("type", [])
    return [kinds] if isinstance(kinds, str) else kinds


def _arrays_of_objects(schema: dict, properties: dict, seen: set[str]) -> tuple[set, set]:
    whole: set[str] = set()
    by_id: set[str] = set()
    for name, spec in properties.items():
        spec = _resolve(schema, spec)
        items = _resolve(schema, spec.get("items", {}))
        inner: dict = {}
        if "array" in _types(spec) and "properties" in items:
            if spec.get("wholeListMerge") or "id" not in items["properties"]:
                whole.add(name)
            else:
                by_id.add(name)
                inner = items["properties"]
        elif "properties" in spec:
            inner = spec["properties"]
        key = json.dumps(inner, sort_keys=True)
        if inner and key not in seen:
            seen.add(key)
            more_whole, more_by_id = _arrays_of_objects(schema, inner, seen)
            whole |= more_whole
            by_id |= more_by_id
    return whole, by_id


def _marked_whole(value: object) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for name, spec in value.items():
            if isinstance(spec, dict) and spec.get("wholeListMerge") is True:
                found.add(name)
            found |= _marked_whole(spec)
    return found


# ---- notice.json read as the compiled release --------------------------------------------


def test_a_tender_update_cancelling_lot_3_alone_leaves_the_other_lots_as_published(
    tmp_path: Path,
) -> None:
    """Before, the update was read as the whole tender: one lot (3) with no criteria, and the
    plan checked against it had lots 1 and 2 'not in the notice' and lot 3 'no criteria'."""
    update = _later(
        "tenderUpdate", "2026-03-02T10:00:00Z", {"lots": [{"id": "3", "status": "cancelled"}]}
    )
    notice, problems = _read(TENDER_NOTICE, update)
    assert list(problems) == []
    assert [(lot.id, lot.status) for lot in notice.lots] == [
        ("1", ""),
        ("2", ""),
        ("3", "cancelled"),
    ]
    assert _weights(notice) == {"1": WEIGHTS, "2": WEIGHTS, "3": WEIGHTS}
    assert notice.lots[2].where == "releases[1].tender.lots[0]"  # where it was cancelled
    assert notice.lots[0].where == "releases[0].tender.lots[0]"
    # The plan from the tender notice differs only in evaluating the cancelled lot.
    differences = check_against_notice(_plan_from_the_tender_notice(tmp_path), notice)
    assert [(p.code, p.lot) for p in differences] == [("notice.lot_ended", "3")]
    assert "releases[1].tender.lots[0].status" in differences[0].found


def test_an_amendment_of_one_lots_criteria_keeps_the_other_lots_criteria(tmp_path: Path) -> None:
    """The amendment moves 10 points of lot 2 from the service delivery model to price. The
    lot's criteria are merged whole (the schema's wholeListMerge), so it gives the lot's four;
    lots 1 and 3 keep the tender notice's. Before, lots 1 and 3 were not in the notice read."""
    criteria = copy.deepcopy(TENDER_NOTICE["tender"]["lots"][1]["awardCriteria"]["criteria"])
    criteria[0]["numbers"][0]["number"] = 20
    criteria[3]["numbers"][0]["number"] = 50
    amendment = _later(
        "tenderAmendment",
        "2026-02-10T12:00:00Z",
        {"lots": [{"id": "2", "awardCriteria": {"criteria": criteria}}]},
    )
    notice, problems = _read(amendment, TENDER_NOTICE)  # in date order, not the file's
    assert list(problems) == []
    amended = [("Service delivery model", 20.0), *WEIGHTS[1:3], ("Price", 50.0)]
    assert _weights(notice) == {"1": WEIGHTS, "2": amended, "3": WEIGHTS}
    assert notice.lots[1].criteria[3].where == (
        "releases[0].tender.lots[0].awardCriteria.criteria[3]"
    )
    assert notice.lots[1].title == "Canterbury"  # given by the tender notice alone
    assert notice.release_where == "releases[0]"  # the latest merged: the amendment
    differences = check_against_notice(_plan_from_the_tender_notice(tmp_path), notice)
    assert [(p.code, p.cell) for p in differences] == [
        ("notice.weight", "criteria[1].questions[0].weight_of_total"),  # 30 in the plan, 20
        ("notice.weight", "criteria[0].weight_of_total"),  # price: 40 in the plan, 50
    ]
    assert all("(lot 2)" in p.message for p in differences)


def test_null_in_a_later_release_removes_the_field() -> None:
    """A tender update withdrawing lot 1's estimated value and the lot cap: null removes a
    field (before, the update was read alone: one lot, no criteria)."""
    update = _later(
        "tenderUpdate",
        "2026-02-01T10:00:00Z",
        {
            "lots": [{"id": "1", "value": None}],
            "lotDetails": {"maximumLotsAwardedPerSupplier": None},
        },
    )
    before, _ = _read(TENDER_NOTICE)
    assert (before.lots[0].value, before.max_lots_per_supplier) == (1_650_000.0, 2)
    notice, problems = _read(TENDER_NOTICE, update)
    assert list(problems) == []
    assert (notice.lots[0].value, notice.max_lots_per_supplier) == (None, None)
    assert [lot.value for lot in notice.lots[1:]] == [
        v for v in (lot.value for lot in before.lots[1:])
    ]
    assert _weights(notice)["1"] == WEIGHTS


def test_a_compiled_release_lacking_a_lot_names_the_lot_and_both_counts() -> None:
    """Red team (mutate2 repro_3): a record's compiled release lacking lot 3 was warned of at
    tender.lots, showing the first 80 characters of each list as found and as expected: the
    same text, since both begin with lot 1. Now the first place they differ, lots[2]."""
    short = copy.deepcopy(TENDER_NOTICE)
    short["tender"]["lots"] = short["tender"]["lots"][:2]
    record = {"ocid": TENDER_NOTICE["ocid"], "releases": [TENDER_NOTICE], "compiledRelease": short}
    problems = Problems()
    notice = notice_from_data({"records": [record]}, "notice.json", problems)
    assert [lot.id for lot in notice.lots] == ["1", "2", "3"]
    (warning,) = problems
    assert warning.cell == "records[0].compiledRelease.tender.lots[2]"
    assert warning.found == "2 items in lots, none at lots[2]"
    assert warning.expected.startswith(
        '3 items in lots, lots[2] being {"id": "3", "title": "Dover"'
    )
    assert warning.expected.endswith(
        "as the releases give it (records[0].releases[0].tender.lots[2])"
    )
    assert warning.found not in warning.expected


def test_a_record_whose_compiled_release_differs_from_its_releases_is_read_from_them() -> None:
    """The record's own compiled release still shows lot 3 open; its releases cancel it. The
    releases are what was published, so they are read, with a warning naming where the two
    first differ."""
    update = _later(
        "tenderUpdate", "2026-03-02T10:00:00Z", {"lots": [{"id": "3", "status": "cancelled"}]}
    )
    stale = copy.deepcopy(TENDER_NOTICE)
    stale.update(tag=["compiled"], id="compiled")
    record = {
        "ocid": TENDER_NOTICE["ocid"],
        "releases": [TENDER_NOTICE, update],
        "compiledRelease": stale,
    }
    problems = Problems()
    notice = notice_from_data({"records": [copy.deepcopy(record)]}, "notice.json", problems)
    assert notice is not None
    assert [lot.status for lot in notice.lots] == ["", "", "cancelled"]
    (warning,) = problems
    assert (warning.code, warning.cell, warning.found, warning.is_error) == (
        "notice.compiled_differs",
        "records[0].compiledRelease.tender.lots[2].status",
        "nothing",
        False,
    )
    assert warning.expected == (
        "cancelled, as the releases give it (records[0].releases[1].tender.lots[0].status)"
    )
    # A record giving only its compiled release is read from it.
    problems = Problems()
    del record["releases"]
    notice = notice_from_data({"records": [record]}, "notice.json", problems)
    assert notice is not None and list(problems) == []
    assert notice.release_where == "records[0].compiledRelease"


def test_a_notice_nested_too_deeply_to_merge_is_a_problem_not_a_crash() -> None:
    """Python 3.12's JSON reader reads nesting deeper than Python may call: merging such a
    notice is the error the reader gives for one nested too deeply to read."""
    deep: object = 1
    for _ in range(5000):
        deep = {"a": deep}
    release = {"ocid": "o", "tender": {"lots": [{"id": "1", "x": deep}]}}
    problems = Problems()
    assert notice_from_data({"releases": [release, release]}, "n", problems) is None
    assert [(p.code, p.message) for p in problems] == [
        ("notice.syntax", "the notice nests lists or objects too deeply to read")
    ]


def test_a_cancellation_of_one_lot_is_no_cancelled_tender_and_one_of_the_whole_is() -> None:
    """A tenderCancellation release cancelling lot 3 alone leaves lots 1 and 2 in the tender;
    one naming no lot (or cancelling the tender) ends it. Each was merged after the tender
    notice: before, the tender notice was read and neither was warned of."""
    lot_3 = _later(
        "tenderCancellation", "2026-03-02T10:00:00Z", {"lots": [{"id": "3", "status": "cancelled"}]}
    )
    notice, problems = _read(TENDER_NOTICE, lot_3)
    assert [lot.status for lot in notice.lots] == ["", "", "cancelled"]
    assert list(problems) == []
    whole = _later("tenderCancellation", "2026-03-02T10:00:00Z", {})
    _, problems = _read(TENDER_NOTICE, whole)
    assert [(p.code, p.cell) for p in problems] == [("notice.cancelled", "releases[1].tag")]
    whole["tender"]["status"] = "cancelled"
    whole["tag"] = ["tenderUpdate"]
    _, problems = _read(TENDER_NOTICE, whole)
    assert [(p.code, p.cell) for p in problems] == [
        ("notice.cancelled", "releases[1].tender.status")
    ]


def test_a_lot_id_a_release_gives_twice_is_one_lot_with_a_warning() -> None:
    """Merged by id, two lots of one id in a release are one lot (OCDS merging); so are lot 1
    and lot "1" in two releases here, the merge routine's two lots."""
    twice = copy.deepcopy(TENDER_NOTICE)
    twice["tender"]["lots"].append({"id": "3", "title": "Dover and Deal"})
    notice, problems = _read(twice)
    assert [(lot.id, lot.title) for lot in notice.lots][2] == ("3", "Dover and Deal")
    assert len(notice.lots) == 3
    assert [(p.code, p.cell, p.found) for p in problems] == [
        ("notice.shape", "releases[0].tender.lots", "3")
    ]
    assert problems.items[0].message == (
        "a lot id is used twice in one release: the two are read as one lot"
    )
    number = _later("tenderUpdate", "2026-02-01T10:00:00Z", {"lots": [{"id": 3, "title": "Deal"}]})
    notice, problems = _read(TENDER_NOTICE, number)
    # Read as one id, so as one lot, the first given: init once wrote both lots under id "3",
    # which the plan refuses.
    assert [(lot.id, lot.title) for lot in notice.lots][2:] == [("3", "Dover")]
    assert [(p.code, p.cell, p.message) for p in problems] == [
        (
            "notice.shape",
            "releases[1].tender.lots",
            "a lot id is used twice, written two ways: only the first lot given with it is read",
        )
    ]


def test_lot_ids_2_and_text_2_in_one_release_are_one_lot_and_one_warning(tmp_path) -> None:
    """Red team (mutate2 repro_1): lot 2 as a number and "2" as text in one release were
    warned of twice ("read as one lot", then "used twice"), and init wrote two lots with id
    "2", which the plan refuses. Now one warning, and one lot 2: the first given."""
    two_ways = copy.deepcopy(TENDER_NOTICE)
    two_ways["tender"]["lots"][0]["id"] = 2
    two_ways["tender"]["lots"][1]["id"] = "2"
    notice, problems = _read(two_ways)
    assert [lot.id for lot in notice.lots] == ["2", "3"]
    assert notice.lots[0].title == TENDER_NOTICE["tender"]["lots"][0]["title"]
    (problem,) = problems
    assert (problem.cell, problem.found) == ("releases[0].tender.lots", '2 and "2"')
    lost = TENDER_NOTICE["tender"]["lots"][1]["title"]
    assert problem.message.endswith(f"only the first lot given with it is read, not {lost}")
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"releases": [two_ways]}), encoding="utf-8")
    made = init_from_notice(tmp_path / "t", path)
    assert [p.message for p in made.problems] == [problem.message]
    plan, loaded = load_plan(made.plan)
    assert [p for p in loaded if p.is_error] == []
    assert [lot.id for lot in plan.lots] == ["2", "3"]


def test_two_releases_at_one_moment_giving_different_values_are_warned_of() -> None:
    """Releases are merged in date order; two of one moment have none, so the file's order
    decided with no word (swapping them gave another plan). Now the first field the order
    decides is named, with both releases' ids and values and the one read (the later in the
    file); a release of the same moment giving only other fields, or the same value, is no
    warning. Moments are compared as moments: 10:00Z and 11:00+01:00 are one."""
    amended = _later(
        "tenderAmendment", "2026-03-02T10:00:00Z", {"lots": [{"id": "2", "title": "Canterbury"}]}
    )
    at_once = _later(
        "tenderUpdate", "2026-03-02T11:00:00+01:00", {"lots": [{"id": "2", "title": "Deal"}]}
    )
    notice, problems = _read(TENDER_NOTICE, amended, at_once)
    assert notice.lot("2").title == "Deal"  # the later in the file, as before
    (warning,) = list(problems)
    assert (warning.code, warning.is_error) == ("notice.same_moment", False)
    assert warning.cell == "releases[2].tender.lots[0].title"
    assert warning.message == (
        "two releases published at the same moment give different values for "
        "tender.lots[id 2].title: releases are merged in date order, which gives none for them, "
        "so the later in the file is read"
    )
    assert warning.found == (
        "Deal in release 'tenderUpdate-2026-03-02T11:00:00+01:00', Canterbury in release "
        "'tenderAmendment-2026-03-02T10:00:00Z' (releases[1].tender.lots[0].title)"
    )
    assert warning.expected.startswith(
        "one value at one moment: the value of release 'tenderUpdate-2026-03-02T11:00:00+01:00' "
        "(the later in the file) is used"
    )
    # Swapped in the file, the other value is read, and the warning names it so.
    notice, problems = _read(TENDER_NOTICE, at_once, amended)
    assert notice.lot("2").title == "Canterbury"
    assert [p.found.split(" in release ")[0] for p in problems] == ["Canterbury"]
    # Agreeing, or each giving its own field, or an hour apart: no warning.
    same = _later(
        "tenderUpdate", "2026-03-02T10:00:00Z", {"lots": [{"id": "2", "title": "Canterbury"}]}
    )
    other_lot = _later(
        "tenderUpdate", "2026-03-02T10:00:00Z", {"lots": [{"id": "3", "title": "Dover"}]}
    )
    later = _later("tenderUpdate", "2026-03-02T11:00:00Z", {"lots": [{"id": "2", "title": "Deal"}]})
    for second in (same, other_lot, later):
        assert list(_read(TENDER_NOTICE, amended, second)[1]) == []


def test_releases_of_one_moment_differing_in_weights_name_how_many_fields_differ() -> None:
    """The red team's case: an amendment dated as the tender notice itself, with two weights of
    every lot changed: six fields, the first named."""
    amendment = copy.deepcopy(TENDER_NOTICE)
    amendment.update(id="004512-2026-amend", tag=["tenderAmendment"])
    for lot in amendment["tender"]["lots"]:
        criteria = lot["awardCriteria"]["criteria"]
        criteria[0]["numbers"][0]["number"] = 25
        criteria[3]["numbers"][0]["number"] = 45
    _, problems = _read(TENDER_NOTICE, amendment)
    (warning,) = list(problems)
    assert (
        "tender.lots[id 1].awardCriteria.criteria[0].numbers[0].number (and 5 other fields)"
        in warning.message
    )
    assert warning.found.startswith("25 in release '004512-2026-amend', 30 in release ")


def test_a_lot_of_100000_award_criteria_is_compiled_without_copying_them() -> None:
    """A notice of 200,000 award criteria in one lot (44 MB) took over a minute to validate,
    a fifth of it (more than parsing the JSON) deep-copying every criterion into the compiled
    release. A list merged whole is now the release's own (nothing is merged into it, and the
    compiled release is only read): compiling costs nothing per criterion."""
    import time

    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    release = data["releases"][0]
    criteria = [
        {"type": "quality", "name": f"Question {i}", "description": "How calls are planned.",
         "numbers": [{"number": 0.0006, "weight": "percentageExact"}]}
        for i in range(100_000)
    ]  # fmt: skip
    release["tender"]["lots"][0]["awardCriteria"]["criteria"] = criteria
    start = time.process_time()
    compiled = compile_releases([("releases[0]", release)])
    assert time.process_time() - start < 0.2  # about 0.001 s; 1 s or more copying each
    read = compiled.release["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert read == criteria and len(read) == 100_000
    assert compiled.place("tender.lots[0].awardCriteria.criteria[99999].numbers") == (
        "releases[0].tender.lots[0].awardCriteria.criteria[99999].numbers"
    )
