from django.core.management.base import BaseCommand, CommandError

from frenchtech.core.audit import verify_chain
from frenchtech.core.models import AuditEntry


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report any changed or removed row."

    def handle(self, *args, **options):
        breaks = verify_chain()
        if breaks:
            for chain_break in breaks:
                self.stderr.write(f"audit entry {chain_break.entry_id}: {chain_break.reason}")
            raise CommandError(f"audit log tampered with: {len(breaks)} problem(s) found")
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries verified")
