from django.contrib import messages
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
from jiexi.once import run_once
from jiexi.views import run_service
from trainees.eligibility import explain

from . import documents, services
from .forms import (
    ExtensionForm,
    NewTraineeshipForm,
    RetentionForm,
    ScanForm,
    TerminationForm,
    TraineeshipForm,
)
from .models import Extension, Traineeship

PAGE_SIZE = 20


def _own(request, pk: int) -> Traineeship:
    queryset = Traineeship.objects.select_related("person", "position", "employer")
    return get_object_or_404(queryset, pk=pk, employer=request.employer)


def _own_extension(request, pk: int, extension_pk: int) -> Extension:
    return get_object_or_404(
        Extension.objects.select_related(
            "traineeship__person", "traineeship__position", "traineeship__employer"
        ),
        pk=extension_pk,
        traineeship_id=pk,
        traineeship__employer=request.employer,
    )


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@employer_required
def traineeship_list(request):
    today = timezone.localdate()
    traineeships = (
        Traineeship.objects.for_employer(request.employer)
        .select_related("person", "position")
        .with_return_note()
        .order_by("-status_changed_at", "-id")
    )
    status = request.GET.get("status")
    if status in Traineeship.Status.values:
        traineeships = traineeships.filter(status=status)
    ending = request.GET.get("ending") == "30"
    if ending:
        traineeships = traineeships.ending_within(today, 30)
    page = Paginator(traineeships, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(t, t.next_deadline(today)) for t in page]
    query = "&".join(
        q
        for q in (
            f"status={status}" if status in Traineeship.Status.values else "",
            "ending=30" if ending else "",
        )
        if q
    )
    return render(
        request,
        "internships/list.html",
        {
            "page": page,
            "rows": rows,
            "statuses": Traineeship.Status.choices,
            "current_status": status,
            "ending": ending,
            "query": query,
        },
    )


