"""A supplier's two bid returns under its name spelled two ways, giving two PPONs: its held
summary names its own other return by its file (report/redact.py ``OtherBidders``).

Before, the Outcome of Weald Carers Trust's draft summary read "more than one bid from this
supplier for this lot (files: bids/weald-carers-trust-2.xlsx, another bidder's file)": the
return typed "WEALD CARERS TRUST" was kept as the reader's, the one typed "Weald Carers Trust"
was taken for another bidder's, though the loader matches the two as one supplier's returns
and the message says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.api.summaries import SummariesResult
from tendereval.report.redact import OTHER_FILE, OtherBidders
from tests.example_copies import example_copy

WEALD = "bids/weald-carers-trust.xlsx"
WEALD_2 = "bids/weald-carers-trust-2.xlsx"


def _texts(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [
        value
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> SummariesResult:
    folder = example_copy(tmp_path_factory.mktemp("two-returns"))
    shutil.copy(folder / WEALD, folder / WEALD_2)
    book = openpyxl.load_workbook(folder / WEALD_2)
    book["Organisation"]["B4"] = "WEALD CARERS TRUST"
    book["Organisation"]["B16"] = "PDZV-7449-YCMT"  # Weald's first return gives PXQT-3611-NBHT
    book.save(folder / WEALD_2)
    return tendereval.summaries(folder, folder / "summaries")


def test_a_held_summary_names_the_suppliers_own_other_return(
    summaries: SummariesResult,
) -> None:
    assert not summaries.ready  # which return stands is not yet recorded
    [weald] = [p for p in summaries.paths if p.name.startswith("weald-carers-trust")]
    texts = _texts(weald)
    said = [t for t in texts if "more than one bid from this supplier" in t]
    assert said
    assert all(f"(files: {WEALD_2}, {WEALD})" in t for t in said)
    assert not [t for t in texts if OTHER_FILE in t]


def test_other_bidders_summaries_name_neither_return(
    summaries: SummariesResult,
) -> None:
    for path in summaries.paths:
        if not path.name.startswith("weald-carers-trust"):
            assert not [t for t in _texts(path) if WEALD in t or WEALD_2 in t]


def test_a_return_under_another_spelling_of_the_readers_name_is_the_readers() -> None:
    others = OtherBidders(
        [
            ("WEALD CARERS TRUST", WEALD_2),
            ("Weald Carers Trust", WEALD),
            ("Meridian Care Group plc", "bids/meridian-care-group-plc.xlsx"),
        ]
    )
    text = f"files: {WEALD_2}, {WEALD}; as bids/meridian-care-group-plc.xlsx gives"
    assert others(text, {"WEALD CARERS TRUST"}) == (
        f"files: {WEALD_2}, {WEALD}; as another bidder's file gives"
    )
    assert others(text, {"Meridian Care Group plc"}) == (
        "files: another bidder's file, another bidder's file; "
        "as bids/meridian-care-group-plc.xlsx gives"
    )
