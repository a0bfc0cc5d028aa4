"""The RDF <-> property-graph mapping on its own (no server): every name and value maps
back to the RDF it came from."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import BNode, Literal, URIRef

from partygraph import namespaces as ns
from partygraph.errors import StoreError
from partygraph.neo4j import mapping as m
from partygraph.neo4j import views as v

S = URIRef("https://w3id.org/partygraph/id/person/nguyen-van-an")
EX = "http://example.org/vocab#"


def roundtrip(statements: list[tuple[URIRef, object]]) -> set[tuple[object, object]]:
    """Statements -> view (labels, properties, relationships) -> statements."""
    view = v.view_of(statements)                       # type: ignore[arg-type]
    props, conflicts = view.props()
    assert not conflicts
    out_rels = [(t, other) for t, other, out in view.rels]
    return {(p, o) for _, p, o in v.view_statements(m.node_key(S), view.labels | {m.RESOURCE},
                                                    props, out_rels)}


def test_contract_terms_have_readable_names() -> None:
    assert m.predicate_map(str(ns.PG.canonicalName)).name == "canonicalName"
    assert m.predicate_map(str(ns.PG.chairedBy)).rel == "CHAIRED_BY"
    assert m.predicate_map(str(ns.ORG.subOrganizationOf)).rel == "SUB_ORGANIZATION_OF"
    member = m.predicate_map(str(ns.ORG.member))
    assert (member.rel, member.reverse) == ("HOLDS", True)
    assert m.class_label(str(ns.ORG.Membership)) == "Membership"
    assert m.class_label(str(ns.PG.PartyCommittee)) == "PartyCommittee"


def test_names_map_back_to_one_term() -> None:
    names = [p.name for p in m.PREDICATES]
    rels = [p.rel for p in m.PREDICATES]
    assert len(set(names)) == len(names) and len(set(rels)) == len(rels)
    assert len(set(m.CLASSES.values())) == len(m.CLASSES)
    for iri in (str(ns.DCTERMS.title), EX + "weird", "urn:x:y", str(ns.SKOS.note)):
        pm = m.predicate_map(iri)
        assert m.predicate_of_name(pm.name).iri == iri
        assert m.predicate_of_rel(pm.rel).iri == iri
        assert m.class_of_label(m.class_label(iri)) == iri
    assert m.generic_name(str(ns.DCTERMS.title)) == "dcterms__title"
    assert m.generic_name(EX + "weird") == EX + "weird"
    with pytest.raises(StoreError):
        m.predicate_of_name("no_such_name")


def test_literals_keep_datatype_and_language() -> None:
    statements = [
        (ns.RDF.type, ns.PG.Person),
        (ns.PG.canonicalName, Literal("Nguyen Van An")),
        (ns.RDFS.label, Literal("Nguyễn Văn An", lang="vi")),
        (ns.SKOS.altLabel, Literal("Нгуен Ван Ан", lang="ru")),
        (ns.SKOS.altLabel, Literal("Nguyen Van An", lang="fr")),
        (ns.SKOS.altLabel, Literal("Nguyen V. An", lang="fr")),
        (ns.PG.groupNumber, Literal(4)),
        (ns.PG.firstSeen, Literal(dt.date(2024, 7, 17))),
        (URIRef(EX + "flag"), Literal(True)),
        (URIRef(EX + "ratio"), Literal("0.50", datatype=ns.XSD.decimal)),
        (URIRef(EX + "when"), Literal("2024-07-17T08:00:00Z", datatype=ns.XSD.dateTime)),
        (URIRef(EX + "custom"), Literal("x y", datatype=URIRef(EX + "Type"))),
        (URIRef(EX + "quote"), Literal('say "hi"\nand \\ leave\r')),
    ]
    assert roundtrip(statements) == set(statements)


def test_view_properties_are_typed_for_cypher() -> None:
    view = v.view_of([
        (ns.PG.canonicalName, Literal("Nguyen Van An")),
        (ns.SKOS.altLabel, Literal("B", lang="fr")), (ns.SKOS.altLabel, Literal("A", lang="fr")),
        (ns.PG.groupNumber, Literal(4)), (ns.PG.issuedOn, Literal(dt.date(2023, 12, 8))),
        (ns.ORG.role, ns.PGROLE.head), (ns.PG.orgType, ns.PGORG["party-committee"]),
        (ns.PG.documentType, ns.PGDOC.resolution), (ns.PG.assertedProperty, ns.ORG.role),
    ])
    props, _ = view.props()
    assert props == {
        "canonicalName": "Nguyen Van An",           # functional: a scalar
        "altLabel@fr": ["A", "B"],                  # language in the key, sorted list
        "groupNumber": 4, "issuedOn": dt.date(2023, 12, 8),
        "role": "head", "orgType": "party-committee", "documentType": "resolution",
        "assertedProperty": str(ns.ORG.role),
    }


def test_mixed_types_under_one_name_stay_apart() -> None:
    p = URIRef(EX + "value")
    statements = [(p, Literal("text")), (p, Literal(5)), (p, Literal(dt.date(2020, 1, 1))),
                  (p, Literal(False))]
    props, _ = v.view_of(statements).props()
    assert props[m.generic_name(str(p))] == ["text"]        # Neo4j lists are homogeneous
    assert roundtrip(statements) == set(statements)


def test_concept_outside_its_scheme_is_a_relationship() -> None:
    odd = URIRef(EX + "not-a-role")
    view = v.view_of([(ns.ORG.role, odd), (ns.ORG.role, ns.PGROLE.head),
                      (ns.ORG.role, Literal("head"))])
    props, _ = view.props()
    assert props["role"] == "head"
    assert props["role^^xsd:string"] == ["head"]     # a literal never poses as a concept
    assert view.rels == {("ROLE", str(odd), True)}
    statements = [(ns.ORG.role, odd), (ns.ORG.role, ns.PGROLE.head),
                  (ns.ORG.role, Literal("head"))]
    assert roundtrip(statements) == set(statements)


def test_functional_property_with_two_values_is_reported_not_lost() -> None:
    view = v.view_of([(ns.PG.canonicalName, Literal("Le Van Dung")),
                      (ns.PG.canonicalName, Literal("Le Van Zung"))])
    props, conflicts = view.props()
    assert conflicts == ["canonicalName"]
    assert props["canonicalName"] == ["Le Van Dung", "Le Van Zung"]


def test_blank_nodes_and_reversed_relationships() -> None:
    b = BNode("abc123")
    view = v.view_of([(ns.ORG.member, S), (ns.ORG.memberDuring, b)])
    assert view.rels == {("HOLDS", str(S), False), ("MEMBER_DURING", "_:abc123", True)}
    assert m.key_term(m.node_key(b)) == b
    assert m.key_term(m.node_key(S)) == S


def test_statement_text_is_n_triples() -> None:
    objects = [Literal('a "quoted"\nline\\'), Literal("x", lang="pt-BR"), Literal(7),
               Literal("2024-01-01", datatype=ns.XSD.date), URIRef(EX + "o"), BNode("b1"),
               Literal("ü ệ ش")]
    texts = [m.statement_text(ns.RDFS.comment, o) for o in objects]
    back = list(m.parse_statements(str(S), texts))
    assert back == [(ns.RDFS.comment, o) for o in objects]


def test_views_from_pyoxigraph_terms_equal_views_from_rdflib_terms() -> None:
    """The loader reads the store's N-Triples as pyoxigraph terms (``NodeView.add_ox``,
    ``ox_key``); the node, its labels, properties and relationships must be exactly those
    the rdflib terms give, and each statement's text the same N-Triples."""
    from partygraph.terms import to_ox

    statements: list[tuple[URIRef, object]] = [
        (ns.RDF.type, ns.PG.Person), (ns.RDF.type, URIRef(EX + "Thing")),
        (ns.RDF.type, Literal("not a class")), (ns.RDF.type, BNode("cls")),
        (ns.PG.canonicalName, Literal("Nguyễn Văn An")),
        (ns.SKOS.altLabel, Literal("Nguyen Van An", lang="fr")),
        (ns.PG.startOffset, Literal(12, datatype=ns.XSD.integer)),
        (ns.SDO.startDate, Literal("2021-03-04", datatype=ns.XSD.date)),
        (ns.PG.quote, Literal('say "a"\tand\\b\nnext', datatype=ns.XSD.string)),
        (ns.ORG.role, URIRef(str(ns.PGROLE) + "head")), (ns.ORG.role, URIRef(EX + "odd")),
        (ns.PG.assertedProperty, ns.PG.chairedBy), (ns.ORG.member, BNode("m1")),
        (ns.PG.chairedBy, S), (URIRef(EX + "custom"), Literal("x", datatype=URIRef(EX + "t"))),
    ]
    from_rdflib, from_ox = v.NodeView(), v.NodeView()
    for p, o in statements:
        from_rdflib.add(p, o)                              # type: ignore[arg-type]
        from_ox.add_ox(str(p), to_ox(o))                   # type: ignore[arg-type]
        assert f"{to_ox(p)} {to_ox(o)}" == m.statement_text(p, o)  # type: ignore[arg-type]
    assert from_ox == from_rdflib
    assert m.ox_key(to_ox(BNode("b7"))) == m.node_key(BNode("b7"))
    assert m.ox_key(to_ox(S)) == m.node_key(S)
    with pytest.raises(StoreError):
        m.ox_key(to_ox(Literal("x")))
