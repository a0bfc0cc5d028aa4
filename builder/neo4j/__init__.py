"""Neo4j as a first-class store for partygraph graphs.

The modules, each usable on its own:

- :mod:`builder.neo4j.server`  -- build, start, stop and wait for the Maven-built Neo4j 5.26
  launcher in ``services/neo4j/`` (no Docker or Neo4j download needed).
- :mod:`builder.neo4j.mapping` -- the documented RDF <-> property-graph mapping (``docs/neo4j.md``).
- :mod:`builder.neo4j.loader`  -- :func:`~builder.neo4j.loader.load_store`: incremental, idempotent
  loading of a :class:`~builder.store.GraphStore` into Neo4j.
- :mod:`builder.neo4j.export`  -- :func:`~builder.neo4j.export.read_back`: the graph back to RDF.
- :mod:`builder.neo4j.queries` -- :func:`~builder.neo4j.queries.run_cypher`: the Cypher twins of
  the named SPARQL queries (``queries/*.cypher``).

This package is named ``neo4j`` inside ``builder``; absolute imports (``import neo4j``) still
reach the official driver.
"""

from __future__ import annotations

from builder.neo4j.connect import connect, connection_from_env

__all__ = ["connect", "connection_from_env"]
