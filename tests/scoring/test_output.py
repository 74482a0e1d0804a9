"""JSON, CSV and the terminal table."""

from __future__ import annotations

import csv
import json
import re

import polars as pl

from tendereval.console import format_problems
from tendereval.errors import Problem
from tendereval.scoring import score
from tendereval.scoring.output import render, to_csv, to_json, write_json

from .builders import TWO_LOTS, make_plan, tender


def scored():
    plan = make_plan()
    t = tender(
        plan,
        rates={'=HYPERLINK("http://x")': 10, "Bravo Care": 11, "-Minus Ltd": 12, "D": 13},
        problems=[
            Problem(
                "the rate is blank", file="bids/d.xlsx", sheet="Prices", cell="D7", supplier="D"
            )
        ],
    )
    return score(t, samples=100)


def test_json_holds_the_issue_structure_and_exact_numbers(tmp_path) -> None:
    result = scored()
    data = to_json(result)
    assert data["tender"]["id"] == "T-1"
    (lot,) = data["lots"]
    assert lot["lot"] == "L1"
    ranking = lot["ranking"]
    assert [r["status"] for r in ranking] == ["ranked", "ranked", "ranked", "invalid"]
    assert [r["rank"] for r in ranking] == [1, 2, 3, None]
    for key in (
        "supplier",
        "rank",
        "status",
        "total",
        "price_score",
        "quality_score",
        "social_value_score",
        "reasons",
    ):
        assert all(key in r for r in ranking)
    assert ranking[1]["price_score"] == (10 / 11) * 40  # exact, not rounded
    assert ranking[3]["total"] is None
    assert ranking[3]["reasons"][0] == "the rate is blank (bids/d.xlsx › Prices › D7)"
    assert [c["criterion"] for c in ranking[0]["criteria"]] == ["price", "Q1", "Q2", "SV1"]
    assert data["problems"][0]["where"] == "bids/d.xlsx › Prices › D7"
    assert data["settings"]["seed"] == 20261122 and data["settings"]["samples"] == 100
    assert sum(w["effective_weight"] for w in data["plan"]["weights"] if w["leaf"]) == 100
    assert isinstance(data["flags"], list) and "inputs" in data
    path = tmp_path / "r.json"
    write_json(result, path)
    assert json.loads(path.read_text(encoding="utf-8"))["lots"][0]["ranking"] == json.loads(
        json.dumps(ranking)
    )