@employer_required
def traineeship_new(request):
    today = timezone.localdate()
    form = NewTraineeshipForm(request.POST or None, employer=request.employer, today=today)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            drafts = services.create_drafts(
                employer=request.employer,
                by=request.user,
                persons=list(form.cleaned_data["persons"]),
                position=form.cleaned_data["position"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                mentor=form.cleaned_data["mentor"],
                work_content=form.cleaned_data["work_content"],
            )
            messages.success(
                request,
                _(
                    "%(n)d draft traineeships saved. For each: print the agreement, upload the signed scan, submit."
                )
                % {"n": len(drafts)},
            )
            if len(drafts) == 1:
                return reverse("internships:detail", args=[drafts[0].pk])
            return f"{request.path.rsplit('new/', 1)[0]}?status=draft"

        address, first = run_once(form.cleaned_data.get("once"), create)
        if not first:
            messages.info(request, _("This form was sent twice; the drafts were saved once."))
        return redirect(address)
    return render(request, "internships/new.html", {"form": form})


@employer_required
def traineeship_detail(request, pk: int):
    traineeship = _own(request, pk)
    today = timezone.localdate()
    extension = traineeship.extensions.filter(status__in=Extension.OPEN).first()
    context = {
        "t": traineeship,
        "today": today,
        "history": traineeship.history(),
        "extension": extension,
        "extensions": traineeship.extensions.all(),
        "next_deadline": traineeship.next_deadline(today),
    }
    if traineeship.is_editable:
        context["eligibility"] = explain(
            traineeship.person,
            employer=traineeship.employer,
            filed_on=today,
            start=traineeship.start,
            end=traineeship.end,
            exclude_pk=traineeship.pk,
        )
        context["problems"] = services.submission_problems(traineeship, today=today)
        context["form"] = TraineeshipForm(instance=traineeship)
        context["scan_form"] = ScanForm()
    if traineeship.status == Traineeship.Status.ACTIVE and traineeship.terminated_on is None:
        context["extension_form"] = ExtensionForm(instance=extension)
        context["extension_scan_form"] = ScanForm() if extension and extension.is_editable else None
    if traineeship.is_running:
        context["termination_form"] = TerminationForm()
    if traineeship.status in (Traineeship.Status.COMPLETED, Traineeship.Status.TERMINATED):
        context["retention_form"] = RetentionForm(
            initial={"kept_on": {True: "1", False: "0"}.get(traineeship.kept_on)}
        )
    return render(request, "internships/detail.html", context)


@require_POST
@employer_required
def traineeship_edit(request, pk: int):
    traineeship = _own(request, pk)
    form = TraineeshipForm(request.POST, instance=traineeship)
    if form.is_valid():
        try:
            voided = services.update_draft(traineeship=form.instance, by=request.user)
        except ValidationError as error:
            _errors(request, error)
        else:
            if voided:
                messages.warning(
                    request,
                    _("The dates changed: print the new agreement, have it signed and upload the new scan."),
                )
            messages.success(request, _("The traineeship is saved."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("internships:detail", pk=pk)


def _upload(request, attach, success: str):
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return
    try:
        attach(form.cleaned_data["scan"])
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, success)


@require_POST
@employer_required
def agreement_upload(request, pk: int):
    traineeship = _own(request, pk)
    _upload(
        request,
        lambda scan: services.attach_agreement(traineeship=traineeship, file=scan, by=request.user),
        _("The signed agreement is uploaded."),
    )
    return redirect("internships:detail", pk=pk)


@employer_required
def agreement_scan(request, pk: int):
    traineeship = _own(request, pk)
    return uploads.serve(traineeship.agreement, download_name=f"agreement-{traineeship.pk}")


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@employer_required
def agreement_pdf(request, pk: int):
    traineeship = _own(request, pk)
    return _pdf(documents.agreement_pdf(traineeship), f"agreement-{traineeship.pk}")


@employer_required
def certificate_pdf(request, pk: int):
    traineeship = _own(request, pk)
    if traineeship.status not in (Traineeship.Status.COMPLETED, Traineeship.Status.TERMINATED):
        messages.error(request, _("The certificate is available once the traineeship has ended."))
        return redirect("internships:detail", pk=pk)
    return _pdf(documents.certificate_pdf(traineeship), f"certificate-{traineeship.pk}")


def _act(request, pk: int, action, success: str, **kwargs):
    run_service(request, action, success, traineeship=_own(request, pk), by=request.user, **kwargs)
    return redirect("internships:detail", pk=pk)


@require_POST
@employer_required
def traineeship_submit(request, pk: int):
    return _act(
        request,
        pk,
        services.submit_traineeship,
        _("The traineeship is sent for review."),
        today=timezone.localdate(),
    )


@require_POST
@employer_required
def traineeship_withdraw(request, pk: int):
    return _act(request, pk, services.withdraw_traineeship, _("The traineeship is withdrawn to draft."))


@require_POST
@employer_required
def traineeship_terminate(request, pk: int):
    _own(request, pk)
    form = TerminationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("internships:detail", pk=pk)
    return _act(
        request,
        pk,
        services.terminate,
        _("The termination is recorded; it takes effect on the termination date."),
        on=form.cleaned_data["on"],
        reason=form.cleaned_data["reason"],
        today=timezone.localdate(),
    )


@require_POST
@employer_required
def traineeship_retention(request, pk: int):
    _own(request, pk)
    form = RetentionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the graduate was kept on."))
        return redirect("internships:detail", pk=pk)
    return _act(request, pk, services.record_retention, _("Saved."), kept_on=form.cleaned_data["kept_on"])


@require_POST
@employer_required
def extension_save(request, pk: int):
    traineeship = _own(request, pk)
    extension = traineeship.extensions.filter(status__in=Extension.OPEN).first() or Extension(
        traineeship=traineeship
    )
    form = ExtensionForm(request.POST, instance=extension)
    if form.is_valid():
        try:
            services.save_extension(extension=form.instance, by=request.user, today=timezone.localdate())
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("The extension is saved. Print the extension agreement, upload the signed scan, submit."),
            )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("internships:detail", pk=pk)


@require_POST
@employer_required
def extension_upload(request, pk: int, extension_pk: int):
    extension = _own_extension(request, pk, extension_pk)
    _upload(
        request,
        lambda scan: services.attach_extension_agreement(extension=extension, file=scan, by=request.user),
        _("The signed extension agreement is uploaded."),
    )
    return redirect("internships:detail", pk=pk)


def _extension_act(request, pk: int, extension_pk: int, action, success: str, **kwargs):
    extension = _own_extension(request, pk, extension_pk)
    run_service(request, action, success, extension=extension, by=request.user, **kwargs)
    return redirect("internships:detail", pk=pk)


@require_POST
@employer_required
def extension_submit(request, pk: int, extension_pk: int):
    return _extension_act(
        request,
        pk,
        extension_pk,
        services.submit_extension,
        _("The extension is sent for review."),
        today=timezone.localdate(),
    )


@require_POST
@employer_required
def extension_withdraw(request, pk: int, extension_pk: int):
    return _extension_act(
        request, pk, extension_pk, services.withdraw_extension, _("The extension is withdrawn.")
    )


@employer_required
def extension_pdf(request, pk: int, extension_pk: int):
    extension = _own_extension(request, pk, extension_pk)
    return _pdf(documents.extension_pdf(extension), f"extension-{extension.pk}")


@employer_required
def extension_scan(request, pk: int, extension_pk: int):
    extension = _own_extension(request, pk, extension_pk)
    return uploads.serve(extension.agreement, download_name=f"extension-{extension.pk}")
