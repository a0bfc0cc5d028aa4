"""Ingest: decoding, boilerplate, datelines, newspaper codes, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from partygraph import ingest
from partygraph.errors import InputError
from partygraph.models import Document


def _one(path: Path) -> Document | InputError:
    items = list(ingest.read([path]))
    assert len(items) == 1
    return items[0]


def test_seed_dateline_code_and_language(examples_dir: Path) -> None:
    doc = _one(examples_dir / "001_d27e9fb1fb290d13.txt")
    assert isinstance(doc, Document)
    assert doc.lang == "fr"
    assert doc.published == date(2023, 12, 13)
    assert doc.newspaper_code == "BTO"
    assert doc.title.startswith("Le groupe d'émulation n° 4")


def test_boilerplate_is_blanked_not_cut(examples_dir: Path) -> None:
    raw = (examples_dir / "000_acaa6c502574b0ff.txt").read_text(encoding="utf-8")
    doc = _one(examples_dir / "000_acaa6c502574b0ff.txt")
    assert isinstance(doc, Document)
    assert len(doc.text) == len(raw)            # offsets stay those of the input
    assert "Ninh Binh" not in doc.text          # the unrelated headline list is gone
    assert "Comment (0)" not in doc.text
    assert "22.jpg" not in doc.text
    assert "Pham Toan Thang" in doc.text
    i = raw.index("Pham Toan Thang")
    assert doc.text[i:i + 15] == "Pham Toan Thang"


@pytest.mark.parametrize(("name", "code"), [
    ("002_9e27b9dc2527e972.txt", "BTO"), ("003_ff3168523ab1285c.txt", "QNO")])
def test_codes_in_other_scripts(examples_dir: Path, name: str, code: str) -> None:
    doc = _one(examples_dir / name)
    assert isinstance(doc, Document) and doc.newspaper_code == code


def test_utf16_and_cp1252_are_decoded(tmp_path: Path) -> None:
    text = "Le camarade Nguyen Van An a présidé la conférence."
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(text.encode("cp1252"))
    a, b = _one(tmp_path / "a.txt"), _one(tmp_path / "b.txt")
    assert isinstance(a, Document) and "présidé" in a.text
    assert isinstance(b, Document) and "présidé" in b.text
    assert b.encoding != "utf-8" and any("guessed" in n for n in b.notes)


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
])
def test_bad_files_are_reported_by_name(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = _one(path)
    assert isinstance(item, InputError)
    assert "bad.txt" in str(item) and problem in str(item)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (ingest.MAX_BYTES + 1))
    item = _one(path)
    assert isinstance(item, InputError) and "limit" in str(item)


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Le camarade Nguyen Van An a présidé la conférence.",
                    "lang": "fr", "published": "2024-03-02", "url": "https://x.example/a1"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "   "}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(ingest.read([path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.source_id for d in docs] == ["a1"]
    assert docs[0].published == date(2024, 3, 2) and docs[0].url == "https://x.example/a1"
    assert {e.source for e in errors} == {"feed.jsonl:2", "feed.jsonl:3", "a4"}


def test_html_article_is_read_without_navigation(tmp_path: Path) -> None:
    html = """<!doctype html><html lang="en"><head><title>x</title>
    <meta property="article:published_time" content="2024-05-06T08:00:00+07:00"></head>
    <body><nav>Home | Politics | Ha Noi</nav><article><h1>Conference held</h1>
    <p>Comrade Nguyen Van An chaired the conference.</p></article>
    <footer>Contact Ho Chi Minh City office</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, Document)
    assert doc.lang == "en" and doc.published == date(2024, 5, 6)
    assert "Nguyen Van An" in doc.text
    assert "Politics" not in doc.text and "Contact" not in doc.text


def test_trailer_test_never_skips_a_line_that_folds_to_a_trailer() -> None:
    """A line the cheap bound rejects folds to something longer than every trailer
    line, so skipping its folding never misses the end of an article."""
    import random
    import unicodedata

    trailers, _ = ingest._boilerplate()
    rng = random.Random(11)
    pool = [chr(i) for i in range(0x20, 0x3100)
            if unicodedata.category(chr(i))[0] not in "CZ"] + [" ", "(", ")", "0", "\u037a"]
    lines = [*trailers, "Source", "Nguồn:", "Comment (0)", "  ( Source ) ", "Ảnh: TTXVN"]
    lines += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for line in lines:
        if not ingest._could_be_trailer(line):
            assert len(ingest._fold_line(line)) > ingest._longest_trailer(), line
    assert all(ingest._could_be_trailer(t) for t in trailers)


def test_trailer_after_long_paragraphs_is_still_cut() -> None:
    body = "Title\n\n" + "Un très long paragraphe sur le Comité provincial. " * 20 + \
        "\nSource\nAutre article sans rapport"
    text, *_ = ingest.clean(body)
    assert "Autre article" not in text and len(text) == len(body)


def test_a_folder_named_through_dot_dot_or_a_hidden_parent_is_read(tmp_path, monkeypatch) -> None:
    """Regression: `partygraph build ../corpus/docs` read nothing (".." looked hidden)."""
    from partygraph.ingest import discover

    corpus = tmp_path / ".data" / "docs"
    (corpus / ".cache").mkdir(parents=True)
    (corpus / "a.txt").write_text("Comrade Nguyen Van An chaired.", encoding="utf-8")
    (corpus / ".cache" / "b.txt").write_text("hidden copy", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    found = list(discover([Path("../.data/docs")]))
    assert [f.name for f in found] == ["a.txt"]


@pytest.mark.parametrize(("line", "published", "source"), [
    ("October 30, 2025 11:58", date(2025, 10, 30), ""),
    ("30/10/2025 11:58", date(2025, 10, 30), ""),
    ("date 2026-01-10", date(2026, 1, 10), "date"),
    ("(05:12, 18/06/2020)", date(2020, 6, 18), ""),
    ("Updated : Friday, July 06, 2018 2:49 PM (GMT+0700)", date(2018, 7, 6), "Updated : Friday"),
    ("Báo Nhân dân•30/09/2025", date(2025, 9, 30), "Báo Nhân dân"),
    ("2025年10月30日 11:58", date(2025, 10, 30), ""),
])
def test_date_lines_with_times_month_names_and_labels(line: str, published: date,
                                                       source: str) -> None:
    doc = ingest.make_document("t.txt", f"A made-up headline\n{line}\n\nThe committee met "
                               "in the morning and talked about roads.\n", lang="en")
    assert doc.published == published
    assert doc.source_name == source
    assert line not in doc.text                      # the date line is blanked


def test_a_sentence_with_a_full_date_is_not_a_date_line() -> None:
    doc = ingest.make_document("t.txt", "A made-up headline\nLe 30 octobre 2025, le comité "
                               "a tenu une réunion sur les routes.\n", lang="fr")
    assert doc.published is None
