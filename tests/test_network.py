"""The networkx projections (organizational, co-attendance, ego), their filters and their
analytics, on the examples' store and on a small corpus of our own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import partygraph
from partygraph.analytics import annotate, brokers, report
from partygraph.cli import app
from partygraph.pipeline import build_corpus
from partygraph.store import GraphStore

runner = CliRunner()
NAM = "Nguyen Thanh Nam"
CONTRACT = {"kind", "label", "labels", "province", "orgtype", "degree", "betweenness",
            "community"}

# Two co-chairs at two conferences, a guest from another province at the first one.
FIRST = """Lao Cai reviews Party building work

12/03/2024

Comrade Nguyen Van An, secretary of the Lao Cai Provincial Party Committee, and comrade \
Tran Thi Binh, head of the Organization Commission of the Lao Cai Provincial Party \
Committee, co-chaired the conference on the morning of 12 March.

Attending the conference was comrade Le Van Cuong, chairman of the Binh Thuan Provincial \
People's Committee.
"""
SECOND = """Lao Cai sums up the emulation movement

20/05/2024

Comrade Nguyen Van An, secretary of the Lao Cai Provincial Party Committee, and comrade \
Tran Thi Binh, head of the Organization Commission of the Lao Cai Provincial Party \
Committee, co-chaired the conference on the morning of 20 May.
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("small-in")
    (src / "a.txt").write_text(FIRST, encoding="utf-8")
    (src / "b.txt").write_text(SECOND, encoding="utf-8")
    out = tmp_path_factory.mktemp("small-out")
    summary = build_corpus([src], out)
    assert summary.articles == 2 and not summary.failed
    return out / "store"


