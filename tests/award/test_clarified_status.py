"""A subcontractor's SME? answer left blank, given by the supplier's answer to the buyer:
``[[clarification]]`` with ``sme = true`` at that cell (io/answered_status.py).

Before, the answer could only be quoted: Oasthouse (winning TON, MAI and SWA in the homecare
example) named Medway Micro Care Ltd for 40% of its work with SME? blank, the supplier
answered "Yes … is an SME", and the warning quoted that beside "counted as not an SME";
allocate kept the SME share at 73.6% (84.2% with SME? yes) and asked for "the supplier's
answer [to be] put right", that is the received file edited.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

import tendereval
from tendereval.award import Decisions, RecordedClarification
from tendereval.award.decisions_text import decisions_toml
from tendereval.award.recorded import load_decisions
from tests.example_copies import example_copy

OASTHOUSE = "Oasthouse Care Group Ltd"
FILE = "bids/oasthouse-care-group-ltd.xlsx"
ANSWER = "Yes: Medway Micro Care Ltd is an SME (12 staff, turnover £300,000)"
UNKNOWN = (
    "SME? is missing; Medway Micro Care Ltd is counted as not an SME in the second-tier SME "
    "shares until the supplier says which"
)
SAID = (
    "the supplier was asked about it (asked on 2026-03-02, answered on 2026-03-03): "
    f"{ANSWER} (decisions.toml › clarification[0])"
)
# The SME shares of the allocation, from allocate on the example (hand-checked below): the
# first tier alone, and with Medway's 40% of Oasthouse's work counted as SME work.
FIRST_TIER = 0.7358760931868583


@pytest.fixture(scope="module")
def medway(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The homecare example, Oasthouse naming Medway Micro Care Ltd on its Supply chain sheet
    (row 5) for 40% of its work in every lot, SME? left blank."""
    folder = example_copy(tmp_path_factory.mktemp("medway"), "homecare-districts")
    book = openpyxl.load_workbook(folder / FILE)
    row = ["Medway Micro Care Ltd", "subcontractor", "09876543", 12, 300000, None, "no", 0.4]
    for column, value in zip("ABCDEFGH", row, strict=True):
        book["Supply chain"][f"{column}5"] = value
    book.save(folder / FILE)
    return folder


def _recorded(folder: Path, cell: str = "Supply chain › F5", extra: str = "") -> Path:
    (folder / "decisions.toml").write_text(
        f'[[clarification]]\nsupplier = "{OASTHOUSE}"\ncell = "{cell}"\n'
        f'asked_on = 2026-03-02\nanswered_on = 2026-03-03\nanswer = "{ANSWER}"\n{extra}',
        encoding="utf-8",
    )
    return folder


def _at_f5(problems) -> list:
    return [p for p in problems if p.file == FILE and p.where.endswith("Supply chain › F5")]


def _oasthouse_value(done) -> float:
    return sum(r["price"] for r in done.allocation.awarded_records() if r["supplier"] == OASTHOUSE)


def test_the_answer_counts_the_subcontractor_as_an_sme_in_every_share(medway: Path) -> None:
    before = tendereval.allocate(medway)
    after = tendereval.allocate(_recorded(medway, extra="sme = true\n"))
    sme_before = before.allocation.totals.participation["sme"]
    sme = after.allocation.totals.participation["sme"]
    assert sme_before["share_with_second_tier"] == pytest.approx(FIRST_TIER)
    # Worked by hand: Oasthouse wins TON, MAI and SWA for £34,422,371.62 of the
    # £130,326,603.28 awarded; 40% of it (£13,768,948.65) is SME work at the second tier:
    # (£95,904,231.66 + £13,768,948.65) / £130,326,603.28 = 84.2%, as with SME? "yes".
    assert _oasthouse_value(after) == pytest.approx(34_422_371.62)
    assert sme["value_second_tier"] == pytest.approx(0.4 * 34_422_371.62)
    assert sme["share_with_second_tier"] == pytest.approx(0.841525655912115)
    assert after.allocation.winners.equals(before.allocation.winners)
    # The note that the status is unknown is gone; scores and the award are as they were.
    assert any("Medway" in note for note in before.allocation.notes)
    assert not any("Medway" in note for note in after.allocation.notes)
    assert after.result.results.equals(before.result.results)
    # The score's own supply chain (the report's, the summaries') counts it so too.
    chain = after.result.supply_chain.filter(name="Medway Micro Care Ltd")
    assert chain["sme"].to_list() == [True]
    # The warning stays, saying how it is now counted and what the supplier answered.
    (warned,) = _at_f5(before.problems)
    (answered,) = _at_f5(after.problems)
    assert warned.message == UNKNOWN
    assert answered.message == (
        "SME? is missing; Medway Micro Care Ltd is counted as an SME in the second-tier SME "
        f"shares, as the supplier answered; {SAID}"
    )
    assert answered.expected == (
        "nothing more: the answer is recorded, and the bid return stays as received"
    )
    assert not answered.is_error
    assert not [p for p in after.problems if p.is_error]


