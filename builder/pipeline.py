"""The whole pipeline over a corpus: ingest -> extract -> resolve -> build -> validate -> store.

:data:`STAGES` declares the stages once, each with the record it takes and the one it
gives; a test checks that each gives what the next takes and that the functions'
annotations say the same (spaCy's habit of checking a pipeline's contract), and that the
README draws the same chain.

Two streaming passes keep memory flat whatever the corpus size:

1. read and extract each input file (the expensive, per-article, pure part, in worker
   processes with ``jobs`` > 1), spool the pickled facts to a temporary file, and note
   each person's identity profile in the :class:`~partygraph.matching.IdentityIndex`; then
   the index, seeded with the persons of stored articles this run does not read (so
   incremental runs resolve against what is already there), decides which mentions are
   one person, and writes its reasons to ``identities.json`` (:func:`resolve_corpus`);
2. read the spool back, resolve each article's nodes, build its graph and validate it
   (in the workers), and replace that graph in the store (here, the one writer;
   quarantined nodes go to the article's quarantine graph).

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

import pickle
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from partygraph import gazetteer, ingest
from partygraph.across import AcrossArticles, owe, owed
from partygraph.article_graphs import LineChange
from partygraph.errors import InputError, OutputPathError
from partygraph.executors import Executor, LocalExecutor
from partygraph.extract import extract
from partygraph.increments import articles_in_store, clear_store, prune_store
from partygraph.inputs import Candidate, Identities, Skipped, collect
from partygraph.iris import Minter
from partygraph.matching import IdentityIndex, Mention, mentions
from partygraph.models import ArticleFacts, Document, ResolvedArticle
from partygraph.namespaces import DEFAULT_BASE, ORG, PG, RDF
from partygraph.outputs import atomic_output, sweep_partials, write_atomic
from partygraph.resolve import IDENTITIES_FILE, MENTIONS_FILE, resolve_article, resolve_corpus
from partygraph.store import GraphStore
from partygraph.store_folder import is_disk_full
from partygraph.terms import OxTriple
from partygraph.triples import article_triples
from partygraph.validate import Violation, split_valid
from partygraph.validation_files import validation_report, validation_text
from partygraph.void import write_void

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
                 fresh: bool = False, licence: str | None = None,
                 executor: Executor | None = None) -> BuildSummary:
    """Build (or update) the graph of ``inputs`` in ``out_dir``; see the module doc.

    The store in ``out_dir`` is updated, not replaced: articles of this run are added or
    replaced, the others kept — unless ``prune`` (stored articles whose source is not
    among the inputs are removed) or ``fresh`` (start from an empty store). ``jobs`` > 1
    runs extraction, and building with validation, in that many worker processes;
    results come back in input order, so the outputs are the same bytes. ``executor``
    runs them elsewhere instead (:mod:`partygraph.executors`: a Dask cluster), the writer
    staying here. Raises :class:`InputError` when the inputs hold nothing to read (before
    touching ``out_dir``). ``licence`` (an IRI) is stated in ``void.ttl``, the dataset's VoID/DCAT
    description; none is stated when it is not given.
    """
    started = time.perf_counter()
    summary = BuildSummary()
    candidates, summary.skipped, summary.failed = collect(list(inputs), out_dir)
    summary.files = len(candidates)
    if not any(c.path.suffix.lower() == ".jsonl" for c in candidates):
        progress(str(len(candidates)), None)    # one article a file: the reading total
    # the cluster first: one that cannot be reached stops the build before out_dir is touched
    with (executor or LocalExecutor(jobs)) as runner:
        _build(runner, candidates, out_dir, summary, base=base, progress=progress,
               prune=prune, fresh=fresh, licence=licence)
    summary.seconds = time.perf_counter() - started
    return summary


def _build(runner: Executor, candidates: list[Candidate], out_dir: Path,
           summary: BuildSummary, *, base: str, progress: Progress, prune: bool,
           fresh: bool, licence: str | None) -> None:
    if fresh:
        clear_store(out_dir, (MENTIONS_FILE, IDENTITIES_FILE))
    out_dir.mkdir(parents=True, exist_ok=True)
    minter = Minter(base)
    store = GraphStore(out_dir / "store")
    sweep_partials(out_dir)          # a killed build's temporary files (the lock is ours)
    with store.released_on_failure():
        identities = IdentityIndex()
        across = AcrossArticles(store, minter)
        with tempfile.TemporaryFile(prefix="partygraph-facts-") as spool:
            # pass 1: read and extract (in workers; a remote executor's files are read
            # here); the facts are spooled as the workers pickled them, and only the
            # identity sightings are read here
            sizes: list[tuple[str, int]] = []
            read: set[str] = set()
            known = {c.source for c in candidates}      # what --prune keeps
            claims = Identities()
            for items in runner.map(_parse_and_extract, _files(candidates, runner.remote)):
                for item in ([items] if isinstance(items, InputError) else items):
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
                    sizes.append((item.source_id, len(item.facts)))
                    progress(f"read {item.source_id}", 1)
            if owed(store):     # an earlier build died between storing and this step
                across.add_everything()
            owe(store, True)
            if prune:
                for source, change in prune_store(store, minter, known):
                    summary.pruned.append(source)
                    across.add(change)
            keep = (lambda source: source not in read and source in known) if prune \
                else (lambda source: source not in read)
            records = resolve_corpus(identities, store, minter, keep, out_dir)
            spool.seek(0)
            # pass 2: resolve, build and validate (in workers), store (here, one writer)
            spooled = ((source, spool.read(size)) for source, size in sizes)
            for built in runner.map(_build_article, spooled,
                                    context=_Context(base, identities)):
                if isinstance(built, InputError):       # its Dask workers died
                    _skip(built, summary, progress)
                    continue
                across.add(store_article(built, store, minter, summary))
                progress(f"built {built.source_id}", 1)
        summary.violations.extend(across.finish())
        store.flush()
        owe(store, False)
        # the files last, once the store is durable: a failure before leaves them all as
        # the previous build wrote them, never disagreeing with the store they describe
        _write_outputs(store, out_dir, summary, minter, progress, {
            **records, "void.ttl": lambda path: write_void(
                path.parent, store, files=("graph.trig", "graph.ttl"), licence=licence)})
        summary.triples = store.merged_size()
        summary.stored = articles_in_store(store, minter)


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


_File = tuple[Candidate, bytes | InputError | None]


def _files(candidates: list[Candidate], remote: bool) -> Iterator[tuple[str, _File]]:
    """Each input file for pass 1; for a ``remote`` executor with its bytes (or why they
    cannot be read), read here, where the files are: a Dask worker on another machine
    parses them. A local worker reads its file itself, as it always did."""
    for found in candidates:
        yield found.source, (found, ingest.read_raw(found) if remote else None)


def _parse_and_extract(file: _File) -> list[_Extracted | InputError]:
    """Pure: the documents of one input file, extracted (an InputError in place of one
    that cannot be read)."""
    found, raw = file
    raw = ingest.read_raw(found) if raw is None else raw
    if isinstance(raw, InputError):
        return [raw]
    gz = gazetteer.load()
    out: list[_Extracted | InputError] = []
    for origin, item in ingest.parse_raw(found, raw):
        if isinstance(item, InputError):
            out.append(item)
            continue
        facts = extract(item)
        out.append(_Extracted(item.source_id, pickle.dumps(facts, pickle.HIGHEST_PROTOCOL),
                              mentions(facts, gz), origin))
    return out


@dataclass
class ValidatedArticle:
    """One article built and validated (the validate stage's record): what a worker
    sends back. Graphs travel as N-Triples lines, which pickle far faster than term
    objects and are what the store keeps."""

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


@dataclass(frozen=True)
class _Context:
    """What every pass-2 worker needs besides the article: sent once per worker."""

    base: str
    identities: IdentityIndex


@cache
def _minter(base: str) -> Minter:
    return Minter(base)


def _build_article(pickled: bytes, context: _Context) -> ValidatedArticle:
    """Pure: resolve, build, validate one article's facts (pass 2, in a worker)."""
    facts: ArticleFacts = pickle.loads(pickled)
    resolved = resolve_article(facts, context.identities, gazetteer.load())
    return validate_article(article_triples(resolved, _minter(context.base)), resolved)


def validate_article(triples: list[OxTriple], resolved: ResolvedArticle) -> ValidatedArticle:
    """The article's graph split by the shapes into valid and quarantined, with what the
    build summary counts."""
    facts = resolved.facts
    doc = facts.document
    valid, quarantine, violations = split_valid(triples, doc.source_id)
    typed = [(s.value, o.value) for s, p, o in valid if p.value == _TYPE
             and isinstance(s, ox.NamedNode | ox.BlankNode) and isinstance(o, ox.NamedNode)]
    return ValidatedArticle(
        doc.source_id, doc.lang, doc.notes, len(facts.events), len(facts.documents),
        [s for s, o in typed if o == _PERSON], [s for s, o in typed if o == _ORGANIZATION],
        [f"{s} {p} {o} ." for s, p, o in valid],
        [f"{s} {p} {o} ." for s, p, o in quarantine], violations)


def store_article(built: ValidatedArticle, store: GraphStore, minter: Minter,
                  summary: BuildSummary) -> LineChange:
    """Store one article (its quarantined part in the article's quarantine graph); return
    what its graph lost and gained, for the cross-article steps."""
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
                   minter: Minter, progress: Progress,
                   more: dict[str, Callable[[Path], Any]]) -> None:
    """Every output file, each written whole or not at all (:mod:`partygraph.outputs`):
    the records ``more`` names (identities, mentions) first, void.ttl last. A failure (a
    full disk) is an :class:`OutputPathError` naming the files written and those that
    keep their previous version."""
    records = {k: v for k, v in more.items() if k != "void.ttl"}
    writers: dict[str, Callable[[Path], Any]] = {
        **records,
        "graph.trig": lambda path: _dump(path, lambda f: store.dump_dataset(f, "trig")),
        "graph.ttl": lambda path: _dump(path, lambda f: store.dump_merged(f, "ttl")),
        "validation.txt": lambda path: write_atomic(path, validation_text(summary)),
        "validation.ttl": lambda path: write_atomic(path, validation_report(summary, minter)),
        **{k: v for k, v in more.items() if k == "void.ttl"},
    }
    done: list[str] = []
    for name, write in writers.items():
        progress(f"writing {name}", 0)
        try:
            write(out_dir / name)
        except OSError as exc:
            rest = [n for n in writers if n not in done]
            raise OutputPathError(
                f"cannot write {out_dir / name}: {exc.strerror or exc}"
                + (" (the disk is full)" if is_disk_full(exc) else "")
                + f"; the store is updated; written: {', '.join(done) or 'none'}; not "
                f"written (previous version kept): {', '.join(rest)}: fix the cause and "
                "run build again") from exc
        done.append(name)