def test_csv_escapes_formula_cells_and_keeps_numbers(tmp_path) -> None:
    path = tmp_path / "r.csv"
    to_csv(scored(), path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    suppliers = [r["supplier"] for r in rows]
    assert suppliers == ['\'=HYPERLINK("http://x")', "Bravo Care", "'-Minus Ltd", "D"]
    assert float(rows[0]["total"]) == 40 + 24 + 12
    assert rows[3]["reasons"] == "the rate is blank (bids/d.xlsx › Prices › D7)"
    assert rows[3]["total"] == ""


def test_terminal_table_is_aligned_with_reasons_underneath() -> None:
    text = render(scored())
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Rank"))
    assert lines[header].split() == [
        "Rank",
        "Supplier",
        "Status",
        "Total",
        "Price",
        "Quality",
        "Social",
        "value",
        "Evaluated",
        "price",
        "Win",
        "%",
    ]
    first = lines[header + 2]
    assert first.split()[:2] == ["1", '=HYPERLINK("http://x")']
    assert "76.00" in first and "£10,000.00" in first
    # Every table row has the same length up to the Win % column: columns are aligned.
    table = [line for line in lines[header : header + 8] if not line.startswith("        ")]
    assert len({len(line) for line in table[:5]}) == 1
    invalid = next(i for i, line in enumerate(lines) if " D " in line and "invalid" in line)
    assert lines[invalid + 1].strip() == "- the rate is blank (bids/d.xlsx › Prices › D7)"
    assert "Robustness:" in text


def test_problems_are_grouped_by_file() -> None:
    """Every command shows problems this one way (tendereval.console)."""
    lines = format_problems(
        [
            Problem("a", file="bids/x.xlsx", sheet="Prices", cell="D7"),
            Problem("b", file="tender.toml", cell="price.method"),
            Problem("c", file="bids/x.xlsx", sheet="Organisation", cell="B4", found="'?'"),
        ]
    )
    assert lines == [
        "bids/x.xlsx — 2 errors",
        "  Prices › D7: error: a",
        "  Organisation › B4: error: c (found '?')",
        "tender.toml — 1 error",
        "  price.method: error: b",
    ]


def test_unreadable_bids_are_listed_in_json_and_on_screen() -> None:
    # Two lots: which the file was for cannot be told (with one lot it is a bid for it).
    plan = make_plan(lots=TWO_LOTS)
    t = tender(plan, rates={"A": 10, "B": 11})
    from tendereval.io import frames as F

    bids = pl.concat(
        [t.bids, F.frame("bids", [{"supplier": None, "lot": None, "source": "bids/broken.xlsx"}])]
    )
    result = score(tender(plan, rates={"A": 10, "B": 11}, bids=bids), sensitivity=False)
    data = to_json(result)
    assert [b["source"] for b in data["unplaced_bids"]] == ["bids/broken.xlsx"]
    assert "bids/broken.xlsx (invalid): no lot could be read from the bid file" in render(result)


def test_amounts_too_large_to_count_in_pence_are_written_not_crashed_on() -> None:
    """The loaders refuse money over £1 trillion, but frames built in a notebook are not
    checked: a rate of £9.3e13 made the price messages overflow a 64-bit count of pence."""
    from tendereval.scoring.common import money, num

    amounts = pl.Series([1234567.891, -12.5, 9.3e16, float("inf"), None])
    assert pl.select(money(amounts)).to_series().to_list() == [
        "£1,234,567.89",
        "-£12.50",
        "£9.3e+16",
        "infinite",
        None,
    ]
    # Four figures, not a float's seventeen (a rate of 1e300 made £3.1260652499999996e+306).
    huge = pl.Series([3.1260652499999996e306, -2.4999999999999997e20, 1.2345678e17])
    assert pl.select(money(huge)).to_series().to_list() == [
        "£3.126e+306",
        "-£2.5e+20",
        "£1.235e+17",
    ]
    assert pl.select(num(pl.Series([3.0, 2.5, 1e20]))).to_series().to_list() == [
        "3",
        "2.5",
        "1e+20",
    ]
    plan = make_plan()
    result = score(tender(plan, rates={"A": 10.0, "B": 9.3e13}), sensitivity=False)
    prices = dict(result.results.select("supplier", "evaluated_price").iter_rows())
    assert prices == {"A": 10_000.0, "B": 9.3e16}
    # More than any public contract is worth: invalid with its reason, never ranked.
    b = result.results.filter(pl.col("supplier") == "B").row(0, named=True)
    assert b["status"] == "invalid"
    assert "£9.3e+16, more than any public contract is worth" in " ".join(b["reasons"])


def test_a_problem_in_many_places_of_a_file_is_shown_three_times_then_counted() -> None:
    """A CSV of 14,888 prices with the uplift written 0.03 gave 14,888 identical lines: the
    officer could not find anything else in them. Shown three times, then counted with the
    next places, in the order found; a different problem keeps its place among them."""
    uplift = dict(message="yearly uplift could be read two ways", found="'0.03'", expected="3%")
    rows = [Problem(**uplift, file="evaluation/prices.csv", cell=f"row {r}") for r in range(2, 22)]
    rows.insert(1, Problem("unit rate missing", file="evaluation/prices.csv", cell="row 2"))
    lines = format_problems(rows)
    said = "error: yearly uplift could be read two ways (found '0.03'); expected 3%"
    assert lines == [
        "evaluation/prices.csv — 21 errors",
        f"  row 2: {said}",
        "  row 2: error: unit rate missing",
        f"  row 3: {said}",
        f"  row 4: {said}",
        "  … and the same error 17 more times, at row 5; row 6; row 7; row 8; row 9; row 10; "
        "row 11; row 12; … (`tendereval validate --json FILE` lists every one)",
    ]


def test_problems_nothing_else_lists_are_shown_in_full() -> None:
    """What init --from-notice found reading a notice: no other command lists it, so a
    pointer to one would lead nowhere."""
    rows = [Problem("same", file="notice.json", cell=f"lots[{r}]") for r in range(25)]
    lines = format_problems(rows, abridged=False)
    assert lines == ["notice.json — 25 errors", *(f"  lots[{r}]: error: same" for r in range(25))]


def test_a_problem_in_four_places_is_shown_at_each() -> None:
    """Counting the fourth would take as many lines as showing it."""
    lines = format_problems([Problem("same", file="f.csv", cell=f"row {r}") for r in range(4)])
    assert lines == ["f.csv — 4 errors", *(f"  row {r}: error: same" for r in range(4))]


def test_the_officer_is_told_as_each_file_is_started(tmp_path) -> None:
    """The report of a thousand suppliers' bids took eleven seconds after the ranking was
    printed, with nothing said; the command shows these lines once writing takes a second."""
    from tendereval.scoring.output import write_outputs

    told: list[str] = []
    result = scored()
    written = write_outputs(
        result,
        json_path=tmp_path / "r.json",
        report_path=tmp_path / "r.xlsx",
        steps=told.append,
    )
    assert told == [
        f"Writing the results as JSON to {tmp_path / 'r.json'}…",
        f"Writing the Excel evaluation report to {tmp_path / 'r.xlsx'}…",
    ]
    assert written == [line.replace("Writing", "Wrote").rstrip("…") for line in told]


def test_a_lot_of_many_bids_lists_fifty_on_the_terminal_and_counts_the_rest() -> None:
    """A thousand suppliers' 7,444 bids were 16,000 lines on the terminal. The first fifty of
    a lot are listed in the order of the ranking; the rest are counted by status."""
    from tendereval.scoring.output import LISTED_PER_LOT

    rates = {f"Supplier {i:03d}": 10.0 + i for i in range(LISTED_PER_LOT + 12)}
    result = score(tender(make_plan(), rates=rates), sensitivity=False)
    text = render(result)
    listed = [line for line in text.splitlines() if re.match(r"\s+\d+\s+Supplier 0", line)]
    assert len(listed) == LISTED_PER_LOT
    assert listed[0].split()[:3] == ["1", "Supplier", "000"]  # the first-ranked first
    assert "  … and 12 more bids in this lot (12 ranked): the report's Ranking sheet" in text
    assert f"Supplier {LISTED_PER_LOT + 11:03d}" not in text


def test_many_problems_of_one_kind_each_in_its_own_words_are_shown_three_times() -> None:
    """15,000 rates far above their lots' values, each with its own figures, were 15,000
    lines. More than 20 of one kind (one code) in a file are shown three times and counted;
    20 are each shown."""
    from tendereval.console import KIND_SHOWN_UP_TO
    from tendereval.errors import Severity

    def far(row: int) -> Problem:
        return Problem(
            f"the rates for lot L{row:03d} come to {row} times its value",
            file="evaluation/prices.csv",
            cell=f"row {row}",
            severity=Severity.WARNING,
            code="price.far_above_estimate",
        )

    lines = format_problems([far(r) for r in range(2, KIND_SHOWN_UP_TO + 7)])
    assert lines[1:4] == [
        f"  row {r}: warning: the rates for lot L{r:03d} come to {r} times its value"
        for r in (2, 3, 4)
    ]
    assert lines[4].startswith("  … and 22 more warnings of this kind (price.far_above_estimate)")
    assert len(lines) == 5
    few = format_problems([far(r) for r in range(2, KIND_SHOWN_UP_TO + 2)])
    assert len(few) == 1 + KIND_SHOWN_UP_TO


def test_a_bid_with_thousands_of_reasons_lists_the_first_and_counts_the_rest(tmp_path) -> None:
    """A bid return with 2,000 rows naming price items the plan does not have: its row on the
    terminal had 2,000 lines beneath it. The first seven are listed and the rest counted."""
    import tendereval
    from tendereval.scoring.output import LISTED_PER_BID, render
    from tests.award.red_team_tenders import Bid, tender_folder

    folder = tender_folder(
        tmp_path / "t", ["L1"], [Bid("Acme Ltd", "L1", 20), Bid("Bravo Ltd", "L1", 21)]
    )
    with (folder / "evaluation" / "prices.csv").open("a", encoding="utf-8") as handle:
        for i in range(2_000):
            handle.write(f"Acme Ltd,L1,hours{i},20,0\n")
    result = tendereval.score(folder, sensitivity=False)
    assert (
        len(result.lot_results("L1").filter(pl.col("supplier") == "Acme Ltd")["reasons"][0])
        == 2_000
    )
    lines = render(result).splitlines()
    beneath = [line for line in lines if line.startswith("        - ")]
    assert len(beneath) == LISTED_PER_BID
    assert beneath[-1] == (
        "        - … and 1,993 more reasons: the report's Ranking sheet and --json list every one"
    )
    assert len(lines) < 40
