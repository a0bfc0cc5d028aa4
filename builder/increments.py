"""What a build does to the store beyond storing its articles: the store is incremental
on purpose (re-building an article replaces its graph, other articles stay), and these
are the two ways out of that — ``--fresh`` (start from nothing) and ``--prune`` (forget
the articles whose source is no longer among the inputs) — and the count of what it
holds in all, which the build summary shows so that nothing lingers unnoticed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from partygraph.article_graphs import LineChange
from partygraph.errors import StoreError
from partygraph.iris import Minter, article_key
from partygraph.namespaces import PG
from partygraph.store import GraphStore
from partygraph.terms import parse_lines

_STORE_FILES = frozenset(("oxigraph", "graphs.sqlite", "graphs.sqlite-wal",
                          "graphs.sqlite-shm"))


def clear_store(out_dir: Path, records: Iterable[str]) -> None:
    """``--fresh``: remove ``out_dir/store`` and the identity ``records`` of earlier
    builds. Only what a build writes is removed: a ``store`` folder holding anything
    else is refused, not deleted."""
    folder = out_dir / "store"
    if folder.exists():
        if not folder.is_dir() or not {p.name for p in folder.iterdir()} <= _STORE_FILES:
            raise StoreError(f"{folder} is not a partygraph store; --fresh will not delete "
                             "it (move it away or choose another --out)")
        shutil.rmtree(folder)
    for name in records:
        (out_dir / name).unlink(missing_ok=True)


def prune_store(store: GraphStore, minter: Minter, known: set[str]
                ) -> Iterator[tuple[str, LineChange]]:
    """``--prune``: remove the stored articles (article and quarantine graphs) whose
    identity is none of ``known``; yield each removed article's source (its
    ``pg:sourceId``, else its key) and what its graph held, for the cross-article steps
    (the merged graph has already dropped what no other article states)."""
    keep = {article_key(source) for source in known}
    for name in store.graph_names():
        key = minter.article_key_of_graph(name)
        if key is None or key in keep:
            continue
        source = None if store.is_private(name) else source_of(store.graph_lines(name))
        change = store.remove_graph(name)
        if not store.is_private(name):
            yield source or key, change


def articles_in_store(store: GraphStore, minter: Minter) -> int:
    """How many articles the store holds (article graphs of this base, by key)."""
    return len({key for name in store.graph_names()
                if (key := minter.article_key_of_graph(name)) is not None})


def source_of(lines: list[str]) -> str | None:
    """The ``pg:sourceId`` an article graph states (its N-Triples lines)."""
    marker = f" <{PG.sourceId}> "
    for line in lines:
        if marker in line:
            _, _, found = next(parse_lines([line]))
            if isinstance(found, ox.Literal):
                return found.value
    return None
