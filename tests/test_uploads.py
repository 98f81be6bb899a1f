import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jiexi.uploads import validate_document
from tests.employers.factories import png_bytes


def upload(content: bytes, name="scan.png"):
    return SimpleUploadedFile(name, content)


def test_it_accepts_png_jpeg_and_pdf_by_content():
    jpeg = io.BytesIO()
    Image.new("RGB", (20, 20)).save(jpeg, "JPEG")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for content, name in [(png_bytes(), "a.pdf"), (jpeg.getvalue(), "b.png"), (pdf, "c.jpg")]:
        validate_document(upload(content, name))


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><body>hi</body></html>", "bad_type"),
        (b"MZ\x90\x00" + b"\x00" * 100, "bad_type"),
        (b"%PDF-1.4\n" + b"x" * 50, "damaged"),
        (png_bytes()[:40], "damaged"),
    ],
)
def test_it_refuses_other_or_broken_files(content, code):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(content))
    assert error.value.code == code


def test_it_refuses_files_over_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        validate_document(upload(png_bytes((400, 400)) + b"\x00" * 2000))
    assert error.value.code == "too_large"


def test_it_refuses_an_image_bomb():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")  # small file, 100 megapixels
    with pytest.raises(ValidationError) as error:
        validate_document(upload(buffer.getvalue()))
    assert error.value.code == "too_many_pixels"


def test_it_refuses_a_truncated_jpeg():
    jpeg = io.BytesIO()
    Image.effect_noise((400, 400), 50).convert("RGB").save(jpeg, "JPEG")
    with pytest.raises(ValidationError) as error:
        validate_document(upload(jpeg.getvalue()[: len(jpeg.getvalue()) // 2], "scan.jpg"))
    assert error.value.code == "damaged"


@pytest.mark.django_db
def test_a_scan_is_served_with_the_type_its_content_shows(client):
    from django.urls import reverse

    from tests.employers.factories import StaffFactory

    staff = StaffFactory(employer__licence=SimpleUploadedFile("营业执照.JPEG", _jpeg()))
    client.force_login(staff.user)
    response = client.get(reverse("employers:licence"))
    assert response["Content-Type"] == "image/jpeg"
    assert ".jpg" in response["Content-Disposition"]


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "JPEG")
    return buffer.getvalue()
