"""Every figure written as text reads as the cell beside it shows it: to so many places, a half
away from zero, after the 15 significant digits Excel keeps (io.numformat.as_shown). Found by a
red team playing a losing bidder's lawyer: 3 hours at £33.375 is £100.125, which the report's
"£"#,##0.00 cell shows as £100.13 and comparison.pence counts as 10,013p, yet the terminal, the
publish line, the award notice's amount and the summary's price cell said £100.12 (Python's
rounding, a half to even) while the explanation in the same summary row said £100.13; price
points of exactly 28.125 were 28.13 in their cell and "28.12 of 40 points" beside it; a Q1
mean of 49.99667 (0–100 scale, minimum 50) was disqualified as "scored 50.0 (mean), below the
minimum of 50" beside a cell reading 49.9967; and 99.999% of the price marks read "100.0%".

The rule has two forms, one for a number (wording.pounds, wording.figure) and one for a column
(scoring.common.money, scoring.common.num); the properties below hold them to each other and
to Excel's rounding worked out here in decimal."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.numformat import displayed
from tendereval.ocds.formats import number
from tendereval.ocds.notice import figures
from tendereval.ocds.release import release_package
from tendereval.report import styles
from tendereval.report.summaries import write_summaries
from tendereval.scoring import score
from tendereval.scoring.common import money, num
from tendereval.scoring.output import render
from tendereval.wording import figure, pounds
from tests.scoring.builders import make_plan, tender

PRICE_AND_Q1 = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = {price}

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = {quality}
  [[criteria.questions]]
  id = "Q1"
  title = "Service"
  weight_of_parent = 100
  scale = "{scale}"
{minimum}"""


def _plan(price: float = 40, quality: float = 60, volume: float = 1000, **q1: str):
    criteria = PRICE_AND_Q1.format(
        price=price,
        quality=quality,
        scale=q1.get("scale", "five"),
        minimum=q1.get("minimum", ""),
    )
    return make_plan(q1.get("scales", ""), criteria, volume=volume)


def _reason(result, supplier: str, criterion: str) -> str:
    return result.criteria.filter(
        (pl.col("supplier") == supplier) & (pl.col("criterion") == criterion)
    ).row(0, named=True)["reason"]


# ---- A half penny: £100.125 is £100.13 in every output ------------------------------------


@pytest.fixture(scope="module")
def half_penny():
    """3 hours at £33.375 (Alpha, the lowest), £33.50 and £40: Alpha's prices come to
    £100.125 exactly (33.375 = 267/8 is a float exactly, and so is 3 × it), and its
    evaluated price, to the penny as it is scored, is £100.13."""
    plan = _plan(volume=3)
    result = score(tender(plan, rates={"Alpha": 33.375, "Beta": 33.5, "Gamma": 40}))
    assert result.award.winner("L1") == "Alpha"
    assert result.results.filter(pl.col("supplier") == "Alpha")["evaluated_price"].item() == (
        100.13
    )
    return result


def test_the_report_cell_shows_the_half_penny_up() -> None:
    # What the report's money cell shows (Excel's rounding, as numformat works it out).
    assert displayed(100.125, styles.MONEY) == "£100.13"


def test_the_terminal_says_100_13(half_penny) -> None:
    text = render(half_penny)
    assert "£100.13" in text and "£100.12" not in text


def test_a_summary_row_says_100_13_in_both_cells(half_penny, tmp_path) -> None:
    paths = write_summaries(half_penny, tmp_path)
    beta = next(p for p in paths if p.name.startswith("beta"))
    ws = openpyxl.load_workbook(beta)["Lot L1"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    # The winner's price row: the price on its scale, and the explanation beside it.
    assert "£100.13" in texts
    assert any(t.startswith("evaluated price £100.13 ") for t in texts)
    assert not any("100.12" in t for t in texts)


def test_the_award_notice_publishes_100_13(half_penny) -> None:
    published = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    package = release_package(half_penny, ocid="ocds-abc123-T-1", published_at=published)
    award = package["releases"][0]["awards"][0]
    assert award["value"] == {"amount": 100.13, "currency": "GBP"}


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (100.125, "£100.13"),  # Python's f"{x:,.2f}" and round() gave £100.12
        (18.275 * 2341, "£42,781.78"),  # 42781.774999999994: Excel's 15 digits make it .775
        (1.005, "£1.01"),  # a float just under 1.005; Excel shows 1.01
        (-12.5, "-£12.50"),
        (1_484_900, "£1,484,900.00"),
        (float("inf"), "infinite"),
    ],
)
def test_pounds(amount: float, shown: str) -> None:
    assert pounds(amount) == shown
    assert pl.select(money(pl.lit(amount))).item() == shown


def test_the_notice_and_its_figures_round_a_half_penny_up() -> None:
    assert number(100.125, 2) == 100.13 and number(40.0, 2) == 40
    assert number(33.3333335, 6) == 33.333334  # weights, to a millionth, alike
    assert figures(1_650_000.005) == "1,650,000.01" and figures(1_650_000) == "1,650,000"


# ---- Points and scores in reasons read as their cells ---------------------------------------


def test_price_points_of_exactly_28_125_read_28_13() -> None:
    """£45,000, £64,000 and £80,000 at 40 points, lowest price ratio: Beta has 45/64 =
    70.3125% of the marks, 28.125 points, shown 28.13 in its cell (format 0.00)."""
    result = score(tender(_plan(), rates={"Alpha": 45, "Beta": 64, "Gamma": 80}))
    assert _reason(result, "Beta", "price").endswith(
        "70.31% of the price marks, 28.13 of 40 points"
    )


