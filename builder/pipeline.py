"""The whole pipeline over a corpus: ingest -> extract -> resolve -> build -> validate -> store.

Two streaming passes keep memory flat whatever the corpus size:

1. read and extract each input file (the expensive, per-article, pure part, in worker
   processes with ``jobs`` > 1), spool the pickled facts to a temporary file, and note
   each person's identity profile in the :class:`~partygraph.matching.IdentityIndex`; then
   the index, seeded with the persons of stored articles this run does not read (so
   incremental runs resolve against what is already there), decides which mentions are
   one person, and writes its reasons to ``identities.json``;
2. read the spool back, build each article's graph and validate it (in the workers),
   and replace that graph in the store (here, the one writer; quarantined nodes go to
   the article's quarantine graph).

The writer's share is kept small — it never unpickles facts, and graphs reach it as
N-Triples lines — because it is what limits the speed-up of more workers.

The store keeps the merged graph (each fact once) beside the article graphs. Then the
cross-article steps look only at what changed: the first and last dates of the posts the
changed articles state (:mod:`partygraph.timeline`), and the shapes re-checked on the
merged graph for the nodes those articles touch, since a fact can conform in each article
and not in their union (two dates of issue for one document). The outputs are written
from the store in a fixed order, so the same input in any order gives the same bytes.
"""

from __future__ import annotations

import json
import pickle
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from partygraph import gazetteer, ingest
from partygraph.across import AcrossArticles
from partygraph.article_graphs import LineChange
from partygraph.errors import InputError
from partygraph.extract import extract
from partygraph.increments import articles_in_store, clear_store, prune_store
from partygraph.inputs import Candidate, Identities, Skipped, collect
from partygraph.iris import Minter
from partygraph.matching import (
    IdentityIndex,
    Mention,
    ResolvedName,
    from_record,
    mentions,
    stored_mention,
    to_record,
)
from partygraph.models import ArticleFacts
from partygraph.namespaces import DEFAULT_BASE, ORG, PG, PREFIXES, PROV, RDF, SH
from partygraph.outputs import atomic_output, write_atomic
from partygraph.shown import neutral
from partygraph.store import GraphStore
from partygraph.triples import article_triples
from partygraph.validate import Violation, split_valid

_TYPE = str(RDF.type)
_PERSON = str(PG.Person)
_ORGANIZATION = str(ORG.Organization)


@dataclass
class BuildSummary:
    """What a build did. Every file under the inputs is in ``files`` (read) or
    ``skipped``; every input that could not be read, in ``failed``. The store is
    incremental: ``added`` + ``replaced`` + ``unchanged`` = ``articles`` (built this run),
    ``pruned`` the articles ``prune`` removed, ``stored`` what the store holds in all."""

    articles: int = 0
    failed: list[InputError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    pruned: list[str] = field(default_factory=list)
    stored: int = 0
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
                 progress: Progress = _noop, jobs: int = 1, prune: bool = False,
                 fresh: bool = False) -> BuildSummary:
    """Build (or update) the graph of ``inputs`` in ``out_dir``; see the module doc.

    The store in ``out_dir`` is updated, not replaced: articles of this run are added or
    replaced, the others kept — unless ``prune`` (stored articles whose source is not
    among the inputs are removed) or ``fresh`` (start from an empty store). ``jobs`` > 1
    runs extraction, and building with validation, in that many worker processes;
    results come back in input order, so the outputs are the same bytes. Raises
    :class:`InputError` when the inputs hold nothing to read (before touching
    ``out_dir``).
    """
    started = time.perf_counter()
    summary = BuildSummary()
    candidates, summary.skipped, summary.failed = collect(list(inputs), out_dir)
    summary.files = len(candidates)
    if not any(c.path.suffix.lower() == ".jsonl" for c in candidates):
        progress(str(len(candidates)), None)    # one article a file: the reading total
    if fresh:
        clear_store(out_dir, (MENTIONS_FILE, IDENTITIES_FILE))
    out_dir.mkdir(parents=True, exist_ok=True)
    minter = Minter(base)
    store = GraphStore(out_dir / "store")
    identities = IdentityIndex()
    across = AcrossArticles(store, minter)
    with tempfile.TemporaryFile(prefix="partygraph-facts-") as spool:
        # pass 1: read and extract (in workers); the facts are spooled as the workers
        # pickled them, and only the identity sightings are read here
        sizes: list[int] = []
        read: set[str] = set()
        known = {c.source for c in candidates}      # what --prune keeps
        claims = Identities()
        for items in parallel_map(_read_and_extract, candidates, jobs):
            for item in items:
                if isinstance(item, _Extracted):
                    clash = claims.claim(item.source_id, item.origin)
                    known.add(item.source_id)
                    item = clash or item
                if isinstance(item, InputError):
                    known.add(item.source)
                    _skip(item, summary, progress)
                    continue
                identities.add(item.sightings)
                read.add(item.source_id)
                spool.write(item.facts)
                sizes.append(len(item.facts))
                progress(f"read {item.source_id}", 1)
        if prune:
            for source, change in prune_store(store, minter, known):
                summary.pruned.append(source)
                across.add(change)
        keep = (lambda source: source not in read and source in known) if prune \
            else (lambda source: source not in read)
        _seed_identities(store, identities, minter, keep, out_dir / MENTIONS_FILE)
        seen = list(identities.pending)
        _write_identities(out_dir / IDENTITIES_FILE, identities.resolve())
        _write_mentions(out_dir / MENTIONS_FILE, seen, identities)
        spool.seek(0)
        # pass 2: build and validate (in workers), store (here, one writer)
        spooled = (spool.read(size) for size in sizes)
        for built in parallel_map(_build_article, spooled, jobs,
                                  initializer=_init_worker, initargs=(base, identities)):
            across.add(_store_built(built, store, minter, summary))
            progress(f"built {built.source_id}", 1)
    summary.violations.extend(across.finish())
    store.flush()
    _write_outputs(store, out_dir, summary, minter)
    summary.triples = store.merged_size()
    summary.stored = articles_in_store(store, minter)
    summary.seconds = time.perf_counter() - started
    return summary


