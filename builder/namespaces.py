"""The vocabularies partygraph writes, as rdflib namespaces that fail loudly.

``PG`` is a :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises
``AttributeError`` instead of minting a wrong IRI. ``tests/test_ontology.py`` checks
that every term listed here is declared in ``ontology/partygraph.ttl``.
The three concept schemes (roles, organization types, document types) are
``DefinedNamespace`` classes whose members are :mod:`partygraph.vocabulary`'s lists,
generated from the SKOS schemes in ``ontology/`` (one source; a test checks it is current).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

from partygraph import vocabulary
from partygraph.iris import DEFAULT_BASE
from partygraph.vocabulary import DOC_TYPES, ORG_TYPES, ROLES

ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")


# The concept classes list their members in ``_extras``, not as annotations: the local
# names hold hyphens, and an annotation is what DefinedNamespace takes for a term.
class PGROLE(DefinedNamespace):
    """The posts a person holds (``ontology/roles.ttl``), by local name: ``PGROLE["secretary"]``."""

    _fail = True
    _NS = Namespace(vocabulary.PGROLE_NS)
    _extras = list(vocabulary.ROLES)  # noqa: RUF012


class PGORG(DefinedNamespace):
    """The organization types (``ontology/orgtypes.ttl``)."""

    _fail = True
    _NS = Namespace(vocabulary.PGORG_NS)
    _extras = list(vocabulary.ORG_TYPES)  # noqa: RUF012


class PGDOC(DefinedNamespace):
    """The document types (``ontology/doctypes.ttl``)."""

    _fail = True
    _NS = Namespace(vocabulary.PGDOC_NS)
    _extras = list(vocabulary.DOC_TYPES)  # noqa: RUF012


class PG(DefinedNamespace):
    """partygraph ontology terms (``ontology/partygraph.ttl``)."""

    _fail = True
    _NS = Namespace(vocabulary.PG_NS)

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


# The prefixes every output binds. rdflib's DefinedNamespace vocabularies are classes;
# their ``_NS`` is the Namespace itself, so every value here is a Namespace (a str).
PREFIXES: dict[str, Namespace] = {
    "pg": PG._NS,
    "pgrole": PGROLE._NS,
    "pgorg": PGORG._NS,
    "pgdoc": PGDOC._NS,
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
