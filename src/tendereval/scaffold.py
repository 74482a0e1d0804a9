"""Create a new tender folder from a preset plan."""

from __future__ import annotations

from pathlib import Path

from tendereval.atomic import OutputNotWritten, write_bytes
from tendereval.errors import UsageError
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
    available = presets()
    if preset not in available:
        raise UsageError(
            f"there is no preset called '{preset}'; choose one of {', '.join(available)}"
        )
    folder = Path(folder)
    plan = folder / PLAN_FILE
    if plan.exists() and not force:
        raise UsageError(
            f"{plan} already exists; to overwrite it use --force (force=True from Python)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(plan, available[preset].read_bytes())
        for name in INPUT_FOLDERS:
            (folder / name).mkdir(exist_ok=True)
    except OutputNotWritten:
        raise
    except OSError as exc:  # a folder that cannot be made: said in words, not a crash
        raise OutputNotWritten(folder, exc) from exc
    return plan
