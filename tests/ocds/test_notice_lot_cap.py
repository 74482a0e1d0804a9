"""The lot cap (``maximumLotsAwardedPerSupplier``) as the notice writes it.

Red team (mutate2 repro_5): a cap written as "2", 2.5 or true was dropped without a word:
``init --from-notice`` wrote no max_lots_per_supplier and listed nothing, and ``validate``
against the notice saw no cap, though the published cap binds the award (PA2023 s.23(4)).
Now "2" is read as 2 with a warning (as a lot value in figures is), and any other value is a
warning naming the place, the cap then listed by init for the officer to settle.
"""

from __future__ import annotations

import copy
import json
import tomllib

import pytest

from tendereval.errors import Problems
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data
from tendereval.plan import parse_plan

from .tenders import NOTICE

PLACE = "releases[0].tender.lotDetails.maximumLotsAwardedPerSupplier"


def _read(cap):
    data = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))
    data["releases"][0]["tender"]["lotDetails"]["maximumLotsAwardedPerSupplier"] = cap
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    draft = plan_text(notice)
    plan = parse_plan(tomllib.loads(draft.text), "tender.toml", Problems())
    return notice, problems.items, plan, draft.choices


def test_a_cap_written_as_figures_in_text_is_read_with_a_warning() -> None:
    notice, problems, plan, _ = _read("2")
    assert notice.max_lots_per_supplier == 2
    assert plan.lot_cap.max_lots_per_supplier == 2
    (problem,) = problems
    assert (problem.code, problem.cell, problem.found) == ("notice.shape", PLACE, '"2"')
    assert "read as 2" in problem.message


@pytest.mark.parametrize(("cap", "shown"), [(2.5, "2.5"), (True, "true"), ([2], "[2]")])
def test_a_cap_that_is_no_whole_number_is_warned_of_and_listed_for_the_officer(cap, shown) -> None:
    notice, problems, plan, choices = _read(cap)
    assert notice.max_lots_per_supplier is None and notice.cap_unread == shown
    (problem,) = problems
    assert (problem.code, problem.cell, problem.found) == ("notice.shape", PLACE, shown)
    assert plan.lot_cap.max_lots_per_supplier is None  # nothing certain is written
    (listed,) = [c for c in choices if c.startswith("the lot cap")]
    assert f"the notice gives {shown}" in listed and "max_lots_per_supplier" in listed


def test_a_cap_published_as_a_number_reads_without_a_word() -> None:
    notice, problems, plan, _ = _read(2)
    assert (notice.max_lots_per_supplier, notice.cap_unread, problems) == (2, "", [])
    assert plan.lot_cap.max_lots_per_supplier == 2


@pytest.mark.parametrize(
    ("cap", "shown", "said"),
    [
        (0, "0", "the lot cap is 0, which would bar every supplier from every lot"),
        ("0", '"0"', "the lot cap is 0, which would bar every supplier from every lot"),
        (-1, "-1", "the lot cap is -1, a number of lots below 0, which means nothing"),
    ],
)
def test_a_cap_of_no_lot_is_not_read_as_given(cap, shown, said) -> None:
    """Before, a cap of 0 or -1 was read as given: init wrote max_lots_per_supplier = 0 (a
    cap barring every supplier, which the plan then refused) and validate compared the plan
    with it. Now it is treated as 2.5 is: one warning, not read, and listed for the officer."""
    notice, problems, plan, choices = _read(cap)
    assert notice.max_lots_per_supplier is None and notice.cap_unread == shown
    (problem,) = problems
    assert (problem.code, problem.cell, problem.found) == ("notice.shape", PLACE, shown)
    assert problem.message == f"{said}, so it is not read: the plan has no cap from it"
    assert not problem.is_error and "1 or more" in problem.expected
    assert plan is not None and plan.lot_cap.max_lots_per_supplier is None
    (listed,) = [c for c in choices if c.startswith("the lot cap")]
    assert f"the notice gives {shown}" in listed
    assert "# max_lots_per_supplier = ?" in plan_text(notice).text


def _init_and_validate(tmp_path, cap):
    """``init --from-notice`` of the fixture notice (three lots) with ``cap``, then
    ``validate``, through the command line."""
    from click.testing import CliRunner

    from tendereval.cli import cli

    data = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))
    data["releases"][0]["tender"]["lotDetails"]["maximumLotsAwardedPerSupplier"] = cap
    notice = tmp_path / "notice-with-cap.json"
    notice.write_text(json.dumps(data), encoding="utf-8")
    folder = tmp_path / "t"
    made = CliRunner().invoke(cli, ["init", str(folder), "--from-notice", str(notice)])
    assert made.exit_code == 0, made.output
    plan = tomllib.loads((folder / "tender.toml").read_text(encoding="utf-8"))
    return made.output, plan, CliRunner().invoke(cli, ["validate", str(folder)])


def test_a_cap_above_the_number_of_lots_is_kept_with_a_warning(tmp_path) -> None:
    """A cap of 5 on 3 lots was written into the plan without a word, and validate and score
    said nothing: no supplier can win 5 of 3 lots, so the cap never limits an award (maybe
    maximumLotsBidPerSupplier put in its place). It is kept as published (the plan must
    follow the notice) and warned of by init and every command reading the notice."""
    said = (
        f"{PLACE}: warning: the lot cap is 5, more lots than the notice publishes (3 lots): no "
        "supplier can be awarded that many, so the cap never limits an award (found 5)"
    )
    output, plan, checked = _init_and_validate(tmp_path, 5)
    assert said in output
    assert plan["participation"]["max_lots_per_supplier"] == 5
    assert checked.exit_code == 0, checked.output
    assert said in checked.output


@pytest.mark.parametrize("cap", [3, 2])
def test_a_cap_of_no_more_than_the_lots_is_not_warned_of(tmp_path, cap) -> None:
    """A cap of every lot is how buyers publish "no cap" on Find a Tender's form."""
    notice, problems, _, _ = _read(cap)
    assert (notice.max_lots_per_supplier, problems) == (cap, [])


@pytest.mark.parametrize(("cap", "shown"), [(20_000, "20,000"), (10**20, f"{10**20:,}")])
def test_a_cap_the_plan_cannot_hold_is_not_written(tmp_path, cap, shown) -> None:
    """A cap of 20,000 lots was written into the plan, which refused it (a plan's cap is at
    most 10,000): init succeeded and validate exited 1 (out of range, and the plan's cap
    differing from the notice's). Such a cap never limits an award; it is not read, with a
    warning, and there is nothing for the officer to settle."""
    output, plan, checked = _init_and_validate(tmp_path, cap)
    said = (
        f"{PLACE}: warning: the lot cap is {shown}, more lots than any tender has, so it is not "
        "read: it never limits an award, and the plan has no cap from it"
    )
    assert said in output
    assert "max_lots_per_supplier" not in plan["participation"]
    assert not any(line.startswith("  - the lot cap") for line in output.splitlines())
    assert checked.exit_code == 0, checked.output
    assert said in checked.output
