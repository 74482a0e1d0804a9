"""``publish`` then ``init --from-notice`` on the award notice written gives back the plan's
criteria exactly: each criterion's id, pillar, kind (a social value commitments criterion, with
the plan's social value method), the criteria it is part of, its weight and its minimum.

Before, a commitments criterion came back as a social value question scored 0–5 by evaluators,
the criteria questions are part of were lost (each question was written straight under its
pillar), and an id with a space or a colon was misread ("Q 1" was read as no id, and "SV:2" as
"SV") or numbered afresh.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.errors import Problems
from tendereval.io.keys import supplier_key
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data
from tendereval.ocds.release import award_criteria
from tendereval.plan import Plan, parse_plan
from tendereval.terminal import shows_nothing

from ..example_copies import example_copy

PUBLISHED_AT = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def _criteria(plan: Plan) -> list[tuple]:
    """What must come back: every criterion of the tree in order, with its id, pillar, kind,
    parent, weight in points of 100 and minimum; and the social value method where a
    commitments criterion uses it."""
    shape: list[tuple] = [
        (
            c.id,
            c.pillar,
            c.kind,
            c.parent,
            round(c.effective_weight, 6),
            c.minimum,
            c.disqualify_below_minimum,
        )
        for c in plan.walk()
    ]
    if any(c.kind == "commitments" for c in plan.leaves):
        rules = plan.social_value
        share = rules.full_marks_share_of_price if rules.method == "share_of_price" else None
        shape.append(("social value method", rules.method, share))
    return shape


def _published_and_read_back(tmp_path, folder) -> tuple[Plan, Plan, tendereval.NoticePlan]:
    result = tendereval.score(folder, sensitivity=False)
    done = tendereval.publish(
        result, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert done.written, done.blockers
    made = tendereval.init_from_notice(tmp_path / "again", done.path)
    again, problems = tendereval.load_plan(made.plan)
    assert again is not None, [str(p) for p in problems]
    return result.plan, again, made


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_each_example_comes_back_as_published(tmp_path, example) -> None:
    published, again, _ = _published_and_read_back(tmp_path, example_copy(tmp_path, example))
    assert _criteria(again) == _criteria(published)


def test_commitments_scored_by_share_of_price_come_back_with_the_share(tmp_path) -> None:
    """Carers' short breaks with SV2 scored by share of price, full marks at 12.5% of it."""
    folder = example_copy(tmp_path)
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    old = 'method = "relative_to_best"\n'
    assert text.count(old) == 1
    new = 'method = "share_of_price"\nfull_marks_share_of_price = 0.125\n'
    plan_file.write_text(text.replace(old, new), encoding="utf-8")
    published, again, _ = _published_and_read_back(tmp_path, folder)
    assert _criteria(again) == _criteria(published)
    assert _criteria(again)[-1] == ("social value method", "share_of_price", 0.125)


def test_the_commitments_criterion_comes_back_as_commitments(tmp_path) -> None:
    """Carers' short breaks by hand: SV2 is scored from the bidders' commitments (10 points
    of 100, half of social value's 20), relative to the best £ social value offered."""
    published, again, made = _published_and_read_back(tmp_path, example_copy(tmp_path))
    sv2 = again.leaf("SV2")
    assert sv2 is not None and sv2.kind == "commitments" and sv2.pillar == "social_value"
    assert sv2.parent == "social_value" and sv2.effective_weight == 10.0
    assert again.social_value.method == "relative_to_best" == published.social_value.method
    # The notice does not name the proxy table: the shipped one is written, and listed.
    assert again.social_value.proxy_table == "social-value-proxies-2026.csv"
    assert [c for c in made.choices if c.startswith("the £ proxy values")]


NESTED = """
[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 30

[[criteria]]
id = "quality"
title = "Quality"
type = "quality"
weight_of_total = 50

  [[criteria.questions]]
  id = "Q 1"
  title = "Delivery (the service model), part 1"
  weight_of_parent = 60

    [[criteria.questions.questions]]
    id = "Q 1.a"
    title = "Staffing"
    weight_of_parent = 50
    scale = "five"
    minimum = 2
    disqualify_below_minimum = true

    [[criteria.questions.questions]]
    id = "Q:1.b"
    title = "Rotas"
    weight_of_parent = 50
    scale = "five"

  [[criteria.questions]]
  id = "Q2"
  title = "Safeguarding"
  weight_of_parent = 40
  scale = "five"

[[criteria]]
id = "social value"
title = "Social value: \\"local\\" benefit"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV:1"
  title = "Local jobs"
  weight_of_parent = 25
  scale = "five"

  [[criteria.questions]]
  id = "SV 2"
  title = "Commitments"
  kind = "commitments"
  weight_of_parent = 75

[social_value]
method = "share_of_price"
full_marks_share_of_price = 0.125
proxy_table = "social-value-proxies-2026.csv"
"""


