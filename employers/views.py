from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiexi import uploads
from positions.models import Position

from . import services
from .access import employer_of, employer_required
from .forms import ProfileForm, RegistrationForm, StaffForm
from .models import Employer, Staff


def register(request):
    if request.user.is_authenticated and employer_of(request.user):
        return redirect("employers:dashboard")
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff = services.register_employer(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                profile=form.profile(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "employers/register.html", {"form": form})
        login(request, staff.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Your employer is registered. You can prepare drafts now; submitting waits until a reviewer verifies it."
            ),
        )
        return redirect("employers:dashboard")
    return render(request, "employers/register.html", {"form": form})


@employer_required
def dashboard(request):
    employer = request.employer
    counts = {row["status"]: row["n"] for row in Position.objects.for_employer(employer).status_counts()}
    position_counts = [(value, label, counts.get(value, 0)) for value, label in Position.Status.choices]
    return render(
        request, "employers/dashboard.html", {"employer": employer, "position_counts": position_counts}
    )


@employer_required
def profile(request):
    employer = Employer.objects.with_return_note().get(pk=request.employer.pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employer(employer=request.employer, by=request.user, changes=form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("employers:profile")
    return render(
        request,
        "employers/profile.html",
        {"employer": employer, "form": form, "history": employer.history()},
    )


@employer_required
def licence(request):
    return uploads.serve(request.employer.licence, download_name=f"licence-{request.employer.credit_code}")


@employer_required
def staff_list(request):
    staff = request.employer.staff.active().select_related("user")
    manager = request.user.staff.is_manager
    form = StaffForm(request.POST or None) if manager else None
    if request.method == "POST":
        if not manager:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_staff(
                    by=request.user,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The account is added; give your colleague the password."))
                return redirect("employers:staff")
    return render(request, "employers/staff.html", {"staff": staff, "form": form, "manager": manager})


@require_POST
@employer_required
def staff_remove(request, pk: int):
    staff = get_object_or_404(Staff.objects.active(), pk=pk, employer=request.employer)
    try:
        services.remove_staff(by=request.user, staff=staff)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The account of %(name)s is removed.") % {"name": staff.full_name})
    return redirect("employers:staff")
