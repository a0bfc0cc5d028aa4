"""``partygraph docs``: the ontology's page shows every class, property and concept, with
the labels of every language, and escapes what it shows."""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.jsonld import context_path
from partygraph.ontodoc import anchor, render
from partygraph.resources import ontology_graph

runner = CliRunner()
TERM_TYPES = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
              OWL.AnnotationProperty, RDF.Property, SKOS.Concept)


def test_the_page_shows_every_term_with_its_labels(tmp_path: Path) -> None:
    target = tmp_path / "ontology.html"
    context = tmp_path / "context.jsonld"
    result = runner.invoke(app, ["docs", "-o", str(target), "--context", str(context)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    onto = ontology_graph()
    terms = {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert len(terms) > 140
    missing = [t for t in terms if f'id="{anchor(t)}"' not in page
               or f"<code>{escape(str(t))}</code>" not in page]
    assert not missing
    for term in terms:          # each label, in every language, is shown
        for prop in (SKOS.prefLabel, RDFS.label):
            for label in onto.objects(term, prop):
                assert isinstance(label, Literal)
                assert escape(str(label)) in page, (term, label)
    for lang in ("vi", "en", "fr", "ru", "ar"):
        assert f'<td lang="{lang}">' in page
    assert context.read_text(encoding="utf-8") == context_path().read_text(encoding="utf-8")


def test_the_page_is_the_same_for_the_same_ontology() -> None:
    assert render(ontology_graph()) == render(ontology_graph())


def test_labels_are_escaped() -> None:
    g = Graph()
    term = URIRef("https://w3id.org/partygraph/ontology#Odd")
    g.add((term, RDF.type, OWL.Class))
    g.add((term, RDFS.label, Literal("<script>alert(1)</script>", lang="en")))
    page = render(g)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_docs_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["docs", "-o", str(tmp_path / "no" / "page.html")])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "[E602]" in said and "Traceback" not in said
