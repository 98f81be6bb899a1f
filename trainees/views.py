from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.access import employer_required
from jiexi import uploads
from jiexi.views import run_service

from . import services
from .eligibility import explain
from .forms import EligibilityDatesForm, FindPersonForm, MaterialForm, PersonForm
from .models import Material, Person

PAGE_SIZE = 20


def _visible(request, pk: int) -> Person:
    queryset = Person.objects.visible_to(request.employer).select_related("registered_by", "school")
    return get_object_or_404(queryset.prefetch_related("materials"), pk=pk)


def _own(request, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("registered_by"), pk=pk, registered_by=request.employer
    )


@employer_required
def person_list(request):
    persons = (
        Person.objects.visible_to(request.employer).with_return_note().order_by("-status_changed_at", "-id")
    )
    status = request.GET.get("status")
    if status in Person.Status.values:
        persons = persons.filter(status=status)
    name = request.GET.get("name", "").strip()[:50]
    if name:
        persons = persons.filter(name__startswith=name)
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("status", status), ("name", name)) if v})
    return render(
        request,
        "trainees/person_list.html",
        {
            "page": page,
            "statuses": Person.Status.choices,
            "current_status": status,
            "name": name,
            "query": query,
        },
    )


@employer_required
def person_edit(request, pk: int | None = None):
    person = _own(request, pk) if pk else Person(registered_by=request.employer)
    if pk and not person.is_editable:
        messages.error(request, _("This application cannot be edited while it is under review or approved."))
        return redirect("trainees:detail", pk=person.pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        save = services.update_person if pk else services.create_person
        try:
            person = save(person=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The graduate is saved. Upload the materials, then submit."))
            return redirect("trainees:detail", pk=person.pk)
    return render(
        request,
        "trainees/person_edit.html",
        {"form": form, "person": person, "schools": PersonForm.school_names()},
    )


@employer_required
def person_detail(request, pk: int):
    person = _visible(request, pk)
    owner = person.registered_by_id == request.employer.pk
    dates = EligibilityDatesForm(request.GET or None)
    start = end = None
    if dates.is_valid():
        start, end = dates.cleaned_data["start"], dates.cleaned_data["end"]
        if not (start and end):
            start = end = None
    material_form = None
    if owner and person.is_editable:
        material_form = MaterialForm(kinds=person.required_materials)
    return render(
        request,
        "trainees/person_detail.html",
        {
            "person": person,
            "owner": owner,
            "materials": person.materials.all(),
            "material_form": material_form,
            "eligibility": explain(
                person, employer=request.employer, filed_on=timezone.localdate(), start=start, end=end
            ),
            "dates_form": dates,
            "history": person.history() if owner else (),
        },
    )


@require_POST
@employer_required
def material_upload(request, pk: int):
    person = _own(request, pk)
    form = MaterialForm(request.POST, request.FILES, kinds=person.required_materials)
    if form.is_valid():
        try:
            services.upload_material(
                person=person, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The scan is uploaded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("trainees:detail", pk=person.pk)


@employer_required
def material_file(request, pk: int, material_pk: int):
    person = _own(request, pk)
    material = get_object_or_404(Material, pk=material_pk, person=person)
    return uploads.serve(material.file, download_name=f"{material.kind}-{material.pk}")


def _act(request, pk: int, action, success: str):
    person = _own(request, pk)
    run_service(request, action, success, person=person, by=request.user)
    return redirect("trainees:detail", pk=person.pk)


@require_POST
@employer_required
def person_submit(request, pk: int):
    return _act(request, pk, services.submit_person, _("The application is sent for review."))


@require_POST
@employer_required
def person_withdraw(request, pk: int):
    return _act(request, pk, services.withdraw_person, _("The application is withdrawn to draft."))


@employer_required
def person_find(request):
    form = FindPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.find_in_pool(
                employer=request.employer,
                by=request.user,
                id_number=form.cleaned_data["id_number"],
                name=form.cleaned_data["name"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "trainees/person_find.html", {"form": form})
        if person is not None:
            messages.success(
                request,
                _("Found in the pool: %(name)s. You can now file traineeships for them.")
                % {"name": person.name},
            )
            return redirect("trainees:detail", pk=person.pk)
        form.add_error(
            None,
            _(
                "No approved graduate in the pool has this ID number and name. Check both, or register the graduate."
            ),
        )
    return render(request, "trainees/person_find.html", {"form": form})
