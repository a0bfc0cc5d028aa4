// name: people-by-province
// description: Persons holding a post in an organization whose jurisdiction is a province or lies within it.
// output: provinceName person
// param: province literal  canonical name of the province (optional)
// pg:withinUnit* (zero or more steps) is [:WITHIN_UNIT*0..]: the unit itself counts.
MATCH (p:Resource)-[:HOLDS]->(:Membership)-[:IN_ORGANIZATION]->(:Resource)
      -[:JURISDICTION]->(u:Resource)
WHERE p.canonicalName IS NOT NULL
MATCH (u)-[:WITHIN_UNIT*0..]->(prov:Province)
WHERE prov.canonicalName IS NOT NULL
  AND ($province IS NULL OR prov.canonicalName = $province)
RETURN DISTINCT prov.canonicalName AS provinceName, p.canonicalName AS person
ORDER BY provinceName, person
