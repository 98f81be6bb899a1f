"""Reading the social-insurance system's .xlsx export into rows to preview and store."""

import datetime
import re
from dataclasses import dataclass, field
from zipfile import BadZipFile, ZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jiexi import rules
from jiexi.fields import translate

MAX_ROWS = 100_000
MAX_UNPACKED = 64 * 1024 * 1024
COLUMNS = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "id number"),
    "employer_name": ("单位名称", "参保单位", "employer"),
    "first_month": ("首次缴费月份", "首次参保月份", "first month paid", "first month"),
}
_MONTH = re.compile(r"^(\d{4})\D?(\d{1,2})(?:\D?(\d{1,2}))?\D?$")


class WorkbookError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Row:
    line: int
    id_number: str = ""
    employer_name: str = ""
    first_month: datetime.date | None = None
    errors: list[str] = field(default_factory=list)

    def as_record(self) -> dict:
        return {
            "id_number": self.id_number,
            "employer_name": self.employer_name,
            "first_month": self.first_month,
        }


def _column_map(header: tuple) -> dict[str, int]:
    names = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [COLUMNS[key][0] for key in COLUMNS if key not in found]
    if missing:
        raise WorkbookError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": "、".join(missing)}
        )
    return found


def _check_archive(file) -> None:
    """Refuse a workbook whose parts would unpack to more than MAX_UNPACKED bytes."""
    try:
        with ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except BadZipFile:
        raise WorkbookError(
            _("This is not an .xlsx workbook. Save the export as Excel workbook (.xlsx).")
        ) from None
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(_("The workbook is too large to read; split it."))


def _id_number(value, row: Row) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        row.errors.append(
            _(
                "The ID number is stored as a number (%(value)s), so Excel may have changed its last digits; "
                "format the column as text and export again."
            )
            % {"value": value}
        )
        return
    try:
        row.id_number = rules.normalize_id_number(str(value or ""))
    except ValueError as error:
        row.errors.append(translate(error))
        return
    if row.id_number.endswith("000"):
        # Excel keeps 15 significant digits: an ID that went through a number ends in 000.
        row.errors.append(
            _(
                "The ID number ends in 000, which is how Excel damages long numbers; check it against the original."
            )
        )


def _first_month(value, row: Row) -> None:
    if isinstance(value, datetime.datetime | datetime.date) and 1900 < value.year < 2100:
        row.first_month = datetime.date(value.year, value.month, 1)
        return
    # A number such as 2026.1 may be a typed 2026.10 that Excel shortened: never guess.
    match = _MONTH.match(value.strip()) if isinstance(value, str) else None
    if match and 1 <= int(match[2]) <= 12 and 1900 < int(match[1]) < 2100:
        row.first_month = datetime.date(int(match[1]), int(match[2]), 1)
    else:
        row.errors.append(_("The first month paid must be a month such as 2026-03."))


def read_workbook(file) -> list[Row]:
    """Every data row with its problems; raises WorkbookError when the file is not usable."""
    _check_archive(file)
    unreadable = WorkbookError(_("This is not an .xlsx workbook. Save the export as Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError):
        raise unreadable from None
    try:
        return _read_rows(workbook)
    except WorkbookError:
        raise
    except Exception:  # a damaged sheet can fail in many ways deep inside openpyxl
        raise unreadable from None
    finally:
        workbook.close()


def _read_rows(workbook) -> list[Row]:
    if not workbook.worksheets:
        raise WorkbookError(_("The workbook is empty."))
    sheet = workbook.worksheets[0]
    # The stored dimensions may be wrong either way: too small drops rows, too large pads them.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise WorkbookError(_("The workbook is empty."))
    columns = _column_map(header)
    result = []
    for line, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        if len(result) >= MAX_ROWS:
            raise WorkbookError(_("The workbook has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        result.append(_read_row(line, values, columns))
    return result


def _read_row(line: int, values: tuple, columns: dict[str, int]) -> Row:
    def cell(key):
        index = columns[key]
        return values[index] if index < len(values) else None

    row = Row(line=line)
    _id_number(cell("id_number"), row)
    row.employer_name = str(cell("employer_name") or "").strip()[:200]
    if not row.employer_name:
        row.errors.append(_("The employer name is empty."))
    _first_month(cell("first_month"), row)
    return row
