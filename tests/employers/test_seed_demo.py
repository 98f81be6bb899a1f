"""The demo seed: complete, idempotent, documented logins work, refuses to run in production."""

import io
from collections import Counter
from datetime import timedelta
from itertools import pairwise

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer, Staff
from internships import services as internship_services
from internships.models import Extension, Traineeship
from jiexi.choices import District, Education
from jiexi.demo import data as demo_data
from jiexi.demo import graduates as demo_graduates
from jiexi.rules import normalize_credit_code, normalize_id_number, total_basis_days
from notifications.models import Notification
from positions.models import Position
from reviews.models import StatusChange
from subsidies.models import BatchLine, SubsidyBatch
from tests.conftest import log_in
from trainees.models import InsuranceRecord, Material, Person, PersonAccess, School

User = get_user_model()

DOCUMENTED_LOGINS = [
    ("reviewer", demo_data.REVIEWER_PASSWORD),
    ("supervisor", demo_data.SUPERVISOR_PASSWORD),
    ("auditor", demo_data.AUDITOR_PASSWORD),
    ("agency", demo_data.CLERK_PASSWORD),
    ("institution", demo_data.CLERK_PASSWORD),
    ("enterprise", demo_data.CLERK_PASSWORD),
    ("social", demo_data.CLERK_PASSWORD),
    ("clerk01", demo_data.CLERK_PASSWORD),
]


@pytest.fixture
def fast_hashing(settings):
    # The command hashes with whatever hasher is configured; a cheap one keeps the test fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(**options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=out, stderr=err, **options)
    assert "left out" not in err.getvalue()  # no service refused a planned demo traineeship
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        User,
        Employer,
        Staff,
        Position,
        Person,
        Material,
        PersonAccess,
        InsuranceRecord,
        Traineeship,
        Extension,
        SubsidyBatch,
        BatchLine,
        Notification,
        StatusChange,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def seeded(db, settings, fast_hashing) -> dict[str, int]:
    """Run the command twice; return the counts after the first run."""
    settings.DEBUG = True  # pytest-django runs tests with DEBUG off
    seed()
    first = counts()
    output = seed()
    assert (
        "Created 0 employers, 0 positions, 0 graduates, 0 pool look-ups, 0 social-insurance records, "
        "0 traineeships, 0 extensions, 0 subsidy batches, 0 inbox messages and 0 user accounts"
    ) in output
    assert "Graduates: 300 (draft 55, submitted 40, returned 25, approved 180)" in output
    assert counts() == first
    assert f"Traineeships: {first['Traineeship']} (draft " in output
    return first


# Each test seeds a fresh database twice (about 10 s), so the checks are grouped.


def test_seed_is_complete_and_idempotent(seeded):
    assert seeded["Employer"] >= 18
    assert seeded["Position"] >= 180
    assert seeded["StatusChange"] > seeded["Position"]  # positions went through the services
    assert set(Employer.objects.values_list("kind", flat=True)) == set(Employer.Kind.values)
    assert set(Employer.objects.values_list("district", flat=True)) == set(District.values)
    assert set(Employer.objects.values_list("status", flat=True)) == set(Employer.Status.values)
    assert set(Position.objects.values_list("status", flat=True)) == set(Position.Status.values)
    unverified = Position.objects.exclude(employer__status=Employer.Status.VERIFIED)
    assert set(unverified.values_list("status", flat=True)) <= {Position.Status.DRAFT}
    for employer in Employer.objects.all():
        assert normalize_credit_code(employer.credit_code) == employer.credit_code
        assert employer.licence.name.endswith(".png")
        assert employer.staff.filter(is_manager=True).exists()
    assert all(e.return_note for e in Employer.objects.filter(status=Employer.Status.RETURNED))
    returned = Position.objects.with_return_note().filter(status=Position.Status.RETURNED)
    assert returned and all(p.last_return_note for p in returned)