def _plan(criteria: str | list[dict[str, Any]], social_value: dict | None = None) -> Plan:
    from ..scoring.builders import HEAD, LOTS

    raw = tomllib.loads(HEAD.format(years=1) + LOTS.format(volume=1000))
    if isinstance(criteria, str):
        raw |= tomllib.loads(criteria)
    else:
        raw["criteria"] = criteria
        if social_value:
            raw["social_value"] = social_value
    problems = Problems()
    plan = parse_plan(raw, "tender.toml", problems)
    assert plan is not None, [str(p) for p in problems.errors]
    return plan


def _read_back(plan: Plan) -> tuple[Plan, tuple[str, ...]]:
    """``plan``'s award criteria as its award notice publishes them, read back by
    ``init --from-notice``."""
    release = {
        "ocid": "ocds-abc123-T-1",
        "id": "ocds-abc123-T-1-award",
        "tag": ["award"],
        "date": "2026-03-20T09:30:00Z",
        "tender": {
            "id": "T-1",
            "title": "Test tender",
            "lots": [{"id": "L1", "title": "Lot one", "awardCriteria": award_criteria(plan)}],
        },
    }
    notice = notice_from_data(release, "notice.json", Problems())
    assert notice is not None
    draft = plan_text(notice)
    problems = Problems()
    again = parse_plan(tomllib.loads(draft.text), "tender.toml", problems)
    assert again is not None, [str(p) for p in problems.errors]
    return again, draft.choices


def test_sub_criteria_and_ids_with_spaces_and_colons_come_back() -> None:
    """By hand: price 30; quality 50: "Q 1" 60% of it, 30 points, split into "Q 1.a" and
    "Q:1.b" at 15 each ("Q 1.a" with a disqualifying minimum of 2), and Q2 40%, 20 points;
    social value 20: "SV:1" 25%, 5 points, and the commitments "SV 2" 75%, 15 points, scored
    by share of price with full marks at 12.5% of it."""
    published = _plan(NESTED)
    again, _ = _read_back(published)
    assert _criteria(again) == _criteria(published)
    assert _criteria(again) == [
        ("price", "price", "price", None, 30.0, None, False),
        ("quality", "quality", "group", None, 50.0, None, False),
        ("Q 1", "quality", "group", "quality", 30.0, None, False),
        ("Q 1.a", "quality", "question", "Q 1", 15.0, 2.0, True),
        ("Q:1.b", "quality", "question", "Q 1", 15.0, None, False),
        ("Q2", "quality", "question", "quality", 20.0, None, False),
        ("social value", "social_value", "group", None, 20.0, None, False),
        ("SV:1", "social_value", "question", "social value", 5.0, None, False),
        ("SV 2", "social_value", "commitments", "social value", 15.0, None, False),
        ("social value method", "share_of_price", 0.125),
    ]
    # The titles of the criteria others are part of come back too, quotes and all.
    assert [c.title for c in again.walk() if not c.is_leaf] == [
        "Quality",
        "Delivery (the service model), part 1",
        'Social value: "local" benefit',
    ]


def test_the_published_words_quote_an_id_that_would_not_read_back_as_it_stands() -> None:
    said = {c["name"]: c["description"] for c in award_criteria(_plan(NESTED))["criteria"]}
    assert said["Staffing"].startswith(
        '"Q 1.a": Quality criterion, part of "Delivery (the service model), part 1" ("Q 1"), '
        'part of "Quality" (quality). Scored by evaluators'
    )
    assert said["Safeguarding"].startswith('Q2: Quality criterion, part of "Quality" (quality).')
    assert said["Commitments"].startswith(
        '"SV 2": Social value criterion, part of "Social value: \\"local\\" benefit" '
        '("social value"). Commitments valued with £ proxy values. Score = weight × (£ social '
        "value ÷ evaluated price) ÷ the share of price that earns full marks, capped at full "
        "marks; 12.5% of the evaluated price earns full marks"
    )


def test_a_notice_saying_ids_for_only_some_criteria_is_numbered_and_init_says_so() -> None:
    """One description edited by hand so it no longer says its id: the others' ids cannot be
    kept alongside numbered ones safely, so all are numbered, and init says why."""
    plan = _plan(NESTED)
    criteria = award_criteria(plan)
    criteria["criteria"][2]["description"] = "Rotas as the buyer describes them."
    release = {
        "ocid": "ocds-abc123-T-1",
        "tag": ["award"],
        "date": "2026-03-20T09:30:00Z",
        "tender": {"id": "T-1", "lots": [{"id": "L1", "awardCriteria": criteria}]},
    }
    notice = notice_from_data(release, "notice.json", Problems())
    assert notice is not None
    draft = plan_text(notice)
    assert 'id = "Q1"' in draft.text and 'id = "Q 1.a"' not in draft.text
    assert [c for c in draft.choices if c.startswith("the criteria's ids")]
    assert [c for c in draft.choices if c.startswith("the criteria the questions are part of")]


