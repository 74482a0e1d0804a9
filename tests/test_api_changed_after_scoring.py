"""A result changed in Python after scoring is explored, not awarded: every frame an output
reads is held to what scoring gave, and so is a copy made with ``dataclasses.replace``.

Found by the red team (library round, repro_5 and repro_3): ``dataclasses.replace(result,
results=edited)`` gave a copy whose award, for a bidder with the lower total, was ready and
published as OCDS (and ``replace(result, problems=[])`` cleared a tender's input errors the
same way); and only the results and the problems were watched, so the criteria filtered down
to one bidder, or a criterion's score typed over in place, left the summaries ready to send
with blank or hand-typed scores beside the total, and bid rows dropped from the inputs took
their SHA-256 off the report's Audit sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tests.example_copies import example_copy, example_with

CARERS = Path(__file__).resolve().parents[1] / "examples" / "carers-short-breaks"
WEALD = "Weald Carers Trust"
BRIGHTWATER = "Brightwater Care Services Ltd"
PUBLISHED = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
# Every frame a result holds: the outputs read them all (the report's sheets, the JSON, the
# summaries, the notice, allocate's offers).
FRAMES = (
    "results",
    "criteria",
    "sub_totals",
    "evaluator_scores",
    "moderation",
    "price_breakdown",
    "social_value",
    "flags",
    "tipping_points",
    "win_probability",
    "rank_reversal",
    "inputs",
    "suppliers",
    "declarations",
    "packages",
    "supply_chain",
)


@pytest.fixture(scope="module")
def scored() -> tendereval.ScoreResult:
    """The carers example scored with its sensitivity, so that every frame but the package
    offers has rows. Tests copy it, never edit it in place."""
    return tendereval.score(CARERS)


def _q1_of_brightwater(result: tendereval.ScoreResult) -> int:
    rows = result.criteria.with_row_index().filter(
        (pl.col("supplier") == BRIGHTWATER) & (pl.col("criterion") == "Q1")
    )
    return rows.item(0, "index")


def test_a_copy_given_another_ranking_is_held_back(tmp_path: Path) -> None:
    """The runner-up put first in a copy: proposed (the award follows the results it is
    given), but not to be made, and neither the summaries nor the notice go out."""
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    swap = {BRIGHTWATER: 1, WEALD: 2}
    edited = result.results.with_columns(
        rank=pl.col("supplier").replace_strict(swap, default=pl.col("rank"), return_dtype=pl.Int64)
    )
    copy = dataclasses.replace(result, results=edited)
    assert copy.changed_since_scored() == ["results"]
    assert copy.award.winner("CSB") == BRIGHTWATER and not copy.award.summaries_ready
    assert not tendereval.summaries(copy, tmp_path / "summaries").ready
    published = tendereval.publish(
        copy, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=PUBLISHED
    )
    assert not published.written and not (tmp_path / "award.json").exists()
    # The result copied is as scoring gave it, and stays ready.
    assert result.changed_since_scored() == [] and result.award.summaries_ready


def test_a_copy_with_the_input_errors_cleared_is_held_back(tmp_path: Path) -> None:
    folder = example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )
    damaged = tendereval.score(folder, sensitivity=False)
    assert not damaged.award.summaries_ready
    cleared = dataclasses.replace(damaged, problems=[])
    assert cleared.changed_since_scored() == ["problems"]
    assert not cleared.award.summaries_ready


def test_the_criteria_narrowed_to_one_bidder_are_held_back(tmp_path: Path) -> None:
    """A notebook looking at the winner reused the attribute: every other bidder's summary
    showed its criterion scores blank beside its total."""
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    result.criteria = result.criteria.filter(pl.col("supplier") == WEALD)
    assert result.changed_since_scored() == ["criteria"]
    assert result.award.blockers == [
        "The criteria frame of the scored tender was changed in Python after scoring, so it "
        "is not what the files give: to award on a change, make it in the files and score "
        "the folder again."
    ]
    assert not tendereval.summaries(result, tmp_path / "summaries").ready


def test_a_criterion_score_typed_over_after_the_award_was_made_is_held_back(
    tmp_path: Path,
) -> None:
    """Scoring makes the award (its close calls depend on it); an edit in place made after
    is found when the award is next read. Brightwater's Q1 was 3.75 (12 points of 16)."""
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    award = result.award
    assert award.summaries_ready
    row = _q1_of_brightwater(result)
    assert (result.criteria[row, "raw_score"], result.criteria[row, "weighted"]) == (3.75, 12.0)
    result.criteria[row, "raw_score"] = 1.0
    result.criteria[row, "weighted"] = 3.2
    assert result.changed_since_scored() == ["criteria"]
    assert result.award is not award and not result.award.summaries_ready
    assert not tendereval.summaries(result, tmp_path / "summaries").ready


