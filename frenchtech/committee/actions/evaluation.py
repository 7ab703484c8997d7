"""The Mission configures a call's evaluation model."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.committee import perms
from frenchtech.committee.evaluation import validate
from frenchtech.committee.models import EvaluationModel
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused
from frenchtech.scoring.errors import ScoringError


class EvaluationModelRefused(ActionRefused, ScoringError):
    """The scoring engine refuses the model: the one refusal, and still a `ScoringError`
    for code that asks the engine's question."""

    def __init__(self, error: ScoringError):
        super().__init__(_("Modèle refusé : %(error)s") % {"error": error}, field="definition")


@write_action(allowed=perms.can_configure_evaluation)
def configure_evaluation(*, by, call, definition, review_sources, preset="") -> EvaluationModel:
    """Validated by the scoring engine first: a model that does not parse is never stored."""
    try:
        validate(definition, review_sources, call.criteria)
    except ScoringError as error:
        raise EvaluationModelRefused(error) from error
    model, _created = EvaluationModel.objects.update_or_create(
        call=call,
        defaults={
            "definition": definition,
            "review_sources": review_sources,
            "preset": preset,
            "updated_by": person(by),
            "updated_at": timezone.now(),
        },
    )
    return model
