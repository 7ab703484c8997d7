"""Small helpers of the API tests: every role, signing in, counting queries."""

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frenchtech.accounts.enums import Role
from frenchtech.labels import actions as label_actions
from tests.committee.builders import sign_in_with_otp
from tests.factories import UserWithRoleFactory

ROLES = [None, *Role.values]  # None: anonymous


def session_client(user) -> Client:
    client = Client()
    if user.needs_two_factors:
        sign_in_with_otp(client, user)
    else:
        client.force_login(user)
    client.user = user
    return client


def count_queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response


def labelled(consortium, mission, *, suspended=False):
    label = label_actions.record_label_without_decision(
        consortium=consortium, granted_at=dt.date(2015, 6, 25), by=mission,
        public_reason="Labellisé en 2015.",
    )  # fmt: skip
    if suspended:
        label_actions.suspend_label(
            label=label, by=mission, reasons="Gouvernance défaillante (motif interne).",
            public_reason="Suspendu dans l'attente d'une nouvelle gouvernance.",
        )  # fmt: skip
    return label


def mission_user():
    return UserWithRoleFactory(Role.MISSION_OFFICER)
