import importlib

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _private_uploads(tmp_path, settings):
    """Each test writes uploads into its own folder, never into the project's."""
    storages = {**settings.STORAGES}
    storages["default"] = {**storages["default"], "OPTIONS": {"location": str(tmp_path / "uploads")}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def _chinese_by_default(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture(autouse=True)
def _xiamen_schools(request):
    """Transactional tests empty every table afterwards, the migrated school list included."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("trainees.migrations.0002_xiamen_schools").add_schools(apps, None)


def log_in(client, username: str, password: str) -> bool:
    """Log in through the login form, as a clerk does; True when it worked."""
    client.post("/accounts/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing a test computed and cached (the dashboard's figures) leaks into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
