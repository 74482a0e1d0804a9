"""The social value proxy value table: £ per unit for each measure a supplier can commit to.

The plan names the file (``social_value.proxy_table``). It is looked for in the tender folder
first, then among the tables shipped with tendereval (``templates/``). Columns are those of the
``proxies`` frame: ``measure, theme, description, unit, proxy_value, version``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from tendereval.errors import Problem, Severity
from tendereval.io import frames as F
from tendereval.io.cells import parse_money, parse_text
from tendereval.io.checking import Checker, fold, text_of
from tendereval.io.csvfile import read_csv
from tendereval.io.files import Fingerprint
from tendereval.io.workbook import headers_for_keys
from tendereval.plan import Plan
from tendereval.resources import templates_dir
from tendereval.wording import counted, listed


@dataclass
class ProxyTable:
    """The loaded table, where it came from (None when there is none) and its problems."""

    frame: pl.DataFrame = field(default_factory=lambda: F.empty("proxies"))
    path: Path | None = None
    label: str = ""
    problems: list[Problem] = field(default_factory=list)
    fingerprint: Fingerprint | None = None  # of the bytes read, for the audit trail

    @property
    def measures(self) -> dict[str, str] | None:
        """Folded measure id → measure id; None when no table was loaded."""
        if self.path is None:
            return None
        return measure_ids(self.frame["measure"].to_list())

    @property
    def units(self) -> dict[str, str] | None:
        """Measure id → the unit its proxy value is per ('£ spent', 'FTE year'); None when no
        table was loaded."""
        if self.path is None:
            return None
        return dict(zip(self.frame["measure"], self.frame["unit"].fill_null(""), strict=True))


def counted_in_pounds(unit: str) -> bool:
    """Whether a measure's unit is an amount of money ('£ spent', 'GBP', 'pounds invested'):
    its units committed are then read as money is, '£180,000' as 180000."""
    return "£" in unit or re.search(r"\b(?:gbp|pounds?)\b", unit, re.IGNORECASE) is not None


def measure_ids(measures: list[str]) -> dict[str, str]:
    """Folded measure id → the proxy value table's own id: how a commitment's measure is
    matched to the table, from a bid return or a frame alike ('sv-job-local ' is
    SV-JOB-LOCAL)."""
    return {fold(m): m for m in measures}


def table_measure(measure: str, ids: dict[str, str]) -> str | None:
    """The table's id for the measure a commitment names (case and spacing ignored), None
    when the table does not list it. ``ids``: :func:`measure_ids` of the table."""
    return ids.get(fold(measure))


def find_proxy_table(name: str, folder: Path) -> tuple[Path, str] | None:
    """The file and its label: the tender folder's copy first, then the shipped one. A file
    in the tender folder named almost as the plan names it (other capitals, a copy's mark,
    an added .txt) is not passed over for the shipped one: nothing is found, and
    :func:`load_proxies` names it. On Linux "Social-Value-Proxies-2026.csv" beside a plan
    naming "social-value-proxies-2026.csv" was passed over for the packaged table, silently,
    where Windows and a Mac read it: another award."""
    local = folder / name
    if local.is_file():
        return local, Path(name).as_posix()
    if _near_misses(folder, name):
        return None
    shipped = templates_dir() / name
    if shipped.is_file():
        return shipped, shipped_label(name)
    return None


def _near_misses(folder: Path, name: str) -> list[str]:
    """The files beside where the plan's table would be that are named almost as it is."""
    from tendereval.io.misnamed import near_misses

    place = (folder / name).parent
    return near_misses(place, Path(name).name) if place.is_dir() else []


def shipped_label(name: str) -> str:
    """How the table shipped with tendereval is named in the Audit's input files and in
    problems: by the release it came with, so an auditor can find the very file. It is not in
    the tender folder (a path such as ``templates/…`` named a place no auditor had)."""
    from tendereval import __version__

    return f"the proxy table packaged with tendereval {__version__} ({Path(name).as_posix()})"


