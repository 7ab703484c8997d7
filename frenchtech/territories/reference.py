"""Loading the shipped territory reference (`data/territories/*.csv`) into the database.

The load is atomic (all or nothing) and idempotent: rows are upserted by code, and a
load of files already loaded (same fingerprint) does nothing.
"""

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import caches
from django.db import transaction

from frenchtech.core import audit
from frenchtech.territories.enums import CommuneKind
from frenchtech.territories.models import (
    Commune,
    Departement,
    Epci,
    ReferenceLoad,
    Region,
    search_key,
)

REFERENCE_FILES = ("regions.csv", "departements.csv", "epci.csv", "communes.csv")


class TerritoryReferenceError(Exception):
    """The reference files are missing or inconsistent; the message names file and line."""


@dataclass(frozen=True)
class LoadResult:
    loaded: bool
    counts: dict


def fingerprint(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        path = directory / name
        if not path.exists():
            raise TerritoryReferenceError(f"{path}: missing territory reference file")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _integer(value: str, path: Path, line: int, column: str):
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise TerritoryReferenceError(
            f"{path.name}, line {line}, column {column}: not an integer: {value!r}"
        ) from None


@transaction.atomic
def load_reference(directory: Path, *, force: bool = False) -> LoadResult:
    """Upsert régions, départements, EPCI and communes from `directory`."""
    digest = fingerprint(directory)
    if not force and ReferenceLoad.objects.filter(fingerprint=digest).exists():
        return LoadResult(loaded=False, counts=ReferenceLoad.objects.first().counts)

    regions = [
        Region(code=row["code"], name=row["name"], search_name=search_key(row["name"]))
        for row in read_rows(directory / "regions.csv")
    ]
    Region.objects.bulk_create(
        regions,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "search_name"],
    )
    region_codes = {region.code for region in regions}

    departements = []
    for row in read_rows(directory / "departements.csv"):
        departements.append(
            Departement(
                code=row["code"],
                name=row["name"],
                search_name=search_key(row["name"]),
                region_id=row["region_code"],
            )
        )
    Departement.objects.bulk_create(
        departements,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "search_name", "region"],
    )
    departement_codes = {departement.code for departement in departements}

    epci_path = directory / "epci.csv"
    epcis = [
        Epci(
            code=row["code"],
            name=row["name"],
            search_name=search_key(row["name"]),
            kind=row["kind"],
            source_type=row["source_type"],
            financing=row["financing"],
            population=_integer(row["population"], epci_path, line, "population") or 0,
        )
        for line, row in enumerate(read_rows(epci_path), start=2)
    ]
    Epci.objects.bulk_create(
        epcis,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "search_name", "kind", "source_type", "financing", "population"],
        batch_size=500,
    )
    epci_codes = {epci.code for epci in epcis}

    communes_path = directory / "communes.csv"
    rows = read_rows(communes_path)

    def build(row, line):
        for column, known in (
            ("departement_code", departement_codes),
            ("region_code", region_codes),
            ("epci_code", epci_codes),
        ):
            # COM outside any département (e.g. Saint-Pierre-et-Miquelon) are kept
            # without a département; an unknown EPCI or région is a broken reference.
            if row[column] and row[column] not in known and column != "departement_code":
                raise TerritoryReferenceError(
                    f"{communes_path.name}, line {line}, column {column}: "
                    f"unknown code {row[column]!r}"
                )
        return Commune(
            code=row["code"],
            kind=row["kind"],
            name=row["name"],
            search_name=search_key(row["name"]),
            departement_id=row["departement_code"]
            if row["departement_code"] in departement_codes
            else None,
            region_id=row["region_code"] or None,
            epci_id=row["epci_code"] or None,
            population=_integer(row["population"], communes_path, line, "population"),
            siren=row.get("siren", ""),
        )

    update_fields = ["name", "search_name", "departement", "region", "epci", "population", "siren"]
    communes = [
        build(row, line)
        for line, row in enumerate(rows, start=2)
        if row["kind"] == CommuneKind.COMMUNE
    ]
    Commune.objects.bulk_create(
        communes,
        update_conflicts=True,
        unique_fields=["code", "kind"],
        update_fields=update_fields,
        batch_size=2000,
    )
    commune_ids = dict(Commune.objects.filter(kind=CommuneKind.COMMUNE).values_list("code", "id"))
    parts = []
    for line, row in enumerate(rows, start=2):
        if row["kind"] == CommuneKind.COMMUNE:
            continue
        part = build(row, line)
        part.parent_id = commune_ids.get(row["parent_code"])
        if part.parent_id is None:
            raise TerritoryReferenceError(
                f"{communes_path.name}, line {line}, column parent_code: "
                f"unknown commune {row['parent_code']!r}"
            )
        parts.append(part)
    Commune.objects.bulk_create(
        parts,
        update_conflicts=True,
        unique_fields=["code", "kind"],
        update_fields=[*update_fields, "parent"],
        batch_size=2000,
    )

    counts = {
        "regions": len(regions),
        "departements": len(departements),
        "epci": len(epcis),
        "communes": len(communes),
        "commune_parts": len(parts),
    }
    ReferenceLoad.objects.create(fingerprint=digest, counts=counts)
    # Cached public pages name territories: a new reference makes them all stale.
    transaction.on_commit(caches["pages"].clear)
    audit.record(
        "territories.load_reference",
        object_type="territories.referenceload",
        object_id=digest[:16],
        after=counts,
    )
    return LoadResult(loaded=True, counts=counts)
