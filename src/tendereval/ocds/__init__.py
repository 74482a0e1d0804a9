"""OCDS in and out: the Open Contracting Data Standard, as Find a Tender publishes it.

* :mod:`~tendereval.ocds.notice` reads a published tender notice (an OCDS release or package);
* :mod:`~tendereval.ocds.from_notice` builds an evaluation plan from it (``init --from-notice``);
* :mod:`~tendereval.ocds.check` compares a plan with it (``validate``, when the tender folder
  holds ``notice.json``);
* :mod:`~tendereval.ocds.release` builds the award release package from the award decision, and
  :mod:`~tendereval.ocds.publish` writes it (``publish``).

Only the standard library's ``json`` is used: no schema library and no network at run time
(the tests validate every package against the OCDS schemas, docs/ocds.md).
"""
