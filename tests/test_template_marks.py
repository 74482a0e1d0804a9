"""Templates say which tender, and which version of its plan, they were made from; a bid return
or score sheet made from another tender's template, or before the plan changed what the
template shows, is named (tendereval/template_marks.py).

Before this, a score sheet from another tender with the same bidders and question numbers was
counted as this tender's, and a score sheet made before a scale changed from 0–4 to 0–5 was
counted on the new scale (a 4, the top mark when given, became "good"), without a word."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import tendereval
from tendereval import templates
from tendereval.cli import cli
from tendereval.errors import Severity
from tendereval.io.workbook import open_book
from tendereval.plan import Plan, load_plan
from tendereval.resources import templates_dir
from tendereval.template_marks import (
    BID_RETURN,
    GROUP,
    PLAN,
    SCORE_SHEET,
    TEMPLATE,
    TENDER,
    TemplateMark,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CARERS = "carers-short-breaks"
OFFICERS = ("scores/helen-marsh.xlsx", "scores/priya-shah.xlsx", "scores/tom-okafor.xlsx")
PANEL = "scores/carers-reference-group-panel.xlsx"
MODERATION = "scores/moderation.xlsx"


def _carers(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the carers example with each (old, new) text replaced in its plan."""
    folder = tmp_path / CARERS
    shutil.copytree(EXAMPLES / CARERS, folder, ignore=shutil.ignore_patterns("reports"))
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    return folder


def _mark_of(path: Path) -> dict[str, str]:
    book, _ = open_book(path, path.name)
    assert book is not None
    with book:
        return book.template_mark()


def _marked(tender: tendereval.Tender) -> dict[str, tuple[str, Severity]]:
    return {p.file: (p.code, p.severity) for p in tender.problems if p.code.startswith("template.")}


def _digest(*lines: str) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:8]


# ---- what a template carries -----------------------------------------------------------------


def test_the_examples_carry_their_mark_worked_out_by_hand() -> None:
    """The digests are of a fixed recipe, worked out here from the carers plan as written:
    a template made by another version of tendereval from the same plan must match."""
    lots = _digest("CSB")
    prices = _digest(  # each part's lines sorted: rows are matched by their ids
        "CSB\tday_sessions\tsession\t2600.0",
        "CSB\trespite_nights\tnight\t1400.0",
        "CSB\tsitting_hours\thour\t18000.0",
    )
    five = "\t0.0\t5.0\t0.0\t1.0\t2.0\t3.0\t4.0\t5.0"  # low, high, then each value
    questions, scales = (
        _digest("Q1", "Q2", "Q3", "SV1"),
        _digest(*(q + five for q in ("Q1", "Q2", "Q3", "SV1"))),
    )
    panel_questions, panel_scales = _digest("Q1", "Q3"), _digest("Q1" + five, "Q3" + five)
    # The proxy values the bid return shows suppliers: measure, unit, £ a unit, sorted.
    proxies = _digest(
        *sorted(
            "\t".join((measure, unit, repr(float(value))))
            for measure, unit, value in (
                ("SV-JOB-LOCAL", "FTE year", 32500),
                ("SV-JOB-DIS", "FTE year", 18900),
                ("SV-JOB-NEET", "FTE year", 16700),
                ("SV-APP", "week", 240),
                ("SV-TRAIN", "hour", 18),
                ("SV-SPEND-LOCAL", "£ spent", 0.19),
                ("SV-SPEND-VCSE", "£ spent", 0.25),
                ("SV-VOL", "hour", 17),
                ("SV-CARBON", "tonne", 251),
                ("SV-EV", "mile", 0.07),
            )
        )
    )
    folder = EXAMPLES / CARERS
    assert _mark_of(folder / "bids" / "weald-carers-trust.xlsx") == {
        TEMPLATE: "bid return",
        TENDER: "CSB-2026-01",
        PLAN: f"lots {lots}; prices {prices}; proxies {proxies}",
    }
    assert _mark_of(folder / OFFICERS[0]) == {
        TEMPLATE: "score sheet",
        TENDER: "CSB-2026-01",
        PLAN: f"questions {questions}; scales {scales}",
    }
    assert _mark_of(folder / PANEL) == {
        TEMPLATE: "score sheet",
        TENDER: "CSB-2026-01",
        PLAN: f"questions {panel_questions}; scales {panel_scales}",
        GROUP: "service_users",
    }
    assert _mark_of(folder / MODERATION)[PLAN] == f"questions {questions}; scales {scales}"


