"""Promotion actions: the list and one action's candidates, costs and outcomes."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.core.permissions import require
from frenchtech.funding import perms
from frenchtech.funding.enums import SelectionCriterion
from frenchtech.funding.models import PromotionAction


@require_GET
@login_required
def action_list(request):
    require(perms.can_manage_promotion(request.user), "promotion actions")
    actions = PromotionAction.objects.select_related("envelope").annotate(
        spent=Sum("costs__amount_cents")
    )
    return render(
        request,
        "web/funding/promotion_list.html",
        {"title": _("Actions de promotion internationale"), "actions": actions},
    )


@require_GET
@login_required
def action_detail(request, pk):
    require(perms.can_manage_promotion(request.user), "promotion action")
    action = get_object_or_404(PromotionAction.objects.select_related("envelope"), pk=pk)
    criteria = list(SelectionCriterion)
    candidates = [
        {"candidate": c, "scores": [c.scores.get(criterion.value, 0) for criterion in criteria]}
        for c in action.candidates.select_related("ecosystem")
    ]
    costs = list(action.costs.all())
    return render(
        request,
        "web/funding/promotion_detail.html",
        {
            "title": action.name,
            "action": action,
            "criteria": criteria,
            "candidates": candidates,
            "costs": costs,
            "spent": sum(c.amount_cents for c in costs),
        },
    )
