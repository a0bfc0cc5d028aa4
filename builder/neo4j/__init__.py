"""Neo4j as a first-class store for partygraph graphs.

The modules, each usable on its own:

- :mod:`.server`  -- build, start, stop and wait for the Maven-built Neo4j 5.26 launcher in
  ``services/neo4j/`` (no Docker or Neo4j download needed).
- :mod:`.mapping` -- the documented RDF <-> property-graph mapping (``docs/neo4j.md``).
- :mod:`.loader`  -- :func:`~.loader.load_store`: incremental, idempotent loading of a
  :class:`~partygraph.store.GraphStore` into Neo4j.
- :mod:`.export`  -- :func:`~.export.read_back`: the graph back to RDF.
- :mod:`.queries` -- :func:`~.queries.run_cypher`: the Cypher twins of the named SPARQL
  queries (``queries/*.cypher``).

This package is named ``neo4j`` inside ``partygraph``; absolute imports (``import neo4j``)
still reach the official driver.
"""

from __future__ import annotations

from partygraph.neo4j.connect import connect, connection_from_env

__all__ = ["connect", "connection_from_env"]
