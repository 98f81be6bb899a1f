import datetime

import pytest
import time_machine
from django.urls import reverse

from positions.models import Position
from reviews.dashboard import working_days_before
from tests.employers.factories import ReviewerFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CST = datetime.timezone(datetime.timedelta(hours=8))


def test_working_days_skip_weekends():
    def weekend(day):
        return day.weekday() >= 5

    assert working_days_before(D(2027, 3, 10), 3, weekend) == D(2027, 3, 5)  # Wed -> previous Fri


def test_the_dashboard_counts_waiting_and_late_items_per_queue(client):
    reviewer = ReviewerFactory()
    with time_machine.travel(datetime.datetime(2027, 3, 2, 10, tzinfo=CST), tick=False):
        late = PositionFactory()
        late.transition_to(Position.Status.SUBMITTED)
    with time_machine.travel(datetime.datetime(2027, 3, 9, 10, tzinfo=CST), tick=False):
        fresh = PositionFactory()
        fresh.transition_to(Position.Status.SUBMITTED)
    with time_machine.travel(datetime.datetime(2027, 3, 10, 10, tzinfo=CST), tick=False):
        client.force_login(reviewer)
        response = client.get(reverse("review:index"))
    rows = {q["model_name"]: q for q in response.context["queues"]}
    assert (rows["position"]["waiting"], rows["position"]["late"]) == (2, 1)
    assert {"employer", "person", "traineeship", "extension", "subsidybatch"} <= set(rows)


@pytest.mark.parametrize("size", [2, 20])
def test_the_dashboard_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    for position in PositionFactory.create_batch(size):
        position.transition_to(Position.Status.SUBMITTED)
    client.force_login(ReviewerFactory())
    # The first view in ten minutes also works out the chart's figures (7 grouped queries).
    with django_assert_max_num_queries(36):
        assert client.get(reverse("review:index")).status_code == 200
    with django_assert_max_num_queries(29):
        assert client.get(reverse("review:index")).status_code == 200


def test_the_dashboard_charts_the_traineeships_active_each_month(client):
    from tests.internships.factories import TraineeshipFactory

    TraineeshipFactory(active=True, start=D(2027, 2, 1), end=D(2027, 4, 30))
    TraineeshipFactory(active=True, start=D(2027, 3, 15), end=D(2027, 9, 14))
    with time_machine.travel(datetime.datetime(2027, 3, 10, 10, tzinfo=CST), tick=False):
        client.force_login(ReviewerFactory())
        page = client.get(reverse("review:index")).content.decode()
    chart = page[page.index('id="dashboard-chart"') :]
    assert "2027" in chart[:200]
    assert ">1: 0<" in chart and ">2: 1<" in chart and ">3: 2<" in chart and ">5: 1<" in chart
    assert ">10: 0<" in chart
    assert 'href="/review/statistics/"' in chart
