"""Tests for jiexi.rules (pure functions; no database needed)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from jiexi import rules
from jiexi.rules import (
    BASIS_DAYS_PER_MONTH,
    DEFAULT_MONTHLY_RATE,
    MAX_TOTAL_BASIS_DAYS,
    Candidate,
    Ineligible,
    add_months,
    earliest_start,
    eligibility_problems,
    extension_deadline,
    graduation_deadline,
    id_number_birth_date,
    id_number_sex,
    mask_account,
    mask_id_number,
    month_basis_days,
    month_bounds,
    normalize_credit_code,
    normalize_id_number,
    period_basis_days,
    period_end,
    subsidy_amount,
    subsidy_window,
    termination_deadline,
    total_basis_days,
)

D = date


# --- constants -----------------------------------------------------------------------


def test_constants():
    assert BASIS_DAYS_PER_MONTH == 30
    assert MAX_TOTAL_BASIS_DAYS == 360
    assert DEFAULT_MONTHLY_RATE == Decimal(1980)
    assert isinstance(DEFAULT_MONTHLY_RATE, Decimal)


def test_public_names_exist():
    for name in rules.__all__:
        assert hasattr(rules, name), name


# --- add_months / month_bounds -------------------------------------------------------


@pytest.mark.parametrize(
    "d, months, expected",
    [
        (D(2027, 1, 15), 1, D(2027, 2, 15)),
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 12, 15), 1, D(2028, 1, 15)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 48, D(2032, 2, 29)),
        (D(2025, 6, 30), 24, D(2027, 6, 30)),
        (D(2027, 3, 31), -1, D(2027, 2, 28)),
        (D(2027, 1, 10), -1, D(2026, 12, 10)),
        (D(2027, 5, 5), 0, D(2027, 5, 5)),
    ],
)
def test_add_months(d, months, expected):
    assert add_months(d, months) == expected


@pytest.mark.parametrize(
    "year, month, expected",
    [
        (2027, 2, (D(2027, 2, 1), D(2027, 2, 28))),
        (2028, 2, (D(2028, 2, 1), D(2028, 2, 29))),
        (2027, 4, (D(2027, 4, 1), D(2027, 4, 30))),
        (2027, 12, (D(2027, 12, 1), D(2027, 12, 31))),
    ],
)
def test_month_bounds(year, month, expected):
    assert month_bounds(year, month) == expected


def test_month_bounds_rejects_bad_month():
    with pytest.raises(ValueError):
        month_bounds(2027, 13)


# --- period_end ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2027, 3, 1), 1, D(2027, 3, 31)),
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 1, 15), 12, D(2028, 1, 14)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 1, D(2028, 3, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2028, 1, 30), 1, D(2028, 2, 29)),
        (D(2028, 1, 29), 1, D(2028, 2, 28)),
        (D(2027, 1, 29), 1, D(2027, 2, 28)),
        (D(2027, 1, 1), 12, D(2027, 12, 31)),
        (D(2027, 3, 1), 12, D(2028, 2, 29)),
        (D(2027, 12, 1), 1, D(2027, 12, 31)),
        (D(2027, 12, 15), 1, D(2028, 1, 14)),
        (D(2027, 11, 15), 3, D(2028, 2, 14)),
        (D(2027, 3, 1), 3, D(2027, 5, 31)),
    ],
)
def test_period_end(start, months, expected):
    assert period_end(start, months) == expected


@pytest.mark.parametrize("start", [D(2027, 3, 1), D(2027, 1, 1), D(2028, 2, 29), D(2027, 3, 31)])
def test_period_end_zero_months_is_day_before(start):
    assert period_end(start, 0) == start - timedelta(days=1)


# --- period_basis_days / total_basis_days --------------------------------------------


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2027, 3, 1), D(2028, 2, 29), 360),  # spec: one full year, leap day included
        (D(2027, 3, 1), D(2027, 3, 15), 15),  # spec
        (D(2027, 3, 1), D(2027, 3, 1), 1),
        (D(2027, 3, 1), D(2027, 3, 31), 30),  # a 31-day month is 30 basis days
        (D(2027, 2, 1), D(2027, 2, 28), 30),  # a whole February is 30 basis days
        (D(2028, 2, 1), D(2028, 2, 29), 30),
        (D(2028, 2, 1), D(2028, 2, 28), 28),
        (D(2027, 1, 31), D(2027, 2, 28), 30),
        (D(2027, 1, 31), D(2027, 2, 27), 28),
        (D(2027, 3, 31), D(2027, 4, 30), 30),
        (D(2027, 3, 1), D(2027, 5, 31), 90),
        (D(2027, 3, 1), D(2027, 6, 1), 91),
        (D(2027, 1, 1), D(2027, 12, 31), 360),
        (D(2027, 1, 1), D(2028, 1, 1), 361),
        (D(2027, 11, 15), D(2028, 2, 14), 90),  # crosses a year end
        (D(2027, 12, 1), D(2028, 1, 31), 60),
        (D(2027, 12, 20), D(2028, 1, 5), 17),
        (D(2028, 2, 29), D(2029, 2, 28), 360),
        (D(2028, 2, 29), D(2028, 3, 28), 30),
        (D(2028, 2, 29), D(2028, 3, 29), 31),
        (D(2027, 1, 15), D(2028, 1, 14), 360),
        (D(2027, 3, 1), D(2027, 8, 31), 180),
    ],
)
def test_period_basis_days(start, end, expected):
    assert period_basis_days(start, end) == expected


def test_period_basis_days_rejects_end_before_start():
    with pytest.raises(ValueError):
        period_basis_days(D(2027, 3, 2), D(2027, 3, 1))


def test_period_basis_days_is_fast_for_long_periods():
    assert period_basis_days(D(1900, 1, 1), D(2099, 12, 31)) == 200 * 360


def test_total_basis_days():
    assert total_basis_days([]) == 0
    periods = [
        (D(2027, 3, 1), D(2027, 5, 31)),
        (D(2027, 7, 1), D(2027, 7, 15)),
        (D(2027, 11, 15), D(2028, 2, 14)),
    ]
    assert total_basis_days(periods) == 90 + 15 + 90
    assert total_basis_days(iter(periods)) == 195


def test_total_basis_days_rejects_inverted_period():
    with pytest.raises(ValueError):
        total_basis_days([(D(2027, 3, 2), D(2027, 3, 1))])


# --- deadlines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "certificate, expected",
    [
        (D(2025, 6, 30), D(2027, 6, 30)),
        (D(2026, 2, 28), D(2028, 2, 28)),
        (D(2024, 2, 29), D(2026, 2, 28)),
        (D(2025, 12, 31), D(2027, 12, 31)),
    ],
)
def test_graduation_deadline(certificate, expected):
    assert graduation_deadline(certificate) == expected


def test_earliest_start():
    assert earliest_start(D(2027, 2, 27)) == D(2027, 2, 28)
    assert earliest_start(D(2027, 12, 31)) == D(2028, 1, 1)
    assert earliest_start(D(2028, 2, 28)) == D(2028, 2, 29)


def test_extension_deadline_spec_example():
    # traineeship 2027-03-01..05-31: an extension submitted 05-30 is accepted, 05-31 too late
    deadline = extension_deadline(D(2027, 5, 31))
    assert deadline == D(2027, 5, 30)
    assert D(2027, 5, 30) <= deadline
    assert not D(2027, 5, 31) <= deadline


def test_extension_deadline_across_month_and_year():
    assert extension_deadline(D(2027, 3, 1)) == D(2027, 2, 28)
    assert extension_deadline(D(2028, 1, 1)) == D(2027, 12, 31)


def test_termination_deadline_spec_example():
    # termination dated 2027-03-15: entered 03-30 accepted, 03-31 too late
    deadline = termination_deadline(D(2027, 3, 15))
    assert deadline == D(2027, 3, 30)
    assert D(2027, 3, 30) <= deadline
    assert not D(2027, 3, 31) <= deadline


@pytest.mark.parametrize(
    "termination, expected",
    [
        (D(2027, 3, 1), D(2027, 3, 30)),
        (D(2027, 3, 31), D(2027, 3, 30)),
        (D(2027, 4, 10), D(2027, 4, 29)),
        (D(2027, 2, 10), D(2027, 2, 27)),
        (D(2028, 2, 10), D(2028, 2, 28)),
        (D(2027, 12, 31), D(2027, 12, 30)),
    ],
)
def test_termination_deadline(termination, expected):
    assert termination_deadline(termination) == expected


# --- subsidy_window ------------------------------------------------------------------


def weekends_and(*holidays, workdays=()):
    holidays = set(holidays)
    workdays = set(workdays)

    def is_rest_day(d):
        if d in workdays:
            return False
        return d in holidays or d.weekday() >= 5

    return is_rest_day


def days(first, last):
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def test_subsidy_window_spec_example_national_day():
    rest = weekends_and(*days(D(2026, 10, 1), D(2026, 10, 7)))
    assert subsidy_window(2026, 9, rest) == (D(2026, 9, 30), D(2026, 10, 8))


def test_subsidy_window_plain_weekday():
    assert subsidy_window(2026, 12, weekends_and()) == (D(2026, 12, 31), D(2027, 1, 4))


def test_subsidy_window_december_closes_in_january():
    rest = weekends_and(*days(D(2028, 1, 1), D(2028, 1, 4)))
    assert subsidy_window(2027, 12, rest) == (D(2027, 12, 31), D(2028, 1, 5))


def test_subsidy_window_weekend_moves_to_monday():
    # 2027-09-04 is a Saturday
    assert subsidy_window(2027, 8, weekends_and()) == (D(2027, 8, 31), D(2027, 9, 6))


def test_subsidy_window_make_up_working_day_counts():
    # 2027-09-04 is a Saturday but declared a make-up working day
    rest = weekends_and(workdays=[D(2027, 9, 4)])
    assert subsidy_window(2027, 8, rest) == (D(2027, 8, 31), D(2027, 9, 4))


def test_subsidy_window_february_opens_on_last_day():
    def never(d):
        return False

    assert subsidy_window(2028, 2, never) == (D(2028, 2, 29), D(2028, 3, 4))
    assert subsidy_window(2027, 2, never) == (D(2027, 2, 28), D(2027, 3, 4))


def test_subsidy_window_never_ending_rest_raises():
    with pytest.raises(ValueError):
        subsidy_window(2027, 1, lambda d: True)


# --- month_basis_days / subsidy_amount -----------------------------------------------


@pytest.mark.parametrize(
    "start, end, year, month, expected",
    [
        (D(2027, 6, 1), D(2027, 6, 30), 2027, 6, 30),  # full June
        (D(2027, 1, 1), D(2027, 12, 31), 2027, 2, 30),  # full February
        (D(2028, 1, 1), D(2028, 12, 31), 2028, 2, 30),  # full leap February
        (D(2027, 1, 1), D(2027, 12, 31), 2027, 7, 30),  # full 31-day month
        (D(2027, 3, 1), D(2027, 3, 15), 2027, 3, 15),  # 15 days
        (D(2027, 3, 17), D(2027, 9, 30), 2027, 3, 15),  # starts mid-month
        (D(2027, 3, 2), D(2027, 9, 30), 2027, 3, 30),  # 30 of 31 days
        (D(2027, 3, 1), D(2027, 3, 30), 2027, 3, 30),
        (D(2027, 2, 2), D(2027, 9, 30), 2027, 2, 27),  # partial February
        (D(2027, 3, 1), D(2027, 5, 31), 2027, 7, 0),  # not in the month
        (D(2027, 3, 1), D(2027, 5, 31), 2027, 2, 0),
        (D(2027, 12, 20), D(2028, 1, 5), 2027, 12, 12),  # crossing the year end
        (D(2027, 12, 20), D(2028, 1, 5), 2028, 1, 5),
        (D(2027, 5, 31), D(2027, 6, 1), 2027, 5, 1),
        (D(2027, 5, 31), D(2027, 6, 1), 2027, 6, 1),
    ],
)
def test_month_basis_days(start, end, year, month, expected):
    assert month_basis_days(start, end, year, month) == expected


@pytest.mark.parametrize(
    "rate, attendance, expected",
    [
        (Decimal(1980), 30, Decimal("1980.00")),
        (Decimal(1980), 15, Decimal("990.00")),
        (Decimal(1980), 1, Decimal("66.00")),
        (Decimal(1980), 0, Decimal("0.00")),
        (Decimal(1980), 29, Decimal("1914.00")),
        (Decimal(2000), 1, Decimal("66.67")),
        (Decimal(2000), 2, Decimal("133.33")),
        (Decimal(2001), 1, Decimal("66.70")),
        # exact half-cent cases: half-up, not banker's rounding
        (Decimal("1980.15"), 1, Decimal("66.01")),  # 66.005
        (Decimal("0.15"), 1, Decimal("0.01")),  # 0.005
        (Decimal("0.45"), 1, Decimal("0.02")),  # 0.015
        (Decimal("1980.45"), 1, Decimal("66.02")),  # 66.015
        (Decimal("1980.75"), 1, Decimal("66.03")),  # 66.025
    ],
)
def test_subsidy_amount(rate, attendance, expected):
    amount = subsidy_amount(rate, attendance)
    assert amount == expected
    assert amount.as_tuple().exponent == -2  # always to the cent
    assert str(amount) == str(expected)


def test_subsidy_amount_spec_table():
    june = month_basis_days(D(2027, 6, 1), D(2027, 6, 30), 2027, 6)
    february = month_basis_days(D(2027, 2, 1), D(2027, 2, 28), 2027, 2)
    half = month_basis_days(D(2027, 3, 1), D(2027, 3, 15), 2027, 3)
    rate = DEFAULT_MONTHLY_RATE
    assert subsidy_amount(rate, june) == Decimal("1980.00")
    assert subsidy_amount(rate, february) == Decimal("1980.00")
    assert subsidy_amount(rate, half) == Decimal("990.00")


@pytest.mark.parametrize("attendance", [-1, 31, 100, True, False, 1.0, 15.5, "15"])
def test_subsidy_amount_rejects_bad_days(attendance):
    with pytest.raises(ValueError):
        subsidy_amount(Decimal(1980), attendance)


# --- eligibility ---------------------------------------------------------------------

OK_CANDIDATE = Candidate(
    certificate_date=D(2026, 6, 30),
    xiamen_origin=True,
    xiamen_school=True,
    first_insured_on=None,
)
FILED = D(2027, 2, 27)
START = D(2027, 3, 1)
END = D(2027, 8, 31)


def problems(candidate=OK_CANDIDATE, public_sector=False, **kw):
    kw = {"filed_on": FILED, "start": START, "end": END, **kw}
    return eligibility_problems(candidate, public_sector=public_sector, **kw)


def with_(**changes):
    from dataclasses import replace

    return replace(OK_CANDIDATE, **changes)


def test_candidate_is_frozen():
    with pytest.raises(AttributeError):
        OK_CANDIDATE.xiamen_origin = False  # type: ignore[misc]
    assert OK_CANDIDATE.periods == ()


def test_ineligible_values_and_order():
    assert [m.value for m in Ineligible] == [
        "graduated_too_long_ago",
        "origin_required",
        "origin_or_xiamen_school_required",
        "insured_before",
        "cap_exceeded",
        "start_too_early",
        "overlaps_existing",
        "end_before_start",
    ]
    assert Ineligible.CAP_EXCEEDED == "cap_exceeded"
    assert str(Ineligible.CAP_EXCEEDED) == "cap_exceeded"


def test_eligible():
    assert problems() == []
    assert problems(public_sector=True) == []


def test_graduated_too_long_ago():
    deadline = graduation_deadline(OK_CANDIDATE.certificate_date)  # 2028-06-30
    assert problems(filed_on=deadline, start=D(2028, 7, 1), end=D(2028, 12, 31)) == []
    assert problems(filed_on=deadline + timedelta(1), start=D(2028, 7, 2), end=D(2028, 12, 31)) == [
        Ineligible.GRADUATED_TOO_LONG_AGO
    ]


def test_origin_required_for_public_sector():
    school_only = with_(xiamen_origin=False, xiamen_school=True)
    assert problems(school_only, public_sector=True) == [Ineligible.ORIGIN_REQUIRED]
    assert problems(school_only, public_sector=False) == []
    origin_only = with_(xiamen_origin=True, xiamen_school=False)
    assert problems(origin_only, public_sector=True) == []


def test_origin_or_xiamen_school_required_for_others():
    neither = with_(xiamen_origin=False, xiamen_school=False)
    assert problems(neither) == [Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED]
    assert problems(neither, public_sector=True) == [Ineligible.ORIGIN_REQUIRED]


def test_insured_before():
    assert problems(with_(first_insured_on=FILED)) == []
    assert problems(with_(first_insured_on=FILED + timedelta(1))) == []
    assert problems(with_(first_insured_on=FILED - timedelta(1))) == [Ineligible.INSURED_BEFORE]


def test_cap_exceeded():
    earlier = with_(periods=((D(2026, 7, 1), D(2026, 12, 31)),))  # 180 days
    assert problems(earlier) == []  # 180 + 180 == 360 exactly
    assert problems(earlier, end=D(2027, 9, 1)) == [Ineligible.CAP_EXCEEDED]
    assert problems(end=D(2028, 2, 29)) == []  # a single full year
    assert problems(end=D(2028, 3, 1)) == [Ineligible.CAP_EXCEEDED]


def test_cap_counts_all_earlier_periods():
    earlier = with_(
        periods=(
            (D(2026, 7, 1), D(2026, 9, 30)),  # 90
            (D(2026, 10, 1), D(2026, 12, 31)),  # 90
        )
    )
    assert problems(earlier) == []
    assert problems(earlier, end=D(2027, 9, 1)) == [Ineligible.CAP_EXCEEDED]


def test_start_too_early():
    assert problems(start=FILED + timedelta(1)) == []
    assert problems(start=FILED) == [Ineligible.START_TOO_EARLY]
    assert problems(start=FILED - timedelta(10)) == [Ineligible.START_TOO_EARLY]


def test_overlaps_existing_inclusive_ends():
    touching = with_(periods=((D(2027, 1, 1), D(2027, 3, 1)),))
    assert Ineligible.OVERLAPS_EXISTING in problems(touching)
    adjacent_before = with_(periods=((D(2026, 12, 1), D(2027, 2, 28)),))
    assert problems(adjacent_before) == []
    adjacent_after = with_(periods=((D(2027, 9, 1), D(2027, 9, 30)),))
    assert problems(adjacent_after) == []
    touching_after = with_(periods=((D(2027, 8, 31), D(2027, 9, 30)),))
    assert problems(touching_after) == [Ineligible.OVERLAPS_EXISTING]
    inside = with_(periods=((D(2027, 4, 1), D(2027, 4, 30)),))
    assert problems(inside) == [Ineligible.OVERLAPS_EXISTING]
    around = with_(periods=((D(2027, 1, 1), D(2027, 12, 31)),))
    assert problems(around) == [
        Ineligible.CAP_EXCEEDED,
        Ineligible.OVERLAPS_EXISTING,
    ]


def test_end_before_start_does_not_raise():
    assert problems(end=START - timedelta(1)) == [Ineligible.END_BEFORE_START]
    assert problems(end=START) == []


def test_end_before_start_still_counts_earlier_periods():
    full = with_(periods=((D(2025, 1, 1), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 1, 1))))
    assert problems(full, end=START - timedelta(1)) == [
        Ineligible.CAP_EXCEEDED,
        Ineligible.END_BEFORE_START,
    ]


def test_all_problems_at_once_in_declaration_order():
    bad = Candidate(
        certificate_date=D(2024, 1, 1),  # deadline 2026-01-01
        xiamen_origin=False,
        xiamen_school=False,
        first_insured_on=D(2026, 6, 1),
        periods=((D(2026, 1, 1), D(2026, 12, 31)),),  # 360 days used
    )
    kw = {"filed_on": D(2027, 1, 10), "start": D(2026, 12, 31), "end": D(2027, 3, 31)}
    assert eligibility_problems(bad, public_sector=False, **kw) == [
        Ineligible.GRADUATED_TOO_LONG_AGO,
        Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED,
        Ineligible.INSURED_BEFORE,
        Ineligible.CAP_EXCEEDED,
        Ineligible.START_TOO_EARLY,
        Ineligible.OVERLAPS_EXISTING,
    ]
    assert eligibility_problems(bad, public_sector=True, **kw) == [
        Ineligible.GRADUATED_TOO_LONG_AGO,
        Ineligible.ORIGIN_REQUIRED,
        Ineligible.INSURED_BEFORE,
        Ineligible.CAP_EXCEEDED,
        Ineligible.START_TOO_EARLY,
        Ineligible.OVERLAPS_EXISTING,
    ]


def test_all_problems_with_end_before_start():
    bad = Candidate(
        certificate_date=D(2024, 1, 1),
        xiamen_origin=False,
        xiamen_school=True,
        first_insured_on=D(2026, 6, 1),
        periods=((D(2026, 1, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 1, 10))),
    )  # 370 days used already
    result = eligibility_problems(
        bad,
        public_sector=True,
        filed_on=D(2027, 1, 8),
        start=D(2027, 1, 8),
        end=D(2027, 1, 5),
    )
    assert result == [
        Ineligible.GRADUATED_TOO_LONG_AGO,
        Ineligible.ORIGIN_REQUIRED,
        Ineligible.INSURED_BEFORE,
        Ineligible.CAP_EXCEEDED,
        Ineligible.START_TOO_EARLY,
        Ineligible.OVERLAPS_EXISTING,
        Ineligible.END_BEFORE_START,
    ]
    assert all(isinstance(p, Ineligible) for p in result)


def test_eligibility_keywords_only():
    with pytest.raises(TypeError):
        eligibility_problems(OK_CANDIDATE, False, FILED, START, END)  # type: ignore[misc]


# --- resident ID numbers -------------------------------------------------------------

VALID_IDS = [
    "11010519491231002X",  # the GB 11643 worked example
    "35020319900101123X",
    "350203200002291005",  # born on a leap day
    "440304198507072012",
]


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_id_numbers(value):
    assert normalize_id_number(value) == value


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("11010519491231002x", "11010519491231002X"),
        (" 350203 19900101 123x ", "35020319900101123X"),
        ("\u3000350203199001011\t23X\n", "35020319900101123X"),
        ("３５０２０３１９９００１０１１２３ｘ", "35020319900101123X"),
        ("３５０２０３２０００\u3000０２２９１００５", "350203200002291005"),
    ],
)
def test_id_number_normalisation(raw, expected):
    assert normalize_id_number(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("350203900101123", "18-digit"),  # legacy 15-digit
        ("", "enter"),
        ("35020319900101123", "18 characters"),
        ("35020319900101123XX", "18 characters"),
        ("35020319900101123Y", "17 digits"),
        ("3502031990010112X3", "17 digits"),
        ("35020319990230123X", "birth date"),  # 1999-02-30
        ("350203190002291230", "birth date"),  # 1900 is not a leap year
        ("350203189912311230", "birth date"),  # before 1900
        ("350203199013011230", "birth date"),  # month 13
        ("990203199001011230", "province"),
        ("000203199001011230", "province"),
        ("350203199001011230", "last character"),  # check char should be X
        ("110105194912310021", "last character"),
    ],
)
def test_invalid_id_numbers(raw, fragment):
    with pytest.raises(ValueError, match=fragment):
        normalize_id_number(raw)


def test_id_number_birth_date_and_sex():
    assert id_number_birth_date("35020319900101123X") == D(1990, 1, 1)
    assert id_number_birth_date("350203200002291005") == D(2000, 2, 29)
    assert id_number_sex("35020319900101123X") == "M"
    assert id_number_sex("11010519491231002x") == "F"
    assert id_number_sex("350203200002291005") == "F"
    assert id_number_sex("440304198507072012") == "M"
    with pytest.raises(ValueError):
        id_number_birth_date("350203199001011230")


def test_masks():
    assert mask_id_number("350203199001011232") == "3502**********1232"
    assert mask_id_number("35020319900101123X") == "3502**********123X"
    assert mask_account("6222021234567890123") == "6222***********0123"
    assert mask_account("6222 0212 3456 7890") == "6222********7890"
    assert mask_account("123456789") == "1234*6789"
    assert mask_account("12345678") == "123**678"
    assert mask_account("12") == "**"
    assert mask_account("1") == "*"
    assert mask_account("") == ""
    for n in range(1, 30):
        assert "*" in mask_account("9" * n)


# --- unified social credit codes -----------------------------------------------------

VALID_CODES = [
    "91350200MA2XXXXX0M",
    "91350200612000123A",
    "9135020015541234A0",  # check value 31 maps to "0"
    "91110000100000000R",
]


@pytest.mark.parametrize("value", VALID_CODES)
def test_valid_credit_codes(value):
    assert normalize_credit_code(value) == value


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("91350200ma2xxxxx0m", "91350200MA2XXXXX0M"),
        (" 9135 0200 612000123a\u3000", "91350200612000123A"),
        ("９１３５０２００ＭＡ２ＸＸＸＸＸ０Ｍ", "91350200MA2XXXXX0M"),
    ],
)
def test_credit_code_normalisation(raw, expected):
    assert normalize_credit_code(raw) == expected


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_credit_code_rejects_unused_letters(letter):
    raw = "91350200MA2XXXXX0M".replace("MA2", "M" + letter + "2")
    with pytest.raises(ValueError, match=f"“{letter}”"):
        normalize_credit_code(raw)


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("", "enter"),
        ("91350200MA2XXXXX0", "18 characters"),
        ("91350200MA2XXXXX0MM", "18 characters"),
        ("91350200MA2XXXXX0N", "last character"),
        ("91350200MA2XXXXX1M", "last character"),
        ("9135020015541234A1", "last character"),
        ("91350200MA2XX-XX0M", "“-”"),
    ],
)
def test_invalid_credit_codes(raw, fragment):
    with pytest.raises(ValueError, match=fragment):
        normalize_credit_code(raw)


# --- properties ----------------------------------------------------------------------


def _naive_basis_days(start, end):
    m = 0
    while period_end(start, m + 1) <= end:
        m += 1
    return m * 30 + (end - period_end(start, m)).days


def test_period_basis_days_matches_definition_exhaustively_near_month_ends():
    starts = days(D(2027, 12, 25), D(2028, 3, 5))
    for start in starts:
        for length in range(0, 800, 7):
            end = start + timedelta(length)
            assert period_basis_days(start, end) == _naive_basis_days(start, end)


try:
    import hypothesis
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    hypothesis = None


if hypothesis is None:  # pragma: no cover

    def test_properties_need_hypothesis():
        pytest.importorskip("hypothesis")

else:
    _dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))

    @hypothesis.given(start=_dates, months=st.integers(min_value=1, max_value=24))
    def test_property_whole_months_are_30_days_each(start, months):
        assert period_basis_days(start, period_end(start, months)) == 30 * months

    @hypothesis.given(start=_dates, months=st.integers(min_value=0, max_value=36))
    def test_property_period_end_never_before_day_before_start(start, months):
        end = period_end(start, months)
        assert end >= start - timedelta(1)
        assert period_end(start, months + 1) > end

    @hypothesis.given(start=_dates, length=st.integers(min_value=0, max_value=1200))
    def test_property_basis_days_match_definition(start, length):
        end = start + timedelta(length)
        assert period_basis_days(start, end) == _naive_basis_days(start, end)

    @hypothesis.given(
        start=_dates,
        length=st.integers(min_value=0, max_value=400),
        month_offset=st.integers(min_value=-2, max_value=16),
    )
    def test_property_month_basis_days_bounds(start, length, month_offset):
        end = start + timedelta(length)
        shifted = add_months(start, month_offset)
        result = month_basis_days(start, end, shifted.year, shifted.month)
        assert 0 <= result <= 30
        first, last = month_bounds(shifted.year, shifted.month)
        if start <= first and end >= last:
            assert result == 30

    @hypothesis.given(
        rate=st.decimals(min_value=0, max_value=100000, places=2),
        attendance=st.integers(min_value=0, max_value=30),
    )
    def test_property_subsidy_amount_close_to_exact(rate, attendance):
        amount = subsidy_amount(rate, attendance)
        exact = rate * attendance / 30
        assert abs(amount - exact) <= Decimal("0.005")
