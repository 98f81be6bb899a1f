from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import Employer


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to an employer's staff, in the portal inbox and by e-mail.

    The text is an English msgid with its values, translated for each reader. A reminder
    carries a key naming its object and occasion, unique, so it is sent once however often
    (or however concurrently) the sweep that sends it runs."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["employer", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        if not self.params:
            return gettext(self.subject)
        # "kind" names a kind of item by its English msgid, translated for the reader.
        params = {**self.params, **({"kind": gettext(self.params["kind"])} if "kind" in self.params else {})}
        return gettext(self.subject) % params
