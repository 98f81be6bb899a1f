"""Celery tasks that span the apps."""

from celery import shared_task
from django.utils import timezone

from .sweep import run_daily_sweep


@shared_task
def daily_sweep() -> dict[str, int]:
    """Beat runs this every night in Asia/Shanghai time; it settles "today" by local date."""
    return run_daily_sweep(today=timezone.localdate())
