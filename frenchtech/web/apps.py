from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "frenchtech.web"
    label = "web"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from frenchtech.web.accounts.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="frenchtech-session-clock")
