"""What the inputs of a build are: every file under them, read or skipped, and the
article identity of each file read.

An article's identity (its ``pg:sourceId``, from which :func:`partygraph.iris.article_key`
mints its IRIs) is the file's path relative to the input it was found under, so
``a/article.txt`` and ``b/article.txt`` are two articles; a file given directly, or at
the top of a folder given, is its file name, as before — existing stores, ``examples/``
and the gold ``source`` names keep matching. (A JSONL record's identity is its ``id``.)
A name holding a newline, a control or a bidi character is percent-encoded in the
identity (:func:`partygraph.shown.safe_key`).

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

from partygraph.errors import InputError
from partygraph.iris import article_key
from partygraph.shown import safe_key

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
    """A file (or a whole folder of ``files`` files) under an input that is not read.
    The build's own output folder counts no files: they are outputs, not inputs, and
    their number changes from one build to the next."""

    path: str
    reason: str          # short, to count by: "unknown suffix", "hidden folder" …
    files: int = 1
    detail: str = ""

    def __str__(self) -> str:
        parts = [self.detail] if self.detail else []
        if self.path.endswith("/") and self.files:
            parts.append(f"{self.files} file{'s' if self.files != 1 else ''}")
        return f"{self.path}: {self.reason}" + (f" ({', '.join(parts)})" if parts else "")


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
        if root.is_dir() and (root.resolve() == out or _is_output(root)):
            yield InputError(str(root), "is the output folder of a partygraph build, not "
                             "articles", "give the folder of articles instead")
            continue
        if not root.is_dir():
            entries: Iterable[Entry] = [Candidate(root, safe_key(root.name), str(root))]
        else:
            entries = list(_walk(root, out))
        read = 0
        skipped: list[Skipped] = []
        for entry in entries:
            if isinstance(entry, Candidate):
                read += 1
                first = seen.setdefault(entry.path.resolve(), entry)
                if first is not entry:
                    yield InputError(entry.origin, "was already read through another input, "
                                     f"as article {first.source!r}", "give each file once")
                    continue
            elif isinstance(entry, Skipped):
                skipped.append(entry)
            yield entry
        if root.is_dir() and not read:
            yield InputError(str(root), f"holds no {KINDS} file to read: "
                             + (describe(skipped) if skipped else "it is empty"),
                             f"give a folder of {KINDS} files")


def collect(inputs: list[Path], out_dir: Path | None = None
            ) -> tuple[list[Candidate], list[Skipped], list[InputError]]:
    """:func:`survey` sorted into (to read, skipped, not readable). Nothing to read at
    all is an :class:`InputError`, raised before a build writes anything."""
    candidates: list[Candidate] = []
    skipped: list[Skipped] = []
    failed: list[InputError] = []
    for entry in survey(inputs, exclude=out_dir):
        if isinstance(entry, Candidate):
            candidates.append(entry)
        elif isinstance(entry, Skipped):
            skipped.append(entry)
        else:
            failed.append(entry)
    if not candidates:
        if len(failed) == 1:
            raise failed[0]
        problems = "; ".join(str(e) for e in failed) or "none given"
        raise InputError(", ".join(str(p) for p in inputs) or "the inputs",
                         f"nothing to read ({problems})", f"name files or folders of {KINDS} files")
    return candidates, skipped, failed


def _walk(root: Path, out: Path | None) -> Iterator[Candidate | Skipped]:
    """The files of one folder given as input, sorted by relative path."""
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
            elif sub.resolve() == out:
                yield Skipped(shown, "output folder", 0, "this build's --out, never read back")
            elif _is_output(sub):
                yield Skipped(shown, "output folder", 0, "of another partygraph build")
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
                yield Candidate(path, safe_key(shown), str(path))


def _is_output(folder: Path) -> bool:
    return (folder / "store" / "graphs.sqlite").is_file()


def _count(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def describe(skipped: list[Skipped]) -> str:
    """"3 skipped: 2 unknown suffix, 1 hidden folder" — counts of files by reason (and
    the output folder, not counted, by name)."""
    reasons: Counter[str] = Counter()
    for s in skipped:
        reasons[s.reason] += s.files
    counted = [f"{n} {r}" for r, n in sorted(reasons.items()) if n]
    outputs = [f"not read back: {s.path}" for s in skipped if not s.files]
    if not counted:
        return "; ".join(outputs)
    return "; ".join([f"{sum(reasons.values())} skipped: " + ", ".join(counted), *outputs])


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
            records = any(o.rpartition(":")[2].isdigit() for o in (origin, first_origin))
            return InputError(origin, f"has the article identity {source!r} of "
                              f"{first_origin} too", "give each record its own id"
                              if records else "give the folder that holds both instead")
        return InputError(origin, f"(article {source!r}) mints the article key {key!r} of "
                          f"{first_origin} (article {first_source!r})", "rename one of them")
