"""manage.py backup [DEST_DIR]: the PostgreSQL database and every upload, in one directory.

DEST_DIR/jiexi-backup-YYYYmmdd-HHMMSS/ holds db.dump (pg_dump's custom format), uploads.tar
and manifest.json: the rows in each table, and a SHA-256 of both archives and of every file.
It is written under a hidden ".partial" name and renamed once complete, so a directory with
a final name is always a whole backup. scripts/backup calls this; manage.py restore reads it.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

FORMAT = 1
PREFIX = "jiexi-backup-"
DUMP, UPLOADS, MANIFEST = "db.dump", "uploads.tar", "manifest.json"


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        raise CommandError(
            f"DATABASE_URL names a {connection.vendor} database; backups are made of PostgreSQL only. "
            "(On a laptop install, stop the server and copy db.sqlite3 and uploads/.)"
        )


def upload_root() -> Path:
    """UPLOAD_ROOT as the running settings resolve it."""
    return Path(storages["default"].location)


def libpq_env() -> dict[str, str]:
    """The environment that points pg_dump and pg_restore at DATABASE_URL, password included."""
    db = connection.settings_dict
    _args, extra = connection.client.settings_to_cmd_args_env(db, [])
    env = {**os.environ, **(extra or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def run(command: list[str]) -> str:
    """Run a PostgreSQL client program; what it says on failure becomes the error."""
    program = shutil.which(command[0])
    if program is None:
        raise CommandError(f"{command[0]} was not found; install the PostgreSQL client programs.")
    result = subprocess.run(
        [program, *command[1:]], env=libpq_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    if result.returncode:
        raise CommandError(
            f"{command[0]} failed: {result.stderr.strip() or f'exit status {result.returncode}'}"
        )
    return result.stdout


def table_names(cursor) -> list[tuple[str, str]]:
    """(schema, table) of every table outside PostgreSQL's own schemas."""
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    return cursor.fetchall()


def table_counts(cursor) -> dict[str, int]:
    """{"schema.table": rows} for every table."""
    quote = connection.ops.quote_name
    counts = {}
    for schema, table in table_names(cursor):
        cursor.execute(f"SELECT count(*) FROM {quote(schema)}.{quote(table)}")
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fsync(path: Path) -> None:
    """Flush a file or a directory entry to disk, so a power cut cannot undo a finished backup."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class _Hashing:
    """A file reader that hashes what tarfile copies, so each checksum is of the archived bytes."""

    def __init__(self, handle) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def dump_database(target: Path) -> dict[str, int]:
    """pg_dump the database into target; return the rows of each table in the dumped snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(cursor)
        # pg_dump reads the snapshot this transaction exported (and holds open), so the
        # counts describe exactly the rows in the dump.
        run(["pg_dump", "--no-password", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return counts


def _raise(error: OSError) -> None:
    raise error


def archive_uploads(root: Path, target: Path) -> dict[str, str]:
    """Every regular file under root into an uncompressed tar (scans are compressed already)."""
    checksums = {}
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        # An unreadable folder fails the backup rather than being skipped in silence.
        for folder, subfolders, names in os.walk(root, onerror=_raise) if root.is_dir() else ():
            subfolders.sort()
            for name in sorted(names):
                path = Path(folder, name)
                if path.is_symlink() or not path.is_file():
                    continue
                relative = path.relative_to(root).as_posix()
                with path.open("rb") as handle:
                    reader = _Hashing(handle)
                    tar.addfile(tar.gettarinfo(arcname=relative, fileobj=handle), reader)
                checksums[relative] = reader.digest.hexdigest()
    return checksums


class Command(BaseCommand):
    help = "Back up the database named by DATABASE_URL and every file under UPLOAD_ROOT into one directory."
    # The system checks concern serving, not this; a nightly backup must not fail on one.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "dest", nargs="?", help="Where to put the backup directory; default: backups/ in the project."
        )

    def handle(self, *args, dest: str | None = None, **options) -> None:
        require_postgresql()
        try:
            final = self.make(Path(dest) if dest else self.default_folder())
        except (OSError, DatabaseError) as error:
            raise CommandError(f"The backup failed: {error}") from error
        self.stdout.write(str(final))

    def default_folder(self) -> Path:
        folder = settings.BASE_DIR / "backups"
        folder.mkdir(exist_ok=True)
        # Backups hold personal data: keep them out of the repository.
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n")
        return folder

    def make(self, dest: Path) -> Path:
        dest.mkdir(parents=True, exist_ok=True)
        name = f"{PREFIX}{timezone.localtime():%Y%m%d-%H%M%S}"
        final = dest / name
        if final.exists():
            raise CommandError(f"{final} already exists; wait a second and run the backup again.")
        # mkdtemp makes the folder readable by its owner only, which the renamed backup keeps.
        partial = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=dest))
        try:
            self.write(partial)
            os.rename(partial, final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        fsync(dest)
        return final

    def write(self, folder: Path) -> None:
        # The database first, then the files: an upload that arrives in between is saved
        # without its row, which is harmless; the other order would miss the files of rows
        # saved in between.
        tables = dump_database(folder / DUMP)
        root = upload_root()
        if not root.is_dir():
            self.stderr.write(f"UPLOAD_ROOT {root} does not exist; the backup holds no uploaded files.")
        files = archive_uploads(root, folder / UPLOADS)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime().isoformat(timespec="seconds"),
            "database": connection.settings_dict["NAME"],
            "pg_dump": run(["pg_dump", "--version"]).strip(),
            "archives": {DUMP: sha256_of(folder / DUMP), UPLOADS: sha256_of(folder / UPLOADS)},
            "tables": tables,
            "rows": sum(tables.values()),
            "upload_root": str(root),
            "uploads": {"count": len(files), "files": files},
        }
        (folder / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for name in (DUMP, UPLOADS, MANIFEST):
            fsync(folder / name)
        fsync(folder)
