"""The audit log's anchor: its last row, written outside the database.

The chain (`core/audit.py`) is an HMAC whose key is not in the database, so nobody
without the key can rewrite a row and recompute the rest. What the chain alone cannot
show is a cut: removing the last rows, or every row, leaves a valid (shorter) chain. The
anchor closes that gap: after each commit that wrote audit rows, the last row's id and
digest and the number of rows are written to a file outside the database
(`FRENCHTECH_AUDIT_ANCHOR`, default `var/audit/anchor.json`), itself signed with the
key. `manage.py verify_audit_log --anchor` checks the table still reaches that row.
Keep the anchor where the database's administrators cannot write (another volume, a
copy shipped off the host): the database and its anchor should not fall together.
"""

import fcntl
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone


@dataclass(frozen=True)
class Anchor:
    last_id: int
    last_hash: str
    count: int
    written_at: str


def anchor_path() -> Path:
    return Path(settings.FRENCHTECH_AUDIT_ANCHOR)


def _signature(fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(settings.FRENCHTECH_AUDIT_KEY.encode(), payload, hashlib.sha256).hexdigest()


def _current_state(previous: "Anchor | None") -> "Anchor | None":
    """The table's last row and size now (None when empty); counted from the previous
    anchor onwards when it still holds, so that anchoring stays cheap on a long log."""
    from frenchtech.core.models import AuditEntry

    last = AuditEntry.objects.order_by("-id").values_list("id", "entry_hash").first()
    if last is None:
        return None
    rows = AuditEntry.objects.filter(id__lte=last[0])
    if (
        previous is not None
        and AuditEntry.objects.filter(id=previous.last_id, entry_hash=previous.last_hash).exists()
    ):
        count = previous.count + rows.filter(id__gt=previous.last_id).count()
    else:
        count = rows.count()
    return Anchor(last[0], last[1], count, timezone.now().isoformat())


def write_anchor() -> "Anchor | None":
    """Anchor the table's current last row; never moves an anchor backwards."""
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        # Two processes committing at once: the later row wins, whatever the order.
        fcntl.flock(lock, fcntl.LOCK_EX)
        previous = read_anchor()
        state = _current_state(previous)
        if state is None:
            return None
        if previous is not None and previous.last_id > state.last_id:
            return previous
        fields = {
            "last_id": state.last_id,
            "last_hash": state.last_hash,
            "count": state.count,
            "written_at": state.written_at,
        }
        temporary = path.with_suffix(f".tmp{os.getpid()}")
        temporary.write_text(json.dumps({**fields, "signature": _signature(fields)}, indent=2))
        os.replace(temporary, path)
    return state


class AnchorError(Exception):
    pass


def read_anchor() -> Anchor | None:
    """The anchor on disk (None if there is none); AnchorError if it is not ours."""
    path = anchor_path()
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
        fields = {key: data[key] for key in ("last_id", "last_hash", "count", "written_at")}
        signature = data["signature"]
    except (ValueError, KeyError, TypeError) as error:
        raise AnchorError(f"{path}: unreadable anchor ({error})") from None
    if not hmac.compare_digest(_signature(fields), str(signature)):
        raise AnchorError(f"{path}: the anchor's signature does not match (forged or other key)")
    return Anchor(**fields)


def _write_anchor_quietly() -> None:
    if settings.FRENCHTECH_AUDIT_ANCHOR:
        write_anchor()


def anchor_after_commit() -> None:
    """Queue one anchor write for when the current transaction commits."""
    if not settings.FRENCHTECH_AUDIT_ANCHOR:
        return
    if not connection.in_atomic_block:
        _write_anchor_quietly()
        return
    if any(queued[1] is _write_anchor_quietly for queued in connection.run_on_commit):
        return
    transaction.on_commit(_write_anchor_quietly, robust=True)


def check_against_anchor() -> list[str]:
    """What the table lacks compared with the anchor (empty when it reaches it)."""
    from frenchtech.core.models import AuditEntry

    anchor = read_anchor()
    if anchor is None:
        return [f"no anchor at {anchor_path()}: write one with verify_audit_log --write-anchor"]
    problems = []
    row = AuditEntry.objects.filter(id=anchor.last_id).values_list("entry_hash", flat=True)
    stored = row.first()
    total = AuditEntry.objects.count()
    if total == 0:
        problems.append(f"the audit log is empty but the anchor holds {anchor.count} rows")
    elif stored is None:
        problems.append(
            f"anchored row {anchor.last_id} is missing: the log was cut "
            f"(last row now {AuditEntry.objects.order_by('-id').values_list('id', flat=True)[0]})"
        )
    elif not hmac.compare_digest(stored, anchor.last_hash):
        problems.append(f"anchored row {anchor.last_id} does not carry the anchored digest")
    counted = AuditEntry.objects.filter(id__lte=anchor.last_id).count()
    if total and counted != anchor.count:
        problems.append(
            f"{counted} rows up to {anchor.last_id}, the anchor says {anchor.count}: rows removed"
        )
    return problems
