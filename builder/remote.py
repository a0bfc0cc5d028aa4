"""Any SPARQL 1.1 store as a target and a query source: the Graph Store Protocol to load,
the SPARQL 1.1 Protocol to query.

Loading puts each article graph (and the timeline graph) as one named graph with an HTTP
``PUT``, which the protocol defines as *replace*: a re-load leaves each graph holding
exactly what the local store holds, never twice. The quarantine graphs stay out unless
asked for, as in every other way out of the store. Queries assume the store answers over
the union of its named graphs by default (Fuseki's and GraphDB's ``unionDefaultGraph``,
Virtuoso's default), where a fact stated by many articles is seen once.

The protocol has no parameters: a query's values are sent as a ``VALUES`` block made from
typed pyoxigraph terms (their N-Triples form, which Oxigraph escapes), the way rdflib's
SPARQLStore sends ``initBindings``; no user text is spliced into a query. The block opens
the query's outer WHERE group, so a FILTER there sees the value bound, as with Oxigraph's
substitution (a trailing ``VALUES`` would join after the filters and differ).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox

from partygraph.errors import StoreError
from partygraph.store import GraphStore
from partygraph.terms import OxTerm

_RESULTS = "application/sparql-results+json"
_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


@dataclass
class RemoteLoad:
    """What one load did."""

    graphs: int = 0
    statements: int = 0
    pruned: list[str] = field(default_factory=list)


def _client(workers: int | None = None) -> httpx.Client:
    # bounded retries on connection failures only: a PUT that reached the server is not
    # repeated blindly, it is reported; a loader keeps one connection alive per worker
    limits = (httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
              if workers else httpx.Limits())
    return httpx.Client(timeout=_TIMEOUT, transport=httpx.HTTPTransport(retries=2),
                        limits=limits)


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 400:
        raise StoreError(f"{what}: HTTP {response.status_code} from {response.url.host}: "
                         f"{response.text.strip()[:300]}")


def _put(http: httpx.Client, graph_store: str, name: str, lines: list[str]) -> int:
    body = "\n".join(lines).encode("utf-8") + b"\n"
    r = http.put(graph_store, params={"graph": name}, content=body,
                 headers={"Content-Type": "application/n-triples"})
    _check(r, f"loading graph {name}")
    return len(lines)


def load_graphs(store: GraphStore, graph_store: str, *, endpoint: str | None = None,
                include_private: bool = False, prune: bool = False, workers: int = 1,
                progress: Callable[[int, int], None] | None = None) -> RemoteLoad:
    """PUT every graph of ``store`` to the Graph Store Protocol service ``graph_store``.

    ``workers`` PUTs are in flight at once (each graph is its own request, so the order
    does not matter). One is the default: Fuseki's TDB2 takes one writer at a time, and
    four in flight were not faster on it (benchmarks/README.md, "Fuseki load"); a store
    that writes graphs concurrently may gain from more.

    With ``prune`` (needs ``endpoint``, the query service), named graphs the remote store
    holds under the same IRIs' scheme but the local store no longer has are deleted."""
    done = RemoteLoad()
    local: set[str] = set()
    names = [n for n in store.graphs.names() if include_private or not store.is_private(n)]
    pending: dict[Future[int], str] = {}

    def settle(until: str) -> None:
        finished, _ = wait(pending, return_when=until)
        for future in finished:
            name = pending.pop(future)
            try:
                done.statements += future.result()
            except StoreError as exc:
                raise StoreError(f"{exc.message} ({done.graphs} graphs loaded before the "
                                 "failure)") from exc
            local.add(name)
            done.graphs += 1
            if progress is not None:
                progress(done.graphs, len(names))

    try:
        with _client(workers) as http:
            pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="partygraph-put")
            try:
                # the store is read here, in the caller's thread (its SQLite connection's);
                # at most two graphs per worker wait in memory
                for name, lines in store.graphs.all_graphs(names):
                    if len(pending) >= 2 * workers:
                        settle(FIRST_COMPLETED)
                    pending[pool.submit(_put, http, graph_store, name, lines)] = name
                settle(ALL_COMPLETED)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
            if prune:
                if endpoint is None:
                    raise StoreError("--prune needs --endpoint (the query service) to list "
                                     "the remote graphs")
                ours = _graph_prefixes(store)
                for name in sorted(_remote_graphs(http, endpoint) - local):
                    if store.graphs.lines(name) is None and name.startswith(ours):
                        _check(http.delete(graph_store, params={"graph": name}),
                               f"deleting graph {name}")
                        done.pruned.append(name)
    except httpx.HTTPError as exc:
        raise StoreError(f"cannot reach {graph_store}: {exc}; {done.graphs} graphs were "
                         "loaded before the failure, the rest were not") from exc
    return done


def _graph_prefixes(store: GraphStore) -> tuple[str, ...]:
    """The IRI prefixes of the graphs partygraph wrote into ``store`` (articles',
    quarantines, the timeline): a remote graph under one of them is ours to prune."""
    return tuple(sorted({n.rsplit("/", 1)[0] + "/" for n in store.graphs.names()}))


def _remote_graphs(http: httpx.Client, endpoint: str) -> set[str]:
    r = http.post(endpoint, content="SELECT DISTINCT ?g WHERE { GRAPH ?g { } }",
                  headers={"Content-Type": "application/sparql-query", "Accept": _RESULTS})
    _check(r, "listing the remote graphs")
    answer = ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON)
    assert isinstance(answer, ox.QuerySolutions)
    return {s["g"].value for s in answer if isinstance(s["g"], ox.NamedNode)}


def values_clause(bindings: Mapping[str, OxTerm]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` from typed terms (their N-Triples form)."""
    if not bindings:
        return ""
    names = " ".join(f"?{k}" for k in bindings)
    return f"\nVALUES ({names}) {{ ({' '.join(str(v) for v in bindings.values())}) }}\n"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(sparql: str, bindings: Mapping[str, OxTerm]) -> str:
    """``sparql`` with the VALUES block opening its outer WHERE group (the first one
    outside a comment line); a query without ``WHERE`` gets it at the end."""
    if not bindings:
        return sparql
    offset = 0
    for line in sparql.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            m = _WHERE.search(line)
            if m:
                at = offset + m.end()
                return sparql[:at] + values_clause(bindings) + sparql[at:]
        offset += len(line)
    return sparql + values_clause(bindings)


class RemoteStore:
    """A SPARQL 1.1 query service, read like :class:`~partygraph.store.GraphStore`: the
    named queries and name matching run on it unchanged."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._http = _client()

    def close(self) -> None:
        self._http.close()

    def run(self, sparql: str, bindings: Mapping[str, OxTerm] | None = None,
            ) -> ox.QuerySolutions | ox.QueryBoolean:
        text = with_values(sparql, dict(bindings or {}))
        try:
            r = self._http.post(self.endpoint, content=text.encode("utf-8"), headers={
                "Content-Type": "application/sparql-query; charset=utf-8", "Accept": _RESULTS})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.endpoint}: {exc}") from exc
        _check(r, "the SPARQL endpoint refused the query")
        return ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON)

    def query_text(self, sparql: str, bindings: Mapping[str, OxTerm] | None = None,
                   ) -> tuple[list[str], list[tuple[str, ...]]]:
        result = self.run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported here")
        return ([v.value for v in result.variables],
                [tuple("" if t is None else t.value for t in sol) for sol in result])
