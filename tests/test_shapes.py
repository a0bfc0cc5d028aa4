"""The SHACL shapes (``shapes/partygraph.shacl.ttl``) against good and broken graphs.

Two conforming article graphs live in ``tests/fixtures/shapes/`` (``article_000.ttl``,
``article_001.ttl``: what the builder should write for two of the example articles).
Every broken case is one of them plus a small SPARQL Update that breaks exactly one
rule; the test asserts that the graph no longer conforms and that the report names
exactly the expected shapes and focus nodes -- no more, no fewer. A coverage test checks
that every shape carrying a constraint has at least one broken case, and another that
every node shape has focus nodes in the conforming fixtures (so "conforms" is not
vacuous).

Validation runs the way the builder should run it: the ontology as ``ont_graph``
(pyshacl mixes it into a copy of the data graph, so ``sh:class`` / ``sh:targetClass``
see ``rdfs:subClassOf``) and ``inference="none"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from partygraph.namespaces import DOC_TYPES, ORG_TYPES, PGDOC, PGORG, PGROLE, ROLES

ROOT = Path(__file__).resolve().parents[1]
SHAPES_FILE = ROOT / "shapes" / "partygraph.shacl.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "partygraph.ttl"
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
GOOD_FIXTURES = ("article_000", "article_001")

PGSH = Namespace("https://w3id.org/partygraph/shapes#")
BASE = "https://w3id.org/partygraph/id/"

SPARQL_PROLOGUE = f"""
BASE <{BASE}>
PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX pgrole: <https://w3id.org/partygraph/role/>
PREFIX pgorg: <https://w3id.org/partygraph/orgtype/>
PREFIX pgdoc: <https://w3id.org/partygraph/doctype/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# Nodes of the fixtures, as relative IRIs (SPARQL and expectations share them).
A0 = "<article/000_acaa6c502574b0ff>"
A1 = "<article/001_d27e9fb1fb290d13>"
THANG = "<person/lao-cai/pham-toan-thang>"
KHANH = "<person/lao-cai/hoang-quoc-khanh>"
LAO_CAI = "<place/lao-cai>"
SA_PA = "<place/lao-cai/sa-pa>"
PARTY_COMMITTEE = "<org/lao-cai/party-committee>"
STANDING = "<org/lao-cai/standing-committee>"
GROUP4 = "<org/emulation-group/4>"
MEMBERSHIP = "<membership/5e0b0d7c1a7f4b21>"
CONFERENCE = "<event/000_acaa6c502574b0ff/conference>"
CONFERENCE1 = "<event/001_d27e9fb1fb290d13/conference>"
RESOLUTION = "<document/lao-cai/17-2023-nq-hdnd>"
EVIDENCE = "<evidence/9f3c2a71d04e6b58>"

VIOLATION = SH.Violation
WARNING = SH.Warning


# --- helpers --------------------------------------------------------------------------


def drop(subject: str, prop: str) -> str:
    """SPARQL Update removing every value of ``prop`` on ``subject``."""
    return f"DELETE WHERE {{ {subject} {prop} ?o }}"


def add(triples: str) -> str:
    return f"INSERT DATA {{ {triples} }}"


def replace(subject: str, prop: str, value: str) -> str:
    return f"{drop(subject, prop)} ; {add(f'{subject} {prop} {value}')}"


def iri(node: str) -> URIRef:
    return URIRef(BASE + node.strip("<>"))


@dataclass(frozen=True)
class Result:
    shape: Node
    focus: Node
    component: str
    severity: Node
    message: str


def results(report: Graph) -> list[Result]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append(Result(
            shape=report.value(r, SH.sourceShape),
            focus=report.value(r, SH.focusNode),
            component=str(report.value(r, SH.sourceConstraintComponent))
            .removeprefix(str(SH)).removesuffix("ConstraintComponent"),
            severity=report.value(r, SH.resultSeverity),
            message=str(report.value(r, SH.resultMessage) or ""),
        ))
    return out


def load(name: str) -> Graph:
    return Graph().parse(FIXTURES / f"{name}.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def validate(data: Graph, shapes: Graph, ontology: Graph | None, **kwargs) -> tuple[bool, list]:
    kwargs.setdefault("inference", "none")
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, **kwargs)
    return conforms, results(report)


def describe(found: list[Result]) -> str:
    return "\n".join(f"  {r.shape} @ {r.focus} {r.component} [{r.severity}]: {r.message}"
                     for r in found)


# --- conforming graphs ----------------------------------------------------------------


@pytest.mark.parametrize("name", GOOD_FIXTURES)
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_good_fixture_conforms(name, inference, shapes, ontology):
    conforms, found = validate(load(name), shapes, ontology, inference=inference)
    assert conforms, "unexpected results:\n" + describe(found)
    assert found == []


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_good_fixture_conforms_without_ontology(name, shapes):
    """The fixtures state every contract class explicitly, so they need no ontology."""
    conforms, found = validate(load(name), shapes, None)
    assert conforms, "unexpected results:\n" + describe(found)


