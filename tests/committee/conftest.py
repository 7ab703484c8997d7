import pytest

from frenchtech.accounts.enums import Role
from tests.factories import UserWithRoleFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def no_observatory(settings, tmp_path):
    """No published snapshot unless a test asks for the `observatory` fixture."""
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"


@pytest.fixture
def mission(db):
    return UserWithRoleFactory(Role.MISSION_OFFICER)
