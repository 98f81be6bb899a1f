"""Two clerks or two reviewers acting at the same moment end in one effect (PostgreSQL)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from internships import services
from internships.models import Traineeship
from tests.internships.factories import TraineeshipFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions"),
]
D = datetime.date


def race(*actions) -> list[str]:
    """Run the actions in parallel threads, released together; report each outcome."""
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_filings_for_the_same_graduate_end_in_one():
    person = PersonFactory(approved=True, certificate_date=D(2026, 7, 1))
    first = TraineeshipFactory(person=person, position__valid_until=D(2027, 12, 31))
    second = TraineeshipFactory(person=person, position__valid_until=D(2027, 12, 31))

    outcomes = race(
        lambda: services.submit_traineeship(traineeship=first, by=None, today=D(2027, 2, 20)),
        lambda: services.submit_traineeship(traineeship=second, by=None, today=D(2027, 2, 20)),
    )

    assert outcomes == ["done", "refused"]
    assert Traineeship.objects.filter(person=person, status="submitted").count() == 1


def test_two_filings_for_the_last_opening_end_in_one():
    position = PositionFactory(published=True, openings=1, valid_until=D(2027, 12, 31))
    drafts = [
        TraineeshipFactory(
            position=position, employer=position.employer, person__certificate_date=D(2026, 7, 1)
        )
        for _ in range(2)
    ]

    outcomes = race(
        *(
            lambda t=t: services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 20))
            for t in drafts
        )
    )

    assert outcomes == ["done", "refused"]
    assert Traineeship.objects.filter(position=position, status="submitted").count() == 1


def test_two_approvals_make_one_move():
    t = TraineeshipFactory(submitted=True)

    outcomes = race(
        lambda: services.approve_traineeship(
            traineeship=Traineeship.objects.get(pk=t.pk), by=None, today=D(2027, 2, 25)
        ),
        lambda: services.approve_traineeship(
            traineeship=Traineeship.objects.get(pk=t.pk), by=None, today=D(2027, 2, 25)
        ),
    )

    assert outcomes == ["done", "refused"]
    assert t.history().filter(to_status="approved").count() == 1


def test_two_sweeps_at_once_move_each_traineeship_once():
    for _ in range(3):
        TraineeshipFactory(approved=True, start=D(2027, 3, 1))

    race(
        lambda: services.activate_due(today=D(2027, 3, 1)), lambda: services.activate_due(today=D(2027, 3, 1))
    )

    assert Traineeship.objects.filter(status="active").count() == 3
    from reviews.models import StatusChange

    assert StatusChange.objects.filter(to_status="active").count() == 3
