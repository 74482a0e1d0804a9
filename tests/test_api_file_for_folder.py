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


def test_a_bid_given_for_its_tender_names_the_tender_folder() -> None:
    """ "The folder that holds it" would have been bids/, no tender folder either."""
    bid = CARERS / "bids" / "weald-carers-trust.xlsx"
    with pytest.raises(tendereval.TenderNotFound) as raised:
        tendereval.score(bid)
    assert str(raised.value) == (
        f"{bid} is a file, not a tender folder; give the tender folder it belongs to: {CARERS}"
    )


def test_a_file_outside_any_tender_is_named_as_a_file(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    report.write_bytes(b"PK")
    with pytest.raises(tendereval.TenderNotFound) as raised:
        tendereval.score(report)
    assert str(raised.value) == (
        f"{report} is a file, not a tender folder; give the tender folder, the one that "
        "holds tender.toml"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{plan}"],
        ["summaries", "{plan}"],
        ["publish", "{plan}", "--ocid-prefix", "ocds-abc123"],
        ["template", "bid-return", "--tender", "{plan}", "-o", "x.xlsx"],
    ],
)
def test_every_command_given_the_plan_for_its_folder_names_the_folder(
    argv: list[str], tmp_path: Path, monkeypatch
) -> None:
    """click's own words were "Directory '…/tender.toml' is a file": true, and no help."""
    from click.testing import CliRunner

    from tendereval.cli import cli

    monkeypatch.chdir(tmp_path)
    plan = CARERS / "tender.toml"
    result = CliRunner().invoke(cli, [part.format(plan=plan) for part in argv])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())  # click wraps the line
    assert f"{plan} is a file, not a tender folder; give the folder that holds it: {CARERS}" in (
        said
    ), result.output
    assert not list(tmp_path.iterdir())
