"""Read the offers the optimiser chooses from: a flat table, one row per offer.

An offer is one supplier's price and score for one lot, or for a package of lots it will only
take together. ``read_offers`` reads OFFERS.csv or an .xlsx sheet; ``offers_from_frame`` takes a
polars frame a caller has built already (for example from scored bids). Both return the offers
that are usable and a list of Problems for the rows that are not, never raising for bad input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tendereval.allocation.package_scores import packages_scored_as_averages
from tendereval.allocation.repeated_offers import repeated_offers
from tendereval.allocation.spellings import one_spelling
from tendereval.errors import Problem, Severity
from tendereval.io.cells import (
    ambiguous_mark,
    decimal_mark,
    is_blank,
    money_from_text,
    other_digits,
    parse_number,
    with_decimal_comma,
)
from tendereval.io.csvfile import (
    DECIMAL,
    Line,
    decode,
    first_row,
    read_records,
    sniff_delimiter,
    table_rows,
)
from tendereval.io.files import Fingerprint, read_input
from tendereval.io.xlsx import column_letter
from tendereval.limits import MAX_CSV_BYTES, MAX_MONEY, MAX_OFFER_POINTS, MAX_OFFER_VOLUME
from tendereval.plan import PLAN_FILE
from tendereval.scoring.common import far_above, others_price, times
from tendereval.slips import TIMES_ESTIMATE
from tendereval.terminal import name_text
from tendereval.wording import pounds

if TYPE_CHECKING:
    from tendereval.io.raw import Cell
    from tendereval.io.workbook import Book

REQUIRED = ("offer_id", "supplier", "lots", "price", "score", "sme", "vcse")
OPTIONAL = (
    "group",
    "sme_subcontract_share",
    "vcse_subcontract_share",
    "quality",
    "volume",
    "second_tier_from",
)
# Every column the table reads, by its heading as normalised (``Offer ID`` → offer_id).
READ = frozenset((*REQUIRED, *OPTIONAL))

OFFER_SCHEMA: dict[str, pl.DataType] = {
    "offer_id": pl.String(),
    "supplier": pl.String(),
    "lots": pl.List(pl.String()),
    "price": pl.Float64(),
    "score": pl.Float64(),
    "sme": pl.Boolean(),
    "vcse": pl.Boolean(),
    "group": pl.String(),
    "sme_subcontract_share": pl.Float64(),
    "vcse_subcontract_share": pl.Float64(),
    "quality": pl.Float64(),
    "volume": pl.Float64(),
    # Where the second-tier shares come from, in words (a tender's named consortium members
    # and subcontractors), shown beside each awarded offer.
    "second_tier_from": pl.String(),
}

YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")

# Locates a cell from (row number, column name); CSV and Excel name cells differently.
Locate = Callable[[int, str], str]
# The problem at each cell of an offers sheet holding a formula whose result is not in the
# file, by (row number, column heading).
Formulas = dict[tuple[int, str], Problem]


def empty_offers() -> pl.DataFrame:
    """A frame with the offer columns and no rows."""
    return pl.DataFrame(schema=OFFER_SCHEMA)


def read_offers(path: str | Path) -> tuple[pl.DataFrame, list[Problem]]:
    """Read OFFERS.csv (or .xlsx) into the offer frame, with a Problem for every bad cell.

    Rows with an error are left out of the frame; the rest are returned so every problem in the
    file can be reported at once. A file that cannot be read at all gives one Problem and an
    empty frame.
    """
    offers, problems, _ = read_offers_fingerprinted(path)
    return offers, problems


def read_offers_fingerprinted(
    path: str | Path,
) -> tuple[pl.DataFrame, list[Problem], Fingerprint | None]:
    """:func:`read_offers`, and the SHA-256 and size of the bytes parsed (None when the file
    was not read): the file is read once, so the record names exactly what was allocated."""
    path = Path(path)
    file = name_text(str(path))
    if not path.is_file():
        return (
            empty_offers(),
            [Problem(f"The offers file {file} does not exist", file=file, code="offers.no_file")],
            None,
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw, sheet, problems, formulas, fingerprint = _read_xlsx(path)
        if any(p.is_error for p in problems):
            return empty_offers(), problems, fingerprint
        raw = _normalise_headers(raw)
        formulas = {(row, _header_key(heading)): p for (row, heading), p in formulas.items()}
        # Column letters follow the sheet's own order of headers (``_row`` is ours, first).
        letters = {name: column_letter(i) for i, name in enumerate(raw.columns) if i}

        def locate(row: int, column: str) -> str:
            return f"{letters.get(column, column)}{row}"

        # The workbook's warnings (a hidden sheet, macros never run) are reported with the
        # offers, as a bid return's are: they do not stop the allocation.
        offers, found = _validate(raw, file=file, sheet=sheet, locate=locate, formulas=formulas)
        return offers, [*problems, *found], fingerprint
    if suffix not in (".csv", ".txt"):
        plan = path.name.casefold() == PLAN_FILE.casefold()
        return (
            empty_offers(),
            [
                Problem(
                    "The offers file must be a .csv or .xlsx file",
                    file=file,
                    found=path.suffix or "no extension",
                    expected=(
                        f".csv or .xlsx; this is a tender's plan: give the folder that holds it, "
                        f"{path.parent}"
                        if plan
                        else ".csv or .xlsx"
                    ),
                    code="offers.bad_file_type",
                )
            ],
            None,
        )
    read = read_input(path, file, MAX_CSV_BYTES, "offers file")
    if isinstance(read, Problem):
        return empty_offers(), [read], None
    # Decoded as the bid readers decode a CSV (UTF-8, UTF-16, Windows or Latin-1 text;
    # "," ";" or tab), so no name is mangled and two suppliers never merge into one.
    text = decode(read.data)
    delimiter = sniff_delimiter(text)
    raw, problems = _csv_table(text, file, delimiter)
    if raw is None:
        return empty_offers(), problems, read.fingerprint
    raw = _without_blank_rows(raw)

    def csv_locate(row: int, column: str) -> str:
        return f"row {row}, column {column}"

    raw = _as_the_file_writes_decimals(_normalise_headers(raw), semicolons=delimiter == ";")
    offers, found = _validate(raw, file=file, sheet="", locate=csv_locate)
    return offers, [*problems, *found], read.fingerprint


def _csv_table(text: str, file: str, delimiter: str) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The offers file's rows as text, numbered as a spreadsheet shows them, read by the rules
    every CSV table of a tender is read by (io.csvfile.table_rows): a row a stray quote
    swallowed, or one with more values than the header (an unquoted 1,234 price), is an error
    at its row and is not read. Before, a quote opened in one supplier's name and closed in a
    later row's took the rows between into that name: an offer vanished without a word and
    the first took the later row's lot and price. None for the frame when the header cannot
    be used."""
    records = read_records(text, delimiter)
    header = first_row(records, file)
    if isinstance(header, Problem):
        return None, [header]
    repeated = _repeated_headers(header, file, "", lambda i: f"column {i + 1}")
    if repeated:
        return None, repeated
    names = [name if name.strip() else f"column_{i}" for i, name in enumerate(header, start=1)]
    problems: list[Problem] = []
    lines: list[Line] = []
    for line in table_rows(records, header, file, delimiter, lambda col: names[col - 1]):
        (problems if isinstance(line, Problem) else lines).append(line)
    data: dict[str, list[object]] = {"_row": [line.number for line in lines]}
    for position, name in enumerate(names):
        data[name] = [
            (line.values[position] or None) if position < len(line.values) else None
            for line in lines
        ]
    schema = {"_row": pl.UInt32, **dict.fromkeys(names, pl.String)}
    return pl.DataFrame(data, schema=schema), problems


