"""``init --from-notice`` from a notice giving lots, or the whole procurement, as over
(``complete``: awarded already; ``unsuccessful``: ended with no award).

Before, init wrote the plan as if those lots were open and said nothing; ``validate`` and
``score`` then warned (``notice.lot_over``, ``notice.tender_over``). An officer starting from
an old or wrong notice now hears it at once: init prints the same warnings, made by the same
check, and still writes the folder (whether to evaluate those lots is the officer's call). A
cancelled lot is left out, with its own warning, as before.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli

from .tenders import NOTICE

OVER = ("notice.lot_over", "notice.tender_over")


def _notice(tmp_path: Path, lots: tuple[str, str, str], tender: str = "active") -> Path:
    """The fixture notice (lots 1 Ashford, 2 Canterbury, 3 Dover) with these statuses."""
    data = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))
    release = data["releases"][0]["tender"]
    release["status"] = tender
    for lot, status in zip(release["lots"], lots, strict=True):
        lot["status"] = status
    path = tmp_path / "old-notice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _init(folder: Path, notice: Path):
    result = CliRunner().invoke(cli, ["init", str(folder), "--from-notice", str(notice)])
    assert result.exit_code == 0, result.output
    return result.output


def _said(problems) -> list[tuple[str, str, str]]:
    return [(p.code, p.cell, p.message) for p in problems if p.code in OVER]


def test_init_warns_of_lots_the_notice_gives_as_over_as_validate_does(tmp_path: Path) -> None:
    notice = _notice(tmp_path, ("complete", "unsuccessful", "cancelled"))
    folder = tmp_path / "t"
    output = _init(folder, notice)
    complete = (
        "lot 1 (Ashford) is complete in the published notice (awarded already): its "
        "procurement is over, so an award published now is a new award on top of it"
    )
    unsuccessful = (
        "lot 2 (Canterbury) is unsuccessful in the published notice (ended with no award): its "
        "procurement is over, so an award published now is a new award on top of it"
    )
    # Said at once, at the plan's lots, and the folder written all the same.
    assert f"lots[0].id: warning: {complete}" in output
    assert f"lots[1].id: warning: {unsuccessful}" in output
    assert "tender.toml — 2 warnings" in output
    # The cancelled lot is left out with its own warning, as before.
    assert "the notice says lot 3 (Dover) is cancelled, so the plan leaves it out" in output
    plan, _ = tendereval.load_plan(folder)
    assert [lot.id for lot in plan.lots] == ["1", "2"]

    # The same warnings, in the same words and places, as every later command gives.
    made = tendereval.init_from_notice(tmp_path / "api", notice)
    later = tendereval.validate(folder).problems
    assert (
        _said(made.problems)
        == _said(later)
        == [
            ("notice.lot_over", "lots[0].id", complete),
            ("notice.lot_over", "lots[1].id", unsuccessful),
        ]
    )
    assert all(not p.is_error for p in made.problems)


def test_init_warns_once_of_a_procurement_over_as_a_whole(tmp_path: Path) -> None:
    notice = _notice(tmp_path, ("complete", "complete", "unsuccessful"), tender="complete")
    folder = tmp_path / "t"
    output = _init(folder, notice)
    whole = (
        "the procurement is complete in the published notice (awarded already): it is over, "
        "so an award published now is a new award on top of it"
    )
    assert f"tender: warning: {whole}" in output
    plan, _ = tendereval.load_plan(folder)
    assert [lot.id for lot in plan.lots] == ["1", "2", "3"]
    made = tendereval.init_from_notice(tmp_path / "api", notice)
    # Lots of the procurement's own status are not warned of again; lot 3's other one is.
    assert _said(made.problems) == _said(tendereval.validate(folder).problems)
    assert [code for code, _, _ in _said(made.problems)] == [
        "notice.lot_over",
        "notice.tender_over",
    ]


def test_an_open_notice_gives_no_such_warning(tmp_path: Path) -> None:
    made = tendereval.init_from_notice(tmp_path / "t", NOTICE)
    assert made.problems == ()
