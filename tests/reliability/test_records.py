"""One bad record never breaks a batch: every JSONL field checked at the edge, the bad
record reported (file, line, field, what to do) and skipped, the rest built, exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from edge_kit import VI_TEXT, cli, said, stored_sources, write_jsonl

from partygraph import ingest, records
from partygraph.errors import InputError
from partygraph.inputs import Candidate
from partygraph.models import Document

QUERIES = ("co-attendance", "documents-by-issuer", "members-of-organization",
           "organization-hierarchy", "people-by-province", "posts-of-person",
           "who-chaired-what")
ESC_ID = "esc\x1b[31mred\x1b[0m\x1b]8;;http://x.example\x07link\u202egpj.exe"


@pytest.fixture(scope="module")
def hostile_feed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A feed of good and bad records, built once."""
    folder = tmp_path_factory.mktemp("feed")
    feed = write_jsonl(folder / "feed.jsonl", [
        {"id": "good-1", "text": VI_TEXT, "lang": "vi"},
        {"id": "lang-number", "text": VI_TEXT, "lang": 7},
        {"id": "lang-code", "text": VI_TEXT, "lang": "1x"},
        {"id": "[/b]", "text": VI_TEXT, "lang": "vi"},
        {"id": ESC_ID, "text": VI_TEXT, "lang": "vi"},
        {"id": ["a", "list"], "text": VI_TEXT},
        {"id": "no-text"},
        {"id": "bad-date", "text": VI_TEXT, "published": "tomorrow"},
        {"id": "good-2", "text": VI_TEXT.replace("An", "Bảo"), "lang": "VI-vn"},
    ])
    out = folder / "out"
    return out, cli("build", str(feed), "--out", str(out))


def test_bad_records_are_reported_and_skipped_and_the_rest_is_built(hostile_feed) -> None:
    out, result = hostile_feed
    assert result.exit_code == 1, said(result)
    assert "Traceback" not in said(result)
    report = (out / "validation.txt").read_text(encoding="utf-8")
    for line, field in ((2, "lang"), (3, "lang"), (6, "id"), (7, "text"), (8, "published")):
        assert f'feed.jsonl:{line}: field "{field}"' in report, report
    assert "5 input(s) not read" in report
    assert "give one of ar, de, en, es, fr, ru, vi, zh" in report
    assert stored_sources(out) == {"good-1", "good-2", "[/b]", records.safe_key(ESC_ID)}


def test_store_and_files_agree_after_a_bad_record(hostile_feed) -> None:
    import pyoxigraph as ox

    out, _ = hostile_feed
    source_id = "https://w3id.org/partygraph/ontology#sourceId"
    in_file = {q.object.value for q in ox.parse(path=str(out / "graph.trig"),
                                                format=ox.RdfFormat.TRIG)
               if q.predicate.value == source_id}
    assert in_file == stored_sources(out)


@pytest.mark.parametrize("name", QUERIES)
def test_every_table_query_works_on_a_store_with_markup_and_escape_ids(hostile_feed,
                                                                       name: str) -> None:
    out, _ = hostile_feed
    result = cli("query", name, "--store", str(out))
    assert result.exit_code == 0, said(result)
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_who_chaired_lists_the_markup_id_as_it_is(hostile_feed) -> None:
    out, _ = hostile_feed
    result = cli("query", "who-chaired-what", "--store", str(out))
    assert "[/b]" in result.output and "esc%1B[31mred" in result.output


