import datetime

import pytest
from django.core.management import call_command

from frenchtech.accounts.models import Organisation
from frenchtech.demo import funding
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.funding.models import InvestmentFile, LedgerTransaction, PromotionAction
from frenchtech.labels.models import Label

pytestmark = pytest.mark.django_db


def label_demo_consortia(*names):
    """What the labels demo (run before this one by load_demo) leaves for these consortia."""
    today = datetime.date.today()
    for name in names:
        consortium = Organisation.objects.get(name=name)
        Label.objects.create(
            consortium=consortium,
            epci=consortium.territory,
            status="experimentation",
            granted_at=today,
            experimentation_ends_at=today + datetime.timedelta(days=365),
            ends_at=today + datetime.timedelta(days=365),
        )


def test_the_demo_loads_twice_without_duplicates_and_reconciles():
    load_demo_accounts()
    label_demo_consortia("French Tech Lyon (démo)", "French Tech Bordeaux (démo)")
    lines = funding.load()
    assert any("Fonds French Tech Accélération (démo)" in line for line in lines)
    counts = (InvestmentFile.objects.count(), LedgerTransaction.objects.count())
    funding.load()
    assert (InvestmentFile.objects.count(), LedgerTransaction.objects.count()) == counts
    assert InvestmentFile.objects.get(programme_name="Rhône Scale-Up (démo)").state == "portfolio"
    action = PromotionAction.objects.get()
    assert action.candidates.filter(is_selected=True).count() == 3
    call_command("reconcile_ledger")
