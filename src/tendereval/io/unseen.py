"""What Excel shows of a table or form other than what is read there: columns it does not show
(hidden, or too narrow), cells whose number format shows nothing of what they hold, and blank
cells it shows something over (merged into the cell above) or beside (an answer typed in the
Notes column). The readers (io/workbook.py) ask only when a sheet hides or merges something
(io/appearance.py), or the workbook has a number format that hides some values
(``xlsx.Workbook.hiding_formats``), so a plain bid return costs nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from tendereval.errors import Problem, Severity
from tendereval.io.appearance import Appearance, Places
from tendereval.io.cells import show
from tendereval.io.drawings import Drawn
from tendereval.io.fonts import (
    STRUCK,
    Looks,
    UnseenFormat,
    differential_colour,
    differential_reason,
    rule_differential,
)
from tendereval.io.numformat import displayed, shows_nothing, shows_other_figures, shows_words_only
from tendereval.io.raw import Cell, Row
from tendereval.io.safety import problem as _problem
from tendereval.io.xlsx import column_letter
from tendereval.wording import counted, listed

if TYPE_CHECKING:
    from tendereval.io.workbook import Header


def hidden_columns(
    rows: list[Row],
    columns: dict[str, int],
    headers: Sequence[Header],
    looks: Appearance,
    label: str,
    sheet: str,
    header_row: int,
) -> list[Problem]:
    """A warning naming the table's columns that Excel does not show (hidden, or too narrow
    to show anything) and that hold something in a row read: what they hold counts, though
    whoever opens the file to check it does not see it."""
    names = {h.key: h.names[0] for h in headers}
    hidden = sorted(
        (col, key)
        for key, col in columns.items()
        if looks.hides(col) and any(not row[key].blank for row in rows if key in row)
    )
    if not hidden:
        return []
    columns_hidden = [f"{column_letter(col)} ('{names.get(key, key)}')" for col, key in hidden]
    plural = len(columns_hidden) > 1
    shown = listed(columns_hidden)
    return [
        _problem(
            f"column{'s' if plural else ''} {shown} of the table {'are' if plural else 'is'} "
            "hidden in Excel (hidden, or too narrow to show anything), but what "
            f"{'they hold is' if plural else 'it holds is'} read and counts",
            label,
            "every column the tender reads shown: select the columns either side, right-click "
            "› Unhide (or widen the column), and check its figures before relying on them",
            "table.hidden_columns",
            found=_first_filled(rows, hidden[0][1]),
            sheet=sheet,
            cell=f"{column_letter(hidden[0][0])}{header_row}",
            severity=Severity.WARNING,
        )
    ]


def _first_filled(rows: list[Row], key: str) -> str:
    """The first value of column ``key`` in ``rows``, where it is, and how many more."""
    filled = [cell for row in rows if (cell := row.get(key)) is not None and not cell.blank]
    if not filled:
        return ""
    first = filled[0]
    more = f" and {len(filled) - 1} more" if len(filled) > 1 else ""
    value = first.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # as Excel shows it
        return f"'{displayed(value, first.number_format)}' in {first.ref}{more}"
    return f"{show(value)} in {first.ref}{more}"


def hidden_answers(rows: list[Row], looks: Appearance, label: str, sheet: str) -> list[Problem]:
    """A warning when a form's answer column (B) is hidden, or too narrow to show anything,
    and holds answers: the officer opening the file sees the questions only."""
    answered = sorted((cell for row in rows for cell in row.values() if not cell.blank), key=_order)
    if not looks.hides(2) or not answered:
        return []
    return [
        _problem(
            "column B, which holds the answers, is hidden in Excel (hidden, or too narrow to "
            "show anything), but the answers in it are read and count",
            label,
            "the answers shown: select columns A to C, right-click › Unhide (or widen column "
            "B), and check them before relying on them",
            "form.hidden_column",
            found=f"{len(answered)} answer{'s' if len(answered) > 1 else ''} in a hidden column",
            sheet=sheet,
            cell=answered[0].ref,
            severity=Severity.WARNING,
        )
    ]


def hidden_form_rows(
    answers: Row, labels: dict[str, str], hidden: frozenset[int], label: str, sheet: str
) -> list[Problem]:
    """A warning naming the form's rows that Excel does not show (hidden, filtered out, or
    drawn with no height) and that hold an answer: the officer sees no such question, and
    the answer is read and counts. ``labels`` gives each field's question by its key."""
    rows = sorted(
        (number, key, cell)
        for key, cell in answers.items()
        if not cell.blank and (number := row_of(cell)) in hidden
    )
    if not rows:
        return []
    plural = len(rows) > 1
    numbers = ", ".join(str(number) for number, _, _ in rows)
    questions = ", ".join(f"'{labels.get(key, key)}'" for _, key, _ in rows)
    first = rows[0][2]
    return [
        _problem(
            f"row{'s' if plural else ''} {numbers} of the form ({questions}) "
            f"{'are' if plural else 'is'} hidden in Excel (hidden, filtered out by a filter, "
            f"or drawn with no height), but {'their answers are' if plural else 'its answer is'} "
            "read and count" + ("" if plural else "s"),
            label,
            "every answer read shown: unhide the rows (Home › Format › Hide & Unhide) and "
            "check the answers before relying on them",
            "form.hidden_rows",
            found=f"{show(first.value)} in {first.ref}"
            + (f" and {len(rows) - 1} more" if plural else ""),
            sheet=sheet,
            cell=first.ref,
            severity=Severity.WARNING,
        )
    ]


