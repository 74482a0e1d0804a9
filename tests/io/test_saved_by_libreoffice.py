"""Both example tenders with every bid return and score sheet opened and saved again by
LibreOffice Calc, as a supplier or evaluator without Excel would: they score exactly as the
files the templates wrote. LibreOffice writes shared strings, its own styles and number
formats, every row and cell attribute spelled out, and no view or dimension like Excel's, so
every fast path of the reader meets a producer it was not written against."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

import tendereval
from tendereval.io.workbook import open_book

from ..report.libreoffice import make_profile, recalculate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FRAMES = (
    "results",
    "criteria",
    "price_breakdown",
    "social_value",
    "flags",
    "evaluator_scores",
    "moderation",
)


@pytest.fixture(scope="module", params=["carers-short-breaks", "homecare-districts"])
def both_ways(request, tmp_path_factory) -> tuple[Path, Path]:
    """The example as written, and a copy whose every workbook LibreOffice saved again."""
    folder = tmp_path_factory.mktemp(request.param)
    original, resaved = folder / "original", folder / "resaved"
    for copy in (original, resaved):
        shutil.copytree(EXAMPLES / request.param, copy, ignore=shutil.ignore_patterns("reports"))
    profile = make_profile(folder / "profile")
    for sub in ("bids", "scores"):
        books = sorted((resaved / sub).glob("*.xlsx"))
        work = folder / f"work-{sub}"
        work.mkdir()
        first, done = recalculate(books[0], work, profile, *books[1:])
        for book in books:
            saved = first.parent / book.name
            assert saved.exists(), done.stderr
            shutil.copyfile(saved, book)
    return original, resaved


@pytest.mark.libreoffice
def test_every_workbook_saved_again_by_libreoffice_scores_the_same(both_ways):
    original, resaved = both_ways
    bid = next((resaved / "bids").glob("*.xlsx"))
    with zipfile.ZipFile(bid) as archive:  # what this test is for: LibreOffice's own shape
        assert "xl/sharedStrings.xml" in archive.namelist()
    assert bid.read_bytes() != (original / "bids" / bid.name).read_bytes()
    before = tendereval.score(original, sensitivity=False)
    after = tendereval.score(resaved, sensitivity=False)
    assert [str(p) for p in after.problems] == [str(p) for p in before.problems]
    for name in FRAMES:
        try:
            assert_frame_equal(getattr(after, name), getattr(before, name))
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None
    assert after.award.to_dict() == before.award.to_dict()


@pytest.mark.libreoffice
def test_libreoffice_keeps_each_template_mark(both_ways):
    """A template's mark (which tender and plan it was made from) is in its custom document
    properties; saved again by LibreOffice it still says the same, so a plan changed after
    the templates went out is still caught."""
    original, resaved = both_ways
    for sub in ("bids", "scores"):
        for book in sorted((resaved / sub).glob("*.xlsx")):
            before, after = (_mark(folder / sub / book.name) for folder in (original, resaved))
            assert before and after == before, book.name


def _mark(path: Path) -> dict[str, str]:
    book, _ = open_book(path, path.name)
    assert book is not None
    with book:
        return book.template_mark()
