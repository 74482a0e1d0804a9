"""Excel templates built from an evaluation plan: bid return, score sheet, moderation, matrix.

Each builder writes the layout in :mod:`tendereval.layout` (the loaders read the same layout),
with this tender's lots, price items, questions and scales filled in, an Instructions sheet in
plain English, input cells shaded and unlocked, every sheet protected (without a password:
protection prevents slips, it is not security), and drop-downs and number checks on the input
cells. The same plan always gives the same workbook.

Every ``build_*`` function saves to ``path`` and returns it; the matching ``*_workbook``
function returns the openpyxl workbook for callers who want to fill it in before saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tendereval import layout
from tendereval import sheets as S
from tendereval.io.keys import supplier_key
from tendereval.plan import Criterion, Plan
from tendereval.regimes import terms
from tendereval.template_marks import (
    BID_RETURN,
    MATRIX,
    MODERATION,
    SCORE_SHEET,
    TemplateMark,
    proxy_values_digest,
)
from tendereval.wording import counted, pounds

if TYPE_CHECKING:
    from tendereval.scoring.result import ScoreResult
    from tendereval.tender import Tender

KINDS = ("bid-return", "score-sheet", "moderation", "matrix")

# How many empty rows the free-form tables offer (suppliers can ask for a bigger template).
SUPPLY_CHAIN_ROWS = 20
PACKAGE_ROWS = 10
SOCIAL_VALUE_ROWS = 30
MODERATION_ROWS = 200
MATRIX_ROWS = 5000  # data validation reaches this far down the matrix sheets
SUPPLIER_SLOTS = 6  # score sheet blocks when the bidders are not known yet

Suppliers = Mapping[str, Sequence[str]] | Sequence[str] | None

_NO_MACROS = (
    "Do not add macros, links to other files or formulas that refer to other workbooks, and "
    "save the file as an Excel workbook (.xlsx). Workbooks with macros are flagged and may be "
    "returned to you."
)
_PROTECTION = (
    "Shaded cells are for you to fill in; everything else is locked so the layout cannot be "
    "changed by accident. The sheets are protected without a password. Please do not unprotect "
    "them, rename, add or remove sheets, or move columns: the workbook is read by a program "
    "that relies on this layout."
)


# ---- Bid return ------------------------------------------------------------------------------


def build_bid_return(plan: Plan, path: str | Path, proxies: Any = None) -> Path:
    """Write the bid return for ``plan`` to ``path``: one workbook each supplier fills in.

    ``proxies`` is the social value proxy table (a polars frame or rows with ``measure``,
    ``description``, ``unit``, ``proxy_value``, or a list of measure ids); with it the
    measure column gets a drop-down and the Instructions list the measures.
    """
    return S.save(bid_return_workbook(plan, proxies), path)


def bid_return_workbook(plan: Plan, proxies: Any = None) -> Workbook:
    """The bid return as an openpyxl workbook (see :func:`build_bid_return`)."""
    measures = _proxy_rows(proxies)
    wb = S.new_workbook(_mark(plan, BID_RETURN, proxies=proxy_values_digest(plan, measures)))
    lists = S.Lists.of(wb)
    has_commitments = any(c.kind == "commitments" for c in plan.leaves)

    ws = wb.create_sheet(layout.BID_ORGANISATION)
    S.title_block(
        ws,
        "Your organisation",
        "Fill in every row marked *. Figures are from your latest filed accounts.",
        "These details are used to report on participation; they are never scored.",
    )
    S.write_form(ws, layout.ORGANISATION_FIELDS)
    _finish(ws)

    optional = layout.optional_bid_sheets(len(plan.lots), has_commitments)
    _supply_chain_sheet(wb, plan, lists)
    _prices_sheet(wb, plan, lists)
    if layout.BID_PACKAGES in optional:
        _packages_sheet(wb, plan)
    if layout.BID_SOCIAL_VALUE in optional:
        _social_value_sheet(wb, plan, lists, measures)
    S.instructions_sheet(
        wb, f"Bid return — {_tender_name(plan)}", _bid_instructions(plan, measures, has_commitments)
    )
    lists.move_last()
    wb.active = 0
    return wb


def _supply_chain_sheet(wb: Workbook, plan: Plan, lists: S.Lists) -> None:
    ws = wb.create_sheet(layout.BID_SUPPLY_CHAIN)
    S.title_block(
        ws,
        "Supply chain: consortium members and subcontractors",
        "One row per organisation that will deliver part of the contract. Leave "
        "empty if you will deliver everything yourselves.",
        "Lots: the lot ids the organisation works on, separated by ; (blank = all).",
    )
    _blank_table(ws, layout.SUPPLY_CHAIN_COLUMNS, SUPPLY_CHAIN_ROWS, plan, lists)
    _finish(ws)


def _prices_sheet(wb: Workbook, plan: Plan, lists: S.Lists) -> None:
    ws = wb.create_sheet(layout.BID_PRICES)
    S.title_block(ws, *layout.prices_title_block(plan.contract_years))
    columns = layout.PRICE_COLUMNS
    S.write_headers(ws, columns)
    validations = S.Validations(ws)
    items = {item.id: item for item in plan.price.items}
    row = layout.TABLE_HEADER_ROW + 1
    for lot in plan.lots:
        for item_id, item in items.items():
            values = {
                "lot": lot.id,
                "lot_name": lot.name,
                "item": item_id,
                "description": item.description,
                "unit": item.unit,
                "volume": lot.volume(item_id),
            }
            for index, column in enumerate(columns, start=1):
                cell = ws.cell(row=row, column=index)
                if column.filled_by == "template":
                    S.put(cell, values.get(column.key))
                    cell.alignment = Alignment(wrap_text=column.width >= 24, vertical="top")
                    if column.key == "volume":
                        cell.number_format = S.COUNT_FORMAT
                else:
                    S.mark_input(cell)
                    S.apply_kind(
                        validations, cell, column.kind, column.choices, title=column.header
                    )
            row += 1
    _finish(ws, title_rows=f"{layout.TABLE_HEADER_ROW}:{layout.TABLE_HEADER_ROW}")


def _packages_sheet(wb: Workbook, plan: Plan) -> None:
    ws = wb.create_sheet(layout.BID_PACKAGES)
    ids = ";".join(plan.lot_ids[:3])
    S.title_block(
        ws,
        "Package offers (optional)",
        "A package is a price for winning several lots together, e.g. "
        f"lots {ids}. It is considered alongside your single-lot prices; you are never "
        "awarded a package unless it wins as a whole.",
        "Give the whole-contract price for the package over the full contract term.",
    )
    _blank_table(ws, layout.PACKAGE_COLUMNS, PACKAGE_ROWS, plan, None)
    _finish(ws)


def _social_value_sheet(
    wb: Workbook, plan: Plan, lists: S.Lists, measures: list[dict[str, Any]]
) -> None:
    ws = wb.create_sheet(layout.BID_SOCIAL_VALUE)
    S.title_block(
        ws,
        "Social value commitments",
        "One row per measure you commit to deliver over the contract, with the number of "
        "units (see the measures listed on the Instructions sheet).",
        "Commitments become contract terms and are monitored; only commit to what you will "
        "deliver.",
    )
    _blank_table(
        ws,
        layout.SOCIAL_VALUE_COLUMNS,
        SOCIAL_VALUE_ROWS,
        plan,
        lists,
        measures=[m["measure"] for m in measures],
    )
    _finish(ws)


def _bid_instructions(
    plan: Plan, measures: list[dict[str, Any]], has_commitments: bool
) -> list[str | tuple[str, ...]]:
    text: list[str | tuple[str, ...]] = [
        f"This workbook is your price return for {_tender_name(plan)}"
        + (f", issued by {plan.buyer}." if plan.buyer else "."),
        "The closing date and time, and how to return this workbook, are given in the "
        "invitation to tender. Late returns may not be considered.",
        "## What to fill in",
        f"1. {layout.BID_ORGANISATION}: your organisation's details (every row marked *).",
        f"2. {layout.BID_SUPPLY_CHAIN}: any consortium members or subcontractors.",
        f"3. {layout.BID_PRICES}: a unit rate for each item of every lot you bid for. A lot whose "
        "rates are all blank is a lot you are not bidding for.",
    ]
    step = 4
    if len(plan.lots) > 1:
        text.append(
            f"{step}. {layout.BID_PACKAGES}: optional prices for winning several lots together."
        )
        step += 1
    if has_commitments:
        text.append(
            f"{step}. {layout.BID_SOCIAL_VALUE}: the social value you commit to, "
            "measure by measure."
        )
    text += [
        "## Price is evaluated separately",
        "Your written answers to the quality and social value questions are submitted as "
        "separate documents, as the invitation to tender explains. Evaluators who score them "
        "do not see this price schedule: price is assessed apart from quality.",
        "## Protection and checks",
        _PROTECTION,
        "Drop-down lists and number checks stop most typing slips; amounts are in pounds "
        "excluding VAT; percentages are typed as percentages (3% not 0.03).",
        _NO_MACROS,
        "## Lots",
        "#h Lot|Name|Group|Estimated value (£)",
    ]
    text += [(lot.id, lot.name, lot.group or "", _money(lot.estimated_value)) for lot in plan.lots]
    text += ["## How bids are evaluated", "#h Criterion|Title|Weight (points of 100)|How scored"]
    text += [
        (c.id, c.title, S.fmt_number(round(c.effective_weight, 4)), _how_scored(plan, c))
        for c in plan.leaves
    ]
    text += _price_method_note(plan) + _overall_minimum(plan)
    if any(c.kind == "price" for c in plan.leaves):
        text += ["## How price is scored", _price_scoring(plan)]
    if plan.lot_cap.max_lots_per_supplier:
        text += [
            f"No supplier will be awarded more than "
            f"{counted(plan.lot_cap.max_lots_per_supplier, 'lot')}. " + plan.lot_cap.mechanism,
        ]
    if has_commitments and measures:
        text += ["## Social value measures", "#h Measure|Description|Unit|Value per unit (£)"]
        text += [
            (
                m["measure"],
                m.get("description", ""),
                m.get("unit", ""),
                _money(m.get("proxy_value")),
            )
            for m in measures
        ]
    return text


# ---- Score sheet ------------------------------------------------------------------------------


def build_score_sheet(
    plan: Plan,
    path: str | Path,
    suppliers: Suppliers = None,
    evaluator: str | None = None,
    *,
    group: str | None = None,
    supplier_slots: int = SUPPLIER_SLOTS,
) -> Path:
    """Write one evaluator's score sheet for ``plan`` to ``path``.

    ``suppliers`` maps each bidder to the lots it bid for (or lists bidders who bid for every
    lot); then there is one row per supplier × lot × question, ready to score. Without it the
    sheet has ``supplier_slots`` blocks of lot × question rows whose supplier cell the
    evaluator fills in. ``group`` (an evaluator group id from the plan) limits the rows to the
    questions that group scores and fills in the group on the declaration.
    """
    return S.save(
        score_sheet_workbook(
            plan, suppliers, evaluator, group=group, supplier_slots=supplier_slots
        ),
        path,
    )


def score_sheet_workbook(
    plan: Plan,
    suppliers: Suppliers = None,
    evaluator: str | None = None,
    *,
    group: str | None = None,
    supplier_slots: int = SUPPLIER_SLOTS,
) -> Workbook:
    """The score sheet as an openpyxl workbook (see :func:`build_score_sheet`)."""
    wb = S.new_workbook(_mark(plan, SCORE_SHEET, group))
    questions = plan.questions_for(group)
    bidders = _normalise_suppliers(plan, suppliers)

    ws = wb.create_sheet(layout.SCORE_DECLARATION)
    S.title_block(
        ws,
        "Declaration of interests",
        "Complete this before you read any bid. If you have any interest in a "
        "bidder, choose 'declared' and name the bidder.",
        "Scores from a sheet without a declaration are not used.",
    )
    S.write_form(ws, layout.DECLARATION_FIELDS, {"evaluator": evaluator, "group": group})
    _finish(ws)

    ws = wb.create_sheet(layout.SCORE_SCORES)
    S.title_block(
        ws,
        f"Scores — {_tender_name(plan)}",
        "Score every row on the scale shown beside it and give a reason that refers "
        f"to the bid. Reasons are shared with bidders in their {terms(plan.regime).summaries}.",
        "Price is evaluated separately: you will not see, and should not ask for, bidders' prices.",
    )
    if bidders is not None:
        rows = [(name, lot, q) for name, lots in bidders.items() for lot in lots for q in questions]
    else:
        rows = [
            (None, lot, q) for _ in range(supplier_slots) for lot in plan.lot_ids for q in questions
        ]
    _score_rows(ws, plan, rows, layout.SCORE_COLUMNS)
    _finish(ws, title_rows=f"{layout.TABLE_HEADER_ROW}:{layout.TABLE_HEADER_ROW}")

    _scales_sheet(wb, plan, questions)
    S.instructions_sheet(
        wb,
        f"Score sheet — {_tender_name(plan)}",
        _score_instructions(plan, questions, group, bidders is None),
        name=layout.SCORE_INSTRUCTIONS,
    )
    S.Lists.of(wb).move_last()  # a scale too long to type into its drop-down is kept there
    wb.active = 0
    return wb


def _score_rows(
    ws: Worksheet,
    plan: Plan,
    rows: Sequence[tuple[str | None, str, Criterion]],
    columns: Sequence[layout.Column],
) -> None:
    """The Scores table: template columns locked, evaluator columns shaded with checks."""
    S.write_headers(ws, columns)
    validations = S.Validations(ws)
    for offset, (supplier, lot, question) in enumerate(rows):
        row = layout.TABLE_HEADER_ROW + 1 + offset
        scale = plan.scales[question.scale] if question.scale else None
        values = {
            "supplier": supplier,
            "lot": lot,
            "question": question.id,
            "title": question.title,
            "scale": f"{scale.id}: {scale.describe()}" if scale else "",
        }
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index)
            if column.key == "supplier" and supplier is None:
                S.mark_input(cell)
            elif column.filled_by == "template":
                S.put(cell, values.get(column.key))
                cell.alignment = S.WRAP
            else:
                S.mark_input(cell)
                cell.alignment = S.WRAP
                if column.key == "score" and scale is not None:
                    validations.scale(
                        cell.coordinate,
                        scale.values,
                        scale.low,
                        scale.high,
                        scale.id,
                        scale.describe(),
                    )


def _scales_sheet(wb: Workbook, plan: Plan, questions: Sequence[Criterion]) -> None:
    ws = wb.create_sheet(layout.SCORE_SCALES)
    S.title_block(
        ws, "What each score means", "Use the descriptor that best fits the answer as a whole."
    )
    columns = (
        layout.Column("scale", "Scale", "text", width=16),
        layout.Column("score", "Score", "number", width=8),
        layout.Column("descriptor", "What it means", "text", width=70),
    )
    S.write_headers(ws, columns)
    row = layout.TABLE_HEADER_ROW + 1
    used = sorted({q.scale for q in questions if q.scale})
    for scale_id in used:
        scale = plan.scales[scale_id]
        descriptors = scale.descriptors or tuple((v, "") for v in scale.values)
        if not descriptors:
            descriptors = ((scale.low, "lowest"), (scale.high, "highest"))
        for value, text in descriptors:
            S.put(ws.cell(row=row, column=1), scale_id)
            S.put(ws.cell(row=row, column=2), value)
            S.put(ws.cell(row=row, column=3), text).alignment = S.WRAP
            row += 1
    _finish(ws)


def _score_instructions(
    plan: Plan, questions: Sequence[Criterion], group: str | None, blank_suppliers: bool
) -> list[str | tuple[str, ...]]:
    share = S.fmt_number(plan.evaluation.discrepancy_share * 100)
    conflicted = (
        "are not used"
        if plan.evaluation.conflicted_scores == "exclude"
        else "are flagged for the panel to review"
    )
    text: list[str | tuple[str, ...]] = [
        f"This workbook is your score sheet for {_tender_name(plan)}.",
        "Return it to the procurement lead by the date they give you.",
        "## What to fill in",
        f"1. {layout.SCORE_DECLARATION}: your name, the date and whether you have a conflict of "
        "interest with any bidder. Do this before reading the bids. Your scores for a bidder "
        f"you declare a conflict with {conflicted}.",
        f"2. {layout.SCORE_SCORES}: a score and a written reason on every row. "
        + (
            "Type the bidder's name in the Supplier column of each block you use; leave unused "
            "blocks empty. "
            if blank_suppliers
            else ""
        )
        + f"The {layout.SCORE_SCALES} sheet says what each score means.",
        "Score on your own, from the bid in front of you, before the moderation meeting. Where "
        f"evaluators' scores for a question differ by more than {share}% of the scale, the "
        "panel agrees a consensus score with a written reason at moderation.",
        f"Write reasons a bidder could read: they go into the {terms(plan.regime).summaries} "
        f"every bidder receives ({terms(plan.regime).summary_law}).",
        "## Price is evaluated separately",
        "You score quality and social value only. Prices are evaluated separately from quality "
        "so that what a bid costs cannot influence its quality score.",
        "## Protection and checks",
        _PROTECTION,
        _NO_MACROS,
        "## Questions",
        "#h Question|Title|Weight (points of 100)|Scale|Minimum",
    ]
    for q in questions:
        text.append(
            (
                q.id,
                q.title,
                S.fmt_number(round(q.effective_weight, 4)),
                q.scale or "",
                q.minimum_shown,
            )
        )
        if q.guidance:
            text.append(f"{q.id} guidance: {q.guidance}")
    # The panel should know the threshold its scores are held to, as bidders were told it.
    text += _overall_minimum(plan)
    if group:
        named = next((g for g in plan.evaluation.groups if g.id == group), None)
        if named is not None:
            text.append(
                f"You score as part of the {named.name}, whose scores carry "
                f"{S.fmt_number(named.share)}% of each question's score."
            )
    return text


# ---- Moderation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelNotes:
    """What the moderation workbook shows beside each row once the evaluators have scored,
    by (supplier key, lot, question): their scores, and, where they are far enough apart that
    scoring flags a discrepancy (``evaluation.discrepancy_share`` of the scale), why the row
    must be moderated. Worked out from the score result (:func:`panel_notes`): the workbook
    only shows what scoring decided."""

    scores: dict[tuple[str, str, str], str]
    far_apart: dict[tuple[str, str, str], str]
    # The rows far apart that have a consensus score recorded already: marked 'yes' (the row
    # says so), but not waiting for the panel.
    recorded: frozenset[tuple[str, str, str]] = frozenset()


def panel_notes(result: ScoreResult) -> PanelNotes:
    """The evaluators' scores and the discrepancies of ``result``, for the moderation
    workbook (:class:`PanelNotes`)."""
    import polars as pl

    from tendereval.scoring.common import fmt
    from tendereval.scoring.quality import group_shares

    # A group with its own share of a question keeps it beside any consensus (scoring's
    # rule): the panel is told its score is not theirs to moderate.
    shares = (
        group_shares(result.plan)
        .filter(pl.col("component") != "")
        .select(
            "question",
            group="component",
            kept=pl.format(" (the group's own {}%: not moderated)", _number_text(pl.col("share"))),
        )
    )
    # Every score given, counted or not: one set aside when it was read (3.5 on a scale of
    # whole points, '4 - Good') is shown as it was typed, with why it did not count.
    given = result.evaluator_scores.filter(
        pl.col("score").is_not_null() | pl.col("found").is_not_null()
    ).join(shares, on=["group", "question"], how="left", maintain_order="left")
    listed = given.group_by("supplier", "lot", "question", maintain_order=True).agg(
        pl.format(
            "{} {}{}",
            "evaluator",
            pl.coalesce(_number_text(pl.col("score")), pl.col("found")),
            pl.when(~pl.col("counted"))
            .then(pl.format(" (not counted: {})", pl.col("excluded_because").fill_null("")))
            .otherwise(pl.col("kept").fill_null("")),
        ).str.join("; ")
    )
    share = fmt(result.plan.evaluation.discrepancy_share * 100)
    scales = {
        q.id: result.plan.scales[q.scale]
        for q in result.plan.questions()
        if q.scale in result.plan.scales
    }
    far_apart: dict[tuple[str, str, str], str] = {}
    recorded: set[tuple[str, str, str]] = set()
    for supplier, lot, question, lowest, highest, consensus in (
        result.moderation.filter(pl.col("discrepancy"))
        .select("supplier", "lot", "question", "lowest", "highest", "consensus")
        .iter_rows()
    ):
        scale = scales.get(question)
        of = f" of the {fmt(scale.low)}–{fmt(scale.high)} scale" if scale is not None else ""
        already = (
            f"; a consensus score of {fmt(consensus)} is already recorded"
            if consensus is not None
            else ""
        )
        key = (supplier_key(supplier), lot, question)
        far_apart[key] = (
            f"yes: from {fmt(lowest)} to {fmt(highest)}, more than {share}%{of}{already}"
        )
        if consensus is not None:
            recorded.add(key)
    return PanelNotes(
        scores={
            (supplier_key(supplier), lot, question): text
            for supplier, lot, question, text in listed.iter_rows()
        },
        far_apart=far_apart,
        recorded=frozenset(recorded),
    )


class FarApart(NamedTuple):
    """How many of the moderation workbook's rows marked 'yes' (scores far apart) need a
    consensus score, and how many have one recorded already."""

    to_moderate: int
    moderated: int


def rows_far_apart(plan: Plan, suppliers: Suppliers, notes: PanelNotes | None) -> FarApart:
    """The moderation workbook's rows (one per bid listed and question) marked far apart,
    counted as :class:`FarApart`: a withdrawn bid's, not listed, are not counted. A row whose
    consensus is recorded already was counted as one to moderate ('15 rows … each needs a
    consensus score', 3 of them saying they had one)."""
    bidders = _normalise_suppliers(plan, suppliers)
    if notes is None or bidders is None:
        return FarApart(0, 0)
    marked = [
        key
        for name, lots in bidders.items()
        for lot in lots
        for q in plan.questions()
        if (key := (supplier_key(name), lot, q.id)) in notes.far_apart
    ]
    moderated = sum(key in notes.recorded for key in marked)
    return FarApart(len(marked) - moderated, moderated)


def _number_text(score: Any) -> Any:
    """A score as a person writes it: 3, 2.5 (not 3.0)."""
    import polars as pl

    return (
        pl.when(score == score.round(0))
        .then(score.cast(pl.Int64).cast(pl.String))
        .otherwise(score.round(6).cast(pl.String))
    )


def build_moderation_sheet(
    plan: Plan, path: str | Path, suppliers: Suppliers = None, notes: PanelNotes | None = None
) -> Path:
    """Write the moderation workbook: consensus scores with reasons, agreed by the panel.

    With ``suppliers`` there is one row per supplier × lot bid × question; the moderator fills
    in the consensus score, reason and name for every item the panel moderated and leaves the
    others blank. Without it there are empty rows with drop-downs for lot and question.
    ``notes`` (once the evaluators have scored: :func:`panel_notes`) adds two columns the
    panel moderates from: each row's evaluators' scores, and which rows must be moderated.
    """
    return S.save(moderation_workbook(plan, suppliers, notes), path)


def moderation_workbook(
    plan: Plan, suppliers: Suppliers = None, notes: PanelNotes | None = None
) -> Workbook:
    """The moderation workbook as an openpyxl workbook (see :func:`build_moderation_sheet`)."""
    wb = S.new_workbook(_mark(plan, MODERATION))
    lists = S.Lists.of(wb)
    questions = plan.questions()
    bidders = _normalise_suppliers(plan, suppliers)
    ws = wb.create_sheet(layout.MODERATION_SHEET)
    if bidders is None:
        notes = None  # rows with no supplier have nothing to show beside them
    # The columns shown for the panel only when there is something to show in them.
    columns = tuple(c for c in layout.MODERATION_COLUMNS if c.read or notes is not None)
    S.title_block(
        ws,
        f"Moderation — {_tender_name(plan)}",
        "A consensus score replaces the evaluators' individual scores for that row; "
        "give the reason the panel agreed on.",
        "Leave a row blank if the panel did not moderate it."
        + _marked_yes(rows_far_apart(plan, suppliers, notes)),
    )
    S.write_headers(ws, columns)
    validations = S.Validations(ws)
    by_id = {q.id: q for q in questions}
    if bidders is not None:
        rows = [
            (name, lot, q.id) for name, lots in bidders.items() for lot in lots for q in questions
        ]
    else:
        rows = [(None, None, None)] * MODERATION_ROWS
    for offset, (supplier, lot, question) in enumerate(rows):
        row = layout.TABLE_HEADER_ROW + 1 + offset
        known = {"supplier": supplier, "lot": lot, "question": question}
        if notes is not None and supplier is not None:
            key = (supplier_key(supplier), lot, question)
            known["evaluator_scores"] = notes.scores.get(key, "no evaluator's score yet")
            known["to_moderate"] = notes.far_apart.get(key)
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index)
            if known.get(column.key) is not None:
                S.put(cell, known[column.key])
                if not column.read:
                    cell.alignment = S.WRAP
                continue
            if not column.read:
                continue  # shown for the panel, never typed in
            S.mark_input(cell)
            cell.alignment = S.WRAP
            if column.key == "lot":
                validations.choice(
                    cell.coordinate, (), "Lot", formula=lists.formula("lots", plan.lot_ids)
                )
            elif column.key == "question":
                validations.choice(
                    cell.coordinate, (), "Question", formula=lists.formula("questions", list(by_id))
                )
            elif column.key == "score":
                _score_rule(validations, plan, cell.coordinate, by_id.get(question or ""))
    _finish(ws, title_rows=f"{layout.TABLE_HEADER_ROW}:{layout.TABLE_HEADER_ROW}")
    _scales_sheet(wb, plan, questions)
    S.instructions_sheet(
        wb,
        f"Moderation — {_tender_name(plan)}",
        [
            f"This workbook records the panel's consensus scores for {_tender_name(plan)}.",
            "## What to fill in",
            f"On the {layout.MODERATION_SHEET} sheet, for each supplier, lot and question the "
            "panel moderated: the consensus score, the reason the panel agreed, and who chaired "
            "the moderation. A consensus score is used in place of the evaluators' scores; rows "
            "left blank keep the evaluators' combined score.",
            "Every flagged discrepancy (evaluators far apart on a question) needs a consensus "
            "score and a reason that refers to the bid.",
            *(
                [
                    "The last two columns show each row's evaluators' scores as they were when "
                    "this workbook was made, and mark 'yes' each row whose scores are far "
                    "apart. They are for the panel to read: nothing in them is read back, and "
                    "the scores counted are those on the evaluators' own sheets."
                ]
                if notes is not None
                else []
            ),
            "## Price is evaluated separately",
            "Moderation covers quality and social value only; prices are evaluated apart.",
            "## Protection and checks",
            _PROTECTION,
            _NO_MACROS,
        ],
        name=layout.SCORE_INSTRUCTIONS,
    )
    lists.move_last()
    wb.active = 0
    return wb


