"""The public call page says how to apply: who, until when, the steps, where to sign in."""

import pytest
from django.urls import reverse

from frenchtech.calls.enums import CallState
from tests.calls.factories import CallFactory, deadline_call

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_reads_how_to_apply_and_where_to_sign_in(client):
    call = deadline_call(10, state=CallState.PUBLISHED)
    html = client.get(reverse("calls:call", args=[call.pk])).content.decode()
    assert 'id="how-to-apply"' in html
    assert "Comment candidater" in html
    assert "Qui peut candidater" in html
    assert reverse("accounts:login") + "?next=" in html
    assert reverse("accounts:password_request") in html


def test_a_signed_in_lead_sees_the_steps_without_the_sign_in_buttons(client_for):
    call = CallFactory(state=CallState.PUBLISHED)
    html = client_for("consortium_lead").get(reverse("calls:call", args=[call.pk])).content
    assert b"Comment candidater" in html
    assert b"Se connecter pour candidater" not in html


def test_a_closed_call_has_no_how_to_apply(client):
    call = CallFactory(state=CallState.CLOSED)
    assert b"how-to-apply" not in client.get(reverse("calls:call", args=[call.pk])).content
