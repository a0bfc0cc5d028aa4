// name: organization-hierarchy
// description: Each organization with the organization it belongs to (org:subOrganizationOf), both with type and jurisdiction.
// output: organization type place parent parentType parentPlace
// param: jurisdiction literal  canonical name of the unit the parent organization governs (optional)
MATCH (o:Resource)-[:SUB_ORGANIZATION_OF]->(p:Resource)
WHERE o.orgType IS NOT NULL AND p.orgType IS NOT NULL
OPTIONAL MATCH (o)-[:JURISDICTION]->(ou:Resource) WHERE ou.canonicalName IS NOT NULL
WITH o, p, ou.canonicalName AS oj
OPTIONAL MATCH (p)-[:JURISDICTION]->(pu:Resource) WHERE pu.canonicalName IS NOT NULL
WITH o, p, oj, pu.canonicalName AS pj
WHERE $jurisdiction IS NULL OR pj = $jurisdiction
RETURN DISTINCT o.iri AS organization, o.orgType AS type, coalesce(oj, '') AS place,
       p.iri AS parent, p.orgType AS parentType, coalesce(pj, '') AS parentPlace
ORDER BY parent, organization
