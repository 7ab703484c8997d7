"""Forms of the label pages; they only parse input, the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frenchtech.core.verdicts import verdict_field
from frenchtech.labels.enums import AuditOutcome, MilestoneStatus


class DecisionForm(forms.Form):
    """Reasons for any move of a label by the Mission (kept internal) and what is published."""

    reasons = forms.CharField(
        label=_("Motifs (internes)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    public_reason = forms.CharField(
        label=_("Motif public"),
        required=False,
        help_text=_("Affiché dans l'historique public du label."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = forms.DateField(
        label=_("Date d'effet"),
        required=False,
        help_text=_("Aujourd'hui si vide."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AuditForm(DecisionForm):
    outcome = verdict_field(label=_("Conclusion de l'audit"), choices=AuditOutcome.choices)


class StrategyForm(forms.Form):
    strategy_summary = forms.CharField(
        label=_("Bilan de la stratégie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Jalon"), required=False, max_length=300)
    status = forms.ChoiceField(
        label=_("Avancement"), required=False, choices=[("", "—"), *MilestoneStatus.choices]
    )
    comment = forms.CharField(label=_("Commentaire"), required=False)


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2)


class FigureForm(forms.Form):
    declared_value = forms.FloatField(label=_("Valeur déclarée"), required=False)
    justification = forms.CharField(label=_("Justification"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Examen"),
        choices=[("accept", _("Valider le rapport")), ("return", _("Renvoyer pour compléments"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Avis de la Mission"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
