"""``tendereval init --from-notice``: the plan built from the published notice has the notice's
lots and effective weights and validates; a weight changed away from the notice makes
``validate`` exit 1 naming the criterion and both values."""

from __future__ import annotations

import copy
import json
import tomllib

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data, read_notice
from tendereval.plan import parse_plan

from .tenders import CAP_PLACEHOLDER, MECHANISM, NOTICE, Bid, Supplier, edit_plan, write_bids


def _run(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _plan_from(data: dict):
    """The plan ``plan_text`` writes for the notice ``data``, loaded, and what it lists."""
    problems = Problems()
    draft = plan_text(notice_from_data(data, "notice.json", problems))
    loaded = Problems()
    plan = parse_plan(tomllib.loads(draft.text), "tender.toml", loaded)
    return plan, draft.choices, [str(p) for p in loaded.errors]


def test_the_plan_from_the_notice_validates_with_its_lots_and_weights(tmp_path) -> None:
    folder = tmp_path / "home-care"
    made = _run("init", folder, "--from-notice", NOTICE)
    assert made.exit_code == 0, made.output
    assert (folder / "notice.json").read_bytes() == NOTICE.read_bytes()
    checked = _run("validate", folder)
    assert checked.exit_code == 0, checked.output
    assert "error" not in checked.output.replace("no errors", "")

    plan, _ = tendereval.load_plan(folder)
    notice, _ = read_notice(NOTICE)
    assert [(lot.id, lot.name, lot.estimated_value) for lot in plan.lots] == [
        (lot.id, lot.title, lot.value) for lot in notice.lots
    ]
    effective = {c.title: c.effective_weight for c in plan.leaves}
    for lot in notice.lots:
        assert {c.name: c.weight for c in lot.criteria} == effective
    assert plan.tender_id == "ECC-HC-2026-01" and plan.buyer == "Example County Council"
    assert plan.contract_years == 3 and plan.regime == "PA2023"
    assert plan.publication.ocid == "ocds-h6vhtk-05f1a2"
    assert plan.lot_cap.max_lots_per_supplier == 2
    assert all(lot.suitable_for_sme and lot.suitable_for_vcse for lot in plan.lots)


def test_init_lists_what_the_notice_does_not_say(tmp_path) -> None:
    made = _run("init", tmp_path / "t", "--from-notice", NOTICE)
    text = made.output
    assert "settle them before bids are opened" in text
    for choice in (
        "how price is scored",
        "the pricing schedule",
        "the scoring scale",
        "the evaluators",
        "who approved the plan",
        "the lot cap of 2",
    ):
        assert f"  - {choice}" in text, choice
    # The same list heads the plan, as comments.
    assert "#   - how price is scored" in (tmp_path / "t" / "tender.toml").read_text()


def test_one_changed_weight_makes_validate_exit_1_naming_it(tmp_path) -> None:
    folder = tmp_path / "home-care"
    _run("init", folder, "--from-notice", NOTICE)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("  weight_of_total = 30") == 1  # Service delivery model (Q1)
    plan.write_text(text.replace("  weight_of_total = 30", "  weight_of_total = 25"))
    checked = _run("validate", folder, "--json", tmp_path / "problems.json")
    assert checked.exit_code == 1
    assert (
        "criteria[1].questions[0].weight_of_total: error: the weight of criterion 'Service "
        "delivery model' (Q1) differs from the published notice (every lot) (found 25 points "
        "of 100 in the plan); expected 30%, as notice.json publishes it"
    ) in checked.output
    problems = json.loads((tmp_path / "problems.json").read_text())["problems"]
    (weight,) = [p for p in problems if p["code"] == "notice.weight"]
    assert (weight["file"], weight["found"]) == ("tender.toml", "25 points of 100 in the plan")
    assert weight["expected"].startswith("30%, as notice.json publishes it")


def test_init_refuses_to_replace_a_plan_or_another_notice(tmp_path) -> None:
    folder = tmp_path / "t"
    assert _run("init", folder, "--from-notice", NOTICE).exit_code == 0
    again = _run("init", folder, "--from-notice", NOTICE)
    assert again.exit_code == 2 and "already exists" in again.output
    other = tmp_path / "other.json"
    other.write_text(NOTICE.read_text().replace("Ashford", "Ashford and Tenterden"))
    (folder / "tender.toml").unlink()
    refused = _run("init", folder, "--from-notice", other)
    assert refused.exit_code == 2 and "already holds another notice" in refused.output
    assert _run("init", folder, "--from-notice", other, "--force").exit_code == 0
    assert (folder / "notice.json").read_bytes() == other.read_bytes()
    # The notice already in the folder can be read again where it is.
    assert _run("init", folder, "--from-notice", folder / "notice.json", "--force").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from-notice", "missing.json"], "there is no notice file"),
        (["--from-notice", NOTICE, "--preset", "70-30"], "not both"),
    ],
)
def test_init_usage_errors(tmp_path, args, message) -> None:
    result = _run("init", tmp_path / "t", *args)
    assert result.exit_code == 2 and message in result.output


