"""Quarantine: a node the shapes reject leaves the article's graph, the rest stays."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from partygraph import gazetteer, ingest
from partygraph.errors import InputError
from partygraph.extract import extract
from partygraph.iris import Minter
from partygraph.matching import IdentityIndex
from partygraph.resolve import resolve_article
from partygraph.terms import from_ox
from partygraph.triples import article_triples
from partygraph.validate import pyshacl_reference, split_valid

PG = "https://w3id.org/partygraph/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ORG_ROLE = ox.NamedNode("http://www.w3.org/ns/org#role")
EMPEROR = ox.NamedNode("https://w3id.org/partygraph/role/emperor")


def seed_triples(examples_dir: Path, name: str) -> list:
    doc = next(ingest.read([examples_dir / name]))
    assert not isinstance(doc, InputError)
    return article_triples(resolve_article(extract(doc), IdentityIndex(), gazetteer.load()),
                           Minter())


def conforms(triples: list) -> bool:
    """pySHACL's verdict (the reference) on pyoxigraph triples."""
    g = Graph()
    for s, p, o in triples:
        g.add((from_ox(s), from_ox(p), from_ox(o)))
    return pyshacl_reference(g)[0]


def about(triples: list, node: ox.NamedNode) -> list:
    return [t for t in triples if t[0] == node]


def test_a_seed_article_graph_conforms(examples_dir: Path) -> None:
    triples = seed_triples(examples_dir, "001_d27e9fb1fb290d13.txt")
    assert conforms(triples)
    assert split_valid(triples, "001_d27e9fb1fb290d13.txt") == (triples, [], [])


def test_broken_membership_goes_to_quarantine(examples_dir: Path) -> None:
    triples = seed_triples(examples_dir, "001_d27e9fb1fb290d13.txt")
    memberships = sorted({s for s, p, o in triples
                          if p == RDF_TYPE and o.value == "http://www.w3.org/ns/org#Membership"},
                         key=str)
    victim = memberships[0]
    triples = [t for t in triples if not (t[0] == victim and t[1] == ORG_ROLE)]
    triples.append((victim, ORG_ROLE, EMPEROR))          # not a role of the vocabulary
    before = len(triples)
    valid, quarantine, violations = split_valid(triples, "001_d27e9fb1fb290d13.txt")
    assert conforms(valid)
    assert (victim, ORG_ROLE, EMPEROR) in quarantine
    assert not about(valid, victim)
    assert len(valid) + len(quarantine) == before
    assert all(about(valid, m) for m in memberships[1:])
    evidence = {o for s, p, o in triples if s == victim and p.value == PG + "evidence"}
    assert evidence and all(not about(valid, e) and about(quarantine, e) for e in evidence)
    (v,) = [v for v in violations if v.focus == victim.value]
    line = v.line()
    assert "001_d27e9fb1fb290d13.txt" in line and "role" in line
    assert "Nguyen" in v.evidence or "camarade" in v.evidence.lower()


def test_broken_document_number_is_reported(examples_dir: Path) -> None:
    triples = seed_triples(examples_dir, "000_acaa6c502574b0ff.txt")
    number = ox.NamedNode(PG + "documentNumber")
    doc, _, _ = next(t for t in triples if t[1] == number and t[2].value.startswith("17"))
    bad = (doc, number, ox.Literal("17 / 2023 / nq-hđnd"))
    triples = [t for t in triples if not (t[0] == doc and t[1] == number)] + [bad]
    valid, quarantine, violations = split_valid(triples, "000_acaa6c502574b0ff.txt")
    assert conforms(valid)
    assert any(v.focus == doc.value and v.path == "documentNumber" for v in violations)
    assert bad in quarantine
    article = ox.NamedNode(str(Minter().article("000_acaa6c502574b0ff.txt")))
    assert (article, RDF_TYPE, ox.NamedNode(PG + "Article")) in valid
    assert any(p.value == "http://www.w3.org/ns/prov#wasDerivedFrom" and o == article
               for s, p, o in valid)


def test_an_rdflib_graph_is_still_accepted(examples_dir: Path) -> None:
    triples = seed_triples(examples_dir, "000_acaa6c502574b0ff.txt")
    g = Graph()
    for s, p, o in triples:
        g.add((from_ox(s), from_ox(p), from_ox(o)))
    valid, quarantine, violations = split_valid(g, "000_acaa6c502574b0ff.txt")
    assert set(valid) == set(triples) and quarantine == [] and violations == []
