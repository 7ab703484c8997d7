"""A model base whose every save and delete writes an audit row with before/after."""

from django.db import models, transaction
from django.forms.models import model_to_dict

from frenchtech.core import audit
from frenchtech.core.actor import current_action


def _action(verb: str) -> str:
    # "accounts.add_membership: create" when an action function is running, else "create".
    context = current_action()
    return f"{context}: {verb}" if context else verb


def snapshot(instance) -> dict:
    """The instance's own fields as JSON-friendly values (secrets left out)."""
    data = model_to_dict(instance, exclude=getattr(instance, "AUDIT_EXCLUDE", ()))
    data["id"] = instance.pk
    return data


class AuditedModel(models.Model):
    AUDIT_EXCLUDE: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            before = None
            if self.pk is not None:
                previous = type(self)._base_manager.filter(pk=self.pk).first()
                before = snapshot(previous) if previous is not None else None
            super().save(*args, **kwargs)
            audit.record(
                _action("update" if before is not None else "create"),
                object_type=self._meta.label_lower,
                object_id=self.pk,
                before=before,
                after=snapshot(self),
            )

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            before, pk = snapshot(self), self.pk
            result = super().delete(*args, **kwargs)
            audit.record(
                _action("delete"), object_type=self._meta.label_lower, object_id=pk, before=before
            )
            return result
