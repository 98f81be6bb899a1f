import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.employers.factories import StaffFactory, png_bytes
from tests.trainees.factories import MaterialFactory, PersonFactory, id_number, with_all_materials
from trainees.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    return staff


def person_data(**overrides):
    data = {
        "name": "黄䶮",
        "id_number": " " + id_number(42).lower()[:-1] + id_number(42)[-1].lower() + " ",
        "mobile": "13912345678",
        "education": "bachelor",
        "school_name": "厦门大学",
        "major": "会计学",
        "certificate_number": "103841202605000123",
        "certificate_date": "2026-06-30",
        "basis": "xiamen_school",
        "bank_name": "中国建设银行厦门分行",
        "bank_account": "6217 0012 3456 7891 232",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_a_graduate_with_a_normalised_id(client, clerk):
    response = client.post(reverse("trainees:create"), person_data())

    person = Person.objects.get()
    assert response["Location"] == reverse("trainees:detail", args=[person.pk])
    assert person.id_number == id_number(42)
    assert person.bank_account == "6217001234567891232"
    assert person.registered_by == clerk.employer and person.status == "draft"


def test_full_width_digits_and_lowercase_x_are_one_person(client, clerk):
    existing = PersonFactory(id_number="11010519491231002X", approved=True)
    response = client.post(
        reverse("trainees:create"), person_data(id_number="１１０１０５１９４９１２３１００２x")
    )
    assert response.status_code == 200
    assert "人员库" in " ".join(response.context["form"].errors["id_number"])
    assert Person.objects.get() == existing


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("350203850101123", "18"), ("350203200203150429", "最后一位"), ("350203200202300421", "出生日期")],
)
def test_id_number_mistakes_are_explained(client, clerk, raw, fragment):
    response = client.post(reverse("trainees:create"), person_data(id_number=raw))
    errors = " ".join(response.context["form"].errors["id_number"])
    assert fragment in errors, errors
    assert not Person.objects.exists()


def test_the_list_masks_id_and_detail_shows_it_to_the_owner(client, clerk):
    person = PersonFactory(registered_by=clerk.employer, id_number=id_number(12))
    listing = client.get(reverse("trainees:list")).content.decode()
    assert person.id_number not in listing and person.masked_id_number in listing
    assert person.bank_account not in listing
    detail = client.get(reverse("trainees:detail", args=[person.pk])).content.decode()
    assert person.id_number in detail and person.bank_account in detail


def test_another_employer_gets_404_for_the_person_and_the_scan(client, clerk):
    material = MaterialFactory()
    person = material.person
    for url in [
        reverse("trainees:detail", args=[person.pk]),
        reverse("trainees:edit", args=[person.pk]),
        reverse("trainees:material_file", args=[person.pk, material.pk]),
    ]:
        assert client.get(url).status_code == 404
    for name in ["trainees:submit", "trainees:withdraw", "trainees:material_upload"]:
        assert client.post(reverse(name, args=[person.pk])).status_code == 404


def test_a_scan_of_one_person_cannot_be_fetched_through_another(client, clerk):
    mine = PersonFactory(registered_by=clerk.employer)
    theirs = MaterialFactory()
    url = reverse("trainees:material_file", args=[mine.pk, theirs.pk])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client):
    person = PersonFactory()
    response = client.get(reverse("trainees:detail", args=[person.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_post_only_urls_refuse_get(client, clerk):
    person = PersonFactory(registered_by=clerk.employer)
    for name in ["trainees:submit", "trainees:withdraw", "trainees:material_upload"]:
        assert client.get(reverse(name, args=[person.pk])).status_code == 405


def test_upload_then_submit(client, clerk):
    person = PersonFactory(registered_by=clerk.employer)
    scan = SimpleUploadedFile("毕业证.png", png_bytes(), content_type="image/png")

    client.post(
        reverse("trainees:material_upload", args=[person.pk]),
        {"kind": "graduation_certificate", "file": scan},
    )
    client.post(reverse("trainees:submit", args=[person.pk]))

    person.refresh_from_db()
    assert person.status == "submitted"
    served = client.get(reverse("trainees:material_file", args=[person.pk, person.materials.get().pk]))
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Type"] == "image/png"


def test_a_renamed_html_upload_is_refused_with_a_message(client, clerk):
    person = PersonFactory(registered_by=clerk.employer)
    fake = SimpleUploadedFile("scan.pdf", b"<html>nope</html>", content_type="application/pdf")
    response = client.post(
        reverse("trainees:material_upload", args=[person.pk]),
        {"kind": "graduation_certificate", "file": fake},
        follow=True,
    )
    assert not person.materials.exists()
    assert "PDF" in " ".join(str(m) for m in response.context["messages"])


def test_submit_names_missing_materials(client, clerk):
    person = PersonFactory(registered_by=clerk.employer, origin=True)
    response = client.post(reverse("trainees:submit", args=[person.pk]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "户口本" in text
    person.refresh_from_db()
    assert person.status == "draft"


def test_find_by_exact_id_and_name_grants_use_but_not_the_scans(client, clerk):
    material = MaterialFactory(person=PersonFactory(approved=True, name="林𠮷", id_number=id_number(77)))
    person = material.person

    miss = client.post(reverse("trainees:find"), {"id_number": id_number(77), "name": "林吉"})
    assert miss.status_code == 200 and miss.context["form"].non_field_errors()
    assert client.get(reverse("trainees:detail", args=[person.pk])).status_code == 404

    hit = client.post(reverse("trainees:find"), {"id_number": id_number(77).lower(), "name": " 林𠮷 "})
    assert hit["Location"] == reverse("trainees:detail", args=[person.pk])
    page = client.get(reverse("trainees:detail", args=[person.pk])).content.decode()
    assert person.bank_account not in page
    assert client.get(reverse("trainees:material_file", args=[person.pk, material.pk])).status_code == 404


def test_the_eligibility_panel_shows_passed_and_failed_rules(client, clerk):
    person = PersonFactory(registered_by=clerk.employer, school_name="福州大学")
    page = client.get(reverse("trainees:detail", args=[person.pk]))
    html = page.content.decode()
    assert "rule-origin_or_xiamen_school_required rule-failed" in html
    assert "rule-graduated_too_long_ago rule-passed" in html

    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    dated = client.get(
        reverse("trainees:detail", args=[person.pk]),
        {"start": tomorrow.isoformat(), "end": (tomorrow - datetime.timedelta(days=2)).isoformat()},
    ).content.decode()
    assert "rule-end_before_start rule-failed" in dated


@pytest.mark.parametrize("size", [3, 30])
def test_list_query_count_does_not_grow(client, clerk, django_assert_max_num_queries, size):
    for person in PersonFactory.create_batch(size, registered_by=clerk.employer, submitted=True):
        person.transition_to("returned", note="材料不清晰")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("trainees:list")).status_code == 200


def test_an_approved_person_cannot_be_edited(client, clerk):
    person = PersonFactory(registered_by=clerk.employer, approved=True)
    response = client.post(reverse("trainees:edit", args=[person.pk]), person_data(name="改名"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name != "改名"


def test_with_all_materials_helper_covers_origin(client, clerk):
    person = with_all_materials(PersonFactory(registered_by=clerk.employer, origin=True))
    client.post(reverse("trainees:submit", args=[person.pk]))
    person.refresh_from_db()
    assert person.status == "submitted"
