// name: members-of-organization
// description: Who holds a post in the organizations of a type (and jurisdiction), with the role.
// output: organization person role
// param: orgType orgtype   organization type concept, e.g. organization-commission (optional)
// param: jurisdiction literal  canonical name of the unit the organization governs (optional)
// An organization shows as its label (rdfs:label, `label@en`), one row per label as
// in SPARQL; its iri if it has none.
MATCH (p:Resource)-[:HOLDS]->(m:Membership)-[:IN_ORGANIZATION]->(o:Resource)
WHERE p.canonicalName IS NOT NULL AND m.role IS NOT NULL AND o.orgType IS NOT NULL
  AND ($orgType IS NULL OR o.orgType = $orgType)
OPTIONAL MATCH (o)-[:JURISDICTION]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH p, m, o, u.canonicalName AS j
WHERE $jurisdiction IS NULL OR j = $jurisdiction
UNWIND coalesce(o.`label@en`, [o.iri]) AS organization
RETURN DISTINCT organization, p.canonicalName AS person, m.role AS role
ORDER BY organization, person, role
