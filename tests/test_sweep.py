import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from internships.models import Traineeship
from jiexi.tasks import daily_sweep
from positions.models import Position
from tests.internships.factories import TraineeshipFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def day_of_work():
    return {
        "starting": TraineeshipFactory(approved=True, start=D(2027, 3, 10), end=D(2027, 6, 30)),
        "ending": TraineeshipFactory(active=True, start=D(2027, 1, 1), end=D(2027, 3, 9)),
        "terminating": TraineeshipFactory(
            active=True, start=D(2027, 1, 1), end=D(2027, 6, 30), terminated_on=D(2027, 3, 9)
        ),
        "expired": PositionFactory(published=True, valid_until=D(2027, 3, 9)),
    }


def statuses(rows):
    for row in rows.values():
        row.refresh_from_db()
    return {name: row.status for name, row in rows.items()}


def test_the_command_settles_the_day_once_however_often_it_runs():
    rows = day_of_work()
    for _ in range(2):
        call_command("run_daily_jobs", date="2027-03-10", future=True, stdout=io.StringIO())
    assert statuses(rows) == {
        "starting": Traineeship.Status.ACTIVE,
        "ending": Traineeship.Status.COMPLETED,
        "terminating": Traineeship.Status.TERMINATED,
        "expired": Position.Status.CLOSED,
    }
    assert all(row.history().count() == 1 for row in rows.values())


def test_the_task_uses_the_local_date():
    rows = day_of_work()
    # 16:10 UTC on 03-09 is 00:10 on 03-10 in Xiamen: the sweep's run time.
    with time_machine.travel(datetime.datetime(2027, 3, 9, 16, 10, tzinfo=datetime.UTC), tick=False):
        daily_sweep.delay().get()
    assert statuses(rows)["starting"] == Traineeship.Status.ACTIVE


def test_the_day_before_nothing_moves():
    rows = day_of_work()
    call_command("run_daily_jobs", date="2027-03-09", future=True, stdout=io.StringIO())
    assert statuses(rows) == {
        "starting": Traineeship.Status.APPROVED,
        "ending": Traineeship.Status.ACTIVE,
        "terminating": Traineeship.Status.ACTIVE,
        "expired": Position.Status.PUBLISHED,
    }


@pytest.mark.parametrize("date", ["2027-02-30", "9999-12-31", "0001-01-01", "2027-W01-1", "20270301"])
def test_a_bad_date_is_refused_before_anything_moves(date):
    rows = day_of_work()
    with pytest.raises(CommandError):
        call_command("run_daily_jobs", date=date, future=True)
    assert statuses(rows)["starting"] == Traineeship.Status.APPROVED


def test_a_date_after_tomorrow_needs_future():
    rows = day_of_work()
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(CommandError, match="--future"):
            call_command("run_daily_jobs", date="2027-03-10")
        assert statuses(rows)["starting"] == Traineeship.Status.APPROVED
        call_command(
            "run_daily_jobs", date="2027-03-02", stdout=io.StringIO()
        )  # tomorrow: a late night's run


def test_beat_runs_the_sweep_at_ten_past_midnight_beijing_time(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["daily-sweep"]
    assert entry["task"] == "jiexi.tasks.daily_sweep"
    assert entry["schedule"].hour == {0} and entry["schedule"].minute == {10}
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"
