"""Forms carrying the domain's validation; every message names the field it is about."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frenchtech.calls.enums import CallMode, CorrectionKind, EligibilityVerdict
from frenchtech.calls.models import Call
from frenchtech.core.numbers import figure as figure_text
from frenchtech.core.siren import is_valid_siren
from frenchtech.core.verdicts import verdict_field

TEXT_MAX_LENGTH = 20_000


class WholeNumberField(forms.IntegerField):
    """An integer typed the French way ("1 000 000"), refused when negative or absurd."""

    def __init__(self, *, label, maximum, **kwargs):
        self.maximum = maximum
        super().__init__(
            label=label,
            required=False,
            # A text input: browsers refuse "1 000 000" in a number input.
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "invalid": _("« %(label)s » : saisissez un nombre entier.") % {"label": label}
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0:
            raise ValidationError(
                _("« %(label)s » : une valeur négative n'est pas possible.") % {"label": self.label}
            )
        if value > self.maximum:
            raise ValidationError(
                _(
                    "« %(label)s » : %(value)s dépasse le plafond plausible (%(maximum)s) ; vérifiez la saisie."  # noqa: E501
                )
                % {
                    "label": self.label,
                    "value": figure_text(value),
                    "maximum": figure_text(self.maximum),
                }
            )


def _text_field(label, help_text="", rows=6):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def parse_actors(text: str, label) -> list[dict]:
    """ "name ; SIREN ; role" per line → list of actors; raises naming the faulty line."""
    actors, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        name, siren, role = ([*parts, "", "", ""])[:3]
        siren = siren.replace(" ", "")
        if not name:
            errors.append(
                _("« %(label)s », ligne %(line)s : le nom de l'acteur manque.")
                % {"label": label, "line": number}
            )
        elif siren and not is_valid_siren(siren):
            errors.append(
                _(
                    "« %(label)s », ligne %(line)s : le SIREN « %(siren)s » n'est pas valide (neuf chiffres et clé de contrôle)."  # noqa: E501
                )
                % {"label": label, "line": number, "siren": siren}
            )
        actors.append({"name": name, "siren": siren, "role": role})
    if errors:
        raise ValidationError(errors)
    return actors


class SectionForm(forms.Form):
    """The fields of one section; `patch()` returns only what validated, for partial saves."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, definition, figures, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.figures = figures  # {indicator: {"observatory": {...} or None, ...}}
        for text in definition.texts:
            self.fields[text.key] = _text_field(text.label, text.help_text)
        for number in definition.numbers:
            self.fields[number.key] = WholeNumberField(label=number.label, maximum=number.maximum)
        for indicator in definition.indicators:
            label = (
                f"{indicator.label} ({indicator.unit})" if indicator.unit else str(indicator.label)
            )
            self.fields[f"declared_{indicator.key}"] = WholeNumberField(
                label=_("%(label)s — valeur déclarée") % {"label": label}, maximum=indicator.maximum
            )
            self.fields[f"justification_{indicator.key}"] = _text_field(
                _("%(label)s — justification de l'écart") % {"label": label}, rows=2
            )

    @staticmethod
    def initial_from(section) -> dict:
        data = section.data
        initial = {"version": section.version}
        for key in section.definition.field_keys():
            initial[key] = data.get(key, "")
        for key, figure in data.get("figures", {}).items():
            initial[f"declared_{key}"] = figure.get("declared")
            initial[f"justification_{key}"] = figure.get("justification", "")
        return initial

    def clean(self):
        cleaned = super().clean()
        if self.definition.has_actors and "actors" in cleaned:
            try:
                cleaned["actor_list"] = parse_actors(cleaned["actors"], self.fields["actors"].label)
            except ValidationError as error:
                self.add_error("actors", error)
        for indicator in self.definition.indicators:
            declared_key = f"declared_{indicator.key}"
            justification_key = f"justification_{indicator.key}"
            observatory = (self.figures.get(indicator.key) or {}).get("observatory")
            declared = cleaned.get(declared_key)
            if (
                observatory is not None
                and declared is not None
                and declared != observatory["value"]
                and not (cleaned.get(justification_key) or "").strip()
                and justification_key not in self.errors
            ):
                self.add_error(
                    justification_key,
                    _(
                        "« %(label)s » : une valeur différente de celle de l'observatoire (%(value)s) doit être justifiée."  # noqa: E501
                    )
                    % {"label": indicator.label, "value": figure_text(observatory["value"])},
                )
        return cleaned

    def patch(self) -> dict:
        """The validated part of the input, as a change to merge into `Section.data`."""
        cleaned = getattr(self, "cleaned_data", {})
        patch = {key: cleaned[key] for key in self.definition.field_keys() if key in cleaned}
        if "actor_list" in cleaned and "actors" not in self.errors:
            patch["actor_list"] = cleaned["actor_list"]
        figures = {}
        for indicator in self.definition.indicators:
            declared_key = f"declared_{indicator.key}"
            justification_key = f"justification_{indicator.key}"
            change = {}
            # A declaration is kept only together with its justification.
            if declared_key in cleaned and justification_key not in self.errors:
                change["declared"] = cleaned[declared_key]
            if justification_key in cleaned:
                change["justification"] = cleaned[justification_key]
            if change:
                figures[indicator.key] = change
        if figures:
            patch["figures"] = figures
        return patch


