from django.core.management.base import BaseCommand, CommandError

from frenchtech.core.audit import verify_chain
from frenchtech.core.audit_anchor import (
    AnchorError,
    anchor_path,
    check_against_anchor,
    write_anchor,
)
from frenchtech.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Recompute the audit log's HMAC chain and report any changed or removed row; "
        "with --anchor, also check the log still reaches its anchor (cut tail, emptied table)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor", action="store_true", help="also compare with the anchor file"
        )
        parser.add_argument(
            "--write-anchor",
            action="store_true",
            help="once the chain verifies, anchor its last row (after a restore, or on a schedule)",
        )

    def handle(self, *args, **options):
        problems = [f"audit entry {b.entry_id}: {b.reason}" for b in verify_chain()]
        if options["anchor"]:
            try:
                problems += check_against_anchor()
            except AnchorError as error:
                problems.append(str(error))
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"audit log tampered with: {len(problems)} problem(s) found")
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries verified")
        if options["write_anchor"]:
            anchor = write_anchor()
            if anchor is not None:
                self.stdout.write(
                    f"anchored row {anchor.last_id} ({anchor.count} rows) in {anchor_path()}"
                )
