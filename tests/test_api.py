"""The Python API: every command is a function of the same name exported from ``tendereval``,
returning a result object and raising a few typed errors (docs/python.md)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
HOMECARE = ROOT / "examples" / "homecare-districts"
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
SCENARIOS = ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml"


def test_every_command_has_a_library_function_of_the_same_name() -> None:
    for name in COMMANDS:
        assert callable(getattr(tendereval, name)), name
    assert set(COMMANDS) <= set(tendereval.__all__)


def test_dir_lists_the_public_names() -> None:
    """They are imported on first use: dir(tendereval), and so a notebook's tab completion,
    listed the submodules and none of the functions."""
    assert set(tendereval.__all__) <= set(dir(tendereval))


def test_commands_are_thin() -> None:
    """Each command's body (after its docstring) is at most 30 lines: options in, one library
    call, printing out. Domain logic lives in the library, where the notebook user has it."""
    for path in sorted((ROOT / "src" / "tendereval" / "commands").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        commands = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "command"]
        if path.stem in ("__init__", "options", "outputs"):  # helpers shared by commands
            continue
        (command,) = commands
        body = command.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        lines = body[-1].end_lineno - body[0].lineno + 1
        assert lines <= 30, f"{path.name}: the command body is {lines} lines"


def test_validate(tmp_path: Path) -> None:
    report = tendereval.validate(CARERS)
    assert report.plan.tender_id == "CSB-2026-01" and not report.errors
    assert report.bid_files == 6
    with pytest.raises(tendereval.TenderNotFound):
        tendereval.validate(tmp_path / "nowhere")


def test_score_carries_the_award_decision(tmp_path: Path) -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    assert isinstance(result, tendereval.ScoreResult)
    assert result.award.winner("CSB") == "Weald Carers Trust"
    assert result.award.summaries_ready and result.folder == CARERS


def test_score_raises_typed_errors(tmp_path: Path) -> None:
    empty = tendereval.init(tmp_path / "new", "60-40")
    with pytest.raises(tendereval.NoBids) as caught:
        tendereval.score(empty.parent)
    assert caught.value.problems and str(caught.value).startswith("no bids were found")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "tender.toml").write_text("[tender\n", encoding="utf-8")
    with pytest.raises(tendereval.PlanError) as plan_error:
        tendereval.score(broken)
    assert plan_error.value.problems[0].code == "plan.syntax"


def test_summaries(tmp_path: Path) -> None:
    # (A copy: summaries notes in the tender's reports/ where it wrote them.)
    carers = shutil.copytree(CARERS, tmp_path / "carers", ignore=shutil.ignore_patterns("reports"))
    done = tendereval.summaries(carers, tmp_path / "out")
    assert len(done.paths) == 5 and all(p.parent == tmp_path / "out" for p in done.paths)
    assert done.ready and done.award.winner("CSB") == "Weald Carers Trust"
    assert done.redacted == 1  # the moderation reason that names an evaluator


def test_summaries_from_a_scored_result_without_a_folder_need_somewhere_to_go() -> None:
    result = tendereval.score(tendereval.load_tender(CARERS), sensitivity=False)
    result.folder = None
    with pytest.raises(tendereval.UsageError):
        tendereval.summaries(result)


def test_allocate_offers_file_and_frame() -> None:
    done = tendereval.allocate(OFFERS, max_lots_per_supplier=4, min_sme_share=0.3)
    assert done.allocation.solved and done.award is None and done.ok
    assert done.policy.max_lots_per_supplier == 4
    frame = pl.read_csv(OFFERS).head(3)
    assert tendereval.allocate(frame).allocation.solved
    with pytest.raises(tendereval.UsageError):
        tendereval.allocate(OFFERS, max_lot_per_supplier=4)  # a typing slip
    with pytest.raises(tendereval.InputError):
        tendereval.allocate(frame.with_columns(pl.lit("lots?").alias("price")))


def test_allocate_a_tender_shows_the_published_award_beside() -> None:
    done = tendereval.allocate(HOMECARE)
    assert done.award is not None and done.policy.max_lots_per_supplier == 4
    assert done.policy.tie_break == "plan" and done.policy.plan_tie_break == ("quality", "price")
    assert done.comparison.get_column("same").all()
    assert done.differences["score"] == 0 and done.ok


def test_scenarios(tmp_path: Path) -> None:
    done = tendereval.scenarios(SCENARIOS, samples=0, steps=1)
    assert done.result.best is not None and not any(p.is_error for p in done.warnings)
    bad = tmp_path / "scenarios.toml"
    bad.write_text("title = 3\n", encoding="utf-8")
    with pytest.raises(tendereval.InputError):
        tendereval.scenarios(bad)


def test_template(tmp_path: Path) -> None:
    made = tendereval.template("bid-return", CARERS, tmp_path / "bid.xlsx")
    assert made.path.is_file() and made.kind == "bid-return"
    sheet = tendereval.template("score-sheet", CARERS, tmp_path / "s.xlsx", evaluator="A. Patel")
    assert sheet.bidders_listed
    with pytest.raises(tendereval.UsageError):
        tendereval.template("score-sheet", CARERS, tmp_path / "x.xlsx", group="nobody")
    with pytest.raises(tendereval.UsageError):
        tendereval.template("brochure", CARERS, tmp_path / "x.xlsx")
    with pytest.raises(tendereval.TenderNotFound):
        tendereval.template("matrix", tmp_path / "nowhere", tmp_path / "x.xlsx")


def test_init(tmp_path: Path) -> None:
    plan = tendereval.init(tmp_path / "t", "70-30")
    assert plan.is_file() and (tmp_path / "t" / "bids").is_dir()
    with pytest.raises(tendereval.UsageError):
        tendereval.init(tmp_path / "t")
    with pytest.raises(tendereval.UsageError):
        tendereval.init(tmp_path / "u", "50-50")


def test_decide_with_decisions_given_by_the_caller(tmp_path: Path) -> None:
    from tendereval.award import Decisions, RecordedAward

    folder = tmp_path / "tender"
    shutil.copytree(CARERS, folder)
    result = tendereval.score(folder, sensitivity=False)
    record = RecordedAward("CSB", "Brightwater Care Services Ltd", "a slip", where="decision[0]")
    decision = tendereval.decide(result, Decisions((record,), source="decisions.toml"))
    # The plan's rules decide the lot: a record naming someone else is an error, not an award.
    assert decision.winner("CSB") == "Weald Carers Trust"
    assert [p.code for p in decision.problems] == ["decisions.does_not_fit"]
    assert not decision.summaries_ready


def test_library_calls_check_what_the_command_line_checks(tmp_path: Path) -> None:
    """Found writing docs/python.md: steps=0 divided by zero, and a scored result handed to
    allocate failed with a TypeError; both are usage errors in words."""
    with pytest.raises(tendereval.UsageError, match="steps must be a whole number from 1"):
        tendereval.scenarios(SCENARIOS, steps=0)
    result = tendereval.score(CARERS, sensitivity=False)
    with pytest.raises(tendereval.UsageError, match="needs the tender folder"):
        tendereval.allocate(result)
