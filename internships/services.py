"""Every change to traineeships, extensions and terminations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from employers.models import Employer
from employers.services import require_verified
from jiexi import rules
from positions.models import Position
from trainees.eligibility import earlier_periods, explain
from trainees.models import Person

from .models import Extension, Traineeship


def _d(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


def openings_left(position: Position, *, exclude: Traineeship | None = None) -> int:
    holding = Traineeship.objects.filter(position=position).holding_an_opening()
    if exclude is not None and exclude.pk:
        holding = holding.exclude(pk=exclude.pk)
    return position.openings - holding.count()


@transaction.atomic
def create_drafts(
    *,
    employer: Employer,
    by,
    persons: list[Person],
    position: Position,
    start,
    end,
    mentor: str,
    work_content: str,
) -> list[Traineeship]:
    """One draft traineeship per selected graduate, all on the same position and dates."""
    drafts = []
    for person in persons:
        traineeship = Traineeship.objects.create(
            employer=employer,
            person=person,
            position=position,
            start=start,
            end=end,
            agreed_end=end,
            mentor=mentor,
            work_content=work_content,
            created_by=by,
        )
        traineeship.record_creation(by=by, note=gettext_noop("Draft created"))
        drafts.append(traineeship)
    return drafts


@transaction.atomic
def update_draft(*, traineeship: Traineeship, by) -> bool:
    """Save an edit of a draft; new dates void the signed scan. True when the scan was voided."""
    current = Traineeship.objects.select_for_update().get(pk=traineeship.pk)
    if not current.is_editable:
        raise ValidationError(_("This traineeship cannot be edited now."))
    fields = ["start", "end", "agreed_end", "mentor", "work_content"]
    traineeship.agreed_end = traineeship.end
    voided = bool(current.agreement) and (current.start, current.end) != (traineeship.start, traineeship.end)
    if voided:
        # The signed agreement shows the old dates; a new one must be signed.
        _discard_on_commit(current.agreement)
        traineeship.agreement = ""
        fields.append("agreement")
    traineeship.save(update_fields=fields)
    return voided


def _discard_on_commit(file) -> None:
    name, storage = file.name, file.storage
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def attach_agreement(*, traineeship: Traineeship, file, by) -> None:
    current = Traineeship.objects.select_for_update().get(pk=traineeship.pk)
    if not current.is_editable:
        raise ValidationError(
            _("The agreement scan cannot be changed while the traineeship is under review or approved.")
        )
    old = current.agreement.name
    current.agreement = file
    current.save(update_fields=["agreement"])
    if old:
        storage = current.agreement.storage
        transaction.on_commit(lambda: storage.delete(old))


def _overlapping(
    periods, start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The periods among `periods` that share a day with start..end."""
    return [(s, last) for s, last in periods if s <= end and start <= last]


def _length_problems(traineeship: Traineeship, position: Position) -> list[str]:
    """A traineeship runs at most the months its position offers (an extension aside)."""
    if traineeship.end < traineeship.start:
        return []
    latest = rules.period_end(traineeship.start, position.months_offered)
    if traineeship.end <= latest:
        return []
    return [
        _(
            "The position offers %(months)d months: starting on %(start)s, the traineeship ends on %(latest)s at the latest."
        )
        % {"months": position.months_offered, "start": _d(traineeship.start), "latest": _d(latest)}
    ]


def submission_problems(traineeship: Traineeship, *, today: datetime.date) -> list[str]:
    """Every reason the traineeship cannot be submitted today, in words a clerk reads."""
    problems = []
    person, position = traineeship.person, traineeship.position
    if person.status != Person.Status.APPROVED:
        problems.append(_("The graduate is not approved into the pool yet."))
    if position.status != Position.Status.PUBLISHED or position.valid_until < today:
        problems.append(_("The position is not published."))
    elif openings_left(position, exclude=traineeship) <= 0:
        problems.append(
            _("The position has no opening left (%(n)d openings, all taken).") % {"n": position.openings}
        )
    problems += _length_problems(traineeship, position)
    if not traineeship.agreement:
        problems.append(_("Upload the signed and stamped agreement scan first."))
    checks = explain(
        person,
        employer=traineeship.employer,
        filed_on=today,
        start=traineeship.start,
        end=traineeship.end,
        exclude_pk=traineeship.pk,
    )
    problems += [
        _("Not met: %(rule)s (%(detail)s)") % {"rule": check.title, "detail": check.detail}
        for check in checks
        if check.passed is False
    ]
    return problems


