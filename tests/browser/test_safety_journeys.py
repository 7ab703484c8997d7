"""No one-click loss, no pre-selected verdict, no impossible date, in real Chromium: the
withdrawal's confirmation (cancel keeps the application), a vote refused without a
choice and confirmed before it counts, an audit dated before its label refused, a
relabelling that shows its effect before it is confirmed, a refused round form that
keeps its values."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.models import Application
from frenchtech.committee.actions.rounds import active_members
from frenchtech.committee.actions.sessions import move_session, plan_session, record_attendance
from frenchtech.committee.models import CommitteeRound
from frenchtech.core.actor import SYSTEM
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.labels.actions import record_label_without_decision
from frenchtech.labels.models import Label
from tests.browser.test_committee_round import sign_in

pytestmark = pytest.mark.browser

MISSION = "mission.officer@demo.frenchtech.invalid"
MEMBER = "committee@demo.frenchtech.invalid"
OTHER_MEMBER = "cdc@demo.frenchtech.invalid"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _demo(*, committee=True):
    from frenchtech.demo import calls as calls_demo
    from frenchtech.demo import committee as committee_demo

    load_demo_accounts()
    calls_demo.load()
    if committee:
        committee_demo.load()


def _bordeaux():
    return Application.objects.get(consortium__name="French Tech Bordeaux (démo)")


def test_the_withdrawal_asks_and_cancelling_keeps_the_application(page, live_server, observatory):
    _demo(committee=False)
    nantes = Application.objects.get(consortium__name="French Tech Nantes (démo)")
    lead = sign_in(page.context.browser, live_server, "nantes.lead@demo.frenchtech.invalid")
    messages = []
    lead.on("console", lambda message: messages.append(message.text))
    lead.goto(nantes.get_absolute_url())
    lead.get_by_role("button", name="Retirer la candidature").click()
    expect(lead.get_by_role("heading", level=1)).to_contain_text("Retirer la candidature")
    expect(lead.locator("#confirmation-consequences")).to_contain_text("définitivement")
    lead.get_by_role("link", name="Annuler").click()
    expect(lead.locator("#application-state")).not_to_have_attribute("data-state", "withdrawn")
    nantes.refresh_from_db()
    assert nantes.state != ApplicationState.WITHDRAWN
    lead.get_by_role("button", name="Retirer la candidature").click()
    lead.get_by_role("button", name="Retirer définitivement").click()
    expect(lead.locator("#application-state")).to_have_attribute("data-state", "withdrawn")
    assert not [m for m in messages if "Content Security Policy" in m]


def test_a_vote_needs_a_choice_and_a_confirmation_and_the_tally_waits(
    page, live_server, observatory
):
    _demo()
    round_ = CommitteeRound.objects.get()
    bordeaux = _bordeaux()
    from frenchtech.accounts.models import User

    officer = User.objects.get(email=MISSION)
    session = plan_session(by=officer, round_=round_, held_on=dt.datetime.now(dt.UTC), quorum=2)
    present = [m for m in active_members() if m.user.email in (MEMBER, OTHER_MEMBER)]
    record_attendance(by=officer, session=session, present_members=present)
    move_session(by=officer, session=session, transition="open")
    from frenchtech.committee.actions.sessions import cast_vote

    cast_vote(by=User.objects.get(email=OTHER_MEMBER), session=session, application=bordeaux,
              choice="refused")  # fmt: skip

    member = sign_in(page.context.browser, live_server, MEMBER)
    member.goto(session.get_absolute_url())
    section = member.locator(f"section[data-application='{bordeaux.pk}']")
    expect(section.locator(".tally")).to_contain_text("1 vote exprimé")
    expect(section.locator(".tally")).not_to_contain_text("Refusé")
    radios = section.get_by_role("radio")
    expect(radios).to_have_count(3)
    for index in range(3):
        expect(radios.nth(index)).not_to_be_checked()
    # « Voter » without a choice: the browser refuses it; the server would too.
    section.get_by_role("button", name="Voter").click()
    assert bordeaux.committee_votes.count() == 1
    section.locator("form.vote-form").evaluate("form => form.noValidate = true")
    section.get_by_role("button", name="Voter").click()
    section = member.locator(f"section[data-application='{bordeaux.pk}']")
    expect(section).to_contain_text("Choisissez une réponse")
    assert bordeaux.committee_votes.count() == 1
    # Chosen, then confirmed: the vote counts and the tally shows.
    section.get_by_text("Labellisé pour un an", exact=True).click()
    section.get_by_role("button", name="Voter").click()
    expect(member.locator("#confirmation-facts")).to_contain_text("Labellisé pour un an")
    expect(member.locator("#confirmation-consequences")).to_contain_text("définitif")
    member.get_by_role("button", name="Voter").click()
    expect(member.get_by_text("Vote enregistré.")).to_be_visible()
    section = member.locator(f"section[data-application='{bordeaux.pk}']")
    expect(section.locator(".tally")).to_contain_text("Refusé 1")
    assert bordeaux.committee_votes.count() == 2


def test_a_relabelling_shows_its_effect_before_it_is_confirmed(page, live_server, observatory):
    _demo()
    round_ = CommitteeRound.objects.get()
    bordeaux = _bordeaux()
    live = record_label_without_decision(
        consortium=bordeaux.consortium, granted_at=dt.date.today() - dt.timedelta(days=500),
        by=SYSTEM, public_reason="Label en cours (test).",
    )  # fmt: skip
    mission = sign_in(page.context.browser, live_server, MISSION)
    mission.goto(f"/comite/tours/{round_.pk}/candidatures/{bordeaux.pk}/")
    form = mission.locator("#decision-form")
    expect(form).to_contain_text("remplace le label en cours")
    for radio in form.get_by_role("radio").all():
        expect(radio).not_to_be_checked()
    form.get_by_text("Labellisé pour un an", exact=True).click()
    form.get_by_label("Motifs", exact=True).fill("Stratégie renouvelée.")
    form.get_by_role("button", name="Enregistrer la décision de l'État").click()
    form = mission.locator("#decision-form")
    expect(form).to_contain_text("Cochez la case pour remplacer le label en cours.")
    expect(form.get_by_label("Motifs", exact=True)).to_have_value("Stratégie renouvelée.")
    form.locator("label[for='id_replaces_live_label']").click()
    form.get_by_role("button", name="Enregistrer la décision de l'État").click()
    expect(mission.locator("#confirmation-consequences")).to_contain_text(
        "remplace le label en cours"
    )
    live.refresh_from_db()
    assert live.is_live
    mission.get_by_role("button", name="Enregistrer la décision").click()
    expect(mission.locator("#application-state")).to_have_attribute("data-state", "labelled")
    live.refresh_from_db()
    assert live.status == "renewed"


def test_an_early_audit_date_and_a_duplicate_round_are_refused_with_the_input_kept(
    page, live_server, observatory
):
    _demo()
    label = Label.objects.get(consortium__name="French Tech Lyon (démo)", status="experimentation")
    mission = sign_in(page.context.browser, live_server, MISSION)
    mission.goto(f"/labels/{label.pk}/gestion/")
    audit = mission.locator("#move-audit")
    expect(audit.get_by_role("radio", name="Confirmer le label pour trois ans")).not_to_be_checked()
    audit.get_by_role("radio").first.check(force=True)
    audit.get_by_label("Motifs (internes)").fill("Feuille de route tenue.")
    audit.get_by_label("Date d'effet").fill("2010-01-01")
    audit.get_by_role("button").click()
    audit = mission.locator("#move-audit")
    expect(audit).to_contain_text("avant l'attribution du label")
    expect(audit.get_by_label("Motifs (internes)")).to_have_value("Feuille de route tenue.")
    label.refresh_from_db()
    assert label.status == "experimentation"

    round_ = CommitteeRound.objects.get()
    mission.goto("/comite/")
    mission.get_by_label("Appel à projets").select_option(str(round_.call_id))
    mission.get_by_label("Titre du tour").fill(round_.title)
    mission.get_by_label("Rapporteurs par candidature").fill("2")
    mission.get_by_role("button", name="Ouvrir le tour").click()
    expect(mission.get_by_text("déjà un tour intitulé")).to_be_visible()
    expect(mission.get_by_label("Titre du tour")).to_have_value(round_.title)
    expect(mission.get_by_label("Rapporteurs par candidature")).to_have_value("2")
    assert CommitteeRound.objects.count() == 1
