"""Demo traineeships in every state, through the internships services.

About a hundred traineeships on approved graduates and published positions of verified
employers: drafts, filings awaiting review, returned ones, approved ones about to start, running
ones (some ending in the next days, some with an extension in progress or approved, some with a
termination entered for later this month), completed and terminated ones. Each is filed on a
day in the past (the services take that day as `today`) and walked through the same calls a
clerk, the reviewer and the daily sweeps make; its history is then dated on the days planned,
and the graduate's, position's and employer's own history is moved earlier where it would
otherwise come after the filing.

The plan is drawn from its own random stream over the graduates and positions in the database,
honouring every rule the services check (eligibility, the 12-month cap, overlaps, one live
traineeship per graduate, the position's openings over time). A second run adds nothing, on any
day: an employer that has any traineeship, and a graduate who has any, are left alone.
"""

import functools
import io
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from PIL import Image, ImageDraw

from employers.models import Employer, Staff
from internships import services
from internships.models import Extension, Traineeship
from jiexi import rules
from jiexi.demo.data import DEMO_CLERKS
from jiexi.demo.graduates import RARE_NAMES
from jiexi.demo.traineeships import (
    DAYS_AFTER_CERTIFICATE,
    DEMO_SCENARIOS,
    ENDED,
    ENDED_LENGTHS,
    EXTENSION_MONTHS,
    EXTENSION_RETURN_REASONS,
    KEPT_ON,
    LENGTHS,
    MENTORS,
    SCAN_ON_EXTENSION_DRAFT,
    SCENARIO_MIX,
    TERMINATION_REASONS,
    TRAINEESHIP_RETURN_REASONS,
    TRAINEESHIP_SEED,
    WORK_PLANS,
)
from positions.models import Position
from reviews.models import StatusChange
from trainees.models import Basis, InsuranceRecord, Material, Person, PersonAccess

User = get_user_model()
DAY = timedelta(days=1)
FOREVER = date.max
UNSUBMITTED = ("draft", "draft_unsigned")
# Planned in this order, the most constrained first; ended ones before any running one.
ORDER = (
    "completed",
    "terminated",
    "extended",
    "extension_submitted",
    "extension_returned",
    "extension_draft",
    "ending_soon",
    "terminating",
    "active",
    "approved",
    "submitted",
    "returned",
    "draft",
    "draft_unsigned",
)
TRIES = 8  # date draws per position before trying the next


# --- Dates --------------------------------------------------------------------------------


def office_day(day: date) -> date:
    """The day itself, or the Friday before when it falls on a weekend."""
    while day.weekday() >= 5:
        day -= DAY
    return day


def office_days_after(day: date, count: int) -> date:
    for _ in range(count):
        day += DAY
        while day.weekday() >= 5:
            day += DAY
    return day


def days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


@dataclass
class Dates:
    created: date  # the draft saved
    start: date
    end: date  # the agreed end
    filed: date | None = None
    decided: date | None = None  # approved or returned by the reviewer
    extension: tuple[date, date, date | None] | None = None  # drafted (and submitted) on, new end, decided
    termination: tuple[date, date] | None = None  # last day, entered on

    @property
    def reach(self) -> date:
        """The furthest day the traineeship may run: what the cap and overlaps must allow."""
        if self.termination:
            return self.termination[0]
        return self.extension[1] if self.extension else self.end


def _future(rng: random.Random, today: date, months: int, filed: date | None, start_in: tuple) -> Dates:
    start = today + days(rng, *start_in)
    created = office_day((filed or today) - days(rng, 0, 3 if filed else 14))
    return Dates(created=created, start=start, end=rules.period_end(start, months), filed=filed)


def _reviewed(rng: random.Random, today: date, months: int, ago: tuple, start_in: tuple) -> Dates | None:
    dates = _future(rng, today, months, office_day(today - days(rng, *ago)), start_in)
    dates.decided = office_days_after(dates.filed, rng.randint(1, 3))
    return dates if dates.decided <= today else None


def _started(rng: random.Random, today: date, start: date, months: int) -> Dates | None:
    """Started by today, filed 1-14 days before the start and approved 1-3 office days later."""
    filed = office_day(start - days(rng, 1, 14))
    dates = Dates(
        created=office_day(filed - days(rng, 0, 3)),
        start=start,
        end=rules.period_end(start, months),
        filed=filed,
        decided=office_days_after(filed, rng.randint(1, 3)),
    )
    return dates if start <= today and dates.decided <= today else None


