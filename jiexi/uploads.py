"""The one upload mechanism: content-checked PDF/JPEG/PNG, random names, private serving."""

import datetime
import os
import tempfile
import time
import uuid
import warnings
from pathlib import Path, PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
END_MARKERS = {"application/pdf": b"%%EOF", "image/jpeg": b"\xff\xd9", "image/png": b"IEND"}
MAX_PIXELS = 40_000_000  # a 600 dpi A4 scan is about 35 megapixels


@deconstructible
class RandomName:
    """upload_to that ignores the client's file name: <folder>/<yyyy>/<mm>/<random><ext>."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = PurePosixPath(filename).suffix.lower()
        if ext not in ALLOWED_TYPES.values():
            ext = ""
        today = timezone.localdate()
        return f"{self.folder}/{today:%Y/%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder


def sniff(upload) -> str | None:
    """The MIME type the file's content shows, among the allowed ones, else None."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in ALLOWED_TYPES else None


def validate_document(upload) -> None:
    """Accept a PDF, JPEG or PNG of at most UPLOAD_MAX_BYTES, judged by its content."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB; scan it at a lower resolution."),
            code="too_large",
            params={"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
        )
    mime = sniff(upload)
    if mime is None:
        raise ValidationError(_("Only PDF, JPEG or PNG files are accepted."), code="bad_type")
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    # A complete file ends with its format's end marker; a cut-off scan does not. (Pillow
    # cannot be trusted to notice: WeasyPrint switches on its truncated-image tolerance.)
    if END_MARKERS[mime] not in tail:
        if mime == "application/pdf":
            raise ValidationError(_("The PDF file is incomplete or damaged."), code="damaged")
        raise ValidationError(_("The image file is damaged and cannot be read."), code="damaged")
    if mime == "application/pdf":
        return
    too_many_pixels = ValidationError(_("The image is too large in pixels."), code="too_many_pixels")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise too_many_pixels
                image.verify()
            upload.seek(0)
            # verify() reads no pixel data; decoding catches a truncated scan.
            with Image.open(upload) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_many_pixels from None
    except Exception:  # Pillow raises many kinds for a broken or hostile image
        raise ValidationError(_("The image file is damaged and cannot be read."), code="damaged") from None
    finally:
        upload.seek(0)


def stored_type(file: FieldFile) -> str | None:
    """The MIME type a stored upload's content shows (None when missing or unknown)."""
    try:
        with file.open("rb") as handle:
            return sniff(handle)
    except (FileNotFoundError, ValueError):
        return None


def preview_html(url: str, file: FieldFile) -> str:
    """Inline preview for reviewers: PDFs in a frame, images as images, by content."""
    if stored_type(file) == "application/pdf":
        return format_html(
            '<a href="{0}" target="_blank">{1}</a><br><iframe src="{0}" width="620" height="480"></iframe>',
            url,
            _("Open"),
        )
    return format_html('<a href="{0}" target="_blank"><img src="{0}" class="scan-preview" alt=""></a>', url)


def serve(file: FieldFile, *, download_name: str, inline: bool = True) -> FileResponse:
    """Stream a private upload typed by its content; callers check who may see it."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    content_type = sniff(handle) or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{download_name}{ALLOWED_TYPES.get(content_type, '')}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Reviewers preview scans inside the reviewer site's own pages.
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    response["Cache-Control"] = "private, no-store"
    return response


PARTIAL_PREFIX = ".partial-"


class PrivateStorage(FileSystemStorage):
    """The upload folder, where a file appears under its name only once wholly written.

    Django's own storage writes straight into the final name, so a crash or a full disk
    mid-write leaves a cut-off scan behind a valid name. Here the bytes go to a hidden
    temporary file in the same folder, are flushed to disk, and are then linked to their
    name in one step (which also refuses to overwrite an existing file).
    """

    def _save(self, name, content):
        full_path = Path(self.path(name))
        full_path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=full_path.parent, prefix=PARTIAL_PREFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(partial, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = Path(self.path(name))
        finally:
            os.unlink(partial)
        return str(name).replace("\\", "/")


def referenced_uploads() -> set[str]:
    """The names of every stored file some record points to."""
    from django.apps import apps
    from django.db import models

    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                rows = model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                names.update(rows.iterator(chunk_size=5000))
    return names


def remove_orphans(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Delete upload files no record points to: a form that failed after its file was
    stored, a scan replaced by a new one, a write cut off by a crash. Files younger than
    `older_than` are left alone: their record may be in a transaction not yet committed."""
    from django.core.files.storage import default_storage

    root = Path(default_storage.location)
    if not root.exists():
        return 0
    kept = referenced_uploads()
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in root.rglob("*"):
        try:  # another sweep running at the same moment may have removed it already
            if not path.is_file() or path.stat().st_mtime > cutoff:
                continue
            if path.relative_to(root).as_posix() not in kept:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
