"""Who is asking: the employer behind a clerk's account."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .models import Employer


def employer_of(user) -> Employer | None:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.employer if staff is not None else None


def employer_required(view):
    """Let only employer staff in; `request.employer` is their employer afterwards."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        employer = employer_of(request.user)
        if employer is None:
            if request.user.is_staff:
                return redirect("review:index")
            raise PermissionDenied
        request.employer = employer
        return view(request, *args, **kwargs)

    return wrapper