# Variants that stay valid: they pin down what a constraint must NOT reject.
ACCEPTED = {
    "doc-number-plain": replace(RESOLUTION, "pg:documentNumber", '"256"'),
    "doc-number-party": replace(RESOLUTION, "pg:documentNumber", '"35-KL/TW"'),
    "doc-number-decision": replace(RESOLUTION, "pg:documentNumber", '"01/2024/QD-UBND"'),
    "doc-number-dotted": replace(RESOLUTION, "pg:documentNumber", '"12.2023/TT-BNV"'),
    "person-diacritics": replace(THANG, "pg:canonicalName", '"Phạm Toàn Thắng"'),
    "person-decomposed": replace(  # NFD: base letters + combining marks
        THANG, "pg:canonicalName", '"Pha\u0323m Toa\u0300n Tha\u0306\u0301ng"'),
    "person-ede-name": replace(THANG, "pg:canonicalName", '"Y Thanh Hà Niê Kđăm"'),
    "person-apostrophe-hyphen": replace(THANG, "pg:canonicalName", "\"H'Hen Nie-Kdam\""),
    "unit-numbered-ward": replace(SA_PA, "pg:canonicalName", '"Phuong 1"'),
    "unit-en-dash": replace(SA_PA, "pg:canonicalName", '"Ba Ria – Vung Tau"'),
    "unit-diacritics": replace(SA_PA, "pg:canonicalName", '"Thành phố Hồ Chí Minh"'),
    "language-ru": replace(A0, "dcterms:language", '"ru"'),
    "membership-two-articles": add(
        f'{MEMBERSHIP} prov:wasDerivedFrom <article/002> . '
        '<article/002> a pg:Article ; pg:sourceId "002.txt" ; dcterms:language "ar" .'),
    "membership-window": replace(MEMBERSHIP, "pg:lastSeen", '"2025-01-31"^^xsd:date'),
    "evidence-from-zero": replace(EVIDENCE, "pg:startOffset", "0"),
    "event-several-chairs": add(f"{CONFERENCE} pg:chairedBy {KHANH}"),
    "org-without-jurisdiction": drop(STANDING, "pg:jurisdiction"),
    "article-without-date-and-place": f"{drop(A0, 'schema:datePublished')} ; "
                                      f"{drop(A0, 'pg:aboutPlace')}",
}


