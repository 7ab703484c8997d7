-- Digital companies, placed where their siège is now (the establishment whose nic is
-- nicSiegeUniteLegale, matched while staging: establishment_facts.siege_siren);
-- commune_code is NULL when that place maps to no commune. Masked values (`[ND]`) are NULL
-- here; survival_unknown: the state, or the ceasing date of a ceased company, is masked
-- (such a company is left out of the survival share, numerator and base).
SELECT c.siren, c.created_on, c.is_sole_proprietor, c.state, c.is_fifty_plus,
       c.is_employer,
       COALESCE(h.ceased_on, c.period_start) AS ceased_on,
       c.masked,
       CASE WHEN c.state_masked THEN TRUE
            WHEN c.state = 'C' AND h.ceased_on IS NULL AND c.period_start_masked THEN TRUE
            ELSE FALSE END AS survival_unknown,
       e.raw_commune_code,
       r.commune_code,
       CASE WHEN e.siege_siren IS NULL THEN TRUE ELSE FALSE END AS siege_not_found
FROM company_rows c
LEFT JOIN company_ceasing_dates h ON h.siren = c.siren
LEFT JOIN establishment_facts e ON e.siege_siren = c.siren
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE c.is_digital
