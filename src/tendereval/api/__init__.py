"""The library behind each command: one function per command, the same name, a result object.

``tendereval validate DIR`` is ``tendereval.validate(DIR)``, ``tendereval summaries DIR`` is
``tendereval.summaries(DIR)``, and so on: the command line only turns options into arguments
and prints what comes back. Every function raises the few typed errors of
:mod:`tendereval.errors` (``TenderNotFound``, ``PlanError``, ``NoBids``, ``InputError``,
``UsageError``) and ``OutputNotWritten`` when a file cannot be written.
"""
