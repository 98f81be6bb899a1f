"""The portal speaks Chinese unless the visitor picks English; sessions end when left idle."""

import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class ChineseUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language so only the switch's cookie changes the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# How often an active session's expiry is pushed back: renewing on every request would
# write the session row every time; once a minute keeps an idle limit exact to a minute.
RENEW_EVERY_SECONDS = 60
RENEWED_KEY = "_renewed_at"


class IdleSessionMiddleware:
    """End a session SESSION_COOKIE_AGE seconds after its last request, not after its login.

    Django moves a session's expiry only when the session is saved; marking it changed at
    most once a minute moves the expiry forward while the user works.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and session.get("_auth_user_id"):
            now = int(time.time())
            every = min(RENEW_EVERY_SECONDS, settings.SESSION_COOKIE_AGE // 2)
            if now - session.get(RENEWED_KEY, 0) >= every:
                session[RENEWED_KEY] = now
        return response


def mark_renewed(sender, request, user, **kwargs):
    """A login has just saved the session: the first minute needs no renewal."""
    if hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())


class PrivatePagesMiddleware:
    """Pages and downloads for a signed-in user are kept by no cache: a shared office computer
    must not show a graduate's ID number or bank account from its history after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
