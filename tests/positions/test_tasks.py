import datetime

import pytest
import time_machine

from positions.models import Position
from positions.tasks import close_expired_positions
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db


def test_the_task_closes_what_expired_by_the_local_date():
    position = PositionFactory(published=True, valid_until=datetime.date(2027, 3, 9))
    # 2027-03-09 16:30 UTC is already 03-10 00:30 in Xiamen: the position has expired.
    with time_machine.travel(datetime.datetime(2027, 3, 9, 16, 30, tzinfo=datetime.UTC), tick=False):
        assert close_expired_positions.delay().get() == 1
        assert close_expired_positions.delay().get() == 0
    position.refresh_from_db()
    assert position.status == Position.Status.CLOSED


def test_the_task_leaves_a_position_valid_today():
    position = PositionFactory(published=True, valid_until=datetime.date(2027, 3, 9))
    with time_machine.travel(datetime.datetime(2027, 3, 9, 15, 59, tzinfo=datetime.UTC), tick=False):
        assert close_expired_positions.delay().get() == 0
    position.refresh_from_db()
    assert position.status == Position.Status.PUBLISHED