# What a bid return, a score sheet or the evaluation report given for the offers should be.
FOR_A_TENDER = (
    f"for a tender, its folder (the one that holds {PLAN_FILE}): allocate reads the bids and "
    "scores from there"
)


def _without_blank_rows(raw: pl.DataFrame) -> pl.DataFrame:
    """The rows with something in them. A row whose every cell is empty or only spaces (a
    file's blank last lines, the ",,,,,,,," Excel saves for an empty row it has formatting
    for) is no offer: it is skipped, as the offers workbook and the bid readers' CSV files
    skip one, and the rows kept keep the file's own numbers. A cell is blank as the checks
    of each offer read one (nothing left once spaces are trimmed), so that no row skipped
    here could have been an offer, nor a row kept be only blanks."""
    cells = [name for name in raw.columns if name != "_row"]
    blank = pl.all_horizontal(pl.col(name).str.strip_chars().fill_null("") == "" for name in cells)
    return raw.filter(~blank)


NUMBERS = ("price", "score", "quality", "volume", "sme_subcontract_share", "vcse_subcontract_share")


def _as_the_file_writes_decimals(raw: pl.DataFrame, *, semicolons: bool) -> pl.DataFrame:
    """Numbers that read two ways ("1.234") as the file's other numbers write decimals, by the
    rule the bid readers use for a CSV file (io.csvfile.decimal_marks); those that rule
    cannot read safely are left unreadable, so each is refused at its cell instead of read
    one way by chance."""
    columns = [name for name in NUMBERS if name in raw.columns]
    texts = [t for name in columns for t in raw.get_column(name).drop_nulls().unique().to_list()]
    known = decimal_mark(texts)
    mark = known or ("comma" if semicolons else "point")
    meant = {}
    for text in texts:
        separator = ambiguous_mark(text)
        if separator is None:
            continue
        if known == "both" or (known is None and separator == DECIMAL[mark]):
            meant[text] = f"{text} (reads two ways: a thousand and more, or three decimals)"
        elif mark == "comma":
            meant[text] = with_decimal_comma(text)
    if not meant:
        return raw
    return raw.with_columns(pl.col(name).replace(meant) for name in columns)


