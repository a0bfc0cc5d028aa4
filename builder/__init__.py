"""partygraph: knowledge graphs of Vietnam's political organization from news articles.

The pipeline runs one way, one module per stage::

    ingest -> extract -> resolve -> build -> validate -> store / export

Each per-article stage is a pure function of its input record, so stages can be run
in parallel and re-run without side effects; only ``store`` writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partygraph.errors import PartygraphError

if TYPE_CHECKING:
    from partygraph.api import (
        build,
        dataset,
        extract_text,
        merged_graph,
        named_queries,
        open_store,
        query,
        sparql,
        to_networkx,
    )

__all__ = ["PartygraphError", "__version__", "build", "dataset", "extract_text",
           "merged_graph", "named_queries", "open_store", "query", "sparql", "to_networkx"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The API of :mod:`.api`, imported on first use: ``partygraph --version`` and
    ``import partygraph.errors`` need not load the pipeline."""
    if name in __all__:
        from partygraph import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
