"""Attendance days for a large batch, read from an .xlsx (身份证号, 出勤天数), the exported
signature sheet included."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jiexi.xlsx import id_number_cell, read_rows

from .models import SubsidyBatch

COLUMNS = {
    "id_number": ("身份证号", "身份证号码", "id number"),
    "attendance_days": ("出勤天数", "attendance days"),
}


@dataclass
class Row:
    line: int
    name: str = ""
    line_pk: int | None = None
    attendance_days: int | None = None
    errors: list[str] = field(default_factory=list)


def _days(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def read_attendance(file, batch: SubsidyBatch) -> list[Row]:
    """Each row matched to a line of the batch, with its problems."""
    lines = {
        line.traineeship.person.id_number: line for line in batch.lines.select_related("traineeship__person")
    }
    seen: set[int] = set()
    rows = []
    # The signature sheet itself can come back, its attendance corrected: its table ends at 合计.
    for number, cells in read_rows(file, COLUMNS, stop_at=("合计",)):
        row = Row(line=number)
        id_number, problem = id_number_cell(cells["id_number"])
        line = lines.get(id_number)
        if problem:
            row.errors.append(problem)
        elif line is None:
            row.errors.append(_("Nobody with this ID number is in this batch."))
        elif line.pk in seen:
            row.errors.append(_("This person appears twice in the file."))
        else:
            row.line_pk, row.name = line.pk, line.traineeship.person.name
            seen.add(line.pk)
        days = _days(cells["attendance_days"])
        if days is None:
            row.errors.append(_("Attendance days must be a whole number."))
        elif line is not None and not 0 <= days <= line.max_days:
            row.errors.append(
                _("Attendance days must be between 0 and %(max)d for this person.") % {"max": line.max_days}
            )
        row.attendance_days = days
        rows.append(row)
    return rows
