"""What the readers hand to the rules: raw cell values with their place, before any checking.

Workbook readers (``bids.py``, ``scores.py``) and the consolidated-matrix reader
(``matrix.py``) all produce these containers, so the rules that turn them into frame rows and
problems (``bid_rules.py``, ``score_rules.py``) are written once for every form of input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from tendereval.errors import Problem
from tendereval.io.cells import located, show
from tendereval.io.files import Fingerprint

if TYPE_CHECKING:
    from tendereval.io.unseen import BlankNotes


class Cell(NamedTuple):
    """A raw value and where it came from: ``ref`` is ``G7`` in a workbook, ``row 7, column
    unit_rate`` in a CSV file. ``unsaved_formula`` marks a formula cell whose file holds no
    saved result (it reads as blank).

    A named tuple rather than a dataclass: a thousand bid returns make a few hundred thousand
    cells, and a tuple is made three times faster."""

    value: Any
    file: str
    sheet: str
    ref: str
    number_format: str = "General"
    unsaved_formula: bool = False

    @property
    def blank(self) -> bool:
        value = self[0]  # is_blank, spelled out: the rules ask this of every cell
        return value is None or (isinstance(value, str) and not value.strip())

    @property
    def where(self) -> str:
        """``Prices › G7`` — the ``cell`` column of the frames."""
        return f"{self.sheet} › {self.ref}" if self.sheet else self.ref

    def place(self, problem: Problem, **extra: Any) -> Problem:
        """``problem`` located at this cell (and with any extra fields, e.g. supplier, lot)."""
        return located(problem, self.file, self.sheet, self.ref, **extra)


Row = dict[str, Cell]  # column key → cell; a column the sheet lacks is simply absent


class Relabelled(NamedTuple):
    """The row where a form's field belongs, whose label is not the field's: column A
    retyped ('Any conflict of interest?' for 'Conflict of interest *', 'Number of staff' for
    'Staff headcount'), so the field is not on the form though its answer may be there.
    ``label`` is the cell in column A, ``answer`` the cell beside it in column B."""

    label: Cell
    answer: Cell

    @property
    def found(self) -> str:
        """What the row holds, as a problem's found says it: "A8 labelled 'Any conflict
        of interest?', B8 holding 'none'"."""
        label = f"labelled {show(self.label.value)}" if not self.label.blank else "blank"
        answer = f"holding {show(self.answer.value)}" if not self.answer.blank else "blank"
        return f"{self.label.ref} {label}, {self.answer.ref} {answer}"


# A form's fields not found by their label, each with the row where it belongs if that row
# is labelled otherwise (io/workbook.Book.form): field key → the row.
Relabelling = dict[str, Relabelled]


class StandIn(NamedTuple):
    """A sheet that may be one of the bid return's under another name ('Social value
    commitments', 'Social value (2)' or 'SV' for 'Social value'): its name holds the
    sheet's (``by_name``), or its header row names every column the table needs. ``rows``
    is how many rows of the table it holds (none: empty, or no such table), the first at
    ``first``."""

    sheet: str
    by_name: bool
    rows: int
    first: Cell | None

    @property
    def holds_some(self) -> bool:
        """Whether it holds some of the sheet it looks like: then the loader names it ("looks
        like it ... and holds 11 answers"), and what it holds is not read."""
        return bool(self.rows) and self.first is not None


