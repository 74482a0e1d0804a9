"""Writing a :class:`ScoreResult` out: JSON, CSV and the terminal table.

Writers never recompute: every number comes from the result. Scores are rounded only here,
for display (on the terminal points to 2 decimals, totals to the 4 they are compared in); JSON
and CSV carry the exact values.
"""

from __future__ import annotations

import math
import shlex
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tendereval.atomic import WrittenInTurn
from tendereval.award.set_aside import ANOTHER_RETURN
from tendereval.comparison import rounded
from tendereval.errors import (
    UsageError,
    made_by,
    path_argument,
    progress_argument,
    yes_or_no,
)
from tendereval.inputs import from_here, never_over_the_tender
from tendereval.outputs import one_file_each
from tendereval.plan import lot_heading
from tendereval.scored_from import hold_if_written_into
from tendereval.scoring.price import METHODS, describe
from tendereval.scoring.result import ScoreResult, one_output
from tendereval.scoring.sensitivity import tied_first_text
from tendereval.terminal import cut, printable, terminal_line
from tendereval.wording import counted, figure, percent, pounds

if TYPE_CHECKING:
    from tendereval.award.decision import AwardDecision, LotAward
    from tendereval.award.recorded import RecordedRejection

RANKING_FIELDS = (
    "supplier",
    "rank",
    "status",
    "total",
    "price_score",
    "quality_score",
    "social_value_score",
    "evaluated_price",
    "whole_life_price",
    "social_value_amount",
    "margin_to_next",
    "reasons",
    "flags",
    "sme",
    "vcse",
    "source",
)
# Per bid in the JSON ranking: its criteria, the sub-totals of sub-criteria grouping others,
# and the price build-up and social value commitments with the file and cell of every figure.
DETAIL_FIELDS = ("criteria", "sub_totals", "price_breakdown", "social_value_commitments")
# OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_PATTERN = r"^[=+\-@\t\r]"


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become null; containers cleaned recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """``frame``'s rows as dicts, NaN and infinities as None (as :func:`_clean` makes them),
    the numbers put right in polars over whole columns rather than value by value."""
    if any(_has(dtype, pl.Array) for dtype in frame.schema.values()):
        return _clean(frame.to_dicts())  # (no result frame has one)
    return frame.with_columns(
        _finite(pl.col(name), dtype)
        for name, dtype in frame.schema.items()
        if _has(dtype, pl.Float32, pl.Float64)
    ).to_dicts()


def _has(dtype: pl.DataType, *kinds: type[pl.DataType]) -> bool:
    """Whether ``dtype`` is, or holds at any depth, one of ``kinds``."""
    if isinstance(dtype, kinds):
        return True
    if isinstance(dtype, (pl.List, pl.Array)):
        return _has(dtype.inner, *kinds)
    if isinstance(dtype, pl.Struct):
        return any(_has(field.dtype, *kinds) for field in dtype.fields)
    return False


