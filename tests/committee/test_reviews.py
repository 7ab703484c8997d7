"""Review sheets: half points, thresholds, hidden until one's own is submitted; consensus."""

import pytest
from django.core.exceptions import PermissionDenied

from frenchtech.committee import perms
from frenchtech.committee.actions.reviews import save_review, write_consensus
from frenchtech.committee.actions.rounds import compute_assignment
from frenchtech.committee.enums import Outcome
from frenchtech.committee.grid import verdict
from frenchtech.core.refusals import ActionRefused
from tests.committee.builders import committee_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(mission):
    round_, applications, members = committee_round(applications_count=1, members_count=3, n=3)
    compute_assignment(by=mission, round_=round_)
    return round_, applications[0], members


def scores(*values):
    return {number: (value, f"note {value}") for number, value in enumerate(values, start=1)}


def test_scores_are_half_points_from_0_to_5(assigned):
    round_, application, members = assigned
    with pytest.raises(ActionRefused, match="demi-points"):
        save_review(by=members[0].user, round_=round_, application=application,
                    scores=scores(3.3, 4, 4))  # fmt: skip
    with pytest.raises(ActionRefused, match="demi-points"):
        save_review(by=members[0].user, round_=round_, application=application,
                    scores=scores(5.5, 4, 4))  # fmt: skip
    review = save_review(
        by=members[0].user, round_=round_, application=application, scores=scores(3.5, 4, 0)
    )
    assert review.total == 7.5


def test_a_review_cannot_be_submitted_incomplete_nor_changed_after(assigned):
    round_, application, members = assigned
    user = members[0].user
    with pytest.raises(ActionRefused, match="manque : 3"):
        save_review(by=user, round_=round_, application=application,
                    scores={1: (3, ""), 2: (3, "")}, submit=True)  # fmt: skip
    save_review(by=user, round_=round_, application=application, scores=scores(3, 3, 3),
                submit=True)  # fmt: skip
    with pytest.raises(ActionRefused, match="déjà remis"):
        save_review(by=user, round_=round_, application=application, scores=scores(5, 5, 5))


def test_others_reviews_are_hidden_until_ones_own_is_submitted(assigned, mission):
    round_, application, members = assigned
    first, second = members[0].user, members[1].user
    own = save_review(by=second, round_=round_, application=application, scores=scores(4, 4, 4))
    assert not perms.can_read_others_reviews(second, round_, application, own)
    own = save_review(by=second, round_=round_, application=application, scores=scores(4, 4, 4),
                      submit=True)  # fmt: skip
    assert perms.can_read_others_reviews(second, round_, application, own)
    assert not perms.can_read_others_reviews(first, round_, application, None)
    assert perms.can_read_others_reviews(mission, round_, application, None)


def test_thresholds_per_criterion_and_total(assigned):
    round_, application, members = assigned
    for member_, values in zip(members, [(4, 4, 2.5), (4, 4, 3), (4, 5, 3)], strict=True):
        save_review(by=member_.user, round_=round_, application=application,
                    scores=scores(*values), submit=True)  # fmt: skip
    result = verdict(round_, list(round_.reviews.all()))
    assert result.averages == {1: 4.0, 2: 4.33, 3: 2.83}
    assert result.failed_criteria == [3]
    assert result.passes is False
    round_.criterion_threshold = 2.5
    assert verdict(round_, list(round_.reviews.all())).passes is True
    round_.total_threshold = 12
    assert verdict(round_, list(round_.reviews.all())).passes is False


def test_only_the_rapporteur_writes_the_consensus(assigned):
    round_, application, members = assigned
    rapporteur = round_.assignments.get(application=application, is_rapporteur=True).member
    other = next(m for m in members if m != rapporteur)
    with pytest.raises(PermissionDenied):
        write_consensus(by=other.user, round_=round_, application=application, text="x",
                        proposed_outcome=Outcome.LABELLED)  # fmt: skip
    for member_ in members:
        save_review(by=member_.user, round_=round_, application=application,
                    scores=scores(4, 4, 4), submit=True)  # fmt: skip
    report = write_consensus(by=rapporteur.user, round_=round_, application=application,
                             text="Dossier solide.", proposed_outcome=Outcome.LABELLED)  # fmt: skip
    assert report.rapporteur == rapporteur


def test_the_consensus_waits_for_every_assigned_review(assigned):
    round_, application, members = assigned
    rapporteur = round_.assignments.get(application=application, is_rapporteur=True).member
    others = [m for m in members if m != rapporteur]
    save_review(by=rapporteur.user, round_=round_, application=application,
                scores=scores(4, 4, 4), submit=True)  # fmt: skip
    # A draft is not a submitted review.
    save_review(by=others[0].user, round_=round_, application=application, scores=scores(4, 4, 4))
    with pytest.raises(ActionRefused, match="tous les avis remis") as refused:
        write_consensus(by=rapporteur.user, round_=round_, application=application, text="x",
                        proposed_outcome=Outcome.LABELLED)  # fmt: skip
    assert others[0].user.full_name in str(refused.value)
    assert others[1].user.full_name in str(refused.value)
    for member_ in others:
        save_review(by=member_.user, round_=round_, application=application,
                    scores=scores(4, 4, 4), submit=True)  # fmt: skip
    with pytest.raises(ActionRefused, match="proposition"):
        write_consensus(by=rapporteur.user, round_=round_, application=application, text="x",
                        proposed_outcome="")  # fmt: skip
    report = write_consensus(by=rapporteur.user, round_=round_, application=application,
                             text="x", proposed_outcome=Outcome.REFUSED)  # fmt: skip
    assert report.proposed_outcome == "refused"
