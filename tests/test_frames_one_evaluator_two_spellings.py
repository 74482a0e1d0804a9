"""One evaluator's two score sheets, her name written two ways, scored from frames as from
the folder.

Helen Marsh sent a revised score sheet declaring herself "Marsh, Helen". Read from the
folder, the sheets are one person's (person_names.person_words): the scores count under the
first sheet's name, and the other sheet's second scores are left out (``score.duplicate``).
Handed in as frames (``Tender.from_frames``), the same declarations gave the warning
``declaration.same_evaluator``, yet the scores stayed under both spellings: Helen counted as
two evaluators, her judgement averaged in twice, and the totals were not the folder's.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

import tendereval
from tendereval import layout
from tendereval.tender import FRAME_NAMES
from tests.io.builders import good_tender, score_rows, score_workbook

BOTH = ("Acme Care Ltd", "Bright Futures CIC")
FIRST, REVISED = "scores/helen-2.xlsx", "scores/helen.xlsx"  # (in the order files are read)


def _panel(tmp_path: Path) -> Path:
    """Ann Evans scores every answer 3; Helen Marsh 2 as "Marsh, Helen" in helen-2.xlsx (read
    first), and 5 as "Helen Marsh" in helen.xlsx."""
    folder = good_tender(tmp_path / "t")
    score_workbook(folder / FIRST, score_rows(BOTH, score=2), evaluator="Marsh, Helen")
    score_workbook(folder / REVISED, score_rows(BOTH, score=5), evaluator="Helen Marsh")
    return folder


def _as_a_notebook_has_them(folder: Path) -> tendereval.Tender:
    """The folder's frames as each sheet gives them: helen.xlsx's scores and declaration under
    the name it writes, its scores as typed."""
    loaded = tendereval.load_tender(folder)
    frames = {name: getattr(loaded, name) for name in FRAME_NAMES if name != "inputs"}
    revised = pl.col("source") == REVISED
    frames["scores"] = frames["scores"].with_columns(
        evaluator=pl.when(revised).then(pl.lit("Helen Marsh")).otherwise("evaluator"),
        score=pl.when(revised).then(5.0).otherwise("score"),
        set_aside_because=pl.when(revised).then(None).otherwise("set_aside_because"),
    )
    frames["declarations"] = frames["declarations"].with_columns(
        evaluator=pl.when(revised).then(pl.lit("Helen Marsh")).otherwise("evaluator")
    )
    return tendereval.Tender.from_frames(loaded.plan, **frames)


def _totals(result: tendereval.ScoreResult) -> pl.DataFrame:
    return result.results.select("lot", "supplier", "total", "status").sort("lot", "supplier")


def test_one_evaluators_two_spellings_count_as_one_from_frames_as_from_the_folder(
    tmp_path: Path,
) -> None:
    folder = _panel(tmp_path)
    from_folder = tendereval.score(folder, sensitivity=False)
    from_frames = tendereval.score(_as_a_notebook_has_them(folder), sensitivity=False)
    assert_frame_equal(_totals(from_frames), _totals(from_folder))
    # Worked by hand: Q1 is the mean of Ann's 3 and Helen's first sheet's 2, for each bid.
    # Counted as two evaluators, Helen's 5 made it (3 + 2 + 5) / 3.
    for result in (from_folder, from_frames):
        used = result.evaluator_scores.filter(
            (pl.col("supplier") == "Acme Care Ltd")
            & (pl.col("lot") == "L1")
            & (pl.col("question") == "Q1")
            & pl.col("counted")
        )
        assert sorted(used.get_column("evaluator").to_list()) == ["Ann Evans", "Marsh, Helen"]
        assert used.get_column("score").mean() == 2.5
    (said,) = [p for p in from_frames.problems if p.code == "declaration.same_evaluator"]
    assert said.message == (
        "Helen Marsh is also the evaluator named Marsh, Helen in scores/helen-2.xlsx (one "
        "person's name written another way), and the scores count under Marsh, Helen"
    )
    duplicates = [p for p in from_frames.problems if p.code == "score.duplicate"]
    assert len(duplicates) == len(score_rows(BOTH))


def test_a_conflict_declared_under_the_second_spelling_applies_to_her_scores(
    tmp_path: Path,
) -> None:
    """Her second declaration names a conflict with Acme: as from the folder, none of her
    scores for Acme is counted, whichever spelling they are under."""
    folder = _panel(tmp_path)
    score_workbook(
        folder / REVISED,
        score_rows(BOTH, score=5),
        evaluator="Helen Marsh",
        conflict="declared",
        cells={f"{layout.SCORE_DECLARATION}!B9": "Acme Care Ltd"},
    )
    from_folder = tendereval.score(folder, sensitivity=False)
    from_frames = tendereval.score(_as_a_notebook_has_them(folder), sensitivity=False)
    for result in (from_folder, from_frames):
        acme = result.evaluator_scores.filter(
            (pl.col("supplier") == "Acme Care Ltd") & pl.col("counted")
        )
        assert set(acme.get_column("evaluator")) == {"Ann Evans"}
    assert_frame_equal(_totals(from_frames), _totals(from_folder))
