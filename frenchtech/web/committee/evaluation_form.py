"""The evaluation model edited in a form: per criterion its weight, thresholds q, p, v, its
value at each profile and where its value comes from; the majority level λ and the rule.

The form edits a base model (the call's current model, or a published preset) in place:
the set of criteria, their directions and normalisations, the profiles' order and the
categories come from the base; the JSON stays available as an export and an import.
"""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

# French labels of the criteria and profiles of the shipped presets (the engine's own
# labels are English; a model imported with other ids shows its own label or its id).
CRITERION_LABELS = {
    "digital_company_creations_excl_sole": _(
        "Créations d'entreprises numériques (hors entrepreneurs individuels), par an"
    ),
    "professional_events": _("Événements professionnels organisés sur le territoire, par an"),
    "funds_raised_eur": _("Fonds levés par les entreprises du territoire, en euros par an"),
    "digital_scaleups": _("Entreprises numériques actives de 50 salariés ou plus (réussites)"),
    "acceleration_programmes": _("Programmes d'accélération en activité dans l'année"),
    "committee_growth_strategy": _("Note du comité (0 à 5) : stratégie de développement à dix ans"),
    "committee_international": _("Note du comité (0 à 5) : ambition internationale"),
    "committee_local_mobilisation": _(
        "Note du comité (0 à 5) : mobilisation des acteurs du territoire"
    ),
    "committee_infrastructure": _(
        "Note du comité (0 à 5) : infrastructures (locaux, quartier numérique, connectivité)"
    ),
    "committee_public_actors_role": _("Note du comité (0 à 5) : rôle des acteurs publics"),
}
PROFILE_LABELS = {
    "co_construction_floor": _("Plancher de la co-construction"),
    "label_floor": _("Plancher du label"),
}
RULE_CHOICES = [
    ("pessimistic", _("Prudente (pessimiste) : la catégorie la plus basse justifiée")),
    ("optimistic", _("Optimiste : la catégorie la plus haute justifiée")),
]
OBSERVATORY = ""


def _stored(value: float) -> float | int:
    """Whole numbers stay integers in the stored JSON (14, not 14.0)."""
    return int(value) if float(value).is_integer() else value


def criterion_label(criterion: dict) -> str:
    return str(CRITERION_LABELS.get(criterion["id"], criterion.get("label") or criterion["id"]))


def profile_label(profile: dict) -> str:
    return str(PROFILE_LABELS.get(profile["id"], profile.get("label") or profile["id"]))


def _number(label, *, required=True, minimum=None, maximum=None):
    # Localised: a French decimal comma ("0,25") is read as well as a point.
    return forms.FloatField(
        label=label,
        required=required,
        localize=True,
        min_value=minimum,
        max_value=maximum,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "fr-input"}),
    )


class EvaluationModelEditor(forms.Form):
    base = forms.CharField(widget=forms.HiddenInput)
    cutting_level = _number(_("Niveau de majorité λ (entre 0,5 et 1)"), minimum=0.5, maximum=1)
    rule = forms.ChoiceField(
        label=_("Règle d'affectation"),
        choices=RULE_CHOICES,
        widget=forms.Select(attrs={"class": "fr-select"}),
    )

    def __init__(self, *args, base_name, definition, review_sources, call_criteria, **kwargs):
        self.definition = definition
        initial = {
            "base": base_name,
            "cutting_level": definition.get("lambda"),
            "rule": definition.get("rule", "pessimistic"),
        }
        source_choices = [(OBSERVATORY, _("Indicateur de l'observatoire (EPCI du consortium)"))]
        source_choices += [
            (
                str(criterion["number"]),
                _("Note du comité, critère %(number)s de l'appel : %(title)s")
                % {"number": criterion["number"], "title": criterion["title"]},
            )
            for criterion in call_criteria
        ]
        self.rows = []
        fields = {}
        for criterion in definition["criteria"]:
            key, name = criterion["id"], criterion_label(criterion)
            names = {
                "weight": _number(_("Poids"), minimum=0),
                "q": _number(_("Seuil d'indifférence q"), minimum=0),
                "p": _number(_("Seuil de préférence p"), minimum=0),
                "v": _number(_("Seuil de veto v (facultatif)"), required=False, minimum=0),
            }
            for part, value in names.items():
                fields[f"{part}__{key}"] = value
                initial[f"{part}__{key}"] = criterion.get(part)
            for profile in definition["profiles"]:
                fields[f"profile__{profile['id']}__{key}"] = _number(profile_label(profile))
                initial[f"profile__{profile['id']}__{key}"] = profile["values"].get(key)
            fields[f"source__{key}"] = forms.ChoiceField(
                label=_("Source de la valeur"),
                choices=source_choices,
                required=False,
                widget=forms.Select(attrs={"class": "fr-select"}),
            )
            initial[f"source__{key}"] = str(review_sources.get(key, OBSERVATORY))
            self.rows.append((key, name))
        kwargs.setdefault("initial", {}).update(initial)
        super().__init__(*args, **kwargs)
        self.fields.update(fields)
        for name, field in self.fields.items():
            if "__" in name:
                # The table's column heads say what the field is; its label says for which
                # criterion (read by screen readers, hidden on screen).
                criterion = name.rsplit("__", 1)[1]
                field.label = f"{field.label} — {criterion_label({'id': criterion})}"
        self.profiles = [(p["id"], profile_label(p)) for p in definition["profiles"]]

    def table(self):
        """Rows for the template: (criterion label, [bound fields in column order])."""
        rows = []
        for key, name in self.rows:
            columns = [self[f"{part}__{key}"] for part in ("weight", "q", "p", "v")]
            columns += [self[f"profile__{profile}__{key}"] for profile, _label in self.profiles]
            columns.append(self[f"source__{key}"])
            rows.append((name, columns))
        return rows

    def clean(self):
        data = super().clean()
        for key, _name in self.rows:
            q, p, v = (data.get(f"{part}__{key}") for part in ("q", "p", "v"))
            if q is not None and p is not None and q > p:
                self.add_error(f"p__{key}", _("Le seuil p doit être au moins égal à q."))
            if p is not None and v is not None and v < p:
                self.add_error(f"v__{key}", _("Le seuil de veto v doit être au moins égal à p."))
        return data

    def build(self) -> tuple[dict, dict]:
        """The edited definition and review sources (after `is_valid()`)."""
        data = self.cleaned_data
        definition = copy.deepcopy(self.definition)
        definition["lambda"] = _stored(data["cutting_level"])
        definition["rule"] = data["rule"]
        review_sources = {}
        for criterion in definition["criteria"]:
            key = criterion["id"]
            for part in ("weight", "q", "p"):
                criterion[part] = _stored(data[f"{part}__{key}"])
            if data.get(f"v__{key}") is None:
                criterion.pop("v", None)
            else:
                criterion["v"] = _stored(data[f"v__{key}"])
            for profile in definition["profiles"]:
                profile["values"][key] = _stored(data[f"profile__{profile['id']}__{key}"])
            if data.get(f"source__{key}"):
                review_sources[key] = int(data[f"source__{key}"])
        return definition, review_sources
