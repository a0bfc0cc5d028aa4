// name: posts-of-person
// description: The posts a person holds: role, organization type, organization, jurisdiction, first and last dates seen.
// output: person role orgType organization jurisdiction firstSeen lastSeen
// param: person literal  canonical name of the person (optional)
MATCH (p:Resource)-[:HOLDS]->(m:Membership)-[:IN_ORGANIZATION]->(o:Resource)
WHERE p.canonicalName IS NOT NULL AND m.role IS NOT NULL AND o.orgType IS NOT NULL
  AND ($person IS NULL OR p.canonicalName = $person)
OPTIONAL MATCH (o)-[:JURISDICTION]->(u:Resource) WHERE u.canonicalName IS NOT NULL
RETURN DISTINCT p.canonicalName AS person, m.role AS role, o.orgType AS orgType,
       o.iri AS organization, coalesce(u.canonicalName, '') AS jurisdiction,
       coalesce(toString(m.firstSeen), '') AS firstSeen,
       coalesce(toString(m.lastSeen), '') AS lastSeen
ORDER BY person, orgType, role, organization
