"""tendereval: evaluate UK public-sector tenders and model how services are split into lots.

The command line (``tendereval``) is a thin layer over this library. In a notebook::

    import tendereval
    tender = tendereval.load_tender("examples/carers-short-breaks")
    tender.problems            # everything wrong with the inputs, with file › sheet › cell

Heavy modules (polars, PuLP, openpyxl, XlsxWriter) are imported only when a function needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it; imported on first use so `import tendereval` is cheap
_LAZY = {
    "load_plan": "tendereval.plan",
    "Plan": "tendereval.plan",
    "Problem": "tendereval.errors",
    "load_tender": "tendereval.io.tender",
    "Tender": "tendereval.tender",
    "score": "tendereval.scoring.combine",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tendereval' has no attribute {name!r}")
    return getattr(import_module(module), name)
