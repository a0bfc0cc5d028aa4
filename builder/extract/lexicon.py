"""Per-language knowledge, loaded from ``builder/data/lang/<lang>.toml``.

A lexicon is data: regular expressions over *folded* text (see :mod:`.text`) for
honorifics, role words, organization names, level words, verbs of chairing and
attending, event nouns, document words, months and numbered groups. Adding a language
is adding a file; the engine does not change. ``script`` tells the engine how names
are written (Latin, Cyrillic, Arabic, Han) and ``title_order`` whether a title reads
role-first ("chef du Comité d'organisation") or role-last (Chinese "组织部部长").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from partygraph.errors import ConfigurationError
from partygraph.extract import lexicon_schema
from partygraph.extract.scan import Scanner, scanner

LANG_DIR = "data/lang"


@dataclass(frozen=True)
class RoleEntry:
    """A role word that names its organization too ("Premier ministre", "Tỉnh ủy viên",
    "Provinzparteisekretär"): used when no organization follows in the title."""

    role: str
    org_type: str = ""
    level: str = ""


@dataclass(frozen=True)
class OrgEntry:
    org_type: str
    level: str = ""           # province | district | city | commune | central
    parent_type: str = ""     # an organization the phrase implies ("du Parti provincial")


@dataclass(frozen=True)
class Tagger:
    """The patterns of one kind of annotation, each with its value.

    Every pattern is matched on its own, so overlapping matches all come out and the
    caller keeps the longest (a single alternation would keep the first alternative
    that matches, "provincial party committee" inside "provincial party committee's
    organization commission"). Matching goes through :class:`.scan.Scanner`, which
    skips patterns whose words are not in the text and searches past the leading
    word-boundary lookbehind; the matches are those of ``pattern.finditer``.
    """

    patterns: tuple[tuple[re.Pattern[str], object], ...]

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """One alternation of all patterns, for quick removal (e.g. honorifics in a gap)."""
        if not self.patterns:
            return None
        return re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.patterns))

    @cached_property
    def _scanners(self) -> tuple[tuple[Scanner, object], ...]:
        return tuple((scanner(p), v) for p, v in self.patterns)

    def finditer(self, text: str) -> Iterator[tuple[int, int, object]]:
        """(start, end, value) of every non-empty match, pattern by pattern."""
        for scan, value in self._scanners:
            for m in scan.finditer(text):
                start, end = m.span()
                if end > start:
                    yield start, end, value


@dataclass(frozen=True)
class Lexicon:
    lang: str
    script: str
    title_order: str
    honorific: Tagger
    role: Tagger
    org: Tagger
    level: Tagger
    chair: Tagger
    attend: Tagger
    hold: Tagger
    event: Tagger
    document: Tagger
    groups: tuple[re.Pattern[str], ...]
    connector: re.Pattern[str]
    conjunction: re.Pattern[str]
    article: re.Pattern[str]
    possessive: re.Pattern[str]
    number_marker: str
    months: dict[str, int]
    date_patterns: tuple[re.Pattern[str], ...]
    today_words: Tagger
    name_particles: frozenset[str] = field(default_factory=frozenset)
    #: The gap between two organization names that makes the first a modifier of the
    #: second (English "Provincial Party Standing Committee", "Party Committee's
    #: Organization Commission"); None in languages whose bare sequences read
    #: head-first (Russian genitives, Vietnamese "Ban Tổ chức Tỉnh ủy").
    compound_gap: re.Pattern[str] | None = None
    #: matches the end of the text before a year that is a horizon ("d'ici 2030")
    target_year: re.Pattern[str] = re.compile("(?!)")
    #: (level, pattern) of the words written after a place name ("Ha Noi City")
    level_after: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: Words that end a name on their left and start one on their right, in scripts
    #: without spaces ("被指定", "担任", "当选"): partygraph.extract.han anchors names on them.
    name_edge: Tagger = field(default_factory=lambda: Tagger(()))
    #: One-word entries as spelled with their marks ("trưởng"), where a name syllable
    #: folds the same way ("Trương", "Trường"): only the marked spelling is the entry.
    marked_words: frozenset[str] = field(default_factory=frozenset)
    #: words between a name and the post it is given or holds ("X fue elegido secretario
    #: del …", "X làm Bí thư …", "X, …, au poste de président du …", "X担任省委书记")
    post_words: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: words between a name and organizations it joins as a member ("tham gia", "joined")
    join_words: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: abbreviations a sentence does not end after ("mme.", "tp.", "ул."), folded
    abbreviations: tuple[str, ...] = ()
    #: level -> the words before a unit's name that give its level ("province de", "tinh")
    level_before: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: level word written right after a unit's name with no space ("省", "市") -> the
    #: levels of unit it may follow; the name before it is read by its characters
    level_suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words a newspaper's code may start with ("Bao" of "BaoLaoCai")
    newspaper_prefixes: tuple[str, ...] = ()
    #: function words that are also renderings of a name syllable (Russian "на", Arabic
    #: "في"), as written: never read as a name's syllable (see partygraph.translit)
    function_words: frozenset[str] = field(default_factory=frozenset)
    #: site boilerplate in this language: lines that end an article ("Nguồn", "Xem
    #: thêm"), the word of a photo credit ("Ảnh: …") and of a share bar ("Chia sẻ")
    trailers: tuple[str, ...] = ()
    photo_words: tuple[str, ...] = ()
    share_words: tuple[str, ...] = ()

    @cached_property
    def gap_memo(self) -> dict[tuple[str, str], bool]:
        """Answers of ``titles._gap_ok`` for short gaps, which depend on this lexicon."""
        return {}


def _wrap(pattern: str, script: str) -> str:
    """Word boundaries, and Arabic's attached conjunctions and prepositions."""
    if script == "arabic":
        # "للمدينة" is ل + المدينة with the alef of the article dropped
        return rf"(?<![\w])(?:[وف])?(?:لل(?=\w{{2}})|[لبك])?(?:{pattern})(?![\w])"
    if script == "han":
        return f"(?:{pattern})"
    return rf"(?<![\w])(?:{pattern})(?![\w])"


def _tagger(entries: Mapping[str, object] | list[str], script: str, kind: str,
            value: object = True) -> Tagger:
    items = entries.items() if isinstance(entries, Mapping) else ((e, value) for e in entries)
    compiled = []
    for pattern, val in items:
        try:
            compiled.append((re.compile(_wrap(pattern, script)), val))
        except re.error as exc:
            raise ConfigurationError(
                f"lexicon {kind} pattern {pattern!r} does not compile: {exc}") from exc
    return Tagger(tuple(compiled))


def _role_entries(raw: dict[str, object]) -> dict[str, str | RoleEntry]:
    out: dict[str, str | RoleEntry] = {}
    for pattern, v in raw.items():
        if isinstance(v, str):
            out[pattern] = v
        elif isinstance(v, dict):
            out[pattern] = RoleEntry(v["role"], v.get("org", ""), v.get("level", ""))
        else:
            raise ConfigurationError(f"role entry {pattern!r} must be a role or a table")
    return out


def _org_entries(raw: dict[str, object]) -> dict[str, OrgEntry]:
    out = {}
    for pattern, v in raw.items():
        if isinstance(v, str):
            out[pattern] = OrgEntry(v)
        elif isinstance(v, dict):
            out[pattern] = OrgEntry(v["type"], v.get("level", ""), v.get("parent", ""))
        else:
            raise ConfigurationError(f"org entry {pattern!r} must be a type or a table")
    return out


def _alternation(words: list[str]) -> re.Pattern[str]:
    """One pattern for a list of phrases, longest first; one that never matches if none."""
    return re.compile("|".join(sorted(words, key=len, reverse=True)) or "(?!)")


@cache
def available() -> tuple[str, ...]:
    folder = resources.files("partygraph").joinpath(LANG_DIR)
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


@cache
def load(lang: str) -> Lexicon | None:
    """The lexicon of a language, or None when partygraph has none for it."""
    if lang not in available():
        return None
    path = resources.files("partygraph").joinpath(f"{LANG_DIR}/{lang}.toml")
    return _parse(path.read_text(encoding="utf-8"), str(path), lang)


def load_file(path: Path) -> Lexicon:
    """The lexicon of a language file outside the package (one being written): checked
    against :data:`~partygraph.extract.lexicon_schema.SCHEMA` like the shipped ones."""
    return _parse(path.read_text(encoding="utf-8"), str(path), path.stem)


def in_every_language() -> list[Lexicon]:
    """Every shipped lexicon, for what is read before the language is known or in every
    article whatever its language (translated articles keep the Vietnamese "TP.",
    "tỉnh" and "Báo"): month names of date lines, abbreviations, level words."""
    return [lex for lang in available() if (lex := load(lang)) is not None]


@cache
def function_words(script: str) -> frozenset[str]:
    """The ``function_words`` of every language written in ``script``: what the readers
    of names in that script (partygraph.translit) must not take for a syllable."""
    return frozenset(w for lex in in_every_language() if lex.script == script
                     for w in lex.function_words)


def _parse(text: str, source: str, lang: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{source}: {exc}") from exc
    lexicon_schema.check(data, source)
    script = data.get("script", "latin")
    months = {k: int(v) for k, v in data.get("months", {}).items()}
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True)) or "(?!)"
    date_patterns = tuple(
        re.compile(p.replace("{months}", f"(?P<month>{month_alt})"))
        for p in data.get("date_patterns", []))
    conj = data.get("conjunctions", [])
    conn = data.get("connectors", [])
    return Lexicon(
        lang=lang,
        script=script,
        title_order=data.get("title_order", "head-first"),
        honorific=_tagger(data.get("honorifics", []), script, "hon"),
        role=_tagger(_role_entries(data.get("roles", {})), script, "role"),
        org=_tagger(_org_entries(data.get("orgs", {})), script, "org"),
        level=_tagger(data.get("levels", {}), script, "lvl"),
        chair=_tagger(data.get("verbs", {}).get("chair", []), script, "chair"),
        attend=_tagger(data.get("verbs", {}).get("attend", []), script, "attend"),
        hold=_tagger(data.get("verbs", {}).get("hold", []), script, "hold"),
        event=_tagger(data.get("events", {}), script, "event"),
        document=_tagger(data.get("documents", {}), script, "doc"),
        groups=tuple(re.compile(_wrap(p, script)) for p in data.get("groups", [])),
        connector=re.compile("|".join(sorted(conn, key=len, reverse=True)) or "(?!)"),
        conjunction=re.compile("|".join(sorted(conj, key=len, reverse=True)) or "(?!)"),
        article=re.compile("|".join(sorted(data.get("articles", []), key=len, reverse=True))
                           or "(?!)"),
        possessive=re.compile(r"(?<!\w)(?:" + ("|".join(data.get("possessives", [])) or "(?!)")
                              + r")(?!\w)"),
        number_marker=data.get("number_marker", r"(?:n\s?°|no\.?|№)"),
        months=months,
        date_patterns=date_patterns,
        today_words=_tagger(data.get("today", []), script, "today"),
        name_particles=frozenset(data.get("name_particles", [])),
        compound_gap=re.compile(data["compound_gap"]) if "compound_gap" in data else None,
        target_year=_target_year(data.get("target_years", []), script),
        level_after=tuple(
            (level, re.compile(r"^\s*(?:-\s*)?(?:" + "|".join(words) + ")"))
            for level, words in data.get("level_after", {}).items()),
        name_edge=_tagger(data.get("name_edges", []), script, "edge"),
        marked_words=frozenset(unicodedata.normalize("NFC", w.lower())
                               for w in data.get("marked_words", [])),
        post_words=_alternation(data.get("post_words", [])),
        join_words=_alternation(data.get("join_words", [])),
        abbreviations=tuple(data.get("abbreviations", [])),
        level_before={k: tuple(v) for k, v in data.get("level_before", {}).items()},
        level_suffixes={k: tuple(v) for k, v in data.get("level_suffixes", {}).items()},
        newspaper_prefixes=tuple(data.get("newspaper_prefixes", [])),
        function_words=frozenset(data.get("function_words", [])),
        trailers=tuple(data.get("boilerplate", {}).get("trailers", [])),
        photo_words=tuple(data.get("boilerplate", {}).get("photo", [])),
        share_words=tuple(data.get("boilerplate", {}).get("share", [])),
    )


