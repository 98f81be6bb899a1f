import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Min, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, mobile_validator
from jiexi import rules
from jiexi.choices import Education
from jiexi.uploads import RandomName, validate_document
from reviews.models import Workflow, WorkflowQuerySet

bank_account_validator = RegexValidator(
    r"^[0-9]{12,30}$", _("Enter the bank account number as 12 to 30 digits, without spaces.")
)
certificate_validator = RegexValidator(
    r"^[0-9A-Za-z]{6,30}$", _("Enter the certificate number as printed: 6 to 30 letters and digits.")
)


class School(models.Model):
    """A school graduates come from; the list holds Xiamen's, others are typed in."""

    class Level(models.TextChoices):
        UNIVERSITY = "university", _("University")
        VOCATIONAL_COLLEGE = "vocational_college", _("Vocational college")
        SECONDARY = "secondary", _("Secondary vocational / technical school")

    name = models.CharField(_("school name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=32, choices=Level.choices)
    in_xiamen = models.BooleanField(_("in Xiamen"), default=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class Basis(models.TextChoices):
    """The ground on which a graduate is eligible (SPEC §2.3)."""

    XIAMEN_ORIGIN = "xiamen_origin", _("Xiamen origin")
    XIAMEN_SCHOOL = "xiamen_school", _("Graduate of a Xiamen school")


class MaterialKind(models.TextChoices):
    GRADUATION_CERTIFICATE = "graduation_certificate", _("Graduation certificate")
    HOUSEHOLD_REGISTER = "household_register", _("Household register (hukou)")
    PRE_ADMISSION_CERTIFICATE = (
        "pre_admission_certificate",
        _("Senior / junior high school certificate before admission"),
    )


REQUIRED_MATERIALS = {
    Basis.XIAMEN_ORIGIN: (
        MaterialKind.GRADUATION_CERTIFICATE,
        MaterialKind.HOUSEHOLD_REGISTER,
        MaterialKind.PRE_ADMISSION_CERTIFICATE,
    ),
    Basis.XIAMEN_SCHOOL: (MaterialKind.GRADUATION_CERTIFICATE,),
}


class PersonQuerySet(WorkflowQuerySet):
    def registered(self, id_number: str, *, employer: Employer) -> "PersonQuerySet":
        """Records that stop `employer` registering this ID number again."""
        return self.filter(id_number=id_number).filter(~Q(status="draft") | Q(registered_by=employer))

    def visible_to(self, employer: Employer) -> "PersonQuerySet":
        """Persons an employer registered or found in the pool by ID number and name."""
        return self.filter(Q(registered_by=employer) | Q(access__employer=employer)).distinct()

    def in_pool(self) -> "PersonQuerySet":
        return self.filter(status=Person.Status.APPROVED)


class Person(Workflow):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("In the pool")

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED, Status.DRAFT}),
        Status.RETURNED: frozenset({Status.SUBMITTED, Status.DRAFT}),
        Status.APPROVED: frozenset(),
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("resident ID number"), max_length=18, db_index=True)
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(
        _("sex"), max_length=1, choices=[("M", _("Male")), ("F", _("Female"))], editable=False
    )
    mobile = models.CharField(_("mobile"), max_length=11, validators=[mobile_validator])
    education = models.CharField(_("education level"), max_length=32, choices=Education.choices)
    school_name = models.CharField(_("school"), max_length=100)
    school = models.ForeignKey(
        School,
        verbose_name=_("school in the list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
    )
    major = models.CharField(_("major"), max_length=100)
    certificate_number = models.CharField(
        _("graduation certificate number"), max_length=30, validators=[certificate_validator]
    )
    certificate_date = models.DateField(_("certificate issue date"))
    basis = models.CharField(_("basis of eligibility"), max_length=32, choices=Basis.choices)
    bank_name = models.CharField(_("bank"), max_length=100)
    bank_account = models.CharField(
        _("bank account number"), max_length=30, validators=[bank_account_validator]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    registered_by = models.ForeignKey(
        Employer, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="registered_persons"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("graduate")
        verbose_name_plural = _("graduates")
        ordering = ["-status_changed_at", "-id"]
        permissions = [("review_person", _("Can approve or return person applications"))]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["registered_by", "status"]),
            # Reviewers search by the start of a name (LIKE '欧阳%'); the pattern operator
            # class lets PostgreSQL answer that from the index whatever the collation.
            models.Index(fields=["name"], name="person_name_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number__regex=r"^[0-9]{17}[0-9X]$"), name="person_id_number_normalised"
            ),
            # One person per ID number once submitted: a draft is its employer's own business
            # and blocks nobody else; within one employer, one record per ID number.
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(status="draft"), name="one_person_per_id_number"
            ),
            models.UniqueConstraint(
                fields=["registered_by", "id_number"], name="one_record_per_employer_and_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.masked_id_number})"

    def save(self, *args, **kwargs):
        self.birth_date = rules.id_number_birth_date(self.id_number)
        self.sex = rules.id_number_sex(self.id_number)
        self.school = School.objects.filter(name=self.school_name.strip()).first()
        super().save(*args, **kwargs)

    @property
    def masked_id_number(self) -> str:
        return rules.mask_id_number(self.id_number)

    @property
    def masked_bank_account(self) -> str:
        return rules.mask_account(self.bank_account)

    @property
    def school_in_xiamen(self) -> bool:
        return self.school is not None and self.school.in_xiamen

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def graduation_deadline(self) -> datetime.date:
        return rules.graduation_deadline(self.certificate_date)

    @property
    def required_materials(self) -> tuple[str, ...]:
        return REQUIRED_MATERIALS.get(self.basis, ())

    @cached_property
    def missing_materials(self) -> list[MaterialKind]:
        present = {m.kind for m in self.materials.all()}
        return [MaterialKind(kind) for kind in self.required_materials if kind not in present]

    @cached_property
    def first_insured_on(self) -> datetime.date | None:
        return InsuranceRecord.objects.filter(id_number=self.id_number).aggregate(first=Min("first_month"))[
            "first"
        ]


class PersonAccess(models.Model):
    """An employer that found a pooled person by exact ID number and name may file for them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="person_access")
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "employer"], name="one_access_per_employer")]

    def __str__(self) -> str:
        return f"{self.employer} → {self.person}"


class PoolLookup(models.Model):
    """One look-up in the pool by ID number and name; failed ones are limited per day."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    on = models.DateField()
    found = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["employer", "on", "found"])]

    def __str__(self) -> str:
        return f"{self.employer} {self.on} {self.found}"


class Material(models.Model):
    """A scanned document of a person application; one of each kind, a new upload replaces it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("material"), max_length=32, choices=MaterialKind.choices)
    file = models.FileField(
        _("scan"),
        upload_to=RandomName("materials"),
        validators=[validate_document],
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_material_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class InsuranceRecord(models.Model):
    """A line of the social-insurance system's export: who was first insured by whom, when."""

    id_number = models.CharField(_("resident ID number"), max_length=18, db_index=True)
    employer_name = models.CharField(_("employer"), max_length=200)
    first_month = models.DateField(_("first month paid"), help_text=_("The first day of the month."))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("social-insurance record")
        verbose_name_plural = _("social-insurance records")
        ordering = ["id_number", "first_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number", "employer_name", "first_month"], name="one_insurance_record"
            ),
            models.CheckConstraint(
                condition=Q(first_month__day=1), name="insurance_first_month_is_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{rules.mask_id_number(self.id_number)} · {self.employer_name} · {self.first_month:%Y-%m}"
