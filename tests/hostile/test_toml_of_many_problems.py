"""A TOML input close to its 1 MB limit, every entry of it wrong.

Found with a plan of 12,000 lots each with a name that is a number and a value that is text:
36,000 problems, and each new one was checked against every one before it for a repeat, so
the plan took 18 s to read (decisions.toml the same). The check is now a set: well under a
second. The file's size is bounded; what it costs to read must be bounded by it.
"""

from __future__ import annotations

from pathlib import Path

import tendereval
from tests.cpu_time import cpu_seconds
from tests.example_copies import EXAMPLES


def test_a_plan_of_tens_of_thousands_of_problems_is_read_in_seconds(tmp_path: Path) -> None:
    plan = (EXAMPLES / "carers-short-breaks" / "tender.toml").read_text(encoding="utf-8")
    plan += "".join(
        f'\n[[lots]]\nid = "L{i}"\nname = 5\nestimated_value = "lots"\n' for i in range(12_000)
    )
    path = tmp_path / "tender.toml"
    path.write_text(plan, encoding="utf-8")
    assert path.stat().st_size < 1_000_000  # under the limit: read, not refused
    started = cpu_seconds()
    loaded, problems = tendereval.load_plan(path)
    seconds = cpu_seconds() - started
    assert loaded is None and len(problems) >= 24_000
    assert seconds < 5, seconds  # 18 s before
