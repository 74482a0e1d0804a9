"""Every text the award notice publishes is cleaned by one rule (parties.published_text: one
line, no control characters, direction overrides or zero-width characters), whether it came
from a supplier's bid or from the plan.

Found by a red team (session 40, rtocds 4): a supplier named "Evil\\x1b[31m Care\\u202e Ltd"
was published raw as the party's name and the award's supplier, beside the same party's
cleaned legalName (one party, two spellings); the plan's buyer, title, lot names and publisher
went raw into the notice too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import tendereval
from tendereval.earlier_outputs import out_of_date
from tests.example_copies import example_copy
from tests.ocds.tenders import Bid, Supplier, tender_from_notice

EVIL = "Evil\x1b[31m Care\u202e Ltd"
GAMMA = "Gamma\x85 Care\u200b"
# What no published text may hold: C0/C1 controls (a line break only in a description),
# direction marks and overrides, zero-width characters.
HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_a_supplier_name_is_published_as_its_legal_name_is(tmp_path: Path) -> None:
    suppliers = [Supplier(EVIL, "01234567"), Supplier("Beta Care", "07654321")]
    suppliers.append(Supplier(GAMMA, "SC123456"))
    bids = [Bid(EVIL, "1", 500000, (4, 4, 4)), Bid("Beta Care", "2", 500000)]
    folder = tender_from_notice(tmp_path / "t", [*bids, Bid(GAMMA, "3", 510000)], suppliers)
    published = tendereval.publish(folder, output=tmp_path / "award.json")
    release = json.loads((tmp_path / "award.json").read_text(encoding="utf-8"))["releases"][0]
    names = {party["name"]: party["identifier"]["legalName"] for party in release["parties"][1:]}
    assert names == {
        "Evil[31m Care Ltd": "Evil[31m Care Ltd",
        "Beta Care": "Beta Care",
        "Gamma Care": "Gamma Care",
    }
    awarded = [s["name"] for award in release["awards"] for s in award.get("suppliers", ())]
    assert "Evil[31m Care Ltd" in awarded
    # Read back, the release still matches the decision that named the supplier raw.
    assert published.written
    assert out_of_date(tendereval.score(folder, sensitivity=False)) == []


def test_the_plans_own_texts_are_published_cleaned(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^buyer = ".*"$', r'buyer = "Example\\u001b[2J County\\u200b Council"', text)
    text = re.sub(r'(?m)^title = ".*"$', r'title = "Home\\u0085 care\\u2028x"', text, count=1)
    plan.write_text(text, encoding="utf-8")
    tendereval.publish(folder, ocid_prefix="ocds-abc123", output=tmp_path / "award.json")
    package = json.loads((tmp_path / "award.json").read_text(encoding="utf-8"))
    release = package["releases"][0]
    assert release["buyer"]["name"] == "Example[2J County Council"
    assert release["parties"][0]["name"] == "Example[2J County Council"
    assert package["publisher"]["name"] == "Example[2J County Council"
    assert release["tender"]["title"] == "Home care x"
    assert [text for text in _texts(package) if HIDDEN.search(text)] == []