def _order(cell: Cell) -> int:
    return row_of(cell) or 0


class BlankNote(NamedTuple):
    """What to add to a blank cell's problem: to its found, to its message; and, for a cell
    under a merge, the merge's top-left cell (whose value Excel shows over it) and that value
    as Excel shows it (``shows``: empty when the top-left cell is blank, is in another column,
    or is not a cell of the table read)."""

    found: str
    message: str
    merged_into: str = ""
    shows: str = ""


# (sheet, reference) → the note on a blank cell read there.
BlankNotes = dict[tuple[str, str], BlankNote]
_MERGE_LOOKS = 100_000  # cells looked at for merged ranges, however many the sheet declares


def merged_cells(
    rows: list[Row], columns: dict[str, int], looks: Appearance, label: str, sheet: str
) -> tuple[BlankNotes, list[Problem]]:
    """The cells read that lie inside a merged range but not at its top left, where Excel
    shows the top-left cell's value: a note for each blank one (the file holds nothing in
    it), and a warning naming those that hold a value (read, but not shown)."""
    if not looks.merged or not rows:
        return {}, []
    by_number = {number: row for row in rows if (number := _first_row_of(row)) is not None}
    numbers = sorted(by_number)
    notes: BlankNotes = {}
    covered: list[tuple[Cell, str, str]] = []  # a value under a merge: (it, top left, range)
    looked = 0
    for merged in looks.merged:
        keys = [
            key for key, col in columns.items() if merged.first_column <= col <= merged.last_column
        ]
        if not keys:
            continue
        anchor = f"{column_letter(merged.first_column)}{merged.first_row}"
        shows = _shown_by(by_number.get(merged.first_row), columns, merged.first_column)
        start = bisect_left(numbers, merged.first_row)
        for number in numbers[start : bisect_right(numbers, merged.last_row)]:
            looked += len(keys)
            if looked > _MERGE_LOOKS:
                break
            for key in keys:
                cell = by_number[number].get(key)
                if cell is None or cell.ref == anchor:
                    continue
                if not cell.blank:
                    covered.append((cell, anchor, merged.ref))
                    continue
                notes[(sheet, cell.ref)] = BlankNote(
                    f", merged into {anchor} ({merged.ref})",
                    f": {cell.ref} is merged into {anchor} ({merged.ref}), so Excel shows "
                    f"{anchor}'s value over it, but the file holds nothing in {cell.ref}",
                    anchor,
                    # Only over the top-left cell's own column is the value shown one of
                    # this column's: a rate merged across the uplift beside it is not an
                    # uplift Excel shows (nor one the supplier sees).
                    shows if columns[key] == merged.first_column else "",
                )
    return notes, _covered(covered, label, sheet)


