"""One object in each state, built on demand around the cast (tests/roles.py).

`Scene(cast)` answers `scene.application("screening")`, `scene.session("open")`,
`scene.label("suspended")`, `scene.investment_file("committed")`,
`scene.promotion("committed")`… Each object is built the first time it is asked for
(directly in the database when its history does not matter, through the actions when it
does: the ledger's entries, a file's checklist), then kept. `fresh(obj)` reads an object
again, as a test does before each call (the matrices roll every call back).

The people are the cast's: the dossiers belong to the cast's consortium (led by
`consortium_lead`), the committee member reviews and is the rapporteur, the conflicted
member has a conflict with the dossier before the committee, the investment files are
the cast's accelerator's.
"""

import datetime as dt
from functools import cached_property

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frenchtech.api.tokens import digest
from frenchtech.calls import attachments as files
from frenchtech.calls.enums import ApplicationState, CallMode, CallState
from frenchtech.calls.models import (
    Application,
    Attachment,
    Call,
    CoConstructionRound,
    Section,
    SiteVisit,
)
from frenchtech.calls.sections import SECTIONS
from frenchtech.committee.enums import (
    AssignmentOrigin,
    ConflictKind,
    ConflictOrigin,
    MemberKind,
    Outcome,
    SessionState,
)
from frenchtech.committee.models import (
    Assignment,
    Attendance,
    CommitteeMember,
    CommitteeRound,
    CommitteeSession,
    ConflictOfInterest,
    Review,
    Vote,
)
from frenchtech.core.actor import SYSTEM
from frenchtech.funding.actions import money, promotion
from frenchtech.funding.enums import (
    EnvelopeKind,
    PromotionState,
    SelectionCriterion,
    TrancheState,
)
from frenchtech.funding.models import Tranche
from frenchtech.labels.enums import LabelStatus, MilestoneStatus, ReportState
from frenchtech.labels.models import Label, Milestone, YearlyReport
from tests.calls.factories import MINIMAL_PDF, complete_answers
from tests.funding.investment_steps import file_at

TODAY = dt.date.today()
REPORT_YEARS = {state: 2020 + n for n, state in enumerate(ReportState.values)}


def fresh(obj):
    """The object as stored now (the caller's instance may have been moved and rolled back)."""
    return type(obj)._base_manager.get(pk=obj.pk)


def actor_for(cast, persona):
    """The persona's person read afresh (a user instance caches its permissions), or the
    anonymous visitor, or the platform."""
    person = cast[persona]
    return fresh(person) if getattr(person, "pk", None) else person


