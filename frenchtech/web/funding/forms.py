"""Forms of the funding pages: amounts are typed in euros and kept in cents."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.accounts.models import Organisation
from frenchtech.funding.enums import SelectionCriterion
from frenchtech.funding.ledger import envelope_balances
from frenchtech.funding.models import Envelope
from frenchtech.funding.money import format_euros, parse_euros


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


class EnvelopeChoiceField(forms.ModelChoiceField):
    """One of the envelopes open today, each shown with what is left to commit on it."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Envelope.objects.none(), empty_label=None, **kwargs)

    def label_from_instance(self, envelope):
        available = format_euros(envelope_balances(envelope).available)
        return _("%(name)s (reste à engager : %(available)s)") % {
            "name": envelope.name,
            "available": available,
        }


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
    consortium = forms.ModelChoiceField(
        label=_("Écosystème"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.CONSORTIUM),
        required=False,
    )
    requested_amount = EurosField(label=_("Montant demandé au fonds"))
    declared_private = EurosField(label=_("Apport privé annoncé"), required=False)
    envelope = EnvelopeChoiceField(label=_("Enveloppe du fonds"))

    def __init__(self, *args, accelerators, envelopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accelerator"].queryset = accelerators
        self.fields["envelope"].queryset = envelopes


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
    envelope = EnvelopeChoiceField(label=_("Enveloppe"), required=False)
    cap = EurosField(label=_("Plafond par écosystème"), required=False)

    def __init__(self, *args, envelopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = envelopes


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AcceleratorForm(forms.Form):
    name = forms.CharField(label=_("Raison sociale"), max_length=200)
    siren = forms.CharField(
        label=_("SIREN"), max_length=20, help_text=_("Neuf chiffres, clé de Luhn vérifiée")
    )


class EnvelopeForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'enveloppe"), max_length=200)
    kind = forms.ChoiceField(label=_("Nature"), choices=())
    amount = EurosField(label=_("Montant"))
    valid_from = forms.DateField(label=_("Début de validité"), widget=DateInput())
    valid_until = forms.DateField(label=_("Fin de validité"), widget=DateInput())
    manager = forms.ModelChoiceField(
        label=_("Partenaire gestionnaire"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by("name"),
        required=False,
    )
    min_private_share_percent = forms.IntegerField(
        label=_("Part privée minimale d'un tour (%)"), min_value=0, max_value=100, initial=50
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("La fin de validité précède le début."))
        return data


class SubAllocationForm(forms.Form):
    name = forms.CharField(label=_("Nom de la sous-enveloppe"), max_length=200)
    amount = EurosField(label=_("Montant réservé"))


class PromotionActionForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'action"), max_length=200)
    event = forms.CharField(label=_("Événement"), max_length=200)
    city = forms.CharField(label=_("Ville"), max_length=100)
    country = forms.CharField(label=_("Pays"), max_length=100)
    starts_on = forms.DateField(label=_("Début"), widget=DateInput())
    ends_on = forms.DateField(label=_("Fin"), widget=DateInput())
    budget = EurosField(label=_("Budget engagé sur l'enveloppe"))
    seats = forms.IntegerField(label=_("Places de start-up"), min_value=1, initial=10)
    envelope = EnvelopeChoiceField(label=_("Enveloppe de promotion"))

    def __init__(self, *args, envelopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = envelopes

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La fin précède le début."))
        return data


class CandidateForm(forms.Form):
    """A start-up from a consortium, scored 0–5 on each selection criterion."""

    startup_name = forms.CharField(label=_("Start-up"), max_length=200)
    startup_siren = forms.CharField(label=_("SIREN de la start-up"), max_length=9, required=False)
    consortium = forms.ModelChoiceField(
        label=_("Écosystème"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.CONSORTIUM).order_by("name"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in SelectionCriterion:
            self.fields[f"score_{criterion.value}"] = forms.IntegerField(
                label=criterion.label, min_value=0, max_value=5, help_text=_("De 0 à 5")
            )

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class CostForm(forms.Form):
    label = forms.CharField(label=_("Poste de dépense"), max_length=200)
    amount = EurosField(label=_("Montant payé"))


class OutcomesForm(forms.Form):
    outcomes = forms.CharField(
        label=_("Résultats de l'action"), widget=forms.Textarea(attrs={"rows": 3})
    )
    contacts_made = forms.IntegerField(label=_("Contacts d'affaires"), min_value=0, initial=0)
    deals_signed = forms.IntegerField(label=_("Contrats ou accords signés"), min_value=0, initial=0)
    press_mentions = forms.IntegerField(label=_("Retombées presse"), min_value=0, initial=0)


class PortfolioReportForm(forms.Form):
    year = forms.IntegerField(label=_("Année"), min_value=2014, max_value=2100)
    cohorts = forms.IntegerField(label=_("Promotions accompagnées"), min_value=0)
    startups_accelerated = forms.IntegerField(label=_("Start-up accélérées"), min_value=0)
    exits = forms.IntegerField(label=_("Sorties (cessions, introductions)"), min_value=0)
    stake_value = EurosField(label=_("Valeur de la participation"))
    note = forms.CharField(
        label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExitForm(forms.Form):
    proceeds = EurosField(label=_("Produit de cession"))
    reason = forms.CharField(
        label=_("Modalités de la sortie"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation"), widget=forms.Textarea(attrs={"rows": 2})
    )
