"""The evaluation report workbook: ``write_report(result, path)``.

Sheets: Summary, Ranking (live what-if formulas), Price, Price build-up, Quality, Social
value, Social value commitments, Sub-totals (when the plan groups questions), Evaluator scores,
Flags, Sensitivity, Probability of winning, Rank reversal and Audit. With ``public=True`` a
redacted workbook for publication instead (see :mod:`tendereval.report.public`).

The writer never recomputes a score: every number comes from the :class:`ScoreResult`. The same
result always gives the same cells; the only thing that varies between runs of scoring is the
run time (shown on Audit and used as the workbook's created/modified date).
"""

from __future__ import annotations

from pathlib import Path

from tendereval.errors import workbook_path, yes_or_no
from tendereval.inputs import never_over_the_tender
from tendereval.layout import default_report_path  # noqa: F401  (also known by this name)
from tendereval.report import audit, details, findings, ranking, summary
from tendereval.report.book import Workbook
from tendereval.report.cells import atomic_save, many_cells
from tendereval.report.public import write_public
from tendereval.report.views import FIXED_TIME, run_time
from tendereval.scored_from import hold_if_written_into
from tendereval.scoring.result import ScoreResult, one_output

# One table a sheet (Audit aside), so each table's header is the one kept in view and
# printed on every page. Sub-totals is written only when the plan groups questions.
SHEETS = (
    "Summary",
    "Ranking",
    "Price",
    details.PRICE_BUILD_UP,
    "Quality",
    "Social value",
    details.COMMITMENTS,
    details.SUB_TOTALS,
    "Evaluator scores",
    "Flags",
    "Sensitivity",
    findings.PROBABILITY,
    findings.REVERSAL,
    "Audit",
)


@one_output
def build_report(result: ScoreResult, public: bool = False) -> tuple[Workbook, dict]:
    """The workbook and the cached values of its formula cells (sheet → cell → value)."""
    wb = Workbook()
    plan = result.plan
    wb.properties.title = f"{plan.tender_id} evaluation report" + (" (public)" if public else "")
    wb.properties.creator = "tendereval"
    wb.properties.output = "public evaluation report" if public else "evaluation report"
    if public:
        write_public(wb, result)
        return wb, {}
    sheets = {
        name: wb.create_sheet(name)
        for name in SHEETS
        if name != details.SUB_TOTALS or details.has_sub_totals(result)
    }
    wb.remove(wb.worksheets[0])
    layout = ranking.write_ranking(sheets["Ranking"], result)
    summary.write_summary(sheets["Summary"], result, sheets["Ranking"], layout)
    details.write_price(sheets["Price"], result)
    details.write_price_build_up(sheets[details.PRICE_BUILD_UP], result)
    details.write_questions(sheets["Quality"], result, "quality", "Quality")
    details.write_questions(sheets["Social value"], result, "social_value", "Social value")
    details.write_commitments(sheets[details.COMMITMENTS], result)
    if details.SUB_TOTALS in sheets:
        details.write_sub_totals(sheets[details.SUB_TOTALS], result)
    details.write_evaluator_scores(sheets["Evaluator scores"], result)
    findings.write_flags(sheets["Flags"], result)
    findings.write_sensitivity(sheets["Sensitivity"], result)
    findings.write_win_probability(sheets[findings.PROBABILITY], result)
    findings.write_rank_reversal(sheets[findings.REVERSAL], result)
    audit.write_audit(sheets["Audit"], result)
    return wb, {ranking.SHEET: layout.cached}


@one_output
def write_report(result: ScoreResult, path: str | Path, public: bool = False) -> Path:
    """Write the evaluation report (or with ``public`` the redacted one) to ``path``.

    The file is replaced in one step, so a failure leaves any previous report intact. Formula
    cells carry scoring's values as their cached results and Excel recalculates on open.
    Returns the path written. A ``path`` that is one of the tender's inputs is a UsageError.
    """
    # (public=5 or "no" is truthy: it wrote the redacted report, or the full one, unasked.)
    public = yes_or_no("public", public)
    # (An input named is refused as one first: that is the graver slip.)
    never_over_the_tender(result.folder, path)
    workbook_path(path)
    hold_if_written_into(result, path)
    with many_cells():
        wb, cached = build_report(result, public=public)
        return atomic_save(wb, path, when=run_time(result) or FIXED_TIME, cached=cached)
