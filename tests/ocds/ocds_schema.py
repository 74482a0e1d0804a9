"""Checking an OCDS release package offline, as the OCDS tools would: the core 1.1 package
schema with the release schema patched by each extension (JSON Merge Patch, RFC 7386), every
code against its codelist (core codelists, extended by the ``+`` codelists of extensions),
every date-time, and every reference between sections.

The schemas are the copies in ``schemas/`` (see its README); jsonschema is a test dependency.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).parent / "schemas"
# The project's shared copies, when this checkout sits beside them (../shared/ocds).
SHARED = Path(__file__).resolve().parents[3] / "shared" / "ocds"
EXTENSIONS = ("lots", "awardCriteria", "suitability", "bid", "uk", "partyScale")
RELEASE_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
# disqualifiedBids is defined in the bid extension's current statistic codelist (the
# bidStatistics codelist is open); the v1.1.5 codelist the UK extension depends on predates it.
SAME_CODELIST = {"bidStatistics.csv": ("statistic.csv",)}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: objects merge key by key, null removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


@functools.cache
def release_schema() -> dict[str, Any]:
    schema = _load("core-1.1/release-schema.json")
    for name in EXTENSIONS:
        schema = merge_patch(schema, _load(f"{name}/release-schema.json"))
    return schema


@functools.cache
def _validator() -> Draft4Validator:
    release = Resource.from_contents(release_schema(), default_specification=DRAFT4)
    registry = Registry().with_resource(RELEASE_ID, release)
    return Draft4Validator(_load("core-1.1/release-package-schema.json"), registry=registry)


def schema_errors(package: dict[str, Any]) -> list[str]:
    """Every place the package breaks the merged schema."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in _validator().iter_errors(package)
    ]


@functools.cache
def codelists() -> dict[str, frozenset[str]]:
    """Every codelist by file name: the core's, each extension's, ``+`` additions merged."""
    found: dict[str, set[str]] = {}
    additions: list[tuple[str, set[str]]] = []
    for path in sorted(SCHEMAS.glob("*/codelists/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            codes = {row["Code"] for row in csv.DictReader(handle)}
        if path.name.startswith("+"):
            additions.append((path.name[1:], codes))
        else:
            found.setdefault(path.name, set()).update(codes)
    for name, codes in additions:
        found.setdefault(name, set()).update(codes)
    for name, others in SAME_CODELIST.items():
        for other in others:
            found[name] |= found.get(other, set())
    return {name: frozenset(codes) for name, codes in found.items()}


def codelist_errors(package: dict[str, Any]) -> tuple[list[str], set[str]]:
    """Every code not in its codelist and every date-time that is not one, with the fields
    checked (``awards/status`` …) so a test can see the check reached them."""
    errors: list[str] = []
    checked: set[str] = set()
    schema = release_schema()
    _walk(schema, {"format": "date-time"}, package.get("publishedDate"), "publishedDate",
          errors, checked)  # fmt: skip
    for i, release in enumerate(package.get("releases", [])):
        _walk(schema, schema, release, f"releases/{i}", errors, checked)
    return errors, checked


def _walk(
    root: dict, schema: dict, value: Any, path: str, errors: list[str], checked: set[str]
) -> None:
    while "$ref" in schema:
        schema = root["definitions"][schema["$ref"].split("/")[-1]]
    field = "/".join(p for p in path.split("/") if not p.isdigit())
    if "codelist" in schema and value is not None:
        codes = codelists().get(schema["codelist"])
        if codes is None and "enum" in schema:
            # A closed codelist not copied here (initiationType): its codes are the enum.
            codes = frozenset(c for c in schema["enum"] if c is not None)
        checked.add(field)
        if codes is None:
            errors.append(f"{path}: no codelist {schema['codelist']} to check against")
        else:
            for code in value if isinstance(value, list) else [value]:
                if code not in codes:
                    errors.append(f"{path}: {code!r} is not in {schema['codelist']}")
    if schema.get("format") == "date-time" and isinstance(value, str):
        checked.add(field)
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            errors.append(f"{path}: {value!r} is not a date-time")
        else:
            if moment.tzinfo is None:
                errors.append(f"{path}: {value!r} has no offset")
    if isinstance(value, dict):
        for key, item in value.items():
            sub = schema.get("properties", {}).get(key)
            if sub is not None:
                _walk(root, sub, item, f"{path}/{key}", errors, checked)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            _walk(root, schema["items"], item, f"{path}/{i}", errors, checked)


def reference_errors(package: dict[str, Any]) -> list[str]:
    """Every id that is not unique where OCDS needs it, and every reference to a party, lot or
    bid that the release does not hold (OCDS rules the JSON schema cannot state)."""
    errors: list[str] = []
    for r, release in enumerate(package.get("releases", [])):
        where = f"releases/{r}"
        parties = {p["id"]: p for p in release.get("parties", [])}
        lots = {lot["id"] for lot in release.get("tender", {}).get("lots", [])}
        bids = release.get("bids", {})
        details = {b["id"] for b in bids.get("details", [])}
        for name, items in (
            ("parties", release.get("parties", [])),
            ("awards", release.get("awards", [])),
            ("tender/lots", release.get("tender", {}).get("lots", [])),
            ("bids/statistics", bids.get("statistics", [])),
            ("bids/details", bids.get("details", [])),
        ):
            ids = [item["id"] for item in items]
            if len(ids) != len(set(ids)):
                errors.append(f"{where}/{name}: ids are not unique")

        def party(ref: dict, role: str, at: str, parties: dict = parties) -> None:
            found = parties.get(ref.get("id"))
            if found is None:
                errors.append(f"{at}: {ref.get('id')!r} is not in parties")
            elif found.get("name") != ref.get("name") or role not in found.get("roles", []):
                errors.append(f"{at}: {ref} does not match its party (role {role})")

        party(release.get("buyer", {}), "buyer", f"{where}/buyer")
        for a, award in enumerate(release.get("awards", [])):
            for s, supplier in enumerate(award.get("suppliers", [])):
                party(supplier, "supplier", f"{where}/awards/{a}/suppliers/{s}")
            if not set(award.get("relatedLots", [])) <= lots:
                errors.append(f"{where}/awards/{a}: relatedLots not in tender/lots")
            if "relatedBid" in award and award["relatedBid"] not in details:
                errors.append(f"{where}/awards/{a}: relatedBid not in bids/details")
        for s, stat in enumerate(bids.get("statistics", [])):
            if stat.get("relatedLot") not in lots:
                errors.append(f"{where}/bids/statistics/{s}: relatedLot not in tender/lots")
        for b, bid in enumerate(bids.get("details", [])):
            for t, tenderer in enumerate(bid.get("tenderers", [])):
                party(tenderer, "tenderer", f"{where}/bids/details/{b}/tenderers/{t}")
            if not set(bid.get("relatedLots", [])) <= lots:
                errors.append(f"{where}/bids/details/{b}: relatedLots not in tender/lots")
    return errors


def all_problems(package: dict[str, Any]) -> list[str]:
    """Schema, codelist, date-time and reference problems together ([] for a good package)."""
    return [*schema_errors(package), *codelist_errors(package)[0], *reference_errors(package)]


def _load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
