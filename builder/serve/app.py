"""The ``serve`` web application (Starlette): the SPARQL endpoint, an HTML page per
entity under ``/id/``, the search box and the network view, over one store opened
read-only.

Dereferencing. An instance IRI is ``BASE + rest`` (:func:`partygraph.iris.local_part`);
its page is ``/id/rest`` here, whatever the base (``--base`` names the one the store was
built with). The page answers directly — no 303 — in the format negotiated from
``Accept`` or ``format=``: HTML for a browser, Turtle, JSON-LD, N-Triples or RDF/XML for
a client (the description: every statement about the entity and every one pointing at
it, capped like a query), with ``Vary: Accept``. So a proxy from the base's host (a w3id
redirect to ``…/id/``) makes the IRIs resolve.

Time. The store is read in worker threads (anyio's pool, at most ``workers`` at once), so
a slow query never stalls the server. A request that is not answered within
``timeout`` seconds gets a 503 and its coded message. Python cannot stop a thread:
the worker checks the deadline at every row it reads and stops at the next one, but a
query that produces no row for long (a big ORDER BY or aggregate inside Oxigraph) runs
on to its first row, holding one of the ``workers`` slots until then; requests waiting
for a slot count that wait against their own time limit.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import pyoxigraph as ox
from rdflib import URIRef
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from partygraph.errors import (
    NotAcceptableError,
    NotFoundError,
    PartygraphError,
    QueryError,
    QueryTimeoutError,
    RequestError,
)
from partygraph.iris import Minter, from_local_part
from partygraph.serve import sparql
from partygraph.serve.entities import KINDS, Pages, query_text
from partygraph.serve.negotiate import HTML, PAGE, ROWS, choose
from partygraph.serve.pages import render
from partygraph.serve.search import NameIndex
from partygraph.serve.sparql import Deadline
from partygraph.store import GraphStore

T = TypeVar("T")
TRUNCATED = "X-Partygraph-Truncated"
_COUNTS = "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t"
_EXAMPLE_QUERY = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
SELECT ?event ?chair WHERE {
  ?event pg:chairedBy ?p .
  ?p pg:canonicalName ?chair .
}
LIMIT 20"""


_TYPED = "SELECT ?s WHERE { ?s a ?t FILTER(isIRI(?s)) } LIMIT 100"


def holds_base(store: GraphStore, base: str) -> bool:
    """Whether typed nodes of ``store`` have their IRIs under ``base`` (when none of the
    first hundred does, the store was built with another ``--base``, and its /id/ pages
    would not be found)."""
    result = store.run(_TYPED)
    assert isinstance(result, ox.QuerySolutions)
    prefix = str(Minter(base).base)
    return any(sol[0] is not None and sol[0].value.startswith(prefix) for sol in result)


def network_renderer() -> tuple[Callable[..., None], Callable[..., Any]] | None:
    """(``viz_html.write_html``, ``api.to_networkx``) when this installation has both
    (other parts of partygraph, imported by name: they may be absent), else None."""
    try:
        return (importlib.import_module("partygraph.viz_html").write_html,
                importlib.import_module("partygraph.api").to_networkx)
    except (ImportError, AttributeError):
        return None


def status_of(error: PartygraphError) -> int:
    """The HTTP status of an error partygraph raises on purpose."""
    for cls, status in ((NotFoundError, 404), (NotAcceptableError, 406),
                        (RequestError, 400), (QueryTimeoutError, 503), (QueryError, 400)):
        if isinstance(error, cls):
            return status
    return 500


