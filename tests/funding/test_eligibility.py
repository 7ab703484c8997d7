"""Only private organisations may receive the acceleration fund."""

import pytest
from django.core.management import call_command

from frenchtech.accounts.enums import Role
from frenchtech.funding.actions.accelerators import register_accelerator
from frenchtech.funding.eligibility import AcceleratorRefused, check_accelerator_eligibility
from frenchtech.funding.legal_categories import public_law_family
from frenchtech.funding.models import RegistryCompany
from frenchtech.territories.models import Commune, Epci
from tests.factories import UserWithRoleFactory
from tests.funding.factories import private_siren


class StaticLegalCategoryLookup:
    """A fixed mapping standing for the registry (a LegalCategoryLookup)."""

    def __init__(self, categories: dict[str, str]):
        self.categories = categories

    def legal_category(self, siren: str) -> str | None:
        return self.categories.get(siren)


pytestmark = pytest.mark.django_db

RULE_QUOTE = "Les collectivités n'ont pas à attendre de financements"


def test_a_metropole_is_refused_citing_the_rule(mission_officer):
    lyon = Epci.objects.get(source_type="MET69")
    with pytest.raises(AcceleratorRefused) as refused:
        register_accelerator(by=mission_officer, name="Métropole de Lyon", siren=lyon.code)
    message = str(refused.value)
    assert "Métropole de Lyon" in message
    assert RULE_QUOTE in message
    assert "200 millions d'euros" in message
    assert "initiatives privées" in message


def test_a_commune_is_refused():
    commune = Commune.objects.exclude(siren="").get(code="69123", kind="commune")
    with pytest.raises(AcceleratorRefused, match="collectivité \\(Lyon\\)"):
        check_accelerator_eligibility(commune.siren)


@pytest.mark.parametrize("category", ["7210", "7344", "4110", "4140"])
def test_a_public_law_legal_category_from_the_registry_is_refused(category):
    siren = private_siren()
    RegistryCompany.objects.create(
        siren=siren,
        legal_category=category,
        name="Établissement public",
        source="test",
        loaded_at="2024-01-01T00:00:00Z",
    )
    with pytest.raises(AcceleratorRefused, match=f"catégorie juridique {category}"):
        check_accelerator_eligibility(siren)


@pytest.mark.parametrize("category", ["5710", "5499", "9220", "6540", "1000", "5515"])
def test_private_law_categories_are_accepted(category):
    siren = private_siren()
    assert public_law_family(category) is None
    assert (
        check_accelerator_eligibility(siren, StaticLegalCategoryLookup({siren: category})) == siren
    )


def test_a_private_company_is_accepted_and_registered(mission_officer):
    siren = private_siren()
    RegistryCompany.objects.create(
        siren=siren,
        legal_category="5710",
        name="Accélérateur SAS",
        source="test",
        loaded_at="2024-01-01T00:00:00Z",
    )
    accelerator = register_accelerator(by=mission_officer, name="Accélérateur SAS", siren=siren)
    assert accelerator.kind == "accelerator"
    assert accelerator.siren == siren


@pytest.mark.parametrize(
    ("siren", "message"),
    [("123456789", "clé de contrôle"), ("12345", "neuf chiffres"), ("ABCDEFGHI", "neuf chiffres")],
)
def test_an_invalid_siren_is_refused(siren, message):
    with pytest.raises(AcceleratorRefused, match=message):
        check_accelerator_eligibility(siren)


def test_only_fund_managers_register_accelerators():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        register_accelerator(
            by=UserWithRoleFactory(Role.CONSORTIUM_LEAD), name="X", siren=private_siren()
        )


def test_legal_categories_load_from_a_stock_unite_legale_csv(tmp_path):
    good, public = private_siren(), private_siren()
    path = tmp_path / "StockUniteLegale_extrait.csv"
    path.write_text(
        "siren,statutDiffusionUniteLegale,categorieJuridiqueUniteLegale,denominationUniteLegale\n"
        f"{good},O,5710,ACCELERATEUR SAS\n"
        f"{public},O,7346,SYNDICAT MIXTE\n"
        "123456789,O,5710,CLE FAUSSE\n",
        encoding="utf-8",
    )
    call_command("load_legal_categories", str(path))
    assert RegistryCompany.objects.get(siren=good).legal_category == "5710"
    assert RegistryCompany.objects.get(siren=public).source == "StockUniteLegale_extrait.csv"
    assert not RegistryCompany.objects.filter(siren="123456789").exists()
    with pytest.raises(AcceleratorRefused):
        check_accelerator_eligibility(public)
    # Loading again updates instead of duplicating.
    call_command("load_legal_categories", str(path), "--source", "2024-01")
    assert RegistryCompany.objects.get(siren=good).source == "2024-01"


def test_a_csv_without_the_official_columns_is_refused(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "wrong.csv"
    path.write_text("siren,category\n552100554,5710\n", encoding="utf-8")
    with pytest.raises(CommandError, match="categorieJuridiqueUniteLegale"):
        call_command("load_legal_categories", str(path))
