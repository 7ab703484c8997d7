"""A conflicted member cannot open the dossier nor its files in the calls pages either.

The calls app offers hooks (`READ_BARRIERS`, `LIST_BARRIERS` in calls/perms.py) that the
committee fills in its AppConfig.ready(); until the lead adds them, these tests are
expected to fail (strict xfail), and run normally once the hooks exist.
"""

import pytest
from django.urls import reverse

from frenchtech.calls import perms as calls_perms
from frenchtech.calls.models import Application
from tests.committee.builders import sign_in_with_otp
from tests.committee.scenario import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(mission):
    return build(mission)


@pytest.mark.parametrize("page", ["application", "attachment", "version"])
def test_a_conflicted_member_cannot_open_the_dossier_nor_its_files(client, scenario, page):
    application = scenario.application
    urls = {
        "application": reverse("calls:application", args=[application.pk]),
        "attachment": reverse("calls:attachment", args=[application.pk, scenario.attachment.pk]),
        "version": reverse("calls:version", args=[application.pk, 1]),
    }
    sign_in_with_otp(client, scenario.conflicted.user)
    assert client.get(urls[page]).status_code == 403


def test_a_member_without_a_tie_opens_the_dossier_and_its_files(client, scenario):
    sign_in_with_otp(client, scenario.members[0].user)
    application = scenario.application
    assert client.get(reverse("calls:application", args=[application.pk])).status_code == 200
    url = reverse("calls:attachment", args=[application.pk, scenario.attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # reading the file also closes it
    response.close()


def test_a_conflicted_member_does_not_see_it_in_lists(scenario):
    user = scenario.conflicted.user
    visible = calls_perms.visible_applications(user, Application.objects.all())
    assert scenario.application.pk not in set(visible.values_list("pk", flat=True))
    assert scenario.other.pk in set(visible.values_list("pk", flat=True))


def test_mission_exports_stay_closed_to_committee_members(client, scenario):
    sign_in_with_otp(client, scenario.conflicted.user)
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(reverse("calls:export", args=[fmt])).status_code == 403
