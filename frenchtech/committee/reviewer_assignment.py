"""Django adapter of `assignment.assign_reviewers`: builds its matrices from the database.

Conflicts (stored and detected) are the forbidden pairs; expertise affinity is the number
of a member's expertise tags found in the dossier's text; pairs chosen by hand or already
reviewed are fixed, so recomputing never drops work already done.
"""

import numpy as np
from django.utils.translation import gettext as _

from frenchtech.committee.assignment import AssignmentError, assign_reviewers
from frenchtech.committee.conflicts import conflict_map
from frenchtech.committee.enums import AssignmentOrigin
from frenchtech.core.refusals import ActionRefused


def dossier_text(application) -> str:
    parts = []
    for section in application.sections.all():
        for value in section.data.values():
            if isinstance(value, str):
                parts.append(value)
    return " ".join(parts).lower()


def affinity_matrix(applications, members) -> np.ndarray:
    texts = [dossier_text(application) for application in applications]
    return np.array(
        [[sum(tag in text for tag in member.expertise) for member in members] for text in texts],
        dtype=float,
    )


def plan(round_, applications, members) -> dict[int, list[int]]:
    """{application id: [member ids]} respecting conflicts, N, and hand-made choices."""
    applications, members = list(applications), list(members)
    n = round_.reviewers_per_application
    found = conflict_map([member.user for member in members], applications)
    conflicts = np.array(
        [[(member.user_id, a.pk) in found for member in members] for a in applications],
        dtype=bool,
    ).reshape(len(applications), len(members))
    for row, application in enumerate(applications):
        free = int((~conflicts[row]).sum())
        if free < n:
            raise ActionRefused(
                _(
                    "%(name)s : seulement %(free)s membre(s) sans conflit d'intérêts, "
                    "%(n)s rapporteurs demandés."
                )
                % {"name": application.consortium.name, "free": free, "n": n}
            )
    index = {member.pk: column for column, member in enumerate(members)}
    rows = {application.pk: row for row, application in enumerate(applications)}
    fixed = np.zeros(conflicts.shape, bool)
    kept = round_.assignments.filter(origin=AssignmentOrigin.MANUAL).values_list(
        "application_id", "member_id"
    )
    reviewed = round_.reviews.values_list("application_id", "member_id")
    for application_id, member_id in [*kept, *reviewed]:
        if application_id in rows and member_id in index:
            fixed[rows[application_id], index[member_id]] = True
    fixed &= ~conflicts
    try:
        solution = assign_reviewers(
            conflicts, n, affinity=affinity_matrix(applications, members), fixed=fixed
        )
    except AssignmentError as error:
        raise ActionRefused(_("Attribution impossible : %(error)s") % {"error": error}) from error
    return {
        application.pk: [members[column].pk for column in solution.reviewers[row]]
        for row, application in enumerate(applications)
    }
