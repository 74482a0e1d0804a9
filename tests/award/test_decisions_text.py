"""``Decisions.to_toml``: what a notebook tried goes on the record exactly as it was tried.

The property: any decisions, written as text and read back by ``load_decisions`` (the loader
every command uses), are the same decisions, with no problem found."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import (
    GROUNDS,
    Decisions,
    RecordedAward,
    RecordedChallenge,
    RecordedClarification,
    RecordedExplanation,
    RecordedNoAward,
    RecordedRejection,
    RecordedWithdrawal,
    Standstill,
    load_decisions,
)
from tendereval.io.keys import supplier_key
from tendereval.terminal import shows_nothing
from tests.example_copies import EXAMPLES

LOTS = ["A", "B", "C", "D"]
# Text as typed: any characters (quotes, backslashes, control characters, other scripts), as
# the reader keeps it: not blank (nor showing nothing, "\x1b" or "\u200b"), no spaces at
# either end.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: t.strip() == t and not shows_nothing(t)
)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31))
OPTIONAL_DAY = st.one_of(st.just(""), DAYS.map(dt.date.isoformat))


@st.composite
def rejections(draw, i: int) -> RecordedRejection:
    ground = draw(st.sampled_from([None, *GROUNDS]))
    decided = draw(DAYS)
    queried = ""
    if ground == "abnormally_low":  # queried first, or it is not applied
        queried = (decided - dt.timedelta(days=draw(st.integers(0, 30)))).isoformat()
    return RecordedRejection(
        draw(TEXT),
        draw(TEXT),
        # An excluded supplier is excluded from every lot: one named is read back as none.
        None if ground == "excluded_supplier" else draw(st.sampled_from([None, *LOTS])),
        decided_by=draw(OPTIONAL_TEXT),
        decided_on=decided.isoformat(),
        where=f"rejection[{i}]",
        ground=ground,
        queried_on=queried,
    )


@st.composite
def decisions(draw) -> Decisions:
    awarded = draw(st.lists(st.sampled_from(LOTS), unique=True, max_size=4))
    closed = [lot for lot in LOTS if lot not in awarded][: draw(st.integers(0, 2))]
    awards = tuple(
        RecordedAward(
            lot, draw(TEXT), draw(TEXT), draw(OPTIONAL_TEXT), draw(OPTIONAL_DAY), f"decision[{i}]"
        )
        for i, lot in enumerate(awarded)
    )
    no_awards = tuple(
        RecordedNoAward(lot, draw(TEXT), draw(OPTIONAL_TEXT), draw(OPTIONAL_DAY), f"no_award[{i}]")
        for i, lot in enumerate(closed)
    )
    withdrawals = tuple(
        RecordedWithdrawal(
            draw(TEXT),
            draw(DAYS).isoformat(),
            draw(st.sampled_from([None, *LOTS])),
            recorded_by=draw(OPTIONAL_TEXT),
            note=draw(OPTIONAL_TEXT),
            where=f"withdrawal[{i}]",
        )
        for i in range(draw(st.integers(0, 3)))
    )
    count = draw(st.integers(0, 3))
    rejected = tuple(draw(rejections(i)) for i in range(count))
    sent, starts = draw(st.one_of(st.none(), DAYS)), draw(st.one_of(st.none(), DAYS))
    ends = starts + dt.timedelta(days=draw(st.integers(0, 40))) if starts else None
    # A price explained and the same price disregarded is an error: not drawn here.
    disregarded = {supplier_key(r.supplier) for r in rejected if r.ground == "abnormally_low"}
    explained = []
    for i in range(draw(st.integers(0, 2))):
        queried = draw(DAYS)
        explained.append(
            RecordedExplanation(
                draw(TEXT.filter(lambda t: supplier_key(t) not in disregarded)),
                queried.isoformat(),
                (queried + dt.timedelta(days=draw(st.integers(0, 20)))).isoformat(),
                draw(st.sampled_from([None, *LOTS])),
                decided_by=draw(OPTIONAL_TEXT),
                note=draw(OPTIONAL_TEXT),
                where=f"price_explanation[{i}]",
            )
        )
    clarified = []
    for i in range(draw(st.integers(0, 2))):
        asked = draw(DAYS)
        clarified.append(
            RecordedClarification(
                draw(TEXT),
                draw(TEXT),
                (asked + dt.timedelta(days=draw(st.integers(0, 20)))).isoformat(),
                cell=draw(OPTIONAL_TEXT),
                asked_on=draw(st.sampled_from(["", asked.isoformat()])),
                recorded_by=draw(OPTIONAL_TEXT),
                where=f"clarification[{i}]",
            )
        )
    challenged = []
    for i in range(draw(st.integers(0, 2))):
        notified = draw(DAYS)
        lifted = draw(st.one_of(st.none(), st.integers(0, 60)))
        challenged.append(
            RecordedChallenge(
                notified.isoformat(),
                draw(
                    st.one_of(
                        st.none(),
                        st.lists(st.sampled_from(LOTS), min_size=1, unique=True).map(tuple),
                    )
                ),
                (notified + dt.timedelta(days=lifted)).isoformat() if lifted is not None else "",
                note=draw(OPTIONAL_TEXT),
                where=f"challenge[{i}]",
            )
        )
    return Decisions(
        awards=awards,
        standstill=Standstill(sent, starts, ends, exemption=draw(OPTIONAL_TEXT)),
        source="decisions.toml",
        rejections=rejected,
        withdrawals=withdrawals,
        no_awards=no_awards,
        price_explanations=tuple(explained),
        clarifications=tuple(clarified),
        challenges=tuple(challenged),
    )


@settings(max_examples=150, deadline=None)
@given(decided=decisions())
def test_decisions_written_as_text_read_back_the_same(tmp_path_factory, decided) -> None:
    folder = tmp_path_factory.mktemp("decisions")
    text = decided.to_toml()
    tomllib.loads(text)  # valid TOML, whatever the text held
    (folder / "decisions.toml").write_text(text, encoding="utf-8")
    loaded = load_decisions(folder, LOTS)
    assert loaded.decisions == decided
    # (A standstill shorter than the Act's, with no exemption recorded, is an error as read.)
    assert [
        p for p in loaded.problems if p.is_error and p.code != "decisions.standstill_short"
    ] == []


def test_what_decide_tried_is_what_the_folder_then_decides(tmp_path: Path) -> None:
    """Tried in a notebook, written with to_toml, scored from the folder: the same award."""
    import shutil

    folder = tmp_path / "homecare"
    shutil.copytree(EXAMPLES / "homecare-districts", folder)
    result = tendereval.score(folder, sensitivity=False)
    tried = Decisions(
        no_awards=(RecordedNoAward("TUN", 'Over the "approved" budget', "Head", "2026-03-05"),)
    )
    award = tendereval.decide(result, tried)
    (folder / "decisions.toml").write_text(tried.to_toml(), encoding="utf-8")
    again = tendereval.score(folder, sensitivity=False)
    assert again.award.lots == award.lots and again.award.blockers == award.blockers == []
