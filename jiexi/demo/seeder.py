"""Fill a development database with realistic Xiamen demo data.

Creates the reviewer accounts, about 20 employers of every kind in all six districts and
about 200 positions in every state. Employers and positions go through the services, so
their history (StatusChange rows) reads like real use. Running it again adds nothing:
employers are keyed by credit code, users by username, positions by (employer, title).
The graduates come after, from jiexi.demo.graduates_seeder, onto the employers made here.
"""

import io
import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image, ImageDraw

from employers.models import Employer, Staff
from employers.services import register_employer, return_employer, update_employer, verify_employer
from jiexi.demo.data import (
    CLERK_PASSWORD,
    CLOSE_NOTES,
    CREDIT_ALPHABET,
    CREDIT_WEIGHTS,
    DEMO_CLERKS,
    DIVISION_CODES,
    DRAFTS_PER_UNVERIFIED_EMPLOYER,
    EMPLOYERS,
    GENERAL_TITLES,
    GIVEN_NAMES,
    KIND_PREFIX,
    MIN_POSITIONS_PER_EMPLOYER,
    MOBILE_PREFIXES,
    ORG_WEIGHTS,
    PENDING,
    POSITION_MIX,
    POSITION_RETURN_REASONS,
    RESUBMITTED_SHARE,
    REVIEW_ACCOUNTS,
    SECTOR_TITLES,
    SEED,
    SOON_EXPIRING,
    SURNAMES,
    TEMPLATES,
    VERIFIED,
    EmployerSeed,
)
from jiexi.rules import normalize_credit_code
from positions.models import Position
from positions.services import (
    approve_position,
    close_position,
    return_position,
    save_position,
    submit_position,
)
from reviews import roles
from reviews.models import StatusChange

User = get_user_model()


@dataclass
class PositionPlan:
    fields: dict
    status: str
    note: str = ""  # return reason or closing note
    returned_first: str = ""  # a return reason the position overcame before publication
    times: tuple[datetime, ...] = ()  # when each step of its history happened


@dataclass
class EmployerPlan:
    seed: EmployerSeed
    username: str
    credit_code: str
    contact_name: str
    mobile: str
    times: tuple[datetime, ...]  # when each step of its history happened
    positions: list[PositionPlan] = field(default_factory=list)

    @property
    def email(self) -> str:
        return f"{self.seed.slug}@example.com"


def credit_code(kind: str, district: str, name: str) -> str:
    """A valid unified social credit code (GB 32100) for the employer, stable per name."""
    rng = random.Random(f"credit-code:{name}")  # str seeds are hashed, so stable across runs
    if kind == Employer.Kind.ENTERPRISE:
        body = "MA" + "".join(rng.choices(CREDIT_ALPHABET, k=6))
    else:
        body = "".join(rng.choices("0123456789", k=8))
    prefix = "51" if kind == Employer.Kind.SOCIAL_ORGANISATION and name.endswith("会") else KIND_PREFIX[kind]
    first17 = prefix + DIVISION_CODES[district] + body + _organisation_check(body)
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return normalize_credit_code(first17 + CREDIT_ALPHABET[(31 - total % 31) % 31])


def _organisation_check(body: str) -> str:
    """The check character of an 8-character organisation code body (GB 11714)."""
    total = sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def licence_png(rng: random.Random) -> ContentFile:
    """A small, valid, text-free PNG standing in for a scanned business licence."""
    image = Image.new("RGB", (400, 300), "#f6f1e3")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 389, 289), outline="#a33b2b", width=5)
    draw.rectangle((150, 28, 250, 46), fill="#a33b2b")  # the title band
    for row in range(7):  # lines standing for the printed fields
        y = 70 + row * 26
        draw.line((40, y, 40 + rng.randint(150, 300), y), fill="#55524c", width=3)
    x, y = rng.randint(250, 300), rng.randint(170, 200)
    draw.ellipse((x, y, x + 80, y + 80), outline="#d0312d", width=4)  # the seal
    draw.regular_polygon((x + 40, y + 40, 14), 5, fill="#d0312d")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="licence.png")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random) -> str:
    return f"0592-{rng.choice('2567')}{rng.randrange(10**6):06d}"


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def title_pool(seed: EmployerSeed) -> list[str]:
    return list(dict.fromkeys(SECTOR_TITLES[seed.sector] + GENERAL_TITLES))


