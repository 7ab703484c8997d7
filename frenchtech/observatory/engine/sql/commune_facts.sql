-- Every count at commune level (commune_code NULL: unmapped, counted at level france only).
-- digital_survivors_3y and digital_survival_base_3y are internal: the numerator and the base
-- of digital_survival_3y (the base: the creations whose survival is known, all of them but
-- those with a masked state or ceasing date).
SELECT commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER) AS year,
       'digital_company_creations' AS indicator, CAST(COUNT(*) AS DECIMAL(38,2)) AS value
FROM digital_companies WHERE created_on IS NOT NULL
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER),
       'digital_company_creations_excl_sole', CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies WHERE created_on IS NOT NULL AND NOT is_sole_proprietor
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER),
       'digital_survivors_3y', CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies
WHERE created_on IS NOT NULL
  AND (state = 'A' OR (state = 'C' AND ceased_on > add_months(created_on, 36)))
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER),
       'digital_survival_base_3y', CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies
WHERE created_on IS NOT NULL AND NOT survival_unknown
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM created_on) AS INTEGER)
UNION ALL
SELECT commune_code, created_year, 'digital_establishment_creations',
       CAST(SUM(row_count) AS DECIMAL(38,2))
FROM digital_establishments WHERE created_year IS NOT NULL
GROUP BY commune_code, created_year
UNION ALL
SELECT d.commune_code, k.stock_year, 'digital_active_companies', CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies d CROSS JOIN run_parameters k
WHERE d.state = 'A'
GROUP BY d.commune_code, k.stock_year
UNION ALL
SELECT d.commune_code, k.stock_year, 'digital_employer_companies',
       CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies d CROSS JOIN run_parameters k
WHERE d.state = 'A' AND d.is_employer
GROUP BY d.commune_code, k.stock_year
UNION ALL
SELECT d.commune_code, k.stock_year, 'digital_scaleups', CAST(COUNT(*) AS DECIMAL(38,2))
FROM digital_companies d CROSS JOIN run_parameters k
WHERE d.state = 'A' AND d.is_fifty_plus
GROUP BY d.commune_code, k.stock_year
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM round_date) AS INTEGER), 'funds_raised_eur',
       CAST(SUM(amount_eur) AS DECIMAL(38,2))
FROM located_funding_rounds
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM round_date) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM round_date) AS INTEGER), 'funding_rounds',
       CAST(COUNT(*) AS DECIMAL(38,2))
FROM located_funding_rounds
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM round_date) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM event_date) AS INTEGER), 'professional_events',
       CAST(COUNT(*) AS DECIMAL(38,2))
FROM located_events
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM event_date) AS INTEGER)
UNION ALL
SELECT commune_code, CAST(EXTRACT(YEAR FROM event_date) AS INTEGER), 'international_events',
       CAST(COUNT(*) AS DECIMAL(38,2))
FROM located_events WHERE is_international
GROUP BY commune_code, CAST(EXTRACT(YEAR FROM event_date) AS INTEGER)
UNION ALL
SELECT commune_code, year, 'acceleration_programmes', CAST(COUNT(*) AS DECIMAL(38,2))
FROM located_programmes
GROUP BY commune_code, year
UNION ALL
SELECT commune_code, year, 'accelerated_startups', CAST(SUM(cohort_size) AS DECIMAL(38,2))
FROM located_programmes
GROUP BY commune_code, year
