"""Models whose every write leaves an audit row (who, what, before, after).

Every write path of an `AuditedModel` is covered:

* `save()` and `delete()` of an instance (deletions by cascade too: the rows are
  recorded by the delete signals, which Django sends for every collected row);
* a queryset's `update()` (each row recorded with its state before and after),
  `delete()` (through the same signals), `bulk_create()` and `bulk_update()`;
* the links of its many-to-many fields, from either side (`add`, `remove`, `set`,
  `clear`): one row per owning object, "link" or "unlink" with the linked ids; its
  snapshots hold the linked ids too.

A concrete model whose manager does not return an `AuditedQuerySet` is refused when the
app registry loads, so no plain manager can slip past; Django's internal base manager
(`Model._base_manager`) is the model's own audited manager too, so the rows a deletion
sets to NULL (`on_delete=SET_NULL`: the deletion collector updates them through it) are
recorded as updates, and refused on append-only rows. Raw SQL is the way around;
`manage.py verify_audit_log` and the PostgreSQL triggers of the append-only tables
guard what matters most there.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import class_prepared, m2m_changed, post_delete, pre_delete
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
    for field in instance._meta.many_to_many:
        if field.name in data:  # linked rows, as their ids
            data[field.name] = sorted(related.pk for related in data[field.name])
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


def _linked_ids(field, instance, reverse: bool) -> list:
    """The ids `instance` is linked to through the many-to-many `field` (either side)."""
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    if reverse:
        source, target = target, source
    links = field.remote_field.through._default_manager.filter(**{source: instance.pk})
    return sorted(links.values_list(f"{target}_id", flat=True))


def _m2m_recorder(field):
    """Record each link and unlink of `field` on the owning object(s) (`field.model`)."""
    owner_label = field.model._meta.label_lower
    removed_by_clear = {}

    def record_links(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            removed_by_clear[id(instance)] = _linked_ids(field, instance, reverse)
            return
        if action == "post_clear":
            ids = removed_by_clear.pop(id(instance), [])
            verb = "unlink"
        elif action in ("post_add", "post_remove"):
            ids = sorted(pk_set or ())
            verb = "link" if action == "post_add" else "unlink"
        else:
            return
        if not ids:
            return
        # One row per owning object, naming the other side's ids.
        pairs = [(owner, [instance.pk]) for owner in ids] if reverse else [(instance.pk, ids)]
        for owner_id, linked in pairs:
            audit.record(
                _action(verb),
                object_type=owner_label,
                object_id=owner_id,
                after={field.name: linked},
            )

    return record_links


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
    if sender._meta.base_manager_name is None:
        # `Model._base_manager.update()` is audited (or refused) like `objects.update()`.
        sender._meta.base_manager_name = sender._meta.default_manager.name
    pre_delete.connect(_remember_before_delete, sender=sender, weak=False)
    post_delete.connect(_record_delete, sender=sender, weak=False)
    for field in sender._meta.local_many_to_many:
        through = field.remote_field.through
        if isinstance(through, str):
            # Not resolved yet: connect once the through model is prepared.
            _pending_links.append(field)
            continue
        m2m_changed.connect(_m2m_recorder(field), sender=through, weak=False)


# Many-to-many fields whose through model was not yet prepared (resolved in `_watch_links`).
_pending_links: list = []


def _watch_links(sender, **kwargs):
    for field in list(_pending_links):
        if field.remote_field.through is sender:
            _pending_links.remove(field)
            m2m_changed.connect(_m2m_recorder(field), sender=sender, weak=False)


class_prepared.connect(_watch, weak=False)
class_prepared.connect(_watch_links, weak=False)