def offers_from_frame(
    frame: pl.DataFrame, *, file: str = "", locate: Locate | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """Check a frame of offers built by a caller and return it in the standard shape.

    Columns may already be typed (``lots`` as a list, ``sme`` as a boolean, ``price`` as a
    number) or be text as read from a file; both are checked by the same rules as OFFERS.csv.
    Rows are numbered from 1 in problem locations unless ``locate`` says otherwise.
    """
    # Two columns read as one (``price`` and ``Price``) are the file's error, not polars'
    # DuplicateError when they are renamed alike.
    headers = [name for name in frame.columns if name != "_row"]
    place = {i: frame.columns.index(name) + 1 for i, name in enumerate(headers)}
    repeated = _repeated_headers(headers, file, "", lambda i: f"column {place[i]}")
    if repeated:
        return empty_offers(), repeated
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if name == "_row":
            text = column  # the caller's own row numbers, used as they are
        elif isinstance(dtype, pl.List):
            text = column.list.eval(pl.element().cast(pl.String)).list.join(";")
        elif dtype == pl.Boolean:
            text = pl.when(column.is_null()).then(None).when(column).then(pl.lit("yes"))
            text = text.otherwise(pl.lit("no"))
        elif dtype.is_float():
            # 1.0 and 0.0 as 1 and 0 (a float column's yes and no, read as whole numbers
            # are); as text "1.0" was refused as neither yes nor no.
            whole = column.is_in([0.0, 1.0])
            text = pl.when(whole).then(column.cast(pl.Int8).cast(pl.String))
            text = text.otherwise(_positional(frame.get_column(name)))
        else:
            text = column.cast(pl.String)
        columns.append(text.alias(name))
    as_text = frame.select(columns)
    if "_row" not in as_text.columns:
        as_text = as_text.with_row_index("_row", offset=1)
    return _validate(
        _normalise_headers(as_text),
        file=file,
        sheet="",
        locate=locate or (lambda row, column: f"row {row}, column {column}"),
    )


def _positional(numbers: pl.Series) -> pl.Expr:
    """A float column as text without an exponent (1e+18 as 1000000000000000000), as a file
    writes numbers: the readers take no exponent, and called a score of 1e18 "not a number",
    not the implausible score it is. Each distinct value is written once."""
    values = numbers.drop_nulls().unique().to_list()
    texts = {v: format(Decimal(repr(v)), "f") if math.isfinite(v) else repr(v) for v in values}
    return pl.col(numbers.name).replace_strict(texts, default=None, return_dtype=pl.String)


def _normalise_headers(raw: pl.DataFrame) -> pl.DataFrame:
    """Lower-case headers with underscores, so ``Offer ID`` and ``offer_id`` both work."""
    return raw.rename({name: _header_key(name) for name in raw.columns if name != "_row"})


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower().lstrip("\ufeff"))


def _repeated_headers(
    headers: Sequence[str], file: str, sheet: str, place: Callable[[int], str]
) -> list[Problem]:
    """An error for each column named twice (``price`` and ``Price``): which holds the
    figures? Read silently, one of them would be used and the other ignored."""
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(headers):
        if name.strip():
            positions.setdefault(_header_key(name), []).append(position)
    return [
        Problem(
            f"The offers table has {len(found)} columns headed {key}",
            file=file,
            sheet=sheet,
            cell="row 1" if not sheet else "header row",
            found=", ".join(f"'{headers[i].strip()}' in {place(i)}" for i in found),
            expected=f"one {key} column; delete or rename the others",
            code="offers.repeated_column",
        )
        for key, found in positions.items()
        if len(found) > 1
    ]


