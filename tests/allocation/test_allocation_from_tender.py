"""`tendereval allocate DIR`: offers built from a scored tender folder."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from tendereval.allocation.from_tender import offers_from_scores
from tendereval.cli import cli
from tendereval.io.tender import load_tender
from tendereval.scoring.combine import score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homecare-districts"


@pytest.fixture(scope="module")
def scored():
    tender = load_tender(EXAMPLE)
    return tender, score(tender, sensitivity=False)


def test_each_ranked_bid_is_an_offer_at_its_evaluated_price(scored) -> None:
    _, result = scored
    offers = offers_from_scores(result)
    singles = offers.filter(pl.col("lots").list.len() == 1)
    ranked = result.results.filter(pl.col("status") == "ranked")
    assert singles.height == ranked.height
    row = ranked.sort("lot", "supplier").row(0, named=True)
    offer = singles.filter(pl.col("offer_id") == f"{row['supplier']} / {row['lot']}").row(
        0, named=True
    )
    assert offer["price"] == row["evaluated_price"]
    assert offer["score"] == row["total"]
    assert offer["quality"] == row["quality_score"]


def test_a_package_scores_the_sum_of_its_lots_at_the_package_price(scored) -> None:
    tender, result = scored
    offers = offers_from_scores(result)
    packages = offers.filter(pl.col("lots").list.len() > 1)
    assert packages.height > 0
    for offer in packages.iter_rows(named=True):
        mine = result.results.filter(
            (pl.col("supplier") == offer["supplier"]) & pl.col("lot").is_in(offer["lots"])
        )
        # Only packages whose every lot the supplier could win on its own become offers.
        assert set(mine["status"]) == {"ranked"}
        # Each lot's total to the 4 places single offers are compared in, then added.
        each = mine["total"].round(4, mode="half_away_from_zero")
        assert offer["score"] == pytest.approx(each.sum(), abs=1e-9)
        assert offer["quality"] == mine["quality_score"].min()
        name = offer["offer_id"].split(" / package ")[1]
        stated = tender.packages.filter(
            (pl.col("supplier") == offer["supplier"]) & (pl.col("package") == name)
        )
        assert offer["price"] == stated["price"].item()


def test_allocating_a_tender_folder_keeps_the_plans_lot_cap(tmp_path: Path) -> None:
    out = tmp_path / "allocation.json"
    run = CliRunner().invoke(
        cli, ["allocate", str(EXAMPLE), "--award-all-lots", "--json", str(out)]
    )
    assert run.exit_code == 0, run.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "optimal"
    awarded_lots = sorted(lot for offer in data["awarded"] for lot in offer["lots"])
    assert len(awarded_lots) == 12 and len(set(awarded_lots)) == 12
    per_supplier: dict[str, int] = {}
    for offer in data["awarded"]:
        per_supplier[offer["supplier"]] = per_supplier.get(offer["supplier"], 0) + len(
            offer["lots"]
        )
    assert max(per_supplier.values()) <= 4  # [participation] max_lots_per_supplier = 4
    assert data["policy"]["max_lots_per_supplier"] == 4


def _supply_chain(folder: Path, bid: str, rows: list[tuple]) -> None:
    """Put ``rows`` on the Supply chain sheet of ``bid``'s return (from row 5, the first)."""
    import openpyxl

    path = folder / "bids" / f"{bid}.xlsx"
    book = openpyxl.load_workbook(path)
    for row, values in enumerate(rows, start=5):
        for column, value in enumerate(values, start=1):
            book["Supply chain"].cell(row, column).value = value
    book.save(path)


@pytest.fixture
def tender_copy(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "tender"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("reports"))
    return folder


