"""No input lost, no surprise in the store: article identity, every file accounted for,
the incremental store's summary, --prune and --fresh."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from partygraph import ingest
from partygraph.cli import app
from partygraph.errors import InputError
from partygraph.inputs import Candidate, Skipped, survey
from partygraph.models import Document
from partygraph.namespaces import PG
from partygraph.pipeline import build_corpus

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

AN = ("Le 3 mars 2024, le camarade Nguyen Van An, secrétaire du Comité provincial du "
      "Parti de Lao Cai, a présidé la conférence.\n")
BINH = ("Le 4 mars 2024, le camarade Tran Van Binh, secrétaire du Comité provincial du "
        "Parti de Ha Giang, a présidé la réunion.\n")
CUONG = ("Le 5 mars 2024, le camarade Le Van Cuong, secrétaire du Comité provincial du "
         "Parti de Yen Bai, a présidé la séance.\n")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _said(result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def _sources(out: Path) -> set[str]:
    g = Graph().parse(out / "graph.ttl")
    return {str(o) for o in g.objects(None, PG.sourceId)}


# -- identity ---------------------------------------------------------------------------
def test_same_file_name_in_two_subfolders_is_two_articles(tmp_path: Path) -> None:
    """Regression: a/article.txt and b/article.txt were one article ("2 built")."""
    _write(tmp_path / "in" / "a" / "article.txt", AN)
    _write(tmp_path / "in" / "b" / "article.txt", BINH)
    summary = build_corpus([tmp_path / "in"], tmp_path / "out")
    assert summary.articles == 2 and summary.stored == 2 and not summary.failed
    assert _sources(tmp_path / "out") == {"a/article.txt", "b/article.txt"}
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    names = {str(o) for o in g.objects(None, PG.canonicalName)}
    assert {"Nguyen Van An", "Tran Van Binh"} <= names


def test_top_level_and_direct_files_keep_their_file_name(built_examples,
                                                         examples_dir: Path) -> None:
    out, _ = built_examples
    assert _sources(out) == {p.name for p in examples_dir.glob("*.txt")}
    found = list(survey([examples_dir / "000_acaa6c502574b0ff.txt"]))
    assert [(c.source) for c in found if isinstance(c, Candidate)] == \
        ["000_acaa6c502574b0ff.txt"]


def test_two_inputs_with_one_identity_fail_by_both_names(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "article.txt", AN)
    _write(tmp_path / "y" / "article.txt", BINH)
    _write(tmp_path / "y" / "other.txt", CUONG)
    summary = build_corpus([tmp_path / "x", tmp_path / "y"], tmp_path / "out")
    assert summary.articles == 2                       # the rest of the batch went on
    [error] = summary.failed
    message = str(error)
    assert str(tmp_path / "y" / "article.txt") in message
    assert str(tmp_path / "x" / "article.txt") in message
    assert _sources(tmp_path / "out") == {"article.txt", "other.txt"}


def test_one_file_named_through_two_inputs_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "sub" / "a.txt", AN)
    _write(tmp_path / "in" / "b.txt", BINH)
    summary = build_corpus([tmp_path / "in", tmp_path / "in" / "sub"], tmp_path / "out")
    assert summary.articles == 2
    [error] = summary.failed
    assert str(tmp_path / "in" / "sub" / "a.txt") in str(error)
    assert "'sub/a.txt'" in str(error)


def test_two_files_minting_one_article_key_collide(tmp_path: Path) -> None:
    """a.txt and a.md would both be article `a`: one would overwrite the other."""
    _write(tmp_path / "in" / "a.txt", AN)
    _write(tmp_path / "in" / "a.md", BINH)
    items = list(ingest.read([tmp_path / "in"]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [i.source_id for i in items if isinstance(i, Document)] == ["a.md"]
    assert len(errors) == 1 and "a.md" in str(errors[0]) and "a.txt" in str(errors[0])


def test_two_jsonl_records_with_one_id_fail_by_both_lines(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": "n1", "text": t}) for t in (AN, BINH, ""))
                    + "\n" + json.dumps({"id": "n2", "text": CUONG}) + "\n", encoding="utf-8")
    summary = build_corpus([feed], tmp_path / "out")
    assert summary.articles == 2
    clash = [e for e in summary.failed if "identity" in str(e)]
    assert len(clash) == 1
    assert f"{feed}:2" in str(clash[0]) and f"{feed}:1" in str(clash[0])
    assert "own id" in str(clash[0]) and "'n1'" in str(clash[0])
    assert _sources(tmp_path / "out") == {"n1", "n2"}


def test_a_feed_over_the_size_limit_is_read_record_by_record(tmp_path: Path) -> None:
    """Regression: the 5 MB limit applied to a whole JSONL file, losing every record."""
    feed = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "a " * (ingest.MAX_BYTES // 2 + 10)})
    feed.write_text("\n".join([json.dumps({"id": "n1", "text": AN}), big,
                               json.dumps({"id": "n2", "text": BINH})]), encoding="utf-8")
    assert feed.stat().st_size > ingest.MAX_BYTES
    items = list(ingest.read([feed]))
    assert [i.source_id for i in items if isinstance(i, Document)] == ["n1", "n2"]
    [error] = [i for i in items if isinstance(i, InputError)]
    assert error.source == "feed.jsonl:2" and "limit" in str(error)


def test_a_folder_named_through_dot_dot_is_built(tmp_path: Path, monkeypatch) -> None:
    _write(tmp_path / "articles" / "a.txt", AN)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    summary = build_corpus([Path("../articles")], Path("out"))
    assert summary.articles == 1 and summary.stored == 1


# -- every file accounted for -----------------------------------------------------------
def test_every_file_is_built_skipped_or_failed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _write(root / "a.txt", AN)
    _write(root / "notes.pdf", "not for us")
    _write(root / ".DS_Store", "x")
    _write(root / ".git" / "config", "x")
    _write(root / ".git" / "HEAD", "x")
    (root / "empty.txt").write_bytes(b"")
    entries = list(survey([root]))
    skipped = {e.path: (e.reason, e.files) for e in entries if isinstance(e, Skipped)}
    assert skipped == {"notes.pdf": ("unknown suffix", 1), ".DS_Store": ("hidden file", 1),
                       ".git/": ("hidden folder", 2)}
    summary = build_corpus([root], tmp_path / "out")
    assert summary.articles == 1 and summary.files == 2
    assert [e.source for e in summary.failed] == ["empty.txt"]
    report = (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
    assert "4 file(s) skipped" in report
    for name in ("SKIPPED notes.pdf: unknown suffix", "SKIPPED .DS_Store: hidden file",
                 "SKIPPED .git/: hidden folder (2 files)", "INPUT empty.txt"):
        assert name in report


def test_out_inside_the_input_is_never_read_back(tmp_path: Path, monkeypatch) -> None:
    """Regression: `build . --out ./out` read out/mentions.jsonl back as articles."""
    _write(tmp_path / "a.txt", AN)
    _write(tmp_path / "b.txt", BINH)
    monkeypatch.chdir(tmp_path)
    first = build_corpus([Path(".")], Path("out"))
    trig = (tmp_path / "out" / "graph.trig").read_bytes()
    second = build_corpus([Path(".")], Path("./out"))
    assert (first.articles, second.articles) == (2, 2)
    assert not second.failed and second.unchanged == 2 and second.stored == 2
    assert [s.reason for s in second.skipped] == ["output folder"]
    assert (tmp_path / "out" / "graph.trig").read_bytes() == trig
    # another build's output folder, also inside the input, is not read either
    third = build_corpus([Path(".")], tmp_path.parent / f"{tmp_path.name}-elsewhere")
    assert not third.failed and third.articles == 2
    assert [str(s) for s in third.skipped] == ["out/: output folder (of another partygraph "
                                               "build)"]


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "pdfs" / "a.pdf", "x")
    for folder, reason in (("empty", "it is empty"), ("pdfs", "1 unknown suffix")):
        result = runner.invoke(app, ["build", str(tmp_path / folder), "--out",
                                     str(tmp_path / "out")])
        assert result.exit_code == 2, result.output
        assert "holds no .txt, .html or .jsonl file" in _said(result)
        assert reason in _said(result)
        assert "Traceback" not in _said(result)
    assert not (tmp_path / "out").exists()
    with pytest.raises(InputError, match="empty"):
        build_corpus([tmp_path / "empty"], tmp_path / "out")


def test_an_empty_folder_beside_a_good_one_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "good" / "a.txt", AN)
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), str(tmp_path / "good"),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "1 built, 1 failed" in _said(result) and "empty" in _said(result)


# -- the incremental store ----------------------------------------------------------------
def test_the_summary_says_what_the_run_did_to_the_store(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _write(root / "a.txt", AN)
    _write(root / "b.txt", BINH)
    first = build_corpus([root], tmp_path / "out")
    assert (first.added, first.replaced, first.unchanged, first.stored) == (2, 0, 0, 2)
    _write(root / "b.txt", BINH.replace("Tran Van Binh", "Tran Van Bao"))
    _write(root / "c.txt", CUONG)
    second = build_corpus([root], tmp_path / "out")
    assert (second.added, second.replaced, second.unchanged, second.stored) == (1, 1, 1, 3)
    (root / "a.txt").unlink()
    third = build_corpus([root], tmp_path / "out")     # kept, and the summary says so
    assert (third.articles, third.unchanged, third.stored) == (2, 2, 3)
    assert "a.txt" in _sources(tmp_path / "out")


def test_prune_removes_articles_whose_source_is_gone(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name, text in (("a.txt", AN), ("b.txt", BINH), ("c.txt", CUONG)):
        _write(root / name, text)
    build_corpus([root], tmp_path / "out")
    (root / "b.txt").unlink()
    pruned = build_corpus([root], tmp_path / "out", prune=True)
    assert pruned.pruned == ["b.txt"] and pruned.stored == 2 and pruned.unchanged == 2
    assert _sources(tmp_path / "out") == {"a.txt", "c.txt"}
    assert "Tran Van Binh" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "b.txt" not in (tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8")
    build_corpus([root], tmp_path / "clean")
    for name in ("graph.trig", "graph.ttl", "validation.txt"):
        assert (tmp_path / "out" / name).read_bytes() == \
            (tmp_path / "clean" / name).read_bytes(), name


def test_fresh_starts_from_an_empty_store(tmp_path: Path) -> None:
    _write(tmp_path / "one" / "a.txt", AN)
    _write(tmp_path / "two" / "b.txt", BINH)
    build_corpus([tmp_path / "one"], tmp_path / "out")
    fresh = build_corpus([tmp_path / "two"], tmp_path / "out", fresh=True)
    assert (fresh.added, fresh.stored) == (1, 1)
    assert _sources(tmp_path / "out") == {"b.txt"}
    build_corpus([tmp_path / "two"], tmp_path / "clean")
    for name in ("graph.trig", "graph.ttl", "mentions.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == \
            (tmp_path / "clean" / name).read_bytes(), name


def test_fresh_refuses_to_delete_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", AN)
    _write(tmp_path / "out" / "store" / "my-notes.txt", "keep me")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out",
                                 str(tmp_path / "out"), "--fresh"])
    assert result.exit_code == 2
    assert "not a partygraph store" in _said(result)
    assert (tmp_path / "out" / "store" / "my-notes.txt").is_file()


def test_cli_build_table_shows_the_store(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _write(root / "a.txt", AN)
    _write(root / "b.txt", BINH)
    _write(root / "photo.jpg", "x")
    out = str(tmp_path / "out")
    first = runner.invoke(app, ["build", str(root), "--out", out])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 replaced, 0 unchanged" in _said(first)
    assert "store holds" in _said(first) and "2 articles" in _said(first)
    assert "photo.jpg: unknown suffix" in _said(first)
    (root / "b.txt").unlink()
    again = runner.invoke(app, ["build", str(root), "--out", out, "--prune"])
    assert again.exit_code == 0, again.output
    assert "1 unchanged, 1 pruned" in _said(again) and "1 article" in _said(again)
    assert "pruned b.txt" in _said(again)


def test_make_demo_builds_only_its_input() -> None:
    """`make demo INPUT=mine` after `make demo` must not show examples/ too."""
    done = subprocess.run(["make", "-n", "demo", "INPUT=mine", "OUT=o"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    [build] = [line for line in done.stdout.splitlines() if " build " in line]
    assert build.split()[-5:] == ["build", "mine", "--out", "o", "--fresh"]


def test_the_api_prunes_like_the_command(tmp_path: Path) -> None:
    import partygraph

    _write(tmp_path / "in" / "a.txt", AN)
    _write(tmp_path / "in" / "b.txt", BINH)
    partygraph.build(str(tmp_path / "in"), str(tmp_path / "out"))
    (tmp_path / "in" / "a.txt").unlink()
    summary = partygraph.build(str(tmp_path / "in"), str(tmp_path / "out"), prune=True)
    assert (summary.pruned, summary.stored) == (["a.txt"], 1)


def test_an_output_folder_given_as_input_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", AN)
    build_corpus([tmp_path / "in"], tmp_path / "out")
    for target in ("out", "other"):
        result = runner.invoke(app, ["build", str(tmp_path / "out"), "--out",
                                     str(tmp_path / target)])
        assert result.exit_code == 2, result.output
        assert "is the output folder of a partygraph build" in _said(result)
    assert not (tmp_path / "other").exists()