def _marked_yes(far: FarApart) -> str:
    """What the moderation sheet's title says of the rows marked 'yes' ("" for none)."""
    if not far.moderated:
        return (
            f" The {counted(far.to_moderate, 'row')} marked 'yes' in the last column must be "
            "moderated: the evaluators' scores are far apart."
            if far.to_moderate
            else ""
        )
    waiting = f"{counted(far.to_moderate, 'row')} to moderate and " if far.to_moderate else ""
    return (
        " Marked 'yes' in the last column, where the evaluators' scores are far apart: "
        f"{waiting}{counted(far.moderated, 'row')} with a consensus score already."
    )


def _score_rule(
    validations: S.Validations, plan: Plan, ref: str, question: Criterion | None
) -> None:
    """The question's own scale, or the widest range of the plan's scales when unknown."""
    if question is not None and question.scale in plan.scales:
        scale = plan.scales[question.scale]
        validations.scale(ref, scale.values, scale.low, scale.high, scale.id, scale.describe())
        return
    scales = list(plan.scales.values())
    if scales:
        low = min(s.low for s in scales)
        high = max(s.high for s in scales)
        validations.scale(
            ref,
            (),
            low,
            high,
            "any",
            f"A score between {S.fmt_number(low)} and {S.fmt_number(high)} on "
            "the question's scale (see the Scales sheet).",
        )


