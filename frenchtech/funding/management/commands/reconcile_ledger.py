from django.core.management.base import BaseCommand, CommandError

from frenchtech.funding.models import Envelope, LedgerTransaction
from frenchtech.funding.reconciliation import reconcile


class Command(BaseCommand):
    help = "Prove the funding ledger matches the decisions (commitments, de-commitments, payments)."

    def handle(self, *args, **options):
        problems = reconcile()
        if problems:
            for problem in problems:
                self.stderr.write(f"MISMATCH {problem}")
            raise CommandError(f"ledger does not match the decisions: {len(problems)} problem(s)")
        self.stdout.write(
            f"ledger reconciled: {LedgerTransaction.objects.count()} transactions over "
            f"{Envelope.objects.count()} envelopes match the decisions"
        )
