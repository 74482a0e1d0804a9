"""The command line: help, exit codes, init, and that no user ever sees a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tendereval.cli import cli, main


def run_main(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return exit_info.value.code


def test_help_lists_every_command_without_importing_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from tendereval.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('polars', 'pulp', 'openpyxl') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout
    for name in ("init", "template", "validate", "score"):
        assert name in out.stdout


def test_help_starts_without_the_file_writers_machinery() -> None:
    """`tendereval --help` is timed against a bare interpreter (within 5x, docs/performance.md):
    the atomic writer's temporary files, hashing and host name, and pathlib, were a fifth of its
    start-up, imported only to name the error of an output not written."""
    code = (
        "import sys\n"
        "sys.argv = ['tendereval', '--help']\n"
        "from tendereval.cli import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "names = ('tendereval.atomic', 'tempfile', 'socket', 'hashlib', 'pathlib')\n"
        "print('LOADED', [m for m in names if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-X", "utf8", "-c", code], capture_output=True, text=True, check=True
    )
    assert "LOADED []" in out.stdout, out.stdout[-2000:]


@pytest.mark.parametrize(
    "args", [["score", "--no-report"], ["validate"], ["publish"]], ids=lambda a: a[0]
)
def test_a_command_writing_no_workbook_does_not_import_the_excel_writers(
    tmp_path: Path, args: list[str]
) -> None:
    """The Excel writers cost about 50 ms to import (xlsxwriter) and more with openpyxl: a
    command writing no workbook only needs to know where the report would go, and whether the
    one there was made from these inputs."""
    folder = tmp_path / "carers"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    assert run_main(["score", str(folder)]) == 0
    code = (
        "import sys\n"
        "from tendereval.cli import main\n"
        f"try:\n    main({[*args, str(folder)]!r})\nexcept SystemExit:\n    pass\n"
        "print('WRITERS', [m for m in ('xlsxwriter', 'openpyxl') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "WRITERS []" in out.stdout, out.stdout[-2000:] + out.stderr[-2000:]


def test_every_listed_command_has_help_with_an_example() -> None:
    import click

    names = cli.list_commands(click.Context(cli))
    assert {"init", "validate"} <= set(names)
    for name in names:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output, name
        # Each example on a line of its own, as typed, so it can be copied and run (score's
        # and summaries' were rewrapped into one paragraph, split mid-path).
        lines = result.output.splitlines()
        examples = lines[lines.index("  Example:") + 1 :]
        assert examples[0].startswith(f"    tendereval {name} "), (name, examples[:2])


def test_init_creates_a_tender_folder_that_loads(tmp_path: Path) -> None:
    from tendereval.plan import load_plan

    folder = tmp_path / "my-tender"
    result = CliRunner().invoke(cli, ["init", str(folder), "--preset", "70-30"])
    assert result.exit_code == 0, result.output
    assert (folder / "bids").is_dir() and (folder / "scores").is_dir()
    plan, problems = load_plan(folder)
    assert plan is not None, [str(p) for p in problems]
    assert plan.pillar_weight("price") == 70


def test_init_unknown_preset_is_a_usage_error(tmp_path: Path) -> None:
    code = run_main(["init", str(tmp_path / "t"), "--preset", "50-50"])
    assert code == 2


def test_init_refuses_to_overwrite_a_plan(tmp_path: Path, capsys) -> None:
    assert run_main(["init", str(tmp_path)]) == 0
    assert run_main(["init", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_unknown_option_is_exit_2(capsys) -> None:
    assert run_main(["init", "--no-such-option"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_internal_error_is_exit_3_with_a_log_and_no_traceback(monkeypatch, capsys) -> None:
    import tendereval.scaffold

    def explode(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(tendereval.scaffold, "create_tender_folder", explode)
    assert run_main(["init", "anywhere"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    log = Path(err.split("The details are in ")[1].split("\n")[0])
    assert "simulated bug" in log.read_text(encoding="utf-8")
    log.unlink()


def test_validate_missing_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert run_main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "no tender folder" in capsys.readouterr().err


def test_validate_reports_a_broken_plan_with_its_key(tmp_path: Path, capsys) -> None:
    assert run_main(["init", str(tmp_path)]) == 0
    plan = tmp_path / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("weight_of_total = 20", "weight_of_total = 25"),
        encoding="utf-8",
    )
    assert run_main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "tender.toml" in err
    assert "criteria: error: the award criteria weights do not add up to 100 (found 105)" in err


def test_an_output_that_cannot_be_written_is_said_in_words(tmp_path: Path, capsys) -> None:
    """A report open in Excel or a read-only folder used to crash every command but two. A
    path under a file stands for any folder that cannot be written to."""
    folder = tmp_path / "tender"
    assert run_main(["init", str(folder)]) == 0
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    for argv in (
        ["validate", str(folder), "--json", str(blocked / "out.json")],
        ["init", str(blocked / "tender")],
    ):
        capsys.readouterr()
        assert run_main(argv) == 1, argv
        err = capsys.readouterr().err
        assert f"Could not write {blocked}" in err, argv
        assert "Traceback" not in err and "internal error" not in err


def test_a_seed_beyond_32_bits_is_a_usage_error(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "tender"
    assert run_main(["init", str(folder)]) == 0
    assert run_main(["score", str(folder), "--seed", "99999999999999999999999"]) == 2
    assert "--seed" in capsys.readouterr().err


def test_an_output_never_replaces_an_input(tmp_path: Path, capsys) -> None:
    """`score DIR --json DIR/tender.toml` used to replace the plan with JSON (exit 0)."""
    folder = tmp_path / "tender"
    assert run_main(["init", str(folder)]) == 0
    plan = folder / "tender.toml"
    before = plan.read_bytes()
    for argv, said in (
        (["score", str(folder), "--json", str(plan)], "never overwrites its inputs"),
        (
            ["validate", str(folder), "--json", str(folder / "scores" / "problems.json")],
            # A new file there would be read as an input next time: the message says so.
            "is in scores/, a folder of the tender's inputs, and tendereval never writes "
            "there (what it wrote would be read as an input next time): choose a place "
            "outside scores/",
        ),
        (
            ["summaries", str(folder), "-o", str(folder / "bids")],
            "is a folder of the tender's inputs",
        ),
        (
            ["allocate", str(folder), "--json", str(folder / ".." / "tender" / "tender.toml")],
            "never overwrites its inputs",
        ),
    ):
        capsys.readouterr()
        assert run_main(argv) == 2, argv
        assert said in " ".join(capsys.readouterr().err.split()), argv
    assert plan.read_bytes() == before
    assert not (folder / "scores" / "problems.json").exists()


@pytest.mark.parametrize("limit", ["nan", "inf"])
def test_a_time_limit_that_is_not_a_number_of_seconds_is_a_usage_error(tmp_path, capsys, limit):
    assert run_main(["allocate", str(tmp_path / "offers.csv"), "--time-limit", limit]) == 2
    assert "--time-limit" in capsys.readouterr().err


def test_an_output_never_replaces_the_plans_proxy_table(tmp_path: Path, capsys) -> None:
    """The proxy table was not on the list: `--json DIR/<proxy table>` replaced it, or, where
    the plan uses the shipped table, left a JSON file there for the next run to read."""
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    table = folder / "social-value-proxies-2026.csv"  # the name the plan gives
    assert run_main(["score", str(folder), "--json", str(table)]) == 2
    assert "never overwrites its inputs" in capsys.readouterr().err
    assert not table.exists()  # the shipped table is still the one read
    table.write_text("measure,proxy_value\n", "utf-8")
    assert run_main(["score", str(folder), "--json", str(table)]) == 2
    assert table.read_text("utf-8") == "measure,proxy_value\n"


def test_a_template_never_replaces_a_bid_or_a_filled_in_score_sheet(tmp_path: Path, capsys) -> None:
    """`template bid-return -o TENDER/bids/<a bid>.xlsx` replaced a supplier's bid with a blank
    template (exit 0), and `template moderation -o TENDER/scores/moderation.xlsx` the panel's
    consensus scores. A new file there is still written: that is how the docs set it up."""
    import hashlib
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    bid = next((folder / "bids").glob("*.xlsx"))
    moderation = folder / "scores" / "moderation.xlsx"
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bid, moderation)}
    for kind, target in (("bid-return", bid), ("moderation", moderation)):
        capsys.readouterr()
        assert run_main(["template", kind, "--tender", str(folder), "-o", str(target)]) == 2
        assert "never overwrites its inputs" in capsys.readouterr().err
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before
    fresh = folder / "scores" / "moderation-round-2.xlsx"
    assert run_main(["template", "moderation", "--tender", str(folder), "-o", str(fresh)]) == 0
    assert fresh.is_file()


def test_a_new_tender_validates_before_any_bid_arrives_but_is_not_scored(
    tmp_path: Path, capsys
) -> None:
    """Checking the plan before bids arrive failed: `init` then `validate` said "error: no
    bids were found" (exit 1) and "nobody bid for lot L1", so an officer could not tell
    whether the plan itself was fine."""
    folder = tmp_path / "tender"
    assert run_main(["init", str(folder), "--preset", "60-40"]) == 0
    capsys.readouterr()
    assert run_main(["validate", str(folder)]) == 0
    out = "".join(capsys.readouterr())
    assert "warning: no bids were found (yet)" in out
    assert "nobody bid for lot" not in out and "error" not in out.replace("no errors", "")
    assert run_main(["score", str(folder)]) == 1
    assert "No bids were found, so nothing was scored" in capsys.readouterr().err
    assert not (folder / "reports").exists()
    assert run_main(["summaries", str(folder)]) == 1
    assert "no summaries were written" in capsys.readouterr().err


def test_summaries_are_held_back_while_the_lot_cap_binds(tmp_path: Path, capsys) -> None:
    """Found by a legal review: with a cap of 2 lots, Oasthouse's summary said it was the most
    advantageous tender in three lots, and the report recommended it for all three. The plan's
    rule (descending value) now decides the award; with the mechanism in words only, the lots
    it affects are undecided and the summaries are held back."""
    import json
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "homecare-districts", folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8").replace(
        "max_lots_per_supplier = 4", "max_lots_per_supplier = 2"
    )
    plan.write_text(text, "utf-8")
    assert run_main(["summaries", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert run_main(["score", str(folder), "--json", str(tmp_path / "r.json"), "--no-report"]) == 0
    data = json.loads((tmp_path / "r.json").read_text())
    flags = [f for f in data["flags"] if f["code"] == "lot_cap.binds"]
    assert flags and all("the plan caps a supplier at 2" in f["message"] for f in flags)
    won: dict[str, int] = {}
    for lot in data["award"]["lots"]:
        won[lot["supplier"]] = won.get(lot["supplier"], 0) + 1
    assert max(won.values()) == 2 and data["award"]["lot_cap"]["binds"]

    plan.write_text(text.replace('cap_rule = "descending_value"', ""), "utf-8")
    capsys.readouterr()
    assert run_main(["summaries", str(folder), "-o", str(tmp_path / "out2")]) == 1
    out = capsys.readouterr().out
    assert "nor the assessment summaries sent, until these are settled:" in out
    assert "in words only" in out


# "Łódź ≥ " as a console of each encoding is shown it: what it has no code for escaped.
_ESCAPED = {
    "latin-1": "\\u0141ód\\u017a \\u2265 ",
    "cp1252": "\\u0141ód\\u017a \\u2265 ",
    "ascii": "\\u0141\\xf3d\\u017a \\u2265 ",
}


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_a_terminal_that_cannot_show_a_character_gets_it_escaped_not_a_crash(
    tmp_path: Path, encoding: str
) -> None:
    """Output sent to a file on Windows is written in the locale's code page, and a terminal
    may be set to Latin-1: a dash in the tender's title (or a supplier called Łódź Care) it
    cannot encode stopped `score` with exit 3 after the scoring was done. Such a character is
    now written as its escape (\\u2014), and the run goes on. Under PYTHONIOENCODING=ascii
    click wrote its lines as UTF-8 (it rewraps a stream it finds set to ASCII), so "£" was two
    bytes no ASCII reader takes: they are escaped as everywhere else ("\\xa3")."""
    folder = tmp_path / "carers"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('title = "', 'title = "Łódź ≥ ', 1), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    out = subprocess.run(
        [sys.executable, "-m", "tendereval", "score", str(folder), "--no-report"],
        capture_output=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr.decode(encoding, "replace")
    shown = out.stdout.decode(encoding)
    assert _ESCAPED[encoding] in shown
    assert "Proposed award" in shown
    if encoding == "ascii":  # Weald Carers Trust's evaluated price, its pound sign escaped
        assert "\\xa33,231,866.75" in shown


def test_print_and_click_escape_alike_for_an_ascii_console() -> None:
    """A line is escaped for an ASCII console whichever writer writes it: click's lines were
    UTF-8 (two bytes for "£") where print's were escaped ("\\xa3")."""
    script = (
        "import click\n"
        "from tendereval.cli import _escape_what_the_terminal_cannot_show\n"
        "from tendereval.stdstreams import guarded\n"
        "_escape_what_the_terminal_cannot_show()\n"
        "with guarded():\n"
        "    print('\u00a31 by print')\n"
        "    click.echo('\u00a31 by click')\n"
        "    click.echo('\u00a31 by click', err=True)\n"
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.replace(b"\r\n", b"\n") == b"\\xa31 by print\n\\xa31 by click\n"
    assert out.stderr.replace(b"\r\n", b"\n") == b"\\xa31 by click\n"


def _run_times_left_out(data: bytes) -> bytes:
    return re.sub(rb'"(scored_at|run_seconds)": [^,\n]*', rb'"\1": ""', data)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("option", ["--json", "--csv"])
def test_data_sent_to_the_standard_output_is_the_files_utf_8_whatever_the_console(
    tmp_path: Path, encoding: str, option: str
) -> None:
    """`--json -` and `--csv -` wrote through the console's encoding: on Windows, where a
    redirected output is cp1252, "Łódź" came out as "\\u0141\\xf3d\\u017a" (not JSON, and not
    the buyer's name in the CSV) and the em dash as a cp1252 byte (not UTF-8). They are now
    the bytes the file gets; the command's own lines (on stderr) are still escaped."""
    folder = tmp_path / "carers"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('title = "', 'title = "Łódź ≥ ', 1), encoding="utf-8")
    bid = folder / "bids" / "brightwater-care-services-ltd.xlsx"
    bid.rename(bid.with_name("brightwater-care-services-ltd-Ŵyr.xlsx"))
    command = [sys.executable, "-m", "tendereval", "score", str(folder), "--no-report"]
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    to_file = tmp_path / "results.out"
    run = subprocess.run([*command, option, str(to_file)], capture_output=True, env=env)
    assert run.returncode == 0, run.stderr.decode(encoding, "replace")
    out = subprocess.run([*command, option, "-"], capture_output=True, env=env)
    assert out.returncode == 0, out.stderr.decode(encoding, "replace")
    assert _run_times_left_out(out.stdout) == _run_times_left_out(to_file.read_bytes())
    shown = out.stdout.decode("utf-8")
    assert "Ŵyr.xlsx" in shown and ("Łódź ≥ " in shown or option == "--csv")
    assert _ESCAPED[encoding] in out.stderr.decode(encoding)  # the ranked table


