import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from jiexi import rules
from jiexi.uploads import RandomName, validate_document
from positions.models import Position
from reviews.models import Workflow, WorkflowQuerySet
from trainees.models import Person


def ran_between(first: datetime.date, last: datetime.date) -> Q:
    """Of traineeships that were approved: the ones that ran on some day from first to last."""
    still_running = Q(terminated_on__isnull=True, end__gte=first) | Q(terminated_on__gte=first)
    return Q(start__lte=last) & still_running


class TraineeshipQuerySet(WorkflowQuerySet):
    def for_employer(self, employer: Employer) -> "TraineeshipQuerySet":
        return self.filter(employer=employer)

    def holding_an_opening(self) -> "TraineeshipQuerySet":
        """Filed or running traineeships: they count against the position's openings."""
        return self.filter(status__in=Traineeship.HOLDING)

    def periods_of(self, person: Person) -> "TraineeshipQuerySet":
        """The person's traineeships that count towards the 12-month cap and overlaps."""
        return self.filter(person=person, status__in=Traineeship.COUNTING)

    def due_to_start(self, today: datetime.date) -> "TraineeshipQuerySet":
        return self.filter(status=Traineeship.Status.APPROVED, start__lte=today)

    def due_to_complete(self, today: datetime.date) -> "TraineeshipQuerySet":
        return self.filter(
            status=Traineeship.Status.ACTIVE, end__lt=today, terminated_on__isnull=True
        ).exclude(extensions__status=Extension.Status.SUBMITTED)

    def due_to_terminate(self, today: datetime.date) -> "TraineeshipQuerySet":
        return self.filter(
            status__in=(Traineeship.Status.APPROVED, Traineeship.Status.ACTIVE), terminated_on__lt=today
        )

    def ran_in(self, month: datetime.date) -> "TraineeshipQuerySet":
        """Approved traineeships that ran on any day of the month, whatever happened since."""
        return self.filter(status__in=Traineeship.RAN).filter(
            ran_between(*rules.month_bounds(month.year, month.month))
        )

    def ending_within(self, today: datetime.date, days: int) -> "TraineeshipQuerySet":
        """Running traineeships whose last day (the termination date, if one is entered) is near."""
        return self.alias(last=Coalesce("terminated_on", "end")).filter(
            status__in=(Traineeship.Status.APPROVED, Traineeship.Status.ACTIVE),
            last__gte=today,
            last__lte=today + datetime.timedelta(days=days),
        )


class Traineeship(Workflow):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved, not started")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED, Status.DRAFT}),
        Status.RETURNED: frozenset({Status.SUBMITTED, Status.DRAFT}),
        Status.APPROVED: frozenset({Status.ACTIVE, Status.TERMINATED}),
        Status.ACTIVE: frozenset({Status.COMPLETED, Status.TERMINATED}),
        Status.COMPLETED: frozenset(),
        Status.TERMINATED: frozenset(),
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
    RAN = frozenset({Status.APPROVED, Status.ACTIVE, Status.COMPLETED, Status.TERMINATED})
    HOLDING = frozenset({Status.SUBMITTED, Status.APPROVED, Status.ACTIVE})  # = positions.HOLDING_STATUSES
    COUNTING = frozenset(
        {Status.SUBMITTED, Status.APPROVED, Status.ACTIVE, Status.COMPLETED, Status.TERMINATED}
    )

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="traineeships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("graduate"), on_delete=models.PROTECT, related_name="traineeships"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="traineeships"
    )
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    agreed_end = models.DateField(_("end date in the agreement"), editable=False)
    mentor = models.CharField(_("mentor"), max_length=50)
    work_content = models.TextField(_("work content"), max_length=2000)
    agreement = models.FileField(
        _("signed agreement scan"),
        upload_to=RandomName("agreements"),
        validators=[validate_document],
        blank=True,
        help_text=_(
            "The agreement printed from this page, signed by both parties and stamped; PDF, JPEG or PNG, at most 10 MB."
        ),
    )
    terminated_on = models.DateField(_("termination date"), null=True, blank=True, editable=False)
    termination_reason = models.CharField(_("termination reason"), max_length=500, blank=True, editable=False)
    termination_entered_at = models.DateTimeField(null=True, blank=True, editable=False)
    kept_on = models.BooleanField(_("kept on after the traineeship"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_on = models.DateField(_("filed on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TraineeshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("traineeship")
        verbose_name_plural = _("traineeships")
        ordering = ["-start", "-id"]
        permissions = [("review_traineeship", _("Can approve or return traineeships"))]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["employer", "status"]),
            models.Index(fields=["status", "start"]),
            models.Index(fields=["status", "end"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="traineeship_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | (Q(terminated_on__gte=F("start")) & Q(terminated_on__lte=F("end"))),
                name="traineeship_termination_within_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} · {self.position.title}"

    @property
    def last_day(self) -> datetime.date:
        """The trainee's last day: the termination date when terminated, else the end."""
        return self.terminated_on or self.end

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return (self.start, self.last_day)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.ACTIVE) and self.terminated_on is None

    @property
    def extension_deadline(self) -> datetime.date:
        return rules.extension_deadline(self.end)

    def termination_deadline(self, termination_date: datetime.date) -> datetime.date:
        return rules.termination_deadline(termination_date)

    def next_deadline(self, today: datetime.date) -> tuple[str, datetime.date] | None:
        """The deadline that matters next for a running traineeship, if any is still ahead."""
        if self.terminated_on is not None and self.terminated_on >= today:
            return (str(_("last day (termination)")), self.terminated_on)
        if not self.is_running:
            return None
        options = [(str(_("extension")), self.extension_deadline)]
        this_month_end = rules.termination_deadline(today)
        if self.start <= today <= self.end:
            options.append((str(_("termination this month")), this_month_end))
        ahead = [(label, day) for label, day in options if day >= today]
        return min(ahead, key=lambda item: item[1]) if ahead else None


class Extension(Workflow):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED, Status.DRAFT, Status.WITHDRAWN}),
        Status.RETURNED: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
        Status.APPROVED: frozenset(),
        Status.WITHDRAWN: frozenset(),
    }
    OPEN = frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED})
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    traineeship = models.ForeignKey(
        Traineeship, verbose_name=_("traineeship"), on_delete=models.PROTECT, related_name="extensions"
    )
    previous_end = models.DateField(_("end date before the extension"), editable=False)
    new_end = models.DateField(_("new end date"))
    agreement = models.FileField(
        _("signed extension agreement scan"),
        upload_to=RandomName("agreements"),
        validators=[validate_document],
        blank=True,
        help_text=_(
            "The extension agreement printed from this page, signed and stamped; PDF, JPEG or PNG, at most 10 MB."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WorkflowQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-created_at", "-id"]
        permissions = [("review_extension", _("Can approve or return extensions"))]
        indexes = [models.Index(fields=["status", "status_changed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=F("previous_end")), name="extension_moves_the_end_later"
            ),
            models.UniqueConstraint(
                fields=["traineeship"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_extension_per_traineeship",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.traineeship} → {self.new_end}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE
