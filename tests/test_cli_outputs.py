"""What the commands write, and where: '-' is the standard output for a text output and refused
for a workbook; two options naming one file are a usage error; paths the operating system
refuses, a full disk or a reader that stops early are said in words with the documented exit
code; repeated or contradictory options are refused; a file that cannot be written never hides
the problems found or the files written; a --json asked for always says what this run did."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli, main
from tests.example_copies import EXAMPLES, example_copy, example_with

OFFERS = EXAMPLES / "offers" / "homecare-offers.csv"
SCENARIOS = EXAMPLES / "homecare-lot-splits" / "scenarios.toml"


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def run_main(argv: list[str | Path]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in argv])
    return exit_info.value.code


def said(text: str) -> str:
    return " ".join(text.split())  # click wraps long messages


# 1. "-" ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{tender}", "-o", "-"],
        ["allocate", OFFERS, "-o", "-"],
        ["scenarios", SCENARIOS, "-o", "-"],
        ["summaries", "{tender}", "-o", "-"],
        ["template", "bid-return", "--tender", "{tender}", "-o", "-"],
    ],
)
def test_a_workbook_or_folder_given_as_dash_is_refused_and_no_file_called_dash_is_made(
    tmp_path: Path, monkeypatch, argv
) -> None:
    """`score .. -o -` run from bids/ wrote the report into bids/ as a file called '-', read
    as a bid by the next run."""
    tender = example_copy(tmp_path)
    monkeypatch.chdir(tender / "bids")
    done = invoke(*(str(a).replace("{tender}", "..") for a in argv))
    assert done.exit_code == 2, done.output
    assert "not '-': only a JSON or CSV output can go to the terminal" in said(done.stderr)
    assert not Path("-").exists()


def test_score_json_dash_prints_the_json_alone_and_writes_no_file(tmp_path, monkeypatch) -> None:
    tender = example_copy(tmp_path)
    monkeypatch.chdir(tender / "bids")
    done = invoke("score", "..", "--json", "-", "--no-report", "--no-sensitivity")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["tender"]["id"] == "CSB-2026-01"
    assert "Weights: price 40" in done.stderr  # the table, aside on stderr
    assert not Path("-").exists()
    done = invoke("score", "..", "--csv", "-", "--no-report", "--no-sensitivity")
    assert done.stdout.startswith("lot,supplier,status,rank,total")
    done = invoke("validate", "..", "--json", "-")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["errors"] == 0
    assert "No problems found." in done.stderr
    assert not Path("-").exists()


def test_publish_dash_prints_the_package_and_writes_no_file(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    done = invoke("publish", tender, "-o", "-", "--ocid-prefix", "ocds-abc123")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["releases"][0]["ocid"] == "ocds-abc123-CSB-2026-01"
    assert "Wrote the package to the standard output (publishable" in done.stderr
    assert not (tender / "reports").exists() and not Path("-").exists()


def test_a_file_called_dash_among_the_inputs_is_refused_by_the_library(
    tmp_path: Path, monkeypatch
) -> None:
    """'-' means the standard output only to a command; to the library it is a file name,
    and checked as one."""
    from tendereval.errors import UsageError
    from tendereval.inputs import tender_inputs

    tender = example_copy(tmp_path)
    monkeypatch.chdir(tender / "bids")
    with pytest.raises(UsageError, match="is in bids/"):
        tender_inputs(tender).refuse_as_outputs(["-"])


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{tender}", "--no-report", "--json", "{tender}/all-responses.zip"],
        ["score", "{tender}", "--no-report", "--csv", "{tender}/bids.zip"],
        ["validate", "{tender}", "--json", "{tender}/All-Responses.ZIP"],
    ],
)
def test_an_archive_received_in_the_tender_folder_is_never_written_over(
    tmp_path: Path, argv
) -> None:
    """The portal's all-responses.zip beside bids/ is listed among the inputs with its
    SHA-256, the very file received, yet `score T --json T/all-responses.zip` replaced it
    with the JSON (exit 0), and the Audit sheet then gave the hash of no file received."""
    tender = example_copy(tmp_path)
    for name in ("all-responses.zip", "bids.zip", "All-Responses.ZIP"):
        (tender / name).write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    done = invoke(*(a.replace("{tender}", str(tender)) for a in argv))
    assert done.exit_code == 2, done.output
    assert f"{argv[-1].replace('{tender}', str(tender))} is one of the tender's inputs" in said(
        done.stderr
    )
    for name in ("all-responses.zip", "bids.zip", "All-Responses.ZIP"):
        assert (tender / name).read_bytes() == b"PK\x05\x06" + bytes(18)


def test_an_archive_received_is_refused_by_the_library_writers(tmp_path: Path) -> None:
    """As the command: write_json given the tender's all-responses.zip raises the same
    UsageError."""
    import tendereval
    from tendereval.scoring.output import write_json

    tender = example_copy(tmp_path)
    (tender / "all-responses.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    result = tendereval.score(tender, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match="is one of the tender's inputs"):
        write_json(result, tender / "all-responses.zip")
    assert (tender / "all-responses.zip").read_bytes() == b"PK\x05\x06" + bytes(18)


# 2. one file, two options ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        (["score", "{tender}", "--json", "out.x", "--csv", "out.x"], "--json and --csv"),
        (["score", "{tender}", "--json", "r.xlsx", "-o", "sub/../r.xlsx"], "--json and -o"),
        (["score", "{tender}", "--json", "-", "--csv", "-"], "--json and --csv both go to"),
        (["allocate", OFFERS, "-o", "a.xlsx", "--json", "a.xlsx"], "--json and -o"),
        (["scenarios", SCENARIOS, "-o", "x.xlsx", "--json", "x.xlsx"], "-o and --json"),
    ],
)
def test_two_outputs_naming_one_file_is_a_usage_error(
    tmp_path: Path, monkeypatch, argv, options
) -> None:
    """`score --json results.out --csv results.out` said it wrote the JSON there; the file
    held the CSV (exit 0)."""
    tender = example_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    Path("sub").mkdir()
    done = invoke(*(str(a).replace("{tender}", str(tender)) for a in argv))
    assert done.exit_code == 2, done.output
    assert options in said(done.stderr)
    assert not {"out.x", "r.xlsx", "a.xlsx", "x.xlsx"} & {p.name for p in tmp_path.iterdir()}


@pytest.mark.parametrize(
    ("options", "report"),
    [
        (["--json"], "csb-2026-01-evaluation.xlsx"),
        (["--csv"], "csb-2026-01-evaluation.xlsx"),
        (["--public", "--csv"], "csb-2026-01-evaluation-public.xlsx"),
    ],
)
def test_an_output_naming_where_the_report_goes_by_default_is_a_usage_error(
    tmp_path: Path, capsys, options, report
) -> None:
    """`score T --json T/reports/csb-2026-01-evaluation.xlsx` (no -o) wrote the JSON, then
    the report over it, and said both were written (exit 0)."""
    tender = example_copy(tmp_path)
    path = tender / "reports" / report
    assert run_main(["score", tender, "--no-sensitivity", *options, path]) == 2
    out, err = capsys.readouterr()
    assert f"{options[-1]} and the report (-o's default) both name '{path}'" in said(err)
    assert "Wrote" not in out and not (tender / "reports").exists()


def test_an_output_where_no_report_is_written_is_no_clash(tmp_path: Path, capsys) -> None:
    """The default is no output with --no-report or -o elsewhere, nor with --public (the
    public report has its own name)."""
    tender = example_copy(tmp_path)
    path = tender / "reports" / "csb-2026-01-evaluation.xlsx"
    for options in (["--no-report"], ["-o", tmp_path / "r.xlsx"], ["--public"]):
        assert run_main(["score", tender, "--no-sensitivity", *options, "--json", path]) == 0
        assert json.loads(path.read_text(encoding="utf-8"))["tender"]["id"] == "CSB-2026-01"
    assert f"Wrote the results as JSON to {path}" in capsys.readouterr().out


def test_capitals_make_another_file_only_where_the_file_system_tells_them_apart(
    tmp_path: Path,
) -> None:
    from tendereval.outputs import folds_case, same_file

    (tmp_path / "report.json").write_text("{}")
    folds = (tmp_path / "REPORT.JSON").exists()
    assert folds_case(tmp_path) is folds
    assert same_file(tmp_path / "report.json", tmp_path / "Report.json") is folds
    assert same_file(tmp_path / "report.json", tmp_path / "x" / ".." / "report.json")


# 3. paths the operating system refuses --------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "score", "init"])
def test_a_folder_name_too_long_for_the_file_system_is_a_usage_error(
    tmp_path: Path, capsys, command
) -> None:
    assert run_main([command, tmp_path / ("a" * 300)]) == 2
    err = capsys.readouterr().err
    assert "cannot be used: File name too long" in said(err)
    assert "internal error" not in err


def test_an_output_through_a_link_that_loops_is_not_written_and_said(tmp_path, capsys) -> None:
    tender = example_copy(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    out = tmp_path / "loop" / "report.xlsx"
    assert run_main(["score", tender, "--no-sensitivity", "-o", out]) == 1
    assert f"Could not write {out}: {tmp_path / 'loop'} is not a folder" in capsys.readouterr().err


def test_a_decisions_file_linked_to_itself_is_a_problem_not_a_crash(tmp_path, capsys) -> None:
    tender = example_copy(tmp_path)
    (tender / "decisions.toml").unlink(missing_ok=True)
    (tender / "decisions.toml").symlink_to("decisions.toml")
    assert run_main(["score", tender, "--no-sensitivity"]) == 1
    out = capsys.readouterr().out
    assert "decisions.toml — 1 error" in out
    assert "a link that leads back to itself" in out


def _tendereval(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "tendereval", *(str(a) for a in args)]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_the_standard_output_is_said_with_exit_1(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _tendereval("validate", tender), stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        "Could not write the standard output: No space left on device. Is the disk it was "
        "sent to full? Free some space, or send the output elsewhere, and run the command "
        "again.\n"
    )


def test_a_reader_that_stops_early_changes_nothing(tmp_path: Path) -> None:
    """`score t | head -1` exited 1, 'problems found in the inputs', saying nothing, though
    the inputs were clean and the report written. Now the run goes on and exits as its work
    came out; what no one reads is dropped."""
    tender = example_copy(tmp_path)
    run = subprocess.Popen(
        _tendereval("score", tender, "--no-sensitivity"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    run.stdout.close()  # the reader has gone before the first line
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert err == b""
    assert (tender / "reports" / "csb-2026-01-evaluation.xlsx").is_file()


# 4. repeated or contradictory options ---------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            [
                *("--supplier-max-lots", "Kentwide Care Group Ltd=1"),
                *("--supplier-max-lots", "kentwide care group  ltd=5"),
            ],
            "Kentwide Care Group Ltd is given twice, as 1 and as 5",
        ),
        (["--lot-budget", "ASH=2m", "--lot-budget", "ash =1.5m"], "ASH is given twice"),
        (["--min-quality", "ASH=60", "--min-quality", "ASH=70"], "as 60 and as 70"),
        (["--min-quality", "60", "--min-quality", "70"], "every lot is given twice"),
    ],
)
def test_a_value_given_twice_for_one_name_is_a_usage_error(options, words) -> None:
    done = invoke("allocate", OFFERS, *options)
    assert done.exit_code == 2, done.output
    assert words in said(done.stderr)


def test_the_same_value_given_twice_is_no_contradiction() -> None:
    done = invoke("allocate", OFFERS, "--lot-budget", "ASH=2m", "--lot-budget", "ASH=2,000,000")
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--no-report", "-o", "committee-report.xlsx"], "--no-report and -o contradict"),
        (["--public", "--no-report"], "--no-report and --public contradict"),
    ],
)
def test_no_report_with_a_report_option_is_a_usage_error(tmp_path, monkeypatch, options, words):
    tender = example_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = invoke("score", tender, "--no-sensitivity", *options)
    assert done.exit_code == 2, done.output
    assert words in said(done.stderr)
    assert not (tender / "reports").exists() and not Path("committee-report.xlsx").exists()


# 5. a report that cannot be written -----------------------------------------------------------


def test_a_report_that_cannot_be_written_hides_neither_the_problems_nor_the_files_written(
    tmp_path: Path, capsys
) -> None:
    """The report open in Excel: only 'Could not write …' was printed, though the JSON and
    CSV were written and a bid had an error. (A folder where the report goes stands for a
    locked file: both refuse the rename.)"""
    tender = example_with(
        tmp_path, "carers-short-breaks", "bids/meridian-care-group-plc.xlsx", "Prices!G5", "TBC"
    )
    (tender / "reports" / "csb-2026-01-evaluation.xlsx").unlink(missing_ok=True)
    (tender / "reports" / "csb-2026-01-evaluation.xlsx").mkdir(parents=True)
    argv = ["score", tender, "--no-sensitivity"]
    argv += ["--json", tmp_path / "r.json", "--csv", tmp_path / "r.csv"]
    assert run_main(argv) == 1
    out, err = capsys.readouterr()
    assert f"Wrote the results as JSON to {tmp_path / 'r.json'}" in out
    assert f"Wrote the results as CSV to {tmp_path / 'r.csv'}" in out
    assert "Problems in the inputs (1 error" in out
    assert "meridian-care-group-plc.xlsx — 1 error" in out
    assert err.startswith(f"Could not write {tender / 'reports' / 'csb-2026-01-evaluation.xlsx'}")


def _blocked(tmp_path: Path, name: str) -> Path:
    """A path that cannot be written: its folder is a file."""
    (tmp_path / "a-file").write_text("not a folder")
    return tmp_path / "a-file" / name


def test_a_file_that_cannot_be_written_stops_none_of_the_others(tmp_path, capsys) -> None:
    """A JSON file that could not be written stopped the CSV and the report being written:
    only 'Could not write' the JSON was said (exit 1), and neither of the others was there."""
    tender = example_copy(tmp_path)
    blocked = _blocked(tmp_path, "r.json")
    argv = ["score", tender, "--no-sensitivity", "--json", blocked, "--csv", tmp_path / "r.csv"]
    assert run_main(argv) == 1
    out, err = capsys.readouterr()
    report = tender / "reports" / "csb-2026-01-evaluation.xlsx"
    assert f"Wrote the results as CSV to {tmp_path / 'r.csv'}" in out
    assert f"Wrote the Excel evaluation report to {report}" in out
    assert "Wrote the results as JSON" not in out
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("lot,supplier,status")
    assert report.is_file()
    assert err == (
        f"Could not write {blocked}: {tmp_path / 'a-file'} is not a folder (a file, or a link "
        "that leads nowhere). Part of the path is not a folder (a file, say): choose another "
        "file name, and run the command again.\n"
    )


def test_each_file_that_cannot_be_written_is_said_with_its_reason(tmp_path, capsys) -> None:
    """Two of three outputs not written: each is named, and the third (the CSV, to the
    standard output) is still given."""
    tender = example_copy(tmp_path)
    blocked = _blocked(tmp_path, "r.json")
    report = tender / "reports" / "csb-2026-01-evaluation.xlsx"
    report.mkdir(parents=True)  # a folder in the report's place stands for a locked file
    argv = ["score", tender, "--no-sensitivity", "--json", blocked, "--csv", "-"]
    assert run_main(argv) == 1
    out, err = capsys.readouterr()
    assert out.startswith("lot,supplier,status,rank,total")
    said_lines = err.splitlines()
    assert said_lines[-2].startswith(f"Could not write {blocked}: ")
    assert said_lines[-1].startswith(
        f"Could not write {report}: Is a directory. A folder has that name: move or rename"
    )


def test_allocate_writes_its_workbook_though_its_json_cannot_be(tmp_path, capsys) -> None:
    blocked = _blocked(tmp_path, "a.json")
    workbook = tmp_path / "a.xlsx"
    assert run_main(["allocate", OFFERS, "--json", blocked, "-o", workbook]) == 1
    err = capsys.readouterr().err
    assert f"Wrote {workbook}" in err
    assert workbook.is_file()
    assert err.splitlines()[-1].startswith(f"Could not write {blocked}: ")


def test_scenarios_writes_its_json_though_its_workbook_cannot_be(tmp_path, capsys) -> None:
    """The workbook not written, the comparison was not printed nor the JSON written."""
    blocked = _blocked(tmp_path, "w.xlsx")
    figures = tmp_path / "figures.json"
    argv = ["scenarios", SCENARIOS, "--samples", "0", "--steps", "2"]
    assert run_main([*argv, "-o", blocked, "--json", figures]) == 1
    out, err = capsys.readouterr()
    assert f"Figures written to {figures}" in out
    assert "Workbook written" not in out
    assert "Packaging" in out  # the comparison
    assert json.loads(figures.read_text(encoding="utf-8"))
    assert err.splitlines()[-1].startswith(f"Could not write {blocked}: ")


# 6. a --json when nothing could be done -------------------------------------------------------


def _broken_plan(tmp_path: Path) -> Path:
    tender = example_copy(tmp_path)
    plan = tender / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    assert "\ncontract_years = 3" in text
    plan.write_text(text.replace("\ncontract_years = 3", '\ncontract_years = "three"'))
    return tender


@pytest.mark.parametrize("command", ["score", "allocate"])
def test_a_json_asked_for_says_nothing_was_done_and_why(tmp_path: Path, command) -> None:
    """The plan broken, `score t --json results.json` left the last run's complete file, and
    a script read its ranking as this run's."""
    tender = _broken_plan(tmp_path)
    out = tmp_path / "results.json"
    out.write_text('{"lots": ["the previous run"]}')
    done = invoke(command, tender, "--json", out)
    assert done.exit_code == 1, done.output
    written = json.loads(out.read_text(encoding="utf-8"))
    what = "scored" if command == "score" else "allocated"
    assert written["outcome"] == f"nothing was {what}"
    assert written["why"] == "the evaluation plan cannot be used"
    assert (written["errors"], written["warnings"]) == (1, 0)
    assert written["problems"][0]["cell"] == "tender.contract_years"
    assert "lots" not in written
    assert f"Wrote {out}, saying nothing was {what} and why" in done.stderr


