"""The lot-split scenarios file (``scenarios.toml``): what a commissioner writes before going
to market.

It holds the service units (districts, say) with their volumes and in-house true cost, the
candidate packagings (each a mapping of units to lots), a market model drawn from market
engagement (potential suppliers with indicative prices, quality, capacity, size and VCSE
status), the buyer's cost of managing a contract and the participation targets to explore.

``load_scenarios`` returns the checked model (or None) and every problem, each naming the file
and the key (``suppliers[3].unit_price``), as ``tendereval.plan.load_plan`` does for a plan.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tendereval.errors import Problem, Problems, Severity, path_argument
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import skeleton, unusual_characters
from tendereval.limits import (
    MAX_CONTRACT_YEARS,
    MAX_FRONTIER_STEPS,
    MAX_MONEY,
    MAX_SCENARIO_SAMPLES,
    MAX_SEED,
    MAX_YEARLY_VOLUME,
)
from tendereval.plan import (
    SmeDefinition,
    sme_against_figures,
    sme_limits_too_low,
    turnover_too_low,
)
from tendereval.slips import TIMES_ESTIMATE, against, contract_cost_in_thousands, in_scale
from tendereval.terminal import name_text
from tendereval.tomlread import TomlReader, is_number, parse_toml_file
from tendereval.wording import pounds

OBJECTIVES = ("cost", "quality")
SWEEPS = ("sme", "vcse")
SINGLE_LOT = "single"
LOT_PER_UNIT = "per_unit"
# A lot priced at ten times the supplier's indicative rate, or worth ten times its turnover, is
# no market's answer: such a figure is a slip (a percentage written for a multiplier or a
# share), and is refused.
MAX_MULTIPLIER = 10.0
MAX_SHARE_OF_TURNOVER = 10.0


@dataclass(frozen=True)
class Unit:
    """A piece of the service that can be put in a lot: volume a year and in-house true cost
    per unit of volume (the buyer's own comparator)."""

    id: str
    name: str
    volume: float
    true_cost: float

    @property
    def value(self) -> float:
        """Estimated annual value at true cost: what the buyer would advertise."""
        return self.volume * self.true_cost


@dataclass(frozen=True)
class Packaging:
    """One way to divide the units into lots: ``lots`` maps each lot id to its unit ids."""

    id: str
    name: str
    lots: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def lot_ids(self) -> list[str]:
        return [lot for lot, _ in self.lots]


@dataclass(frozen=True)
class Supplier:
    """A potential supplier as market engagement describes it.

    ``unit_price`` is the indicative price per unit of volume at the reference volume; when a
    range is given (``price_low``..``price_high``) prices are sampled from it. ``serves`` lists
    the units it can serve (empty: all). ``sme`` is decided by the SME definition from staff,
    turnover and balance sheet unless the file states it; when the figures given cannot decide it
    (a turnover over the limit, no balance sheet) ``sme_unknown`` is set and it counts as not an
    SME, as the allocation counts an unknown status, with a warning saying so.
    """

    name: str
    staff: float
    turnover: float
    sme: bool
    vcse: bool
    unit_price: float
    quality: float
    price_low: float | None = None
    price_high: float | None = None
    balance_sheet: float | None = None
    capacity: float | None = None
    serves: tuple[str, ...] = ()
    elasticity: float | None = None
    max_share_of_turnover: float | None = None
    min_lot_value: float | None = None
    sme_unknown: bool = False

    @property
    def has_range(self) -> bool:
        return self.price_low is not None and self.price_high is not None


@dataclass(frozen=True)
class Market:
    """How prices respond to lot size, and when a supplier would not bid.

    Price multiplier for a lot of volume V: ``(V / reference_volume) ** -elasticity``, held
    between ``min_multiplier`` and ``max_multiplier``. A supplier does not bid for a lot whose
    estimated annual value exceeds ``max_share_of_turnover`` × its turnover.
    """

    reference_volume: float
    elasticity: float = 0.0
    min_multiplier: float = 0.8
    max_multiplier: float = 1.2
    max_share_of_turnover: float = 0.5


@dataclass(frozen=True)
class Participation:
    """Which participation shares to sweep, in how many steps, and named targets to try."""

    sweep: tuple[str, ...] = ("sme",)
    steps: int = 10
    sme_targets: tuple[float, ...] = ()
    vcse_targets: tuple[float, ...] = ()

    def targets(self, kind: str) -> tuple[float, ...]:
        return self.sme_targets if kind == "sme" else self.vcse_targets


@dataclass(frozen=True)
class Scenarios:
    """A loaded, checked scenarios file. Build it with :func:`load_scenarios`."""

    title: str
    buyer: str
    volume_unit: str
    contract_years: int
    contract_management_cost: float
    objective: str
    units: tuple[Unit, ...]
    packagings: tuple[Packaging, ...]
    suppliers: tuple[Supplier, ...]
    market: Market
    participation: Participation
    sme_definition: SmeDefinition
    samples: int = 20
    seed: int = 2026
    source: str = "scenarios.toml"
    sha256: str = ""
    size: int | None = None  # bytes read, with sha256 (None for a model not read from a file)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)

    @property
    def true_cost_total(self) -> float:
        """Annual cost of the whole service at the in-house true cost."""
        return sum(u.value for u in self.units)


# --------------------------------------------------------------------------------------------
# Loading


def load_scenarios(path: str | Path) -> tuple[Scenarios | None, list[Problem]]:
    """Read and check a scenarios file. Returns the model (None when it cannot be used) and
    every problem found, each naming the file and the key."""
    path = path_argument("path", path, "a scenarios file (text or pathlib.Path)")
    label = name_text(path.name)
    problems = Problems()
    if path.is_dir():
        problems.add(
            _folder_given(path),
            file=name_text(str(path)),
            expected="the scenarios file itself (see docs/scenarios.md)",
            code="scenarios.missing",
        )
        return None, problems.items
    if not path.is_file():
        problems.add(
            "there is no scenarios file here",
            file=name_text(str(path)),
            expected="a scenarios.toml file (see docs/scenarios.md)",
            code="scenarios.missing",
        )
        return None, problems.items
    raw, fingerprint = parse_toml_file(
        path,
        label,
        "the scenarios file",
        "examples/homecare-lot-splits/scenarios.toml",
        "scenarios",
        problems,
    )
    if raw is None or fingerprint is None:
        return None, problems.items
    model = parse_scenarios(raw, label, problems, sha256=fingerprint.sha256, size=fingerprint.size)
    return model, problems.items


def _folder_given(folder: Path) -> str:
    """The problem for a folder given as the scenarios file: the file to give when it holds
    one (it was "there is no scenarios file here", of the folder holding scenarios.toml)."""
    from tendereval.not_a_tender import scenarios_files_in

    inside = scenarios_files_in(folder)
    if inside:
        files = " or ".join(str(path) for path in inside[:3])
        return f"this is a folder; give the scenarios file in it: {files}"
    return "this is a folder, and holds no scenarios file"


def parse_scenarios(
    raw: dict[str, Any],
    label: str,
    problems: Problems,
    sha256: str = "",
    size: int | None = None,
) -> Scenarios | None:
    """Build :class:`Scenarios` from parsed TOML, adding every problem found to ``problems``.

    Returns None when any error was found: a half-checked market model would give numbers
    nobody should act on.
    """
    read = _Reader(label, problems)
    before = len(problems.errors)
    if _is_a_plan(raw):
        # A tender's plan gave four "no [scenario] section" errors and a warning for each of
        # its own keys, and never said what the file was.
        problems.add(
            "this is a tender's evaluation plan (it has [tender] and [[criteria]]), not a "
            "scenarios file, so nothing in it was modelled",
            file=label,
            found=f"[tender] id = {read.show(raw['tender'].get('id', ''))}",
            expected="a scenarios file with [scenario], [[units]], [[packagings]] and "
            "[[suppliers]], as examples/homecare-lot-splits/scenarios.toml; a plan is checked "
            "with tendereval validate on its tender folder",
            code="scenarios.plan_given",
        )
        return None
    head = read.table(raw, "scenario", required=True)
    read.unknown(head, SCENARIO_KEYS, "scenario")
    years = read.number(
        head, "contract_years", "scenario.contract_years", default=1, low=1, high=MAX_CONTRACT_YEARS
    )
    if years is not None and years != int(years):
        read.bad(
            "scenario.contract_years",
            "contract years must be a whole number",
            years,
            "1, 2, 3 …",
            "scenarios.years",
        )
    objective = read.text(head, "objective", "scenario.objective", default="cost") or "cost"
    if objective not in OBJECTIVES:
        read.bad(
            "scenario.objective",
            "the objective is not known",
            objective,
            " or ".join(OBJECTIVES),
            "scenarios.objective",
        )
    management = read.number(
        head,
        "contract_management_cost",
        "scenario.contract_management_cost",
        default=0,
        low=0,
        high=MAX_MONEY,
    )
    units, unit_ids = _parse_units(read, raw)
    _management_cost_in_scale(read, management, units)
    packagings = _parse_packagings(read, raw, unit_ids)
    market = _parse_market(read, raw, units)
    sme_definition = _parse_sme(read, raw)
    suppliers = _parse_suppliers(read, raw, unit_ids, sme_definition, units)
    participation = _parse_participation(read, raw)
    uncertainty = read.table(raw, "uncertainty")
    read.unknown(uncertainty, {"samples", "seed"}, "uncertainty")
    samples = read.number(
        uncertainty, "samples", "uncertainty.samples", default=20, low=0, high=MAX_SCENARIO_SAMPLES
    )
    seed = read.number(uncertainty, "seed", "uncertainty.seed", default=2026, low=0, high=MAX_SEED)
    for key, value in (("uncertainty.samples", samples), ("uncertainty.seed", seed)):
        if value is not None and value != int(value):
            read.bad(key, f"{key} must be a whole number", value, "e.g. 20", "scenarios.count")
    read.unknown(
        raw,
        {
            "scenario",
            "units",
            "packagings",
            "suppliers",
            "market",
            "sme",
            "participation",
            "uncertainty",
        },
        "",
    )
    if len(problems.errors) > before:
        return None
    return Scenarios(
        title=read.text(head, "title", "scenario.title", default="Lot-split scenarios") or "",
        buyer=read.text(head, "buyer", "scenario.buyer", default="") or "",
        volume_unit=read.text(head, "volume_unit", "scenario.volume_unit", default="hours")
        or "hours",
        contract_years=int(years or 1),
        contract_management_cost=float(management or 0),
        objective=objective,
        units=units,
        packagings=packagings,
        suppliers=suppliers,
        market=market,  # type: ignore[arg-type]
        participation=participation,
        sme_definition=sme_definition,
        samples=int(samples or 0),
        seed=int(seed or 0),
        source=label,
        sha256=sha256,
        size=size,
        raw=raw,
    )


def _parse_units(read: _Reader, raw: dict[str, Any]) -> tuple[tuple[Unit, ...], list[str]]:
    """The units, and every unit id named (so a unit with a bad volume is still known when
    packagings and suppliers refer to it)."""
    units: list[Unit] = []
    places: list[str] = []  # each unit's key, for its warnings
    ids: list[str] = []
    for where, spec in read.array(raw, "units", "[[units]]", required=True):
        unit_id = read.identifier(spec, "id", f"{where}.id")
        volume = read.number(
            spec, "volume", f"{where}.volume", required=True, low=0, above=True,
            high=MAX_YEARLY_VOLUME,
        )  # fmt: skip
        true_cost = read.number(
            spec,
            "true_cost",
            f"{where}.true_cost",
            required=True,
            low=0,
            above=True,
            high=MAX_MONEY,
        )
        read.unknown(spec, {"id", "name", "volume", "true_cost"}, where)
        # Ids differing only in case or spacing are one district entered twice (the plan
        # refuses two such lot ids too).
        same = next((i for i in ids if unit_id and supplier_key(i) == supplier_key(unit_id)), None)
        if same is not None:
            read.bad(
                f"{where}.id",
                "two units have the same id"
                if same == unit_id
                else f"this unit's id is unit "
                f"'{same}' written another way: case and spacing make no difference",
                unit_id,
                "each id once",
                "scenarios.duplicate",
            )
            continue
        if unit_id is not None:
            ids.append(unit_id)
        if unit_id is None or volume is None or true_cost is None:
            continue
        name = read.text(spec, "name", f"{where}.name", default=unit_id) or unit_id
        units.append(Unit(unit_id, name, volume, true_cost))
        places.append(where)
    _true_costs_in_line(read, units, places)
    return tuple(units), ids


def _true_costs_in_line(read: _Reader, units: list[Unit], places: list[str]) -> None:
    """A warning for a unit whose true cost is many times the other units' (their median;
    with two units, the other's), or as small a part of it: the units are pieces of one
    service, and a cost far out of line is usually a yearly value typed for a cost per unit
    of volume (£4,560,000 for £24 an hour). Its lots' values, and who could bid for them,
    rest on it. The bound is the bid loader's for rates far from a lot's estimate."""
    for index, (unit, where) in enumerate(zip(units, places, strict=True)):
        others = [u.true_cost for i, u in enumerate(units) if i != index]
        if not others:
            return
        median = statistics.median(others)
        if in_scale(unit.true_cost, median):
            continue
        whose = "the other unit's" if len(others) == 1 else "the median of the other units'"
        read.bad(
            f"{where}.true_cost",
            f"the true cost of unit {unit.id} is {against(unit.true_cost, median)} {whose} "
            f"({pounds(median)}): true_cost "
            "is the cost of one unit of volume (an hour), not a yearly value",
            pounds(unit.true_cost),
            f"a cost per unit of volume within {TIMES_ESTIMATE} times the other units'",
            "true_cost_out_of_line",
            Severity.WARNING,
        )


def _is_a_plan(raw: dict[str, Any]) -> bool:
    """Whether parsed TOML is a tender's plan: its tables, and none of a scenarios file's."""
    return (
        isinstance(raw.get("tender"), dict)
        and "criteria" in raw
        and not {"scenario", "units", "packagings"} & raw.keys()
    )


def _management_cost_in_scale(
    read: _Reader, management: float | None, units: tuple[Unit, ...]
) -> None:
    """A warning for a cost of managing a contract typed in thousands (40 for £40,000): it is
    what letting one more lot costs, so at £40 the model found twelve lots as cheap to run as
    one, and no packaging's cost said why. Set against the median unit's yearly value, as
    the smallest lot is at least a unit."""
    values = [unit.volume * unit.true_cost for unit in units]
    if not management or not values:
        return
    median = statistics.median(values)
    if not contract_cost_in_thousands(management, median):
        return
    read.bad(
        "scenario.contract_management_cost",
        f"the cost of managing a contract, {pounds(management)} a year, is under a "
        f"ten-thousandth of a typical unit's yearly value ({pounds(median)}): is it in "
        "thousands?",
        pounds(management),
        "the buyer's yearly cost of managing one contract in pounds: 40000 for £40,000",
        "contract_cost_units",
        Severity.WARNING,
    )


def _parse_packagings(
    read: _Reader, raw: dict[str, Any], unit_ids: list[str]
) -> tuple[Packaging, ...]:
    packagings: list[Packaging] = []
    for where, spec in read.array(raw, "packagings", "[[packagings]]", required=True):
        packaging_id = read.identifier(spec, "id", f"{where}.id")
        read.unknown(spec, {"id", "name", "lots"}, where)
        lots = _parse_lots(read, spec.get("lots"), f"{where}.lots", unit_ids)
        if packaging_id is None or lots is None:
            continue
        if any(supplier_key(p.id) == supplier_key(packaging_id) for p in packagings):
            read.bad(
                f"{where}.id",
                "two packagings have the same id",
                packaging_id,
                "each id once",
                "scenarios.duplicate",
            )
            continue
        name = read.text(spec, "name", f"{where}.name", default=packaging_id) or packaging_id
        packagings.append(Packaging(packaging_id, name, lots))
    return tuple(packagings)


def _parse_lots(
    read: _Reader, value: Any, where: str, unit_ids: list[str]
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """``"single"``, ``"per_unit"`` or a table of lot id = [unit ids]; every unit exactly once."""
    expected = f'"{SINGLE_LOT}", "{LOT_PER_UNIT}" or a table such as {{ EAST = ["ASH", "CAN"] }}'
    if value == SINGLE_LOT:
        return (("ALL", tuple(unit_ids)),)
    if value == LOT_PER_UNIT:
        return tuple((unit, (unit,)) for unit in unit_ids)
    if not isinstance(value, dict) or not value:
        read.bad(
            where,
            "a packaging must say which units go in which lot",
            "nothing" if value is None else value,
            expected,
            "scenarios.lots",
        )
        return None
    lots: list[tuple[str, tuple[str, ...]]] = []
    seen: dict[str, str] = {}
    ok = True
    for lot_id, members in value.items():
        if ";" in lot_id or not lot_id.strip():
            read.bad(
                f"{where}.{lot_id}",
                "a lot id cannot be blank or contain ;",
                lot_id,
                "a short id such as EAST",
                "scenarios.lot_id",
            )
            ok = False
            continue
        # The optimiser matches lot ids as offers tables are matched, ignoring case and
        # spacing: "EAST" and "east" were one lot to it, so the packaging "could not be let".
        same = next((i for i, _ in lots if supplier_key(i) == supplier_key(lot_id)), None)
        looks = next((i for i, _ in lots if skeleton(i) == skeleton(lot_id)), None)
        if same is None and looks is not None:
            # (A Cyrillic "Е" in "ЕAST": the optimiser refuses an id that only looks like
            # another, since which lot is meant cannot be known; so is it here, at its key.)
            read.bad(
                f"{where}.{lot_id}",
                f"this lot's id only looks like lot '{looks}': it is written with other characters",
                f"{lot_id} ({unusual_characters(lot_id) or unusual_characters(looks)})",
                "each lot id once, in plain letters",
                "scenarios.duplicate",
            )
            ok = False
            continue
        if same is not None:
            read.bad(
                f"{where}.{lot_id}",
                f"this lot's id is lot '{same}' written another way: case and spacing make no "
                "difference",
                lot_id,
                "each lot id once",
                "scenarios.duplicate",
            )
            ok = False
            continue
        if not isinstance(members, list) or not members:
            read.bad(
                f"{where}.{lot_id}",
                "a lot must list its units",
                members,
                'a list of unit ids such as ["ASH", "CAN"]',
                "scenarios.lots",
            )
            ok = False
            continue
        for member in members:
            if member not in unit_ids:
                read.bad(
                    f"{where}.{lot_id}",
                    "a lot names a unit that is not in [[units]]",
                    member,
                    "one of " + ", ".join(unit_ids),
                    "scenarios.unknown_unit",
                )
                ok = False
            elif member in seen:
                read.bad(
                    f"{where}.{lot_id}",
                    f"a unit is in two lots ({seen[member]} and {lot_id})",
                    member,
                    "each unit in exactly one lot",
                    "scenarios.unit_twice",
                )
                ok = False
            else:
                seen[member] = lot_id
        lots.append((lot_id, tuple(str(m) for m in members)))
    missing = [u for u in unit_ids if u not in seen]
    if missing and ok:
        read.bad(
            where,
            "some units are in no lot",
            ", ".join(missing),
            "every unit in exactly one lot",
            "scenarios.unit_missing",
        )
        ok = False
    return tuple(lots) if ok else None


def _parse_market(read: _Reader, raw: dict[str, Any], units: tuple[Unit, ...]) -> Market:
    spec = read.table(raw, "market")
    volumes = [u.volume for u in units]
    default_reference = sum(volumes) / len(volumes) if volumes else 1.0
    reference = read.number(
        spec,
        "reference_volume",
        "market.reference_volume",
        default=default_reference,
        low=0,
        above=True,
    )
    elasticity = read.number(spec, "elasticity", "market.elasticity", default=0.0, low=0, high=1)
    # The indicative price applies unchanged at the reference volume, so the multiplier's
    # bounds lie either side of 1: a minimum of 94 or a maximum of 104 (percentages) made every
    # lot cost a hundred times its price, and a minimum above 1 a dearer price at the
    # reference volume than the supplier gave.
    low = read.number(
        spec, "min_multiplier", "market.min_multiplier", default=0.8, low=0, above=True, high=1
    )
    high = read.number(
        spec, "max_multiplier", "market.max_multiplier", default=1.2, low=1, high=MAX_MULTIPLIER
    )
    share = _share_of_turnover(read, spec, "market.max_share_of_turnover", default=0.5)
    read.unknown(
        spec,
        {
            "reference_volume",
            "elasticity",
            "min_multiplier",
            "max_multiplier",
            "max_share_of_turnover",
        },
        "market",
    )
    return Market(
        reference_volume=reference or default_reference,
        elasticity=elasticity or 0.0,
        min_multiplier=low if low is not None else 0.8,
        max_multiplier=high if high is not None else 1.2,
        max_share_of_turnover=share if share is not None else 0.5,
    )


def _share_of_turnover(
    read: _Reader, spec: dict[str, Any], where: str, default: float | None = None
) -> float | None:
    """The most a lot may be worth as a share of a supplier's yearly turnover. Above 1 a
    supplier may bid for a lot worth more than its whole turnover: possible, so it is warned
    of, not refused (50 written for 50% lets every supplier bid for every lot). Above
    ``MAX_SHARE_OF_TURNOVER`` it tests no financial standing at all, and is refused."""
    share = read.number(
        spec, "max_share_of_turnover", where, default=default, low=0, above=True,
        high=MAX_SHARE_OF_TURNOVER,
    )  # fmt: skip
    if share is not None and share > 1:
        read.bad(
            where,
            f"a supplier may bid for a lot worth up to {share:g} times its yearly turnover",
            share,
            "a share of turnover such as 0.5 (turnover at least twice the lot's value; a "
            "percentage such as 50% is written 0.5)",
            "share_above_turnover",
            Severity.WARNING,
        )
    return share


def _headcount(
    read: _Reader, spec: dict[str, Any], key: str, where: str, **options: Any
) -> float | None:
    """A number of staff: a whole number (249.5 staff is neither under nor at the Act's 250,
    and the SME test would have to guess)."""
    staff = read.number(spec, key, where, low=0, **options)
    if staff is not None and staff != int(staff):
        read.bad(where, "a headcount is a whole number", staff, "e.g. 249", "not_a_count")
        return None
    return staff


def _parse_sme(read: _Reader, raw: dict[str, Any]) -> SmeDefinition:
    spec = read.table(raw, "sme")
    default = SmeDefinition()
    staff = _headcount(read, spec, "max_staff", "sme.max_staff", default=default.max_staff)
    # Above 0, as the plan's: a limit of £0 is a definition no organisation can meet.
    turnover = read.number(
        spec, "max_turnover", "sme.max_turnover", default=default.max_turnover, low=0,
        above=True, high=MAX_MONEY,
    )  # fmt: skip
    balance = read.number(
        spec, "max_balance_sheet", "sme.max_balance_sheet", default=default.max_balance_sheet,
        low=0, above=True, high=MAX_MONEY,
    )  # fmt: skip
    read.unknown(
        spec, {"name", "definition", "max_staff", "max_turnover", "max_balance_sheet"}, "sme"
    )
    # The evaluation plan calls the name `definition`; a file copied from one reads the same.
    key = "name" if "name" in spec or "definition" not in spec else "definition"
    definition = SmeDefinition(
        name=read.text(spec, key, f"sme.{key}", default=default.name) or default.name,
        max_staff=int(staff if staff is not None else default.max_staff),
        max_turnover=turnover if turnover is not None else default.max_turnover,
        max_balance_sheet=balance if balance is not None else default.max_balance_sheet,
    )
    for words in sme_limits_too_low(definition):
        where = words.pop("key")
        read.bad(where, words.pop("message"), **words, code="sme_limit", severity=Severity.WARNING)
    return definition


SCENARIO_KEYS = {
    "title",
    "buyer",
    "volume_unit",
    "contract_years",
    "contract_management_cost",
    "objective",
}
SUPPLIER_KEYS = {
    "name",
    "staff",
    "turnover",
    "balance_sheet",
    "sme",
    "vcse",
    "unit_price",
    "price_range",
    "quality",
    "capacity",
    "serves",
    "elasticity",
    "max_share_of_turnover",
    "min_lot_value",
}


def _parse_suppliers(
    read: _Reader,
    raw: dict[str, Any],
    unit_ids: list[str],
    sme_definition: SmeDefinition,
    units: tuple[Unit, ...],
) -> tuple[Supplier, ...]:
    suppliers: list[Supplier] = []
    for where, spec in read.array(raw, "suppliers", "[[suppliers]]", required=True):
        read.unknown(spec, SUPPLIER_KEYS, where)
        name = read.text(spec, "name", f"{where}.name", required=True)
        staff = _headcount(read, spec, "staff", f"{where}.staff", required=True)
        turnover = read.number(
            spec, "turnover", f"{where}.turnover", required=True, low=0, above=True, high=MAX_MONEY
        )
        balance = read.number(spec, "balance_sheet", f"{where}.balance_sheet", low=0)
        slip = turnover_too_low(staff, turnover)
        if slip is not None:
            read.bad(
                f"{where}.turnover",
                slip.pop("message"),
                **slip,
                code="turnover_scale",
                severity=Severity.WARNING,
            )
        vcse = read.flag(spec, "vcse", f"{where}.vcse", default=False)
        price = read.number(
            spec, "unit_price", f"{where}.unit_price", low=0, above=True, high=MAX_MONEY
        )
        price_range = _parse_range(read, spec.get("price_range"), f"{where}.price_range")
        if price is None and price_range is None and "unit_price" not in spec:
            read.bad(
                f"{where}.unit_price",
                "a supplier needs an indicative unit price",
                "nothing",
                "unit_price = 21.50, or price_range = [20.0, 23.0]",
                "scenarios.missing_value",
            )
        if (
            price is not None
            and price_range is not None
            and not (price_range[0] <= price <= price_range[1])
        ):
            read.bad(
                f"{where}.unit_price",
                "the unit price is outside its price range",
                f"{price:g} not in {price_range[0]:g}–{price_range[1]:g}",
                "a unit price between the low and high of price_range",
                "scenarios.range",
            )
        quality = read.number(spec, "quality", f"{where}.quality", required=True, low=0, high=100)
        capacity = read.number(spec, "capacity", f"{where}.capacity", low=0, above=True)
        serves = _parse_serves(read, spec.get("serves"), f"{where}.serves", unit_ids)
        if serves is not None:
            # Each checked at its own key: a range whose high end was typed in pence, beside
            # a right unit price, was passed over, and the uncertainty's samples drawn from it.
            if price is not None:
                _price_against_true_cost(read, f"{where}.unit_price", [price], serves, units)
            if price_range is not None:
                _price_against_true_cost(
                    read, f"{where}.price_range", list(price_range), serves, units
                )
        elasticity = read.number(spec, "elasticity", f"{where}.elasticity", low=0, high=1)
        share = _share_of_turnover(read, spec, f"{where}.max_share_of_turnover")
        min_value = read.number(spec, "min_lot_value", f"{where}.min_lot_value", low=0)
        sme, sme_unknown = _supplier_sme(
            read, spec, where, sme_definition, staff, turnover, balance
        )
        # One response entered twice, in another case or spacing, doubles the bidders.
        same = next(
            (s.name for s in suppliers if name and supplier_key(s.name) == supplier_key(name)), None
        )
        if same is not None:
            read.bad(
                f"{where}.name",
                "two suppliers have the same name"
                if same == name
                else f"this supplier is '{same}' written another way: case and spacing make "
                "no difference",
                name,
                "each supplier once",
                "scenarios.duplicate",
            )
            continue
        if None in (name, staff, turnover, quality, sme, serves) or (
            price is None and price_range is None
        ):
            continue
        central = price if price is not None else sum(price_range) / 2  # type: ignore[arg-type]
        suppliers.append(
            Supplier(
                name=name,  # type: ignore[arg-type]
                staff=staff,  # type: ignore[arg-type]
                turnover=turnover,  # type: ignore[arg-type]
                sme=sme,  # type: ignore[arg-type]
                vcse=vcse,
                unit_price=central,
                quality=quality,  # type: ignore[arg-type]
                price_low=price_range[0] if price_range else None,
                price_high=price_range[1] if price_range else None,
                balance_sheet=balance,
                capacity=capacity,
                serves=serves,  # type: ignore[arg-type]
                elasticity=elasticity,
                max_share_of_turnover=share,
                min_lot_value=min_value,
                sme_unknown=sme_unknown,
            )
        )
    return tuple(suppliers)


def _price_against_true_cost(
    read: _Reader, where: str, prices: list[float], serves: tuple[str, ...], units: tuple[Unit, ...]
) -> None:
    """A warning when a supplier's indicative price is many times the buyer's own true cost of
    the units it serves, or as small a part of it: a price in pence, or one for a year rather
    than a unit of volume, is a slip far more often than a market's answer (the bound is the
    bid loader's for rates far above a lot's estimate). Such a supplier never won a lot, or won
    every lot it could bid for, without a word."""
    costs = [u.true_cost for u in units if not serves or u.id in serves]
    if not costs or not prices:
        return
    low, high = min(costs), max(costs)
    span = pounds(low) if low == high else f"{pounds(low)} to {pounds(high)}"
    if max(prices) > high and not in_scale(max(prices), high):
        how = against(max(prices), high)
        slip = "a price in pence, or for a year rather than a unit of volume?"
    elif min(prices) < low and not in_scale(min(prices), low):
        how = against(min(prices), low)
        slip = "a price in pounds where the true costs are in pence, or a decimal point moved?"
    else:
        return
    read.bad(
        where,
        f"the indicative price is {how} the true cost of the units this supplier serves "
        f"({span} a unit): check it ({slip})",
        ", ".join(pounds(p) for p in prices),
        f"a price within {TIMES_ESTIMATE} times the true cost either way, or the supplier's "
        "confirmation",
        "price_far_from_true_cost",
        Severity.WARNING,
    )


def _supplier_sme(
    read: _Reader,
    spec: dict[str, Any],
    where: str,
    definition: SmeDefinition,
    staff: float | None,
    turnover: float | None,
    balance: float | None,
) -> tuple[bool | None, bool]:
    """(SME status, whether it is unknown): the file's ``sme = true/false`` if stated, else the
    SME definition applied to the size. Status None: staff or turnover is missing (its own
    error). A status the figures cannot decide counts as not an SME, as the allocation counts
    one, with a warning: a turnover over the limit and no balance sheet was "not an SME" without
    a word, though a balance sheet within its limit would make it one."""
    if "sme" in spec:
        stated = read.flag(spec, "sme", f"{where}.sme", default=False)
        _sme_stated_against_figures(read, where, definition, stated, staff, turnover, balance)
        return stated, False
    if staff is None or turnover is None:
        return None, False
    decided = definition.is_sme(staff, turnover, balance)
    if decided is not None:
        return decided, False
    read.bad(
        f"{where}.balance_sheet",
        f"a turnover over the SME limit (£{definition.max_turnover:,.0f}) leaves the SME "
        "status to the balance sheet, which is not given: the status is unknown, and it is "
        "counted as not an SME in every SME share",
        "nothing",
        f"the supplier's balance sheet total (an SME's is at most "
        f"£{definition.max_balance_sheet:,.0f}), or sme = true / false",
        "sme_unknown",
        Severity.WARNING,
    )
    return False, True


def _sme_stated_against_figures(
    read: _Reader,
    where: str,
    definition: SmeDefinition,
    stated: bool,
    staff: float | None,
    turnover: float | None,
    balance: float | None,
) -> None:
    """A warning at ``sme`` when the supplier's own figures say otherwise, as a bid's supply
    chain gets one (a national provider with 4,800 staff stated ``sme = true`` counted as SME
    work without a word). The stated status is used: it may come from a register."""
    against = sme_against_figures(stated, definition, staff, turnover, balance)
    if against is None:
        return
    read.bad(
        f"{where}.sme",
        f"sme = {str(stated).lower()}, but {against} under the file's SME definition "
        f"({definition.name}); it counts as {'an SME' if stated else 'not an SME'}, as stated",
        stated,
        f"sme = {str(not stated).lower()}, or the figures corrected (check them against the "
        "supplier's market engagement response), or no sme to let the figures decide",
        "sme_against_figures",
        Severity.WARNING,
    )


def _parse_range(read: _Reader, value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(is_number(v) and v > 0 for v in value)
        or value[0] > value[1]
    ):
        read.bad(
            where,
            "a price range must be [low, high]",
            value,
            "two amounts above 0, low first, e.g. [20.50, 23.00]",
            "scenarios.range",
        )
        return None
    return float(value[0]), float(value[1])


def _parse_serves(
    read: _Reader, value: Any, where: str, unit_ids: list[str]
) -> tuple[str, ...] | None:
    if value is None or value == "all":
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        read.bad(
            where,
            "serves must list unit ids",
            value,
            '"all" or a list such as ["ASH", "CAN"]',
            "scenarios.serves",
        )
        return None
    unknown = [v for v in value if v not in unit_ids]
    if unknown:
        read.bad(
            where,
            "serves names a unit that is not in [[units]]",
            ", ".join(unknown),
            "one of " + ", ".join(unit_ids),
            "scenarios.unknown_unit",
        )
        return None
    return tuple(value)


def _parse_participation(read: _Reader, raw: dict[str, Any]) -> Participation:
    spec = read.table(raw, "participation")
    read.unknown(spec, {"sweep", "steps", "sme_targets", "vcse_targets"}, "participation")
    sweep = spec.get("sweep", ["sme"])
    if not isinstance(sweep, list) or not all(kind in SWEEPS for kind in sweep):
        read.bad(
            "participation.sweep",
            "sweep must list the shares to sweep",
            sweep,
            '["sme"], ["vcse"] or ["sme", "vcse"]',
            "scenarios.sweep",
        )
        sweep = ["sme"]
    steps = read.number(
        spec, "steps", "participation.steps", default=10, low=1, high=MAX_FRONTIER_STEPS
    )
    if steps is not None and steps != int(steps):
        read.bad(
            "participation.steps",
            "steps must be a whole number",
            steps,
            "e.g. 10",
            "scenarios.count",
        )
    targets: dict[str, tuple[float, ...]] = {}
    for kind in SWEEPS:
        key = f"{kind}_targets"
        value = spec.get(key, [])
        if not isinstance(value, list) or not all(is_number(v) and 0 <= v <= 1 for v in value):
            read.bad(
                f"participation.{key}",
                "targets must be shares between 0 and 1",
                value,
                "e.g. [0.2, 0.3] for 20% and 30%",
                "scenarios.targets",
            )
            value = []
        targets[kind] = tuple(sorted({float(v) for v in value}))
        if targets[kind] and isinstance(sweep, list) and kind not in sweep:
            # Read and then never tested, without a word: the frontier runs only for the
            # shares swept.
            read.bad(
                f"participation.{key}",
                f"these {kind.upper()} targets are not tested: sweep does not list {kind!r}",
                value,
                f'sweep listing "{kind}" too (such as {json.dumps([*sweep, kind])}), or no {key}',
                "targets_not_swept",
                severity=Severity.WARNING,
            )
    return Participation(
        sweep=tuple(dict.fromkeys(sweep)),
        steps=int(steps or 10),
        sme_targets=targets["sme"],
        vcse_targets=targets["vcse"],
    )


class _Reader(TomlReader):
    """The shared TOML reader, with the scenarios file's codes and an id check."""

    def __init__(self, label: str, problems: Problems):
        super().__init__(label, problems, "scenarios", "the file")

    def identifier(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = self.text(table, key, where, required=True)
        if value is not None and ";" in value:
            self.bad(
                where, "an id cannot contain ;", value, "a short id such as ASH", "scenarios.id"
            )
            return None
        return value
