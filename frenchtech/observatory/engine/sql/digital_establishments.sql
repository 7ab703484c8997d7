-- Digital establishments (their own activity), placed where they are.
SELECT e.created_on, e.raw_commune_code, r.commune_code
FROM establishment_rows e
LEFT JOIN commune_resolution r ON r.code = e.raw_commune_code
WHERE e.rejected_column IS NULL AND e.is_digital
