"""Hand-built inputs for the observatory tests: a tiny territory reference and registry
files in the official SIRENE schema (every official column, most of them empty)."""

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from frenchtech.observatory.engine.schema import (
    STOCK_ETABLISSEMENT_COLUMNS,
    STOCK_UNITE_LEGALE_COLUMNS,
    STOCK_UNITE_LEGALE_HISTORIQUE_COLUMNS,
)

REGIONS = [
    ("11", "Île-de-France"),
    ("84", "Auvergne-Rhône-Alpes"),
    ("93", "PACA"),
    ("53", "Bretagne"),
]
DEPARTEMENTS = [("75", "Paris", "11"), ("69", "Rhône", "84"), ("01", "Ain", "84"),
                ("13", "Bouches-du-Rhône", "93"), ("29", "Finistère", "53")]  # fmt: skip
EPCI = [
    ("200054781", "Métropole du Grand Paris", "metropole", ""),
    ("200046977", "Métropole de Lyon", "metropole", "1400000"),
    ("200054807", "Métropole d'Aix-Marseille-Provence", "metropole", ""),
    ("200069193", "CC de la Dombes", "communaute_communes", ""),
]
# code, name, kind, parent, departement, region, epci, population
COMMUNES = [
    ("75056", "Paris", "commune", "", "75", "11", "200054781", "2100000"),
    ("75101", "Paris 1er", "arrondissement_municipal", "75056", "75", "11", "", "16000"),
    ("75115", "Paris 15e", "arrondissement_municipal", "75056", "75", "11", "", "230000"),
    ("69123", "Lyon", "commune", "", "69", "84", "200046977", "520000"),
    ("69381", "Lyon 1er", "arrondissement_municipal", "69123", "69", "84", "", "29000"),
    ("69266", "Villeurbanne", "commune", "", "69", "84", "200046977", "150000"),
    ("13055", "Marseille", "commune", "", "13", "93", "200054807", "870000"),
    ("01001", "L'Abergement-Clémenciat", "commune", "", "01", "84", "200069193", "800"),
    ("01015", "Arboys en Bugey", "commune", "", "01", "84", "200069193", "600"),
    ("01015", "Arbignieu", "commune_deleguee", "01015", "01", "84", "", "500"),
    ("01340", "Saint-Bois", "commune_deleguee", "01015", "01", "84", "", "100"),
    ("01120", "Montbertrand", "commune_associee", "01001", "01", "84", "", "50"),
    ("29155", "Ouessant", "commune", "", "29", "53", "", "850"),
]  # fmt: skip

COMMUNE_COLUMNS = ("code", "name", "kind", "parent_code", "departement_code", "region_code",
                   "epci_code", "population", "siren")  # fmt: skip