def test_a_notice_that_cannot_be_read_creates_nothing(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"releases": [')
    result = _run("init", tmp_path / "t", "--from-notice", bad)
    assert result.exit_code == 1 and "the notice is not valid JSON" in result.output
    assert not (tmp_path / "t").exists()


def test_a_notice_holding_null_is_named_with_its_problem(tmp_path) -> None:
    """init --from-notice on a file holding JSON null said "The inputs cannot be used, so
    nothing was created:" and listed no problem."""
    null = tmp_path / "null.json"
    null.write_text("null")
    result = _run("init", tmp_path / "t", "--from-notice", null)
    assert result.exit_code == 1
    assert "null.json — 1 error" in result.output
    assert "holds no OCDS release with a tender section (found null)" in result.output
    assert not (tmp_path / "t").exists()


# ---- Other notices --------------------------------------------------------------------------


def _notice(*criteria: dict, lots: int = 1, **tender) -> dict:
    return {
        "ocid": "ocds-h6vhtk-000001",
        "tag": ["tender"],
        "tender": {
            "id": "T-9",
            "title": 'Meals "on wheels" \\ more',
            "lots": [
                {"id": str(i), "awardCriteria": {"criteria": copy.deepcopy(list(criteria))}}
                for i in range(1, lots + 1)
            ],
            **tender,
        },
    }


def _c(name: str, kind: str, weight: float, minimum: float | None = None) -> dict:
    numbers = [{"number": weight, "weight": "percentageExact"}]
    if minimum is not None:
        numbers.append({"number": minimum, "threshold": "minimumScore"})
    return {"name": name, "type": kind, "numbers": numbers}


def test_quality_published_as_one_criterion_is_one_criterion_of_the_plan() -> None:
    plan, choices, errors = _plan_from(
        _notice(_c("Quality", "quality", 60), _c("Price", "price", 40))
    )
    assert errors == []
    assert [(c.id, c.title, c.effective_weight, c.is_leaf) for c in plan.criteria] == [
        ("price", "Price", 40, True),
        ("quality", "Quality", 60, True),
    ]
    assert plan.title == 'Meals "on wheels" \\ more'  # quotes and backslashes survive TOML
    assert any(c.startswith("the contract years") for c in choices)


def test_text_no_file_can_hold_is_replaced(tmp_path) -> None:
    notice = tmp_path / "odd.json"
    notice.write_text(
        '{"ocid": "ocds-h6vhtk-000001", "tender": {"title": "Meals \\ud800 \\u0007bell",'
        ' "lots": [{"id": "1", "title": "North\\u202e"}]}}',
        encoding="utf-8",
    )
    made = tendereval.init_from_notice(tmp_path / "t", notice)
    plan = tomllib.loads(made.plan.read_text(encoding="utf-8"))
    assert plan["tender"]["title"] == "Meals \ufffd bell"
    assert plan["lots"][0]["name"] == "North"


def test_a_published_minimum_score_is_a_disqualifying_minimum() -> None:
    plan, _, errors = _plan_from(
        _notice(
            _c("Delivery", "quality", 30, 2),
            _c("Staffing", "quality", 30, 40),
            _c("Price", "price", 40),
        )
    )
    assert errors == []
    q1, q2 = plan.questions()
    assert (q1.minimum, q1.disqualify_below_minimum, q1.scale) == (2, True, "five_point")
    assert (q2.minimum, q2.scale) == (40, "hundred")  # above 5: scored 0-100


def test_no_price_criterion_is_quality_only() -> None:
    plan, choices, errors = _plan_from(
        _notice(_c("A", "quality", 70), _c("Social value", "quality", 30))
    )
    assert errors == []
    assert plan.price.method == "quality_only"
    assert [(c.pillar, c.effective_weight) for c in plan.leaves] == [
        ("quality", 70),
        ("social_value", 30),
    ]
    assert any("publishes no price criterion" in c for c in choices)


def test_what_a_plan_cannot_follow_is_listed() -> None:
    data = _notice(_c("Price", "price", 40), _c("Quality", "quality", 60), lots=2)
    data["tender"]["lots"][1]["awardCriteria"]["criteria"][0]["numbers"][0]["number"] = 50
    data["tender"]["lots"][1]["awardCriteria"]["criteria"][1]["numbers"][0]["number"] = 50
    _, choices, _ = _plan_from(data)
    assert any(c.startswith("lot 2 publishes other award criteria than lot 1") for c in choices)
    unweighted = _notice(
        {"name": "Price", "type": "price", "numbers": [{"number": 1, "weight": "order"}]},
        {"name": "Quality", "type": "quality", "numbers": [{"number": 2, "weight": "order"}]},
    )
    plan, choices, errors = _plan_from(unweighted)
    assert plan is None and any("do not add up to 100" in e for e in errors)
    assert any("order of importance" in c for c in choices)


def test_published_award_read_back_is_the_plan_again(tmp_path) -> None:
    """Out and in: the package ``publish`` writes, read as a notice, matches the plan."""
    folder = tmp_path / "t"
    _run("init", folder, "--from-notice", NOTICE)
    edit_plan(folder, (CAP_PLACEHOLDER, MECHANISM))  # (as the officer copies it: rtocds 3)
    write_bids(
        folder,
        [Bid("Alder Care Ltd", lot, 5e5) for lot in ("1", "2")],
        [Supplier("Alder Care Ltd")],
    )
    done = tendereval.publish(folder)
    assert done.written, done.blockers
    plan, _ = tendereval.load_plan(folder)
    again = notice_from_data(done.package, "award.json", Problems())
    # Read back, the award is no difference from the plan; the procurement it settled is said
    # to be over (a warning, so an award set aside and made again is not refused): once for
    # the whole, complete as lots 1 and 2 are, and lot 3 (no bid: unsuccessful) on its own.
    assert [lot.status for lot in again.lots] == ["complete", "complete", "unsuccessful"]
    assert again.status == "complete"
    assert [(p.code, p.lot, p.is_error) for p in check_against_notice(plan, again)] == [
        ("notice.lot_over", "3", False),
        ("notice.tender_over", None, False),
    ]
    assert again.ocid == "ocds-h6vhtk-05f1a2"


@pytest.mark.parametrize("count", [3, 7, 11, 300])
def test_equal_weights_a_system_worked_out_make_a_plan_that_validates(count: int) -> None:
    """Seven questions weighted 60/7 each (8.571428571428571, as a buyer's system works it
    out): init wrote each to 6 decimals, their sum came to 60.000003 and the plan it made was
    refused. A minimum score of 7/3 moved further from the notice's than its check allows."""
    share = 60 / count
    data = _notice(
        _c("Price", "price", 40),
        *[_c(f"Question {i}", "quality", share, minimum=7 / 3) for i in range(count)],
    )
    plan, _, errors = _plan_from(data)
    assert errors == []
    assert sum(leaf.effective_weight for leaf in plan.leaves) == pytest.approx(100, abs=1e-8)
    notice = notice_from_data(data, "notice.json", Problems())
    assert check_against_notice(plan, notice) == []


def test_a_number_is_written_as_short_as_it_stays_the_notice_s() -> None:
    from tendereval.ocds.from_notice import _n

    assert [_n(v) for v in (30.000000000000004, 0.1 + 0.2, 33.33, 40.0, 2.5e6)] == [
        "30", "0.3", "33.33", "40", "2500000",
    ]  # fmt: skip
    assert float(_n(60 / 7)) == pytest.approx(60 / 7, abs=1e-10)


@pytest.mark.parametrize("named", ["Social value question", "Question"])
def test_a_notice_of_thousands_of_criteria_is_drafted_in_time_in_proportion(named) -> None:
    """init --from-notice looked each criterion up in the list of price criteria and of
    social value criteria, and counted its name among all the criteria's: 20,000 social value
    criteria took 40 s, 200,000 would take over an hour. Each is now sorted once."""
    import time

    count = 20_000
    points = [{"number": 1, "weight": "pointsExact"}]
    criteria = [
        {"type": "quality", "name": f"{named} {i}", "numbers": points} for i in range(count)
    ]
    notice = notice_from_data(
        {"ocid": "ocds-h6vhtk-000001", "tender": {"awardCriteria": {"criteria": criteria}}},
        "notice.json",
        Problems(),
    )
    start = time.process_time()
    draft = plan_text(notice)
    assert time.process_time() - start < 1.5  # about 0.2 s; 5 s, or 40 s, looked up one by one
    # Each of 20,000 criteria of 1 point is 0.005 points of 100, listed as read from points.
    assert draft.text.count("weight_of_total = 0.005\n") == count
    assert f"the weight of '{named} 19999': published as 1 of 20000 points" in " ".join(
        draft.choices
    )


def _many_criteria(path, count: int) -> int:
    """A notice of one lot with ``count`` quality criteria of equal weight, each with a long
    name and description (about 1.1 KB of plan each, so few of them reach the plan's limit),
    written to ``path``; the size of the plan drafted from it, in bytes."""
    criteria = [
        {
            "type": "quality",
            "name": f"Question {i:04d} " + "x" * 480,
            "description": "d" * 500,
            "numbers": [{"number": 100 / count, "weight": "percentageExact"}],
        }
        for i in range(count)
    ]
    path.write_text(json.dumps(_notice(*criteria)), encoding="utf-8")
    return len(plan_text(read_notice(path)[0]).text.encode("utf-8"))


def test_a_notice_whose_plan_the_loader_would_refuse_creates_nothing(tmp_path) -> None:
    """A notice of 200,000 award criteria on one lot made a 48 MB tender.toml, which every
    later command refused unread (a plan is at most 1 MB): init succeeded and nothing after it
    could run. init now refuses such a notice, saying what it holds and the limit; cutting
    the plan down to fit would leave out published criteria the plan must follow. 950
    criteria of about 1.1 KB of plan each are the smallest such notice here."""
    from tendereval.limits import MAX_TOML_BYTES

    notice = tmp_path / "huge.json"
    size = _many_criteria(notice, 950)
    assert size > MAX_TOML_BYTES  # the notice does cross the limit
    result = _run("init", tmp_path / "t", "--from-notice", notice)
    assert result.exit_code == 1, result.output
    assert "The inputs cannot be used, so nothing was created:" in result.output
    assert (
        "error: the plan made from this notice would be larger than tendereval reads as a "
        "plan, so every command would refuse it (found 1 lot; lot 1 publishes 950 award "
        f"criteria: a plan of {size:,} bytes); expected a plan of at most 1,048,576 bytes (1 MB)"
    ) in result.output
    assert not (tmp_path / "t").exists()


def test_a_notice_whose_plan_is_within_the_limit_makes_a_plan_that_validates(tmp_path) -> None:
    """The limit init applies is the loader's: a plan just under it loads and validates."""
    from tendereval.limits import MAX_TOML_BYTES

    notice = tmp_path / "large.json"
    assert MAX_TOML_BYTES - 40_000 < _many_criteria(notice, 920) <= MAX_TOML_BYTES
    folder = tmp_path / "t"
    assert _run("init", folder, "--from-notice", notice).exit_code == 0
    checked = _run("validate", folder)
    assert checked.exit_code == 0, checked.output
    assert "no errors" in checked.output
