"""Models whose every write leaves an audit row (who, what, before, after).

Every write path of an `AuditedModel` is covered:

* `save()` and `delete()` of an instance (deletions by cascade too: the rows are
  recorded by the delete signals, which Django sends for every collected row);
* a queryset's `update()` (each row recorded with its state before and after),
  `delete()` (through the same signals), `bulk_create()` and `bulk_update()`.

A concrete model whose manager does not return an `AuditedQuerySet` is refused when the
app registry loads, so no plain manager can slip past. Raw SQL and Django's internal
`_base_manager` (used to read related rows) are the ways around, and no code writes
through them;
`manage.py verify_audit_log` and the PostgreSQL triggers of the append-only tables
guard what matters most there.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import class_prepared, post_delete, pre_delete
from django.forms.models import model_to_dict

from frenchtech.core import audit
from frenchtech.core.actor import current_action
from frenchtech.core.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet


def _action(verb: str) -> str:
    # "accounts.add_member: create" when a write action is running, else "create".
    context = current_action()
    return f"{context}: {verb}" if context else verb


def snapshot(instance) -> dict:
    """The instance's own fields as JSON-friendly values (secrets left out)."""
    data = model_to_dict(instance, exclude=getattr(instance, "AUDIT_EXCLUDE", ()))
    data["id"] = instance.pk
    return data


def _record(verb: str, instance, *, before=None, after=None, object_id=None) -> None:
    audit.record(
        _action(verb),
        object_type=instance._meta.label_lower,
        object_id=instance.pk if object_id is None else object_id,
        before=before,
        after=after,
    )


class AuditedQuerySet(models.QuerySet):
    def update(self, **changes):
        with transaction.atomic(using=self.db):
            rows = list(self.select_for_update()) if changes else []
            before = {row.pk: snapshot(row) for row in rows}
            count = super().update(**changes)
            if before:
                for row in self.model._base_manager.filter(pk__in=list(before)):
                    _record("update", row, before=before[row.pk], after=snapshot(row))
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            for row in created:
                if row.pk is None:
                    raise ImproperlyConfigured(
                        f"{self.model._meta.label}: bulk_create returned no primary keys, "
                        "so the rows cannot be audited"
                    )
                _record("create", row, after=snapshot(row))
        return created

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            stored = self.model._base_manager.filter(pk__in=[obj.pk for obj in objs])
            before = {row.pk: snapshot(row) for row in stored.select_for_update()}
            count = super().bulk_update(objs, fields, *args, **kwargs)
            for row in self.model._base_manager.filter(pk__in=list(before)):
                _record("update", row, before=before[row.pk], after=snapshot(row))
        return count

    bulk_update.alters_data = True


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    pass


class AuditedModel(models.Model):
    AUDIT_EXCLUDE: tuple[str, ...] = ()

    objects = AuditedManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            before = None
            if self.pk is not None:
                previous = type(self)._base_manager.filter(pk=self.pk).first()
                before = snapshot(previous) if previous is not None else None
            super().save(*args, **kwargs)
            _record(
                "update" if before is not None else "create",
                self,
                before=before,
                after=snapshot(self),
            )


class AuditedAppendOnlyQuerySet(AppendOnlyQuerySet, AuditedQuerySet):
    """Rows only added (refused otherwise), each addition audited."""


class AuditedAppendOnlyModel(AppendOnlyModel, AuditedModel):
    objects = models.Manager.from_queryset(AuditedAppendOnlyQuerySet)()

    class Meta:
        abstract = True


def _refuse_delete(sender, instance, **kwargs):
    raise AppendOnlyError(f"{sender._meta.label} rows may only be added, not deleted")


def _remember_before_delete(sender, instance, **kwargs):
    instance._audit_before_delete = (snapshot(instance), instance.pk)


def _record_delete(sender, instance, **kwargs):
    before, pk = instance.__dict__.pop("_audit_before_delete", (snapshot(instance), None))
    _record("delete", instance, before=before, object_id=pk)


def _watch(sender, **kwargs):
    """Connect the delete signals and check the managers of each concrete audited model."""
    if sender._meta.abstract:
        return
    if issubclass(sender, AppendOnlyModel):
        # Also catches a delete cascading from another table.
        pre_delete.connect(_refuse_delete, sender=sender, weak=False)
    if not issubclass(sender, AuditedModel):
        return
    for manager in sender._meta.managers:
        if not issubclass(manager._queryset_class, AuditedQuerySet):
            raise ImproperlyConfigured(
                f"{sender._meta.label}.{manager.name}: an audited model's manager must "
                "return an AuditedQuerySet (see core/audited.py)"
            )
    pre_delete.connect(_remember_before_delete, sender=sender, weak=False)
    post_delete.connect(_record_delete, sender=sender, weak=False)


class_prepared.connect(_watch, weak=False)
