"""``init``: a new tender folder with a commented evaluation plan."""

from __future__ import annotations

from pathlib import Path


def init(folder: str | Path, preset: str = "40-40-20", *, force: bool = False) -> Path:
    """Create ``folder`` with ``tender.toml`` from ``preset`` (70-30, 60-40, 40-40-20 or
    ppn002) and empty ``bids/`` and ``scores/`` folders; returns the plan's path.

    Raises ``UsageError`` for an unknown preset or an existing plan (unless ``force``), and
    ``OutputNotWritten`` when the folder cannot be written.

    Example, run from the folder holding ``examples/`` (docs/python.md has more)::

        >>> import tendereval
        >>> tendereval.init("out/my-tender", "60-40").name
        'tender.toml'
    """
    from tendereval.scaffold import create_tender_folder

    return create_tender_folder(folder, preset, force=force)
