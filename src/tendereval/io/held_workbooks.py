"""What a workbook kept where nothing is read is: a bid return (or score sheet) that would be
left out, the blank template, or another document.

A workbook in an archive, in a folder inside bids/ or in a folder named almost as bids/ is
("Bid returns/") is not read. When it is a bid return not in bids/ (a late bid), the award
must wait for it: an error. But a portal's export of every response also holds each
supplier's other uploads (a "TUPE staff list.xlsx"), a tender pack or a folder of templates
holds the blank return tendereval made, and the portal's zip keeps a return as received (an
.xls) that the officer saved as .xlsx in bids/, as tendereval advises. Each of those held
the award, with the advice to move it into bids/, where it was an invalid bid. So each
workbook not in the folder is asked what it is, as the loader of bids/ asks:

* :data:`RETURN`: it has the template's sheets or its mark (template_marks.py), and
  something in it is filled in. For a bid return, both Organisation and Prices, or one of
  them laid out as the template's (io/bids.laid_out_as_a_return: a sheet's name alone made
  a supplier's "Organisation chart.xlsx" a late bid); for a score sheet, Scores,
  Declaration or Moderation. Or, for a bid return, a sheet the loader of bids/ knows as
  Organisation or Prices renamed ("Supplier details": by its labels or header row, as
  io/bids.renamed_in says) holds some of it, as a late return re-typed or exported by
  another program does (in bids/ it is read, and invalid until the sheet is renamed);
* :data:`UNREAD`: it could not be looked into (an .xls, a password, damaged, past the bounds
  below): it may be a return, and is said as one;
* :data:`BLANK`: the template with nothing filled in ("it is the blank template", as the
  loader of bids/ says of one there);
* :data:`OTHER`: none of the template's sheets and no mark: a supporting document;
* :data:`CONVERTED`: the return as received (an .xls) of one read in bids/, by its name
  and every value in it (io/as_received.py).

Only the first two can hold the award. A workbook is looked into as a file in bids/ is, by
the same checks of an untrusted file (io/safety.py), no larger than one read there, and in
memory: nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tendereval import layout
from tendereval.errors import Problem
from tendereval.io.as_received import converted, same_return
from tendereval.io.files import read_input
from tendereval.io.raw import RawBid, RawModeration, RawScoreSheet, Row
from tendereval.io.safety import MAX_FILE_BYTES
from tendereval.limits import MAX_WORKBOOKS_LOOKED_INTO
from tendereval.wording import listed

if TYPE_CHECKING:  # the reader: imported only when a workbook is looked into
    from tendereval.io.workbook import Book

RETURN = "return"
UNREAD = "unread"
BLANK = "blank"
OTHER = "other"
# A return kept as received beside the .xlsx it was saved as in bids/ (io/as_received.py).
CONVERTED = "converted"
# A workbook whose bytes are those of a file read in the folder ("bids/backup/weald.xlsx"):
# nothing in it is left out, and moved in it would be a second return.
COPY = "copy"
# What can hold the award: a return, or what may be one.
MAY_BE_A_RETURN = (RETURN, UNREAD)

# What each folder's workbooks are, in words, and what each kind of workbook not one is.
_ONE = {layout.BIDS_FOLDER: "bid return", layout.SCORES_FOLDER: "score sheet"}
_SHEETS = {
    layout.BIDS_FOLDER: (layout.BID_ORGANISATION, layout.BID_PRICES),
    layout.SCORES_FOLDER: (layout.SCORE_SCORES, layout.SCORE_DECLARATION, layout.MODERATION_SHEET),
}
_MADE_FROM = {layout.BIDS_FOLDER: ("bid", "matrix"), layout.SCORES_FOLDER: ("scores", "moderation")}
_MARKS = {
    layout.BIDS_FOLDER: ("bid return", "evaluation matrix"),
    layout.SCORES_FOLDER: ("score sheet", "moderation"),
}
# The cells the template fills in (a price item, a question, the group a sheet was made for):
# a return whose other cells are all blank is the blank template.
_TEMPLATE_FILLED = frozenset(
    column.key
    for columns in (layout.PRICE_COLUMNS, layout.SCORE_COLUMNS, layout.MODERATION_COLUMNS)
    for column in columns
    if column.filled_by == "template"
) | {"group"}


def one_of(folder: str) -> str:
    """What ``folder``'s workbooks are, in words: "bid return", "score sheet"."""
    return _ONE.get(folder, "workbook")


