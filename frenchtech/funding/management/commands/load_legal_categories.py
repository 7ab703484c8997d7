"""Load legal categories from an INSEE StockUniteLegale CSV into funding.RegistryCompany.

Streams the file (the full stock has some 28 million rows) in batches, inside one
transaction: a failed load leaves the previous table untouched.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from frenchtech.core.siren import is_valid_siren
from frenchtech.funding.models import RegistryCompany

REQUIRED_COLUMNS = ("siren", "categorieJuridiqueUniteLegale", "denominationUniteLegale")
BATCH_SIZE = 5000


def _upsert(batch):
    RegistryCompany.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["siren"],
        update_fields=["legal_category", "name", "source", "loaded_at"],
    )


def load_legal_categories(path: Path, source: str | None = None) -> tuple[int, int]:
    """Return (rows loaded, rows skipped for a malformed SIREN or category)."""
    source = source or path.name
    loaded_at = timezone.now()
    loaded = skipped = 0
    with path.open(newline="", encoding="utf-8") as handle, transaction.atomic():
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"{path}: missing column(s) {', '.join(missing)}")
        batch = []
        for row in reader:
            siren, category = row["siren"].strip(), row["categorieJuridiqueUniteLegale"].strip()
            if not is_valid_siren(siren) or not (len(category) == 4 and category.isdigit()):
                skipped += 1
                continue
            batch.append(
                RegistryCompany(
                    siren=siren,
                    legal_category=category,
                    name=(row["denominationUniteLegale"] or "").strip()[:300],
                    source=source[:200],
                    loaded_at=loaded_at,
                )
            )
            if len(batch) >= BATCH_SIZE:
                _upsert(batch)
                loaded += len(batch)
                batch = []
        if batch:
            _upsert(batch)
            loaded += len(batch)
    return loaded, skipped


class Command(BaseCommand):
    help = "Load SIREN → legal category from a StockUniteLegale CSV (for the public-body rule)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)
        parser.add_argument("--source", help="label kept with each row (default: the file name)")

    def handle(self, *args, csv_path, source=None, **options):
        if not csv_path.exists():
            raise CommandError(f"{csv_path}: no such file")
        loaded, skipped = load_legal_categories(csv_path, source)
        self.stdout.write(
            f"{loaded} legal units loaded, {skipped} skipped (malformed SIREN or category)"
        )
