"""Restore a backup made by `backup_database` into the configured database."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from frenchtech.core.management.commands.backup_database import run_postgres_tool


class Command(BaseCommand):
    help = (
        "Restore a backup_database file into the configured database (SQLite: a database "
        "file that does not exist yet, or --replace; PostgreSQL: pg_restore --clean). "
        "Then run verify_audit_log --anchor and reconcile_ledger."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the file written by backup_database")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite an existing database (stop the server first)",
        )

    def handle(self, *args, backup, replace, **options):
        source_path = Path(backup)
        if not source_path.is_file():
            raise CommandError(f"{source_path}: no such backup file")
        database = connection.settings_dict
        if connection.vendor == "sqlite":
            self._restore_sqlite(source_path, Path(database["NAME"]), replace)
        elif connection.vendor == "postgresql":
            connection.close()
            run_postgres_tool(
                "pg_restore",
                [
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--dbname",
                    database["NAME"],
                    str(source_path),
                ],
                database,
            )
        else:
            raise CommandError(f"no restore for the {connection.vendor} backend")
        self.stdout.write(
            f"restored {source_path}; now run: manage.py verify_audit_log --anchor && "
            "manage.py reconcile_ledger"
        )

    def _restore_sqlite(self, source_path: Path, target: Path, replace: bool) -> None:
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        try:
            try:
                intact = source.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            except sqlite3.DatabaseError:
                intact = False
            if not intact:
                raise CommandError(f"{source_path}: not an intact SQLite database")
            has_data = target.exists() and target.stat().st_size > 0
            if has_data and not replace:
                raise CommandError(f"{target} exists: pass --replace to overwrite it")
            connection.close()
            target.parent.mkdir(parents=True, exist_ok=True)
            destination = sqlite3.connect(target)
            try:
                with destination:
                    source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
