"""Terms and statements between pyoxigraph, rdflib and N-Triples text, in one place.

partygraph stores and queries with pyoxigraph, builds and validates some graphs with rdflib
(and its users may hold rdflib terms), and keeps each article graph as canonical N-Triples
lines: the conversions between the three, and the types of pyoxigraph's terms as partygraph
uses them, live here. rdflib is imported inside the functions that make or read its terms,
so the query path, which never does, starts without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from partygraph.errors import StoreError

if TYPE_CHECKING:
    from rdflib.term import Node

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}
# pyoxigraph's terms, as its stubs type the parts of a triple: a subject or an object
# may also be an RDF 1.2 triple term (ox.Triple). partygraph never makes one, but what
# pyoxigraph parses or returns is typed so, and is narrowed where it matters.
OxResource = ox.NamedNode | ox.BlankNode            # a node: an IRI or a blank node
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal    # a term partygraph makes (to_ox)
OxSubject = ox.NamedNode | ox.BlankNode | ox.Triple
OxPredicate = ox.NamedNode
OxObject = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
OxTriple = tuple[OxSubject, OxPredicate, OxObject]
Triple = tuple["Node", "Node", "Node"]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


def to_ox(term: Node | OxObject) -> OxTerm:
    """rdflib term -> pyoxigraph term (pyoxigraph terms pass through).

    rdflib is imported here, not with the module: only a caller holding rdflib terms gets
    this far, and the query path (pyoxigraph terms only) starts faster without it."""
    if isinstance(term, _OX_TERMS):
        return term
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store term {term!r}: only IRIs, blank nodes and literals")


def to_ox_triple(triple: Triple | OxTriple) -> OxTriple:
    """rdflib or pyoxigraph terms -> a pyoxigraph triple: an IRI or a blank node as the
    subject, an IRI as the predicate."""
    s, p, o = (to_ox(t) for t in triple)
    if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode):
        raise StoreError(f"cannot store triple {triple!r}: a literal subject or a "
                         "predicate that is not an IRI")
    return s, p, o


def from_ox(term: OxObject) -> Node:
    """pyoxigraph term -> rdflib term (xsd:string literals become plain literals)."""
    from rdflib import BNode, Literal, URIRef  # see to_ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if not isinstance(term, ox.Literal):
        raise StoreError(f"cannot read term {term!r}: only IRIs, blank nodes and literals")
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(dt))


def nt_line(triple: Triple | OxTriple) -> str:
    """The canonical N-Triples statement of a triple."""
    s, p, o = triple
    return f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ."


def parse_lines(lines: Iterable[str]) -> Iterator[OxTriple]:
    """Triples of N-Triples statements (parsed in Rust, a batch at a time)."""
    data = "\n".join(lines)
    if not data:
        return
    for t in ox.parse(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        yield t.subject, t.predicate, t.object
