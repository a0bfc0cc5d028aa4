"""partygraph.shacl against pySHACL: the same results, exactly, on built, mutated and merged
graphs, and a clear error for any SHACL construct it does not compile.

A result is compared as (focus, path, component, source shape, severity, value), as a
sorted list (so that duplicate results count too), together with the ``conforms``
verdict. pySHACL runs the way the project ran it (``partygraph.validate.pyshacl_reference``)
on the rdflib graph of the same triples; ours runs on the pyoxigraph triples, both with
and without the generated fast path, and on a pyoxigraph store's default graph.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fixtures.shacl_mutations import MUTATIONS, mutated
from rdflib import Graph, Literal, URIRef

from partygraph.errors import ConfigurationError
from partygraph.resources import ontology_graph, shapes_graph
from partygraph.shacl import Shapes
from partygraph.shacl.literals import canonical, datatype_ok
from partygraph.shacl.ontology import inoculated_graph
from partygraph.shacl.terms import XSD_DATE, XSD_INTEGER, Lit
from partygraph.terms import from_ox
from partygraph.validate import (
    check_nodes,
    pyshacl_reference,
    read_file,
    reference_rows,
    result_rows,
    split_valid,
    validate_file,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
PG = "https://w3id.org/partygraph/ontology#"
SH = "http://www.w3.org/ns/shacl#"
Triple = tuple[Any, Any, Any]          # pyoxigraph terms


@pytest.fixture(autouse=True)
def _quiet_rdflib() -> None:
    """rdflib logs a traceback for every ill-typed literal it meets; these are on purpose."""
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)


def rdflib_graph(triples: list[Triple]) -> Graph:
    """The rdflib graph of pyoxigraph triples (what pySHACL gets)."""
    g = Graph()
    for s, p, o in triples:
        g.add((from_ox(s), from_ox(p), from_ox(o)))
    return g


def fixture_triples(name: str) -> list[Triple]:
    quads = ox.parse(path=str(FIXTURES / f"{name}.ttl"), format=ox.RdfFormat.TURTLE,
                     base_iri="https://w3id.org/partygraph/id/")
    return [(q.subject, q.predicate, q.object) for q in quads]


def store_of(triples: list[Triple], noise: list[Triple] | None = None) -> ox.Store:
    """A store with ``triples`` in its default graph (and ``noise`` in a named graph)."""
    store = ox.Store()
    store.extend([ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples])
    store.extend([ox.Quad(s, p, o, ox.NamedNode("urn:noise")) for s, p, o in noise or []])
    return store


def default_graph(store: ox.Store) -> list[Triple]:
    """What the store holds in its default graph (Oxigraph canonicalizes typed literals)."""
    return [(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]


def assert_same(triples: list[Triple], label: str = "") -> list:
    """Ours (fast, general, on a store, by focus) == pySHACL on ``triples``; the rows."""
    conforms, report = pyshacl_reference(rdflib_graph(triples))
    want = reference_rows(report)
    shapes = Shapes.load()
    nodes = {t[0] for t in triples} | {t[2] for t in triples}
    for how, got in (("fast", shapes.check(triples)),
                     ("general", shapes.check(triples, fast=False)),
                     ("by focus", shapes.check(triples, focus=nodes))):
        assert (got.conforms, result_rows(got.results)) == (conforms, want), f"{label} {how}"
    store = store_of(triples, noise=triples[:40])
    stored = default_graph(store)
    s_conforms, s_report = pyshacl_reference(rdflib_graph(stored))
    s_want = reference_rows(s_report)
    for how, got in (("store", shapes.check(store)),
                     ("store by focus", shapes.check(store, focus=nodes))):
        assert (got.conforms, result_rows(got.results)) == (s_conforms, s_want), \
            f"{label} {how}"
    return want


# --- the pieces ---------------------------------------------------------------------------

INTEGERS = ["0", "7", "-12", "007", "+12", " 12", "1_0", "-0", "00", "abc", "1.5", "",
            "١٢", "99999999999999999999"]
DATES = ["2024-07-17", "2024-02-29", "2023-02-29", "2024-13-45", "0000-01-01", "0001-01-01",
         "9999-12-31", "2024-07-17Z", "2024-07-17+07:00", "-2024-01-01", "2024-7-17"]


@pytest.mark.parametrize(("lex", "datatype"), [(i, XSD_INTEGER) for i in INTEGERS]
                         + [(d, XSD_DATE) for d in DATES])
def test_literal_fast_paths_are_rdflib(lex: str, datatype: str) -> None:
    """The canonical form and the datatype verdict are rdflib's, fast path or not."""
    lit = Literal(lex, datatype=URIRef(datatype))
    assert canonical(lex, datatype) == str(lit)
    python = int if datatype == XSD_INTEGER else dt.date
    expected = lit.ill_typed is not True and isinstance(lit.value, python)
    assert datatype_ok(Lit(canonical(lex, datatype), datatype, None), datatype) == expected