# ---- The consolidated matrix -----------------------------------------------------------------

# The kind of each matrix column, for number formats and validation.
_MATRIX_KINDS: dict[str, str] = {
    "org_type": "org_type",
    "vcse": "yes_no",
    "sme": "yes_no",
    "staff": "count",
    "turnover": "money",
    "balance_sheet": "money",
    "unit_rate": "money",
    "price": "money",
    "uplift": "share",
    "share": "share",
    "lot": "lot",
    "item": "item",
    "question": "question",
    "measure": "measure",
    "units": "number",
    "score": "score",
    "role": "role",
    "conflict": "conflict",
    "declared_on": "date",
    "group": "group",
}


def build_matrix(plan: Plan, path: str | Path, proxies: Any = None) -> Path:
    """Write the consolidated matrix: one table per sheet, headers in row 1.

    This is the form for a tender whose bids and scores are gathered in one workbook (e.g.
    exported from an e-tendering portal) instead of one file per supplier and evaluator.
    """
    return S.save(matrix_workbook(plan, proxies), path)


def matrix_workbook(plan: Plan, proxies: Any = None) -> Workbook:
    """The matrix as an openpyxl workbook (see :func:`build_matrix`)."""
    wb = S.new_workbook(_mark(plan, MATRIX))
    lists = S.Lists.of(wb)
    measures = [m["measure"] for m in _proxy_rows(proxies)]
    question_ids = [q.id for q in plan.questions()]
    list_sources = {
        "lot": ("lots", plan.lot_ids),
        "item": ("items", [item.id for item in plan.price.items]),
        "question": ("questions", question_ids),
        "measure": ("measures", measures),
        "group": ("groups", [g.id for g in plan.evaluation.groups]),
    }
    fixed = {
        "org_type": layout.ORG_TYPES,
        "yes_no": layout.YES_NO,
        "role": layout.SUPPLY_CHAIN_ROLES,
        "conflict": layout.CONFLICT_CHOICES,
    }
    for name, headers in layout.MATRIX_SHEETS.items():
        ws = wb.create_sheet(name)
        validations = S.Validations(ws)
        for index, header in enumerate(headers, start=1):
            letter = get_column_letter(index)
            cell = S.put(ws.cell(row=1, column=index), header)
            cell.font = S.BOLD
            cell.fill = S.HEADER_FILL
            cell.protection = S.LOCKED
            # Column styles unlock and shade every cell below the header without writing
            # thousands of empty cells.
            dimension = ws.column_dimensions[letter]
            dimension.width = max(12, len(header) + 4)
            dimension.protection = S.UNLOCKED
            dimension.fill = S.INPUT_FILL
            ref = f"{letter}2:{letter}{MATRIX_ROWS}"
            kind = _MATRIX_KINDS.get(header, "text")
            if kind in fixed:
                validations.choice(ref, fixed[kind], header)
            elif kind in list_sources:
                list_name, values = list_sources[kind]
                if values:
                    validations.choice(ref, (), header, formula=lists.formula(list_name, values))
            elif kind == "score":
                _score_rule(validations, plan, ref, None)
            elif kind == "money":
                dimension.number_format = S.MONEY_FORMAT
                validations.money(ref)
            elif kind == "count":
                validations.count(ref)
            elif kind == "number":
                validations.number(ref)
            elif kind == "share":
                dimension.number_format = S.SHARE_FORMAT
                validations.share(ref)
            elif kind == "date":
                dimension.number_format = S.DATE_FORMAT
                validations.date(ref)
        ws.freeze_panes = "A2"
        S.protect(ws)
        # Rows must be insertable and deletable in a table people paste into.
        ws.protection.insertRows = False
        ws.protection.deleteRows = False
        ws.protection.sort = False
        S.print_setup(ws, title_rows="1:1")
    S.instructions_sheet(
        wb,
        f"Evaluation matrix — {_tender_name(plan)}",
        _matrix_instructions(plan),
        name=layout.BID_INSTRUCTIONS,
    )
    lists.move_last()
    wb.active = 0
    return wb


