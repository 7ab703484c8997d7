"""International promotion actions: budget committed on the promotion envelope, start-ups
selected on scored criteria, costs paid from the commitment, outcomes recorded."""

from django.utils.translation import gettext as _

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger, perms
from frenchtech.funding.actions.money import commit_funds, decommit_funds, pay_out
from frenchtech.funding.enums import EnvelopeKind, PromotionState, SelectionCriterion
from frenchtech.funding.labelled import carries_label
from frenchtech.funding.models import PromotionAction, PromotionCandidate, PromotionCost
from frenchtech.funding.workflow import PROMOTION_ACTION


def _locked(action) -> PromotionAction:
    return PromotionAction.objects.select_for_update().get(pk=action.pk)


# What is written when an action is created; its state and results move through
# PROMOTION_ACTION and `record_outcomes`.
ACTION_FIELDS = frozenset(
    {"name", "event", "city", "country", "starts_on", "ends_on", "budget_cents", "seats"}
)


@write_action(allowed=perms.can_manage_promotion)
def create_promotion_action(*, by, envelope, **fields) -> PromotionAction:
    unknown = sorted(set(fields) - ACTION_FIELDS)
    if unknown:
        raise TypeError(f"not a promotion action's field on creation: {', '.join(unknown)}")
    if envelope.kind != EnvelopeKind.PROMOTION:
        raise ActionRefused(_("Une action de promotion relève du budget de promotion."))
    action = PromotionAction(envelope=envelope, created_by=person(by), **fields)
    action.full_clean()
    action.save()
    return action


@write_action(allowed=perms.can_manage_promotion)
def commit_promotion_budget(*, by, action):
    """Commit the action's whole budget (refused beyond the promotion envelope)."""
    action = _locked(action)
    PROMOTION_ACTION.check(action, "commit_budget", by=by)
    commitment = commit_funds(
        by=by,
        envelope=action.envelope,
        amount_cents=action.budget_cents,
        promotion_action=action,
        memo=f"Promotion — {action.name}",
    )
    PROMOTION_ACTION.fire(action, "commit_budget", by=by)
    return commitment


@write_action(allowed=perms.can_manage_promotion)
def launch_promotion_action(*, by, envelope, **fields) -> PromotionAction:
    """Create the action and commit its whole budget together: an action whose budget the
    envelope cannot hold is not created at all."""
    action = create_promotion_action(by=by, envelope=envelope, **fields)
    commit_promotion_budget(by=by, action=action)
    return action


@write_action(allowed=perms.can_manage_promotion)
def add_candidate(*, by, action, startup_name, consortium, scores, startup_siren=""):
    """Scores: {criterion slug: 0…5} for every SelectionCriterion."""
    if consortium.kind != OrganisationKind.CONSORTIUM or not carries_label(consortium):
        raise ActionRefused(
            _(
                "Une start-up candidate vient d'un écosystème labellisé French Tech (label en "
                "année d'expérimentation ou confirmé)."
            )
        )
    if set(scores) != set(SelectionCriterion.values) or not all(
        isinstance(v, int) and 0 <= v <= 5 for v in scores.values()
    ):
        raise ActionRefused(_("Chaque critère de sélection est noté de 0 à 5."))
    return PromotionCandidate.objects.create(
        action=action,
        startup_name=startup_name,
        startup_siren=startup_siren,
        consortium=consortium,
        scores=scores,
        total_score=sum(scores.values()),
    )


@write_action(allowed=perms.can_manage_promotion)
def select_best_candidates(*, by, action) -> list[PromotionCandidate]:
    """Select the best-scored candidates up to the action's seats (ties: by name)."""
    action = _locked(action)
    ranked = list(action.candidates.order_by("-total_score", "startup_name"))
    for rank, candidate in enumerate(ranked):
        selected = rank < action.seats
        if candidate.is_selected != selected:
            candidate.is_selected = selected
            candidate.save()
    return [c for c in ranked if c.is_selected]


@write_action(allowed=perms.can_manage_promotion)
def pay_cost(*, by, action, label, amount_cents) -> PromotionCost:
    """Record and pay a cost from the action's commitment (never beyond it)."""
    action = _locked(action)
    commitment = action.commitments.order_by("id").first()
    if commitment is None:
        raise ActionRefused(_("Engagez d'abord le budget de l'action."))
    disbursement = pay_out(by=by, commitment=commitment, amount_cents=amount_cents, label=label)
    return PromotionCost.objects.create(
        action=action, label=label, amount_cents=amount_cents, disbursement=disbursement
    )


@write_action(allowed=perms.can_manage_promotion)
def record_outcomes(
    *, by, action, outcomes, contacts_made, deals_signed=0, press_mentions=0
) -> PromotionAction:
    """The event's results: free text and figures (contacts, deals, press); the action is done."""
    action = _locked(action)
    results = {
        "outcomes": outcomes,
        "contacts_made": contacts_made,
        "deals_signed": deals_signed,
        "press_mentions": press_mentions,
    }
    if action.state != PromotionState.DONE:
        return PROMOTION_ACTION.fire(action, "complete", by=by, **results)
    # A done action's results may be completed later (press mentions come in afterwards).
    for name, value in results.items():
        setattr(action, name, value)
    action.save()
    return action


@write_action(allowed=perms.can_manage_promotion)
def cancel_promotion_action(*, by, action, reason) -> PromotionAction:
    """Cancel an action that is not done; what is committed and unpaid goes back to the
    envelope (a de-commitment, so the ledger still matches the decisions)."""
    action = _locked(action)
    if not reason.strip():
        raise ActionRefused(_("Indiquez pourquoi l'action est annulée."), field="reason")
    PROMOTION_ACTION.check(action, "cancel", by=by)
    for commitment in action.commitments.order_by("id"):
        outstanding = ledger.commitment_outstanding(commitment)
        if outstanding:
            decommit_funds(
                by=by,
                commitment=commitment,
                amount_cents=outstanding,
                reason=f"Annulation — {action.name}",
            )
    return PROMOTION_ACTION.fire(action, "cancel", by=by, reason=reason)
