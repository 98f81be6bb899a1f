"""A private calendar feed (.ics) of every upcoming deadline of an employer's traineeships."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from employers.access import employer_required
from employers.models import Employer, new_calendar_token
from jiexi import rules

from .models import Traineeship

MONTHS_AHEAD = 3


def _event(uid: str, day: datetime.date, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@jiexi")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def deadline_events(employer: Employer, today: datetime.date) -> list[Event]:
    """Extension deadlines and end dates of running traineeships, and the monthly termination cut-off."""
    running = (
        Traineeship.objects.for_employer(employer)
        .filter(
            status__in=(Traineeship.Status.APPROVED, Traineeship.Status.ACTIVE), terminated_on__isnull=True
        )
        .filter(end__gte=today)
        .select_related("person")
    )
    events = []
    for t in running:
        deadline = rules.extension_deadline(t.end)
        if deadline >= today:
            events.append(
                _event(
                    f"ext-{t.pk}-{t.end}",
                    deadline,
                    _("Last day to submit an extension: %(name)s") % {"name": t.person.name},
                )
            )
        events.append(
            _event(f"end-{t.pk}-{t.end}", t.end, _("Traineeship ends: %(name)s") % {"name": t.person.name})
        )
    if running:
        year, month = today.year, today.month
        for _step in range(MONTHS_AHEAD):
            deadline = rules.termination_deadline(datetime.date(year, month, 1))
            if deadline >= today:
                events.append(
                    _event(
                        f"term-{employer.pk}-{year}-{month}",
                        deadline,
                        _("Last day to enter this month's terminations"),
                    )
                )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return events


def feed(request, token: str):
    employer = get_object_or_404(Employer, calendar_token=token)
    with translation.override("zh-hans"):
        calendar = Calendar()
        calendar.add("prodid", "-//jiexi//traineeship deadlines//ZH")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Traineeship deadlines · %(employer)s") % {"employer": employer.name})
        for event in deadline_events(employer, timezone.localdate()):
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@employer_required
def calendar_page(request):
    url = request.build_absolute_uri(reverse("calendar_feed", args=[request.employer.calendar_token]))
    return render(request, "internships/calendar.html", {"feed_url": url})


@require_POST
@employer_required
def calendar_reset(request):
    """Issue a new secret address; the old one stops working at once."""
    Employer.objects.filter(pk=request.employer.pk).update(calendar_token=new_calendar_token())
    messages.success(request, _("A new calendar address is issued; subscribe again with it."))
    return redirect("internships:calendar")
