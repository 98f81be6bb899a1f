"""Demo graduates: about 300 persons in every state, through the trainees services.

Each graduate is created, given scans of their materials, submitted, returned and approved the
way clerks and reviewers would, so their history reads like real use. Some approved graduates
are found in the pool by a second employer, and some have social-insurance records. The plan
is drawn from its own random stream before touching the database, and does not depend on the
date, so a second run (on any day) adds nothing: graduates are keyed by ID number.
"""

import functools
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from employers.models import Employer
from jiexi.choices import Education
from jiexi.demo.data import DEMO_CLERKS, VERIFIED
from jiexi.demo.graduates import (
    APPROVAL_NOTES,
    BANK_ACCOUNT_LENGTH,
    BANKS,
    BIRTH_YEARS,
    DEMO_EMPLOYER_WEIGHT,
    DOCTOR_SHARE,
    FEMALE_GIVEN_NAMES,
    GRADUATE_DRAFTS_PER_UNVERIFIED_EMPLOYER,
    GRADUATE_MIX,
    GRADUATE_RETURN_REASONS,
    GRADUATE_SEED,
    GRADUATE_SURNAMES,
    GRADUATION_AGE,
    GRADUATION_YEARS,
    ID_CHECK_CHARS,
    ID_WEIGHTS,
    INCOMPLETE_DRAFT_SHARE,
    INSURANCE_EMPLOYERS,
    INSURED_BEFORE,
    INSURED_FROM_NEXT_MONTH,
    LEVEL_CODES,
    MAJORS,
    MALE_GIVEN_NAMES,
    NON_ORIGIN_DIVISIONS,
    OFF_CYCLE_CERTIFICATE_SHARE,
    OLD_CERTIFICATE_SHARE,
    OLD_GRADUATION_YEARS,
    OTHER_POOL_LOOKUPS,
    OUTSIDE_SCHOOL_SHARE,
    OUTSIDE_SCHOOLS,
    POOL_LOOKUPS_PER_DEMO_EMPLOYER,
    POSTGRADUATE_SHARE,
    RARE_NAMES,
    RESUBMITTED_SHARE,
    SECONDARY,
    VOCATIONAL,
    XIAMEN_DIVISIONS,
    XIAMEN_ORIGIN_SHARE,
    XIAMEN_SCHOOLS,
    SchoolSeed,
)
from jiexi.demo.seeder import EmployerPlan, backdate, is_demo, mobile, office_times
from jiexi.rules import add_months, normalize_id_number
from trainees.models import REQUIRED_MATERIALS, Basis, InsuranceRecord, Material, MaterialKind, Person
from trainees.services import (
    approve_person,
    create_person,
    find_in_pool,
    return_person,
    save_insurance_records,
    submit_person,
    upload_material,
)

Status = Person.Status


@dataclass
class GraduatePlan:
    owner: EmployerPlan  # the employer that registers the graduate
    status: str
    sex: str
    fields: dict
    materials: tuple[str, ...] = ()  # the kinds uploaded while drafting
    note: str = ""  # the return reason or the approval note
    returned_first: tuple[str, str] | None = None  # (reason, kind re-uploaded) overcome earlier
    times: tuple[datetime, ...] = ()  # when each step of its history happened

    @property
    def id_number(self) -> str:
        return self.fields["id_number"]


@dataclass(frozen=True)
class InsurancePlan:
    graduate: GraduatePlan
    employer_name: str
    months_after_certificate: int | None  # None: insured from next month on


@dataclass
class GraduatesPlan:
    graduates: list[GraduatePlan]
    lookups: list[tuple[EmployerPlan, GraduatePlan]] = field(default_factory=list)
    insurance: list[InsurancePlan] = field(default_factory=list)


# --- Drawing the plan -------------------------------------------------------------------


def build_graduates(rng: random.Random, employers: list[EmployerPlan], today: date) -> GraduatesPlan:
    """Every graduate, pool look-up and insurance record the run creates."""
    taken: set[str] = set()
    graduates = [
        plan_graduate(rng, owner, status, today, taken) for owner, status in assign_owners(rng, employers)
    ]
    give_rare_names(graduates)
    return GraduatesPlan(
        graduates=graduates,
        lookups=plan_lookups(rng, graduates, employers),
        insurance=plan_insurance(rng, graduates),
    )


