import datetime

import pytest
from django.urls import reverse

from employers.models import Employer
from positions.models import Position
from reviews.roles import AUDITOR, SUPERVISOR
from subsidies.models import SubsidyBatch
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory
from tests.internships.factories import TraineeshipFactory
from tests.positions.factories import PositionFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"review:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def action_url(obj, action):
    return reverse(f"review:{obj._meta.app_label}_{obj._meta.model_name}_{action}", args=[obj.pk])


class TestWhoGetsIn:
    def test_anonymous_is_sent_to_the_login(self, client):
        response = client.get(reverse("review:index"))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_employer_staff_never_get_in_even_flagged_as_staff(self, client):
        staff = StaffFactory(user__is_staff=True)
        client.force_login(staff.user)
        assert client.get(reverse("review:index")).status_code == 302
        assert client.get(reverse("review:employers_employer_changelist")).status_code == 302

    @pytest.mark.parametrize("role", ["reviewer", SUPERVISOR, AUDITOR])
    def test_reviewer_roles_see_the_queues(self, client, role):
        client.force_login(ReviewerFactory(role=role))
        assert client.get(reverse("review:index")).status_code == 200
        assert client.get(reverse("review:positions_position_changelist")).status_code == 200

    def test_a_staff_user_without_a_role_is_refused(self, client):
        from tests.employers.factories import UserFactory

        client.force_login(UserFactory(is_staff=True))
        assert client.get(reverse("review:index")).status_code == 302


