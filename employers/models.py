import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiexi.choices import District
from jiexi.uploads import RandomName, validate_document
from reviews.models import Workflow, WorkflowQuerySet

mobile_validator = RegexValidator(
    r"^1[3-9][0-9]{9}$", _("Enter an 11-digit mainland mobile number, e.g. 13812345678.")
)
phone_validator = RegexValidator(
    r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$",
    _("Enter a mobile number or a landline such as 0592-5396591."),
)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Employer(Workflow):
    class Kind(models.TextChoices):
        AGENCY = "agency", _("Government agency")
        INSTITUTION = "institution", _("Public institution")
        ENTERPRISE = "enterprise", _("Enterprise")
        SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned")

    TRANSITIONS = {
        Status.PENDING: frozenset({Status.VERIFIED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.PENDING}),
        Status.VERIFIED: frozenset(),
    }

    name = models.CharField(_("employer name"), max_length=100)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    kind = models.CharField(_("employer kind"), max_length=32, choices=Kind.choices)
    district = models.CharField(_("district"), max_length=16, choices=District.choices)
    address = models.CharField(_("address"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=50)
    mobile = models.CharField(_("mobile"), max_length=11, validators=[mobile_validator])
    email = models.EmailField(_("e-mail"))
    licence = models.FileField(
        _("business licence or registration certificate scan"),
        upload_to=RandomName("licences"),
        validators=[validate_document],
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The secret in the employer's private calendar-feed address.
    calendar_token = models.CharField(max_length=43, unique=True, default=new_calendar_token, editable=False)

    objects = WorkflowQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        permissions = [("review_employer", _("Can verify or return employers"))]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public_sector(self) -> bool:
        """机关 and 事业单位 take only graduates of Xiamen origin."""
        return self.kind in (self.Kind.AGENCY, self.Kind.INSTITUTION)

    @property
    def can_submit(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def identity_locked(self) -> bool:
        """Name, credit code, kind, district and licence stay as the reviewer sees them: while
        under verification and once verified. A returned employer corrects them."""
        return self.status in (self.Status.PENDING, self.Status.VERIFIED)


class StaffQuerySet(models.QuerySet):
    def active(self) -> "StaffQuerySet":
        return self.filter(user__is_active=True)


class Staff(models.Model):
    """An employer clerk's account: belongs to exactly one employer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff", verbose_name=_("account")
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="staff")
    full_name = models.CharField(_("full name"), max_length=50)
    is_manager = models.BooleanField(
        _("manages staff"), default=False, help_text=_("May add and remove colleagues' accounts.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.user.username})"
