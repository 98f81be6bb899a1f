from django.urls import path

from . import views

app_name = "trainees"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_edit, name="create"),
    path("find/", views.person_find, name="find"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/submit/", views.person_submit, name="submit"),
    path("<int:pk>/withdraw/", views.person_withdraw, name="withdraw"),
    path("<int:pk>/materials/", views.material_upload, name="material_upload"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_file, name="material_file"),
]