def _shown_by(row: Row | None, columns: dict[str, int], column: int) -> str:
    """The value of the cell read at ``column`` of ``row`` (a merge's top-left cell), as
    Excel shows it; empty when it is blank or not a cell of the table read."""
    for key, col in columns.items():
        if col == column and row is not None and (cell := row.get(key)) is not None:
            return "" if cell.blank else _as_shown(cell)
    return ""


def _covered(covered: list[tuple[Cell, str, str]], label: str, sheet: str) -> list[Problem]:
    """A warning naming the values read from cells a merge covers: Excel shows the top-left
    cell's value there, and no program saves another under it but by hand."""
    if not covered:
        return []
    covered.sort(key=lambda found: (row_of(found[0]) or 0, found[0].ref))
    cell, anchor, ref = covered[0]
    more = f" and {len(covered) - 1} more" if len(covered) > 1 else ""
    return [
        _problem(
            f"{cell.ref} is merged into {anchor} ({ref}), so Excel shows {anchor}'s value "
            f"there, but {cell.ref} holds {show(cell.value)}, which is read and counts",
            label,
            "what the file holds shown: unmerge the cells (Home › Merge & Center › Unmerge "
            "Cells) and check the figures before relying on them",
            "cell.merged_over",
            found=f"{show(cell.value)} in {cell.ref}{more}",
            sheet=sheet,
            cell=cell.ref,
            severity=Severity.WARNING,
        )
    ]


def _first_row_of(row: Row) -> int | None:
    for cell in row.values():
        return row_of(cell)
    return None


_NAMED_ON_A_SHEET = 20  # cells named one by one on a sheet; beyond, one problem counts them


def commented_cells(
    rows: list[Row], comments: dict[str, str] | None, label: str, sheet: str
) -> list[Problem]:
    """A warning quoting each comment (note) on a cell read: Excel shows it on the cell (a
    rate "per half hour", a condition), and the tender reads only the cell's value. None for
    ``comments`` when the sheet's comments could not be read, which is said."""
    if comments is None:
        return [
            _problem(
                "the comments on this sheet could not be read, so any condition written in "
                "them is not quoted here",
                label,
                "read the comments on the sheet in Excel before relying on its figures",
                "cell.comments_unreadable",
                sheet=sheet,
                severity=Severity.WARNING,
            )
        ]
    read = _in_reading_order(cell for row in rows for cell in row.values() if cell.ref in comments)
    return _named_then_counted(
        read,
        label,
        sheet,
        "cell.comment",
        lambda cell: (
            f"{cell.ref} has a comment: {show(comments[cell.ref])}; Excel shows it on the cell, "
            "but only the cell's value is read",
            "the comment read, and any condition it sets on the figure clarified with the "
            "sender before relying on it",
            show(comments[cell.ref]),
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet "
            f"{'has comments' if more == 1 else 'have comments'}",
            "the comments read in Excel before relying on the figures",
            f"{len(read)} commented cells",
        ),
    )