def test_mixed_in_ontology_is_pyshacls() -> None:
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.rdfutil.inoculate import inoculate
    from rdflib.compare import isomorphic

    theirs = inoculate(DataGraph.from_rdflib(Graph()), ontology_graph()).impl
    ours = inoculated_graph(ontology_graph())
    assert len(ours) == len(theirs) > 500
    assert isomorphic(ours, theirs)  # type: ignore[arg-type]


# --- (a) the graphs the builder writes ----------------------------------------------------


def test_built_graphs_match_pyshacl(built_examples) -> None:
    out, _ = built_examples
    graphs: dict[str, list[Triple]] = {}
    for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG):
        graphs.setdefault(str(q.graph_name), []).append((q.subject, q.predicate, q.object))
    assert len(graphs) >= 5
    for name, triples in sorted(graphs.items()):
        assert_same(triples, name)
    merged = Graph().parse(out / "graph.ttl", format="turtle")
    conforms, report = pyshacl_reference(merged)
    shapes = Shapes.load()
    ours = shapes.check(read_file(out / "graph.ttl"))
    assert (ours.conforms, result_rows(ours.results)) == (conforms, reference_rows(report))
    assert validate_file(out / "graph.ttl")[0] == conforms


@pytest.mark.parametrize("name", ["article_000", "article_001"])
def test_conforming_fixtures_match_pyshacl(name: str) -> None:
    rows = assert_same(fixture_triples(name), name)
    assert all(r[4] != SH + "Violation" for r in rows)


# --- (b) seeded violations ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(built_examples) -> list[tuple[str, list[Triple]]]:
    out, _ = built_examples
    bases = {name: fixture_triples(name) for name in ("article_000", "article_001")}
    for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG):
        if "/graph/" in str(q.graph_name) and "_timeline" not in str(q.graph_name):
            bases.setdefault(str(q.graph_name)[-30:], []).append(
                (q.subject, q.predicate, q.object))
    return mutated(bases, seed=11)


def test_seeded_violations_match_pyshacl(seeded) -> None:
    components: set[str] = set()
    violated = 0
    for name, triples in seeded:
        rows = assert_same(triples, name)
        components |= {r[2] for r in rows}
        violated += any(r[4] == SH + "Violation" for r in rows)
    used = {c.component for s in Shapes.load().shapes for c in s.constraints
            if not c.component.endswith("#PropertyConstraintComponent")}
    assert used - components == set(), "components never violated by the seeded corpus"
    assert violated > len(seeded) * 0.6, "most mutations should break a rule"
    assert len({name.split(":")[1] for name, _ in seeded}) == len(MUTATIONS)


def test_seeded_corpus_as_one_graph_matches_pyshacl(seeded) -> None:
    union = list(dict.fromkeys(t for _, triples in seeded[::4] for t in triples))
    rows = assert_same(union, "union")
    assert len(rows) > 20


