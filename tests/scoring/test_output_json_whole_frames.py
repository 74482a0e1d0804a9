"""The score JSON built from whole frames: the same data and the same bytes as before, with
every NaN and infinity written as null however deep it sits."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.scoring.output import _clean, to_json, write_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEYS = [
    "tender",
    "lots",
    "award",
    "unplaced_bids",
    "flags",
    "problems",
    "settings",
    "inputs",
    "plan",
]


@pytest.fixture(scope="module", params=["carers-short-breaks", "homecare-districts"])
def result(request):
    return tendereval.score(EXAMPLES / request.param)


def test_the_file_is_json_dumps_of_the_data_byte_for_byte(result, tmp_path):
    data = to_json(result)
    assert list(data) == KEYS
    assert data == _clean(data)  # nothing left for the value-by-value cleaning to change
    write_json(result, tmp_path / "r.json")
    written = (tmp_path / "r.json").read_bytes()
    reference = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    assert written == reference.encode("utf-8")


def test_the_data_is_what_the_value_by_value_cleaning_gave(result):
    # As to_json built it before: every frame's rows as dicts, then _clean over everything.
    lot = result.lot_ids()[0]
    data = to_json(result)
    assert data["flags"] == _clean(result.flags.to_dicts())
    assert data["inputs"] == _clean(result.inputs.to_dicts())
    assert data["lots"][0]["tipping_points"] == _clean(
        result.tipping_points.filter(pl.col("lot") == lot).drop("lot").to_dicts()
    )


def test_nan_and_infinities_anywhere_are_written_as_null(tmp_path):
    result = tendereval.score(EXAMPLES / "carers-short-breaks")
    bad = replace(
        result,
        results=result.results.with_columns(
            total=pl.when(pl.col("rank") == 1).then(math.nan).otherwise(pl.col("total")),
            margin_to_next=pl.lit(math.inf),
        ),
        criteria=result.criteria.with_columns(weighted=pl.lit(-math.inf)),
        tipping_points=result.tipping_points.with_columns(change=pl.lit(math.nan)),
    )
    data = to_json(bad)
    first = data["lots"][0]["ranking"][0]
    assert first["rank"] == 1 and first["total"] is None and first["margin_to_next"] is None
    assert all(c["weighted"] is None for c in first["criteria"])
    assert all(t["change"] is None for t in data["lots"][0]["tipping_points"])
    write_json(bad, tmp_path / "r.json")  # allow_nan=False would refuse any left
    assert json.loads((tmp_path / "r.json").read_text())["lots"][0]["ranking"][0]["total"] is None
