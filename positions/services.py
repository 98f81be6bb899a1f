"""Every change to positions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from employers.services import require_verified

from .models import HOLDING_STATUSES, Position


def _require_valid_until(position: Position, today: datetime.date) -> None:
    if position.valid_until < today:
        raise ValidationError(_("The valid-until date has passed; set a later date first."))


@transaction.atomic
def save_position(*, position: Position, by, today: datetime.date) -> Position:
    """Create or edit a position. Editing a published one sends it back for review."""
    if position.pk is None:
        position.save()
        position.record_creation(by=by, note=gettext_noop("Draft created"))
        return position
    current = Position.objects.select_for_update().get(pk=position.pk)
    if current.employer_id != position.employer_id or not current.is_editable:
        raise ValidationError(_("This position cannot be edited now."))
    held = current.traineeships.filter(status__in=HOLDING_STATUSES).count()
    if position.openings < held:
        raise ValidationError(
            _("%(held)d traineeships already hold openings of this position; it needs at least that many.")
            % {"held": held}
        )
    position.status, position.status_changed_at = current.status, current.status_changed_at
    position.save()
    if current.status == Position.Status.PUBLISHED:
        require_verified(position.employer)
        _require_valid_until(position, today)
        position.transition_to(
            Position.Status.SUBMITTED, by=by, note=gettext_noop("Edited after publication")
        )
    elif current.status == Position.Status.CLOSED:
        position.transition_to(Position.Status.DRAFT, by=by, note=gettext_noop("Edited after closing"))
    return position


def submit_position(*, position: Position, by, today: datetime.date) -> None:
    require_verified(position.employer)
    _require_valid_until(position, today)
    position.transition_to(
        Position.Status.SUBMITTED, by=by, from_states=(Position.Status.DRAFT, Position.Status.RETURNED)
    )


def withdraw_position(*, position: Position, by) -> None:
    """The employer takes a submitted position back to draft before the review."""
    if position.status != Position.Status.SUBMITTED:
        raise ValidationError(_("Only a position awaiting review can be withdrawn."))
    position.transition_to(Position.Status.DRAFT, by=by, note=gettext_noop("Withdrawn by the employer"))


def approve_position(*, position: Position, by, today: datetime.date, note: str = "") -> None:
    require_verified(position.employer)
    _require_valid_until(position, today)
    position.transition_to(
        Position.Status.PUBLISHED, by=by, note=note, from_states=(Position.Status.SUBMITTED,)
    )


def return_position(*, position: Position, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    position.transition_to(
        Position.Status.RETURNED, by=by, note=reason.strip(), from_states=(Position.Status.SUBMITTED,)
    )


def close_position(*, position: Position, by, note: str = "") -> None:
    position.transition_to(
        Position.Status.CLOSED,
        by=by,
        note=note or gettext_noop("Closed by the employer"),
        from_states=(Position.Status.PUBLISHED,),
    )


def reopen_position(*, position: Position, by, today: datetime.date) -> None:
    """Publish a closed position again, unchanged; an edited one goes through review."""
    require_verified(position.employer)
    _require_valid_until(position, today)
    position.transition_to(
        Position.Status.PUBLISHED,
        by=by,
        note=gettext_noop("Reopened by the employer"),
        from_states=(Position.Status.CLOSED,),
    )


def close_expired_positions(*, today: datetime.date) -> int:
    """Close every published position past its valid-until date; safe to run twice."""
    closed = 0
    for position in Position.objects.expired(today).only("pk", "status", "valid_until").iterator():
        with transaction.atomic():
            locked = (
                Position.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=position.pk, status=Position.Status.PUBLISHED)
                .first()
            )
            if locked is None:
                continue
            locked.transition_to(
                Position.Status.CLOSED,
                note=gettext_noop("Closed automatically: the valid-until date has passed"),
            )
            closed += 1
    return closed