def test_shares_over_100_percent_count_for_no_sme_share_and_the_bid_still_offers(
    tender_copy: Path,
) -> None:
    """Harbourside (2,400 staff, not an SME) names SME subcontractors for 60% and 50% of the
    work in every lot: 110%, an error in every lot. The shares counted, capped at 100%, so all
    of Harbourside's price counted as SME, while allocate said "Bids with errors make no
    offer" of a bid that won four lots. Now they count in none (0.0), and allocate says the
    errors made no bid invalid."""
    _supply_chain(
        tender_copy,
        "harbourside-home-support-ltd",
        [
            ("A Care Ltd", "subcontractor", "12345670", 20, 500000, "yes", "no", 0.6, None),
            ("B Care Ltd", "subcontractor", "12345671", 20, 500000, "yes", "no", 0.5, None),
        ],
    )
    offers = offers_from_scores(score(load_tender(tender_copy), sensitivity=False))
    harbourside = offers.filter(pl.col("supplier") == "Harbourside Home Support Ltd")
    assert harbourside.height > 0
    assert harbourside["sme_subcontract_share"].unique().to_list() == [0.0]
    run = CliRunner().invoke(cli, ["allocate", str(tender_copy), "--award-all-lots"])
    assert run.exit_code == 1
    assert "Bids with errors make no offer" not in run.output
    assert "No bid is made invalid by these errors: every ranked bid makes an offer." in run.output
    assert "Errors in organisation or supply-chain details make no bid invalid" in run.output


def test_offers_whose_sme_status_is_unknown_are_counted_as_not_smes_and_said_to_be(
    tender_copy: Path,
) -> None:
    """Wye Valley Carers CIC (28 staff) with a £50m turnover and its balance sheet left blank:
    its SME status is unknown (the score CSV leaves it blank). The offers counted it as not an
    SME, and no output said a share rested on an unknown status. Its two offers (ASH, CAN)
    are still counted as not SMEs, and the allocation says so in a note."""
    import openpyxl

    from tendereval.api.allocate import allocate

    path = tender_copy / "bids" / "wye-valley-carers-cic.xlsx"
    book = openpyxl.load_workbook(path)
    book["Organisation"]["B12"], book["Organisation"]["B13"] = 50_000_000, None
    book.save(path)
    done = allocate(tender_copy, award_all_lots=True)
    wye = done.result.results.filter(pl.col("supplier") == "Wye Valley Carers CIC")
    assert wye["sme"].to_list() == [None, None]
    assert (
        done.allocation.notes.count(
            "The SME status of 2 offers is unknown (Wye Valley Carers CIC): they are counted as "
            "not SMEs in the SME shares, until the supplier's details are put right."
        )
        == 1
    )
    assert not any("VCSE status" in note for note in done.allocation.notes)


def test_a_subcontractors_sme_answer_not_read_is_counted_as_not_an_sme_and_said_to_be(
    tender_copy: Path,
) -> None:
    """Harbourside names Village Carers CIC for 30% of the work in every lot, its SME?
    answered 'not sure' and its VCSE? left blank. Each was an error ("not yes or no", "is
    missing") holding the award back, though the answers are never scored, and the
    allocation counted the entry as neither an SME nor a VCSE without a word. Each is now a
    warning at its cell saying how it is counted, the allocation counts it so (Harbourside's
    offers carry no second-tier share: 0.0) and says so in a note."""
    from tendereval.api.allocate import allocate

    _supply_chain(
        tender_copy,
        "harbourside-home-support-ltd",
        [("Village Carers CIC", "subcontractor", "87654321", 10, 200000, "not sure", None, 0.3)],
    )
    done = allocate(tender_copy, award_all_lots=True)
    chain = "bids/harbourside-home-support-ltd.xlsx › Supply chain"
    said = [p for p in done.result.problems if p.where in (f"{chain} › F5", f"{chain} › G5")]
    assert [(p.code, p.where, p.is_error) for p in said] == [
        ("yes_no.invalid", f"{chain} › F5", False),
        ("cell.blank", f"{chain} › G5", False),
    ]
    assert said[0].message == (
        "SME?: not yes or no; Village Carers CIC is counted as not an SME in the second-tier "
        "SME shares until the supplier says which"
    )
    assert said[0].expected == (
        "yes or no: ask the supplier whether Village Carers CIC is an SME, and record the answer "
        "with its status ([[clarification]] with sme = true or false)"
    )
    assert said[1].message.startswith("VCSE? is missing; Village Carers CIC is counted as not a")
    harbourside = offers_from_scores(done.result).filter(
        pl.col("supplier") == "Harbourside Home Support Ltd"
    )
    assert harbourside.height > 0
    assert harbourside["sme_subcontract_share"].unique().to_list() == [0.0]
    assert harbourside["vcse_subcontract_share"].unique().to_list() == [0.0]
    for what, a in (("SME", "an SME"), ("VCSE", "a VCSE")):
        assert (
            f"The {what} status of 1 consortium member or subcontractor is unknown (Village "
            f"Carers CIC in Harbourside Home Support Ltd's bid): it is counted as not {a} in "
            f"the second-tier {what} shares, until the supplier says which and its answer is "
            f"recorded in decisions.toml ([[clarification]] at the {what}? cell, with "
            f"{what.lower()} = true or false)."
        ) in done.allocation.notes


