"""The reviewer site: a Django admin of its own, for HRSS reviewers only."""

from django.contrib import admin
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


review_site = ReviewSite(name="review")
