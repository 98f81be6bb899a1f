"""Who reaches what: every URL pattern of the project, for every kind of visitor.

The tables below state, for each URL pattern, how to fill its URL from one shared world
of objects and what each kind of visitor gets. The employer portal is listed pattern by
pattern (`PORTAL`, keyed by URL name); the reviewer site, a Django admin with a handful of
URLs per registered model, is covered by rules over the pattern names (`REVIEW_SITE`) and
one line per model saying which reviewer roles read, add, change, delete and decide
(`REVIEW_MODELS`). A URL pattern that no entry covers fails `test_every_url_pattern_has_an_entry`.

Refused POSTs are checked twice: the answer, and that no row of the database changed. The
objects are in the state in which the owner's POST takes effect, and
`test_the_owners_post_takes_effect` proves it, so a refused POST that changes nothing is a
refusal, not a no-op.

The world is built once for the module, inside a transaction the module rolls back, at a
fixed moment (`NOW`): every test then runs in its own savepoint, as in a Django TestCase.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import time_machine
from django.apps import apps
from django.conf import settings as project_settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse

from internships.models import Traineeship
from reviews.models import AccessLog, LoginLockout
from reviews.roles import AUDITOR, REVIEWER, SUPERVISOR
from reviews.site import review_site
from subsidies.models import (
    BatchLine,
    HolidayDay,
    LateFilingException,
    SubsidyBatch,
    SubsidyRate,
    WindowOverride,
)
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory, png_bytes
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory, id_number, with_all_materials
from trainees.models import InsuranceRecord, School

pytestmark = pytest.mark.django_db

D = datetime.date
# Inside the filing window of March 2027, before the draft traineeship starts, while the
# active one runs: every owner's action below is allowed at this moment.
NOW = datetime.datetime(2027, 4, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))

# --- Who asks ------------------------------------------------------------------------

ANONYMOUS = "anonymous"
CLERK_A = "clerk-A"  # a clerk of employer A, which owns every portal object in the URLs
CLERK_B = "clerk-B"  # a clerk of employer B, asking for A's objects
ROLES = (REVIEWER, SUPERVISOR, AUDITOR)
USERS = (ANONYMOUS, CLERK_A, CLERK_B, *ROLES)
OUTSIDERS = (ANONYMOUS, CLERK_A, CLERK_B)  # of the reviewer site
ALL_ROLES = frozenset(ROLES)
DECIDERS = frozenset({REVIEWER, SUPERVISOR})
SUPERVISORS = frozenset({SUPERVISOR})


@dataclass(frozen=True)
class Redirect:
    """A redirect to this path (query ignored); `{name}` is filled from the URL's kwargs."""

    to: str


LOGIN = Redirect("/accounts/login/")
REVIEW_LOGIN = Redirect("/review/login/")
TO_REVIEW_SITE = Redirect("/review/")  # where the portal sends a reviewer
Outcome = int | Redirect | tuple  # a tuple: any one of these
Kwargs = Mapping[str, str | Callable]


@dataclass(frozen=True)
class Entry:
    """How to reach one URL pattern and what each visitor gets.

    kwargs: URL kwarg -> attribute of the world (a model instance gives its pk) or a
    callable taking the world. post: visitor -> outcome of a POST that must change
    nothing. data: the POST body (a callable taking the world), one that works for the
    owner; with `owner_effect` the owner's POST is checked to change something. mixed:
    kwargs in which clerk B's own parent object holds A's child object (404 for B).
    """

    get: Mapping[str, Outcome]
    kwargs: Kwargs = field(default_factory=dict)
    query: str = ""
    post: Mapping[str, Outcome] = field(default_factory=dict)
    data: Callable | None = None
    owner_effect: bool = False
    mixed: Kwargs = field(default_factory=dict)


# --- The employer portal, pattern by pattern ---------------------------------------------

_ROLES_TO_REVIEW_SITE = dict.fromkeys(ROLES, TO_REVIEW_SITE)


def public(**options) -> Entry:
    return Entry(get=dict.fromkeys(USERS, 200), **options)


def employer_page(*, form: bool = False, **options) -> Entry:
    """A page of the clerk's own employer, without an object in its URL."""
    get = {ANONYMOUS: LOGIN, CLERK_A: 200, CLERK_B: 200, **_ROLES_TO_REVIEW_SITE}
    post = {ANONYMOUS: LOGIN, **_ROLES_TO_REVIEW_SITE} if form else {}
    return Entry(get=get, post=post, **options)