# --- (c) the merged graph of a corpus -----------------------------------------------------


def _two_articles_one_document() -> tuple[list[Triple], list[Triple], Any]:
    """Two articles, each conforming, naming the same document number in two provinces:
    an IRI minted from the number alone makes one node with two issue dates."""
    first = fixture_triples("article_000")
    doc = next(s for s, p, o in first if p.value == PG + "issuedOn")
    article = next(s for s, p, o in first if o == ox.NamedNode(PG + "Article"))
    own = {article} | {s for s, p, o in first if o == ox.NamedNode(PG + "Evidence")}
    rename = {node: ox.NamedNode(node.value + "-other") for node in own}
    second = []
    for s, p, o in first:
        s, o = rename.get(s, s), rename.get(o, o)   # type: ignore[arg-type]
        if p.value == PG + "sourceId":
            o = ox.Literal("other.txt")
        if s == doc and p.value == PG + "issuedOn":
            o = ox.Literal("2023-12-09", datatype=ox.NamedNode(XSD_DATE))
        second.append((s, p, o))
    return first, second, doc


def test_merged_graph_rechecks_a_shared_document() -> None:
    first, second, doc = _two_articles_one_document()
    assert Shapes.load().check(first).conforms and Shapes.load().check(second).conforms
    union = list(dict.fromkeys(first + second))
    store = store_of(union, noise=first)
    found = check_nodes(store, [doc])
    assert [(v.focus, v.path, v.shape.rsplit("#", 1)[1]) for v in found] == \
        [(doc.value, "issuedOn", "Document-issuedOn")]
    assert found[0].source_id in {"000_acaa6c502574b0ff.txt", "other.txt"}
    rows = assert_same(union, "merged")
    assert (f"<{doc.value}>", PG + "issuedOn", SH + "MaxCountConstraintComponent") in \
        {r[:3] for r in rows}
    everything = check_nodes(store, {t[0] for t in union})
    assert [v.focus for v in everything] == [doc.value]


def test_merged_graph_reads_only_the_default_graph() -> None:
    first, second, doc = _two_articles_one_document()
    store = store_of(first, noise=second)          # the second article in a named graph
    assert check_nodes(store, [doc]) == []


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "fmt"), [
    (".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES),
    (".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG),
    (".jsonld", ox.RdfFormat.JSON_LD), (".rdf", ox.RdfFormat.RDF_XML)])
def test_every_file_format_gives_the_same_results(tmp_path: Path, seeded, suffix, fmt) -> None:
    chosen = [triples for _, triples in seeded[::9]]
    quads = [ox.Quad(s, p, o, ox.NamedNode(f"urn:graph:{i % 3}") if fmt.supports_datasets
                     else ox.DefaultGraph())
             for i, triples in enumerate(chosen) for s, p, o in triples]
    path = tmp_path / f"corpus{suffix}"
    if fmt.supports_datasets:
        ox.serialize(quads, output=str(path), format=fmt)
    else:
        ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                     output=str(path), format=fmt)
    union = list(dict.fromkeys((q.subject, q.predicate, q.object) for q in quads))
    conforms, report = pyshacl_reference(rdflib_graph(union))
    want = reference_rows(report)
    ours = Shapes.load().check(read_file(path))
    assert (ours.conforms, result_rows(ours.results)) == (conforms, want)
    ok, violations = validate_file(path)
    assert ok == conforms
    assert len(violations) == sum(r[4] == SH + "Violation" for r in want)


# --- the build path -----------------------------------------------------------------------


