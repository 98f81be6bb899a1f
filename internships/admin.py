from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiexi.fields import parse_month
from reviews.admin import GRADUATE_SEARCH_HELP, ReviewAdmin, log_access
from reviews.models import AccessLog
from reviews.site import review_site
from trainees.admin import INELIGIBLE_QUESTION, checks_html
from trainees.eligibility import explain

from . import services
from .models import Extension, Traineeship
from .roster import roster

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@admin.register(Traineeship, site=review_site)
class TraineeshipAdmin(ReviewAdmin):
    list_display = ["person", "employer", "position", "start", "end", "status", "status_changed_at"]
    list_filter = ["status", "employer__district", "employer__kind", "submitted_on"]
    search_fields = ["=person__id_number", "^person__name", "employer__name", "=employer__credit_code"]
    search_person_path, search_employer_path = "person", "employer"  # ReviewAdmin.search_condition
    search_help_text = GRADUATE_SEARCH_HELP
    list_select_related = ["person", "employer", "position"]
    ordering = ["status_changed_at"]
    fields = [
        "employer",
        "person",
        "position",
        "start",
        "end",
        "agreed_end",
        "mentor",
        "work_content",
        "submitted_on",
        "eligibility",
        "scan",
        "terminated_on",
        "termination_reason",
        "kept_on",
        "status",
    ]
    readonly_fields = fields
    review_permission = "internships.review_traineeship"
    reviewable_status = Traineeship.Status.SUBMITTED
    scan_field = "agreement"

    change_list_template = "review/traineeship_changelist.html"

    def get_urls(self):
        return [
            path(
                "roster/", self.admin_site.admin_view(self.roster_view), name="internships_traineeship_roster"
            ),
        ] + super().get_urls()

    def roster_view(self, request):
        """The month's injury-insurance roster (.xlsx)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        month = parse_month(request.GET.get("month"))
        if month is None:
            self.message_user(request, _("Choose a month."), messages.ERROR)
            return HttpResponseRedirect(reverse("review:internships_traineeship_changelist"))
        log_access(
            request,
            AccessLog.Kind.ID_NUMBER,
            _("Injury-insurance roster %(month)s") % {"month": f"{month:%Y-%m}"},
        )
        response = HttpResponse(roster(month), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="injury-insurance-{month:%Y-%m}.xlsx"'
        return response

    def portal(self, traineeship):
        return traineeship.employer, reverse("internships:detail", args=[traineeship.pk])

    @staticmethod
    def approve_service(traineeship, by):
        services.approve_traineeship(traineeship=traineeship, by=by, today=timezone.localdate())

    @staticmethod
    def return_service(traineeship, by, reason):
        services.return_traineeship(traineeship=traineeship, by=by, reason=reason)

    def eligibility_checks(self, t):
        # Awaiting review, it is judged against everything on record now, as the approval
        # will be; once decided, against what had been filed by its filing day.
        return explain(
            t.person,
            employer=t.employer,
            filed_on=t.submitted_on or timezone.localdate(),
            start=t.start,
            end=t.end,
            exclude_pk=t.pk,
            as_filed=t.status != Traineeship.Status.SUBMITTED and t.submitted_on is not None,
        )

    @admin.display(description=gettext_lazy("eligibility on the filing day"))
    def eligibility(self, t):
        return checks_html(self.eligibility_checks(t))

    def approve_question(self, t) -> str:
        if any(check.passed is False for check in self.eligibility_checks(t)):
            return str(INELIGIBLE_QUESTION)
        return super().approve_question(t)


@admin.register(Extension, site=review_site)
class ExtensionAdmin(ReviewAdmin):
    list_display = ["traineeship", "previous_end", "new_end", "status", "status_changed_at"]
    list_filter = ["status", "traineeship__employer__district"]
    search_fields = [
        "=traineeship__person__id_number",
        "^traineeship__person__name",
        "traineeship__employer__name",
    ]
    search_person_path = "traineeship__person"  # ReviewAdmin.search_condition
    search_employer_path = "traineeship__employer"
    search_help_text = GRADUATE_SEARCH_HELP
    list_select_related = ["traineeship__person", "traineeship__position"]
    ordering = ["status_changed_at"]
    fields = ["traineeship", "previous_end", "new_end", "scan", "status"]
    readonly_fields = fields
    review_permission = "internships.review_extension"
    reviewable_status = Extension.Status.SUBMITTED
    scan_field = "agreement"

    def portal(self, extension):
        return extension.traineeship.employer, reverse("internships:detail", args=[extension.traineeship_id])

    @staticmethod
    def approve_service(extension, by):
        services.approve_extension(extension=extension, by=by)

    @staticmethod
    def return_service(extension, by, reason):
        services.return_extension(extension=extension, by=by, reason=reason)
