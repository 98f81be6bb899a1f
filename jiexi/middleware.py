"""The portal speaks Chinese unless the visitor picks English with the language switch."""


class ChineseUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language so only the switch's cookie changes the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
