"""Tenders set aside by the buyer's record: ``[[rejection]]`` and ``[[withdrawal]]`` in
``decisions.toml``.

An input error makes the tender it is found in invalid, and holds the award back: the error
might be the inputs' (a score sheet typed wrongly, a file saved badly) and putting it right
could change the award. Where the error is the supplier's own (a price left "TBC", a form field
it did not fill in) and the buyer rejects the tender under its published rules, nothing can be
put right: the buyer records the rejection, with its reason, and that tender's errors no longer
hold the award back. The tender stays invalid, with its reasons, in every output.

Without a ground, a rejection confirms an invalidity; it never makes one. One naming a
supplier with no tender, or a tender that is not invalid (a ranked tender is set aside only on
a ground the law gives), is an error at its key, and the award is held back until it is put
right. A rejection on a ground disregards the tender when scoring (scoring/combine.py), as a
withdrawal does; here it settles that tender's errors if it is invalid anyway.

A withdrawal is applied when scoring, before any relative score is worked out (the tender is
``withdrawn`` in the results); here its tender's errors are settled too, and a withdrawal that
names no tender is an error: the tender the buyer meant is still ranked, and could be awarded.
A withdrawal naming a bid file withdraws that return only (one its supplier replaced with a
later return): the errors in that file are settled, never those of the return that stands. A
rejection naming a bid file beside another return of its supplier for the lot (a revised
return that came in after the deadline) sets that return aside likewise, and the other is the
tender; naming a supplier's only return, it is a rejection of the tender, checked as one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

import polars as pl

from tendereval.award.recorded import (
    DECISIONS_FILE,
    GROUNDS,
    Decisions,
    RecordedAward,
    RecordedClarification,
    RecordedExplanation,
    RecordedRejection,
    RecordedWithdrawal,
    ReturnsSetAside,
    as_compared,
    file_name,
)
from tendereval.errors import Problem, Severity
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import how_they_differ, skeleton, told_apart
from tendereval.io.nearest import Choices, bidder_names
from tendereval.wording import listed, number_word

# A bid return beside another of the same supplier for the same lot, after the one that
# says most of its tender (ranked, then disqualified, invalid, withdrawn): a return it
# replaced with a later one, or a second one the buyer has still to choose between. In the
# results and on the record, but not another tender: never counted as a bid received, nor
# listed again among the supplier's outcomes. The supplier is matched by supplier_key, as the
# loader matches a supplier's returns (a return typed "WEALD CARERS TRUST" is Weald's, and
# "STRASSE" is "Straße": lowercasing alone kept the two apart, counted as two bids).


def _keyed(names: pl.Series) -> pl.Series:
    """Each name's supplier key: worked out once for each distinct name."""
    distinct = names.unique().drop_nulls().to_list()
    keys = [supplier_key(name) for name in distinct]
    return names.replace_strict(distinct, keys, default=None, return_dtype=pl.String)


_SUPPLIER_KEY = pl.col("supplier").map_batches(_keyed, return_dtype=pl.String)
_SAYS_MOST = {"ranked": 0, "disqualified": 1, "invalid": 2, "withdrawn": 3}
# How the reason of a return the buyer's record sets aside by its file opens ("bid return
# bids/weald-v1.xlsx withdrawn by the supplier on …"): after its supplier's tender, whatever
# the tender's status (withdrawn outright since) and the order of the rows.
RETURN_SET_ASIDE = "bid return "
BY_ITS_FILE = (
    pl.col("reasons").list.first().str.starts_with(RETURN_SET_ASIDE).fill_null(False)
).cast(pl.Int64)
ANOTHER_RETURN = (
    pl.col("lot").is_not_null()
    & pl.col("supplier").is_not_null()
    & (
        (
            pl.col("status").replace_strict(_SAYS_MOST, default=4, return_dtype=pl.Int64)
            + 10 * BY_ITS_FILE
        )
        .rank("ordinal")
        .over("lot", _SUPPLIER_KEY)
        > 1
    )
)

# Each kind of record naming a tender: in words, in its problem's code, and its key naming
# the supplier.
_KINDS = {
    RecordedWithdrawal: ("withdrawal", "withdrawal", "supplier"),
    RecordedRejection: ("rejection", "rejection", "supplier"),
    RecordedExplanation: ("price explanation", "explanation", "supplier"),
    RecordedAward: ("decision", "decision", "award_to"),
}


