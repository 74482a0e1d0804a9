"""A package's score typed as the average of its lots' scores rather than their sum.

An offers file gives a package the sum of its lots' scores, so it competes fairly with the
single-lot offers it would replace. An average (85 for three lots scored about 85 each) made
a package far cheaper than three single-lot offers lose to them (240 points) without a word.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from tendereval.errors import Problem, Severity

# The most one lot's total score can be, as the offers checks read a single-lot score (above
# it is a decimal point left out): a package whose lots are summed passes it quickly.
ONE_LOT_MOST = 100.0
# Below this share of its supplier's own single-lot scores together a package reads as their
# average, not their sum (see packages_scored_as_averages).
OWN_SHARE = 0.75


def packages_scored_as_averages(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Callable[[int, str], str]
) -> list[tuple[int, Problem]]:
    """A warning at the score of each package that reads as its lots' average, by one of two
    rules, the first that applies:

    - its own: the package scores less than three quarters of what the same supplier's
      single-lot offers for lots of the package score together (the lowest where it has two
      for a lot). An average of two or more lots is at most half their sum (and a little
      more when the package was scored a little better); a package scored as the file asks,
      each lot's score summed and perhaps rounded or scored a little differently as a whole
      (375.7 against singles adding up to 375.71), is far above it.
    - the market's, where the supplier has no single-lot offer in some of the lots: the
      package scores no more than one lot can (:data:`ONE_LOT_MOST`, or the highest
      single-lot score in the file if higher) and, spread over its lots, less than every
      single-lot offer for any of them. An honest package meets both only when its supplier
      scores, on average, below every other offer in every one of its lots and within one
      lot's score in all: rare, and a check clears it.
    """
    score = pl.col("score")
    scored = offers.filter(score.is_not_null()).with_columns(size=pl.col("lots").list.len())
    singles = scored.filter(pl.col("size") == 1).select(
        "supplier", lot=pl.col("lots").list.first(), single=score
    )
    packages = scored.filter(pl.col("size") > 1)
    if singles.is_empty() or packages.is_empty():
        return []
    one_lot_most = max(ONE_LOT_MOST, singles.get_column("single").max())  # type: ignore[type-var]
    in_lots = packages.select("_row", "supplier", "score", "size", lot=pl.col("lots")).explode(
        "lot"
    )
    own = (
        in_lots.join(
            singles.group_by("supplier", "lot").agg(pl.col("single").min()),
            on=["supplier", "lot"],
        )
        .group_by("_row")
        .agg(
            pl.col("single").sum().alias("own"),
            pl.col("lot").sort().alias("own_lots"),
            pl.len().alias("own_count"),
        )
    )
    market = (
        in_lots.join(singles.select("lot", "single"), on="lot")
        .group_by("_row")
        .agg(pl.col("single").min().alias("lowest"))
    )
    found = (
        packages.join(own, on="_row", how="left")
        .join(market, on="_row", how="left")
        .with_columns(own_short=(score < OWN_SHARE * pl.col("own")).fill_null(False))
        .filter(
            pl.col("own_short")
            | (
                (pl.col("own_count").fill_null(0) < pl.col("size"))
                & (score <= one_lot_most)
                & (score / pl.col("size") < pl.col("lowest"))
            )
        )
    )
    problems = []
    for (
        row,
        supplier,
        lots,
        found_score,
        size,
        own_short,
        own_total,
        own_lots,
        lowest,
    ) in found.select(
        "_row", "supplier", "lots", "score", "size", "own_short", "own", "own_lots", "lowest"
    ).iter_rows():
        if own_short:
            why = (
                f"less than its own single-lot offers for {', '.join(own_lots)} score "
                f"together ({own_total:g})"
            )
        else:
            why = (
                f"no more than one lot can, or {found_score / size:.4g} a lot, less than "
                f"every single-lot offer for its lots (lowest {lowest:g})"
            )
        problems.append(
            (
                row,
                Problem(
                    f"{supplier}'s package of {size} lots scores {found_score:g}, {why}: "
                    "check it (a package's score is the sum of its lots' scores, not their "
                    "average)",
                    file=file,
                    sheet=sheet,
                    cell=locate(row, "score"),
                    found=f"{found_score:g}",
                    expected=f"the sum of {supplier}'s scores in lots {', '.join(lots)}, or "
                    "the evaluation's confirmation",
                    code="offers.package_scored_as_average",
                    severity=Severity.WARNING,
                    supplier=supplier,
                ),
            )
        )
    return problems
