"""manage.py run_daily_jobs [--date YYYY-MM-DD]: the nightly sweep, by hand."""

import datetime
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jiexi.fields import in_programme_years
from jiexi.sweep import run_daily_sweep

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = "Apply every deadline that falls due: traineeships start, complete or terminate; positions expire."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Run as of this local date (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--future",
            action="store_true",
            help="Allow a date after tomorrow, to rehearse a later day on a copy of the data.",
        )

    def handle(self, *args, date: str | None = None, future: bool = False, **options) -> None:
        # Everything is checked before anything moves: the sweep's moves cannot be undone.
        actual = timezone.localdate()
        if date and not DATE.fullmatch(date):
            raise CommandError("--date must be a date such as 2027-03-01.")
        try:
            today = datetime.date.fromisoformat(date) if date else actual
        except ValueError:
            raise CommandError("--date must be a date such as 2027-03-01.") from None
        if not in_programme_years(today):
            raise CommandError("--date must be a day of 2000 to 2099.")
        if today > actual + datetime.timedelta(days=1) and not future:
            raise CommandError(
                f"{today} is after tomorrow: the sweep would start, complete and close everything "
                "due by then, for good. Check the date, or add --future to rehearse on a copy of the data."
            )
        moved = run_daily_sweep(today=today)
        self.stdout.write(f"{today}: " + ", ".join(f"{name} {count}" for name, count in moved.items()))