@dataclass(frozen=True)
class SetAside:
    """The tenders records set aside: (supplier key, lot) pairs (lot None for a file that
    could not be read at all), the suppliers every tender of whom is set aside or was never
    open to the award, and the records applied."""

    tenders: frozenset[tuple[str, str | None]] = frozenset()
    whole: frozenset[str] = frozenset()
    records: tuple[RecordedRejection | RecordedWithdrawal, ...] = ()
    # The bid files withdrawn for every lot they price, as the results give them, and each
    # (file, lot) a file is withdrawn for.
    files: frozenset[str] = frozenset()
    file_lots: frozenset[tuple[str, str]] = frozenset()
    # The suppliers every tender of whom the records set aside (each lot of their bid).
    every: frozenset[str] = frozenset()

    def settles(self, problem: Problem) -> bool:
        """Whether ``problem`` is an error of a tender set aside (one naming no lot, of a
        supplier every tender of whom is set aside; one naming a lot the supplier has no
        tender for, a lot the plan does not have, once every tender of it is), or found in a
        bid return withdrawn (for the lot it names)."""
        if problem.file in self.files or (problem.file, problem.lot) in self.file_lots:
            return True
        if not problem.supplier:
            return False
        key = supplier_key(problem.supplier)
        if problem.lot:
            # Rows priced for a lot the plan does not have ("CBS" typed for "CSB") belong to
            # no other tender: the rejection or withdrawal of the whole bid settles them, or
            # they held the award back for good, saying to record what was recorded.
            return (key, problem.lot) in self.tenders or key in self.every
        return key in self.whole


def as_score_of(
    problems: list[Problem], evaluator_scores: pl.DataFrame, consensus: pl.LazyFrame | None = None
) -> list[Problem]:
    """``problems``, each one at an evaluator's score cell (or a consensus score's, among
    ``consensus``: source, cell, supplier, lot) given the tender that score is for (its
    ``supplier`` and ``lot``), so that it can be told apart as the error of a tender set
    aside: a score typed "4 - good" for a tender since withdrawn held the award back, saying
    putting it right could change the award (the tender's own errors did not). Only to be
    asked whether a record settles them: an error in a score sheet makes no bid invalid."""
    if not problems:
        return problems
    places = pl.DataFrame(
        {
            "order": range(len(problems)),
            "source": [p.file for p in problems],
            "cell": [" › ".join(part for part in (p.sheet, p.cell) if part) for p in problems],
        },
        schema={"order": pl.Int64, "source": pl.String, "cell": pl.String},
    )
    cells = evaluator_scores.select("source", "cell", "supplier", "lot")
    if consensus is not None:
        cells = pl.concat([cells, consensus.select(cells.columns).collect()])
    scored = places.join(cells.unique(["source", "cell"]), on=["source", "cell"], how="inner")
    found = {order: (supplier, lot) for order, _, _, supplier, lot in scored.iter_rows()}
    return [
        replace(p, supplier=found[i][0], lot=found[i][1]) if i in found and found[i][0] else p
        for i, p in enumerate(problems)
    ]


