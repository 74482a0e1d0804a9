"""The consolidated form's columns headed as officers head them: by the frame's name
('uplift'), or as the bid return, score sheet or moderation workbook heads the same column
('Yearly uplift (%)', 'Uplift (%)', 'Evaluator group', 'Moderated by'). An optional column
under any other heading was dropped without a word: every uplift read as 0%, the service-user
panel's share lost, a consensus chaired by a conflicted evaluator used.

The plan is tests/io/builders.py's: 2 contract years, L1 buys 1,000 hours a year, price 40
points by lowest price ratio, quality 40 points (Q1 and Q2, half each, scored 0 to 5), a
service-user panel with a 25% share of Q1."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

import tendereval

from .builders import matrix_workbook, write_plan
from .conftest import load, only
from .test_matrix import DECLARATIONS, PRICES, SCORES, SUPPLIERS


def _with_uplift(prices: list[dict]) -> list[dict]:
    """Acme's L1 hours at £20 with a 3% yearly uplift; every other rate without one."""
    return [
        {**row, "uplift": "3%"} if (row["supplier"], row["lot"]) == ("Acme Care Ltd", "L1") else row
        for row in prices
    ]


def _headed(path: Path, sheet: str, key: str, heading: str) -> None:
    """The column ``key`` of ``sheet`` headed ``heading`` instead."""
    book = openpyxl.load_workbook(path)
    row = book[sheet][1]
    next(cell for cell in row if cell.value == key).value = heading
    book.save(path)


def _matrix(folder: Path, **tables: list[dict]) -> Path:
    write_plan(folder)
    given = {"Suppliers": SUPPLIERS, "Prices": _with_uplift(PRICES), "Scores": SCORES}
    given["Declarations"] = DECLARATIONS
    return matrix_workbook(folder / "evaluation.xlsx", given | tables)


def _acme_l1(folder: Path) -> dict:
    result = tendereval.score(folder, sensitivity=False)
    return result.results.filter(supplier="Acme Care Ltd", lot="L1").row(0, named=True)


# Acme L1: 1,000 hours × £20 in year 1 and × £20 × 1.03 in year 2 = 20,000 + 20,600 = £40,600
# (£40,000 with the uplift lost). Bright's L1 is £40,000, the lowest, so Acme's price score is
# 40 × 40,000 / 40,600 = 39.408867 (40, level with Bright, with the uplift lost).
ACME_L1_PRICE = 40_600.0
ACME_L1_PRICE_SCORE = 40 * 40_000 / 40_600


@pytest.mark.parametrize(
    "heading",
    ["uplift", "Uplift (%)", "Yearly uplift", "Yearly uplift (%)", "uplift %", "annual_uplift"],
)
def test_the_uplift_column_headed_as_the_bid_return_heads_it_is_read(tmp_path, heading):
    path = _matrix(tmp_path)
    _headed(path, "Prices", "uplift", heading)
    tender = load(tmp_path)
    assert tender.problems == []
    assert tender.prices.filter(supplier="Acme Care Ltd")["uplift"].to_list() == [0.03, 0.0, 0.0]
    acme = _acme_l1(tmp_path)
    assert acme["evaluated_price"] == pytest.approx(ACME_L1_PRICE, abs=1e-9)
    assert acme["price_score"] == pytest.approx(ACME_L1_PRICE_SCORE, abs=1e-9)


def test_the_uplift_column_headed_so_in_the_csv_form_is_read(tmp_path):
    path = _matrix(tmp_path)
    folder = tmp_path / "evaluation"
    folder.mkdir()
    for sheet in openpyxl.load_workbook(path):
        with (folder / f"{sheet.title.lower()}.csv").open("w", newline="") as file:
            writer = csv.writer(file)
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number == 1 and sheet.title == "Prices":
                    row = tuple("Uplift (%)" if value == "uplift" else value for value in row)
                writer.writerow(["" if value is None else value for value in row])
    path.unlink()
    tender = load(tmp_path)
    assert tender.problems == []
    assert _acme_l1(tmp_path)["evaluated_price"] == pytest.approx(ACME_L1_PRICE, abs=1e-9)