def clerk_usernames() -> list[str]:
    """One username per employer: the demo names for the first verified of each kind."""
    names, demo_taken, number = [], set(), 0
    for seed in EMPLOYERS:
        if seed.status == VERIFIED and seed.kind not in demo_taken:
            demo_taken.add(seed.kind)
            names.append(DEMO_CLERKS[seed.kind])
        else:
            number += 1
            names.append(f"clerk{number:02d}")
    return names


def spread(total: int, caps: list[int], rng: random.Random) -> list[int]:
    """Split `total` into len(caps) random counts of at least the minimum and at most the caps."""
    counts = [MIN_POSITIONS_PER_EMPLOYER] * len(caps)
    if not sum(counts) <= total <= sum(caps):
        raise CommandError("The position mix does not fit the employers' title pools.")
    for _ in range(total - sum(counts)):
        open_slots = [i for i, n in enumerate(counts) if n < caps[i]]
        counts[rng.choice(open_slots)] += 1
    return counts


def build_plan(rng: random.Random, today: date) -> list[EmployerPlan]:
    """Everything the run creates, drawn before touching the database, so the data never
    depends on what already exists."""
    plans = [
        EmployerPlan(
            seed=seed,
            username=username,
            credit_code=credit_code(seed.kind, seed.district, seed.name),
            contact_name=person_name(rng),
            mobile=mobile(rng),
            times=office_times(rng, today, days_ago=rng.randint(90, 150), count=3),
        )
        for seed, username in zip(EMPLOYERS, clerk_usernames(), strict=True)
    ]
    verified = [plan for plan in plans if plan.seed.status == VERIFIED]
    statuses = [status for status, n in POSITION_MIX.items() for _ in range(n)]
    rng.shuffle(statuses)
    counts = spread(len(statuses), [len(title_pool(plan.seed)) for plan in verified], rng)
    demo_first = sorted(zip(verified, counts, strict=True), key=lambda pair: not is_demo(pair[0]))
    for plan, count in demo_first:
        chosen = take_statuses(statuses, count, every=is_demo(plan))
        plan.positions = [plan_position(rng, plan, status, today) for status in chosen]
    for plan in plans:
        if plan.seed.status != VERIFIED:
            drafts = range(DRAFTS_PER_UNVERIFIED_EMPLOYER)
            plan.positions = [plan_position(rng, plan, Position.Status.DRAFT, today) for _ in drafts]
    assign_titles(rng, plans)
    expire_soon(rng, plans, today)
    return plans


def is_demo(plan: EmployerPlan) -> bool:
    return plan.username in DEMO_CLERKS.values()


def take_statuses(pool: list[str], count: int, *, every: bool) -> list[str]:
    """Take `count` statuses from the shuffled pool; with `every`, one of each state first,
    so each demo clerk sees every state of a position."""
    chosen = list(POSITION_MIX) if every else []
    for status in chosen:
        pool.remove(status)
    return chosen + [pool.pop() for _ in range(count - len(chosen))]


