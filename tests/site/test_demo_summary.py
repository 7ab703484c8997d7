"""`make run`'s printout ends with every demo application's state read back from the
database, with the label the site shows on the application's page."""

import re

import pytest
from django.core.management import call_command

from frenchtech.calls.models import Application
from frenchtech.demo import calls as calls_demo
from frenchtech.demo import committee as committee_demo
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.demo.management.commands import load_demo
from frenchtech.demo.summary import application_states
from tests.site.crawl import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_printed_states_are_those_the_pages_show(observatory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    calls_demo.load()
    committee_demo.load()  # moves applications after the calls step printed its lines
    lines = application_states()
    assert lines[0].startswith("Applications")
    client = signed_in_client("mission.officer@demo.frenchtech.invalid")
    applications = list(Application.objects.select_related("consortium", "call"))
    assert len(lines) == len(applications) + 1
    for application in applications:
        html = client.get(application.get_absolute_url()).content.decode()
        shown = re.search(r'id="application-state"[^>]*>([^<]+)<', html).group(1).strip()
        expected = f"  {application.consortium.name} — « {application.call.title} »: {shown}"
        assert expected.replace("&#x27;", "'") in [line.replace("&#x27;", "'") for line in lines]


def test_load_demo_prints_the_states_after_every_step(monkeypatch, capsys):
    # The steps themselves are tested by each app; here only the order of the printout.
    monkeypatch.setattr(load_demo, "DEMO_STEPS", [])
    monkeypatch.setattr(
        load_demo, "application_states", lambda: ["Applications, as the site shows them:"]
    )
    call_command("load_demo")
    out = capsys.readouterr().out
    assert out.index("Applications, as the site shows them:") < out.index("Demo accounts")