def shown_as_nothing(
    rows: list[Row], hiding: frozenset[str], label: str, sheet: str
) -> list[Problem]:
    """A warning at each cell read whose number format shows nothing of what it holds
    (``;;;``, or a section for its sign that draws nothing): the officer sees a blank rate,
    and the figure in it is read and counts. ``hiding`` are the workbook's formats that can
    hide a value (only cells under one are looked at)."""
    found = _in_reading_order(
        cell
        for row in rows
        for cell in row.values()
        if cell.number_format in hiding
        and not cell.blank
        and shows_nothing(cell.value, cell.number_format)
    )
    return _named_then_counted(
        found,
        label,
        sheet,
        "cell.shows_nothing",
        lambda cell: (
            f"{cell.ref} shows nothing in Excel: its number format is "
            f"{show(cell.number_format)}, but it holds {show(cell.value)}, which is read and "
            "counts",
            "every figure read shown: give the cell a number format that shows it (Home › "
            "Number Format › General) and check it before relying on it",
            f"{show(cell.value)} in {cell.ref}, formatted {show(cell.number_format)}",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet "
            f"{'shows' if more == 1 else 'show'} nothing in Excel, by their number "
            "format, but what they hold is read and counts",
            "every figure read shown: give the cells a number format that shows them",
            f"{len(found)} cells shown as nothing",
        ),
    )


def drawn_unseen(rows: list[Row], label: str, sheet: str) -> list[Problem]:
    """A warning at each cell read that holds something its font does not let the officer
    read (white on white, text in the colour of its fill, type 1 or 2 points high: its
    number format is then a :class:`fonts.UnseenFormat` saying why): the cell looks blank,
    and what it holds is read and counts; and at each drawn struck through, which is how a
    spreadsheet crosses a figure out. Asked only when the workbook has such a format."""
    marked = _in_reading_order(
        cell
        for row in rows
        for cell in row.values()
        if cell.number_format.__class__ is UnseenFormat
        and not cell.blank
        and cell.number_format.why(cell.value)
    )
    struck = [cell for cell in marked if cell.number_format.why(cell.value) == STRUCK]
    unseen = [cell for cell in marked if cell.number_format.why(cell.value) != STRUCK]
    return _named_then_counted(
        unseen,
        label,
        sheet,
        "cell.unseen_text",
        lambda cell: (
            f"{cell.ref} cannot be read in Excel: {cell.number_format.why(cell.value)}, but it "
            f"holds {_as_shown(cell)}, which is read and counts",
            "every figure and answer read legible: select the cell and set its font colour "
            "to Automatic and its size to 11 (Home › Font), and check it before relying on it",
            f"{_as_shown(cell)} in {cell.ref}, where {cell.number_format.why(cell.value)}",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet cannot be read in Excel, by "
            "their font (coloured as their background, or too small), but what they hold is "
            "read and counts",
            "every figure and answer read legible: set the cells' font colour to Automatic "
            "and their size to 11",
            f"{len(unseen)} cells that cannot be read",
        ),
    ) + _named_then_counted(
        struck,
        label,
        sheet,
        "cell.struck_through",
        lambda cell: (
            f"{cell.ref} is struck through in Excel, as a figure or answer crossed out is, "
            f"but it holds {_as_shown(cell)}, which is read and counts",
            "ask the supplier whether it stands, and record the answer; a figure withdrawn is "
            "deleted, not struck through (Home › Font › Strikethrough takes the line off)",
            f"{_as_shown(cell)} in {cell.ref}, drawn struck through",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet are struck through in Excel, as "
            "figures or answers crossed out are, but what they hold is read and counts",
            "ask the supplier whether they stand, and record the answer",
            f"{len(struck)} cells struck through",
        ),
    )


_RULES_LOOKED_AT = 100  # rules that can hide a value, looked at for each cell read


