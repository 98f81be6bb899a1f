from django.urls import path

from . import views

app_name = "employers"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/licence/", views.licence, name="licence"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/<int:pk>/remove/", views.staff_remove, name="staff_remove"),
]
