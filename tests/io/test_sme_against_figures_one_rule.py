"""An SME status given against the supplier's own figures: one rule, from a file or a frame.

A bid's supply chain (a consortium member's SME? answer) and a scenarios file's supplier
(``sme = true``) are warned of by plan.sme_against_figures; a ``suppliers`` frame's ``sme``
was warned of by a third copy of the rule, written column-wise in io/frame_rules.py
(``suppliers_sme`` compared with the frame's ``sme``). Now the frame route uses the same rule,
and its warning names the figures as the others do. The property below holds the frame route
to both the file route's rule and the column-wise copy it replaced: the same suppliers are
warned of, for any figures.
"""

from __future__ import annotations

from types import SimpleNamespace

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.bid_rules import NOT_ENTERPRISES, suppliers_sme
from tendereval.io.frame_rules import _sme_as_given
from tendereval.plan import SmeDefinition, sme_against_figures

DEFINITION = SmeDefinition()
# Figures about the definition's limits (250 staff, £44m turnover, £38m balance sheet), so
# both sides of each limit are drawn, and none given.
STAFF = st.one_of(st.none(), st.sampled_from([0, 1, 249, 250, 251, 5000]))
MONEY = st.one_of(st.none(), st.sampled_from([0.0, 9.48, 1e6, 38e6, 38_000_001.0, 44e6, 3e8]))
ROWS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.booleans()),
        st.sampled_from([None, "private company", "CIC", *NOT_ENTERPRISES]),
        STAFF,
        MONEY,
        MONEY,
    ),
    min_size=1,
    max_size=8,
)


def _frame(rows) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "supplier": [f"Supplier {n}" for n in range(len(rows))],
            "source": [None] * len(rows),
            "sme": [r[0] for r in rows],
            "org_type": [r[1] for r in rows],
            "staff": [r[2] for r in rows],
            "turnover": [r[3] for r in rows],
            "balance_sheet": [r[4] for r in rows],
        },
        schema={
            "supplier": pl.String,
            "source": pl.String,
            "sme": pl.Boolean,
            "org_type": pl.String,
            "staff": pl.Float64,
            "turnover": pl.Float64,
            "balance_sheet": pl.Float64,
        },
    )


def _warned(frame: pl.DataFrame) -> set[str]:
    tender = SimpleNamespace(suppliers=frame, plan=SimpleNamespace(sme=DEFINITION))
    return {p.message.partition(":")[0] for p in _sme_as_given(tender)}  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_a_frame_is_warned_of_by_the_files_rule_and_as_the_column_rule_did(rows):
    frame = _frame(rows)
    by_the_files_rule = {
        f"Supplier {n}"
        for n, (answer, org_type, staff, turnover, balance) in enumerate(rows)
        if org_type not in NOT_ENTERPRISES
        and sme_against_figures(answer, DEFINITION, staff, turnover, balance) is not None
    }
    # The column-wise rule it replaced: the definition's status, decided, against the given.
    by_the_old_columns = {
        f"Supplier {n}"
        for n, (answer, decided) in enumerate(
            zip(frame["sme"], suppliers_sme(DEFINITION, frame), strict=True)
        )
        if answer is not None and decided is not None and answer != decided
    }
    assert _warned(frame) == by_the_files_rule == by_the_old_columns


def test_the_warning_names_the_figures_as_the_files_rule_does():
    # 3,000 staff is over the 250 limit: not an SME whatever its money.
    frame = _frame([(True, "private company", 3000, 150e6, None)])
    tender = SimpleNamespace(suppliers=frame, plan=SimpleNamespace(sme=DEFINITION))
    [problem] = _sme_as_given(tender)  # type: ignore[arg-type]
    assert problem.message == (
        "Supplier 0: the frame's sme is True, but its 3,000 staff and a turnover of "
        f"£150,000,000 make it not an SME under the plan's SME definition ({DEFINITION.name}); "
        "the frame's sme is used"
    )
    assert (problem.found, problem.expected) == ("True", "False, or the figures corrected")
