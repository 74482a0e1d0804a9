"""What is wrong in the buyer's record (decisions.toml) is said as such wherever the award is
held back, and what the award notice publishes from it is warned of where it is published.

Found by recording a standstill period that ends before it starts: ``summaries`` and
``publish`` said "The inputs have 1 error: the bids they affect are invalid until the errors
are put right …", and no bid was invalid; publish named no place to look. A standstill shorter
than the law's eight working days was warned of by ``score`` and ``validate``, but not by
``publish``, which published it, and the award as active once it had run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tests.example_copies import example_copy

AFTER = dt.datetime(2026, 3, 30, 9, tzinfo=dt.UTC)


def _carers(tmp_path: Path, decisions: str) -> Path:
    folder = example_copy(tmp_path)
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def test_an_error_in_the_record_holds_the_award_back_naming_its_place(tmp_path: Path) -> None:
    folder = _carers(
        tmp_path,
        "[standstill]\nsummaries_sent_on = 2026-03-16\nstarts_on = 2026-03-17\n"
        "ends_on = 2026-03-10\n",
    )
    award = tendereval.score(folder, sensitivity=False).award
    assert award.input_errors == 0
    assert award.blockers == [
        "decisions.toml › standstill.ends_on: the standstill period ends before it starts "
        "(found 2026-03-10); expected a date on or after 2026-03-17"
    ]
    out = CliRunner().invoke(cli, ["publish", str(folder), "--ocid-prefix", "ocds-abc123"])
    assert out.exit_code == 1
    assert "decisions.toml › standstill.ends_on: the standstill period ends before" in out.output
    assert "bids they affect" not in out.output


def test_an_error_in_a_bid_is_still_counted_as_the_inputs(tmp_path: Path) -> None:
    folder = _carers(tmp_path, '[[withdrawal]]\nsupplier = "Weald Carers Trust"\n')
    (folder / "bids" / "hop-garden-respite-cic.xlsx").write_bytes(b"not a workbook")
    award = tendereval.score(folder, sensitivity=False).award
    assert award.input_errors == 1 and len(award.record_errors) == 1
    assert award.blockers[0].startswith("decisions.toml › withdrawal[0].withdrawn_on: ")
    assert award.blockers[1].startswith(
        "The inputs have 1 error in bids/hop-garden-respite-cic.xlsx: the bids it affects are "
        "invalid until it is put right"
    )


def test_publish_refuses_a_standstill_shorter_than_the_law_requires(tmp_path: Path) -> None:
    """Once a warning, published with the award: the Act's standstill is mandatory for a
    contract s.51(3) does not exempt, so it now holds the award notice (and one recorded as
    exempt is published with a warning quoting the exemption)."""
    short = (
        "[standstill]\nsummaries_sent_on = 2026-03-16\nstarts_on = 2026-03-18\n"
        "ends_on = 2026-03-20\n"
    )
    folder = _carers(tmp_path, short)
    published = tendereval.publish(
        folder, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=AFTER
    )
    assert not published.written
    (held,) = [b for b in published.blockers if "shorter than the law requires" in b]
    assert held.startswith("decisions.toml › standstill.ends_on: ")
    assert "3 working days" in held
    exempt = 'exemption = "a light touch contract, s.51(3)"\n'
    (folder / "decisions.toml").write_text(short + exempt, encoding="utf-8")
    tendereval.summaries(folder)
    published = tendereval.publish(
        folder, tmp_path / "award.json", ocid_prefix="ocds-abc123", published_at=AFTER
    )
    assert published.written
    (warned,) = [w for w in published.warnings if "recorded as exempt" in w]
    assert '"a light touch contract, s.51(3)"' in warned and "law requires" not in warned


def test_publish_under_pcr_2015_warns_in_its_terms(tmp_path: Path) -> None:
    """Found by a red team: under PCR 2015 publish warned that the summaries must be sent
    before the contract award notice (Procurement Act 2023 s.50) and that the standstill
    begins with the notice (s.51). Under the Regulations the award decision notices (reg 86)
    start the standstill (reg 87), and the contract award notice follows the contract
    (reg 50)."""
    folder = _carers(tmp_path, "[standstill]\nstarts_on = 2026-03-04\nends_on = 2026-03-16\n")
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', 'regime = "PCR2015"'),
        encoding="utf-8",
    )
    published = tendereval.publish(
        folder,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC),
    )
    text = "\n".join(published.warnings)
    assert "Procurement Act" not in text
    assert (
        "decisions.toml records no date the award decision notices were sent (PCR 2015 reg 86)"
    ) in text
    assert (
        "The standstill period is recorded as ending on 2026-03-16, on or after the day this "
        "contract award notice is published (2026-03-10): under PCR 2015 the contract may not "
        "be entered into before the standstill ends (reg 87)"
    ) in text
