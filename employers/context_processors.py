from .access import employer_of


def current_employer(request) -> dict:
    user = getattr(request, "user", None)
    return {"current_employer": employer_of(user) if user is not None else None}
