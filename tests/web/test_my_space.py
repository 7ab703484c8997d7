"""« Mon espace » lists what waits for each role of the demo, with a bounded query count."""

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO = "@demo.frenchtech.invalid"


@pytest.fixture
def demo(settings, tmp_path):
    from frenchtech.demo import calls, committee, funding, labels
    from frenchtech.demo.accounts import load_demo_accounts

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        load_demo_accounts()
        for step in (calls, committee, labels, funding):
            step.load()


def signed_in(email):
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    if user.needs_two_factors:
        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def blocks(response):
    return {block.key: block for block in response.context["blocks"]}


def test_each_demo_role_sees_what_waits_for_it(demo, django_assert_max_num_queries):
    client = signed_in("lyon.lead" + DEMO)
    with django_assert_max_num_queries(15):
        lead = client.get(reverse("web:my_space"))
    assert lead.status_code == 200
    applications = blocks(lead)["applications"].tasks
    assert applications
    assert all(task.status and task.next_step for task in applications)
    assert ">labelled<" not in lead.content.decode()  # state labels, never slugs

    client = signed_in("committee" + DEMO)
    with django_assert_max_num_queries(15):
        committee = client.get(reverse("web:my_space"))
    assert {"reviews", "votes"} <= set(blocks(committee))
    html = committee.content.decode()
    for task in blocks(committee)["reviews"].tasks + blocks(committee)["votes"].tasks:
        assert task.url in html

    client = signed_in("mission.officer" + DEMO)
    with django_assert_max_num_queries(15):
        mission = client.get(reverse("web:my_space"))
    mission_blocks = blocks(mission)
    assert {"screening", "sessions", "decisions", "funding_requests", "audits"} <= set(
        mission_blocks
    )
    # Bordeaux's application waits for the committee in the demo; the fund has requests.
    assert mission_blocks["funding_requests"].tasks

    client = signed_in("accelerator.ceo" + DEMO)
    with django_assert_max_num_queries(15):
        accelerator = client.get(reverse("web:my_space"))
    files = blocks(accelerator)["accelerator_files"].tasks
    assert files
    assert all(task.url.startswith("/financements/dossiers/") for task in files)
    assert "applications" not in blocks(accelerator)
    # The file in portfolio shows its next tranche and milestone.
    assert any(task.next_step.startswith("Tranche 2") for task in files)

    client = signed_in("businessfrance" + DEMO)
    with django_assert_max_num_queries(15):
        promotion = client.get(reverse("web:my_space"))
    assert blocks(promotion)["promotion"].tasks
    assert "funding_requests" not in blocks(promotion)


def test_queries_do_not_grow_with_the_rows(demo, django_assert_max_num_queries):
    from frenchtech.calls.models import Application

    client = signed_in("mission.officer" + DEMO)
    with django_assert_max_num_queries(15) as first:
        client.get(reverse("web:my_space"))
    Application.objects.update(state="submitted")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("web:my_space"))
    assert len(blocks(response)["screening"].tasks) == Application.objects.count()


def test_a_co_editor_is_not_invited_to_a_call_its_consortium_applied_to(demo):
    response = signed_in("lyon.editor" + DEMO).get(reverse("web:my_space"))
    applied = {task.url for task in blocks(response)["applications"].tasks}
    assert applied
    first_call = reverse("calls:call", args=[1])
    assert first_call not in {task.url for task in blocks(response)["open_calls"].tasks}


def test_visits_and_yearly_reports_wait_for_their_people(demo):
    import datetime

    from django.utils import timezone

    from frenchtech.calls.models import Application, SiteVisit
    from frenchtech.labels.models import Label

    bordeaux = Application.objects.get(consortium__name="French Tech Bordeaux (démo)")
    SiteVisit.objects.create(
        application=bordeaux,
        scheduled_for=timezone.now() + datetime.timedelta(days=3),
        location="Darwin, Bordeaux",
    )
    lyon = Label.objects.get(consortium__name="French Tech Lyon (démo)")
    Label.objects.filter(pk=lyon.pk).update(granted_at=lyon.granted_at.replace(year=2015))
    mission = blocks(signed_in("mission.officer" + DEMO).get(reverse("web:my_space")))
    (visit,) = mission["visits"].tasks
    assert visit.url == bordeaux.get_absolute_url()
    assert "Darwin" in visit.title
    lead = blocks(signed_in("lyon.lead" + DEMO).get(reverse("web:my_space")))
    assert [task.url for task in lead["reports"].tasks] == [
        reverse("labels:consortium", args=[lyon.consortium_id])
    ]
