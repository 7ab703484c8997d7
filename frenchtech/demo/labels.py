"""The demo's labels: one at each stage of the lifecycle, on the demo consortia. Idempotent.

Lyon: the calls demo's application, labelled (by the committee demo when it has recorded
a decision, else by the Mission here, said so in the public reason), in experimentation.
Bordeaux: a 2015 label confirmed then expired, and a current label confirmed after its
audit and yearly report. Nantes: a 2016 label withdrawn at its audit, and a current label
suspended.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from frenchtech.accounts.models import Organisation, User
from frenchtech.calls.models import Application
from frenchtech.core.actor import SYSTEM
from frenchtech.labels import actions, reporting
from frenchtech.labels.dates import add_years
from frenchtech.labels.enums import AuditOutcome, MilestoneStatus
from frenchtech.labels.models import Label

MISSION_HEAD = "mission.head@demo.frenchtech.invalid"
DEMO_REASON = "Démonstration : label enregistré par la Mission pour illustrer le parcours."


def _consortium(city) -> Organisation:
    return Organisation.objects.get(name=f"French Tech {city} (démo)", is_demo=True)


def _lead(organisation) -> User:
    return User.objects.get(
        memberships__organisation=organisation, memberships__role="consortium_lead"
    )


def _record(organisation, granted_at, mission, application=None):
    return actions.record_label_without_decision(
        consortium=organisation,
        granted_at=granted_at,
        by=mission,
        public_reason=DEMO_REASON,
        application=application,
    )


def _lyon(mission, today) -> str:
    organisation = _consortium("Lyon")
    application = Application.objects.filter(consortium=organisation).order_by("id").first()
    existing = Label.objects.filter(consortium=organisation).first()
    if existing is None:
        # The committee demo labels Lyon through the State's decision; without it, the
        # Mission records the label itself so the public list is never empty.
        existing = _record(organisation, today - dt.timedelta(days=60), mission, application)
    return f"  {organisation.name}: {existing.get_status_display()}"


def _bordeaux(mission, today) -> str:
    organisation = _consortium("Bordeaux")
    if not Label.objects.filter(consortium=organisation).exists():
        old = _record(organisation, dt.date(2015, 6, 1), mission)
        actions.record_audit(
            label=old,
            by=mission,
            outcome=AuditOutcome.CONFIRM,
            reasons="Démo : feuille de route tenue.",
            public_reason="Audit favorable (démo).",
            on=dt.date(2016, 6, 10),
        )
        actions.expire_labels(by=SYSTEM, now=dt.date(2019, 6, 2))
        current = _record(organisation, add_years(today, -2), mission)
        lead = _lead(organisation)
        report = reporting.open_report(label=current, year=today.year - 1, by=lead)
        reporting.save_report(
            report=report,
            by=lead,
            strategy_summary="Démo : le bâtiment totem a ouvert, le fonds local est en retard.",
            milestones=[
                {"title": "Ouvrir le bâtiment totem", "status": MilestoneStatus.REACHED},
                {"title": "Fonds d'amorçage local", "status": MilestoneStatus.LATE},
            ],
            declarations={"digital_scaleups": (12.0, "Démo : recensement de la CCI.")},
        )
        reporting.submit_report(report=report, by=lead)
        reporting.review_report(report=report, by=mission, accept=True, comment="Démo : merci.")
        actions.record_audit(
            label=current,
            by=mission,
            outcome=AuditOutcome.CONFIRM,
            reasons="Démo : rapport annuel validé.",
            public_reason="Audit favorable (démo).",
            report=report,
            on=add_years(today, -1) + dt.timedelta(days=10),
        )
    current = Label.objects.filter(consortium=organisation).order_by("-granted_at").first()
    return f"  {organisation.name}: {current.get_status_display()} (+ un label échu)"


def _nantes(mission, today) -> str:
    organisation = _consortium("Nantes")
    if not Label.objects.filter(consortium=organisation).exists():
        old = _record(organisation, dt.date(2016, 1, 10), mission)
        actions.record_audit(
            label=old,
            by=mission,
            outcome=AuditOutcome.WITHDRAW,
            reasons="Démo : aucun jalon atteint.",
            public_reason="Feuille de route non engagée (démo).",
            on=dt.date(2017, 1, 20),
        )
        current = _record(organisation, today - dt.timedelta(days=240), mission)
        actions.suspend_label(
            label=current,
            by=mission,
            reasons="Démo : gouvernance du consortium contestée.",
            public_reason="Gouvernance en cours de clarification (démo).",
            on=today - dt.timedelta(days=30),
        )
    current = Label.objects.filter(consortium=organisation).order_by("-granted_at").first()
    return f"  {organisation.name}: {current.get_status_display()} (+ un label retiré)"


@transaction.atomic
def load() -> list[str]:
    mission = User.objects.get(email=MISSION_HEAD)
    today = timezone.localdate()
    return ["Labels:", _lyon(mission, today), _bordeaux(mission, today), _nantes(mission, today)]
