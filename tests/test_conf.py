"""The WAGTAIL_DEFENDERS settings dict and its system checks."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from wagtail_defenders.checks import check_defenders_settings
from wagtail_defenders.conf import DEFAULTS, defenders_settings


@override_settings(WAGTAIL_DEFENDERS={})
def test_defaults_apply_when_nothing_is_set():
    for key, value in DEFAULTS.items():
        assert getattr(defenders_settings, key) == value


def test_settings_are_reloaded_when_they_change():
    with override_settings(WAGTAIL_DEFENDERS={"PER_PAGE": 3}):
        assert defenders_settings.PER_PAGE == 3
    assert defenders_settings.PER_PAGE == DEFAULTS["PER_PAGE"]


@override_settings(WAGTAIL_DEFENDERS={"PER_PAEG": 3})
def test_an_unknown_key_is_an_error_naming_the_known_ones():
    with pytest.raises(ImproperlyConfigured, match="PER_PAEG.*Known keys: .*PER_PAGE"):
        _ = defenders_settings.PER_PAGE
    assert [error.id for error in check_defenders_settings()] == [
        "wagtail_defenders.E001"
    ]


def test_an_unknown_setting_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        _ = defenders_settings.NOT_A_SETTING


@override_settings(
    WAGTAIL_DEFENDERS={
        "RELATED_NEWS_PAGE_TYPES": ["testapp.NewsPage", "nope.Missing", "auth.User"],
        "PORTRAIT_RENDITIONS": {"card": "fill-10x10"},
    }
)
def test_system_checks_report_bad_values():
    ids = sorted(error.id for error in check_defenders_settings())
    assert ids == [
        "wagtail_defenders.E002",
        "wagtail_defenders.E003",
        "wagtail_defenders.E004",
    ]


def test_the_test_settings_pass_the_checks():
    assert check_defenders_settings() == []


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379",
    }
}


@pytest.mark.parametrize(
    ("caches", "package", "warned"),
    [
        (LOCMEM, {}, True),
        (LOCMEM, {"CACHE_TIMEOUT": 0}, False),
        (REDIS, {}, False),
    ],
    ids=["per-process cache", "caching off", "shared cache"],
)
def test_deploy_check_warns_about_a_per_process_cache(caches, package, warned):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from wagtail_defenders.checks import check_shared_cache

    with override_settings(CACHES=caches, WAGTAIL_DEFENDERS=package):
        ids = [message.id for message in check_shared_cache()]
        assert ids == (["wagtail_defenders.W001"] if warned else [])
        if warned:
            # Only under --deploy: a developer's runserver is not nagged.
            # (Only the caches tag: other apps' checks depend on the database.)
            call_command("check", "--tag", "caches", fail_level="WARNING")
            with pytest.raises(SystemCheckError, match="W001"):
                call_command(
                    "check", "--deploy", "--tag", "caches", fail_level="WARNING"
                )