def submit_traineeship(*, traineeship: Traineeship, by, today: datetime.date) -> None:
    require_verified(traineeship.employer)
    with transaction.atomic():
        # Locking the graduate and the position serialises filings against the
        # graduate's periods (overlaps, the 12-month cap) and the position's openings.
        Person.objects.select_for_update().get(pk=traineeship.person_id)
        Position.objects.select_for_update().get(pk=traineeship.position_id)
        traineeship = Traineeship.objects.select_related("person", "position", "employer").get(
            pk=traineeship.pk
        )
        problems = submission_problems(traineeship, today=today)
        if problems:
            raise ValidationError(problems)
        traineeship.transition_to(Traineeship.Status.SUBMITTED, by=by, from_states=Traineeship.EDITABLE)
        Traineeship.objects.filter(pk=traineeship.pk).update(submitted_on=today)


def withdraw_traineeship(*, traineeship: Traineeship, by) -> None:
    traineeship.transition_to(
        Traineeship.Status.DRAFT,
        by=by,
        note=gettext_noop("Withdrawn by the employer"),
        from_states=(Traineeship.Status.SUBMITTED,),
    )


def approve_traineeship(*, traineeship: Traineeship, by, today: datetime.date) -> None:
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=traineeship.person_id)
        position = Position.objects.select_for_update().get(pk=traineeship.position_id)
        if position.status != Position.Status.PUBLISHED or position.valid_until < today:
            raise ValidationError(_("The position is not published."))
        if openings_left(position, exclude=traineeship) <= 0:
            raise ValidationError(_("The position has no opening left."))
        current = Traineeship.objects.get(pk=traineeship.pk)
        if problems := _length_problems(current, position):
            raise ValidationError(problems)
        if clash := _overlapping(earlier_periods(person, exclude_pk=current.pk), current.start, current.end):
            start, last = clash[0]
            raise ValidationError(
                _("The graduate's traineeship of %(start)s to %(end)s overlaps this one; return it.")
                % {"start": _d(start), "end": _d(last)}
            )
        traineeship.transition_to(
            Traineeship.Status.APPROVED, by=by, from_states=(Traineeship.Status.SUBMITTED,)
        )
        if traineeship.start <= today:
            traineeship.transition_to(Traineeship.Status.ACTIVE, note=gettext_noop("Started"))


