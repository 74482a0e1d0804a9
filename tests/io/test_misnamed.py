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
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import tendereval
from tendereval.cli import cli
from tendereval.io import misnamed
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
def test_decisions_saved_under_another_name_are_an_error_wherever_read(
    carers: Path, name: str
) -> None:
    """A warning until a withdrawal saved so left the withdrawn supplier proposed with only a
    warning: what such a file records may change the award, so the award waits on it."""
    (carers / name).write_text(STANDSTILL, encoding="utf-8")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code.endswith("misnamed")]
    assert (problem.code, problem.file, problem.is_error) == ("decisions.misnamed", name, True)
    assert problem.message == (
        "this looks like the buyer's recorded decisions, but only a file named decisions.toml "
        "is read, so nothing recorded in it (a withdrawal, a rejection, a tie broken, a lot "
        "award, the standstill dates) was applied"
    )
    # publish, which said only "decisions.toml records no date the summaries were sent".
    published = tendereval.publish(
        carers,
        carers / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
    )
    assert published.path is None
    assert published.blockers


@pytest.mark.parametrize("name", ["004512-2026.json", "notice (1).json", "Notice.JSON"])
def test_a_notice_saved_under_another_name_is_warned_of(carers: Path, name: str) -> None:
    shutil.copy(NOTICE, carers / name)
    if (carers / "notice.json").exists():  # a disk that ignores case reads Notice.JSON
        pytest.skip("this disk does not tell names apart by case")
    codes = [(p.code, p.file) for p in tendereval.validate(carers).problems]
    assert ("notice.misnamed", name) in codes


def test_a_copy_of_the_decisions_beside_them_is_a_warning_to_delete_it(carers: Path) -> None:
    """Passed over without a word until the copy was found to hold a withdrawal the file
    read did not (below); the very same bytes lose nothing, so a warning."""
    (carers / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    (carers / "decisions (1).toml").write_text(STANDSTILL, encoding="utf-8")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code.endswith("misnamed")]
    assert (problem.code, problem.file, problem.is_error) == (
        "decisions.misnamed",
        "decisions (1).toml",
        False,
    )
    assert problem.message == (
        "this is a copy of decisions.toml, byte for byte, and is not read (decisions.toml is, "
        "so nothing in it is left out)"
    )
    assert problem.expected == "one decisions.toml in the tender folder: delete the copy"


def test_the_bids_in_a_folder_named_otherwise_are_an_error(carers: Path) -> None:
    (carers / "bids").rename(carers / "Bid returns")
    (carers / "scores").rename(carers / "score sheets")
    found = {p.file: p for p in tendereval.validate(carers).problems}
    assert found["Bid returns/"].code == "file.folder_misnamed"
    assert found["Bid returns/"].message == (
        "this looks like the folder of bid returns, but only a folder named bids/ is read, so "
        "nothing in it was read, and it holds 6 workbooks"
    )
    assert found["Bid returns/"].expected == "the bid returns in bids/: rename the folder"
    assert found["Bid returns/"].is_error
    assert found["score sheets/"].code == "file.folder_misnamed"
    assert found["score sheets/"].is_error


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


# ---- A near miss beside the one read --------------------------------------------------------
# Acted out by a red team on the carers example, where Weald Carers Trust is first: each was
# passed over without a word ("No problems found.", the award proposed) because a near miss was
# looked for only when the name itself was not there.

WITHDRAWN = '[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = 2026-03-04\n'
HELD = (
    "not to be made yet: the inputs have 1 error not yet put right (putting it right could "
    "change the award)"
)


def _late_bid(carers: Path, folder: str) -> None:
    """A late bid saved in ``folder`` (a copy of Weald's return under another supplier's
    name, as in the red team's case)."""
    (carers / folder).mkdir()
    book = openpyxl.load_workbook(carers / "bids" / "weald-carers-trust.xlsx")
    for row in book["Organisation"].iter_rows():
        for cell in row:
            if cell.value == "Weald Carers Trust":
                cell.value = "Late Arrival Care Ltd"
    book.save(carers / folder / "late-arrival-care-ltd.xlsx")


