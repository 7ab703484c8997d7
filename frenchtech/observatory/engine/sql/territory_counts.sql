-- Counts rolled up from communes to every level; unmapped rows count at level france only,
-- a commune without EPCI counts from the département up.
SELECT 'commune' AS territory_level, f.commune_code AS territory_code, f.year, f.indicator,
       SUM(f.value) AS value
FROM commune_facts f
WHERE f.commune_code IS NOT NULL
GROUP BY f.commune_code, f.year, f.indicator
UNION ALL
SELECT 'epci', c.epci_code, f.year, f.indicator, SUM(f.value)
FROM commune_facts f JOIN communes c ON c.code = f.commune_code
WHERE c.epci_code IS NOT NULL
GROUP BY c.epci_code, f.year, f.indicator
UNION ALL
SELECT 'departement', c.departement_code, f.year, f.indicator, SUM(f.value)
FROM commune_facts f JOIN communes c ON c.code = f.commune_code
WHERE c.departement_code IS NOT NULL
GROUP BY c.departement_code, f.year, f.indicator
UNION ALL
SELECT 'region', c.region_code, f.year, f.indicator, SUM(f.value)
FROM commune_facts f JOIN communes c ON c.code = f.commune_code
WHERE c.region_code IS NOT NULL
GROUP BY c.region_code, f.year, f.indicator
UNION ALL
SELECT 'france', 'FR', f.year, f.indicator, SUM(f.value)
FROM commune_facts f
GROUP BY f.year, f.indicator
