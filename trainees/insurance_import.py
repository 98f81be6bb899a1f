"""Reading the social-insurance system's .xlsx export into rows to preview and store."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jiexi.xlsx import WorkbookError, id_number_cell, read_rows

__all__ = ["Row", "WorkbookError", "read_workbook"]

COLUMNS = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "id number"),
    "employer_name": ("单位名称", "参保单位", "employer"),
    "first_month": ("首次缴费月份", "首次参保月份", "first month paid", "first month"),
}
_MONTH = re.compile(r"^(\d{4})\D?(\d{1,2})(?:\D?(\d{1,2}))?\D?$")


@dataclass
class Row:
    line: int
    id_number: str = ""
    employer_name: str = ""
    first_month: datetime.date | None = None
    errors: list[str] = field(default_factory=list)


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
    rows = []
    for line, cells in read_rows(file, COLUMNS):
        row = Row(line=line)
        row.id_number, problem = id_number_cell(cells["id_number"])
        if problem:
            row.errors.append(problem)
        row.employer_name = str(cells["employer_name"] or "").strip()[:200]
        if not row.employer_name:
            row.errors.append(_("The employer name is empty."))
        _first_month(cells["first_month"], row)
        rows.append(row)
    return rows
