"""Stage 5 — validate: each article's graph against the SHACL shapes.

Validation runs per article, so it stays cheap and parallel; a node the shapes reject
is moved, with every triple about it and the evidence pointing at it, to the article's
*quarantine* graph, and the rest of the article is kept. Each violation is reported in
words with the article, the node, the rule (its ``sh:message``) and the evidence quote.

The shapes are compiled once by :mod:`partygraph.shacl` (equivalent to pySHACL with the
project's options, and far faster); :func:`check_nodes` re-checks chosen nodes against
the merged graph of the corpus in a store, and :func:`validate_file` checks an RDF file
of any size (``partygraph validate``). :func:`pyshacl_reference` is pySHACL itself, kept
only as the reference the tests and benchmarks compare with; nothing in the build calls it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

from partygraph.errors import GraphFileError, InputError
from partygraph.offline import read_rdf
from partygraph.shacl import Data, Result, Shapes, TripleIndex
from partygraph.shacl.terms import (
    RDF_TYPE,
    SH_VIOLATION,
    BNodeKey,
    Key,
    Lit,
    key_of,
    sort_key,
)
from partygraph.terms import OxTerm, OxTriple, to_ox_triple

MAX_ROUNDS = 4
PG = "https://w3id.org/partygraph/ontology#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
                ".xml": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class Violation:
    source_id: str
    focus: str
    path: str
    message: str
    shape: str
    evidence: str

    def line(self) -> str:
        where = f" — evidence: “{self.evidence}”" if self.evidence else ""
        return f"{self.source_id}: {self.focus} {self.path}: {self.message}{where}"


# -- the build path ---------------------------------------------------------------------


def _first(keys: Iterable[Key]) -> Key | None:
    return min(keys, key=sort_key, default=None)


def _quote(data: Data, focus: Key) -> str:
    evidence = _first(data.objects(focus, PG + "evidence"))
    if evidence is None:
        return ""
    quote = _first(data.objects(evidence, PG + "quote"))
    return quote.lex if isinstance(quote, Lit) else ""


def _short(path: ox.NamedNode | None) -> str:
    if path is None:
        return ""
    return path.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _violations(results: list[Result], data: Data, source_id: str | None) -> list[Violation]:
    """The sh:Violation results as :class:`Violation` (``source_id`` None: the article
    the focus node comes from, see :func:`_source_of`)."""
    out = []
    for r in results:
        if r.severity != SH_VIOLATION:
            continue
        focus = key_of(r.focus)
        out.append(Violation(source_id or _source_of(data, focus), r.focus.value,
                             _short(r.path), r.message, r.shape, _quote(data, focus)[:200]))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _source_of(data: Data, focus: Key) -> str:
    """The best article to name for a node of the merged graph: the one it is derived
    from or mentioned in (the node itself for an article), else ``"merged"``."""
    articles = [*data.objects(focus, PROV_DERIVED), *data.objects(focus, PG + "mentionedIn")]
    if not articles and PG + "Article" in data.objects(focus, RDF_TYPE):
        articles = [focus]
    for article in sorted(articles, key=sort_key):
        source = _first(data.objects(article, PG + "sourceId"))
        if isinstance(source, Lit):
            return source.lex
    return "merged"


def triples_of(data: Sequence[OxTriple] | Graph) -> list[OxTriple]:
    """pyoxigraph 3-tuples from triples, ``ox.Triple``/``ox.Quad`` or an rdflib Graph."""
    if isinstance(data, Graph):
        return [to_ox_triple(t) for t in data]
    return [t if type(t) is tuple else (t[0], t[1], t[2]) for t in data]


def split_valid(data: Sequence[OxTriple] | Graph, source_id: str,
                ) -> tuple[list[OxTriple], list[OxTriple], list[Violation]]:
    """(valid part, quarantined part, violations) of one article's graph.

    In rounds (at most :data:`MAX_ROUNDS`): every IRI node with a violation leaves the
    valid part with every triple about it and the triples of its evidence nodes, and
    what remains is validated again. ``data`` is a list of pyoxigraph triples (an rdflib
    Graph is accepted and converted).
    """
    shapes = Shapes.load()
    valid = triples_of(data)
    quarantine: list[OxTriple] = []
    found: list[Violation] = []
    for _ in range(MAX_ROUNDS):
        index = shapes.index(valid)
        report = shapes.check(index)
        if report.conforms:
            break
        batch = _violations(report.results, index, source_id)
        found.extend(batch)
        bad = {v.focus for v in batch if v.focus.startswith("http")}
        if not bad:
            break
        subjects = [key_of(s) for s, _, _ in valid]
        evidence = {key_of(o) for (_, p, o), sk in zip(valid, subjects, strict=True)
                    if type(sk) is str and sk in bad and p.value == PG + "evidence"}
        keep: list[OxTriple] = []
        for triple, sk in zip(valid, subjects, strict=True):
            gone = (type(sk) is str and sk in bad) or sk in evidence
            (quarantine if gone else keep).append(triple)
        valid = keep
    return valid, quarantine, found


def check_nodes(store: ox.Store, focus: Iterable[OxTerm]) -> list[Violation]:
    """The violations of ``focus`` nodes in the merged graph (the store's default graph),
    each checked against every shape that targets it there."""
    shapes = Shapes.load()
    view = shapes.view(store)
    return _violations(shapes.check(view, focus).results, view, None)


# -- a file (partygraph validate) -------------------------------------------------------


def read_file(path: Path, shapes: Shapes | None = None) -> TripleIndex:
    """An RDF file as indexed data (all graphs of a dataset merged), parsed by
    pyoxigraph, streaming: only what the shapes read is kept in memory; offline
    (:func:`partygraph.offline.read_rdf`)."""
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphFileError(f"{path}: not an RDF file partygraph reads (by its suffix: "
                             f"{', '.join(FILE_FORMATS)})")
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file")
    shapes = shapes or Shapes.load()
    index = shapes.index([])
    try:
        index.add_terms(read_rdf(path, fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(str(path), f"cannot be parsed as {fmt.name}: {exc}") from exc
    return index


def validate_file(path: Path) -> tuple[bool, list[Violation]]:
    """(conforms, violations) of an RDF file: .ttl, .nt, .nq, .trig, .jsonld, .rdf/.xml."""
    shapes = Shapes.load()
    data = read_file(path, shapes)
    report = shapes.check(data)
    return report.conforms, _violations(report.results, data, None)


# -- the reference (tests and benchmarks only) ------------------------------------------


def pyshacl_reference(data: Graph) -> tuple[bool, Graph]:
    """pySHACL's verdict and report graph for ``data``, with the project's options."""
    from pyshacl import validate as shacl_validate

    from partygraph.resources import ontology_graph, shapes_graph

    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="none", abort_on_first=False, allow_warnings=True, advanced=True)
    return bool(conforms), report


Row = tuple[str, str, str, str, str, str]


def _show(key: Key | None) -> str:
    if key is None:
        return ""
    if type(key) is BNodeKey:
        return "_:"          # blank node labels differ between parsers
    from partygraph.shacl.terms import show
    return show(key)


def reference_rows(report: Graph) -> list[Row]:
    """pySHACL's results as sorted (focus, path, component, shape, severity, value)."""
    from rdflib.namespace import RDF, SH

    from partygraph.shacl.terms import key_of_rdflib

    def key(node: Node | None) -> Key | None:
        return None if node is None else key_of_rdflib(node)

    rows = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceShape)
        rows.append((_show(key(report.value(r, SH.focusNode))),
                     str(report.value(r, SH.resultPath) or ""),
                     str(report.value(r, SH.sourceConstraintComponent)),
                     f"_:{shape}" if isinstance(shape, BNode) else str(shape),
                     str(report.value(r, SH.resultSeverity)),
                     _show(key(report.value(r, SH.value)))))
    return sorted(rows)


def result_rows(results: Iterable[Result]) -> list[Row]:
    """Our results in the form of :func:`reference_rows`."""
    return sorted((_show(key_of(r.focus)), r.path.value if r.path else "", r.component,
                   r.shape, r.severity, _show(None if r.value is None else key_of(r.value)))
                  for r in results)