def test_documented_logins_work(seeded, client):
    for username, password in DOCUMENTED_LOGINS:
        assert (
            authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password)
            is not None
        ), username
    for kind, username in demo_data.DEMO_CLERKS.items():
        staff = Staff.objects.select_related("employer").get(user__username=username)
        assert staff.is_manager
        assert (staff.employer.kind, staff.employer.status) == (kind, Employer.Status.VERIFIED)
        assert set(staff.employer.positions.values_list("status", flat=True)) == set(Position.Status.values)
    assert log_in(client, "agency", demo_data.CLERK_PASSWORD)
    assert client.get(reverse("trainees:list")).status_code == 200
    rare = Person.objects.get(name="吉𠮷")  # the demo clerk's graduate with a character beyond the BMP
    response = client.get(reverse("trainees:detail", args=[rare.pk]))
    assert response.status_code == 200
    assert "吉𠮷" in response.content.decode()
    assert log_in(client, "reviewer", demo_data.REVIEWER_PASSWORD)
    assert client.get("/review/").status_code == 200


EDUCATION_AT = {
    School.Level.SECONDARY: {Education.SECONDARY_VOCATIONAL},
    School.Level.VOCATIONAL_COLLEGE: {Education.JUNIOR_COLLEGE},
    School.Level.UNIVERSITY: {Education.BACHELOR, Education.MASTER, Education.DOCTOR},
}


def test_graduates_in_every_state(seeded):
    persons = list(Person.objects.select_related("registered_by", "school").prefetch_related("materials"))
    assert seeded["Person"] == len(persons) == sum(demo_graduates.GRADUATE_MIX.values()) == 300
    assert Counter(p.status for p in persons) == demo_graduates.GRADUATE_MIX
    assert seeded["StatusChange"] > seeded["Position"] + 2 * len(persons)  # through the services
    assert all(normalize_id_number(p.id_number) == p.id_number for p in persons)
    names = "".join(p.name for p in persons)
    assert "𠮷" in names and "䶮" in names  # U+20BB7 (beyond the BMP) and U+4DAE
    today = timezone.localdate()
    for person in persons:
        if person.status != Person.Status.DRAFT:
            assert not person.missing_materials, person
        if person.school is not None:
            assert person.education in EDUCATION_AT[person.school.level], person
        assert person.certificate_date <= today
    assert any(p.missing_materials for p in persons if p.status == Person.Status.DRAFT)
    assert sum(p.school is not None for p in persons) > len(persons) * 3 / 4  # mostly Xiamen schools
    assert any(p.school is None for p in persons)  # some typed-in schools elsewhere
    assert any(p.graduation_deadline < today for p in persons)  # too long ago for a traineeship
    unverified = [p for p in persons if p.registered_by.status != Employer.Status.VERIFIED]
    assert unverified and {p.status for p in unverified} == {Person.Status.DRAFT}
    for username in demo_data.DEMO_CLERKS.values():
        employer_id = Staff.objects.get(user__username=username).employer_id
        own = {p.status for p in persons if p.registered_by_id == employer_id}
        assert own == set(Person.Status.values), username
    returned = Person.objects.with_return_note().filter(status=Person.Status.RETURNED)
    assert returned and all(p.last_return_note for p in returned)
    accesses = PersonAccess.objects.select_related("person")
    assert accesses
    for access in accesses:
        assert access.person.status == Person.Status.APPROVED
        assert access.employer_id != access.person.registered_by_id
    numbers = set(InsuranceRecord.objects.values_list("id_number", flat=True))
    assert 10 <= len(numbers) <= 20 and numbers <= set(Person.objects.values_list("id_number", flat=True))
    assert InsuranceRecord.objects.filter(first_month__lt=today).exists()  # fails INSURED_BEFORE


def test_traineeships_in_every_state_keep_the_rules(seeded):
    assert seeded["Traineeship"] == Traineeship.objects.count() >= 100
    assert_traineeships_in_every_state(timezone.localdate())
    assert_traineeships_keep_the_rules(timezone.localdate())
    assert_history_in_the_past()


