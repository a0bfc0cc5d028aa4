"""Quarantine: a node the shapes reject leaves the article's graph, the rest stays."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from builder import gazetteer, ingest
from builder.build import article_graph
from builder.extract import extract
from builder.iris import Minter
from builder.namespaces import ORG, PG, PGROLE, PROV, RDF
from builder.resolve import IdentityIndex
from builder.validate import split_valid, violations_of


def seed_graph(examples_dir: Path, name: str):
    doc = next(ingest.read([examples_dir / name]))
    return article_graph(extract(doc), Minter(), gazetteer.load(), IdentityIndex())


def test_a_seed_article_graph_conforms(examples_dir: Path) -> None:
    conforms, _ = violations_of(seed_graph(examples_dir, "001_d27e9fb1fb290d13.txt"))
    assert conforms


def test_broken_membership_goes_to_quarantine(examples_dir: Path) -> None:
    g = seed_graph(examples_dir, "001_d27e9fb1fb290d13.txt")
    memberships = sorted(g.subjects(RDF.type, ORG.Membership))
    victim = memberships[0]
    g.set((victim, ORG.role, PGROLE["emperor"]))          # not a role of the vocabulary
    before = len(g)
    valid, quarantine, violations = split_valid(g, "001_d27e9fb1fb290d13.txt")
    assert violations_of(valid)[0]
    assert (victim, ORG.role, PGROLE["emperor"]) in quarantine
    assert not list(valid.triples((victim, None, None)))
    assert len(valid) + len(quarantine) == before
    assert all(len(list(valid.triples((m, None, None)))) > 0 for m in memberships[1:])
    (v,) = [v for v in violations if v.focus == str(victim)]
    line = v.line()
    assert "001_d27e9fb1fb290d13.txt" in line and "role" in line
    assert "Nguyen" in v.evidence or "camarade" in v.evidence.lower()


def test_broken_document_number_is_reported(examples_dir: Path) -> None:
    g = seed_graph(examples_dir, "000_acaa6c502574b0ff.txt")
    doc = next(d for d in g.subjects(RDF.type, PG.LegalDocument)
               if str(g.value(d, PG.documentNumber)).startswith("17"))
    g.set((doc, PG.documentNumber, Literal("17 / 2023 / nq-hđnd")))
    valid, quarantine, violations = split_valid(g, "000_acaa6c502574b0ff.txt")
    assert violations_of(valid)[0]
    assert any(v.focus == str(doc) for v in violations)
    assert (doc, PG.documentNumber, Literal("17 / 2023 / nq-hđnd")) in quarantine
    article = URIRef(str(Minter().article("000_acaa6c502574b0ff.txt")))
    assert (article, RDF.type, PG.Article) in valid
    assert any(valid.triples((None, PROV.wasDerivedFrom, article)))
