"""The figures on the reviewer dashboard: each a count over an indexed filter, none per row."""

import datetime

from django.utils import timezone

from .admin import ReviewAdmin

LATE_AFTER_WORKING_DAYS = 3


def working_days_before(today: datetime.date, days: int, is_rest_day) -> datetime.date:
    """The day that lies `days` working days before today."""
    day = today
    while days:
        day -= datetime.timedelta(days=1)
        if not is_rest_day(day):
            days -= 1
    return day


def queues(site, request, today: datetime.date) -> list[dict]:
    """Per reviewable kind: how many items wait, and how many have waited too long."""
    from subsidies.calendar import rest_day_checker  # subsidies builds on reviews

    is_rest_day = rest_day_checker({today.year, today.year - 1})
    cutoff = working_days_before(today, LATE_AFTER_WORKING_DAYS, is_rest_day)
    start_of_cutoff = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    rows = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, ReviewAdmin) or not model_admin.has_view_permission(request):
            continue
        waiting = model._default_manager.filter(status=model_admin.reviewable_status)
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "waiting": waiting.count(),
                "late": waiting.filter(status_changed_at__lt=start_of_cutoff).count(),
            }
        )
    return rows


def windows(today: datetime.date) -> list[dict]:
    """Last month's and this month's subsidy filing windows, and whether each is open now."""
    from subsidies.calendar import filing_window

    this = today.replace(day=1)
    rows = []
    for month in ((this - datetime.timedelta(days=1)).replace(day=1), this):
        opens, closes = filing_window(month.year, month.month)
        state = "before" if today < opens else "after" if today > closes else "open"
        rows.append({"month": month, "opens": opens, "closes": closes, "state": state})
    return rows


def todays_deadlines(today: datetime.date) -> dict[str, int]:
    from internships.models import Traineeship
    from jiexi import rules
    from subsidies.models import SubsidyBatch

    running = Traineeship.objects.filter(status=Traineeship.Status.ACTIVE, terminated_on__isnull=True)
    return {
        "extensions": running.filter(end=today + datetime.timedelta(days=1)).count(),
        "terminations": running.count() if rules.termination_deadline(today) == today else 0,
        "resubmissions": SubsidyBatch.objects.filter(
            status=SubsidyBatch.Status.RETURNED, resubmit_by=today
        ).count(),
    }
