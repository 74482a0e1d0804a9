"""Every function the library exports, and every documented writer, given an argument of the
wrong kind (a number, None, a list, text where True or False belongs): a UsageError naming the
argument, before any work and with nothing written, never a TypeError or AttributeError from
deep inside pathlib, polars or openpyxl (docs/python.md promises only tendereval's own errors).

Found by a review (session 41): ``write_summaries(result, 5)`` failed in pathlib; the
allocation workbook's ``when=5`` once the workbook was made ("'int' object has no attribute
'replace'"), its ``published=[…]`` with "'list' object has no attribute 'rows'";
``write_outputs`` given a Tender with "'Tender' object has no attribute 'folder'", and
``steps=1`` with "'int' object is not callable"; ``write_report(result, path, public=5)`` and
``write_outputs(..., report="no")`` wrote what the truthy value asked for."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import tendereval
from tendereval.report.allocation_excel import write_allocation_workbook
from tendereval.report.excel import write_report
from tendereval.report.scenarios_excel import write_scenarios_workbook
from tendereval.report.summaries import write_summaries
from tendereval.scoring.output import (
    csv_text,
    json_text,
    render,
    to_csv,
    to_json,
    write_json,
    write_outputs,
)
from tendereval.validation import write_problems_json

ROOT = Path(__file__).resolve().parents[1]
CARERS = ROOT / "examples" / "carers-short-breaks"
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
SCENARIOS = ROOT / "examples" / "homecare-lot-splits" / "scenarios.toml"


@pytest.fixture(scope="module")
def made() -> dict[str, object]:
    """What the calls below are given where they take something made by the library."""
    return {
        "result": tendereval.score(CARERS, sensitivity=False),
        "report": tendereval.validate(CARERS),
        "allocation": tendereval.allocate(OFFERS).allocation,
        "scenarios": tendereval.scenarios(SCENARIOS, samples=0, steps=1).result,
        "tender": tendereval.load_tender(CARERS),
    }


# (function, the argument given wrongly, a call giving it `bad` and everything else right)
SLIPS = [
    ("validate", "folder", 5, lambda m, t, bad: tendereval.validate(bad)),
    ("validate", "progress", 1, lambda m, t, bad: tendereval.validate(CARERS, progress=bad)),
    ("score", "tender", 5, lambda m, t, bad: tendereval.score(bad)),
    ("score", "samples", "100", lambda m, t, bad: tendereval.score(CARERS, samples=bad)),
    ("score", "seed", 1.5, lambda m, t, bad: tendereval.score(CARERS, seed=bad)),
    ("score", "sensitivity", "no", lambda m, t, bad: tendereval.score(CARERS, sensitivity=bad)),
    ("score", "progress", True, lambda m, t, bad: tendereval.score(CARERS, progress=bad)),
    ("summaries", "source", None, lambda m, t, bad: tendereval.summaries(bad, t / "s")),
    ("summaries", "outdir", 5, lambda m, t, bad: tendereval.summaries(m["result"], bad)),
    (
        "summaries",
        "steps",
        1,
        lambda m, t, bad: tendereval.summaries(m["result"], t / "s", steps=bad),
    ),
    ("allocate", "source", 5, lambda m, t, bad: tendereval.allocate(bad)),
    ("allocate", "solver", 5, lambda m, t, bad: tendereval.allocate(OFFERS, solver=bad)),
    ("allocate", "time_limit", "9", lambda m, t, bad: tendereval.allocate(OFFERS, time_limit=bad)),
    ("allocate", "progress", 1, lambda m, t, bad: tendereval.allocate(OFFERS, progress=bad)),
    ("allocate", "steps", 1, lambda m, t, bad: tendereval.allocate(OFFERS, steps=bad)),
    ("scenarios", "path", None, lambda m, t, bad: tendereval.scenarios(bad)),
    ("scenarios", "samples", "5", lambda m, t, bad: tendereval.scenarios(SCENARIOS, samples=bad)),
    ("scenarios", "seed", "5", lambda m, t, bad: tendereval.scenarios(SCENARIOS, seed=bad)),
    ("scenarios", "steps", "5", lambda m, t, bad: tendereval.scenarios(SCENARIOS, steps=bad)),
    ("scenarios", "solver", 5, lambda m, t, bad: tendereval.scenarios(SCENARIOS, solver=bad)),
    (
        "scenarios",
        "time_limit",
        "9",
        lambda m, t, bad: tendereval.scenarios(SCENARIOS, samples=0, steps=1, time_limit=bad),
    ),
    (
        "scenarios",
        "progress",
        1,
        lambda m, t, bad: tendereval.scenarios(SCENARIOS, samples=0, steps=1, progress=bad),
    ),
    (
        "scenarios",
        "step_lines",
        1,
        lambda m, t, bad: tendereval.scenarios(SCENARIOS, samples=0, steps=1, step_lines=bad),
    ),
    ("template", "kind", 5, lambda m, t, bad: tendereval.template(bad, CARERS, t / "t.xlsx")),
    (
        "template",
        "tender",
        5,
        lambda m, t, bad: tendereval.template("bid-return", bad, t / "t.xlsx"),
    ),
    ("template", "output", 5, lambda m, t, bad: tendereval.template("bid-return", CARERS, bad)),
    (
        "template",
        "evaluator",
        5,
        lambda m, t, bad: tendereval.template("score-sheet", CARERS, t / "t.xlsx", evaluator=bad),
    ),
    (
        "template",
        "group",
        5,
        lambda m, t, bad: tendereval.template("score-sheet", CARERS, t / "t.xlsx", group=bad),
    ),
    (
        "template",
        "steps",
        1,
        lambda m, t, bad: tendereval.template("bid-return", CARERS, t / "t.xlsx", steps=bad),
    ),
    ("init", "folder", 5, lambda m, t, bad: tendereval.init(bad)),
    ("init", "preset", 60, lambda m, t, bad: tendereval.init(t / "new", bad)),
    ("init", "force", "no", lambda m, t, bad: tendereval.init(t / "new", force=bad)),
    ("init_from_notice", "folder", 5, lambda m, t, bad: tendereval.init_from_notice(bad, "x")),
    (
        "init_from_notice",
        "notice",
        None,
        lambda m, t, bad: tendereval.init_from_notice(t / "new", bad),
    ),
    (
        "init_from_notice",
        "force",
        "no",
        lambda m, t, bad: tendereval.init_from_notice(t / "new", t / "n.json", force=bad),
    ),
    ("publish", "source", 5, lambda m, t, bad: tendereval.publish(bad, t / "o.json")),
    ("publish", "output", 5, lambda m, t, bad: tendereval.publish(m["result"], bad)),
    (
        "publish",
        "internal",
        "no",
        lambda m, t, bad: tendereval.publish(m["result"], t / "o.json", internal=bad),
    ),
    (
        "publish",
        "ocid_prefix",
        5,
        lambda m, t, bad: tendereval.publish(m["result"], t / "o.json", ocid_prefix=bad),
    ),
    (
        "publish",
        "published_at",
        "2026-03-20",
        lambda m, t, bad: tendereval.publish(
            m["result"], t / "o.json", ocid_prefix="ocds-abc123", published_at=bad
        ),
    ),
    (
        "publish",
        "steps",
        1,
        lambda m, t, bad: tendereval.publish(
            m["result"], t / "o.json", ocid_prefix="ocds-abc123", steps=bad
        ),
    ),
    (
        "publish",
        "sent_summaries",
        5,
        lambda m, t, bad: tendereval.publish(
            m["result"], t / "o.json", ocid_prefix="ocds-abc123", sent_summaries=bad
        ),
    ),
    (
        "publish",
        "write",
        "no",
        lambda m, t, bad: tendereval.publish(
            m["result"], t / "o.json", ocid_prefix="ocds-abc123", write=bad
        ),
    ),
    ("decide", "result", 5, lambda m, t, bad: tendereval.decide(bad)),
    ("decide", "decisions", 5, lambda m, t, bad: tendereval.decide(m["result"], bad)),
    ("load_plan", "path", 5, lambda m, t, bad: tendereval.load_plan(bad)),
    ("load_tender", "folder", None, lambda m, t, bad: tendereval.load_tender(bad)),
    ("load_tender", "progress", 1, lambda m, t, bad: tendereval.load_tender(CARERS, progress=bad)),
    # The documented writers (docs/python.md).
    ("write_report", "result", 5, lambda m, t, bad: write_report(bad, t / "r.xlsx")),
    ("write_report", "path", 5, lambda m, t, bad: write_report(m["result"], bad)),
    ("write_report", "public", 5, lambda m, t, bad: write_report(m["result"], t / "r.xlsx", bad)),
    ("write_json", "path", None, lambda m, t, bad: write_json(m["result"], bad)),
    ("to_csv", "path", 5, lambda m, t, bad: to_csv(m["result"], bad)),
    ("render", "result", 5, lambda m, t, bad: render(bad)),
    ("json_text", "result", None, lambda m, t, bad: json_text(bad)),
    ("csv_text", "result", 5, lambda m, t, bad: csv_text(bad)),
    ("to_json", "result", 5, lambda m, t, bad: to_json(bad)),
    (
        "write_outputs",
        "result",
        "tender",
        lambda m, t, bad: write_outputs(m[bad], json_path=t / "r.json"),
    ),
    (
        "write_outputs",
        "json_path",
        5,
        lambda m, t, bad: write_outputs(m["result"], json_path=bad, report=False),
    ),
    (
        "write_outputs",
        "report",
        "no",
        lambda m, t, bad: write_outputs(m["result"], csv_path=t / "r.csv", report=bad),
    ),
    (
        "write_outputs",
        "public",
        5,
        lambda m, t, bad: write_outputs(m["result"], report_path=t / "r.xlsx", public=bad),
    ),
    (
        "write_outputs",
        "folder",
        5,
        lambda m, t, bad: write_outputs(m["result"], folder=bad),
    ),
    (
        "write_outputs",
        "steps",
        1,
        lambda m, t, bad: write_outputs(m["result"], json_path=t / "r.json", steps=bad),
    ),
    ("write_problems_json", "report", 5, lambda m, t, bad: write_problems_json(bad, t / "p.json")),
    ("write_problems_json", "path", 5, lambda m, t, bad: write_problems_json(m["report"], bad)),
    (
        "write_scenarios_workbook",
        "result",
        None,
        lambda m, t, bad: write_scenarios_workbook(bad, t / "s.xlsx"),
    ),
    (
        "write_scenarios_workbook",
        "path",
        5,
        lambda m, t, bad: write_scenarios_workbook(m["scenarios"], bad),
    ),
    (
        "write_scenarios_workbook",
        "warnings",
        5,
        lambda m, t, bad: write_scenarios_workbook(m["scenarios"], t / "s.xlsx", bad),
    ),
    (
        "write_allocation_workbook",
        "result",
        5,
        lambda m, t, bad: write_allocation_workbook(bad, t / "a.xlsx"),
    ),
    (
        "write_allocation_workbook",
        "path",
        None,
        lambda m, t, bad: write_allocation_workbook(m["allocation"], bad),
    ),
    (
        "write_allocation_workbook",
        "when",
        5,
        lambda m, t, bad: write_allocation_workbook(m["allocation"], t / "a.xlsx", when=bad),
    ),
    (
        "write_allocation_workbook",
        "published",
        [["CSB", "A", "A", True]],
        lambda m, t, bad: write_allocation_workbook(m["allocation"], t / "a.xlsx", published=bad),
    ),
    (
        "write_allocation_workbook",
        "plan",
        5,
        lambda m, t, bad: write_allocation_workbook(m["allocation"], t / "a.xlsx", plan=bad),
    ),
    (
        "write_allocation_workbook",
        "caveats",
        "Lot 1 is undecided",
        lambda m, t, bad: write_allocation_workbook(m["allocation"], t / "a.xlsx", caveats=bad),
    ),
    # Not exported, but called from notebooks as the summaries command's writer.
    ("write_summaries", "outdir", 5, lambda m, t, bad: write_summaries(m["result"], bad)),
    (
        "write_summaries",
        "steps",
        1,
        lambda m, t, bad: write_summaries(m["result"], t / "s", steps=bad),
    ),
]


@pytest.mark.parametrize(
    ("function", "argument", "bad", "call"),
    SLIPS,
    ids=[f"{function}-{argument}" for function, argument, _, _ in SLIPS],
)
def test_an_argument_of_the_wrong_kind_is_named(made, tmp_path, function, argument, bad, call):
    with pytest.raises(tendereval.UsageError) as raised:
        call(made, tmp_path, bad)
    said = str(raised.value)
    # The argument (or the function, for what it takes first) is named: a caller reads which.
    assert argument in said or function in said, said
    assert not list(tmp_path.iterdir())  # nothing written


def test_every_argument_of_every_exported_function_is_in_the_table():
    """A function exported, or an argument added, later is checked here too."""
    checked = {(function, argument) for function, argument, _, _ in SLIPS}
    for name in tendereval.__all__:
        exported = getattr(tendereval, name)
        if not inspect.isfunction(exported):
            continue
        for argument in inspect.signature(exported).parameters.values():
            if argument.kind is not inspect.Parameter.VAR_KEYWORD:
                assert (name, argument.name) in checked, f"{name}({argument.name}=…)"
