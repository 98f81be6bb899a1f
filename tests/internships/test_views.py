import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from internships.models import Extension, Traineeship
from tests.employers.factories import ReviewerFactory, StaffFactory, png_bytes
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: D, hour: int = 10, minute: int = 0):
    """Stand at a local (Asia/Shanghai) time on `day`."""
    moment = datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    return time_machine.travel(moment, tick=False)


@pytest.fixture(autouse=True)
def _long_sessions(settings):
    # The tests travel months away from the moment they log in.
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600


@pytest.fixture
def clerk(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    return staff


def own(clerk, **kwargs):
    kwargs.setdefault("person__certificate_date", D(2026, 7, 1))
    kwargs.setdefault("position__valid_until", D(2027, 12, 31))
    return TraineeshipFactory(employer=clerk.employer, **kwargs)


class TestAccess:
    def test_anonymous_is_sent_to_login(self, client):
        t = TraineeshipFactory()
        response = client.get(reverse("internships:detail", args=[t.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_another_employers_traineeship_and_its_files_are_404(self, client, clerk):
        t = TraineeshipFactory()
        e = ExtensionFactory(traineeship=TraineeshipFactory(active=True))
        for url in [
            reverse("internships:detail", args=[t.pk]),
            reverse("internships:agreement_pdf", args=[t.pk]),
            reverse("internships:agreement_scan", args=[t.pk]),
            reverse("internships:certificate_pdf", args=[t.pk]),
            reverse("internships:extension_pdf", args=[e.traineeship_id, e.pk]),
            reverse("internships:extension_scan", args=[e.traineeship_id, e.pk]),
        ]:
            assert client.get(url).status_code == 404, url
        for name in [
            "submit",
            "withdraw",
            "terminate",
            "retention",
            "edit",
            "agreement_upload",
            "extension_save",
        ]:
            assert client.post(reverse(f"internships:{name}", args=[t.pk])).status_code == 404, name
        for name in ["extension_submit", "extension_withdraw", "extension_upload"]:
            assert (
                client.post(reverse(f"internships:{name}", args=[e.traineeship_id, e.pk])).status_code == 404
            )

    def test_an_extension_cannot_be_reached_through_another_traineeship(self, client, clerk):
        mine = own(clerk, active=True)
        theirs = ExtensionFactory()
        assert client.get(reverse("internships:extension_pdf", args=[mine.pk, theirs.pk])).status_code == 404

    def test_post_only_urls_refuse_get(self, client, clerk):
        t = own(clerk)
        for name in [
            "submit",
            "withdraw",
            "terminate",
            "retention",
            "edit",
            "agreement_upload",
            "extension_save",
        ]:
            assert client.get(reverse(f"internships:{name}", args=[t.pk])).status_code == 405, name


class TestFiling:
    def test_several_graduates_become_one_draft_each(self, client, clerk):
        persons = PersonFactory.create_batch(2, registered_by=clerk.employer, approved=True)
        PersonFactory(registered_by=clerk.employer)  # a draft person is not offered
        position = PositionFactory(employer=clerk.employer, published=True)
        page = client.get(reverse("internships:create"))
        assert set(page.context["form"].fields["persons"].queryset) == set(persons)

        client.post(
            reverse("internships:create"),
            {
                "persons": [p.pk for p in persons],
                "position": position.pk,
                "start": "2027-03-01",
                "end": "2027-08-31",
                "mentor": "王建国",
                "work_content": "财务核算",
            },
        )

        assert Traineeship.objects.filter(employer=clerk.employer, status="draft").count() == 2

    def test_upload_the_scan_then_submit(self, client, clerk):
        t = own(clerk, no_scan=True, start=D(2027, 3, 1))
        with at(D(2027, 2, 20)):
            client.post(
                reverse("internships:agreement_upload", args=[t.pk]),
                {"scan": SimpleUploadedFile("协议.png", png_bytes())},
            )
            client.post(reverse("internships:submit", args=[t.pk]))
        t.refresh_from_db()
        assert t.status == "submitted" and t.agreement

    def test_the_detail_page_explains_why_it_cannot_be_submitted(self, client, clerk):
        t = own(clerk, no_scan=True, person__school_name="福州大学")
        with at(D(2027, 2, 20)):
            html = client.get(reverse("internships:detail", args=[t.pk])).content.decode()
        assert 'id="submission-problems"' in html
        assert "rule-origin_or_xiamen_school_required rule-failed" in html

    def test_the_agreement_pdf_is_a_pdf(self, client, clerk):
        t = own(clerk)
        response = client.get(reverse("internships:agreement_pdf", args=[t.pk]))
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")

    def test_start_on_the_filing_day_is_refused_in_the_browser_too(self, client, clerk):
        t = own(clerk, start=D(2027, 3, 1))
        with at(D(2027, 3, 1)):
            client.post(reverse("internships:submit", args=[t.pk]))
        t.refresh_from_db()
        assert t.status == "draft"


class TestDeadlinesAtLocalTime:
    def test_extension_on_end_minus_one_accepted_on_end_date_refused(self, client, clerk):
        t = own(clerk, active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        e = ExtensionFactory(traineeship=t, new_end=D(2027, 7, 31))
        with at(D(2027, 5, 31), 0, 30):  # 2027-05-30 16:30 UTC: already the end date in Xiamen
            client.post(reverse("internships:extension_submit", args=[t.pk, e.pk]))
        e.refresh_from_db()
        assert e.status == Extension.Status.DRAFT
        with at(D(2027, 5, 30), 23, 59):
            client.post(reverse("internships:extension_submit", args=[t.pk, e.pk]))
        e.refresh_from_db()
        assert e.status == Extension.Status.SUBMITTED

    def test_termination_at_half_past_midnight_on_the_last_day_is_refused(self, client, clerk):
        t = own(clerk, active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        data = {"on": "2027-03-15", "reason": "个人原因"}
        with at(D(2027, 3, 31), 0, 30):  # still 03-30 in UTC
            client.post(reverse("internships:terminate", args=[t.pk]), data)
        t.refresh_from_db()
        assert t.terminated_on is None
        with at(D(2027, 3, 30), 23, 30):
            client.post(reverse("internships:terminate", args=[t.pk]), data)
        t.refresh_from_db()
        assert t.terminated_on == D(2027, 3, 15)


class TestList:
    def test_it_shows_the_next_deadline_and_filters_ending_soon(self, client, clerk):
        soon = own(clerk, active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        own(clerk, active=True, start=D(2027, 3, 1), end=D(2027, 12, 31))
        with at(D(2027, 5, 10)):
            page = client.get(reverse("internships:list"), {"ending": "30"})
        assert [t for t, _ in page.context["rows"]] == [soon]
        assert page.context["rows"][0][1][1] == D(2027, 5, 30)

    @pytest.mark.parametrize("size", [3, 30])
    def test_query_count_does_not_grow(self, client, clerk, django_assert_max_num_queries, size):
        for _ in range(size):
            own(clerk, active=True)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("internships:list")).status_code == 200


class TestCalendar:
    def test_the_private_feed_lists_upcoming_deadlines(self, client, clerk):
        own(clerk, active=True, start=D(2027, 3, 1), end=D(2027, 5, 31), person__name="林𠮷")
        with at(D(2027, 5, 10)):
            response = client.get(reverse("calendar_feed", args=[clerk.employer.calendar_token]))
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert "DTSTART;VALUE=DATE:20270530" in body and "林𠮷" in body

    def test_a_wrong_token_is_404_and_a_reset_token_stops_working(self, client, clerk):
        old = clerk.employer.calendar_token
        assert client.get(reverse("calendar_feed", args=["nope"])).status_code == 404
        client.post(reverse("internships:calendar_reset"))
        assert client.get(reverse("calendar_feed", args=[old])).status_code == 404


class TestReviewerSite:
    def test_reviewer_sees_scan_and_eligibility_then_approves(self, client):
        t = TraineeshipFactory(
            submitted=True, submitted_on=D(2027, 2, 20), person__certificate_date=D(2026, 7, 1)
        )
        client.force_login(ReviewerFactory())
        page = client.get(reverse("review:internships_traineeship_change", args=[t.pk])).content.decode()
        assert reverse("review:internships_traineeship_scan", args=[t.pk]) in page
        assert "✓" in page
        with at(D(2027, 2, 25)):
            client.post(reverse("review:internships_traineeship_approve", args=[t.pk]))
        t.refresh_from_db()
        assert t.status == "approved"

    def test_a_decided_traineeship_is_judged_without_the_ones_filed_after_it(self, client):
        first = TraineeshipFactory(
            status=Traineeship.Status.TERMINATED,
            start=D(2027, 3, 1),
            end=D(2027, 8, 31),
            terminated_on=D(2027, 5, 31),
            submitted_on=D(2027, 2, 20),
            person__certificate_date=D(2026, 7, 1),
        )
        later = TraineeshipFactory(
            active=True,
            person=first.person,
            start=D(2027, 6, 15),
            end=D(2027, 12, 14),
            submitted_on=D(2027, 6, 1),
        )
        client.force_login(ReviewerFactory())

        def panel(t):
            page = client.get(reverse("review:internships_traineeship_change", args=[t.pk])).content.decode()
            return page[page.index("申报日见习资格") :]

        assert "✗" not in panel(first)  # the later one did not exist when it was filed
        assert "✗" not in panel(later) and "2027-03-01" in panel(later)  # the earlier one counts

    def test_reviewer_approves_an_extension(self, client):
        e = ExtensionFactory(status=Extension.Status.SUBMITTED)
        client.force_login(ReviewerFactory())
        client.post(reverse("review:internships_extension_approve", args=[e.pk]))
        e.traineeship.refresh_from_db()
        assert e.traineeship.end == e.new_end


def test_the_injury_insurance_roster_lists_everyone_active_in_the_month(client):
    import io

    from openpyxl import load_workbook

    from reviews.roles import AUDITOR

    ran = TraineeshipFactory(active=True, start=D(2027, 5, 20), end=D(2027, 9, 30), person__name="=吉𠮷")
    TraineeshipFactory(completed=True, start=D(2027, 3, 1), end=D(2027, 5, 31))  # ended before June
    TraineeshipFactory(submitted=True, start=D(2027, 6, 1), end=D(2027, 9, 30))  # not approved
    client.force_login(ReviewerFactory(role=AUDITOR))
    response = client.get(reverse("review:internships_traineeship_roster"), {"month": "2027-06"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 1
    assert rows[0][1].value == "=吉𠮷" and rows[0][1].data_type == "s"
    assert rows[0][2].value == ran.person.id_number and rows[0][2].data_type == "s"
