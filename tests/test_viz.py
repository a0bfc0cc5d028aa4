"""``partygraph viz``: pictures that repeat byte for byte, GEXF and GraphML that read back
with networkx with their attributes, and the HTML writer found or refused with a code."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import partygraph
import partygraph.viz
from partygraph.cli import app
from partygraph.viz import picture_nodes, write_picture

runner = CliRunner()


def viz(store: Path, out: Path, *args: str) -> str:
    result = runner.invoke(app, ["viz", "--store", str(store), "-o", str(out), *args])
    text = " ".join(result.output.split())
    assert result.exit_code == 0, text
    assert out.is_file() and out.stat().st_size > 0
    return text


def test_a_png_and_an_svg_repeat_byte_for_byte(store: Path, tmp_path: Path) -> None:
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        text = viz(store, first, "--lang", "ru")
        viz(store, second, "--lang", "ru")
        assert first.read_bytes().startswith(magic)
        assert first.read_bytes() == second.read_bytes(), suffix
        assert "nodes" in text and "edges" in text
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "Нгуен Чин" in svg or "Nguyen Chin" in svg     # persons labelled (in Russian)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_gexf_and_graphml_read_back_with_their_attributes(store: Path, tmp_path: Path,
                                                          suffix: str) -> None:
    out = tmp_path / f"network{suffix}"
    viz(store, out, "--kind", "ego", "--focus", "Nguyen Thanh Nam", "--depth", "3")
    back = nx.read_gexf(out) if suffix == ".gexf" else nx.read_graphml(out)
    graph = partygraph.to_networkx(store, "ego", focus="Nguyen Thanh Nam", depth=3)
    assert set(back) == set(graph)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    for node, attrs in graph.nodes(data=True):
        read = back.nodes[node]
        for key in ("kind", "label", "province", "orgtype", "community"):
            assert read[key] == attrs[key], (node, key)
        assert read["betweenness"] == pytest.approx(attrs["betweenness"])
        for lang, label in attrs["labels"].items():
            assert read[f"label_{lang}"] == label
        if attrs["kind"] == "person":
            assert json.loads(read["posts"]) == attrs["posts"]
    for u, v, d in graph.edges(data=True):
        assert back.edges[u, v]["relation"] == d["relation"]
        assert int(back.edges[u, v]["weight"]) == d["weight"]


def test_a_picture_of_a_large_graph_shows_the_most_central(tmp_path: Path) -> None:
    graph = nx.star_graph(30)
    graph = nx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    for node in graph:
        graph.nodes[node].update(kind="person", label=node, degree=graph.degree(node) / 30,
                                 betweenness=0.0)
    shown = picture_nodes(graph, limit=5)
    assert len(shown) == 5 and "n00" in shown
    note = write_picture(graph, tmp_path / "star.png", limit=5)
    assert "5 most central of 31" in note


def test_an_unknown_suffix_is_refused_before_any_work(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["viz", "--store", str(tmp_path / "none"),
                                 "-o", str(tmp_path / "network.pdf")])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "[E606]" in text and "network.pdf" in text


def test_without_the_page_writer_html_is_refused_with_a_code(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "partygraph.viz_html", None)   # as if not installed
    out = tmp_path / "network.html"
    result = runner.invoke(app, ["viz", "--store", str(store), "-o", str(out)])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "[E606]" in text and "viz_html" in text, text
    assert not out.exists()


def test_html_goes_to_the_page_writer(store: Path, tmp_path: Path) -> None:
    spec = importlib.util.find_spec("partygraph.viz_html")
    here = Path(partygraph.viz.__file__).resolve().parent
    if spec is None or spec.origin is None or Path(spec.origin).resolve().parent != here:
        pytest.skip("no page writer (partygraph.viz_html) in this checkout")
    out = tmp_path / "network.html"
    result = runner.invoke(app, ["viz", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Nguyen Thanh Nam" in out.read_text(encoding="utf-8")
