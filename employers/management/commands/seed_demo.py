"""manage.py seed_demo: fill a development database with realistic Xiamen demo data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone

from employers.models import Employer
from internships.models import Extension, Traineeship
from jiexi.demo.batches import BatchSeeder
from jiexi.demo.data import CLERK_PASSWORD, KIND_LABELS, REVIEW_ACCOUNTS, ROLE_LABELS, UNVERIFIED_LABELS
from jiexi.demo.graduates_seeder import GraduateSeeder
from jiexi.demo.seeder import EmployerPlan, Seeder, display_width, pad
from jiexi.demo.traineeships_seeder import TraineeshipSeeder
from positions.models import Position
from trainees.models import InsuranceRecord, Person, PersonAccess


class Command(BaseCommand):
    help = (
        "Fill the database with realistic Xiamen demo employers, positions, graduates, traineeships "
        "and accounts (idempotent)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is False (never on a live site)."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords, so it refuses to run when "
                "DEBUG is False. Pass --force if this really is a demo or test database."
            )
        today = timezone.localdate()
        seeder = Seeder(today=today)
        graduates = GraduateSeeder(today=today, employers=seeder.plans)
        traineeships = TraineeshipSeeder(today=today)
        batches = BatchSeeder(today=today)
        # The demo's inbox messages stay in the inbox: nobody reads the demo addresses, and a
        # console full of e-mails would hide the logins printed below.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            seeder.run()
            graduates.run(reviewer=seeder.reviewer, accounts=seeder.accounts)
            traineeships.run(reviewer=seeder.reviewer, accounts=seeder.accounts)
            batches.run(reviewer=seeder.reviewer, accounts=seeder.accounts)
        created = seeder.created | graduates.created | traineeships.created | batches.created
        self.stdout.write(
            f"Created {created['employers']} employers, {created['positions']} positions, "
            f"{created['graduates']} graduates, {created['lookups']} pool look-ups, "
            f"{created['insurance_records']} social-insurance records, {created['traineeships']} "
            f"traineeships, {created['extensions']} extensions, {created['batches']} subsidy batches, "
            f"{created['notifications']} inbox messages and {created['users']} user "
            "accounts (existing ones were left as they were)."
        )
        self.write_problems(traineeships)
        self.write_summary()
        self.write_logins(seeder.plans)

    def write_problems(self, traineeships: TraineeshipSeeder) -> None:
        if traineeships.missing:
            self.stderr.write(
                "No graduate and position found for these demo traineeships: "
                + ", ".join(traineeships.missing)
            )
        for problem in traineeships.skipped:
            self.stderr.write(f"Demo traineeship left out, the services refused it: {problem}")

    def write_summary(self) -> None:
        models = (
            (Employer, "Employers"),
            (Position, "Positions"),
            (Person, "Graduates"),
            (Traineeship, "Traineeships"),
            (Extension, "Extensions"),
        )
        for model, label in models:
            rows = model.objects.order_by().values("status").annotate(n=Count("id"))
            counts = {row["status"]: row["n"] for row in rows}
            parts = ", ".join(f"{value} {counts.get(value, 0)}" for value in model.Status.values)
            self.stdout.write(f"{label}: {sum(counts.values())} ({parts})")
        self.stdout.write(
            f"Pool look-ups by other employers: {PersonAccess.objects.count()}, "
            f"social-insurance records: {InsuranceRecord.objects.count()}"
        )

    def write_logins(self, plans: list[EmployerPlan]) -> None:
        rows = [("Username", "Password", "Role", "Employer")]
        rows += [(name, password, ROLE_LABELS[role], "—") for name, password, role, *_ in REVIEW_ACCOUNTS]
        for plan in plans:
            role = f"单位经办人（{KIND_LABELS[plan.seed.kind]}）"
            status = UNVERIFIED_LABELS.get(plan.seed.status, "")
            rows.append((plan.username, CLERK_PASSWORD, role, plan.seed.name + status))
        widths = [max(display_width(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
