-- Every territory of every level, with its name and population (the sum of its communes',
-- except an EPCI whose own population the reference gives).
SELECT 'commune' AS territory_level, code AS territory_code, name AS territory_name,
       population
FROM communes
UNION ALL
SELECT 'epci', e.code, e.name, COALESCE(e.population, s.population)
FROM reference_epci e
LEFT JOIN (
    SELECT epci_code, SUM(population) AS population FROM communes GROUP BY epci_code
) s ON s.epci_code = e.code
UNION ALL
SELECT 'departement', d.code, d.name, s.population
FROM reference_departements d
LEFT JOIN (
    SELECT departement_code, SUM(population) AS population
    FROM communes GROUP BY departement_code
) s ON s.departement_code = d.code
UNION ALL
SELECT 'region', r.code, r.name, s.population
FROM reference_regions r
LEFT JOIN (
    SELECT region_code, SUM(population) AS population FROM communes GROUP BY region_code
) s ON s.region_code = r.code
UNION ALL
SELECT 'france', 'FR', 'France', SUM(population)
FROM communes
