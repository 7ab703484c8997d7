"""Two co-editors saving the same section at the same moment: one wins, one is told.

Real threads with their own database connections, on committed data (transactional
test), so PostgreSQL's row locking is exercised; SQLite serialises the writers.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from frenchtech.calls import actions
from frenchtech.calls.models import Section
from tests.calls.factories import NO_OBSERVATORY, CallFactory, consortium, editor_of, lead_of


def waiting_for_sqlite_locks(save):
    """The SQLite test database lives in shared-cache memory, which answers "table is
    locked" at once where a file database (the real set-up) waits for its busy timeout;
    retrying emulates that wait. PostgreSQL never takes this path."""
    for _attempt in range(500):
        try:
            return save()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("SQLite stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_co_editors_saving_at_once_one_wins_the_other_gets_a_conflict(reference_after_flush):
    organisation = consortium()
    lead, editor = lead_of(organisation), editor_of(organisation)
    application = actions.start_application(
        call=CallFactory(), consortium=organisation, by=lead, store=NO_OBSERVATORY
    )
    section = application.sections.get(key="success_stories")
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, text):
        try:
            barrier.wait(timeout=10)
            waiting_for_sqlite_locks(
                lambda: actions.save_section(
                    section=Section.objects.get(pk=section.pk),
                    by=user,
                    patch={"stories": text},
                    expected_version=1,
                )
            )
            outcomes[user.email] = "saved"
        except actions.EditConflict as conflict:
            outcomes[user.email] = ("conflict", conflict.current.version)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(lead, "Texte de la porteuse")),
        threading.Thread(target=save, args=(editor, "Texte du co-rédacteur")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(str(outcome) for outcome in outcomes.values()) == ["('conflict', 2)", "saved"]
    winner = next(email for email, outcome in outcomes.items() if outcome == "saved")
    section.refresh_from_db()
    assert section.version == 2
    expected = "Texte de la porteuse" if winner == lead.email else "Texte du co-rédacteur"
    assert section.data["stories"] == expected


@pytest.mark.django_db
def test_the_loser_keeps_their_text_and_sees_the_saved_version(client, application, lead, editor):
    section = application.sections.get(key="success_stories")
    url = reverse("calls:section", args=[application.pk, "success_stories"])
    client.force_login(lead)
    assert client.post(url, {"version": 1, "stories": "Version de la porteuse"}).status_code == 302
    client.force_login(editor)
    response = client.post(url, {"version": 1, "stories": "Mon texte à ne pas perdre"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mon texte à ne pas perdre" in page  # still in the form
    assert "Version de la porteuse" in page  # the stored version, shown
    section.refresh_from_db()
    assert section.data["stories"] == "Version de la porteuse"
    # Saving again after seeing the conflict is a deliberate choice: it now goes through.
    response = client.post(url, {"version": 2, "stories": "Fusion des deux"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_autosave_answers_json_and_a_stale_version_gets_409(client, application, lead):
    url = reverse("calls:section", args=[application.pk, "success_stories"])
    client.force_login(lead)
    saved = client.post(url, {"version": 1, "stories": "a"}, headers={"X-Autosave": "1"})
    assert saved.status_code == 200
    assert saved.json() == {
        "status": "saved",
        "version": 2,
        "errors": {},
    }
    stale = client.post(url, {"version": 1, "stories": "b"}, headers={"X-Autosave": "1"})
    assert stale.status_code == 409
    assert stale.json()["status"] == "conflict"