def _running(rng: random.Random, today: date, months: int, ends_in: tuple) -> Dates | None:
    """Started by today; the agreed end `ends_in` (fewest, most) days from today."""
    return _started(rng, today, rules.add_months(today + days(rng, *ends_in) + DAY, -months), months)


def _active(rng, today, months):
    return _running(rng, today, months, (11, max(11, months * 30 - 10)))


def _ending_soon(rng, today, months):
    return _running(rng, today, months, (1, 10))


def _extension_draft(rng, today, months):
    dates = _ending_soon(rng, today, months)
    if dates:
        new_end = rules.period_end(dates.end + DAY, rng.choice(EXTENSION_MONTHS))
        dates.extension = (office_day(today - days(rng, 0, 3)), new_end, None)
    return dates


def _extension_pending(rng, today, months, *, returned: bool = False):
    dates = _running(rng, today, months, (3, 40))
    if dates is None:
        return None
    submitted = office_day(today - days(rng, 0, 6))
    decided = office_days_after(submitted, rng.randint(1, 2)) if returned else None
    new_end = rules.period_end(dates.end + DAY, rng.choice(EXTENSION_MONTHS))
    dates.extension = (submitted, new_end, decided)
    ok = dates.decided < submitted and (decided is None or decided <= today)
    return dates if ok else None


def _extended(rng, today, months):
    """An extension submitted before the agreed end and approved; the new end still ahead."""
    dates = _running(rng, today, months, (-45, 12))
    if dates is None:
        return None
    submitted = office_day(dates.end - days(rng, 2, 25))
    decided = office_days_after(submitted, rng.randint(1, 3))
    new_end = rules.period_end(dates.end + DAY, rng.choice(EXTENSION_MONTHS))
    dates.extension = (submitted, new_end, decided)
    ok = dates.start + 14 * DAY <= submitted and dates.decided < submitted and decided <= today
    return dates if ok and new_end >= today + 10 * DAY else None


def _terminating(rng, today, months):
    """Running; a termination entered lately for a day later this month (today on its last day)."""
    dates = _active(rng, today, months)
    month_end = rules.period_end(today.replace(day=1), 1)
    on = today + days(rng, 1, (month_end - today).days) if today < month_end else today
    if dates is None or on >= dates.end:
        return None
    entered = office_day(min(today - days(rng, 0, 3), rules.termination_deadline(on)))
    dates.termination = (on, entered)
    return dates if entered > dates.decided and entered >= dates.start else None


def _completed(rng, today, months):
    return _running(rng, today, min(months, rng.choice(ENDED_LENGTHS)), (-75, -1))


def _terminated(rng, today, months):
    """Terminated in an earlier month, entered before or soon after the last day."""
    on = today.replace(day=1) - days(rng, 1, 120)
    dates = _started(rng, today, on - days(rng, 20, 150), months)
    if dates is None or on >= dates.end:
        return None
    late = rng.random() < 0.3
    entered = office_days_after(on, rng.randint(1, 4)) if late else office_day(on - days(rng, 0, 10))
    entered = office_day(min(entered, rules.termination_deadline(on)))
    dates.termination = (on, entered)
    return dates if entered > dates.decided and entered >= dates.start else None


DRAW: dict[str, Callable[[random.Random, date, int], Dates | None]] = {
    "draft": lambda rng, today, m: _future(rng, today, m, None, (3, 30)),
    "draft_unsigned": lambda rng, today, m: _future(rng, today, m, None, (3, 30)),
    "submitted": lambda rng, today, m: _future(rng, today, m, office_day(today - days(rng, 0, 5)), (2, 30)),
    "returned": lambda rng, today, m: _reviewed(rng, today, m, (4, 15), (3, 30)),
    "approved": lambda rng, today, m: _reviewed(rng, today, m, (3, 20), (1, 20)),
    "active": _active,
    "ending_soon": _ending_soon,
    "extension_draft": _extension_draft,
    "extension_submitted": _extension_pending,
    "extension_returned": functools.partial(_extension_pending, returned=True),
    "extended": _extended,
    "terminating": _terminating,
    "completed": _completed,
    "terminated": _terminated,
}


# --- The plan -----------------------------------------------------------------------------


