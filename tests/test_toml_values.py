"""Values TOML takes that no plan, scenarios or decisions file means, and how a message shows
what was found.

A whole number of 309 to 4,300 digits is valid TOML and too large for a float: checking it
stopped tendereval with "internal error: OverflowError" (exit 3). Now it is an error at its
key, "holds a number too large", found "a whole number of 401 digits" (exit 1). And a value
found was shown as Python writes it (``datetime.time(12, 0)``, ``{'a': 1}``); now as TOML
writes it, which is what the officer typed (``12:00:00``, ``{a = 1}``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.lot_splits import load_scenarios
from tests.example_copies import EXAMPLES, example_copy

HUGE = "1" + "0" * 400  # 401 digits: valid TOML (up to 4,300), beyond any float (309)


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "key"),
    [
        ("contract_years = 3", "tender.contract_years"),
        ("share_of_median = 0.8", "abnormally_low.share_of_median"),
        ("weight_of_total = 40", "criteria[0].weight_of_total"),
    ],
)
def test_a_number_too_large_for_a_float_in_the_plan_is_an_error_at_its_key(
    tmp_path: Path, old: str, key: str
) -> None:
    folder = _plan_with(tmp_path, old, f"{old.split(' = ')[0]} = {HUGE}")
    plan, problems = tendereval.load_plan(folder)
    assert plan is None
    (problem,) = [p for p in problems if p.cell == key]
    assert problem.message == f"{key} holds a number too large"
    assert problem.found == "a whole number of 401 digits"
    assert problem.code == "plan.out_of_range"


def test_a_scale_value_too_large_is_refused_as_not_a_number(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    old = re.search(r"values = \[0, 1, 2, 3, 4, 5\]", text)
    assert old is not None
    plan.write_text(text.replace(old.group(), f"values = [0, 1, 2, 3, 4, {HUGE}]"), "utf-8")
    _, problems = tendereval.load_plan(folder)
    (problem,) = [p for p in problems if p.code == "plan.scale"]
    assert problem.found == "[0, 1, 2, 3, 4, a whole number of 401 digits]"


@pytest.mark.parametrize(("key", "where"), [("volume", "units[0].volume"), ("samples", "")])
def test_a_number_too_large_in_the_scenarios_file_is_an_error_at_its_key(
    tmp_path: Path, key: str, where: str
) -> None:
    text = (EXAMPLES / "homecare-lot-splits" / "scenarios.toml").read_text(encoding="utf-8")
    text, changed = re.subn(rf"(?m)^{key} = \d+", f"{key} = {HUGE}", text, count=1)
    assert changed
    path = tmp_path / "scenarios.toml"
    path.write_text(text, encoding="utf-8")
    model, problems = load_scenarios(path)
    assert model is None
    (problem,) = problems
    assert problem.cell == (where or "uncertainty.samples")
    assert problem.message.endswith("holds a number too large")
    assert problem.found == "a whole number of 401 digits"


def test_validate_and_score_say_so_and_exit_1_not_3(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, "contract_years = 3", f"contract_years = {HUGE}")
    for command in (["validate", str(folder)], ["score", str(folder), "--no-report"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert "tender.contract_years holds a number too large" in result.output
        assert "internal error" not in result.output


def test_nan_is_asked_for_as_a_finite_number_not_as_one_without_quotes(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, "share_of_median = 0.8", "share_of_median = nan")
    _, problems = tendereval.load_plan(folder)
    (problem,) = problems
    assert problem.message == "abnormally_low.share_of_median must be a finite number"
    assert problem.found == "nan"
    assert problem.expected == "a number such as 0.8 (nan and inf are no amount)"


def test_a_table_found_is_shown_as_toml_writes_it(tmp_path: Path) -> None:
    folder = _plan_with(
        tmp_path,
        'title = "Short breaks for unpaid carers"',
        "title = {a = 1, b = [1979-05-27T07:32:00-08:00, true, 'x']}",
    )
    _, problems = tendereval.load_plan(folder)
    (problem,) = [p for p in problems if p.cell == "tender.title"]
    assert problem.found == '{a = 1, b = [1979-05-27T07:32:00-08:00, true, "x"]}'


def test_a_time_for_a_date_in_the_decisions_file_is_shown_as_written(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(
        "[standstill]\nstarts_on = 2026-03-04\nends_on = 12:00:00\n", encoding="utf-8"
    )
    (problem,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert problem.cell == "standstill.ends_on"
    assert problem.found == "12:00:00"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
        (100.0001, "100.0001"),
        (2**63, "9223372036854775808"),
        pytest.param(-(10**400), "a whole number of 401 digits", id="401-digits"),
        (False, "false"),
        ({"not a key": 'say "hi"'}, '{"not a key" = "say \\"hi\\""}'),
        pytest.param(
            list(range(100)), "[" + ", ".join(map(str, range(100)))[:198] + "…", id="long-list"
        ),
    ],
)
def test_values_are_shown_as_toml_writes_them(value: object, shown: str) -> None:
    from tendereval.tomlread import as_written

    assert as_written(value) == shown


DESCRIPTOR = '"3" = "Satisfactory: meets the requirement"'


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("3.5", "3.5"),
        ("nan", "nan"),
        ("inf", "inf"),
        ("9223372036854775808", "9223372036854775808"),
        pytest.param(HUGE, "a whole number of 401 digits", id="401-digits"),
        ("true", "true"),
    ],
)
def test_a_descriptor_written_as_a_number_is_an_error_at_its_key(
    tmp_path: Path, value: str, shown: str
) -> None:
    # It passed validate, then score wrote the number into the report as the descriptor, or
    # stopped with an internal error writing one too large for a float (exit 3).
    folder = _plan_with(tmp_path, DESCRIPTOR, f'"3" = {value}')
    plan, problems = tendereval.load_plan(folder)
    assert plan is None
    (problem,) = problems
    assert (problem.cell, problem.message, problem.found, problem.code) == (
        'scales.five_point.descriptors."3"',
        "a descriptor must be text",
        shown,
        "plan.scale",
    )


def test_validate_and_score_agree_on_a_descriptor_too_large(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, DESCRIPTOR, f'"3" = {HUGE}')
    report = tmp_path / "report.xlsx"
    for command in (
        ["validate", str(folder)],
        ["score", str(folder), "--no-sensitivity", "-o", str(report)],
    ):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert "a descriptor must be text" in result.output
    assert not report.exists()
