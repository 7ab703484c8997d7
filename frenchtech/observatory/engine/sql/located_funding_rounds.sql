-- Funding rounds, placed at their company's siège (any company, digital or not: staging
-- keeps every company with a funding round).
SELECT f.round_date, f.amount_eur, e.raw_commune_code, r.commune_code
FROM funding_round_rows f
LEFT JOIN company_rows c ON c.siren = f.siren
LEFT JOIN establishment_facts e ON e.siege_siren = c.siren
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE f.rejected_column IS NULL
