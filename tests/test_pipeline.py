"""The whole pipeline on examples/: outputs, determinism, incremental re-builds."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from partygraph.namespaces import ORG, PG, PGORG, PGROLE, PROV, RDF
from partygraph.pipeline import build_corpus


def test_outputs_exist_and_conform(built_examples) -> None:
    out, summary = built_examples
    for name in ("graph.trig", "graph.ttl", "validation.txt", "validation.ttl"):
        assert (out / name).is_file(), name
    assert (out / "store").is_dir()
    assert summary.articles == 5 and not summary.failed
    assert summary.violations == []
    assert summary.languages == {"fr": 3, "ar": 1, "ru": 1}


def test_merged_graph_states_the_seed_facts(built_examples) -> None:
    out, _ = built_examples
    g = Graph().parse(out / "graph.ttl")
    names = {str(o) for o in g.objects(None, PG.canonicalName)}
    assert {"Pham Toan Thang", "Hoang Quoc Khanh", "Nguyen Hoai Anh", "Bui Thi Yen",
            "Luong Truong Dat", "Lao Cai", "Binh Thuan"} <= names
    # Pham Toan Thang heads the organization commission of Lao Cai
    q = """SELECT ?j WHERE { ?m org:member/pg:canonicalName "Pham Toan Thang" ;
             org:role ?role ; org:organization ?o . ?o pg:orgType ?t ;
             pg:jurisdiction/pg:canonicalName ?j }"""
    rows = g.query(q, initNs={"org": ORG, "pg": PG},
                   initBindings={"role": PGROLE.head, "t": PGORG["organization-commission"]})
    assert [str(r[0]) for r in rows] == ["Lao Cai"]


def test_same_input_in_another_order_gives_identical_bytes(tmp_path: Path,
                                                           examples_dir: Path) -> None:
    files = sorted(examples_dir.glob("*.txt"))
    build_corpus(files, tmp_path / "a")
    build_corpus(list(reversed(files)), tmp_path / "b")
    assert (tmp_path / "a/graph.trig").read_bytes() == (tmp_path / "b/graph.trig").read_bytes()
    assert (tmp_path / "a/graph.ttl").read_bytes() == (tmp_path / "b/graph.ttl").read_bytes()


def test_rebuilding_changes_nothing(tmp_path: Path, examples_dir: Path) -> None:
    first = build_corpus([examples_dir], tmp_path)
    before = (tmp_path / "graph.trig").read_bytes()
    second = build_corpus([examples_dir], tmp_path)
    assert (tmp_path / "graph.trig").read_bytes() == before
    assert first.triples == second.triples


def test_changed_article_replaces_its_graph_only(tmp_path: Path, corpus_copy: Path) -> None:
    build_corpus([corpus_copy], tmp_path)
    ds = Dataset()
    ds.parse(tmp_path / "graph.trig", format="trig")
    before = {str(g.identifier): len(g) for g in ds.graphs()}
    target = corpus_copy / "004_965901fc76578843.txt"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "Luong Truong Dat", "Hoang Van Minh"), encoding="utf-8")
    build_corpus([target], tmp_path)
    ds2 = Dataset()
    ds2.parse(tmp_path / "graph.trig", format="trig")
    after = {str(g.identifier): g for g in ds2.graphs()}
    changed = [k for k in after if k.endswith("004_965901fc76578843")]
    assert changed
    g004 = after[changed[0]]
    names = {str(o) for o in g004.objects(None, PG.canonicalName)}
    assert "Hoang Van Minh" in names and "Luong Truong Dat" not in names
    for k, n in before.items():
        if "004_" not in k and "_timeline" not in k:
            assert len(after[k]) == n, k


def test_bad_documents_do_not_stop_the_batch(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "blob.txt").write_bytes(b"\x00\xff" * 100)
    summary = build_corpus([corpus_copy], tmp_path)
    assert summary.articles == 5
    assert sorted(e.source for e in summary.failed) == ["blob.txt", "empty.txt"]
    report = (tmp_path / "validation.txt").read_text(encoding="utf-8")
    assert "empty.txt" in report and "blob.txt" in report


def test_trig_and_merged_graph_agree(built_examples) -> None:
    out, _ = built_examples
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    merged = Graph().parse(out / "graph.ttl")
    assert isomorphic(union, merged)


def test_evidence_offsets_point_into_the_input(built_examples, examples_dir: Path) -> None:
    out, _ = built_examples
    g = Graph().parse(out / "graph.ttl")
    checked = 0
    for ev in g.subjects(RDF.type, PG.Evidence):
        start = int(g.value(ev, PG.startOffset))
        end = int(g.value(ev, PG.endOffset))
        source = str(g.value(g.value(ev, PROV.wasDerivedFrom), PG.sourceId))
        text = (examples_dir / source).read_text(encoding="utf-8")
        assert 0 <= start < end <= len(text)
        assert " ".join(text[start:end].split()) in str(g.value(ev, PG.quote))
        checked += 1
    assert checked > 20


def test_no_place_from_the_headline_list(built_examples) -> None:
    out, _ = built_examples
    g = Graph().parse(out / "graph.ttl")
    mentioned = {str(g.value(p, PG.canonicalName))
                 for p, _, _ in g.triples((None, PG.mentionedIn, None))}
    assert "Ninh Binh" not in mentioned and "Gia Lai" not in mentioned
    assert Literal("Ha Noi") not in set(g.objects(None, PG.canonicalName))


def test_worker_processes_give_the_same_bytes(tmp_path: Path, examples_dir: Path) -> None:
    build_corpus([examples_dir], tmp_path / "one", jobs=1)
    summary = build_corpus([examples_dir], tmp_path / "two", jobs=2)
    assert summary.articles == 5 and not summary.violations
    for name in ("graph.trig", "graph.ttl", "validation.txt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_build_keeps_no_node_of_its_articles_in_the_vocabulary_cache(
        tmp_path: Path, examples_dir: Path) -> None:
    """Regression: the article graphs' nodes (articles, evidence, persons ...) were made by
    ``oxvocab.iri``, a cache without bound, so a build's process kept every node it ever
    minted (about 2 kB an article: 230 MB at 100,000 articles). The same texts under new
    names make new article and evidence nodes and no new vocabulary term."""
    from partygraph import oxvocab

    sizes = []
    for run in ("first", "second"):
        inputs = tmp_path / run
        inputs.mkdir()
        for path in sorted(examples_dir.glob("*.txt")):
            (inputs / f"{run}_{path.name}").write_bytes(path.read_bytes())
        assert build_corpus([inputs], tmp_path / f"out-{run}").articles == 5
        sizes.append(oxvocab.iri.cache_info().currsize)
    assert sizes[1] == sizes[0]
