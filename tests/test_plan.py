"""The evaluation plan: weights that cannot be misread, and every rule a sound plan keeps."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.errors import Severity
from tendereval.plan import load_plan
from tendereval.resources import presets
from tests.plan_helpers import BASE, plan_from, write_plan

QUALITY_60_SV_20_OF_PARENT = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 60

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 80
  scale = "five"

  [[criteria.questions]]
  id = "SV"
  weight_of_parent = 20
  scale = "five"
"""


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_twenty_percent_of_the_sixty_is_twelve_points(tmp_path: Path) -> None:
    # The committee paper: quality 60 "and of this 20% weight was allocated to social value".
    # Written as weight_of_parent = 20 it is 20% × 60 = 12 points of 100; Q1 gets 80% × 60 = 48.
    plan, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT)
    assert plan is not None, problems
    weights = {c.id: c.effective_weight for c in plan.leaves}
    assert weights == {"price": 40.0, "Q1": 48.0, "SV": 12.0}


def test_twenty_points_of_the_total_inside_quality(tmp_path: Path) -> None:
    # The other reading: 20 points of the whole 100 sit inside quality's 60 (Q1 then has 40).
    criteria = QUALITY_60_SV_20_OF_PARENT.replace("weight_of_parent = 80", "weight_of_total = 40")
    criteria = criteria.replace("weight_of_parent = 20", "weight_of_total = 20")
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is not None, problems
    assert {c.id: c.effective_weight for c in plan.leaves} == {"price": 40, "Q1": 40, "SV": 20}


