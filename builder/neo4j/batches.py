"""What the Neo4j loader writes, read from the store and cut into prepared batches.

Why a module of its own: the loader's main thread only waits on the server and sends what
this module prepares, and everything here runs in a reader thread (:func:`prefetch`). Before,
the thread handed over single graphs, 64 at most, while a batch holds about 300: the main
thread waited about a second a batch for the reader to catch up, and merged the batch's views
itself while the server sat idle (profiled at 1,000 articles: the main thread waited for the
reader 2.3 s of a 10.6 s load). Now the thread makes whole batches, views merged and
relationships drawn, two batches ahead of the writer.

A graph's statements are grouped by subject (:class:`Subject`: the ``STATED_IN`` texts and the
view the statements draw), its content hash is SHA-256 of its sorted N-Triples lines
(independent of storage order), a graph bigger than a batch is split by subjects
(:func:`_chunks`), and graphs Neo4j already has with the same hash are counted, not read
into a batch.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import URIRef

from partygraph.neo4j.create import (
    Link,
    Prepared,
    Triple,
    merged_views,
    prepared_nodes,
    wanted_relationships,
)
from partygraph.neo4j.views import NodeView
from partygraph.store import GraphStore
from partygraph.terms import parse_lines

T = TypeVar("T")

#: Unchanged graphs skipped between two progress reports when nothing is written.
_PROGRESS_EVERY = 500


@dataclass(slots=True)
class Subject:
    """What one graph states about one subject: the ``STATED_IN`` texts and their view."""

    texts: list[str] = field(default_factory=list)
    view: NodeView = field(default_factory=NodeView)


@dataclass(slots=True)
class GraphWork:
    """One graph (or one chunk of a big graph) to write in a batch."""

    iri: str
    digest: str
    triples: int
    by_subject: dict[str, Subject]
    replace: bool          # Neo4j has an older version: remove it first (first chunk only)
    final: bool            # last chunk: write the hash
    remove_only: bool = False


@dataclass(slots=True)
class ReadGraph:
    """One graph as read from the store: its hash, size and statements by subject."""

    iri: str
    digest: str
    triples: int
    by_subject: dict[str, Subject]
    final: bool = True     # a whole graph: create.graph_rows writes its hash (the bulk path)


def read_graph(store: GraphStore, graph: URIRef) -> ReadGraph:
    """A graph's statements grouped by subject, their views, and the graph's content hash
    (SHA-256 of its sorted N-Triples lines: independent of storage order).

    The store keeps each statement as a line in pyoxigraph's canonical N-Triples
    (:meth:`GraphStore.replace_graph_lines`): ``<s> <p> <o> .`` with no space inside an IRI
    or a blank node label. So the subject, the predicate, an IRI or blank-node object and
    the ``STATED_IN`` text are cut from the line, and pyoxigraph parses only the lines whose
    object is a literal (its escapes, language, datatype): parsing every line into terms was
    a third of this thread's time at 10,000 articles."""
    by_subject: dict[str, Subject] = {}
    lines = store.graph_lines(graph)
    literals: list[tuple[NodeView, str, str]] = []       # view, predicate IRI, line
    for line in lines:
        s, p, rest = line.split(" ", 2)
        key = s[1:-1] if s[0] == "<" else s
        subject = by_subject.get(key)
        if subject is None:
            subject = by_subject[key] = Subject()
        subject.texts.append(line[len(s) + 1:-2])
        if rest[0] == '"':
            literals.append((subject.view, p[1:-1], line))
        else:
            subject.view.add_node_text(p[1:-1], rest[:-2])
    parsed = parse_lines(line for _v, _p, line in literals)
    for (view, predicate, _line), (_s, _p, o) in zip(literals, parsed, strict=True):
        view.add_ox(predicate, o)
    for subject in by_subject.values():
        subject.texts.sort()
    lines.sort()
    h = hashlib.sha256()
    for line in lines:
        h.update(line[:-2].encode("utf-8"))         # the hash has always left out " ."
        h.update(b"\n")
    return ReadGraph(str(graph), h.hexdigest(), len(lines), by_subject)


def selected_graphs(store: GraphStore, exclude_prefix: str = "",
                    include_private: bool = False) -> list[URIRef]:
    """The store's graphs a load writes (see :func:`load_store`'s arguments)."""
    return [n for n in store.graph_names()
            if (include_private or not store.is_private(n))
            and not (exclude_prefix and str(n).startswith(exclude_prefix))]


def read_graphs(store: GraphStore, names: list[URIRef]) -> Iterator[ReadGraph]:
    """:func:`read_graph` of each name, read ahead in a thread (:func:`prefetch`)."""
    return prefetch(read_graph(store, name) for name in names)


