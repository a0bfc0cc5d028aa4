"""The working state of one extraction: folded text, sentences and coordinates.

Every step asks the same questions many times — which sentence holds this offset,
which annotations fall in this sentence, what is the evidence text of this span — so
the answers are indexed once per article (sorted sentence starts for ``bisect``, the
annotations grouped by sentence, each sentence's evidence text built once) instead of
being found by scanning lists.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date
from functools import cached_property

from partygraph import gazetteer as gazetteer_mod
from partygraph.extract import dates, lexicon
from partygraph.extract.annotations import Ann
from partygraph.extract.text import Sentence, sentences
from partygraph.extract.windows import LONGEST_QUOTE, QUOTE_AROUND
from partygraph.folding import Folded, fold_text
from partygraph.models import Document, Span


class Article:
    """One document being read; discarded when ``extract`` returns."""

    def __init__(self, doc: Document, lex: lexicon.Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.gz = gazetteer_mod.load()
        self.folded: Folded = fold_text(doc.text)
        self.sentences: list[Sentence] = sentences(self.folded)
        self._starts = [s.start for s in self.sentences]
        self._sentence_text: dict[int, str] = {}
        self.groups: list[Ann] = []
        self.date_anns: list[Ann] = []   # step 1's DATE annotations, set by the engine

    # -- coordinates ---------------------------------------------------------------
    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) -> folded [start, end)."""
        idx = self.folded.index
        return bisect.bisect_left(idx, start), bisect.bisect_left(idx, end)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding folded offset ``pos``, or -1 (between sentences).

        Sentences are sorted and disjoint, so only the last one starting at or before
        ``pos`` can hold it.
        """
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i
        return -1

    def sentence_of(self, pos: int) -> Sentence | None:
        i = self.sentence_index(pos)
        return self.sentences[i] if i >= 0 else None

    def span(self, a_start: int, a_end: int) -> Span:
        """Evidence for a folded range: original offsets and the sentence around it."""
        o_start, o_end = self.folded.span(a_start, a_end)
        i = self.sentence_index(a_start)
        if i < 0:
            return Span(o_start, o_end, " ".join(self.doc.text[o_start:o_end].split()))
        text = self._sentence_text.get(i)
        if text is None:
            sent = self.sentences[i]
            s0, s1 = self.folded.span(sent.start, sent.end)
            if s1 - s0 > LONGEST_QUOTE:
                # a page without full stops is one sentence: quoting all of it for each
                # fact would make the graph quadratic in the page
                w0 = max(s0, o_start - QUOTE_AROUND)
                w1 = min(s1, o_end + QUOTE_AROUND, w0 + LONGEST_QUOTE)
                return Span(o_start, o_end, ("… " if w0 > s0 else "")
                            + " ".join(self.doc.text[w0:w1].split())
                            + (" …" if w1 < s1 else ""))
            text = self._sentence_text[i] = " ".join(self.doc.text[s0:s1].split())
        return Span(o_start, o_end, text)

    def by_sentence(self, anns: Sequence[Ann]) -> list[list[Ann]]:
        """For each sentence, the annotations starting in it, in the order given."""
        out: list[list[Ann]] = [[] for _ in self.sentences]
        for a in anns:
            i = self.sentence_index(a.start)
            if i >= 0:
                out[i].append(a)
        return out

    @cached_property
    def on(self) -> date | None:
        """The date whose units are in force for this article: its publication date, or
        else the latest full date it names (an article is not older than what it
        reports; horizons such as "d'ici le 31 décembre 2030" are not counted)."""
        return self.doc.published or self.reference.latest_full

    @cached_property
    def reference(self) -> dates.Reference:
        """What the article is dated by when it has no publication date."""
        return dates.reference(self.folded.text, self.date_anns, self.lex)