def test_a_bare_weight_is_refused_as_ambiguous(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace("weight_of_parent = 20", "weight = 20")
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    bare = next(p for p in problems if p.code == "plan.weight_ambiguous")
    assert bare.cell == "criteria[1].questions[1].weight"
    assert "weight_of_total" in bare.expected and "weight_of_parent" in bare.expected
    assert "plan.unknown_key" not in codes(problems)  # refused once, not also called a typo
    # Nor told it "must state exactly one weight (found 'neither')": the bare weight's error
    # already says what to write (docs/plan.md: "that error, and only that").
    assert [p.code for p in problems if p.is_error] == ["plan.weight_ambiguous"]


def test_mixing_bases_among_siblings_is_refused(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace("weight_of_parent = 20", "weight_of_total = 12")
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    assert "plan.weight_basis" in codes(problems)


def test_children_that_do_not_add_up_name_the_parent(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace("weight_of_parent = 20", "weight_of_parent = 25")
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    problem = next(p for p in problems if p.code == "plan.weights_children")
    assert "'quality'" in problem.message
    assert problem.found == "105"
    assert problem.where == "tender.toml › criteria[1].questions"


def test_top_level_weights_must_total_100(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace("weight_of_total = 60", "weight_of_total = 50")
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    total = next(p for p in problems if p.code == "plan.weights_total")
    assert total.found == "90"


def test_minimum_outside_scale_and_undeclared_rule(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace(
        'id = "Q1"\n  weight_of_parent = 80\n  scale = "five"',
        'id = "Q1"\n  weight_of_parent = 80\n  scale = "five"\n  minimum = 7',
    )
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    found = {p.code: p for p in problems}
    assert found["plan.minimum_range"].found == "7"
    assert "s.23(3)(a)" in found["plan.minimum_rule"].message


# Price 40, Quality 40 (Q1 and a group G of Q2 and Q3), social value 20 of commitments.
EVERY_KIND_OF_CRITERION = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 50
  scale = "five"

  [[criteria.questions]]
  id = "G"
  weight_of_parent = 50

    [[criteria.questions.questions]]
    id = "Q2"
    weight_of_parent = 50
    scale = "five"

    [[criteria.questions.questions]]
    id = "Q3"
    weight_of_parent = 50
    scale = "five"

[[criteria]]
id = "social_value"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV"
  kind = "commitments"
  weight_of_parent = 100

[social_value]
proxy_table = "proxies.csv"
"""


@pytest.mark.parametrize(
    ("after", "cell", "what"),
    [
        ('id = "price"\ntype = "price"\n', "criteria[0]", "the price criterion"),
        ('id = "quality"\ntype = "quality"\n', "criteria[1]", "a group of questions"),
        ('id = "G"\n', "criteria[1].questions[1]", "a group of questions"),
        ('id = "SV"\n', "criteria[2].questions[0]", "a social value commitments criterion"),
    ],
)
def test_a_minimum_on_anything_but_a_scored_question_is_refused(
    tmp_path: Path, after: str, cell: str, what: str
) -> None:
    """A minimum on a pillar, a group, price or commitments was accepted, recorded on the Audit
    sheet, and never applied: every bid was ranked although the plan said failing disqualifies."""
    criteria = EVERY_KIND_OF_CRITERION.replace(
        after, after + "minimum = 3\ndisqualify_below_minimum = true\n", 1
    )
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.minimum_not_question"]
    assert problem.is_error
    assert problem.cell == f"{cell}.minimum"
    assert what in problem.message and "applies only to a question scored" in problem.message
    assert "minimum_quality_share" in problem.expected


def test_a_rule_to_disqualify_on_a_group_is_refused_without_a_minimum_too(
    tmp_path: Path,
) -> None:
    criteria = EVERY_KIND_OF_CRITERION.replace(
        'id = "G"\n', 'id = "G"\ndisqualify_below_minimum = true\n'
    )
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.minimum_not_question"]
    assert problem.cell == "criteria[1].questions[1].disqualify_below_minimum"


def test_every_kind_of_criterion_loads_without_a_minimum_off_its_questions(
    tmp_path: Path,
) -> None:
    criteria = EVERY_KIND_OF_CRITERION.replace(
        'id = "G"\n', 'id = "G"\ndisqualify_below_minimum = false\n'
    ).replace('id = "Q2"\n', 'id = "Q2"\nminimum = 2\ndisqualify_below_minimum = true\n')
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is not None, [str(p) for p in problems]
    assert plan.leaf("Q2").minimum == 2


def test_unknown_scale_is_named(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace('scale = "five"', 'scale = "ten"', 1)
    plan, problems = plan_from(tmp_path, criteria)
    assert plan is None
    problem = next(p for p in problems if p.code == "plan.scale_unknown")
    assert problem.found == "'ten'" and problem.expected == "five"


def test_lot_cap_needs_a_published_mechanism(tmp_path: Path) -> None:
    extra = (
        '[participation]\nmax_lots_per_supplier = 2\n\n[[lots]]\nid = "L2"\n'
        "volumes = { hours = 5 }\n"
    )
    plan, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)
    assert plan is None
    problem = next(p for p in problems if p.code == "plan.cap_mechanism")
    assert "s.23(4)" in problem.message


def test_ppn002_profile_needs_ten_percent_social_value(tmp_path: Path) -> None:
    criteria = QUALITY_60_SV_20_OF_PARENT.replace(
        'id = "quality"\ntype = "quality"', 'id = "quality"\ntype = "quality"'
    )
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace('regime = "PA2023"', 'regime = "PA2023"\nprofile = "ppn002"')
    plan, problems = load_plan(write_plan(tmp_path, criteria, base=base))
    assert plan is None
    problem = next(p for p in problems if p.code == "plan.ppn002")
    assert problem.found == "0%"


def test_linear_bounds_needs_a_ceiling(tmp_path: Path) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace('method = "lowest_price_ratio"', 'method = "linear_bounds"')
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is None
    assert "plan.price_params" in codes(problems)


def test_not_toml_is_one_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "tender.toml").write_text("[tender\nid = 1", encoding="utf-8")
    plan, problems = load_plan(tmp_path)
    assert plan is None
    assert codes(problems) == ["plan.syntax"]
    assert problems[0].file == "tender.toml"


def test_missing_plan(tmp_path: Path) -> None:
    plan, problems = load_plan(tmp_path)
    assert plan is None and codes(problems) == ["plan.missing"]
    assert "tendereval init" in problems[0].expected


def test_volume_for_unknown_item(tmp_path: Path) -> None:
    extra = '[[lots]]\nid = "L2"\nvolumes = { hours = 5, nights = 3 }\n'
    plan, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)
    assert plan is None
    problem = next(p for p in problems if p.code == "plan.volumes")
    assert problem.cell == "lots[1].volumes.nights"


def test_missing_approval_is_a_warning_not_an_error(tmp_path: Path) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace('approved_by = "Cabinet Committee"', "")
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is not None
    assert [(p.code, p.severity.value) for p in problems] == [("plan.approval", "warning")]


@pytest.mark.parametrize("name", sorted(presets()))
def test_every_preset_loads_without_errors(name: str) -> None:
    plan, problems = load_plan(presets()[name])
    assert plan is not None, [str(p) for p in problems]
    assert math.isclose(sum(c.effective_weight for c in plan.leaves), 100.0)


@pytest.mark.parametrize("name", sorted(presets()))
def test_each_presets_opening_line_describes_its_own_weights(name: str) -> None:
    """Every preset opened with "preset 40-40-20 (price 40, quality 40, social value 20)",
    the officer's first sight of a 70-30 plan."""
    import re

    path = presets()[name]
    plan, _ = load_plan(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert f"preset {name} (" in first
    stated = {k: float(v) for k, v in re.findall(r"(price|quality) (\d+)", first)}
    weights = {c.id: c.effective_weight for c in plan.criteria}
    assert stated == {"price": weights["price"], "quality": weights["quality"]}, first


def _tree_toml(splits: list[list[int]]) -> str:
    """Three pillars; pillar i's children split its weight by the integer parts given."""
    pillars = [("price", "price", 30), ("quality", "quality", 50), ("social_value", "sv", 20)]
    out = []
    for index, (pillar, prefix, weight) in enumerate(pillars):
        out.append(
            f'[[criteria]]\nid = "{prefix}"\ntype = "{pillar}"\nweight_of_total = {weight}\n'
        )
        parts = splits[index] if pillar != "price" else []
        total = sum(parts)
        for number, part in enumerate(parts):
            out.append(
                f'[[criteria.questions]]\nid = "{prefix}{number}"\n'
                f'weight_of_parent = {100 * part / total!r}\nscale = "five"\n'
            )
    return "\n".join(out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(1, 9), min_size=1, max_size=6), min_size=3, max_size=3))
def test_effective_weights_always_sum_to_100(tmp_path_factory, splits) -> None:
    folder = tmp_path_factory.mktemp("plan")
    plan, problems = plan_from(folder, _tree_toml(splits))
    assert plan is not None, [str(p) for p in problems]
    assert math.isclose(sum(c.effective_weight for c in plan.leaves), 100.0, abs_tol=1e-9)


@pytest.mark.parametrize("method", ["price_per_quality_point", "award_on_value"])
def test_methods_that_fold_quality_into_price_warn_that_it_counts_twice(tmp_path, method):
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace(
        'method = "lowest_price_ratio"', f'method = "{method}"\nvalue_per_point = 2'
    )
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is not None
    warning = next(p for p in problems if p.code == "plan.quality_counts_twice")
    assert warning.severity.value == "warning" and "counts twice" in warning.message


# Found by running the command line over mutated plans: each crashed, hung or was misread.
@pytest.mark.parametrize(
    ("start", "code"),
    [
        ('[participation]\ncount_second_tier = "no"\n', "plan.not_a_flag"),  # read as true
        ('participation = "x"\n', "plan.not_a_section"),  # crashed
        ("ranking = [1, 2]\n", "plan.not_a_section"),  # crashed
    ],
)
def test_sections_of_the_wrong_type_are_problems_not_crashes(tmp_path: Path, start, code) -> None:
    from tests.plan_helpers import BASE, write_plan

    # Written first: a bare key after a [table] header would belong to that table.
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=start + BASE))
    assert plan is None
    assert code in codes(problems)


@pytest.mark.parametrize("years", ["1e308", "99999999999999999", "51"])
def test_contract_years_beyond_any_contract_are_refused(tmp_path: Path, years) -> None:
    # 1e308 crashed scoring; 99999999999999999 hung it (the price is worked out year by year).
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace("contract_years = 2", f"contract_years = {years}")
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is None
    assert "plan.years" in codes(problems)


def test_a_plan_saved_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    from tests.plan_helpers import write_plan

    path = write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Windows Notepad saves it
    plan, problems = load_plan(path)
    assert plan is not None, codes(problems)


def test_brackets_nested_thousands_deep_are_refused_before_parsing(tmp_path: Path) -> None:
    from tests.plan_helpers import BASE, write_plan

    deep = "junk = " + "[" * 5000 + "]" * 5000 + "\n"
    plan, problems = load_plan(write_plan(tmp_path, "", base=deep + BASE))
    assert plan is None
    assert codes(problems) == ["plan.too_deep"]
    assert problems[0].found == "brackets nested 5,000 deep"


PRICE = '[price]\nmethod = "lowest_price_ratio"\n'


@pytest.mark.parametrize(
    ("old", "new", "extra", "code"),
    [
        # Each was accepted, or quietly replaced by a default, and changed the result.
        (PRICE, PRICE + "log_base = 0\n", "", "plan.out_of_range"),
        ("", "", "[social_value]\nfull_marks_share_of_price = 0\n", "plan.out_of_range"),
        ("", "", "[social_value]\nfull_marks_share_of_price = -0.5\n", "plan.out_of_range"),
        ("", "", "[sme]\nmax_staff = 0\n", "plan.out_of_range"),
        ("", "", "[sme]\nmax_turnover = -1\n", "plan.out_of_range"),
        # A bare "Q1" instead of a list meant every question.
        (
            "",
            "",
            '[[evaluation.groups]]\nid = "p"\nshare = 0.2\nquestions = "Q1"\n',
            "plan.group_questions",
        ),
        # An empty list read as "no questions", and meant every question.
        (
            "",
            "",
            '[[evaluation.groups]]\nid = "p"\nshare = 20\nquestions = []\n',
            "plan.group_questions",
        ),
        # A profile tendereval does not know ran none of its checks (PPN 06/20 is PPN 002).
        ('regime = "PA2023"', 'regime = "PA2023"\nprofile = "ppn06/20"', "", "plan.profile"),
        ("volumes = { hours = 1000 }", "volumes = { hours = 0 }", "", "plan.volumes"),
    ],
)
def test_values_that_would_change_the_result_are_refused(
    tmp_path: Path, old, new, extra, code
) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace(old, new) if old else BASE
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra, base))
    assert plan is None
    assert code in codes(problems)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('id = "L1"', 'id = "L1;L2"', "plan.lot_id"),  # could never be named alone in a bid
        ("volumes = { hours = 1000 }", "volumes = { hours = 1e308 }", "plan.out_of_range"),
        (PRICE, PRICE + "ceiling_price = 0\n", "plan.out_of_range"),
        (PRICE, "[ranking]\nclose_call_margin = -1\n\n" + PRICE, "plan.out_of_range"),
    ],
)
def test_ids_and_numbers_that_break_later_steps_are_refused(tmp_path: Path, old, new, code):
    from tests.plan_helpers import BASE, write_plan

    plan, problems = load_plan(
        write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=BASE.replace(old, new))
    )
    assert plan is None
    assert code in codes(problems)


