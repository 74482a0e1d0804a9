"""Loading a whole tender folder: checks across files, determinism, the audit trail, the CLI."""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from tendereval import __version__
from tendereval.cli import cli
from tendereval.errors import Severity, TenderNotFound
from tendereval.io.tender import load_tender

from .builders import bid_workbook, score_rows, score_workbook, write_plan
from .conftest import load, only


def test_missing_folder_raises(tmp_path):
    with pytest.raises(TenderNotFound):
        load_tender(tmp_path / "nowhere")


def test_unusable_plan_returns_its_problems_and_no_plan(tmp_path):
    (tmp_path / "tender.toml").write_text("[tender\n", encoding="utf-8")
    tender = load_tender(tmp_path)
    assert tender.plan is None
    assert [p.code for p in tender.problems] == ["plan.syntax"]
    assert tender.inputs["kind"].to_list() == ["plan"]


def test_supplier_bidding_twice(tender_dir):
    bid_workbook(
        tender_dir / "bids" / "zz-acme-again.xlsx", "Acme Care Ltd", rates={("L1", "hours"): 1}
    )
    tender = load(tender_dir)
    problem = only(tender, "bid.twice")
    assert problem.where == "bids/zz-acme-again.xlsx"
    assert problem.message == (
        "Acme Care Ltd sent two bid returns (bids/acme.xlsx and bids/zz-acme-again.xlsx); "
        "lot L1 is priced in both, so neither is evaluated until the buyer decides which one "
        "stands"
    )
    # Which file stands is the buyer's decision, not the order of file names: the problem
    # names the supplier so scoring holds every one of its bids back, and both files' bids
    # stay in the bids frame so nothing is lost.
    assert problem.supplier == "Acme Care Ltd"
    assert tender.bids.filter(supplier="Acme Care Ltd").select("lot", "source").rows() == [
        ("L1", "bids/acme.xlsx"),
        ("L2", "bids/acme.xlsx"),
        ("L1", "bids/zz-acme-again.xlsx"),
    ]
    assert tender.suppliers.filter(supplier="Acme Care Ltd").height == 1


def test_both_bids_of_a_supplier_bidding_twice_are_invalid_in_the_results(tender_dir):
    from tendereval.scoring.combine import score

    bid_workbook(
        tender_dir / "bids" / "zz-acme-again.xlsx", "Acme Care Ltd", rates={("L1", "hours"): 1}
    )
    result = score(load(tender_dir), sensitivity=False)
    acme = result.results.filter(supplier="Acme Care Ltd").sort("source", "lot")
    assert acme.select("lot", "status", "source").rows() == [
        ("L1", "invalid", "bids/acme.xlsx"),
        ("L2", "invalid", "bids/acme.xlsx"),
        ("L1", "invalid", "bids/zz-acme-again.xlsx"),
    ]
    assert all(any("two bid returns" in r for r in reasons) for reasons in acme["reasons"])


def test_names_differing_only_in_case_or_spaces(tender_dir):
    # Its numbers left blank: giving others, it would be another organisation's return
    # (bid.other_registration, tests/io/test_other_registration.py).
    blank = {"company_number": None, "unique_identifier": None}
    bid_workbook(tender_dir / "bids" / "acme2.xlsx", "ACME  care ltd", organisation=blank)
    problem = only(load(tender_dir), "bid.name_collision")
    assert problem.where == "bids/acme2.xlsx"
    assert problem.message.startswith(
        "'ACME  care ltd' and 'Acme Care Ltd' (in bids/acme.xlsx) differ only in case or spaces"
    )


