"""Rebuild the generic blank workbooks in this folder from the 40-40-20 preset.

    python templates/blank/build.py

They are for a first look at the layout. For a real tender build workbooks from its own plan
with ``tendereval template KIND --tender DIR -o FILE``, so its lots, price items and questions
are filled in. The output is deterministic: rebuilding changes no bytes.
"""

from __future__ import annotations

from pathlib import Path

from tendereval import templates
from tendereval.plan import load_plan

HERE = Path(__file__).resolve().parent
PRESET = HERE.parent / "presets" / "40-40-20.toml"


def build(folder: Path = HERE) -> list[Path]:
    """Write bid-return, score-sheet, moderation and matrix blanks into ``folder``."""
    plan, problems = load_plan(PRESET)
    if plan is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    return [
        templates.build_bid_return(plan, folder / "bid-return.xlsx"),
        templates.build_score_sheet(plan, folder / "score-sheet.xlsx"),
        templates.build_moderation_sheet(plan, folder / "moderation.xlsx"),
        templates.build_matrix(plan, folder / "matrix.xlsx"),
    ]


if __name__ == "__main__":
    for path in build():
        print(f"Wrote {path}")
