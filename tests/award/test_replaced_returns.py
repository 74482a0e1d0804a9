"""A supplier replaces its bid return with a later one before the deadline, and the buyer
records the first as withdrawn by naming its file (``[[withdrawal]]``, ``supplier =
"bids/…"``).

Before, nothing could record it. With both files in bids/, neither return was evaluated
("sent two bid returns … until the buyer decides which one stands") and the award waited on a
tender that could win; a withdrawal naming the file was "names weald-carers-trust, who has no
tender in this evaluation". The only way on was to move the first file out of bids/, so it
dropped out of the results and of the SHA-256 record of what was received. Now the later
return stands and is evaluated exactly as if the first had been moved out, while the first
stays in the results (``withdrawn``, its file named) and on the record, counted nowhere as
another bid received.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import shutil
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import tendereval
from tendereval.award.decisions_text import decisions_toml
from tendereval.award.recorded import Decisions, RecordedWithdrawal, load_decisions
from tendereval.cli import cli
from tendereval.report.excel import write_report
from tests.example_copies import example_copy
from tests.ocds.ocds_schema import all_problems

WEALD = "Weald Carers Trust"
OLD = "bids/weald-carers-trust.xlsx"
NEW = "bids/weald-carers-trust-revised.xlsx"
WITHDRAWAL = (
    '[[withdrawal]]\nsupplier = "{named}"\nwithdrawn_on = 2026-03-04\n'
    'note = "Replaced by its revised return, sent before the deadline"\n'
)
REASON = (
    f"bid return {OLD} withdrawn by the supplier on 2026-03-04 (decisions.toml › withdrawal[0])"
)


def _revised(tmp_path: Path, *, old: object = None, new: object = 25.0) -> Path:
    """The carers example in which Weald Carers Trust sent a revised return (its sitting-hours
    rate ``new``) after its first (that rate ``old``, if given), both in bids/."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / OLD)
    book["Prices"]["G5"] = new
    book.save(folder / NEW)
    if old is not None:
        book = openpyxl.load_workbook(folder / OLD)
        book["Prices"]["G5"] = old
        book.save(folder / OLD)
    return folder


def _recorded(folder: Path, named: str = OLD) -> Path:
    (folder / "decisions.toml").write_text(WITHDRAWAL.format(named=named), encoding="utf-8")
    return folder


def _moved_out(tmp_path: Path, **rates: object) -> tendereval.ScoreResult:
    """The same tender with the first return taken out of bids/: what the later one must be
    evaluated as."""
    folder = _revised(tmp_path / "moved", **rates)
    (folder / OLD).unlink()
    return tendereval.score(folder, sensitivity=False)


def _score(folder: Path) -> tendereval.ScoreResult:
    return tendereval.score(folder, sensitivity=False)


def test_the_later_return_stands_as_if_the_first_were_moved_out(tmp_path: Path) -> None:
    result = _score(_recorded(_revised(tmp_path)))
    reference = _moved_out(tmp_path)
    standing = result.results.filter(pl.col("source") != OLD)
    assert_frame_equal(standing, reference.results)
    assert_frame_equal(result.criteria, reference.criteria)
    assert result.award.winner("CSB") == reference.award.winner("CSB") == WEALD
    assert result.award.held_back is None and result.award.problems == ()
    assert [p for p in result.problems if p.is_error] == []
    # Nothing is lost: the first return is in the results, and its bytes on the record.
    (old,) = result.results.filter(pl.col("source") == OLD).iter_rows(named=True)
    assert (old["supplier"], old["status"], old["reasons"]) == (WEALD, "withdrawn", [REASON])
    assert old["total"] is None and old["flags"] == []
    hashed = set(result.inputs.filter(pl.col("kind") == "bid").get_column("path"))
    assert {OLD, NEW} <= hashed