def test_a_subcontractor_that_bids_itself_counts_with_the_vcse_status_its_own_return_gives(
    tender_copy: Path,
) -> None:
    """Harbourside names Greenleaf Community Care Ltd (a bidder here, a private company whose
    own return answers VCSE? no) as a VCSE subcontractor for 40% of the work in every lot,
    and Village Carers CIC, a VCSE that does not bid, for 25%. Greenleaf's 40% counted as
    VCSE work: 0.40 + 0.25 = 0.65 of each Harbourside offer. One organisation has one VCSE
    status in the tender, its own return's: 0.25, with a warning at the VCSE? answer. Both
    are SMEs (Greenleaf: 240 staff, £9.2m), so the SME share stays 0.40 + 0.25 = 0.65."""
    _supply_chain(
        tender_copy,
        "harbourside-home-support-ltd",
        [
            ("Greenleaf Community Care Ltd", "subcontractor", "13344586", 240, 9200000, "yes",
             "yes", 0.4),
            ("Village Carers CIC", "subcontractor", "87654321", 10, 200000, "yes", "yes", 0.25),
        ],
    )  # fmt: skip
    result = score(load_tender(tender_copy), sensitivity=False)
    harbourside = offers_from_scores(result).filter(
        pl.col("supplier") == "Harbourside Home Support Ltd"
    )
    assert harbourside.height > 0  # single lots and packages: each 0.25 of its value
    each = [pytest.approx(0.25)] * harbourside.height
    assert harbourside["vcse_subcontract_share"].to_list() == each
    each = [pytest.approx(0.65)] * harbourside.height
    assert harbourside["sme_subcontract_share"].to_list() == each
    said = [p for p in result.problems if p.code == "supply_chain.vcse_against_own_bid"]
    assert [(p.where, p.found, p.is_error) for p in said] == [
        ("bids/harbourside-home-support-ltd.xlsx › Supply chain › G5", "yes", False)
    ]
    assert said[0].message == (
        "Greenleaf Community Care Ltd, named as a subcontractor with the VCSE? answer yes, is "
        "the bidder Greenleaf Community Care Ltd, whose own bid return "
        "(bids/greenleaf-community-care-ltd.xlsx) makes it not a VCSE; one organisation has "
        "one VCSE status in the tender, so its share counts as not VCSE work"
    )
    assert not [p for p in result.problems if p.code == "supply_chain.sme_against_own_bid"]


def test_no_note_of_unknown_status_when_every_status_is_known(scored) -> None:
    from tendereval.allocation.from_tender import unknown_status_notes

    _, result = scored
    assert unknown_status_notes(result, offers_from_scores(result)) == []


