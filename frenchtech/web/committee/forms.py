"""Forms of the committee's pages (labels in French, translated)."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import ConflictKind, MemberKind, Outcome
from frenchtech.committee.grid import HALF_POINTS
from frenchtech.core.numbers import number
from frenchtech.core.verdicts import verdict_field


class RoundForm(forms.Form):
    call = forms.ModelChoiceField(queryset=None, label=_("Appel à projets"))
    title = forms.CharField(label=_("Titre du tour"), max_length=200)
    reviewers_per_application = forms.IntegerField(
        label=_("Rapporteurs par candidature"), min_value=1, max_value=10, initial=3
    )
    criterion_threshold = forms.FloatField(
        label=_("Seuil par critère (sur 5)"), min_value=0, max_value=5, initial=3
    )
    total_threshold = forms.FloatField(label=_("Seuil global"), min_value=0, initial=10)

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls


class AddReviewerForm(forms.Form):
    application = forms.ModelChoiceField(queryset=None, label=_("Candidature"))
    member = forms.ModelChoiceField(queryset=None, label=_("Membre"))

    def __init__(self, *args, applications, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["member"].queryset = members


def score_choices() -> list[tuple[str, str]]:
    """Scores as values (a dot, machine text) and labels in the reader's language (« 3,5 »)."""
    return [("", "—")] + [(str(value), number(value)) for value in HALF_POINTS]


class ReviewForm(forms.Form):
    general_comment = forms.CharField(
        label=_("Appréciation générale"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            number = criterion["number"]
            item = review.scores.get(str(number), {}) if review else {}
            score = item.get("score")
            self.fields[f"score_{number}"] = forms.ChoiceField(
                label=_("Critère %(number)s — %(title)s : note")
                % {"number": number, "title": criterion["title"]},
                choices=score_choices(),
                required=False,
                initial="" if score is None else str(float(score)),
            )
            self.fields[f"comment_{number}"] = forms.CharField(
                label=_("Critère %(number)s : commentaire") % {"number": number},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=item.get("comment", ""),
            )
        if review is not None:
            self.fields["general_comment"].initial = review.general_comment

    def scores(self) -> dict:
        result = {}
        for criterion in self.criteria:
            number = criterion["number"]
            raw = self.cleaned_data.get(f"score_{number}") or ""
            result[number] = (float(raw) if raw else None, self.cleaned_data[f"comment_{number}"])
        return result


class ConsensusForm(forms.Form):
    text = forms.CharField(label=_("Synthèse des avis"), widget=forms.Textarea(attrs={"rows": 6}))
    proposed_outcome = verdict_field(label=_("Proposition"), choices=Outcome.choices)


class SessionForm(forms.Form):
    held_on = forms.DateTimeField(
        label=_("Date et heure de la séance"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    location = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    quorum = forms.IntegerField(label=_("Quorum (membres présents)"), min_value=1, initial=3)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Membres présents"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members


class VoteForm(forms.Form):
    choice = verdict_field(label=_("Votre vote"), choices=Outcome.choices)
    comment = forms.CharField(label=_("Explication de vote"), required=False)


class RecommendationForm(forms.Form):
    outcome = verdict_field(label=_("Recommandation du comité"), choices=Outcome.choices)
    text = forms.CharField(
        label=_("Motifs de la recommandation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    against_majority_acknowledged = forms.BooleanField(
        label=_(
            "Si la recommandation s'écarte de la majorité des votes : je l'ai vu et je le confirme"
        ),
        required=False,
    )


class DecisionForm(forms.Form):
    outcome = verdict_field(label=_("Décision de l'État"), choices=Outcome.choices)
    reasons = forms.CharField(label=_("Motifs"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label=_("Recommandations (renvoi en co-construction)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    replaces_live_label = forms.BooleanField(required=False)

    def __init__(self, *args, replacement="", **kwargs):
        """`replacement` says what a decision to label would do to the live label, if any;
        without one, the confirmation box is not offered."""
        super().__init__(*args, **kwargs)
        if replacement:
            self.fields["replaces_live_label"].label = _(
                "Remplacer le label en cours (décision de labellisation uniquement)"
            )
            self.fields["replaces_live_label"].help_text = replacement
        else:
            del self.fields["replaces_live_label"]


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Compte (membre du comité ou partenaire)"))
    kind = forms.ChoiceField(label=_("Qualité"), choices=MemberKind.choices)
    expertise = forms.CharField(
        label=_("Expertises"), help_text=_("Séparées par des virgules."), required=False
    )
    home_epci = forms.CharField(
        label=_("Territoire de résidence (SIREN de l'EPCI)"), max_length=9, required=False
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users

    def clean_home_epci(self):
        from frenchtech.territories.models import Epci

        code = self.cleaned_data["home_epci"].strip()
        if not code:
            return None
        epci = Epci.objects.filter(code=code).first()
        if epci is None:
            raise forms.ValidationError(_("Aucun EPCI n'a ce SIREN."))
        return epci

    def tags(self) -> list[str]:
        return [tag for tag in self.cleaned_data["expertise"].split(",") if tag.strip()]


class DeclarationForm(forms.Form):
    text = forms.CharField(
        label=_("Déclaration d'intérêts (mandats, participations, liens)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConflictForm(forms.Form):
    application = forms.ModelChoiceField(queryset=None, label=_("Candidature"))
    kind = forms.ChoiceField(label=_("Nature du conflit"), choices=ConflictKind.choices)
    reason = forms.CharField(label=_("Motif"), required=False)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications


class EvaluationModelForm(forms.Form):
    preset = forms.ChoiceField(label=_("Modèle de départ"), required=False)
    definition = forms.CharField(
        label=_("Modèle d'évaluation (JSON, format du moteur de notation)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text=_("Critères, poids, seuils q, p, v, profils, catégories et λ."),
    )
    review_sources = forms.CharField(
        label=_("Critères notés par le comité (JSON : identifiant → numéro de critère de l'appel)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args, presets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [("", "—")] + [(name, name) for name in presets]

    def _json(self, name, default):
        raw = self.cleaned_data.get(name, "").strip()
        if not raw:
            return default
        try:
            return json.loads(raw)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("JSON illisible (ligne %(line)s, colonne %(column)s) : %(message)s")
                % {"line": error.lineno, "column": error.colno, "message": error.msg}
            ) from error

    def clean_definition(self):
        value = self._json("definition", None)
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Le modèle doit être un objet JSON."))
        return value

    def clean_review_sources(self):
        value = self._json("review_sources", {})
        if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
            raise forms.ValidationError(
                _(
                    "Un objet JSON : identifiant de critère du modèle → numéro de critère "
                    "de l'appel."
                )
            )
        return value
