"""What a result records so that it can be traced to what made it and run again: what the run
was given, each file read by the SHA-256 of the bytes parsed (score's ``inputs`` frame), the
versions of Python, the tool and the libraries that shape the answer, the solver and its
version, the time limit and gap it ran under, and the settings that change the answer.

A record is made once, where the result is made (``allocation.allocate``, ``run_scenarios``);
every writer copies it and none makes its own.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from tendereval.io import frames as F
from tendereval.shown import brief

# The libraries whose versions can change an allocation's answer (the solver's is recorded
# with the solver).
SOLVE_PACKAGES = ("tendereval", "polars", "pulp")


def versions(packages: tuple[str, ...]) -> dict[str, str]:
    """Installed versions of ``packages`` ("not installed" for one that is not).

    Read from the installed packages' ``NAME-VERSION.dist-info`` folder names: importing
    ``importlib.metadata`` (and the email parser it needs) costs about 30 ms of every
    ``tendereval score``, more than the rest of the Audit sheet."""
    found = _dist_info_versions(packages)
    for name in packages:
        if name not in found:
            import importlib.metadata

            try:
                found[name] = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                found[name] = "not installed"
    return {name: found[name] for name in packages}


@functools.cache
def source_sha256() -> str:
    """The SHA-256 of tendereval's own files as installed, read once a run: every file of the
    package by its path within it (in sorted order) and its bytes, compiled caches left out.

    The version number stays the same between releases while the code under it changes (an
    editable install, a fix applied in place), so a result records this beside it: two
    results with the same inputs and the same fingerprint were made by the same code."""
    root = Path(__file__).parent
    found: list[tuple[str, str]] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found += [
            (Path(folder, name).relative_to(root).as_posix(), os.path.join(folder, name))
            for name in files
            if not name.endswith((".pyc", ".pyo"))
        ]
    digest = hashlib.sha256()
    for relative, path in sorted(found):
        digest.update(relative.encode() + b"\0")
        with open(path, "rb") as file:
            digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()


def _dist_info_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """{package: version} from the ``*.dist-info`` folders on the import path (first wins,
    as for imports)."""
    wanted = {name.casefold().replace("-", "_"): name for name in packages}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if not folder.endswith(".dist-info"):
                continue
            package, _, version = folder[: -len(".dist-info")].rpartition("-")
            name = wanted.get(package.casefold().replace("-", "_"))
            if name is not None and version and name not in found:
                found[name] = version
    return found


@dataclass(frozen=True, eq=False)
class Source:
    """What a run was given, in words, and each file read: path, kind, sha256 and bytes, the
    SHA-256 being of the very bytes parsed (as score records its inputs)."""

    given: str
    inputs: pl.DataFrame = field(default_factory=lambda: F.empty("inputs"))
    # Each file read, made absolute when it was read: what a writer of the result must never
    # replace, even after the notebook's os.chdir (``inputs`` shows the path as given).
    read_from: tuple[Path, ...] = ()

    def __repr__(self) -> str:
        return brief(self)

    @classmethod
    def file(cls, given: str, path: str, kind: str, sha256: str, size: int | None) -> Source:
        """One file read, by the SHA-256 and size its reader took of the bytes it parsed."""
        row = {"path": path, "kind": kind, "sha256": sha256, "bytes": size}
        return cls(given, F.frame("inputs", [row]), (Path(os.path.abspath(path)),))


# What ``allocation.allocate`` records when its caller names no source: a frame has no file.
FRAME_OF_OFFERS = Source("a frame of offers given in Python (no file was read)")


@dataclass(frozen=True, eq=False)
class Provenance:
    """The record of one run: see the module docstring. ``time_limit`` is in seconds per
    solver run (None: no limit); ``gap`` is the gap the solver may stop within and still call
    its answer proved (``relative``, and ``absolute`` in whole units of the level solved);
    ``settings`` holds the options that change the answer (the policy with its objective and
    tie-break; the seed and samples of a run that draws any)."""

    given: str
    inputs: pl.DataFrame
    versions: dict[str, str]
    solver: str
    solver_version: str
    time_limit: float | None
    gap: dict[str, Any]
    settings: dict[str, Any]
    # The files read, absolute (:attr:`Source.read_from`): what its writers never replace.
    read_from: tuple[Path, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The record, JSON-ready: ``inputs`` as the score JSON lists them."""
        return {
            "given": self.given,
            "inputs": self.inputs.to_dicts(),
            "versions": self.versions,
            "solver": {"name": self.solver, "version": self.solver_version},
            "time_limit": self.time_limit,
            "gap": self.gap,
            "settings": self.settings,
        }

    def __repr__(self) -> str:
        return brief(self)

    @property
    def time_limit_words(self) -> str:
        """The time limit as the terminal and the workbooks say it."""
        if self.time_limit is None:
            return "no time limit"
        return f"time limit {self.time_limit:g} s a solver run"

    @property
    def gap_words(self) -> str:
        """The gap the solver may stop within, in words."""
        return (
            f"{self.gap['relative']:.0%} of the objective, and {self.gap['absolute']:g} of "
            f"{self.gap['absolute_in']}"
        )


def of_solves(
    source: Source, solver: str, time_limit: float | None, settings: dict[str, Any]
) -> Provenance:
    """The record of a run whose answer the optimiser gives, with ``solver`` under
    ``time_limit``; ``settings`` are the options of the run that change its answer."""
    from tendereval.allocation.solvers import GAP, solver_version

    return Provenance(
        given=source.given,
        inputs=source.inputs,
        versions={
            "python": platform.python_version(),
            **versions(SOLVE_PACKAGES),
            "tendereval_source": source_sha256(),
        },
        solver=solver,
        solver_version=solver_version(solver),
        time_limit=time_limit,
        gap=dict(GAP),
        settings=settings,
        read_from=source.read_from,
    )
