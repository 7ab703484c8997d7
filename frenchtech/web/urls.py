from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

from frenchtech.core import converters
from frenchtech.web.accounts import password
from frenchtech.web.accounts import views as account_views
from frenchtech.web.mission import views as mission_views
from frenchtech.web.public import views as public_views
from frenchtech.web.space import views as space_views

converters.register()  # <id:…>: integer ids bounded to 2^31 - 1 (core/converters.py)

accounts_patterns = (
    [
        path("connexion/", account_views.SignInView.as_view(), name="login"),
        path("deconnexion/", account_views.sign_out, name="logout"),
        path("double-authentification/", account_views.verify_second_factor, name="otp_verify"),
        path(
            "double-authentification/activer/", account_views.set_up_second_factor, name="otp_setup"
        ),
        path("mot-de-passe/", password.PasswordRequestView.as_view(), name="password_request"),
        path(
            "mot-de-passe/envoye/",
            password.PasswordRequestDoneView.as_view(),
            name="password_request_done",
        ),
        path(
            "mot-de-passe/<uidb64>/<token>/",
            password.PasswordChooseView.as_view(),
            name="password_choose",
        ),
        path(
            "mot-de-passe/enregistre/",
            password.PasswordChosenView.as_view(),
            name="password_chosen",
        ),
    ],
    "accounts",
)

web_patterns = (
    [
        path("", public_views.home, name="home"),
        path("territoires/", public_views.territory_search, name="territories"),
        path(
            "territoires/<str:level>/<str:code>/", public_views.territory_detail, name="territory"
        ),
        path("mon-espace/", space_views.my_space, name="my_space"),
        path("organisations/<id:pk>/", space_views.organisation_detail, name="organisation"),
        path("mission/", mission_views.dashboard, name="mission_dashboard"),
        path("mission/journal/", mission_views.audit_log, name="audit_log"),
        path("mission/connexions/", mission_views.sign_in_locks, name="sign_in_locks"),
    ],
    "web",
)

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", public_views.health, name="health"),
    path("api/", include("frenchtech.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include(web_patterns)),
    path("compte/", include(accounts_patterns)),
    path("observatoire/", include("frenchtech.web.observatory.urls")),
    path("appels/", include("frenchtech.web.calls.urls")),
    path("comite/", include("frenchtech.web.committee.urls")),
    path("labels/", include("frenchtech.web.labels.urls")),
    path("evaluation/", include("frenchtech.web.evaluation.urls")),
    path("financements/", include("frenchtech.web.funding.urls")),
    prefix_default_language=False,
)

handler400 = "frenchtech.web.public.errors.bad_request"
handler403 = "frenchtech.web.public.errors.permission_denied"
handler404 = "frenchtech.web.public.errors.page_not_found"
handler500 = "frenchtech.web.public.errors.server_error"