def test_a_clarification_without_a_status_still_only_quotes_the_answer(medway: Path) -> None:
    done = tendereval.allocate(_recorded(medway))
    (warned,) = _at_f5(done.problems)
    assert warned.message == f"{UNKNOWN}; {SAID}"
    sme = done.allocation.totals.participation["sme"]
    assert sme["share_with_second_tier"] == pytest.approx(FIRST_TIER)
    assert any("Medway" in note for note in done.allocation.notes)


@pytest.mark.parametrize(
    ("cell", "extra", "code"),
    [
        # A price: a tender's prices cannot change after the deadline.
        ("Prices › G5", "sme = true\n", "decisions.clarification_status"),
        # The VCSE? answer, given as an SME status.
        ("Supply chain › G5", "sme = true\n", "decisions.clarification_status"),
        ("Supply chain › F5", "vcse = true\n", "decisions.clarification_status"),
        ("Supply chain › F5", 'sme = "yes"\n', "decisions.not_a_flag"),
    ],
)
def test_a_status_anywhere_but_a_blank_answer_is_refused(
    medway: Path, cell: str, extra: str, code: str
) -> None:
    tender = tendereval.load_tender(_recorded(medway, cell, extra))
    (refused,) = [p for p in tender.problems if p.is_error]
    assert refused.code == code
    assert refused.file == "decisions.toml"
    assert refused.cell == f"clarification[0].{extra.split(' ')[0]}"
    # Not applied at all: the warning and the status stay as the tender gives them.
    (warned,) = _at_f5(tender.problems)
    assert warned.message == UNKNOWN
    assert tender.supply_chain.filter(name="Medway Micro Care Ltd")["sme"].to_list() == [None]


def test_a_status_against_the_tenders_own_answer_is_refused(tmp_path: Path, medway: Path) -> None:
    folder = example_copy(tmp_path, "homecare-districts")
    book = openpyxl.load_workbook(medway / FILE)
    book["Supply chain"]["F5"] = "no"
    book.save(folder / FILE)
    tender = tendereval.load_tender(_recorded(folder, extra="sme = true\n"))
    (refused,) = [p for p in tender.problems if p.is_error]
    assert refused.code == "decisions.clarification_stated"
    assert refused.cell == "clarification[0].sme"
    assert refused.found == "Supply chain › F5"
    assert "the tender answers SME? no for Medway Micro Care Ltd" in refused.message
    assert tender.supply_chain.filter(name="Medway Micro Care Ltd")["sme"].to_list() == [False]


def test_the_status_is_written_back_as_read(tmp_path: Path) -> None:
    record = RecordedClarification(
        OASTHOUSE, ANSWER, "2026-03-03", cell="Supply chain › F5", sme=True, vcse=False
    )
    text = decisions_toml(Decisions(clarifications=(record,)))
    assert "sme = true\nvcse = false\n" in text
    (tmp_path / "decisions.toml").write_text(text, encoding="utf-8")
    (read,) = load_decisions(tmp_path, ["TON"]).decisions.clarifications
    assert (read.sme, read.vcse) == (True, False)


def test_a_vcse_answer_left_blank_counts_as_answered(tmp_path: Path, medway: Path) -> None:
    folder = example_copy(tmp_path, "homecare-districts")
    book = openpyxl.load_workbook(medway / FILE)
    book["Supply chain"]["F5"], book["Supply chain"]["G5"] = "yes", None
    book.save(folder / FILE)
    tender = tendereval.load_tender(
        _recorded(folder, "'Supply chain'!$G$5", "vcse = false\nsme = true\n")
    )
    # Both given at the VCSE? cell: the SME status is refused, and so the record is not applied.
    (refused,) = [p for p in tender.problems if p.is_error]
    assert (refused.code, refused.cell) == (
        "decisions.clarification_status",
        "clarification[0].sme",
    )
    tender = tendereval.load_tender(_recorded(folder, "'Supply chain'!$G$5", "vcse = false\n"))
    assert not [p for p in tender.problems if p.is_error]
    medway_row = tender.supply_chain.filter(name="Medway Micro Care Ltd")
    assert medway_row.select("sme", "vcse").row(0) == (True, False)
    (warned,) = [p for p in tender.problems if p.where.endswith("Supply chain › G5")]
    assert warned.message.startswith(
        "VCSE? is missing; Medway Micro Care Ltd is counted as not a VCSE in the second-tier "
        "VCSE shares, as the supplier answered; the supplier was asked about it"
    )


def test_a_status_given_only_in_python_says_it_is_not_counted(medway: Path) -> None:
    """The statuses are counted as the folder is read: one given in Python afterwards says so,
    as any clarification given so does."""
    tender = tendereval.load_tender(medway)
    record = RecordedClarification(OASTHOUSE, ANSWER, "2026-03-03", cell="F5", sme=True)
    tried = tendereval.score(
        dataclasses.replace(tender, decisions=Decisions(clarifications=(record,))),
        sensitivity=False,
    )
    (said,) = [p for p in tried.problems if p.code == "decisions.not_scored"]
    assert said.message.endswith("and the status it gives is not counted")
    assert tried.supply_chain.filter(name="Medway Micro Care Ltd")["sme"].to_list() == [None]
