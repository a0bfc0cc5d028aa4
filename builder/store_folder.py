"""Where a store is and what its errors mean, without opening it: the checks the CLI
and the pipeline make before (or instead of) opening a :class:`~partygraph.store.GraphStore`,
kept out of the store module so that they import nothing heavy.
"""

from __future__ import annotations

import errno
from pathlib import Path

from partygraph.errors import MissingStoreError


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error from the OS, SQLite or Oxigraph (RocksDB) means a full disk."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc)
    return "No space left on device" in text or "database or disk is full" in text


def require_store(path: Path) -> None:
    """Raise :class:`~partygraph.errors.MissingStoreError` unless ``path`` holds a store."""
    if not (path / "graphs.sqlite").is_file():
        raise MissingStoreError(f"no store at {path}; run `partygraph build` first, or give "
                                "the store folder with --store")


def locate_store(path: Path) -> Path:
    """The store folder a user means by ``path``: the folder itself, or the ``store``
    folder of a build's output folder (``--store out`` for ``out/store``)."""
    if not (path / "graphs.sqlite").is_file() and (path / "store" / "graphs.sqlite").is_file():
        return path / "store"
    require_store(path)
    return path
