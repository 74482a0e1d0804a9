"""Scoring on whole-number codes gives exactly what the plain joins and sorts gave.

The plain steps are kept in ``benchmarks/scoring_reference.py`` (scoring as it was before the
speed work of issue 17). Every frame of the result must be identical, value for value and row
for row: on both examples, on a small benchmark tender, and on random tenders with every kind of
awkward score — duplicates, blanks, unknown lots and questions, suppliers and evaluators spelled
two ways, conflicts, missing declarations, a panel with its own share and remit, consensus
scores, and scores whose sum depends on the order they are added in.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tendereval.io import frames as F
from tendereval.io.tender import load_tender
from tendereval.scoring import canonical, combine, quality, score
from tendereval.tender import Tender

from .builders import TWO_LOTS, bid_frames, make_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def benchmarks():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_scoring
        import scoring_reference

        yield bench_scoring, scoring_reference
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def assert_same_scores(reference, tender: Tender, **options) -> None:
    # The fast steps and the plain ones are compared on the frames as given, every awkward
    # score included (most of these are off the plan's scale of whole points, to make sums
    # depend on their order): the loaders' rules that score() now applies to frames handed in
    # first (io.frame_rules, which would leave them out) are patched out here, as the plain
    # steps kept in benchmarks/ predate them.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(combine, "as_loaded", lambda given, *_: given)
        differs = reference.differences(
            score(tender, **options), reference.reference_score(tender, **options)
        )
    assert not differs, "\n".join(
        f"the {name} frame differs: {how}" for name, how in differs.items()
    )


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_the_examples_score_exactly_as_before(benchmarks, example) -> None:
    assert_same_scores(benchmarks[1], load_tender(ROOT / "examples" / example))


def test_a_benchmark_tender_scores_exactly_as_before(benchmarks) -> None:
    bench_scoring, reference = benchmarks
    tender = bench_scoring.generate(suppliers=30, lots=4, questions=10, evaluators=3)
    assert_same_scores(reference, tender, samples=500)


RULES = """
[evaluation]
aggregate = "{aggregate}"
conflicted_scores = "{conflicts}"
missing_declaration = "{missing}"
"""
PANEL = """
[[evaluation.groups]]
id = "panel"
name = "Service-user panel"
share = 25
questions = ["Q1", "SV1"]
"""
# Suppliers as bids and score sheets spell them (two spellings of one supplier; one that never
# bid), evaluators likewise (Pat is on the panel; Zed never declared; a row with no name).
BIDDERS = ("Acme Care", "Bright Homes", "Cedar Ltd")
SPELLINGS = (*BIDDERS, "ACME  care", "Nobody Ltd", None)
EVALUATORS = (
    ("Ann", ""),
    ("ann ", ""),
    ("Bob", ""),
    ("Cy", ""),
    ("Pat", "panel"),
    ("Zed", ""),
    (None, ""),
)
# Scores whose sum depends on the order they are added in; whole scores, blanks, and scores off
# the scale.
ON_SCALE = (0.1, 0.2, 0.3, 0.7, 1.1, 2.7, 3.1, 3.3, 4.9)
SCORES = (*ON_SCALE, None, 0.0, 1.0, 2.5, 5.0, 6.0, -1.0)
REASONS = ("", "  ", None, "Good.", "Good", "Good;", " Good ", "good", "Strong evidence: yes")
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def messy_tenders(draw) -> Tender:
    rules = RULES.format(
        aggregate=draw(st.sampled_from(["mean", "median"])),
        conflicts=draw(st.sampled_from(["exclude", "flag"])),
        missing=draw(st.sampled_from(["exclude", "flag"])),
    )
    plan = make_plan(rules + (PANEL if draw(st.booleans()) else ""), lots=TWO_LOTS)
    bids = [
        (s, lot)
        for s in BIDDERS
        for lot in ("L1", "L2")
        if draw(st.booleans()) or (s, lot) == (BIDDERS[0], "L1")
    ]
    # Every bid fully scored by Ann, Bob and Cy (so most bids can be ranked), then any rows.
    rows = [
        (e, g, s, lot, q, draw(st.sampled_from(ON_SCALE)))
        for s, lot in bids
        for q in ("Q1", "Q2", "SV1")
        for e, g in EVALUATORS[2:4] + EVALUATORS[:1]
    ]
    rows += draw(
        st.lists(
            st.tuples(
                st.sampled_from(EVALUATORS),
                st.sampled_from(SPELLINGS),
                st.sampled_from(["L1", "L2", "L2", "L9", None]),
                st.sampled_from(["Q1", "Q2", "SV1", "Q9", None]),
                st.sampled_from(SCORES),
            ).map(lambda t: (t[0][0], t[0][1], *t[1:])),
            max_size=40,
        )
    )
    scores = F.frame(
        "scores",
        [
            {
                "evaluator": e,
                "group": g,
                "supplier": s,
                "lot": lot,
                "question": q,
                "score": v,
                "reason": draw(st.sampled_from(REASONS)),
                "source": draw(st.sampled_from(["scores/a.xlsx", "scores/b.xlsx", None])),
                "cell": draw(st.sampled_from(["C5", "C6", None])),
            }
            for e, g, s, lot, q, v in rows
        ],
    ).sample(fraction=1.0, shuffle=True, seed=draw(st.integers(0, 2**16)))
    moderation = F.frame(
        "moderation",
        [
            {
                "supplier": draw(st.sampled_from(SPELLINGS[:4])),
                "lot": draw(st.sampled_from(["L1", "L2"])),
                "question": draw(st.sampled_from(["Q1", "Q2", "SV1"])),
                "score": draw(st.sampled_from([1.0, 3.5, 4.0, 9.0])),
                "reason": draw(st.sampled_from(REASONS)),
                "source": "scores/moderation.xlsx",
                "cell": f"D{i}",
            }
            for i in range(draw(st.integers(0, 3)))
        ],
    )
    rates = draw(st.lists(st.integers(10, 30), min_size=len(bids), max_size=len(bids)))
    return Tender.from_frames(
        plan,
        **bid_frames(plan, bids, rates),
        scores=scores,
        moderation=moderation,
        declarations=F.frame(
            "declarations",
            [
                {"evaluator": "Ann", "group": "", "conflict": "none", "conflicted_suppliers": []},
                {
                    "evaluator": "Bob",
                    "group": "",
                    "conflict": "declared",
                    "conflicted_suppliers": ["bright homes"],
                },
                {"evaluator": "Cy", "group": "", "conflict": "none"},
                {"evaluator": "Pat", "group": "panel", "conflict": "none"},
            ],
        ),
    )


@SETTINGS
@given(messy_tenders())
def test_messy_tenders_score_exactly_as_before(benchmarks, tender: Tender) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(canonical, "SMALL", 0)  # every frame sorted on codes, however small
        assert_same_scores(benchmarks[1], tender, samples=200, seed=3)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(messy_tenders())
def test_the_long_way_round_gives_the_same(benchmarks, tender: Tender) -> None:
    """Codes too many to pack into one number are sorted column by column, pairs of codes too
    many for a table are searched in a set, and repeated reasons found by a hash table: the
    answer is the same."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(canonical, "KEY_LIMIT", 1)
        patch.setattr(canonical, "DENSE_LIMIT", 0)
        patch.setattr(canonical, "SMALL", 0)
        patch.setattr(quality, "REPEATS_COMPARED", 0)
        assert_same_scores(benchmarks[1], tender, sensitivity=False)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["b", "a", "ä", "A", "", None]),
            st.sampled_from(["x", "y", None]),
            st.integers(0, 3),
        ),
        max_size=30,
    )
)
def test_sorting_on_codes_is_sorting_on_text(rows) -> None:
    frame = pl.DataFrame(rows, schema=["one", "two", "n"], orient="row")
    expected = frame.sort(["n", "one", "two"], nulls_last=True, maintain_order=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(canonical, "SMALL", 0)
        got = canonical.sort_by_codes(frame, [(pl.col("n"), 4), "one", "two"])
    assert_frame_equal(got, expected)


def _one_exclusion(tender: Tender, kind: str) -> Tender:
    """``tender`` with one score (or one declaration) changed so that exactly one reason a
    score may not count applies."""
    scores, declarations = tender.scores, tender.declarations
    first = pl.int_range(pl.len()) == 0
    changed = {
        "blank score": ("score", pl.lit(None, pl.Float64)),
        "question not in the plan": ("question", pl.lit("Q99")),
        "no bid for this lot": ("lot", pl.lit("L99")),
        "score off the scale": ("score", pl.lit(9.0)),
        "score names no evaluator": ("evaluator", pl.lit(None, pl.String)),
        "evaluator never declared": ("evaluator", pl.lit("Zed")),
    }
    if kind in changed:
        column, value = changed[kind]
        scores = scores.with_columns(pl.when(first).then(value).otherwise(column).alias(column))
    elif kind == "declared conflict":  # the first evaluator with the first supplier
        declarations = declarations.with_columns(
            conflict=pl.when(first).then(pl.lit("declared")).otherwise("conflict"),
            conflicted_suppliers=pl.when(first)
            .then(pl.lit([scores.item(0, "supplier")]))
            .otherwise(pl.lit([], pl.List(pl.String))),
        )
    elif kind == "empty declaration":  # the first evaluator's
        declarations = declarations.with_columns(
            conflict=pl.when(first).then(pl.lit("")).otherwise("conflict")
        )
    return Tender.from_frames(
        tender.plan,
        bids=tender.bids,
        prices=tender.prices,
        scores=scores,
        declarations=declarations,
        suppliers=tender.suppliers,
    )


# How many scores each change makes not count, of 6 suppliers × 2 lots × 5 questions × 3
# evaluators: one score, or all the first evaluator's scores for the first supplier, or all
# the first evaluator's scores.
NOT_COUNTED = {
    "none": 0,
    "blank score": 1,
    "question not in the plan": 1,
    "no bid for this lot": 1,
    "score off the scale": 1,
    "score names no evaluator": 1,
    "evaluator never declared": 1,
    "declared conflict": 2 * 5,
    "empty declaration": 6 * 2 * 5,
}


@pytest.mark.parametrize("kind", NOT_COUNTED)
def test_each_reason_a_score_does_not_count_is_found_when_it_alone_applies(
    benchmarks, kind
) -> None:
    """Each test of a score is left out when it cannot apply to any score (worked out on the
    distinct suppliers, lots, questions and evaluators): a score it applies to must still be
    found, so every reason is tried alone on a tender where no other applies."""
    bench_scoring, reference = benchmarks
    tender = _one_exclusion(bench_scoring.generate(6, 2, 5, 3), kind)
    counted = score(tender, sensitivity=False).evaluator_scores.get_column("counted")
    assert (counted.len(), (~counted).sum()) == (6 * 2 * 5 * 3, NOT_COUNTED[kind])
    assert_same_scores(reference, tender, sensitivity=False)


@pytest.mark.parametrize("example", ["carers-short-breaks", "homecare-districts"])
def test_the_flags_are_put_in_order_once_with_the_close_calls(monkeypatch, example) -> None:
    """The flags (112,000 on the million-score tender) were put in order beside the results,
    then again with the award's close calls among them; now once, after the award, in the
    same order (each example has a close call)."""
    sorted_flags = []
    step = combine.sort_by_codes

    def counted(frame, by):
        if "code" in frame.columns:
            sorted_flags.append(frame.height)
        return step(frame, by)

    monkeypatch.setattr(combine, "sort_by_codes", counted)
    result = score(ROOT / "examples" / example, sensitivity=False)
    close_calls = result.flags.filter(pl.col("code") == "close_call").height
    assert close_calls == 2 and sorted_flags == [result.flags.height]
