import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer
from positions.models import Position
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db


def position_data(**overrides):
    data = {
        "title": "软件开发见习生",
        "openings": 3,
        "education": "bachelor",
        "major_requirement": "计算机类",
        "duties": "参与后端接口开发与测试。",
        "district": "siming",
        "address": "厦门市思明区观日路1号",
        "months_offered": 6,
        "contact_name": "陈老师",
        "contact_phone": "0592-1234567",
        "valid_until": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    return staff


class TestEmployerPages:
    def test_anonymous_is_sent_to_login(self, client):
        position = PositionFactory()
        for url in [reverse("positions:list"), reverse("positions:detail", args=[position.pk])]:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_another_employers_position_is_404(self, client, clerk):
        other = PositionFactory()
        for name in ["positions:detail", "positions:edit"]:
            assert client.get(reverse(name, args=[other.pk])).status_code == 404
        for name in ["positions:submit", "positions:close", "positions:reopen", "positions:withdraw"]:
            assert client.post(reverse(name, args=[other.pk])).status_code == 404

    def test_post_only_urls_refuse_get(self, client, clerk):
        position = PositionFactory(employer=clerk.employer)
        for name in ["positions:submit", "positions:close", "positions:reopen", "positions:withdraw"]:
            assert client.get(reverse(name, args=[position.pk])).status_code == 405

    def test_reviewer_is_sent_to_the_reviewer_site(self, client):
        client.force_login(ReviewerFactory())
        assert client.get(reverse("positions:list"))["Location"] == reverse("review:index")

    def test_clerk_declares_and_submits_a_position(self, client, clerk):
        response = client.post(reverse("positions:create"), position_data())
        position = Position.objects.get()
        assert response["Location"] == reverse("positions:detail", args=[position.pk])
        assert position.employer == clerk.employer and position.status == "draft"

        client.post(reverse("positions:submit", args=[position.pk]))

        position.refresh_from_db()
        assert position.status == "submitted"

    def test_bad_input_changes_nothing_and_says_why(self, client, clerk):
        response = client.post(
            reverse("positions:create"),
            position_data(months_offered=13, contact_phone="12345", valid_until="2020-01-01"),
        )
        errors = response.context["form"].errors
        assert set(errors) == {"months_offered", "contact_phone", "valid_until"}
        assert not Position.objects.exists()

    def test_a_pending_employer_is_told_why_it_cannot_submit(self, client):
        staff = StaffFactory(employer__status=Employer.Status.PENDING)
        client.force_login(staff.user)
        position = PositionFactory(employer=staff.employer)

        response = client.post(reverse("positions:submit", args=[position.pk]), follow=True)

        assert "尚未" in response.content.decode() or "not verified" in response.content.decode()
        position.refresh_from_db()
        assert position.status == "draft"

    def test_double_submit_makes_one_move(self, client, clerk):
        position = PositionFactory(employer=clerk.employer)
        client.post(reverse("positions:submit", args=[position.pk]))
        client.post(reverse("positions:submit", args=[position.pk]))
        assert position.history().filter(to_status="submitted").count() == 1

    def test_list_shows_the_return_reason(self, client, clerk):
        position = PositionFactory(employer=clerk.employer, submitted=True)
        position.transition_to("returned", by=ReviewerFactory(), note="请补充专业要求")
        response = client.get(reverse("positions:list"))
        assert "请补充专业要求" in response.content.decode()

    @pytest.mark.parametrize("size", [3, 30])
    def test_list_query_count_does_not_grow(self, client, clerk, django_assert_max_num_queries, size):
        for position in PositionFactory.create_batch(size, employer=clerk.employer, submitted=True):
            position.transition_to("returned", note="原因")
        with django_assert_max_num_queries(8):
            response = client.get(reverse("positions:list"))
        assert response.status_code == 200


class TestPublicSearch:
    def test_it_lists_only_published_positions_within_valid_until(self, client):
        today = timezone.localdate()
        shown = PositionFactory(published=True, title="护理见习")
        PositionFactory(published=True, title="过期岗位", valid_until=today - datetime.timedelta(days=1))
        PositionFactory(submitted=True, title="待审岗位")

        response = client.get(reverse("positions:search"))

        assert list(response.context["page"]) == [shown]

    def test_education_shows_positions_open_to_that_level(self, client):
        any_level = PositionFactory(published=True, education="any")
        bachelor = PositionFactory(published=True, education="bachelor")
        PositionFactory(published=True, education="master")

        response = client.get(reverse("positions:search"), {"education": "bachelor"})

        assert set(response.context["page"]) == {any_level, bachelor}

    def test_filters_by_keyword_district_education_and_kind(self, client):
        agency = EmployerFactory(kind=Employer.Kind.AGENCY, name="厦门市湖里区人社局")
        match = PositionFactory(
            published=True, employer=agency, district="huli", education="bachelor", title="政务服务助理"
        )
        PositionFactory(published=True, district="huli", education="bachelor", title="政务服务助理")
        PositionFactory(published=True, employer=agency, district="jimei", education="bachelor")

        response = client.get(
            reverse("positions:search"),
            {"q": "政务", "district": "huli", "education": "bachelor", "kind": "agency"},
        )

        assert list(response.context["page"]) == [match]

    def test_keyword_matches_the_employer_name(self, client):
        match = PositionFactory(published=True, employer=EmployerFactory(name="厦门鼓浪屿文旅集团"))
        PositionFactory(published=True)
        response = client.get(reverse("positions:search"), {"q": "鼓浪屿"})
        assert list(response.context["page"]) == [match]

    def test_it_paginates(self, client):
        PositionFactory.create_batch(25, published=True)
        first = client.get(reverse("positions:search"))
        second = client.get(reverse("positions:search"), {"page": 2})
        assert len(first.context["page"]) == 20 and len(second.context["page"]) == 5

    def test_detail_of_an_unpublished_position_is_404(self, client):
        assert client.get(reverse("positions:public_detail", args=[PositionFactory().pk])).status_code == 404
        published = PositionFactory(published=True)
        assert client.get(reverse("positions:public_detail", args=[published.pk])).status_code == 200

    @pytest.mark.parametrize("size", [3, 30])
    def test_search_query_count_does_not_grow(self, client, django_assert_max_num_queries, size):
        PositionFactory.create_batch(size, published=True)
        with django_assert_max_num_queries(3):
            client.get(reverse("positions:search"))

    def test_feed_returns_the_same_search_as_json(self, client):
        match = PositionFactory(published=True, district="jimei", title="新媒体运营")
        PositionFactory(published=True, district="huli")

        data = client.get(reverse("positions:feed"), {"district": "jimei"}).json()

        assert data["count"] == 1
        item = data["results"][0]
        assert item["id"] == match.pk and item["title"] == "新媒体运营"
        assert item["url"].endswith(reverse("positions:public_detail", args=[match.pk]))

    def test_feed_rejects_an_unknown_filter_value(self, client):
        response = client.get(reverse("positions:feed"), {"district": "beijing"})
        assert response.status_code == 400
        assert "district" in response.json()["errors"]


def test_a_clerk_cannot_publish_a_submitted_position_through_reopen(client, clerk):
    position = PositionFactory(employer=clerk.employer, submitted=True)
    client.post(reverse("positions:reopen", args=[position.pk]))
    position.refresh_from_db()
    assert position.status == Position.Status.SUBMITTED
    assert client.get(reverse("positions:public_detail", args=[position.pk])).status_code == 404


@pytest.mark.parametrize("phone", ["0592-５３９６５９１", "13٨12345678"])
def test_non_ascii_digits_are_refused_in_phone_numbers(client, clerk, phone):
    response = client.post(reverse("positions:create"), position_data(contact_phone=phone))
    assert "contact_phone" in response.context["form"].errors


def test_the_public_pages_show_the_openings_left(client):
    from tests.internships.factories import TraineeshipFactory

    position = PositionFactory(
        published=True, openings=3, valid_until=timezone.localdate() + datetime.timedelta(days=30)
    )
    TraineeshipFactory(position=position, employer=position.employer, active=True)
    page = client.get(reverse("positions:public_detail", args=[position.pk])).content.decode()
    assert "剩余2个" in page
    assert "剩余2个名额" in client.get(reverse("positions:search")).content.decode()
    item = client.get(reverse("positions:feed")).json()["results"][0]
    assert (item["openings"], item["openings_left"]) == (3, 2)
