"""Plans a careless officer writes, found by the red team: each was accepted and changed the
award or what is published without anyone noticing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tendereval.io.keys import supplier_key
from tendereval.plan import load_plan
from tests.plan_helpers import BASE, write_plan

CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 60

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""

AWARD_ON_VALUE = '[price]\nmethod = "award_on_value"\n'


@pytest.mark.parametrize("value", ["-500", "-0.01", "0"])
def test_a_negative_value_per_point_is_refused(tmp_path: Path, value: str) -> None:
    """With value_per_point = -500 the adjusted price was price + £500 × quality points: the
    better a bid's quality, the fewer price marks it got (two bids at one price, quality 16
    and 40 points, scored 60 and 42 price marks)."""
    base = BASE.replace('[price]\nmethod = "lowest_price_ratio"\n',
                        AWARD_ON_VALUE + f"value_per_point = {value}\n")  # fmt: skip
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    (problem,) = [p for p in problems if p.cell == "price.value_per_point"]
    assert problem.code == "plan.price_params"
    assert problem.found == value
    assert problem.expected == "value_per_point = £ per point of quality, more than 0"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("estimated_value", "-300000", "a number more than 0 and at most 1,000,000,000,000"),
        ("estimated_value", "0", "a number more than 0 and at most 1,000,000,000,000"),
        ("true_cost", "-2550000", "a number at least 0 and at most 1,000,000,000,000"),
    ],
)
def test_a_lot_value_below_nothing_is_refused(tmp_path: Path, key, value, expected) -> None:
    """estimated_value = -300000 was accepted, published in the award's OCDS release as a
    negative amount, and put the lot last under a descending_value lot cap; a negative
    true_cost silently turned the below-true-cost flag off. (A true_cost of 0 is the presets'
    way of saying there is none.)"""
    base = BASE.replace("volumes =", f"{key} = {value}\nvolumes =")
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    (problem,) = [p for p in problems if p.cell == f"lots[0].{key}"]
    assert problem.code == "plan.out_of_range"
    assert problem.expected == expected


def test_a_positive_value_per_point_and_lot_values_still_load(tmp_path: Path) -> None:
    base = BASE.replace(
        '[price]\nmethod = "lowest_price_ratio"\n', AWARD_ON_VALUE + "value_per_point = 0.01\n"
    ).replace("volumes =", "estimated_value = 1\ntrue_cost = 0\nvolumes =")
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is not None, [str(p) for p in problems]
    assert (plan.price.value_per_point, plan.lots[0].estimated_value) == (0.01, 1.0)


def test_a_rule_to_disqualify_with_no_minimum_is_pointed_out(tmp_path: Path) -> None:
    """disqualify_below_minimum = true with no minimum was accepted in silence: the officer
    believes the question has a pass mark, and no score can ever fail it."""
    criteria = CRITERIA.replace(
        'scale = "five"', 'scale = "five"\n  disqualify_below_minimum = true'
    )
    plan, problems = load_plan(write_plan(tmp_path, criteria))
    assert plan is not None  # a warning: nothing is scored differently from what is written
    (problem,) = [p for p in problems if p.code == "plan.minimum_rule"]
    assert not problem.is_error
    assert problem.cell == "criteria[1].questions[0].minimum"
    assert (
        problem.expected == "minimum = the lowest score that passes, or no disqualify_below_minimum"
    )


def test_no_disqualification_without_a_minimum_needs_no_word(tmp_path: Path) -> None:
    criteria = CRITERIA.replace(
        'scale = "five"', 'scale = "five"\n  disqualify_below_minimum = false'
    )
    _, problems = load_plan(write_plan(tmp_path, criteria))
    assert "plan.minimum_rule" not in [p.code for p in problems]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (
            "[participation]\nmax_lots_per_supplier = 1\ncap_mechanism = 'as published'\n"
            "cap_rule = 'lot_order'\n",
            "plan.cap_rule",
        ),
        ("", "plan.no_criteria"),
    ],
)
def test_a_missing_setting_is_found_as_nothing_not_as_the_text_nothing(
    tmp_path: Path, extra: str, code: str
) -> None:
    """The plan's reader quotes the text it finds, so a missing setting read "found
    'nothing'", as if the officer had typed the word."""
    criteria = CRITERIA if extra else ""
    _, problems = load_plan(write_plan(tmp_path, criteria, extra))
    missing = [p for p in problems if p.code == code]
    assert missing
    assert all(p.found == "nothing" for p in missing), [p.found for p in missing]
    assert all("found 'nothing'" not in p.describe() for p in problems)


@pytest.mark.parametrize("currency", ["EUR", "USD", "pounds", "£"])
def test_a_plan_in_another_currency_is_refused(tmp_path: Path, currency: str) -> None:
    """currency = "EUR" was accepted, and every price in the report, the summaries and on the
    terminal was shown in pounds: €2.1m read as £2.1m to the committee and to every bidder."""
    base = BASE.replace('regime = "PA2023"', f'regime = "PA2023"\ncurrency = "{currency}"')
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is None
    (problem,) = [p for p in problems if p.cell == "tender.currency"]
    assert problem.code == "plan.currency" and problem.expected == '"GBP"'
    assert "pounds" in problem.message


def test_gbp_in_any_case_is_the_iso_code_ocds_needs(tmp_path: Path) -> None:
    """currency = "gbp" was published as "gbp", which OCDS's closed currency codelist
    does not hold."""
    base = BASE.replace('regime = "PA2023"', 'regime = "PA2023"\ncurrency = "gbp"')
    plan, problems = load_plan(write_plan(tmp_path, CRITERIA, base=base))
    assert plan is not None and plan.currency == "GBP"
    assert not [p for p in problems if p.cell == "tender.currency"]