@dataclass
class Graduate:
    """An approved graduate as the planner sees them, with the traineeships planned so far."""

    person: Person
    insured_on: date | None
    periods: list[tuple[date, date]] = field(default_factory=list)
    last_day: date | None = None
    running: bool = False  # a traineeship planned that is not over

    def candidate(self) -> rules.Candidate:
        return rules.Candidate(
            certificate_date=self.person.certificate_date,
            xiamen_origin=self.person.basis == Basis.XIAMEN_ORIGIN,
            xiamen_school=self.person.school_in_xiamen,
            first_insured_on=self.insured_on,
            periods=tuple(self.periods),
        )


@dataclass
class Opening:
    """A position with one timeline per opening: the days each planned traineeship holds it."""

    position: Position
    slots: list[list[tuple[date, date]]]

    def free_slot(self, held: tuple[date, date]) -> list | None:
        for slot in self.slots:
            if all(held[1] < begin or end < held[0] for begin, end in slot):
                return slot
        return None


@dataclass
class TraineeshipPlan:
    scenario: str
    username: str
    graduate: Graduate
    position: Position
    dates: Dates
    mentor: str
    work_content: str
    reason: str = ""  # the reviewer's return reason, or the termination reason
    extension_reason: str = ""
    kept_on: bool | None = None
    scan: bool = True
    extension_scan: bool = True


@dataclass
class Employers:
    """Verified employers by username, with their published positions and visible graduates."""

    kinds: dict[str, Employer]
    openings: dict[str, list[Opening]]
    pools: dict[str, list[Graduate]]


def load_employers(accounts: dict[str, tuple[Employer, object]]) -> Employers:
    verified = {name: e for name, (e, _) in accounts.items() if e.status == Employer.Status.VERIFIED}
    by_id = {e.pk: name for name, e in verified.items()}
    openings: dict[str, list[Opening]] = {name: [] for name in verified}
    positions = Position.objects.filter(employer__in=verified.values(), status=Position.Status.PUBLISHED)
    for position in positions.order_by("employer_id", "title"):
        slots = [[] for _ in range(position.openings)]
        openings[by_id[position.employer_id]].append(Opening(position, slots))
    insured = dict(InsuranceRecord.objects.values_list("id_number").annotate(first=Min("first_month")))
    persons = Person.objects.filter(status=Person.Status.APPROVED).select_related("school")
    graduates = {p.pk: Graduate(p, insured.get(p.id_number)) for p in persons.order_by("id_number")}
    pools: dict[str, list[Graduate]] = {name: [] for name in verified}
    for graduate in graduates.values():
        if graduate.person.registered_by_id in by_id:
            pools[by_id[graduate.person.registered_by_id]].append(graduate)
    accesses = PersonAccess.objects.filter(employer__in=verified.values(), person__in=graduates)
    for employer_id, person_id in accesses.order_by("person__id_number").values_list("employer", "person"):
        pools[by_id[employer_id]].append(graduates[person_id])
    return Employers(kinds=verified, openings=openings, pools=pools)