def _validated(carers: Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["validate", "-q", str(carers)])
    return run.exit_code, run.output


def test_a_late_bid_in_a_bid_returns_folder_beside_bids_holds_the_award(carers: Path) -> None:
    _late_bid(carers, "Bid returns")
    exit_code, output = _validated(carers)
    assert exit_code == 1
    assert output.splitlines()[:2] == [
        "Bid returns/ — 1 error",
        "  error: this looks like the folder of bid returns, but only a folder named bids/ is "
        "read, so nothing in it was read, and it holds 1 workbook: late-arrival-care-ltd.xlsx; "
        "expected the bid returns in bids/: move its files into bids/, or delete it",
    ]
    result = tendereval.score(carers, sensitivity=False)
    assert result.award.held_back == HELD
    assert not result.award.summaries_ready
    published = tendereval.publish(
        result, carers / "award.json", ocid_prefix="ocds-abc123", write=False
    )
    assert published.blockers


def test_a_withdrawal_in_a_copy_of_the_decisions_beside_them_holds_the_award(
    carers: Path,
) -> None:
    (carers / "decisions.toml").write_text(STANDSTILL, encoding="utf-8")
    (carers / "decisions (1).toml").write_text(WITHDRAWN, encoding="utf-8")
    exit_code, output = _validated(carers)
    assert exit_code == 1
    assert output.splitlines()[:2] == [
        "decisions (1).toml — 1 error",
        "  error: this looks like the buyer's recorded decisions, but only the file named "
        "decisions.toml beside it is read, so nothing recorded in it (a withdrawal, a "
        "rejection, a tie broken, a lot award, the standstill dates) was applied; expected one "
        "decisions.toml in the tender folder: move what this file holds into decisions.toml, "
        "or delete it",
    ]
    result = tendereval.score(carers, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"  # the withdrawal not applied …
    assert result.award.held_back == HELD  # … so the award waits
    sent = tendereval.summaries(result, carers / "summaries")
    assert not sent.ready
    published = tendereval.publish(
        result, carers / "award.json", ocid_prefix="ocds-abc123", write=False
    )
    assert published.blockers


def test_a_score_sheet_in_a_score_sheets_folder_beside_scores_holds_the_award(
    carers: Path,
) -> None:
    (carers / "score sheets").mkdir()
    (carers / "scores" / "tom-okafor.xlsx").rename(carers / "score sheets" / "tom-okafor.xlsx")
    exit_code, output = _validated(carers)
    assert exit_code == 1
    assert output.splitlines()[:2] == [
        "score sheets/ — 1 error",
        "  error: this looks like the folder of score sheets, but only a folder named scores/ "
        "is read, so nothing in it was read, and it holds 1 workbook: tom-okafor.xlsx; "
        "expected the score sheets in scores/: move its files into scores/, or delete it",
    ]
    assert tendereval.score(carers, sensitivity=False).award.held_back == HELD


def test_a_copy_of_bids_byte_for_byte_is_a_warning_and_a_bid_not_in_it_an_error(
    carers: Path,
) -> None:
    """Explorer's "bids - Copy/" and "scores - Copy/", every workbook the same bytes as one
    read, were errors holding the award ("it holds 6 workbooks"), where a byte-for-byte
    "tender - Copy.toml" is a warning: nothing in a copy is left out. A late bid added to the
    copy is left out, and is named in the error."""
    shutil.copytree(carers / "bids", carers / "bids - Copy")
    shutil.copytree(carers / "scores", carers / "scores - Copy")
    found = {p.file: p for p in tendereval.validate(carers).problems}
    copy = found["bids - Copy/"]
    assert (copy.code, copy.is_error) == ("file.folder_misnamed", False)
    assert copy.message == (
        "this is a copy of bids/, and is not read: each of its 6 workbooks is a file in bids/, "
        "byte for byte, which is read (so nothing in it is left out)"
    )
    assert copy.expected == (
        "one bids/ folder in the tender folder: move the copy out of it, or delete it"
    )
    assert not found["scores - Copy/"].is_error
    assert tendereval.score(carers, sensitivity=False).award.held_back is None
    _late_bid(carers, "bids - Copy/late")
    late = next(p for p in tendereval.validate(carers).problems if p.file == "bids - Copy/")
    assert late.is_error
    assert late.message == (
        "this looks like the folder of bid returns, but only a folder named bids/ is read, so "
        "nothing in it was read, and it holds 7 workbooks, 1 of them in no file of bids/: "
        "late/late-arrival-care-ltd.xlsx"
    )
    assert late.expected == (
        "the bid returns in bids/: move each workbook named into bids/ (the others are there "
        "already), then delete the folder"
    )
    assert tendereval.score(carers, sensitivity=False).award.held_back == HELD


def test_a_copy_saved_again_is_no_copy(carers: Path) -> None:
    """A return opened and saved again in "bids (1)/" (other bytes, the same name) may not
    be the one read: an error, as any workbook in no file of bids/."""
    (carers / "bids (1)").mkdir()
    book = openpyxl.load_workbook(carers / "bids" / "weald-carers-trust.xlsx")
    book.save(carers / "bids (1)" / "weald-carers-trust.xlsx")
    (problem,) = [p for p in tendereval.validate(carers).problems if p.file == "bids (1)/"]
    assert problem.is_error
    assert problem.message.endswith("it holds 1 workbook: weald-carers-trust.xlsx")


def test_an_officers_notes_beside_scores_are_no_score_sheet(carers: Path) -> None:
    """An officer's "scoring/Moderation notes.txt" beside scores/ was "it holds 1 workbook",
    an error holding the award: a .txt (or .csv) is no score sheet. It is a warning, as a
    folder of other documents is."""
    (carers / "scoring").mkdir()
    (carers / "scoring" / "Moderation notes.txt").write_text("Q1 for Hop Garden = 3\n")
    (carers / "scoring" / "Scores typed up.csv").write_text("Q1,3\n")
    (problem,) = [p for p in tendereval.validate(carers).problems if p.file == "scoring/"]
    assert problem.is_error is False
    assert problem.message.endswith("and it holds 2 files, none of them a workbook")


def test_a_folder_beside_bids_holding_no_workbook_is_a_warning(carers: Path) -> None:
    (carers / "bids (1)").mkdir()
    (carers / "bids (1)" / "method-statement.pdf").write_bytes(b"%PDF-1.7\n")
    (carers / "Bid returns").mkdir()
    found = {p.file: p for p in tendereval.validate(carers).problems}
    assert [(p.code, p.is_error) for p in found.values()] == [("file.folder_misnamed", False)] * 2
    assert found["bids (1)/"].message.endswith(
        "nothing in it was read, and it holds 1 file, none of them a workbook"
    )
    assert found["Bid returns/"].message.endswith("nothing in it was read, and it is empty")


@pytest.mark.parametrize("name", ["archive", "old", "bids old", "previous tender"])
def test_a_folder_not_named_almost_as_bids_is_passed_over_as_before(
    carers: Path, name: str
) -> None:
    """Only the names the near-miss rule finds (bids/ but for case or a copy's mark, and
    "Bid returns", "tenders" and the like): an officer's own archive/ beside bids/, holding
    last round's returns, is not called a near miss."""
    _late_bid(carers, name)
    assert tendereval.validate(carers).problems == []


def test_a_plan_named_almost_as_tender_toml_beside_it_is_an_error(carers: Path) -> None:
    plan = (carers / "tender.toml").read_text(encoding="utf-8")
    (carers / "tender (1).toml").write_text(
        plan + "# the draft before the weights were agreed\n", "utf-8"
    )
    (carers / "tender.toml.txt").write_text(plan, encoding="utf-8")
    loaded, problems = tendereval.load_plan(carers)
    assert loaded is not None  # the plan read is still used, and the near misses named
    found = {p.file: p for p in problems}
    assert found["tender (1).toml"].code == "plan.misnamed"
    assert found["tender (1).toml"].is_error
    assert found["tender (1).toml"].message == (
        "this looks like an evaluation plan, but only the file named tender.toml beside it is "
        "read, so nothing in it was used: the tender is evaluated on tender.toml alone"
    )
    assert found["tender.toml.txt"].code == "plan.misnamed"
    assert not found["tender.toml.txt"].is_error  # the same bytes
    assert found["tender.toml.txt"].expected == (
        "one tender.toml in the tender folder: delete the copy (Windows may show it without "
        "the .txt at its end)"
    )
    assert tendereval.score(carers, sensitivity=False).award.held_back == HELD


def test_a_notice_named_almost_as_notice_json_beside_it_is_a_warning(carers: Path) -> None:
    shutil.copy(NOTICE, carers / "notice.json")
    (carers / "notice (1).json").write_text("{}", encoding="utf-8")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code == "notice.misnamed"]
    assert (problem.file, problem.is_error) == ("notice (1).json", False)
    assert problem.message == (
        "this looks like the published tender notice, but only the file named notice.json "
        "beside it is read, so the plan was checked against notice.json, not against this file"
    )