def _matrix_instructions(plan: Plan) -> list[str | tuple[str, ...]]:
    text: list[str | tuple[str, ...]] = [
        f"This workbook gathers every bid and score for {_tender_name(plan)} in one place, as "
        "an alternative to one bid return per supplier and one score sheet per evaluator.",
        "Each sheet is one table with its column names in row 1. Add one row per record; "
        "the supplier name must be spelt the same way on every sheet.",
        "## The sheets",
        "#h Sheet|Columns",
    ]
    text += [(name, ", ".join(headers)) for name, headers in layout.MATRIX_SHEETS.items()]
    text += [
        "Required sheets: " + ", ".join(layout.MATRIX_REQUIRED_SHEETS) + ". Percentages "
        "(uplift, share) are typed as percentages; money is in pounds excluding VAT.",
        "## Price is evaluated separately",
        "Evaluators should score quality and social value without seeing the Prices sheet; keep "
        "prices in a copy the quality evaluators do not receive until scoring is finished.",
        "## Protection and checks",
        "Row 1 is locked; every cell below it is open for typing or pasting. Sheets are "
        "protected without a password.",
        _NO_MACROS,
        "## Lots and price items",
        "#h Lot|Name|Item|Yearly volume",
    ]
    text += [
        (lot.id, lot.name, item_id, S.fmt_number(volume))
        for lot in plan.lots
        for item_id, volume in lot.volumes
    ]
    text += ["## Questions", "#h Question|Title|Weight (points of 100)|Scale|Minimum"]
    text += [
        (q.id, q.title, S.fmt_number(round(q.effective_weight, 4)), q.scale or "", q.minimum_shown)
        for q in plan.questions()
    ]
    return text + _overall_minimum(plan)


