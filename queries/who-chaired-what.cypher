// name: who-chaired-what
// description: Every event with the persons who chaired it, its date and the article that reports it.
// output: chair event date article about
// param: person literal  canonical name of the chair (optional)
// param: place literal   canonical name of the article's main place (optional)
// Labels are the stated rdf:types (nothing inferred), hence the four event classes.
MATCH (e:Resource)-[:CHAIRED_BY]->(p:Resource)
MATCH (e)-[:DERIVED_FROM]->(a:Resource)
WHERE (e:Event OR e:Conference OR e:Meeting OR e:Congress)
  AND p.canonicalName IS NOT NULL AND a.sourceId IS NOT NULL
  AND ($person IS NULL OR p.canonicalName = $person)
OPTIONAL MATCH (a)-[:ABOUT_PLACE]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH e, p, a, u.canonicalName AS aboutName
WHERE $place IS NULL OR aboutName = $place
RETURN DISTINCT p.canonicalName AS chair, e.iri AS event,
       coalesce(toString(e.startDate), '') AS date, a.sourceId AS article,
       coalesce(aboutName, '') AS about
ORDER BY chair, date, event, article
