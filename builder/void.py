"""The dataset's description in VoID and DCAT: ``void.ttl``, beside every build and export.

A harvester (a data portal, a SPARQL federation, a librarian) reads what a dataset is
before it reads the dataset: how many triples, which classes and properties with how
many members, which languages the sources were written in, how many source articles,
when it was built and by which partygraph, under which licence. VoID says the
statistics (``void:classPartition``, ``void:propertyPartition``), DCAT the catalogue
entry (``dcat:Dataset``, one ``dcat:Distribution`` per file written).

Every figure is counted by SPARQL over the store's merged graph (quarantined facts are
not part of the dataset); the classes and the article class are passed as bindings. The
file is a function of the store's content, with one exception: the build time, one
``dcterms:modified`` triple (``SOURCE_DATE_EPOCH`` fixes it, for reproducible builds).
No licence is stated unless one is given: an empty or placeholder licence would tell a
harvester something false.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from partygraph.errors import LicenceError
from partygraph.iris import Minter, base_of_graph, software
from partygraph.namespaces import DEFAULT_BASE, PG, PREFIXES, PROV, SDO
from partygraph.outputs import write_atomic
from partygraph.store import GraphStore

PAV = Namespace("http://purl.org/pav/")
#: ISO 639-1 codes as IRIs (the Library of Congress' vocabulary, which DCAT's examples use).
LANGUAGE_IRI = "http://id.loc.gov/vocabulary/iso639-1/"
VOID_FILE = "void.ttl"
#: Media types of the files partygraph writes, by suffix (DCAT wants IANA's IRIs).
MEDIA_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nt": "application/n-triples",
               ".nq": "application/n-quads", ".jsonld": "application/ld+json",
               ".xml": "application/rdf+xml", ".rdf": "application/rdf+xml",
               ".json": "application/json", ".ftm": "application/json"}

_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"
_ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?s)) }"
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
# a bound variable must be projected (Oxigraph's substitutions): ?article is
_LANGUAGES = ("SELECT DISTINCT ?lang ?article WHERE { ?a a ?article ; "
              "<http://purl.org/dc/terms/language> ?lang }")
_ARTICLES = ("SELECT (COUNT(DISTINCT ?a) AS ?n) ?article WHERE { ?a a ?article } "
             "GROUP BY ?article")


def check_licence(licence: str | None) -> str | None:
    """``licence`` if it is an absolute IRI a harvester can follow (None stays None)."""
    if licence is None or (licence.startswith(("http://", "https://")) and " " not in licence
                           and len(licence.split("/", 3)) > 2 and licence.split("/")[2]):
        return licence
    raise LicenceError(f"--licence {licence!r} is not an absolute http(s) IRI; give the "
                       "licence's IRI, e.g. https://creativecommons.org/licenses/by/4.0/")


def build_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def describe(store: GraphStore, *, files: Iterable[str] = (), licence: str | None = None,
             built: datetime | None = None, version: str | None = None) -> Graph:
    """The VoID/DCAT description of the store's dataset; ``files`` are the names of the
    files written beside it (each a ``dcat:Distribution``, linked relative to it)."""
    from partygraph import __version__

    minter = Minter(dataset_base(store))
    ds = minter.dataset()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("pav", PAV)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("partygraph knowledge graph", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Persons, posts, party and state bodies, places, events and documents of "
        "Vietnam's political organization, read from news articles.", lang="en")))
    g.add((ds, VOID.uriSpace, Literal(str(minter.base))))
    g.add((ds, VOID.vocabulary, URIRef(str(PG._NS))))
    g.add((ds, VOID.triples, _int(_count(store, _TRIPLES))))
    g.add((ds, VOID.entities, _int(_count(store, _ENTITIES))))
    g.add((ds, VOID.distinctSubjects, _int(_count(store, _SUBJECTS))))
    g.add((ds, VOID.distinctObjects, _int(_count(store, _OBJECTS))))
    articles = _count(store, _ARTICLES, {"article": PG.Article})
    g.add((ds, VOID.documents, _int(articles)))
    classes = _grouped(store, _CLASSES)
    properties = _grouped(store, _PROPERTIES)
    g.add((ds, VOID.classes, _int(len(classes))))
    g.add((ds, VOID.properties, _int(len(properties))))
    for cls, n in classes:
        part = minter.partition("class", cls)
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, _int(n)))
    for prop, n in properties:
        part = minter.partition("property", prop)
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, _int(n)))
    _, rows = store.query_text(_LANGUAGES, {"article": PG.Article})
    for code, _ in sorted(rows):
        g.add((ds, DCTERMS.language, URIRef(LANGUAGE_IRI + code)))
    tool = software(version or __version__)
    g.add((ds, PAV.createdWith, tool))
    g.add((tool, RDF.type, PROV.SoftwareAgent))
    g.add((tool, SDO.name, Literal("partygraph")))
    g.add((tool, SDO.softwareVersion, Literal(version or __version__)))
    if licence is not None:
        g.add((ds, DCTERMS.license, URIRef(check_licence(licence) or licence)))
    for name in sorted(set(files)):
        dist = minter.distribution(name)
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, URIRef(name)))
        g.add((ds, VOID.dataDump, URIRef(name)))
        media = MEDIA_TYPES.get(Path(name).suffix.lower())
        if media:
            g.add((dist, DCAT.mediaType,
                   URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
    g.add((ds, DCTERMS.modified, Literal((built or build_time()).isoformat(),
                                         datatype=XSD.dateTime)))
    return g


def write_void(folder: Path, store: GraphStore, *, files: Iterable[str] = (),
               licence: str | None = None, built: datetime | None = None) -> Path:
    """Write ``folder/void.ttl`` (atomically) and return its path."""
    path = folder / VOID_FILE
    graph = describe(store, files=files, licence=licence, built=built)
    write_atomic(path, graph.serialize(format="turtle"))
    return path


def dataset_base(store: GraphStore) -> str:
    """The base the store's IRIs were minted under (the default for an empty store)."""
    for name in store.graph_names():
        base = base_of_graph(str(name))
        if base:
            return base
    return DEFAULT_BASE


def _count(store: GraphStore, sparql: str, bindings: dict[str, URIRef] | None = None) -> int:
    _, rows = store.query_text(sparql, dict(bindings or {}))
    return int(rows[0][0]) if rows else 0


def _grouped(store: GraphStore, sparql: str) -> list[tuple[str, int]]:
    _, rows = store.query_text(sparql)
    return sorted((term, int(n)) for term, n in rows)


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


__all__ = ["VOID_FILE", "build_time", "check_licence", "dataset_base", "describe", "write_void"]
