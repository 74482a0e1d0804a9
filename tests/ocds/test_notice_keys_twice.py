"""A key an object of notice.json gives twice with different values.

Red team (mutate2 repro_2): each lot's Service delivery model weight given as
``"number": 30, "number": 50`` was read as 50 without a word (Python's json keeps the last;
other readers keep the first), so the plan's weights could be other than the buyer meant.
Now each is a warning (``notice.key_twice``) naming the place and both values, as a column
headed twice is (docs/inputs.md); the last is still the one read.
"""

from __future__ import annotations

import json

from tendereval.ocds.notice import read_notice

from .tenders import NOTICE

CRITERION = "releases[0].tender.lots[{lot}].awardCriteria.criteria[0].numbers[0].number"


def _notice_saying(tmp_path, old: str, new: str):
    text = json.dumps(json.loads(NOTICE.read_text(encoding="utf-8")))
    assert old in text
    path = tmp_path / "notice.json"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return read_notice(path)


def test_a_weight_given_twice_differently_is_warned_of_in_each_lot(tmp_path) -> None:
    notice, problems = _notice_saying(
        tmp_path, '"number": 30, "weight"', '"number": 30, "number": 50, "weight"'
    )
    assert [p.code for p in problems] == ["notice.key_twice"] * 3
    assert [p.cell for p in problems] == [CRITERION.format(lot=lot) for lot in range(3)]
    first = problems[0]
    assert not first.is_error and first.found == "30 and 50"
    assert first.message == (
        'the key "number" is given twice with different values; the last is read'
    )
    assert notice.lots[0].criteria[0].weight == 50  # the last, as before


def test_a_key_given_twice_with_the_same_value_is_not_mentioned(tmp_path) -> None:
    _, problems = _notice_saying(
        tmp_path, '"number": 30, "weight"', '"number": 30, "number": 30, "weight"'
    )
    assert problems == []


def test_true_and_1_are_different_values(tmp_path) -> None:
    _, problems = _notice_saying(
        tmp_path, '"number": 30, "weight"', '"number": 1, "number": true, "number": 30, "weight"'
    )
    assert {p.found for p in problems} == {"1 and true and 30"}


def test_many_keys_given_twice_are_named_to_twenty_and_the_rest_counted(tmp_path) -> None:
    pairs = ", ".join(f'"x{i}": 1, "x{i}": 2' for i in range(25))
    _, problems = _notice_saying(tmp_path, '{"uri"', "{" + pairs + ', "uri"')
    assert [p.cell for p in problems[:2]] == ["x0", "x1"]
    assert len(problems) == 21
    assert problems[-1].message.startswith("5 more keys are given twice")