def by_name(graph: nx.Graph, name: str) -> str:
    found = [n for n, a in graph.nodes(data=True) if a["label"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result, " ".join(result.output.split())


# -- the projections -----------------------------------------------------------------------


def test_the_organizational_network_links_persons_posts_organizations_places(store: Path
                                                                            ) -> None:
    graph = partygraph.to_networkx(store)
    kinds = {a["kind"] for _, a in graph.nodes(data=True)}
    assert kinds == {"person", "post", "organization", "place"}
    for node, attrs in graph.nodes(data=True):
        assert set(attrs) >= CONTRACT, node
        assert node.startswith("https://")
        assert isinstance(attrs["degree"], float) and isinstance(attrs["community"], int)
    nam = by_name(graph, NAM)
    posts = graph.nodes[nam]["posts"]
    assert posts and all(set(p) == {"role", "organization", "start", "end", "evidence",
                                    "source"} for p in posts)
    assert any(p["role"] == "head" and "Binh Thuan" in p["organization"] and p["evidence"]
               and "/article/" in p["source"] for p in posts)
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert relations >= {"holds", "post-in", "jurisdiction", "sub-organization-of"}
    for _, _, d in graph.edges(data=True):
        assert set(d) == {"relation", "weight", "start", "end"} and d["weight"] == 1
    # every post node lies between its holder and its organization
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] == "post":
            assert sorted(graph.nodes[n]["kind"] for n in graph[node]) == \
                ["organization", "person"]


def test_co_attendance_weighs_pairs_by_shared_events(small: Path) -> None:
    graph = partygraph.to_networkx(small, "co-attendance")
    an, binh, cuong = (by_name(graph, n) for n in ("Nguyen Van An", "Tran Thi Binh",
                                                     "Le Van Cuong"))
    assert graph[an][binh] == {"relation": "co-attended", "weight": 2, "start": "2024-03-12",
                               "end": "2024-05-20"}
    assert graph[an][cuong]["weight"] == graph[binh][cuong]["weight"] == 1
    assert {a["kind"] for _, a in graph.nodes(data=True)} == {"person"}
    # the guest links the two provinces; so do the co-chairs, through him
    links = {row[1]: row[3] for row in brokers(graph)}
    assert links["Le Van Cuong"] == "Binh Thuan; Lao Cai"


def test_the_examples_co_attendance_agrees_with_the_named_query(store: Path) -> None:
    graph = partygraph.to_networkx(store, "co-attendance")
    rows = partygraph.query(partygraph.open_store(store), "co-attendance")
    pairs = {(r["person"], r["other"]): int(r["events"]) for r in rows}
    edges = {}
    for u, v, d in graph.edges(data=True):
        a, b = graph.nodes[u]["label"], graph.nodes[v]["label"]
        edges[(a, b)] = edges[(b, a)] = d["weight"]
    assert edges == pairs


def test_an_ego_network_finds_its_focus_however_written(store: Path) -> None:
    shapes = set()
    for spelling in ("Nguyễn Thanh Nam", "nguyen thanh nam", "Нгуен Тхань Нам"):
        graph = partygraph.to_networkx(store, "ego", focus=spelling, depth=2)
        shapes.add((frozenset(graph.nodes), frozenset(map(frozenset, graph.edges))))
    assert len(shapes) == 1
    nam = by_name(graph, NAM)
    assert nx.eccentricity(graph, nam) <= 2
    kinds = {graph.nodes[n]["kind"] for n in graph}
    assert {"post", "organization", "event"} <= kinds
    one = partygraph.to_networkx(store, "ego", focus=NAM, depth=1)
    assert set(one) == {nam, *graph[nam]} and set(one) < set(graph)


def test_an_ego_network_of_an_organization_by_its_label(store: Path) -> None:
    graph = partygraph.to_networkx(store, "ego", focus="Organization Commission of Binh Thuan",
                                   depth=2)
    centre = by_name(graph, "organization commission of Binh Thuan")
    assert graph.nodes[centre]["kind"] == "organization"
    assert NAM in {graph.nodes[n]["label"] for n in graph}


# -- filters -------------------------------------------------------------------------------


def test_the_province_filter_keeps_that_province_only(store: Path) -> None:
    graph = partygraph.to_networkx(store, province="binh thuận")
    assert len(graph) > 5
    assert {a["province"] for _, a in graph.nodes(data=True)
            if a["kind"] in ("organization", "post", "place")} == {"Binh Thuan"}
    everyone = partygraph.to_networkx(store)
    assert set(graph) < set(everyone)


def test_the_orgtype_date_and_language_filters(store: Path) -> None:
    commissions = partygraph.to_networkx(store, orgtype="organization-commission")
    orgs = [a for _, a in commissions.nodes(data=True) if a["kind"] == "organization"]
    assert orgs and {a["orgtype"] for a in orgs} == {"organization-commission"}
    on = partygraph.to_networkx(store, date="2024-01-10")
    posts = [a for _, a in on.nodes(data=True) if a["kind"] == "post"]
    assert posts
    for _, attrs in on.nodes(data=True):
        for post in attrs.get("posts", []):
            assert post["start"] <= "2024-01-10" <= post["end"]
    russian = partygraph.to_networkx(store, lang="ru")
    persons = {a["label"] for _, a in russian.nodes(data=True) if a["kind"] == "person"}
    assert persons and NAM not in persons          # he is in the French and Arabic ones
    assert any(a["label"] != a["labels"].get("en", a["label"]) or "ru" in a["labels"]
               for _, a in russian.nodes(data=True) if a["kind"] == "person")
    assert all(p["source"] for _, a in russian.nodes(data=True) for p in a.get("posts", []))


@pytest.mark.parametrize(("args", "code", "names"), [
    (["--province", "Atlantis"], "E507", "Atlantis"),
    (["--kind", "ego", "--focus", "Nobody Here"], "E507", "Nobody Here"),
    (["--kind", "ego"], "E503", "--focus"),
    (["--kind", "tree"], "E503", "tree"),
    (["--orgtype", "club"], "E503", "club"),
    (["--date", "2024-02-30"], "E503", "2024-02-30"),
    (["--lang", "xx"], "E507", "xx"),
    (["-o", "x.xlsx"], "E606", "x.xlsx"),
])
def test_a_mistake_is_one_coded_line(store: Path, args: list[str], code: str,
                                     names: str) -> None:
    result, text = run("network", "--store", str(store), *args)
    assert result.exit_code == 2, text
    assert f"[{code}]" in text and names in text and "Traceback" not in text


# -- analytics, outputs, determinism -------------------------------------------------------


def test_the_network_command_prints_and_exports(store: Path, tmp_path: Path) -> None:
    result, text = run("network", "--store", str(store), "--top", "3",
                       "-o", str(tmp_path / "n.json"))
    assert result.exit_code == 0, text
    assert "most central nodes" in text and "brokers" in text and NAM in text
    doc = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert set(doc) == {"summary", "nodes", "edges", "central_by_province", "brokers"}
    assert int(doc["summary"]["nodes"]) == len(doc["nodes"]) > 0
    assert doc["summary"]["components"] == str(len({n["component"] for n in doc["nodes"]}))
    binh = [r for r in doc["central_by_province"] if r["province"] == "Binh Thuan"]
    assert binh[0]["label"] == NAM and binh[0]["rank"] == "1"
    nam = [b for b in doc["brokers"] if b["label"] == NAM]
    assert nam and nam[0]["links"] == "organizations"


def test_the_same_input_gives_the_same_csv_bytes(store: Path, examples_dir: Path,
                                                 tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_corpus([examples_dir], again)
    outputs = []
    for i, folder in enumerate((store, again / "store", store)):
        target = tmp_path / f"{i}.csv"
        result, text = run("network", "--store", str(folder), "-o", str(target))
        assert result.exit_code == 0, text
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    header, *rows = outputs[0].decode("utf-8").splitlines()
    assert header == "id,kind,label,province,orgtype,degree,betweenness,community,component"
    assert len(rows) == len(partygraph.to_networkx(store))


def test_communities_are_seeded_and_brokers_link_provinces() -> None:
    """Two cliques joined by one person: two communities, and the joiner is the broker."""
    graph = nx.Graph()
    for name, province in (("a1", "A"), ("a2", "A"), ("a3", "A"), ("x", "A"),
                           ("b1", "B"), ("b2", "B"), ("b3", "B")):
        graph.add_node(name, kind="person", label=name, province=province, orgtype="")
    graph.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("x", "a1"),
                          ("x", "a2"), ("x", "b1"), ("b1", "b2"), ("b2", "b3"),
                          ("b1", "b3")], weight=1, relation="co-attended", start="", end="")
    first = {n: a["community"] for n, a in annotate(graph.copy()).nodes(data=True)}
    again = {n: a["community"] for n, a in annotate(graph.copy()).nodes(data=True)}
    assert first == again
    assert first["a1"] == first["a3"] != first["b2"] == first["b3"]
    rep = report(annotate(graph), "co-attendance")
    assert rep.nodes[0][0] == "x"                         # the most between
    assert [(r[0], r[3]) for r in rep.brokers] == [("x", "A; B"), ("b1", "A; B")]


def test_the_api_takes_an_open_store_too(store: Path) -> None:
    opened = GraphStore(store, read_only=True)
    assert set(partygraph.to_networkx(opened, "co-attendance")) == \
        set(partygraph.to_networkx(store, "co-attendance"))


def test_the_command_line_does_not_import_networkx_to_start() -> None:
    code = ("import sys, partygraph.cli; "
            "print(sorted(m for m in ('networkx', 'matplotlib', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
