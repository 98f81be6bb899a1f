"""Review actions shared by every reviewable model on the reviewer site."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jiexi import uploads
from notifications.services import notify

from .models import AccessLog, LoginLockout, StatusChange
from .pagination import CappedPaginator
from .site import review_site


def log_access(request, kind: str, what: str) -> None:
    """Record that a reviewer saw personal data; supervisors read the log."""
    AccessLog.objects.create(
        user=request.user, kind=kind, what=what[:200], path=request.get_full_path()[:300]
    )


COMMON_REASONS = [
    ("unclear", gettext_lazy("A scan is unclear or incomplete; upload it again.")),
    ("missing", gettext_lazy("A required document is missing.")),
    ("mismatch", gettext_lazy("The details do not match the documents.")),
    ("ineligible", gettext_lazy("The conditions of the programme are not met.")),
]


class ReturnForm(forms.Form):
    common = forms.MultipleChoiceField(
        label=gettext_lazy("Common reasons"),
        choices=COMMON_REASONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for returning (shown to the employer)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        labels = dict(COMMON_REASONS)
        parts = [str(labels[key]) for key in cleaned.get("common", [])]
        if cleaned.get("reason", "").strip():
            parts.append(cleaned["reason"].strip())
        if not parts:
            raise forms.ValidationError(
                _("Choose a common reason or write one, so the employer can correct it.")
            )
        cleaned["full_reason"] = " ".join(parts)
        return cleaned


GRADUATE_SEARCH_HELP = gettext_lazy(
    "Searches every state: a full ID number or credit code, the start of a graduate's name, "
    "or part of an employer's name."
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reviewers read what employers declared and what the system recorded; they edit neither."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under an item on its review page: nothing to add, change or remove (and,
    with max_num 0, no "add another" link either; existing rows are all shown)."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StatusFilter(admin.SimpleListFilter):
    """Status filter that opens on the items awaiting review, with "all" as a choice."""

    title = gettext_lazy("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        statuses = model_admin.model._meta.get_field("status").choices
        hidden = set(model_admin.hidden_statuses)
        return [(value, label) for value, label in statuses if value not in hidden] + [
            (self.ALL, gettext_lazy("All"))
        ]

    def queryset(self, request, queryset):
        value = self.value() or self.default()
        return queryset if value == self.ALL else queryset.filter(status=value)

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        self.searching = bool(request.GET.get(SEARCH_VAR, "").strip())
        super().__init__(request, params, model, model_admin)

    def default(self) -> str:
        # A search looks across every state unless a state is chosen: a reviewer who types a
        # name or an ID number is looking for that person, wherever their filing stands.
        return self.ALL if self.searching else self.model_admin.reviewable_status

    def choices(self, changelist):
        current = self.value() or self.default()
        for value, label in self.lookup_choices:
            yield {
                "selected": current == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ReviewAdmin(ReadOnlyAdmin):
    """Read-only queue with approve and return; subclasses name the services and states.

    The queue opens on the items awaiting review; drafts stay the employer's own business.
    """

    approve_service = None  # callable(obj, by)
    return_service = None  # callable(obj, by, reason)
    review_permission = ""  # "app.codename"
    reviewable_status = ""  # the state in which a decision can be made
    change_form_template = "review/change_form.html"
    show_full_result_count = False
    paginator = CappedPaginator
    list_per_page = 50
    actions = ["approve_selected", "return_selected"]
    # Approving several at once from the list, without opening each: only for items whose
    # review needs no reading of documents (positions). Elsewhere each is opened and read.
    bulk_approve = False

    hidden_statuses: tuple[str, ...] = ("draft",)
    scan_field = ""  # the name of a FileField reviewers open inline as `scan`

    # Queues about graduates search by what the term is: a valid ID number or credit code
    # is looked up exactly, anything else is the start of a graduate's name or part of an
    # employer's name. The names are looked up first, on their own small indexed tables, and
    # the queue is then filtered by the ids found (person IN (…) OR employer IN (…)), which
    # the queue's own indexes answer; the admin's OR across joined tables, or of two
    # subqueries, reads every row. The paths lead from the queue's model to the Person
    # and the Employer; None leaves the admin's own search_fields in charge.
    search_person_path: str | None = None
    search_employer_path: str | None = None
    search_help_text = gettext_lazy(
        "Searches every state: part of an employer's name, or its full credit code."
    )

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status__in=self.hidden_statuses)

    def get_search_results(self, request, queryset, search_term):
        if self.search_person_path is None:
            return super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(self.search_condition(term)), False

    def search_condition(self, term: str) -> Q:
        from employers.models import Employer
        from jiexi import rules
        from trainees.models import Person

        person, employer = self.search_person_path, self.search_employer_path

        def of_person(lookup: str, value) -> Q:  # "" is the Person itself
            return Q(**{f"{person}__{lookup}" if person else lookup: value})

        try:
            return of_person("id_number", rules.normalize_id_number(term))
        except ValueError:
            pass
        if employer is not None:
            try:
                return Q(**{f"{employer}__credit_code": rules.normalize_credit_code(term)})
            except ValueError:
                pass
        if person:
            named = Person.objects.filter(name__startswith=term).values_list("pk", flat=True)
            condition = of_person("in", list(named))
        else:
            condition = Q(name__startswith=term)
        if employer is not None:
            firms = Employer.objects.filter(name__icontains=term).values_list("pk", flat=True)
            condition |= Q(**{f"{employer}__in": list(firms)})
        return condition

    def get_list_filter(self, request):
        # In the default "awaiting review" view the status change is the submission.
        others = [f for f in super().get_list_filter(request) if f != "status"]
        return [StatusFilter, *others, ("status_changed_at", admin.DateFieldListFilter)]

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(self.review_permission)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_review_permission(request):
            actions.pop("approve_selected", None)
            actions.pop("return_selected", None)
        if not self.bulk_approve:
            actions.pop("approve_selected", None)
        return actions

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        scan = [
            path(
                "<int:pk>/scan/", self.admin_site.admin_view(self.scan_view), name="{}_{}_scan".format(*info)
            )
        ]
        return (
            (scan if self.scan_field else [])
            + [
                path(
                    "<int:pk>/approve/",
                    self.admin_site.admin_view(self.approve_view),
                    name="{}_{}_approve".format(*info),
                ),
                path(
                    "<int:pk>/return/",
                    self.admin_site.admin_view(self.return_view),
                    name="{}_{}_return".format(*info),
                ),
            ]
            + super().get_urls()
        )

    def scan_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # Drafts stay the employer's own business, their scans included (see get_queryset).
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        log_access(request, AccessLog.Kind.DOCUMENT, f"{self.opts.verbose_name} · {obj}")
        return uploads.serve(getattr(obj, self.scan_field), download_name=f"{self.opts.model_name}-{obj.pk}")

    @admin.display(description=gettext_lazy("scan"))
    def scan(self, obj):
        file = getattr(obj, self.scan_field)
        return uploads.preview_html(self._url("scan", obj.pk), file) if file else "—"

    shows_id_numbers = False  # the change page shows graduates' full ID numbers

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and self.shows_id_numbers and request.method == "GET":
            log_access(request, AccessLog.Kind.ID_NUMBER, f"{self.opts.verbose_name} · {obj}")
        if obj is not None:
            extra_context.update(
                can_review=self.has_review_permission(request) and obj.status == self.reviewable_status,
                approve_question=self.approve_question(obj),
                history=obj.history(),
                return_form=ReturnForm(),
                approve_url=self._url("approve", obj.pk),
                return_url=self._url("return", obj.pk),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def approve_question(self, obj) -> str:
        """What the reviewer is asked before an approval is sent: it cannot be undone."""
        return _("Approve %(obj)s? The employer is told at once; this cannot be undone.") % {"obj": obj}

    def _url(self, action: str, pk: int) -> str:
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{action}", args=[pk]
        )

    def _change_url(self, pk: int) -> str:
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk]
        )

    def _decide(self, request, obj, decide) -> bool:
        """Run one decision; only items awaiting review can be decided, whatever was posted.
        The employer is told, in the portal and by e-mail."""
        try:
            if obj.status != self.reviewable_status:
                raise ValidationError(_("Only items awaiting review can be decided."))
            with transaction.atomic():
                decide()
                obj.refresh_from_db()
                self.notify_decision(obj)
        except ValidationError as error:
            self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            return False
        return True

    def portal(self, obj) -> tuple:
        """(employer, portal URL) of a reviewed item; each reviewable model's admin says."""
        raise NotImplementedError

    def notify_decision(self, obj) -> None:
        employer, url = self.portal(obj)
        with translation.override("en"):
            kind = str(self.opts.verbose_name)
        params = {"kind": kind, "item": str(obj)}
        if obj.status == obj.RETURNED:
            params["reason"] = obj.return_note
            subject = gettext_noop("Returned: %(kind)s %(item)s. Reason: %(reason)s")
        else:
            subject = gettext_noop("Approved: %(kind)s %(item)s.")
        notify(employer=employer, subject=subject, params=params, url=url)

    def approve_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        if self._decide(request, obj, lambda: self.approve_service(obj, request.user)):
            self.message_user(request, _("Approved: %(obj)s") % {"obj": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(pk))

    def return_view(self, request, pk: int):
        if not self.has_review_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        form = ReturnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data["full_reason"]
            if self._decide(request, obj, lambda: self.return_service(obj, request.user, reason)):
                self.message_user(request, _("Returned: %(obj)s") % {"obj": obj}, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(pk))
        return self._return_page(request, [obj], form)

    def _return_page(self, request, objects, form):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "objects": objects,
            "form": form,
            "title": _("Return with a reason"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "review/return.html", context)

    @admin.action(description=gettext_lazy("Approve selected"))
    def approve_selected(self, request, queryset):
        if not (self.bulk_approve and self.has_review_permission(request)):
            raise PermissionDenied
        done = sum(
            self._decide(request, obj, lambda obj=obj: self.approve_service(obj, request.user))
            for obj in queryset
        )
        self.message_user(request, _("%(count)d approved.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Return selected with a reason"))
    def return_selected(self, request, queryset):
        if not self.has_review_permission(request):
            raise PermissionDenied
        form = ReturnForm(request.POST if {"reason", "common"} & set(request.POST) else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["full_reason"]
            done = sum(
                self._decide(request, obj, lambda obj=obj: self.return_service(obj, request.user, reason))
                for obj in queryset
            )
            self.message_user(request, _("%(count)d returned.") % {"count": done}, messages.SUCCESS)
            return None
        return self._return_page(request, list(queryset), form)


@admin.register(StatusChange, site=review_site)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "content_type", "object_id", "from_label", "to_label", "by", "display_note"]
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter)]
    fields = ["at", "content_type", "object_id", "from_label", "to_label", "by", "display_note"]
    readonly_fields = fields
    list_select_related = ["content_type", "by"]
    show_full_result_count = False
    date_hierarchy = "at"

    @admin.display(description=gettext_lazy("from"))
    def from_label(self, change):
        return change.from_label or "—"

    @admin.display(description=gettext_lazy("to"))
    def to_label(self, change):
        return change.to_label

    @admin.display(description=gettext_lazy("note"))
    def display_note(self, change):
        return change.display_note


