from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jiexi import uploads
from reviews.admin import ReviewAdmin
from reviews.site import review_site

from . import services
from .models import Employer, Staff


class StaffInline(admin.TabularInline):
    model = Staff
    fields = ["full_name", "user", "is_manager", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


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
        "licence_link",
        "status",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [StaffInline]
    review_permission = "employers.review_employer"
    reviewable_status = Employer.Status.PENDING

    @staticmethod
    def approve_service(employer, by):
        services.verify_employer(employer=employer, by=by)

    @staticmethod
    def return_service(employer, by, reason):
        services.return_employer(employer=employer, by=by, reason=reason)

    @admin.display(description=_("business licence scan"))
    def licence_link(self, obj):
        if not obj.licence:
            return "—"
        url = reverse("review:employers_employer_licence", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Open the scan"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/licence/",
                self.admin_site.admin_view(self.licence_view),
                name="employers_employer_licence",
            )
        ] + super().get_urls()

    def licence_view(self, request, pk: int):
        employer = get_object_or_404(Employer, pk=pk)
        if not self.has_view_permission(request, employer):
            raise PermissionDenied
        return uploads.serve(employer.licence, download_name=f"licence-{employer.credit_code}")
