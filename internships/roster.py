"""The monthly injury-insurance roster: every trainee active on any day of the month."""

import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jiexi.xlsx import literal, workbook_bytes

from .models import Traineeship

HEADERS = [
    "序号",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "见习单位",
    "统一社会信用代码",
    "岗位",
    "见习开始",
    "见习结束",
]
WIDTHS = [6, 12, 21, 6, 12, 30, 21, 18, 12, 12]
FIELDS = (
    "person__name",
    "person__id_number",
    "person__sex",
    "person__birth_date",
    "employer__name",
    "employer__credit_code",
    "position__title",
    "start",
    "end",
    "terminated_on",
)


def roster(month: datetime.date) -> bytes:
    """One row per traineeship that ran in the month, written row by row."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{month:%Y-%m}")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.append([literal(sheet, header) for header in HEADERS])
    rows = (
        Traineeship.objects.ran_in(month)
        .order_by("employer__name", "person__name", "id")
        .values_list(*FIELDS)
    )
    for index, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        name, id_number, sex, birth, employer, code, title, start, end, terminated_on = row
        texts = [literal(sheet, value) for value in (name, id_number, "男" if sex == "M" else "女")]
        sheet.append(
            [index, *texts, birth, literal(sheet, employer), literal(sheet, code), literal(sheet, title)]
            + [start, terminated_on or end]
        )
    return workbook_bytes(book)
