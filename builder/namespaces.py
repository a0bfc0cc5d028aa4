"""The vocabularies partygraph writes, as rdflib namespaces that fail loudly.

``PG`` is a :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises
``AttributeError`` instead of minting a wrong IRI. ``tests/test_ontology.py`` checks
that every term listed here is declared in ``ontology/partygraph.ttl``.
The three concept schemes (roles, organization types, document types) are plain
``Namespace`` objects whose members are checked against the SKOS schemes in the
ontology by the same test.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
PGROLE = Namespace("https://w3id.org/partygraph/role/")
PGORG = Namespace("https://w3id.org/partygraph/orgtype/")
PGDOC = Namespace("https://w3id.org/partygraph/doctype/")
DEFAULT_BASE = "https://w3id.org/partygraph/id/"


class PG(DefinedNamespace):
    """partygraph ontology terms (``ontology/partygraph.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/partygraph/ontology#")

    # classes
    Article: URIRef
    Person: URIRef
    AdministrativeUnit: URIRef
    Country: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Commune: URIRef
    PartyCommittee: URIRef
    EmulationGroup: URIRef
    Event: URIRef
    Conference: URIRef
    Meeting: URIRef
    Congress: URIRef
    LegalDocument: URIRef
    Evidence: URIRef

    # article
    sourceId: URIRef
    aboutPlace: URIRef
    newspaperCode: URIRef
    detectedEncoding: URIRef
    reportsEvent: URIRef

    # shared by entities
    canonicalName: URIRef
    mentionedIn: URIRef

    # administrative units
    adminCode: URIRef
    withinUnit: URIRef
    succeededBy: URIRef

    # organizations
    orgType: URIRef
    jurisdiction: URIRef
    groupNumber: URIRef

    # memberships (W3C ORG) seen over time
    firstSeen: URIRef
    lastSeen: URIRef

    # events
    chairedBy: URIRef
    attendedBy: URIRef

    # documents
    documentType: URIRef
    documentNumber: URIRef
    issuedOn: URIRef
    issuedBy: URIRef

    # evidence
    evidence: URIRef
    assertedProperty: URIRef
    assertedValue: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef


ROLES = (
    "general-secretary", "secretary", "deputy-secretary", "standing-deputy-secretary",
    "member", "alternate-member", "standing-member", "head", "deputy-head",
    "standing-deputy-head", "chair", "vice-chair", "standing-vice-chair", "director",
    "deputy-director", "minister", "deputy-minister", "other",
)
ORG_TYPES = (
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
DOC_TYPES = (
    "resolution", "conclusion", "directive", "regulation", "decision", "plan", "project",
    "programme", "notice", "report", "law", "other",
)

# The prefixes every output binds. rdflib's DefinedNamespace vocabularies are classes;
# their ``_NS`` is the Namespace itself, so every value here is a Namespace (a str).
PREFIXES: dict[str, Namespace] = {
    "pg": PG._NS,
    "pgrole": PGROLE,
    "pgorg": PGORG,
    "pgdoc": PGDOC,
    "org": ORG,
    "prov": PROV._NS,
    "schema": SDO,
    "dcterms": DCTERMS._NS,
    "skos": SKOS._NS,
    "rdfs": RDFS._NS,
    "rdf": RDF._NS,
    "xsd": XSD._NS,
    "owl": OWL._NS,
    "foaf": FOAF._NS,
}

__all__ = [
    "DCTERMS", "DEFAULT_BASE", "DOC_TYPES", "FOAF", "ORG", "ORG_TYPES", "OWL", "PG", "PGDOC",
    "PGORG", "PGROLE", "PREFIXES", "PROV", "RDF", "RDFS", "ROLES", "SDO", "SH", "SKOS", "XSD",
]
