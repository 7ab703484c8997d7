"""A whole committee round in real Chromium on the demo: assignment, reviews, consensus,
session, votes, the State's decision, its letter and its publication."""

import importlib.util
import re
import time
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from frenchtech.calls.models import Application
from frenchtech.committee.models import Assignment, CommitteeRound
from frenchtech.demo.accounts import load_demo_accounts
from tests.browser.credentials import submit_credentials

pytestmark = pytest.mark.browser

MISSION = "mission.officer@demo.frenchtech.invalid"
CONFLICTED = "businessfrance@demo.frenchtech.invalid"  # lives in Bordeaux (demo)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    submit_credentials(page, email)
    device = TOTPDevice.objects.filter(user__email=email).first()
    if device is not None:
        page.goto("/comite/")
        page.get_by_label("Code à 6 chiffres").fill(f"{fresh_code(device):06d}")
        page.get_by_role("button", name="Valider").click()
        page.wait_for_url(re.compile(r".*/comite/$"))
    return page


def fresh_code(device) -> int:
    """A code not used yet: django-otp refuses a code twice, and people sign in twice here."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    step = max(now, (device.last_t or -1) + 1)
    if step > now + device.tolerance:
        time.sleep((step - device.tolerance) * device.step + device.t0 - totp.time + 0.5)
    totp.time = step * device.step + device.t0
    return totp.token()


def shoot(page, request, name):
    directory = Path(request.config.getoption("--screenshots-dir"))
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(directory / f"{name}.png"), full_page=True)


def test_a_whole_committee_round(page, live_server, observatory, request):
    from frenchtech.demo import calls as calls_demo
    from frenchtech.demo import committee as committee_demo

    load_demo_accounts()
    calls_demo.load()
    committee_demo.load()
    browser = page.context.browser
    round_ = CommitteeRound.objects.get()
    bordeaux = Application.objects.get(consortium__name="French Tech Bordeaux (démo)")
    application_url = f"/comite/tours/{round_.pk}/candidatures/{bordeaux.pk}/"

    # Assignment: the Mission computes it; the conflicted member is left out.
    mission = sign_in(browser, live_server, MISSION)
    mission.goto(round_.get_absolute_url())
    mission.get_by_role("button", name="Calculer l'attribution des rapporteurs").click()
    expect(mission.get_by_text("attributions calculées")).to_be_visible()
    row = mission.locator(f"#agenda tr[data-application='{bordeaux.pk}']")
    expect(row.get_by_text("rapporteur du consensus")).to_have_count(1)
    assert "Léa Export" not in row.inner_text()
    shoot(mission, request, "committee-01-assignment")
    reviewers = list(
        Assignment.objects.filter(round=round_, application=bordeaux)
        .select_related("member__user")
        .order_by("-is_rapporteur", "member_id")
    )
    assert len(reviewers) == 3

    # Reviews: hidden from the others until one's own is submitted.
    for index, assignment in enumerate(reviewers):
        member = sign_in(browser, live_server, assignment.member.user.email)
        member.goto(application_url)
        if index:
            expect(member.locator("#reviews-hidden")).to_be_visible()
        member.get_by_role("link", name="Mon avis").click()
        for number, score in ((1, "4"), (2, "3.5"), (3, "4.5")):
            member.get_by_label(re.compile(f"^Critère {number} — .* : note")).select_option(score)
        member.get_by_label("Critère 1 : commentaire").fill("Écosystème dynamique.")
        member.get_by_role("button", name="Remettre l'avis").click()
        expect(member.get_by_text("Avis remis.")).to_be_visible()
        expect(member.locator("#reviews section")).to_have_count(index + 1)
        shoot(member, request, f"committee-02-review-{index + 1}")
        if index == 0:
            rapporteur = member  # kept signed in: a third sign-in would wait for a new code
        else:
            member.context.close()
    # The rapporteur writes the consensus once every review is in.
    rapporteur.goto(application_url)
    rapporteur.get_by_role("link", name="Rédiger le consensus").click()
    rapporteur.get_by_label("Synthèse des avis").fill("Avis convergents : à labelliser.")
    rapporteur.get_by_text("Labellisé pour un an", exact=True).click()
    rapporteur.get_by_role("button", name="Enregistrer le consensus").click()
    expect(rapporteur.locator("#consensus")).to_contain_text("Avis convergents")
    rapporteur.context.close()

    # The conflicted member reaches nothing of it.
    conflicted = sign_in(browser, live_server, CONFLICTED)
    response = conflicted.goto(application_url)
    assert response.status == 403
    conflicted.goto(round_.get_absolute_url())
    expect(conflicted.locator("#agenda")).not_to_contain_text("Bordeaux")

    # Session: planned, attendance and quorum, opened.
    mission.goto(round_.get_absolute_url())
    mission.get_by_label("Date et heure de la séance").fill("2014-11-12T10:00")
    mission.get_by_label("Lieu").fill("Bercy")
    mission.get_by_label("Quorum (membres présents)").fill("3")
    mission.get_by_role("button", name="Planifier la séance").click()
    expect(mission.get_by_text("Séance planifiée.")).to_be_visible()
    session_url = mission.url
    # DSFR draws the checkbox under its label: click the label, as a person does.
    for name in [a.member.user.full_name for a in reviewers] + ["Léa Export (démo)"]:
        mission.locator("#attendance-form label", has_text=name).click()
    mission.get_by_role("button", name="Enregistrer les présences").click()
    expect(mission.get_by_text("4 membre(s) présent(s).")).to_be_visible()
    mission.get_by_role("button", name="Ouvrir la séance").click()
    expect(mission.locator("#session-state")).to_have_attribute("data-state", "open")
    shoot(mission, request, "committee-03-session-open")

    # Votes: each present, unconflicted member once; the conflicted one is not offered it.
    for assignment in reviewers:
        member = sign_in(browser, live_server, assignment.member.user.email)
        member.goto(session_url)
        section = member.locator(f"section[data-application='{bordeaux.pk}']")
        section.get_by_text("Labellisé pour un an", exact=True).click()
        section.get_by_role("button", name="Voter").click()
        member.get_by_role("button", name="Voter").click()  # the confirmation page
        expect(member.get_by_text("Vote enregistré.")).to_be_visible()
        member.context.close()
    conflicted.goto(session_url)
    expect(conflicted.locator(f"section[data-application='{bordeaux.pk}']")).to_have_count(0)

    # Recommendation, then the scoring engine's panel and the State's decision.
    mission.goto(session_url)
    section = mission.locator(f"section[data-application='{bordeaux.pk}']")
    expect(section).to_contain_text("3 votes exprimés")
    section.get_by_text("Labellisé pour un an", exact=True).click()
    section.get_by_role("button", name="Enregistrer la recommandation").click()
    mission.get_by_role("button", name="Enregistrer la recommandation").click()  # confirmed
    expect(mission.get_by_text("Recommandation du comité enregistrée.")).to_be_visible()
    mission.goto(application_url)
    expect(mission.locator("#scoring-category")).to_be_visible()
    expect(mission.locator("#scoring-probability")).to_contain_text("%")
    mission.locator("#id_w_committee_growth_strategy").fill("60")
    mission.get_by_role("button", name="Recalculer sans enregistrer").click()
    expect(mission.locator("#what-if-result")).to_be_visible()
    shoot(mission, request, "committee-04-scoring")
    decision = mission.locator("#decision-form")
    decision.get_by_text("Labellisé pour un an", exact=True).click()
    decision.get_by_label("Motifs", exact=True).fill(
        "Écosystème de niveau international, projet fédérateur."
    )
    decision.get_by_role("button", name="Enregistrer la décision de l'État").click()
    mission.get_by_role("button", name="Enregistrer la décision").click()  # confirmed
    expect(mission.locator("#application-state")).to_have_attribute("data-state", "labelled")
    with mission.expect_download() as download:
        mission.get_by_role("link", name="Lettre de décision (PDF)").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    shoot(mission, request, "committee-05-decision")

    # Publication.
    if importlib.util.find_spec("frenchtech.labels.actions") is not None:
        public = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
        public.goto("/labels/")
        expect(public.get_by_text("French Tech Bordeaux (démo)").first).to_be_visible()
        screenshot_page = public
    else:  # without the labels app, the application's page carries the decision
        mission.goto(f"/appels/candidatures/{bordeaux.pk}/")
        expect(mission.locator("#transition-log")).to_contain_text("Écosystème de niveau")
        screenshot_page = mission
    shoot(screenshot_page, request, "committee-06-published")