def _validate(
    raw: pl.DataFrame, *, file: str, sheet: str, locate: Locate, formulas: Formulas | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    missing = [name for name in REQUIRED if name not in raw.columns]
    if len(missing) == len(REQUIRED):
        # Another kind of file altogether (the evaluation report, a list of suppliers): one
        # error saying so, not one for each column it lacks.
        return empty_offers(), [
            Problem(
                "this has none of the offers table's columns, so it is not an offers table",
                file=file,
                sheet=sheet,
                cell="row 1" if not sheet else "header row",
                found=_headings(raw),
                expected=f"a first row naming the columns {', '.join(REQUIRED)}; or {FOR_A_TENDER}",
                code="offers.not_offers",
            )
        ]
    if missing:
        return empty_offers(), [
            Problem(
                f"The offers table has no {name} column",
                file=file,
                sheet=sheet,
                cell="row 1" if not sheet else "header row",
                found=_headings(raw),
                expected="columns " + ", ".join(REQUIRED) + " (group optional)",
                code="offers.missing_column",
            )
            for name in missing
        ]
    for name in OPTIONAL:
        if name not in raw.columns:
            raw = raw.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    text = raw.select(
        "_row",
        *[
            pl.col(name).cast(pl.String).str.strip_chars().replace("", None).alias(name)
            for name in (*REQUIRED, *OPTIONAL)
        ],
    )
    parsed = text.with_columns(
        pl.col("lots")
        .str.split(";")
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element() != ""))
        .alias("lots_list"),
        _read_as(text, "price", money_from_text).alias("price_value"),
        _read_as(text, "score", _number).alias("score_value"),
        _yes_no(pl.col("sme")).alias("sme_value"),
        _yes_no(pl.col("vcse")).alias("vcse_value"),
        _share(pl.col("sme_subcontract_share")).alias("sme_sub_value"),
        _share(pl.col("vcse_subcontract_share")).alias("vcse_sub_value"),
        _read_as(text, "quality", _number).alias("quality_value"),
        _read_as(text, "volume", _number).alias("volume_value"),
        (pl.int_range(pl.len()).over("offer_id") > 0).alias("repeat_id"),
    )
    # Lots, suppliers and groups matched as bid returns match them: case and spacing aside.
    parsed, findings = one_spelling(parsed)
    located: list[tuple[int, Problem]] = [
        (
            finding.row,
            Problem(
                finding.message,
                file=file,
                sheet=sheet,
                cell=locate(finding.row, finding.column),
                found=finding.found,
                expected=finding.expected,
                severity=finding.severity,
                code=finding.code,
            ),
        )
        for finding in findings
    ]
    other_script = _other_digits(parsed, file=file, sheet=sheet, locate=locate)
    unsaved = _unsaved_formulas(formulas or {})
    located += other_script + unsaved
    # A figure in another script's digits, or a formula whose result is not in the file, is
    # told once, so: not also as "not a number" or "blank".
    told = {(row, problem.cell) for row, problem in other_script + unsaved}
    for mask, column, code, message, expected in _checks():
        for row, found in parsed.filter(mask).select("_row", column).iter_rows():
            if (row, locate(row, column)) in told:
                continue
            located.append(
                (
                    row,
                    Problem(
                        message,
                        file=file,
                        sheet=sheet,
                        cell=locate(row, column),
                        found="(blank)" if found is None else str(found),
                        expected=expected,
                        code=code,
                    ),
                )
            )
    bad_rows = {row for row, problem in located if problem.is_error}
    offers = parsed.filter(~pl.col("_row").is_in(sorted(bad_rows))).select(
        pl.col("offer_id"),
        pl.col("supplier"),
        pl.col("lots_list").alias("lots"),
        pl.col("price_value").alias("price"),
        pl.col("score_value").alias("score"),
        pl.col("sme_value").alias("sme"),
        pl.col("vcse_value").alias("vcse"),
        pl.col("group"),
        pl.col("sme_sub_value").fill_null(0.0).alias("sme_subcontract_share"),
        pl.col("vcse_sub_value").fill_null(0.0).alias("vcse_subcontract_share"),
        pl.col("quality_value").alias("quality"),
        pl.col("volume_value").alias("volume"),
        pl.col("second_tier_from"),
        pl.col("_row"),
    )
    located += _inconsistent_status(offers, file=file, sheet=sheet, locate=locate)
    located += _prices_far_above_others(offers, file=file, sheet=sheet, locate=locate)
    located += _scores_past_the_others(offers, file=file, sheet=sheet, locate=locate)
    located += packages_scored_as_averages(offers, file=file, sheet=sheet, locate=locate)
    located += repeated_offers(offers, file=file, sheet=sheet, locate=locate)
    located += _lots_named_once_like_another(offers, file=file, sheet=sheet, locate=locate)
    bad_rows = {row for row, problem in located if problem.is_error}
    offers = offers.filter(~pl.col("_row").is_in(sorted(bad_rows))).drop("_row")
    # Problems in file order, so an officer can work down the sheet.
    problems = [problem for _, problem in sorted(located, key=lambda item: item[0])]
    return offers.cast(OFFER_SCHEMA), problems  # type: ignore[arg-type]


def _headings(raw: pl.DataFrame, shown: int = 8) -> str:
    """The file's column names as read, for a problem's "found": the first ``shown`` of
    those it names (a workbook's blank headings are read as column_2, column_3 …)."""
    named = [c for c in raw.columns if c != "_row" and not re.fullmatch(r"column_\d+", c)]
    more = f" and {len(named) - shown:,} more" if len(named) > shown else ""
    return ", ".join(named[:shown]) + more or "no column names"


