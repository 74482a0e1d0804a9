"""Notices made from the older (TED) forms: procurements under the Public Contracts Regulations
2015, as Find a Tender and Public Contracts Scotland publish them. They give the legal basis as
the EU directive's CELEX number and each criterion's weighting as its whole description, with
no ``numbers``; the price criterion often has no name. Shapes taken from published notices:

    {"type": "quality", "name": "Quality Questions", "description": "40"}
    {"type": "price", "description": "60"}
    {"type": "quality", "name": "Technical", "description": "15-40%"}
    {"type": "quality", "name": "Method Statement Questions", "description": "400"}
"""

from __future__ import annotations

import json
import tomllib

from click.testing import CliRunner

from tendereval.cli import cli
from tendereval.errors import Problems
from tendereval.ocds.check import check_against_notice
from tendereval.ocds.from_notice import plan_text
from tendereval.ocds.notice import notice_from_data
from tendereval.plan import parse_plan

CELEX = {"id": "32014L0024", "scheme": "CELEX"}


def _notice(*criteria: dict, legal_basis: dict | None = CELEX) -> dict:
    tender = {
        "id": "DGT/1069/19",
        "title": "Residual waste",
        "lots": [{"id": "1", "title": "Wigtown", "awardCriteria": {"criteria": list(criteria)}}],
    }
    if legal_basis is not None:
        tender["legalBasis"] = legal_basis
    return {"ocid": "ocds-r6ebe6-0000581400", "tag": ["tender"], "tender": tender}


def _read(data: dict):
    problems = Problems()
    notice = notice_from_data(data, "notice.json", problems)
    assert list(problems) == []
    return notice


def _plan(data: dict):
    draft = plan_text(_read(data))
    loaded = Problems()
    plan = parse_plan(tomllib.loads(draft.text), "tender.toml", loaded)
    return plan, draft, [str(p) for p in loaded.errors]


def test_the_weighting_in_a_description_is_the_weight_and_the_regime_is_pcr_2015() -> None:
    plan, draft, errors = _plan(
        _notice(
            {"type": "quality", "name": "Quality Questions", "description": "40"},
            {"type": "price", "description": "60"},
        )
    )
    assert errors == []
    assert plan.regime == "PCR2015"
    assert [(c.title, c.effective_weight) for c in plan.leaves] == [
        ("Price", 60),  # named by its type: the notice gives the price no name
        ("Quality Questions", 40),
    ]
    # The weighting is not a description of the criterion: no guidance = "40".
    assert "guidance" not in draft.text
    listed = [c for c in draft.choices if c.startswith("the weight of")]
    assert listed == [
        "the weight of 'Quality Questions': read from its description ('40'), where notices "
        "made from the older forms give the weighting; check it against the notice",
        "the weight of 'Price': read from its description ('60'), where notices made from the "
        "older forms give the weighting; check it against the notice",
    ]
    assert not any("procurement regime" in c for c in draft.choices)
    # The plan's header cites the law the procurement is under, not the Act.
    assert "the Public Contracts Regulations 2015 reg 67 binds you" in draft.text
    assert "Procurement Act" not in draft.text.split("[tender]")[0]


def test_a_published_range_is_read_as_its_middle() -> None:
    notice = _read(
        _notice(
            {"type": "quality", "name": "Technical", "description": "15-40%"},
            {"type": "price", "name": "Price", "description": "60 – 85 %"},
        )
    )
    (lot,) = notice.lots
    assert [(c.name, c.weight) for c in lot.criteria] == [("Technical", 27.5), ("Price", 72.5)]
    assert lot.criteria[0].note.endswith(": the middle of the published range")


def test_weightings_over_100_are_points_scaled_to_100() -> None:
    notice = _read(
        _notice(
            {"type": "quality", "name": "Method Statement Questions", "description": "400"},
            {"type": "price", "description": "600"},
        )
    )
    (lot,) = notice.lots
    assert [(c.name, c.weight) for c in lot.criteria] == [
        ("Method Statement Questions", 40),
        ("Price", 60),
    ]
    assert lot.criteria[1].note.startswith("published as 600 of 1000 points; read from its")


def test_percentages_that_do_not_add_up_are_not_scaled_but_refused() -> None:
    """95 and 95 could each be a percentage: which one is wrong is for the buyer to say, so the
    plan keeps both and will not validate until the weights add up."""
    plan, _, errors = _plan(
        _notice(
            {"type": "quality", "name": "Passenger benefit", "description": "95"},
            {"type": "price", "description": "95"},
        )
    )
    assert plan is None and any("do not add up to 100" in e for e in errors), errors


