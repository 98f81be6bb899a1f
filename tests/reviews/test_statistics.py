import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from internships import services as internships
from subsidies import services as subsidies
from tests.employers.factories import EmployerFactory, ReviewerFactory, png_bytes
from tests.internships.factories import TraineeshipFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CST = datetime.timezone(datetime.timedelta(hours=8))


def test_figures_by_month_and_district(client):
    huli = EmployerFactory(district="huli")
    with time_machine.travel(datetime.datetime(2027, 3, 1, 1, tzinfo=CST), tick=False):
        starting = TraineeshipFactory(employer=huli, approved=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        internships.activate_due(today=D(2027, 3, 1))
    with time_machine.travel(datetime.datetime(2027, 6, 1, 1, tzinfo=CST), tick=False):
        internships.complete_due(today=D(2027, 6, 1))
        starting.refresh_from_db()
        internships.record_retention(traineeship=starting, by=None, kept_on=True)
    TraineeshipFactory(
        employer=EmployerFactory(district="jimei"), active=True, start=D(2027, 4, 1), end=D(2027, 9, 30)
    )
    batch = subsidies.create_batch(employer=huli, by=None, month=D(2027, 4, 1), today=D(2027, 5, 1))
    batch.signed_sheet = ContentFile(png_bytes(), "s.png")
    batch.save()
    subsidies.submit_batch(batch=batch, by=None, today=D(2027, 5, 1))
    batch.refresh_from_db()
    subsidies.approve_batch(batch=batch, by=None)
    batch.refresh_from_db()
    subsidies.mark_paid(batches=[batch], by=None, paid_on=D(2027, 5, 10))

    client.force_login(ReviewerFactory())
    everywhere = {
        row["month"]: row for row in client.get(reverse("review:statistics"), {"year": 2027}).context["rows"]
    }
    assert everywhere[3]["started"] == 1 and everywhere[4]["active"] == 2 and everywhere[6]["completed"] == 1
    assert everywhere[5]["recorded"] == everywhere[5]["kept_on"] == 1 and everywhere[5]["retention"] == 100
    assert everywhere[4]["paid"] == Decimal("1980.00")
    jimei = {
        row["month"]: row
        for row in client.get(reverse("review:statistics"), {"year": 2027, "district": "jimei"}).context[
            "rows"
        ]
    }
    assert jimei[4]["active"] == 1 and jimei[3]["started"] == 0

    page = client.get(reverse("review:statistics"), {"year": 2027})
    assert page.context["total"]["started"] == 1 and page.context["total"]["active"] is None
    assert "留用率" in page.content.decode() and "<tfoot>" in page.content.decode()

    download = client.get(reverse("review:statistics"), {"year": 2027, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(download.content)).active
    header = [cell.value for cell in sheet[2]]
    by_label = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    april, may, year = by_label["2027-04"], by_label["2027-05"], by_label["全年"]
    assert april[header.index("在岗见习人数")].value == 2
    retention = may[header.index("留用率")]
    assert (retention.value, retention.number_format, retention.data_type) == (1, "0%", "n")
    assert year[header.index("开始见习人数")].value == 1 and year[header.index("在岗见习人数")].value is None
    assert year[header.index("已发放补贴（元）")].value == 1980
    assert sheet.column_dimensions["B"].width >= 12


def test_statistics_are_for_reviewers_only(client):
    assert client.get(reverse("review:statistics")).status_code == 302


@pytest.mark.parametrize("year", ["²", "٢٠٢٧", "99999", "-1", "abc"])
def test_a_year_that_is_not_one_shows_this_year(client, year):
    from django.utils import timezone

    from tests.employers.factories import ReviewerFactory

    client.force_login(ReviewerFactory())
    response = client.get(reverse("review:statistics"), {"year": year})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year
