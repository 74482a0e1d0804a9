"""A number of the notice no float holds (1e400, or NaN and Infinity, which are not JSON) is an
error naming its place and the number as the file writes it: the notice is refused, as one
holding a whole number too long to read is, by init (nothing is created) and by every command
checking the plan against notice.json.

Found by a red team (session 41): a lot's value of 1e400 was read as infinity and shown as
"Infinity" (which the file does not say) in the warning and in the plan's list of things to
settle, and init wrote the plan on; a weight or durationInDays of 1e400 was "a number too
large to read (1e308 or more, or Infinity)", a warning.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tendereval
from tendereval.errors import InputError, Problems
from tendereval.ocds.notice import _parse_json, read_notice

from .tenders import NOTICE

LOT = "releases[0].tender.lots[0]"
# Each field: its place, and the key and value the notice gives it there.
PLACES = {
    "a lot's value": (f"{LOT}.value.amount", '"amount": 1650000'),
    "a weight": (f"{LOT}.awardCriteria.criteria[0].numbers[0].number", '"number": 30'),
    "the lot cap": (
        "releases[0].tender.lotDetails.maximumLotsAwardedPerSupplier",
        '"maximumLotsAwardedPerSupplier": 2',
    ),
    "a duration": (f"{LOT}.contractPeriod.durationInDays", '"durationInDays": 1095'),
}


def _notice(tmp_path, field: str, written: str):
    """The fixture notice with ``field`` (a key of PLACES) written as ``written``."""
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    data["releases"][0]["tender"]["lots"][0]["contractPeriod"] = {"durationInDays": 1095}
    text = json.dumps(data)
    given = PLACES[field][1]
    assert given in text, given
    key = given.split(":")[0]
    path = tmp_path / "notice.json"
    path.write_text(text.replace(given, f"{key}: {written}", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("field", list(PLACES))
@pytest.mark.parametrize("written", ["1e400", "-1e400", "NaN", "Infinity"])
def test_a_number_no_float_holds_is_an_error_naming_it_as_written(tmp_path, field, written):
    notice, problems = read_notice(_notice(tmp_path, field, written))
    assert notice is None
    (error,) = problems
    assert error.is_error and error.code == "notice.syntax"
    assert error.cell == PLACES[field][0]
    assert error.found == written
    assert "Infinity" not in error.message or written == "Infinity"
    assert "inf" not in f"{error.message} {error.expected}".replace("Infinity", "")


def test_init_refuses_such_a_notice_and_creates_nothing(tmp_path) -> None:
    with pytest.raises(InputError) as refused:
        tendereval.init_from_notice(tmp_path / "t", _notice(tmp_path, "a lot's value", "1e400"))
    (error,) = refused.value.problems
    assert (error.cell, error.found) == (PLACES["a lot's value"][0], "1e400")
    assert error.message == (
        "the notice holds a number too large to read (beyond 1.8e308): no value, weight, "
        "duration or cap can be it"
    )
    assert not (tmp_path / "t").exists()


def test_a_long_number_is_shown_by_its_ends_and_length(tmp_path) -> None:
    written = "7" + "0" * 998 + ".5"  # 1,001 characters, 7e998
    _, (error,) = read_notice(_notice(tmp_path, "a weight", written))
    assert error.found == "7" + "0" * 23 + "…" + "000000.5 (1,001 characters)"


def test_every_such_number_is_named_in_the_files_order(tmp_path) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    data = json.loads(text)
    for lot in data["releases"][0]["tender"]["lots"]:
        lot["value"]["amount"] = "@"
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(data).replace('"@"', "1e999"), encoding="utf-8")
    _, problems = read_notice(path)
    assert [(p.cell, p.found, p.is_error) for p in problems] == [
        (f"releases[0].tender.lots[{i}].value.amount", "1e999", True) for i in range(3)
    ]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_other_number_is_read_as_before(number: float) -> None:
    text = json.dumps({"n": number, "m": [number, {"k": number}]})
    assert _parse_json(text.encode(), "notice.json", Problems()) == json.loads(text)
