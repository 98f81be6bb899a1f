"""Benchmark: the month-end rush, 500 clerks filing their subsidy batch in the window's last hours.

    cd /work/main && .venv/bin/python bench/month_end.py [--employers 500] [--concurrency 32]
        [--workers 4] [--threads 1] [--conn-max-age 60] [--rate 0] [--double-click 0.2] [--keep]

The PostgreSQL database jiexi_month_end is dropped, created and migrated; N verified
employers are seeded, each with one clerk account and 2 to 4 traineeships ACTIVE through
last month (the month being filed), and a WindowOverride makes last month's filing window
close today (Beijing time), so the run happens on the window's last day. gunicorn then
serves jiexi.wsgi on a free local port with production settings (DEBUG off, a SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1, no SSL redirect or HSTS, collected static files, uploads in a temp
dir): sync workers by default, gthread with --threads above 1; each worker keeps its
database connection for a minute, as the settings do for PostgreSQL, unless --conn-max-age
is given (0: a connection per request).

Each simulated clerk, on a pool of --concurrency threads, then does what a browser does,
with no think time (all clerks are queued at once, so the pool stays full: a closed loop
that measures the server at saturation; with --rate R they arrive at random instead, R a
second on average, an open loop closer to a real evening): GET the login page, POST the
login, GET the batch page, POST "create the batch", GET the batch, GET the signature sheet
(.xlsx), POST the signed scan (an A4 PNG at 150 dpi: submitting needs one) and POST
"submit". CSRF tokens are parsed from the pages. A --double-click fraction of the clerks
sends create and submit twice at once (two identical POSTs on two connections, same
session). Requests carry X-Forwarded-Proto: https and an Origin header, as behind the
HTTPS proxy of production, so the secure session and CSRF cookies and the CSRF origin
check work as they do there. The client is the standard library's http.client, one
connection per clerk; it runs on the same machine as the server and takes part of its CPU.

Measured: wall time of the whole run and requests per second; per request the latency
from sending to the last byte read (time.perf_counter), as p50/p95/p99 overall and per
step; errors (an exception, a 5xx, or any status or redirect other than the one expected);
the CPU seconds used during the run by the machine, gunicorn (master and workers), PostgreSQL
(the postmaster and its backends, whatever database they serve), this client and the rest,
from /proc: on a shared machine the figures only mean something next to these.
Afterwards the database is checked: exactly one batch per employer for the month, one line
per traineeship (no duplicates, none missing), every batch submitted, and exactly one
"submitted" history entry per batch. Exit code 1 on any error or failed check. The
database and temp dir (with gunicorn's log) are dropped at the end unless --keep.
"""

import argparse
import datetime
import http.client
import io
import math
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from subsidy_batch import (  # noqa: E402  (the same realistic fake data as the batch benchmark)
    BANKS,
    TITLES,
    XIAMEN_AREAS,
    XIAMEN_SCHOOLS,
    chinese_name,
    id_number,
    luhn_complete,
)

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "jiexi_month_end"
PASSWORD = "Month-end-2026!"
P95_TARGET = 0.5
STEPS = ("login_page", "login", "batch_list", "create", "batch_detail", "sheet", "upload", "submit")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH_PATH = r"/employer/subsidies/(\d+)/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- Setup ------------------------------------------------------------------------------


