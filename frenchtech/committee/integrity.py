"""Verifying the committee's chains (votes, recommendations, decisions).

Three checks per chained table: each row's hash matches its content; each row links to
the previous one; each row matches the hash the core audit log recorded when it was
written (so a removed last row, or a row inserted behind the application's back, shows).
"""

from dataclasses import dataclass

from frenchtech.core.audit import GENESIS_HASH
from frenchtech.core.models import AuditEntry


@dataclass(frozen=True)
class Problem:
    table: str
    row_id: int | str
    reason: str

    def __str__(self):
        return f"{self.table} {self.row_id}: {self.reason}"


def _recorded_hashes(label: str) -> dict[str, str]:
    """{row id: entry hash} as the audit log recorded them at creation."""
    recorded = {}
    rows = AuditEntry.objects.filter(object_type=label, before__isnull=True).values_list(
        "object_id", "after"
    )
    for object_id, after in rows:
        if after and "entry_hash" in after:
            recorded[object_id] = after["entry_hash"]
    return recorded


def verify_table(model) -> list[Problem]:
    label = model._meta.label_lower
    problems = []
    expected_previous = GENESIS_HASH
    recorded = _recorded_hashes(label)
    seen = set()
    for row in model._base_manager.order_by("id").iterator(chunk_size=2000):
        seen.add(str(row.pk))
        if row.previous_hash != expected_previous:
            problems.append(
                Problem(label, row.pk, "previous hash does not match: a row was removed before it")
            )
        if row.compute_hash() != row.entry_hash:
            problems.append(Problem(label, row.pk, "content does not match its hash: row changed"))
        if recorded.get(str(row.pk)) != row.entry_hash:
            problems.append(
                Problem(label, row.pk, "hash differs from the one the audit log recorded")
            )
        expected_previous = row.entry_hash
    for missing in sorted(set(recorded) - seen, key=lambda pk: int(pk)):
        problems.append(Problem(label, missing, "row recorded in the audit log is missing"))
    return problems


def verify_committee_chains() -> list[Problem]:
    from frenchtech.committee.models import CHAINED_MODELS

    problems = []
    for model in CHAINED_MODELS:
        problems.extend(verify_table(model))
    return problems