@pytest.mark.parametrize("example", [CARERS, "homecare-districts"])
def test_the_examples_as_built_raise_nothing_about_their_templates(example: str) -> None:
    tender = tendereval.load_tender(EXAMPLES / example)
    assert _marked(tender) == {}
    assert all(_mark_of(path) for path in (EXAMPLES / example).rglob("*.xlsx"))


def test_a_plan_whose_reference_is_still_the_placeholder_makes_unmarked_templates(
    tmp_path: Path,
) -> None:
    """The generic blanks and a first draft are no tender's yet: marked, every later plan
    would have been "another tender"."""
    plan, _ = load_plan(Path(__file__).resolve().parents[1] / "templates/presets/40-40-20.toml")
    assert plan is not None and plan.tender_id == "TENDER-001"
    path = templates.build_score_sheet(plan, tmp_path / "score.xlsx")
    assert _mark_of(path) == {}
    assert list(openpyxl.load_workbook(path).custom_doc_props) == []


@given(
    tender=st.text(min_size=1).filter(lambda t: t.strip() == t and "\x00" not in t),
    group=st.text().filter(lambda t: t.strip() == t),
    digests=st.lists(st.from_regex(r"[0-9a-f]{8}", fullmatch=True), min_size=2, max_size=2),
)
def test_a_mark_reads_back_as_written(tender: str, group: str, digests: list[str]) -> None:
    mark = TemplateMark(SCORE_SHEET, tender, (("questions", digests[0]), ("scales", digests[1])))
    mark = TemplateMark(mark.kind, mark.tender, mark.parts, group)
    assert TemplateMark.read(mark.properties()) == mark


# ---- a plan changed after the templates went out ---------------------------------------------


def test_scores_given_before_a_scale_changed_are_not_counted(tmp_path: Path) -> None:
    """0–5 became 0–6: every score is still on the scale, and means something else."""
    folder = _carers(tmp_path, ("values = [0, 1, 2, 3, 4, 5]", "values = [0, 1, 2, 3, 4, 5, 6]"))
    tender = tendereval.load_tender(folder)
    marked = _marked(tender)
    for file in (*OFFICERS, PANEL, MODERATION):
        assert marked[file] == ("template.plan_changed", Severity.ERROR)
    assert tender.scores.height == 0 and tender.moderation.height == 0
    problem = next(p for p in tender.problems if p.file == OFFICERS[0])
    assert "the scoring scales changed" in problem.message
    assert "not counted" in problem.message
    assert "make the score sheets again" in problem.expected
    # No row-level problem piles up behind the one that says why.
    assert not [p for p in tender.problems if p.file in OFFICERS and p.cell]
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") is None and result.award.blockers


def test_a_scale_change_reaches_only_the_sheets_whose_questions_use_it(tmp_path: Path) -> None:
    """Q2 (which the carers' panel does not score) moves to a 0–10 scale: the officers'
    sheets and the moderation are stale, the panel's sheet (Q1 and Q3) is not."""
    folder = _carers(
        tmp_path,
        (
            "[scales.five_point.descriptors]",
            "[scales.ten_point]\nvalues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n\n"
            "[scales.five_point.descriptors]",
        ),
    )
    plan_file = folder / "tender.toml"
    text = plan_file.read_text(encoding="utf-8")
    q2 = text.index('id = "Q2"')
    scale = text.index('scale = "five_point"', q2)
    plan_file.write_text(
        text[:scale] + 'scale = "ten_point"' + text[scale + len('scale = "five_point"') :],
        encoding="utf-8",
    )
    marked = _marked(tendereval.load_tender(folder))
    assert set(marked) == {*OFFICERS, MODERATION}
    assert PANEL not in marked


