"""``partygraph serve``: the store on the web, on this machine (127.0.0.1 by default).

Only typer is imported here, so the command line starts as fast as before; Starlette,
uvicorn and Jinja2 load when the command runs. The socket is bound here, before uvicorn
starts, so a taken port is a coded one-line error (E607) and ``--port 0`` (any free
port) can print the address actually listened on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from partygraph.errors import PortInUseError
from partygraph.iris import DEFAULT_BASE

if TYPE_CHECKING:
    import socket


def _base(value: str) -> str:
    from partygraph.iris import check_base
    return check_base(value)


def serve(
    store: Annotated[Path, typer.Option(help="The store folder (or the build's output folder)")
                     ] = Path("out/store"),
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine "
                                           "only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one)")] = 8000,
    base: Annotated[str, typer.Option(help="The base IRI the store was built with",
                                      callback=_base)] = DEFAULT_BASE,
    max_rows: Annotated[int, typer.Option(min=1, help="Rows (or triples) an answer holds at "
                                                      "most")] = 10_000,
    timeout: Annotated[float, typer.Option(min=0.01, help="Seconds a request may take")] = 10.0,
    workers: Annotated[int, typer.Option(min=1, help="Queries run at once")] = 4,
) -> None:
    """Serve the store: a SPARQL endpoint at /sparql, a page per entity at /id/…, search.

    Read-only; /id/PATH is the page of the IRI BASE+PATH (HTML, or Turtle and JSON-LD by
    Accept). Ctrl-C stops."""
    import uvicorn

    from partygraph.serve.app import create_app, holds_base
    from partygraph.store import GraphStore
    from partygraph.store_folder import locate_store

    folder = locate_store(store)
    graph = GraphStore(folder, read_only=True)
    sock = listen(host, port)
    app = create_app(graph, base=base, max_rows=max_rows, timeout=timeout, workers=workers)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"serving {folder} at http://{shown}:{sock.getsockname()[1]}/ "
               "(SPARQL at /sparql; Ctrl-C stops)")
    if not holds_base(graph, base):
        typer.echo(f"note: no entity of {folder} has an IRI under {base}; give the base "
                   "the store was built with (--base), or /id/ pages will not be found",
                   err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"note: {host} may be reachable from other machines", err=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``, or :class:`PortInUseError`."""
    import socket

    sock: socket.socket | None = None
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        if sock is not None:
            sock.close()
        raise PortInUseError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; give "
                             "another --port (or --port 0 for any free one), or --host "
                             "127.0.0.1") from exc
    return sock
