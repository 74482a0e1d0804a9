"""Each lot's estimated value, from the notice to the plan and checked against it, where a
lot-cap rule takes lots in order of value (``cap_rule = "descending_value"``).

Red team: a lot value published as text ("1650000") was dropped by ``init --from-notice``
without a word, and a plan lacking a value the notice publishes was "No problems found":
either way the rule took that lot last and the award changed. And a value the notice gives
with VAT or in euros, converted to net pounds as ``init`` asked, then held the award back
("change tender.toml to match notice.json"), showing the euros with a £ sign.

The fixture notice's lots: 1 Ashford £1,650,000, 2 Canterbury £2,100,000, 3 Dover £1,240,000
(net; £1,980,000, £2,520,000 and £1,488,000 with VAT), a cap of two lots per supplier.
"""

from __future__ import annotations

from pathlib import Path

import tendereval

from .tenders import (
    CAP_PLACEHOLDER,
    MECHANISM,
    Bid,
    Supplier,
    edit_plan,
    notice_changed,
    write_bids,
)

SUPPLIERS = [Supplier("Xeno Care Ltd", "08733516"), Supplier("Yew Homecare Ltd", "07654321")]
# Xeno is cheaper and better in every lot, so it ranks first in each; Yew second.
BIDS = [
    Bid(supplier, lot, rate, marks)
    for lot in "123"
    for supplier, rate, marks in (
        ("Xeno Care Ltd", 500_000, (4, 4, 4)),
        ("Yew Homecare Ltd", 520_000, (3, 3, 3)),
    )
]
BY_VALUE = ('cap_mechanism = "', 'cap_rule = "descending_value"\ncap_mechanism = "')


def _tender(tmp_path: Path, change=lambda release: None, *edits) -> Path:
    folder = tmp_path / "t"
    made = tendereval.init_from_notice(folder, notice_changed(tmp_path, change))
    edit_plan(folder, BY_VALUE, (CAP_PLACEHOLDER, MECHANISM), *edits)  # (rtocds 3)
    write_bids(folder, BIDS, SUPPLIERS)
    return made.plan.parent


def _lot(release: dict, index: int) -> dict:
    return release["tender"]["lots"][index]


def _winners(result) -> dict[str, str]:
    return {lot: result.award.winner(lot) for lot in "123"}


def test_a_value_written_as_plain_figures_in_text_is_read_with_a_warning(tmp_path) -> None:
    """By value, lot 2 (£2.1m), then lot 1 (£1.65m), then lot 3 (£1.24m): Xeno takes lots 2
    and 1 and reaches the cap of two, so lot 3 goes to Yew. With lot 1's value dropped, lot 1
    was taken last and went to Yew, lot 3 to Xeno."""

    def as_text(release):
        _lot(release, 0)["value"]["amount"] = "1650000"

    folder = _tender(tmp_path, as_text)
    plan, _ = tendereval.load_plan(folder / "tender.toml")
    assert [lot.estimated_value for lot in plan.lots] == [1_650_000, 2_100_000, 1_240_000]
    result = tendereval.score(folder, sensitivity=False)
    (read,) = [p for p in result.problems if p.code == "notice.shape"]
    assert (read.cell, read.is_error) == ("releases[0].tender.lots[0].value.amount", False)
    assert read.message == ("a lot's value is written as text, not as a number; read as 1,650,000")
    assert read.found == '"1650000"'
    assert _winners(result) == {"1": "Xeno Care Ltd", "2": "Xeno Care Ltd", "3": "Yew Homecare Ltd"}


def test_a_value_in_digits_of_another_script_is_not_read(tmp_path) -> None:
    """'১৬৫০০০০' (Bengali digits) was read as 1,650,000, as float() reads it: only the digits
    0-9 are read as plain figures, so the value is listed as found, as '1,650,000' is."""

    def in_bengali(release):
        _lot(release, 0)["value"]["amount"] = "১৬৫০০০০"

    folder = _tender(tmp_path, in_bengali)
    draft = (folder / "tender.toml").read_text(encoding="utf-8")
    assert "the estimated value of lot 1 ('১৬৫০০০০'): the notice gives no number for it" in draft
    plan, _ = tendereval.load_plan(folder / "tender.toml")
    assert plan.lots[0].estimated_value is None


