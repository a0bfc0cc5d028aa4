"""Under a custom ``--base`` (ending in / or #), what iris.py mints is what every reader
parses: quarantined facts stay out of graph.trig, ``export`` and the Neo4j loader, and
person keys read back from the store are the keys the resolver gave."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from partygraph import identities
from partygraph.cli import app
from partygraph.iris import Minter, person_key
from partygraph.neo4j.loader import load_store
from partygraph.store import GraphStore

if TYPE_CHECKING:
    from tests.conftest_neo4j import Neo4jDB

runner = CliRunner()

# an emulation group numbered 0 breaks a shape (numbers start at 1): it is quarantined
TEXT = ("Le 3 mars 2024, le camarade Nguyen Van An, secrétaire du Comité provincial du "
        "Parti de Lào Cai, a présidé la conférence du groupe d'émulation n° 0.\n")
PERSON_KEY = "2025/lao-cai/nguyen-van-an"


@pytest.fixture(scope="module", params=["https://example.org/kg/", "https://example.org/kg#"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Minter]:
    """The text built with a custom base; its store holds one quarantine graph."""
    folder = tmp_path_factory.mktemp("custom-base")
    (folder / "in").mkdir()
    (folder / "in" / "q.txt").write_text(TEXT, encoding="utf-8")
    out = folder / "out"
    result = runner.invoke(app, ["build", str(folder / "in"), "--out", str(out),
                                 "--base", request.param])
    assert result.exit_code == 0, result.output   # the rest of the article is kept
    return out, Minter(request.param)


def _rejected(minter: Minter) -> str:
    return str(minter.organization("emulation-group/central/0"))


def test_the_store_holds_the_quarantine_graph_as_private(built: tuple[Path, Minter]) -> None:
    out, minter = built
    store = GraphStore(out / "store", read_only=True)
    held = minter.quarantine("q.txt")
    assert held in store.graph_names() and store.is_private(held)
    assert not store.is_private(minter.graph("q.txt"))
    assert any(_rejected(minter) in line for line in store.graph_lines(held))


def test_graph_trig_leaves_quarantine_out(built: tuple[Path, Minter]) -> None:
    out, minter = built
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    assert str(minter.graph("q.txt")) in names
    assert str(minter.quarantine("q.txt")) not in names
    assert _rejected(minter) not in (out / "graph.trig").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "ttl"])
def test_export_leaves_quarantine_out(built: tuple[Path, Minter], tmp_path: Path,
                                      fmt: str) -> None:
    out, minter = built
    target = tmp_path / f"g.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(out), "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Nguyen Van An" in text and _rejected(minter) not in text
    if fmt != "ttl":
        result = runner.invoke(app, ["export", "--store", str(out), "-f", fmt, "-o",
                                     str(target), "--include-quarantine"])
        assert result.exit_code == 0, result.output
        assert _rejected(minter) in target.read_text(encoding="utf-8")


def test_person_keys_read_back_under_any_base(built: tuple[Path, Minter]) -> None:
    """Regression: ``partygraph identities`` cut keys at "/person/", so under a base
    ending in # a cluster's key was its whole IRI (and its reasons were not found)."""
    out, minter = built
    iri = str(minter.person(PERSON_KEY))
    assert minter.person_key_of(iri) == person_key(iri) == PERSON_KEY
    assert Minter("https://other.example/").person_key_of(iri) is None
    found, _ = identities.of_store(out)
    assert [(c.node, c.key, c.home) for c in found] == [(iri, PERSON_KEY, "2025/lao-cai")]


@pytest.mark.neo4j
def test_the_neo4j_loader_leaves_quarantine_out(built: tuple[Path, Minter],
                                                neo4j_db: Neo4jDB) -> None:
    out, minter = built
    store = GraphStore(out / "store", read_only=True)

    def loaded(iri: str) -> bool:
        with neo4j_db.driver.session(database=neo4j_db.database) as s:
            return s.run("MATCH (n:Resource {iri: $iri}) RETURN count(n) AS n",
                         iri=iri).single(strict=True)["n"] > 0

    summary = load_store(store, neo4j_db.driver, neo4j_db.database)
    assert summary.graphs_in_store == len(store.graph_names()) - 1   # all but quarantine
    assert loaded(str(minter.person(PERSON_KEY))) and not loaded(_rejected(minter))
    load_store(store, neo4j_db.driver, neo4j_db.database, include_private=True)
    assert loaded(_rejected(minter))
