"""The ontology's terms and concept schemes as plain strings (no rdflib import).

Generated from ontology/ by tools/gen_vocabulary.py: do not edit; tests check it is
current. The query path reads these without importing rdflib (CLI start-up);
:mod:`partygraph.namespaces` wraps them in rdflib namespaces for the build.
"""

from __future__ import annotations

PG_NS = "https://w3id.org/partygraph/ontology#"
PGROLE_NS = "https://w3id.org/partygraph/role/"
PGORG_NS = "https://w3id.org/partygraph/orgtype/"
PGDOC_NS = "https://w3id.org/partygraph/doctype/"

# classes of the pg: ontology
PG_CLASSES = (
    "AdministrativeUnit", "Article", "City", "Commune", "Conference", "Congress", "Country",
    "District", "EmulationGroup", "Event", "Evidence", "LegalDocument", "Meeting",
    "PartyCommittee", "Person", "Province",
)

# properties of the pg: ontology
PG_PROPERTIES = (
    "aboutPlace", "adminCode", "assertedProperty", "assertedValue", "attendedBy",
    "canonicalName", "chairedBy", "detectedEncoding", "documentNumber", "documentType",
    "endOffset", "evidence", "firstSeen", "groupNumber", "issuedBy", "issuedOn",
    "jurisdiction", "lastSeen", "mentionedIn", "newspaperCode", "orgType", "quote",
    "reportsEvent", "sourceId", "startOffset", "succeededBy", "withinUnit",
)

# posts (org:role values): https://w3id.org/partygraph/role/
ROLES = (
    "alternate-member", "chair", "deputy-director", "deputy-head", "deputy-minister",
    "deputy-secretary", "director", "general-secretary", "head", "member", "minister",
    "secretary", "standing-deputy-head", "standing-deputy-secretary", "standing-member",
    "standing-vice-chair", "vice-chair", "other",
)

# organization types: https://w3id.org/partygraph/orgtype/
ORG_TYPES = (
    "central-commission", "central-organization-commission", "department", "emulation-group",
    "enterprise", "farmers-association", "fatherland-front", "government",
    "grassroots-party-organization", "inspection-commission", "internal-affairs-commission",
    "mass-mobilization-commission", "ministry", "national-assembly",
    "national-assembly-delegation", "organization-commission", "party-cell",
    "party-central-committee", "party-committee", "peoples-committee", "peoples-council",
    "politburo", "political-academy", "propaganda-commission", "secretariat",
    "standing-committee", "steering-committee", "trade-union", "veterans-association",
    "womens-union", "youth-union", "other",
)

# document types: https://w3id.org/partygraph/doctype/
DOC_TYPES = (
    "conclusion", "decision", "directive", "law", "notice", "plan", "programme", "project",
    "regulation", "report", "resolution", "other",
)