def one_line(message: str, width: int = 400) -> str:
    """A message on one line, cut at ``width`` (Oxigraph's syntax errors list every
    character class the parser expected, over several lines)."""
    text = " ".join(message.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def prefers_html(accept: str | None) -> bool:
    """Whether a client asks for HTML before data (a browser; not ``*/*``)."""
    if not accept or "html" not in accept:
        return False
    try:
        return choose((HTML, *ROWS), None, accept) is HTML
    except PartygraphError:
        return False


class Server:
    """The state of one ``serve``: the store, the base, the limits, what is cached."""

    def __init__(self, store: GraphStore, *, base: str, max_rows: int, timeout: float,
                 workers: int) -> None:
        self.store = store
        self.base = base
        self.max_rows = max_rows
        self.timeout = timeout
        self.limiter = anyio.CapacityLimiter(workers)
        self.pages = Pages(store, base)
        self.names = NameIndex(store)
        self._network: bytes | None = None
        self._counts: list[tuple[str, int]] | None = None      # the store does not change

    async def offload(self, work: Callable[[Deadline], T]) -> T:
        """``work(deadline)`` in a worker thread, given up at the deadline (see the
        module doc for what becomes of the thread)."""
        deadline = Deadline.start(self.timeout)
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(work, deadline, abandon_on_cancel=True,
                                                      limiter=self.limiter)
        except TimeoutError:
            raise deadline.error() from None

    # -- routes ----------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        def counts(deadline: Deadline) -> list[tuple[str, int]]:
            result = self.store.run(_COUNTS)
            assert isinstance(result, ox.QuerySolutions)
            found = {sol["t"].value: int(sol["n"].value) for sol in result
                     if sol["t"] is not None and sol["n"] is not None}
            return [(kind, found[t]) for t, kind in KINDS if t in found]
        if self._counts is None:
            self._counts = await self.offload(counts)
        return HTMLResponse(render("home.html", counts=self._counts))

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()

        def find(deadline: Deadline) -> list[dict[str, object]]:
            return [{"cell": self.pages.cell(ox.NamedNode(h.iri)), "name": h.name,
                     "exact": h.exact, "kind": self.pages.kind(h.iri, deadline)}
                    for h in self.names.search(q, deadline)]
        hits = await self.offload(find) if q else []
        return HTMLResponse(render("search.html", q=q, hits=hits))

    async def endpoint(self, request: Request) -> Response:
        body = await request.body() if request.method == "POST" else b""
        params = list(request.query_params.multi_items())
        accept = request.headers.get("accept")
        if request.method == "GET" and not params and prefers_html(accept):
            return HTMLResponse(render("sparql.html", max_rows=self.max_rows,
                                       timeout=f"{self.timeout:g}", example=_EXAMPLE_QUERY,
                                       formats=["json", "xml", "csv", "tsv", "ttl", "jsonld"]))
        asked = sparql.parse_request(request.method, params,
                                     request.headers.get("content-type", ""), body)
        answer = await self.offload(lambda deadline: sparql.evaluate(
            self.store, asked, accept, max_rows=self.max_rows, deadline=deadline))
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers[TRUNCATED] = str(self.max_rows)
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    async def entity(self, request: Request) -> Response:
        rest = request.path_params["rest"]
        iri = from_local_part(rest, self.base)
        if iri is None:
            raise NotFoundError(f"/id/{rest} is not the path of an entity")
        fmt = choose(PAGE, request.query_params.get("format"), request.headers.get("accept"))
        headers = {"Vary": "Accept"}
        if fmt is HTML:
            page = await self.offload(lambda deadline: self.pages.entity(str(iri), deadline))
            return HTMLResponse(render("entity.html", entity=page), headers=headers)

        def describe(deadline: Deadline) -> sparql.Answer:
            result = self.store.run(query_text("describe"), {"this": URIRef(iri)})
            assert isinstance(result, ox.QueryTriples)
            triples, cut = sparql.capped(iter(result), self.max_rows, deadline)
            if not triples:
                raise NotFoundError(f"the store holds nothing about <{iri}>")
            return sparql.Answer(sparql.write_graph(triples, fmt.name), fmt.media_type, cut)
        answer = await self.offload(describe)
        if answer.truncated:
            headers[TRUNCATED] = str(self.max_rows)
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    async def network(self, request: Request) -> Response:
        """The interactive network page of the whole store (``partygraph.viz_html``),
        made once; a 501 when this installation has no such page."""
        renderer = network_renderer()
        if renderer is None:
            return PlainTextResponse(
                "501 the network view is not part of this partygraph (no "
                "partygraph.viz_html.write_html and partygraph.api.to_networkx); use "
                "`partygraph network` or the SPARQL endpoint", status_code=501)
        write_html, to_networkx = renderer
        if self._network is None:
            def make() -> bytes:
                import tempfile
                with tempfile.TemporaryDirectory() as tmp:
                    page = Path(tmp) / "network.html"
                    write_html(to_networkx(self.store), page)
                    return page.read_bytes()
            self._network = await anyio.to_thread.run_sync(make, limiter=self.limiter)
        return HTMLResponse(self._network)

    async def error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PartygraphError)
        status = status_of(exc)
        message = one_line(str(exc))
        if not request.url.path.startswith("/sparql") \
                and prefers_html(request.headers.get("accept")):
            return HTMLResponse(render("error.html", status=status, message=message),
                                status_code=status)
        return PlainTextResponse(message, status_code=status)


def create_app(store: GraphStore, *, base: str, max_rows: int = 10_000,
               timeout: float = 10.0, workers: int = 4) -> Starlette:
    """The application over ``store`` (opened read-only by the caller)."""
    server = Server(store, base=base, max_rows=max_rows, timeout=timeout, workers=workers)
    routes = [Route("/", server.home), Route("/search", server.search),
              Route("/sparql", server.endpoint, methods=["GET", "POST"]),
              Route("/id/{rest:path}", server.entity), Route("/network", server.network)]
    app = Starlette(routes=routes, exception_handlers={PartygraphError: server.error})
    app.state.server = server
    return app