@pytest.mark.parametrize(
    "named",
    [
        "weald-carers-trust.xlsx",
        "bids/Weald-Carers-Trust.XLSX",
        "bids\\\\weald-carers-trust.xlsx",
        "C:\\\\Tenders\\\\CSB-2026-01\\\\bids\\\\weald-carers-trust.xlsx",
    ],
)
def test_the_first_return_is_named_as_an_officer_copies_it(tmp_path: Path, named: str) -> None:
    result = _score(_recorded(_revised(tmp_path), named))
    assert result.award.problems == () and result.award.held_back is None
    statuses = result.results.filter(pl.col("supplier") == WEALD).select("source", "status")
    assert statuses.rows() == [(NEW, "ranked"), (OLD, "withdrawn")]


def test_an_error_in_the_replaced_return_holds_nothing_back(tmp_path: Path) -> None:
    result = _score(_recorded(_revised(tmp_path, old="TBC")))
    reference = _moved_out(tmp_path, old="TBC")
    assert_frame_equal(result.results.filter(pl.col("source") != OLD), reference.results)
    # Its error is listed, in its file, and settled by the record.
    assert [p.file for p in result.problems if p.is_error] == [OLD]
    assert result.award.held_back is None and result.award.not_put_right == ()
    assert result.award.winner("CSB") == WEALD


def test_an_error_in_the_return_that_stands_still_holds_the_award_back(tmp_path: Path) -> None:
    """Withdrawing the first return settles only its own errors: the revised one's price
    left as TBC makes Weald's tender invalid, and it could still win."""
    result = _score(_recorded(_revised(tmp_path, new="TBC")))
    (weald,) = result.results.filter(pl.col("source") == NEW).iter_rows(named=True)
    assert weald["status"] == "invalid"
    assert result.award.not_put_right == (("CSB", WEALD),)
    assert "not to be made yet" in result.award.held_back


def test_a_withdrawal_naming_no_bid_file_is_an_error_at_its_key(tmp_path: Path) -> None:
    folder = _recorded(_revised(tmp_path), "bids/weald-carers-trust-v0.xlsx")
    checked = tendereval.validate(folder)
    (wrong,) = [p for p in checked.problems if p.file == "decisions.toml"]
    assert (wrong.code, wrong.cell) == ("decisions.withdrawal_unknown", "withdrawal[0].supplier")
    assert "bids/weald-carers-trust-v0.xlsx" in wrong.message
    result = _score(folder)
    assert [p.code for p in result.award.problems] == ["decisions.withdrawal_unknown"]
    # Neither return stands until the buyer names the right one.
    weald = result.results.filter(pl.col("supplier") == WEALD)
    assert weald.get_column("status").to_list() == ["invalid", "invalid"]