def assign_owners(rng: random.Random, employers: list[EmployerPlan]) -> list[tuple[EmployerPlan, str]]:
    """Unverified employers hold a few drafts; each demo employer one graduate of every state
    first; the rest go to verified employers, the demo ones weighted up."""
    statuses = [status for status, n in GRADUATE_MIX.items() for _ in range(n)]
    rng.shuffle(statuses)
    verified = [plan for plan in employers if plan.seed.status == VERIFIED]
    owners = [
        (plan, Status.DRAFT)
        for plan in employers
        if plan.seed.status != VERIFIED
        for _ in range(GRADUATE_DRAFTS_PER_UNVERIFIED_EMPLOYER)
    ]
    owners += [(plan, status) for plan in verified if is_demo(plan) for status in GRADUATE_MIX]
    for _, status in owners:
        statuses.remove(status)
    weights = [DEMO_EMPLOYER_WEIGHT if is_demo(plan) else 1 for plan in verified]
    owners += [(rng.choices(verified, weights)[0], status) for status in statuses]
    return owners


def plan_graduate(
    rng: random.Random, owner: EmployerPlan, status: str, today: date, taken: set[str]
) -> GraduatePlan:
    basis, school, divisions = plan_basis(rng, owner)
    education = education_at(rng, school)
    issued = certificate_date(rng, today)
    sex = rng.choice("MF")
    bank, card_prefix = weighted_bank(rng)
    fields = {
        "name": rng.choice(GRADUATE_SURNAMES)
        + rng.choice(MALE_GIVEN_NAMES if sex == "M" else FEMALE_GIVEN_NAMES),
        "id_number": id_number(rng, divisions, birth_date(rng, education, issued.year), sex, taken),
        "mobile": mobile(rng),
        "education": education,
        "school_name": school.name,
        "major": rng.choice(MAJORS[school.majors].split()),
        "certificate_number": certificate_number(rng, school, education, issued.year),
        "certificate_date": issued,
        "basis": basis,
        "bank_name": bank,
        "bank_account": bank_account(rng, card_prefix),
    }
    plan = GraduatePlan(owner=owner, status=status, sex=sex, fields=fields)
    plan.times = office_times(rng, today, days_ago=rng.randint(25, 80), count=5)
    plan_review(rng, plan)
    return plan


def plan_basis(rng: random.Random, owner: EmployerPlan) -> tuple[str, SchoolSeed, tuple[str, ...]]:
    """Basis, school and the divisions the ID number may come from. Public-sector employers
    register mostly 厦门生源, who may have studied anywhere; the others mostly graduates of
    Xiamen schools, born anywhere."""
    public = owner.seed.kind in (Employer.Kind.AGENCY, Employer.Kind.INSTITUTION)
    if rng.random() < XIAMEN_ORIGIN_SHARE[public]:
        schools = OUTSIDE_SCHOOLS if rng.random() < OUTSIDE_SCHOOL_SHARE else XIAMEN_SCHOOLS
        return Basis.XIAMEN_ORIGIN, weighted_school(rng, schools), XIAMEN_DIVISIONS
    groups, weights = zip(*NON_ORIGIN_DIVISIONS, strict=True)
    return Basis.XIAMEN_SCHOOL, weighted_school(rng, XIAMEN_SCHOOLS), rng.choices(groups, weights)[0]


def weighted_school(rng: random.Random, schools: tuple[SchoolSeed, ...]) -> SchoolSeed:
    return rng.choices(schools, [school.weight for school in schools])[0]


def weighted_bank(rng: random.Random) -> tuple[str, str]:
    name, prefix, _ = rng.choices(BANKS, [weight for *_, weight in BANKS])[0]
    return name, prefix