def _checks() -> list[tuple[pl.Expr, str, str, str, str]]:
    """Each rule a row must pass: (failing rows, column, code, message, what was expected)."""
    col = pl.col
    checks = [
        (
            col("offer_id").is_null(),
            "offer_id",
            "offers.offer_id_blank",
            "Every offer needs an offer_id",
            "a short unique id such as HC-001",
        ),
        (
            col("repeat_id") & col("offer_id").is_not_null(),
            "offer_id",
            "offers.duplicate_offer_id",
            "This offer_id is used by an earlier row",
            "each offer_id used once",
        ),
        (
            col("supplier").is_null(),
            "supplier",
            "offers.supplier_blank",
            "Every offer needs the supplier's name",
            "the supplier's name",
        ),
        (
            col("lots_list").list.len().fill_null(0) == 0,
            "lots",
            "offers.no_lots",
            "The offer names no lot",
            "one lot id, or several separated by ;",
        ),
        (
            col("lots").str.contains(",") & ~col("lots").str.contains(";"),
            "lots",
            "offers.lots_separator",
            "Lots in a package are separated by ; not by a comma",
            "lot ids separated by ; such as ASH;CAN",
        ),
        (
            col("lots_list").list.n_unique() < col("lots_list").list.len(),
            "lots",
            "offers.repeated_lot",
            "The same lot is named twice in one offer",
            "each lot once",
        ),
        (
            col("price").is_not_null() & col("price_value").is_null(),
            "price",
            "offers.price_not_a_number",
            "The price is not an amount of money",
            "an amount such as 1234.50 or £1,234.50",
        ),
        (
            col("price").is_null(),
            "price",
            "offers.price_blank",
            "The price is blank",
            "an amount of money",
        ),
        (
            col("price_value") <= 0,
            "price",
            "offers.price_not_positive",
            "The price must be more than £0",
            "an amount above £0",
        ),
        (
            col("price_value") > MAX_MONEY,
            "price",
            "offers.price_implausible",
            "The price is more than any public contract is worth: a typing slip?",
            f"an amount up to £{MAX_MONEY:,.0f}",
        ),
        (
            col("score").is_not_null() & col("score_value").is_null(),
            "score",
            "offers.score_not_a_number",
            "The score is not a number",
            "a number such as 72.5",
        ),
        (
            col("score").is_null(),
            "score",
            "offers.score_blank",
            "The score is blank",
            "the offer's total score",
        ),
        (
            col("score_value") < 0,
            "score",
            "offers.score_negative",
            "The score cannot be negative",
            "a score of 0 or more",
        ),
        (
            col("score_value") > MAX_OFFER_POINTS,
            "score",
            "offers.score_implausible",
            "The score is too large to be a total score: a typing slip?",
            f"a score up to {MAX_OFFER_POINTS:,.0f} points",
        ),
        (
            col("quality").is_not_null() & col("quality_value").is_null(),
            "quality",
            "offers.quality_not_a_number",
            "The quality score is not a number",
            "a number such as 60",
        ),
        (
            col("quality_value") > MAX_OFFER_POINTS,
            "quality",
            "offers.quality_implausible",
            "The quality score is too large to be a quality score: a typing slip?",
            f"a quality score up to {MAX_OFFER_POINTS:,.0f} points",
        ),
        (
            col("volume").is_not_null()
            & (col("volume_value").is_null() | (col("volume_value") < 0)),
            "volume",
            "offers.volume_not_valid",
            "The volume is not a number of 0 or more",
            "the yearly volume the offer covers, such as 1200 (hours)",
        ),
        (
            col("volume_value") > MAX_OFFER_VOLUME,
            "volume",
            "offers.volume_implausible",
            "The volume is more than any one contract covers in a year: a typing slip?",
            f"a yearly volume up to {MAX_OFFER_VOLUME:,.0f}",
        ),
    ]
    for name in ("sme", "vcse"):
        checks.append(
            (
                col(f"{name}_value").is_null(),
                name,
                "offers.not_yes_no",
                f"The {name} column must say yes or no",
                "yes or no",
            )
        )
    for name, value in (
        ("sme_subcontract_share", "sme_sub_value"),
        ("vcse_subcontract_share", "vcse_sub_value"),
    ):
        checks.append(
            (
                col(name).is_not_null() & col(value).is_null(),
                name,
                "offers.share_not_valid",
                "A subcontracted share must be between 0 and 1",
                "a share such as 0.25 or 25%",
            )
        )
    return checks


# The figures of an offer and the kind of figure each is, as bid returns name them.
_FIGURES = {
    "price": "money",
    "score": "number",
    "quality": "number",
    "volume": "number",
    "sme_subcontract_share": "share",
    "vcse_subcontract_share": "share",
}


