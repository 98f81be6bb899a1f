from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from employers.access import employer_required

from . import services
from .models import Notification


@employer_required
def inbox(request):
    notes = Notification.objects.filter(employer=request.employer)
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
@employer_required
def read(request, pk: int):
    services.mark_read(employer=request.employer, pk=pk)
    note = Notification.objects.filter(employer=request.employer, pk=pk).first()
    return redirect(note.url if note and note.url.startswith("/") else "notifications:inbox")


@require_POST
@employer_required
def read_all(request):
    services.mark_read(employer=request.employer)
    return redirect("notifications:inbox")
