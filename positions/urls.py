from django.urls import path

from . import views

app_name = "positions"
urlpatterns = [
    path("", views.search, name="search"),
    path("positions/<int:pk>/", views.public_detail, name="public_detail"),
    path("positions/feed.json", views.feed, name="feed"),
    path("employer/positions/", views.employer_list, name="list"),
    path("employer/positions/new/", views.edit, name="create"),
    path("employer/positions/<int:pk>/", views.employer_detail, name="detail"),
    path("employer/positions/<int:pk>/edit/", views.edit, name="edit"),
    path("employer/positions/<int:pk>/submit/", views.submit, name="submit"),
    path("employer/positions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("employer/positions/<int:pk>/close/", views.close, name="close"),
    path("employer/positions/<int:pk>/reopen/", views.reopen, name="reopen"),
]
