"""The engine's own representation of RDF terms, and conversions from pyoxigraph/rdflib.

Why not validate pyoxigraph terms directly: their hashes are computed in Rust on every
dict lookup and every attribute read crosses into Rust, so the index and the checks would
pay that on each access. A term is converted once, when the data is indexed, into a plain
Python *key* whose hash is cached:

- an IRI is its ``str`` value;
- a blank node is a :class:`BNodeKey` (``"_:" + id``; no absolute IRI starts with ``_:``);
- a literal is a :class:`Lit` ``(lexical, datatype IRI, language)``: plain strings get
  ``xsd:string``, language-tagged strings ``rdf:langString`` and a lower-case tag, and the
  lexical form is the one rdflib would hold after parsing (see
  :func:`partygraph.shacl.literals.canonical`), because pySHACL, the reference, sees the
  data through rdflib.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode as RBNode
from rdflib import Literal as RLiteral
from rdflib import URIRef
from rdflib.term import Node

from partygraph.errors import ConfigurationError

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
RDF_LANGSTRING = RDF + "langString"
RDFS_SUBCLASSOF = RDFS + "subClassOf"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_DATE = XSD + "date"
SH_VIOLATION = SH + "Violation"
SH_WARNING = SH + "Warning"
SH_INFO = SH + "Info"


class BNodeKey(str):
    """A blank node: ``"_:" + its id``."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: lexical form (rdflib-normalized), datatype IRI, language tag or None."""

    lex: str
    dt: str
    lang: str | None


Key = str | Lit          # str covers IRIs and BNodeKey
Term = ox.NamedNode | ox.BlankNode | ox.Literal
KeyTriple = tuple[Key, str, Key]

_intern = sys.intern


INTEGER = re.compile(r"0|-?[1-9][0-9]*")   # canonical xsd:integer lexical forms
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RDFLIB_TERM_LOG = logging.getLogger("rdflib.term")


def fast_integer(lex: str) -> bool:
    """A canonical xsd:integer form (rdflib keeps it as is and calls it well-typed)."""
    return INTEGER.fullmatch(lex) is not None


def fast_date(lex: str) -> bool:
    """A valid ``YYYY-MM-DD`` date (rdflib keeps it as is and calls it well-typed)."""
    m = _DATE.fullmatch(lex)
    if m is None:
        return False
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=200_000)
def rdflib_literal(lex: str, datatype: str) -> RLiteral:
    """rdflib's literal for a lexical form (its parse warnings on ill-typed forms muted)."""
    was = _RDFLIB_TERM_LOG.disabled
    _RDFLIB_TERM_LOG.disabled = True
    try:
        return RLiteral(lex, datatype=URIRef(datatype))
    finally:
        _RDFLIB_TERM_LOG.disabled = was


def canonical(lex: str, datatype: str) -> str:
    """The lexical form rdflib keeps for ``lex^^datatype`` once parsed (``"01"`` ->
    ``"1"`` for xsd:integer, ``"2024-07-17Z"`` -> ``"2024-07-17"`` for xsd:date)."""
    if datatype == XSD_INTEGER and fast_integer(lex):
        return lex
    if datatype == XSD_DATE and fast_date(lex):
        return lex
    return str(rdflib_literal(lex, datatype))


def lit_key(lit: ox.Literal) -> Lit:
    """The key of a pyoxigraph literal."""
    lang = lit.language
    if lang:
        return Lit(lit.value, RDF_LANGSTRING, lang.lower())
    dt = lit.datatype.value
    if dt == XSD_STRING:
        return Lit(lit.value, XSD_STRING, None)
    return Lit(canonical(lit.value, dt), _intern(dt), None)


def key_of(term: Term | ox.Triple) -> Key:
    """The key of a pyoxigraph term (RDF-star quoted triples are not supported)."""
    if isinstance(term, ox.NamedNode):
        return _intern(term.value)
    if isinstance(term, ox.Literal):
        return lit_key(term)
    if isinstance(term, ox.BlankNode):
        return BNodeKey("_:" + term.value)
    raise ConfigurationError(f"not an RDF term the validator reads: {term!r}")


def key_of_rdflib(term: Node) -> Key:
    """The key of an rdflib term (an rdflib literal keeps its own lexical form)."""
    if isinstance(term, URIRef):
        return _intern(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return Lit(str(term), RDF_LANGSTRING, term.language.lower())
        if term.datatype is None or str(term.datatype) == XSD_STRING:
            return Lit(str(term), XSD_STRING, None)
        dt = str(term.datatype)
        return Lit(canonical(str(term), dt), _intern(dt), None)
    if isinstance(term, RBNode):
        return BNodeKey("_:" + str(term))
    raise ConfigurationError(f"not an RDF term the validator reads: {term!r}")


def term_of(key: Key) -> Term:
    """The pyoxigraph term of a key (for results)."""
    if type(key) is str:
        return ox.NamedNode(key)
    if type(key) is BNodeKey:
        return ox.BlankNode(key[2:])
    assert isinstance(key, Lit)
    if key.lang is not None:
        return ox.Literal(key.lex, language=key.lang)
    return ox.Literal(key.lex, datatype=ox.NamedNode(key.dt))


def rdflib_of(key: Key) -> Node:
    """The rdflib term pySHACL would hold for a key (plain literal for xsd:string)."""
    if type(key) is str:
        return URIRef(key)
    if type(key) is BNodeKey:
        return RBNode(key[2:])
    assert isinstance(key, Lit)
    if key.lang is not None:
        return RLiteral(key.lex, lang=key.lang)
    if key.dt == XSD_STRING:
        return RLiteral(key.lex)
    return RLiteral(key.lex, datatype=URIRef(key.dt))


def is_iri(key: Key) -> bool:
    return type(key) is str


def is_bnode(key: Key) -> bool:
    return type(key) is BNodeKey


def is_literal(key: Key) -> bool:
    return type(key) is Lit


def show(key: Key) -> str:
    """A short readable form of a key, for messages."""
    if type(key) is Lit:
        if key.lang:
            return f'"{key.lex}"@{key.lang}'
        return f'"{key.lex}"' if key.dt == XSD_STRING else f'"{key.lex}"^^<{key.dt}>'
    return key if type(key) is BNodeKey else f"<{key}>"


def sort_key(key: Key | None) -> tuple[int, str, str, str]:
    """A total order over keys (None first, then IRIs, blank nodes, literals)."""
    if key is None:
        return (0, "", "", "")
    if type(key) is str:
        return (1, key, "", "")
    if type(key) is BNodeKey:
        return (2, key, "", "")
    assert isinstance(key, Lit)
    return (3, key.lex, key.dt, key.lang or "")
