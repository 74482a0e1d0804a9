"""Shared machinery for the rules: turning raw cells into values while collecting problems.

A :class:`Checker` holds the problems found so far and the attribution that goes on each one
(``supplier`` for bid problems that make a bid unusable). :meth:`Checker.value` parses a cell
with one of the :mod:`~tendereval.io.cells` parsers and records, located at that cell, a
problem for a bad value, a blank required value or a formula with no saved value.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, TypeVar

from tendereval.errors import Problem, Severity
from tendereval.io.cells import (
    Parsed,
    TwoWayNumber,
    ambiguous_mark,
    parse_count,
    parse_money,
    parse_name,
    parse_number,
    parse_text,
    show,
)
from tendereval.io.keys import supplier_key
from tendereval.io.nearest import Choices, plan_lots, plan_questions
from tendereval.io.numformat import (
    MONEY_UNIT_POUNDS,
    currency_name,
    displayed,
    money_units,
    other_currency,
    shows_other_figures,
    shows_pennies,
    shows_percent,
    shows_words_only,
)
from tendereval.io.raw import Cell, Relabelled
from tendereval.io.unseen import BlankNote, BlankNotes
from tendereval.io.xlsx import CellError
from tendereval.plan import Criterion, Plan
from tendereval.wording import pounds

# A cell holding an error its formula gave (#N/A from a VLOOKUP, #REF! after a deletion).
ERROR_MESSAGE = (
    "the cell shows the error {error}, which its formula gave instead of a value; "
    "it is not read as text or as a figure"
)
ERROR_EXPECTED = "the value itself, or a formula that works: correct the cell and save again"
# A formula whose result is not in the file: none saved, or (a workbook asking Excel to work
# every formula out on opening, as XlsxWriter's do) a placeholder 0 saved in place of what
# Excel shows. Either way the figure read would not be the one seen.
FORMULA_MESSAGE = (
    "cell {ref} holds a formula whose result is not in the file — the file was written by a "
    "program that does not calculate (it saved no result, or a placeholder and asks Excel to "
    "work every formula out on opening); open it in Excel and save it again"
)


def formula_unsaved(cell: Cell, **extra: Any) -> Problem:
    """The problem at ``cell``, a formula whose result is not in the file (it reads as
    blank), as every reader of a workbook gives it (``cell.formula_unsaved``): a bid return's
    cells and an offers table's. ``extra`` as :meth:`Cell.place` takes it (severity,
    supplier, lot)."""
    problem = Problem(
        FORMULA_MESSAGE.format(ref=cell.ref),
        found="a formula",
        expected="a saved value",
        code="cell.formula_unsaved",
    )
    return cell.place(problem, **extra)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """How ids are matched: case, spacing and non-breaking spaces ignored."""
    # Cached: every bid names the same few lot and item ids, on every row.
    return supplier_key(text)


@dataclass
class Checker:
    """Collects problems; ``supplier`` (if set) goes on every problem it records. ``notes``
    are the blank cells read that show something in Excel (RawBid.blank_notes): a cell blank
    in the file under a merge showing a value is not read as left blank (:meth:`left_blank`).
    ``settle`` says how what such a cell gives is settled: a tender's figures cannot be
    added after the deadline, an evaluator's sheet can be put right."""

    supplier: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: BlankNotes = field(default_factory=dict)
    settle: str = (
        "Ask the sender which is meant and record the answer; a tender's figures cannot be "
        "added after the deadline"
    )

    def add(
        self,
        cell: Cell | None,
        message: str,
        *,
        found: Any = None,
        expected: str = "",
        code: str,
        lot: str | None = None,
        severity: Severity = Severity.ERROR,
        attribute: bool = True,
        file: str = "",
        sheet: str = "",
    ) -> None:
        """Record a problem at ``cell`` (or at file/sheet when there is no cell)."""
        problem = Problem(
            message,
            file=cell.file if cell else file,
            sheet=cell.sheet if cell else sheet,
            cell=cell.ref if cell else "",
            found=found if isinstance(found, str) else ("" if found is None else show(found)),
            expected=expected,
            severity=severity,
            code=code,
            supplier=self.supplier if attribute else None,
            lot=lot if attribute else None,
        )
        self.problems.append(problem)

    def value(
        self,
        cell: Cell | None,
        parse: Callable[[Any], Parsed],
        *,
        what: str,
        required: bool = False,
        expected: str = "",
        lot: str | None = None,
        attribute: bool = True,
        severity: Severity = Severity.ERROR,
        blank: Any = None,
        merge_harmless: bool = False,
        merged_severity: Severity | None = None,
    ) -> Any:
        """The parsed value of ``cell``, or None with a problem recorded when it is unusable.
        An optional cell left blank gives ``blank`` (what a blank means in its column: 0% for
        an uplift). One blank in the file but showing a value in Excel, under a merge, gives
        None and an error (:meth:`left_blank`), unless the caller says a blank there is
        harmless (``merge_harmless``, saying why) or gives it another ``merged_severity``."""
        if cell is None or cell.blank:
            if cell is not None and cell.unsaved_formula:
                self._unsaved_formula(cell, lot, attribute, severity)
                return None
            if required:
                self.add(
                    cell,
                    f"{what} is missing",
                    found="a blank cell",
                    expected=expected or f"{what} filled in",
                    code="cell.blank",
                    lot=lot,
                    attribute=attribute,
                    severity=severity,
                )
                return None
            if merge_harmless or self.left_blank(
                cell, what=what, lot=lot, attribute=attribute, severity=merged_severity or severity
            ):
                return blank
            return None
        if cell.value.__class__ is CellError:
            self.add(
                cell,
                f"{what}: {ERROR_MESSAGE.format(error=cell.value)}",
                code="cell.error",
                found=cell.value,
                expected=ERROR_EXPECTED,
                lot=lot,
                attribute=attribute,
                severity=severity,
            )
            return None
        if cell.value.__class__ is TwoWayNumber:  # no reading of it is safe
            value, problem = None, cell.value.problem
        # (A score's parser wraps parse_number, one level: getattr, as inspect.unwrap cost 3%
        # of loading a bid, called for every cell.)
        elif getattr(parse, "__wrapped__", parse) in _FIGURES and _two_ways_in_a_workbook(cell):
            value, problem = None, _typed_two_ways(cell.value, money=parse is parse_money)
        else:
            value, problem = parse(cell.value)
        if problem is None and (
            how := _shown_otherwise(cell, money=parse is parse_money, counted=parse in _COUNTS)
        ):
            problem = Problem(
                f"the cell shows {displayed(cell.value, cell.number_format)!r} but holds "
                f"{show(cell.value)}: its number format {how}, "
                "and what is read is what the cell holds, not what it shows",
                found=f"shows '{displayed(cell.value, cell.number_format)}', holds "
                f"{show(cell.value)} (number format {cell.number_format})",
                expected="the figure itself typed in the cell, with a format that shows it "
                "as it is (Home › Number › Currency or General)",
                code="cell.shown_otherwise",
            )
        if problem is not None:
            self.problems.append(
                cell.place(
                    problem,
                    message=f"{what}: {problem.message}",
                    supplier=self.supplier if attribute else None,
                    lot=lot if attribute else None,
                    severity=severity,
                )
            )
            return None
        if parse is parse_money and cell.number_format != "General":
            self._other_currency(cell, value, what, lot, attribute)
            self._other_units(cell, value, what, lot, attribute)
        return value

    def left_blank(
        self,
        cell: Cell | None,
        *,
        what: str,
        lot: str | None = None,
        attribute: bool = True,
        severity: Severity = Severity.ERROR,
    ) -> bool:
        """Whether ``cell`` was left blank, as the officer opening the file sees it too, so
        that the blank has the meaning its column gives one (no uplift, every lot bid for);
        True when the table has no such cell. A cell blank in the file under a merge whose
        top-left cell, in its own column, holds a value is not: Excel shows that value over
        it (A5:A7 merged, "EAST" in A5, shows EAST on rows 6 and 7), while the file holds
        nothing there. Read as blank, the commitments the supplier made for EAST counted in
        every lot, and an uplift of 2.5% shown on three rows was none on two. What is given
        for the row is not in the file: an error (``cell.merged_blank``) says so, attributed
        as the cell's other problems are. :meth:`value` asks this of every optional cell
        read blank, unless its caller says why a blank there is harmless; a cell read
        otherwise (a Lot or Lots cell) is asked by its caller."""
        if cell is None:
            return True
        if not cell.blank:
            return False
        if cell.unsaved_formula:
            # Not left blank either: the supplier typed a formula whose result is not in the
            # file (a Lot cell so read was "every lot").
            self._unsaved_formula(cell, lot, attribute, severity)
            return False
        note = self.notes.get((cell.sheet, cell.ref))
        if note is None or not note.shows:
            return True
        self._merged_blank(cell, note, what, lot, attribute, severity)
        return False

    def _unsaved_formula(
        self, cell: Cell, lot: str | None, attribute: bool, severity: Severity
    ) -> None:
        self.problems.append(
            formula_unsaved(
                cell,
                supplier=self.supplier if attribute else None,
                lot=lot if attribute else None,
                severity=severity,
            )
        )

    def _merged_blank(
        self,
        cell: Cell,
        note: BlankNote,
        what: str,
        lot: str | None,
        attribute: bool,
        severity: Severity,
    ) -> None:
        anchor = note.merged_into
        self.add(
            cell,
            f"{what}: the cell is blank in the file but shows {note.shows} in Excel" + note.message,
            found=f"{BLANK}{note.found}, showing {note.shows}",
            expected=f"the {what} for this row in its own cell: the file holds {note.shows} in "
            f"{anchor} alone, so what is given for this row is not in the file (not "
            f"{note.shows}, nor the blank's meaning). {self.settle}",
            code="cell.merged_blank",
            lot=lot,
            attribute=attribute,
            severity=severity,
        )

    def _other_currency(
        self, cell: Cell, value: float, what: str, lot: str | None, attribute: bool
    ) -> None:
        """A warning when a money cell shows its figure in another currency (``€20.00``):
        every price is read in pounds, and a price in euros is not one in pounds. Typed as
        text ("€20.00") it is not money at all; under a format, the figure is read and the
        supplier is asked what it means."""
        if not isinstance(cell.value, (int, float)) or isinstance(cell.value, bool):
            return
        currency = other_currency(cell.number_format, zero=value == 0)
        if not currency:
            return
        shown = displayed(value, cell.number_format).strip()
        self.add(
            cell,
            f"{what}: the cell shows '{shown}', in {currency_name(currency)}, but every figure "
            f"of money is read in pounds: it is read as {pounds(value)}",
            found=f"shows '{shown}' (number format {cell.number_format})",
            expected="a figure in pounds, in a cell showing pounds (Home › Number › Currency "
            "› £); ask the supplier whether the figure is in pounds, and record the answer",
            code="cell.other_currency",
            lot=lot,
            severity=Severity.WARNING,
            attribute=attribute,
        )

    def _other_units(
        self, cell: Cell, value: float, what: str, lot: str | None, attribute: bool
    ) -> None:
        """A warning when a money cell's format shows its figure in pence or in thousands,
        millions or billions of pounds (250 under '0"p"' shows 250p, 12.5 under
        '"£"0.0"m"' shows £12.5m): the figure typed is read in pounds, as every other one is,
        and never scaled: whether the supplier meant 250p or £250 is not in the file, so the
        officer asks, as for a figure shown in another currency."""
        if not isinstance(cell.value, (int, float)) or isinstance(cell.value, bool):
            return
        units = money_units(value, cell.number_format)
        if not units:
            return
        shown = displayed(value, cell.number_format).strip()
        meant = pounds(value * MONEY_UNIT_POUNDS[units])
        self.add(
            cell,
            f"{what}: the cell shows '{shown}', in {units}, but every figure of money is read "
            f"in pounds as typed: it is read as {pounds(value)}, not {meant}",
            found=f"shows '{shown}', holds {show(cell.value)} (number format {cell.number_format})",
            expected=f"a figure in pounds, in a cell showing pounds (Home › Number › Currency "
            f"› £); ask the supplier whether it means {pounds(value)} or {meant}, and record "
            "the answer",
            code="cell.other_units",
            lot=lot,
            severity=Severity.WARNING,
            attribute=attribute,
        )


