"""Dates checked against the object's own life, in the write actions.

* `not_before`: a date that cannot precede another (an audit before the label's grant).
* `past_needs_reason`: a date in the past is accepted only with a reason, which is written
  to the audit log beside the object (`past_date_override`); without one it is refused on
  its field. A date that can never be in the past passes no reason (`allow_reason=False`).
"""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frenchtech.core.audit import record
from frenchtech.core.refusals import ActionRefused


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def not_before(day, floor, *, field: str, what: str, floor_what: str) -> None:
    """Refuse `day` (`what`, e.g. "L'audit") when it precedes `floor` (`floor_what`)."""
    if day is None or floor is None:
        return
    if _as_date(day) < _as_date(floor):
        raise ActionRefused(
            _("%(what)s ne peut pas être daté du %(day)s : avant %(floor_what)s (%(floor)s).")
            % {
                "what": what,
                "day": date_format(_as_date(day), "j F Y"),
                "floor_what": floor_what,
                "floor": date_format(_as_date(floor), "j F Y"),
            },
            field=field,
        )


def is_past(when, now=None) -> bool:
    now = now or timezone.now()
    if isinstance(when, dt.datetime):
        return when < now
    return when < timezone.localdate(now)


def past_needs_reason(
    when, reason: str = "", *, field: str, what: str, obj=None, allow_reason: bool = True
) -> None:
    """Refuse a past `when` without a reason (or at all when `allow_reason` is False); a
    past date kept with its reason is written to the audit log about `obj`."""
    if when is None or not is_past(when):
        return
    if not allow_reason:
        raise ActionRefused(
            _("%(what)s ne peut pas être dans le passé.") % {"what": what}, field=field
        )
    if not (reason or "").strip():
        raise ActionRefused(
            _(
                "%(what)s est dans le passé : corrigez-la, ou indiquez pourquoi dans "
                "« Motif d'une date passée »."
            )
            % {"what": what},
            field=field,
        )
    if obj is not None:
        record(
            "past_date_override",
            object_type=obj._meta.label,
            object_id=obj.pk,
            after={"field": field, "date": str(when), "reason": reason.strip()},
        )
