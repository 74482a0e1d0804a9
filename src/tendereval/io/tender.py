"""Loading a whole tender folder into a :class:`~tendereval.tender.Tender`.

A tender folder holds ``tender.toml`` (the plan) and either

* ``bids/`` (one bid return per supplier) and ``scores/`` (one score sheet per evaluator, plus
  any moderation workbook), or
* the consolidated form: ``evaluation.xlsx`` or a folder ``evaluation/`` of CSV files.

:func:`load_tender` reads everything it can, checks it, and returns the plan, the tidy frames
and every problem found. One bad file never stops the others from loading. The result does not
depend on the order the operating system lists files in: files are read sorted by name, and
problems come plan first, then the proxy table, then each file in that order, then the checks
across files.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tendereval import layout
from tendereval.award.clarified import clarified
from tendereval.award.recorded import (
    RecordedClarification,
    RecordedRejection,
    ReturnsSetAside,
    files_meant,
    in_name_order,
    load_decisions,
    record_file,
)
from tendereval.award.return_that_stands import by_its_file
from tendereval.award.set_aside import naming_no_bid_return
from tendereval.errors import (
    Problem,
    Severity,
    no_tender_folder,
    path_argument,
    progress_argument,
)
from tendereval.io import frames as F
from tendereval.io.answered_details import answered_details
from tendereval.io.answered_status import answered_statuses
from tendereval.io.archives import (
    FolderFiles,
    Opener,
    archive_kind,
    archive_problem,
    bids_not_unzipped,
    is_a_spreadsheet,
    is_a_workbook,
    is_archive,
    left_out_beside,
    received_beside,
)
from tendereval.io.bid_rules import CheckedBid, check_bid, lots_without_bids
from tendereval.io.companions import COMPANION_PREFIXES, passed_over
from tendereval.io.copies import one_of_each_copy, one_of_each_sheet
from tendereval.io.files import (
    Fingerprint,
    InputFile,
    begins_with,
    entry_kind,
    not_a_regular_file,
    read_input,
    unreadable,
)
from tendereval.io.folder_listing import by_form, listed_once, names
from tendereval.io.folders_not_read import (
    near_folder_problems,
    other_spelling_problems,
    sub_folder_problems,
)
from tendereval.io.keys import supplier_key
from tendereval.io.lookalike import how_they_differ, registered_form, skeleton, told_apart
from tendereval.io.matrix import read_matrix
from tendereval.io.misnamed import (
    Wanted,
    bare,
    files_not_read,
    near_misses,
    not_read,
    saved_as_notice,
)
from tendereval.io.one_organisation import (
    one_status_each,
    registered_number,
    under_one_name,
)
from tendereval.io.other_registration import bid_given, other_registrations
from tendereval.io.parallel import BidRules, read_workbooks
from tendereval.io.proxies import load_proxies
from tendereval.io.raw import RawModeration, RawScoreSheet
from tendereval.io.received_archives import ReceivedArchives
from tendereval.io.returns_per_lot import one_spelling, returns_per_lot, without_lots
from tendereval.io.same_registration import same_registrations
from tendereval.io.score_rules import Bidders, ScoreRules
from tendereval.io.xlsx import column_number
from tendereval.limits import MAX_NOTICE_BYTES
from tendereval.plan import PLAN_FILE, read_plan
from tendereval.template_marks import MATRIX, mark_problems, proxy_values_digest
from tendereval.tender import Tender
from tendereval.terminal import name_text
from tendereval.wording import listed, number_word

_ZIP_SIGNATURE = b"PK\x03\x04"
_BID_FRAMES = ("suppliers", "supply_chain", "bids", "prices", "packages", "commitments")


# A notice named almost as notice.json beside it ("notice (1).json"): a warning, as the
# notice's absence is, since the plan is still checked against the notice.json there.
_NOTICE_BESIDE = Wanted(
    layout.NOTICE_FILE,
    "the published tender notice",
    f"the plan was checked against {layout.NOTICE_FILE}, not against this file",
    "notice.misnamed",
    Severity.WARNING,
)


def load_tender(folder: str | Path, *, progress: Callable[[str], None] | None = None) -> Tender:
    """Read and check the tender in ``folder``.

    Raises :class:`~tendereval.errors.TenderNotFound` if the folder does not exist. Returns a
    Tender with ``plan`` None (and the plan's problems) when the plan cannot be used.
    ``progress`` receives a line of text as the files are read, when there are many and
    reading them takes more than a second ("300 of 1,000 read (2.6 s)").

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> tender = tendereval.load_tender("examples/carers-short-breaks")
        >>> tender.bids.height, tender.plan.tender_id
        (6, 'CSB-2026-01')
    """
    folder = path_argument("folder", folder, "a tender folder (text or pathlib.Path)")
    if not folder.is_dir():
        raise no_tender_folder(folder)
    progress = progress_argument("progress", progress)
    # The tender folder listed once for every name looked for in it (io/folder_listing.py).
    with listed_once():
        return _loaded(folder, progress)


def _loaded(folder: Path, progress: Callable[[str], None] | None) -> Tender:
    """:func:`load_tender` of the tender folder ``folder``, there."""
    inputs: list[dict[str, Any]] = []
    plan, problems, plan_read = read_plan(folder)
    if plan_read is not None:
        inputs.append(_input(PLAN_FILE, "plan", plan_read))
    notice = folder / layout.NOTICE_FILE
    published = notice.exists() or notice.is_symlink()  # the notice the plan must follow
    if published:
        # Read once: the plan is checked against the very bytes hashed for the record.
        notice_read = read_input(notice, layout.NOTICE_FILE, MAX_NOTICE_BYTES, "notice")
        fingerprint = notice_read.fingerprint if isinstance(notice_read, InputFile) else None
        inputs.append(_input(layout.NOTICE_FILE, "notice", fingerprint))
        problems.extend(files_not_read(folder, _NOTICE_BESIDE, notice))
    else:
        problems.extend(
            not_read(
                name,
                "the published tender notice",
                layout.NOTICE_FILE,
                "the plan was not checked against it",
                "notice.misnamed",
            )
            for name in saved_as_notice(folder, layout.NOTICE_FILE)
        )
    if plan is None:
        # (The tender of an unusable plan, with the problems saying why: from_frames takes a
        # plan, and refuses None from a caller who passed on load_plan's without looking.)
        return Tender(plan=None, folder=folder, problems=problems, inputs=F.frame("inputs", inputs))
    # A plan that differs from the published notice is an input error for every command, not
    # only for validate and publish: the award must not be made, nor the summaries sent, on
    # criteria or weights other than those published (Procurement Act 2023 s.23).
    if published:  # (the check is imported only then: most tenders have no notice.json)
        from tendereval.ocds.check import check_notice_read

        against = check_notice_read(notice_read, plan, folder)
        problems = _said_once(problems, against)
        problems.extend(against)
    proxies = load_proxies(plan, folder)
    problems.extend(proxies.problems)
    if proxies.path is not None:
        inputs.append(_input(proxies.label, "proxies", proxies.fingerprint))
    recorded = load_decisions(folder, plan.lot_ids, plan.regime, plan.approval.approved_on)
    problems.extend(recorded.problems)
    if recorded.input_row is not None:
        inputs.append(recorded.input_row)

    shown = proxy_values_digest(plan, proxies.frame.iter_rows(named=True)) if proxies.path else None
    sound = not any(p.is_error for p in proxies.problems)
    checked, sheets, moderation, read_problems = _read_inputs(
        folder, inputs, (plan, proxies.measures, shown, sound, proxies.units), progress
    )
    problems.extend(read_problems)
    # A workbook in bids/ whose sheets show it is no bid return (an evaluator's score sheet
    # saved there) is no tender: never a bid received, nor one to reject. Its one error, to
    # move it, is no bid's and holds the award until it is moved; a record setting it aside
    # is not applied (award/set_aside.naming_no_bid_return).
    not_bids = {bid.source: bid.not_a_bid for bid in checked if bid.not_a_bid}
    problems.extend(
        replace(p, supplier=None, lot=None)
        for bid in checked
        if bid.not_a_bid
        for p in bid.problems
    )
    decisions, naming_no_bid = naming_no_bid_return(
        recorded.decisions, not_bids, [bid.source for bid in checked]
    )
    problems.extend(naming_no_bid)
    checked = [bid for bid in checked if not bid.not_a_bid]
    sent = [bid.source for bid in checked]  # every bid file, a copy of another's included
    returns = ReturnsSetAside((*decisions.withdrawals, *decisions.rejections), sent)
    # One file downloaded twice is one bid return, not two for the buyer to choose between.
    checked, copy_problems, copies = one_of_each_copy(checked, returns)
    problems.extend(copy_problems)
    # A return set aside by its file under another spelling of a bidder's registered name is
    # that bidder's other return ("Limited" sent late beside "Ltd"), not another bidder.
    checked, renamed = under_one_name(checked, returns)
    problems.extend(renamed)
    # A supplier's returns each for other lots, its name in capitals in one: one name.
    checked = one_spelling(checked, returns)
    kept, duplicate_problems, trimmed, gone = _drop_duplicates(checked, returns)
    kept_ids = {id(bid) for bid in kept}
    # A supplier's returns each for other lots are kept as one bid holding their problems.
    in_parts = {id(part) for bid in kept for part in bid.parts}
    for read in checked:
        bid, lots_out = trimmed.get(id(read), (read, []))
        # A return set aside for some lots: its problems there are no tender's that stands.
        problems.extend(replace(p, supplier=None) for p in read.problems if p.lot in lots_out)
        if id(bid) in kept_ids:
            problems.extend(bid.problems)
        elif id(bid) not in in_parts:
            # A left-out duplicate, or a return its supplier withdrew and replaced (or the
            # buyer rejected beside the one that stands), must not mark the kept bid of the
            # same name invalid.
            problems.extend(replace(p, supplier=None, lot=None) for p in bid.problems)
    problems.extend(p for bid in kept if bid.parts for p in bid.problems)
    problems.extend(duplicate_problems)
    # An SME? or VCSE? answer left blank counts as the supplier answered when asked, and
    # before a subcontractor that bids itself takes the status its own return makes it.
    problems, clarifications = answered_statuses(
        kept,
        [_of_the_file_read(record, copies, sent) for record in decisions.clarifications],
        problems,
        record_file(decisions),
    )
    # A subcontractor that bids itself is counted as its own return makes it: SME, VCSE or not.
    problems.extend(one_status_each(kept))

    rules = ScoreRules(
        plan,
        _bidders(kept, _not_read(problems, folder), checked),
        set_aside=(
            *decisions.withdrawals,
            *decisions.rejections,
            *_rejected_by_file(kept, returns),
        ),
        withdrawn=frozenset(supplier_key(bid.supplier) for bid in kept if id(bid) in gone),
    )
    for sheet in sheets:
        rules.sheet(sheet)
    for raw in moderation:
        rules.moderation(raw)
    rules.gaps()
    rules.same_reasons()
    problems.extend(rules.problems)
    # Every return read counts, one the buyer's record sets aside included, as every row of a
    # bids frame does (io/frame_rules.py): a bid withdrawn or rejected was still received, and
    # the award says why the lot has no tender to award. With no bids at all, "nobody bid for
    # lot …" for each lot would say again what tender.no_bids says.
    if checked:
        problems.extend(
            lots_without_bids(plan, (row["lot"] for bid in checked for row in bid.rows["bids"]))
        )

    # The warnings the buyer asked the suppliers about say so, with the answer.
    problems = clarified(
        problems,
        clarifications,
        [(b.supplier, b.source) for b in checked],
        lots=plan.lot_ids,
    )
    # A contact email or unique identifier left blank, and answered so, is the supplier's.
    problems = answered_details(kept, clarifications, problems)

    frames = {
        name: F.frame(name, [row for bid in kept for row in bid.rows[name]])
        for name in _BID_FRAMES
        if name != "bids"
    }
    # Nothing is lost: a second bid return from a supplier is still a bid, shown as invalid.
    frames["bids"] = F.frame("bids", [row for bid in checked for row in bid.rows["bids"]])
    return Tender.from_frames(
        plan,
        folder,
        _in_file_order(problems, {row["path"] for row in inputs if row["kind"] == "matrix"}),
        **frames,
        declarations=F.frame("declarations", rules.declarations),
        scores=F.frame("scores", rules.scores),
        moderation=F.frame("moderation", rules.moderation_rows),
        proxies=proxies.frame,
        inputs=F.frame("inputs", inputs),
        decisions=decisions,
    )._remember_as_read()


# ---- Finding and reading the files -----------------------------------------------------------


def _read_inputs(
    folder: Path,
    inputs: list[dict[str, Any]],
    rules: BidRules,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[CheckedBid], list[RawScoreSheet], list[RawModeration], list[Problem]]:
    """Every input read, and the bids checked against ``rules`` (the plan and measures)."""
    bids_there = _spreadsheets(folder, layout.BIDS_FOLDER)
    scores_there = _spreadsheets(folder, layout.SCORES_FOLDER)
    bid_files, score_files = bids_there.found, scores_there.found
    # Nothing in an archive is read, but the archive is the file received (a portal's zip of
    # every response): recorded with its SHA-256, an auditor can match it to the very file.
    # So is the one left in the tender folder beside bids/ once unzipped into it. Each is
    # looked into only as the bytes fingerprinted (io/received_archives.py).
    archives = _archives_beside(folder) + bids_there.archives + scores_there.archives
    received = ReceivedArchives([path for path, _ in archives])
    at = len(inputs)  # where the archives are recorded, once looked into

    opened = received.opened
    matrix_paths = _matrix_paths(folder)
    forms_misnamed = [*_forms_misnamed(folder, matrix_paths), *_empty_matrix_folder(folder)]
    folder_form = bool(bid_files or score_files)

    def once_looked_into(later: list[Problem]) -> list[Problem]:
        """Everything said of the folders and archives, in order, once each is looked into
        (after the files are read, to match them by the bytes read); the archives recorded."""
        said = [*bids_there.said(opened), *scores_there.said(opened), *forms_misnamed, *later]
        inputs[at:at] = [
            _input(label, archive_kind(path.name), received.fingerprint(path))
            for path, label in archives
        ]
        return received.said(said, dict(archives))

    two_forms = _two_forms(matrix_paths, folder_form)
    if two_forms is not None:
        return [], [], [], once_looked_into([two_forms])
    if matrix_paths:
        path, label = matrix_paths[0]
        matrix = read_matrix(path, label)
        said = once_looked_into([])
        inputs.extend(_input(label, "matrix", read) for label, read in matrix.files)
        moderation = [matrix.moderation] if matrix.moderation is not None else []
        checked = [check_bid(raw, *rules) for raw in matrix.bids]
        marked = mark_problems(matrix.mark, rules[0], label, MATRIX)
        return checked, matrix.sheets, moderation, said + matrix.problems + marked
    # Read over every core when there are many files (the same result, in the same order).
    jobs = [("bid", p, lbl) for p, lbl in bid_files] + [
        ("scores", p, lbl) for p, lbl in score_files
    ]
    read = read_workbooks(jobs, rules=rules, done=reading_steps(progress, len(jobs)))
    bids: list[CheckedBid] = read[: len(bid_files)]
    raws: list[RawScoreSheet | RawModeration] = read[len(bid_files) :]
    # What is kept where nothing is read (an archive's workbooks, a folder's) is matched to
    # the bytes scored, as fingerprinted when they were read: never read again, so a return
    # replaced meanwhile cannot be matched by one version and scored as another.
    bids_there.files.as_read(
        {path: bid.fingerprint for (path, _), bid in zip(bid_files, bids, strict=True)}
    )
    scores_there.files.as_read(
        {path: raw.fingerprint for (path, _), raw in zip(score_files, raws, strict=True)}
    )
    if not bid_files:
        later = [
            # A warning: checking the plan before any bid arrives is part of the work, and
            # `score` refuses to run on no bids by itself.
            Problem(
                "no bids were found (yet)",
                file=f"{layout.BIDS_FOLDER}/",
                expected="one bid return workbook per supplier in the bids folder, or the "
                "consolidated form evaluation.xlsx",
                code="tender.no_bids",
                severity=Severity.WARNING,
            ),
            *_responses_zipped(folder, opened),
        ]
    else:
        later = _zips_beside_the_returns(folder, bids_there.files, scores_there.files, opened)
    problems = once_looked_into(later)
    # Each file's fingerprint is of the bytes its reader parsed: a file replaced meanwhile
    # cannot give the audit trail another file's hash.
    inputs.extend(
        _input(bid.source, "misplaced" if bid.not_a_bid else "bid", bid.fingerprint) for bid in bids
    )
    inputs.extend(
        _input(raw.source, "moderation" if isinstance(raw, RawModeration) else "scores",
               raw.fingerprint)
        for raw in raws
    )  # fmt: skip
    # A sheet saved twice is one sheet, not an evaluator who scored every row twice.
    raws, copied = one_of_each_sheet(raws)
    problems.extend(copied)
    sheets = [raw for raw in raws if isinstance(raw, RawScoreSheet)]
    moderation = [raw for raw in raws if isinstance(raw, RawModeration)]
    return bids, sheets, moderation, problems


def _two_forms(matrix_paths: list[tuple[Path, str]], folder_form: bool) -> Problem | None:
    """The error when the tender is in two forms, and nothing is loaded: the consolidated
    form twice (``matrix_paths``), or beside bid returns and score sheets (``folder_form``)."""
    if len(matrix_paths) > 1:
        return Problem(
            "the consolidated form is here twice: both evaluation.xlsx and an evaluation folder",
            file=matrix_paths[0][1],
            expected="one of them; remove the other",
            code="tender.two_forms",
        )
    if matrix_paths and folder_form:
        return Problem(
            f"the tender holds bid returns and score sheets (bids/, scores/) and also the "
            f"consolidated form ({matrix_paths[0][1]}); nothing was loaded",
            file=matrix_paths[0][1],
            expected=f"one form only: remove {matrix_paths[0][1]}, or move the bids/ and "
            "scores/ folders out of the tender folder",
            code="tender.two_forms",
        )
    return None


def _in_name_order(path: Path) -> tuple[str, str, str]:
    """Where a file comes among its folder's: by its name as names are compared (in any case,
    each accented letter in one form, as award.recorded.as_compared), the same on every
    machine. A Mac (and a zip made on one) stores "é" as "e" and a combining accent: there
    "évaluation" sorted before "final", elsewhere after it, and which of an evaluator's two
    sheets stood turned on it."""
    return in_name_order(path.name)


@dataclasses.dataclass(frozen=True)
class _Listed:
    """What a sub-folder (bids/, scores/) holds: its spreadsheet files, the archives (and
    emails) in it, its files as what is kept where nothing is read is matched against, and
    what is said of everything in it (and of the folders and zips named as it is), once its
    files are read, given how an archive recorded is opened."""

    found: list[tuple[Path, str]]
    archives: list[tuple[Path, str]]
    files: FolderFiles
    said: Callable[[Opener], list[Problem]]


def _spreadsheets(folder: Path, name: str) -> _Listed:
    """The spreadsheet files of a sub-folder, sorted by name (lock and hidden files skipped),
    a problem for everything else in it, so nothing there is left out without a word, the
    archives (and emails) in it, each looked into for workbooks not read, and its files read
    as what is kept where nothing is read is matched against (listed once for the run). What
    is compared with the bytes of its files is said once they are read (:class:`_Listed`).

    Whatever is named like a spreadsheet is a submission, even when it is a named pipe, a
    device or a broken link: it goes to the reader, which refuses it by name without opening
    it, and it stays in the results as an invalid bid."""
    sub = _child(folder, name)
    there = sub is not None and sub.is_dir()
    # "Bid returns/" is said whether bids/ is there or not: a late bid saved in it beside
    # bids/ was in no output, and the award went out without a word.
    # ('Bids/' beside 'bids/' is one of its other spellings, said by _other_spellings.)
    none = FolderFiles([])
    if sub is None or not there:
        return _Listed(
            [],
            [],
            none,
            lambda opened: [
                *_folders_misnamed(folder, name, None, None),
                *_folder_zipped(folder, name, opened),
            ],
        )
    found: list[tuple[Path, str]] = []
    archives: list[tuple[Path, str]] = []
    inside: list[tuple[Path, str]] = []  # the folders inside it
    ignored: list[Problem] = []
    try:
        entries = sorted(sub.iterdir(), key=_in_name_order)
    except OSError as exc:
        unlisted = unreadable(f"{name}/", exc, "folder")
        return _Listed([], [], none, lambda opened: [unlisted])
    # Each file is named by the folder as it is on disk ("Bids/", made on Windows), so that the
    # audit trail records a path that exists.
    on_disk = name_text(sub.name)
    for path in entries:
        # (Also under a leading dot: hidden on a Mac, yet sent.)
        submission = layout.names_a_submission(path.name)
        label = f"{on_disk}/{name_text(path.name)}"
        if passed_over(path):
            continue
        if path.name.startswith(COMPANION_PREFIXES):  # (a workbook, named as a lock file is)
            found.append((path, label))
            ignored.append(_named_like_a_lock_file(label))
            continue
        special = entry_kind(path)
        if special is None and path.is_dir():
            inside.append((path, label))  # (said once every folder's workbooks are known)
            continue
        if submission:
            # A bid or score sheet sent as a CSV or another spreadsheet format is still a
            # submission: it is read, found unreadable and listed with its reason, never lost.
            found.append((path, label))
            # An .xltx, or an .xlsx saved as .xls or .xlsb: read, to be renamed (Excel refuses
            # to open it under that name, as its format and its name do not match).
            if not layout.names_a_workbook(path.name) and _holds_a_workbook(path):
                ignored.append(_workbook_misnamed(label))
        elif special is not None:
            ignored.append(replace(not_a_regular_file(label, special), severity=Severity.WARNING))
        elif _holds_a_workbook(path):
            # A return saved with no extension, as .zip or .txt was "not a workbook" and
            # vanished from the results; what it holds says what it is.
            found.append((path, label))
            ignored.append(_workbook_misnamed(label))
        elif is_archive(path.name):
            archives.append((path, label))  # (looked into once every workbook is known)
        elif is_a_spreadsheet(path):
            # Another program's spreadsheet under a name that does not say so (newco.xml, an
            # .xls with no extension): a submission, which the reader says to save as .xlsx.
            found.append((path, label))
        elif _shortcut_to_a_workbook(path.name):
            ignored.append(_shortcut(label, name))
        else:
            ignored.append(
                Problem(
                    "this file is not a workbook and was not read",
                    file=label,
                    expected="only .xlsx workbooks in this folder (other documents can stay "
                    "elsewhere)",
                    code="file.ignored",
                    severity=Severity.WARNING,
                )
            )
    files = FolderFiles([path for path, _ in found])

    def said(opened: Opener) -> list[Problem]:
        return [
            *_other_spellings(folder, sub, name, files),
            *_folders_misnamed(folder, name, sub, files),
            *ignored,
            *sub_folder_problems(inside, files, name),
            *(archive_problem(path, label, name, files, opened) for path, label in archives),
            *(_folder_zipped(folder, name, opened) if not found else []),
        ]

    return _Listed(found, archives, files, said)


def _archives_beside(folder: Path) -> list[tuple[Path, str]]:
    """The archives in the tender folder itself (``all-responses.zip``, ``bids.zip``: the
    portal's zip, left beside bids/ once unzipped into it), each named by its file name
    (:func:`received_beside` says which)."""
    try:
        entries = sorted(
            (folder / name for name in names(folder) if is_archive(name)), key=_in_name_order
        )
        return [(entry, name_text(entry.name)) for entry in entries if received_beside(entry)]
    except OSError:
        return []


def _responses_zipped(folder: Path, opened: Opener) -> list[Problem]:
    """A warning for each archive in the tender folder that holds workbooks, when bids/ holds
    no bid return: the portal's ``all-responses.zip`` downloaded and never unzipped, said
    beside "no bids were found" with what to do. One named as bids/ is (``bids.zip``) is
    said already (:func:`_folder_zipped`), whether bids/ is there or not.

    A warning, as "no bids (yet)" is: with no bid read there is no award for it to hold back,
    and the officer checking a plan before any bid arrives may keep the tender pack, blank
    bid return and all, in the folder, which an error would fail for nothing."""
    zipped = _zipped_names(layout.BIDS_FOLDER)
    said = (
        bids_not_unzipped(path, label, layout.BIDS_FOLDER, opened)
        for path, label in _archives_beside(folder)
        if bare(path.name) not in zipped
    )
    return [
        dataclasses.replace(problem, severity=Severity.WARNING)
        for problem in said
        if problem is not None
    ]


# What a portal calls its export of every response ("all-responses.zip", "Tender
# submissions (1).zip"): a bid may be in it, as in one named as bids/ is ("Bid returns.zip").
# Only a workbook in it that could not be looked into (an .xls, one with a password) turns on
# the name: a return recognised by its sheets holds the award in a zip of any name, and a
# supplier's other uploads, a blank template, never do ("Clarification responses.zip").
_RESPONSES = re.compile(r"(?<![a-z])(?:responses?|submissions?)(?![a-z])")


def _zips_beside_the_returns(
    folder: Path, returns: FolderFiles, sheets: FolderFiles, opened: Opener
) -> list[Problem]:
    """A problem for each archive in the tender folder holding a workbook whose bytes are in
    no file of bids/ (``returns``), as for one in bids/: "Bid returns.zip" holding a late bid
    was passed over without a word and the award proposed without it. An error where it is
    a bid return, filled in (io/held_workbooks.py), whatever the archive's name, or where it
    could not be looked into and the archive is named as bids/ nearly is or as a portal names
    its export of every response; a warning naming any other (a supplier's TUPE staff list,
    the tender pack's blank bid return). One named as scores/ nearly is ("score sheets.zip")
    is matched against scores/ (``sheets``) instead, when it holds any (when not,
    :func:`_folder_zipped` says it)."""
    problems = []
    for path, label in _archives_beside(folder):
        compared = bare(path.name)
        if compared in _zipped_names(layout.SCORES_FOLDER):
            if sheets.beside:
                problems.append(
                    left_out_beside(
                        path, label, layout.SCORES_FOLDER, sheets, named=True, opened=opened
                    )
                )
            continue
        named = compared in _zipped_names(layout.BIDS_FOLDER) or bool(
            _RESPONSES.search(posixpath.splitext(compared)[0])
        )
        problems.append(
            left_out_beside(path, label, layout.BIDS_FOLDER, returns, named, opened=opened)
        )
    return [problem for problem in problems if problem is not None]


def _zipped_names(name: str) -> set[str]:
    """The names of the folder ``name``/ zipped: "bids.zip", "bid returns.zip" …"""
    return {f"{near}.zip" for near in (name, *_FOLDER_NAMES.get(name, ()))}


def _folder_zipped(folder: Path, name: str, opened: Opener) -> list[Problem]:
    """A problem for each zip in the tender folder named as ``name``/ is (or as one of its
    near names: "bids.zip", "Bid returns.zip"), when ``name``/ holds no workbook: the folder
    sent or saved zipped, and never unzipped, so nothing in it was read."""
    try:
        compared = by_form(folder, bare)
    except OSError:
        return []
    entries = sorted(
        folder / found for zipped in _zipped_names(name) for found in compared.get(zipped, ())
    )
    return [
        archive_problem(entry, entry.name, name, FolderFiles([]), opened)
        for entry in entries
        if entry_kind(entry) is None and entry.is_file()
    ]


_SHORTCUT_SUFFIXES = (".lnk", ".url")  # a Windows shortcut; a web link (SharePoint, OneDrive)


def _shortcut_to_a_workbook(name: str) -> bool:
    """Whether ``name`` is a shortcut to a workbook ("weald.xlsx.lnk", "weald.xlsx.url")."""
    stem, suffix = posixpath.splitext(name.rstrip(" ."))
    return suffix.casefold() in _SHORTCUT_SUFFIXES and layout.names_a_submission(stem)


def _shortcut(label: str, folder: str) -> Problem:
    """An error for a shortcut to a workbook kept elsewhere: the bid (or score sheet) it
    points to is not in the folder, and would be left out with only a warning."""
    return Problem(
        "this is a shortcut to a workbook kept elsewhere, not the workbook, so nothing was read",
        file=label,
        expected=f"the workbook itself copied into {folder}/ (open the shortcut's target, and "
        "save or copy that file here), and the shortcut removed",
        code="file.shortcut",
    )


def _holds_a_workbook(path: Path) -> bool:
    return begins_with(path, _ZIP_SIGNATURE) and is_a_workbook(path)


def _workbook_misnamed(label: str) -> Problem:
    return Problem(
        "this file is an Excel workbook though its name does not end in .xlsx: it was read "
        "as a submission",
        file=label,
        expected="its name ending in .xlsx; rename it so that Excel opens it (its file name, "
        "as here, is what decisions.toml names it by)",
        code="file.workbook_misnamed",
        severity=Severity.WARNING,
    )


def _named_like_a_lock_file(label: str) -> Problem:
    return Problem(
        "this workbook is named like the lock file a spreadsheet program leaves beside an "
        "open workbook (and hides), yet it is a workbook: it was read as a submission",
        file=label,
        expected="a lock file to be a few bytes, not a workbook; check with the sender that "
        "this is the file they meant to send, and rename it without its leading characters",
        code="file.named_like_lock_file",
        severity=Severity.WARNING,
    )


# Other names a bids/ or scores/ folder is given ("Bid returns", "score sheets").
_FOLDER_NAMES = {
    layout.BIDS_FOLDER: ("bid", "bid returns", "bid-returns", "returns", "tenders"),
    layout.SCORES_FOLDER: ("score", "score sheets", "score-sheets", "scoring"),
}


def _near_folders(folder: Path, name: str, read: Path | None) -> list[str]:
    """The folders named almost as ``name``/ is, but for ``read``, the one read."""
    return near_misses(folder, name, folders=True, also=_FOLDER_NAMES.get(name, ()), read=read)


def _folders_misnamed(
    folder: Path, name: str, read: Path | None, files: FolderFiles | None
) -> list[Problem]:
    """A problem for each folder named almost as ``name``/ is ("Bid returns/"), whether or
    not ``read``, the folder read, is there (``files``: the files read in it), and for each
    archive in it. 'Bids/' beside 'bids/' is one of its other spellings, said by
    :func:`_other_spellings`."""
    return [
        problem
        for near in _near_folders(folder, name, read)
        if near.casefold() != name.casefold()
        for problem in near_folder_problems(folder, near, name, files)
    ]


# The consolidated form under another name ("evaluation (1).xlsx"): an error, as the bids,
# prices and scores in it may be those the officer meant to evaluate.
_MATRIX_BESIDE = Wanted(
    layout.MATRIX_WORKBOOK,
    "the consolidated form",
    "no bid, price or score in it was read",
    "matrix.misnamed",
    # (evaluation.ods, evaluation.xls: "no bids were found" named neither)
    formats=tuple(suffix for suffix in layout.HELD_WORKBOOK_SUFFIXES if suffix != ".xlsx"),
)


def _forms_misnamed(folder: Path, read: list[tuple[Path, str]]) -> list[Problem]:
    """A problem for each file named almost as evaluation.xlsx is, and each folder named
    almost as evaluation/ is, whether or not the one so named is there (``read``: those
    found, :func:`_matrix_paths`)."""
    workbook = next((path for path, _ in read if path.is_file()), None)
    tables = next((path for path, _ in read if path.is_dir()), None)
    return [
        *files_not_read(folder, _MATRIX_BESIDE, workbook),
        *(
            problem
            for near in _near_folders(folder, layout.MATRIX_FOLDER, tables)
            for problem in near_folder_problems(
                folder, near, layout.MATRIX_FOLDER, None if tables is None else FolderFiles([])
            )
        ),
    ]


def _other_spellings(folder: Path, read: Path, name: str, files: FolderFiles) -> list[Problem]:
    """The problems at each other folder named as ``read`` is but for capitals ('Bids/'
    beside 'bids/', as a case-sensitive disk allows), looked into as any folder not read is
    (io/folders_not_read.py): only one is read, and the bids in the other must not vanish
    without a word."""
    try:
        spelt = by_form(folder, str.casefold).get(read.name.casefold(), ())
    except OSError:
        return []  # the tender folder cannot be listed: reading bids/ will say so
    return [
        problem
        for other in sorted(folder / name for name in spelt)
        if other != read and other.is_dir()
        for problem in other_spelling_problems(other, name_text(read.name), name, files)
    ]


def _said_once(plan_problems: list[Problem], against_notice: list[Problem]) -> list[Problem]:
    """The plan's problems without its warning that a lot has no value to be ordered by
    (plan.lot_value) where the notice's check says the same of that lot (notice.lot_value,
    naming the value published): one problem at the key, not two."""
    said = {p.cell for p in against_notice if p.code == "notice.lot_value"}
    return [p for p in plan_problems if not (p.code == "plan.lot_value" and p.cell in said)]


def _child(folder: Path, name: str) -> Path | None:
    """``folder/name`` matched case-insensitively (Windows users rename freely)."""
    exact = folder / name
    if exact.exists():
        return exact
    return min(
        (folder / same for same in by_form(folder, str.casefold).get(name.casefold(), ())),
        default=None,
    )


def _matrix_paths(folder: Path) -> list[tuple[Path, str]]:
    found = []
    workbook = _child(folder, layout.MATRIX_WORKBOOK)
    if workbook is not None and workbook.is_file():
        found.append((workbook, workbook.name))
    csv_folder = _child(folder, layout.MATRIX_FOLDER)
    if csv_folder is not None and csv_folder.is_dir() and not _holds_nothing(csv_folder):
        found.append((csv_folder, csv_folder.name))
    return found


def _holds_nothing(path: Path) -> bool:
    """Whether a folder holds nothing but hidden files (``.DS_Store``): an empty evaluation/
    is no consolidated form. Taken as one, it made a tender of six bid returns unscorable,
    "no bids were found"."""
    try:
        return not any(not entry.name.startswith(".") for entry in path.iterdir())
    except OSError:  # a folder that cannot be listed may hold anything: read it, and say why
        return False


def _empty_matrix_folder(folder: Path) -> list[Problem]:
    """A warning for an evaluation/ folder that holds nothing: not read, so the bids/ and
    scores/ beside it are, and the officer knows why the folder was passed over."""
    empty = _child(folder, layout.MATRIX_FOLDER)
    if empty is None or not empty.is_dir() or not _holds_nothing(empty):
        return []
    return [
        Problem(
            f"the folder {empty.name}/ is empty, so it was not read as the consolidated form; "
            "the bid returns and score sheets (bids/, scores/) were read",
            file=f"{empty.name}/",
            expected="the consolidated form's tables in it (suppliers.csv, prices.csv, "
            "scores.csv…), or no such folder: remove it",
            code="tender.empty_matrix_folder",
            severity=Severity.WARNING,
        )
    ]


# Reading is shown once there are this many files and it has taken this long: an officer kept
# waiting is told what is happening; a quick read prints nothing.
READING_SHOWN_FROM = 50  # files
READING_SHOWN_AFTER = 1.0  # seconds


def reading_steps(
    progress: Callable[[str], None] | None, total: int
) -> Callable[[int], None] | None:
    """What to tell ``progress`` as the ``total`` files are read: a line once reading has taken
    a second, then one each tenth ("  300 of 1,000 read (2.6 s)"). A thousand bid returns took
    seven seconds with nothing on the screen."""
    if progress is None or total < READING_SHOWN_FROM:
        return None
    started, every = time.perf_counter(), max(1, -(-total // 10))
    next_at = [0]  # the count at which the next line is due; 0 before the first

    def done(count: int) -> None:
        took = time.perf_counter() - started
        if took < READING_SHOWN_AFTER or (count < next_at[0] and count < total):
            return
        if next_at[0] == 0:
            progress(f"Reading {total:,} bid returns and score sheets…")
        next_at[0] = (count // every + 1) * every
        progress(f"  {count:,} of {total:,} read ({took:.1f} s)")

    return done


def _input(label: str, kind: str, read: Fingerprint | None) -> dict[str, Any]:
    """An input for the audit trail; a file that could not be read (refused for its size, a
    broken link, no permission) is listed with no hash and no size."""
    return {
        "path": label,
        "kind": kind,
        "sha256": read.sha256 if read is not None else None,
        "bytes": read.size if read is not None else None,
    }


def _in_file_order(problems: list[Problem], files: set[str]) -> list[Problem]:
    """``problems`` with those of the consolidated form's ``files`` in the order of their
    places (sheet, then row, then column), in the places they held among the others.

    The form's rows are checked supplier by supplier, as bid returns are, so its problems
    came out by supplier: an officer correcting prices.csv read rows 2, 3, 6, 7, 4, 5."""
    slots = [i for i, p in enumerate(problems) if p.file in files]
    if len(slots) < 2:
        return problems
    first: dict[tuple[str | None, ...], int] = {}  # files, and sheets, as first met
    for i in slots:
        first.setdefault((problems[i].file,), len(first))
        first.setdefault((problems[i].file, problems[i].sheet), len(first))
    ordered = sorted(
        (problems[i] for i in slots),
        key=lambda p: (first[(p.file,)], first[(p.file, p.sheet)], *_place(p.cell)),
    )
    out = list(problems)
    for i, problem in zip(slots, ordered, strict=True):
        out[i] = problem
    return out


_ROW_IN_CSV = re.compile(r"row (\d+)")
_A1 = re.compile(r"([A-Z]{1,3})(\d+)")


def _place(cell: str | None) -> tuple[int, int]:
    """(row, column) of a problem's cell: ``row 12, column unit_rate`` in a CSV file (its
    columns in the order found), ``C12`` in a sheet; (0, 0) for the whole file or sheet."""
    text = cell or ""
    if match := _A1.fullmatch(text):
        letters, row = match.groups()
        return int(row), column_number(letters)
    if match := _ROW_IN_CSV.match(text):
        return int(match.group(1)), 0
    return 0, 0


# ---- Checks across files ---------------------------------------------------------------------


def _drop_duplicates(
    checked: list[CheckedBid], set_aside: ReturnsSetAside
) -> tuple[list[CheckedBid], list[Problem], dict[int, tuple[CheckedBid, list[str]]], set[int]]:
    """One bid per supplier for the detail frames, and an error for every supplier with more.

    Which of two bid returns from one supplier stands is the buyer's decision, never the
    order of file names: the error carries the supplier, so scoring marks every bid of that
    supplier invalid until the buyer records which stands. The first file (by name) is kept so the
    supplier's details appear once; every file's bids stay in the ``bids`` frame. Returns
    each for other lots are no such choice: together they are the supplier's bid
    (:mod:`tendereval.io.returns_per_lot`). A return the buyer's record sets aside by its
    file (``supplier = "bids/…"``: one its supplier withdrew and replaced with another, or one
    rejected beside the one that stands) is no longer one of them: the others stand without it
    (its row stays in ``bids``). One set aside only for some lots stands for the others (each
    such return, as it stands, is given by the original's ``id`` with the lots it is set aside
    for). The ids of the bids kept that are set aside whole (every return of the supplier
    withdrawn) are returned last.
    """
    groups: dict[str, list[CheckedBid]] = {}
    for bid in sorted(checked, key=lambda b: b.source.casefold()):
        groups.setdefault(bid.key, []).append(bid)
    trimmed: dict[int, tuple[CheckedBid, list[str]]] = {}
    origin: dict[int, CheckedBid] = {}  # each return as it stands → the return as read
    whole: set[int] = set()  # the returns set aside for every lot they price
    if set_aside:
        for key, same in groups.items():
            aside = set_aside.aside((bid.source, bid.lots) for bid in same)
            if not aside:
                continue
            out = {id(bid): [lot for lot in bid.lots or [None] if (bid.source, lot) in aside]
                   for bid in same}  # fmt: skip
            whole |= {id(bid) for bid in same if len(out[id(bid)]) == len(bid.lots or [None])}
            # Every return withdrawn: nothing is left to choose between; the first stands in
            # for the supplier's details, and scoring withdraws each return's rows.
            standing = [bid for bid in same if id(bid) not in whole] or same[:1]
            if len(standing) > 1:  # (one alone is set aside for its lots when scoring)
                for place, bid in enumerate(standing):
                    if lots := [lot for lot in out[id(bid)] if lot is not None]:
                        standing[place] = without_lots(bid, lots)
                        trimmed[id(bid)] = (standing[place], lots)
                        origin[id(standing[place])] = bid
            groups[key] = standing
    kept = {key: same[0] for key, same in groups.items()}
    problems: list[Problem] = []
    for key, (first, *others) in groups.items():
        if not others:
            continue
        # One name, two PPONs (or company numbers): two organisations, or a slip, for the
        # buyer to settle, whatever lots each prices.
        if said := other_registrations([first, *others], not _all_in_bids([first, *others])):
            problems += said
            continue
        merged, said = returns_per_lot([first, *others])
        problems += said
        if merged is not None:
            kept[key] = merged
            continue
        for bid in others:
            if not said:  # their details differ: that error says so, once
                problems.append(_bid_again(first, bid, [first, *others]))
    # A return set aside (one replaced by another under another name, say) is no bidder's, nor
    # is one the buyer rejected by its file: "Limited" sent late beside "Ltd" on time, one
    # company number, is decided on, and must not hold the other back as its double.
    live = [
        bid
        for bid in kept.values()
        if id(bid) not in whole
        and not (
            (named := set_aside.naming(bid.source))
            and all(any(r.covers(lot) for r in named) for lot in bid.lots or [None])
        )
    ]
    problems += _same_registration(live)
    problems += _lookalike_names(live)
    problems += _one_registered_name(live)
    order = {id(b): i for i, b in enumerate(checked)}
    # In the order read (a supplier's returns made one bid, where its first was).
    place = {
        id(bid): order[id(origin.get(id(first), first))]
        for bid in kept.values()
        for first in [(bid.parts or (bid,))[0]]
    }
    kept_in_order = sorted(kept.values(), key=lambda b: place[id(b)])
    return kept_in_order, problems, trimmed, {id(bid) for bid in kept_in_order if id(bid) in whole}


def _of_the_file_read(
    record: RecordedClarification, copies: dict[str, str], files: list[str]
) -> RecordedClarification:
    """``record`` naming the file read where it names a copy of it (the one file of
    ``files``, every bid file, it means): its warnings are there."""
    meant = files_meant(record.file, files) if record.file else []
    read = copies.get(meant[0]) if len(meant) == 1 else None
    return replace(record, file=read) if read else record


def _rejected_by_file(kept: list[CheckedBid], set_aside: ReturnsSetAside) -> list[Any]:
    """Each rejection naming the file of a return that stands as its supplier's tender (a late
    bid, its only return), as a rejection of that supplier's tender for each lot it covers: no
    evaluator is expected to score it, as for one naming the supplier."""
    if not set_aside:
        return []
    return [
        replace(record, supplier=bid.supplier, lot=lot, file="")
        for bid in kept
        for part in bid.parts or (bid,)
        for record in set_aside.naming(part.source)
        if isinstance(record, RecordedRejection)
        for lot in part.lots
        if record.covers(lot)
    ]


def _bid_again(first: CheckedBid, bid: CheckedBid, every: list[CheckedBid]) -> Problem:
    """The error on ``bid``, a later bid return of the supplier of ``first``. Every file of the
    supplier is named, so three returns are never read as two (the officer would remove one
    and find another still there). In the consolidated form (evaluation.xlsx, the buyer's own
    workbook) the supplier is on two rows of one file: the row repeated is deleted there."""
    consolidated = not _all_in_bids(every)
    files = [b.source for b in every]
    if consolidated and first.supplier == bid.supplier:
        message = (
            f"{bid.supplier} is given "
            f"{'twice' if len(files) == 2 else number_word(len(files)) + ' times'} in "
            f"{bid.source}; "
            f"{'neither' if len(files) == 2 else 'none'} is evaluated until only one stays"
        )
    elif first.supplier == bid.supplier:
        # Returns each for other lots would be one bid (io/returns_per_lot.py): say which
        # lot they both price, so the officer sees why these are not.
        seen: dict[str, int] = {}
        for each in every:
            for lot in each.lots:
                seen[lot] = seen.get(lot, 0) + 1
        twice = [lot for lot, n in seen.items() if n > 1]
        where = (
            f"{'lot' if len(twice) == 1 else 'lots'} {listed(twice)} "
            f"{'is' if len(twice) == 1 else 'are'} priced in "
            f"{'both' if len(files) == 2 else 'more than one'}, so "
            if twice
            else ""
        )
        # Two names alike but for capitals, or the way "é" is stored, print (all but) the
        # same: the officer is told which is which before naming one in a record.
        apart = told_apart(files)
        message = (
            f"{bid.supplier} sent {number_word(len(files))} bid returns "
            f"({listed(files)}{'; ' + apart if apart else ''}); "
            f"{where}{'neither' if len(files) == 2 else 'none'} is evaluated until the buyer "
            "decides which one stands"
        )
    else:
        message = (
            f"'{bid.supplier}' and '{first.supplier}' (in {first.source}) differ only "
            "in case or spaces, so they are taken to be the same supplier bidding twice; "
            "neither is evaluated until the buyer decides which one stands"
        )
    return Problem(
        message,
        file=bid.source,
        found=bid.supplier,
        expected="one row for each supplier on the Suppliers sheet: delete the repeated row, or "
        "correct the name if these are different organisations"
        if consolidated
        else f"one bid return per supplier for each lot: {by_its_file()}; or correct the name "
        "if these are different organisations",
        code="bid.twice" if first.supplier == bid.supplier else "bid.name_collision",
        supplier=first.supplier,
    )


def _all_in_bids(returns: list[CheckedBid]) -> bool:
    """Whether ``returns`` are each a file in bids/ (not rows of the consolidated form)."""
    return all(layout.in_folder(b.source, layout.BIDS_FOLDER) for b in returns)


def _same_registration(bids: list[CheckedBid]) -> list[Problem]:
    """An error for each bid that gives the company or charity number, or the unique
    identifier (PPON), of another bidder (:mod:`tendereval.io.same_registration`)."""
    return same_registrations([bid_given(bid) for bid in bids])


def _lookalike_names(bids: list[CheckedBid]) -> list[Problem]:
    """A warning for each bid whose supplier name looks the same as an earlier bid's but is
    written with other characters (a Cyrillic "а", a zero-width space): on screen they are
    two identical rows, yet they are scored as two suppliers."""
    problems: list[Problem] = []
    first: dict[str, CheckedBid] = {}
    for bid in sorted(bids, key=lambda b: b.source.casefold()):
        looks = skeleton(bid.supplier)
        other = first.setdefault(looks, bid)
        if other is bid:
            continue
        differences = how_they_differ(other.supplier, bid.supplier)
        problems.append(
            Problem(
                f"'{bid.supplier}' and '{other.supplier}' (in {other.source}) look the same "
                "but are written with different characters, so they are scored as two "
                "suppliers",
                file=bid.source,
                found=differences,
                expected="each supplier's name as registered, in plain letters: check with "
                "both whether they are one organisation bidding twice, and correct the name",
                code="bid.lookalike_names",
                severity=Severity.WARNING,
            )
        )
    return problems


def _one_registered_name(bids: list[CheckedBid]) -> list[Problem]:
    """A warning for each bid whose supplier name is another bid's but for what Companies
    House sets aside when it compares names ("Acme Care Ltd" and "Acme Care Limited", "&" and
    "and", punctuation): both cannot be registered, yet they are scored as two suppliers and
    a limit on lots counts them apart. Names that only look alike are pointed out by
    :func:`_lookalike_names`, bids giving company numbers by :func:`_same_registration`."""
    problems: list[Problem] = []
    first: dict[str, CheckedBid] = {}
    for bid in sorted(bids, key=lambda b: b.source.casefold()):
        other = first.setdefault(registered_form(bid.supplier) or bid.key, bid)
        if other is bid or skeleton(other.supplier) == skeleton(bid.supplier):
            continue
        # Both numbered: two companies, or one bidding twice (an error of its own).
        if all(registered_number(b, "company_number") for b in (other, bid)):
            continue
        problems.append(
            Problem(
                f"'{bid.supplier}' and '{other.supplier}' (in {other.source}) are one name as "
                "Companies House compares names (the legal form, '&' for 'and', punctuation "
                "and spacing set aside), yet they are scored as two suppliers, and a limit on "
                "the lots one supplier may win counts them apart",
                file=bid.source,
                found=f"'{bid.supplier}' and '{other.supplier}'",
                expected="each supplier's name as registered, the same in every bid it sends: "
                "check with both whether they are one organisation, and correct the name",
                code="bid.same_registered_name",
                severity=Severity.WARNING,
            )
        )
    return problems


def _not_read(problems: list[Problem], tender: Path | None = None) -> dict[str, str]:
    """The files in bids/ that are not workbooks and were not read (a bid sent as a PDF,
    beside or instead of its return), and the workbooks in a folder inside bids/ that is not
    read (a return filed in bids/late/), by the name their file name gives as Companies House
    compares names: a score naming that supplier says where its bid went, not that the
    supplier did not bid. ``tender``: the tender folder, where those folders are looked in."""
    folder = f"{layout.BIDS_FOLDER}/"
    not_read = {
        form: f"{p.file} was not read: not a workbook"
        for p in problems
        if p.code == "file.ignored"
        and p.file.startswith(folder)
        and "/" not in p.file[len(folder) :]
        if (form := registered_form(Path(p.file).stem))
    }
    if tender is None:
        return not_read
    for sub in (p.file for p in problems if p.code == "file.subfolder"):
        if not sub.startswith(folder):
            continue
        try:  # (the folder's own problem says what could not be looked in)
            inside = sorted((tender / sub).glob("*.xlsx"))
        except OSError:
            continue
        for path in inside:
            if form := registered_form(path.stem):
                shown = f"{sub.rstrip('/')}/{path.name}"
                not_read.setdefault(form, f"{shown} was not read: in a folder inside bids/")
    return not_read


def _bidders(
    bids: list[CheckedBid], not_read: dict[str, str], returns: list[CheckedBid]
) -> Bidders:
    """Who bid for what: each supplier as its kept bid names it, with the lots of every one of
    its ``returns`` (all stay in the bids frame). Two returns whose details differ keep the
    first to name the supplier; the lots of the second were "not bid for", and each score
    there a false warning besides the error saying the returns differ."""
    lots: dict[str, set[str]] = {}
    for bid in returns:
        lots.setdefault(bid.key, set()).update(bid.lots)
    return Bidders(
        names={bid.key: bid.supplier for bid in bids},
        lots={bid.supplier: set(bid.lots) | lots.get(bid.key, set()) for bid in bids},
        trading={
            bid.supplier: trading
            for bid in bids
            for row in bid.rows["suppliers"][:1]
            if (trading := row.get("trading_name"))
        },
        named_by_file={bid.supplier for bid in bids if bid.named_by_file},
        not_read=not_read,
    )
