"""A straightforward pure-Python reading of docs/methodology/indicator-definitions.md,
written independently of the engine's SQL, to check the engine against on generated
registries."""

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

DIGITAL = {"2611Z", "2612Z", "2620Z", "2630Z", "2640Z", "2680Z", "4651Z", "4652Z", "5821Z",
           "5829A", "5829B", "5829C", "6110Z", "6120Z", "6130Z", "6190Z", "6201Z", "6202A",
           "6202B", "6203Z", "6209Z", "6311Z", "6312Z", "9511Z", "9512Z"}  # fmt: skip
SCALEUP = {"21", "22", "31", "32", "41", "42", "51", "52", "53"}
FIXED = (
    {f"751{n:02d}": "75056" for n in range(1, 21)}
    | {f"132{n:02d}": "13055" for n in range(1, 17)}
    | {f"6938{n}": "69123" for n in range(1, 10)}
)


def _rows(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _digital(code: str, nomenclature: str) -> bool:
    return nomenclature == "NAFRev2" and code.replace(".", "").replace(" ", "").upper() in DIGITAL


def _plus_three_years(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 3, day=28)


def compute(reference: Path, companies: Path, establishments: Path, funding: Path | None,
            events: Path | None, programmes: Path | None, stock_date: dt.date) -> dict:  # fmt: skip
    """{(level, code, year, indicator): value} for every indicator of the definitions."""
    communes = {}
    resolution = {}
    for row in _rows(reference / "communes.csv"):
        if row["kind"] == "commune":
            communes[row["code"]] = row
            resolution[row["code"]] = row["code"]
    for row in _rows(reference / "communes.csv"):
        if row["kind"] != "commune" and row["code"] not in communes:
            resolution.setdefault(row["code"], row["parent_code"])
    for code, parent in FIXED.items():
        resolution.setdefault(code, parent)
    epci_population = {
        row["code"]: int(row["population"])
        for row in _rows(reference / "epci.csv")
        if row["population"]
    }

    def levels_of(commune: str | None):
        yield ("france", "FR")
        if commune is None:
            return
        row = communes[commune]
        yield ("commune", commune)
        if row["epci_code"]:
            yield ("epci", row["epci_code"])
        yield ("departement", row["departement_code"])
        yield ("region", row["region_code"])

    population = defaultdict(int)
    for code, row in communes.items():
        for key in levels_of(code):
            population[key] += int(row["population"] or 0)
    for code, value in epci_population.items():
        population[("epci", code)] = value

    counts = defaultdict(float)

    def add(commune, year, indicator, value=1):
        for level, code in levels_of(commune):
            counts[(level, code, year, indicator)] += value

    place_of = {}
    for row in _rows(establishments):
        place_of[(row["siren"], row["nic"])] = resolution.get(row["codeCommuneEtablissement"])
        if _digital(
            row["activitePrincipaleEtablissement"],
            row["nomenclatureActivitePrincipaleEtablissement"],
        ):
            created = _date(row["dateCreationEtablissement"])
            if created:
                add(
                    place_of[(row["siren"], row["nic"])],
                    created.year,
                    "digital_establishment_creations",
                )

    siege_of = {}
    for row in _rows(companies):
        siege = place_of.get((row["siren"], row["nicSiegeUniteLegale"]))
        siege_of[row["siren"]] = siege
        if not _digital(
            row["activitePrincipaleUniteLegale"], row["nomenclatureActivitePrincipaleUniteLegale"]
        ):
            continue
        state = row["etatAdministratifUniteLegale"]
        created = _date(row["dateCreationUniteLegale"])
        if created:
            add(siege, created.year, "digital_company_creations")
            if row["categorieJuridiqueUniteLegale"] != "1000":
                add(siege, created.year, "digital_company_creations_excl_sole")
            ceased = _date(row["dateDebut"])
            alive = state == "A" or (
                state == "C" and ceased and ceased > _plus_three_years(created)
            )
            if alive:
                add(siege, created.year, "survivors")
        if state == "A":
            add(siege, stock_date.year, "digital_active_companies")
            if row["caractereEmployeurUniteLegale"] == "O":
                add(siege, stock_date.year, "digital_employer_companies")
            if row["trancheEffectifsUniteLegale"] in SCALEUP:
                add(siege, stock_date.year, "digital_scaleups")

    for row in _rows(funding) if funding else ():
        year = _date(row["date"]).year
        add(siege_of.get(row["siren"]), year, "funds_raised_eur", float(row["amount_eur"]))
        add(siege_of.get(row["siren"]), year, "funding_rounds")
    for row in _rows(events) if events else ():
        place = resolution.get(row["code_commune"])
        add(place, _date(row["date"]).year, "professional_events")
        if row["international"] == "true":
            add(place, _date(row["date"]).year, "international_events")
    for row in _rows(programmes) if programmes else ():
        place = resolution.get(row["code_commune"])
        end = _date(row["end_date"]) or stock_date
        for year in range(_date(row["start_date"]).year, end.year + 1):
            add(place, year, "acceleration_programmes")
            add(place, year, "accelerated_startups", int(row["cohort_size"]))

    values = {key: value for key, value in counts.items() if key[3] != "survivors"}
    for (level, code, year, indicator), value in list(counts.items()):
        if indicator != "digital_company_creations":
            continue
        if population[(level, code)] > 0:
            values[(level, code, year, "digital_creations_per_100k")] = (
                value / population[(level, code)] * 100_000
            )
        if year <= stock_date.year - 3:
            survivors = counts.get((level, code, year, "survivors"), 0)
            values[(level, code, year, "digital_survival_3y")] = survivors / value
        if year + 3 <= stock_date.year:
            later = counts.get((level, code, year + 3, "digital_company_creations"), 0)
            values[(level, code, year + 3, "digital_creations_growth_3y")] = (later / value) ** (
                1 / 3
            ) - 1
    return values
