"""A folder not read that cannot be listed, or is nested thousands deep (io/folders_not_read.
py): a late bid may be in it, so it is named and holds the award, as bids/ itself unreadable
is; and the walk never stops the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tendereval
from tendereval.errors import Severity
from tests.example_copies import example_copy

WEALD = "weald-carers-trust.xlsx"


def _late_bid(folder: Path) -> bytes:
    """Another supplier's return: Weald's, with other bytes (a comment in its zip)."""
    data = (folder / "bids" / WEALD).read_bytes()
    return data[:-2] + b"\x05\x00again"


def _refusing(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Listing ``locked`` is refused, as its permissions (mode 000) refuse it to anyone but
    root (these tests may run as root, which may list anything)."""
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).resolve() == locked.resolve():  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize(
    ("kept", "locked"),
    [
        ("bids/late", "bids/late"),
        ("bids/late/locked", "bids/late/locked"),
        ("Bid returns", "Bid returns"),
        ("Bids", "Bids"),
    ],
)
def test_a_folder_not_read_that_cannot_be_listed_is_named_and_holds_the_award(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: str, locked: str
) -> None:
    """A late bid in bids/late/ (or bids/late/locked/, or "Bid returns/") whose folder
    could not be listed was passed over without a word, and the award went ahead ("Bid
    returns/" was even said to be empty): os.walk drops what it cannot list. Each folder
    that cannot be listed is an error naming it, as bids/ itself unreadable is."""
    folder = example_copy(tmp_path)
    (folder / kept).mkdir(parents=True)
    (folder / kept / "late-newcomer.xlsx").write_bytes(_late_bid(folder))
    _refusing(monkeypatch, folder / locked)
    problems = tendereval.validate(folder).problems
    said = [p for p in problems if p.file.startswith(kept.partition("/")[0])]
    (named,) = [p for p in said if p.file == f"{locked}/"]
    assert named.severity is Severity.ERROR
    assert named.code == "file.unreadable"
    assert named.message == "the folder could not be read: tendereval is not allowed to read it"
    assert "a bid return may be in it" in named.expected
    assert all("empty" not in p.message for p in said)
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None


def test_a_folder_nested_thousands_deep_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bids/late/ nested 1,100 deep stopped the run: "internal error: RecursionError"
    (os.walk recurses). The walk keeps the folders still to list in a list: the PDF at the
    bottom is counted, and the late bid beside it would be named."""
    folder = example_copy(tmp_path)
    monkeypatch.chdir(folder / "bids")
    os.mkdir("late")
    os.chdir("late")
    for _ in range(1_100):
        os.mkdir("a")
        os.chdir("a")
    Path("note.pdf").write_bytes(b"%PDF-1.4\n")
    Path("late-newcomer.xlsx").write_bytes(_late_bid(folder))
    monkeypatch.chdir(tmp_path)
    try:
        (problem,) = [p for p in tendereval.validate(folder).problems if p.file == "bids/late/"]
    finally:
        _removed(folder / "bids" / "late")  # (pytest's own clean-up recurses, and would stop)
    assert problem.severity is Severity.ERROR
    assert problem.message.startswith("the folder bids/late/ is not read, and it holds 1 workbook")
    assert problem.found == "1 other file(s) in it too"


def _removed(top: Path) -> None:
    """``top`` and everything beneath, removed from the bottom up, without recursion."""
    deepest = top
    while (below := deepest / "a").is_dir():
        deepest = below
    while True:
        for path in deepest.iterdir():
            path.unlink()
        deepest.rmdir()
        if deepest == top:
            return
        deepest = deepest.parent


@pytest.mark.parametrize("link", ["bids/late/received", "Bid returns/late", "Bids/late"])
def test_a_link_to_a_folder_in_a_folder_not_read_is_named_and_holds_the_award(
    tmp_path: Path, link: str
) -> None:
    """A link to a folder holding a late bid, one level down in a folder not read
    (bids/late/received, "Bid returns/late"), was passed over without a word and the award
    went ahead ("Bid returns/" was even said to be empty), while bids/late as a link is
    followed and the late bid an error. A link is not followed (it may lead back up), so it
    is named, and holds the award as a folder that cannot be listed does."""
    folder = example_copy(tmp_path / "tender")
    elsewhere = tmp_path / "late bids"
    elsewhere.mkdir()
    (elsewhere / "late-newcomer.xlsx").write_bytes(_late_bid(folder))
    (folder / link).parent.mkdir(parents=True)
    (folder / link).symlink_to(elsewhere, target_is_directory=True)
    problems = tendereval.validate(folder).problems
    said = [p for p in problems if p.file.startswith(link.partition("/")[0])]
    (named,) = [p for p in said if p.file == f"{link}/"]
    assert named.severity is Severity.ERROR
    assert named.message == (
        "this is a link to a folder, which is not followed, so nothing in it was looked at"
    )
    assert "a bid return may be in it" in named.expected
    assert all("empty" not in p.message for p in said)
    assert tendereval.score(folder, sensitivity=False).award.held_back is not None
