"""The programme's rules as pure functions (SPEC §3).

No ORM, no clock, no settings: callers pass dates and data in. Every other module
calls these; none re-implements them. Error messages are plain English so that
callers can translate them.
"""

import calendar
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

__all__ = [
    "BASIS_DAYS_PER_MONTH",
    "RuleError",
    "DEFAULT_MONTHLY_RATE",
    "MAX_TOTAL_BASIS_DAYS",
    "Candidate",
    "Ineligible",
    "add_months",
    "earliest_start",
    "eligibility_problems",
    "extension_deadline",
    "graduation_deadline",
    "id_number_birth_date",
    "id_number_sex",
    "mask_account",
    "mask_id_number",
    "month_basis_days",
    "month_bounds",
    "normalize_credit_code",
    "normalize_id_number",
    "period_basis_days",
    "period_end",
    "subsidy_amount",
    "subsidy_window",
    "termination_deadline",
    "total_basis_days",
]


def _(message: str) -> str:
    """Marks a message for the translation catalogue; callers translate RuleError.template."""
    return message


class RuleError(ValueError):
    """A rule's refusal: `template` % `params` is the English message, translatable as is."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template % params if params else template)


# The subsidy and the 12-month cap both count 30 days a month.
BASIS_DAYS_PER_MONTH = 30
# 12 months of traineeship per person, all employers together.
MAX_TOTAL_BASIS_DAYS = 360
# 66 CNY a day; reviewers add later rates (§4).
DEFAULT_MONTHLY_RATE = Decimal(1980)

ONE_DAY = timedelta(days=1)
CENT = Decimal("0.01")


# --- Calendar arithmetic -------------------------------------------------------------


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    y, m0 = divmod(year * 12 + (month - 1) + months, 12)
    return y, m0 + 1


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of the given month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """Same day-of-month `months` later; the month's last day where that day does not exist."""
    year, month = _shift_month(d.year, d.month, months)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, months: int) -> date:
    """Last day of a period of `months` calendar months beginning on `start`: the day before
    the same day-of-month `months` months later; where that month has no such day, its last
    day. period_end(s, 0) == s - 1 day."""
    year, month = _shift_month(start.year, start.month, months)
    last_day = calendar.monthrange(year, month)[1]
    if start.day > last_day:
        return date(year, month, last_day)
    return date(year, month, start.day) - ONE_DAY


def period_basis_days(start: date, end: date) -> int:
    """Length of the inclusive period start..end on the 30-day basis: m*30 + d, where m is the
    largest whole number of months with period_end(start, m) <= end and d the days left after
    period_end(start, m). ValueError if end < start."""
    if end < start:
        raise RuleError(_("The end date is before the start date."))
    # period_end is strictly increasing in m, and period_end(start, m) falls in the month
    # m months after start's month (or the one before it), so the month difference is
    # at most one away from the answer.
    m = max(0, (end.year - start.year) * 12 + end.month - start.month)
    while m > 0 and period_end(start, m) > end:
        m -= 1
    while period_end(start, m + 1) <= end:
        m += 1
    return m * BASIS_DAYS_PER_MONTH + (end - period_end(start, m)).days


def total_basis_days(periods: Iterable[tuple[date, date]]) -> int:
    """Sum of period_basis_days over a person's traineeship periods. A traineeship and its
    extensions form ONE continuous period (start .. latest end); a terminated one ends on its
    termination date."""
    return sum(period_basis_days(start, end) for start, end in periods)


# --- Deadlines and windows -----------------------------------------------------------


def graduation_deadline(certificate_date: date) -> date:
    """Last day on which a traineeship may be filed: two years after the certificate's
    issue date (add_months(certificate_date, 24))."""
    return add_months(certificate_date, 24)


def earliest_start(filed_on: date) -> date:
    """A traineeship may start no earlier than the day after it is submitted."""
    return filed_on + ONE_DAY


def extension_deadline(end: date) -> date:
    """Last day on which an extension may be submitted: the day before the current end."""
    return end - ONE_DAY


def termination_deadline(termination_date: date) -> date:
    """Last day on which a termination may be entered: the second-to-last day of the month
    of the termination date."""
    return month_bounds(termination_date.year, termination_date.month)[1] - ONE_DAY