def noted_blanks(
    problems: list[Problem], notes: dict[tuple[str, str], tuple[str, str]]
) -> list[Problem]:
    """``problems``, each about a blank cell that shows something in Excel (``notes``, by
    sheet and reference: merged into the cell above, an answer typed beside it) saying so in
    its found and message, so the officer is not sent to a cell that seems filled in."""
    if not notes:
        return problems
    return [
        replace(p, found=p.found + note[0], message=p.message + note[1])
        if p.found == BLANK and (note := notes.get((p.sheet, p.cell))) is not None
        else p
        for p in problems
    ]


BLANK = "a blank cell"  # what a problem about a blank cell says was found


def _shown_otherwise(cell: Cell, money: bool = False, counted: bool = False) -> str | None:
    """How a number cell's format shows something other than its number, so that what the
    officer sees in Excel is not what is read (a literal "£27.50" over 0.0275, or 27500
    shown in thousands as 27.50), or None when it shows the number. For money and for
    counts (units committed, a staff headcount), a percentage format too: 27.5 typed into a
    cell formatted as a percentage (copied from the uplift column) is kept as 0.275 and
    shown as 27.5%, so the £27.50 the supplier meant would be read as 27p, and 3 units
    typed so as 0.03 units. And words in place of the figure: a rate of 198 under '"TBC"'
    shows TBC, a score of 2 under '"Excellent"' shows Excellent, while 198 and 2 are what
    count. (A score has its own rule for a percentage: a 0–1 scale's 60% is 0.6.)"""
    if (
        cell.number_format == "General"
        or not isinstance(cell.value, (int, float))
        or isinstance(cell.value, bool)
    ):
        return None
    percent = (money or counted) and shows_percent(cell.number_format)
    if shows_other_figures(cell.number_format) or percent:
        return "shows figures other than the number"
    if shows_words_only(cell.value, cell.number_format):
        return "shows words in its place and no figure"
    return None