def employer_action(**options) -> Entry:
    """A POST-only action on the clerk's own employer."""
    return Entry(get=dict.fromkeys(USERS, 405), post={ANONYMOUS: LOGIN, **_ROLES_TO_REVIEW_SITE}, **options)


_REFUSED_ON_A_OBJECT = {ANONYMOUS: LOGIN, CLERK_B: 404, **_ROLES_TO_REVIEW_SITE}


def owned(kwargs: Kwargs, *, form: bool = False, **options) -> Entry:
    """A page about one of A's objects: A only; B gets 404 (no existence leak)."""
    get = {ANONYMOUS: LOGIN, CLERK_A: 200, CLERK_B: 404, **_ROLES_TO_REVIEW_SITE}
    return Entry(get=get, kwargs=kwargs, post=_REFUSED_ON_A_OBJECT if form else {}, **options)


def no_data(world) -> dict:
    return {}


def owned_action(kwargs: Kwargs, data: Callable = no_data, *, effect: bool = True, **options) -> Entry:
    """A POST-only action on one of A's objects."""
    return Entry(
        get=dict.fromkeys(USERS, 405),
        kwargs=kwargs,
        post=_REFUSED_ON_A_OBJECT,
        data=data,
        owner_effect=effect,
        **options,
    )


def scan(name: str = "scan.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


EXTENSION = {"pk": "active", "extension_pk": "extension"}
B_PARENT_A_EXTENSION = {"pk": "b_traineeship", "extension_pk": "extension"}
LINE = {"pk": "batch", "line_pk": "line"}

PORTAL: dict[str, Entry] = {
    # Anyone: the public search, the language switch, logging in and resetting a password.
    "positions:search": public(),
    "positions:public_detail": public(kwargs={"pk": "published"}),
    "positions:feed": public(),
    "set_language": Entry(get=dict.fromkeys(USERS, Redirect("/"))),
    "login": public(),
    "logout": Entry(get=dict.fromkeys(USERS, 405)),  # logging out takes a POST
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(kwargs={"uidb64": lambda w: "MQ", "token": lambda w: "0-made-up"}),
    "password_reset_complete": public(),
    # Any signed-in account changes its own password.
    "password_change": Entry(get={ANONYMOUS: LOGIN, **dict.fromkeys(USERS[1:], 200)}),
    "password_change_done": Entry(get={ANONYMOUS: LOGIN, **dict.fromkeys(USERS[1:], 200)}),
    # The private calendar feed: its secret address is the key, for calendar apps that
    # cannot sign in (a made-up token: test_a_made_up_calendar_token_finds_nothing).
    "calendar_feed": public(kwargs={"token": lambda w: w.a.calendar_token}),
    # Registration: open to visitors; a clerk is sent to their dashboard.
    "employers:register": Entry(
        get={
            ANONYMOUS: 200,
            CLERK_A: Redirect("/employer/"),
            CLERK_B: Redirect("/employer/"),
            **dict.fromkeys(ROLES, 200),
        }
    ),
    "employers:dashboard": employer_page(),
    "employers:profile": employer_page(form=True),
    "employers:licence": employer_page(),  # always the clerk's own employer's licence
    "employers:staff": employer_page(form=True),
    "employers:staff_remove": owned_action({"pk": "colleague"}),
    "positions:list": employer_page(),
    "positions:create": employer_page(form=True),
    "positions:detail": owned({"pk": "published"}),
    "positions:edit": owned({"pk": "draft_position"}, form=True),
    "positions:submit": owned_action({"pk": "draft_position"}),
    "positions:withdraw": owned_action({"pk": "submitted_position"}),
    "positions:close": owned_action({"pk": "published"}),
    "positions:reopen": owned_action({"pk": "closed_position"}),
    "trainees:list": employer_page(),
    "trainees:create": employer_page(form=True),
    "trainees:find": employer_page(form=True),  # B finding A's pooled graduate is the design
    "trainees:detail": owned({"pk": "draft_person"}),
    "trainees:edit": owned({"pk": "draft_person"}, form=True),
    "trainees:submit": owned_action({"pk": "draft_person"}),
    "trainees:withdraw": owned_action({"pk": "submitted_person"}),
    "trainees:material_upload": owned_action(
        {"pk": "draft_person"}, lambda w: {"kind": "graduation_certificate", "file": scan()}
    ),
    "trainees:material_file": owned(
        {"pk": "draft_person", "material_pk": "material"},
        mixed={"pk": "b_person", "material_pk": "material"},
    ),
    "internships:list": employer_page(),
    # B's form cannot name A's graduate or position; the same POST by A files a draft.
    "internships:create": Entry(
        get=employer_page().get,
        post={**employer_page(form=True).post, CLERK_B: 200},
        data=lambda w: {
            "persons": [w.pooled_person.pk],
            "position": w.published.pk,
            "start": "2027-05-10",
            "end": "2027-08-09",
            "mentor": "王建国",
            "work_content": "协助整理档案。",
        },
        owner_effect=True,
    ),
    "internships:calendar": employer_page(),
    "internships:calendar_reset": employer_action(),
    "internships:detail": owned({"pk": "active"}),
    "internships:edit": owned_action(
        {"pk": "draft_traineeship"},
        lambda w: {
            "start": "2027-04-12",
            "end": "2027-07-11",
            "mentor": "李四",
            "work_content": "整理档案。",
        },
    ),
    "internships:submit": owned_action({"pk": "draft_traineeship"}),
    "internships:withdraw": owned_action({"pk": "submitted_traineeship"}),
    "internships:terminate": owned_action(
        {"pk": "active"}, lambda w: {"on": "2027-04-20", "reason": "协商一致"}
    ),
    "internships:retention": owned_action({"pk": "terminated"}, lambda w: {"kept_on": "1"}),
    "internships:agreement_pdf": owned({"pk": "active"}),
    "internships:agreement_upload": owned_action({"pk": "draft_traineeship"}, lambda w: {"scan": scan()}),
    "internships:agreement_scan": owned({"pk": "active"}),
    "internships:certificate_pdf": owned({"pk": "terminated"}),
    "internships:extension_save": owned_action({"pk": "active"}, lambda w: {"new_end": "2027-11-30"}),
    "internships:extension_pdf": owned(EXTENSION, mixed=B_PARENT_A_EXTENSION),
    "internships:extension_upload": owned_action(
        EXTENSION, lambda w: {"scan": scan()}, mixed=B_PARENT_A_EXTENSION
    ),
    "internships:extension_scan": owned(EXTENSION, mixed=B_PARENT_A_EXTENSION),
    "internships:extension_submit": owned_action(EXTENSION, mixed=B_PARENT_A_EXTENSION),
    "internships:extension_withdraw": owned_action(EXTENSION, mixed=B_PARENT_A_EXTENSION),
    "subsidies:list": employer_page(),
    "subsidies:create": employer_action(data=lambda w: {"month": "2027-03"}),
    "subsidies:detail": owned({"pk": "batch"}),
    "subsidies:line_update": owned_action(
        LINE,
        lambda w: {
            "attendance_days": "20",
            "bank_name": "中国银行厦门分行",
            "bank_account": "6216610200001234567",
        },
        mixed={"pk": "b_batch", "line_pk": "line"},
    ),
    "subsidies:sheet": owned({"pk": "batch"}),
    "subsidies:attendance_import": owned({"pk": "batch"}, form=True),
    "subsidies:sheet_upload": owned_action({"pk": "batch"}, lambda w: {"scan": scan()}),
    "subsidies:sheet_scan": owned({"pk": "batch"}),
    "subsidies:submit": owned_action({"pk": "batch"}),
    "notifications:inbox": employer_page(),
    # Marking read is scoped to the clerk's employer: B's POST finds no such message
    # and lands on B's own inbox, the same answer as for a message that does not exist.
    "notifications:read": Entry(
        get=dict.fromkeys(USERS, 405),
        kwargs={"pk": "note"},
        post={**_REFUSED_ON_A_OBJECT, CLERK_B: Redirect("/employer/inbox/")},
        data=no_data,
        owner_effect=True,
    ),
    # B marks B's own messages read; A's stay unread.
    "notifications:read_all": Entry(
        get=dict.fromkeys(USERS, 405),
        post={**_REFUSED_ON_A_OBJECT, CLERK_B: Redirect("/employer/inbox/")},
    ),
}


# --- The reviewer site, by rules over its pattern names -----------------------------------


@dataclass(frozen=True)
class Perms:
    """Which reviewer roles may do what with one model on the reviewer site."""

    read: frozenset = ALL_ROLES
    add: frozenset = frozenset()
    change: frozenset = frozenset()
    delete: frozenset = frozenset()
    decide: frozenset = frozenset()  # approve and return


_KEPT_BY_SUPERVISORS = Perms(add=SUPERVISORS, change=SUPERVISORS, delete=SUPERVISORS)

# SPEC §1 and §4, reviews/roles.py: every role reads every queue; reviewers and
# supervisors decide; only supervisors keep the calendars, windows and rates and read the
# access log; what employers declared and the system recorded is read-only to everyone.
REVIEW_MODELS: dict[str, Perms] = {
    "employers.employer": Perms(decide=DECIDERS),
    "positions.position": Perms(decide=DECIDERS),
    "trainees.person": Perms(decide=DECIDERS),
    "internships.traineeship": Perms(decide=DECIDERS),
    "internships.extension": Perms(decide=DECIDERS),
    "subsidies.subsidybatch": Perms(decide=DECIDERS),
    "trainees.school": Perms(add=SUPERVISORS, change=SUPERVISORS),
    "trainees.insurancerecord": Perms(),  # added only through the import (below)
    "subsidies.holidayday": _KEPT_BY_SUPERVISORS,
    "subsidies.windowoverride": _KEPT_BY_SUPERVISORS,
    "subsidies.latefilingexception": _KEPT_BY_SUPERVISORS,
    "subsidies.subsidyrate": _KEPT_BY_SUPERVISORS,
    "reviews.statuschange": Perms(),
    "reviews.accesslog": Perms(read=SUPERVISORS),
    "reviews.loginlockout": Perms(read=SUPERVISORS, delete=SUPERVISORS),
}


def reviewers(
    allowed=ALL_ROLES, *, refused: Outcome = 403, ok: Outcome = 200, form=False, **options
) -> Entry:
    """A reviewer-site page: outsiders go to its login; roles get `ok` or `refused`."""
    roles = {role: ok if role in allowed else refused for role in ROLES}
    post = {**dict.fromkeys(OUTSIDERS, REVIEW_LOGIN), **{r: refused for r in ROLES if r not in allowed}}
    return Entry(
        get={**dict.fromkeys(OUTSIDERS, REVIEW_LOGIN), **roles}, post=post if form else {}, **options
    )


def _item(label: str) -> Callable:
    return lambda w: w.on_review_site[label].pk


def model_view(app: str, model: str, action: str) -> Entry | None:
    """The admin's own URLs for one model, and the review actions of ReviewAdmin."""
    label = f"{app}.{model}"
    perms = REVIEW_MODELS.get(label)
    if perms is None:
        return None
    item = {"object_id": _item(label)}
    bulk = "approve_selected" if perms.decide else "delete_selected"
    # Django answers an action the role does not have with the queue again, or a redirect to it.
    ignored = (200, Redirect(f"/review/{app}/{model}/"))
    return {
        # Reading the queue is allowed; a forged bulk action by whoever may not is not.
        "changelist": Entry(
            get=reviewers(perms.read).get,
            post={
                **dict.fromkeys(OUTSIDERS, REVIEW_LOGIN),
                **{
                    r: ignored if r in perms.read else 403
                    for r in ROLES
                    if r not in (perms.decide or perms.delete)
                },
            },
            data=lambda w: {"action": bulk, "_selected_action": [w.on_review_site[label].pk], "post": "yes"},
        ),
        "add": reviewers(perms.add, form=True),
        # Roles that only read see the change page read-only; their POST is refused.
        "change": Entry(
            get=reviewers(perms.read | perms.change).get,
            kwargs=item,
            post=reviewers(perms.change, form=True).post,
        ),
        "delete": reviewers(perms.delete, kwargs=item, form=True, data=lambda w: {"post": "yes"}),
        "history": reviewers(perms.read | perms.change, kwargs=item),
        # A decision takes a POST; the GET is refused before anything else.
        "approve": Entry(
            get={**dict.fromkeys(OUTSIDERS, REVIEW_LOGIN), **dict.fromkeys(ROLES, 405)},
            kwargs={"pk": _item(label)},
            post={
                **dict.fromkeys(OUTSIDERS, REVIEW_LOGIN),
                **{r: 403 for r in ROLES if r not in perms.decide},
            },
        ),
        "return": reviewers(
            perms.decide, kwargs={"pk": _item(label)}, form=True, data=lambda w: {"reason": "扫描件不清晰"}
        ),
        "scan": reviewers(perms.read, kwargs={"pk": _item(label)}),
        # /review/<app>/<model>/<id>/ forwards any role to the change page, which decides.
        "redirect": reviewers(ok=Redirect(f"/review/{app}/{model}/{{object_id}}/change/"), kwargs=item),
    }[action]


REVIEW_SITE: dict[str, Entry | Callable[..., Entry | None]] = {
    "review:index": reviewers(),
    "review:login": Entry(get={**dict.fromkeys(OUTSIDERS, 200), **dict.fromkeys(ROLES, TO_REVIEW_SITE)}),
    # Logging out takes a POST; outsiders' GET goes where the admin sends every outsider.
    "review:logout": Entry(get={**dict.fromkeys(OUTSIDERS, TO_REVIEW_SITE), **dict.fromkeys(ROLES, 405)}),
    "review:password_change": reviewers(form=True),
    "review:password_change_done": reviewers(),
    "review:jsi18n": reviewers(),
    "review:autocomplete": reviewers(
        query="app_label=subsidies&model_name=latefilingexception&field_name=employer"
    ),
    # Positions have no get_absolute_url: the admin's "view on site" finds nothing.
    "review:view_on_site": reviewers(
        (),
        refused=404,
        kwargs={
            "content_type_id": lambda w: ContentType.objects.get_for_model(w.published).pk,
            "object_id": "published",
        },
    ),
    "review:app_list": reviewers(kwargs={"app_label": lambda w: "employers"}),
    "review/(?P<url>.*)$": reviewers((), refused=404, kwargs={"url": lambda w: "no-such-page/"}),
    "review:statistics": reviewers(query="year=2027&format=xlsx"),
    "review:trainees_person_material": reviewers(
        kwargs={"pk": "submitted_person", "material_pk": "submitted_material"}
    ),
    "review:internships_traineeship_roster": reviewers(query="month=2027-03"),
    "review:subsidies_subsidybatch_payment": reviewers(DECIDERS, query="month=2027-01"),
    "review:trainees_insurancerecord_import": reviewers(DECIDERS, form=True),
    r"review:(?P<app>[a-z]+)_(?P<model>[a-z]+)_(?P<action>changelist|add|change|delete|history|approve|return|scan)": model_view,
    r"review/(?P<app>[a-z]+)/(?P<model>[a-z]+)/<path:object_id>/": lambda app, model: model_view(
        app, model, "redirect"
    ),
}


# --- Every URL pattern of the project ----------------------------------------------------


def _walk(patterns, prefix: str = "", namespace: str = ""):
    """(key, route) of every URL pattern: the namespaced name, or the route when unnamed."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern.url_patterns, route, inner)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
        else:
            yield route, route


URLS: dict[str, str] = dict(_walk(get_resolver().url_patterns))


def _matches(rule: str, value, key: str) -> re.Match | bool | None:
    """An Entry's key is a URL name (or an unnamed route); a rule's key is a regex."""
    return rule == key if isinstance(value, Entry) else re.fullmatch(rule, key)


def entry_for(key: str) -> Entry | None:
    if key in PORTAL:
        return PORTAL[key]
    for rule, value in REVIEW_SITE.items():
        if match := _matches(rule, value, key):
            return value if isinstance(value, Entry) else value(**match.groupdict())
    return None


def _resolve(world, kwargs: Kwargs) -> dict[str, str]:
    values = {}
    for name, source in kwargs.items():
        value = source(world) if callable(source) else getattr(world, source)
        values[name] = str(getattr(value, "pk", value))
    return values


def url_of(key: str, kwargs: dict[str, str], query: str = "") -> str:
    if key != URLS[key]:
        path = reverse(key, kwargs=kwargs)
    else:  # unnamed: fill the route itself
        filled = re.sub(
            r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1) or m.group(2)], URLS[key]
        )
        path = "/" + filled.replace("^", "").rstrip("$")
    return f"{path}?{query}" if query else path


# --- The world ----------------------------------------------------------------------------


def _line(batch: SubsidyBatch, traineeship: Traineeship, days: int = 30) -> BatchLine:
    return BatchLine.objects.create(
        batch=batch,
        traineeship=traineeship,
        month=batch.month,
        max_days=30,
        attendance_days=days,
        monthly_rate=Decimal("1980"),
        amount=Decimal("66") * days,
        bank_name="中国工商银行厦门分行",
        bank_account="6222021234567891232",
    )


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.a = EmployerFactory(name="厦门甲单位科技有限公司")
    w.b = EmployerFactory(name="厦门乙单位科技有限公司")
    w.users = {
        CLERK_A: StaffFactory(employer=w.a).user,
        # B's account even carries the staff flag: an employer clerk never gets into the reviewer site.
        CLERK_B: StaffFactory(employer=w.b, user__is_staff=True).user,
        **{role: ReviewerFactory(role=role) for role in ROLES},
    }
    w.colleague = StaffFactory(employer=w.a, is_manager=False, full_name="张三")

    w.published = PositionFactory(employer=w.a, published=True, openings=10, valid_until=D(2099, 12, 31))
    w.draft_position = PositionFactory(employer=w.a)
    w.submitted_position = PositionFactory(employer=w.a, submitted=True)
    w.closed_position = PositionFactory(employer=w.a, closed=True)

    w.draft_person = with_all_materials(PersonFactory(registered_by=w.a))
    w.material = w.draft_person.materials.get()
    w.pooled_person = PersonFactory(registered_by=w.a, approved=True)
    w.submitted_person = with_all_materials(PersonFactory(registered_by=w.a, submitted=True))
    w.submitted_material = w.submitted_person.materials.get()

    def traineeship(**kwargs) -> Traineeship:
        return TraineeshipFactory(employer=w.a, position=w.published, **kwargs)

    w.draft_traineeship = traineeship(start=D(2027, 4, 10), end=D(2027, 7, 9))
    w.submitted_traineeship = traineeship(submitted=True, start=D(2027, 4, 15), end=D(2027, 7, 14))
    w.active = traineeship(active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    w.extension = ExtensionFactory(traineeship=w.active, new_end=D(2027, 10, 31))
    w.extended = traineeship(active=True, start=D(2027, 2, 1), end=D(2027, 7, 31))
    w.submitted_extension = ExtensionFactory(
        traineeship=w.extended, new_end=D(2027, 9, 30), status="submitted"
    )
    w.terminated = traineeship(
        status=Traineeship.Status.TERMINATED,
        start=D(2027, 1, 4),
        end=D(2027, 6, 30),
        terminated_on=D(2027, 3, 20),
        termination_reason="个人原因",
    )

    sheet = ContentFile(png_bytes(), name="sheet.png")
    w.batch = SubsidyBatch.objects.create(employer=w.a, month=D(2027, 3, 1), signed_sheet=sheet)
    w.line = _line(w.batch, w.active)
    _line(w.batch, w.terminated, days=20)
    w.submitted_batch = SubsidyBatch.objects.create(
        employer=w.a,
        month=D(2027, 2, 1),
        status="submitted",
        signed_sheet=ContentFile(png_bytes(), name="s.png"),
    )
    _line(w.submitted_batch, w.terminated)
    # B's January, approved: the payment list of 2027-01 has a line to export.
    w.b_approved_batch = SubsidyBatch.objects.create(
        employer=w.b,
        month=D(2027, 1, 1),
        status="approved",
        signed_sheet=ContentFile(png_bytes(), name="j.png"),
    )
    _line(w.b_approved_batch, w.terminated)
    w.note = w.a.notifications.create(
        subject="Approved: %(kind)s %(item)s.", params={"kind": "position", "item": "x"}
    )

    # B's own objects, whose URLs clerk B could try to graft A's objects onto.
    w.b_person = with_all_materials(PersonFactory(registered_by=w.b))
    w.b_traineeship = TraineeshipFactory(employer=w.b, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    w.b_batch = SubsidyBatch.objects.create(employer=w.b, month=D(2027, 3, 1))

    pending = EmployerFactory(pending=True)
    w.on_review_site = {
        "employers.employer": pending,
        "positions.position": w.submitted_position,
        "trainees.person": w.submitted_person,
        "internships.traineeship": w.submitted_traineeship,
        "internships.extension": w.submitted_extension,
        "subsidies.subsidybatch": w.submitted_batch,
        "trainees.school": School.objects.create(name="厦门测试职业技术学院", level="vocational_college"),
        "trainees.insurancerecord": InsuranceRecord.objects.create(
            id_number=id_number(999), employer_name="厦门某公司", first_month=D(2025, 1, 1)
        ),
        "subsidies.holidayday": HolidayDay.objects.get_or_create(
            day=D(2027, 10, 1), defaults={"kind": "rest", "name": "国庆节"}
        )[0],
        "subsidies.windowoverride": WindowOverride.objects.create(
            month=D(2027, 9, 1), opens=D(2027, 9, 30), closes=D(2027, 10, 11)
        ),
        "subsidies.latefilingexception": LateFilingException.objects.create(
            employer=w.b, month=D(2027, 1, 1), until=D(2027, 2, 10), reason="系统故障"
        ),
        "subsidies.subsidyrate": SubsidyRate.objects.create(
            effective_from=D(2028, 1, 1), monthly_amount=Decimal("2100")
        ),
        "reviews.statuschange": w.submitted_position.record_creation(by=w.users[CLERK_A]),
        "reviews.accesslog": AccessLog.objects.create(
            user=w.users[REVIEWER], kind="document", what="营业执照", path="/review/"
        ),
        "reviews.loginlockout": LoginLockout.objects.create(
            username="lin", ip_address="10.0.0.1", user_agent="Chrome", failures_since_start=5
        ),
    }
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    storages = {**project_settings.STORAGES}
    location = str(tmp_path_factory.mktemp("uploads"))
    storages["default"] = {**storages["default"], "OPTIONS": {"location": location}}
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=True),
        override_settings(STORAGES=storages),
        transaction.atomic(),
    ):
        world = build_world()
        # Every test starts from this state: its own changes are rolled back.
        world.rows = snapshot()
        yield world
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _private_uploads():
    """Replaces the suite's per-test upload folder: the world's files live in the module's."""


def sign_in(client, world, user: str) -> None:
    if user != ANONYMOUS:
        client.force_login(world.users[user])


# Tables that signing in and serving pages write; no refusal is judged by them.
NOT_WATCHED = {"sessions", "axes", "contenttypes", "auth.Permission"}
WATCHED = [
    model
    for model in apps.get_models(include_auto_created=True)
    if not {model._meta.app_label, model._meta.label} & NOT_WATCHED
]
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(?P<table>\w+)', re.IGNORECASE)


def snapshot(models=WATCHED) -> dict:
    """The rows of these tables (last logins aside: signing in sets them)."""
    rows = {}
    for model in models:
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*names))
    return rows


