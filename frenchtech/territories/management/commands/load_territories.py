from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frenchtech.territories.reference import TerritoryReferenceError, load_reference


class Command(BaseCommand):
    help = "Load (or refresh) the shipped territory reference into the database."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=settings.TERRITORY_REFERENCE_DIR)
        parser.add_argument("--force", action="store_true", help="reload even if unchanged")

    def handle(self, *args, directory, force, **options):
        try:
            result = load_reference(directory, force=force)
        except TerritoryReferenceError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{value} {key}" for key, value in result.counts.items())
        state = "loaded" if result.loaded else "already up to date"
        self.stdout.write(f"Territory reference {state}: {counts}")
