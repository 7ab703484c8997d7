"""The Mission configures a call's evaluation model (back office): in a form (criteria,
weights, thresholds, profiles, sources), with the JSON as an export and an import."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
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
from frenchtech.web.committee.evaluation_form import EvaluationModelEditor
from frenchtech.web.committee.forms import EvaluationModelForm

CURRENT = "current"


def _base(current, name):
    """(base name, definition, review sources, preset name) the form edits."""
    if name in electre_presets():
        sources = {
            key: number
            for key, number in DEFAULT_REVIEW_SOURCES.items()
            if key in {c["id"] for c in preset_definition(name)["criteria"]}
        }
        return name, preset_definition(name), sources, name
    if current is not None:
        return CURRENT, current.definition, current.review_sources, current.preset
    return _base(None, electre_presets()[0])


def _json_initial(definition, sources, preset):
    return {
        "preset": preset,
        "definition": json.dumps(definition, indent=2, ensure_ascii=False),
        "review_sources": json.dumps(sources, indent=2),
    }


def _save(request, call, definition, sources, preset, form, field):
    """True once stored; else the engine's refusal is put on `form`."""
    try:
        configure_evaluation(
            by=request.user,
            call=call,
            definition=definition,
            review_sources=sources,
            preset=preset,
        )
    except ActionRefused as refusal:
        form.add_error(field, refusal.message)
        return False
    messages.success(request, _("Modèle d'évaluation enregistré."))
    return True


@require_http_methods(["GET", "POST"])
@login_required
def evaluation_model(request, call_pk):
    require(perms.can_configure_evaluation(request.user), "evaluation model")
    call = get_object_or_404(Call, pk=call_pk)
    current = EvaluationModel.objects.filter(call=call).first()
    if request.method == "GET" and request.GET.get("export") == "json" and current is not None:
        document = {"definition": current.definition, "review_sources": current.review_sources}
        response = HttpResponse(
            json.dumps(document, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="modele-appel-{call.pk}.json"'
        return response
    requested = request.POST.get("base") or request.GET.get("preset", "")
    base_name, definition, sources, preset = _base(current, requested)
    editor_data = request.POST if request.method == "POST" and "base" in request.POST else None
    json_data = request.POST if request.method == "POST" and "definition" in request.POST else None
    editor = EvaluationModelEditor(
        editor_data,
        base_name=base_name,
        definition=definition,
        review_sources=sources,
        call_criteria=call.criteria,
    )
    json_form = EvaluationModelForm(
        json_data, initial=_json_initial(definition, sources, preset), presets=electre_presets()
    )
    if editor_data is not None and editor.is_valid():
        edited, edited_sources = editor.build()
        if _save(request, call, edited, edited_sources, preset, editor, None):
            return redirect("committee:evaluation_model", call.pk)
    if json_data is not None and json_form.is_valid():
        data = json_form.cleaned_data
        if _save(
            request,
            call,
            data["definition"],
            data["review_sources"],
            data["preset"],
            json_form,
            "definition",
        ):
            return redirect("committee:evaluation_model", call.pk)
    return render(
        request,
        "web/committee/evaluation_model.html",
        {
            "title": _("Modèle d'évaluation — %(call)s") % {"call": call.title},
            "call": call,
            "current": current,
            "editor": editor,
            "form": json_form,
            "json_open": json_data is not None,
            "presets": electre_presets(),
        },
    )
