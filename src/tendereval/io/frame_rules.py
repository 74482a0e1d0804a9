"""The loaders' rules for values, applied to frames handed in.

A workbook's score of 3.7 on a scale of whole points, a yearly uplift of 300%, or a declaration
answering 'declared' that names no supplier is reported by the loader at its cell; the same
value in a frame (``Tender.from_frames``, or ``tender.scores = …`` in a notebook) was scored
without a word, and a second score by the same evaluator for the same question counted
twice. :func:`as_loaded` applies the loader's own rules (``Scale.allows`` and ``snap``,
``bid_rules.uplift_allowed``, the words in ``score_rules``) so both paths give the same scores
and the same problems: a score off its scale and a second score for the same question are
left out; a bid with an unusable uplift is invalid and
shows no price; a declaration that contradicts itself, or names a supplier that did not
bid, is reported, and so is a score for a supplier, lot or question that is not there (or
for a lot its supplier did not bid for), a unit rate for a lot or item the plan does not
have or a second one for the same item (the first kept, the bid's lot invalid), a price
item a bid gives no unit rate for, a bids row that cannot be placed as a bid (no supplier or
lot, a lot not in the plan, a second row for one supplier and lot), a lot of the plan no
bid is for, a social
value commitment for a lot or supplier that is not there, or one given twice (both count,
with a warning), a measure listed twice in the proxy value table (a commitment's measure is
matched to the table ignoring case and spacing, as the loader matches it), a package offer the
loader would leave out, a share of the work outside 0% to 100%, a consortium member's or
subcontractor's SME or VCSE answer that its own row in ``suppliers`` says otherwise (the row's
status counts), one company number, charity number or PPON on the ``suppliers`` rows of two
suppliers (or two under one supplier's name), a contact email or PPON a summary must give
left null on a ``suppliers`` row, a second declaration for one evaluator, a row with no key
(a consensus score with no question, a commitment or a proxy value with no measure: the
loader's blank cell), a declaration with no answer, a reason beside a blank score or
consensus score (or only who moderated a consensus row), a declaration naming its
evaluator with the words of the scores' name in another order (theirs, as on the
consolidated form), or a column the frame does not have. (A consensus score with no
reason is used and its bid flagged, ``moderation.no_reason``, as scoring always did for a
frame.) What the loaders already
dealt with (a score or uplift left null, a declaration reported for its file) is not reported
twice.
"""

from __future__ import annotations

import copy
import difflib
import re
from functools import partial

import polars as pl

from tendereval.award.recorded import Decisions
from tendereval.award.set_aside import set_aside_rows
from tendereval.errors import Problem, Severity
from tendereval.io import frames as F
from tendereval.io.bid_rules import (
    COMMITMENT_LOT_NOT_BID,
    COMMITMENT_UNKNOWN_LOT,
    LOTS_UNKNOWN,
    NOT_ENTERPRISES,
    PRICE_UNKNOWN_ITEM,
    PRICES_UNKNOWN_LOT,
    SUMMARY_DETAILS,
    detail_missing,
    detail_not_read,
    duplicate_item,
    far_above_estimate,
    lots_without_bids,
    missing_item,
    package_rule,
    priced_at_nothing,
    rate_expected,
    read_detail,
    repeated_commitment,
    same_lots_at_other_prices,
    separated_otherwise,
    separators_in,
    share_out_of_range,
    share_totals_over_100,
    shares_over_100,
    shares_over_100_count_in_none,
    summary_detail_owed,
    uplift_allowed,
    uplift_out_of_range,
)
from tendereval.io.cells import show
from tendereval.io.checking import fold
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import skeleton
from tendereval.io.nearest import bidder_names, plan_lots, plan_questions
from tendereval.io.one_organisation import one_status
from tendereval.io.other_registration import other_registrations_in_frame
from tendereval.io.proxies import measure_ids, measure_twice, table_measure
from tendereval.io.same_registration import same_registrations_in_frame
from tendereval.io.score_rules import (
    conflict_answer,
    consensus_left_blank,
    declaration_fault,
    declared_conflicts,
    declared_in_another_order,
    declared_person,
    duplicate_consensus,
    duplicate_score,
    group_question,
    lookalike_evaluator,
    lot_not_bid,
    name_order,
    nameless_declaration,
    not_none_or_declared,
    not_on_scale,
    not_scored_because,
    not_scored_by_evaluators,
    not_to_score,
    out_of_scale,
    reason_alone,
    same_evaluator,
    second_declaration,
    second_score,
    set_aside_as,
    set_aside_by_supplier,
    unknown_group,
    unknown_question,
)
from tendereval.io.supplier_rows import org_types_as_read, rows_for_no_bidder
from tendereval.io.undeclared import evaluators_not_declared
from tendereval.plan import Plan, sme_against_figures, turnover_too_low
from tendereval.slips import TIMES_ESTIMATE
from tendereval.tender import Tender
from tendereval.terminal import SHOWS_NOTHING, shows_nothing
from tendereval.wording import pounds


def as_loaded(
    tender: Tender,
    distinct: dict[str, pl.Series] | None = None,
    numbered: dict[str, pl.Series] | None = None,
) -> Tender:
    """``tender`` as the loaders would have given it: the same object when every value keeps
    their rules (as every loaded tender's do), else a copy (the caller's tender is not
    changed) with the values they leave out null, the second scores they leave out dropped,
    and a problem for each, named as the loaders name it. ``distinct``: the distinct values
    of the scores' supplier, lot, question and evaluator columns, and ``numbered``: each
    row's number in those columns (equal numbers for equal texts, null for null), when
    scoring has them already."""
    problems: list[Problem] = _columns_not_read(tender)
    renamed = _declared_in_another_order(tender, problems, distinct)
    # One evaluator declared in two files, the name written two ways: one evaluator's scores.
    spellings = _one_name_each(tender.declarations)
    if spellings:
        scores = tender.scores if renamed is None else renamed
        renamed = scores.with_columns(pl.col("evaluator").replace(spellings))
    if renamed is not None:
        # The scores count under their declaration's name, as the loader reads them: the
        # caller's tender is not changed, and the names scoring found are no longer these.
        tender = copy.copy(tender)
        object.__setattr__(tender, "scores", renamed)
        distinct = numbered = None
    for name in ("scores", "moderation"):
        problems += _scores_for_what_is_not_there(
            tender, name, distinct if name == "scores" else None
        )
    frames: dict[str, pl.DataFrame] = {}
    for name in ("scores", "moderation"):
        given = (distinct, numbered) if name == "scores" else (None, None)
        checked = _one_of_each(getattr(tender, name), name, problems, *given)
        if checked is not None:
            frames[name] = checked
        if name == "moderation":
            # A consensus left blank is one given blank, not one off its scale (3.5 on whole
            # points), left out just below with its own error, as the workbook's would be.
            consensus_given = frames.get(name, tender.moderation)
        checked = _scores_on_their_scales(tender, frames.get(name), name, problems)
        if checked is not None:
            frames[name] = checked
    problems += _keys_given(tender, distinct)
    problems += _scores_for_lots_not_bid(tender, distinct)
    problems += _groups_as_declared(tender)
    problems += _bids_as_placed(tender)
    problems += _lots_not_bid_for(tender)
    problems += _prices_for_what_is_not_there(tender)
    problems += _rates_against_estimates(tender)
    problems += _uplifts_unknown(tender, [*tender.problems, *problems])
    prices = tender.prices
    for rule in (_one_price_each, _uplifts_in_range, partial(_volumes_as_given, tender.plan)):
        changed = rule(prices, problems)
        prices = prices if changed is None else changed
    if prices is not tender.prices:
        frames["prices"] = prices
    problems += _rates_given(tender, prices, [*tender.problems, *problems])
    problems += _proxy_table_given(tender)
    proxies = _one_proxy_each(tender.proxies, problems)
    if proxies is not None:
        frames["proxies"] = proxies
    commitments = _measures_as_listed(tender.commitments, frames.get("proxies", tender.proxies))
    if commitments is not None:
        frames["commitments"] = commitments
    problems += _commitments_for_what_is_not_there(tender)
    problems += _repeated_commitments(tender, frames.get("commitments", tender.commitments))
    for name in ("packages", "supply_chain"):
        split = _lots_separated_otherwise(tender, name, problems)
        if split is not None:
            # The rules below read the lots as the loader gives them (its copy, not the
            # caller's): "ASH, CAN" is lots ASH and CAN.
            tender = copy.copy(tender)
            object.__setattr__(tender, name, split)
            frames[name] = split
    packages = _packages_as_offered(tender, problems)
    if packages is not None:
        frames["packages"] = packages
    chain = _shares_in_range(tender, problems)
    if chain is not None:
        frames["supply_chain"] = chain
    chain = _one_status_each(tender, frames.get("supply_chain", tender.supply_chain), problems)
    if chain is not None:
        frames["supply_chain"] = chain
    org_types = org_types_as_read(tender, problems)
    if org_types is not None:
        # The rules below, and scoring, read the types as the loader gives them (its copy).
        tender = copy.copy(tender)
        object.__setattr__(tender, "suppliers", org_types)
        frames["suppliers"] = org_types
    problems += rows_for_no_bidder(tender)
    problems += other_registrations_in_frame(tender.suppliers)
    problems += same_registrations_in_frame(tender.suppliers)
    problems += _turnovers_in_scale(tender)
    problems += _sme_as_given(tender)
    details = _summary_details_as_read(tender, problems)
    if details is not None:
        frames["suppliers"] = details
    # (On the answers as given: one _conflicts_as_read cannot read it leaves null.)
    problems += _declarations_answered(tender, tender.declarations)
    read = _conflicts_as_read(tender, problems)
    if read is not None:
        # The rules below read the answers as the loader gives them (its copy, not the caller's).
        tender = copy.copy(tender)
        object.__setattr__(tender, "declarations", read)
        frames["declarations"] = read
    declarations = _one_declaration_each(tender, problems)
    if spellings:  # under the first's name once its warning is given under its own
        kept = tender.declarations if declarations is None else declarations
        declarations = kept.with_columns(pl.col("evaluator").replace(spellings))
    if declarations is not None:
        frames["declarations"] = declarations
    declared = tender.declarations if declarations is None else declarations
    scores = _reasons_beside_blank_scores(
        tender, frames.get("scores", tender.scores), declared, problems
    )
    if scores is not None:
        frames["scores"] = scores
    problems += _consensus_left_blank(tender, consensus_given)
    problems += evaluators_not_declared(tender, declared, distinct)
    problems += _declarations_faults(tender, declared)
    problems += _lookalike_evaluators(tender, distinct)
    problems += _conflicts_with_no_bidder(tender, declared)
    if renamed is not None:
        frames.setdefault("scores", renamed)
    if not problems and not frames:
        return tender
    loaded = copy.copy(tender)
    for name, frame in frames.items():
        object.__setattr__(loaded, name, frame)  # conformed already: only values changed
    object.__setattr__(loaded, "problems", [*tender.problems, *problems])
    return loaded


