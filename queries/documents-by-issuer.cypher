// name: documents-by-issuer
// description: Numbered documents with their type, number, date of issue and issuing organization.
// output: issuer type place documentType number issuedOn
// param: issuerType orgtype  type of the issuing organization, e.g. peoples-council (optional)
// param: jurisdiction literal  canonical name of the issuer's jurisdiction (optional)
MATCH (d:LegalDocument)-[:ISSUED_BY]->(o:Resource)
WHERE d.documentType IS NOT NULL AND d.documentNumber IS NOT NULL
  AND o.orgType IS NOT NULL
  AND ($issuerType IS NULL OR o.orgType = $issuerType)
OPTIONAL MATCH (o)-[:JURISDICTION]->(u:Resource) WHERE u.canonicalName IS NOT NULL
WITH d, o, u.canonicalName AS j
WHERE $jurisdiction IS NULL OR j = $jurisdiction
RETURN DISTINCT o.iri AS issuer, o.orgType AS type, coalesce(j, '') AS place,
       d.documentType AS documentType, d.documentNumber AS number,
       coalesce(toString(d.issuedOn), '') AS issuedOn
ORDER BY issuer, documentType, number
