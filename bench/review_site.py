"""Benchmark: the reviewer site (/review/) at volume, logged in as a reviewer.

    cd /work/main && .venv/bin/python bench/review_site.py [--traineeships 100000] [--lines 50000]
        [--repeat 5] [--keep] [--small-only]

Each size runs in its own child process on a fresh PostgreSQL database, jiexi_review_bench,
dropped, created and migrated again: first a small size (1,000 traineeships, lines in the
same proportion), then the full size. Seeding uses bulk_create in chunks: a few thousand
employers and positions, a graduate per traineeship (a tenth of them come back for a second
one), traineeships in a realistic mix of states (most active or completed, some awaiting
review, returned or terminated), extensions, monthly subsidy batches over the last twelve
months with their lines, and the status history the statistics read. Every queue has more
than a page of items awaiting review at both sizes.

Then the test client, force-logged in as a member of the reviewer group, requests every
page a reviewer uses: the dashboard, each queue (default filter, other statuses, district,
employer kind, submitted in the past 7 days, searches by name, credit code and ID number,
page 2), a change page of each kind (the first item in the queue, its graduate's school on
the list; the waiting batch with the most lines; the employer with the most clerk accounts,
so that inline rows show up as queries if they cost one each), the statistics page and its
.xlsx, the roster and the payment list. For each page:

* wall time: time.perf_counter around client.get, median of --repeat runs after one
  warm-up request (timed too: "first request", with cold caches and templates), no query
  capture active;
* SQL queries: django.test.utils.CaptureQueriesContext over two more requests, the one
  with fewer queries kept (the session is renewed once a minute, in three queries);
* full-table count: a captured COUNT without a WHERE clause;
* EXPLAIN (ANALYZE) of each captured SELECT, shown for the larger size: the slowest one's
  time and any sequential scan of a table of more than 10,000 rows.

Settings are production-like: DEBUG off (static files from a collectstatic run into a temp
dir, as WhiteNoise's manifest storage needs), requests marked secure as behind the HTTPS
proxy. The database is dropped at the end unless --keep is given (then the last size's
database stays, for EXPLAIN by hand); --show-queries TEXT prints the SQL of the pages whose
label contains TEXT. The exit status is 1 when a queue page or the dashboard makes a
full-table count, or when any page's query count differs between the two sizes.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from subsidy_batch import (
    BANKS,
    MAJORS,
    OTHER_AREAS,
    OTHER_SCHOOLS,
    TITLES,
    XIAMEN_AREAS,
    XIAMEN_SCHOOLS,
    chinese_name,
    id_number,
    luhn_complete,
)

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "jiexi_review_bench"
SMALL = 1_000
WAITING = 60  # items awaiting review per queue at least: more than one page of 50
BIG_TABLE = 10_000  # rows; a sequential scan of a bigger table is reported
SCAN = "bench/scan.png"  # every seeded upload field points at this one small PNG
CHUNK = 5_000
SCHOOL_PATHS = {"trainees.Person": "school__isnull", "internships.Traineeship": "person__school__isnull"}
DATE_FILTERS = ("status_changed_at", "submitted_on")  # a batch's "month" filter is not a date asked for

BRANDS = "鹭岛海峡嘉庚五缘筼筜鼓浪白鹭金砖云上星海启明瑞丰鸿达恒信华科同创盈泰"
INDUSTRIES = ("软件科技", "电子商务", "物流", "建筑工程", "文化传媒", "医疗器械", "食品", "旅游发展")
PUBLIC_BODIES = {
    "agency": ("人力资源和社会保障局", "市场监督管理局", "税务局", "街道办事处"),
    "institution": ("第一中学", "中心医院", "图书馆", "职业技术学校"),
    "social_organisation": ("软件行业协会", "青年创业促进会", "社会工作服务中心"),
}
DISTRICT_NAMES = {
    "siming": "思明",
    "huli": "湖里",
    "jimei": "集美",
    "haicang": "海沧",
    "tongan": "同安",
    "xiangan": "翔安",
}
DISTRICT_WEIGHTS = (30, 30, 15, 10, 8, 7)
KIND_WEIGHTS = {"enterprise": 80, "institution": 8, "agency": 4, "social_organisation": 8}


# --- Setup ------------------------------------------------------------------------------


def _admin_connection():
    import psycopg2

    connection = psycopg2.connect(f"{PG_SERVER}/postgres")
    connection.autocommit = True
    return connection


def configure(workdir: Path, static_root: str) -> None:
    """A fresh database, the environment for jiexi.settings, django.setup() and migrate."""
    admin = _admin_connection()
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    admin.close()
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ["UPLOAD_ROOT"] = str(workdir / "uploads")
    os.environ["STATIC_ROOT"] = static_root
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiexi.settings"
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def drop_database() -> None:
    admin = _admin_connection()
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
    admin.close()


def collect_static(static_root: str) -> None:
    """WhiteNoise's manifest storage (DEBUG off) needs collected static files."""
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-only-not-secret", "STATIC_ROOT": static_root}
    command = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"]
    subprocess.run(command, check=True, cwd=ROOT, env=env)


