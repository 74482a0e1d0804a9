"""Whoever recorded a consensus score is an evaluator of that bid to the bidder.

Found by the summaries red team (session 41): a moderation workbook's "Moderated by" of "Jane
Doe (chair)", not a scorer, reached Hop Garden's summary as "Jane Doe, who chaired, re-read
section 2.3…", and Brightwater's as "Dr Doe and an evaluator agreed 4"; the command counted
only the scorer's name."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.person_names import moderator_names

EXAMPLE = Path(__file__).parents[2] / "examples" / "carers-short-breaks"


def test_a_moderator_who_did_not_score_is_kept_out_of_the_summaries(tmp_path: Path) -> None:
    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "scores" / "moderation.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Moderation"]
    ws["E9"] = (
        "Scores were 4, 1 and 4. Jane Doe, who chaired, re-read section 2.3 with the panel: "
        "it describes an urgent route through a partner home. Agreed 3."
    )
    ws["F9"] = "Jane Doe (chair)"
    ws["E14"] = (
        "Scores were 4, 3 and 4. Dr Doe and Ms Okafor agreed 4: appendix C meets the "
        "requirement fully."
    )
    ws["F14"] = "Jane Doe"
    book.save(path)
    result = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    # Okafor's name in row 14 and the moderator's in rows 9 and 14 (the example's own
    # "Tom Okafor read the bid" was row 9's reason, now replaced): two explanations.
    assert "2 explanations named an evaluator" in result.output, result.output
    seen = []
    for book_path in (tmp_path / "out").glob("*.xlsx"):
        for sheet in openpyxl.load_workbook(book_path).worksheets:
            for row in sheet.iter_rows(values_only=True):
                seen += [
                    v for v in row if isinstance(v, str) and ("chaired" in v or "appendix C" in v)
                ]
    assert seen
    assert not [v for v in seen if "Doe" in v or "Jane" in v], seen
    assert any("An evaluator, who chaired, re-read" in v for v in seen), seen
    assert any("An evaluator and an evaluator agreed 4" in v for v in seen), seen


def test_a_moderated_by_is_read_as_the_names_it_gives() -> None:
    """As the moderator rule reads it (scoring.quality): a role in brackets or after a comma
    is no name, nor a panel, nor a first name alone."""
    assert moderator_names("Jane Doe (chair)") == ["Jane Doe"]
    assert moderator_names("Dr Jane Doe, chair") == ["Dr Jane Doe"]
    assert moderator_names("Tom Harris (procurement lead) and Priya Shah") == [
        "Tom Harris",
        "Priya Shah",
    ]
    # As a directory lists a name: one person, the surname first.
    assert moderator_names("Doe, Jane (chair)") == ["Doe, Jane"]
    assert moderator_names("Tom, procurement lead") == []
    for none in ("The panel", "Moderation panel", "Jane", "chair", "Procurement Lead", "", None):
        assert moderator_names(none) == []
