"""The public Python API: what a notebook needs, in a handful of functions.

The command line is a shell over these; everything else in the package is internal and
may change between versions. Paths may be given as strings. Query answers are rows of
plain strings keyed by column (what the CLI prints), or rdflib terms for your own SPARQL.

>>> import partygraph
>>> facts = partygraph.extract_text(
...     "Le 3 mars 2024, le camarade Nguyen Van An, secrétaire du Comité provincial du "
...     "Parti, a présidé la conférence.", lang="fr")
>>> [person.name for person in facts.persons]
['Nguyen Van An']
>>> [(post.role, post.org.org_type) for post in facts.persons[0].posts]
[('secretary', 'party-committee')]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph
from rdflib.term import Node

from partygraph import ingest, queries
from partygraph.extract import extract
from partygraph.iris import check_base
from partygraph.models import ArticleFacts
from partygraph.namespaces import DEFAULT_BASE, PREFIXES
from partygraph.outputs import check_out_folder
from partygraph.pipeline import BuildSummary, build_corpus
from partygraph.store import GraphStore
from partygraph.terms import from_ox
from partygraph.void import check_licence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build", "dataset", "extract_text", "merged_graph", "named_queries",
           "open_store", "query", "sparql", "to_networkx"]

PathLike = str | Path


def build(inputs: PathLike | Iterable[PathLike], out: PathLike = "out", *,
          base: str = DEFAULT_BASE, jobs: int = 1, prune: bool = False,
          fresh: bool = False, licence: str | None = None, executor: str = "local",
          scheduler: str | None = None) -> BuildSummary:
    """Build (or update) the graph of ``inputs`` (files or folders) in ``out``: the same
    as ``partygraph build``. The store in ``out/store`` is incremental: articles already
    in it are replaced, unchanged ones cost one comparison, others are kept unless
    ``prune`` (drop those whose source is not among ``inputs``) or ``fresh`` (start
    empty); the summary says what was added, replaced, unchanged and pruned. ``licence``
    (an IRI) is stated in ``out/void.ttl``, the dataset's VoID/DCAT description.
    ``executor="dask"`` runs the per-article stages on a Dask cluster (``scheduler``, else
    a local cluster of ``jobs`` workers), with the same result (docs/dask.md)."""
    from partygraph.executors import make_executor

    paths = [Path(inputs)] if isinstance(inputs, str | Path) else [Path(p) for p in inputs]
    return build_corpus(paths, check_out_folder(Path(out)), base=check_base(base), jobs=jobs,
                        prune=prune, fresh=fresh, licence=check_licence(licence),
                        executor=make_executor(executor, jobs, scheduler))


def extract_text(text: str, *, lang: str | None = None, source: str = "text.txt",
                 published: date | None = None) -> ArticleFacts:
    """The facts one text states (persons and posts, places, the event, documents), before
    identities are resolved across articles; ``lang`` is detected when not given."""
    return extract(ingest.make_document(source, text, lang=lang, published=published))


def open_store(path: PathLike, *, read_only: bool = True) -> GraphStore:
    """The store of a build: its ``out`` folder or the ``out/store`` folder itself."""
    folder = Path(path)
    if (folder / "store" / "graphs.sqlite").is_file():
        folder = folder / "store"
    return GraphStore(folder, read_only=read_only)


def named_queries() -> list[queries.NamedQuery]:
    """The named queries of ``queries/``, with their parameters and descriptions."""
    return [queries.load(name) for name in queries.available()]


def query(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    """Run a named query (``who-chaired-what``, ``posts-of-person`` …) with its parameters
    as keyword arguments: ``query(store, "posts-of-person", person="Nguyen Van An")``."""
    columns, rows = queries.run_sparql(queries.load(name), params, store)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def sparql(store: GraphStore, text: str, **bindings: Node) -> list[dict[str, Node | None]]:
    """Your own SELECT over the merged graph; ``bindings`` (rdflib terms) are substituted
    for the variables of those names, never spliced into the text."""
    columns, rows = store.query(text, bindings)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def merged_graph(store: GraphStore) -> Graph:
    """The merged graph (each fact once) as an in-memory rdflib ``Graph``."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in store.merged_triples():
        graph.add((from_ox(s), from_ox(p), from_ox(o)))
    return graph


def dataset(store: GraphStore, *, include_private: bool = False) -> Dataset:
    """Every article graph as a named graph of an rdflib ``Dataset`` (provenance: which
    article states what); quarantined graphs left out unless ``include_private``."""
    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace)
    for name in store.graph_names():
        if store.is_private(name) and not include_private:
            continue
        graph = ds.graph(name)
        for triple in store.triples(name):
            graph.add(triple)
    return ds


def to_networkx(store: PathLike | GraphStore, kind: str = "organizational", *,
                focus: str = "", depth: int = 2, province: str | None = None,
                orgtype: str | None = None, date: str | date | None = None,
                lang: str | None = None) -> nx.Graph:
    """The store as a networkx graph, as ``partygraph network`` projects it: ``kind`` is
    ``organizational`` (persons, posts, organizations, places), ``co-attendance``
    (persons, weighted by shared events) or ``ego`` (``focus``'s neighbourhood, ``depth``
    steps); filters by province, organization type, date (posts held on it) and the
    language of the source article. Node ids are IRIs; every node has ``kind``, ``label``,
    ``labels``, ``province``, ``orgtype``, ``degree``, ``betweenness`` and
    ``community``, and a person its ``posts``."""
    from partygraph.analytics import annotate
    from partygraph.network import Filters, project

    opened = store if isinstance(store, GraphStore) else open_store(store)
    filters = Filters.of(province, orgtype, date, lang)
    return annotate(project(opened, kind, filters, focus=focus, depth=depth))
