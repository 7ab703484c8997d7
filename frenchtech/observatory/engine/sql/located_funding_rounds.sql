-- Funding rounds, placed at their company's siège (any company, digital or not).
SELECT f.round_date, f.amount_eur, e.raw_commune_code, r.commune_code
FROM funding_round_rows f
LEFT JOIN company_rows c ON c.siren = f.siren AND c.rejected_column IS NULL
LEFT JOIN establishment_rows e
       ON e.siren = c.siren AND e.nic = c.nic_siege AND e.rejected_column IS NULL
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE f.rejected_column IS NULL
