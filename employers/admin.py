from django.contrib import admin
from django.urls import reverse

from reviews.admin import ReadOnlyInline, ReviewAdmin
from reviews.site import review_site

from . import services
from .models import Employer, Staff


class StaffInline(ReadOnlyInline):
    model = Staff
    fields = ["full_name", "user", "is_manager", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        # Each row shows its account, and str(staff) names it too.
        return super().get_queryset(request).select_related("user")


@admin.register(Employer, site=review_site)
class EmployerAdmin(ReviewAdmin):
    list_display = ["name", "credit_code", "kind", "district", "status", "status_changed_at"]
    list_filter = ["status", "kind", "district"]
    search_fields = ["=credit_code", "name"]
    ordering = ["status_changed_at"]
    fields = [
        "name",
        "credit_code",
        "kind",
        "district",
        "address",
        "contact_name",
        "mobile",
        "email",
        "scan",
        "status",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [StaffInline]
    review_permission = "employers.review_employer"
    reviewable_status = Employer.Status.PENDING
    scan_field = "licence"

    def portal(self, employer):
        return employer, reverse("employers:profile")

    @staticmethod
    def approve_service(employer, by):
        services.verify_employer(employer=employer, by=by)

    @staticmethod
    def return_service(employer, by, reason):
        services.return_employer(employer=employer, by=by, reason=reason)