def education_at(rng: random.Random, school: SchoolSeed) -> str:
    """Secondary schools award 中专/技校, vocational colleges 大专, universities degrees."""
    if school.level == SECONDARY:
        return Education.SECONDARY_VOCATIONAL
    if school.level == VOCATIONAL:
        return Education.JUNIOR_COLLEGE
    if school.degrees and rng.random() < POSTGRADUATE_SHARE[school.degrees]:
        return Education.DOCTOR if "D" in school.degrees and rng.random() < DOCTOR_SHARE else Education.MASTER
    return Education.BACHELOR


def certificate_date(rng: random.Random, today: date) -> date:
    """Mostly the end of June or early July of the last two years; a few older than two
    years (too late for a traineeship) or issued in December; never after today."""
    roll = rng.random()
    year = rng.choice(OLD_GRADUATION_YEARS if roll < OLD_CERTIFICATE_SHARE else GRADUATION_YEARS)
    if roll > 1 - OFF_CYCLE_CERTIFICATE_SHARE:
        issued = date(year - 1, 12, rng.randint(15, 31))
    else:
        issued = date(year, 6, 20) + timedelta(days=rng.randint(0, 20))
    while issued > today:
        issued = issued.replace(year=issued.year - 1)
    return issued


def birth_date(rng: random.Random, education: str, graduation_year: int) -> date:
    age = GRADUATION_AGE[education] + rng.choice((-1, 0, 0, 0, 1, 1))
    year = min(max(graduation_year - age, BIRTH_YEARS[0]), BIRTH_YEARS[1])
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def id_number(rng: random.Random, divisions: tuple[str, ...], born: date, sex: str, taken: set[str]) -> str:
    """A valid, unused 18-character resident ID number (GB 11643); the 17th digit is odd for men."""
    while True:
        serial = rng.randrange(100) * 10 + int(rng.choice("13579" if sex == "M" else "02468"))
        first17 = f"{rng.choice(divisions)}{born:%Y%m%d}{serial:03d}"
        check = ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]
        value = normalize_id_number(first17 + check)  # refuses a wrong division, date or check
        if value not in taken:
            taken.add(value)
            return value


def certificate_number(rng: random.Random, school: SchoolSeed, education: str, year: int) -> str:
    """School code, 1 (regular higher education), year, level code, serial; secondary schools
    number their certificates school code, year, serial."""
    serial = f"{rng.randint(1, 6000):06d}"
    if education == Education.SECONDARY_VOCATIONAL:
        return f"{school.code}{year}{serial}"
    return f"{school.code}1{year}{LEVEL_CODES[education]}{serial}"


def bank_account(rng: random.Random, prefix: str) -> str:
    """A debit card number of the bank's prefix with a valid Luhn check digit."""
    body = prefix + "".join(rng.choices("0123456789", k=BANK_ACCOUNT_LENGTH - len(prefix) - 1))
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str(-total % 10)


def plan_review(rng: random.Random, plan: GraduatePlan) -> None:
    """The materials uploaded and what the reviewer said; some drafts lack materials."""
    required = REQUIRED_MATERIALS[plan.fields["basis"]]
    plan.materials = required
    if plan.status == Status.DRAFT and rng.random() < INCOMPLETE_DRAFT_SHARE:
        plan.materials = required[: rng.randrange(len(required))]
    reasons = [(reason, kind) for reason, kind in GRADUATE_RETURN_REASONS if not kind or kind in required]
    if plan.status == Status.RETURNED:
        plan.note = rng.choice(reasons)[0]
    elif plan.status in (Status.SUBMITTED, Status.APPROVED) and rng.random() < RESUBMITTED_SHARE:
        plan.returned_first = rng.choice(reasons)
    if plan.status == Status.APPROVED:
        plan.note = rng.choice(APPROVAL_NOTES)


def give_rare_names(graduates: list[GraduatePlan]) -> None:
    """Rare-character names go to graduates of the demo employers, one clerk after another."""
    clerks = list(DEMO_CLERKS.values())
    rare = {name for name, *_ in RARE_NAMES}
    for index, (name, sex, status) in enumerate(RARE_NAMES):
        clerk = clerks[index % len(clerks)]
        graduate = next(
            g
            for g in graduates
            if (g.owner.username, g.status, g.sex) == (clerk, status, sex) and g.fields["name"] not in rare
        )
        graduate.fields["name"] = name


