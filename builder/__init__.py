"""partygraph: knowledge graphs of Vietnam's political organization from news articles.

The pipeline runs one way, one module per stage::

    ingest -> extract -> resolve -> build -> validate -> store / export

Each per-article stage is a pure function of its input record, so stages can be run
in parallel and re-run without side effects; only ``store`` writes.
"""

from builder.errors import PartygraphError

__all__ = ["PartygraphError", "__version__"]
__version__ = "0.1.0"
