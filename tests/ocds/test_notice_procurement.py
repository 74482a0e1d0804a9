"""The award is published under the procurement the tender notice was: its ocid and tender id
are the notice's, and each lot's suitability for SMEs and VCSEs is the notice's.

Red team: a plan whose [publication] ocid was one character off, with another tender id and
lot 1 not suitable for VCSEs where the notice says it is, validated with no error and was
published as it was.
"""

from __future__ import annotations

import json

import tendereval

from .tenders import NOTICE, Bid, Supplier, edit_plan, notice_changed, tender_from_notice

SUPPLIERS = [Supplier("Xeno Care Ltd", "08733516"), Supplier("Yew Homecare Ltd", "07654321")]
BIDS = [Bid("Xeno Care Ltd", "1", 400_000), Bid("Yew Homecare Ltd", "2", 420_000)]
OCID = ('ocid = "ocds-h6vhtk-05f1a2"', 'ocid = "ocds-h6vhtk-05f1a3"')
TENDER_ID = ('id = "ECC-HC-2026-01"', 'id = "ECC-HC-2026-02"')
VCSE = ("suitable_for_vcse = true", "suitable_for_vcse = false")


def test_another_ocid_or_tender_id_than_the_notices_is_an_error(tmp_path) -> None:
    folder = tender_from_notice(tmp_path / "t", BIDS, SUPPLIERS)
    edit_plan(folder, OCID, TENDER_ID)
    result = tendereval.score(folder, sensitivity=False)
    by_code = {p.code: p for p in result.problems if p.code.startswith("notice.")}
    ocid, tender_id = by_code["notice.ocid"], by_code["notice.tender_id"]
    assert ocid.is_error and tender_id.is_error
    assert str(ocid) == (
        "tender.toml › publication.ocid: error: the procurement's OCDS id (ocid) differs from "
        "the published notice (found ocds-h6vhtk-05f1a3 in the plan); expected "
        "ocds-h6vhtk-05f1a2, as notice.json publishes it (the award notice would be published "
        "under another procurement)"
    )
    assert (tender_id.cell, tender_id.found) == ("tender.id", "'ECC-HC-2026-02' in the plan")
    assert tender_id.expected.startswith("'ECC-HC-2026-01', as notice.json publishes it")
    published = tendereval.publish(result, tmp_path / "award.json")
    assert not published.written
    (blocker,) = published.blockers
    assert "The award is published under the procurement the notice published." in blocker
    assert "the procurement's OCDS id (ocid) (publication.ocid:" in blocker
    assert not (tmp_path / "award.json").exists()


def test_a_plan_prefix_giving_another_ocid_than_the_notices_is_an_error(tmp_path) -> None:
    folder = tender_from_notice(tmp_path / "t", BIDS, SUPPLIERS)
    edit_plan(folder, ('ocid = "ocds-h6vhtk-05f1a2"', 'ocid_prefix = "ocds-h6vhtk"'))
    (ocid,) = [p for p in tendereval.validate(folder).problems if p.code == "notice.ocid"]
    assert (ocid.cell, ocid.found) == (
        "publication.ocid_prefix",
        "ocds-h6vhtk-ECC-HC-2026-01 in the plan",
    )
    assert ocid.expected.endswith("; set [publication] ocid to it)")


def test_a_lot_suitability_unlike_the_notices_is_a_warning_and_publishing_goes_ahead(
    tmp_path,
) -> None:
    """Suitability changes no score and no award (nothing reads it but the award notice), so
    it is a warning; the award notice publishes the plan's, and the warning says so."""
    folder = tender_from_notice(tmp_path / "t", BIDS, SUPPLIERS)
    edit_plan(folder, VCSE)
    result = tendereval.score(folder, sensitivity=False)
    (suitability,) = [p for p in result.problems if p.code == "notice.suitability"]
    assert not suitability.is_error and suitability.cell == "lots[0].suitable_for_vcse"
    assert suitability.message == (
        "whether lot 1 is suitable for VCSEs differs from the published notice"
    )
    assert (suitability.found, suitability.expected) == (
        "false in the plan",
        "true (suitability.vcse), as notice.json publishes it (the award notice publishes "
        "the plan's)",
    )
    published = tendereval.publish(result, tmp_path / "award.json")
    assert published.written, published.blockers
    assert any("whether lot 1 is suitable for VCSEs" in w for w in published.warnings)


def test_the_plan_from_the_notice_has_its_procurement(tmp_path) -> None:
    folder = tender_from_notice(tmp_path / "t", BIDS, SUPPLIERS)
    assert not [p for p in tendereval.validate(folder).problems if p.code.startswith("notice.")]
    release = json.loads(NOTICE.read_text(encoding="utf-8"))["releases"][0]
    published = tendereval.publish(folder, tmp_path / "award.json")
    award = published.package["releases"][0]
    assert (award["ocid"], award["tender"]["id"]) == (release["ocid"], release["tender"]["id"])


def test_a_notice_without_a_tender_id_names_the_tender_by_its_ocid(tmp_path) -> None:
    """Nothing to compare the plan's tender id with: the plan is named by the ocid, and a
    tender id of the buyer's own is no difference."""

    def no_id(release):
        del release["tender"]["id"]

    folder = tmp_path / "t"
    tendereval.init_from_notice(folder, notice_changed(tmp_path, no_id))
    plan, _ = tendereval.load_plan(folder / "tender.toml")
    assert plan.tender_id == "ocds-h6vhtk-05f1a2"
    edit_plan(folder, ('id = "ocds-h6vhtk-05f1a2"', 'id = "ECC-HC-2026-01"'))
    assert not [p for p in tendereval.validate(folder).problems if p.code.startswith("notice.")]
