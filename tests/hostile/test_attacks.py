"""Inputs tried as an attacker would (issue 15): each ends in exit 0 or 1 (never 3), with the
file named, no traceback, in under 60 s and 1 GB, and the other bids scored.

Most cases run the real command (``tendereval score``) in a child process, which reports its
own peak resident memory as it exits (Linux's VmHWM); each prints its time and peak
(``pytest -s`` or ``-rA`` shows them). Faults that cannot be made for real here (a file
the process may not read: the tests run as root) are made by failing the read itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from tendereval.atomic import write_bytes
from tendereval.cli import main
from tendereval.io.tender import load_tender
from tendereval.scoring.combine import score
from tendereval.terminal import printable
from tests.cpu_time import cpu_seconds
from tests.io.builders import bid_workbook, good_tender, score_rows, score_workbook

from . import corpus

MAX_SECONDS = 60
MAX_PEAK_MB = 1024
GOOD = ("Acme Care Ltd", "Bright Futures CIC")
HOSTILE_NAME = "Hostile Ltd"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    results: dict | None  # the --json output, when written

    @property
    def text(self) -> str:
        return self.out + self.err


# Run in the child: its own peak resident memory (VmHWM, of the memory it has since it
# started, not of the test process it was started from) is written to a file as it exits.
_MEASURED = """
import atexit, resource, sys
def report(path=sys.argv[1]):
    try:
        with open("/proc/self/status") as status:
            kb = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    except OSError:  # no /proc (macOS): the process's peak, in bytes there
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    with open(path, "w") as out:
        out.write(str(kb))