def _target_year(words: list[str], script: str) -> re.Pattern[str]:
    """The words that make the year after them a horizon, anchored at the end of the
    text before the year ("đến năm", "d'ici", "到")."""
    if not words:
        return re.compile("(?!)")
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(_wrap(alt, script) + r"\s*$")


@dataclass(frozen=True)
class RoleTable:
    chair_org_types: frozenset[str]
    abstract: dict[str, tuple[str, str]]
    standing_parents: frozenset[str]
    standing_promote: dict[str, str]
    subsumes: tuple[tuple[str, str], ...]
    central_org_types: frozenset[str]

    def concept(self, abstract_role: str, org_type: str) -> str:
        pair = self.abstract.get(abstract_role)
        if pair is None:
            return abstract_role if abstract_role else "other"
        return pair[1] if org_type in self.chair_org_types else pair[0]


@cache
def roles() -> RoleTable:
    data = tomllib.loads(resources.files("partygraph").joinpath("data/roles.toml")
                         .read_text(encoding="utf-8"))
    return RoleTable(
        chair_org_types=frozenset(data["chair_org_types"]),
        abstract={k: (v[0], v[1]) for k, v in data["abstract"].items()},
        standing_parents=frozenset(data["standing_as_role"]["parents"]),
        standing_promote=dict(data["standing_as_role"]["promote"]),
        subsumes=tuple((a, b) for a, b in data["subsumes"]),
        central_org_types=frozenset(data["central_org_types"]),
    )
