"""The rules evaluators' score sheets and moderation must keep, for any form of input.

A :class:`ScoreRules` is made once per tender with the plan and the suppliers that bid (after
the bids are checked, so unknown suppliers can be named); :meth:`ScoreRules.sheet` checks one
evaluator's sheet and :meth:`ScoreRules.moderation` one set of consensus scores. It remembers
every score seen so the same evaluator scoring the same supplier × lot × question twice is
caught even across files.

Score problems are about the evaluator's work, not the bid, so they never carry a supplier:
an unusable score is kept with ``score`` null and scoring works from the others; so is an
evaluator's second score for the same row. Either is listed with the value as typed
(``found``) and why it does not count (``set_aside_because``). A score for an unknown
supplier, lot or question is left out (its problem says where it was).

* missing declaration (no evaluator name or no conflict answer): warning — the plan's
  ``evaluation.missing_declaration`` rule decides what scoring does;
* unknown supplier, lot or question; a score the question's scale does not allow; the same
  score given twice; an evaluator group the plan does not declare: error;
* a score with no reason: warning; a consensus score with no reason, a reason (an
  evaluator's or the panel's) with no score, or a moderation row naming who moderated it
  with neither score nor reason: error; an evaluator's reason with no score
  beside a supplier they declared a conflict with: nothing (the blank is right); for a
  tender the buyer's record sets aside: warning (no score of it can change the award);
* a score or consensus score for a lot the supplier did not bid for; a sheet with no scores
  at all: warning;
* two sheets under two names that are one judgement (io.copied_sheets): error;
* a declaration answering 'none' that names suppliers: error (they are treated as
  conflicted); one answering 'declared' that names none: error (every score counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, wraps
from typing import Any

from tendereval import layout
from tendereval.award.recorded import DECISIONS_FILE, RecordedRejection
from tendereval.errors import Problem, Severity
from tendereval.io.cells import (
    Parsed,
    no_name_found,
    not_a_name,
    parse_choice,
    parse_date,
    parse_list,
    parse_number,
    parse_person_name,
    parse_text,
    show,
)
from tendereval.io.checking import (
    Checker,
    PlanIndex,
    fold,
    missing_field,
    noted_blanks,
    shown_rounded,
    text_of,
)
from tendereval.io.copied_sheets import AT_LEAST_WORDS, MOST_SHARING, alike_sheets
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import how_they_differ, registered_form, skeleton
from tendereval.io.nearest import Choices, bidder_names
from tendereval.io.numformat import displayed, shows_percent
from tendereval.io.raw import Cell, RawModeration, RawScoreSheet, Row
from tendereval.io.workbook import table_unusable
from tendereval.io.xlsx import CellError
from tendereval.person_names import person_words
from tendereval.plan import PLAN_FILE, Criterion, EvaluatorGroup, Plan, Scale
from tendereval.template_marks import (
    MODERATION,
    SCORE_SHEET,
    TemplateMark,
    counts,
)
from tendereval.terminal import shows_nothing
from tendereval.wording import in_words, listed, text_date_in_words

_WARNING = Severity.WARNING
# Why an evaluator is not to score a row: a conflict of interest they declared with its
# supplier (the others are the buyer's record: 'withdrawn', 'rejected').
_CONFLICT = "conflict"
# The declaration's labels, by field, for a row whose label was retyped.
_DECLARATION_LABELS = {f.key: f.label for f in layout.DECLARATION_FIELDS}
# Answers meaning 'none' or 'declared' as evaluators write them: the officer reads "No
# conflict" as none, and an answer not understood leaves the evaluator's scores out (the plan's
# missing_declaration rule).
_CONFLICT_ALIASES = {
    **dict.fromkeys(
        (
            "no",
            "n",
            "nil",
            "n/a",
            "no conflict",
            "no conflicts",
            "no conflict of interest",
            "no conflicts of interest",
            "none declared",
            "nothing to declare",
        ),
        "none",
    ),
    **dict.fromkeys(("yes", "y"), "declared"),
}


def conflict_answer(value: Any) -> Parsed:
    """A declaration's conflict-of-interest answer, 'none' or 'declared', read as the officer
    reads it ('No conflict' is none, 'yes' declared), from a score sheet's cell or a
    declarations frame (io.frame_rules); an answer not understood is a problem."""
    return parse_choice(value, choices=layout.CONFLICT_CHOICES, aliases=_CONFLICT_ALIASES)


def not_none_or_declared(evaluator: str, answer: str) -> dict[str, str]:
    """The warning's words for a declaration whose answer is neither 'none' nor 'declared'
    (its scores then count as the plan's missing_declaration rule says)."""
    return {
        "message": "no conflict-of-interest declaration (conflict of interest answer not "
        f"'none' or 'declared') for {evaluator}",
        "found": f"{answer}, which is neither 'none' nor 'declared'",
        "expected": "the evaluator's name, the date and 'none' or 'declared'",
        "code": "declaration.missing",
    }


# How a cell blank under a merge on a score sheet or the moderation workbook is settled: an
# evaluator's sheet, unlike a tender, can be put right.
_PUT_RIGHT = (
    "Ask whoever filled in the sheet which is meant, to put it in its own cell (unmerge the "
    "cells: Home › Merge & Center › Unmerge Cells) and to send the file again"
)


@dataclass
class Bidders:
    """Who bid for what: supplier key → display name, display name → lots bid for."""

    names: dict[str, str] = field(default_factory=dict)
    lots: dict[str, set[str]] = field(default_factory=dict)
    # display name → the trading name its bid gives ("Hop Garden" for Hop Garden Respite CIC)
    trading: dict[str, str] = field(default_factory=dict)
    # The display names that are a bid's file name, the bid giving no name of its own
    # ("hop-garden-respite-cic" for an .xls file not read): an evaluator who writes "Hop
    # Garden Respite CIC" has not misspelled the name the bid gives, for it gives none.
    named_by_file: set[str] = field(default_factory=set)
    # The files in bids/ not read as bids (a PDF, a Word document), by the name their file
    # name gives as Companies House compares names: what each is, for a score naming a
    # supplier with no bid ("bids/hop-garden-respite-cic.pdf was not read: not a workbook").
    not_read: dict[str, str] = field(default_factory=dict)

    def not_read_of(self, text: str) -> str | None:
        """What became of a file in bids/ whose name is ``text`` as Companies House compares
        names, when it was not read as a bid; None when there is none."""
        wanted = registered_form(text)
        return self.not_read.get(wanted) if wanted else None

    def find(self, text: str | None) -> str | None:
        return self.names.get(fold(text)) if text else None

    def trading_as(self, text: str) -> list[str]:
        """The bidders whose bid gives ``text`` as its trading name (capitals and spacing
        aside, or as Companies House compares names), sorted."""
        wanted = registered_form(text) or fold(text)
        return self._by_trading_name.get(wanted, []) if wanted else []

    def named_by(self, text: str) -> tuple[list[str], list[str]]:
        """The bidders ``text`` can name, each list sorted: by their name (the one written as
        its bid gives it, capitals and spacing aside; else each whose name it is as Companies
        House compares names), and by the trading name their bid gives, the others. A bidder's
        own name written exactly is another's trading name only when written exactly as that
        (a bidder whose name is "Hop Garden Ltd" is named so beside a bid trading as "Hop
        Garden"); else a name that is one bidder's and another's trading name names both."""
        exact = self.find(text)
        named = [exact] if exact is not None else self.registered_as(text)
        trading = (
            self._by_exact_trading_name.get(fold(text), []) if exact else self.trading_as(text)
        )
        return named, [bidder for bidder in trading if bidder not in named]

    def registered_as(self, text: str) -> list[str]:
        """The bidders whose name is ``text`` as Companies House compares names ("Acme Care"
        or "Acme Care Limited" for Acme Care Ltd), sorted."""
        wanted = registered_form(text)
        return self._by_registered_form.get(wanted, []) if wanted else []

    @cached_property
    def expected(self) -> Choices:
        """What a name that matches no bidder should have been (made once)."""
        return bidder_names(self.names.values())

    @cached_property
    def _by_trading_name(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, trading in sorted(self.trading.items()):
            if trading and (form := registered_form(trading) or fold(trading)):
                found.setdefault(form, []).append(name)
        return found

    @cached_property
    def _by_exact_trading_name(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, trading in sorted(self.trading.items()):
            if trading:
                found.setdefault(fold(trading), []).append(name)
        return found

    @cached_property
    def _by_registered_form(self) -> dict[str, list[str]]:
        # Made once: a sheet of many unknown names looks each up, never every bidder again.
        found: dict[str, list[str]] = {}
        for name in sorted(set(self.names.values())):
            found.setdefault(registered_form(name), []).append(name)
        return found


@dataclass
class ScoreRules:
    """Checks score sheets and moderation against the plan and the bidders."""

    plan: Plan
    bidders: Bidders
    declarations: list[dict[str, Any]] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    moderation_rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _seen: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    _seen_consensus: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    # An evaluator as a person (person_words) → the first file declaring them, and its name.
    _declared_in: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    # An evaluator's name as it looks on screen → its first spelling and file.
    _looks: dict[str, tuple[str, str]] = field(default_factory=dict)
    _respelled: set[tuple[str, str, str]] = field(default_factory=set)  # file, sheet, spelling
    # Each sheet's file → where its scores are (RawScoreSheet.at), for problems about them all.
    _scores_at: dict[str, dict[str, str]] = field(default_factory=dict)
    # The buyer's record (decisions.toml): the withdrawals and rejections naming a supplier's
    # tender (for the lots each covers), and the keys of the suppliers every return of whom is
    # withdrawn by its file. No evaluator is expected to score those tenders.
    set_aside: tuple[Any, ...] = ()
    withdrawn: frozenset[str] = frozenset()
    # The conflicts declared (:meth:`_declared_conflicts`), and how many declarations they are of.
    _conflicts: tuple[int, dict[str, set[str]]] = field(default_factory=lambda: (0, {}), repr=False)

    def __post_init__(self) -> None:
        self.index = PlanIndex.of(self.plan)
        self.check = Checker(supplier=None, problems=self.problems, settle=_PUT_RIGHT)
        # Each question's score parser (:func:`_on_scale`), made once: made for each score, its
        # wrapper took a tenth of the time 60,000 scores took to check.
        self._parsers: dict[tuple[str, str | None], Callable[[Any], Parsed]] = {}

    def _noted(self, raw: RawScoreSheet | RawModeration, check: Callable[[], None]) -> None:
        """``check()`` one file with its merged cells known, as a bid return's are: a blank
        cell with a meaning of its own (an evaluator group, who moderated) under a merge that
        shows a value is not read as left blank (Checker.left_blank), and a problem about a
        blank cell that shows something in Excel says so (noted_blanks)."""
        start = len(self.problems)
        self.check.notes = raw.blank_notes  # (sheet, cell) of this file only
        try:
            check()
        finally:
            self.check.notes = {}
        if raw.blank_notes:  # in place: the checker holds this list
            self.problems[start:] = noted_blanks(self.problems[start:], raw.blank_notes)

    # -- one evaluator's sheet

    def sheet(self, raw: RawScoreSheet) -> None:
        """Check one evaluator's declaration and scores; rows go to the frames' lists."""
        self._noted(raw, lambda: self._sheet(raw))

    def _sheet(self, raw: RawScoreSheet) -> None:
        self.problems.extend(raw.problems)
        mark = TemplateMark.read(raw.mark) if raw.mark else None
        if not raw.readable or not self._made_for_this_plan(mark, raw.source, SCORE_SHEET):
            return
        evaluator, group = self._declaration(raw)
        self._group_made_for(raw, mark, group)
        counted_as = self._one_sheet_per_evaluator(raw, evaluator)
        if counted_as != evaluator:  # both declarations apply, as to one name written alike
            self.declarations[-1]["evaluator"] = evaluator = counted_as
        before = len(self.scores)
        self._scores_at.setdefault(raw.source, raw.at(layout.SCORE_SCORES))
        for row in raw.scores:
            self._score(row, evaluator, group, raw.source)
        # Scores given and all left out (each a second score for a name another sheet also
        # carries) are not "no scores": their own errors say why they do not count.
        counted = any(r["score"] is not None for r in self.scores[before:])
        if not counted and not raw.gives_a_score and not table_unusable(raw.problems):
            self._no_scores(raw, evaluator)

    def _no_scores(self, raw: RawScoreSheet, evaluator: str) -> None:
        """A warning for a sheet that gives no score. The consolidated form has no sheet per
        evaluator: there it is a declaration naming someone no row of the scores table names
        (at the declaration's name), or an evaluator whose rows give no score."""
        scores = raw.at(layout.SCORE_SCORES)
        declared = (raw.declaration or {}).get("evaluator")
        expected = "a score and a reason for each supplier, lot and question"
        at: Cell | None = None
        if not raw.consolidated:
            message = f"the score sheet of {evaluator} holds no scores"
        elif raw.scores or declared is None:
            message = f"{evaluator}'s rows on the scores table give no score"
        else:
            table = " › ".join(part for part in (scores["file"], scores["sheet"]) if part)
            message = (
                f"the declaration of {evaluator} names an evaluator with no scores: no row of "
                f"{table} names {evaluator}"
            )
            expected = (
                "the evaluator's name as their scores give it (the same words, in any order); "
                "or no declaration for someone who scores nothing"
            )
            at = declared
        self.check.add(
            at, message, expected=expected, code="scores.none", severity=_WARNING, **scores
        )

    def _made_for_this_plan(self, mark: TemplateMark | None, file: str, kind: str) -> bool:
        """Whether a workbook's scores may count, given the template it says it was made
        from: not when that was another tender's, or the plan's scales have changed since
        (the problems say which)."""
        problems = mark.problems(self.plan, file, kind) if mark is not None else []
        self.problems.extend(problems)
        return counts(problems)

    def _group_made_for(
        self, raw: RawScoreSheet, made_for: TemplateMark | None, group: str
    ) -> None:
        """An error when the declaration names another evaluator group than the one the
        score sheet was made for (its mark): a panel's sheet whose group was cleared counted
        as the main panel's, its scores averaged with the officers' and the panel's share
        carried by others, with nothing said of why."""
        if made_for is None or made_for.kind != SCORE_SHEET or fold(made_for.group) == fold(group):
            return
        if group and fold(group) not in self.index.groups:  # its own error names the cell
            return
        form = raw.declaration or {}
        cell = form.get("group")
        self.check.add(
            cell,
            f"the score sheet was made for {_group_words(made_for.group)}, but its "
            f"declaration names {_group_words(group)}, so its scores count as "
            f"{_group_words(group, counted=True)}",
            found=_blank(cell) if group == "" else group,
            expected=f"{made_for.group or 'blank (the main panel)'}, as the sheet was made; or "
            "a score sheet made for the evaluator's own group",
            code="declaration.group_changed",
            **raw.at(layout.SCORE_DECLARATION),
        )

    def _one_sheet_per_evaluator(self, raw: RawScoreSheet, evaluator: str) -> str:
        """The name this sheet's scores count under, with a warning when a second file
        declares the same evaluator: often a colleague who filled in the wrong template, whose
        scores then count as the other's (and the other's own scores as duplicates), or a
        revised sheet saved beside the first. One person however the Declaration writes the
        name (:func:`person_words`: "Marsh, Helen", "Dr Helen Marsh" and "Helen Marsh MBE" are
        Helen Marsh), counted under the first sheet's spelling: read literally, a revised
        sheet naming her "Marsh, Helen" counted as a second evaluator, her judgement averaged
        in twice, with nothing said."""
        key = fold(evaluator)
        self._lookalike(raw, evaluator, key)
        person = declared_person(evaluator)
        first, named = self._declared_in.setdefault(person, (raw.source, evaluator))
        if first == raw.source:
            return evaluator
        self._on_declaration(raw, **same_evaluator(evaluator, first, named))
        return named

    def _lookalike(self, raw: RawScoreSheet, evaluator: str, key: str) -> None:
        """A warning when this evaluator's name looks the same as an earlier sheet's but is
        written with other characters (a zero-width space pasted in with it, a Cyrillic "о"):
        on screen they are one person, yet the scores count as two evaluators', each bid's
        mean taking the one judgement twice. (The same name in both is the warning above.)"""
        other, where = self._looks.setdefault(skeleton(evaluator), (evaluator, raw.source))
        if fold(other) != key:
            self._on_declaration(raw, **lookalike_evaluator(evaluator, other, where))

    def _on_declaration(self, raw: RawScoreSheet, **words: str) -> None:
        """A warning at the evaluator's name on the sheet's declaration."""
        form = raw.declaration or {}
        self.check.add(
            form.get("evaluator"),
            severity=_WARNING,
            **raw.at(layout.SCORE_DECLARATION),
            **words,
        )

    def _declaration(self, raw: RawScoreSheet) -> tuple[str, str]:
        form = raw.declaration or {}
        check = self.check
        # A number or TRUE in the name cell is an error there (name.not_text); the sheet is then
        # the file's, as with no name.
        name = check.value(form.get("evaluator"), parse_person_name, what="evaluator name")
        evaluator = name or raw.fallback_name
        conflict = check.value(
            form.get("conflict"),
            conflict_answer,
            what="conflict of interest",
            severity=_WARNING,
        )
        if not name or conflict is None:
            given = form.get("evaluator")
            refused = given is not None and not_a_name(given.value)  # its own error, above
            if conflict is None or not refused:
                self._no_declaration(raw, name, evaluator)
            conflict = None
        group_cell = form.get("group")
        if group_cell is not None and group_cell.blank:
            # Blank is the main panel; one under a merge showing a value is not blank in
            # Excel, and which group is meant is not in the file: an error at the cell.
            check.left_blank(group_cell, what="evaluator group")
        group = self._group(raw.group if group_cell is None or group_cell.blank else group_cell)
        dated = raw.declaration is not None and bool(name)
        if dated and "declared_on" not in form:
            self._date_not_on_form(raw)  # the row, not a blank cell at no place
        declared_on = check.value(
            form.get("declared_on"),
            parse_date,
            what="date of declaration",
            severity=_WARNING,
            required=dated and "declared_on" in form,
        )
        approved = self.plan.approval.approved_on
        if declared_on and approved and declared_on < approved:
            # A declaration names the bidders, so it is made after bids are opened; the weights
            # are approved before the tender is published. The other way round, the weights
            # were set (or their approval recorded) once the bids could be seen.
            check.add(
                form.get("declared_on"),
                f"the plan records its weights as approved on {text_date_in_words(approved)}, "
                f"after this evaluator declared on {text_date_in_words(declared_on)}",
                found=f"declared on {text_date_in_words(declared_on)}",
                expected=f"a declaration made after the plan's approval ({PLAN_FILE} › "
                "approval.approved_on): the award criteria and weights are set before the "
                "tender is published (Procurement Act 2023 s.23); check both dates",
                code="declaration.before_approval",
                severity=_WARNING,
            )
        conflicted = (
            [
                self._conflicted(text, form["conflicted_suppliers"], conflict == "declared")
                for text in self._declared_names(form["conflicted_suppliers"].value)
            ]
            if "conflicted_suppliers" in form
            else []
        )
        fault = declaration_fault(conflict, bool(conflicted))
        if fault is not None:
            column = "conflicted_suppliers" if conflicted else "conflict"
            check.add(
                form.get(column),
                found=parse_text(form[column].value) if column in form else "",
                **fault,
            )
        self.declarations.append(
            {
                "evaluator": evaluator,
                "group": group,
                "declared_on": declared_on,
                "conflict": conflict or "",
                "conflicted_suppliers": conflicted,
                # The declaration's own file: in the CSV form that is declarations.csv, not the
                # scores.csv the sheet is filed under (its problems name the same file).
                "source": form["conflict"].file if "conflict" in form else raw.source,
            }
        )
        return evaluator, group

    def _no_declaration(self, raw: RawScoreSheet, name: str | None, evaluator: str) -> None:
        """The warning for a declaration that gives no evaluator's name or no answer 'none'
        or 'declared' (its scores then count as the plan's missing_declaration rule says),
        saying what is there: the answer given, or the row where the field belongs when it
        is labelled otherwise ('Any conflict of interest?'), not that nothing was found."""
        form = raw.declaration or {}
        key = "conflict" if name else "evaluator"
        answer = form.get("conflict")
        relabelled = raw.relabelled.get(key)
        where: dict[str, str] = raw.at(layout.SCORE_DECLARATION)
        at: Cell | None = None
        expected = "the evaluator's name, the date and 'none' or 'declared'"
        found = "nothing"
        if raw.declaration is None:
            missing = "declaration missing"
            looks_like = [o.sheet for o in raw.absent.get(layout.SCORE_DECLARATION, []) if o.rows]
            if looks_like:  # its own error names it: the answers there are not read
                sheets = listed([f"'{sheet}'" for sheet in looks_like])
                found = f"no '{layout.SCORE_DECLARATION}' sheet; " + (
                    f"the sheet {sheets} looks like it, and is not read"
                    if len(looks_like) == 1
                    else f"the sheets {sheets} look like it, and are not read"
                )
        elif name and answer is not None and not answer.blank:
            # Something is written there: say what, not that nothing was found.
            missing = "conflict of interest answer not 'none' or 'declared'"
            found = f"{show(answer.value)}, which is neither 'none' nor 'declared'"
        elif relabelled is not None:
            label = _DECLARATION_LABELS[key]
            missing = (
                f"no row labelled '{label}': row {relabelled.label.ref[1:]}, where it "
                "belongs, is labelled otherwise, so its answer is not read"
            )
            found = relabelled.found
            expected += (
                f", on a row labelled '{label}' in column A: put the template's label back "
                f"in {relabelled.label.ref} if {relabelled.answer.ref} answers it"
            )
            at, where = relabelled.label, {}
        else:
            missing = (
                "evaluator name missing" if not name else "conflict of interest answer missing"
            )
            given = form.get("evaluator")
            if not name and given is not None and parse_text(given.value) is not None:
                # Characters that show as nothing: named, at their cell.
                found, at, where = no_name_found(given.value), given, {}
        self.check.add(
            at,
            f"no conflict-of-interest declaration ({missing}) for {evaluator}",
            found=found,
            expected=expected,
            code="declaration.missing",
            severity=_WARNING,
            **where,
        )

    def _date_not_on_form(self, raw: RawScoreSheet) -> None:
        """A warning for a declaration with no date of declaration to read: at the row where
        it belongs when its label was retyped ('Date'), saying what it holds; else on the
        declaration (a row or a column deleted). It was 'date of declaration is missing
        (found a blank cell)', with no file, sheet or cell."""
        row = raw.relabelled.get("declared_on")
        if row is not None:
            self.check.add(
                row.label,
                **missing_field(_DECLARATION_LABELS["declared_on"], row),
                code="form.missing_field",
                severity=_WARNING,
            )
            return
        self.check.add(
            None,
            "date of declaration is missing",
            found="nothing",
            expected="date of declaration filled in",
            code="cell.blank",
            severity=_WARNING,
            **raw.at(layout.SCORE_DECLARATION),
        )

    def _group(self, cell: Cell | None) -> str:
        text = parse_text(cell.value) if cell is not None else None
        if not text:
            return ""
        group = self.index.groups.get(fold(text))
        if group is None and (group := self.index.group_names.get(fold(text))) is not None:
            # The group's name as the plan gives it, or its id in words: it is that group.
            self.check.add(
                cell,
                f"read as the evaluator group {group}, which the plan names this way",
                found=text,
                expected=f"the group's id, {group}",
                code="declaration.group_by_name",
                severity=_WARNING,
            )
        if group is None:
            self.check.add(cell, **unknown_group(self.plan), found=text)
            return text
        return group

    def _bidder(self, text: str | None, cell: Cell) -> str | None:
        """The bidder an evaluator's ``text`` names: written as the bid gives it (capitals and
        spacing aside), or else the one bidder whose name it is as Companies House compares
        names, or whose bid gives it as its trading name, with a warning at the first cell of
        each such spelling in a sheet. None when it names no bidder, or more than one: a
        trading name one bid gives that is another bidder's name names both."""
        if not text:
            return None
        named, trading = self.bidders.named_by(text)
        if len(named) + len(trading) != 1:
            return None
        name = (named or trading)[0]
        if fold(text) == fold(name):
            return name
        spelling = (cell.file, cell.sheet, fold(text))
        if named and name in self.bidders.named_by_file:
            return name  # its bid's own problem says why it gives no name
        if spelling not in self._respelled:
            self._respelled.add(spelling)
            self.check.add(
                cell,
                f"read as the bidder {name}: the names differ only in what Companies House "
                "sets aside when it compares names (the legal form, '&' for 'and', punctuation)"
                if named
                else f"read as the bidder {name}: it is the trading name its bid gives",
                found=text,
                expected=f"the name as the bid gives it, {name}",
                code="score.supplier_respelled" if named else "score.supplier_trading_name",
                severity=_WARNING,
            )
        return name

    def _unknown_bidder(self, text: str) -> str:
        """What a name that matches no one bidder should have been."""
        named, trading = self.bidders.named_by(text)
        if named and trading:
            return (
                f"one of {', '.join(named)} (whose name it is) and {', '.join(trading)} "
                "(whose bid gives it as its trading name)"
            )
        if len(named) > 1:
            return (
                f"one of {', '.join(named)} (each is that name as Companies House compares names)"
            )
        if len(trading) > 1:
            return f"one of {', '.join(trading)} (each bid gives it as its trading name)"
        return self.bidders.expected.expected(text)

    def _several(self, text: str) -> bool:
        """Whether ``text`` names more than one bidder (:meth:`Bidders.named_by`)."""
        named, trading = self.bidders.named_by(text)
        return len(named) + len(trading) > 1

    def _declared_names(self, value: Any) -> list[str]:
        """The names a declaration's "Suppliers you have a conflict with" gives, separated by
        ;, but for a bidder whose own name holds a ; ("Weald; Carers Trust"), taken whole:
        split, it was two suppliers that did not bid, and the warning for it written without
        the ; asked for the name as the bid gives it, which was refused again."""
        parts = parse_list(value)
        names, start = [], 0
        while start < len(parts):
            end = next(
                (
                    end
                    for end in range(len(parts), start + 1, -1)
                    if self._one_bidder_with_a_semicolon("; ".join(parts[start:end]))
                ),
                start + 1,
            )
            names.append("; ".join(parts[start:end]))
            start = end
        return names

    def _one_bidder_with_a_semicolon(self, text: str) -> bool:
        named, trading = self.bidders.named_by(text)
        return len(named) + len(trading) == 1 and ";" in (named or trading)[0]

    def _conflicted(self, text: str, cell: Cell, declared: bool) -> str:
        name = self._bidder(text, cell)
        if name is None:
            # With a conflict declared, a name that matches no bidder (a typo, or names
            # separated by commas) would leave the conflicted scores counted: an error.
            self.check.add(
                cell,
                "a conflict is declared with "
                + (
                    "a name that is more than one bidder's"
                    if self._several(text)
                    else "a supplier that did not bid"
                )
                + (", so the evaluator's scores for it would still count" if declared else ""),
                found=text,
                expected=self._unknown_bidder(text) + ", separated by ;",
                code="declaration.unknown_supplier",
                severity=Severity.ERROR if declared else _WARNING,
            )
            return text
        return name

    # -- one score

    def _target(
        self, row: Row, consensus: bool = False
    ) -> tuple[str | None, str | None, Criterion | None]:
        """The supplier, lot and question a row scores (``consensus``: a moderation row), with
        a problem for each unknown."""
        check = self.check
        supplier_text = check.value(row.get("supplier"), text_of, what="supplier", required=True)
        supplier = self._bidder(supplier_text, row["supplier"]) if supplier_text else None
        if supplier_text and supplier is None:
            not_read = self.bidders.not_read_of(supplier_text)
            check.add(
                row["supplier"],
                "a score for a name that is more than one bidder's, so it is not read"
                if self._several(supplier_text)
                else "a score for a supplier that did not submit a bid"
                + (f" ({not_read})" if not_read else ""),
                found=supplier_text,
                expected=self._unknown_bidder(supplier_text),
                code="score.unknown_supplier",
            )
        lot_text = self._only_lot(row.get("lot")) or check.value(
            row.get("lot"), text_of, what="lot", required=True
        )
        lot = self.index.lot(lot_text)
        if lot_text and lot is None:
            check.add(
                row["lot"],
                "a lot that is not in the plan",
                found=lot_text,
                expected=self.index.lot_choices.expected(lot_text),
                code="score.unknown_lot",
            )
        question_text = check.value(row.get("question"), text_of, what="question", required=True)
        question = self.index.question(question_text)
        if question_text and question is None:
            expected = self.index.question_choices.expected(question_text)
            other = self.index.not_questions.get(fold(question_text))
            check.add(
                row["question"],
                found=question_text,
                **(
                    not_scored_by_evaluators(other, expected, consensus)
                    if other is not None
                    else unknown_question(expected)
                ),
            )
        return supplier, lot, question

    def _only_lot(self, cell: Cell | None) -> str | None:
        """The plan's only lot, for a Lot cell left blank in a plan of one (with a warning):
        the row can score no other, as a bid return in a plan of one is a bid for its lot.
        It was an error that held the award until the cell was typed in. None otherwise."""
        if len(self.plan.lots) != 1 or cell is None or not cell.blank or cell.unsaved_formula:
            return None
        only = self.plan.lots[0].id
        self.check.add(
            cell,
            f"lot left blank; read as the plan's only lot, {only}",
            found="a blank cell",
            expected=f"the lot, {only}",
            code="score.lot_blank",
            severity=_WARNING,
        )
        return only

    def _parser(self, question: Criterion | None, scale: Scale | None) -> Callable[[Any], Parsed]:
        if question is None or scale is None:
            return parse_number
        key = (question.id, question.scale)
        if (parse := self._parsers.get(key)) is None:
            parse = self._parsers[key] = _on_scale(question, scale)
        return parse

    def _value(self, cell: Cell | None, question: Criterion | None, what: str) -> Read:
        if cell is not None and isinstance(cell.value, dt.date):
            # "3/5" typed in a cell is kept by Excel as 3 May, and shows as a date.
            day = cell.value
            shown = f"the date {in_words(day)}"
            self.check.add(
                cell,
                f"{what}: the cell holds a date, as Excel keeps a score typed as '3/5' or "
                "'3-5'; it is not read as a score",
                found=shown,
                expected="the score alone, e.g. 3, in a cell formatted as General",
                code="score.date",
            )
            return Read(None, shown, "Excel keeps it as a date (a score typed as '3/5' or '3-5')")
        scale = self.plan.scales.get(question.scale or "") if question is not None else None
        score = self.check.value(cell, self._parser(question, scale), what=what)
        if score is None:
            return _unread(cell, scale)
        if question is None:
            return Read(score)
        if scale is not None and scale.high > 1 and shows_percent(cell.number_format):
            # Excel keeps 60% as 0.6: on a 0–100 scale the officer sees 60 points and 0.6
            # would be scored. On a 0–1 scale 60% is 0.6, and nothing needs saying.
            shown = displayed(score, cell.number_format)
            self.check.add(
                cell,
                f"the cell shows {shown} but holds {show(score)}: "
                "it is formatted as a percentage, which Excel keeps as a fraction",
                found=f"shows {shown}, holds {show(score)}",
                expected=f"the score itself on the scale for {question.id} ({scale.describe()}), "
                "in a cell formatted as General (Home › Number)",
                code="score.shown_as_percent",
            )
            return Read(None, shown, f"a percentage ({shown}, which Excel keeps as {show(score)})")
        rounded = shown_rounded(cell, score)
        if scale is not None and not scale.allows(score):
            self.check.add(
                cell,
                found=show(score) + (f" (the cell shows {rounded})" if rounded else ""),
                **out_of_scale(question.id, scale),
            )
            return Read(None, show(score), not_on_scale(show(score), scale))
        if rounded:
            # The score is allowed and counts as held; the sheet the evaluator signed off
            # shows another figure, and the officer should know which one was scored.
            self.check.add(
                cell,
                f"the cell shows {rounded} but holds {show(score)}, which is the score used: "
                "its number format shows fewer decimal places than the score has",
                found=f"shows {rounded}, holds {show(score)}",
                expected="the score as the evaluator means it, in a cell that shows it whole "
                "(Home › Number › General)",
                code="score.shown_rounded",
                severity=_WARNING,
            )
        return Read(scale.snap(score) if scale is not None else score)

    def _score(self, row: Row, evaluator: str, group: str, source: str) -> None:
        score_cell = row.get("score")
        reason = _reason(row)
        if (
            (score_cell is None or score_cell.blank)
            and not score_cell_formula(score_cell)
            and not reason
        ):
            return  # a row left for someone else (or a conflict): nothing to check
        supplier, lot, question = self._target(row)
        read = self._value(score_cell, question, "score")
        score = read.score
        anchor = score_cell or next(iter(row.values()))
        if score is not None and not reason:
            self.check.add(
                row.get("reason") or anchor,
                "a score with no written reason",
                found=_no_reason(row.get("reason")),
                expected="the reason for the score, referring to the bid",
                code="score.no_reason",
                severity=_WARNING,
            )
        if score_cell is not None and score_cell.blank and not score_cell.unsaved_formula:
            read = self._reason_alone(score_cell, evaluator, supplier, lot)

        def listed(score: float | None, found: str | None, why: str | None) -> None:
            self.scores.append(
                {
                    "evaluator": evaluator,
                    "group": group,
                    "supplier": supplier,
                    "lot": lot,
                    "question": question.id,  # type: ignore[union-attr]
                    "score": score,
                    "reason": reason,
                    "source": source,
                    "cell": anchor.where,
                    "found": found,
                    "set_aside_because": why,
                }
            )

        if supplier and lot and question:
            key = (fold(evaluator), supplier, lot, question.id)
            if key in self._seen:
                first = self._seen[key]
                self.check.add(
                    anchor,
                    **duplicate_score(
                        (evaluator, supplier, lot, question.id),
                        _given(score_cell),
                        _given(first),
                        f"{first.file} › {first.where}",
                    ),
                )
                # Listed, not counted: the audit trail shows every score as it was typed.
                listed(None, _typed(score_cell), second_score(evaluator, first, source))
                return
            self._seen[key] = anchor
            self._check_bid_and_group(anchor, supplier, lot, question, group)
        if not (supplier and lot and question):
            return  # the problems above say what it pointed at
        listed(score, read.found, read.why)

    def _reason_alone(
        self, cell: Cell, evaluator: str, supplier: str | None, lot: str | None
    ) -> Read:
        """What a reason written beside a blank score cell means, said at the cell
        (:func:`reason_alone`). The row is listed, not counted, with why."""
        why = self._not_to_score(evaluator, supplier, lot) if supplier and lot else None
        words = reason_alone(evaluator, supplier, why)
        if words is not None:
            self.check.add(cell, **words)
        return Read(None, None, not_scored_because(evaluator, supplier, why))

    def _not_to_score(self, evaluator: str, supplier: str, lot: str) -> str | None:
        """Why ``evaluator`` is not expected to score ``supplier``'s tender for ``lot``, or
        None (:func:`not_to_score`)."""
        return not_to_score(
            evaluator, supplier, lot, self._declared_conflicts(), self._set_aside_as
        )

    def _set_aside_as(self, supplier: str, lot: str) -> str | None:
        """'withdrawn' or 'rejected' when the buyer's record sets ``supplier``'s tender for
        ``lot`` aside, else None."""
        if supplier_key(supplier) in self.withdrawn:
            return "withdrawn"
        return set_aside_as(self._set_aside_by_supplier, supplier, lot)

    def _declared_conflicts(self) -> dict[str, set[str]]:
        """The supplier keys each evaluator (by :func:`fold`) declared a conflict with, every
        declaration of theirs read so far applied (:func:`declared_conflicts`). Made again
        only when a declaration has been read since."""
        made, conflicts = self._conflicts
        if made == len(self.declarations):
            return conflicts
        conflicts = declared_conflicts(
            (d["evaluator"], d["conflicted_suppliers"]) for d in self.declarations
        )
        self._conflicts = (len(self.declarations), conflicts)
        return conflicts

    @cached_property
    def _set_aside_by_supplier(self) -> dict[str, list[Any]]:
        """The buyer's records setting tenders aside, by the supplier key they name."""
        return set_aside_by_supplier(self.set_aside)

    def _not_bid(self, supplier: str, lot: str) -> bool:
        # A bid whose lots could not be read (its Prices sheet unusable) has its own error;
        # every score for it is not also "a lot they did not bid for".
        lots = self.bidders.lots.get(supplier)
        return bool(lots) and lot not in lots

    def _check_bid_and_group(
        self, cell: Cell, supplier: str, lot: str, question: Criterion, group: str
    ) -> None:
        if self._not_bid(supplier, lot):
            lots = self.bidders.lots.get(supplier, set())
            self.check.add(cell, **lot_not_bid(supplier, lot, lots), severity=_WARNING)
        spec = next((g for g in self.plan.evaluation.groups if g.id == group), None)
        if spec is not None and spec.questions and question.id not in spec.questions:
            self.check.add(cell, **group_question(spec, question.id), severity=_WARNING)

    # -- gaps

    def gaps(self) -> None:
        """A warning for each evaluator who left out scores they were expected to give.

        Expected: every supplier × lot bid for, on each question the evaluator scored for
        anyone (so a panel that splits the questions between evaluators raises nothing) that
        is theirs to score (a group's scores outside its ``questions`` are not counted), less
        suppliers they declared a conflict with, and tenders :attr:`set_aside` by the buyer's
        record (withdrawals and rejections: a late bid is not scored), and the suppliers every
        return of whom is :attr:`withdrawn` by its file. A deleted row, or a score and reason
        both left blank, otherwise went unnoticed and the bid was scored on the others alone.
        (A row with a score that cannot be read, or a reason alone, is named at its cell.)"""
        out = self._set_aside_by_supplier
        gone = self.withdrawn
        conflicted = self._declared_conflicts()
        given: dict[str, set[tuple[str, str, str]]] = {}
        names: dict[str, tuple[str, str]] = {}
        remits = {g.id: set(g.questions) for g in self.plan.evaluation.groups if g.questions}
        for row in self.scores:
            remit = remits.get(row["group"])
            if remit is not None and row["question"] not in remit:
                # A group's score for a question it does not score is not counted (warned of
                # at its cell): that question is not expected of the group for every bid.
                continue
            key = fold(row["evaluator"])
            names.setdefault(key, (row["evaluator"], row["source"]))
            # A row whose score could not be read ("4 - Good"), or that gives a reason with
            # no score, has its problem at its cell: it is not also a row left out.
            given.setdefault(key, set()).add((row["supplier"], row["lot"], row["question"]))
        for key, done in given.items():
            evaluator, source = names[key]
            questions = sorted({question for _, _, question in done})
            expected = [
                (supplier, lot, question)
                for supplier, lots in sorted(self.bidders.lots.items())
                if supplier_key(supplier) not in conflicted.get(key, set())
                and supplier_key(supplier) not in gone
                for lot in sorted(lots)
                if not any(r.covers(lot) for r in out.get(supplier_key(supplier), ()))
                for question in questions
            ]
            missing = [item for item in expected if item not in done]
            if not missing:
                continue
            shown = "; ".join(f"{s}, lot {lot}, {q}" for s, lot, q in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            self.check.add(
                None,
                f"{evaluator} gave no score for {len(missing)} of the {len(expected)} "
                "supplier, lot and question rows they were expected to score",
                found=shown + more,
                expected="a score and a reason on every row (a conflict of interest declared "
                "for a supplier leaves its rows out)",
                code="scores.incomplete",
                severity=_WARNING,
                **self._scores_at[source],
            )

    def same_reasons(self) -> None:
        """An error for each evaluator whose sheet is, row for row, another's under another
        name (io.copied_sheets: every reason the other's word for word, or score and reason
        the other's on nearly every row both scored): one sheet sent twice with the name
        typed another way ("Ann Evans", "Evans, Ann"; "T. Okafor" on a revised sheet), or a
        colleague's sheet copied. Either way one judgement is counted as two evaluators' in
        every mean. Stock words a panel shares ("No comment" on every row, the scale's
        descriptor as the reason) are no evidence of a copy. (One name on two sheets is caught
        by name.)"""
        descriptors = [text for s in self.plan.scales.values() for _, text in s.descriptors]
        for alike in alike_sheets(self.scores, descriptors).iter_rows(named=True):
            self.check.add(
                None,
                **same_sheet(alike),
                expected="each evaluator's own sheet, once: of a sheet sent again, keep only "
                "the one that stands and move the other out of the tender folder (keep it with "
                "the evaluation records); remove a copy; or correct the name on its Declaration "
                "if it is the same evaluator's",
                code="scores.same_reasons",
                **self._scores_at[alike["source"]],
            )

    # -- moderation

    def moderation(self, raw: RawModeration) -> None:
        """Check consensus scores: each needs a written reason."""
        self._noted(raw, lambda: self._moderation(raw))

    def _moderation(self, raw: RawModeration) -> None:
        self.problems.extend(raw.problems)
        mark = TemplateMark.read(raw.mark) if raw.mark else None
        if not self._made_for_this_plan(mark, raw.source, MODERATION):
            return
        for row in raw.rows:
            score_cell = row.get("score")
            reason = _reason(row)
            if (score_cell is None or score_cell.blank) and not score_cell_formula(score_cell):
                if reason:
                    self._consensus_reason_alone(score_cell or row["reason"], row)
                elif _moderator(row) and _names_a_score(row):
                    self._consensus_moderator_alone(score_cell or row["moderator"], row)
                continue
            supplier, lot, question = self._target(row, consensus=True)
            score = self._value(score_cell, question, "consensus score").score
            if not reason:
                self.check.add(
                    row.get("reason") or score_cell,
                    "a consensus score with no written reason",
                    found=_no_reason(row.get("reason")),
                    expected="the reason the moderation panel agreed",
                    code="moderation.no_reason",
                )
            if not (supplier and lot and question):
                continue
            key = (supplier, lot, question.id)
            if key in self._seen_consensus:
                first = self._seen_consensus[key]
                self.check.add(
                    score_cell,
                    **duplicate_consensus(
                        (supplier, lot, question.id),
                        f"{first.file} › {first.where}",
                        in_another_file=first.file != raw.source,
                    ),
                )
                continue
            self._seen_consensus[key] = score_cell
            if self._not_bid(supplier, lot):
                lots = self.bidders.lots.get(supplier, set())
                words = lot_not_bid(supplier, lot, lots, consensus=True)
                self.check.add(score_cell, **words, severity=_WARNING)
            self.moderation_rows.append(
                {
                    "supplier": supplier,
                    "lot": lot,
                    "question": question.id,
                    "score": score if reason else None,
                    "reason": reason,
                    # Blank under a merge showing a name is an error: who moderated the
                    # row, and so whether they were conflicted, is not in the file.
                    "moderator": self.check.value(
                        row.get("moderator"), parse_person_name, what="moderator"
                    ),
                    "source": raw.source,
                    "cell": score_cell.where,
                }
            )

    def _consensus_reason_alone(self, cell: Cell, row: Row) -> None:
        """The panel's reason with its consensus score left blank, said at the cell
        (:func:`consensus_left_blank`)."""
        supplier, lot, question = self._quietly(row)
        why = self._set_aside_as(supplier, lot) if supplier and lot else None
        to_type = self._consensus_to_type(supplier, lot, question)
        self.check.add(cell, **consensus_left_blank(supplier, why, to_type))

    def _consensus_moderator_alone(self, cell: Cell, row: Row) -> None:
        """Who moderated the row written, with neither consensus score nor reason, said at
        the cell (:func:`consensus_left_blank`)."""
        supplier, lot, _ = self._quietly(row)
        why = self._set_aside_as(supplier, lot) if supplier and lot else None
        self.check.add(cell, **consensus_left_blank(supplier, why, moderator=_moderator(row)))

    def _consensus_to_type(
        self, supplier: str | None, lot: str | None, question: Criterion | None
    ) -> str:
        """What the panel can put right on a moderation row with a reason and no consensus
        score, keeping its record: the score it agreed; or, if the panel kept the evaluators'
        scores, their score, named when every evaluator gave the same (their combined score
        however combined). A reason alone is not read as 'the scores stand': "agreed 3" with
        the 3 forgotten let the evaluators' 4, 4 and 4 win. Scores that differ combine to no
        score on the scale (a mean of 3.67), so the note goes with the meeting's minutes and
        the row is left blank: the moderation workbook has no column for notes (a note on the
        cell is quoted as a warning)."""
        given = self._scores_given.get((supplier, lot, question.id), set()) if question else set()
        same = next(iter(given)) if supplier and len(given) == 1 else None
        kept = (
            f"every evaluator gave {show(same)}: type {show(same)} as the consensus score and "
            "keep the reason"
            if same is not None
            else "type their score as the consensus score and keep the reason where every "
            "evaluator gave the same; where they differ, clear the reason and who moderated the "
            "row (a row left blank keeps the evaluators' combined score) and keep the note of "
            "the discussion with the moderation meeting's minutes"
        )
        return (
            "the consensus score the panel agreed, as its reason gives it; if the panel kept "
            f"the evaluators' scores, {kept}"
        )

    def _quietly(self, row: Row) -> tuple[str | None, str | None, Criterion | None]:
        """The bidder, lot and question a moderation ``row`` with no consensus score names,
        each None when it names none, or more than one bidder. Read quietly: its names are
        checked (:meth:`_target`) only on a row giving a consensus score."""
        supplier, lot, question = (
            parse_text(row[key].value) if key in row else None
            for key in ("supplier", "lot", "question")
        )
        named, trading = self.bidders.named_by(supplier or "")
        bidder = (named or trading)[0] if len(named) + len(trading) == 1 else None
        return bidder, self.index.lot(lot), self.index.question(question)

    @cached_property
    def _scores_given(self) -> dict[tuple[str, str | None, str], set[float]]:
        """The scores given (supplier, lot, question → every score counted as read), made
        once, when a moderation row first needs them: every evaluator's sheet is read by
        then."""
        given: dict[tuple[str, str | None, str], set[float]] = {}
        for r in self.scores:
            if r["score"] is not None:
                given.setdefault((r["supplier"], r["lot"], r["question"]), set()).add(r["score"])
        return given


def _reason(row: Row) -> str | None:
    """The row's reason, None for one that shows nothing: a cell holding only a zero-width
    space, a control character or spaces of any kind reads as blank in Excel and in the
    summary, and explains no score."""
    reason = parse_text(row["reason"].value) if "reason" in row else None
    return None if shows_nothing(reason) else reason


def _moderator(row: Row) -> str | None:
    """Who the row says moderated it as written (a name typed as a number too), None for a
    cell that shows nothing."""
    cell = row.get("moderator")
    if cell is None or cell.blank:
        return None
    text = parse_text(cell.value)
    return None if shows_nothing(text) else text


def _names_a_score(row: Row) -> bool:
    """Whether a moderation row names a supplier, lot or question: a row of the table, not a
    name written under it (a signature below the last row)."""
    return any(key in row and not row[key].blank for key in ("supplier", "lot", "question"))


def _given(cell: Cell | None) -> str:
    """A score cell's value as typed, for a message comparing two of them."""
    return "a blank cell" if cell is None or cell.blank else show(cell.value)


def _blank(cell: Cell | None) -> str:
    """What a blank reason cell holds: a formula never calculated reads as blank, and the
    evaluator who typed one needs to know why their reason was not seen."""
    if cell is not None and cell.unsaved_formula:
        return "a formula with no saved value: open the file in Excel and save it again"
    if cell is not None and cell.value.__class__ is CellError:
        return f"the error {cell.value}, which its formula gave instead of a reason"
    return "a blank cell"


def _no_reason(cell: Cell | None) -> str:
    """What a reason cell read as no reason holds: blank (:func:`_blank`), or characters that
    show as nothing, named."""
    said = _blank(cell)
    if said == "a blank cell" and cell is not None and not cell.blank:
        return f"{show(cell.value)}, which shows nothing"
    return said


@dataclass(frozen=True)
class Read:
    """A score cell as read: the score, or, when it cannot be used, the value as it was typed
    (``found``) and why it does not count (``why``), for the listing of every score."""

    score: float | None
    found: str | None = None
    why: str | None = None


def _typed(cell: Cell | None) -> str | None:
    """A cell's value as typed, for the listing (text without the quotes a message gives it);
    None for a blank cell."""
    if cell is None or cell.blank:
        return None
    shown = show(cell.value)
    # (text is quoted by show(), but not a number no date has, which it words itself)
    return shown[1:-1] if isinstance(cell.value, str) and shown != cell.value else shown


def _unread(cell: Cell | None, scale: Scale | None) -> Read:
    """What a score cell the parser refused holds, and why it does not count (a blank cell:
    nothing to say; its problem, if any, says why)."""
    if cell is not None and cell.unsaved_formula:
        return Read(None, "a formula", "a formula with no saved value")
    found = _typed(cell)
    if found is None:
        return Read(None)
    if cell is not None and cell.value.__class__ is CellError:
        return Read(None, found, f"the error {found}, which its formula gave instead of a score")
    on = f" on the scale {scale_in_words(scale)}" if scale is not None else ""
    return Read(None, found, f"'{found}' is not a number{on}")


def score_cell_formula(cell: Cell | None) -> bool:
    """A blank score cell that holds an unsaved formula still counts as filled in."""
    return cell is not None and cell.unsaved_formula


def _on_scale(question: Criterion | None, scale: Scale | None) -> Callable[[Any], Parsed]:
    """A score's parser, whose problem says what the question's scale allows: an evaluator
    who wrote '4 - Good' is told to write 4, not sent to "a number, e.g. 12 or 12.5". It
    wraps parse_number, so the checker refuses what it refuses in any number (a figure typed
    as text that reads two ways, '3.000')."""
    if question is None or scale is None:
        return parse_number

    @wraps(parse_number)
    def parse(value: Any) -> Parsed:
        number, problem = parse_number(value)
        if problem is None:
            return number, None
        allowed = scale_in_words(scale)
        return None, replace(
            problem,
            expected=f"the score alone, as a number the scale for {question.id} allows "
            f"({allowed}), without words",
        )

    return parse


# The rules below are the loaders' and, through io.frame_rules, a frame's handed in: the same
# value gives the same problem and the same score however it arrives.


def scale_in_words(scale: Scale) -> str:
    """The scores a scale allows, in brief: 0/1/2/3/4/5, or 0 to 100."""
    if scale.values:
        return "/".join(f"{v:g}" for v in scale.values)
    return f"{scale.low:g} to {scale.high:g}"


def declared_conflicts(
    declarations: Iterable[tuple[str | None, list[str] | None]],
) -> dict[str, set[str]]:
    """The supplier keys each evaluator (by :func:`fold`) declared a conflict with, from
    (evaluator, conflicted suppliers) pairs, every declaration of theirs applied (one
    answering 'none' that names suppliers among them: they are treated as conflicted, as
    scoring does)."""
    conflicts: dict[str, set[str]] = {}
    for evaluator, suppliers in declarations:
        if evaluator:
            conflicts.setdefault(fold(evaluator), set()).update(
                supplier_key(s) for s in suppliers or ()
            )
    return conflicts


def set_aside_by_supplier(records: Iterable[Any]) -> dict[str, list[Any]]:
    """The buyer's records setting tenders aside (withdrawals, rejections), by the supplier
    key they name."""
    out: dict[str, list[Any]] = {}
    for record in records:
        out.setdefault(supplier_key(record.supplier), []).append(record)
    return out


def set_aside_as(by_supplier: dict[str, list[Any]], supplier: str, lot: str) -> str | None:
    """'withdrawn' or 'rejected' when one of the records (:func:`set_aside_by_supplier`) sets
    ``supplier``'s tender for ``lot`` aside, else None."""
    record = next((r for r in by_supplier.get(supplier_key(supplier), ()) if r.covers(lot)), None)
    if record is None:
        return None
    return "rejected" if isinstance(record, RecordedRejection) else "withdrawn"


def not_to_score(
    evaluator: str,
    supplier: str,
    lot: str,
    conflicts: dict[str, set[str]],
    set_aside: Callable[[str, str], str | None],
) -> str | None:
    """Why ``evaluator`` is not expected to score ``supplier``'s tender for ``lot``, or
    None: a conflict of interest they declared with the supplier (``conflicts``,
    :func:`declared_conflicts`: :data:`_CONFLICT`), or the buyer's record setting the tender
    aside (``set_aside``: 'withdrawn' or 'rejected')."""
    if supplier_key(supplier) in conflicts.get(fold(evaluator), set()):
        return _CONFLICT
    return set_aside(supplier, lot)


def reason_alone(evaluator: str, supplier: str | None, why: str | None) -> dict[str, Any] | None:
    """The problem's words for an evaluator's reason written beside a blank score, ``why``
    being :func:`not_to_score`'s answer. As a rule the evaluator meant to score the row, and
    left blank the bid was scored on the others' scores alone, as "N/A" typed there is not:
    an error (``score.missing``). Nothing for a row the evaluator declared a conflict with
    the supplier of: the blank is right, and the reason says why (a warning on each such row
    would ask the officer to look again at conduct that is right, and scores.incomplete
    expects no score there either; the listing says why). For a tender the buyer's record
    sets aside no score can change the award, so the blank holds nothing back (as the award
    has it: award/set_aside.as_score_of), and an error would give score an exit code of 1
    beside 'the summaries may be sent': a warning still, as for a score left out of a tender
    in the competition, so the officer sees the row was read."""
    if why == _CONFLICT:
        return None
    if why is None:
        return {
            "message": "a reason with no score: the evaluator's reason is there and their "
            "score is not, so the bid would be scored on the other evaluators' scores alone",
            "found": "a blank score cell beside the reason",
            "expected": "the score the reason explains, on the question's scale (or, if the "
            "evaluator did not score this row, clear the reason too)",
            "code": "score.missing",
        }
    return {
        "message": f"a reason with no score, for {supplier}'s tender, {holds_nothing_back(why)}",
        "found": "a blank score cell beside the reason",
        "expected": "nothing to put right: the row may stay as it is",
        "code": "score.missing",
        "severity": _WARNING,
    }


def not_scored_because(evaluator: str, supplier: str | None, why: str | None) -> str | None:
    """Why a row an evaluator left unscored, with a reason, is not counted, for the listing
    of every score (``set_aside_because``); None for one whose blank is an error."""
    if why == _CONFLICT:
        return f"not scored: {evaluator} declared a conflict of interest with {supplier}"
    if why is not None:
        return f"not scored: {supplier}'s tender is {why} ({DECISIONS_FILE})"
    return None


def consensus_left_blank(
    supplier: str | None,
    why: str | None,
    to_type: str = "",
    moderator: str | None = None,
) -> dict[str, Any]:
    """The problem's words (``moderation.no_score``) for a moderation row whose consensus
    score is blank though the row says the panel moderated it: its reason is written (the
    panel agreed a score; what to type, ``to_type``), or, with ``moderator``, who moderated
    it, with no reason either (the template says to leave a row the panel did not moderate
    blank, so a name says it did). Left so, the evaluators' combined score is used, as text
    typed there is not: an error that holds the award. For a tender the buyer's record sets
    aside (``why``: "Withdrawn before moderation") no consensus can change the award: a
    warning. It held the award: such a row is no consensus read, so the award could not
    tell whose tender its error was (award/set_aside.as_score_of)."""
    given = (
        "who moderated the row is there" if moderator else "the panel's consensus reason is there"
    )
    found = (
        f"a blank consensus score and reason beside Moderated by {show(moderator)}"
        if moderator
        else "a blank consensus score cell beside the reason"
    )
    if why is not None:
        return {
            "message": f"{given} and its consensus score is not, for {supplier}'s tender, "
            f"{holds_nothing_back(why)}",
            "found": found,
            "expected": "nothing to put right: the row may stay as it is",
            "code": "moderation.no_score",
            "severity": _WARNING,
        }
    if moderator:
        return {
            "message": f"{given} and its consensus score and reason are not, so the "
            "evaluators' combined score would be used in its place",
            "found": found,
            "expected": "the consensus score the panel agreed and its reason; if the panel "
            "did not moderate this row, clear Moderated by (a row left blank keeps the "
            "evaluators' combined score)",
            "code": "moderation.no_score",
        }
    return {
        "message": f"{given} and its consensus score is not, so the evaluators' combined "
        "score would be used in its place",
        "found": found,
        "expected": to_type,
        "code": "moderation.no_score",
    }


def declared_in_another_order(scored: dict[str, str], declared: dict[str, str]) -> dict[str, str]:
    """Each evaluator the scores name with no declaration under their name → the one
    declaration that names the same person another way ("Okafor, Tom", "Dr Tom Okafor" for Tom
    Okafor: :func:`person_words`, as the conflicted-moderator check names an evaluator).
    ``scored`` and ``declared``: each name by its key (:func:`fold`). Matched by the name
    alone, Tom's scores were left out as undeclared and his declaration said to hold no
    scores. Words that are more than one such evaluator's, or more than one such
    declaration's, match none."""
    undeclared: dict[tuple[str, ...], list[str]] = {}
    for key, name in scored.items():
        if key not in declared:
            undeclared.setdefault(person_words(name), []).append(key)
    unclaimed: dict[tuple[str, ...], list[str]] = {}
    for key, name in declared.items():
        if key not in scored:
            unclaimed.setdefault(person_words(name), []).append(key)
    matched: dict[str, str] = {}
    for words, keys in undeclared.items():
        found = unclaimed.get(words, [])
        if words and len(keys) == 1 and len(found) == 1:
            matched[keys[0]] = found[0]
    return matched


def name_order(scored: str, scored_at: str, declared: str) -> dict[str, Any]:
    """The warning's words (``declaration.name_order``) at a declaration naming ``declared``,
    read as that of the evaluator the scores name ``scored`` (the first at ``scored_at``)."""
    return {
        "message": f"read as the declaration of {scored}, as the scores name them "
        f"({scored_at}): the two are one person's name written another way (in another "
        "order, or with a title or letters after it), and the scores count under this "
        "declaration's name",
        "found": declared,
        "expected": f"the evaluator's name as on their scores, {scored}",
        "code": "declaration.name_order",
        "severity": _WARNING,
    }


def holds_nothing_back(why: str) -> str:
    """How a problem at a blank score of a tender set aside ends, ``why`` being 'withdrawn'
    or 'rejected': why it holds nothing back."""
    return (
        f"which the buyer's record ({DECISIONS_FILE}) gives as {why}: a tender set aside is "
        "not scored, so the blank score holds nothing back"
    )


def not_on_scale(found: str, scale: Scale) -> str:
    """Why a score its scale does not allow did not count (the listing of every score)."""
    return f"{found} is not on the scale {scale_in_words(scale)}"


def second_score(evaluator: str, first: Cell | str, source: str) -> str:
    """Why an evaluator's second score for a supplier, lot and question did not count: the
    first one read (``first``, its cell or ``file › cell``) stands. Score sheets are read in
    order of their file names, so of two sheets from one evaluator the first by name stands
    (the problem ``score.duplicate`` says which)."""
    if isinstance(first, str):
        file, _, where = first.partition(" › ")
    else:
        file, where = first.file, first.where
    if file != source:
        return f"another score sheet from {evaluator} ({file}) was used"
    at = f", at {where}," if where else ""
    return f"a second score from {evaluator} for this row: the first{at} was used"


def out_of_scale(question: str, scale: Scale) -> dict[str, str]:
    """The problem's words for a score ``scale.allows`` refuses (it is left out)."""
    return {
        "message": f"a score the scale for {question} does not allow",
        "expected": scale.describe(),
        "code": "score.out_of_scale",
    }


def declaration_fault(conflict: str | None, names_suppliers: bool) -> dict[str, str] | None:
    """The problem's words for a declaration that contradicts itself, or None.

    Answering 'none' but naming suppliers: scoring treats the named suppliers as conflicted,
    the safe reading, but the declaration contradicts itself until it is corrected.
    Answering 'declared' but naming none: whoever the conflict is with, the evaluator's scores
    for them still count (an error, as for a conflicted supplier that matches no bidder)."""
    if conflict == "none" and names_suppliers:
        return {
            "message": "the declaration answers 'none' but names suppliers with a conflict "
            "of interest; they are treated as conflicted",
            "expected": "'declared' with the suppliers named, or 'none' with none named",
            "code": "declaration.contradiction",
        }
    if conflict == "declared" and not names_suppliers:
        return {
            "message": "a conflict is declared but no supplier is named, so the evaluator's "
            "scores for every supplier still count",
            "expected": "the suppliers concerned, separated by ;",
            "code": "declaration.no_suppliers",
        }
    return None


def declared_person(name: str) -> tuple[str, ...]:
    """Whose declaration an evaluator's ``name`` is, as declarations in two files are told to
    be one evaluator's: one person however the name is written (:func:`person_words`), else
    the name as folded. The one rule for score sheets and for a declarations frame."""
    return person_words(name) or (fold(name),)


def same_evaluator(evaluator: str, first: str, named: str | None = None) -> dict[str, str]:
    """The problem's words for an evaluator declared in a second file (``first`` the file that
    declared them first, ``named`` as it names them when that is written another way): often a
    colleague who filled in the wrong template, whose scores then count as the other's. Both
    declarations are applied."""
    also = (
        f"{evaluator} is also the evaluator named in {first}"
        if named is None or named == evaluator
        else f"{evaluator} is also the evaluator named {named} in {first} (one person's name "
        f"written another way), and the scores count under {named}"
    )
    return {
        "message": also,
        "found": evaluator,
        "expected": "each evaluator's own name on their own sheet (a sheet filled in on a "
        "colleague's template still carries the colleague's name); or, if the evaluator sent "
        "their sheet again, only the one that stands in scores/ (move the other out of the "
        "tender folder, and keep it with the evaluation records)",
        "code": "declaration.same_evaluator",
    }


def nameless_declaration(where: str = "", value: Any = None) -> dict[str, str]:
    """The problem's words for a declaration that names no evaluator (``where`` it is, when
    it has no cell of its own, with the ``value`` it holds; else the ``value`` its cell holds:
    blank, or characters that show as nothing): the conflicts it declares apply to no one."""
    if where:
        blank = value is None or not str(value).strip()
        found = "a blank evaluator name" if blank else f"the evaluator {no_name_found(value)}"
        found = f"{found} ({where})"
    else:
        found = no_name_found(value)
    return {
        "message": "a declaration with no evaluator named",
        "found": found,
        "expected": "the evaluator's name, as on their scores",
        "code": "declaration.no_evaluator",
    }


def second_declaration(evaluator: str, first: str, this: str) -> dict[str, str]:
    """The problem's words for a second declaration of one evaluator in one table (``first``
    and ``this`` where each is): the first is used, so a conflict declared on the second
    alone would be lost."""
    return {
        "message": f"a second declaration for {evaluator}; the first ({first}) was used",
        "found": f"declarations in {first} and {this}",
        "expected": "one declaration per evaluator; merge them into one row",
        "code": "declaration.duplicate",
    }


def lot_not_bid(
    supplier: str, lot: str, lots_bid: set[str], consensus: bool = False
) -> dict[str, str]:
    """The problem's words for a score (or the panel's ``consensus`` score) for a lot the
    supplier did not bid for (``lots_bid`` the lots it did): it is ignored."""
    what = "a consensus score" if consensus else "a score"
    return {
        "message": f"{what} for {supplier} on lot {lot}, which they did not bid for; it is ignored",
        "found": f"lot {lot}",
        "expected": ", ".join(sorted(lots_bid)) or "no lots",
        "code": "moderation.lot_not_bid" if consensus else "score.lot_not_bid",
    }


def lookalike_evaluator(name: str, other: str, where: str) -> dict[str, str]:
    """The problem's words for an evaluator whose name looks the same as ``other``'s (first
    found in ``where``) but is written with other characters."""
    return {
        "message": f"'{name}' and '{other}' (in {where}) look the same but are written with "
        "different characters, so their scores count as two evaluators'",
        "found": how_they_differ(other, name),
        "expected": "each evaluator's name in plain letters: check whether both are one "
        "evaluator's scores (then keep one), and correct the name",
        "code": "declaration.lookalike_evaluator",
    }


def _group_words(group: str, counted: bool = False) -> str:
    if not group:
        return "the main panel's" if counted else "the main panel (no group)"
    return f"the {group} group's" if counted else f"the evaluator group {group}"


def unknown_group(plan: Plan) -> dict[str, str]:
    """The problem's words for an evaluator group the plan does not declare (on a score
    sheet, or in a scores frame: io/frame_rules.py); its scores count as the main panel's."""
    groups = [g.id for g in plan.evaluation.groups]
    return {
        "message": "an evaluator group the plan does not declare",
        "expected": ", ".join(groups) + " or blank for the main panel"
        if groups
        else "blank (the plan declares no evaluator groups)",
        "code": "declaration.unknown_group",
    }


def unknown_question(expected: str) -> dict[str, str]:
    """The words of the error for a score naming no criterion of the plan; ``expected`` the
    questions it might have meant."""
    return {
        "message": "a question that is not in the plan",
        "expected": expected,
        "code": "score.unknown_question",
    }


# Where the points of a criterion evaluators do not score come from, by its kind.
_SCORED_FROM = {
    "price": "the bids' prices",
    "commitments": "the bids' social value commitments",
}


def not_scored_by_evaluators(
    criterion: Criterion, questions: str, consensus: bool = False
) -> dict[str, str]:
    """The words of the error for a score (``consensus``: a consensus score) given for a
    criterion of the plan that evaluators do not score: price, or social value commitments.
    It was called "a question that is not in the plan", of SV2 in the plan's own list.
    ``questions``: the questions evaluators score, as ``expected`` lists them."""
    named = criterion.id
    if fold(criterion.title) not in ("", fold(criterion.id)):
        named += f" ({criterion.title})"
    what = "consensus score" if consensus else "score"
    return {
        "message": f"{named} is scored from {_SCORED_FROM[criterion.kind]}, not by evaluators, "
        f"so no {what} is recorded for it; this one is not used",
        "expected": f"no row for {criterion.id}, or a question evaluators score: {questions}",
        "code": "score.not_a_question",
    }


def group_question(group: EvaluatorGroup, question: str) -> dict[str, str]:
    """The warning's words for a score a group gives for a question it does not score."""
    return {
        "message": f"the {group.name} does not score question {question}; the score is not counted",
        "found": question,
        "expected": ", ".join(group.questions),
        "code": "score.group_question",
    }


def duplicate_score(
    key: tuple[str, str, str, str], second: str, first: str, first_at: str
) -> dict[str, str]:
    """The problem's words for a second score by the same evaluator for the same supplier,
    lot and question (``key``): the first is the one used, the second left out."""
    evaluator, supplier, lot, question = key
    return {
        "message": f"{evaluator} has already scored {supplier}, lot {lot}, question {question}",
        "found": f"a second score, {second}, where the first, {first}, is at {first_at} and "
        "is the one used",
        "expected": "one score per evaluator, supplier, lot and question: delete the repeated "
        "row, or, of a score sheet the evaluator sent twice, keep only the one that stands",
        "code": "score.duplicate",
    }


def same_sheet(alike: dict[str, Any]) -> dict[str, str]:
    """The problem's words for an evaluator's sheet alike another's (a row of
    io.copied_sheets.alike_sheets): every reason the same word for word, or score and reason
    the same on ``agree`` of the ``shared`` rows both scored. Both files are named."""
    later, first = alike["evaluator"], alike["first_evaluator"]
    files = f"{alike['source']} and {alike['first_source']}"
    shared = alike["shared"]
    same, distinctive = alike["same_reasons"], alike["distinctive"]
    # Said when some of the reasons in common are stock words, which alone would not do.
    stock = (
        f"; {distinctive} of the {same} reasons in common are the evaluator's own words, the "
        f"others stock words (given for another question too, a scale descriptor, under "
        f"{AT_LEAST_WORDS} words and saying no more of the answer than its score, or given by "
        f"more than {MOST_SHARING} evaluators)"
        if distinctive < same
        else ""
    )
    if same == shared:
        return {
            "message": f"{later} gives the same reasons as {first} ({alike['first_source']}), "
            f"word for word, on all {shared} rows they scored: one sheet sent twice, or one "
            "evaluator's reasons copied, counts one evaluator's judgement twice",
            "found": f"the same reasons on all {shared} rows in {files}{stock}",
        }
    return {
        "message": f"{later} gives the same score and the same reason as {first} "
        f"({alike['first_source']}) on {alike['agree']} of the {shared} rows both scored: one "
        "sheet sent again with a row or two revised, or one evaluator's sheet copied, counts "
        "one evaluator's judgement twice",
        "found": f"{alike['agree']} of {shared} rows the same, score and reason (spaces and "
        f"capitals aside), in {files}{stock}",
    }


def duplicate_consensus(
    key: tuple[str, str, str], first_at: str, in_another_file: bool = False
) -> dict[str, str]:
    """The problem's words for a second consensus score (``key``: supplier, lot, question):
    the first is the one used. One ``in_another_file`` is most often a second moderation
    workbook (a revised one saved beside the first)."""
    supplier, lot, question = key
    return {
        "message": f"a second consensus score for {supplier}, lot {lot}, question {question}",
        "found": f"the first is at {first_at}",
        "expected": "one consensus score each"
        + (
            ": of two moderation workbooks (a revised one saved beside the first), keep only "
            "the one that stands in scores/ and move the other out of the tender folder"
            if in_another_file
            else ""
        ),
        "code": "moderation.duplicate",
    }
