"""Review sheets and consensus reports."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.committee import perms
from frenchtech.committee.enums import Outcome
from frenchtech.committee.grid import is_valid_score
from frenchtech.committee.models import ConsensusReport, Review
from frenchtech.core.actions import write_action
from frenchtech.core.refusals import ActionRefused


@write_action(allowed=perms.can_review, system=False)
def save_review(*, by, round_, application, scores: dict, general_comment="", submit=False):
    """Save a member's sheet; `scores` maps criterion number → (score or None, comment).

    A submitted sheet is final: the other members may then read it.
    """
    member = perms.member_of(by)
    review = (
        Review.objects.select_for_update()
        .filter(round=round_, application=application, member=member)
        .first()
    )
    if review is not None and review.is_submitted:
        raise ActionRefused(_("Votre avis est déjà remis : il ne peut plus être modifié."))
    numbers = {criterion["number"] for criterion in round_.criteria}
    cleaned = {}
    for number, (score, comment) in scores.items():
        if int(number) not in numbers:
            raise ActionRefused(_("Critère inconnu : %(number)s.") % {"number": number})
        if score is not None and not is_valid_score(score):
            raise ActionRefused(
                _("Critère %(number)s : une note de 0 à 5 par demi-points est attendue.")
                % {"number": number}
            )
        cleaned[str(int(number))] = {"score": score, "comment": comment or ""}
    if submit:
        missing = sorted(n for n in numbers if cleaned.get(str(n), {}).get("score") is None)
        if missing:
            raise ActionRefused(
                _("Notez chaque critère avant de remettre l'avis (manque : %(missing)s).")
                % {"missing": ", ".join(str(n) for n in missing)}
            )
    if review is None:
        review = Review(round=round_, application=application, member=member)
    review.scores = cleaned
    review.general_comment = general_comment
    review.updated_at = timezone.now()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    return review


def missing_reviews(round_, application) -> list[str]:
    """The names of the assigned reviewers whose sheet is not yet submitted."""
    submitted = set(
        Review.objects.filter(
            round=round_, application=application, submitted_at__isnull=False
        ).values_list("member_id", flat=True)
    )
    return [
        assignment.member.user.full_name
        for assignment in round_.assignments.filter(application=application).select_related(
            "member__user"
        )
        if assignment.member_id not in submitted
    ]


@write_action(allowed=perms.can_write_consensus, system=False)
def write_consensus(*, by, round_, application, text, proposed_outcome) -> ConsensusReport:
    """The rapporteur's synthesis, once every assigned reviewer has submitted their sheet."""
    if proposed_outcome not in Outcome.values:
        raise ActionRefused(_("Choisissez la proposition."), field="proposed_outcome")
    missing = missing_reviews(round_, application)
    if missing:
        raise ActionRefused(
            _(
                "Le consensus s'écrit une fois tous les avis remis ; il manque l'avis de : "
                "%(names)s."
            )
            % {"names": ", ".join(missing)}
        )
    report, _created = ConsensusReport.objects.update_or_create(
        round=round_,
        application=application,
        defaults={
            "rapporteur": perms.member_of(by),
            "text": text,
            "proposed_outcome": proposed_outcome,
            "written_at": timezone.now(),
        },
    )
    return report