def server_environment(workdir: Path, conn_max_age: int | None = None) -> dict[str, str]:
    """Production-like settings for jiexi.settings, shared by this process and gunicorn."""
    # Without conn_max_age the settings' default for PostgreSQL applies: a minute.
    option = "" if conn_max_age is None else f"?conn_max_age={conn_max_age}"
    return {
        "DATABASE_URL": f"{PG_SERVER}/{PG_DATABASE}{option}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_HSTS_PRELOAD": "false",
        "UPLOAD_ROOT": str(workdir / "uploads"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "jiexi.settings",
    }


def create_database() -> None:
    import psycopg2

    admin = psycopg2.connect(f"{PG_SERVER}/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    admin.close()


def drop_database() -> None:
    import psycopg2
    from django.db import connections

    connections.close_all()
    admin = psycopg2.connect(f"{PG_SERVER}/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
    admin.close()


def configure(workdir: Path, conn_max_age: int | None) -> None:
    """A fresh database, migrated, and the static files collected (the manifest storage
    needs them when DEBUG is off)."""
    create_database()
    os.environ.update(server_environment(workdir, conn_max_age))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def filing_month(today: datetime.date) -> datetime.date:
    """The month whose batch is filed at the start of this one: last month."""
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def seed(employers: int, *, month: datetime.date, today: datetime.date, rng: random.Random) -> dict:
    """`employers` verified employers, each with a clerk and 2-4 traineeships active in
    `month`; the month's window closes today. Returns {username: (employer id, traineeships)}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from employers.models import Staff
    from internships.models import Traineeship
    from jiexi import rules
    from jiexi.choices import District, Education, EducationRequirement
    from positions.models import Position
    from subsidies.models import WindowOverride
    from tests.employers.factories import EmployerFactory
    from trainees.models import Basis, Person

    User = get_user_model()
    first, last = rules.month_bounds(month.year, month.month)
    WindowOverride.objects.create(month=month, opens=last, closes=today, note="月末压力测试")
    # One hash for every clerk (hashing 500 passwords would take minutes); logging in still
    # checks it at the full cost of the default hasher.
    hashed = make_password(PASSWORD)
    clerks = {}
    with transaction.atomic():
        firms = [EmployerFactory(name=f"厦门月末测试有限公司{i:04d}") for i in range(employers)]
        users = User.objects.bulk_create(
            User(username=f"clerk{i:04d}", email=f"clerk{i:04d}@example.cn", password=hashed)
            for i in range(employers)
        )
        Staff.objects.bulk_create(
            Staff(user=u, employer=e, full_name=chinese_name(rng), is_manager=True)
            for u, e in zip(users, firms, strict=True)
        )
        positions = Position.objects.bulk_create(
            Position(
                employer=e,
                title=TITLES[i % len(TITLES)],
                openings=10,
                education=EducationRequirement.JUNIOR_COLLEGE,
                major_requirement="不限",
                duties="协助部门处理日常事务。",
                district=District.SIMING,
                address="厦门市思明区软件园二期观日路18号",
                months_offered=6,
                contact_name="陈静",
                contact_phone="0592-5396591",
                valid_until=today + datetime.timedelta(days=365),
                status=Position.Status.PUBLISHED,
            )
            for i, e in enumerate(firms)
        )
        counts = [rng.randint(2, 4) for _ in firms]
        # Distinct (birth date, sequence) pairs make distinct ID numbers.
        keys = iter(rng.sample(range(5 * 365 * 1000), sum(counts)))
        persons, owners = [], []
        for e, n in zip(firms, counts, strict=True):
            for _ in range(n):
                key = next(keys)
                birth = datetime.date(1999, 1, 1) + datetime.timedelta(days=key // 1000)
                bank, bin_ = rng.choice(BANKS)
                persons.append(
                    Person(
                        name=chinese_name(rng),
                        id_number=id_number(rng.choice(XIAMEN_AREAS), birth, key % 1000),
                        birth_date=birth,
                        sex="M" if key % 2 else "F",
                        mobile=f"139{rng.randrange(10**8):08d}",
                        education=Education.BACHELOR,
                        school_name=rng.choice(XIAMEN_SCHOOLS),
                        major="会计学",
                        certificate_number=f"10384120255{len(persons):06d}",
                        certificate_date=datetime.date(2026, 6, 30),
                        basis=Basis.XIAMEN_ORIGIN,
                        bank_name=bank,
                        bank_account=luhn_complete(f"{bin_}{rng.randrange(10**12):012d}"),
                        status=Person.Status.APPROVED,
                        registered_by=e,
                    )
                )
                owners.append(e)
        persons = Person.objects.bulk_create(persons, batch_size=2000)
        position_of = {p.employer_id: p for p in positions}
        traineeships = []
        for person, e in zip(persons, owners, strict=True):
            # Most started before the month and cover all of it; some start on its first day,
            # some during it (a part-month line). All are still running today.
            draw = rng.random()
            if draw < 0.8:
                start = first - datetime.timedelta(days=rng.randint(1, 120))
            else:
                start = first + datetime.timedelta(days=0 if draw < 0.9 else rng.randint(1, 20))
            end = rules.period_end(start, 6)
            traineeships.append(
                Traineeship(
                    employer=e,
                    person=person,
                    position=position_of[e.pk],
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
    for u, e, n in zip(users, firms, counts, strict=True):
        clerks[u.username] = (e.pk, n)
    return clerks


def seed_warm_up_clerk() -> str:
    """An employer without traineeships whose clerk warms the workers up; not measured."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from tests.employers.factories import EmployerFactory, StaffFactory

    user = get_user_model().objects.create(username="warmup", password=make_password(PASSWORD))
    StaffFactory(user=user, employer=EmployerFactory(name="厦门预热有限公司"))
    return user.username


def scan_png() -> bytes:
    """A signed sheet scanned at 150 dpi: an A4 greyscale PNG with a table and a stamp."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for y in range(200, 1500, 60):
        draw.line((100, y, 1140, y), fill=0, width=2)
    draw.ellipse((850, 1450, 1100, 1700), outline=80, width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(*, port: int, workers: int, threads: int, env: dict, log: Path) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/gunicorn"), "jiexi.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--worker-class", "gthread" if threads > 1 else "sync"]
    command += ["--threads", str(threads), "--log-level", "warning"]
    server = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not start; see {log}")


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def _stat(pid_dir: Path) -> tuple[str, list[str]]:
    """(command name, fields after it) of /proc/<pid>/stat."""
    comm, fields = pid_dir.joinpath("stat").read_text().rsplit(")", 1)
    return comm.split("(", 1)[1], fields.split()


def process_tree_cpu(parent: int | None) -> float:
    """CPU seconds used so far by a process, its live children and the children it has
    reaped: all of gunicorn and its workers, or all of PostgreSQL's backends."""
    total = 0
    for pid_dir in Path("/proc").glob("[0-9]*"):
        try:
            _, fields = _stat(pid_dir)
        except (OSError, IndexError):
            continue
        if int(pid_dir.name) == parent:
            total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
        elif int(fields[1]) == parent:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postmaster() -> int | None:
    """The PostgreSQL server's main process: a postgres whose parent is not one."""
    for pid_dir in Path("/proc").glob("[0-9]*"):
        try:
            comm, fields = _stat(pid_dir)
            if comm == "postgres" and _stat(Path(f"/proc/{fields[1]}"))[0] != "postgres":
                return int(pid_dir.name)
        except (OSError, IndexError):
            continue
    return None


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- The simulated clerk ----------------------------------------------------------------


class StepError(Exception):
    """A response other than the one a working site gives; the clerk stops there."""


class Client:
    """A browser's worth of HTTP for one clerk: one connection, cookies, a CSRF origin."""

    def __init__(self, port: int, cookies: dict | None = None) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str = ""):
        """(status, headers, body, seconds) of one request; cookies are kept as a browser would."""
        headers = {"X-Forwarded-Proto": "https", "User-Agent": "jiexi-month-end-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers.update(
                {"Origin": self.origin, "Referer": self.origin + path, "Content-Type": content_type}
            )
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            raise
        seconds = time.perf_counter() - started
        for cookie in response.headers.get_all("Set-Cookie") or ():
            pair, _, attributes = cookie.partition(";")
            name, _, value = pair.strip().partition("=")
            if "max-age=0" in attributes.lower().replace(" ", ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, response.headers, data, seconds

    def post_form(self, path: str, fields: dict):
        from urllib.parse import urlencode

        return self.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def post_file(self, path: str, fields: dict, name: str, filename: str, content: bytes, mime: str):
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {mime}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    def close(self) -> None:
        self.connection.close()


class Recorder:
    """Thread-safe store of (step, seconds) timings and of errors."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.timings: list[tuple[str, float]] = []
        self.errors: list[str] = []

    def timed(self, step: str, call, *, expect: int, location: str | None = None):
        """Run one request; record its time, and raise StepError unless it answered `expect`
        (and, for a redirect, went to a path matching `location`)."""
        try:
            status, headers, body, seconds = call()
        except (OSError, http.client.HTTPException) as error:
            raise StepError(f"{step}: {type(error).__name__}: {error}") from None
        with self.lock:
            self.timings.append((step, seconds))
        if status != expect:
            raise StepError(f"{step}: HTTP {status} (expected {expect}) {body[:120]!r}")
        if location is not None and not re.fullmatch(location, headers.get("Location", "")):
            raise StepError(f"{step}: redirected to {headers.get('Location')!r}, expected {location}")
        return headers, body

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def twice(first, second):
    """Send two requests at the same moment, as a double click does; both results, in order."""
    results = [None, None]
    barrier = threading.Barrier(2)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # reported by the caller, like any failed request
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results


def csrf(body: bytes) -> str:
    match = CSRF_INPUT.search(body.decode())
    if not match:
        raise StepError("no CSRF token in the page")
    return match.group(1)


def click(rec: Recorder, step: str, clients: list[Client], send, **expect) -> list:
    """One click, or with two clients a double click: the same POST twice at the same moment."""
    calls = [lambda c=c: rec.timed(step, lambda: send(c), **expect) for c in clients]
    return twice(*calls) if len(calls) == 2 else [calls[0]()]


def log_in(client: Client, username: str, rec: Recorder) -> bytes:
    """Log in from the login page, landing on the batch page; returns that page."""
    _, page = rec.timed("login_page", lambda: client.request("GET", "/accounts/login/"), expect=200)
    batches = "/employer/subsidies/"
    login = {"csrfmiddlewaretoken": csrf(page), "username": username, "password": PASSWORD, "next": batches}
    rec.timed("login", lambda: client.post_form("/accounts/login/", login), expect=302, location=batches)
    return rec.timed("batch_list", lambda: client.request("GET", batches), expect=200)[1]


def open_batch(client: Client, twin: Client | None, page: bytes, month: str, rec: Recorder) -> str:
    """The month's batch from the batch page: its link if it exists, else created (with a
    twin client, by a double click); returns the batch's path."""
    card = page.decode().split(f'id="window-{month}"', 1)[-1].split('<div class="col-md-6">', 1)[0]
    if existing := re.search(r'href="(/employer/subsidies/\d+/)"', card):
        return existing.group(1)
    create = {"csrfmiddlewaretoken": csrf(page), "month": month, "create": ""}
    answers = click(
        rec,
        "create",
        [client, twin] if twin else [client],
        lambda c: c.post_form("/employer/subsidies/create/", create),
        expect=302,
        location=BATCH_PATH,
    )
    targets = {headers["Location"] for headers, _ in answers}
    if len(targets) != 1:
        raise StepError(f"create: the two clicks opened different batches {sorted(targets)}")
    return targets.pop()


def file_batch(username: str, *, port: int, month: str, double: bool, scan: bytes, rec: Recorder) -> None:
    """One clerk's month end: log in, create the batch, export the sheet, upload, submit."""
    client = Client(port)
    twin = Client(port) if double else None
    try:
        page = log_in(client, username, rec)
        if twin:
            twin.cookies = dict(client.cookies)
        detail = open_batch(client, twin, page, month, rec)
        _, page = rec.timed("batch_detail", lambda: client.request("GET", detail), expect=200)
        fields = {"csrfmiddlewaretoken": csrf(page)}
        headers, sheet = rec.timed("sheet", lambda: client.request("GET", detail + "sheet.xlsx"), expect=200)
        if headers.get("Content-Type") != XLSX or not sheet.startswith(b"PK"):
            raise StepError(f"sheet: not a workbook ({headers.get('Content-Type')}, {len(sheet)} bytes)")
        upload = partial(client.post_file, detail + "sheet/", fields, "scan", "sheet.png", scan, "image/png")
        rec.timed("upload", upload, expect=302, location=detail)
        if twin:
            twin.cookies = dict(client.cookies)
        submit = partial(Client.post_form, path=detail + "submit/", fields=fields)
        click(rec, "submit", [client, twin] if twin else [client], submit, expect=302, location=detail)
    except StepError as error:
        rec.error(f"{username}: {error}")
    except Exception as error:  # anything else is a failure of the run, counted, never hidden
        rec.error(f"{username}: {type(error).__name__}: {error}")
    finally:
        client.close()
        if twin:
            twin.close()


def warm_up(port: int, username: str, workers: int, threads: int) -> None:
    """Load every worker's URLconf, templates and translations, as a server running since
    the morning has: enough concurrent logins and batch pages that each worker serves some."""
    rec = Recorder()

    def visit(_):
        client = Client(port)
        _, page = rec.timed("w", lambda: client.request("GET", "/accounts/login/"), expect=200)
        login = {"csrfmiddlewaretoken": csrf(page), "username": username, "password": PASSWORD, "next": "/"}
        rec.timed("w", lambda: client.post_form("/accounts/login/", login), expect=302)
        rec.timed("w", lambda: client.request("GET", "/employer/subsidies/"), expect=200)
        client.close()

    with ThreadPoolExecutor(workers * threads * 2) as pool:
        list(pool.map(visit, range(workers * threads * 3)))


# --- Checking and reporting -------------------------------------------------------------


def check_database(clerks: dict, month: datetime.date) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for the effects the run must have left, and nothing more."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from reviews.models import StatusChange
    from subsidies.models import BatchLine, SubsidyBatch

    expected = dict(clerks.values())  # employer id -> traineeships
    batches = SubsidyBatch.objects.filter(month=month, employer_id__in=expected)
    per_employer = dict(batches.values("employer_id").annotate(n=Count("id")).values_list("employer_id", "n"))
    missing = sum(1 for e in expected if e not in per_employer)
    extra = sum(n - 1 for n in per_employer.values() if n > 1)
    lines = BatchLine.objects.filter(batch__in=batches)
    duplicates = lines.values("batch_id", "traineeship_id").annotate(n=Count("id")).filter(n__gt=1).count()
    counts = dict(
        lines.values("batch__employer_id").annotate(n=Count("id")).values_list("batch__employer_id", "n")
    )
    wrong_count = sum(1 for e, n in expected.items() if e in per_employer and counts.get(e, 0) != n)
    not_submitted = batches.exclude(status=SubsidyBatch.Status.SUBMITTED).count()
    submissions = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(SubsidyBatch),
        object_id__in=batches.values("pk"),
        to_status=SubsidyBatch.Status.SUBMITTED,
    )
    twice_submitted = submissions.values("object_id").annotate(n=Count("id")).filter(n__gt=1).count()
    return [
        (
            "one batch per employer",
            not missing and not extra,
            f"{len(per_employer)} of {len(expected)} employers have one; {missing} missing, {extra} duplicate",
        ),
        (
            "no duplicate lines",
            not duplicates,
            f"{lines.count()} lines, {duplicates} (batch, traineeship) pairs twice",
        ),
        (
            "one line per traineeship",
            not wrong_count,
            f"{wrong_count} batches with a line count other than their traineeships",
        ),
        (
            "every batch submitted",
            not not_submitted and not missing,
            f"{not_submitted} batches not submitted",
        ),
        (
            "one submission each",
            not twice_submitted,
            f"{twice_submitted} batches with two 'submitted' entries",
        ),
    ]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


def latency_table(timings: list[tuple[str, float]]) -> str:
    by_step = defaultdict(list)
    for step, seconds in timings:
        by_step[step].append(seconds)
    rows = [
        "| step | requests | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | mean (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for step in [s for s in STEPS if s in by_step] + ["all"]:
        values = sorted(by_step[step] if step != "all" else (s for _, s in timings))
        if not values:
            continue
        ms = [percentile(values, p) * 1000 for p in (50, 95, 99)]
        rows.append(
            f"| {step} | {len(values):,} | {ms[0]:.0f} | {ms[1]:.0f} | {ms[2]:.0f} | {values[-1] * 1000:.0f}"
            f" | {statistics.fmean(values) * 1000:.0f} |"
        )
    return "\n".join(rows)


def versions() -> str:
    import django
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    gunicorn = subprocess.run(
        [str(ROOT / ".venv/bin/gunicorn"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return f"Python {platform.python_version()}, Django {django.get_version()}, PostgreSQL {pg}, {gunicorn}"


def load(
    port: int, clerks: dict, *, month: datetime.date, doubles: set, concurrency: int, rate: float
) -> Recorder:
    """Every clerk files, at most `concurrency` at a time: all at once (a closed loop), or
    with `rate` arriving at random moments, that many a second on average (an open loop)."""
    scan = scan_png()
    rec = Recorder()
    arrivals = random.Random(len(clerks))
    started = time.perf_counter()
    due = 0.0
    with ThreadPoolExecutor(concurrency) as pool:
        for username in clerks:
            if rate:
                due += arrivals.expovariate(rate)
                time.sleep(max(0.0, started + due - time.perf_counter()))
            pool.submit(
                file_batch,
                username,
                port=port,
                month=f"{month:%Y-%m}",
                double=username in doubles,
                scan=scan,
                rec=rec,
            )
    return rec


def report(rec: Recorder, checks: list, *, wall: float, cpu: dict, clerks: int, doubles: int) -> bool:
    """Print the figures, the checks and the verdicts; True when the run failed."""
    requests = len(rec.timings)
    print(
        f"\n{clerks} clerks ({doubles} double-clicking create and submit) in {wall:.1f} s:"
        f" {requests:,} requests, {requests / wall:.1f} requests/s, {clerks / wall:.2f} clerks/s,"
        f" {len(rec.errors)} errors"
    )
    others = cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - cpu["client"]
    print(
        f"CPU during the run: machine {cpu['machine']:.0f} s of {cpu['capacity']:.0f} s"
        f" ({cpu['machine'] / cpu['capacity']:.0%} busy); gunicorn {cpu['gunicorn']:.0f} s"
        f" ({cpu['gunicorn'] / clerks * 1000:.0f} ms per clerk), client {cpu['client']:.1f} s,"
        f" PostgreSQL (all its databases) {cpu['postgres']:.0f} s, other processes {others:.0f} s\n"
    )
    print(latency_table(rec.timings))
    for message in rec.errors[:20]:
        print(f"  error: {message}")
    if len(rec.errors) > 20:
        print(f"  ... and {len(rec.errors) - 20} more errors")
    print()
    for name, passed, detail in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}")
    p95 = percentile(sorted(s for _, s in rec.timings), 95) if rec.timings else float("inf")
    duplicates_ok = all(passed for _, passed, _ in checks[:3])
    print(
        f"\ntargets: zero errors: {'met' if not rec.errors else 'MISSED'};"
        f" no duplicate batches or lines: {'met' if duplicates_ok else 'MISSED'};"
        f" p95 under {P95_TARGET * 1000:.0f} ms: {'met' if p95 < P95_TARGET else 'MISSED'} ({p95 * 1000:.0f} ms)"
    )
    return bool(rec.errors) or not all(passed for _, passed, _ in checks)


def run(args, workdir: Path) -> bool:
    """Seed, serve, file every batch, check; True when the run failed."""
    from django.conf import settings
    from django.utils import timezone

    configure(workdir, args.conn_max_age)
    rng = random.Random(args.seed)
    today = timezone.localdate()
    month = filing_month(today)
    started = time.perf_counter()
    clerks = seed(args.employers, month=month, today=today, rng=rng)
    warm_user = seed_warm_up_clerk()
    seeded = time.perf_counter() - started
    midnight = datetime.datetime.combine(today, datetime.time(), timezone.get_current_timezone())
    closes_in = midnight + datetime.timedelta(days=1) - timezone.localtime()
    print(f"{versions()}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run")
    print(
        f"{len(clerks)} employers, {sum(n for _, n in clerks.values()):,} active traineeships, seeded in"
        f" {seeded:.1f} s; filing {month:%Y-%m}; its window closes at the end of {today} (Beijing),"
        f" in {closes_in.total_seconds() / 3600:.1f} h"
    )
    kind = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
    port = free_port()
    server = start_gunicorn(
        port=port,
        workers=args.workers,
        threads=args.threads,
        env=server_environment(workdir, args.conn_max_age),
        log=workdir / "gunicorn.log",
    )
    try:
        print(
            f"gunicorn: {args.workers} workers ({kind}), conn_max_age={settings.DATABASES['default']['CONN_MAX_AGE']};"
            f" at most {args.concurrency} clerks at a time"
            + (f", arriving at {args.rate:g} a second on average" if args.rate else ", all waiting to start")
        )
        warm_up(port, warm_user, args.workers, args.threads)
        doubles = set(rng.sample(sorted(clerks), round(len(clerks) * args.double_click)))
        database = postmaster()
        before = {
            "machine": machine_cpu(),
            "gunicorn": process_tree_cpu(server.pid),
            "postgres": process_tree_cpu(database),
            "client": own_cpu(),
        }
        started = time.perf_counter()
        rec = load(port, clerks, month=month, doubles=doubles, concurrency=args.concurrency, rate=args.rate)
        wall = time.perf_counter() - started
        machine = machine_cpu()
        cpu = {
            "machine": machine[0] - before["machine"][0],
            "capacity": machine[1] - before["machine"][1],
            "gunicorn": process_tree_cpu(server.pid) - before["gunicorn"],
            "postgres": process_tree_cpu(database) - before["postgres"],
            "client": own_cpu() - before["client"],
        }
    finally:
        server.terminate()
        server.wait(30)
    checks = check_database(clerks, month)
    return report(rec, checks, wall=wall, cpu=cpu, clerks=len(clerks), doubles=len(doubles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=500, help="employers, one clerk each")
    parser.add_argument("--concurrency", type=int, default=32, help="clerks filing at the same time")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (>1: gthread)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="seconds a worker keeps its database connection (default: the settings', 60)",
    )
    parser.add_argument(
        "--rate", type=float, default=0, help="clerks arriving per second at random (default: all at once)"
    )
    parser.add_argument("--double-click", type=float, default=0.2, help="fraction of clerks posting twice")
    parser.add_argument("--seed", type=int, default=20261203, help="random seed for the data")
    parser.add_argument("--keep", action="store_true", help="keep the database and the temp dir")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jiexi-month-end-"))
    try:
        failed = run(args, workdir)
    finally:
        if args.keep:
            print(f"kept: database {PG_DATABASE}, temp dir {workdir} (gunicorn.log, uploads)")
        else:
            if "django" in sys.modules:
                drop_database()
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