# ---- Any ids a plan allows ----------------------------------------------------------------

_TRICKY = ["Q 1", "SV:2", "Q  1", "Q\t1", 'a"b', "x\\y", "(1)", "1,2", "Q1.", "é", "\u200bQ"]
_IDS = st.one_of(
    st.sampled_from(_TRICKY),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12),
).filter(lambda text: text == text.strip() and not shows_nothing(text))


def _split(n: int) -> list[int]:
    """n whole percentages adding up to 100."""
    return [100 // n] * (n - 1) + [100 - (n - 1) * (100 // n)]


@st.composite
def _trees(draw) -> tuple[list[dict[str, Any]], dict]:
    """A plan's criteria: price, quality with questions and groups of questions, social value
    with questions and perhaps a commitments criterion, every id and title drawn."""
    shape = draw(st.lists(st.integers(0, 2), min_size=1, max_size=3))  # 0: a question
    social = draw(st.integers(1, 2))
    commitments = draw(st.booleans())
    count = 3 + len(shape) + sum(shape) + social
    ids = draw(st.lists(_IDS, min_size=count, max_size=count, unique_by=supplier_key))
    titles = draw(st.lists(_IDS, min_size=count, max_size=count))
    given = iter(zip(ids, titles, strict=True))

    def criterion(weight: int, **keys: Any) -> dict[str, Any]:
        cid, title = next(given)
        return {"id": cid, "title": title, "weight_of_parent": weight, **keys}

    def question(weight: int) -> dict[str, Any]:
        return criterion(weight, scale="five")

    price = criterion(0)
    price.pop("weight_of_parent")
    price |= {"type": "price", "weight_of_total": 40}
    quality = criterion(0, type="quality")
    quality.pop("weight_of_parent")
    quality["weight_of_total"] = 40
    quality["questions"] = []
    for weight, under in zip(_split(len(shape)), shape, strict=True):
        if under:
            group = criterion(weight)
            group["questions"] = [question(w) for w in _split(under)]
            quality["questions"].append(group)
        else:
            quality["questions"].append(question(weight))
    social_value = criterion(0, type="social_value")
    social_value.pop("weight_of_parent")
    social_value["weight_of_total"] = 20
    social_value["questions"] = [question(w) for w in _split(social)]
    if commitments:
        social_value["questions"][-1] = {
            **social_value["questions"][-1],
            "kind": "commitments",
        }
        social_value["questions"][-1].pop("scale")
    rules = {"method": "share_of_price", "full_marks_share_of_price": 0.2, "proxy_table": "p.csv"}
    return [price, quality, social_value], rules


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_trees())
def test_any_ids_a_plan_allows_come_back_exactly(tree) -> None:
    criteria, rules = tree
    published = _plan(criteria, rules)
    again, choices = _read_back(published)
    assert _criteria(again) == _criteria(published)
    assert [c.title for c in again.walk() if not c.is_leaf] == [
        c.title for c in published.walk() if not c.is_leaf
    ]
    assert not [c for c in choices if c.startswith("the criteria")]


def test_publish_warns_of_an_id_its_description_cannot_carry_and_init_says_what_it_did(
    tmp_path,
) -> None:
    """A title of the criterion questions are part of so long that the words saying it run
    past the 2,000 characters a reader reads of a description: publish warns for each
    question under it, and init numbers the criteria afresh and says so."""
    folder = example_copy(tmp_path)
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    long_title = "Quality " * 260
    old = 'id = "quality"\ntitle = "Quality"\n'
    assert text.count(old) == 1
    plan_file.write_text(text.replace(old, f'id = "quality"\ntitle = "{long_title}"\n'))
    result = tendereval.score(folder, sensitivity=False)
    done = tendereval.publish(
        result, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED_AT
    )
    assert done.written, done.blockers
    warned = [w for w in done.warnings if "too long to be read back" in w]
    assert [w.split("'")[1] for w in warned] == ["Q1", "Q2", "Q3"]
    made = tendereval.init_from_notice(tmp_path / "again", done.path)
    assert [c for c in made.choices if c.startswith("the criteria's ids")]
    again, problems = tendereval.load_plan(made.plan)
    assert again is not None, [str(p) for p in problems]
    assert [c.id for c in again.leaves] == ["price", "Q1", "Q2", "Q3", "SV1", "SV2"]
