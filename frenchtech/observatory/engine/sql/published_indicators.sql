-- The long form with territory names, ready to publish.
SELECT v.territory_level, v.territory_code, t.territory_name, v.year, v.indicator, v.value
FROM indicator_values v
LEFT JOIN territories t
  ON t.territory_level = v.territory_level AND t.territory_code = v.territory_code
