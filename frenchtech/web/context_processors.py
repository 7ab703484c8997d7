from django.conf import settings

from frenchtech.accounts import perms


def platform(request):
    user = request.user
    return {
        "demo_mode": settings.FRENCHTECH_DEMO,
        "show_back_office": perms.can_view_back_office(user),
        "show_audit_log": perms.can_view_audit_log(user),
    }
