"""``init --from-notice`` on the award notice tendereval itself published reads back the plan it
was published from: each criterion's id and pillar (social value is published as a quality
criterion, the extension having no pillar of its own) and the overall quality minimum, which
the notice states in words (Procurement Act 2023 s.23: a published threshold is applied).

Before, social value questions became quality questions (unless their own title said social
value), the ids were numbered afresh (SV1 became Q4) and the minimum was dropped, unlisted: the
plan validated against the notice it contradicted.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Problems
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"
PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
# 0.625 is published as 62.5% digit for digit, and must come back as 0.625.
MINIMUM = "minimum_quality_share = 0.625\ndisqualify_below_overall_minimum = true\n"


def _shape(plan: tendereval.Plan) -> list[tuple]:
    return [
        (c.id, c.pillar, round(c.effective_weight, 6), c.minimum, c.disqualify_below_minimum)
        for c in plan.leaves
    ]


@pytest.fixture(scope="module")
def read_back(tmp_path_factory) -> tuple[tendereval.Plan, tendereval.Plan, tendereval.NoticePlan]:
    """The carers example with an overall quality minimum, scored, published, and a plan
    made from the award notice written."""
    base = tmp_path_factory.mktemp("own")
    folder = base / "carers"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("[evaluation]\n", "[evaluation]\n" + MINIMUM, 1))
    result = tendereval.score(folder, sensitivity=False)
    done = tendereval.publish(
        result, base / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert done.written, done.blockers
    made = tendereval.init_from_notice(base / "again", done.path)
    again, problems = tendereval.load_plan(made.plan)
    assert again is not None, problems
    return result.plan, again, made


def test_the_pillars_ids_weights_and_minimums_come_back_as_published(read_back) -> None:
    """Carers' short breaks by hand: price 40; quality 40 (Q1 16 with a disqualifying minimum
    of 2, Q2 14, Q3 10); social value 20 (SV1 10, SV2 10); overall quality minimum 62.5% of
    the 40 quality points (25 points), disqualifying."""
    published, again, _ = read_back
    assert (
        _shape(again)
        == _shape(published)
        == [
            ("price", "price", 40.0, None, False),
            ("Q1", "quality", 16.0, 2.0, True),
            ("Q2", "quality", 14.0, None, False),
            ("Q3", "quality", 10.0, None, False),
            ("SV1", "social_value", 10.0, None, False),
            ("SV2", "social_value", 10.0, None, False),
        ]
    )
    assert again.evaluation.minimum_quality_share == 0.625
    assert again.evaluation.disqualify_below_overall_minimum is True
    assert again.quality_minimum_points() == 25.0


def test_the_plan_read_back_validates_against_the_notice_it_came_from(read_back) -> None:
    made = read_back[2]
    report = tendereval.validate(made.plan.parent)
    assert not [p for p in report.problems if p.code.startswith("notice.") and p.is_error]
    assert not [p for p in report.problems if p.code == "notice.quality_minimum"]


def test_a_plan_without_the_published_minimum_is_an_error(read_back) -> None:
    """The minimum taken out of the plan read back: validate names the difference."""
    _, _, made = read_back
    plan_file = made.plan
    text = plan_file.read_text(encoding="utf-8")
    start = text.index("minimum_quality_share")
    plan_file.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")
    try:
        report = tendereval.validate(plan_file.parent)
    finally:
        plan_file.write_text(text, encoding="utf-8")
    (problem,) = [p for p in report.problems if p.code == "notice.quality_minimum"]
    assert problem.is_error and problem.cell == "evaluation.minimum_quality_share"
    assert "no overall quality minimum in the plan" in problem.found
    assert "minimum_quality_share 0.625 (62.5% of the quality points), disqualifying" in (
        problem.expected
    )


def _notice(criteria: list[dict], description: str) -> dict:
    return {
        "ocid": "ocds-abc123-T1",
        "tag": ["tender"],
        "date": "2026-03-01T09:00:00Z",
        "tender": {
            "id": "T1",
            "title": "Home care",
            "lots": [
                {
                    "id": "1",
                    "title": "Lot one",
                    "awardCriteria": {"criteria": criteria, "description": description},
                }
            ],
        },
    }


def _criterion(name: str, kind: str, weight: float, description: str) -> dict:
    numbers = [{"number": weight, "weight": "percentageExact"}]
    return {"type": kind, "name": name, "description": description, "numbers": numbers}


def _plan_from(release: dict) -> tuple[str, tuple[str, ...]]:
    notice = notice_from_data(release, "notice.json", Problems())
    assert notice is not None
    draft = plan_text(notice)
    return draft.text, draft.choices


def test_a_notice_written_by_an_earlier_version_is_read_back_too() -> None:
    """Earlier versions wrote "SV1: Part of Social value. Scored by …": the id, and social
    value from the title of the criterion it is part of."""
    scored = "Scored by evaluators on 0/1/2/3/4/5."
    text, _ = _plan_from(
        _notice(
            [
                _criterion("Price", "price", 50, "price: Lowest price ratio: …"),
                _criterion("Delivery", "quality", 35, f"Q1: Part of Quality. {scored}"),
                _criterion("Local jobs", "quality", 15, f"SV1: Part of Social value. {scored}"),
            ],
            "Overall quality minimum: a tender whose quality points are below 60% of the 35 "
            "quality points available (21 points) is flagged (failing it does not disqualify).",
        )
    )
    assert 'id = "Q1"' in text and 'id = "SV1"' in text
    social = text.index('type = "social_value"')
    assert text.index('id = "SV1"') > social > text.index('id = "Q1"')
    assert "minimum_quality_share = 0.6 " in text
    assert "disqualify_below_overall_minimum = false" in text


def test_a_minimum_in_other_words_is_listed_to_settle() -> None:
    """A buyer's own wording cannot be read reliably: nothing is written, and it is listed."""
    text, choices = _plan_from(
        _notice(
            [
                _criterion("Price", "price", 60, ""),
                _criterion("Quality", "quality", 40, ""),
            ],
            "Bidders must score at least 50% on quality (a minimum threshold) to be considered.",
        )
    )
    assert "minimum_quality_share =" not in text
    (listed,) = [c for c in choices if c.startswith("the overall quality minimum")]
    assert "Bidders must score at least 50% on quality" in listed


