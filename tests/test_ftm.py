"""FollowTheMoney export: entities the library validates, as many persons, bodies and
posts as the store holds (counted by SPARQL), stable ids, the same bytes every run."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.ftm import _config
from partygraph.namespaces import ORG, PG
from partygraph.store import GraphStore

runner = CliRunner()
COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) ?c WHERE { ?s a ?c } GROUP BY ?c"
ROLES = ("SELECT ?role (COUNT(DISTINCT ?m) AS ?n) ?c WHERE { ?m a ?c ; "
         "<http://www.w3.org/ns/org#role> ?role } GROUP BY ?role ?c")


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    target = tmp_path_factory.mktemp("ftm") / "entities.ftm.json"
    result = runner.invoke(app, ["export", "-f", "ftm", "--store", str(store), "-o",
                                 str(target)])
    assert result.exit_code == 0, result.output
    return target.read_bytes()


@pytest.fixture(scope="module")
def entities(exported: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in exported.decode("utf-8").splitlines()]


def test_every_entity_is_valid_for_the_library(entities: list[dict[str, Any]]) -> None:
    from followthemoney import model

    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        assert {k: sorted(v) for k, v in proxy.to_dict()["properties"].items()} == \
            data["properties"]


def test_every_reference_is_to_an_entity_of_the_file(entities: list[dict[str, Any]]) -> None:
    from followthemoney import model

    ids = {e["id"] for e in entities}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, name
            if prop.type.name == "entity":
                assert set(values) <= ids, (data["schema"], name)


def test_counts_equal_the_store(store: Path, entities: list[dict[str, Any]]) -> None:
    gs = GraphStore(store, read_only=True)

    def count(cls: Any) -> int:
        return int(gs.query_text(COUNT, {"c": cls})[1][0][0])

    schemata = Counter(e["schema"] for e in entities)
    assert schemata["Person"] == count(PG.Person) == 10
    assert schemata["Organization"] + schemata["PublicBody"] + schemata["Company"] == \
        count(ORG.Organization)
    assert schemata["Event"] == count(PG.Event)
    assert schemata["Article"] == count(PG.Article)
    by_role = {role.rsplit("/", 1)[-1]: int(n)
               for role, n, _ in gs.query_text(ROLES, {"c": ORG.Membership})[1]}
    members = set(_config()["membership"]["roles"])
    assert schemata["Occupancy"] == sum(n for r, n in by_role.items() if r not in members) > 0
    assert schemata["Membership"] == sum(n for r, n in by_role.items() if r in members) > 0
    posts = {(e["properties"]["holder"][0], e["properties"]["post"][0])
             for e in entities if e["schema"] == "Occupancy"}
    assert len(posts) == schemata["Occupancy"]


def test_a_post_reads_as_its_holder_position_and_sources(
        entities: list[dict[str, Any]]) -> None:
    """Nguyen Thanh Nam heads Binh Thuan's organization commission, seen in two articles."""
    by_id = {e["id"]: e for e in entities}
    nam = next(e for e in entities if e["schema"] == "Person"
               and e["properties"]["name"] == ["Nguyen Thanh Nam"])
    held = [e for e in entities if e["schema"] == "Occupancy"
            and e["properties"]["holder"] == [nam["id"]]]
    names = {by_id[e["properties"]["post"][0]]["properties"]["name"][0]: e for e in held}
    head = names["Head of the organization commission of Binh Thuan"]
    assert head["properties"]["date"] == ["2023-12-13", "2024-02-28"]   # seen, not the term
    assert "startDate" not in head["properties"]
    assert all(by_id[p]["schema"] == "Article" for p in head["properties"]["proof"])
    assert head["properties"]["description"]                   # the evidence sentences
    position = by_id[head["properties"]["post"][0]]
    body = by_id[position["properties"]["organization"][0]]
    assert body["schema"] == "Organization" and position["properties"]["subnationalArea"] == \
        ["Binh Thuan"]
    council = next(e for e in entities if e["properties"].get("classification") ==
                   ["People's Council"])
    assert council["schema"] == "PublicBody"


def test_ids_come_from_the_iris(entities: list[dict[str, Any]]) -> None:
    from followthemoney import model

    nam = next(e for e in entities if e["schema"] == "Person"
               and e["properties"]["name"] == ["Nguyen Thanh Nam"])
    proxy = model.make_entity("Person")
    proxy.make_id("partygraph", "person", "2025/lam-dong/nguyen-thanh-nam")
    assert nam["id"] == proxy.id


def test_the_export_is_byte_identical_between_runs(store: Path, tmp_path: Path,
                                                   exported: bytes) -> None:
    target = tmp_path / "again.ftm.json"
    result = runner.invoke(app, ["export", "-f", "ftm", "--store", str(store), "-o",
                                 str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == exported
    ids = [json.loads(line)["id"] for line in exported.splitlines()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_ftm_from_neo4j_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    result = runner.invoke(app, ["export", "-f", "ftm", "--from-neo4j", "bolt://127.0.0.1:9",
                                 "-o", str(target)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "[E601]" in said and "--store" in said and "Traceback" not in said
    assert not target.exists()


def test_without_the_library_the_format_says_how_to_get_it(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """followthemoney is an extra (partygraph[ftm]): without it, a coded line, no file."""
    monkeypatch.setitem(sys.modules, "followthemoney", None)    # as if not installed
    target = tmp_path / "x.ftm.json"
    result = runner.invoke(app, ["export", "-f", "ftm", "--store", str(store), "-o",
                                 str(target)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "[E601]" in said and "partygraph[ftm]" in said and "Traceback" not in said
    assert list(tmp_path.iterdir()) == []
