"""Writing and verifying the audit log.

`record()` is called inside the write's own transaction, so the audit row and the
change it describes are committed together or not at all.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from frenchtech.core.actor import current_action, current_actor, person
from frenchtech.core.audit_anchor import anchor_after_commit
from frenchtech.core.models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant works; it only has to be the same for every writer of the chain.
_POSTGRES_AUDIT_LOCK_KEY = 7_261_302_014


def canonical_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))


def audit_key() -> bytes:
    """The chain's HMAC key (`FRENCHTECH_AUDIT_KEY`, kept outside the database)."""
    return settings.FRENCHTECH_AUDIT_KEY.encode()


def entry_digest(entry: AuditEntry) -> str:
    payload = canonical_json(
        {
            "created_at": entry.created_at.isoformat(),
            "actor": entry.actor_id,
            "actor_label": entry.actor_label,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "before": entry.before,
            "after": entry.after,
            "previous_hash": entry.previous_hash,
        }
    )
    # An HMAC, not a bare hash: without the key nobody can recompute a rewritten chain.
    return hmac.new(audit_key(), payload.encode(), hashlib.sha256).hexdigest()


def _serialisable(state):
    # Round-trip through the encoder so the stored JSON and the hashed JSON are identical.
    return None if state is None else json.loads(canonical_json(state))


def record(action: str, *, object_type: str, object_id="", before=None, after=None, actor=None):
    """Append one audit row; the actor defaults to whoever is acting in this context."""
    actor = actor if actor is not None else current_actor()
    # The system and anonymous visitors are named, not linked.
    user = person(actor) if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialises writers of the chain; SQLite writers are already serialised.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_AUDIT_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        entry = AuditEntry(
            created_at=timezone.now(),
            actor=user,
            actor_label=_actor_label(actor),
            action=action or current_action() or "write",
            object_type=object_type,
            object_id=str(object_id),
            before=_serialisable(before),
            after=_serialisable(after),
            previous_hash=last or GENESIS_HASH,
        )
        entry.entry_hash = entry_digest(entry)
        entry.save()
    anchor_after_commit()
    return entry


def _actor_label(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.email
    return "anonymous" if getattr(actor, "is_anonymous", False) else "system"


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain() -> list[ChainBreak]:
    """Recompute every HMAC; return where the chain is broken (empty when intact)."""
    breaks = []
    expected_previous = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != expected_previous:
            breaks.append(ChainBreak(entry.id, "previous hash does not match: a row was removed"))
        if not hmac.compare_digest(entry_digest(entry), entry.entry_hash):
            breaks.append(
                ChainBreak(
                    entry.id, "content does not match its hash (HMAC): row was changed or forged"
                )
            )
        expected_previous = entry.entry_hash
    return breaks
