"""Demo subsidy batches and the employers' inbox.

Every verified demo employer files the batches of the last three months in which its
traineeships ran, each on the day its window opened, through the same services a clerk
uses: the two older ones approved and paid, the latest awaiting review (one returned with a
reason, to be corrected). Then each employer is told of the decisions on its items that
came back, as the reviewer site tells it, so the demo inbox is not empty.
"""

import datetime

from django.core.files.base import ContentFile
from django.db.models import Q

from employers.models import Employer
from subsidies import services
from subsidies.calendar import filing_window
from subsidies.models import SubsidyBatch

from .graduates_seeder import scan_png

MONTHS_BACK = 3
RETURN_REASON = "出勤天数与考勤记录不一致，请核对后重新上传签名表。"


def earlier_months(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months before today's, oldest first."""
    months, first = [], today.replace(day=1)
    for _ in range(count):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]


class BatchSeeder:
    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.created = {"batches": 0, "notifications": 0}

    def run(self, *, reviewer, accounts: dict[str, tuple[Employer, object]]) -> None:
        verified = [
            (employer, clerk)
            for employer, clerk in accounts.values()
            if employer.status == Employer.Status.VERIFIED
        ]
        months = earlier_months(self.today, MONTHS_BACK)
        returned_one = False
        for employer, clerk in verified:
            for month in months:
                if SubsidyBatch.objects.filter(employer=employer, month=month).exists():
                    continue  # loaded already
                if not services.payable_traineeships(employer, month).exists():
                    continue
                opens, _closes = filing_window(month.year, month.month, employer=employer)
                if opens > self.today:
                    continue
                batch = self.file(employer=employer, clerk=clerk, month=month, on=opens)
                if month != months[-1]:
                    services.approve_batch(batch=batch, by=reviewer)
                    batch.refresh_from_db()
                    services.mark_paid(
                        batches=[batch], by=reviewer, paid_on=opens + datetime.timedelta(days=10)
                    )
                elif not returned_one:
                    services.return_batch(batch=batch, by=reviewer, reason=RETURN_REASON, today=self.today)
                    returned_one = True
        self.tell_decisions(employers=[employer for employer, _clerk in verified])

    def file(self, *, employer: Employer, clerk, month: datetime.date, on: datetime.date) -> SubsidyBatch:
        batch = services.create_batch(employer=employer, by=clerk, month=month, today=on)
        services.attach_sheet(
            batch=batch, file=ContentFile(scan_png("graduation_certificate"), "签名表.png"), by=clerk
        )
        batch.refresh_from_db()
        services.submit_batch(batch=batch, by=clerk, today=on)
        batch.refresh_from_db()
        self.created["batches"] += 1
        return batch

    def tell_decisions(self, *, employers: list[Employer]) -> None:
        """Each returned item, and each paid batch, in its employer's inbox, worded as the
        reviewer site words a decision; an employer told already is left as it is."""
        from notifications.models import Notification
        from reviews.site import review_site

        ours = {employer.pk for employer in employers}
        told = set(Notification.objects.filter(employer__in=employers).values_list("employer_id", flat=True))
        for model, model_admin in review_site._registry.items():
            if not hasattr(model_admin, "notify_decision"):
                continue
            decided = model.objects.filter(status=model.RETURNED)
            if model is SubsidyBatch:
                decided = model.objects.filter(Q(status=model.RETURNED) | Q(status=SubsidyBatch.Status.PAID))
            for obj in decided:
                employer, _url = model_admin.portal(obj)
                if employer.pk in ours and employer.pk not in told:
                    model_admin.notify_decision(obj)
                    self.created["notifications"] += 1
