from django.urls import path

from frenchtech.core import converters
from frenchtech.web.committee import applications, evaluation, members, rounds, sessions

converters.register()  # <id:…>: integer ids bounded to 2^31 - 1 (core/converters.py)

app_name = "committee"
round_ = "tours/<id:pk>/"
application = round_ + "candidatures/<id:application_pk>/"
session = "seances/<id:pk>/"
urlpatterns = [
    path("", rounds.home, name="home"),
    path("tours/nouveau/", rounds.round_create, name="round_create"),
    path(round_, rounds.round_detail, name="round"),
    path(round_ + "attribuer/", rounds.assign, name="assign"),
    path(round_ + "ordre-du-jour/", rounds.refresh, name="refresh_agenda"),
    path(round_ + "attributions/ajouter/", rounds.assignment_add, name="assignment_add"),
    path(
        round_ + "attributions/<id:assignment_pk>/retirer/",
        rounds.assignment_change,
        {"change": "remove"},
        name="assignment_remove",
    ),
    path(
        round_ + "attributions/<id:assignment_pk>/rapporteur/",
        rounds.assignment_change,
        {"change": "rapporteur"},
        name="assignment_rapporteur",
    ),
    path(round_ + "avis.csv", rounds.export, name="export"),
    path(round_ + "seances/nouvelle/", sessions.session_create, name="session_create"),
    path(application, applications.application_detail, name="application"),
    path(application + "avis/", applications.review, name="review"),
    path(application + "consensus/", applications.consensus, name="consensus"),
    path(application + "decision/", applications.decide, name="decide"),
    path("decisions/<id:decision_pk>/lettre.pdf", applications.decision_letter, name="letter"),
    path(session, sessions.session_detail, name="session"),
    path(session + "presences/", sessions.attendance, name="attendance"),
    path(session + "etat/<str:transition>/", sessions.change_state, name="session_state"),
    path(session + "candidatures/<id:application_pk>/vote/", sessions.vote, name="vote"),
    path(
        session + "candidatures/<id:application_pk>/recommandation/",
        sessions.recommend,
        name="recommend",
    ),
    path("membres/", members.member_list, name="members"),
    path("membres/nouveau/", members.member_create, name="member_create"),
    path("membres/<id:pk>/", members.member_detail, name="member"),
    path("membres/<id:pk>/declaration/", members.declaration, name="declaration"),
    path("membres/<id:pk>/conflit/", members.conflict, name="conflict"),
    path("appels/<id:call_pk>/modele/", evaluation.evaluation_model, name="evaluation_model"),
]
