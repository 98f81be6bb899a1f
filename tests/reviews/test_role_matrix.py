"""Every reviewer-site queue and decision, for every kind of visitor."""

import pytest
from django.urls import reverse

from reviews.admin import ReviewAdmin
from reviews.roles import AUDITOR, REVIEWER, SUPERVISOR
from reviews.site import review_site
from tests.employers.factories import ReviewerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = sorted(review_site._registry.items(), key=lambda item: item[0]._meta.label)
REVIEWABLE = [(model, model_admin) for model, model_admin in MODELS if isinstance(model_admin, ReviewAdmin)]
# Models a supervisor keeps up to date; the others are read-only to everyone.
EDITABLE_BY_SUPERVISORS = {
    "subsidies.holidayday",
    "subsidies.windowoverride",
    "subsidies.latefilingexception",
    "subsidies.subsidyrate",
    "trainees.school",
}


def visitor(kind: str):
    if kind == "anonymous":
        return None
    if kind == "employer":
        return StaffFactory(user__is_staff=True).user
    if kind == "staff without role":
        return UserFactory(is_staff=True)
    return ReviewerFactory(role=kind)


@pytest.mark.parametrize("kind", ["anonymous", "employer", "staff without role"])
@pytest.mark.parametrize(("model", "model_admin"), MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_outsiders_never_reach_a_queue(client, kind, model, model_admin):
    user = visitor(kind)
    if user:
        client.force_login(user)
    response = client.get(reverse(f"review:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    assert response.status_code == 302 and "/review/login/" in response["Location"]


@pytest.mark.parametrize("kind", [REVIEWER, SUPERVISOR, AUDITOR])
@pytest.mark.parametrize(("model", "model_admin"), MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_reviewer_roles_read_every_queue_and_only_supervisors_edit_settings(client, kind, model, model_admin):
    client.force_login(visitor(kind))
    label = model._meta.label_lower
    info = f"review:{model._meta.app_label}_{model._meta.model_name}"
    supervisors_only = label in ("reviews.accesslog", "reviews.loginlockout")
    expected_read = 403 if supervisors_only and kind != SUPERVISOR else 200
    assert client.get(reverse(f"{info}_changelist")).status_code == expected_read
    add = client.get(reverse(f"{info}_add")).status_code
    assert add == (200 if kind == SUPERVISOR and label in EDITABLE_BY_SUPERVISORS else 403)


@pytest.mark.parametrize(("model", "model_admin"), REVIEWABLE, ids=lambda v: getattr(v, "__name__", ""))
def test_an_auditor_cannot_decide_by_a_forged_post(client, model, model_admin):
    client.force_login(visitor(AUDITOR))
    info = f"review:{model._meta.app_label}_{model._meta.model_name}"
    assert client.post(reverse(f"{info}_approve", args=[1])).status_code == 403
    assert client.post(reverse(f"{info}_return", args=[1]), {"reason": "x"}).status_code == 403
