"""The labelling committee: members, conflicts, assignments, reviews, sessions, decisions."""

from frenchtech.committee.models.evaluation import EvaluationModel
from frenchtech.committee.models.members import (
    CommitteeMember,
    ConflictOfInterest,
    InterestDeclaration,
)
from frenchtech.committee.models.records import Decision, Recommendation, Vote
from frenchtech.committee.models.reviews import ConsensusReport, Review
from frenchtech.committee.models.rounds import Assignment, CommitteeRound
from frenchtech.committee.models.sessions import Attendance, CommitteeSession

CHAINED_MODELS = (Vote, Recommendation, Decision)

__all__ = [
    "CHAINED_MODELS",
    "Assignment",
    "Attendance",
    "CommitteeMember",
    "CommitteeRound",
    "CommitteeSession",
    "ConflictOfInterest",
    "ConsensusReport",
    "Decision",
    "EvaluationModel",
    "InterestDeclaration",
    "Recommendation",
    "Review",
    "Vote",
]
