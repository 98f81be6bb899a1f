import datetime

import pytest
from django.core.exceptions import ValidationError

from employers.models import Employer
from positions import services
from positions.models import Position
from tests.employers.factories import EmployerFactory, ReviewerFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 3, 10)


def test_a_pending_employer_can_draft_but_not_submit():
    position = PositionFactory(employer=EmployerFactory(pending=True), valid_until=TODAY)

    with pytest.raises(ValidationError, match="尚未"):
        services.submit_position(position=position, by=None, today=TODAY)

    position.refresh_from_db()
    assert position.status == Position.Status.DRAFT


def test_submit_refuses_a_past_valid_until():
    position = PositionFactory(valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="有效期"):
        services.submit_position(position=position, by=None, today=TODAY)


def test_submit_approve_publishes_with_history():
    position = PositionFactory(valid_until=TODAY)
    reviewer = ReviewerFactory()

    services.submit_position(position=position, by=None, today=TODAY)
    services.approve_position(position=position, by=reviewer, today=TODAY)

    position.refresh_from_db()
    assert position.status == Position.Status.PUBLISHED
    assert [(c.from_status, c.to_status) for c in position.history()] == [
        ("draft", "submitted"),
        ("submitted", "published"),
    ]


def test_return_needs_a_reason_and_shows_it():
    position = PositionFactory(submitted=True)
    with pytest.raises(ValidationError):
        services.return_position(position=position, by=ReviewerFactory(), reason="  ")

    services.return_position(position=position, by=ReviewerFactory(), reason="岗位职责过于简单")

    position = Position.objects.with_return_note().get(pk=position.pk)
    assert position.status == Position.Status.RETURNED
    assert position.return_note == "岗位职责过于简单"


def test_editing_a_published_position_sends_it_back_for_review():
    position = PositionFactory(published=True, valid_until=TODAY + datetime.timedelta(days=30))
    position.title = "会计助理"

    services.save_position(position=position, by=None, today=TODAY)

    position.refresh_from_db()
    assert position.status == Position.Status.SUBMITTED
    assert position.title == "会计助理"
    assert position.history().last().note


def test_closing_and_reopening_a_position():
    position = PositionFactory(published=True, valid_until=TODAY)
    services.close_position(position=position, by=None)
    assert position.status == Position.Status.CLOSED

    services.reopen_position(position=position, by=None, today=TODAY)
    assert position.status == Position.Status.PUBLISHED


def test_reopen_refuses_when_valid_until_has_passed():
    position = PositionFactory(closed=True, valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.reopen_position(position=position, by=None, today=TODAY)
    position.refresh_from_db()
    assert position.status == Position.Status.CLOSED


def test_a_submitted_position_cannot_be_closed():
    position = PositionFactory(submitted=True)
    with pytest.raises(ValidationError):
        services.close_position(position=position, by=None)


def test_expired_positions_close_once_however_often_the_sweep_runs():
    expired = PositionFactory(published=True, valid_until=TODAY - datetime.timedelta(days=1))
    current = PositionFactory(published=True, valid_until=TODAY)

    assert services.close_expired_positions(today=TODAY) == 1
    assert services.close_expired_positions(today=TODAY) == 0

    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.status == Position.Status.CLOSED
    assert current.status == Position.Status.PUBLISHED
    assert expired.history().filter(to_status="closed").count() == 1


def test_the_published_queryset_hides_positions_past_valid_until():
    PositionFactory(published=True, valid_until=TODAY - datetime.timedelta(days=1))
    shown = PositionFactory(published=True, valid_until=TODAY)
    assert list(Position.objects.published(TODAY)) == [shown]


def test_public_sector_flag():
    assert EmployerFactory.build(kind=Employer.Kind.AGENCY).is_public_sector
    assert EmployerFactory.build(kind=Employer.Kind.INSTITUTION).is_public_sector
    assert not EmployerFactory.build(kind=Employer.Kind.ENTERPRISE).is_public_sector


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "published"])
def test_reopen_only_republishes_a_closed_position(status):
    position = PositionFactory(status=status, valid_until=TODAY)
    with pytest.raises(ValidationError):
        services.reopen_position(position=position, by=None, today=TODAY)
    position.refresh_from_db()
    assert position.status == status


@pytest.mark.parametrize("status", ["draft", "returned", "published", "closed"])
def test_approve_and_return_only_decide_a_submitted_position(status):
    position = PositionFactory(status=status, valid_until=TODAY)
    with pytest.raises(ValidationError):
        services.approve_position(position=position, by=None, today=TODAY)
    with pytest.raises(ValidationError):
        services.return_position(position=position, by=None, reason="x")
    position.refresh_from_db()
    assert position.status == status


def test_submit_refuses_a_published_position():
    position = PositionFactory(published=True, valid_until=TODAY)
    with pytest.raises(ValidationError):
        services.submit_position(position=position, by=None, today=TODAY)


def test_approve_refuses_a_position_past_valid_until():
    position = PositionFactory(submitted=True, valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.approve_position(position=position, by=None, today=TODAY)