def _other_digits(
    parsed: pl.DataFrame, *, file: str, sheet: str, locate: Locate
) -> list[tuple[int, Problem]]:
    """An error at each figure typed in digits of another script ('৪' is the Bengali digit
    four, drawn like an 8), in the words a bid return's cell gets: the readers refuse it, and
    which figure the sender meant is for them to say."""
    located = []
    for column, kind in _FIGURES.items():
        typed = parsed.filter(pl.col(column).str.contains(r"[\p{Nd}--0-9]"))
        for row, text in typed.select("_row", column).iter_rows():
            refused = other_digits(text, kind)
            if refused is None:
                continue
            _, problem = refused
            located.append(
                (
                    row,
                    Problem(
                        f"{column.replace('_', ' ')}: {problem.message}",
                        file=file,
                        sheet=sheet,
                        cell=locate(row, column),
                        found=text,  # as the file's other figures are quoted
                        expected=problem.expected,
                        code=problem.code,
                    ),
                )
            )
    return located


def _unsaved_formulas(formulas: Formulas) -> list[tuple[int, Problem]]:
    """The error at each cell of the offers table read as blank that holds a formula whose
    result is not in the file, as a bid return's cell gets it (``cell.formula_unsaved``): a
    package priced =SUM(...) by a program that calculates nothing (XlsxWriter) is no blank
    price, nor a share =1/4 no share, and is not priced at the 0 saved in its place. A
    formula in a column the table does not read stops nothing."""
    return [
        (row, replace(problem, message=f"{column.replace('_', ' ')}: {problem.message}"))
        for (row, column), problem in formulas.items()
        if column in READ
    ]


def _inconsistent_status(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Locate
) -> list[tuple[int, Problem]]:
    """SME and VCSE status belong to the supplier: every offer of a supplier must agree."""
    problems = []
    for name in ("sme", "vcse"):
        first = offers.group_by("supplier").agg(
            pl.col(name).sort_by("_row").first().alias("first_value")
        )
        clash = offers.join(first, on="supplier").filter(pl.col(name) != pl.col("first_value"))
        for row, supplier, value in clash.select("_row", "supplier", name).iter_rows():
            problems.append(
                (
                    row,
                    Problem(
                        f"{supplier} is marked {name} = {'yes' if value else 'no'} here but "
                        "the other way on an earlier row",
                        file=file,
                        sheet=sheet,
                        cell=locate(row, name),
                        found="yes" if value else "no",
                        expected=f"the same {name} answer on every row for one supplier",
                        code="offers.inconsistent_status",
                        supplier=supplier,
                    ),
                )
            )
    return problems


def _prices_far_above_others(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Locate
) -> list[tuple[int, Problem]]:
    """A warning on an offer for one lot priced at many times the other offers for that lot
    (their median; with two, the other's), as scoring flags such a bid: a price typed in
    pence, or for the whole contract among yearly ones, and the offer never won without a
    word. (A package's price has no like to compare with.)"""
    price = pl.col("price")
    single = offers.filter(pl.col("lots").list.len() == 1, price.is_not_null()).with_columns(
        lot=pl.col("lots").list.first()
    )
    found = (
        single.with_columns(others=others_price(price, "lot"), bids=pl.len().over("lot"))
        .filter(far_above(price, pl.col("others")))
        .with_columns(times=times(price / pl.col("others")))
    )
    problems = []
    for row, supplier, lot, amount, others, bids, ratio in found.select(
        "_row", "supplier", "lot", "price", "others", "bids", "times"
    ).iter_rows():
        against = "the other offer's" if bids == 2 else "the median of the lot's offers"
        problems.append(
            (
                row,
                Problem(
                    f"{supplier}'s price for lot {lot} is {ratio} times "
                    f"{against} ({pounds(others)}): check it (typed in pence, or for a whole "
                    "contract among yearly prices?)",
                    file=file,
                    sheet=sheet,
                    cell=locate(row, "price"),
                    found=pounds(amount),
                    expected=f"a price within {TIMES_ESTIMATE} times the others for the lot, "
                    "or the supplier's confirmation",
                    code="offers.price_far_above_others",
                    severity=Severity.WARNING,
                    supplier=supplier,
                ),
            )
        )
    return problems


def _scores_past_the_others(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Locate
) -> list[tuple[int, Problem]]:
    """A warning on an offer for one lot scored above 100 where every other offer for one lot
    is scored 100 or less: a total out of 100 with its decimal point left out (744 for 74.4),
    which won its lot under the score objective, the total score 961.9 read as 1,614.8,
    without a word. (A package's score is its lots' added up, and is compared with none.)"""
    score = pl.col("score")
    single = offers.filter(pl.col("lots").list.len() == 1, score.is_not_null())
    past = single.filter(score > 100)
    if single.height < 2 or past.height != 1:
        return []
    (row, supplier, found), *_ = past.select("_row", "supplier", "score").iter_rows()
    return [
        (
            row,
            Problem(
                f"{supplier}'s score is above 100, where every other offer for one lot is "
                "scored 100 or less: check it (a decimal point left out?)",
                file=file,
                sheet=sheet,
                cell=locate(row, "score"),
                found=f"{found:g}",
                expected="a total score on the same scale as the other offers', or the "
                "evaluation's confirmation",
                code="offers.score_past_the_others",
                severity=Severity.WARNING,
                supplier=supplier,
            ),
        )
    ]


