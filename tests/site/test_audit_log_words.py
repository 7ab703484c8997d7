"""The audit log reads French: what a row did (création, modification, suppression), who
did it (« la plateforme »), the object's kind by its name; identifiers kept beside."""

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_the_audit_log_names_changes_actors_and_objects_in_french(client_for):
    from frenchtech.accounts.actions import create_organisation
    from frenchtech.accounts.enums import OrganisationKind
    from frenchtech.core.actor import SYSTEM

    create_organisation(
        by=SYSTEM, name="Organisation du journal", kind=OrganisationKind.ACCELERATOR
    )
    client = client_for(Role.MISSION_HEAD)
    page = client.get(reverse("web:audit_log")).content.decode()
    table = page.split('id="audit-log"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in table.split("<tr>") if "accounts.create_organisation" in r)
    assert "création" in row
    assert "la plateforme" in row
    assert "organisation" in row
    assert ">system<" not in table
    assert ">create<" not in table