def test_a_description_that_is_not_a_weighting_gives_no_weight() -> None:
    notice = _read(
        _notice(
            {"type": "quality", "name": "Delivery", "description": "Scored 0-5 by the panel"},
            {"type": "price", "name": "Price", "description": "Lowest price / your price"},
        )
    )
    assert [(c.weight, c.note) for c in notice.lots[0].criteria] == [
        (None, "the notice gives no weight for it"),
        (None, "the notice gives no weight for it"),
    ]


def test_an_unknown_legal_basis_is_named() -> None:
    # (The concessions directive: the utilities directive, 32014L0025, is read as PCR2015,
    # the nearest regime modelled: tests/ocds/test_notice_legal_basis.py.)
    data = _notice(
        {"type": "quality", "name": "Quality", "description": "40"},
        {"type": "price", "description": "60"},
        legal_basis={"id": "32014L0023", "scheme": "CELEX"},
    )
    problems = Problems()
    draft = plan_text(notice_from_data(data, "notice.json", problems))
    assert [(p.code, p.found) for p in problems] == [("notice.legal_basis", "CELEX 32014L0023")]
    assert (
        "the procurement regime: the notice's legal basis (CELEX 32014L0023) is not one "
        "tendereval knows, and the file shows no date the procurement began, so it is taken as "
        "PA2023 (Procurement Act 2023) and that is written; check it against your tender "
        "documents"
    ) in draft.choices


def test_a_plan_under_another_regime_than_the_notice_is_an_error() -> None:
    data = _notice(
        {"type": "quality", "name": "Quality", "description": "40"},
        {"type": "price", "description": "60"},
    )
    plan, draft, _ = _plan(data)
    assert check_against_notice(plan, _read(data)) == []
    other = tomllib.loads(draft.text.replace('regime = "PCR2015"', 'regime = "PA2023"'))
    loaded = Problems()
    (problem,) = check_against_notice(parse_plan(other, "tender.toml", loaded), _read(data))
    assert problem.code == "notice.regime" and problem.severity.value == "error"
    assert str(problem) == (
        "tender.toml › tender.regime: error: the procurement regime differs from the published "
        "notice (found PA2023 (Procurement Act 2023) in the plan); expected PCR2015 (Public "
        "Contracts Regulations 2015), as notice.json publishes it (legal basis CELEX 32014L0024)"
    )