def test_weights_just_off_100_show_the_sum_they_really_make(tmp_path: Path) -> None:
    """The message said "found 100" for 100.0001, which reads as if nothing were wrong."""
    criteria = QUALITY_60_SV_20_OF_PARENT.replace(
        "weight_of_parent = 80", "weight_of_parent = 80.0001"
    )
    _, problems = plan_from(tmp_path, criteria)
    (problem,) = [p for p in problems if p.code == "plan.weights_children"]
    assert problem.found == "100.0001"


@pytest.mark.parametrize(
    ("written", "recorded"),
    [
        ("2026-09-14", "2026-09-14"),
        ('"14/09/2026"', "2026-09-14"),
        ('"yesterday"', None),
        ("10:00:00", None),
    ],
)
def test_the_approval_date_is_a_date_in_the_audit_trail(tmp_path: Path, written, recorded):
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace("approved_on = 2026-09-14", f"approved_on = {written}")
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    if recorded is None:
        assert plan is None and "plan.approval_date" in codes(problems)
    else:
        assert plan is not None and plan.approval.approved_on == recorded


@pytest.mark.parametrize(
    "scale, where",
    [
        ("values = [0, 1, nan, 5]", "scales.wide.values"),
        ("values = [0, 1, inf]", "scales.wide.values"),
        ("values = [0, 1e300]", "scales.wide.values"),
        ("low = 0\nhigh = 1e300", "scales.wide.high"),
        ("low = -inf\nhigh = 5", "scales.wide.low"),
    ],
)
def test_a_scale_value_that_is_not_a_usable_number_is_named(tmp_path, scale, where) -> None:
    """nan among the values got through: the message was about a descriptor, and a scale
    without descriptors took nan as a score; 1e300 overflowed the weighted sums."""
    criteria = QUALITY_60_SV_20_OF_PARENT.replace('scale = "five"', 'scale = "wide"')
    plan, problems = plan_from(tmp_path, criteria, f"[scales.wide]\n{scale}\n")
    assert plan is None
    problem = next(p for p in problems if p.code in ("plan.scale", "plan.out_of_range",
                                                   "plan.not_a_number"))  # fmt: skip
    assert problem.where == f"tender.toml › {where}"


