"""One application before the committee: dossier figures, reviews, consensus, scoring,
votes and the State's decision; the review sheet and the consensus report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frenchtech.calls.enums import ApplicationState
from frenchtech.calls.sections import SECTIONS
from frenchtech.committee import perms
from frenchtech.committee.actions.reviews import missing_reviews, save_review, write_consensus
from frenchtech.committee.actions.sessions import can_see_tally
from frenchtech.committee.enums import Outcome
from frenchtech.committee.grid import verdict
from frenchtech.committee.letters import decision_letter_filename, decision_letter_pdf
from frenchtech.committee.models import Decision
from frenchtech.core.permissions import require
from frenchtech.labels.decisions import live_label, record_state_decision, replacement_warning
from frenchtech.web.calls.display import figure_rows
from frenchtech.web.committee.common import application_in, round_for
from frenchtech.web.committee.forms import ConsensusForm, DecisionForm, ReviewForm
from frenchtech.web.committee.scoring_panel import panel, value_text
from frenchtech.web.confirmation import Fact, ask, confirmed
from frenchtech.web.refusals import refusals_shown


def _figures(application, in_engine=()) -> list[dict]:
    """The dossier's figures; those the scoring engine also reads (`in_engine`) are shown
    once, in the engine's table, with the value it used, its source and its year."""
    data = {section.key: section.data for section in application.sections.all()}
    rows = []
    for definition in SECTIONS:
        if definition.indicators:
            rows.extend(figure_rows(definition, data.get(definition.key, {})))
    for row in rows:
        row["in_engine"] = row["key"] in in_engine
        observatory = row["observatory"]
        row["observatory_text"] = (
            value_text(row["key"], observatory.get("value")) if observatory else "—"
        )
        row["declared_text"] = value_text(row["key"], row["declared"])
    return rows


def _review_rows(round_, reviews):
    return [
        {
            "review": review,
            "items": [
                {
                    "number": criterion["number"],
                    "title": criterion["title"],
                    "score": review.score_of(criterion["number"]),
                    "comment": review.scores.get(str(criterion["number"]), {}).get("comment", ""),
                }
                for criterion in round_.criteria
            ],
        }
        for review in reviews
    ]


@require_GET
@login_required
def application_detail(request, pk, application_pk):
    round_ = round_for(request, pk)
    return render_application(request, round_, application_in(request, round_, application_pk))


def render_application(request, round_, application, *, decision_form=None, status=200):
    """The application's committee page; `decision_form` is a refused decision form."""
    user = request.user
    member = perms.member_of(user)
    reviews = list(round_.reviews.filter(application=application).select_related("member__user"))
    own = next((r for r in reviews if member is not None and r.member_id == member.pk), None)
    readable = perms.can_read_others_reviews(user, round_, application, own)
    shown = [r for r in reviews if r.is_submitted and (readable or r is own)]
    if own is not None and not own.is_submitted:
        shown.append(own)
    sessions = list(round_.sessions.all())
    votes = list(application.committee_votes.select_related("member__user", "session"))
    is_mission = perms.can_manage(user)
    scoring = panel(round_, application, request.GET)
    context = {
        "title": application.consortium.name,
        "round": round_,
        "application": application,
        "is_mission": is_mission,
        "figures": _figures(application, scoring.get("observatory_ids", ())),
        "reviews": _review_rows(round_, shown),
        "readable": readable,
        "hidden_count": 0 if readable else sum(1 for r in reviews if r.is_submitted and r != own),
        "verdict": verdict(round_, reviews) if readable else None,
        "criteria": round_.criteria,
        "can_review": perms.can_review(user, round_, application),
        "can_write_consensus": perms.can_write_consensus(user, round_, application),
        "consensus": round_.consensus_reports.filter(application=application)
        .select_related("rapporteur__user")
        .first(),
        "scoring": scoring,
        "sessions": sessions,
        "votes": _visible_votes(user, votes, member) if (is_mission or readable) else [],
        "recommendations": list(application.committee_recommendations.select_related("session")),
        "decisions": list(application.decisions.select_related("decided_by")),
        "can_decide": is_mission and application.state == ApplicationState.READY_FOR_COMMITTEE,
        "decision_form": decision_form or DecisionForm(replacement=_replacement(application)),
    }
    return render(request, "web/committee/application_detail.html", context, status=status)


def _visible_votes(user, votes, member) -> list:
    """The votes of the sessions whose tally this user may see (`can_see_tally`): a member
    who has not voted in a session yet does not see how the others voted in it."""
    voted_in = {v.session_id for v in votes if member is not None and v.member_id == member.pk}
    sessions = {v.session_id: v.session for v in votes}
    shown = {
        pk
        for pk, session in sessions.items()
        if can_see_tally(user, session, has_voted=pk in voted_in)
    }
    return [v for v in votes if v.session_id in shown]


