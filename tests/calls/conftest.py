import pytest

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions
from tests.calls.factories import NO_OBSERVATORY, CallFactory, consortium, editor_of, lead_of
from tests.factories import UserWithRoleFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments go to a temporary MEDIA_ROOT, never to the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def mission_officer(db):
    return UserWithRoleFactory(Role.MISSION_OFFICER)


@pytest.fixture
def call(db):
    return CallFactory()


@pytest.fixture
def lyon_consortium(db):
    return consortium("French Tech Lyon (test)", "lyon")


@pytest.fixture
def lead(lyon_consortium):
    return lead_of(lyon_consortium)


@pytest.fixture
def editor(lyon_consortium):
    return editor_of(lyon_consortium)


@pytest.fixture
def application(call, lyon_consortium, lead):
    return actions.start_application(
        call=call, consortium=lyon_consortium, by=lead, store=NO_OBSERVATORY
    )