def test_what_a_template_does_not_show_may_change(tmp_path: Path) -> None:
    """Titles, names, weights and the buyer are not what a score or a price was given
    against: changing them after the templates went out raises nothing."""
    folder = _carers(
        tmp_path,
        ('buyer = "Example County Council"', 'buyer = "Example Council"'),
        ('name = "Carers\' short breaks (county-wide)"', 'name = "Short breaks"'),
        ('"0" = "No response or wholly inadequate"', '"0" = "No response"'),
    )
    assert _marked(tendereval.load_tender(folder)) == {}
    # The reference retyped with other capitals, or an en dash for a hyphen: the same tender.
    for n, retyped in enumerate(("csb-2026-01", "CSB\u20132026\u201301", " CSB-2026-01")):
        again = _carers(tmp_path / str(n), ('id = "CSB-2026-01"', f'id = "{retyped}"'))
        assert _marked(tendereval.load_tender(again)) == {}, retyped


def test_a_bid_made_before_the_price_schedule_changed_is_flagged_not_refused(
    tmp_path: Path,
) -> None:
    """The unit of an item changed from hour to visit: a supplier's rate may be per hour."""
    folder = _carers(tmp_path, ('unit = "hour"', 'unit = "visit"'))
    tender = tendereval.load_tender(folder)
    marked = _marked(tender)
    bids = sorted(p.relative_to(folder).as_posix() for p in (folder / "bids").glob("*.xlsx"))
    assert marked == dict.fromkeys(bids, ("template.plan_changed", Severity.WARNING))
    problem = next(p for p in tender.problems if p.code == "template.plan_changed")
    assert "the price schedule" in problem.message and problem.supplier
    assert "confirm" in problem.expected
    result = tendereval.score(tender, sensitivity=False)
    assert result.award.winner("CSB") == "Weald Carers Trust"


def test_a_bid_made_before_the_proxy_values_changed_is_flagged_not_refused(
    tmp_path: Path,
) -> None:
    """The bid returns showed SV-JOB-LOCAL at £32,500 a local job; the tender folder's own
    table, put in after they went out (this year's values), says £35,000: each supplier
    committed units against values it did not see scored, without a word."""
    folder = _carers(tmp_path)
    table = (templates_dir() / "social-value-proxies-2026.csv").read_text(encoding="utf-8")
    assert ",32500," in table
    (folder / "social-value-proxies-2026.csv").write_text(
        table.replace(",32500,", ",35000,"), encoding="utf-8"
    )
    tender = tendereval.load_tender(folder)
    bids = sorted(p.relative_to(folder).as_posix() for p in (folder / "bids").glob("*.xlsx"))
    assert _marked(tender) == dict.fromkeys(bids, ("template.plan_changed", Severity.WARNING))
    problem = next(p for p in tender.problems if p.code == "template.plan_changed")
    assert "the social value proxy values it shows suppliers changed" in problem.message
    assert "valued at the proxy table's values now" in problem.expected
    # The same values in another order, or a description reworded, are the same values.
    reordered = "\n".join([table.splitlines()[0], *reversed(table.splitlines()[1:])]) + "\n"
    (folder / "social-value-proxies-2026.csv").write_text(
        reordered.replace("Local people employed", "Local residents employed"), encoding="utf-8"
    )
    assert _marked(tendereval.load_tender(folder)) == {}


# ---- another tender's template ---------------------------------------------------------------


def test_score_sheets_of_another_tender_are_not_counted(tmp_path: Path) -> None:
    """The same bidders, questions and scales under another reference: one council's two
    tenders. Before, these scores counted as this tender's."""
    folder = _carers(tmp_path, ('id = "CSB-2026-01"', 'id = "CSB-2027-01"'))
    tender = tendereval.load_tender(folder)
    marked = _marked(tender)
    for file in (*OFFICERS, PANEL, MODERATION):
        assert marked[file] == ("template.other_tender", Severity.ERROR)
    for bid in (folder / "bids").glob("*.xlsx"):
        assert marked[f"bids/{bid.name}"] == ("template.other_tender", Severity.WARNING)
    assert tender.scores.height == 0 and tender.moderation.height == 0
    problem = next(p for p in tender.problems if p.file == OFFICERS[0])
    assert problem.message == (
        "this score sheet was made from the template of another tender ('CSB-2026-01'), not "
        "this one ('CSB-2027-01'): its scores were not counted"
    )
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code != 0
    assert "another tender ('CSB-2026-01')" in result.output


