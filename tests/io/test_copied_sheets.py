"""Copied score sheets are looked for in work that grows with the score rows, not with the
square of the panel, and a reason the whole panel gives is no evidence of a copy.

Before, every reason was joined with every other sheet's on the same row: a panel choosing
reasons from a drop-down ("No response", "Meets the requirement in full") paired every
evaluator with every other on every row. 60 evaluators of 8,000 rows each took 2.4 GB; the
60 evaluators here took 5-8 processor seconds and 1.8 GB, now under one second."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tendereval.io.copied_sheets import alike_sheets
from tests.cpu_time import cpu_seconds

# A drop-down of reasons, one a score: each four words or more, so long enough to be judgements.
DROP_DOWN = [
    "No response to this question",
    "Poor: little evidence of this",
    "Partly meets the requirement",
    "Meets the requirement in full",
    "Exceeds the requirement with evidence",
]


def _panel(evaluators: int, bids: int, questions: int) -> list[dict]:
    """Each evaluator scores every bid on every question, the panel agreeing on nine rows in
    ten, and gives the drop-down's reason for the score."""
    rng = random.Random(0)
    agreed = {(b, q): rng.randint(0, 4) for b in range(bids) for q in range(1, questions + 1)}
    rows = []
    for e in range(evaluators):
        for (bid, question), agreed_score in agreed.items():
            score = rng.randint(0, 4) if rng.random() < 0.1 else agreed_score
            rows.append(_row(f"Evaluator {e:02d}", f"Supplier {bid:04d}", f"Q{question}", score))
            rows[-1]["reason"] = DROP_DOWN[score]
    return rows


def _row(evaluator: str, supplier: str, question: str, score: int, reason: str = "") -> dict:
    source = f"scores/{evaluator.lower().replace(' ', '-')}.xlsx"
    return {
        "evaluator": evaluator,
        "source": source,
        "supplier": supplier,
        "lot": "A",
        "question": question,
        "score": float(score),
        "reason": reason,
    }


@pytest.mark.parametrize(
    ("bids", "questions"),
    [
        # Each reason given for all four questions: stock words, as the evaluator repeats them.
        (1_000, 4),
        # One question only: no reason repeated, but each given by the whole panel.
        (4_000, 1),
    ],
)
def test_a_panel_of_60_choosing_reasons_from_a_drop_down_is_weighed_in_time(bids, questions):
    rows = _panel(60, bids, questions)
    assert len(rows) == 240_000
    start = cpu_seconds()
    alike = alike_sheets(rows)
    spent = cpu_seconds() - start
    assert alike.is_empty()
    assert spent < 2.0, f"{spent:.1f} processor seconds for 60 evaluators' 240,000 rows"


def test_a_template_s_text_the_panel_of_six_gives_is_no_evidence_of_a_copy():
    """Six evaluators each paste the template's text on Q1 of three bids and score them alike:
    six sheets giving the same reason is the panel's wording, not five copies of one sheet
    (each of the five later sheets was "the same reasons as Evaluator 0 ... on all 3 rows")."""
    template = "See the moderation notes for this bid"
    rows = [
        _row(f"Evaluator {e}", supplier, "Q1", 3, template)
        for e in range(6)
        for supplier in ("Acorn", "Birch", "Cedar")
    ]
    assert alike_sheets(rows).is_empty()


def test_a_copy_in_a_panel_of_six_is_judged_on_its_own_words():
    """Six evaluators give the template's text on Q1 of three bids and their own words on Q2;
    Eve's sheet is Ann's copied, rescored on one row. The template's text is in common on 3
    rows, not evidence; Ann's own words on the other 3 are: 6 rows shared, 6 reasons the
    same, 3 distinctive, 5 the same score and reason (all rows but one)."""
    template = "See the moderation notes for this bid"
    panel = ["Ann", "Bo", "Cy", "Dee", "Eve", "Fay"]
    rows = []
    for name in panel:
        author = "Ann" if name == "Eve" else name
        for n, supplier in enumerate(("Acorn", "Birch", "Cedar")):
            rows.append(_row(name, supplier, "Q1", 3, template))
            own = f"{author} finds the plan for {supplier} staffing clear in part {n}"
            rows.append(_row(name, supplier, "Q2", 4 if (name, n) == ("Eve", 0) else 3, own))
    alike = alike_sheets(rows)
    assert alike.to_dicts() == [
        {
            "evaluator": "Eve",
            "source": "scores/eve.xlsx",
            "first_evaluator": "Ann",
            "first_source": "scores/ann.xlsx",
            "shared": 6,
            "same_reasons": 6,
            "distinctive": 3,
            "agree": 5,
        }
    ]


