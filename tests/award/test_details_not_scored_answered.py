"""An error in a detail of a ranked supplier's return that is never scored, settled by the
supplier's answer: ``[[clarification]]`` at its cell (award/clarified.py ``answerable``).

Before, such an error (a subcontractor's lots typed "CSX", a share of 150%, a staff headcount
in words, rows priced for a lot the plan does not have, a package naming one) made no bid
invalid yet held the award back for good: a clarification was refused ("a clarification does
not put right" an error), a rejection of the ranked tender too, and the blocker said putting
it right "could change the scores and the award", which it cannot. The only way out was
editing the supplier's submitted return.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import tendereval
from tests.example_copies import example_copy

WEALD = ("bids/weald-carers-trust.xlsx", "Weald Carers Trust")
BRIGHTWATER = ("bids/brightwater-care-services-ltd.xlsx", "Brightwater Care Services Ltd")


def _prices_for_another_lot(book: openpyxl.Workbook) -> str:
    sheet = book["Prices"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5) if r[0].value == "CSB"]
    first = sheet.max_row + 1
    for row in rows:
        sheet.append(["CSB2", *row[1:]])
    return f"Prices › A{first}"


def _subcontractor_lots(book: openpyxl.Workbook) -> str:
    book["Supply chain"]["I5"] = "CSX"
    return "Supply chain › I5"


def _share(book: openpyxl.Workbook) -> str:
    book["Supply chain"]["H5"] = 150
    return "Supply chain › H5"


def _headcount(book: openpyxl.Workbook) -> str:
    book["Organisation"]["B11"] = "eighty-five"
    return "Organisation › B11"


CASES = {
    "prices for a lot the plan does not have": (BRIGHTWATER, _prices_for_another_lot),
    "a subcontractor's lots": (WEALD, _subcontractor_lots),
    "a subcontractor's share": (WEALD, _share),
    "the staff headcount": (WEALD, _headcount),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_suppliers_answer_settles_an_error_in_a_detail_never_scored(
    tmp_path: Path, case: str
) -> None:
    (file, supplier), change = CASES[case]
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / file)
    cell = change(book)
    book.save(folder / file)
    before = tendereval.score(folder, sensitivity=False)
    ranks = before.results.select("lot", "supplier", "status", "rank")
    (blocker,) = before.award.blockers
    # What the blocker says is true (no score can change) and followable (no edit of the
    # supplier's return): the supplier's answer, recorded, settles it.
    assert "could change" not in blocker
    assert "([[clarification]]), which settles it" in blocker
    assert "not yet settled, in details that are not scored" in before.award.held_back
    (folder / "decisions.toml").write_text(
        f'[[clarification]]\nsupplier = "{supplier}"\ncell = "{cell}"\nasked_on = 2026-03-02\n'
        'answered_on = 2026-03-03\nanswer = "Typed by mistake"\n',
        encoding="utf-8",
    )
    after = tendereval.score(folder, sensitivity=False)
    assert after.award.blockers == []
    assert after.award.held_back is None
    # Kept on the record, as a warning with the answer; nothing is scored differently.
    (answered,) = [p for p in after.problems if p.file == file and p.where.endswith(cell)]
    assert answered.severity == "warning"
    assert answered.message.endswith("Typed by mistake (decisions.toml › clarification[0])")
    assert after.results.select("lot", "supplier", "status", "rank").equals(ranks)
    assert after.award.winner("CSB") == before.award.winner("CSB") == "Weald Carers Trust"


def test_an_error_that_makes_a_tender_invalid_is_still_not_clarified(tmp_path: Path) -> None:
    """A price left "TBC" is scored: putting it right is the tender's, or it is rejected."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / BRIGHTWATER[0])
    book["Prices"]["G5"] = "TBC"
    book.save(folder / BRIGHTWATER[0])
    (folder / "decisions.toml").write_text(
        f'[[clarification]]\nsupplier = "{BRIGHTWATER[1]}"\ncell = "Prices › G5"\n'
        'answered_on = 2026-03-03\nanswer = "£21.50"\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.file == "decisions.toml"] == [
        "decisions.clarification_error"
    ]
    assert result.award.not_put_right == (("CSB", BRIGHTWATER[1]),)
