"""A notebook user's slips in the arguments of the library functions (docs/python.md): each is
a UsageError naming the argument and what it must be, never a TypeError or AttributeError from
deep inside pathlib, polars or the award code (red team round 2, surface G)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.tender import FRAME_NAMES

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
SCENARIOS = ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml"

# Before: "expected str, bytes or os.PathLike object, not NoneType" from pathlib, naming
# neither the argument nor the function.
PATH_SLIPS = [
    ("folder", lambda bad: tendereval.validate(bad)),
    ("tender", lambda bad: tendereval.score(bad)),
    ("source", lambda bad: tendereval.summaries(bad)),
    ("source", lambda bad: tendereval.publish(bad, "x.json", ocid_prefix="ocds-abc123")),
    ("source", lambda bad: tendereval.allocate(bad)),
    ("path", lambda bad: tendereval.scenarios(bad)),
    ("tender", lambda bad: tendereval.template("bid-return", bad, "x.xlsx")),
    ("output", lambda bad: tendereval.template("bid-return", CARERS, bad)),
    ("folder", lambda bad: tendereval.init(bad, "60-40")),
    ("notice", lambda bad: tendereval.init_from_notice("x", bad)),
]


@pytest.mark.parametrize("bad", [None, 5, b"examples/carers-short-breaks", ""])
@pytest.mark.parametrize(("argument", "call"), PATH_SLIPS)
def test_a_path_that_is_not_one_names_the_argument(argument, call, bad, tmp_path, monkeypatch):
    """An empty path was the current folder: init("") wrote a plan and bids/ and scores/
    wherever the notebook was running."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(tendereval.UsageError, match=rf"^{argument} must be .* \(got "):
        call(bad)
    assert not list(tmp_path.iterdir())


def test_an_output_path_that_is_not_one_names_the_argument(tmp_path: Path) -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match=r"^outdir must be"):
        tendereval.summaries(result, 7)
    with pytest.raises(tendereval.UsageError, match=r"^output must be"):
        tendereval.publish(result, 7, ocid_prefix="ocds-abc123")
    assert not list(tmp_path.iterdir())


# Before: "'int' object is not callable" (or 'bool', 'str') at the first step, from inside.
PROGRESS_SLIPS = [
    ("progress", lambda bad: tendereval.score(CARERS, progress=bad)),
    ("steps", lambda bad: tendereval.summaries(CARERS, "out", steps=bad)),
    (
        "steps",
        lambda bad: tendereval.publish(CARERS, "x.json", ocid_prefix="ocds-abc123", steps=bad),
    ),
    ("steps", lambda bad: tendereval.template("bid-return", CARERS, "x.xlsx", steps=bad)),
    ("progress", lambda bad: tendereval.allocate(OFFERS, progress=bad)),
    ("steps", lambda bad: tendereval.allocate(OFFERS, steps=bad)),
    ("progress", lambda bad: tendereval.scenarios(SCENARIOS, samples=0, steps=1, progress=bad)),
]