def shown_rounded(cell: Cell, value: float, pennies: bool = False) -> str | None:
    """What a number cell shows when its format rounds it to another figure (2.5 under '0'
    shows 3; a rate of 31.40 under '"£"0' shows £31; an uplift of 0.025 under '0%' shows
    3%), or None when it shows the value as held: to a billionth (noise a sum left,
    4.0000000001, is not another figure), or for money to half a penny (a rate of 31.404
    shown as 31.40 is the same in pounds and pence)."""
    if cell.number_format == "General" or not isinstance(cell.value, (int, float)):
        return None
    if isinstance(cell.value, bool):
        return None
    if pennies and value > 0 and shows_pennies(cell.number_format):
        return None  # the template's own £#,##0.00: judged once per format, not per rate
    return _rounded_as_shown(repr(value), value, cell.number_format, pennies)


@lru_cache(maxsize=1024)
def _rounded_as_shown(spelled: str, value: float, code: str, pennies: bool) -> str | None:
    """:func:`shown_rounded` of a number ``spelled`` so by ``repr`` (3 and 3.0, 0.0 and -0.0
    told apart, though equal) under format ``code``: worked out once for each, as a bid's
    uplifts are most often one figure under one format, and so are many bids'."""
    text = displayed(value, code)
    figure = text.replace(",", "").replace("£", "").strip()
    try:
        shown = float(figure.removesuffix("%").strip())
    except ValueError:
        return None  # text of the format's own: the cell checks deal with it
    if figure.endswith("%") and shows_percent(code):
        shown /= 100  # a percentage format shows the fraction held a hundred times over
    if pennies:
        return None if abs(shown - value) < 0.005 else text
    return None if math.isclose(shown, value, rel_tol=1e-9, abs_tol=1e-9) else text