def test_a_subcontractor_for_some_of_a_packages_lots_counts_pro_rata_by_their_prices(
    tender_copy: Path,
) -> None:
    """Harbourside names Village Carers CIC (SME and VCSE) for 30% of the work in DAR. Its
    package North Kent (DAR;GRA;SWA) counted none of it, though it does the DAR work; the DAR
    offer counted 30%. The package now counts it by Harbourside's own evaluated prices:
    DAR £7,015,309.94, GRA £7,448,902.32, SWA £11,668,189.25 (£26,132,401.51 in all), so
    0.3 × 7,015,309.94 / 26,132,401.51 = 0.0805 of the package's work."""
    _supply_chain(
        tender_copy,
        "harbourside-home-support-ltd",
        [("Village Carers CIC", "subcontractor", "87654321", 10, 200000, "yes", "yes", 0.3, "DAR")],
    )
    offers = offers_from_scores(score(load_tender(tender_copy), sensitivity=False))
    shares = dict(
        offers.filter(pl.col("supplier") == "Harbourside Home Support Ltd")
        .select("offer_id", "sme_subcontract_share")
        .rows()
    )
    assert shares["Harbourside Home Support Ltd / DAR"] == pytest.approx(0.3)
    assert shares["Harbourside Home Support Ltd / GRA"] == 0.0
    package = shares["Harbourside Home Support Ltd / package North Kent"]
    assert package == pytest.approx(0.3 * 7_015_309.94 / 26_132_401.51, abs=1e-6)
    assert round(package, 4) == 0.0805


def test_each_awarded_offer_names_its_second_tier_shares_and_where_they_come_from(
    tender_copy: Path, tmp_path: Path
) -> None:
    """Harbourside names Mega Care plc (SME? yes) for 40% of the work in every lot: the
    allocation counted 40% of each offer as SME work, but neither the JSON nor the workbook
    said which offers carried a second-tier share, how much, or from whom."""
    _supply_chain(
        tender_copy,
        "harbourside-home-support-ltd",
        [("Mega Care plc", "subcontractor", "01234567", 5000, 300_000_000, "yes", "no", 0.4, None)],
    )
    out, book = tmp_path / "a.json", tmp_path / "a.xlsx"
    args = ["allocate", str(tender_copy), "--objective", "cost", "--award-all-lots"]
    run = CliRunner().invoke(cli, [*args, "--json", str(out), "-o", str(book)])
    assert run.exit_code == 0, run.output
    awarded = json.loads(out.read_text(encoding="utf-8"))["awarded"]
    harbourside = [a for a in awarded if a["supplier"] == "Harbourside Home Support Ltd"]
    assert harbourside, "Harbourside wins lots under the cost objective"
    for offer in harbourside:
        assert offer["sme_subcontract_share"] == pytest.approx(0.4)
        assert offer["vcse_subcontract_share"] == 0.0
        assert offer["second_tier_from"] == "Mega Care plc: SME, 40.0% of the work in every lot"
    from openpyxl import load_workbook

    rows = [[c.value for c in row] for row in load_workbook(book)["Allocation"].iter_rows()]
    header = next(r for r in rows if r[:2] == ["Offer", "Supplier"])
    assert header[8:11] == ["SME share 2nd tier", "VCSE share 2nd tier", "2nd tier from"]
    first = next(r for r in rows if r[0] == harbourside[0]["offer_id"])
    assert first[8:11] == [
        pytest.approx(0.4), 0.0, "Mega Care plc: SME, 40.0% of the work in every lot",
    ]  # fmt: skip


def test_allocate_names_the_bids_their_errors_make_invalid(tender_copy: Path) -> None:
    """A unit rate of 'TBC' in Wye Valley's ASH prices makes its ASH tender invalid: that one
    bid makes no offer, and allocate names it (it said only "Bids with errors make no
    offer", whichever bids they were)."""
    import openpyxl

    path = tender_copy / "bids" / "wye-valley-carers-cic.xlsx"
    book = openpyxl.load_workbook(path)
    prices = book["Prices"]
    row = next(r for r in range(5, prices.max_row + 1) if prices.cell(r, 1).value == "ASH")
    prices.cell(row, 7).value = "TBC"
    book.save(path)
    run = CliRunner().invoke(cli, ["allocate", str(tender_copy)])
    assert run.exit_code == 1
    assert (
        "Bids made invalid by their errors make no offer: Wye Valley Carers CIC (ASH). "
        "The others make offers." in run.output
    )
    assert "Errors in organisation or supply-chain details" not in run.output


