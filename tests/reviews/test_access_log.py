import pytest
from django.urls import reverse

from reviews.models import AccessLog
from reviews.roles import REVIEWER, SUPERVISOR
from tests.employers.factories import ReviewerFactory
from tests.trainees.factories import MaterialFactory

pytestmark = pytest.mark.django_db


def test_opening_a_graduate_and_a_scan_is_logged_with_who_and_what(client):
    material = MaterialFactory(person__status="submitted")
    reviewer = ReviewerFactory(role=REVIEWER)
    client.force_login(reviewer)

    client.get(reverse("review:trainees_person_change", args=[material.person_id]))
    client.get(reverse("review:trainees_person_material", args=[material.person_id, material.pk]))

    entries = list(AccessLog.objects.order_by("at", "id").values_list("user", "kind"))
    assert entries == [(reviewer.pk, "id_number"), (reviewer.pk, "document")]
    assert material.person.name in AccessLog.objects.last().what


def test_only_supervisors_read_the_log(client):
    client.force_login(ReviewerFactory(role=REVIEWER))
    assert client.get(reverse("review:reviews_accesslog_changelist")).status_code == 403
    client.force_login(ReviewerFactory(role=SUPERVISOR))
    assert client.get(reverse("review:reviews_accesslog_changelist")).status_code == 200


def test_an_entry_reads_in_beijing_time_with_its_time_on_the_page(client):
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2027, 3, 1, 1, 30, tzinfo=datetime.UTC), tick=False):
        entry = AccessLog.objects.create(
            user=ReviewerFactory(), kind="document", what="补贴批次 · 1", path="/"
        )
    assert str(entry).startswith("2027-03-01 09:30")
    client.force_login(ReviewerFactory(role=SUPERVISOR))
    page = client.get(reverse("review:reviews_accesslog_change", args=[entry.pk])).content.decode()
    assert "09:30" in page and "补贴批次 · 1" in page