def subsidy_window(year: int, month: int, is_rest_day: Callable[[date], bool]) -> tuple[date, date]:
    """Default filing window for month M: opens on M's last day; closes on the 4th of M+1,
    moved to the next day that is not a rest day while it falls on one (weekend or statutory
    holiday, with make-up working days counted as working days). Reviewer overrides (§4)
    replace the default."""
    opens = month_bounds(year, month)[1]
    next_year, next_month = _shift_month(year, month, 1)
    closes = date(next_year, next_month, 4)
    for _day in range(366):
        if not is_rest_day(closes):
            return opens, closes
        closes += ONE_DAY
    raise RuleError(_("No working day found within a year after the window's 4th."))


# --- Subsidy -------------------------------------------------------------------------


def month_basis_days(start: date, end: date, year: int, month: int) -> int:
    """Most attendance days claimable for month M by a traineeship running start..end:
    30 if it covers the whole month, else the days it covers in M (at most 30), 0 if none."""
    first, last = month_bounds(year, month)
    if start <= first and end >= last:
        return BASIS_DAYS_PER_MONTH
    covered = (min(end, last) - max(start, first)).days + 1
    return max(0, min(BASIS_DAYS_PER_MONTH, covered))


def subsidy_amount(monthly_rate: Decimal, attendance_days: int) -> Decimal:
    """monthly_rate * attendance_days / 30, rounded half-up to 0.01 CNY.
    ValueError unless 0 <= attendance_days <= 30."""
    if isinstance(attendance_days, bool) or not isinstance(attendance_days, int):
        raise RuleError(_("Attendance days must be a whole number."))  # noqa: TRY004
    if not 0 <= attendance_days <= BASIS_DAYS_PER_MONTH:
        raise RuleError(_("Attendance days must be between 0 and %(max)d."), max=BASIS_DAYS_PER_MONTH)
    with localcontext() as ctx:
        ctx.prec = 50
        amount = Decimal(monthly_rate) * attendance_days / BASIS_DAYS_PER_MONTH
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Eligibility ---------------------------------------------------------------------


class Ineligible(StrEnum):
    GRADUATED_TOO_LONG_AGO = "graduated_too_long_ago"  # filed_on > graduation_deadline
    ORIGIN_REQUIRED = "origin_required"  # 机关/事业单位 take only 厦门生源
    ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED = "origin_or_xiamen_school_required"  # others
    INSURED_BEFORE = "insured_before"  # an employer paid social insurance before filed_on
    CAP_EXCEEDED = "cap_exceeded"  # earlier periods + this one > 360 basis days
    START_TOO_EARLY = "start_too_early"  # start < earliest_start(filed_on)
    OVERLAPS_EXISTING = "overlaps_existing"  # this period overlaps an earlier one
    END_BEFORE_START = "end_before_start"


@dataclass(frozen=True)
class Candidate:
    certificate_date: date
    xiamen_origin: bool  # 厦门生源, proven by its documents
    xiamen_school: bool  # graduated from a school in Xiamen
    first_insured_on: date | None  # first month an employer paid social insurance, if ever
    periods: tuple[tuple[date, date], ...] = ()  # earlier traineeship periods


def eligibility_problems(
    candidate: Candidate, *, public_sector: bool, filed_on: date, start: date, end: date
) -> list[Ineligible]:
    """Every rule the proposed traineeship start..end fails, in Ineligible's order;
    an empty list means eligible. `public_sector` is true for 机关 and 事业单位."""
    failed: set[Ineligible] = set()
    if filed_on > graduation_deadline(candidate.certificate_date):
        failed.add(Ineligible.GRADUATED_TOO_LONG_AGO)
    if public_sector:
        if not candidate.xiamen_origin:
            failed.add(Ineligible.ORIGIN_REQUIRED)
    elif not (candidate.xiamen_origin or candidate.xiamen_school):
        failed.add(Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED)
    if candidate.first_insured_on is not None and candidate.first_insured_on < filed_on:
        failed.add(Ineligible.INSURED_BEFORE)
    # An inverted period has no length of its own; the earlier periods still count.
    this_period = period_basis_days(start, end) if end >= start else 0
    if end < start:
        failed.add(Ineligible.END_BEFORE_START)
    if total_basis_days(candidate.periods) + this_period > MAX_TOTAL_BASIS_DAYS:
        failed.add(Ineligible.CAP_EXCEEDED)
    if start < earliest_start(filed_on):
        failed.add(Ineligible.START_TOO_EARLY)
    if any(start <= p_end and p_start <= end for p_start, p_end in candidate.periods):
        failed.add(Ineligible.OVERLAPS_EXISTING)
    return [rule for rule in Ineligible if rule in failed]