def plan_lookups(
    rng: random.Random, graduates: list[GraduatePlan], employers: list[EmployerPlan]
) -> list[tuple[EmployerPlan, GraduatePlan]]:
    """Approved graduates a second verified employer finds in the pool; each demo employer
    finds some."""
    pool = [g for g in graduates if g.status == Status.APPROVED]
    verified = [plan for plan in employers if plan.seed.status == VERIFIED]
    finders = [plan for plan in verified if is_demo(plan) for _ in range(POOL_LOOKUPS_PER_DEMO_EMPLOYER)]
    finders += rng.sample([plan for plan in verified if not is_demo(plan)], OTHER_POOL_LOOKUPS)
    lookups: list[tuple[EmployerPlan, GraduatePlan]] = []
    for finder in finders:
        found = rng.choice([g for g in pool if g.owner is not finder and (finder, g) not in lookups])
        lookups.append((finder, found))
    return lookups


def plan_insurance(rng: random.Random, graduates: list[GraduatePlan]) -> list[InsurancePlan]:
    """Approved graduates of the demo employers insured after graduating (so a filing fails
    INSURED_BEFORE), a few twice; and some graduates insured from next month on."""
    demo_pool = [g for g in graduates if g.status == Status.APPROVED and is_demo(g.owner)]
    before = rng.sample(demo_pool, INSURED_BEFORE)
    later = rng.sample(
        [g for g in graduates if g.status != Status.DRAFT and g not in before], INSURED_FROM_NEXT_MONTH
    )
    plans = []
    for index, graduate in enumerate(before):
        employers = rng.sample(INSURANCE_EMPLOYERS, 2)
        months = rng.randint(1, 5)
        plans.append(InsurancePlan(graduate, employers[0], months))
        if index % 4 == 0:  # changed jobs once
            plans.append(InsurancePlan(graduate, employers[1], months + rng.randint(3, 8)))
    plans += [InsurancePlan(g, rng.choice(INSURANCE_EMPLOYERS), None) for g in later]
    return plans


# --- Scans ------------------------------------------------------------------------------

SCAN_COLOURS = {
    MaterialKind.GRADUATION_CERTIFICATE: "#a33b2b",
    MaterialKind.HOUSEHOLD_REGISTER: "#2f5d8a",
    MaterialKind.PRE_ADMISSION_CERTIFICATE: "#3d7a4a",
}


@functools.cache
def scan_png(kind: str) -> bytes:
    """A small, valid, text-free PNG standing in for a scan; drawn once per kind."""
    colour = SCAN_COLOURS[kind]
    image = Image.new("RGB", (420, 300), "#fbf8f0")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 411, 291), outline=colour, width=6)
    draw.rectangle((160, 26, 260, 44), fill=colour)  # the title band
    draw.rectangle((36, 70, 106, 160), outline="#55524c", width=2)  # the photo
    for row in range(6):  # lines standing for the printed fields
        y = 80 + row * 28
        draw.line((130, y, 130 + 60 + 37 * ((row * 5) % 7), y), fill="#55524c", width=3)
    draw.ellipse((300, 190, 380, 270), outline="#d0312d", width=4)  # the seal
    draw.regular_polygon((340, 230, 14), 5, fill="#d0312d")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scan(kind: str) -> ContentFile:
    return ContentFile(scan_png(kind), name=f"{kind}.png")


# --- Applying the plan ------------------------------------------------------------------


