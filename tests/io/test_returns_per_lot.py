"""A supplier's bid return once for each lot it bids for is its tender for each lot.

Found acting out a multi-lot tender taken through an e-tendering portal, one response a lot:
Wye Valley Carers CIC's Ashford prices in one workbook and its Canterbury prices in another.
Both were invalid, "neither is evaluated until the buyer decides which one stands", when there
was nothing to decide, and the supplier first in both lots was ranked in neither. The
Ashford tender also lost its prices (only the first file's were read), and every evaluator was
warned their Ashford scores were for a lot the supplier had not bid for.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import tendereval
from tests.io.builders import bid_workbook, good_tender

BRIGHT = "Bright Futures CIC"
CIC = {"org_type": "CIC", "vcse": "yes"}
SUBCONTRACTOR = {
    "name": "Local Meals CIC",
    "role": "subcontractor",
    "sme": "yes",
    "vcse": "yes",
    "share": "10%",
}
EVERY_LOT = {("L1", "hours"): 20.0, ("L1", "visits"): 35.0}
ONLY = {
    "L1": {("L1", "hours"): 22.0},
    "L2": {("L2", "hours"): 18.0, ("L2", "visits"): 30.0},
}


def _bright(path: Path, lots: tuple[str, ...], **changes) -> Path:
    """Bright Futures' bid return pricing ``lots``, committing 52 apprenticeship weeks for
    every lot it bids and naming a subcontractor for every lot (both left blank: all)."""
    rates = {key: rate for lot in lots for key, rate in ONLY[lot].items()}
    return bid_workbook(
        path,
        BRIGHT,
        rates=rates,
        organisation={**CIC, **changes.pop("organisation", {})},
        commitments=[{"measure": "SV-APP", "units": 52}],
        supply_chain=[SUBCONTRACTOR],
        **changes,
    )


def _tender(tmp_path: Path, *returns: tuple[str, ...], name: str = "t") -> Path:
    folder = good_tender(tmp_path / name)
    (folder / "bids" / "bright.xlsx").unlink()
    for lots in returns:
        _bright(folder / "bids" / f"bright-{'-'.join(lots).lower()}.xlsx", lots)
    return folder


def _without_files(frame: pl.DataFrame) -> pl.DataFrame:
    kept = [c for c in frame.columns if c not in ("source", "cell")]
    return frame.select(kept).sort(pl.all().exclude(pl.List))


def test_one_return_a_lot_scores_as_one_return_for_every_lot(tmp_path: Path) -> None:
    whole = tendereval.score(_tender(tmp_path, ("L1", "L2"), name="one"), sensitivity=False)
    split = tendereval.score(_tender(tmp_path, ("L1",), ("L2",), name="two"), sensitivity=False)
    for name in ("results", "criteria"):
        assert_frame_equal(
            _without_files(getattr(whole, name)), _without_files(getattr(split, name))
        )
    bright = split.results.filter(pl.col("supplier") == BRIGHT)
    assert sorted(bright.select("lot", "status", "source").rows()) == [
        ("L1", "ranked", "bids/bright-l1.xlsx"),
        ("L2", "ranked", "bids/bright-l2.xlsx"),
    ]
    [said] = [p for p in split.problems if p.code == "bid.returns_per_lot"]
    assert not said.is_error
    assert said.message == (
        "Bright Futures CIC sent two bid returns, each for other lots: each is its tender for "
        "the lots it prices"
    )
    assert said.found == "L1 in bids/bright-l1.xlsx; L2 in bids/bright-l2.xlsx"
    assert not [p for p in split.problems if p.is_error]
    assert not [p for p in split.problems if p.code == "score.lot_not_bid"]
    assert split.award.summaries_ready, split.award.blockers


def test_every_lot_in_one_return_of_several_is_every_lot_it_bids(tmp_path: Path) -> None:
    """A commitment or subcontractor for "every lot" (its lot left blank) in the Ashford return
    is for Ashford: the Canterbury return says what it offers there."""
    tender = tendereval.load_tender(_tender(tmp_path, ("L1",), ("L2",)))
    commitments = tender.commitments.filter(pl.col("supplier") == BRIGHT)
    assert sorted(commitments.select("lot", "units", "source").rows()) == [
        ("L1", 52.0, "bids/bright-l1.xlsx"),
        ("L2", 52.0, "bids/bright-l2.xlsx"),
    ]
    chain = tender.supply_chain.filter(pl.col("supplier") == BRIGHT)
    assert sorted(chain.select("lots", "source").rows()) == [
        (["L1"], "bids/bright-l1.xlsx"),
        (["L2"], "bids/bright-l2.xlsx"),
    ]
    assert tender.suppliers.filter(pl.col("supplier") == BRIGHT).height == 1


def test_an_error_in_one_return_makes_only_its_own_tender_invalid(tmp_path: Path) -> None:
    folder = _tender(tmp_path, ("L1",), ("L2",))
    _bright(folder / "bids" / "bright-l2.xlsx", ("L2",), cells={"Prices!G7": "TBC"})
    result = tendereval.score(folder, sensitivity=False)
    statuses = dict(
        result.results.filter(pl.col("supplier") == BRIGHT).select("lot", "status").rows()
    )
    assert statuses == {"L1": "ranked", "L2": "invalid"}
    assert result.award.not_put_right == (("L2", BRIGHT),)


def test_two_returns_for_one_lot_are_still_the_buyers_to_decide(tmp_path: Path) -> None:
    result = tendereval.score(_tender(tmp_path, ("L1",), ("L1", "L2")), sensitivity=False)
    assert [p.code for p in result.problems if p.is_error] == ["bid.twice"]
    bright = result.results.filter(pl.col("supplier") == BRIGHT)
    assert set(bright.get_column("status")) == {"invalid"}
    assert not [p for p in result.problems if p.code == "bid.returns_per_lot"]


@pytest.mark.parametrize(
    "written", ["BRIGHT FUTURES CIC", "Bright Futures Community Interest Company"]
)
def test_returns_each_for_other_lots_writing_the_name_another_way_are_one_bid(
    tmp_path: Path, written: str
) -> None:
    """The Canterbury return typed the name in capitals, or the legal form in full, with the
    same company number and details: both returns were invalid, as "the same supplier bidding
    twice" (or "the same company number"). They are one supplier's tenders, each for its lot,
    under the name its first file by name gives (whose details are shown)."""
    one = tendereval.score(_tender(tmp_path, ("L1",), ("L2",), name="one"), sensitivity=False)
    folder = _tender(tmp_path, ("L1",), ("L2",), name="two")
    _bright(folder / "bids" / "bright-l2.xlsx", ("L2",), cells={"Organisation!B4": written})
    result = tendereval.score(folder, sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    for name in ("results", "criteria"):
        assert_frame_equal(
            _without_files(getattr(one, name)), _without_files(getattr(result, name))
        )
    [warning] = [p for p in result.problems if p.code == "bid.returns_per_lot"]
    assert warning.message == (
        "Bright Futures CIC sent two bid returns, each for other lots, its name written "
        f"'Bright Futures CIC' in bids/bright-l1.xlsx and '{written}' in bids/bright-l2.xlsx "
        "(shown as the first file writes it): each is its tender for the lots it prices"
    )
    tender = tendereval.load_tender(folder)
    assert set(tender.bids.get_column("supplier")) == {"Acme Care Ltd", BRIGHT}
    assert tender.suppliers.filter(pl.col("supplier") == BRIGHT)["legal_name"].to_list() == [BRIGHT]


def test_returns_for_one_lot_writing_the_name_in_capitals_stay_the_buyers_to_decide(
    tmp_path: Path,
) -> None:
    folder = _tender(tmp_path, ("L1",), ("L1", "L2"))
    _bright(
        folder / "bids" / "bright-l1-l2.xlsx",
        ("L1", "L2"),
        cells={"Organisation!B4": BRIGHT.upper()},
    )
    result = tendereval.score(folder, sensitivity=False)
    assert [p.code for p in result.problems if p.is_error] == ["bid.name_collision"]
    assert not [p for p in result.problems if p.code == "bid.returns_per_lot"]


def test_returns_whose_details_differ_wait_for_the_supplier_to_say_which_are_right(
    tmp_path: Path,
) -> None:
    """300 staff in one and 45 in the other: an SME in one and not in the other. Which is
    right is not for the order of the file names to decide."""
    folder = _tender(tmp_path, ("L1",), ("L2",))
    _bright(folder / "bids" / "bright-l2.xlsx", ("L2",), organisation={"staff": 300})
    result = tendereval.score(folder, sensitivity=False)
    [error] = [p for p in result.problems if p.is_error]
    assert error.code == "bid.returns_differ"
    assert error.message == (
        "Bright Futures CIC sent two bid returns, each for other lots (bids/bright-l1.xlsx and "
        "bids/bright-l2.xlsx), whose organisation details differ, so none is evaluated until "
        "the supplier confirms which are right"
    )
    assert error.found.startswith("staff: 45 in bids/bright-l1.xlsx, 300 in bids/bright-l2.xlsx")
    bright = result.results.filter(pl.col("supplier") == BRIGHT)
    assert set(bright.get_column("status")) == {"invalid"}
    assert not [p for p in result.problems if p.code == "bid.twice"]


def test_returns_whose_details_differ_give_no_false_lot_not_bid_for_warnings(
    tmp_path: Path,
) -> None:
    """VCSE? yes in the L1 return and no in the L2 return: the error saying they differ is
    right, but every evaluator was then warned their L2 scores were for a lot Bright Futures
    did not bid for, though its second return bids for it."""
    folder = _tender(tmp_path, ("L1",), ("L2",))
    _bright(folder / "bids" / "bright-l2.xlsx", ("L2",), organisation={"vcse": "no"})
    tender = tendereval.load_tender(folder)
    [error] = [p for p in tender.problems if p.is_error]
    assert error.code == "bid.returns_differ"
    assert error.found == "vcse: yes in bids/bright-l1.xlsx, no in bids/bright-l2.xlsx"
    assert tender.scores.filter(supplier=BRIGHT, lot="L2").height > 0  # scores there
    assert [p for p in tender.problems if p.code == "score.lot_not_bid"] == []


def test_a_return_for_every_lot_beside_one_for_a_lot_is_not_split(tmp_path: Path) -> None:
    """The usual slip: the whole bid sent again (a corrected copy). Both price L1."""
    folder = good_tender(tmp_path / "t")
    bid_workbook(folder / "bids" / "bright-again.xlsx", BRIGHT, rates=EVERY_LOT, organisation=CIC)
    result = tendereval.score(folder, sensitivity=False)
    assert "bid.twice" in [p.code for p in result.problems]


def test_every_supplier_split_or_not_gives_the_same_results(tmp_path: Path) -> None:
    """Both suppliers' bids, each as one return or one a lot, yearly uplifts included: the
    four ways score alike, file names aside."""
    acme_rates = {("L1", "hours"): 21.0, ("L2", "hours"): 19.0, ("L2", "visits"): 35.0}
    uplifts = {"L1": "2%", "L2": "3%"}
    results = []
    for acme_split in (False, True):
        for bright_split in (False, True):
            bright = [("L1",), ("L2",)] if bright_split else [("L1", "L2")]
            folder = _tender(tmp_path, *bright, name=f"{acme_split}-{bright_split}")
            (folder / "bids" / "acme.xlsx").unlink()
            for lots in [("L1",), ("L2",)] if acme_split else [("L1", "L2")]:
                bid_workbook(
                    folder / "bids" / f"acme-{'-'.join(lots).lower()}.xlsx",
                    "Acme Care Ltd",
                    rates={key: rate for key, rate in acme_rates.items() if key[0] in lots},
                    uplifts={lot: uplifts[lot] for lot in lots},
                )
            scored = tendereval.score(folder, sensitivity=False)
            assert not [p for p in scored.problems if p.is_error]
            assert set(scored.results.get_column("status")) == {"ranked"}
            results.append(scored)
    first, *others = results
    for other in others:
        for frame in ("results", "criteria"):
            assert_frame_equal(
                _without_files(getattr(first, frame)), _without_files(getattr(other, frame))
            )
        assert other.award.lots == first.award.lots


def _revised_l1(path: Path, **changes) -> Path:
    """Bright Futures' later return, pricing L1 again (at 21 an hour, not 22)."""
    return bid_workbook(
        path,
        BRIGHT,
        rates={("L1", "hours"): 21.0},
        organisation=CIC,
        commitments=[{"measure": "SV-APP", "units": 52}],
        supply_chain=[SUBCONTRACTOR],
        **changes,
    )