def plan_position(rng: random.Random, employer: EmployerPlan, status: str, today: date) -> PositionPlan:
    """One position's fields and path; the title is assigned afterwards."""
    own_contact = rng.random() < 0.6
    fields = {
        "openings": rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8, 10)),
        "district": employer.seed.district,
        "address": employer.seed.address,
        "months_offered": rng.choice((3, 4, 6, 6, 6, 8, 9, 12, 12, 12)),
        "contact_name": employer.contact_name if own_contact else person_name(rng),
        "contact_phone": employer.mobile if own_contact else landline(rng),
        "valid_until": today + timedelta(days=rng.randint(10, 180)),
    }
    plan = PositionPlan(fields=fields, status=status)
    plan.times = office_times(rng, today, days_ago=rng.randint(20, 80), count=5)
    if status == Position.Status.RETURNED:
        plan.note = rng.choice(POSITION_RETURN_REASONS)
    elif status == Position.Status.CLOSED:
        plan.note = rng.choice(CLOSE_NOTES)
    elif status == Position.Status.PUBLISHED and rng.random() < RESUBMITTED_SHARE:
        plan.returned_first = rng.choice(POSITION_RETURN_REASONS)
    return plan


def assign_titles(rng: random.Random, plans: list[EmployerPlan]) -> None:
    """Distinct titles within each employer, with the template's requirements and duties."""
    for plan in plans:
        titles = rng.sample(title_pool(plan.seed), len(plan.positions))
        for position, title in zip(plan.positions, titles, strict=True):
            education, major, duties = TEMPLATES[title]
            position.fields.update(title=title, education=education, major_requirement=major, duties=duties)


def expire_soon(rng: random.Random, plans: list[EmployerPlan], today: date) -> None:
    """A handful of published positions run out in 1-3 days, so the expiry sweep shows soon."""
    published = [p for plan in plans for p in plan.positions if p.status == Position.Status.PUBLISHED]
    for position in rng.sample(published, SOON_EXPIRING):
        position.fields["valid_until"] = today + timedelta(days=rng.randint(1, 3))


def office_times(rng: random.Random, today: date, *, days_ago: int, count: int) -> tuple[datetime, ...]:
    """`count` increasing moments in office hours on weekdays, the first `days_ago` days ago.
    Each step takes 1-3 days, so 5 steps starting 20 days ago stay in the past."""
    times, day = [], today - timedelta(days=days_ago)
    for index in range(count):
        day += timedelta(days=rng.randint(1, 3) if index else 0)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
        times.append(timezone.make_aware(datetime.combine(day, time()) + timedelta(minutes=minutes)))
    return tuple(times)


def backdate(obj, times: tuple[datetime, ...]) -> None:
    """Move a new object's history into the past, so queues and timelines look lived-in."""
    rows = list(obj.history().order_by("at", "id"))
    for row, when in zip(rows, times, strict=False):
        row.at = when
    StatusChange.objects.bulk_update(rows, ["at"])
    type(obj).objects.filter(pk=obj.pk).update(created_at=times[0], status_changed_at=rows[-1].at)


