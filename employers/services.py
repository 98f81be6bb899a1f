"""Every change to employers and their staff accounts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from .models import Employer, Staff, new_calendar_token

User = get_user_model()

# Fields a verified employer may still change itself; the rest need a new verification.
CONTACT_FIELDS = ("address", "contact_name", "mobile", "email")


# The forms check these first and say the same; the services say it to the one of two
# simultaneous submissions that lost the race to a unique index.
CREDIT_CODE_TAKEN = gettext_lazy(
    "An employer with this credit code is already registered; ask its clerk to add you."
)
USERNAME_TAKEN = gettext_lazy("This username is taken.")


def _taken(username: str, credit_code: str | None = None) -> ValidationError:
    """What a unique constraint refused."""
    if credit_code and Employer.objects.filter(credit_code=credit_code).exists():
        return ValidationError(CREDIT_CODE_TAKEN)
    return ValidationError(USERNAME_TAKEN)


def register_employer(*, username: str, password: str, full_name: str, profile: dict) -> Staff:
    """Create the employer (pending verification) and its first, managing staff account."""
    try:
        with transaction.atomic():
            employer = Employer.objects.create(**profile)
            employer.record_creation(note=gettext_noop("Registered"))
            user = User.objects.create_user(username=username, password=password, email=profile["email"])
            staff = Staff.objects.create(user=user, employer=employer, full_name=full_name, is_manager=True)
            employer.history().update(by=user)
    except IntegrityError:
        raise _taken(username, profile.get("credit_code")) from None
    return staff


@transaction.atomic
def update_employer(*, employer: Employer, by, changes: dict) -> Employer:
    """Save a profile edit; a returned employer goes back to the verification queue."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.identity_locked and set(changes) - set(CONTACT_FIELDS):
        if employer.status == Employer.Status.PENDING:
            raise ValidationError(
                _("While the employer is being verified, only its contact details can be changed.")
            )
        raise ValidationError(_("A verified employer can only change its contact details."))
    for field, value in changes.items():
        setattr(employer, field, value)
    # The stored licence was checked when uploaded; only a new one is checked again.
    employer.full_clean(exclude=None if "licence" in changes else ["licence"])
    employer.save()
    if employer.status == Employer.Status.RETURNED:
        employer.transition_to(Employer.Status.PENDING, by=by, note=gettext_noop("Corrected and resubmitted"))
    return employer


def require_verified(employer: Employer) -> None:
    """Unverified employers may draft but submit nothing; say so and why."""
    if not employer.can_submit:
        raise ValidationError(
            _("Your employer is not verified yet, so nothing can be submitted. Drafts are kept until it is.")
        )


def verify_employer(*, employer: Employer, by, note: str = "") -> None:
    employer.transition_to(Employer.Status.VERIFIED, by=by, note=note)


def return_employer(*, employer: Employer, by, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning, so the employer can correct it."))
    employer.transition_to(Employer.Status.RETURNED, by=by, note=reason.strip())


def _require_manager(by) -> Staff:
    staff = getattr(by, "staff", None)
    if staff is None or not staff.is_manager:
        raise PermissionDenied
    return staff


def add_staff(*, by, username: str, password: str, full_name: str, email: str) -> Staff:
    """A managing clerk adds a colleague's account to the same employer."""
    manager = _require_manager(by)
    username = User.normalize_username(username)
    if User.objects.filter(username__iexact=username).exists():
        raise _taken(username)
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password, email=email)
            return Staff.objects.create(user=user, employer=manager.employer, full_name=full_name)
    except IntegrityError:
        raise _taken(username) from None


@transaction.atomic
def remove_staff(*, by, staff: Staff) -> None:
    """Deactivate a colleague's account; the account's history stays on record."""
    manager = _require_manager(by)
    if staff.employer_id != manager.employer_id:
        raise PermissionDenied
    if staff.pk == manager.pk:
        raise ValidationError(_("You cannot remove your own account."))
    User.objects.filter(pk=staff.user_id).update(is_active=False)
    # The colleague may have subscribed to the calendar feed: its old address stops working.
    Employer.objects.filter(pk=staff.employer_id).update(calendar_token=new_calendar_token())