def conditionally_hidden(
    rows: list[Row], looks: Appearance, styles: Looks, label: str, sheet: str
) -> list[Problem]:
    """A warning at each cell read that a conditional format's rule can hide: one applying
    a number format that shows nothing of the cell's value, or a font that cannot be read on
    the background, or a data bar or icon set drawn without the value. The rule's condition
    is not worked out (it is a formula): a rule that can hide a figure is there to be looked
    at. And a warning at each number cell read a rule can show as another figure: a number
    format of the rule's own that writes digits of its own ('"£31.00"' over a rate of 27.5),
    shows thousands ('#,##0,' shows 180000 as 180) or words in place of the figure ('"2"'
    over a score of 4), as the same format on the cell is an error (cell.shown_otherwise).
    Only a warning, as the rule may not apply; the figure held is read and counts. Asked only
    when the sheet has conditional formats."""
    rules = []
    for rule in looks.conditional:
        differential = rule_differential(styles, rule.dxf, rule.inline)
        reason, code = differential_reason(differential)
        font = differential is not None and differential.font is not None
        if reason or code is not None or rule.replaces_value or font:
            rules.append((rule, differential, reason, code))
        if len(rules) >= _RULES_LOOKED_AT:
            break
    if not rules:
        return []
    # A rule's font is drawn on the cell's own fill (when it sets none): judged on it, once
    # for each rule and background.
    on_fill: dict[tuple[int, str], str] = {}
    found: list[tuple[Cell, str, str]] = []
    crossed: dict[str, tuple[Cell, str]] = {}  # cells a rule strikes through, with its range
    # Number cells a rule's number format shows as another figure: the cell, the rule's range,
    # its number format and how it shows the cell otherwise (the first such rule).
    otherwise: dict[str, tuple[Cell, str, str, str]] = {}
    for cell, under in _under_rules(rows, [rule.ranges for rule, *_ in rules]):
        background = getattr(cell.number_format, "background", None)
        for at in under:
            rule, differential, reason, code = rules[at]
            if background is not None:
                key = (at, background)
                if key not in on_fill:
                    on_fill[key] = differential_reason(differential, background)[0]
                reason = on_fill[key]
            # A colour the rule's number format names is drawn in place of its font's (or
            # the automatic black): it alone says whether the figure is seen.
            coloured, lost = differential_colour(
                styles, differential, cell.value, *([background] if background else [])
            )
            if rule.replaces_value:
                why = f"draws {rule.replaces_value} in place of the value"
            elif code is not None and shows_nothing(cell.value, code):
                why = f"sets the number format {show(code)}, which shows nothing of it"
            else:
                why = lost if coloured else reason
            if why:
                found.append((cell, rule.sqref, why))
                break
            font = differential.font if differential is not None else None
            if font is not None and font.struck and cell.ref not in crossed:
                crossed[cell.ref] = (cell, rule.sqref)  # seen, but crossed out
            how = _other_figure(cell, code) if code is not None else None
            if how is not None and cell.ref not in otherwise:
                otherwise[cell.ref] = (cell, rule.sqref, code, how)
    by_cell = {cell.ref: (sqref, why) for cell, sqref, why in found}
    struck = [cell for ref, (cell, _) in crossed.items() if ref not in by_cell]
    shown = {ref: seen for ref, seen in otherwise.items() if ref not in by_cell}
    problems = _named_then_counted(
        [cell for cell, _, _ in found],
        label,
        sheet,
        "cell.conditionally_hidden",
        lambda cell: (
            f"{cell.ref} can show nothing in Excel: a conditional format on "
            f"{by_cell[cell.ref][0]} {by_cell[cell.ref][1]} when its condition holds, but it "
            f"holds {_as_shown(cell)}, which is read and counts",
            "every figure read shown as it is: look at the rule (Home › Conditional "
            "Formatting › Manage Rules), delete it, and check the figure before relying on it",
            f"{_as_shown(cell)} in {cell.ref}, under a conditional format on "
            f"{by_cell[cell.ref][0]}",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet can show nothing in Excel, by "
            "a conditional format, but what they hold is read and counts",
            "every figure read shown as it is: delete the conditional formats that hide them",
            f"{len(found)} cells a conditional format can hide",
        ),
    ) + _named_then_counted(
        struck,
        label,
        sheet,
        "cell.conditionally_struck",
        lambda cell: (
            f"{cell.ref} can be struck through in Excel: a conditional format on "
            f"{crossed[cell.ref][1]} strikes it through when its condition holds, as a figure "
            f"crossed out is, but it holds {_as_shown(cell)}, which is read and counts",
            "ask the supplier whether it stands, and record the answer; look at the rule "
            "(Home › Conditional Formatting › Manage Rules) and delete it",
            f"{_as_shown(cell)} in {cell.ref}, under a conditional format on "
            f"{crossed[cell.ref][1]}",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet can be struck through in Excel "
            "by a conditional format, but what they hold is read and counts",
            "ask the supplier whether they stand, and delete the conditional formats",
            f"{len(struck)} cells a conditional format can strike through",
        ),
    )
    return problems + _shown_otherwise(shown, label, sheet)