THREE_DEEP = QUALITY_60_SV_20_OF_PARENT.replace(
    '  id = "SV"\n  weight_of_parent = 20\n  scale = "five"\n',
    '  id = "SV"\n  weight_of_parent = 20\n\n    [[criteria.questions.questions]]\n'
    '    id = "SV1"\n    weight_of_parent = 100\n    scale = "five"\n    guidence = "x"\n',
)


@pytest.mark.parametrize(
    ("old", "new", "extra", "criteria", "cell"),
    [
        # Each was ignored without a word and the default used, changing the evaluation.
        ("", "", "[abnormally_low]\nshare_of_medain = 0.7\n", None,
         "abnormally_low.share_of_medain"),
        ("", "", "[ranking]\nclose_cal_margin = 3\n", None, "ranking.close_cal_margin"),
        ("", "", '[rankings]\ntie_break = ["price"]\n', None, "rankings"),
        ('buyer = "Test Council"', 'byer = "Test Council"', "", None, "tender.byer"),
        ("[approval]\n", "[approval]\napproved = true\n", "", None, "approval.approved"),
        ("volumes =", "true_costs = 9\nvolumes =", "", None, "lots[0].true_costs"),
        (PRICE, PRICE + "discount_rte = 0.05\n", "", None, "price.discount_rte"),
        ('unit = "hour"', 'units = "hour"', "", None, "price.items[0].units"),
        ("values = [0, 1, 2, 3, 4, 5]", "values = [0, 1, 2, 3, 4, 5]\ndescriptor = 1", "", None,
         "scales.five.descriptor"),
        ("", "", "", QUALITY_60_SV_20_OF_PARENT.replace('id = "Q1"', 'id = "Q1"\nminimun = 2'),
         "criteria[1].questions[0].minimun"),
        ("", "", "", QUALITY_60_SV_20_OF_PARENT.replace('type = "price"', 'type = "price"\nx = 1'),
         "criteria[0].x"),
        ("", "", "", THREE_DEEP, "criteria[1].questions[1].questions[0].guidence"),
        ("", "", '[social_value]\nproxy_tabel = "p.csv"\n', None, "social_value.proxy_tabel"),
        ("", "", '[evaluation]\naggregte = "median"\n', None, "evaluation.aggregte"),
        ("", "", '[[evaluation.groups]]\nid = "panel"\nshare = 20\nquestion = ["Q1"]\n', None,
         "evaluation.groups[0].question"),
        ("", "", "[sme]\nmax_turnvoer = 10_000_000\n", None, "sme.max_turnvoer"),
        ("", "", "[participation]\ncount_second_teir = true\n", None,
         "participation.count_second_teir"),
    ],
)  # fmt: skip
def test_a_key_the_plan_does_not_use_is_named_as_a_likely_typo(
    tmp_path: Path, old, new, extra, criteria, cell
) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace(old, new) if old else BASE
    plan, problems = load_plan(
        write_plan(tmp_path, criteria or QUALITY_60_SV_20_OF_PARENT, extra, base)
    )
    assert plan is not None, [str(p) for p in problems]  # a warning: the rest still loads
    (problem,) = [p for p in problems if p.code == "plan.unknown_key"]
    assert problem.cell == cell
    assert problem.severity.value == "warning"
    assert problem.message == "this key is not used (a typo?)"
    assert problem.expected.startswith("one of ")