def rejected_tenders(
    results: pl.DataFrame,
    decisions: Decisions,
    in_error: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[SetAside, list[Problem]]:
    """The tenders ``decisions`` rejects among ``results``, and an error for each rejection
    that names no tender, or a tender that is not invalid. A tender disqualified whatever the
    errors in its own return are put right to (``in_error``: supplier key, lot) is rejected
    for them as an invalid one is: the buyer's record, made while they held the award back,
    still confirms them."""
    return _set_aside(
        _in_error_invalid(results, in_error), decisions, decisions.rejections, "invalid"
    )


def _in_error_invalid(results: pl.DataFrame, in_error: frozenset[tuple[str, str]]) -> pl.DataFrame:
    """``results`` with each tender of ``in_error`` (supplier key, lot) disqualified whatever
    the errors in its own return are put right to shown as invalid: what a rejection of it
    confirms."""
    if not in_error:
        return results
    tender = pl.concat_str([_SUPPLIER_KEY, pl.col("lot")], separator="\x00")
    named = [f"{key}\x00{lot}" for key, lot in in_error]
    return results.with_columns(
        status=pl.when((pl.col("status") == "disqualified") & tender.is_in(named))
        .then(pl.lit("invalid"))
        .otherwise("status")
    )


def set_aside_together(
    results: pl.DataFrame,
    rejected: SetAside,
    withdrawn: SetAside,
    in_error: frozenset[tuple[str, str]] = frozenset(),
) -> SetAside:
    """The tenders the rejections (those disregarding a tender on a ground among them) and
    the withdrawals set aside, as one: a supplier is wholly set aside when every tender of it
    is rejected, withdrawn or disregarded, in any mix (lot A rejected, lot B withdrawn). Each
    kind alone saw the supplier's other tender still open, so its rows for a lot the plan
    does not have (and its errors naming no lot) held the award back, naming nothing left
    to record. ``in_error`` is as :func:`rejected_tenders` has it."""
    confirmed = rejected.tenders | withdrawn.tenders
    # Only a supplier with tenders set aside by both kinds can be set aside by the mix: the
    # bids are read for those alone (none, with nothing recorded, as most files record).
    mixed = {key for key, _ in rejected.tenders} & {key for key, _ in withdrawn.tenders}
    rows = results.filter(_SUPPLIER_KEY.is_in(sorted(mixed))) if mixed else None
    tenders = _tenders(_in_error_invalid(rows, in_error)) if rows is not None else {}
    whole, every = _set_aside_wholly(tenders, confirmed)
    return SetAside(
        confirmed,
        rejected.whole | withdrawn.whole | whole,
        (*rejected.records, *withdrawn.records),
        rejected.files | withdrawn.files,
        rejected.file_lots | withdrawn.file_lots,
        rejected.every | withdrawn.every | every,
    )


def withdrawn_tenders(
    results: pl.DataFrame, decisions: Decisions
) -> tuple[SetAside, list[Problem]]:
    """The tenders withdrawn among ``results`` (scoring applied the withdrawals), and an error
    for each withdrawal that names no tender."""
    return _set_aside(results, decisions, decisions.withdrawals, "withdrawn")


def names_no_tender(
    decisions: Decisions, bids: pl.DataFrame, records: Iterable[Any] | None = None
) -> list[Problem]:
    """An error for each rejection, withdrawal, price explanation or decision (or each of
    ``records``) naming a supplier with no bid among ``bids`` (lot, supplier), or a lot it did
    not bid for: what ``validate`` can tell before scoring, and the award reports of a price
    explanation or a decision."""
    if records is None:
        records = (
            *decisions.rejections,
            *decisions.withdrawals,
            *decisions.price_explanations,
            *decisions.standing_awards,
        )
    records = tuple(records)
    if not records:  # (nearly always: then no bid is read, each in Python)
        return []
    tenders = _tenders(bids.with_columns(status=pl.lit("")))
    names = _bidders(bids)
    returns = _by_file(bids, records)
    files = _files(bids, returns)
    read = _read_returns(bids)
    return [
        wrong
        for record in records
        if (
            wrong := _no_file(record, files.get(id(record), {}), decisions.source, bids, returns)
            if getattr(record, "file", "")
            else _no_tender(
                record,
                tenders.get(supplier_key(_named(record)), {}),
                decisions.source,
                names,
                read,
            )
        )
        is not None
    ]


def naming_no_bid_return(
    decisions: Decisions, not_bids: dict[str, str], files: Iterable[str]
) -> tuple[Decisions, list[Problem]]:
    """``decisions`` without the withdrawals and rejections naming a workbook in bids/ that
    is no bid return (``not_bids``: each such file → what it is, "an evaluator's score
    sheet"), and an error at each: there is no tender to set aside, and the file's own error
    (move it to its folder) holds the award until it is moved. Recorded as a rejected tender,
    a score sheet saved in bids/ let the award be made with that evaluator's scores never
    read. ``files``: every workbook in bids/, so that a record names the one file it means."""
    records = (*decisions.withdrawals, *decisions.rejections)
    if not not_bids or not any(record.file for record in records):
        return decisions, []
    returns = ReturnsSetAside(records, files)
    named = {
        id(record): (file, what)
        for file, what in not_bids.items()
        for record in returns.naming(file)
    }
    if not named:
        return decisions, []
    problems = []
    for record in records:
        if id(record) not in named:
            continue
        file, what = named[id(record)]
        kind = "withdrawal" if isinstance(record, RecordedWithdrawal) else "rejection"
        problems.append(
            Problem(
                f"the {kind} names {file}, which is {what} saved in bids/, not a tender: there "
                f"is no tender to {'withdraw' if kind == 'withdrawal' else 'reject'}, so it was "
                "not applied",
                file=decisions.source,
                cell=f"{record.where}.supplier" if record.where else kind,
                found=record.file,
                expected=f"no {kind}: move the file to the folder its own error names, where it "
                f"is read, and take this record out of {DECISIONS_FILE}",
                code=f"decisions.{kind}_not_a_bid",
                lot=record.lot,
            )
        )
    return replace(
        decisions,
        withdrawals=tuple(r for r in decisions.withdrawals if id(r) not in named),
        rejections=tuple(r for r in decisions.rejections if id(r) not in named),
    ), problems


def of_the_comparator(
    results: pl.DataFrame,
    records: Iterable[RecordedRejection | RecordedWithdrawal],
    files: Iterable[str] | None = None,
) -> list[RecordedRejection | RecordedWithdrawal]:
    """The ``records`` naming the in-house comparator (a row of ``results`` with status
    ``comparator``: lot, supplier, source), by its name or its return's file, for a lot it
    covers. The comparator is no tender, so nothing of them is applied: scoring leaves the
    comparator as it is, and the award neither settles nor checks anything by them.
    ``files``: every bid file, when ``results`` does not hold every bid (which of two files
    alike a record names is told among them all)."""
    records = tuple(records)
    if not records:
        return []
    rows = results.filter(pl.col("status") == "comparator").select("lot", "supplier", "source")
    names = {(supplier_key(supplier), lot) for lot, supplier, _ in rows.iter_rows() if supplier}
    returns = ReturnsSetAside(records, _sources(results) if files is None else files)
    by_file = {
        id(record)
        for lot, _, source in rows.iter_rows()
        for record in returns.naming(source)
        if record.covers(lot)
    }
    return [
        record
        for record in records
        if (
            id(record) in by_file
            if record.file
            else any(
                key == supplier_key(record.supplier) and record.covers(lot) for key, lot in names
            )
        )
    ]


def comparator_set_aside(
    decisions: Decisions, results: pl.DataFrame, files: Iterable[str] | None = None
) -> list[Problem]:
    """A warning for each rejection or withdrawal naming the in-house comparator (among
    ``results``: lot, supplier, source, status; ``files``: every bid file, when ``results``
    does not hold every bid), which is not applied: the in-house team's return is no tender,
    so there is no tender to reject or withdraw; it is scored only so the market can be
    compared with it, and is never ranked or awarded."""
    return [
        Problem(
            f"the {kind} of {record.file or record.supplier} names the buyer's own in-house "
            f"team, whose return is the comparator, not a tender: there is no tender to "
            f"{'reject' if kind == 'rejection' else 'withdraw'}, so it was not applied",
            file=decisions.source,
            cell=f"{record.where}.supplier" if record.where else kind,
            found=record.file or record.supplier,
            expected="a supplier with a tender, or no record: the comparator is never ranked "
            "or awarded, so nothing needs setting aside",
            code=f"decisions.{kind}_of_comparator",
            severity=Severity.WARNING,
            lot=record.lot,
        )
        for record in of_the_comparator(
            results, (*decisions.withdrawals, *decisions.rejections), files
        )
        for kind in ["withdrawal" if isinstance(record, RecordedWithdrawal) else "rejection"]
    ]


def set_aside_rows(rows: pl.DataFrame, decisions: Decisions) -> pl.DataFrame:
    """(row, withdrawn, rejected) for each of ``rows`` (row, skey: the supplier key, source,
    lot) that is not evaluated as a tender: ``withdrawn``, the reason the results give a tender
    (or bid return) a withdrawal covers; ``rejected``, that of a bid return a rejection names
    by its file beside the return that stands (:meth:`ReturnsSetAside.aside`). The one rule
    for which rows are set aside, read by scoring and by the templates that list bids."""
    records = [
        (supplier_key(w.supplier), w.lot, withdrawal_text(w))
        for w in decisions.withdrawals
        if not w.file
    ]
    by_supplier = covered(rows, ["row"], records, "withdrawn").with_columns(
        rejected=pl.lit(None, dtype=pl.String)
    )
    # A return named by its file: its own rows only, never its supplier's other returns.
    by_file = pl.DataFrame(
        [
            (row, withdrawal_text(record, source), None)
            if isinstance(record, RecordedWithdrawal)
            else (row, None, rejection_text(record, source))
            for row, source, record, aside in named_returns(rows, decisions)
            if aside
        ],
        schema={"row": rows.schema["row"], "withdrawn": pl.String, "rejected": pl.String},
        orient="row",
    )
    # A supplier's withdrawal before a file's, where both cover a tender; a return rejected
    # beside the tender stays rejected when the supplier withdraws the tender since.
    rejected = by_file.filter(pl.col("rejected").is_not_null())
    return pl.concat([rejected, by_supplier, by_file]).unique(
        "row", keep="first", maintain_order=True
    )


def named_returns(
    rows: pl.DataFrame, decisions: Decisions
) -> list[tuple[int, str, RecordedWithdrawal | RecordedRejection, bool]]:
    """(row, source, record, aside) for each of ``rows`` (row, skey, source, lot) in a bid
    return a withdrawal or rejection names by its file, covering its lot: ``aside`` when the
    return is not its supplier's tender for the lot (:meth:`ReturnsSetAside.aside`), else the
    record is of the tender that return makes. Only the rows of suppliers whose returns are
    named are looked at: thousands of bids, a handful of records. ``rows`` hold every bid
    return's (which of two files alike a record names is told among them all)."""
    returns = ReturnsSetAside((*decisions.withdrawals, *decisions.rejections), _sources(rows))
    if not returns:
        return []
    sources = [s for s in rows.get_column("source").unique().to_list() if returns.naming(s)]
    if not sources:
        return []
    # A supplier's returns (by key; a file naming nobody is a return of its own).
    who = pl.coalesce("skey", pl.col("source"))
    named = rows.filter(pl.col("source").is_in(sources)).select(who).to_series()
    mine = rows.filter(who.is_in(named.implode())).select("row", "source", "lot", who.alias("who"))
    suppliers: dict[str, dict[str, list[tuple[int, str | None]]]] = {}
    for row, source, lot, key in mine.iter_rows():
        suppliers.setdefault(key, {}).setdefault(source, []).append((row, lot))
    out = []
    for files in suppliers.values():
        aside = returns.aside((source, [lot for _, lot in held]) for source, held in files.items())
        for source, held in files.items():
            for row, lot in held:
                record = aside.get((source, lot))
                if record is not None:
                    out.append((row, source, record, True))
                elif covering := [r for r in returns.naming(source) if r.covers(lot)]:
                    out.append((row, source, covering[0], False))
    return out


def tender_rejections(rows: pl.DataFrame, decisions: Decisions) -> list[RecordedRejection]:
    """The rejections naming a bid return by its file that are of its supplier's tender (the
    return is the one that stands for the lot), each as a rejection of that supplier's tender
    for that lot: applied as the supplier's name would be. ``rows`` (source, lot, supplier)
    carry what :func:`set_aside_rows` found (``withdrawn``, ``rejected``): a return it did not
    set aside stands, so the rule is not worked out twice."""
    returns = ReturnsSetAside((r for r in decisions.rejections if r.file), _sources(rows))
    if not returns:
        return []
    # (Only the rows of the files named: thousands of bids, a handful of records.)
    named = [s for s in rows.get_column("source").unique().to_list() if returns.naming(s)]
    standing = rows.filter(
        pl.col("source").is_in(named) & pl.col("withdrawn").is_null() & pl.col("rejected").is_null()
    )
    return [
        replace(covering[0], supplier=supplier, lot=lot, file="")
        for source, supplier, lot in standing.select("source", "supplier", "lot").iter_rows()
        if supplier is not None
        and (covering := [r for r in returns.naming(source) if r.covers(lot)])
    ]


def covered(
    frame: pl.DataFrame, keys: list[str], records: list[tuple[str, str | None, str]], name: str
) -> pl.DataFrame:
    """(``keys``…, ``name``) for each row of ``frame`` (with skey, the supplier key, and lot)
    that a record covers, with the text of the first recorded: a record (supplier key, lot or
    None for every lot, text) covers its supplier's tender for that lot. The one rule for
    which tenders a withdrawal, a disregard or a price explanation is about."""
    schema = {"_r_skey": pl.String, "_r_lot": pl.String, name: pl.String}
    made = pl.DataFrame(records, schema=schema, orient="row")
    return (
        frame.filter(pl.col("skey").is_not_null())
        .select(*dict.fromkeys([*keys, "skey", "lot"]))
        .join(made, left_on="skey", right_on="_r_skey")
        .filter(pl.col("_r_lot").is_null() | (pl.col("_r_lot") == pl.col("lot")))
        .group_by(keys, maintain_order=True)
        .agg(pl.col(name).first())  # the first recorded, where two cover one tender
    )


def rejection_text(rejection: RecordedRejection, source: str) -> str:
    """The reason of a bid return a rejection names by its file, set aside beside the return
    that stands: what the buyer decided, when, why, and where it is recorded."""
    on = f" on {rejection.decided_on}" if rejection.decided_on else ""
    because = f" because {GROUNDS[rejection.ground]}" if rejection.ground else ""
    how = "disregarded" if rejection.ground else "rejected"
    return (
        f"{RETURN_SET_ASIDE}{source} {how} by the contracting authority{on}{because}: "
        f"{rejection.reason} ({DECISIONS_FILE} › {rejection.where or 'rejection'})"
    )


def withdrawal_text(withdrawal: RecordedWithdrawal, source: str | None = None) -> str:
    """A withdrawn tender's reason in the results: when, and where it is recorded (and the bid
    return, ``source``, when the record names its file)."""
    what = f"{RETURN_SET_ASIDE}{source} " if source else ""
    return (
        f"{what}withdrawn by the supplier on {withdrawal.withdrawn_on} "
        f"({DECISIONS_FILE} › {withdrawal.where or 'withdrawal'})"
    )


def _tenders(results: pl.DataFrame) -> dict[str, dict[str | None, str]]:
    """Supplier key → lot → status: a tender's, not that of a return set aside beside the
    one that stands (its supplier replaced it, or the buyer rejected it)."""
    tenders: dict[str, dict[str | None, str]] = {}
    if "reasons" in results.columns:  # (results: the bids frame has none set aside yet)
        results = results.filter(~ANOTHER_RETURN)
    for lot, supplier, state in results.select("lot", "supplier", "status").iter_rows():
        if supplier is not None:
            lots = tenders.setdefault(supplier_key(supplier), {})
            if lots.get(lot) in (None, "withdrawn"):
                lots[lot] = state
    return tenders


def _sources(rows: pl.DataFrame) -> list[str]:
    """Each bid file of ``rows`` (with source), once."""
    return rows.get_column("source").drop_nulls().unique(maintain_order=True).to_list()


def _by_file(results: pl.DataFrame, records: Iterable[Any]) -> ReturnsSetAside:
    """The withdrawals and rejections of ``records`` naming a bid file, each matched to the
    one file of ``results`` it means."""
    return ReturnsSetAside((r for r in records if getattr(r, "file", "")), _sources(results))


def _files(results: pl.DataFrame, returns: ReturnsSetAside) -> dict[int, dict[str, bool]]:
    """For each withdrawal or rejection naming a bid file (by ``id``): each file of
    ``results`` it names → whether it covers a row of that file (the lot it names, or every
    lot)."""
    found: dict[int, dict[str, bool]] = {}
    if not returns:
        return found
    for source, lot in results.select("source", "lot").iter_rows():
        for record in returns.naming(source):
            files = found.setdefault(id(record), {})
            files[source] = files.get(source, False) or record.covers(lot)
    return found


def _read_returns(results: pl.DataFrame) -> dict[str, tuple[str, str]]:
    """Each bid file that was read, by its stem (as a record naming it has it) → the file and
    its supplier: a record naming one is told whose it is."""
    rows = results.filter(pl.col("supplier").is_not_null() & pl.col("lot").is_not_null())
    return {
        as_compared(PurePosixPath(file).stem): (file, supplier)
        for file, supplier in rows.select("source", "supplier").unique().iter_rows()
        if file
    }


def _bidders(results: pl.DataFrame) -> Choices:
    """The bidders' names, for the nearest to a name typed in decisions.toml (looked up for
    the first few that match nobody: a file of thousands of slips stays quick)."""
    return bidder_names(results.get_column("supplier").drop_nulls())


def _set_aside(
    results: pl.DataFrame,
    decisions: Decisions,
    records: tuple[RecordedRejection, ...] | tuple[RecordedWithdrawal, ...],
    status: str,
) -> tuple[SetAside, list[Problem]]:
    if not records:
        return SetAside(), []
    source = decisions.source
    tenders, names, read = _tenders(results), _bidders(results), _read_returns(results)
    returns = _by_file(results, records)
    files = _files(results, returns)
    of_tenders = _tenders_named_by_file(results, decisions) if status == "invalid" else {}
    confirmed: set[tuple[str, str | None]] = set()
    problems: list[Problem] = []
    accepted: list[RecordedRejection | RecordedWithdrawal] = []
    comparator = {id(record) for record in of_the_comparator(results, records)}
    for record in records:
        if id(record) in comparator:  # no tender: warned of (comparator_set_aside)
            continue
        if record.file:
            # A rejection naming the return that stands is of its supplier's tender: checked
            # as one naming the supplier is (it confirms an invalidity, never makes one).
            lots = of_tenders.get(id(record), {})
            wrong = _no_file(record, files.get(id(record), {}), source, results, returns) or (
                _not_invalid(record, {lot: state for lot, (_, state) in lots.items()}, source)
                if lots
                else None
            )
            if wrong is not None:
                problems.append(wrong)
                continue
            confirmed |= {
                (key, lot)
                for lot, (key, state) in lots.items()
                if state in _set_aside_as(record, status)
            }
            accepted.append(record)
            continue
        key = supplier_key(record.supplier)
        lots = tenders.get(key, {})
        wrong = _no_tender(record, lots, source, names, read) or _not_invalid(record, lots, source)
        if wrong is not None:
            problems.append(wrong)
            continue
        chosen = [record.lot] if record.lot is not None else list(lots)
        confirmed |= {(key, lot) for lot in chosen if lots[lot] in _set_aside_as(record, status)}
        accepted.append(record)
    # A bid return withdrawn by its file: the tenders only it made (a file that could not be
    # read, or a supplier's one return) are set aside; one replaced by a later return is not
    # its supplier's tender, which the later return makes. (A rejection's are above.)
    by_file = ReturnsSetAside((record for record in accepted if record.file), _sources(results))
    named = {
        file
        for record in accepted
        if record.file
        for file, covers in files.get(id(record), {}).items()
        if covers
    }
    # Only the lots a record covers: a rejection of a file's lot A settles nothing of its B.
    every = results.filter(pl.col("source").is_in(named)).select(
        "source", "lot", "supplier", "status"
    )
    rows = [
        (file, lot, supplier, state)
        for file, lot, supplier, state in every.iter_rows()
        if any(record.covers(lot) for record in by_file.naming(file))
    ]
    file_lots = {(file, lot) for file, lot, _, state in rows if state == status}
    for _, lot, supplier, state in rows:
        key = supplier_key(supplier) if supplier is not None else None
        if (
            status == "withdrawn"
            and state == status
            and key is not None
            and tenders.get(key, {}).get(lot) == status
        ):
            confirmed.add((key, lot))
    # Its errors are settled once every row of the file is set aside (none for a lot the
    # record did not name).
    withdrawn_files = named - {
        file for file, lot, _, _ in every.iter_rows() if (file, lot) not in file_lots
    }
    # Errors naming no lot make every tender of the supplier invalid: settled once each of
    # them is set aside (a withdrawn or ranked tender is not invalid).
    whole, every = _set_aside_wholly(tenders, confirmed)
    settled = frozenset(withdrawn_files)
    return SetAside(
        frozenset(confirmed), whole, tuple(accepted), settled, frozenset(file_lots), every
    ), problems


def _tenders_named_by_file(
    results: pl.DataFrame, decisions: Decisions
) -> dict[int, dict[str | None, tuple[str, str]]]:
    """For each rejection naming a bid return by its file that stands as its supplier's
    tender (by ``id``): each lot of it → (supplier key, the tender's status)."""
    if not any(r.file for r in decisions.rejections):
        return {}
    keys = {s: supplier_key(s) for s in results.get_column("supplier").drop_nulls().unique()}
    rows = results.with_row_index("row").with_columns(
        skey=pl.col("supplier").replace_strict(keys, default=None, return_dtype=pl.String)
    )
    found: dict[int, dict[str | None, tuple[str, str]]] = {}
    named = {row: record for row, _, record, aside in named_returns(rows, decisions) if not aside}
    picked = rows.filter(pl.col("row").is_in(list(named)) & pl.col("skey").is_not_null())
    for row, key, lot, state in picked.select("row", "skey", "lot", "status").iter_rows():
        if isinstance(named[row], RecordedRejection):
            found.setdefault(id(named[row]), {})[lot] = (key, state)
    return found


def _named(record: Any) -> str:
    """The supplier a record names (a decision's ``award_to``, the others' ``supplier``)."""
    return getattr(record, _KINDS[type(record)][2])


def _no_tender(
    record: Any,
    lots: dict[str | None, str],
    source: str,
    bidders: Choices,
    read: dict[str, tuple[str, str]] | None = None,
) -> Problem | None:
    """Why ``record`` names no tender (no bid from its supplier, or none for its lot), or
    None. The nearest name among the bids is suggested: a name typed short ("Meridian Care
    Group" for "Meridian Care Group plc") is the likeliest slip. A record naming the file of
    a return that was read (``read``: each such file's stem → the file, its supplier) is told
    whose it is."""
    what, code, key = _KINDS[type(record)]
    supplier = _named(record)
    not_applied = "so no tender was set aside" if what == "withdrawal" else "so it was not applied"
    if not lots and isinstance(supplier, str) and as_compared(supplier) in (read or {}):
        file, bidder = (read or {})[as_compared(supplier)]
        return Problem(
            f"the {what} names the bid return {file}, which was read: it is {bidder}'s, "
            + not_applied,
            file=source,
            cell=f"{record.where}.{key}" if record.where else what,
            found=file,
            expected=f"the supplier's name ({bidder}), with the lot if not every lot"
            + (
                "; only a withdrawal or a rejection names a return by its file"
                if what not in ("withdrawal", "rejection")
                else ""
            ),
            code=f"decisions.{code}_unknown",
        )
    if not lots:
        near = bidders.nearest(supplier)
        return Problem(
            f"the {what} names {supplier}, who has no tender in this evaluation, " + not_applied,
            file=source,
            cell=f"{record.where}.{key}" if record.where else what,
            found=supplier,
            expected="the supplier's name as its bid gives it (case and spacing do not matter)"
            + (
                f": {near}?"
                if near
                # The likeliest reason a withdrawal finds no bid: the file was taken out.
                else "; a withdrawn tender's bid stays in bids/, on the record"
                if what == "withdrawal"
                else ""
            ),
            code=f"decisions.{code}_unknown",
        )
    if record.lot is None or record.lot in lots:
        return None
    return Problem(
        f"the {what} names a lot {supplier} did not bid for, " + not_applied,
        file=source,
        cell=f"{record.where}.lot" if record.where else what,
        found=f"no tender for lot {record.lot}; it bid for {_lots(lots)}",
        expected="a lot the supplier bid for"
        + (", or no lot for every lot of its bid" if what != "decision" else ""),
        code=f"decisions.{code}_unknown",
    )


def _no_file(
    record: RecordedWithdrawal | RecordedRejection,
    found: dict[str, bool],
    source: str,
    results: pl.DataFrame,
    returns: ReturnsSetAside,
) -> Problem | None:
    """Why a withdrawal or rejection naming a bid file names none in bids/, or more than one
    (``returns``: which it means), or a lot it does not price, or None (``found``: each file
    it names → whether the file prices its lot). A file of ``results`` whose name looks the
    same as the one named is shown with the characters that tell them apart."""
    what, code, _ = _KINDS[type(record)]
    not_applied = "so no tender was set aside" if what == "withdrawal" else "so it was not applied"
    if meant := returns.unclear(record):
        return names_more_than_one(record, meant, what, not_applied, source, code)
    if any(found.values()):
        return None
    if found:
        return Problem(
            f"the {what} names lot {record.lot} of the bid return {record.file}, which does "
            f"not price it, {not_applied}",
            file=source,
            cell=f"{record.where}.lot" if record.where else what,
            found=f"lot {record.lot}",
            expected="a lot the return prices, or no lot for every lot it prices",
            code=f"decisions.{code}_unknown",
        )
    alike = _looks_the_same(record.file, results)
    return Problem(
        f"the {what} names the bid file {record.file}, which is not among the bid returns in "
        f"bids/, {not_applied}"
        + (f"; {alike} looks the same but is written with other characters" if alike else ""),
        file=source,
        cell=f"{record.where}.supplier" if record.where else what,
        found=how_they_differ(record.file, alike) if alike else record.file,
        expected="the file of a bid return in bids/ as score lists it (bids/<name>.xlsx); a "
        f"{'withdrawn' if what == 'withdrawal' else 'rejected'} return stays in bids/, on the "
        "record",
        code=f"decisions.{code}_unknown",
    )


def names_more_than_one(
    record: RecordedWithdrawal | RecordedRejection | RecordedClarification,
    meant: list[str],
    what: str,
    not_applied: str,
    source: str,
    code: str,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """The problem at a record naming a bid file that could be any of the files ``meant``:
    their names differ only in capitals, or in how an accented letter is stored, and the
    record gives neither letter for letter (:func:`files_meant`). Each is named, with what
    tells them apart: applied to all, a withdrawal of a supplier's first return withdrew its
    revised one too."""
    meant = sorted(meant)  # (as the loader lists a supplier's returns: capitals first)
    apart = told_apart(meant)
    return Problem(
        f"the {what} names the bid file {record.file}, which could be "
        f"{'either' if len(meant) == 2 else 'any'} of {number_word(len(meant))} bid returns "
        f"in bids/ ({listed(meant)}{'; ' + apart if apart else ''}), {not_applied}",
        file=source,
        cell=f"{record.where}.supplier" if record.where else what,
        found=record.file,
        expected="the file of the one bid return meant, exactly as score lists it: in its "
        "capitals, and copied from the list rather than typed where an accented letter is "
        "stored differently",
        code=f"decisions.{code}_unclear",
        severity=severity,
    )


def _looks_the_same(named: str, results: pl.DataFrame) -> str | None:
    """The bid file of ``results`` whose name looks the same on screen as the file ``named``
    but for a letter outside plain ASCII (a Cyrillic "а", a zero-width space), if one does."""
    looks = skeleton(file_name(named))
    return next(
        (
            file
            for file in sorted(results.get_column("source").drop_nulls().unique())
            if skeleton(file_name(file)) == looks and not (named + file).isascii()
        ),
        None,
    )


def _set_aside_as(record: RecordedRejection | RecordedWithdrawal, status: str) -> tuple[str, ...]:
    """The statuses of the tenders ``record`` sets aside: a rejection on a ground the law
    gives disregards a tender the plan ranks (scoring shows it disqualified, "disregarded by
    the contracting authority"), so its errors, a score sheet's among them, can change no
    award; it held the award back on a score typed "4 - good" for it."""
    if isinstance(record, RecordedRejection) and record.ground is not None:
        return (status, "disqualified")
    return (status,)


def _not_invalid(
    record: RecordedRejection | RecordedWithdrawal, lots: dict[str | None, str], source: str
) -> Problem | None:
    """Why a rejection names no tender that is invalid, or None (a withdrawal, or a rejection
    on a ground, applies to any tender: scoring set it aside)."""
    if isinstance(record, RecordedWithdrawal) or record.ground is not None:
        return None
    asked: Iterable[str | None] = [record.lot] if record.lot is not None else lots
    # A tender withdrawn since its rejection was recorded is out already: nothing to undo.
    if any(lots.get(lot) in ("invalid", "withdrawn") for lot in asked):
        return None
    # A supplier's only return, named by its file, is its tender.
    whose = f"the bid return {record.file}" if record.file else f"{record.supplier}'s tender"
    return Problem(
        f"the rejection of {whose} names no tender that is invalid, so it was not applied",
        file=source,
        cell=f"{record.where}.supplier" if record.where else "rejection",
        found="; ".join(f"lot {lot}: {lots[lot]}" for lot in asked if lot is not None),
        expected="a rejection of a tender the inputs make invalid (its reasons say why), which "
        "it confirms; a tender the plan ranks is disregarded only on a ground the law gives: "
        'add ground = "abnormally_low" (with queried_on), "excluded_supplier", '
        '"excludable_supplier", "conditions_of_participation", "requirements_not_met" or '
        '"procedural_breach"',
        code="decisions.rejection_not_invalid",
    )


def _lots(lots: dict[str | None, str]) -> str:
    return ", ".join(sorted(lot for lot in lots if lot is not None)) or "no lot"


def _set_aside_wholly(
    tenders: dict[str, dict[str | None, str]], confirmed: Collection[tuple[str, str | None]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The suppliers whose every invalid tender is set aside, at least one of them (errors
    naming no lot are then settled), and those whose every tender is set aside."""
    whole = frozenset(
        key
        for key, lots in tenders.items()
        if all((key, lot) in confirmed or state != "invalid" for lot, state in lots.items())
        and any((key, lot) in confirmed for lot in lots)
    )
    every = frozenset(
        key
        for key, lots in tenders.items()
        if lots and all((key, lot) in confirmed for lot in lots)
    )
    return whole, every
