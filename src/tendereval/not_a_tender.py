"""A folder given for a tender that holds, instead, a file another command reads on its own: a
scenarios file (``examples/homecare-lot-splits``) or an offers file (``examples/offers``).

``validate`` and ``allocate`` given such a folder said "there is no evaluation plan; expected a
tender.toml file in the tender folder (tendereval init makes one)", steering the officer to make
a tender over a lot-splits folder; ``scenarios`` given the folder holding ``scenarios.toml`` said
there was no scenarios file there. Each now names the file to give instead, as a plan given for
its folder is named ("is a file, not a tender folder; give the folder that holds it").
"""

from __future__ import annotations

from pathlib import Path

from tendereval import layout
from tendereval.award.recorded import DECISIONS_FILE
from tendereval.errors import TenderNotFound

# What a tender folder holds besides its plan: a folder holding any of these is a tender folder
# whose plan is missing (the loader says so, and names a plan saved under another name).
_TENDER_NAMES = {
    name.casefold()
    for name in (
        layout.BIDS_FOLDER,
        layout.SCORES_FOLDER,
        layout.MATRIX_FOLDER,
        layout.MATRIX_WORKBOOK,
        layout.NOTICE_FILE,
        DECISIONS_FILE,
    )
}
_OFFERS_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def scenarios_files_in(folder: Path) -> list[Path]:
    """The scenarios files at the top of ``folder`` (TOML with a ``[scenario]`` table and no
    ``[tender]``: never a plan saved under another name), by name."""
    from tendereval.tomlread import read_toml_quietly

    found = []
    for entry in _entries(folder):
        if entry.suffix.lower() != ".toml" or not entry.is_file():
            continue
        raw = read_toml_quietly(entry) or {}
        if "scenario" in raw and "tender" not in raw:
            found.append(entry)
    return found


def file_to_give_instead(folder: Path) -> TenderNotFound | None:
    """The error for a ``folder`` given as a tender's that is none (no tender.toml, nothing a
    tender holds) but holds a scenarios or offers file, naming the file to give; None for any
    other folder (a tender folder, or one whose plan is missing: the loader says so)."""
    from tendereval.plan import PLAN_FILE

    entries = _entries(folder)
    names = {entry.name.casefold() for entry in entries}
    if PLAN_FILE in names or names & _TENDER_NAMES or any(n.startswith("tender") for n in names):
        return None
    scenarios = scenarios_files_in(folder)
    offers = [e for e in entries if e.suffix.lower() in _OFFERS_SUFFIXES and e.is_file()]
    given = [*scenarios, *offers]
    if not given:
        return None
    kind = (
        "a scenarios file (read by tendereval scenarios)"
        if scenarios and not offers
        else "an offers file (read by tendereval allocate)"
        if offers and not scenarios
        else "files read on their own"
    )
    shown = ", ".join(str(path) for path in given[:3])
    return TenderNotFound(
        f"{folder} is not a tender folder (it holds no tender.toml) but holds {kind}: give the "
        f"file itself: {shown}; a tender folder holds tender.toml (tendereval init makes one)"
    )


def _entries(folder: Path) -> list[Path]:
    from tendereval.io.folder_listing import entries

    try:  # (listed once in a run: the loader looks at the same names)
        return sorted(entries(folder))
    except OSError:  # a folder that cannot be listed: the loader says why
        return []
