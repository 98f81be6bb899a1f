import pytest
from django.urls import reverse

from tests.employers.factories import ReviewerFactory, StaffFactory
from tests.trainees.factories import MaterialFactory, PersonFactory
from trainees.models import Person

pytestmark = pytest.mark.django_db


def test_reviewer_sees_the_materials_inline_and_approves(client):
    material = MaterialFactory(person=PersonFactory(submitted=True))
    person = material.person
    client.force_login(ReviewerFactory())

    page = client.get(reverse("review:trainees_person_change", args=[person.pk])).content.decode()
    scan_url = reverse("review:trainees_person_material", args=[person.pk, material.pk])
    assert scan_url in page and person.id_number in page
    scan = client.get(scan_url)
    assert scan.status_code == 200 and scan["X-Content-Type-Options"] == "nosniff"

    client.post(reverse("review:trainees_person_approve", args=[person.pk]))
    person.refresh_from_db()
    assert person.status == Person.Status.APPROVED


def test_the_reviewer_sees_that_a_graduate_is_out_of_time_and_is_asked_before_approving(client):
    import datetime

    late = PersonFactory(submitted=True, certificate_date=datetime.date(2022, 7, 6))
    in_time = PersonFactory(submitted=True)
    client.force_login(ReviewerFactory())

    def page(person):
        return client.get(reverse("review:trainees_person_change", args=[person.pk])).content.decode()

    assert '<div class="check-false">✗ 毕业证书签发未满两年' in page(late)
    assert "有见习资格条件未满足" in page(late)  # the approval's question
    assert "check-false" not in page(in_time) and "有见习资格条件未满足" not in page(in_time)
    assert "将立即通知单位，且不可撤销" in page(in_time)


def test_the_queue_masks_id_numbers_and_searches_by_the_exact_number(client):
    person = PersonFactory(submitted=True)
    PersonFactory(submitted=True)
    client.force_login(ReviewerFactory())

    html = client.get(reverse("review:trainees_person_changelist")).content.decode()
    assert person.id_number not in html

    found = client.get(reverse("review:trainees_person_changelist"), {"q": person.id_number})
    assert list(found.context["cl"].result_list) == [person]


def test_employers_cannot_reach_the_reviewer_scans(client):
    material = MaterialFactory()
    staff = StaffFactory(employer=material.person.registered_by)
    client.force_login(staff.user)
    response = client.get(reverse("review:trainees_person_material", args=[material.person_id, material.pk]))
    assert response.status_code == 302
