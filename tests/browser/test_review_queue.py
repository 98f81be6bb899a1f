"""A reviewer's morning in a real browser: from the dashboard into a queue, oldest first,
one item returned with a common reason, the rest approved together, then the next queue."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from positions.models import Position
from tests.browser.test_walk import review_login
from tests.employers.factories import ReviewerFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory, with_all_materials
from trainees.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def waiting_count(page, queue: str) -> str:
    return page.inner_text(f"#queue-{queue} .waiting").strip()


def test_a_reviewer_works_the_position_queue_from_the_dashboard(page, shot):
    ReviewerFactory(username="shenhe", password="Review-pass-1")
    now = timezone.now()
    titles = ["前台接待见习", "财务助理见习", "软件测试见习"]
    for age, title in zip((9, 5, 1), titles, strict=True):  # days waiting: oldest first
        position = PositionFactory(submitted=True, title=title)
        Position.objects.filter(pk=position.pk).update(status_changed_at=now - datetime.timedelta(days=age))
    person = with_all_materials(PersonFactory(submitted=True, name="黄思远"))

    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/")
    assert waiting_count(page, "position") == "3"
    assert page.inner_text("#queue-position .late").strip() == "2"  # 9 and 5 days: over 3 working days
    assert waiting_count(page, "person") == "1"
    assert page.is_visible("#dashboard-chart svg")
    shot("dashboard")

    # The queue opens on what waits, oldest first.
    page.click("#queue-position a")
    page.wait_for_selector("#result_list")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert titles[0] in rows.nth(0).inner_text() and titles[2] in rows.nth(2).inner_text()
    shot("position-queue")

    # The oldest needs a correction: returned with a common reason and a note.
    rows.nth(0).locator("th a, td a").first.click()
    page.wait_for_selector("#review-decision")
    shot("position-detail")
    page.check("#review-decision input[value=mismatch]")
    page.fill("#review-decision textarea[name=reason]", "工作地点与营业执照地址不一致，请说明。")
    page.click("#review-decision input[name=return]")
    page.wait_for_selector(".messagelist")
    shot("position-returned")

    # The two others need no reading: approved together.
    page.goto("/review/positions/position/")
    assert page.locator("#result_list tbody tr").count() == 2
    page.check("#action-toggle")
    page.select_option("select[name=action]", "approve_selected")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    shot("positions-approved")

    statuses = dict(Position.objects.values_list("title", "status"))
    assert statuses == {
        titles[0]: Position.Status.RETURNED,
        titles[1]: Position.Status.PUBLISHED,
        titles[2]: Position.Status.PUBLISHED,
    }
    returned = Position.objects.get(title=titles[0])
    assert "工作地点与营业执照地址不一致" in returned.history().last().display_note
    assert Notification.objects.filter(employer=returned.employer).exists()

    # Back on the dashboard the queue is empty; the graduate's application is next.
    page.goto("/review/")
    assert waiting_count(page, "position") == "0"
    page.click("#queue-person a")
    page.click(f"text={person.name}")
    page.wait_for_selector("#review-decision")
    scans = page.locator("img.scan-preview")
    assert scans.count() >= 1  # the scans, shown on the page and loaded
    assert scans.first.evaluate("img => img.complete && img.naturalWidth > 0")
    shot("person-detail")
    # The approval asks first; answered no, nothing happens.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.click("#review-decision input[name=approve]")
    assert questions and "不可撤销" in questions[0]
    person.refresh_from_db()
    assert person.status == Person.Status.SUBMITTED
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#review-decision input[name=approve]")
    page.wait_for_selector(".messagelist")
    person.refresh_from_db()
    assert person.status == Person.Status.APPROVED
    page.goto("/review/")
    assert waiting_count(page, "person") == "0"
    shot("dashboard-done")
