"""Dates a person could not mean (year 1, year 9999, a window closing before it opens) are
refused with a message on the field, and nothing is saved."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from positions.models import Position
from reviews.roles import SUPERVISOR
from subsidies.models import LateFilingException, SubsidyBatch, WindowOverride
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory
from tests.positions.test_views import position_data
from tests.trainees.test_views import person_data
from trainees.models import Person

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    return staff


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "1999-12-31"])
def test_a_certificate_from_before_2000_is_refused(client, clerk, day):
    response = client.post(reverse("trainees:create"), person_data(certificate_date=day))
    assert "2000" in " ".join(response.context["form"].errors["certificate_date"])
    assert not Person.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "2030-01-01"])
def test_a_position_declared_for_more_than_three_years_is_refused(client, clerk, day):
    with time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC), tick=False):
        response = client.post(reverse("positions:create"), position_data(valid_until=day))
    assert "三年" in " ".join(response.context["form"].errors["valid_until"])
    assert not Position.objects.exists()


@pytest.fixture
def supervisor(client):
    client.force_login(ReviewerFactory(role=SUPERVISOR))


def test_a_window_that_closes_before_it_opens_is_refused_in_words(client, supervisor):
    response = client.post(
        reverse("review:subsidies_windowoverride_add"),
        {"month": "2027-09-01", "opens": "2027-10-08", "closes": "2027-10-01", "note": ""},
    )
    assert "截止日期不能早于开始日期" in " ".join(response.context["adminform"].form.errors["closes"])
    assert not WindowOverride.objects.exists()


@pytest.mark.parametrize("until", ["2026-01-01", "2027-10-30", "2099-01-01"])
def test_a_late_filing_exception_ends_after_its_month_and_within_a_year(client, supervisor, until):
    employer = EmployerFactory()
    response = client.post(
        reverse("review:subsidies_latefilingexception_add"),
        {"employer": employer.pk, "month": "2027-10-01", "until": until, "reason": "系统故障"},
    )
    assert "2027-10-31" in " ".join(response.context["adminform"].form.errors["until"])
    assert not LateFilingException.objects.exists()


@pytest.mark.parametrize(("paid_on", "fragment"), [("0001-01-01", "2000"), ("2099-01-01", "未来")])
def test_a_batch_is_marked_paid_on_a_day_that_has_been(client, paid_on, fragment):
    batch = SubsidyBatch.objects.create(employer=EmployerFactory(), month=D(2026, 10, 1), status="approved")
    client.force_login(ReviewerFactory())
    response = client.post(
        reverse("review:subsidies_subsidybatch_changelist") + "?status=approved",
        {"action": "mark_paid", "_selected_action": [batch.pk], "paid_on": paid_on},
    )
    assert fragment in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == "approved" and batch.paid_on is None


def test_a_window_that_closes_months_after_its_month_is_refused(client, supervisor):
    response = client.post(
        reverse("review:subsidies_windowoverride_add"),
        {"month": "2027-09-01", "opens": "2027-09-30", "closes": "9999-12-31", "note": ""},
    )
    assert "两个月内" in " ".join(response.context["adminform"].form.errors["closes"])
    assert not WindowOverride.objects.exists()


@pytest.mark.parametrize("day", ["1999-10-01", "9999-10-01"])
def test_a_holiday_outside_2000_to_2099_is_refused(client, supervisor, day):
    from subsidies.models import HolidayDay

    before = HolidayDay.objects.count()
    response = client.post(
        reverse("review:subsidies_holidayday_add"), {"day": day, "kind": "rest", "name": "国庆节"}
    )
    assert "2000" in " ".join(response.context["adminform"].form.errors["day"])
    assert HolidayDay.objects.count() == before


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "2027-13"])
def test_exports_of_a_month_no_one_means_are_refused(client, month):
    from reviews.models import AccessLog

    client.force_login(ReviewerFactory())
    for name in ["review:internships_traineeship_roster", "review:subsidies_subsidybatch_payment"]:
        response = client.get(reverse(name), {"month": month}, follow=True)
        assert "请选择月份" in response.content.decode()
    assert not AccessLog.objects.exists()


def test_marking_paid_a_selection_without_an_approved_batch_says_so(client):
    batch = SubsidyBatch.objects.create(employer=EmployerFactory(), month=D(2026, 10, 1), status="submitted")
    client.force_login(ReviewerFactory())
    response = client.post(
        reverse("review:subsidies_subsidybatch_changelist"),
        {"action": "mark_paid", "_selected_action": [batch.pk], "paid_on": "2026-11-01"},
        follow=True,
    )
    assert "所选批次均未审核通过" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == "submitted"
