"""tendereval: evaluate UK public-sector tenders and model how services are split into lots.

The command line (``tendereval``) is a thin layer over this library: each command is one
function of the same name here (docs/python.md). In a notebook::

    import tendereval
    result = tendereval.score("examples/carers-short-breaks")
    result.award.winner("CSB")     # the proposed supplier, as every output names it
    result.problems                # everything wrong with the inputs, with file › sheet › cell

Heavy modules (polars, PuLP, openpyxl, XlsxWriter) are imported only when a function needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it; imported on first use so `import tendereval` is cheap
_LAZY = {
    # one function per command, each returning a result object
    "validate": "tendereval.validation",
    "score": "tendereval.scoring.combine",
    "summaries": "tendereval.api.summaries",
    "allocate": "tendereval.api.allocate",
    "scenarios": "tendereval.api.scenarios",
    "template": "tendereval.api.template",
    "init": "tendereval.api.init",
    "init_from_notice": "tendereval.ocds.from_notice",
    "publish": "tendereval.ocds.publish",
    # the award decision every output reads
    "decide": "tendereval.award.decision",
    "AwardDecision": "tendereval.award.decision",
    "LotAward": "tendereval.award.decision",
    # loading and the objects passed between steps
    "load_plan": "tendereval.plan",
    "Plan": "tendereval.plan",
    "load_tender": "tendereval.io.tender",
    "Tender": "tendereval.tender",
    "ScoreResult": "tendereval.scoring.result",
    "Publication": "tendereval.ocds.publish",
    "NoticePlan": "tendereval.ocds.from_notice",
    "Policy": "tendereval.allocation.policy",
    "Problem": "tendereval.errors",
    # the errors a caller may catch
    "TenderevalError": "tendereval.errors",
    "TenderNotFound": "tendereval.errors",
    "InputError": "tendereval.errors",
    "PlanError": "tendereval.errors",
    "NoBids": "tendereval.errors",
    "FolderChanged": "tendereval.errors",
    "UsageError": "tendereval.errors",
    "OutputNotWritten": "tendereval.output_errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tendereval' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    # The public names are imported on first use, so they are not yet in the module: listed
    # here too, or dir(tendereval) and a notebook's tab completion showed none of them.
    return sorted({*globals(), *_LAZY})