@admin.register(AccessLog, site=review_site)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "what", "path"]
    fields = ["at", "user", "kind", "what", "path"]
    readonly_fields = fields
    list_filter = ["kind", ("user", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user"]
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(LoginLockout, site=review_site)
class LoginLockoutAdmin(ReadOnlyAdmin):
    """Supervisors see who failed to log in and lift a lock-out when a clerk calls."""

    list_display = ["username_shown", "address", "failures", "last_attempt", "locked"]
    search_fields = ["=username", "=ip_address"]
    fields = ["username_shown", "address", "failures", "last_attempt", "locked", "agent"]
    readonly_fields = fields
    show_full_result_count = False
    actions = ["unlock_selected"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("reviews.delete_loginlockout")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=gettext_lazy("username"), ordering="username")
    def username_shown(self, attempt):
        return attempt.username

    @admin.display(description=gettext_lazy("network address"), ordering="ip_address")
    def address(self, attempt):
        return attempt.ip_address

    @admin.display(description=gettext_lazy("failed logins"), ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=gettext_lazy("last attempt"), ordering="attempt_time")
    def last_attempt(self, attempt):
        return attempt.attempt_time

    @admin.display(description=gettext_lazy("locked out now"), boolean=True)
    def locked(self, attempt):
        from django.conf import settings
        from django.utils import timezone

        return (
            attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
            and attempt.attempt_time > timezone.now() - settings.AXES_COOLOFF_TIME
        )

    @admin.display(description=gettext_lazy("browser"))
    def agent(self, attempt):
        return attempt.user_agent

    @admin.action(description=gettext_lazy("Lift the selected lock-outs"), permissions=["delete"])
    def unlock_selected(self, request, queryset):
        lifted, _counts = queryset.delete()
        self.message_user(
            request,
            _("%(count)d lock-outs lifted: those logins work again.") % {"count": lifted},
            messages.SUCCESS,
        )