# --- Seeding ----------------------------------------------------------------------------


class Seeder:
    """Builds the rows in memory with a seeded random generator and writes them in chunks."""

    def __init__(self, traineeships: int, lines: int, rng: random.Random) -> None:
        from django.utils import timezone

        self.n, self.m, self.rng = traineeships, lines, rng
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.changes = []  # StatusChange rows, written last

    # Small helpers

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def at(self, day: datetime.date) -> datetime.datetime:
        """A moment in office hours on `day`, never in the future."""
        from django.utils import timezone

        moment = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(8, 17), self.rng.randint(0, 59))
        )
        return min(timezone.make_aware(moment), self.now)

    def pick(self, weights: dict) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def statuses(self, count: int, mix: dict[str, float], waiting: str) -> list[str]:
        """`count` statuses in the proportions of `mix`, with at least WAITING of `waiting`."""
        floor = min(count, WAITING)
        result = [waiting] * floor + [self.pick(mix) for _ in range(count - floor)]
        self.rng.shuffle(result)
        return result

    def change(self, obj, content_type, old: str, new: str, at: datetime.datetime, note: str = "") -> None:
        from reviews.models import StatusChange

        self.changes.append(
            StatusChange(
                content_type=content_type, object_id=obj.pk, from_status=old, to_status=new, at=at, note=note
            )
        )

    # The tables, in dependency order

    def run(self) -> dict[str, int]:
        from django.db import connection, transaction

        with transaction.atomic():
            self.employers()
            self.positions()
            self.traineeships()
            self.extensions()
            self.staff()
            self.batches()
            self.write_changes()
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        return self.counts()

    def employers(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from employers.models import Employer
        from tests.employers.factories import credit_code

        count = max(150, self.n // 30)
        mix = {"verified": 96, "pending": 3, "returned": 1}
        statuses = self.statuses(count, mix, "pending")
        rows = []
        for i, status in enumerate(statuses):
            kind = self.pick(KIND_WEIGHTS)
            district = self.rng.choices(list(DISTRICT_NAMES), weights=DISTRICT_WEIGHTS)[0]
            if kind == "enterprise":
                brand = "".join(self.rng.sample(BRANDS, 2))
                name = f"厦门{brand}{self.rng.choice(INDUSTRIES)}有限公司"
            else:
                name = f"厦门市{DISTRICT_NAMES[district]}区{self.rng.choice(PUBLIC_BODIES[kind])}"
            changed = self.days_ago(0, 15) if status != "verified" else self.days_ago(30, 1100)
            rows.append(
                Employer(
                    name=name,
                    credit_code=credit_code(i),
                    kind=kind,
                    district=district,
                    address=f"厦门市{DISTRICT_NAMES[district]}区软件园二期观日路{i % 60 + 1}号",
                    contact_name=chinese_name(self.rng),
                    mobile=f"139{self.rng.randrange(10**8):08d}",
                    email=f"hr{i}@example.cn",
                    licence=SCAN,
                    status=status,
                    status_changed_at=self.at(changed),
                )
            )
        self.all_employers = Employer.objects.bulk_create(rows, batch_size=CHUNK)
        content_type = ContentType.objects.get_for_model(Employer)
        for employer in self.all_employers:
            old = "" if employer.status == "pending" else "pending"
            self.change(employer, content_type, old, employer.status, employer.status_changed_at)
        self.verified = [e for e in self.all_employers if e.status == "verified"]
        # A few large employers and many small ones.
        self.weights = [1 / (rank + 1) ** 0.6 for rank in range(len(self.verified))]

    def positions(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from positions.models import Position

        count = max(400, self.n // 12)
        mix = {"published": 55, "closed": 30, "submitted": 5, "returned": 3, "draft": 7}
        statuses = self.statuses(max(WAITING, count - len(self.verified)), mix, "submitted")
        owners = self.verified + self.rng.choices(self.verified, weights=self.weights, k=len(statuses))
        statuses = ["published"] * len(self.verified) + statuses  # each employer can file
        rows = []
        for i, (employer, status) in enumerate(zip(owners, statuses, strict=True)):
            waiting = status in ("submitted", "returned")
            changed = self.days_ago(0, 15) if waiting else self.days_ago(20, 900)
            rows.append(
                Position(
                    employer=employer,
                    title=f"{TITLES[i % len(TITLES)]}（{i // len(TITLES) + 1}）",
                    openings=self.rng.randint(1, 50),
                    education=self.rng.choice(("any", "junior_college", "bachelor")),
                    major_requirement=self.rng.choice(("不限", *MAJORS)),
                    duties="协助部门处理日常事务，参与项目资料整理。",
                    district=employer.district,
                    address=employer.address,
                    months_offered=self.rng.choice((3, 6, 6, 12)),
                    contact_name=employer.contact_name,
                    contact_phone="0592-5396591",
                    valid_until=self.today + datetime.timedelta(days=self.rng.randint(-300, 180)),
                    status=status,
                    status_changed_at=self.at(changed),
                )
            )
        positions = Position.objects.bulk_create(rows, batch_size=CHUNK)
        content_type = ContentType.objects.get_for_model(Position)
        self.open_positions = defaultdict(list)
        for position in positions:
            self.change(position, content_type, "draft", position.status, position.status_changed_at)
            if position.status in ("published", "closed"):
                self.open_positions[position.employer_id].append(position)

    def traineeships(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from internships.models import Traineeship

        mix = {
            "active": 33,
            "completed": 45,
            "terminated": 8,
            "approved": 4,
            "submitted": 5,
            "returned": 2,
            "draft": 3,
        }
        statuses = self.statuses(self.n, mix, "submitted")
        plans = [self.plan(status) for status in statuses]
        # A tenth of the graduates whose traineeship ended come back for a second one.
        ended = [i for i, p in enumerate(plans) if p["status"] in ("completed", "terminated")]
        second = {}
        for i, p in enumerate(plans):
            if p["status"] in ("active", "submitted") and ended and self.rng.random() < 0.1:
                first = ended.pop(self.rng.randrange(len(ended)))
                if plans[first]["last"] < p["start"]:
                    second[i] = first
        persons = self.persons(plans, second)
        rows = []
        for i, (p, status) in enumerate(zip(plans, statuses, strict=True)):
            employer = self.verified[p["employer"]]
            rows.append(
                Traineeship(
                    employer=employer,
                    person=persons[second.get(i, i)],
                    position=self.rng.choice(self.open_positions[employer.pk]),
                    start=p["start"],
                    end=p["end"],
                    agreed_end=p["agreed_end"],
                    mentor=chinese_name(self.rng),
                    work_content="协助完成日常财务核算与资料归档。",
                    agreement=SCAN,
                    terminated_on=p.get("terminated_on"),
                    termination_reason="个人原因提前离职" if p.get("terminated_on") else "",
                    kept_on={0: True, 1: False}.get(self.rng.randrange(3)) if status == "completed" else None,
                    status=status,
                    submitted_on=p["filed"] if status != "draft" else None,
                    status_changed_at=self.at(p["changed"]),
                )
            )
        self.all_traineeships = Traineeship.objects.bulk_create(rows, batch_size=CHUNK)
        content_type = ContentType.objects.get_for_model(Traineeship)
        for t in self.all_traineeships:
            if t.status in ("completed", "terminated"):
                self.change(t, content_type, "approved", "active", self.at(t.start))
                self.change(t, content_type, "active", t.status, t.status_changed_at)
            elif t.status == "active":
                self.change(t, content_type, "approved", "active", t.status_changed_at)
            elif t.status != "draft":
                old = {"submitted": "draft", "returned": "submitted", "approved": "submitted"}[t.status]
                note = "协议未盖章，请补充上传。" if t.status == "returned" else ""
                self.change(t, content_type, old, t.status, t.status_changed_at, note)
        self.plans = plans

    def plan(self, status: str) -> dict:
        """Dates for a traineeship in `status` that agree with today."""
        from jiexi import rules

        rng, today, one = self.rng, self.today, datetime.timedelta(days=1)
        months = rng.choice((3, 6, 6, 6, 12))
        employer = rng.choices(range(len(self.verified)), weights=self.weights)[0]
        plan = {"status": status, "employer": employer}
        if status in ("submitted", "returned", "draft", "approved"):
            filed = self.days_ago(0, 20)
            start = max(filed, today) + datetime.timedelta(days=rng.randint(1, 40))
            changed = filed if status in ("submitted", "draft") else min(today, filed + 3 * one)
        elif status == "active":
            start = today - datetime.timedelta(days=rng.randint(0, months * 28))
        else:
            start = today - datetime.timedelta(days=rng.randint(months * 31 + 2, 1000))
        end = rules.period_end(start, months)
        agreed_end = end
        if status == "completed" and months < 12 and rng.random() < 0.06:
            end = rules.period_end(start, months + 3)  # extended once, still ended before today
            plan["extended_from"] = agreed_end
            if end >= today:
                end = agreed_end
                plan.pop("extended_from")
        if status == "terminated":
            plan["terminated_on"] = start + datetime.timedelta(days=rng.randint(10, (end - start).days))
        if status in ("active", "completed", "terminated"):
            filed = start - datetime.timedelta(days=rng.randint(3, 25))
            changed = {"active": start, "completed": end + one}.get(status, plan.get("terminated_on"))
        plan.update(start=start, end=end, agreed_end=agreed_end, filed=filed, changed=changed)
        plan["last"] = plan.get("terminated_on") or end
        return plan

    def persons(self, plans: list[dict], second: dict[int, int]) -> dict[int, object]:
        """A graduate per traineeship (those in `second` reuse an earlier one's), plus the
        person applications that have no traineeship yet; returns {plan index: person}."""
        from django.contrib.contenttypes.models import ContentType

        from trainees.models import Basis, Material, Person, School

        schools = dict(School.objects.values_list("name", "pk"))
        owners = [i for i in range(len(plans)) if i not in second]
        applications = max(4 * WAITING, len(plans) // 20)
        mix = {"submitted": 45, "returned": 15, "draft": 15, "approved": 25}
        statuses = ["approved"] * len(owners) + self.statuses(applications, mix, "submitted")
        keys = self.rng.sample(range(6 * 365 * 1000), len(statuses))
        rows = []
        for serial, (key, status) in enumerate(zip(keys, statuses, strict=True)):
            plan = plans[owners[serial]] if serial < len(owners) else None
            employer = self.verified[plan["employer"] if plan else self.rng.randrange(len(self.verified))]
            birth = datetime.date(1998, 1, 1) + datetime.timedelta(days=key // 1000)
            origin = self.rng.random() < 0.6
            area = self.rng.choice(XIAMEN_AREAS if origin else OTHER_AREAS)
            school = self.rng.choice(XIAMEN_SCHOOLS + OTHER_SCHOOLS if origin else XIAMEN_SCHOOLS)
            filed = plan["filed"] if plan else self.days_ago(0, 15)
            bank, bin_ = self.rng.choice(BANKS)
            rows.append(
                Person(
                    name=chinese_name(self.rng),
                    id_number=id_number(area, birth, key % 1000),
                    birth_date=birth,
                    sex="M" if key % 2 else "F",
                    mobile=f"1{self.rng.choice('3589')}{self.rng.randrange(10**9):09d}",
                    education=self.rng.choice(("junior_college", "bachelor", "bachelor", "master")),
                    school_name=school,
                    school_id=schools.get(school),
                    major=self.rng.choice(MAJORS),
                    certificate_number=f"10384120265{serial:07d}",
                    certificate_date=filed - datetime.timedelta(days=self.rng.randint(30, 600)),
                    basis=Basis.XIAMEN_ORIGIN if origin else Basis.XIAMEN_SCHOOL,
                    bank_name=bank,
                    bank_account=luhn_complete(f"{bin_}{self.rng.randrange(10**12):012d}"),
                    status=status,
                    registered_by=employer,
                    status_changed_at=self.at(filed if plan else self.days_ago(0, 15)),
                )
            )
        persons = Person.objects.bulk_create(rows, batch_size=CHUNK)
        content_type = ContentType.objects.get_for_model(Person)
        materials = []
        for person in persons:
            old = {"approved": "submitted", "submitted": "draft", "returned": "submitted"}.get(person.status)
            if old:
                self.change(person, content_type, old, person.status, person.status_changed_at)
            if person.status in ("submitted", "returned"):
                kinds = person.required_materials
                materials += [Material(person=person, kind=kind, file=SCAN) for kind in kinds]
        Material.objects.bulk_create(materials, batch_size=CHUNK)
        self.application_count = applications
        return dict(zip(owners, persons, strict=False))

    def staff(self) -> None:
        """Clerk accounts: one for a new registration, more for employers with many trainees."""
        from django.contrib.auth import get_user_model

        from employers.models import Staff

        trainees = defaultdict(int)
        for t in self.all_traineeships:
            trainees[t.employer_id] += 1
        per_employer = [(e, 1 + min(11, trainees[e.pk] // 100)) for e in self.all_employers]
        users = get_user_model().objects.bulk_create(
            [
                get_user_model()(
                    username=f"clerk{e.pk}-{k}", password="!", email=f"clerk{e.pk}-{k}@example.cn"
                )
                for e, count in per_employer
                for k in range(count)
            ],
            batch_size=CHUNK,
        )
        accounts = iter(users)
        Staff.objects.bulk_create(
            [
                Staff(user=next(accounts), employer=e, full_name=chinese_name(self.rng), is_manager=k == 0)
                for e, count in per_employer
                for k in range(count)
            ],
            batch_size=CHUNK,
        )

    def extensions(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from internships.models import Extension
        from jiexi import rules

        rows = []
        for t, p in zip(self.all_traineeships, self.plans, strict=True):
            if "extended_from" in p:
                rows.append((t, "approved", p["extended_from"], t.end, self.days_ago(30, 900)))
        running = [t for t in self.all_traineeships if t.status == "active" and t.end > self.today]
        picked = self.rng.sample(running, min(len(running), max(2 * WAITING, len(running) // 25)))
        statuses = self.statuses(len(picked), {"submitted": 60, "returned": 15, "draft": 25}, "submitted")
        for t, status in zip(picked, statuses, strict=True):
            new_end = max(rules.period_end(t.start, 12), t.end + datetime.timedelta(days=30))
            rows.append((t, status, t.end, new_end, self.days_ago(0, 15)))
        extensions = Extension.objects.bulk_create(
            [
                Extension(
                    traineeship=t,
                    previous_end=previous,
                    new_end=new_end,
                    agreement=SCAN,
                    status=status,
                    status_changed_at=self.at(changed),
                )
                for t, status, previous, new_end, changed in rows
            ],
            batch_size=CHUNK,
        )
        content_type = ContentType.objects.get_for_model(Extension)
        for extension in extensions:
            if extension.status != "draft":
                old = "returned" if extension.status == "submitted" else "submitted"
                self.change(extension, content_type, old, extension.status, extension.status_changed_at)

    def batches(self) -> None:
        """Batches for (employer, month) pairs of the last twelve months, drawn at random until
        they hold --lines lines; a line per traineeship that ran in the month."""
        from django.contrib.contenttypes.models import ContentType

        from jiexi import rules
        from subsidies.calendar import monthly_rate
        from subsidies.models import BatchLine, SubsidyBatch

        this_month = self.today.replace(day=1)
        months = []
        for _ in range(12):
            months.append((months[-1] if months else this_month) - datetime.timedelta(days=1))
            months[-1] = months[-1].replace(day=1)
        ran = defaultdict(list)  # (employer pk, month) -> traineeships
        for t in self.all_traineeships:
            if t.status not in ("approved", "active", "completed", "terminated"):
                continue
            last_day = t.terminated_on or t.end
            for month in months:
                first, last = rules.month_bounds(month.year, month.month)
                if t.start <= last and last_day >= first:
                    ran[(t.employer_id, month)].append(t)
        pairs = sorted(ran, key=lambda pair: (pair[1], pair[0]))
        self.rng.shuffle(pairs)
        chosen, total = [], 0
        for pair in pairs:
            if total >= self.m:
                break
            take = ran[pair][: self.m - total]
            chosen.append((pair, take))
            total += len(take)
        # Recent months still move through review; older ones are paid.
        mixes = {
            1: {"submitted": 45, "approved": 20, "returned": 15, "draft": 20},
            2: {"paid": 40, "approved": 35, "submitted": 10, "returned": 5, "locked": 10},
        }
        old_mix = {"paid": 92, "locked": 5, "approved": 3}
        by_pk = {e.pk: e for e in self.verified}
        statuses = [self.pick(mixes.get(months.index(month) + 1, old_mix)) for (_e, month), _t in chosen]
        recent = sorted(range(len(chosen)), key=lambda i: -chosen[i][0][1].toordinal())
        recent = [i for i in recent if statuses[i] not in ("submitted", "approved")]
        for i in recent[: max(0, WAITING - statuses.count("submitted"))]:
            statuses[i] = "submitted"
        rows = []
        for ((employer_pk, month), _take), status in zip(chosen, statuses, strict=True):
            paid_on = month + datetime.timedelta(days=self.rng.randint(40, 55)) if status == "paid" else None
            changed = paid_on if paid_on and paid_on <= self.today else self.days_ago(0, 12)
            rows.append(
                SubsidyBatch(
                    employer=by_pk[employer_pk],
                    month=month,
                    signed_sheet=SCAN if status != "draft" else "",
                    resubmit_by=self.today + datetime.timedelta(days=self.rng.randint(0, 4))
                    if status == "returned"
                    else None,
                    paid_on=paid_on,
                    status=status,
                    status_changed_at=self.at(changed),
                )
            )
        batches = SubsidyBatch.objects.bulk_create(rows, batch_size=CHUNK)
        rates = {month: monthly_rate(month.year, month.month) for month in months}
        lines = []
        for batch, (_pair, take) in zip(batches, chosen, strict=True):
            for t in take:
                days = rules.month_basis_days(
                    t.start, t.terminated_on or t.end, batch.month.year, batch.month.month
                )
                attended = days if self.rng.random() < 0.9 else self.rng.randint(0, days)
                person = t.person
                lines.append(
                    BatchLine(
                        batch=batch,
                        traineeship=t,
                        month=batch.month,
                        max_days=days,
                        attendance_days=attended,
                        monthly_rate=rates[batch.month],
                        amount=rules.subsidy_amount(rates[batch.month], attended),
                        bank_name=person.bank_name,
                        bank_account=person.bank_account,
                    )
                )
            if len(lines) >= CHUNK:
                BatchLine.objects.bulk_create(lines)
                lines = []
        BatchLine.objects.bulk_create(lines)
        content_type = ContentType.objects.get_for_model(SubsidyBatch)
        for batch in batches:
            if batch.status != "draft":
                old = {"submitted": "draft", "returned": "submitted", "approved": "submitted"}
                old.update(paid="approved", locked="draft")
                self.change(batch, content_type, old[batch.status], batch.status, batch.status_changed_at)

    def write_changes(self) -> None:
        from reviews.models import StatusChange

        StatusChange.objects.bulk_create(self.changes, batch_size=CHUNK)

    def counts(self) -> dict[str, int]:
        from django.apps import apps

        names = [
            "employers.Employer",
            "employers.Staff",
            "positions.Position",
            "trainees.Person",
            "internships.Traineeship",
            "internships.Extension",
            "subsidies.SubsidyBatch",
            "subsidies.BatchLine",
            "reviews.StatusChange",
        ]
        return {name.split(".")[1]: apps.get_model(name).objects.count() for name in names}


def make_reviewer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    reviewer = get_user_model().objects.create_user("bench-reviewer", password=None, is_staff=True)
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    return reviewer


# --- The pages --------------------------------------------------------------------------

# (model, a common status, district filter, employer kind filter, searches: label -> the
# path from a row of the queue to the value searched for)
QUEUES = [
    ("employers.Employer", "verified", "district", "kind", {"name": "name", "credit code": "credit_code"}),
    (
        "positions.Position",
        "published",
        "district",
        "employer__kind",
        {"employer name": "employer__name", "credit code": "employer__credit_code"},
    ),
    (
        "trainees.Person",
        "approved",
        "registered_by__district",
        None,
        {"ID number": "id_number", "name": "name"},
    ),
    (
        "internships.Traineeship",
        "active",
        "employer__district",
        "employer__kind",
        {
            "ID number": "person__id_number",
            "name": "person__name",
            "employer name": "employer__name",
            "credit code": "employer__credit_code",
        },
    ),
    (
        "internships.Extension",
        "approved",
        "traineeship__employer__district",
        None,
        {"ID number": "traineeship__person__id_number", "name": "traineeship__person__name"},
    ),
    (
        "subsidies.SubsidyBatch",
        "paid",
        "employer__district",
        "employer__kind",
        {"employer name": "employer__name", "credit code": "employer__credit_code"},
    ),
]


def search_terms(model, paths: dict[str, str], rng: random.Random) -> dict[str, str]:
    """Real values to search for, read from one row of the queue picked at random."""
    rows = model.objects.exclude(status="draft").order_by("pk")
    pk = rng.choice(list(rows.values_list("pk", flat=True)))
    values = rows.filter(pk=pk).values_list(*paths.values()).get()
    return dict(zip(paths, values, strict=True))


def pages(client, rng: random.Random) -> list[dict]:
    """Every page a reviewer uses, with labels that are the same at every size."""
    from django.apps import apps
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from employers.models import Employer
    from reviews.site import review_site
    from subsidies.models import BatchLine, SubsidyBatch

    result = [{"label": "dashboard", "kind": "dashboard", "url": reverse("review:index")}]
    for label, status, district, kind, searches in QUEUES:
        model = apps.get_model(label)
        name = model._meta.model_name
        base = reverse(f"review:{model._meta.app_label}_{name}_changelist")

        def add(what, query, *, name=name, base=base):
            result.append({"label": f"{name}: {what}", "kind": "queue", "url": f"{base}?{urlencode(query)}"})

        add("awaiting review (default)", {})
        add("awaiting review, page 2", {"p": 2})
        add("all statuses", {"status": "all"})
        add("all statuses, page 2", {"status": "all", "p": 2})
        add(f"status {status}", {"status": status})
        for field, params in past_week(client, base):
            add(f"awaiting review, {field} in the past 7 days", params)
        add("awaiting review, district Siming", {f"{district}__exact": "siming"})
        add("all statuses, district Haicang", {"status": "all", f"{district}__exact": "haicang"})
        if kind:
            add("awaiting review, employer kind enterprise", {f"{kind}__exact": "enterprise"})
            add("all statuses, employer kind agency", {"status": "all", f"{kind}__exact": "agency"})
        for search, term in search_terms(model, searches, rng).items():
            add(f"all statuses, search by {search}", {"status": "all", "q": term})
        queue = model.objects.filter(status=review_site._registry[model].reviewable_status)
        if model is SubsidyBatch:  # the largest waiting batch: its lines are listed inline
            queue = queue.annotate(n=Count("lines")).order_by("-n", "pk")
        else:
            queue = queue.order_by("status_changed_at", "-pk")
        # A graduate's listed school costs the change page one query: pick alike items at
        # every size.
        if school := SCHOOL_PATHS.get(model._meta.label):
            queue = queue.filter(**{school: False})
        what = "change page (largest batch)" if model is SubsidyBatch else "change page (first in queue)"
        obj = queue.first()
        url = reverse(f"review:{model._meta.app_label}_{name}_change", args=[obj.pk])
        result.append({"label": f"{name}: {what}", "kind": "detail", "url": url})
        if model is Employer:  # its clerks' accounts are listed inline
            obj = Employer.objects.annotate(n=Count("staff")).order_by("-n", "pk").first()
            url = reverse("review:employers_employer_change", args=[obj.pk])
            result.append({"label": f"{name}: change page (most staff)", "kind": "detail", "url": url})
    result += [
        {"label": "statistics", "kind": "statistics", "url": reverse("review:statistics")},
        {"label": "statistics .xlsx", "kind": "export", "url": reverse("review:statistics") + "?format=xlsx"},
    ]
    today = timezone.localdate()
    last_month = (today - datetime.timedelta(days=today.day)).replace(day=1)
    roster = reverse("review:internships_traineeship_roster") + f"?month={last_month:%Y-%m}"
    result.append({"label": "roster export (last month)", "kind": "export", "url": roster})
    busiest = (
        BatchLine.objects.filter(batch__status=SubsidyBatch.Status.APPROVED)
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    payment = reverse("review:subsidies_subsidybatch_payment") + f"?month={busiest['month']:%Y-%m}"
    result.append({"label": "payment list export (busiest month)", "kind": "export", "url": payment})
    return result


def past_week(client, base: str) -> list[tuple[str, dict]]:
    """The "Past 7 days" links of the queue's date filters, as the page itself builds them."""
    from django.contrib.admin.filters import DateFieldListFilter

    response = client.get(base, secure=True)
    specs = response.context_data["cl"].filter_specs
    dates = [
        spec for spec in specs if isinstance(spec, DateFieldListFilter) and spec.field_path in DATE_FILTERS
    ]
    return [(spec.field_path, spec.links[2][1]) for spec in dates]


# --- Measuring --------------------------------------------------------------------------


def full_table_count(sql: str) -> bool:
    """A COUNT over a table with no WHERE clause at all: it reads every row."""
    upper = sql.upper()
    return "COUNT(" in upper and " WHERE " not in upper


def get(client, page: dict):
    response = client.get(page["url"], secure=True)
    assert response.status_code == 200, f"{page['label']}: {response.status_code} for {page['url']}"
    return response


def measure(client, page: dict, *, repeat: int, explain: bool, show: str = "") -> dict:
    import gc

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    response = get(client, page)  # warm-up: caches filled, templates compiled
    figures = {"ms_first": 1000 * (time.perf_counter() - started), "kib": len(response.content) / 1024}
    cl = (getattr(response, "context_data", None) or {}).get("cl")
    if cl is not None:
        figures.update(shown=len(cl.result_list), matched=cl.result_count)
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        get(client, page)
        times.append(time.perf_counter() - started)
    # The session is renewed at most once a minute (jiexi.middleware.IdleSessionMiddleware:
    # BEGIN, UPDATE django_session, COMMIT): of two requests in a row, one at most pays it.
    captures = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            get(client, page)
        captures.append([q["sql"] for q in captured.captured_queries])
    sqls = min(captures, key=len)
    if show and show in page["label"]:
        print(f"--- {page['label']}:", *sqls, sep="\n", file=sys.stderr)
    figures.update(
        ms=1000 * statistics.median(times),
        ms_best=1000 * min(times),
        queries=len(sqls),
        full_count=[sql for sql in sqls if full_table_count(sql)],
    )
    if explain:
        figures["plans"] = [
            analyse(sql) for sql in dict.fromkeys(sqls) if sql.lstrip().upper().startswith("SELECT")
        ]
    return figures


def big_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [BIG_TABLE])
        return {row[0] for row in cur.fetchall()}


def analyse(sql: str) -> dict:
    """EXPLAIN (ANALYZE) one captured query: its time and the tables it reads sequentially."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)  # no params: % stays as is
        plan = cur.fetchone()[0][0]
    scans = []

    def walk(node):
        if node["Node Type"] == "Seq Scan":
            scans.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan["Plan"])
    return {"sql": sql, "ms": plan["Execution Time"], "seq_scans": scans}


def run_one(
    traineeships: int, lines: int, *, repeat: int, explain: bool, keep: bool, static_root: str, show: str = ""
) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="jiexi-review-bench-"))
    try:
        configure(workdir, static_root)
        from django.test import Client

        from tests.employers.factories import png_bytes

        (workdir / "uploads" / "bench").mkdir(parents=True)
        (workdir / "uploads" / SCAN).write_bytes(png_bytes())
        rng = random.Random(20261203)
        started = time.perf_counter()
        rows = Seeder(traineeships, lines, rng).run()
        seeded = time.perf_counter() - started

        client = Client()
        client.force_login(make_reviewer())
        big = big_tables()
        results = []
        for page in pages(client, rng):
            figures = measure(client, page, repeat=repeat, explain=explain, show=show)
            for plan in figures.get("plans", []):
                plan["seq_scans"] = sorted({table for table in plan["seq_scans"] if table in big})
            results.append({**page, **figures})
            print(f"  {page['label']}: {figures['ms']:.0f} ms, {figures['queries']} queries", file=sys.stderr)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if not keep:
            drop_database()
    return {
        "traineeships": traineeships,
        "lines": lines,
        "rows": rows,
        "seed_seconds": seeded,
        "pages": results,
    }


# --- Reporting --------------------------------------------------------------------------


def table(small: dict, full: dict | None) -> str:
    """One row per page: times, query counts at both sizes, full-table counts, big seq scans."""
    big = full or small
    smalls = {p["label"]: p for p in small["pages"]}
    lines = [
        f"| page | median ms ({big['traineeships']:,}) | best ms | first request ms"
        f" | median ms ({small['traineeships']:,})"
        f" | queries ({small['traineeships']:,}) | queries ({big['traineeships']:,}) | full-table count"
        " | rows shown / matched | slowest query ms | seq scans of big tables |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for page in big["pages"]:
        s = smalls[page["label"]]
        plans = page.get("plans", [])
        slowest = max((p["ms"] for p in plans), default=None)
        scans = sorted({table for p in plans for table in p["seq_scans"]})
        rows = f"{page['shown']} / {page['matched']:,}" if "shown" in page else ""
        same = "" if s["queries"] == page["queries"] else " ⚠"
        lines.append(
            f"| {page['label']} | {page['ms']:.0f} | {page['ms_best']:.0f} | {page['ms_first']:.0f}"
            f" | {s['ms']:.0f} | {s['queries']}"
            f" | {page['queries']}{same} | {'yes' if page['full_count'] or s['full_count'] else 'no'}"
            f" | {rows} | {'' if slowest is None else f'{slowest:.1f}'} | {', '.join(scans)} |"
        )
    return "\n".join(lines)


def verdict(small: dict, full: dict | None) -> tuple[bool, str]:
    """Every queue page and the dashboard: no full-table count, the same query count at both sizes."""
    big = full or small
    smalls = {p["label"]: p for p in small["pages"]}
    checked = [p for p in big["pages"] if p["kind"] in ("dashboard", "queue")]
    counted = [p["label"] for p in checked if p["full_count"] or smalls[p["label"]]["full_count"]]
    grew = [p["label"] for p in big["pages"] if p["queries"] != smalls[p["label"]]["queries"]]
    return not counted and not grew, (
        f"Queue pages and dashboard checked: {len(checked)}. "
        f"Full-table COUNT: {', '.join(counted) or 'none'}. "
        f"Query count differs between sizes (any page): {', '.join(grew) or 'none'}."
    )


def slowest_queries(result: dict, top: int) -> str:
    plans = [(p["label"], plan) for p in result["pages"] for plan in p.get("plans", [])]
    plans.sort(key=lambda item: -item[1]["ms"])
    out = [f"Slowest queries at {result['traineeships']:,} traineeships (EXPLAIN ANALYZE):"]
    for label, plan in plans[:top]:
        sql = " ".join(plan["sql"].split())
        scans = ", ".join(plan["seq_scans"]) or "none"
        out.append(f"- {plan['ms']:.1f} ms, {label}; seq scans of big tables: {scans}\n  `{sql[:400]}`")
    return "\n".join(out)


def seeded(result: dict) -> str:
    rows = ", ".join(f"{name} {n:,}" for name, n in result["rows"].items())
    return f"{result['traineeships']:,} traineeships: seeded in {result['seed_seconds']:.0f} s ({rows})"


def child(args, traineeships: int, lines: int, static_root: str, *, keep: bool) -> dict:
    command = [sys.executable, __file__, "--traineeships", str(traineeships), "--lines", str(lines)]
    command += ["--repeat", str(args.repeat), "--static-root", static_root, "--json"]
    command += ["--keep"] if keep else []
    command += ["--show-queries", args.show_queries] if args.show_queries else []
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traineeships", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=50_000, help="subsidy batch lines")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per page (median shown)")
    parser.add_argument("--keep", action="store_true", help=f"leave the last size's {PG_DATABASE} in place")
    parser.add_argument("--small-only", action="store_true", help=f"only the small size ({SMALL:,})")
    parser.add_argument("--top", type=int, default=12, help="slowest queries listed")
    parser.add_argument("--show-queries", metavar="TEXT", help="print the SQL of pages whose label has TEXT")
    parser.add_argument("--static-root", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.json:  # one size, in this process
        result = run_one(
            args.traineeships,
            args.lines,
            repeat=args.repeat,
            explain=True,
            keep=args.keep,
            show=args.show_queries,
            static_root=args.static_root,
        )
        print(json.dumps(result, default=str))
        return
    static_root = tempfile.mkdtemp(prefix="jiexi-review-static-")
    try:
        collect_static(static_root)
        small_lines = max(1, args.lines * SMALL // args.traineeships)
        small = child(args, SMALL, small_lines, static_root, keep=args.keep and args.small_only)
        print(f"{SMALL:,} traineeships done", file=sys.stderr)
        full = None
        if not args.small_only:
            full = child(args, args.traineeships, args.lines, static_root, keep=args.keep)
            print(f"{args.traineeships:,} traineeships done", file=sys.stderr)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print(table(small, full))
    print()
    passed, words = verdict(small, full)
    print(words)
    print()
    print("Seeding: " + "; ".join(seeded(r) for r in (small, full) if r))
    print()
    print(slowest_queries(full or small, args.top))
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
