"""Sending notifications: the inbox row at once, the e-mail after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from employers.models import Employer, Staff

from .models import Notification


def notify(
    *, employer: Employer, subject: str, params: dict | None = None, url: str = "", key: str | None = None
):
    """Tell an employer's staff; with a key, only the first call for that key does anything."""
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                employer=employer, subject=subject, params=params or {}, url=url, key=key
            )
    except IntegrityError:
        return None  # this reminder went out already
    transaction.on_commit(lambda: email(note.pk))
    return note


def email(pk: int) -> None:
    """Mail one notification to the employer's active staff, once."""
    with transaction.atomic():
        note = Notification.objects.select_for_update().filter(pk=pk, emailed_at__isnull=True).first()
        if note is None:
            return
        addresses = list(
            Staff.objects.active().filter(employer_id=note.employer_id).values_list("user__email", flat=True)
        )
        if addresses:
            with translation.override("zh-hans"):
                body = note.text
                if note.url:
                    body += "\n\n" + _("Open: %(url)s") % {"url": settings.PORTAL_URL.rstrip("/") + note.url}
                send_mail(
                    subject=_("[Traineeship] %(text)s") % {"text": note.text[:80]},
                    message=body,
                    from_email=None,
                    recipient_list=addresses,
                )
        Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())


def mark_read(*, employer: Employer, pk: int | None = None) -> int:
    notes = Notification.objects.filter(employer=employer).unread()
    if pk is not None:
        notes = notes.filter(pk=pk)
    return notes.update(read_at=timezone.now())
