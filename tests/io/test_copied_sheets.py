"""Copied score sheets are looked for in work that grows with the score rows, not with the
square of the panel, and a reason the whole panel gives is no evidence of a copy.

Before, every reason was joined with every other sheet's on the same row: a panel choosing
reasons from a drop-down ("No response", "Meets the requirement in full") paired every
evaluator with every other on every row. 60 evaluators of 8,000 rows each took 2.4 GB; the
60 evaluators here took 5-8 processor seconds and 1.8 GB, now under one second."""

from __future__ import annotations

import random

import pytest

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
