// name: organization-hierarchy
// description: Each organization with the organization it belongs to (org:subOrganizationOf), both by their labels (type and jurisdiction).
// output: organization parent
// param: jurisdiction literal  canonical name of the unit the parent organization governs (optional)
// An organization shows as its label (rdfs:label, `label@en`), one row per label as
// in SPARQL; its iri if it has none.
MATCH (o:Resource)-[:SUB_ORGANIZATION_OF]->(p:Resource)
WHERE o.orgType IS NOT NULL AND p.orgType IS NOT NULL
OPTIONAL MATCH (p)-[:JURISDICTION]->(pu:Resource) WHERE pu.canonicalName IS NOT NULL
WITH o, p, pu.canonicalName AS pj
WHERE $jurisdiction IS NULL OR pj = $jurisdiction
UNWIND coalesce(o.`label@en`, [o.iri]) AS organization
UNWIND coalesce(p.`label@en`, [p.iri]) AS parent
RETURN DISTINCT organization, parent
ORDER BY parent, organization
