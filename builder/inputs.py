"""What the inputs of a build are: every file under them, read or skipped, and the
article identity of each file read.

An article's identity (its ``pg:sourceId``, from which :func:`builder.iris.article_key`
mints its IRIs) is the file's path relative to the input it was found under, so
``a/article.txt`` and ``b/article.txt`` are two articles; a file given directly, or at
the top of a folder given, is its file name, as before — existing stores, ``examples/``
and the gold ``source`` names keep matching. (A JSONL record's identity is its ``id``.)

Nothing is dropped silently: :func:`survey` accounts for every file under the inputs,
either as a :class:`Candidate` to read or a :class:`Skipped` entry with its reason
(unknown suffix, hidden, inside the build's own ``--out`` folder …), and turns an input
that yields nothing, or a file met twice, into an :class:`InputError`.
:class:`Identities` catches the collisions only reading can show (two JSONL records
with one id, two files whose identities mint one IRI key).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.errors import InputError
from builder.iris import article_key

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
KINDS = ".txt, .html or .jsonl"


@dataclass(frozen=True)
class Candidate:
    """A file to read: where it is, the identity of its article, how the user named it."""

    path: Path
    source: str          # the article identity: path relative to its input, POSIX form
    origin: str          # the path as the user's input spells it, for messages


@dataclass(frozen=True)
class Skipped:
    """A file (or a whole folder of ``files`` files) under an input that is not read."""

    path: str
    reason: str          # short, to count by: "unknown suffix", "hidden folder" …
    files: int = 1
    detail: str = ""

    def __str__(self) -> str:
        many = f", {self.files} files" if self.files != 1 else ""
        detail = f" ({self.detail}{many})" if self.detail else f" ({many[2:]})" if many else ""
        return f"{self.path}: {self.reason}{detail}"


Entry = Candidate | Skipped | InputError


def survey(inputs: Iterable[Path], *, exclude: Path | None = None) -> Iterator[Entry]:
    """Every file under ``inputs``, in a stable order (each folder walked sorted).

    A file named directly is read whatever its suffix or name (the user chose it);
    inside a folder, hidden files and folders, unknown suffixes, links to folders and
    ``exclude`` (the build's output folder, when it lies inside an input) are skipped.
    A folder given is read whatever its own path ("../corpus", ".data")."""
    seen: dict[Path, Candidate] = {}
    out = exclude.resolve() if exclude is not None else None
    for root in inputs:
        if not root.exists():
            yield InputError(str(root), "does not exist", "check the path")
            continue
        if not root.is_dir():
            entries: Iterable[Entry] = [Candidate(root, root.name, str(root))]
        else:
            entries = list(_walk(root, out))
        read = 0
        skipped: list[Skipped] = []
        for entry in entries:
            if isinstance(entry, Candidate):
                real = entry.path.resolve()
                first = seen.setdefault(real, entry)
                if first is not entry:
                    yield InputError(entry.origin, f"is the file {first.origin} again",
                                     "give each file once")
                    continue
                read += 1
            elif isinstance(entry, Skipped):
                skipped.append(entry)
            yield entry
        if root.is_dir() and not read:
            yield InputError(str(root), f"holds no {KINDS} file to read"
                             + (f" ({describe(skipped)})" if skipped else " (it is empty)"),
                             f"give a folder of {KINDS} files")


def _walk(root: Path, out: Path | None) -> Iterator[Candidate | Skipped]:
    """The files of one folder given as input, sorted by relative path."""
    inside_out = out is not None and root.resolve().is_relative_to(out) \
        and root.resolve() != out
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        rel = here.relative_to(root)
        keep = []
        for name in sorted(dirnames):
            sub = here / name
            shown = (rel / name).as_posix() + "/"
            if sub.is_symlink():
                yield Skipped(shown, "link to a folder", detail="not followed")
            elif name.startswith("."):
                yield Skipped(shown, "hidden folder", _count(sub))
            elif out is not None and not inside_out and sub.resolve() == out:
                yield Skipped(shown, "output folder", _count(sub),
                              "this build's --out, never read back")
            else:
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = here / name
            shown = (rel / name).as_posix()
            suffix = path.suffix.lower()
            if name.startswith("."):
                yield Skipped(shown, "hidden file")
            elif not path.is_file():
                yield Skipped(shown, "not a regular file", detail="a broken link, a pipe …")
            elif suffix not in SUFFIXES:
                yield Skipped(shown, "unknown suffix",
                              detail=f"{suffix or 'none'}; partygraph reads {KINDS} files")
            else:
                yield Candidate(path, shown, str(path))


def _count(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def describe(skipped: list[Skipped]) -> str:
    """"3 skipped: 2 unknown suffix, 1 hidden folder" — counts of files by reason."""
    reasons: Counter[str] = Counter()
    for s in skipped:
        reasons[s.reason] += s.files
    total = sum(reasons.values())
    return f"{total} skipped: " + ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()))


class Identities:
    """Which input gave each article identity so far, by the IRI key it mints: a second
    input with the same key is a collision, an error naming both (the first is kept)."""

    def __init__(self) -> None:
        self._by_key: dict[str, tuple[str, str]] = {}

    def claim(self, source: str, origin: str) -> InputError | None:
        key = article_key(source)
        first_source, first_origin = self._by_key.setdefault(key, (source, origin))
        if (first_source, first_origin) == (source, origin):
            return None
        if first_source == source:
            return InputError(origin, f"has the article identity {source!r} of "
                              f"{first_origin} too", "give each article its own id, or "
                              "name the folder that holds both")
        return InputError(origin, f"(article {source!r}) mints the article key {key!r} of "
                          f"{first_origin} (article {first_source!r})", "rename one of them")
