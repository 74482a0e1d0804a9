"""Under the Procurement Act, an award first published after its recorded standstill "ended"
is warned about: the standstill begins with the notice's publication (s.51).

Found by a red team: standstill recorded as 4 to 13 March 2026, no award notice ever written
for the tender, publish run later: the award went out as ``active``, exit 0, with no word,
though no standstill had run. Now publish warns unless an earlier publication of the award is
known: a release of its ocid in reports/ (or the file about to be written over) dated on or
before the recorded end, the pending notice that started the standstill. Under PCR 2015 the
contract award notice follows the contract, after the standstill (reg 50): active is due.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tendereval
from tendereval.ocds.publish import package_text
from tests.example_copies import example_copy

RECORDED = """
[standstill]
summaries_sent_on = 2026-03-03
starts_on = 2026-03-04
ends_on = 2026-03-13
"""
DURING = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
WARNED = "no earlier publication of this award is known"


def _tender(tmp_path: Path, regime: str = "PA2023") -> Path:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('regime = "PA2023"', f'regime = "{regime}"'),
        encoding="utf-8",
    )
    (folder / "decisions.toml").write_text(RECORDED, encoding="utf-8")
    return folder


def _published(folder: Path, when: dt.datetime, output: Path | None = None):
    return tendereval.publish(folder, output, ocid_prefix="ocds-abc123", published_at=when)


def test_a_first_publication_after_the_recorded_end_is_warned_about(tmp_path: Path) -> None:
    folder = _tender(tmp_path)
    published = _published(folder, AFTER)
    assert published.written
    assert published.package["releases"][0]["awards"][0]["status"] == "active"
    (warning,) = [w for w in published.warnings if WARNED in w]
    assert warning.startswith(
        "The standstill period is recorded as ending on 2026-03-13, before the day this "
        "contract award notice is published (2026-03-20), so the award is published as active."
    )
    assert "(Procurement Act 2023 s.51)" in warning
    assert "award release of ocds-abc123-CSB-2026-01 dated on or before 2026-03-13" in warning


def test_no_warning_once_an_earlier_publication_is_known(tmp_path: Path) -> None:
    folder = _tender(tmp_path)
    reports = folder / "reports"
    first = _published(folder, DURING)  # the pending notice that starts the standstill
    assert first.package["releases"][0]["awards"][0]["status"] == "pending"
    again = _published(folder, AFTER)
    assert again.package["releases"][0]["awards"][0]["status"] == "active"
    assert not [w for w in again.warnings if WARNED in w]
    # The pending release it replaced is kept beside it, as the record that a standstill ran:
    # publishing again finds it, and says nothing either.
    kept = reports / "csb-2026-01-award-ocds-published-2026-03-04.json"
    assert kept.read_text(encoding="utf-8") == package_text(first.package)
    assert again.path.read_text(encoding="utf-8") == package_text(again.package)
    assert not [w for w in _published(folder, AFTER).warnings if WARNED in w]
    kept.unlink()
    assert [w for w in _published(folder, AFTER).warnings if WARNED in w]


def test_the_release_that_started_the_standstill_is_never_written_over_unkept(
    tmp_path: Path, monkeypatch
) -> None:
    """Red team: the disk filled (or the name was too long) as the pending release was kept
    beside it; the keeping was passed over in silence and the active release written over
    it, so the record that a standstill ran was lost and the next publication said none had
    run. Now the command stops with the reason and the pending release is as it was."""
    import errno

    import tendereval.ocds.publish as publish_module
    from tendereval.atomic import OutputNotWritten

    folder = _tender(tmp_path)
    first = _published(folder, DURING)
    written = publish_module.write_text

    def full(path, text):
        if "-published-" in str(path):
            raise OutputNotWritten(Path(path), OSError(errno.ENOSPC, "No space left on device"))
        return written(path, text)

    monkeypatch.setattr(publish_module, "write_text", full)
    with pytest.raises(OutputNotWritten):
        _published(folder, AFTER)
    assert first.path.read_text(encoding="utf-8") == package_text(first.package)
    assert [p.name for p in (folder / "reports").glob("*.json")] == [first.path.name]


def test_a_release_published_after_the_end_is_no_earlier_publication(tmp_path: Path) -> None:
    """A release published late is active too: no standstill ran before it either."""
    folder = _tender(tmp_path)
    assert [w for w in _published(folder, AFTER).warnings if WARNED in w]
    assert [w for w in _published(folder, AFTER + dt.timedelta(days=1)).warnings if WARNED in w]
    assert sorted(p.name for p in (folder / "reports").glob("*.json")) == [
        "csb-2026-01-award-ocds.json"
    ]


def test_a_release_written_elsewhere_is_looked_for_there(tmp_path: Path) -> None:
    folder = _tender(tmp_path)
    output = tmp_path / "notices" / "award.json"
    output.parent.mkdir()
    _published(folder, DURING, output)
    assert not [w for w in _published(folder, AFTER, output).warnings if WARNED in w]
    assert (tmp_path / "notices" / "award-published-2026-03-04.json").is_file()
    assert not [w for w in _published(folder, AFTER, output).warnings if WARNED in w]


@pytest.mark.parametrize(
    ("regime", "when"), [("PCR2015", AFTER), ("PA2023", DURING)], ids=["PCR", "pending"]
)
def test_no_such_warning_under_pcr_or_while_pending(tmp_path: Path, regime, when) -> None:
    published = _published(_tender(tmp_path, regime), when)
    assert published.written and not [w for w in published.warnings if WARNED in w]


WITHDRAWN = '[[withdrawal]]\nsupplier = "Weald Carers Trust"\nwithdrawn_on = 2026-03-05\n'


def _suppliers(published) -> list[list[str]]:
    awards = published.package["releases"][0]["awards"]
    return [[s["name"] for s in award["suppliers"]] for award in awards]


def test_a_release_awarding_the_lot_to_another_supplier_is_no_earlier_publication(
    tmp_path: Path,
) -> None:
    """Found by a red team: the award to Weald published pending on 4 March, Weald withdrew,
    and the award to Brightwater, published for the first time after the recorded end, went
    out active with no word, the Weald release kept as the record that a standstill ran. The
    standstill of the award to Brightwater begins with its own notice (s.51)."""
    folder = _tender(tmp_path)
    first = _published(folder, DURING)
    assert _suppliers(first) == [["Weald Carers Trust"]]
    (folder / "decisions.toml").write_text(WITHDRAWN + RECORDED, encoding="utf-8")
    again = _published(folder, AFTER)
    assert _suppliers(again) == [["Brightwater Care Services Ltd"]]
    (warning,) = [w for w in again.warnings if WARNED in w]
    assert (
        "holds no award release of ocds-abc123-CSB-2026-01 dated on or before 2026-03-13 that "
        "awards lot CSB to Brightwater Care Services Ltd)" in warning
    )
    # The release awarding the lot to Weald is not kept as the record of a standstill run.
    assert not list((folder / "reports").glob("*-published-*.json"))


def test_a_standstill_is_counted_from_this_awards_own_first_publication(tmp_path: Path) -> None:
    """The end alone recorded (13 March): counted from the first publication of the award to
    Weald (Wednesday 4 March) it holds 8 working days (4, 5, 6, 9, 10, 11, 12, 13); the award
    to Brightwater, first published on Tuesday 10 March, has 4 (10, 11, 12, 13)."""
    folder = _tender(tmp_path)
    ends_only = "[standstill]\nsummaries_sent_on = 2026-03-03\nends_on = 2026-03-13\n"
    (folder / "decisions.toml").write_text(ends_only, encoding="utf-8")
    shorter = "The standstill period is shorter than the law requires"
    during = _published(folder, DURING)
    assert not [w for w in during.warnings + during.blockers if shorter in w]
    tenth = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
    assert not [w for w in _published(folder, tenth).warnings if shorter in w]
    (folder / "decisions.toml").write_text(WITHDRAWN + ends_only, encoding="utf-8")
    # (Short, it holds the award notice back: the Act's standstill is mandatory, s.51.)
    (warning,) = [b for b in _published(folder, tenth).blockers if shorter in b]
    assert "this day, 10 March 2026" in warning
    assert "holds 4 working days" in warning


def test_the_award_looked_for_is_named_lot_by_lot_up_to_three_lots() -> None:
    from tendereval.ocds.publish import _award_in_words

    assert _award_in_words({"1": "Ash Care", "2": "Birch Care"}) == (
        "lot 1 to Ash Care; lot 2 to Birch Care"
    )
    four = {str(n): "Ash Care" for n in range(1, 5)}
    assert _award_in_words(four) == "each of its 4 lots to the supplier awarded it now"
