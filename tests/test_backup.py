"""scripts/backup and scripts/restore: the database and the uploads, out and back in."""

import datetime
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from subsidies import services
from tests.employers.factories import EmployerFactory, png_bytes
from tests.internships.factories import TraineeshipFactory
from tests.trainees.factories import PersonFactory, with_all_materials

ROOT = Path(__file__).resolve().parents[1]
D = datetime.date

pytestmark = [
    # pg_dump runs in another process and sees only committed rows.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are pg_dump and pg_restore: set DATABASE_URL=postgres://… to run them",
    ),
]


def database_url(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] + (f":{db['PORT']}" if db["PORT"] else "")
    return f"postgres://{user}@{host}/{name}"


def script(name: str, *args, database: str, uploads: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url(database), "UPLOAD_ROOT": str(uploads)}
    return subprocess.run(
        [ROOT / "scripts" / name, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )


def open_database(name: str):
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=name, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )


def contents(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
    return cursor.fetchall()


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.fixture
def uploads() -> Path:
    """The test's UPLOAD_ROOT (tests/conftest.py gives each test its own)."""
    return Path(default_storage.location)


@pytest.fixture
def records(uploads):
    employer = EmployerFactory()
    person = with_all_materials(PersonFactory(registered_by=employer, submitted=True))
    traineeship = TraineeshipFactory(employer=employer, active=True, start=D(2027, 3, 1), end=D(2027, 8, 31))
    batch = services.create_batch(employer=employer, by=None, month=D(2027, 6, 1), today=D(2027, 7, 1))
    services.attach_sheet(batch=batch, file=ContentFile(png_bytes((90, 60)), name="sheet.png"), by=None)
    batch.refresh_from_db()
    # Every file under UPLOAD_ROOT is saved, whether a row names it or not.
    (uploads / "其他").mkdir()
    (uploads / "其他" / "说明.txt").write_text("人工放入的文件\n", encoding="utf-8")
    return {"employer": employer, "person": person, "traineeship": traineeship, "batch": batch}


@pytest.fixture
def empty_database():
    """A new database with no tables, dropped afterwards."""
    name = f"jiexi_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup(records, uploads, tmp_path) -> Path:
    made = script("backup", tmp_path / "backups", database=connection.settings_dict["NAME"], uploads=uploads)
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.splitlines()[-1])


def tables_of(name: str) -> dict[str, list[tuple]]:
    """Every row of every table of a database, read through psycopg2 (Django's cursor leaves
    JSON undecoded, so both sides are read the same way)."""
    with open_database(name) as database, database.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {table: contents(cursor, table) for (table,) in cursor.fetchall()}
    database.close()
    return tables


def test_a_restored_backup_has_every_row_and_every_file(backup, records, uploads, empty_database, tmp_path):
    assert backup.parent == tmp_path / "backups" and backup.name.startswith("jiexi-backup-")
    assert list(backup.parent.iterdir()) == [backup]  # no partial directory left behind
    assert sorted(path.name for path in backup.iterdir()) == ["db.dump", "manifest.json", "uploads.tar"]
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["uploads"]["files"]) == set(files(uploads))

    done = script("restore", backup, database=empty_database, uploads=tmp_path / "restored")

    assert done.returncode == 0, done.stderr
    original, restored = tables_of(connection.settings_dict["NAME"]), tables_of(empty_database)
    project_tables = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT)
        for model in config.get_models(include_auto_created=True)
    }
    assert project_tables <= original.keys()
    assert {table: len(rows) for table, rows in restored.items()} == {
        table: len(rows) for table, rows in original.items()
    }
    assert restored == original
    employer, person, batch = records["employer"], records["person"], records["batch"]
    assert [row for row in restored["employers_employer"] if row[0] == employer.pk] == [
        row for row in original["employers_employer"] if row[0] == employer.pk
    ]
    assert manifest["tables"]["public.trainees_material"] == person.materials.count() > 0
    assert manifest["tables"]["public.subsidies_batchline"] == batch.lines.count() == 1
    assert files(tmp_path / "restored") == files(uploads)
    for name in (employer.licence.name, records["traineeship"].agreement.name, batch.signed_sheet.name):
        assert (tmp_path / "restored" / name).read_bytes() == (uploads / name).read_bytes()
    assert (tmp_path / "restored" / "其他" / "说明.txt").read_text(encoding="utf-8") == "人工放入的文件\n"