class Seeder:
    """Applies a plan through the services, skipping whatever already exists."""

    def __init__(self, *, today: date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        self.plans = build_plan(self.rng, today)
        self.hashes: dict[str, str] = {}  # one hash per password: hashing dominates the run time
        self.reviewer = None
        self.accounts: dict[str, tuple[Employer, object]] = {}  # username -> (employer, clerk)
        self.created = {"users": 0, "employers": 0, "positions": 0}

    def password_hash(self, password: str) -> str:
        if password not in self.hashes:
            self.hashes[password] = make_password(password)
        return self.hashes[password]

    def run(self) -> None:
        roles.ensure_roles()
        for username, password, role, family, given in REVIEW_ACCOUNTS:
            user = self.ensure_reviewer(username, password, role, family, given)
            if role == roles.REVIEWER:
                self.reviewer = user
        for plan in self.plans:
            employer, clerk = self.ensure_employer(plan)
            self.accounts[plan.username] = (employer, clerk)
            self.ensure_positions(plan, employer, clerk)

    def ensure_reviewer(self, username: str, password: str, role: str, family: str, given: str):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "password": self.password_hash(password),
                "is_staff": True,  # the reviewer site admits only staff accounts with a role
                "last_name": family,
                "first_name": given,
                "email": f"{username}@hrss.example.com",
            },
        )
        self.created["users"] += created
        user.groups.add(Group.objects.get(name=role))
        return user

    def ensure_employer(self, plan: EmployerPlan) -> tuple[Employer, object]:
        employer = Employer.objects.filter(credit_code=plan.credit_code).first()
        if employer is not None:
            staff = employer.staff.filter(is_manager=True).select_related("user").first()
            if staff is None:
                raise CommandError(f"{employer} exists without a managing staff account; fix it first.")
            return employer, staff.user
        if User.objects.filter(username__iexact=plan.username).exists():
            raise CommandError(f"User “{plan.username}” exists but its employer {plan.seed.name} does not.")
        staff = self.register(plan)
        self.review_employer(plan, staff)
        backdate(staff.employer, plan.times)
        User.objects.filter(pk=staff.user_id).update(date_joined=plan.times[0])
        Staff.objects.filter(pk=staff.pk).update(created_at=plan.times[0])
        self.created["employers"] += 1
        self.created["users"] += 1
        return Employer.objects.get(pk=staff.employer_id), staff.user

    def register(self, plan: EmployerPlan) -> Staff:
        """Register through the service; the password hash is set afterwards, once per password."""
        profile = {
            "name": plan.seed.name,
            "credit_code": plan.credit_code,
            "kind": plan.seed.kind,
            "district": plan.seed.district,
            "address": plan.seed.address,
            "contact_name": plan.contact_name,
            "mobile": plan.mobile,
            "email": plan.email,
            "licence": licence_png(self.rng),
        }
        Employer(**profile).full_clean(validate_unique=False)
        staff = register_employer(
            username=plan.username, password=None, full_name=plan.contact_name, profile=profile
        )
        staff.user.password = self.password_hash(CLERK_PASSWORD)
        staff.user.save(update_fields=["password"])
        return staff

    def review_employer(self, plan: EmployerPlan, staff: Staff) -> None:
        """Take the new employer to its planned state the way a reviewer would."""
        employer = staff.employer
        if plan.seed.returned_for:
            return_employer(employer=employer, by=self.reviewer, reason=plan.seed.returned_for)
        if plan.seed.status == PENDING and plan.seed.returned_for:
            # The clerk uploaded a clear scan, which sends the employer back to the queue.
            update_employer(employer=employer, by=staff.user, changes={"licence": licence_png(self.rng)})
        if plan.seed.status == VERIFIED:
            verify_employer(employer=employer, by=self.reviewer, note="材料齐全，核验通过。")

    def ensure_positions(self, plan: EmployerPlan, employer: Employer, clerk) -> None:
        existing = set(Position.objects.filter(employer=employer).values_list("title", flat=True))
        for position_plan in plan.positions:
            if position_plan.fields["title"] in existing:
                continue
            if not employer.can_submit:  # someone returned the employer since an earlier run
                position_plan = replace(position_plan, status=Position.Status.DRAFT, returned_first="")
            position = Position(employer=employer, **position_plan.fields)
            position.full_clean()
            save_position(position=position, by=clerk, today=self.today)
            self.advance(position, position_plan, clerk)
            backdate(position, position_plan.times)
            self.created["positions"] += 1

    def advance(self, position: Position, plan: PositionPlan, clerk) -> None:
        """Walk a saved draft through the services up to its planned state."""
        if plan.status == Position.Status.DRAFT:
            return
        submit_position(position=position, by=clerk, today=self.today)
        if plan.returned_first:
            return_position(position=position, by=self.reviewer, reason=plan.returned_first)
            submit_position(position=position, by=clerk, today=self.today)
        if plan.status == Position.Status.RETURNED:
            return_position(position=position, by=self.reviewer, reason=plan.note)
        elif plan.status in (Position.Status.PUBLISHED, Position.Status.CLOSED):
            approve_position(position=position, by=self.reviewer, today=self.today)
            if plan.status == Position.Status.CLOSED:
                close_position(position=position, by=clerk, note=plan.note)
