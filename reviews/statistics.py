"""Programme figures by month and district, from the recorded history: each figure is one
grouped query, however many rows lie behind it."""

from collections import defaultdict
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from jiexi import rules
from jiexi.choices import District

from .models import StatusChange

FIGURES = [
    ("positions_published", _("positions published")),
    ("started", _("traineeships started")),
    ("active", _("traineeships active")),
    ("completed", _("traineeships completed")),
    ("terminated", _("traineeships terminated")),
    ("recorded", _("completed with outcome recorded")),
    ("kept_on", _("kept on after completion")),
    ("retention", _("retention rate")),
    ("paid", _("subsidy paid (CNY)")),
]


def _changes(model, to_status: str, year: int, district_path: str):
    district = Subquery(model.objects.filter(pk=OuterRef("object_id")).values(district_path)[:1])
    return (
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(model), to_status=to_status, at__year=year
        )
        .exclude(from_status=to_status)
        .annotate(month=ExtractMonth("at"), district=district)
        .values("month", "district")
        .annotate(n=Count("id"))
    )


def figures(year: int) -> dict[tuple[int, str], dict]:
    """{(month, district): {figure: value}} for the year; district "" is every district."""
    from internships.models import Traineeship, ran_between
    from positions.models import Position
    from subsidies.models import BatchLine, SubsidyBatch

    table: dict[tuple[int, str], dict] = defaultdict(lambda: defaultdict(int))

    def add(key: str, rows, value="n"):
        for row in rows:
            table[(row["month"], row["district"] or "")][key] += row[value]
            if row["district"]:
                table[(row["month"], "")][key] += row[value]

    add("positions_published", _changes(Position, "published", year, "district"))
    for key, status in (("started", "active"), ("completed", "completed"), ("terminated", "terminated")):
        add(key, _changes(Traineeship, status, year, "employer__district"))
    kept = (
        Traineeship.objects.filter(status=Traineeship.Status.COMPLETED, end__year=year, kept_on__isnull=False)
        .annotate(month=ExtractMonth("end"), district=F("employer__district"))
        .values("month", "district")
        .annotate(n=Count("id"), kept=Count("id", filter=Q(kept_on=True)))
    )
    add("recorded", kept)
    add("kept_on", kept, value="kept")
    months = {month: rules.month_bounds(year, month) for month in range(1, 13)}
    ran = (
        Traineeship.objects.filter(status__in=Traineeship.RAN)
        .filter(ran_between(months[1][0], months[12][1]))
        .values(district=F("employer__district"))
        .annotate(**{f"m{m}": Count("id", filter=ran_between(*bounds)) for m, bounds in months.items()})
    )
    add(
        "active",
        [{"month": m, "district": row["district"], "n": row[f"m{m}"]} for row in ran for m in months],
    )
    paid = (
        BatchLine.objects.filter(batch__status=SubsidyBatch.Status.PAID, month__year=year)
        .annotate(month_n=ExtractMonth("month"))
        .values("month_n", district=F("batch__employer__district"))
        .annotate(total=Sum("amount"))
    )
    add(
        "paid",
        [{"month": row["month_n"], "district": row["district"], "total": row["total"]} for row in paid],
        "total",
    )
    for values in table.values():
        values["retention"] = retention(values.get("kept_on", 0), values.get("recorded", 0))
        values["paid"] = Decimal(values.get("paid", 0)).quantize(Decimal("0.01"))
    return table


def rows_for(year: int, district: str) -> list[dict]:
    """Twelve rows, one a month, of every figure for one district ("" for all)."""
    table = figures(year)
    rows = []
    for month in range(1, 13):
        values = {"retention": None, "paid": Decimal("0.00"), **table.get((month, district), {})}
        rows.append({"month": month, **{key: values.get(key, 0) for key, _label in FIGURES}})
    return rows


def retention(kept_on: int, recorded: int) -> int | None:
    """Kept on as a whole percentage of the completed traineeships whose outcome is recorded."""
    return round(100 * kept_on / recorded) if recorded else None


def year_total(rows: list[dict]) -> dict:
    """The year's line: every count summed but the traineeships active, which are a level
    each month, not a flow (a traineeship runs through several months)."""
    total = {
        key: sum(row[key] for row in rows) for key, _label in FIGURES if key not in ("active", "retention")
    }
    total["active"] = None
    total["retention"] = retention(total["kept_on"], total["recorded"])
    return total


def with_bars(rows: list[dict], height: int = 160, step: int = 50) -> list[dict]:
    """The rows with the position and height of each month's bar in the active-traineeship chart."""
    peak = max((row["active"] for row in rows), default=0) or 1
    return [
        {
            **row,
            "x": step * index,
            "bar": round(height * row["active"] / peak),
            "bar_y": height - round(height * row["active"] / peak),
        }
        for index, row in enumerate(rows)
    ]


# The dashboard's chart may lag the records by this much; the statistics page never does.
DASHBOARD_CACHE_SECONDS = 10 * 60


def dashboard_rows(year: int) -> list[dict]:
    """Every district's figures for the year, kept a few minutes so the dashboard stays quick."""
    from django.core.cache import cache

    key = f"review-dashboard-statistics-{year}"
    rows = cache.get(key)
    if rows is None:
        rows = with_bars(rows_for(year, ""))
        cache.set(key, rows, DASHBOARD_CACHE_SECONDS)
    return rows


DISTRICTS = [("", _("All districts")), *District.choices]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(year: int, district: str, rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from jiexi.xlsx import number, text, workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = str(year)
    text(sheet, 1, 1, f"{year} {dict(DISTRICTS)[district]}")
    text(sheet, 2, 1, str(_("month")))
    sheet.column_dimensions["A"].width = 10
    for column, (_key, label) in enumerate(FIGURES, start=2):
        text(sheet, 2, column, str(label))
        sheet.column_dimensions[get_column_letter(column)].width = max(12, 2.2 * len(str(label)))
    lines = [(f"{year}-{row['month']:02d}", row) for row in rows] + [(str(_("year")), year_total(rows))]
    for offset, (label, row) in enumerate(lines, start=3):
        text(sheet, offset, 1, label)
        for column, (key, _label) in enumerate(FIGURES, start=2):
            if key == "retention":
                if row["recorded"]:  # a true fraction, shown as a percentage
                    number(sheet, offset, column, row["kept_on"] / row["recorded"], "0%")
            elif row[key] is not None:
                number(sheet, offset, column, row[key], "#,##0.00" if key == "paid" else "0")
    sheet.freeze_panes = "B3"
    return workbook_bytes(book)
