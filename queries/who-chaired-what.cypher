// name: who-chaired-what
// description: Every event (its type, the article's main place, its date) with the persons who chaired it and the article that reports it.
// output: chair event about date article
// param: person literal  canonical name of the chair (optional)
// param: place literal   canonical name of the article's main place (optional)
// Labels are the stated rdf:types (nothing inferred), hence the four event classes; the
// event shows as its class below Event (the SPARQL's ?kind), else 'Event'.
MATCH (e:Resource)-[:CHAIRED_BY]->(p:Resource)
MATCH (e)-[:DERIVED_FROM]->(a:Resource)
WHERE (e:Event OR e:Conference OR e:Meeting OR e:Congress)
  AND p.canonicalName IS NOT NULL AND a.sourceId IS NOT NULL
  AND ($person IS NULL OR p.canonicalName = $person)
OPTIONAL MATCH (a)-[:ABOUT_PLACE]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH e, p, a, u.canonicalName AS aboutName
WHERE $place IS NULL OR aboutName = $place
RETURN DISTINCT p.canonicalName AS chair,
       coalesce(head([k IN labels(e) WHERE k IN ['Conference', 'Meeting', 'Congress']]),
                'Event') AS event,
       coalesce(aboutName, '') AS about, coalesce(toString(e.startDate), '') AS date,
       a.sourceId AS article
ORDER BY chair, date, event, article