class Scene:
    def __init__(self, cast):
        self.cast = cast
        self._built: dict = {}

    def _once(self, key, build):
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    @property
    def consortium(self):
        return self.cast.orgs["consortium"]

    # --- calls ---------------------------------------------------------------------
    def call(self, state=CallState.PUBLISHED, key=""):
        def build():
            return Call.objects.create(
                title=f"Appel {state} {key}".strip(),
                text="<p>Appel.</p>",
                eligibility_rules="Un EPCI porteur.",
                mode=CallMode.ROLLING,
                state=state,
                published_at=None if state == CallState.DRAFT else timezone.now(),
            )

        return self._once(("call", state, key), build)

    def application(self, state=ApplicationState.DRAFT):
        """The consortium's complete dossier (sections answered, a letter attached) in
        `state`, each on its own call."""

        def build():
            application = Application.objects.create(
                call=self.call(CallState.PUBLISHED, key=f"for {state}"),
                consortium=self.consortium,
                state=state,
            )
            for definition in SECTIONS:
                Section.objects.create(
                    application=application,
                    key=definition.key,
                    data=complete_answers(definition),
                )
            upload = SimpleUploadedFile("soutien.pdf", MINIMAL_PDF)
            Attachment.objects.create(
                application=application,
                section_key="letters",
                original_name="soutien.pdf",
                storage_name=files.store(upload, application.pk),
                content_type="application/pdf",
                size=len(MINIMAL_PDF),
                sha256="0" * 64,
            )
            if state == ApplicationState.CO_CONSTRUCTION:
                CoConstructionRound.objects.create(application=application, number=1)
            if state == ApplicationState.READY_FOR_COMMITTEE:
                ConflictOfInterest.objects.create(
                    member=self.member("conflicted_member"),
                    application=application,
                    kind=ConflictKind.PERSONAL,
                    origin=ConflictOrigin.MEMBER,
                )
            return application

        return self._once(("application", state), build)

    @property
    def attachment(self):
        """The letter attached to the draft dossier."""
        return self.application().attachments.order_by("id").first()

    @property
    def site_visit(self):
        return self._once(
            "visit",
            lambda: SiteVisit.objects.create(
                application=self.application(ApplicationState.SCREENING),
                scheduled_for=timezone.now(),
                location="Lyon",
            ),
        )

    # --- committee -----------------------------------------------------------------
    def member(self, persona="committee_member", *, at_home=False):
        """`persona` seated on the committee (`at_home`: living in the consortium's EPCI)."""
        return self._once(
            ("member", persona),
            lambda: CommitteeMember.objects.update_or_create(
                user=self.cast[persona],
                defaults={
                    "kind": MemberKind.OUTSIDE_FIGURE,
                    "home_epci": self.consortium.territory if at_home else None,
                },
            )[0],
        )

    @property
    def ready(self):
        """The dossier before the committee."""
        return self.application(ApplicationState.READY_FOR_COMMITTEE)

    @cached_property
    def round(self):
        """The committee round of the ready dossier: the committee member reviews it and is
        its rapporteur; the conflicted member has a conflict with it."""
        round_ = CommitteeRound.objects.create(
            call=self.ready.call, title="Tour (scène)", reviewers_per_application=1
        )
        round_.applications.add(self.ready)
        self._built["assignment"] = Assignment.objects.create(
            round=round_,
            application=self.ready,
            member=self.member(),
            origin=AssignmentOrigin.MANUAL,
            is_rapporteur=True,
        )
        return round_

    @cached_property
    def submitted_review(self):
        """The committee member's sheet on the ready dossier, handed in: a consensus needs it."""
        review, _created = Review.objects.update_or_create(
            round=self.round,
            application=self.ready,
            member=self.member(),
            defaults={"scores": {"1": [4, "Solide."]}, "submitted_at": timezone.now()},
        )
        return review

    @property
    def round_reviewed(self):
        """The round, once every assigned sheet is handed in (a consensus needs them all)."""
        _ = self.submitted_review
        return self.round

    @cached_property
    def unassigned_round(self):
        """A round of the ready dossier where nobody is assigned yet."""
        self.member()
        round_ = CommitteeRound.objects.create(
            call=self.ready.call, title="Tour sans attribution", reviewers_per_application=1
        )
        round_.applications.add(self.ready)
        return round_

    @cached_property
    def late_ready(self):
        """Another consortium's dossier that reached the committee after the round opened."""
        _ = self.round
        return Application.objects.create(
            call=self.ready.call,
            consortium=self.cast.orgs["other_consortium"],
            state=ApplicationState.READY_FOR_COMMITTEE,
        )

    @property
    def assignment(self):
        """The committee member's, as rapporteur, in the round."""
        _ = self.round
        return self._built["assignment"]

    def session(self, state=SessionState.PLANNED):
        """A session of the round, quorum 1, the committee member present."""

        def build():
            session = CommitteeSession.objects.create(
                round=self.round, held_on=timezone.now(), quorum=1, state=state
            )
            Attendance.objects.create(session=session, member=self.member(), present=True)
            return session

        return self._once(("session", state), build)

    @property
    def voted_session(self):
        """An open session where the committee member has voted (the quorum)."""

        def build():
            session = CommitteeSession.objects.create(
                round=self.round, held_on=timezone.now(), quorum=1, state=SessionState.OPEN
            )
            Attendance.objects.create(session=session, member=self.member(), present=True)
            Vote.objects.create(
                session=session,
                application=self.ready,
                member=self.member(),
                choice=Outcome.LABELLED,
            )
            return session

        return self._once("voted_session", build)

    # --- labels --------------------------------------------------------------------
    def label(self, status=LabelStatus.EXPERIMENTATION, *, due=False):
        """A label of the consortium in `status` (`due`: its end date has passed)."""

        def build():
            granted = TODAY - dt.timedelta(days=800 if due else 30)
            ends = granted + dt.timedelta(days=365)
            return Label.objects.create(
                consortium=self.consortium,
                epci=self.consortium.territory,
                status=status,
                status_before_suspension=(
                    LabelStatus.EXPERIMENTATION if status == LabelStatus.SUSPENDED else ""
                ),
                granted_at=granted,
                experimentation_ends_at=ends,
                ends_at=ends,
            )

        return self._once(("label", status, due), build)

    def report(self, state=ReportState.DRAFT):
        """The live label's yearly report in `state`, with a summary and a milestone."""

        def build():
            report = YearlyReport.objects.create(
                label=self.label(), year=REPORT_YEARS[state], state=state,
                strategy_summary="Bilan de l'année.",
            )  # fmt: skip
            Milestone.objects.create(report=report, title="Jalon", status=MilestoneStatus.REACHED)
            return report

        return self._once(("report", state), build)

    # --- funding -------------------------------------------------------------------
    def envelope(self, kind=EnvelopeKind.ACCELERATION):
        return self._once(
            ("envelope", kind),
            lambda: money.create_envelope(
                by=SYSTEM,
                name=f"Enveloppe {kind} (scène)",
                kind=kind,
                amount_cents=200_000_000_00,
                valid_from=TODAY - dt.timedelta(days=365),
                valid_until=TODAY + dt.timedelta(days=5 * 365),
            ),
        )

    @property
    def commitment(self):
        return self._once(
            "commitment",
            lambda: money.commit_funds(
                by=SYSTEM, envelope=self.envelope(), amount_cents=1_000_00, memo="Engagement"
            ),
        )

    def investment_file(self, state):
        return self._once(
            ("file", state),
            lambda: file_at(
                state,
                by=SYSTEM,
                accelerator=self.cast.orgs["accelerator"],
                envelope=self.envelope(),
            ),
        )

    def tranche(self, state=TrancheState.PLANNED):
        def build():
            investment_file = self.investment_file("committed")
            return Tranche.objects.create(
                investment_file=investment_file,
                position=investment_file.tranches.count() + 1,
                amount_cents=1_000_00,
                milestone=f"Jalon {state}",
                state=state,
            )

        return self._once(("tranche", state), build)

    def promotion(self, state=PromotionState.PLANNED):
        def build():
            action = promotion.create_promotion_action(
                by=SYSTEM,
                envelope=self.envelope(EnvelopeKind.PROMOTION),
                name=f"CES ({state})",
                event="CES",
                city="Las Vegas",
                country="États-Unis",
                starts_on=TODAY,
                ends_on=TODAY + dt.timedelta(days=3),
                budget_cents=100_000_00,
            )
            if state != PromotionState.PLANNED:
                promotion.commit_promotion_budget(by=SYSTEM, action=action)
                promotion.add_candidate(
                    by=SYSTEM,
                    action=action,
                    startup_name="Start-up (scène)",
                    consortium=self.labelled_consortium,
                    scores=dict.fromkeys(SelectionCriterion.values, 3),
                )
            if state == PromotionState.DONE:
                promotion.record_outcomes(by=SYSTEM, action=action, outcomes="Ok", contacts_made=1)
            if state == PromotionState.CANCELLED:
                promotion.cancel_promotion_action(by=SYSTEM, action=action, reason="Annulée")
            return fresh(action)

        return self._once(("promotion", state), build)

    @property
    def labelled_consortium(self):
        """The cast's consortium, carrying a label (promotion abroad is for them)."""
        self.label()
        return self.consortium

    # --- api -----------------------------------------------------------------------
    @property
    def token(self):
        """An API token of the consortium's lead."""
        from frenchtech.api.models import ApiToken

        return self._once(
            "token",
            lambda: ApiToken.objects.create(
                user=self.cast["consortium_lead"],
                name="scène",
                prefix="ft_scene",
                digest=digest("ft_scene"),
            ),
        )
