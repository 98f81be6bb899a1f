import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tests.employers.factories import EmployerFactory, ReviewerFactory, png_bytes
from tests.trainees.factories import MaterialFactory, PersonFactory, id_number, with_all_materials
from trainees import services
from trainees.models import InsuranceRecord, MaterialKind, Person, PersonAccess

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 3, 10)


def test_birth_date_sex_and_school_come_from_the_data():
    person = PersonFactory(id_number=id_number(22, birth="20000229"), school_name="集美大学")
    assert person.birth_date == datetime.date(2000, 2, 29)
    assert person.sex == "F"  # the 17th digit, 2, is even
    assert person.school_in_xiamen
    other = PersonFactory(school_name="福州大学")
    assert other.school is None and not other.school_in_xiamen


def test_xiamen_origin_needs_three_materials_and_submit_names_the_missing_ones():
    person = PersonFactory(origin=True)
    MaterialFactory(person=person, kind=MaterialKind.GRADUATION_CERTIFICATE)

    with pytest.raises(ValidationError) as error:
        services.submit_person(person=person, by=None)

    message = " ".join(error.value.messages)
    assert "户口本" in message and "入学前" in message and "毕业证书" not in message
    person.refresh_from_db()
    assert person.status == Person.Status.DRAFT


def test_a_xiamen_school_graduate_needs_only_the_certificate():
    person = with_all_materials(PersonFactory())
    services.submit_person(person=person, by=None)
    assert person.status == Person.Status.SUBMITTED


def test_a_pending_employer_cannot_submit_a_person():
    person = with_all_materials(PersonFactory(registered_by=EmployerFactory(pending=True)))
    with pytest.raises(ValidationError):
        services.submit_person(person=person, by=None)


def test_a_submitted_id_number_cannot_be_registered_again():
    PersonFactory(id_number=id_number(5), submitted=True)
    with pytest.raises(ValidationError):
        services.create_person(
            person=PersonFactory.build(id_number=id_number(5), registered_by=EmployerFactory()), by=None
        )


def test_another_employers_draft_blocks_nobody_but_only_one_can_be_submitted():
    squatter = PersonFactory(id_number=id_number(6), registered_by=EmployerFactory(pending=True), name="假名")
    real = services.create_person(
        person=PersonFactory.build(id_number=id_number(6), registered_by=EmployerFactory(), name="陈真"),
        by=None,
    )
    with_all_materials(real)
    services.submit_person(person=real, by=None)

    with_all_materials(squatter)
    squatter.registered_by.status = "verified"
    squatter.registered_by.save()
    with pytest.raises(ValidationError):
        services.submit_person(person=squatter, by=None)
    assert Person.objects.get(status="submitted") == real


def test_the_same_employer_cannot_register_an_id_number_twice():
    first = PersonFactory(id_number=id_number(4))
    with pytest.raises(ValidationError):
        services.create_person(
            person=PersonFactory.build(id_number=id_number(4), registered_by=first.registered_by), by=None
        )


def test_a_pending_employer_cannot_look_in_the_pool():
    PersonFactory(approved=True, name="林𠮷", id_number=id_number(7))
    with pytest.raises(ValidationError):
        services.find_in_pool(
            employer=EmployerFactory(pending=True), by=None, id_number=id_number(7), name="林𠮷", today=TODAY
        )


def test_failed_look_ups_are_limited_per_day():
    employer = EmployerFactory()
    for n in range(services.MAX_MISSED_LOOKUPS_PER_DAY):
        assert (
            services.find_in_pool(
                employer=employer, by=None, id_number=id_number(n), name="无此人", today=TODAY
            )
            is None
        )
    with pytest.raises(ValidationError):
        services.find_in_pool(employer=employer, by=None, id_number=id_number(99), name="无此人", today=TODAY)
    assert (
        services.find_in_pool(
            employer=employer,
            by=None,
            id_number=id_number(99),
            name="无此人",
            today=TODAY + datetime.timedelta(days=1),
        )
        is None
    )


def test_a_new_upload_replaces_the_old_scan_of_that_kind():
    person = PersonFactory()
    first = MaterialFactory(person=person)
    old_name = first.file.name

    services.upload_material(
        person=person,
        kind=MaterialKind.GRADUATION_CERTIFICATE,
        file=ContentFile(png_bytes(), "new.png"),
        by=None,
    )

    assert person.materials.count() == 1
    assert person.materials.get().file.name != old_name


def test_materials_are_locked_under_review():
    person = PersonFactory(submitted=True)
    with pytest.raises(ValidationError):
        services.upload_material(person=person, kind=MaterialKind.GRADUATION_CERTIFICATE, file=None, by=None)


def test_find_in_pool_needs_the_exact_id_and_name_of_an_approved_person():
    person = PersonFactory(approved=True, name="林𠮷", id_number=id_number(7))
    PersonFactory(submitted=True, name="王五", id_number=id_number(8))
    employer = EmployerFactory()

    assert (
        services.find_in_pool(employer=employer, by=None, id_number=id_number(7), name="林吉", today=TODAY)
        is None
    )
    assert (
        services.find_in_pool(employer=employer, by=None, id_number=id_number(8), name="王五", today=TODAY)
        is None
    )
    assert not PersonAccess.objects.exists()

    assert (
        services.find_in_pool(employer=employer, by=None, id_number=id_number(7), name="林𠮷", today=TODAY)
        == person
    )
    assert list(Person.objects.visible_to(employer)) == [person]


def test_review_approves_into_the_pool_or_returns_with_a_reason():
    reviewer = ReviewerFactory()
    person = PersonFactory(submitted=True)
    with pytest.raises(ValidationError):
        services.return_person(person=person, by=reviewer, reason="")
    services.return_person(person=person, by=reviewer, reason="毕业证书照片不清晰")
    assert Person.objects.with_return_note().get().return_note == "毕业证书照片不清晰"

    other = PersonFactory(submitted=True)
    services.approve_person(person=other, by=reviewer)
    assert list(Person.objects.in_pool()) == [other]


def test_saving_insurance_records_twice_adds_them_once():
    rows = [
        {"id_number": id_number(1), "employer_name": "厦门某公司", "first_month": datetime.date(2026, 3, 1)}
    ]
    assert services.save_insurance_records(rows=rows, by=None) == 1
    assert services.save_insurance_records(rows=rows, by=None) == 0
    assert InsuranceRecord.objects.count() == 1


def test_first_insured_on_is_the_earliest_record():
    person = PersonFactory(id_number=id_number(3))
    for month in (5, 2):
        InsuranceRecord.objects.create(
            id_number=id_number(3), employer_name=f"单位{month}", first_month=datetime.date(2026, month, 1)
        )
    assert person.first_insured_on == datetime.date(2026, 2, 1)