def test_restore_refuses_a_database_with_tables_or_uploads_with_files_unless_forced(
    backup, uploads, empty_database, tmp_path
):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.png").write_bytes(b"not ours")
    refused = script("restore", backup, database=empty_database, uploads=occupied)
    assert refused.returncode != 0 and "already holds files" in refused.stderr
    assert tables_of(empty_database) == {}

    assert script("restore", backup, database=empty_database, uploads=tmp_path / "first").returncode == 0
    again = script("restore", backup, database=empty_database, uploads=tmp_path / "second")
    assert again.returncode != 0 and "already has" in again.stderr and "--force" in again.stderr
    assert not (tmp_path / "second").exists()

    forced = script("restore", backup, "--force", database=empty_database, uploads=tmp_path / "first")
    assert forced.returncode == 0, forced.stderr
    assert files(tmp_path / "first") == files(uploads)
    assert tables_of(empty_database) == tables_of(connection.settings_dict["NAME"])


def test_restore_refuses_a_damaged_backup_and_touches_nothing(backup, empty_database, tmp_path):
    for archive in ("db.dump", "uploads.tar"):
        damaged = tmp_path / f"damaged-{archive}"
        shutil.copytree(backup, damaged)
        with (damaged / archive).open("r+b") as handle:
            handle.seek(2000)
            byte = handle.read(1)
            handle.seek(2000)
            handle.write(bytes([byte[0] ^ 0xFF]))

        refused = script("restore", damaged, database=empty_database, uploads=tmp_path / "restored")

        assert refused.returncode != 0
        assert f"damaged: {damaged / archive} does not match its checksum" in refused.stderr
        assert tables_of(empty_database) == {}
        assert not (tmp_path / "restored").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda m: m.update(archives=[]),
        lambda m: m["archives"].pop("db.dump"),
        lambda m: m["uploads"].pop("files"),
        lambda m: m.update(tables=[]),
    ],
    ids=["archives-a-list", "no-dump-sum", "no-file-sums", "tables-a-list"],
)
def test_restore_refuses_a_malformed_manifest_in_words(backup, empty_database, tmp_path, tamper):
    import json

    bad = tmp_path / "bad"
    shutil.copytree(backup, bad)
    manifest = json.loads((bad / "manifest.json").read_text(encoding="utf-8"))
    tamper(manifest)
    (bad / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    refused = script("restore", bad, database=empty_database, uploads=tmp_path / "restored")
    assert refused.returncode != 0 and "is damaged" in refused.stderr and "Traceback" not in refused.stderr
    assert tables_of(empty_database) == {}
    assert not (tmp_path / "restored").exists() or not any((tmp_path / "restored").iterdir())


def test_a_manifest_whose_counts_are_not_the_dumps_keeps_the_files_out(backup, empty_database, tmp_path):
    import json

    bad = tmp_path / "miscounted"
    shutil.copytree(backup, bad)
    manifest = json.loads((bad / "manifest.json").read_text(encoding="utf-8"))
    table = next(name for name in manifest["tables"] if name.endswith("employers_employer"))
    manifest["tables"][table] += 1
    (bad / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    refused = script("restore", bad, database=empty_database, uploads=tmp_path / "restored")
    assert refused.returncode != 0
    assert "does not belong to this dump" in refused.stderr and "No file was put" in refused.stderr
    assert not any(path.is_file() for path in (tmp_path / "restored").rglob("*"))
