"""Linear time per article, checked by counting steps on small inputs (the timed runs
on 1-5 MB lines are in benchmarks/bench_hostile.py): a quadratic pass shows as a step
count that grows 16 times when the input grows 4 times."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

import pytest

from partygraph.extract import extract
from partygraph.extract.annotations import Occupied, around
from partygraph.ingest import make_document
from partygraph.markup import MAX_DEPTH, cap_nesting, html_to_text

# our own words: names, titles and meeting verbs, on one line
VI_UNIT = ("Ông Nguyễn Văn An, Bí thư Tỉnh ủy Lào Cai, chủ trì hội nghị tổ chức tại tỉnh; "
           "bà Trần Thị Bình, Phó Chủ tịch Ủy ban nhân dân tỉnh, dự hội nghị, ")
EN_UNIT = ("Comrade Nguyen Van An, Secretary of the Lao Cai Provincial Party Committee, "
           "chaired the conference held by the Standing Committee; Tran Thi Binh, "
           "Vice-Chairwoman of the Provincial People's Committee, attended. ")


def _steps(fn: Callable[[], object], events: tuple[str, ...] = ("call",),
           within: Callable[..., object] | None = None) -> int:
    """Python-level calls (generator resumptions included) made by ``fn``: a pass that
    tests every annotation for every other resumes a generator per pair. With
    ``"c_call"`` in ``events``, calls of built-ins (a compiled pattern's ``match``) count
    too: a pass that matches a pattern per pair makes no Python-level call. With
    ``within``, only the steps made while that function runs count (one pass of
    ``extract``, not the linear passes around it)."""
    count = 0
    depth = 0 if within is not None else 1
    code = getattr(within, "__code__", None)

    def profile(frame, event, arg):
        nonlocal count, depth
        if event == "call" and frame.f_code is code:
            depth += 1
        if depth and event in events:
            count += 1
        if event == "return" and frame.f_code is code:
            depth -= 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def _extract_steps(unit: str, times: int, lang: str, events: tuple[str, ...] = ("call",),
                   within: Callable[..., object] | None = None) -> int:
    """Steps of extracting ``unit`` written ``times`` times on one line (``{i}`` in it
    numbered 1 to ``times``, so that each copy names its own documents)."""
    text = "".join(unit.replace("{i}", str(i)) for i in range(1, times + 1))
    doc = make_document("line.txt", "Tin\n" + text, lang=lang)
    extract(doc)                                # caches (lexicons, gazetteer) warm
    return _steps(lambda: extract(doc), events, within)


@pytest.mark.parametrize(("unit", "lang", "stops"), [
    (VI_UNIT, "vi", "no full stop: one sentence"),
    (EN_UNIT, "en", "full stops, one line"),
])
def test_extraction_steps_grow_linearly_on_one_line(unit: str, lang: str, stops: str) -> None:
    small = _extract_steps(unit, 15, lang)
    large = _extract_steps(unit, 60, lang)
    assert large < 5 * small, (stops, small, large)     # quadratic: 7 to 13 times



# numbered documents, each dated and issued, with years, a term and a bare number
DOC_UNIT = ("Resolution No. {i}/2023/NQ-HDND dated 8 December 2023 of the Provincial "
            "People's Council sets the tasks for 2024 and the term 2020-2025; Plan {i} "
            "was adopted in 2023. ")


def test_document_steps_grow_linearly_with_the_documents_of_a_line() -> None:
    """Each document's date was looked for by matching the text from its number to every
    later date (a pattern's ``match`` per pair, on a slice as long as the gap), each bare
    number compared with every full one: 4x the documents took 6x the steps (now 4x)."""
    from partygraph.extract.documents import read_documents
    small = _extract_steps(DOC_UNIT, 15, "en", ("call", "c_call"), read_documents)
    large = _extract_steps(DOC_UNIT, 60, "en", ("call", "c_call"), read_documents)
    assert large < 5 * small, (small, large)


def test_the_years_of_an_article_are_read_in_steps_linear_in_them() -> None:
    """The article's latest year leaves out years inside a range or a date: each year
    was tested against every range and date (15x the steps for 4x the years; now 4x)."""
    from partygraph.extract import dates, lexicon
    lex = lexicon.load("en")
    assert lex is not None

    def steps(n: int) -> int:
        text = "".join(f"the term 2020-2025, in 2024 and on 8 December 2023 (plan {i}); "
                       for i in range(n))
        anns = dates.find(text, lex)
        assert dates.reference(text, anns, lex).latest_year == 2024
        return _steps(lambda: dates.reference(text, anns, lex))
    small, large = steps(50), steps(200)
    assert large < 5 * small, (small, large)


def test_documents_keep_their_date_issuer_and_short_numbers() -> None:
    """What the linear pass reads is what the pass over every date read: the first
    date after the number when only a short word stands between, the issuer after it,
    a bare number dropped when a fuller one of its type starts with it."""
    text = ("Resolution No. 17 and Resolution No. 17/2023/NQ-HDND dated 8 December 2023 "
            "of the Provincial People's Council; Plan No. 5/KH-UBND, 2024 and 3 May 2024; "
            "Plan 9 of 1 June 2024.")
    facts = extract(make_document("docs.txt", "News\n" + text, lang="en"))
    got = [(d.doc_type, d.number, d.issued_on and d.issued_on.isoformat(),
            d.issuer and d.issuer.org_type) for d in facts.documents]
    assert got == [("resolution", "17/2023/NQ-HDND", "2023-12-08", "peoples-council"),
                   ("plan", "5/KH-UBND", None, None),
                   ("plan", "9", "2024-06-01", None)]

def test_html_nested_100k_deep_reaches_the_parser_capped_with_a_note() -> None:
    n = 100_000
    page = "<html><body>" + "<div>" * n + "Ông Nguyễn Văn An" + "</div>" * n + "</body></html>"
    flat, depth = cap_nesting(page)
    assert depth == n + 2 and cap_nesting(flat)[1] <= MAX_DEPTH
    notes: list[str] = []
    text, _ = html_to_text(page, notes)
    assert text == "Ông Nguyễn Văn An"
    assert notes == [f"HTML nested {n + 2:,} elements deep; flattened below depth {MAX_DEPTH}"]


def test_real_pages_are_left_as_they_are() -> None:
    page = "<html><body><article><p>a<p>b<br><img src=x><ul><li>c<li>d</ul></article>"
    assert cap_nesting(page) == (page, 4)


def test_the_tag_scan_steps_stay_linear_on_angle_brackets() -> None:
    """A "<" without its ">" must not make the tag pattern scan to the end each time."""
    from partygraph import markup
    small = "<" * 2_000 + "<b " * 2_000
    large = small * 8
    for text in (small, large):
        assert cap_nesting(text)[1] <= 1
    pos = [m.end() for m in markup._TAG.finditer("<a <b x> <c")]
    assert pos == [8]


def test_occupied_answers_like_the_pass_over_every_span() -> None:
    rng = random.Random(11)
    for _ in range(200):
        taken = [(s, s + rng.randint(0, 6)) for s in rng.sample(range(80), 12)]
        spans = Occupied(taken)
        for a in range(-2, 90):
            for b in (a, a + 1, a + 5):
                naive = any(a < e and s < b for s, e in taken)
                assert spans.overlaps(a, b) == naive, (taken, a, b)


def test_around_finds_the_nearest_of_sorted_spans() -> None:
    from partygraph.extract.annotations import Ann
    verbs = [Ann(s, s + 3, "HOLD") for s in range(0, 300, 10)]
    starts = [v.start for v in verbs]
    for pos in range(4, 300, 7):
        a = Ann(pos, pos + 1, "EVENT")
        if any(v.start < a.end and a.start < v.end for v in verbs):
            continue
        def gap(v: Ann, a: Ann = a) -> int:
            return v.start - a.end if v.start >= a.end else a.start - v.end
        assert min(map(gap, around(verbs, starts, a))) == min(map(gap, verbs))


def test_evidence_of_a_page_without_full_stops_quotes_around_each_fact() -> None:
    """Each fact quoting the whole 1 MB "sentence" made the graph quadratic (7 GB)."""
    from partygraph.extract.windows import LONGEST_QUOTE, QUOTE_AROUND
    text = VI_UNIT * 60
    assert len(text) > LONGEST_QUOTE
    facts = extract(make_document("line.txt", text, lang="vi"))
    quotes = [s.sentence for p in facts.persons for s in p.spans]
    assert len(quotes) > 60 and max(map(len, quotes)) <= 2 * QUOTE_AROUND + 50
    assert all(q.startswith("… ") or q.endswith(" …") for q in quotes)
    roles = [s.sentence for e in facts.events for _, s in e.chairs + e.attendees]
    assert roles and max(map(len, roles)) <= LONGEST_QUOTE + 2
