"""The lifecycle walked in a real browser, in Chinese, as a clerk and a reviewer do it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from employers.models import Employer
from positions.models import Position
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


def test_register_verify_declare_publish_and_find(page, shot, tmp_path):
    ReviewerFactory(username="shenhe", password="Review-pass-1")
    licence = tmp_path / "营业执照.png"
    licence.write_bytes(png_bytes((300, 200)))

    # An employer clerk registers.
    page.goto("/employer/register/")
    page.fill("#id_username", "ludao")
    page.fill("#id_full_name", "林小红")
    page.fill("#id_password1", "Gulangyu-2027")
    page.fill("#id_password2", "Gulangyu-2027")
    page.fill("#id_name", "厦门鹭岛软件有限公司")
    page.fill("#id_credit_code", credit_code(777))
    page.select_option("#id_kind", "enterprise")
    page.select_option("#id_district", "huli")
    page.fill("#id_address", "厦门市湖里区安岭路1000号")
    page.fill("#id_contact_name", "林小红")
    page.fill("#id_mobile", "13859201234")
    page.fill("#id_email", "hr@ludao.example.cn")
    page.set_input_files("#id_licence", str(licence))
    shot("register")
    page.click("input[name=register]")
    page.wait_for_selector("#pending-banner")
    assert "等待" in page.inner_text("#pending-banner")
    shot("registered-pending")
    log_out(page)

    # The reviewer verifies it.
    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/employers/employer/?status=pending")
    page.click("text=厦门鹭岛软件有限公司")
    shot("review-employer")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    assert Employer.objects.get().status == Employer.Status.VERIFIED
    review_logout(page)

    # The clerk declares a position and submits it.
    log_in(page, "ludao", "Gulangyu-2027")
    page.goto("/employer/positions/new/")
    page.fill("#id_title", "软件开发见习生")
    page.fill("#id_openings", "3")
    page.select_option("#id_education", "bachelor")
    page.fill("#id_major_requirement", "计算机类")
    page.fill("#id_duties", "参与后端接口开发与测试。")
    page.select_option("#id_district", "huli")
    page.fill("#id_address", "厦门市湖里区安岭路1000号")
    page.fill("#id_months_offered", "6")
    page.fill("#id_contact_name", "林小红")
    page.fill("#id_contact_phone", "0592-5396591")
    page.fill("#id_valid_until", (timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    shot("declare-position")
    page.click("input[name=save]")
    page.click("form[action$='/submit/'] button")
    page.wait_for_selector(".alert-success")
    shot("position-submitted")
    assert Position.objects.get().status == Position.Status.SUBMITTED
    log_out(page)

    # The reviewer publishes it.
    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/positions/position/?status=submitted")
    page.click("text=软件开发见习生")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    shot("position-approved")
    review_logout(page)

    # Anyone finds it on the public search.
    page.goto("/")
    page.fill("#id_q", "软件")
    page.select_option("#id_district", "huli")
    page.click("form[role=search] button[type=submit]")
    page.click("#results >> text=软件开发见习生")
    assert "厦门鹭岛软件有限公司" in page.inner_text("main")
    shot("public-detail")


def test_the_language_switch_shows_english(page):
    page.goto("/")
    assert "见习岗位" in page.inner_text("h1")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert "Find a traineeship position" in page.inner_text("h1")


def test_register_a_graduate_with_materials_and_see_them_eligible_in_the_pool(page, shot, tmp_path):
    from tests.employers.factories import StaffFactory
    from tests.trainees.factories import id_number
    from trainees.models import Person

    ReviewerFactory(username="shenhe", password="Review-pass-1")
    StaffFactory(
        user__username="ludao", user__password="Gulangyu-2027", employer__name="厦门鹭岛软件有限公司"
    )
    scan = tmp_path / "毕业证书.png"
    scan.write_bytes(png_bytes((300, 200)))

    log_in(page, "ludao", "Gulangyu-2027")
    page.click("nav >> text=见习人员")
    page.click("text=添加人员信息")
    page.fill("#id_name", "黄䶮")
    page.fill("#id_id_number", id_number(42).lower())
    page.fill("#id_mobile", "13912345678")
    page.select_option("#id_education", "bachelor")
    page.fill("#id_school_name", "厦门大学")
    page.fill("#id_major", "会计学")
    page.fill("#id_certificate_number", "103841202605000123")
    page.fill("#id_certificate_date", (timezone.localdate() - datetime.timedelta(days=150)).isoformat())
    page.select_option("#id_basis", "xiamen_school")
    page.fill("#id_bank_name", "中国建设银行厦门分行")
    page.fill("#id_bank_account", "6217001234567891232")
    shot("register-graduate")
    page.click("button[name=save]")
    page.wait_for_selector("#eligibility")
    page.set_input_files("#id_file", str(scan))
    page.click("input[name=upload]")
    page.wait_for_selector("text=扫描件已上传")
    page.click("form[action$='/submit/'] button")
    page.wait_for_selector(".alert-success")
    shot("graduate-submitted")
    assert Person.objects.get().status == Person.Status.SUBMITTED
    log_out(page)

    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/trainees/person/?status=submitted")
    page.click("text=黄䶮")
    page.wait_for_selector("img[src*='/materials/']")
    shot("review-graduate")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    review_logout(page)

    log_in(page, "ludao", "Gulangyu-2027")
    page.goto("/employer/persons/?status=approved")
    page.click("text=黄䶮")
    panel = page.locator("#eligibility")
    assert panel.locator(".rule-failed").count() == 0
    assert panel.locator(".rule-passed").count() == 4
    shot("graduate-in-pool-eligible")


def test_file_a_traineeship_review_it_extend_it_and_terminate_another(page, shot, tmp_path):
    from internships.models import Extension, Traineeship
    from tests.employers.factories import StaffFactory
    from tests.internships.factories import TraineeshipFactory
    from tests.positions.factories import PositionFactory
    from tests.trainees.factories import PersonFactory

    today = timezone.localdate()
    ReviewerFactory(username="shenhe", password="Review-pass-1")
    clerk = StaffFactory(
        user__username="ludao", user__password="Gulangyu-2027", employer__name="厦门鹭岛软件有限公司"
    )
    employer = clerk.employer
    PersonFactory(
        registered_by=employer,
        approved=True,
        name="吉𠮷",
        certificate_date=today - datetime.timedelta(days=150),
    )
    PositionFactory(employer=employer, published=True, title="财务助理", openings=3)
    running = TraineeshipFactory(
        employer=employer,
        active=True,
        person__name="刘䶮",
        start=today - datetime.timedelta(days=40),
        end=today + datetime.timedelta(days=120),
    )
    scan = tmp_path / "协议.png"
    scan.write_bytes(png_bytes((300, 200)))
    start, end = today + datetime.timedelta(days=3), today + datetime.timedelta(days=150)

    log_in(page, "ludao", "Gulangyu-2027")
    page.click("nav >> text=见习管理")
    page.click("text=新增见习")
    page.check("text=吉𠮷")
    page.select_option("#id_position", label="财务助理")
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", end.isoformat())
    page.fill("#id_mentor", "王建国")
    page.fill("#id_work_content", "协助完成日常财务核算。")
    shot("new-traineeship")
    page.click("button[name=create]")
    page.wait_for_selector("#eligibility")
    pdf = page.request.get(page.get_attribute("a[href$='agreement.pdf']", "href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.set_input_files("#id_scan", str(scan))
    page.click("input[name=upload]")
    page.wait_for_selector("text=签章协议已上传")
    page.click("button[name=submit]")
    page.wait_for_selector("text=见习申请已提交审核")
    shot("traineeship-submitted")
    log_out(page)

    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/internships/traineeship/")
    page.click("text=吉𠮷")
    page.wait_for_selector("img[src*='/scan/']")
    shot("review-traineeship")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    review_logout(page)
    filed = Traineeship.objects.get(person__name="吉𠮷")
    assert filed.status == Traineeship.Status.APPROVED
    # The start date comes: the nightly sweep makes the traineeship active.
    call_command("run_daily_jobs", date=start.isoformat(), stdout=io.StringIO())

    log_in(page, "ludao", "Gulangyu-2027")
    page.goto(f"/employer/traineeships/{filed.pk}/")
    page.fill("#id_new_end", (end + datetime.timedelta(days=60)).isoformat())
    page.click("input[name=save_extension]")
    page.wait_for_selector("text=延期申请已保存")
    page.set_input_files("form[action*='/extension/'] #id_scan", str(scan))
    page.click("form[action*='/extension/'] input[name=upload]")
    page.wait_for_selector("text=签章延期协议已上传")
    page.click("button[name=submit_extension]")
    page.wait_for_selector("text=延期申请已提交审核")
    shot("extension-submitted")

    first_of_next_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    page.goto(f"/employer/traineeships/{running.pk}/")
    page.fill("#id_on", first_of_next_month.isoformat())
    page.fill("#id_reason", "双方协商一致")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("input[name=terminate]")
    page.wait_for_selector("text=中止已登记")
    shot("termination-entered")
    log_out(page)

    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/internships/extension/")
    page.click("text=吉𠮷")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    shot("extension-approved")

    filed.refresh_from_db()
    running.refresh_from_db()
    assert filed.end == end + datetime.timedelta(days=60)
    assert Extension.objects.get().status == Extension.Status.APPROVED
    assert running.terminated_on == first_of_next_month


def test_file_the_months_batch_review_it_export_payment_and_mark_paid(page, shot, tmp_path):
    from openpyxl import load_workbook

    from subsidies.models import SubsidyBatch, WindowOverride
    from tests.employers.factories import StaffFactory
    from tests.internships.factories import TraineeshipFactory

    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    # The reviewers' notice opens last month's window around today, whatever day CI runs.
    WindowOverride.objects.create(
        month=last_month, opens=today - datetime.timedelta(days=1), closes=today + datetime.timedelta(days=1)
    )
    ReviewerFactory(username="shenhe", password="Review-pass-1")
    clerk = StaffFactory(
        user__username="ludao", user__password="Gulangyu-2027", employer__name="厦门鹭岛软件有限公司"
    )
    for name in ("吉𠮷", "刘䶮"):
        TraineeshipFactory(
            employer=clerk.employer,
            active=True,
            person__name=name,
            start=last_month - datetime.timedelta(days=40),
            end=today + datetime.timedelta(days=90),
        )
    scan = tmp_path / "签名表.png"
    scan.write_bytes(png_bytes((300, 200)))

    log_in(page, "ludao", "Gulangyu-2027")
    page.click("nav >> text=补贴批次管理")
    page.click(f"#window-{last_month:%Y-%m} button[name=create]")
    page.wait_for_selector("#lines")
    shot("batch-created")
    row = page.locator("#lines tr", has_text="吉𠮷")
    row.locator("input[name=attendance_days]").fill("20")
    row.locator("button").click()
    page.wait_for_selector("text=已保存：吉𠮷")
    assert page.inner_text("#total-amount") == "3300.00"
    with page.expect_download() as download:
        page.click("text=导出人员信息及签名表")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert any(r[1] == "吉𠮷" and r[5] == 20 for r in sheet.iter_rows(values_only=True))
    page.set_input_files("#id_scan", str(scan))
    page.click("button[name=upload]")
    page.wait_for_selector("text=签名表扫描件已上传")
    page.click("button[name=submit]")
    page.wait_for_selector("text=补贴批次已提交审核")
    shot("batch-submitted")
    log_out(page)

    review_login(page, "shenhe", "Review-pass-1")
    page.goto("/review/subsidies/subsidybatch/")
    page.click("text=厦门鹭岛软件有限公司")
    shot("review-batch")
    page.click("input[name=approve]")
    page.wait_for_selector(".messagelist")
    page.goto("/review/subsidies/subsidybatch/?status=approved")
    page.fill("#payment-month", f"{last_month:%Y-%m}")
    with page.expect_download() as download:
        page.click("#payment-month ~ input[type=submit]")
    payment = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sorted(r[1] for r in payment.iter_rows(min_row=2, values_only=True)) == sorted(["吉𠮷", "刘䶮"])
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "mark_paid")
    page.click("button[name=index]")
    page.fill("#id_paid_on", today.isoformat())
    page.click("input[type=submit][value='标记为已发放']")
    page.wait_for_selector(".messagelist")
    shot("batch-paid")
    batch = SubsidyBatch.objects.get()
    assert batch.status == SubsidyBatch.Status.PAID and batch.paid_on == today