def _declared_in_another_order(
    tender: Tender, problems: list[Problem], distinct: dict[str, pl.Series] | None = None
) -> pl.DataFrame | None:
    """The scores with each evaluator who has no declaration under their name, and whom one
    declaration names as the same person written another way ("Okafor, Tom", "Dr Tom Okafor"
    for the scores' "Tom Okafor"), under that declaration's name, with the loader's warning at the
    declaration (``declaration.name_order``); None when there is none such. The consolidated
    form's rule (io/matrix, :func:`score_rules.declared_in_another_order`): by the name
    alone, Tom's scores were left out as undeclared (``missing_declaration = "exclude"``).
    ``distinct``: the distinct values of the scores' columns, when scoring has them."""
    scores, declarations = tender.scores, tender.declarations
    if scores.is_empty() or declarations.is_empty():
        return None
    seen = distinct.get("evaluator") if distinct is not None else None
    names = (seen if seen is not None else scores.get_column("evaluator").unique()).drop_nulls()
    scored: dict[str, str] = {}
    for name in names.to_list():
        if not shows_nothing(name):
            scored.setdefault(fold(name), name)
    declared: dict[str, tuple[str, dict[str, str]]] = {}
    rows = _numbered(declarations).select("evaluator", "source", "_at").iter_rows(named=True)
    for row in rows:
        name = row["evaluator"]
        if name and not shows_nothing(name):
            declared.setdefault(fold(name), (name, _where(row, "declarations")))
    matched = declared_in_another_order(scored, {k: n for k, (n, _) in declared.items()})
    if not matched:
        return None
    # Where the scores first name each evaluator matched, for the warning to say.
    firsts = (
        _numbered(scores.select("evaluator", "source", "cell"))
        .filter(pl.col("evaluator").is_not_null())
        .unique("evaluator", keep="first", maintain_order=True)
    )
    spellings = {}
    for scored_key, declared_key in matched.items():
        name, where = declared[declared_key]
        first = next(r for r in firsts.iter_rows(named=True) if fold(r["evaluator"]) == scored_key)
        problems.append(
            Problem(
                **name_order(first["evaluator"], _shown_at(_where(first, "scores")), name),
                **where,
            )
        )
        spellings.update({spelling: name for spelling in _scored_spellings(firsts, scored_key)})
    return scores.with_columns(pl.col("evaluator").replace(spellings))


def _scored_spellings(firsts: pl.DataFrame, key: str) -> list[str]:
    """Every spelling of the evaluator ``key`` (:func:`fold`) among the scores' names."""
    return [n for n in firsts.get_column("evaluator").to_list() if fold(n) == key]


def _reasons_beside_blank_scores(
    tender: Tender, scores: pl.DataFrame, declarations: pl.DataFrame, problems: list[Problem]
) -> pl.DataFrame | None:
    """The scores with each row giving a reason and no score listed as the loader lists it,
    with its problem (:func:`score_rules.reason_alone`): an error (``score.missing``) where
    the evaluator meant to score the row; a warning, and why it is not counted, for a tender
    the buyer's record sets aside; nothing but why, for a supplier the evaluator declared a
    conflict with. None when no row needs it. A row the loader read and reported is not
    reported again (one set aside when read says so already: ``found``, ``set_aside_because``)."""
    blank = pl.col("score").is_null() & pl.col("found").is_null()
    # The reasons looked at only where the score is blank: a million reasons are not.
    rows = (
        _numbered(scores)
        .filter(blank & pl.col("set_aside_because").is_null())
        .filter(~pl.col("reason").fill_null("").str.contains(SHOWS_NOTHING))
    )
    if rows.is_empty():
        return None
    conflicts = declared_conflicts(
        declarations.select("evaluator", "conflicted_suppliers").iter_rows()
    )
    set_aside = partial(set_aside_as, _set_aside_by_supplier(tender))
    reported = _rows_reported(tender)
    because: dict[int, str] = {}
    for row in rows.iter_rows(named=True):
        where = _where(row, "scores")
        if _row_at(where) in reported:
            continue
        evaluator, supplier, lot = row["evaluator"] or "", row["supplier"], row["lot"]
        why = (
            not_to_score(evaluator, supplier, lot, conflicts, set_aside)
            if supplier and lot
            else None
        )
        words = reason_alone(evaluator, supplier, why)
        if words is not None:
            problems.append(Problem(**words, **where))
        said = not_scored_because(evaluator, supplier, why)
        if said is not None:
            because[row["_at"]] = said
    if not because:
        return None
    given = pl.DataFrame(
        {"_at": list(because), "_why": list(because.values())},
        schema={"_at": pl.UInt32, "_why": pl.String},
    )
    return (
        _numbered(scores)
        .join(given, on="_at", how="left", maintain_order="left")
        .with_columns(set_aside_because=pl.coalesce("_why", "set_aside_because"))
        .drop("_at", "_why")
    )


def _consensus_left_blank(tender: Tender, moderation: pl.DataFrame) -> list[Problem]:
    """The loader's problem (:func:`score_rules.consensus_left_blank`) for each consensus
    row with no score that says the panel moderated it: its reason written, or, with no
    reason either, who moderated it (``moderation.no_score``; a warning for a tender the
    buyer's record sets aside). A row the loader read and reported is not reported again:
    it keeps a consensus it could not use (typed as words, with no reason) with no score."""
    given = ~pl.col("reason").fill_null("").str.contains(SHOWS_NOTHING)
    named = ~pl.col("moderator").fill_null("").str.contains(SHOWS_NOTHING)
    rows = _numbered(moderation).filter(pl.col("score").is_null() & (given | named))
    if rows.is_empty():
        return []
    set_aside = partial(set_aside_as, _set_aside_by_supplier(tender))
    reported = _rows_reported(tender)
    problems = []
    for row in rows.iter_rows(named=True):
        where = _where(row, "moderation")
        if _row_at(where) in reported:
            continue
        supplier, lot = row["supplier"], row["lot"]
        why = set_aside(supplier, lot) if supplier and lot else None
        reason = not shows_nothing(row["reason"] or "")
        words = (
            consensus_left_blank(supplier, why, _CONSENSUS_TO_TYPE)
            if reason
            else consensus_left_blank(supplier, why, moderator=row["moderator"])
        )
        problems.append(Problem(**words, **where))
    return problems


# What to type beside the panel's reason, for a frame: whether every evaluator gave the same
# is for the loader's words to say (it reads the score sheets first).
_CONSENSUS_TO_TYPE = (
    "the consensus score the panel agreed, as its reason gives it; if the panel kept the "
    "evaluators' scores, their score where every evaluator gave the same"
)


def _set_aside_by_supplier(tender: Tender) -> dict[str, list]:
    """The buyer's records naming a supplier's tender as set aside (withdrawals and
    rejections), by supplier key, as the loader reads a blank score beside them."""
    decisions = tender.decisions
    return set_aside_by_supplier([*decisions.withdrawals, *decisions.rejections])


def _rows_reported(tender: Tender) -> set[tuple[str, str, str]]:
    """The rows (file, sheet, row) of the files the loader read that it reported a problem
    on: a frame's row there was read and said already (its consensus with no reason, said at
    the reason's cell, is no consensus left blank)."""
    return {(p.file, p.sheet, _row_number(p.cell)) for p in tender.problems if p.cell}


def _row_at(where: dict[str, str]) -> tuple[str, str, str]:
    """The file, sheet and row of a frame's row placed at ``where`` (:func:`_where`)."""
    sheet, _, ref = where["cell"].rpartition(" › ")
    return where["file"], sheet, _row_number(ref)


def _row_number(ref: str) -> str:
    """The row a cell names: 9 for D9 and E9, and for ``row 9, column score`` and ``row 9,
    column reason`` of a CSV file."""
    found = re.match(r"row (\d+)", ref) or re.search(r"(\d+)$", ref)
    return found.group(1) if found else ref


def _columns_not_read(tender: Tender) -> list[Problem]:
    """A warning for each column a frame was given that is none of its own (left out when the
    frame was set: ``Tender.unread_columns``), naming the frame's column nearest to it, as a
    form's column that is not the template's is the loader's warning (``table.unknown_column``).
    ``grp`` for ``group`` left an evaluator group's scores counted as the main panel's without
    a word. (A column named as the frame's but for capitals and spaces is read as it.)"""
    problems = []
    for name, columns in tender.unread_columns().items():
        known = list(F.SCHEMAS[name])
        for column in columns:
            near = difflib.get_close_matches(column.strip().lower(), known, n=1, cutoff=0.5)
            listed = ", ".join(known)
            expected = (
                f"'{near[0]}' if these are its values (the nearest of the frame's columns: "
                f"{listed}), or the column dropped"
                if near
                else f"one of the frame's columns ({listed}), or the column dropped"
            )
            problems.append(
                Problem(
                    f"the {name} frame's column {column!r:.60} is not one of its columns, so "
                    "its values are not read",
                    found=f"{column:.60}",
                    expected=expected,
                    code="frame.unknown_column",
                    severity=Severity.WARNING,
                    file=f"{name} frame",
                )
            )
    return problems


def _where(row: dict, frame: str) -> dict[str, str]:
    # A frame built by hand has no source: the problem names the frame, and the row when it
    # was numbered (``_at``, see _numbered), as a bids row's problem names it.
    at = None if row.get("source") else row.get("_at")
    return {
        "file": row.get("source") or f"{frame} frame",
        "cell": row.get("cell") or ("" if at is None else f"row {at}"),
    }


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each row's number (from 1) in ``_at``, for :func:`_where` to name it."""
    return frame.with_row_index("_at", offset=1)


def _shown_at(where: dict[str, str]) -> str:
    """The place a problem at ``where`` shows (``Problem.where``). A frame's cell column holds
    ``Scores › F17`` where the loader's problem has sheet ``Scores`` and cell ``F17``: compared
    as shown, the loader's problem is found, where compared cell with cell it never was, and
    each score a group does not give, or for a lot not bid, was warned of twice."""
    return " › ".join(filter(None, where.values()))


def _one_of_each(
    frame: pl.DataFrame,
    name: str,
    problems: list[Problem],
    distinct: dict[str, pl.Series] | None = None,
    numbered: dict[str, pl.Series] | None = None,
) -> pl.DataFrame | None:
    """The scores with only the first of each evaluator's (or, for consensus scores, the
    panel's) for a supplier, lot and question: a second is left out with a problem, as the
    loader leaves it out (a second evaluator's score is kept listed, its score null, with the
    value as typed and why, as the loader lists it). Evaluators are matched as the loader
    matches them (io.checking.fold), suppliers as scoring matches them (a second score for
    "WEALD CARERS TRUST" was averaged in with the first for Weald Carers Trust).
    ``distinct`` and ``numbered``: the frame's distinct values and each row's number in its
    text columns, when scoring has them already (see :func:`as_loaded`)."""
    keys = ["supplier", "lot", "question"]
    distinct = distinct or {}
    spellings = {"supplier": _supplier_keys(frame, distinct.get("supplier"))}
    numbers = None
    frame = _numbered(frame)  # (put back in order by it, and named by it: _where)
    if name == "scores":
        keys.insert(0, "evaluator")
        evaluators = distinct.get("evaluator")
        spellings["evaluator"] = {
            text: fold(text)
            for text in (
                _distinct(frame, "evaluator")
                if evaluators is None
                else evaluators.drop_nulls().to_list()
            )
        }
        if numbered is not None and all(k in numbered for k in keys):
            numbers = [numbered[k] for k in keys]
        # A score set aside already (the loader's second score) is listed, never a repeat.
        standing = frame.get_column("set_aside_because").is_null()
        aside = frame.filter(~standing)
        if aside.height:
            frame = frame.filter(standing)
            numbers = numbers and [n.filter(standing) for n in numbers]
    found = _repeats(
        frame, name, keys, spellings, first={"_first": pl.col("score")}, numbers=numbers
    )
    if found is None:
        return None
    kept, seconds = found
    because = []
    for row in seconds.iter_rows(named=True):
        at = row["_first_at"]
        if name == "scores":
            key = (row["evaluator"], row["supplier"], row["lot"], row["question"])
            words = duplicate_score(key, _shown(row["score"]), _shown(row["_first"]), at)
            source = row["source"] or f"{name} frame"
            because.append(second_score(row["evaluator"] or "", at, source))
        else:
            words = duplicate_consensus((row["supplier"], row["lot"], row["question"]), at)
        problems.append(Problem(**words, **_where(row, name)))
    if name != "scores":
        return kept.drop("_at")
    # As the loader gives it: the second score listed as typed, not counted, saying why.
    seconds = seconds.with_columns(
        found=pl.Series(
            [None if v is None else show(v) for v in seconds["score"]], dtype=pl.String
        ),
        set_aside_because=pl.Series(because, dtype=pl.String),
        score=pl.lit(None, pl.Float64),
    )
    return pl.concat([kept, seconds.select(kept.columns), aside]).sort("_at").drop("_at")


