"""Every public write action, by hand: who may do it, and a call that succeeds for them.

`TABLE` maps an action's name (`core.actions.WRITE_ACTIONS`) to a `Row`: the personas
(tests/roles.py) for whom the call succeeds, and the call's arguments built from the
scene (tests/core/scene.py), which holds each object in the state the action needs.
Every other persona is refused with `NotAllowed`, except those in `rule_refused`, who
pass the permission check and are refused by a rule of the action (a step that only a
larger action may take). `declared_actions()` finds the actions in the source by their
decorator, so that a new action without a row fails the matrix's coverage test.
"""

import ast
import datetime as dt
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frenchtech.accounts.enums import OrganisationKind, Role
from frenchtech.calls.enums import ApplicationState as A
from frenchtech.calls.enums import CallState, CorrectionKind, EligibilityVerdict
from frenchtech.committee.enums import ConflictKind, MemberKind, Outcome, SessionState
from frenchtech.committee.evaluation import DEFAULT_REVIEW_SOURCES, preset_definition
from frenchtech.core.siren import with_luhn_key
from frenchtech.funding.enums import EnvelopeKind, SelectionCriterion, TrancheState
from frenchtech.labels.enums import AuditOutcome, LabelStatus, ReportState
from tests.calls.factories import MINIMAL_PDF, NO_OBSERVATORY
from tests.core.scene import TODAY, fresh
from tests.roles import FUND, MISSION, PEOPLE, PROMOTION

SOURCE = Path(__file__).resolve().parents[2] / "frenchtech"
SYSTEM_ = frozenset({"system"})
LEAD = frozenset({"consortium_lead"})
CONSORTIUM = LEAD | {"consortium_editor"}
M = MISSION | SYSTEM_
F = FUND | SYSTEM_
P = PROMOTION | SYSTEM_
MEMBERS_AFFAIR = frozenset({"committee_member"}) | M
MEMBERS_MANAGER = frozenset({"mission_head", "consortium_lead"}) | SYSTEM_


@dataclass(frozen=True)
class Row:
    allowed: frozenset
    # (scene) -> the call's keyword arguments, `by` excepted; read afresh for each call.
    arguments: object
    rule_refused: frozenset = field(default_factory=frozenset)


def _promotion_fields(scene):
    return {
        "envelope": scene.envelope(EnvelopeKind.PROMOTION),
        "name": "VivaTech",
        "event": "VivaTech",
        "city": "Paris",
        "country": "France",
        "starts_on": TODAY,
        "ends_on": TODAY + dt.timedelta(days=2),
        "budget_cents": 10_000_00,
    }


def _locked_sign_in():
    """Ten failures of one account from one address: a lock to lift."""
    AccessAttempt.objects.get_or_create(
        username="locked@cast.test",
        ip_address="203.0.113.9",
        defaults={"failures_since_start": 10, "user_agent": "test", "path_info": "/"},
    )
    return {"username": "locked@cast.test", "ip_address": "203.0.113.9"}


