import re

import pytest
from django.core import mail
from django.urls import reverse

from frenchtech.accounts.models import User

pytestmark = pytest.mark.django_db


def test_an_invited_person_without_a_password_chooses_one_by_email(client):
    invited = User.objects.create_user("invited@example.org", None, full_name="Invitée")
    assert not invited.has_usable_password()
    response = client.post(reverse("accounts:password_request"), {"email": "Invited@Example.org"})
    assert response["Location"] == reverse("accounts:password_request_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new_password = "a long and unusual passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("accounts:password_chosen")
    invited.refresh_from_db()
    assert invited.check_password(new_password)
    # The link works once only.
    assert not client.get(link, follow=True).context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("accounts:password_request"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_request_done")
    assert mail.outbox == []
