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


def _steps(fn: Callable[[], object]) -> int:
    """Python-level calls (generator resumptions included) made by ``fn``: a pass that
    tests every annotation for every other resumes a generator per pair."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def _extract_steps(unit: str, times: int, lang: str) -> int:
    doc = make_document("line.txt", "Tin\n" + unit * times, lang=lang)
    extract(doc)                                # caches (lexicons, gazetteer) warm
    return _steps(lambda: extract(doc))


@pytest.mark.parametrize(("unit", "lang", "stops"), [
    (VI_UNIT, "vi", "no full stop: one sentence"),
    (EN_UNIT, "en", "full stops, one line"),
])
def test_extraction_steps_grow_linearly_on_one_line(unit: str, lang: str, stops: str) -> None:
    small = _extract_steps(unit, 15, lang)
    large = _extract_steps(unit, 60, lang)
    assert large < 5 * small, (stops, small, large)     # quadratic: 7 to 13 times


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
