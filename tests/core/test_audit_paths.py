"""Nothing escapes the audit log: every write path of every audited model.

For each audited model (every concrete `AuditedModel`), on a row the scene built
(tests/core/scene.py, populated by every write action of the table), each path —
`save()`, `delete()`, the queryset's `update()`, `delete()`, `bulk_update()` and
`bulk_create()`, through the default and Django's base manager — either leaves audit
rows naming that model or is refused (append-only, protected rows) and writes nothing.
Many-to-many links are audited with their ids from both sides. The audit chain verifies
after each model's paths and after the actions that populated the scene.
"""

import pytest
from django.apps import apps
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.actions.rounds import refresh_agenda
from frenchtech.committee.models import Vote
from frenchtech.core.actions import WRITE_ACTIONS
from frenchtech.core.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from frenchtech.core.audit import verify_chain
from frenchtech.core.audited import AuditedModel, AuditedQuerySet
from frenchtech.core.models import AuditEntry
from frenchtech.core.refusals import ActionRefused
from tests.core.scene import Scene, actor_for, fresh
from tests.core.write_action_table import TABLE

AUDITED = sorted(
    (model for model in apps.get_models() if issubclass(model, AuditedModel)),
    key=lambda model: model._meta.label,
)
# Refusals: an append-only row, a row other rows protect, a constraint of the table.
REFUSED = (AppendOnlyError, ProtectedError, RestrictedError, IntegrityError)
# The scene is shared while populating it: the members' acts come before a conflict is
# declared, the dossier's and the report's submissions before the label or the dossier
# moves on, and what ends something comes last.
FIRST = (
    "committee.save_review",
    "committee.write_consensus",
    "committee.cast_vote",
    "calls.submit_application",
    "labels.submit_report",
)
LAST = (
    "calls.remove_attachment",
    "calls.withdraw_application",
    "calls.close_call",
    "committee.remove_reviewer",
    "labels.record_audit",
    "labels.suspend_label",
    "labels.withdraw_label",
    "labels.record_state_decision",
    "labels.expire_labels",
    "funding.record_outcomes",
    "funding.cancel_promotion_action",
    "funding.exit_investment",
    "accounts.deactivate_membership",
)


def _rank(name):
    if name in FIRST:
        return (0, FIRST.index(name))
    return (2, LAST.index(name)) if name in LAST else (1, 0)