class Planner:
    """Draws every traineeship of the run, without touching the database."""

    def __init__(self, rng: random.Random, today: date, employers: Employers) -> None:
        self.rng, self.today, self.employers = rng, today, employers
        self.rare = {name for name, *_ in RARE_NAMES}

    def plan(self) -> tuple[list[TraineeshipPlan], list[str]]:
        """The plans in filing order, and the scenarios that found no graduate and position."""
        demo = [name for name in DEMO_CLERKS.values() if name in self.employers.kinds]
        others = [name for name in self.employers.kinds if name not in demo]
        remaining = dict(SCENARIO_MIX)
        wanted = [(scenario, [name]) for name in demo for scenario in DEMO_SCENARIOS]
        for scenario, _ in wanted:
            remaining[scenario] -= 1
        rest = [scenario for scenario, n in remaining.items() for _ in range(n)]
        self.rng.shuffle(rest)
        wanted += [(scenario, self.rng.sample(others, len(others)) + demo) for scenario in rest]
        wanted.sort(key=lambda item: ORDER.index(item[0]))
        plans, missing = [], []
        for scenario, names in wanted:
            plan = next(filter(None, (self.place(scenario, name) for name in names)), None)
            if plan is None:
                missing.append(scenario)
            else:
                plans.append(plan)
        return plans, missing

    def place(self, scenario: str, username: str) -> TraineeshipPlan | None:
        openings = self.employers.openings[username]
        pool = self.rng.sample(self.employers.pools[username], len(self.employers.pools[username]))
        pool.sort(key=lambda g: g.person.name not in self.rare)  # rare names first, for the PDFs
        public = self.employers.kinds[username].is_public_sector
        for opening in self.rng.sample(openings, len(openings)):
            lengths = [m for m in LENGTHS if m <= opening.position.months_offered]
            for _ in range(TRIES):
                dates = DRAW[scenario](self.rng, self.today, self.rng.choice(lengths))
                if dates is None:
                    continue
                slot = opening.free_slot(self.held(scenario, dates))
                graduate = next((g for g in pool if self.fits(g, scenario, dates, public)), None)
                if slot is not None and graduate is not None:
                    slot.append(self.held(scenario, dates))
                    return self.make(scenario, username, graduate, opening.position, dates)
        return None

    def held(self, scenario: str, dates: Dates) -> tuple[date, date]:
        """The days the traineeship holds an opening (drafts reserve theirs, to be submittable)."""
        return (dates.created, dates.reach if scenario in ENDED else FOREVER)

    def fits(self, graduate: Graduate, scenario: str, dates: Dates, public_sector: bool) -> bool:
        if graduate.running or (graduate.last_day and dates.created <= graduate.last_day):
            return False
        if dates.created < graduate.person.certificate_date + timedelta(days=DAYS_AFTER_CERTIFICATE):
            return False
        filings = [dates.filed] if dates.filed else []
        if scenario in (*UNSUBMITTED, "returned"):
            filings.append(self.today)  # still to be (re)submitted
        candidate = graduate.candidate()
        return not any(
            rules.eligibility_problems(
                candidate, public_sector=public_sector, filed_on=day, start=dates.start, end=dates.reach
            )
            for day in filings
        )

    def make(self, scenario, username, graduate, position, dates) -> TraineeshipPlan:
        rng = self.rng
        graduate.periods.append((dates.start, dates.reach))
        graduate.last_day = dates.reach
        graduate.running = scenario not in ENDED
        return TraineeshipPlan(
            scenario=scenario,
            username=username,
            graduate=graduate,
            position=position,
            dates=dates,
            mentor=rng.choice(MENTORS),
            work_content=position.duties + rng.choice(WORK_PLANS),
            reason=rng.choice(TERMINATION_REASONS if dates.termination else TRAINEESHIP_RETURN_REASONS),
            extension_reason=rng.choice(EXTENSION_RETURN_REASONS),
            kept_on=rng.choice(KEPT_ON) if scenario == "completed" else None,
            scan=scenario != "draft_unsigned",
            extension_scan=scenario != "extension_draft" or rng.random() < SCAN_ON_EXTENSION_DRAFT,
        )


# --- Scans and moments --------------------------------------------------------------------


