import pytest

from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.integrity import verify_committee_chains
from frenchtech.committee.models import CommitteeRound, Decision

pytestmark = pytest.mark.django_db


def test_the_demo_runs_twice_and_leaves_a_verifiable_history(settings, tmp_path):
    from frenchtech.demo import calls as calls_demo
    from frenchtech.demo import committee as committee_demo
    from frenchtech.demo.accounts import load_demo_accounts

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    calls_demo.load()
    first = committee_demo.load()
    second = committee_demo.load()
    assert "already there" in second[-1]
    round_ = CommitteeRound.objects.get()
    states = dict(round_.applications.values_list("consortium__name", "state"))
    assert states == {
        "French Tech Lyon (démo)": ApplicationState.LABELLED,
        "French Tech Bordeaux (démo)": ApplicationState.READY_FOR_COMMITTEE,
    }
    assert Decision.objects.count() == 1
    assert verify_committee_chains() == []
    assert first[0].startswith("Committee")
