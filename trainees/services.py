"""Every change to graduates, their materials, pool access and social-insurance records."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from employers.models import Employer
from employers.services import require_verified

from .models import InsuranceRecord, Material, Person, PersonAccess, PoolLookup

ALREADY_REGISTERED = gettext_lazy(
    "This ID number is already registered; find the person in the pool by ID number and name."
)
MAX_MISSED_LOOKUPS_PER_DAY = 30


@transaction.atomic
def create_person(*, person: Person, by) -> Person:
    """Save a new graduate as a draft of the employer that registers them."""
    if Person.objects.registered(person.id_number, employer=person.registered_by).exists():
        raise ValidationError(ALREADY_REGISTERED)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise ValidationError(ALREADY_REGISTERED) from None
    person.record_creation(by=by, note=gettext_noop("Draft created"))
    return person


@transaction.atomic
def update_person(*, person: Person, by) -> Person:
    """Save an edit of a draft or returned application."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    if not current.is_editable:
        raise ValidationError(_("This application cannot be edited now."))
    person.status, person.status_changed_at = current.status, current.status_changed_at
    person.save()
    return person


@transaction.atomic
def upload_material(*, person: Person, kind: str, file, by) -> Material:
    """Attach a scan of one kind, replacing an earlier one of the same kind."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_editable:
        raise ValidationError(
            _("Materials cannot be changed while the application is under review or approved.")
        )
    material = Material.objects.filter(person=person, kind=kind).first() or Material(person=person, kind=kind)
    old_file = material.file.name if material.pk else None
    material.file, material.uploaded_by = file, by
    material.save()
    if old_file:
        storage = material.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return material


def submit_person(*, person: Person, by) -> None:
    require_verified(person.registered_by)
    try:
        with transaction.atomic():
            current = Person.objects.select_for_update().get(pk=person.pk)
            missing = current.missing_materials
            if missing:
                names = "、".join(str(kind.label) for kind in missing)
                raise ValidationError(
                    _("Upload these materials before submitting: %(names)s.") % {"names": names}
                )
            person.transition_to(Person.Status.SUBMITTED, by=by, from_states=Person.EDITABLE)
    except IntegrityError:
        raise ValidationError(
            _("Another employer has already registered this graduate; once approved, find them in the pool.")
        ) from None


def withdraw_person(*, person: Person, by) -> None:
    if person.status != Person.Status.SUBMITTED:
        raise ValidationError(_("Only an application awaiting review can be withdrawn."))
    person.transition_to(Person.Status.DRAFT, by=by, note=gettext_noop("Withdrawn by the employer"))


def approve_person(*, person: Person, by, note: str = "") -> None:
    person.transition_to(Person.Status.APPROVED, by=by, note=note)


def return_person(*, person: Person, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    person.transition_to(
        Person.Status.RETURNED, by=by, note=reason.strip(), from_states=(Person.Status.SUBMITTED,)
    )


def find_in_pool(*, employer: Employer, by, id_number: str, name: str, today) -> Person | None:
    """A pooled person matching both the ID number and the name exactly, now usable by `employer`.

    Only verified employers look, and only so often a day: the pool is not for browsing."""
    require_verified(employer)
    misses = PoolLookup.objects.filter(employer=employer, on=today, found=False).count()
    if misses >= MAX_MISSED_LOOKUPS_PER_DAY:
        raise ValidationError(
            _("Too many look-ups found nobody today; try again tomorrow or call 0592-12333.")
        )
    person = Person.objects.in_pool().filter(id_number=id_number, name=name.strip()).first()
    PoolLookup.objects.create(employer=employer, by=by, on=today, found=person is not None)
    if person is None:
        return None
    if person.registered_by_id != employer.pk:
        PersonAccess.objects.get_or_create(person=person, employer=employer, defaults={"granted_by": by})
    return person


@transaction.atomic
def save_insurance_records(*, rows: list[dict], by) -> int:
    """Store imported rows; rows already on record are skipped, so a re-import adds nothing."""
    before = InsuranceRecord.objects.count()
    InsuranceRecord.objects.bulk_create(
        [InsuranceRecord(imported_by=by, **row) for row in rows], ignore_conflicts=True, batch_size=1000
    )
    return InsuranceRecord.objects.count() - before
