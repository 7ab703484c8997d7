-- The published long form: counts, then the three ratios computed from rolled-up counts.
SELECT c.territory_level, c.territory_code, c.year, c.indicator,
       CAST(c.value AS DOUBLE) AS value
FROM territory_counts c
WHERE c.indicator NOT IN ('digital_survivors_3y', 'digital_survival_base_3y')
UNION ALL
-- digital_creations_per_100k: per 100 000 inhabitants of the shipped reference.
SELECT c.territory_level, c.territory_code, c.year, 'digital_creations_per_100k',
       CAST(c.value AS DOUBLE) / t.population * 100000
FROM territory_counts c
JOIN territories t
  ON t.territory_level = c.territory_level AND t.territory_code = c.territory_code
WHERE c.indicator = 'digital_company_creations' AND t.population > 0
UNION ALL
-- digital_creations_growth_3y: defined when the base year Y-3 has creations; Y is any year
-- up to the stock year (a year without creations gives -1).
SELECT b.territory_level, b.territory_code, b.year + 3, 'digital_creations_growth_3y',
       POWER(CAST(COALESCE(n.value, 0) AS DOUBLE) / CAST(b.value AS DOUBLE), CAST(1 AS DOUBLE) / 3) - 1
FROM territory_counts b
CROSS JOIN run_parameters k
LEFT JOIN territory_counts n
  ON n.territory_level = b.territory_level AND n.territory_code = b.territory_code
 AND n.indicator = 'digital_company_creations' AND n.year = b.year + 3
WHERE b.indicator = 'digital_company_creations' AND b.value > 0
  AND b.year + 3 <= k.stock_year
UNION ALL
-- digital_survival_3y: only for Y <= stock year - 3; the base is the creations whose
-- survival is known (without masked values: every creation).
SELECT c.territory_level, c.territory_code, c.year, 'digital_survival_3y',
       CAST(COALESCE(s.value, 0) AS DOUBLE) / CAST(c.value AS DOUBLE)
FROM territory_counts c
CROSS JOIN run_parameters k
LEFT JOIN territory_counts s
  ON s.territory_level = c.territory_level AND s.territory_code = c.territory_code
 AND s.indicator = 'digital_survivors_3y' AND s.year = c.year
WHERE c.indicator = 'digital_survival_base_3y' AND c.value > 0
  AND c.year <= k.stock_year - 3
