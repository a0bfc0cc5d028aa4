"""Output files are written whole or not at all, and exports leave quarantine out."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.iris import Minter
from partygraph.namespaces import PG, RDF
from partygraph.outputs import atomic_output, write_atomic
from partygraph.store import GraphStore

runner = CliRunner()


def test_an_interrupted_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    write_atomic(target, "the previous graph\n")
    with pytest.raises(OSError), atomic_output(target) as f:
        f.write(b"half of a new gra")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "the previous graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]   # no .part left


def test_a_completed_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "validation.txt"
    write_atomic(target, "old")
    write_atomic(target, "néw")
    assert target.read_text(encoding="utf-8") == "néw"


@pytest.fixture
def quarantined_store(tmp_path: Path) -> Path:
    """A store whose one article also has a quarantine graph, under a custom base."""
    minter = Minter("https://example.org/kg/")
    path = tmp_path / "store"
    store = GraphStore(path)
    person = minter.person("central/nguyen-van-an")
    rejected = URIRef("https://example.org/kg/person/rejected")
    store.replace_graph(minter.graph("a.txt"),
                        [(person, RDF.type, PG.Person),
                         (person, PG.canonicalName, Literal("Nguyen Van An"))])
    store.replace_graph(minter.quarantine("a.txt"),
                        [(rejected, RDF.type, PG.Person),
                         (rejected, PG.canonicalName, Literal("REJECTED"))])
    store.flush()
    store.close()
    return path


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "ttl", "nt", "xml", "ftm"])
def test_export_leaves_quarantine_out_unless_asked(quarantined_store: Path, tmp_path: Path,
                                                   fmt: str) -> None:
    """Regression: JSON-LD exported the quarantine graphs while graph.trig did not; the
    merged formats, FollowTheMoney and void.ttl's counts leave them out too."""
    out = tmp_path / f"g.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(quarantined_store), "-f", fmt,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Nguyen Van An" in text and "REJECTED" not in text
    void = (tmp_path / "void.ttl").read_text(encoding="utf-8")
    assert "void:triples 2 " in void        # the article's two triples, not the quarantine's
    if fmt in ("trig", "nq", "jsonld"):
        result = runner.invoke(app, ["export", "--store", str(quarantined_store), "-f", fmt,
                                     "-o", str(out), "--include-quarantine"])
        assert result.exit_code == 0, result.output
        assert "REJECTED" in out.read_text(encoding="utf-8")
        if fmt == "jsonld":
            json.loads(out.read_text(encoding="utf-8"))


def test_export_into_a_missing_folder_is_a_clear_error(quarantined_store: Path,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "missing" / "dir" / "g.ttl"
    result = runner.invoke(app, ["export", "--store", str(quarantined_store), "-o", str(target)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())     # the console wraps long lines
    assert "does not exist" in said and "Traceback" not in said
    assert not target.parent.exists()


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "g.ttl"
    result = runner.invoke(app, ["export", "--store", str(tmp_path / "nostore"), "-o",
                                 str(target)])
    assert result.exit_code == 2 and "no store" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_an_output_gets_the_mode_open_would_give(tmp_path: Path, umask: int, mode: int
                                                 ) -> None:
    """Regression: outputs were written through mkstemp and kept its 0600, so graph.ttl
    and the exports were unreadable by the group and others whatever the umask."""
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "graph.ttl", "g\n")
    finally:
        os.umask(old)
    assert (tmp_path / "graph.ttl").stat().st_mode & 0o777 == mode


def test_an_output_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    write_atomic(target, "old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_text() == "new\n"
