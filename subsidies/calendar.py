"""Rest days, filing windows and rates as the database says, decided by jiexi.rules."""

import datetime
from decimal import Decimal

from employers.models import Employer
from jiexi import rules

from .models import HolidayDay, LateFilingException, SubsidyRate, WindowOverride


def rest_day_checker(years: set[int]):
    """A rules-style is_rest_day for these years, loading their calendar rows once.

    A year with no rows falls back to weekends alone."""
    rows = dict(HolidayDay.objects.filter(day__year__in=years).values_list("day", "kind"))

    def is_rest_day(day: datetime.date) -> bool:
        if day in rows:
            return rows[day] == HolidayDay.Kind.REST
        return day.weekday() >= 5

    return is_rest_day


# Rest days every year's notice names on the same dates (元旦, 劳动节, 国庆节), one early, one in
# the middle, one late: a year missing any of them has not been entered in full.
FIXED_REST_DAYS = ((1, 1), (5, 1), (10, 1))


def unpublished_years(years) -> list[int]:
    """Years whose holiday calendar is not entered in full: one of 1 January, 1 May and
    1 October is not recorded as a statutory rest day."""
    years = sorted(set(years))
    wanted = [datetime.date(year, m, d) for year in years for m, d in FIXED_REST_DAYS]
    present = set(
        HolidayDay.objects.filter(day__in=wanted, kind=HolidayDay.Kind.REST).values_list("day", flat=True)
    )
    return [
        year for year in years if any(datetime.date(year, m, d) not in present for m, d in FIXED_REST_DAYS)
    ]


def filing_window(
    year: int, month: int, *, employer: Employer | None = None
) -> tuple[datetime.date, datetime.date]:
    """The window for month M: the reviewers' override if any, else the rule's default;
    an employer's late-filing exception extends its close."""
    first = datetime.date(year, month, 1)
    override = WindowOverride.objects.filter(month=first).first()
    if override:
        opens, closes = override.opens, override.closes
    else:
        next_year = year + 1 if month == 12 else year
        opens, closes = rules.subsidy_window(year, month, rest_day_checker({year, next_year}))
    if employer is not None:
        exception = LateFilingException.objects.filter(employer=employer, month=first).first()
        if exception and exception.until > closes:
            closes = exception.until
    return opens, closes


def monthly_rate(year: int, month: int) -> Decimal:
    """The rate in force for month M: the latest one starting on or before it."""
    rate = SubsidyRate.objects.filter(effective_from__lte=datetime.date(year, month, 1)).first()
    return rate.monthly_amount if rate else rules.DEFAULT_MONTHLY_RATE
