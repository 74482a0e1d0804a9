"""Rebuild the two example tenders: plan, bid returns, score sheets and moderation.

    python examples/build_examples.py            # writes both folders next to this script
    python examples/build_examples.py OUT_DIR    # writes them under OUT_DIR instead

Every workbook is made the way a real tender makes it: the template is built from the plan
with :mod:`tendereval.templates`, then filled in cell by cell as a supplier or evaluator
would. All organisations, people and figures are fictional; the districts are Kent's. The
output is deterministic (a fixed random seed, no clock), so rebuilding changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tendereval import layout, sheets, templates
from tendereval.plan import Plan, load_plan

HERE = Path(__file__).resolve().parent
PROXY_TABLE = "social-value-proxies-2026.csv"


# ---- Filling in workbooks as people do ---------------------------------------------------------


def slug(name: str) -> str:
    """``Weald Carers Trust`` → ``weald-carers-trust``."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def fill_form(ws: Any, fields: tuple[layout.Field, ...], values: dict[str, Any]) -> None:
    """Type ``values`` into a form sheet's column B, row by row as the template laid it out."""
    for offset, fld in enumerate(fields):
        if values.get(fld.key) not in (None, ""):
            sheets.put(ws.cell(row=layout.FORM_FIRST_ROW + offset, column=2), values[fld.key])


def column_of(columns: tuple[layout.Column, ...], key: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)


def fill_table(ws: Any, columns: tuple[layout.Column, ...], rows: list[dict[str, Any]]) -> None:
    """Type ``rows`` into the empty rows of a table sheet, from the row under the header."""
    for offset, values in enumerate(rows):
        row = layout.TABLE_HEADER_ROW + 1 + offset
        for key, value in values.items():
            if value not in (None, ""):
                sheets.put(ws.cell(row=row, column=column_of(columns, key)), value)


def fill_matching(
    ws: Any,
    columns: tuple[layout.Column, ...],
    keys: tuple[str, ...],
    answer: Callable[[tuple], dict[str, Any] | None],
) -> None:
    """For each pre-filled row, ``answer(key values)`` gives the cells to type (or None)."""
    key_columns = [column_of(columns, k) for k in keys]
    for row in range(layout.TABLE_HEADER_ROW + 1, ws.max_row + 1):
        found = tuple(ws.cell(row=row, column=c).value for c in key_columns)
        if found[0] is None:
            continue
        values = answer(found)
        for key, value in (values or {}).items():
            sheets.put(ws.cell(row=row, column=column_of(columns, key)), value)


# ---- What the people in a tender write ---------------------------------------------------------