TABLE = {
    # --- accounts --------------------------------------------------------------------
    "accounts.create_organisation": Row(
        M, lambda s: {"name": "Comité bis", "kind": OrganisationKind.COMMITTEE}
    ),
    "accounts.add_member": Row(
        MEMBERS_MANAGER,
        lambda s: {
            "organisation": s.consortium,
            "email": "new.editor@cast.test",
            "full_name": "Nouvelle co-rédactrice",
            "role": Role.CONSORTIUM_EDITOR,
        },
    ),
    "accounts.deactivate_membership": Row(
        MEMBERS_MANAGER,
        lambda s: {"membership": s.cast["consortium_editor"].memberships.get()},
    ),
    "accounts.unlock_sign_in": Row(M, lambda s: _locked_sign_in()),
    # --- api -------------------------------------------------------------------------
    # A person's own act: the platform has no token.
    "api.create_token": Row(frozenset(PEOPLE) - {"anonymous"}, lambda s: {"name": "mon jeton"}),
    "api.revoke_token": Row(LEAD | SYSTEM_, lambda s: {"token": fresh(s.token)}),
    # --- calls -----------------------------------------------------------------------
    "calls.create_call": Row(
        M,
        lambda s: {
            "title": "Appel 2015",
            "text": "<p>Texte</p>",
            "eligibility_rules": "Règles",
            "mode": "rolling",
        },
    ),
    "calls.update_call": Row(
        M, lambda s: {"call": fresh(s.call(CallState.DRAFT)), "title": "Appel renommé"}
    ),
    "calls.publish_call": Row(M, lambda s: {"call": fresh(s.call(CallState.DRAFT))}),
    "calls.close_call": Row(M, lambda s: {"call": fresh(s.call(CallState.PUBLISHED))}),
    "calls.copy_call": Row(M, lambda s: {"call": fresh(s.call(CallState.PUBLISHED))}),
    "calls.start_application": Row(
        LEAD | SYSTEM_,
        lambda s: {
            "call": fresh(s.call(CallState.PUBLISHED, key="new")),
            "consortium": s.consortium,
            "store": NO_OBSERVATORY,
        },
    ),
    "calls.invite_editor": Row(
        LEAD | SYSTEM_,
        lambda s: {
            "application": fresh(s.application()),
            "email": "invited@cast.test",
            "full_name": "Invitée",
        },
    ),
    "calls.remove_editor": Row(
        LEAD | SYSTEM_,
        lambda s: {
            "application": fresh(s.application()),
            "membership": s.cast["consortium_editor"].memberships.get(),
        },
    ),
    "calls.save_section": Row(
        CONSORTIUM | SYSTEM_,
        lambda s: {
            "section": (section := s.application().sections.first()),
            "patch": {"note": "modifié"},
            "expected_version": section.version,
        },
    ),
    "calls.add_attachment": Row(
        CONSORTIUM | SYSTEM_,
        lambda s: {
            "application": fresh(s.application()),
            "section_key": "letters",
            "upload": SimpleUploadedFile("lettre.pdf", MINIMAL_PDF),
        },
    ),
    "calls.remove_attachment": Row(
        CONSORTIUM | SYSTEM_, lambda s: {"attachment": fresh(s.attachment)}
    ),
    # The lead's own act: the platform never submits a dossier.
    "calls.submit_application": Row(LEAD, lambda s: {"application": fresh(s.application())}),
    "calls.withdraw_application": Row(
        LEAD | SYSTEM_, lambda s: {"application": fresh(s.application())}
    ),
    "calls.move_application": Row(
        M,
        lambda s: {
            "application": fresh(s.application(A.SUBMITTED)),
            "transition": "start_screening",
        },
    ),
    "calls.record_eligibility": Row(
        M,
        lambda s: {
            "application": fresh(s.application(A.SCREENING)),
            "verdict": EligibilityVerdict.ELIGIBLE,
            "complete": True,
        },
    ),
    "calls.request_correction": Row(
        M,
        lambda s: {
            "application": fresh(s.application(A.SCREENING)),
            "kind": CorrectionKind.INCOMPLETE,
            "message": "Complétez la gouvernance.",
        },
    ),
    "calls.assign_contact": Row(
        M,
        lambda s: {
            "application": fresh(s.application(A.SCREENING)),
            "contact": s.cast["mission_officer"],
        },
    ),
    "calls.post_message": Row(
        MISSION | CONSORTIUM | SYSTEM_,
        lambda s: {"application": fresh(s.application(A.CO_CONSTRUCTION)), "body": "Bonjour."},
    ),
    "calls.schedule_site_visit": Row(
        M,
        lambda s: {
            "application": fresh(s.application(A.SCREENING)),
            "scheduled_for": timezone.now() + dt.timedelta(days=7),
            "location": "Lyon",
        },
    ),
    "calls.record_site_visit_report": Row(
        M, lambda s: {"visit": fresh(s.site_visit), "report": "Visite concluante."}
    ),
    # --- committee -------------------------------------------------------------------
    "committee.configure_evaluation": Row(
        M,
        lambda s: {
            "call": fresh(s.ready.call),
            "definition": preset_definition("programme-2013-electre-tri-b"),
            "review_sources": DEFAULT_REVIEW_SOURCES,
        },
    ),
    "committee.register_member": Row(
        M, lambda s: {"user": s.cast["fund_partner"], "kind": MemberKind.PARTNER_STAFF}
    ),
    "committee.declare_interests": Row(
        MEMBERS_AFFAIR, lambda s: {"member": fresh(s.member()), "text": "Aucun mandat."}
    ),
    "committee.declare_conflict": Row(
        MEMBERS_AFFAIR,
        lambda s: {
            "member": fresh(s.member()),
            "application": fresh(s.ready),
            "kind": ConflictKind.FINANCIAL,
            "reason": "Participation",
        },
    ),
    "committee.record_detected_conflicts": Row(
        M,
        lambda s: {
            "members": [s.member("promotion_partner", at_home=True)],
            "applications": [fresh(s.ready)],
        },
    ),
    "committee.open_round": Row(M, lambda s: {"call": fresh(s.ready.call), "title": "Tour 2"}),
    "committee.refresh_agenda": Row(M, lambda s: s.late_ready and {"round_": fresh(s.round)}),
    "committee.compute_assignment": Row(M, lambda s: {"round_": fresh(s.unassigned_round)}),
    "committee.add_reviewer": Row(
        M,
        lambda s: {
            "round_": fresh(s.round),
            "application": fresh(s.ready),
            "member": s.member("fund_partner"),
        },
    ),
    "committee.remove_reviewer": Row(M, lambda s: {"assignment": fresh(s.assignment)}),
    "committee.designate_rapporteur": Row(M, lambda s: {"assignment": fresh(s.assignment)}),
    "committee.plan_session": Row(
        M, lambda s: {"round_": fresh(s.round), "held_on": timezone.now(), "quorum": 1}
    ),
    "committee.record_attendance": Row(
        M, lambda s: {"session": fresh(s.session()), "present_members": [s.member()]}
    ),
    "committee.move_session": Row(
        M, lambda s: {"session": fresh(s.session()), "transition": "open"}
    ),
    # A member's own acts: the platform neither reviews nor votes.
    "committee.save_review": Row(
        frozenset({"committee_member"}),
        lambda s: {
            "round_": fresh(s.round),
            "application": fresh(s.ready),
            "scores": {1: (4, "Solide."), 2: (3.5, ""), 3: (4, "")},
            "submit": True,
        },
    ),
    "committee.write_consensus": Row(
        frozenset({"committee_member"}),
        lambda s: {
            "round_": fresh(s.round_reviewed),
            "application": fresh(s.ready),
            "text": "Synthèse.",
            "proposed_outcome": Outcome.LABELLED,
        },
    ),
    "committee.cast_vote": Row(
        frozenset({"committee_member"}),
        lambda s: {
            "session": fresh(s.session(SessionState.OPEN)),
            "application": fresh(s.ready),
            "choice": Outcome.LABELLED,
        },
    ),
    "committee.record_recommendation": Row(
        M,
        lambda s: {
            "session": fresh(s.voted_session),
            "application": fresh(s.ready),
            "outcome": Outcome.LABELLED,
        },
    ),
    # A step of labels.record_state_decision: refused on its own, even to the Mission.
    "committee.record_decision": Row(
        frozenset(),
        lambda s: {
            "application": fresh(s.ready),
            "outcome": Outcome.LABELLED,
            "reasons": "Motifs.",
        },
        rule_refused=M,
    ),
    # --- labels ----------------------------------------------------------------------
    "labels.record_state_decision": Row(
        M,
        lambda s: {
            "application": fresh(s.ready),
            "outcome": Outcome.LABELLED,
            "reasons": "Écosystème de niveau international.",
            # The scene's ecosystem may hold a live label already: replacing it is said.
            "replaces_live_label": True,
        },
    ),
    "labels.record_label_without_decision": Row(
        M,
        lambda s: {
            "consortium": s.cast.orgs["other_consortium"],
            "granted_at": TODAY,
            "public_reason": "Label historique.",
        },
    ),
    "labels.record_audit": Row(
        M,
        lambda s: {
            "label": fresh(s.label()),
            "outcome": AuditOutcome.CONFIRM,
            "reasons": "Jalons tenus.",
        },
    ),
    "labels.suspend_label": Row(M, lambda s: {"label": fresh(s.label()), "reasons": "Enquête."}),
    "labels.reinstate_label": Row(
        M, lambda s: {"label": fresh(s.label(LabelStatus.SUSPENDED)), "reasons": "Levée."}
    ),
    "labels.withdraw_label": Row(M, lambda s: {"label": fresh(s.label()), "reasons": "Retrait."}),
    # Only the platform: an end date passing is nobody's decision.
    "labels.expire_labels": Row(SYSTEM_, lambda s: s.label(due=True) and {}),
    "labels.link_renewal_application": Row(
        M, lambda s: {"label": fresh(s.label()), "application": fresh(s.application())}
    ),
    "labels.open_report": Row(
        CONSORTIUM | SYSTEM_, lambda s: {"label": fresh(s.label()), "year": 2030}
    ),
    "labels.save_report": Row(
        CONSORTIUM | SYSTEM_,
        lambda s: {
            "report": fresh(s.report()),
            "strategy_summary": "Bilan révisé.",
            "milestones": [{"title": "Jalon", "status": "late"}],
            "declarations": {},
        },
    ),
    "labels.submit_report": Row(CONSORTIUM | SYSTEM_, lambda s: {"report": fresh(s.report())}),
    "labels.review_report": Row(
        M,
        lambda s: {"report": fresh(s.report(ReportState.SUBMITTED)), "accept": True, "comment": ""},
    ),
    # --- funding ---------------------------------------------------------------------
    "funding.register_accelerator": Row(
        F, lambda s: {"name": "Accélérateur neuf", "siren": with_luhn_key("27182818")}
    ),
    "funding.create_envelope": Row(
        F,
        lambda s: {
            "name": "Fonds bis",
            "kind": EnvelopeKind.ACCELERATION,
            "amount_cents": 1_000_000_00,
            "valid_from": TODAY,
            "valid_until": TODAY + dt.timedelta(days=365),
        },
    ),
    "funding.reserve_sub_allocation": Row(
        F, lambda s: {"envelope": s.envelope(), "name": "Sud", "amount_cents": 1_000_00}
    ),
    "funding.commit_funds": Row(
        F, lambda s: {"envelope": s.envelope(), "amount_cents": 1_000_00, "memo": "Engagement"}
    ),
    "funding.decommit_funds": Row(
        F,
        lambda s: {"commitment": fresh(s.commitment), "amount_cents": 100_00, "reason": "Moins"},
    ),
    "funding.pay_out": Row(
        F, lambda s: {"commitment": fresh(s.commitment), "amount_cents": 100_00, "label": "Paie"}
    ),
    "funding.express_interest": Row(
        F | {"accelerator_manager"},
        lambda s: {
            "accelerator": s.cast.orgs["accelerator"],
            "envelope": s.envelope(),
            "programme_name": "Programme",
            "requested_amount_cents": 1_000_000_00,
        },
    ),
    "funding.move_file": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("expression_of_interest")),
            "transition": "start_due_diligence",
        },
    ),
    "funding.check_item": Row(
        F, lambda s: {"item": s.investment_file("due_diligence").checklist.first(), "note": "ok"}
    ),
    "funding.add_co_investor": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("due_diligence")),
            "name": "Business angels",
            "amount_cents": 500_000_00,
        },
    ),
    "funding.record_decision": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("investment_committee")),
            "amount_cents": 2_000_000_00,
            "stake_percent": "20",
            "board_seat": True,
        },
    ),
    "funding.commit_investment": Row(
        F, lambda s: {"investment_file": fresh(s.investment_file("approved"))}
    ),
    "funding.plan_tranche": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("approved")),
            "amount_cents": 1_000_00,
            "milestone": "Première promotion",
        },
    ),
    "funding.confirm_milestone": Row(
        F, lambda s: {"tranche": fresh(s.tranche()), "report_note": "Jalon atteint."}
    ),
    "funding.disburse_tranche": Row(
        F, lambda s: {"tranche": fresh(s.tranche(TrancheState.CONDITIONS_MET))}
    ),
    "funding.record_portfolio_report": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("portfolio")),
            "year": 2024,
            "cohorts": 1,
            "startups_accelerated": 10,
            "exits": 0,
            "stake_value_cents": 0,
        },
    ),
    "funding.exit_investment": Row(
        F,
        lambda s: {
            "investment_file": fresh(s.investment_file("portfolio")),
            "proceeds_cents": 0,
            "reason": "Cession",
        },
    ),
    "funding.create_promotion_action": Row(P, _promotion_fields),
    "funding.commit_promotion_budget": Row(P, lambda s: {"action": fresh(s.promotion())}),
    "funding.launch_promotion_action": Row(P, _promotion_fields),
    "funding.add_candidate": Row(
        P,
        lambda s: {
            "action": fresh(s.promotion("committed")),
            "startup_name": "Autre start-up",
            "consortium": s.labelled_consortium,
            "scores": dict.fromkeys(SelectionCriterion.values, 4),
        },
    ),
    "funding.select_best_candidates": Row(P, lambda s: {"action": fresh(s.promotion("committed"))}),
    "funding.pay_cost": Row(
        P,
        lambda s: {
            "action": fresh(s.promotion("committed")),
            "label": "Stand",
            "amount_cents": 10_00,
        },
    ),
    "funding.record_outcomes": Row(
        P,
        lambda s: {"action": fresh(s.promotion("committed")), "outcomes": "Ok", "contacts_made": 3},
    ),
    "funding.cancel_promotion_action": Row(
        P, lambda s: {"action": fresh(s.promotion("committed")), "reason": "Annulée"}
    ),
}


def _decorator_name(decorator) -> str | None:
    """The action name a `@write_action(...)` decorator gives, "" for the default, or None."""
    if not isinstance(decorator, ast.Call):
        return None
    if getattr(decorator.func, "id", "") != "write_action":
        return None
    for keyword in decorator.keywords:
        if keyword.arg == "name":
            return keyword.value.value
    return ""


def declared_actions() -> dict[str, str]:
    """{action name: module} for every function decorated with `@write_action` in the
    source (found by reading it, so an action in a module nothing imports counts too)."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)
        app = module.split(".")[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                name = _decorator_name(decorator)
                if name is not None:
                    found[name or f"{app}.{node.name}"] = module.removesuffix(".__init__")
    return found


# Every declared action, its module imported (so `WRITE_ACTIONS` holds it).
DECLARED = declared_actions()
for _module in sorted(set(DECLARED.values())):
    importlib.import_module(_module)