def _replacement(application) -> str:
    current = live_label(application.consortium)
    return replacement_warning(current) if current is not None else ""


@require_http_methods(["GET", "POST"])
@login_required
def review(request, pk, application_pk):
    round_ = round_for(request, pk)
    application = application_in(request, round_, application_pk)
    require(perms.can_review(request.user, round_, application), "review")
    member = perms.member_of(request.user)
    existing = round_.reviews.filter(application=application, member=member).first()
    form = ReviewForm(request.POST or None, criteria=round_.criteria, review=existing)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request) as attempt:
            save_review(
                by=request.user,
                round_=round_,
                application=application,
                scores=form.scores(),
                general_comment=form.cleaned_data["general_comment"],
                submit="submit" in request.POST,
            )
        if not attempt.refused:
            if "submit" in request.POST:
                messages.success(request, _("Avis remis."))
                return redirect("committee:application", round_.pk, application.pk)
            messages.success(request, _("Avis enregistré (brouillon)."))
            return redirect("committee:review", round_.pk, application.pk)
    return render(
        request,
        "web/committee/review_form.html",
        {
            "title": _("Avis sur %(name)s") % {"name": application.consortium.name},
            "round": round_,
            "application": application,
            "form": form,
            "submitted": existing is not None and existing.is_submitted,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def consensus(request, pk, application_pk):
    round_ = round_for(request, pk)
    application = application_in(request, round_, application_pk)
    require(perms.can_write_consensus(request.user, round_, application), "consensus")
    existing = round_.consensus_reports.filter(application=application).first()
    initial = (
        {"text": existing.text, "proposed_outcome": existing.proposed_outcome} if existing else None
    )
    form = ConsensusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form) as attempt:
            write_consensus(
                by=request.user, round_=round_, application=application, **form.cleaned_data
            )
        if not attempt.refused:
            messages.success(request, _("Rapport de consensus enregistré."))
            return redirect("committee:application", round_.pk, application.pk)
    return render(
        request,
        "web/committee/consensus_form.html",
        {
            "title": _("Consensus sur %(name)s") % {"name": application.consortium.name},
            "round": round_,
            "application": application,
            "form": form,
            "missing_reviews": missing_reviews(round_, application),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def decide(request, pk, application_pk):
    round_ = round_for(request, pk)
    application = application_in(request, round_, application_pk)
    require(perms.can_decide(request.user, application), "decide")
    replacement = _replacement(application)
    form = DecisionForm(request.POST, replacement=replacement)
    if not form.is_valid():
        return render_application(request, round_, application, decision_form=form, status=400)
    outcome = Outcome(form.cleaned_data["outcome"])
    if outcome == Outcome.LABELLED and replacement and not form.cleaned_data["replaces_live_label"]:
        form.add_error("replaces_live_label", _("Cochez la case pour remplacer le label en cours."))
        return render_application(request, round_, application, decision_form=form, status=400)
    if not confirmed(request):
        consequences = [
            _(
                "La décision de l'État est définitive : la candidature prend son issue et le "
                "consortium en est informé."
            ),
        ]
        if outcome == Outcome.LABELLED:
            consequences.append(_("Un label est attribué pour une année d'expérimentation."))
            if replacement:
                consequences.append(replacement)
        return ask(
            request,
            title=_("Enregistrer la décision de l'État sur %(name)s ?")
            % {"name": application.consortium.name},
            consequences=consequences,
            facts=[
                Fact(_("Décision"), outcome.label),
                Fact(_("Motifs"), form.cleaned_data["reasons"]),
            ],
            cancel_url=reverse("committee:application", args=[round_.pk, application.pk]),
            confirm_label=_("Enregistrer la décision"),
        )
    with refusals_shown(request, form) as attempt:
        # One step: the decision, the application's outcome and its label, or nothing.
        decision = record_state_decision(
            by=request.user, application=application, round_=round_, **form.cleaned_data
        )
    if attempt.refused:
        return render_application(request, round_, application, decision_form=form, status=400)
    messages.success(request, _("Décision enregistrée : %(outcome)s.") % {
        "outcome": decision.get_outcome_display()
    })  # fmt: skip
    return redirect("committee:application", round_.pk, application.pk)


@require_GET
@login_required
def decision_letter(request, decision_pk):
    decision = get_object_or_404(
        Decision.objects.select_related("application__consortium__territory", "application__call"),
        pk=decision_pk,
    )
    require(perms.can_download_decision_letter(request.user, decision), "decision letter")
    response = HttpResponse(decision_letter_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{decision_letter_filename(decision)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
