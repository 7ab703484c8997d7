"""The management pages' forms: accelerators, envelopes, promotion actions, portfolio, exit."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import OrganisationKind, Partner, Role
from frenchtech.accounts.models import Organisation
from frenchtech.core.actor import SYSTEM
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger
from frenchtech.funding.actions import promotion
from frenchtech.funding.enums import EnvelopeKind, PromotionState, SelectionCriterion
from frenchtech.funding.models import Envelope, PromotionAction
from frenchtech.funding.reconciliation import reconcile
from frenchtech.territories.models import Epci
from tests.factories import OrganisationFactory, UserWithRoleFactory
from tests.funding.factories import (
    labelled_consortium,
    make_accelerator,
    make_envelope,
    make_partner,
    private_siren,
)
from tests.funding.investment_steps import file_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(client_for):
    return client_for(Role.MISSION_OFFICER)


def _client_of(user):
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _budget(amount=1_000_000_00):
    return make_envelope(amount, kind=EnvelopeKind.PROMOTION, name="Promotion (test)")


# Accelerators ---------------------------------------------------------------------------


def test_the_mission_registers_a_private_accelerator(mission):
    siren = private_siren()
    response = mission.post(
        reverse("funding:accelerators"), {"name": "Accélérateur Envol SAS", "siren": siren}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(kind=OrganisationKind.ACCELERATOR, siren=siren).name == (
        "Accélérateur Envol SAS"
    )
    again = mission.post(
        reverse("funding:accelerators"), {"name": "Autre nom", "siren": siren}, follow=True
    )
    assert "déjà enregistré" in _messages(again)
    assert Organisation.objects.filter(siren=siren).count() == 1


def test_an_invalid_siren_is_refused_on_the_page(mission):
    response = mission.post(reverse("funding:accelerators"), {"name": "Faux", "siren": "123456780"})
    assert response.status_code == 200
    assert response.context["form"].errors["siren"]
    assert not Organisation.objects.filter(name="Faux").exists()


def test_a_metropole_is_refused_with_the_founding_rule(mission):
    lyon = Epci.objects.get(source_type="MET69")
    response = mission.post(
        reverse("funding:accelerators"), {"name": "Métropole", "siren": lyon.code}
    )
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["siren"])
    assert "collectivité" in error
    assert "initiatives privées" in error
    assert not Organisation.objects.filter(kind=OrganisationKind.ACCELERATOR, siren=lyon.code)


@pytest.mark.parametrize(
    "role", [Role.COMMITTEE_MEMBER, Role.CONSORTIUM_LEAD, Role.ACCELERATOR_MANAGER]
)
def test_others_cannot_register_accelerators(client_for, role):
    response = client_for(role).post(
        reverse("funding:accelerators"), {"name": "X", "siren": private_siren()}
    )
    assert response.status_code == 403


# Envelopes ------------------------------------------------------------------------------


def _envelope_data(**overrides):
    data = {
        "name": "Fonds (page)",
        "kind": EnvelopeKind.ACCELERATION,
        "amount": "200 000 000",
        "valid_from": "2015-01-01",
        "valid_until": "2025-12-31",
        "manager": "",
        "min_private_share_percent": "50",
    }
    return data | overrides


def test_the_mission_creates_an_envelope_and_a_sub_allocation(mission):
    response = mission.post(reverse("funding:envelopes"), _envelope_data())
    envelope = Envelope.objects.get(name="Fonds (page)")
    assert response.url == reverse("funding:envelope", args=[envelope.pk])
    assert envelope.amount_cents == 200_000_000_00
    assert ledger.envelope_balances(envelope).available == 200_000_000_00
    url = reverse("funding:envelope", args=[envelope.pk])
    mission.post(url, {"name": "Écosystèmes labellisés", "amount": "50 000 000"})
    sub = envelope.sub_allocations.get()
    assert ledger.pool_balances(envelope, sub).available == 50_000_000_00
    assert ledger.pool_balances(envelope).available == 150_000_000_00
    too_much = mission.post(url, {"name": "Trop", "amount": "150 000 001"})
    assert too_much.status_code == 200
    assert "Réservation refusée" in " ".join(too_much.context["form"].non_field_errors())
    assert envelope.sub_allocations.count() == 1
    page = mission.get(url).content.decode()
    assert "Écosystèmes labellisés" in page
    assert reconcile() == []


def test_an_envelope_with_its_end_before_its_start_is_refused(mission):
    response = mission.post(reverse("funding:envelopes"), _envelope_data(valid_until="2014-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"]
    assert not Envelope.objects.exists()


def test_a_business_france_agent_creates_promotion_envelopes_only():
    agent = UserWithRoleFactory(
        Role.PARTNER_STAFF, organisation=make_partner(Partner.BUSINESS_FRANCE)
    )
    client = _client_of(agent)
    form = client.get(reverse("funding:envelopes")).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == [EnvelopeKind.PROMOTION]
    refused = client.post(reverse("funding:envelopes"), _envelope_data())
    assert refused.status_code == 200
    assert not Envelope.objects.exists()
    client.post(reverse("funding:envelopes"), _envelope_data(kind=EnvelopeKind.PROMOTION))
    assert Envelope.objects.get().kind == EnvelopeKind.PROMOTION


def test_a_bpifrance_agent_cannot_divide_the_promotion_budget(client_for):
    budget = _budget()
    response = client_for(Role.PARTNER_STAFF).post(
        reverse("funding:envelope", args=[budget.pk]), {"name": "X", "amount": "1"}
    )
    assert response.status_code == 403
    assert not budget.sub_allocations.exists()


# Promotion actions ------------------------------------------------------------------------


def _action_data(**overrides):
    # The envelope select offers the promotion envelopes open today; tests open at most one
    # unless they choose.
    open_today = Envelope.objects.open_on(datetime.date.today()).filter(kind=EnvelopeKind.PROMOTION)
    data = {
        "envelope": str(open_today.values_list("pk", flat=True).first() or ""),
        "name": "Pavillon French Tech au CES",
        "event": "Consumer Electronics Show",
        "city": "Las Vegas",
        "country": "États-Unis",
        "starts_on": "2016-01-06",
        "ends_on": "2016-01-09",
        "budget": "400 000",
        "seats": "1",
    }
    return data | overrides


def test_a_promotion_action_from_creation_to_outcomes(mission):
    budget = _budget()
    response = mission.post(reverse("funding:promotion_new"), _action_data())
    action = PromotionAction.objects.get()
    assert response.url == reverse("funding:promotion_action", args=[action.pk])
    assert action.state == PromotionState.COMMITTED
    assert ledger.envelope_balances(budget).available == 600_000_00
    url = reverse("funding:promotion_candidate", args=[action.pk])
    lyon = labelled_consortium("Lyon French Tech")
    scores = {
        "innovation": "5",
        "international_readiness": "4",
        "traction": "3",
        "team": "4",
    }
    for name, bump in (("Capteurs Rhône", "5"), ("Soie Numérique", "1")):
        fields = {f"candidate-score_{k}": v for k, v in scores.items()} | {
            "candidate-score_team": bump
        }
        mission.post(
            url,
            {"candidate-startup_name": name, "candidate-consortium": lyon.pk} | fields,
        )
    assert [(c.startup_name, c.total_score) for c in action.candidates.all()] == [
        ("Capteurs Rhône", 17),
        ("Soie Numérique", 13),
    ]
    mission.post(reverse("funding:promotion_select", args=[action.pk]))
    assert list(
        action.candidates.filter(is_selected=True).values_list("startup_name", flat=True)
    ) == ["Capteurs Rhône"]
    cost_url = reverse("funding:promotion_cost", args=[action.pk])
    mission.post(cost_url, {"cost-label": "Stand", "cost-amount": "250 000"})
    refused = mission.post(cost_url, {"cost-label": "Trop", "cost-amount": "150 001"}, follow=True)
    assert "Versement refusé" in _messages(refused)
    assert list(action.costs.values_list("label", flat=True)) == ["Stand"]
    balances = ledger.envelope_balances(budget)
    assert (balances.available, balances.committed, balances.paid) == (
        600_000_00,
        150_000_00,
        250_000_00,
    )
    mission.post(
        reverse("funding:promotion_outcomes", args=[action.pk]),
        {
            "outcomes-outcomes": "Deux distributeurs rencontrés.",
            "outcomes-contacts_made": "42",
            "outcomes-deals_signed": "3",
            "outcomes-press_mentions": "7",
        },
    )
    action.refresh_from_db()
    assert (action.state, action.contacts_made, action.deals_signed, action.press_mentions) == (
        PromotionState.DONE,
        42,
        3,
        7,
    )
    page = mission.get(reverse("funding:promotion_action", args=[action.pk])).content.decode()
    assert "Deux distributeurs rencontrés." in page
    assert reconcile() == []


def test_an_action_beyond_the_promotion_envelope_is_not_created(mission):
    budget = _budget(300_000_00)
    response = mission.post(reverse("funding:promotion_new"), _action_data())
    assert response.status_code == 200
    assert "Engagement refusé" in " ".join(response.context["form"].non_field_errors())
    assert not PromotionAction.objects.exists()
    assert ledger.envelope_balances(budget).available == 300_000_00


def test_the_officer_chooses_among_the_promotion_envelopes_open_today(mission):
    today = datetime.date.today()
    spring = make_envelope(500_000_00, kind=EnvelopeKind.PROMOTION, name="Promotion printemps")
    autumn = make_envelope(900_000_00, kind=EnvelopeKind.PROMOTION, name="Promotion automne")
    make_envelope(
        900_000_00,
        kind=EnvelopeKind.PROMOTION,
        name="Promotion close",
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
    )
    offered = mission.get(reverse("funding:promotion_new")).context["form"].fields["envelope"]
    assert [envelope.name for envelope in offered.queryset] == [
        "Promotion automne",
        "Promotion printemps",
    ]
    assert "reste à engager : 9" in offered.label_from_instance(autumn)
    mission.post(reverse("funding:promotion_new"), _action_data(envelope=str(autumn.pk)))
    assert PromotionAction.objects.get().envelope == autumn
    assert ledger.envelope_balances(autumn).available == 500_000_00
    assert ledger.envelope_balances(spring).available == 500_000_00


def test_without_an_open_promotion_envelope_the_page_says_so_and_creates_nothing(mission):
    page = mission.get(reverse("funding:promotion_new"))
    assert "Aucune enveloppe de promotion n" in page.content.decode()
    response = mission.post(reverse("funding:promotion_new"), _action_data())
    assert response.status_code == 200
    assert response.context["form"].errors["envelope"]
    assert not PromotionAction.objects.exists()


def test_a_candidate_score_above_five_is_refused(mission):
    _budget()
    mission.post(reverse("funding:promotion_new"), _action_data())
    action = PromotionAction.objects.get()
    fields = {
        "candidate-startup_name": "S",
        "candidate-consortium": labelled_consortium().pk,
        "candidate-score_innovation": "6",
        "candidate-score_international_readiness": "1",
        "candidate-score_traction": "1",
        "candidate-score_team": "1",
    }
    response = mission.post(
        reverse("funding:promotion_candidate", args=[action.pk]), fields, follow=True
    )
    assert "Caractère innovant" in _messages(response)
    assert not action.candidates.exists()


def test_a_planned_action_is_committed_by_its_button(mission):
    budget = _budget()
    action = promotion.create_promotion_action(
        by=SYSTEM,
        envelope=budget,
        name="VivaTech",
        event="VivaTech",
        city="Paris",
        country="France",
        starts_on=datetime.date(2016, 6, 30),
        ends_on=datetime.date(2016, 7, 2),
        budget_cents=100_000_00,
    )
    page = mission.get(reverse("funding:promotion_action", args=[action.pk]))
    assert "Engager le budget" in page.content.decode()
    mission.post(reverse("funding:promotion_commit", args=[action.pk]))
    assert ledger.envelope_balances(budget).committed == 100_000_00
    again = mission.post(reverse("funding:promotion_commit", args=[action.pk]), follow=True)
    assert "impossible dans l'état « Budget engagé »" in _messages(again)
    assert ledger.envelope_balances(budget).committed == 100_000_00


@pytest.mark.parametrize("role", [Role.PARTNER_STAFF, Role.CONSORTIUM_LEAD, None])
def test_promotion_writes_are_closed_to_others(client_for, role):
    _budget()
    response = client_for(role).post(reverse("funding:promotion_new"), _action_data())
    assert response.status_code == (302 if role is None else 403)
    assert not PromotionAction.objects.exists()


# Investment files: portfolio follow-up, exit, history ---------------------------------


@pytest.fixture
def portfolio_file(mission):
    envelope = make_envelope(10_000_000_00)
    return file_at("portfolio", by=SYSTEM, accelerator=make_accelerator(), envelope=envelope)


def test_the_portfolio_report_form(mission, portfolio_file):
    url = reverse("funding:file_report", args=[portfolio_file.pk])
    data = {
        "report-year": "2016",
        "report-cohorts": "2",
        "report-startups_accelerated": "24",
        "report-exits": "1",
        "report-stake_value": "2 500 000",
        "report-note": "Bonne année",
    }
    mission.post(url, data)
    mission.post(url, data | {"report-startups_accelerated": "25"})
    report = portfolio_file.portfolio_reports.get()
    assert (report.startups_accelerated, report.stake_value_cents) == (25, 2_500_000_00)
    page = mission.get(reverse("funding:file", args=[portfolio_file.pk])).content.decode()
    assert "25 start-up accélérées" in page


def test_the_exit_releases_what_was_never_paid(mission, portfolio_file):
    envelope = portfolio_file.envelope
    before = ledger.envelope_balances(envelope)
    assert (before.committed, before.paid) == (1_000_000_00, 1_000_000_00)
    mission.post(
        reverse("funding:file_exit", args=[portfolio_file.pk]),
        {
            "exit-proceeds": "3 200 000",
            "exit-reason": "Cession à un fonds privé",
            "confirmed": "yes",
        },
    )
    portfolio_file.refresh_from_db()
    assert portfolio_file.state == "exited"
    assert portfolio_file.exit_proceeds_cents == 3_200_000_00
    after = ledger.envelope_balances(envelope)
    assert (after.committed, after.paid) == (0, 1_000_000_00)
    assert after.available == before.available + 1_000_000_00
    assert reconcile() == []
    page = mission.get(reverse("funding:file", args=[portfolio_file.pk])).content.decode()
    assert "Cession à un fonds privé" in page


def test_the_exit_needs_its_reason(mission, portfolio_file):
    response = mission.post(
        reverse("funding:file_exit", args=[portfolio_file.pk]),
        {"exit-proceeds": "1", "exit-reason": ""},
        follow=True,
    )
    assert "Modalités de la sortie" in _messages(response)
    portfolio_file.refresh_from_db()
    assert portfolio_file.state == "portfolio"


def test_the_history_shows_french_labels(mission, portfolio_file):
    page = mission.get(reverse("funding:file", args=[portfolio_file.pk]))
    history = page.content.decode().split('id="history"')[1]
    assert "Audit préalable" in history
    assert "Ouvrir l&#x27;audit préalable" in history
    assert "due_diligence" not in history
    assert "start_due_diligence" not in history


@pytest.mark.parametrize("role", [Role.ACCELERATOR_MANAGER, Role.COMMITTEE_MEMBER])
def test_report_and_exit_are_closed_to_others(client_for, portfolio_file, role):
    client = client_for(role)
    assert client.post(reverse("funding:file_exit", args=[portfolio_file.pk])).status_code == 403
    assert client.post(reverse("funding:file_report", args=[portfolio_file.pk])).status_code == 403


@pytest.mark.parametrize("status", [None, "suspended", "withdrawn"])
def test_start_ups_come_only_from_ecosystems_carrying_the_label(status):
    envelope = make_envelope(kind=EnvelopeKind.PROMOTION)
    action = promotion.create_promotion_action(
        by=SYSTEM,
        envelope=envelope,
        name="Pavillon",
        event="Salon",
        city="Las Vegas",
        country="États-Unis",
        starts_on=envelope.valid_from,
        ends_on=envelope.valid_from,
        budget_cents=100_000_00,
        seats=2,
    )
    consortium = (
        OrganisationFactory(kind=OrganisationKind.CONSORTIUM)
        if status is None
        else labelled_consortium(status=status)
    )
    scores = dict.fromkeys(SelectionCriterion.values, 3)
    with pytest.raises(ActionRefused, match="écosystème labellisé"):
        promotion.add_candidate(
            by=SYSTEM, action=action, startup_name="X", consortium=consortium, scores=scores
        )
    labelled = labelled_consortium(status="confirmed")
    candidate = promotion.add_candidate(
        by=SYSTEM, action=action, startup_name="Y", consortium=labelled, scores=scores
    )
    assert candidate.total_score == 3 * len(SelectionCriterion.values)


# Which envelope a page works on ---------------------------------------------------------


def test_an_expression_of_interest_goes_to_the_acceleration_envelope_chosen(mission):
    make_envelope(name="Fonds 2014")
    chosen = make_envelope(name="Fonds 2015")
    accelerator = make_accelerator()
    response = mission.post(
        reverse("funding:file_new"),
        {
            "accelerator": str(accelerator.pk),
            "programme_name": "Programme Rhône",
            "requested_amount": "1 000 000",
            "declared_private": "1 500 000",
            "envelope": str(chosen.pk),
        },
    )
    investment_file = accelerator.investment_files.get()
    assert response.url == reverse("funding:file", args=[investment_file.pk])
    assert investment_file.envelope == chosen


def test_the_simulator_works_on_the_envelope_asked_for_else_the_one_open_today(mission):
    today = datetime.date.today()
    past = make_envelope(
        50_000_000_00,
        name="Fonds clos",
        valid_from=today - datetime.timedelta(days=800),
        valid_until=today - datetime.timedelta(days=1),
    )
    current = make_envelope(name="Fonds ouvert")
    assert mission.get(reverse("funding:simulator")).context["envelope"] == current
    asked = mission.get(reverse("funding:simulator"), {"envelope": str(past.pk)})
    assert asked.context["envelope"] == past
    assert asked.context["remaining"] == 50_000_000_00
