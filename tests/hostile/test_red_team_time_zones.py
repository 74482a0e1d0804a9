"""Red team, round 2: the machine's time zone must not change what a report says.

Run under ``TZ=America/New_York`` the allocation workbook said it was created five hours
before it was (the local clock written as UTC), while every other report records UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import zipfile
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import tendereval
from tendereval.ocds.formats import uk_today
from tendereval.report.allocation_excel import write_allocation_workbook

EXAMPLE_OFFERS = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"


@contextmanager
def _zone(name: str) -> Iterator[None]:
    was = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if was is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = was
        time.tzset()


@pytest.fixture
def new_york() -> Iterator[None]:
    """The process's local time zone set to New York (UTC-5 in winter, -4 in summer)."""
    with _zone("America/New_York"):
        yield


def created(path: Path) -> dt.datetime:
    with zipfile.ZipFile(path) as book:
        core = book.read("docProps/core.xml").decode()
    stamp = core.split('<dcterms:created xsi:type="dcterms:W3CDTF">')[1].split("<")[0]
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_the_allocation_workbook_records_utc_whatever_the_machines_zone(
    tmp_path: Path, new_york: None
) -> None:
    assert time.localtime().tm_gmtoff < 0  # the fixture took effect
    done = tendereval.allocate(EXAMPLE_OFFERS)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    path = write_allocation_workbook(done.allocation, tmp_path / "allocation.xlsx")
    after = dt.datetime.now(dt.UTC)
    assert before <= created(path) <= after


CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"


def test_a_publication_time_without_a_zone_is_refused_not_read_in_the_machines_zone(
    tmp_path: Path, new_york: None
) -> None:
    """A naive ``published_at`` was read in the machine's zone: 23:30 on the day a standstill
    ends was still that day in London, but the next day in UTC from New York, so whether the
    award was ``pending`` or ``active`` (its standstill over) depended on the machine."""
    result = tendereval.score(CARERS)
    with pytest.raises(tendereval.UsageError, match="time zone"):
        tendereval.publish(
            result,
            tmp_path / "award.json",
            ocid_prefix="ocds-abc123",
            published_at=dt.datetime(2026, 3, 13, 23, 30),
        )
    assert not (tmp_path / "award.json").exists()
    done = tendereval.publish(
        result,
        tmp_path / "award.json",
        ocid_prefix="ocds-abc123",
        published_at=dt.datetime(2026, 3, 13, 23, 30, tzinfo=dt.UTC),
    )
    assert done.written
    assert done.package["publishedDate"] == "2026-03-13T23:30:00Z"


def _a_zone_on_another_day() -> tuple[str, dt.date]:
    """A time zone whose date now is not the UK's, and its date: American Samoa (UTC-11) is
    still on the UK's yesterday until about 11:00 UK time, Kiritimati (UTC+14) already on the
    UK's tomorrow from about 10:00, so at any moment one of them is."""
    now = dt.datetime.now(dt.UTC)
    try:
        uk = now.astimezone(zoneinfo.ZoneInfo("Europe/London")).date()
        for name in ("Pacific/Pago_Pago", "Pacific/Kiritimati"):
            there = now.astimezone(zoneinfo.ZoneInfo(name)).date()
            if there != uk:
                return name, there
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("this computer has no time zone database to set TZ from")
    raise AssertionError("Samoa and Kiritimati are both on the UK's date: not on this Earth")


def test_uk_today_is_the_uk_date_whatever_the_machines_zone() -> None:
    zone, _ = _a_zone_on_another_day()
    with _zone(zone):
        assert dt.date.today() != uk_today()  # the zone took effect
        assert uk_today() == dt.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date()


def test_whether_the_day_summaries_were_sent_is_past_is_the_uk_days_question(
    tmp_path: Path,
) -> None:
    """Red team: summaries asked whether the day recorded as summaries_sent_on was past by the
    computer's own date. In American Samoa, the day before the UK's today was still "today":
    a sent summary deleted was written again without a word, while publish, by the UK date,
    refused. In Kiritimati, summaries sent today (UK) were already "in the past", and their
    absence warned of. Every date rule is the UK's (docs/award.md, Dates)."""
    zone, local_day = _a_zone_on_another_day()
    # In Samoa: sent on its today, the UK's yesterday, a day past. In Kiritimati: sent on the
    # UK's today, not past, though the computer's date is already the day after.
    sent_on = local_day if local_day < uk_today() else uk_today()
    folder = tmp_path / "carers"
    shutil.copytree(CARERS, folder, ignore=shutil.ignore_patterns("reports"))
    out = tmp_path / "summaries"
    tendereval.summaries(folder, out)
    (folder / "decisions.toml").write_text(
        f"[standstill]\nsummaries_sent_on = {sent_on}\n", encoding="utf-8"
    )
    weald = out / "weald-carers-trust-assessment-summary.xlsx"
    weald.unlink()  # one sent, then deleted
    with _zone(zone):
        done = tendereval.summaries(folder, out)
    assert done.sent_missing == ([weald] if sent_on < uk_today() else [])
