-- Digital establishments (their own activity), placed where they are: one row per commune
-- code and creation year, with its number of establishments (row_count).
SELECT e.created_year, e.row_count, e.raw_commune_code, r.commune_code
FROM establishment_facts e
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE e.is_digital
