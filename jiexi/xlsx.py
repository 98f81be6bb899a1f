"""The project's .xlsx plumbing: reading uploaded workbooks safely (the one place a user's
workbook is opened) and writing cells so that IDs stay text and user text never computes.

A crafted workbook can unpack to gigabytes, claim a million rows or break openpyxl deep
inside; all of that ends here as a WorkbookError with a message for the user.
"""

import io
import re
from collections.abc import Iterator
from zipfile import BadZipFile, ZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from . import rules
from .fields import translate

MAX_ROWS = 100_000
MAX_UNPACKED = 64 * 1024 * 1024
# openpyxl parses every stored cell, wanted or not (about 10 µs each), and hands back an
# empty row for every row number skipped. 600,000 cells are the largest social-insurance
# export (100,000 rows of six columns); a small file that unpacks to millions of cells, or
# whose one row is numbered 100,000,000, is refused before openpyxl reads it.
MAX_CELLS = 600_000
MAX_ROW_NUMBER = MAX_ROWS + 1_000
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = 64  # longer than the longest tag opening the pattern matches


class WorkbookError(ValueError):
    """The file as a whole cannot be read; the message says why."""


def _not_a_workbook() -> WorkbookError:
    return WorkbookError(_("This is not an .xlsx workbook. Save the export as Excel workbook (.xlsx)."))


def _check_archive(file) -> None:
    try:
        with ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except BadZipFile:
        raise _not_a_workbook() from None
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(_("The workbook is too large to read; split it."))
    _check_sheets(file)


def _check_sheets(file) -> None:
    """Count the cell elements of every worksheet part in the unpacked XML, a megabyte at a
    time (a few milliseconds a megabyte), before openpyxl spends 10 µs on each."""
    cells = 0
    try:
        with ZipFile(file) as archive:
            for info in archive.infolist():
                if not info.filename.startswith("xl/worksheets/"):
                    continue
                with archive.open(info) as part:
                    tail = b""
                    while (chunk := part.read(_SCAN_CHUNK)) and cells <= MAX_CELLS:
                        buffer = tail + chunk
                        done = len(buffer) - _SCAN_OVERLAP  # a match starting later is counted next time
                        cells += sum(1 for m in _CELL_TAG.finditer(buffer) if m.start() < done)
                        tail = buffer[max(done, 0) :]
                    cells += len(_CELL_TAG.findall(tail))
    except (BadZipFile, OSError, ValueError):
        raise _not_a_workbook() from None
    finally:
        file.seek(0)
    if cells > MAX_CELLS:
        raise _too_many_cells()


def _too_many_cells() -> WorkbookError:
    return WorkbookError(
        _("The workbook holds more than %(max)d cells; keep only the table's columns, or split it.")
        % {"max": MAX_CELLS}
    )


HEADER_ROWS = 10  # the table's header may stand below a title, as on the signature sheet


def _column_map(header: tuple, columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    names = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    found = {}
    for key, aliases in columns.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [columns[key][0] for key in columns if key not in found]
    if missing:
        raise WorkbookError(
            _("One of the first %(rows)d rows must name the columns; missing: %(columns)s.")
            % {"rows": HEADER_ROWS, "columns": "、".join(missing)}
        )
    return found


def read_rows(
    file, columns: dict[str, tuple[str, ...]], *, stop_at: tuple[str, ...] = ()
) -> list[tuple[int, dict]]:
    """(line number, {key: cell value}) for every non-empty row under a header that names
    each column (by any of its aliases, the first being the one shown when missing). The
    header is the first of the top HEADER_ROWS rows that names them all, so a sheet with a
    title above its table reads as it is; a row whose first cell is in `stop_at` (a total)
    ends the table."""
    _check_archive(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError):
        raise _not_a_workbook() from None
    try:
        return list(_rows(workbook, columns, stop_at))
    except WorkbookError:
        raise
    except Exception:  # a damaged sheet can fail in many ways deep inside openpyxl
        raise _not_a_workbook() from None
    finally:
        workbook.close()


def _rows(workbook, columns, stop_at) -> Iterator[tuple[int, dict]]:
    if not workbook.worksheets:
        raise WorkbookError(_("The workbook is empty."))
    sheet = workbook.worksheets[0]
    # The stored dimensions may be wrong either way: too small drops rows, too large pads them.
    sheet.reset_dimensions()
    rows = enumerate(_within_cell_budget(sheet.iter_rows(values_only=True)), start=1)
    index = _header(rows, columns)
    count = 0
    for line, values in rows:
        if not any(v not in (None, "") for v in values):
            continue
        if isinstance(values[0], str) and values[0].strip() in stop_at:
            return
        count += 1
        if count > MAX_ROWS:
            raise WorkbookError(_("The workbook has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        yield line, {key: values[i] if i < len(values) else None for key, i in index.items()}


def _within_cell_budget(rows: Iterator[tuple]) -> Iterator[tuple]:
    """The rows as read, stopped at the budgets: cells as openpyxl returns them (a second
    guard behind the scan), and row numbers, empty rows included (openpyxl yields one for
    every number a sheet skips, so a row numbered 100,000,000 would take minutes)."""
    cells = 0
    for number, values in enumerate(rows, start=1):
        cells += len(values)
        if cells > MAX_CELLS:
            raise _too_many_cells()
        if number > MAX_ROW_NUMBER:
            raise WorkbookError(_("The workbook has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        yield values


def _header(rows: Iterator[tuple[int, tuple]], columns) -> dict[str, int]:
    """The column map of the first of the top rows that names every column; the rows
    iterator is left just below it."""
    first_problem = None
    for line, values in rows:
        try:
            return _column_map(values, columns)
        except WorkbookError as problem:
            first_problem = first_problem or problem
        if line >= HEADER_ROWS:
            break
    raise first_problem or WorkbookError(_("The workbook is empty."))


def id_number_cell(value) -> tuple[str, str | None]:
    """The normalised ID number in a cell, or an error that says what Excel did to it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "", _(
            "The ID number is stored as a number (%(value)s), so Excel may have changed its last digits; "
            "format the column as text and export again."
        ) % {"value": value}
    try:
        number = rules.normalize_id_number(str(value or ""))
    except ValueError as error:
        return "", translate(error)
    if number.endswith("000"):
        # Excel keeps 15 significant digits: an ID that went through a number ends in 000.
        return number, _(
            "The ID number ends in 000, which is how Excel damages long numbers; check it against the original."
        )
    return number, None


def text(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """A text cell: ID and account numbers stay digits, "=1+1" stays those characters."""
    cell = sheet.cell(row=row, column=column)
    cell.value = str(value)
    cell.data_type = "s"  # never a formula, whatever the first character
    cell.number_format = "@"
    return cell


def number(sheet: Worksheet, row: int, column: int, value, fmt: str = "0") -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = fmt
    return cell


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def literal(sheet, value: str) -> WriteOnlyCell:
    """A text cell for a write-only sheet, kept literal like `text`."""
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"
    cell.number_format = "@"
    return cell