@contextmanager
def changes(world):
    """Yields a list that ends up naming the tables whose rows the block changed.

    Only tables that the block's SQL wrote to are compared with the world's rows: an
    UPDATE that matched nothing (B marking "its" copy of A's message read) changes nothing.
    """
    written = set()

    def watch(execute, sql, params, many, context):
        if match := WRITE.match(sql):
            written.add(match["table"])
        return execute(sql, params, many, context)

    changed = []
    with connection.execute_wrapper(watch):
        yield changed
    now = snapshot([model for model in WATCHED if model._meta.db_table in written])
    changed += sorted(label for label, rows in now.items() if rows != world.rows[label])


def check(response, expected: Outcome, kwargs: dict, what: str) -> None:
    got = f"{response.status_code} {response.get('Location', '')}".strip()
    if isinstance(expected, tuple):
        assert any(_meets(response, one, kwargs) for one in expected), (
            f"{what}: expected one of {expected}, got {got}"
        )
    elif isinstance(expected, Redirect):
        target = expected.to.format(**kwargs)
        location = urlsplit(response.get("Location", "")).path
        assert response.status_code == 302 and location == target, (
            f"{what}: expected a redirect to {target}, got {got}"
        )
    else:
        assert response.status_code == expected, f"{what}: expected {expected}, got {got}"