def test_figures_under_another_heading_with_no_uplift_column_are_an_error(tmp_path):
    """'Inflation' may be the uplifts: read as 0%, Acme's price would be £600 lower."""
    path = _matrix(tmp_path)
    _headed(path, "Prices", "uplift", "Inflation")
    tender = load(tmp_path)
    problem = only(tender, "table.unknown_column")
    assert problem.is_error
    assert problem.where == "evaluation.xlsx › Prices › E2"
    assert problem.message == (
        "column E, headed 'Inflation', is not a column of the template, so the values in its "
        "1 row are not read"
    )
    assert problem.found == "'3%' in E2"
    # The officer fills the form in: there is no sender to ask for the file again.
    assert problem.expected == (
        "the template's header over the column if these are its figures (the table has no "
        "column 'uplift')"
    )


def test_figures_under_another_heading_beside_every_column_are_a_warning(tmp_path):
    path = _matrix(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Prices"]["F1"], book["Prices"]["F3"] = "Weekend rate", 24
    book.save(path)
    tender = load(tmp_path)
    problem = only(tender, "table.unknown_column")
    assert (problem.is_error, problem.where) == (False, "evaluation.xlsx › Prices › F3")
    assert tender.prices.filter(supplier="Acme Care Ltd")["uplift"].to_list() == [0.03, 0.0, 0.0]


def _panel(folder: Path, heading: str) -> Path:
    """Sam Lee of the service-user panel scores Q1 of every bid 5; Ann Evans gave 3."""
    sam = [
        {"evaluator": "Sam Lee", "group": "service_users", "supplier": s, "lot": lot}
        | {"question": "Q1", "score": 5, "reason": "clear"}
        for s in ("Acme Care Ltd", "Bright Futures CIC")
        for lot in ("L1", "L2")
    ]
    declarations = [
        *DECLARATIONS,
        {"evaluator": "Sam Lee", "group": "service_users", "declared_on": "2026-10-01"}
        | {"conflict": "none"},
    ]
    path = _matrix(folder, Scores=[*SCORES, *sam], Declarations=declarations)
    _headed(path, "Scores", "group", heading)
    _headed(path, "Declarations", "group", heading)
    return path


@pytest.mark.parametrize(
    "heading", ["group", "Evaluator group", "Evaluator group (blank for the main panel)"]
)
def test_the_group_column_headed_as_the_score_sheet_heads_it_is_read(tmp_path, heading):
    """Q1: the panel's 25% share of 5 beside the officers' 75% of 3 is 3.5 (the mean of 3
    and 5, 4, with the group lost); Q2: Ann's 3. Each question is 20 points:
    3.5 / 5 × 20 + 3 / 5 × 20 = 14 + 12 = 26 (28 with the group lost)."""
    _panel(tmp_path, heading)
    tender = load(tmp_path)
    assert tender.problems == []
    assert set(tender.scores.filter(evaluator="Sam Lee")["group"]) == {"service_users"}
    assert _acme_l1(tmp_path)["quality_score"] == pytest.approx(26.0, abs=1e-9)


def _chaired_by_a_conflicted_evaluator(folder: Path, heading: str) -> None:
    """Ann Evans declared a conflict with Acme Care Ltd, then recorded its consensus on Q1."""
    declarations = [DECLARATIONS[0] | {"conflict": "declared"}]
    declarations[0]["conflicted_suppliers"] = "Acme Care Ltd"
    consensus = {"supplier": "Acme Care Ltd", "lot": "L1", "question": "Q1", "score": 5}
    consensus |= {"reason": "Agreed at moderation", "moderator": "Ann Evans"}
    path = _matrix(folder, Declarations=declarations, Moderation=[consensus])
    _headed(path, "Moderation", "moderator", heading)


@pytest.mark.parametrize("heading", ["moderator", "Moderated by"])
def test_the_moderator_column_headed_as_the_moderation_workbook_heads_it_is_read(tmp_path, heading):
    _chaired_by_a_conflicted_evaluator(tmp_path, heading)
    assert load(tmp_path).moderation["moderator"].to_list() == ["Ann Evans"]
    result = tendereval.score(tmp_path, sensitivity=False)
    # The consensus is refused at its score, and the award waits for Q1 to be moderated again.
    problem = next(p for p in result.problems if p.code == "moderation.conflicted_moderator")
    assert (problem.is_error, problem.where) == (True, "evaluation.xlsx › Moderation › D2")