def _lots_named_once_like_another(
    offers: pl.DataFrame, *, file: str, sheet: str, locate: Locate
) -> list[tuple[int, Problem]]:
    """A warning on an offer naming a lot no other offer names, when that lot's id is another
    lot's with one slip (a letter changed, added, dropped or two swapped: AHS for ASH): the
    slip made a lot of its own, awarded to its one offer, a thirteenth lot and its price
    added to the total, without a word. (A lot one offer alone bids for is common; one
    spelt nearly as another is not.)"""
    lots = offers.select("_row", "supplier", "lots").explode("lots")
    counts = lots.group_by("lots").len()
    # (Alike to a lot other offers name too: of two lots named once each, which is the slip?)
    named = counts.filter(pl.col("len") > 1).get_column("lots").to_list()
    once = set(counts.filter(pl.col("len") == 1).get_column("lots").to_list())
    problems = []
    for row, supplier, lot in lots.filter(pl.col("lots").is_in(sorted(once))).iter_rows():
        like = lots_like(lot, named)
        if not like:
            continue
        problems.append(
            (
                row,
                Problem(
                    f"lot {lot} is named by this offer alone, and reads as {like[0]} mistyped: "
                    "check it (a lot id mistyped makes a lot of its own)",
                    file=file,
                    sheet=sheet,
                    cell=locate(row, "lots"),
                    found=lot,
                    expected=f"{like[0]}, or the lot id as the tender lists it",
                    code="offers.lot_like_another",
                    severity=Severity.WARNING,
                    supplier=supplier,
                ),
            )
        )
    return problems


def lots_like(typed: str, lots: Iterable[str]) -> list[str]:
    """The lots of ``lots`` that ``typed`` reads as mistyped (:func:`_one_slip`), in order."""
    return sorted(lot for lot in lots if _one_slip(typed, lot))


