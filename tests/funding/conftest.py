import pytest

from frenchtech.accounts.enums import Role
from tests.factories import UserWithRoleFactory


@pytest.fixture
def mission_officer(db):
    return UserWithRoleFactory(Role.MISSION_OFFICER)
