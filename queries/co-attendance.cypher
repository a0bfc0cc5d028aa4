// name: co-attendance
// description: Pairs of persons who took part (chair or attendee) in the same events, with how many.
// output: person other events
// param: person literal  canonical name of one of the pair (optional)
// Twin of co-attendance.rq: any node with pg:chairedBy|pg:attendedBy counts as an event.
MATCH (e:Resource)-[:CHAIRED_BY|ATTENDED_BY]->(p1:Resource)
MATCH (e)-[:CHAIRED_BY|ATTENDED_BY]->(p2:Resource)
WHERE p1 <> p2
  AND p1.canonicalName IS NOT NULL AND p2.canonicalName IS NOT NULL
  AND ($person IS NULL OR p1.canonicalName = $person)
WITH p1.canonicalName AS person, p2.canonicalName AS other, count(DISTINCT e) AS events
RETURN person, other, events
ORDER BY events DESC, person, other
