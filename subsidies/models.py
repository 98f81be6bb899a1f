"""What reviewers configure for the monthly subsidy: the holiday calendar, windows and rates."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from employers.models import Employer


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


class WindowOverride(models.Model):
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

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


class LateFilingException(models.Model):
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

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


class SubsidyRate(models.Model):
    """A monthly subsidy amount, in force from a month until a later rate starts."""

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

    def save(self, *args, **kwargs):
        self.effective_from = self.effective_from.replace(day=1)
        super().save(*args, **kwargs)
