"""The .xlsx files: the signature sheet (人员信息及签名表) and the payment list.

ID and account numbers are text cells, never numbers; text a user typed is always
stored as text, so "=1+1" stays the characters "=1+1" and never becomes a formula.
"""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .models import BatchLine, SubsidyBatch

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TEXT = "@"
MONEY = "#,##0.00"


def text(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    cell = sheet.cell(row=row, column=column)
    cell.value = str(value)
    cell.data_type = "s"  # never a formula, whatever the first character
    cell.number_format = TEXT
    return cell


def number(sheet: Worksheet, row: int, column: int, value, fmt: str = "0") -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = fmt
    return cell


SIGNATURE_HEADERS = [
    "序号",
    "姓名",
    "身份证号",
    "岗位",
    "见习起止",
    "出勤天数",
    "补贴金额（元）",
    "开户行",
    "银行账号",
    "本人签名",
]
SIGNATURE_WIDTHS = [6, 12, 21, 16, 23, 9, 13, 20, 24, 14]


def signature_sheet(batch: SubsidyBatch) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{batch.month:%Y-%m}"
    columns = len(SIGNATURE_HEADERS)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    title = text(sheet, 1, 1, f"厦门市职业见习补贴人员信息及签名表（{batch.month:%Y年%m月}）")
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center")
    text(sheet, 2, 1, f"见习单位（盖章）：{batch.employer.name}")
    text(sheet, 2, 7, f"统一社会信用代码：{batch.employer.credit_code}")
    for column, (header, width) in enumerate(zip(SIGNATURE_HEADERS, SIGNATURE_WIDTHS, strict=True), start=1):
        cell = text(sheet, 4, column, header)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    lines = batch.lines.select_related("traineeship__person", "traineeship__position").order_by("id")
    row, total_days, total = 4, 0, Decimal("0")
    for index, line in enumerate(lines.iterator(chunk_size=2000), start=1):
        row += 1
        _signature_row(sheet, row, index, line)
        total_days += line.attendance_days
        total += line.amount
    row += 1
    text(sheet, row, 1, "合计").font = BOLD
    number(sheet, row, 6, total_days).font = BOLD
    number(sheet, row, 7, total, MONEY).font = BOLD
    for column in range(1, columns + 1):
        sheet.cell(row=row, column=column).border = BOX
    text(sheet, row + 2, 1, "单位经办人（签名）：")
    text(sheet, row + 2, 5, "联系电话：")
    text(sheet, row + 2, 8, "单位公章：")
    text(sheet, row + 3, 8, "日期：      年    月    日")
    _print_ready(sheet)
    return _save(book)


def _signature_row(sheet: Worksheet, row: int, index: int, line: BatchLine) -> None:
    t = line.traineeship
    number(sheet, row, 1, index)
    text(sheet, row, 2, t.person.name)
    text(sheet, row, 3, t.person.id_number)
    text(sheet, row, 4, t.position.title)
    text(sheet, row, 5, f"{t.start:%Y.%m.%d}-{t.last_day:%Y.%m.%d}")
    number(sheet, row, 6, line.attendance_days)
    number(sheet, row, 7, line.amount, MONEY)
    text(sheet, row, 8, line.bank_name)
    text(sheet, row, 9, line.bank_account)
    text(sheet, row, 10, "")
    for column in range(1, len(SIGNATURE_HEADERS) + 1):
        sheet.cell(row=row, column=column).border = BOX
    sheet.row_dimensions[row].height = 28


def _print_ready(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:4"
    sheet.freeze_panes = "A5"


PAYMENT_HEADERS = [
    "序号",
    "姓名",
    "身份证号",
    "开户行",
    "银行账号",
    "补贴金额（元）",
    "出勤天数",
    "见习单位",
    "补贴月份",
]


def payment_list(lines) -> bytes:
    """Every approved line of a month, for the bank transfer."""
    book = Workbook()
    sheet = book.active
    sheet.title = "发放名单"
    for column, header in enumerate(PAYMENT_HEADERS, start=1):
        text(sheet, 1, column, header).font = BOLD
    for row, line in enumerate(lines, start=2):
        person = line.traineeship.person
        number(sheet, row, 1, row - 1)
        text(sheet, row, 2, person.name)
        text(sheet, row, 3, person.id_number)
        text(sheet, row, 4, line.bank_name)
        text(sheet, row, 5, line.bank_account)
        number(sheet, row, 6, line.amount, MONEY)
        number(sheet, row, 7, line.attendance_days)
        text(sheet, row, 8, line.batch.employer.name)
        text(sheet, row, 9, f"{line.month:%Y-%m}")
    for column, width in enumerate([6, 12, 21, 20, 24, 13, 9, 30, 10], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _print_ready_simple(sheet)
    return _save(book)


def _print_ready_simple(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