def test_the_unknown_key_warning_lists_the_keys_the_section_takes(tmp_path: Path) -> None:
    _, problems = plan_from(
        tmp_path, QUALITY_60_SV_20_OF_PARENT, "[abnormally_low]\nshare_of_medain = 0.7\n"
    )
    (problem,) = [p for p in problems if p.code == "plan.unknown_key"]
    assert problem.expected == "one of below_true_cost, share_of_median"


def test_keys_read_only_by_some_methods_or_scales_are_not_called_typos(tmp_path: Path) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace(
        PRICE,
        '[price]\nmethod = "linear_bounds"\nevaluation = "npv"\ndiscount_rate = 0.035\n'
        "deduction_rate = 1\nfloor = 0\nceiling_price = 2e6\nfloor_price = 1e5\nlog_base = 2\n"
        "value_per_point = 100\n",
    )
    criteria = QUALITY_60_SV_20_OF_PARENT.replace(
        'id = "SV"', 'id = "SV"\ntitle = "Social value"\nkind = "question"\nguidance = "g"'
    ).replace('scale = "five"', 'scale = "hundred"\nminimum = 10\ndisqualify_below_minimum = true')
    extra = (
        '[scales.hundred]\nlow = 0\nhigh = 100\ndescriptors = { "0" = "None" }\n'
        '[social_value]\nmethod = "share_of_price"\nfull_marks_share_of_price = 0.1\n'
        'proxy_table = ""\n'
        '[evaluation]\naggregate = "median"\ndiscrepancy_share = 0.5\nconflicted_scores = "flag"\n'
        'missing_declaration = "flag"\nminimum_quality_share = 0.5\n'
        "disqualify_below_overall_minimum = true\n"
        '[ranking]\ntie_break = ["price"]\nclose_call_margin = 2\n'
        '[sme]\ndefinition = "Act"\nmax_staff = 249\nmax_turnover = 4e7\nmax_balance_sheet = 3e7\n'
        '[participation]\nmax_lots_per_supplier = 2\ncap_mechanism = "lot value order"\n'
        "count_second_tier = true\n"
        "[abnormally_low]\nshare_of_median = 0.7\nbelow_true_cost = false\n"
    )
    _, problems = load_plan(write_plan(tmp_path, criteria, extra, base))
    assert "plan.unknown_key" not in codes(problems), [str(p) for p in problems]