class TestDecisions:
    def test_reviewer_verifies_an_employer(self, client):
        employer = EmployerFactory(pending=True)
        reviewer = ReviewerFactory()
        client.force_login(reviewer)

        page = client.get(change_url(employer))
        assert page.status_code == 200 and "review-decision" in page.content.decode()
        client.post(action_url(employer, "approve"))

        employer.refresh_from_db()
        assert employer.status == Employer.Status.VERIFIED
        assert employer.history().last().by == reviewer

    def test_return_requires_a_reason_and_the_employer_sees_it(self, client):
        staff = StaffFactory(employer__status=Employer.Status.PENDING)
        client.force_login(ReviewerFactory())

        response = client.post(action_url(staff.employer, "return"), {"reason": ""})
        assert response.status_code == 200  # the form again, with its error
        staff.employer.refresh_from_db()
        assert staff.employer.status == Employer.Status.PENDING

        client.post(action_url(staff.employer, "return"), {"reason": "营业执照与单位名称不一致"})
        staff.employer.refresh_from_db()
        assert staff.employer.status == Employer.Status.RETURNED

        client.force_login(staff.user)
        assert "营业执照与单位名称不一致" in client.get(reverse("employers:profile")).content.decode()

    def test_approve_refuses_get(self, client):
        client.force_login(ReviewerFactory())
        assert client.get(action_url(EmployerFactory(pending=True), "approve")).status_code == 405

    def test_an_auditor_cannot_decide_even_by_a_forged_post(self, client):
        position = PositionFactory(submitted=True)
        client.force_login(ReviewerFactory(role=AUDITOR))

        assert "review-decision" not in client.get(change_url(position)).content.decode()
        assert client.post(action_url(position, "approve")).status_code == 403
        assert client.post(action_url(position, "return"), {"reason": "x"}).status_code == 403
        response = client.post(
            reverse("review:positions_position_changelist"),
            {"action": "approve_selected", "_selected_action": [position.pk]},
        )
        position.refresh_from_db()
        assert position.status == Position.Status.SUBMITTED
        assert response.status_code in (200, 302)

    def test_bulk_approve_publishes_the_selected_positions(self, client):
        positions = PositionFactory.create_batch(3, submitted=True)
        client.force_login(ReviewerFactory())

        client.post(
            reverse("review:positions_position_changelist"),
            {"action": "approve_selected", "_selected_action": [p.pk for p in positions[:2]]},
        )

        statuses = sorted(Position.objects.values_list("status", flat=True))
        assert statuses == ["published", "published", "submitted"]

    @pytest.mark.parametrize(
        "factory",
        [
            lambda: EmployerFactory(pending=True),
            lambda: TraineeshipFactory(submitted=True),
            lambda: SubsidyBatch.objects.create(
                employer=EmployerFactory(),
                month=datetime.date(2027, 3, 1),
                status=SubsidyBatch.Status.SUBMITTED,
            ),
        ],
        ids=["employer", "traineeship", "subsidy batch"],
    )
    def test_items_with_documents_to_read_cannot_be_approved_in_bulk(self, client, factory):
        item = factory()
        client.force_login(ReviewerFactory())
        queue = reverse(f"review:{item._meta.app_label}_{item._meta.model_name}_changelist")

        assert 'value="approve_selected"' not in client.get(queue).content.decode()
        client.post(queue, {"action": "approve_selected", "_selected_action": [item.pk]})  # forged
        status = item.status
        item.refresh_from_db()
        assert item.status == status

    def test_bulk_return_asks_for_a_reason_first(self, client):
        positions = PositionFactory.create_batch(2, submitted=True)
        client.force_login(ReviewerFactory())
        url = reverse("review:positions_position_changelist")
        selected = [p.pk for p in positions]

        page = client.post(url, {"action": "return_selected", "_selected_action": selected})
        assert page.status_code == 200
        assert not Position.objects.filter(status="returned").exists()

        client.post(url, {"action": "return_selected", "_selected_action": selected, "reason": "有效期过短"})
        assert Position.objects.filter(status="returned").count() == 2

    def test_the_change_page_shows_the_history(self, client):
        position = PositionFactory(submitted=True)
        position.transition_to(Position.Status.RETURNED, note="请写明工作地点")
        client.force_login(ReviewerFactory())
        assert "请写明工作地点" in client.get(change_url(position)).content.decode()

    def test_a_decision_on_an_already_decided_item_is_refused_with_a_message(self, client):
        position = PositionFactory(published=True)
        client.force_login(ReviewerFactory())
        response = client.post(action_url(position, "approve"), follow=True)
        assert response.status_code == 200
        assert list(response.context["messages"])
        assert position.history().count() == 0

    def test_reviewer_opens_the_licence_scan(self, client):
        employer = EmployerFactory(pending=True)
        client.force_login(ReviewerFactory())
        response = client.get(reverse("review:employers_employer_scan", args=[employer.pk]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize("size", [3, 30])
    def test_queue_query_count_does_not_grow(self, client, django_assert_max_num_queries, size):
        PositionFactory.create_batch(size, submitted=True)
        client.force_login(ReviewerFactory())
        with django_assert_max_num_queries(12):
            client.get(reverse("review:positions_position_changelist"))

    @pytest.mark.parametrize("size", [1, 10])
    def test_employer_page_query_count_does_not_grow_with_staff(
        self, client, django_assert_max_num_queries, size
    ):
        employer = EmployerFactory(pending=True)
        StaffFactory.create_batch(size, employer=employer)
        client.force_login(ReviewerFactory())
        with django_assert_max_num_queries(12):
            assert client.get(change_url(employer)).status_code == 200


def test_approving_a_closed_position_by_forged_post_or_bulk_action_changes_nothing(client):
    closed = PositionFactory(closed=True)
    submitted = PositionFactory(submitted=True)
    client.force_login(ReviewerFactory())

    client.post(action_url(closed, "approve"))
    client.post(
        reverse("review:positions_position_changelist"),
        {"action": "approve_selected", "_selected_action": [closed.pk, submitted.pk]},
    )

    closed.refresh_from_db()
    submitted.refresh_from_db()
    assert closed.status == Position.Status.CLOSED
    assert submitted.status == Position.Status.PUBLISHED


def test_a_verified_employer_cannot_be_returned(client):
    employer = EmployerFactory()
    client.force_login(ReviewerFactory())
    client.post(action_url(employer, "return"), {"reason": "撤销"})
    employer.refresh_from_db()
    assert employer.status == Employer.Status.VERIFIED


def test_the_queue_opens_on_items_awaiting_review_and_hides_drafts(client):
    waiting = PositionFactory(submitted=True)
    published = PositionFactory(published=True)
    PositionFactory()  # a draft is the employer's own business
    client.force_login(ReviewerFactory())
    url = reverse("review:positions_position_changelist")

    assert list(client.get(url).context["cl"].result_list) == [waiting]
    everything = set(client.get(url, {"status": "all"}).context["cl"].result_list)
    assert everything == {waiting, published}


def test_history_notes_are_shown_in_the_readers_language(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    client.post(reverse("set_language"), {"language": "en"})
    client.post(
        reverse("positions:create"),
        {
            "title": "x",
            "openings": 1,
            "education": "any",
            "major_requirement": "不限",
            "duties": "x",
            "district": "huli",
            "address": "x",
            "months_offered": 3,
            "contact_name": "x",
            "contact_phone": "13900001111",
            "valid_until": "2027-06-30",
        },
    )
    position = Position.objects.get()
    assert "Draft created" in client.get(reverse("positions:detail", args=[position.pk])).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans"})
    assert "创建草稿" in client.get(reverse("positions:detail", args=[position.pk])).content.decode()


def test_return_with_a_common_reason_and_free_text(client):
    position = PositionFactory(submitted=True)
    client.force_login(ReviewerFactory())
    client.post(action_url(position, "return"), {"common": ["missing"], "reason": "缺少营业执照副本"})
    position.refresh_from_db()
    assert position.status == Position.Status.RETURNED
    assert "缺少" in position.return_note and "缺少营业执照副本" in position.return_note


def test_the_queue_filters_by_submission_date(client):
    import datetime

    from django.utils import timezone

    old = PositionFactory()
    old.transition_to(Position.Status.SUBMITTED)
    Position.objects.filter(pk=old.pk).update(status_changed_at=timezone.now() - datetime.timedelta(days=40))
    recent = PositionFactory()
    recent.transition_to(Position.Status.SUBMITTED)
    client.force_login(ReviewerFactory())
    since = str(timezone.localtime() - datetime.timedelta(days=7))  # as the filter's own links write it
    response = client.get(reverse("review:positions_position_changelist"), {"status_changed_at__gte": since})
    assert list(response.context["cl"].result_list) == [recent]