def _withdrawn_from_l1(folder: Path) -> None:
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/bright-l1-l2.xlsx"\nlot = "L1"\n'
        "withdrawn_on = 2026-03-04\n",
        encoding="utf-8",
    )


def test_a_return_withdrawn_for_one_lot_stands_for_its_others(tmp_path: Path) -> None:
    """Bright Futures priced L1 and L2 in one return, then L1 again in a later one. Recorded
    as withdrawn from its first return for L1 only, its L1 tender is the later return and its
    L2 tender the first: scored exactly as one return for each lot would be. Before, both
    returns were invalid ("lot L1 is priced in both") whatever the buyer recorded."""
    folder = _tender(tmp_path, ("L1", "L2"))
    _revised_l1(folder / "bids" / "bright-l1.xlsx")
    _withdrawn_from_l1(folder)
    result = tendereval.score(folder, sensitivity=False)
    reference_folder = _tender(tmp_path, ("L2",), name="reference")
    _revised_l1(reference_folder / "bids" / "bright-l1.xlsx")
    reference = tendereval.score(reference_folder, sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    standing = result.results.filter(pl.col("status") != "withdrawn")
    assert_frame_equal(_without_files(standing), _without_files(reference.results))
    assert_frame_equal(_without_files(result.criteria), _without_files(reference.criteria))
    assert_frame_equal(_without_files(result.social_value), _without_files(reference.social_value))
    bright = result.results.filter(pl.col("supplier") == BRIGHT).select("lot", "source", "status")
    assert sorted(bright.rows()) == [
        ("L1", "bids/bright-l1-l2.xlsx", "withdrawn"),
        ("L1", "bids/bright-l1.xlsx", "ranked"),
        ("L2", "bids/bright-l1-l2.xlsx", "ranked"),
    ]
    assert result.award.held_back is None and result.award.problems == ()


def test_an_error_in_the_lot_withdrawn_from_a_return_holds_nothing_back(tmp_path: Path) -> None:
    """Its L1 price left TBC in the first return: that tender was replaced, so the error no
    longer counts; the same error in its L2 price still makes its L2 tender invalid."""
    folder = _tender(tmp_path, ("L1", "L2"))
    _bright(folder / "bids" / "bright-l1-l2.xlsx", ("L1", "L2"), cells={"Prices!G5": "TBC"})
    _revised_l1(folder / "bids" / "bright-l1.xlsx")
    _withdrawn_from_l1(folder)
    result = tendereval.score(folder, sensitivity=False)
    assert [(p.file, p.lot) for p in result.problems if p.is_error] == [
        ("bids/bright-l1-l2.xlsx", "L1")
    ]
    assert result.award.held_back is None and result.award.not_put_right == ()
    _bright(folder / "bids" / "bright-l1-l2.xlsx", ("L1", "L2"), cells={"Prices!G7": "TBC"})
    result = tendereval.score(folder, sensitivity=False)
    statuses = dict(
        result.results.filter((pl.col("supplier") == BRIGHT) & (pl.col("status") != "withdrawn"))
        .select("lot", "status")
        .rows()
    )
    assert statuses == {"L1": "ranked", "L2": "invalid"}
    assert result.award.not_put_right == (("L2", BRIGHT),)


def test_a_late_return_pricing_another_lot_too_is_rejected_lot_by_lot(tmp_path: Path) -> None:
    """Bright Futures priced L1 on time, then L1 and L2 in a return that came in after the
    deadline. Rejecting the late file sets it aside for L1, where the first return stands;
    for L2 it is Bright's only return, its tender: without a ground a rejection cannot set a
    ranked tender aside, and says which lot; with one, that tender is disregarded."""
    folder = _tender(tmp_path, ("L1",), ("L1", "L2"))
    late = "bids/bright-l1-l2.xlsx"
    rejection = f'[[rejection]]\nsupplier = "{late}"\nreason = "Received after the deadline"\n'
    (folder / "decisions.toml").write_text(rejection, encoding="utf-8")
    result = tendereval.score(folder, sensitivity=False)
    (wrong,) = result.award.problems
    assert (wrong.code, wrong.found) == ("decisions.rejection_not_invalid", "lot L2: ranked")
    assert "not to be made yet" in result.award.held_back

    with (folder / "decisions.toml").open("a", encoding="utf-8") as file:
        file.write('ground = "procedural_breach"\n')
    result = tendereval.score(folder, sensitivity=False)
    reference = tendereval.score(_tender(tmp_path, ("L1",), name="reference"), sensitivity=False)
    assert_frame_equal(result.results.filter(pl.col("source") != late), reference.results)
    bright = result.results.filter(pl.col("source") == late).select("lot", "status").rows()
    assert sorted(bright) == [("L1", "invalid"), ("L2", "disqualified")]
    assert result.award.held_back is None and result.award.problems == ()


def test_a_withdrawal_of_a_lot_a_return_does_not_price_is_an_error_at_the_lot(
    tmp_path: Path,
) -> None:
    folder = _tender(tmp_path, ("L1",), ("L2",))
    (folder / "decisions.toml").write_text(
        '[[withdrawal]]\nsupplier = "bids/bright-l1.xlsx"\nlot = "L2"\nwithdrawn_on = 2026-09-16\n',
        encoding="utf-8",
    )
    (wrong,) = [p for p in tendereval.validate(folder).problems if p.file == "decisions.toml"]
    assert (wrong.code, wrong.cell) == ("decisions.withdrawal_unknown", "withdrawal[0].lot")
    assert wrong.message == (
        "the withdrawal names lot L2 of the bid return bids/bright-l1.xlsx, which does not "
        "price it, so no tender was set aside"
    )
    result = tendereval.score(folder, sensitivity=False)
    assert [p.cell for p in result.award.problems] == ["withdrawal[0].lot"]
    assert set(result.results.filter(pl.col("supplier") == BRIGHT)["status"]) == {"ranked"}


def test_a_suppliers_one_return_withdrawn_by_its_file_for_one_lot_says_when(
    tmp_path: Path,
) -> None:
    """Its summary said "You withdrew this tender, so it was not assessed." with no date: the
    record was looked up by the supplier's name, and it names the file."""
    folder = _tender(tmp_path, ("L1", "L2"))
    _withdrawn_from_l1(folder)
    result = tendereval.score(folder, sensitivity=False)
    statuses = dict(
        result.results.filter(pl.col("supplier") == BRIGHT).select("lot", "status").rows()
    )
    assert statuses == {"L1": "withdrawn", "L2": "ranked"}
    written = tendereval.summaries(result, tmp_path / "s")
    (path,) = [p for p in written.paths if "bright" in p.name]
    rows = openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)
    outcomes = {row[0]: row[2] for row in rows if row[0] in ("L1", "L2")}
    assert outcomes["L1"] == "You withdrew this tender on 2026-03-04, so it was not assessed."


