"""A verdict is chosen, never pre-selected: radios with no initial value, required.

Every form asking for a decision (eligibility, vote, consensus, recommendation, the
State's decision, the label audit) declares its choice with `verdict_field`: a submission
without a choice comes back with the field's error instead of recording the first option.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


def verdict_field(*, label, choices, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=True,
        help_text=help_text,
        error_messages={"required": _("Choisissez une réponse : aucune n'est cochée d'avance.")},
    )
