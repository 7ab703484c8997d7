-- Digital companies, placed where their siège is now (the establishment whose nic is
-- nicSiegeUniteLegale); commune_code is NULL when that place maps to no commune.
SELECT c.siren, c.created_on, c.is_sole_proprietor, c.state, c.is_fifty_plus,
       c.is_employer,
       COALESCE(h.ceased_on, c.period_start) AS ceased_on,
       e.raw_commune_code,
       r.commune_code,
       CASE WHEN e.siren IS NULL THEN TRUE ELSE FALSE END AS siege_not_found
FROM company_rows c
LEFT JOIN company_ceasing_dates h ON h.siren = c.siren
LEFT JOIN establishment_rows e
       ON e.siren = c.siren AND e.nic = c.nic_siege AND e.rejected_column IS NULL
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE c.rejected_column IS NULL AND c.is_digital
