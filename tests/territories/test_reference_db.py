"""The loaded database matches the official source files exactly (figures read from them)."""

import csv
import json
import tarfile
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Sum

from frenchtech.territories.enums import CommuneKind, EpciKind
from frenchtech.territories.models import Commune, Departement, Epci, Region
from frenchtech.territories.reference import TerritoryReferenceError, load_reference
from frenchtech.territories.resolve import resolve_commune

pytestmark = pytest.mark.django_db

SOURCE = next((Path(settings.DATA_DIR) / "sources").glob("etalab-decoupage-administratif-*.tgz"))
KIND_BY_SOURCE_TYPE = {
    "commune-actuelle": CommuneKind.COMMUNE,
    "arrondissement-municipal": CommuneKind.ARRONDISSEMENT_MUNICIPAL,
    "commune-deleguee": CommuneKind.COMMUNE_DELEGUEE,
    "commune-associee": CommuneKind.COMMUNE_ASSOCIEE,
}


def source(name: str):
    with tarfile.open(SOURCE) as archive:
        return json.load(archive.extractfile(f"package/data/{name}.json"))


def test_communes_by_kind_match_the_source():
    expected = Counter(KIND_BY_SOURCE_TYPE[row["type"]] for row in source("communes"))
    loaded = Counter(Commune.objects.values_list("kind", flat=True))
    assert loaded == expected


def test_epci_by_kind_match_the_source_with_22_metropoles():
    epci = source("epci")
    assert Epci.objects.count() == len(epci)
    source_metropoles = sum(1 for row in epci if row["type"] in {"METRO", "MET69"})
    assert Epci.objects.filter(kind=EpciKind.METROPOLE).count() == source_metropoles == 22
    assert (
        Epci.objects.filter(kind=EpciKind.METROPOLE, source_type="MET69")
        .get()
        .name.startswith("Métropole de Lyon")
    )
    assert Counter(Epci.objects.values_list("source_type", flat=True)) == Counter(
        row["type"] for row in epci
    )


def test_populations_match_the_source():
    communes = {
        row["code"]: row.get("population")
        for row in source("communes")
        if row["type"] == "commune-actuelle"
    }
    loaded = dict(
        Commune.objects.filter(kind=CommuneKind.COMMUNE).values_list("code", "population")
    )
    assert loaded == communes
    epci = {row["code"]: row["populationMunicipale"] for row in source("epci")}
    assert dict(Epci.objects.values_list("code", "population")) == epci
    assert Commune.objects.filter(kind=CommuneKind.COMMUNE).aggregate(total=Sum("population"))[
        "total"
    ] == sum(value or 0 for value in communes.values())


def test_membership_of_communes_in_epci_matches_the_source():
    expected = {member["code"]: row["code"] for row in source("epci") for member in row["membres"]}
    loaded = dict(
        Commune.objects.filter(kind=CommuneKind.COMMUNE, epci__isnull=False).values_list(
            "code", "epci_id"
        )
    )
    assert loaded == expected


def test_departements_and_regions_match_the_source():
    assert set(Departement.objects.values_list("code", flat=True)) == {
        row["code"] for row in source("departements")
    }
    assert set(Region.objects.values_list("code", flat=True)) == {
        row["code"] for row in source("regions")
    }


@pytest.mark.parametrize(
    ("code", "commune_code", "epci_name_part"),
    [
        ("75108", "75056", "Grand Paris"),
        ("13201", "13055", "Aix-Marseille"),
        ("69381", "69123", "Lyon"),
    ],
)
def test_arrondissements_resolve_to_their_commune_and_epci(code, commune_code, epci_name_part):
    commune = resolve_commune(code)
    assert commune.code == commune_code
    assert commune.kind == CommuneKind.COMMUNE
    assert epci_name_part in commune.epci.name


def test_a_commune_deleguee_resolves_to_its_commune():
    # Take, from the source, a déléguée whose code differs from its chef-lieu's.
    deleguee = next(
        row
        for row in source("communes")
        if row["type"] == "commune-deleguee" and row["code"] != row["chefLieu"]
    )
    commune = resolve_commune(deleguee["code"])
    assert commune.code == deleguee["chefLieu"]
    assert commune.kind == CommuneKind.COMMUNE


def test_unknown_codes_resolve_to_nothing():
    assert resolve_commune("99999") is None
    assert resolve_commune("") is None


def test_loading_twice_changes_nothing():
    before = Commune.objects.count()
    result = load_reference(settings.TERRITORY_REFERENCE_DIR)
    assert result.loaded is False
    assert Commune.objects.count() == before


def test_a_broken_reference_file_is_refused_with_file_line_and_column(tmp_path):
    for name in ("regions.csv", "departements.csv", "epci.csv", "communes.csv"):
        (tmp_path / name).write_text((Path(settings.TERRITORY_REFERENCE_DIR) / name).read_text())
    with (tmp_path / "epci.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("population")] = "many"
    with (tmp_path / "epci.csv").open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    before = Epci.objects.count()
    with pytest.raises(TerritoryReferenceError, match=r"epci.csv, line 2, column population"):
        load_reference(tmp_path, force=True)
    assert Epci.objects.count() == before