@functools.cache
def agreement_png() -> bytes:
    """A small, valid, text-free PNG standing in for a signed and stamped agreement."""
    image = Image.new("RGB", (300, 420), "#fdfcf8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((110, 24, 190, 40), fill="#333333")  # the title
    for row in range(10):  # the clauses
        y = 64 + row * 22
        draw.line((30, y, 30 + 140 + 13 * ((row * 3) % 10), y), fill="#55524c", width=3)
    draw.line((30, 330, 120, 322), fill="#1f3d7a", width=3)  # the trainee's signature
    draw.line((180, 330, 270, 318), fill="#1f3d7a", width=3)  # the clerk's signature
    draw.ellipse((190, 300, 270, 380), outline="#d0312d", width=4)  # the employer's seal
    draw.regular_polygon((230, 340, 12), 5, fill="#d0312d")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scan(name: str) -> ContentFile:
    return ContentFile(agreement_png(), name=name)


class Clock:
    """Moments for one traineeship's steps: increasing, in office hours (sweeps just after midnight)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.last = rng, None

    def moment(self, day: date, *, sweep: bool = False) -> datetime:
        minutes = self.rng.randint(5, 40) if sweep else self.rng.randint(8 * 60 + 40, 17 * 60 + 20)
        moment = timezone.make_aware(datetime.combine(day, time()) + timedelta(minutes=minutes))
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(minutes=self.rng.randint(3, 25))
        # A step planned for later today than the clock shows happens now.
        now = timezone.now()
        self.last = min(moment, now if self.last is None else max(now, self.last))
        return self.last


def shift_history(model, pk: int, before: datetime) -> None:
    """Move an object's history back by whole weeks (keeping its weekdays) until it ends before
    `before`, together with the timestamps that go with it."""
    rows = StatusChange.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
    last = rows.aggregate(last=Max("at"))["last"]
    if last is None or last <= before:
        return
    delta = timedelta(weeks=(last - before) // timedelta(weeks=1) + 1)
    rows.update(at=F("at") - delta)
    model.objects.filter(pk=pk).update(
        created_at=F("created_at") - delta, status_changed_at=F("status_changed_at") - delta
    )
    for related, column, key in SHIFTED_ALONG.get(model, ()):
        related.objects.filter(**{key: pk}).update(**{column: F(column) - delta})


SHIFTED_ALONG = {
    Person: ((Material, "uploaded_at", "person"), (PersonAccess, "granted_at", "person")),
    Employer: ((Staff, "created_at", "employer"), (User, "date_joined", "staff__employer")),
}


def earliest_history(model, **filters) -> datetime | None:
    ids = model.objects.filter(**filters).values("pk")
    changes = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=ids
    )
    return changes.aggregate(first=Min("at"))["first"]


def settle_times(obj, created: datetime) -> None:
    """created_at and status_changed_at from the (backdated) history."""
    obj.refresh_from_db()
    moved = obj.history().filter(to_status=obj.status).exclude(from_status=obj.status).order_by("-at", "-id")
    type(obj).objects.filter(pk=obj.pk).update(created_at=created, status_changed_at=moved.first().at)


# --- Applying the plan --------------------------------------------------------------------


class TraineeshipSeeder:
    """Applies the traineeships plan through the services; employers and graduates that have any
    traineeship are left alone."""

    def __init__(self, *, today: date) -> None:
        self.today = today
        self.rng = random.Random(TRAINEESHIP_SEED)
        self.created = {"traineeships": 0, "extensions": 0}
        self.missing: list[str] = []  # scenarios the planner found no graduate or position for
        self.skipped: list[str] = []  # plans a service refused (the data changed since the first run)
        self.reviewer = None
        self.accounts: dict[str, tuple[Employer, object]] = {}
        self.mark = 0  # the last StatusChange before the current step

    def run(self, *, reviewer, accounts: dict[str, tuple[Employer, object]]) -> None:
        """`accounts` maps each employer plan's username to its employer and clerk."""
        self.reviewer, self.accounts = reviewer, accounts
        plans, self.missing = Planner(self.rng, self.today, load_employers(accounts)).plan()
        existing = Traineeship.objects.values_list("employer_id", "person_id")
        employers, persons = (set(ids) for ids in zip(*existing, strict=True)) if existing else (set(), set())
        todo = [
            plan
            for plan in plans
            if self.accounts[plan.username][0].pk not in employers and plan.graduate.person.pk not in persons
        ]
        todo.sort(key=lambda plan: plan.scenario not in ENDED)  # a graduate's ended ones first
        self.mark = self.last_change()
        done = [(plan, first) for plan in todo if (first := self.apply_safely(plan)) is not None]
        self.settle_related(done)

    @staticmethod
    def last_change() -> int:
        return StatusChange.objects.aggregate(last=Max("pk"))["last"] or 0

    @contextmanager
    def at(self, moment: datetime):
        """Date the history rows the step inside writes at `moment`."""
        yield
        rows = list(StatusChange.objects.filter(pk__gt=self.mark).values_list("pk", flat=True))
        if rows:
            StatusChange.objects.filter(pk__in=rows).update(at=moment)
            self.mark = max(rows)

    def apply_safely(self, plan: TraineeshipPlan) -> datetime | None:
        """Apply one plan in a savepoint; the moment its draft was saved, or None if refused."""
        try:
            with transaction.atomic():
                return self.apply(plan)
        except ValidationError as error:
            self.skipped.append(f"{plan.scenario} {plan.graduate.person.name}: {'; '.join(error.messages)}")
            self.mark = self.last_change()
            return None

    def apply(self, plan: TraineeshipPlan) -> datetime:
        employer, clerk = self.accounts[plan.username]
        clock, dates = Clock(self.rng), plan.dates
        with self.at(first := clock.moment(dates.created)):
            traineeship = services.create_drafts(
                employer=employer,
                by=clerk,
                persons=[plan.graduate.person],
                position=plan.position,
                start=dates.start,
                end=dates.end,
                mentor=plan.mentor,
                work_content=plan.work_content,
            )[0]
            if plan.scan:
                services.attach_agreement(traineeship=traineeship, file=scan("agreement.png"), by=clerk)
        if dates.filed:
            self.review(plan, traineeship, clerk, clock)
        if dates.extension:
            self.extend(plan, traineeship, clerk, clock)
        if dates.termination:
            self.terminate(plan, traineeship, clerk, clock)
        if plan.scenario == "completed":
            self.complete(plan, traineeship, clerk, clock)
        settle_times(traineeship, first)
        self.created["traineeships"] += 1
        return first

    def review(self, plan: TraineeshipPlan, traineeship: Traineeship, clerk, clock: Clock) -> None:
        """Filed on its day, then returned or approved by the reviewer, started when due."""
        dates = plan.dates
        with self.at(clock.moment(dates.filed)):
            services.submit_traineeship(traineeship=traineeship, by=clerk, today=dates.filed)
        if plan.scenario == "submitted":
            return
        traineeship.refresh_from_db()
        with self.at(clock.moment(dates.decided)):
            if plan.scenario == "returned":
                services.return_traineeship(traineeship=traineeship, by=self.reviewer, reason=plan.reason)
                return
            services.approve_traineeship(traineeship=traineeship, by=self.reviewer, today=dates.decided)
        if traineeship.status == Traineeship.Status.APPROVED and dates.start <= self.today:
            with self.at(clock.moment(dates.start, sweep=True)):
                services.activate_due(today=dates.start)

    def extend(self, plan: TraineeshipPlan, traineeship: Traineeship, clerk, clock: Clock) -> None:
        drafted, new_end, decided = plan.dates.extension
        extension = Extension(traineeship=traineeship, new_end=new_end)
        with self.at(first := clock.moment(drafted)):
            services.save_extension(extension=extension, by=clerk, today=drafted)
            if plan.extension_scan:
                services.attach_extension_agreement(extension=extension, file=scan("extension.png"), by=clerk)
        if plan.scenario != "extension_draft":
            with self.at(clock.moment(drafted)):
                services.submit_extension(extension=extension, by=clerk, today=drafted)
        if decided is not None:
            extension.refresh_from_db()
            with self.at(clock.moment(decided)):
                if plan.scenario == "extension_returned":
                    services.return_extension(
                        extension=extension, by=self.reviewer, reason=plan.extension_reason
                    )
                else:
                    services.approve_extension(extension=extension, by=self.reviewer)
        settle_times(extension, first)
        self.created["extensions"] += 1

    def terminate(self, plan: TraineeshipPlan, traineeship: Traineeship, clerk, clock: Clock) -> None:
        """Entered by its deadline; takes effect the day after the last day (the sweep)."""
        on, entered = plan.dates.termination
        with self.at(moment := clock.moment(entered)):
            services.terminate(traineeship=traineeship, by=clerk, on=on, reason=plan.reason, today=entered)
        Traineeship.objects.filter(pk=traineeship.pk).update(termination_entered_at=moment)
        if traineeship.status != Traineeship.Status.TERMINATED and on < self.today:
            with self.at(clock.moment(on + DAY, sweep=True)):
                services.apply_terminations(today=on + DAY)

    def complete(self, plan: TraineeshipPlan, traineeship: Traineeship, clerk, clock: Clock) -> None:
        with self.at(clock.moment(plan.dates.end + DAY, sweep=True)):
            services.complete_due(today=plan.dates.end + DAY)
        if plan.kept_on is not None:
            traineeship.refresh_from_db()
            services.record_retention(traineeship=traineeship, by=clerk, kept_on=plan.kept_on)

    def settle_related(self, done: list[tuple[TraineeshipPlan, datetime]]) -> None:
        """Graduates and positions in the pool and published before their first filing, and
        each employer involved verified before all of it."""
        bounds: dict[tuple, datetime] = {}
        for plan, first in done:
            employer = self.accounts[plan.username][0]
            for key in (
                (Person, plan.graduate.person.pk),
                (Position, plan.position.pk),
                (Employer, employer.pk),
                (Employer, plan.graduate.person.registered_by_id),
            ):
                bounds[key] = min(bounds.get(key, first), first)
        for (model, pk), first in bounds.items():
            if model is not Employer:
                shift_history(model, pk, first - 2 * DAY)
        for (model, pk), first in bounds.items():
            if model is Employer:
                own = (earliest_history(Position, employer=pk), earliest_history(Person, registered_by=pk))
                shift_history(Employer, pk, min([first, *filter(None, own)]) - DAY)