def load_proxies(plan: Plan, folder: Path) -> ProxyTable:
    """The plan's proxy table. No table named is fine unless the plan scores commitments."""
    name = plan.social_value.proxy_table
    if not name:
        return ProxyTable()
    found = find_proxy_table(name, folder)
    if found is None:
        from tendereval.io.misnamed import hidden

        near = _near_misses(folder, name)
        return ProxyTable(
            problems=[
                Problem(
                    "the social value proxy value table named in the plan was not found",
                    file=name,
                    found=f"{', '.join(near)}, which is not read" if near else None,
                    expected=(
                        f"the table named as the plan names it: rename {near[0]} if it is the "
                        f"table{hidden(near[0])}"
                        if near
                        else f"a file {name} in the tender folder or in tendereval's templates/"
                    ),
                    code="proxies.missing",
                )
            ]
        )
    path, label = found
    columns = tuple(F.SCHEMAS["proxies"])
    rows, problems, fingerprint = read_csv(
        path, label, headers_for_keys(columns, ("measure", "proxy_value")), numbers=("proxy_value",)
    )
    check = Checker(problems=problems)
    table: list[dict[str, object]] = []
    versions: list = []  # each row's version cell, for a problem to point at
    seen: set[str] = set()
    for row in rows:
        measure = check.value(
            row.get("measure"), text_of, what="measure id", required=True, attribute=False
        )
        value = check.value(
            row.get("proxy_value"), parse_money, what="proxy value", required=True, attribute=False
        )
        if measure is not None and fold(measure) in seen:
            words = measure_twice()
            check.add(row["measure"], words.pop("message"), found=measure, **words, attribute=False)
            continue
        if measure is None or value is None:
            continue
        seen.add(fold(measure))
        table.append(
            {key: parse_text(row[key].value) if key in row else None for key in columns}
            | {"measure": measure, "proxy_value": value}
        )
        versions.append(row.get("version"))
    if not table and not any(p.is_error for p in check.problems):
        check.add(None, **_no_measures(), attribute=False, file=label)
    _check_versions(check, table, versions, label)
    beside = _tables_beside(folder, name, path)
    return ProxyTable(F.frame("proxies", table), path, label, beside + check.problems, fingerprint)


def _tables_beside(folder: Path, name: str, read: Path) -> list[Problem]:
    """An error for each file beside the tender folder's table named almost as it is
    ("Social-Value-Proxies-2026.csv", "our-proxies (1).csv"): only the one the plan names is
    read, and the other may hold the values the buyer meant. A copy of it byte for byte is a
    warning. (None beside a table packaged with tendereval: one named almost as it is in the
    tender folder is not passed over for it, :func:`find_proxy_table`.)"""
    from tendereval.io.misnamed import Wanted, files_not_read

    if read != folder / name:
        return []
    where = Path(name).parent.as_posix()
    wanted = Wanted(
        read.name,
        "the social value proxy value table",
        f"no value in it was used: the commitments are valued from {Path(name).as_posix()}",
        "proxies.misnamed",
    )
    return [
        replace(p, file=f"{where}/{p.file}") if where != "." else p
        for p in files_not_read(read.parent, wanted, read)
    ]


def _no_measures() -> dict[str, str]:
    """A table of a header and no rows (its rows lost when it was cut down or exported) values
    no commitment: an error in the table, not a warning on each bid that its measures are
    unknown, as if the suppliers had named measures the scheme does not have."""
    return {
        "message": "the proxy value table lists no measure, so no commitment can be valued",
        "found": "a header row and no rows under it",
        "expected": "one row for each measure of the scheme your tender documents name, with "
        "its proxy value",
        "code": "proxies.no_measures",
    }


def _check_versions(check: Checker, table: list[dict], cells: list, label: str) -> None:
    """Each result records the table's version, because proxy values change every year: a
    table mixing versions (a row pasted in from this year's scheme into last year's), or with
    rows of no version, records a version some of its values are not of."""
    named = sorted({row["version"] for row in table if row["version"]})
    if len(named) > 1:
        counts = [
            f"{version} on {counted(sum(row['version'] == version for row in table), 'row')}"
            for version in named
        ]
        check.add(
            None,
            "the proxy value table mixes versions of its scheme, so the version recorded with "
            "each result is not that of every value",
            found=", ".join(counts),
            expected="every row of one version: the values of the scheme your tender documents "
            "name",
            code="proxies.mixed_versions",
            severity=Severity.WARNING,
            attribute=False,
            file=label,
        )
    blank = [cell for row, cell in zip(table, cells, strict=True) if not row["version"]]
    if named and blank:
        check.add(
            blank[0],
            "a row of the proxy value table has no version, so nothing records which year's "
            "values it holds",
            found=f"{counted(len(blank), 'row')} of {len(table)} without one",
            expected=f"the version of the other rows ({listed(named)})",
            code="proxies.no_version",
            severity=Severity.WARNING,
            attribute=False,
        )


def measure_twice() -> dict[str, str]:
    """The problem's words for a measure listed a second time in the proxy value table (from
    its file, or a proxies frame: io.frame_rules), matched ignoring case and spaces. The first
    row's value is used; which one the buyer meant is for the officer to settle."""
    return {
        "message": "a measure is listed twice in the proxy value table",
        "expected": "each measure once",
        "code": "proxies.duplicate",
    }
