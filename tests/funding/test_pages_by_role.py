"""Every funding page, tried with every role (and anonymous), with its query count."""

import datetime

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.core.actor import SYSTEM
from frenchtech.funding.actions import promotion
from frenchtech.funding.enums import EnvelopeKind
from tests.funding.factories import (
    labelled_consortium,
    make_accelerator,
    make_envelope,
    private_siren,
)
from tests.funding.investment_steps import file_at

pytestmark = pytest.mark.django_db

ALL_ROLES = [None, *Role.values]
MISSION = {Role.MISSION_HEAD, Role.MISSION_OFFICER}
# The role matrix's partner staff belong to Bpifrance (tests/factories.py): a fund manager.
FUND_MANAGERS = MISSION | {Role.PARTNER_STAFF}
ACCELERATOR = {Role.ACCELERATOR_MANAGER, Role.ACCELERATOR_FINANCE}


@pytest.fixture
def funding_world(db):
    fund = make_envelope(10_000_000_00)
    investment_file = file_at("portfolio", by=SYSTEM, accelerator=make_accelerator(), envelope=fund)
    budget = make_envelope(1_000_000_00, kind=EnvelopeKind.PROMOTION, name="Promotion (test)")
    action = promotion.create_promotion_action(
        by=SYSTEM,
        envelope=budget,
        name="CES",
        event="CES",
        city="Las Vegas",
        country="États-Unis",
        starts_on=datetime.date(2016, 1, 6),
        ends_on=datetime.date(2016, 1, 9),
        budget_cents=100_00,
    )
    promotion.commit_promotion_budget(by=SYSTEM, action=action)
    promotion.add_candidate(
        by=SYSTEM,
        action=action,
        startup_name="S",
        consortium=labelled_consortium(),
        scores={"innovation": 5, "international_readiness": 4, "traction": 3, "team": 2},
    )
    promotion.pay_cost(by=SYSTEM, action=action, label="Stand", amount_cents=50_00)
    return {"file": investment_file, "action": action, "budget": budget}


def expected(role, allowed):
    if role is None:
        return 302
    return 200 if role in allowed else 403


PAGES = {
    "summary": (lambda w: reverse("funding:summary"), set(Role.values) | {None}),
    "files": (lambda w: reverse("funding:files"), FUND_MANAGERS | ACCELERATOR),
    "file_new": (lambda w: reverse("funding:file_new"), FUND_MANAGERS | {Role.ACCELERATOR_MANAGER}),
    "file": (lambda w: reverse("funding:file", args=[w["file"].pk]), FUND_MANAGERS),
    "dashboard": (lambda w: reverse("funding:dashboard"), FUND_MANAGERS),
    "export_csv": (lambda w: reverse("funding:export", args=["csv"]), FUND_MANAGERS),
    "export_xlsx": (lambda w: reverse("funding:export", args=["xlsx"]), FUND_MANAGERS),
    "simulator": (lambda w: reverse("funding:simulator") + "?cap=5000000", FUND_MANAGERS),
    "envelopes": (lambda w: reverse("funding:envelopes"), FUND_MANAGERS),
    "envelope": (
        lambda w: reverse("funding:envelope", args=[w["file"].envelope_id]),
        FUND_MANAGERS,
    ),
    "envelope_promotion": (
        lambda w: reverse("funding:envelope", args=[w["budget"].pk]),
        FUND_MANAGERS,
    ),
    "accelerators": (lambda w: reverse("funding:accelerators"), FUND_MANAGERS),
    "promotion": (lambda w: reverse("funding:promotion"), MISSION),
    "promotion_new": (lambda w: reverse("funding:promotion_new"), MISSION),
    "promotion_action": (
        lambda w: reverse("funding:promotion_action", args=[w["action"].pk]),
        MISSION,
    ),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_with_every_role(
    client_for, funding_world, role, page, django_assert_max_num_queries
):
    url_for, allowed = PAGES[page]
    client = client_for(role)
    with django_assert_max_num_queries(30):
        response = client.get(url_for(funding_world))
    if None in allowed and role is None:
        assert response.status_code == 200
    else:
        assert response.status_code == expected(role, allowed)


@pytest.mark.parametrize("role", sorted(ACCELERATOR))
def test_an_accelerator_sees_its_own_file_only(client_for, funding_world, role):
    client = client_for(role)
    own = client.user.memberships.get().organisation
    own.siren = private_siren()
    own.save()
    own_file = file_at(
        "expression_of_interest",
        by=SYSTEM,
        accelerator=own,
        envelope=funding_world["file"].envelope,
    )
    listing = client.get(reverse("funding:files"))
    assert own_file.programme_name in listing.content.decode()
    assert listing.context["files"].count() == 1
    assert client.get(reverse("funding:file", args=[own_file.pk])).status_code == 200
    assert client.get(reverse("funding:file", args=[funding_world["file"].pk])).status_code == 403


def test_the_public_summary_shows_no_confidential_detail(client, funding_world):
    page = client.get(reverse("funding:summary")).content.decode()
    assert "Fonds d&#x27;accélération (test)" in page or "Fonds d'accélération (test)" in page
    assert funding_world["file"].accelerator.name not in page
    assert funding_world["file"].programme_name not in page


def test_exports_carry_the_figures(client_for, funding_world):
    client = client_for(Role.MISSION_OFFICER)
    csv_text = client.get(reverse("funding:export", args=["csv"])).content.decode()
    assert (
        "enveloppe;Fonds d'accélération (test);10000000,0;2000000,0;1000000,0;8000000,0;3000000,0"
        in csv_text
    )
    xlsx = client.get(reverse("funding:export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    "role", [Role.COMMITTEE_MEMBER, Role.CONSORTIUM_LEAD, Role.ACCELERATOR_FINANCE, None]
)
def test_no_write_step_is_open_to_others(client_for, funding_world, role):
    response = client_for(role).post(
        reverse("funding:file_commit", args=[funding_world["file"].pk])
    )
    assert response.status_code == (302 if role is None else 403)


def test_exports_neutralise_formulas_in_names(client_for, funding_world):
    import io

    from openpyxl import load_workbook

    from frenchtech.funding.models import Envelope

    envelope = funding_world["file"].envelope
    Envelope.objects.filter(pk=envelope.pk).update(name='=HYPERLINK("https://evil.example","x")')
    client = client_for(Role.MISSION_OFFICER)
    csv_text = client.get(reverse("funding:export", args=["csv"])).content.decode()
    assert 'enveloppe;"\'=HYPERLINK(""https://evil.example"",""x"")"' in csv_text
    xlsx = client.get(reverse("funding:export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("https://evil.example","x")' in names
    assert not any(str(name).startswith("=") for name in names)