def test_a_value_in_other_text_is_not_read_and_the_plan_must_have_it(tmp_path) -> None:
    """'1,650,000' may be a million and more or 1,650 with a decimal comma: not read. init
    lists it; under the value-ordered cap the plan without it is an error, and with the figure
    written in by hand the check says it could not compare them."""

    def with_commas(release):
        _lot(release, 0)["value"]["amount"] = "1,650,000"

    folder = _tender(tmp_path, with_commas)
    draft = (folder / "tender.toml").read_text(encoding="utf-8")
    assert (
        "the estimated value of lot 1 ('1,650,000'): the notice gives no number for it, so "
        "none is written"
    ) in draft
    plan, _ = tendereval.load_plan(folder / "tender.toml")
    assert plan.lots[0].estimated_value is None
    checked = tendereval.validate(folder)
    (missing,) = [p for p in checked.problems if p.code == "notice.lot_value"]
    assert missing.is_error and missing.cell == "lots[0].estimated_value"
    assert missing.message == (
        "lot 1's estimated value is in the published notice but not in the plan (the lot-cap "
        "rule takes lots in order of value)"
    )
    assert missing.expected == (
        "'1,650,000' (not a number), as notice.json publishes it: the lot's value net of VAT "
        "in pounds"
    )
    edit_plan(folder, ('name = "Ashford"\n', 'name = "Ashford"\nestimated_value = 1650000\n'))
    result = tendereval.score(folder, sensitivity=False)
    (unchecked,) = [p for p in result.problems if p.code == "notice.lot_value"]
    assert not unchecked.is_error
    assert unchecked.message == (
        "lot 1's estimated value cannot be checked against the published notice: the notice "
        "gives it as no number, and the plan's values are net of VAT in pounds"
    )
    assert _winners(result) == {"1": "Xeno Care Ltd", "2": "Xeno Care Ltd", "3": "Yew Homecare Ltd"}


def test_a_value_the_notice_publishes_and_the_plan_lacks_holds_the_award_back(tmp_path) -> None:
    """The plan from the notice with lot 1's value deleted: the rule would take lot 1 last
    (Xeno lots 2 and 3, Yew lot 1). validate said "No problems found"."""
    folder = _tender(tmp_path, lambda release: None, ("estimated_value = 1650000\n", ""))
    result = tendereval.score(folder, sensitivity=False)
    (missing,) = [p for p in result.problems if p.code == "notice.lot_value"]
    assert missing.is_error and missing.cell == "lots[0].estimated_value"
    assert (missing.found, missing.expected) == (
        "no estimated_value in the plan",
        "£1,650,000, as notice.json publishes it",
    )
    # Said once at the key: the plan's own warning (a lot without a value is taken last) is
    # what the notice's error says, with the value published.
    assert not [p for p in result.problems if p.code == "plan.lot_value"]
    assert not result.award.summaries_ready
    assert any(
        "lot 1's estimated value is in the published notice but not in the plan" in blocker
        for blocker in result.award.blockers
    ), result.award.blockers
    published = tendereval.publish(result, tmp_path / "award.json")
    assert not published.written


def test_a_value_the_plan_orders_by_and_the_notice_does_not_publish_is_a_warning(
    tmp_path,
) -> None:
    """A warning, not an error: the tender documents may publish the value the notice does
    not, and taking it out of the plan would only move the lot to the end of the order."""

    def no_value(release):
        del _lot(release, 0)["value"]

    folder = _tender(
        tmp_path, no_value, ('name = "Ashford"\n', 'name = "Ashford"\nestimated_value = 1650000\n')
    )
    checked = tendereval.validate(folder)
    (unpublished,) = [p for p in checked.problems if p.code == "notice.lot_value"]
    assert not unpublished.is_error and unpublished.found == "£1,650,000 in the plan"
    assert unpublished.message == (
        "lot 1's estimated value orders it under the lot cap, but the published notice gives "
        "no value for the lot"
    )
    # Without a cap ordering lots by value, a value only the plan has is no difference.
    edit_plan(folder, ('cap_rule = "descending_value"\n', ""))
    checked = tendereval.validate(folder)
    assert not [p for p in checked.problems if p.code == "notice.lot_value"]


