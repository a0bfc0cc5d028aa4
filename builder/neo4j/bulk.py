"""A first load into an empty database through Neo4j's import tool, not through Bolt.

Why: the Bolt loader (:mod:`partygraph.neo4j.loader`) is bound by the server's
transactional writes -- every node, relationship and ``STATED_IN`` link goes through
Cypher, locks, the transaction log and the ``iri`` index -- and at 10,000 articles it ran at
0.90x rdflib-neo4j (benchmarks/README.md). ``neo4j-admin database import full`` writes the
store files directly from CSV, with no transactions and no index look-ups, but only into a
database that is offline, and it replaces that database. So this path is for one case: a
server partygraph manages on this machine (``partygraph.neo4j.server``: its home holds the
data directory) whose database is empty. Anything else is refused with
:class:`~partygraph.errors.Neo4jBulkLoadError` (the normal load works everywhere).

What it writes is exactly what the Bolt loader writes, from the same rows: the graphs are
read by :func:`~partygraph.neo4j.batches.read_graphs`, views merged and link rows made by
:func:`~partygraph.neo4j.create.add_views`, nodes by :func:`~partygraph.neo4j.create.new_node`,
relationships by :func:`~partygraph.neo4j.create.wanted_relationships`, the ``NamedGraph``
nodes (with their hashes, so a later incremental load skips what is unchanged) by
:func:`~partygraph.neo4j.create.graph_rows`. Only the encoding is this module's:

- typed header columns (``name:long``, ``name:date``, ``name:string[]``, ...). A key whose
  type differs between nodes (a scalar here, a list there) puts the nodes in separate files;
- every string is quoted (RFC 4180, ``""`` for ``"``), an absent value is an empty unquoted
  field; files holding a value with a line break are listed in ``--multiline-fields``. The
  tool reads an empty string in a list as no element, so properties holding one (rare: an
  empty literal) are left out of the files and set over Bolt after the restart;
- the array delimiter is the first of a few control / private-use characters that no list
  element, label or statement contains (checked while writing; on a hit the files are
  written again with the next one);
- node ids are the ``iri`` key, in two id spaces (``Resource``, ``NamedGraph``).

Then: stop the server, import with ``--overwrite-destination``, start it with the settings
it ran with, create the schema and wait for its indexes (:func:`ensure_schema`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

from partygraph.errors import Neo4jBulkLoadError
from partygraph.neo4j import server
from partygraph.neo4j.batches import read_graphs, selected_graphs
from partygraph.neo4j.connect import connect
from partygraph.neo4j.create import add_views, graph_rows, new_node, wanted_relationships
from partygraph.neo4j.loader import ProgressFn, database_counts, ensure_schema
from partygraph.neo4j.mapping import NAMED_GRAPH, RESOURCE, STATED_IN
from partygraph.neo4j.summary import LoadSummary
from partygraph.neo4j.views import NodeView
from partygraph.store import GraphStore

#: Array delimiters tried in turn: none is printable, none is a CSV field delimiter or quote.
DELIMITERS: tuple[str, ...] = ("\x1f", "\x1e", "\x1d", "\x1c", "\ue000", "\ue001")
#: What the import tool's header parser reads as options or id groups.
_HEADER_SPECIAL = frozenset("(){}")
_FALLBACK = "use `partygraph load neo4j` without --bulk"


class _Collision(Exception):
    """A value contains the array delimiter being tried."""


@dataclass(slots=True)
class CsvFiles:
    """The files of one import and what the tool is told about them."""

    folder: Path
    delimiter: str
    nodes: list[Path] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)   # (type or "", file)
    multiline: list[Path] = field(default_factory=list)
    #: (iri, {key: value}) the tool would read as absent (empty strings): set over Bolt
    fixups: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: what is written (graphs, statements, nodes and relationships created, conflicts)
    summary: LoadSummary = field(default_factory=LoadSummary)


# -- encoding -------------------------------------------------------------------------------
def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def column_type(value: Any) -> str:
    """The header type of a property value (lists are homogeneous and never empty)."""
    return _kind(value[0]) + "[]" if isinstance(value, list) else _kind(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cell(value: Any, delimiter: str) -> str:
    """One CSV field for a property value."""
    if not isinstance(value, list):
        return _quote(value) if isinstance(value, str) else _text(value)
    texts = [_text(v) for v in value]
    if isinstance(value[0], str):
        if any(delimiter in t for t in texts):
            raise _Collision
        return _quote(delimiter.join(texts))
    return delimiter.join(texts)


def _header_name(key: str) -> str:
    if _HEADER_SPECIAL & set(key):
        raise Neo4jBulkLoadError(f"property {key!r} has a character the import tool reads "
                                 f"in a header ({''.join(sorted(_HEADER_SPECIAL))}): {_FALLBACK}")
    return key


def _groups(rows: list[tuple[str, dict[str, Any], list[str]]],
            ) -> list[tuple[dict[str, str], list[tuple[str, dict[str, Any], list[str]]]]]:
    """Nodes grouped so that each property key has one type within a group."""
    groups: list[tuple[dict[str, str], list[tuple[str, dict[str, Any], list[str]]]]] = []
    for row in rows:
        sig = {k: column_type(v) for k, v in row[1].items() if k != "iri"}
        for types, members in groups:
            if all(types.get(k, t) == t for k, t in sig.items()):
                types.update(sig)
                members.append(row)
                break
        else:
            groups.append((sig, [row]))
    return groups


def _breaks(value: Any) -> bool:
    """Whether a property value (a string, or a list of strings) holds a line break."""
    texts = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and ("\n" in t or "\r" in t) for t in texts)


def _line(out: IO[str], fields: list[str]) -> None:
    out.write(",".join(fields))
    out.write("\n")


# -- writing the CSV files --------------------------------------------------------------------
def write_csv(store: GraphStore, folder: Path, names: list[Any], delimiter: str,
              progress: ProgressFn | None = None) -> CsvFiles:
    """Write the import's files for ``names`` into ``folder``; :class:`_Collision` when a
    value holds ``delimiter``."""
    files = CsvFiles(folder, delimiter)
    summary, created = files.summary, files.summary.changes
    views: dict[str, NodeView] = {}
    graphs = []
    links_path = folder / "stated_in.csv"
    with open(links_path, "w", encoding="utf-8", newline="") as links:
        _line(links, [":START_ID(Resource)", ":END_ID(NamedGraph)", "st:string[]"])
        for done, read in enumerate(read_graphs(store, names), 1):
            graphs.append(read)
            summary.triples += read.triples
            for key, iri, texts in add_views(views, read):
                if any(delimiter in text for text in texts):
                    raise _Collision
                _line(links, [_quote(key), _quote(iri), _quote(delimiter.join(texts))])
                created.relationships_created += 1
            if progress is not None:
                progress(done, len(names))
    files.relationships.append((STATED_IN, links_path))
    summary.graphs_in_store = summary.graphs_added = len(graphs)

    graphs_path = folder / "graphs.csv"
    with open(graphs_path, "w", encoding="utf-8", newline="") as out:
        _line(out, ["iri:ID(NamedGraph)", ":LABEL", "hash:string", "triples:long"])
        for row in graph_rows(graphs):
            _line(out, [_quote(row["iri"]), NAMED_GRAPH, _quote(row["hash"]),
                        str(row["triples"])])
    files.nodes.append(graphs_path)

    wanted = wanted_relationships(views)
    keys = set(views).union(*((a, b) for a, _, b in wanted))
    rows = [new_node(key, views.get(key), summary.conflicts) for key in sorted(keys)]
    created.nodes_created = len(rows) + len(graphs)
    for i, (types, members) in enumerate(_groups(rows)):
        columns = sorted(types)
        path = folder / f"nodes-{i}.csv"
        multiline = False
        with open(path, "w", encoding="utf-8", newline="") as out:
            _line(out, ["iri:ID(Resource)", ":LABEL",
                        *(_quote(f"{_header_name(k)}:{types[k]}") for k in columns)])
            for key, props, labels in members:
                if any(delimiter in label for label in labels):
                    raise _Collision
                empty = {k: v for k, v in props.items() if v == "" or (
                    isinstance(v, list) and "" in v)}
                if empty:
                    files.fixups.append((key, empty))
                values = [None if k in empty else props.get(k) for k in columns]
                multiline = multiline or any(_breaks(v) for v in values)
                _line(out, [_quote(key), _quote(delimiter.join([RESOURCE, *labels])),
                            *("" if v is None else cell(v, delimiter) for v in values)])
        files.nodes.append(path)
        if multiline:
            files.multiline.append(path)

    rels_path = folder / "relationships.csv"
    with open(rels_path, "w", encoding="utf-8", newline="") as out:
        _line(out, [":START_ID(Resource)", ":END_ID(Resource)", ":TYPE"])
        for a, rel_type, b in sorted(wanted):
            _line(out, [_quote(a), _quote(b), _quote(rel_type)])
    files.relationships.append(("", rels_path))
    created.relationships_created += len(wanted)
    return files


def import_command(cfg: server.ServerConfig, files: CsvFiles, database: str) -> list[str]:
    """The ``neo4j-admin database import full`` command line for ``files``."""
    classpath = os.pathsep.join([str(server.TARGET / "classes"), str(server.TARGET / "lib" / "*")])
    cmd = [cfg.java, f"-Xmx{cfg.heap}", "-cp", classpath, "org.neo4j.cli.AdminTool",
           # the database first: a trailing one would be read as one more --relationships file
           "database", "import", "full", database, "--overwrite-destination",
           f"--array-delimiter=U+{ord(files.delimiter):04X}", "--bad-tolerance=0",
           f"--report-file={files.folder / 'import.report'}",
           *(f"--nodes={p}" for p in files.nodes),
           *(f"--relationships={t + '=' if t else ''}{p}" for t, p in files.relationships)]
    if files.multiline:
        cmd += ["--multiline-fields-format=v2",
                "--multiline-fields=" + ",".join(str(p) for p in files.multiline)]
    return cmd


def run_import(cfg: server.ServerConfig, files: CsvFiles, database: str,
               ) -> subprocess.CompletedProcess[str]:
    """Run the import tool on the (stopped) server home of ``cfg``."""
    conf = cfg.home / "conf"
    env = dict(os.environ, NEO4J_HOME=str(cfg.home),
               **({"NEO4J_CONF": str(conf)} if conf.is_dir() else {}))
    return subprocess.run(import_command(cfg, files, database), capture_output=True,
                          text=True, env=env, cwd=files.folder, check=False)


# -- the managed server ---------------------------------------------------------------------
def running_config(cfg: server.ServerConfig) -> server.ServerConfig:
    """``cfg`` with the heap, page cache and transaction memory the running launcher was
    started with (read from its command line), so the restart gives the same server."""
    pid = server.read_pid(cfg)
    if pid is None or not (cfg.home / "conf" / "neo4j.conf").is_file():
        raise _not_running(cfg)
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return cfg
    found = {a[:4]: a[4:] for a in args if a.startswith("-Xmx")}
    opts = dict(pairwise(args))
    return replace(cfg, heap=found.get("-Xmx", cfg.heap),
                   pagecache=opts.get("--pagecache", cfg.pagecache),
                   tx_memory=opts.get("--tx-memory", cfg.tx_memory))


def _not_running(cfg: server.ServerConfig) -> Neo4jBulkLoadError:
    return Neo4jBulkLoadError(f"no Neo4j launcher of partygraph runs in {cfg.home}: the "
                              "bulk load needs the managed local server running (make "
                              f"neo4j-start, NEO4J_HOME_DIR for another home) or a home "
                              f"that has never held a database; or {_FALLBACK}")


def _check_empty(cfg: server.ServerConfig) -> None:
    driver = connect(cfg.connection())
    try:
        with driver.session(database="neo4j") as session:
            found = session.run("MATCH (n) RETURN n.iri AS iri LIMIT 1").single()
    finally:
        driver.close()
    if found is not None:
        raise Neo4jBulkLoadError(
            f"the database neo4j at {cfg.uri} is not empty (it holds {found['iri'] or 'a node'}"
            f" and more): the import tool would replace it; {_FALLBACK} to update it, or "
            "add --clear to the normal load to reload it")


def _write(store: GraphStore, folder: Path, names: list[Any],
           progress: ProgressFn | None) -> CsvFiles:
    """:func:`write_csv` with the first array delimiter no value contains."""
    for delimiter in DELIMITERS:
        try:
            return write_csv(store, folder, names, delimiter, progress)
        except _Collision:
            for path in folder.iterdir():
                path.unlink()
    raise Neo4jBulkLoadError("every array delimiter partygraph tries ("
                             + ", ".join(f"U+{ord(d):04X}" for d in DELIMITERS)
                             + f") occurs in the data: {_FALLBACK}")


def bulk_load(store: GraphStore, cfg: server.ServerConfig, database: str | None = None, *,
              exclude_prefix: str = "", include_private: bool = False,
              progress: ProgressFn | None = None, timeout: float = 300.0) -> LoadSummary:
    """First load of ``store`` into the empty database of the managed server ``cfg``
    through the import tool; the server is stopped and started again (or, in a home that
    has never held a database, started for the first time after the import). Returns what
    the Bolt loader's summary says, ``phases`` holding the seconds of each step."""
    start = time.perf_counter()
    if database not in (None, "neo4j"):
        raise Neo4jBulkLoadError(f"database {database!r}: the bulk load writes the default "
                                 f"database neo4j of the managed server only; {_FALLBACK}")
    running = server.read_pid(cfg) is not None
    if running:
        cfg = running_config(cfg)
        _check_empty(cfg)
    elif (cfg.home / "data" / "databases").exists():   # a stopped server: emptiness unknown
        raise _not_running(cfg)
    cfg.home.mkdir(parents=True, exist_ok=True)
    phases: dict[str, float] = {}
    names = selected_graphs(store, exclude_prefix, include_private)
    with tempfile.TemporaryDirectory(prefix="bulk-import-", dir=cfg.home) as tmp:
        folder = Path(tmp)
        files = _write(store, folder, names, progress)
        phases["csv"] = time.perf_counter() - start
        t = time.perf_counter()
        if running:
            server.stop(cfg)
        phases["stop"] = time.perf_counter() - t
        t = time.perf_counter()
        try:
            proc = run_import(cfg, files, "neo4j")
        finally:
            phases["import"] = time.perf_counter() - t
            t = time.perf_counter()
            server.start(cfg, timeout=timeout, build=False)
            phases["start"] = time.perf_counter() - t
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            report = folder / "import.report"
            if report.is_file():
                tail += "\n" + report.read_text(errors="replace")[-2000:]
            raise Neo4jBulkLoadError(f"the import tool failed (exit {proc.returncode}); the "
                                     f"database neo4j may now be empty: {_FALLBACK}.\n{tail}")
    t = time.perf_counter()
    driver = connect(cfg.connection())
    try:
        ensure_schema(driver, "neo4j")
        phases["schema"] = time.perf_counter() - t
        if files.fixups:
            with driver.session(database="neo4j") as session:
                session.run("UNWIND $rows AS row MATCH (n:Resource {iri: row[0]}) "
                            "SET n += row[1]", rows=files.fixups).consume()
        counts = database_counts(driver, "neo4j")
    finally:
        driver.close()
    summary = files.summary
    summary.nodes, summary.relationships = counts["nodes"], counts["relationships"]
    summary.properties, summary.statement_links = counts["properties"], counts["statement_links"]
    summary.seconds = time.perf_counter() - start
    summary.phases = {k: round(v, 2) for k, v in phases.items()}
    return summary


