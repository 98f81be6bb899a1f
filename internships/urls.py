from django.urls import path

from . import calendar, views

app_name = "internships"
urlpatterns = [
    path("", views.traineeship_list, name="list"),
    path("new/", views.traineeship_new, name="create"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/reset/", calendar.calendar_reset, name="calendar_reset"),
    path("<int:pk>/", views.traineeship_detail, name="detail"),
    path("<int:pk>/edit/", views.traineeship_edit, name="edit"),
    path("<int:pk>/submit/", views.traineeship_submit, name="submit"),
    path("<int:pk>/withdraw/", views.traineeship_withdraw, name="withdraw"),
    path("<int:pk>/terminate/", views.traineeship_terminate, name="terminate"),
    path("<int:pk>/retention/", views.traineeship_retention, name="retention"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/agreement/", views.agreement_upload, name="agreement_upload"),
    path("<int:pk>/agreement/scan/", views.agreement_scan, name="agreement_scan"),
    path("<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("<int:pk>/extension/", views.extension_save, name="extension_save"),
    path("<int:pk>/extension/<int:extension_pk>/agreement.pdf", views.extension_pdf, name="extension_pdf"),
    path("<int:pk>/extension/<int:extension_pk>/agreement/", views.extension_upload, name="extension_upload"),
    path(
        "<int:pk>/extension/<int:extension_pk>/agreement/scan/", views.extension_scan, name="extension_scan"
    ),
    path("<int:pk>/extension/<int:extension_pk>/submit/", views.extension_submit, name="extension_submit"),
    path(
        "<int:pk>/extension/<int:extension_pk>/withdraw/", views.extension_withdraw, name="extension_withdraw"
    ),
]