def test_values_with_vat_or_in_euros_converted_as_init_asked_are_a_warning(tmp_path) -> None:
    """Lot 3 published only with VAT (£1,488,000), lot 2 in euros (€2,400,000); the plan
    has each net in pounds, as init asked (£1,240,000; £2,064,000 at 0.86). Each is said once,
    as a warning, with the notice's figure in its own currency; the award is published."""

    def gross_and_euros(release):
        del _lot(release, 2)["value"]["amount"]
        _lot(release, 1)["value"] = {"amount": 2_400_000, "currency": "EUR"}

    folder = _tender(
        tmp_path,
        gross_and_euros,
        ("estimated_value = 1488000", "estimated_value = 1240000"),
        ("estimated_value = 2400000", "estimated_value = 2064000"),
    )
    result = tendereval.score(folder, sensitivity=False)
    euros, gross = [p for p in result.problems if p.code == "notice.lot_value"]
    assert not euros.is_error and not gross.is_error
    assert (euros.cell, euros.found, euros.expected) == (
        "lots[1].estimated_value",
        "£2,064,000 in the plan",
        "€2,400,000, as notice.json publishes it: check the plan's figure against it by hand",
    )
    assert euros.message == (
        "lot 2's estimated value cannot be checked against the published notice: the notice "
        "gives it in EUR, and the plan's values are net of VAT in pounds"
    )
    assert (gross.cell, gross.found) == ("lots[2].estimated_value", "£1,240,000 in the plan")
    assert gross.expected.startswith("£1,488,000 with VAT, as notice.json publishes it")
    assert "gives it with VAT" in gross.message
    published = tendereval.publish(result, tmp_path / "award.json")
    assert published.written, published.blockers
    assert (
        sum("cannot be checked against the published notice" in w for w in published.warnings) == 2
    )
    # By the plan's net values, lot 2 (£2,064,000), lot 1 (£1,650,000), lot 3 (£1,240,000).
    assert _winners(result) == {"1": "Xeno Care Ltd", "2": "Xeno Care Ltd", "3": "Yew Homecare Ltd"}


def test_a_euro_value_missing_from_the_plan_is_named_in_euros(tmp_path) -> None:
    def euros(release):
        _lot(release, 1)["value"] = {"amount": 2_400_000, "currency": "EUR"}

    folder = _tender(tmp_path, euros, ("estimated_value = 2400000\n", ""))
    (missing,) = [p for p in tendereval.validate(folder).problems if p.code == "notice.lot_value"]
    assert missing.is_error and missing.expected == (
        "€2,400,000, as notice.json publishes it: the lot's value net of VAT in pounds"
    )


def test_a_lot_without_a_value_under_a_value_ordered_cap_is_named_without_a_notice(
    tmp_path,
) -> None:
    """docs/award.md takes a lot without an estimated value last: validate says so, naming
    the lot, even with no notice to check against."""
    folder = _tender(tmp_path, lambda release: None, ("estimated_value = 1650000\n", ""))
    (folder / "notice.json").unlink()
    checked = tendereval.validate(folder)
    (lint,) = [p for p in checked.problems if p.code == "plan.lot_value"]
    assert (lint.cell, lint.is_error) == ("lots[0].estimated_value", False)
    assert lint.message == (
        "the lot-cap rule takes lots in order of estimated value, and lot 1 (Ashford) has "
        "none, so the rule takes it last"
    )
    edit_plan(folder, ('cap_rule = "descending_value"\n', ""))
    assert not [p for p in tendereval.validate(folder).problems if p.code == "plan.lot_value"]


