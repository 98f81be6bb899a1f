"""Every change to subsidy batches and their lines."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from employers.models import Employer
from employers.services import require_verified
from internships.models import Traineeship
from jiexi import rules

from .calendar import filing_window, monthly_rate
from .models import BatchLine, SubsidyBatch

RESUBMIT_DAYS = 3
# Batch lines read and inserted per round trip when a batch is created.
CHUNK = 2000


def _d(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


def require_window(*, employer: Employer, month: datetime.date, today: datetime.date) -> None:
    if month > today.replace(day=1):
        # A later month's window opens on its last day at the earliest; no need to work it
        # out (the default window of December 9999 would close in a year that is no date).
        raise ValidationError(
            _("The filing window for %(month)s opens on %(opens)s.")
            % {"month": f"{month:%Y-%m}", "opens": _d(rules.month_bounds(month.year, month.month)[1])}
        )
    opens, closes = filing_window(month.year, month.month, employer=employer)
    if today < opens:
        raise ValidationError(
            _("The filing window for %(month)s opens on %(opens)s.")
            % {"month": f"{month:%Y-%m}", "opens": _d(opens)}
        )
    if today > closes:
        raise ValidationError(
            _("The filing window for %(month)s closed on %(closes)s.")
            % {"month": f"{month:%Y-%m}", "closes": _d(closes)}
        )


def payable_traineeships(employer: Employer, month: datetime.date):
    """Traineeships of the employer that ran on any day of the month."""
    return Traineeship.objects.for_employer(employer).ran_in(month).select_related("person")


def create_batch(*, employer: Employer, by, month: datetime.date, today: datetime.date) -> SubsidyBatch:
    """Create month M's batch with a line per traineeship, attendance prefilled to the maximum."""
    month = month.replace(day=1)
    require_verified(employer)
    require_window(employer=employer, month=month, today=today)
    rate = monthly_rate(month.year, month.month)
    try:
        with transaction.atomic():
            batch = SubsidyBatch.objects.create(employer=employer, month=month, created_by=by)
            # Plain rows, read and written a chunk at a time: no model instances for the
            # traineeships and persons, and memory stays flat however large the employer.
            rows = payable_traineeships(employer, month).values_list(
                "pk", "start", "end", "terminated_on", "person__bank_name", "person__bank_account"
            )
            lines = []
            for pk, start, end, terminated_on, bank_name, bank_account in rows.iterator(chunk_size=CHUNK):
                last_day = terminated_on or end  # Traineeship.last_day
                days = rules.month_basis_days(start, last_day, month.year, month.month)
                if days:
                    lines.append(_line(batch, pk, days, rate, bank_name, bank_account))
                if len(lines) == CHUNK:
                    BatchLine.objects.bulk_create(lines)
                    lines = []
            BatchLine.objects.bulk_create(lines)
            batch.record_creation(by=by, note=gettext_noop("Batch created"))
    except IntegrityError:
        raise ValidationError(
            _("The batch for %(month)s already exists; it was opened for you.") % {"month": f"{month:%Y-%m}"}
        ) from None
    return batch


def _line(
    batch: SubsidyBatch, traineeship_id: int, days: int, rate, bank_name: str, bank_account: str
) -> BatchLine:
    return BatchLine(
        batch=batch,
        traineeship_id=traineeship_id,
        month=batch.month,
        max_days=days,
        attendance_days=days,
        monthly_rate=rate,
        amount=rules.subsidy_amount(rate, days),
        bank_name=bank_name,
        bank_account=bank_account,
    )


BANK_ACCOUNT = re.compile(r"[0-9]{12,30}")


def clean_bank_account(raw: str) -> str:
    """Spaces, as a passbook prints them, are dropped; what is left is 12 to 30 digits."""
    account = "".join(raw.split())
    if not BANK_ACCOUNT.fullmatch(account):
        raise ValidationError(_("Enter the bank account number as 12 to 30 digits."))
    return account


@transaction.atomic
def update_line(*, line: BatchLine, by, attendance_days: int, bank_name: str, bank_account: str) -> BatchLine:
    """修改人员补贴信息: attendance within 0..maximum, and the account the trainee is paid into."""
    batch = SubsidyBatch.objects.select_for_update().get(pk=line.batch_id)
    if not batch.is_editable:
        raise ValidationError(_("This batch can no longer be changed."))
    if not 0 <= attendance_days <= line.max_days:
        raise ValidationError(
            _("Attendance days must be between 0 and %(max)d for this trainee this month.")
            % {"max": line.max_days}
        )
    bank_account = clean_bank_account(bank_account)
    if not bank_name.strip():
        raise ValidationError(_("Enter the bank."))
    line.attendance_days = attendance_days
    line.amount = rules.subsidy_amount(line.monthly_rate, attendance_days)
    line.bank_name, line.bank_account = bank_name.strip()[:100], bank_account
    line.save(update_fields=["attendance_days", "amount", "bank_name", "bank_account"])
    return line


