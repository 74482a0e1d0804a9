"""Words a supplier types on the Prices sheet besides its rates and uplifts.

Only the rate and uplift cells of a bid return's Prices sheet are read; the template fills
in the rest (the title and notes above the table, each row's lot, lot name, item,
description, unit and volume). A supplier who qualifies its prices there ("per visit (2
hours min.)" over the unit 'hour', "weekends +30%" added to a description, "All prices
INCLUDE VAT" under the table) is evaluated as if it had not: its rates are read as rates
per the plan's unit, excluding VAT. Such words are said, at their cell, as a comment on a
rate or a note beside the table is, so the officer can ask whether they change the bid.

The template's own words are not: a cell showing what the template wrote there (the plan's
lot name, description or unit; the sheet's title and notes, in a return carrying the
template's mark) is silent, written with other capitals or spacing too. A return made
before the plan changed its price schedule or lots shows that version's words, which the
template's mark already says (template_marks.py): those cells are then not compared. A lot
name or description the plan changed after the template was sent (the mark does not digest
them) is said at every return: the suppliers priced the words they were shown.
"""

from __future__ import annotations

from tendereval import layout
from tendereval.errors import Severity
from tendereval.io.cells import show
from tendereval.io.checking import Checker, PlanIndex
from tendereval.io.lookalike import skeleton
from tendereval.io.raw import Cell, RawBid, Row
from tendereval.plan import Plan
from tendereval.template_marks import TemplateMark, shows_part_now

ASK = "ask the sender whether these change their bid"
# A template cell on a row of a plan lot and item: what it is called, the part of the plan
# (as the template's mark digests it) that writes it.
_TEMPLATE_CELLS = (
    ("lot_name", "lot name", "lots"),
    ("description", "description", "prices"),
    ("unit", "unit", "prices"),
)
_NAMED = 5  # note cells quoted in one warning; beyond, counted


def price_notes(raw: RawBid, plan: Plan, index: PlanIndex, check: Checker) -> None:
    """A warning for each template cell of a plan row that the supplier changed, and one for
    the words typed anywhere else on the sheet outside the rate and uplift cells."""
    compared = {part: shows_part_now(raw.mark, plan, part) for part in ("lots", "prices")}
    lots = {lot.id: lot for lot in plan.lots}
    items = {item.id: item for item in plan.price.items}
    # The title rows are the template's only in a return carrying its mark: a workbook typed
    # by hand, or saved by a program that drops the mark, has titles of its own.
    titled = compared["prices"] and TemplateMark.read(raw.mark) is not None
    notes = [cell for cell in raw.prices_titles if titled and _not_the_title(cell, plan)]
    for row in raw.prices:
        if _names_a_lot_and_item(row, raw):
            lot = index.lot(_text(row.get("lot")))
            item = index.item(_text(row.get("item")))
            if lot is not None and item is not None:
                template = {
                    "lot_name": lots[lot].name,
                    "description": items[item].description,
                    "unit": items[item].unit,
                }
                for key, what, part in _TEMPLATE_CELLS:
                    cell = row.get(key)
                    if compared[part] and cell is not None and _changed(cell, template[key]):
                        _edited(cell, what, template[key], lot, item, check)
        elif not _filled(row.get("unit_rate")):
            # A row of no lot's rates: a note under or between the lots. (A rate there is
            # read, and said, by the price rules.)
            notes.extend(cell for key, cell in row.items() if key != "unit_rate" and not cell.blank)
    if notes:
        _noted(notes, check)


def _text(cell: Cell | None) -> str | None:
    if cell is None or not isinstance(cell.value, str | int | float):
        return None
    return str(cell.value).strip() or None


def _filled(cell: Cell | None) -> bool:
    return cell is not None and (not cell.blank or cell.unsaved_formula)


def _names_a_lot_and_item(row: Row, raw: RawBid) -> bool:
    """Whether ``row`` is laid out as the template's rows are: a lot and an item named (or
    shown over a blank cell by a merge). Such a row of a lot or item the plan lacks (a
    template made for another version of the plan) is read by the price rules, not here."""
    return all(
        (cell := row.get(key)) is not None
        and (not cell.blank or (cell.sheet, cell.ref) in raw.blank_notes)
        for key in ("lot", "item")
    )


def _changed(cell: Cell, template: str | None) -> bool:
    """Whether ``cell`` shows words other than the template's (a cell cleared says nothing)."""
    if cell.blank:
        return False
    value = cell.value if isinstance(cell.value, str) else show(cell.value)
    # Nearly every cell holds the template's very words: those are told at once, before how
    # the words look is worked out (a tenth of the time a bid return took to read).
    return value != template and skeleton(value) != skeleton(template or "")


def _not_the_title(cell: Cell, plan: Plan) -> bool:
    """Whether a cell of the title rows holds something other than the template's title or
    notes (which are in column A, one to a row)."""
    if cell.blank:
        return False
    titles = layout.prices_title_block(plan.contract_years)
    column, row = cell.ref[:1], cell.ref[1:]
    if column != "A" or not row.isdigit() or not 1 <= int(row) <= len(titles):
        return True
    return _changed(cell, titles[int(row) - 1])


def _edited(
    cell: Cell, what: str, template: str | None, lot: str, item: str, check: Checker
) -> None:
    read_as = {
        "lot name": "",
        "description": ", and the rate is evaluated as a rate for the item as the plan "
        "describes it",
        "unit": f", and the rate is evaluated as a rate per {template}",
    }[what]
    check.add(
        cell,
        f"the {what} the template shows for {item} in lot {lot} was changed: the words are "
        f"not read{read_as}",
        found=f"{show(cell.value)}, where the template shows {show(template or '')}",
        expected=f"the template's words unchanged; {ASK} (a qualified price may not be "
        "comparable with the others)",
        code="price.template_text_changed",
        lot=lot,
        severity=Severity.WARNING,
    )


def _noted(cells: list[Cell], check: Checker) -> None:
    quoted = "; ".join(f"{show(c.value)} in {c.ref}" for c in cells[:_NAMED])
    more = f" and {len(cells) - _NAMED} more" if len(cells) > _NAMED else ""
    check.add(
        cells[0],
        "words typed on the Prices sheet outside the rate and uplift cells are not read: "
        "the rates are evaluated as the template's instructions ask for them (excluding VAT, "
        "per the units shown)",
        found=quoted + more,
        expected=f"only rates and uplifts typed on the sheet; {ASK}",
        code="price.note_outside_table",
        severity=Severity.WARNING,
    )
