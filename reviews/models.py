"""The one review mechanism every reviewable thing goes through.

A model lists its allowed moves in TRANSITIONS; `transition_to` checks the map, moves the
row with a conditional update (so two clicks or two workers make one move) and records a
StatusChange that the employer and the reviewer read back.
"""

from collections.abc import Iterable
from typing import ClassVar

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class WorkflowError(ValidationError):
    """A move the workflow does not allow now; its message is shown to the user."""


class StatusChange(models.Model):
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of item"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("item number"))
    target = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("from"), max_length=32, blank=True)
    to_status = models.CharField(_("to"), max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    # A system note is an English msgid, translated for each reader with these values.
    note_params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.from_label or '—'} → {self.to_label}"

    def status_label(self, value: str) -> str:
        model = self.content_type.model_class()
        return dict(model._meta.get_field("status").choices).get(value, value) if model else value

    @property
    def display_note(self) -> str:
        """The note in the reader's language: system notes are stored as English msgids."""
        if not self.note:
            return ""
        return gettext(self.note) % self.note_params if self.note_params else gettext(self.note)

    @property
    def from_label(self) -> str:
        return self.status_label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return self.status_label(self.to_status)


class WorkflowQuerySet(models.QuerySet):
    def with_return_note(self) -> "WorkflowQuerySet":
        """Annotate each row with the reviewer's latest return reason, in the same query."""
        notes = StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            to_status=self.model.RETURNED,
        ).order_by("-at", "-id")
        return self.annotate(last_return_note=Subquery(notes.values("note")[:1]))


class Workflow(models.Model):
    """Abstract base for models with a `status` field and a map of allowed moves."""

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {}
    RETURNED: ClassVar[str] = "returned"

    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    def can_move_to(self, new: str) -> bool:
        return new in self.TRANSITIONS.get(self.status, frozenset())

    def transition_to(
        self, new: str, *, by=None, note: str = "", from_states: Iterable[str] | None = None
    ) -> StatusChange:
        """Move to `new` if the map allows it (and, when given, the item is in one of
        `from_states`: one target can be reached by several actions) and nobody moved the
        row meanwhile."""
        old = self.status
        if not self.can_move_to(new) or (from_states is not None and old not in from_states):
            raise WorkflowError(
                _("This cannot be done while the item is “%(status)s”.")
                % {"status": self.get_status_display()}
            )
        now = timezone.now()
        with transaction.atomic():
            moved = (
                type(self)
                ._base_manager.filter(pk=self.pk, status=old)
                .update(status=new, status_changed_at=now)
            )
            if not moved:
                raise WorkflowError(_("Someone else changed this item just now; reload the page."))
            self.status, self.status_changed_at = new, now
            return StatusChange.objects.create(
                target=self, from_status=old, to_status=new, by=by, at=now, note=note
            )

    def record_note(self, *, by=None, note: str, params: dict | None = None) -> StatusChange:
        """Record an event that changes no status (e.g. an end date moved by an extension)."""
        return StatusChange.objects.create(
            target=self,
            from_status=self.status,
            to_status=self.status,
            by=by,
            note=note,
            note_params=params or {},
        )

    def record_creation(self, *, by=None, note: str = "") -> StatusChange:
        return StatusChange.objects.create(target=self, to_status=self.status, by=by, note=note)

    def history(self) -> models.QuerySet[StatusChange]:
        return StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(type(self)), object_id=self.pk
        ).select_related("by", "content_type")

    @property
    def return_note(self) -> str:
        """The reviewer's reason, while the item stands returned."""
        if self.status != self.RETURNED:
            return ""
        if hasattr(self, "last_return_note"):
            return self.last_return_note or ""
        last = self.history().filter(to_status=self.RETURNED).order_by("-at", "-id").first()
        return last.note if last else ""


class AccessLog(models.Model):
    """A reviewer opened a graduate's documents or full ID number: who, what, when."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        ID_NUMBER = "id_number", _("Full ID numbers")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    what = models.CharField(_("what"), max_length=200)
    path = models.CharField(_("address"), max_length=300)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.user} {self.what}"


class LoginLockout(AccessAttempt):
    """Failed logins as django-axes counts them, for supervisors to see and lift."""

    class Meta:
        proxy = True
        verbose_name = _("login lock-out")
        verbose_name_plural = _("login lock-outs")
        ordering = ["-attempt_time"]


class Submission(models.Model):
    """A create form's one-time key, stored with what it created (jiexi.once): the same form
    sent twice (a double click, a resent POST, a second tab) makes its objects once."""

    key = models.UUIDField(primary_key=True)
    result = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.key} → {self.result}"