atexit.register(report)
sys.argv = ["tendereval", *sys.argv[2:]]
from tendereval.cli import main
main()
"""


def run_score(name: str, folder: Path, *extra: str, sensitivity: bool = False) -> Run:
    """``tendereval score`` on ``folder`` in a child process: its exit code, output, time and
    peak resident memory, checked against the limits."""
    json_path = folder.parent / f"{folder.name}-results.json"
    peak_path = folder.parent / "peak-kb.txt"
    args = ["score", str(folder), "--no-report", "--json", str(json_path), *extra]
    args += ["--samples", "200"] if sensitivity else ["--no-sensitivity"]
    started = cpu_seconds()
    child = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak_path), *args],
        capture_output=True,
        cwd=folder.parent,
        timeout=MAX_SECONDS + 30,
    )
    seconds = cpu_seconds() - started
    peak = int(peak_path.read_text()) / 1024
    print(f"\n[hostile] {name}: {seconds:.2f} s processor, peak RSS {peak:.0f} MB (child process)")
    run = Run(
        child.returncode,
        child.stdout.decode("utf-8", "replace"),
        child.stderr.decode("utf-8", "replace"),
        seconds,
        peak,
        json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else None,
    )
    assert run.code in (0, 1), run.text[-3000:]
    assert "Traceback" not in run.text
    assert seconds < MAX_SECONDS, f"{name} took {seconds:.1f} s"
    assert peak < MAX_PEAK_MB, f"{name} peaked at {peak:.0f} MB"
    return run


def ranked(run: Run) -> dict[str, set[str]]:
    """Supplier → the lots it is ranked in."""
    assert run.results is not None, run.text[-3000:]
    found: dict[str, set[str]] = {}
    for lot in run.results["lots"]:
        for bid in lot["ranking"]:
            if bid["status"] == "ranked":
                found.setdefault(bid["supplier"], set()).add(lot["lot"])
    return found


def problems_of(run: Run, label: str) -> list[dict]:
    assert run.results is not None, run.text[-3000:]
    return [p for p in run.results["problems"] if p["file"] == label]


def good_bids_scored(run: Run) -> None:
    lots = ranked(run)
    for supplier in GOOD:
        assert lots.get(supplier) == {"L1", "L2"}, (supplier, lots)


@pytest.fixture(scope="module")
def good_bid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bid_workbook(tmp_path_factory.mktemp("good") / "good.xlsx", HOSTILE_NAME)


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    """Two good bids and one evaluator scoring them and the hostile supplier."""
    folder = good_tender(tmp_path / "tender")
    score_workbook(folder / "scores" / "ann.xlsx", score_rows((*GOOD, HOSTILE_NAME)))
    return folder


# ---- One hostile bid file among good ones ------------------------------------------------


@dataclass(frozen=True)
class Case:
    build: object  # (bids folder, good bid) -> path
    code: str
    message: str  # the start of the problem's message


CASES = {
    # 2. Refused for its size before a byte is read, hashed or held.
    "oversized_3gb": Case(
        lambda f, g: corpus.oversized(f, g, 3),
        "file.too_large",
        "the workbook would expand to an absurd size",
    ),
    "oversized_40gb": Case(
        lambda f, g: corpus.oversized(f, g, 40),
        "file.too_large",
        "the workbook would expand to an absurd size",
    ),
    # 3. Small files, large memory: each counted as it is parsed.
    "many_cell_formats": Case(
        corpus.many_cell_formats, "file.unreadable", "the workbook could not be read"
    ),
    "many_shared_strings": Case(
        corpus.many_shared_strings, "sheet.unreadable", "the sheet 'Organisation' is damaged"
    ),
    "many_empty_rows": Case(
        corpus.many_empty_rows, "sheet.unreadable", "the sheet 'Prices' is damaged"
    ),
    "wide_row": Case(corpus.wide_row, "sheet.unreadable", "the sheet 'Prices' is damaged"),
    # 4. 100,000 hidden sheets: refused when listed, never looked into one by one.
    "many_hidden_sheets": Case(
        corpus.many_hidden_sheets, "file.unreadable", "the workbook could not be read"
    ),
    # 7. Two copies of the Prices sheet under one name.
    "repeated_part": Case(
        corpus.repeated_part,
        "file.repeated_part",
        "the workbook holds two different parts with the same name",
    ),
    # 10. A directory of a million parts behind an end record counting a dozen.
    "lying_part_count": Case(
        corpus.lying_part_count, "file.too_large", "the workbook would expand to an absurd size"
    ),
    # 6. "£27.50" shown, 0.0275 stored.
    "displayed_otherwise": Case(
        corpus.displayed_otherwise,
        "cell.shown_otherwise",
        "unit rate: the cell shows '£27.50' but holds 0.0275",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_bid_is_named_and_the_others_scored(name, tender, good_bid):
    case = CASES[name]
    path = case.build(tender / "bids", good_bid)
    label = f"bids/{path.name}"

    run = run_score(name, tender)

    assert run.code == 1
    found = [p for p in problems_of(run, label) if p["code"] == case.code]
    assert found, problems_of(run, label) or run.text[-2000:]
    assert found[0]["message"].startswith(case.message), found[0]["message"]
    assert label in run.out  # named on the terminal too
    good_bids_scored(run)
    assert HOSTILE_NAME not in ranked(run)


def test_shown_otherwise_quotes_what_is_shown_and_what_is_stored(tender, good_bid):
    corpus.displayed_otherwise(tender / "bids", good_bid)
    tender_ = load_tender(tender)
    shown = [p for p in tender_.problems if p.code == "cell.shown_otherwise"]
    assert [(p.sheet, p.cell) for p in shown] == [("Prices", f"G{r}") for r in range(5, 9)]
    assert shown[0].found == "shows '£27.50', holds 0.0275 (number format \"£27.50\")"
    assert shown[0].supplier == HOSTILE_NAME  # so the bid is invalid, not the winner on price


def test_sixteen_bids_with_large_style_parts_keep_nothing_per_bid(tmp_path):
    """3. Memory does not grow with the number of bids read (no cache keyed on their bytes)."""
    folder = good_tender(tmp_path / "tender")
    for index in range(16):
        good = bid_workbook(tmp_path / f"good{index}.xlsx", f"Styled {index:02d} Ltd")
        corpus.many_cell_formats(folder / "bids", good, 60_000, f"styled-{index:02d}")

    run = run_score("styled_bids", folder)

    good_bids_scored(run)
    sources = {b["source"] for lot in run.results["lots"] for b in lot["ranking"]}
    assert {f"bids/styled-{i:02d}.xlsx" for i in range(16)} <= sources


def test_what_is_remembered_across_bids_is_bounded_and_never_their_bytes(tmp_path, good_bid):
    """3. Styles and sheet listings shared by bids made from one template are remembered by a
    16-byte digest, in at most 32 entries, whatever the number of bids read."""
    from tendereval.io import xlsx
    from tendereval.io.workbook import open_book

    for index in range(40):
        path = corpus.many_cell_formats(tmp_path, good_bid, 2_000, f"own-styles-{index}")
        book, problems = open_book(path, path.name)
        assert book is not None, problems
        book.close()
    for cache in (xlsx._STYLES, xlsx._LISTINGS):
        assert 0 < len(cache) <= 32
        assert all(isinstance(key, bytes) and len(key) == 16 for key in cache)
    assert max(len(styles) for styles in xlsx._STYLES.values()) <= xlsx.MAX_CELL_FORMATS


# ---- 8. Terminal safety ------------------------------------------------------------------


def test_control_sequences_in_a_name_are_shown_escaped(tender, good_bid):
    corpus.control_characters(tender / "bids", good_bid)

    run = run_score("control_characters", tender)

    assert "\x1b" not in run.text and "\x07" not in run.text
    assert printable(HOSTILE_NAME + corpus.TERMINAL_ATTACK) in run.out  # in the ranked table
    good_bids_scored(run)
    # The name itself is kept exactly: it is data (JSON keeps the exact text).
    names = {bid["supplier"] for lot in run.results["lots"] for bid in lot["ranking"]}
    assert HOSTILE_NAME + corpus.TERMINAL_ATTACK in names


def test_a_newline_in_a_file_name_cannot_forge_a_line(tender, good_bid):
    path = corpus.newline_in_file_name(tender / "bids", good_bid)

    run = run_score("newline_in_file_name", tender)

    assert run.code == 1
    assert corpus.FORGED_LINE not in run.text.splitlines()
    assert printable(f"bids/{path.name}") in run.text
    good_bids_scored(run)


def _named_in_bytes(folder: Path, name: bytes) -> Path:
    """``folder``/``name``, a name that is not UTF-8 (skipped where the disk refuses one: a
    Mac's)."""
    path = folder / os.fsdecode(name)
    try:
        path.touch()
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    path.unlink()
    return path


def test_a_file_name_that_is_not_utf8_is_read_and_named_escaped(tender, good_bid):
    """A Windows portal's "£" is byte 0xA3 in a name unzipped on Linux: it stopped every
    command with an internal error (exit 3) once the name went into a frame. The bid is read
    and scored, and its name is text everywhere, the byte shown as \\xa3."""
    bid = _named_in_bytes(tender / "bids", b"hostile-\xa3.xlsx")
    bid.write_bytes(good_bid.read_bytes())
    (tender / "scores" / "ann.xlsx").rename(_named_in_bytes(tender / "scores", b"ann-\xe9.xlsx"))

    run = run_score("name_not_utf8", tender)

    good_bids_scored(run)
    assert ranked(run)[HOSTILE_NAME] == {"L1", "L2"}
    sources = {b["source"] for lot in run.results["lots"] for b in lot["ranking"]}
    assert "bids/hostile-\\xa3.xlsx" in sources
    inputs = {i["path"] for i in run.results["inputs"]}
    assert {"bids/hostile-\\xa3.xlsx", "scores/ann-\\xe9.xlsx"} <= inputs


@pytest.mark.parametrize("command", ["validate", "score", "summaries", "allocate"])
def test_every_command_reads_a_file_name_that_is_not_utf8(tender, good_bid, command, capsys):
    """The report, the summaries and the allocation are written with the name as text."""
    _named_in_bytes(tender / "bids", b"hostile-\xa3.xlsx").write_bytes(good_bid.read_bytes())
    extra = ["--no-sensitivity"] if command == "score" else []
    with pytest.raises(SystemExit) as stopped:
        main([command, str(tender), *extra])
    out = "".join(capsys.readouterr())
    assert stopped.value.code in (0, 1), out[-3000:]
    assert "internal error" not in out


def test_a_byte_of_a_file_name_that_is_not_utf8_is_shown_as_its_escape():
    from tendereval.terminal import name_text

    name = os.fsdecode(b"weald-\xa3.xlsx")  # what the disk gives Python: U+DCA3 for 0xA3
    assert name_text(name) == printable(name) == "weald-\\xa3.xlsx"
    assert name_text(name).encode("utf-8")  # text any file can hold
    assert name_text("Café £.xlsx") == "Café £.xlsx"  # names in UTF-8 stay as they are


def test_problem_text_is_printable():
    from tendereval.console import format_problems
    from tendereval.errors import Problem

    problem = Problem("bad \x1b[2J name\u202e", file="bids/a\nb.xlsx", found="x\ty")
    assert "\x1b" not in str(problem) and "\n" not in str(problem)
    assert str(problem) == "bids/a\\nb.xlsx: error: bad \\x1b[2J name\\u202e (found x\\ty)"
    assert all("\x1b" not in line and "\u202e" not in line for line in format_problems([problem]))


# ---- 9. Everything in bids/ and scores/ accounted for -------------------------------------


POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")


@POSIX_ONLY
def test_pipes_broken_links_and_devices_are_named_never_opened(tender, good_bid):
    special = corpus.special_entries(tender / "bids", good_bid)
    os.mkfifo(tender / "scores" / "pipe.xlsx")

    run = run_score("special_entries", tender)

    assert run.code == 1
    for path in special:
        [problem] = problems_of(run, f"bids/{path.name}")
        assert problem["code"] == "file.not_a_file", problem
    assert [p["code"] for p in problems_of(run, "scores/pipe.xlsx")] == ["file.not_a_file"]
    messages = {p["file"]: p["message"] for p in run.results["problems"]}
    assert messages["bids/pipe.xlsx"] == "this is a named pipe, not a file, so it was not read"
    assert messages["bids/gone.xlsx"] == "this is a broken link, not a file, so it was not read"
    assert messages["bids/zero.xlsx"] == "this is a device, not a file, so it was not read"
    # It said "could not be read: Too many levels of symbolic links (found OSError: …)".
    assert messages["bids/loop.xlsx"] == (
        "this is a link that leads back to itself, not a file, so it was not read"
    )
    # Never lost: each is an invalid bid in no lot.
    unplaced = {b["source"] for b in run.results["unplaced_bids"]}
    assert {f"bids/{p.name}" for p in special} <= unplaced
    good_bids_scored(run)


@POSIX_ONLY
def test_a_special_entry_not_named_like_a_bid_is_still_named(tender):
    os.mkfifo(tender / "bids" / "notes")
    problems = [p for p in load_tender(tender).problems if p.file == "bids/notes"]
    assert [(p.code, p.is_error) for p in problems] == [("file.not_a_file", False)]


# ---- 1. One unreadable or vanished bid --------------------------------------------------


def _cli(name: str, argv: list[str], capsys) -> tuple[int, str]:
    started = cpu_seconds()
    tracemalloc.start()
    try:
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    seconds = cpu_seconds() - started
    out = capsys.readouterr()
    with capsys.disabled():
        print(
            f"\n[hostile] {name} (in process): {seconds:.2f} s processor, peak traced {peak:.1f} MB"
        )
    assert "Traceback" not in out.out + out.err
    assert seconds < MAX_SECONDS and peak < MAX_PEAK_MB
    return stopped.value.code, out.out + out.err


def test_a_bid_the_process_may_not_read_is_named(tender, good_bid, monkeypatch, capsys):
    locked = (tender / "bids" / "locked.xlsx").resolve()
    locked.write_bytes(good_bid.read_bytes())
    real_open = os.open

    def refusing(path, *args, **kwargs):
        if Path(path).resolve() == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    code, text = _cli(
        "unreadable_bid", ["score", str(tender), "--no-report", "--no-sensitivity"], capsys
    )
    assert code == 1
    assert "bids/locked.xlsx" in text
    assert "the workbook could not be read: tendereval is not allowed to read it" in text
    assert "(found Permission denied)" in text  # the system's words, not Python's class name
    results = score(load_tender(tender), sensitivity=False).results
    assert set(results.filter(pl.col("status") == "ranked")["supplier"]) == set(GOOD)
    [row] = results.filter(pl.col("source") == "bids/locked.xlsx").rows(named=True)
    assert (row["lot"], row["status"]) == (None, "invalid")


def test_a_bid_deleted_mid_run_is_named(tender, good_bid, monkeypatch, capsys):
    import tendereval.io.tender as loading

    doomed = tender / "bids" / "doomed.xlsx"
    doomed.write_bytes(good_bid.read_bytes())
    real = loading.read_workbooks

    def deleting_first(jobs, **kwargs):
        doomed.unlink(missing_ok=True)  # listed, then gone before it is read
        return real(jobs, **kwargs)

    monkeypatch.setattr(loading, "read_workbooks", deleting_first)
    code, text = _cli(
        "vanished_bid", ["score", str(tender), "--no-report", "--no-sensitivity"], capsys
    )
    assert code == 1
    assert "bids/doomed.xlsx" in text
    assert "it was moved or deleted while tendereval was running" in text
    doomed.write_bytes(good_bid.read_bytes())
    tender_ = load_tender(tender)
    inputs = tender_.inputs.filter(pl.col("path") == "bids/doomed.xlsx")
    assert inputs.height == 1  # listed for the audit trail, with its hash this time


# ---- 5. The SHA-256 recorded is of the bytes scored ---------------------------------------


def test_the_recorded_hash_is_of_the_bytes_scored_when_a_file_is_swapped_mid_run(
    tender, good_bid, monkeypatch
):
    import tendereval.io.safety as safety

    swapped = tender / "bids" / "swapped.xlsx"
    original = good_bid.read_bytes()
    swapped.write_bytes(original)
    other = bid_workbook(tender.parent / "other.xlsx", "Impostor Ltd").read_bytes()
    real = safety.read_input

    def swap_after_reading(path, label, *args):
        read = real(path, label, *args)
        if label == "bids/swapped.xlsx":
            swapped.write_bytes(other)  # replaced the moment after it was read
        return read

    monkeypatch.setattr(safety, "read_input", swap_after_reading)
    tender_ = load_tender(tender)
    [row] = tender_.inputs.filter(pl.col("path") == "bids/swapped.xlsx").rows(named=True)
    assert row["sha256"] == hashlib.sha256(original).hexdigest()
    assert row["bytes"] == len(original)
    assert hashlib.sha256(swapped.read_bytes()).hexdigest() != row["sha256"]  # really swapped
    results = score(tender_, sensitivity=False).results
    assert results.filter(pl.col("source") == "bids/swapped.xlsx")[
        "supplier"
    ].unique().to_list() == [HOSTILE_NAME]
    # Every other input's hash is of its bytes too.
    for path, digest in tender_.inputs.select("path", "sha256").rows():
        if path != "bids/swapped.xlsx" and (tender / path).exists():
            assert hashlib.sha256((tender / path).read_bytes()).hexdigest() == digest


# ---- 11. Buyer-side files bounded -------------------------------------------------------


def test_a_plan_with_a_key_20000_parts_deep_is_refused_before_parsing(tender):
    corpus.deep_plan_key(tender)

    run = run_score("deep_plan_key", tender)

    assert run.code == 1
    assert "tender.toml" in run.text
    assert "the plan nests keys or brackets too deeply to be read" in run.text
    assert "a key of 20,001 parts" in run.text


def test_a_huge_proxy_table_is_refused_unread_and_nothing_invalid_wins(tender):
    corpus.huge_proxy_table(tender)

    run = run_score("huge_proxy_table", tender, sensitivity=True)

    assert run.code == 1
    [problem] = problems_of(run, "social-value-proxies-2026.csv")
    assert problem["code"] == "file.too_large"
    assert problem["found"] == f"{int(1.5 * 2**30):,} bytes"
    # Acme commits nothing, so it is still scored; Bright's commitment cannot be valued.
    assert ranked(run) == {"Acme Care Ltd": {"L1", "L2"}}
    for lot in run.results["lots"]:
        assert {w["supplier"] for w in lot["win_probability"]} <= {"Acme Care Ltd"}


# ---- 13. Look-alike names; no win percentage for an invalid bid --------------------------


def test_look_alike_supplier_names_are_warned_about_naming_both(tender):
    cyrillic = "Acme C" + corpus.CYRILLIC_A + "re Ltd"
    hidden = "Acme" + corpus.ZERO_WIDTH_SPACE + " Care Ltd"
    bid_workbook(tender / "bids" / "acme2.xlsx", cyrillic)
    bid_workbook(tender / "bids" / "acme3.xlsx", hidden)
    started = cpu_seconds()
    problems = [p for p in load_tender(tender).problems if p.code == "bid.lookalike_names"]
    print(f"\n[hostile] lookalike_names: {cpu_seconds() - started:.2f} s processor")
    assert [(p.file, p.is_error) for p in problems] == [
        ("bids/acme2.xlsx", False),
        ("bids/acme3.xlsx", False),
    ]
    assert problems[0].message.startswith(f"'{cyrillic}' and 'Acme Care Ltd' (in bids/acme.xlsx)")
    assert "U+0430 CYRILLIC SMALL LETTER A" in problems[0].found
    assert "U+200B ZERO WIDTH SPACE" in problems[1].found


def test_when_every_bid_is_invalid_none_has_a_win_percentage(tender):
    (tender / "social-value-proxies-2026.csv").write_bytes(b"garbage\x00\x01")
    bid_workbook(
        tender / "bids" / "acme.xlsx",
        "Acme Care Ltd",
        commitments=[{"measure": "SV-APP", "units": 10}],
    )
    result = score(load_tender(tender), samples=200)
    assert set(result.results["status"]) == {"invalid"}
    assert result.win_probability.height == 0
    assert result.tipping_points.height == 0


# ---- 12. A write killed outright --------------------------------------------------------

_KILLED_WRITER = """
import sys, time
from tendereval.atomic import replacing
with replacing(sys.argv[1]) as out:
    out.write(b"half a report")
    out.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


@POSIX_ONLY
def test_a_write_killed_outright_leaves_nothing_after_the_next_write(tmp_path):
    reports = tmp_path / "reports"
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(reports / "report.xlsx")],
        stdout=subprocess.PIPE,
    )
    assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    [left] = list(reports.iterdir())
    assert left.name.startswith(".report.xlsx.") and left.name.endswith(".tmp")

    write_bytes(reports / "summary.json", b"{}")

    assert [p.name for p in reports.iterdir()] == ["summary.json"]


def test_a_write_in_progress_is_never_disturbed(tmp_path):
    from tendereval.atomic import replacing

    with replacing(tmp_path / "a.json") as out:
        out.write(b"1")
        write_bytes(tmp_path / "b.json", b"2")  # this process is alive: its file stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_a_file_refused_unread_is_listed_without_a_hash_and_reports_still_write(
    tender, good_bid, tmp_path
):
    from tendereval.report.excel import write_report
    from tendereval.scoring.output import write_json

    corpus.oversized(tender / "bids", good_bid, 3)
    tender_ = load_tender(tender)
    [row] = tender_.inputs.filter(pl.col("path") == "bids/oversized-3gb.xlsx").rows(named=True)
    assert (row["kind"], row["sha256"], row["bytes"]) == ("bid", None, None)
    result = score(tender_, sensitivity=False)
    write_report(result, tmp_path / "report.xlsx")
    write_json(result, tmp_path / "results.json")
    assert (tmp_path / "report.xlsx").stat().st_size > 0