def return_traineeship(*, traineeship: Traineeship, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    traineeship.transition_to(
        Traineeship.Status.RETURNED, by=by, note=reason.strip(), from_states=(Traineeship.Status.SUBMITTED,)
    )


def record_retention(*, traineeship: Traineeship, by, kept_on: bool) -> None:
    if traineeship.status not in (Traineeship.Status.COMPLETED, Traineeship.Status.TERMINATED):
        raise ValidationError(_("Retention is recorded once the traineeship has ended."))
    Traineeship.objects.filter(pk=traineeship.pk).update(kept_on=kept_on)
    traineeship.kept_on = kept_on


# --- Termination ---------------------------------------------------------------------


def terminate(*, traineeship: Traineeship, by, on: datetime.date, reason: str, today: datetime.date) -> None:
    """End a running traineeship by agreement; no review; the trainee's last day is `on`."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the termination."))
    with transaction.atomic():
        current = Traineeship.objects.select_for_update().get(pk=traineeship.pk)
        if not current.is_running:
            raise ValidationError(_("Only an approved or active traineeship can be terminated."))
        if not current.start <= on <= current.end:
            raise ValidationError(
                _("The termination date must be between %(start)s and %(end)s.")
                % {"start": _d(current.start), "end": _d(current.end)}
            )
        deadline = rules.termination_deadline(on)
        if today > deadline:
            raise ValidationError(
                _("A termination dated %(on)s had to be entered by %(deadline)s.")
                % {"on": _d(on), "deadline": _d(deadline)}
            )
        Traineeship.objects.filter(pk=current.pk).update(
            terminated_on=on, termination_reason=reason.strip()[:500], termination_entered_at=timezone.now()
        )
        for extension in current.extensions.filter(status__in=Extension.OPEN):
            extension.transition_to(
                Extension.Status.WITHDRAWN,
                by=by,
                note=gettext_noop("Withdrawn: the traineeship was terminated"),
            )
        current.record_note(
            by=by,
            note=gettext_noop("Terminated by agreement; last day %(on)s: %(reason)s"),
            params={"on": _d(on), "reason": reason.strip()},
        )
        if on < today:
            current.refresh_from_db()
            current.transition_to(Traineeship.Status.TERMINATED, by=by)
    traineeship.refresh_from_db()


# --- Extension -----------------------------------------------------------------------


def _extension_problems(extension: Extension, *, today: datetime.date) -> list[str]:
    traineeship = extension.traineeship
    problems = []
    if traineeship.status != Traineeship.Status.ACTIVE or traineeship.terminated_on is not None:
        problems.append(_("Only an active traineeship without a termination can be extended."))
    deadline = rules.extension_deadline(traineeship.end)
    if today > deadline:
        problems.append(
            _(
                "An extension had to be submitted by %(deadline)s, the day before the end date; file a new traineeship instead."
            )
            % {"deadline": _d(deadline)}
        )
    if extension.new_end <= traineeship.end:
        problems.append(
            _("The new end date must be after the current end date %(end)s.") % {"end": _d(traineeship.end)}
        )
    problems += _extended_period_problems(traineeship, extension.new_end)
    if not extension.agreement:
        problems.append(_("Upload the signed and stamped extension agreement scan first."))
    return problems


def _extended_period_problems(traineeship: Traineeship, new_end: datetime.date) -> list[str]:
    """The graduate's other traineeships against this one running to `new_end`: no overlap
    (one graduate, one traineeship at a time, one subsidy a month) and the 12-month cap."""
    others = earlier_periods(traineeship.person, exclude_pk=traineeship.pk)
    problems = []
    extended = (traineeship.start, new_end)
    for start, last in _overlapping(others, traineeship.start, new_end):
        problems.append(
            _(
                "The extended traineeship would overlap the graduate's other traineeship of %(start)s to %(end)s; end it before %(start)s."
            )
            % {"start": _d(start), "end": _d(last)}
        )
    total = rules.total_basis_days([*others, extended])
    if total > rules.MAX_TOTAL_BASIS_DAYS:
        problems.append(
            _(
                "With this extension the graduate would reach %(total)d days of traineeship; at most %(cap)d are allowed."
            )
            % {"total": total, "cap": rules.MAX_TOTAL_BASIS_DAYS}
        )
    return problems


def _require_extendable(traineeship: Traineeship, new_end: datetime.date) -> None:
    if traineeship.status != Traineeship.Status.ACTIVE or traineeship.terminated_on is not None:
        raise ValidationError(_("Only an active traineeship without a termination can be extended."))
    if new_end <= traineeship.end:
        raise ValidationError(
            _("The new end date must be after the current end date %(end)s.") % {"end": _d(traineeship.end)}
        )


@transaction.atomic
def save_extension(*, extension: Extension, by, today: datetime.date) -> Extension:
    """Create an extension draft or edit an open one (延期修改) before it is decided.

    A new end date voids the signed scan; a submitted extension goes back to draft, which
    is refused once the deadline has passed (it could never be submitted again)."""
    traineeship = Traineeship.objects.select_for_update().get(pk=extension.traineeship_id)
    _require_extendable(traineeship, extension.new_end)
    if extension.pk is None:
        extension.previous_end = traineeship.end
        try:
            with transaction.atomic():
                extension.save()
        except IntegrityError:
            raise ValidationError(
                _("This traineeship already has an extension in progress; edit that one.")
            ) from None
        extension.record_creation(by=by, note=gettext_noop("Draft created"))
        return extension
    current = Extension.objects.select_for_update().get(pk=extension.pk)
    if current.status not in Extension.OPEN:
        raise ValidationError(_("This extension is decided and cannot be changed."))
    if current.new_end == extension.new_end:
        return current
    if current.status == Extension.Status.SUBMITTED and today > rules.extension_deadline(traineeship.end):
        raise ValidationError(
            _("The deadline has passed: the extension under review can no longer be changed.")
        )
    current.new_end = extension.new_end
    fields = ["new_end"]
    if current.agreement:
        _discard_on_commit(current.agreement)
        current.agreement = ""
        fields.append("agreement")
    current.save(update_fields=fields)
    if current.status == Extension.Status.SUBMITTED:
        current.transition_to(Extension.Status.DRAFT, by=by, note=gettext_noop("Edited before the decision"))
    return current


@transaction.atomic
def attach_extension_agreement(*, extension: Extension, file, by) -> None:
    current = Extension.objects.select_for_update().select_related("traineeship").get(pk=extension.pk)
    if (
        current.traineeship.status != Traineeship.Status.ACTIVE
        or current.traineeship.terminated_on is not None
    ):
        raise ValidationError(_("Only an active traineeship without a termination can be extended."))
    if current.status not in Extension.EDITABLE:
        raise ValidationError(_("The scan cannot be changed while the extension is under review or decided."))
    old = current.agreement.name
    current.agreement = file
    current.save(update_fields=["agreement"])
    if old:
        storage = current.agreement.storage
        transaction.on_commit(lambda: storage.delete(old))


def submit_extension(*, extension: Extension, by, today: datetime.date) -> None:
    require_verified(extension.traineeship.employer)
    with transaction.atomic():
        # The graduate first, as for a new filing: periods are judged one filing at a time.
        Person.objects.select_for_update().get(pk=extension.traineeship.person_id)
        Traineeship.objects.select_for_update().get(pk=extension.traineeship_id)
        extension = Extension.objects.select_related("traineeship__person").get(pk=extension.pk)
        problems = _extension_problems(extension, today=today)
        if problems:
            raise ValidationError(problems)
        extension.transition_to(Extension.Status.SUBMITTED, by=by, from_states=Extension.EDITABLE)


def withdraw_extension(*, extension: Extension, by) -> None:
    extension.transition_to(Extension.Status.WITHDRAWN, by=by, from_states=Extension.EDITABLE)


def approve_extension(*, extension: Extension, by) -> None:
    """Move the traineeship's end date; the history keeps both ends."""
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=extension.traineeship.person_id)
        traineeship = (
            Traineeship.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=extension.traineeship_id)
        )
        if traineeship.status != Traineeship.Status.ACTIVE or traineeship.terminated_on is not None:
            raise ValidationError(_("The traineeship is no longer active; the extension cannot be approved."))
        extension = Extension.objects.get(pk=extension.pk)  # as stored now, not as the page had it
        problems = _extended_period_problems(traineeship, extension.new_end)
        if problems:
            raise ValidationError(problems)
        extension.transition_to(Extension.Status.APPROVED, by=by, from_states=(Extension.Status.SUBMITTED,))
        old_end = traineeship.end
        Traineeship.objects.filter(pk=traineeship.pk).update(end=extension.new_end)
        traineeship.record_note(
            by=by,
            note=gettext_noop("Extended: end date moved from %(old)s to %(new)s"),
            params={"old": _d(old_end), "new": _d(extension.new_end)},
        )


def return_extension(*, extension: Extension, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    extension.transition_to(
        Extension.Status.RETURNED, by=by, note=reason.strip(), from_states=(Extension.Status.SUBMITTED,)
    )


# --- The daily lifecycle -------------------------------------------------------------


def _move_each(queryset, new_status: str, note: str) -> int:
    """Move each due row in its own transaction; rows another worker holds are skipped."""
    moved = 0
    for pk in list(queryset.values_list("pk", flat=True)):
        with transaction.atomic():
            row = queryset.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk).first()
            if row is None:
                continue
            row.transition_to(new_status, note=note)
            moved += 1
    return moved


def activate_due(*, today: datetime.date) -> int:
    """Approved traineeships whose start date has come become active."""
    return _move_each(
        Traineeship.objects.due_to_start(today), Traineeship.Status.ACTIVE, gettext_noop("Started")
    )


def complete_due(*, today: datetime.date) -> int:
    """Active traineeships past their end date are completed."""
    return _move_each(
        Traineeship.objects.due_to_complete(today), Traineeship.Status.COMPLETED, gettext_noop("Completed")
    )


def apply_terminations(*, today: datetime.date) -> int:
    """Traineeships past their termination date are terminated."""
    return _move_each(
        Traineeship.objects.due_to_terminate(today),
        Traineeship.Status.TERMINATED,
        gettext_noop("Termination took effect"),
    )
