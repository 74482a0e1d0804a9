"""An offers frame with two columns read as one gets the file's error, not polars'.

Found by the red team (session 40): ``allocate(frame)`` with ``price`` and ``Price`` (or
``score`` and `` score``, ``supplier`` and ``Supplier``) failed with polars' DuplicateError,
where the same table as a file gives "The offers table has 2 columns headed price".
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval

OFFERS = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"


@pytest.mark.parametrize(("kept", "twice"), [("price", "Price"), ("score", " score")])
def test_two_columns_read_as_one_are_the_files_error(kept, twice) -> None:
    offers = pl.read_csv(OFFERS)
    frame = offers.with_columns(pl.col(kept).alias(twice))
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.allocate(frame)
    [problem] = raised.value.problems
    assert problem.message == f"The offers table has 2 columns headed {kept}"
    first, second = offers.columns.index(kept) + 1, offers.width + 1
    assert problem.found == f"'{kept}' in column {first}, '{twice.strip()}' in column {second}"
