import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from employers import services
from employers.models import Employer, Staff
from reviews.models import StatusChange
from tests.conftest import log_in
from tests.employers.factories import EmployerFactory, ReviewerFactory, StaffFactory, credit_code, png_bytes

pytestmark = pytest.mark.django_db
User = get_user_model()


def registration_data(**overrides):
    data = {
        "username": "xmclerk",
        "full_name": "林小红",
        "password1": "Gulangyu-2027",
        "password2": "Gulangyu-2027",
        "name": "厦门鹭岛软件有限公司",
        "credit_code": credit_code(4242).lower(),
        "kind": Employer.Kind.ENTERPRISE,
        "district": "huli",
        "address": "厦门市湖里区安岭路1000号",
        "contact_name": "林小红",
        "mobile": "13859201234",
        "email": "hr@ludao.example.cn",
        "licence": SimpleUploadedFile("营业执照.png", png_bytes(), content_type="image/png"),
    }
    data.update(overrides)
    return data


def test_it_registers_a_pending_employer_and_logs_the_clerk_in(client):
    response = client.post(reverse("employers:register"), registration_data(), follow=True)

    employer = Employer.objects.get()
    assert employer.status == Employer.Status.PENDING
    assert employer.credit_code == credit_code(4242)  # normalised to upper case
    staff = Staff.objects.get()
    assert staff.is_manager and staff.employer == employer
    assert response.context["user"] == staff.user
    assert "等待" in response.content.decode()  # the pending banner, in Chinese
    assert [c.to_status for c in employer.history()] == ["pending"]
    assert not employer.licence.name.endswith("营业执照.png")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350200MA0004242", "18"),
        ("91350200MA000424IX", "I"),
        ("91350200MA00042420", "最后一位"),
    ],
)
def test_it_explains_a_mistyped_credit_code(client, code, message):
    response = client.post(reverse("employers:register"), registration_data(credit_code=code))

    assert response.status_code == 200
    errors = response.context["form"].errors["credit_code"]
    assert any(message in e for e in errors), errors
    assert not Employer.objects.exists()


def test_it_refuses_a_second_employer_with_the_same_code(client):
    EmployerFactory(credit_code=credit_code(4242))

    response = client.post(reverse("employers:register"), registration_data())

    assert "credit_code" in response.context["form"].errors
    assert Employer.objects.count() == 1
    assert not Staff.objects.exists()


