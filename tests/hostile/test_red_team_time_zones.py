"""Red team, round 2: the machine's time zone must not change what a report says.

Run under ``TZ=America/New_York`` the allocation workbook said it was created five hours
before it was (the local clock written as UTC), while every other report records UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import tendereval
from tendereval.report.allocation_excel import write_allocation_workbook

EXAMPLE_OFFERS = Path(__file__).resolve().parents[2] / "examples" / "offers" / "homecare-offers.csv"


@pytest.fixture
def new_york() -> Iterator[None]:
    """The process's local time zone set to New York (UTC-5 in winter, -4 in summer)."""
    was = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if was is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = was
        time.tzset()


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
    result = tendereval.score(CARERS, sensitivity=False)
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
