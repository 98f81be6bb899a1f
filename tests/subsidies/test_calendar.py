import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reviews.roles import AUDITOR, REVIEWER, SUPERVISOR
from subsidies.calendar import filing_window, monthly_rate, unpublished_years
from subsidies.models import HolidayDay, LateFilingException, SubsidyRate, WindowOverride
from tests.employers.factories import EmployerFactory, ReviewerFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_calendar_is_prefilled_from_the_chinese_calendar_package():
    assert HolidayDay.objects.get(day=D(2026, 10, 1)).kind == HolidayDay.Kind.REST
    assert HolidayDay.objects.get(day=D(2026, 10, 10)).kind == HolidayDay.Kind.WORK
    assert HolidayDay.objects.get(day=D(2026, 10, 1)).name == "国庆节"


def test_the_spec_example_window_moves_past_national_day():
    assert filing_window(2026, 9) == (D(2026, 9, 30), D(2026, 10, 8))


def test_a_make_up_working_day_closes_the_window():
    HolidayDay.objects.create(day=D(2031, 5, 4), kind=HolidayDay.Kind.WORK)  # a Sunday
    HolidayDay.objects.create(day=D(2031, 5, 1), kind=HolidayDay.Kind.REST)
    assert filing_window(2031, 4) == (D(2031, 4, 30), D(2031, 5, 4))


def test_a_year_counts_as_entered_once_new_year_labour_day_and_national_day_are_rest_days():
    HolidayDay.objects.create(day=D(2031, 1, 1), kind=HolidayDay.Kind.REST, name="元旦")
    assert unpublished_years([2031]) == [2031]  # one day entered is not the year's calendar
    HolidayDay.objects.create(day=D(2031, 5, 1), kind=HolidayDay.Kind.REST, name="劳动节")
    HolidayDay.objects.create(day=D(2031, 10, 1), kind=HolidayDay.Kind.WORK, name="误录")
    assert unpublished_years([2031]) == [2031]
    HolidayDay.objects.filter(day=D(2031, 10, 1)).update(kind=HolidayDay.Kind.REST)
    assert unpublished_years([2031, 2032]) == [2032]


def test_the_dashboard_warns_of_a_year_entered_in_part(client):
    client.force_login(ReviewerFactory(role=SUPERVISOR))
    year = timezone.localdate().year + 1
    HolidayDay.objects.filter(day__year=year).delete()
    HolidayDay.objects.create(day=D(year, 1, 1), kind=HolidayDay.Kind.REST, name="元旦")
    page = client.get(reverse("review:index")).content.decode()
    assert f'id="calendar-gap-{year}"' in page and "尚未完整录入" in page


def test_a_make_up_working_day_on_a_weekday_is_refused(client):
    client.force_login(ReviewerFactory(role=SUPERVISOR))
    add = reverse("review:subsidies_holidayday_add")
    response = client.post(add, {"day": "2031-01-08", "kind": "work", "name": "调休"})  # a Wednesday
    assert "周六或周日" in " ".join(response.context["adminform"].form.errors["day"])
    assert not HolidayDay.objects.filter(day=D(2031, 1, 8)).exists()
    client.post(add, {"day": "2031-01-11", "kind": "work", "name": "调休"})  # a Saturday
    assert HolidayDay.objects.filter(day=D(2031, 1, 11), kind="work").exists()


def test_a_year_without_rows_counts_only_weekends():
    assert unpublished_years([2026, 2031]) == [2031]
    # 2031-01-04 is a Saturday: the December window closes on Monday the 6th.
    assert filing_window(2030, 12) == (D(2030, 12, 31), D(2031, 1, 6))


def test_an_override_replaces_the_default_and_an_exception_extends_one_employer():
    WindowOverride.objects.create(month=D(2026, 11, 15), opens=D(2026, 11, 28), closes=D(2026, 12, 7))
    employer = EmployerFactory()
    LateFilingException.objects.create(
        employer=employer, month=D(2026, 11, 1), until=D(2026, 12, 15), reason="系统故障"
    )
    assert filing_window(2026, 11) == (D(2026, 11, 28), D(2026, 12, 7))
    assert filing_window(2026, 11, employer=employer) == (D(2026, 11, 28), D(2026, 12, 15))
    assert filing_window(2026, 11, employer=EmployerFactory()) == (D(2026, 11, 28), D(2026, 12, 7))


def test_the_rate_in_force_is_the_latest_started_one():
    assert monthly_rate(2027, 1) == Decimal("1980")
    SubsidyRate.objects.create(effective_from=D(2027, 7, 20), monthly_amount=Decimal("2100"))
    assert monthly_rate(2027, 6) == Decimal("1980")
    assert monthly_rate(2027, 7) == Decimal("2100")
    assert SubsidyRate.objects.get(monthly_amount=Decimal("2100")).effective_from == D(2027, 7, 1)


@pytest.mark.parametrize(
    "role, says", [(SUPERVISOR, "请在“节假日安排”中录入"), (REVIEWER, "由主管录入"), (AUDITOR, "由主管录入")]
)
def test_the_dashboard_warns_about_a_missing_calendar_year(client, role, says):
    reviewer = ReviewerFactory(role=role)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(reviewer)
        html = client.get(reverse("review:index")).content.decode()
    assert 'id="calendar-gap-2027"' in html and 'id="calendar-gap-2026"' not in html
    assert says in html


def test_only_supervisors_edit_the_calendar_and_rates(client):
    client.force_login(ReviewerFactory(role=REVIEWER))
    assert client.get(reverse("review:subsidies_holidayday_add")).status_code == 403
    assert client.get(reverse("review:subsidies_subsidyrate_changelist")).status_code == 200
    client.force_login(ReviewerFactory(role=SUPERVISOR))
    client.post(
        reverse("review:subsidies_subsidyrate_add"),
        {"effective_from": "2027-07-01", "monthly_amount": "2100"},
    )
    assert SubsidyRate.objects.filter(monthly_amount=Decimal("2100")).exists()
