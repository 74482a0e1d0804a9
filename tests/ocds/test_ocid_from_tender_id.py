"""The ocid made from a prefix and the tender id (``ocid_prefix``, ``--ocid-prefix``).

Before, letters outside A-Z were dropped ("Gofal Ŵyn 2026" gave ocds-abc123-Gofal-yn-2026, the
ocid of "Gofal yn 2026" too), though the docs said letters are kept; and ids that differ only
in their separators ("ASC/2026/01", "ASC 2026 01", "ASC-2026-01") gave one ocid, silently. Now
a letter is spelled in ASCII as the summaries' file names spell it (Ŵ W, Ø O), and publish
warns, naming both forms, whenever the ocid does not hold the tender id as written. An id of
ASCII letters, digits and '-' gives the ocid it always gave.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

import tendereval
from tendereval.plan import ocid_with_prefix

from .tenders import Bid, Supplier, edit_plan, tender_from_notice

PREFIX = "ocds-abc123"


@pytest.mark.parametrize(
    ("tender_id", "ocid"),
    [
        # Kept as written, as before.
        ("CSB-2026-01", "ocds-abc123-CSB-2026-01"),
        ("HC.2026_07", "ocds-abc123-HC.2026_07"),
        # Letters spelled in ASCII, capitals kept: W with its circumflex dropped, not the W.
        ("Gofal Ŵyn 2026", "ocds-abc123-Gofal-Wyn-2026"),
        ("Ørsted ÆBLE Straße", "ocds-abc123-Orsted-AEBLE-Strasse"),
        # Any other run of characters is one '-', as before.
        ("ASC/2026/01", "ocds-abc123-ASC-2026-01"),
        ("ASC 2026 01", "ocds-abc123-ASC-2026-01"),
        ("Γ", "ocds-abc123-tender"),
    ],
)
def test_the_ocid_spells_the_tender_id_in_ascii(tender_id: str, ocid: str) -> None:
    assert ocid_with_prefix(PREFIX, tender_id) == ocid


def test_two_welsh_ids_no_longer_make_one_ocid() -> None:
    assert ocid_with_prefix(PREFIX, "Gofal Ŵyn 2026") != ocid_with_prefix(PREFIX, "Gofal yn 2026")


def _published(tmp_path, tender_id: str, **options) -> tendereval.Publication:
    """The fixture tender under ``tender_id``, its notice taken away, published."""
    folder = tender_from_notice(
        tmp_path / "t", [Bid("Alder Care Ltd", "1", 500_000)], [Supplier("Alder Care Ltd")]
    )
    (folder / "notice.json").unlink()
    edit_plan(
        folder,
        ('id = "ECC-HC-2026-01"', f"id = {json.dumps(tender_id, ensure_ascii=False)}"),
        ('ocid = "ocds-h6vhtk-05f1a2"', f'ocid_prefix = "{PREFIX}"'),
    )
    published_at = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)
    done = tendereval.publish(
        folder, tmp_path / "award.json", published_at=published_at, write=False, **options
    )
    assert done.package is not None, done.blockers
    return done


def _respelled(done: tendereval.Publication) -> list[str]:
    return [w for w in done.warnings if "holds the tender id" in w]


def test_publish_warns_naming_both_forms_when_the_id_is_not_kept_as_written(tmp_path) -> None:
    done = _published(tmp_path, "ECC/HC/2026/01")
    assert done.ocid == "ocds-abc123-ECC-HC-2026-01"
    (warning,) = _respelled(done)
    assert (
        "The ocid ocds-abc123-ECC-HC-2026-01 holds the tender id 'ECC/HC/2026/01' as "
        "'ECC-HC-2026-01'"
    ) in warning
    assert "a tender whose id is 'ECC-HC-2026-01'" in warning
    assert "set [publication] ocid" in warning


def test_an_id_kept_as_written_is_not_warned_of_and_the_option_warns_too(tmp_path) -> None:
    assert not _respelled(_published(tmp_path / "a", "ECC-HC-2026-01"))
    # The option gives the ocid the same way.
    done = _published(tmp_path / "b", "ECC/HC/2026/01", ocid_prefix=PREFIX)
    assert len(_respelled(done)) == 1
