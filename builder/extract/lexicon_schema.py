"""What a language file (``data/lang/<code>.toml``) may hold: every section and key the
engine reads, and the type of its value, in one description.

Without it a typo is silent: ``titels = [...]`` or ``[verb]`` load fine and their words
are simply never used. :func:`check` walks a parsed file against :data:`SCHEMA` and
raises :class:`~partygraph.errors.LanguageFileError` naming the file, the key at fault
and the nearest key the engine knows, or the type the value should have.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from partygraph.errors import LanguageFileError


@dataclass(frozen=True)
class Section:
    """A table whose keys are fixed (the file's top level, ``[verbs]``, a role record)."""

    keys: Mapping[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Table:
    """A table whose keys are the language's own (patterns, month names, levels)."""

    value: Spec


@dataclass(frozen=True)
class OneOf:
    """A value that may take either form (a role, or a role with its organization)."""

    options: tuple[Spec, ...]


@dataclass(frozen=True)
class Choice:
    """A string from a closed list (the scripts the engine reads)."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: Spec


Spec = type | Section | Table | OneOf | Choice | ListOf

_WORDS = ListOf(str)
_LEVEL_WORDS = Table(_WORDS)

#: Every key of a language file. Top-level lists hold folded patterns unless said.
SCHEMA = Section({
    "lang": str,
    "script": Choice(("latin", "cyrillic", "arabic", "han")),
    "title_order": Choice(("head-first", "head-last")),
    "honorifics": _WORDS, "articles": _WORDS, "possessives": _WORDS,
    "connectors": _WORDS, "conjunctions": _WORDS, "compound_gap": str,
    "post_words": _WORDS, "join_words": _WORDS, "number_marker": str,
    "groups": _WORDS, "today": _WORDS, "date_patterns": _WORDS, "target_years": _WORDS,
    "name_particles": _WORDS, "name_edges": _WORDS, "marked_words": _WORDS,
    "abbreviations": _WORDS, "newspaper_prefixes": _WORDS, "function_words": _WORDS,
    "roles": Table(OneOf((str, Section({"role": str, "org": str, "level": str},
                                       frozenset({"role"}))))),
    "orgs": Table(OneOf((str, Section({"type": str, "level": str, "parent": str},
                                      frozenset({"type"}))))),
    "levels": Table(str), "events": Table(str), "documents": Table(str),
    "months": Table(int),
    "verbs": Section({"chair": _WORDS, "attend": _WORDS, "hold": _WORDS}),
    "level_before": _LEVEL_WORDS, "level_after": _LEVEL_WORDS,
    "level_suffixes": _LEVEL_WORDS,
    "boilerplate": Section({"trailers": _WORDS, "photo": _WORDS, "share": _WORDS}),
}, frozenset({"lang"}))


def check(data: Mapping[str, object], source: str) -> None:
    """Raise :class:`LanguageFileError` for the first key or value ``data`` (a parsed
    language file from ``source``) holds that :data:`SCHEMA` does not allow."""
    problem = _problem(SCHEMA, data, ())
    if problem is not None:
        raise LanguageFileError(f"{source}: {problem}")


def _nearest(key: str, known: Iterable[str]) -> str:
    """The known key ``key`` most likely misspells: the longest shared beginning first
    ("titels" -> "title_order"), then :mod:`difflib`'s similarity."""
    def rank(candidate: str) -> tuple[int, float]:
        shared = next((i for i, (a, b) in enumerate(zip(key, candidate, strict=False))
                       if a != b), min(len(key), len(candidate)))
        return shared, difflib.SequenceMatcher(None, key, candidate).ratio()
    return max(known, key=rank)


def _name(path: tuple[str, ...]) -> str:
    return ".".join(f'"{p}"' if not p.replace("_", "").isalnum() else p for p in path)


def _describe(spec: Spec) -> str:
    if isinstance(spec, type):
        return {str: "a string", int: "an integer"}.get(spec, spec.__name__)
    if isinstance(spec, ListOf):
        return f"a list of {_describe(spec.item).removeprefix('a ').removeprefix('an ')}s"
    if isinstance(spec, Choice):
        return "one of " + ", ".join(repr(v) for v in spec.values)
    if isinstance(spec, OneOf):
        return " or ".join(_describe(o) for o in spec.options)
    return "a table"


def _problem(spec: Spec, value: object, path: tuple[str, ...]) -> str | None:
    """What is wrong with ``value`` at ``path``, or None."""
    wrong = f"{_name(path)} must be {_describe(spec)}, not {type(value).__name__} {value!r}"
    if isinstance(spec, Section):
        if not isinstance(value, Mapping):
            return wrong
        for key, item in value.items():
            if key not in spec.keys:
                return (f"unknown key {_name((*path, key))} (the nearest known key is "
                        f"{_nearest(key, spec.keys)!r}): fix its spelling or remove it")
            found = _problem(spec.keys[key], item, (*path, key))
            if found:
                return found
        missing = sorted(spec.required - set(value))
        return f"{_name(path) or 'the file'} lacks {missing[0]!r}: add it" if missing else None
    if isinstance(spec, Table):
        if not isinstance(value, Mapping):
            return wrong
        for key, item in value.items():
            found = _problem(spec.value, item, (*path, key))
            if found:
                return found
        return None
    if isinstance(spec, OneOf):
        if isinstance(value, Mapping):   # the table form: its own keys are checked
            return _problem(next(o for o in spec.options if isinstance(o, Section)),
                            value, path)
        return None if any(_problem(o, value, path) is None for o in spec.options) else wrong
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            return wrong
        return next((p for i, item in enumerate(value)
                     if (p := _problem(spec.item, item, (*path, str(i)))) is not None), None)
    if isinstance(spec, Choice):
        return None if value in spec.values else wrong
    # bool is an int to Python, never to a language file
    return None if isinstance(value, spec) and not isinstance(value, bool) else wrong
