"""One error boundary: coded errors, exit codes by class, no traceback for a user mistake."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partygraph import errors
from partygraph.cli import app, main

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def said(result) -> str:
    return " ".join(result.output.split())


def refused(result, code: str) -> str:
    """The result is a usage error (exit 2) with ``code``, and no traceback."""
    text = said(result)
    assert result.exit_code == 2, text
    assert f"[{code}]" in text and "Traceback" not in text, text
    assert not isinstance(result.exception, errors.PartygraphError | AttributeError), text
    return text


# -- the codes ----------------------------------------------------------------------------


def test_every_error_class_has_its_own_code() -> None:
    table = errors.catalogue()
    codes = [code for code, _, _ in table]
    assert len(codes) == len(set(codes)) > 10
    assert all(re.fullmatch(r"E\d{3}", c) for c in codes)
    assert str(errors.MissingStoreError("no store at x")) == "[E402] no store at x"
    assert errors.InputError("a.txt", "is empty").message == "a.txt: is empty"


def test_the_readme_table_lists_every_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (E\d{3}) \| `(\w+)` \| \d \|", readme, re.MULTILINE))
    expected = {code: cls.__name__ for code, cls, _ in errors.catalogue() if code != "E001"}
    assert rows == expected
    for code, cls, exit_code in errors.catalogue():
        if code != "E001":
            assert f"| {code} | `{cls.__name__}` | {exit_code} |" in readme


def test_exit_codes_follow_the_class() -> None:
    assert errors.exit_code(errors.InputError("a", "b")) == 1
    assert errors.exit_code(errors.ValidationError("x")) == 1
    for cls in (errors.MissingStoreError, errors.BaseIRIError, errors.QuerySyntaxError,
                errors.OutputPathError, errors.ConfigurationError):
        assert errors.exit_code(cls("x")) == 2


# -- main(): one exit code a case ---------------------------------------------------------


def test_main_exits_0_when_all_is_well(store: Path, capsys) -> None:
    assert main(["query", "who-chaired-what", "--store", str(store), "-f", "csv"]) == 0
    assert "Pham Toan Thang" in capsys.readouterr().out


def test_main_exits_1_when_a_graph_does_not_conform(tmp_path: Path, built_examples,
                                                    capsys) -> None:
    out, _ = built_examples
    broken = tmp_path / "broken.ttl"
    broken.write_text((out / "graph.ttl").read_text(encoding="utf-8")
                      + "\n<https://w3id.org/partygraph/id/person/x/y> a "
                        "<https://w3id.org/partygraph/ontology#Person> .\n", encoding="utf-8")
    assert main(["validate", str(broken)]) == 1


def test_main_exits_1_when_an_input_failed(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "broken.txt").write_bytes(b"\x00\x00\x00")
    assert main(["build", str(corpus_copy), "--out", str(tmp_path / "o")]) == 1


def test_main_exits_2_on_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["query", "who-chaired-what", "--store", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "[E402]" in err and "Traceback" not in err
    assert main(["query", "--no-such-option"]) == 2      # click's own usage errors too


def test_the_console_script_prints_one_line_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "partygraph.cli", "identities", "--store",
                           str(tmp_path / "nowhere")], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("error: [E402] no store at ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


# -- user mistakes, each a coded line -----------------------------------------------------


def test_build_out_an_existing_file(tmp_path: Path, examples_dir: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("mine\n", encoding="utf-8")
    text = refused(run("build", str(examples_dir), "--out", str(target)), "E602")
    assert "is a file" in text
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


@pytest.mark.parametrize("base", ["notaniri", "https://example.org/kg", "ftp://example.org/",
                                  "https://exa mple.org/"])
def test_build_with_a_bad_base(tmp_path: Path, examples_dir: Path, base: str) -> None:
    text = refused(run("build", str(examples_dir), "--out", str(tmp_path / "o"), "--base",
                       base), "E302")
    assert repr(base) in text
    assert not (tmp_path / "o").exists()


def test_build_with_a_good_base(tmp_path: Path, corpus_copy: Path) -> None:
    result = run("build", str(corpus_copy), "--out", str(tmp_path / "o"), "--base",
                 "https://example.org/kg#")
    assert result.exit_code == 0, result.output
    assert "https://example.org/kg#person/" in (tmp_path / "o" / "graph.ttl").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://neo4j.example.org",
                                 "localhost:7687"])
def test_load_neo4j_over_http_is_refused_without_a_server(store: Path, uri: str) -> None:
    text = refused(run("load", "neo4j", "--uri", uri, "--store", str(store)), "E404")
    assert "bolt://" in text and "neo4j://" in text


def test_no_neo4j_at_the_uri_is_said_in_one_line(store: Path) -> None:
    """Regression: the driver's reason has a line break, so the E401 message took two."""
    with socket.socket() as s:          # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("load", "neo4j", "--uri", f"bolt://127.0.0.1:{port}", "--store", str(store))
    assert result.exit_code == 2 and "[E401]" in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.parametrize("command", [
    ["query", "who-chaired-what"], ["identities"], ["export", "-f", "ttl"],
    ["load", "neo4j", "--uri", "bolt://127.0.0.1:1"], ["sparql", "-"]])
def test_a_store_folder_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no" / "store"
    result = runner.invoke(app, [*command, "--store", str(missing)], input="ASK {}")
    text = refused(result, "E402")
    assert str(missing) in text
    assert not missing.exists()


def test_store_may_be_the_output_folder(built_examples) -> None:
    out, _ = built_examples
    result = run("query", "who-chaired-what", "--store", str(out), "-f", "csv")
    assert result.exit_code == 0 and "Pham Toan Thang" in result.stdout


def test_export_into_a_missing_folder_leaves_nothing(tmp_path: Path, store: Path) -> None:
    target = tmp_path / "missing" / "dir" / "f.ttl"
    refused(run("export", "--store", str(store), "-o", str(target)), "E602")
    assert not (tmp_path / "missing").exists()


def test_validate_a_file_that_is_not_rdf(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# hi\n", encoding="utf-8")
    refused(run("validate", str(notes)), "E603")
    refused(run("validate", str(tmp_path / "missing.ttl")), "E603")


def test_unknown_query_and_bad_parameters_have_their_codes(store: Path) -> None:
    refused(run("query", "no-such-query", "--store", str(store)), "E502")
    refused(run("query", "who-chaired-what", "--store", str(store), "-p", "bogus=1"), "E503")
    refused(run("query", "who-chaired-what", "--store", str(store), "-p", "novalue"), "E503")
    refused(run("query", "who-chaired-what", "--store", str(store), "-f", "xls"), "E601")


def test_the_library_refuses_the_same_mistakes(tmp_path: Path, examples_dir: Path) -> None:
    from partygraph import api

    with pytest.raises(errors.BaseIRIError):
        api.build(examples_dir, tmp_path / "o", base="notaniri")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(errors.OutputPathError):
        api.build(examples_dir, tmp_path / "file")
    assert not (tmp_path / "o").exists()