def test_a_descriptor_for_a_score_in_another_scripts_digits_is_refused(tmp_path: Path) -> None:
    """'৪' (the Bengali four, drawn like an 8) was the descriptor of a score of 4."""
    extra = 'descriptors = { "৪" = "Good", "5" = "Excellent" }\n'
    _, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)
    (problem,) = [p for p in problems if p.code == "plan.scale"]
    assert problem.message.endswith("a descriptor key must be a score")
    assert problem.found == "'৪'"


def _shipped_plans() -> list[Path]:
    examples = Path(__file__).resolve().parents[1] / "examples"
    return [*presets().values(), *sorted(examples.glob("*/tender.toml"))]


@pytest.mark.parametrize("path", _shipped_plans(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_preset_and_example_plan_uses_only_keys_the_plan_reads(path: Path) -> None:
    _, problems = load_plan(path)
    assert "plan.unknown_key" not in codes(problems), [str(p) for p in problems]


def test_evaluator_groups_written_as_one_section_are_not_dropped(tmp_path: Path) -> None:
    """[evaluation.groups] (single brackets) was ignored, and the panel's share with it."""
    extra = '[evaluation.groups]\nid = "panel"\nshare = 20\n'
    plan, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.not_a_section"]
    assert problem.cell == "evaluation.groups"


@pytest.mark.parametrize(
    ("old", "new", "extra", "cell"),
    [
        ("volumes =", "estimated_value = 5_000_000_000_000\nvolumes =", "",
         "lots[0].estimated_value"),
        ("volumes =", "true_cost = 5_000_000_000_000\nvolumes =", "", "lots[0].true_cost"),
        (PRICE, PRICE + "ceiling_price = 5e12\n", "", "price.ceiling_price"),
        (PRICE, PRICE + "floor_price = 5e12\n", "", "price.floor_price"),
        (PRICE, PRICE + "value_per_point = 5e12\n", "", "price.value_per_point"),
        ("", "", "[sme]\nmax_turnover = 5e12\n", "sme.max_turnover"),
        ("", "", "[sme]\nmax_balance_sheet = 5e12\n", "sme.max_balance_sheet"),
    ],
)  # fmt: skip
def test_plan_money_over_a_trillion_is_taken_for_a_slip(tmp_path: Path, old, new, extra, cell):
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace(old, new) if old else BASE
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra, base))
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.out_of_range"]
    assert problem.cell == cell
    assert "at most 1,000,000,000,000" in problem.expected


def test_plan_money_of_exactly_a_trillion_is_accepted(tmp_path: Path) -> None:
    from tests.plan_helpers import BASE, write_plan

    base = BASE.replace("volumes =", "estimated_value = 1_000_000_000_000\nvolumes =")
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is not None, [str(p) for p in problems]
    assert plan.lots[0].estimated_value == 1e12


