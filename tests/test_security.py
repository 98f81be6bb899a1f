"""Logins are throttled, idle sessions end, every form needs its CSRF token, pages carry a
content-security policy, and the production settings pass Django's deployment check."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import log_in
from tests.employers.factories import ReviewerFactory, StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Xiamen-Harbour-2027"


def try_login(
    client: Client, username: str, password: str, address: str = "10.0.0.1", path="/accounts/login/"
):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def clerk():
    return StaffFactory(user__username="lin", user__password=PASSWORD).user


class TestLoginThrottling:
    def test_five_failures_lock_the_account_even_for_the_right_password(self, client, clerk, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = try_login(client, "lin", "wrong-guess")
            assert response.status_code == 200  # the form again, with its error
        assert try_login(client, "lin", "wrong-guess").status_code == 429  # the last one allowed
        response = try_login(client, "lin", PASSWORD)
        assert response.status_code == 429
        assert "登录已暂停" in response.content.decode()
        assert "_auth_user_id" not in client.session
        # From another address too: the account itself is locked.
        assert try_login(Client(), "lin", PASSWORD, address="10.9.9.9").status_code == 429

    def test_the_lock_lifts_after_the_cool_off(self, client, clerk, settings):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            for _ in range(settings.AXES_FAILURE_LIMIT):
                try_login(client, "lin", "wrong-guess")
            assert try_login(client, "lin", PASSWORD).status_code == 429
        with time_machine.travel(
            start + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1), tick=False
        ):
            assert try_login(client, "lin", PASSWORD).status_code == 302
            assert "_auth_user_id" in client.session

    def test_failures_across_accounts_lock_the_address_only(self, client, clerk, settings):
        for n in range(settings.AXES_FAILURE_LIMIT):
            try_login(client, f"guess{n}", "wrong-guess", address="203.0.113.7")
        assert try_login(Client(), "lin", PASSWORD, address="203.0.113.7").status_code == 429
        other = Client()
        assert try_login(other, "lin", PASSWORD, address="198.51.100.1").status_code == 302

    def test_a_success_clears_earlier_failures(self, client, clerk, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            try_login(client, "lin", "wrong-guess")
        assert try_login(client, "lin", PASSWORD).status_code == 302
        client.post(reverse("logout"))
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            try_login(client, "lin", "wrong-guess")
        assert try_login(client, "lin", PASSWORD).status_code == 302

    def test_logging_in_to_ones_own_account_does_not_reset_the_guesses_at_another(self, clerk, settings):
        StaffFactory(user__username="guesser", user__password=PASSWORD)
        attacker = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            try_login(attacker, "lin", "wrong-guess")
        assert try_login(attacker, "guesser", PASSWORD).status_code == 302
        attacker.post(reverse("logout"))
        # The fifth guess at lin still counts as the fifth: lin is locked from every address,
        # and so is the attacker's address.
        assert try_login(attacker, "lin", "wrong-guess").status_code == 429
        assert try_login(Client(), "lin", PASSWORD, address="10.9.9.9").status_code == 429
        assert try_login(Client(), "guesser", PASSWORD).status_code == 429

    def test_the_reviewer_site_login_is_throttled_too(self, client, settings):
        ReviewerFactory(username="shenhe", password=PASSWORD)
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert try_login(client, "shenhe", "wrong-guess", path="/review/login/").status_code == 200
        assert try_login(client, "shenhe", "wrong-guess", path="/review/login/").status_code == 429
        assert try_login(client, "shenhe", PASSWORD, path="/review/login/").status_code == 429
        assert "_auth_user_id" not in client.session


class TestPasswordStorage:
    def test_a_new_password_is_stored_with_argon2id(self, clerk):
        clerk.refresh_from_db()
        assert clerk.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert clerk.check_password(PASSWORD) and not clerk.check_password(PASSWORD + "x")

    def test_an_older_pbkdf2_password_still_logs_in_and_is_stored_anew(self, client, clerk):
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        hasher = PBKDF2PasswordHasher()
        type(clerk).objects.filter(pk=clerk.pk).update(password=hasher.encode(PASSWORD, hasher.salt()))
        assert try_login(client, "lin", PASSWORD).status_code == 302
        clerk.refresh_from_db()
        assert clerk.password.startswith("argon2$argon2id$")


class TestIdleSessions:
    def test_a_session_ends_after_half_an_hour_without_a_request(self, client, clerk, settings):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            assert log_in(client, "lin", PASSWORD)
            assert client.get(reverse("employers:dashboard")).status_code == 200
        idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
        with time_machine.travel(start + idle, tick=False):
            response = client.get(reverse("employers:dashboard"))
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))

    def test_working_keeps_the_session(self, client, clerk, settings):
        moment = timezone.now()
        with time_machine.travel(moment, tick=False):
            assert log_in(client, "lin", PASSWORD)
        step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE * 2 // 3)
        for _ in range(4):  # well past one idle period in all
            moment += step
            with time_machine.travel(moment, tick=False):
                assert client.get(reverse("employers:dashboard")).status_code == 200

    def test_the_cookie_ends_with_the_browser(self, client, clerk):
        log_in(client, "lin", PASSWORD)
        cookie = client.cookies["sessionid"]
        assert not cookie["expires"] and not cookie["max-age"]
        assert cookie["httponly"]


class TestCsrf:
    @pytest.mark.parametrize(
        "path",
        ["/accounts/login/", "/employer/register/", "/review/login/", "/accounts/password_reset/"],
    )
    def test_a_form_posted_without_its_token_is_refused(self, path):
        client = Client(enforce_csrf_checks=True)
        response = client.post(path, {"username": "lin", "password": PASSWORD, "email": "a@b.cn"})
        assert response.status_code == 403

    def test_a_signed_in_action_without_its_token_changes_nothing(self, clerk):
        client = Client(enforce_csrf_checks=True)
        client.force_login(clerk)
        response = client.post(reverse("employers:profile"), {"name": "篡改的名称"})
        assert response.status_code == 403
        clerk.staff.employer.refresh_from_db()
        assert clerk.staff.employer.name != "篡改的名称"


class TestContentSecurityPolicy:
    @pytest.mark.parametrize("path", ["/", "/accounts/login/", "/review/login/"])
    def test_pages_allow_only_their_own_scripts_and_styles(self, client, path):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy

    def test_no_template_has_inline_script_or_style(self):
        """Inline handlers and style attributes would be blocked by the policy in the browser."""
        templates = Path(__file__).resolve().parents[1] / "templates"
        offenders = []
        for template in templates.rglob("*.html"):
            if "pdf" in template.parts:  # rendered by WeasyPrint, never by a browser
                continue
            text = template.read_text()
            for marker in (' style="', " onsubmit=", " onclick=", " onchange=", "<style", "<script>"):
                if marker in text:
                    offenders.append(f"{template.relative_to(templates)}: {marker.strip()}")
        assert offenders == []


def test_production_settings_pass_the_deployment_check(tmp_path):
    root = Path(__file__).resolve().parents[1]
    # The browser tests allow async-unsafe calls in this process; a server has no such variable.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "false",
        "SECRET_KEY": "test-only-" + "x" * 60 + "-not-a-real-secret",
        "ALLOWED_HOSTS": "jiexi.example.cn",
        "STATIC_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


class TestLiftingALockOut:
    def test_a_supervisor_lifts_a_clerks_lock_out(self, client, clerk, settings):
        from reviews.models import LoginLockout
        from reviews.roles import SUPERVISOR

        for _ in range(settings.AXES_FAILURE_LIMIT):
            try_login(client, "lin", "wrong-guess")
        assert try_login(client, "lin", PASSWORD).status_code == 429

        supervisor = Client()
        supervisor.force_login(ReviewerFactory(role=SUPERVISOR))
        queue = supervisor.get(reverse("review:reviews_loginlockout_changelist"))
        assert "lin" in queue.content.decode()
        lockout = LoginLockout.objects.get(username="lin")
        response = supervisor.post(
            reverse("review:reviews_loginlockout_changelist"),
            {"action": "unlock_selected", "_selected_action": [lockout.pk]},
            follow=True,
        )
        assert "已解除" in response.content.decode()
        assert try_login(client, "lin", PASSWORD).status_code == 302

    def test_a_reviewer_can_neither_see_nor_lift_them(self, client, clerk, settings):
        from reviews.models import LoginLockout

        for _ in range(settings.AXES_FAILURE_LIMIT):
            try_login(Client(), "lin", "wrong-guess")
        client.force_login(ReviewerFactory())
        url = reverse("review:reviews_loginlockout_changelist")
        assert client.get(url).status_code == 403
        lockout = LoginLockout.objects.get(username="lin")
        client.post(url, {"action": "unlock_selected", "_selected_action": [lockout.pk]})
        assert LoginLockout.objects.filter(pk=lockout.pk).exists()


class TestPrivatePages:
    def test_a_signed_in_clerks_pages_and_downloads_are_not_cached(self, client, clerk):
        from tests.internships.factories import TraineeshipFactory

        TraineeshipFactory(employer=clerk.staff.employer, active=True)
        client.force_login(clerk)
        for url in [reverse("employers:dashboard"), reverse("trainees:list"), reverse("notifications:inbox")]:
            assert "no-store" in client.get(url)["Cache-Control"], url

    def test_the_public_search_stays_cacheable(self, client):
        assert "no-store" not in client.get(reverse("positions:search")).get("Cache-Control", "")


class TestShortSessions:
    def test_with_a_one_minute_limit_a_request_each_half_minute_keeps_the_session(
        self, client, clerk, settings
    ):
        settings.SESSION_COOKIE_AGE = 60
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            client.force_login(clerk)
        for seconds in (35, 70, 105):
            with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
                response = client.get(reverse("employers:dashboard"))
                assert response.status_code == 200, seconds
