"""Every write action, called directly, with every persona (tests/roles.py).

A rule lives in the action: whatever a page would have shown, the personas of the
action's row (tests/core/write_action_table.py) succeed and leave audit rows; every
other persona is refused with the one refusal (`ActionRefused`; `NotAllowed` when the
permission check refuses) and nothing is written (no row in any table); the audit chain
verifies after every call. Each call runs in a savepoint rolled back afterwards, so
every persona meets the same scene.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import translation

from frenchtech.core.actions import WRITE_ACTIONS
from frenchtech.core.audit import verify_chain
from frenchtech.core.models import AuditEntry, TransitionLogEntry
from frenchtech.core.refusals import ActionRefused, NotAllowed
from tests.core.scene import Scene, actor_for
from tests.core.write_action_table import DECLARED, TABLE
from tests.roles import ALL_ROLES


class _RolledBack(Exception):
    pass


def _all_rows_query() -> str:
    # Every table but the territories' reference (large, and never written by an action).
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.app_label != "territories"
        }
    )
    quote = connection.ops.quote_name
    # The models' own table names, quoted: no outside input reaches this query.
    counts = (f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    return "SELECT " + " + ".join(counts)


ALL_ROWS = _all_rows_query()


def _rows() -> tuple[int, int, int]:
    """(audit rows, transition log rows, rows of every table)."""
    with connection.cursor() as cursor:
        cursor.execute(ALL_ROWS)
        (everything,) = cursor.fetchone()
    return AuditEntry.objects.count(), TransitionLogEntry.objects.count(), everything


def attempt(action, actor, arguments):
    """Call the action in a savepoint rolled back afterwards: (outcome, rows before, after);
    the audit chain must verify after the call."""
    result = {}
    try:
        with transaction.atomic():
            result["before"] = _rows()
            try:
                action(by=actor, **arguments)
                result["outcome"] = None
            except ActionRefused as refusal:
                result["outcome"] = refusal
            result["after"] = _rows()
            result["chain"] = verify_chain()
            raise _RolledBack
    except _RolledBack:
        pass
    assert result["chain"] == [], f"the audit chain breaks: {result['chain']}"
    return result["outcome"], result["before"], result["after"]


@pytest.fixture(autouse=True)
def quiet_outside_world(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"
    # The receipt's PDF is the calls tests' concern; rendering it would double the matrix's time.
    monkeypatch.setattr("frenchtech.calls.receipts._build_pdf", lambda version: b"%PDF-1.4\n")


def test_the_table_covers_every_declared_action():
    assert set(DECLARED) == set(WRITE_ACTIONS), "an action is declared but not registered"
    missing = sorted(set(WRITE_ACTIONS) - set(TABLE))
    assert not missing, f"write actions without a row in write_action_table.py: {missing}"
    assert not set(TABLE) - set(WRITE_ACTIONS), "rows for actions that no longer exist"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_persona_calls_the_action(name, cast):
    row = TABLE[name]
    action = WRITE_ACTIONS[name]
    scene = Scene(cast)
    row.arguments(scene)  # builds what the call needs before counting rows
    failures = []
    for persona in ALL_ROLES:
        outcome, before, after = attempt(action, actor_for(cast, persona), row.arguments(scene))
        if persona in row.allowed:
            if outcome is not None:
                failures.append(f"{persona}: refused ({type(outcome).__name__}: {outcome})")
            elif after[0] <= before[0]:
                failures.append(f"{persona}: succeeded without an audit row")
            continue
        expected = ActionRefused if persona in row.rule_refused else NotAllowed
        if outcome is None:
            failures.append(f"{persona}: allowed, should be refused")
        elif not isinstance(outcome, expected):
            failures.append(f"{persona}: {type(outcome).__name__} ({outcome}), not {expected}")
        elif after != before:
            failures.append(f"{persona}: refused but wrote {after} rows (was {before})")
        elif not str(outcome.message):
            failures.append(f"{persona}: refused without a message")
    # `None` is nobody: refused before anything is read or written.
    before = _rows()
    with pytest.raises(TypeError, match="never None"):
        action(by=None, **row.arguments(scene))
    assert _rows() == before
    # The refusal speaks the reader's language.
    with translation.override("en"):
        refusal, _before, _after = attempt(action, cast["anonymous"], row.arguments(scene))
        assert str(refusal.message) == "You are not allowed to do this."
    assert not failures, "\n".join(failures)


def test_a_model_the_scoring_engine_refuses_is_the_one_refusal(cast):
    """The engine's error reaches people as the action's refusal, on the right field."""
    from frenchtech.committee.evaluation import preset_definition
    from frenchtech.committee.models import EvaluationModel

    call = Scene(cast).ready.call
    before = _rows()
    with pytest.raises(ActionRefused, match=r"Modèle refusé : .*critère 9") as refused:
        WRITE_ACTIONS["committee.configure_evaluation"](
            by=cast["mission_officer"],
            call=call,
            definition=preset_definition("programme-2013-electre-tri-b"),
            review_sources={"committee_international": 9},
        )
    assert refused.value.field == "definition"
    assert _rows() == before
    assert not EvaluationModel.objects.exists()