@transaction.atomic
def apply_attendance(*, batch: SubsidyBatch, by, changes: list[tuple[int, int]]) -> int:
    """Set attendance days on many lines at once (from an imported sheet); all or nothing."""
    batch = SubsidyBatch.objects.select_for_update().get(pk=batch.pk)
    if not batch.is_editable:
        raise ValidationError(_("This batch can no longer be changed."))
    lines = {line.pk: line for line in batch.lines.filter(pk__in=[pk for pk, _days in changes])}
    for pk, days in changes:
        line = lines.get(pk)
        if line is None or not 0 <= days <= line.max_days:
            raise ValidationError(
                _("The imported attendance no longer fits this batch; import the file again.")
            )
        line.attendance_days = days
        line.amount = rules.subsidy_amount(line.monthly_rate, days)
    BatchLine.objects.bulk_update(lines.values(), ["attendance_days", "amount"], batch_size=1000)
    return len(lines)


@transaction.atomic
def attach_sheet(*, batch: SubsidyBatch, file, by) -> None:
    current = SubsidyBatch.objects.select_for_update().get(pk=batch.pk)
    if not current.is_editable:
        raise ValidationError(_("This batch can no longer be changed."))
    old = current.signed_sheet.name
    current.signed_sheet = file
    current.save(update_fields=["signed_sheet"])
    if old:
        storage = current.signed_sheet.storage
        transaction.on_commit(lambda: storage.delete(old))


def submit_batch(*, batch: SubsidyBatch, by, today: datetime.date) -> None:
    batch = SubsidyBatch.objects.get(pk=batch.pk)
    if batch.status == SubsidyBatch.Status.RETURNED and batch.resubmit_by:
        if today > batch.resubmit_by:
            raise ValidationError(
                _("The resubmission deadline %(day)s has passed.") % {"day": _d(batch.resubmit_by)}
            )
    else:
        require_window(employer=batch.employer, month=batch.month, today=today)
    if not batch.signed_sheet:
        raise ValidationError(_("Upload the signed and stamped signature sheet first."))
    batch.transition_to(SubsidyBatch.Status.SUBMITTED, by=by, from_states=SubsidyBatch.EDITABLE)


def approve_batch(*, batch: SubsidyBatch, by) -> None:
    batch.transition_to(SubsidyBatch.Status.APPROVED, by=by, from_states=(SubsidyBatch.Status.SUBMITTED,))


def return_batch(
    *, batch: SubsidyBatch, by, reason: str, today: datetime.date, days: int = RESUBMIT_DAYS
) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    with transaction.atomic():
        batch.transition_to(
            SubsidyBatch.Status.RETURNED,
            by=by,
            note=reason.strip(),
            from_states=(SubsidyBatch.Status.SUBMITTED,),
        )
        batch.resubmit_by = today + datetime.timedelta(days=days)
        SubsidyBatch.objects.filter(pk=batch.pk).update(resubmit_by=batch.resubmit_by)


def mark_paid(*, batches, by, paid_on: datetime.date) -> int:
    """Mark approved batches paid; a paid batch can no longer change."""
    done = 0
    for batch in batches:
        with transaction.atomic():
            batch.transition_to(SubsidyBatch.Status.PAID, by=by, from_states=(SubsidyBatch.Status.APPROVED,))
            SubsidyBatch.objects.filter(pk=batch.pk).update(paid_on=paid_on)
            done += 1
    return done


def lock_closed_drafts(*, today: datetime.date) -> int:
    """Lock draft batches whose window has closed, and returned ones past their deadline; lines stay."""
    locked = 0
    for batch in SubsidyBatch.objects.filter(status__in=SubsidyBatch.EDITABLE).select_related("employer"):
        if batch.status == SubsidyBatch.Status.RETURNED and batch.resubmit_by:
            due = today > batch.resubmit_by
        else:
            due = today > filing_window(batch.month.year, batch.month.month, employer=batch.employer)[1]
        if not due:
            continue
        with transaction.atomic():
            row = (
                SubsidyBatch.objects.select_for_update(skip_locked=True)
                .filter(pk=batch.pk, status=batch.status)
                .first()
            )
            if row is not None:
                row.transition_to(
                    SubsidyBatch.Status.LOCKED, note=gettext_noop("Locked: the filing window closed")
                )
                locked += 1
    return locked