def assert_traineeships_in_every_state(today) -> None:
    traineeships = list(Traineeship.objects.select_related("person", "position", "employer"))
    assert {t.status for t in traineeships} == set(Traineeship.Status.values)
    for username in demo_data.DEMO_CLERKS.values():
        employer_id = Staff.objects.get(user__username=username).employer_id
        own = [t for t in traineeships if t.employer_id == employer_id]
        assert {t.status for t in own} == set(Traineeship.Status.values), username
        assert any(t.is_running and today <= t.extension_deadline <= today + timedelta(days=10) for t in own)
    by_status = {
        status: [t for t in traineeships if t.status == status] for status in Traineeship.Status.values
    }
    drafts = by_status[Traineeship.Status.DRAFT]
    assert any(t.agreement for t in drafts) and any(not t.agreement for t in drafts)
    assert all(today < t.start <= today + timedelta(days=20) for t in by_status[Traineeship.Status.APPROVED])
    assert all(t.terminated_on < today.replace(day=1) for t in by_status[Traineeship.Status.TERMINATED])
    assert any(t.terminated_on and t.terminated_on >= today for t in by_status[Traineeship.Status.ACTIVE])
    assert {t.kept_on for t in by_status[Traineeship.Status.COMPLETED]} >= {True, False}
    returned = Traineeship.objects.with_return_note().filter(status=Traineeship.Status.RETURNED)
    assert returned and all(t.last_return_note for t in returned)
    assert {e.status for e in Extension.objects.all()} >= set(Extension.OPEN) | {Extension.Status.APPROVED}
    for extension in Extension.objects.filter(status=Extension.Status.APPROVED).select_related("traineeship"):
        assert extension.traineeship.end == extension.new_end != extension.traineeship.agreed_end
    for t in traineeships:
        visible = (
            t.person.registered_by_id == t.employer_id or t.person.access.filter(employer=t.employer).exists()
        )
        assert visible and t.person.status == Person.Status.APPROVED, t
        assert t.position.employer_id == t.employer_id and t.position.status == Position.Status.PUBLISHED
        assert t.submitted_on is None or t.submitted_on < t.start


def assert_traineeships_keep_the_rules(today) -> None:
    counting = Traineeship.objects.filter(status__in=Traineeship.COUNTING)
    for person in Person.objects.filter(traineeships__in=counting).distinct():
        periods = sorted(t.period for t in Traineeship.objects.periods_of(person))
        assert total_basis_days(periods) <= 360, person
        assert all(a[1] < b[0] for a, b in pairwise(periods)), person  # no overlaps
        # The demo files at most one traineeship per graduate at a time.
        assert person.traineeships.filter(status__in=Traineeship.HOLDING).count() <= 1
    for position in Position.objects.filter(traineeships__isnull=False).distinct():
        assert position.traineeships.holding_an_opening().count() <= position.openings
    # The state is what the daily sweeps leave: running them today changes nothing.
    assert internship_services.activate_due(today=today) == 0
    assert internship_services.complete_due(today=today) == 0
    assert internship_services.apply_terminations(today=today) == 0


def assert_history_in_the_past() -> None:
    """Filed on past days through the services: history in order, reviews by the reviewer."""
    reviewer = User.objects.get(username="reviewer")
    approvals = StatusChange.objects.filter(to_status=Traineeship.Status.APPROVED)
    assert approvals and set(approvals.values_list("by", flat=True)) == {reviewer.pk}
    assert not StatusChange.objects.filter(at__gt=timezone.now()).exists()
    for t in Traineeship.objects.exclude(status=Traineeship.Status.DRAFT).select_related("person"):
        moments = [row.at for row in t.history().order_by("id")]
        assert moments == sorted(moments) and moments[0] < moments[-1], t
        assert t.person.history().order_by("at").last().at < moments[0]  # in the pool before filing


def test_batches_filed_paid_and_waiting_and_the_inbox_told(seeded, client):
    statuses = Counter(SubsidyBatch.objects.values_list("status", flat=True))
    assert statuses[SubsidyBatch.Status.PAID] and statuses[SubsidyBatch.Status.SUBMITTED]
    assert statuses[SubsidyBatch.Status.RETURNED] == 1
    assert not BatchLine.objects.filter(amount__lte=0).exists()
    for batch in SubsidyBatch.objects.all():  # filed through the services: a line per payable traineeship
        assert batch.lines.count() >= 1 and batch.signed_sheet
    enterprise = Employer.objects.get(staff__user__username="enterprise")
    assert Notification.objects.filter(employer=enterprise).exists()
    assert log_in(client, "enterprise", demo_data.CLERK_PASSWORD)
    assert "暂无消息" not in client.get(reverse("notifications:inbox")).content.decode()


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced(settings, fast_hashing):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert Employer.objects.count() == 0
    seed(force=True)
    assert Employer.objects.exists()
