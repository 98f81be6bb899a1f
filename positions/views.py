from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.access import employer_required
from jiexi.once import run_once
from jiexi.views import run_service

from . import services
from .filters import PublicSearchFilter
from .forms import PositionForm
from .models import Position

PAGE_SIZE = 20
FEED_PAGE_SIZE = 50


def _public_results(request):
    today = timezone.localdate()
    queryset = (
        Position.objects.published(today)
        .with_openings_left()
        .select_related("employer")
        .order_by("-status_changed_at", "-id")
    )
    return PublicSearchFilter(request.GET or None, queryset=queryset)


def search(request):
    results = _public_results(request)
    page = Paginator(results.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "positions/search.html",
        {"filter": results, "page": page, "query": query.urlencode()},
    )


def public_detail(request, pk: int):
    position = get_object_or_404(
        Position.objects.published(timezone.localdate()).with_openings_left().select_related("employer"),
        pk=pk,
    )
    return render(request, "positions/public_detail.html", {"position": position})


def _feed_item(request, position: Position) -> dict:
    return {
        "id": position.pk,
        "title": position.title,
        "employer": position.employer.name,
        "employer_kind": position.employer.kind,
        "employer_kind_name": position.employer.get_kind_display(),
        "openings": position.openings,
        "openings_left": position.openings_left,
        "education": position.education,
        "education_name": position.get_education_display(),
        "major_requirement": position.major_requirement,
        "duties": position.duties,
        "district": position.district,
        "district_name": position.get_district_display(),
        "address": position.address,
        "months_offered": position.months_offered,
        "contact_name": position.contact_name,
        "contact_phone": position.contact_phone,
        "valid_until": position.valid_until.isoformat(),
        "published_at": timezone.localtime(position.status_changed_at).isoformat(),
        "url": request.build_absolute_uri(position.get_public_url()),
    }


def feed(request):
    """The public search as JSON, same filters, for other government sites."""
    results = _public_results(request)
    if results.is_bound and not results.is_valid():
        return JsonResponse({"errors": results.errors.get_json_data()}, status=400)
    page = Paginator(results.qs, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    response = JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [_feed_item(request, p) for p in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _own(request, pk: int) -> Position:
    return get_object_or_404(Position.objects.select_related("employer"), pk=pk, employer=request.employer)


@employer_required
def employer_list(request):
    positions = (
        Position.objects.for_employer(request.employer).with_return_note().order_by("-updated_at", "-id")
    )
    status = request.GET.get("status")
    if status in Position.Status.values:
        positions = positions.filter(status=status)
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "positions/employer_list.html",
        {
            "page": page,
            "statuses": Position.Status.choices,
            "current_status": status,
            "query": f"status={status}" if status in Position.Status.values else "",
        },
    )


@employer_required
def employer_detail(request, pk: int):
    position = _own(request, pk)
    return render(
        request,
        "positions/employer_detail.html",
        {"position": position, "history": position.history(), "today": timezone.localdate()},
    )


@employer_required
def edit(request, pk: int | None = None):
    position = _own(request, pk) if pk else Position(employer=request.employer)
    if pk and not position.is_editable:
        messages.error(request, _("This position cannot be edited while it is awaiting review."))
        return redirect("positions:detail", pk=position.pk)
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        was_published = position.status == Position.Status.PUBLISHED

        def save() -> str:
            saved = services.save_position(
                position=form.instance, by=request.user, today=timezone.localdate()
            )
            return reverse("positions:detail", args=[saved.pk])

        try:
            address, first = run_once(form.cleaned_data.get("once"), save)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not first:
                messages.info(request, _("This form was sent twice; the position was saved once."))
            elif was_published:
                messages.info(
                    request,
                    _(
                        "The changes are saved and sent for review; the position is off the public search until approved."
                    ),
                )
            else:
                messages.success(request, _("The position is saved."))
            return redirect(address)
    return render(request, "positions/edit.html", {"form": form, "position": position})


def _act(request, pk: int, action, success: str, **kwargs):
    position = _own(request, pk)
    run_service(request, action, success, position=position, by=request.user, **kwargs)
    return redirect("positions:detail", pk=position.pk)


@require_POST
@employer_required
def submit(request, pk: int):
    return _act(
        request,
        pk,
        services.submit_position,
        _("The position is sent for review."),
        today=timezone.localdate(),
    )


@require_POST
@employer_required
def withdraw(request, pk: int):
    return _act(request, pk, services.withdraw_position, _("The position is withdrawn to draft."))


@require_POST
@employer_required
def close(request, pk: int):
    return _act(request, pk, services.close_position, _("The position is closed and off the public search."))


@require_POST
@employer_required
def reopen(request, pk: int):
    return _act(
        request,
        pk,
        services.reopen_position,
        _("The position is published again."),
        today=timezone.localdate(),
    )
