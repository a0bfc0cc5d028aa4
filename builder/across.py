"""The cross-article steps of a build, on what the stored articles changed.

Two things only the whole corpus decides: the first and last dates each post was seen
(:mod:`builder.timeline`), and whether the merged graph conforms to the shapes where
each article graph does (two articles giving one document two dates of issue). Both
look only at what the build changed — the nodes of the changed triples (but those only
one article can describe, :func:`builder.iris.is_article_scoped`), and the nodes
pointing at a node that lost a type — and run a batch at a time, so memory stays
flat however many articles a build stores; a later batch re-checks a node again and its
verdict replaces the earlier one.
"""

from __future__ import annotations

import pyoxigraph as ox

from builder.article_graphs import LineChange
from builder.iris import Minter, is_article_scoped
from builder.namespaces import PROV, RDF, SDO
from builder.store import DEFAULT, GraphStore, OxTerm, parse_lines
from builder.timeline import Timeline
from builder.validate import Violation, check_nodes

_TIMELINE_PREDICATES = tuple(f" <{p}> " for p in (PROV.wasDerivedFrom, SDO.datePublished,
                                                   SDO.startDate))
_TYPE = f" <{RDF.type}> "


def _subject(line: str) -> OxTerm:
    token = line[:line.index(" ")]
    return ox.NamedNode(token[1:-1]) if token.startswith("<") else ox.BlankNode(token[2:])


class AcrossArticles:
    """Collects the changes of stored articles; :meth:`finish` gives the violations of
    the merged graph."""

    def __init__(self, store: GraphStore, minter: Minter, batch: int = 200_000) -> None:
        self.store, self.batch = store, batch
        self.timeline = Timeline(store, minter)
        self.changed: list[str] = []
        self.leaving_types: list[str] = []
        self.found: dict[str, list[Violation]] = {}

    def add(self, change: LineChange) -> None:
        self.changed += change.removed
        self.changed += change.added
        self.leaving_types += [line for line in change.leaving if _TYPE in line]
        if len(self.changed) >= self.batch:
            self.flush()

    def flush(self) -> None:
        changed, self.changed = self.changed, []
        leaving, self.leaving_types = self.leaving_types, []
        if not changed and not leaving:
            return
        self.timeline.update(parse_lines(
            line for line in changed if any(p in line for p in _TIMELINE_PREDICATES)))
        focus = {_subject(line) for line in changed
                 if not is_article_scoped(line[1:line.index(" ") - 1])}
        focus |= self._referrers(leaving)
        for node in focus:
            self.found.pop(node.value, None)
        for v in check_nodes(self.store.oxigraph, focus):
            self.found.setdefault(v.focus, []).append(v)

    def _referrers(self, leaving: list[str]) -> set[OxTerm]:
        """Nodes whose value lost a type in the merged graph (their sh:class checks)."""
        db = self.store.oxigraph
        lost = {s for s, p, o in parse_lines(leaving)}
        return {q.subject for node in lost for q in db.quads_for_pattern(None, None, node,
                                                                          DEFAULT)}

    def finish(self) -> list[Violation]:
        self.flush()
        return [v for found in self.found.values() for v in found]
