"""Stored assignments: N reviewers each, no conflicted pair, loads even; hand adjustments."""

import random
from collections import Counter

import pytest

from frenchtech.committee.actions.members import declare_conflict
from frenchtech.committee.actions.rounds import add_reviewer, compute_assignment, remove_reviewer
from frenchtech.committee.conflicts import conflict_map
from frenchtech.committee.enums import AssignmentOrigin, ConflictKind
from frenchtech.committee.models import Assignment
from frenchtech.core.refusals import ActionRefused
from tests.committee.builders import committee_round, member

pytestmark = pytest.mark.django_db


def test_stored_assignments_respect_conflicts_n_and_balance(mission):
    round_, applications, members = committee_round(applications_count=8, members_count=6, n=3)
    rng = random.Random(4)
    for application in applications:
        for someone in rng.sample(members, 2):
            declare_conflict(
                by=mission, member=someone, application=application, kind=ConflictKind.PERSONAL
            )
    local = member(home_epci=applications[0].consortium.territory)  # detected conflict
    compute_assignment(by=mission, round_=round_)

    pairs = list(round_.assignments.values_list("application_id", "member_id"))
    per_application = Counter(application_id for application_id, _ in pairs)
    assert set(per_application.values()) == {3}
    assert len(per_application) == len(applications)
    everyone = [*members, local]
    conflicted = conflict_map([m.user for m in everyone], applications)
    user_of = {m.pk: m.user_id for m in everyone}
    assert not [p for p in pairs if (user_of[p[1]], p[0]) in conflicted]
    loads = Counter(member_id for _, member_id in pairs)
    all_loads = [loads.get(m.pk, 0) for m in everyone]
    assert max(all_loads) - min(all_loads) <= 1
    # Each application has exactly one rapporteur among its reviewers.
    rapporteurs = Counter(
        round_.assignments.filter(is_rapporteur=True).values_list("application_id", flat=True)
    )
    assert set(rapporteurs.values()) == {1}


def test_recomputing_keeps_hand_made_choices(mission):
    round_, applications, members = committee_round(applications_count=2, members_count=4, n=2)
    compute_assignment(by=mission, round_=round_)
    application = applications[0]
    outsider = next(
        m for m in members if not round_.assignments.filter(application=application, member=m)
    )
    add_reviewer(by=mission, round_=round_, application=application, member=outsider)
    removable = round_.assignments.filter(application=application).exclude(member=outsider)
    remove_reviewer(by=mission, assignment=removable.first())
    compute_assignment(by=mission, round_=round_)
    kept = Assignment.objects.get(round=round_, application=application, member=outsider)
    assert kept.origin == AssignmentOrigin.MANUAL
    assert round_.assignments.filter(application=application).count() == 2


def test_the_mission_cannot_assign_a_conflicted_pair(mission):
    round_, applications, _members = committee_round(applications_count=1, members_count=3)
    local = member(home_epci=applications[0].consortium.territory)
    with pytest.raises(ActionRefused, match="conflit"):
        add_reviewer(by=mission, round_=round_, application=applications[0], member=local)


def test_too_few_free_members_is_refused_naming_the_application(mission):
    round_, applications, members = committee_round(applications_count=1, members_count=2, n=2)
    declare_conflict(
        by=mission, member=members[0], application=applications[0], kind=ConflictKind.FINANCIAL
    )
    with pytest.raises(ActionRefused, match=applications[0].consortium.name):
        compute_assignment(by=mission, round_=round_)


def test_expertise_guides_the_choice(mission):
    round_, _applications, _members = committee_round(applications_count=0, members_count=0, n=1)
    from tests.committee.builders import metropoles, ready_application

    application = ready_application(round_.call, metropoles(1)[0], text="Santé et fintech")
    round_.applications.add(application)
    expert = member(expertise=["fintech"])
    member(expertise=["agritech"])
    compute_assignment(by=mission, round_=round_)
    assert list(round_.assignments.values_list("member_id", flat=True)) == [expert.pk]
