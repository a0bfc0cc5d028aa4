"""Which format an answer is written in: ``format=`` first, else the ``Accept`` header.

``format=`` (or ``output=``) is not in the SPARQL Protocol, but the common clients send it
(SPARQLWrapper adds ``format=json&output=json`` beside its ``Accept``) and a person typing
a URL cannot set a header, so a given value wins. ``Accept`` is matched with q-values by
python-mimeparse; among media types the client rates equally, the first format listed
here wins (the default: SPARQL JSON for rows, Turtle for graphs, HTML for pages). No
``Accept`` at all means the default too.
"""

from __future__ import annotations

from dataclasses import dataclass

import mimeparse

from partygraph.errors import NotAcceptableError, RequestError


@dataclass(frozen=True)
class Format:
    """A format an answer can be written in: its ``format=`` name, the media type the
    response declares, and the other media types and names that ask for it."""

    name: str
    media_type: str
    also: tuple[str, ...] = ()

    def answers(self, value: str) -> bool:
        return value in (self.name, self.media_type, *self.also)


JSON = Format("json", "application/sparql-results+json", ("application/json",))
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"))
CSV = Format("csv", "text/csv")
TSV = Format("tsv", "text/tab-separated-values")
TURTLE = Format("ttl", "text/turtle", ("turtle", "application/x-turtle", "n3", "text/n3"))
JSON_LD = Format("jsonld", "application/ld+json", ("json-ld", "json", "application/json"))
N_TRIPLES = Format("nt", "application/n-triples", ("ntriples", "n-triples", "text/plain"))
RDF_XML = Format("rdfxml", "application/rdf+xml",
                 ("xml", "rdf", "rdf+xml", "application/xml", "text/xml"))
HTML = Format("html", "text/html", ("application/xhtml+xml",))

ROWS = (JSON, XML, CSV, TSV)                       # SELECT and ASK
GRAPH = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)      # CONSTRUCT and DESCRIBE
PAGE = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML)  # an entity's /id/ page


def choose(formats: tuple[Format, ...], given: str | None, accept: str | None) -> Format:
    """The format to answer in, from ``formats`` (the first is the default)."""
    if given:
        for fmt in formats:
            if fmt.answers(given.strip().lower()):
                return fmt
        raise NotAcceptableError(f"format={given!r} is not a format of this answer; "
                                 f"give one of {_names(formats)}")
    if not accept or not accept.strip():
        return formats[0]
    table: dict[str, Format] = {}
    for fmt in formats:
        for media in (fmt.media_type, *fmt.also):
            if "/" in media:
                table.setdefault(media, fmt)
    try:
        best = mimeparse.best_match(list(reversed(table)), accept)  # ties: the last wins
    except ValueError as exc:
        raise RequestError(f"Accept: {accept!r} cannot be read ({exc}); send media types "
                           "such as text/turtle, or leave it out") from exc
    if not best:
        raise NotAcceptableError(f"Accept: {accept!r} names no format of this answer; ask "
                                 f"for one of {', '.join(f.media_type for f in formats)} "
                                 f"(or give format= {_names(formats)})")
    return table[best]


def _names(formats: tuple[Format, ...]) -> str:
    return ", ".join(f.name for f in formats)