def _one_slip(typed: str, lot: str) -> bool:
    """Whether ``typed`` is ``lot`` with one letter changed, added or dropped, or two next to
    each other swapped (case aside)."""
    a, b = typed.casefold(), lot.casefold()
    if a == b or abs(len(a) - len(b)) > 1 or _numbers_in(a) != _numbers_in(b):
        return False  # (L12 beside L1, D011 beside D001: numbered lots, each its own)
    if min(len(a), len(b)) < _SLIPS_FROM:
        return False  # (lots A and B, or N and NE: every change of a short id is another id)
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1
        return len(differ) == 1 or (
            swapped and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_SLIPS_FROM = 3  # characters: ids shorter than this are not taken for another's slip


def _numbers_in(lot: str) -> str:
    return "".join(character for character in lot if character.isdigit())


def _read_as(frame: pl.DataFrame, name: str, read: Callable[[str], float | None]) -> pl.Expr:
    """The column's text read by ``read`` (the bid returns' own readers of money and numbers,
    so ``1 234,50`` means the same here as in a bid); null where it is not a finite number.
    Each distinct text is read once."""
    texts = frame.get_column(name).drop_nulls().unique().to_list()
    read_texts = {text: read(text) for text in texts}
    values = {t: v for t, v in read_texts.items() if v is not None and math.isfinite(v)}
    return pl.col(name).replace_strict(values, default=None, return_dtype=pl.Float64)


def _number(text: str) -> float | None:
    return parse_number(text)[0]


def _yes_no(text: pl.Expr) -> pl.Expr:
    lower = text.str.to_lowercase()
    return pl.when(lower.is_in(YES)).then(True).when(lower.is_in(NO)).then(False)


def _share(text: pl.Expr) -> pl.Expr:
    """``25%`` or ``0.25`` → 0.25; outside 0..1 → null."""
    percent = text.str.ends_with("%")
    number = text.str.replace_all(r"[%\s]", "").cast(pl.Float64, strict=False)
    value = pl.when(percent).then(number / 100).otherwise(number)
    return pl.when((value >= 0) & (value <= 1)).then(value)


def _read_xlsx(
    path: Path,
) -> tuple[pl.DataFrame, str, list[Problem], Formulas, Fingerprint | None]:
    """The sheet named Offers (or the first sheet) as text, row numbers as Excel shows them;
    the problems (the workbook's warnings, or what stopped it being read); its formulas
    whose result is not in the file (:data:`Formulas`); the fingerprint of the bytes read.

    The workbook goes through the same safety checks and reader as a bid return."""
    from tendereval.io.workbook import open_book_read

    file = name_text(str(path))
    book, problems, fingerprint = open_book_read(path, file)
    if book is None:
        unread = _unreadable(file, "; ".join(p.message for p in problems if p.is_error))
        return (*unread, {}, fingerprint)
    raw, sheet, refused, formulas = _offers_sheet(book, file)
    return raw, sheet, refused or [p for p in problems if not p.is_error], formulas, fingerprint


def _offers_sheet(book: Book, file: str) -> tuple[pl.DataFrame, str, list[Problem], Formulas]:
    """The offers sheet of an open workbook as text and its formulas whose result is not in
    the file, or the problem that stops it being read."""
    with book:
        names = book.sheet_names
        if not names:
            return (*_unreadable(file, "no sheets"), {})
        kind = book.made_from()
        if kind is not None:
            # A bid return given for the offers gave an error for each of seven columns
            # missing from its Instructions sheet, and never said what the file was.
            wrong = book.in_the_wrong_folder(
                kind, "an offers table", instead=FOR_A_TENDER, code="offers.not_offers"
            )
            return pl.DataFrame(), "", [wrong], {}
        sheet_name = next((n for n in names if n.strip().lower() == "offers"), names[0])
        try:
            rows, unsaved = book.values(sheet_name)
        except Exception as exc:  # a damaged sheet
            found = f"{exc.__class__.__name__}: {exc}"[:200]
            return (*_unreadable(file, found, sheet_name), {})
    if not rows:
        empty = Problem(
            "The offers sheet is empty", file=file, sheet=sheet_name, code="offers.empty_sheet"
        )
        return pl.DataFrame(), sheet_name, [empty], {}
    width = max(max(cells, default=0) for cells in rows.values())
    header = rows.get(1, {})
    headers = [
        str(header[i]).strip() if header.get(i) is not None else f"column_{i}"
        for i in range(1, width + 1)
    ]
    headings = _unsaved_headings(unsaved)
    if headings:
        return pl.DataFrame(), sheet_name, headings, {}
    repeated = _repeated_headers(
        headers, file, sheet_name, lambda i: f"column {column_letter(i + 1)}"
    )
    if repeated:
        return pl.DataFrame(), sheet_name, repeated, {}
    # A row holding a formula whose result is not in the file is not blank: Excel shows it.
    # Only in a column the table reads, though: a helper column's formula filled down past
    # the data (a template's "check" column) leaves the rows below as blank as the table
    # sees them, not offers with every field missing.
    formula_rows = {
        row
        for row, column in unsaved
        if column <= width and _header_key(headers[column - 1]) in READ
    }
    body = [
        (index, [_cell_text(cells.get(i)) for i in range(1, width + 1)])
        for index, cells in sorted(rows.items())
        if index > 1
        and (index in formula_rows or not all(is_blank(value) for value in cells.values()))
    ]
    data: dict[str, list[object]] = {"_row": [index for index, _ in body]}
    for position, name in enumerate(headers):
        data[name] = [values[position] for _, values in body]
    frame = pl.DataFrame(data, schema={"_row": pl.UInt32, **dict.fromkeys(headers, pl.String)})
    return frame, sheet_name, [], _formulas(unsaved, headers)


def _unsaved_headings(unsaved: dict[tuple[int, int], Cell]) -> list[Problem]:
    """The error at each heading (row 1) that is a formula whose result is not in the file
    (``cell.formula_unsaved``): read as blank, ="price" left the table with no price column,
    and ="volume" every volume unread without a word. Which column a heading names is not
    in the file, so any such heading stops the table being read (a helper column's too)."""
    from tendereval.io.checking import formula_unsaved

    return [
        replace(problem, message=f"column heading: {problem.message}")
        for (row, _), cell in sorted(unsaved.items())
        if row == 1
        for problem in [formula_unsaved(cell)]
    ]


def _formulas(unsaved: dict[tuple[int, int], Cell], headers: list[str]) -> Formulas:
    """The problem at each cell below the header row holding a formula whose result is not
    in the file, by the rule a bid return's cells are read by, keyed by its row and column
    heading (one right of every heading is in no column)."""
    from tendereval.io.checking import formula_unsaved

    return {
        (row, headers[column - 1]): formula_unsaved(cell)
        for (row, column), cell in unsaved.items()
        if row > 1 and column <= len(headers)
    }


def _unreadable(file: str, found: str, sheet: str = "") -> tuple[pl.DataFrame, str, list[Problem]]:
    problem = Problem(
        "The offers workbook could not be opened",
        file=file,
        sheet=sheet,
        found=found,
        code="offers.unreadable",
    )
    return pl.DataFrame(), sheet, [problem]


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
