"""The whole pipeline over a corpus: ingest -> extract -> resolve -> build -> validate -> store.

Two streaming passes keep memory flat whatever the corpus size:

1. read and extract each article (the expensive, per-article, pure part), spool its
   facts to a temporary file, and note each person's name and province in the
   :class:`~builder.resolve.IdentityIndex` (also seeded from the store, so incremental
   runs resolve against what is already there);
2. read the spool back, build each article's named graph, validate it, and replace that
   graph in the store (quarantined nodes go to the article's quarantine graph).

The store keeps the merged graph (each fact once) beside the article graphs. Then the
cross-article steps look only at what changed: the first and last dates of the posts the
changed articles state (:mod:`builder.timeline`), and the shapes re-checked on the
merged graph for the nodes those articles touch, since a fact can conform in each article
and not in their union (two dates of issue for one document). The outputs are written
from the store in a fixed order, so the same input in any order gives the same bytes.
"""

from __future__ import annotations

import pickle
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from builder import build as build_stage
from builder import gazetteer, ingest
from builder.errors import InputError
from builder.extract import extract
from builder.iris import Minter
from builder.models import ArticleFacts
from builder.namespaces import DEFAULT_BASE, ORG, PG, PREFIXES, PROV, RDF, SH
from builder.resolve import IdentityIndex
from builder.store import DEFAULT, GraphStore, OxTriple
from builder.timeline import Timeline
from builder.validate import Violation, check_nodes, split_valid

_TYPE = str(RDF.type)
_PERSON = str(PG.Person)
_ORGANIZATION = str(ORG.Organization)


@dataclass
class BuildSummary:
    articles: int = 0
    failed: list[InputError] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    persons: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    events: int = 0
    documents: int = 0
    triples: int = 0
    violations: list[Violation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


Progress = Callable[[str, int | None], None]   # (description, advance or None for total)


def _noop(_: str, __: int | None) -> None:
    return None


def build_corpus(inputs: Iterable[Path], out_dir: Path, *, base: str = DEFAULT_BASE,
                 progress: Progress = _noop, jobs: int = 1) -> BuildSummary:
    """Build (or update) the graph of ``inputs`` in ``out_dir``; see the module doc.

    ``jobs`` > 1 runs extraction, and building with validation, in that many worker
    processes; results come back in input order, so the outputs are the same bytes.
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary()
    gz = gazetteer.load()
    minter = Minter(base)
    store = GraphStore(out_dir / "store")
    identities = IdentityIndex()
    _seed_identities(store, identities, minter)
    across = _AcrossArticles(store, minter, summary)
    with tempfile.TemporaryFile(prefix="partygraph-facts-") as spool:
        # pass 1: extract
        count = 0
        documents = (item for item in ingest.read(list(inputs))
                     if not (isinstance(item, InputError) and _skip(item, summary, progress)))
        for facts in parallel_map(extract, documents, jobs):
            identities.observe(facts, gz)
            pickle.dump(facts, spool, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
            progress(f"read {facts.document.source_id}", 1)
        spool.seek(0)
        # pass 2: build and validate (in workers), store (here, one writer)
        spooled = (pickle.load(spool) for _ in range(count))
        for built in parallel_map(_build_article, spooled, jobs,
                                  initializer=_init_worker, initargs=(base, identities)):
            across.add(_store_built(built, store, minter, summary))
            progress(f"built {built.facts.document.source_id}", 1)
    across.finish()
    store.flush()
    _write_outputs(store, out_dir, summary, minter)
    summary.triples = store.merged_size()
    summary.seconds = time.perf_counter() - started
    return summary


def _seed_identities(store: GraphStore, identities: IdentityIndex, minter: Minter) -> None:
    prefix = str(minter.person(""))
    _, rows = store.query(
        "SELECT ?p WHERE { ?p a <https://w3id.org/partygraph/ontology#Person> }")
    for (p,) in rows:
        if p is not None and str(p).startswith(prefix):
            identities.observe_key(str(p)[len(prefix):])


def _skip(error: InputError, summary: BuildSummary, progress: Progress) -> bool:
    summary.failed.append(error)
    progress(f"skipped {error.source}", 1)
    return True


@dataclass
class _Built:
    """One article built and validated (what a worker sends back)."""

    facts: ArticleFacts
    valid: list[OxTriple]
    quarantine: list[OxTriple]
    violations: list[Violation]


_WORKER: dict[str, object] = {}


def _init_worker(base: str, identities: IdentityIndex) -> None:
    _WORKER["minter"] = Minter(base)
    _WORKER["identities"] = identities


def _build_article(facts: ArticleFacts) -> _Built:
    """Pure: the article's graph, split by the shapes into valid and quarantined."""
    minter = _WORKER["minter"]
    identities = _WORKER["identities"]
    assert isinstance(minter, Minter) and isinstance(identities, IdentityIndex)
    triples = build_stage.article_triples(facts, minter, gazetteer.load(), identities)
    valid, quarantine, violations = split_valid(triples, facts.document.source_id)
    return _Built(facts, valid, quarantine, violations)


def parallel_map(fn, items, jobs: int, *, initializer=None, initargs=(), window: int = 32):
    """``map(fn, items)`` in input order; with ``jobs`` > 1 in worker processes, at most
    ``window`` items per worker in flight, so a huge corpus is never all in memory."""
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=initializer,
                             initargs=initargs) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _store_built(built: _Built, store: GraphStore, minter: Minter,
                 summary: BuildSummary) -> list[OxTriple]:
    """Store one article; return the triples its graph lost and gained."""
    facts = built.facts
    doc = facts.document
    valid, quarantine, violations = built.valid, built.quarantine, built.violations
    change = store.replace_graph(minter.graph(doc.source_id), valid)
    if quarantine:
        store.replace_graph(minter.quarantine(doc.source_id), quarantine)
    else:
        store.remove_graph(minter.quarantine(doc.source_id))
    summary.articles += 1
    summary.languages[doc.lang] += 1
    for s, p, o in valid:
        if p.value == _TYPE:
            if o.value == _PERSON:
                summary.persons.add(s.value)
            elif o.value == _ORGANIZATION:
                summary.organizations.add(s.value)
    summary.events += len(facts.events)
    summary.documents += len(facts.documents)
    summary.violations.extend(violations)
    summary.notes.extend(f"{doc.source_id}: {n}" for n in doc.notes)
    return [*change.removed, *change.added]