def what_it_is(data: bytes | None, label: str, folder: str, beside: Iterable[Path] = ()) -> str:
    """What the workbook whose bytes are ``data`` (None: they could not be unpacked) is, to
    ``folder`` (bids, scores) whose files read are ``beside``: :data:`RETURN`,
    :data:`UNREAD`, :data:`BLANK`, :data:`OTHER`, or :data:`CONVERTED` when it is the return
    as received of one read there (io/as_received.py: by its name and what it holds)."""
    if folder not in _ONE:
        return UNREAD  # (the consolidated form's tables: no kind to tell apart)
    if data is None or len(data) > MAX_FILE_BYTES:
        return UNREAD
    saved_as = converted(label, beside)
    if saved_as is not None and same_return(data, label, saved_as, folder):
        return CONVERTED
    from tendereval.io.workbook import open_book_bytes  # (the reader: only when needed)

    book = open_book_bytes(data, label)
    if book is None:
        return UNREAD
    try:
        with book:
            return _what_book(book, label, folder)
    except Exception:  # any failure to read what it holds: it may be a return
        return UNREAD


def what_file_is(path: Path, label: str, folder: str, beside: Iterable[Path] = ()) -> str:
    """:func:`what_it_is` of the file at ``path``, read as a file in bids/ is."""
    if folder not in _ONE:
        return UNREAD
    read = read_input(path, label, MAX_FILE_BYTES, "workbook")
    return what_it_is(None if isinstance(read, Problem) else read.data, label, folder, beside)


def sorted_out(
    kept: list[tuple[Path, str]], folder: str, beside: Iterable[Path]
) -> tuple[list[tuple[Path, str]], list[tuple[str, str]], int]:
    """Of the workbooks ``kept`` (each file with how it is shown), in a folder not read
    beside or inside ``folder``/ (whose files read are ``beside``): those that are (or may
    be) its returns, the others, each shown with what it is (:data:`OTHER`, :data:`BLANK`,
    :data:`CONVERTED`), and how many of the returns were not looked into. The first
    :data:`~tendereval.limits.MAX_WORKBOOKS_LOOKED_INTO` are looked into (each read as a bid
    return is); past them, each may be a return, and is said as one not looked into."""
    beside = list(beside)
    returns, others = [], []
    looked = unlooked = 0
    for path, shown in kept:
        if looked < MAX_WORKBOOKS_LOOKED_INTO:
            looked += 1
            what = what_file_is(path, shown, folder, beside)
        else:
            unlooked += 1
            what = UNREAD
        if what in MAY_BE_A_RETURN:
            returns.append((path, shown))
        else:
            others.append((shown, what))
    return returns, others, unlooked


def _what_book(book: Book, label: str, folder: str) -> str:
    mark = book.template_mark().get(f"{layout.MARK_PREFIX}template", "").strip()
    made = book.made_from()
    if (
        made not in _MADE_FROM[folder]
        and mark not in _MARKS[folder]
        and not _laid_out(book, folder)
    ):
        # A return whose sheets are renamed is one, as in bids/; what tendereval made (a
        # report, a score sheet) the loader refuses there as in the wrong folder.
        if folder != layout.BIDS_FOLDER or made is not None:
            return OTHER
        from tendereval.io.bids import renamed_in

        if not renamed_in(book):
            return OTHER
    if made == "matrix":
        return RETURN  # (the consolidated form holds every bid and score: never blank)
    if folder == layout.BIDS_FOLDER:
        from tendereval.io.bids import bid_in

        filled = _bid_filled(bid_in(book, label))
    else:
        from tendereval.io.scores import score_file_in

        filled = _scores_filled(score_file_in(book, label))
    if book.problems:  # a damaged sheet: what it holds is not known
        return UNREAD
    return RETURN if filled else BLANK