def _one_price_each(prices: pl.DataFrame, problems: list[Problem]) -> pl.DataFrame | None:
    """The prices with only the first unit rate for a supplier, lot and price item: a second
    is left out with the loader's error (``price.duplicate_item``), so the bid's lot is
    invalid, as from a bid return. From a frame the two rates were added up without a word
    (a row pasted twice doubled a price). Suppliers are matched as scoring matches them."""
    keys = ["supplier", "lot", "item"]
    found = _repeats(prices, "prices", keys, {"supplier": _supplier_keys(prices)})
    if found is None:
        return None
    kept, seconds = found
    for row in seconds.iter_rows(named=True):
        words = duplicate_item(row["item"], row["lot"], row["_first_at"])
        problems.append(
            Problem(
                words.pop("message"),
                **words,
                supplier=row["supplier"],
                lot=row["lot"],
                **_where(row, "prices"),
            )
        )
    return kept


def _measures_as_listed(commitments: pl.DataFrame, proxies: pl.DataFrame) -> pl.DataFrame | None:
    """The commitments with each measure named as the proxy value table names it, matched
    as the loader matches a bid return's (``proxies.table_measure``: case and spacing
    ignored), or None when each is already. From a frame, 'sv-job-local' or 'SV-JOB-LOCAL '
    was not found in the table and the commitment counted for nothing, which changed the
    award. A measure the table does not list is left as given (scoring flags it)."""
    if commitments.is_empty() or proxies.is_empty():
        return None
    ids = measure_ids(_distinct(proxies, "measure"))
    given = _distinct(commitments, "measure")
    renamed = {m: t for m in given if (t := table_measure(m, ids)) is not None and t != m}
    if not renamed:
        return None
    return commitments.with_columns(pl.col("measure").replace(renamed))


def _repeated_commitments(tender: Tender, commitments: pl.DataFrame) -> list[Problem]:
    """The loader's warning for each measure a supplier commits again for the same lot
    (``commitments.repeated``): both lines count, as from a bid return, and the officer is
    asked to check. From a frame a row pasted twice doubled the commitment without a word.
    One the loader reported already (at the same place) is not reported twice.
    ``commitments``: the tender's, with its measures as the table names them."""
    keys = ["supplier", "lot", "measure"]
    # A blank lot is a commitment for every lot: a key of its own, as the loader sees it.
    found = _repeats(
        commitments,
        "commitments",
        keys,
        {"supplier": _supplier_keys(commitments)},
        required=["supplier", "measure"],
    )
    if found is None:
        return []
    reported = {(p.code, p.where) for p in tender.problems}
    problems = []
    for row in found[1].iter_rows(named=True):
        where = _where(row, "commitments")
        if ("commitments.repeated", _shown_at(where)) in reported:
            continue
        words = repeated_commitment(row["measure"], row["lot"], row["_first_at"])
        problems.append(
            Problem(
                words.pop("message"),
                **words,
                found=show(row["units"]) if row["units"] is not None else "",
                severity=Severity.WARNING,
                **where,
            )
        )
    return problems


def _proxy_table_given(tender: Tender) -> list[Problem]:
    """The loader's error (``proxies.missing``) when the plan names a proxy value table and
    the tender has none: from a frame, left out, every commitment was worth £0 with only a
    warning on each, and the award was ready to go out. A table the loader reported (not
    found, or listing no measure) is not reported again."""
    plan = tender.plan
    if plan is None or not plan.social_value.proxy_table or not tender.proxies.is_empty():
        return []
    if any(p.code.startswith("proxies.") and p.is_error for p in tender.problems):
        return []
    name = plan.social_value.proxy_table
    return [
        Problem(
            f"the social value proxy value table named in the plan ({name}) was not given, "
            "so no commitment can be valued",
            file="proxies frame",
            found="no proxies frame, or an empty one",
            expected=f"the table as a proxies frame (load_tender reads {name} into "
            "tender.proxies), or a plan that names no table if it scores no commitments",
            code="proxies.missing",
        )
    ]


def _one_proxy_each(proxies: pl.DataFrame, problems: list[Problem]) -> pl.DataFrame | None:
    """The proxy value table with each measure once, matched ignoring case and spaces as the
    loader matches them: a second is left out with the loader's error (``proxies.duplicate``).
    From a frame the second was passed over without a word (and "sv-app" beside "SV-APP"
    stayed as a measure of its own)."""
    if proxies.height < 2:
        return None
    spellings = {"measure": {text: fold(text) for text in _distinct(proxies, "measure")}}
    found = _repeats(proxies, "proxies", ["measure"], spellings)
    if found is None:
        return None
    kept, seconds = found
    for row in seconds.iter_rows(named=True):
        words = measure_twice()
        problems.append(
            Problem(words.pop("message"), found=row["measure"], **words, file="proxies frame")
        )
    return kept


def _lots_separated_otherwise(
    tender: Tender, name: str, problems: list[Problem]
) -> pl.DataFrame | None:
    """The ``packages`` or ``supply_chain`` frame (``name``) with each item of a list of lots
    that is several of the plan's lots separated otherwise ("ASH, CAN", "ASH/CAN", "ASH +
    CAN") read as those lots, with the loader's warning (``lot.separated_otherwise``); None
    when there is none such. The bid loader's rule for its lots cell
    (:func:`bid_rules.separated_otherwise`): from a frame a package of "ASH, CAN" was left
    out for a lot not in the plan, and a subcontractor's share of it counted in no lot. Lots
    are the plan's ids, as a frame gives them; an item with a part that is none stays as it
    is, and is reported as a lot not in the plan."""
    plan, frame = tender.plan, getattr(tender, name)
    if plan is None or frame.is_empty():
        return None
    ids = set(plan.lot_ids)
    listed = frame.get_column("lots").to_list()
    unknown = {lot for lots in listed for lot in lots or [] if lot not in ids}
    split: dict[str, list[str]] = {}
    for text in unknown:  # each on its own, as each row's cell is read on its own
        split |= separated_otherwise([text], lambda part: part if part in ids else None) or {}
    if not split:
        return None
    reported = {(p.code, p.file, p.cell) for p in tender.problems}
    rows = []
    for at, (row, lots) in enumerate(zip(frame.iter_rows(named=True), listed, strict=True), 1):
        given = [lot for lot in lots or [] if lot in split]
        if not given:
            rows.append(lots)
            continue
        read = list(dict.fromkeys(part for lot in lots for part in split.get(lot, [lot])))
        rows.append(read)
        where = _where({**row, "_at": at}, name)
        if ("lot.separated_otherwise", where["file"], where["cell"]) in reported:
            continue
        problems.append(
            Problem(
                f"the lots are separated by {separators_in(given)} inside one item of the "
                f"list, not given as an item each, and are read as {'; '.join(read)}",
                found=", ".join(repr(lot) for lot in lots),
                expected="each lot id an item of the list of lots (nothing to do if these are "
                "the lots meant)",
                code="lot.separated_otherwise",
                severity=Severity.WARNING,
                supplier=row["supplier"],
                **where,
            )
        )
    return frame.with_columns(pl.Series("lots", rows, dtype=pl.List(pl.String)))


