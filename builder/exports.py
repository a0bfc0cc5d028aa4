"""Exporting the graph as linked data (or FollowTheMoney), from the store or from Neo4j.

``partygraph export`` is a shell over :func:`export_file`; a notebook calls it too. The
dataset formats (TriG, N-Quads, JSON-LD) keep one named graph per article (provenance);
the graph formats (Turtle, N-Triples, RDF/XML) write the merged graph, each fact once;
``ftm`` writes FollowTheMoney entities (:mod:`partygraph.ftm`). JSON-LD names the
published context (:mod:`partygraph.jsonld`). Quarantined graphs stay out unless asked
for. A file is written whole or not at all (:mod:`partygraph.outputs`): a failed export
leaves the previous file, or none; beside it goes the dataset's VoID/DCAT description
(``void.ttl``, :mod:`partygraph.void`).
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from partygraph.errors import OutputPathError, UsageError
from partygraph.outputs import atomic_output, check_output_file
from partygraph.store import GraphStore
from partygraph.store_folder import locate_store
from partygraph.terms import RDF_FORMATS

#: ``--format`` values and the rdflib name of each RDF format.
EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld", "xml": "xml", "ftm": "ftm"}
DATASET_FORMATS = ("trig", "nq", "jsonld")


def check_format(fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format is one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    return fmt


def export(sink: BinaryIO, fmt: str, store: Path | None = None, *,
           from_neo4j: str | None = None, database: str | None = None,
           include_private: bool = False) -> None:
    """Write the graph of ``store`` (or of the Neo4j at ``from_neo4j``) to ``sink``."""
    check_format(fmt)
    if from_neo4j:
        if fmt == "ftm":
            raise UsageError("--format ftm exports the store: drop --from-neo4j and give "
                             "--store")
        from partygraph.neo4j.export import export_uri

        export_uri(from_neo4j, database, sink, fmt)
        return
    if store is None:
        raise UsageError("export needs a store folder or a Neo4j URI")
    gs = GraphStore(locate_store(store), read_only=True)
    if fmt == "xml":
        _check_xml_chars(gs)
    if fmt in ("trig", "nq"):
        gs.dump_dataset(sink, fmt, include_private=include_private)
    elif fmt in RDF_FORMATS:
        gs.dump_merged(sink, fmt)
    elif fmt == "ftm":
        from partygraph import ftm
        from partygraph.void import dataset_base

        ftm.write(sink, gs, dataset_base(gs))
    else:   # JSON-LD through rdflib, compacted with the published context
        from partygraph import jsonld
        from partygraph.api import dataset

        sink.write(jsonld.serialize(dataset(gs, include_private=include_private)))


# what XML 1.0 cannot carry at all, not even as a character reference
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_chars(gs: GraphStore) -> None:
    """Refuse, before writing, a graph RDF/XML cannot hold: a literal with a control
    character (U+001B, ...) would make the file ill-formed XML that no parser reads."""
    for s, _, o in gs.merged_triples():
        found = _NOT_XML.search(o.value) if isinstance(o, ox.Literal) else None
        if found:
            raise UsageError(
                f"--format xml: a literal of {s} holds U+{ord(found.group()):04X}, which "
                "XML 1.0 cannot carry; export as ttl, nt, trig or jsonld instead")


def export_file(output: Path, fmt: str, store: Path | None = None, *,
                from_neo4j: str | None = None, database: str | None = None,
                include_private: bool = False, licence: str | None = None) -> None:
    """:func:`export` into the file ``output``, atomically, and the store's ``void.ttl``
    beside it (its licence ``licence`` when given; none from Neo4j, whose graph has no
    store to count). Every check (format, folder, store, licence) comes before the file
    is opened, and an error while writing leaves no file."""
    from partygraph.void import VOID_FILE, check_licence, write_void

    check_format(fmt)
    check_output_file(output)
    check_licence(licence)
    if not from_neo4j and store is not None:
        store = locate_store(store)
    try:
        with atomic_output(output) as sink:
            export(sink, fmt, store, from_neo4j=from_neo4j, database=database,
                   include_private=include_private)
        if store is not None and not from_neo4j and output.name != VOID_FILE:
            write_void(output.parent, GraphStore(store, read_only=True), files=[output.name],
                       licence=licence)
    except OSError as exc:
        raise OutputPathError(
            f"cannot write {output}: {exc.strerror or exc}"
            + (" (the disk is full)" if exc.errno == errno.ENOSPC else "")) from exc
