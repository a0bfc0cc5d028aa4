"""Named queries: ``queries/NAME.rq`` (SPARQL) and ``queries/NAME.cypher`` (Cypher).

Each file declares its parameters in its header::

    # param: person literal  canonical name of the chair (optional)

and every parameter reaches the store as a bound value (SPARQL substitutions, Cypher
parameters), never as text spliced into the query. A SPARQL query may have *variants*,
``NAME@PARAM.rq`` (or ``NAME@P1+P2.rq``): the same question written to start from that
parameter, run when it is given — Oxigraph plans before it substitutes, so the file
decides where evaluation starts (see the note at the head of each query).

A final ``ORDER BY`` of plain ascending variables that are all shown is applied by the
runner, on the rows' text, rather than by Oxigraph, whose ORDER BY decodes each key from
the store at every comparison: on an answer of thousands of rows that is most of the
query's time. The two orders agree where every key column holds one kind of value whose
SPARQL order is its text order (strings, IRIs, ISO dates; unbound first); a test checks
it for every named query.

Types: ``literal`` (a string),
``date`` (YYYY-MM-DD), and the three vocabularies ``role``, ``orgtype``, ``doctype``
(a concept's local name, e.g. ``head``), which become concept IRIs in SPARQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from partygraph.errors import QueryError, QueryParameterError, UnknownQueryError
from partygraph.names import canonical_names, canonical_spelling, is_name_parameter
from partygraph.resources import folder
from partygraph.store import QuerySource
from partygraph.vocabulary import DOC_TYPES, ORG_TYPES, PGDOC_NS, PGORG_NS, PGROLE_NS, ROLES

V = TypeVar("V")   # a value of a result row (text from the store, any Cypher value)
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s+(\w+)\s*(.*)$")
_ORDER_BY = re.compile(r"\n\s*ORDER\s+BY((?:\s+\?\w+)+)\s*$", re.IGNORECASE)
_VOCAB = {"role": (PGROLE_NS, ROLES), "orgtype": (PGORG_NS, ORG_TYPES),
          "doctype": (PGDOC_NS, DOC_TYPES)}
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    doc: str

    @property
    def required(self) -> bool:
        return "(required)" in self.doc


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    output: tuple[str, ...]      # the columns shown, in order (``# output:`` header)
    sparql: str | None
    cypher: str | None
    variants: tuple[tuple[frozenset[str], str], ...] = ()

    def sparql_for(self, given: set[str] | frozenset[str]) -> str | None:
        """The SPARQL text to run when ``given`` parameters are bound: the variant
        written for the most of them, else the base query."""
        best = None
        for params, text in self.variants:
            if params <= given and (best is None or len(params) > len(best[0])):
                best = (params, text)
        return best[1] if best else self.sparql


def available() -> list[str]:
    return sorted({p.stem for p in folder("queries").glob("*.rq") if "@" not in p.stem}
                  | {p.stem for p in folder("queries").glob("*.cypher")})


def load(name: str) -> NamedQuery:
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", name):
        raise UnknownQueryError(f"{name!r} is not a query name; known: {', '.join(available())}")
    rq = folder("queries") / f"{name}.rq"
    cy = folder("queries") / f"{name}.cypher"
    if not rq.exists() and not cy.exists():
        raise UnknownQueryError(f"no query named {name!r}; known: {', '.join(available())}")
    sparql = rq.read_text(encoding="utf-8") if rq.exists() else None
    cypher = cy.read_text(encoding="utf-8") if cy.exists() else None
    header = sparql or cypher or ""
    params = []
    description = ""
    output: tuple[str, ...] = ()
    for line in header.splitlines():
        line = line.replace("//", "#", 1) if line.startswith("//") else line
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group(1), m.group(2), m.group(3).strip()))
        elif line.startswith("# description:"):
            description = line.split(":", 1)[1].strip()
        elif line.startswith("# output:"):
            output = tuple(line.split(":", 1)[1].split())
    variants = tuple(sorted(
        (frozenset(v.stem.split("@", 1)[1].split("+")), v.read_text(encoding="utf-8"))
        for v in folder("queries").glob(f"{name}@*.rq")))
    known = {p.name for p in params}
    for names, _ in variants:
        if not names <= known:
            raise QueryError(f"a variant of {name!r} names a parameter it does not declare: "
                             f"{', '.join(sorted(names - known))}")
    return NamedQuery(name, description, tuple(params), output, sparql, cypher, variants)


def select_output(query: NamedQuery, columns: list[str], rows: list[tuple[V, ...]]
                  ) -> tuple[list[str], list[tuple[V, ...]]]:
    """Keep the declared output columns (parameters are projected only so that the
    store can bind them) in the declared order."""
    if not query.output:
        return columns, rows
    idx = [columns.index(c) for c in query.output if c in columns]
    return [columns[i] for i in idx], [tuple(r[i] for i in idx) for r in rows]


def run_sparql(query: NamedQuery, given: dict[str, str], store: QuerySource
               ) -> tuple[list[str], list[tuple[str, ...]]]:
    """Run the SPARQL form on a :class:`~partygraph.store.GraphStore`; rows as strings.

    A name parameter is matched however it is written (marks, case, script): it is
    resolved to the canonical names of the store first (:mod:`partygraph.names`), and the
    query runs once for each (rarely more than one), its rows merged."""
    if query.sparql is None:
        raise QueryError(f"query {query.name!r} has no SPARQL form")
    sparql_bindings(query, given)       # the values are checked before any lookup
    text = query.sparql_for(set(given))
    assert text is not None
    text, keys = runner_order(text, query.output)
    columns: list[str] = []
    rows: list[tuple[str, ...]] = []
    combos = _canonical_givens(query, given, store)
    for spelled in combos:
        columns, found = store.query_text(text, sparql_bindings(query, spelled))
        rows += found
    if len(combos) > 1:
        rows = list(dict.fromkeys(rows))
    columns, rows = select_output(query, columns, rows)
    if keys:
        rows.sort(key=itemgetter(*(columns.index(k) for k in keys)))
    return columns, rows


def _canonical_givens(query: NamedQuery, given: dict[str, str], store: QuerySource
                      ) -> list[dict[str, str]]:
    """``given`` with each name parameter replaced by a canonical name of the store, one
    dict per combination."""
    combos = [dict(given)]
    for p in query.params:
        if p.name in given and is_name_parameter(p.kind, p.doc):
            names = canonical_names(store, given[p.name])
            combos = [{**c, p.name: n} for c in combos for n in names]
    return combos


def runner_order(sparql: str, output: tuple[str, ...]) -> tuple[str, list[str]]:
    """(the query without its final ORDER BY, the columns to sort by) when every key is
    a plain ascending variable among ``output``; else (the query, [])."""
    m = _ORDER_BY.search(sparql)
    keys = m.group(1).replace("?", " ").split() if m else []
    if not m or not set(keys) <= set(output):
        return sparql, []
    return sparql[:m.start()] + "\n", keys


def _check(query: NamedQuery, given: dict[str, str]) -> None:
    known = {p.name for p in query.params}
    unknown = set(given) - known
    if unknown:
        raise QueryParameterError(
            f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(sorted(known)) or 'none'}")
    missing = [p.name for p in query.params if p.required and p.name not in given]
    if missing:
        raise QueryParameterError(f"query {query.name!r} needs --param {missing[0]}=…")


def sparql_bindings(query: NamedQuery, given: dict[str, str],
                    ) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed RDF values (pyoxigraph terms) for the parameters given on the command line."""
    _check(query, given)
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in query.params:
        if p.name not in given:
            continue
        value = given[p.name]
        if p.kind in _VOCAB:
            ns, allowed = _VOCAB[p.kind]
            if value not in allowed:
                raise QueryParameterError(
                    f"{value!r} is not a {p.kind}; one of: {', '.join(allowed)}")
            out[p.name] = ox.NamedNode(ns + value)
        elif p.kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                raise QueryParameterError(
                    f"--param {p.name} wants a date YYYY-MM-DD, not {value!r}") from exc
            out[p.name] = ox.Literal(value, datatype=_XSD_DATE)
        else:
            out[p.name] = ox.Literal(value)
    return out


def cypher_parameters(query: NamedQuery, given: dict[str, str]) -> dict[str, object]:
    """Parameters for the Cypher twin: plain strings (concepts by local name), or None."""
    _check(query, given)
    out: dict[str, object] = {p.name: None for p in query.params}
    for p in query.params:
        if p.name in given:
            value = given[p.name]
            if p.kind in _VOCAB and value not in _VOCAB[p.kind][1]:
                raise QueryParameterError(f"{value!r} is not a {p.kind}")
            out[p.name] = canonical_spelling(value) if is_name_parameter(p.kind, p.doc) \
                else value
    return out


def query_files() -> list[Path]:
    return sorted(folder("queries").glob("*.rq"))