@dataclass
class RawBid:
    """One supplier's bid as read, unchecked.

    ``name`` is the cell holding the supplier's name (the legal name in a bid return, the
    ``supplier`` column in the matrix); ``fallback_name`` is used when it is blank (the file
    name). ``required_fields`` are the organisation fields that must be filled in.
    ``readable`` is False when the file could not be opened at all.
    """

    source: str
    fallback_name: str
    name: Cell | None = None
    organisation: Row = field(default_factory=dict)
    # The Organisation form's fields not found by their label whose row is labelled otherwise.
    relabelled: Relabelling = field(default_factory=dict)
    required_fields: tuple[str, ...] = ()
    supply_chain: list[Row] = field(default_factory=list)
    prices: list[Row] = field(default_factory=list)
    # The cells holding something in the Prices sheet's title rows (above the row where the
    # template puts the table's header), in a bid return: the template's title and notes, or
    # words the supplier typed there (io/price_notes.py). Empty in the consolidated form.
    prices_titles: list[Cell] = field(default_factory=list)
    packages: list[Row] = field(default_factory=list)
    commitments: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    # What the workbook is when its sheets show it is no bid return ("an evaluator's score
    # sheet" saved in bids/): no tender, so it is no bid received (io/tender.py).
    not_a_bid: str = ""
    fingerprint: Fingerprint | None = None  # of the bytes read; None when none were
    # The template's mark (io/workbook.Book.template_mark): which tender and plan it was made
    # from; empty when the file carries none.
    mark: dict[str, str] = field(default_factory=dict)
    # Blank cells read that show something in Excel (merged into the cell above, an answer
    # typed beside them), by (sheet, reference): what their problems add (io/workbook.py).
    blank_notes: BlankNotes = field(default_factory=dict)
    tables: Tables = field(default_factory=dict)
    # The sheets a supplier may leave empty (Supply chain, Packages, Social value) that the
    # workbook lacks, each with the sheets that look like it: whether the plan needs it is
    # for the rules to say (io/bid_rules.py). Prices too when it is lacking, whose problem
    # the reader has given (sheet.renamed or sheet.missing).
    absent: dict[str, list[StandIn]] = field(default_factory=dict)

    def at(self, sheet: str) -> dict[str, str]:
        """Where a problem about the bid return's ``sheet`` as a whole goes (see Tables)."""
        return _at(self.tables, self.source, sheet)


# Where the consolidated form keeps what a bid return or a score sheet has on a sheet of its
# own: the sheet's name (layout.BID_PRICES, layout.SCORE_DECLARATION …) → (file, sheet). In
# evaluation.xlsx a sheet of it; in the evaluation/ folder a CSV file, which has no sheet. A
# problem about a whole table (a price row missing, no declaration) is placed there, not on
# suppliers.csv or scores.csv. Empty for a bid return or a score sheet: its own sheets.
Tables = dict[str, tuple[str, str]]


def _at(tables: Tables, source: str, sheet: str) -> dict[str, str]:
    file, sheet = tables.get(sheet, (source, sheet))
    return {"file": file, "sheet": sheet}


@dataclass
class RawScoreSheet:
    """One evaluator's declaration and scores as read, unchecked.

    ``declaration`` is None when the sheet has no declaration at all; ``fallback_name`` names
    the evaluator when the declaration gives no name (the file name).
    """

    source: str
    fallback_name: str
    declaration: Row | None = None
    relabelled: Relabelling = field(default_factory=dict)  # as RawBid's, for the declaration
    group: Cell | None = None  # the group named beside the scores, when the form names none
    scores: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    fingerprint: Fingerprint | None = None  # of the bytes read; None when none were
    mark: dict[str, str] = field(default_factory=dict)  # as RawBid
    blank_notes: BlankNotes = field(default_factory=dict)  # as RawBid
    # As RawBid's; a score sheet's Declaration found under another spelling is set here too.
    tables: Tables = field(default_factory=dict)
    # As RawBid's: the Declaration sheet, when the workbook lacks it, with the sheets that
    # look like it ('Declaration (2)', 'Declarations'), whose answers are not read.
    absent: dict[str, list[StandIn]] = field(default_factory=dict)
    # One evaluator's rows of the consolidated form (io/matrix.py), which has no sheet per
    # evaluator: its declaration and scores are rows of two tables.
    consolidated: bool = False

    def at(self, sheet: str) -> dict[str, str]:
        """Where a problem about the sheet's ``sheet`` as a whole goes (see Tables)."""
        return _at(self.tables, self.source, sheet)

    @property
    def gives_a_score(self) -> bool:
        """Whether any row's score cell holds something (counted or not)."""
        return any((cell := row.get("score")) is not None and not cell.blank for row in self.scores)


@dataclass
class RawModeration:
    """Consensus scores as read, unchecked."""

    source: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    fingerprint: Fingerprint | None = None  # of the bytes read; None when none were
    mark: dict[str, str] = field(default_factory=dict)  # as RawBid
    blank_notes: BlankNotes = field(default_factory=dict)  # as RawBid
