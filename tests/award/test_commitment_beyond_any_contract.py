"""A social value commitment worth more than any public contract is an error at its cell, and
the award waits for it, as for a price beyond any contract.

Found typing 1E305 in Weald Carers Trust's Social value › C5 (units committed) in the carers
example: Excel holds it, and units × the proxy value (£32,500) overflowed to infinity. The
social value score was infinite over infinite (NaN), the total NaN, ranked first and awarded
with warnings alone; the summaries were ready to send and the award notice named Weald, while
``allocate`` stopped with a usage error about a table the officer never gave it.
"""

from __future__ import annotations

import openpyxl

import tendereval
from tests.example_copies import example_copy

WEALD, BRIGHTWATER = "Weald Carers Trust", "Brightwater Care Services Ltd"
BID = "bids/weald-carers-trust.xlsx"


def _committed(tmp_path, units: float):
    folder = example_copy(tmp_path)
    book = openpyxl.load_workbook(folder / BID)
    book["Social value"]["C5"] = units
    book.save(folder / BID)
    return folder


def test_the_award_waits_on_a_commitment_beyond_any_contract(tmp_path) -> None:
    folder = _committed(tmp_path, 1e305)
    result = tendereval.score(folder, sensitivity=False)
    (weald,) = result.results.filter(supplier=WEALD).rows(named=True)
    assert (weald["status"], weald["rank"], weald["total"]) == ("invalid", None, None)
    (error,) = [p for p in result.problems if p.is_error]
    assert (error.code, error.where, error.supplier, error.lot) == (
        "commitments.beyond_any_contract",
        f"{BID} › Social value › C5",
        WEALD,
        "CSB",
    )
    # £1 trillion / £32,500 = 30,769,230.77: at most 30,769,230 local jobs.
    assert error.found == (
        "1e+305 units of SV-JOB-LOCAL at £32,500.00 a unit: a sum too large to count"
    )
    assert error.expected == (
        "the units put right by the supplier (at most 30,769,230 at this proxy value, £1 "
        "trillion), or the tender rejected in decisions.toml ([[rejection]])"
    )
    award = result.award
    assert award.winner("CSB") == BRIGHTWATER  # ranked first now ...
    assert [lot for lot, _ in award.errors_waited_on()] == ["CSB"]  # ... but not yet awarded
    assert not tendereval.summaries(result, outdir=tmp_path / "summaries").ready
    # validate, which does not score, names the same error.
    assert tendereval.validate(folder).errors == [error]


def test_the_buyer_rejecting_it_settles_the_award(tmp_path) -> None:
    folder = _committed(tmp_path, 1e305)
    (folder / "decisions.toml").write_text(
        f"""[[rejection]]
supplier = "{WEALD}"
lot = "CSB"
reason = "Its social value commitments could not be valued"
decided_on = 2026-03-10
""",
        encoding="utf-8",
    )
    award = tendereval.score(folder, sensitivity=False).award
    assert award.winner("CSB") == BRIGHTWATER
    assert award.errors_waited_on() == [] and not award.held_back
