"""Tender folders for the OCDS tests: the plan ``init --from-notice`` builds from the fixture
notice, and bids in the consolidated CSV form (``evaluation/``), one evaluator scoring all.

The fixture notice (``fixtures/find-a-tender-notice.json``) is a tender notice in Find a Tender's
shape: three lots (1 Ashford, 2 Canterbury, 3 Dover), each with the award criteria Service
delivery model 30%, Safeguarding, workforce and quality assurance 20%, Social value 10% and
Price 40%, and a cap of two lots per supplier.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tendereval import init_from_notice
from tendereval.plan import PLACEHOLDERS

FIXTURES = Path(__file__).parent / "fixtures"
NOTICE = FIXTURES / "find-a-tender-notice.json"
QUESTIONS = ("Q1", "Q2", "social_value")  # the questions of the plan built from the notice
CAP_PLACEHOLDER = PLACEHOLDERS["participation.cap_mechanism"]
MECHANISM = (
    "The buyer awards each supplier its highest-ranked lots, as the tender documents set out"
)


@dataclass(frozen=True)
class Bid:
    supplier: str
    lot: str
    rate: float  # £ a contract year
    marks: tuple[float, float, float] = (3, 3, 3)  # Q1, Q2, social value


@dataclass(frozen=True)
class Supplier:
    name: str
    company_number: str = ""
    charity_number: str = ""
    staff: int = 40
    vcse: bool = False
    extra: dict = field(default_factory=dict)


def tender_from_notice(folder: Path, bids: list[Bid], suppliers: list[Supplier]) -> Path:
    """``folder`` made by ``init --from-notice`` with ``bids`` in ``evaluation/``."""
    init_from_notice(folder, NOTICE)
    # The officer copies the published mechanism over init's placeholder (which would hold
    # the award notice back: plan.placeholder).
    edit_plan(folder, (f'cap_mechanism = "{CAP_PLACEHOLDER}"', f'cap_mechanism = "{MECHANISM}"'))
    write_bids(folder, bids, suppliers)
    return folder


def notice_changed(tmp_path: Path, change: Callable[[dict], None]) -> Path:
    """The fixture notice with ``change`` made to its release, saved in ``tmp_path``."""
    data = copy.deepcopy(json.loads(NOTICE.read_text(encoding="utf-8")))
    change(data["releases"][0])
    path = tmp_path / "changed-notice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def edit_plan(folder: Path, *changes: tuple[str, str]) -> None:
    """``tender.toml`` in ``folder`` with each (text, replacement) made once; each is there."""
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")


def write_bids(folder: Path, bids: list[Bid], suppliers: list[Supplier]) -> None:
    """The bids as the consolidated CSV form; only the ``suppliers`` that bid are listed."""
    bidders = {b.supplier for b in bids}
    suppliers = [s for s in suppliers if s.name in bidders]
    out = folder / "evaluation"
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "suppliers.csv",
        [
            "supplier",
            "legal_name",
            "company_number",
            "charity_number",
            "address",
            "org_type",
            "vcse",
            "staff",
            "turnover",
            "balance_sheet",
        ],
        [
            [
                s.name,
                s.name,
                s.company_number,
                s.charity_number,
                "1 High Street, Ashford",
                "charity" if s.vcse else "private company",
                "yes" if s.vcse else "no",
                s.staff,
                2_000_000 if s.staff < 250 else 90_000_000,
                900_000,
            ]
            for s in suppliers
        ],
    )
    _write(
        out / "prices.csv",
        ["supplier", "lot", "item", "unit_rate", "uplift"],
        [[b.supplier, b.lot, "contract_year", b.rate, 0] for b in bids],
    )
    _write(
        out / "scores.csv",
        ["evaluator", "group", "supplier", "lot", "question", "score", "reason"],
        [
            ["Ann Evans", "", b.supplier, b.lot, q, mark, f"Ann's reason for {q}"]
            for b in bids
            for q, mark in zip(QUESTIONS, b.marks, strict=True)
        ],
    )
    _write(
        out / "declarations.csv",
        ["evaluator", "group", "declared_on", "conflict", "conflicted_suppliers"],
        [["Ann Evans", "", "2026-03-03", "none", ""]],
    )


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