def _laid_out(book: Book, folder: str) -> bool:
    """Whether ``book`` has ``folder``'s sheets as its template lays them out: for a bid
    return, both its sheets or one holding the return's own cells, not a sheet's name alone
    (io/bids.laid_out_as_a_return: an "Organisation chart.xlsx" is no bid); for a score
    sheet, one of its sheets."""
    if folder == layout.BIDS_FOLDER:
        from tendereval.io.bids import laid_out_as_a_return

        return laid_out_as_a_return(book)
    return any(book.find_sheet(name) for name in _SHEETS[folder])


def _bid_filled(raw: RawBid) -> bool:
    """Whether anything a supplier types is in the bid return: when its Organisation or
    Prices sheet is missing or renamed, what it holds is not known, and it is said filled."""
    if not raw.readable or {layout.BID_ORGANISATION, layout.BID_PRICES} & raw.absent.keys():
        return True
    return _typed([raw.organisation]) or _typed(
        (*raw.supply_chain, *raw.prices, *raw.packages, *raw.commitments)
    )


def _scores_filled(raw: RawScoreSheet | RawModeration) -> bool:
    """Whether anything an evaluator (or the panel) types is in the sheet (as
    :func:`_bid_filled`)."""
    if not raw.readable:
        return True
    if isinstance(raw, RawModeration):
        return _typed(raw.rows)
    if raw.declaration is None:
        return True
    return _typed([raw.declaration]) or _typed(raw.scores)


def _typed(rows: Iterable[Row]) -> bool:
    return any(
        not cell.blank for row in rows for key, cell in row.items() if key not in _TEMPLATE_FILLED
    )


_NAMED = 5  # workbooks named in each group; the rest are counted


def none_a_return(kept: list[tuple[str, str]], folder: str) -> str:
    """The workbooks ``kept`` (each as shown, with what it is: :data:`OTHER`, :data:`BLANK`,
    :data:`CONVERTED`, :data:`COPY`), none of them a return of ``folder``/ missing from it,
    said in groups: "2 workbooks that are not bid returns (no Organisation or Prices sheet):
    …; 1 blank bid return (nothing in it filled in): …"."""
    one = one_of(folder)
    sheets = " or ".join(_SHEETS.get(folder, ()))
    if folder == layout.BIDS_FOLDER:  # (a sheet so named, not laid out as the return's, is none)
        sheets += " sheet laid out as the template's"
    else:
        sheets += " sheet"
    groups = []
    for what in (OTHER, BLANK, CONVERTED, COPY):
        shown = [name for name, kind in kept if kind == what]
        if not shown:
            continue
        many = len(shown) != 1
        said = {
            OTHER: f"{_counted(len(shown), 'workbook')} that "
            f"{f'are not {one}s' if many else f'is not {_a(one)}'} (no {sheets})",
            BLANK: f"{_counted(len(shown), f'blank {one}')} (nothing in "
            f"{'them' if many else 'it'} filled in)",
            CONVERTED: f"{_counted(len(shown), one)} as received, saved as .xlsx in {folder}/ "
            "and read there",
            COPY: f"{_counted(len(shown), 'workbook')} that {'are files' if many else 'is a file'} "
            f"in {folder}/ already, byte for byte (read there)",
        }[what]
        if many and len(shown) > _NAMED + 1:
            shown = [*shown[:_NAMED], f"{len(shown) - _NAMED:,} more"]
        groups.append(f"{said}: {listed(shown)}")
    return "; ".join(groups)


def not_as_received(shown: Iterable[str], folder: str, beside: Iterable[Path]) -> str:
    """Of the workbooks ``shown`` (said as returns that may be missing from ``folder``/, whose
    files read are ``beside``), those named as one read there but for its .xlsx, in words
    ("" when none): each is not that return as received (io/as_received.py), so may be
    another supplier's (a portal names every return alike) or a revised one."""
    beside = list(beside)
    named = [
        f"{one} (named as {folder}/{saved.name})"
        for one in shown
        if (saved := converted(one, beside)) is not None
    ]
    if not named:
        return ""
    many = len(named) != 1
    if many and len(named) > _NAMED + 1:
        named = [*named[:_NAMED], f"{len(named) - _NAMED:,} more"]
    return (
        f"{listed(named)} {'do' if many else 'does'} not hold its values, cell for cell (or "
        f"could not be compared): {'each' if many else 'it'} may be another {one_of(folder)} "
        f"or a revised one; move {'each' if many else 'it'} out of the tender folder only if "
        "it is that return as received"
    )


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