def _meets(response, expected: Outcome, kwargs: dict) -> bool:
    try:
        check(response, expected, kwargs, "")
    except AssertionError:
        return False
    return True


# --- The tests ------------------------------------------------------------------------------


def test_every_url_pattern_has_an_entry():
    missing = [f"  {key}  ({route})" for key, route in URLS.items() if entry_for(key) is None]
    assert not missing, (
        "These URL patterns have no entry in tests/test_access.py. Add each to PORTAL (by URL "
        "name) or, for the reviewer site, to REVIEW_SITE / REVIEW_MODELS, saying who may reach it:\n"
        + "\n".join(missing)
    )


def test_no_entry_names_a_url_that_is_gone():
    stale = [key for key in PORTAL if key not in URLS]
    stale += [
        rule for rule, value in REVIEW_SITE.items() if not any(_matches(rule, value, key) for key in URLS)
    ]
    stale += [
        label for label in REVIEW_MODELS if label not in {m._meta.label_lower for m in review_site._registry}
    ]
    assert not stale, f"Entries for URLs or models that no longer exist; remove them: {stale}"


def _cases(select: Callable[[Entry], list[str]]) -> list:
    return [
        pytest.param(key, user, id=f"{key}-{user}")
        for key in URLS
        if (entry := entry_for(key)) is not None
        for user in select(entry)
    ]