def test_escape_codes_never_reach_terminal_or_report(hostile_feed) -> None:
    out, result = hostile_feed
    for text in (result.output, (out / "validation.txt").read_text(encoding="utf-8")):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_a_newline_in_a_file_name_cannot_forge_report_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(VI_TEXT, encoding="utf-8")
    (folder / "empty\nINPUT forged.txt: fine [E101]\nSKIPPED x.txt").write_text("",
                                                                               "utf-8")
    (folder / "b\u202etxt.exe.txt").write_text(VI_TEXT.replace("An", "Cường"), "utf-8")
    out = tmp_path / "out"
    result = cli("build", str(folder), "--out", str(out))
    assert result.exit_code == 1, said(result)
    lines = (out / "validation.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("INPUT empty%0AINPUT forged.txt"), lines
    assert not any(line.startswith("SKIPPED") for line in lines)
    assert "b%E2%80%AEtxt.exe.txt" in stored_sources(out)
    assert "\u202e" not in result.output


def test_a_rich_table_shows_markup_and_escapes_as_text() -> None:
    """At a terminal rich draws the table; a cell "[/b]" would be read as markup."""
    import io

    from rich.console import Console

    from partygraph.terminal import print_rows

    buf = io.StringIO()
    term = Console(file=buf, force_terminal=True, width=200, color_system=None)
    print_rows(["article"], [("[/b]",), ("a\x1b[2Jb",)], "table", out=term,
               err=Console(file=io.StringIO()))
    shown = buf.getvalue()
    assert "[/b]" in shown and "a\\x1b[2Jb" in shown and "\x1b[2J" not in shown


def test_an_error_quoting_markup_and_escapes_is_one_clean_line() -> None:
    result = cli("query", "[/b]\x1b[2J")
    assert result.exit_code == 2
    assert "[E502]" in result.output and "[/b]\\x1b[2J" in result.output
    assert "\x1b[2J" not in result.output and "Traceback" not in result.output


def test_field_checks_one_by_one() -> None:
    where = "f.jsonl:1"
    ok = records.check_record({"id": 12, "text": "x", "lang": "fr_FR",
                               "published": "2024-03-02"}, where)
    assert isinstance(ok, records.Record) and ok.id == "12" and ok.lang == "fr"
    for rec, field in (({"text": "x", "lang": 7}, "lang"), ({"text": "x", "lang": "1x"}, "lang"),
                       ({"text": "x", "lang": "pt"}, "lang"), ({"text": 3}, "text"),
                       ({"text": "x", "id": True}, "id"), ({"text": "x", "id": ""}, "id"),
                       ({"text": "x", "url": 5}, "url"), ({"text": "x", "title": []}, "title"),
                       ({"text": "x", "published": "2024-13-40"}, "published")):
        err = records.check_record(rec, where)
        assert isinstance(err, InputError) and f'field "{field}"' in str(err), (rec, err)
    assert isinstance(records.check_record([1, 2], where), InputError)


def test_deeply_nested_json_is_a_bad_record_not_a_crash(tmp_path: Path) -> None:
    feed = tmp_path / "deep.jsonl"
    feed.write_text("[" * 100_000 + "]" * 100_000 + "\n"
                    + json.dumps({"id": "ok", "text": VI_TEXT, "lang": "vi"}) + "\n")
    items = [item for _, item in ingest.read_candidate(Candidate(feed, "deep.jsonl", str(feed)))]
    assert isinstance(items[0], InputError) and isinstance(items[1], Document)


def test_a_6_mb_feed_of_2040_small_records_is_read_whole(tmp_path: Path) -> None:
    body = (VI_TEXT + " ") * 20
    feed = write_jsonl(tmp_path / "big.jsonl", [
        {"id": f"r{i:04d}", "text": body, "lang": "vi"} for i in range(2040)])
    assert feed.stat().st_size > 6_000_000 > ingest.MAX_BYTES
    items = [item for _, item in ingest.read_candidate(Candidate(feed, "big.jsonl", str(feed)))]
    assert len(items) == 2040 and all(isinstance(i, Document) for i in items)


def _build_subprocess(tmp_path: Path, target: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "partygraph.cli", "build", target, "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=120,
                          env=env)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_given_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    done = _build_subprocess(tmp_path, str(fifo))
    assert done.returncode in (1, 2), done.stderr
    assert "named pipe (FIFO)" in done.stderr and "Traceback" not in done.stderr


def test_a_device_given_as_input_is_refused(tmp_path: Path) -> None:
    err = next(ingest.read_file(Path(os.devnull), "null.txt"))
    assert isinstance(err, InputError) and "character device" in str(err)
