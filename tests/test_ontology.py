"""The ontology (``ontology/*.ttl``) declares every term the builder and the contract use.

- every term of ``partygraph.namespaces.PG`` is declared in ``partygraph.ttl`` with a type,
  labels in en/fr/vi, a comment, and domain/range where it has one -- and the ontology
  declares no pg: term the builder does not know;
- every member of ROLES / ORG_TYPES / DOC_TYPES is a skos:Concept of its scheme, with
  prefLabels in vi, en, fr, ru, ar (es, de, zh too) and an English definition;
- every term the graph contract names is declared, with the contract's alignments.

The contract's terms are copied below as data: the tests must not read ``../shared``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from partygraph.namespaces import DOC_TYPES, ORG, ORG_TYPES, PG, PGDOC, PGORG, PGROLE, ROLES, SDO

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
FILES = ("partygraph.ttl", "roles.ttl", "orgtypes.ttl", "doctypes.ttl")

PG_NS = Namespace(str(PG._NS))
ONTOLOGY_IRI = URIRef("https://w3id.org/partygraph/ontology")
PG_TERMS = tuple(PG.__annotations__)

REQUIRED_LABEL_LANGS = ("vi", "en", "fr", "ru", "ar")
EXTRA_LABEL_LANGS = ("es", "de", "zh")
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
              RDF.Property}

# --- the graph contract, as data (CONTRACT.md, "Patterns" and "Controlled vocabularies")

CONTRACT_CLASSES = (
    PG.Article, SDO.NewsArticle, PROV.Entity, PG.Person, FOAF.Person, SDO.Person,
    PG.AdministrativeUnit, PG.Province, PG.District, PG.Commune, PG.Country,
    ORG.Organization, PG.PartyCommittee, PG.EmulationGroup, ORG.Membership,
    PG.Event, PG.Conference, PG.Meeting, PG.Congress, PG.LegalDocument,
)
CONTRACT_PROPERTIES = (
    PG.sourceId, DCTERMS.language, SDO.datePublished, PG.aboutPlace,
    PG.canonicalName, PG.mentionedIn, SKOS.altLabel,
    PG.orgType, PG.jurisdiction, ORG.subOrganizationOf,
    ORG.member, ORG.organization, ORG.role, PROV.wasDerivedFrom,
    SDO.startDate, PG.chairedBy, PG.attendedBy,
    PG.documentType, PG.documentNumber, PG.issuedOn, PG.issuedBy,
    PG.groupNumber,
)
CONTRACT_SUBCLASSES = (
    (PG.Article, SDO.NewsArticle), (PG.Article, PROV.Entity),
    (PG.Person, FOAF.Person), (PG.Person, SDO.Person),
    (PG.Province, PG.AdministrativeUnit), (PG.District, PG.AdministrativeUnit),
    (PG.Commune, PG.AdministrativeUnit), (PG.Country, PG.AdministrativeUnit),
    (PG.PartyCommittee, ORG.Organization), (PG.EmulationGroup, ORG.Organization),
    (PG.Conference, PG.Event), (PG.Meeting, PG.Event), (PG.Congress, PG.Event),
)
CONTRACT_ROLES = (
    "general-secretary", "secretary", "deputy-secretary", "standing-deputy-secretary",
    "member", "alternate-member", "standing-member", "head", "deputy-head",
    "standing-deputy-head", "chair", "vice-chair", "standing-vice-chair", "director",
    "deputy-director", "minister", "deputy-minister", "other",
)
CONTRACT_ORG_TYPES = (
    "party-central-committee", "politburo", "secretariat", "central-commission",
    "central-organization-commission", "party-committee", "standing-committee",
    "organization-commission", "propaganda-commission", "inspection-commission",
    "mass-mobilization-commission", "internal-affairs-commission", "peoples-council",
    "peoples-committee", "fatherland-front", "steering-committee", "emulation-group",
    "national-assembly-delegation", "national-assembly", "government", "ministry",
    "department", "trade-union", "youth-union", "womens-union", "veterans-association",
    "farmers-association", "party-cell", "grassroots-party-organization",
    "political-academy", "enterprise", "other",
)
CONTRACT_DOC_TYPES = (
    "resolution", "conclusion", "directive", "regulation", "decision", "plan", "project",
    "programme", "notice", "report", "law", "other",
)

SCHEMES = (   # (file, namespace = scheme IRI, builder list, contract list)
    ("roles.ttl", PGROLE, ROLES, CONTRACT_ROLES),
    ("orgtypes.ttl", PGORG, ORG_TYPES, CONTRACT_ORG_TYPES),
    ("doctypes.ttl", PGDOC, DOC_TYPES, CONTRACT_DOC_TYPES),
)
SCHEME_IDS = [s[0] for s in SCHEMES]


# --- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "partygraph.ttl", format="turtle")


@pytest.fixture(scope="module")
def everything() -> Graph:
    g = Graph()
    for name in FILES:
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g


def langs(g: Graph, subject: URIRef, prop: URIRef) -> list[str]:
    return [o.language for o in g.objects(subject, prop) if isinstance(o, Literal)]


def label(g: Graph, subject: URIRef, prop: URIRef, lang: str) -> str | None:
    for o in g.objects(subject, prop):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return None


# --- files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_parses(name):
    g = Graph().parse(ONTOLOGY_DIR / name, format="turtle")
    assert len(g) > 100


@pytest.mark.parametrize("name", FILES)
def test_literals_are_nfc(name):
    """Vietnamese labels use precomposed letters, so string comparison and search work."""
    g = Graph().parse(ONTOLOGY_DIR / name, format="turtle")
    bad = [str(o) for o in g.objects() if isinstance(o, Literal)
           and unicodedata.normalize("NFC", str(o)) != str(o)]
    assert not bad


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for prop in (OWL.versionInfo, OWL.versionIRI, DCTERMS.license):
        assert onto.value(ONTOLOGY_IRI, prop) is not None, prop
    for prop in (DCTERMS.title, DCTERMS.description):
        assert "en" in langs(onto, ONTOLOGY_IRI, prop), prop


# --- pg: terms (partygraph.namespaces.PG) --------------------------------------------------


@pytest.mark.parametrize("name", PG_TERMS)
def test_pg_term_is_declared(name, onto):
    term = PG_NS[name]
    types = set(onto.objects(term, RDF.type))
    if name[0].isupper():
        assert OWL.Class in types, f"pg:{name} is not an owl:Class"
    else:
        assert types & (TERM_TYPES - {OWL.Class}), f"pg:{name} is not typed as a property"
    for lang in ("en", "fr", "vi"):
        assert label(onto, term, RDFS.label, lang), f"pg:{name} has no rdfs:label@{lang}"
    assert label(onto, term, RDFS.comment, "en"), f"pg:{name} has no English rdfs:comment"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in onto


def test_ontology_declares_no_term_unknown_to_the_builder(onto):
    declared = {str(s)[len(str(PG_NS)):] for s in onto.subjects(RDF.type, None)
                if isinstance(s, URIRef) and str(s).startswith(str(PG_NS))}
    assert declared - set(PG_TERMS) == set()


NO_DOMAIN = {"evidence"}       # any fact node may carry evidence
NO_RANGE = {"assertedValue"}   # an IRI or a literal


@pytest.mark.parametrize("name", [n for n in PG_TERMS if n[0].islower()])
def test_pg_property_has_domain_and_range(name, onto):
    term = PG_NS[name]
    if name not in NO_DOMAIN:
        assert onto.value(term, RDFS.domain) is not None, f"pg:{name} has no rdfs:domain"
    if name not in NO_RANGE:
        assert onto.value(term, RDFS.range) is not None, f"pg:{name} has no rdfs:range"


ALIGNMENTS = (   # (subject, predicate, object) stated in partygraph.ttl
    (PG.AdministrativeUnit, RDFS.subClassOf, SDO.AdministrativeArea),
    (PG.City, RDFS.subClassOf, PG.AdministrativeUnit),
    (PG.PartyCommittee, RDFS.subClassOf, ORG.FormalOrganization),
    (PG.Event, RDFS.subClassOf, SDO.Event),
    (PG.LegalDocument, RDFS.subClassOf, SDO.CreativeWork),
    (PG.Evidence, RDFS.subClassOf, PROV.Entity),
    (PG.withinUnit, RDFS.subPropertyOf, SDO.containedInPlace),
    (PG.jurisdiction, RDFS.subPropertyOf, SDO.areaServed),
    (PG.aboutPlace, RDFS.subPropertyOf, SDO.contentLocation),
    (PG.orgType, RDFS.subPropertyOf, ORG.classification),
    (PG.attendedBy, RDFS.subPropertyOf, SDO.attendee),
    (PG.mentionedIn, OWL.inverseOf, SDO.mentions),
    (PG.firstSeen, RDFS.range, Namespace("http://www.w3.org/2001/XMLSchema#").date),
)


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: str(t[0]).split("#")[-1])
def test_alignment(triple, onto):
    assert triple in onto


def test_events_are_not_prov_activities(onto):
    """Event nodes carry prov:wasDerivedFrom (domain prov:Entity); PROV makes
    prov:Activity and prov:Entity disjoint, so pg:Event must not be an Activity."""
    assert (PG.Event, RDFS.subClassOf, PROV.Activity) not in onto
    assert PROV.Activity not in set(onto.transitive_objects(PG.Event, RDFS.subClassOf))


def test_chairs_are_not_implied_attendees(onto):
    """The contract scores attendees apart from chairs: no sub-property link."""
    assert (PG.chairedBy, RDFS.subPropertyOf, PG.attendedBy) not in onto


# --- the graph contract -----------------------------------------------------------------


@pytest.mark.parametrize("term", CONTRACT_CLASSES + CONTRACT_PROPERTIES,
                         ids=lambda t: str(t).rsplit("/", 1)[-1])
def test_contract_term_is_declared(term, onto):
    types = set(onto.objects(term, RDF.type))
    assert types & TERM_TYPES, f"{term} is not declared in partygraph.ttl"
    assert label(onto, term, RDFS.label, "en"), f"{term} has no English label"


@pytest.mark.parametrize("pair", CONTRACT_SUBCLASSES,
                         ids=lambda p: f"{str(p[0]).split('#')[-1]}-{str(p[1]).rsplit('/', 1)[-1]}")
def test_contract_subclass(pair, onto):
    sub, sup = pair
    assert sup in set(onto.transitive_objects(sub, RDFS.subClassOf))


def test_contract_pg_terms_are_known_to_the_builder():
    contract_pg = {t for t in CONTRACT_CLASSES + CONTRACT_PROPERTIES if t.startswith(PG_NS)}
    assert {str(t)[len(str(PG_NS)):] for t in contract_pg} <= set(PG_TERMS)


@pytest.mark.parametrize(("name", "ns", "builder_terms", "contract_terms"), SCHEMES,
                         ids=SCHEME_IDS)
def test_builder_vocabulary_is_the_contract(name, ns, builder_terms, contract_terms):
    # the generated lists are sorted ("other" last); the contract's order is not a term
    assert sorted(builder_terms) == sorted(contract_terms)
    assert len(set(builder_terms)) == len(builder_terms)


# --- SKOS concept schemes ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "ns", "terms", "_contract"), SCHEMES, ids=SCHEME_IDS)
def test_scheme_has_exactly_the_vocabulary(name, ns, terms, _contract):
    g = Graph().parse(ONTOLOGY_DIR / name, format="turtle")
    scheme = URIRef(str(ns))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert label(g, scheme, SKOS.prefLabel, "en")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts == {ns[t] for t in terms}


CONCEPTS = [(name, ns, t) for name, ns, terms, _ in SCHEMES for t in terms]


@pytest.mark.parametrize(("name", "ns", "term"), CONCEPTS,
                         ids=[f"{n.split('.')[0]}:{t}" for n, _, t in CONCEPTS])
def test_concept(name, ns, term, everything):
    g = everything
    concept, scheme = ns[term], URIRef(str(ns))
    assert (concept, RDF.type, SKOS.Concept) in g
    assert (concept, SKOS.inScheme, scheme) in g
    assert str(g.value(concept, SKOS.notation)) == term
    pref = langs(g, concept, SKOS.prefLabel)
    for lang in REQUIRED_LABEL_LANGS + EXTRA_LABEL_LANGS:
        assert pref.count(lang) == 1, f"{term}: {pref.count(lang)} prefLabel@{lang}"
    assert label(g, concept, SKOS.definition, "en"), f"{term} has no English definition"
    for broader in g.objects(concept, SKOS.broader):
        assert (broader, SKOS.inScheme, scheme) in g
    top = (concept, SKOS.topConceptOf, scheme) in g
    assert top == ((scheme, SKOS.hasTopConcept, concept) in g)
    assert top == (g.value(concept, SKOS.broader) is None)


@pytest.mark.parametrize(("name", "ns", "terms", "_contract"), SCHEMES, ids=SCHEME_IDS)
def test_pref_labels_are_unambiguous(name, ns, terms, _contract, everything):
    """No two concepts of a scheme share a prefLabel in one language."""
    seen: dict[tuple[str, str | None], str] = {}
    for t in terms:
        for lbl in everything.objects(ns[t], SKOS.prefLabel):
            key = (str(lbl).casefold(), lbl.language)
            assert key not in seen, f"{t} and {seen[key]} share {lbl!r}"
            seen[key] = t


def test_roles_are_org_roles(everything):
    for t in ROLES:
        assert (PGROLE[t], RDF.type, ORG.Role) in everything


BROADER = (
    (PGROLE["general-secretary"], PGROLE.secretary),
    (PGROLE["standing-deputy-secretary"], PGROLE["deputy-secretary"]),
    (PGROLE["standing-member"], PGROLE.member),
    (PGROLE["standing-deputy-head"], PGROLE["deputy-head"]),
    (PGROLE["standing-vice-chair"], PGROLE["vice-chair"]),
)


@pytest.mark.parametrize("pair", BROADER, ids=lambda p: str(p[0]).rsplit("/", 1)[-1])
def test_role_hierarchy(pair, everything):
    assert (pair[0], SKOS.broader, pair[1]) in everything


VIETNAMESE = (   # spot checks of the Vietnamese labels, diacritics included
    (PGROLE["standing-deputy-secretary"], "Phó Bí thư Thường trực"),
    (PGROLE["general-secretary"], "Tổng Bí thư"),
    (PGROLE["vice-chair"], "Phó Chủ tịch"),
    (PGORG["organization-commission"], "Ban Tổ chức"),
    (PGORG["peoples-council"], "Hội đồng nhân dân"),
    (PGORG["peoples-committee"], "Ủy ban nhân dân"),
    (PGORG["fatherland-front"], "Mặt trận Tổ quốc Việt Nam"),
    (PGORG["emulation-group"], "Khối thi đua"),
    (PGDOC.resolution, "Nghị quyết"),
)


@pytest.mark.parametrize(("concept", "expected"), VIETNAMESE,
                         ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_vietnamese_label(concept, expected, everything):
    assert label(everything, concept, SKOS.prefLabel, "vi") == expected


def test_the_generated_vocabulary_is_current() -> None:
    """builder/vocabulary.py is what tools/gen_vocabulary.py makes of ontology/ now: a
    concept or term added to the ontology without regenerating fails here."""
    import importlib.util

    tool = ROOT / "tools" / "gen_vocabulary.py"
    spec = importlib.util.spec_from_file_location("gen_vocabulary", tool)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (ROOT / "builder" / "vocabulary.py").read_text(encoding="utf-8")
    assert gen.render(ROOT / "ontology") == current, "run: python tools/gen_vocabulary.py"


def test_pg_namespace_lists_exactly_the_generated_terms() -> None:
    from partygraph import vocabulary

    assert set(PG.__annotations__) == set(vocabulary.PG_CLASSES) | set(vocabulary.PG_PROPERTIES)


def test_a_misspelt_concept_raises() -> None:
    assert str(PGROLE["deputy-secretary"]).endswith("/role/deputy-secretary")
    with pytest.raises(AttributeError):
        PGROLE["deputy-secretray"]
