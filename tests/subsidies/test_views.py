import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reviews.models import AccessLog
from reviews.roles import AUDITOR
from subsidies import services
from subsidies.models import SubsidyBatch
from tests.employers.factories import ReviewerFactory, StaffFactory, png_bytes
from tests.internships.factories import TraineeshipFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CST = datetime.timezone(datetime.timedelta(hours=8))


def at(day: D, hour=10, minute=0):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CST), tick=False
    )


@pytest.fixture(autouse=True)
def _long_sessions(settings):
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    TraineeshipFactory(employer=staff.employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    return staff


def create(client, month="2027-06"):
    return client.post(reverse("subsidies:create"), {"month": month}, follow=True)


class TestWindowEdges:
    def test_the_minute_before_opening_is_refused(self, client, clerk):
        with at(D(2027, 6, 29), 23, 59):
            create(client)
        assert not SubsidyBatch.objects.exists()

    def test_midnight_on_the_last_day_of_the_month_is_accepted(self, client, clerk):
        with at(D(2027, 6, 30), 0, 0):
            create(client)
        assert SubsidyBatch.objects.get().lines.count() == 1

    def test_the_last_minute_of_the_close_date_is_accepted_and_the_next_day_refused(self, client, clerk):
        with at(D(2027, 7, 6), 0, 0):
            create(client)
        assert not SubsidyBatch.objects.exists()
        with at(D(2027, 7, 5), 23, 59):
            create(client)
        assert SubsidyBatch.objects.count() == 1

    def test_the_page_says_when_the_window_opens(self, client, clerk):
        with at(D(2027, 6, 20)):
            page = client.get(reverse("subsidies:list"))
        html = page.content.decode()
        assert "window-before" in html and "2027-06-30" in html


@pytest.mark.parametrize("month", ["2027-08", "9999-12", "0001-01", "2026-13", ""])
def test_a_month_whose_window_is_not_open_is_refused_with_its_reason(client, clerk, month):
    with at(D(2027, 7, 1)):
        page = create(client, month)
    assert page.status_code == 200
    said = page.content.decode()
    assert ("申报期将于" in said) if month == "2027-08" else ("请选择申报月份" in said)
    assert not SubsidyBatch.objects.exists()


@pytest.mark.parametrize(
    "account",
    [
        "6230 1234 5678 9012 3456 7890 1234 5678 90",
        "1 2 3 4 5 6 ",
        "62301234567X9012",
        "６２３０１２３４５６７８９０",
    ],
)
def test_a_line_keeps_its_account_unless_the_new_one_is_12_to_30_digits(client, clerk, account):
    with at(D(2027, 7, 1)):
        create(client)
        line = SubsidyBatch.objects.get().lines.get()
        page = client.post(
            reverse("subsidies:line_update", args=[line.batch_id, line.pk]),
            {"attendance_days": 10, "bank_name": "中国银行", "bank_account": account},
            follow=True,
        )
    assert "请输入12至30位数字的银行账号" in page.content.decode()
    kept = type(line).objects.get(pk=line.pk)
    assert (kept.bank_account, kept.attendance_days) == (line.bank_account, line.attendance_days)


def test_a_line_account_written_with_spaces_is_stored_as_digits(client, clerk):
    with at(D(2027, 7, 1)):
        create(client)
        line = SubsidyBatch.objects.get().lines.get()
        client.post(
            reverse("subsidies:line_update", args=[line.batch_id, line.pk]),
            {"attendance_days": 10, "bank_name": "中国银行", "bank_account": "6230 1234 5678 9012 345"},
        )
    line.refresh_from_db()
    assert line.bank_account == "6230123456789012345" and line.attendance_days == 10


def test_a_double_click_makes_one_batch_and_opens_it(client, clerk):
    with at(D(2027, 7, 1)):
        create(client)
        second = create(client)
    assert SubsidyBatch.objects.count() == 1
    assert second.redirect_chain[-1][0] == reverse("subsidies:detail", args=[SubsidyBatch.objects.get().pk])


def test_the_whole_filing(client, clerk):
    with at(D(2027, 7, 1)):
        create(client)
        batch = SubsidyBatch.objects.get()
        line = batch.lines.get()
        client.post(
            reverse("subsidies:line_update", args=[batch.pk, line.pk]),
            {"attendance_days": 20, "bank_name": "厦门银行", "bank_account": "6230123456789012345"},
        )
        sheet = client.get(reverse("subsidies:sheet", args=[batch.pk]))
        client.post(
            reverse("subsidies:sheet_upload", args=[batch.pk]),
            {"scan": SimpleUploadedFile("签名表.png", png_bytes())},
        )
        client.post(reverse("subsidies:submit", args=[batch.pk]))
    book = load_workbook(io.BytesIO(sheet.content))
    assert any(row[5] == 20 for row in book.active.iter_rows(values_only=True))
    batch.refresh_from_db()
    assert batch.status == SubsidyBatch.Status.SUBMITTED


def test_another_employer_gets_404_everywhere(client, clerk):
    other = StaffFactory()
    TraineeshipFactory(employer=other.employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    with at(D(2027, 7, 1)):
        batch = services.create_batch(
            employer=other.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1)
        )
        line = batch.lines.get()
        for url in [
            reverse("subsidies:detail", args=[batch.pk]),
            reverse("subsidies:sheet", args=[batch.pk]),
            reverse("subsidies:sheet_scan", args=[batch.pk]),
        ]:
            assert client.get(url).status_code == 404
        for url in [
            reverse("subsidies:line_update", args=[batch.pk, line.pk]),
            reverse("subsidies:sheet_upload", args=[batch.pk]),
            reverse("subsidies:submit", args=[batch.pk]),
        ]:
            assert client.post(url).status_code == 404


def test_post_only_urls_refuse_get(client, clerk):
    with at(D(2027, 7, 1)):
        create(client)
        batch = SubsidyBatch.objects.get()
        assert client.get(reverse("subsidies:create")).status_code == 405
        assert client.get(reverse("subsidies:submit", args=[batch.pk])).status_code == 405


def test_the_reviewer_approves_exports_payment_and_marks_paid(client, clerk):
    with at(D(2027, 7, 1)):
        batch = services.create_batch(
            employer=clerk.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1)
        )
        batch.signed_sheet = SimpleUploadedFile("s.png", png_bytes())
        batch.save()
        services.submit_batch(batch=batch, by=None, today=D(2027, 7, 1))
    client.force_login(ReviewerFactory())
    client.post(reverse("review:subsidies_subsidybatch_approve", args=[batch.pk]))
    payment = client.get(reverse("review:subsidies_subsidybatch_payment"), {"month": "2027-06"})
    rows = list(load_workbook(io.BytesIO(payment.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][4] == clerk.employer.traineeships.get().person.bank_account
    assert rows[2][1:3] == ("合计", "1人") and rows[2][5] == rows[1][5] == 1980
    with at(D(2027, 7, 15)):
        client.post(
            reverse("review:subsidies_subsidybatch_changelist") + "?status=approved",
            {"action": "mark_paid", "_selected_action": [batch.pk], "paid_on": "2027-07-15"},
        )
    batch.refresh_from_db()
    assert batch.status == SubsidyBatch.Status.PAID and batch.paid_on == D(2027, 7, 15)
    # Paid: nothing awaits payment, and the reviewer is told so instead of an empty sheet.
    again = client.get(reverse("review:subsidies_subsidybatch_payment"), {"month": "2027-06"}, follow=True)
    assert "没有待发放的已审核补贴批次" in again.content.decode()
    logged = AccessLog.objects.get()
    assert logged.kind == AccessLog.Kind.ID_NUMBER and "2027-06" in logged.what


def test_the_injury_insurance_roster_download_is_logged(client, clerk):
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    sheet = client.get(reverse("review:internships_traineeship_roster"), {"month": "2027-06"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert any(clerk.employer.traineeships.get().person.id_number in row for row in rows)
    logged = AccessLog.objects.get()
    assert logged.user == reviewer and logged.kind == AccessLog.Kind.ID_NUMBER and "2027-06" in logged.what


def test_the_reviewer_sees_batches_by_month_with_their_total(client, clerk):
    with at(D(2027, 7, 1)):
        batch = services.create_batch(
            employer=clerk.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1)
        )
        batch.signed_sheet = SimpleUploadedFile("s.png", png_bytes())
        batch.save()
        services.submit_batch(batch=batch, by=None, today=D(2027, 7, 1))
        client.force_login(ReviewerFactory())
        queue = reverse("review:subsidies_subsidybatch_changelist")
        listing = client.get(queue).content.decode()
        assert "2027年6月" in listing and "2027年6月1日" not in listing
        assert "?month=2027-06" in listing  # months to choose, not days
        assert list(client.get(queue, {"month": "2027-06"}).context["cl"].result_list) == [batch]
        assert not client.get(queue, {"month": "2027-05"}).context["cl"].result_list
        assert not client.get(queue, {"month": "junk"}).context["cl"].result_list
        page = client.get(reverse("review:subsidies_subsidybatch_change", args=[batch.pk])).content.decode()
    line = batch.lines.get()
    assert f"{line.amount}（共1人）" in page
    assert "添加另一个" not in page


def test_an_auditor_cannot_export_payments_and_is_not_offered_to(client):
    payment = reverse("review:subsidies_subsidybatch_payment")
    queue = reverse("review:subsidies_subsidybatch_changelist")

    def actions(page):
        form = page.context.get("action_form")
        return [name for name, _label in form.fields["action"].choices] if form else []

    client.force_login(ReviewerFactory(role=AUDITOR))
    assert client.get(payment, {"month": "2027-06"}).status_code == 403
    page = client.get(queue)
    assert payment not in page.content.decode() and "mark_paid" not in actions(page)
    client.force_login(ReviewerFactory())
    page = client.get(queue)
    assert payment in page.content.decode() and "mark_paid" in actions(page)


@pytest.mark.parametrize("size", [3, 30])
def test_the_batch_page_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    staff = StaffFactory()
    client.force_login(staff.user)
    for _ in range(size):
        TraineeshipFactory(employer=staff.employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    batch = services.create_batch(employer=staff.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1))
    with django_assert_max_num_queries(13):
        assert client.get(reverse("subsidies:detail", args=[batch.pk])).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_batch_review_page_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    employer = StaffFactory().employer
    for _ in range(size):
        TraineeshipFactory(employer=employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1))
    SubsidyBatch.objects.filter(pk=batch.pk).update(status=SubsidyBatch.Status.SUBMITTED)
    client.force_login(ReviewerFactory())
    with django_assert_max_num_queries(15):  # the total of the lines is one more
        response = client.get(reverse("review:subsidies_subsidybatch_change", args=[batch.pk]))
    assert response.status_code == 200


def attendance_workbook(rows):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["身份证号", "出勤天数"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("出勤.xlsx", buffer.getvalue())


def test_attendance_import_previews_errors_then_applies_the_good_rows(client, clerk):
    other = TraineeshipFactory(employer=clerk.employer, active=True, start=D(2027, 3, 1), end=D(2027, 6, 15))
    with at(D(2027, 7, 1)):
        create(client)
        batch = SubsidyBatch.objects.get()
        full = batch.lines.exclude(traineeship=other).get()
        url = reverse("subsidies:attendance_import", args=[batch.pk])
        preview = client.post(
            url,
            {
                "workbook": attendance_workbook(
                    [
                        (full.traineeship.person.id_number, 22),
                        (other.person.id_number.lower(), 16),  # more than the 15 days it ran
                        ("11010519491231002X", 10),  # not in this batch
                        (full.traineeship.person.id_number, 20),  # twice
                    ]
                )
            },
        )
        assert preview.context["good_count"] == 1
        assert [row.line for row in preview.context["bad"]] == [3, 4, 5]
        full.refresh_from_db()
        assert full.attendance_days == 30  # nothing changed yet
        client.post(url, {"token": preview.context["token"]})
    full.refresh_from_db()
    assert (full.attendance_days, str(full.amount)) == (22, "1452.00")


def test_the_exported_signature_sheet_comes_back_with_its_attendance_corrected(client, clerk):
    from openpyxl import load_workbook

    TraineeshipFactory(employer=clerk.employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    with at(D(2027, 7, 1)):
        create(client)
        batch = SubsidyBatch.objects.get()
        book = load_workbook(io.BytesIO(client.get(reverse("subsidies:sheet", args=[batch.pk])).content))
        sheet = book.active
        header = [cell.value for cell in sheet[4]]
        id_column, days_column = header.index("身份证号") + 1, header.index("出勤天数") + 1
        first = batch.lines.order_by("id").first()
        assert sheet.cell(5, id_column).value == first.traineeship.person.id_number
        sheet.cell(5, days_column).value = 12  # the clerk corrects one trainee's days
        edited = io.BytesIO()
        book.save(edited)
        url = reverse("subsidies:attendance_import", args=[batch.pk])
        preview = client.post(url, {"workbook": SimpleUploadedFile("签名表.xlsx", edited.getvalue())})
        # Both trainees read; the title above the table and the total and signatures below it are not rows.
        assert preview.context["form"].errors == {}
        assert (preview.context["good_count"], list(preview.context["bad"])) == (2, [])
        client.post(url, {"token": preview.context["token"]})
    first.refresh_from_db()
    assert first.attendance_days == 12
    assert sorted(batch.lines.values_list("attendance_days", flat=True)) == [12, first.max_days]


def test_an_attendance_token_cannot_be_replayed_on_another_batch(client, clerk):
    with at(D(2027, 7, 1)):
        create(client)
        batch = SubsidyBatch.objects.get()
        line = batch.lines.get()
        url = reverse("subsidies:attendance_import", args=[batch.pk])
        token = client.post(
            url, {"workbook": attendance_workbook([(line.traineeship.person.id_number, 5)])}
        ).context["token"]
        other = StaffFactory()
        TraineeshipFactory(employer=other.employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
        theirs = services.create_batch(
            employer=other.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1)
        )
        client.force_login(other.user)
        client.post(reverse("subsidies:attendance_import", args=[theirs.pk]), {"token": token})
    line.refresh_from_db()
    assert line.attendance_days == 30 and theirs.lines.get().attendance_days == 30
