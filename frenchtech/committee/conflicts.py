"""Conflicts of interest: declared ones (stored) and those the platform detects.

Detected, for a member and an application:
* institutional: the member belongs to the consortium, or one of the member's
  organisations is among the application's actors (same SIREN);
* same territory: the member's home EPCI, or the territory of one of their
  organisations, is the consortium's EPCI.

Detection runs live on every check, so a conflict is never missed because nobody
clicked "detect"; `record_detected_conflicts` also stores them so the register shows them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from frenchtech.accounts.models import Membership
from frenchtech.calls.models import Section
from frenchtech.committee.enums import ConflictKind
from frenchtech.committee.models import CommitteeMember, ConflictOfInterest


@dataclass(frozen=True)
class Tie:
    kind: str
    reason: str


@dataclass(frozen=True)
class _MemberFacts:
    member_id: int | None
    organisation_ids: frozenset
    sirens: frozenset
    territories: frozenset


def _facts_for_users(user_ids) -> dict[int, _MemberFacts]:
    organisations = defaultdict(set)
    sirens = defaultdict(set)
    territories = defaultdict(set)
    rows = Membership.objects.filter(user_id__in=user_ids, is_active=True).values_list(
        "user_id", "organisation_id", "organisation__siren", "organisation__territory_id"
    )
    for user_id, organisation_id, siren, territory in rows:
        organisations[user_id].add(organisation_id)
        if siren:
            sirens[user_id].add(siren)
        if territory:
            territories[user_id].add(territory)
    members, homes = {}, {}
    for user_id, member_id, home in CommitteeMember.objects.filter(
        user_id__in=user_ids
    ).values_list("user_id", "id", "home_epci_id"):
        members[user_id] = member_id
        if home:
            homes[user_id] = home
    return {
        user_id: _MemberFacts(
            members.get(user_id),
            frozenset(organisations[user_id]),
            frozenset(sirens[user_id]),
            frozenset(territories[user_id] | ({homes[user_id]} if user_id in homes else set())),
        )
        for user_id in user_ids
    }


def _actor_sirens(application_ids) -> dict[int, set[str]]:
    result = defaultdict(set)
    rows = Section.objects.filter(application_id__in=application_ids, key="actors").values_list(
        "application_id", "data"
    )
    for application_id, data in rows:
        for actor in (data or {}).get("actor_list", []):
            siren = (actor.get("siren") or "").replace(" ", "")
            if siren:
                result[application_id].add(siren)
    return result


def _detect(facts: _MemberFacts, application, actor_sirens: set[str]) -> list[Tie]:
    ties = []
    if application.consortium_id in facts.organisation_ids:
        ties.append(Tie(ConflictKind.INSTITUTIONAL, _("membre du consortium candidat")))
    shared = facts.sirens & actor_sirens
    if shared:
        ties.append(
            Tie(
                ConflictKind.INSTITUTIONAL,
                _("son organisation (SIREN %(siren)s) est un acteur du dossier")
                % {"siren": ", ".join(sorted(shared))},
            )
        )
    territory = application.consortium.territory_id
    if territory and territory in facts.territories:
        ties.append(Tie(ConflictKind.SAME_TERRITORY, _("même territoire que le consortium")))
    return ties


def conflict_map(users, applications) -> dict[tuple[int, int], list[Tie]]:
    """{(user id, application id): ties} for every conflicted pair, stored or detected.

    A constant number of queries whatever the number of users and applications.
    `applications` must have their consortium loaded (select_related).
    """
    user_ids = [user.pk for user in users]
    applications = list(applications)
    application_ids = [application.pk for application in applications]
    facts = _facts_for_users(user_ids)
    sirens = _actor_sirens(application_ids)
    result: dict[tuple[int, int], list[Tie]] = defaultdict(list)
    stored = ConflictOfInterest.objects.filter(
        member__user_id__in=user_ids, application_id__in=application_ids
    ).values_list("member__user_id", "application_id", "kind", "reason")
    for user_id, application_id, kind, reason in stored:
        result[(user_id, application_id)].append(Tie(kind, reason))
    for user_id in user_ids:
        for application in applications:
            ties = _detect(facts[user_id], application, sirens.get(application.pk, set()))
            if ties:
                result[(user_id, application.pk)].extend(ties)
    return dict(result)


def conflicted_application_ids(user, applications) -> set[int]:
    """The ids among `applications` that `user` may not judge (cached per user and set)."""
    applications = list(applications)
    cache = user.__dict__.setdefault("_committee_conflicts_cache", {})
    key = frozenset(application.pk for application in applications)
    if key not in cache:
        cache[key] = {pk for (_user, pk) in conflict_map([user], applications)}
    return cache[key]


def is_conflicted(user, application) -> bool:
    if not user.is_authenticated:
        return False
    return application.pk in conflicted_application_ids(user, [application])
