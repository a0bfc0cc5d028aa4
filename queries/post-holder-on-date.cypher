// name: post-holder-on-date
// description: Who held a role in organizations of a type (and jurisdiction) on a date, from the first and last dates each post was seen.
// output: person place firstSeen lastSeen
// param: role role  role concept, e.g. head (required)
// param: orgType orgtype  organization type concept, e.g. organization-commission (required)
// param: on date  the date, YYYY-MM-DD (required)
// param: jurisdiction literal  canonical name of the organization's jurisdiction (optional)
// firstSeen / lastSeen are Neo4j Dates (xsd:date); $on arrives as 'YYYY-MM-DD'.
MATCH (p:Resource)-[:HOLDS]->(m:Membership)-[:IN_ORGANIZATION]->(o:Resource)
WHERE m.role = $role AND o.orgType = $orgType AND p.canonicalName IS NOT NULL
  AND m.firstSeen <= date($on) AND date($on) <= m.lastSeen
OPTIONAL MATCH (o)-[:JURISDICTION]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH p, m, u.canonicalName AS j
WHERE $jurisdiction IS NULL OR j = $jurisdiction
RETURN DISTINCT p.canonicalName AS person, coalesce(j, '') AS place,
       toString(m.firstSeen) AS firstSeen, toString(m.lastSeen) AS lastSeen
ORDER BY place, person
