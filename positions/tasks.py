"""Celery tasks for positions: each calls a service and is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def close_expired_positions() -> int:
    """Close every published position past its valid-until date (local date)."""
    return services.close_expired_positions(today=timezone.localdate())
