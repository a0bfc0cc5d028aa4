"""What the language tests share: reading the cases of ``cases/<lang>.toml``, the facts
the extractor finds, running the CLI, and a small scorer of the built graph.

Each case file holds two or three short articles of its language, written in the style
of Vietnamese provincial Party-building news as machine translation renders it, each
with what a careful reader finds in it (a :class:`Gold` record), and short sentences
with what each must give. ``test_languages.py`` checks the extractor against them, and
once per language the whole command line (``partygraph build``) and the graph it writes,
scored here with the vocabulary of the graph contract -- the project does not need
../shared.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from partygraph.extract import extract
from partygraph.folding import fold_key as fold
from partygraph.models import ArticleFacts, OrgRef
from partygraph.namespaces import ORG, PG, PROV, SDO

Post = tuple[str, str, str, str]   # (person, role, org type, folded jurisdiction or "")


@dataclass(frozen=True, eq=False)
class Gold:
    """What a careful reader finds in one test article (names folded, Latin)."""

    source_id: str
    lang: str
    text: str
    published: date
    persons: frozenset[str]
    posts: frozenset[Post]
    chairs: frozenset[str]
    attendees: frozenset[str]
    event_date: date | None
    documents: frozenset[tuple[str, str, date | None]]   # (type, number, issued on)
    places: frozenset[str]                               # folded canonical names
    groups: frozenset[int] = frozenset()
    about_place: str | None = None
    issuers: dict[str, dict[str, str]] = field(default_factory=dict)  # number -> type, place
    labels: dict[str, str] = field(default_factory=dict)    # name -> Vietnamese label
    surfaces: tuple[str, ...] = ()                          # spellings kept of persons


def paragraphs(*paras: str) -> str:
    """An article's text: title, dateline and body paragraphs, one per line."""
    return "\n\n".join(paras) + "\n"


CASES = Path(__file__).with_name("cases")