class _AcrossArticles:
    """The cross-article steps, run on what the stored articles changed, a batch at a
    time so that memory stays flat however many articles a build stores: the
    timeline of the touched memberships, and the shapes re-checked on the merged graph
    for the touched nodes (a later batch re-checks a node again and its verdict wins)."""

    def __init__(self, store: GraphStore, minter: Minter, summary: BuildSummary,
                 batch: int = 200_000) -> None:
        self.store, self.summary, self.batch = store, summary, batch
        self.timeline = Timeline(store, minter)
        self.changed: list[OxTriple] = []
        self.found: dict[str, list[Violation]] = {}

    def add(self, changed: list[OxTriple]) -> None:
        self.changed += changed
        if len(self.changed) >= self.batch:
            self.flush()

    def flush(self) -> None:
        changed, self.changed = self.changed, []
        if not changed:
            return
        self.timeline.update(changed)
        focus = {s for s, _, _ in changed} | self._referrers_of_lost_types(changed)
        for node in focus:
            self.found.pop(node.value, None)
        for v in check_nodes(self.store.oxigraph, focus):
            self.found.setdefault(v.focus, []).append(v)

    def _referrers_of_lost_types(self, changed: list[OxTriple]) -> set:
        """Nodes whose value lost a type in the merged graph (their sh:class checks)."""
        lost = {s for s, p, o in changed if p.value == _TYPE
                and not self.store.in_merged((s, p, o))}
        return {q.subject for node in lost for q in self.store.oxigraph.quads_for_pattern(
            None, None, node, DEFAULT)}

    def finish(self) -> None:
        self.flush()
        for found in self.found.values():
            self.summary.violations.extend(found)


def _write_outputs(store: GraphStore, out_dir: Path, summary: BuildSummary,
                   minter: Minter) -> None:
    with (out_dir / "graph.trig").open("wb") as f:
        store.dump_dataset(f, "trig")
    with (out_dir / "graph.ttl").open("wb") as f:
        store.dump_merged(f, "ttl")
    lines = [v.line() for v in summary.violations]
    for err in summary.failed:
        lines.append(f"INPUT {err}")
    header = (f"{len(summary.violations)} violation(s) of the SHACL shapes; "
              f"{len(summary.failed)} input(s) not read.\n")
    (out_dir / "validation.txt").write_text(header + "\n".join(sorted(lines)) + "\n",
                                            encoding="utf-8")
    report = Graph()
    for prefix, ns in PREFIXES.items():
        report.bind(prefix, ns)
    report.bind("sh", SH)
    for v in summary.violations:
        node = minter.evidence("violation", v.source_id, v.focus, v.path, v.message)
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.resultSeverity, SH.Violation))
        report.add((node, SH.focusNode, URIRef(v.focus)))
        report.add((node, SH.resultMessage, Literal(v.message)))
        if v.shape.startswith("http"):
            report.add((node, SH.sourceShape, URIRef(v.shape)))
        report.add((node, PROV.wasDerivedFrom, minter.article(v.source_id)))
    (out_dir / "validation.ttl").write_text(report.serialize(format="turtle"),
                                            encoding="utf-8")


__all__ = ["BuildSummary", "build_corpus"]
