"""Celery tasks that span the apps."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .sweep import run_daily_sweep


# The sweep is safe to run twice, so a run cut short by a lost database connection is
# simply run again, a little later each time.
@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=6)
def daily_sweep() -> dict[str, int]:
    """Beat runs this every night in Asia/Shanghai time; it settles "today" by local date."""
    return run_daily_sweep(today=timezone.localdate())