@pytest.mark.parametrize("update", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_variant_conforms(update, shapes, ontology):
    data = load("article_000")
    data.update(SPARQL_PROLOGUE + update)
    conforms, found = validate(data, shapes, ontology)
    assert conforms, "unexpected results:\n" + describe(found)


# --- broken graphs --------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One rule broken: the shapes and focus nodes the report must name, exactly.

    ``component`` is the SHACL constraint component (``sh:sourceConstraintComponent``
    without its ``ConstraintComponent`` suffix) that must fire on the first shape of
    ``expect``; it tells apart constraints of the same property shape.
    """

    id: str
    update: str
    expect: tuple[tuple[str, str], ...]   # (shape local name, focus node)
    component: str
    fixture: str = "article_000"
    severity: URIRef = VIOLATION


def case(id_: str, update: str, shape: str, focus: str, component: str, **kw) -> Case:
    return Case(id_, update, ((shape, focus),), component, **kw)


CASES = [
    # 1. Article
    case("article-no-source-id", drop(A0, "pg:sourceId"), "Article-sourceId", A0, "MinCount"),
    case("article-two-source-ids", add(f'{A0} pg:sourceId "other.txt"'),
         "Article-sourceId", A0, "MaxCount"),
    case("article-source-id-not-string", replace(A0, "pg:sourceId", "42"),
         "Article-sourceId", A0, "Datatype"),
    case("article-source-id-empty", replace(A0, "pg:sourceId", '""'),
         "Article-sourceId", A0, "MinLength"),
    case("article-no-language", drop(A0, "dcterms:language"), "Article-language", A0, "MinCount"),
    case("article-two-languages", add(f'{A0} dcterms:language "vi"'),
         "Article-language", A0, "MaxCount"),
    case("article-language-3-letters", replace(A0, "dcterms:language", '"fra"'),
         "Article-language", A0, "Pattern"),
    case("article-language-upper", replace(A0, "dcterms:language", '"FR"'),
         "Article-language", A0, "Pattern"),
    case("article-language-tagged", replace(A0, "dcterms:language", '"fr"@fr'),
         "Article-language", A0, "Datatype"),
    case("article-language-region", replace(A0, "dcterms:language", '"fr-FR"'),
         "Article-language", A0, "Pattern"),
    case("article-date-not-xsd-date", replace(A0, "schema:datePublished", '"17/07/2024"'),
         "Article-datePublished", A0, "Datatype"),
    case("article-two-dates", add(f'{A0} schema:datePublished "2024-07-18"^^xsd:date'),
         "Article-datePublished", A0, "MaxCount"),
    case("article-about-a-person", replace(A0, "pg:aboutPlace", THANG),
         "Article-aboutPlace", A0, "Class"),
    case("article-about-two-places", add(f"{A0} pg:aboutPlace {SA_PA}"),
         "Article-aboutPlace", A0, "MaxCount"),
    case("article-two-newspaper-codes", add(f'{A0} pg:newspaperCode "LCO", "BLC"'),
         "Article-newspaperCode", A0, "MaxCount"),
    case("article-newspaper-code-not-string", add(f"{A0} pg:newspaperCode 7"),
         "Article-newspaperCode", A0, "Datatype"),
    case("article-two-encodings", add(f'{A0} pg:detectedEncoding "windows-1258"'),
         "Article-detectedEncoding", A0, "MaxCount"),
    case("article-encoding-not-string", replace(A0, "pg:detectedEncoding", "8"),
         "Article-detectedEncoding", A0, "Datatype"),
    # 2. Person
    case("person-no-name", drop(THANG, "pg:canonicalName"),
         "Person-canonicalName", THANG, "MinCount"),
    case("person-two-names", add(f'{THANG} pg:canonicalName "Thang Pham"'),
         "Person-canonicalName", THANG, "MaxCount"),
    case("person-name-cyrillic", replace(THANG, "pg:canonicalName", '"Фам Тоан Тханг"'),
         "Person-canonicalName", THANG, "Pattern"),
    case("person-name-arabic", replace(THANG, "pg:canonicalName", '"فام توان ثانغ"'),
         "Person-canonicalName", THANG, "Pattern"),
    case("person-name-double-space", replace(THANG, "pg:canonicalName", '"Pham  Toan Thang"'),
         "Person-canonicalName", THANG, "Pattern"),
    case("person-name-trailing-space", replace(THANG, "pg:canonicalName", '"Pham Toan Thang "'),
         "Person-canonicalName", THANG, "Pattern"),
    case("person-name-digits", replace(THANG, "pg:canonicalName", '"Pham Toan Thang 2"'),
         "Person-canonicalName", THANG, "Pattern"),
    case("person-name-tagged", replace(THANG, "pg:canonicalName", '"Pham Toan Thang"@fr'),
         "Person-canonicalName", THANG, "Datatype"),
    case("person-not-mentioned", drop(THANG, "pg:mentionedIn"),
         "Person-mentionedIn", THANG, "MinCount"),
    case("person-mentioned-in-a-place", add(f"{THANG} pg:mentionedIn {SA_PA}"),
         "Person-mentionedIn", THANG, "Class"),
    case("person-alt-label-untagged", add(f'{THANG} skos:altLabel "Pham Toan Thang"'),
         "Person-altLabel", THANG, "Datatype"),
    case("person-pref-label-untagged", add(f'{THANG} skos:prefLabel "Phạm Toàn Thắng"'),
         "Person-prefLabel", THANG, "Datatype"),
    case("person-two-vi-pref-labels",
         add(f'{THANG} skos:prefLabel "Phạm Toàn Thắng"@vi, "Phạm Toàn Thăng"@vi'),
         "Person-prefLabel", THANG, "UniqueLang"),
    # 3. Administrative unit
    case("unit-no-name", drop(SA_PA, "pg:canonicalName"), "Unit-canonicalName", SA_PA, "MinCount"),
    case("unit-name-cyrillic", replace(SA_PA, "pg:canonicalName", '"Шапа"'),
         "Unit-canonicalName", SA_PA, "Pattern"),
    case("unit-name-leading-space", replace(SA_PA, "pg:canonicalName", '" Sa Pa"'),
         "Unit-canonicalName", SA_PA, "Pattern"),
    case("unit-name-tagged", replace(SA_PA, "pg:canonicalName", '"Sa Pa"@fr'),
         "Unit-canonicalName", SA_PA, "Datatype"),
    case("unit-two-names", add(f'{SA_PA} pg:canonicalName "Sapa"'),
         "Unit-canonicalName", SA_PA, "MaxCount"),
    case("unit-mentioned-in-a-person", add(f"{SA_PA} pg:mentionedIn {THANG}"),
         "Unit-mentionedIn", SA_PA, "Class"),
    case("unit-code-not-digits", replace(SA_PA, "pg:adminCode", '"SP-088"'),
         "Unit-adminCode", SA_PA, "Pattern"),
    case("unit-code-integer", replace(SA_PA, "pg:adminCode", "88"),
         "Unit-adminCode", SA_PA, "Datatype"),
    case("unit-two-codes", add(f'{SA_PA} pg:adminCode "089"'), "Unit-adminCode", SA_PA, "MaxCount"),
    case("unit-within-an-organization", replace(SA_PA, "pg:withinUnit", PARTY_COMMITTEE),
         "Unit-withinUnit", SA_PA, "Class"),
    case("unit-succeeded-by-an-article", add(f"{SA_PA} pg:succeededBy {A0}"),
         "Unit-succeededBy", SA_PA, "Class"),
    case("unit-alt-label-untagged", add(f'{SA_PA} skos:altLabel "Sapa"'),
         "Unit-altLabel", SA_PA, "Datatype"),
    case("unit-two-levels", add(f"{SA_PA} a pg:Province"),
         "Unit-level", SA_PA, "QualifiedMaxCount"),
    Case("unit-typed-by-subclass-only",   # found through rdfs:subClassOf, and warned
         f"DELETE DATA {{ {SA_PA} a pg:AdministrativeUnit }} ; "
         + replace(SA_PA, "pg:canonicalName", '"Са Па"'),
         (("Unit-canonicalName", SA_PA), ("UnitTyping-type", SA_PA)), component="Pattern"),
    # 4. Organization, party committee, emulation group
    case("org-no-type", drop(STANDING, "pg:orgType"), "Organization-orgType", STANDING, "MinCount"),
    case("org-type-misspelt", replace(STANDING, "pg:orgType", "pgorg:standing-comittee"),
         "Organization-orgType", STANDING, "In"),
    case("org-type-is-a-role", replace(STANDING, "pg:orgType", "pgrole:head"),
         "Organization-orgType", STANDING, "In"),
    case("org-two-types", add(f"{STANDING} pg:orgType pgorg:party-committee"),
         "Organization-orgType", STANDING, "MaxCount"),
    case("org-jurisdiction-a-person", replace(STANDING, "pg:jurisdiction", THANG),
         "Organization-jurisdiction", STANDING, "Class"),
    case("org-two-jurisdictions", add(f"{STANDING} pg:jurisdiction {SA_PA}"),
         "Organization-jurisdiction", STANDING, "MaxCount"),
    case("org-parent-a-place", replace(STANDING, "org:subOrganizationOf", LAO_CAI),
         "Organization-subOrganizationOf", STANDING, "Class"),
    case("org-name-empty", add(f'{STANDING} pg:canonicalName ""'),
         "Organization-canonicalName", STANDING, "MinLength"),
    case("org-name-not-string", add(f"{STANDING} pg:canonicalName 42"),
         "Organization-canonicalName", STANDING, "Datatype"),
    case("org-two-names", add(f'{PARTY_COMMITTEE} pg:canonicalName "Dang bo tinh Lao Cai"'),
         "Organization-canonicalName", PARTY_COMMITTEE, "MaxCount"),
    case("org-mentioned-in-a-place", add(f"{STANDING} pg:mentionedIn {LAO_CAI}"),
         "Organization-mentionedIn", STANDING, "Class"),
    case("party-committee-wrong-type",
         replace(PARTY_COMMITTEE, "pg:orgType", "pgorg:standing-committee"),
         "PartyCommittee-orgType", PARTY_COMMITTEE, "HasValue"),
    case("group-no-number", drop(GROUP4, "pg:groupNumber"), "EmulationGroup-groupNumber",
         GROUP4, "MinCount", fixture="article_001"),
    case("group-number-zero", replace(GROUP4, "pg:groupNumber", "0"),
         "EmulationGroup-groupNumber", GROUP4, "MinInclusive", fixture="article_001"),
    case("group-number-string", replace(GROUP4, "pg:groupNumber", '"4"'),
         "EmulationGroup-groupNumber", GROUP4, "Datatype", fixture="article_001"),
    case("group-number-decimal", replace(GROUP4, "pg:groupNumber", "4.0"),
         "EmulationGroup-groupNumber", GROUP4, "Datatype", fixture="article_001"),
    case("group-two-numbers", add(f"{GROUP4} pg:groupNumber 5"),
         "EmulationGroup-groupNumber", GROUP4, "MaxCount", fixture="article_001"),
    case("group-mentioned-in-a-place", replace(GROUP4, "pg:mentionedIn", "<place/binh-thuan>"),
         "Organization-mentionedIn", GROUP4, "Class", fixture="article_001"),
    case("group-wrong-org-type", replace(GROUP4, "pg:orgType", "pgorg:steering-committee"),
         "EmulationGroup-orgType", GROUP4, "HasValue", fixture="article_001"),
    case("group-not-mentioned", drop(GROUP4, "pg:mentionedIn"),
         "EmulationGroup-mentionedIn", GROUP4, "MinCount", fixture="article_001"),
    # 5. Membership
    case("membership-no-member", drop(MEMBERSHIP, "org:member"),
         "Membership-member", MEMBERSHIP, "MinCount"),
    case("membership-member-an-org", replace(MEMBERSHIP, "org:member", STANDING),
         "Membership-member", MEMBERSHIP, "Class"),
    case("membership-two-members", add(f"{MEMBERSHIP} org:member {KHANH}"),
         "Membership-member", MEMBERSHIP, "MaxCount"),
    case("membership-no-organization", drop(MEMBERSHIP, "org:organization"),
         "Membership-organization", MEMBERSHIP, "MinCount"),
    case("membership-organization-a-person", replace(MEMBERSHIP, "org:organization", KHANH),
         "Membership-organization", MEMBERSHIP, "Class"),
    case("membership-two-organizations", add(f"{MEMBERSHIP} org:organization {PARTY_COMMITTEE}"),
         "Membership-organization", MEMBERSHIP, "MaxCount"),
    case("membership-no-role", drop(MEMBERSHIP, "org:role"),
         "Membership-role", MEMBERSHIP, "MinCount"),
    case("membership-role-unknown", replace(MEMBERSHIP, "org:role", "pgrole:chairman"),
         "Membership-role", MEMBERSHIP, "In"),
    case("membership-role-is-an-org-type", replace(MEMBERSHIP, "org:role", "pgorg:other"),
         "Membership-role", MEMBERSHIP, "In"),
    case("membership-two-roles", add(f"{MEMBERSHIP} org:role pgrole:head"),
         "Membership-role", MEMBERSHIP, "MaxCount"),
    case("membership-no-source", drop(MEMBERSHIP, "prov:wasDerivedFrom"),
         "Membership-derivedFrom", MEMBERSHIP, "MinCount"),
    case("membership-source-a-place", add(f"{MEMBERSHIP} prov:wasDerivedFrom {LAO_CAI}"),
         "Membership-derivedFrom", MEMBERSHIP, "Class"),
    case("membership-seen-backwards", replace(MEMBERSHIP, "pg:firstSeen", '"2024-08-01"^^xsd:date'),
         "Membership-firstSeen", MEMBERSHIP, "LessThanOrEquals"),
    case("membership-first-seen-datetime",
         f"{drop(MEMBERSHIP, 'pg:firstSeen')} ; {drop(MEMBERSHIP, 'pg:lastSeen')} ; "
         + add(f'{MEMBERSHIP} pg:firstSeen "2024-07-17T08:00:00"^^xsd:dateTime'),
         "Membership-firstSeen", MEMBERSHIP, "Datatype"),
    case("membership-two-first-seen", add(f'{MEMBERSHIP} pg:firstSeen "2024-07-16"^^xsd:date'),
         "Membership-firstSeen", MEMBERSHIP, "MaxCount"),
    case("membership-two-last-seen", add(f'{MEMBERSHIP} pg:lastSeen "2024-07-18"^^xsd:date'),
         "Membership-lastSeen", MEMBERSHIP, "MaxCount"),
    case("membership-last-seen-string",
         drop(MEMBERSHIP, "pg:firstSeen") + " ; " + replace(MEMBERSHIP, "pg:lastSeen", '"2024"'),
         "Membership-lastSeen", MEMBERSHIP, "Datatype"),
    # 6. Event
    case("event-two-dates", add(f'{CONFERENCE} schema:startDate "2024-07-17"^^xsd:date, '
                                '"2024-07-18"^^xsd:date'),
         "Event-startDate", CONFERENCE, "MaxCount"),
    case("event-date-string", add(f'{CONFERENCE} schema:startDate "17 juillet 2024"'),
         "Event-startDate", CONFERENCE, "Datatype"),
    case("event-chaired-by-an-org", add(f"{CONFERENCE} pg:chairedBy {STANDING}"),
         "Event-chairedBy", CONFERENCE, "Class"),
    case("event-attended-by-a-name", add(f'{CONFERENCE} pg:attendedBy "Hoang Quoc Khanh"'),
         "Event-attendedBy", CONFERENCE, "Class"),
    case("event-no-source", drop(CONFERENCE, "prov:wasDerivedFrom"),
         "Event-derivedFrom", CONFERENCE, "MinCount"),
    case("event-source-a-person", add(f"{CONFERENCE} prov:wasDerivedFrom {THANG}"),
         "Event-derivedFrom", CONFERENCE, "Class"),
    case("event-two-kinds", add(f"{CONFERENCE} a pg:Meeting"),
         "Event-kind", CONFERENCE, "QualifiedMaxCount"),
    # 7. Legal document
    case("doc-no-type", drop(RESOLUTION, "pg:documentType"),
         "Document-documentType", RESOLUTION, "MinCount"),
    case("doc-type-unknown", replace(RESOLUTION, "pg:documentType", "pgdoc:decree"),
         "Document-documentType", RESOLUTION, "In"),
    case("doc-two-types", add(f"{RESOLUTION} pg:documentType pgdoc:decision"),
         "Document-documentType", RESOLUTION, "MaxCount"),
    case("doc-no-number", drop(RESOLUTION, "pg:documentNumber"),
         "Document-documentNumber", RESOLUTION, "MinCount"),
    case("doc-number-vietnamese-letter",
         replace(RESOLUTION, "pg:documentNumber", '"17/2023/NQ-HĐND"'),
         "Document-documentNumber", RESOLUTION, "Pattern"),
    case("doc-number-spaces", replace(RESOLUTION, "pg:documentNumber", '"17/2023/NQ - HDND"'),
         "Document-documentNumber", RESOLUTION, "Pattern"),
    case("doc-number-lower-case", replace(RESOLUTION, "pg:documentNumber", '"17/2023/nq-hdnd"'),
         "Document-documentNumber", RESOLUTION, "Pattern"),
    case("doc-number-with-no-sign", replace(RESOLUTION, "pg:documentNumber", '"N°17/2023/NQ-HDND"'),
         "Document-documentNumber", RESOLUTION, "Pattern"),
    case("doc-number-dangling-dash", replace(RESOLUTION, "pg:documentNumber", '"17/2023/NQ-"'),
         "Document-documentNumber", RESOLUTION, "Pattern"),
    case("doc-number-integer", replace(RESOLUTION, "pg:documentNumber", "17"),
         "Document-documentNumber", RESOLUTION, "Datatype"),
    case("doc-two-numbers", add(f'{RESOLUTION} pg:documentNumber "18/2023/NQ-HDND"'),
         "Document-documentNumber", RESOLUTION, "MaxCount"),
    case("doc-issued-on-string", replace(RESOLUTION, "pg:issuedOn", '"8 décembre 2023"'),
         "Document-issuedOn", RESOLUTION, "Datatype"),
    case("doc-issued-twice", add(f'{RESOLUTION} pg:issuedOn "2023-12-09"^^xsd:date'),
         "Document-issuedOn", RESOLUTION, "MaxCount"),
    case("doc-issued-by-a-person", replace(RESOLUTION, "pg:issuedBy", THANG),
         "Document-issuedBy", RESOLUTION, "Class"),
    case("doc-mentioned-in-a-person", add(f"{RESOLUTION} pg:mentionedIn {THANG}"),
         "Document-mentionedIn", RESOLUTION, "Class"),
    case("doc-not-mentioned", drop(RESOLUTION, "pg:mentionedIn"),
         "Document-mentionedIn", RESOLUTION, "MinCount"),
    # 8. Evidence
    case("evidence-no-source", drop(EVIDENCE, "prov:wasDerivedFrom"),
         "Evidence-derivedFrom", EVIDENCE, "MinCount"),
    case("evidence-two-sources", add(
        f'{EVIDENCE} prov:wasDerivedFrom <article/002> . '
        '<article/002> a pg:Article ; pg:sourceId "002.txt" ; dcterms:language "ar" .'),
        "Evidence-derivedFrom", EVIDENCE, "MaxCount"),
    case("evidence-source-a-person", replace(EVIDENCE, "prov:wasDerivedFrom", THANG),
         "Evidence-derivedFrom", EVIDENCE, "Class"),
    case("evidence-no-quote", drop(EVIDENCE, "pg:quote"), "Evidence-quote", EVIDENCE, "MinCount"),
    case("evidence-two-quotes", add(f'{EVIDENCE} pg:quote "membre du Comité permanent"'),
         "Evidence-quote", EVIDENCE, "MaxCount"),
    case("evidence-empty-quote", replace(EVIDENCE, "pg:quote", '""'),
         "Evidence-quote", EVIDENCE, "MinLength"),
    case("evidence-quote-tagged", add(f'{EVIDENCE} pg:quote "membre du Comité permanent"@fr'),
         "Evidence-quote", EVIDENCE, "Datatype"),
    case("evidence-no-start", drop(EVIDENCE, "pg:startOffset"),
         "Evidence-startOffset", EVIDENCE, "MinCount"),
    case("evidence-two-starts", add(f"{EVIDENCE} pg:startOffset 176"),
         "Evidence-startOffset", EVIDENCE, "MaxCount"),
    case("evidence-negative-start", replace(EVIDENCE, "pg:startOffset", "-1"),
         "Evidence-startOffset", EVIDENCE, "MinInclusive"),
    case("evidence-start-after-end", replace(EVIDENCE, "pg:startOffset", "400"),
         "Evidence-startOffset", EVIDENCE, "LessThan"),
    case("evidence-empty-span", replace(EVIDENCE, "pg:startOffset", "353"),
         "Evidence-startOffset", EVIDENCE, "LessThan"),
    case("evidence-start-string", replace(EVIDENCE, "pg:startOffset", '"175"'),
         "Evidence-startOffset", EVIDENCE, "Datatype"),
    case("evidence-no-end", drop(EVIDENCE, "pg:endOffset"),
         "Evidence-endOffset", EVIDENCE, "MinCount"),
    Case("evidence-negative-end", replace(EVIDENCE, "pg:endOffset", "-5"),
         (("Evidence-endOffset", EVIDENCE), ("Evidence-startOffset", EVIDENCE)),
         component="MinInclusive"),
    case("evidence-end-decimal", replace(EVIDENCE, "pg:endOffset", "353.0"),
         "Evidence-endOffset", EVIDENCE, "Datatype"),
    case("evidence-two-ends", add(f"{EVIDENCE} pg:endOffset 400"),
         "Evidence-endOffset", EVIDENCE, "MaxCount"),
    case("evidence-property-a-literal", replace(EVIDENCE, "pg:assertedProperty", '"org:role"'),
         "Evidence-assertedProperty", EVIDENCE, "NodeKind"),
    case("evidence-two-properties", add(f"{EVIDENCE} pg:assertedProperty pg:chairedBy"),
         "Evidence-assertedProperty", EVIDENCE, "MaxCount"),
    case("evidence-two-values", add(f"{EVIDENCE} pg:assertedValue pgrole:head"),
         "Evidence-assertedValue", EVIDENCE, "MaxCount"),
    # 9. Domain shapes: a contract property on a node without the right class
    case("untyped-article", add('<article/ghost> pg:sourceId "ghost.txt"'),
         "ArticleDomainShape", "<article/ghost>", "Class"),
    case("name-on-an-event", add(f'{CONFERENCE} pg:canonicalName "Hoi nghi"'),
         "NamedEntityDomainShape", CONFERENCE, "Or"),
    case("mention-of-a-membership", add(f"{MEMBERSHIP} pg:mentionedIn {A0}"),
         "MentionedEntityDomainShape", MEMBERSHIP, "Or"),
    case("admin-code-on-a-person", add(f'{THANG} pg:adminCode "10"'),
         "UnitDomainShape", THANG, "Class"),
    case("org-type-on-a-membership", add(f"{MEMBERSHIP} pg:orgType pgorg:other"),
         "OrganizationDomainShape", MEMBERSHIP, "Class"),
    case("group-number-on-a-party-committee", add(f"{PARTY_COMMITTEE} pg:groupNumber 4"),
         "EmulationGroupDomainShape", PARTY_COMMITTEE, "Class"),
    case("untyped-membership", f"DELETE DATA {{ {MEMBERSHIP} a org:Membership }}",
         "MembershipDomainShape", MEMBERSHIP, "Class"),
    case("chair-on-an-article", add(f"{A0} pg:chairedBy {THANG}"), "EventDomainShape", A0, "Class"),
    case("document-number-on-an-org", add(f'{STANDING} pg:documentNumber "24"'),
         "LegalDocumentDomainShape", STANDING, "Class"),
    case("quote-on-a-membership", add(f'{MEMBERSHIP} pg:quote "membre du Comité permanent"'),
         "EvidenceDomainShape", MEMBERSHIP, "Class"),
    case("evidence-link-to-an-article", add(f"{MEMBERSHIP} pg:evidence {A0}"),
         "EvidenceLinkShape", A0, "Class"),
    # 10. Typing shapes: the contract class must be explicit (warnings)
    case("unit-without-explicit-class", f"DELETE DATA {{ {SA_PA} a pg:AdministrativeUnit }}",
         "UnitTyping-type", SA_PA, "HasValue", severity=WARNING),
    case("event-without-explicit-class", f"DELETE DATA {{ {CONFERENCE} a pg:Event }}",
         "EventTyping-type", CONFERENCE, "HasValue", severity=WARNING),
    case("org-without-explicit-class", f"DELETE DATA {{ {PARTY_COMMITTEE} a org:Organization }}",
         "OrganizationTyping-type", PARTY_COMMITTEE, "HasValue", severity=WARNING),
    case("group-without-explicit-class", f"DELETE DATA {{ {GROUP4} a org:Organization }}",
         "OrganizationTyping-type", GROUP4, "HasValue", fixture="article_001", severity=WARNING),
]


@pytest.mark.parametrize("bad", CASES, ids=[c.id for c in CASES])
def test_broken_graph_is_reported(bad: Case, shapes, ontology):
    data = load(bad.fixture)
    before = set(data)
    data.update(SPARQL_PROLOGUE + bad.update)
    assert set(data) != before, "the update changed nothing: fix the case"

    conforms, found = validate(data, shapes, ontology)

    assert not conforms
    got = {(r.shape, r.focus) for r in found}
    want = {(PGSH[shape], iri(focus)) for shape, focus in bad.expect}
    assert got == want, "results:\n" + describe(found)
    for r in found:
        assert r.message, f"{r.shape} gave no message"
    primary = [r for r in found if r.shape == PGSH[bad.expect[0][0]]]
    assert bad.component in {r.component for r in primary}, "results:\n" + describe(found)
    assert {r.severity for r in primary} == {bad.severity}


def test_warnings_alone_can_be_allowed(shapes, ontology):
    """allow_warnings=True lets a graph that only lacks explicit supertypes conform."""
    data = load("article_000")
    data.update(SPARQL_PROLOGUE + f"DELETE DATA {{ {SA_PA} a pg:AdministrativeUnit }}")
    conforms, found = validate(data, shapes, ontology, allow_warnings=True)
    assert conforms
    assert {r.severity for r in found} == {WARNING}


def test_subclass_values_need_the_ontology(shapes, ontology):
    """sh:class follows rdfs:subClassOf only when the ontology is mixed in (ont_graph).

    A place typed pg:Province only is a pg:AdministrativeUnit for the validator when
    the ontology is given, and an unknown kind of node when it is not.
    """
    data = load("article_000")
    data.update(SPARQL_PROLOGUE + f"DELETE DATA {{ {LAO_CAI} a pg:AdministrativeUnit }}")

    _, with_ontology = validate(data, shapes, ontology)
    assert {(r.shape, r.severity) for r in with_ontology} == {(PGSH["UnitTyping-type"], WARNING)}

    _, without = validate(data, shapes, None)
    assert PGSH["Article-aboutPlace"] in {r.shape for r in without}


# --- the shapes file itself -----------------------------------------------------------

CONSTRAINT_PARAMETERS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minInclusive,
    SH.minLength, SH.pattern, SH["in"], SH.hasValue, SH.lessThan, SH.lessThanOrEquals,
    SH.uniqueLang, SH["or"], SH.qualifiedValueShape,
}


def constraint_shapes(shapes: Graph) -> set[Node]:
    """Named shapes that carry a constraint of their own (they appear as sh:sourceShape)."""
    return {s for s, p, _ in shapes if p in CONSTRAINT_PARAMETERS and isinstance(s, URIRef)}


def test_every_constraint_has_a_broken_case(shapes):
    tested = {PGSH[shape] for c in CASES for shape, _ in c.expect}
    untested = constraint_shapes(shapes) - tested
    assert not untested, f"shapes with no broken case: {sorted(untested)}"


def test_every_shape_has_a_name_and_a_message(shapes):
    for shape in constraint_shapes(shapes):
        assert shapes.value(shape, SH.message), f"{shape} has no sh:message"
        assert shapes.value(shape, SH.name), f"{shape} has no sh:name"
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, SH.name), f"{shape} has no sh:name"


def targets(shape: Node, shapes: Graph, data: Graph) -> set[Node]:
    """Focus nodes of a node shape in data (which holds the ontology's subclass axioms)."""
    found: set[Node] = set()
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            found |= set(data.subjects(RDF.type, sub))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        found |= set(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        found |= set(data.objects(None, prop))
    return found


def test_conforming_fixtures_exercise_every_node_shape(shapes, ontology):
    data = ontology + load("article_000") + load("article_001")
    idle = [s for s in shapes.subjects(RDF.type, SH.NodeShape) if not targets(s, shapes, data)]
    assert not idle, f"node shapes with no focus node in the good fixtures: {idle}"


@pytest.mark.parametrize(("shape", "namespace", "terms"), [
    ("Organization-orgType", PGORG, ORG_TYPES),
    ("Membership-role", PGROLE, ROLES),
    ("Document-documentType", PGDOC, DOC_TYPES),
])
def test_value_lists_match_the_vocabularies(shape, namespace, terms, shapes):
    """The sh:in lists hold exactly the builder's ROLES / ORG_TYPES / DOC_TYPES (generated
    from the ontology, sorted; the order of an sh:in list means nothing), each once."""
    head = shapes.value(PGSH[shape], SH["in"])
    assert isinstance(head, BNode | URIRef)
    listed = list(Collection(shapes, head))
    assert len(set(listed)) == len(listed)
    assert sorted(listed) == sorted(namespace[t] for t in terms)


# --- the build's validator ------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "update"),
                         [(c.fixture, c.update) for c in CASES]
                         + [("article_000", u) for u in ACCEPTED.values()],
                         ids=[c.id for c in CASES] + list(ACCEPTED))
def test_the_build_validator_agrees_with_pyshacl(fixture: str, update: str) -> None:
    """partygraph.shacl (what the build runs) reports exactly what pySHACL reports."""
    from partygraph.shacl import Shapes
    from partygraph.validate import pyshacl_reference, reference_rows, result_rows, triples_of

    data = load(fixture)
    data.update(SPARQL_PROLOGUE + update)
    conforms, report = pyshacl_reference(data)
    ours = Shapes.load().check(triples_of(data))
    assert (ours.conforms, result_rows(ours.results)) == (conforms, reference_rows(report))
