"""``[[price_explanation]]``: an abnormally low price queried, and the explanation accepted.

Before, nothing could record it: every output went on saying "ask the supplier to explain it"
of a price the buyer had queried and accepted weeks before, and a committee reading the
report could not tell whether anyone had asked. (An explanation not accepted is a
``[[rejection]]`` on the ground ``abnormally_low``.)
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.award.recorded import Decisions, RecordedExplanation
from tendereval.cli import cli
from tests.example_copies import EXAMPLES, example_copy

MERIDIAN = "Meridian Care Group plc"
EXPLAINED = """
[[price_explanation]]
supplier = "{supplier}"
{lot}queried_on = 2026-03-02
accepted_on = 2026-03-04
decided_by = "Head of Commissioning"
note = "Volunteer-led sitting service; costs checked against its 2025 accounts"
"""
DONE = (
    "the supplier was asked to explain it on 2026-03-02, and its explanation was accepted on "
    "2026-03-04 (decisions.toml › price_explanation[0])"
)


@pytest.fixture
def carers(tmp_path: Path) -> Path:
    """A copy of the carers example (here a folder, not the loaded tender of conftest)."""
    return example_copy(tmp_path)


def _record(folder: Path, supplier: str = MERIDIAN, lot: str | None = None, extra: str = ""):
    text = EXPLAINED.format(supplier=supplier, lot=f'lot = "{lot}"\n' if lot else "") + extra
    (folder / "decisions.toml").write_text(text, encoding="utf-8")


def _flags(result) -> dict[str, str]:
    return dict(
        result.flags.filter(pl.col("code").str.starts_with("abnormally_low"))
        .select("code", "message")
        .iter_rows()
    )


def test_the_flags_say_the_price_was_queried_and_the_explanation_accepted(
    carers: Path, tmp_path: Path
) -> None:
    before = _flags(tendereval.score(carers, sensitivity=False))
    assert set(before) == {"abnormally_low.median", "abnormally_low.true_cost"}
    assert all(m.endswith("it is not a reason to exclude on its own") for m in before.values())
    _record(carers, lot="CSB")
    result = tendereval.score(carers, sensitivity=False)
    after = _flags(result)
    assert after == {
        "abnormally_low.median": "evaluated price £2,273,877.20 is below £2,465,273.44, 80% of "
        f"the median compliant price (£3,081,591.795): {DONE}",
        "abnormally_low.true_cost": "evaluated price £2,273,877.20 is below the in-house true "
        f"cost of £2,550,000.00: {DONE}",
    }
    # The flags stay (the price is as low as it was), and nothing else changes.
    plain = tendereval.score(tendereval.load_tender(EXAMPLES / "carers-short-breaks"),
                             sensitivity=False)  # fmt: skip
    assert result.results.drop("flags").equals(plain.results.drop("flags"))
    assert not [p for p in result.problems if p.file == "decisions.toml"]
    assert result.award.summaries_ready

    # Every output reads the same message: the terminal, JSON and the report's Flags sheet.
    out = CliRunner().invoke(
        cli, ["score", str(carers), "--no-sensitivity", "--json", str(tmp_path / "r.json"),
              "-o", str(tmp_path / "r.xlsx")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert DONE in out.output and "ask the supplier" not in out.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {f["message"] for f in data["flags"] if f["code"].startswith("abnormally")} == set(
        after.values()
    )
    cells = {
        c
        for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Flags"].iter_rows(values_only=True)
        for c in row
    }
    assert set(after.values()) <= cells


@pytest.mark.parametrize(
    ("supplier", "lot", "extra", "code", "cell"),
    [
        ("Meridian Care Group", None, "", "decisions.explanation_unknown",
         "price_explanation[0].supplier"),
        (MERIDIAN, "XYZ", "", "decisions.unknown_lot", "price_explanation[0].lot"),
        (MERIDIAN, None, '\n[[rejection]]\nsupplier = "Meridian Care Group plc"\n'
         'ground = "abnormally_low"\nqueried_on = 2026-03-02\ndecided_on = 2026-03-05\n'
         'reason = "Explanation did not show the price covers the London Living Wage"\n',
         "decisions.explanation_conflict", "price_explanation[0].supplier"),
    ],
    ids=["nobody", "no such lot", "accepted and disregarded"],
)  # fmt: skip
def test_a_price_explanation_that_cannot_be_right_is_an_error_at_its_key(
    carers: Path, supplier: str, lot: str | None, extra: str, code: str, cell: str
) -> None:
    _record(carers, supplier, lot, extra)
    result = tendereval.score(carers, sensitivity=False)
    found = [(p.code, p.cell) for p in [*result.problems, *result.award.problems] if p.is_error]
    assert found == [(code, cell)]
    assert all("ask the supplier" in m for m in _flags(result).values())
    checked = tendereval.validate(carers)
    assert (code, cell) in [(p.code, p.cell) for p in checked.errors]


def test_accepted_before_it_was_asked_for_is_an_error(carers: Path) -> None:
    _record(carers)
    text = (carers / "decisions.toml").read_text(encoding="utf-8")
    (carers / "decisions.toml").write_text(
        text.replace("accepted_on = 2026-03-04", "accepted_on = 2026-03-01"), encoding="utf-8"
    )
    (problem,) = [p for p in tendereval.validate(carers).errors]
    assert (problem.code, problem.cell) == (
        "decisions.explanation_order",
        "price_explanation[0].accepted_on",
    )


def test_the_same_from_python_and_written_back_as_text(carers: Path) -> None:
    explained = RecordedExplanation(
        MERIDIAN, "2026-03-02", "2026-03-04", where="price_explanation[0]"
    )
    tender = dataclasses.replace(
        tendereval.load_tender(carers), decisions=Decisions(price_explanations=(explained,))
    )
    tried = tendereval.score(tender, sensitivity=False)
    assert all(m.endswith(DONE) for m in _flags(tried).values())
    (carers / "decisions.toml").write_text(tender.decisions.to_toml(), encoding="utf-8")
    assert _flags(tendereval.score(carers, sensitivity=False)) == _flags(tried)


def test_the_audit_sheet_keeps_the_record_word_for_word(carers: Path, tmp_path: Path) -> None:
    _record(carers)
    out = CliRunner().invoke(cli, ["score", str(carers), "--no-sensitivity", "-o",
                                   str(tmp_path / "r.xlsx")])  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = [
        [c for c in row if c is not None]
        for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"].iter_rows(values_only=True)
    ]
    start = rows.index(["Tenders set aside by the buyer's record, and prices explained"])
    assert rows[start + 2] == [
        "every lot bid for",
        MERIDIAN,
        "abnormally low price explained: queried on 2026-03-02, explanation accepted on 2026-03-04",
        "Volunteer-led sitting service; costs checked against its 2025 accounts",
        "Head of Commissioning",
        "price_explanation[0]",
    ]


def test_an_explanation_of_a_price_not_flagged_is_a_warning_that_it_changes_nothing(
    carers: Path,
) -> None:
    _record(carers, "Weald Carers Trust")
    award = tendereval.score(carers, sensitivity=False).award
    (problem,) = award.problems
    assert (problem.code, problem.cell, problem.is_error) == (
        "decisions.explanation_unflagged",
        "price_explanation[0].supplier",
        False,
    )
    assert award.summaries_ready
    # One naming nobody is an error, said once: not also a warning.
    _record(carers, "Weald Carers")
    award = tendereval.score(carers, sensitivity=False).award
    assert [p.code for p in award.problems] == ["decisions.explanation_unknown"]
