"""Reading back a JSON file tendereval wrote itself into the tender's ``reports/`` folder (an
award release, the record of where summaries were written), whatever is now at its path.

Such a file is a hint, never an input: one that cannot be read is passed over, with the reason
to say. It is read as every input is (io/files.read_input): only a regular file, never more
than its limit, a named pipe never opened in a way that waits; and JSON nested deeper than
Python may call is a reason too, not a crash.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from tendereval.errors import Problem
from tendereval.io.files import read_input
from tendereval.limits import MAX_NOTICE_BYTES

# Why a file holding a mere slip (half written, edited by hand) is not read.
NOT_JSON = "it is not JSON tendereval can read"


class ReadBack(NamedTuple):
    """The JSON a file holds, or None with why it was not read ("" when it was)."""

    data: Any
    why: str = ""


def read_own_json(path: Path, limit: int = MAX_NOTICE_BYTES) -> ReadBack:
    """The JSON in ``path``; None with the reason when it is not a regular file, is larger
    than ``limit`` bytes, is not UTF-8 JSON or nests too deeply to read."""
    read = read_input(path, path.name, limit)
    if isinstance(read, Problem):
        return ReadBack(None, read.message)
    try:
        return ReadBack(json.loads(read.data.decode("utf-8-sig")))
    except RecursionError:
        return ReadBack(None, "it nests lists or objects too deeply to read")
    except ValueError:  # (UnicodeDecodeError and JSONDecodeError among them)
        return ReadBack(None, NOT_JSON)
