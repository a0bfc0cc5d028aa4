"""An HTML page documenting the ontology: every class, property and SKOS concept of
``ontology/``, with its labels in every language the files carry.

Why not pyLODE: 3.4.1 does not import (it reads a ``pyproject.toml`` its wheel does not
ship), and 3.3.4's OntPub profile leaves the SKOS concept schemes out and runs the labels
of all languages together in one heading without saying which is which, where a reader
of this ontology wants the Vietnamese, English, French, Russian and Arabic label of each
role side by side. The page is small, so a generator over rdflib is short: one section
per kind, one table row per label, every text escaped (a label holding markup shows as
text), terms sorted, so the same ontology gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from partygraph.namespaces import PREFIXES
from partygraph.outputs import write_atomic

#: Languages shown first, in this order (the ones every concept must have); the others
#: follow alphabetically.
FIRST_LANGUAGES = ("vi", "en", "fr", "ru", "ar")
KINDS = (
    ("classes", "Classes", (OWL.Class, RDFS.Class)),
    ("object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation-properties", "Annotation and other properties",
     (OWL.AnnotationProperty, RDF.Property)),
)
_LABELS = (SKOS.prefLabel, RDFS.label)
_TEXTS = ((SKOS.definition, "definition"), (RDFS.comment, "comment"),
          (SKOS.scopeNote, "scope note"))
_LINKS = ((RDFS.subClassOf, "subclass of"), (RDFS.domain, "domain"), (RDFS.range, "range"),
          (OWL.disjointWith, "disjoint with"), (SKOS.broader, "broader"),
          (SKOS.related, "related"), (SKOS.broadMatch, "broad match"),
          (SKOS.inScheme, "in scheme"), (RDFS.isDefinedBy, "defined by"))
_STYLE = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#222}h1{margin-bottom:.2rem}
h2{border-bottom:2px solid #ccd;margin-top:2.5rem}
section.term{border:1px solid #dde;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
section.term h3{margin:.2rem 0}code{background:#f3f3f7;padding:0 .25rem}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #dde;padding:.15rem .5rem;
text-align:left;vertical-align:top}th{background:#f6f6fa;font-weight:600}
nav ul{columns:3}.lang{font-family:monospace;color:#557}"""


def _curie(node: Node) -> str:
    text = str(node)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(ns)) and text != str(ns):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text


def anchor(node: Node) -> str:
    """The id of a term's section (a CURIE with only id-safe characters)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in _curie(node))


def _languages(graph: Graph) -> list[str]:
    found = {o.language for o in graph.objects() if isinstance(o, Literal) and o.language}
    return [*(lang for lang in FIRST_LANGUAGES if lang in found),
            *sorted(found - set(FIRST_LANGUAGES))]


def _label(graph: Graph, node: Node, lang: str = "en") -> str:
    for prop in _LABELS:
        for o in graph.objects(node, prop):
            if isinstance(o, Literal) and o.language == lang:
                return str(o)
    return _curie(node)


def _link(graph: Graph, node: Node, documented: set[Node]) -> str:
    shown = escape(_curie(node))
    if node in documented:
        return f'<a href="#{anchor(node)}">{shown}</a>'
    if isinstance(node, URIRef):
        return f'<a href="{escape(str(node), quote=True)}">{shown}</a>'
    return shown


def _term(graph: Graph, node: URIRef, langs: list[str], documented: set[Node]) -> str:
    rows = []
    for lang in langs:
        for prop in _LABELS:
            values = sorted(str(o) for o in graph.objects(node, prop)
                            if isinstance(o, Literal) and o.language == lang)
            if values:
                rows.append(f'<tr><th class="lang" lang="en">{escape(lang)}</th>'
                            f'<td lang="{escape(lang, quote=True)}">'
                            f'{escape(" · ".join(values))}</td></tr>')
                break
    parts = [f'<section class="term" id="{anchor(node)}">',
             f"<h3>{escape(_label(graph, node))} <code>{escape(_curie(node))}</code></h3>",
             f"<p>IRI: <code>{escape(str(node))}</code></p>"]
    for prop, name in _TEXTS:
        for text in sorted(str(o) for o in graph.objects(node, prop)
                           if isinstance(o, Literal) and o.language in (None, "en")):
            parts.append(f"<p><b>{name}:</b> {escape(text)}</p>")
    for prop, name in _LINKS:
        targets = sorted((o for o in graph.objects(node, prop) if isinstance(o, URIRef)),
                         key=str)
        if targets:
            parts.append(f"<p><b>{name}:</b> "
                         + ", ".join(_link(graph, t, documented) for t in targets) + "</p>")
    if rows:
        parts.append("<table><tr><th>language</th><th>label</th></tr>" + "".join(rows)
                     + "</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _typed(graph: Graph, types: Iterable[URIRef], taken: set[Node]) -> list[URIRef]:
    found = {s for t in types for s in graph.subjects(RDF.type, t)
             if isinstance(s, URIRef) and s not in taken}
    return sorted(found, key=lambda n: (_curie(n).split(":")[0] != "pg", _curie(n)))


def render(graph: Graph) -> str:
    """The documentation page of ``graph`` (the ontology and its concept schemes)."""
    langs = _languages(graph)
    sections: list[tuple[str, str, list[URIRef]]] = []
    taken: set[Node] = set()
    for key, title, types in KINDS:
        terms = _typed(graph, types, taken)
        taken |= set(terms)
        sections.append((key, title, terms))
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = sorted((c for c in graph.subjects(SKOS.inScheme, scheme)
                           if isinstance(c, URIRef) and c not in taken), key=str)
        taken |= set(concepts)
        sections.append((anchor(scheme) or "scheme", f"Concepts: {_label(graph, scheme)}",
                         concepts))
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    title = next((str(o) for o in graph.objects(ontology, DCTERMS.title)
                  if isinstance(o, Literal) and o.language == "en"), "Ontology")
    head = [f"<h1>{escape(title)}</h1>"]
    if ontology is not None:
        head.append(f"<p>IRI: <code>{escape(str(ontology))}</code>; version "
                    f"{escape(str(graph.value(ontology, OWL.versionInfo) or '-'))}</p>")
        for o in sorted(str(o) for o in graph.objects(ontology, DCTERMS.description)):
            head.append(f"<p>{escape(o)}</p>")
    head.append(f"<p>Labels in: {escape(', '.join(langs))}.</p>")
    nav = "".join(f'<li><a href="#{key}">{escape(t)}</a> ({len(terms)})</li>'
                  for key, t, terms in sections)
    body = [*head, f"<nav><ul>{nav}</ul></nav>"]
    for key, section_title, terms in sections:
        body.append(f'<h2 id="{key}">{escape(section_title)}</h2>')
        body.extend(_term(graph, t, langs, taken) for t in terms)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def write_docs(output: Path, graph: Graph | None = None) -> Path:
    """Write the page of ``graph`` (the ontology of ``ontology/`` by default) to ``output``,
    atomically."""
    from partygraph.outputs import check_output_file
    from partygraph.resources import ontology_graph

    check_output_file(output)
    write_atomic(output, render(graph if graph is not None else ontology_graph()))
    return output


__all__ = ["anchor", "render", "write_docs"]