@pytest.fixture(autouse=True)
def quiet_outside_world(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"
    # The receipt's PDF is the calls tests' concern; rendering it would double the matrix's time.
    monkeypatch.setattr("frenchtech.calls.receipts._build_pdf", lambda version: b"%PDF-1.4\n")


def populate(cast) -> Scene:
    """Every action of the table, once, by a persona allowed to do it."""
    scene = Scene(cast)
    skipped = []
    order = sorted(TABLE, key=_rank)
    for name in order:
        row = TABLE[name]
        if not row.allowed:
            continue
        persona = "consortium_lead" if "consortium_lead" in row.allowed else min(row.allowed)
        arguments = row.arguments(scene)
        try:
            with transaction.atomic():
                WRITE_ACTIONS[name](by=actor_for(cast, persona), **arguments)
        except ActionRefused as refusal:
            # What an earlier action changed (the scene is shared here): not this test's
            # concern, the matrix calls each action on its own.
            skipped.append(f"{name}: {refusal}")
        assert verify_chain() == [], f"the audit chain breaks after {name}"
    scene.skipped = skipped
    return scene


class _RolledBack(Exception):
    pass


def _try(path):
    """Run `path()` in a savepoint rolled back afterwards: (refusal or None, audit rows)."""
    outcome = {}
    try:
        with transaction.atomic():
            before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            try:
                with transaction.atomic():
                    path()
                outcome["refusal"] = None
            except REFUSED as refusal:
                outcome["refusal"] = refusal
            outcome["rows"] = list(AuditEntry.objects.filter(id__gt=before))
            outcome["chain"] = verify_chain()
            raise _RolledBack
    except _RolledBack:
        pass
    return outcome["refusal"], outcome["rows"], outcome["chain"]


def _a_field(model):
    """A plain editable field to rewrite with its own value."""
    return next(
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.is_relation and field.editable
    )


def _paths(model, row):
    field = _a_field(model)
    value = getattr(row, field.attname)
    same = model._base_manager.filter(pk=row.pk)

    def copy():
        duplicate = fresh(row)
        duplicate.pk = None
        return duplicate

    return {
        "save": lambda: fresh(row).save(),
        "delete": lambda: fresh(row).delete(),
        "queryset update": lambda: model.objects.filter(pk=row.pk).update(**{field.attname: value}),
        "base manager update": lambda: same.update(**{field.attname: value}),
        "queryset delete": lambda: model.objects.filter(pk=row.pk).delete(),
        "bulk_update": lambda: model.objects.bulk_update([fresh(row)], [field.name]),
        "bulk_create": lambda: model.objects.bulk_create([copy()]),
    }


def test_every_manager_of_an_audited_model_is_audited():
    for model in AUDITED:
        managers = (*model._meta.managers, model._base_manager, model._default_manager)
        for manager in managers:
            queryset = manager.all()
            assert isinstance(queryset, AuditedQuerySet), f"{model._meta.label}.{manager.name}"
            if issubclass(model, AppendOnlyModel):
                assert isinstance(queryset, AppendOnlyQuerySet), model._meta.label


def test_every_write_path_of_every_audited_model(cast):
    scene = populate(cast)
    unbuilt = [model._meta.label for model in AUDITED if not model._base_manager.exists()]
    assert not unbuilt, f"no row of {unbuilt} (refused: {scene.skipped}): see tests/core/scene.py"
    failures = []
    for model in AUDITED:
        label = model._meta.label_lower
        row = model._base_manager.order_by("pk").last()
        for path, run in _paths(model, row).items():
            refusal, rows, chain = _try(run)
            where = f"{model._meta.label} {path}"
            if chain:
                failures.append(f"{where}: the audit chain breaks: {chain}")
            if refusal is not None:
                if rows:
                    failures.append(f"{where}: refused ({refusal}) yet wrote audit rows")
                continue
            if not any(entry.object_type == label for entry in rows):
                failures.append(f"{where}: wrote no audit row for {label}")
        if issubclass(model, AppendOnlyModel):
            for path in ("save", "delete", "queryset update", "queryset delete", "bulk_update"):
                refusal, _rows, _chain = _try(_paths(model, row)[path])
                if not isinstance(refusal, AppendOnlyError):
                    failures.append(f"{model._meta.label} {path}: append-only, yet {refusal}")
    assert not failures, "\n".join(failures)


def test_a_chained_record_is_never_added_in_bulk(cast):
    vote = Scene(cast).voted_session.votes.get()
    vote.pk = None
    with pytest.raises(AppendOnlyError, match="one by one"):
        Vote.objects.bulk_create([vote])


def test_links_are_audited_with_their_ids_from_both_sides(cast):
    scene = Scene(cast)
    round_, ready, late = scene.round, scene.ready, scene.late_ready
    label = "committee.committeeround"

    def rows_after(step):
        before = AuditEntry.objects.count()
        step()
        return list(AuditEntry.objects.order_by("id")[before:])

    added = rows_after(lambda: refresh_agenda(by=cast["mission_officer"], round_=round_))
    assert [(e.object_type, e.object_id, e.after) for e in added] == [
        (label, str(round_.pk), {"applications": [late.pk]})
    ]
    assert added[0].action == "committee.refresh_agenda: link"
    assert added[0].actor_label == cast["mission_officer"].email
    removed = rows_after(lambda: late.committee_rounds.remove(round_))
    assert [(e.action, e.object_id, e.after) for e in removed] == [
        ("unlink", str(round_.pk), {"applications": [late.pk]})
    ]
    cleared = rows_after(lambda: round_.applications.clear())
    assert [(e.action, e.after) for e in cleared] == [("unlink", {"applications": [ready.pk]})]
    both = rows_after(lambda: round_.applications.set([ready, late]))
    assert both[-1].after == {"applications": sorted([ready.pk, late.pk])}
    # A save's snapshot names the linked rows by their ids.
    saved = rows_after(lambda: fresh(round_).save())
    assert saved[-1].after["applications"] == sorted([ready.pk, late.pk])
    assert verify_chain() == []


def test_rows_a_deletion_sets_to_null_are_audited(cast):
    """The deletion collector clears foreign keys with raw SQL: each row is recorded."""
    officer = cast["mission_officer"]
    screening = Scene(cast).application(ApplicationState.SCREENING)
    screening.mission_contact = officer
    screening.save()
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    fresh(officer).delete()
    entries = AuditEntry.objects.filter(id__gt=before, object_type="calls.application")
    assert [
        (e.action, e.before["mission_contact"], e.after["mission_contact"]) for e in entries
    ] == [("update", officer.pk, None)]
    assert fresh(screening).mission_contact is None
    assert verify_chain() == []


def test_a_person_an_append_only_row_names_cannot_be_deleted(cast):
    """Clearing their name from a label's public history would change it: refused."""
    from frenchtech.labels.actions import suspend_label

    head = cast["mission_head"]
    suspend_label(label=Scene(cast).label(), by=head, reasons="Enquête.")
    # Refused by the model, or first by PostgreSQL's trigger on the audit log's own rows.
    with pytest.raises((AppendOnlyError, DatabaseError)), transaction.atomic():
        fresh(head).delete()
    assert fresh(head).is_active
