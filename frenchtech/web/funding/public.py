"""The public summary of the funds: totals only, open to everyone."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.funding import perms, reporting


@require_GET
def summary(request):
    return render(
        request,
        "web/funding/summary.html",
        {
            "title": _("Financements French Tech"),
            "figures": reporting.public_summary(),
            "can_manage_fund": perms.can_manage_fund(request.user),
            "can_list_files": perms.can_list_investment_files(request.user),
            "can_view_reports": perms.can_view_internal_reports(request.user),
            "can_manage_promotion": perms.can_manage_promotion(request.user),
        },
    )
