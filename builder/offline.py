"""No remote fetch, ever: reading a user's RDF never touches the network.

An RDF file can ask its reader to fetch: a JSON-LD ``@context`` given by URL, an
``owl:imports`` of another ontology, an XML DTD or external entity. A fetch leaks what
the user is reading, and hangs the command on a server that never answers; an XML
entity that expands into itself ten times, ten levels deep ("billion laughs"), hangs it
without any network. So :func:`read_rdf`, the one way partygraph parses a user's RDF:

- refuses an XML document type declaration before the parser sees it (RDF/XML needs
  none; a DTD is where entities and external references are declared), by reading the
  prolog with expat (the standard library's XML tokenizer) up to the first element;
- refuses a JSON-LD remote context (pyoxigraph loads none unless given a loader, and
  partygraph gives none) with a message that says what to do;
- refuses ``owl:imports`` (the imported ontology would change what conforms);
- runs under :func:`no_network`, whose audit hook (``sys.addaudithook``, the documented
  way to veto ``urllib.Request`` and ``socket.connect``) turns any fetch a library might
  still attempt into a :class:`~partygraph.errors.RemoteReferenceError`.
"""

from __future__ import annotations

import sys
import threading
import xml.parsers.expat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from partygraph.errors import RemoteReferenceError

OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
_NETWORK_EVENTS = frozenset(("urllib.Request", "socket.connect", "socket.getaddrinfo",
                             "http.client.connect", "ftplib.connect"))
_STATE = threading.local()
_HOOKED = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in _NETWORK_EVENTS and getattr(_STATE, "what", None):
        target = args[0] if event == "urllib.Request" else args[1:2] or args
        raise RemoteReferenceError(f"{_STATE.what}: would fetch {target!r} from the "
                                   "network; partygraph never does (give every file it "
                                   "needs locally)")


@contextmanager
def no_network(what: str) -> Iterator[None]:
    """No network access from this thread while reading ``what`` (a file name)."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_audit)          # cannot be removed: it acts only inside here
        _HOOKED = True
    before = getattr(_STATE, "what", None)
    _STATE.what = what
    try:
        yield
    finally:
        _STATE.what = before


class _Prolog(Exception):
    """The first element was met: the prolog is over, and held no DTD."""


def check_xml_prolog(path: Path) -> None:
    """Refuse an XML file whose prolog declares a document type (entities, external
    references); stop reading at its first element, so this costs only the prolog."""
    parser = xml.parsers.expat.ParserCreate()

    def doctype(name: str, sysid: str | None, pubid: str | None, internal: int) -> None:
        what = f"external DTD {sysid!r}" if sysid else "document type declaration"
        raise RemoteReferenceError(
            f"{path}: has an XML {what} (<!DOCTYPE {name} …>), which can declare entities "
            "and fetch files; partygraph reads RDF/XML without one (remove it, or give "
            "the graph as Turtle)")

    def element(name: str, attrs: dict[str, str]) -> None:
        raise _Prolog

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = element
    try:
        with path.open("rb") as f:
            while chunk := f.read(65536):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (_Prolog, xml.parsers.expat.ExpatError):
        return                            # well-formedness is the RDF parser's to report


def read_rdf(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of an RDF file, parsed offline (see the module doc); raises
    :class:`RemoteReferenceError` for anything that would need a fetch, and lets the
    parser's own errors through."""
    if fmt == ox.RdfFormat.RDF_XML:
        check_xml_prolog(path)
    with no_network(str(path)):
        try:
            if fmt == ox.RdfFormat.JSON_LD:    # partygraph's own context: the local file
                from partygraph.jsonld import with_local_context

                quads = ox.parse(with_local_context(path.read_bytes()), format=fmt,
                                 base_iri=path.resolve().as_uri())
            else:
                quads = ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
            for quad in quads:
                if quad.predicate.value == OWL_IMPORTS:
                    raise RemoteReferenceError(
                        f"{path}: imports {quad.object} (owl:imports); partygraph never "
                        "fetches it (merge the imported graph into the file, or remove "
                        "the statement)")
                yield quad
        except (SyntaxError, ValueError) as exc:
            if "LoadDocumentCallback" in str(exc) or "remote context" in str(exc).lower():
                raise RemoteReferenceError(
                    f"{path}: its JSON-LD @context is a URL, which partygraph never "
                    "fetches (put the context object in the file instead)") from exc
            raise
