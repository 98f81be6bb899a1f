"""What reviewers configure for the monthly subsidy: the holiday calendar, windows and rates."""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from jiexi import rules
from jiexi.fields import in_programme_years
from jiexi.uploads import RandomName, validate_document
from reviews.models import Workflow, WorkflowQuerySet


class HolidayDay(models.Model):
    """A statutory rest day, or a make-up working day that falls on a weekend."""

    class Kind(models.TextChoices):
        REST = "rest", _("Statutory rest day")
        WORK = "work", _("Make-up working day")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("holiday"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("holiday calendar day")
        verbose_name_plural = _("holiday calendar")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}".strip()

    def clean(self) -> None:
        if self.day and not in_programme_years(self.day):
            raise ValidationError({"day": _("Enter a date between 2000 and 2099.")})
        if self.kind == self.Kind.WORK and self.day and self.day.weekday() < 5:
            raise ValidationError(
                {
                    "day": _(
                        "A make-up working day is a Saturday or Sunday worked; a weekday is a working day already."
                    )
                }
            )


class FirstOfMonth(models.Model):
    """Date fields that name a month store its first day, whatever day was entered; the
    form's checks run on the first day too."""

    MONTH_FIELDS: ClassVar[tuple[str, ...]] = ("month",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.to_first_days()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.to_first_days()
        for name in self.MONTH_FIELDS:
            value = getattr(self, name)
            if value and not in_programme_years(value):
                raise ValidationError({name: _("Enter a month between 2000 and 2099.")})

    def to_first_days(self) -> None:
        for name in self.MONTH_FIELDS:
            if value := getattr(self, name):
                setattr(self, name, value.replace(day=1))


class WindowOverride(FirstOfMonth):
    """A month's filing window as announced in the programme's notice, replacing the default."""

    month = models.DateField(
        _("subsidy month"), unique=True, help_text=_("Any day of the month; stored as its first day.")
    )
    opens = models.DateField(_("window opens"))
    closes = models.DateField(_("window closes"))
    note = models.CharField(_("notice"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("filing window override")
        verbose_name_plural = _("filing window overrides")
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gte=F("opens")), name="window_closes_after_it_opens"),
            models.CheckConstraint(condition=Q(month__day=1), name="window_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.opens} – {self.closes}"

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.closes < self.opens:
            raise ValidationError({"closes": _("The window cannot close before it opens.")})
        if self.month and self.opens and self.opens < self.month:
            raise ValidationError({"opens": _("A month's window cannot open before the month begins.")})
        if self.month and self.closes and self.closes > rules.add_months(self.month, 3):
            raise ValidationError(
                {"closes": _("A month's window closes within two months after the month ends.")}
            )


class LateFilingException(FirstOfMonth):
    """One employer may still file one month's batch until a later day."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(
        _("subsidy month"), help_text=_("Any day of the month; stored as its first day.")
    )
    until = models.DateField(_("may file until"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("late-filing exception")
        verbose_name_plural = _("late-filing exceptions")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "month"], name="one_exception_per_employer_and_month"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="exception_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.employer} {self.month:%Y-%m} → {self.until}"

    def clean(self) -> None:
        super().clean()
        if self.month and self.until:
            last_day = rules.month_bounds(self.month.year, self.month.month)[1]
            if not last_day < self.until <= rules.add_months(last_day, 12):
                raise ValidationError(
                    {
                        "until": _(
                            "A late filing for %(month)s ends after the month's last day, %(last)s, and within a year of it."
                        )
                        % {"month": f"{self.month:%Y-%m}", "last": last_day.isoformat()}
                    }
                )


class SubsidyRate(FirstOfMonth):
    """A monthly subsidy amount, in force from a month until a later rate starts."""

    MONTH_FIELDS = ("effective_from",)

    effective_from = models.DateField(
        _("in force from month"), unique=True, help_text=_("Any day of the month; stored as its first day.")
    )
    monthly_amount = models.DecimalField(
        _("monthly amount (CNY)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100000)],
    )

    class Meta:
        verbose_name = _("subsidy rate")
        verbose_name_plural = _("subsidy rates")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(effective_from__day=1), name="rate_month_is_first_day")
        ]

    def __str__(self) -> str:
        return f"{self.effective_from:%Y-%m}: {self.monthly_amount}"


class SubsidyBatch(Workflow):
    """An employer's subsidy filing for one month (补贴批次)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        LOCKED = "locked", _("Locked: window closed")

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED, Status.LOCKED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.SUBMITTED, Status.LOCKED}),
        Status.APPROVED: frozenset({Status.PAID}),
        Status.PAID: frozenset(),
        Status.LOCKED: frozenset(),
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="batches"
    )
    month = models.DateField(_("subsidy month"))
    signed_sheet = models.FileField(
        _("signed and stamped sheet scan"),
        upload_to=RandomName("sheets"),
        validators=[validate_document],
        blank=True,
    )
    resubmit_by = models.DateField(_("resubmit by"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = WorkflowQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidy batch")
        verbose_name_plural = _("subsidy batches")
        ordering = ["-month", "employer__name"]
        permissions = [("review_subsidybatch", _("Can approve or return subsidy batches"))]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["month", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["employer", "month"], name="one_batch_per_employer_and_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="batch_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.employer} · {self.month:%Y-%m}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class BatchLine(models.Model):
    """One trainee's line in a batch: attendance days, amount and the account paid into."""

    batch = models.ForeignKey(SubsidyBatch, on_delete=models.CASCADE, related_name="lines")
    traineeship = models.ForeignKey(
        "internships.Traineeship",
        verbose_name=_("traineeship"),
        on_delete=models.PROTECT,
        related_name="batch_lines",
    )
    month = models.DateField(_("subsidy month"), editable=False)
    max_days = models.PositiveSmallIntegerField(_("most days claimable"), editable=False)
    attendance_days = models.PositiveSmallIntegerField(_("attendance days"))
    monthly_rate = models.DecimalField(_("monthly rate"), max_digits=8, decimal_places=2, editable=False)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, editable=False)
    bank_name = models.CharField(_("bank"), max_length=100)
    bank_account = models.CharField(_("bank account number"), max_length=30)

    class Meta:
        verbose_name = _("batch line")
        verbose_name_plural = _("batch lines")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traineeship", "month"], name="one_line_per_traineeship_and_month"
            ),
            models.CheckConstraint(
                condition=Q(attendance_days__lte=F("max_days")), name="attendance_within_maximum"
            ),
            models.CheckConstraint(condition=Q(max_days__lte=30), name="at_most_thirty_days"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.traineeship_id}"
