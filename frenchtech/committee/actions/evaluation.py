"""The Mission configures a call's evaluation model."""

from django.utils import timezone

from frenchtech.committee import perms
from frenchtech.committee.evaluation import validate
from frenchtech.committee.models import EvaluationModel
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person


@write_action(allowed=perms.can_configure_evaluation)
def configure_evaluation(*, by, call, definition, review_sources, preset="") -> EvaluationModel:
    """Validated by the scoring engine first: a model that does not parse is never stored."""
    validate(definition, review_sources, call.criteria)
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
