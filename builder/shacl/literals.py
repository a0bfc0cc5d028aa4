"""Literal semantics exactly as pySHACL applies them, which is rdflib's view of a literal.

pySHACL validates an rdflib graph, so what a literal *is* for it is decided by rdflib:
``"01"^^xsd:integer`` is parsed (normalized) to ``"1"``, ``"1_000"^^xsd:integer`` and
``"2024-07-17Z"^^xsd:date`` are well-typed (Python's ``int()`` and rdflib's date parser
accept them), ``"2024-13-45"^^xsd:date`` is ill-typed, comparisons go through
``rdflib.Literal.__gt__`` / ``eq``. Re-implementing those rules would drift; instead the
common, unambiguous lexical forms (canonical integers, ``YYYY-MM-DD`` dates, strings)
take a fast path proven equivalent in ``tests/test_shacl_engine.py``, and every other
literal is handed to rdflib itself (cached), then judged with the same code paths as
pySHACL's constraint components.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from rdflib import Literal as RLiteral

from partygraph.shacl.terms import (
    RDF_LANGSTRING,
    RDFS,
    XSD,
    XSD_DATE,
    XSD_INTEGER,
    XSD_STRING,
    BNodeKey,
    Key,
    Lit,
    canonical,
    fast_date,
    fast_integer,
    rdflib_literal,
    rdflib_of,
)

__all__ = ["canonical", "datatype_ok", "min_inclusive_ok", "ordered", "string_of"]

RDFS_LITERAL = RDFS + "Literal"
RDFS_DATATYPE = RDFS + "Datatype"


def _rdf(key: Lit) -> RLiteral:
    if key.lang is not None or key.dt == XSD_STRING:
        lit = rdflib_of(key)
        assert isinstance(lit, RLiteral)
        return lit
    return rdflib_literal(key.lex, key.dt)


def _actual_datatype(value: Any, rule: str) -> bool:
    """pySHACL's DatatypeConstraintComponent._assert_actual_datatype."""
    if rule in (XSD_STRING, RDF_LANGSTRING):
        return isinstance(value, str | bytes)
    checks: dict[str, type | tuple[type, ...]] = {
        XSD_INTEGER: int, XSD + "float": float, XSD + "decimal": Decimal,
        XSD + "boolean": bool, XSD_DATE: dt.date, XSD + "time": dt.time,
        XSD + "dateTime": dt.datetime}
    wanted = checks.get(rule)
    return True if wanted is None else isinstance(value, wanted)


def datatype_ok(v: Key, rule: str) -> bool:
    """Whether ``v`` passes ``sh:datatype rule`` in pySHACL.

    A plain string is xsd:string both ways; an explicit ``"x"^^xsd:string`` is read as
    the plain string it denotes (RDF 1.1), where rdflib keeps a separate term.
    """
    if type(v) is not Lit:
        return False
    if rule == XSD_STRING:
        return v.dt == XSD_STRING
    if rule == RDF_LANGSTRING:
        return v.lang is not None
    if v.dt == rule:
        if rule == XSD_INTEGER and fast_integer(v.lex):
            return True
        if rule == XSD_DATE and fast_date(v.lex):
            return True
        lit = _rdf(v)
        return lit.ill_typed is not True and _actual_datatype(lit.value, rule)
    if rule == RDFS_LITERAL:
        return True
    return rule == RDFS_DATATYPE and v.lang is None and v.dt != XSD_STRING


def string_of(v: Key) -> str | None:
    """SPARQL str() as pySHACL's string-based components take it; None for a blank node."""
    if type(v) is BNodeKey:
        return None
    if type(v) is Lit:
        return v.lex
    assert isinstance(v, str)
    return v


def _compare_literal(l1: RLiteral, l2: RLiteral) -> int:
    """pySHACL's rdfutil.compare.compare_literal."""
    if l1.eq(l2):
        return 0
    if l1.value.__class__ in (dt.datetime, dt.time):
        if l1.value == l2.value:
            return 0
        if l1.value > l2.value:
            return 1
    elif l1 > l2:
        return 1
    return -1


def min_inclusive_ok(v: Key, bound: Lit) -> bool:
    """Whether ``v`` passes ``sh:minInclusive bound`` in pySHACL."""
    if type(v) is not Lit:
        return False
    if (v.dt == XSD_INTEGER and bound.dt == XSD_INTEGER and fast_integer(v.lex)
            and fast_integer(bound.lex)):
        return int(v.lex) >= int(bound.lex)
    lv, lb = _rdf(v), _rdf(bound)
    if isinstance(lv.value, str) != isinstance(lb.value, str):
        return False
    try:
        return _compare_literal(lv, lb) >= 0
    except (TypeError, NotImplementedError):
        return False


def _comparable(v: Key) -> tuple[bool, Any]:
    """(is a string, the value pySHACL compares) for sh:lessThan(OrEquals)."""
    if type(v) is Lit:
        lit = _rdf(v)
        return (True, lit.value) if isinstance(lit.value, str) else (False, lit)
    return True, str(v)


def ordered(a: Key, b: Key, or_equal: bool) -> bool:
    """Whether ``a < b`` (``a <= b``) holds as pySHACL's sh:lessThan(OrEquals) decides.

    A blank node makes pySHACL abort the whole validation; here it is simply not
    ordered (a result), which is what the SHACL specification asks for.
    """
    if type(a) is BNodeKey or type(b) is BNodeKey:
        return False
    if type(a) is Lit and type(b) is Lit and a.dt == b.dt:
        if a.dt == XSD_INTEGER and fast_integer(a.lex) and fast_integer(b.lex):
            x, y = int(a.lex), int(b.lex)
            return x <= y if or_equal else x < y
        if a.dt == XSD_DATE and fast_date(a.lex) and fast_date(b.lex):
            return a.lex <= b.lex if or_equal else a.lex < b.lex
    a_str, va = _comparable(a)
    b_str, vb = _comparable(b)
    if a_str != b_str:
        return False
    try:
        return bool(va <= vb) if or_equal else bool(va < vb)
    except TypeError:
        return False
