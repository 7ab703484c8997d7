from django.core.management.base import BaseCommand, CommandError

from frenchtech.committee.integrity import verify_committee_chains
from frenchtech.committee.models import CHAINED_MODELS
from frenchtech.core.audit import verify_chain
from frenchtech.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Recompute the hash chains of committee votes, recommendations and decisions, and "
        "the core audit log's chain; report any changed, removed or forged row."
    )

    def handle(self, *args, **options):
        problems = [str(problem) for problem in verify_committee_chains()]
        problems += [
            f"core.auditentry {chain_break.entry_id}: {chain_break.reason}"
            for chain_break in verify_chain()
        ]
        if problems:
            for problem in problems:
                self.stderr.write(f"TAMPERED {problem}")
            raise CommandError(f"committee integrity check failed: {len(problems)} problem(s)")
        for model in CHAINED_MODELS:
            self.stdout.write(
                f"{model._meta.label_lower}: {model._base_manager.count()} rows, chain intact"
            )
        self.stdout.write(f"core.auditentry: {AuditEntry.objects.count()} entries, chain intact")