def test_no_path_option_takes_the_next_option_as_its_file_name(tmp_path: Path) -> None:
    """`score DIR --json --no-report` wrote the JSON to a file called "--no-report" and the
    report all the same (found by helper O). Every option naming a file or folder, of every
    command, now refuses a word that reads as an option, as a usage error."""
    import click

    from tendereval.commands.options import PathValue

    path_options = [
        (name, param.opts[0])
        for name in cli.list_commands(click.Context(cli))
        for param in cli.get_command(click.Context(cli), name).params
        if isinstance(param, click.Option) and isinstance(param.type, click.Path)
    ]
    assert len(path_options) >= 10
    for name, option in path_options:
        param = next(
            p for p in cli.get_command(click.Context(cli), name).params if option in p.opts
        )
        assert isinstance(param.type, PathValue), (name, option)
    folder = Path(__file__).parents[1] / "examples" / "carers-short-breaks"
    result = CliRunner().invoke(cli, ["score", str(folder), "--json", "--no-report"])
    assert result.exit_code == 2
    assert "--json needs a file or folder name" in result.output
    assert not Path("--no-report").exists()


def test_the_program_ends_with_its_exit_code_and_all_its_output(tmp_path: Path) -> None:
    """`tendereval` and `python -m tendereval` run `cli.run`, which leaves the objects it
    loaded out of the last search for reference cycles (50 ms of a 0.6 s score): the exit
    code and every line written must still come out, for each way a run ends."""
    import tomllib

    scripts = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert scripts["project"]["scripts"]["tendereval"] == "tendereval.cli:run"
    folder = tmp_path / "carers"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    command = [sys.executable, "-m", "tendereval"]
    ok = subprocess.run([*command, "score", str(folder)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    report = folder / "reports" / "csb-2026-01-evaluation.xlsx"
    # The verdict is said last, after the files written (and the problems, here none).
    *_, written, blank, verdict = ok.stdout.rstrip().splitlines()
    assert written == f"Wrote the Excel evaluation report to {report}" and blank == ""
    assert verdict == (
        "The lot is proposed for award to Weald Carers Trust; the assessment summaries may be sent."
    )
    assert report.stat().st_size > 0
    usage = subprocess.run([*command, "score", str(tmp_path / "none")], capture_output=True)
    assert usage.returncode == 2 and usage.stderr
    (folder / "bids" / "broken.xlsx").write_bytes(b"not a workbook")
    problems = subprocess.run([*command, "score", str(folder), "--no-report"], capture_output=True)
    assert problems.returncode == 1 and b"broken.xlsx" in problems.stdout


def test_main_called_from_a_program_leaves_its_cycle_collection_alone(tmp_path: Path) -> None:
    import gc

    frozen = gc.get_freeze_count()
    assert run_main(["init", str(tmp_path / "t"), "--preset", "60-40"]) == 0
    assert gc.get_freeze_count() == frozen


def test_the_crash_log_is_written_for_a_command_naming_a_file_not_in_utf8() -> None:
    """A path given that is not UTF-8 (a Windows "£" unzipped on Linux) stopped the crash log
    itself, and the traceback it exists to keep off the screen was printed."""
    from tendereval.crashlog import write_crash_log

    log = write_crash_log(ValueError("a bug"), ["score", os.fsdecode(b"tender-\xa3")])
    text = log.read_text(encoding="utf-8")
    log.unlink()
    assert "command: tendereval score tender-\\udca3" in text
    assert "ValueError: a bug" in text


def test_a_proxy_table_listing_no_measure_holds_the_award(tmp_path: Path, capsys) -> None:
    """The example's table cut to its header: every commitment was scored 0 with a warning on
    each bid, Meridian moved from 3rd to 2nd, and validate, score and summaries exited 0. The
    table is in error, so the award waits for it, as for any error in the table."""
    import tendereval

    folder = tmp_path / "carers"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    table = "measure,theme,description,unit,proxy_value,version\n"
    (folder / "social-value-proxies-2026.csv").write_text(table, encoding="utf-8")
    assert run_main(["validate", str(folder)]) == 1
    assert "the proxy value table lists no measure" in "".join(capsys.readouterr())
    assert run_main(["summaries", str(folder), "-o", str(tmp_path / "out")]) == 1
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.held_back is not None
    assert result.award.winner("CSB") is None


def test_summaries_count_the_warnings_they_do_not_list(tmp_path: Path, capsys) -> None:
    """Red team, session 33: summaries lists only the errors, under a heading that said
    "(1 error, no warnings)" while score said "(1 error, 1 warning)" of the same inputs."""
    folder = tmp_path / "tender"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "carers-short-breaks", folder)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "Nobody Care Ltd"\nwithdrawn_on = 2026-03-04\n\n'
        "[standstill]\nsummaries_sent_on = 2026-03-10\nstarts_on = 2026-03-11\n"
        'ends_on = 2026-03-30\ncolour = "blue"\n',
        encoding="utf-8",
    )
    assert run_main(["score", str(folder), "--no-report"]) == 1
    assert "Problems in the inputs (1 error, 1 warning):" in capsys.readouterr().out
    assert run_main(["summaries", str(folder), "-o", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert (
        "Problems (1 error, 1 warning not listed here (`tendereval score` lists every "
        "problem)):" in out
    )
    assert "standstill.colour" not in out  # (listed by score and validate, as before)
