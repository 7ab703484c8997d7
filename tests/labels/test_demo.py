import pytest

from frenchtech.demo import calls, labels
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.labels.enums import LabelStatus
from frenchtech.labels.models import Label, LabelEvent

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_stage_and_loads_twice_without_duplicates(settings, tmp_path):
    settings.OBSERVATORY_DIR = tmp_path / "observatory"
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    calls.load()
    lines = labels.load()
    assert any("French Tech Lyon (démo)" in line for line in lines)
    counts = (Label.objects.count(), LabelEvent.objects.count())
    labels.load()
    assert (Label.objects.count(), LabelEvent.objects.count()) == counts
    statuses = set(Label.objects.values_list("status", flat=True))
    assert statuses == {
        LabelStatus.EXPERIMENTATION,
        LabelStatus.CONFIRMED,
        LabelStatus.SUSPENDED,
        LabelStatus.WITHDRAWN,
        LabelStatus.EXPIRED,
    }
    lyon = Label.objects.get(consortium__name="French Tech Lyon (démo)")
    assert lyon.application is not None
    assert "Démonstration" in lyon.events.get().public_reason
