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

    def has_permission(self, request) -> bool:
        # Employer clerks never get in, whatever flags their account carries.
        user = request.user
        return role_of(user) is not None and not hasattr(user, "staff")

    index_template = "review/index.html"

    def index(self, request, extra_context=None):
        from subsidies.calendar import unpublished_years  # subsidies builds on reviews

        from . import dashboard

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
        }
        return super().index(request, extra_context)


review_site = ReviewSite(name="review")
