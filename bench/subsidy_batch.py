"""Benchmark: a month's subsidy batch and its signature sheet, for one large employer.

    cd /work/main && .venv/bin/python bench/subsidy_batch.py [--lines 1000] [--database sqlite|postgres]
    cd /work/main && .venv/bin/python bench/subsidy_batch.py --sweep --database postgres

One verified employer gets N active traineeships covering the whole of June 2027; then
subsidies.services.create_batch (month 2027-06, filed on 2027-07-01) and
subsidies.sheets.signature_sheet are measured, each on its own:

* wall time: time.perf_counter, median of --repeat runs, no tracing active (the batch is
  deleted again after each timing run, so every run creates the same batch from scratch);
* SQL queries: django.test.utils.CaptureQueriesContext on the default connection;
* peak Python memory: tracemalloc started just before the step and stopped just after.

Every size runs in its own fresh database (a new SQLite file in a temp dir, or the
PostgreSQL database jiexi_bench dropped and created again); with --sweep each size runs
in a child process, so one size's leftovers never show up in another's figures. Uploads
go to a temp dir. Settings are production-like: DEBUG off, so Django keeps no query log
outside the capture step.
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
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWEEP_SIZES = (1_000, 5_000, 10_000)
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "jiexi_bench"
MONTH = datetime.date(2027, 6, 1)
FILED_ON = datetime.date(2027, 7, 1)

# --- Realistic fake data ----------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉浩宇轩博文思怡欣雨婷晨睿佳琪子涵梓萱一诺嘉俊昊然志强建国海燕晓东丹阳"
XIAMEN_AREAS = ("350203", "350205", "350206", "350211", "350212", "350213")
OTHER_AREAS = ("350102", "350503", "350582", "350602", "350802", "360102", "440304", "330106")
BANKS = (
    ("中国工商银行厦门分行", "622202"),
    ("中国建设银行厦门分行", "621700"),
    ("中国农业银行厦门分行", "622848"),
    ("中国银行厦门分行", "621661"),
    ("交通银行厦门分行", "622262"),
    ("厦门银行", "622236"),
)
XIAMEN_SCHOOLS = ("厦门大学", "集美大学", "厦门理工学院", "华侨大学", "厦门城市职业学院")
OTHER_SCHOOLS = ("福州大学", "福建师范大学", "南昌大学", "华南理工大学")
MAJORS = ("会计学", "软件工程", "汉语言文学", "市场营销", "国际经济与贸易", "电子信息工程", "人力资源管理")
TITLES = ("财务助理", "行政专员", "软件测试见习生", "市场推广助理", "人事专员", "客服专员", "数据录入员")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_number(area: str, birth: datetime.date, sequence: int) -> str:
    """An 18-character resident ID with its GB 11643 check character."""
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def luhn_complete(prefix: str) -> str:
    """prefix + the Luhn check digit bank card numbers carry."""
    total = 0
    for i, c in enumerate(reversed(prefix)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return prefix + str(-total % 10)


def chinese_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


# --- Setup ------------------------------------------------------------------------------


def configure(database: str, workdir: Path) -> None:
    """Environment for jiexi.settings, then django.setup() and a quiet migrate."""
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg2

        admin = psycopg2.connect(f"{PG_SERVER}/postgres")
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{PG_DATABASE}"')
        admin.close()
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ["UPLOAD_ROOT"] = str(workdir / "uploads")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiexi.settings"
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def seed(lines: int, *, rng: random.Random, first_serial: int = 0, born_in: int = 1998):
    """One verified employer with `lines` active traineeships running through June 2027; its
    graduates are born in the six years from `born_in`."""
    from django.db import transaction

    from internships.models import Traineeship
    from jiexi import rules
    from jiexi.choices import District, Education, EducationRequirement
    from positions.models import Position
    from tests.employers.factories import EmployerFactory
    from trainees.models import Basis, Person, School

    employer = EmployerFactory(name=f"厦门海峡软件科技有限公司{first_serial or ''}", status="verified")
    schools = dict(School.objects.values_list("name", "pk"))
    first, last = rules.month_bounds(MONTH.year, MONTH.month)
    with transaction.atomic():
        positions = Position.objects.bulk_create(
            Position(
                employer=employer,
                title=f"{TITLES[i % len(TITLES)]}（{i // len(TITLES) + 1}）",
                openings=100,
                education=EducationRequirement.JUNIOR_COLLEGE,
                major_requirement="不限",
                duties="协助部门处理日常事务，参与项目资料整理。",
                district=District.SIMING,
                address="厦门市思明区软件园二期观日路18号",
                months_offered=6,
                contact_name="陈静",
                contact_phone="0592-5396591",
                valid_until=datetime.date(2027, 12, 31),
                status=Position.Status.PUBLISHED,
            )
            for i in range(max(1, lines // 100 + (lines % 100 > 0)))
        )
        # Distinct (birth date, sequence) pairs make distinct ID numbers whatever the area.
        keys = rng.sample(range(6 * 365 * 1000), lines)
        persons = []
        for serial, key in enumerate(keys, start=first_serial):
            birth = datetime.date(born_in, 1, 1) + datetime.timedelta(days=key // 1000)
            sequence = key % 1000
            origin = rng.random() < 0.6
            area = rng.choice(XIAMEN_AREAS if origin else OTHER_AREAS)
            number = id_number(area, birth, sequence)
            bank, bin_ = rng.choice(BANKS)
            # Xiamen origin, or else a graduate of a Xiamen school (SPEC §2.3).
            school = rng.choice(XIAMEN_SCHOOLS + OTHER_SCHOOLS if origin else XIAMEN_SCHOOLS)
            persons.append(
                Person(
                    name=chinese_name(rng),
                    id_number=number,
                    birth_date=birth,
                    sex="M" if sequence % 2 else "F",
                    mobile=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                    education=rng.choice((Education.JUNIOR_COLLEGE, Education.BACHELOR, Education.MASTER)),
                    school_name=school,
                    school_id=schools.get(school),
                    major=rng.choice(MAJORS),
                    certificate_number=f"10384120265{serial:06d}",
                    certificate_date=datetime.date(2026, 6, 30),
                    basis=Basis.XIAMEN_ORIGIN if origin else Basis.XIAMEN_SCHOOL,
                    bank_name=bank,
                    bank_account=luhn_complete(f"{bin_}{rng.randrange(10**12):012d}"),
                    status=Person.Status.APPROVED,
                    registered_by=employer,
                )
            )
        persons = Person.objects.bulk_create(persons, batch_size=2000)
        traineeships = []
        for i, person in enumerate(persons):
            # Starts between January and 1 June; ends at or after 30 June.
            start = datetime.date(2027, rng.randint(1, 5), rng.randint(1, 28)) if i % 5 else first
            months = 6 if rules.period_end(start, 6) >= last else 12
            end = rules.period_end(start, months)
            traineeships.append(
                Traineeship(
                    employer=employer,
                    person=person,
                    position=positions[i // 100],
                    start=start,
                    end=end,
                    agreed_end=end,
                    mentor=chinese_name(rng),
                    work_content="协助完成日常财务核算与资料归档。",
                    status=Traineeship.Status.ACTIVE,
                    submitted_on=start - datetime.timedelta(days=10),
                )
            )
        Traineeship.objects.bulk_create(traineeships, batch_size=2000)
    return employer


# --- Measuring --------------------------------------------------------------------------


def _discard(batch) -> None:
    """Delete a batch made by a timing run, its lines and its history entry."""
    from django.contrib.contenttypes.models import ContentType

    from reviews.models import StatusChange

    StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(batch), object_id=batch.pk
    ).delete()
    batch.delete()


def _query_kind(sql: str) -> str:
    """The statement and the table it mainly touches: 'INSERT INTO "subsidies_batchline"'."""
    words = sql.split()
    if words[0].upper() == "SELECT" and " FROM " in sql:
        return "SELECT … FROM " + sql.split(" FROM ", 1)[1].split()[0]
    return " ".join(words[:3]) if words[0].upper() in ("INSERT", "DELETE") else " ".join(words[:2])


def measure(step, *, repeat: int, undo=None, profile: str | None = None) -> dict:
    """Time `step` `repeat` times (undoing it after each run), then count its queries, then
    trace its memory; the last run's result is kept and returned with the figures."""
    import gc

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
        if undo:
            undo(result)
    with CaptureQueriesContext(connection) as captured:
        result = step()
    queries = len(captured.captured_queries)
    kinds = Counter(_query_kind(q["sql"]) for q in captured.captured_queries)
    if undo:
        undo(result)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(step)
        print(f"\n--- cProfile: {profile} ---", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
        if undo:
            undo(result)
    gc.collect()
    tracemalloc.start()
    result = step()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": statistics.median(times),
        "seconds_min": min(times),
        "queries": queries,
        "query_kinds": dict(kinds.most_common()),
        "peak_mib": peak / 2**20,
        "result": result,
    }


