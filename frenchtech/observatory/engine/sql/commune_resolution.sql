-- Every code a row may carry -> the current commune it belongs to.
-- A commune's own code wins over a commune déléguée sharing it ((code, kind) is the key of
-- the reference); arrondissements, communes déléguées and associées map to their parent;
-- the fixed Paris/Lyon/Marseille arrondissements of the indicator definitions fill any gap.
SELECT code, code AS commune_code
FROM reference_communes
WHERE kind = 'commune'
UNION ALL
SELECT p.code, MIN(p.parent_code) AS commune_code
FROM reference_communes p
LEFT JOIN reference_communes c ON c.code = p.code AND c.kind = 'commune'
WHERE p.kind <> 'commune' AND c.code IS NULL AND p.parent_code IS NOT NULL
GROUP BY p.code
UNION ALL
SELECT f.code, f.commune_code
FROM fixed_arrondissements f
LEFT JOIN reference_communes r ON r.code = f.code
WHERE r.code IS NULL