@cache
def case_file(lang: str) -> dict[str, Any]:
    """The parsed ``cases/<lang>.toml``."""
    with (CASES / f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def case_languages() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.toml"))


def text_of(case: dict[str, Any]) -> str:
    """A case's text: ``text`` as written, or ``paragraphs`` one per line."""
    return case["text"] if "text" in case else paragraphs(*case["paragraphs"])


@cache
def articles(lang: str) -> tuple[Gold, ...]:
    """The gold records of a language's articles."""
    return tuple(_gold(lang, a) for a in case_file(lang).get("articles", []))


def _post(p: list[str]) -> Post:
    person, role, org_type, jurisdiction = p
    return person, role, org_type, fold(jurisdiction)


def _gold(lang: str, a: dict[str, Any]) -> Gold:
    return Gold(a["id"], lang, text_of(a), a["published"], frozenset(a["persons"]),
                frozenset(_post(p) for p in a["posts"]), frozenset(a["chairs"]),
                frozenset(a["attendees"]), a.get("event_date"),
                frozenset((d[0], d[1], d[2] if len(d) > 2 else None) for d in a["documents"]),
                frozenset(fold(p) for p in a["places"]), frozenset(a.get("groups", ())),
                fold(a["about_place"]) if "about_place" in a else None,
                a.get("issuers", {}), a.get("labels", {}), tuple(a.get("surfaces", ())))


# -- what the extractor found ----------------------------------------------------------
@dataclass
class Found:
    persons: set[str] = field(default_factory=set)
    posts: set[Post] = field(default_factory=set)
    chairs: set[str] = field(default_factory=set)
    attendees: set[str] = field(default_factory=set)
    event_dates: set[date] = field(default_factory=set)
    documents: set[tuple[str, str, date | None]] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    groups: set[int] = field(default_factory=set)
    about_place: str | None = None
    issuers: dict[str, OrgRef | None] = field(default_factory=dict)


@cache
def found_for(g: Gold) -> Found:
    """The facts extracted from a test article (cached: several tests read them)."""
    return found_in(run_extract(g))


def run_extract(g: Gold) -> ArticleFacts:
    """Extract one test article the way the pipeline does (dateline read by ingest)."""
    from partygraph.ingest import make_document

    doc = make_document(g.source_id, g.text, lang=g.lang)
    assert doc.published == g.published, "the test article's dateline was not read"
    return extract(doc)


def found_in(facts: ArticleFacts) -> Found:
    out = Found()
    for p in facts.persons:
        out.persons.add(p.name)
        for post in p.posts:
            j = post.org.jurisdiction
            out.posts.add((p.name, post.role, post.org.org_type, fold(j.name) if j else ""))
    for e in facts.events:
        out.chairs.update(n for n, _ in e.chairs)
        out.attendees.update(n for n, _ in e.attendees)
        if e.date is not None:
            out.event_dates.add(e.date)
    for d in facts.documents:
        out.documents.add((d.doc_type, d.number, d.issued_on))
        out.issuers[d.number] = d.issuer
    out.places = {fold(m.place.name) for m in facts.places}
    out.groups = {g.number for g in facts.groups}
    out.about_place = fold(facts.about_place.name) if facts.about_place else None
    return out


def check_persons(g: Gold, found: Found) -> None:
    """Every person of the article is found, and no one else."""
    assert found.persons == g.persons


def check_posts(g: Gold, found: Found) -> None:
    assert g.posts <= found.posts, f"missing posts: {sorted(g.posts - found.posts)}"


def check_event(g: Gold, found: Found) -> None:
    assert g.chairs <= found.chairs, f"missing chairs: {sorted(g.chairs - found.chairs)}"
    assert g.attendees <= found.attendees, \
        f"missing attendees: {sorted(g.attendees - found.attendees)}"
    assert not found.chairs & g.attendees, "an attendee was read as a chair"
    if g.event_date is not None:
        assert g.event_date in found.event_dates


def check_documents(g: Gold, found: Found) -> None:
    assert g.documents <= found.documents, \
        f"missing documents: {sorted(g.documents - found.documents, key=str)}"


def check_places(g: Gold, found: Found) -> None:
    assert g.places <= found.places, f"missing places: {sorted(g.places - found.places)}"
    assert g.groups <= found.groups
    if g.about_place is not None:
        assert found.about_place == g.about_place


CHECKS = {"persons": check_persons, "posts": check_posts, "event": check_event,
          "documents": check_documents, "places": check_places}


# -- the command line and the graph it writes ------------------------------------------
def partygraph_command() -> list[str]:
    exe = Path(sys.executable).with_name("partygraph")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("partygraph")
    return [found] if found else [sys.executable, "-m", "partygraph.cli"]


def build_with_cli(articles: Iterable[Gold], tmp: Path) -> Path:
    """Write the articles as files, run ``partygraph build``, return the output folder."""
    src, out = tmp / "in", tmp / "out"
    src.mkdir()
    for g in articles:
        (src / g.source_id).write_text(g.text, encoding="utf-8")
    proc = subprocess.run([*partygraph_command(), "build", str(src), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def query_json(name: str, out: Path, *params: str) -> list[dict[str, str]]:
    import json

    args = [*partygraph_command(), "query", name, "--format", "json",
            "--store", str(out / "store")]
    for p in params:
        args += ["--param", p]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def load_graph(out: Path) -> Graph:
    """The merged graph the build wrote (``graph.ttl``, else the quads of ``graph.trig``)."""
    g = Graph()
    ttl = out / "graph.ttl"
    if ttl.exists():
        g.parse(ttl, format="turtle")
        return g
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


_PLACE_CLASSES = (PG.AdministrativeUnit, PG.Province, PG.City, PG.District, PG.Commune,
                  PG.Country)


def _tail(iri) -> str:
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def graph_facts(g: Graph, source_id: str) -> Found:
    """The facts the graph states for one article, in the terms of the contract."""
    articles = list(g.subjects(PG.sourceId, None))
    art = next((a for a in articles if str(g.value(a, PG.sourceId)) == source_id), None)
    assert art is not None, f"no pg:Article for {source_id}"
    out = Found()

    def name(node) -> str:
        return str(g.value(node, PG.canonicalName) or "")

    for node in g.subjects(PG.mentionedIn, art):
        types = set(g.objects(node, RDF.type))
        if PG.Person in types:
            out.persons.add(name(node))
        elif types & set(_PLACE_CLASSES):
            out.places.add(fold(name(node)))
        if PG.EmulationGroup in types:
            out.groups.update(int(n) for n in g.objects(node, PG.groupNumber))
        if PG.LegalDocument in types:
            issued = g.value(node, PG.issuedOn)
            out.documents.add((_tail(g.value(node, PG.documentType)),
                               str(g.value(node, PG.documentNumber)),
                               issued.toPython() if issued is not None else None))
    for node in g.subjects(PROV.wasDerivedFrom, art):
        if (node, RDF.type, ORG.Membership) in g:
            person = name(g.value(node, ORG.member))
            organization = g.value(node, ORG.organization)
            unit = g.value(organization, PG.jurisdiction)
            out.posts.add((person, _tail(g.value(node, ORG.role)),
                           _tail(g.value(organization, PG.orgType)),
                           fold(name(unit)) if unit is not None else ""))
        if g.value(node, PG.chairedBy) is not None or g.value(node, PG.attendedBy) is not None \
                or g.value(node, SDO.startDate) is not None:
            out.chairs.update(name(p) for p in g.objects(node, PG.chairedBy))
            out.attendees.update(name(p) for p in g.objects(node, PG.attendedBy))
            out.event_dates.update(d.toPython() for d in g.objects(node, SDO.startDate))
    about = g.value(art, PG.aboutPlace)
    out.about_place = fold(name(about)) if about is not None else None
    return out


@dataclass
class Score:
    """Per kind of fact: (true positives, false positives, false negatives)."""

    counts: dict[str, tuple[int, int, int]]

    def recall(self, kind: str) -> float:
        tp, _, fn = self.counts[kind]
        return tp / (tp + fn) if tp + fn else 1.0

    def precision(self, kind: str) -> float:
        tp, fp, _ = self.counts[kind]
        return tp / (tp + fp) if tp + fp else 1.0

    def table(self) -> str:
        return "\n".join(f"{k:11} tp={tp} fp={fp} fn={fn}"
                         for k, (tp, fp, fn) in sorted(self.counts.items()))


def score(pairs: Iterable[tuple[Gold, Found]]) -> Score:
    """Compare gold and found facts, summed over articles.

    Posts, chairs and attendees are scored on what gold states; spurious posts are
    counted only for persons in gold (a post of a real person held in a body gold does
    not list is a false positive).
    """
    counts: dict[str, list[int]] = {}

    def add(kind: str, expected: set, got: set) -> None:
        c = counts.setdefault(kind, [0, 0, 0])
        c[0] += len(expected & got)
        c[1] += len(got - expected)
        c[2] += len(expected - got)

    for g, f in pairs:
        add("persons", set(g.persons), f.persons)
        add("posts", set(g.posts), {p for p in f.posts if p[0] in g.persons})
        add("chairs", set(g.chairs), f.chairs)
        add("attendees", set(g.attendees), f.attendees)
        add("dates", {g.event_date} if g.event_date else set(),
            f.event_dates if g.event_date else set())
        add("documents", set(g.documents), f.documents)
        add("places", set(g.places), f.places)
        add("groups", set(g.groups), f.groups)
    return Score({k: (v[0], v[1], v[2]) for k, v in counts.items()})
