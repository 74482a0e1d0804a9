"""The buyer decides not to award a lot: ``[[no_award]]`` in decisions.toml.

Before, there was no way to say so. A lot whose every tender came in above the budget was
proposed to the tender ranked first in every output, and published as awarded; its bidders'
summaries told each "Another tender was more advantageous". Under a lot cap, the supplier
first in that lot was also counted as holding it, and passed over in another lot. Now the lot
is not awarded, whoever is ranked first, and the other lots are awarded as if it had never
been offered.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tendereval
from tendereval.award.recorded import Decisions, RecordedNoAward
from tendereval.cli import cli
from tests.award.red_team_tenders import Bid
from tests.award.test_cap_properties import LOTS, build, tenders
from tests.award.test_red_team_agreement import capped_tender
from tests.example_copies import EXAMPLES
from tests.ocds.ocds_schema import all_problems

NO_AWARD = """
[[no_award]]
lot = "{lot}"
reason = "Every tender is above the approved budget of £1.2m; the lot will be re-procured"
decided_by = "Head of Commissioning"
decided_on = 2026-03-05
"""


@pytest.fixture(scope="module")
def homecare(tmp_path_factory) -> tuple[Path, tendereval.ScoreResult, tendereval.ScoreResult]:
    """The homecare example with lot TUN not to be awarded: the folder, and it scored before
    and after the decision was recorded."""
    folder = tmp_path_factory.mktemp("no-award") / "homecare"
    shutil.copytree(EXAMPLES / "homecare-districts", folder)
    before = tendereval.score(folder, sensitivity=False)
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="TUN"), encoding="utf-8")
    return folder, before, tendereval.score(folder, sensitivity=False)


def test_the_lot_is_not_awarded_and_the_others_are_as_they_were(homecare) -> None:
    _, before, after = homecare
    assert before.award.winner("TUN") == "High Weald Carers Trust"
    tun = after.award.lots["TUN"]
    assert (tun.outcome, tun.basis, tun.supplier) == ("no_award", "no_award", None)
    assert tun.reasons == (
        "the contracting authority decided on 2026-03-05 not to award this lot (no_award[0]): "
        "Every tender is above the approved budget of £1.2m; the lot will be re-procured",
    )
    assert tun.first == ("High Weald Carers Trust",)  # the ranking stands, for the record
    others = {lot: a.supplier for lot, a in before.award.lots.items() if lot != "TUN"}
    assert {lot: a.supplier for lot, a in after.award.lots.items() if lot != "TUN"} == others
    assert after.award.blockers == [] and after.award.summaries_ready
    # Scores are not touched: the decision is about the award, not the evaluation. Only the
    # award's margin goes: TUN has no proposed tender, so none is ahead of the next.
    assert after.results.drop("margin_to_next").equals(before.results.drop("margin_to_next"))
    tun_margins = [
        r.results.filter(pl.col("lot") == "TUN")["margin_to_next"].drop_nulls().len()
        for r in (before, after)
    ]
    assert tun_margins == [1, 0]
    others_only = pl.col("lot") != "TUN"
    assert after.results.filter(others_only).equals(before.results.filter(others_only))


def test_every_output_says_the_lot_is_not_to_be_awarded(homecare, tmp_path: Path) -> None:
    folder, _, after = homecare
    out = CliRunner().invoke(cli, ["score", str(folder), "-o", str(tmp_path / "r.xlsx")])
    assert out.exit_code == 0, out.output
    assert (
        "  No award: the contracting authority decided on 2026-03-05 not to award this lot "
        "(no_award[0])"
    ) in out.output
    # No robustness lines for an award nobody is proposed for.
    tun = out.output.split("Lot TUN")[1]
    assert "Robustness:" not in tun and "tipping point" not in tun
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    row = next(r for r in summary.iter_rows(values_only=True) if r[0] == "TUN")
    assert row[2].startswith("not to be awarded: the contracting authority decided on 2026-03-05")

    audit = openpyxl.load_workbook(tmp_path / "r.xlsx")["Audit"]
    recorded = next(r for r in audit.iter_rows(values_only=True) if r[0] == "TUN")
    assert recorded[4] == (
        "not to be awarded: Every tender is above the approved budget of £1.2m; the lot will "
        "be re-procured (Head of Commissioning, 2026-03-05)"
    )
    sent = tendereval.summaries(after, tmp_path / "summaries")
    book = openpyxl.load_workbook(
        tmp_path / "summaries" / "high-weald-carers-trust-assessment-summary.xlsx"
    )
    tun_row = next(r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "TUN")
    assert tun_row[2] == (
        "The contracting authority decided on 2026-03-05 not to award this lot, so no tender is "
        "awarded it."
    )
    assert sent.ready

    published = tendereval.publish(
        after,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
    )
    assert all_problems(published.package) == []
    release = published.package["releases"][0]
    lot = next(lot for lot in release["tender"]["lots"] if lot["id"] == "TUN")
    award = next(a for a in release["awards"] if a["relatedLots"] == ["TUN"])
    assert lot["status"] == "cancelled"
    assert (award["status"], award["description"]) == (
        "unsuccessful",
        "Not awarded: the contracting authority decided not to award this lot.",
    )
    assert "suppliers" not in award

    allocated = tendereval.allocate(folder)
    row = next(r for r in allocated.comparison.to_dicts() if r["lot"] == "TUN")
    assert row["same"] and row["published"] == "not to be awarded"
    assert "TUN" not in set(allocated.allocation.winners["lot"])


def test_a_lot_not_awarded_frees_its_first_ranked_supplier_under_the_lot_cap(
    tmp_path: Path,
) -> None:
    """Ash is first in both lots, capped at one: it takes A (worth more), and B passes it over
    to Birch. With A not awarded, Ash holds no lot, and B is Ash's."""
    bids = [
        Bid("Ash Care", "A", 10, 5),
        Bid("Ash Care", "B", 10, 5),
        Bid("Birch Care", "B", 10, 3),
        Bid("Cedar Care", "A", 11, 3),
    ]
    for rule in ("descending_value", "highest_total_score"):
        folder = capped_tender(tmp_path / rule, ["A", "B"], bids, rule)
        before = tendereval.score(folder, sensitivity=False).award
        assert (before.winner("A"), before.winner("B")) == ("Ash Care", "Birch Care"), rule
        (folder / "decisions.toml").write_text(NO_AWARD.format(lot="A"), encoding="utf-8")
        after = tendereval.score(folder, sensitivity=False).award
        assert (after.winner("A"), after.winner("B")) == (None, "Ash Care"), rule
        assert after.lots["B"].passed_over == () and after.blockers == []