@pytest.mark.parametrize("bad", [1, True, "print"])
@pytest.mark.parametrize(("argument", "call"), PROGRESS_SLIPS)
def test_what_is_told_each_step_is_a_function(argument, call, bad, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(tendereval.UsageError, match=rf"^{argument} must be a function .*\(got "):
        call(bad)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("bad", ["no", "False", 0, None])
def test_sensitivity_must_be_true_or_false(bad) -> None:
    """sensitivity="no" is truthy: it ran the robustness checks it meant to skip."""
    with pytest.raises(tendereval.UsageError, match=r"^sensitivity must be True or False"):
        tendereval.score(CARERS, sensitivity=bad)


def test_force_must_be_true_or_false(tmp_path: Path) -> None:
    with pytest.raises(tendereval.UsageError, match=r"^force must be True or False"):
        tendereval.init(tmp_path / "new", "60-40", force="no")
    assert not (tmp_path / "new").exists()


def test_a_preset_that_is_not_text_is_an_unknown_preset(tmp_path: Path) -> None:
    with pytest.raises(tendereval.UsageError, match="there is no preset called '60'"):
        tendereval.init(tmp_path / "new", 60)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ocid_prefix": 123}, r"^ocid_prefix must be text"),
        ({"published_at": "2026-03-20"}, r"^published_at must be a datetime"),
        ({"published_at": dt.date(2026, 3, 20)}, r"^published_at must be a datetime"),
        # No time zone: read as the machine's local time, a different stamp on another machine.
        ({"published_at": dt.datetime(2026, 3, 20, 23, 30)}, r"^published_at must say its time"),
        ({"internal": "no"}, r"^internal must be True or False"),
    ],
)
def test_publish_settings_of_the_wrong_kind(tmp_path: Path, options, message) -> None:
    options = {"ocid_prefix": "ocds-abc123", **options}
    with pytest.raises(tendereval.UsageError, match=message):
        tendereval.publish(CARERS, tmp_path / "award.json", **options)
    assert not list(tmp_path.iterdir())


def _frames() -> tuple[tendereval.Plan, dict[str, pl.DataFrame]]:
    tender = tendereval.load_tender(CARERS)
    return tender.plan, {name: getattr(tender, name) for name in FRAME_NAMES}


def test_frames_of_the_wrong_kind_name_the_frame_and_column() -> None:
    """Before: polars' InvalidOperationError ('conversion from `str` to `f64` failed in column
    ...'), or AttributeError for None, a dict or a pandas frame."""
    plan, frames = _frames()
    prices = frames["prices"]
    text_rates = prices.with_columns(pl.format("£{}", pl.col("unit_rate")).alias("unit_rate"))
    with pytest.raises(
        tendereval.UsageError, match=r"^prices: column 'unit_rate' must hold Float64 .*'£"
    ):
        tendereval.Tender.from_frames(plan, **{**frames, "prices": text_rates})
    for bad in (None, {"supplier": ["A"]}, prices.to_dicts()):
        with pytest.raises(tendereval.UsageError, match=r"^prices must be a polars DataFrame"):
            tendereval.Tender.from_frames(plan, prices=bad)
    with pytest.raises(tendereval.UsageError, match=r"^plan must be a Plan"):
        tendereval.Tender.from_frames("tender.toml", **frames)


def test_frames_a_notebook_edits_score_as_the_command_line_would() -> None:
    """Whole-number scores (Int64), rates as numeric text and an extra column are read as the
    loader reads them: the same totals as the folder; the frames handed in are not changed,
    and scoring twice gives the same answer."""
    plan, frames = _frames()
    expected = tendereval.score(CARERS, sensitivity=False).results
    edited = {
        **frames,
        "scores": frames["scores"].with_columns(pl.col("score").cast(pl.Int64)),
        "prices": frames["prices"].with_columns(
            pl.col("unit_rate").cast(pl.String), pl.lit("a note").alias("officer_note")
        ),
    }
    copies = {name: df.clone() for name, df in edited.items()}
    tender = tendereval.Tender.from_frames(plan, folder=CARERS, **edited)
    first = tendereval.score(tender, sensitivity=False)
    second = tendereval.score(tender, sensitivity=False)
    assert first.results.equals(expected) and second.results.equals(expected)
    assert all(edited[name].equals(copies[name]) for name in edited)


@pytest.mark.parametrize("option", ["evaluator", "group"])
def test_a_template_evaluator_or_group_is_text(tmp_path: Path, option) -> None:
    """evaluator=5 wrote the number 5 where the score sheet's evaluator signs."""
    output = tmp_path / "sheet.xlsx"
    with pytest.raises(tendereval.UsageError, match=rf"^{option} must be text"):
        tendereval.template("score-sheet", CARERS, output, **{option: 5})
    assert not output.exists()


