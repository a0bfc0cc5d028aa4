"""The embedded store: one named graph per article, and their union — the *merged
graph*, each fact once — in Oxigraph (pyoxigraph) on disk.

Why two layers. The per-article graphs keep provenance and make re-builds incremental:
re-building an article replaces its graph, so a re-run on the same input leaves the
store unchanged and a changed article never leaves stale facts behind. But a fact stated
by N articles sits in N graphs, and SPARQL over their union sees it N times: every join
multiplies, and queries slow down with the corpus rather than with their answer. So the
queries run on the merged graph (Oxigraph's default graph), the union of every
contributing graph (all but the quarantine graphs), maintained incrementally: a triple an
article no longer states leaves it only when no other contributing graph states it (a
count, see :mod:`partygraph.article_graphs`, where the article graphs themselves live).

Layout of a store folder: ``oxigraph/`` (the merged graph) and ``graphs.sqlite`` (the
article graphs and counts). The SQLite file is the source of truth: the merged graph
can always be rebuilt from it, and is, when a writer was killed while writing it.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import pyoxigraph as ox

from partygraph.article_graphs import ArticleGraphs, LineChange
from partygraph.errors import (
    QueryParameterError,
    QuerySyntaxError,
    StoreBusyError,
    StoreError,
    StoreWriteError,
)
from partygraph.iris import is_private_graph
from partygraph.store_folder import is_disk_full, require_store
from partygraph.terms import (
    RDF_FORMATS,
    OxObject,
    OxTerm,
    OxTriple,
    Triple,
    from_ox,
    nt_line,
    parse_lines,
    to_ox,
)

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

# values for a query's variables (SEP-0007 substitution): pyoxigraph terms, or rdflib's
Bindings = Mapping[str, "Node | OxTerm"]
DEFAULT = ox.DefaultGraph()
_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")


class QuerySource(Protocol):
    """What the named queries and name matching read from: the embedded
    :class:`GraphStore`, or any SPARQL 1.1 service (:class:`partygraph.remote.RemoteStore`)."""

    def run(self, sparql: str, bindings: Mapping[str, OxTerm] | None = None,
            ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def query_text(self, sparql: str, bindings: Mapping[str, OxTerm] | None = None,
                   ) -> tuple[list[str], list[tuple[str, ...]]]: ...


@dataclass(frozen=True)
class GraphChange:
    """What replacing a graph did: the triples it no longer holds, the new ones."""

    removed: set[OxTriple]
    added: set[OxTriple]
    size: int

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


#: Merged-graph lines written (and re-checked, :mod:`partygraph.across`) a batch at a time.
#: A bulk load holds its batch in memory several times over: at 200,000 lines a transient
#: 110-150 MB that set the build's peak (30,000 articles: 832 MB; 725 MB in batches of 100,000).
WRITE_BATCH = 100_000


class GraphStore:
    """The article graphs and the merged graph (see the module doc).

    ``private`` tells which named graphs stay out of the merged graph (by default the
    quarantine graphs, as :func:`partygraph.iris.is_private_graph` defines them).

    Triples entering the merged graph are buffered and written ``batch`` lines at a time
    by Oxigraph's bulk loader, at a fraction of the cost of a transaction per article;
    every read applies the buffer first. The bulk loader is not transactional, so a flag
    in the SQLite file says the merged graph is being written; a store opened with the
    flag set (its writer was killed) has its merged graph rebuilt from the article
    graphs."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False,
                 private: Callable[[str], bool] = is_private_graph,
                 batch: int = WRITE_BATCH, compact_after: int = 200_000) -> None:
        self.path = path
        self._compact_after = compact_after
        self._private = private
        self._batch = batch
        self._pending: dict[str, None] = {}     # lines entering the merged graph
        self._leaving: set[str] = set()         # lines leaving it (in Oxigraph still)
        self._read_only = read_only
        self.graphs_written = 0                 # graph replacements committed
        self.compactions = 0                    # times the merged graph was compacted
        self._uncommitted: set[str] = set()     # graphs replaced since the last commit
        try:
            if path is None:
                self._store = ox.Store()
                self.graphs = ArticleGraphs(None)
            else:
                if (path / "CURRENT").exists() and not (path / "oxigraph").exists():
                    raise StoreError(
                        f"{path} was written by an earlier partygraph (one Oxigraph store); "
                        "delete it and run `partygraph build` again")
                if read_only:
                    require_store(path)
                    self._store = ox.Store.read_only(str(path / "oxigraph"))
                else:
                    path.mkdir(parents=True, exist_ok=True)
                    self._store = ox.Store(str(path / "oxigraph"))
                self.graphs = ArticleGraphs(path / "graphs.sqlite", read_only=read_only)
        except OSError as exc:  # locked by another process, unreadable, the disk full ...
            if is_disk_full(exc):
                raise StoreWriteError(f"cannot open the store at {path}: the disk is full; "
                                      "nothing was written: free some space and run "
                                      "the command again") from exc
            raise StoreBusyError(
                f"cannot open the store at {path}: {exc} "
                "(is another partygraph process using it?)") from exc
        if not read_only:
            with self._writing():
                self._recover()

    @property
    def oxigraph(self) -> ox.Store:
        """The Oxigraph store of the merged graph, every buffered write applied."""
        self._write_pending()
        return self._store

    # -- writing -------------------------------------------------------------------
    def replace_graph_lines(self, graph: URIRef | str, lines: Iterable[str]) -> LineChange:
        """Make ``graph`` hold exactly the triples of ``lines`` (N-Triples statements in
        pyoxigraph's canonical form, ``str(term)``) — the build's fast path."""
        with self._writing():
            change = self.graphs.replace(str(graph), lines,
                                         contributes=not self._private(str(graph)))
            self._merge(str(graph), change)
        return change

    def replace_graph(self, graph: URIRef | str, triples: Iterable[Triple | OxTriple]
                      ) -> GraphChange:
        """Make ``graph`` hold exactly ``triples``; return what changed."""
        change = self.replace_graph_lines(graph, (nt_line(t) for t in triples))
        return GraphChange(set(parse_lines(change.removed)), set(parse_lines(change.added)),
                           change.size)

    def update_graph(self, graph: URIRef | str, remove: Iterable[Triple | OxTriple],
                     add: Iterable[Triple | OxTriple]) -> None:
        """Remove and add single triples in ``graph`` (the merged graph follows)."""
        gone = {nt_line(t) for t in remove}
        lines = [line for line in self.graphs.lines(str(graph)) or [] if line not in gone]
        self.replace_graph_lines(graph, [*lines, *(nt_line(t) for t in add)])

    def remove_graph(self, graph: URIRef | str) -> LineChange:
        """Drop ``graph``; its facts leave the merged graph unless another states them.
        Returns what it held (empty when there was no such graph)."""
        with self._writing():
            change = self.graphs.remove(str(graph))
            self._merge(str(graph), change)
        return change

    def _merge(self, graph: str, change: LineChange) -> None:
        """Buffer what ``change`` does to the merged graph: nothing reaches Oxigraph
        before the article graphs that cause it are committed (:meth:`_write_pending`),
        so an article's graph, its quarantine graph and their share of the merged graph
        change in one SQLite transaction, and a kill at any point leaves the previous
        state or the new one."""
        if change:
            self._uncommitted.add(graph)
        for line in change.leaving:
            if line in self._pending:       # entered since the last write: never written
                del self._pending[line]
            else:
                self._leaving.add(line)
        for line in change.entering:
            if line in self._leaving:       # left since the last write: still in Oxigraph
                self._leaving.discard(line)
            else:
                self._pending[line] = None
        if len(self._pending) + len(self._leaving) >= self._batch:
            self._write_pending()

    def _write_pending(self) -> None:
        """Commit the article graphs written so far, then apply the merged graph's
        buffered changes (the flag, committed with the article graphs, covers the
        non-transactional part: a store opened with it set is rebuilt)."""
        with self._writing():
            if (self._pending or self._leaving) and self.graphs.flag("merged") is None:
                self.graphs.set_flag("merged", "being written")   # commits the graphs too
            self.graphs.commit()
            self.graphs_written += len(self._uncommitted)
            self._uncommitted = set()
            changed = len(self._leaving) + len(self._pending)
            if self._leaving:
                for s, p, o in parse_lines(sorted(self._leaving)):
                    self._store.remove(ox.Quad(s, p, o, DEFAULT))
                self._leaving = set()
            if self._pending:
                data = ("\n".join(self._pending) + "\n").encode("utf-8")
                self._pending = {}
                self._store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=DEFAULT)
            if changed:
                changed += int(self.graphs.flag("uncompacted") or 0)
                self.graphs.set_flag("uncompacted", str(changed))

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a failed write (a full disk, an I/O error) into a
        :class:`~partygraph.errors.StoreWriteError` that says what was kept: the open
        SQLite transaction is rolled back, so every graph is its old or its new self."""
        try:
            yield
        except (OSError, sqlite3.Error) as exc:
            lost = len(self._uncommitted)
            self._uncommitted = set()
            with contextlib.suppress(sqlite3.Error):
                self.graphs.rollback()
            full = " (the disk is full)" if is_disk_full(exc) else ""
            raise StoreWriteError(
                f"cannot write the store at {self.path or 'memory'}: {exc}{full}; "
                f"{self.graphs_written} graph(s) written and kept, {lost} not written "
                "(they keep their previous version): fix the cause and run the command "
                "again") from exc

    def _recover(self) -> None:
        """Rebuild the merged graph when it may be wrong: its writer was killed while
        writing it (the flag is set)."""
        if self.graphs.flag("merged") is None:
            return
        self._store.clear_graph(DEFAULT)
        for _, lines in self.graphs.contributing():
            self._pending.update(dict.fromkeys(lines))
            if len(self._pending) >= self._batch:
                self._write_pending()
        self.flush()

    def flush(self) -> None:
        """Apply every buffered write and make the store durable."""
        if self._read_only:
            return
        self._write_pending()
        with self._writing():
            self._store.flush()
            if self.graphs.flag("merged") is not None:
                self.graphs.set_flag("merged", None)
        self._compact_if_due()

    def set_flag(self, key: str, value: str | None) -> None:
        """Set a flag of the store durably (see ``ArticleGraphs.set_flag``); a failed
        write (a full disk) is a :class:`~partygraph.errors.StoreWriteError` like any
        other write of the store, never a raw SQLite error."""
        with self._writing():
            self.graphs.set_flag(key, value)

    def _compact_if_due(self) -> None:
        """Compact the merged graph once the lines bulk-loaded or removed since the last
        compaction reach ``compact_after`` or the size it had then (a new store is
        compacted at its first flush; so the rewrite, whose cost is the store's size, is
        paid once per ``compact_after`` changes or per doubling). Each bulk load adds
        sorted files that overlap the earlier ones, and a look-up searches every one of
        them: compacting made a place's chairs (4,949 rows) 1.7x faster on a 100k-article
        store (21 s to compact), the listings of a 1k-article build 15-25% (0.14 s). It
        is an optimisation only: a failure (the disk too full for the rewrite) leaves
        the store as it was, and the next flush tries again."""
        changed = int(self.graphs.flag("uncompacted") or 0)
        if not changed or changed < min(self._compact_after,
                                        int(self.graphs.flag("compacted size") or 0)):
            return
        try:
            self._store.optimize()
        except OSError:
            return
        self.set_flag("uncompacted", None)
        self.set_flag("compacted size", str(self.merged_size()))
        self.compactions += 1

    def close(self) -> None:
        """Flush and release the files (the object is unusable afterwards)."""
        self.flush()
        self.graphs.close()
        del self._store

    @contextlib.contextmanager
    def released_on_failure(self) -> Iterator[GraphStore]:
        """On an exception in the block, give the files up unflushed (the open SQLite
        transaction rolled back), so that the caller — a notebook, a test — can open the
        store again at once rather than after the traceback is collected. (Oxigraph has
        no close: its lock goes with the last reference.)"""
        try:
            yield self
        except BaseException:
            self._pending, self._leaving, self._uncommitted = {}, set(), set()
            with contextlib.suppress(sqlite3.Error):
                self.graphs.rollback()
                self.graphs.db.close()
            if hasattr(self, "_store"):
                del self._store
            raise

    # -- reading -------------------------------------------------------------------
    def is_private(self, graph: URIRef | str) -> bool:
        """Whether a named graph stays out of the merged graph and the exports (quarantine)."""
        return self._private(str(graph))

    def graph_names(self) -> list[URIRef]:
        """Named graphs, sorted, so every walk over the store has one order."""
        from rdflib import URIRef

        return [URIRef(n) for n in self.graphs.names()]

    def has_graph(self, graph: URIRef | str) -> bool:
        """Whether the store holds ``graph`` (one index lookup: its digest)."""
        return self.graphs.digest(str(graph)) is not None

    def graph_lines(self, graph: URIRef | str) -> list[str]:
        return self.graphs.lines(str(graph)) or []

    def triples(self, graph: URIRef | str) -> Iterator[Triple]:
        for s, p, o in parse_lines(self.graph_lines(graph)):
            yield from_ox(s), from_ox(p), from_ox(o)

    def merged_triples(self) -> Iterator[OxTriple]:
        """The merged graph, each fact once, in the store's index order."""
        self._write_pending()
        for q in self._store.quads_for_pattern(None, None, None, DEFAULT):
            yield q.subject, q.predicate, q.object

    def merged_size(self) -> int:
        """Distinct facts: the size of the merged graph (counted by Oxigraph)."""
        self._write_pending()
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QuerySolutions)
        return int(next(iter(result))["n"].value)

    def __len__(self) -> int:
        """Statements in the article graphs (what the articles state, with repeats)."""
        return self.graphs.statements()

    def query(self, sparql: str, bindings: Bindings | None = None,
              ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Run a SELECT over the merged graph; ``bindings`` are substituted as SPARQL
        values (SEP-0007), never spliced into the query text."""
        names, result = self._select(sparql, bindings)
        return names, [tuple(None if t is None else from_ox(t) for t in sol) for sol in result]

    def query_text(self, sparql: str, bindings: Bindings | None = None,
                   ) -> tuple[list[str], list[tuple[str, ...]]]:
        """:meth:`query` with each value as its text (an IRI, a literal's lexical form,
        "" when unbound), without making rdflib terms: what tables and CSV show."""
        names, result = self._select(sparql, bindings)
        return names, [tuple("" if t is None else t.value for t in sol) for sol in result]

    def run(self, sparql: str, bindings: Bindings | None = None,
            ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Any read query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the merged graph, its
        answer as pyoxigraph gives it; ``bindings`` are substituted, never spliced. An
        update cannot run here: Oxigraph's ``query`` parses queries only."""
        self._write_pending()
        subs: dict[ox.Variable, OxObject] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, substitutions=subs)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
        except RuntimeError as exc:
            shown = _NOT_PROJECTED.search(str(exc))
            if shown is None:
                raise
            raise QueryParameterError(
                f"--param {shown.group(1)}: ?{shown.group(1)} is not among the variables the "
                f"SELECT shows, and only those can be bound; add ?{shown.group(1)} to the "
                "SELECT (or use SELECT *)") from exc

    def _select(self, sparql: str, bindings: Bindings | None
                ) -> tuple[list[str], ox.QuerySolutions]:
        result = self.run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported here")
        return [v.value for v in result.variables], result

    # -- export --------------------------------------------------------------------
    def dump_dataset(self, out: IO[bytes], fmt: str = "trig", exclude_prefix: str = "",
                     *, include_private: bool = False) -> None:
        """Write every article graph, graphs in IRI order, each graph's statements in
        their sorted N-Triples form (valid TriG / N-Quads), so the same store content
        always gives the same bytes. The private graphs (quarantine) are left out unless
        ``include_private``, and so are graphs whose IRI starts with ``exclude_prefix``."""
        if fmt not in ("trig", "nq"):
            raise StoreError(f"a dataset is written as trig or nq, not {fmt}")
        names = [n for n in self.graphs.names()
                 if not (exclude_prefix and n.startswith(exclude_prefix))
                 and (include_private or not self._private(n))]
        for name, lines in self.graphs.all_graphs(names):
            if not lines:
                continue
            if fmt == "trig":
                text = f"<{name}> {{\n" + "".join(f"\t{line}\n" for line in lines) + "}\n"
            else:
                text = "".join(f"{line[:-2]} <{name}> .\n" for line in lines)
            out.write(text.encode("utf-8"))

    def dump_merged(self, out: IO[bytes], fmt: str = "ttl") -> None:
        """Write the merged graph. From an on-disk store Oxigraph writes it in its index
        order, which depends only on the content (encoded terms, sorted), so the same
        content gives the same bytes without the graph passing through Python; an
        in-memory store iterates in insertion order, so its (small) graph is sorted."""
        from partygraph.namespaces import PREFIXES  # rdflib: off the query path

        self._write_pending()
        prefixes = {k: str(v) for k, v in PREFIXES.items()} \
            if fmt in ("ttl", "trig", "xml") else None
        if self.path is not None:
            self._store.dump(out, RDF_FORMATS[fmt], from_graph=DEFAULT, prefixes=prefixes)
            return
        triples = sorted((ox.Triple(q.subject, q.predicate, q.object)
                          for q in self._store.quads_for_pattern(None, None, None, DEFAULT)),
                         key=str)
        ox.serialize(triples, out, format=RDF_FORMATS[fmt], prefixes=prefixes)
