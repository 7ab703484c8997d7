"""Choosing or resetting a password by e-mail (also how invited co-editors first sign in)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from frenchtech.accounts.models import User


class FirstOrForgottenPasswordForm(PasswordResetForm):
    """Django's form skips accounts without a usable password: invited people have none yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)


class PasswordRequestView(auth_views.PasswordResetView):
    form_class = FirstOrForgottenPasswordForm
    template_name = "web/accounts/password_request.html"
    email_template_name = "web/accounts/password_email.txt"
    subject_template_name = "web/accounts/password_subject.txt"
    success_url = reverse_lazy("accounts:password_request_done")
    extra_context = {"title": _("Choisir ou réinitialiser son mot de passe")}


class PasswordRequestDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/accounts/password_message.html"
    extra_context = {
        "title": _("Message envoyé"),
        "message": _(
            "Si un compte existe pour cette adresse, un lien pour choisir votre mot de passe "
            "vient de lui être envoyé. Il est valable trois jours."
        ),
    }


class PasswordChooseView(auth_views.PasswordResetConfirmView):
    template_name = "web/accounts/password_choose.html"
    success_url = reverse_lazy("accounts:password_chosen")
    extra_context = {"title": _("Choisir un mot de passe")}


class PasswordChosenView(auth_views.PasswordResetCompleteView):
    template_name = "web/accounts/password_message.html"
    extra_context = {
        "title": _("Mot de passe enregistré"),
        "message": _("Votre mot de passe est enregistré : vous pouvez vous connecter."),
    }