def test_a_lot_not_awarded_no_longer_waits_on_its_own_tenders(tmp_path: Path) -> None:
    """An unresolved tie, or an error in a bid, in a lot not to be awarded can change no award:
    neither holds the other lots back."""
    bids = [
        Bid("Ash Care", "A", 10, 3),
        Bid("Birch Care", "A", 10, 3),  # tied with Ash in every respect
        Bid("Cedar Care", "B", "TBC", 3),  # an input error, Cedar's only tender
        Bid("Ash Care", "B", 12, 3),
    ]
    folder = capped_tender(tmp_path / "tender", ["A", "B"], bids, "descending_value")
    held = tendereval.score(folder, sensitivity=False).award
    assert "A" in held.undecided and held.input_errors == 1
    (folder / "decisions.toml").write_text(
        NO_AWARD.format(lot="A") + NO_AWARD.format(lot="B"), encoding="utf-8"
    )
    award = tendereval.score(folder, sensitivity=False).award
    assert award.blockers == [] and award.input_errors == 0
    assert [a.outcome for a in award.lots.values()] == ["no_award", "no_award"]


def test_a_second_decision_for_the_lot_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    (folder / "decisions.toml").write_text(
        '[[decision]]\nlot = "CSB"\naward_to = "Weald Carers Trust"\nreason = "tie"\n'
        + NO_AWARD.format(lot="CSB")
        + NO_AWARD.format(lot="XYZ"),
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    found = {(p.cell, p.code) for p in result.problems if p.file == "decisions.toml"}
    assert found == {
        ("no_award[0].lot", "decisions.twice"),
        ("no_award[1].lot", "decisions.unknown_lot"),
    }
    assert not result.award.summaries_ready


def test_decide_tries_a_lot_not_awarded_from_python() -> None:
    result = tendereval.score(EXAMPLES / "homecare-districts", sensitivity=False)
    award = tendereval.decide(
        result,
        Decisions(no_awards=(RecordedNoAward("TUN", "Over budget", decided_on="2026-03-05"),)),
    )
    assert award.lots["TUN"].not_to_award and award.problems == ()
    assert tendereval.decide(result, Decisions(no_awards=(RecordedNoAward("TUN", ""),))).problems


def test_the_procurement_is_cancelled_when_no_lot_is_to_be_awarded(tmp_path: Path) -> None:
    """The award release's tender said "complete" whatever its lots' outcomes. (With no lot
    awarded, publish writes no release: the test below. The release itself still says so.)"""
    from tendereval.ocds.release import release_package

    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)

    def status() -> str:
        package = release_package(
            tendereval.score(folder, sensitivity=False),
            ocid="ocds-abc123-CSB-2026-01",
            published_at=dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC),
        )
        assert all_problems(package) == []
        return package["releases"][0]["tender"]["status"]

    assert status() == "complete"
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="CSB"), encoding="utf-8")
    assert status() == "cancelled"
    everyone = "".join(
        f'[[withdrawal]]\nsupplier = "{name}"\nwithdrawn_on = 2026-03-04\n'
        for name in tendereval.load_tender(folder).bids["supplier"].unique()
    )
    (folder / "decisions.toml").write_text(everyone, encoding="utf-8")
    assert status() == "unsuccessful"  # nothing could be awarded