@st.composite
def _returns_and_withdrawals(draw: st.DrawFn) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Bright Futures' returns, each (the lots it prices, the lots the buyer records it
    withdrawn for by its file)."""
    lot_sets = st.sampled_from([("L1",), ("L2",), ("L1", "L2")])
    returns = draw(st.lists(lot_sets, min_size=1, max_size=3))
    return [(lots, tuple(lot for lot in lots if draw(st.booleans()))) for lots in returns]


def _rates(place: int, lot: str) -> dict[tuple[str, str], float]:
    """Return ``place``'s rates for ``lot``: another rate in each return, so which return
    stands shows in the scores."""
    rates = {(lot, "hours"): 20.0 + place}
    if lot == "L2":
        rates[(lot, "visits")] = 30.0 + place
    return rates


def _return(path: Path, lots: tuple[str, ...], place: int) -> None:
    bid_workbook(
        path,
        BRIGHT,
        rates={key: rate for lot in lots for key, rate in _rates(place, lot).items()},
        organisation=CIC,
        commitments=[{"measure": "SV-APP", "units": 52}],
        supply_chain=[SUBCONTRACTOR],
    )


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(returns=_returns_and_withdrawals())
# Every return withdrawn: said "neither is evaluated until the buyer decides" when it had.
@example(returns=[(("L1",), ("L1",)), (("L1",), ("L1",))])
# One return withdrawn for a lot, the other standing for both.
@example(returns=[(("L1", "L2"), ("L1",)), (("L1",), ())])
def test_returns_withdrawn_by_file_for_any_lots_leave_the_tenders_that_stand(
    tmp_path_factory: pytest.TempPathFactory, returns: list
) -> None:
    """The invariant: whatever returns Bright Futures sent and whichever lots of each the buyer
    records withdrawn, when one return stands for each lot it still bids for, the results are
    those of one return for each such lot (its prices, its commitments); when two stand for a
    lot, the buyer must still choose, and neither is ranked."""
    root = tmp_path_factory.mktemp("returns")
    folder = good_tender(root / "t")
    (folder / "bids" / "bright.xlsx").unlink()
    records = []
    for place, (lots, out) in enumerate(returns):
        name = f"bright-{place}.xlsx"
        _return(folder / "bids" / name, lots, place)
        if out:
            records += [
                f'[[withdrawal]]\nsupplier = "bids/{name}"\nlot = "{lot}"\n'
                "withdrawn_on = 2026-03-04\n"
                for lot in out
            ]
    (folder / "decisions.toml").write_text("\n".join(records), encoding="utf-8")
    standing: dict[str, list[int]] = {}
    for place, (lots, out) in enumerate(returns):
        for lot in lots:
            if lot not in out:
                standing.setdefault(lot, []).append(place)
    result = tendereval.score(folder, sensitivity=False)
    bright = result.results.filter(
        (pl.col("supplier") == BRIGHT) & (pl.col("status") != "withdrawn")
    )
    if any(len(places) > 1 for places in standing.values()):
        assert set(bright["status"]) == {"invalid"}
        assert "bid.twice" in {p.code for p in result.problems}
        return
    reference_folder = good_tender(root / "reference")
    (reference_folder / "bids" / "bright.xlsx").unlink()
    for lot, (place,) in standing.items():
        _return(reference_folder / "bids" / f"bright-{lot.lower()}.xlsx", (lot,), place)
    reference = tendereval.score(reference_folder, sensitivity=False)
    assert [p for p in result.problems if p.is_error] == []
    assert_frame_equal(
        _without_files(result.results.filter(pl.col("status") != "withdrawn")),
        _without_files(reference.results),
    )
    assert_frame_equal(_without_files(result.criteria), _without_files(reference.criteria))
    assert result.award.to_dict()["lots"] == reference.award.to_dict()["lots"]


def test_a_rejection_of_a_return_for_one_lot_settles_no_error_of_its_other_lots(
    tmp_path: Path,
) -> None:
    """Bright Futures' one return left both lots' prices TBC; the buyer rejects it for L1 only
    (naming the file). Its L2 tender is invalid still, and could win once put right: the award
    of L2 waits on it."""
    folder = _tender(tmp_path, ("L1", "L2"))
    _bright(folder / "bids/bright-l1-l2.xlsx", ("L1", "L2"),
            cells={"Prices!G5": "TBC", "Prices!G7": "TBC"})  # fmt: skip
    (folder / "decisions.toml").write_text(
        '[[rejection]]\nsupplier = "bids/bright-l1-l2.xlsx"\nlot = "L1"\nreason = "Not priced"\n',
        encoding="utf-8",
    )
    result = tendereval.score(folder, sensitivity=False)
    assert result.award.problems == ()
    assert result.award.not_put_right == (("L2", BRIGHT),)
