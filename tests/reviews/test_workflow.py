import threading

import pytest
from django.db import connection

from positions.models import Position
from reviews.models import StatusChange, WorkflowError
from tests.employers.factories import ReviewerFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db


def test_transition_records_who_when_from_to_and_note():
    reviewer = ReviewerFactory()
    position = PositionFactory(submitted=True)

    change = position.transition_to(Position.Status.RETURNED, by=reviewer, note="缺少联系人")

    assert (change.from_status, change.to_status, change.by, change.note) == (
        "submitted",
        "returned",
        reviewer,
        "缺少联系人",
    )
    assert change.target == position
    assert position.status_changed_at == change.at


def test_a_move_off_the_map_is_refused_and_changes_nothing():
    position = PositionFactory()  # draft
    with pytest.raises(WorkflowError):
        position.transition_to(Position.Status.PUBLISHED)
    position.refresh_from_db()
    assert position.status == Position.Status.DRAFT
    assert not StatusChange.objects.exists()


def test_a_stale_copy_cannot_move_the_row_again():
    position = PositionFactory(submitted=True)
    stale = Position.objects.get(pk=position.pk)
    position.transition_to(Position.Status.PUBLISHED)

    with pytest.raises(WorkflowError):
        stale.transition_to(Position.Status.RETURNED, note="late")

    position.refresh_from_db()
    assert position.status == Position.Status.PUBLISHED
    assert StatusChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
def test_two_reviewers_approving_at_once_make_one_move():
    position = PositionFactory(submitted=True)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve():
        try:
            copy = Position.objects.get(pk=position.pk)
            barrier.wait()
            copy.transition_to(Position.Status.PUBLISHED)
            outcomes.append("moved")
        except WorkflowError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["moved", "refused"]
    assert StatusChange.objects.filter(object_id=position.pk, to_status="published").count() == 1
