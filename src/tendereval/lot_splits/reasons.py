"""Plain-English paragraphs, one per packaging, that a commissioner can adapt for the tender
notice's reasons for dividing (or not dividing) a contract into lots.

Procurement Act 2023 s.18 asks a buyer to consider lots and, if it does not divide, to give
reasons; s.12(4) asks it to have regard to the barriers SMEs face. Every figure in a paragraph
comes from the comparison table: nothing is recomputed here. A lotted packaging is compared
with the most aggregated one (fewest lots); the most aggregated is compared with the most
divided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tendereval.wording import counted, percent

if TYPE_CHECKING:
    from tendereval.lot_splits.run import ScenarioResult

LAW = "Procurement Act 2023, s.18"


def paragraphs(result: ScenarioResult) -> dict[str, str]:
    """Packaging id → paragraph."""
    rows = {row["packaging"]: row for row in result.comparison.to_dicts()}
    solved = [row for row in rows.values() if row["total_cost"] is not None]
    texts: dict[str, str] = {}
    for packaging_id, row in rows.items():
        if row["total_cost"] is None:
            texts[packaging_id] = _not_lettable(row, result)
            continue
        baseline = min(solved, key=lambda r: r["lots"])
        # Every packaging as aggregated as the baseline (two single-contract options, say) is
        # described as letting, not as "dividing the service into 1 lot".
        if row["lots"] == baseline["lots"]:
            others = [r for r in solved if r["packaging"] != row["packaging"]]
            alternative = max(others, key=lambda r: r["lots"]) if others else None
            text = _aggregated(row, alternative)
        else:
            text = _divided(row, baseline, result)
        texts[packaging_id] = " ".join([text, _uncertainty(row, result)]).strip()
    return texts


def _divided(row: dict[str, Any], base: dict[str, Any], result: ScenarioResult) -> str:
    difference = row["total_cost"] - base["total_cost"]
    management = row["management_cost"] - base["management_cost"]
    more_contracts = row["contracts"] - base["contracts"]
    if abs(difference) < 0.5:
        cost = f"is expected to cost the same as {base['name']}"
    else:
        direction = "more" if difference > 0 else "less"
        cost = (
            f"is expected to cost {_money(abs(difference))} a year {direction} than "
            f"{base['name']} ({_percent(abs(difference) / base['total_cost'])} "
            f"{direction}"
        )
        if more_contracts and abs(management) >= 0.5:
            cost += (
                f", including {_money(abs(management))} a year "
                f"{'more' if management > 0 else 'less'} contract management for "
                f"{abs(more_contracts)} {'more' if more_contracts > 0 else 'fewer'} "
                f"contract{'' if abs(more_contracts) == 1 else 's'}"
            )
        cost += ")"
    parts = [
        f"Dividing the service into {counted(row['lots'], 'lot')} ({row['name']}) "
        f"{cost}, and to {_shares(base, row)}.",
        _competition(row, base),
        _quality(row, base, result.model.volume_unit),
        _smes_can_bid(row, result),
    ]
    return " ".join(part for part in parts if part)


def _smes_can_bid(row: dict[str, Any], result: ScenarioResult) -> str:
    """What the market model says about SMEs bidding, never more: a notice must not claim
    lots were sized for smaller providers where no SME could bid for them."""
    lots = result.lots.filter(result.lots["packaging"] == row["packaging"])
    if lots.is_empty() or row["lots"] <= 1:
        return ""
    open_to_smes = lots.filter(lots["sme_bidders"] > 0).height
    law = f"({LAW}; s.12(4), barriers facing SMEs)"
    if open_to_smes == lots.height:
        return (
            "At least one SME in the market model would be eligible to bid for every lot, as "
            f"the Act asks buyers to consider {law}."
        )
    if open_to_smes == 0:
        return (
            "No SME in the market model would be eligible to bid for any of these lots, so "
            f"this division does not by itself lower the barriers SMEs face {law}."
        )
    return (
        f"SMEs in the market model would be eligible to bid for {open_to_smes} of the "
        f"{counted(lots.height, 'lot')} {law}."
    )


def _aggregated(row: dict[str, Any], other: dict[str, Any] | None) -> str:
    name = row["name"]
    lots = "a single contract" if row["lots"] == 1 else counted(row["lots"], "lot")
    text = (
        f"Letting the service as {lots} ({name}) is expected to cost "
        f"{_money(row['total_cost'])} a year"
    )
    # With no more divided option that can be let there is nothing to compare with, but the
    # competition and, for a single contract, the s.18 reminder still stand.
    if other is not None:
        difference = other["total_cost"] - row["total_cost"]
        if abs(difference) >= 0.5:
            text += (
                f", {_money(abs(difference))} {'less' if difference > 0 else 'more'} than "
                f"{other['name']}"
            )
        else:  # named all the same: "that more divided option" below refers to it
            text += f", the same as {other['name']}"
        text += f". Compared with that more divided option it would {_shares(other, row)}"
    text += ". " + _competition(row, other)
    if row["lots"] == 1:
        text += (
            f" If the contract is not divided into lots, the notice must say why ({LAW}); "
            "the figures above are the evidence for that choice, and the SME figures show "
            "what s.12(4) asks the buyer to weigh."
        )
    return text


def _not_lettable(row: dict[str, Any], result: ScenarioResult) -> str:
    """Why the packaging has no allocation (the comparison's own words), and what to do."""
    why = f"{row['name']} {row['not_allocated']}"
    if row["status"] == "not_solved":
        return f"{why}. Run it again with a longer time limit before comparing this option."
    reasons = result.lots.filter(
        (result.lots["packaging"] == row["packaging"]) & (result.lots["bidders"] == 0)
    ).to_dicts()
    detail = "; ".join(
        f"lot {lot['lot']}: "
        f"{counted(lot['too_big_for'], 'supplier finds', 'suppliers find')} it too large for "
        f"their turnover, {counted(lot['over_capacity_for'], 'lacks', 'lack')} the capacity, "
        f"{counted(lot['too_small_for'], 'finds', 'find')} it too small and "
        f"{counted(lot['outside_area_for'], 'does', 'do')} not serve all of it"
        for lot in reasons
    )
    return (
        f"{why}{f' ({detail})' if detail else ''}. "
        "Redraw those lots, or test the market again before choosing this option."
    )


def _competition(row: dict[str, Any], other: dict[str, Any] | None) -> str:
    if row["lots"] == 1:
        text = (
            f"Only {counted(row['min_bidders'], 'supplier')} in the market would be eligible "
            "to bid for the contract"
        )
        return text + ("." if row["min_bidders"] != 1 else ", so there would be no competition.")
    text = (
        f"Every lot attracts at least {counted(row['min_bidders'], 'eligible bidder')} (the "
        f"fewest in lot {row['weakest_lot']})"
    )
    if other is not None and other["lots"] == 1:
        text += (
            f", against {counted(other['min_bidders'], 'supplier')} eligible for {other['name']}"
        )
    text += "."
    if row["lots_under_3_bidders"]:
        text += (
            f" {counted(row['lots_under_3_bidders'], 'lot')} would have fewer than three "
            "eligible bidders, so competition there is thin."
        )
    return text


def _quality(row: dict[str, Any], base: dict[str, Any], unit: str) -> str:
    if row["quality"] is None or base["quality"] is None:
        return ""
    if abs(row["quality"] - base["quality"]) < 0.05:
        return f"Expected quality is the same, {row['quality']:.1f} out of 100."
    return (
        f"Expected quality (weighted by {unit}) is {row['quality']:.1f} out of 100, against "
        f"{base['quality']:.1f}."
    )


def _uncertainty(row: dict[str, Any], result: ScenarioResult) -> str:
    low, high = row.get("total_cost_low"), row.get("total_cost_high")
    if not result.samples or low is None or high is None:
        return ""
    return (
        f"Across {counted(result.samples, 'sample')} of the suppliers' price ranges "
        f"(seed {result.seed}) "
        f"the annual cost ranged from {_money(low)} to {_money(high)}."
    )


def _shares(before: dict[str, Any], after: dict[str, Any]) -> str:
    """``raise the share of the contract value going to SMEs from 0.0% to 28.1% and to VCSEs
    from 0.0% to 4.2%`` (or ``… and lower that going to VCSEs …`` when they move apart)."""
    sme_verb, sme = _move(before["sme_share"], after["sme_share"])
    vcse_verb, vcse = _move(before["vcse_share"], after["vcse_share"])
    text = f"{sme_verb} the share of the contract value going to SMEs {sme}"
    if vcse_verb == sme_verb:
        return f"{text} and to VCSEs {vcse}"
    return f"{text} and {vcse_verb} that going to VCSEs {vcse}"


def _move(before: float | None, after: float | None) -> tuple[str, str]:
    if before is None or after is None:
        return "leave", "unknown"
    if abs(after - before) < 0.0005:
        return "leave", f"unchanged at {_percent(after)}"
    return ("raise" if after > before else "lower"), f"from {_percent(before)} to {_percent(after)}"


def _money(amount: float) -> str:
    if abs(amount) >= 1_000_000:
        return f"£{amount / 1_000_000:,.2f}m"
    return f"£{amount:,.0f}"


def _percent(share: float) -> str:
    return percent(share)