@pytest.mark.parametrize(("key", "user"), _cases(lambda entry: list(USERS)))
def test_get(client, world, key, user):
    entry = entry_for(key)
    kwargs = _resolve(world, entry.kwargs)
    sign_in(client, world, user)
    response = client.get(url_of(key, kwargs, entry.query))
    check(response, entry.get[user], kwargs, f"GET {key} as {user}")


@pytest.mark.parametrize(("key", "user"), _cases(lambda entry: list(entry.post)))
def test_a_refused_post_changes_nothing(client, world, key, user):
    entry = entry_for(key)
    kwargs = _resolve(world, entry.kwargs)
    sign_in(client, world, user)
    with changes(world) as changed:
        response = client.post(url_of(key, kwargs, entry.query), entry.data(world) if entry.data else {})
    check(response, entry.post[user], kwargs, f"POST {key} as {user}")
    assert not changed, f"POST {key} as {user} changed {changed}"


@pytest.mark.parametrize(("key", "user"), _cases(lambda entry: [CLERK_A] if entry.owner_effect else []))
def test_the_owners_post_takes_effect(client, world, key, user):
    """The refused POSTs above were made on objects where the owner's POST does something."""
    entry = entry_for(key)
    url = url_of(key, _resolve(world, entry.kwargs), entry.query)
    sign_in(client, world, user)
    with changes(world) as changed:
        response = client.post(url, entry.data(world))
    assert response.status_code == 302
    assert changed, f"the owner's POST {key} changed nothing"


