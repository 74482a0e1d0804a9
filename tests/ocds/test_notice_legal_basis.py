"""A legal basis tendereval does not model. Before, a notice of June 2024 naming the Public
Contracts (Scotland) Regulations 2015 (SSI 2015/446) or the Utilities Contracts Regulations
2016 (UKSI 2016/274) made init write PA2023: the Act, which cannot apply to a procurement
begun in 2024 (nor in Scotland at all), and validate said nothing. Those two are read as the
nearest regime modelled, PCR2015, with a warning saying they are not modelled; a basis
tendereval does not know at all is read by the day the procurement began, with a warning."""

from __future__ import annotations

import copy
import json

import pytest

from tendereval.errors import Problems
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data

from .tenders import NOTICE

FIXTURE = json.loads(NOTICE.read_text(encoding="utf-8"))


def _read(basis: dict | None, date: str = "2024-06-03T09:00:00Z"):
    data = copy.deepcopy(FIXTURE)
    release = data["releases"][0]
    release["date"] = date
    if basis is None:
        del release["tender"]["legalBasis"]
    else:
        release["tender"]["legalBasis"] = basis
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    regime = next(
        (c for c in plan_text(notice).choices if c.startswith("the procurement regime")), ""
    )
    return notice, problems.items, regime


@pytest.mark.parametrize(
    ("basis", "named"),
    [
        ({"scheme": "SSI", "id": "2015/446"}, "the Public Contracts (Scotland) Regulations 2015"),
        ({"scheme": "UKSI", "id": "2016/274"}, "the Utilities Contracts Regulations 2016"),
    ],
)
def test_scottish_and_utilities_regulations_are_read_as_pcr2015_with_a_warning(
    basis, named
) -> None:
    notice, problems, regime = _read(basis)
    assert notice.regime == "PCR2015"
    shown = f"{basis['scheme']} {basis['id']}"
    assert [(p.code, p.cell, p.found, p.is_error) for p in problems] == [
        ("notice.legal_basis", "releases[0].tender.legalBasis", shown, False)
    ]
    assert problems[0].message == (
        f"the notice's legal basis is {named}, a regime tendereval does not model: it is read "
        "as PCR2015 (Public Contracts Regulations 2015), the nearest it does"
    )
    assert regime == (
        f"the procurement regime: legal basis {shown}: {named}, which tendereval does not "
        "model; PCR2015 is the nearest regime it does, so PCR2015 (Public Contracts "
        "Regulations 2015) is written; check it against your tender documents"
    )


def test_a_basis_tendereval_does_not_know_is_read_by_the_day_the_procurement_began() -> None:
    defence = {"scheme": "UKSI", "id": "2011/1848"}
    notice, problems, regime = _read(defence)
    assert (notice.regime, str(notice.begun_on)) == ("PCR2015", "2024-06-03")
    assert [(p.code, p.found) for p in problems] == [("notice.legal_basis", "UKSI 2011/1848")]
    began = (
        "the notice's legal basis (UKSI 2011/1848) is not one tendereval knows, and the "
        "procurement began on 3 June 2024 (when its tender notice was first published), before "
        "the Procurement Act 2023 took effect on 24 February 2025"
    )
    assert problems[0].message == (
        "the notice's legal basis is not one tendereval knows, so the regime is read from the "
        f"day the procurement began: {began}"
    )
    assert regime.startswith(f"the procurement regime: {began}, so PCR2015")
    # Begun once the Act had taken effect: the Act, as for a notice naming no basis.
    notice, problems, regime = _read(defence, "2025-06-02T09:00:00Z")
    assert notice.regime is None
    assert problems[0].message.endswith("so it is taken as PA2023")
    assert "so it is taken as PA2023 (Procurement Act 2023) and that is written" in regime


@pytest.mark.parametrize("basis", [{"scheme": "UKPGA", "id": "2023/54"}, None])
def test_a_known_basis_or_none_draws_no_warning(basis) -> None:
    assert _read(basis)[1] == []
