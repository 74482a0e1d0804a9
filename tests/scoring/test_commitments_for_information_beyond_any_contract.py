"""A commitment beyond any contract that the plan keeps for information only.

Scored, 1E305 units committed is an error at its cell (``commitments.beyond_any_contract``,
tests/award/test_commitment_beyond_any_contract.py). In a plan that does not score
commitments it said nothing at its cell, and its worth, too large to count, was the bid's
social value everywhere: "the social value committed, infinite, is inf times the evaluated
price" on the terminal and in the report's Flags, ``inf`` in the CSV, null in the JSON. It is
now a warning at its cell in the same words, and its worth is left out of every output; the
tender, whose commitments are not scored, is not affected.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.errors import Severity
from tests.example_copies import example_copy

WEALD = "Weald Carers Trust"
BID = "bids/weald-carers-trust.xlsx"
SCORED = """  [[criteria.questions]]
  id = "SV2"
  title = "Quantified social value commitments"
  kind = "commitments"           # units × proxy values, scored relative to the best offer
  weight_of_parent = 50          # 10 points of 100
"""
# Weald's other commitments, as its return gives them: 180,000 × £0.25 (VCSE spend) +
# 1,200 × £17 (volunteering) + 400 × £18 (training) = £45,000 + £20,400 + £7,200.
THE_REST = 72_600.0
NOT_A_NUMBER = re.compile(r"\b(inf|infinity|infinite|nan)\b", re.IGNORECASE)


def _for_information(tmp_path: Path, units: float) -> Path:
    """The carers example with its commitments kept for information only (SV2 taken out,
    SV1 all of social value's weight), and Weald's local jobs (Social value › C5) ``units``."""
    folder = example_copy(tmp_path / str(units))
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert SCORED in text
    text = text.replace(SCORED, "").replace(
        "weight_of_parent = 50          # 10 points of 100, scored by evaluators",
        "weight_of_parent = 100",
    )
    plan.write_text(text, encoding="utf-8")
    book = openpyxl.load_workbook(folder / BID)
    book["Social value"]["C5"] = units
    book.save(folder / BID)
    return folder


def test_it_is_a_warning_at_its_cell_in_the_words_of_the_error(tmp_path) -> None:
    folder = _for_information(tmp_path, 1e305)
    result = tendereval.score(folder, sensitivity=False)
    (warning,) = [p for p in result.problems if p.code == "commitments.beyond_any_contract"]
    assert (warning.severity, warning.where) == (Severity.WARNING, f"{BID} › Social value › C5")
    assert warning.message.startswith(
        "a social value commitment for lot CSB is worth more than any public contract: a sum "
        "of money typed as units, or a number typed in the wrong cell?"
    )
    assert warning.found == (
        "1e+305 units of SV-JOB-LOCAL at £32,500.00 a unit: a sum too large to count"
    )
    # £1 trillion / £32,500 = 30,769,230.77 units at the most.
    assert warning.expected.startswith("the units put right by the supplier (at most 30,769,230 ")
    assert not [p for p in result.problems if p.is_error]
    # validate, which does not score, says the same.
    assert warning in tendereval.validate(folder).problems


def test_the_tender_is_not_affected(tmp_path) -> None:
    typed = tendereval.score(_for_information(tmp_path, 1e305), sensitivity=False)
    given = tendereval.score(_for_information(tmp_path, 3), sensitivity=False)
    columns = ["supplier", "status", "rank", "total", "social_value_score"]
    assert typed.results.select(columns).equals(given.results.select(columns))
    assert typed.award.winner("CSB") == given.award.winner("CSB") == WEALD
    amount = typed.results.filter(supplier=WEALD).item(0, "social_value_amount")
    assert amount == pytest.approx(THE_REST)
    far_above = typed.flags.filter(code="social_value.far_above_price")
    assert far_above.is_empty()


@pytest.mark.parametrize("scored", [False, True])
def test_no_output_holds_a_figure_that_is_no_number(tmp_path, scored: bool) -> None:
    """Scored too: the tender is then invalid for the error at its cell, and its commitment
    beyond any contract was inf in the CSV, null in the JSON and "worth infinite" on the
    report's Social value sheet. The rest of its commitments are shown as committed."""
    if scored:
        folder = example_copy(tmp_path / "scored")
        book = openpyxl.load_workbook(folder / BID)
        book["Social value"]["C5"] = 1e305
        book.save(folder / BID)
    else:
        folder = _for_information(tmp_path, 1e305)
    out = tmp_path / "out"
    out.mkdir()
    ran = CliRunner().invoke(
        cli,
        [
            "score",
            str(folder),
            "--no-sensitivity",
            "--json",
            str(out / "results.json"),
            "--csv",
            str(out / "results.csv"),
            "-o",
            str(out / "report.xlsx"),
        ],
    )
    assert ran.exit_code == (1 if scored else 0), ran.output
    severity = "error" if scored else "warning"
    assert (
        f"Social value › C5: {severity}: a social value commitment for lot CSB is worth more "
        "than any public contract" in ran.output
    )
    assert "a sum of money typed as units" in ran.output
    assert not NOT_A_NUMBER.findall(ran.output)

    csv_text = (out / "results.csv").read_text(encoding="utf-8")
    assert not NOT_A_NUMBER.findall(csv_text)
    (weald,) = [row for row in csv.DictReader(csv_text.splitlines()) if row["supplier"] == WEALD]
    assert weald["status"] == ("invalid" if scored else "ranked")
    assert float(weald["social_value_amount"]) == pytest.approx(THE_REST)

    json_text = (out / "results.json").read_text(encoding="utf-8")
    assert not NOT_A_NUMBER.findall(json_text)
    (ranking,) = [lot["ranking"] for lot in json.loads(json_text)["lots"]]
    (row,) = [bid for bid in ranking if bid["supplier"] == WEALD]
    assert row["social_value_amount"] == pytest.approx(THE_REST)
    assert [c["cell"] for c in row["social_value_commitments"]] == [
        "Social value › C6",
        "Social value › C8",
        "Social value › C7",
    ]
    assert None not in [c["amount"] for c in row["social_value_commitments"]]

    report = openpyxl.load_workbook(out / "report.xlsx")
    for sheet in report:
        for cells in sheet.iter_rows(values_only=True):
            for value in cells:
                if isinstance(value, float):
                    assert value == value and abs(value) != float("inf"), sheet.title
                elif isinstance(value, str):
                    assert not NOT_A_NUMBER.findall(value), (sheet.title, value)
    commitments = report["Social value commitments"]
    weald_rows = [r for r in commitments.iter_rows(values_only=True) if WEALD in r]
    assert len(weald_rows) == 3 and all(None not in r[:7] for r in weald_rows)
