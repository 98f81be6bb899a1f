"""A real Celery worker and beat against the Redis on 127.0.0.1:6379 run the daily sweep."""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from internships.models import Traineeship
from notifications.models import Notification
from tests.employers.factories import StaffFactory
from tests.internships.factories import TraineeshipFactory

ROOT = Path(__file__).resolve().parents[1]
REDIS = ("127.0.0.1", 6379)


def redis_is_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker needs the test database over TCP"
    ),
    pytest.mark.skipif(not redis_is_up(), reason="needs Redis on 127.0.0.1:6379"),
]


def celery(*args: str, env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jiexi", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_beat_enqueues_the_sweep_and_a_worker_moves_a_traineeship_and_notifies(tmp_path):
    import redis

    today = timezone.localdate()
    starting = TraineeshipFactory(approved=True, start=today, end=today + datetime.timedelta(days=90))
    ending = TraineeshipFactory(
        active=True, start=today - datetime.timedelta(days=60), end=today + datetime.timedelta(days=2)
    )
    StaffFactory(employer=ending.employer)
    broker = "redis://127.0.0.1:6379/15"
    redis.Redis.from_url(broker).flushdb()
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        "REDIS_URL": broker,
        "SWEEP_EVERY_SECONDS": "2",
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
    }
    worker = celery("worker", "--pool", "solo", "--loglevel", "INFO", env=env, log=tmp_path / "worker.log")
    beat = celery(
        "beat",
        "--schedule",
        str(tmp_path / "beat-schedule"),
        "--loglevel",
        "INFO",
        env=env,
        log=tmp_path / "beat.log",
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            starting.refresh_from_db()
            if (
                starting.status == Traineeship.Status.ACTIVE
                and Notification.objects.filter(employer=ending.employer).exists()
            ):
                break
            time.sleep(1)
    finally:
        for process in (beat, worker):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (beat, worker):
            process.wait(timeout=30)
        redis.Redis.from_url(broker).flushdb()
    logs = (tmp_path / "worker.log").read_text() + (tmp_path / "beat.log").read_text()
    assert starting.status == Traineeship.Status.ACTIVE, logs[-3000:]
    note = Notification.objects.get(employer=ending.employer)
    assert ending.person.name in note.text
    assert "jiexi.tasks.daily_sweep" in logs
