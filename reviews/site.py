"""The reviewer site: a Django admin of its own, for HRSS reviewers only."""

import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import role_of


class ReviewSite(admin.AdminSite):
    site_header = _("Xiamen Graduate Traineeship · Review")
    site_title = _("Traineeship review")
    index_title = _("Review queues")
    site_url = "/"
    # The queues are wide (graduate, employer, position, dates, state): the dashboard and the
    # breadcrumbs lead to every queue, so the page's width goes to the table, not a menu.
    enable_nav_sidebar = False

    def has_permission(self, request) -> bool:
        # Employer clerks never get in, whatever flags their account carries.
        user = request.user
        return role_of(user) is not None and not hasattr(user, "staff")

    index_template = "review/index.html"

    def index(self, request, extra_context=None):
        from subsidies.calendar import unpublished_years  # subsidies builds on reviews

        from . import dashboard, statistics

        today = timezone.localdate()
        # This month's window may close in next month's year: both calendars matter.
        years = {today.year, (today + datetime.timedelta(days=35)).year}
        extra_context = {
            **(extra_context or {}),
            "calendar_gaps": unpublished_years(years),
            "queues": dashboard.queues(self, request, today),
            "windows": dashboard.windows(today),
            "deadlines": dashboard.todays_deadlines(today),
            "late_after": dashboard.LATE_AFTER_WORKING_DAYS,
            "year": today.year,
            "rows": statistics.dashboard_rows(today.year),
            "chart_minutes": statistics.DASHBOARD_CACHE_SECONDS // 60,
        }
        return super().index(request, extra_context)

    def get_urls(self):
        from django.urls import path

        return [
            path("statistics/", self.admin_view(self.statistics_view), name="statistics")
        ] + super().get_urls()

    def statistics_view(self, request):
        """Figures by month for a year and district, as a table with a chart, or as .xlsx."""
        from django.http import HttpResponse
        from django.template.response import TemplateResponse

        from . import statistics

        today = timezone.localdate()
        given = request.GET.get("year", "")
        year = int(given) if given.isascii() and given.isdecimal() and len(given) == 4 else today.year
        year = min(max(year, 2000), today.year + 1)
        district = request.GET.get("district", "")
        if district not in dict(statistics.DISTRICTS):
            district = ""
        rows = statistics.rows_for(year, district)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(statistics.workbook(year, district, rows), content_type=statistics.XLSX)
            response["Content-Disposition"] = (
                f'attachment; filename="statistics-{year}-{district or "all"}.xlsx"'
            )
            return response
        context = {
            **self.each_context(request),
            "title": _("Programme statistics"),
            "year": year,
            "district": district,
            "districts": statistics.DISTRICTS,
            "figures": statistics.FIGURES,
            "rows": statistics.with_bars(rows),
            "total": statistics.year_total(rows),
            "years": range(today.year, 2019, -1),
        }
        return TemplateResponse(request, "review/statistics.html", context)


review_site = ReviewSite(name="review")