def test_lot_nobody_bid_for(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", rates={("L1", "hours"): 20})
    bid_workbook(
        tender_dir / "bids" / "bright.xlsx", "Bright Futures CIC", rates={("L1", "hours"): 22}
    )
    tender = load(tender_dir)
    problem = only(tender, "lot.no_bids")
    assert problem.severity is Severity.WARNING
    assert problem.message == "nobody bid for lot L2 (South)"


def test_one_bad_bid_does_not_stop_the_others(tender_dir):
    (tender_dir / "bids" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    bid_workbook(tender_dir / "bids" / "carers.xlsx", "Carers Together", cells={"Prices!G5": "TBC"})
    tender = load(tender_dir)
    assert tender.bids.select("supplier", "lot").rows() == [
        ("Acme Care Ltd", "L1"),
        ("Acme Care Ltd", "L2"),
        ("Bright Futures CIC", "L1"),
        ("Bright Futures CIC", "L2"),
        ("broken", None),
        ("Carers Together", "L1"),
        ("Carers Together", "L2"),
    ]
    assert only(tender, "file.truncated").supplier == "broken"
    assert only(tender, "money.placeholder").where == "bids/carers.xlsx › Prices › G5"
    # the scores of the two good bids are all there
    assert tender.scores.height == 12


def test_result_does_not_depend_on_listing_order(tender_dir, tmp_path):
    bid_workbook(tender_dir / "bids" / "carers.xlsx", "Carers Together", cells={"Prices!G8": "n/a"})
    first = load(tender_dir)
    copy = tmp_path / "copy"
    copy.mkdir()
    # copy files in reverse order so the directory lists them differently
    for path in sorted(tender_dir.rglob("*"), reverse=True):
        target = copy / path.relative_to(tender_dir)
        if path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    second = load(copy)
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems]
    for name in ("suppliers", "bids", "prices", "scores", "inputs"):
        assert getattr(first, name).equals(getattr(second, name)), name


def _two_sheets_from_tom(folder: Path, form: str) -> None:
    """Tom's draft (every score 1) and his final sheet (every score 4), the draft's name
    stored in ``form``: NFC as Windows and Linux store it, NFD as a Mac or its zips do."""
    suppliers = ("Acme Care Ltd", "Bright Futures CIC")
    draft = unicodedata.normalize(form, "Tom Okafor - évaluation provisoire.xlsx")
    score_workbook(folder / "scores" / draft, score_rows(suppliers, 1), "Tom Okafor")
    final = folder / "scores" / "Tom Okafor - final.xlsx"
    score_workbook(final, score_rows(suppliers, 4), "Tom Okafor")


def test_which_of_two_sheets_stands_does_not_turn_on_how_a_name_is_stored(tender_dir, tmp_path):
    """ "é" stored as one character sorts after "f", stored as "e" and an accent before it:
    the draft was read first (and its scores stood) only on a Mac. Files are taken in the
    order of their names with each accented letter in one form, on every machine."""
    loaded = {}
    for form in ("NFC", "NFD"):
        folder = tmp_path / form
        shutil.copytree(tender_dir, folder)
        _two_sheets_from_tom(folder, form)
        loaded[form] = load(folder)
    paths = {
        form: [unicodedata.normalize("NFC", p) for p in tender.inputs.get_column("path")]
        for form, tender in loaded.items()
    }
    assert paths["NFC"] == paths["NFD"]
    toms = paths["NFC"].index("scores/Tom Okafor - final.xlsx")
    assert paths["NFC"][toms + 1] == "scores/Tom Okafor - évaluation provisoire.xlsx"
    for tender in loaded.values():
        counted = tender.scores.filter(
            (pl.col("evaluator") == "Tom Okafor") & pl.col("set_aside_because").is_null()
        )
        assert counted.get_column("score").unique().to_list() == [4.0]  # the final sheet's


def test_inputs_record_every_file_with_its_hash(tender_dir):
    tender = load(tender_dir)
    rows = {row["path"]: row for row in tender.inputs.to_dicts()}
    assert [r["kind"] for r in rows.values()] == ["plan", "proxies", "bid", "bid", "scores"]
    acme = (tender_dir / "bids" / "acme.xlsx").read_bytes()
    assert rows["bids/acme.xlsx"]["sha256"] == hashlib.sha256(acme).hexdigest()
    assert rows["bids/acme.xlsx"]["bytes"] == len(acme)
    # Not in the tender folder: read from the copy packaged with tendereval.
    packaged = (
        f"the proxy table packaged with tendereval {__version__} (social-value-proxies-2026.csv)"
    )
    assert packaged in rows


def test_lock_files_and_hidden_files_are_skipped_other_files_warned(tender_dir):
    (tender_dir / "bids" / "~$acme.xlsx").write_bytes(b"lock")
    (tender_dir / "bids" / ".DS_Store").write_bytes(b"junk")
    (tender_dir / "bids" / "method statement.pdf").write_bytes(b"%PDF-1.7")
    tender = load(tender_dir)
    problem = only(tender, "file.ignored")
    assert problem.where == "bids/method statement.pdf"
    assert problem.severity is Severity.WARNING
    assert len(tender.problems) == 1


def test_a_workbook_named_like_a_lock_file_is_read_and_pointed_out(tender_dir):
    """Found by probing the bids folder: a bid saved as "~$bright.xlsx" (the name of the lock
    file Excel hides beside an open workbook) was skipped without a word. A lock file is a few
    bytes and never a zip archive; a workbook so named is a submission."""
    bids = tender_dir / "bids"
    shutil.move(bids / "bright.xlsx", bids / "~$bright.xlsx")
    (bids / "~$acme.xlsx").write_bytes(b"\x0bJane Officer" + b" " * 150)  # a real lock file
    (bids / "._acme.xlsx").write_bytes(b"\x00\x05\x16\x07" + bytes(4092))  # a Mac's twin
    tender = load(tender_dir)
    warning = only(tender, "file.named_like_lock_file")
    assert warning.where == "bids/~$bright.xlsx" and warning.severity is Severity.WARNING
    assert "bids/~$bright.xlsx" in tender.bids["source"].to_list()
    assert [p.code for p in tender.problems] == ["file.named_like_lock_file"]


def test_windows_download_marks_copied_beside_the_bids_are_skipped(tender_dir):
    """Copied from Windows to a Linux share or WSL, each downloaded file brings its "Mark of
    the Web" as a file of its own ("acme.xlsx:Zone.Identifier"): a warning for every bid and
    score sheet ("not a workbook and was not read"). A workbook so named is still read."""
    for folder in ("bids", "scores"):
        for path in list((tender_dir / folder).glob("*.xlsx")):
            mark = path.with_name(path.name + ":Zone.Identifier")
            mark.write_bytes(b"[ZoneTransfer]\r\nZoneId=3\r\n")
    assert load(tender_dir).problems == []
    # A workbook so named is what it holds: read as a submission (here a copy of bright.xlsx,
    # so one bid return read once), with a warning to rename it.
    shutil.copy(tender_dir / "bids" / "bright.xlsx", tender_dir / "bids" / "cole:Zone.Identifier")
    problems = load(tender_dir).problems
    assert [(p.code, p.file) for p in problems] == [
        ("file.workbook_misnamed", "bids/cole:Zone.Identifier"),
        ("bid.copy", "bids/bright.xlsx"),
    ]


def test_a_shortcut_to_a_workbook_kept_elsewhere_is_an_error(tender_dir):
    """A Windows shortcut ("bright.xlsx.lnk") or a SharePoint link ("ann.xlsx.url") in place
    of the workbook was "not a workbook and was not read", a warning: the bid or score sheet
    it points to was left out of the evaluation while the run went on."""
    shutil.move(tender_dir / "bids" / "bright.xlsx", tender_dir / "bright.xlsx")
    (tender_dir / "bids" / "bright.xlsx.lnk").write_bytes(b"L\x00\x00\x00" + bytes(72))
    (tender_dir / "scores" / "ann.xlsx.URL").write_text("[InternetShortcut]\nURL=https://x\n")
    (tender_dir / "bids" / "notes.lnk").write_bytes(b"L\x00\x00\x00")
    problems = {p.file: p for p in load(tender_dir).problems if p.file.endswith(("lnk", "URL"))}
    assert {file: (p.code, p.is_error) for file, p in problems.items()} == {
        "bids/bright.xlsx.lnk": ("file.shortcut", True),
        "scores/ann.xlsx.URL": ("file.shortcut", True),
        "bids/notes.lnk": ("file.ignored", False),
    }
    assert problems["bids/bright.xlsx.lnk"].expected.startswith(
        "the workbook itself copied into bids/"
    )


def test_a_supplier_sending_three_returns_is_told_of_all_three(tender_dir):
    """Each later return's error names every file: "sent two bid returns" for three left the
    officer removing one and finding the supplier still held back."""
    for name, rate in (("acme-v2.xlsx", 1), ("acme-v3.xlsx", 2)):
        bid_workbook(tender_dir / "bids" / name, "Acme Care Ltd", rates={("L1", "hours"): rate})
    tender = load(tender_dir)
    twice = [p for p in tender.problems if p.code == "bid.twice"]
    # (File names in order, letter case aside: "-" comes before ".".)
    assert sorted(p.where for p in twice) == ["bids/acme-v3.xlsx", "bids/acme.xlsx"]
    # (In each error alike.)
    assert {p.message for p in twice} == {
        "Acme Care Ltd sent three bid returns (bids/acme-v2.xlsx, bids/acme-v3.xlsx and "
        "bids/acme.xlsx); lot L1 is priced in more than one, so none is evaluated until the "
        "buyer decides which one stands"
    }
    # On each of the supplier's bids the error is a reason once, not once per later file.
    from tendereval.scoring.combine import score

    results = score(tender, sensitivity=False).results.filter(supplier="Acme Care Ltd")
    assert set(results["status"]) == {"invalid"}
    for reasons in results["reasons"]:
        assert sum("sent three bid returns" in reason for reason in reasons) == 1, reasons


def test_a_bid_in_a_subfolder_or_sent_as_csv_is_never_lost_without_a_word(tender_dir):
    """Found by a human-error audit: a bid moved into bids/late/ vanished with "No problems
    found", and a bid or a score sheet sent as CSV was a warning while it was left out."""
    import shutil

    late = tender_dir / "bids" / "late"
    late.mkdir()
    shutil.move(tender_dir / "bids" / "bright.xlsx", late / "bright.xlsx")
    (tender_dir / "bids" / "cole.csv").write_text("lot,item,unit_rate\nL1,hours,20\n", "utf-8")
    (tender_dir / "scores" / "bob.csv").write_text("supplier,score\n", "utf-8")
    (tender_dir / "bids" / "Thumbs.db").write_bytes(b"junk")
    tender = load(tender_dir)
    folder = only(tender, "file.subfolder")
    assert folder.is_error and folder.file == "bids/late/"
    assert folder.message == (
        "the folder bids/late/ is not read, and it holds 1 workbook: bright.xlsx"
    )
    # An "old versions" folder is the likeliest: say where a replaced return belongs.
    assert "a bid return its supplier replaced goes in bids/ too" in folder.expected
    # The CSV bid is a submission that could not be read: listed, with its reason.
    assert "bids/cole.csv" in tender.bids["source"].to_list()
    assert any(p.file == "bids/cole.csv" and p.is_error for p in tender.problems)
    assert any(p.file == "scores/bob.csv" and p.is_error for p in tender.problems)
    assert not any(p.file.endswith("Thumbs.db") for p in tender.problems)


def test_local_proxy_table_wins_and_is_checked(tender_dir):
    (tender_dir / "social-value-proxies-2026.csv").write_text(
        "measure,theme,description,unit,proxy_value,version\n"
        "SV-APP,Skills,Apprenticeship weeks,week,240,local-1\n"
        "sv-app,Skills,Again,week,250,local-1\n"
        "SV-VOL,Communities,Volunteering,hour,lots,local-1\n",
        encoding="utf-8",
    )
    tender = load(tender_dir)
    duplicate = only(tender, "proxies.duplicate")
    assert duplicate.where == "social-value-proxies-2026.csv › row 3, column measure"
    assert only(tender, "money.not_a_number").where == (
        "social-value-proxies-2026.csv › row 4, column proxy_value"
    )
    assert tender.proxies.select("measure", "proxy_value", "version").rows() == [
        ("SV-APP", 240.0, "local-1")
    ]


@pytest.mark.parametrize("rows", ["", ",,,,,\n,,,,,\n"], ids=["header-only", "blank-rows"])
def test_a_proxy_table_listing_no_measure_is_an_error_in_the_table(tender_dir, rows):
    """A table of a header and no rows (a 0-byte one was already an error) warned each bid
    that its measures were not in it, as if the suppliers were at fault, and scored every
    commitment 0: ranks changed and validate, score and summaries exited 0. It is an error in
    the table, and while it stands each commitment it cannot value is an error pointing at it
    (the bid cannot be scored on its social value yet), not a warning that it counts for
    nothing."""
    header = "measure,theme,description,unit,proxy_value,version\n"
    (tender_dir / "social-value-proxies-2026.csv").write_text(header + rows, encoding="utf-8")
    tender = load(tender_dir)
    table = only(tender, "proxies.no_measures")
    assert (table.file, table.severity, table.supplier) == (
        "social-value-proxies-2026.csv",
        Severity.ERROR,
        None,
    )
    assert table.message == (
        "the proxy value table lists no measure, so no commitment can be valued"
    )
    unknown = only(tender, "commitments.unknown_measure")
    assert (unknown.severity, unknown.supplier, unknown.found) == (
        Severity.ERROR,
        "Bright Futures CIC",
        "SV-APP",
    )
    assert "the table has errors" in unknown.message
    assert unknown.expected.startswith(
        "the proxy value table, social-value-proxies-2026.csv, read without errors: the "
        "errors are the table's, not the bid's"
    )


def test_missing_proxy_table(tmp_path):
    from .builders import PLAN

    write_plan(tmp_path, PLAN.replace("social-value-proxies-2026.csv", "our-proxies.csv"))
    bid_workbook(tmp_path / "bids" / "acme.xlsx")
    problem = only(load(tmp_path), "proxies.missing")
    assert problem.file == "our-proxies.csv"


def test_evaluator_scores_a_lot_the_supplier_did_not_bid_for(tender_dir):
    bid_workbook(
        tender_dir / "bids" / "bright.xlsx", "Bright Futures CIC", rates={("L1", "hours"): 22}
    )
    score_workbook(
        tender_dir / "scores" / "ann.xlsx",
        score_rows(("Acme Care Ltd",))
        + score_rows(("Bright Futures CIC",), lots=("L1",))
        + [
            {
                "supplier": "Bright Futures CIC",
                "lot": "L2",
                "question": "Q1",
                "score": 2,
                "reason": "x",
            }
        ],
    )
    problem = only(load(tender_dir), "score.lot_not_bid")
    assert problem.where == "scores/ann.xlsx › Scores › F14"


def test_validate_command_names_the_tbc_cell_and_exits_1(tender_dir):
    bid_workbook(tender_dir / "bids" / "acme.xlsx", cells={"Prices!G7": "TBC"})
    result = CliRunner().invoke(cli, ["validate", str(tender_dir)])
    assert result.exit_code == 1, result.output
    assert "bids/acme.xlsx" in result.output
    assert "G7" in result.output
    assert "'TBC' is a placeholder, not a price" in result.output


def test_validate_command_passes_a_clean_tender(tender_dir):
    result = CliRunner().invoke(cli, ["validate", str(tender_dir)])
    assert result.exit_code == 0, result.output


def test_escaped_control_characters_and_lone_utf16_halves_load_and_score(tmp_path):
    """Excel writes characters XML cannot hold as _xHHHH_ escapes. A lone UTF-16 half
    (_xD800_) used to crash the frames with a traceback; a control character inside a
    rate read as if it were a space."""
    from tendereval.report.excel import build_report
    from tendereval.scoring.combine import score

    folder = tmp_path / "tender"
    write_plan(folder)
    bid_workbook(folder / "bids" / "a.xlsx", legal_name="Acme_xD800_ Care Ltd")
    bid_workbook(
        folder / "bids" / "b.xlsx",
        legal_name="Bright_x001F_ Care",
        cells={"Prices!G5": "2_x001F_0"},
    )
    score_workbook(folder / "scores" / "ann.xlsx", score_rows(("Acme Care Ltd",)))
    tender = load_tender(folder)
    assert sorted(tender.suppliers.get_column("supplier")) == [
        "Acme\ufffd Care Ltd",
        "Bright\x1f Care",
    ]
    assert [p.code for p in tender.problems if p.cell == "G5"] == ["money.not_a_number"]
    build_report(score(tender, sensitivity=False))


def test_a_rate_typed_in_pence_or_a_free_item_is_warned_at_its_cell(tmp_path):
    """Found by a human-error audit: 2680 (pence) for a £26.80 rate made a £150m bid for a
    £3.1m lot, ranked without a word; a £0 rate was accepted silently and won the lot."""
    import shutil

    from openpyxl import load_workbook

    from tendereval.io.tender import load_tender

    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[2] / "examples" / "carers-short-breaks", folder)
    path = folder / "bids" / "hop-garden-respite-cic.xlsx"
    wb = load_workbook(path)
    wb["Prices"]["G5"], wb["Prices"]["G6"] = 2680, 0  # sitting hours, respite nights
    wb.save(path)
    problems = {p.code: p for p in load_tender(folder).problems}
    high = problems["price.far_above_estimate"]
    assert high.where == "bids/hop-garden-respite-cic.xlsx › Prices › G5"
    assert high.severity is Severity.WARNING
    # 18,000 h × £2,680 + 2,600 × £95, over 3 years (1,400 nights now free): £145.5m.
    assert "about £145.5m over the contract, 47 times its estimated value of £3.1m" in (
        high.message
    )
    free = problems["price.zero_rate"]
    assert free.where == "bids/hop-garden-respite-cic.xlsx › Prices › G6"


