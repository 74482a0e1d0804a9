"""tendereval's own outputs put back among the inputs: the evaluation report copied into
bids/, an assessment summary into scores/, the allocation workbook given for the offers.

Before, the report in bids/ became a phantom bid from a supplier named after the file, with
seven missing-field errors, and its Social value sheet was read as that bid's 22 social
value commitments; a summary in scores/ was told to "rename the sheet back". Every workbook
tendereval writes now says what it is in a document property (``Tendereval output``), and is
named for what it is wherever it is put."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import tendereval
from tendereval.report.excel import write_report
from tests.example_copies import EXAMPLES, example_copy

OFFERS = EXAMPLES / "offers" / "homecare-offers.csv"
SCENARIOS = EXAMPLES / "homecare-lot-splits" / "scenarios.toml"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """One of each output, written from the examples."""
    out = tmp_path_factory.mktemp("outputs")
    result = tendereval.score(example_copy(out), sensitivity=False)
    summaries = tendereval.summaries(result, out / "summaries").paths
    from tendereval.report.allocation_excel import write_allocation_workbook
    from tendereval.report.scenarios_excel import write_scenarios_workbook

    allocation = tendereval.allocate(OFFERS).allocation
    modelled = tendereval.scenarios(SCENARIOS, samples=0, steps=1)
    return {
        "evaluation report": write_report(result, out / "report.xlsx"),
        "public evaluation report": write_report(result, out / "public.xlsx", public=True),
        "assessment summary": summaries[0],
        "allocation workbook": write_allocation_workbook(allocation, out / "allocation.xlsx"),
        "lot-split scenarios workbook": write_scenarios_workbook(
            modelled.result, out / "lot-splits.xlsx", modelled.warnings
        ),
    }


def test_every_output_says_what_it_is(written: dict[str, Path]) -> None:
    for kind, path in written.items():
        properties = {p.name: p.value for p in openpyxl.load_workbook(path).custom_doc_props}
        expected = {"Tendereval output": kind}
        if kind == "assessment summary":  # (and the sending recorded when it was written)
            expected["Tendereval summaries_sent_on"] = "none"
        assert properties == expected, path


def test_the_report_copied_into_bids_is_named_and_reads_as_nothing(
    tmp_path: Path, written: dict[str, Path]
) -> None:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    shutil.copy(written["evaluation report"], folder / "bids" / "csb-evaluation.xlsx")
    shutil.copy(written["assessment summary"], folder / "scores" / "summary.xlsx")
    report = tendereval.validate(folder)
    found = [(p.file, p.code) for p in report.problems if p.file.endswith(("ion.xlsx", "ry.xlsx"))]
    assert found == [
        ("bids/csb-evaluation.xlsx", "file.wrong_folder"),
        ("scores/summary.xlsx", "file.wrong_folder"),
    ]
    said = {p.file: p.message for p in report.problems}
    assert said["bids/csb-evaluation.xlsx"] == (
        "this is an evaluation report tendereval wrote (it has the document property "
        "'Tendereval output: evaluation report'), not a bid return, so it was not read as one"
    )
    # No tender: not in the results as a bid; no commitment is read from it, and every other
    # bid and score is as before.
    result = tendereval.score(folder, sensitivity=False)
    before = tendereval.score(EXAMPLES / "carers-short-breaks", sensitivity=False)
    assert result.results.filter(pl.col("source") == "bids/csb-evaluation.xlsx").is_empty()
    commitments = tendereval.load_tender(folder).commitments
    assert "csb-evaluation" not in str(commitments.to_dicts())
    ranked = ["supplier", "lot", "rank", "total"]
    assert (
        result.results.filter(pl.col("status") == "ranked")
        .select(ranked)
        .equals(before.results.filter(pl.col("status") == "ranked").select(ranked))
    )


@pytest.mark.parametrize("kind", ["allocation workbook", "evaluation report"])
def test_an_output_given_for_the_offers_is_named(kind: str, written: dict[str, Path]) -> None:
    with pytest.raises(tendereval.InputError) as raised:
        tendereval.allocate(written[kind])
    [problem] = raised.value.problems
    assert problem.code == "offers.not_offers"
    assert problem.message.startswith(f"this is an {kind} tendereval wrote")
