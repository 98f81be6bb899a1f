"""manage.py run_daily_jobs [--date YYYY-MM-DD]: the nightly sweep, by hand."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jiexi.sweep import run_daily_sweep


class Command(BaseCommand):
    help = "Apply every deadline that falls due: traineeships start, complete or terminate; positions expire."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Run as of this local date (YYYY-MM-DD); default today.")

    def handle(self, *args, date: str | None = None, **options) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be a date such as 2027-03-01.") from None
        moved = run_daily_sweep(today=today)
        self.stdout.write(f"{today}: " + ", ".join(f"{name} {count}" for name, count in moved.items()))
