from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from reviews.admin import ReviewAdmin
from reviews.site import review_site

from . import services
from .models import Position


@admin.register(Position, site=review_site)
class PositionAdmin(ReviewAdmin):
    list_display = ["title", "employer", "openings", "district", "valid_until", "status", "status_changed_at"]
    list_filter = ["status", "district", "education", "employer__kind"]
    search_fields = ["title", "employer__name", "=employer__credit_code"]
    search_help_text = gettext_lazy(
        "Searches every state: part of a title or of an employer's name, or its full credit code."
    )
    list_select_related = ["employer"]
    ordering = ["status_changed_at"]
    fields = [
        "employer",
        "title",
        "openings",
        "education",
        "major_requirement",
        "duties",
        "district",
        "address",
        "months_offered",
        "contact_name",
        "contact_phone",
        "valid_until",
        "status",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    review_permission = "positions.review_position"
    reviewable_status = Position.Status.SUBMITTED
    bulk_approve = True  # a position is read on the list: title, openings, district, dates

    def portal(self, position):
        return position.employer, reverse("positions:detail", args=[position.pk])

    @staticmethod
    def approve_service(position, by):
        services.approve_position(position=position, by=by, today=timezone.localdate())

    @staticmethod
    def return_service(position, by, reason):
        services.return_position(position=position, by=by, reason=reason)
