"""Where the files shipped with tendereval (presets, proxy tables, blank workbooks) live.

In an installed wheel they are package data under ``tendereval/data``; in a source
checkout (including an editable install) they are the repository's top-level ``templates/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def templates_dir() -> Path:
    """The folder holding ``presets/``, the proxy value tables and the blank workbooks."""
    packaged = Path(str(resources.files("tendereval"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def presets() -> dict[str, Path]:
    """Preset name (file stem) → plan file, sorted by name."""
    folder = templates_dir() / "presets"
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}
