"""``validate`` checks an offers file or a scenarios file too, not only a tender folder.

Every command shows the first three problems of a kind and points to ``tendereval validate
--json FILE`` for the rest. For an offers file (allocate) or a scenarios file that pointer
led nowhere: validate took only a folder ("Directory 'scenarios.toml' is a file"), and
neither command's JSON holds the problems. Now following the pointer lists every one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.allocation.test_allocation_offers import write as write_offers
from tests.scenarios.helpers import spec
from tests.scenarios.helpers import write as write_scenarios

ROOT = Path(__file__).resolve().parents[1]
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
SCENARIOS = ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml"
CARERS = ROOT / "examples" / "carers-short-breaks"


def test_an_offers_file_is_checked_as_allocate_reads_it() -> None:
    report = tendereval.validate(OFFERS)
    assert (report.checked, report.folder, report.problems) == ("offers", OFFERS, [])
    # 84 rows, 25 suppliers, 12 districts: counted from the file by hand.
    assert report.described == "84 offers from 25 suppliers, for 12 lots"


def test_a_scenarios_file_is_checked_with_the_warnings_the_scenarios_command_gives() -> None:
    report = tendereval.validate(SCENARIOS)
    assert report.checked == "scenarios"
    assert report.described == "12 units, 4 packagings and 30 potential suppliers"
    modelled = tendereval.scenarios(SCENARIOS, samples=0, steps=1)
    assert [str(p) for p in report.problems] == [str(p) for p in modelled.warnings]
    assert len(report.problems) == 2  # the two voluntary providers docs/scenarios.md explains


@pytest.mark.parametrize("rows", [4, 25])
def test_the_pointer_from_allocate_to_validate_lists_every_problem(
    tmp_path: Path, rows: int
) -> None:
    """Four problems alike are all shown; more are counted, and the pointer is followed."""
    path = write_offers(
        tmp_path, "".join(f"O{i},Acme {i},ASH,twelve,70,no,no,\n" for i in range(rows))
    )
    allocated = CliRunner().invoke(cli, ["allocate", str(path)])
    assert allocated.exit_code == 1
    shown = allocated.output.count("The price is not an amount of money")
    listing = tmp_path / "problems.json"
    validated = CliRunner().invoke(cli, ["validate", str(path), "--json", str(listing)])
    assert validated.exit_code == 1
    problems = json.loads(listing.read_text(encoding="utf-8"))
    assert (problems["checked"], problems["errors"]) == ("offers", rows)
    if rows == 4:
        assert shown == 4 and "lists every one" not in allocated.output
    else:
        assert shown == 3
        assert f"and {rows - 3} more errors of this kind" in allocated.output
        assert "(`tendereval validate --json FILE` lists every one)" in allocated.output


def test_a_scenarios_file_with_errors_is_listed_in_full_by_validate(tmp_path: Path) -> None:
    data = spec()
    # 25 suppliers each quoting in pence: 25 errors of one kind, more than are shown.
    data["suppliers"] = [
        dict(data["suppliers"][0], name=f"Pence {i} Ltd", unit_price=1900, price_range=[18, 20])
        for i in range(25)
    ]
    path = write_scenarios(tmp_path, data)
    modelled = CliRunner().invoke(cli, ["scenarios", str(path), "--samples", "0"])
    assert modelled.exit_code == 1
    assert "(`tendereval validate --json FILE` lists every one)" in modelled.output
    listing = tmp_path / "problems.json"
    validated = CliRunner().invoke(cli, ["validate", str(path), "--json", str(listing)])
    assert validated.exit_code == 1, validated.output
    codes = [p["code"] for p in json.loads(listing.read_text(encoding="utf-8"))["problems"]]
    assert codes.count("scenarios.range") == 25


def test_validate_prints_what_the_file_holds(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(OFFERS)])
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "homecare-offers.csv (offers file): 84 offers from 25 suppliers, for 12 lots",
        "",
        "No problems found.",
    ]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (CARERS / "tender.toml", f"give the folder that holds it: {CARERS}"),
        (
            CARERS / "bids" / "weald-carers-trust.xlsx",
            f"give the tender folder it belongs to: {CARERS}",
        ),
    ],
)
def test_a_file_of_a_tender_is_not_checked_alone(given: Path, said: str) -> None:
    """A bid return is checked with its tender's plan, never as an offers table."""
    with pytest.raises(tendereval.TenderNotFound, match=re.escape(said)):
        tendereval.validate(given)


def test_a_file_that_is_not_there_is_named_as_a_file(tmp_path: Path) -> None:
    with pytest.raises(tendereval.TenderNotFound, match=r"^there is no file at .*offers\.csv$"):
        tendereval.validate(tmp_path / "offers.csv")


def test_an_offers_workbook_kept_in_the_tender_folder_is_checked_as_offers(
    tmp_path: Path,
) -> None:
    """Only the tender's own inputs (bids/, scores/, the consolidated form) are checked with
    the tender; an offers workbook beside its plan is offers."""
    from openpyxl import Workbook

    folder = tmp_path / "carers"
    shutil.copytree(CARERS, folder)
    book = Workbook()
    book.active.append(["offer_id", "supplier", "lots", "price", "score", "sme", "vcse"])
    book.active.append(["O1", "Acme Care", "CSB", 1000, 70, "no", "no"])
    book.save(folder / "offers.xlsx")
    report = tendereval.validate(folder / "offers.xlsx")
    assert (report.checked, report.problems) == ("offers", [])


@pytest.mark.parametrize("checked", [CARERS, OFFERS, SCENARIOS])
def test_the_problems_listed_name_every_file_checked_by_its_sha256(
    tmp_path: Path, checked: Path
) -> None:
    """validate --json listed the problems and nothing of what was checked: a clean check
    could not be matched with the files later scored, allocated or modelled. Each file read
    is now listed as score lists its inputs, by the SHA-256 of the bytes checked, with the
    tool's version."""
    import hashlib

    listing = tmp_path / "problems.json"
    CliRunner().invoke(cli, ["validate", str(checked), "--json", str(listing)])
    written = json.loads(listing.read_text(encoding="utf-8"))
    assert written["tendereval_version"] == tendereval.__version__
    files = [i for i in written["inputs"] if i["kind"] != "proxies"]  # (packaged table)
    folder = checked if checked.is_dir() else checked.parent
    assert files, written["inputs"]
    for entry in files:
        data = (folder / entry["path"]).read_bytes()
        assert (entry["sha256"], entry["bytes"]) == (hashlib.sha256(data).hexdigest(), len(data))
    if checked.is_dir():
        scored = tendereval.score(checked, sensitivity=False).inputs.to_dicts()
        assert written["inputs"] == scored
    else:
        assert [entry["path"] for entry in files] == [checked.name]
