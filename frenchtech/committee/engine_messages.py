"""What the scoring engine says, in the reader's language.

The engine (`frenchtech/scoring/`) has no Django and speaks English: its criteria carry
English labels in the model file and its errors English messages. Pages show the
translated criterion names below, and a translated message chosen by the error's `code`.
"""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.scoring.errors import ScoringError

# The committee-scored criteria of the shipped models (the observatory's are in its catalogue).
_SCORE = gettext_lazy("Note du comité")
CRITERION_LABELS = {
    "committee_growth_strategy": gettext_lazy("stratégie de développement à dix ans"),
    "committee_international": gettext_lazy("ambition internationale"),
    "committee_local_mobilisation": gettext_lazy("mobilisation des acteurs du territoire"),
    "committee_infrastructure": gettext_lazy(
        "infrastructures (lieux, quartier numérique, connectivité)"
    ),
    "committee_public_actors_role": gettext_lazy("rôle des acteurs publics"),
}


def criterion_label(criterion_id: str, model_label: str | None = None) -> str:
    """A criterion's name for people: the observatory's, the committee's, else the model's."""
    info = CATALOGUE.get(criterion_id)
    if info is not None:
        return str(info.label)
    if criterion_id in CRITERION_LABELS:
        return f"{_SCORE}{_colon()} {CRITERION_LABELS[criterion_id]}"
    return model_label or criterion_id


def _colon() -> str:
    return "\u00a0:" if (get_language() or "fr").startswith("fr") else ":"


def _messages() -> dict:
    return {
        "negative_weight": _("Le poids de « %(criterion)s » ne peut pas être négatif."),
        "unreadable_weight": _("Le poids de « %(criterion)s » doit être un nombre."),
        "no_positive_weight": _("Au moins un critère doit avoir un poids positif."),
        "profiles_not_ordered": _(
            "Les profils du modèle ne sont pas rangés du moins bon au meilleur sur "
            "« %(criterion)s »."
        ),
        "not_electre_tri_b": _(
            "Le modèle du comité doit être un modèle ELECTRE TRI-B ; sa robustesse SMAA-TRI "
            "en est dérivée."
        ),
        "review_source_unknown_criterion": _(
            "Source des notes : le critère « %(criterion)s » n'est pas dans le modèle."
        ),
        "review_source_unknown_call_criterion": _(
            "Source des notes : « %(criterion)s » renvoie au critère %(number)s, que l'appel "
            "n'a pas."
        ),
        "invalid_model": _(
            "Le modèle d'évaluation de cet appel est invalide : la Mission peut le corriger "
            "sur la page du modèle."
        ),
        "invalid_table": _("Le moteur de notation ne peut pas lire les valeurs des critères."),
        "invalid_input": _("Le moteur de notation a refusé ces données."),
    }


def engine_message(error: ScoringError, labels: dict | None = None) -> str:
    """The error for people, in the active language. `labels`: {criterion id: label} of
    the model (its translated names are preferred)."""
    messages = _messages()
    code = getattr(error, "code", "invalid_input")
    params = dict(getattr(error, "params", {}))
    if "criterion" in params:
        params["criterion"] = criterion_label(
            params["criterion"], (labels or {}).get(params["criterion"])
        )
    template = messages.get(code)
    if template is None:
        template = messages["invalid_input"]
    try:
        text = template % params
    except (KeyError, TypeError, ValueError):
        text = messages["invalid_input"]
    if code in ("invalid_model", "invalid_table", "invalid_input") and not (
        get_language() or "fr"
    ).startswith("fr"):
        # The engine's own words are English: English readers get the detail too.
        text = f"{text} ({error})"
    return text
