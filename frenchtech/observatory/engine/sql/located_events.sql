SELECT v.event_date, v.is_international, v.raw_commune_code, r.commune_code
FROM event_rows v
LEFT JOIN commune_resolution r ON r.code = v.raw_commune_code
WHERE v.rejected_column IS NULL
