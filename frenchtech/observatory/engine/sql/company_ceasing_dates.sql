-- From StockUniteLegaleHistorique (when given): the day each company last became ceased,
-- which is its ceasing date even if a later period changed something else.
SELECT siren, MAX(period_start) AS ceased_on
FROM company_period_rows
WHERE rejected_column IS NULL AND state = 'C' AND state_changed
GROUP BY siren
