"""Append-only, hash-chained committee records (votes, recommendations, decisions).

Each table is its own chain: a row stores the hash of the previous row of its table
(`previous_hash`) and its own (`entry_hash`), computed over its fields. Changing a stored
row breaks its hash, removing one breaks the next row's link; `verify_committee_integrity`
recomputes every chain. The rows are also audited (core audit log), whose own chain
records each row's hash when written, so even the last row of a chain cannot vanish
unnoticed.
"""

import hashlib

from django.db import connection, models, transaction

from frenchtech.core.append_only import AppendOnlyError
from frenchtech.core.audit import GENESIS_HASH, canonical_json
from frenchtech.core.audited import AuditedAppendOnlyModel, AuditedAppendOnlyQuerySet

# One advisory lock key per chained table, so writers of one chain queue on PostgreSQL.
_LOCK_BASE = 7_261_302_100


def _value(instance, field) -> object:
    value = getattr(instance, field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


class ChainedQuerySet(AuditedAppendOnlyQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # `bulk_create` skips `save()`, hence the chain's hashes: one row at a time.
        raise AppendOnlyError(f"{self.model._meta.label} rows are chained: save them one by one")

    bulk_create.alters_data = True


class ChainedRecord(AuditedAppendOnlyModel):
    CHAIN_LOCK_OFFSET = 0  # distinct per concrete model

    objects = models.Manager.from_queryset(ChainedQuerySet)()

    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        abstract = True

    def chained_fields(self) -> dict:
        return {
            field.attname: _value(self, field)
            for field in self._meta.concrete_fields
            if field.attname not in {"id", "previous_hash", "entry_hash"}
        }

    def compute_hash(self) -> str:
        payload = canonical_json(
            {
                "table": self._meta.label_lower,
                "fields": self.chained_fields(),
                "previous_hash": self.previous_hash,
            }
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.label} rows cannot be changed")
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(%s)", [_LOCK_BASE + self.CHAIN_LOCK_OFFSET]
                    )
            last = (
                type(self)
                ._base_manager.order_by("-id")
                .values_list("entry_hash", flat=True)
                .first()
            )
            self.previous_hash = last or GENESIS_HASH
            self.entry_hash = self.compute_hash()
            super().save(*args, **kwargs)