def write_reference(directory: Path) -> Path:
    """Write the tiny reference (four CSV files) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    write_rows(directory / "regions.csv", ("code", "name"), REGIONS)
    write_rows(directory / "departements.csv", ("code", "name", "region_code"), DEPARTEMENTS)
    write_rows(
        directory / "epci.csv",
        ("code", "name", "kind", "source_type", "financing", "population"),
        [(code, name, kind, "", "FPU", population) for code, name, kind, population in EPCI],
    )
    write_rows(directory / "communes.csv", COMMUNE_COLUMNS, [(*row, "") for row in COMMUNES])
    return directory


def write_rows(path: Path, header, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def company(siren, created="2015-03-01", naf="62.01Z", nomenclature="NAFRev2",
            legal="5710", state="A", since=None, band="NN", employer="N",
            nic_siege="00011"):  # fmt: skip
    """A StockUniteLegale row as a dict of official columns."""
    return {
        "siren": siren,
        "statutDiffusionUniteLegale": "O",
        "dateCreationUniteLegale": created,
        "trancheEffectifsUniteLegale": band,
        "dateDebut": since if since is not None else created,
        "etatAdministratifUniteLegale": state,
        "denominationUniteLegale": f"TEST {siren}",
        "categorieJuridiqueUniteLegale": legal,
        "activitePrincipaleUniteLegale": naf,
        "nomenclatureActivitePrincipaleUniteLegale": nomenclature,
        "nicSiegeUniteLegale": nic_siege,
        "caractereEmployeurUniteLegale": employer,
    }


def establishment(siren, nic="00011", commune="69123", created="2015-03-01", naf="62.01Z",
                  nomenclature="NAFRev2", siege=True, state="A"):  # fmt: skip
    """A StockEtablissement row as a dict of official columns."""
    return {
        "siren": siren,
        "nic": nic,
        "siret": f"{siren}{nic}",
        "statutDiffusionEtablissement": "O",
        "dateCreationEtablissement": created,
        "trancheEffectifsEtablissement": "NN",
        "etablissementSiege": "true" if siege else "false",
        "codeCommuneEtablissement": commune,
        "dateDebut": created,
        "etatAdministratifEtablissement": state,
        "activitePrincipaleEtablissement": naf,
        "nomenclatureActivitePrincipaleEtablissement": nomenclature,
        "caractereEmployeurEtablissement": "N",
    }


def write_registry_csv(path: Path, columns, rows: list[dict]) -> Path:
    """Write dict rows as a CSV with every official column (missing ones empty)."""
    return write_rows(path, columns, [[row.get(name, "") for name in columns] for row in rows])


def write_companies(path: Path, rows: list[dict]) -> Path:
    return write_registry_csv(path, STOCK_UNITE_LEGALE_COLUMNS, rows)


def write_establishments(path: Path, rows: list[dict]) -> Path:
    return write_registry_csv(path, STOCK_ETABLISSEMENT_COLUMNS, rows)


def write_history(path: Path, rows: list[dict]) -> Path:
    return write_registry_csv(path, STOCK_UNITE_LEGALE_HISTORIQUE_COLUMNS, rows)


TYPED_DATE_COLUMNS = {"dateCreationUniteLegale", "dateDebut", "dateCreationEtablissement"}
TYPED_TIMESTAMP_COLUMNS = {"dateDernierTraitementUniteLegale",
                           "dateDernierTraitementEtablissement"}  # fmt: skip


def csv_to_typed_parquet(csv_path: Path, parquet_path: Path) -> Path:
    """Convert a registry CSV to Parquet with typed columns: dates as DATE, processing
    dates as TIMESTAMP, etablissementSiege as BOOLEAN (as INSEE's own Parquet files do)."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames
    arrays = {}
    for name in columns:
        values = [row[name] or None for row in rows]
        if name in TYPED_DATE_COLUMNS:
            arrays[name] = pa.array(
                [dt.date.fromisoformat(v) if v else None for v in values], pa.date32()
            )
        elif name in TYPED_TIMESTAMP_COLUMNS:
            arrays[name] = pa.array(
                [dt.datetime.fromisoformat(v) if v else None for v in values], pa.timestamp("s")
            )
        elif name == "etablissementSiege":
            arrays[name] = pa.array([None if v is None else v == "true" for v in values])
        else:
            arrays[name] = pa.array(values, pa.string())
    pq.write_table(pa.table(arrays), parquet_path)
    return parquet_path


# Strings a lenient cast may accept or mangle, for the SIREN, NIC and date rules: each rule
# (staging.py's SQL on either engine) must agree with its Python twin, rejections.breaks_rule.
AWKWARD_DIGIT_STRINGS = [
    "123456789", "012345678", "12345678", "1234567890", "+12345678", " 12345678",
    "12345678 ", "1_2345678", "0x1234567", "1000000e2", "12345678.", "-12345678",
    "0b1010101", "٣٤٥٦٧٨٩١٢", "00000", "00011", "0001 ", "0e001", "1E001", "00x11",
    "-0001", "+0001", "12.45", "", "123456789\n", "12345\n", "\n12345",
]  # fmt: skip
AWKWARD_DATE_STRINGS = [
    "2015-02-03", "2015-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "2016-02-29",
    "1900-02-29", "2000-02-29", "2015-13-01", "2015-00-10", "2015-01-00", "2015-2-3",
    "2015-02-3", "15-02-03", "2015-02-03 ", " 2015-02-03", "２０１５-02-03", "١٢٣٤-01-01",
    "2015/02/03", "+015-02-03", "-015-02-03", "2015-02-03\n", "2015-02-03T00:00:00",
    "2015-02-03 (BC)", "epoch", "infinity", "20150203", "",
]  # fmt: skip
AWKWARD_VALUES = {
    "siren": AWKWARD_DIGIT_STRINGS,
    "nic": AWKWARD_DIGIT_STRINGS,
    "date": AWKWARD_DATE_STRINGS,
    "required_date": AWKWARD_DATE_STRINGS,
}