MENTIONS_FILE = "mentions.jsonl"
IDENTITIES_FILE = "identities.json"


def _seed_identities(store: GraphStore, identities: IdentityIndex, minter: Minter,
                     keep: Callable[[str], bool], recorded: Path) -> None:
    """The persons of stored articles this run does not read (those ``keep`` says), as
    mentions that keep their keys (read back from the last build's record, else from
    the stored keys): a re-read article's persons are decided afresh, from its text."""
    if recorded.is_file() and store.graph_names():
        with recorded.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if keep(record["source"]):
                    identities.add([from_record(record)])
        return
    prefix = str(minter.person(""))
    _, rows = store.query(
        "PREFIX pg: <https://w3id.org/partygraph/ontology#> "
        "SELECT ?p ?src WHERE { ?p a pg:Person ; pg:mentionedIn/pg:sourceId ?src }")
    for p, src in rows:
        if p is None or src is None or not keep(str(src)) or not str(p).startswith(prefix):
            continue
        seed = stored_mention(str(p)[len(prefix):], str(src))
        if seed is not None:
            identities.add([seed])


def _write_mentions(path: Path, seen: list[Mention], identities: IdentityIndex) -> None:
    rows = sorted((m.name, m.source, m.pinned) for m in seen)
    by_ident = {(m.name, m.source, m.pinned): m for m in seen}
    with atomic_output(path) as f:
        for row in rows:
            m = by_ident[row]
            key = identities.keys.get(m.ident, m.pinned)
            f.write((json.dumps(to_record(m, key), ensure_ascii=False, sort_keys=True)
                     + "\n").encode("utf-8"))


def _write_identities(path: Path, resolved: list[ResolvedName]) -> None:
    """The reasons of every merge and split, for ``partygraph identities``."""
    data = [{"name": r.name, "apart": r.apart,
             "persons": [{"key": p.key, "mentions": [s for s, _ in p.mentions],
                          "reasons": p.reasons} for p in r.persons]}
            for r in resolved]
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _skip(error: InputError, summary: BuildSummary, progress: Progress) -> bool:
    summary.failed.append(error)
    progress(f"skipped {error.source}", 1)
    return True


@dataclass
class _Extracted:
    """One article read and extracted: what a pass-1 worker sends back."""

    source_id: str
    facts: bytes                          # the pickled ArticleFacts
    sightings: list[Mention]
    origin: str                           # the file (and line) it was read from