class GraduateSeeder:
    """Applies the graduates plan through the services, skipping whatever already exists."""

    def __init__(self, *, today: date, employers: list[EmployerPlan]) -> None:
        self.today = today
        self.plan = build_graduates(random.Random(GRADUATE_SEED), employers, today)
        self.created = {"graduates": 0, "lookups": 0, "insurance_records": 0}
        self.reviewer = None
        self.accounts: dict[str, tuple[Employer, object]] = {}

    def run(self, *, reviewer, accounts: dict[str, tuple[Employer, object]]) -> None:
        """`accounts` maps each employer plan's username to its employer and clerk."""
        self.reviewer, self.accounts = reviewer, accounts
        numbers = [g.id_number for g in self.plan.graduates]
        existing = set(Person.objects.filter(id_number__in=numbers).values_list("id_number", flat=True))
        for graduate in self.plan.graduates:
            if graduate.id_number not in existing:
                self.create(graduate)
        self.ensure_lookups()
        self.ensure_insurance()

    def create(self, plan: GraduatePlan) -> None:
        employer, clerk = self.accounts[plan.owner.username]
        person = Person(registered_by=employer, **plan.fields)
        person.full_clean(validate_unique=False, validate_constraints=False)  # id_number() checked it
        create_person(person=person, by=clerk)
        for kind in plan.materials:
            upload_material(person=person, kind=kind, file=scan(kind), by=clerk)
        # Someone may have returned the employer since an earlier run: then it only drafts.
        self.advance(person, plan, plan.status if employer.can_submit else Status.DRAFT, clerk)
        backdate(person, plan.times)
        self.backdate_materials(person, plan)
        self.created["graduates"] += 1

    def advance(self, person: Person, plan: GraduatePlan, status: str, clerk) -> None:
        """Walk a new draft through the services up to its planned state."""
        if status == Status.DRAFT:
            return
        submit_person(person=person, by=clerk)
        if plan.returned_first:
            reason, kind = plan.returned_first
            return_person(person=person, by=self.reviewer, reason=reason)
            if kind:
                upload_material(person=person, kind=kind, file=scan(kind), by=clerk)
            submit_person(person=person, by=clerk)
        if status == Status.RETURNED:
            return_person(person=person, by=self.reviewer, reason=plan.note)
        elif status == Status.APPROVED:
            approve_person(person=person, by=self.reviewer, note=plan.note)

    @staticmethod
    def backdate_materials(person: Person, plan: GraduatePlan) -> None:
        """Scans were uploaded soon after the draft was saved; a re-upload after the return."""
        Material.objects.filter(person=person).update(uploaded_at=plan.times[0] + timedelta(minutes=12))
        if plan.returned_first and plan.returned_first[1]:
            Material.objects.filter(person=person, kind=plan.returned_first[1]).update(
                uploaded_at=plan.times[2] + timedelta(minutes=40)
            )

    def ensure_lookups(self) -> None:
        """Second employers find approved graduates by exact ID number and name."""
        for finder, graduate in self.plan.lookups:
            employer, clerk = self.accounts[finder.username]
            access = employer.person_access.filter(person__id_number=graduate.id_number)
            if access.exists():
                continue
            find_in_pool(
                employer=employer,
                by=clerk,
                id_number=graduate.id_number,
                name=graduate.fields["name"],
                today=self.today,
            )
            # The look-up came a day after the graduate's last step.
            self.created["lookups"] += access.update(granted_at=graduate.times[-1] + timedelta(days=1))

    def ensure_insurance(self) -> None:
        """Import the insurance rows of graduates that have none on record yet."""
        numbers = {plan.graduate.id_number for plan in self.plan.insurance}
        on_record = set(
            InsuranceRecord.objects.filter(id_number__in=numbers).values_list("id_number", flat=True)
        )
        rows = [
            self.insurance_row(plan)
            for plan in self.plan.insurance
            if plan.graduate.id_number not in on_record
        ]
        self.created["insurance_records"] += save_insurance_records(rows=rows, by=self.reviewer)

    def insurance_row(self, plan: InsurancePlan) -> dict:
        this_month = self.today.replace(day=1)
        if plan.months_after_certificate is None:
            first_month = add_months(this_month, 1)
        else:
            graduated = plan.graduate.fields["certificate_date"].replace(day=1)
            first_month = min(
                add_months(graduated, plan.months_after_certificate), add_months(this_month, -1)
            )
        return {
            "id_number": plan.graduate.id_number,
            "employer_name": plan.employer_name,
            "first_month": first_month,
        }