# ---- What a tender folder already knows -------------------------------------------------------


def known_bidders(
    folder: str | Path, tender: Tender | None = None
) -> tuple[dict[str, list[str]] | None, int]:
    """Supplier → lots bid, from the bids in a tender folder (None when there are none yet),
    and how many bids were left out as withdrawn (``[[withdrawal]]`` in decisions.toml: no
    evaluator is asked to score a tender nobody will award).

    Score sheets and moderation sheets use it to list one row per bid. Problems in the bids
    are left for ``tendereval validate``: a template is still useful while bids are checked.
    ``tender``: the folder already read, if it is.
    """
    if not (Path(folder) / layout.BIDS_FOLDER).is_dir():
        return None, 0
    import polars as pl

    from tendereval.award.set_aside import set_aside_rows
    from tendereval.io.tender import load_tender
    from tendereval.scoring.common import key_map, with_key

    tender = tender or load_tender(folder)
    bids = tender.bids
    # Rows a withdrawal covers (or a rejection of a return beside the one that stands), by
    # the rule scoring applies (award/set_aside.py), among every bid file as scoring has
    # them: which of two files alike a record names is told among them all.
    every = with_key(bids.with_row_index("row"), key_map(bids.get_column("supplier")))
    aside = set_aside_rows(every, tender.decisions)
    keyed = every.filter(pl.col("lot").is_not_null())
    standing = keyed.join(aside, on="row", how="anti")
    withdrawn = keyed.join(aside.filter(pl.col("withdrawn").is_not_null()), on="row", how="semi")
    # A return its supplier replaced leaves out no bid: the later one is listed.
    left_out = withdrawn.join(standing, on=["skey", "lot"], how="anti").select("skey", "lot")
    grouped = standing.group_by("supplier", maintain_order=True).agg(
        pl.col("lot").unique(maintain_order=True)
    )
    listed = dict(zip(grouped["supplier"].to_list(), grouped["lot"].to_list(), strict=True))
    return listed or None, left_out.unique().height


