"""A lot the notice publishes with no usable id is named as left out of the plan, and a plan
without it is told so by validate (notice.lot_missing, matched by name), as for a lot with an
id.

Found by a red team (session 40, rtocds 1): with lot 1's id deleted (or "", null, true, 1.5,
{"x": 1}), init wrote a plan of two lots with only a warning "a lot has no id (found
nothing)", and validate passed: the award notice would have left out a published lot.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import tendereval
from tendereval.ocds.check import check_folder_against_notice

from .tenders import NOTICE

MISSING = object()


def _notice_without_lot_1_id(tmp_path: Path, given: object) -> Path:
    data = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))
    lot = data["releases"][0]["tender"]["lots"][0]
    assert lot["title"] == "Ashford"
    if given is MISSING:
        del lot["id"]
    else:
        lot["id"] = given
    path = tmp_path / "notice-no-id.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("given", "found"),
    [
        (MISSING, "nothing"),
        (None, "nothing"),
        ("", '"" (empty text)'),
        (True, "true"),
        (1.5, "1.5"),
        ({"x": 1}, '{"x": 1}'),
    ],
)
def test_init_names_the_lot_left_out_and_what_its_id_was(tmp_path, given, found) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", _notice_without_lot_1_id(tmp_path, given))
    plan, _ = tendereval.load_plan(made.plan)
    assert [lot.name for lot in plan.lots] == ["Canterbury", "Dover"]
    (warning,) = [p for p in made.problems if p.cell == "releases[0].tender.lots[0].id"]
    assert warning.message.startswith("a lot (Ashford) has no id tendereval can read, so the")
    assert "leaves it out" in warning.message
    assert warning.found == found
    assert any(
        choice.startswith("the lots the notice publishes with no id ('Ashford')")
        for choice in made.choices
    )


def test_validate_says_the_published_lot_is_missing(tmp_path: Path) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", _notice_without_lot_1_id(tmp_path, MISSING))
    problems = check_folder_against_notice(tmp_path / "t", None)
    (missing,) = [p for p in problems if p.code == "notice.lot_missing"]
    assert missing.is_error
    assert missing.message == (
        "the notice publishes a lot (Ashford) with no id, and the plan does not have it"
    )
    assert "releases[0].tender.lots[0]" in missing.found
    # Added to the plan by its name, it is matched by that name: the notice gives no id for
    # the award notice to name it by, which is said, and it is not called unpublished.
    text = made.plan.read_text(encoding="utf-8")
    lots = text.index("[[lots]]")
    ashford = '[[lots]]\nid = "1"\nname = "Ashford"\n\n'
    made.plan.write_text(text[:lots] + ashford + text[lots:], encoding="utf-8")
    problems = check_folder_against_notice(tmp_path / "t", None)
    codes = [p.code for p in problems if p.is_error]
    assert "notice.lot_missing" not in codes and "notice.lot_not_published" not in codes
    (named,) = [p for p in problems if p.code == "notice.lot_id"]
    assert named.message.startswith("lot 1 (Ashford) is the notice's lot (Ashford) by its name")