@dataclass
class Bidder:
    name: str
    organisation: dict[str, Any]
    rates: dict[str, dict[str, float]]  # lot → item → unit rate
    uplift: float
    supply_chain: list[dict[str, Any]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lots(self) -> list[str]:
        return list(self.rates)


@dataclass
class Evaluator:
    name: str
    role: str
    declared_on: dt.date
    scores: dict[tuple[str, str], int]  # (supplier, question) → score (same for every lot)
    reasons: dict[tuple[str, str], str]
    group: str | None = None


def ppon(name: str) -> str:
    """A made-up Public Procurement Organisation Number for ``name``, in the form Find a
    Tender gives them (PDZV-7449-YCMT), the same on every rebuild."""
    digest = hashlib.sha256(name.encode()).digest()
    letters, digits = "BCDGHJLMNPQRTVWXYZ", "123456789"
    first = "P" + "".join(letters[b % len(letters)] for b in digest[:3])
    middle = "".join(digits[b % len(digits)] for b in digest[3:7])
    return f"{first}-{middle}-" + "".join(letters[b % len(letters)] for b in digest[7:11])


def write_bid(plan: Plan, folder: Path, bidder: Bidder, proxies: Any) -> Path:
    """A bid return built from the plan and filled in by the supplier: every supplier but
    the buyer's own team registered on the Central Digital Platform, as one bidding under the
    Procurement Act is."""
    path = folder / layout.BIDS_FOLDER / f"{slug(bidder.name)}.xlsx"
    templates.build_bid_return(plan, path, proxies=proxies)
    wb = load_workbook(path)
    registered = bidder.organisation.get("org_type") != "in-house team"
    fill_form(
        wb[layout.BID_ORGANISATION],
        layout.ORGANISATION_FIELDS,
        {
            "legal_name": bidder.name,
            "unique_identifier": ppon(bidder.name) if registered else "",
            **bidder.organisation,
        },
    )
    fill_table(wb[layout.BID_SUPPLY_CHAIN], layout.SUPPLY_CHAIN_COLUMNS, bidder.supply_chain)

    def price(found: tuple) -> dict[str, Any] | None:
        lot, item = found
        if lot not in bidder.rates:
            return None
        return {"unit_rate": bidder.rates[lot][item], "uplift": bidder.uplift}

    fill_matching(wb[layout.BID_PRICES], layout.PRICE_COLUMNS, ("lot", "item"), price)
    if bidder.packages:
        fill_table(wb[layout.BID_PACKAGES], layout.PACKAGE_COLUMNS, bidder.packages)
    if bidder.commitments:
        fill_table(wb[layout.BID_SOCIAL_VALUE], layout.SOCIAL_VALUE_COLUMNS, bidder.commitments)
    return sheets.save(wb, path)


def write_score_sheet(
    plan: Plan, folder: Path, bids: dict[str, list[str]], evaluator: Evaluator
) -> Path:
    """An evaluator's score sheet, declaration made and every row scored with a reason."""
    path = folder / layout.SCORES_FOLDER / f"{slug(evaluator.name)}.xlsx"
    templates.build_score_sheet(plan, path, bids, evaluator.name, group=evaluator.group)
    wb = load_workbook(path)
    fill_form(
        wb[layout.SCORE_DECLARATION],
        layout.DECLARATION_FIELDS,
        {
            "role": evaluator.role,
            "declared_on": evaluator.declared_on,
            "conflict": "none",
        },
    )

    def score(found: tuple) -> dict[str, Any]:
        supplier, _lot, question = found
        return {
            "score": evaluator.scores[supplier, question],
            "reason": evaluator.reasons[supplier, question],
        }

    fill_matching(
        wb[layout.SCORE_SCORES], layout.SCORE_COLUMNS, ("supplier", "lot", "question"), score
    )
    return sheets.save(wb, path)


def write_moderation(
    plan: Plan,
    folder: Path,
    bids: dict[str, list[str]],
    consensus: dict[tuple[str, str], tuple[int, str]],
    moderator: str,
) -> Path:
    """The moderation workbook with the panel's consensus scores for the items it discussed."""
    path = folder / layout.SCORES_FOLDER / "moderation.xlsx"
    templates.build_moderation_sheet(plan, path, bids)
    wb = load_workbook(path)

    def agreed(found: tuple) -> dict[str, Any] | None:
        supplier, _lot, question = found
        if (supplier, question) not in consensus:
            return None
        score, reason = consensus[supplier, question]
        return {"score": score, "reason": reason, "moderator": moderator}

    fill_matching(
        wb[layout.MODERATION_SHEET],
        layout.MODERATION_COLUMNS,
        ("supplier", "lot", "question"),
        agreed,
    )
    return sheets.save(wb, path)


def fresh_folder(folder: Path) -> None:
    for name in (layout.BIDS_FOLDER, layout.SCORES_FOLDER):
        shutil.rmtree(folder / name, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def load(folder: Path) -> Plan:
    plan, problems = load_plan(folder)
    errors = [p for p in problems if p.is_error]
    if plan is None or errors:
        raise SystemExit("\n".join(str(p) for p in problems))
    return plan


# ==== Carers' short breaks: one lot, six bidders ================================================

CARERS_PLAN = """\
# Illustrative example: a fictional tender, built by examples/build_examples.py.
# Short breaks for unpaid carers: one county-wide lot, price 40 / quality 40 / social value 20,
# three officer evaluators and a service-user (carers') panel whose view carries 25% of the
# questions it scores.

[tender]
id = "CSB-2026-01"
title = "Short breaks for unpaid carers"
buyer = "Example County Council"
currency = "GBP"
regime = "PA2023"
contract_years = 3
profile = ""

[approval]
approved_by = "Adult Social Care Cabinet Committee"
approved_on = 2026-01-20
weights_set_by = "Carers' Commissioning Team with the Carers' Reference Group"
notes = "Weights and questions agreed before the invitation to tender was published."

# ---- Lots ------------------------------------------------------------------------------------
[[lots]]
id = "CSB"
name = "Carers' short breaks (county-wide)"
estimated_value = 3_100_000
group = "County-wide"
# The council's fair-cost-of-care model for three years of this service (Real Living Wage,
# on-costs, travel and overheads). Bids below it are flagged for a query, never rejected.
true_cost = 2_550_000
volumes = { sitting_hours = 18_000, respite_nights = 1_400, day_sessions = 2_600 }

# ---- Price -----------------------------------------------------------------------------------
[price]
method = "lowest_price_ratio"
evaluation = "whole_life"

[[price.items]]
id = "sitting_hours"
description = "Sitting service at the cared-for person's home"
unit = "hour"

[[price.items]]
id = "respite_nights"
description = "Overnight respite in a registered setting"
unit = "night"

[[price.items]]
id = "day_sessions"
description = "Day opportunities session (four hours)"
unit = "session"

[abnormally_low]
share_of_median = 0.8
below_true_cost = true

# ---- Scoring scales --------------------------------------------------------------------------
[scales.five_point]
values = [0, 1, 2, 3, 4, 5]

[scales.five_point.descriptors]
"0" = "No response or wholly inadequate"
"1" = "Poor: major gaps or concerns"
"2" = "Weak: some gaps, limited evidence"
"3" = "Satisfactory: meets the requirement"
"4" = "Good: meets it fully with evidence"
"5" = "Excellent: exceeds it with strong evidence"

# ---- Award criteria --------------------------------------------------------------------------
[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 40

[[criteria]]
id = "quality"
title = "Quality"
type = "quality"
weight_of_total = 40

  [[criteria.questions]]
  id = "Q1"
  title = "Service model: how carers find, book and use short breaks"
  weight_of_parent = 40          # 16 points of 100
  scale = "five_point"
  minimum = 2
  disqualify_below_minimum = true

  [[criteria.questions]]
  id = "Q2"
  title = "Safeguarding, workforce and quality assurance"
  weight_of_parent = 35          # 14 points of 100
  scale = "five_point"

  [[criteria.questions]]
  id = "Q3"
  title = "Working with carers: involvement, feedback and outcomes"
  weight_of_parent = 25          # 10 points of 100
  scale = "five_point"

[[criteria]]
id = "social_value"
title = "Social value"
type = "social_value"
weight_of_total = 20

  [[criteria.questions]]
  id = "SV1"
  title = "How your service delivery model will improve the county's social, economic and environmental well-being"
  weight_of_parent = 50          # 10 points of 100, scored by evaluators
  scale = "five_point"

  [[criteria.questions]]
  id = "SV2"
  title = "Quantified social value commitments"
  kind = "commitments"           # units × proxy values, scored relative to the best offer
  weight_of_parent = 50          # 10 points of 100

[social_value]
method = "relative_to_best"
proxy_table = "social-value-proxies-2026.csv"   # the illustrative table shipped in templates/

# ---- Evaluation ------------------------------------------------------------------------------
[evaluation]
aggregate = "mean"
discrepancy_share = 0.4
conflicted_scores = "exclude"
missing_declaration = "exclude"

[[evaluation.groups]]
id = "service_users"
name = "Carers' Reference Group panel"
share = 25                       # the officers' scores carry the other 75
questions = ["Q1", "Q3"]

[ranking]
tie_break = ["quality", "price"]
close_call_margin = 1.0

[sme]
definition = "Procurement Act 2023"
max_staff = 249
max_turnover = 44_000_000
max_balance_sheet = 38_000_000

[participation]
count_second_tier = false
"""  # noqa: E501 (long titles in the plan are TOML text)

ITEMS = ("sitting_hours", "respite_nights", "day_sessions")


def carers_bidders() -> list[Bidder]:
    def rates(sitting: float, night: float, day: float) -> dict[str, dict[str, float]]:
        return {"CSB": dict(zip(ITEMS, (sitting, night, day), strict=True))}

    return [
        Bidder(
            "Weald Carers Trust",
            {
                "trading_name": "",
                "charity_number": "1187342",
                "company_number": "11402259",
                "address": "3 Hop Pocket Lane, Paddock Wood, Kent TN12 6ZZ",
                "org_type": "charity",
                "vcse": "yes",
                "staff": 85,
                "turnover": 3_240_000,
                "balance_sheet": 1_150_000,
                "contact_name": "Joanna Fleet",
                "contact_email": "tenders@wealdcarers.example",
            },
            rates(27.50, 215.00, 98.00),
            0.025,
            supply_chain=[
                {
                    "name": "Greensand Day Opportunities CIC",
                    "role": "subcontractor",
                    "company_number": "13877120",
                    "staff": 22,
                    "turnover": 610_000,
                    "sme": "yes",
                    "vcse": "yes",
                    "share": 0.15,
                    "lots": "CSB",
                }
            ],
            commitments=[
                {
                    "measure": "SV-JOB-LOCAL",
                    "units": 3,
                    "description": "Three new support worker posts recruited from the county",
                },
                {
                    "measure": "SV-SPEND-VCSE",
                    "units": 180_000,
                    "description": "Day sessions bought from local carers' groups",
                },
                {
                    "measure": "SV-VOL",
                    "units": 1_200,
                    "description": "Staff volunteering with carers' cafés",
                },
                {
                    "measure": "SV-TRAIN",
                    "units": 400,
                    "description": "Care Certificate and Level 3 training hours",
                },
            ],
        ),
        Bidder(
            "Hop Garden Respite CIC",
            {
                "trading_name": "Hop Garden",
                "company_number": "12650384",
                "address": "Unit 4, Oast Court, Faversham, Kent ME13 7ZZ",
                "org_type": "community interest company",
                "vcse": "yes",
                "staff": 40,
                "turnover": 1_120_000,
                "balance_sheet": 310_000,
                "contact_name": "Dev Mistry",
                "contact_email": "hello@hopgarden.example",
            },
            rates(26.80, 205.00, 95.00),
            0.025,
            commitments=[
                {
                    "measure": "SV-JOB-LOCAL",
                    "units": 4,
                    "description": "Sessional workers recruited in Swale and Thanet",
                },
                {
                    "measure": "SV-SPEND-LOCAL",
                    "units": 250_000,
                    "description": "Venues, catering and transport bought locally",
                },
                {
                    "measure": "SV-VOL",
                    "units": 1_000,
                    "description": "Volunteer-led peer support groups",
                },
                {
                    "measure": "SV-TRAIN",
                    "units": 300,
                    "description": "Accredited dementia awareness training",
                },
            ],
        ),
        Bidder(
            "Brightwater Care Services Ltd",
            {
                "trading_name": "Brightwater Care",
                "company_number": "08733516",
                "address": "Brightwater House, 21 Station Road, Maidstone, Kent ME14 9ZZ",
                "org_type": "private company",
                "vcse": "no",
                "staff": 180,
                "turnover": 9_480_000,
                "balance_sheet": 2_900_000,
                "contact_name": "Laura Kemp",
                "contact_email": "bids@brightwatercare.example",
            },
            rates(25.90, 198.00, 92.00),
            0.03,
            commitments=[
                {
                    "measure": "SV-JOB-LOCAL",
                    "units": 6,
                    "description": "Six local posts, guaranteed hours, Real Living Wage",
                },
                {
                    "measure": "SV-APP",
                    "units": 208,
                    "description": "Four Level 2 care apprenticeships a year",
                },
                {
                    "measure": "SV-TRAIN",
                    "units": 1_500,
                    "description": "Accredited training hours for the contract team",
                },
                {
                    "measure": "SV-CARBON",
                    "units": 50,
                    "description": "Electric pool cars for sitting staff",
                },
            ],
        ),
        Bidder(
            "Stour Valley Homecare Ltd",
            {
                "trading_name": "",
                "company_number": "09914277",
                "address": "2 Mill Yard, Canterbury, Kent CT1 9ZZ",
                "org_type": "private company",
                "vcse": "no",
                "staff": 120,
                "turnover": 5_830_000,
                "balance_sheet": 1_240_000,
                "contact_name": "Sam Hollis",
                "contact_email": "office@stourvalleyhomecare.example",
            },
            rates(26.40, 210.00, 96.00),
            0.03,
            commitments=[
                {"measure": "SV-JOB-LOCAL", "units": 2, "description": "Two local care posts"},
                {"measure": "SV-TRAIN", "units": 500, "description": "Staff training hours"},
            ],
        ),
        Bidder(
            "Meridian Care Group plc",
            {
                "trading_name": "Meridian Care",
                "company_number": "03318842",
                "address": "1 Meridian Plaza, Milton Keynes MK9 9ZZ",
                "org_type": "private company",
                "vcse": "no",
                "staff": 3_000,
                "turnover": 150_000_000,
                "balance_sheet": 61_000_000,
                "contact_name": "Bid Management Team",
                "contact_email": "bids@meridiancare.example",
            },
            rates(19.50, 150.00, 70.00),
            0.02,
            supply_chain=[
                {
                    "name": "Thanet Carers Forum",
                    "role": "subcontractor",
                    "company_number": "1120045",
                    "staff": 9,
                    "turnover": 240_000,
                    "sme": "yes",
                    "vcse": "yes",
                    "share": 0.10,
                    "lots": "",
                }
            ],
            commitments=[
                {"measure": "SV-JOB-LOCAL", "units": 2, "description": "Local coordinators"},
                {
                    "measure": "SV-JOB-NEET",
                    "units": 1,
                    "description": "A trainee post for a young person not in work",
                },
                {"measure": "SV-APP", "units": 104, "description": "Two apprenticeships a year"},
                {
                    "measure": "SV-SPEND-VCSE",
                    "units": 120_000,
                    "description": "Carers' forum subcontract",
                },
                {"measure": "SV-CARBON", "units": 50, "description": "Route planning software"},
            ],
        ),
        Bidder(
            "Example County Council Short Breaks Service",
            {
                "trading_name": "In-house short breaks team",
                "address": "County Hall, Maidstone, Kent ME14 9ZZ",
                "org_type": "in-house team",
                "vcse": "no",
                "staff": 60,
                "turnover": 2_950_000,
                "balance_sheet": 0,
                "contact_name": "Maria Lopes",
                "contact_email": "shortbreaks@examplecounty.example",
            },
            rates(28.90, 225.00, 104.00),
            0.02,
            commitments=[
                {"measure": "SV-JOB-LOCAL", "units": 3, "description": "Local posts"},
                {"measure": "SV-VOL", "units": 600, "description": "Staff volunteering days"},
                {"measure": "SV-TRAIN", "units": 300, "description": "Accredited training"},
            ],
        ),
    ]


# Intended panel view per supplier: Q1, Q2, Q3, SV1 (0–5).
CARERS_OFFICERS = {
    "Priya Shah": (
        "Commissioning Manager, Carers",
        dt.date(2026, 3, 2),
        {
            "Weald Carers Trust": (4, 4, 5, 4),
            "Hop Garden Respite CIC": (4, 3, 4, 4),
            "Brightwater Care Services Ltd": (4, 4, 3, 3),
            "Stour Valley Homecare Ltd": (1, 3, 2, 2),
            "Meridian Care Group plc": (3, 4, 2, 2),
            "Example County Council Short Breaks Service": (3, 4, 3, 3),
        },
    ),
    "Tom Okafor": (
        "Carers' Lead, Adult Social Care",
        dt.date(2026, 3, 2),
        {
            "Weald Carers Trust": (4, 4, 5, 4),
            # Tom read Hop Garden's booking model as having no route for urgent breaks.
            "Hop Garden Respite CIC": (1, 3, 4, 4),
            "Brightwater Care Services Ltd": (4, 3, 3, 3),
            "Stour Valley Homecare Ltd": (1, 3, 2, 2),
            "Meridian Care Group plc": (3, 3, 2, 2),
            "Example County Council Short Breaks Service": (3, 4, 3, 3),
        },
    ),
    "Helen Marsh": (
        "Quality Assurance Officer",
        dt.date(2026, 3, 3),
        {
            "Weald Carers Trust": (4, 4, 4, 4),
            "Hop Garden Respite CIC": (4, 3, 4, 4),
            "Brightwater Care Services Ltd": (4, 4, 3, 3),
            "Stour Valley Homecare Ltd": (2, 3, 2, 2),
            "Meridian Care Group plc": (3, 4, 2, 2),
            "Example County Council Short Breaks Service": (3, 3, 3, 3),
        },
    ),
}
CARERS_PANEL = {  # Q1, Q3
    "Weald Carers Trust": (4, 5),
    "Hop Garden Respite CIC": (4, 5),
    "Brightwater Care Services Ltd": (3, 3),
    "Stour Valley Homecare Ltd": (1, 2),
    "Meridian Care Group plc": (2, 1),
    "Example County Council Short Breaks Service": (3, 3),
}

# Reasons an evaluator writes, by question and score: what the bid showed.
CARERS_REASONS: dict[str, dict[int, str]] = {
    "Q1": {
        1: "No clear booking route: carers would have to phone a central office in working "
        "hours and there is no arrangement for urgent or emergency breaks.",
        2: "Booking described but limited to office hours; little choice of break type.",
        3: "A workable booking route with online and phone options; urgent breaks rely on a "
        "partner and response times are not committed.",
        4: "Clear booking by phone, online and through carers' workers, with urgent breaks "
        "within 48 hours and a named coordinator for each carer.",
        5: "Excellent, carer-led design: flexible breaks booked any way the carer chooses, an "
        "urgent route within 24 hours and evidence from a current contract.",
    },
    "Q2": {
        3: "Meets the safeguarding requirement; training plan given but supervision and "
        "audit arrangements are general.",
        4: "Strong safeguarding policy with named leads, monthly supervision and a quality "
        "audit cycle; recruitment plan is realistic.",
        5: "Exceptional assurance framework with independent audits and outcome reporting.",
    },
    "Q3": {
        1: "Carers are not involved in shaping the service; feedback is an annual survey only.",
        2: "Feedback collected but no evidence of acting on it; outcomes are outputs only.",
        3: "Regular feedback and a carers' forum; outcome measures are partly defined.",
        4: "Carers co-design the offer through a forum; clear outcome measures with a "
        "quarterly report.",
        5: "Carers shape the service at every level, paid for their time, with outcomes "
        "measured and published; strong evidence of impact elsewhere.",
    },
    "SV1": {
        2: "Generic statement with few specific local commitments.",
        3: "Sensible local commitments on jobs and training, modest in scale.",
        4: "Specific, measurable commitments to local employment, carers' groups and lower "
        "travel emissions, with a named lead.",
    },
}
PANEL_REASONS: dict[str, dict[int, str]] = {
    "Q1": {
        1: "Carers on the panel could not see how they would get a break at short notice.",
        2: "The panel found the booking process hard to follow and inflexible.",
        3: "The panel thought the booking process was workable but not very flexible.",
        4: "Panel members liked being able to book online or through someone they know.",
        5: "The panel said this is the service they would want: flexible, quick and personal.",
    },
    "Q3": {
        1: "The panel felt carers' views would not change anything in this service.",
        2: "Carers would be asked their views but the panel saw little follow-up.",
        3: "The carers' forum is a good start; the panel wanted to see more influence.",
        5: "The panel valued carers being paid to help run and check the service.",
    },
}


def carers_evaluators() -> list[Evaluator]:
    questions = ("Q1", "Q2", "Q3", "SV1")
    evaluators = []
    for name, (role, declared_on, table) in CARERS_OFFICERS.items():
        scores = {
            (s, q): v for s, row in table.items() for q, v in zip(questions, row, strict=True)
        }
        reasons = {key: CARERS_REASONS[key[1]][v] for key, v in scores.items()}
        evaluators.append(Evaluator(name, role, declared_on, scores, reasons))
    scores = {
        (s, q): v for s, row in CARERS_PANEL.items() for q, v in zip(("Q1", "Q3"), row, strict=True)
    }
    reasons = {key: PANEL_REASONS[key[1]][v] for key, v in scores.items()}
    evaluators.append(
        Evaluator(
            "Carers' Reference Group panel",
            "Five unpaid carers, facilitated by the Carers' Lead",
            dt.date(2026, 3, 4),
            scores,
            reasons,
            group="service_users",
        )
    )
    return evaluators


CARERS_MODERATION = {
    ("Hop Garden Respite CIC", "Q1"): (
        3,
        "Scores were 4, 1 and 4. Tom Okafor read the bid as having no urgent-break route; the "
        "panel found section 2.3 describes one through a partner respite home but with no "
        "committed response time. Agreed 3: a workable model with an uncommitted urgent "
        "route.",
    ),
    ("Stour Valley Homecare Ltd", "Q1"): (
        1,
        "All evaluators found no booking route outside office hours and no urgent breaks. "
        "Consensus 1 is below the minimum of 2, so the bid is disqualified under the "
        "published rule.",
    ),
    ("Weald Carers Trust", "Q3"): (
        5,
        "Scores were 5, 5 and 4. The panel agreed the paid carer-researcher roles and the "
        "published outcome report in section 4 exceed the requirement.",
    ),
    ("Brightwater Care Services Ltd", "Q2"): (
        4,
        "Scores were 4, 3 and 4. Agreed 4: the supervision schedule and audit cycle in "
        "appendix C meet the requirement fully.",
    ),
    ("Meridian Care Group plc", "Q2"): (
        4,
        "Scores were 4, 3 and 4. Agreed 4: a thorough national framework, applied locally "
        "through the named registered manager.",
    ),
}


def build_carers(folder: Path) -> None:
    fresh_folder(folder)
    (folder / "tender.toml").write_text(CARERS_PLAN, encoding="utf-8")
    plan = load(folder)
    proxies = templates.find_proxies(plan, folder)
    bidders = carers_bidders()
    for bidder in bidders:
        write_bid(plan, folder, bidder, proxies)
    bids = {b.name: b.lots for b in bidders}
    for evaluator in carers_evaluators():
        write_score_sheet(plan, folder, bids, evaluator)
    write_moderation(plan, folder, bids, CARERS_MODERATION, "Priya Shah (chair)")


# ==== Home care in Kent's twelve districts =====================================================

DISTRICTS = (  # id, name, health area, care hours a year, waking nights a year
    ("ASH", "Ashford", "East Kent", 120_000, 900),
    ("CAN", "Canterbury", "East Kent", 165_000, 1_200),
    ("DAR", "Dartford", "North Kent", 85_000, 600),
    ("DOV", "Dover", "East Kent", 130_000, 1_000),
    ("FOL", "Folkestone and Hythe", "East Kent", 125_000, 950),
    ("GRA", "Gravesham", "North Kent", 90_000, 650),
    ("MAI", "Maidstone", "West Kent", 160_000, 1_150),
    ("SEV", "Sevenoaks", "West Kent", 110_000, 800),
    ("SWA", "Swale", "North Kent", 140_000, 1_050),
    ("THA", "Thanet", "East Kent", 175_000, 1_400),
    ("TON", "Tonbridge and Malling", "West Kent", 115_000, 850),
    ("TUN", "Tunbridge Wells", "West Kent", 105_000, 750),
)
AREAS = {
    "East Kent": ("ASH", "CAN", "DOV", "FOL", "THA"),
    "North Kent": ("DAR", "GRA", "SWA"),
    "West Kent": ("MAI", "SEV", "TON", "TUN"),
}
YEARS = 3
FAIR_HOURLY = 24.20  # the fair-cost-of-care hourly rate behind each lot's true cost
FAIR_NIGHTLY = 150.00


def homecare_plan() -> str:
    lots = []
    for lot_id, name, area, hours, nights in DISTRICTS:
        estimate = round((hours * 26.50 + nights * 175) * YEARS, -4)
        true_cost = round((hours * FAIR_HOURLY + nights * FAIR_NIGHTLY) * YEARS, -3)
        lots.append(f'''[[lots]]
id = "{lot_id}"
name = "{name}"
group = "{area}"
estimated_value = {estimate:_.0f}
true_cost = {true_cost:_.0f}
volumes = {{ care_hours = {hours:_}, waking_nights = {nights:_} }}
''')
    return f"""\
# Illustrative example: a fictional tender, built by examples/build_examples.py.
# Home care at district level: twelve lots, one per Kent district, grouped by health area.
# Price 60 / quality 30 / social value 10 (a question scored by evaluators). County-wide
# providers may offer packages; no supplier is awarded more than four lots.

[tender]
id = "HC-2026-07"
title = "Home care and support at home, by district"
buyer = "Example County Council"
currency = "GBP"
regime = "PA2023"
contract_years = {YEARS}
profile = ""

[approval]
approved_by = "Adult Social Care Cabinet Committee"
approved_on = 2026-02-10
weights_set_by = "Older People's Commissioning Team"
notes = "Lot design (12 districts, cap of 4) consulted on at the provider market event."

# ---- Lots ------------------------------------------------------------------------------------
# true_cost: the council's fair cost of care (£{FAIR_HOURLY:.2f} an hour, £{FAIR_NIGHTLY:.0f} a
# waking night) for the lot's volumes over {YEARS} years.
{chr(10).join(lots)}
# ---- Price -----------------------------------------------------------------------------------
[price]
method = "lowest_price_ratio"
evaluation = "whole_life"

[[price.items]]
id = "care_hours"
description = "Personal care and support at home"
unit = "hour"

[[price.items]]
id = "waking_nights"
description = "Waking night support"
unit = "night"

[abnormally_low]
share_of_median = 0.8
below_true_cost = true

# ---- Scoring scales --------------------------------------------------------------------------
[scales.five_point]
values = [0, 1, 2, 3, 4, 5]

[scales.five_point.descriptors]
"0" = "No response or wholly inadequate"
"1" = "Poor"
"2" = "Weak"
"3" = "Satisfactory"
"4" = "Good"
"5" = "Excellent"

# ---- Award criteria --------------------------------------------------------------------------
[[criteria]]
id = "price"
title = "Price"
type = "price"
weight_of_total = 60

[[criteria]]
id = "quality"
title = "Quality"
type = "quality"
weight_of_total = 30

  [[criteria.questions]]
  id = "Q1"
  title = "Continuity of care and responding to changing needs"
  weight_of_parent = 40          # 12 points of 100
  scale = "five_point"
  minimum = 2
  disqualify_below_minimum = true

  [[criteria.questions]]
  id = "Q2"
  title = "Recruiting and keeping care workers in the district"
  weight_of_parent = 35          # 10.5 points of 100
  scale = "five_point"

  [[criteria.questions]]
  id = "Q3"
  title = "Safeguarding and quality assurance"
  weight_of_parent = 25          # 7.5 points of 100
  scale = "five_point"

[[criteria]]
id = "social_value"
title = "Social value"
type = "social_value"
weight_of_total = 10

  [[criteria.questions]]
  id = "SV1"
  title = "Describe how your service delivery model considers social value and shall improve the social, economic and environmental well-being of the district"
  weight_of_parent = 100         # 10 points of 100
  scale = "five_point"

[social_value]
method = "relative_to_best"
proxy_table = ""

# ---- Evaluation ------------------------------------------------------------------------------
[evaluation]
aggregate = "mean"
discrepancy_share = 0.4
conflicted_scores = "exclude"
missing_declaration = "exclude"

[ranking]
tie_break = ["quality", "price"]
close_call_margin = 1.0

[sme]
definition = "Procurement Act 2023"
max_staff = 249
max_turnover = 44_000_000
max_balance_sheet = 38_000_000

[participation]
max_lots_per_supplier = 4        # Procurement Act 2023 s.23(4)
cap_mechanism = "Lots are awarded in descending order of estimated lot value; a supplier that already holds four lots is passed over and the next-ranked valid bid for that lot wins. Package offers count as one lot per district they cover."
cap_rule = "descending_value"    # the rule above, applied exactly as published
count_second_tier = true
"""  # noqa: E501 (long titles in the plan are TOML text)


# (name, org type, vcse, staff, turnover, town, lots, packages, quality level 1–5)
HOMECARE_SUPPLIERS: tuple[tuple, ...] = (
    (
        "Bluebell Homecare Ltd",
        "private company",
        "no",
        1_800,
        62_000_000,
        "Maidstone",
        tuple(d[0] for d in DISTRICTS),
        ("East Kent", "West Kent", "North Kent"),
        3,
    ),
    (
        "Harbourside Home Support Ltd",
        "private company",
        "no",
        2_400,
        75_500_000,
        "Chatham",
        ("DAR", "GRA", "SWA", "MAI", "SEV", "TON", "TUN", "CAN", "THA", "ASH"),
        ("West Kent", "North Kent"),
        3,
    ),
    (
        "Oasthouse Care Group Ltd",
        "private company",
        "no",
        900,
        31_000_000,
        "Ashford",
        ("ASH", "CAN", "DOV", "FOL", "THA", "SWA", "MAI", "TON", "TUN"),
        ("East Kent",),
        4,
    ),
    (
        "Greenleaf Community Care Ltd",
        "private company",
        "no",
        240,
        9_200_000,
        "Folkestone",
        ("ASH", "CAN", "DOV", "FOL", "THA", "SWA", "GRA", "DAR"),
        ("Coast",),
        4,
    ),
    (
        "Ashford Home Companions Ltd",
        "private company",
        "no",
        65,
        2_100_000,
        "Ashford",
        ("ASH",),
        (),
        4,
    ),
    (
        "Wye Valley Carers CIC",
        "community interest company",
        "yes",
        28,
        780_000,
        "Wye",
        ("ASH", "CAN"),
        (),
        5,
    ),
    (
        "Cathedral City Care Ltd",
        "private company",
        "no",
        110,
        3_900_000,
        "Canterbury",
        ("CAN",),
        (),
        3,
    ),
    (
        "Stour Community Support",
        "charity",
        "yes",
        54,
        1_600_000,
        "Canterbury",
        ("CAN", "DOV"),
        (),
        4,
    ),
    (
        "Darenth Home Care Ltd",
        "private company",
        "no",
        72,
        2_500_000,
        "Dartford",
        ("DAR", "GRA"),
        (),
        3,
    ),
    (
        "White Cliffs Home Care Ltd",
        "private company",
        "no",
        88,
        3_100_000,
        "Dover",
        ("DOV",),
        (),
        4,
    ),
    (
        "Dover Neighbours Care CIC",
        "community interest company",
        "yes",
        31,
        820_000,
        "Deal",
        ("DOV", "FOL"),
        (),
        4,
    ),
    (
        "Shepway Support Services Ltd",
        "private company",
        "no",
        95,
        3_300_000,
        "Hythe",
        ("FOL",),
        (),
        3,
    ),
    (
        "Romney Marsh Care CIC",
        "community interest company",
        "yes",
        24,
        690_000,
        "New Romney",
        ("FOL", "ASH"),
        (),
        5,
    ),
    (
        "Riverside Gravesend Care Ltd",
        "private company",
        "no",
        70,
        2_400_000,
        "Gravesend",
        ("GRA",),
        (),
        3,
    ),
    (
        "Medway Valley Care Ltd",
        "private company",
        "no",
        140,
        5_200_000,
        "Aylesford",
        ("MAI", "TON"),
        (),
        4,
    ),
    ("Maidstone Community Carers", "charity", "yes", 46, 1_350_000, "Maidstone", ("MAI",), (), 4),
    (
        "Darent Valley Home Support Ltd",
        "private company",
        "no",
        58,
        2_000_000,
        "Sevenoaks",
        ("SEV", "DAR"),
        (),
        3,
    ),
    (
        "Sheppey Care Partnership CIC",
        "community interest company",
        "yes",
        36,
        950_000,
        "Sheerness",
        ("SWA",),
        (),
        4,
    ),
    (
        "Faversham Homecare Ltd",
        "private company",
        "no",
        62,
        1_900_000,
        "Faversham",
        ("SWA", "CAN"),
        (),
        3,
    ),
    (
        "Isle of Thanet Home Care Ltd",
        "private company",
        "no",
        105,
        3_700_000,
        "Margate",
        ("THA",),
        (),
        3,
    ),
    (
        "Margate Caring Hands CIC",
        "community interest company",
        "yes",
        29,
        760_000,
        "Margate",
        ("THA",),
        (),
        4,
    ),
    (
        "Tonbridge Home Care Ltd",
        "private company",
        "no",
        84,
        2_900_000,
        "Tonbridge",
        ("TON", "TUN", "SEV"),
        (),
        4,
    ),
    (
        "Pantiles Care at Home Ltd",
        "private company",
        "no",
        66,
        2_300_000,
        "Royal Tunbridge Wells",
        ("TUN",),
        (),
        3,
    ),
    (
        "High Weald Carers Trust",
        "charity",
        "yes",
        49,
        1_450_000,
        "Crowborough",
        ("TUN", "SEV"),
        (),
        5,
    ),
    (
        "Swale Homecare Cooperative Ltd",
        "mutual",
        "yes",
        38,
        1_050_000,
        "Sittingbourne",
        ("SWA", "MAI"),
        (),
        4,
    ),
)
PACKAGE_LOTS = {**AREAS, "Coast": ("DOV", "FOL", "THA")}

HOMECARE_EVALUATORS = (
    ("Ruth Adeyemi", "Senior Commissioning Officer, Older People", dt.date(2026, 4, 13)),
    ("Gareth Lewis", "Practice Lead, Adult Social Care", dt.date(2026, 4, 13)),
    ("Sophie Turner", "Contracts and Quality Officer", dt.date(2026, 4, 14)),
)
HOMECARE_REASONS: dict[str, dict[int, str]] = {
    "Q1": {
        2: "Continuity relies on agency cover; no commitment on named carers or call times.",
        3: "Rota plans keep small teams per person; reviews after changes are described but "
        "not timed.",
        4: "Small named teams with a continuity target and reviews within 72 hours of a "
        "change in needs.",
        5: "Outstanding continuity model with evidence of 90%+ of visits by known carers and "
        "a same-week response to changing needs.",
    },
    "Q2": {
        2: "Recruitment plan is generic; pay below the fair-cost-of-care assumption.",
        3: "Reasonable local recruitment plan; retention measures are standard.",
        4: "Guaranteed hours, paid travel time and a local recruitment pipeline with the college.",
        5: "Exceptional retention record with an evidence-based plan for the district's rural "
        "areas.",
    },
    "Q3": {
        3: "Safeguarding meets requirements; audit arrangements described in general terms.",
        4: "Clear safeguarding leads, spot checks and a quality audit cycle with reporting.",
        5: "Comprehensive assurance including independent audits and learning reviews.",
    },
    "SV1": {
        2: "Social value described in general terms with few local commitments.",
        3: "Local jobs and some community activity; commitments are modest.",
        4: "Specific commitments on local jobs, lower travel emissions and community links.",
        5: "An ambitious, measurable plan rooted in the district's communities.",
    },
}


def homecare_bidders(rng: random.Random) -> list[Bidder]:
    bidders = []
    for name, org_type, vcse, staff, turnover, town, lots, packages, _level in HOMECARE_SUPPLIERS:
        large = staff >= 250
        base = rng.uniform(25.20, 26.40) if large else rng.uniform(25.80, 28.40)
        rates = {
            lot: {
                "care_hours": round(base + rng.uniform(-0.45, 0.45), 2),
                "waking_nights": round(rng.uniform(158, 198), 2),
            }
            for lot in sorted(lots, key=lambda lot: [d[0] for d in DISTRICTS].index(lot))
        }
        uplift = rng.choice((0.02, 0.025, 0.03, 0.035))
        offers = []
        for package in packages:
            covered = PACKAGE_LOTS[package]
            whole = sum(_lot_cost(lot, rates[lot], uplift) for lot in covered)
            discount = rng.uniform(0.03, 0.06)
            offers.append(
                {
                    "package": package,
                    "lots": ";".join(covered),
                    "price": round(whole * (1 - discount), -2),
                }
            )
        number = f"{rng.randrange(6_000_000, 14_999_999):08d}"
        domain = slug(name).replace("-", "")[:24]
        bidders.append(
            Bidder(
                name,
                {
                    "trading_name": "",
                    "company_number": number,
                    "charity_number": f"{rng.randrange(1_100_000, 1_199_999)}"
                    if org_type == "charity"
                    else "",
                    "address": f"{rng.randrange(2, 98)} High Street, {town}, Kent",
                    "org_type": org_type,
                    "vcse": vcse,
                    "staff": staff,
                    "turnover": turnover,
                    "balance_sheet": round(turnover * rng.uniform(0.2, 0.45), -3),
                    "contact_name": "Tender Manager",
                    "contact_email": f"tenders@{domain}.example",
                },
                rates,
                uplift,
                packages=offers,
            )
        )
    return bidders


def _lot_cost(lot: str, rates: dict[str, float], uplift: float) -> float:
    _, _, _, hours, nights = next(d for d in DISTRICTS if d[0] == lot)
    yearly = hours * rates["care_hours"] + nights * rates["waking_nights"]
    return sum(yearly * (1 + uplift) ** year for year in range(YEARS))


def homecare_evaluators(rng: random.Random) -> list[Evaluator]:
    """Scores close to each supplier's quality level, never more than one point apart."""
    questions = ("Q1", "Q2", "Q3", "SV1")
    floors = {"Q1": 2, "Q2": 2, "Q3": 3, "SV1": 2}
    base: dict[tuple[str, str], int] = {}
    for name, *_rest, level in HOMECARE_SUPPLIERS:
        for q in questions:
            base[name, q] = max(floors[q], min(5, level + rng.choice((-1, 0, 0, 1)) - 1))
    evaluators = []
    for name, role, declared_on in HOMECARE_EVALUATORS:
        scores = {key: min(5, value + rng.choice((0, 0, 1))) for key, value in base.items()}
        reasons = {key: HOMECARE_REASONS[key[1]][v] for key, v in scores.items()}
        evaluators.append(Evaluator(name, role, declared_on, scores, reasons))
    return evaluators


def build_homecare(folder: Path) -> None:
    fresh_folder(folder)
    (folder / "tender.toml").write_text(homecare_plan(), encoding="utf-8")
    plan = load(folder)
    rng = random.Random(20260701)
    bidders = homecare_bidders(rng)
    for bidder in bidders:
        write_bid(plan, folder, bidder, None)
    bids = {b.name: b.lots for b in bidders}
    for evaluator in homecare_evaluators(rng):
        write_score_sheet(plan, folder, bids, evaluator)


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    build_carers(out / "carers-short-breaks")
    build_homecare(out / "homecare-districts")
    print(f"Wrote the examples under {out}")


if __name__ == "__main__":
    main(sys.argv)