def test_a_lot_cap_beyond_any_tender_is_refused_not_a_crash(tmp_path: Path) -> None:
    """max_lots_per_supplier = 1e308 loaded, then crashed score (polars could not hold it)."""
    plan, problems = plan_from(
        tmp_path, QUALITY_60_SV_20_OF_PARENT, "[participation]\nmax_lots_per_supplier = 1e308\n"
    )
    assert plan is None
    problem = next(p for p in problems if "max_lots_per_supplier" in p.where)
    assert problem.is_error and "at most 10,000" in problem.expected


def test_a_broken_section_read_by_two_settings_is_one_problem(tmp_path: Path) -> None:
    """`participation = "x"` was reported twice: the lot cap and the second-tier rule both
    read [participation]."""
    from tests.plan_helpers import BASE, write_plan

    path = write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base='participation = "x"\n' + BASE)
    _, problems = load_plan(path)
    assert [p.cell for p in problems].count("participation") == 1


# ---- Figures in the scale of the lot's estimated value ---------------------------------------


def _with_lot_figures(figures: str, price: str = "") -> str:
    base = BASE.replace("volumes = { hours = 1000 }", f"volumes = {{ hours = 1000 }}\n{figures}")
    return base.replace('method = "lowest_price_ratio"', price or 'method = "lowest_price_ratio"')


@pytest.mark.parametrize(
    ("figures", "words"),
    [
        # £2.55m typed as 2.55: no bid would ever be flagged as below the true cost.
        ("estimated_value = 3_100_000\ntrue_cost = 2.55", "less than 1/5 of"),
        ("estimated_value = 3.1\ntrue_cost = 2_550_000", "822,581 times"),
    ],
)
def test_a_true_cost_out_of_scale_with_the_estimate_is_warned_of(tmp_path, figures, words):
    path = write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=_with_lot_figures(figures))
    plan, problems = load_plan(path)
    assert plan is not None
    [warning] = [p for p in problems if p.code == "plan.true_cost_scale"]
    assert not warning.is_error and warning.cell == "lots › L1 › true_cost"
    assert warning.message == (
        f"lot L1's true cost is {words} its estimated value: both are for the whole contract, "
        "in pounds"
    )


@pytest.mark.parametrize("true_cost", [620_000, 2_550_000, 15_500_000])
def test_a_true_cost_within_five_times_the_estimate_is_not_warned_of(tmp_path, true_cost):
    figures = f"estimated_value = 3_100_000\ntrue_cost = {true_cost}"
    path = write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=_with_lot_figures(figures))
    assert "plan.true_cost_scale" not in codes(load_plan(path)[1])


@pytest.mark.parametrize(
    ("ceiling", "warned"), [(3.5, True), (3_500_000, False), (600_000, True), (20_000_000, True)]
)
def test_a_ceiling_price_out_of_scale_with_every_lot_is_warned_of(tmp_path, ceiling, warned):
    """A ceiling of £3.50 for £3.5m gave every bid no price marks."""
    price = f'method = "linear_bounds"\nceiling_price = {ceiling}'
    base = _with_lot_figures("estimated_value = 3_100_000", price)
    plan, problems = load_plan(write_plan(tmp_path, QUALITY_60_SV_20_OF_PARENT, base=base))
    assert plan is not None
    found = [p for p in problems if p.code == "plan.ceiling_scale"]
    assert bool(found) == warned
    if warned:
        assert found[0].cell == "price.ceiling_price" and not found[0].is_error
        assert found[0].message.endswith(
            "the lots' estimated values (£3,100,000): a bid at or above it scores no price marks"
        )


@pytest.mark.parametrize(
    ("staff", "turnover", "balance", "sme"),
    [
        (40, 50_000_000, None, None),  # over on turnover; the balance sheet could make it one
        (40, None, 50_000_000, None),
        (40, 50_000_000, 1_000_000, True),  # either figure within its limit is enough
        (40, 1_000_000, None, True),
        (40, None, 1_000_000, True),
        (40, 50_000_000, 40_000_000, False),  # both over
        (40, 44_000_000, 38_000_000, True),  # the limits themselves are within
        (249, 1_000_000, 1_000_000, True),
        (250, 1_000_000, None, False),  # too many staff, whatever the money
        (None, 1_000_000, 1_000_000, None),
        (40, None, None, None),
    ],
)
def test_sme_status_is_decided_only_when_the_figures_decide_it(staff, turnover, balance, sme):
    """Under the default definition (fewer than 250 staff; turnover up to £44m or balance
    sheet up to £38m), worked by hand: a turnover over the limit with no balance sheet was
    recorded as not an SME, though a balance sheet of £1m would make it one."""
    from tendereval.plan import SmeDefinition

    assert SmeDefinition().is_sme(staff, turnover, balance) is sme


