import datetime

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiexi import rules, uploads
from reviews.admin import GRADUATE_SEARCH_HELP, ReadOnlyInline, ReviewAdmin, log_access
from reviews.models import AccessLog
from reviews.site import review_site

from . import services
from .eligibility import RuleCheck, explain
from .insurance_import import WorkbookError, read_workbook
from .models import InsuranceRecord, Material, Person, School

IMPORT_SALT = "trainees.insurance-import"

INELIGIBLE_QUESTION = gettext_lazy(
    "A rule of eligibility is not met (marked ✗ under eligibility). Approve all the same?"
)


def checks_html(checks: list[RuleCheck]) -> str:
    """The eligibility panel of a change page: ✓ met, ✗ not met, … needs the dates."""
    marks = {True: "✓", False: "✗", None: "…"}
    return format_html_join(
        "",
        '<div class="check-{}">{} {} — {}</div>',
        ((str(c.passed).lower(), marks[c.passed], c.title, c.detail) for c in checks),
    )


class MaterialInline(ReadOnlyInline):
    model = Material
    fields = ["kind", "preview", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("scan"))
    def preview(self, material):
        url = reverse("review:trainees_person_material", args=[material.person_id, material.pk])
        return uploads.preview_html(url, material.file)


@admin.register(Person, site=review_site)
class PersonAdmin(ReviewAdmin):
    list_display = [
        "name",
        "masked_id_number",
        "education",
        "school_name",
        "basis",
        "registered_by",
        "status",
        "status_changed_at",
    ]
    list_filter = ["status", "basis", "education", "school__in_xiamen", "registered_by__district"]
    search_fields = ["=id_number", "^name", "registered_by__name"]  # as ReviewAdmin.search_condition
    search_person_path = ""
    search_help_text = GRADUATE_SEARCH_HELP
    search_employer_path = "registered_by"
    list_select_related = ["registered_by"]
    ordering = ["status_changed_at"]
    fields = [
        "name",
        "id_number",
        "birth_date",
        "sex",
        "mobile",
        "education",
        "school_name",
        "school_in_xiamen",
        "major",
        "certificate_number",
        "certificate_date",
        "graduation_deadline",
        "basis",
        "first_insured_on",
        "bank_name",
        "bank_account",
        "registered_by",
        "status",
        "eligibility",
    ]
    readonly_fields = fields
    inlines = [MaterialInline]
    review_permission = "trainees.review_person"
    shows_id_numbers = True

    reviewable_status = Person.Status.SUBMITTED

    def portal(self, person):
        return person.registered_by, reverse("trainees:detail", args=[person.pk])

    @staticmethod
    def approve_service(person, by):
        services.approve_person(person=person, by=by)

    @staticmethod
    def return_service(person, by, reason):
        services.return_person(person=person, by=by, reason=reason)

    def eligibility_checks(self, person) -> list[RuleCheck]:
        # The pool is for traineeships filed from now on, by the employer that registered.
        return explain(person, employer=person.registered_by, filed_on=timezone.localdate())

    @admin.display(description=gettext_lazy("eligibility for a traineeship filed today"))
    def eligibility(self, person):
        return checks_html(self.eligibility_checks(person))

    def approve_question(self, person) -> str:
        if any(check.passed is False for check in self.eligibility_checks(person)):
            return str(INELIGIBLE_QUESTION)
        return super().approve_question(person)

    @admin.display(description=gettext_lazy("resident ID number"))
    def masked_id_number(self, person):
        return person.masked_id_number

    @admin.display(description=gettext_lazy("school in Xiamen"), boolean=True)
    def school_in_xiamen(self, person):
        return person.school_in_xiamen

    @admin.display(description=gettext_lazy("last day to file"))
    def graduation_deadline(self, person):
        return person.graduation_deadline

    @admin.display(description=gettext_lazy("first month of social insurance"))
    def first_insured_on(self, person):
        first = person.first_insured_on
        return f"{first:%Y-%m}" if first else _("none on record")

    def get_urls(self):
        return [
            path(
                "<int:pk>/materials/<int:material_pk>/",
                self.admin_site.admin_view(self.material_view),
                name="trainees_person_material",
            )
        ] + super().get_urls()

    def material_view(self, request, pk: int, material_pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # Drafts stay the employer's own business, their materials included (see get_queryset).
        person = get_object_or_404(self.get_queryset(request), pk=pk)
        material = get_object_or_404(person.materials, pk=material_pk)
        log_access(request, AccessLog.Kind.DOCUMENT, f"{material.get_kind_display()} · {person}")
        return uploads.serve(material.file, download_name=f"{material.kind}-{material.pk}")


@admin.register(School, site=review_site)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "in_xiamen"]
    list_filter = ["level", "in_xiamen"]
    search_fields = ["name"]


class ImportForm(forms.Form):
    workbook = forms.FileField(label=gettext_lazy("social-insurance export (.xlsx)"))

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if workbook.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": 10})
        try:
            self.rows = read_workbook(workbook)
        except WorkbookError as error:
            raise forms.ValidationError(str(error)) from None
        return workbook


@admin.register(InsuranceRecord, site=review_site)
class InsuranceRecordAdmin(admin.ModelAdmin):
    list_display = ["masked_id_number", "employer_name", "first_month", "imported_at"]
    search_fields = ["=id_number", "employer_name"]
    date_hierarchy = "first_month"
    show_full_result_count = False
    change_list_template = "review/insurance_changelist.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm("trainees.add_insurancerecord")

    @admin.display(description=gettext_lazy("resident ID number"))
    def masked_id_number(self, record):
        return rules.mask_id_number(record.id_number)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="trainees_insurancerecord_import",
            )
        ] + super().get_urls()

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import social-insurance records"),
        }
        if request.method == "POST" and form.is_valid():
            rows = form.rows
            good = [row for row in rows if not row.errors]
            context.update(
                rows=rows,
                bad=[row for row in rows if row.errors],
                good_count=len(good),
                token=signing.dumps(
                    [[r.id_number, r.employer_name, r.first_month.isoformat()] for r in good],
                    salt=IMPORT_SALT,
                    compress=True,
                ),
            )
        return TemplateResponse(request, "review/insurance_import.html", context)

    def _confirm(self, request):
        try:
            data = signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=60 * 60)
        except signing.BadSignature:
            self.message_user(request, _("The preview expired; upload the file again."), messages.ERROR)
            return HttpResponseRedirect(reverse("review:trainees_insurancerecord_import"))
        rows = [
            {"id_number": i, "employer_name": e, "first_month": datetime.date.fromisoformat(m)}
            for i, e, m in data
        ]
        added = services.save_insurance_records(rows=rows, by=request.user)
        self.message_user(
            request,
            _("%(added)d records added; %(skipped)d were already on record.")
            % {"added": added, "skipped": len(rows) - added},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("review:trainees_insurancerecord_changelist"))
