"""Output files written whole or not at all.

A reader of ``graph.ttl`` must never see half a graph: a killed build, a full disk or an
exception while writing leaves the previous file in place (or none), never a truncated
one that still parses. Each file is written to a temporary file in the same folder,
flushed to disk, then renamed over the target, which POSIX makes atomic.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from partygraph.errors import OutputPathError


def check_out_folder(path: Path) -> Path:
    """``path`` if a build can write its outputs there: a folder, or nothing yet (it is
    made); an existing file is refused before any work is done."""
    if path.exists() and not path.is_dir():
        raise OutputPathError(f"--out {path} is a file, not a folder; give a folder "
                              "(it is created if missing)")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputPathError(f"--out {path}: {parent} is a file, not a folder")
            break
    return path


def check_output_file(path: Path) -> Path:
    """``path`` if a file can be written there: its folder exists, and it is no folder."""
    if path.is_dir():
        raise OutputPathError(f"cannot write {path}: it is a folder; give a file name")
    if not path.parent.is_dir():
        raise OutputPathError(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file object whose content replaces ``path`` only when the block ends
    without an exception; on failure the temporary file is removed and ``path`` is left
    as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The mode the file would have been given by ``open()``: the one it has, else
    rw for all less the umask. Regression: mkstemp's 0600 made every output (graph.ttl
    …) unreadable by the group and others. The umask is read by setting it back at once."""
    with contextlib.suppress(FileNotFoundError):
        return os.stat(path).st_mode & 0o7777
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8), atomically."""
    with atomic_output(path) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def sweep_partials(folder: Path) -> list[Path]:
    """Remove the temporary files a killed writer left in ``folder`` (``.NAME.*.part``);
    the caller must be its only writer (a build holds its store's lock). Returns them."""
    found = sorted(folder.glob(".*.part")) if folder.is_dir() else []
    for path in found:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return found


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the OS allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
