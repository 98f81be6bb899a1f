import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from internships.models import Extension
from jiexi.sweep import run_daily_sweep
from notifications.models import Notification
from notifications.reminders import send_reminders
from notifications.services import notify
from positions.models import Position
from subsidies.models import SubsidyRate
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def texts(employer) -> list[str]:
    return [note.text for note in Notification.objects.filter(employer=employer)]


def test_a_review_decision_notifies_the_employer_in_the_portal_and_by_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    staff = StaffFactory(user__email="clerk@example.cn")
    position = PositionFactory(employer=staff.employer, submitted=True, title="会计助理")
    client.force_login(ReviewerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("review:positions_position_return", args=[position.pk]), {"reason": "请写明工作地点"}
        )

    assert texts(staff.employer) == ["已退回：岗位 会计助理。原因：请写明工作地点"]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["clerk@example.cn"]
    assert (
        "请写明工作地点" in mailoutbox[0].body and f"/employer/positions/{position.pk}/" in mailoutbox[0].body
    )

    client.force_login(staff.user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'id="unread-count">1<' in page
    note = Notification.objects.get()
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response["Location"] == reverse("positions:detail", args=[position.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_employer_cannot_mark_my_notifications(client):
    mine = notify(employer=EmployerFactory(), subject="x")
    other = StaffFactory()
    client.force_login(other.user)
    client.post(reverse("notifications:read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is None


def test_a_keyed_reminder_goes_out_once_even_from_two_workers():
    employer = EmployerFactory()
    assert notify(employer=employer, subject="x", key="k1")
    assert notify(employer=employer, subject="x", key="k1") is None
    assert Notification.objects.count() == 1


class TestReminders:
    def test_the_subsidy_window_opens_today_and_closes_tomorrow(self):
        SubsidyRate.objects.all().delete()
        t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
        assert send_reminders(today=D(2027, 6, 30)) == 1  # June's window opens
        assert send_reminders(today=D(2027, 6, 30)) == 0
        assert send_reminders(today=D(2027, 7, 4)) == 1  # closes on Monday 07-05
        notes = texts(t.employer)
        assert any("2027-06" in n and "2027-07-05" in n for n in notes) and len(notes) == 2

    def test_extension_deadline_in_seven_days_and_tomorrow(self):
        t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        assert send_reminders(today=D(2027, 5, 23)) == 1  # deadline 05-30 in 7 days
        assert send_reminders(today=D(2027, 5, 29)) == 1  # tomorrow
        assert send_reminders(today=D(2027, 5, 29)) == 0
        assert all("2027-05-30" in n for n in texts(t.employer))

    def test_no_extension_reminder_once_an_extension_is_filed(self):
        e = ExtensionFactory(status=Extension.Status.SUBMITTED)
        assert send_reminders(today=e.traineeship.end - datetime.timedelta(days=2)) == 0

    def test_a_returned_item_waiting_three_days(self):
        position = PositionFactory(submitted=True)
        position.transition_to(Position.Status.RETURNED, note="x")
        today = timezone.localtime(position.status_changed_at).date()
        assert send_reminders(today=today + datetime.timedelta(days=2)) == 0
        assert send_reminders(today=today + datetime.timedelta(days=3)) == 1
        assert send_reminders(today=today + datetime.timedelta(days=4)) == 0

    def test_the_sweep_sends_them(self):
        TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        assert run_daily_sweep(today=D(2027, 5, 29))["reminders"] == 1
        assert run_daily_sweep(today=D(2027, 5, 29))["reminders"] == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
def test_two_sweeps_at_once_send_one_reminder():
    t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
    barrier = threading.Barrier(2)

    def sweep():
        try:
            barrier.wait()
            send_reminders(today=D(2027, 5, 29))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Notification.objects.filter(employer=t.employer).count() == 1