def test_ids_that_cannot_all_be_kept_are_numbered() -> None:
    """Two criteria saying one id (a notice edited by hand) cannot both keep it."""
    scored = "Scored by evaluators on 0/1/2/3/4/5."
    text, _ = _plan_from(
        _notice(
            [
                _criterion("Price", "price", 50, ""),
                _criterion("A", "quality", 25, f"Q1: Quality criterion, part of Quality. {scored}"),
                _criterion("B", "quality", 25, f"Q1: Quality criterion, part of Quality. {scored}"),
            ],
            "",
        )
    )
    assert 'id = "Q1"' in text and 'id = "Q2"' in text


def test_the_published_description_says_the_id_and_pillar(read_back, tmp_path) -> None:
    published, _, made = read_back
    release = json.loads(made.notice.read_text(encoding="utf-8"))["releases"][0]
    criteria = release["tender"]["lots"][0]["awardCriteria"]["criteria"]
    said = {c["name"]: c["description"].split(". ")[0] for c in criteria}
    sv1 = published.leaf("SV1")
    assert said[sv1.title] == 'SV1: Social value criterion, part of "Social value" (social_value)'
    assert said[published.leaf("price").title].startswith("price: Price criterion")


def test_validate_warns_of_a_minimum_the_notice_may_state_that_the_plan_lacks(tmp_path) -> None:
    """A threshold in the buyer's own words is not written, listed by init, and validate warns
    while the plan has none."""
    from .tenders import notice_changed

    words = "Tenders scoring below 50% on quality (the minimum threshold) will be excluded."

    def say(release: dict) -> None:
        for lot in release["tender"]["lots"]:
            lot["awardCriteria"]["description"] = words

    made = tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, say))
    assert [c for c in made.choices if c.startswith("the overall quality minimum")]
    report = tendereval.validate(tmp_path / "t")
    (problem,) = [p for p in report.problems if p.code == "notice.quality_minimum"]
    assert not problem.is_error and words in problem.found
    plan_file = made.plan
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("[evaluation]\n", "[evaluation]\n" + MINIMUM, 1))
    report = tendereval.validate(tmp_path / "t")
    assert not [p for p in report.problems if p.code == "notice.quality_minimum"]