def find_proxies(plan: Plan, folder: str | Path) -> Any:
    """The plan's social value proxy table (a frame), found the way the loaders find it: in
    the tender folder, then among the tables shipped in ``templates/``. None when the plan
    names none or it cannot be read (``tendereval validate`` reports why)."""
    if not plan.social_value.proxy_table:
        return None
    from tendereval.io.proxies import load_proxies

    table = load_proxies(plan, Path(folder))
    return table.frame if table.path is not None else None


# ---- Shared helpers ---------------------------------------------------------------------------


def _blank_table(
    ws: Worksheet,
    columns: Sequence[layout.Column],
    count: int,
    plan: Plan,
    lists: S.Lists | None,
    measures: Sequence[str] = (),
) -> None:
    """A header row and ``count`` empty input rows with each column's checks."""
    S.write_headers(ws, columns)
    validations = S.Validations(ws)
    first = layout.TABLE_HEADER_ROW + 1
    for index, column in enumerate(columns, start=1):
        formula = None
        if lists is not None and column.kind == "lot":
            formula = lists.formula("lots", plan.lot_ids)
        elif lists is not None and column.key == "measure" and measures:
            formula = lists.formula("measures", list(measures))
        for row in range(first, first + count):
            cell = ws.cell(row=row, column=index)
            S.mark_input(cell)
            if column.kind == "text" and column.width >= 32:
                cell.alignment = S.WRAP
            S.apply_kind(
                validations, cell, column.kind, column.choices, formula=formula, title=column.header
            )


