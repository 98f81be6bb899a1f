from django.urls import include, path
from django.views.i18n import set_language

from internships import calendar
from reviews.site import review_site

urlpatterns = [
    path("review/", review_site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("employer/persons/", include("trainees.urls")),
    path("employer/traineeships/", include("internships.urls")),
    path("employer/subsidies/", include("subsidies.urls")),
    path("employer/inbox/", include("notifications.urls")),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar_feed"),
    path("employer/", include("employers.urls")),
    path("", include("positions.urls")),
]