def test_split_valid_quarantines_and_accepts_rdflib() -> None:
    triples = fixture_triples("article_000")
    assert split_valid(triples, "a.txt") == (triples, [], [])
    role = next(t for t in triples if t[1].value == "http://www.w3.org/ns/org#role")
    broken = [t for t in triples if t != role] + [
        (role[0], role[1], ox.NamedNode("https://w3id.org/partygraph/role/emperor"))]
    valid, quarantine, violations = split_valid(rdflib_graph(broken), "a.txt")
    assert [(v.focus, v.path) for v in violations] == [(role[0].value, "role")]
    assert violations[0].evidence and violations[0].source_id == "a.txt"
    assert all(isinstance(t[0], ox.NamedNode | ox.BlankNode) for t in valid + quarantine)
    assert len(valid) + len(quarantine) == len(broken)
    assert {t[0] for t in quarantine} >= {role[0]} and len({t[0] for t in quarantine}) > 1
    assert Shapes.load().check(valid).conforms and pyshacl_reference(rdflib_graph(valid))[0]


def test_results_are_sorted_and_complete() -> None:
    triples = [*fixture_triples("article_000"),
               (ox.NamedNode("urn:x"), ox.NamedNode(PG + "sourceId"), ox.Literal(""))]
    results = Shapes.load().validate(triples)
    assert results == sorted(results) and results
    r = next(r for r in results if r.component == SH + "ClassConstraintComponent")
    assert r.focus == ox.NamedNode("urn:x") and r.path is None and r.value == r.focus
    assert r.message.startswith("Only a pg:Article") and r.severity == SH + "Violation"


# --- what the compiler refuses ------------------------------------------------------------

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.mark.parametrize(("shape", "construct"), [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:T . ex:T a sh:NodeShape .",
     "sh:node"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 .", "sh:inversePath"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ( ex:p ex:q ) ; sh:minCount 1 .", "path expression"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select 'SELECT $this {}' ] .",
     "sh:s(parql|elect)"),
    ("ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:class ex:C .", "sh:targetNode"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "sh:closed"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 .", "only apply to property"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; "
     "sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 .",
     "sh:qualifiedMinCount"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:maxLength 3 .", "sh:maxLength"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; "
     "sh:maxCount 'one' .", "sh:maxCount"),
    ("ex:F a sh:SPARQLFunction .", "sh:SPARQLFunction"),
])
def test_unsupported_constructs_are_refused(shape: str, construct: str) -> None:
    g = Graph().parse(data=PREFIXES + shape, format="turtle")
    with pytest.raises(ConfigurationError, match=construct) as err:
        Shapes.compile(g, None)
    assert "http://example.org/" in str(err.value) or "_:" in str(err.value)


def test_the_project_shapes_compile() -> None:
    shapes = Shapes.compile(shapes_graph(), ontology_graph())
    assert len(shapes.top) == 24 and len(shapes.shapes) > 80


def test_ontology_nodes_are_focus_nodes_as_in_pyshacl() -> None:
    """Shapes that target what only the mixed-in ontology holds (owl:Class nodes, the
    subjects of rdfs:subClassOf) see the same focus nodes and values as pySHACL."""
    import pyshacl

    shapes = Graph().parse(data=PREFIXES + """
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Classes a sh:NodeShape ; sh:targetClass owl:Class ;
            sh:property [ sh:path rdfs:comment ; sh:minCount 1 ; sh:maxCount 1 ] .
        ex:Subs a sh:NodeShape ; sh:targetSubjectsOf rdfs:subClassOf ; sh:class owl:Class .
        ex:Labels a sh:NodeShape ; sh:targetObjectsOf rdfs:label ; sh:pattern "^[A-Z]" .
        """, format="turtle")
    data = [(ox.NamedNode("urn:x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
             ox.Literal("lower"))]
    conforms, report, _ = pyshacl.validate(
        rdflib_graph(data), shacl_graph=shapes, ont_graph=ontology_graph(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True)
    want = reference_rows(report)
    ours = Shapes.compile(shapes, ontology_graph())
    assert any(f != "<urn:x>" for f, *_ in want) and len(want) > 10
    for got in (ours.check(data), ours.check(data, fast=False), ours.check(store_of(data))):
        assert (got.conforms, result_rows(got.results)) == (conforms, want)
