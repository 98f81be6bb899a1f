"""The whole lifecycle walked in one run of a real browser, in Chinese, as a clerk and a
reviewer do it. Screenshots: test-artifacts/screenshots/the_whole_lifecycle/."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from employers.models import Employer
from tests.employers.factories import ReviewerFactory, credit_code, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def log_out(page) -> None:
    with page.expect_navigation():
        page.click("nav form[action='/accounts/logout/'] button")


def review_logout(page) -> None:
    with page.expect_navigation():
        page.click("#logout-form button")


def review_login(page, username: str, password: str) -> None:
    page.goto("/review/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_the_language_switch_shows_english(page):
    page.goto("/")
    assert "见习岗位" in page.inner_text("h1")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert "Find a traineeship position" in page.inner_text("h1")


CST = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date
CLERK, CLERK_PASSWORD = "ludao", "Gulangyu-2027"
REVIEWER, REVIEWER_PASSWORD = "shenhe", "Review-pass-1"
EMPLOYER = "厦门鹭岛软件有限公司"
# Two graduates with characters beyond everyday fonts: 䶮 (Extension A) and 𠮷 (beyond the BMP).
KEPT, LEFT = "黄䶮", "吉𠮷"


def at(moment: datetime.datetime):
    """Move the clock (the live server's too: it runs in this process) and let it tick."""
    return time_machine.travel(moment, tick=True)


def review(page, queue: str, name: str) -> None:
    """Open the queue, open the named item, approve it."""
    page.goto(f"/review/{queue}/")
    page.click(f"#result_list >> text={name}")
    page.wait_for_selector("#review-decision")
    page.once("dialog", lambda dialog: dialog.accept())  # "Approve …? This cannot be undone."
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")


def register_graduate(page, name: str, n: int, scan) -> None:
    from tests.trainees.factories import id_number

    page.goto("/employer/persons/new/")
    page.fill("#id_name", name)
    page.fill("#id_id_number", id_number(n).lower())
    page.fill("#id_mobile", "13912345678")
    page.select_option("#id_education", "bachelor")
    page.fill("#id_school_name", "厦门大学")
    page.fill("#id_major", "会计学")
    page.fill("#id_certificate_number", f"1038412026050001{n:02d}")
    page.fill("#id_certificate_date", "2026-06-30")
    page.select_option("#id_basis", "xiamen_school")
    page.fill("#id_bank_name", "中国建设银行厦门分行")
    page.fill("#id_bank_account", "6217001234567891232")
    page.click("button[name=save]")
    page.wait_for_selector("#eligibility")
    page.set_input_files("#id_file", str(scan))
    page.click("input[name=upload]")
    page.wait_for_selector("text=扫描件已上传")
    page.click("form[action$='/submit/'] button")
    page.wait_for_selector(".alert-success")


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_the_whole_lifecycle(page, shot, tmp_path):
    """One employer and two graduates from registration to the paid subsidy and the
    certificate, with the clock moved from day to day as the programme's dates require."""
    from openpyxl import load_workbook

    from internships.models import Extension, Traineeship
    from subsidies.models import SubsidyBatch
    from trainees.models import Person

    ReviewerFactory(username=REVIEWER, password=REVIEWER_PASSWORD)
    scan = tmp_path / "扫描件.png"
    scan.write_bytes(png_bytes((300, 200)))
    start, end = D(2027, 3, 2), D(2027, 6, 1)

    with at(datetime.datetime(2027, 3, 1, 9, tzinfo=CST)):
        # An employer clerk registers; the employer waits for verification.
        page.goto("/employer/register/")
        page.fill("#id_username", CLERK)
        page.fill("#id_full_name", "林小红")
        page.fill("#id_password1", CLERK_PASSWORD)
        page.fill("#id_password2", CLERK_PASSWORD)
        page.fill("#id_name", EMPLOYER)
        page.fill("#id_credit_code", credit_code(777))
        page.select_option("#id_kind", "enterprise")
        page.select_option("#id_district", "huli")
        page.fill("#id_address", "厦门市湖里区安岭路1000号")
        page.fill("#id_contact_name", "林小红")
        page.fill("#id_mobile", "13859201234")
        page.fill("#id_email", "hr@ludao.example.cn")
        page.set_input_files("#id_licence", str(scan))
        shot("register-employer")
        page.click("input[name=register]")
        page.wait_for_selector("#pending-banner")
        shot("employer-pending")
        log_out(page)

        # A reviewer verifies it.
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        page.goto("/review/employers/employer/")
        page.click(f"#result_list >> text={EMPLOYER}")
        shot("review-employer")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("input[name=approve]")
        page.wait_for_selector(".messagelist")
        review_logout(page)
        assert Employer.objects.get().status == Employer.Status.VERIFIED

        # The clerk declares a position; the reviewer publishes it.
        log_in(page, CLERK, CLERK_PASSWORD)
        page.goto("/employer/positions/new/")
        page.fill("#id_title", "财务助理见习")
        page.fill("#id_openings", "3")
        page.select_option("#id_education", "bachelor")
        page.fill("#id_major_requirement", "会计类")
        page.fill("#id_duties", "协助完成日常财务核算。")
        page.select_option("#id_district", "huli")
        page.fill("#id_address", "厦门市湖里区安岭路1000号")
        page.fill("#id_months_offered", "6")
        page.fill("#id_contact_name", "林小红")
        page.fill("#id_contact_phone", "0592-5396591")
        page.fill("#id_valid_until", "2027-04-30")
        shot("declare-position")
        page.click("input[name=save]")
        page.click("form[action$='/submit/'] button")
        page.wait_for_selector(".alert-success")
        log_out(page)
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        review(page, "positions/position", "财务助理见习")
        shot("position-published")
        review_logout(page)

        # Anyone finds it on the public search.
        page.goto("/")
        page.fill("#id_q", "财务")
        page.select_option("#id_district", "huli")
        page.click("form[role=search] button[type=submit]")
        page.click("#results >> text=财务助理见习")
        assert EMPLOYER in page.inner_text("main")
        shot("public-search")

        # The clerk registers two graduates with their scans; the reviewer approves both.
        log_in(page, CLERK, CLERK_PASSWORD)
        register_graduate(page, KEPT, 42, scan)
        shot("graduate-submitted")
        register_graduate(page, LEFT, 43, scan)
        log_out(page)
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        for name in (KEPT, LEFT):
            review(page, "trainees/person", name)
        shot("graduates-approved")
        review_logout(page)
        assert set(Person.objects.values_list("status", flat=True)) == {Person.Status.APPROVED}

        # Both are in the pool and eligible; the clerk files their traineeships together.
        log_in(page, CLERK, CLERK_PASSWORD)
        page.goto("/employer/persons/?status=approved")
        page.click(f"text={KEPT}")
        assert page.locator("#eligibility .rule-failed").count() == 0
        shot("graduate-eligible")
        page.goto("/employer/traineeships/new/")
        page.check(f"text={KEPT}")
        page.check(f"text={LEFT}")
        page.select_option("#id_position", label="财务助理见习")
        page.fill("#id_start", start.isoformat())
        page.fill("#id_end", end.isoformat())
        page.fill("#id_mentor", "王建国")
        page.fill("#id_work_content", "协助完成日常财务核算。")
        shot("new-traineeships")
        page.click("button[name=create]")
        for name in (KEPT, LEFT):
            page.goto("/employer/traineeships/?status=draft")
            page.click(f"text={name}")
            page.wait_for_selector("#eligibility")
            agreement = page.request.get(page.get_attribute("a[href$='agreement.pdf']", "href"))
            assert agreement.ok and name in pdf_text(agreement.body())
            page.set_input_files("#id_scan", str(scan))
            page.click("input[name=upload]")
            page.wait_for_selector("text=签章协议已上传")
            page.click("button[name=submit]")
            page.wait_for_selector("text=见习申请已提交审核")
        shot("traineeships-submitted")
        log_out(page)
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        for name in (KEPT, LEFT):
            review(page, "internships/traineeship", name)
        shot("traineeships-approved")
        review_logout(page)

    # The start date comes: the nightly sweep makes both traineeships active.
    with at(datetime.datetime(2027, 3, 2, 0, 10, tzinfo=CST)):
        call_command("run_daily_jobs", date="2027-03-02", stdout=io.StringIO())
    kept = Traineeship.objects.get(person__name=KEPT)
    left = Traineeship.objects.get(person__name=LEFT)
    assert {kept.status, left.status} == {Traineeship.Status.ACTIVE}

    with at(datetime.datetime(2027, 3, 15, 10, tzinfo=CST)):
        # One traineeship is extended by two months, the other ends early.
        log_in(page, CLERK, CLERK_PASSWORD)
        page.goto(f"/employer/traineeships/{kept.pk}/")
        page.fill("#id_new_end", "2027-08-01")
        page.click("input[name=save_extension]")
        page.wait_for_selector("text=延期申请已保存")
        page.set_input_files("form[action*='/extension/'] #id_scan", str(scan))
        page.click("form[action*='/extension/'] input[name=upload]")
        page.wait_for_selector("text=签章延期协议已上传")
        page.click("button[name=submit_extension]")
        page.wait_for_selector("text=延期申请已提交审核")
        shot("extension-submitted")
        page.goto(f"/employer/traineeships/{left.pk}/")
        page.fill("#id_on", "2027-04-15")
        page.fill("#id_reason", "双方协商一致")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("input[name=terminate]")
        page.wait_for_selector("text=中止已登记")
        shot("termination-entered")
        log_out(page)
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        review(page, "internships/extension", KEPT)
        shot("extension-approved")
        review_logout(page)
    kept.refresh_from_db()
    assert kept.end == D(2027, 8, 1) and Extension.objects.get().status == Extension.Status.APPROVED

    with at(datetime.datetime(2027, 4, 1, 10, tzinfo=CST)):
        # March's subsidy window is open: the clerk files the month's batch.
        log_in(page, CLERK, CLERK_PASSWORD)
        page.click("nav >> text=补贴批次管理")
        page.click("#window-2027-03 button[name=create]")
        page.wait_for_selector("#lines")
        row = page.locator("#lines tr", has_text=LEFT)
        row.locator("input[name=attendance_days]").fill("18")
        row.locator("button").click()
        page.wait_for_selector(f"text=已保存：{LEFT}")
        shot("batch-lines")
        with page.expect_download() as download:
            page.click("text=导出人员信息及签名表")
        sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        assert any(r[1] == LEFT and r[5] == 18 for r in sheet.iter_rows(values_only=True))
        page.set_input_files("#id_scan", str(scan))
        page.click("button[name=upload]")
        page.wait_for_selector("text=签名表扫描件已上传")
        page.click("button[name=submit]")
        page.wait_for_selector("text=补贴批次已提交审核")
        shot("batch-submitted")
        log_out(page)

        # The reviewer approves it, exports the payment list and records the payment.
        review_login(page, REVIEWER, REVIEWER_PASSWORD)
        review(page, "subsidies/subsidybatch", EMPLOYER)
        page.goto("/review/subsidies/subsidybatch/?status=approved")
        page.fill("#payment-month", "2027-03")
        with page.expect_download() as download:
            page.click("#payment-month ~ input[type=submit]")
        payment = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        rows = list(payment.iter_rows(min_row=2, values_only=True))
        assert sorted(r[1] for r in rows[:-1]) == sorted([KEPT, LEFT]) and rows[-1][1:3] == ("合计", "2人")
        page.check("input[name=_selected_action]")
        page.select_option("select[name=action]", "mark_paid")
        page.click("button[name=index]")
        page.fill("#id_paid_on", "2027-04-01")
        page.click("input[type=submit][value='标记为已发放']")
        page.wait_for_selector(".messagelist")
        shot("batch-paid")
        review_logout(page)
    batch = SubsidyBatch.objects.get()
    assert batch.status == SubsidyBatch.Status.PAID and batch.lines.count() == 2

    # The termination takes effect; the clerk prints the certificate of the traineeship.
    with at(datetime.datetime(2027, 4, 16, 0, 10, tzinfo=CST)):
        call_command("run_daily_jobs", date="2027-04-16", stdout=io.StringIO())
    left.refresh_from_db()
    assert left.status == Traineeship.Status.TERMINATED
    with at(datetime.datetime(2027, 4, 16, 10, tzinfo=CST)):
        log_in(page, CLERK, CLERK_PASSWORD)
        page.goto(f"/employer/traineeships/{left.pk}/")
        shot("terminated")
        certificate = page.request.get(page.get_attribute("a[href$='certificate.pdf']", "href"))
        assert certificate.ok and certificate.headers["content-type"] == "application/pdf"
        assert LEFT in pdf_text(certificate.body())
        (shot.folder / "certificate.pdf").write_bytes(certificate.body())
