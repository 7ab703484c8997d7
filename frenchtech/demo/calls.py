"""The demo's calls and applications: a rolling 2014 call, a 2019 relabelling call with a
deadline, and the demo consortia's applications in several states. Idempotent."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from frenchtech.accounts.models import Organisation, User
from frenchtech.calls import actions
from frenchtech.calls.enums import CallMode, CallState
from frenchtech.calls.models import Application, Call
from frenchtech.calls.sections import SECTIONS

MISSION_OFFICER = "mission.officer@demo.frenchtech.invalid"
ROLLING_TITLE = "Appel à projets French Tech (démo, au fil de l'eau)"
RELABELLING_TITLE = "Relabellisation 2019 (démo, avec date limite)"
# A one-page PDF, enough to stand for a letter of support.
LETTER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _answers(definition, city: str) -> dict:
    patch = {
        text.key: f"{city} (démo) — {text.label} : texte fictif de démonstration."
        for text in definition.texts
    }
    patch.update({number.key: 25_000_000 for number in definition.numbers})
    if definition.has_actors:
        patch["actors"] = (
            f"Université de {city} (démo) ; ; recherche\nIncubateur {city} (démo) ; ; accompagnement"  # noqa: E501
        )
        patch["actor_list"] = [
            {"name": f"Université de {city} (démo)", "siren": "", "role": "recherche"},
            {"name": f"Incubateur {city} (démo)", "siren": "", "role": "accompagnement"},
        ]
    if definition.indicators:
        # Only where the observatory has no figure yet: a declaration needs no justification.
        patch["figures"] = {}
    return patch


def _fill(application, by, city):
    for definition in SECTIONS:
        section = application.sections.get(key=definition.key)
        patch = _answers(definition, city)
        if definition.indicators:
            for indicator in definition.indicators:
                if section.data["figures"][indicator.key]["observatory"] is None:
                    patch["figures"][indicator.key] = {"declared": 10, "justification": "Démo."}
        actions.save_section(section=section, by=by, patch=patch, expected_version=section.version)
    actions.add_attachment(
        application=application,
        section_key="letters",
        upload=SimpleUploadedFile(f"soutien-{city.lower()}.pdf", LETTER_PDF),
        by=by,
    )


def _call(title, mission, **fields) -> Call:
    call = Call.objects.filter(title=title).first()
    if call is None:
        call = actions.create_call(
            by=mission,
            title=title,
            text="<p>Les métropoles candidatent avec leur écosystème : entrepreneurs, "
            "entreprises, écoles, investisseurs et collectivité (démonstration).</p>",
            eligibility_rules="Un EPCI à fiscalité propre (métropole, communauté urbaine ou "
            "d'agglomération) porte la candidature.",
            **fields,
        )
    if call.state == CallState.DRAFT:
        actions.publish_call(call=call, by=mission)
    return call


def _lead(organisation):
    return User.objects.get(
        memberships__organisation=organisation, memberships__role="consortium_lead"
    )


@transaction.atomic
def load() -> list[str]:
    mission = User.objects.get(email=MISSION_OFFICER)
    rolling = _call(ROLLING_TITLE, mission, mode=CallMode.ROLLING)
    relabelling = _call(
        RELABELLING_TITLE,
        mission,
        mode=CallMode.DEADLINE,
        deadline=timezone.now() + dt.timedelta(days=20),
        closing_message="La relabellisation 2019 est close (démo).",
    )
    consortia = {
        city: Organisation.objects.get(name=f"French Tech {city} (démo)", is_demo=True)
        for city in ("Lyon", "Bordeaux", "Nantes")
    }
    lines = [f"Calls: « {rolling.title} », « {relabelling.title} »"]
    for city, organisation in consortia.items():
        if Application.objects.filter(call=rolling, consortium=organisation).exists():
            continue
        lead = _lead(organisation)
        application = actions.start_application(call=rolling, consortium=organisation, by=lead)
        if city == "Nantes":
            lines.append(f"  {organisation.name}: application started")
            continue
        _fill(application, lead, city)
        actions.submit_application(application=application, by=lead)
        if city == "Lyon":
            for transition in ("start_screening", "open_co_construction"):
                application = actions.move_application(
                    application=application, transition=transition, by=mission
                )
            actions.post_message(
                application=application,
                by=mission,
                body="Bonjour, je suis votre contact à la Mission. Pouvons-nous fixer une visite ?",
            )
            actions.schedule_site_visit(
                application=application,
                by=mission,
                scheduled_for=timezone.now() + dt.timedelta(days=14),
                location="Hôtel de la Métropole (démo)",
            )
        lines.append(f"  {organisation.name}: application submitted")
    return lines
