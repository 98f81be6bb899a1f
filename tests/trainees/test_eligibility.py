"""The eligibility panel names every failing rule with the figure that decides it."""

import datetime

import pytest

from employers.models import Employer
from jiexi.rules import Ineligible
from tests.employers.factories import EmployerFactory
from tests.trainees.factories import PersonFactory, id_number
from trainees.eligibility import explain
from trainees.models import InsuranceRecord

pytestmark = pytest.mark.django_db
FILED = datetime.date(2027, 3, 10)


def verdicts(checks):
    return {check.rule: check.passed for check in checks}


def by_rule(checks, rule):
    return next(check for check in checks if check.rule == rule)


def test_an_eligible_graduate_passes_every_rule_that_does_not_need_dates():
    person = PersonFactory(certificate_date=datetime.date(2026, 7, 1), school_name="厦门理工学院")
    checks = explain(person, employer=EmployerFactory(), filed_on=FILED)
    assert verdicts(checks) == {
        Ineligible.GRADUATED_TOO_LONG_AGO: True,
        Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED: True,
        Ineligible.INSURED_BEFORE: True,
        Ineligible.CAP_EXCEEDED: True,
        Ineligible.START_TOO_EARLY: None,
        Ineligible.OVERLAPS_EXISTING: None,
        Ineligible.END_BEFORE_START: None,
    }


def test_it_names_the_last_filing_day_when_the_certificate_is_too_old():
    person = PersonFactory(certificate_date=datetime.date(2025, 3, 9))
    check = by_rule(
        explain(person, employer=EmployerFactory(), filed_on=FILED), Ineligible.GRADUATED_TOO_LONG_AGO
    )
    assert check.passed is False
    assert "2027-03-09" in check.detail and "2025-03-09" in check.detail


def test_the_last_filing_day_itself_passes():
    person = PersonFactory(certificate_date=datetime.date(2025, 3, 10))
    assert by_rule(
        explain(person, employer=EmployerFactory(), filed_on=FILED), Ineligible.GRADUATED_TOO_LONG_AGO
    ).passed


def test_public_sector_employers_need_xiamen_origin():
    person = PersonFactory(school_name="厦门大学")  # Xiamen school, not Xiamen origin
    agency = EmployerFactory(kind=Employer.Kind.AGENCY)
    checks = explain(person, employer=agency, filed_on=FILED)
    assert by_rule(checks, Ineligible.ORIGIN_REQUIRED).passed is False
    assert Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED not in verdicts(checks)

    origin = PersonFactory(origin=True, school_name="福州大学")
    assert by_rule(explain(origin, employer=agency, filed_on=FILED), Ineligible.ORIGIN_REQUIRED).passed


def test_other_employers_need_origin_or_a_xiamen_school():
    outsider = PersonFactory(school_name="福州大学")
    check = by_rule(
        explain(outsider, employer=EmployerFactory(), filed_on=FILED),
        Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED,
    )
    assert check.passed is False and "福州大学" in check.detail


def test_insurance_paid_before_the_filing_day_fails_and_names_the_month():
    person = PersonFactory(id_number=id_number(9))
    InsuranceRecord.objects.create(
        id_number=id_number(9), employer_name="某公司", first_month=datetime.date(2026, 11, 1)
    )
    check = by_rule(explain(person, employer=EmployerFactory(), filed_on=FILED), Ineligible.INSURED_BEFORE)
    assert check.passed is False and "2026-11" in check.detail


def test_dates_are_checked_once_given():
    person = PersonFactory()
    checks = explain(
        person, employer=EmployerFactory(), filed_on=FILED, start=FILED, end=datetime.date(2027, 3, 1)
    )
    assert by_rule(checks, Ineligible.START_TOO_EARLY).passed is False
    assert "2027-03-11" in by_rule(checks, Ineligible.START_TOO_EARLY).detail
    assert by_rule(checks, Ineligible.END_BEFORE_START).passed is False


def test_a_long_period_exceeds_the_cap_and_counts_its_days():
    person = PersonFactory()
    checks = explain(
        person,
        employer=EmployerFactory(),
        filed_on=FILED,
        start=datetime.date(2027, 3, 11),
        end=datetime.date(2028, 3, 11),
    )
    cap = by_rule(checks, Ineligible.CAP_EXCEEDED)
    assert cap.passed is False and "361" in cap.detail
