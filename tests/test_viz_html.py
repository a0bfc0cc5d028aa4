"""The network page as a file: self-contained, escaped, deterministic, vendored as recorded.

What it does in a browser is tests/test_viz_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

import networkx as nx
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from viz_graphs import EVIL_NAME, NAM, SOURCE, small_network

from partygraph.errors import OutputPathError
from partygraph.viz_html import page_data, render_html, script_json, write_html

VENDOR = Path(__file__).resolve().parents[1] / "builder" / "data" / "vendor"


def _data_block(page: str) -> dict:
    node = HTMLParser(page).css_first('script[type="application/json"]#graph-data')
    assert node is not None
    return json.loads(node.text())


def test_no_http_url_in_any_src_or_href(tmp_path: Path) -> None:
    # the graph itself holds https IRIs and sources: they stay in the JSON, never in
    # an attribute that a browser would load
    out = tmp_path / "network.html"
    write_html(small_network(), out)
    page = out.read_text(encoding="utf-8")
    assert SOURCE in page
    tree = HTMLParser(page)
    linked = [(n.tag, attr, value) for n in tree.css("*")
              for attr, value in n.attributes.items()
              if attr in ("src", "href", "srcset", "action", "data", "poster")]
    assert not [x for x in linked if re.match(r"\s*(https?:)?//", x[2] or "", re.I)], linked
    assert not tree.css("script[src], link, iframe, img, object, embed")
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    assert csp is not None and "default-src 'none'" in csp.attributes["content"]


def test_the_data_block_cannot_be_closed_by_a_name() -> None:
    text = script_json({"label": "</script><!-- x & y -->\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"label": "</script><!-- x & y -->\u2028"}
    page = render_html(small_network(), title="<b>T</b> & co")
    assert EVIL_NAME not in page
    assert page.lower().count("</script>") == page.lower().count("<script")
    assert "<title>&lt;b&gt;T&lt;/b&gt; &amp; co</title>" in page
    labels = {n["id"]: n["label"] for n in _data_block(page)["nodes"]}
    assert labels["https://example.org/id/person/evil"] == EVIL_NAME


def test_a_marker_inside_the_data_is_not_expanded() -> None:
    g = nx.Graph()
    g.add_node("n1", kind="person", label="@JS@ @CSS@")
    nodes = _data_block(render_html(g))["nodes"]
    assert nodes[0]["label"] == "@JS@ @CSS@"


def test_same_graph_same_bytes_whatever_the_insertion_order() -> None:
    g = small_network()
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from((v, u, d) for u, v, d in reversed(list(g.edges(data=True))))
    assert render_html(g) == render_html(shuffled)


def test_labels_in_the_chosen_language_and_sizes_by_centrality() -> None:
    data = page_data(small_network(), lang="ru")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[NAM]["display"] == "Нгуен Тхань Нам"
    # no Russian label: the node's own label
    assert nodes["https://example.org/id/org/thanh-uy-ha-noi"]["display"] == "Thành ủy Hà Nội"
    # no degree given: computed, so a node with two links outgrows one with a single link
    assert nodes[NAM]["size"] > nodes["https://example.org/id/person/tran-van-cu"]["size"]
    assert {n["color"] for n in data["nodes"] if n["kind"] == "person"} == {"#e41a1c"}


def test_given_degree_is_used_for_the_size() -> None:
    g = nx.path_graph(3)
    nx.set_node_attributes(g, {0: 0.9, 1: 0.1, 2: 0.1}, "degree")
    nodes = {n["id"]: n for n in page_data(g)["nodes"]}
    assert nodes["0"]["size"] > nodes["1"]["size"] == nodes["2"]["size"]
    assert nodes["0"]["degree"] == 0.9


def test_vendored_files_match_their_record() -> None:
    record = tomllib.loads((VENDOR / "VERSIONS.toml").read_text())
    names = {entry["name"] for entry in record["file"]}
    assert names == {"sigma.min.js", "graphology.umd.min.js",
                     "graphology-layout-forceatlas2.min.js"}
    for entry in record["file"]:
        code = (VENDOR / entry["name"]).read_bytes()
        assert hashlib.sha256(code).hexdigest() == entry["sha256"], entry["name"]
        for package in entry["packages"]:
            assert (VENDOR / f"LICENSE-{package.rpartition('@')[0]}.txt").is_file()
    page = render_html(nx.Graph())
    for name in names:  # inlined whole, not linked
        assert (VENDOR / name).read_text(encoding="utf-8") in page


@pytest.mark.parametrize("where", ["missing/network.html", "."])
def test_an_output_path_that_cannot_be_written(tmp_path: Path, where: str) -> None:
    with pytest.raises(OutputPathError) as caught:
        write_html(small_network(), tmp_path / where)
    assert str(caught.value).startswith("[E602]")
    assert str(tmp_path) in str(caught.value)
