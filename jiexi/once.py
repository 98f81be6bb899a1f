"""One effect for a create form sent twice: a double click, a POST the browser resends, the
same page submitted from two tabs.

The form carries a hidden key drawn when it is shown. The objects are created in the same
transaction that stores the key; a second request with that key waits for the first on the
key's primary index, then finds it taken and is shown what the first one created.
"""

import datetime
import uuid
from collections.abc import Callable

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone


class OnceField(forms.UUIDField):
    """The hidden one-time key; optional, so a form posted without one still works once."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


def forget_old(days: int = 2) -> int:
    """Keys of forms sent more than `days` ago: no double click comes that late."""
    from reviews.models import Submission

    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Submission.objects.filter(created_at__lt=cutoff).delete()[0]


def run_once(key: uuid.UUID | None, create: Callable[[], str]) -> tuple[str, bool]:
    """Call `create` (which makes the objects and returns the address that shows them) unless
    a submission with `key` already did; (that address, whether this call made them)."""
    from reviews.models import Submission  # reviews holds the shared records

    if key is None:
        return create(), True
    try:
        with transaction.atomic():
            Submission.objects.create(key=key)
            address = create()
            Submission.objects.filter(key=key).update(result=address[:300])
        return address, True
    except IntegrityError:
        earlier = Submission.objects.filter(key=key).first()
        if earlier is None:  # the failure was the creation's own, not a twin's
            raise
        return earlier.result, False
