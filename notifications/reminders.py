"""Reminders the daily sweep sends, each once per object and occasion (its key says which)."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from employers.models import Employer
from internships.models import Extension, Traineeship
from jiexi import rules
from positions.models import Position
from subsidies.calendar import filing_window
from subsidies.models import SubsidyBatch
from subsidies.services import payable_traineeships
from trainees.models import Person

from .services import notify

RETURNED_WAITING_DAYS = 3


def _d(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


def send_reminders(*, today: datetime.date) -> int:
    return sum(
        (
            subsidy_window_reminders(today),
            extension_deadline_reminders(today),
            returned_item_reminders(today),
        )
    )


def subsidy_window_reminders(today: datetime.date) -> int:
    """The month's window opens today, or closes tomorrow with nothing submitted."""
    sent = 0
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for month in (last_month, today.replace(day=1)):
        for employer in Employer.objects.filter(status=Employer.Status.VERIFIED):
            opens, closes = filing_window(month.year, month.month, employer=employer)
            if today not in (opens, closes - datetime.timedelta(days=1)):
                continue
            if not payable_traineeships(employer, month).exists():
                continue
            params = {"month": f"{month:%Y-%m}", "opens": _d(opens), "closes": _d(closes)}
            if today == opens:
                subject, key = (
                    gettext_noop("The subsidy window for %(month)s is open until %(closes)s."),
                    "open",
                )
            else:
                batch = SubsidyBatch.objects.filter(employer=employer, month=month).first()
                if batch and batch.status not in SubsidyBatch.EDITABLE:
                    continue
                subject, key = (
                    gettext_noop("The subsidy window for %(month)s closes tomorrow, %(closes)s."),
                    "closing",
                )
            sent += bool(
                notify(
                    employer=employer,
                    subject=subject,
                    params=params,
                    url=reverse("subsidies:list"),
                    key=f"window-{key}:{employer.pk}:{month:%Y-%m}",
                )
            )
    return sent


def extension_deadline_reminders(today: datetime.date) -> int:
    """An active traineeship's extension deadline is 7 days away, or tomorrow."""
    sent = 0
    open_extension = Extension.objects.filter(traineeship=OuterRef("pk"), status__in=Extension.OPEN)
    for days in (7, 1):
        deadline = today + datetime.timedelta(days=days)
        due = (
            Traineeship.objects.filter(
                status=Traineeship.Status.ACTIVE,
                terminated_on__isnull=True,
                end=deadline + datetime.timedelta(days=1),
            )
            .exclude(Exists(open_extension))
            .select_related("person", "employer")
        )
        for t in due:
            sent += bool(
                notify(
                    employer=t.employer,
                    subject=gettext_noop(
                        "%(name)s's traineeship ends on %(end)s; the last day to submit an extension is %(deadline)s."
                    ),
                    params={
                        "name": t.person.name,
                        "end": _d(t.end),
                        "deadline": _d(rules.extension_deadline(t.end)),
                    },
                    url=reverse("internships:detail", args=[t.pk]),
                    key=f"extension-{days}:{t.pk}:{t.end}",
                )
            )
    return sent


RETURNABLE = (
    (Position, "employer", "positions:detail", gettext_noop("position")),
    (Person, "registered_by", "trainees:detail", gettext_noop("graduate")),
    (Traineeship, "employer", "internships:detail", gettext_noop("traineeship")),
)


def returned_item_reminders(today: datetime.date) -> int:
    """A returned item has waited for the employer's correction for some days."""
    sent = 0
    since = today - datetime.timedelta(days=RETURNED_WAITING_DAYS)
    for model, employer_field, url_name, kind in RETURNABLE:
        waiting = model.objects.filter(status="returned", status_changed_at__date__lte=since).select_related(
            employer_field
        )
        for item in waiting:
            sent += bool(
                notify(
                    employer=getattr(item, employer_field),
                    subject=gettext_noop("A returned %(kind)s is waiting for your correction: %(item)s."),
                    params={"kind": kind, "item": str(item)},
                    url=reverse(url_name, args=[item.pk]),
                    key=f"returned:{model._meta.label_lower}:{item.pk}:{item.status_changed_at:%Y%m%d%H%M%S}",
                )
            )
    return sent
