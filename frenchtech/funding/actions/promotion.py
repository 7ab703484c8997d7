"""International promotion actions: budget committed on the promotion envelope, start-ups
selected on scored criteria, costs paid from the commitment, outcomes recorded."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.core.actor import acting
from frenchtech.funding import perms
from frenchtech.funding.actions.money import commit_funds, pay_out
from frenchtech.funding.enums import EnvelopeKind, PromotionState, SelectionCriterion
from frenchtech.funding.errors import FundingRefused
from frenchtech.funding.labelled import carries_label
from frenchtech.funding.models import PromotionAction, PromotionCandidate, PromotionCost


def _require_promotion_manager(by):
    if by is not None and not perms.can_manage_promotion(by):
        raise PermissionDenied("only promotion managers act on promotion actions")


def _locked(action) -> PromotionAction:
    return PromotionAction.objects.select_for_update().get(pk=action.pk)


@transaction.atomic
def create_promotion_action(*, by, envelope, **fields) -> PromotionAction:
    _require_promotion_manager(by)
    if envelope.kind != EnvelopeKind.PROMOTION:
        raise FundingRefused(_("Une action de promotion relève du budget de promotion."))
    with acting(by, "funding.create_promotion_action"):
        action = PromotionAction(envelope=envelope, created_by=by, **fields)
        action.full_clean()
        action.save()
    return action


@transaction.atomic
def commit_promotion_budget(*, by, action):
    """Commit the action's whole budget (refused beyond the promotion envelope)."""
    _require_promotion_manager(by)
    action = _locked(action)
    if action.state != PromotionState.PLANNED:
        raise FundingRefused(_("Le budget de cette action est déjà engagé."))
    commitment = commit_funds(
        by=by,
        envelope=action.envelope,
        amount_cents=action.budget_cents,
        promotion_action=action,
        memo=f"Promotion — {action.name}",
    )
    with acting(by, "funding.commit_promotion_budget"):
        action.state = PromotionState.COMMITTED
        action.save()
    return commitment


@transaction.atomic
def add_candidate(*, by, action, startup_name, ecosystem, scores, startup_siren=""):
    """Scores: {criterion slug: 0…5} for every SelectionCriterion."""
    _require_promotion_manager(by)
    if ecosystem.kind != OrganisationKind.CONSORTIUM or not carries_label(ecosystem):
        raise FundingRefused(
            _(
                "Une start-up candidate vient d'un écosystème labellisé French Tech (label en "
                "année d'expérimentation ou confirmé)."
            )
        )
    if set(scores) != set(SelectionCriterion.values) or not all(
        isinstance(v, int) and 0 <= v <= 5 for v in scores.values()
    ):
        raise FundingRefused(_("Chaque critère de sélection est noté de 0 à 5."))
    with acting(by, "funding.add_candidate"):
        return PromotionCandidate.objects.create(
            action=action,
            startup_name=startup_name,
            startup_siren=startup_siren,
            ecosystem=ecosystem,
            scores=scores,
            total_score=sum(scores.values()),
        )


@transaction.atomic
def select_best_candidates(*, by, action) -> list[PromotionCandidate]:
    """Select the best-scored candidates up to the action's seats (ties: by name)."""
    _require_promotion_manager(by)
    action = _locked(action)
    ranked = list(action.candidates.order_by("-total_score", "startup_name"))
    with acting(by, "funding.select_best_candidates"):
        for rank, candidate in enumerate(ranked):
            selected = rank < action.seats
            if candidate.is_selected != selected:
                candidate.is_selected = selected
                candidate.save()
    return [c for c in ranked if c.is_selected]


@transaction.atomic
def pay_cost(*, by, action, label, amount_cents) -> PromotionCost:
    """Record and pay a cost from the action's commitment (never beyond it)."""
    _require_promotion_manager(by)
    action = _locked(action)
    commitment = action.commitments.order_by("id").first()
    if commitment is None:
        raise FundingRefused(_("Engagez d'abord le budget de l'action."))
    disbursement = pay_out(by=by, commitment=commitment, amount_cents=amount_cents, label=label)
    with acting(by, "funding.pay_cost"):
        return PromotionCost.objects.create(
            action=action, label=label, amount_cents=amount_cents, disbursement=disbursement
        )


@transaction.atomic
def record_outcomes(
    *, by, action, outcomes, contacts_made, deals_signed=0, press_mentions=0
) -> PromotionAction:
    """The event's results: free text and figures (contacts, deals, press); the action is done."""
    _require_promotion_manager(by)
    action = _locked(action)
    if action.state == PromotionState.CANCELLED:
        raise FundingRefused(_("Cette action est annulée."))
    with acting(by, "funding.record_outcomes"):
        action.outcomes = outcomes
        action.contacts_made = contacts_made
        action.deals_signed = deals_signed
        action.press_mentions = press_mentions
        action.state = PromotionState.DONE
        action.save()
    return action
