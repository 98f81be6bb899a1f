"""Small pieces every employer-portal view uses."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def run_service(request, service, success: str, **kwargs) -> bool:
    """Call a service; show the user its refusal, each reason on its own, or `success`."""
    try:
        service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True
