"""The .xlsx files: the signature sheet (人员信息及签名表) and the payment list.

ID and account numbers are text cells, never numbers; text a user typed is always
stored as text, so "=1+1" stays the characters "=1+1" and never becomes a formula.
"""

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles import DEFAULT_FONT, Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jiexi.xlsx import number, text, workbook_bytes

from .models import SubsidyBatch

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TEXT = "@"
MONEY = "#,##0.00"


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
    """Streamed (write-only workbook): each row goes out as it is made, so memory stays flat
    however many lines the batch has. Cells get named styles: giving a cell a named style
    copies a ready style array, where setting font, border and format on every cell would
    look each of them up (and hash it) again."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{batch.month:%Y-%m}")
    style = _signature_styles(book)
    columns = len(SIGNATURE_HEADERS)
    for column, width in enumerate(SIGNATURE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Rows are 28 points high (the header and every line): one default, not a setting per
    # row; the few rows above and below the table are set one by one.
    sheet.sheet_format.defaultRowHeight, sheet.sheet_format.customHeight = 28, True
    sheet.row_dimensions[1].height = 22
    sheet.row_dimensions[2].height = sheet.row_dimensions[3].height = 15
    sheet.merged_cells.add(f"A1:{get_column_letter(columns)}1")
    _print_ready(sheet)

    sheet.append(
        [_text(sheet, f"厦门市职业见习补贴人员信息及签名表（{batch.month:%Y年%m月}）", style["title"])]
    )
    sheet.append(
        [_text(sheet, f"见习单位（盖章）：{batch.employer.name}", style["plain"])]
        + [None] * 5
        + [_text(sheet, f"统一社会信用代码：{batch.employer.credit_code}", style["plain"])]
    )
    sheet.append([])
    sheet.append([_text(sheet, header, style["header"]) for header in SIGNATURE_HEADERS])
    lines = batch.lines.order_by("id").values_list(
        "traineeship__person__name",
        "traineeship__person__id_number",
        "traineeship__position__title",
        "traineeship__start",
        "traineeship__end",
        "traineeship__terminated_on",
        "attendance_days",
        "amount",
        "bank_name",
        "bank_account",
    )
    row, total_days, total = 4, 0, Decimal("0")
    for index, line in enumerate(lines.iterator(chunk_size=2000), start=1):
        row += 1
        sheet.append(_signature_row(sheet, style, index, *line))
        total_days += line[6]
        total += line[7]
    row += 1
    for below in range(row, row + 4):
        sheet.row_dimensions[below].height = 15
    sheet.append(
        [_text(sheet, "合计", style["total text"])]
        + [_blank(sheet, style["box"]) for _ in range(4)]
        + [_number(sheet, total_days, style["total count"]), _number(sheet, total, style["total money"])]
        + [_blank(sheet, style["box"]) for _ in range(columns - 7)]
    )
    sheet.append([])
    footer = [None] * columns
    footer[0] = _text(sheet, "单位经办人（签名）：", style["plain"])
    footer[4] = _text(sheet, "联系电话：", style["plain"])
    footer[7] = _text(sheet, "单位公章：", style["plain"])
    sheet.append(footer)
    sheet.append([None] * 7 + [_text(sheet, "日期：      年    月    日", style["plain"])])
    return workbook_bytes(book)


def _signature_styles(book: Workbook) -> dict[str, str]:
    def add(name, font=DEFAULT_FONT, **attributes) -> str:
        book.add_named_style(NamedStyle(name=f"签名表 {name}", font=font, **attributes))
        return f"签名表 {name}"

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return {
        "title": add(
            "title",
            font=Font(bold=True, size=14),
            alignment=Alignment(horizontal="center"),
            number_format=TEXT,
        ),
        "plain": add("plain", number_format=TEXT),
        "header": add("header", font=BOLD, border=BOX, alignment=centre, number_format=TEXT),
        "text": add("text", border=BOX, number_format=TEXT),
        "count": add("count", border=BOX, number_format="0"),
        "money": add("money", border=BOX, number_format=MONEY),
        "box": add("box", border=BOX),
        "total text": add("total text", font=BOLD, border=BOX, number_format=TEXT),
        "total count": add("total count", font=BOLD, border=BOX, number_format="0"),
        "total money": add("total money", font=BOLD, border=BOX, number_format=MONEY),
    }


def _text(sheet, value: str, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # never a formula, whatever the first character
    cell.style = style
    return cell


def _number(sheet, value, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.style = style
    return cell


def _blank(sheet, style: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.style = style
    return cell


def _signature_row(
    sheet, style, index, name, id_number, title, start, end, terminated_on, days, amount, bank_name, account
) -> list[WriteOnlyCell]:
    last_day = terminated_on or end  # Traineeship.last_day
    return [
        _number(sheet, index, style["count"]),
        _text(sheet, name, style["text"]),
        _text(sheet, id_number, style["text"]),
        _text(sheet, title, style["text"]),
        _text(sheet, f"{start:%Y.%m.%d}-{last_day:%Y.%m.%d}", style["text"]),
        _number(sheet, days, style["count"]),
        _number(sheet, amount, style["money"]),
        _text(sheet, bank_name, style["text"]),
        _text(sheet, account, style["text"]),
        _text(sheet, "", style["text"]),
    ]


def _print_ready(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
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
    total, count = Decimal(0), 0
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
        total += line.amount
        count += 1
    if count:
        footer = count + 2
        text(sheet, footer, 2, "合计").font = BOLD
        text(sheet, footer, 3, f"{count}人")
        number(sheet, footer, 6, total, MONEY).font = BOLD
    for column, width in enumerate([6, 12, 21, 20, 24, 13, 9, 30, 10], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _print_ready_simple(sheet)
    return workbook_bytes(book)


def _print_ready_simple(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
