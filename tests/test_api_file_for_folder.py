"""A path to a file where a tender folder is expected (red team round 5, surface S): the
plan itself (``score("…/tender.toml")``) or a bid. Before, the message was "there is no
tender folder at …/tender.toml", which an officer looking at that very file reads as wrong;
template's advice was to make one there with ``tendereval init``. Now it says the path is a
file and which folder to give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"

CALLS = [
    lambda path: tendereval.validate(path),
    lambda path: tendereval.score(path),
    lambda path: tendereval.load_tender(path),
    lambda path: tendereval.summaries(path),
    lambda path: tendereval.publish(
        path, "x.json", ocid_prefix="ocds-abc123", published_at=dt.datetime.now(dt.UTC)
    ),
    lambda path: tendereval.template("bid-return", path, "x.xlsx"),
]


@pytest.mark.parametrize("call", CALLS)
def test_the_plan_given_for_its_folder_names_the_folder(call, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(tendereval.TenderNotFound) as raised:
        call(CARERS / "tender.toml")
    message = str(raised.value)
    assert message.startswith(f"{CARERS / 'tender.toml'} is a file, not a tender folder"), message
    assert f"give the folder that holds it: {CARERS}" in message
    assert "tendereval init" not in message
    assert not list(tmp_path.iterdir())


def test_another_file_is_named_as_a_file() -> None:
    bid = CARERS / "bids" / "weald-carers-trust.xlsx"
    with pytest.raises(tendereval.TenderNotFound, match=r"is a file, not a tender folder; "):
        tendereval.score(bid)
