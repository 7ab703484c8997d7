"""The Mission configures a call's evaluation model (back office)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frenchtech.calls.models import Call
from frenchtech.committee import perms
from frenchtech.committee.actions.evaluation import configure_evaluation
from frenchtech.committee.evaluation import (
    DEFAULT_REVIEW_SOURCES,
    electre_presets,
    preset_definition,
)
from frenchtech.committee.models import EvaluationModel
from frenchtech.core.permissions import require
from frenchtech.core.refusals import ActionRefused
from frenchtech.web.committee.forms import EvaluationModelForm


def _initial(call, preset_name):
    current = EvaluationModel.objects.filter(call=call).first()
    if preset_name in electre_presets():
        definition, sources = preset_definition(preset_name), DEFAULT_REVIEW_SOURCES
    elif current is not None:
        definition, sources, preset_name = (
            current.definition,
            current.review_sources,
            current.preset,
        )
    else:
        preset_name = electre_presets()[0]
        definition, sources = preset_definition(preset_name), DEFAULT_REVIEW_SOURCES
    return current, {
        "preset": preset_name,
        "definition": json.dumps(definition, indent=2, ensure_ascii=False),
        "review_sources": json.dumps(sources, indent=2),
    }


@require_http_methods(["GET", "POST"])
@login_required
def evaluation_model(request, call_pk):
    require(perms.can_configure_evaluation(request.user), "evaluation model")
    call = get_object_or_404(Call, pk=call_pk)
    current, initial = _initial(call, request.GET.get("preset", ""))
    form = EvaluationModelForm(request.POST or None, initial=initial, presets=electre_presets())
    if request.method == "POST" and form.is_valid():
        try:
            configure_evaluation(
                by=request.user,
                call=call,
                definition=form.cleaned_data["definition"],
                review_sources=form.cleaned_data["review_sources"],
                preset=form.cleaned_data["preset"],
            )
        except ActionRefused as refusal:
            form.add_error("definition", refusal.message)
        else:
            messages.success(request, _("Modèle d'évaluation enregistré."))
            return redirect("committee:evaluation_model", call.pk)
    return render(
        request,
        "web/committee/evaluation_model.html",
        {
            "title": _("Modèle d'évaluation — %(call)s") % {"call": call.title},
            "call": call,
            "current": current,
            "form": form,
            "presets": electre_presets(),
        },
    )
