"""Bid returns under one supplier name giving two PPONs (or company numbers) are two
organisations, or a slip the buyer settles with the supplier: never one supplier's returns.

Found by the red team: "Gofal Ŵyn Cyf" (PPON PXJN-9565-JTJH) bidding for L1 and "GOFAL ŴYN
CYF" (PPON PHDZ-9983-EKDF) for L2 were merged into one supplier's returns, each for other lots,
with only a warning; "the assessment summaries may be sent", one summary carried the L2
return's email and PPON beside the L1 outcome, and publish named the L1 award under the L2
return's PPON. Each return now carries bid.other_registration, which holds every lot of the
supplier until the buyer records, by its file, the return that does not stand, as for
bid.same_registration (one PPON under two names).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import tendereval
from tendereval.award.recorded import Decisions, RecordedWithdrawal
from tendereval.cli import cli
from tendereval.tender import FRAME_NAMES
from tests.example_copies import example_copy
from tests.plan_helpers import BASE, write_plan

from .builders import bid_workbook, good_tender, score_rows, score_workbook

GOFAL, SHOUTED = "Gofal Ŵyn Cyf", "GOFAL ŴYN CYF"
PPON_A, PPON_B = "PXJN-9565-JTJH", "PHDZ-9983-EKDF"
# Below Acme's and Bright's rates: valid, Gofal Ŵyn Cyf would win both lots.
L1_ONLY = {("L1", "hours"): 18.0, ("L1", "visits"): 30.0}
L2_ONLY = {("L2", "hours"): 18.5, ("L2", "visits"): 31.0}
DETAILS = {"company_number": None}  # numbers only where a test gives them
DETAIL_ROWS = (
    "Contact postal address",
    "Contact email address",
    "Unique identifier",
    "Company number",
    "Charity number",
)


def _gofal(tmp_path: Path, second: str, ppon: str, **second_details) -> Path:
    """A tender where Gofal Ŵyn Cyf prices L1 in one return and ``second`` (its name written
    another way, or the same) prices L2 in another giving ``ppon``, each scored as written."""
    folder = good_tender(tmp_path / "t")
    rows = score_rows(("Acme Care Ltd", "Bright Futures CIC"))
    rows += score_rows((GOFAL,), lots=("L1",)) + score_rows((second,), lots=("L2",))
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    bid_workbook(
        folder / "bids" / "gofal-wyn.xlsx",
        GOFAL,
        rates=L1_ONLY,
        organisation={**DETAILS, "unique_identifier": PPON_A},
    )
    bid_workbook(
        folder / "bids" / "gofal-wyn-2.xlsx",
        second,
        rates=L2_ONLY,
        organisation={**DETAILS, "unique_identifier": ppon, **second_details},
    )
    return folder


def test_two_ppons_under_one_name_are_an_error_at_both_returns(tmp_path: Path) -> None:
    result = tendereval.score(_gofal(tmp_path, SHOUTED, PPON_B), sensitivity=False)
    found = [p for p in result.problems if p.code == "bid.other_registration"]
    assert [(p.where, p.supplier, p.is_error) for p in found] == [
        ("bids/gofal-wyn-2.xlsx › Organisation › B16", SHOUTED, True),
        ("bids/gofal-wyn.xlsx › Organisation › B16", SHOUTED, True),
    ]
    assert found[0].message == (
        "GOFAL ŴYN CYF gives a different unique identifier (PPON) from Gofal Ŵyn Cyf "
        "(bids/gofal-wyn.xlsx), the same name but for capitals or spaces; neither is evaluated "
        "until the buyer decides whether they are one organisation"
    )
    assert found[0].found == (
        "unique identifier (PPON): PHDZ-9983-EKDF in bids/gofal-wyn-2.xlsx, PXJN-9565-JTJH in "
        "bids/gofal-wyn.xlsx"
    )
    assert found[0].expected.startswith(
        "one unique identifier (PPON) for one organisation: clarify with the supplier which is "
        "right, then record each return that does not stand in decisions.toml, naming its file"
    )
    assert found[0].expected.endswith("or, if these are different organisations, correct the name")
    assert not [p for p in result.problems if p.code == "bid.returns_per_lot"]
    gofal = result.results.filter(pl.col("supplier").str.to_lowercase() == GOFAL.lower())
    assert sorted(gofal.select("lot", "status").rows()) == [("L1", "invalid"), ("L2", "invalid")]
    assert not result.award.summaries_ready
    assert result.award.held_back


def test_one_name_written_two_ways_with_one_ppon_is_still_one_suppliers_returns(
    tmp_path: Path,
) -> None:
    """The same identifiers: one organisation's return for each lot, as before."""
    result = tendereval.score(_gofal(tmp_path, SHOUTED, PPON_A), sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    (said,) = [p for p in result.problems if p.code == "bid.returns_per_lot"]
    assert said.supplier == SHOUTED  # the first file by name (gofal-wyn-2 before gofal-wyn)
    assert result.award.summaries_ready


def test_two_ppons_under_the_very_same_name_are_an_error_too(tmp_path: Path) -> None:
    result = tendereval.score(_gofal(tmp_path, GOFAL, PPON_B), sensitivity=False)
    found = [p for p in result.problems if p.code == "bid.other_registration"]
    assert [p.file for p in found] == ["bids/gofal-wyn-2.xlsx", "bids/gofal-wyn.xlsx"]
    assert found[0].message.startswith(
        "Gofal Ŵyn Cyf gives a different unique identifier (PPON) from Gofal Ŵyn Cyf "
        "(bids/gofal-wyn.xlsx), the same name; neither is evaluated"
    )
    assert not result.award.summaries_ready


def test_two_company_numbers_under_one_name_are_this_error(tmp_path: Path) -> None:
    """One name but for capitals, two company numbers, one lot each: was "taken to be the
    same supplier bidding twice" (bid.name_collision), at the second file only."""
    folder = _gofal(tmp_path, SHOUTED, PPON_A, company_number="09129743")
    bid_workbook(
        folder / "bids" / "gofal-wyn.xlsx",
        GOFAL,
        rates=L1_ONLY,
        organisation={"company_number": "11402259", "unique_identifier": PPON_A},
    )
    tender = tendereval.load_tender(folder)
    errors = [p for p in tender.problems if p.is_error]
    assert [(p.code, p.where) for p in errors] == [
        ("bid.other_registration", "bids/gofal-wyn-2.xlsx › Organisation › B6"),
        ("bid.other_registration", "bids/gofal-wyn.xlsx › Organisation › B6"),
    ]
    assert errors[0].found == (
        "company number: 09129743 in bids/gofal-wyn-2.xlsx, 11402259 in bids/gofal-wyn.xlsx"
    )


def test_a_return_recorded_by_its_file_as_withdrawn_leaves_the_other_standing(
    tmp_path: Path,
) -> None:
    """The supplier confirms the L2 return was another organisation's sent in error, withdrawn:
    the L1 return is Gofal Ŵyn Cyf's tender, under its own name and PPON."""
    folder = _gofal(tmp_path, SHOUTED, PPON_B)
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/gofal-wyn-2.xlsx"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    gofal = result.results.filter(pl.col("source") == "bids/gofal-wyn.xlsx")
    assert gofal.select("supplier", "lot", "status").rows() == [(GOFAL, "L1", "ranked")]
    tender = tendereval.load_tender(folder)
    details = tender.suppliers.filter(pl.col("supplier") == GOFAL)
    assert details["unique_identifier"].to_list() == [PPON_A]


def test_a_return_withdrawn_only_in_python_says_to_record_it_and_load_again(
    tmp_path: Path,
) -> None:
    """The loader kept the first return's details (gofal-wyn-2's PPON) and held both returns
    before it knew of the withdrawal: given in Python it comes too late, and says so, as for
    a supplier's two returns for one lot (bid.twice), rather than leave L1 invalid
    unexplained and its summary carrying the withdrawn return's PPON."""
    tender = tendereval.load_tender(_gofal(tmp_path, SHOUTED, PPON_B))
    record = RecordedWithdrawal("bids/gofal-wyn-2.xlsx", "2026-03-04")
    tried = tendereval.score(
        dataclasses.replace(tender, decisions=Decisions(withdrawals=(record,))),
        sensitivity=False,
    )
    late = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert [(p.found, p.is_error) for p in late] == [("bids/gofal-wyn-2.xlsx", True)]
    assert late[0].message == (
        "the bid return bids/gofal-wyn-2.xlsx is withdrawn in Python beside another return of "
        "GOFAL ŴYN CYF's; a return set aside by its file is left out when the tender folder is "
        "read, so the other return is evaluated only then"
    )
    assert not tried.award.summaries_ready


def test_a_return_withdrawn_only_in_python_beside_a_name_written_another_way_says_so_too(
    tmp_path: Path,
) -> None:
    """One PPON, both returns pricing L1 under the name written two ways
    (bid.name_collision): the withdrawal in Python is as late as for bid.twice."""
    folder = _gofal(tmp_path, SHOUTED, PPON_A)
    bid_workbook(
        folder / "bids" / "gofal-wyn-2.xlsx",
        SHOUTED,
        rates=L1_ONLY,
        organisation={**DETAILS, "unique_identifier": PPON_A},
    )
    tender = tendereval.load_tender(folder)
    assert [p.code for p in tender.problems if p.is_error] == ["bid.name_collision"]
    record = RecordedWithdrawal("bids/gofal-wyn-2.xlsx", "2026-03-04")
    tried = tendereval.score(
        dataclasses.replace(tender, decisions=Decisions(withdrawals=(record,))),
        sensitivity=False,
    )
    (late,) = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert late.message.startswith(
        "the bid return bids/gofal-wyn-2.xlsx is withdrawn in Python beside GOFAL ŴYN CYF's "
        "other return for lot L1;"
    )


def _summary_front(path: Path) -> dict[str, object]:
    """The labelled rows at the top of a summary's front sheet (Supplier, its details…)."""
    sheet = openpyxl.load_workbook(path)["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=4, max_row=10, values_only=True)}


def test_a_held_draft_summary_gives_no_return_the_other_returns_details(tmp_path: Path) -> None:
    """Each name's draft summary showed the details of the return read first (gofal-wyn-2's
    PPON and email beside gofal-wyn's L1 outcome): until the buyer records which return
    stands, neither return's details are shown as the supplier's."""
    folder = _gofal(tmp_path, SHOUTED, PPON_B, contact_email="office@gofal-two.example")
    result = tendereval.score(folder, sensitivity=False)
    written = tendereval.summaries(result, tmp_path / "s")
    fronts = [_summary_front(p) for p in written.paths]
    gofal = {front["Supplier"]: front for front in fronts if front["Supplier"] in (GOFAL, SHOUTED)}
    assert sorted(gofal) == sorted([GOFAL, SHOUTED])
    unsettled = "not shown until it is settled which of your bid returns stands"
    for front in gofal.values():
        assert [front[label] for label in DETAIL_ROWS] == [unsettled] * len(DETAIL_ROWS)
    # Another bidder's details are its own, as before.
    (acme,) = [front for front in fronts if front["Supplier"] == "Acme Care Ltd"]
    assert acme["Unique identifier"].startswith("PTST-")
    # Once the record is made, the return that stands is the supplier's, with its own details.
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/gofal-wyn-2.xlsx"\nwithdrawn_on = 2026-03-04\n',
        encoding="utf-8",
    )
    settled = tendereval.summaries(tendereval.score(folder, sensitivity=False), tmp_path / "t")
    (front,) = [f for f in map(_summary_front, settled.paths) if f["Supplier"] == GOFAL]
    assert (front["Unique identifier"], front["Contact email address"]) == (
        PPON_A,
        "bids@acme.example",
    )


# ---- The consolidated form and frames --------------------------------------------------------

CRITERIA = """
[[criteria]]
id = "price"
type = "price"
weight_of_total = 50

[[criteria]]
id = "quality"
type = "quality"
weight_of_total = 50

  [[criteria.questions]]
  id = "Q1"
  weight_of_parent = 100
  scale = "five"
"""
TWO_LOTS = BASE.replace(
    "volumes = { hours = 1000 }\n",
    'volumes = { hours = 1000 }\n\n[[lots]]\nid = "L2"\nname = "Lot two"\n'
    "volumes = { hours = 1000 }\n",
    1,
)
ROWS = [("Alpha Ltd", "L1", PPON_A), ("ALPHA LTD", "L2", PPON_B)]


def _consolidated(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A tender in the consolidated form (evaluation/ of CSV files): Beta Ltd bidding for
    both lots, and each of ``rows`` (supplier, its one lot, its PPON) a row of its own."""
    write_plan(folder, CRITERIA, base=TWO_LOTS)
    evaluation = folder / "evaluation"
    evaluation.mkdir()
    bidders = [*rows, ("Beta Ltd", "L1", "PBET-1234-ABCD"), ("Beta Ltd", "L2", None)]
    suppliers = "".join(
        f"{name},company,no,20,1000000,500000,bids@{i}.example,{ppon}\n"
        for i, (name, _, ppon) in enumerate(bidders)
        if ppon
    )
    (evaluation / "suppliers.csv").write_text(
        "supplier,org_type,vcse,staff,turnover,balance_sheet,contact_email,unique_identifier\n"
        + suppliers,
        encoding="utf-8",
    )
    prices = "".join(f"{name},{lot},hours,{50 + i},\n" for i, (name, lot, _) in enumerate(bidders))
    (evaluation / "prices.csv").write_text(
        "supplier,lot,item,unit_rate,uplift\n" + prices, encoding="utf-8"
    )
    scores = "".join(
        f"{who},,{name},{lot},Q1,3,ok\n"
        for who in ("Eve One", "Sam Two")
        for name, lot, _ in bidders
    )
    (evaluation / "scores.csv").write_text(
        "evaluator,group,supplier,lot,question,score,reason\n" + scores, encoding="utf-8"
    )
    (evaluation / "declarations.csv").write_text(
        "evaluator,group,declared_on,conflict,conflicted_suppliers\n"
        "Eve One,,2026-10-01,none,\nSam Two,,2026-10-01,none,\n",
        encoding="utf-8",
    )
    return folder


def test_two_rows_of_the_consolidated_form_are_held_as_two_returns_are(tmp_path: Path) -> None:
    result = tendereval.score(_consolidated(tmp_path / "t", ROWS), sensitivity=False)
    found = [p for p in result.problems if p.code == "bid.other_registration"]
    assert [p.where for p in found] == [
        "evaluation/suppliers.csv › row 2, column unique_identifier",
        "evaluation/suppliers.csv › row 3, column unique_identifier",
    ]
    assert found[0].message.startswith(
        "Alpha Ltd gives a different unique identifier (PPON) from ALPHA LTD "
        "(evaluation/suppliers.csv › row 3, column unique_identifier), the same name but for "
        "capitals or spaces"
    )
    assert found[0].expected.startswith(
        "one row for each supplier on the Suppliers sheet, with its own unique identifier "
        "(PPON): delete the row that is wrong"
    )
    alpha = result.results.filter(pl.col("supplier").str.to_lowercase() == "alpha ltd")
    assert set(alpha["status"]) == {"invalid"}
    assert not result.award.summaries_ready


def _frames(tmp_path: Path, second_ppon: str) -> tendereval.Tender:
    """The consolidated tender's frames as a notebook would build them: a suppliers frame
    with Alpha Ltd's row and an "ALPHA LTD" row giving ``second_ppon``, bidding for L2."""
    loaded = tendereval.load_tender(_consolidated(tmp_path / "f", [("Alpha Ltd", "L1", PPON_A)]))
    frames = {name: getattr(loaded, name) for name in FRAME_NAMES if name != "inputs"}
    suppliers = frames["suppliers"].drop("source", "supplier_key")
    alpha = suppliers.filter(pl.col("supplier") == "Alpha Ltd")
    frames["suppliers"] = pl.concat(
        [
            suppliers,
            alpha.with_columns(supplier=pl.lit("ALPHA LTD"), unique_identifier=pl.lit(second_ppon)),
        ]
    )
    beta_l2 = (pl.col("supplier") == "Beta Ltd") & (pl.col("lot") == "L2")
    for name in ("bids", "prices", "scores"):
        frame = frames[name].drop("source")
        second = frame.filter(beta_l2).with_columns(supplier=pl.lit("ALPHA LTD"))
        if name == "prices":  # below Beta's: no tie
            second = second.with_columns(unit_rate=pl.col("unit_rate") - 5)
        frames[name] = pl.concat([frame, second])
    # (The plan copied in Python: frames around the plan file's own are held as changed.)
    return tendereval.Tender.from_frames(dataclasses.replace(loaded.plan), **frames)


def test_a_suppliers_frame_with_two_rows_of_one_name_and_two_ppons_is_held(
    tmp_path: Path,
) -> None:
    result = tendereval.score(_frames(tmp_path, PPON_B), sensitivity=False)
    found = [p for p in result.problems if p.code == "bid.other_registration"]
    assert [p.where for p in found] == ["suppliers frame › row 1", "suppliers frame › row 3"]
    assert found[1].message.startswith(
        "ALPHA LTD gives a different unique identifier (PPON) from Alpha Ltd "
        "(suppliers frame › row 1)"
    )
    assert found[0].expected.startswith("one suppliers row for each supplier")
    alpha = result.results.filter(pl.col("supplier").str.to_lowercase() == "alpha ltd")
    assert set(alpha["status"]) == {"invalid"}
    assert not result.award.summaries_ready


def test_a_suppliers_frame_with_one_ppon_under_both_rows_is_not_held(tmp_path: Path) -> None:
    result = tendereval.score(_frames(tmp_path, PPON_A), sensitivity=False)
    assert not [p for p in result.problems if p.code == "bid.other_registration"]
    assert result.award.summaries_ready


@pytest.mark.parametrize(
    ("detail", "number", "words"),
    [
        ("unique_identifier", PPON_A, "unique identifier (PPON)"),
        ("company_number", "09129743", "company number"),
    ],
)
def test_a_suppliers_frame_giving_one_number_under_two_names_is_held(
    tmp_path: Path, detail: str, number: str, words: str
) -> None:
    """One PPON (or company number) under Alpha Ltd and Beta Ltd: from the folder both bids
    carried bid.same_registration; from a suppliers frame both were ranked, and the award
    went ahead."""
    loaded = tendereval.load_tender(_consolidated(tmp_path / "t", ROWS[:1]))
    frames = {name: getattr(loaded, name) for name in FRAME_NAMES if name != "inputs"}
    suppliers = frames["suppliers"].drop("source", "supplier_key")
    suppliers = suppliers.with_columns(
        pl.when(pl.col("supplier") == "Alpha Ltd")
        .then(pl.lit(number) if detail == "company_number" else pl.col(detail))
        .when(pl.col("supplier") == "Beta Ltd")
        .then(pl.lit(number))
        .otherwise(pl.col(detail))
        .alias(detail)
    )
    frames["suppliers"] = suppliers
    result = tendereval.score(
        tendereval.Tender.from_frames(loaded.plan, **frames), sensitivity=False
    )
    found = [p for p in result.problems if p.code == "bid.same_registration"]
    assert [(p.where, p.supplier, p.found, p.is_error) for p in found] == [
        ("suppliers frame › row 1", "Alpha Ltd", number, True),
        ("suppliers frame › row 2", "Beta Ltd", number, True),
    ]
    assert found[0].message == (
        f"Alpha Ltd gives the same {words} as Beta Ltd (suppliers frame › row 2); neither is "
        "evaluated until the buyer decides whether they are one organisation"
    )
    both = result.results.filter(pl.col("supplier").is_in(["Alpha Ltd", "Beta Ltd"]))
    assert set(both["status"]) == {"invalid"}
    assert not result.award.summaries_ready


def test_a_loaded_tenders_suppliers_giving_one_number_are_told_once(tmp_path: Path) -> None:
    """From the folder the loader tells of it at the file; the frame rule does not again."""
    folder = _consolidated(tmp_path / "t", [*ROWS[:1], ("Gamma Ltd", "L2", PPON_A)])
    result = tendereval.score(folder, sensitivity=False)
    found = [p for p in result.problems if p.code == "bid.same_registration"]
    assert [p.supplier for p in found] == ["Alpha Ltd", "Gamma Ltd"]
    assert {p.file for p in found} == {"evaluation/suppliers.csv"}


# ---- score, summaries and publish agree -------------------------------------------------------

WYE = "bids/wye-valley-carers-cic.xlsx"
WYE_CANTERBURY = "bids/wye-valley-carers-cic-canterbury.xlsx"


def _split(folder: Path, ppon: str) -> Path:
    """The homecare example with Wye Valley Carers CIC's return split in two, Ashford in its
    own file, Canterbury in another under "WYE VALLEY CARERS CIC" giving ``ppon``."""
    book = openpyxl.load_workbook(folder / WYE)
    prices = book["Prices"]
    for row in (7, 8):  # CAN
        prices[f"G{row}"] = prices[f"H{row}"] = None
    book.save(folder / WYE)
    book = openpyxl.load_workbook(EXAMPLES_WYE)
    prices = book["Prices"]
    for row in (5, 6):  # ASH
        prices[f"G{row}"] = prices[f"H{row}"] = None
    book["Organisation"]["B4"] = "WYE VALLEY CARERS CIC"
    book["Organisation"]["B16"] = ppon
    book.save(folder / WYE_CANTERBURY)
    return folder


EXAMPLES_WYE = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts" / WYE


@pytest.mark.parametrize(("ppon", "held"), [("PHDZ-9983-EKDF", True), ("PZCJ-3562-BTJY", False)])
def test_score_summaries_and_publish_agree(tmp_path: Path, ppon: str, held: bool) -> None:
    folder = _split(example_copy(tmp_path, "homecare-districts"), ppon)
    runner = CliRunner()
    score = runner.invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    summaries = runner.invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "sum")])
    notice = tmp_path / "ocds.json"
    publish = runner.invoke(
        cli, ["publish", str(folder), "-o", str(notice), "--ocid-prefix", "ocds-abc123"]
    )
    if held:
        assert "bid.other_registration" not in score.output  # (the code is for machines)
        assert "gives a different unique identifier (PPON)" in score.output
        assert "the assessment summaries may be sent" not in score.output
        assert (score.exit_code, summaries.exit_code, publish.exit_code) == (1, 1, 1)
        assert "NOT TO BE SENT YET" in summaries.output
        assert not notice.exists()
        return
    assert (score.exit_code, summaries.exit_code, publish.exit_code) == (0, 0, 0), score.output
    assert "the assessment summaries may be sent" in score.output
    awards = json.loads(notice.read_text(encoding="utf-8"))["releases"][0]["awards"]
    wye = [a for a in awards if a["suppliers"][0]["name"].lower() == "wye valley carers cic"]
    assert sorted(lot for a in wye for lot in a["relatedLots"]) == ["ASH", "CAN"]
    assert {s["id"] for a in wye for s in a["suppliers"]} == {"GB-PPON-PZCJ-3562-BTJY"}