def _read_and_extract(found: Candidate) -> list[_Extracted | InputError]:
    """Pure: the documents of one input file, extracted (an InputError in place of one
    that cannot be read)."""
    gz = gazetteer.load()
    out: list[_Extracted | InputError] = []
    for origin, item in ingest.read_candidate(found):
        if isinstance(item, InputError):
            out.append(item)
            continue
        facts = extract(item)
        out.append(_Extracted(item.source_id, pickle.dumps(facts, pickle.HIGHEST_PROTOCOL),
                              mentions(facts, gz), origin))
    return out


@dataclass
class _Built:
    """One article built and validated: what a worker sends back. Graphs travel as
    N-Triples lines, which pickle far faster than term objects and are what the store
    keeps."""

    source_id: str
    lang: str
    notes: tuple[str, ...]
    events: int
    documents: int
    persons: list[str]
    organizations: list[str]
    valid: list[str]
    quarantine: list[str]
    violations: list[Violation]


_WORKER: dict[str, object] = {}


def _init_worker(base: str, identities: IdentityIndex) -> None:
    _WORKER["minter"] = Minter(base)
    _WORKER["identities"] = identities


def _build_article(pickled: bytes) -> _Built:
    """Pure: the article's graph, split by the shapes into valid and quarantined."""
    facts: ArticleFacts = pickle.loads(pickled)
    minter = _WORKER["minter"]
    identities = _WORKER["identities"]
    assert isinstance(minter, Minter) and isinstance(identities, IdentityIndex)
    doc = facts.document
    triples = article_triples(facts, minter, gazetteer.load(), identities)
    valid, quarantine, violations = split_valid(triples, doc.source_id)
    typed = [(s.value, o.value) for s, p, o in valid if p.value == _TYPE
             and isinstance(s, ox.NamedNode | ox.BlankNode) and isinstance(o, ox.NamedNode)]
    return _Built(doc.source_id, doc.lang, doc.notes, len(facts.events), len(facts.documents),
                  [s for s, o in typed if o == _PERSON],
                  [s for s, o in typed if o == _ORGANIZATION],
                  [f"{s} {p} {o} ." for s, p, o in valid],
                  [f"{s} {p} {o} ." for s, p, o in quarantine], violations)


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
                 summary: BuildSummary) -> LineChange:
    """Store one article; return what its graph lost and gained."""
    graph = minter.graph(built.source_id)
    existed = store.has_graph(graph)
    change = store.replace_graph_lines(graph, built.valid)
    if built.quarantine:
        held = store.replace_graph_lines(minter.quarantine(built.source_id), built.quarantine)
    else:
        held = store.remove_graph(minter.quarantine(built.source_id))
    if not existed:
        summary.added += 1
    elif change or held:
        summary.replaced += 1
    else:
        summary.unchanged += 1
    summary.articles += 1
    summary.languages[built.lang] += 1
    summary.persons.update(built.persons)
    summary.organizations.update(built.organizations)
    summary.events += built.events
    summary.documents += built.documents
    summary.violations.extend(built.violations)
    summary.notes.extend(f"{built.source_id}: {n}" for n in built.notes)
    return change


def _write_outputs(store: GraphStore, out_dir: Path, summary: BuildSummary,
                   minter: Minter) -> None:
    with atomic_output(out_dir / "graph.trig") as f:
        store.dump_dataset(f, "trig")
    with atomic_output(out_dir / "graph.ttl") as f:
        store.dump_merged(f, "ttl")
    lines = [v.line() for v in summary.violations]
    for err in summary.failed:
        lines.append(f"INPUT {err.message} [{err.code}]")
    lines += [f"SKIPPED {s}" for s in summary.skipped]
    lines += [f"NOTE {n}" for n in summary.notes]       # encoding and language guesses
    lines = [neutral(line) for line in lines]          # input text cannot forge a line
    skipped = sum(s.files for s in summary.skipped)
    header = (f"{len(summary.violations)} violation(s) of the SHACL shapes; "
              f"{len(summary.failed)} input(s) not read"
              + (f"; {skipped} file(s) skipped" if skipped else "") + ".\n")
    write_atomic(out_dir / "validation.txt", header + "\n".join(sorted(lines)) + "\n")
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
    write_atomic(out_dir / "validation.ttl", report.serialize(format="turtle"))


__all__ = ["BuildSummary", "build_corpus"]
