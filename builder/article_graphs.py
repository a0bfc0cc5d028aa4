"""The article graphs: one named graph per article, kept as sorted N-Triples in SQLite,
with the number of graphs that state each triple.

Why not Oxigraph named graphs. The queries need each fact once, so the store's
Oxigraph holds the merged graph; keeping the article graphs there too wrote every
triple twice into six more indexes, and writing was the largest cost of the build. What
the article graphs are for needs no index on their triples: replacing an article (its
old triples, to diff), exporting graph.trig (graph by graph), loading Neo4j (graph by
graph), and knowing whether another article still states a triple the replaced article
dropped — the count below. SQLite gives all of that transactionally, in one file.

A graph is its sorted, distinct N-Triples lines (the canonical form pyoxigraph prints),
compressed; its digest makes an unchanged re-build a single comparison. ``counts``
holds, for each triple stated by a *contributing* graph (not a quarantine graph) that
more than one article could state, a 16-byte hash of its line and how many contributing
graphs state it: when it drops to zero the triple leaves the merged graph.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from partygraph.errors import StoreError
from partygraph.iris import is_article_scoped

_SCHEMA = """
CREATE TABLE IF NOT EXISTS graph (
    name TEXT PRIMARY KEY,
    digest BLOB NOT NULL,
    size INTEGER NOT NULL,
    contributes INTEGER NOT NULL,
    nt BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS counts (k BLOB PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def line_key(line: str) -> bytes:
    return hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()


def digest_of(lines: list[str]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.digest()


@dataclass(frozen=True)
class LineChange:
    """What replacing a graph did, as N-Triples lines: the lines it no longer holds,
    the new ones, and which of them enter or leave the merged graph."""

    removed: list[str]
    added: list[str]
    entering: list[str]      # now stated by a contributing graph, and were not
    leaving: list[str]       # no longer stated by any contributing graph
    size: int

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


class ArticleGraphs:
    """The named graphs of a store, in one SQLite file (``None``: in memory).

    The connection may be used from another thread (the Neo4j loader reads graphs in
    one while it writes); SQLite serializes the calls."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        try:
            if path is None:
                self.db = sqlite3.connect(":memory:", isolation_level=None,
                                          check_same_thread=False)
            elif read_only:
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                          isolation_level=None, check_same_thread=False)
            else:
                self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA cache_size=-262144")     # 256 MB of pages
            if not read_only:
                self.db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the article graphs at {path}: {exc}") from exc

    # -- reading -------------------------------------------------------------------
    def names(self) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT name FROM graph ORDER BY name")]

    def contributing(self) -> Iterator[tuple[str, list[str]]]:
        for name, nt in self.db.execute(
                "SELECT name, nt FROM graph WHERE contributes = 1 ORDER BY name"):
            yield name, _unpack(nt)

    def lines(self, name: str) -> list[str] | None:
        row = self.db.execute("SELECT nt FROM graph WHERE name = ?", (name,)).fetchone()
        return None if row is None else _unpack(row[0])

    def digest(self, name: str) -> bytes | None:
        row = self.db.execute("SELECT digest FROM graph WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def statements(self) -> int:
        (n,) = self.db.execute("SELECT COALESCE(SUM(size), 0) FROM graph").fetchone()
        return int(n)

    def all_graphs(self, names: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
        for name in names:
            found = self.lines(name)
            if found is not None:
                yield name, found

    # -- writing -------------------------------------------------------------------
    def begin(self) -> None:
        """Open the write transaction if none is open: writes are grouped, and a batch
        is committed whole or not at all (:meth:`commit`)."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def replace(self, name: str, lines: Iterable[str], *, contributes: bool) -> LineChange:
        """Make graph ``name`` hold exactly ``lines`` (in the open transaction)."""
        new = sorted(set(lines))
        digest = digest_of(new)
        if self.digest(name) == digest:
            return LineChange([], [], [], [], len(new))
        old = self.lines(name) or []
        old_set, new_set = set(old), set(new)
        removed = [line for line in old if line not in new_set]
        added = [line for line in new if line not in old_set]
        self.begin()
        entering, leaving = self._count(added, removed) if contributes else ([], [])
        self.db.execute(
            "INSERT OR REPLACE INTO graph (name, digest, size, contributes, nt) "
            "VALUES (?, ?, ?, ?, ?)", (name, digest, len(new), int(contributes), _pack(new)))
        return LineChange(removed, added, entering, leaving, len(new))

    def remove(self, name: str) -> LineChange:
        row = self.db.execute("SELECT contributes FROM graph WHERE name = ?",
                              (name,)).fetchone()
        if row is None:
            return LineChange([], [], [], [], 0)
        old = self.lines(name) or []
        self.begin()
        _, leaving = self._count([], old) if row[0] else ([], [])
        self.db.execute("DELETE FROM graph WHERE name = ?", (name,))
        return LineChange(old, [], [], leaving, 0)

    def _count(self, added: list[str], removed: list[str]) -> tuple[list[str], list[str]]:
        """Count ``added`` up and ``removed`` down; the lines whose count left or
        reached zero (inside the caller's transaction). A line that names a node only
        one graph can describe (:func:`partygraph.iris.is_article_scoped`) is stated by this
        graph alone: it enters and leaves with it, uncounted — most lines are such."""
        local_added, shared_added = _split(added)
        local_removed, shared_removed = _split(removed)
        entering, leaving = self._count_shared(shared_added, shared_removed)
        return local_added + entering, local_removed + leaving

    def _count_shared(self, added: list[str], removed: list[str]
                      ) -> tuple[list[str], list[str]]:
        entering = []
        if added:
            keys = [line_key(line) for line in added]
            known = self._present(keys)
            entering = [line for line, k in zip(added, keys, strict=True) if k not in known]
            self.db.executemany(
                "INSERT INTO counts (k, n) VALUES (?, 1) "
                "ON CONFLICT(k) DO UPDATE SET n = n + 1", [(k,) for k in keys])
        leaving = []
        if removed:
            keys = [line_key(line) for line in removed]
            self.db.executemany("UPDATE counts SET n = n - 1 WHERE k = ?", [(k,) for k in keys])
            gone = self._present(keys, zero=True)
            leaving = [line for line, k in zip(removed, keys, strict=True) if k in gone]
            self.db.executemany("DELETE FROM counts WHERE k = ? AND n <= 0",
                                [(k,) for k in gone])
        return entering, leaving

    def _present(self, keys: list[bytes], *, zero: bool = False) -> set[bytes]:
        found: set[bytes] = set()
        test = "n <= 0" if zero else "n > 0"
        for i in range(0, len(keys), 900):      # SQLite's bound-parameter limit
            chunk = keys[i:i + 900]
            marks = ",".join("?" * len(chunk))
            found |= {bytes(k) for (k,) in self.db.execute(
                f"SELECT k FROM counts WHERE {test} AND k IN ({marks})", chunk)}
        return found

    # -- the merged graph's health -------------------------------------------------------
    def set_flag(self, key: str, value: str | None) -> None:
        """Set a flag, committed at once (with the writes before it)."""
        self.begin()
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            (key, value))
        self.commit()

    def flag(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.commit()
        self.db.close()


def _split(lines: list[str]) -> tuple[list[str], list[str]]:
    """(article-scoped, shared) lines: a line is article-scoped when its subject, or its
    object when an IRI, is a node only one article describes (its article, an evidence
    node: :func:`partygraph.iris.is_article_scoped`)."""
    local, shared = [], []
    for line in lines:
        subject = line[:line.index(" ")]
        obj = line[line.rindex(" ", 0, len(line) - 2) + 1:-2] if line.endswith("> .") else ""
        if _scoped(subject) or (obj and _scoped(obj)):
            local.append(line)
        else:
            shared.append(line)
    return local, shared


def _scoped(token: str) -> bool:
    return token.startswith("<") and is_article_scoped(token[1:-1])


def _pack(lines: list[str]) -> bytes:
    return zlib.compress("\n".join(lines).encode("utf-8"), 1)


def _unpack(blob: bytes) -> list[str]:
    text = zlib.decompress(blob).decode("utf-8")
    return text.split("\n") if text else []
