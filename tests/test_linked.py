"""Linked-data exports: every format read back is the store's graph; JSON-LD compacts with
the published context (generated from the ontology, never fetched); void.ttl describes
the dataset with counts the store gives by SPARQL."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDFS, VOID, XSD
from typer.testing import CliRunner

from partygraph import jsonld
from partygraph.api import merged_graph
from partygraph.cli import app
from partygraph.namespaces import PG
from partygraph.resources import ontology_graph
from partygraph.store import GraphStore
from partygraph.void import PAV, describe

runner = CliRunner()
ONTOLOGY = URIRef("https://w3id.org/partygraph/ontology")
PARSERS = {"ttl": "turtle", "nt": "nt", "xml": "xml", "trig": "trig", "nq": "nquads"}


def export(store: Path, fmt: str, target: Path, *extra: str) -> bytes:
    result = runner.invoke(app, ["export", "-f", fmt, "--store", str(store), "-o", str(target),
                                 *extra])
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def article_graphs(store: Path) -> dict[URIRef, Graph]:
    """What the store's dataset holds: each named graph outside quarantine."""
    gs = GraphStore(store, read_only=True)
    found = {}
    for name in gs.graph_names():
        if not gs.is_private(name):
            graph = Graph()
            for triple in gs.triples(name):
                graph.add(triple)
            found[name] = graph
    return found


