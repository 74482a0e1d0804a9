"""Package offers handed in as a frame keep the loaders' rules (red team, session 15).

From a bid return the loader leaves out a package with no name, a second of the same name, one
naming a lot the plan does not have, one of fewer than two lots or with no price above £0, and
warns of one naming a lot its supplier did not bid for alone. Handed in as a frame
(``tender.packages = …``) each went straight to ``allocate``: a package of one lot at £1,000
won that lot, two packages of one name became one offer naming lots twice (a UsageError about
"row 14" of a frame the user never made), and a package for lot ZZZ, or one whose supplier was
written in capitals, was dropped, each without a word."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.io.frame_rules import as_loaded
from tests.example_copies import example_with

ROOT = Path(__file__).resolve().parents[2]
HOMECARE = ROOT / "examples" / "homecare-districts"
LOTS = pl.List(pl.String)


@pytest.fixture(scope="module")
def homecare() -> tendereval.Tender:
    return tendereval.load_tender(HOMECARE)


def _allocated(tender: tendereval.Tender, packages: pl.DataFrame):
    tender = tendereval.Tender.from_frames(
        tender.plan, **{name: getattr(tender, name) for name in ("bids", "prices", "scores",
        "moderation", "commitments", "declarations", "suppliers", "proxies", "supply_chain")},
        packages=packages,
    )  # fmt: skip
    return tendereval.allocate(tender, objective="cost")


def _winners(allocation) -> list[tuple]:
    return allocation.allocation.winners.select("lot", "supplier", "package").sort("lot").rows()


@pytest.fixture(scope="module")
def as_given(homecare):
    return _winners(_allocated(homecare, homecare.packages))


def _one_more(packages: pl.DataFrame, **changed) -> pl.DataFrame:
    extra = packages.head(1).with_columns(
        source=pl.lit(None, pl.String), cell=pl.lit(None, pl.String), **changed
    )
    return pl.concat([packages, extra])


@pytest.mark.parametrize(
    ("changed", "code", "found"),
    [
        # One lot for £1,000: it won lot ASH for Bluebell.
        ({"package": pl.lit("solo"), "lots": pl.lit(["ASH"], LOTS), "price": pl.lit(1000.0)},
         "package.too_few_lots", "ASH"),
        ({"package": pl.lit("twice"), "lots": pl.lit(["ASH", "ASH"], LOTS),
          "price": pl.lit(1000.0)}, "package.too_few_lots", "ASH"),
        # The same name as Bluebell's East Kent: merged into one offer naming lots twice.
        ({"lots": pl.lit(["ASH", "CAN"], LOTS), "price": pl.lit(1000.0)},
         "package.duplicate", "East Kent"),
        ({"package": pl.lit("East  KENT"), "lots": pl.lit(["ASH", "CAN"], LOTS),
          "price": pl.lit(1000.0)}, "package.duplicate", "East  KENT"),
        ({"package": pl.lit("odd"), "lots": pl.lit(["ASH", "ZZZ"], LOTS),
          "price": pl.lit(1000.0)}, "lot.unknown", "ZZZ"),
        ({"package": pl.lit("free"), "price": pl.lit(0.0)}, "package.price_not_positive", "£0.00"),
        # (£0.00 to the penny, as every output shows it, is a price of nothing: session 33)
        ({"package": pl.lit("tiny"), "price": pl.lit(0.004)}, "package.price_not_positive",
         "£0.00"),
        ({"package": pl.lit("unpriced"), "price": pl.lit(None, pl.Float64)},
         "package.price_not_positive", "no price"),
        ({"package": pl.lit(None, pl.String)}, "package.no_name", "a blank cell"),
        ({"supplier": pl.lit("Bluebell Homecare"), "package": pl.lit("other")},
         "package.unknown_supplier", "Bluebell Homecare"),
    ],
)  # fmt: skip
def test_a_package_the_loader_leaves_out_is_left_out_with_its_problem(
    homecare, as_given, changed, code, found
) -> None:
    allocation = _allocated(homecare, _one_more(homecare.packages, **changed))
    [problem] = [p for p in allocation.problems if p.code == code]
    assert problem.is_error and problem.found == found
    assert problem.file == "packages frame"
    assert _winners(allocation) == as_given  # as if it had not been given


def test_a_package_with_the_supplier_in_capitals_is_its_suppliers(homecare, as_given) -> None:
    """Scoring reads "BLUEBELL HOMECARE LTD" as Bluebell Homecare Ltd: its packages are
    offered under the name its bids have (they were dropped, and every package lost)."""
    shouted = homecare.packages.with_columns(supplier=pl.col("supplier").str.to_uppercase())
    allocation = _allocated(homecare, shouted)
    assert not [p for p in allocation.problems if p.code.startswith("package.")]
    assert _winners(allocation) == as_given
    assert any(package for _, _, package in as_given)


def test_a_package_naming_a_lot_not_bid_alone_is_kept_with_the_loaders_warning(homecare) -> None:
    oasthouse_lots = set(
        homecare.bids.filter(pl.col("supplier") == "Oasthouse Care Group Ltd")["lot"]
    )
    other = next(lot for lot in homecare.plan.lot_ids if lot not in oasthouse_lots)
    oasthouse = homecare.packages.filter(pl.col("supplier") == "Oasthouse Care Group Ltd")
    wider = oasthouse.with_columns(
        package=pl.lit("Wider"), lots=pl.concat_list("lots", pl.lit(other)), source=None, cell=None
    )
    tender = as_loaded(
        tendereval.Tender.from_frames(
            homecare.plan, bids=homecare.bids, packages=pl.concat([homecare.packages, wider])
        )
    )
    [warning] = [p for p in tender.problems if p.code == "package.lot_not_bid"]
    assert (warning.found, warning.is_error, warning.lot) == (other, False, "Wider")
    assert tender.packages.height == homecare.packages.height + 1


def test_the_loaders_own_warning_is_not_repeated(tmp_path) -> None:
    bid, lots = "bids/oasthouse-care-group-ltd.xlsx", "ASH;CAN;DOV;FOL;THA;GRA"
    folder = example_with(tmp_path, "homecare-districts", bid, "Packages!B5", lots)
    tender = tendereval.load_tender(folder)
    assert [p.code for p in tender.problems] == ["package.lot_not_bid"]
    assert as_loaded(tender) is tender
    result = tendereval.score(tender, sensitivity=False)
    assert [p.code for p in result.problems] == ["package.lot_not_bid"]
    assert result.packages.height == tender.packages.height  # kept, as the loader keeps it


def test_lots_separated_by_a_comma_in_a_frame_are_read_as_the_loader_reads_them(
    homecare,
) -> None:
    """A bid return's lots cell "ASH, CAN" (or "ASH/CAN", "ASH + CAN") is lots ASH and CAN,
    with a warning; the same text as an item of a frame's list of lots was a lot not in the
    plan, and the package was left out. Now the frame's list is read by the loader's rule.
    Bluebell's East Kent package, given as ["ASH, CAN", "DOV"] instead of its own lots, is
    read as ASH, CAN and DOV."""
    bluebell = homecare.packages.filter(pl.col("supplier") == "Bluebell Homecare Ltd").head(1)
    typed = bluebell.with_columns(
        package=pl.lit("Typed"),
        lots=pl.lit(["ASH, CAN", "DOV"], LOTS),
        source=pl.lit(None, pl.String),
        cell=pl.lit(None, pl.String),
    )
    tender = as_loaded(
        tendereval.Tender.from_frames(
            homecare.plan, bids=homecare.bids, packages=pl.concat([homecare.packages, typed])
        )
    )
    [warning] = [p for p in tender.problems if p.code == "lot.separated_otherwise"]
    assert not warning.is_error
    assert warning.message == (
        "the lots are separated by ',' inside one item of the list, not given as an item "
        "each, and are read as ASH; CAN; DOV"
    )
    assert warning.where == f"packages frame › row {homecare.packages.height + 1}"
    assert not [p for p in tender.problems if p.code == "lot.unknown"]
    assert tender.packages.filter(pl.col("package") == "Typed")["lots"].to_list() == [
        ["ASH", "CAN", "DOV"]
    ]
    # A part that is no lot of the plan: left as it was, a lot not in the plan.
    odd = typed.with_columns(lots=pl.lit(["ASH, ZZZ", "DOV"], LOTS))
    tender = as_loaded(
        tendereval.Tender.from_frames(
            homecare.plan, bids=homecare.bids, packages=pl.concat([homecare.packages, odd])
        )
    )
    assert [p.found for p in tender.problems if p.code == "lot.unknown"] == ["ASH, ZZZ"]


def test_a_supply_chain_share_of_lots_separated_by_a_slash_counts_in_those_lots(homecare) -> None:
    chain = pl.DataFrame(
        {
            "supplier": ["Bluebell Homecare Ltd"],
            "name": ["Little Helpers CIC"],
            "role": ["subcontractor"],
            "share": [0.2],
            "sme": [True],
            "vcse": [True],
            "lots": [["ASH/CAN"]],
        },
        schema_overrides={"lots": LOTS},
    )
    tender = as_loaded(
        tendereval.Tender.from_frames(homecare.plan, bids=homecare.bids, supply_chain=chain)
    )
    [warning] = [p for p in tender.problems if p.code == "lot.separated_otherwise"]
    assert "separated by '/'" in warning.message
    assert tender.supply_chain["lots"].to_list() == [["ASH", "CAN"]]
    assert not [p for p in tender.problems if p.code == "lot.unknown"]