def _under_rules(
    rows: list[Row], ranges: list[tuple[tuple[int, int, int, int], ...]]
) -> list[tuple[Cell, list[int]]]:
    """Each cell read (not blank) that some of ``ranges`` (each rule's, in order) cover, in
    reading order, with the numbers of the rules covering it, in order. The cells are found
    from the ranges (io/appearance.py ``Places``), once for the rules of one block: a rule
    covering no cell read costs its ranges alone, never its ranges times the cells."""
    cells: list[Cell] = []
    at: list[tuple[int, int]] = []  # each cell's row and column
    for cell in _in_reading_order(c for row in rows for c in row.values() if not c.blank):
        if (number := row_of(cell)) is not None:
            cells.append(cell)
            at.append((number, _column_of(cell)))
    places = Places(at)
    found: dict[tuple[tuple[int, int, int, int], ...], list[int]] = {}
    under: dict[int, list[int]] = {}
    for rule, spans in enumerate(ranges):
        if spans not in found:
            found[spans] = places.covered(spans)
        for number in found[spans]:
            under.setdefault(number, []).append(rule)
    return [(cells[number], under[number]) for number in sorted(under)]


def _other_figure(cell: Cell, code: str) -> str | None:
    """How a number cell under a rule's number format ``code`` shows another figure than it
    holds, or words in its place (the checks io/checking.py makes of a cell's own format), or
    None when it shows the number."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if shows_other_figures(code):
        return "shows figures other than the number"
    if shows_words_only(value, code):
        return "shows words in its place and no figure"
    return None


def _shown_otherwise(
    shown: dict[str, tuple[Cell, str, str, str]], label: str, sheet: str
) -> list[Problem]:
    """The warnings for the cells a conditional format's number format can show as another
    figure (``shown``: reference → the cell, the rule's range and its number format)."""

    def one(cell: Cell) -> tuple[str, str, str]:
        _, sqref, code, how = shown[cell.ref]
        seen = displayed(cell.value, code)
        return (
            f"{cell.ref} can show {show(seen)} in Excel: a conditional format on {sqref} sets "
            f"the number format {show(code)} when its condition holds, which {how}, but it "
            f"holds {_as_shown(cell)}, which is read and counts",
            "every figure read shown as it is: look at the rule (Home › Conditional "
            "Formatting › Manage Rules), delete it, and check with the sender which figure "
            "is meant before relying on it",
            f"{_as_shown(cell)} in {cell.ref}, shown as {show(seen)} under a conditional "
            f"format on {sqref} (number format {code})",
        )

    cells = [cell for cell, *_ in shown.values()]
    return _named_then_counted(
        cells,
        label,
        sheet,
        "cell.conditionally_shown_otherwise",
        one,
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet can show another figure in "
            "Excel, by a conditional format's number format, but what they hold is read "
            "and counts",
            "every figure read shown as it is: delete the conditional formats that change them",
            f"{len(cells)} cells a conditional format can show otherwise",
        ),
    )