def test_a_proxy_table_mixing_versions_or_without_one_is_said(tender_dir):
    """Each result records the table's version because proxy values change yearly: a row
    pasted in from another year's scheme, or with no version, made no problem at all."""
    (tender_dir / "social-value-proxies-2026.csv").write_text(
        "measure,theme,description,unit,proxy_value,version\n"
        "SV-APP,Skills,Apprenticeship weeks,week,240,local-1\n"
        "SV-JOB,Jobs,Local jobs,FTE year,35000,TOMs-2025.2\n"
        "SV-VOL,Communities,Volunteering,hour,18,\n"
        "SV-TRAIN,Skills,Training,hour,20,local-1\n",
        encoding="utf-8",
    )
    tender = load(tender_dir)
    mixed = only(tender, "proxies.mixed_versions")
    assert mixed.where == "social-value-proxies-2026.csv" and not mixed.is_error
    assert mixed.found == "TOMs-2025.2 on 1 row, local-1 on 2 rows"
    blank = only(tender, "proxies.no_version")
    assert blank.where == "social-value-proxies-2026.csv › row 4, column version"
    assert blank.found == "1 row of 4 without one" and not blank.is_error
    # Every value is still used, as read.
    assert tender.proxies.height == 4


def test_a_proxy_table_of_one_version_is_not_said(tender_dir):
    tender = load(tender_dir)
    assert not [p for p in tender.problems if p.code.startswith("proxies.")]
