"""A tender's inputs, and the rule that nothing tendereval writes may replace one.

tendereval never modifies its inputs (README, "What tendereval guarantees"): the plan, the
published notice, the buyer's recorded decisions, the social value proxy table, an archive
received in the tender folder (``all-responses.zip``), and anything in ``bids/``, ``scores/``
or ``evaluation/``. Every writer asks here before it writes, called from
a notebook or by a command, so both refuse the same paths in the same words: a UsageError,
which a command shows as a usage error (exit 2). Before, only the commands checked, and
``write_json(result, "tender/tender.toml")`` replaced the plan without a word.

A tender remembers its folder as an absolute path (:func:`remembered`): a result scored from
``"tender"`` and written after the notebook's ``os.chdir`` went into whatever folder
``"tender"`` named by then, another tender's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tendereval.errors import UsageError, tender_holding


def remembered(path: Path) -> Path:
    """``path`` made absolute, as a tender keeps it: still the same folder after ``os.chdir``.
    Not resolved, so a folder reached through a link keeps the name the officer gave it."""
    return Path(os.path.abspath(path))


def folder_kept(holder: object, value: Path | None, what: str) -> Path | None:
    """``value`` (the folder already made absolute) as the new folder of ``holder`` (``what``:
    a tender or a result), or a UsageError when it would move it to another: a result or a tender
    pointed at another tender's folder wrote its summaries into that tender's reports/ and set
    that tender's own aside, its award still ready. Set when it is made, it may be given again
    as the same folder, or taken away (None: then nothing is written without a path given)."""
    held = vars(holder)
    now = held.get("folder")
    if "folder" not in held or value is None or value == now:
        return value
    came = f"is the tender folder it came from ({now})" if now else "is none"
    raise UsageError(
        f"a {what}'s folder {came}, and cannot be changed to {value}: what is written "
        "from it goes into its folder. To write the outputs "
        "elsewhere, give the writer a path (tendereval.summaries(result, outdir), "
        "tendereval.publish(result, output)); to score another tender, read that folder"
    )


def from_here(path: Path) -> Path:
    """``path`` as it is shown to the officer: from the current folder when it is inside it,
    as a command was given it (``examples/…/reports/summaries``, not the whole path the
    tender remembers); in full when it is not (a notebook gone to another folder since)."""
    try:
        return path.relative_to(Path.cwd())
    except (ValueError, OSError):  # elsewhere, or the current folder is gone
        return path


@dataclass(frozen=True)
class Inputs:
    """The files a piece of work reads, and the folders it reads every file of. ``whose``
    names them in a refusal: "the tender's", or "this command's" for an offers file."""

    files: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()
    whose: str = "this command's"

    def refuse_as_outputs(
        self, outputs: Iterable[str | Path | None], *, existing_only: bool = False
    ) -> None:
        """A UsageError when one of ``outputs`` would replace one of these inputs, or is
        inside one of these folders (what was written there would be read as an input next
        time); or the same of the inputs of the tender folder it is in, when it is in one (a
        blank bid return written over another tender's bid loses it as surely). None is no
        file; "-" is a file of that name here (a command that means its standard output by
        it leaves it out): run from ``bids/``, ``score .. -o -`` put the report among the bids.

        ``existing_only``: only files already there are inputs (a template may add a new,
        blank moderation workbook to ``scores/``, but never replace a filled-in one)."""
        for output in outputs:
            if not isinstance(output, str | os.PathLike):
                continue  # None is no file; a number is no path, named by the writer's check
            target = _real(output)
            if existing_only and not os.path.exists(target):
                continue
            self._refuse(output, target, existing_only)
            holder = tender_holding(target)
            if holder is not None:
                tender_inputs(holder)._refuse(output, target, existing_only)

    def _refuse(self, output: str | Path, target: Path, existing_only: bool) -> None:
        protected = {_real(f) for f in self.files}
        inside = [_real(d) for d in self.folders]
        folder = next((d for d in inside if target.is_relative_to(d)), None)
        if existing_only and (target in protected or folder is not None):
            raise UsageError(
                f"{output} is one of {self.whose} inputs, and tendereval never overwrites "
                "its inputs: choose another file name (or move the old file out of the "
                "tender folder first)"
            )
        if target in protected or (folder is not None and os.path.isfile(target)):
            raise UsageError(
                f"{output} is one of {self.whose} inputs, and tendereval never overwrites "
                "its inputs: choose another file name"
            )
        if folder is not None:
            where = "is a folder" if target == folder else f"is in {folder.name}/, a folder"
            raise UsageError(
                f"{output} {where} of {self.whose} inputs, and tendereval never writes "
                "there (what it wrote would be read as an input next time): choose a place "
                f"outside {folder.name}/"
            )


def _real(path: str | Path) -> Path:
    """``path`` absolute, with links and ``..`` followed as far as they lead: never an error,
    so a link that loops (a decisions.toml linked to itself) or a name too long for the file
    system is compared as written, and reported where it is read or written (Path.resolve
    raised RuntimeError, a crash)."""
    return Path(os.path.realpath(path))


def tender_inputs(folder: str | Path) -> Inputs:
    """What nothing written for the tender in ``folder`` may replace: its plan, the published
    notice, the buyer's recorded decisions, the proxy table the plan names, the archives
    received beside them (``all-responses.zip``), and the folders of bid returns, score
    sheets and the consolidated matrix."""
    from tendereval.award.recorded import DECISIONS_FILE
    from tendereval.io.folder_listing import listed_once
    from tendereval.layout import (
        BIDS_FOLDER,
        MATRIX_FOLDER,
        MATRIX_WORKBOOK,
        NOTICE_FILE,
        SCORES_FOLDER,
    )
    from tendereval.plan import PLAN_FILE

    root = Path(folder)
    with listed_once():  # (the archives and each folder's other spellings: one listing)
        return Inputs(
            files=(
                root / PLAN_FILE,
                root / MATRIX_WORKBOOK,
                root / NOTICE_FILE,
                root / DECISIONS_FILE,
                *_proxy_table(root / PLAN_FILE),
                *_archives_received(root),
            ),
            folders=tuple(
                folder
                for name in (BIDS_FOLDER, SCORES_FOLDER, MATRIX_FOLDER)
                for folder in _named_in_any_case(root, name)
            ),
            whose="the tender's",
        )


def _archives_received(root: Path) -> list[Path]:
    """The archives in the tender folder itself (the portal's ``all-responses.zip``): the
    files received, listed among the inputs with their SHA-256 (those in ``bids/`` and
    ``scores/`` are guarded with their folders)."""
    from tendereval.io.archives import is_archive, received_beside
    from tendereval.io.folder_listing import names

    try:
        archives = (root / name for name in names(root) if is_archive(name))
        return [entry for entry in archives if received_beside(entry)]
    except OSError:  # no folder yet, or one that cannot be listed: nothing received there
        return []


def _named_in_any_case(root: Path, name: str) -> list[Path]:
    """``root / name`` and any folder beside it named so in other capitals (``Bids/`` made
    on Windows): the loaders read it as ``bids/``, so nothing may be written into it."""
    from tendereval.io.folder_listing import by_form

    try:
        others = [
            root / other
            for other in by_form(root, str.casefold).get(name, ())
            if other != name and (root / other).is_dir()
        ]
    except OSError:  # no folder yet, or one that cannot be listed: the name as given
        others = []
    return [root / name, *sorted(others)]


def never_over_the_tender(
    folder: Path | None,
    *outputs: str | Path | None,
    read_from: Iterable[str | Path] = (),
    whose: str = "the tender's",
    existing_only: bool = False,
) -> None:
    """What every writer asks first, from a notebook as from a command: a UsageError when an
    output would replace one of the inputs of the tender in ``folder`` (:func:`tender_inputs`),
    one of the files the result was made from (``read_from``: an allocation's offers file,
    named as ``whose`` inputs), or one of the inputs of the tender folder the output is in.
    A result with no tender folder (a tender built from frames, an allocation, the lot
    splits) still never writes into a tender's bids/, scores/ or evaluation/: before, only
    write_report and its siblings asked, and the allocation and lot-split workbooks replaced
    a bid return without a word. A value that is no path is not checked here: the writer's
    own check names the argument."""
    files = tuple(Path(f) for f in read_from)
    if folder is not None:
        held = tender_inputs(folder)
        inputs = Inputs((*held.files, *files), held.folders, held.whose)
    else:
        inputs = Inputs(files, whose=whose)
    inputs.refuse_as_outputs(outputs, existing_only=existing_only)


def never_inside_a_tenders_inputs(folder: str | Path) -> None:
    """What ``init`` asks of the folder it is to make a tender in: a UsageError when it is, or
    is anywhere inside, a tender's ``bids/``, ``scores/`` or ``evaluation/``, in the words
    every other writer uses. ``init T/scores`` made a tender there; the old tender then warned
    on every run of a tender.toml among its score sheets, and the new tender's returns sat
    inside the old tender's inputs (``T/bids/next-year`` as well, two levels down, which the
    check of the tender folder a file is in does not reach)."""
    from tendereval.layout import BIDS_FOLDER, MATRIX_FOLDER, SCORES_FOLDER
    from tendereval.plan import PLAN_FILE

    target = _real(folder)
    names = {name.casefold() for name in (BIDS_FOLDER, SCORES_FOLDER, MATRIX_FOLDER)}
    for inner in (target, *target.parents):
        if inner.name.casefold() in names and (inner.parent / PLAN_FILE).is_file():
            # (Named in any capitals, as the loaders read it: ``Bids/`` is read as bids/.)
            Inputs(folders=(inner,), whose="the tender's")._refuse(folder, target, False)


def never_a_second_form(output: str | Path) -> None:
    """A UsageError when ``output`` would put a tender in two forms, where nothing in it can be
    scored: ``evaluation.xlsx`` (the consolidated form's name, in any capitals) in a tender
    folder whose bids/ or scores/ already hold files, or a new workbook in scores/ of a tender
    in the consolidated form. ``template matrix -o T/evaluation.xlsx`` wrote it without a
    word, and ``score`` then said no bids were found."""
    from tendereval.layout import BIDS_FOLDER, MATRIX_FOLDER, MATRIX_WORKBOOK, SCORES_FOLDER
    from tendereval.plan import PLAN_FILE

    target = _real(output)
    if target.name.casefold() == MATRIX_WORKBOOK and (target.parent / PLAN_FILE).is_file():
        held = [
            f"{inputs.name}/"
            for name in (BIDS_FOLDER, SCORES_FOLDER)
            for inputs in _named_in_any_case(target.parent, name)
            if _holds_a_file(inputs)
        ]
        if held:
            raise UsageError(
                f"{output} would be the consolidated form of a tender that already holds bid "
                f"returns and score sheets ({', '.join(held)}): with both forms nothing in it "
                "can be scored. Save the matrix under another name or outside the tender "
                "folder, or move bids/ and scores/ out of it first"
            )
    tender = target.parent.parent
    if target.parent.name.casefold() in (BIDS_FOLDER, SCORES_FOLDER) and (
        (tender / PLAN_FILE).is_file()
    ):
        forms = [tender / MATRIX_WORKBOOK, *_named_in_any_case(tender, MATRIX_FOLDER)]
        held = [path.name for path in forms if path.is_file() or _holds_a_file(path)]
        if held:
            raise UsageError(
                f"{output} would be a {target.parent.name}/ file of a tender in the "
                f"consolidated form ({held[0]}): with both forms nothing in it can be scored. "
                f"Save it outside {target.parent.name}/, or enter it in {held[0]}"
            )


def _holds_a_file(folder: Path) -> bool:
    """Whether ``folder`` holds any file (one that cannot be listed may: taken as holding)."""
    try:
        return folder.is_dir() and any(entry.is_file() for entry in folder.iterdir())
    except OSError:
        return True


def _proxy_table(plan: Path) -> list[Path]:
    """The social value proxy table the plan names, if the plan reads at all (a plan that
    does not is reported where it is read)."""
    from tendereval.tomlread import read_toml_quietly

    try:
        name = (read_toml_quietly(plan) or {})["social_value"]["proxy_table"]
    except (KeyError, TypeError):  # no plan or not TOML, no such key
        return []
    if not isinstance(name, str) or not name.strip():
        return []
    from tendereval.layout import plan_file_path

    return [plan.parent / plan_file_path(name)]
