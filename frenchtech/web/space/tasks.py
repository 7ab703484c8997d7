"""What waits for the signed-in person, per role: the task lists of « Mon espace ».

Each block is one question a role asks when it signs in (my applications and their next
step, my reviews to do, the Mission's queue, the accelerator's files). Every block runs a
fixed number of queries, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.accounts.perms import is_mission_staff
from frenchtech.calls import perms as calls_perms
from frenchtech.calls.enums import FINAL_STATES, ApplicationState, CallState
from frenchtech.calls.models import Application, Call, SiteVisit
from frenchtech.committee import perms as committee_perms
from frenchtech.committee.enums import SessionState
from frenchtech.committee.models import Assignment, CommitteeSession, Recommendation, Review, Vote
from frenchtech.funding import perms as funding_perms
from frenchtech.funding.enums import InvestmentFileState, PromotionState, TrancheState
from frenchtech.funding.models import InvestmentFile, PromotionAction
from frenchtech.labels.enums import LIVE_STATUSES, LabelStatus, ReportState
from frenchtech.labels.models import Label, YearlyReport

# What the consortium does next, or waits for, in each state of its application.
NEXT_STEP = {
    ApplicationState.DRAFT: _("Compléter les sections puis déposer le dossier."),
    ApplicationState.SUBMITTED: _("La Mission va examiner la recevabilité du dossier."),
    ApplicationState.SCREENING: _("La Mission instruit le dossier."),
    ApplicationState.CO_CONSTRUCTION: _("Échanger avec la Mission dans la co-construction."),
    ApplicationState.CORRECTION_REQUESTED: _("Corriger le dossier puis le redéposer."),
    ApplicationState.RESUBMITTED: _("La Mission examine le dossier corrigé."),
    ApplicationState.READY_FOR_COMMITTEE: _("Le comité de labellisation examine le dossier."),
    ApplicationState.LABELLED: _("Label attribué : déposer chaque année le rapport de suivi."),
    ApplicationState.RETURNED_WITH_RECOMMENDATIONS: _(
        "Reprendre le projet avec les recommandations du comité."
    ),
    ApplicationState.REFUSED: _("Aucune : la décision est rendue."),
    ApplicationState.WITHDRAWN: _("Aucune : le dossier est retiré."),
}
SCREENING_QUEUE = (
    ApplicationState.SUBMITTED,
    ApplicationState.SCREENING,
    ApplicationState.RESUBMITTED,
)
OPEN_FUNDING_STATES = (
    InvestmentFileState.EXPRESSION_OF_INTEREST,
    InvestmentFileState.DUE_DILIGENCE,
    InvestmentFileState.INVESTMENT_COMMITTEE,
    InvestmentFileState.APPROVED,
)
FINISHED_FUNDING_STATES = (
    InvestmentFileState.EXITED,
    InvestmentFileState.REJECTED,
    InvestmentFileState.WITHDRAWN,
)
# A label's audit is listed this long before its experimentation year ends.
AUDIT_NOTICE = datetime.timedelta(days=60)


@dataclass
class Task:
    title: str
    url: str
    status: str = ""
    next_step: str = ""
    due: datetime.datetime | datetime.date | None = None


@dataclass
class Block:
    key: str
    title: str
    empty: str
    tasks: list[Task] = field(default_factory=list)


def blocks_for(user) -> list[Block]:
    """The blocks of « Mon espace » for this person, in the order they should be read."""
    blocks = []
    if calls_perms.consortium_ids(user):
        blocks += _consortium_blocks(user)
    if is_mission_staff(user):
        blocks += _mission_blocks()
    elif committee_perms.member_of(user) is not None:
        blocks += _committee_blocks(user)
    if funding_perms.is_accelerator_member(user) and not funding_perms.can_manage_fund(user):
        blocks.append(_accelerator_block(user))
    elif funding_perms.can_manage_fund(user) and not is_mission_staff(user):
        blocks.append(_funding_requests_block())
    if funding_perms.can_manage_promotion(user):
        blocks.append(_promotion_block())
    return blocks


# --- consortium ----------------------------------------------------------------------
def _consortium_blocks(user) -> list[Block]:
    own = calls_perms.consortium_ids(user)
    applications = Block(
        "applications",
        _("Mes candidatures"),
        _("Aucune candidature pour l'instant."),
    )
    applied_calls = set()
    for application in (
        Application.objects.filter(consortium_id__in=own)
        .select_related("call", "consortium")
        .order_by("-state_changed_at", "-id")
    ):
        applied_calls.add((application.call_id, application.consortium_id))
        deadline = application.call.deadline if application.is_editable else None
        applications.tasks.append(
            Task(
                title=f"{application.call.title} — {application.consortium.name}",
                url=application.get_absolute_url(),
                status=application.get_state_display(),
                next_step=str(NEXT_STEP[application.state]),
                due=deadline,
            )
        )
    calls = Block(
        "open_calls",
        _("Appels ouverts"),
        _("Aucun appel à projets ouvert pour l'instant."),
    )
    now = timezone.now()
    for call in Call.objects.filter(state=CallState.PUBLISHED).order_by("deadline", "id"):
        if not call.accepts_new_applications(now):
            continue
        if all((call.pk, consortium) in applied_calls for consortium in own):
            continue
        calls.tasks.append(
            Task(
                title=call.title,
                url=call.get_absolute_url(),
                status=call.get_mode_display(),
                next_step=str(_("Candidater avant la date limite."))
                if call.deadline
                else str(_("Candidater à tout moment.")),
                due=call.deadline,
            )
        )
    reports = Block("reports", _("Rapports annuels à déposer"), _("Aucun rapport annuel en cours."))
    for report in (
        YearlyReport.objects.filter(
            label__consortium_id__in=own, state__in=(ReportState.DRAFT, ReportState.RETURNED)
        )
        .select_related("label__consortium")
        .order_by("year", "id")
    ):
        reports.tasks.append(_report_task(report, _("Compléter puis déposer le rapport.")))
    # A live label granted before this year owes this year's report: open it.
    year = timezone.localdate().year
    for label in (
        Label.objects.filter(
            consortium_id__in=own, status__in=LIVE_STATUSES, granted_at__year__lt=year
        )
        .exclude(yearly_reports__year=year)
        .select_related("consortium")
        .order_by("id")
    ):
        reports.tasks.append(
            Task(
                title=f"{label.consortium.name} — {year}",
                url=reverse("labels:consortium", args=[label.consortium_id]),
                status=label.get_status_display(),
                next_step=str(_("Ouvrir le rapport annuel de l'année.")),
            )
        )
    return [applications, calls, reports]


# --- committee -----------------------------------------------------------------------
def _committee_blocks(user) -> list[Block]:
    member = committee_perms.member_of(user)
    reviews = Block("reviews", _("Avis à rendre"), _("Aucun avis à rendre."))
    submitted = set(
        Review.objects.filter(member=member, submitted_at__isnull=False).values_list(
            "round_id", "application_id"
        )
    )
    for assignment in (
        Assignment.objects.filter(
            member=member, application__state=ApplicationState.READY_FOR_COMMITTEE
        )
        .select_related("round", "application__consortium")
        .order_by("round_id", "application_id")
    ):
        if (assignment.round_id, assignment.application_id) in submitted:
            continue
        reviews.tasks.append(
            Task(
                title=f"{assignment.application.consortium.name} — {assignment.round.title}",
                url=reverse(
                    "committee:review", args=[assignment.round_id, assignment.application_id]
                ),
                status=str(_("Rapporteur")) if assignment.is_rapporteur else str(_("Relecteur")),
                next_step=str(_("Remplir et remettre la grille de notation.")),
            )
        )
    votes = Block("votes", _("Séances et votes"), _("Aucune séance à venir."))
    voted = set(Vote.objects.filter(member=member).values_list("session_id", "application_id"))
    for session in (
        CommitteeSession.objects.exclude(state=SessionState.CLOSED)
        .select_related("round")
        .prefetch_related("round__applications")
        .order_by("held_on", "id")
    ):
        waiting = [
            application
            for application in session.round.applications.all()
            if application.state == ApplicationState.READY_FOR_COMMITTEE
            and (session.pk, application.pk) not in voted
        ]
        if session.state == SessionState.OPEN:
            step = _("Voter sur %(count)s candidature(s).") % {"count": len(waiting)}
        else:
            step = _("Séance prévue : préparer les %(count)s dossier(s).") % {"count": len(waiting)}
        votes.tasks.append(
            Task(
                title=str(session.round.title),
                url=session.get_absolute_url(),
                status=session.get_state_display(),
                next_step=str(step),
                due=session.held_on,
            )
        )
    return [reviews, votes]


# --- Mission -------------------------------------------------------------------------
def _mission_blocks() -> list[Block]:
    screening = Block("screening", _("Dossiers à instruire"), _("Aucun dossier à instruire."))
    for application in (
        Application.objects.filter(state__in=SCREENING_QUEUE)
        .select_related("call", "consortium")
        .order_by("state_changed_at", "id")
    ):
        screening.tasks.append(
            Task(
                title=f"{application.consortium.name} — {application.call.title}",
                url=application.get_absolute_url(),
                status=application.get_state_display(),
                next_step=str(_("Examiner la recevabilité et instruire.")),
                due=application.state_changed_at,
            )
        )
    visits = Block("visits", _("Visites sur site à mener"), _("Aucune visite prévue."))
    for visit in (
        SiteVisit.objects.filter(reported_at__isnull=True)
        .exclude(application__state__in=FINAL_STATES)
        .select_related("application__consortium")
        .order_by("scheduled_for", "id")
    ):
        visits.tasks.append(
            Task(
                title=f"{visit.application.consortium.name} — {visit.location}",
                url=visit.application.get_absolute_url(),
                status=visit.application.get_state_display(),
                next_step=str(_("Mener la visite puis en écrire le compte rendu.")),
                due=visit.scheduled_for,
            )
        )
    sessions = Block("sessions", _("Séances à préparer"), _("Aucune séance à venir."))
    for session in (
        CommitteeSession.objects.exclude(state=SessionState.CLOSED)
        .select_related("round")
        .order_by("held_on", "id")
    ):
        sessions.tasks.append(
            Task(
                title=str(session.round.title),
                url=session.get_absolute_url(),
                status=session.get_state_display(),
                next_step=str(
                    _("Enregistrer les présences et ouvrir la séance.")
                    if session.state == SessionState.PLANNED
                    else _("Recueillir les votes et la recommandation.")
                ),
                due=session.held_on,
            )
        )
    decisions = Block(
        "decisions", _("Décisions de l'État à enregistrer"), _("Aucune décision en attente.")
    )
    for recommendation in (
        Recommendation.objects.filter(application__state=ApplicationState.READY_FOR_COMMITTEE)
        .select_related("session", "application__consortium")
        .order_by("recorded_at", "id")
    ):
        application = recommendation.application
        decisions.tasks.append(
            Task(
                title=application.consortium.name,
                url=reverse(
                    "committee:decide", args=[recommendation.session.round_id, application.pk]
                ),
                status=recommendation.get_outcome_display(),
                next_step=str(_("Enregistrer la décision de l'État.")),
                due=recommendation.recorded_at,
            )
        )
    audits = Block("audits", _("Audits de label à mener"), _("Aucun audit à venir."))
    horizon = timezone.localdate() + AUDIT_NOTICE
    for label in (
        Label.objects.filter(
            status=LabelStatus.EXPERIMENTATION, experimentation_ends_at__lte=horizon
        )
        .select_related("consortium")
        .order_by("experimentation_ends_at", "id")
    ):
        audits.tasks.append(
            Task(
                title=label.consortium.name,
                url=reverse("labels:manage", args=[label.pk]),
                status=label.get_status_display(),
                next_step=str(_("Auditer le label avant la fin de l'année d'expérimentation.")),
                due=label.experimentation_ends_at,
            )
        )
    reports = Block(
        "reports_to_review", _("Rapports annuels à examiner"), _("Aucun rapport déposé.")
    )
    for report in (
        YearlyReport.objects.filter(state=ReportState.SUBMITTED)
        .select_related("label__consortium")
        .order_by("submitted_at", "id")
    ):
        reports.tasks.append(
            _report_task(report, _("Examiner le rapport."), due=report.submitted_at)
        )
    return [screening, visits, sessions, decisions, _funding_requests_block(), audits, reports]


# --- funding -------------------------------------------------------------------------
def _file_task(investment_file, next_step) -> Task:
    return Task(
        title=f"{investment_file.programme_name} — {investment_file.accelerator.name}",
        url=reverse("funding:file", args=[investment_file.pk]),
        status=investment_file.get_state_display(),
        next_step=str(next_step),
        due=investment_file.created_at,
    )


FUND_NEXT_STEP = {
    InvestmentFileState.EXPRESSION_OF_INTEREST: _("Ouvrir l'audit préalable."),
    InvestmentFileState.DUE_DILIGENCE: _("Vérifier les points de l'audit préalable."),
    InvestmentFileState.INVESTMENT_COMMITTEE: _("Enregistrer la décision d'investissement."),
    InvestmentFileState.APPROVED: _("Engager les fonds."),
}
ACCELERATOR_NEXT_STEP = {
    InvestmentFileState.EXPRESSION_OF_INTEREST: _("Le gestionnaire du fonds examine la demande."),
    InvestmentFileState.DUE_DILIGENCE: _("Fournir les pièces de l'audit préalable."),
    InvestmentFileState.INVESTMENT_COMMITTEE: _("Le comité d'investissement examine le dossier."),
    InvestmentFileState.APPROVED: _("Les fonds vont être engagés."),
    InvestmentFileState.COMMITTED: _("Atteindre les jalons des tranches."),
    InvestmentFileState.PORTFOLIO: _("Déposer le suivi annuel du portefeuille."),
}


PROMOTION_NEXT_STEP = {
    PromotionState.PLANNED: _("Engager le budget puis sélectionner les start-up."),
    PromotionState.COMMITTED: _("Mener l'action puis en saisir les dépenses et les résultats."),
}


def _promotion_block() -> Block:
    block = Block("promotion", _("Actions de promotion"), _("Aucune action en cours."))
    for action in PromotionAction.objects.filter(state__in=list(PROMOTION_NEXT_STEP)).order_by(
        "starts_on", "id"
    ):
        block.tasks.append(
            Task(
                title=f"{action.name} — {action.city}",
                url=reverse("funding:promotion_action", args=[action.pk]),
                status=action.get_state_display(),
                next_step=str(PROMOTION_NEXT_STEP[action.state]),
                due=action.starts_on,
            )
        )
    return block


def _funding_requests_block() -> Block:
    block = Block("funding_requests", _("Demandes de financement"), _("Aucune demande en cours."))
    for investment_file in (
        InvestmentFile.objects.filter(state__in=OPEN_FUNDING_STATES)
        .select_related("accelerator")
        .order_by("created_at", "id")
    ):
        block.tasks.append(_file_task(investment_file, FUND_NEXT_STEP[investment_file.state]))
    return block


def _accelerator_block(user) -> Block:
    block = Block(
        "accelerator_files", _("Dossiers de financement"), _("Aucun dossier de financement.")
    )
    for investment_file in (
        InvestmentFile.objects.filter(
            accelerator_id__in=funding_perms.visible_accelerator_ids(user)
        )
        .exclude(state__in=FINISHED_FUNDING_STATES)
        .select_related("accelerator")
        .prefetch_related("tranches")
        .order_by("created_at", "id")
    ):
        next_step = ACCELERATOR_NEXT_STEP[investment_file.state]
        waiting = [t for t in investment_file.tranches.all() if t.state != TrancheState.PAID]
        if waiting:
            tranche = min(waiting, key=lambda t: t.position)
            next_step = _("Tranche %(position)s (%(state)s) : %(milestone)s") % {
                "position": tranche.position,
                "state": tranche.get_state_display(),
                "milestone": tranche.milestone,
            }
        block.tasks.append(_file_task(investment_file, next_step))
    return block


def _report_task(report, next_step, due=None) -> Task:
    """A yearly report as a task: the ecosystem and year, its state, what to do next."""
    return Task(
        title=f"{report.label.consortium.name} — {report.year}",
        url=report.get_absolute_url(),
        status=report.get_state_display(),
        next_step=str(next_step),
        due=due,
    )
