"""manage.py restore BACKUP [--force]: a backup made by manage.py backup, back into service.

The database goes into the one DATABASE_URL names, which must have no tables, and the files
into UPLOAD_ROOT, which must have none; --force restores over what is there. Nothing is
touched until both archives match the manifest's checksums; the database is restored in one
transaction and the files are checked one by one before they are moved into place.
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from jiexi.management.commands.backup import (
    DUMP,
    FORMAT,
    MANIFEST,
    UPLOADS,
    require_postgresql,
    run,
    sha256_of,
    table_counts,
    table_names,
    upload_root,
)


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    except ValueError as error:
        raise CommandError(f"{folder / MANIFEST} is damaged: {error}") from None
    if not isinstance(manifest, dict) or not {"archives", "tables", "rows", "uploads"} <= manifest.keys():
        raise CommandError(f"{folder / MANIFEST} is damaged: it lacks some of its entries.")
    if manifest.get("format") != FORMAT:
        raise CommandError(
            f"{folder} was written in backup format {manifest.get('format')}; this reads {FORMAT}."
        )
    archives, tables, uploads = manifest["archives"], manifest["tables"], manifest["uploads"]
    well_formed = (
        isinstance(archives, dict)
        and all(isinstance(archives.get(name), str) for name in (DUMP, UPLOADS))
        and isinstance(tables, dict)
        and all(isinstance(t, str) and isinstance(n, int) for t, n in tables.items())
        and isinstance(manifest["rows"], int)
        and isinstance(uploads, dict)
        and isinstance(uploads.get("files"), dict)
        and all(isinstance(f, str) and isinstance(s, str) for f, s in uploads["files"].items())
        and isinstance(uploads.get("count"), int)
    )
    if not well_formed:
        raise CommandError(f"{folder / MANIFEST} is damaged: an entry has the wrong form.")
    return manifest


def verify_archives(folder: Path, manifest: dict) -> None:
    for name in (DUMP, UPLOADS):
        path = folder / name
        if not path.is_file():
            raise CommandError(f"The backup is incomplete: {path} is missing.")
        if sha256_of(path) != manifest["archives"][name]:
            raise CommandError(f"The backup is damaged: {path} does not match its checksum in the manifest.")


def files_under(root: Path):
    return (Path(folder, name) for folder, _subfolders, names in os.walk(root) for name in names)


def extract_uploads(archive: Path, staging: Path, checksums: dict[str, str]) -> None:
    """Unpack the manifest's files, and nothing else, into staging, each checked against its sum."""
    unpacked = set()
    with tarfile.open(archive) as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            if (
                not member.isfile()
                or member.name not in checksums
                or member.name in unpacked
                or name.is_absolute()
                or ".." in name.parts
            ):
                raise CommandError(f"The backup is damaged: {UPLOADS} holds {member.name!r} unexpectedly.")
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, target.open("wb") as copy:
                digest = hashlib.sha256()
                while block := source.read(1 << 20):
                    digest.update(block)
                    copy.write(block)
            if digest.hexdigest() != checksums[member.name]:
                raise CommandError(f"The backup is damaged: {member.name} does not match its checksum.")
            unpacked.add(member.name)
    missing = checksums.keys() - unpacked
    if missing:
        raise CommandError(
            f"The backup is damaged: {UPLOADS} lacks {len(missing)} files, {min(missing)} among them."
        )


def move_into(staging: Path, root: Path) -> None:
    for path in list(files_under(staging)):
        target = root / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup into the empty DATABASE_URL database and UPLOAD_ROOT."
    # The system checks concern serving, not this, and they load every view (seconds).
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", help="A jiexi-backup-YYYYmmdd-HHMMSS directory.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore although the database has tables or UPLOAD_ROOT has files: the backup's "
            "tables are dropped and recreated, its files replace those of the same name.",
        )

    def handle(self, *args, backup: str, force: bool = False, **options) -> None:
        require_postgresql()
        try:
            self.restore(Path(backup), force=force)
        except (OSError, DatabaseError) as error:
            raise CommandError(f"The restore failed: {error}") from error

    def restore(self, folder: Path, *, force: bool) -> None:
        manifest = read_manifest(folder)
        verify_archives(folder, manifest)
        database, root = connection.settings_dict["NAME"], upload_root()
        with connection.cursor() as cursor:
            tables = table_names(cursor)
        if tables and not force:
            raise CommandError(
                f"The database {database} already has {len(tables)} tables; restore into an empty "
                "database (createdb makes one), or pass --force to drop and recreate the backup's tables."
            )
        if any(files_under(root)) and not force:
            raise CommandError(
                f"UPLOAD_ROOT {root} already holds files; restore into an empty folder, "
                "or pass --force to replace the files of the same name."
            )
        root.mkdir(parents=True, exist_ok=True)
        # Staged inside UPLOAD_ROOT so that moving the checked files into place is a rename.
        staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root))
        try:
            extract_uploads(folder / UPLOADS, staging, manifest["uploads"]["files"])
            command = ["pg_restore", "--no-password", "--no-owner", "--no-privileges", "--exit-on-error"]
            command += ["--single-transaction", f"--dbname={database}"]
            if force:
                command += ["--clean", "--if-exists"]
            run([*command, str(folder / DUMP)])
            # The files go in only once the database is known to be the backup's.
            self.check_counts(manifest["tables"], database)
            move_into(staging, root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.stdout.write(
            f"Restored {folder.name}: {manifest['rows']} rows in {len(manifest['tables'])} tables into "
            f"{database}, {manifest['uploads']['count']} files into {root}."
        )

    def check_counts(self, expected: dict[str, int], database: str) -> None:
        with connection.cursor() as cursor:
            restored = table_counts(cursor)
        wrong = [table for table, rows in expected.items() if restored.get(table) != rows]
        if wrong:
            raise CommandError(
                f"The database {database} now holds the backup's dump, but it differs from the "
                f"manifest's row counts in {len(wrong)} tables ("
                + ", ".join(
                    f"{table} {restored.get(table)} rows, not {expected[table]}" for table in wrong[:5]
                )
                + "): the manifest does not belong to this dump. No file was put into UPLOAD_ROOT; "
                "do not use this database until it is restored from a sound backup."
            )
