"""JSON-LD with partygraph's published ``@context``: readable keys, the same bytes every run.

A consumer reads ``"holdsPost"``-style keys (``name``, ``canonicalName``, ``chairedBy`` …)
and short type names (``"@type": "Person"``) because every export names one context,
``https://w3id.org/partygraph/context.jsonld`` (:data:`CONTEXT_IRI`), whose text is
``ontology/context.jsonld``. The context is *generated* from the ontology
(:func:`make_context`; ``make context`` rewrites the file, a test checks it is current),
so a term added to the ontology gets its key without anyone editing JSON by hand.

Exports refer to the context by its IRI, but partygraph never fetches it: :func:`parse`
puts the local file in its place before rdflib reads the document (a parser that
fetched would make reading an export depend on the network, and on w3id.org).

rdflib's serializer compacts; its key and array order follow the graph's insertion order,
so :func:`canonical` sorts both (keys by name, arrays by their own canonical text: JSON-LD
arrays are sets unless they are ``@list``), which makes the output a function of the
content alone.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from partygraph.namespaces import PG, PREFIXES
from partygraph.resources import folder

#: The IRI a consumer fetches the context from (stated in the ontology's header).
CONTEXT_IRI = "https://w3id.org/partygraph/context.jsonld"
CONTEXT_FILE = "context.jsonld"

_DECLARED = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
             OWL.AnnotationProperty, RDF.Property)
#: RDF's own labelling terms: the graph uses them, the ontology need not declare them.
_LABELS = (RDFS.label, RDFS.comment, SKOS.prefLabel)
_LANGUAGE_MAPS = frozenset((*_LABELS, SKOS.altLabel))


def make_context(ontology: Graph) -> dict[str, Any]:
    """The ``@context`` for the terms the ontology declares (and RDF's labels).

    Every term keeps its local name (``chairedBy``, ``Person``); where two vocabularies
    share one (pg:Person, schema:Person, foaf:Person), the pg: term takes it and the
    others stay compact IRIs through the prefixes (``schema:Person``). Object properties
    coerce to IRIs, typed datatype properties to their range, labels become language
    maps (``"altLabel": {"ru": "Нгуен Чин"}``)."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    order = [str(PG._NS), *prefixes.values()]
    terms: set[URIRef] = {t for kind in _DECLARED for t in ontology.subjects(RDF.type, kind)
                          if isinstance(t, URIRef)} | set(_LABELS)

    def rank(term: URIRef) -> tuple[int, str]:
        ns = next((i for i, n in enumerate(order) if term.startswith(n)), len(order))
        return ns, str(term)

    context: dict[str, Any] = dict(sorted(prefixes.items()))
    for term in sorted(terms, key=rank):
        name = _local_name(term)
        compact = _compact(term, prefixes)
        if not name or name in context or compact is None:
            continue
        context[name] = _definition(ontology, term, compact)
    return {"@context": dict(sorted(context.items()))}


def _local_name(term: URIRef) -> str:
    name = str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name if name.replace("_", "").isalnum() else ""


def _compact(term: URIRef, prefixes: dict[str, str]) -> str | None:
    for name, ns in prefixes.items():
        if term.startswith(ns):
            return f"{name}:{term[len(ns):]}"
    return None


def _definition(ontology: Graph, term: URIRef, compact: str) -> str | dict[str, str]:
    if term in _LANGUAGE_MAPS:
        return {"@id": compact, "@container": "@language"}
    if (term, RDF.type, OWL.ObjectProperty) in ontology:
        return {"@id": compact, "@type": "@id"}
    ranges = [r for r in ontology.objects(term, RDFS.range)
              if isinstance(r, URIRef) and r.startswith(str(XSD)) and r != XSD.string]
    if (term, RDF.type, OWL.DatatypeProperty) in ontology and len(ranges) == 1:
        return {"@id": compact, "@type": f"xsd:{ranges[0][len(str(XSD)):]}"}
    return compact


def context_text(ontology: Graph) -> str:
    """The text of ``ontology/context.jsonld`` as :func:`make_context` makes it."""
    return json.dumps(make_context(ontology), ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


def context_path() -> Path:
    return folder("ontology") / CONTEXT_FILE


@cache
def local_context() -> dict[str, Any]:
    """The published context, read from the local file (never from the network)."""
    data: dict[str, Any] = json.loads(context_path().read_text(encoding="utf-8"))
    return data


def canonical(value: Any) -> Any:
    """``value`` with its keys and its (set-valued) arrays in one order."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else canonical(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def serialize(graph: Graph | Dataset) -> bytes:
    """``graph`` (a dataset keeps its named graphs) as compacted JSON-LD naming the
    published context, in canonical order."""
    text = graph.serialize(format="json-ld", context=local_context()["@context"])
    doc = json.loads(text)
    if isinstance(doc, dict):
        doc["@context"] = CONTEXT_IRI
    return (json.dumps(canonical(doc), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def with_local_context(data: str | bytes) -> bytes:
    """A JSON-LD document with the published context (named by its IRI, alone or in a
    list) replaced by the local file's, so that no parser goes to the network for it:
    what partygraph's own readers (:func:`parse`, ``partygraph validate``) read."""
    doc = json.loads(data)
    if isinstance(doc, dict):
        given = doc.get("@context")
        local = local_context()["@context"]
        if given == CONTEXT_IRI:
            doc["@context"] = local
        elif isinstance(given, list):
            doc["@context"] = [local if c == CONTEXT_IRI else c for c in given]
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def parse(data: str | bytes, into: Dataset | None = None) -> Dataset:
    """Read a partygraph JSON-LD document (or any JSON-LD) into an rdflib ``Dataset``,
    the published context taken from the local file instead of being fetched."""
    ds = into if into is not None else Dataset()
    ds.parse(data=with_local_context(data).decode("utf-8"), format="json-ld")
    return ds


__all__ = ["CONTEXT_IRI", "canonical", "context_text", "local_context", "make_context",
           "parse", "serialize", "with_local_context"]