def prefetch(items: Iterator[T], depth: int = 64) -> Iterator[T]:
    """Make ``items`` in a thread, up to ``depth`` ahead, while the caller waits on Neo4j
    (the driver releases the GIL in its socket waits, so the next batch is made while the
    server works). An exception in the thread is raised in the caller; a caller that stops
    early stops the thread."""
    q: queue.Queue[T | _Raised | None] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: T | _Raised | None) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:            # handed to the consumer
            put(_Raised(exc))
            return
        put(None)

    thread = threading.Thread(target=run, name="partygraph-neo4j-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is None:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        stop.set()


@dataclass(frozen=True, slots=True)
class _Raised:
    """An exception of the reader thread, on its way to the caller."""

    exc: BaseException


def _chunks(iri: str, digest: str, n: int, by_subject: dict[str, Subject], replace: bool,
            limit: int, final: bool = True) -> Iterator[GraphWork]:
    """Split a graph bigger than a batch by subjects (a subject is never split): the first
    chunk replaces the old version (``replace``), the last is ``final`` (writes the hash)."""
    part: dict[str, Subject] = {}
    size = 0
    first = True
    items = sorted(by_subject.items())
    for i, (key, sts) in enumerate(items):
        part[key] = sts
        size += len(sts.texts)
        if size >= limit and i < len(items) - 1:
            yield GraphWork(iri, digest, n, part, replace and first, final=False)
            first, part, size = False, {}, 0
    yield GraphWork(iri, digest, n, part, replace and first, final=final)


@dataclass(slots=True)
class Batch:
    """One transaction's work, prepared off the writer's thread.

    ``graphs`` is how many graphs the batch completes (written, unchanged or removed: what
    progress counts); ``added`` ... ``triples`` are its share of the load's summary, so the
    writer's thread is the only one that touches the summary. ``views`` and ``links`` are
    :func:`~partygraph.neo4j.create.merged_views` of the works, ``wanted`` the
    relationships they draw, ``prepared`` the rows of the nodes no earlier batch of the load
    named (:func:`~partygraph.neo4j.create.prepared_nodes`): the nodes a first load creates.
    (Made for every subject, at 10,000 articles, two thirds of those rows were for nodes
    that existed; made by the writer for the nodes Neo4j turned out not to have, they kept
    the server idle 2.5-3.2 s of a 30 s load. A node that is new although an earlier batch
    named it -- a hash collision, or a node an earlier batch deleted as an orphan -- gets
    its row from the writer.)"""

    works: list[GraphWork] = field(default_factory=list)
    size: int = 0
    graphs: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    triples: int = 0
    views: dict[str, NodeView] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    wanted: set[Triple] = field(default_factory=set)
    prepared: Prepared = field(default_factory=dict)

    def prepare(self, named: set[int] | None = None) -> Batch:
        """Merge the views and draw the relationships; with ``named`` (the hashes of the
        keys earlier batches of the load named, updated here), make the rows of the nodes
        it does not hold. Return self."""
        self.views, self.links = merged_views(self.works)
        self.wanted = wanted_relationships(self.views)
        if named is not None:
            keys = set(self.views).union(*((a, b) for a, _, b in self.wanted))
            self.prepared = prepared_nodes((k for k in keys if hash(k) not in named),
                                           self.views)
            named.update(map(hash, keys))
        return self


def _work_size(work: GraphWork) -> int:
    return max(1, sum(len(v.texts) for v in work.by_subject.values()))


def split_batch(batch: Batch) -> list[Batch]:
    """``batch``'s works in two prepared batches of about half the statements each (a
    single graph is cut by :func:`_chunks`); ``[batch]`` when it cannot be split (one
    subject). The halves carry no summary counts: the caller counts the batch once."""
    works = batch.works
    if len(works) == 1:
        work = works[0]
        works = list(_chunks(work.iri, work.digest, work.triples, work.by_subject,
                             work.replace, max(1, _work_size(work) // 2), final=work.final))
        if len(works) < 2:
            return [batch]
    sizes = [_work_size(w) for w in works]
    total, cut, acc = sum(sizes), 1, sizes[0]
    while cut < len(works) - 1 and acc + sizes[cut] <= total / 2:
        acc += sizes[cut]
        cut += 1
    return [Batch(works=part, size=sum(_work_size(w) for w in part)).prepare()
            for part in (works[:cut], works[cut:])]


def _plan(store: GraphStore, names: list[URIRef], known: dict[str, str | None],
          gone: list[str], limit: int) -> Iterator[Batch]:
    """The load's batches, in order: the store's graphs Neo4j lacks or holds in another
    version (at most ``limit`` statements a batch, a graph split only if bigger), then the
    removals of ``gone``. ``named`` holds the hashes of the keys batches so far named (a
    collision only costs a row made by the writer: 8 bytes a key instead of the IRI)."""
    batch = Batch()
    named: set[int] = set()
    for name in names:
        read = read_graph(store, name)
        if known.get(read.iri) == read.digest:
            batch.unchanged += 1
            batch.graphs += 1
            if not batch.works and batch.graphs >= _PROGRESS_EVERY:
                yield batch
                batch = Batch()
            continue
        replace = read.iri in known
        batch.replaced += replace
        batch.added += not replace
        batch.triples += read.triples
        for work in _chunks(read.iri, read.digest, read.triples, read.by_subject, replace,
                            limit):
            size = _work_size(work)
            if batch.works and batch.size + size > limit:
                yield batch.prepare(named)
                batch = Batch()
            batch.works.append(work)
            batch.size += size
        batch.graphs += 1
    for iri in gone:
        batch.works.append(GraphWork(iri, "", 0, {}, replace=True, final=True,
                                     remove_only=True))
        batch.removed += 1
        batch.graphs += 1
        batch.size += 1_000
        if batch.size >= limit:
            yield batch.prepare(named)
            batch = Batch()
    if batch.works or batch.graphs:
        yield batch.prepare(named)


def plan_batches(store: GraphStore, names: list[URIRef], known: dict[str, str | None],
                 gone: list[str], limit: int) -> Iterator[Batch]:
    """:func:`_plan`, made in a reader thread two batches ahead of the caller."""
    return prefetch(_plan(store, names, known, gone, limit), depth=2)
