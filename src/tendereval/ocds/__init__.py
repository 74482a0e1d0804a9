"""OCDS in and out: the Open Contracting Data Standard, as Find a Tender publishes it.

* :mod:`~tendereval.ocds.notice` reads a published tender notice (an OCDS release or package),
  its releases merged into the compiled release by :mod:`~tendereval.ocds.compiled`;
* :mod:`~tendereval.ocds.from_notice` builds an evaluation plan from it (``init --from-notice``);
* :mod:`~tendereval.ocds.check` compares a plan with it (``validate``, when the tender folder
  holds ``notice.json``);
* :mod:`~tendereval.ocds.release` builds the award release package from the award decision, and
  :mod:`~tendereval.ocds.publish` writes it (``publish``).

Only the standard library's ``json`` is used: no schema library and no network at run time
(the tests validate every package against the OCDS schemas, docs/ocds.md).
"""

# What each difference from the published notice (a problem code of
# :mod:`~tendereval.ocds.check`) is in: the procurement, the lots, the contract period, the
# lot cap or the award criteria and weights. What stops the award says so
# (award/decision.py), and what the notice binds the buyer to. Here, not in the check: every
# award reads it, and most tenders have no notice to check.
DIFFERS_IN = {
    "notice.ocid": "procurement",
    "notice.tender_id": "procurement",
    "notice.contract_period": "term",
    "notice.lot_not_published": "lots",
    "notice.lot_id": "lots",
    "notice.regime": "regime",
    "notice.lot_missing": "lots",
    "notice.lot_ended": "ended",  # cancelled or withdrawn: ocds.check.ended_as says which
    "notice.lot_value": "lots",
    "notice.lot_cap": "cap",
    "notice.criterion_missing": "criteria",
    "notice.criterion_not_published": "criteria",
    "notice.criteria_overlap": "criteria",
    "notice.weight": "criteria",
    "notice.type": "criteria",
    "notice.minimum": "criteria",
    "notice.quality_minimum": "criteria",
    "notice.order": "criteria",
}