# --- Identity ------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"  # indexed by weighted sum mod 11 (ISO 7064 MOD 11-2)
_PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37]
    + [41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]
)
_DIGITS = frozenset("0123456789")

_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, Z, S, V
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _clean(raw: str) -> str:
    """NFKC (full-width to ASCII) and drop every kind of whitespace."""
    return "".join(unicodedata.normalize("NFKC", raw).split())


def _id_check_char(first17: str) -> str:
    return _ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _id_birth_date(value: str) -> date | None:
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalize_id_number(raw: str) -> str:
    """Strip spaces, full-width digits to ASCII, trailing x to X; ValueError (with a message a
    clerk understands) unless it is an 18-character resident ID with a valid GB 11643 check
    character and a real birth date. 15-digit legacy numbers are rejected with a message
    asking for the 18-digit number."""
    value = _clean(raw).upper()
    if not value:
        raise RuleError(_("Please enter the ID number."))
    if len(value) == 15 and set(value) <= _DIGITS:
        raise RuleError(
            _(
                "This is an old 15-digit ID number. Please enter the 18-digit number "
                "from the person's current resident ID card."
            )
        )
    if len(value) != 18:
        raise RuleError(
            _("A resident ID number has 18 characters; this one has %(count)d."), count=len(value)
        )
    if not set(value[:17]) <= _DIGITS or value[17] not in _DIGITS | {"X"}:
        raise RuleError(_("A resident ID number is 17 digits followed by a digit or the letter X."))
    if int(value[:2]) not in _PROVINCE_CODES:
        raise RuleError(_("The first two digits of the ID number are not a valid province code."))
    if _id_birth_date(value) is None:
        raise RuleError(_("The birth date in the ID number (digits 7 to 14) is not a real date."))
    if value[17] != _id_check_char(value[:17]):
        raise RuleError(
            _(
                "The ID number's last character does not match the others; "
                "please check it for a typing mistake."
            )
        )
    return value


def id_number_birth_date(id_number: str) -> date:
    """Birth date encoded in a resident ID number (validated first)."""
    value = normalize_id_number(id_number)
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def id_number_sex(id_number: str) -> str:
    """ "M" or "F" from the 17th character of a resident ID number (odd means male)."""
    return "M" if int(normalize_id_number(id_number)[16]) % 2 else "F"


def normalize_credit_code(raw: str) -> str:
    """Unified social credit code (GB 32100): upper-case, valid alphabet, valid check char."""
    value = _clean(raw).upper()
    if not value:
        raise RuleError(_("Please enter the unified social credit code."))
    if len(value) != 18:
        raise RuleError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            count=len(value),
        )
    for char in value:
        if char not in _CREDIT_ALPHABET:
            raise RuleError(
                _(
                    "“%(char)s” cannot appear in a unified social credit code "
                    "(only digits and capital letters other than I, O, Z, S and V are used)."
                ),
                char=char,
            )
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(value[:17], _CREDIT_WEIGHTS, strict=True))
    expected = _CREDIT_ALPHABET[(31 - total % 31) % 31]
    if value[17] != expected:
        raise RuleError(
            _(
                "The credit code's last character does not match the others; "
                "please check it for a typing mistake."
            )
        )
    return value


def _mask(value: str, keep: int = 4) -> str:
    value = "".join(value.split())
    keep = min(keep, (len(value) - 1) // 2) if value else 0
    stars = "*" * (len(value) - 2 * keep)
    return value[:keep] + stars + value[len(value) - keep :] if keep else stars


def mask_id_number(s: str) -> str:
    """Show only the first and last four characters: "3502**********1232"."""
    return _mask(s)


def mask_account(s: str) -> str:
    """Bank account with only the first and last four characters shown (always some stars)."""
    return _mask(s)
