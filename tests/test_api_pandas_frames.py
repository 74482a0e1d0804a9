"""A pandas frame given where a polars one is taken is named so, with advice that works.

Found by the red team (session 40): ``tender.scores = <pandas frame>`` said "must be a polars
DataFrame (pl.from_pandas converts a pandas one), not DataFrame"; ``allocate(<pandas frame>)``
quoted a cut-off slice of pandas' printed table, with no word of converting it; and
``pl.from_pandas`` fails without pyarrow (not installed with tendereval) for text columns.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.pandas_frames import CONVERT, described, is_pandas_frame

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
OFFERS = Path(__file__).resolve().parents[1] / "examples" / "offers" / "homecare-offers.csv"


class DataFrame:
    """Stands for pandas' DataFrame (known by its type's name and module, as pandas is not
    needed to tell it): ``to_dict("list")`` as pandas gives it."""

    def __init__(self, columns: dict[str, list]) -> None:
        self.columns = columns

    def to_dict(self, orient: str) -> dict[str, list]:
        assert orient == "list"
        return self.columns

    def __repr__(self) -> str:
        return "   offer_id supplier  ...  group  sm\n0  O1  A  ..."


DataFrame.__module__ = "pandas.core.frame"


def test_a_pandas_frame_is_named_as_one_with_how_to_convert_it() -> None:
    frame = DataFrame({"a": ["x"]})
    assert is_pandas_frame(frame) and not is_pandas_frame(pl.DataFrame())
    tender = tendereval.load_tender(CARERS)
    with pytest.raises(tendereval.UsageError) as raised:
        tender.scores = frame
    message = str(raised.value)
    assert "not a pandas DataFrame" in message and CONVERT in message
    assert "not DataFrame" not in message


def test_allocate_names_a_pandas_frame_and_how_to_convert_it() -> None:
    with pytest.raises(tendereval.UsageError) as raised:
        tendereval.allocate(DataFrame({"a": ["x"]}))
    message = str(raised.value)
    assert "a pandas DataFrame" in message and CONVERT in message
    assert "offer_id supplier" not in message  # not its printed table


def test_the_advice_converts_a_frame_of_text_without_pyarrow() -> None:
    offers = pl.read_csv(OFFERS)
    as_pandas = DataFrame(offers.to_dict(as_series=False))
    df = as_pandas
    converted = eval(CONVERT, {"pl": pl, "df": df})  # the advice, as an officer types it
    assert converted.equals(offers)
    assert described(5) == "int"
