"""Text normalised before anything reads it: NFD, broken UTF-8 and UTF-16 without a
byte-order mark yield the facts of the clean text, and each guess is noted."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from edge_kit import FR_TEXT, VI_TEXT, cli, said
from rdflib import Graph
from rdflib.compare import to_isomorphic

from partygraph import decoding
from partygraph.errors import InputError
from partygraph.namespaces import PG


def _build(tmp_path: Path, name: str, data: bytes, file_name: str = "article.txt") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / file_name).write_bytes(data)
    out = tmp_path / f"{name}-out"
    result = cli("build", str(folder / file_name), "--out", str(out))
    assert result.exit_code == 0, said(result)
    return out


def _graph(out: Path) -> Graph:
    """The merged graph without the encoding the article was read in."""
    g = Graph().parse(out / "graph.ttl", format="turtle")
    g.remove((None, PG.detectedEncoding, None))
    return to_isomorphic(g)


def _facts(out: Path) -> dict[str, str]:
    """The answer of every named query without parameters: who holds what, who chaired
    and attended what, where (a replaced byte changes the quoted evidence, not these)."""
    answers = {}
    for name in ("co-attendance", "members-of-organization", "people-by-province",
                 "posts-of-person", "who-chaired-what", "organization-hierarchy"):
        result = cli("query", name, "--store", str(out), "--format", "csv")
        assert result.exit_code == 0, said(result)
        answers[name] = result.output
    return answers


def _persons(out: Path) -> set[str]:
    result = cli("query", "posts-of-person", "--store", str(out), "--format", "csv")
    return {line.split(",")[0] for line in result.output.splitlines()[1:]}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("clean"), "nfc", VI_TEXT.encode("utf-8"))


def test_the_clean_text_has_its_two_officials(clean: Path) -> None:
    assert _persons(clean) == {"Nguyen Van An", "Tran Thi Binh"}


def test_nfd_vietnamese_yields_the_same_graph_as_nfc(clean: Path, tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", VI_TEXT)
    assert nfd != VI_TEXT
    out = _build(tmp_path, "nfd", nfd.encode("utf-8"))
    assert (out / "graph.trig").read_bytes() == (clean / "graph.trig").read_bytes()


def test_nfd_in_a_jsonl_escape_is_composed_too(clean: Path, tmp_path: Path) -> None:
    import json
    line = json.dumps({"id": "article.txt", "text": unicodedata.normalize("NFD", VI_TEXT)})
    assert "\\u0301" in line or "\\u0300" in line            # escapes json.loads decodes
    out = _build(tmp_path, "jsonl", (line + "\n").encode(), "feed.jsonl")
    assert _graph(out) == _graph(clean)


def test_utf8_with_one_invalid_byte_stays_utf8_with_a_note(clean: Path,
                                                           tmp_path: Path) -> None:
    raw = VI_TEXT.encode("utf-8").replace(b"12/3/2024.", b"12/3/2024.\xff")
    out = _build(tmp_path, "broken", raw)
    assert _persons(out) == _persons(clean)
    assert _facts(out) == _facts(clean)
    report = (out / "validation.txt").read_text(encoding="utf-8")
    assert "NOTE article.txt: decoded as UTF-8 with 1 invalid byte sequence" in report


def test_french_with_one_invalid_byte_keeps_its_quotes_and_accents() -> None:
    raw = FR_TEXT.encode("utf-8").replace(b"conf\xc3\xa9rence", b"conf\xe9rence")
    got = decoding.decode(raw, "fr.txt")
    assert got.encoding == "utf-8" and got.note is not None
    assert got.text == FR_TEXT.replace("conférence", "conf\ufffdrence")


def test_a_legacy_encoding_is_still_guessed_with_its_confidence() -> None:
    got = decoding.decode(FR_TEXT.replace("’", "'").encode("cp1252"), "fr.txt")
    assert got.text == FR_TEXT.replace("’", "'")
    assert got.note is not None and "confidence" in got.note


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_by_its_zero_bytes(clean: Path, tmp_path: Path,
                                                     enc: str) -> None:
    out = _build(tmp_path, enc, VI_TEXT.encode(enc))
    assert _graph(out) == _graph(clean)
    report = (out / "validation.txt").read_text(encoding="utf-8")
    assert f"NOTE article.txt: decoded as {enc} without a byte-order mark" in report


def test_binary_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decoding.decode(bytes(range(256)) * 20, "x.bin")
    with pytest.raises(InputError, match="binary"):
        decoding.decode(b"\x00\x00\x01\x02" * 500, "zeros.bin")
    with pytest.raises(InputError, match="binary"):     # zeros on one side, no words
        decoding.decode(b"\x00\xff" * 100, "blob.txt")


def test_decode_puts_every_text_in_nfc() -> None:
    assert decoding.decode(unicodedata.normalize("NFD", "Lào Cai").encode(), "x").text \
        == "Lào Cai"
