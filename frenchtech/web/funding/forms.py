"""Forms of the funding pages: amounts are typed in euros and kept in cents."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.accounts.models import Organisation
from frenchtech.funding.money import parse_euros


class EurosField(forms.CharField):
    """Typed in euros ("1 500 000"), cleaned into integer cents."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("En euros, par exemple 1 500 000"))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return 0
        return parse_euros(value)


class ExpressionOfInterestForm(forms.Form):
    accelerator = forms.ModelChoiceField(
        label=_("Accélérateur"), queryset=Organisation.objects.none()
    )
    programme_name = forms.CharField(label=_("Programme d'accélération"), max_length=200)
    description = forms.CharField(
        label=_("Présentation du programme"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    ecosystem = forms.ModelChoiceField(
        label=_("Écosystème"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.CONSORTIUM),
        required=False,
    )
    requested_amount = EurosField(label=_("Montant demandé au fonds"))
    declared_private = EurosField(label=_("Apport privé annoncé"), required=False)

    def __init__(self, *args, accelerators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accelerator"].queryset = accelerators


class CoInvestorForm(forms.Form):
    name = forms.CharField(label=_("Co-investisseur privé"), max_length=200)
    amount = EurosField(label=_("Montant investi"))


class DecisionForm(forms.Form):
    amount = EurosField(label=_("Montant de la prise de participation"))
    stake_percent = forms.DecimalField(
        label=_("Part du capital (%)"),
        help_text=_("Strictement moins de 50 %"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    board_seat = forms.BooleanField(label=_("Siège au conseil d'administration"), required=False)
    committee_score = forms.IntegerField(
        label=_("Note du comité (sur 100)"), min_value=0, max_value=100, required=False
    )
    notes = forms.CharField(
        label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TrancheForm(forms.Form):
    amount = EurosField(label=_("Montant de la tranche"))
    milestone = forms.CharField(label=_("Jalon conditionnant le versement"), max_length=300)


class MilestoneForm(forms.Form):
    report_note = forms.CharField(
        label=_("Compte rendu reçu"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SimulatorForm(forms.Form):
    cap = EurosField(label=_("Plafond par écosystème"), required=False)
