"""Validate a tender folder: the plan, then every input. The library side of ``validate``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from tendereval import __version__
from tendereval.atomic import write_text
from tendereval.errors import (
    Problem,
    TenderNotFound,
    made_by,
    no_tender_folder,
    path_argument,
    tender_holding,
)
from tendereval.inputs import remembered
from tendereval.plan import Plan
from tendereval.shown import brief

if TYPE_CHECKING:
    from tendereval.tender import Tender


@dataclass
class ValidationReport:
    """What ``validate`` found. ``folder`` is what was checked: the tender folder, or the
    offers or scenarios file (``checked`` says which: "tender", "offers" or "scenarios");
    ``described`` says in a line what the file holds, for a file. ``bid_files`` and
    ``score_files`` count the workbooks in bids/ and scores/; a tender in the consolidated
    form has none, and ``consolidated`` names where it was read (``evaluation/`` or
    ``evaluation.xlsx``), with the ``suppliers`` whose bids and the ``evaluators`` whose
    scores it holds. ``inputs`` lists each file read, by the SHA-256 of the bytes checked
    (``path``, ``kind``, ``sha256``, ``bytes``, as score's ``inputs``), so a check can be
    matched with the scoring of the same files."""

    folder: Path
    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)
    bid_files: int = 0
    score_files: int = 0
    consolidated: str = ""
    suppliers: int = 0
    evaluators: int = 0
    checked: str = "tender"
    described: str = ""
    inputs: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Absolute: the problems written for it after an os.chdir name what was checked.
        self.folder = remembered(self.folder)

    def __repr__(self) -> str:
        return brief(self)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def validate_folder(
    folder: str | Path, *, progress: Callable[[str], None] | None = None
) -> ValidationReport:
    """Load everything in ``folder`` and return every problem found (``progress``: as
    :func:`~tendereval.io.tender.load_tender` gives it).

    Raises TenderNotFound when the folder does not exist.
    """
    folder = path_argument("folder", folder, "a tender folder (text or pathlib.Path)")
    if not folder.is_dir():
        raise no_tender_folder(folder)
    from tendereval.award.set_aside import names_no_tender
    from tendereval.io.tender import load_tender
    from tendereval.ocds.check import check_folder_against_notice
    from tendereval.scoring.combine import (
        commitment_problems,
        input_problems,
        moderation_errors,
        price_errors,
    )

    tender = load_tender(folder, progress=progress)
    kinds = tender.inputs.get_column("kind").to_list() if tender.inputs.height else []
    return ValidationReport(
        folder=folder,
        plan=tender.plan,
        # With a plan the tender's problems hold the notice's differences already; without
        # one, the plan as written is compared so a weight changed away from it is named.
        problems=[
            # An error at an evaluator's score the panel's consensus replaces is a warning,
            # as scoring gives it: the two commands agree on what holds the award.
            *input_problems(tender),
            *(check_folder_against_notice(folder, None) if tender.plan is None else []),
            # A rejection or withdrawal naming nobody who bid: a slip scoring would report.
            *names_no_tender(tender.decisions, tender.bids),
            # A decision giving a lot to the in-house team: the award's error, found here too.
            *_awarded_to_the_comparator(tender),
            # A rejection or withdrawal of the comparator, not applied: the award's warning.
            *_comparator_set_aside(tender),
            # A price no formula can score: an error scoring gives, found here too.
            *price_errors(tender),
            # A commitment worth more than any contract: the error scoring gives (a warning
            # when kept for information only), found here too.
            *commitment_problems(tender),
            # A consensus recorded by an evaluator set aside for a conflict: scoring's error.
            *moderation_errors(tender),
        ],
        bid_files=kinds.count("bid"),
        score_files=kinds.count("scores") + kinds.count("moderation"),
        inputs=tender.inputs.to_dicts(),
        **_consolidated_form(tender),
    )


def _awarded_to_the_comparator(tender: Tender) -> list[Problem]:
    """The award's error for each decision giving a lot to the in-house comparator
    (``decisions.award_to_comparator``), told from the bids alone: validate does not rank, so
    it names no award the plan's rules propose."""
    if not tender.decisions.standing_awards:
        return []
    from tendereval.award.decision import awarded_to_the_comparator
    from tendereval.scoring.combine import comparator_tenders

    return awarded_to_the_comparator(tender.decisions, comparator_tenders(tender), {})


def _comparator_set_aside(tender: Tender) -> list[Problem]:
    """The award's warning for each rejection or withdrawal naming the in-house comparator
    (``decisions.rejection_of_comparator``, ``decisions.withdrawal_of_comparator``)."""
    if not (tender.decisions.rejections or tender.decisions.withdrawals):
        return []
    from tendereval.award.set_aside import comparator_set_aside
    from tendereval.scoring.combine import comparator_tenders

    files = tender.bids.get_column("source").drop_nulls().unique().to_list()
    return comparator_set_aside(tender.decisions, comparator_tenders(tender), files)


def _consolidated_form(tender: Tender) -> dict[str, Any]:
    """Where a tender in the consolidated form was read, and how many suppliers' bids and
    evaluators' scores it holds: it has no bid or score files to count."""
    import polars as pl

    read = tender.inputs.filter(pl.col("kind") == "matrix")["path"].to_list()
    if not read:
        return {}
    first = PurePosixPath(read[0]).parts
    return {
        "consolidated": f"{first[0]}/" if len(first) > 1 else first[0],
        "suppliers": tender.bids["supplier"].drop_nulls().n_unique(),
        "evaluators": tender.scores["evaluator"].drop_nulls().n_unique(),
    }


def validate(
    folder: str | Path, *, progress: Callable[[str], None] | None = None
) -> ValidationReport:
    """Check the tender in ``folder``: the plan, then every bid and score sheet; or, given a
    file, the offers file (.csv or .xlsx) or scenarios file (.toml), as ``allocate`` and
    ``scenarios`` read it. Every problem is in the report (``report.errors`` for the errors):
    the commands show the first few of a kind, and point here for the rest. Raises
    TenderNotFound (for the plan or a bid given for its folder too). ``progress`` receives a
    line of text as many files are read ("300 of 1,000 read (2.6 s)").

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> report = tendereval.validate("examples/carers-short-breaks")
        >>> report.bid_files, report.errors
        (6, [])
        >>> tendereval.validate("examples/offers/homecare-offers.csv").described
        '84 offers from 25 suppliers, for 12 lots'
    """
    path = path_argument(
        "folder",
        folder,
        "a tender folder, an offers file or a scenarios file (text or pathlib.Path)",
    )
    if not path.exists() and path.suffix.lower() in (*OFFERS_SUFFIXES, ".toml"):
        raise TenderNotFound(f"there is no file at {path}")
    kind = _file_kind(path)
    if kind == "offers":
        return _validate_offers(path)
    if kind == "scenarios":
        return _validate_scenarios(path)
    if path.is_dir():
        from tendereval.not_a_tender import file_to_give_instead

        instead = file_to_give_instead(path)
        if instead is not None:
            raise instead
    return validate_folder(path, progress=progress)


OFFERS_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def _file_kind(path: Path) -> str | None:
    """Which file ``validate`` checks on its own ("offers" or "scenarios"); None for a folder,
    or a file that belongs to a tender (its plan, a bid return or score sheet beside it)."""
    from tendereval.layout import MATRIX_WORKBOOK
    from tendereval.plan import PLAN_FILE

    if not path.is_file() or path.name.casefold() == PLAN_FILE.casefold():
        return None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return "scenarios"
    if suffix not in OFFERS_SUFFIXES:
        return None
    # A bid return or score sheet (in bids/ or scores/), or the consolidated form, is checked
    # with its tender; any other workbook, at the top of a tender folder too, as offers.
    holder = tender_holding(path)
    inputs = holder is not None and (
        holder == path.parent.parent or path.name.casefold() == MATRIX_WORKBOOK.casefold()
    )
    return None if suffix in (".xlsx", ".xlsm") and inputs else "offers"


def _validate_offers(path: Path) -> ValidationReport:
    """The offers file as ``allocate`` reads it, before any policy is applied."""
    from tendereval.allocation.offers import read_offers_fingerprinted
    from tendereval.wording import counted

    offers, problems, fingerprint = read_offers_fingerprinted(path)
    described = ""
    if offers.height:
        suppliers = offers.get_column("supplier").n_unique()
        lots = offers.get_column("lots").explode().drop_nulls().n_unique()
        described = (
            f"{counted(offers.height, 'offer')} from {counted(suppliers, 'supplier')}, for "
            f"{counted(lots, 'lot')}"
        )
        if any(p.is_error for p in problems):
            described += ", besides the rows with errors"
    return ValidationReport(
        path,
        None,
        problems,
        checked="offers",
        described=described,
        inputs=_file_read(path, "offers", fingerprint and fingerprint.sha256, fingerprint),
    )


def _file_read(path: Path, kind: str, sha256: str | None, read: Any) -> list[dict[str, Any]]:
    """The one file checked, as ``inputs`` lists files (none when it could not be read)."""
    if not sha256:
        return []
    return [{"path": path.name, "kind": kind, "sha256": sha256, "bytes": read.size}]


def _validate_scenarios(path: Path) -> ValidationReport:
    """The scenarios file as ``scenarios`` reads it, with each supplier that would bid for
    no lot of any packaging (the market is applied to each packaging; nothing is solved)."""
    from tendereval.lot_splits import load_scenarios
    from tendereval.lot_splits.market import build_market, suppliers_bidding_for_nothing
    from tendereval.wording import counted

    model, problems = load_scenarios(path)
    inputs = _file_read(path, "scenarios", model and model.sha256, model)
    if model is None or any(p.is_error for p in problems):
        return ValidationReport(path, None, problems, checked="scenarios", inputs=inputs)
    markets = [build_market(model, packaging) for packaging in model.packagings]
    described = (
        f"{counted(len(model.units), 'unit')}, {counted(len(model.packagings), 'packaging')} "
        f"and {counted(len(model.suppliers), 'potential supplier')}"
    )
    return ValidationReport(
        path,
        None,
        [*problems, *suppliers_bidding_for_nothing(model, markets)],
        checked="scenarios",
        described=described,
        inputs=inputs,
    )


def write_problems_json(report: ValidationReport, path: str | Path) -> None:
    """Write the problems for machines: ``{"folder", "checked", "tender", "errors",
    "warnings", "problems": [...], "inputs": [...], "tendereval_version",
    "tendereval_source"}`` ("folder" is the
    file, for a file; "inputs" each file checked by its SHA-256). A ``path`` that is one of
    the inputs checked is a UsageError."""
    from tendereval.inputs import Inputs, tender_inputs

    made_by("write_problems_json", report, ValidationReport, "tendereval.validate(...)")
    path = path_argument("path", path, "the path of the JSON file to write")
    inputs = (
        tender_inputs(report.folder) if report.checked == "tender" else Inputs((report.folder,))
    )
    inputs.refuse_as_outputs((path,))
    write_text(path, problems_json_text(report))


def problems_json_text(report: ValidationReport) -> str:
    """What :func:`write_problems_json` writes, as text (``validate --json -`` prints it)."""
    from tendereval.provenance import source_sha256

    data = {
        "folder": str(report.folder),
        "checked": report.checked,
        "tender": report.plan.tender_id if report.plan else None,
        "errors": len(report.errors),
        "warnings": len(report.problems) - len(report.errors),
        "problems": [p.to_dict() for p in report.problems],
        "inputs": report.inputs,
        "tendereval_version": __version__,
        "tendereval_source": source_sha256(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
