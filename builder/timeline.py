"""Facts computed across articles: the first and last dates each post was seen.

W3C ORG's ``org:memberDuring`` in the simple form of two dates on the membership
(``pg:firstSeen``, ``pg:lastSeen``): the earliest and latest dates of the articles that
state the membership (an article's publication date, else the dates of the events it
reports). No article states these facts, so they live in one shared graph
(:meth:`partygraph.iris.Minter.timeline`).

The update is incremental: it reads what entered and left the merged graph, moves the
dates of the memberships that gained articles, and recomputes only those that lost
one, each from index lookups on the merged graph, so the step costs what the change
costs, not what the store holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from partygraph import oxvocab as V
from partygraph.iris import Minter
from partygraph.store import DEFAULT, GraphStore
from partygraph.terms import OxObject, OxResource, OxTriple

_TYPE, _MEMBERSHIP, _DERIVED = V.RDF_type, V.ORG_Membership, V.PROV_wasDerivedFrom
_PUBLISHED, _START = V.SDO_datePublished, V.SDO_startDate
_FIRST, _LAST, _DATE = V.PG_firstSeen, V.PG_lastSeen, V.XSD_date
_ARTICLE = V.PG_Article


class Timeline:
    """Recomputes the timeline of the memberships that changed articles touch."""

    def __init__(self, store: GraphStore, minter: Minter) -> None:
        self.store = store
        self.graph = minter.timeline()
        self._dates: dict[OxResource, list[str]] = {}

    @property
    def db(self) -> ox.Store:
        return self.store.oxigraph    # every buffered write applied

    def _objects(self, s: OxResource, p: ox.NamedNode) -> list[OxObject]:
        return [q.object for q in self.db.quads_for_pattern(s, p, None, DEFAULT)]

    def _nodes(self, s: OxResource, p: ox.NamedNode) -> list[OxResource]:
        """The objects that are nodes (IRIs, blank nodes): articles, events."""
        return [o for o in self._objects(s, p) if isinstance(o, ox.NamedNode | ox.BlankNode)]

    def _dates_of(self, s: OxResource, p: ox.NamedNode) -> list[str]:
        """The lexical forms of the literal objects: dates."""
        return [o.value for o in self._objects(s, p) if isinstance(o, ox.Literal)]

    def _subjects(self, p: ox.NamedNode, o: OxResource) -> list[OxResource]:
        return [q.subject for q in self.db.quads_for_pattern(None, p, o, DEFAULT)
                if isinstance(q.subject, ox.NamedNode | ox.BlankNode)]

    def article_dates(self, article: OxResource) -> list[str]:
        """The article's date, else the dates of the events it reports (ISO strings)."""
        found = self._dates.get(article)
        if found is None:
            found = self._dates_of(article, _PUBLISHED)
            if not found:
                found = [d for s in self._subjects(_DERIVED, article)
                         for d in self._dates_of(s, _START)]
            self._dates[article] = found
        return found

    def memberships_of(self, articles: Iterable[OxResource]) -> set[OxResource]:
        return {s for a in articles for s in self._subjects(_DERIVED, a)
                if ox.Quad(s, _TYPE, _MEMBERSHIP, DEFAULT) in self.db}

    def update(self, entering: Iterable[tuple[OxResource, ox.NamedNode, OxResource | None]],
               leaving: Iterable[tuple[OxResource, ox.NamedNode, OxResource | None]]
               ) -> int:
        """Bring the timeline up to date with what entered and left the merged graph;
        return how many memberships were rewritten.

        A membership that only gained articles moves its dates to the new articles'
        dates (a minimum and a maximum only grow outwards): the cost is the change's.
        One that lost an article, or whose article's dates changed, is recomputed from
        all the articles stating it.

        The articles' dates are cached for one update only: kept for the whole build,
        the cache held every article of the corpus."""
        self._dates = {}
        gained: dict[OxResource, set[OxResource]] = defaultdict(set)
        recompute: set[OxResource] = set()
        redated: set[OxResource] = set()
        new_articles: set[OxResource] = set()
        events: dict[OxResource, set[OxResource]] = defaultdict(set)
        for lines, entered in ((entering, True), (leaving, False)):
            for s, p, o in lines:      # o is None for a literal (not needed here)
                if p == _DERIVED and o is not None:
                    if entered:
                        gained[s].add(o)
                    else:
                        recompute.add(s)
                    events[s].add(o)
                elif p == _PUBLISHED:
                    redated.add(s)
                elif p == _START:
                    events[s].update(self._nodes(s, _DERIVED))
                    redated.add(s)      # the event: its articles are found below
                elif entered and p == _TYPE and o == _ARTICLE:
                    new_articles.add(s)
        # an article stands for itself, an event for the articles reporting it
        redated = {a for x in redated for a in events.get(x, {x})}
        for article in redated:
            self._dates.pop(article, None)
        recompute |= self.memberships_of(redated - new_articles)
        removed: list[OxTriple] = []
        added: list[OxTriple] = []
        for m in sorted(set(gained) | recompute, key=str):
            if ox.Quad(m, _TYPE, _MEMBERSHIP, DEFAULT) not in self.db:
                continue    # an event or evidence node derived from the article
            # what the timeline graph says of m, read where it is indexed: the merged graph
            old: list[OxTriple] = [(m, p, o) for p in (_FIRST, _LAST)
                                   for o in self._objects(m, p)]
            if m in recompute:
                articles = self._nodes(m, _DERIVED)
                dates = sorted(d for a in articles for d in self.article_dates(a))
            else:
                dates = sorted([o.value for _, _, o in old if isinstance(o, ox.Literal)]
                               + [d for a in gained[m] for d in self.article_dates(a)])
            if old:
                old.append((m, _TYPE, _MEMBERSHIP))
            new: list[OxTriple] = []
            if dates:
                new = [(m, _TYPE, _MEMBERSHIP),
                       (m, _FIRST, ox.Literal(dates[0], datatype=_DATE)),
                       (m, _LAST, ox.Literal(dates[-1], datatype=_DATE))]
            if set(old) != set(new):
                removed += old
                added += new
        if removed or added:
            self.store.update_graph(self.graph, removed, added)
        return len({t[0] for t in removed} | {t[0] for t in added})