def test_an_sme_limit_in_millions_is_warned_of(tmp_path) -> None:
    """44 for £44m made every supplier with a turnover over £44 too large to be an SME."""
    extra = "[sme]\nmax_turnover = 44\nmax_balance_sheet = 38_000_000\n"
    plan, problems = plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)
    assert plan is not None and plan.sme.max_turnover == 44
    [warning] = [p for p in problems if p.code == "plan.sme_limit"]
    assert (warning.cell, warning.found, warning.is_error) == ("sme.max_turnover", "44", False)
    assert warning.message == (
        "an SME limit of £44.00 leaves almost every supplier too large to be an SME: is it in "
        "£ millions?"
    )
    assert warning.expected == "the limit in pounds (the Procurement Act 2023's is £44,000,000)"
    # The Companies Act's micro-entity limits are not slips.
    extra = "[sme]\nmax_turnover = 1_000_000\nmax_balance_sheet = 500_000\n"
    assert "plan.sme_limit" not in codes(plan_from(tmp_path, QUALITY_60_SV_20_OF_PARENT, extra)[1])


def test_the_placeholders_init_writes_are_warned_of_until_replaced(tmp_path):
    """The tender's reference, name and buyer as `init` writes them go out on every template
    and come back on every report, summary and notice: each is pointed out at its key, in any
    letter case; a plan's own names are not."""
    text = presets()["70-30"].read_text(encoding="utf-8")
    (tmp_path / "tender.toml").write_text(
        text.replace('"Name of the service"', '"NAME OF THE SERVICE "'), encoding="utf-8"
    )
    _, problems = load_plan(tmp_path)
    placeholders = [p for p in problems if p.code == "plan.placeholder"]
    assert [p.cell for p in placeholders] == ["tender.id", "tender.title", "tender.buyer"]
    assert all(p.severity is Severity.WARNING for p in placeholders)
    assert placeholders[2].found == "'Name of the council or body'"
    own = (
        text.replace('"TENDER-001"', '"HC-2027-02"')
        .replace('"Name of the service"', '"Home care"')
        .replace('"Name of the council or body"', '"Kent County Council"')
    )
    (tmp_path / "tender.toml").write_text(own, encoding="utf-8")
    _, problems = load_plan(tmp_path)
    assert not [p for p in problems if p.code == "plan.placeholder"]


@pytest.mark.parametrize(
    ("shares", "found", "hint"),
    [
        ((33.33, 33.33, 33.33), "99.99", "they look rounded (0.01 short of 100)"),
        ((33.3, 33.3, 33.3), "99.9", "they look rounded (0.1 short of 100)"),
        ((40, 35, 30), "105", ""),  # whole numbers that miss: a slip, not rounding
        ((40, 35, 24.5), "99.5", ""),  # too far off for rounding
    ],
)
def test_weights_rounded_to_two_places_say_how_to_make_them_add_up(
    tmp_path: Path, shares, found, hint
) -> None:
    """Equal thirds written 33.33 were "do not add up (found 99.99)" with no word on why."""
    criteria = QUALITY_60_SV_20_OF_PARENT.replace(
        "weight_of_parent = 80", f"weight_of_parent = {shares[0]}"
    ).replace("weight_of_parent = 20", f"weight_of_parent = {shares[1]}")
    criteria += f'\n  [[criteria.questions]]\n  id = "Q3"\n  weight_of_parent = {shares[2]}\n'
    criteria += '  scale = "five"\n'
    _, problems = plan_from(tmp_path, criteria)
    (problem,) = [p for p in problems if p.code == "plan.weights_children"]
    assert problem.found == found
    if hint:
        assert hint in problem.expected
        assert "thirds as 33.34, 33.33 and 33.33" in problem.expected
    else:
        assert "rounded" not in problem.expected
