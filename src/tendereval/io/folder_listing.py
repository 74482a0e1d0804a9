"""A folder's names, read from the disk once in a run however many checks look at them.

The tender folder is looked at by name many times in one run: the plan, decisions.toml, the
notice, the proxy table, evaluation.xlsx and evaluation/, bids/ and scores/ each have their
near misses looked for (io/misnamed.py), the archives beside them are found twice, and every
writer asks which files are the tender's inputs (inputs.py). Each listed the folder again
and went through every name in it: 36 listings in one ``score``, and a folder holding 16,000
files (a portal's clarification PDFs saved beside the plan) took 1.7 processor seconds more
than an empty one, 110 microseconds a file.

Within :func:`listed_once` (a command's run, a tender's loading, the inputs worked out for
a writer) each folder is listed the first time it is asked for and its names kept, with
each way of comparing them (:func:`by_form`) worked out once; a check then looks up the
names it wants. Outside it every call lists the folder afresh: a notebook that saves a file
between two calls is not answered from before it did.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# The listings kept in this run (None: no run, so nothing is kept), by the folder's absolute
# path, and by the folder and a form its names are compared in.
_KEPT: ContextVar[dict[object, object] | None] = ContextVar("folder_listing", default=None)


@contextmanager
def listed_once() -> Iterator[None]:
    """Within: each folder is listed once, however many checks ask for its names. Nested
    (a command's run loading a tender), the outer run's listings are used."""
    if _KEPT.get() is not None:
        yield
        return
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def names(folder: Path) -> tuple[str, ...]:
    """The names in ``folder``, in the order the disk gives them (as :func:`os.listdir`);
    an OSError as it raises one (a folder that cannot be listed is not kept as empty: the
    next check says why it cannot be read)."""
    kept = _KEPT.get()
    if kept is None:
        return tuple(os.listdir(folder))
    key = os.path.abspath(folder)
    found = kept.get(key)
    if found is None:
        found = kept[key] = tuple(os.listdir(folder))
    return found  # type: ignore[return-value]


def entries(folder: Path) -> list[Path]:
    """The paths in ``folder``, as :meth:`Path.iterdir` gives them."""
    return [folder / name for name in names(folder)]


def by_form(folder: Path, form: Callable[[str], str]) -> dict[str, list[str]]:
    """The names in ``folder`` by ``form`` of each (the name as it is compared: in any case,
    without a copy's mark), worked out once in a run; an OSError as :func:`names` raises."""
    listed = names(folder)
    kept = _KEPT.get()
    key = (os.path.abspath(folder), form)
    if kept is not None and key in kept:
        return kept[key]  # type: ignore[return-value]
    grouped: dict[str, list[str]] = {}
    for name in listed:
        grouped.setdefault(form(name), []).append(name)
    if kept is not None:
        kept[key] = grouped
    return grouped
