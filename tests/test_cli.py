"""The ``partygraph`` command as a user runs it: exit codes, outputs, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from partygraph import jsonld
from partygraph.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_build_exit_code_says_an_input_failed(tmp_path: Path, corpus_copy: Path) -> None:
    ok = run("build", str(corpus_copy), "--out", str(tmp_path / "a"))
    assert ok.exit_code == 0, ok.output
    assert "articles" in ok.output and "5 built" in ok.output
    (corpus_copy / "broken.txt").write_bytes(b"\x00\x00\x00")
    partial = run("build", str(corpus_copy), "--out", str(tmp_path / "b"))
    assert partial.exit_code == 1
    assert (tmp_path / "b" / "graph.trig").exists()


def test_usage_errors_exit_2(tmp_path: Path, store: Path) -> None:
    assert run("build", str(tmp_path / "missing"), "--out", str(tmp_path)).exit_code == 2
    assert run("query", "no-such-query", "--store", str(store)).exit_code == 2
    assert run("query", "who-chaired-what", "--store", str(store), "-p", "bogus=1").exit_code == 2
    assert run("query", "post-holder-on-date", "--store", str(store)).exit_code == 2
    assert run("query", "post-holder-on-date", "--store", str(store), "-p", "role=boss",
               "-p", "orgType=organization-commission", "-p", "on=2024-01-01").exit_code == 2


def test_who_chaired_what_json(store: Path) -> None:
    result = run("query", "who-chaired-what", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    chairs = {(r["chair"], r["article"]) for r in rows}
    assert ("Pham Toan Thang", "000_acaa6c502574b0ff.txt") in chairs
    assert ("Le Van Dung", "003_ff3168523ab1285c.txt") in chairs
    assert ("Nguyen Thanh Nam", "002_9e27b9dc2527e972.txt") in chairs
    assert set(rows[0]) == {"chair", "event", "date", "article", "about"}
    # the event by its type, place and date (not its IRI)
    events = {(r["chair"], r["event"], r["about"], r["date"]) for r in rows}
    assert ("Nguyen Thanh Nam", "Meeting", "Binh Thuan", "2024-02-27") in events
    assert ("Le Van Dung", "Conference", "Quang Nam", "2024-01-10") in events


def test_parameters_are_values_not_text(store: Path) -> None:
    hostile = 'Nguyen" } UNION { ?s ?p ?o } #'
    result = run("query", "who-chaired-what", "--store", str(store), "-f", "json",
                 "-p", f"person={hostile}")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_post_holder_on_a_date(store: Path) -> None:
    result = run("query", "post-holder-on-date", "--store", str(store), "-f", "csv",
                 "-p", "role=head", "-p", "orgType=organization-commission",
                 "-p", "on=2024-01-01", "-p", "jurisdiction=Binh Thuan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["Nguyen Thanh Nam,Binh Thuan,2023-12-13,2024-02-28"]


@pytest.mark.parametrize("name", ["posts-of-person", "members-of-organization",
                                  "organization-hierarchy", "people-by-province",
                                  "documents-by-issuer", "co-attendance"])
def test_every_query_answers(store: Path, name: str) -> None:
    result = run("query", name, "--store", str(store), "-f", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) > 0


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"),
                                             ("jsonld", "json-ld")])
def test_export_graph_formats(tmp_path: Path, store: Path, fmt: str, parser: str) -> None:
    target = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "--store", str(store), "-o", str(target)).exit_code == 0
    if fmt == "jsonld":     # the published context, read from the local file
        ds = jsonld.parse(target.read_bytes())
        assert len(list(ds.quads((None, None, None, None)))) > 500
    else:
        assert len(Graph().parse(target, format=parser)) > 500


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_export_dataset_formats(tmp_path: Path, store: Path, fmt: str) -> None:
    target = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "--store", str(store), "-o", str(target)).exit_code == 0
    ds = Dataset()
    ds.parse(target, format="trig" if fmt == "trig" else "nquads")
    assert len({g.identifier for g in ds.graphs()}) >= 6


def test_validate_exit_codes(tmp_path: Path, built_examples) -> None:
    out, _ = built_examples
    good = run("validate", str(out / "graph.ttl"))
    assert good.exit_code == 0, good.output
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        (out / "graph.ttl").read_text(encoding="utf-8")
        + '\n<https://w3id.org/partygraph/id/person/x/y> a '
          '<https://w3id.org/partygraph/ontology#Person> .\n', encoding="utf-8")
    bad = run("validate", str(broken))
    assert bad.exit_code == 1
    assert "person/x/y" in bad.output


def test_identities_lists_cross_language_merges(store: Path) -> None:
    result = run("identities", "--store", str(store), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    nam = [c for c in data["clusters"] if c["name"] == "Nguyen Thanh Nam"]
    assert len(nam) == 1
    assert set(nam[0]["articles"]) == {"001_d27e9fb1fb290d13.txt", "002_9e27b9dc2527e972.txt"}
    assert "نجوين ثانه نام@ar" in nam[0]["surfaces"]


def test_a_long_answer_prints_as_plain_aligned_columns(store: Path, monkeypatch) -> None:
    """Regression: rich took 38 s to lay out 11,153 rows; long answers print plainly."""
    import partygraph.terminal

    monkeypatch.setattr(partygraph.terminal, "RICH_TABLE_ROWS", 1)
    result = run("query", "who-chaired-what", "--store", str(store))
    assert result.exit_code == 0, result.output
    header, rule, *rows = result.stdout.splitlines()
    assert header.split() == ["chair", "event", "about", "date", "article"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert any(r.startswith("Pham Toan Thang") for r in rows)
    assert all(len(r) <= len(rule) for r in rows)


def test_version_needs_no_command() -> None:
    """Regression: ``partygraph --version`` failed with "Missing command" (exit 2)."""
    from partygraph import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == __version__


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_query_from_the_command_line_imports_neither_rdflib_nor_rich(
        store: Path, fmt: str) -> None:
    """Regressions: ``partygraph.cli_serve`` took DEFAULT_BASE from ``namespaces``, which
    imports rdflib (0.18 s of CPU added to every command's start-up); the CLI imported
    rich's console and tables at start-up (60-70 ms) though a piped answer never uses
    them."""
    probe = ("import os, sys\nfrom partygraph.cli import main\n"
             "for k in ('FORCE_COLOR', 'TTY_COMPATIBLE'):\n    os.environ.pop(k, None)\n"
             f"code = main(['query', 'who-chaired-what', '--store', {str(store)!r},"
             f" '--format', {fmt!r}])\n"
             "assert not code, code\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'"
             " or m in ('rich.console', 'rich.table')))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert "Pham Toan Thang" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"
