"""The Audit sheet's award decision says when the award is held back, and why.

Found by a red team: with one unit rate left blank in the homecare example (an input error
not yet put right), ``score`` and ``summaries`` exit 1 and the Summary sheet said "The
recommended awards are not to be made yet …", but the Audit sheet's "The award decision"
listed every lot as ``awarded`` and no cell of it mentioned the hold-back: an auditor reading
only the Audit read twelve awards made.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import example_copy, example_with

HELD = (
    "not to be made yet: the inputs have 1 error not yet put right (putting it right could "
    "change the award)"
)


def _award_table(path: Path) -> tuple[list[tuple], dict[str, tuple]]:
    """The rows between "The award decision" and its table, and the table by lot."""
    rows = list(openpyxl.load_workbook(path)["Audit"].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "The award decision")
    header = next(i for i in range(top, len(rows)) if rows[i][0] == "Lot")
    table = {}
    for r in rows[header + 1 :]:
        if r[0] is None or r[0] == "Lot cap":
            break
        table[r[0]] = r[1:5]
    return [r[:2] for r in rows[top + 1 : header]], table


def test_an_award_held_back_is_proposed_not_awarded_with_why(tmp_path: Path) -> None:
    # Oasthouse's waking-nights rate for Canterbury (Prices › G8) left blank: its CAN tender is
    # invalid for an error not yet put right, and that error holds every award back.
    folder = example_with(
        tmp_path, "homecare-districts", "bids/oasthouse-care-group-ltd.xlsx", "Prices!G8", None
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back == HELD
    above, table = _award_table(write_report(result, tmp_path / "report.xlsx"))
    assert above == [("Award held back", f"The awards proposed below are {HELD}; see Flags.")]
    assert len(table) == 12 and not any(row[0] == "awarded" for row in table.values())
    assert table["ASH"] == (
        "proposed, not to be made yet",
        "Wye Valley Carers CIC",
        f"the most advantageous tender: ranked first; the award is {HELD}",
        None,
    )
    # Canterbury also waits on the tender that is invalid, which could win it once put right.
    outcome, supplier, how, _ = table["CAN"]
    assert (outcome, supplier) == ("proposed, not to be made yet", "Wye Valley Carers CIC")
    assert how == (
        "the most advantageous tender: ranked first; Oasthouse Care Group Ltd's tender is "
        "invalid for an error in the inputs not yet put right; it could win the lot once its "
        "errors are, so the award waits until then, or until the buyer records it as rejected "
        f"in decisions.toml ([[rejection]]); the award is {HELD}"
    )


def test_an_award_nothing_holds_back_is_awarded(tmp_path: Path) -> None:
    result = tendereval.score(example_copy(tmp_path), sensitivity=False)
    assert result.award.held_back is None
    above, table = _award_table(write_report(result, tmp_path / "report.xlsx"))
    assert above == []
    assert table == {
        "CSB": (
            "awarded",
            "Weald Carers Trust",
            "the most advantageous tender: ranked first",
            None,
        )
    }
