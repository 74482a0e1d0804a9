"""An evaluator's name pasted with a zero-width space, or typed with a Cyrillic "о", looks
the same on screen as another sheet's evaluator but was another person to the rules: the
two sheets' scores counted as two evaluators', each bid's mean taking one judgement twice,
without a word (the same name in both is reported, declaration.same_evaluator)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import tendereval

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"


@pytest.mark.parametrize("name", ["Tom Okafor\u200b", "T\u043em Okafor", "Tom  OKAFOR"])
def test_a_second_sheet_of_a_lookalike_evaluator_is_pointed_out(tmp_path, name) -> None:
    folder = tmp_path / "tender"
    shutil.copytree(CARERS, folder)
    again = folder / "scores" / "tom-okafor-revised.xlsx"
    shutil.copy(folder / "scores" / "tom-okafor.xlsx", again)
    book = openpyxl.load_workbook(again)
    book["Declaration"]["B4"] = name
    sheet = book["Scores"]
    for row in sheet.iter_rows(min_row=2):  # revised reasons: not a copy word for word
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 40:
                cell.value = cell.value + " (revised)"
    book.save(again)
    problems = tendereval.load_tender(folder).problems
    codes = {p.code for p in problems}
    if name == "Tom  OKAFOR":  # the same name, spaced and cased otherwise: said as ever
        assert "declaration.same_evaluator" in codes
        assert "declaration.lookalike_evaluator" not in codes
        return
    (found,) = [p for p in problems if p.code == "declaration.lookalike_evaluator"]
    assert found.file.endswith("tom-okafor.xlsx")  # the sheet read second
    assert "look the same but are written with different characters" in found.message
    assert "count as two evaluators'" in found.message
    assert not found.is_error
    # Scoring the folder reports it once: the frame rules see the loader's own report.
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems].count("declaration.lookalike_evaluator") == 1


def test_the_same_in_a_scores_frame(tmp_path) -> None:
    import polars as pl

    tender = tendereval.load_tender(CARERS)
    tom = tender.scores.filter(pl.col("evaluator") == "Tom Okafor")
    again = tom.with_columns(evaluator=pl.lit("Tom Okafor\u200b"), source=pl.lit(None, pl.String))
    tender.scores = pl.concat([tender.scores, again])
    result = tendereval.score(tender, sensitivity=False)
    (found,) = [p for p in result.problems if p.code == "declaration.lookalike_evaluator"]
    assert found.file == "scores frame" and "(in scores/tom-okafor.xlsx)" in found.message
    assert found.found.endswith("has U+200B ZERO WIDTH SPACE")


def test_the_characters_that_differ_are_named_five_then_counted() -> None:
    from tendereval.io.lookalike import unusual_characters

    assert unusual_characters("Tom\u200b Ok\u043efor") == (
        "U+200B ZERO WIDTH SPACE, U+043E CYRILLIC SMALL LETTER O"
    )
    assert unusual_characters("Tom Okafor") == ""
    # A name filling a cell with two hundred kinds of character: a few named, the rest counted.
    crafted = "A" + "\u200b" * 10_000 + "".join(chr(0x400 + i) for i in range(200))
    text = unusual_characters(crafted)
    assert text.endswith(" and 196 more outside plain letters") and len(text) < 300
