"""What a Neo4j load reports: the server's change counters and the load's summary.

Why a module of its own: the Bolt loader (:mod:`partygraph.neo4j.loader`) and the import-tool
path (:mod:`partygraph.neo4j.bulk`) give the same summary, and the table the CLI prints is
made here, away from the write path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import neo4j
from rich.table import Table


@dataclass(slots=True)
class Counters:
    """What Neo4j reports having changed (summed over statements)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0
    labels_removed: int = 0

    def add(self, summary: neo4j.ResultSummary) -> None:
        c = summary.counters
        self.nodes_created += c.nodes_created
        self.nodes_deleted += c.nodes_deleted
        self.relationships_created += c.relationships_created
        self.relationships_deleted += c.relationships_deleted
        self.properties_set += c.properties_set
        self.labels_added += c.labels_added
        self.labels_removed += c.labels_removed

    def merge(self, other: Counters) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class LoadSummary:
    """What a load did, and what the database holds after it.

    ``nodes`` / ``relationships`` / ``properties`` count the view (``Resource`` nodes, their
    relationships and properties); ``statement_links`` counts the ``STATED_IN`` bookkeeping
    relationships. ``triples`` is the number of statements written (added and replaced
    graphs), the rate's numerator.
    """

    graphs_in_store: int = 0
    graphs_added: int = 0
    graphs_replaced: int = 0
    graphs_removed: int = 0
    graphs_unchanged: int = 0
    triples: int = 0
    changes: Counters = field(default_factory=Counters)
    nodes: int = 0
    relationships: int = 0
    properties: int = 0
    statement_links: int = 0
    seconds: float = 0.0
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)   # bulk load: seconds per step
    #: batches the server's transaction memory could not hold, written in halves instead
    batches_split: int = 0

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0

    @property
    def elements_written(self) -> int:
        """Nodes and relationships created (view and bookkeeping)."""
        return self.changes.nodes_created + self.changes.relationships_created

    @property
    def elements_per_second(self) -> float:
        return self.elements_written / self.seconds if self.seconds else 0.0

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a summary table."""
        c = self.changes
        return [
            ("graphs", f"{self.graphs_in_store} in store: {self.graphs_added} added, "
                       f"{self.graphs_replaced} replaced, {self.graphs_removed} removed, "
                       f"{self.graphs_unchanged} unchanged"),
            ("triples written", f"{self.triples:,}"),
            ("nodes", f"{self.nodes:,} (+{c.nodes_created:,} / -{c.nodes_deleted:,})"),
            ("relationships", f"{self.relationships:,} (+{c.relationships_created:,} / "
                              f"-{c.relationships_deleted:,}), "
                              f"{self.statement_links:,} STATED_IN"),
            ("properties", f"{self.properties:,} ({c.properties_set:,} set)"),
            ("time", f"{self.seconds:.1f} s"),
            ("rate", f"{self.triples_per_second:,.0f} triples/s, "
                     f"{self.elements_per_second:,.0f} nodes+relationships/s"),
            ("conflicts", f"{len(self.conflicts)} functional properties with several values"),
            *([("batches split", f"{self.batches_split} (the server's transaction memory was "
                                 "short: a smaller --batch-triples saves the retries)")]
              if self.batches_split else []),
            *([("steps", ", ".join(f"{k} {v:.1f} s" for k, v in self.phases.items()))]
              if self.phases else []),
        ]

    def __str__(self) -> str:
        return "\n".join(f"{k:>15}: {v}" for k, v in self.rows())

    def __rich__(self) -> Table:
        """``rich`` renders the summary as a table (``Console().print(summary)``)."""
        table = Table(title="Neo4j load", show_header=False)
        for key, value in self.rows():
            table.add_row(key, value)
        return table