def managed_config(uri: str, home: Path) -> server.ServerConfig:
    """The managed server's config for ``partygraph load neo4j --bulk``: ``uri`` must be
    a loopback ``bolt://`` or ``neo4j://`` address of the launcher in ``home``."""
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    if parts.scheme not in ("bolt", "neo4j") or parts.hostname not in (
            "127.0.0.1", "localhost", "::1"):
        raise Neo4jBulkLoadError(f"{uri} is not a local server: the bulk load runs the "
                                 f"import tool on the server's own files; {_FALLBACK}")
    host = "127.0.0.1" if parts.hostname == "localhost" else parts.hostname
    return server.ServerConfig(home=home, host=host, port=parts.port or 7687)


def bulk_load_uri(store_dir: Path, uri: str, home: Path | None, database: str | None = None,
                  *, include_private: bool = False,
                  progress: ProgressFn | None = None) -> LoadSummary:
    """:func:`bulk_load` of the store folder ``store_dir`` into the managed server at
    ``uri`` whose home is ``home`` -- ``partygraph load neo4j --bulk``."""
    home = home or Path(os.environ.get("NEO4J_HOME_DIR", server.DEFAULT_HOME))
    cfg = managed_config(uri, home)
    return bulk_load(GraphStore(store_dir, read_only=True), cfg, database,
                     include_private=include_private, progress=progress)