def _finish(ws: Worksheet, title_rows: str | None = None) -> None:
    S.protect(ws)
    S.print_setup(ws, title_rows)


def _mark(
    plan: Plan, kind: str, group: str | None = None, proxies: str | None = None
) -> dict[str, str]:
    """The custom properties marking a template as made from ``plan`` (none for a plan
    whose reference is still a placeholder); ``proxies``, the digest of the proxy values a bid
    return shows."""
    mark = TemplateMark.of(plan, kind, group, proxies)
    return mark.properties() if mark is not None else {}


def _tender_name(plan: Plan) -> str:
    return f"{plan.title} ({plan.tender_id})" if plan.title else plan.tender_id


def _money(value: float | None) -> str:
    return "" if value is None else pounds(value).removesuffix(".00")


def _price_scoring(plan: Plan) -> str:
    """How price is scored, with the values of the method's settings, as scoring states it
    in every output (imported here: scoring needs polars, which making a template does not)."""
    from tendereval.scoring.price import describe

    return describe(plan)


def _price_method_note(plan: Plan) -> list[str]:
    """How price is treated when no criterion says it, as every output listing the criteria
    states it (imported here, as ``_price_scoring``'s wording is)."""
    from tendereval.report.views import price_method_note

    return price_method_note(plan)