def named_graphs(ds: Dataset) -> dict[URIRef, Graph]:
    found = {}
    for g in ds.graphs():
        if len(g) and isinstance(g.identifier, URIRef):
            found[g.identifier] = copy = Graph()
            for triple in g:
                copy.add(triple)
    return found


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_graph_formats_read_back_as_the_merged_graph(store: Path, tmp_path: Path,
                                                     fmt: str) -> None:
    data = export(store, fmt, tmp_path / f"g.{fmt}")
    back = Graph().parse(data=data, format=PARSERS[fmt])
    assert isomorphic(back, merged_graph(GraphStore(store, read_only=True)))


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_formats_read_back_graph_by_graph(store: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  fmt: str) -> None:
    data = export(store, fmt, tmp_path / f"g.{fmt}")

    def refuse(*_: object) -> None:     # reading must not fetch the context
        raise AssertionError("reading an export tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    if fmt == "jsonld":
        back = jsonld.parse(data)
    else:
        back = Dataset()
        back.parse(data=data, format=PARSERS[fmt])
    expected, got = article_graphs(store), named_graphs(back)
    assert sorted(got) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(got[name], graph), name


def test_jsonld_names_the_published_context_and_reads_as_keys(store: Path,
                                                             tmp_path: Path) -> None:
    doc = json.loads(export(store, "jsonld", tmp_path / "g.jsonld"))
    assert doc["@context"] == jsonld.CONTEXT_IRI
    nodes = [node for graph in doc["@graph"] for node in graph["@graph"]]
    nam = next(n for n in nodes if n.get("canonicalName") == "Nguyen Thanh Nam")
    assert nam["@type"] == "Person"
    assert "mentionedIn" in nam and "altLabel" in nam
    keys = {k for n in nodes for k in n}
    assert not [k for k in keys if "://" in k], "every property has a term of the context"
    membership = next(n for n in nodes if n.get("@type") == "Membership" and "role" in n)
    assert membership["role"].startswith("pgrole:")
    dated = next(n for n in nodes if "firstSeen" in n)
    assert isinstance(dated["firstSeen"], str)          # coerced by the context: xsd:date


def test_jsonld_is_byte_identical_between_runs(store: Path, tmp_path: Path) -> None:
    assert export(store, "jsonld", tmp_path / "a.jsonld") == \
        export(store, "jsonld", tmp_path / "b.jsonld")


def test_the_context_file_is_generated_from_the_ontology() -> None:
    """Regenerate with `make context` when this fails."""
    assert jsonld.context_path().read_text(encoding="utf-8") == \
        jsonld.context_text(ontology_graph())


def test_the_ontology_states_the_context_iri() -> None:
    assert (ONTOLOGY, RDFS.seeAlso, URIRef(jsonld.CONTEXT_IRI)) in ontology_graph()


def test_every_term_of_the_graph_has_a_key(store: Path) -> None:
    graph = merged_graph(GraphStore(store, read_only=True))
    context = jsonld.local_context()["@context"]
    expanded = set()
    for value in context.values():
        iri = value["@id"] if isinstance(value, dict) else value
        prefix, _, rest = iri.partition(":")
        expanded.add(context[prefix] + rest if prefix in context else iri)
    used = set(graph.predicates()) | {o for o in graph.objects(None, URIRef(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))}
    assert {str(t) for t in used} - {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"} \
        <= expanded


# -- VoID / DCAT -----------------------------------------------------------------------

def count(gs: GraphStore, sparql: str, **bindings: URIRef) -> int:
    _, rows = gs.query_text(sparql, dict(bindings))
    return int(rows[0][0])


def test_the_build_writes_void_with_the_store_counts(built_examples, store: Path) -> None:
    out, _ = built_examples
    void = Graph().parse(out / "void.ttl", format="turtle")
    gs = GraphStore(store, read_only=True)
    ds = URIRef("https://w3id.org/partygraph/id/dataset")
    assert void.value(ds, VOID.triples).toPython() == gs.merged_size()
    persons = count(gs, "SELECT (COUNT(DISTINCT ?p) AS ?n) ?c WHERE { ?p a ?c } GROUP BY ?c",
                    c=PG.Person)
    part = next(p for p in void.objects(ds, VOID.classPartition)
                if void.value(p, VOID["class"]) == PG.Person)
    assert void.value(part, VOID.entities).toPython() == persons == 10
    assert void.value(ds, VOID.documents).toPython() == 5
    props = {void.value(p, VOID.property) for p in void.objects(ds, VOID.propertyPartition)}
    assert PG.chairedBy in props
    assert {str(o).rsplit("/", 1)[-1] for o in void.objects(ds, DCTERMS.language)} == \
        {"ar", "fr", "ru"}
    assert void.value(ds, PAV.createdWith) is not None
    assert void.value(ds, DCTERMS.license) is None       # none given: none stated
    # relative to void.ttl: the files beside it
    assert {str(o) for o in void.objects(ds, VOID.dataDump)} == \
        {(out / "graph.trig").as_uri(), (out / "graph.ttl").as_uri()}


def test_void_differs_only_by_the_build_time(store: Path) -> None:
    gs = GraphStore(store, read_only=True)
    one = describe(gs, built=datetime(2024, 1, 1, tzinfo=UTC)).serialize(format="turtle")
    two = describe(gs, built=datetime(2025, 6, 1, 12, tzinfo=UTC)).serialize(format="turtle")
    assert one == describe(gs, built=datetime(2024, 1, 1, tzinfo=UTC)).serialize(
        format="turtle")
    differ = [(a, b) for a, b in zip(one.splitlines(), two.splitlines(), strict=True)
              if a != b]
    assert len(differ) == 1 and "dcterms:modified" in differ[0][0]
    assert len(Graph().parse(data=one, format="turtle")
               ^ Graph().parse(data=two, format="turtle")) == 2   # one triple each side
    modified = Graph().parse(data=one, format="turtle").value(
        URIRef("https://w3id.org/partygraph/id/dataset"), DCTERMS.modified)
    assert modified == Literal("2024-01-01T00:00:00+00:00", datatype=XSD.dateTime)


def test_export_writes_void_beside_the_file_with_the_licence(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    licence = "https://creativecommons.org/licenses/by/4.0/"
    export(store, "ttl", tmp_path / "graph.ttl", "--licence", licence)
    first = (tmp_path / "void.ttl").read_bytes()
    export(store, "ttl", tmp_path / "graph.ttl", "--licence", licence)
    assert (tmp_path / "void.ttl").read_bytes() == first      # a fixed build time: same bytes
    void = Graph().parse(tmp_path / "void.ttl", format="turtle")
    ds = URIRef("https://w3id.org/partygraph/id/dataset")
    assert void.value(ds, DCTERMS.license) == URIRef(licence)
    assert [str(o) for o in void.objects(ds, VOID.dataDump)] == [(tmp_path / "graph.ttl").as_uri()]


def test_a_bad_licence_is_refused_before_anything_is_written(store: Path,
                                                             tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store), "-o",
                                 str(tmp_path / "g.ttl"), "--licence", "CC BY 4.0"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "[E604]" in said and "--licence" in said and "Traceback" not in said
    assert list(tmp_path.iterdir()) == []


def test_validate_reads_an_exported_jsonld_without_fetching_its_context(
        store: Path, tmp_path: Path) -> None:
    """Regression: pyoxigraph refused the export ("no LoadDocumentCallback … to load
    remote contexts") once it named the published context."""
    target = tmp_path / "g.jsonld"
    export(store, "jsonld", target)
    result = runner.invoke(app, ["validate", str(target)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_error_messages_keep_their_brackets(tmp_path: Path) -> None:
    """Regression: rich read "[store]" in a message as markup and dropped it."""
    missing = tmp_path / "out[store]"
    result = runner.invoke(app, ["export", "--store", str(missing), "-o",
                                 str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    assert "out[store]" in "".join(result.output.split())
