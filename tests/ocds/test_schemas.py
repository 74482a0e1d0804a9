"""The checking harness itself: the schema copies are the project's, the merge is RFC 7386, and
the checks find a bad code, a broken reference or a schema error (so a clean result means
something)."""

from __future__ import annotations

import copy
import json

import pytest

from .ocds_schema import (
    SCHEMAS,
    SHARED,
    codelist_errors,
    codelists,
    merge_patch,
    reference_errors,
    release_schema,
    schema_errors,
)
from .tenders import NOTICE


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared/ocds beside this checkout")
def test_the_schema_copies_are_the_shared_ones_byte_for_byte() -> None:
    shared = {p.relative_to(SHARED) for p in SHARED.rglob("*") if p.is_file()}
    shared.discard(SHARED.joinpath("README.md").relative_to(SHARED))
    assert shared, "the shared folder is empty"
    for name in sorted(shared):
        assert (SCHEMAS / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_merge_patch_follows_rfc_7386() -> None:
    # Examples from RFC 7386 Appendix A.
    assert merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert merge_patch({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert merge_patch({"a": "b"}, {"a": None}) == {}
    assert merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert merge_patch({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}) == {"a": {"b": "d"}}
    assert merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}


def test_the_merged_schema_has_every_extension() -> None:
    definitions = release_schema()["definitions"]
    assert "awardCriteria" in definitions["Lot"]["properties"]  # lots + awardCriteria
    assert "vcse" in definitions["Suitability"]["properties"]  # suitability + UK
    assert "standstillPeriod" in definitions["Award"]["properties"]  # UK
    assert "bids" in release_schema()["properties"]  # bid
    assert "scale" in definitions["Organization"]["properties"]["details"]["properties"]
    assert {"finalStageBids", "smeFinalStageBids", "disqualifiedBids"} <= codelists()[
        "bidStatistics.csv"
    ]
    assert "removedSupplier" in codelists()["partyRole.csv"]  # a + codelist adds codes


def test_the_fixture_notice_is_valid_ocds() -> None:
    notice = json.loads(NOTICE.read_text(encoding="utf-8"))
    assert schema_errors(notice) == []
    assert reference_errors(notice) == []


GOOD = {
    "uri": "urn:test:1",
    "version": "1.1",
    "publishedDate": "2026-03-20T09:30:00Z",
    "publisher": {"name": "Test Council"},
    "releases": [
        {
            "ocid": "ocds-abc123-T1",
            "id": "ocds-abc123-T1-award",
            "date": "2026-03-20T09:30:00Z",
            "tag": ["award"],
            "initiationType": "tender",
            "parties": [
                {"id": "b", "name": "Test Council", "roles": ["buyer"]},
                {"id": "s", "name": "Acme", "roles": ["supplier"], "details": {"scale": "sme"}},
            ],
            "buyer": {"id": "b", "name": "Test Council"},
            "tender": {"id": "T1", "lots": [{"id": "L1", "status": "complete"}]},
            "bids": {
                "statistics": [{"id": "1", "measure": "bids", "value": 2, "relatedLot": "L1"}]
            },
            "awards": [
                {
                    "id": "a",
                    "status": "pending",
                    "suppliers": [{"id": "s", "name": "Acme"}],
                    "relatedLots": ["L1"],
                }
            ],
        }
    ],
}


def _bad(path: list, value) -> dict:
    package = copy.deepcopy(GOOD)
    target = package
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return package


def test_a_good_package_passes_every_check() -> None:
    assert schema_errors(GOOD) == []
    assert codelist_errors(GOOD)[0] == []
    assert reference_errors(GOOD) == []


@pytest.mark.parametrize(
    ("path", "value", "found"),
    [
        (["releases", 0, "awards", 0, "status"], "awarded", "'awarded' is not in awardStatus"),
        (["releases", 0, "bids", "statistics", 0, "measure"], "tenders", "bidStatistics"),
        (["releases", 0, "parties", 1, "details", "scale"], "small-ish", "partyScale"),
        (["releases", 0, "parties", 0, "roles"], ["purchaser"], "partyRole"),
        (["releases", 0, "tender", "lots", 0, "status"], "awarded", "tenderStatus"),
        (["releases", 0, "date"], "20 March 2026", "not a date-time"),
        (["publishedDate"], "2026-03-20T09:30:00", "has no offset"),
    ],
)
def test_a_code_not_in_its_codelist_is_found(path, value, found) -> None:
    errors, _ = codelist_errors(_bad(path, value))
    assert any(found in e for e in errors), errors


@pytest.mark.parametrize(
    ("path", "value", "found"),
    [
        (
            ["releases", 0, "awards", 0, "suppliers"],
            [{"id": "x", "name": "Acme"}],
            "not in parties",
        ),
        (["releases", 0, "awards", 0, "relatedLots"], ["L9"], "relatedLots"),
        (["releases", 0, "buyer"], {"id": "s", "name": "Acme"}, "role buyer"),
    ],
)
def test_a_broken_reference_is_found(path, value, found) -> None:
    assert any(found in e for e in reference_errors(_bad(path, value)))


def test_a_schema_error_is_found() -> None:
    errors = schema_errors(_bad(["releases", 0, "bids", "statistics", 0, "value"], "two"))
    assert any("statistics/0/value" in e for e in errors), errors
    assert schema_errors(_bad(["version"], "1.1.5"))  # major.minor only
