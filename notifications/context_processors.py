from employers.access import employer_of

from .models import Notification


def unread(request) -> dict:
    """The unread count in the header; counted only when a page shows it."""
    user = getattr(request, "user", None)
    employer = employer_of(user) if user is not None else None
    if employer is None:
        return {}
    return {"unread_notifications": lambda: Notification.objects.filter(employer=employer).unread().count()}
