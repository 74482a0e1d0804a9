"""Files and folders named almost as tendereval looks for them (io/misnamed.py).

Acted out on a copy of the carers example: the plan saved by Notepad as tender.toml.txt (which
Windows shows as tender.toml) was "there is no evaluation plan … tendereval init makes one";
decisions recorded in "decisions (1).toml" were not applied while publish said "decisions.toml
records no standstill period"; the notice saved under its Find a Tender number, and the bids
in a folder called "Bid returns", were passed over without a word.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tendereval
from tendereval.io.misnamed import bare, saved_as_notice
from tests.example_copies import EXAMPLES

NOTICE = Path(__file__).resolve().parents[1] / "ocds" / "fixtures" / "find-a-tender-notice.json"
STANDSTILL = "[standstill]\nsummaries_sent_on = 2026-03-02\n"


@pytest.fixture
def carers(tmp_path: Path) -> Path:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    return folder


@pytest.mark.parametrize(
    ("name", "compared"),
    [
        ("Tender.toml.TXT", "tender.toml"),
        ("decisions (1).toml", "decisions.toml"),
        ("notice - Copy.json", "notice.json"),
        ("notice copy (2).json", "notice.json"),
        ("notice.json.crdownload", "notice.json"),
        ("Bid returns", "bid returns"),
        ("decisions.toml", "decisions.toml"),
        ("my decisions.toml", "my decisions.toml"),
    ],
)
def test_names_are_compared_without_what_a_copy_or_an_editor_adds(name, compared) -> None:
    assert bare(name) == compared


@given(st.text(max_size=40))
def test_comparing_a_name_twice_changes_nothing_more(name: str) -> None:
    assert bare(bare(name)) == bare(name)


def test_the_plan_saved_as_a_text_file_is_named_not_made_again(carers: Path) -> None:
    (carers / "tender.toml").rename(carers / "tender.toml.txt")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code == "plan.missing"]
    assert problem.found == "tender.toml.txt, which is not read"
    assert problem.expected == (
        "the plan named tender.toml: rename tender.toml.txt if it is the plan (Windows may "
        "show it without the .txt at its end)"
    )
    assert "tendereval init" not in problem.describe()


def test_no_plan_and_nothing_like_one_is_said_as_before(carers: Path) -> None:
    (carers / "tender.toml").unlink()
    [problem] = tendereval.validate(carers).problems
    assert (problem.code, problem.found) == ("plan.missing", None)
    assert "tendereval init makes one" in problem.expected


@pytest.mark.parametrize("name", ["decisions (1).toml", "decision.toml", "decisions.toml.txt"])
def test_decisions_saved_under_another_name_are_warned_of_wherever_read(
    carers: Path, name: str
) -> None:
    (carers / name).write_text(STANDSTILL, encoding="utf-8")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code.endswith("misnamed")]
    assert (problem.code, problem.file, problem.is_error) == ("decisions.misnamed", name, False)
    assert problem.message == (
        "this looks like the buyer's recorded decisions, but only a file named decisions.toml "
        "is read, so no tie, lot award or standstill date in it was applied"
    )
    # publish, which said only "decisions.toml records no date the summaries were sent".
    published = tendereval.publish(
        carers,
        carers / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
    )
    assert any(w.startswith(f"{name}: this looks like") for w in published.warnings)


@pytest.mark.parametrize("name", ["004512-2026.json", "notice (1).json", "Notice.JSON"])
def test_a_notice_saved_under_another_name_is_warned_of(carers: Path, name: str) -> None:
    shutil.copy(NOTICE, carers / name)
    if (carers / "notice.json").exists():  # a disk that ignores case reads Notice.JSON
        pytest.skip("this disk does not tell names apart by case")
    codes = [(p.code, p.file) for p in tendereval.validate(carers).problems]
    assert ("notice.misnamed", name) in codes


def test_a_lookalike_beside_the_real_file_is_not_mentioned(carers: Path) -> None:
    (carers / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    (carers / "decisions (1).toml").write_text(STANDSTILL, encoding="utf-8")
    codes = [p.code for p in tendereval.validate(carers).problems]
    assert "decisions.misnamed" not in codes


def test_the_bids_in_a_folder_named_otherwise_are_warned_of(carers: Path) -> None:
    (carers / "bids").rename(carers / "Bid returns")
    (carers / "scores").rename(carers / "score sheets")
    found = {p.file: p for p in tendereval.validate(carers).problems}
    assert found["Bid returns/"].code == "file.folder_misnamed"
    assert found["Bid returns/"].message == (
        "this looks like the folder of bid returns, but only a folder named bids/ is read, so "
        "nothing in it was read (it holds 6 file(s))"
    )
    assert found["score sheets/"].code == "file.folder_misnamed"


def test_the_plans_own_proxy_table_saved_as_a_text_file_is_named(carers: Path) -> None:
    table = EXAMPLES.parent / "templates" / "social-value-proxies-2026.csv"
    shutil.copy(table, carers / "our-proxies.csv.txt")
    plan = carers / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            'proxy_table = "social-value-proxies-2026.csv"', 'proxy_table = "our-proxies.csv"'
        ),
        encoding="utf-8",
    )
    [problem] = [p for p in tendereval.validate(carers).problems if p.code == "proxies.missing"]
    assert problem.found == "our-proxies.csv.txt, which is not read"
    assert problem.expected.startswith("the table named as the plan names it: rename")


def test_a_notice_saved_under_a_name_not_in_utf8_is_named_as_text(tmp_path: Path) -> None:
    """A notice saved as its ocid and a byte that is not UTF-8 (0xA3, a Windows "£") is
    named with the byte shown as \\xa3: as the disk gives it, no report or JSON could hold it."""
    try:
        (tmp_path / os.fsdecode(b"ocds-abc123-\xa3.json")).write_text("{}", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    assert saved_as_notice(tmp_path, "notice.json") == ["ocds-abc123-\\xa3.json"]


def test_the_plans_proxy_table_in_other_capitals_is_named_not_passed_over(carers: Path) -> None:
    """The buyer's own table saved as "Social-Value-Proxies-2026.csv", the plan naming
    "social-value-proxies-2026.csv": on Linux the table packaged with tendereval was read in
    its place, without a word (another award from Windows and a Mac, which read the buyer's).
    Now it is the error of a table not found, naming the file, and the award waits."""
    table = EXAMPLES.parent / "templates" / "social-value-proxies-2026.csv"
    shutil.copy(table, carers / "Social-Value-Proxies-2026.csv")
    if (carers / "social-value-proxies-2026.csv").is_file():
        pytest.skip("this file system finds a name in any capitals: the file is the plan's")
    result = tendereval.score(carers, sensitivity=False)
    [problem] = [p for p in result.problems if p.code == "proxies.missing"]
    assert problem.is_error
    assert problem.found == "Social-Value-Proxies-2026.csv, which is not read"
    assert problem.expected == (
        "the table named as the plan names it: rename Social-Value-Proxies-2026.csv if it is "
        "the table"
    )
    assert "proxies" not in result.inputs.get_column("kind").to_list()


def test_a_proxy_table_named_with_a_windows_separator_is_read_on_every_machine(
    carers: Path,
) -> None:
    """`proxy_table = "data\\\\our-proxies.csv"` (TOML for data\\our-proxies.csv), written on
    Windows: elsewhere a backslash is a letter of a file's name and the table was not found.
    It is read as a folder separator."""
    table = EXAMPLES.parent / "templates" / "social-value-proxies-2026.csv"
    (carers / "data").mkdir()
    shutil.copy(table, carers / "data" / "our-proxies.csv")
    plan = carers / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            'proxy_table = "social-value-proxies-2026.csv"',
            'proxy_table = "data\\\\our-proxies.csv"',
        ),
        encoding="utf-8",
    )
    tender = tendereval.load_tender(carers)
    assert tender.plan.social_value.proxy_table == "data/our-proxies.csv"
    assert not [p for p in tender.problems if p.code.startswith("proxies.")]
    [read] = tender.inputs.filter(tender.inputs["kind"] == "proxies").get_column("path")
    assert read == "data/our-proxies.csv"
    assert tender.proxies.height > 0