class CallForm(forms.ModelForm):
    criterion_1_title = forms.CharField(label=gettext_lazy("Critère 1 — intitulé"), max_length=200)
    criterion_1_guidance = forms.CharField(
        label=gettext_lazy("Critère 1 — indications"), widget=forms.Textarea(attrs={"rows": 2})
    )
    criterion_2_title = forms.CharField(label=gettext_lazy("Critère 2 — intitulé"), max_length=200)
    criterion_2_guidance = forms.CharField(
        label=gettext_lazy("Critère 2 — indications"), widget=forms.Textarea(attrs={"rows": 2})
    )
    criterion_3_title = forms.CharField(label=gettext_lazy("Critère 3 — intitulé"), max_length=200)
    criterion_3_guidance = forms.CharField(
        label=gettext_lazy("Critère 3 — indications"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reminder_days_text = forms.CharField(
        label=gettext_lazy("Rappels aux candidats (jours avant la date limite)"),
        help_text=gettext_lazy("Par exemple : 7, 2"),
        required=False,
    )
    deadline = forms.DateTimeField(
        label=gettext_lazy("Date limite (heure de Paris)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    past_date_reason = forms.CharField(
        label=gettext_lazy("Motif d'une date passée"),
        help_text=gettext_lazy(
            "Seulement si la date limite est déjà passée (appel saisi après coup, par exemple)."
        ),
        required=False,
        max_length=500,
    )

    class Meta:
        model = Call
        fields = ["title", "text", "eligibility_rules", "mode", "deadline", "closing_message"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "eligibility_rules": forms.Textarea(attrs={"rows": 3}),
            "closing_message": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "text": gettext_lazy("Mise en forme simple permise (paragraphes, listes, liens).")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in self.instance.criteria:
            number = criterion["number"]
            self.initial.setdefault(f"criterion_{number}_title", criterion["title"])
            self.initial.setdefault(f"criterion_{number}_guidance", criterion["guidance"])
        self.initial.setdefault(
            "reminder_days_text", ", ".join(str(day) for day in self.instance.reminder_days)
        )

    def clean_reminder_days_text(self):
        days = []
        for part in self.cleaned_data["reminder_days_text"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 365:
                raise ValidationError(
                    _("« Rappels » : « %(value)s » n'est pas un nombre de jours entre 1 et 365.")
                    % {"value": part}
                )
            days.append(int(part))
        return sorted(set(days), reverse=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == CallMode.DEADLINE and not cleaned.get("deadline"):
            self.add_error(
                "deadline", _("« Date limite » : obligatoire pour un appel avec date limite.")
            )
        if cleaned.get("mode") == CallMode.ROLLING:
            cleaned["deadline"] = None
        return cleaned

    def call_fields(self) -> dict:
        cleaned = self.cleaned_data
        fields = {name: cleaned[name] for name in self.Meta.fields}
        fields["criteria"] = [
            {
                "number": number,
                "title": cleaned[f"criterion_{number}_title"],
                "guidance": cleaned[f"criterion_{number}_guidance"],
            }
            for number in (1, 2, 3)
        ]
        fields["reminder_days"] = cleaned["reminder_days_text"]
        return fields


class InviteEditorForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail du co-rédacteur"))
    full_name = forms.CharField(label=gettext_lazy("Nom complet"), max_length=200)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Fichier"))


class CorrectionRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Nature"), choices=CorrectionKind.choices)
    section_key = forms.ChoiceField(label=gettext_lazy("Section concernée"), required=False)
    message = forms.CharField(
        label=gettext_lazy("Ce qui est attendu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX_LENGTH,
    )

    def __init__(self, *args, **kwargs):
        from frenchtech.calls.sections import SECTIONS

        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", "—")] + [(s.key, s.title) for s in SECTIONS]


class EligibilityForm(forms.Form):
    verdict = verdict_field(
        label=gettext_lazy("Avis de recevabilité"), choices=EligibilityVerdict.choices
    )
    complete = forms.BooleanField(label=gettext_lazy("Dossier complet"), required=False)
    notes = forms.CharField(
        label=gettext_lazy("Observations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
    )


class SiteVisitForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=gettext_lazy("Date et heure de la visite"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=gettext_lazy("Lieu"), max_length=200)
    past_date_reason = forms.CharField(
        label=gettext_lazy("Motif d'une date passée"),
        help_text=gettext_lazy(
            "Seulement pour consigner une visite déjà faite : le consortium n'est alors pas "
            "prévenu par e-mail."
        ),
        required=False,
        max_length=500,
    )


class SiteVisitReportForm(forms.Form):
    report = forms.CharField(
        label=gettext_lazy("Compte rendu de visite"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_LENGTH,
    )


class ContactForm(forms.Form):
    contact = forms.ModelChoiceField(label=gettext_lazy("Contact à la Mission"), queryset=None)

    def __init__(self, *args, **kwargs):
        from frenchtech.accounts.models import User
        from frenchtech.accounts.perms import MISSION_ROLES

        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = User.objects.filter(
            memberships__role__in=MISSION_ROLES, memberships__is_active=True
        ).distinct()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
    )
