"""No remote fetch, ever: RDF that would make partygraph fetch is refused offline, and
quickly, even when the server named would never answer."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from edge_kit import cli, said, silent_server

from partygraph.errors import RemoteReferenceError
from partygraph.offline import no_network

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _refused(result, code: str = "E605") -> str:
    assert result.exit_code == 2, said(result)
    assert f"[{code}]" in result.output and "Traceback" not in result.output, said(result)
    return result.output


def _validate_quickly(path: Path):
    started = time.monotonic()
    result = cli("validate", str(path))
    assert time.monotonic() - started < 30
    return result


def test_json_ld_with_a_remote_context_is_refused_without_a_connection(tmp_path: Path) -> None:
    with silent_server() as server:
        doc = tmp_path / "remote.jsonld"
        doc.write_text(json.dumps({"@context": f"{server.url}/context.jsonld",
                                   "@id": "http://ex.org/a", "name": "An"}))
        assert "@context is a URL" in _refused(_validate_quickly(doc))
        assert server.connections == 0


def test_json_ld_importing_a_remote_context_is_refused(tmp_path: Path) -> None:
    with silent_server() as server:
        doc = tmp_path / "import.jsonld"
        doc.write_text(json.dumps({"@context": {"@import": f"{server.url}/c.jsonld"},
                                   "@id": "http://ex.org/a"}))
        _refused(_validate_quickly(doc))
        assert server.connections == 0


def test_owl_imports_is_refused(tmp_path: Path) -> None:
    with silent_server() as server:
        doc = tmp_path / "imports.ttl"
        doc.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                       f"<http://ex.org/o> a owl:Ontology ; owl:imports <{server.url}/o.ttl> .\n")
        assert "owl:imports" in _refused(_validate_quickly(doc))
        assert server.connections == 0


def test_rdf_xml_billion_laughs_fails_fast(tmp_path: Path) -> None:
    entities = ['<!ENTITY a0 "laugh">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    doc = tmp_path / "laughs.rdf"
    doc.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities)
                   + f'\n]>\n<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://ex.org/">'
                   '<rdf:Description rdf:about="http://ex.org/a"><ex:p>&a9;</ex:p>'
                   "</rdf:Description></rdf:RDF>\n")
    assert "document type declaration" in _refused(_validate_quickly(doc))


def test_rdf_xml_external_dtd_and_entity_are_refused(tmp_path: Path) -> None:
    with silent_server() as server:
        doc = tmp_path / "external.rdf"
        doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{server.url}/x.dtd" '
                       f'[<!ENTITY e SYSTEM "{server.url}/secret">]>\n'
                       f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://ex.org/">'
                       '<rdf:Description rdf:about="http://ex.org/a"><ex:p>&e;</ex:p>'
                       "</rdf:Description></rdf:RDF>\n")
        assert "external DTD" in _refused(_validate_quickly(doc))
        assert server.connections == 0


def test_plain_rdf_xml_still_validates(tmp_path: Path) -> None:
    doc = tmp_path / "plain.rdf"
    doc.write_text(f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF}" '
                   'xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/a">'
                   "<ex:p>x</ex:p></rdf:Description></rdf:RDF>\n")
    result = cli("validate", str(doc))
    assert result.exit_code == 0, said(result)


def test_sparql_service_is_refused_without_a_connection(tmp_path: Path, store: Path) -> None:
    with silent_server() as server:
        query = tmp_path / "federated.rq"
        query.write_text(f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}")
        started = time.monotonic()
        _refused(cli("sparql", str(query), "--store", str(store)), "E506")
        assert time.monotonic() - started < 30 and server.connections == 0


def test_service_inside_strings_iris_and_comments_is_not_a_service(tmp_path: Path,
                                                                    store: Path) -> None:
    query = tmp_path / "local.rq"
    query.write_text('SELECT ?s WHERE { ?s <http://ex.org/SERVICE> "SERVICE" } # SERVICE\n')
    result = cli("sparql", str(query), "--store", str(store))
    assert result.exit_code == 0, said(result)


def test_the_audit_hook_stops_any_fetch_while_reading() -> None:
    with silent_server() as server:
        started = time.monotonic()
        with pytest.raises(RemoteReferenceError, match="never"), no_network("x.ttl"):
            urllib.request.urlopen(server.url, timeout=60)
        assert time.monotonic() - started < 5 and server.connections == 0
        # outside a read the network is the caller's business (the hook stays, idle)
        urllib.request.Request(server.url)