def test_a_json_to_the_standard_output_says_so_too(tmp_path: Path) -> None:
    done = invoke("score", _broken_plan(tmp_path), "--json", "-")
    assert done.exit_code == 1
    assert json.loads(done.stdout)["outcome"] == "nothing was scored"


def test_a_scenarios_json_says_nothing_was_modelled(tmp_path: Path) -> None:
    broken = tmp_path / "scenarios.toml"
    broken.write_text(
        SCENARIOS.read_text(encoding="utf-8").replace("volume = 190000", "volume = -1")
    )
    out = tmp_path / "figures.json"
    out.write_text("{}")
    done = invoke("scenarios", broken, "--json", out, "-o", tmp_path / "w.xlsx")
    assert done.exit_code == 1, done.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["outcome"] == "nothing was modelled"
    assert written["errors"] >= 1


# minor ----------------------------------------------------------------------------------------


def test_init_prints_its_next_commands_as_they_must_be_typed(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = invoke("init", "sp ace/t")
    assert done.exit_code == 0, done.output
    assert "  tendereval validate 'sp ace/t'\n" in done.output


def test_a_blank_bid_return_is_never_written_among_the_bids(tmp_path: Path) -> None:
    tender = example_copy(tmp_path)
    done = invoke("template", "bid-return", "--tender", tender, "-o", tender / "bids" / "b.xlsx")
    assert done.exit_code == 2, done.output
    assert "is in bids/" in said(done.stderr)
    assert not (tender / "bids" / "b.xlsx").exists()