@pytest.mark.parametrize("regime", ["PA2023", "PCR2015"])
def test_with_no_lot_awarded_no_award_notice_is_written_and_what_is_owed_is_said(
    tmp_path: Path, regime: str
) -> None:
    """Found by a red team: with the only lot recorded as [[no_award]], summaries said they
    could be sent (as if owed before a contract award notice), and publish wrote an "award"
    release with warnings that the summaries must be sent before the contract award notice
    and that the award was published as pending without a standstill. With no contract
    there is no contract award notice, no assessment summary and no standstill (Procurement
    Act 2023 s.50, s.51): the buyer owes a procurement termination notice (s.55); under PCR
    2015 no contract award notice (reg 50), the grounds told to each tenderer (reg 55(1))."""
    folder = tmp_path / "carers"
    shutil.copytree(EXAMPLES / "carers-short-breaks", folder)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="CSB"), encoding="utf-8")
    award = tendereval.score(folder, sensitivity=False).award
    assert award.nothing_awarded and not award.contract_to_award
    # Under PCR 2015 no standstill end is asked for: no contract follows.
    assert award.blockers == [] and award.to_dict()["nothing_awarded"] is True
    owed = (
        "procurement termination notice instead (s.55)"
        if regime == "PA2023"
        else "grounds of the decision not to award the contract (reg 55(1))"
    )
    assert owed in award.owed_instead
    if regime == "PCR2015":
        # Red team, session 33: it said "…, as its summary does", and no summary gives the
        # grounds (the reason recorded stays in the evaluation record).
        assert "not why" in award.owed_instead and "send the grounds with it" in award.owed_instead

    runner = CliRunner()
    out = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "summaries")])
    assert out.exit_code == 0, out.output
    assert award.owed_instead in out.output.replace("\n", " ")
    if regime == "PA2023":
        assert "they may be sent, but are not owed" in out.output

    out = runner.invoke(cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123"])
    assert out.exit_code == 1, out.output
    assert out.output.startswith("Nothing was written:\n")
    said = " ".join(out.output.split())
    assert award.owed_instead in said
    # None of the warnings that belong to an award notice.
    assert "standstill period ([standstill]" not in said and "pending" not in said
    assert not list((folder / "reports").glob("*award-ocds*.json"))


def test_a_lot_with_no_tender_beside_a_lot_awarded_is_published_as_before(tmp_path) -> None:
    """One lot not to be awarded among others awarded: the award notice still goes out."""
    folder = tmp_path / "homecare"
    shutil.copytree(EXAMPLES / "homecare-districts", folder)
    (folder / "decisions.toml").write_text(NO_AWARD.format(lot="TUN"), encoding="utf-8")
    published = tendereval.publish(folder, tmp_path / "award.json", ocid_prefix="ocds-abc123")
    assert published.written and not published.award.nothing_awarded


@pytest.mark.parametrize(
    "rule", ["descending_value", "lot_order", "highest_total_score", "lowest_total_cost"]
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_lot_not_awarded_leaves_the_others_as_a_lot_nobody_bid_for_would(rule, data) -> None:
    """The invariant, under every lot-cap rule on random small tenders: the other lots'
    awards are those the same tender gives when nobody bid for the lot at all."""
    n_lots, values, rates, rule, limit, order = data.draw(tenders(rule))
    closed = data.draw(st.sampled_from(LOTS[:n_lots]))
    _, result = build(n_lots, values, rates, rule, limit, order)
    decided = tendereval.decide(result, Decisions(no_awards=(RecordedNoAward(closed, "x"),)))
    unbid = {key: rate for key, rate in rates.items() if key[1] != closed}
    if not unbid:
        return  # nobody bid for any other lot: nothing to compare
    _, reference = build(n_lots, values, unbid, rule, limit, order)

    def others(award) -> dict:
        return {
            lot: (a.outcome, a.supplier, a.passed_over)
            for lot, a in award.lots.items()
            if lot != closed
        }

    assert decided.lots[closed].not_to_award
    assert others(decided) == others(reference.award)


def test_the_lot_cap_is_flagged_as_binding_only_over_the_lots_awarded() -> None:
    """Found by a red team: with lot A not to be awarded, the award counted Xeno as first in
    one lot (B) and the cap as not binding, yet every output flagged lot_cap.binds on A and B
    ("first in 2 lots"), counted from the ranking. Cap 1, price only: Xeno is cheapest in A
    (£10 against £11 and £12: 100 points) and in B (£10 against £11)."""
    from tendereval.scoring.combine import score

    from ..scoring.builders import make_plan, tender
    from .test_cap_rules import PRICE_ONLY, cap, lots

    plan = make_plan(cap(1, "descending_value"), PRICE_ONLY, lots=lots({"A": 100_000, "B": 50_000}))
    rates = {
        ("Xeno", "A"): 10.0,
        ("Yew", "A"): 11.0,
        ("Zinc", "A"): 12.0,
        ("Xeno", "B"): 10.0,
        ("Zinc", "B"): 11.0,
    }

    def flagged(decisions: Decisions) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
        result = score(tender(plan, rates=rates, decisions=decisions), samples=0)
        found = result.flags.filter(pl.col("code") == "lot_cap.binds")
        listed = result.results.filter(pl.col("flags").list.contains("lot_cap.binds"))
        return found.select("lot", "supplier", "message").rows(), listed.select(
            "lot", "supplier"
        ).rows()

    found, listed = flagged(Decisions())
    assert [(lot, s) for lot, s, _ in found] == [("A", "Xeno"), ("B", "Xeno")] == listed
    assert all(
        message.startswith("first in 2 lots but the plan caps a supplier at 1: the award")
        for *_, message in found
    )

    not_a = Decisions(no_awards=(RecordedNoAward("A", "Over budget", decided_on="2026-10-01"),))
    assert flagged(not_a) == ([], [])
