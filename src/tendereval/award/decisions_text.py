"""The buyer's decisions written as ``decisions.toml`` text: what a notebook tried with
``decide`` (or scored with a withdrawal) goes on the record exactly as it was tried.

``load_decisions`` reads the text back to the same decisions: the records in order, their
fields as given, dates as TOML dates. Nothing is written to disk here: the file is the buyer's
record, and whether to replace it is the buyer's call (``Path(...).write_text(text)``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tendereval.tomlread import toml_string

# Each table's keys in the order a reader expects them: what, then why, then who and when.
ORDER = {
    "decision": ("lot", "award_to", "reason", "decided_by", "decided_on"),
    "rejection": (
        "supplier",
        "lot",
        "ground",
        "queried_on",
        "reason",
        "decided_by",
        "decided_on",
    ),
    "withdrawal": ("supplier", "lot", "withdrawn_on", "recorded_by", "note"),
    "no_award": ("lot", "reason", "decided_by", "decided_on"),
    "price_explanation": ("supplier", "lot", "queried_on", "accepted_on", "decided_by", "note"),
    "clarification": (
        "supplier",
        "cell",
        "asked_on",
        "answered_on",
        "answer",
        "sme",
        "vcse",
        "recorded_by",
    ),
    # Proceedings against the award: when notified, which lots, when the suspension ended.
    "challenge": ("notified_on", "lots", "suspension_ends_on", "note"),
    # The dates, then why the Act's standstill does not apply (a contract s.51(3) lists).
    "standstill": ("summaries_sent_on", "starts_on", "ends_on", "exemption"),
}
DATES = {
    "decided_on",
    "queried_on",
    "withdrawn_on",
    "accepted_on",
    "asked_on",
    "answered_on",
    "notified_on",
    "suspension_ends_on",
}


def decisions_toml(decisions: Any) -> str:
    """``decisions`` (a :class:`~tendereval.award.Decisions`) as decisions.toml text; a field
    left blank is left out, as it would be typed, but for a lot given blank (``lot = ""``),
    which is refused when read rather than taken for every lot."""
    parts = ["# The buyer's decisions after scoring (docs/award.md)\n"]
    tables = (
        ("decision", decisions.awards),
        ("rejection", decisions.rejections),
        ("withdrawal", decisions.withdrawals),
        ("no_award", decisions.no_awards),
        ("price_explanation", decisions.price_explanations),
        ("clarification", decisions.clarifications),
        ("challenge", decisions.challenges),
    )
    for name, records in tables:
        for record in records:
            lines = [f"[[{name}]]"]
            for key in ORDER[name]:
                # A record naming a bid file is written with the file, as it was named.
                value = (getattr(record, "file", "") if key == "supplier" else "") or getattr(
                    record, key
                )
                # (A lot given blank is written blank: left out, it would be every lot.)
                if value is not None and (value != "" or key == "lot"):
                    lines.append(f"{key} = {_value(key, value)}")
            parts.append("\n".join(lines) + "\n")
    standstill = decisions.standstill
    dates = [
        # Text that is no date is written as text, refused when read as typed text would be.
        f"{key} = {value.isoformat() if isinstance(value, dt.date) else toml_string(str(value))}"
        for key in ORDER["standstill"]
        if (value := getattr(standstill, key)) not in (None, "")
    ]
    if dates:
        parts.append("\n".join(["[standstill]", *dates]) + "\n")
    return "\n".join(parts)


def _value(key: str, value: str | bool | tuple[str, ...]) -> str:
    """A field as TOML: a date as a date (no quotes) when it is one, true or false for a
    status (``sme``), a list of strings for a challenge's ``lots``, else a basic string."""
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_string(str(item)) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if key in DATES:
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass  # written as text, and refused as a date when read, as typed text would be
    return toml_string(value)
