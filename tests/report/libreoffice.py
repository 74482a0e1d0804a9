"""Recalculating a workbook in headless LibreOffice, for the report tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# LibreOffice keeps the cached formula results of an .xlsx unless told to recalculate on load
# (Tools › Options › Calc › Formula › "Recalculation on file load": Always).
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def make_profile(folder: Path) -> Path:
    """A LibreOffice profile of our own (parallel runs never clash) set to recalculate."""
    if shutil.which("soffice") is None:
        reason = "LibreOffice (soffice) is not on PATH; .ci/run installs it with apt-get"
        if os.environ.get("TENDEREVAL_REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    (folder / "user").mkdir(parents=True, exist_ok=True)
    (folder / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    return folder


def recalculate(
    path: Path, workdir: Path, profile: Path, *more: Path
) -> tuple[Path, subprocess.CompletedProcess]:
    """Open ``path`` (and any ``more``) in headless LibreOffice, recalculate every formula and
    save each as .xlsx in ``workdir/recalculated``; returns where ``path`` went."""
    outdir = workdir / "recalculated"
    outdir.mkdir(exist_ok=True)
    done = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(path),
            *map(str, more),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return outdir / path.name, done