def test_bids_dropped_from_the_inputs_are_held_back() -> None:
    """The Audit sheet lists every file scored by its SHA-256: without the bids' rows, the
    award would go out with no record of the returns it was made from."""
    result = tendereval.score(CARERS, sensitivity=False)
    result.inputs = result.inputs.filter(pl.col("kind") != "bid")
    assert result.changed_since_scored() == ["inputs"]
    assert not result.award.summaries_ready


def _another(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with its last row dropped, or a blank row added to an empty one."""
    return frame.head(-1) if frame.height else pl.concat([frame, frame.clear(1)])


@pytest.mark.parametrize("name", FRAMES)
def test_every_frame_an_output_reads_is_watched(scored, name: str) -> None:
    copy = dataclasses.replace(scored, **{name: _another(getattr(scored, name))})
    assert copy.changed_since_scored() == [name]
    assert not copy.award.summaries_ready
    assert scored.changed_since_scored() == [] and scored.award.summaries_ready


def test_the_frames_watched_are_every_frame_a_result_holds(scored) -> None:
    held = [
        spec.name
        for spec in dataclasses.fields(scored)
        if isinstance(getattr(scored, spec.name), pl.DataFrame)
    ]
    assert sorted(held) == sorted(FRAMES)


def test_the_plan_and_the_settings_are_watched_too(scored) -> None:
    """The plan cannot be set on a result (a UsageError says so), but a copy could be given
    another: its weights would be shown beside figures it did not make. The settings are
    the Audit sheet's record of how to repeat the run (seed, samples, versions)."""
    other = dataclasses.replace(scored.plan, close_call_margin=scored.plan.close_call_margin + 1)
    assert dataclasses.replace(scored, plan=other).changed_since_scored() == ["plan"]
    reseeded = dataclasses.replace(scored, settings={**scored.settings, "seed": 7})
    assert reseeded.changed_since_scored() == ["settings"]
    assert not reseeded.award.summaries_ready
    # A copy made of the same things is the same result.
    assert dataclasses.replace(scored).changed_since_scored() == []


def test_a_long_listing_not_read_is_not_made_to_compare_it() -> None:
    """The evaluator scores and the moderation are made when first read; comparing the
    frames must not make them (a million evaluator scores take seconds). Read, then edited,
    they are held to what scoring made; replaced unread, they are compared with it."""
    result = tendereval.score(CARERS, sensitivity=False)
    assert result.changed_since_scored() == []
    assert callable(vars(result)["_evaluator_scores"])  # still not made
    result.evaluator_scores[0, "score"] = 5.0
    assert result.changed_since_scored() == ["evaluator_scores"]

    made = tendereval.score(CARERS, sensitivity=False).moderation
    unread = tendereval.score(CARERS, sensitivity=False)
    unread.moderation = made.clone()
    assert unread.changed_since_scored() == []
    unread.moderation = made.head(1)
    assert unread.changed_since_scored() == ["moderation"]


def test_an_output_compares_the_frames_once_and_an_edit_after_it_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report reads the award some fifty times: comparing every frame at each read took
    0.1 s a read for a million scores. While an output is written nothing else can change
    the result, so its frames are compared once; an edit made after the output is found at
    the next read."""
    from tendereval.report.excel import write_report
    from tendereval.scoring import as_scored

    compared = []
    changed = as_scored.AsScored.changed
    monkeypatch.setattr(
        as_scored.AsScored,
        "changed",
        lambda self, *given: compared.append(1) or changed(self, *given),
    )
    result = tendereval.score(CARERS, sensitivity=False)
    write_report(result, tmp_path / "report.xlsx")
    assert len(compared) == 1
    result.criteria[_q1_of_brightwater(result), "weighted"] = 3.2
    assert not result.award.summaries_ready
