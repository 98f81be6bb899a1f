import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from internships import documents
from tests.internships.factories import ExtensionFactory, TraineeshipFactory

pytestmark = pytest.mark.django_db


def test_the_agreement_names_both_parties_dates_mentor_rate_and_insurance():
    traineeship = TraineeshipFactory(person__name="吉𠮷", mentor="刘䶮")
    html = documents.agreement_html(traineeship)
    for text in [
        "职业见习协议",
        traineeship.employer.name,
        traineeship.employer.credit_code,
        "吉𠮷",
        traineeship.person.id_number,
        traineeship.position.title,
        "2027年3月1日",
        "2027年5月31日",
        "刘䶮",
        "1980.00",
        "66.00",
        "伤害保险",
        "单位公章",
    ]:
        assert text in html, text


def test_the_extension_agreement_shows_both_ends():
    extension = ExtensionFactory()
    html = documents.extension_html(extension)
    assert "职业见习延期协议" in html
    assert "2027年5月31日" in html and "2027年7月31日" in html


def test_the_certificate_uses_the_last_day():
    traineeship = TraineeshipFactory(completed=True, terminated_on=None)
    assert "2027年5月31日" in documents.certificate_html(traineeship)


def test_the_real_pdf_embeds_the_chinese_font_for_rare_characters():
    traineeship = TraineeshipFactory(person__name="吉𠮷", mentor="刘䶮")
    pdf = documents.agreement_pdf(traineeship)

    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "吉𠮷" in text and "刘䶮" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            if descriptor and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fonts.add(str(font["/BaseFont"]).replace("-", ""))
    assert any("NotoSerifCJK" in f for f in fonts), fonts
    assert any("NotoSerifCJK" in f and "Bold" in f for f in fonts), fonts
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
        assert listing == "" or "yes" in listing
