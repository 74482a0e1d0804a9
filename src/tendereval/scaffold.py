"""Create a new tender folder from a preset plan."""

from __future__ import annotations

from pathlib import Path

from tendereval.atomic import OutputNotWritten, write_bytes
from tendereval.errors import UsageError, path_argument, yes_or_no
from tendereval.inputs import never_inside_a_tenders_inputs
from tendereval.layout import BIDS_FOLDER, SCORES_FOLDER
from tendereval.plan import PLAN_FILE
from tendereval.resources import presets

# Only workbooks belong in these folders (validate warns about anything else), so the
# folders are created empty and the next steps are printed instead of written into them.
INPUT_FOLDERS = (BIDS_FOLDER, SCORES_FOLDER)


def create_tender_folder(folder: str | Path, preset: str, force: bool = False) -> Path:
    """Make ``folder`` with ``tender.toml`` copied from ``preset`` and empty input folders.

    Raises UsageError for an unknown preset or an existing plan (unless ``force``).
    Returns the path of the plan written.
    """
    folder = path_argument("folder", folder, "the new tender folder (text or pathlib.Path)")
    force = yes_or_no("force", force)
    available = presets()
    if not isinstance(preset, str) or preset not in available:
        raise UsageError(
            f"there is no preset called '{preset}'; choose one of {', '.join(available)}"
        )
    return write_tender_folder(folder, available[preset].read_bytes(), force=force)


def write_tender_folder(
    folder: str | Path,
    plan_bytes: bytes,
    *,
    force: bool = False,
    files: dict[str, bytes] | None = None,
) -> Path:
    """Make ``folder`` with ``plan_bytes`` as its plan, any other ``files`` (name → bytes) and
    empty input folders; returns the plan's path. Raises UsageError for an existing plan
    (unless ``force``), OutputNotWritten when the folder cannot be written."""
    folder = Path(folder)
    never_inside_a_tenders_inputs(folder)
    plan = folder / PLAN_FILE
    if plan.exists():
        # A tender under evaluation first: told to use --force, the officer was then told
        # --force will not replace this plan.
        _not_under_evaluation(folder, plan)
    if plan.exists() and not force:
        raise UsageError(
            f"{plan} already exists; to overwrite it use --force (force=True from Python)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(plan, plan_bytes)
        for name, data in (files or {}).items():
            write_bytes(folder / name, data)
        for name in INPUT_FOLDERS:
            (folder / name).mkdir(exist_ok=True)
    except OutputNotWritten:
        raise
    except OSError as exc:  # a folder that cannot be made: said in words, not a crash
        raise OutputNotWritten(folder, exc) from exc
    return plan


def _not_under_evaluation(folder: Path, plan: Path) -> None:
    """Refuse to replace the plan of a tender whose bids or score sheets are in: they were
    made from it and are scored under it. --force replaced an approved plan beside six bids
    and five score sheets, and kept nothing of it."""
    from tendereval.layout import MATRIX_FOLDER, MATRIX_WORKBOOK

    held = [
        f"{name}/" if (folder / name).is_dir() else name
        for name in (*INPUT_FOLDERS, MATRIX_FOLDER, MATRIX_WORKBOOK)
        if _holds_files(folder / name)
    ]
    if held:
        raise UsageError(
            f"{folder} already holds the tender's inputs ({', '.join(held)}), which were made "
            f"from its plan and are scored under it, so --force will not replace {plan}: "
            "make the new plan in a new folder, or change this one by editing it (every report "
            "records the plan it used by its SHA-256)"
        )


def _holds_files(path: Path) -> bool:
    try:
        if path.is_file():
            return True
        return path.is_dir() and any(entry.is_file() for entry in path.iterdir())
    except OSError:  # a folder that cannot be read may hold anything: say so, do not replace
        return True