@pytest.mark.parametrize(("key", "user"), _cases(lambda entry: [CLERK_B] if entry.mixed else []))
def test_a_clerk_cannot_graft_anothers_object_onto_their_own(client, world, key, user):
    entry = entry_for(key)
    kwargs = _resolve(world, entry.mixed)
    sign_in(client, world, user)
    url = url_of(key, kwargs)
    with changes(world) as changed:
        response = client.post(url, entry.data(world)) if entry.data else client.get(url)
    check(response, 404, kwargs, f"{key} as {user} with {entry.mixed}")
    assert not changed, f"{key} as {user} changed {changed}"


def test_a_made_up_calendar_token_finds_nothing(client, world):
    assert client.get(reverse("calendar_feed", args=["x" * 43])).status_code == 404


# Drafts stay the employer's own business: the reviewer site hides them, their files included.
DRAFTS_ON_THE_REVIEW_SITE = {
    "review:internships_traineeship_change": ({"object_id": "draft_traineeship"}, TO_REVIEW_SITE),
    "review:internships_traineeship_scan": ({"pk": "draft_traineeship"}, 404),
    "review:internships_extension_scan": ({"pk": "extension"}, 404),
    "review:subsidies_subsidybatch_scan": ({"pk": "batch"}, 404),
    "review:trainees_person_material": ({"pk": "draft_person", "material_pk": "material"}, 404),
}


@pytest.mark.parametrize("key", DRAFTS_ON_THE_REVIEW_SITE)
def test_reviewers_do_not_see_drafts(client, world, key):
    kwargs, expected = DRAFTS_ON_THE_REVIEW_SITE[key]
    kwargs = _resolve(world, kwargs)
    sign_in(client, world, SUPERVISOR)
    check(client.get(url_of(key, kwargs)), expected, kwargs, f"GET {key} of a draft")


@pytest.mark.parametrize("position", ["draft_position", "submitted_position", "closed_position"])
def test_unpublished_positions_are_not_public(client, world, position):
    assert (
        client.get(reverse("positions:public_detail", args=[getattr(world, position).pk])).status_code == 404
    )
