import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, phone_validator
from jiexi.choices import District, EducationRequirement
from reviews.models import Workflow, WorkflowQuerySet

# Traineeship states that hold one of a position's openings (see internships.Traineeship.HOLDING).
HOLDING_STATUSES = ("submitted", "approved", "active")


class PositionQuerySet(WorkflowQuerySet):
    def for_employer(self, employer: Employer) -> "PositionQuerySet":
        return self.filter(employer=employer)

    def published(self, today: datetime.date) -> "PositionQuerySet":
        """On the public search: published and not past valid-until."""
        return self.filter(status=Position.Status.PUBLISHED, valid_until__gte=today)

    def with_openings_left(self) -> "PositionQuerySet":
        """Drop positions whose openings are all held by filed or running traineeships; the
        others carry `openings_left`."""
        held = Count("traineeships", filter=Q(traineeships__status__in=HOLDING_STATUSES))
        return self.annotate(openings_left=F("openings") - held).filter(openings_left__gt=0)

    def expired(self, today: datetime.date) -> "PositionQuerySet":
        return self.filter(status=Position.Status.PUBLISHED, valid_until__lt=today)

    def search(self, keyword: str) -> "PositionQuerySet":
        q = Q()
        for word in keyword.split():
            q &= (
                Q(title__icontains=word)
                | Q(duties__icontains=word)
                | Q(major_requirement__icontains=word)
                | Q(employer__name__icontains=word)
            )
        return self.filter(q)

    def status_counts(self):
        return self.order_by().values("status").annotate(n=Count("id"))


class Position(Workflow):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.RETURNED: frozenset({Status.SUBMITTED, Status.DRAFT}),
        Status.SUBMITTED: frozenset({Status.PUBLISHED, Status.RETURNED, Status.DRAFT}),
        Status.PUBLISHED: frozenset({Status.CLOSED, Status.SUBMITTED}),
        Status.CLOSED: frozenset({Status.PUBLISHED, Status.DRAFT}),
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED, Status.PUBLISHED, Status.CLOSED})

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="positions", verbose_name=_("employer")
    )
    title = models.CharField(_("position title"), max_length=100)
    openings = models.PositiveSmallIntegerField(
        _("openings"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    education = models.CharField(
        _("education requirement"), max_length=32, choices=EducationRequirement.choices
    )
    major_requirement = models.CharField(_("major requirement"), max_length=200)
    duties = models.TextField(_("duties"), max_length=4000)
    district = models.CharField(_("district"), max_length=16, choices=District.choices)
    address = models.CharField(_("address"), max_length=200)
    months_offered = models.PositiveSmallIntegerField(
        _("traineeship length (months)"), validators=[MinValueValidator(3), MaxValueValidator(12)]
    )
    contact_name = models.CharField(_("contact name"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=20, validators=[phone_validator])
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-status_changed_at", "-id"]
        permissions = [("review_position", _("Can publish or return positions"))]
        indexes = [
            models.Index(fields=["status", "valid_until"]),
            models.Index(fields=["employer", "status"]),
            models.Index(fields=["status", "status_changed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(months_offered__gte=3, months_offered__lte=12), name="position_months_3_to_12"
            ),
            models.CheckConstraint(condition=Q(openings__gte=1), name="position_openings_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_public_url(self) -> str:
        return reverse("positions:public_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE
