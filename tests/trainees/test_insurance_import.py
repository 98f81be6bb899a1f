import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from reviews.roles import AUDITOR
from tests.employers.factories import ReviewerFactory
from tests.trainees.factories import id_number
from trainees.models import InsuranceRecord

pytestmark = pytest.mark.django_db
URL = "review:trainees_insurancerecord_import"


def workbook(rows, header=("身份证号", "单位名称", "首次缴费月份")) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("社保.xlsx", buffer.getvalue())


def wrong_check(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


@pytest.fixture
def reviewer(client):
    user = ReviewerFactory()
    client.force_login(user)
    return user


def preview(client, rows, **kwargs):
    return client.post(reverse(URL), {"workbook": workbook(rows, **kwargs)})


def test_preview_names_each_bad_row_and_saves_nothing(client, reviewer):
    response = preview(
        client,
        [
            (id_number(1), "厦门甲公司", datetime.datetime(2026, 3, 1)),
            (3.50203e17, "厦门乙公司", "2026-04"),  # Excel turned the ID into a number
            (int(id_number(2)[:-3] + "000"), "厦门丙公司", "2026-04"),  # last digits lost
            (wrong_check(id_number(3)), "厦门丁公司", "202605"),
            (id_number(4), "", "2026-05"),
            (id_number(5), "厦门戊公司", "三月"),
        ],
    )

    assert response.status_code == 200
    bad = {row.line: " ".join(row.errors) for row in response.context["bad"]}
    assert set(bad) == {3, 4, 5, 6, 7}
    assert "数字" in bad[3] and "数字" in bad[4]
    assert "最后一位" in bad[5]
    assert response.context["good_count"] == 1
    assert not InsuranceRecord.objects.exists()


def test_confirm_saves_the_good_rows_and_a_reimport_changes_nothing(client, reviewer):
    rows = [
        (id_number(1), "厦门甲公司", "2026-03"),
        (id_number(2).lower(), "厦门乙公司", datetime.date(2025, 12, 17)),
    ]
    token = preview(client, rows).context["token"]
    client.post(reverse(URL), {"token": token})

    records = list(InsuranceRecord.objects.order_by("first_month").values_list("id_number", "first_month"))
    assert records == [(id_number(2), datetime.date(2025, 12, 1)), (id_number(1), datetime.date(2026, 3, 1))]

    again = preview(client, rows).context["token"]
    client.post(reverse(URL), {"token": again})
    assert InsuranceRecord.objects.count() == 2


def test_a_forged_token_is_refused(client, reviewer):
    response = client.post(reverse(URL), {"token": "x" * 40}, follow=True)
    assert response.status_code == 200
    assert not InsuranceRecord.objects.exists()


def test_a_file_that_is_not_a_workbook_is_a_form_error(client, reviewer):
    response = client.post(reverse(URL), {"workbook": SimpleUploadedFile("a.xlsx", b"not a zip")})
    assert response.status_code == 200 and response.context["form"].errors["workbook"]


def test_missing_columns_are_named(client, reviewer):
    response = preview(client, [(id_number(1), "x")], header=("身份证号", "单位名称"))
    assert "首次缴费月份" in " ".join(response.context["form"].errors["workbook"])


def test_an_auditor_cannot_import(client):
    client.force_login(ReviewerFactory(role=AUDITOR))
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"token": "x"}).status_code == 403


def test_the_record_list_masks_id_numbers(client, reviewer):
    InsuranceRecord.objects.create(
        id_number=id_number(1), employer_name="甲", first_month=datetime.date(2026, 1, 1)
    )
    html = client.get(reverse("review:trainees_insurancerecord_changelist")).content.decode()
    assert id_number(1) not in html


def test_an_id_ending_in_000_is_an_error_even_as_text(client, reviewer):
    body = id_number(0)[:-3]
    # Find a body whose check character makes a valid ID ending in 000.
    from tests.trainees.factories import _CHECK, _WEIGHTS

    for n in range(1000):
        candidate = f"35020320020302{n % 10}00"
        if _CHECK[sum(int(c) * w for c, w in zip(candidate, _WEIGHTS, strict=True)) % 11] == "0":
            body = candidate
            break
    response = preview(client, [(body + "0", "厦门甲公司", "2026-03")])
    assert [row.line for row in response.context["bad"]] == [2]


def test_rows_beyond_the_recorded_dimensions_are_read(client, reviewer):
    import zipfile

    upload = workbook([(id_number(n), "厦门甲公司", "2026-03") for n in range(1, 6)])
    source = io.BytesIO(upload.read())
    target = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:C6" />' in data
                data = data.replace(b'<dimension ref="A1:C6" />', b'<dimension ref="A1:C2" />')
            zout.writestr(item, data)
    response = client.post(reverse(URL), {"workbook": SimpleUploadedFile("x.xlsx", target.getvalue())})
    assert response.context["good_count"] == 5


def test_a_numeric_month_is_an_error(client, reviewer):
    response = preview(client, [(id_number(1), "厦门甲公司", 2026.1)])
    assert response.context["good_count"] == 0


def test_a_workbook_that_unpacks_too_large_is_refused(client, reviewer, monkeypatch):
    from jiexi import xlsx

    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 1000)
    response = preview(client, [(id_number(1), "厦门甲公司", "2026-03")])
    assert response.context["form"].errors["workbook"]


def test_a_workbook_of_countless_cells_is_refused_before_it_is_read_through(client, reviewer, monkeypatch):
    from jiexi import xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 2000)
    rows = [(id_number(n), "厦门甲公司", "2026-03", *range(200)) for n in range(1, 20)]
    response = preview(client, rows)
    assert "单元格" in str(response.context["form"].errors["workbook"])
    assert not InsuranceRecord.objects.exists()
    # The same table without the padding columns reads.
    response = preview(client, [row[:3] for row in rows])
    assert not response.context["form"].errors


def crafted(rows_xml: str) -> SimpleUploadedFile:
    """A real workbook whose sheet XML is replaced, as a crafted upload would be."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(workbook([]).read()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head = (
                    '<row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c>'
                    '<c r="B1" t="inlineStr"><is><t>单位名称</t></is></c>'
                    '<c r="C1" t="inlineStr"><is><t>首次缴费月份</t></is></c></row>'
                )
                data = (
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    f"<sheetData>{head}{rows_xml}</sheetData></worksheet>"
                ).encode()
            target.writestr(item, data)
    return SimpleUploadedFile("社保.xlsx", out.getvalue())


@pytest.mark.parametrize(
    ("rows_xml", "fragment"),
    [
        # One cell written a million times over: small zipped, a million cells to parse.
        ('<row r="2">' + '<c r="A2"/>' * 700_000 + "</row>", "单元格"),
        # One row numbered a hundred million: openpyxl would yield every empty row before it.
        ('<row r="100000000"><c r="A100000000" t="inlineStr"><is><t>x</t></is></c></row>', "行"),
    ],
    ids=["same-cell-repeated", "row-far-down"],
)
def test_a_crafted_sheet_is_refused_before_it_is_read(client, reviewer, rows_xml, fragment):
    upload = crafted(rows_xml)
    assert upload.size < 100_000
    response = client.post(reverse(URL), {"workbook": upload})
    assert fragment in str(response.context["form"].errors["workbook"])
    assert not InsuranceRecord.objects.exists()