# -- a terse evaluator's sheet: reasons under four words

# Two questions, four suppliers, each question's scores in pairs: every answer shares its
# score with one other answer to the question, given other words.
TERSE = {
    ("Acorn", "Q1"): (3, "Thin rota plan"),
    ("Birch", "Q1"): (3, "Clear staffing evidence"),
    ("Cedar", "Q1"): (2, "Weak outcomes detail"),
    ("Dale", "Q1"): (2, "Vague booking plan"),
    ("Acorn", "Q2"): (4, "Strong training evidence"),
    ("Birch", "Q2"): (4, "Good feedback detail"),
    ("Cedar", "Q2"): (1, "Limited audit plan"),
    ("Dale", "Q2"): (1, "No recruitment evidence"),
}


def _terse(evaluator: str, sheet: dict[tuple[str, str], tuple[int, str]] = TERSE) -> list[dict]:
    return [
        _row(evaluator, supplier, question, score, reason)
        for (supplier, question), (score, reason) in sheet.items()
    ]


def test_a_terse_evaluator_s_sheet_sent_again_is_one_judgement():
    """Tom's sheet sent again as "T. Okafor", every score and reason the same, each reason
    three words: nothing was found (under four words was stock, never evidence), and Tom
    counted twice in every mean. Each of his 8 reasons is his words for one answer alone,
    and he gave other words to the other answer to its question he scored the same: 8 of his
    own, 6 needed where they are short."""
    helen = {key: (score, f"{reason} noted") for key, (score, reason) in TERSE.items()}
    alike = alike_sheets(
        [*_terse("Tom Okafor"), *_terse("Helen Marsh", helen), *_terse("T. Okafor")]
    )
    assert alike.to_dicts() == [
        {
            "evaluator": "T. Okafor",
            "source": "scores/t.-okafor.xlsx",
            "first_evaluator": "Tom Okafor",
            "first_source": "scores/tom-okafor.xlsx",
            "shared": 8,
            "same_reasons": 8,
            "distinctive": 8,
            "agree": 8,
        }
    ]


def test_a_terse_sheet_revised_on_one_row_is_one_judgement():
    """Sent again with Acorn's Q1 rescored 1 and reworded: 7 of 8 rows the same, all but
    one. Of the 7, Birch's Q1 is no longer evidence: on the revised sheet Birch is the only
    answer to Q1 scored 3, so "Clear staffing evidence" says no more than the 3 there. The
    other 6 are: just enough."""
    revised = TERSE | {("Acorn", "Q1"): (1, "Rota plan missing")}
    alike = alike_sheets([*_terse("Tom Okafor"), *_terse("T. Okafor", revised)])
    assert alike.select("shared", "same_reasons", "distinctive", "agree").rows() == [(8, 7, 6, 7)]


def test_short_words_that_follow_the_score_are_no_sign_of_a_copy():
    """Two evaluators who agree on every score and word each score the same way for a
    question ("Good staffing detail" for a 4 on Q1): each reason is given to one answer
    alone, but says no more than the score, and panels often agree on scores."""
    words = {1: "Poor {} detail", 2: "Weak {} detail", 3: "Fair {} detail", 4: "Good {} detail"}
    topic = {"Q1": "staffing", "Q2": "outcomes"}
    scored = {("Acorn", "Q1"): 4, ("Birch", "Q1"): 3, ("Cedar", "Q1"): 2, ("Dale", "Q1"): 1}
    scored |= {(supplier, "Q2"): 5 - score for (supplier, _), score in scored.items()}
    sheet = {
        (supplier, question): (score, words[score].format(topic[question]))
        for (supplier, question), score in scored.items()
    }
    assert alike_sheets([*_terse("Ann", sheet), *_terse("Bo", sheet)]).is_empty()


