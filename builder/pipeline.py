"""The whole pipeline over a corpus: ingest -> extract -> resolve -> build -> validate -> store.

Two streaming passes keep memory flat whatever the corpus size:

1. read and extract each article (the expensive, per-article, pure part), spool its
   facts to a temporary file, and note each person's name and province in the
   :class:`~builder.resolve.IdentityIndex` (also seeded from the store, so incremental
   runs resolve against what is already there);
2. read the spool back, build each article's named graph, validate it, and replace that
   graph in the store (quarantined nodes go to the article's quarantine graph).

Then the cross-article facts (first and last dates each post was seen) are recomputed
in their own graph, and the outputs are written from the store in a fixed order, so the
same input in any order gives byte-identical files.
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
from builder.namespaces import DEFAULT_BASE, ORG, PG, PREFIXES, PROV, RDF, SH, XSD
from builder.resolve import IdentityIndex
from builder.store import GraphStore
from builder.validate import Violation, split_valid

TIMELINE_GRAPH = "graph/_timeline"


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
            _store_built(built, store, minter, summary)
            progress(f"built {built.facts.document.source_id}", 1)
    _update_timeline(store, minter)
    store.flush()
    _write_outputs(store, out_dir, summary, minter)
    summary.triples = len(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _seed_identities(store: GraphStore, identities: IdentityIndex, minter: Minter) -> None:
    prefix = str(minter.person(""))
    _, rows = store.query(
        "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/partygraph/ontology#Person> }")
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
    valid: list[tuple]
    quarantine: list[tuple]
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
    graph = build_stage.article_graph(facts, minter, gazetteer.load(), identities)
    valid, quarantine, violations = split_valid(graph, facts.document.source_id)
    return _Built(facts, list(valid), list(quarantine), violations)


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
                 summary: BuildSummary) -> None:
    facts = built.facts
    doc = facts.document
    valid, quarantine, violations = built.valid, built.quarantine, built.violations
    store.replace_graph(minter.graph(doc.source_id), valid)
    if len(quarantine):
        store.replace_graph(minter.quarantine(doc.source_id), quarantine)
    else:
        store.remove_graph(minter.quarantine(doc.source_id))
    summary.articles += 1
    summary.languages[doc.lang] += 1
    summary.persons |= {str(s) for s, p, o in valid if p == RDF.type and o == PG.Person}
    summary.organizations |= {str(s) for s, p, o in valid
                              if p == RDF.type and o == ORG.Organization}
    summary.events += len(facts.events)
    summary.documents += len(facts.documents)
    summary.violations.extend(violations)
    summary.notes.extend(f"{doc.source_id}: {n}" for n in doc.notes)


_TIMELINE_QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX pg: <https://w3id.org/partygraph/ontology#>
SELECT ?m (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
  ?m a org:Membership ; prov:wasDerivedFrom ?a .
  { ?a schema:datePublished ?d } UNION
  { FILTER NOT EXISTS { ?a schema:datePublished ?x }
    ?e prov:wasDerivedFrom ?a ; schema:startDate ?d }
} GROUP BY ?m
"""


def _update_timeline(store: GraphStore, minter: Minter) -> None:
    """First and last dates each post was seen, across all articles (W3C ORG
    ``org:memberDuring`` in the simple form of two dates on the membership)."""
    _, rows = store.query(_TIMELINE_QUERY)
    triples = []
    for m, first, last in rows:
        if m is None or first is None or last is None:
            continue
        triples.append((m, RDF.type, ORG.Membership))
        triples.append((m, PG.firstSeen, Literal(str(first), datatype=XSD.date)))
        triples.append((m, PG.lastSeen, Literal(str(last), datatype=XSD.date)))
    store.replace_graph(URIRef(str(minter.base) + TIMELINE_GRAPH), triples)


def _write_outputs(store: GraphStore, out_dir: Path, summary: BuildSummary,
                   minter: Minter) -> None:
    with (out_dir / "graph.trig").open("wb") as f:
        store.dump_dataset(f, "trig", exclude_prefix=str(minter.base) + "quarantine/")
    with (out_dir / "graph.ttl").open("wb") as f:
        store.dump_merged(f, "ttl", exclude_prefix=str(minter.base) + "quarantine/")
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