def test_a_consolidated_form_of_another_tender_is_an_error(tmp_path: Path) -> None:
    folder = _carers(tmp_path)
    shutil.rmtree(folder / "bids")
    shutil.rmtree(folder / "scores")
    plan, _ = load_plan(folder / "tender.toml")
    templates.build_matrix(plan, folder / "evaluation.xlsx")
    assert _marked(tendereval.load_tender(folder)) == {}
    text = (folder / "tender.toml").read_text(encoding="utf-8")
    (folder / "tender.toml").write_text(text.replace("CSB-2026-01", "CSB-2027-01"), "utf-8")
    marked = _marked(tendereval.load_tender(folder))
    assert marked == {"evaluation.xlsx": ("template.other_tender", Severity.ERROR)}


# ---- a mark that is damaged, outsized or hostile ---------------------------------------------


def _with_custom(source: Path, target: Path, custom: bytes | None) -> Path:
    """``source`` with its custom properties part replaced by ``custom`` (None: removed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "docProps/custom.xml":
                new.writestr(info, old.read(info))
        if custom is not None:
            new.writestr("docProps/custom.xml", custom)
    target.write_bytes(out.getvalue())
    return target


_PROPERTY = (
    '<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
    "<vt:lpwstr>{value}</vt:lpwstr></property>"
)


def _custom(*properties: tuple[str, str]) -> bytes:
    body = "".join(
        _PROPERTY.format(pid=pid, name=name, value=value)
        for pid, (name, value) in enumerate(properties, start=2)
    )
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{body}</Properties>'
    ).encode()


@pytest.mark.parametrize(
    "custom",
    [
        None,
        b"<Properties><property name='x'",  # cut short
        b"not xml at all",
        _custom((TEMPLATE, "score sheet")),  # no tender: cannot be compared
        _custom((TEMPLATE, "a spreadsheet"), (TENDER, "CSB-2027-01")),  # no kind of ours
        _custom(*((f"Tendereval note {n}", "x" * 200) for n in range(1_300))),  # outsized
        _custom((TEMPLATE, "score sheet"), (TENDER, "CSB-2026-01"), (PLAN, "scales; ;; x")),
    ],
    ids=["none", "cut", "garbage", "no-tender", "not-a-kind", "outsized", "garbled-plan"],
)
def test_a_damaged_or_strange_mark_is_set_aside(tmp_path: Path, custom: bytes | None) -> None:
    """The properties are never what a score says: when they cannot be read or compared,
    the sheet is read on its contents alone, as a sheet without a mark always was."""
    folder = _carers(tmp_path)
    sheet = folder / OFFICERS[0]
    _with_custom(sheet, sheet, custom)
    tender = tendereval.load_tender(folder)
    assert _marked(tender) == {}
    assert "scores/helen-marsh.xlsx" in tender.scores["source"].to_list()
    assert not [p for p in tender.problems if p.file == OFFICERS[0] and p.is_error]


def test_a_mark_naming_another_tender_in_strange_characters_is_shown_safely(
    tmp_path: Path,
) -> None:
    folder = _carers(tmp_path)
    sheet = folder / OFFICERS[0]
    # C1 controls are allowed in XML: U+009B is a terminal's control sequence introducer.
    hostile = "\x9b2J\u202e=HYPERLINK(1)" + "A" * 5_000
    _with_custom(sheet, sheet, _custom((TEMPLATE, "score sheet"), (TENDER, hostile)))
    tender = tendereval.load_tender(folder)
    problem = next(p for p in tender.problems if p.code == "template.other_tender")
    assert len(problem.message) < 400
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert "another tender" in result.output
    assert "\x9b" not in result.output and "\u202e" not in result.output


def test_the_first_of_two_properties_with_one_name_is_read(tmp_path: Path) -> None:
    folder = _carers(tmp_path)
    sheet = folder / OFFICERS[0]
    plan = _mark_of(sheet)[PLAN]
    _with_custom(
        sheet,
        sheet,
        _custom(
            (TEMPLATE, "score sheet"),
            (TENDER, "CSB-2026-01"),
            (TENDER, "CSB-2027-01"),
            (PLAN, plan),
        ),
    )
    assert _marked(tendereval.load_tender(folder)) == {}


def test_the_kind_of_template_is_read_from_the_sheets_not_the_mark(tmp_path: Path) -> None:
    """A bid return whose properties say 'score sheet' is read as the bid return it is."""
    folder = _carers(tmp_path)
    bid = folder / "bids" / "weald-carers-trust.xlsx"
    _with_custom(
        bid,
        bid,
        _custom((TEMPLATE, "score sheet"), (TENDER, "CSB-2027-01"), (PLAN, "scales 00000000")),
    )
    tender = tendereval.load_tender(folder)
    assert _marked(tender) == {
        "bids/weald-carers-trust.xlsx": ("template.other_tender", Severity.WARNING)
    }
    assert "Weald Carers Trust" in tender.bids["supplier"].to_list()


def test_kinds_have_the_article_officers_read() -> None:
    plan, _ = load_plan(EXAMPLES / CARERS / "tender.toml")
    other = TemplateMark(BID_RETURN, "X-1")
    (problem,) = other.problems(plan, "bids/a.xlsx", BID_RETURN)
    assert problem.message.startswith("this bid return was made from the template of another")


def test_the_placeholder_is_known_however_it_is_spelled_and_the_plan_says_what_it_costs(
    tmp_path: Path,
) -> None:
    folder = _carers(tmp_path, ('id = "CSB-2026-01"', 'id = " tender-001"'))
    plan, problems = load_plan(folder / "tender.toml")
    assert plan is not None and TemplateMark.of(plan, BID_RETURN) is None
    (placeholder,) = [p for p in problems if p.code == "plan.placeholder"]
    assert "one returned after the plan changes is not caught" in placeholder.expected


# ---- the evaluator group a score sheet was made for --------------------------------------------


def _declared_group(folder: Path, sheet: str, group: str | None) -> None:
    path = folder / sheet
    book = openpyxl.load_workbook(path)
    book["Declaration"]["B6"] = group  # "Evaluator group (blank for the main panel)"
    book.save(path)


@pytest.mark.parametrize(
    ("sheet", "group", "message"),
    [
        (
            PANEL,
            None,
            "the score sheet was made for the evaluator group service_users, but its "
            "declaration names the main panel (no group), so its scores count as the main "
            "panel's",
        ),
        (
            OFFICERS[0],
            "service_users",
            "the score sheet was made for the main panel (no group), but its declaration names "
            "the evaluator group service_users, so its scores count as the service_users "
            "group's",
        ),
    ],
)
def test_a_declaration_naming_another_group_than_the_sheet_was_made_for_is_an_error(
    tmp_path: Path, sheet: str, group: str | None, message: str
) -> None:
    """The carers' panel's sheet with its group cleared: before, its scores were averaged
    with the officers' and the panel's 25% share carried by them, and all the officer saw
    was "the panel gave no counted score for Q1" on every bid."""
    folder = _carers(tmp_path)
    _declared_group(folder, sheet, group)
    tender = tendereval.load_tender(folder)
    (problem,) = [p for p in tender.problems if p.code == "declaration.group_changed"]
    assert problem.message == message and problem.is_error
    assert problem.where == f"{sheet} › Declaration › B6"
    assert not tendereval.score(tender, sensitivity=False).award.summaries_ready


def test_a_group_the_plan_does_not_declare_is_said_once(tmp_path: Path) -> None:
    folder = _carers(tmp_path)
    _declared_group(folder, PANEL, "carers_panel")
    codes = [p.code for p in tendereval.load_tender(folder).problems if p.file == PANEL]
    assert codes == ["declaration.unknown_group"]


def test_the_template_command_says_what_the_workbook_records(tmp_path: Path) -> None:
    made = tendereval.template(
        "score-sheet", EXAMPLES / CARERS, tmp_path / "panel.xlsx", group="service_users"
    )
    assert made.marked_for == "CSB-2026-01"
    assert _mark_of(made.path)[GROUP] == "service_users"
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "bid-return",
            "--tender",
            str(EXAMPLES / CARERS),
            "-o",
            str(tmp_path / "b.xlsx"),
        ],
    )
    assert "It records that it was made for tender CSB-2026-01 under the plan as it is now" in (
        result.output
    )
    draft = tmp_path / "draft"
    assert CliRunner().invoke(cli, ["init", str(draft), "--preset", "40-40-20"]).exit_code == 0
    unmarked = tendereval.template("bid-return", draft, tmp_path / "d.xlsx")
    assert unmarked.marked_for is None and _mark_of(unmarked.path) == {}


def test_a_question_added_after_the_score_sheets_went_out_is_a_warning_not_a_scale_change(
    tmp_path: Path,
) -> None:
    """The scales' digest covers the sheet's questions, so a question added changes it too:
    that alone must not set the evaluators' scores aside as given on other scales."""
    # SV0 added beside SV1, the two sharing its 50 points of social value.
    added = (
        '  [[criteria.questions]]\n  id = "SV1"',
        '  [[criteria.questions]]\n  id = "SV0"\n  title = "Local supply chain"\n'
        '  weight_of_parent = 25\n  scale = "five_point"\n\n'
        '  [[criteria.questions]]\n  id = "SV1"',
    )
    shared = (
        "weight_of_parent = 50          # 10 points of 100, scored",
        "weight_of_parent = 25 #",
    )
    tender = tendereval.load_tender(_carers(tmp_path, added, shared))
    marked = _marked(tender)
    for file in (*OFFICERS, MODERATION):
        assert marked[file] == ("template.plan_changed", Severity.WARNING)
    assert "scores/helen-marsh.xlsx" in tender.scores["source"].to_list()
    problem = next(p for p in tender.problems if p.file == OFFICERS[0])
    assert "the questions and the scoring scales changed" in problem.message
    assert problem.expected.endswith("check that its scores were given on the scales in the plan")


