"""Reminders to draft holders before a deadline, and the Mission's daily digest.

Idempotent: each (application, schedule step) is recorded in ReminderSent and each day's
digest in DigestSent, so running the command twice sends nothing more.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from frenchtech.accounts.perms import MISSION_ROLES
from frenchtech.calls.enums import ApplicationState, CallMode, CallState, ReminderKind
from frenchtech.calls.models import Application, DigestSent, ReminderSent
from frenchtech.calls.notifications import consortium_addresses

WAITING_STATES = (ApplicationState.SUBMITTED, ApplicationState.RESUBMITTED)


def due_step(call, now) -> int | None:
    """The smallest schedule step (days before the deadline) already reached, if any."""
    if call.deadline is None or now >= call.deadline:
        return None
    reached = [
        days for days in call.reminder_days if now >= call.deadline - dt.timedelta(days=days)
    ]
    return min(reached) if reached else None


def send_deadline_reminders(now=None, base_url="") -> int:
    now = now or timezone.now()
    sent = 0
    drafts = Application.objects.filter(
        state=ApplicationState.DRAFT,
        call__state=CallState.PUBLISHED,
        call__mode=CallMode.DEADLINE,
        call__deadline__gt=now,
    ).select_related("call", "consortium")
    for application in drafts:
        step = due_step(application.call, now)
        if step is None:
            continue
        try:
            with transaction.atomic():
                # Recording first: a crash after sending must not lead to a second e-mail.
                ReminderSent.objects.create(
                    application=application, kind=ReminderKind.DEADLINE, step=step
                )
                # Steps skipped (the command did not run then) are marked too: one mail only.
                for larger in application.call.reminder_days:
                    if larger > step:
                        ReminderSent.objects.get_or_create(
                            application=application, kind=ReminderKind.DEADLINE, step=larger
                        )
        except IntegrityError:
            continue
        deadline = timezone.localtime(application.call.deadline).strftime("%d/%m/%Y à %H:%M")
        send_mail(
            f"Rappel : la candidature de {application.consortium.name} n'est pas déposée",
            f"L'appel « {application.call.title} » ferme le {deadline} (heure de Paris).\n"
            f"Votre candidature est encore en brouillon : "
            f"{base_url}{reverse('calls:application', args=[application.pk])}",
            settings.DEFAULT_FROM_EMAIL,
            consortium_addresses(application),
        )
        sent += 1
    return sent


def send_mission_digest(now=None, base_url="") -> bool:
    now = now or timezone.now()
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            digest = DigestSent.objects.create(day=day)
    except IntegrityError:
        return False
    from frenchtech.accounts.models import User

    recipients = list(
        User.objects.filter(
            memberships__role__in=MISSION_ROLES, memberships__is_active=True, is_active=True
        )
        .distinct()
        .values_list("email", flat=True)
    )
    counts = dict(Application.objects.values_list("state").annotate(n=Count("id")))
    waiting = Application.objects.filter(state__in=WAITING_STATES).select_related("consortium")
    lines = [f"Candidatures au {day:%d/%m/%Y} :"]
    lines += [f"  {label} : {counts.get(value, 0)}" for value, label in ApplicationState.choices]
    lines.append("")
    lines.append("En attente d'une action de la Mission :")
    for application in waiting:
        age = (now - application.state_changed_at).days
        url = f"{base_url}{reverse('calls:application', args=[application.pk])}"
        lines.append(f"  {application.consortium.name} — depuis {age} jour(s) — {url}")
    if recipients:
        send_mail(
            "Candidatures : point quotidien",
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    DigestSent.objects.filter(pk=digest.pk).update(recipients=len(recipients))
    return True
