"""What a pandas DataFrame given where a polars one is taken is called, and how to convert it.

"scores must be a polars DataFrame …, not DataFrame" read as a contradiction, ``allocate``
quoted a cut-off slice of pandas' printed table, and the advice ``pl.from_pandas`` fails
without pyarrow (not installed with tendereval) for any frame of text under pandas 3.
"""

from __future__ import annotations

# Converts any pandas frame without pyarrow: a dict of plain lists, one per column.
CONVERT = 'pl.DataFrame(df.to_dict("list"))'


def is_pandas_frame(value: object) -> bool:
    """Whether ``value`` is a pandas DataFrame (known by its type, without importing pandas)."""
    kind = type(value)
    return kind.__name__ == "DataFrame" and kind.__module__.split(".")[0] == "pandas"


def described(value: object) -> str:
    """``value`` as a message names what was given: a pandas DataFrame with how to convert it,
    else its type's name."""
    if is_pandas_frame(value):
        return (
            f"a pandas DataFrame; convert it with {CONVERT} (or pl.from_pandas(df), which "
            "needs pyarrow installed)"
        )
    return type(value).__name__