def test_every_command_counts_one_tender_and_names_the_one_that_stands(tmp_path: Path) -> None:
    folder = _recorded(_revised(tmp_path))
    reference = _moved_out(tmp_path)
    runner = CliRunner()
    scored = runner.invoke(
        cli,
        ["score", str(folder), "--json", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.xlsx")],
        terminal_width=200,
    )
    assert scored.exit_code == 0, scored.output
    assert (
        "5 bids (4 ranked, 1 disqualified) and the in-house comparator, "
        "and 1 bid return replaced by a later one from "
        "the same supplier"
    ) in scored.output
    assert f"- {REASON}" in scored.output
    assert "Proposed award: Weald Carers Trust" in scored.output
    # Weald's flags are its tender's: none under the return replaced.
    lines = scored.output.splitlines()
    assert not lines[lines.index(f"        - {REASON}") + 1].lstrip().startswith("!")

    # The committee report counts Weald's VCSE tender once, as the moved-out tender does.
    def summary_row(path: Path) -> dict:
        sheet = openpyxl.load_workbook(path)["Summary"]
        return dict(zip([c.value for c in sheet[4]], [c.value for c in sheet[5]], strict=True))

    write_report(reference, tmp_path / "reference.xlsx")
    row, expected = summary_row(tmp_path / "r.xlsx"), summary_row(tmp_path / "reference.xlsx")
    counted = ["Valid bids", "Withdrawn bids", "SME bids (reported, not scored)"]
    assert [row[c] for c in counted] == [expected[c] for c in counted] == [4, 0, 4]
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["lots"][0]["ranking"][0]["supplier"] == WEALD
    (recorded,) = data["award"]["withdrawn"]
    assert recorded["file"] == OLD
    audit = openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"]
    (set_aside,) = [
        row
        for row in audit.iter_rows(values_only=True)
        if "bid return withdrawn by the supplier" in row
    ]
    assert OLD in set_aside  # the file, not its stem
    # The public report lists the 5 bids received and the in-house comparator, naming the
    # winner once (it listed the return replaced too, as "Weald Carers Trust, not ranked").
    public = runner.invoke(
        cli, ["score", str(folder), "--public", "--no-sensitivity", "-o", str(tmp_path / "p.xlsx")]
    )
    assert public.exit_code == 0, public.output
    listed = [
        row[1]
        for row in openpyxl.load_workbook(tmp_path / "p.xlsx")["Scores"].iter_rows(values_only=True)
        if row[0] == "CSB"
    ]
    assert listed == [WEALD, "Bidder 2", "Bidder 3", "Bidder 4", "In-house comparator", "Bidder 5"]
    # The CSV gives the award to the return that stands (the one replaced read "awarded").
    written = runner.invoke(
        cli, ["score", str(folder), "--no-report", "--csv", str(tmp_path / "r.csv")]
    )
    assert written.exit_code == 0, written.output
    with (tmp_path / "r.csv").open(encoding="utf-8") as file:
        outcomes = {r["source"]: r["award"] for r in csv.DictReader(file) if r["supplier"] == WEALD}
    assert outcomes == {NEW: "awarded", OLD: "not_awarded"}

    # One summary for Weald, with one outcome for the lot: the tender that stands.
    sent = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "s")])
    assert sent.exit_code == 0, sent.output
    book = openpyxl.load_workbook(tmp_path / "s" / "weald-carers-trust-assessment-summary.xlsx")
    outcomes = [r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "CSB"]
    assert [r[2:5] for r in outcomes] == [("Your tender was the most advantageous tender.",) * 1
                                          + (pytest.approx(77.3818869521), 1)]  # fmt: skip

    published = tendereval.publish(
        folder,
        tmp_path / "award.json",
        internal=True,
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
    )
    release = published.package["releases"][0]
    assert all_problems(published.package) == []
    measures = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    # (The in-house comparator is no bid.)
    assert (measures["bids"], measures["validBids"]) == (5, 4)
    by_id = {bid["id"]: bid for bid in release["bids"]["details"]}
    (award,) = release["awards"]
    awarded = by_id[award["relatedBid"]]
    assert (awarded["tenderers"][0]["name"], awarded["status"]) == (WEALD, "valid")
    replaced = [b for b in by_id.values() if b["status"] == "withdrawn"]
    assert [b["statusDetails"] for b in replaced] == [REASON]

    allocated = runner.invoke(
        cli, ["allocate", str(folder), "-o", str(tmp_path / "a.xlsx")], terminal_width=200
    )
    assert allocated.exit_code == 0, allocated.output
    assert "Weald Carers Trust" in allocated.output


def test_a_suppliers_only_return_withdrawn_by_its_file_withdraws_its_tender(
    tmp_path: Path,
) -> None:
    """Named by its file or by its supplier, a supplier's one return is its tender: the same
    results, reason apart."""
    by_file = _score(_recorded(example_copy(tmp_path / "file")))
    by_name = _score(_recorded(example_copy(tmp_path / "name"), WEALD))
    assert_frame_equal(by_file.results.drop("reasons"), by_name.results.drop("reasons"))
    (weald,) = by_file.results.filter(pl.col("supplier") == WEALD).iter_rows(named=True)
    assert (weald["status"], weald["reasons"]) == ("withdrawn", [REASON])
    assert by_file.award.problems == () and by_file.award.held_back is None
    assert tendereval.summaries(by_file, tmp_path / "s").withdrawn == [WEALD]


def test_a_withdrawal_naming_a_file_is_written_back_as_named(tmp_path: Path) -> None:
    record = RecordedWithdrawal("bids\\weald-carers-trust.xlsx", "2026-03-04")
    assert (record.file, record.supplier) == ("bids/weald-carers-trust.xlsx", "weald-carers-trust")
    text = decisions_toml(Decisions(withdrawals=(record,)))
    assert 'supplier = "bids/weald-carers-trust.xlsx"' in text
    (tmp_path / "decisions.toml").write_text(text, encoding="utf-8")
    (again,) = load_decisions(tmp_path, ["CSB"]).decisions.withdrawals
    assert dataclasses.replace(again, where="") == record
    # Given to decide as the result was scored with it, nothing is said.
    result = _score(_recorded(_revised(tmp_path / "t")))
    assert tendereval.decide(result, result.decisions).problems == ()