def test_a_value_no_lot_can_have_is_not_written_and_init_says_so(tmp_path) -> None:
    """A notice giving lot 1 as 0, lot 2 as £2 trillion and lot 3 as -5: init wrote each into
    the plan without a word (estimated_value = 0), and the plan then refused the three keys
    as out of range. Now the notice's reading warns at each value's place, naming the lot,
    init writes each key to fill in (as for a cap it cannot read) and lists them, and the plan
    loads. A whole number of 400 digits stopped the reading with a traceback."""

    def out_of_range(release):
        _lot(release, 0)["value"]["amount"] = 0
        _lot(release, 1)["value"]["amount"] = 2_000_000_000_000
        _lot(release, 2)["value"]["amount"] = -5

    made = tendereval.init_from_notice(tmp_path / "t", notice_changed(tmp_path, out_of_range))
    said = [(p.cell, p.message, p.found, p.is_error) for p in made.problems]
    assert said == [
        (
            "releases[0].tender.lots[0].value.amount",
            "lot 1's value is 0, which no lot's value can be, so it is not read: the plan has "
            "no estimated value for the lot from it",
            "0",
            False,
        ),
        (
            "releases[0].tender.lots[1].value.amount",
            "lot 2's value is over 1,000,000,000,000, more than any public contract is worth, "
            "so it is not read: the plan has no estimated value for the lot from it",
            "2000000000000",
            False,
        ),
        (
            "releases[0].tender.lots[2].value.amount",
            "lot 3's value is below 0, which no lot's value can be, so it is not read: the plan "
            "has no estimated value for the lot from it",
            "-5",
            False,
        ),
    ]
    assert made.choices[0] == (
        "the estimated value of lot 1 (0), 2 (2000000000000), 3 (-5): the notice gives a "
        "value no lot can have (a plan takes more than 0 and at most 1,000,000,000,000), so "
        "none is written; write the lot's value, net of VAT in pounds, as estimated_value"
    )
    draft = made.plan.read_text(encoding="utf-8")
    assert "estimated_value = " not in draft.replace("# estimated_value = ?", "")
    assert draft.count("# estimated_value = ?   # the notice's value could not be read") == 3
    plan, problems = tendereval.load_plan(made.plan)
    assert plan is not None and not [p for p in problems if p.is_error]
    assert [lot.estimated_value for lot in plan.lots] == [None, None, None]
    # Written in by hand, the plan's value cannot be checked against the notice's: said.
    edit_plan(
        tmp_path / "t", ('name = "Ashford"\n', 'name = "Ashford"\nestimated_value = 1650000\n')
    )
    (unchecked,) = [
        p
        for p in tendereval.validate(tmp_path / "t").problems
        if p.code == "notice.lot_value" and p.cell == "lots[0].estimated_value"
    ]
    assert not unchecked.is_error and "the notice gives it as 0, which no lot's value can" in (
        unchecked.message
    )


def test_a_lot_value_of_hundreds_of_digits_is_read_as_out_of_range(tmp_path) -> None:
    notice = notice_changed(tmp_path, lambda release: None)
    text = notice.read_text(encoding="utf-8")
    assert text.count('"amount": 1650000') == 1
    notice.write_text(text.replace('"amount": 1650000', '"amount": 1' + "0" * 400), "utf-8")
    made = tendereval.init_from_notice(tmp_path / "t", notice)
    (said,) = made.problems
    assert said.message.startswith("lot 1's value is over 1,000,000,000,000")
    assert tendereval.load_plan(made.plan)[0].lots[0].estimated_value is None


def test_a_value_no_lot_can_have_is_never_asked_for_and_is_not_called_gross(tmp_path) -> None:
    """After init from a notice giving lot 1 as 0 and lot 2 as £2 trillion, validate said
    "expected 0 (no lot's value), as notice.json publishes it: the lot's value net of VAT in
    pounds", asking for the very figure the plan refuses; once the lot's own value was written
    (£1,650,000) it warned that the plan's values are net of VAT, as if the notice's were a
    gross value rather than none. Now it asks for the lot's own value, and once written says
    only that the notice's figure could not be used."""

    def out_of_range(release):
        _lot(release, 0)["value"]["amount"] = 0
        _lot(release, 1)["value"]["amount"] = 2_000_000_000_000

    folder = tmp_path / "t"
    tendereval.init_from_notice(folder, notice_changed(tmp_path, out_of_range))

    def said(cell: str):
        (found,) = [
            p
            for p in tendereval.validate(folder).problems
            if p.code == "notice.lot_value" and p.cell == cell
        ]
        return found.message, found.found, found.expected

    assert said("lots[0].estimated_value") == (
        "lot 1's estimated value is not in the plan, and the published notice's cannot be "
        "used: the notice gives it as 0, which no lot's value can be",
        "no estimated_value in the plan",
        "the lot's own estimated value, net of VAT in pounds, written as estimated_value in "
        "the lot (as the tender documents give it: the notice's figure cannot be one)",
    )
    assert said("lots[1].estimated_value")[0].endswith(
        "the notice gives it as 2000000000000, more than any public contract is worth"
    )
    edit_plan(folder, ('name = "Ashford"\n', 'name = "Ashford"\nestimated_value = 1650000\n'))
    assert said("lots[0].estimated_value") == (
        "lot 1's estimated value cannot be checked against the published notice: the notice "
        "gives it as 0, which no lot's value can be",
        "£1,650,000 in the plan",
        "the lot's value as the tender documents give it: check the plan's figure against "
        "them by hand",
    )