def _finite(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """``expr`` (a float, or lists and structs holding floats) with every NaN and infinity
    in it made null."""
    if dtype.is_float():
        return pl.when(expr.is_finite()).then(expr)
    if isinstance(dtype, pl.List):
        return expr.list.eval(_finite(pl.element(), dtype.inner))
    fields = [
        _finite(expr.struct.field(field.name), field.dtype).alias(field.name)
        if _has(field.dtype, pl.Float32, pl.Float64)
        else expr.struct.field(field.name)
        for field in dtype.fields
    ]
    return pl.when(expr.is_not_null()).then(pl.struct(fields))


def _lot_names(result: ScoreResult) -> dict[str, str]:
    return {lot.id: lot.name for lot in result.plan.lots}


def _per_bid(frame: pl.DataFrame, name: str, fields: list[str]) -> pl.DataFrame:
    """(lot, supplier, ``name``): each bid's rows of ``frame`` (``fields`` only) as records."""
    return frame.group_by("lot", "supplier", maintain_order=True).agg(pl.struct(fields).alias(name))


def _all_but_bid(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in ("lot", "supplier")]


@one_output
def to_json(result: ScoreResult) -> dict[str, Any]:
    """The result as plain data: tender, lots with their rankings, flags, problems, settings,
    input hashes and the plan's weights. Numbers are exact (not rounded)."""
    plan = result.plan
    criteria = _per_bid(
        result.criteria,
        "criteria",
        [
            "criterion",
            "pillar",
            "raw_score",
            "fraction",
            "effective_weight",
            "weighted",
            "basis",
            "reason",
            "below_minimum",
        ],
    )
    details = [
        criteria,
        _per_bid(result.sub_totals, "sub_totals", _all_but_bid(result.sub_totals)),
        _per_bid(result.price_breakdown, "price_breakdown", _all_but_bid(result.price_breakdown)),
        _per_bid(
            result.social_value, "social_value_commitments", _all_but_bid(result.social_value)
        ),
    ]
    lots = []
    names = _lot_names(result)
    for lot, in_lot in result.results_by_lot().items():
        for detail in details:
            in_lot = in_lot.join(detail, on=["lot", "supplier"], how="left", maintain_order="left")
        in_lot = in_lot.with_columns(
            pl.col(name).fill_null(pl.lit([], dtype=in_lot.schema[name]))
            for name in DETAIL_FIELDS[1:]
        )
        award = result.award.lots.get(lot)
        lots.append(
            {
                "lot": lot,
                "name": names.get(lot, ""),
                "award": _clean(award.to_dict()) if award is not None else None,
                "ranking": _records(in_lot.select(*RANKING_FIELDS, *DETAIL_FIELDS)),
                "tipping_points": _records(
                    result.tipping_points.filter(pl.col("lot") == lot).drop("lot")
                ),
                "win_probability": _records(
                    result.win_probability.filter(pl.col("lot") == lot).drop("lot")
                ),
                "rank_reversal": _records(
                    result.rank_reversal.filter(pl.col("lot") == lot).drop("lot")
                ),
            }
        )
    method = METHODS[plan.price.method]
    # The frames' rows are cleaned in polars (_records); the few other parts value by value.
    return {
        "tender": _clean(
            {
                "id": plan.tender_id,
                "title": plan.title,
                "buyer": plan.buyer,
                "regime": plan.regime_name,
                "currency": plan.currency,
                "contract_years": plan.contract_years,
            }
        ),
        "lots": lots,
        "award": _clean(result.award.to_dict()),
        "unplaced_bids": _records(
            result.results.filter(pl.col("lot").is_null()).select(*RANKING_FIELDS)
        ),
        "flags": _records(result.flags),
        "problems": _clean([p.to_dict() for p in result.problems]),
        "settings": _clean(result.settings),
        "inputs": _records(result.inputs),
        "plan": _clean(
            {
                "weights": plan.weights_table(),
                "price_method": plan.price.method,
                "price_formula": method.formula,
                "social_value_method": plan.social_value.method,
                "tie_break": list(plan.tie_break),
            }
        ),
    }


def _write_atomically(path: str | Path, data: bytes) -> None:
    from tendereval.atomic import write_bytes

    write_bytes(path, data)


@one_output
def json_text(result: ScoreResult) -> str:
    """:func:`to_json` as ``json.dumps(indent=2)`` writes it, ending in a new line: what
    :func:`write_json` writes (``score --json -`` prints it)."""
    from tendereval.jsontext import dumps

    return dumps(to_json(result)) + "\n"


@one_output
def write_json(result: ScoreResult, path: str | Path) -> None:
    """Write :func:`json_text` to ``path`` (UTF-8), atomically. A ``path`` that is one of
    the tender's inputs is a UsageError."""
    path = path_argument("path", path)
    never_over_the_tender(result.folder, path)
    hold_if_written_into(result, path)
    _write_atomically(path, json_text(result).encode("utf-8"))


def _escape(column: str) -> pl.Expr:
    col = pl.col(column)
    return (
        pl.when(col.str.contains(_FORMULA_PATTERN))
        .then(pl.lit("'") + col)
        .otherwise(col)
        .alias(column)
    )


@one_output
def csv_frame(result: ScoreResult) -> pl.DataFrame:
    """The flat results table written to CSV: lists joined with "; ", text cells escaped.
    ``award_waits`` gives, on each bid of a lot, what the lot's award waits on (a tender that
    could still win it, an error not yet put right): "awarded" alone would read as final."""
    award = result.award
    held = [f"the award is {award.held_back}"] if award.held_back else []
    waits = {lot: "; ".join([*(why for _, why in award.waiting(lot)), *held]) for lot in award.lots}
    flat = award.bid_outcomes(result.results).with_columns(
        pl.col("reasons").list.join("; "),
        pl.col("flags").list.join("; "),
        award_waits=pl.col("lot").replace_strict(waits, default="", return_dtype=pl.String),
    )
    text = [name for name, dtype in flat.schema.items() if dtype == pl.String]
    return flat.with_columns([_escape(c) for c in text])


@one_output
def csv_text(result: ScoreResult) -> str:
    """:func:`csv_frame` as CSV: what :func:`to_csv` writes (``score --csv -`` prints it)."""
    return csv_frame(result).write_csv()


@one_output
def to_csv(result: ScoreResult, path: str | Path) -> None:
    """Write the flat results (one row per bid and lot) to ``path`` as UTF-8 CSV, atomically.
    A ``path`` that is one of the tender's inputs is a UsageError."""
    path = path_argument("path", path)
    never_over_the_tender(result.folder, path)
    hold_if_written_into(result, path)
    _write_atomically(path, csv_text(result).encode("utf-8"))


def write_outputs(
    result: ScoreResult,
    *,
    json_path: str | Path | None = None,
    csv_path: str | Path | None = None,
    report: bool = True,
    report_path: str | Path | None = None,
    public: bool = False,
    folder: str | Path | None = None,
    steps: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the files asked for, each atomically, and say what was written (one line each):
    JSON, CSV, and the Excel report (``report_path``, default
    ``<folder>/reports/<tender id>-evaluation.xlsx`` where ``folder`` defaults to the tender's
    own; with ``public`` the redacted report). ``steps`` is told as each file is started (the
    report of a thousand suppliers' bids takes about ten seconds). Two paths that are one file,
    or a path that is one of the tender's inputs, is a UsageError naming them, before anything
    is written. A file that cannot be written stops none of the others; OutputNotWritten is
    raised once every other is written (OutputsNotWritten, naming each, when more than one
    could not be).
    """
    _outputs_arguments("write_outputs", result, report, public, folder, steps)
    return list(
        writing_outputs(
            result,
            json_path=json_path,
            csv_path=csv_path,
            report=report,
            report_path=report_path,
            public=public,
            folder=folder,
            steps=steps,
        )
    )


def writing_outputs(
    result: ScoreResult,
    *,
    json_path: str | Path | None = None,
    csv_path: str | Path | None = None,
    report: bool = True,
    report_path: str | Path | None = None,
    public: bool = False,
    folder: str | Path | None = None,
    steps: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """:func:`write_outputs` one file at a time: yields each line as its file is written. A
    file that cannot be written (the report open in Excel) stops none of the others: each
    that can be is written and said, and then OutputNotWritten is raised for the one that
    could not be (OutputsNotWritten, naming each, for more)."""
    _outputs_arguments("writing_outputs", result, report, public, folder, steps)
    tell = steps or (lambda _text: None)
    if report and report_path is None:
        from tendereval.layout import default_report_path

        where = folder if folder is not None else result.folder
        if where is None:
            raise UsageError("give report_path: this tender was not loaded from a folder")
        report_path = default_report_path(where, result.plan.tender_id, public=public)
        report_named = "the report (report_path's default)"
    else:
        report_named = "report_path"
    if not report:
        report_path = None
    for name, given in (
        ("json_path", json_path),
        ("csv_path", csv_path),
        (report_named, report_path),
    ):
        if given is not None:  # (a number failed inside os.path, naming no argument)
            path_argument(name, given)
    one_file_each({"json_path": json_path, "csv_path": csv_path, report_named: report_path})
    never_over_the_tender(result.folder, json_path, csv_path, report_path)
    hold_if_written_into(result, json_path, csv_path, report_path)
    in_turn = WrittenInTurn()
    if json_path is not None:
        tell(f"Writing the results as JSON to {json_path}…")
        if in_turn.write(lambda: write_json(result, json_path)):
            yield f"Wrote the results as JSON to {json_path}"
    if csv_path is not None:
        tell(f"Writing the results as CSV to {csv_path}…")
        if in_turn.write(lambda: to_csv(result, csv_path)):
            yield f"Wrote the results as CSV to {csv_path}"
    if report:
        from tendereval.report.excel import write_report

        kind = "public (redacted) report" if public else "Excel evaluation report"
        tell(f"Writing the {kind} to {report_path}…")
        if in_turn.write(lambda: write_report(result, report_path, public=public)):
            yield f"Wrote the {kind} to {report_path}"
    in_turn.finish()
    from tendereval.earlier_outputs import out_of_date
    from tendereval.terminal import terminal_line

    # What an earlier run left in reports/ and no longer matches this award: said, not left
    # stale (names from files: made safe to print).
    for stale in out_of_date(result, [report_path]):
        yield terminal_line(f"warning: {stale}")


def _outputs_arguments(
    name: str, result: object, report: object, public: object, folder: object, steps: object
) -> None:
    """A notebook's slips in :func:`write_outputs`' arguments, each named: anything but a
    score result failed with "'Tender' object has no attribute 'folder'", steps=1 with "'int'
    object is not callable" once the first file was being written, and report="no" or
    public=5 (truthy) wrote the report, or the redacted one, unasked."""
    made_by(name, result, ScoreResult, "the result of tendereval.score(...)")
    yes_or_no("report", report)
    yes_or_no("public", public)
    if folder is not None:
        path_argument("folder", folder, "the tender folder (text or pathlib.Path), or None")
    progress_argument("steps", steps)


# --------------------------------------------------------------------------------------------
# Terminal


def _score(value: float | None) -> str:
    return "" if value is None else figure(value, 2, every_place=True)


def _total(value: float | None) -> str:
    """A total to the 4 decimal places it is compared in (as the report's format 0.0000 shows
    it): totals ranked apart never both read 69.14, nor 51.0850 as 51.085."""
    return "" if value is None else f"{rounded(value):.4f}"


def _money(value: float | None) -> str:
    return "" if value is None else pounds(value)


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


# The Supplier column's width: one bid's name of thousands of characters would otherwise widen
# every row of the lot. A longer name is cut short in the row and given in full beneath it.
NAME_WIDTH = 60
# The bids of a lot listed on the terminal, in the order of the ranking; more are counted, by
# status (a thousand suppliers' 7,444 bids were 16,000 lines). The report, --csv and --json
# list every bid with its reasons.
LISTED_PER_LOT = 50
# Beyond this, the name beneath a row is its start and its length (see terminal_line).
NAME_SHOWN_UP_TO = 800
# A bid's reasons, and its flags, listed beneath its row; more are counted.
LISTED_PER_BID = 8


@one_output
def render(result: ScoreResult) -> str:
    """The ranked table per lot with reasons and flags underneath, as plain text."""
    plan = result.plan
    weights = ", ".join(
        f"{k.replace('_', ' ')} {plan.pillar_weight(k):g}"
        for k in ("price", "quality", "social_value")
    )
    out = [
        f"{plan.title or plan.tender_id} ({plan.tender_id})"
        + (f" — {plan.buyer}" if plan.buyer else ""),
        f"Weights: {weights}. Price: {describe(plan)}",
    ]
    note = result.settings.get("sensitivity_note")
    if note and result.settings.get("sensitivity"):
        out.append(f"Robustness (Win %, tipping points): {note}.")
    # Each bid's flags and win probability, by lot and supplier (looked up row by row: a
    # join per lot was two polars calls per lot).
    messages = {
        (lot, supplier): found
        for lot, supplier, found in result.flags.group_by("lot", "supplier", maintain_order=True)
        .agg("message")
        .iter_rows()
    }
    probability = {
        (lot, supplier): p
        for lot, supplier, p in result.win_probability.select(
            "lot", "supplier", "probability"
        ).iter_rows()
    }
    names = _lot_names(result)
    award = result.award
    robustness = _Robustness(result)
    headers = [
        "Rank",
        "Supplier",
        "Status",
        "Total",
        "Price",
        "Quality",
        "Social value",
        "Evaluated price",
        "Win %",
    ]
    for lot, bids in result.results_by_lot().items():
        # A tender each, as every output counts them; a supplier's other returns for the lot
        # (one it replaced, or one beside it) are listed beneath.
        # The in-house comparator is no tender: it is counted apart ("and the in-house
        # comparator"), so the count of bids is the suppliers' tenders.
        comparators = bids.filter(~ANOTHER_RETURN & (pl.col("status") == "comparator")).height
        tenders = bids.filter(~ANOTHER_RETURN & (pl.col("status") != "comparator"))
        summary = _by_status(tenders.get_column("status"))
        count = f"{counted(tenders.height, 'bid')} ({summary})" if tenders.height else "no bids"
        if comparators:
            count += (
                " and the in-house comparator"
                if comparators == 1
                else f" and {comparators} in-house comparators"
            )
        also = _other_returns(bids.filter(ANOTHER_RETURN).get_column("status"))
        out += [
            "",
            lot_heading(lot, names.get(lot, "not in the plan"))
            + ": "
            + (f"{count}{also}" if bids.height else _no_bid(award.lots.get(lot))),
        ]
        rows = []
        notes: list[list[str]] = []  # the lines beneath each row
        listed = bids.head(LISTED_PER_LOT).with_columns(_another=ANOTHER_RETURN)
        for bid in listed.iter_rows(named=True):
            # A supplier's chance is its ranked tender's: not also on a return it withdrew.
            p = probability.get((lot, bid["supplier"])) if bid["rank"] is not None else None
            name = printable(bid["supplier"]) or "?"
            rows.append(
                [
                    str(bid["rank"]) if bid["rank"] is not None else "-",
                    cut(name, NAME_WIDTH),
                    bid["status"],
                    _total(bid["total"]),
                    _score(bid["price_score"]),
                    _score(bid["quality_score"]),
                    _score(bid["social_value_score"]),
                    _money(bid["evaluated_price"]),
                    "" if p is None else percent(p).removesuffix("%"),
                ]
            )
            rejected = (
                award.rejection_of(bid["supplier"], lot, bid["source"])
                if bid["status"] == "invalid" and bid["supplier"] is not None
                else None
            )
            if rejected is not None and rejected.file and bid["_another"]:
                rejected = None  # a return set aside beside the tender: its reason says so
            if rejected is not None and rejected.ground is not None:
                rejected = None  # disregarded on a ground: its reasons say so already
            notes.append(
                ([_name_in_full(name)] if len(name) > NAME_WIDTH else [])
                + _first_of(bid["reasons"], "- ", "reason")
                + ([f"- {_rejected_text(rejected)}"] if rejected else [])
                # A supplier's flags are its tender's: not repeated under its other return.
                + _first_of(
                    [] if bid["_another"] else messages.get((lot, bid["supplier"])) or [],
                    "! ",
                    "flag",
                )
            )
        table = _table(headers, rows, right={0, 3, 4, 5, 6, 7, 8})
        out += table[:2]
        for line, beneath in zip(table[2:], notes, strict=True):
            out.append(line)
            out += [f"        {note}" for note in beneath]
        if bids.height > LISTED_PER_LOT:
            by_status = _by_status(bids.slice(LISTED_PER_LOT).get_column("status"))
            out.append(
                f"  … and {bids.height - LISTED_PER_LOT:,} more bids in this lot ({by_status}): "
                "the report's Ranking sheet lists every bid with its reasons, as do --csv and "
                "--json"
            )
        out += _award_lines(award, lot)
        out += robustness.lines(lot, award.lots.get(lot))
    unplaced = result.results.filter(pl.col("lot").is_null())
    if unplaced.height:
        out += ["", "Bids not placed in any lot:"]
        for bid in unplaced.iter_rows(named=True):
            # invalid, unless its supplier withdrew it (or the buyer's record set it aside)
            out.append(f"  {bid['source'] or '?'} ({bid['status']}): {'; '.join(bid['reasons'])}")
            rejected = (
                award.rejection_of(bid["supplier"], None, bid["source"])
                if bid["status"] == "invalid" and bid["supplier"] is not None
                else None
            )
            if rejected is not None:  # (a blank return a supplier sent, say)
                out.append(f"    - {_rejected_text(rejected)}")
    general = result.flags.filter(pl.col("lot").is_null() & pl.col("supplier").is_null())
    if general.height:
        out += ["", "Other flags:"] + [f"  ! {m}" for m in general.get_column("message")]
    out += _to_moderate(result)
    # Names, reasons and file names come from the bids: shown escaped, never acted on.
    return "\n".join(terminal_line(line) for line in out) + "\n"


def _to_moderate(result: ScoreResult) -> list[str]:
    """Where to turn when evaluators' scores are far apart with no consensus yet: the
    moderation workbook lists every bid's questions with their scores, and marks these."""
    standing = result.results.filter(pl.col("status") != "withdrawn").select("lot", "supplier")
    waiting = result.moderation.filter(pl.col("discrepancy") & pl.col("consensus").is_null()).join(
        standing.unique(), on=["lot", "supplier"], how="semi", maintain_order="left"
    )
    if waiting.is_empty():
        return []
    folder = (
        shlex.quote(str(from_here(result.folder)))
        if result.folder is not None
        else "<tender folder>"
    )
    named = [
        f"{printable(supplier)}, lot {printable(lot)}, {printable(question)}"
        for supplier, lot, question in waiting.head(3).select("supplier", "lot", "question").rows()
    ]
    more = f" and {waiting.height - 3:,} more" if waiting.height > 3 else ""
    return [
        "",
        "Evaluators' scores are far apart, with no consensus yet, on "
        f"{counted(waiting.height, 'question')}: {'; '.join(named)}{more}. The moderation "
        "workbook lists every bid's questions with the evaluators' scores, and marks these:",
        f"  tendereval template moderation --tender {folder} -o moderation.xlsx",
    ]


def _name_in_full(name: str) -> str:
    """The line beneath a row whose supplier's name is cut short in it: the name in full, or,
    past what a terminal line holds, its start and its length (a name can fill a cell)."""
    if len(name) <= NAME_SHOWN_UP_TO:
        return f"name in full: {name}"
    return (
        f"name of {len(name):,} characters (the report's Ranking sheet and --json give it in "
        f"full): {cut(name, NAME_SHOWN_UP_TO)}"
    )


def _rejected_text(rejected: RecordedRejection) -> str:
    when = f" on {rejected.decided_on}" if rejected.decided_on else ""
    return f"rejected by the contracting authority{when} ({rejected.where or 'decisions'})"


def _first_of(texts: list[str], mark: str, what: str) -> list[str]:
    """A bid's reasons (or flags) beneath its row, the first :data:`LISTED_PER_BID` of them and
    a count of the rest: a bid return with 2,000 rows naming price items not in the plan was
    2,000 lines under its row."""
    if len(texts) <= LISTED_PER_BID:
        return [mark + text for text in texts]
    shown = texts[: LISTED_PER_BID - 1]
    rest = len(texts) - len(shown)
    sheet = "Ranking" if what == "reason" else "Flags"
    return [mark + text for text in shown] + [
        f"{mark}… and {counted(rest, f'more {what}')}: the report's {sheet} sheet and --json "
        "list every one"
    ]


def _other_returns(statuses: pl.Series) -> str:
    """The lot's other returns of suppliers already counted (``statuses``), in words: those
    replaced by a later one, and those beside another still to be chosen between."""
    replaced = int((statuses == "withdrawn").sum())
    further = statuses.len() - replaced
    said = ""
    if replaced:
        said += f", and {counted(replaced, 'bid return')} replaced by a later one from the "
        said += "same supplier"
    if further:
        said += f", and {counted(further, 'further bid return')} from a supplier that bid twice"
    return said


def _by_status(statuses: pl.Series) -> str:
    """How many bids have each status, the most first ("3 ranked, 1 invalid"); statuses as
    many as each other in the order the bids are listed."""
    counts = Counter(statuses.to_list())
    return ", ".join(f"{n:,} {status}" for status, n in counts.most_common())


def _no_bid(award: LotAward | None) -> str:
    """What a lot's heading says of a lot with no bid: "no bids", unless returns came that
    could not be read and placed in any lot, as the lot's award says (one may be for it)."""
    if award is not None and award.unplaced:
        returns = counted(award.unplaced, "bid return", "bid returns")
        return f"no bid placed in it ({returns} received could not be read and placed in any lot)"
    return "no bids"


def _award_lines(decision: AwardDecision, lot: str) -> list[str]:
    """The award decision for the lot, as every output states it."""
    award = decision.lots.get(lot)
    if award is None:
        return []
    # What the award waits on, then what only the assessment summaries wait on.
    # (And the errors the award does not wait on: the in-house comparator's own, and those of
    # a tender disqualified whatever they are put right to.)
    waiting = [
        f"  ! {why[:1].upper()}{why[1:]}."
        for _, why in (
            *decision.waiting(lot),
            *decision.not_explained(lot),
            *decision.not_waited_on(lot),
        )
    ]
    if award.awarded:
        how = "; ".join(award.reasons)
        held = decision.held_back
        return [
            f"  Proposed award: {award.supplier} ({how}).",
            *([f"  ! The award is {held}."] if held else []),
            *waiting,
        ]
    label = "Undecided" if award.outcome == "undecided" else "No award"
    return [f"  {label}: {'; '.join(award.reasons)}.", *waiting]


# A lot's award after a withdrawal that leaves it to nobody, in words (rank_reversal's
# outcome_after).
AFTER_WITHDRAWAL = {"undecided": "be undecided", "no_award": "have no award"}


class _Robustness:
    """The robustness lines of each lot: the win probabilities, tipping points and rank
    reversals split by lot once (filtering each per lot was four polars calls a lot)."""

    def __init__(self, result: ScoreResult) -> None:
        # Under a price method that uses quality points the figures are the library's
        # approximation (settings sensitivity_note, printed once above the lots).
        self.rough = " (approximate)" if result.settings.get("sensitivity_note") else ""
        self.win = _rows_by_lot(result.win_probability)
        self.tips = _rows_by_lot(
            result.tipping_points.filter(pl.col("change").is_not_null())
            .with_columns(distance=pl.col("change").abs())
            .sort("distance", "supplier", "pillar", maintain_order=True)
        )
        self.changed = _rows_by_lot(result.rank_reversal.filter(pl.col("changed")))

    def lines(self, lot: str, award: LotAward | None) -> list[str]:
        if award is not None and award.not_to_award:
            return []  # no award to be robust: the buyer decided not to award the lot
        lines = []
        rough = self.rough
        win = self.win.get(lot, [])
        first = award.first if award is not None else ()
        if len(win) > 1 and all(row["probability"] is not None for row in win) and len(first) == 1:
            # The share of weight draws in which the bid ranked first now stays first; a tie
            # for first has no such bid, so no line names one of the tied bids.
            top = next(row for row in win if row["supplier"] == first[0])
            after = (
                ""
                if award is None or award.supplier == first[0]
                else f" (the lot cap gives the award to {award.supplier or 'nobody yet'})"
            )
            lines.append(
                f"  Robustness: {top['supplier']}, ranked first, stays first in "
                f"{percent(top['probability'])} of {top['samples']:,} weight samples "
                f"(seed {top['seed']}){after}{rough}."
            )
        # A tender level on total with the proposed one (placed below by the plan's
        # tie-break) draws level at today's weights: "would draw level if the quality weight
        # moved from 6 to 6.00" said nothing. It is named as level; the nearest tipping point
        # is another's.
        level = award.level if award is not None else ()
        if level:
            lines.append(
                f"  Level on total: {', '.join(level)} (placed below by the plan's tie-break); "
                "the smallest change to the weights could put "
                + ("it" if len(level) == 1 else "one of them")
                + " first."
            )
        tip = next((t for t in self.tips.get(lot, []) if t["supplier"] not in level), None)
        # Under a lot cap that passes over the tender ranked first, the tipping points still
        # measure against that tender: say so, and that the award proposed is another's.
        passed = award.first_not_proposed if award is not None else None
        against = f" with {passed}, ranked first," if passed else ""
        capped = (
            f"; the lot cap proposes {award.supplier or 'nobody yet'}, so this is not a margin "
            "on the proposed award"
            if passed and award is not None
            else ""
        )
        if award is not None and award.tied_first and len(win) > 1:
            lines.append(f"  Nearest tipping point: {tied_first_text(len(award.first))}.")
        elif tip is not None:
            lines.append(
                f"  Nearest tipping point: {tip['supplier']} would draw level{against} if the "
                f"{tip['pillar'].replace('_', ' ')} weight moved from {tip['weight_now']:g} to "
                f"{tip['weight_to_win']:.2f} (others rescaled in proportion){capped}{rough}."
            )
        elif len(win) > 1 and not level:
            changed_what = f"which tender is ranked first ({passed})" if passed else "the winner"
            lines.append(
                f"  No single pillar weight between 0 and 100 changes {changed_what}"
                f"{capped}{rough}."
            )
        for row in self.changed.get(lot, []):
            before, winner = row["winner_before"], row["winner_after"]
            after = (
                f"{winner} would win instead of {before}"
                if winner is not None
                else f"the lot would {AFTER_WITHDRAWAL[row['outcome_after']]} instead of "
                f"going to {before}"
            )
            lines.append(f"  Rank reversal: if {row['removed']} withdrew, {after}.")
        return lines


def _rows_by_lot(frame: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """A frame's rows by their lot, in the frame's order."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in frame.iter_rows(named=True):
        rows.setdefault(row["lot"], []).append(row)
    return rows