def test_a_share_under_all_the_marks_never_reads_100_percent() -> None:
    """Price weighted 33.333; Beta's £45,000.40 against Alpha's £45,000 has 45,000/45,000.4
    = 99.99911% of the marks, 33.33270 points: "100.0%" said it had them all."""
    plan = _plan(price=33.333, quality=66.667)
    result = score(tender(plan, rates={"Alpha": 45, "Beta": 45.0004, "Gamma": 80}))
    assert _reason(result, "Beta", "price").endswith(
        "99.99% of the price marks, 33.33 of 33.333 points"
    )
    assert _reason(result, "Alpha", "price").endswith(
        "100% of the price marks, 33.33 of 33.333 points"
    )


def test_a_score_below_its_minimum_is_quoted_to_the_places_it_is_compared_in() -> None:
    """A 0–100 scale, minimum 50 (disqualifying); evaluators 50, 50 and 49.99: the mean is
    149.99 / 3 = 49.99667, 49.9967 to 4 places as the summary's cell shows it."""
    plan = _plan(
        scales="\n[scales.pct]\nlow = 0\nhigh = 100\n",
        scale="pct",
        minimum="  minimum = 50\n  disqualify_below_minimum = true\n",
    )
    marks = {"Eve": 50.0, "Sam": 50.0, "Kim": 49.99}
    rows = [
        {
            "evaluator": e,
            "group": "",
            "supplier": s,
            "lot": "L1",
            "question": "Q1",
            "score": mark if s == "Xeno" else 60.0,
            "reason": "seen",
            "source": f"scores/{e}.xlsx",
            "cell": "C5",
        }
        for s in ("Xeno", "Yarrow")
        for e, mark in marks.items()
    ]
    from tendereval.io import frames as F

    t = tender(
        plan,
        rates={"Xeno": 20, "Yarrow": 25},
        evaluators=tuple(marks),
        scores=F.frame("scores", rows),
    )
    result = score(t)
    xeno = result.results.filter(pl.col("supplier") == "Xeno").row(0, named=True)
    assert xeno["status"] == "disqualified"
    assert xeno["reasons"] == [
        "Q1 'Service' scored 49.9967 (mean), below the minimum of 50; failing it disqualifies "
        "the bid for this lot"
    ]


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (28.125, 2, "28.13"),
        (39.998, 2, "40.00"),  # rounded: its noughts say so ("40.0" read as 40)
        (49.99666666666667, 4, "49.9967"),
        (3.0, 2, "3"),
        (2.5, 2, "2.5"),  # exactly 2.5: nothing rounded away
        (2.4999999999999996, 2, "2.50"),
        (-2.5, 2, "-2.5"),
        (0.1 + 0.2, 2, "0.30"),  # 0.30000000000000004
        (5.04, 1, "5.0"),
        (53.4, 0, "53"),
    ],
)
def test_figure(value: float, places: int, shown: str) -> None:
    assert figure(value, places) == shown
    assert pl.select(num(pl.lit(value), places)).item() == shown


# ---- The rule, as Excel rounds -----------------------------------------------------------


def _excel(value: float, places: int) -> Decimal:
    """What a cell formatted to ``places`` shows ``value`` as: its first 15 significant
    digits, then a half away from zero (Decimal ROUND_HALF_UP on the float's repr)."""
    kept = Context(prec=15, rounding=ROUND_HALF_UP).create_decimal(repr(value))
    return kept.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(60))


@settings(max_examples=400, deadline=None)
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_an_amount_of_up_to_15_digits_is_its_decimal_a_half_up(typed: Decimal) -> None:
    """A price as typed (up to 4 places, so its float's repr is the decimal itself): to the
    penny, a half penny away from zero."""
    amount = float(typed)
    pence = abs(Decimal(repr(amount))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    expected = f"{'-' if amount < 0 else ''}£{pence:,}"
    assert pounds(amount) == expected


# Floats near a half penny or a half of 10^-4 (a few steps either side), and any others.
_NEAR_HALVES = st.builds(
    lambda whole, places, steps: _stepped((whole * 10 + 5) / 10 ** (places + 1), steps),
    st.integers(0, 10**11),
    st.sampled_from([2, 4]),
    st.integers(-40, 40),
)


def _stepped(value: float, steps: int) -> float:
    import math

    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else 0.0)
    return value


_FIGURES = st.one_of(
    _NEAR_HALVES,
    st.floats(min_value=-1e11, max_value=1e11, allow_nan=False),
    # A rate typed to a tenth of a penny, times the hours.
    st.builds(lambda rate, hours: rate / 1000 * hours, st.integers(1, 10**6), st.integers(1, 9999)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FIGURES, min_size=1, max_size=20))
def test_every_form_of_the_rule_agrees_with_excel(values: list[float]) -> None:
    """pounds and figure as Excel rounds; money and num, the column forms, as they do."""
    frame = pl.DataFrame({"x": values}, schema={"x": pl.Float64}).select(
        money=money(pl.col("x")), two=num(pl.col("x")), four=num(pl.col("x"), 4)
    )
    for value, row in zip(values, frame.iter_rows(named=True), strict=True):
        sign = "-" if value < 0 else ""
        assert pounds(value) == f"{sign}£{_excel(abs(value), 2):,}"
        assert figure(value, 2, every_place=True).lstrip("-") == f"{_excel(abs(value), 2)}"
        assert row == {
            "money": pounds(value),
            "two": figure(value, 2),
            "four": figure(value, 4),
        }
