// name: documents-by-issuer
// description: Numbered documents with their type, number, date of issue and issuing organization.
// output: issuer documentType number issuedOn
// param: issuerType orgtype  type of the issuing organization, e.g. peoples-council (optional)
// param: jurisdiction literal  canonical name of the issuer's jurisdiction (optional)
// An organization shows as its label (rdfs:label, `label@en`), one row per label as
// in SPARQL; its iri if it has none.
MATCH (d:LegalDocument)-[:ISSUED_BY]->(o:Resource)
WHERE d.documentType IS NOT NULL AND d.documentNumber IS NOT NULL
  AND o.orgType IS NOT NULL
  AND ($issuerType IS NULL OR o.orgType = $issuerType)
OPTIONAL MATCH (o)-[:JURISDICTION]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH d, o, u.canonicalName AS j
WHERE $jurisdiction IS NULL OR j = $jurisdiction
UNWIND coalesce(o.`label@en`, [o.iri]) AS issuer
RETURN DISTINCT issuer, d.documentType AS documentType, d.documentNumber AS number,
       coalesce(toString(d.issuedOn), '') AS issuedOn
ORDER BY issuer, documentType, number
