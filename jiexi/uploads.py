"""The one upload mechanism: content-checked PDF/JPEG/PNG, random names, private serving."""

import uuid
import warnings
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_PIXELS = 60_000_000  # a 600 dpi A3 scan is about 50 megapixels


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
    if mime == "application/pdf":
        upload.seek(max(0, upload.size - 1024))
        tail = upload.read()
        upload.seek(0)
        if b"%%EOF" not in tail:
            raise ValidationError(_("The PDF file is incomplete or damaged."), code="damaged")
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
    response["Cache-Control"] = "private, no-store"
    return response
