import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from subsidies import services, sheets
from subsidies.models import BatchLine, SubsidyBatch, SubsidyRate
from tests.employers.factories import EmployerFactory, png_bytes
from tests.internships.factories import TraineeshipFactory

pytestmark = pytest.mark.django_db
D = datetime.date
JUNE = D(2027, 6, 1)
IN_WINDOW = D(2027, 7, 1)  # June's window: 06-30 .. 07-05 (07-04 is a Sunday)


@pytest.fixture
def employer():
    return EmployerFactory()


def running(employer, start, end, **kwargs):
    return TraineeshipFactory(employer=employer, active=True, start=start, end=end, **kwargs)


def test_the_batch_offers_every_traineeship_that_ran_in_the_month(employer):
    full = running(employer, D(2027, 3, 1), D(2027, 8, 31))
    first_half = running(employer, D(2027, 3, 1), D(2027, 6, 15))
    terminated = running(employer, D(2027, 5, 1), D(2027, 9, 30), terminated_on=D(2027, 6, 10))
    running(employer, D(2027, 7, 1), D(2027, 9, 30))  # starts after June
    TraineeshipFactory(employer=employer, submitted=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    running(EmployerFactory(), D(2027, 3, 1), D(2027, 8, 31))  # another employer's

    batch = services.create_batch(employer=employer, by=None, month=D(2027, 6, 18), today=IN_WINDOW)

    days = {line.traineeship: line.max_days for line in batch.lines.all()}
    assert days == {full: 30, first_half: 15, terminated: 10}
    amounts = {line.traineeship: line.amount for line in batch.lines.all()}
    assert amounts[full] == Decimal("1980.00") and amounts[first_half] == Decimal("990.00")
    assert batch.month == JUNE


def test_the_window_edges(employer):
    with pytest.raises(ValidationError):
        services.create_batch(employer=employer, by=None, month=JUNE, today=D(2027, 6, 29))
    with pytest.raises(ValidationError):
        services.create_batch(employer=employer, by=None, month=JUNE, today=D(2027, 7, 6))
    assert services.create_batch(employer=employer, by=None, month=JUNE, today=D(2027, 7, 5))


def test_one_batch_per_employer_and_month(employer):
    services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    with pytest.raises(ValidationError):
        services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    assert SubsidyBatch.objects.count() == 1


def test_the_rate_in_force_for_the_month_is_used(employer):
    SubsidyRate.objects.create(effective_from=D(2027, 6, 1), monthly_amount=Decimal("2100"))
    running(employer, D(2027, 3, 1), D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    assert batch.lines.get().amount == Decimal("2100.00")


def test_attendance_and_bank_details_are_corrected_within_bounds(employer):
    running(employer, D(2027, 3, 1), D(2027, 6, 15))
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    line = batch.lines.get()
    with pytest.raises(ValidationError):
        services.update_line(line=line, by=None, attendance_days=16, bank_name="x", bank_account="1")
    services.update_line(
        line=line, by=None, attendance_days=10, bank_name="厦门银行", bank_account="6230 1234 5678 9012 345"
    )
    line.refresh_from_db()
    assert (line.attendance_days, line.amount, line.bank_account) == (
        10,
        Decimal("660.00"),
        "6230123456789012345",
    )


def test_submit_review_return_and_pay(employer):
    running(employer, D(2027, 3, 1), D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    with pytest.raises(ValidationError):
        services.submit_batch(batch=batch, by=None, today=IN_WINDOW)  # no signed sheet yet
    services.attach_sheet(batch=batch, file=ContentFile(png_bytes(), "sheet.png"), by=None)
    services.submit_batch(batch=batch, by=None, today=IN_WINDOW)
    batch.refresh_from_db()
    services.return_batch(batch=batch, by=None, reason="签名缺失", today=D(2027, 7, 8))
    batch.refresh_from_db()
    assert batch.resubmit_by == D(2027, 7, 11)
    services.submit_batch(batch=batch, by=None, today=D(2027, 7, 11))  # after the window, before the deadline
    batch.refresh_from_db()
    services.approve_batch(batch=batch, by=None)
    with pytest.raises(ValidationError):
        services.update_line(
            line=batch.lines.get(), by=None, attendance_days=1, bank_name="x", bank_account="1"
        )
    assert services.mark_paid(batches=[batch], by=None, paid_on=D(2027, 7, 20)) == 1
    batch.refresh_from_db()
    assert batch.status == SubsidyBatch.Status.PAID and batch.paid_on == D(2027, 7, 20)


def test_drafts_lock_when_the_window_closes_and_keep_their_lines(employer):
    running(employer, D(2027, 3, 1), D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    assert services.lock_closed_drafts(today=D(2027, 7, 5)) == 0
    assert services.lock_closed_drafts(today=D(2027, 7, 6)) == 1
    assert services.lock_closed_drafts(today=D(2027, 7, 6)) == 0
    batch.refresh_from_db()
    assert batch.status == SubsidyBatch.Status.LOCKED and batch.lines.count() == 1


def test_one_line_per_traineeship_and_month_in_the_database(employer):
    t = running(employer, D(2027, 3, 1), D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BatchLine.objects.create(
            batch=batch,
            traineeship=t,
            month=JUNE,
            max_days=30,
            attendance_days=30,
            monthly_rate=Decimal("1980"),
            amount=Decimal("1980"),
            bank_name="x",
            bank_account="1",
        )


def test_the_signature_sheet_keeps_ids_and_accounts_as_text_and_user_text_literal(employer):
    t = running(
        employer,
        D(2027, 3, 1),
        D(2027, 8, 31),
        person__name='=HYPERLINK("x")',
        person__id_number="11010519491231002X",
    )
    running(employer, D(2027, 3, 1), D(2027, 6, 15), person__name="吉𠮷")
    batch = services.create_batch(employer=employer, by=None, month=JUNE, today=IN_WINDOW)
    line = batch.lines.get(traineeship=t)
    services.update_line(
        line=line, by=None, attendance_days=30, bank_name="@SUM(1)", bank_account="6222021234567891232"
    )

    sheet = load_workbook(io.BytesIO(sheets.signature_sheet(batch))).active

    rows = [[cell for cell in row] for row in sheet.iter_rows(min_row=5, max_row=6)]
    by_name = {row[1].value: row for row in rows}
    row = by_name['=HYPERLINK("x")']
    assert row[1].data_type == "s" and row[7].value == "@SUM(1)" and row[7].data_type == "s"
    assert row[2].value == "11010519491231002X" and row[2].data_type == "s"
    assert row[8].value == "6222021234567891232" and row[8].data_type == "s"
    assert row[5].value == 30 and float(row[6].value) == 1980.0
    assert "吉𠮷" in by_name
    assert not any(cell.data_type == "f" for r in sheet.iter_rows() for cell in r)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$4:$4"
    totals = [r for r in sheet.iter_rows(values_only=True) if r[0] == "合计"][0]
    assert totals[5] == 45 and float(totals[6]) == 2970.0


@pytest.mark.parametrize(
    ("month", "start", "end", "days", "amount"),
    [
        (D(2027, 7, 1), D(2027, 3, 1), D(2027, 12, 31), 30, "1980.00"),  # a full 31-day month
        (D(2028, 2, 1), D(2027, 12, 1), D(2028, 5, 31), 30, "1980.00"),  # a full leap February
        (D(2027, 7, 1), D(2027, 7, 20), D(2027, 12, 31), 12, "792.00"),  # first month, from the 20th
        (D(2027, 7, 1), D(2027, 3, 1), D(2027, 7, 10), 10, "660.00"),  # last month, to the 10th
    ],
)
def test_amounts(employer, month, start, end, days, amount):
    running(employer, start, end)
    today = (month.replace(day=28) + datetime.timedelta(days=4)).replace(
        day=1
    )  # the 1st of M+1: in the window
    batch = services.create_batch(employer=employer, by=None, month=month, today=today)
    line = batch.lines.get()
    assert (line.max_days, str(line.amount)) == (days, amount)
