"""Generate homecare-offers.csv: a fictional Kent homecare tender in 12 district lots.

Run from the repository root: python examples/offers/make_homecare_offers.py
The CSV is committed; this script only shows how it was made (seeded, so it is repeatable).

Scores are points per lot (0-100 scale, price and quality together). A package offer's score is
the sum over its lots, so it competes fairly with the single-lot offers it would replace.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

# Lot id, district, yearly contract value in £ (roughly in proportion to older population).
LOTS = {
    "ASH": 1_650_000,
    "CAN": 2_150_000,
    "DAR": 1_150_000,
    "DOV": 1_550_000,
    "FOL": 1_450_000,
    "GRA": 1_050_000,
    "MAI": 2_450_000,
    "SEV": 1_350_000,
    "SWA": 1_900_000,
    "THA": 2_250_000,
    "TON": 1_400_000,
    "TUN": 1_300_000,
}
EAST = ["ASH", "CAN", "DOV", "FOL", "THA"]
WEST = ["MAI", "SEV", "TON", "TUN"]
NORTH = ["DAR", "GRA", "SWA"]

# name, sme, vcse, lots bid, quality (mean points), price factor, second-tier SME share
LARGE = [
    ("Kentwide Care Group Ltd", list(LOTS), 78, 0.94, 0.10),
    ("Garden of England Homecare plc", EAST + NORTH, 76, 0.95, 0.05),
    ("Oakleaf National Care Ltd", WEST + NORTH + ["ASH"], 74, 0.92, 0.0),
    ("Harbour Healthcare UK Ltd", [*EAST, "MAI", "SWA"], 73, 0.96, 0.15),
    ("Weald & Downs Care Services Ltd", [*WEST, "ASH", "DAR"], 75, 0.97, 0.0),
]
SMES = [
    ("Ashford Home Support Ltd", ["ASH"]),
    ("Stour Valley Care Ltd", ["ASH", "CAN"]),
    ("Canterbury Carers Ltd", ["CAN", "THA"]),
    ("Dartford & Swanley Homecare Ltd", ["DAR", "GRA"]),
    ("White Cliffs Care Ltd", ["DOV", "FOL"]),
    ("Folkestone Home Helpers Ltd", ["FOL"]),
    ("Gravesend Community Carers Ltd", ["GRA"]),
    ("Medway Maidstone Care Ltd", ["MAI", "TON"]),
    ("Sevenoaks Companions Ltd", ["SEV"]),
    ("Sheppey & Swale Care Ltd", ["SWA"]),
    ("Isle of Thanet Homecare Ltd", ["THA", "CAN", "DOV"]),
    ("Tonbridge Care at Home Ltd", ["TON", "TUN"]),
    ("Pantiles Care Ltd", ["TUN", "SEV"]),
    ("Romney Marsh Support Ltd", ["FOL", "ASH"]),
]
VCSES = [
    ("Thanet Community Care CIC", ["THA"]),
    ("Dover and Deal Home Support Trust", ["DOV"]),
    ("West Kent Age Together", ["SEV", "TON", "TUN"]),
    ("Swale Neighbourhood Care CIC", ["SWA"]),
    ("Gravesham Good Neighbours", ["GRA", "DAR"]),
    ("Canterbury Community Partnership", ["CAN"]),
]


def offers(seed: int = 2026) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    number = 0

    def add(supplier, lots, price, score, sme, vcse, group="", sub=0.0):
        nonlocal number
        number += 1
        rows.append(
            {
                "offer_id": f"HC-{number:03d}",
                "supplier": supplier,
                "lots": ";".join(lots),
                "price": f"{round(price, -2):.2f}",
                "score": f"{score:.1f}",
                "sme": "yes" if sme else "no",
                "vcse": "yes" if vcse else "no",
                "group": group,
                "sme_subcontract_share": f"{sub:.2f}" if sub else "",
            }
        )

    for name, lots, quality, factor, sub in LARGE:
        per_lot = {}
        for lot in lots:
            price = LOTS[lot] * factor * rng.uniform(0.97, 1.05)
            score = min(90.0, max(50.0, rng.gauss(quality, 3)))
            per_lot[lot] = (price, score)
            add(name, [lot], price, score, False, False, sub=sub)
        # Area packages: a discount for taking a whole area; alternatives share a group, so
        # at most one of a provider's packages can be accepted.
        for area in (EAST, WEST, NORTH):
            if set(area) <= set(lots):
                discount = rng.uniform(0.05, 0.09)
                price = sum(per_lot[lot][0] for lot in area) * (1 - discount)
                score = sum(per_lot[lot][1] for lot in area) + len(area) * discount * 30
                add(name, area, price, score, False, False, group="area", sub=sub)
        if len(lots) == len(LOTS):
            price = sum(p for p, _ in per_lot.values()) * (1 - rng.uniform(0.10, 0.12))
            score = sum(s for _, s in per_lot.values()) + len(LOTS) * 3.2
            add(name, list(LOTS), price, score, False, False, group="area", sub=sub)
    for group, vcse in ((SMES, False), (VCSES, True)):
        for name, lots in group:
            for lot in lots:
                price = LOTS[lot] * rng.uniform(0.99, 1.12)
                score = min(90.0, max(50.0, rng.gauss(70 if vcse else 71, 5)))
                add(name, [lot], price, score, True, vcse)
    return rows


def main() -> None:
    rows = offers()
    path = Path(__file__).with_name("homecare-offers.csv")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"Wrote {len(rows)} offers to {path}")


if __name__ == "__main__":
    main()
