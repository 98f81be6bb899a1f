"""The demo seed: complete, idempotent, documented logins work, refuses to run in production."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from employers.models import Employer, Staff
from jiexi.choices import District
from jiexi.demo import data as demo_data
from jiexi.rules import normalize_credit_code
from positions.models import Position
from reviews.models import StatusChange

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
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (User, Employer, Staff, Position, StatusChange)
    }


@pytest.fixture
def seeded(db, settings, fast_hashing) -> dict[str, int]:
    """Run the command twice; return the counts after the first run."""
    settings.DEBUG = True  # pytest-django runs tests with DEBUG off
    seed()
    first = counts()
    output = seed()
    assert "Created 0 employers, 0 positions and 0 user accounts" in output
    assert counts() == first
    return first


# Each test seeds a fresh database twice (about 1.5 s), so the checks are grouped.


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
        assert authenticate(username=username, password=password) is not None, username
    for kind, username in demo_data.DEMO_CLERKS.items():
        staff = Staff.objects.select_related("employer").get(user__username=username)
        assert staff.is_manager
        assert (staff.employer.kind, staff.employer.status) == (kind, Employer.Status.VERIFIED)
        assert set(staff.employer.positions.values_list("status", flat=True)) == set(Position.Status.values)
    assert client.login(username="reviewer", password=demo_data.REVIEWER_PASSWORD)
    assert client.get("/review/").status_code == 200


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced(settings, fast_hashing):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert Employer.objects.count() == 0
    seed(force=True)
    assert Employer.objects.exists()
