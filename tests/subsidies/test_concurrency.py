"""Two tabs creating the same month's batch at once end in one batch (PostgreSQL)."""

import datetime

import pytest
from django.db import connection

from subsidies import services
from subsidies.models import BatchLine, SubsidyBatch
from tests.internships.factories import TraineeshipFactory
from tests.internships.test_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions"),
]
D = datetime.date


def test_two_creations_of_one_months_batch_end_in_one():
    t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))

    def create():
        services.create_batch(employer=t.employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1))

    assert race(create, create) == ["done", "refused"]
    assert SubsidyBatch.objects.count() == 1 and BatchLine.objects.count() == 1