def test_the_plan_listing_its_items_in_another_order_is_the_same_plan(tmp_path: Path) -> None:
    sitting = (
        '[[price.items]]\nid = "sitting_hours"\n'
        'description = "Sitting service at the cared-for person\'s home"\nunit = "hour"\n\n'
    )
    moved = (sitting, ""), ("[abnormally_low]", sitting + "[abnormally_low]")
    assert _marked(tendereval.load_tender(_carers(tmp_path, *moved))) == {}


def test_the_plans_digests_are_worked_out_once_for_every_mark_compared_with_it() -> None:
    # Every bid return's mark is compared with one plan: 1,000 bids hashed its lots and prices
    # 1,000 times (issue 17, loading). Another plan, even one loaded from the same file, is
    # hashed for itself, so a plan changed on disk and loaded again is never compared with
    # the digests of the one before.
    from dataclasses import replace
    from unittest.mock import patch

    from tendereval import template_marks

    def carers() -> Plan:
        plan, _ = load_plan(EXAMPLES / CARERS)
        assert plan is not None
        return plan

    mark = TemplateMark.of(carers(), BID_RETURN)
    assert mark is not None and len(mark.parts) == 2  # lots and prices
    plan, loaded_again = carers(), carers()
    fewer_lots = replace(plan, lots=plan.lots[:-1])
    sha256 = hashlib.sha256
    with patch.object(template_marks.hashlib, "sha256", wraps=sha256) as hashed:
        found = [mark.problems(plan, "bid.xlsx", BID_RETURN) for _ in range(50)]
        assert found == [[]] * 50
        assert hashed.call_count == 2  # 100 before
        assert mark.problems(loaded_again, "bid.xlsx", BID_RETURN) == []
        assert hashed.call_count == 4
        changed = mark.problems(fewer_lots, "bid.xlsx", BID_RETURN)
        assert [p.code for p in changed] == ["template.plan_changed"]
        assert hashed.call_count == 6