def test_a_return_withdrawn_only_in_python_says_to_record_it_and_load_again(
    tmp_path: Path,
) -> None:
    """The loader chooses which return's prices to read before scoring: a withdrawal given in
    Python comes too late to choose, and says so, rather than leave Weald invalid unexplained."""
    folder = _revised(tmp_path)
    tender = tendereval.load_tender(folder)
    record = RecordedWithdrawal(OLD, "2026-03-04")
    tried = _score(dataclasses.replace(tender, decisions=Decisions(withdrawals=(record,))))
    late = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert [p.found for p in late] == [OLD]
    assert "recorded in decisions.toml" in late[0].expected


def test_a_replaced_return_beside_two_that_stand_leaves_them_for_the_buyer(
    tmp_path: Path,
) -> None:
    """Three returns, one withdrawn: the other two are still the buyer's to choose between,
    and the message names only those two."""
    folder = _recorded(_revised(tmp_path))
    book = openpyxl.load_workbook(folder / NEW)
    book["Prices"]["G5"] = 26.0  # (a file of its own: a copy of the same bytes is one return)
    book.save(folder / "bids/weald-carers-trust-final.xlsx")
    result = _score(folder)
    (twice,) = [p for p in result.problems if p.code == "bid.twice"]
    assert OLD not in twice.message and NEW in twice.message
    statuses = result.results.filter(pl.col("supplier") == WEALD).get_column("status")
    assert sorted(statuses.to_list()) == ["invalid", "invalid", "withdrawn"]


