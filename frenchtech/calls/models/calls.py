"""A call for projects run by the Mission: rolling (2014) or with a deadline (relabelling)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.calls.enums import CallMode, CallState
from frenchtech.core.audited import AuditedModel


def default_criteria():
    return [
        {
            "number": 1,
            "title": "Un écosystème entrepreneurial numérique",
            "guidance": "Masse critique et dynamisme : créations d'entreprises, événements "
            "professionnels, fonds levés…",
        },
        {
            "number": 2,
            "title": "Des entrepreneurs et des entreprises mobilisés",
            "guidance": "Réussites entrepreneuriales, programmes d'accélération privés et publics…",
        },
        {
            "number": 3,
            "title": "Un projet de croissance ambitieux, mobilisateur et fédérateur",
            "guidance": "Stratégie de développement à dix ans, notamment internationale, et "
            "mobilisation des acteurs locaux.",
        },
    ]


def default_reminder_days():
    return [7, 2]


class Call(AuditedModel):
    title = models.CharField(_("titre"), max_length=200)
    # Rich text written by the Mission, sanitised with nh3 before it is stored.
    text = models.TextField(_("texte de l'appel"))
    criteria = models.JSONField(_("critères"), default=default_criteria)
    eligibility_rules = models.TextField(_("règles de recevabilité"))
    mode = models.CharField(_("mode"), max_length=20, choices=CallMode.choices)
    deadline = models.DateTimeField(_("date limite"), null=True, blank=True)
    closing_message = models.TextField(_("message de clôture"), blank=True)
    reminder_days = models.JSONField(
        _("rappels (jours avant la date limite)"), default=default_reminder_days
    )
    state = models.CharField(
        _("état"), max_length=20, choices=CallState.choices, default=CallState.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mode="deadline") | models.Q(deadline__isnull=False),
                name="deadline_call_has_a_deadline",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:call", args=[self.pk])

    @property
    def is_rolling(self) -> bool:
        return self.mode == CallMode.ROLLING

    def deadline_passed(self, now=None) -> bool:
        """A rolling call never passes its deadline; server time decides for the others."""
        if self.is_rolling:
            return False
        return (now or timezone.now()) > self.deadline

    def is_over(self, now=None) -> bool:
        """Closed, or past its deadline: the closing message is shown."""
        return self.state == CallState.CLOSED or self.deadline_passed(now)

    def accepts_new_applications(self, now=None) -> bool:
        return self.state == CallState.PUBLISHED and not self.deadline_passed(now)
