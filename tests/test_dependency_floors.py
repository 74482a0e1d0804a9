"""The lowest versions pyproject.toml allows are ones on which tendereval works.

polars 1.30 to 1.36 refuse to set a boolean series at places not in order ("ComputeError: set
indices must be sorted"), which io/frame_rules.py's check for repeated rows does
(``_distinct_rows``, a boolean per combination of keys): ``tendereval score`` stopped with an
internal error on the carers example. 1.37.0 is the first release that scores it. The floor
was raised rather than the call changed: setting bytes in place of booleans, or sorting the
places first, takes five times as long on a million scores.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import polars as pl

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
POLARS_FLOOR = (1, 37)


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", text))


def _polars_floor() -> tuple[int, ...]:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    [polars] = [d for d in dependencies if re.match(r"polars\b", d)]
    floor = re.search(r">=\s*([0-9.]+)", polars)
    assert floor, polars
    return _numbers(floor.group(1))


def test_pyproject_allows_no_polars_that_stops_scoring() -> None:
    assert _polars_floor() >= POLARS_FLOOR


def test_the_polars_installed_is_at_least_the_floor_and_sets_places_out_of_order() -> None:
    assert _numbers(version("polars"))[:2] >= _polars_floor()[:2]
    taken = pl.repeat(False, 8, eager=True).scatter(pl.Series([5, 1, 3, 1]), True)
    assert taken.to_list() == [False, True, False, True, False, True, False, False]