@pytest.fixture(scope="module")
def both_returns(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The carers example, and for each of its bid returns a revised one (another sitting-hours
    rate, so the choice of return changes the scores)."""
    root = tmp_path_factory.mktemp("both")
    folder = example_copy(root)
    revised: dict[str, Path] = {}
    for i, path in enumerate(sorted((folder / "bids").glob("*.xlsx"))):
        book = openpyxl.load_workbook(path)
        book["Prices"]["G5"] = 24.0 + 1.5 * i
        revised[path.name] = root / f"{path.stem}-revised.xlsx"
        book.save(revised[path.name])
    return folder, revised


@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_any_returns_replaced_score_as_the_returns_that_stand_alone(both_returns, data) -> None:
    """The invariant: whichever suppliers replaced their return, and whichever of the two
    files (first by name or not) is the one replaced, the results and the award are those of
    the returns that stand with the replaced ones moved out of bids/; each replaced return is
    in the results, withdrawn. The same holds for a return the buyer rejected by its file
    beside the one that stands (one that came in late), on a ground or not: it is invalid."""
    folder, revised = both_returns
    names = sorted(revised)
    replacing = data.draw(st.sets(st.sampled_from(names), min_size=1, max_size=len(names)))
    first_replaced = {name: data.draw(st.booleans()) for name in sorted(replacing)}
    how = {name: data.draw(st.sampled_from(["withdrawn", "rejected", "disregarded"]))
           for name in sorted(replacing)}  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        recorded, alone = Path(scratch) / "recorded", Path(scratch) / "alone"
        for target in (recorded, alone):
            shutil.copytree(folder, target, ignore=shutil.ignore_patterns("bids"))
            (target / "bids").mkdir()
        withdrawals = []
        for name in names:
            standing = folder / "bids" / name
            if name in replacing:
                old, new = (standing, revised[name])
                replaced, standing = (old, new) if first_replaced[name] else (new, old)
                shutil.copy(old, recorded / "bids" / old.name)
                shutil.copy(new, recorded / "bids" / new.name)
                named = f"bids/{replaced.name}"
                withdrawals.append(
                    WITHDRAWAL.format(named=named)
                    if how[name] == "withdrawn"
                    else f'[[rejection]]\nsupplier = "{named}"\nreason = "Received late"\n'
                    + ('ground = "procedural_breach"\n' if how[name] == "disregarded" else "")
                )
            else:
                shutil.copy(standing, recorded / "bids" / name)
            shutil.copy(standing, alone / "bids" / standing.name)
        (recorded / "decisions.toml").write_text("\n".join(withdrawals), encoding="utf-8")
        result, reference = _score(recorded), _score(alone)
    aside = pl.col("reasons").list.first().str.starts_with("bid return ").fill_null(False)
    gone = result.results.filter(aside)
    assert gone.height == len(replacing)
    assert sorted(gone.get_column("status")) == sorted(
        "withdrawn" if how[name] == "withdrawn" else "invalid" for name in replacing
    )
    assert_frame_equal(result.results.filter(~aside), reference.results)
    assert result.award.to_dict()["lots"] == reference.award.to_dict()["lots"]
    assert result.award.held_back == reference.award.held_back


def test_a_return_under_another_spelling_withdrawn_by_its_file_leaves_the_other(
    tmp_path: Path,
) -> None:
    """Stour Valley Homecare sent a return as "Ltd" and another as "Limited", one company
    number in both: neither was evaluated. Once the buyer records the "Limited" file as
    withdrawn, the "Ltd" tender is evaluated, and no evaluator is asked to score "Limited"."""
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / "bids/stour-valley-homecare-ltd.xlsx")
    book["Organisation"]["B4"] = "Stour Valley Homecare Limited"
    book.save(folder / "bids/stour-valley-homecare-limited.xlsx")
    before = _score(folder)
    assert "gives the same company number" in " ".join(p.message for p in before.problems)
    _recorded(folder, "bids/stour-valley-homecare-limited.xlsx")
    result = _score(folder)
    reference = _score(example_copy(tmp_path / "reference"))
    assert_frame_equal(result.results.filter(pl.col("status") != "withdrawn"), reference.results)
    # One organisation: the "Limited" return is read as the "Ltd" supplier's, set aside
    # beside its tender, and said to be (it was a seventh bidder, withdrawn).
    (read_as,) = result.problems
    assert read_as.code == "bid.read_as_registered" and not read_as.is_error
    assert read_as.file == "bids/stour-valley-homecare-limited.xlsx"
    assert read_as.found == "'Stour Valley Homecare Limited', company number 09914277"
    assert reference.problems == []
    assert result.award.held_back is None and result.award.problems == ()
    (limited,) = result.results.filter(pl.col("status") == "withdrawn").iter_rows(named=True)
    assert limited["supplier"] == "Stour Valley Homecare Ltd"
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert (
        "5 bids (4 ranked, 1 disqualified) and the in-house comparator, "
        "and 1 bid return replaced by a later one from the "
        "same supplier"
    ) in out.output


def test_a_score_sheet_lists_the_supplier_once_and_leaves_nothing_out(tmp_path: Path) -> None:
    """Before, it said "It leaves out the 1 bid decisions.toml records as withdrawn" of a
    tender it listed (the return replaced left out no bid)."""
    folder = _recorded(_revised(tmp_path))
    out = CliRunner().invoke(
        cli, ["template", "score-sheet", "--tender", str(folder), "-o", str(tmp_path / "s.xlsx")]
    )
    assert out.exit_code == 0, out.output
    assert "It lists the 6 bids in bids/ now" in out.output
    assert "leaves out" not in out.output
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Scores"]
    suppliers = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    # A row for each question, once: as many as any other supplier's.
    assert suppliers.count(WEALD) == suppliers.count("Brightwater Care Services Ltd") > 0


def test_a_replaced_return_under_another_case_is_still_the_suppliers(tmp_path: Path) -> None:
    """The first return typed "WEALD CARERS TRUST": the same supplier (names are matched
    ignoring case). It was counted as a seventh bid, withdrawn, and `summaries` listed "WEALD
    CARERS TRUST" among the suppliers that withdrew."""
    folder = _revised(tmp_path)
    book = openpyxl.load_workbook(folder / OLD)
    book["Organisation"]["B4"] = WEALD.upper()
    book.save(folder / OLD)
    _recorded(folder)
    result = _score(folder)
    assert result.award.held_back is None and result.award.winner("CSB") == WEALD
    written = tendereval.summaries(result, tmp_path / "s")
    assert written.withdrawn == [] and len(written.paths) == 5  # (none for the comparator)
    out = CliRunner().invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert (
        "5 bids (4 ranked, 1 disqualified) and the in-house comparator, and 1 bid return replaced"
        in out.output
    )


def test_two_returns_are_one_tender_in_every_count(tmp_path: Path) -> None:
    """Before the buyer records which stands, and once the supplier withdraws its tender
    outright, Weald's two returns are still one tender for the lot: counted once (it was
    "7 bids (4 ranked, 1 disqualified, 2 invalid)", its VCSE bid counted twice)."""
    folder = _revised(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["score", str(folder), "-o", str(tmp_path / "r.xlsx")])
    assert (
        "5 bids (3 ranked, 1 disqualified, 1 invalid) and the in-house comparator, "
        "and 1 further bid return from a "
        "supplier that bid twice"
    ) in out.output
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    row = dict(zip([c.value for c in sheet[4]], [c.value for c in sheet[5]], strict=True))
    # Weald once, and Hop Garden Respite CIC.
    assert (row["Invalid bids"], row["VCSE bids (reported, not scored)"]) == (1, 2)

    _recorded(folder, WEALD)  # withdrawn outright, by its name: both returns
    out = runner.invoke(cli, ["score", str(folder), "--no-report", "--no-sensitivity"])
    assert (
        "5 bids (3 ranked, 1 disqualified, 1 withdrawn) and the in-house comparator, "
        "and 1 bid return replaced by a later "
        "one from the same supplier"
    ) in out.output
    assert tendereval.summaries(folder, tmp_path / "s").withdrawn == [WEALD]


def test_a_return_whose_name_a_mac_stored_decomposed_is_withdrawn_by_its_name_as_typed(
    tmp_path: Path,
) -> None:
    """A Mac (and a zip made on one) stores "é" in a file name as "e" and a combining accent;
    typed in decisions.toml it is one character. The two look the same, yet the withdrawal
    was "names the bid file bids/café-weald.xlsx, which is not among the bid returns …
    (found bids/café-weald.xlsx)", and Weald's return was scored."""
    folder = example_copy(tmp_path)
    typed = "bids/café-weald.xlsx"  # "é" as one character (NFC)
    on_disk = unicodedata.normalize("NFD", typed)
    assert on_disk != typed  # "e" and U+0301 COMBINING ACUTE ACCENT
    (folder / OLD).rename(folder / on_disk)
    result = _score(_recorded(folder, typed))
    assert result.problems == []
    (weald,) = result.results.filter(pl.col("supplier") == WEALD).iter_rows(named=True)
    assert weald["status"] == "withdrawn"
    assert weald["source"] == on_disk  # recorded as it is on disk
    assert weald["reasons"] == [
        f"bid return {on_disk} withdrawn by the supplier on 2026-03-04 "
        "(decisions.toml › withdrawal[0])"
    ]


def test_a_file_named_in_letters_that_only_look_the_same_is_shown_with_them(
    tmp_path: Path,
) -> None:
    """A file name that still differs, though it looks the same (a Cyrillic "а"), is named
    beside the one typed, with the characters that tell them apart: two names printed alike
    said nothing of why they did not match."""
    folder = example_copy(tmp_path)
    on_disk = "bids/weаld-carers-trust.xlsx"  # a Cyrillic "а"
    (folder / OLD).rename(folder / on_disk)
    report = tendereval.validate(_recorded(folder, OLD))
    (problem,) = report.problems
    assert problem.code == "decisions.withdrawal_unknown"
    assert problem.message == (
        f"the withdrawal names the bid file {OLD}, which is not among the bid returns in "
        f"bids/, so no tender was set aside; {on_disk} looks the same but is written with "
        "other characters"
    )
    assert problem.found == (
        f"'{OLD}' has only plain letters; '{on_disk}' has U+0430 CYRILLIC SMALL LETTER A"
    )