def test_a_proxy_table_named_almost_as_the_plans_beside_it_is_an_error(carers: Path) -> None:
    table = EXAMPLES.parent / "templates" / "social-value-proxies-2026.csv"
    shutil.copy(table, carers / "social-value-proxies-2026.csv")
    text = table.read_text(encoding="utf-8")
    (carers / "social-value-proxies-2026 (1).csv").write_text(text + "\n", encoding="utf-8")
    [problem] = [p for p in tendereval.validate(carers).problems if p.code == "proxies.misnamed"]
    assert (problem.file, problem.is_error) == ("social-value-proxies-2026 (1).csv", True)
    assert problem.message.endswith(
        "so no value in it was used: the commitments are valued from social-value-proxies-2026.csv"
    )


def test_the_consolidated_form_named_almost_as_it_is_is_an_error(carers: Path) -> None:
    """Beside bids/ and scores/ as here, or in their place."""
    (carers / "evaluation (1).xlsx").write_bytes(
        (carers / "bids" / "weald-carers-trust.xlsx").read_bytes()
    )
    (carers / "Evaluation - Copy").mkdir()
    (carers / "Evaluation - Copy" / "scores.csv").write_text("Supplier\n", encoding="utf-8")
    found = {p.file: p for p in tendereval.validate(carers).problems}
    assert sorted(found) == ["Evaluation - Copy/", "evaluation (1).xlsx"]
    assert found["evaluation (1).xlsx"].code == "matrix.misnamed"
    assert found["evaluation (1).xlsx"].message == (
        "this looks like the consolidated form, but only a file named evaluation.xlsx is read, "
        "so no bid, price or score in it was read"
    )
    assert found["Evaluation - Copy/"].code == "file.folder_misnamed"
    assert found["Evaluation - Copy/"].message == (
        "this looks like the folder of the consolidated form's tables, but only a folder named "
        "evaluation/ is read, so nothing in it was read, and it holds 1 table file"
    )
    assert all(p.is_error for p in found.values())


# The pattern a copy's mark was once taken off by: tried at every space, and its two runs of
# spaces side by side split each run every way.
_OLD_COPY = re.compile(r"\s*(?:\(\d+\)|-?\s*copy(?:\s*\(\d+\))?)\s*$")


@given(st.lists(st.sampled_from([" ", "\t", "\n", "-", "copy", "c", "(", ")", "1", "x"])))
def test_a_copys_mark_is_taken_off_as_the_pattern_took_it(parts):
    text = "".join(parts)
    assert misnamed._COPY.sub("", text) == _OLD_COPY.sub("", text)


def test_a_name_of_spaces_costs_no_more_than_its_length():
    """Regex audit: a name of "a", 1,000 spaces and "x" took 0.5 processor-seconds to be
    compared, eight times as long for each doubling."""
    from tests.cpu_time import cpu_seconds

    started = cpu_seconds()
    for name in ("a" + " " * 1_000 + "x.toml", "copy" + "\t" * 1_000 + "x", "a" + " -" * 500):
        assert misnamed.bare(name) == name.strip()
    assert cpu_seconds() - started < 0.1
