// name: posts-of-person
// description: The posts a person holds: role, organization, first and last dates seen.
// output: person role organization firstSeen lastSeen
// param: person literal  canonical name of the person (optional)
// An organization shows as its label (rdfs:label, `label@en`), one row per label as
// in SPARQL; its iri if it has none.
MATCH (p:Resource)-[:HOLDS]->(m:Membership)-[:IN_ORGANIZATION]->(o:Resource)
WHERE p.canonicalName IS NOT NULL AND m.role IS NOT NULL AND o.orgType IS NOT NULL
  AND ($person IS NULL OR p.canonicalName = $person)
UNWIND coalesce(o.`label@en`, [o.iri]) AS organization
RETURN DISTINCT p.canonicalName AS person, m.role AS role, organization,
       coalesce(toString(m.firstSeen), '') AS firstSeen,
       coalesce(toString(m.lastSeen), '') AS lastSeen
ORDER BY person, organization, role
