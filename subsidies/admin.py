from django.contrib import admin

from reviews.site import review_site

from .models import HolidayDay, LateFilingException, SubsidyRate, WindowOverride


@admin.register(HolidayDay, site=review_site)
class HolidayDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name"]
    list_filter = ["kind", ("day", admin.DateFieldListFilter)]
    date_hierarchy = "day"
    search_fields = ["name"]
    show_full_result_count = False


@admin.register(WindowOverride, site=review_site)
class WindowOverrideAdmin(admin.ModelAdmin):
    list_display = ["month", "opens", "closes", "note"]


@admin.register(LateFilingException, site=review_site)
class LateFilingExceptionAdmin(admin.ModelAdmin):
    list_display = ["employer", "month", "until", "reason"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer"]
    search_fields = ["employer__name", "=employer__credit_code"]


@admin.register(SubsidyRate, site=review_site)
class SubsidyRateAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "monthly_amount"]