# The figures a workbook cell's text is refused for when it reads two ways: money (a rate, a
# turnover) and plain numbers (units of social value committed, a score), as a CSV file
# refuses both. "1.500" units read as 1.5 while a rate so typed was refused. A parser that
# wraps one of these (functools.wraps: a score's, which words its problem for the scale) is
# that parser here.
_FIGURES = (parse_money, parse_number)
# The parsers of counts (units committed, a staff headcount): a count is never a percentage,
# so one shown as one is shown otherwise. A score's parser wraps parse_number but is not it.
_COUNTS = (parse_number, parse_count)


def _two_ways_in_a_workbook(cell: Cell) -> bool:
    """Whether a workbook cell holds, as text, a figure that reads two ways with a point
    ("1.205": £1.205, or £1,205 as European Excel writes a thousand). A workbook's other
    figures are numbers, which say nothing of how the text was meant, so it is read as a CSV
    file whose numbers do not show their mark (io.csvfile.decimal_marks): "1,205" is the form
    British programs write for a thousand and is read so; "1.205" is refused. A number held
    as a number is not text and never ambiguous. (A CSV file's cells have no sheet: its own
    rule has read them already.)"""
    return bool(cell.sheet) and isinstance(cell.value, str) and ambiguous_mark(cell.value) == "."


def _typed_two_ways(text: str, money: bool) -> Problem:
    """The error for a figure typed as text that reads two ways in a workbook."""
    pound = "£" if money else ""
    return Problem(
        "a figure typed as text that reads two ways (three decimal places, or a thousand "
        "and more, as European Excel writes it): which was meant is not in the file",
        found=show(text),
        expected="the figure typed as a number, with no thousands separator (1.205 is "
        f"{pound}1.205 to one reader and {pound}1,205 to another)",
        code="number.ambiguous",
    )


def missing_field(label: str, row: Relabelled | None) -> dict[str, str]:
    """The words of the problem for a form's field whose label is not on the form: with
    ``row``, the row where it belongs, labelled otherwise ('Number of staff' for 'Staff
    headcount') or not at all (its label deleted), saying what it says and holds, for its
    answer is not read."""
    expected = f"a row labelled '{label}' in column A"
    if row is None:
        return {"message": f"the field '{label}' is missing from the form", "expected": expected}
    labelled = "has no label" if row.label.blank else "is labelled otherwise"
    return {
        "message": f"the field '{label}' is missing from the form: row {row.label.ref[1:]}, "
        f"where it belongs, {labelled}, so its answer is not read",
        "found": row.found,
        "expected": f"{expected}: put the template's label back in {row.label.ref} if "
        f"{row.answer.ref} answers it",
    }


def shown_share(cell: Cell, share: float) -> str:
    """A percentage as the officer sees it in the cell: as its format shows it (15 in a
    cell formatted 0.0% shows 1500.0%), else as the percentage read (150 typed as percent
    points is 150%); never the raw 15, which reads as if 15% were out of range."""
    if isinstance(cell.value, (int, float)) and shows_percent(cell.number_format):
        return displayed(cell.value, cell.number_format).strip()
    return f"{share * 100:g}%"


def text_of(value: Any) -> Parsed:
    """A parser for free text (never a problem)."""
    return parse_text(value), None


