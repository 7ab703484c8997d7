"""The Mission configures a call's evaluation model."""

from django.db import transaction
from django.utils import timezone

from frenchtech.committee import perms
from frenchtech.committee.actions import require
from frenchtech.committee.evaluation import validate
from frenchtech.committee.models import EvaluationModel
from frenchtech.core.actor import acting


@transaction.atomic
def configure_evaluation(*, by, call, definition, review_sources, preset="") -> EvaluationModel:
    """Validated by the scoring engine first: a model that does not parse is never stored."""
    require(by is None or perms.can_configure_evaluation(by), "configure evaluation")
    validate(definition, review_sources, call.criteria)
    with acting(by, "committee.configure_evaluation"):
        model, _created = EvaluationModel.objects.update_or_create(
            call=call,
            defaults={
                "definition": definition,
                "review_sources": review_sources,
                "preset": preset,
                "updated_by": by,
                "updated_at": timezone.now(),
            },
        )
    return model
