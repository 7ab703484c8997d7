import pytest
from django.core.management import call_command

from frenchtech.demo import funding
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.funding.models import InvestmentFile, LedgerTransaction, PromotionAction

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_duplicates_and_reconciles():
    load_demo_accounts()
    lines = funding.load()
    assert any("Fonds French Tech Accélération (démo)" in line for line in lines)
    counts = (InvestmentFile.objects.count(), LedgerTransaction.objects.count())
    funding.load()
    assert (InvestmentFile.objects.count(), LedgerTransaction.objects.count()) == counts
    assert InvestmentFile.objects.get(programme_name="Rhône Scale-Up (démo)").state == "portfolio"
    action = PromotionAction.objects.get()
    assert action.candidates.filter(is_selected=True).count() == 3
    call_command("reconcile_ledger")