def drawn_over_cells(
    rows: list[Row], drawings: list[Drawn] | None, label: str, sheet: str
) -> list[Problem]:
    """A warning at each cell read under a drawing (a text box, shape, picture or chart
    anchored over it): Excel shows the drawing, and what the cell holds is read and counts.
    None for ``drawings`` when the sheet's drawings could not be read, which is said."""
    if drawings is None:
        return [
            _problem(
                "the drawings on this sheet (text boxes, shapes, pictures) could not be read, "
                "so whether one covers a figure read is not known",
                label,
                "look at the sheet in Excel for anything drawn over its figures before "
                "relying on them",
                "cell.drawing_unreadable",
                sheet=sheet,
                severity=Severity.WARNING,
            )
        ]
    if not drawings:
        return []
    found: list[tuple[Cell, Drawn]] = []
    for cell in _in_reading_order(c for row in rows for c in row.values() if not c.blank):
        row, column = row_of(cell), _column_of(cell)
        drawn = next((d for d in drawings if row is not None and d.covers(row, column)), None)
        if drawn is not None:
            found.append((cell, drawn))
    over = {cell.ref: drawn for cell, drawn in found}

    def what(cell: Cell) -> str:
        drawn = over[cell.ref]
        return drawn.kind + (f" reading {show(drawn.text)}" if drawn.text else "")

    return _named_then_counted(
        [cell for cell, _ in found],
        label,
        sheet,
        "cell.drawn_over",
        lambda cell: (
            f"{cell.ref} is covered in Excel by {what(cell)}, but it holds {_as_shown(cell)}, "
            "which is read and counts",
            "every figure read in sight: move or delete the drawing (click it, then Delete) "
            "and check the figure under it before relying on it",
            f"{_as_shown(cell)} in {cell.ref}, under {what(cell)}",
        ),
        lambda more: (
            f"{counted(more, 'more cell')} read on this sheet "
            f"{'is' if more == 1 else 'are'} covered in Excel by drawings, but what "
            "they hold is read and counts",
            "every figure read in sight: move or delete the drawings over them",
            f"{len(found)} cells under drawings",
        ),
    )


def _column_of(cell: Cell) -> int:
    column = 0
    for letter in cell.ref:
        if not "A" <= letter <= "Z":
            break
        column = column * 26 + ord(letter) - 64
    return column


def _as_shown(cell: Cell) -> str:
    """What a cell holds, a number as its format would show it were it legible."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return show(displayed(value, cell.number_format))
    return show(value)


def _in_reading_order(cells: Iterable[Cell]) -> list[Cell]:
    """Row by row, and A to Z within a row (G10 after G9, AA5 after Z5)."""
    return sorted(cells, key=lambda cell: (row_of(cell) or 0, len(cell.ref), cell.ref))


def _named_then_counted(
    cells: list[Cell],
    label: str,
    sheet: str,
    code: str,
    one: Callable[[Cell], tuple[str, str, str]],
    rest: Callable[[int], tuple[str, str, str]],
) -> list[Problem]:
    """A warning naming each of the first cells, then one counting the rest (how many more,
    at the first of them): a sheet of a thousand such cells is not a thousand lines. ``one``
    and ``rest`` give each warning's message, what is expected and what was found."""

    def warning(words: tuple[str, str, str], cell: Cell) -> Problem:
        message, expected, found = words
        return _problem(
            message,
            label,
            expected,
            code,
            found=found,
            sheet=sheet,
            cell=cell.ref,
            severity=Severity.WARNING,
        )

    named = [warning(one(cell), cell) for cell in cells[:_NAMED_ON_A_SHEET]]
    if len(cells) > _NAMED_ON_A_SHEET:
        first = cells[_NAMED_ON_A_SHEET]
        named.append(warning(rest(len(cells) - _NAMED_ON_A_SHEET), first))
    return named


def row_of(cell: Cell) -> int | None:
    digits = cell.ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else None