def run_one(lines: int, database: str, *, repeat: int, profile: bool) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="jiexi-bench-"))
    try:
        configure(database, workdir)
        from decimal import Decimal

        from subsidies import services, sheets

        rng = random.Random(20270601)
        started = time.perf_counter()
        employer = seed(lines, rng=rng)
        seeded = time.perf_counter() - started

        # Warm the process up (translations, content types, openpyxl imports) on a small
        # employer, as a long-running web worker would be.
        small = seed(3, rng=rng, first_serial=900_000, born_in=1990)
        warm = services.create_batch(employer=small, by=None, month=MONTH, today=FILED_ON)
        sheets.signature_sheet(warm)

        def create():
            return services.create_batch(employer=employer, by=None, month=MONTH, today=FILED_ON)

        batch_figures = measure(create, repeat=repeat, undo=_discard, profile=profile and "create_batch")
        batch = batch_figures.pop("result")
        count = batch.lines.count()
        assert count == lines, f"{count} lines for {lines} traineeships"
        expected = Decimal(1980) * lines
        total = sum(batch.lines.values_list("amount", flat=True))
        assert total == expected, f"batch total {total}, expected {expected}"

        sheet_figures = measure(
            lambda: sheets.signature_sheet(batch), repeat=repeat, profile=profile and "signature_sheet"
        )
        sheet_figures["kib"] = len(sheet_figures.pop("result")) / 1024
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
    import resource

    return {
        "lines": lines,
        "database": database,
        "seed_seconds": seeded,
        "create_batch": batch_figures,
        "signature_sheet": sheet_figures,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- Reporting --------------------------------------------------------------------------


def table(results: list[dict]) -> str:
    rows = [
        "| database | lines | step | time (s, median) | time (s, best) | SQL queries | peak Python memory (MiB) | output (KiB) |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for step in ("create_batch", "signature_sheet"):
            f = r[step]
            kib = f"{f['kib']:.0f}" if "kib" in f else ""
            rows.append(
                f"| {r['database']} | {r['lines']:,} | {step} | {f['seconds']:.3f} | {f['seconds_min']:.3f}"
                f" | {f['queries']} | {f['peak_mib']:.1f} | {kib} |"
            )
    rows.append("")
    rows.append(
        "Seeding and process peak RSS: "
        + "; ".join(
            f"{r['database']} {r['lines']:,}: seeded in {r['seed_seconds']:.1f} s, max RSS {r['max_rss_mib']:.0f} MiB"
            for r in results
        )
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000, help="traineeships, hence batch lines")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sweep", action="store_true", help="run for 1,000, 5,000 and 10,000 lines")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per step (median shown)")
    parser.add_argument("--profile", action="store_true", help="print cProfile output to stderr")
    parser.add_argument("--show-queries", action="store_true", help="list the captured queries by kind")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.sweep:
        results = []
        for lines in SWEEP_SIZES:
            command = [sys.executable, __file__, "--lines", str(lines), "--database", args.database]
            command += ["--repeat", str(args.repeat), "--json"] + (["--profile"] if args.profile else [])
            done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"{args.database}: {lines:,} lines done", file=sys.stderr)
    else:
        results = [run_one(args.lines, args.database, repeat=args.repeat, profile=args.profile)]
    if args.json:
        print(json.dumps(results[0]))
    else:
        print(table(results))
    if args.show_queries:
        for r in results:
            for step in ("create_batch", "signature_sheet"):
                print(f"\n{r['database']} {r['lines']:,} lines, {step} queries:")
                for kind, n in r[step]["query_kinds"].items():
                    print(f"  {n:5d}  {kind}")


if __name__ == "__main__":
    main()
