"""A create form sent twice (a double click, a resent POST, a second tab) makes its objects
once, and the second sending is shown what the first made."""

import datetime
import threading
import time
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from internships.models import Traineeship
from jiexi import once
from jiexi.sweep import run_daily_sweep
from positions.models import Position
from reviews.models import Submission
from tests.employers.factories import StaffFactory
from tests.positions.factories import PositionFactory
from tests.positions.test_views import position_data
from tests.trainees.factories import PersonFactory

D = datetime.date


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    return staff


@pytest.mark.django_db
class TestSentTwice:
    def test_the_new_position_form_carries_a_fresh_key_each_time(self, client, clerk):
        first = client.get(reverse("positions:create")).context["form"]["once"].value()
        second = client.get(reverse("positions:create")).context["form"]["once"].value()
        assert uuid.UUID(str(first)) and first != second

    def test_a_position_sent_twice_is_saved_once(self, client, clerk):
        data = position_data(once=str(uuid.uuid4()))
        first = client.post(reverse("positions:create"), data)
        second = client.post(reverse("positions:create"), data, follow=True)
        position = Position.objects.get()
        assert first["Location"] == reverse("positions:detail", args=[position.pk])
        assert second.redirect_chain[-1][0] == first["Location"]
        assert "只保存了一次" in second.content.decode()
        # A new form (a new key) saves a second position, as the clerk meant.
        client.post(reverse("positions:create"), position_data(once=str(uuid.uuid4())))
        assert Position.objects.count() == 2

    def test_new_traineeships_sent_twice_are_drafted_once(self, client, clerk):
        position = PositionFactory(employer=clerk.employer, published=True, valid_until=D(2099, 12, 31))
        people = [PersonFactory(registered_by=clerk.employer, approved=True) for _ in range(2)]
        data = {
            "persons": [p.pk for p in people],
            "position": position.pk,
            "start": "2099-03-01",
            "end": "2099-08-31",
            "mentor": "王老师",
            "work_content": "协助完成日常工作。",
            "once": str(uuid.uuid4()),
        }
        first = client.post(reverse("internships:create"), data)
        second = client.post(reverse("internships:create"), data)
        assert first.status_code == second.status_code == 302
        assert second["Location"] == first["Location"]
        assert Traineeship.objects.filter(employer=clerk.employer).count() == 2

    def test_a_refused_creation_leaves_the_key_free_for_the_corrected_form(self):
        key = uuid.uuid4()

        def fail():
            raise ValueError("bad input")

        with pytest.raises(ValueError):
            once.run_once(key, fail)
        assert once.run_once(key, lambda: "/made/") == ("/made/", True)

    def test_the_sweep_forgets_keys_after_two_days(self):
        import time_machine

        with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
            once.run_once(uuid.uuid4(), lambda: "/old/")
        with time_machine.travel(datetime.datetime(2027, 3, 4, 10, tzinfo=datetime.UTC), tick=False):
            once.run_once(uuid.uuid4(), lambda: "/new/")
            assert run_daily_sweep(today=D(2027, 3, 4))["form_keys_forgotten"] == 1
        assert list(Submission.objects.values_list("result", flat=True)) == ["/new/"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
def test_two_sendings_at_the_same_moment_make_one_position():
    staff = StaffFactory()
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    results = []

    def create():
        position = PositionFactory(employer=staff.employer)
        time.sleep(0.3)  # the twin arrives while this one is still open
        return f"/positions/{position.pk}/"

    def send():
        try:
            barrier.wait()
            results.append(once.run_once(key, create))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Position.objects.filter(employer=staff.employer).count() == 1
    assert sorted(first for _address, first in results) == [False, True]
    assert results[0][0] == results[1][0]
