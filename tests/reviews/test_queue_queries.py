"""Every queue, its filters and its search answer with the same number of queries for a few
waiting items as for many: nothing is fetched once per row."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer
from internships.models import Extension, Traineeship
from positions.models import Position
from subsidies.models import BatchLine, SubsidyBatch
from tests.employers.factories import EmployerFactory, ReviewerFactory
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory, with_all_materials
from trainees.models import Person

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def waiting_batch():
    traineeship = TraineeshipFactory(active=True)
    batch = SubsidyBatch.objects.create(
        employer=traineeship.employer, month=datetime.date(2027, 3, 1), status=SubsidyBatch.Status.SUBMITTED
    )
    BatchLine.objects.create(
        batch=batch,
        traineeship=traineeship,
        month=batch.month,
        max_days=22,
        attendance_days=22,
        monthly_rate=Decimal("2000.00"),
        amount=Decimal("2000.00"),
        bank_name="中国银行厦门分行",
        bank_account="6216600000000000001",
    )
    return batch


QUEUES = {
    "employers_employer": lambda: EmployerFactory(pending=True),
    "positions_position": lambda: PositionFactory(submitted=True),
    "trainees_person": lambda: with_all_materials(PersonFactory(submitted=True)),
    "internships_traineeship": lambda: TraineeshipFactory(submitted=True),
    "internships_extension": lambda: ExtensionFactory(status=Extension.Status.SUBMITTED),
    "subsidies_subsidybatch": waiting_batch,
}

# The filters and searches a reviewer uses, on top of the queue's default view.
VIEWS = {
    "default": {},
    "page 2": {"p": "2"},
    "all statuses": {"status__exact": "all"},
    # As the filter's own links write it: an aware local time.
    "submitted this month": {
        "status_changed_at__gte": str(timezone.localtime().replace(day=1, hour=0, minute=0))
    },
    "search by name": {"q": "厦门"},
}


def queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return len(captured)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("queue", QUEUES)
def test_the_queue_query_count_does_not_grow_with_waiting_items(client, queue, view):
    client.force_login(ReviewerFactory())
    url = reverse(f"review:{queue}_changelist")
    make = QUEUES[queue]
    for _ in range(SMALL):
        make()
    few = queries(client, url, VIEWS[view])
    for _ in range(LARGE - SMALL):
        make()
    many = queries(client, url, VIEWS[view])
    assert many == few, f"{queue} {view}: {few} queries for {SMALL} items, {many} for {LARGE}"


def test_the_queues_show_what_they_were_filled_with(client):
    """The counts above are of pages that list the items, not of empty or refused pages."""
    client.force_login(ReviewerFactory())
    for queue, make in QUEUES.items():
        make()
        response = client.get(reverse(f"review:{queue}_changelist"))
        assert response.context["cl"].result_count == 1, queue
    assert Employer.objects.filter(status=Employer.Status.PENDING).count() == 1
    assert Position.objects.filter(status=Position.Status.SUBMITTED).exists()
    assert Person.objects.filter(status=Person.Status.SUBMITTED).exists()
    assert Traineeship.objects.filter(status=Traineeship.Status.SUBMITTED).exists()


class TestSearch:
    """A reviewer types an ID number (x in either case), a credit code, the start of a
    graduate's name or part of an employer's name; each finds its items and nothing else."""

    @pytest.fixture
    def items(self):
        wanted = TraineeshipFactory(
            submitted=True, person__name="欧阳明", employer__name="厦门海沧港务有限公司"
        )
        other = TraineeshipFactory(submitted=True, person__name="林明", employer__name="厦门同安食品有限公司")
        return wanted, other

    @pytest.mark.parametrize(
        "term",
        [
            lambda t: t.person.id_number.lower(),
            lambda t: f" {t.person.id_number} ",
            lambda t: t.employer.credit_code,
            lambda t: "欧阳",
            lambda t: "海沧港务",
        ],
        ids=[
            "id number, lower-case x",
            "id number with spaces",
            "credit code",
            "name start",
            "employer name",
        ],
    )
    @pytest.mark.parametrize("queue", ["internships_traineeship", "internships_extension", "trainees_person"])
    def test_each_kind_of_term_finds_its_items(self, client, items, queue, term):
        wanted, other = items
        for traineeship in items:
            ExtensionFactory(traineeship=traineeship, status=Extension.Status.SUBMITTED)
            with_all_materials(traineeship.person)
            Person.objects.filter(pk=traineeship.person.pk).update(status=Person.Status.SUBMITTED)
        client.force_login(ReviewerFactory())
        response = client.get(reverse(f"review:{queue}_changelist"), {"q": term(wanted), "status": "all"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "欧阳明" in page and "林明" not in page

    def test_a_name_matches_from_its_start_only(self, client, items):
        client.force_login(ReviewerFactory())
        page = client.get(reverse("review:internships_traineeship_changelist"), {"q": "明"}).content.decode()
        assert "欧阳明" not in page and "林明" not in page


class TestCappedCount:
    """A queue never counts past its cap: with every status shown it says "more than N"."""

    @pytest.fixture
    def cap(self, monkeypatch):
        from reviews.pagination import CappedPaginator

        monkeypatch.setattr(CappedPaginator, "cap", 3)
        monkeypatch.setattr("positions.admin.PositionAdmin.list_per_page", 2)
        return 3

    def test_past_the_cap_the_queue_says_more_than(self, client, cap):
        PositionFactory.create_batch(5, submitted=True)
        client.force_login(ReviewerFactory())
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("review:positions_position_changelist")).content.decode()
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        assert counts and all("LIMIT 4" in sql for sql in counts)
        assert "超过 3" in page
        assert "选中所有" not in page  # no "select all N" across pages past the cap

    def test_within_the_cap_it_gives_the_number(self, client, cap):
        PositionFactory.create_batch(3, submitted=True)
        client.force_login(ReviewerFactory())
        page = client.get(reverse("review:positions_position_changelist")).content.decode()
        assert "超过" not in page and "3 岗位" in page


def test_a_search_looks_across_every_state_unless_one_is_chosen(client):
    approved = PersonFactory(approved=True, name="李俊杰")
    client.force_login(ReviewerFactory())
    queue = reverse("review:trainees_person_changelist")

    found = client.get(queue, {"q": "李俊"})
    assert list(found.context["cl"].result_list) == [approved]
    assert "在全部状态中查找" in found.content.decode()
    assert not client.get(queue, {"q": "李俊", "status": "submitted"}).context["cl"].result_list
    assert approved not in client.get(queue).context["cl"].result_list  # the queue: awaiting review
