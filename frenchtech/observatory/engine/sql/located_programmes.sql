-- Programmes, one row per calendar year in which they run (an open end runs to the
-- stock date).
SELECT y.year, p.cohort_size, p.raw_commune_code, r.commune_code
FROM programme_rows p
CROSS JOIN run_parameters k
JOIN calendar_years y
  ON y.year >= CAST(EXTRACT(YEAR FROM p.start_date) AS INTEGER)
 AND y.year <= CAST(EXTRACT(YEAR FROM COALESCE(p.end_date, k.stock_date)) AS INTEGER)
LEFT JOIN commune_resolution r ON r.code = p.raw_commune_code
WHERE p.rejected_column IS NULL