def _dump(path: Path, dump: Callable[[BinaryIO], None]) -> None:
    with atomic_output(path) as f:
        dump(f)


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline: its function takes the record ``takes`` as its first
    argument (the rest is context: the minter, the identity index, the store) and
    returns ``gives`` — or, when ``each``, yields ``(origin, record or InputError)``,
    several records an input (a JSONL file holds many articles)."""

    name: str
    function: Callable[..., Any]
    takes: Any
    gives: Any
    each: bool = False


#: The stages, in order: what the README draws (ingest ─▶ extract ─▶ resolve ─▶ build ─▶
#: validate ─▶ store). Pass 1 runs ingest and extract, then the corpus part of resolve
#: (:func:`resolve_corpus`); pass 2 the rest, article by article.
STAGES: tuple[Stage, ...] = (
    Stage("ingest", ingest.read_candidate, Candidate, Document, each=True),
    Stage("extract", extract, Document, ArticleFacts),
    Stage("resolve", resolve_article, ArticleFacts, ResolvedArticle),
    Stage("build", article_triples, ResolvedArticle, list[OxTriple]),
    Stage("validate", validate_article, list[OxTriple], ValidatedArticle),
    Stage("store", store_article, ValidatedArticle, LineChange),
)


__all__ = ["STAGES", "BuildSummary", "Stage", "ValidatedArticle", "build_corpus",
           "store_article", "validate_article"]
