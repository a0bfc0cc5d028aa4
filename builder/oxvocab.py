"""The vocabulary partygraph writes, as pyoxigraph terms made once.

The build and the cross-article steps write pyoxigraph terms straight to the store;
making each term from an rdflib ``DefinedNamespace`` attribute on every use costs more
than the rest of building an article's triples. ``NS_name`` is ``NS.name``.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import URIRef

from partygraph.namespaces import DCTERMS, ORG, PG, PROV, RDF, RDFS, SDO, SKOS, XSD


@cache
def iri(term: str) -> ox.NamedNode:
    """The vocabulary term of IRI ``term``, made once. For the vocabulary only (a bounded
    set): an instance IRI made here would stay in the cache for the life of the process,
    and a build of 100,000 articles makes millions (the parent's memory grew by about
    2 kB an article when triples.py minted its nodes here)."""
    return ox.NamedNode(term)


def term(term: URIRef) -> ox.NamedNode:
    return iri(str(term))

DCTERMS_language = term(DCTERMS.language)
ORG_Membership = term(ORG.Membership)
ORG_Organization = term(ORG.Organization)
ORG_member = term(ORG.member)
ORG_organization = term(ORG.organization)
ORG_role = term(ORG.role)
ORG_subOrganizationOf = term(ORG.subOrganizationOf)
PG_AdministrativeUnit = term(PG.AdministrativeUnit)
PG_Article = term(PG.Article)
PG_City = term(PG.City)
PG_Commune = term(PG.Commune)
PG_Conference = term(PG.Conference)
PG_Congress = term(PG.Congress)
PG_Country = term(PG.Country)
PG_District = term(PG.District)
PG_EmulationGroup = term(PG.EmulationGroup)
PG_Event = term(PG.Event)
PG_Evidence = term(PG.Evidence)
PG_LegalDocument = term(PG.LegalDocument)
PG_Meeting = term(PG.Meeting)
PG_PartyCommittee = term(PG.PartyCommittee)
PG_Person = term(PG.Person)
PG_Province = term(PG.Province)
PG_aboutPlace = term(PG.aboutPlace)
PG_adminCode = term(PG.adminCode)
PG_assertedProperty = term(PG.assertedProperty)
PG_assertedValue = term(PG.assertedValue)
PG_attendedBy = term(PG.attendedBy)
PG_canonicalName = term(PG.canonicalName)
PG_chairedBy = term(PG.chairedBy)
PG_detectedEncoding = term(PG.detectedEncoding)
PG_documentNumber = term(PG.documentNumber)
PG_documentType = term(PG.documentType)
PG_endOffset = term(PG.endOffset)
PG_evidence = term(PG.evidence)
PG_firstSeen = term(PG.firstSeen)
PG_groupNumber = term(PG.groupNumber)
PG_issuedBy = term(PG.issuedBy)
PG_issuedOn = term(PG.issuedOn)
PG_jurisdiction = term(PG.jurisdiction)
PG_lastSeen = term(PG.lastSeen)
PG_mentionedIn = term(PG.mentionedIn)
PG_newspaperCode = term(PG.newspaperCode)
PG_orgType = term(PG.orgType)
PG_quote = term(PG.quote)
PG_reportsEvent = term(PG.reportsEvent)
PG_sourceId = term(PG.sourceId)
PG_startOffset = term(PG.startOffset)
PG_succeededBy = term(PG.succeededBy)
PG_withinUnit = term(PG.withinUnit)
PROV_wasDerivedFrom = term(PROV.wasDerivedFrom)
RDF_type = term(RDF.type)
RDFS_label = term(RDFS.label)
SDO_datePublished = term(SDO.datePublished)
SDO_headline = term(SDO.headline)
SDO_startDate = term(SDO.startDate)
SDO_url = term(SDO.url)
SKOS_altLabel = term(SKOS.altLabel)
XSD_date = term(XSD.date)
XSD_integer = term(XSD.integer)
