"""Back up the database while the platform runs: SQLite's online backup, or pg_dump."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def postgres_environment(database: dict) -> dict:
    """libpq's variables for the configured database (the password never on a command line)."""
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def run_postgres_tool(name: str, arguments: list[str], database: dict) -> None:
    """Run pg_dump or pg_restore on the configured database; its error is the command's."""
    found = shutil.which(name)
    if found is None:
        raise CommandError(f"{name} not found: install the PostgreSQL client tools")
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [found, *arguments],
        env=postgres_environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")


class Command(BaseCommand):
    help = (
        "Back up the database to a file: SQLite through its online backup API (consistent "
        "while the server writes), PostgreSQL with pg_dump --format=custom."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="the backup file to write (must not exist)")

    def handle(self, *args, output, **options):
        target = Path(output)
        if target.exists():
            raise CommandError(f"{target} exists: choose a new file name")
        target.parent.mkdir(parents=True, exist_ok=True)
        database = connection.settings_dict
        if connection.vendor == "sqlite":
            source = sqlite3.connect(database["NAME"])
            destination = sqlite3.connect(target)
            try:
                with destination:
                    source.backup(destination)
            finally:
                destination.close()
                source.close()
        elif connection.vendor == "postgresql":
            run_postgres_tool(
                "pg_dump", ["--format=custom", "--no-owner", f"--file={target}"], database
            )
        else:
            raise CommandError(f"no backup for the {connection.vendor} backend")
        self.stdout.write(f"backup written: {target} ({target.stat().st_size} bytes)")
