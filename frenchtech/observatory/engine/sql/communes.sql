-- Current communes and the territories above them.
SELECT code, name, epci_code, departement_code, region_code, population
FROM reference_communes
WHERE kind = 'commune'