def test_a_few_short_words_in_common_are_no_sign_of_a_copy():
    """Ann and Bo both scored SV1 alone, for the same four bids, and wrote the same few words
    with the same scores: "No local jobs" is what anyone would write. Four short reasons in
    common are too few (six are needed where three longer ones would do)."""
    sheet = {
        ("Acorn", "SV1"): (2, "Some local jobs"),
        ("Birch", "SV1"): (2, "Two apprenticeships"),
        ("Cedar", "SV1"): (0, "No local jobs"),
        ("Dale", "SV1"): (0, "Nothing offered"),
    }
    assert alike_sheets([*_terse("Ann", sheet), *_terse("Bo", sheet)]).is_empty()


def test_the_same_short_words_with_other_scores_are_no_sign_of_a_copy():
    """Short words count only where the two sheets give the same score with them: here Bo's
    scores are each one more than Ann's, and his sheet is his own judgement."""
    rescored = {key: (score + 1, reason) for key, (score, reason) in TERSE.items()}
    assert alike_sheets([*_terse("Ann"), *_terse("Bo", rescored)]).is_empty()


_SHEET_SHAPE = {
    "suppliers": st.integers(min_value=2, max_value=6),
    "questions": st.integers(min_value=1, max_value=4),
    "seed": st.integers(min_value=0, max_value=10_000),
}


def _scores(suppliers: int, questions: int, seed: int) -> dict[tuple[str, str], int]:
    rng = random.Random(seed)
    return {
        (f"Supplier {s}", f"Q{q}"): rng.randint(0, 5)
        for s in range(suppliers)
        for q in range(1, questions + 1)
    }


@settings(max_examples=60, deadline=None)
@given(**_SHEET_SHAPE, panel=st.integers(min_value=2, max_value=4))
def test_a_panel_whose_short_words_follow_the_score_is_never_one_judgement(
    suppliers, questions, seed, panel
):
    """However many bids and questions, and however alike the scores (here the same on every
    row), evaluators whose few words follow the score ("Good on Q2" for a 4) are each their
    own judgement."""
    scored = _scores(suppliers, questions, seed)
    sheet = {key: (score, f"Scored {score} {key[1]}") for key, score in scored.items()}
    rows = [row for e in range(panel) for row in _terse(f"Evaluator {e}", sheet)]
    assert alike_sheets(rows).is_empty()


@settings(max_examples=60, deadline=None)
@given(**_SHEET_SHAPE)
def test_a_terse_sheet_sent_again_is_found_when_its_words_say_more_than_its_scores(
    suppliers, questions, seed
):
    """Each answer given its own short words: sent again under another name, the sheet is
    one judgement whenever at least six of its answers share their score with another
    answer to the question (there the words tell the answers apart and the score does not)."""
    scored = _scores(suppliers, questions, seed)
    sheet = {key: (score, f"Own words {n}") for n, (key, score) in enumerate(scored.items())}
    said_more = sum(
        1
        for (supplier, question), score in scored.items()
        if any(
            other != supplier and q == question and s == score for (other, q), s in scored.items()
        )
    )
    assume(said_more >= 6)  # as docs/inputs.md says (copied_sheets.AT_LEAST_WITH_SHORT)
    alike = alike_sheets([*_terse("Tom Okafor", sheet), *_terse("T. Okafor", sheet)])
    assert alike.select("evaluator", "distinctive").rows() == [("T. Okafor", said_more)]


def test_a_panel_of_60_with_short_words_of_their_own_is_weighed_in_time():
    """30 terse evaluators, each sheet sent twice (4,000 rows each): the short words each
    answer is given are weighed row by row, in work that grows with the rows."""
    rng = random.Random(0)
    rows = []
    for e in range(30):
        sheet = [
            (f"Supplier {bid:04d}", f"Q{question}", rng.randint(0, 4), f"E{e} {bid} Q{question}")
            for bid in range(1_000)
            for question in range(1, 5)
        ]
        for name in (f"Evaluator {e:02d}", f"Evaluator {e:02d} again"):
            rows.extend(_row(name, *answer) for answer in sheet)
    assert len(rows) == 240_000
    start = cpu_seconds()
    alike = alike_sheets(rows)
    spent = cpu_seconds() - start
    assert alike.height == 30
    assert spent < 2.0, f"{spent:.1f} processor seconds for 60 evaluators' 240,000 rows"
