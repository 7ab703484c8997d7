"""Sign in (e-mail + password, then a TOTP code for staff) and sign out."""

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from frenchtech.accounts.two_factor import base32_secret, confirmed_device, pending_device


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label=gettext_lazy("Adresse e-mail"))


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "web/accounts/login.html"
    extra_context = {"title": gettext_lazy("Connexion")}
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = self.request.GET.get("expired") == "1"
        return context


@require_POST
def sign_out(request):
    logout(request)
    return redirect("web:home")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code à 6 chiffres de votre application d'authentification"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _check_token(device, form) -> bool:
    """Verify the code, with django-otp's throttling (delays double after each failure)."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "token", _("Trop d'essais : patientez quelques secondes avant de réessayer.")
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    form.add_error("token", _("Code incorrect ou expiré."))
    return False


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


@login_required
def verify_second_factor(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(device, form):
        otp_login(request, device)
        # A new session key once the second factor is given: a key seen before it is useless.
        request.session.cycle_key()
        return redirect(_safe_next(request) or "web:my_space")
    return render(
        request,
        "web/accounts/otp_verify.html",
        {"title": _("Double authentification"), "form": form, "next": _safe_next(request)},
    )


@login_required
def set_up_second_factor(request):
    if confirmed_device(request.user) is not None:
        return redirect("accounts:otp_verify")
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(device, form):
        device.confirmed = True
        device.save()
        otp_login(request, device)
        request.session.cycle_key()
        messages.success(request, _("Double authentification activée."))
        return redirect("web:my_space")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return render(
        request,
        "web/accounts/otp_setup.html",
        {
            "title": _("Activer la double authentification"),
            "form": form,
            "qr_svg": image.to_string(encoding="unicode"),
            "secret": base32_secret(device),
        },
    )
