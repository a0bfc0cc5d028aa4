"""The SPARQL 1.1 Protocol over the merged graph: read-only, capped, against a deadline.

What a request may be (SPARQL 1.1 Protocol, section 2.1): ``GET /sparql?query=…``, a
``POST`` of an HTML form (``query=…``) or a ``POST`` whose body is the query
(``application/sparql-query``). An update (``update=…``, ``application/sparql-update``, or
an INSERT/DELETE… sent as a query) is refused with a 400 that says the endpoint only
reads; Oxigraph's ``query`` would not parse one anyway. The dataset is always the merged
graph (:meth:`partygraph.store.GraphStore.run`): ``default-graph-uri`` and
``named-graph-uri`` are refused rather than silently ignored.

The answer is read from Oxigraph's lazy iterator at most ``max_rows`` rows (or triples)
deep; when more were there the answer stops at the cap and :func:`evaluate` says so
(``serve`` then sends ``X-Partygraph-Truncated``). So SELECT rows are written by
rdflib's serializers (JSON, XML, CSV) from the rows kept — pyoxigraph writes only a whole
answer — and TSV, for which rdflib has none, is each term's N-Triples form, as the TSV
format is defined. Graphs are sorted (the same answer gives the same bytes) and written
by pyoxigraph (Turtle with the project's prefixes, JSON-LD, N-Triples, RDF/XML).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast
from urllib.parse import parse_qsl

import pyoxigraph as ox
from rdflib.query import Result
from rdflib.term import Identifier, Variable

from partygraph.adhoc import check_read_only
from partygraph.errors import QueryTimeoutError, ReadOnlyQueryError, RequestError
from partygraph.namespaces import PREFIXES
from partygraph.serve.negotiate import GRAPH, JSON_LD, N_TRIPLES, ROWS, TSV, TURTLE, choose
from partygraph.store import GraphStore
from partygraph.terms import OxObject, from_ox

T = TypeVar("T")
READER = "the /sparql endpoint of `partygraph serve`"
_BOOLEAN = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPH = {TURTLE.name: ox.RdfFormat.TURTLE, JSON_LD.name: ox.RdfFormat.JSON_LD,
          N_TRIPLES.name: ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


@dataclass(frozen=True)
class Answer:
    """A written answer: its bytes, media type, and whether the cap cut it."""

    body: bytes
    media_type: str
    truncated: bool = False


@dataclass(frozen=True)
class Request:
    """What a protocol request asks: the query and the ``format=`` it names, if any."""

    query: str
    fmt: str | None


def parse_request(method: str, params: Sequence[tuple[str, str]], content_type: str,
                  body: bytes) -> Request:
    """The query of a GET or POST, per the protocol; a :class:`RequestError` (400) or a
    :class:`ReadOnlyQueryError` when the request is not a read query."""
    fields = list(params)
    media = content_type.split(";", 1)[0].strip().lower()
    if method == "POST":
        if media == "application/sparql-update":
            raise ReadOnlyQueryError(f"a SPARQL update was posted: {READER} only reads")
        if media == "application/sparql-query":
            fields.append(("query", _text(body)))
        elif media == "application/x-www-form-urlencoded":
            fields += parse_qsl(_text(body), keep_blank_values=True)
        else:
            raise RequestError(f"a POST of {media or 'no content type'}: send the query as "
                               "application/sparql-query or as a form field query=")
    given = _by_name(fields)
    if "update" in given:
        raise ReadOnlyQueryError(f"update= was sent: {READER} only reads "
                                 "(send a SELECT, ASK, CONSTRUCT or DESCRIBE as query=)")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in given:
            raise RequestError(f"{name}= is not supported: queries run over the merged "
                               "graph of the store; leave it out")
    queries = given.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise RequestError("give exactly one query= (a SPARQL SELECT, ASK, CONSTRUCT or "
                           f"DESCRIBE); this request has {len(queries)}")
    fmts = given.get("format") or given.get("output") or []
    return Request(queries[0], fmts[0] if fmts else None)


def evaluate(store: GraphStore, request: Request, accept: str | None, *, max_rows: int,
             deadline: Deadline) -> Answer:
    """Run the query over the merged graph and write its answer (in a worker thread;
    :class:`QueryTimeoutError` once the deadline has passed)."""
    check_read_only(request.query, READER)
    result = store.run(request.query)
    if isinstance(result, ox.QueryBoolean):
        fmt = choose(ROWS, request.fmt, accept)
        return Answer(result.serialize(format=_BOOLEAN[fmt.name]) or b"", fmt.media_type)
    if isinstance(result, ox.QuerySolutions):
        fmt = choose(ROWS, request.fmt, accept)
        names = [v.value for v in result.variables]
        rows, cut = capped((tuple(sol) for sol in result), max_rows, deadline)
        return Answer(write_rows(names, rows, fmt.name), fmt.media_type, cut)
    fmt = choose(GRAPH, request.fmt, accept)
    triples, cut = capped(iter(result), max_rows, deadline)
    return Answer(write_graph(triples, fmt.name), fmt.media_type, cut)


@dataclass(frozen=True)
class Deadline:
    """When a request's time is up (``time.monotonic()``), out of ``seconds``."""

    seconds: float
    at: float

    @classmethod
    def start(cls, seconds: float) -> Deadline:
        return cls(seconds, time.monotonic() + seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise self.error()

    def error(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"the query ran past the time limit of {self.seconds:g} s; narrow it (a LIMIT, "
            "a more selective pattern) or start serve with a larger --timeout")


def capped(items: Iterator[T], cap: int, deadline: Deadline) -> tuple[list[T], bool]:
    """Up to ``cap`` items, and whether there were more; the deadline is checked at
    every item, so an abandoned worker stops at its next row."""
    kept: list[T] = []
    for item in items:
        deadline.check()
        if len(kept) == cap:
            return kept, True
        kept.append(item)
    return kept, False


def write_rows(names: list[str], rows: Iterable[tuple[OxObject | None, ...]], fmt: str
               ) -> bytes:
    """SELECT rows in a SPARQL results format (``json``, ``xml``, ``csv``, ``tsv``)."""
    if fmt == TSV.name:
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    result = Result("SELECT")
    variables = [Variable(n) for n in names]
    result.vars = variables
    result.bindings = [{v: cast(Identifier, from_ox(t))
                        for v, t in zip(variables, row, strict=True) if t is not None}
                       for row in rows]
    out = io.BytesIO()
    result.serialize(out, encoding="utf-8", format=fmt)
    return out.getvalue()


def write_graph(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """Triples, sorted, in an RDF format (``ttl``, ``jsonld``, ``nt``, ``rdfxml``)."""
    data = ox.serialize(sorted(triples, key=str), format=_GRAPH[fmt],
                        prefixes=_PREFIXES if fmt in ("ttl", "rdfxml") else None)
    return data or b""


def _by_name(fields: Iterable[tuple[str, str]]) -> Mapping[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in fields:
        out.setdefault(k, []).append(v)
    return out


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(f"the request body is not UTF-8 ({exc.reason} at byte "
                           f"{exc.start}); send the query in UTF-8") from exc
