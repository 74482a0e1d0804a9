"""The benchmark generators and readers still work (tiny sizes), so `make bench` cannot rot."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tendereval.io.tender import load_tender
from tendereval.scoring import combine

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def benchmarks():
    sys.path.insert(0, str(BENCH))
    try:
        import bench_allocation
        import bench_loading
        import bench_report
        import bench_scoring

        yield bench_loading, bench_scoring, bench_report, bench_allocation
    finally:
        sys.path.remove(str(BENCH))


def test_generated_bid_returns_load_cleanly_with_their_own_values(benchmarks, tmp_path):
    loading = benchmarks[0]
    paths = loading.make_bids(tmp_path / "tender", 3)
    tender = load_tender(tmp_path / "tender")
    assert [p for p in tender.problems if p.is_error] == []
    assert tender.suppliers.get_column("supplier").to_list() == [
        "Bench Supplier 0000 Ltd",
        "Bench Supplier 0001 Ltd",
        "Bench Supplier 0002 Ltd",
    ]
    # Every placeholder rate was replaced by a plausible one, different between suppliers.
    rates = tender.prices.get_column("unit_rate")
    assert rates.max() < 200 and rates.min() > 25
    by_supplier = tender.prices.group_by("supplier").agg(first=rate_of_first_row())
    assert by_supplier.get_column("first").n_unique() == 3
    # The raw readers see the same cells in every file.
    counts = {loading.raw_parse(p) for p in paths}
    assert len(counts) == 1 and counts.pop() > 100
    assert loading.naive_load(paths[0]) == loading.openpyxl_read_only(paths[0])


def rate_of_first_row():
    import polars as pl

    return pl.col("unit_rate").sort_by("cell").first()


def test_scoring_generator_scores(benchmarks):
    scoring = benchmarks[1]
    tender = scoring.generate(suppliers=4, lots=2, questions=5, evaluators=2)
    assert tender.scores.height == 4 * 2 * 5 * 2
    result = combine.score(tender, samples=50)
    assert result.results.filter(status="ranked").height == 8


def test_the_minimal_query_computes_the_totals_and_ranks_score_does(benchmarks):
    """The reference score() is timed against must do the same sums, or the ratio means nothing."""
    scoring = benchmarks[1]
    tender = scoring.generate(suppliers=6, lots=2, questions=5, evaluators=3)
    both = combine.score(tender, sensitivity=False).results.join(
        scoring.minimal_totals(tender), on=["supplier", "lot"], suffix="_minimal"
    )
    assert both.height == 12
    assert (both.get_column("total") - both.get_column("total_minimal")).abs().max() < 1e-9
    assert both.get_column("rank").to_list() == both.get_column("rank_minimal").to_list()


def test_report_benchmark_writes_a_report(benchmarks, tmp_path):
    from tendereval.report.excel import write_report

    result = benchmarks[2].synthetic_result(5)
    write_report(result, tmp_path / "report.xlsx")
    assert (tmp_path / "report.xlsx").stat().st_size > 5_000


def test_allocation_generators_make_offers(benchmarks):
    allocation = benchmarks[3]
    offers = allocation.tender(5, 8)
    assert offers.height > 0 and set(offers.get_column("supplier")) <= {
        f"Supplier {i:03d}" for i in range(1, 9)
    }
    assert allocation.auction(10, 20).height == 20
    assert allocation.every_package(4).height == 15 + 4  # every non-empty subset, and singles
    assert allocation.every_package_steps(3) > 0
    ties, values = allocation.every_offer_ties(2, 3)
    assert ties.height == values.height == 6
    assert allocation.every_offer_ties_runs(2, 3) > 0


def test_runner_runs_a_step_in_its_own_process_and_reports_its_memory():
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--step", "startup", "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "tendereval --help" in done.stdout
    last = done.stdout.strip().splitlines()[-1].split()
    assert last[0] == "@@peak" and int(last[1]) > 0


def test_bus_routes_give_every_route_two_bidders_and_packages_of_neighbours(benchmarks):
    allocation = benchmarks[3]
    offers = allocation.bus_routes(12, operators=5)
    singles = offers.filter(offers.get_column("lots").list.len() == 1)
    per_route = singles.group_by(singles.get_column("lots").list.first()).len()
    assert per_route.height == 12 and per_route.get_column("len").min() >= 2
    packages = offers.filter(offers.get_column("lots").list.len() > 1)
    assert packages.height > 0 and packages.get_column("lots").list.len().max() <= 6


def test_the_direct_references_agree_with_allocate(benchmarks, capfd):
    import importlib.util

    from tendereval.allocation import allocate

    if importlib.util.find_spec("highspy") is None:
        pytest.skip("highspy not installed")
    sys.path.insert(0, str(BENCH))
    try:
        import reference_solvers as reference
    finally:
        sys.path.remove(str(BENCH))
    allocation = benchmarks[3]
    for frame, policy in (
        (allocation.bus_routes(12, operators=5), allocation.ROUTES),
        (allocation.tender(6, 10), allocation.POLICED),
        (allocation.auction(12, 30), allocation.Policy()),
    ):
        ours = allocate(frame, policy, solver="cbc")
        direct = reference.highs_direct(frame, policy, 30)
        assert ours.status == direct.status == "optimal"
        assert allocation._first_level_value(ours, policy) == round(direct.objective)
        if reference.cpsat_available() and "sme_share" not in policy.rules():
            assert reference.cpsat_direct(frame, policy, 30).objective == direct.objective
    # HiGHS's banner (printed by highspy.Highs() as it is made) once landed in the middle of
    # make bench's allocation table.
    assert "Running HiGHS" not in capfd.readouterr().out


def test_the_loading_comparison_exports_the_older_code_it_times(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import compare_loading
    finally:
        sys.path.remove(str(BENCH))
    if subprocess.run(["git", "-C", str(BENCH), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    source = compare_loading.export("HEAD", tmp_path)
    assert (source / "tendereval" / "io" / "tender.py").is_file()
    assert (tmp_path / "templates").is_dir()  # the proxy values the examples name


def test_the_commands_benchmark_makes_a_tender_every_command_takes(tmp_path):
    """The large tender the commands are timed on loads without a problem and is scored with
    every bid ranked or disqualified, and its notice of many lots drafts a plan."""
    sys.path.insert(0, str(BENCH))
    try:
        import bench_commands
    finally:
        sys.path.remove(str(BENCH))
    bench_commands.make_tender(tmp_path / "t", 4)
    tender = load_tender(tmp_path / "t")
    assert [p for p in tender.problems if p.is_error] == []
    result = combine.score(tender, sensitivity=False)
    assert set(result.results.get_column("status")) <= {"ranked", "disqualified"}
    assert result.results.height >= 4 * 3
    # Summaries and publish are timed on an award that may go out, not one held for scores far
    # apart with no consensus.
    assert not result.award.unmoderated
    bench_commands.notice_of_lots(tmp_path / "notice.json", 3, 5)
    from tendereval.ocds.notice import read_notice

    notice, _ = read_notice(tmp_path / "notice.json")
    assert notice is not None and len(notice.lots) == 3
    assert all(len(lot.criteria) == 6 for lot in notice.lots)


def test_the_scenarios_step_times_a_market_and_solves_its_allocations_directly(benchmarks):
    """The scenarios step on a tiny market: every packaging modelled, every allocation it made
    recorded, and each solved again by HiGHS direct to the same first level."""
    import importlib.util

    sys.path.insert(0, str(BENCH))
    try:
        import bench_scenarios
    finally:
        sys.path.remove(str(BENCH))
    data = bench_scenarios.market(6, 8)
    assert len(data["units"]) == 6 and len(data["suppliers"]) == 8
    assert [p["id"] for p in data["packagings"]] == ["single", "units", "fives", "tens"]
    measured = bench_scenarios.measure(6, 8, steps=1, samples=1)
    # Per packaging at least the expected allocation and one price sample, and the search
    # for the most attainable SME share.
    assert measured.allocations >= 4 * 3
    assert 0 < measured.allocate_seconds < measured.seconds
    if importlib.util.find_spec("highspy") is None:
        assert measured.direct_seconds is None
        return
    assert measured.direct_seconds > 0
    assert measured.agreed == measured.allocations
    assert "scenarios() vs HiGHS direct:" in bench_scenarios.report(measured, 1, 1)


def test_the_supplier_share_case_prints_its_rows(benchmarks):
    allocation = benchmarks[3]
    solver = "highs" if importlib.util.find_spec("highspy") else "cbc"
    rows = allocation.supplier_share([solver], quick=True)
    assert [row.policy for row in rows] == ["cap+SME, 50% max", "cap+SME, 20% max"]
    assert {row.status for row in rows} == {"optimal"}
