"""``allocate``'s settings given as text (red team, the library as a notebook uses it). A yes/no
setting given as text was read as yes, whatever it said: ``award_all_lots="no"`` forced every
lot to be awarded (here, under a budget no allocation can meet: infeasible) and
``count_second_tier="no"`` counted the subcontractors' shares (a dearer allocation, £18,809,100
against £18,856,100, with another SME share). A number given as text was refused as out of
range "(found 0.3)", which reads as the right number, or failed comparing it with the offers
(``budget="1000"``: TypeError). Each is now a UsageError saying what it was given, as
``score(sensitivity="no")`` is."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import tendereval
from tendereval.allocation import Policy
from tendereval.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
OFFERS = ROOT / "examples" / "offers" / "homecare-offers.csv"
HOMECARE = ROOT / "examples" / "homecare-districts"


@pytest.mark.parametrize("name", ["award_all_lots", "count_second_tier"])
@pytest.mark.parametrize("value", ["no", "False", 0, None])
def test_a_yes_or_no_setting_is_true_or_false(name: str, value: object) -> None:
    if value is None:  # (None is "not set", as for every setting: the default, False)
        assert getattr(tendereval.allocate(OFFERS, **{name: value}).policy, name) is False
        return
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.allocate(OFFERS, **{name: value})
    assert str(refused.value) == (
        f"{name}: This must be True or False (found {value!r}); expected True or False (text "
        "such as 'no' would read as yes)"
    )


def test_a_yes_or_no_setting_given_as_text_is_refused_before_a_tender_is_scored(
    monkeypatch,
) -> None:
    import tendereval.api.sources as sources

    monkeypatch.setattr(sources, "scored", lambda *a, **k: pytest.fail("scored first"))
    with pytest.raises(tendereval.UsageError, match="count_second_tier: This must be True or"):
        tendereval.allocate(HOMECARE, count_second_tier="no")


def test_false_given_as_false_is_still_false() -> None:
    # 30% to SMEs, subcontractors not counted: the homecare offers' answer (docs/python.md
    # gives the same policy with a cap of four lots).
    done = tendereval.allocate(OFFERS, min_sme_share=0.3, count_second_tier=False)
    assert done.allocation.status == "optimal"
    assert done.policy.count_second_tier is False


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (
            {"min_sme_share": "0.3"},
            "min_sme_share: This must be a number, not text (found the text '0.3'); expected a "
            "number such as 0.3, not in quotes",
        ),
        (
            {"max_lots_per_supplier": "2"},
            "max_lots_per_supplier: This must be a whole number, not text (found the text '2'); "
            "expected a whole number such as 2, not in quotes",
        ),
        (
            # (It failed comparing the text with the offers' prices: a TypeError.)
            {"budget": "18m"},
            "budget: This must be a number, not text (found the text '18m'); expected a number "
            "such as 2500000, not in quotes",
        ),
        (
            {"lot_budgets": {"MAI": "5000000"}},
            "lot_budgets[MAI]: This must be a number, not text (found the text '5000000'); "
            "expected a number such as 5000000, not in quotes",
        ),
        (
            {"supplier_max_value": {"Pantiles Care Ltd": "1e6"}},
            "supplier_max_value[Pantiles Care Ltd]: This must be a number, not text (found the "
            "text '1e6'); expected a number such as 1e6, not in quotes",
        ),
    ],
)
def test_a_number_given_as_text_is_said_to_be_text(settings: dict, said: str) -> None:
    with pytest.raises(tendereval.UsageError) as refused:
        tendereval.allocate(OFFERS, **settings)
    assert str(refused.value) == said


def test_the_policy_names_each_setting_given_as_text() -> None:
    problems = Policy(award_all_lots="yes", min_vcse_share="0.1", min_suppliers="4").validate()
    assert [(p.cell, p.code) for p in problems] == [
        ("award_all_lots", "policy.not_yes_or_no"),
        ("min_vcse_share", "policy.text_not_number"),
        ("min_suppliers", "policy.text_not_number"),
    ]


def test_a_frame_of_no_offers_is_named_as_a_frame(tmp_path) -> None:
    """An offers frame filtered down to nothing: the message printed the frame's table, twice,
    with its line breaks written out as \\n."""
    none = pl.read_csv(OFFERS).head(0)
    with pytest.raises(InputError) as raised:
        tendereval.allocate(none)
    (problem,) = raised.value.problems
    assert (problem.code, problem.file) == ("offers.none", "")
    assert (
        str(raised.value) == "the inputs cannot be used: error: the frame of offers holds no offers"
    )
    empty = tmp_path / "offers.csv"
    empty.write_text(OFFERS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        tendereval.allocate(empty)
    assert [p.code for p in raised.value.problems] == ["offers.none"]
    assert raised.value.problems[0].message == f"{empty} holds no offers"
