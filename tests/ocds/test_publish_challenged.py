"""``publish`` of an award that is challenged: a lot whose contract the proceedings suspend is
published as ``pending``, even after the standstill, with a warning naming the lot and the
record (decisions.toml › challenge[0]); a challenge does not stop the notice.

Found in review: ``publish`` wrote each awarded lot's status as ``active`` once the recorded
standstill had ended, whatever happened; a contract the law forbids entering into
(Procurement Act 2023 s.101, PCR 2015 reg 95) went out as active, and no command said so.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

from .ocds_schema import all_problems

STANDSTILL = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-13
"""
AFTER = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)  # the standstill over
PENDING_WARNING = "(decisions.toml › challenge[0]); the award is published as pending"


def _tender(tmp_path: Path, decisions: str, regime: str = "PA2023") -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(STANDSTILL + decisions, encoding="utf-8")
    return folder


def _published(folder: Path, when: dt.datetime = AFTER) -> tendereval.Publication:
    published = tendereval.publish(folder, ocid_prefix="ocds-abc123", published_at=when)
    assert published.written, published.blockers
    assert all_problems(published.package) == []
    return published


def _statuses(published: tendereval.Publication) -> dict[str, str]:
    return {
        award["relatedLots"][0]: award["status"]
        for award in published.package["releases"][0]["awards"]
    }


def test_act_notified_in_the_standstill_is_pending_after_it(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "[[challenge]]\nnotified_on = 2026-03-10\n")
    published = _published(folder)
    assert _statuses(published) == {"CSB": "pending"}
    (warning,) = [w for w in published.warnings if PENDING_WARNING in w]
    assert warning.startswith(
        "The contract for lot CSB must not be entered into: proceedings against the award "
        "notified on 10 March 2026 (Procurement Act 2023 s.101)"
    )
    # Published as pending: no warning that it goes out active with no standstill run.
    assert not [w for w in published.warnings if "published as active" in w]


def test_act_notified_after_the_standstill_is_active_with_a_warning(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "[[challenge]]\nnotified_on = 2026-03-16\n")
    published = _published(folder)
    assert _statuses(published) == {"CSB": "active"}
    assert not [w for w in published.warnings if PENDING_WARNING in w]
    (warning,) = [w for w in published.warnings if "not suspended automatically" in w]
    assert warning.startswith("decisions.toml › challenge[0].notified_on: ")
    assert "Procurement Act 2023 s.101 applies only to proceedings notified during" in warning


def test_pcr_notified_after_the_standstill_is_pending(tmp_path: Path) -> None:
    folder = _tender(tmp_path, "[[challenge]]\nnotified_on = 2026-03-16\n", "PCR2015")
    published = _published(folder)
    assert _statuses(published) == {"CSB": "pending"}
    (warning,) = [w for w in published.warnings if PENDING_WARNING in w]
    assert "(PCR 2015 reg 95)" in warning


def test_a_suspension_ended_before_publishing_is_active(tmp_path: Path) -> None:
    ended = "[[challenge]]\nnotified_on = 2026-03-10\nsuspension_ends_on = 2026-03-20\n"
    published = _published(_tender(tmp_path, ended))
    assert _statuses(published) == {"CSB": "active"}
    assert not [w for w in published.warnings if PENDING_WARNING in w]
    # The day before it ended, it was pending.
    before = _published(_tender(tmp_path / "before", ended), AFTER - dt.timedelta(days=1))
    assert _statuses(before) == {"CSB": "pending"}


def test_a_bad_challenge_holds_the_notice_back(tmp_path: Path) -> None:
    folder = _tender(tmp_path, '[[challenge]]\nnotified_on = 2026-03-10\nlots = ["ZZZ"]\n')
    published = tendereval.publish(folder, ocid_prefix="ocds-abc123", published_at=AFTER)
    assert not published.written
    assert any(b.startswith("decisions.toml › challenge[0].lots: ") for b in published.blockers)


# ---- Many lots: the challenged lot alone is held, and every command says the same ----------

HOMECARE_DECISIONS = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-13

[[challenge]]
notified_on = 2026-03-12
lots = ["ASH"]
note = "Claim by X Ltd, KB-2026-000123"
"""
SAID = (
    "The contract for lot ASH must not be entered into: proceedings against the award notified "
    "on 12 March 2026 (Procurement Act 2023 s.101), until the court lifts the suspension "
    "(s.102) or the proceedings end"
)


@pytest.fixture(scope="module")
def homecare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = example_copy(tmp_path_factory.mktemp("challenged"), "homecare-districts")
    (folder / "decisions.toml").write_text(HOMECARE_DECISIONS, encoding="utf-8")
    return folder


def test_score_summaries_and_publish_say_the_same_of_the_suspended_lot(homecare: Path) -> None:
    runner = CliRunner()
    scored = runner.invoke(cli, ["score", str(homecare), "--no-sensitivity"])
    assert scored.exit_code == 0, scored.output
    assert scored.output.rstrip().endswith(SAID + ".")
    summaries = runner.invoke(cli, ["summaries", str(homecare)])
    assert summaries.exit_code == 0, summaries.output
    assert summaries.output.rstrip().endswith(SAID + ".")
    # Published after the standstill: ASH pending, every other lot active.
    out = homecare / "award.json"
    published = runner.invoke(
        cli,
        ["publish", str(homecare), "--ocid-prefix", "ocds-abc123", "-o", str(out)],
    )
    assert published.exit_code == 0, published.output
    assert f"warning: {SAID} (decisions.toml › challenge[0])" in published.output
    package = json.loads(out.read_text(encoding="utf-8"))
    assert all_problems(package) == []
    statuses = {a["relatedLots"][0]: a["status"] for a in package["releases"][0]["awards"]}
    assert statuses.pop("ASH") == "pending"
    assert set(statuses.values()) == {"active"} and len(statuses) == 11


def test_the_award_page_worked_example_runs_as_it_tells(tmp_path: Path) -> None:
    """docs/award.md "When the award is challenged": its sample, put in a copy of the carers
    example, gives the lines the page shows from score and publish."""
    import re

    page = (Path(__file__).resolve().parents[2] / "docs" / "award.md").read_text("utf-8")
    told = page.split("## When the award is challenged", 1)[1]
    sample = re.search(r"```toml\n(.*?)```", told, re.S).group(1)
    shown = [line for line in told.splitlines() if "must not be entered into: proceedings" in line]
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(sample, encoding="utf-8")
    runner = CliRunner()
    scored = runner.invoke(cli, ["score", str(folder), "--no-sensitivity"])
    assert scored.output.rstrip().endswith("\n" + shown[0])
    published = runner.invoke(cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123"])
    assert published.exit_code == 0, published.output
    assert f"\n{shown[1]}\n" in published.output
    assert "Weald Carers Trust, £3,231,866.75 (pending)" in published.output
