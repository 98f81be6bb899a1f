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
