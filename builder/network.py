"""The graph as networkx graphs: who holds which post in which organization where, who
meets whom, and the neighbourhood of one person or organization.

Three projections of the store's merged graph (read once, :mod:`partygraph.network_data`):

- ``organizational``: persons — posts — organizations — places; a person is linked to
  each post (``org:Membership``) they hold, a post to its organization, an organization
  to the organization it belongs to (``org:subOrganizationOf``) and to the unit it
  governs, a unit to the unit it lies within. Posts are nodes, not edges, because a post
  has its own dates, evidence and source, which the page shows when one clicks it.
- ``co-attendance``: persons only, two linked when they chaired or attended the same
  events, ``weight`` the number of events, ``start``/``end`` the first and last.
- ``ego``: the organizational network with the events (person — chaired/attended —
  event) added, cut to the nodes within ``depth`` steps of the focus (a person, an
  organization or a place, named however it is written). A post is a step: a person's
  organizations are 2 steps away, its colleagues 4.

Filters (:class:`Filters`) keep posts of the organizations of a ``province`` (governing
it or a unit within it) and of one organization type, posts held on a ``date``
(first seen ≤ date ≤ last seen), and facts stated by articles in one language; events
are kept by their article's place, date and language. Every node carries the attributes
of the contract the pictures and the HTML page read (see :data:`NODE_KINDS`), and
:func:`partygraph.analytics.annotate` adds the centralities and communities.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from partygraph.errors import QueryParameterError, UnknownNameError
from partygraph.folding import fold_key as fold
from partygraph.names import canonical_names, name_key
from partygraph.namespaces import ORG_TYPES
from partygraph.network_data import Event, Post, Snapshot, load
from partygraph.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx

KINDS = ("organizational", "co-attendance", "ego")
NODE_KINDS = ("person", "organization", "place", "post", "event")


@dataclass(frozen=True)
class Filters:
    """What part of the graph to project; every field optional ("" / None: no filter)."""

    province: str = ""
    orgtype: str = ""
    on: date | None = None
    lang: str = ""

    @classmethod
    def of(cls, province: str | None = None, orgtype: str | None = None,
           date: str | date | None = None, lang: str | None = None) -> Filters:
        """Filters from user text, each value checked (E503 for a malformed one)."""
        if orgtype and orgtype not in ORG_TYPES:
            raise QueryParameterError(f"--orgtype {orgtype!r} is not an organization type; "
                                      f"one of: {', '.join(ORG_TYPES)}")
        on = None
        if isinstance(date, str) and date:
            try:
                on = _iso(date)
            except ValueError:
                raise QueryParameterError(
                    f"--date {date!r} is not a date; write it YYYY-MM-DD") from None
        elif date and not isinstance(date, str):
            on = date
        return cls(province or "", orgtype or "", on, (lang or "").strip().lower())


def _iso(text: str) -> date:
    return date.fromisoformat(text.strip())


def project(store: GraphStore, kind: str = "organizational", filters: Filters | None = None,
            *, focus: str = "", depth: int = 2, lang: str = "") -> nx.Graph:
    """The ``kind`` projection of ``store`` (see the module doc), labels in ``lang`` where
    the graph has them (else ``filters.lang``, else the canonical name)."""
    if kind not in KINDS:
        raise QueryParameterError(f"--kind is {', '.join(KINDS)}, not {kind!r}")
    if kind == "ego" and not focus:
        raise QueryParameterError("--kind ego needs --focus NAME (a person, an organization "
                                  "or a place)")
    if depth < 0:
        raise QueryParameterError(f"--depth is 0 or more, not {depth}")
    filters = filters or Filters()
    snap = load(store)
    view = _View(snap, filters, store, lang or filters.lang)
    if kind == "co-attendance":
        return view.co_attendance()
    graph = view.organizational(with_events=kind == "ego")
    if kind == "ego":
        graph = view.ego(graph, focus, depth)
    return graph


class _View:
    """A snapshot seen through filters: which posts and events are kept, node attributes."""

    def __init__(self, snap: Snapshot, filters: Filters, store: GraphStore, lang: str) -> None:
        self.snap, self.filters, self.store, self.lang = snap, filters, store, lang
        self._provinces: dict[str, str] = {}
        self.province = self._province(filters.province) if filters.province else ""
        if filters.lang and filters.lang not in snap.languages:
            raise UnknownNameError(
                f"--lang {filters.lang!r}: no post or event of the store comes from an "
                f"article in that language; the store has: {', '.join(sorted(snap.languages))}")
        self.posts = [p for p in snap.posts.values() if self._keeps(p)]

    def _province(self, value: str) -> str:
        names = set(canonical_names(self.store, value))
        found = sorted(p for p in self.snap.provinces if self.snap.names.get(p) in names)
        if not found:
            raise UnknownNameError(f"--province {value!r}: no province of that name in the "
                                   "store (a province's canonical name, e.g. Binh Thuan)")
        return found[0]

    def _org_passes(self, org: str) -> bool:
        f = self.filters
        if f.orgtype and self.snap.org_types.get(org) != f.orgtype:
            return False
        return not self.province or self.org_province(org) == self.province

    def org_province(self, org: str) -> str:
        """The province an organization governs or lies in (memoised: asked per post)."""
        if org not in self._provinces:
            unit = self.snap.jurisdiction.get(org, "")
            self._provinces[org] = self.snap.province_of(unit) if unit else ""
        return self._provinces[org]

    def _keeps(self, post: Post) -> bool:
        f = self.filters
        if not self._org_passes(post.org):
            return False
        if f.on is not None:
            if not (post.start and post.end):
                return False
            if not _iso(post.start) <= f.on <= _iso(post.end):
                return False
        return not f.lang or any(s.lang == f.lang for s in post.sources)

    # -- node attributes ------------------------------------------------------------
    def _attrs(self, node: str, kind: str, province: str = "", orgtype: str = ""
               ) -> dict[str, Any]:
        labels = dict(sorted(self.snap.labels.get(node, {}).items()))
        name = self.snap.name(node)
        return {"kind": kind, "label": labels.get(self.lang, name), "labels": labels,
                "province": self.snap.name(province) if province else "",
                "orgtype": orgtype}

    def _person(self, person: str, posts: list[Post]) -> dict[str, Any]:
        counts = Counter(self.org_province(p.org) for p in posts)
        counts.pop("", None)
        province = min(counts, key=lambda k: (-counts[k], k)) if counts else ""
        attrs = self._attrs(person, "person", province)
        attrs["posts"] = [self._post_record(p) for p in posts]
        return attrs

    def _post_record(self, post: Post) -> dict[str, str]:
        sources = [s for s in post.sources if not self.filters.lang or s.lang == self.filters.lang]
        source = sources[0].source if sources else ""
        return {"role": post.role, "organization": self._attrs(post.org, "organization")["label"],
                "start": post.start, "end": post.end,
                "evidence": self.snap.quote(post.iri, source) if source else "",
                "source": source}

    def _org(self, org: str) -> dict[str, Any]:
        return self._attrs(org, "organization", self.org_province(org),
                           self.snap.org_types.get(org, ""))

    # -- projections ----------------------------------------------------------------
    def organizational(self, *, with_events: bool = False) -> nx.Graph:
        import networkx as nx

        snap = self.snap
        by_person: dict[str, list[Post]] = {}
        for post in self.posts:
            by_person.setdefault(post.person, []).append(post)
        orgs = {p.org for p in self.posts}
        if not (self.filters.on or self.filters.lang):
            orgs |= {o for o in snap.org_types if self._org_passes(o)}
        todo = sorted(orgs)
        while todo:                         # the parents, as far as they pass the filters
            for parent in snap.parents.get(todo.pop(), []):
                if parent not in orgs and self._org_passes(parent):
                    orgs.add(parent)
                    todo.append(parent)
        nodes: dict[str, dict[str, Any]] = {}
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for person, posts in by_person.items():
            nodes[person] = self._person(person, posts)
        for post in self.posts:
            attrs = self._attrs(post.iri, "post", self.org_province(post.org),
                                snap.org_types.get(post.org, ""))
            org_label = self._attrs(post.org, "organization")["label"]
            attrs["label"] = f"{post.role.replace('-', ' ')} — {org_label}"
            nodes[post.iri] = attrs
            dates = {"start": post.start, "end": post.end}
            edges.append((post.person, post.iri, {"relation": "holds", **dates}))
            edges.append((post.iri, post.org, {"relation": "post-in", **dates}))
        for org in orgs:
            nodes[org] = self._org(org)
            edges += [(org, parent, {"relation": "sub-organization-of"})
                      for parent in snap.parents.get(org, []) if parent in orgs]
            unit = snap.jurisdiction.get(org, "")
            if unit and self._unit_passes(unit):
                edges.append((org, unit, {"relation": "jurisdiction"}))
                self._add_places(unit, nodes, edges)
        if with_events:
            for event in self._events():
                attrs = self._attrs(event.iri, "event", self._event_province(event.places))
                if attrs["label"] == event.iri:         # no headline: say what and when
                    attrs["label"] = f"event {event.date}".strip()
                nodes[event.iri] = attrs
                for how, people in (("chaired", event.chairs), ("attended", event.attendees)):
                    for person in people:
                        if person not in nodes:
                            nodes[person] = self._person(person, [])
                        edges.append((person, event.iri, {"relation": how, "start": event.date,
                                                          "end": event.date}))
        return _graph(nx.Graph, nodes, edges)

    def _unit_passes(self, unit: str) -> bool:
        return not self.province or self.snap.province_of(unit) == self.province

    def _add_places(self, unit: str, nodes: dict[str, dict[str, Any]],
                    edges: list[tuple[str, str, dict[str, Any]]]) -> None:
        """``unit`` and the units it lies within (as far as they pass the province)."""
        todo = [unit]
        while todo:
            here = todo.pop()
            if here in nodes:
                continue
            nodes[here] = self._attrs(here, "place", self.snap.province_of(here))
            for up in self.snap.within.get(here, []):
                if self._unit_passes(up):
                    edges.append((here, up, {"relation": "within"}))
                    todo.append(up)

    def _events(self) -> list[Event]:
        f = self.filters
        out = []
        for event in self.snap.events.values():
            if f.on is not None and event.date != f.on.isoformat():
                continue
            if f.lang and f.lang not in event.langs:
                continue
            if self.province and self._event_province(event.places) != self.province:
                continue
            out.append(event)
        return out

    def _event_province(self, places: set[str]) -> str:
        found = sorted({self.snap.province_of(p) for p in places} - {""})
        return found[0] if found else ""

    def co_attendance(self) -> nx.Graph:
        import networkx as nx

        by_person: dict[str, list[Post]] = {}
        for post in self.posts:
            by_person.setdefault(post.person, []).append(post)
        allowed = set(by_person) if self.filters.orgtype else None
        nodes: dict[str, dict[str, Any]] = {}
        pairs: dict[tuple[str, str], list[str]] = {}
        for event in self._events():
            people = sorted({*event.chairs, *event.attendees})
            if allowed is not None:
                people = [p for p in people if p in allowed]
            for person in people:
                if person not in nodes:         # once: its posts' evidence is read here
                    nodes[person] = self._person(person, by_person.get(person, []))
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    pairs.setdefault((a, b), []).append(event.date)
        edges = []
        for (a, b), dates in pairs.items():
            known = sorted(d for d in dates if d)
            edges.append((a, b, {"relation": "co-attended", "weight": len(dates),
                                 "start": known[0] if known else "",
                                 "end": known[-1] if known else ""}))
        return _graph(nx.Graph, nodes, edges)

    def ego(self, graph: nx.Graph, focus: str, depth: int) -> nx.Graph:
        import networkx as nx

        centres = self._focus(focus, graph)
        keep: set[str] = set()
        for centre in centres:
            keep |= set(nx.single_source_shortest_path_length(graph, centre, cutoff=depth))
        nodes = {n: graph.nodes[n] for n in keep}
        edges = [(u, v, d) for u, v, d in graph.edges(keep, data=True)
                 if u in keep and v in keep]
        return _graph(nx.Graph, nodes, edges)

    def _focus(self, value: str, graph: nx.Graph) -> list[str]:
        """The nodes ``value`` names: an IRI, a canonical name however written (persons,
        places), or an organization's label, folded."""
        if value in graph:
            return [value]
        names = set(canonical_names(self.store, value))
        found = [n for n in graph if self.snap.names.get(n) in names]
        if not found:
            key = name_key(value)
            found = [n for n in graph if graph.nodes[n]["kind"] == "organization"
                     and any(fold(label) == key for label in self.snap.labels.get(n, {}).values())]
        if not found:
            raise UnknownNameError(
                f"--focus {value!r}: no person, organization or place of that name in this "
                "network (a person's or place's name in any script, an organization's label, "
                "or an IRI; check the filters too)")
        return sorted(found)


def _graph(cls: type[nx.Graph], nodes: dict[str, dict[str, Any]],
           edges: list[tuple[str, str, dict[str, Any]]]) -> nx.Graph:
    """A graph with nodes and edges inserted in sorted order (the same input always
    builds the same graph, node for node: Louvain and the layouts depend on the order)."""
    graph = cls()
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    for u, v, attrs in sorted(edges, key=lambda e: (min(e[0], e[1]), max(e[0], e[1]),
                                                     e[2]["relation"])):
        if graph.has_edge(u, v):
            continue
        graph.add_edge(u, v, **{"relation": attrs["relation"], "weight": attrs.get("weight", 1),
                                "start": attrs.get("start", ""), "end": attrs.get("end", "")})
    return graph
