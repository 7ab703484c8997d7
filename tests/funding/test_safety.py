"""Funding without accidents: requests within bounds and for a live label, a create form
sent twice creates once, a cancellation asked first."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.core.actor import SYSTEM
from frenchtech.core.models import SubmittedForm
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding.actions import investments as act
from frenchtech.funding.actions import promotion
from frenchtech.funding.enums import EnvelopeKind, PromotionState
from frenchtech.funding.models import InvestmentFile
from tests.factories import UserWithRoleFactory
from tests.funding.factories import labelled_consortium, make_accelerator, make_envelope

pytestmark = pytest.mark.django_db
MILLION = 1_000_000_00


def _request(by, accelerator, envelope, amount, consortium=None):
    return act.express_interest(by=by, accelerator=accelerator, envelope=envelope,
                                programme_name="P", requested_amount_cents=amount,
                                consortium=consortium)  # fmt: skip


@pytest.fixture
def mission():
    return UserWithRoleFactory(Role.MISSION_OFFICER)


@pytest.mark.parametrize("who", ["mission", "manager"])
def test_a_request_beyond_the_envelope_is_refused(mission, who):
    fund = make_envelope(200 * MILLION)
    accelerator = make_accelerator()
    by = mission if who == "mission" else UserWithRoleFactory(
        Role.ACCELERATOR_MANAGER, organisation=accelerator
    )  # fmt: skip
    with pytest.raises(ActionRefused, match="dépasse ce que l'enveloppe") as refusal:
        _request(by, accelerator, fund, 300 * MILLION)
    assert refusal.value.field == "requested_amount"
    assert not InvestmentFile.objects.exists()
    assert _request(by, accelerator, fund, 200 * MILLION).requested_amount_cents == 200 * MILLION


@pytest.mark.parametrize("status", ["suspended", "withdrawn", "expired"])
def test_a_request_for_an_ecosystem_without_a_live_label_is_refused(mission, status):
    ecosystem = labelled_consortium(status=status)
    with pytest.raises(ActionRefused, match="pas de label en vigueur") as refusal:
        _request(mission, make_accelerator(), make_envelope(), MILLION, consortium=ecosystem)
    assert refusal.value.field == "consortium"
    assert ecosystem.name in str(refusal.value)


def test_a_request_for_a_labelled_ecosystem_passes(mission):
    ecosystem = labelled_consortium(status="confirmed")
    made = _request(mission, make_accelerator(), make_envelope(), MILLION, consortium=ecosystem)
    assert made.consortium == ecosystem


def test_a_consortium_lead_cannot_file_at_all():
    with pytest.raises(PermissionDenied):
        _request(UserWithRoleFactory(Role.CONSORTIUM_LEAD), make_accelerator(), make_envelope(),
                 MILLION)  # fmt: skip


def _file_form(client, accelerator, envelope, **overrides):
    page = client.get(reverse("funding:file_new")).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    data = {
        "accelerator": str(accelerator.pk), "programme_name": "Programme Rhône",
        "requested_amount": "1 000 000", "declared_private": "1 500 000",
        "envelope": str(envelope.pk), "form_token": token,
    }  # fmt: skip
    return data | overrides


def test_back_and_resubmit_creates_one_file(client_for):
    client = client_for(Role.MISSION_OFFICER)
    accelerator = make_accelerator()
    data = _file_form(client, accelerator, make_envelope())
    first = client.post(reverse("funding:file_new"), data)
    again = client.post(reverse("funding:file_new"), data)
    created = InvestmentFile.objects.get()
    assert first.url == again.url == reverse("funding:file", args=[created.pk])
    assert SubmittedForm.objects.get().result_url == first.url
    # A new form (a new token) is a new request.
    client.post(reverse("funding:file_new"), _file_form(client, accelerator, make_envelope()))
    assert InvestmentFile.objects.count() == 2


def test_a_refused_request_keeps_its_input_and_its_token_usable(client_for):
    client = client_for(Role.MISSION_OFFICER)
    accelerator = make_accelerator()
    envelope = make_envelope(200 * MILLION)
    data = _file_form(client, accelerator, envelope, requested_amount="300 000 000")
    refused = client.post(reverse("funding:file_new"), data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["requested_amount"]
    assert 'value="Programme Rhône"' in refused.content.decode()
    assert not SubmittedForm.objects.exists()
    done = client.post(reverse("funding:file_new"), {**data, "requested_amount": "1 000 000"})
    assert done.status_code == 302


def test_cancelling_a_promotion_action_asks_first(client_for):
    budget = make_envelope(MILLION, kind=EnvelopeKind.PROMOTION, name="Promotion (test)")
    action = promotion.launch_promotion_action(
        by=SYSTEM, envelope=budget, name="CES", event="CES", city="Las Vegas",
        country="États-Unis", starts_on="2016-01-06", ends_on="2016-01-09",
        budget_cents=400_000_00, seats=1,
    )  # fmt: skip
    client = client_for(Role.MISSION_OFFICER)
    url = reverse("funding:promotion_cancel", args=[action.pk])
    asked = client.post(url, {"cancel-reason": "Salon reporté."})
    assert asked.status_code == 200
    assert "définitive" in asked.content.decode()
    action.refresh_from_db()
    assert action.state == PromotionState.COMMITTED
    client.post(url, {"cancel-reason": "Salon reporté.", "confirmed": "yes"})
    action.refresh_from_db()
    assert action.state == PromotionState.CANCELLED


def test_committing_paying_rejecting_and_exiting_are_asked_first(client_for):
    from tests.funding.investment_steps import file_at

    client = client_for(Role.MISSION_OFFICER)
    envelope = make_envelope(10 * MILLION)
    approved = file_at("approved", by=SYSTEM, accelerator=make_accelerator(), envelope=envelope,
                       amount=MILLION, private=2 * MILLION)  # fmt: skip
    url = reverse("funding:file_commit", args=[approved.pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert "ne s&#x27;annule pas" in asked.content.decode()
    approved.refresh_from_db()
    assert approved.state == "approved"
    client.post(url, {"confirmed": "yes"})
    approved.refresh_from_db()
    assert approved.state == "committed"

    early = file_at("due_diligence", by=SYSTEM, accelerator=make_accelerator(), envelope=envelope,
                    amount=MILLION)  # fmt: skip
    url = reverse("funding:file_transition", args=[early.pk, "reject"])
    assert client.post(url).status_code == 200
    early.refresh_from_db()
    assert early.state == "due_diligence"
    client.post(url, {"confirmed": "yes"})
    early.refresh_from_db()
    assert early.state == "rejected"

    portfolio = file_at("portfolio", by=SYSTEM, accelerator=make_accelerator(), envelope=envelope,
                        amount=MILLION, private=2 * MILLION)  # fmt: skip
    url = reverse("funding:file_exit", args=[portfolio.pk])
    data = {"exit-proceeds": "3 200 000", "exit-reason": "Cession."}
    assert "La sortie est définitive" in client.post(url, data).content.decode()
    portfolio.refresh_from_db()
    assert portfolio.state == "portfolio"


def test_a_cost_form_sent_twice_pays_once(client_for):
    budget = make_envelope(MILLION, kind=EnvelopeKind.PROMOTION, name="Promotion (test)")
    action = promotion.launch_promotion_action(
        by=SYSTEM, envelope=budget, name="CES", event="CES", city="Las Vegas",
        country="États-Unis", starts_on="2016-01-06", ends_on="2016-01-09",
        budget_cents=400_000_00, seats=1,
    )  # fmt: skip
    client = client_for(Role.MISSION_OFFICER)
    page = client.get(reverse("funding:promotion_action", args=[action.pk])).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    url = reverse("funding:promotion_cost", args=[action.pk])
    data = {"cost-label": "Stand", "cost-amount": "100 000", "form_token": token}
    client.post(url, data)
    client.post(url, data)
    assert action.costs.count() == 1