def test_result_helpers_name_what_they_need() -> None:
    """lot_results(5) failed in polars ("cannot compare string with numeric type"),
    bid_outcomes(None) with AttributeError, bid_outcomes of a selection without 'lot' with
    polars' ColumnNotFoundError."""
    result = tendereval.score(CARERS, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match=r"^lot must be a lot id as text"):
        result.lot_results(5)
    # A selection without 'status' (which the outcome reads) failed in polars too.
    for bad in (None, result.results.select("supplier"), result.results.select("lot", "supplier")):
        with pytest.raises(tendereval.UsageError, match=r"^bid_outcomes needs the results"):
            result.award.bid_outcomes(bad)
    assert result.award.bid_outcomes(
        result.results.select("lot", "supplier", "status")
    ).columns == ["lot", "supplier", "status", "award"]
    assert result.lot_results("CSB").height == 6
    # A lot the tender does not have was an empty frame, as if nobody had bid for it.
    with pytest.raises(
        tendereval.UsageError, match=r"no lot 'XXX' in this tender; its lots are CSB"
    ):
        result.lot_results("XXX")


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "10", True])
def test_a_time_limit_is_seconds_above_zero(bad) -> None:
    """The command line refuses --time-limit 0; from Python, 0 or -1 left CBC 'not_solved'
    (an allocation of nothing) and text or NaN reached the solver."""
    with pytest.raises(tendereval.UsageError, match=r"^time_limit must be a number of seconds"):
        tendereval.allocate(OFFERS, solver="cbc", time_limit=bad)
    with pytest.raises(tendereval.UsageError, match=r"^time_limit must be a number of seconds"):
        tendereval.scenarios(SCENARIOS, samples=0, steps=1, time_limit=bad)


def test_frames_without_bids_are_no_bids_as_an_empty_folder_is() -> None:
    """A tender of frames with no bids frame was scored as a tender nobody bid for: every lot
    'no_award' and the summaries ready to send (summaries_ready True), where the command line
    on a folder with no bids stops with NoBids. Scores and prices given without the bids frame
    were dropped without a word. Both are NoBids now, naming what was given."""
    plan, frames = _frames()
    with pytest.raises(tendereval.NoBids) as empty:
        tendereval.score(tendereval.Tender.from_frames(plan), sensitivity=False)
    assert "no bids" in str(empty.value)
    scores_only = {name: frames[name] for name in ("scores", "prices")}
    with pytest.raises(tendereval.NoBids) as orphaned:
        tendereval.score(tendereval.Tender.from_frames(plan, **scores_only), sensitivity=False)
    assert "6 bids have scores or prices but are not in the bids frame" in str(orphaned.value)


def test_prices_for_a_bid_the_bids_frame_lacks_are_not_dropped() -> None:
    """One bid taken out of the bids frame, its scores and prices left in: it vanished from
    the results and the award went on without it. Now a UsageError names it. (Scores alone
    for a supplier that did not bid are not a bid: scoring leaves them out, as the loader
    does, which names each at its cell; tests/scoring/test_fast_steps.py has such rows.)"""
    plan, frames = _frames()
    first = frames["bids"].row(0, named=True)
    bids = frames["bids"].slice(1)
    with pytest.raises(tendereval.UsageError, match=first["supplier"]) as missing:
        tendereval.score(
            tendereval.Tender.from_frames(plan, **{**frames, "bids": bids}), sensitivity=False
        )
    assert "not in the bids frame" in str(missing.value)


def test_an_award_read_before_the_results_are_replaced_is_made_again() -> None:
    """The award is made once, on first use. A notebook that then replaced result.results
    (the winner taken out, as if disqualified by hand) still read the old winner from
    result.award, where decide() on the same result named another."""
    result = tendereval.score(CARERS, sensitivity=False)
    winner = result.award.lots["CSB"].supplier
    result.results = result.results.filter(pl.col("supplier") != winner).with_columns(
        pl.col("rank") - 1
    )
    assert result.award.lots["CSB"].supplier == tendereval.decide(result).lots["CSB"].supplier
    assert result.award.lots["CSB"].supplier != winner
    award = result.award
    assert result.award is award  # made once while nothing changes