def _packages_as_offered(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The package offers the loader would keep, with its problem for each it leaves out: a
    package with no name, a second of the same name from one supplier, one naming a lot the
    plan does not have, fewer than two lots, or no price above £0; and one from a supplier
    that did not bid (a frame's own slip: a bid return's packages are its supplier's). A
    package naming a lot its supplier did not bid for alone is kept, with the loader's
    warning. From a frame, a package of one lot at £1,000 won that lot in ``allocate``, two
    packages of one name became one offer naming lots twice, and one for lot ZZZ was
    dropped, each without a word. Lots are the plan's ids, as a frame gives them."""
    plan, packages = tender.plan, tender.packages
    if plan is None or packages.is_empty():
        return None
    bidders = _distinct(tender.bids, "supplier")
    by_key = {supplier_key(b): b for b in bidders}
    lots_bid, lot_ids = _lots_bid(tender), set(plan.lot_ids)
    seen: set[tuple[str, str]] = set()
    kept: list[bool] = []
    offered: list[tuple[int, dict, str, dict[str, str]]] = []  # each row, as read
    # A loaded tender's packages were read by these rules: their warnings are given already.
    reported = {(p.code, p.file, p.lot) for p in tender.problems}
    for number, row in enumerate(packages.iter_rows(named=True), start=1):
        where = _where(row, "packages")
        name = (row["package"] or "").strip()
        label = name or f"package at {where['file']} › {where['cell'] or f'row {number}'}"
        key = supplier_key(row["supplier"]) if row["supplier"] else ""
        lots = list(dict.fromkeys(row["lots"] or []))
        unknown = [lot for lot in lots if lot not in lot_ids]
        price = row["price"]
        found: list[tuple[dict[str, str], str]] = []
        if key not in by_key:
            words = {
                "message": "a package offer from a supplier that did not submit a bid",
                "expected": bidder_names(bidders).expected(row["supplier"]),
                "code": "package.unknown_supplier",
            }
            found.append((words, row["supplier"] or ""))
        if not name:
            found.append((package_rule("package.no_name"), "a blank cell"))
        elif (key, fold(name)) in seen:
            found.append((package_rule("package.duplicate"), name))
        seen.add((key, fold(name or label)))
        if unknown:
            words = {"message": LOTS_UNKNOWN, "code": "lot.unknown"}
            found.append(
                ({**words, "expected": plan_lots(plan).expected(unknown[0])}, ", ".join(unknown))
            )
        elif len(lots) < 2:
            found.append((package_rule("package.too_few_lots"), ", ".join(lots) or "no lots"))
        if price is None or priced_at_nothing(price):
            shown = "no price" if price is None else pounds(price)
            found.append((package_rule("package.price_not_positive"), shown))
        if not found:
            not_bid = [lot for lot in lots if lot not in lots_bid.get(key, set())]
            if not_bid:
                found.append((package_rule("package.lot_not_bid"), ", ".join(not_bid)))
        for words, shown in found:
            warning = words["code"] == "package.lot_not_bid"
            if (words["code"], where["file"], label) in reported:
                continue
            problems.append(
                Problem(
                    **words,
                    found=shown,
                    severity=Severity.WARNING if warning else Severity.ERROR,
                    supplier=row["supplier"],
                    lot=label,
                    **where,
                )
            )
        kept.append(not found or found[0][0]["code"] == "package.lot_not_bid")
        offered.append((number - 1, row, label, where))
    _same_lots_twice([o for o in offered if kept[o[0]]], kept, reported, problems)
    if all(kept):
        return None
    return packages.filter(pl.Series(kept))


def _same_lots_twice(
    offered: list[tuple[int, dict, str, dict[str, str]]],
    kept: list[bool],
    reported: set[tuple[str, str, str]],
    problems: list[Problem],
) -> None:
    """The loader's error at each package of a supplier for exactly the lots of another of
    its packages at another price (bid_rules.same_lots_at_other_prices), and neither kept."""
    refused = same_lots_at_other_prices(
        [
            (row["supplier"], label, row["lots"], row["price"], where["cell"] or f"row {at + 1}")
            for at, row, label, where in offered
        ]
    )
    for at, words in refused.items():
        number, row, label, where = offered[at]
        kept[number] = False
        if (words["code"], where["file"], label) not in reported:
            problems.append(Problem(**words, supplier=row["supplier"], lot=label, **where))


def _distinct(frame: pl.DataFrame, column: str) -> list[str]:
    return frame.get_column(column).drop_nulls().unique().to_list()


def _supplier_keys(frame: pl.DataFrame, names: pl.Series | None = None) -> dict[str, str]:
    """{each supplier name in the frame: its key}, as scoring matches suppliers."""
    given = _distinct(frame, "supplier") if names is None else names.drop_nulls().to_list()
    return {name: supplier_key(name) for name in given}


def _repeats(
    frame: pl.DataFrame,
    name: str,
    keys: list[str],
    spellings: dict[str, dict[str, str]],
    *,
    required: list[str] | None = None,
    first: dict[str, pl.Expr] | None = None,
    numbers: list[pl.Series] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """The rows of ``frame`` whose ``keys`` an earlier row has, or None when there are none:
    ``(the frame without them, them)``, each repeat with where its first row is (``_first_at``)
    and the ``first`` row's columns. A key in ``spellings`` is read through it (two spellings of
    one name are one key); rows missing one of the ``required`` keys (all, unless given) are
    never repeats. ``numbers``: each key's rows numbered (equal numbers for equal texts, null
    for null), when the caller has them."""
    if frame.is_empty():
        return None
    if _surely_one_of_each(frame, keys, spellings, required, numbers):
        return None
    read = {f"_{k}": pl.col(k).replace_strict(spellings[k], default=None) for k in spellings}
    keyed = [f"_{k}" if k in spellings else k for k in keys]
    complete = pl.all_horizontal(
        pl.col(f"_{k}" if k in spellings else k).is_not_null() for k in required or keys
    )
    marked = frame.with_columns(**read).with_columns(
        _second=complete & ~pl.struct(keyed).is_first_distinct()
    )
    if not marked.get_column("_second").any():
        return None
    firsts = marked.filter(complete & ~pl.col("_second")).select(
        *keyed, _first_at=_place(name, frame), **(first or {})
    )
    # A key left blank (a commitment for every lot) is a key like any other here.
    seconds = marked.filter("_second").join(
        firsts, on=keyed, how="left", maintain_order="left", nulls_equal=True
    )
    return marked.filter(~pl.col("_second")).drop(*read, "_second"), seconds


def _surely_one_of_each(
    frame: pl.DataFrame,
    keys: list[str],
    spellings: dict[str, dict[str, str]],
    required: list[str] | None = None,
    numbers: list[pl.Series] | None = None,
) -> bool:
    """Whether no two rows share their ``keys``, shown cheaply: each key's text is hashed
    (equal texts hash equal, so rows with as many distinct hashes as rows are all distinct).
    On a million scores this takes a tenth of the time of comparing the texts themselves,
    which is left to the rare frame where two hashes meet, or where two spellings of a key
    in ``spellings`` are one name (a hash of each spelling would not meet). Rows missing one
    of the ``required`` keys (all of them unless given) are not compared. With each key's
    rows already ``numbers`` (every key required), the numbers are compared instead: exact,
    and several times faster than hashing the texts."""
    if any(len(set(read.values())) < len(read) for read in spellings.values()):
        return False
    if numbers is not None and required is None:
        distinct = _distinct_rows(numbers)
        if distinct is not None:
            return distinct
    complete = pl.all_horizontal(pl.col(k).is_not_null() for k in required or keys)
    mixed = pl.lit(0, pl.UInt64)
    for seed, key in enumerate(keys, start=1):
        # Mixed with odd multipliers (wrapping), so the same text in two keys differs.
        mixed = (mixed * pl.lit(0x9E3779B97F4A7C15, pl.UInt64)) ^ pl.col(key).hash(seed)
    counts = frame.select(rows=complete.sum(), distinct=mixed.filter(complete).n_unique()).row(0)
    return counts[0] == counts[1]


# Rows numbered within this many combinations are told apart by a table with a place for
# each combination (a pass over the rows), beyond it by a hash table.
EVERY_COMBINATION = 1 << 24


def _distinct_rows(numbers: list[pl.Series]) -> bool | None:
    """Whether no two rows with every number hold the same numbers (None when the numbers
    are too many to pack into one whole number: the texts are compared instead)."""
    sizes = [(n.max() or 0) + 1 for n in numbers]  # type: ignore[operator]
    combinations = 1
    for size in sizes:
        combinations *= size
    if combinations >= 2**63:
        return None
    # (32 bits when they do: packed three times as fast.)
    whole = pl.UInt32 if combinations < 2**32 else pl.UInt64
    columns = pl.DataFrame({str(i): column for i, column in enumerate(numbers)})
    if any(column.null_count() for column in numbers):  # a row missing a key is no repeat
        columns = columns.drop_nulls()
    packed = pl.lit(0, whole)
    for i, size in enumerate(sizes):
        packed = packed * size + pl.col(str(i)).cast(whole)
    rows = columns.select(packed).to_series()
    if combinations > EVERY_COMBINATION:
        return rows.n_unique() == rows.len()
    taken = pl.repeat(False, combinations, eager=True).scatter(rows, True)
    return taken.sum() == rows.len()


def _place(name: str, frame: pl.DataFrame | None = None) -> pl.Expr:
    """Where a row of a frame came from, as a problem names it: ``file › cell`` (the frame's
    name for a frame that keeps no place, as the proxy value table; with the row's number
    for a row of a frame built by hand, when it was numbered: :func:`_numbered`)."""
    if frame is not None and "source" not in frame.columns:
        return pl.lit(f"{name} frame")
    cell = pl.col("cell").fill_null("").str.replace(r"^(.)", " › $1")
    if frame is not None and "_at" in frame.columns:
        unplaced = pl.col("source").is_null() & pl.col("cell").is_null()
        cell = pl.when(unplaced).then(pl.format(" › row {}", "_at")).otherwise(cell)
    return pl.concat_str(pl.col("source").fill_null(f"{name} frame"), cell)


def _shown(score: float | None) -> str:
    return "a blank cell" if score is None else show(score)


def _scores_on_their_scales(
    tender: Tender, frame: pl.DataFrame | None, name: str, problems: list[Problem]
) -> pl.DataFrame | None:
    """The scores (or consensus scores) with each one its question's scale does not allow
    left out (an evaluator's listed as typed, with why), and each allowed one snapped to the
    scale, as the loader reads a score cell."""
    if frame is None:
        frame = getattr(tender, name)
    plan = tender.plan
    if plan is None or frame.is_empty():
        return None
    scales = {c.id: plan.scales[c.scale] for c in plan.leaves if c.scale and c.scale in plan.scales}
    # Usually every score given is one every scale allows as it is: shown on the few distinct
    # scores, without pairing each with its question.
    given = frame.get_column("score").drop_nulls().unique().to_list()
    if all(s.allows(v) and s.snap(v) == v for s in set(scales.values()) for v in given):
        return None
    pairs = frame.select("question", "score").drop_nulls().unique()
    fixed = {}
    for question, score in pairs.iter_rows():
        scale = scales.get(question)
        if scale is None:
            continue
        value = scale.snap(score) if scale.allows(score) else None
        if value != score:
            fixed[question, score] = value
    if not fixed:
        return None
    # A score left out is listed as typed, with why it does not count, as the loader gives it.
    changed = pl.DataFrame(
        [
            {
                "question": q,
                "score": s,
                "_read": v,
                "_changed": True,
                "_found": show(s) if v is None else None,
                "_why": not_on_scale(show(s), scales[q]) if v is None else None,
            }
            for (q, s), v in fixed.items()
        ],
        schema={
            "question": pl.String,
            "score": pl.Float64,
            "_read": pl.Float64,
            "_changed": bool,
            "_found": pl.String,
            "_why": pl.String,
        },
    )
    marked = frame.join(changed, on=["question", "score"], how="left", maintain_order="left")
    if name == "scores":
        marked = marked.with_columns(
            found=pl.coalesce("_found", "found"),
            set_aside_because=pl.coalesce("_why", "set_aside_because"),
        )
    left_out = pl.col("_changed") & pl.col("_read").is_null()
    for row in _numbered(marked).filter(left_out).iter_rows(named=True):
        problems.append(
            Problem(
                found=show(row["score"]),
                **out_of_scale(row["question"], scales[row["question"]]),
                **_where(row, name),
            )
        )
    return marked.with_columns(
        score=pl.when(pl.col("_changed")).then(pl.col("_read")).otherwise(pl.col("score"))
    ).drop("_read", "_changed", "_found", "_why")


def _uplifts_in_range(prices: pl.DataFrame, problems: list[Problem]) -> pl.DataFrame | None:
    """The prices with each uplift :func:`uplift_allowed` refuses left unknown (null, with a
    cell), so the item and the bid have no price; a problem for each makes the bid invalid."""
    if prices.is_empty():
        return None
    given = prices.get_column("uplift").drop_nulls().unique().to_list()
    refused = [u for u in given if not uplift_allowed(u)]
    if not refused:
        return None
    bad = pl.col("uplift").is_in(refused)
    for row in prices.filter(bad).iter_rows(named=True):
        problems.append(
            Problem(
                **uplift_out_of_range(row["uplift"]),
                file=row.get("source") or "prices frame",
                cell=row.get("uplift_cell") or "",
                supplier=row["supplier"],
                lot=row["lot"],
            )
        )
    return prices.with_columns(
        uplift=pl.when(bad).then(None).otherwise(pl.col("uplift")),
        # An uplift that could not be used is an unknown price, never none at all.
        uplift_cell=pl.when(bad)
        .then(pl.coalesce("uplift_cell", pl.lit("uplift")))
        .otherwise(pl.col("uplift_cell")),
    )


def _shares_in_range(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The supply chain with each share of the work outside 0% to 100% left unknown, with
    the loader's error (``share.out_of_range``); and its error for each supplier's shares
    that add up to more than the whole of a lot (``supply_chain.over_100``: the shares in
    that lot are left unknown too, so they count in none, as the loader's are), and for an
    entry naming a lot the plan does not have (``lot.unknown``: it counted for no offer).
    From a frame, a share of 30 (for 30%) counted as all the work in the second-tier SME and
    VCSE shares, without a word. What the loader reported already is not reported twice."""
    chain, plan = tender.supply_chain, tender.plan
    if chain.is_empty() or plan is None:
        return None
    reported = {(p.code, p.file) for p in tender.problems}
    bad = ~pl.col("share").is_between(0, 1)
    refused = chain.filter(bad)
    for row in refused.iter_rows(named=True):
        place = _where(row, "supply_chain")
        if ("share.out_of_range", place["file"]) not in reported:
            found = f"{row['share'] * 100:g}%"
            problems.append(Problem(**share_out_of_range(), found=found, **place))
    lots = plan_lots(plan)
    unknown = chain.select(
        "source", "cell", lots=pl.col("lots").list.set_difference(list(plan.lot_ids))
    ).filter(pl.col("lots").list.len() > 0)
    for row in unknown.iter_rows(named=True):
        place = _where(row, "supply_chain")
        if ("lot.unknown", place["file"]) not in reported:
            found, first = ", ".join(row["lots"]), row["lots"][0]
            problems.append(
                Problem(
                    LOTS_UNKNOWN, found=found, expected=lots.expected(first), code="lot.unknown",
                    **place,
                )
            )  # fmt: skip
    # Numbered, to put the rows back in their order after going through them by supplier.
    usable = chain.with_columns(share=pl.when(bad).then(None).otherwise("share")).with_row_index(
        "_row"
    )
    keys = pl.col("supplier").replace_strict(_supplier_keys(chain), default=None)
    counted: list[pl.DataFrame] = []
    for _, rows in usable.group_by(keys, maintain_order=True):
        file = rows.item(0, "source") or "supply_chain frame"
        if ("supply_chain.over_100", file) not in reported:
            for lot, total in shares_over_100(rows.to_dicts(), plan.lot_ids):
                words = share_totals_over_100(lot, total, rows.item(0, "supplier") or "a supplier")
                problems.append(Problem(**words, file=file))
        entries = shares_over_100_count_in_none(rows.to_dicts(), plan.lot_ids)
        counted.append(pl.DataFrame(entries, schema=rows.schema))
    changed = pl.concat(counted).sort("_row") if counted else usable
    if refused.height or not changed["share"].equals(usable["share"]):
        return changed.drop("_row")
    return None


def _one_status_each(
    tender: Tender, chain: pl.DataFrame, problems: list[Problem]
) -> pl.DataFrame | None:
    """The supply ``chain`` with each consortium member or subcontractor that is itself a
    supplier in the ``suppliers`` frame given the SME and VCSE status of its own row there,
    with the loader's warning (``supply_chain.sme_against_own_bid``,
    ``supply_chain.vcse_against_own_bid``): the loader's own rule
    (:func:`tendereval.io.one_organisation.one_status`). From a frame, a company answering
    VCSE "yes" as another bidder's subcontractor counted at the second tier without a word. A
    loaded tender's chain holds the statuses the loader gave already: nothing is said twice."""
    if chain.is_empty() or tender.suppliers.is_empty():
        return None
    # A row naming no supplier is no bidder (its error: _keys_given); compared by its name,
    # it failed with a TypeError.
    suppliers = tender.suppliers.filter(pl.col("supplier").is_not_null())
    # Keyed as scoring keys them: a frame built by hand may leave supplier_key out.
    keys = pl.col("supplier").replace_strict(_supplier_keys(suppliers), default=None)
    bidders = suppliers.with_columns(supplier_key=keys)
    rows, found = one_status(chain.to_dicts(), bidders.to_dicts())
    if not found:
        return None
    problems.extend(found)
    return pl.DataFrame(rows, schema=chain.schema)


def _volumes_as_given(
    plan: Plan | None, prices: pl.DataFrame, problems: list[Problem]
) -> pl.DataFrame | None:
    """The prices with each yearly volume that is not the plan's said to come from the frame.
    A frame may carry its own volumes (to see what other volumes would do); the loaders
    always price the plan's. The price breakdown, the report and the JSON said such a volume
    came from the plan (``tender.toml › lots › CSB › volumes.day_sessions``) when the plan
    says otherwise: now ``prices frame``, with a warning for each lot and item naming the
    plan's volume and how many bids were priced at another."""
    if plan is None or prices.is_empty():
        return None
    planned = pl.DataFrame(
        [(lot.id, item, volume) for lot in plan.lots for item, volume in lot.volumes],
        schema={"lot": pl.String, "item": pl.String, "_planned": pl.Float64},
        orient="row",
    )
    other = pl.col("volume").is_not_null() & (
        (pl.col("volume") - pl.col("_planned")).abs() > 1e-9 * pl.max_horizontal(1, "_planned")
    )
    marked = prices.join(planned, on=["lot", "item"], how="left", maintain_order="left")
    differing = marked.filter(other)
    if differing.is_empty():
        return None
    for (lot, item), rows in differing.group_by("lot", "item", maintain_order=True):
        first = rows.row(0, named=True)
        bids = "1 bid" if rows.height == 1 else f"{rows.height} bids"
        problems.append(
            Problem(
                f"the yearly volume of {item} in lot {lot} is the frame's, not the plan's, for "
                f"{bids}: the frame's is priced",
                found=f"{show(first['volume'])} for {first['supplier']}",
                expected=f"{show(first['_planned'])}, the plan's ({plan.source} › "
                f"{plan.lot(lot).volume_cell(item)}), unless another volume is what you meant "
                "to try",
                code="price.volume_from_frame",
                severity=Severity.WARNING,
                file="prices frame",
            )
        )
    return marked.with_columns(
        volume_source=pl.when(other).then(pl.lit("prices frame")).otherwise("volume_source"),
        volume_cell=pl.when(other).then(None).otherwise("volume_cell"),
    ).drop("_planned")


def _turnovers_in_scale(tender: Tender) -> list[Problem]:
    """The bid loader's warning for each supplier whose yearly turnover is under £1,000 a
    member of staff (``bid.turnover_scale``): 120 for £120m. The frame's own ``sme`` is kept
    as given; the officer is told the figure it may rest on is in other units."""
    suppliers = tender.suppliers
    if suppliers.is_empty():
        return []
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    problems = []
    for supplier, source, staff, turnover in suppliers.select(
        "supplier", "source", "staff", "turnover"
    ).iter_rows():
        words = turnover_too_low(staff, turnover)
        file = source or "suppliers frame"
        if words is None or ("bid.turnover_scale", file, words["found"]) in reported:
            continue
        problems.append(
            Problem(
                f"{supplier}: {words.pop('message')}",
                **words,
                file=file,
                code="bid.turnover_scale",
                severity=Severity.WARNING,
            )
        )
    return problems


def _sme_as_given(tender: Tender) -> list[Problem]:
    """A warning for each supplier whose ``sme`` in a ``suppliers`` frame is not what the
    plan's SME definition makes of its own figures (``supplier.sme_against_figures``), by
    the rule a bid's supply chain and a scenarios file's supplier are warned by
    (plan.sme_against_figures). The frame's ``sme`` is kept as given (a status from a
    register the figures may not show); the officer is told they disagree. An in-house team
    or a public body is neither SME nor large, whatever its figures (bid_rules.sme_status).
    (A frame without ``sme`` gets the definition's status: Tender.from_frames.)"""
    suppliers = tender.suppliers
    if suppliers.is_empty() or tender.plan is None:
        return []
    definition = tender.plan.sme
    problems = []
    for row in suppliers.iter_rows(named=True):
        if row.get("org_type") in NOT_ENTERPRISES:
            continue
        given = row["sme"]
        against = sme_against_figures(
            given, definition, row.get("staff"), row.get("turnover"), row.get("balance_sheet")
        )
        if against is None:
            continue
        problems.append(
            Problem(
                f"{row['supplier']}: the frame's sme is {given}, but {against} under the "
                f"plan's SME definition ({definition.name}); the frame's sme is used",
                found=str(given),
                expected=f"{not given}, or the figures corrected",
                file=row.get("source") or "suppliers frame",
                code="supplier.sme_against_figures",
                severity=Severity.WARNING,
            )
        )
    return problems


def _summary_details_as_read(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The suppliers with each contact email and unique identifier read as the bid loader
    reads its cell (:func:`bid_rules.read_detail`), or None when each is read as given (as a
    loaded tender's are). Text that is not one ("TBC", "N/A", a company number for the PPON,
    an email with no @) is left out, with the loader's warning that the summaries would go
    out without it (``bid.summary_details_missing``; under PCR 2015, or for an in-house team,
    ``bid.unique_identifier`` or ``bid.contact_email``), and a PPON copied with its scheme or
    in small letters is written as Find a Tender writes it. From a frame, "TBC" was the
    supplier's unique identifier in its assessment summaries, without a word. A null (or no
    such column: the frame gives it null) on a row of the frame's own is the loader's warning
    for a blank cell, where a summary must give the detail: from a frame, the summaries went
    out with it blank without a word. A row read from a file (its ``source``) was warned of
    there, or left unwarned on purpose (a return with no Organisation sheet)."""
    plan, suppliers = tender.plan, tender.suppliers
    if plan is None or suppliers.is_empty():
        return None
    reported = {(p.code, p.supplier) for p in tender.problems}
    rows = suppliers.select("supplier", "org_type", "source").rows()
    columns: dict[str, list[str | None]] = {}
    for field_key in SUMMARY_DETAILS:
        typed = suppliers.get_column(field_key).to_list()
        read = [read_detail(field_key, text) for text in typed]
        if any(value != text for text, (value, _) in zip(typed, read, strict=True)):
            columns[field_key] = [value for value, _ in read]
        for n, ((supplier, org_type, source), text, (value, said)) in enumerate(
            zip(rows, typed, read, strict=True), start=1
        ):
            blank = value is None and not said  # null, or nothing but spaces
            if (blank and source) or not (said or blank):
                continue
            where = f"its {field_key} column"
            if value is None and supplier and summary_detail_owed(plan.regime, org_type):
                words = detail_missing(
                    supplier, field_key, text, said, given_by="row of the suppliers frame",
                    where=where, found="null" if text is None else "left blank",
                )  # fmt: skip
            elif blank:
                continue  # (no summary owed it: nothing to say, as for a blank cell)
            else:
                words = detail_not_read(
                    field_key, text, said, left_out=value is None,
                    where=f"the suppliers frame's {field_key} column",
                )  # fmt: skip
            if (words["code"], supplier) in reported:
                continue
            problems.append(
                Problem(
                    **words,
                    supplier=supplier,
                    # The frame's row, not the file it came from: that file's cell may hold
                    # the detail.
                    file="suppliers frame",
                    cell=f"row {n}",
                    severity=Severity.WARNING,
                )
            )
    if not columns:
        return None
    return suppliers.with_columns(
        pl.Series(name, values, dtype=pl.String) for name, values in columns.items()
    )


# The loaders' problems for a declaration that names no evaluator.
NAMELESS_DECLARATION_CODES = ("declaration.missing", "declaration.no_evaluator")


def _conflicts_as_read(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The declarations with each conflict answer read as the loader reads a score sheet's
    (``score_rules.conflict_answer``: 'no', 'n', 'No conflict' are none; 'yes' declared), or
    None when each is 'none' or 'declared' already; an answer it does not understand is left
    out (null) with the loader's warning, naming the answer and the frame's row. From a
    frame, 'no' counted as no declaration at all, without a word: every evaluator's scores
    were left out and every bid was invalid. A blank answer is left as it is (no
    declaration)."""
    frame = tender.declarations
    if frame.is_empty():
        return None
    # A blank answer is no declaration, as the loaders write one they found none on (and warn
    # of): not an answer to read again and warn of a second time.
    given = [answer for answer in _distinct(frame, "conflict") if answer.strip()]
    read = {answer: conflict_answer(answer)[0] for answer in given}
    if all(read[answer] == answer for answer in given):
        return None
    unread = [answer for answer in given if read[answer] is None]
    marked = frame.with_row_index("_row", offset=1).filter(pl.col("conflict").is_in(unread))
    for number, evaluator, answer in marked.select("_row", "evaluator", "conflict").iter_rows():
        words = not_none_or_declared(evaluator or "an evaluator", answer)
        problems.append(
            Problem(
                **words,
                severity=Severity.WARNING,
                file="declarations frame",
                cell=f"row {number}",
            )
        )
    # return_dtype: with every answer unread, the column would be all null and of no type.
    return frame.with_columns(
        pl.col("conflict").replace_strict(read, default=None, return_dtype=pl.String)
    )


def _one_declaration_each(tender: Tender, problems: list[Problem]) -> pl.DataFrame | None:
    """The declarations with one per evaluator from each file, as the loaders keep them. A
    second row for the same evaluator (one person however the name is written, as the score
    sheets' readers match them: :func:`person_words`) from the same file, or
    among rows that name no file, is left out with the consolidated form's error
    (``declaration.duplicate``: the first is used, so a conflict declared on the second alone
    is not applied until the two are merged). One from another file is kept, both being
    applied, with the score sheets' warning (``declaration.same_evaluator``). From a frame,
    two rows for one evaluator, one answering 'none' and the other 'declared', were both
    applied without a word. A declarations frame has a row per evaluator, so it is read row
    by row."""
    frame = tender.declarations
    if frame.is_empty():
        return None
    # The files the loader already said declare an evaluator another declared first: under
    # the first's name, written another way ("Marsh, Helen" for Helen Marsh) in the file.
    said_again = {p.file for p in tender.problems if p.code == "declaration.same_evaluator"}
    # A file the loader already found no evaluator's name in.
    unnamed = {p.file for p in tender.problems if p.code in NAMELESS_DECLARATION_CODES}
    # An evaluator as a person (person_words: "Marsh, Helen" is Helen Marsh) → {file: its
    # first row}, and the name the first row gives.
    firsts: dict[tuple[str, ...], dict[str | None, str]] = {}
    named: dict[tuple[str, ...], str] = {}
    keep: list[bool] = []
    for number, (name, source) in enumerate(frame.select("evaluator", "source").iter_rows(), 1):
        where, file = f"row {number} of the declarations frame", source or "declarations frame"
        if shows_nothing(name):  # whose conflicts? They would apply to no one.
            if file not in unnamed:
                problems.append(Problem(**nameless_declaration(where, name), file=file))
            keep.append(True)
            continue
        person = declared_person(name)
        files = firsts.setdefault(person, {})
        if source in files:
            words = second_declaration(name, files[source], where)
            problems.append(Problem(**words, file=file))
            keep.append(False)
            continue
        files[source] = where
        keep.append(True)
        first = named.setdefault(person, name)
        words = same_evaluator(name, next(iter(files)) or "the declarations frame", first)
        if len(files) > 1 and file not in said_again:
            problems.append(Problem(**words, file=file, severity=Severity.WARNING))
    return None if all(keep) else frame.filter(pl.Series(keep))


def _one_name_each(declarations: pl.DataFrame) -> dict[str, str]:
    """{a name: the name the evaluator's first declaration gives} for each evaluator declared
    again from another file under the name written another way ("Marsh, Helen" beside "Helen
    Marsh": :func:`declared_person`), as the score sheets' reader counts a sheet's scores
    under the first sheet's name (io/score_rules.py). From a frame, the warning
    (``declaration.same_evaluator``) was given but the scores stayed under both names: one
    evaluator counted as two, her judgement averaged in twice, the totals not the folder's.
    A second row from the same file (or from none) is left out (:func:`_one_declaration_each`)
    and renames nothing."""
    if declarations.height < 2:
        return {}
    firsts: dict[tuple[str, ...], tuple[str | None, str]] = {}
    spellings: dict[str, str] = {}
    for name, source in declarations.select("evaluator", "source").iter_rows():
        if shows_nothing(name):
            continue
        first_source, first = firsts.setdefault(declared_person(name), (source, name))
        if source != first_source and name != first:
            spellings.setdefault(name, first)
    return spellings


def _declarations_faults(tender: Tender, declarations: pl.DataFrame) -> list[Problem]:
    """A problem for each of the ``declarations`` kept that contradicts itself, unless the
    loader already reported it for the same file."""
    reported = {(p.code, p.file) for p in tender.problems}
    problems = []
    for row in declarations.iter_rows(named=True):
        conflict = (row["conflict"] or "").strip().lower()
        fault = declaration_fault(conflict, bool(row["conflicted_suppliers"]))
        file = row["source"] or "declarations frame"
        if fault is None or (fault["code"], file) in reported:
            continue
        named = "; ".join(row["conflicted_suppliers"] or [])
        problems.append(
            Problem(
                **{**fault, "message": f"{row['evaluator']}: {fault['message']}"},
                found=named or row["conflict"] or "",
                file=file,
            )
        )
    return problems


def _lookalike_evaluators(tender: Tender, distinct: dict[str, pl.Series] | None) -> list[Problem]:
    """A warning for each evaluator whose name looks the same as another's but is written
    with other characters (a zero-width space, a Cyrillic "о"), as the loader gives it: the
    scores count as two evaluators'. Found among the distinct names; a pair the loader
    already reported is not reported again."""
    frame = tender.scores
    if frame.is_empty():
        return []
    seen = distinct.get("evaluator") if distinct is not None else None
    names = (seen if seen is not None else frame.get_column("evaluator").unique()).drop_nulls()
    looks: dict[str, set[str]] = {}
    for name in names.to_list():
        looks.setdefault(skeleton(name), set()).add(name)
    # Names drawn alike but not one name as the loader folds them (case, spacing).
    groups = [group for group in looks.values() if len({fold(n) for n in group}) > 1]
    alike = {name for group in groups for name in group}
    if not alike:
        return []
    reported = {(p.code, p.found) for p in tender.problems}
    firsts = (
        frame.filter(pl.col("evaluator").is_in(sorted(alike)))
        .unique("evaluator", keep="first", maintain_order=True)
        .select("evaluator", "source")
        .rows()
    )
    problems = []
    earlier: dict[str, tuple[str, str]] = {}
    for name, source in firsts:
        other, where = earlier.setdefault(skeleton(name), (name, source or "scores frame"))
        if fold(other) == fold(name):
            continue
        words = lookalike_evaluator(name, other, where)
        if ("declaration.lookalike_evaluator", words["found"]) in reported:
            continue
        problems.append(Problem(**words, file=source or "scores frame", severity=Severity.WARNING))
    return problems


def _conflicts_with_no_bidder(tender: Tender, declarations: pl.DataFrame) -> list[Problem]:
    """A problem for each supplier one of the ``declarations`` kept names that did not bid (a
    typo, a short name): the conflict would apply to nobody and the evaluator's scores for the
    bidder they meant would count. An error where a conflict is declared, as the loader makes
    it at the declaration's cell; a warning otherwise. Names are matched as scoring matches them; a
    name the loader already reported for the same file is not reported again."""
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    bidders = tender.bids.get_column("supplier").drop_nulls().unique().to_list()
    keys = {supplier_key(name) for name in bidders}
    expected = bidder_names(bidders)
    problems = []
    for row in declarations.iter_rows(named=True):
        declared = (row["conflict"] or "").strip().lower() == "declared"
        for name in row["conflicted_suppliers"] or []:
            file = row["source"] or "declarations frame"
            if not name or supplier_key(name) in keys:
                continue
            if ("declaration.unknown_supplier", file, name) in reported:
                continue
            problems.append(
                Problem(
                    f"{row['evaluator']}: a conflict is declared with a supplier that did not bid"
                    + (", so the evaluator's scores for it would still count" if declared else ""),
                    file=file,
                    found=name,
                    expected=expected.expected(name) + ", separated by ;",
                    code="declaration.unknown_supplier",
                    severity=Severity.ERROR if declared else Severity.WARNING,
                )
            )
    return problems


def _scores_for_what_is_not_there(
    tender: Tender, name: str, distinct: dict[str, pl.Series] | None
) -> list[Problem]:
    """A problem for each score (or consensus score) for a supplier that did not bid, a lot
    or a question the plan does not have (or price, or social value commitments, which are
    scored from the bids), named as the loader names it at its cell. Scoring
    leaves such a score out (the evaluator-score listing says why), but from a frame it was
    left out without a problem: a supplier's name misspelt on a score sheet made of frames
    cost that bid the evaluator's score in silence. Found among the distinct values, so a
    million scores with none of these cost no pass over them."""
    frame = getattr(tender, name)
    plan = tender.plan
    if plan is None or frame.is_empty():
        return []
    bidders = tender.bids.get_column("supplier").drop_nulls().unique().to_list()
    known = {
        "supplier": ({supplier_key(b) for b in bidders}, supplier_key),
        "lot": (set(plan.lot_ids), str),
        "question": ({q.id for q in plan.questions()}, str),
    }
    choices = {
        "supplier": bidder_names(bidders),
        "lot": plan_lots(plan),
        "question": plan_questions(plan),
    }
    words = {
        "supplier": {
            "message": "a score for a supplier that did not submit a bid",
            "code": "score.unknown_supplier",
        },
        "lot": {"message": "a lot that is not in the plan", "code": "score.unknown_lot"},
    }
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    problems = []
    for column, (allowed, key) in known.items():
        values = distinct[column] if distinct is not None else frame.get_column(column).unique()
        unknown = [v for v in values.drop_nulls().to_list() if key(v) not in allowed]
        if not unknown:
            continue
        for row in _numbered(frame).filter(pl.col(column).is_in(unknown)).iter_rows(named=True):
            found, expected = row[column], choices[column].expected(row[column])
            said = (
                _question_not_there(plan, found, expected, consensus=name == "moderation")
                if column == "question"
                else {**words[column], "expected": expected}
            )
            where = _where(row, name)
            if (said["code"], where["file"], found) in reported:
                continue
            problems.append(Problem(**said, found=found, **where))
    return problems


def _question_not_there(plan: Plan, found: str, expected: str, consensus: bool) -> dict[str, str]:
    """The loader's words for a score naming ``found``, which is not a question the evaluators
    score: price or social value commitments (scored from the bids), or nothing in the plan."""
    other = next((c for c in plan.leaves if c.id == found), None)
    if other is None:
        return unknown_question(expected)
    return not_scored_by_evaluators(other, expected, consensus)


def _groups_as_declared(tender: Tender) -> list[Problem]:
    """The loader's error for an evaluator group the plan does not declare, once per group
    and file (its scores count as the main panel's: "service_user" for the service_users
    panel lost the panel its share and its questions, without a word), and its warning for
    each score a group gives for a question the plan does not give it (not counted: from a
    frame it was left out with no problem). What the loader reported is not reported again."""
    plan, scores = tender.plan, tender.scores
    if plan is None or scores.is_empty():
        return []
    # The main panel alone (every group blank) nearly always: seen without listing a
    # million blanks.
    if not scores.select((pl.col("group").str.len_bytes() > 0).any()).item():
        return []
    given = [g for g in _distinct(scores, "group") if g]
    declared = {g.id: g for g in plan.evaluation.groups}
    reported = {(p.code, p.where) for p in tender.problems}
    files = {(p.code, p.file) for p in tender.problems}
    problems = []
    unknown = [g for g in given if g not in declared]
    if unknown:
        firsts = (
            _numbered(scores)
            .filter(pl.col("group").is_in(unknown))
            .unique(["group", "source"], keep="first", maintain_order=True)
        )
        for row in firsts.iter_rows(named=True):
            place = _where(row, "scores")
            if ("declaration.unknown_group", place["file"]) not in files:
                problems.append(Problem(**unknown_group(plan), found=row["group"], **place))
    limited = {g: declared[g].questions for g in given if g in declared and declared[g].questions}
    # As the loader sees them: only scores for a bidder, a lot and a question that are there
    # (any other is reported above, and left out anyway).
    bidders = {supplier_key(name) for name in _distinct(tender.bids, "supplier")}
    known = pl.col("lot").is_in(list(plan.lot_ids)) & pl.col("question").is_in(
        [c.id for c in plan.leaves]
    )
    for group, questions in limited.items():
        outside = _numbered(scores).filter(
            (pl.col("group") == group)
            & ~pl.col("question").is_in(questions)
            & known
            & pl.col("set_aside_because").is_null()  # (a second score: only listed)
        )
        for row in outside.iter_rows(named=True):
            if supplier_key(row["supplier"] or "") not in bidders:
                continue
            place = _where(row, "scores")
            if ("score.group_question", _shown_at(place)) in reported:
                continue
            words = group_question(declared[group], row["question"])
            problems.append(Problem(**words, severity=Severity.WARNING, **place))
    return problems


def _scores_for_lots_not_bid(
    tender: Tender, distinct: dict[str, pl.Series] | None
) -> list[Problem]:
    """A warning for each score (or consensus score) for a lot its supplier did not bid for,
    as the loader gives it at its cell (scoring leaves such a score out: from a frame it was
    left out without a word). Bidders whose lots are unknown (no bid row names a lot) and
    names or lots not there at all (reported above) are left alone. When every supplier
    scored bid for every lot scored (a million scores of the benchmark), no row is read."""
    plan = tender.plan
    if plan is None:
        return []
    as_named = _lots_bid(tender, keyed=False)
    bid_lots: dict[str, set[str]] | None = None  # by supplier key, made when needed
    reported = {(p.code, p.where) for p in tender.problems}
    problems = []
    for name in ("scores", "moderation"):
        frame = getattr(tender, name)
        if frame.is_empty():
            continue
        seen = distinct if name == "scores" and distinct is not None else None
        suppliers = seen["supplier"] if seen else frame.get_column("supplier").unique()
        lots = seen["lot"] if seen else frame.get_column("lot").unique()
        scored_lots = set(lots.drop_nulls().to_list()) & set(plan.lot_ids)
        # Names as the bids spell them first (nearly always): a name's lots are some of its
        # key's, so if those cover every lot scored, its key's do too.
        named = suppliers.drop_nulls().to_list()
        if all(scored_lots <= as_named.get(n, set()) for n in named):
            continue
        if bid_lots is None:
            bid_lots = _lots_bid(tender)
        if all(scored_lots <= bid_lots.get(supplier_key(n), scored_lots) for n in named):
            continue
        # The rows themselves found by polars: a million scores with one such row are not
        # each read in Python.
        keys = {n: supplier_key(n) for n in named}
        bids = pl.DataFrame(
            [(key, lot) for key, lots in bid_lots.items() for lot in lots],
            schema={"_key": pl.String, "lot": pl.String},
            orient="row",
        )
        frame = _numbered(frame)
        if name == "scores":  # a second score is only listed: the first is warned of
            frame = frame.filter(pl.col("set_aside_because").is_null())
        offending = (
            frame.filter(pl.col("lot").is_in(scored_lots))
            .with_columns(
                _key=pl.col("supplier").replace_strict(keys, default=None, return_dtype=pl.String)
            )
            .filter(pl.col("_key").is_in(list(bid_lots)))  # (bidders whose lots are known)
            .join(bids, on=["_key", "lot"], how="anti", maintain_order="left")
        )
        for row in offending.iter_rows(named=True):
            words = lot_not_bid(
                row["supplier"], row["lot"], bid_lots[row["_key"]], consensus=name == "moderation"
            )
            where = _where(row, name)
            if (words["code"], _shown_at(where)) in reported:
                continue
            problems.append(Problem(**words, severity=Severity.WARNING, **where))
    return problems


def _lots_bid(tender: Tender, keyed: bool = True) -> dict[str, set[str]]:
    """{supplier key: the lots its bids name}: suppliers matched as scoring matches them (with
    ``keyed`` False, by the name as each bid gives it)."""
    grouped = (
        tender.bids.select("supplier", "lot")
        .drop_nulls()
        .group_by("supplier")
        .agg(pl.col("lot").unique())
    )
    lots: dict[str, set[str]] = {}
    for supplier, named in grouped.iter_rows():
        lots.setdefault(supplier_key(supplier) if keyed else supplier, set()).update(named)
    return lots


# The columns that say what a row is for, in each frame the loaders never give a row without
# them (a blank cell there is their error, ``cell.blank``), and what each holds: scoring
# passes over a row missing one, so a consensus score, a commitment or a proxy value was
# lost without a word. (A bids row is placed by _bids_as_placed, a package by
# _packages_as_offered, a declaration's evaluator by _one_declaration_each, and a
# commitment's supplier by _commitments_for_what_is_not_there.)
KEYS: dict[str, dict[str, str]] = {
    "suppliers": {"supplier": "supplier name"},
    "supply_chain": {"supplier": "supplier name", "name": "member or subcontractor name"},
    "prices": {"supplier": "supplier name", "lot": "lot", "item": "price item"},
    "commitments": {"measure": "measure id"},
    "scores": {
        "evaluator": "evaluator name",
        "supplier": "supplier name",
        "lot": "lot",
        "question": "question",
    },
    "moderation": {"supplier": "supplier name", "lot": "lot", "question": "question"},
    "proxies": {"measure": "measure id"},
}
# Frames whose rows belong to one supplier's bid: a key missing there makes that bid
# invalid, as the loader's blank cell in a bid return does (in every lot, but for a price).
OWN_BID = ("supply_chain", "prices", "commitments")


def _keys_given(tender: Tender, distinct: dict[str, pl.Series] | None = None) -> list[Problem]:
    """The loader's error (``cell.blank``) for each row of a frame that leaves one of its
    :data:`KEYS` null or blank, naming the frame and the row: from a frame, a consensus score
    with no question, a commitment or a proxy value with no measure was passed over and the
    totals changed with the award ready to go out; a suppliers row with no name failed with
    a TypeError. A row from a file the loader reported already is not reported again.
    ``distinct``: the scores' distinct values, when scoring has them (a million scores with
    every key given are not each looked at)."""
    reported = {p.file for p in tender.problems if p.is_error}
    reported |= {p.file for p in tender.problems if p.code in NAMELESS_DECLARATION_CODES}
    problems = []
    for name, columns in KEYS.items():
        frame = getattr(tender, name)
        given = distinct if name == "scores" and distinct is not None else {}
        blank = [c for c in columns if _any_blank(frame, c, given.get(c))]
        if not blank:
            continue
        missing = pl.any_horizontal(_blank(c) for c in blank)
        rows = frame.with_row_index("_row", offset=1).filter(missing)
        for row in rows.iter_rows(named=True):
            if row.get("source") in reported:
                continue
            column = next(c for c in blank if _is_blank(row[c]))
            problems.append(_key_missing(name, column, columns[column], row))
    return problems


def _blank(column: str) -> pl.Expr:
    return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")


def _is_blank(value: str | None) -> bool:
    """:func:`_blank` for one value."""
    return value is None or not value.strip()


def _any_blank(frame: pl.DataFrame, column: str, values: pl.Series | None) -> bool:
    """Whether any row of ``frame`` leaves ``column`` null or blank (found among its distinct
    ``values`` when given)."""
    if frame.is_empty():
        return False
    if frame.get_column(column).null_count():
        return True
    values = frame.get_column(column) if values is None else values
    return any(_is_blank(v) for v in values.drop_nulls().unique().to_list())


def _key_missing(name: str, column: str, what: str, row: dict) -> Problem:
    """The error for a row of the ``name`` frame with ``column`` (holding ``what``) blank."""
    supplier = row.get("supplier") if name in OWN_BID and column != "supplier" else None
    whose = f"{supplier}: " if supplier else ""
    return Problem(
        f"{whose}{what} is missing (the {name} frame's {column} column), so the row counts "
        "for nothing",
        found="null" if row[column] is None else f"a blank text ({row[column]!r})",
        expected=f"{what} filled in",
        code="cell.blank",
        supplier=supplier,
        lot=row.get("lot") if supplier and name == "prices" else None,
        # The frame's row: a file it came from would not hold the blank.
        file=f"{name} frame",
        cell=f"row {row['_row']}",
    )


def _declarations_answered(tender: Tender, declarations: pl.DataFrame) -> list[Problem]:
    """The loader's warning (``declaration.missing``) for each declaration whose conflict of
    interest answer is null or blank, naming the frame's row: the plan's
    ``missing_declaration`` rule then applies to the evaluator's scores, which from a frame
    changed three totals without a word. One the loader gave for the same file (a score
    sheet with no answer, read as blank) is not given again."""
    if declarations.is_empty() or not _any_blank(declarations, "conflict", None):
        return []
    reported = {p.file for p in tender.problems if p.code == "declaration.missing"}
    problems = []
    rows = declarations.with_row_index("_row", offset=1).filter(_blank("conflict"))
    for row in rows.iter_rows(named=True):
        if row["source"] in reported or shows_nothing(row["evaluator"]):
            continue  # (no evaluator named: _one_declaration_each says so)
        problems.append(
            Problem(
                f"no conflict-of-interest declaration (conflict of interest answer missing) "
                f"for {row['evaluator']} (the declarations frame's conflict column)",
                found="null" if row["conflict"] is None else "a blank text",
                expected="'none' or 'declared'",
                code="declaration.missing",
                severity=Severity.WARNING,
                file="declarations frame",
                cell=f"row {row['_row']}",
            )
        )
    return problems


def _commitments_for_what_is_not_there(tender: Tender) -> list[Problem]:
    """A problem for each social value commitment the loader would not count, as it names
    it: for a lot the plan does not have (an error), for a lot its supplier did not bid for
    (a warning). One for a supplier that did not bid at all is an error too (a commitment
    frame's name misspelt). Scoring leaves each out; from a frame that was without a word."""
    plan, commitments = tender.plan, tender.commitments
    if plan is None or commitments.is_empty():
        return []
    bidders = tender.bids.get_column("supplier").drop_nulls().unique().to_list()
    by_key = {supplier_key(b): b for b in bidders}
    names = bidder_names(bidders)
    bid_lots = _lots_bid(tender)
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    problems = []
    for row in commitments.iter_rows(named=True):
        key = supplier_key(row["supplier"]) if row["supplier"] else None
        lot, lots_bid = row["lot"], bid_lots.get(key or "", set())
        if key not in by_key:
            code, message, found, expected, severity = (
                "commitments.unknown_supplier",
                "a social value commitment for a supplier that did not submit a bid",
                row["supplier"] or "",
                names.expected(row["supplier"]),
                Severity.ERROR,
            )
        elif lot is not None and lot not in plan.lot_ids:
            code, message, found, expected, severity = (
                "commitments.unknown_lot",
                COMMITMENT_UNKNOWN_LOT,
                lot,
                plan_lots(plan).expected(lot) + ", or blank for every lot",
                Severity.ERROR,
            )
        elif lot is not None and lots_bid and lot not in lots_bid:
            code, message, found, expected, severity = (
                "commitments.lot_not_bid",
                COMMITMENT_LOT_NOT_BID,
                lot,
                ", ".join(sorted(lots_bid)),
                Severity.WARNING,
            )
        else:
            continue
        where = {"file": row.get("source") or "commitments frame", "cell": row.get("cell") or ""}
        if (code, where["file"], found) in reported:
            continue
        # (The warning, as the loader's, belongs to no bid: the bid itself is sound. A lot not
        # in the plan leaves no lot's social value known: the bid is invalid in every lot it
        # bid for, as the loader makes it.)
        own = severity is Severity.ERROR
        lot = None if code == "commitments.unknown_lot" else lot
        problems.append(
            Problem(
                message,
                found=found,
                expected=expected,
                code=code,
                severity=severity,
                supplier=row["supplier"] if own else None,
                lot=lot if own else None,
                **where,
            )
        )
    return problems


def _rates_against_estimates(tender: Tender) -> list[Problem]:
    """The bid loader's warning for a bid whose rates come to more than ``TIMES_ESTIMATE``
    times its lot's estimated value over the contract (yearly volume × rate × years, before
    uplifts): a rate typed in pence. A lot the loader already warned of is not warned of
    again."""
    plan, prices = tender.plan, tender.prices
    if plan is None or prices.is_empty():
        return []
    estimates = plan.estimated_values()
    if not estimates:
        return []
    years = plan.contract_years
    parts = prices.filter(pl.col("lot").is_in(list(estimates))).with_columns(
        part=pl.col("volume") * pl.col("unit_rate") * years
    )
    totals = (
        parts.group_by("supplier", "lot", maintain_order=True)
        .agg(
            pl.col("part").sum().alias("total"),
            pl.col("item", "unit_rate", "source", "cell").sort_by("part").last(),
        )
        .with_columns(estimate=pl.col("lot").replace_strict(estimates, return_dtype=pl.Float64))
        .filter(pl.col("total") > TIMES_ESTIMATE * pl.col("estimate"))
    )
    reported = {(p.code, p.file, p.lot) for p in tender.problems}
    problems = []
    for row in totals.iter_rows(named=True):
        words = far_above_estimate(
            row["lot"], row["total"], row["estimate"], row["item"], row["unit_rate"]
        )
        where = _where(row, "prices")
        if (words["code"], where["file"], row["lot"]) in reported:
            continue
        problems.append(
            Problem(
                **words,
                **where,
                supplier=row["supplier"],
                lot=row["lot"],
                severity=Severity.WARNING,
            )
        )
    return problems


def _prices_for_what_is_not_there(tender: Tender) -> list[Problem]:
    """A problem for each unit rate given for a lot or a price item the plan does not have,
    as the loader makes it (the bid's lot is then invalid): from a frame such a rate was left
    out of the price without a word ("care hours" for care_hours priced nothing)."""
    plan, prices = tender.plan, tender.prices
    if plan is None or prices.is_empty():
        return []
    lots, items = list(plan.lot_ids), [i.id for i in plan.price.items]
    # A null lot or item is_in nothing gives null, not false, and the filter dropped it: such
    # a row is named by _keys_given, and left out here explicitly.
    given = prices.filter(pl.all_horizontal(pl.col("unit_rate", "lot", "item").is_not_null()))
    unknown = given.filter(~pl.col("lot").is_in(lots) | ~pl.col("item").is_in(items))
    reported = {(p.code, p.file, p.found) for p in tender.problems}
    problems = []
    for row in unknown.iter_rows(named=True):
        lot_known = row["lot"] in lots
        code, message, found, expected = (
            ("price.unknown_item", PRICE_UNKNOWN_ITEM, row["item"], items)
            if lot_known
            else ("price.unknown_lot", PRICES_UNKNOWN_LOT, row["lot"], lots)
        )
        where = {"file": row.get("source") or "prices frame", "cell": row.get("cell") or ""}
        if (code, where["file"], found) in reported:
            continue
        problems.append(
            Problem(
                message,
                found=found or "",
                expected=", ".join(expected),
                code=code,
                supplier=row["supplier"],
                lot=row["lot"],
                **where,
            )
        )
    return problems


def _bids_named_by(problems: list[Problem]) -> set[tuple[str, str | None]]:
    """(supplier key, lot) of each bid an error in ``problems`` names (lot None: every lot of
    the supplier): a bid held back already, whose frame rows are not reported again."""
    return {(supplier_key(p.supplier), p.lot) for p in problems if p.is_error and p.supplier}


def _bids_as_placed(tender: Tender) -> list[Problem]:
    """An error for each row of the bids frame that scoring cannot place as a bid: one naming
    no supplier or no lot, one for a lot the plan does not have ('csb' for CSB: lots are the
    plan's ids, as in every frame), and a second row for a supplier and lot (a row pasted
    twice: neither is evaluated, as for a supplier's two bid returns). Scoring made each
    invalid (or left the lot with "no bid was received") without a word, so the award went
    to the runner-up and was published. A row from a file the loader reported, or of a bid
    an error names already, is not reported again."""
    plan, bids = tender.plan, tender.bids
    if plan is None or bids.is_empty():
        return []
    keys = _supplier_keys(bids)
    marked = _standing(
        bids.with_row_index("_row", offset=1).with_columns(
            _key=pl.col("supplier").replace_strict(keys, default=None, return_dtype=pl.String)
        ),
        tender.decisions,
    )
    # (a null lot is_in nothing gives null, not false: a filter on ~placed then dropped it)
    placed = (pl.col("_key").is_not_null() & pl.col("lot").is_in(list(plan.lot_ids))).fill_null(
        False
    )
    standing = placed & pl.col("_standing")
    marked = marked.with_columns(
        _second=standing & ~pl.struct("_key", "lot", standing.alias("_s")).is_first_distinct(),
        _first=pl.col("_row").filter(standing).first().over("_key", "lot"),
    )
    faulty = marked.filter(~placed | pl.col("_second"))
    if faulty.is_empty():
        return []
    named = _bids_named_by(tender.problems)
    files = {p.file for p in tender.problems if p.is_error}
    lots = plan_lots(plan)
    problems = []
    for row in faulty.iter_rows(named=True):
        key, lot, supplier = row["_key"], row["lot"], row["supplier"]
        if row["source"] in files or {(key, lot), (key, None)} & named:
            continue
        if key is None:
            words = {
                "message": "a bid that names no supplier (the bids frame's supplier column)",
                "found": "null",
                "expected": "the supplier's name",
                "code": "bid.no_supplier",
            }
        elif lot is None:
            words = {
                "message": f"{supplier}: a bid for no lot (the bids frame's lot column)",
                "found": "null",
                "expected": lots.expected(None),
                "code": "bid.no_lot",
            }
            supplier = None  # (naming the supplier would hold every lot it bid for)
        elif lot not in plan.lot_ids:
            words = {
                "message": f"{supplier}: a bid for a lot that is not in the plan (the bids "
                "frame's lot column), so it is in no lot",
                "found": lot,
                "expected": lots.expected(lot),
                "code": "lot.unknown",
            }
        else:
            words = {
                "message": f"a second row for {supplier}'s bid for lot {lot} (the first is "
                f"row {row['_first']}); neither is evaluated until one is left out",
                "found": supplier,
                "expected": "one row of the bids frame for each supplier and lot",
                "code": "bid.repeated",
            }
        problems.append(
            Problem(
                **words,
                supplier=supplier,
                lot=lot,
                # The frame's row, not the file it came from: that file holds no such bid.
                file="bids frame",
                cell=f"row {row['_row']}",
            )
        )
    return problems


def _lots_not_bid_for(tender: Tender) -> list[Problem]:
    """The loader's warning for each lot of the plan no row of the bids frame is for
    ("nobody bid for lot L3"), unless the loader gave it already. Every row counts, a bid
    since withdrawn or rejected too, as the loader counts every bid return it read (one the
    buyer's record sets aside by its file included). With no bids at all,
    ``tender.no_bids`` says it (scoring stops there)."""
    plan, bids = tender.plan, tender.bids
    if plan is None or bids.is_empty():
        return []
    said = {(p.code, p.message) for p in tender.problems}
    # Each row of no lot counted (a return no lot could be read from), each lot once.
    lots = bids.get_column("lot")
    bid_for = [*lots.drop_nulls().unique(), *[None] * lots.null_count()]
    return [
        problem
        for problem in lots_without_bids(plan, bid_for)
        if (problem.code, problem.message) not in said
    ]


def _standing(bids: pl.DataFrame, decisions: Decisions) -> pl.DataFrame:
    """``bids`` (with ``_row`` and the supplier key ``_key``) with ``_standing``: False for a
    row the buyer's recorded decisions set aside (a bid return withdrawn, or rejected by its
    file beside the one that stands), as scoring sets it aside (award.set_aside)."""
    if not decisions.withdrawals and not any(r.file for r in decisions.rejections):
        return bids.with_columns(_standing=pl.lit(True))
    rows = bids.select(row="_row", skey="_key", source="source", lot="lot")
    aside = set_aside_rows(rows, decisions).filter(
        pl.col("withdrawn").is_not_null() | pl.col("rejected").is_not_null()
    )
    return bids.with_columns(_standing=~pl.col("_row").is_in(aside.get_column("row").to_list()))


def _uplifts_unknown(tender: Tender, said: list[Problem]) -> list[Problem]:
    """An error for each bid with a null uplift whose cell is named (``uplift_cell``) that no
    error explains: its price is unknown, as for an uplift cell the loader refused, and the
    bid is invalid; from a frame it was invalid with no error, so the award passed to the
    runner-up (or to no one) and was published. Named once for each bid, at its first such
    row. (A null uplift with no cell named is no uplift at all, as a blank uplift cell is.)
    ``said``: the problems so far; an error at the uplift's cell, or naming the bid, explains
    it already."""
    prices = tender.prices
    if prices.is_empty():
        return []
    unknown = prices.with_row_index("_row", offset=1).filter(
        pl.col("uplift").is_null() & pl.col("uplift_cell").is_not_null()
    )
    if unknown.is_empty():
        return []
    errors_at = {p.where for p in said if p.is_error}
    named = _bids_named_by(said)
    keys = _supplier_keys(unknown)
    firsts = (
        unknown.with_columns(_key=pl.col("supplier").replace_strict(keys, default=None))
        .with_columns(_rows=pl.len().over("_key", "lot"))
        .unique(["_key", "lot"], keep="first", maintain_order=True)
    )
    problems = []
    for row in firsts.iter_rows(named=True):
        place = f"{row['source'] or 'prices frame'} › {row['uplift_cell']}"
        if place in errors_at or {(row["_key"], row["lot"]), (row["_key"], None)} & named:
            continue
        rows = "" if row["_rows"] == 1 else f" and {row['_rows'] - 1} more of its rows"
        problems.append(
            Problem(
                f"{row['supplier']}: the yearly uplift for {row['item']} in lot {row['lot']} is "
                f"unknown (null in the prices frame's uplift column{rows}, with its cell "
                f"{row['uplift_cell']} named), so the bid has no evaluated price",
                found="null",
                expected="the yearly uplift as a share (0.025 for 2.5%), 0 for none; or "
                "uplift_cell null too where the bid gives no uplift",
                code="price.uplift_unknown",
                supplier=row["supplier"],
                lot=row["lot"],
                file="prices frame",
                cell=f"row {row['_row']}",
            )
        )
    return problems


def _rates_given(tender: Tender, prices: pl.DataFrame, said: list[Problem]) -> list[Problem]:
    """The loader's error for each price item a bid must price (its lot buys some) that the
    prices frame gives no unit rate for: no row (``price.missing_item``), or a null rate
    (``cell.blank``, at its row). Scoring made the bid invalid ("no unit rate for the price
    item") with no error, so the award passed to the runner-up and was published, where the
    same blank in a bid return holds it back ("could win once put right"). A bid an error
    in ``said`` names already (a rate the loader refused at its cell) is not reported again."""
    plan, bids = tender.plan, tender.bids
    if plan is None or plan.price.method == "quality_only" or bids.is_empty():
        return []
    needed = pl.DataFrame(
        [(lot.id, item, volume) for lot in plan.lots for item, volume in lot.volumes if volume],
        schema={"lot": pl.String, "item": pl.String, "_volume": pl.Float64},
        orient="row",
    )
    keys = _supplier_keys(bids) | _supplier_keys(prices)
    keyed = pl.col("supplier").replace_strict(keys, default=None, return_dtype=pl.String)
    # A bid return the buyer's records set aside (withdrawn for a lot, by its file) is priced
    # by no one: its rates left with it.
    standing = _standing(
        bids.with_row_index("_row", offset=1).with_columns(_key=keyed), tender.decisions
    ).filter("_standing")
    placed = (
        standing.select("supplier", "lot", "_key")
        .drop_nulls()
        .unique(["_key", "lot"], keep="first", maintain_order=True)
        .join(needed, on="lot")
    )
    rates = prices.with_row_index("_row", offset=1).select(
        "_row", "lot", "item", "unit_rate", "source", "cell", _key=keyed
    )
    unpriced = placed.join(
        rates, on=["_key", "lot", "item"], how="left", maintain_order="left"
    ).filter(pl.col("unit_rate").is_null())
    if unpriced.is_empty():
        return []
    named = _bids_named_by(said)
    problems = []
    for row in unpriced.iter_rows(named=True):
        supplier, lot, item = row["supplier"], row["lot"], row["item"]
        if {(row["_key"], lot), (row["_key"], None)} & named:
            continue
        if row["_row"] is None:
            words = missing_item(supplier, lot, item)
            where = {"file": "prices frame", "cell": ""}
        else:
            words = {
                "message": f"{supplier}: unit rate is missing for {item} in lot {lot} (the "
                "prices frame's unit_rate column)",
                "found": "null",
                "expected": rate_expected(item, row["_volume"]),
                "code": "cell.blank",
            }
            # The frame's row, not the file it came from: that file's cell holds a rate.
            where = {"file": "prices frame", "cell": f"row {row['_row']}"}
        problems.append(Problem(**words, supplier=supplier, lot=lot, **where))
    return problems