def test_a_notice_in_euros_says_so_when_the_plan_is_drafted(tmp_path: Path) -> None:
    from tendereval.ocds.from_notice import plan_text
    from tendereval.ocds.notice import read_notice

    notice_file = Path(__file__).parent / "ocds" / "fixtures" / "find-a-tender-notice.json"
    euros = tmp_path / "notice.json"
    euros.write_text(notice_file.read_text(encoding="utf-8").replace('"GBP"', '"EUR"'))
    notice, _ = read_notice(euros)
    assert notice is not None
    draft = plan_text(notice)
    assert any("the notice gives EUR" in choice for choice in draft.choices)


NFC, NFD = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
QUESTIONS = """
  [[criteria.questions]]
  id = "{first}"
  weight_of_parent = 50
  scale = "five"

  [[criteria.questions]]
  id = "{second}"
  weight_of_parent = 50
  scale = "five"
"""
LOTS = (
    '[[lots]]\nid = "{first}"\nvolumes = {{ hours = 1 }}\n\n'
    '[[lots]]\nid = "{second}"\nvolumes = {{ hours = 1 }}\n'
)
ITEMS = '[[price.items]]\nid = "{first}"\n\n[[price.items]]\nid = "{second}"\n'
Q, G = "criteria[1].questions", "evaluation.groups"  # where the two ids are
GROUPS = (
    '[[evaluation.groups]]\nid = "{first}"\nshare = 20\n\n'
    '[[evaluation.groups]]\nid = "{second}"\nshare = 20\n'
)


def _with_two(kind: str, first: str, second: str, folder: Path) -> Path:
    """A plan with two ids of ``kind``, ``first`` and ``second``, where the base has one."""
    pair = {"first": first, "second": second}
    base, criteria, extra = BASE, CRITERIA, ""
    if kind == "lots":
        lot = '[[lots]]\nid = "L1"\nname = "Lot one"\nvolumes = { hours = 1000 }\n'
        base = base.replace(lot, LOTS.format(**pair))
    elif kind == "criteria.questions":
        criteria = criteria.replace(
            '  [[criteria.questions]]\n  id = "Q1"\n  weight_of_parent = 100\n  scale = "five"\n',
            QUESTIONS.format(**pair),
        )
    elif kind == "price.items":
        base = base.replace('[[price.items]]\nid = "hours"\n', ITEMS.format(**pair))
    else:
        extra = GROUPS.format(**pair)
    return write_plan(folder, criteria, extra, base=base)


@pytest.mark.parametrize(
    ("kind", "first", "second", "first_at", "second_at"),
    [
        ("lots", NFC, NFD, "lots[0].id", "lots[1].id"),
        ("criteria.questions", NFD, NFC, f"{Q}[0].id", f"{Q}[1].id"),
        ("criteria.questions", "Q1", "\uff31\uff11", f"{Q}[0].id", f"{Q}[1].id"),  # full width
        ("price.items", "hours", "Hours", "price.items[0].id", "price.items[1].id"),
        ("evaluation.groups", "carers panel", "Carers  Panel", f"{G}[0].id", f"{G}[1].id"),
    ],
)  # fmt: skip
def test_two_ids_the_files_cannot_tell_apart_are_refused_naming_both(
    tmp_path: Path, kind: str, first: str, second: str, first_at: str, second_at: str
) -> None:
    """A bid return, score sheet or decision names a lot, question, price item or evaluator
    group as the loaders match it (io/keys.py: NFKC, spacing and case folded). Two lots "Café"
    (one typed with é, one with e and an accent) were both accepted, and every price and score
    given for the first was read into the second; so were "Q1" beside a full-width "Ｑ1", and
    price items "hours" and "Hours". The second is refused, naming the first."""
    assert supplier_key(first) == supplier_key(second) and first != second
    plan, problems = load_plan(_with_two(kind, first, second, tmp_path))
    assert plan is None
    (problem,) = [p for p in problems if p.code == "plan.duplicate_id"]
    assert problem.cell == second_at
    assert f"id {second!r} is read as the same" in problem.message
    assert f"as {first!r} ({first_at})" in problem.message


def test_ids_that_print_alike_are_told_apart_by_their_characters(tmp_path: Path) -> None:
    _, problems = load_plan(_with_two("lots", NFC, NFD, tmp_path))
    (problem,) = [p for p in problems if p.code == "plan.duplicate_id"]
    assert "U+0301 COMBINING ACUTE ACCENT" in problem.message
    assert "U+00E9 LATIN SMALL LETTER E WITH ACUTE" in problem.message


def test_an_id_given_twice_names_where_it_was_first_given(tmp_path: Path) -> None:
    _, problems = load_plan(_with_two("price.items", "hours", "hours", tmp_path))
    (problem,) = [p for p in problems if p.code == "plan.duplicate_id"]
    assert problem.cell == "price.items[1].id"
    assert problem.message == "price item id used twice (price.items[0].id is 'hours' too)"


@pytest.mark.parametrize("kind", ["lots", "criteria.questions", "price.items", "evaluation.groups"])
def test_ids_the_files_tell_apart_still_load(tmp_path: Path, kind: str) -> None:
    _, problems = load_plan(_with_two(kind, "A1", "A2", tmp_path))
    assert not [p for p in problems if p.code == "plan.duplicate_id"]