def test_init_and_validate_on_an_older_form_notice(tmp_path) -> None:
    notice = tmp_path / "notice-download.json"
    notice.write_text(
        json.dumps(
            _notice(
                {"type": "quality", "name": "Quality", "description": "40%"},
                {"type": "price", "description": "60%"},
            )
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "waste"
    runner = CliRunner()
    made = runner.invoke(cli, ["init", str(folder), "--from-notice", str(notice)])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(cli, ["validate", str(folder)])
    assert checked.exit_code == 0, checked.output
    assert "notice." not in checked.output


def test_a_quality_criterion_named_price_and_two_of_one_name_are_each_matched_once() -> None:
    """Published notices (Public Contracts Scotland) name a quality criterion "Price" beside an
    unnamed price criterion, and give two criteria one name: matched by name alone, both took
    the plan's first criterion of that name, so the plan init wrote, the notice itself, could
    never validate (3 errors, the award held for good)."""
    for criteria in (
        [
            {"type": "quality", "name": "Price", "description": "50"},
            {"type": "price", "description": "50"},
        ],
        [
            {"type": "quality", "name": "Technical", "description": "30"},
            {"type": "quality", "name": "Technical", "description": "30"},
            {"type": "price", "name": "Price", "description": "40"},
        ],
    ):
        data = _notice(*criteria)
        plan, _, errors = _plan(data)
        assert errors == []
        assert check_against_notice(plan, _read(data)) == []


def test_a_held_back_award_cites_the_law_of_the_plans_regime(tmp_path) -> None:
    """A PCR 2015 procurement whose plan differs from its notice was told its award was held
    because 'Bids are evaluated on the award criteria and weights the notice published
    (Procurement Act 2023 s.23)'; a regime differing from the notice's was only 'The plan
    (tender.toml) has 1 error'."""
    import tendereval

    from .tenders import NOTICE, Bid, Supplier, tender_from_notice

    bids = [Bid("Alder Care Ltd", "1", 400_000), Bid("Birch Homecare CIC", "1", 450_000)]
    suppliers = [Supplier("Alder Care Ltd"), Supplier("Birch Homecare CIC")]
    folder = tender_from_notice(tmp_path / "t", bids, suppliers)
    data = json.loads(NOTICE.read_text(encoding="utf-8"))
    data["releases"][0]["tender"]["legalBasis"] = CELEX
    (folder / "notice.json").write_text(json.dumps(data), encoding="utf-8")
    plan = folder / "tender.toml"
    text = plan.read_text(encoding="utf-8")
    (regime,) = [
        b for b in tendereval.score(folder, sensitivity=False).award.blockers if "notice" in b
    ]
    assert "tender.regime" in regime and "PCR2015 (Public Contracts Regulations 2015)" in regime
    assert "The award follows the law the notice was published under." in regime
    plan.write_text(
        text.replace('regime = "PA2023"', 'regime = "PCR2015"')
        .replace("weight_of_total = 40", "weight_of_total = 45", 1)
        .replace("weight_of_total = 10", "weight_of_total = 5", 1),
        encoding="utf-8",
    )
    blockers = tendereval.score(folder, sensitivity=False).award.blockers
    # (Under PCR 2015 the summaries also wait for the standstill's end: "award decision notices".)
    (weights,) = [b for b in blockers if "notice.json" in b]
    assert "the award criteria and weights the notice published (PCR 2015 reg 67)" in weights
    assert "Procurement Act" not in weights


def test_a_notice_naming_no_legal_basis_published_before_the_act_is_pcr_2015() -> None:
    """A Contracts Finder notice of 23 January 2025 names no legal basis: it was written as a
    Procurement Act 2023 plan, though the Act applies only to procurements begun on or after
    24 February 2025."""
    before = _notice(
        {"type": "quality", "name": "Quality", "description": "60"},
        {"type": "price", "description": "40"},
        legal_basis=None,
    )
    before["tender"]["datePublished"] = "2025-01-23T09:00:00Z"
    plan, draft, _ = _plan(before)
    assert plan.regime == "PCR2015"
    assert any(
        c.startswith("the procurement regime: the notice names no legal basis")
        for c in draft.choices
    )
    after = dict(before, tender=dict(before["tender"], datePublished="2025-03-03T09:00:00Z"))
    plan, draft, _ = _plan(after)
    assert plan.regime == "PA2023"
    # Before, "the notice's legal basis is not one tendereval knows": it names none.
    assert (
        "the procurement regime: the notice names no legal basis, and the procurement began on "
        "3 March 2025 (when its tender notice was first published), once the Procurement Act "
        "2023 had taken effect (24 February 2025), so it is taken as PA2023 (Procurement Act "
        "2023) and that is written; check it against your tender documents"
    ) in draft.choices
    assert not any("is not one tendereval knows" in c for c in draft.choices)


def test_a_lot_value_with_vat_or_in_another_currency_is_listed_to_settle() -> None:
    """Written into the plan as net pounds without a word, and published so in the award."""
    data = _notice(
        {"type": "quality", "name": "Quality", "description": "60"},
        {"type": "price", "description": "40"},
    )
    lot = data["tender"]["lots"][0]
    lot["value"] = {"amountGross": 1_488_000, "currency": "GBP"}
    data["tender"]["lots"].append(
        {
            "id": "2",
            "title": "Stranraer",
            "value": {"amount": 2_100_000, "currency": "EUR"},
            "awardCriteria": lot["awardCriteria"],
        }
    )
    _, draft, _ = _plan(data)
    assert (
        "the estimated value of lot 1: the notice gives only the value with VAT (amountGross), "
        "which is written; the plan's values are net of VAT"
    ) in draft.choices
    assert (
        "the estimated value of lot 2 (EUR): the notice gives it in another currency, and the "
        "figure is written as pounds; convert it to net pounds"
    ) in draft.choices


def test_what_init_lists_stays_readable() -> None:
    """Two criteria of one name were listed as two identical lines; 3,000 lots each with their
    own criteria made one line of 17,000 characters."""
    data = _notice(
        {"type": "quality", "name": "Price", "description": "50"},
        {"type": "price", "description": "50"},
    )
    _, draft, _ = _plan(data)
    listed = [c for c in draft.choices if c.startswith("the weight of 'Price'")]
    assert [c.split(":")[0] for c in listed] == [
        "the weight of 'Price' (quality)",
        "the weight of 'Price' (price)",
    ]
    lots = data["tender"]["lots"]
    first = lots[0]
    for i in range(2, 3001):
        other = [
            dict(c, description="60" if c["type"] == "price" else "40")
            for c in first["awardCriteria"]["criteria"]
        ]
        lots.append({"id": str(i), "title": f"Area {i}", "awardCriteria": {"criteria": other}})
    _, draft, _ = _plan(data)
    (line,) = [c for c in draft.choices if "publishes other award criteria" in c]
    assert line.startswith("lot 2, 3, 4,") and "21 and 2,979 more publishes" in line
    assert len(line) < 400
