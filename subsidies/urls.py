from django.urls import path

from . import views

app_name = "subsidies"
urlpatterns = [
    path("", views.batch_list, name="list"),
    path("create/", views.batch_create, name="create"),
    path("<int:pk>/", views.batch_detail, name="detail"),
    path("<int:pk>/lines/<int:line_pk>/", views.line_update, name="line_update"),
    path("<int:pk>/sheet.xlsx", views.signature_sheet, name="sheet"),
    path("<int:pk>/attendance/", views.attendance_import, name="attendance_import"),
    path("<int:pk>/sheet/", views.sheet_upload, name="sheet_upload"),
    path("<int:pk>/sheet/scan/", views.sheet_scan, name="sheet_scan"),
    path("<int:pk>/submit/", views.batch_submit, name="submit"),
]
