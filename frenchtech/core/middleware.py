from frenchtech.core.actor import acting


class ActorMiddleware:
    """Makes the signed-in user the actor of every write made while serving the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # An anonymous visitor acts as Django's AnonymousUser: never the system.
        with acting(request.user, f"{request.method} {request.path}"):
            return self.get_response(request)
