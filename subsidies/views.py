import datetime

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.access import employer_required
from jiexi import uploads
from jiexi.fields import parse_month

from . import services, sheets
from .calendar import filing_window, unpublished_years
from .forms import AttendanceImportForm, LineForm, SheetForm
from .models import BatchLine, SubsidyBatch

LINES_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _months_in_view(today: datetime.date) -> list[datetime.date]:
    """Last month and this month: the two whose windows can be open around today."""
    this = today.replace(day=1)
    last = (this - datetime.timedelta(days=1)).replace(day=1)
    return [last, this]


def _own(request, pk: int) -> SubsidyBatch:
    return get_object_or_404(
        SubsidyBatch.objects.select_related("employer"), pk=pk, employer=request.employer
    )


@employer_required
def batch_list(request):
    today = timezone.localdate()
    batches = {
        b.month: b
        for b in SubsidyBatch.objects.filter(employer=request.employer, month__in=_months_in_view(today))
    }
    windows = []
    for month in _months_in_view(today):
        opens, closes = filing_window(month.year, month.month, employer=request.employer)
        state = "before" if today < opens else "after" if today > closes else "open"
        windows.append(
            {"month": month, "opens": opens, "closes": closes, "state": state, "batch": batches.get(month)}
        )
    history = SubsidyBatch.objects.filter(employer=request.employer).with_return_note().order_by("-month")
    page = Paginator(history, 24).get_page(request.GET.get("page"))
    gaps = unpublished_years({w["closes"].year for w in windows})
    return render(request, "subsidies/list.html", {"windows": windows, "page": page, "calendar_gaps": gaps})


@require_POST
@employer_required
def batch_create(request):
    month = parse_month(request.POST.get("month"))
    if month is None:
        messages.error(request, _("Choose the month to file for."))
        return redirect("subsidies:list")
    try:
        batch = services.create_batch(
            employer=request.employer, by=request.user, month=month, today=timezone.localdate()
        )
    except ValidationError as error:
        existing = SubsidyBatch.objects.filter(employer=request.employer, month=month).first()
        for message in error.messages:
            messages.info(request, message) if existing else messages.error(request, message)
        return redirect("subsidies:detail", pk=existing.pk) if existing else redirect("subsidies:list")
    messages.success(request, _("The batch is created with attendance prefilled; correct it if needed."))
    return redirect("subsidies:detail", pk=batch.pk)


@employer_required
def batch_detail(request, pk: int):
    batch = _own(request, pk)
    lines = batch.lines.select_related("traineeship__person", "traineeship__position").order_by("id")
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    totals = {"days": 0, "amount": 0}
    for days, amount in batch.lines.values_list("attendance_days", "amount"):
        totals["days"] += days
        totals["amount"] += amount
    opens, closes = filing_window(batch.month.year, batch.month.month, employer=batch.employer)
    return render(
        request,
        "subsidies/detail.html",
        {
            "batch": batch,
            "page": page,
            "totals": totals,
            "window": (opens, closes),
            "history": batch.history(),
            "sheet_form": SheetForm() if batch.is_editable else None,
        },
    )


@require_POST
@employer_required
def line_update(request, pk: int, line_pk: int):
    batch = _own(request, pk)
    line = get_object_or_404(BatchLine, pk=line_pk, batch=batch)
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            services.update_line(line=line, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": line.traineeship.person.name})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    page = request.POST.get("page", "1")
    page = page if page.isdigit() else "1"
    return redirect(f"{reverse('subsidies:detail', args=[pk])}?page={page}#line-{line.pk}")


IMPORT_SALT = "subsidies.attendance-import"


@employer_required
def attendance_import(request, pk: int):
    """Preview an attendance workbook with per-row errors, then apply the good rows."""
    batch = _own(request, pk)
    if request.method == "POST" and "token" in request.POST:
        try:
            changes = signing.loads(request.POST["token"], salt=f"{IMPORT_SALT}.{batch.pk}", max_age=3600)
            done = services.apply_attendance(
                batch=batch, by=request.user, changes=[tuple(c) for c in changes]
            )
        except signing.BadSignature:
            messages.error(request, _("The preview expired; upload the file again."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance updated for %(n)d trainees.") % {"n": done})
        return redirect("subsidies:detail", pk=pk)
    form = AttendanceImportForm(request.POST or None, request.FILES or None, batch=batch)
    context = {"batch": batch, "form": form}
    if request.method == "POST" and form.is_valid():
        rows = form.rows
        good = [(row.line_pk, row.attendance_days) for row in rows if not row.errors]
        context.update(
            rows=rows,
            bad=[row for row in rows if row.errors],
            good_count=len(good),
            token=signing.dumps(good, salt=f"{IMPORT_SALT}.{batch.pk}", compress=True),
        )
    return render(request, "subsidies/attendance_import.html", context)


@employer_required
def signature_sheet(request, pk: int):
    batch = _own(request, pk)
    response = HttpResponse(sheets.signature_sheet(batch), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="signature-sheet-{batch.month:%Y-%m}.xlsx"'
    return response


@require_POST
@employer_required
def sheet_upload(request, pk: int):
    batch = _own(request, pk)
    form = SheetForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_sheet(batch=batch, file=form.cleaned_data["scan"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The signed sheet is uploaded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("subsidies:detail", pk=pk)


@employer_required
def sheet_scan(request, pk: int):
    batch = _own(request, pk)
    return uploads.serve(batch.signed_sheet, download_name=f"sheet-{batch.pk}")


@require_POST
@employer_required
def batch_submit(request, pk: int):
    batch = _own(request, pk)
    try:
        services.submit_batch(batch=batch, by=request.user, today=timezone.localdate())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The batch is sent for review."))
    return redirect("subsidies:detail", pk=pk)