def test_a_package_scores_its_lots_rounded_as_their_single_offers_are(tender_copy: Path) -> None:
    """Wye Valley Carers CIC wins ASH (total 92.21234...) and CAN (92.20073...) on its own, and
    offers the pair as a package £1m dearer. The package's score was the unrounded sum,
    184.41308..., which rounds to 184.4131, above its single offers' 92.2123 + 92.2007 =
    184.4130, so the dearer package won under the score objective. Each lot is now rounded
    first: the package scores 184.4130, ties its single offers, and the cheaper singles win."""
    import openpyxl

    from tendereval.api.allocate import allocate

    path = tender_copy / "bids" / "wye-valley-carers-cic.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Packages"]
    row = next(r for r in range(1, 20) if str(sheet.cell(r, 1).value).startswith("Package")) + 1
    while sheet.cell(row, 1).value:
        row += 1
    singles = 10_321_099.33 + 14_176_152.30
    for column, value in enumerate(("East Kent pair", "ASH;CAN", singles + 1_000_000), start=1):
        sheet.cell(row, column).value = value
    book.save(path)
    done = allocate(tender_copy, objective="score")
    totals = done.result.results.filter(pl.col("supplier") == "Wye Valley Carers CIC")
    assert totals["total"].round(4, mode="half_away_from_zero").to_list() == [92.2123, 92.2007]
    package = offers_from_scores(done.result).filter(
        pl.col("offer_id") == "Wye Valley Carers CIC / package East Kent pair"
    )
    assert round(package["score"].item() * 10_000) == 1_844_130  # 92.2123 + 92.2007
    wye = done.allocation.awarded.filter(pl.col("supplier") == "Wye Valley Carers CIC")
    assert sorted(wye["offer_id"]) == ["Wye Valley Carers CIC / ASH", "Wye Valley Carers CIC / CAN"]


def test_a_packages_tie_break_points_are_its_lots_each_rounded_as_their_single_offers() -> None:
    """Wye Valley bids for ASH (quality 40.12343, social value 5.00003) and CAN (30.12343,
    4.00003) and offers the pair as a package. Each single offer counts 40.1234 and 30.1234
    quality points, 5.0000 and 4.0000 social value points, and 45.12346 -> 45.1235 and
    34.12346 -> 34.1235 together. The package counts the same lot by lot, 70.2468, 9.0000 and
    79.2470, so it ties its own offers at every key. Summed unrounded it counted 70.24686 ->
    70.2469, 9.00006 -> 9.0001 and 79.24692 -> 79.2469: one unit apart at each key, and
    rounding decided between the package and its own offers."""
    from types import SimpleNamespace

    from tendereval.allocation.api import with_tie_values
    from tendereval.allocation.from_tender import tie_values_from_scores
    from tendereval.allocation.preprocess import Prepared
    from tendereval.award.recorded import Decisions

    wye = "Wye Valley Carers CIC"
    bids = pl.DataFrame(
        {
            "supplier": [wye, wye],
            "lot": ["ASH", "CAN"],
            "status": ["ranked", "ranked"],
            "rank": [1, 1],
            "quality_score": [40.12343, 30.12343],
            "social_value_score": [5.00003, 4.00003],
        }
    )
    offers = pl.DataFrame(
        {
            "offer_id": [f"{wye} / ASH", f"{wye} / CAN", f"{wye} / package East Kent pair"],
            "supplier": [wye, wye, wye],
            "lots": [["ASH"], ["CAN"], ["ASH", "CAN"]],
        }
    )
    values = tie_values_from_scores(SimpleNamespace(results=bids), offers, Decisions())
    empty = pl.DataFrame()
    prepared = with_tie_values(Prepared(offers, empty, empty, ["ASH", "CAN"]), values)
    units = prepared.offers.select("quality_units", "social_value_units", "qsv_units").rows()
    assert units == [
        (401_234, 50_000, 451_235),
        (301_234, 40_000, 341_235),
        (702_468, 90_000, 792_470),
    ]