def _overall_minimum(plan: Plan) -> list[str]:
    """The overall quality threshold as every output that describes the criteria states it
    (imported here, as ``_price_scoring``'s wording is)."""
    from tendereval.report.views import overall_minimum

    return overall_minimum(plan)


def _how_scored(plan: Plan, criterion: Criterion) -> str:
    if criterion.kind == "price":
        return f"Price: {plan.price.method.replace('_', ' ')} (see How price is scored, below)"
    if criterion.kind == "commitments":
        return "Social value commitments valued with the proxy table"
    scale = plan.scales.get(criterion.scale or "")
    shown = f"Scored {scale.describe()}" if scale else "Scored by evaluators"
    if criterion.minimum is not None:
        shown += f"; minimum score {criterion.minimum_shown}"
    return shown


def _normalise_suppliers(plan: Plan, suppliers: Suppliers) -> dict[str, list[str]] | None:
    """Supplier → lots bid, in the plan's lot order; None when the bidders are not known."""
    if suppliers is None:
        return None
    if isinstance(suppliers, Mapping):
        order = {lot_id: index for index, lot_id in enumerate(plan.lot_ids)}
        return {
            name: sorted(set(lots), key=lambda lot: (order.get(lot, len(order)), lot))
            for name, lots in suppliers.items()
        }
    return {name: list(plan.lot_ids) for name in suppliers}


def _proxy_rows(proxies: Any) -> list[dict[str, Any]]:
    if proxies is None:
        return []
    if hasattr(proxies, "to_dicts"):
        return [row for row in proxies.to_dicts() if row.get("measure")]
    rows: Iterable[Any] = proxies
    return [row if isinstance(row, Mapping) else {"measure": str(row)} for row in rows]