def test_it_refuses_an_html_file_renamed_to_png(client):
    fake = SimpleUploadedFile(
        "licence.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )

    response = client.post(reverse("employers:register"), registration_data(licence=fake))

    assert "licence" in response.context["form"].errors
    assert not Employer.objects.exists()


def test_it_refuses_mismatched_passwords(client):
    response = client.post(reverse("employers:register"), registration_data(password2="other-pass-99"))

    assert "password2" in response.context["form"].errors
    assert not Employer.objects.exists()


def test_dashboard_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("employers:dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_dashboard_sends_reviewers_to_the_reviewer_site(client):
    client.force_login(ReviewerFactory())
    response = client.get(reverse("employers:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("review:index")


def test_returned_employer_sees_the_reason_and_goes_back_to_the_queue_when_corrected(client):
    staff = StaffFactory(employer__status=Employer.Status.PENDING)
    employer = staff.employer
    employer.transition_to(Employer.Status.RETURNED, by=ReviewerFactory(), note="营业执照模糊，请重新上传")
    client.force_login(staff.user)

    page = client.get(reverse("employers:profile"))
    assert "营业执照模糊" in page.content.decode()

    data = {
        f: getattr(employer, f)
        for f in ["name", "credit_code", "kind", "district", "address", "contact_name", "email"]
    }
    data["mobile"] = "13700001111"
    client.post(reverse("employers:profile"), data)

    employer.refresh_from_db()
    assert employer.status == Employer.Status.PENDING
    assert employer.mobile == "13700001111"


def test_an_employer_under_verification_keeps_its_identity_and_changes_its_contact(client):
    staff = StaffFactory(employer__status=Employer.Status.PENDING)
    employer = staff.employer
    client.force_login(staff.user)
    data = {
        f: getattr(employer, f)
        for f in ["name", "credit_code", "kind", "district", "address", "contact_name", "mobile", "email"]
    }
    page = client.get(reverse("employers:profile"))
    assert "直至审核员作出决定" in page.content.decode()

    client.post(
        reverse("employers:profile"),
        {
            **data,
            "name": "厦门市人力资源和社会保障局（冒名）",
            "kind": Employer.Kind.AGENCY,
            "mobile": "13700003333",
        },
    )
    client.post(
        reverse("employers:profile"), {**data, "credit_code": credit_code(998), "mobile": "13700003333"}
    )

    employer.refresh_from_db()
    assert employer.name != "厦门市人力资源和社会保障局（冒名）" and employer.credit_code != credit_code(998)
    assert employer.status == Employer.Status.PENDING
    assert employer.mobile == "13700003333"  # a disabled field keeps its value; contact details save


def test_verified_employer_cannot_change_its_credit_code(client):
    staff = StaffFactory()
    employer = staff.employer
    client.force_login(staff.user)
    data = {
        f: getattr(employer, f)
        for f in ["name", "kind", "district", "address", "contact_name", "mobile", "email"]
    }

    client.post(reverse("employers:profile"), {**data, "credit_code": credit_code(999)})

    employer.refresh_from_db()
    assert employer.credit_code != credit_code(999)


def test_licence_is_served_to_its_employer_only_with_nosniff(client):
    staff = StaffFactory()
    client.force_login(staff.user)

    response = client.get(reverse("employers:licence"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == staff.employer.licence.open("rb").read()


class TestStaffAccounts:
    def test_manager_adds_a_colleague_who_sees_the_same_employer(self, client):
        manager = StaffFactory()
        client.force_login(manager.user)

        client.post(
            reverse("employers:staff"),
            {
                "username": "colleague",
                "full_name": "张伟",
                "email": "zw@example.cn",
                "password1": "Wuyuan-Bay-88",
                "password2": "Wuyuan-Bay-88",
            },
        )

        colleague = Staff.objects.get(user__username="colleague")
        assert colleague.employer == manager.employer and not colleague.is_manager
        assert log_in(client, "colleague", "Wuyuan-Bay-88")

    def test_a_colleague_without_manager_rights_cannot_add(self, client):
        clerk = StaffFactory(is_manager=False)
        client.force_login(clerk.user)

        response = client.post(reverse("employers:staff"), {"username": "x"})

        assert response.status_code == 403

    def test_manager_removes_a_colleague_who_can_no_longer_log_in(self, client):
        manager = StaffFactory()
        colleague = StaffFactory(employer=manager.employer, is_manager=False)
        client.force_login(manager.user)

        client.post(reverse("employers:staff_remove", args=[colleague.pk]))

        colleague.user.refresh_from_db()
        assert not colleague.user.is_active

    def test_removing_another_employers_staff_is_404(self, client):
        manager = StaffFactory()
        stranger = StaffFactory()
        client.force_login(manager.user)

        response = client.post(reverse("employers:staff_remove", args=[stranger.pk]))

        assert response.status_code == 404
        stranger.user.refresh_from_db()
        assert stranger.user.is_active

    def test_remove_refuses_get(self, client):
        manager = StaffFactory()
        colleague = StaffFactory(employer=manager.employer, is_manager=False)
        client.force_login(manager.user)

        assert client.get(reverse("employers:staff_remove", args=[colleague.pk])).status_code == 405


def test_registration_history_names_the_clerk(client):
    client.post(reverse("employers:register"), registration_data())
    change = StatusChange.objects.get()
    assert change.by.username == "xmclerk"


def test_password_reset_mails_a_link_that_sets_a_new_password(client, mailoutbox):
    staff = StaffFactory(user__email="clerk@example.cn")

    client.post(reverse("password_reset"), {"email": "clerk@example.cn"})

    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Jimei-Lake-2027", "new_password2": "Jimei-Lake-2027"},
    )
    assert log_in(client, staff.user.username, "Jimei-Lake-2027")


def test_password_change_needs_the_old_password(client):
    staff = StaffFactory()
    client.force_login(staff.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "Jimei-Lake-2027", "new_password2": "Jimei-Lake-2027"},
    )
    assert "old_password" in response.context["form"].errors


def test_a_credit_code_with_spaces_is_tidied(client):
    code = credit_code(4242)
    client.post(reverse("employers:register"), registration_data(credit_code=f"{code[:8]} {code[8:]}"))
    assert Employer.objects.get().credit_code == code


def test_a_full_width_username_that_matches_an_existing_one_is_refused(client):
    StaffFactory(user__username="alice")
    response = client.post(reverse("employers:register"), registration_data(username="ａｌｉｃｅ"))
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_a_verified_employer_edits_its_contact_even_if_the_licence_file_is_gone(client):
    staff = StaffFactory()
    employer = staff.employer
    employer.licence.storage.delete(employer.licence.name)
    client.force_login(staff.user)
    data = {
        f: getattr(employer, f)
        for f in ["name", "credit_code", "kind", "district", "address", "contact_name", "email"]
    }

    response = client.post(reverse("employers:profile"), {**data, "mobile": "13700002222"})

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.mobile == "13700002222"
    assert client.get(reverse("employers:licence")).status_code == 404


def test_the_browser_language_does_not_switch_the_portal_to_english(client):
    response = client.get(reverse("positions:search"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "见习岗位" in response.content.decode()


def test_a_short_password_is_explained_in_chinese(client):
    response = client.post(
        reverse("employers:register"), registration_data(password1="Ab1!", password2="Ab1!")
    )
    assert "密码长度太短" in " ".join(response.context["form"].errors["password1"])


def test_unknown_pages_get_the_portals_404(client, settings):
    settings.DEBUG = False
    response = client.get("/positions/999999/")
    assert response.status_code == 404
    assert "职业见习" in response.content.decode()


class TestSimultaneousRegistrations:
    """The forms check that a username and credit code are free; when two submissions pass
    that check together, the one that loses the race gets the form's message, not an error."""

    def test_the_second_employer_with_a_credit_code_is_told_it_is_registered(self):
        first = StaffFactory(employer__status=Employer.Status.PENDING).employer
        profile = {
            f: getattr(first, f)
            for f in ["name", "credit_code", "kind", "district", "address", "contact_name", "mobile", "email"]
        }
        with pytest.raises(ValidationError, match="已注册"):
            services.register_employer(username="second", password="x", full_name="陈二", profile=profile)
        assert Employer.objects.filter(credit_code=first.credit_code).count() == 1
        assert not User.objects.filter(username="second").exists()

    def test_a_taken_username_is_refused_without_an_employer_left_behind(self):
        StaffFactory(user__username="lin")
        profile = {
            "name": "厦门鹭岛科技有限公司",
            "credit_code": credit_code(997),
            "kind": Employer.Kind.ENTERPRISE,
            "district": "siming",
            "address": "厦门市思明区",
            "contact_name": "林一",
            "mobile": "13900001111",
            "email": "lin@example.cn",
        }
        with pytest.raises(ValidationError, match="用户名"):
            services.register_employer(username="lin", password="x", full_name="林一", profile=profile)
        assert not Employer.objects.filter(credit_code=credit_code(997)).exists()

    def test_a_colleague_account_lost_to_a_race_is_refused(self, monkeypatch):
        manager = StaffFactory(is_manager=True)
        StaffFactory(user__username="chen")
        # As if the other submission had created "chen" just after this one's check.
        monkeypatch.setattr(services.User.objects, "filter", lambda **kw: User.objects.none())
        with pytest.raises(ValidationError, match="用户名"):
            services.add_staff(
                by=manager.user, username="chen", password="x", full_name="陈", email="c@example.cn"
            )
        assert Staff.objects.filter(user__username="chen").count() == 1


def test_two_accounts_differing_only_in_case_cannot_both_exist():
    from django.db import IntegrityError, transaction

    User.objects.create_user(username="chen", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="CHEN", password="x")


def test_a_colleague_account_lost_to_a_race_in_another_case_is_refused(monkeypatch):
    manager = StaffFactory(is_manager=True)
    StaffFactory(user__username="chen")
    monkeypatch.setattr(services.User.objects, "filter", lambda **kw: User.objects.none())
    with pytest.raises(ValidationError, match="用户名"):
        services.add_staff(
            by=manager.user, username="Chen", password="x", full_name="陈", email="c@example.cn"
        )
    assert not User.objects.filter(username="Chen").exists()
