"""Uploads are never half-written under their name, and none is left behind without a record."""

import datetime
import os
import time
from unittest import mock

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import OperationalError, transaction

from jiexi import uploads
from jiexi.sweep import run_daily_sweep
from jiexi.tasks import daily_sweep
from tests.employers.factories import png_bytes
from tests.trainees.factories import MaterialFactory

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    root = default_storage.location
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def age(name: str, days: int) -> None:
    then = time.time() - days * 86400
    os.utime(default_storage.path(name), (then, then))


class BrokenOff(File):
    """An upload whose stream ends in an error half-way, as when a disk fills or a worker dies."""

    def __init__(self):
        super().__init__(None, name="scan.png")

    def chunks(self, chunk_size=None):
        yield png_bytes()[:50]
        raise OSError("No space left on device")


def test_a_write_cut_off_half_way_leaves_no_file_at_all():
    with pytest.raises(OSError):
        default_storage.save("persons/2027/03/scan.png", BrokenOff())
    assert stored_files() == []


def test_a_complete_write_appears_whole_and_never_overwrites():
    first = default_storage.save("persons/scan.png", ContentFile(b"first"))
    second = default_storage.save("persons/scan.png", ContentFile(b"second"))
    assert first != second
    assert default_storage.open(first).read() == b"first"
    assert default_storage.open(second).read() == b"second"
    assert stored_files() == sorted([first, second])  # no temporary file left beside them


def test_files_stored_by_a_filing_that_failed_are_removed_a_day_later():
    MaterialFactory()
    before = set(stored_files())
    with pytest.raises(RuntimeError), transaction.atomic():
        MaterialFactory()  # a new employer's licence and a graduate's scan
        raise RuntimeError("the request failed after the scans were stored")
    orphans = set(stored_files()) - before
    assert len(orphans) == 2

    assert uploads.remove_orphans() == 0  # too young: their records may not be committed yet
    for name in stored_files():
        age(name, days=2)
    assert uploads.remove_orphans() == 2
    assert set(stored_files()) == before


def test_a_replaced_scan_goes_and_the_new_one_stays():
    material = MaterialFactory()
    old = material.file.name
    material.file = ContentFile(png_bytes((80, 60)), name="again.png")
    material.save()
    for name in stored_files():
        age(name, days=2)

    moved = run_daily_sweep(today=datetime.date.today())

    assert moved["orphaned_uploads"] == 1
    assert old not in stored_files()
    assert material.file.name in stored_files()
    assert material.person.registered_by.licence.name in stored_files()


def test_the_nightly_task_runs_again_after_losing_the_database():
    results = [OperationalError("server closed the connection unexpectedly"), {"activated": 0}]

    def flaky(**kwargs):
        outcome = results.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with mock.patch("jiexi.tasks.run_daily_sweep", side_effect=flaky) as sweep:
        # As a worker runs it (the eager setting for laptops re-raises instead of retrying).
        assert daily_sweep.apply(throw=False).get() == {"activated": 0}
    assert sweep.call_count == 2


def test_an_orphan_another_sweep_removes_first_is_passed_over():
    """Two sweeps at once: a file found by one may be gone before it looks at it."""
    from pathlib import Path

    with pytest.raises(RuntimeError), transaction.atomic():
        MaterialFactory()
        raise RuntimeError("the request failed after the scans were stored")
    for name in stored_files():
        age(name, days=2)
    gone = sorted(stored_files())[0]
    real_is_file = Path.is_file

    def is_file_then_removed_by_the_other_sweep(path):
        found = real_is_file(path)
        if found and path.name == Path(gone).name:
            os.unlink(path)
        return found

    with mock.patch.object(Path, "is_file", is_file_then_removed_by_the_other_sweep):
        removed = uploads.remove_orphans()
    assert removed == 1  # the other file; the vanished one is not counted
    assert stored_files() == []
