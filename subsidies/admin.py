import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiexi.fields import parse_month
from reviews.admin import ReadOnlyInline, ReviewAdmin, log_access
from reviews.models import AccessLog
from reviews.site import review_site

from . import services, sheets
from .forms import PaidForm
from .models import BatchLine, HolidayDay, LateFilingException, SubsidyBatch, SubsidyRate, WindowOverride
from .views import XLSX


def month_label(month: datetime.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


@admin.display(description=gettext_lazy("month"), ordering="month")
def month_column(obj) -> str:
    return month_label(obj.month)


@admin.display(description=gettext_lazy("in force from month"), ordering="effective_from")
def effective_month(rate) -> str:
    return month_label(rate.effective_from)


@admin.register(HolidayDay, site=review_site)
class HolidayDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name"]
    ordering = ["-day"]  # the year being entered first
    list_filter = ["kind", ("day", admin.DateFieldListFilter)]
    date_hierarchy = "day"
    search_fields = ["name"]
    show_full_result_count = False


@admin.register(WindowOverride, site=review_site)
class WindowOverrideAdmin(admin.ModelAdmin):
    list_display = [month_column, "opens", "closes", "note"]


@admin.register(LateFilingException, site=review_site)
class LateFilingExceptionAdmin(admin.ModelAdmin):
    list_display = ["employer", month_column, "until", "reason"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer"]
    search_fields = ["employer__name", "=employer__credit_code"]


@admin.register(SubsidyRate, site=review_site)
class SubsidyRateAdmin(admin.ModelAdmin):
    list_display = [effective_month, "monthly_amount"]


class BatchLineInline(ReadOnlyInline):
    model = BatchLine
    fields = ["person", "id_number", "max_days", "attendance_days", "amount", "bank_name", "bank_account"]
    readonly_fields = fields

    def get_queryset(self, request):
        # Each row is shown as str(line), which names the batch and its employer.
        return super().get_queryset(request).select_related("traineeship__person", "batch__employer")

    @admin.display(description=gettext_lazy("name"))
    def person(self, line):
        return line.traineeship.person.name

    @admin.display(description=gettext_lazy("resident ID number"))
    def id_number(self, line):
        return line.traineeship.person.id_number


class MonthFilter(admin.SimpleListFilter):
    """The batch's month, among the last twelve and the next (a date filter's "today" or
    "past 7 days" never matches a month)."""

    title = gettext_lazy("subsidy month")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        first = timezone.localdate().replace(day=1)
        months = []
        for back in range(-1, 12):
            year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
            months.append(datetime.date(year, month + 1, 1))
        return [(f"{m:%Y-%m}", date_format(m, "YEAR_MONTH_FORMAT")) for m in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        month = parse_month(self.value())
        return queryset.filter(month=month) if month else queryset.none()


@admin.register(SubsidyBatch, site=review_site)
class SubsidyBatchAdmin(ReviewAdmin):
    list_display = [
        "employer",
        "month_shown",
        "line_count",
        "status",
        "resubmit_by",
        "paid_on",
        "status_changed_at",
    ]
    list_filter = [MonthFilter, "employer__district", "employer__kind"]
    search_fields = ["employer__name", "=employer__credit_code"]
    list_select_related = ["employer"]
    ordering = ["status_changed_at"]
    fields = ["employer", "month_shown", "total", "scan", "resubmit_by", "paid_on", "status"]
    readonly_fields = fields
    inlines = [BatchLineInline]
    review_permission = "subsidies.review_subsidybatch"
    reviewable_status = SubsidyBatch.Status.SUBMITTED
    scan_field = "signed_sheet"
    shows_id_numbers = True

    def portal(self, batch):
        return batch.employer, reverse("subsidies:detail", args=[batch.pk])

    actions = ["approve_selected", "return_selected", "mark_paid"]
    change_list_template = "review/batch_changelist.html"

    def get_queryset(self, request):
        # A subquery, not a join: only the rows shown count their lines, and the page count
        # reads no lines at all.
        lines = BatchLine.objects.filter(batch=OuterRef("pk")).order_by().values("batch")
        count = Subquery(lines.annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).annotate(lines_n=Coalesce(count, 0))

    @admin.display(description=gettext_lazy("subsidy month"), ordering="month")
    def month_shown(self, batch):
        return month_label(batch.month)

    @admin.display(description=gettext_lazy("total (CNY)"))
    def total(self, batch):
        lines = batch.lines.aggregate(n=Count("pk"), amount=Sum("amount"))
        amount = f"{lines['amount'] or 0:.2f}"  # SQLite sums decimals without their places
        return _("%(amount)s for %(count)d lines") % {"amount": amount, "count": lines["n"]}

    @admin.display(description=gettext_lazy("lines"), ordering="lines_n")
    def line_count(self, batch):
        return batch.lines_n

    @staticmethod
    def approve_service(batch, by):
        services.approve_batch(batch=batch, by=by)

    @staticmethod
    def return_service(batch, by, reason):
        services.return_batch(batch=batch, by=by, reason=reason, today=timezone.localdate())

    def get_urls(self):
        return [
            path(
                "payment/",
                self.admin_site.admin_view(self.payment_view),
                name="subsidies_subsidybatch_payment",
            ),
        ] + super().get_urls()

    def payment_view(self, request):
        """The month's payment list: every line of its approved batches."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        month = parse_month(request.GET.get("month"))
        if month is None:
            self.message_user(request, _("Choose a month."), messages.ERROR)
            return HttpResponseRedirect(reverse("review:subsidies_subsidybatch_changelist"))
        lines = (
            BatchLine.objects.filter(month=month, batch__status=SubsidyBatch.Status.APPROVED)
            .select_related("traineeship__person", "batch__employer")
            .order_by("batch__employer__name", "id")
        )
        if not lines.exists():
            self.message_user(
                request,
                _(
                    "No approved batch of %(month)s awaits payment: the list holds the approved batches of a subsidy month until they are marked paid."
                )
                % {"month": f"{month:%Y-%m}"},
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("review:subsidies_subsidybatch_changelist"))
        log_access(
            request, AccessLog.Kind.ID_NUMBER, _("Payment list %(month)s") % {"month": f"{month:%Y-%m}"}
        )
        response = HttpResponse(sheets.payment_list(lines), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="payment-{month:%Y-%m}.xlsx"'
        return response

    @admin.action(description=gettext_lazy("Mark selected approved batches paid"), permissions=["review"])
    def mark_paid(self, request, queryset):
        if not self.has_review_permission(request):
            raise PermissionDenied
        form = PaidForm(request.POST if "paid_on" in request.POST else None)
        if form.is_bound and form.is_valid():
            approved = list(queryset.filter(status=SubsidyBatch.Status.APPROVED))
            if not approved:
                self.message_user(
                    request,
                    _("None of the selected batches is approved; only approved batches are paid."),
                    messages.WARNING,
                )
                return None
            done = services.mark_paid(batches=approved, by=request.user, paid_on=form.cleaned_data["paid_on"])
            self.message_user(
                request, _("%(count)d batches marked paid.") % {"count": done}, messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "objects": list(queryset),
            "form": form,
            "title": _("Mark paid"),
            "action_name": "mark_paid",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "review/mark_paid.html", context)