def name_of(value: Any) -> Parsed:
    """A parser for a name (never a problem): None for one that shows nothing
    (:func:`~tendereval.io.cells.parse_name`), which the caller reports as no name."""
    return parse_name(value), None


V = TypeVar("V")


@dataclass(frozen=True)
class PlanIndex:
    """The plan's ids, matched case- and space-insensitively to what people typed."""

    lots: dict[str, str]
    lot_names: dict[str, str]
    items: dict[str, str]
    questions: dict[str, Criterion]
    question_titles: dict[str, Criterion]
    # The plan's other leaves (price, social value commitments): scored from the bids, not by
    # evaluators, so a score typed for one is named as such, not as a question not there.
    not_questions: dict[str, Criterion]
    groups: dict[str, str]
    # A group as people write it on a declaration: its name ("Carers' Reference Group panel")
    # or its id in words ("service users" for service_users).
    group_names: dict[str, str]
    # What a lot or question matching none of the plan's should have been (io/nearest.py).
    lot_choices: Choices
    question_choices: Choices

    @classmethod
    def of(cls, plan: Plan) -> PlanIndex:
        items = {fold(i.id): i.id for i in plan.price.items}
        # The template writes item ids; people sometimes type the description instead.
        items |= {
            fold(i.description): i.id for i in plan.price.items if fold(i.description) not in items
        }
        lots = {fold(lot.id): lot.id for lot in plan.lots}
        questions = {fold(q.id): q for q in plan.questions()}
        return cls(
            lots=lots,
            # The templates show each lot's name and each question's title beside its id,
            # and people type those instead ("Canterbury" for CAN).
            lot_names=_by_name(
                [(lot.name, lot.id) for lot in plan.lots],
                lambda name, lot: name in lots or _lot_word_id(name, lots, {}) not in (None, lot),
            ),
            items=items,
            questions=questions,
            question_titles=_by_name(
                [(q.title, q) for q in plan.questions()], lambda name, _: name in questions
            ),
            not_questions={fold(c.id): c for c in plan.leaves if c.kind != "question"},
            groups={fold(g.id): g.id for g in plan.evaluation.groups},
            group_names={
                fold(text): g.id
                for g in plan.evaluation.groups
                for text in (g.name, g.id.replace("_", " ").replace("-", " "))
            },
            lot_choices=plan_lots(plan),
            question_choices=plan_questions(plan),
        )

    def lot(self, text: str | None) -> str | None:
        """The plan's lot id for ``text``: the id itself, its name, or "Lot CSB" as people
        write it."""
        if not text:
            return None
        found = self.lots.get(fold(text)) or self.lot_names.get(fold(text))
        return found if found is not None else _lot_word_id(text, self.lots, self.lot_names)

    def item(self, text: str | None) -> str | None:
        return self.items.get(fold(text)) if text else None

    def question(self, text: str | None) -> Criterion | None:
        """The plan's question for ``text``: its id, or its title."""
        if not text:
            return None
        return self.questions.get(fold(text)) or self.question_titles.get(fold(text))


def _by_name(named: list[tuple[str, V]], refused: Callable[[str, V], bool]) -> dict[str, V]:
    """{folded name: what it names} for the names that name one thing only and that
    ``refused`` lets through (a name that is another thing's id never is), so that reading a
    name can never move a figure to another lot or question."""
    counts = Counter(fold(name) for name, _ in named if name)
    return {
        fold(name): value
        for name, value in named
        if name and counts[fold(name)] == 1 and not refused(fold(name), value)
    }


def _lot_word_id(text: str, lots: dict[str, str], names: dict[str, str]) -> str | None:
    """The lot ``text`` names as "Lot CSB" names CSB (a name "Lot 2" is not read as a name
    when another lot's id is 2)."""
    words = text.split(maxsplit=1)
    if len(words) == 2 and words[0].casefold() == "lot":
        return lots.get(fold(words[1])) or names.get(fold(words[1]))
    return None
